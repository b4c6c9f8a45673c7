"""Engine discovery through the ``runtime.engines`` entry-point group."""

from __future__ import annotations

import functools
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from runtime.errors import EngineUnavailable

if TYPE_CHECKING:
    from engines.base import Engine

GROUP = "runtime.engines"
DEFAULT_ENGINE = "v8"


@functools.cache
def names() -> tuple[str, ...]:
    """Registered engine names, the default first."""
    found = sorted({ep.name for ep in entry_points(group=GROUP)})
    if DEFAULT_ENGINE in found:
        found.remove(DEFAULT_ENGINE)
        found.insert(0, DEFAULT_ENGINE)
    return tuple(found)


@functools.cache
def get(name: str) -> type[Engine]:
    """The engine class registered as ``name``; ``EngineUnavailable`` says why not."""
    matches = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if not matches:
        known = ", ".join(names()) or "none"
        raise EngineUnavailable(f"unknown engine {name!r}; installed engines: {known}")
    try:
        engine = matches[0].load()
        engine.version()
    except Exception as e:  # an engine plugin may fail in any way; say how
        raise EngineUnavailable(f"engine {name!r} cannot load: {e}") from e
    return engine


def available() -> list[str]:
    """Names of the registered engines that load here (the default first)."""
    found = []
    for name in names():
        try:
            get(name)
        except EngineUnavailable:
            continue
        found.append(name)
    return found


def describe() -> list[dict[str, object]]:
    """One row per registered engine: name, version, availability, capabilities."""
    rows = []
    for name in names():
        try:
            engine = get(name)
            rows.append(
                {
                    "name": name,
                    "version": engine.version(),
                    "available": True,
                    "reason": None,
                    "capabilities": engine.capabilities.as_dict(),
                }
            )
        except EngineUnavailable as e:
            rows.append(
                {"name": name, "version": None, "available": False, "reason": str(e), "capabilities": None}
            )
    return rows
