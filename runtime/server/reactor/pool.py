"""Routing: which worker gets a request, and who gets each answer.

A worker is sent at most what it can start next: it has room while the requests it holds
unstarted are fewer than about 2 ms of its CPU time's worth, at what they have cost it
(``room``, from its ``Started``). Requests go to the first ready worker of the current
generation (during a reload, of the previous one until the new one is ready) with room;
when none has room they wait here, in arrival order, and go out as workers start what they
hold. Cheap requests fill one worker's batches, so one crossing serves many of them and the
cores left go to the reactor; costly ones spread over every worker at once; and a worker
that meets a runaway script holds back one batch, not a queue of requests.

Requests are not written one by one: every request routed in one event-loop turn is queued
per worker and written as ONE frame at the end of the turn (``call_soon``), which is what
lets a worker hand many requests to JS in one engine crossing.

A worker marked ``stuck`` (silent with requests in flight: a runaway script, a memory bomb)
gets no new requests; what it holds unstarted goes to another (``take_over``). Requests go
to at most ``--workers`` workers that are not stuck, the first in :attr:`Pool.workers`
(spares are last there): a spare serves while another is stuck, and is idle, then stopped,
once none is. With no ready worker a request waits too (up to ``max_backlog``), or gets a
503 with ``Retry-After`` when that many wait or the pool is :attr:`Pool.refusing`
(stopping, or workers crash-looping).

The supervisor keeps :attr:`Pool.workers` and :attr:`Pool.generation` current; the pool
never starts or stops a process.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import time
from collections.abc import Callable

from runtime.server.config import Config
from runtime.server.protocol import (
    STREAM_END,
    STREAM_FAILED,
    Cancel,
    Chunks,
    Pause,
    Request,
    Requests,
    Responses,
    Resume,
)
from runtime.server.reactor.exchange import RETRY_SOON, TEXT_PLAIN, Exchange
from runtime.server.reactor.handle import READY, WorkerHandle

log = logging.getLogger("runtime.server")
#: Methods whose run has no effect a second run would repeat (RFC 9110 §9.2.1).
SAFE_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "TRACE"))


def _arrival(ex: Exchange) -> float:
    return ex.started


class Pool:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.workers: list[WorkerHandle] = []
        #: The generation new requests go to.
        self.generation = 0
        #: Requests waiting for a ready worker.
        self.backlog: list[Exchange] = []
        #: No worker will be ready soon: requests get a 503 rather than wait.
        self.refusing = False
        #: Called when a worker has been routed ``--max-requests`` requests.
        self.on_max_requests: Callable[[WorkerHandle], None] = lambda w: None
        self._flush_scheduled = False
        self._loop = asyncio.get_running_loop()

    # ------------------------------------------------------------ requests
    def dispatch(self, ex: Exchange) -> None:
        if ex.deadline == 0.0:
            ex.deadline = ex.started + self.cfg.timeout
        w = None if self.backlog else self._pick()  # first come, first served
        if w is None:
            self._hold(ex)
        else:
            self._route(ex, w)

    def redispatch(self, ex: Exchange) -> None:
        """Route ``ex`` again (a worker could not start it): ahead of those that came later."""
        w = self._pick()
        if w is None:
            self._hold(ex, ahead=True)
        else:
            self._route(ex, w)

    def _hold(self, ex: Exchange, ahead: bool = False) -> None:
        """Keep ``ex`` waiting: last, or ``ahead`` of those that arrived after it."""
        if self.refusing:
            ex.sink.respond(ex, 503, RETRY_SOON, b"Service Unavailable: no healthy worker\n")
        elif len(self.backlog) >= self.cfg.max_backlog and not self._any_ready():
            ex.sink.respond(ex, 503, RETRY_SOON, b"Service Unavailable: too many requests waiting\n")
        elif ahead:
            bisect.insort(self.backlog, ex, key=_arrival)
        else:
            self.backlog.append(ex)

    def _any_ready(self) -> bool:
        return any(w.state == READY for w in self.workers)

    def _route(self, ex: Exchange, w: WorkerHandle) -> None:
        ex.worker = w.name
        ex.routed = w.last_routed = now = time.monotonic()
        # Time spent waiting here was other requests': the handler still gets its --timeout.
        ex.deadline = max(ex.deadline, now + self.cfg.timeout)
        if not w.busy and not w.unstarted:
            # A worker with nothing to start (idle, or awaiting promises) is silent from
            # the request it gets now, not from when it last spoke.
            w.last_heard = max(w.last_heard, now)
        w.in_flight[ex.id] = ex
        w.outbox.append(ex)
        w.served += 1
        if w.served == w.max_requests:
            self.on_max_requests(w)
        if not self._flush_scheduled:
            self._flush_scheduled = True
            self._loop.call_soon(self._flush)

    def _pick(self) -> WorkerHandle | None:
        """The first ready, unstuck worker with room, of the first ``--workers`` of them."""
        gen = self.generation
        free = self.cfg.workers  # more workers than that would only share the cores
        current = False
        for w in self.workers:
            if w.state == READY and w.generation == gen:
                current = True
                if not w.stuck:
                    if w.unstarted < w.room:
                        return w
                    free -= 1
                    if not free:
                        return None
        if not current:  # during a reload the previous generation still serves
            for w in self.workers:
                if w.state == READY and not w.stuck and w.unstarted < w.room:
                    return w
        return None

    def fill(self) -> None:
        """Route waiting requests, oldest first, while a worker has room for them."""
        backlog = self.backlog
        taken = 0
        while taken < len(backlog):
            w = self._pick()
            if w is None:
                break
            ex = backlog[taken]
            taken += 1
            if not ex.answered:
                self._route(ex, w)
        if taken:
            del backlog[:taken]

    def _flush(self) -> None:
        self._flush_scheduled = False
        for w in self.workers:
            if w.outbox:
                self.flush_worker(w)

    def flush_worker(self, w: WorkerHandle) -> None:
        """Write what is routed to ``w`` now (before it is told to stop)."""
        batch, w.outbox = w.outbox, []
        if batch:
            w.send(Requests([Request(ex.id, ex.method, ex.url, ex.headers, ex.body) for ex in batch]))

    def fail_backlog(self, text: str) -> None:
        """Answer every waiting request with a 503 (no worker will be ready soon)."""
        backlog, self.backlog = self.backlog, []
        for ex in backlog:
            ex.sink.respond(ex, 503, RETRY_SOON, text.encode())

    def expire_backlog(self, now: float, body: bytes) -> None:
        """Answer waiting requests whose deadline was before ``now`` with a 504 carrying
        ``body``."""
        expired = [ex for ex in self.backlog if ex.deadline and ex.deadline <= now]
        if expired:
            self.backlog = [ex for ex in self.backlog if ex not in expired]
            for ex in expired:
                ex.sink.respond(ex, 504, TEXT_PLAIN, body)

    def requeue(self, w: WorkerHandle, ids: list[int]) -> None:
        """``w`` never started these: route them again, with a whole ``--timeout`` (the
        time they waited was another request's)."""
        now = time.monotonic()
        for rid in ids:
            w.started.discard(rid)
            ex = w.in_flight.pop(rid, None)
            if ex is not None and not ex.answered:
                ex.deadline = max(ex.deadline, now + self.cfg.timeout)
                self.redispatch(ex)

    def take_over(self, w: WorkerHandle, now: float, silent: float) -> int:
        """``w`` is stuck: the requests it was sent but never started go to a worker that is
        not (and are cancelled on ``w``, which drops them unstarted). A worker free to read
        starts a request at once and says so, so one that has not for ``silent`` seconds
        was busy; a request whose method is not safe waits ``move_unsafe_after``, so that an
        answer held up in a reactor turn cannot make it run twice. Returns how many moved."""
        started = w.started
        started.intersection_update(w.in_flight)
        if len(started) == len(w.in_flight):
            return 0
        if not any(o is not w and o.state == READY and not o.stuck for o in self.workers):
            return 0
        safe_before = now - silent
        unsafe_before = now - self.cfg.move_unsafe_after
        moved = [
            ex
            for rid, ex in w.in_flight.items()
            if rid not in started
            and ex.routed < (safe_before if ex.method in SAFE_METHODS else unsafe_before)
        ]
        if not moved:
            return 0
        for ex in moved:
            del w.in_flight[ex.id]
        w.moved_at = w.moved_at or now
        w.send(Cancel([ex.id for ex in moved]))
        log.info(
            "worker %s is busy: %d request(s) it had not started go to another worker",
            w.name,
            len(moved),
            extra={"worker": w.name, "event": "take_over"},
        )
        for ex in moved:
            if not ex.answered:
                self.redispatch(ex)
        return len(moved)

    def abandon(self, ex: Exchange) -> None:
        """The client went away: its worker stops working on the answer (the handler's
        ``request.signal`` aborts; a streamed body is cancelled)."""
        if ex in self.backlog:
            self.backlog.remove(ex)
            return
        for w in self.workers:
            w.started.discard(ex.id)
            if w.streams.pop(ex.id, None) is not None or w.in_flight.pop(ex.id, None) is not None:
                if ex in w.outbox:  # never sent: nothing to cancel
                    w.outbox.remove(ex)
                else:
                    w.send(Cancel([ex.id]))
                return

    def hold(self, ex: Exchange, pause: bool) -> None:
        """Tell the worker streaming ``ex``'s body to hold (``pause``) or go on."""
        for w in self.workers:
            if ex.id in w.streams:
                w.send(Pause([ex.id]) if pause else Resume([ex.id]))
                return

    # ------------------------------------------------------------ answers
    def on_responses(self, w: WorkerHandle, message: Responses) -> None:
        in_flight = w.in_flight
        started = w.started
        for r in message.responses:
            started.discard(r.id)
            ex = in_flight.pop(r.id, None)
            if ex is None:  # answered already (504): the worker has caught up with it
                w.overdue.pop(r.id, None)
                continue
            if r.body is None:  # the body follows in Chunks
                if ex.sink.respond_stream(ex, r.status, r.headers):
                    w.streams[r.id] = ex
                else:  # nobody will read it (a HEAD request): the handler stops producing it
                    w.send(Cancel([r.id]))
            else:
                ex.sink.respond(ex, r.status, r.headers, r.body)

    def on_chunks(self, w: WorkerHandle, message: Chunks) -> None:
        streams = w.streams
        for c in message.chunks:
            ex = streams.get(c.id)
            if ex is None:
                continue
            data = c.data
            if data is STREAM_END or data is STREAM_FAILED:
                del streams[c.id]
                ex.sink.end_stream(ex, failed=data is STREAM_FAILED)
            else:
                ex.sink.stream_chunk(ex, data)  # type: ignore[arg-type]

    def fail_worker(
        self, w: WorkerHandle, status: int, text: str, heard_out: bool, late: tuple[int, bytes] | None = None
    ) -> None:
        """``w`` is gone: its in-flight requests get ``status`` (those past their deadline
        get ``late``'s status and body instead, when given), its streams are cut short, and
        what it was never sent goes to another worker. ``heard_out``: every frame it sent
        was read, so a request it never said it started never reached JS, and goes to
        another worker too."""
        unsent, w.outbox = w.outbox, []
        for ex in unsent:
            w.in_flight.pop(ex.id, None)
        started, w.started = w.started, set()
        in_flight, w.in_flight = w.in_flight, {}
        now = time.monotonic()
        for rid, ex in in_flight.items():
            if heard_out and rid not in started:
                ex.deadline = max(ex.deadline, now + self.cfg.timeout)
                unsent.append(ex)
            elif late is not None and ex.deadline <= now:
                ex.sink.respond(ex, late[0], TEXT_PLAIN, late[1])
            else:
                ex.sink.respond(ex, status, TEXT_PLAIN, text.encode())
        streams, w.streams = w.streams, {}
        for ex in streams.values():
            ex.sink.end_stream(ex, failed=True)
        for ex in unsent:
            if not ex.answered:
                self.redispatch(ex)
