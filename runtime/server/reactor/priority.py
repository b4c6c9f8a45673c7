"""CPU priority for a worker stuck in one long script.

A runaway script keeps its core until ``--timeout``, and the kernel shares the cores
equally between it and the workers whose requests can finish: a few runaways take the
machine. A worker stuck in one script past its budget, in time passed and in CPU time
spent (one that waits for a core is not a runaway, and idle priority would starve it
behind every process on the machine), is demoted to ``SCHED_IDLE`` until it is heard
from again: it still gets every idle cycle, but requests that can finish run
first, as a multilevel feedback scheduler would order them. (Not nice 19: a niced task
keeps the core for its time slice when a worker wakes with a request; an idle-class one is
preempted at once.)

A script that allocates as it runs is left alone: starved, a memory bomb would hold its
worker and its memory until ``--timeout`` instead of meeting its memory limit at once. The
worker's RSS is read twice, a look apart, before it is demoted, and on every look while it
is; a crossing that grows at :data:`ALLOCATING` bytes a second or more on three looks is
allocating, and one that grew since the last look is not demoted on that look.

Leaving ``SCHED_IDLE`` needs ``CAP_SYS_NICE`` or an ``RLIMIT_NICE`` that allows the nice
value (``ulimit -e 20``); where neither is granted, workers are never demoted (one left
idle-class would starve every request it serves afterwards). Linux only: scheduling is per
thread there, so every thread of the worker is set.
"""

from __future__ import annotations

import logging
import os
import resource
import threading
from collections.abc import Iterable

from runtime.server import procstat
from runtime.server.config import Config
from runtime.server.reactor.handle import DEAD, WorkerHandle

log = logging.getLogger("runtime.server")
#: RSS growth, in bytes a second between two looks, that marks a crossing as allocating
#: (a memory bomb), once it adds up to :data:`ALLOCATED_AT_LEAST`.
ALLOCATING = 32 << 20
ALLOCATED_AT_LEAST = 256 << 10
#: Looks that must find a crossing allocating before it is left alone: a runaway's JIT
#: compile grows the process once or twice.
ALLOCATING_LOOKS = 3


def _threads(pid: int) -> list[int]:
    try:
        return [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except FileNotFoundError:  # gone
        return []


def _set(tids: Iterable[int], policy: int) -> None:
    param = os.sched_param(0)
    for tid in tids:
        try:
            os.sched_setscheduler(tid, policy, param)
        except ProcessLookupError:  # the thread ended meanwhile
            pass


def can_restore() -> bool:
    """Whether this process may take a thread out of ``SCHED_IDLE`` (tried on a thread of
    its own)."""
    if not hasattr(os, "SCHED_IDLE") or not os.path.isdir("/proc/self/task"):
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_NICE)
    if soft < hard:  # an allowance granted but not taken up
        resource.setrlimit(resource.RLIMIT_NICE, (hard, hard))
    allowed: list[bool] = []

    def probe() -> None:
        try:
            policy = os.sched_getscheduler(0)
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            os.sched_setscheduler(0, policy, os.sched_param(0))
            allowed.append(True)
        except PermissionError:
            allowed.append(False)

    t = threading.Thread(target=probe, name="sched-probe")
    t.start()
    t.join()
    return allowed == [True]


class Priority:
    """Demotes workers silent in one crossing for ``demote_after`` seconds (or ten request
    costs, if longer) that have also spent that long on a CPU meanwhile (one that waited for
    a core on a busy machine is slow, not a runaway; the whole process's CPU time, every
    context's), and restores them when heard from, just before the crossing's
    ``--timeout`` (a demoted process gets no CPU while the others keep the cores busy, and
    its own timer must stop the script), or once it allocates. Off where restoring is not
    allowed."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        wanted = cfg.demote_after > 0
        self.enabled = wanted and can_restore()
        if wanted and not self.enabled:
            log.info(
                "workers stuck in a long script keep their CPU priority: lowering it needs "
                "CAP_SYS_NICE or RLIMIT_NICE 20 to raise it again (ulimit -e 20)",
                extra={"event": "priority_off"},
            )
        #: Per worker: the crossing (its ``busy_since``) last looked at, when, and its RSS.
        self._looked: dict[WorkerHandle, tuple[float, float, int]] = {}
        #: Per worker: the crossing last seen allocating (its ``busy_since``), and on how
        #: many looks; at :data:`ALLOCATING_LOOKS` it is never demoted.
        self._allocating: dict[WorkerHandle, tuple[float, int]] = {}
        #: Per worker: the crossing (its ``busy_since``) and its CPU time when first seen.
        self._cpu_at_start: dict[WorkerHandle, tuple[float, float]] = {}

    def watch(self, workers: list[WorkerHandle], now: float) -> None:
        """One look at every worker (see the class)."""
        if not self.enabled:
            return
        cfg = self.cfg
        until = cfg.timeout - cfg.watch_interval
        for w in workers:
            if w.busy and w.pid is not None and self._cpu_at_start.get(w, (None,))[0] != w.busy_since:
                self._cpu_at_start[w] = (w.busy_since, procstat.cpu_seconds(w.pid))
            if w.demoted is not None:
                if not w.busy or now >= w.busy_since + until or self._grew(w, now):
                    self.heard(w)
            elif (
                w.busy
                and w.state != DEAD
                and w.pid is not None
                and now - w.last_heard >= (budget := max(cfg.demote_after, 10 * w.cost))
                and now < w.busy_since + until
                and not self._left_alone(w)
                and self._ran(w) >= budget
            ):
                seen = self._looked.get(w)
                if not self._grew(w, now) and seen is not None and seen[0] == w.busy_since:
                    w.demoted = _demote(w.pid)
        if len(self._looked) > len(workers):
            for gone in set(self._looked).difference(workers):
                self._looked.pop(gone, None)
                self._allocating.pop(gone, None)
        if len(self._cpu_at_start) > len(workers):
            for gone in set(self._cpu_at_start).difference(workers):
                del self._cpu_at_start[gone]

    def _ran(self, w: WorkerHandle) -> float:
        """CPU seconds ``w`` has spent since its crossing was first seen (all its threads)."""
        assert w.pid is not None
        return procstat.cpu_seconds(w.pid) - self._cpu_at_start[w][1]

    def _left_alone(self, w: WorkerHandle) -> bool:
        """``w``'s crossing allocates: it is not demoted."""
        since, looks = self._allocating.get(w, (0.0, 0))
        return since == w.busy_since and looks >= ALLOCATING_LOOKS

    def _grew(self, w: WorkerHandle, now: float) -> bool:
        """Whether ``w`` allocated at :data:`ALLOCATING` since the last look in this crossing
        (False at the first look)."""
        rss = w.rss()
        seen = self._looked.get(w)
        self._looked[w] = (w.busy_since, now, rss)
        if seen is None or seen[0] != w.busy_since:
            return False
        grown = rss - seen[2]
        if grown < ALLOCATED_AT_LEAST or grown < ALLOCATING * (now - seen[1]):
            return False
        since, looks = self._allocating.get(w, (0.0, 0))
        self._allocating[w] = (w.busy_since, looks + 1 if since == w.busy_since else 1)
        return True

    def heard(self, w: WorkerHandle) -> None:
        """Back to the priority ``w`` had."""
        policy, w.demoted = w.demoted, None
        if policy is not None and w.pid is not None and w.state != DEAD:
            try:
                _set(_threads(w.pid), policy)
            except PermissionError:  # the allowance went away: demote no more
                self.enabled = False
                log.warning("could not restore a worker's CPU priority; demotion is off")


def _demote(pid: int) -> int | None:
    """Put every thread of ``pid`` in ``SCHED_IDLE``; the policy it had, or None when it was
    not changed."""
    try:
        policy = os.sched_getscheduler(pid)
    except ProcessLookupError:
        return None
    if policy not in (os.SCHED_OTHER, os.SCHED_BATCH):  # real-time, or idle already
        return None
    _set(_threads(pid), os.SCHED_IDLE)
    return policy
