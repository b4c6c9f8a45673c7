"""The supervisor process: listening socket, connections, the pool, signals and reload.

This process never imports an engine (see ``config.ENGINE_MODULES``): what the engine can
do it learns from the workers' HELLO messages. With ``RUNTIME_SERVER_DEBUG=1`` it answers
``GET /__runtime/status`` itself with its pid, the engine modules it has loaded (none) and
the workers' state, so tests can check that on the real process.
"""

from __future__ import annotations

import asyncio
import email.utils
import gc
import itertools
import logging
import os
import signal
import sys
import time
from pathlib import Path

import msgspec

from runtime.server import loader, logs
from runtime.server.config import Config, loaded_engine_modules
from runtime.server.dispatch import Pool, StartupError
from runtime.server.http_protocol import Exchange, HttpProtocol

log = logging.getLogger("runtime.server")
STATUS_PATH = "/__runtime/status"


class Server:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.connections: set[HttpProtocol] = set()
        self.shutting_down = False
        self.next_id = itertools.count(1).__next__
        self.date_header = b""
        self.host_header = f"{cfg.host}:{cfg.port}"
        self.access_log = cfg.access_log
        self.debug_endpoints = os.environ.get("RUNTIME_SERVER_DEBUG") == "1"
        self.pool: Pool
        self.exit_code = 0
        self._stop: asyncio.Event
        self._update_date()

    def _update_date(self) -> None:
        self.date_header = f"date: {email.utils.formatdate(usegmt=True)}\r\n".encode()

    # ------------------------------------------------------------ requests
    def submit(self, ex: Exchange) -> None:
        if self.debug_endpoints and ex.client_path == STATUS_PATH:
            body = msgspec.json.encode(
                {
                    "pid": os.getpid(),
                    "engine_modules": loaded_engine_modules(),
                    "workers": self.pool.status(),
                }
            )
            ex.conn.respond(ex, 200, [["content-type", "application/json"]], body)
            return
        self.pool.dispatch(ex)

    def log_access(self, ex: Exchange) -> None:
        if ex.id == 0:  # refused by the reactor before it was a request
            logs.log_access(ex.conn.client, ex.method, ex.client_path, ex.status, ex.nbytes, ex.started, "-")
        else:
            logs.log_access(
                ex.conn.client, ex.method, ex.client_path, ex.status, ex.nbytes, ex.started, ex.worker
            )

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
            loader.load(cfg.handler)
        except loader.HandlerError as e:
            log.error("%s", e)
            return 2
        try:
            server = await loop.create_server(
                lambda: HttpProtocol(self),
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
        self.host_header = f"{cfg.host}:{port}" if port != 80 else cfg.host
        self.pool = Pool(cfg)
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_shutdown)
        try:
            await self.pool.start()
        except StartupError as e:
            log.error("cannot start: %s", e)
            if not cfg.reload:
                server.close()
                await self.pool.stop(1.0)
                return 1
            log.error("--reload: waiting for a change to %s", cfg.handler)
        await server.start_serving()
        threads = self.pool.threads_per_worker() or cfg.threads  # what the workers made
        banner = (
            f"runtime serve: http://{cfg.host}:{port} | engine {cfg.engine} | "
            f"{cfg.workers} worker(s) x {threads} thread(s) | handler {cfg.handler}"
            f"{' | reload' if cfg.reload else ''}"
        )
        print(banner, flush=True)
        log.debug("reactor engine modules: %s", loaded_engine_modules() or "none")
        tasks = [loop.create_task(self._sweep())]
        if cfg.reload:
            tasks.append(loop.create_task(self._watch()))
        await self._stop.wait()
        await self._shutdown(server)
        for t in tasks:
            t.cancel()
        return self.exit_code

    def request_shutdown(self) -> None:
        if self.shutting_down:
            log.warning("second signal: stopping now")
            os._exit(1)
        log.info(
            "shutting down: finishing in-flight requests (up to %gs)",
            self.cfg.graceful_timeout,
            extra={"event": "shutdown"},
        )
        self.shutting_down = True
        self._stop.set()

    async def _shutdown(self, server: asyncio.AbstractServer) -> None:
        server.close()
        for conn in list(self.connections):
            conn.shutdown()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while self.connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.abort()
        await self.pool.stop(max(1.0, deadline - time.monotonic()))
        log.info("stopped", extra={"event": "stopped"})

    async def _sweep(self) -> None:
        tick = 0
        check_memory = self.cfg.memory_limit_bytes is not None
        while True:
            await asyncio.sleep(0.1)
            now = time.monotonic()
            tick += 1
            try:
                self.pool.sweep(now, check_memory and tick % 2 == 0)
                if tick % 5 == 0:
                    self._update_date()
                    for conn in list(self.connections):
                        conn.check_timeouts(now)
            except Exception:  # a watchdog must not die
                log.exception("sweep failed")

    async def _watch(self) -> None:
        import watchfiles

        path = Path(self.cfg.handler).resolve()
        watch_dir = path.parent
        async for changes in watchfiles.awatch(watch_dir, stop_event=self._stop, debounce=200, step=50):
            changed = {Path(p).resolve() for _, p in changes}
            if not any(p == path or p.suffix in (".js", ".mjs", ".json") for p in changed):
                continue
            try:
                loader.load(self.cfg.handler)
            except loader.HandlerError as e:
                log.error("not reloading: %s", e)
                continue
            log.info("%s changed: starting new workers", path.name, extra={"event": "reload_start"})
            await self.pool.reload()


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
