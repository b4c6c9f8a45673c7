"""A context's event loop as the host drives it: timers, and waiting on promises.

JS timers live in the shims; the host runs them. Used from a running asyncio loop, a
context fires its timers from that loop while it idles (JS announces each new earliest
timer; one loop timer stands for all of them). Waiting on a promise takes one crossing per
step: its value once settled, else one due timer run and a report of what is pending.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from runtime.crossing import Crossing
from runtime.errors import PromiseNeverSettles, ScriptTimeout

log = logging.getLogger("runtime.console")


def left(deadline: float | None) -> float | None:
    """Seconds to ``deadline`` (at least a millisecond; None: no deadline)."""
    if deadline is None:
        return None
    return max(0.001, deadline - time.monotonic())


class Waiter:
    """Runs a context's timers and waits on its promises."""

    def __init__(self, crossing: Crossing, host_tasks: set[asyncio.Future[Any]]) -> None:
        self._crossing = crossing
        self._host_tasks = host_tasks
        self._handle: asyncio.TimerHandle | None = None
        #: Whether timers a program unref()'d (node:timers, AbortSignal.timeout) keep a wait
        #: going; not where a program ends as a Node process does, which they keep not alive.
        self.unref_keeps_waiting = True
        crossing.on_timer = self._schedule
        crossing.on_new_loop = self._watch

    def close(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    # -- timers on the caller's event loop
    def _watch(self, loop: asyncio.AbstractEventLoop) -> None:
        self._crossing.watched_loop = loop
        self._schedule(self._crossing.op("watch"))

    def _schedule(self, delay_ms: float) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.cancel()
        loop = self._crossing.watched_loop
        if delay_ms < 0 or loop is None or loop.is_closed() or self._crossing.closed:
            return
        self._handle = loop.call_later(delay_ms / 1000.0, self._on_due)

    def _on_due(self) -> None:
        self._handle = None
        if self._crossing.closed:
            return
        try:
            delay = self.run_timers()
        except Exception:
            log.exception("running JS timers failed")
            return
        if delay is not None:
            self._schedule(delay * 1000.0)

    def run_timers(self, limit: int = 1000) -> float | None:
        """Run the timers that are due now (at most ``limit``, so a chain of zero-delay
        timers cannot hold the caller); seconds until the next one (None: none)."""
        for _ in range(limit):
            delay_ms = self._crossing.op("tick")
            if delay_ms != 0:
                return None if delay_ms < 0 else delay_ms / 1000.0
        return 0.0

    # -- promises
    def _step(self, promise_id: int, deadline: float | None) -> tuple[bool, Any, float]:
        """One crossing: (settled, value, seconds to wait before the next step)."""
        state = self._crossing.op("step", promise_id, timeout=left(deadline))
        if state[0]:
            return True, state[1], 0.0
        _, delay, timers, calls, fired, refed = state
        if fired:
            crossing = self._crossing
            if crossing.backend.signalled and (crossing.depth or crossing.draining):
                # Waiting inside a crossing (a host function's): no crossing ends to drain
                # what is due (ticks), so drain it here.
                crossing.drain(left(deadline))
            return False, None, 0.0  # its microtasks run after this crossing: look again
        if not self.unref_keeps_waiting:
            timers = refed
        if not timers and not calls and not self._host_tasks:
            raise PromiseNeverSettles(
                "the Promise can never settle: no timers, host calls or I/O are pending"
            )
        if delay < 0:
            delay = 1.0  # waiting on the host (a Python host call still running)
        return False, None, delay / 1000.0

    def wait(self, promise_id: int, timeout: float | None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            settled, value, delay = self._step(promise_id, deadline)
            if settled:
                return value
            if deadline is not None and time.monotonic() >= deadline:
                raise ScriptTimeout(f"Promise not settled within {timeout} s")
            if delay:
                remaining = left(deadline)
                if remaining is not None and remaining <= delay:
                    raise ScriptTimeout(f"Promise not settled within {timeout} s")
                time.sleep(delay)

    async def wait_async(self, promise_id: int, timeout: float | None) -> Any:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            settled, value, delay = self._step(promise_id, deadline)
            if settled:
                return value
            if deadline is not None and time.monotonic() >= deadline:
                raise ScriptTimeout(f"Promise not settled within {timeout} s")
            remaining = left(deadline)
            if remaining is not None and remaining <= delay:
                raise ScriptTimeout(f"Promise not settled within {timeout} s")
            await asyncio.sleep(delay)
