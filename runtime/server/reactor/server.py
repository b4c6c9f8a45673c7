"""The reactor process: listen, wire connections to the pool, tick, shut down.

It never imports an engine: what the engine can do it learns from the workers' HELLO
messages. With ``RUNTIME_SERVER_DEBUG=1`` it answers ``GET /__runtime/status`` itself with
its pid, the engine modules it has loaded (none: see ``engine_modules``) and the workers'
state, so tests can check that on the real process.
"""

from __future__ import annotations

import asyncio
import email.utils
import gc
import logging
import os
import signal
import sys
import time

import msgspec

from runtime.server import engine_modules, handler_source, logs
from runtime.server.config import Config
from runtime.server.reactor import reload
from runtime.server.reactor.exchange import Exchange
from runtime.server.reactor.http import ConnectionState, HttpProtocol
from runtime.server.reactor.pool import Pool
from runtime.server.reactor.supervisor import StartupError, Supervisor
from runtime.server.reactor.watchdog import Watchdog

log = logging.getLogger("runtime.server")
STATUS_PATH = "/__runtime/status"
#: Seconds between ticks; the date header and connection timeouts every 5th, memory every 2nd.
TICK = 0.1


class Server:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.pool: Pool
        self.supervisor: Supervisor
        self.watchdog: Watchdog
        self.state: ConnectionState
        self._stop: asyncio.Event

    def _status(self, ex: Exchange) -> None:
        reactor_modules = engine_modules.loaded_here(
            set(engine_modules.registered()) | self.supervisor.reported_modules()
        )
        body = msgspec.json.encode(
            {"pid": os.getpid(), "engine_modules": reactor_modules, "workers": self.supervisor.status()}
        )
        ex.sink.respond(ex, 200, [["content-type", "application/json"]], body)

    def _submit_or_status(self, ex: Exchange) -> None:
        if ex.path == STATUS_PATH:
            self._status(ex)
        else:
            self.pool.dispatch(ex)

    def _update_date(self) -> None:
        self.state.date_header = f"date: {email.utils.formatdate(usegmt=True)}\r\n".encode()

    # ------------------------------------------------------------ running
    async def run(self) -> int:
        cfg = self.cfg
        loop = asyncio.get_running_loop()
        # The reactor's long-lived objects stay out of GC sweeps; young ones are collected
        # less often (fewer pauses in the middle of serving).
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        self._stop = asyncio.Event()
        try:
            handler_source.load(cfg.handler, cfg.conditions)
        except handler_source.HandlerError as e:
            log.error("%s", e)
            return 2
        self.pool = pool = Pool(cfg)
        self.supervisor = supervisor = Supervisor(cfg, pool)
        self.watchdog = Watchdog(cfg, pool)
        debug = os.environ.get("RUNTIME_SERVER_DEBUG") == "1"
        submit = self._submit_or_status if debug else pool.dispatch
        self.state = state = ConnectionState(cfg, submit, pool.abandon, pool.hold)
        self._update_date()
        try:
            server = await loop.create_server(
                lambda: HttpProtocol(state),
                cfg.host,
                cfg.port,
                backlog=4096,
                reuse_address=True,
                start_serving=False,
            )
        except OSError as e:
            log.error("cannot listen on %s:%d: %s", cfg.host, cfg.port, e.strerror)
            return 1
        port = server.sockets[0].getsockname()[1]
        state.host_header = f"{cfg.host}:{port}" if port != 80 else cfg.host
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_shutdown)
        try:
            await supervisor.start()
        except StartupError as e:
            log.error("cannot start: %s", e)
            if not cfg.reload:
                server.close()
                await supervisor.stop(1.0)
                return 1
            log.error("--reload: waiting for a change to %s", cfg.handler)
        await server.start_serving()
        threads = supervisor.threads_per_worker() or cfg.threads  # what the workers made
        banner = (
            f"runtime serve: http://{cfg.host}:{port} | engine {cfg.engine} | "
            f"{cfg.workers} worker(s) x {threads} thread(s) | handler {cfg.handler}"
            f"{' | reload' if cfg.reload else ''}"
        )
        print(banner, flush=True)
        log.debug(
            "reactor engine modules: %s", engine_modules.loaded_here(engine_modules.registered()) or "none"
        )
        tasks = [loop.create_task(self._tick())]
        if cfg.reload:
            tasks.append(
                loop.create_task(reload.watch(cfg.handler, self._stop, supervisor.reload, cfg.conditions))
            )
        await self._stop.wait()
        await self._shutdown(server)
        for t in tasks:
            t.cancel()
        return 0

    def request_shutdown(self) -> None:
        if self.state.shutting_down:
            log.warning("second signal: stopping now")
            os._exit(1)
        log.info(
            "shutting down: finishing in-flight requests (up to %gs)",
            self.cfg.graceful_timeout,
            extra={"event": "shutdown"},
        )
        self.state.shutting_down = True
        self.state.drain_until = time.monotonic() + min(self.cfg.drain_idle, self.cfg.graceful_timeout)
        self._stop.set()

    async def _shutdown(self, server: asyncio.AbstractServer) -> None:
        server.close()
        connections = self.state.connections
        for conn in list(connections):
            conn.shutdown()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for conn in list(connections):
            if conn.transport is not None:
                conn.transport.abort()
        await self.supervisor.stop(max(1.0, deadline - time.monotonic()))
        log.info("stopped", extra={"event": "stopped"})

    async def _tick(self) -> None:
        tick = 0
        memory = self.cfg.memory_limit_bytes is not None
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            tick += 1
            try:
                self.watchdog.check(now, memory and tick % 2 == 0)
                if tick % 5 == 0:
                    self._update_date()
                    for conn in list(self.state.connections):
                        conn.check_timeouts(now)
            except Exception:  # a watchdog must not die
                log.exception("tick failed")


def serve(cfg: Config) -> int:
    """Run the server until SIGINT/SIGTERM; the process exit status."""
    logs.configure(cfg.log_format, cfg.log_level)
    if cfg.log_level != "debug":
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        import uvloop

        return uvloop.run(Server(cfg).run())
    except ImportError:  # pragma: no cover - uvloop is a dependency
        return asyncio.run(Server(cfg).run())
    finally:
        sys.stdout.flush()
