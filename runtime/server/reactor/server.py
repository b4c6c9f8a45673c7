"""The reactor process: listen, wire connections to the worker service, shut down.

It never imports an engine: what the engine can do it learns from the workers' HELLO
messages. With ``--metrics-port`` a second listener answers ``/metrics``, ``/healthz`` and
``/readyz`` (``endpoints``), on connections of its own that a drain leaves open. With
``RUNTIME_SERVER_DEBUG=1`` it answers ``GET /__runtime/status`` itself with its pid, the
engine modules it has loaded (none: see ``engine_modules``) and the workers' state, so
tests can check that on the real process.

A drain (SIGTERM, SIGINT) stops taking connections at once and ``/readyz`` says 503; what
the connections already hold is answered with ``Connection: close``, and idle keep-alive
connections are still served for ``drain_idle`` seconds (a client or proxy may have just
written a request on one), then closed. Connections the kernel completed but the reactor had
not accepted yet have clients that may have sent a request too: closing the listener would
reset them, so on Linux a socket filter first makes the kernel drop new connection attempts
(their retry, a second later, is refused), what is queued is accepted and served, and the
listener closes ``ACCEPT_DRAIN`` seconds later.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import logging
import os
import signal
import socket
import struct
import sys
import time
from typing import Any

import msgspec

from runtime.server import engine_modules, handler_source, logs
from runtime.server.config import Config, authority
from runtime.server.reactor import endpoints
from runtime.server.reactor.exchange import Exchange
from runtime.server.reactor.http import ConnectionState, HttpProtocol, date_header
from runtime.server.reactor.open_files import ensure_open_files
from runtime.server.reactor.service import Service
from runtime.server.reactor.supervisor import StartupError

log = logging.getLogger("runtime.server")
STATUS_PATH = "/__runtime/status"
#: On a drain, seconds the listener still accepts the connections the kernel had queued.
ACCEPT_DRAIN = 0.2
_SO_ATTACH_FILTER = getattr(socket, "SO_ATTACH_FILTER", 26)
_SO_DETACH_FILTER = getattr(socket, "SO_DETACH_FILTER", 27)


def _drop_new_connections(sock: Any) -> bool:
    """Have the kernel drop new connection attempts to the listening ``sock`` (a classic
    socket filter that drops every packet) while the connections it completed stay queued;
    False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    drop_all = ctypes.create_string_buffer(struct.pack("HBBI", 0x06, 0, 0, 0))  # BPF_RET|BPF_K 0
    program = struct.pack("HP", 1, ctypes.addressof(drop_all))  # the kernel copies it
    try:
        sock.setsockopt(socket.SOL_SOCKET, _SO_ATTACH_FILTER, program)
    except (OSError, AttributeError, TypeError):
        return False
    return True


def _group_socket(fd: int) -> socket.socket:
    """A listening socket the group made (it outlives reactors): without the filter a
    draining reactor may have left on it."""
    sock = socket.socket(fileno=fd)
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, _SO_DETACH_FILTER, 0)
    return sock


class Server:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.service = Service(cfg)
        self.state: ConnectionState
        #: The ``--metrics-port`` connections (None: no metrics listener).
        self.metrics_state: ConnectionState | None = None
        self._listeners: list[asyncio.AbstractServer] = []
        self._stop: asyncio.Event
        #: Set once the listener is closed (a drain waits for it).
        self._not_listening: asyncio.Event

    def _status(self, ex: Exchange) -> None:
        supervisor = self.service.supervisor
        reactor_modules = engine_modules.loaded_here(
            set(engine_modules.registered()) | supervisor.reported_modules()
        )
        body = msgspec.json.encode(
            {
                "pid": os.getpid(),
                "engine_modules": reactor_modules,
                "workers": supervisor.status(),
                "waiting": len(supervisor.pool.backlog),
            }
        )
        ex.sink.respond(ex, 200, [["content-type", "application/json"]], body)

    def _submit_or_status(self, ex: Exchange) -> None:
        if ex.path == STATUS_PATH:
            self._status(ex)
        else:
            self.service.dispatch(ex)

    def _endpoint(self, ex: Exchange) -> None:
        status, headers, body = endpoints.answer(self.service.metrics, ex.method, ex.path)
        ex.sink.respond(ex, status, headers, body)

    def _update_date(self) -> None:
        date = date_header()
        self.state.date_header = date
        if self.metrics_state is not None:
            self.metrics_state.date_header = date

    def _sweep(self, now: float) -> None:
        """Every half second: the date header and the connections' timeouts."""
        self._update_date()
        for state in (self.state, self.metrics_state):
            if state is not None:
                for conn in list(state.connections):
                    conn.check_timeouts(now)

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
        self._not_listening = asyncio.Event()
        service = self.service
        try:
            service.check_handler()
        except handler_source.HandlerError as e:
            log.error("%s", e)
            return 2
        debug = os.environ.get("RUNTIME_SERVER_DEBUG") == "1"
        service.prepare()
        submit = self._submit_or_status if debug else service.dispatch
        self.state = state = ConnectionState(cfg, submit, service.abandon, service.hold)
        state.finished = service.finished
        try:
            if cfg.listen_fds:  # one of a group: the group's listening sockets
                listeners = [
                    await loop.create_server(
                        lambda: HttpProtocol(state), sock=_group_socket(fd), start_serving=False
                    )
                    for fd in cfg.listen_fds
                ]
            else:
                listeners = [
                    await loop.create_server(
                        lambda: HttpProtocol(state),
                        cfg.host,
                        cfg.port,
                        backlog=4096,
                        reuse_address=True,
                        start_serving=False,
                    )
                ]
            metrics_server = await self._metrics_listener()
        except OSError as e:
            log.error("cannot listen on %s: %s", cfg.host, e.strerror)
            return 1
        self._listeners = listeners
        self._update_date()
        port = listeners[0].sockets[0].getsockname()[1]
        state.host_header = authority(cfg.host, port)
        if cfg.control_fd is None:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, self.request_shutdown)
            loop.add_signal_handler(signal.SIGHUP, service.request_reload)
        else:  # one of a group: the group's process stops it, by closing the control socket
            loop.add_reader(cfg.control_fd, self._on_control)
        service.on_tick = self._sweep
        try:
            await service.start()
        except StartupError as e:
            log.error("cannot start: %s", e)
            if not cfg.reload:
                for listener in listeners:
                    listener.close()
                if metrics_server is not None:
                    metrics_server.close()
                await service.stop(1.0)
                return 1
            log.error("--reload: waiting for a change to %s", cfg.handler)
        if not state.shutting_down:  # else a stop came while the workers started
            for listener in listeners:
                await listener.start_serving()
            self._announce(port, metrics_server)
        log.debug(
            "reactor engine modules: %s", engine_modules.loaded_here(engine_modules.registered()) or "none"
        )
        await self._stop.wait()
        await self._shutdown()
        if metrics_server is not None:
            metrics_server.close()
            for conn in list(self.metrics_state.connections):  # type: ignore[union-attr]
                if conn.transport is not None:
                    conn.transport.close()
        return 0

    def _announce(self, port: int, metrics_server: asyncio.AbstractServer | None) -> None:
        """Say that the server serves: the banner, or in a group a line to the group."""
        cfg = self.cfg
        threads = self.service.supervisor.threads_per_worker() or cfg.threads  # what the workers made
        if cfg.control_fd is not None:
            with contextlib.suppress(OSError):  # the group is gone: EOF will say so
                os.write(cfg.control_fd, msgspec.json.encode({"port": port, "threads": threads}) + b"\n")
            return
        note = ""
        if metrics_server is not None:
            metrics_port = metrics_server.sockets[0].getsockname()[1]
            note = f" | metrics http://{authority(cfg.host, metrics_port)}/metrics"
        print(banner(cfg, port, threads) + note, flush=True)

    async def _metrics_listener(self) -> asyncio.AbstractServer | None:
        """The ``--metrics-port`` listener, or in a group the reactor's metrics socket."""
        cfg = self.cfg
        if cfg.metrics_port is None and cfg.metrics_socket is None:
            return None
        mstate = ConnectionState(cfg, self._endpoint, lambda ex: None, lambda ex, pause: None)
        self.metrics_state = mstate
        mstate.access_log = False
        loop = asyncio.get_running_loop()
        if cfg.metrics_socket is not None:
            return await loop.create_unix_server(lambda: HttpProtocol(mstate), cfg.metrics_socket)
        return await loop.create_server(
            lambda: HttpProtocol(mstate), cfg.host, cfg.metrics_port, reuse_address=True
        )

    def _on_control(self) -> None:
        """The group's process wrote or closed the control socket: EOF means drain."""
        try:
            data = os.read(self.cfg.control_fd, 64)  # type: ignore[arg-type]
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self.cfg.control_fd)
            if not self.state.shutting_down:
                self.request_shutdown()
        elif b"reload" in data:
            self.service.request_reload()

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
        self.service.drain()
        if self._listeners:
            held = all([_drop_new_connections(sock) for ls in self._listeners for sock in ls.sockets])
            asyncio.get_running_loop().call_later(ACCEPT_DRAIN if held else 0.0, self._close_listener)
        else:
            self._not_listening.set()
        self._stop.set()

    def _close_listener(self) -> None:
        for listener in self._listeners:
            listener.close()
        self._not_listening.set()

    async def _shutdown(self) -> None:
        await self._not_listening.wait()
        connections = self.state.connections
        for conn in list(connections):
            conn.shutdown()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while connections and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        for conn in list(connections):
            if conn.transport is not None:
                conn.transport.abort()
        await self.service.stop(max(1.0, deadline - time.monotonic()))
        log.info("stopped", extra={"event": "stopped"})


def banner(cfg: Config, port: int, threads: int, reactors: int = 1, standby: int | None = None) -> str:
    """The line printed once the server serves (tests and scripts wait for it);
    ``standby``: the group's standby workers (default: this reactor's)."""
    group = f" in {reactors} reactors" if reactors > 1 else ""
    standby = cfg.standby if standby is None else standby
    extra = f" + {standby} standby" if standby else ""
    return (
        f"runtime serve: http://{authority(cfg.host, port)} | engine {cfg.engine} | "
        f"{cfg.workers} worker(s) x {threads} thread(s){extra}{group} | handler {cfg.handler}"
        f"{' | reload' if cfg.reload else ''}"
    )


def serve(cfg: Config) -> int:
    """Run the server until SIGINT/SIGTERM; the process exit status."""
    logs.configure(cfg.log_format, cfg.log_level, cfg.name_prefix.rstrip("."))
    if cfg.log_level != "debug":
        logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    ensure_open_files(cfg.max_connections, cfg.workers + cfg.standby_workers)
    try:
        import uvloop

        return uvloop.run(Server(cfg).run())
    except ImportError:  # pragma: no cover - uvloop is a dependency
        return asyncio.run(Server(cfg).run())
    finally:
        sys.stdout.flush()
