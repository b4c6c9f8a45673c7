"""Worker processes: start them, hear their HELLO, replace them when they exit.

Failure handling is all from the outside, so it works whatever the engine did:

- a worker's channel closes (it died: SIGKILL, segfault, abort, OOM kill): once all it
  sent is read, each request it had started gets a 502 (a 503 if it was killed for
  memory), those it never started go to another worker, and a replacement
  starts in its slot: at once if the worker had been serving for ``settle`` seconds (the
  handler works; only its requests are lost), else after an exponential backoff; workers
  that keep dying young are logged as a crash loop, and the pool refuses to queue until a
  worker is ready again;
- a worker that retires (memory limit hit) is replaced at once; the requests it never read
  go to another worker;
- ``--max-requests`` (by default on engines that leak per call): a worker that served that
  many is replaced without a pause: its replacement starts first, then it drains;
- ``--reload``: a new generation of workers starts; once all are ready the old one drains;
- a worker stuck in one long script (a runaway) gets a spare beside it, so ``--workers``
  stay free to serve (up to ``--spare-workers``); a spare is never replaced, and stops
  once it has been idle for ``spare_idle`` seconds; the stuck worker runs at idle CPU
  priority until it is heard from again (see ``priority``);
- ``--standby-workers`` spares are kept started and idle ahead of need: the pool routes
  to the first ``--workers`` free workers, so a standby serves the moment another dies,
  retires or sticks, and the spare started after it stands by in its turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import signal
import socket
import sys
import time
from typing import Any

import msgspec

from runtime.server import framing
from runtime.server.config import EXIT_LOAD_ERROR, EXIT_RETIRE, Config
from runtime.server.protocol import (
    Chunks,
    Fatal,
    FromWorker,
    Hello,
    Requeue,
    Responses,
    Retire,
    Started,
    Stats,
    Stop,
)
from runtime.server.reactor.child import start as spawn_child
from runtime.server.reactor.exchange import TIMEOUT_BODY
from runtime.server.reactor.handle import DEAD, DRAINING, READY, RETIRING, STARTING, WorkerHandle
from runtime.server.reactor.metrics import Metrics
from runtime.server.reactor.pool import Pool
from runtime.server.reactor.priority import Priority

log = logging.getLogger("runtime.server")
#: Seconds a worker that closed its channel gets to exit before it is killed.
LOST_GRACE = 0.5
#: The process entry point of a worker.
WORKER_MODULE = "runtime.server.worker"


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


class _Channel(asyncio.Protocol):
    """The reactor's end of one worker's socketpair."""

    def __init__(self, supervisor: Supervisor, worker: WorkerHandle) -> None:
        self.supervisor = supervisor
        self.worker = worker
        self.reader = framing.FrameReader(FromWorker)

    def data_received(self, data: bytes) -> None:
        worker = self.worker
        worker.last_heard = time.monotonic()
        worker.stuck = False
        worker.moved_at = 0.0
        if worker.demoted is not None:
            self.supervisor.priority.heard(worker)
        try:
            for message in self.reader.feed(data):
                self.supervisor.on_message(self.worker, message)
            if self.supervisor.pool.backlog:  # it may have room again
                self.supervisor.pool.fill()
        except (ValueError, msgspec.DecodeError) as e:
            log.error("worker %s sent a bad frame (%s); replacing it", self.worker.name, e)
            self.worker.kill("protocol")

    def eof_received(self) -> bool:
        self.worker.heard_out = True
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        # A worker that dies with frames of ours unread resets the channel; the reset is
        # reported only once all it sent has been read. (A failed write, EPIPE, says nothing
        # of what is left to read.)
        if isinstance(exc, ConnectionResetError):
            self.worker.heard_out = True
        if not self.worker.channel_closed.done():
            self.worker.channel_closed.set_result(None)
        self.supervisor.on_lost(self.worker)


class Supervisor:
    def __init__(self, cfg: Config, pool: Pool, metrics: Metrics | None = None) -> None:
        self.cfg = cfg
        self.pool = pool
        #: Restarts by cause, and the crossing figures of exited workers.
        self.metrics = metrics or Metrics()
        pool.on_max_requests = self.recycle
        #: Workers that died young in a row (a crash loop past ``crash_loop_threshold``).
        self.failures = 0
        self.last_failure = ""
        self.stopping = False
        #: The server is draining to stop (``Service.drain``): no spare starts, standby
        #: or not; the workers serve what is left.
        self.draining = False
        self.serving = False
        self._loop = asyncio.get_running_loop()
        self._tasks: set[asyncio.Task[None]] = set()  # background work it owns
        self._worker_config = msgspec.json.encode(cfg.worker_config()).decode()
        self._pending_restarts: dict[int, asyncio.TimerHandle] = {}
        #: No spare starts before this time (one is starting, or one failed to start).
        self._spares_after = 0.0
        #: Spares that died before or soon after they were ready, in a row (their backoff).
        self._spare_failures = 0
        #: Recycles under way (``--max-requests``): a replacement is ready before the old
        #: worker drains.
        self._recycling = 0
        self.priority = Priority(cfg)

    @property
    def workers(self) -> list[WorkerHandle]:
        return self.pool.workers

    @property
    def generation(self) -> int:
        return self.pool.generation

    # ------------------------------------------------------------ starting
    async def spawn(self, slot: int, generation: int, spare: bool = False) -> WorkerHandle:
        w = WorkerHandle(slot, generation)
        w.name = self.cfg.name_prefix + w.name
        w.spare = spare
        workers = self.workers
        if spare:
            workers.append(w)
        else:  # before the spares: the pool prefers the first workers, and spares idle out
            workers.insert(next((i for i, o in enumerate(workers) if o.spare), len(workers)), w)
        parent, child = socket.socketpair()
        try:
            args = [sys.executable, "-m", WORKER_MODULE, str(child.fileno()), self._worker_config]
            w.proc = spawn_child(args, pass_fds=(child.fileno(),))
        finally:
            child.close()
        transport, _ = await self._loop.create_unix_connection(lambda: _Channel(self, w), sock=parent)
        w.transport = transport  # type: ignore[assignment]
        self._loop.create_task(self._reap(w))
        log.info(
            "%s %s starting (pid %d, generation %d)",
            "spare worker" if spare else "worker",
            w.name,
            w.pid,
            generation,
            extra={"worker": w.name, "pid": w.pid, "event": "worker_start", "spare": spare},
        )
        return w

    # ------------------------------------------------------------ spares
    def add_spare(self, now: float) -> None:
        """Start a spare, one at a time and up to ``--spare-workers``:

        - when fewer than ``--workers`` are free or starting and one has been stuck past
          ``spare_after`` (or ten times what a request costs it). The stuck one's script
          keeps running until its ``--timeout``; meanwhile the kernel shares the cores
          between it and the free workers, so a runaway takes a share of a core, not a
          whole worker's requests;
        - to keep ``--standby-workers`` started beyond them, so that the next worker to
          die or stick is stood in for at once (the pool routes to the first ``--workers``
          free ones). A worker stuck only briefly, or whose replacement is coming, still
          counts as free."""
        cfg = self.cfg
        if self.stopping or self.draining or not self.serving or self.pool.refusing:
            return
        if now < self._spares_after:  # one is starting, or one died young (backoff)
            return
        if any(w.spare and w.state == DEAD and not w.draining for w in self.workers):
            return  # its exit, once reaped, decides when the next one may start (backoff)
        gen = self.generation
        live = [w for w in self.workers if w.generation == gen and w.state in (STARTING, READY)]
        if sum(1 for w in live if w.spare) >= cfg.max_spares:
            return
        if sum(1 for w in live if not w.stuck) < cfg.workers:
            if not any(self._in_long_script(w, now) for w in live):
                return
        else:
            # Dead and not yet reaped, or reaped with a restart scheduled: coming back.
            dead = sum(1 for w in self.workers if w.state == DEAD and not w.spare and w.generation == gen)
            coming = len(self._pending_restarts) + dead
            if sum(1 for w in live if not self._in_long_script(w, now)) + coming >= cfg.workers + cfg.standby:
                return
        taken = {w.slot for w in self.workers if w.state != DEAD}
        slot = next(s for s in itertools.count(cfg.workers + 1) if s not in taken)
        self._spares_after = now + cfg.spare_after  # one at a time: it counts once started
        task = self._loop.create_task(self.spawn(slot, gen, spare=True))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _in_long_script(self, w: WorkerHandle, now: float) -> bool:
        """Stuck (see the watchdog) for ``spare_after``, or ten request costs."""
        return w.stuck and now - w.last_heard >= max(self.cfg.spare_after, 10 * w.cost)

    def stop_idle_spares(self, now: float) -> None:
        """Drain a spare that has had no request for ``spare_idle`` seconds while
        ``--workers`` others and the standby are free."""
        if self._recycling:  # its replacement is ready before it drains: one too many
            return
        gen = self.generation
        free = [w for w in self.workers if w.generation == gen and w.state == READY and not w.stuck]
        extra = len(free) - self.cfg.workers - self.cfg.standby
        for w in reversed(free):
            if extra <= 0:
                return
            idle = now - max(w.last_routed, w.ready_at or 0.0)
            if w.spare and not w.in_flight and idle >= self.cfg.spare_idle:
                log.info(
                    "spare worker %s (pid %s) idle for %gs: stopping it",
                    w.name,
                    w.pid,
                    self.cfg.spare_idle,
                    extra={"worker": w.name, "event": "spare_stop"},
                )
                self._drain(w)
                extra -= 1

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
        failed = [w for w in new if w.state != READY]
        if failed:
            for w in new:
                w.kill("startup failed")
            w = failed[0]
            rc = w.proc.returncode if w.proc else None
            raise StartupError(w.fatal or f"worker {w.name} {describe_exit(rc)}")
        return new

    async def _ready_or_exit(self, w: WorkerHandle) -> None:
        await asyncio.wait([w.ready, w.exited], return_when=asyncio.FIRST_COMPLETED)

    async def start(self) -> None:
        self.pool.generation = 1
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
        old = [w for w in self.workers if w.generation != generation and w.state != DEAD]
        self.pool.generation = generation
        self.serving = not self.stopping  # also when the first start had failed
        for _ in old:
            self.metrics.restart("reload")
        for t in self._pending_restarts.values():
            t.cancel()
        self._pending_restarts.clear()
        for w in old:
            self._drain(w)
        log.info(
            "reloaded: generation %d serving, %d old worker(s) draining",
            generation,
            len(old),
            extra={"event": "reload", "generation": generation},
        )
        self.pool.fill()
        return True

    def recycle(self, w: WorkerHandle) -> None:
        """``w`` served ``--max-requests``: its replacement starts first, then it drains,
        so no request waits for a worker to start."""

        async def replace() -> None:
            self._recycling += 1
            try:
                new = await self.spawn(w.slot, self.generation)
                await self._ready_or_exit(new)
                if new.state != READY or w.state != READY:
                    return  # the replacement failed (restart logic takes over) or w is gone
                log.info(
                    "worker %s (pid %s) served %d requests (--max-requests): replaced by pid %s",
                    w.name,
                    w.pid,
                    w.served,
                    new.pid,
                    extra={"worker": w.name, "event": "worker_recycle"},
                )
                self.metrics.restart("recycle")
                self._drain(w)
            finally:
                self._recycling -= 1

        if w.spare:  # not replaced: another starts if one is needed
            self._drain(w)
        elif not self.stopping:
            task = self._loop.create_task(replace())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _drain(self, w: WorkerHandle) -> None:
        """``w`` gets what is routed to it, then STOP: it finishes its requests and exits."""
        w.state = DRAINING
        w.draining = True
        self.pool.flush_worker(w)
        w.send(Stop())

    async def stop(self, grace: float) -> None:
        self.stopping = True
        self.pool.refusing = True
        for t in self._pending_restarts.values():
            t.cancel()
        live = [w for w in self.workers if w.state != DEAD]
        for w in live:
            self._drain(w)
        if live:
            _, pending = await asyncio.wait([w.exited for w in live], timeout=grace)
            for w in live:
                if not w.exited.done():
                    log.warning("worker %s did not stop within %gs; killing it", w.name, grace)
                    w.kill("shutdown")
            if pending:
                await asyncio.wait(pending, timeout=5)

    # ------------------------------------------------------------ messages
    def on_message(self, w: WorkerHandle, message: Any) -> None:
        t = type(message)
        if t is Responses:
            self.pool.on_responses(w, message)
        elif t is Chunks:
            self.pool.on_chunks(w, message)
        elif t is Started:
            in_flight = w.in_flight
            w.started.update(i for i in message.ids if i in in_flight)  # not those answered meanwhile
            w.room = message.limit * w.hello.threads if w.hello is not None else message.limit
            w.cost = message.cost
            w.busy = bool(message.ids)  # none: it dropped a cancelled batch and reads again
            w.busy_since = w.last_heard
        elif t is Stats:
            w.stats[message.executor] = message
            w.busy = False
        elif t is Hello:
            self._on_hello(w, message)
        elif t is Requeue:
            self.pool.requeue(w, message.ids)
        elif t is Retire:
            log.warning(
                "worker %s (pid %s) retires: %s",
                w.name,
                w.pid,
                message.reason,
                extra={"worker": w.name, "event": "worker_retire"},
            )
            w.state = RETIRING
            w.kill_reason = w.kill_reason or "memory"
            if w.hello is not None and w.hello.threads == 1:
                # It answered what it started and handed back what it read: whatever is
                # still in flight on it was never read. (With several contexts another
                # one may have started it: those get the 503.)
                self.pool.requeue(w, list(w.in_flight))
            if not w.spare:
                self._schedule_restart(w.slot, 0.0)
        elif t is Fatal:
            w.fatal = message.message
            log.error(
                "worker %s cannot load the handler:\n%s",
                w.name,
                message.message,
                extra={"worker": w.name, "event": "load_error"},
            )

    def _on_hello(self, w: WorkerHandle, hello: Hello) -> None:
        w.hello = hello
        w.ready_at = time.monotonic()
        cfg = self.cfg
        leaks = bool(hello.capabilities.get("leaks_per_call")) and cfg.max_requests is None
        w.max_requests = cfg.leak_recycle_requests if leaks else (cfg.max_requests or 0)
        growth = cfg.max_growth
        w.max_growth = (cfg.leak_recycle_growth if leaks else 0.0) if growth is None else growth
        if w.state == STARTING:
            w.state = READY
            self.pool.refusing = self.stopping
        if not w.ready.done():
            w.ready.set_result(True)
        log.info(
            "worker %s ready (pid %d, %s, %d context(s), rss %.0f MB)",
            w.name,
            w.pid,
            hello.engine,
            hello.threads,
            hello.rss / 1e6,
            extra={"worker": w.name, "pid": w.pid, "event": "worker_ready"},
        )
        if w.generation == self.generation:
            self.pool.fill()

    # ------------------------------------------------------------ exits
    def on_lost(self, w: WorkerHandle) -> None:
        """The worker's channel closed: fail or reroute everything it had."""
        if w.state == DEAD:
            return
        w.state = DEAD
        if not w.ready.done():
            w.ready.set_result(False)
        if w.transport is not None:
            w.transport.close()
        if w.proc is not None and w.proc.returncode is None and w.kill_reason is None:
            # Usually it has just died (its exit status is about to be reaped, and is what
            # the log should say); one that lives on without its channel is killed.
            proc = w.proc
            self._loop.call_later(LOST_GRACE, lambda: proc.returncode is None and w.kill("lost its channel"))
        heard_out = w.heard_out and w.kill_reason != "protocol"
        if w.kill_reason == "memory":
            self.pool.fail_worker(w, 503, "Service Unavailable: the worker hit its memory limit\n", heard_out)
        else:
            # Killed for not answering in time: what it held past --timeout timed out.
            late = (504, TIMEOUT_BODY) if w.kill_reason == "timeout" else None
            died = "Bad Gateway: the worker running this request died\n"
            self.pool.fail_worker(w, 502, died, heard_out, late)

    async def _reap(self, w: WorkerHandle) -> None:
        assert w.proc is not None
        rc = await w.proc.wait()
        # What it wrote before it exited (a Retire, answers) may still be unread: its exit
        # can be seen first. Read to the end of its channel before failing what is left.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(w.channel_closed), LOST_GRACE)
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
        self.metrics.worker_gone(w)
        if drained or not self.serving:
            return
        if w.spare:  # never replaced; one that dies young holds the next one back
            now = time.monotonic()
            if w.ready_at is None:
                self._spares_after = now + self.cfg.backoff_max
            elif now - w.ready_at < self.cfg.settle:
                self._spare_failures += 1
                delay = self.cfg.backoff_initial * 2 ** (self._spare_failures - 1)
                self._spares_after = now + min(delay, self.cfg.backoff_max)
            else:
                self._spare_failures = 0
            return
        memory = rc == EXIT_RETIRE or w.kill_reason == "memory"
        self.metrics.restart("memory" if memory else "timeout" if w.kill_reason == "timeout" else "crash")
        if memory:
            if w.slot not in self._pending_restarts and not self._slot_taken(w.slot):
                self._schedule_restart(w.slot, 0.0)
            return
        if w.ready_at is not None and time.monotonic() - w.ready_at >= self.cfg.settle:
            self.failures = 0  # it served: the handler works, this death was its own
            self._schedule_restart(w.slot, 0.0)
            return
        self.failures += 1
        self.last_failure = w.fatal or how
        delay = (
            0.0
            if self.failures <= 1
            else min(self.cfg.backoff_initial * 2 ** (self.failures - 1), self.cfg.backoff_max)
        )
        crash_loop = self.failures >= self.cfg.crash_loop_threshold
        self.pool.refusing = crash_loop or self.stopping
        if crash_loop:
            log.error(
                "crash loop: workers died %d times in a row soon after starting (last: %s); "
                "next restart in %.1fs. New requests get 503 until a worker stays up.",
                self.failures,
                self.last_failure,
                delay,
                extra={"event": "crash_loop", "failures": self.failures, "delay": delay},
            )
            self.pool.fail_backlog("Service Unavailable: workers are crash-looping\n")
        self._schedule_restart(w.slot, delay)

    def _slot_taken(self, slot: int) -> bool:
        return any(
            w.slot == slot and w.generation == self.generation and w.state in (STARTING, READY)
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

    # ------------------------------------------------------------ reports
    def threads_per_worker(self) -> int | None:
        """Contexts per worker, as the ready workers reported them (None: none ready)."""
        for w in self.workers:
            if w.hello is not None:
                return w.hello.threads
        return None

    def reported_modules(self) -> set[str]:
        """The modules the workers' contexts loaded, as their HELLOs said."""
        return {m for w in self.workers if w.hello is not None for m in w.hello.modules}

    def status(self) -> list[dict[str, Any]]:
        return [
            {
                "name": w.name,
                "pid": w.pid,
                "state": w.state,
                "generation": w.generation,
                "in_flight": len(w.in_flight),
                "engine": w.hello.engine if w.hello else None,
                "engine_modules": w.hello.modules if w.hello else None,
                "start_rss": w.hello.rss if w.hello else None,
                "spare": w.spare,
                "stuck": w.stuck,
                "demoted": w.demoted is not None,
            }
            for w in self.workers
        ]
