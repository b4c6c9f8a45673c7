"""Runs request batches through one context, and answers, times out and cancels them.

Each batch is ONE engine crossing: ``__server.run`` starts its requests, the promise jobs
they queued run, and ``__server.collect`` takes every answer made (``call_settled``), so a
handler that awaits only what is already at hand is answered in the same crossing; the
rest come back with the next one (the next batch, or a ``collect`` when idle). Every
crossing may run for ``--timeout``: whatever code runs at its end belongs to a request
started before it, so past its own deadline, and is interrupted as a runaway and answered
with a 504. (Bound to the nearest deadline instead, it would cut short another request's
code that has time left.) A request whose deadline passes during a crossing gets its 504
when the crossing ends. A memory limit hit answers the
culprit with a 503, hands unstarted requests back to the reactor, and retires the process.
The time each request crossing takes is counted and reported to the reactor (``Stats``)
for its metrics.
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import logging
import os
import time
from typing import Any

from runtime import MemoryLimitExceeded, ScriptTimeout
from runtime.server.config import EXIT_RETIRE, WorkerConfig
from runtime.server.protocol import (
    BODY_BASE64,
    BODY_STREAM,
    BODY_TEXT,
    CALL_CANCEL,
    CALL_COLLECT,
    CALL_INTERRUPTED,
    CALL_PAUSE,
    CALL_RESUME,
    CALL_RUN,
    CHUNK,
    CROSSING_BUCKETS,
    DONE_BODY,
    DONE_BODY_KIND,
    DONE_CHUNK,
    DONE_ERROR,
    DONE_HEADERS,
    DONE_ID,
    DONE_STATUS,
    ERROR,
    FAILED,
    OUT_OF_MEMORY,
    STREAM_END,
    STREAM_FAILED,
    Chunk,
    Chunks,
    Request,
    Requeue,
    Response,
    Responses,
    Retire,
    Started,
    Stats,
)
from runtime.server.worker.channel import Channel
from runtime.server.worker.inbox import Inbox, Source

log = logging.getLogger("runtime.server")
_TEXT_HEADERS = [["content-type", "text/plain;charset=UTF-8"]]
#: Seconds between ``Stats`` reports while an executor keeps crossing.
STATS_INTERVAL = 1.0
#: About how many seconds of JS one request batch may hold (see ``Executor._pace``).
BATCH_BUDGET = 0.002


def _bad_status(status: int) -> dict[str, Any]:
    """The error record of an answer no HTTP response can carry."""
    if status == 0:  # Response.error(): Fetch's network error
        name = "TypeError"
        message = "the handler returned a network error (Response.error()), not a response with a status"
    else:
        name, message = "RangeError", f"invalid response status {status}"
    return {"name": name, "message": message, "stack": f"{name}: {message}"}


def _plain(rid: int, status: int, text: str) -> Response:
    return Response(rid, status, _TEXT_HEADERS, text.encode())


def _timed_out(ids: list[int]) -> Responses:
    return Responses([_plain(rid, 504, "Gateway Timeout\n") for rid in ids])


class Executor:
    def __init__(self, index: int, ctx: Any, cfg: WorkerConfig, chan: Channel, inbox: Inbox):
        self.index = index
        self.name = f"{os.getpid()}.{index}"
        self.ctx = ctx
        self.cfg = cfg
        self.chan = chan
        self.inbox = inbox
        #: Requests started and not answered, by id: when they time out.
        self.deadlines: dict[int, float] = {}
        #: Requests whose deadline a runaway's interrupt extended once already.
        self.extended: set[int] = set()
        #: (method, url) of those, for the log.
        self.meta: dict[int, tuple[str, str]] = {}
        #: Responses whose body is still streaming, and their (method, url).
        self.streams: set[int] = set()
        self.stream_meta: dict[int, tuple[str, str]] = {}
        #: Promises JS still waits on (handlers, bodies, ctx.waitUntil).
        self.pending = 0
        #: Completions may be waiting in JS: collect without blocking.
        self.poll_now = False
        #: When the next JS timer is due (None: no timer).
        self.timer_at: float | None = None
        #: The context's settled host calls when last looked at (see _take).
        self.host_settled = 0
        #: Engine crossings (run and collect) so far: count, seconds, per-bucket counts.
        self.crossings = 0
        self.crossing_seconds = 0.0
        self.crossing_buckets = [0] * (len(CROSSING_BUCKETS) + 1)
        self.reported = 0
        self.reported_at = 0.0
        #: Requests the next batch may hold, and the average JS seconds per request.
        self.batch_limit = cfg.max_batch
        self.per_request = 0.0
        self.cpu_per_request = 0.0
        # Answers JS finished early in a long batch are sent while the batch still runs.
        ctx._set_progress(self._answer)

    # -- the loop
    def loop(self, source: Source) -> None:
        inbox = self.inbox
        while True:
            if inbox.stop.is_set() and not self.deadlines and self.pending == 0 and not source.holds():
                return
            wait = self._wait_time()
            if self.crossings != self.reported and wait != 0.0:
                self._report()  # going idle: the reactor gets the last figures now
            batch = source.receive(wait, self.batch_limit)
            if inbox.cancelled:
                self._apply_cancels()
            if inbox.flows[self.index]:
                self._apply_flow()
            timer_due = self.timer_at is not None and time.monotonic() >= self.timer_at
            if self.deadlines:
                # What is late gets its 504 before the next crossing, which may take a whole
                # --timeout. (A deadline passed in a crossing makes the next wait zero.)
                self._expire()
            if batch:
                self._run(batch)
            elif self.poll_now or timer_due or self.pending:
                self._collect(timer_due)

    def _wait_time(self) -> float | None:
        if self.poll_now:
            return 0.0
        now = time.monotonic()
        wake = self.timer_at
        if self.deadlines:
            first = min(self.deadlines.values())
            wake = first if wake is None else min(wake, first)
        if self.inbox.stop.is_set():
            wake = now + 0.05 if wake is None else min(wake, now + 0.05)
        if wake is None:
            return None
        return max(0.0, wake - now)

    # -- crossings
    def _run(self, batch: list[Request]) -> None:
        inbox = self.inbox
        if inbox.cancelled:  # taken over by another worker while this one was stuck
            with inbox.lock:
                dropped = {r.id for r in batch if r.id in inbox.cancelled}
                inbox.cancelled.difference_update(dropped)
            if dropped:
                batch = [r for r in batch if r.id not in dropped]
                if not batch:
                    # reading again: the reactor stops waiting
                    self.chan.send(Started([], self._room(), self.per_request))
                    return
        self.chan.send(Started([r.id for r in batch], self._room(), self.per_request))
        now = time.monotonic()
        deadline = now + self.cfg.timeout
        items = []
        requests: dict[int, Request] = {}
        for r in batch:
            rid = r.id
            body = r.body
            if body is None or body == b"":
                text, kind = "", BODY_TEXT  # no body (and no null, which JSON's fast path avoids)
            else:
                try:
                    text, kind = body.decode("utf-8"), BODY_TEXT
                except UnicodeDecodeError:
                    text, kind = base64.b64encode(body).decode("ascii"), BODY_BASE64
            self.deadlines[rid] = deadline
            self.meta[rid] = (r.method, r.url)
            requests[rid] = r
            items.append([rid, r.method, r.url, r.headers, text, kind])  # the ITEM_* order
        start = time.perf_counter()
        cpu = time.process_time()
        try:
            out = self._cross(CALL_RUN, items, self.cfg.timeout)
        except ScriptTimeout:
            self._interrupted(requests, "timeout")
            return
        except (MemoryLimitExceeded, MemoryError):
            self._interrupted(requests, "memory")
            return
        self._pace((time.perf_counter() - start) / len(items), (time.process_time() - cpu) / len(items))
        self._take(out, active=True)

    def _room(self) -> int:
        """What ``Started`` says this executor takes before the reactor spreads requests:
        about :data:`BATCH_BUDGET` of the process's CPU time (not wall time, which other
        processes on a busy machine stretch). 1 until a crossing was measured, so requests
        spread over the workers until each knows what its handler costs."""
        return self._within_budget(self.cpu_per_request) if self.per_request else 1

    def _within_budget(self, seconds_per_request: float) -> int:
        """How many requests of that cost fit in :data:`BATCH_BUDGET` (1 to ``max_batch``)."""
        if seconds_per_request <= 0:
            return self.cfg.max_batch
        return max(1, min(self.cfg.max_batch, int(BATCH_BUDGET / seconds_per_request)))

    def _pace(self, per_request: float, cpu_per_request: float) -> None:
        """Size the next batches to about :data:`BATCH_BUDGET` seconds of JS: cheap
        handlers get big batches (one crossing serves many), slow ones small batches, so a
        runaway holds back few requests started with it; the rest wait unstarted, where
        the reactor can give them to another worker."""
        self.per_request = 0.8 * self.per_request + 0.2 * per_request
        self.cpu_per_request = 0.8 * self.cpu_per_request + 0.2 * cpu_per_request
        self.batch_limit = self._within_budget(self.per_request)

    def _collect(self, timer_due: bool) -> None:
        try:
            out = self._cross(CALL_COLLECT, None, self.cfg.timeout)
        except ScriptTimeout:
            self._interrupted({}, "timeout")
            return
        except (MemoryLimitExceeded, MemoryError):
            self._interrupted({}, "memory")
            return
        self._take(out, active=timer_due)

    def _cross(self, target: str, items: list[Any] | None, timeout: float) -> Any:
        """One request crossing (run or collect), timed for the metrics."""
        start = time.perf_counter()
        try:
            if items is None:
                return self.ctx.call(target, timeout=timeout)
            # The batch and then take(): answers its promises settle come back with it.
            return self.ctx._call_settled(target, [items], CALL_COLLECT, timeout=timeout)
        finally:
            end = time.perf_counter()
            took = end - start
            self.crossings += 1
            self.crossing_seconds += took
            self.crossing_buckets[bisect.bisect_left(CROSSING_BUCKETS, took)] += 1
            if end - self.reported_at >= STATS_INTERVAL:
                self._report(end)

    def _report(self, now: float | None = None) -> None:
        self.reported = self.crossings
        self.reported_at = time.perf_counter() if now is None else now
        with contextlib.suppress(OSError):
            self.chan.send(
                Stats(self.index, self.crossings, self.crossing_seconds, list(self.crossing_buckets))
            )

    def _take(self, out: list[Any], active: bool) -> None:
        done, pending, next_ms = out
        self.pending = pending
        if type(next_ms) is int or type(next_ms) is float:
            self.timer_at = None if next_ms < 0 else time.monotonic() + next_ms / 1000.0
        else:
            self.timer_at = None
        if done:
            self._answer(done)
        # Completions that microtasks produce after this crossing come with the next one,
        # and so do those of async host calls (crypto.subtle, compression streams): the
        # crossing ran and settled them as it returned, so JS may have gone on since.
        settled = self.ctx._host.settled
        fresh, self.host_settled = settled != self.host_settled, settled
        self.poll_now = bool(pending) and (active or bool(done) or fresh)

    def _answer(self, done: list[Any]) -> None:
        replies: list[Response] = []
        chunks: list[Chunk] = []
        oom = []
        for entry in done:
            rid = entry[DONE_ID]
            status = entry[DONE_STATUS]
            if status <= CHUNK:  # a streamed body: CHUNK, END or FAILED
                if rid not in self.streams:
                    continue
                if status == CHUNK:
                    chunks.append(Chunk(rid, base64.b64decode(entry[DONE_CHUNK])))
                    continue
                self.streams.discard(rid)
                if status == FAILED:
                    meta = self.stream_meta.pop(rid, ("?", "?"))
                    stack = entry[DONE_ERROR].get("stack")
                    log.error("%s %s: the response body stream failed: %s", *meta, stack)
                    chunks.append(Chunk(rid, STREAM_FAILED))
                else:
                    self.stream_meta.pop(rid, None)
                    chunks.append(Chunk(rid, STREAM_END))
                continue
            if self.deadlines.pop(rid, None) is None:
                self.meta.pop(rid, None)
                continue  # already answered (timed out or cancelled)
            meta = self.meta.pop(rid, ("?", "?"))
            if status == OUT_OF_MEMORY:
                oom.append(rid)
                continue
            if status == ERROR:
                replies.append(self._error_reply(rid, entry[DONE_ERROR], meta))
                continue
            kind = entry[DONE_BODY_KIND]
            if kind == BODY_STREAM and 200 <= status <= 599:  # head now, chunks later
                self.streams.add(rid)
                self.stream_meta[rid] = meta
                replies.append(Response(rid, status, entry[DONE_HEADERS], None))
                continue
            if not 200 <= status <= 599:
                replies.append(self._error_reply(rid, _bad_status(status), meta))
                continue
            body = entry[DONE_BODY]
            data = base64.b64decode(body) if kind == BODY_BASE64 else body.encode("utf-8", "surrogatepass")
            replies.append(Response(rid, status, entry[DONE_HEADERS], data))
        if replies:
            self.chan.send(Responses(replies))
        if chunks:
            self.chan.send(Chunks(chunks))
        if oom:
            self._retire(oom, [], "the handler ran out of memory")

    def _error_reply(self, rid: int, record: dict[str, Any], meta: tuple[str, str]) -> Response:
        stack = record.get("stack") or f"{record.get('name')}: {record.get('message')}"
        log.error(
            "handler failed on %s %s: %s",
            meta[0],
            meta[1],
            stack,
            extra={"method": meta[0], "url": meta[1], "worker_pid": os.getpid()},
        )
        if self.cfg.debug:
            return _plain(rid, 500, f"Internal Server Error\n\n{stack}\n")
        return _plain(rid, 500, "Internal Server Error\n")

    def _interrupted(self, requests: dict[int, Request], why: str) -> None:
        """A crossing was terminated (deadline) or hit the memory limit: sort out who gets what."""
        try:
            running, rest, done, pending = self.ctx.call(CALL_INTERRUPTED)
        except Exception:  # the context cannot say: treat every request as affected
            running, rest, done, pending = -1, [], [], 0
            if why == "memory":
                self._retire(list(requests), [], "memory limit hit and the context is unusable")
                return
        self.pending = pending
        if done:
            self._answer(done)
        if why == "memory":
            culprits = [running] if running >= 0 else []
            culprits += [rid for rid in self.deadlines if rid not in rest and rid not in culprits]
            self._retire(culprits, rest, "the handler hit the memory limit")
            return
        if running >= 0 and self.deadlines.pop(running, None) is not None:
            method, url = self.meta.pop(running, ("?", "?"))
            log.warning(
                "handler for %s %s ran past --timeout %gs and was interrupted", method, url, self.cfg.timeout
            )
            self.chan.send(_timed_out([running]))
        # What the runaway allocated is garbage now, kept until the engine next needs room
        # (a memory bomb stopped by its deadline would hold the worker's memory for good).
        with contextlib.suppress(Exception):
            self.ctx.isolate.collect_garbage()
        # The others lost their time to the runaway, not to their own work: those it kept
        # from starting go back to the reactor (another worker may be free), and those
        # waiting on promises or timers get one more --timeout.
        unstarted = [rid for rid in rest if self.deadlines.pop(rid, None) is not None]
        for rid in unstarted:
            self.meta.pop(rid, None)
        if unstarted:
            self.chan.send(Requeue(unstarted))
        later = time.monotonic() + self.cfg.timeout
        self.extended.intersection_update(self.deadlines)
        for rid, deadline in self.deadlines.items():
            if rid not in self.extended:
                self.extended.add(rid)
                self.deadlines[rid] = max(deadline, later)
        self._expire()

    def _retire(self, culprits: list[int], rest: list[int], reason: str) -> None:
        log.error(
            "worker %d retires: %s (--max-memory); %d request(s) get a 503",
            os.getpid(),
            reason,
            len(culprits),
        )
        replies = [_plain(rid, 503, "Service Unavailable: memory limit exceeded\n") for rid in culprits]
        with contextlib.suppress(OSError):
            if replies:
                self.chan.send(Responses(replies))
            if rest:
                self.chan.send(Requeue(rest))
            self.chan.send(Retire(reason))
        os._exit(EXIT_RETIRE)

    def _expire(self) -> None:
        now = time.monotonic()
        late = [rid for rid, d in self.deadlines.items() if d <= now]
        if not late:
            return
        for rid in late:
            del self.deadlines[rid]
            method, url = self.meta.pop(rid, ("?", "?"))
            log.warning(
                "handler for %s %s did not finish within --timeout %gs", method, url, self.cfg.timeout
            )
        with contextlib.suppress(Exception):
            self.ctx.call(CALL_CANCEL, late, timeout=1.0)
        self.chan.send(_timed_out(late))

    def _apply_cancels(self) -> None:
        inbox = self.inbox
        with inbox.lock:
            ids = [rid for rid in inbox.cancelled if rid in self.deadlines or rid in self.streams]
            inbox.cancelled.difference_update(ids)
        if ids:
            dropped = []
            for rid in ids:
                if self.deadlines.pop(rid, None) is not None:
                    dropped.append(rid)
                self.meta.pop(rid, None)
                self.streams.discard(rid)
                self.stream_meta.pop(rid, None)
            with contextlib.suppress(Exception):
                self.ctx.call(CALL_CANCEL, ids, timeout=1.0)
            if dropped:
                # The reactor answered them (or their client left): it drops these, and
                # knows this worker caught up (one past --timeout it would otherwise kill).
                self.chan.send(_timed_out(dropped))

    def _apply_flow(self) -> None:
        """Pause or resume streamed bodies as the reactor's clients keep up or not."""
        inbox = self.inbox
        with inbox.lock:
            flow = inbox.flows[self.index]
            todo = [(pause, [rid for rid in ids if rid in self.streams]) for pause, ids in flow]
            flow.clear()
        for pause, ids in todo:
            if ids:
                with contextlib.suppress(Exception):
                    self.ctx.call(CALL_PAUSE if pause else CALL_RESUME, ids, timeout=1.0)
                if not pause:
                    self.poll_now = True
