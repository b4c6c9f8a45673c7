"""Turn a handler file into a classic script both engines can run.

Neither engine here runs ES modules, so the entry file's own ``export default`` becomes an
assignment to ``globalThis.__server_default`` (on the same line, so stack traces keep their
line numbers), other ``export`` keywords are dropped, and an ``import`` statement is refused
with the file, the line and what to do instead. Pure Python with no engine behind it:
the reactor checks the handler with it before starting any worker, and on each reload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IMPORT = re.compile(r"""^[ \t]*import(?:[ \t]+[\w*{]|[ \t]*["'{*])""", re.M)
_DYNAMIC_OK = re.compile(r"^[ \t]*import[ \t]*\(")
_EXPORT_DEFAULT = re.compile(r"^([ \t]*)export[ \t]+default[ \t]+", re.M)
_EXPORT_NAMED_LIST = re.compile(r"^[ \t]*export[ \t]*\{[^}]*\}[ \t]*(?:from[ \t]+\S+)?;?", re.M)
_EXPORT_DECL = re.compile(r"^([ \t]*)export[ \t]+(?=(?:async[ \t]+)?function|const|let|var|class)", re.M)
_DEFAULT_IN_LIST = re.compile(r"\b([\w$]+)[ \t]+as[ \t]+default\b")
#: A minified bundle's closing ``export{a as default}``, after the last statement on its
#: line: only trailing whitespace and line comments (a source map URL) may follow it.
_TRAILING_EXPORT_LIST = re.compile(
    r"(?<=[;})\]])[ \t]*export[ \t]*\{[^}]*\}[ \t]*;?(?=\s*(?://[^\n]*\s*)*\Z)"
)


class HandlerError(Exception):
    """The handler file cannot be served as written; the message says where and why."""


@dataclass(frozen=True)
class Handler:
    source: str
    filename: str
    module: bool


def _line_of(source: str, index: int) -> int:
    return source.count("\n", 0, index) + 1


def transform(source: str, filename: str) -> Handler:
    """The script to evaluate for ``source``; ``HandlerError`` on what cannot work."""
    for m in _IMPORT.finditer(source):
        if _DYNAMIC_OK.match(source, m.start()):
            continue
        line = _line_of(source, m.start())
        text = source.splitlines()[line - 1].strip()
        raise HandlerError(
            f"{filename}:{line}: `import` statements are not supported yet ({text!r}): the "
            "engines here run classic scripts, not ES modules. Bundle the handler into one file "
            "first, e.g. `npx esbuild handler.js --bundle --format=esm --outfile=bundle.js`, "
            "and serve bundle.js (its `export default` is supported)."
        )
    module = False
    out = source

    def named_list(m: re.Match[str]) -> str:
        nonlocal module
        d = _DEFAULT_IN_LIST.search(m.group(0))
        if "from" in m.group(0).split("}")[-1]:
            line = _line_of(source, m.start())
            raise HandlerError(
                f"{filename}:{line}: `export ... from` re-exports need module support: bundle "
                "the handler first (e.g. `npx esbuild handler.js --bundle --format=esm`)."
            )
        if d:
            module = True
            return f"globalThis.__server_default = {d.group(1)};"
        return ""

    out = _EXPORT_NAMED_LIST.sub(named_list, out)
    out = _TRAILING_EXPORT_LIST.sub(named_list, out)
    count = len(_EXPORT_DEFAULT.findall(out))
    if count > 1:
        raise HandlerError(f"{filename}: more than one `export default`")
    if count:
        module = True
        out = _EXPORT_DEFAULT.sub(r"\1globalThis.__server_default = ", out, count=1)
    out = _EXPORT_DECL.sub(r"\1", out)
    return Handler(out, filename, module)


def load(path: str) -> Handler:
    """Read and transform the handler at ``path``."""
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
    except OSError as e:
        raise HandlerError(f"cannot read the handler {path}: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise HandlerError(f"{path}: not UTF-8 text ({e})") from None
    return transform(source, path)
