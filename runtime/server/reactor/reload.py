"""``--reload``: start new workers when a file of the handler changes; and on SIGHUP.

The watched files are the handler's whole module graph, the package.json files that
steered its resolution included (a classic script: the file itself). A change is checked
first (``handler_source`` loads the graph again) so a handler that cannot load keeps the
running version serving; the supervisor then starts a new generation and drains the old.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from runtime.server import handler_source

log = logging.getLogger("runtime.server")


async def watch(
    handler: str,
    stop: asyncio.Event,
    reload: Callable[[], Awaitable[object]],
    conditions: tuple[str, ...] | None = None,
) -> None:
    """Call ``reload`` after each change that leaves a loadable handler, until ``stop``."""
    import watchfiles

    files = _files(handler, conditions)
    while not stop.is_set():
        folders = sorted({p.parent for p in files})
        changed_files = None
        async for changes in watchfiles.awatch(
            *folders, stop_event=stop, debounce=200, step=50, recursive=False
        ):
            changed = {Path(p).resolve() for _, p in changes}
            if changed & files:
                changed_files = changed & files
                break
        if changed_files is None:
            return
        try:
            loaded = handler_source.load(handler, conditions)
        except handler_source.HandlerError as e:
            log.error("not reloading: %s", e)
            continue
        files = set(loaded.files)
        names = ", ".join(sorted(p.name for p in changed_files))
        log.info("%s changed: starting new workers", names, extra={"event": "reload_start"})
        await reload()


async def on_request(
    handler: str, reload: Callable[[], Awaitable[object]], conditions: tuple[str, ...] | None = None
) -> None:
    """A reload asked for (SIGHUP): ``reload`` once the handler is checked to load, so a
    handler that cannot load keeps the running version serving."""
    try:
        handler_source.load(handler, conditions)
    except handler_source.HandlerError as e:
        log.error("not reloading: %s", e, extra={"event": "reload_failed"})
        return
    log.info("SIGHUP: starting new workers", extra={"event": "reload_start"})
    await reload()


def _files(handler: str, conditions: tuple[str, ...] | None) -> set[Path]:
    try:
        return set(handler_source.load(handler, conditions).files)
    except handler_source.HandlerError:
        return {Path(handler).resolve()}
