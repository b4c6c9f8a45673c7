"""Which Python modules belong to an engine, learned without naming or loading one.

The reactor must never load an engine (a crash there would take every connection down).
Engines are plugins, so nothing here lists them: a worker records which modules creating
its contexts imported (the engine and what it pulls in) and reports them at HELLO; the
reactor adds the ``runtime.engines`` entry points' modules (read from package metadata,
not imported) and can then say which of all those it has loaded itself: none.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

from runtime.registry import GROUP


def snapshot() -> frozenset[str]:
    """The names of the modules loaded now (pass to :func:`added_since`)."""
    return frozenset(sys.modules)


def added_since(before: frozenset[str]) -> list[str]:
    """The roots of the third-party module trees imported since ``before``.

    A new package counts once (``pkg``, not ``pkg.sub``), a new submodule of a package that
    was already there counts by its full name; the standard library and internal modules
    (a leading underscore, no file: extension-module runtimes many packages share) are left
    out, since the reactor may well have those.
    """
    new = set(sys.modules) - before
    found = []
    for name in new:
        parent = name.rpartition(".")[0]
        if parent in new:
            continue
        root = name.partition(".")[0]
        if root in sys.stdlib_module_names or root.startswith("_") or not root.isidentifier():
            continue
        if getattr(sys.modules.get(name), "__file__", None) is None:
            continue
        found.append(name)
    return sorted(found)


def registered() -> list[str]:
    """The modules the installed engines' entry points name (none is imported)."""
    return sorted({ep.module for ep in entry_points(group=GROUP)})


def loaded_here(names: set[str] | list[str]) -> list[str]:
    """Which of ``names`` (or their submodules) this process has imported."""
    return sorted(m for m in sys.modules if any(m == n or m.startswith(n + ".") for n in names))
