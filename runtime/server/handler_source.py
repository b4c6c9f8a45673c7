"""What the handler file is, checked without an engine: a module graph or a classic script.

A handler that uses ``import``/``export`` (or is ``.mjs``, ``.ts``, ``.tsx``, ``.jsx``...)
is an ES module: its graph is loaded here, in the reactor, which resolves and transforms
every file (filling the transform cache the workers read) and runs the link checks, so a
missing module or a syntax error anywhere in the graph stops the server at start (or a
reload) with its file, line and column. Any other ``.js`` file is a classic script (the
service-worker form). Pure Python: the reactor loads no engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from runtime.modules import esm, resolve
from runtime.modules.errors import ModuleError
from runtime.modules.graph import Graph, reads_as_commonjs

#: Entry files that are always modules (a ``.js`` file is one when it has module syntax
#: or its package.json says ``"type": "module"``).
MODULE_SUFFIXES = frozenset({".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx"})


class HandlerError(Exception):
    """The handler file cannot be served as written; the message says where and why."""


@dataclass(frozen=True)
class Handler:
    path: Path
    module: bool
    #: The classic script's text (modules are loaded from ``path`` by each worker).
    source: str = ""
    #: Every file whose change should reload the server.
    files: list[Path] = field(default_factory=list)

    @property
    def filename(self) -> str:
        return str(self.path)


def load(path: str, conditions: tuple[str, ...] | None = None) -> Handler:
    """Read the handler at ``path`` and, for a module, load and check its whole graph."""
    file = Path(path).resolve()
    try:
        source = file.read_text("utf-8")
    except OSError as e:
        raise HandlerError(f"cannot read the handler {path}: {e.strerror}") from None
    except UnicodeDecodeError as e:
        raise HandlerError(f"{path}: not UTF-8 text ({e})") from None
    if not _is_module(file, source):
        return Handler(file, False, source, [file])
    graph = Graph(conditions)
    try:
        graph.load(file)
    except ModuleError as e:
        where = f"{e.filename}:{e.line}:{e.column}" if e.line else e.filename
        raise HandlerError(f"{where}: {e.name}: {e.message}") from None
    return Handler(file, True, "", graph.files)


def _is_module(file: Path, source: str) -> bool:
    """A module (ES or CommonJS: `module.exports = { fetch }`), or a classic script (a
    service worker's `addEventListener("fetch", ...)`)."""
    if file.suffix in MODULE_SUFFIXES:
        return True
    if resolve.Resolver().format_of(file) in ("esm", "cjs"):
        return True
    return esm.has_module_syntax(source) or reads_as_commonjs(source)
