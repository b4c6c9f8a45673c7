"""The worker pool: start, feed, watch and replace worker processes.

Requests go to the least-loaded ready worker. They are not written one by one: every
request parsed in one event-loop turn is queued per worker and written as ONE frame at the
end of the turn (``call_soon``), which is what lets a worker hand many requests to JS in one
engine crossing.

Failure handling, all from the outside, so it works whatever the engine did:

- a worker's socket closes (it died: SIGKILL, segfault, abort, OOM kill): each request in
  flight on it gets a 502 at once (a 503 if we killed it for memory), requests not yet
  written go to another worker, and a replacement starts (exponential backoff when workers
  keep dying young; past a threshold this is logged as a crash loop and new requests get
  a 503 instead of waiting);
- a request passes ``--timeout``: the client gets a 504 from here and the worker is told to
  forget it; the worker interrupts the runaway script itself, and if it has not answered
  ``kill_grace`` seconds later it is killed and replaced;
- a worker's RSS passes its ceiling (``--max-memory``): it is killed, in-flight get a 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from typing import TYPE_CHECKING, Any

import msgspec

from runtime.server import framing
from runtime.server.config import EXIT_LOAD_ERROR, EXIT_RETIRE, Config

if TYPE_CHECKING:
    from runtime.server.http_protocol import Exchange

log = logging.getLogger("runtime.server")
_TEXT = [["content-type", "text/plain;charset=UTF-8"]]
#: A worker that dies sooner than this after starting counts towards a crash loop.
YOUNG = 10.0


class StartupError(Exception):
    """No worker could start (the message says why: usually the handler)."""


def describe_exit(rc: int | None) -> str:
    if rc is None:
        return "still running"
    if rc < 0:
        try:
            return f"killed by {signal.Signals(-rc).name}"
        except ValueError:
            return f"killed by signal {-rc}"
    if rc == EXIT_LOAD_ERROR:
        return "the handler failed to load"
    if rc == EXIT_RETIRE:
        return "retired (memory limit)"
    return f"exit status {rc}"


class WorkerHandle:
    """The supervisor's view of one worker process."""

    def __init__(self, slot: int, generation: int) -> None:
        self.slot = slot
        self.generation = generation
        self.name = f"w{slot}"
        self.proc: asyncio.subprocess.Process | None = None
        self.transport: asyncio.Transport | None = None
        self.state = "starting"  # ready | retiring | draining | dead
        self.in_flight: dict[int, Exchange] = {}
        self.outbox: list[Exchange] = []
        self.overdue: dict[int, float] = {}
        self.streams: dict[int, Exchange] = {}  # answered, body still streaming
        self.served = 0  # requests handed to it (for --max-requests)
        self.hello: dict[str, Any] | None = None
        self.fatal: str | None = None
        self.kill_reason: str | None = None
        self.draining = False
        self.started_at = time.monotonic()
        self.ready = asyncio.get_running_loop().create_future()
        self.exited = asyncio.get_running_loop().create_future()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def load(self) -> int:
        return len(self.in_flight) + len(self.outbox)

    def send(self, message: Any) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(framing.frame(message))

    def kill(self, reason: str) -> None:
        self.kill_reason = reason
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGKILL)

    def rss(self) -> int:
        try:
            with open(f"/proc/{self.pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0


class _WorkerProtocol(asyncio.Protocol):
    def __init__(self, pool: Pool, worker: WorkerHandle) -> None:
        self.pool = pool
        self.worker = worker
        self.reader = framing.FrameReader()

    def data_received(self, data: bytes) -> None:
        try:
            for message in self.reader.feed(data):
                self.pool.on_message(self.worker, message)
        except (ValueError, msgspec.DecodeError) as e:
            log.error("worker %s sent a bad frame (%s); replacing it", self.worker.name, e)
            self.worker.kill("protocol")

    def connection_lost(self, exc: Exception | None) -> None:
        self.pool.on_lost(self.worker)


class Pool:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.workers: list[WorkerHandle] = []
        self.generation = 0
        self.backlog: list[Exchange] = []
        self.failures = 0
        self.last_failure = ""
        self.stopping = False
        self.serving = False
        self._flush_scheduled = False
        self._loop = asyncio.get_running_loop()
        self._tasks: set[asyncio.Task[None]] = set()  # background work the pool owns
        self._worker_config = msgspec.json.encode(cfg.worker_config()).decode()
        self._pending_restarts: dict[int, asyncio.TimerHandle] = {}

    # ------------------------------------------------------------ lifecycle
    async def spawn(self, slot: int, generation: int) -> WorkerHandle:
        w = WorkerHandle(slot, generation)
        self.workers.append(w)
        parent, child = socket.socketpair()
        try:
            w.proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "runtime.server.worker",
                str(child.fileno()),
                self._worker_config,
                pass_fds=(child.fileno(),),
                stdin=asyncio.subprocess.DEVNULL,
            )
        finally:
            child.close()
        transport, _ = await self._loop.create_unix_connection(lambda: _WorkerProtocol(self, w), sock=parent)
        w.transport = transport  # type: ignore[assignment]
        self._loop.create_task(self._reap(w))
        log.info(
            "worker %s starting (pid %d, generation %d)",
            w.name,
            w.pid,
            generation,
            extra={"worker": w.name, "pid": w.pid, "event": "worker_start"},
        )
        return w

    async def start_generation(self, generation: int, timeout: float = 120.0) -> list[WorkerHandle]:
        """Start ``cfg.workers`` workers; return once all said HELLO (StartupError if not)."""
        new = [await self.spawn(slot + 1, generation) for slot in range(self.cfg.workers)]
        waits = [asyncio.ensure_future(self._ready_or_exit(w)) for w in new]
        try:
            await asyncio.wait_for(asyncio.gather(*waits), timeout)
        except TimeoutError:
            for w in new:
                w.kill("startup timeout")
            raise StartupError(f"workers did not start within {timeout:g}s") from None
        failed = [w for w in new if w.state != "ready"]
        if failed:
            for w in new:
                w.kill("startup failed")
            w = failed[0]
            rc = w.proc.returncode if w.proc else None
            reason = w.fatal or f"worker {w.name} {describe_exit(rc)}"
            raise StartupError(reason)
        return new

    async def _ready_or_exit(self, w: WorkerHandle) -> None:
        await asyncio.wait([w.ready, w.exited], return_when=asyncio.FIRST_COMPLETED)

    async def start(self) -> None:
        self.generation = 1
        await self.start_generation(1)
        self.serving = True

    async def reload(self) -> bool:
        """Start a new generation; when it is ready, drain the old one. False on failure."""
        generation = self.generation + 1
        try:
            await self.start_generation(generation)
        except StartupError as e:
            log.error(
                "reload failed, still serving the previous version: %s", e, extra={"event": "reload_failed"}
            )
            return False
        old = [w for w in self.workers if w.generation != generation and w.state != "dead"]
        self.generation = generation
        for t in self._pending_restarts.values():
            t.cancel()
        self._pending_restarts.clear()
        for w in old:
            w.state = "draining"
            w.draining = True
            self._flush_worker(w)
            w.send([framing.STOP])
        log.info(
            "reloaded: generation %d serving, %d old worker(s) draining",
            generation,
            len(old),
            extra={"event": "reload", "generation": generation},
        )
        self._drain_backlog()
        return True

    async def stop(self, grace: float) -> None:
        self.stopping = True
        for t in self._pending_restarts.values():
            t.cancel()
        live = [w for w in self.workers if w.state != "dead"]
        for w in live:
            self._flush_worker(w)
            w.state = "draining"
            w.draining = True
            w.send([framing.STOP])
        if live:
            _, pending = await asyncio.wait([w.exited for w in live], timeout=grace)
            for w in live:
                if not w.exited.done():
                    log.warning("worker %s did not stop within %gs; killing it", w.name, grace)
                    w.kill("shutdown")
            if pending:
                await asyncio.wait(pending, timeout=5)

    async def _reap(self, w: WorkerHandle) -> None:
        assert w.proc is not None
        rc = await w.proc.wait()
        self.on_lost(w)
        if not w.exited.done():
            w.exited.set_result(rc)
        self._after_exit(w, rc)

    def _after_exit(self, w: WorkerHandle, rc: int) -> None:
        how = describe_exit(rc)
        if w.kill_reason and rc < 0:
            how += f" ({w.kill_reason})"
        drained = w.draining or self.stopping or w.generation != self.generation
        level = logging.INFO if drained or rc == 0 or rc == EXIT_RETIRE else logging.ERROR
        log.log(
            level,
            "worker %s (pid %s) exited: %s",
            w.name,
            w.pid,
            how,
            extra={"worker": w.name, "pid": w.pid, "event": "worker_exit", "returncode": rc},
        )
        self.workers.remove(w)
        if drained or not self.serving:
            return
        if rc == EXIT_RETIRE or w.kill_reason == "memory":
            if w.slot not in self._pending_restarts and not self._slot_taken(w.slot):
                self._schedule_restart(w.slot, 0.0)
            return
        young = w.hello is None or time.monotonic() - w.started_at < YOUNG
        self.failures = self.failures + 1 if young else 1
        self.last_failure = w.fatal or how
        delay = (
            0.0
            if self.failures <= 1
            else min(self.cfg.backoff_initial * 2 ** (self.failures - 1), self.cfg.backoff_max)
        )
        if self.failures >= self.cfg.crash_loop_threshold:
            log.error(
                "crash loop: workers died %d times in a row soon after starting (last: %s); "
                "next restart in %.1fs. New requests get 503 until a worker stays up.",
                self.failures,
                self.last_failure,
                delay,
                extra={"event": "crash_loop", "failures": self.failures, "delay": delay},
            )
            self._fail_backlog(503, "Service Unavailable: workers are crash-looping\n")
        self._schedule_restart(w.slot, delay)

    def _slot_taken(self, slot: int) -> bool:
        return any(
            w.slot == slot and w.generation == self.generation and w.state in ("starting", "ready")
            for w in self.workers
        )

    def _schedule_restart(self, slot: int, delay: float) -> None:
        def go() -> None:
            self._pending_restarts.pop(slot, None)
            if not self.stopping and not self._slot_taken(slot):
                self._loop.create_task(self.spawn(slot, self.generation))

        if self.stopping:
            return
        old = self._pending_restarts.pop(slot, None)
        if old is not None:
            old.cancel()
        self._pending_restarts[slot] = self._loop.call_later(delay, go)

    # ------------------------------------------------------------ messages
    def on_message(self, w: WorkerHandle, message: Any) -> None:
        kind = message[0]
        if kind == framing.RESPONSES:
            in_flight = w.in_flight
            for rid, status, headers, body in message[1]:
                ex = in_flight.pop(rid, None)
                if ex is None:
                    w.overdue.pop(rid, None)
                    continue
                if body is None:  # the body follows in CHUNKS frames
                    w.streams[rid] = ex
                    ex.conn.respond_stream(ex, status, headers)
                else:
                    ex.conn.respond(ex, status, headers, body)
        elif kind == framing.CHUNKS:
            streams = w.streams
            for rid, data in message[1]:
                ex = streams.get(rid)
                if ex is None:
                    continue
                if data is None or data is False:
                    del streams[rid]
                    ex.conn.end_stream(ex, failed=data is False)
                else:
                    ex.conn.stream_chunk(ex, data)
        elif kind == framing.HELLO:
            w.hello = message[1]
            if w.state == "starting":
                w.state = "ready"
            if not w.ready.done():
                w.ready.set_result(True)
            log.info(
                "worker %s ready (pid %d, %s, %d context(s), rss %.0f MB)",
                w.name,
                w.pid,
                w.hello.get("engine"),
                w.hello.get("threads", 1),
                w.hello.get("rss", 0) / 1e6,
                extra={"worker": w.name, "pid": w.pid, "event": "worker_ready"},
            )
            if w.generation == self.generation and time.monotonic() - w.started_at >= 0:
                self._drain_backlog()
        elif kind == framing.REQUEUE:
            for rid in message[1]:
                ex = w.in_flight.pop(rid, None)
                if ex is not None and not ex.answered:
                    self.dispatch(ex)
        elif kind == framing.RETIRE:
            log.warning(
                "worker %s (pid %s) retires: %s",
                w.name,
                w.pid,
                message[1],
                extra={"worker": w.name, "event": "worker_retire"},
            )
            w.state = "retiring"
            w.kill_reason = w.kill_reason or "memory"
            self._schedule_restart(w.slot, 0.0)
        elif kind == framing.FATAL:
            w.fatal = message[1]
            log.error(
                "worker %s cannot load the handler:\n%s",
                w.name,
                message[1],
                extra={"worker": w.name, "event": "load_error"},
            )

    def on_lost(self, w: WorkerHandle) -> None:
        """The worker's socket closed: fail or reroute everything it had."""
        if w.state == "dead":
            return
        w.state = "dead"
        if not w.ready.done():
            w.ready.set_result(False)
        if w.transport is not None:
            w.transport.close()
        if w.proc is not None and w.proc.returncode is None and w.kill_reason is None:
            w.kill("lost its channel")
        memory = w.kill_reason == "memory"
        status = 503 if memory else 502
        text = (
            "Service Unavailable: the worker hit its memory limit\n"
            if memory
            else "Bad Gateway: the worker running this request died\n"
        )
        in_flight, w.in_flight = w.in_flight, {}
        for ex in in_flight.values():
            ex.conn.respond(ex, status, _TEXT, text.encode())
        streams, w.streams = w.streams, {}
        for ex in streams.values():  # already answered: cut them short
            ex.conn.end_stream(ex, failed=True)
        unsent, w.outbox = w.outbox, []
        for ex in unsent:
            del_ok = not ex.answered
            if del_ok:
                self.dispatch(ex)

    # ------------------------------------------------------------ dispatch
    def _pick(self) -> WorkerHandle | None:
        best = None
        best_load = 1 << 30
        gen = self.generation
        for w in self.workers:
            if w.state == "ready" and w.generation == gen:
                load = len(w.in_flight) + len(w.outbox)
                if load < best_load:
                    best, best_load = w, load
        if best is None:  # during a reload the previous generation still serves
            for w in self.workers:
                if w.state == "ready":
                    load = len(w.in_flight) + len(w.outbox)
                    if load < best_load:
                        best, best_load = w, load
        return best

    def dispatch(self, ex: Exchange) -> None:
        if ex.deadline == 0.0:
            ex.deadline = ex.started + self.cfg.timeout
        w = self._pick()
        if w is None:
            if self.failures >= self.cfg.crash_loop_threshold or self.stopping:
                ex.conn.respond(ex, 503, _TEXT, b"Service Unavailable: no healthy worker\n")
            else:
                self.backlog.append(ex)
            return
        ex.worker = w.name
        w.in_flight[ex.id] = ex
        w.outbox.append(ex)
        w.served += 1
        if w.served == self.cfg.max_requests:
            self._recycle(w)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            self._loop.call_soon(self._flush)

    def _recycle(self, w: WorkerHandle) -> None:
        """``w`` served ``--max-requests``: its replacement starts first, then it drains,
        so no request waits for a worker to start."""

        async def replace() -> None:
            new = await self.spawn(w.slot, self.generation)
            await self._ready_or_exit(new)
            if new.state != "ready" or w.state != "ready":
                return  # the replacement failed (restart logic takes over) or w is gone
            log.info(
                "worker %s (pid %s) served %d requests (--max-requests): replaced by pid %s",
                w.name,
                w.pid,
                w.served,
                new.pid,
                extra={"worker": w.name, "event": "worker_recycle"},
            )
            w.state = "draining"
            w.draining = True
            self._flush_worker(w)
            w.send([framing.STOP])

        if not self.stopping:
            task = self._loop.create_task(replace())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _flush(self) -> None:
        self._flush_scheduled = False
        for w in self.workers:
            if w.outbox:
                self._flush_worker(w)

    def _flush_worker(self, w: WorkerHandle) -> None:
        batch, w.outbox = w.outbox, []
        if batch:
            w.send([framing.REQUESTS, [ex.wire() for ex in batch]])

    def _drain_backlog(self) -> None:
        backlog, self.backlog = self.backlog, []
        for ex in backlog:
            if not ex.answered:
                self.dispatch(ex)

    def flow(self, ex: Exchange, pause: bool) -> None:
        """Tell the worker streaming ``ex``'s body to hold (``pause``) or go on."""
        for w in self.workers:
            if ex.id in w.streams:
                w.send([framing.PAUSE if pause else framing.RESUME, [ex.id]])
                return

    def abandon(self, ex: Exchange) -> None:
        """The client went away: its worker stops working on the answer (the handler's
        ``request.signal`` aborts; a streamed body is cancelled)."""
        if ex in self.backlog:
            self.backlog.remove(ex)
            return
        for w in self.workers:
            if w.streams.pop(ex.id, None) is not None or w.in_flight.pop(ex.id, None) is not None:
                if ex in w.outbox:  # never sent: nothing to cancel
                    w.outbox.remove(ex)
                else:
                    w.send([framing.CANCEL, [ex.id]])
                return

    def _fail_backlog(self, status: int, text: str) -> None:
        backlog, self.backlog = self.backlog, []
        for ex in backlog:
            ex.conn.respond(ex, status, _TEXT, text.encode())

    # ------------------------------------------------------------ watchdogs
    def sweep(self, now: float, check_memory: bool) -> None:
        """Deadlines (504), stuck workers (kill), RSS ceilings (kill, 503)."""
        timeout_body = b"Gateway Timeout\n"
        for w in list(self.workers):
            if w.in_flight:
                late = [ex for ex in w.in_flight.values() if ex.deadline <= now]
                if late:
                    for ex in late:
                        del w.in_flight[ex.id]
                        w.overdue[ex.id] = now
                        ex.conn.respond(ex, 504, _TEXT, timeout_body)
                    log.warning(
                        "%d request(s) on worker %s passed --timeout %gs: 504",
                        len(late),
                        w.name,
                        self.cfg.timeout,
                        extra={"worker": w.name, "event": "timeout"},
                    )
                    w.outbox = [ex for ex in w.outbox if not ex.answered]
                    w.send([framing.CANCEL, [ex.id for ex in late]])
            if w.overdue and w.state != "dead":
                oldest = min(w.overdue.values())
                if now - oldest > self.cfg.kill_grace:
                    log.error(
                        "worker %s (pid %s) did not stop a handler within %gs of its "
                        "timeout; killing and replacing it",
                        w.name,
                        w.pid,
                        self.cfg.kill_grace,
                        extra={"worker": w.name, "event": "kill"},
                    )
                    w.overdue.clear()
                    w.kill("timeout")
            if check_memory and w.hello is not None and w.state != "dead":
                limit = self.cfg.memory_limit_bytes
                assert limit is not None
                ceiling = w.hello.get("rss", 0) + 2 * limit
                rss = w.rss()
                if rss > ceiling:
                    log.error(
                        "worker %s (pid %s) uses %.0f MB, over its ceiling of %.0f MB "
                        "(--max-memory %g): killing and replacing it",
                        w.name,
                        w.pid,
                        rss / 1e6,
                        ceiling / 1e6,
                        self.cfg.max_memory_mb,
                        extra={"worker": w.name, "event": "memory_kill"},
                    )
                    w.kill("memory")
        if self.backlog:
            expired = [ex for ex in self.backlog if ex.deadline and ex.deadline <= now]
            if expired:
                self.backlog = [ex for ex in self.backlog if ex not in expired]
                for ex in expired:
                    ex.conn.respond(ex, 504, _TEXT, timeout_body)

    def threads_per_worker(self) -> int | None:
        """Contexts per worker, as the ready workers reported them (None: none ready)."""
        for w in self.workers:
            if w.hello is not None:
                return int(w.hello.get("threads", 1))
        return None

    def status(self) -> list[dict[str, Any]]:
        return [
            {
                "name": w.name,
                "pid": w.pid,
                "state": w.state,
                "generation": w.generation,
                "in_flight": len(w.in_flight),
                "engine": (w.hello or {}).get("engine"),
                "engine_modules": (w.hello or {}).get("modules"),
            }
            for w in self.workers
        ]
