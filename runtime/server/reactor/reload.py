"""``--reload``: start new workers when the handler (or a file next to it) changes.

A change is checked first (``handler_source``) so a handler that cannot load keeps the
running version serving; the supervisor then starts a new generation and drains the old.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from runtime.server import handler_source

log = logging.getLogger("runtime.server")
#: Changes to files with these suffixes next to the handler reload it too.
WATCHED_SUFFIXES = (".js", ".mjs", ".json")


async def watch(handler: str, stop: asyncio.Event, reload: Callable[[], Awaitable[object]]) -> None:
    """Call ``reload`` after each change that leaves a loadable handler, until ``stop``."""
    import watchfiles

    path = Path(handler).resolve()
    async for changes in watchfiles.awatch(path.parent, stop_event=stop, debounce=200, step=50):
        changed = {Path(p).resolve() for _, p in changes}
        if not any(p == path or p.suffix in WATCHED_SUFFIXES for p in changed):
            continue
        try:
            handler_source.load(handler)
        except handler_source.HandlerError as e:
            log.error("not reloading: %s", e)
            continue
        log.info("%s changed: starting new workers", path.name, extra={"event": "reload_start"})
        await reload()
