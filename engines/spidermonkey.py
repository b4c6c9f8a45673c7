"""SpiderMonkey through pythonmonkey.

pythonmonkey has one JS context per process, bound to the thread that imported it, and it
runs promise jobs on "the running asyncio loop". We give it a loop of our own for the
duration of each call (a tiny stand-in that only queues jobs) and drain the jobs before
returning, so promises work with or without asyncio and never touch uvloop.

Rules from probing pythonmonkey, enforced here:
- it is used only from the thread that imported it, and never in a process forked after
  the import (that deadlocks at the first full GC); both raise a clear error instead;
- a runaway script is stopped through ``JS_RequestInterruptCallback`` on its exported
  ``GLOBAL_CX`` from a timer thread (private symbols: the version is pinned and checked);
- the memory limit samples the process's resident memory every 10 ms while JS runs and
  caps its growth during a call
  (``JSGC_MAX_BYTES`` does not count malloc'd element storage, so it cannot be used);
- JS must never see ``python``, ``pmEval``, ``XMLHttpRequest`` or
  ``debuggerGlobal.Debugger`` (each leads to Python objects): they are removed, and only
  strings cross the host channel.

Only one isolate exists at a time; closing it deletes every global the program added, so
the next one starts clean (changes made to built-in prototypes persist; documented).
"""

from __future__ import annotations

import collections
import ctypes
import os
import threading
import time
import weakref
from collections.abc import Callable
from importlib import metadata
from threading import get_ident
from typing import Any

from engines import running_loop
from engines.base import (
    Backend,
    BackendBroken,
    BackendError,
    BackendMemoryLimit,
    BackendScriptError,
    BackendTimeout,
    Capabilities,
    Engine,
    HostCall,
)
from engines.native_timer import NativeTimer

VERIFIED_VERSION = "1.4.1"

_pm: Any = None
_owner: threading.Thread | None = None
_owner_ident: int | None = None
_owner_pid: int | None = None
_js: Any = None  # ctypes handles into libmozjs
_baseline: list[str] = []
_current: SpiderMonkeyBackend | None = None
_lock = threading.Lock()
# Our own glue code: its frames are left out of JS stacks, as the shims' are.
_INTERNAL = {"filename": "runtime:internal"}

_SANDBOX = r"""
(function () {
  for (const name of ["python", "pmEval", "XMLHttpRequest", "require", "exports", "module",
                      "setTimeout", "setInterval", "clearTimeout", "clearInterval",
                      "console", "URL", "URLSearchParams", "atob", "btoa", "DOMException",
                      "Event", "EventTarget", "queueMicrotask", "structuredClone", "bootstrap"]) {
    try { delete globalThis[name]; } catch (_) {}
  }
  try { delete debuggerGlobal.Debugger; Object.freeze(debuggerGlobal); } catch (_) {}
  return Object.getOwnPropertyNames(globalThis);
})()
"""


class _Future:
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


class _JobLoop:
    """The "running loop" pythonmonkey sees during our calls: it only queues jobs."""

    def __init__(self) -> None:
        self.jobs: collections.deque[Any] = collections.deque()
        self.entry = running_loop.entry_for(self)

    def call_soon_threadsafe(self, fn: Any, *args: Any) -> None:
        self.jobs.append((fn, args))

    call_soon = call_soon_threadsafe

    def call_later(self, delay: float, fn: Any, *args: Any) -> None:
        raise RuntimeError("pythonmonkey timers are replaced by the runtime's shims")

    def create_future(self) -> _Future:
        return _Future()

    # pythonmonkey reports unhandled rejections through the loop's exception handler; the
    # runtime does not (V8 cannot), so both engines behave alike.
    _exception_handler = None

    def set_exception_handler(self, handler: Any) -> None:
        pass

    def call_exception_handler(self, context: Any) -> None:
        pass

    def is_closed(self) -> bool:
        return False

    def get_debug(self) -> bool:
        return False


def _import() -> Any:
    """Import pythonmonkey once, on this thread, and remember who may use it."""
    global _pm, _owner, _owner_ident, _owner_pid, _js, _baseline
    if _pm is not None:
        return _pm
    version = metadata.version("pythonmonkey")
    if version != VERIFIED_VERSION:
        raise ImportError(
            f"pythonmonkey {version} is installed, but the SpiderMonkey engine uses its private "
            f"symbols and is verified with {VERIFIED_VERSION} only: "
            f"pip install pythonmonkey=={VERIFIED_VERSION}"
        )
    import pythonmonkey as pm

    lib = ctypes.CDLL(pm.pythonmonkey.__file__)
    cx = ctypes.c_void_p.in_dll(lib, "GLOBAL_CX")
    mozjs = ctypes.CDLL(
        os.path.join(os.path.dirname(pm.__file__), "libmozjs-136a1.so"), mode=ctypes.RTLD_GLOBAL
    )
    request = mozjs._Z27JS_RequestInterruptCallbackP9JSContext
    request.argtypes = [ctypes.c_void_p]
    request.restype = None
    add = mozjs._Z23JS_AddInterruptCallbackP9JSContextPFbS0_E
    callback_type = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p)
    add.argtypes = [ctypes.c_void_p, callback_type]
    add.restype = ctypes.c_bool
    interrupt_state: dict[str, Any] = {
        "pending": False,
        "fired": None,
        "deadline": None,
        "rss_limit": None,
    }

    def on_interrupt(_cx: int) -> bool:
        # Runs on the JS thread; "fired" says why the script was stopped.
        deadline = interrupt_state["deadline"]
        if interrupt_state["pending"] or (deadline is not None and time.monotonic() >= deadline):
            interrupt_state["pending"] = False
            interrupt_state["fired"] = "timeout"
            return False  # terminate the running script (uncatchable)
        rss_limit = interrupt_state["rss_limit"]
        if rss_limit is not None and _rss() > rss_limit:
            interrupt_state["fired"] = "memory"
            return False
        return True

    callback = callback_type(on_interrupt)
    add(cx.value, callback)
    request_address = ctypes.cast(request, ctypes.c_void_p).value
    _js = {
        "timer": NativeTimer(request_address, cx.value),
        "cx": cx.value,
        "request": request,
        "callback": callback,
        "state": interrupt_state,
    }
    _pm, _owner, _owner_pid = pm, threading.current_thread(), os.getpid()
    _owner_ident = threading.get_ident()
    os.register_at_fork(after_in_child=_forked)
    _owner_local.alive = _OwnerAlive()
    _baseline = list(_call_with_loop(_JobLoop(), pm.eval, _SANDBOX))
    return pm


class _OwnerAlive:
    """Kept in the owner thread's locals: when that thread ends, they are dropped and no
    thread owns SpiderMonkey, so a later thread given the same ident fails check_thread."""

    def __del__(self) -> None:
        global _owner_ident
        _owner_ident = None


_owner_local = threading.local()


def _forked() -> None:
    """In a child forked after import no thread owns SpiderMonkey: every hot path, which
    compares thread idents only (no getpid per call), falls through to check_thread."""
    global _owner_ident
    _owner_ident = None


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    """Resident memory of this process, in bytes."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * _PAGE


#: Appended to every string handed to JS (and dropped there). pythonmonkey turns a Latin-1
#: or UCS-2 Python str into an external JS string pinned in a global map until the next
#: GC, whose cleanup then grows with their number: RSS grew by ~5 KB per request and GCs
#: paused for 0.3-0.5 s under load (6.5 s for 40k strings). A str holding an astral
#: character is UCS-4, which pythonmonkey copies instead.
_WIDE = "\U00010000"

#: Bytes of the buffer short call results come back through (see caller): up to about
#: this size, writing them there from JS beats returning a string; beyond, it loses.
_OUTPUT_SIZE = 1024


def _call_with_loop(loop: _JobLoop, fn: Any, *args: Any) -> Any:
    """Call into pythonmonkey with ``loop`` as the running loop, then run promise jobs."""
    result = running_loop.call(loop.entry, fn, *args)
    if loop.jobs:
        running_loop.call(loop.entry, _run_jobs, loop.jobs)
    return result


def _run_jobs(jobs: collections.deque[Any]) -> None:
    while jobs:
        job, job_args = jobs.popleft()
        job(*job_args)


def check_thread() -> None:
    """Raise unless this thread (and process) may use pythonmonkey."""
    if _owner_ident == get_ident():  # the owner, in the process that imported it (a fork
        return  # clears _owner_ident): no getpid() syscall on every crossing
    if _owner_pid is not None and os.getpid() != _owner_pid:
        raise BackendBroken(
            "pythonmonkey was imported before this process was forked; a forked child "
            "deadlocks at its first GC. Start workers with the 'spawn' or 'forkserver' "
            "multiprocessing method."
        )
    if _owner is not None and threading.current_thread() is not _owner:
        raise BackendBroken(
            f"SpiderMonkey is bound to thread {_owner.name!r}, which imported it; "
            f"it cannot run on thread {threading.current_thread().name!r}"
        )


class SpiderMonkeyBackend(Backend):
    def __init__(self, memory_limit: int | None) -> None:
        pm = _import()
        check_thread()
        self._pm = pm
        self._loop = _JobLoop()
        self._memory_limit = memory_limit
        self._host_call: weakref.WeakMethod[HostCall] | None = None
        self.signalled = False
        self.closed = False
        # SpiderMonkey's own limit (JSGC_MAX_BYTES) ignores malloc'd element storage, so
        # the limit is on the process's growth, sampled every 10 ms while JS runs.
        if memory_limit:
            pm.collect()
        self._rss_base = _rss()

        # JS keeps these two alive for the life of the process (one global), so they hold
        # the backend weakly: a forgotten context can still be collected and closed.
        this = weakref.ref(self)

        def signal() -> None:
            backend = this()
            if backend is not None:
                backend.signalled = True

        def host_call(payload: str) -> str:
            backend = this()
            handler = None if backend is None or backend._host_call is None else backend._host_call()
            if handler is None:
                return 'E{"name":"Error","message":"the host function is gone"}' + _WIDE
            entry = running_loop.suspend()  # host code sees the caller's own running loop
            try:
                return handler(str(payload)) + _WIDE
            finally:
                running_loop.resume(entry)

        setter = self._call(
            pm.eval,
            """(function (host, call) {
              host.call = (payload) => call(payload).slice(0, -2);  // drop the _WIDE mark
              // Out of memory SpiderMonkey lets JS catch: a thrown "out of memory" string,
              // an InternalError, or a failed ArrayBuffer allocation (a RangeError).
              host.outOfMemory = (e) => {
                if (e === "out of memory") return true;
                if (e === null || typeof e !== "object") return false;
                const m = String(e.message);
                return (e.name === "InternalError" && /out of memory|allocation size overflow/.test(m)) ||
                  (e.name === "RangeError" && /allocation failed|out of memory/i.test(m));
              };
              globalThis.__runtime_host = host;
            })""",
            _INTERNAL,
        )
        self._call(setter, {"signal": signal}, host_call)
        self._complete = self._call(
            pm.eval, "(function (value) { return __runtime.complete(value); })", _INTERNAL
        )
        self._dispatch: Any = None
        self._deferred: Any = None
        self._make_caller: Any = None
        self._output = bytearray(_OUTPUT_SIZE)
        self._state = _js["state"]

    # -- calls
    def _call(self, fn: Any, *args: Any, timeout: float | None = None) -> Any:
        if self.closed:
            raise BackendBroken("the SpiderMonkey context is closed")
        check_thread()
        state = _js["state"]
        state["fired"] = None
        timer = None
        if timeout is not None or self._memory_limit:
            # A native timer requests interrupts: once at the deadline, or every 10 ms
            # when the memory limit must be sampled too.
            timer = _js["timer"]
            state["deadline"] = None if timeout is None else time.monotonic() + timeout
            if self._memory_limit:
                # Growth is measured from the larger of the context's start and this call's
                # start, so a context that tripped can recover once the program lets go.
                state["rss_limit"] = max(self._rss_base, _rss()) + self._memory_limit
                first = 0.01 if timeout is None else min(0.01, timeout)
                timer.arm(first, 0.01)
            else:
                timer.arm(timeout)  # type: ignore[arg-type]
        try:
            return _call_with_loop(self._loop, fn, *args)
        except (self._pm.SpiderMonkeyError, MemoryError) as e:
            if state["fired"]:  # terminated: the jobs it queued go with it
                self._loop.jobs.clear()
            raise self._failure(e) from None
        finally:
            if timer is not None:
                timer.disarm()
                state["deadline"] = None
                state["rss_limit"] = None
            state["pending"] = False

    def _failure(self, e: Exception) -> BackendError:
        """The backend error for an exception out of pythonmonkey."""
        if isinstance(e, MemoryError):
            return BackendMemoryLimit("SpiderMonkey ran out of memory")
        self._raise_fired()
        text = str(e)
        if "out of memory" in text:
            return BackendMemoryLimit("SpiderMonkey ran out of memory")
        return BackendScriptError(text, encoded=self._encode_error(e))

    def _raise_fired(self) -> None:
        """Raise for an interrupt that stopped the last call (read once: the state is left
        clear, so the next call starts with none)."""
        state = _js["state"]
        fired, state["fired"] = state["fired"], None
        if fired == "timeout":
            raise BackendTimeout("script terminated at its deadline")
        if fired == "memory":
            self._pm.collect()
            raise BackendMemoryLimit(f"the process grew by more than {self._memory_limit} bytes while JS ran")

    def _encode_error(self, e: Any) -> str | None:
        error = getattr(e, "jsError", None)
        if error is None:
            return None
        try:
            return str(self._pm.eval("(function (e) { return __runtime.encodeError(e); })")(error))
        except Exception:
            return None

    def _run(self, fn: Any, arg: Any, timeout: float | None) -> Any:
        result = self._call(fn, arg, timeout=timeout)
        self._raise_fired()
        return result

    # -- the protocol
    def eval_script(self, source: str, filename: str, timeout: float | None) -> str:
        value = self._call(self._pm.eval, source, {"filename": filename}, timeout=timeout)
        self._raise_fired()
        if isinstance(value, _Future):
            return self._adopt(value)
        if value is None or type(value) is bool:
            return "0null" if value is None else ("0true" if value else "0false")
        return str(self._call(self._complete, value))

    def _adopt(self, future: _Future) -> str:
        """Turn the stand-in future for a completion-value Promise back into a JS one."""
        if self._deferred is None:
            self._deferred = self._call(
                self._pm.eval,
                """(function (box) {
                  let resolve, reject;
                  const p = new Promise((a, b) => { resolve = a; reject = b; });
                  box.resolve = resolve; box.reject = reject;
                  return __runtime.complete({ p }).replace(/^1\\{"p":(.*)\\}$/, "1$1");
                })""",
            )
        box: dict[str, Any] = {}
        record = str(self._call(self._deferred, box))
        resolve, reject = box["resolve"], box["reject"]

        def settle(f: _Future) -> None:
            ok, value = f.outcome  # type: ignore[misc]
            if ok:
                _call_with_loop(self._loop, resolve, value)
            else:
                error = getattr(value, "jsError", None)
                _call_with_loop(self._loop, reject, str(value) if error is None else error)

        if future.done():
            settle(future)
        else:
            future.add_done_callback(settle)
        return record

    def dispatch(self, payload: str, timeout: float | None) -> str:
        fn = self._dispatch
        if fn is None:
            fn = self._dispatch = self._call(
                self._pm.eval,
                "((dispatch) => (payload) => dispatch(payload.slice(0, -2)))(__runtime.dispatch)",
                _INTERNAL,
            )
        return str(self._run(fn, payload + _WIDE, timeout))

    def caller(self, name: str) -> Callable[[str], str | bytearray | None] | None:
        """``ctx.call`` of a global function without a message to parse: a kept JS
        function for the name, called through a closure that holds all it needs and
        inlines the running-loop swap (the whole call costs a few µs: every lookup counts)."""
        if self._memory_limit or not name or name[0] == "#" or "\x01" in name:
            return None  # a timer to arm on every call, or not a plain global path
        if self._make_caller is None:
            self._make_caller = self._call(
                self._pm.eval,
                # Both strings come with the _WIDE mark: 2 UTF-16 units to drop.
                "(function (name, output) { return __runtime.caller(name.slice(0, -2), 2, output); })",
                _INTERNAL,
            )
        # Short ASCII results come back through this buffer (JS sees it as a Uint8Array
        # over the same memory) and a number: pythonmonkey turns a returned string into a
        # proxy object, which cost more than the rest of the call's Python side.
        output = self._output
        fn = self._call(self._make_caller, name + _WIDE, output)
        loop = self._loop
        entry, jobs = loop.entry, loop.jobs
        swap = running_loop.swap_state()
        state, saved = swap if swap is not None else ({}, [])
        key, absent = running_loop.KEY, running_loop.ABSENT
        failure_types = (self._pm.SpiderMonkeyError, MemoryError)

        def call(args: str) -> str | bytearray | None:
            if self.closed or _owner_ident != get_ident():
                return None
            try:
                if swap is None:
                    result = running_loop.call(entry, fn, args + _WIDE)
                else:
                    saved.append(state.get(key, absent))
                    state[key] = entry
                    try:
                        result = fn(args + _WIDE)
                    finally:
                        previous = saved.pop()
                        if previous is absent:
                            state.pop(key, None)
                        else:
                            state[key] = previous
                if type(result) is float:  # its length in the output buffer: copied out
                    result = output[: int(result)]  # before a promise job can call in again
                elif type(result) is not str:
                    result = str(result)
                if jobs:
                    running_loop.call(entry, _run_jobs, jobs)
            except failure_types as e:  # interrupt() from a host function
                self._state["pending"] = False
                jobs.clear()
                raise self._failure(e) from None
            return result

        return call

    def set_host_call(self, handler: HostCall) -> None:
        self._host_call = weakref.WeakMethod(handler)  # type: ignore[arg-type]

    def interrupt(self) -> None:
        _js["state"]["pending"] = True
        _js["request"](_js["cx"])

    def close(self) -> None:
        global _current
        if self.closed:
            return
        try:
            check_thread()  # from a finalizer on another thread: skip the reset
            self._call(
                self._pm.eval(
                    """(function (keep) {
                      const k = new Set(keep);
                      for (const name of Object.getOwnPropertyNames(globalThis)) {
                        if (k.has(name)) continue;
                        // `var` globals cannot be deleted: clear them instead.
                        try { if (!delete globalThis[name]) globalThis[name] = undefined; } catch (_) {}
                      }
                    })"""
                ),
                list(_baseline),
            )
        except Exception:
            pass
        self.closed = True
        self._loop.jobs.clear()
        with _lock:
            if _current is self:
                _current = None
        if self._memory_limit and threading.current_thread() is _owner:
            self._pm.collect()  # give the memory back before the next context measures it


class SpiderMonkeyEngine(Engine):
    name = "spidermonkey"
    capabilities = Capabilities(
        isolates_per_process=1,
        multi_thread=False,
        thread_migration=False,
        sync_host_functions=True,
        interrupt=True,
        memory_limit=True,
        modules=False,
        releases_gil=False,
        address_space_limit=True,
    )

    @classmethod
    def version(cls) -> str:
        version = metadata.version("pythonmonkey")
        import pythonmonkey  # noqa: F401 - raises ImportError with the reason

        return f"SpiderMonkey 136 (pythonmonkey {version})"

    @classmethod
    def create(cls, *, memory_limit: int | None) -> Backend:
        global _current
        if _pm is not None:
            check_thread()
        with _lock:
            if _current is not None and not _current.closed:
                raise BackendBroken(
                    "SpiderMonkey allows one context per process and one is open: close it "
                    "first, or use worker processes (runtime serve does)"
                )
            backend = SpiderMonkeyBackend(memory_limit)
            _current = backend
        return backend
