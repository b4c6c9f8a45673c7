"""The web-standard JavaScript environment every context gets, the same on every engine.

``shims/js/*.js`` run in file-name order when a context is created: ``00_core.js`` first
(the host channel, value codec, timers and the dispatch entry point), then the web APIs.
"""

from __future__ import annotations

import functools
from importlib import resources

#: The file name shown in stack frames of shim code (frames there are hidden from users).
SHIM_FILENAME = "runtime:shims"


@functools.cache
def files() -> tuple[tuple[str, str], ...]:
    """(name, source) of each shim file, in load order."""
    folder = resources.files(__package__) / "js"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    return tuple((name, (folder / name).read_text("utf-8")) for name in names)


@functools.cache
def bundle() -> str:
    """All shims as one classic script (one parse per context)."""
    parts = [f"// ---- {name}\n{source}\n" for name, source in files()]
    return "".join(parts)
