"""Run ``--reactors`` reactor processes on one port, and stop them together.

The group makes the listening sockets itself, one per reactor (and per address of
``--host``), each bound to the port with ``SO_REUSEPORT`` so that the kernel spreads new
connections over them, and hands each reactor its own; it keeps a copy, so that the
connections queued on the socket of a reactor that died wait for the one started in its
place instead of being reset, and so that a port another server holds (another group
included, which ``SO_REUSEPORT`` alone would let in) is refused before any process starts.
Each reactor also gets its share of ``--workers`` (and of the spares, connections and
backlog), a name for its workers (``r2.w1``) and log lines, an abstract unix socket for its
metrics, and a control socket. It starts with SIGTERM and SIGINT ignored and drains when
the group closes its control socket (and so when the group dies): a signal sent to the
whole process group (Ctrl-C, systemd) is acted on once, by the group, which passes it on.
A reactor that exits while the group serves is started again (after a pause that grows
while it keeps failing); the other reactors serve on meanwhile.

Before any reactor starts, the group checks the handler once (one error, not N) and
listens on ``--metrics-port``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
import socket
import sys
import time

import msgspec

from runtime.server import handler_source, logs
from runtime.server.config import Config, authority
from runtime.server.group import metrics
from runtime.server.reactor.child import ChildProcess
from runtime.server.reactor.child import start as start_child
from runtime.server.reactor.exchange import TEXT_PLAIN, Exchange
from runtime.server.reactor.http import ConnectionState, HttpProtocol, date_header
from runtime.server.reactor.server import banner

log = logging.getLogger("runtime.server")
REACTOR_MODULE = "runtime.server.reactor"
#: A reactor that served this long before it exited is started again at once.
SETTLED = 10.0
#: Seconds a reactor's restarts wait at most.
MAX_PAUSE = 5.0


def shares(total: int, n: int) -> list[int]:
    """``total`` split over ``n`` as evenly as it goes (the first ones get the rest)."""
    base, rest = divmod(total, n)
    return [base + (i < rest) for i in range(n)]


class Reactor:
    """One reactor process of the group and its sockets."""

    def __init__(self, index: int, cfg: Config) -> None:
        self.name = f"r{index + 1}"
        self.cfg = cfg
        self.proc: ChildProcess | None = None
        self.control: socket.socket | None = None
        self.ready: asyncio.Future[dict]
        self.started_at = 0.0
        self.failures = 0
        self._buffer = b""

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        ours, theirs = socket.socketpair()
        try:
            cfg = dataclasses.replace(self.cfg, control_fd=theirs.fileno())
            args = [sys.executable, "-m", REACTOR_MODULE, msgspec.json.encode(cfg).decode()]
            self.proc = start_child(args, pass_fds=(theirs.fileno(), *cfg.listen_fds))
        finally:
            theirs.close()
        ours.setblocking(False)
        self.control = ours
        self.ready = loop.create_future()
        self.started_at = time.monotonic()
        self._buffer = b""
        loop.add_reader(ours.fileno(), self._on_control)

    def _on_control(self) -> None:
        assert self.control is not None
        try:
            data = self.control.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.close_control()
            return
        self._buffer += data
        line, sep, self._buffer = self._buffer.partition(b"\n")
        if sep and not self.ready.done():
            self.ready.set_result(msgspec.json.decode(line))

    def request_reload(self) -> None:
        """Tell the reactor to start new workers and drain the old (as on SIGHUP)."""
        if self.control is not None:
            with contextlib.suppress(OSError):
                self.control.send(b"reload\n")

    def close_control(self) -> None:
        """Tell the reactor to drain (it reads EOF)."""
        if self.control is not None:
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.control.close()
            self.control = None


def _socket(family: int, shared: bool) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:  # as asyncio does: IPv4 has its own address
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return sock


def listening_sockets(host: str, port: int, n: int) -> list[list[socket.socket]]:
    """``n`` sets of listening sockets, one socket per address of ``host`` in each, all on
    one port (``port``, or the one the first bind picked for 0) with ``SO_REUSEPORT``.

    Each address is first bound without ``SO_REUSEPORT``: a port another server listens on
    is refused even when that server shares it (another group would let this one in)."""
    infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    addresses = list(dict.fromkeys((family, address) for family, _, _, _, address in infos))
    made: list[list[socket.socket]] = [[] for _ in range(n)]
    try:
        for family, address in addresses:
            with _socket(family, shared=False) as probe:
                probe.bind((address[0], port, *address[2:]))
                port = port or probe.getsockname()[1]
            for sockets in made:
                sock = _socket(family, shared=True)
                sockets.append(sock)
                sock.bind((address[0], port, *address[2:]))
                sock.listen(4096)
    except OSError:
        for sockets in made:
            for sock in sockets:
                sock.close()
        raise
    return made


class ReactorGroup:
    def __init__(self, cfg: Config, n: int) -> None:
        self.cfg = cfg
        self.n = n
        self.reactors: list[Reactor] = []
        self.stopping = False
        self._stop: asyncio.Event
        self._sockets: list[list[socket.socket]] = []
        self._metrics_state: ConnectionState | None = None

    # ------------------------------------------------------------ setup
    def _reactor_configs(self, port: int) -> list[Config]:
        cfg, n = self.cfg, self.n
        spares = shares(cfg.max_spares, n)
        return [
            dataclasses.replace(
                cfg,
                port=port,
                workers=workers,
                spare_workers=spares[i],
                reactors=1,
                metrics_port=None,
                listen_fds=tuple(sock.fileno() for sock in self._sockets[i]),
                # Abstract (Linux): nothing in the file system to leave behind.
                metrics_socket=f"\0runtime-serve-{os.getpid()}-r{i + 1}",
                name_prefix=f"r{i + 1}.",
                max_connections=-(-cfg.max_connections // n),
                max_backlog=-(-cfg.max_backlog // n),
            )
            for i, workers in enumerate(shares(cfg.workers, n))
        ]

    # ------------------------------------------------------------ running
    async def run(self) -> int:
        cfg = self.cfg
        loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        try:
            handler_source.load(cfg.handler, cfg.conditions)
        except handler_source.HandlerError as e:
            log.error("%s", e)
            return 2
        try:
            self._sockets = listening_sockets(cfg.host, cfg.port, self.n)
        except OSError as e:
            log.error("cannot listen on %s:%s: %s", cfg.host, cfg.port, e.strerror or e)
            return 1
        metrics_server = None
        try:
            if cfg.metrics_port is not None:
                metrics_server = await self._metrics_listener()
        except OSError as e:
            log.error("cannot listen on %s:%s: %s", cfg.host, cfg.metrics_port, e.strerror or e)
            self._close_sockets()
            return 1
        try:
            return await self._serve(loop, metrics_server)
        finally:
            self._close_sockets()
            if metrics_server is not None:
                metrics_server.close()

    def _close_sockets(self) -> None:
        for sockets in self._sockets:
            for sock in sockets:
                sock.close()

    async def _serve(
        self, loop: asyncio.AbstractEventLoop, metrics_server: asyncio.AbstractServer | None
    ) -> int:
        cfg = self.cfg
        port = self._sockets[0][0].getsockname()[1]
        self.reactors = [Reactor(i, c) for i, c in enumerate(self._reactor_configs(port))]
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_shutdown)
        loop.add_signal_handler(signal.SIGHUP, self._reload_all)
        for r in self.reactors:
            r.start()
        reaps = {r.name: loop.create_task(self._reap(r)) for r in self.reactors}
        stopped = loop.create_task(self._stop.wait())
        threads = cfg.threads
        for r in self.reactors:
            await asyncio.wait((r.ready, reaps[r.name], stopped), return_when=asyncio.FIRST_COMPLETED)
            if self.stopping:  # a signal while starting
                return await self._stop_all()
            if not r.ready.done():
                log.error("reactor %s could not start; stopping the others", r.name)
                rc = r.proc.returncode if r.proc is not None else None
                await self._stop_all()
                return rc if rc is not None and rc > 0 else 1
            threads = r.ready.result().get("threads", threads)
        note = ""
        if metrics_server is not None:
            metrics_port = metrics_server.sockets[0].getsockname()[1]
            note = f" | metrics http://{authority(cfg.host, metrics_port)}/metrics"
        standby = sum(r.cfg.standby for r in self.reactors)
        print(banner(cfg, port, threads, self.n, standby) + note, flush=True)
        await self._stop.wait()
        return await self._stop_all()

    async def _reap(self, r: Reactor) -> None:
        """Wait for ``r`` to exit; while the group serves, start it again."""
        while True:
            assert r.proc is not None
            rc = await r.proc.wait()
            r.close_control()
            if self.stopping or not r.ready.done():
                return
            served = time.monotonic() - r.started_at
            r.failures = 0 if served >= SETTLED else r.failures + 1
            pause = min(MAX_PAUSE, 0.1 * 2**r.failures) if r.failures else 0.0
            log.error(
                "reactor %s (pid %d) exited with status %s; starting it again in %gs",
                r.name,
                r.proc.pid,
                rc,
                pause,
                extra={"reactor": r.name, "event": "reactor_exit", "returncode": rc},
            )
            await asyncio.sleep(pause)
            while not self.stopping:
                try:
                    r.start()
                except OSError as e:  # out of processes or descriptors, for now
                    log.error("cannot start reactor %s again: %s; trying in 1s", r.name, e)
                    await asyncio.sleep(1.0)
                    continue
                r.ready.set_result({})  # nothing waits for it: its connections queue meanwhile
                break
            else:
                return

    def _reload_all(self) -> None:
        """SIGHUP: every reactor starts new workers and drains the old."""
        if not self.stopping:
            for r in self.reactors:
                r.request_reload()

    def request_shutdown(self) -> None:
        if self.stopping:
            log.warning("second signal: stopping now")
            for r in self.reactors:
                if r.proc is not None:
                    r.proc.send_signal(signal.SIGKILL)
            os._exit(1)
        log.info("shutting down: draining %d reactors", self.n, extra={"event": "shutdown"})
        self.stopping = True
        self._stop.set()

    async def _stop_all(self) -> int:
        """Close every control socket (each reactor drains), wait for them; the worst exit
        status."""
        self.stopping = True
        for r in self.reactors:
            r.close_control()
        # The reactors hold their own copies: each closes its listener once it has drained.
        self._close_sockets()
        limit = self.cfg.graceful_timeout + self.cfg.drain_idle + 10.0
        procs = [r.proc for r in self.reactors if r.proc is not None]
        _done, pending = await asyncio.wait([asyncio.ensure_future(p.wait()) for p in procs], timeout=limit)
        for p in procs:
            if p.returncode is None:
                log.warning("reactor (pid %d) did not stop; killing it", p.pid)
                p.send_signal(signal.SIGKILL)
        if pending:
            await asyncio.wait(pending, timeout=5.0)
        codes = [p.returncode for p in procs]
        return max((c if c > 0 else 1 for c in codes if c), default=0)

    # ------------------------------------------------------------ metrics port
    async def _metrics_listener(self) -> asyncio.AbstractServer:
        cfg = self.cfg
        state = ConnectionState(cfg, self._endpoint, lambda ex: None, lambda ex, pause: None)
        state.access_log = False
        self._metrics_state = state
        self._sweep()
        return await asyncio.get_running_loop().create_server(
            lambda: HttpProtocol(state), cfg.host, cfg.metrics_port, reuse_address=True
        )

    def _sweep(self) -> None:
        """Every half second: the date header and the metrics connections' timeouts."""
        state = self._metrics_state
        if state is None:
            return
        state.date_header = date_header()
        now = time.monotonic()
        for conn in list(state.connections):
            conn.check_timeouts(now)
        asyncio.get_running_loop().call_later(0.5, self._sweep)

    def _endpoint(self, ex: Exchange) -> None:
        asyncio.get_running_loop().create_task(self._answer(ex))

    async def _answer(self, ex: Exchange) -> None:
        sockets = [r.cfg.metrics_socket for r in self.reactors if r.cfg.metrics_socket]
        try:
            status, headers, body = await metrics.answer(sockets, ex.method, ex.path)
        except Exception:  # never leave a probe without an answer
            log.exception("the group's %s failed", ex.path)
            status, headers, body = 500, TEXT_PLAIN, b"Internal Server Error\n"
        if not ex.answered:
            ex.sink.respond(ex, status, headers, body)


def serve(cfg: Config, n: int) -> int:
    """Run ``n`` reactors until SIGINT/SIGTERM; the process exit status."""
    logs.configure(cfg.log_format, cfg.log_level)
    try:
        import uvloop

        return uvloop.run(ReactorGroup(cfg, n).run())
    finally:
        sys.stdout.flush()
