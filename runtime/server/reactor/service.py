"""The worker pool as one service: what every front end of the reactor calls.

``runtime serve`` (``server.HttpProtocol`` connections) and the ASGI app
(``runtime.asgi``) both make :class:`~.exchange.Exchange` objects and hand them to
:meth:`Service.dispatch`; answers come back through each exchange's sink. The service owns
the rest: the handler check, the :class:`~.pool.Pool` (routing), the
:class:`~.supervisor.Supervisor` (worker processes), the :class:`~.watchdog.Watchdog`
(deadlines, memory) on a tick, ``--reload``, and the :class:`~.metrics.Metrics`.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

from runtime.server import handler_source
from runtime.server.config import Config
from runtime.server.reactor import reload
from runtime.server.reactor.exchange import Exchange
from runtime.server.reactor.metrics import Metrics
from runtime.server.reactor.pool import Pool
from runtime.server.reactor.supervisor import Supervisor
from runtime.server.reactor.watchdog import Watchdog

log = logging.getLogger("runtime.server")
#: Seconds between ticks: deadlines every tick, memory every 2nd, ``on_tick`` every 5th.
TICK = 0.1


class Service:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.metrics = Metrics()
        #: Called with each exchange whose answer went out in full.
        self.finished = self.metrics.finished
        self.next_id = itertools.count(1).__next__
        #: Called every half second with the time (a front end's own sweeps).
        self.on_tick: Callable[[float], None] | None = None
        self.pool: Pool
        self.supervisor: Supervisor
        self.watchdog: Watchdog
        self.prepared = False
        self.started = False
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._reloading = False

    def check_handler(self) -> None:
        """Load the handler's module graph (``handler_source.HandlerError`` if it cannot)."""
        handler_source.load(self.cfg.handler, self.cfg.conditions)

    def prepare(self) -> None:
        """Make the pool (on the running loop): from here on requests can be dispatched
        (they wait for a worker)."""
        if self.prepared:
            return
        cfg = self.cfg
        self.pool = pool = Pool(cfg)
        self.metrics.pool = pool
        self.supervisor = Supervisor(cfg, pool, self.metrics)
        self.watchdog = Watchdog(cfg, pool)
        self.dispatch = pool.dispatch  # type: ignore[method-assign]
        self.abandon = pool.abandon  # type: ignore[method-assign]
        self.hold = pool.hold  # type: ignore[method-assign]
        self.prepared = True

    async def start(self) -> None:
        """Start the workers; return when all are ready (``StartupError`` if none could
        start; the tick, and with ``--reload`` the watcher, run on regardless)."""
        self.prepare()
        cfg = self.cfg
        self.started = True
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self._tick()))
        self._tasks.append(loop.create_task(self._watch_stuck()))
        if cfg.reload:
            self._tasks.append(
                loop.create_task(
                    reload.watch(cfg.handler, self._stop, self.supervisor.reload, cfg.conditions)
                )
            )
        await self.supervisor.start()

    def request_reload(self) -> None:
        """Start new workers running the handler as it is on disk now, then drain the old
        ones (SIGHUP); one reload at a time."""
        if not self.started or self._stop.is_set() or self._reloading:
            return
        self._reloading = True

        async def run() -> None:
            try:
                await reload.on_request(self.cfg.handler, self.supervisor.reload, self.cfg.conditions)
            finally:
                self._reloading = False

        self._tasks.append(asyncio.get_running_loop().create_task(run()))

    # Until ``prepare``: nothing to route to.
    def dispatch(self, ex: Exchange) -> None:
        raise RuntimeError("the service is not started")

    def abandon(self, ex: Exchange) -> None:
        pass

    def hold(self, ex: Exchange, pause: bool) -> None:
        pass

    def ready(self) -> bool:
        return self.metrics.ready()

    def drain(self) -> None:
        """Stop being ready (``/readyz`` 503) and starting spares; requests are still
        served."""
        self.metrics.accepting = False
        if self.prepared:
            self.supervisor.draining = True

    async def stop(self, grace: float) -> None:
        """Drain and stop the workers (each gets ``grace`` seconds to finish)."""
        self.drain()
        self._stop.set()
        for t in self._tasks:
            t.cancel()
        self._tasks.clear()
        if self.started:
            await self.supervisor.stop(grace)

    async def _watch_stuck(self) -> None:
        interval = self.cfg.watch_interval
        while True:
            await asyncio.sleep(interval)
            try:
                now = time.monotonic()
                self.watchdog.check_stuck(now)
                self.supervisor.add_spare(now)
                self.supervisor.priority.watch(self.supervisor.workers, now)
            except Exception:  # a watchdog must not die
                log.exception("stuck check failed")

    async def _tick(self) -> None:
        tick = 0
        memory = self.cfg.memory_limit_bytes is not None
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            tick += 1
            try:
                self.watchdog.check(now, memory and tick % 2 == 0)
                self.supervisor.stop_idle_spares(now)
                if tick % 5 == 0 and self.on_tick is not None:
                    self.on_tick(now)
            except Exception:  # a watchdog must not die
                log.exception("tick failed")
