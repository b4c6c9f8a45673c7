"""Deadlines and ceilings the reactor enforces whatever a worker does.

- A request past twice ``--timeout`` gets a 504 from here and its worker is told to forget
  it (``Cancel``). The worker answers timeouts itself (it interrupts a runaway script at
  ``--timeout``, and gives the requests the runaway kept waiting one more); this is for a
  worker that does not, and if it has not caught up ``kill_grace`` seconds later it is
  killed (the supervisor replaces it).
- A request that has waited in the reactor for twice ``--timeout`` (its deadline and as
  long again, the bound of one in flight) gets a 504.
- A worker with requests in flight that has sent nothing for ``stuck_after`` seconds (or
  ten request costs, if that is longer) in a crossing (``Started`` and no ``Stats``
  since), or for ``wake_after`` with requests it has not started, is marked stuck: the
  pool routes no new requests to it, and gives the others the requests it was sent but
  never started. One that stays silent past ``--timeout`` and the kill grace after that
  is not reading its channel: it is killed.
- A worker whose RSS passes its startup RSS plus 1.25 times ``--max-memory`` is killed
  (the engine stops a script at the limit itself; this is for growth it cannot see); its
  in-flight requests get a 503.
- A worker whose RSS passes ``--max-growth`` times its startup RSS (by default, on an
  engine that leaks per call and with no ``--max-requests`` given, ``leak_recycle_growth``)
  is recycled as one that served its request count is (its replacement starts first,
  nothing fails): how much a request leaks depends on the handler, so a count alone does
  not bound the growth.
"""

from __future__ import annotations

import logging

from runtime.server.config import Config
from runtime.server.protocol import Cancel
from runtime.server.reactor.exchange import TEXT_PLAIN, TIMEOUT_BODY
from runtime.server.reactor.handle import DEAD, READY, WorkerHandle
from runtime.server.reactor.pool import Pool

log = logging.getLogger("runtime.server")
#: A worker may grow past its startup RSS by this many times --max-memory, then it is killed.
MEMORY_MARGIN = 1.25


class Watchdog:
    def __init__(self, cfg: Config, pool: Pool) -> None:
        self.cfg = cfg
        self.pool = pool

    def check_stuck(self, now: float) -> None:
        """Mark workers stuck or not, as of ``now``; move what the stuck ones hold unstarted."""
        stuck_after = self.cfg.stuck_after
        for w in self.pool.workers:
            if w.in_flight:
                # Silent in a crossing, or with requests it has not started: a worker that
                # only awaits promises (a fetch, a timer, a long poll) starts the next at once.
                # A slow handler's crossings are long by nature: ten of its requests' cost.
                limit = max(stuck_after if w.busy else self.cfg.wake_after, 10 * w.cost)
                # Stuck stays stuck until heard from (``_Channel`` clears it): once its
                # unstarted requests are moved, one in a crossing that says nothing (a timer's
                # runaway) would otherwise look free, and get the next request.
                w.stuck = bool(w.stuck and w.moved_at) or (
                    now - w.last_heard > limit and (w.busy or w.unstarted > 0)
                )
                if w.stuck:
                    self.pool.take_over(w, now, limit)
            elif w.started:
                w.started.clear()

    def check(self, now: float, memory: bool) -> None:
        """Deadlines and (when ``memory``) RSS ceilings, as of ``now``."""
        for w in list(self.pool.workers):
            if w.in_flight:
                self._deadlines(w, now)
            if w.overdue and w.state != DEAD:
                self._stuck(w, now)
            elif w.moved_at and w.state != DEAD:
                self._silent(w, now)
            if memory and w.hello is not None and w.state != DEAD:
                self._memory(w)
            if w.max_growth and w.state == READY:
                self._growth(w)
        if self.pool.backlog:
            self.pool.expire_backlog(now - self.cfg.timeout, TIMEOUT_BODY)
            self.pool.fill()  # room that came without a word from its worker (a client left)

    def _deadlines(self, w: WorkerHandle, now: float) -> None:
        # The worker answers its own timeouts, and gives requests a runaway starved one
        # more --timeout: this is the backstop for a worker that does not.
        cutoff = now - self.cfg.timeout
        late = [ex for ex in w.in_flight.values() if ex.deadline <= cutoff]
        if not late:
            return
        for ex in late:
            del w.in_flight[ex.id]
            w.started.discard(ex.id)
            w.overdue[ex.id] = now
            ex.sink.respond(ex, 504, TEXT_PLAIN, TIMEOUT_BODY)
        log.warning(
            "%d request(s) on worker %s passed --timeout %gs: 504",
            len(late),
            w.name,
            self.cfg.timeout,
            extra={"worker": w.name, "event": "timeout"},
        )
        w.outbox = [ex for ex in w.outbox if not ex.answered]
        w.send(Cancel([ex.id for ex in late]))

    def _stuck(self, w: WorkerHandle, now: float) -> None:
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

    def _silent(self, w: WorkerHandle, now: float) -> None:
        """Requests were moved off ``w`` and it has said nothing since: past --timeout and
        the kill grace it is not reading its channel (every crossing ends by --timeout)."""
        if now - w.moved_at > self.cfg.timeout + self.cfg.kill_grace:
            log.error(
                "worker %s (pid %s) has not read its requests for %gs; killing and replacing it",
                w.name,
                w.pid,
                self.cfg.timeout + self.cfg.kill_grace,
                extra={"worker": w.name, "event": "kill"},
            )
            w.moved_at = 0.0
            w.kill("timeout")

    def _growth(self, w: WorkerHandle) -> None:
        """Replace ``w`` once it has grown past ``w.max_growth`` times its startup RSS
        (``--max-growth``, or by default on an engine that leaks per call)."""
        assert w.hello is not None
        rss = w.rss()
        if rss > w.hello.rss * w.max_growth:
            log.info(
                "worker %s (pid %s) grew to %.0f MB, past %g times its start (%.0f MB): replacing it",
                w.name,
                w.pid,
                rss / 1e6,
                w.max_growth,
                w.hello.rss / 1e6,
                extra={"worker": w.name, "event": "worker_growth"},
            )
            w.max_growth = 0.0  # spent: neither this nor the request count fires again
            w.max_requests = w.served
            self.pool.on_max_requests(w)

    def _memory(self, w: WorkerHandle) -> None:
        limit = self.cfg.memory_limit_bytes
        assert limit is not None and w.hello is not None
        ceiling = w.hello.rss + MEMORY_MARGIN * limit
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
