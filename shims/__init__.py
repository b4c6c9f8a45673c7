"""The web-standard JavaScript environment every context gets, the same on every engine.

``shims/js/*.js`` run in file-name order when a context is created: ``00_core.js`` first
(the host channel, value codec, timers and the dispatch entry point), then the web APIs.

A file whose first line is ``// @lazy-globals A B ...`` is not parsed at context creation:
it travels as a string and runs the first time a program touches one of those globals, or
one of the ``__runtime`` properties named on a second line ``// @lazy-internals x y``
(after every earlier lazy file, so load-time dependencies keep their order). Parsing is
most of a context's creation time, and most programs touch few of the APIs.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

#: The file name shown in stack frames of shim code (frames there are hidden from users).
SHIM_FILENAME = "runtime:shims"
_LAZY = "// @lazy-globals "
_INTERNALS = "// @lazy-internals "


@functools.cache
def files() -> tuple[tuple[str, str], ...]:
    """(name, source) of each shim file, in load order."""
    folder = resources.files(__package__) / "js"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    return tuple((name, (folder / name).read_text("utf-8")) for name in names)


def lazy_globals(source: str) -> tuple[list[str], list[str]] | None:
    """(globals, ``__runtime`` properties) a lazy shim file defines; None: it runs at once."""
    lines = source.split("\n", 2)
    if not lines[0].startswith(_LAZY):
        return None
    internals = lines[1][len(_INTERNALS) :].split() if lines[1].startswith(_INTERNALS) else []
    return lines[0][len(_LAZY) :].split(), internals


@functools.cache
def bundle() -> str:
    """All shims as one classic script (one parse per context)."""
    parts = []
    for name, source in files():
        lazy = lazy_globals(source)
        if lazy is None:
            parts.append(f"// ---- {name}\n{source}\n")
        else:
            names, internals = lazy
            code = source + f"\n//# sourceURL={SHIM_FILENAME}/{name}\n"
            parts.append(
                f"__runtime.lazy({json.dumps(names)}, {json.dumps(internals)}, {json.dumps(code)});\n"
            )
    return "".join(parts)
