"""The loop pythonmonkey queues promise jobs on: a stand-in, put in place around each call.

pythonmonkey converts Promises through "the running asyncio loop" and queues promise jobs
on it. A call into pythonmonkey gets a :class:`JobLoop` of ours as the running loop (it only
queues jobs), and the jobs run before the call returns, so promises work with or without
asyncio and never touch uvloop.

Putting the stand-in in place costs two dict stores. pythonmonkey reads the running loop
straight from the thread's state dict (``__asyncio_running_event_loop__``); setting and
restoring a loop through ``asyncio._set_running_loop`` costs an allocation and a getpid()
syscall each time, a noticeable part of a small call. So the entry asyncio would store for
the stand-in loop is made once, through asyncio, and swapped into the dict around each
call; the previous entry is put back after.

asyncio caches the entry it last saw for a thread and must never cache the stand-in's:
no asyncio code runs inside a swap except in host functions (the only Python code JS can
reach), which run with the previous entry swapped back in (:func:`suspend` / :func:`resume`).
Where asyncio keeps the running loop elsewhere (no such dict entry), the plain asyncio
calls are used instead.
"""

from __future__ import annotations

import asyncio
import collections
import ctypes
from typing import Any

from engines.spidermonkey import proxies

KEY = "__asyncio_running_event_loop__"
ABSENT = object()  # saved where the dict had no entry
_get_running_loop = asyncio.events._get_running_loop
_set_running_loop = asyncio.events._set_running_loop

_thread_state_dict = ctypes.pythonapi.PyThreadState_GetDict
_thread_state_dict.restype = ctypes.c_void_p  # a borrowed reference: see _this_thread_dict
_thread_state_dict.argtypes = []


def _this_thread_dict() -> dict[str, Any]:
    # A py_object restype would take over the borrowed reference (and free the dict with
    # it); reading it through a cast adds a reference of our own.
    return ctypes.cast(_thread_state_dict(), ctypes.py_object).value  # type: ignore[no-any-return]


#: The owner thread's state dict (None where asyncio does not keep the loop there).
_dict: dict[str, Any] | None = None
#: Entries saved by the swaps in progress, innermost last (calls nest through host functions).
_saved: list[Any] = []


def entry_for(loop: Any) -> Any:
    """What asyncio stores for ``loop`` as this thread's running loop (call it on the thread
    that will make the calls)."""
    global _dict
    state = _this_thread_dict()
    previous = _get_running_loop()
    _set_running_loop(loop)
    try:
        entry = state.get(KEY, ABSENT)
    finally:
        _set_running_loop(previous)
    if entry is ABSENT:
        _dict = None
        return loop
    _dict = state
    return entry


def call(entry: Any, fn: Any, *args: Any) -> Any:
    """``fn(*args)`` with ``entry`` (from :func:`entry_for`) as the running loop."""
    enter(entry)
    try:
        return fn(*args)
    finally:
        leave()


def swap_state() -> tuple[dict[str, Any], list[Any]] | None:
    """The thread dict and the stack of saved entries, for a hot path that inlines
    :func:`call` (save the dict's ``KEY`` entry, or ``ABSENT``, on the stack; put the
    stand-in's entry in; put the top of the stack back after). None where asyncio keeps
    the running loop elsewhere: use :func:`call` then."""
    return None if _dict is None else (_dict, _saved)


def enter(entry: Any) -> None:
    """Make ``entry`` (from :func:`entry_for`) the running loop until :func:`leave`."""
    state = _dict
    if state is None:
        _saved.append(_get_running_loop())
        _set_running_loop(entry)
        return
    _saved.append(state.get(KEY, ABSENT))
    state[KEY] = entry


def leave() -> None:
    state = _dict
    saved = _saved.pop()
    if state is None:
        _set_running_loop(saved)
    elif saved is ABSENT:
        state.pop(KEY, None)
    else:
        state[KEY] = saved


def suspend() -> Any:
    """Inside a swap, put the previous running loop back while host code runs; returns the
    stand-in's entry, for :func:`resume`."""
    state = _dict
    if not _saved:
        return None
    if state is None:
        current = _get_running_loop()
        _set_running_loop(_saved[-1])
        return current
    current = state.get(KEY, ABSENT)
    saved = _saved[-1]
    if saved is ABSENT:
        state.pop(KEY, None)
    else:
        state[KEY] = saved
    return current


def resume(entry: Any) -> None:
    """Back into the swap after host code: whatever that code left as the running loop is
    what :func:`leave` will restore."""
    if entry is None and not _saved:
        return
    state = _dict
    if state is None:
        _saved[-1] = _get_running_loop()
        _set_running_loop(entry)
        return
    _saved[-1] = state.get(KEY, ABSENT)
    state[KEY] = entry


class Future:
    """What pythonmonkey gets from ``create_future`` when it converts a JS Promise."""

    def __init__(self) -> None:
        self._callbacks: list[Any] = []
        self.outcome: tuple[bool, Any] | None = None

    def set_result(self, value: Any) -> None:
        self.outcome = (True, value)
        for cb in self._callbacks:
            cb(self)

    def set_exception(self, exc: Any) -> None:
        self.outcome = (False, exc)
        for cb in self._callbacks:
            cb(self)

    def add_done_callback(self, cb: Any) -> None:
        self._callbacks.append(cb)

    def cancelled(self) -> bool:
        return False

    def done(self) -> bool:
        return self.outcome is not None


class JobLoop:
    """The "running loop" pythonmonkey sees during our calls: it only queues jobs."""

    def __init__(self) -> None:
        self.jobs: collections.deque[Any] = collections.deque()
        self.entry = entry_for(self)

    def call_soon_threadsafe(self, fn: Any, *args: Any) -> None:
        self.jobs.append((fn, args))

    call_soon = call_soon_threadsafe

    def call_later(self, delay: float, fn: Any, *args: Any) -> None:
        raise RuntimeError("pythonmonkey timers are replaced by the runtime's shims")

    def create_future(self) -> Future:
        return Future()

    # pythonmonkey's rejection tracker reports through the loop's exception handler, and
    # where a loop has none it imports its whole package to install one (which would load
    # its JS modules into the global). The runtime replaces that tracker (rejections.py);
    # this loop's handler stays a no-op all the same.
    @staticmethod
    def _exception_handler(loop: Any, context: Any) -> None:
        pass

    def set_exception_handler(self, handler: Any) -> None:
        pass

    def call_exception_handler(self, context: Any) -> None:
        pass

    def is_closed(self) -> bool:
        return False

    def get_debug(self) -> bool:
        return False


def call_with_loop(loop: JobLoop, fn: Any, *args: Any) -> Any:
    """Call into pythonmonkey with ``loop`` as the running loop, then run promise jobs."""
    result = call(loop.entry, fn, *args)
    if loop.jobs:
        finish_jobs(loop.entry, loop.jobs)
    return result


def finish_jobs(entry: Any, jobs: collections.deque[Any]) -> None:
    """Run the queued promise jobs with ``entry`` as the running loop. Jobs stopped by an
    interrupt (a deadline, the memory limit) take the rest of the queue with them, as V8
    empties its microtask queue when it terminates a checkpoint: an endless chain of jobs
    must not run on into the next call. Jobs never throw JS errors (a job's failure
    rejects its promise), so whatever escapes the runner stopped it."""
    try:
        call(entry, run_jobs, jobs)
    except BaseException:
        drop_jobs(jobs)
        raise


#: Runs queued jobs from inside a script compiled with ``mutedErrors``, as every script
#: of the runtime is (binding.SCRIPT). It is made once around :func:`_next_job`: a Python
#: function handed to JS becomes a new JS function each time, which pythonmonkey keeps
#: (with the Python one) until a GC finalizes it.
_RUN_JOBS = """(function (next) {
  'use strict';
  return function () { for (let job; (job = next());) job(); };
})"""
_runner: Any = None


def install(pm: Any, options: dict[str, Any]) -> None:
    """Compile the job runner (``options`` must set ``mutedErrors``)."""
    global _runner
    _runner = pm.eval(_RUN_JOBS, options)(_next_job)


_decref = ctypes.pythonapi.Py_DecRef
_decref.restype = None
_decref.argtypes = [ctypes.py_object]

#: (queue, jobs run) of each run_jobs in progress, innermost last (a job may call a host
#: function that runs jobs of its own).
_running: list[tuple[collections.deque[Any], list[Any]]] = []


def _next_job() -> Any:
    # Each queued job is pythonmonkey's wrapper around the JS job function (__self__).
    # pythonmonkey's enqueue keeps its own reference to the wrapper and never drops it,
    # which would keep the job function rooted in the JS heap for good (hundreds of bytes
    # per promise job): the reference is dropped here, once, when the job is taken.
    jobs, ran = _running[-1]
    if ran:
        proxies.release(ran)  # the job before has returned: a long run holds one at a time
    if not jobs:
        return None
    wrapper = jobs.popleft()[0]
    _decref(wrapper)
    job = wrapper.__self__
    ran.append(job)
    return job


def drop_jobs(jobs: collections.deque[Any]) -> None:
    """Forget queued jobs without running them (their context is closing), giving back the
    reference pythonmonkey keeps to each (see _next_job)."""
    while jobs:
        _decref(jobs.popleft()[0])


def run_jobs(jobs: collections.deque[Any]) -> None:
    # The job function itself is a JSFunctionProxy that pythonmonkey would never free: the
    # ones run are kept until the runner is done with them, then freed (proxies.py).
    ran: list[Any] = []
    _running.append((jobs, ran))
    try:
        _runner()
    finally:
        _running.pop()
        proxies.release(ran)
