"""CPU priority for a worker stuck in one long script.

A runaway script keeps its core until ``--timeout``, and the kernel shares the cores
equally between it and the workers whose requests can finish: a few runaways take the
machine. A worker stuck in one script past its budget is demoted to ``SCHED_IDLE`` until
it is heard from again: it still gets every idle cycle, but requests that can finish run
first, as a multilevel feedback scheduler would order them. (Not nice 19: a niced task
keeps the core for its time slice when a worker wakes with a request; an idle-class one is
preempted at once.)

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

log = logging.getLogger("runtime.server")


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
    """Demotes and restores workers by pid; off where restoring is not allowed."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and can_restore()
        if enabled and not self.enabled:
            log.info(
                "workers stuck in a long script keep their CPU priority: lowering it needs "
                "CAP_SYS_NICE or RLIMIT_NICE 20 to raise it again (ulimit -e 20)",
                extra={"event": "priority_off"},
            )

    def demote(self, pid: int) -> int | None:
        """Put every thread of ``pid`` in ``SCHED_IDLE``; the policy it had, or None when it
        was not changed."""
        if not self.enabled:
            return None
        try:
            policy = os.sched_getscheduler(pid)
        except ProcessLookupError:
            return None
        if policy not in (os.SCHED_OTHER, os.SCHED_BATCH):  # real-time, or idle already
            return None
        _set(_threads(pid), os.SCHED_IDLE)
        return policy

    def restore(self, pid: int, policy: int) -> None:
        """Put every thread of ``pid`` back in ``policy``."""
        try:
            _set(_threads(pid), policy)
        except PermissionError:  # the allowance went away: demote no more
            self.enabled = False
            log.warning("could not restore a worker's CPU priority; demotion is off")
