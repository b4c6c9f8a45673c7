"""SpiderMonkey's backend: one context per process, on the thread that loaded pythonmonkey.

Each call runs with a stand-in running loop (``job_loop``) and runs the promise jobs it
queued before returning. Limits are enforced from outside JS: a deadline and an RSS
ceiling are checked by the interrupt callback, which a native timer requests (``binding``);
``JSGC_MAX_BYTES`` does not count malloc'd element storage, so the memory limit is on the
process's growth during a call, sampled every 10 ms while JS runs.

Only one context exists at a time; closing it deletes every global the program added, so
the next one starts clean (changes made to built-in prototypes persist; documented).
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import Any

from engines.base import (
    Backend,
    BackendBroken,
    BackendError,
    BackendMemoryLimit,
    BackendScriptError,
    BackendTimeout,
    HostCall,
    Progress,
)
from engines.memory import rss
from engines.spidermonkey import binding, job_loop, proxies
from engines.spidermonkey.errors import script_error, uncaught_value

_INTERNAL = binding.INTERNAL

#: Appended to every string handed to JS (and dropped there). pythonmonkey turns a Latin-1
#: or UCS-2 Python str into an external JS string pinned in a global map until the next
#: GC, whose cleanup then grows with their number (memory and long GC pauses under
#: load). A str holding an astral character is UCS-4, which pythonmonkey copies instead.
_WIDE = "\U00010000"

#: Bytes of the buffer short call results come back through (see ``_CALLERS``): up to
#: about this size, writing them there from JS beats returning a string.
_OUTPUT_SIZE = 1026

#: Kept callers per target are few in practice; made on the fly, they must not pile up.
_MAX_CALLERS = 256

# A JS string holding a surrogate pair reaches Python as a copy, and pythonmonkey never
# frees the proxy it made first (88 bytes): JSON text crosses with such characters as
# \u escapes, which decode to the same text.
_ESCAPE_ASTRAL = r"""
  const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;
  const PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  const escapePair = (p) => "\\u" + p.charCodeAt(0).toString(16) + "\\u" + p.charCodeAt(1).toString(16);
  const escapeAstral = (json) => (PAIR.test(json) ? json.replace(PAIRS, escapePair) : json);
"""

# An answer with byte arrays starts with "\0", their sizes and "\0": JS makes arrays of
# those sizes, and `fill` copies the bytes into them (a Python bytes object handed to JS
# would be kept for good). Payloads and progress texts are JSON after a short prefix.
_HOST = (
    """(function (host, call, progress, fill) {"""
    + _ESCAPE_ASTRAL
    + """
  host.call = (payload) => call(escapeAstral(payload), null).slice(0, -2);  // drop the _WIDE mark
  host.callBytes = (payload, arrays) => {
    const answer = call(escapeAstral(payload), arrays);
    if (answer.charCodeAt(0) !== 0) return [answer.slice(0, -2), []];
    const end = answer.indexOf("\\0", 1);
    const arraysOut = answer.slice(1, end).split(",").map((n) => new Uint8Array(Number(n)));
    fill(arraysOut);
    return [answer.slice(end + 1, -2), arraysOut];
  };
  host.progress = (text) => progress(escapeAstral(text));
  // Out of memory SpiderMonkey lets JS catch: a thrown "out of memory" string, an
  // InternalError, or a failed ArrayBuffer allocation (a RangeError).
  host.outOfMemory = (e) => {
    if (e === "out of memory") return true;
    if (e === null || typeof e !== "object") return false;
    const m = String(e.message);
    return (e.name === "InternalError" && /out of memory|allocation size overflow/.test(m)) ||
      (e.name === "RangeError" && /allocation failed|out of memory/i.test(m));
  };
  globalThis.__runtime_host = host;
})"""
)

# `__runtime.apply` through a kept function per target (a target string then never
# crosses again) or for any target. Strings arrive with the _WIDE mark (2 UTF-16 units to
# drop). A short ASCII result is written into `output`, a byte array shared with Python,
# after its length (2 bytes, little-endian), and nothing is returned: a returned string
# costs pythonmonkey a proxy object, and a returned number leaks its Python float.
_CALLERS = (
    """(function (output) {"""
    + _ESCAPE_ASTRAL
    + """
  const apply = __runtime.apply;
  // Results are JSON after a one-character mark, but for "T" (a TypeError's message).
  const crossing = (text) => (text.charCodeAt(0) === 84 ? text : escapeAstral(text));
  function write(text) {
    const n = text.length;
    if (n > output.length - 2) return crossing(text);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) return crossing(text);
      output[i + 2] = c;
    }
    output[0] = n & 255;
    output[1] = n >> 8;
  }
  return {
    bind(target) {
      const t = target.slice(0, -2);
      return (args) => write(apply(t, args.slice(0, -2)));
    },
    any(target, args) { return write(apply(target.slice(0, -2), args.slice(0, -2))); },
  };
})"""
)

_RESET = """(function (keep) {
  const k = new Set(keep);
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (k.has(name)) continue;
    // `var` globals cannot be deleted: clear them instead.
    try { if (!delete globalThis[name]) globalThis[name] = undefined; } catch (_) {}
  }
})"""

_KEY, _ABSENT = job_loop.KEY, job_loop.ABSENT

_current: SpiderMonkeyBackend | None = None
_lock = threading.Lock()


def open_backend(memory_limit: int | None) -> SpiderMonkeyBackend:
    """The process's one context (``BackendBroken`` while another one is open)."""
    global _current
    if binding.pm is not None:
        binding.check_thread()
    with _lock:
        if _current is not None and not _current.closed:
            raise BackendBroken(
                "SpiderMonkey allows one context per process and one is open: close it "
                "first, or use worker processes (runtime serve does)"
            )
        backend = SpiderMonkeyBackend(memory_limit)
        _current = backend
    return backend


class SpiderMonkeyBackend(Backend):
    def __init__(self, memory_limit: int | None) -> None:
        pm = binding.load()
        binding.check_thread()
        self._pm = pm
        self._loop = job_loop.JobLoop()
        self._swap = job_loop.swap_state()
        self._memory_limit = memory_limit
        self._host_call: weakref.WeakMethod[HostCall] | None = None
        self._progress: Progress | None = None
        self.signalled = False
        self.closed = False
        if memory_limit:
            pm.collect()
        self._rss_base = rss()

        # JS keeps these two alive for the life of the process (one global), so they hold
        # the backend weakly: a forgotten context can still be collected and closed.
        this = weakref.ref(self)

        def signal() -> None:
            backend = this()
            if backend is not None:
                backend.signalled = True

        def host_call(payload: str, arrays: Any) -> Any:
            # ``arrays``: the call's Uint8Arrays, which pythonmonkey hands over as memoryviews
            # of JS memory (read during the call only), or None for text alone. The answer is
            # its text; byte arrays in it are named in front (see _HOST) and copied by fill.
            backend = this()
            if backend is not None:
                backend._spend(payload)
            handler = None if backend is None or backend._host_call is None else backend._host_call()
            if handler is None:
                return 'E{"name":"Error","message":"the host function is gone"}' + _WIDE
            entry = job_loop.suspend()  # host code sees the caller's own running loop
            try:
                text, out = handler(str(payload), None if arrays is None else list(arrays))
            finally:
                job_loop.resume(entry)
            if not out:
                return text + _WIDE
            backend._answer_arrays = out
            return "\0" + ",".join([str(len(b)) for b in out]) + "\0" + text + _WIDE

        def fill(views: Any) -> None:
            backend = this()
            if backend is not None:
                out, backend._answer_arrays = backend._answer_arrays, []
                for view, data in zip(list(views), out, strict=True):
                    view[:] = data

        def progress(text: str) -> bool:
            backend = this()
            if backend is None:
                return False
            backend._spend(text)
            handler = backend._progress
            if handler is None:
                return False
            handler(str(text))
            return True

        self._call(self._call(pm.eval, _HOST, _INTERNAL), {"signal": signal}, host_call, progress, fill)
        self._encode = self._call(
            pm.eval, "(function (value) { return __runtime.encode(value); })", _INTERNAL
        )
        self._output = bytearray(_OUTPUT_SIZE)
        #: Strings JS passed to host functions, freed once pythonmonkey lets go of them.
        self._spent: list[Any] = []
        #: The byte arrays of the last host answer, until JS has arrays to take them.
        self._answer_arrays: list[bytes] = []
        self._callers_js: Any = None
        self._callers: dict[str, Any] = {}
        self._deferred: Any = None

    def _spend(self, text: Any) -> None:
        """Keep a string JS passed to a host function, to free its proxy once pythonmonkey
        has let go of it (the next time one comes)."""
        spent = self._spent
        if spent:
            proxies.release(spent)
        spent.append(text)

    # -- crossings
    def _call(self, fn: Any, *args: Any, timeout: float | None = None) -> Any:
        """``fn(*args)`` in pythonmonkey with the limits armed; engine failures mapped."""
        if self.closed:
            raise BackendBroken("the SpiderMonkey context is closed")
        binding.check_thread()
        state = binding.interrupts
        state["fired"] = None
        timer = None
        # A call made from a host function, inside a limited call, keeps the outer limits
        # and gives them back when it ends.
        outer = (state["deadline"], state["rss_limit"])
        try:
            # Armed inside the try: whatever fails while arming (a deadline the timer cannot
            # take), the process-wide limits are given back, or every later call would fail.
            if timeout is not None or self._memory_limit:
                timer = binding.timer
                self._limit(timeout, outer[0])
                self._arm(timer)
            return job_loop.call_with_loop(self._loop, fn, *args)
        except (self._pm.SpiderMonkeyError, MemoryError) as e:
            # Promise jobs still queued when the call itself was stopped belong to other
            # work (other requests of a batch): they run with the next call, as V8 runs
            # its pending microtasks (those stopped while running jobs are dropped).
            raise self._failure(e) from None
        finally:
            if timer is not None:
                timer.disarm()
                state["deadline"], state["rss_limit"] = outer
                if outer != (None, None):
                    self._arm(timer)
            state["pending"] = False

    def _limit(self, timeout: float | None, outer_deadline: float | None) -> None:
        """Set the process-wide limits for a call: its deadline (never past an outer call's)
        and, with a memory limit, the RSS it may reach."""
        state = binding.interrupts
        deadline = None if timeout is None else time.monotonic() + timeout
        if outer_deadline is not None:
            deadline = outer_deadline if deadline is None else min(deadline, outer_deadline)
        state["deadline"] = deadline
        if self._memory_limit:
            # Growth is measured from the larger of the context's start and this call's
            # start, so a context that tripped can recover once the program lets go.
            state["rss_limit"] = max(self._rss_base, rss()) + self._memory_limit

    @staticmethod
    def _arm(timer: Any) -> None:
        """Arm ``timer`` for the limits in force: it requests an interrupt at the deadline,
        or every 10 ms when the memory limit must be sampled too."""
        state = binding.interrupts
        deadline = state["deadline"]
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        if state["rss_limit"] is not None:
            timer.arm(0.01 if left is None else min(0.01, left), 0.01)
        elif left is not None:
            timer.arm(left)

    def _failure(self, e: Exception) -> BackendError:
        """The backend error for an exception out of pythonmonkey."""
        if isinstance(e, MemoryError):
            return BackendMemoryLimit("SpiderMonkey ran out of memory")
        self._raise_fired()
        text = str(e)
        if "out of memory" in text:
            return BackendMemoryLimit("SpiderMonkey ran out of memory")
        record = self._error_record(e)
        if record is not None:
            return BackendScriptError("", "", record=record)
        return script_error(text)

    def _raise_fired(self) -> None:
        """Raise for an interrupt that stopped the last call (read once: the state is left
        clear, so the next call starts with none)."""
        state = binding.interrupts
        fired, state["fired"] = state["fired"], None
        if fired == "timeout":
            raise BackendTimeout("script terminated at its deadline")
        if fired == "memory":
            self._pm.collect()
            raise BackendMemoryLimit(f"the process grew by more than {self._memory_limit} bytes while JS ran")

    def _error_record(self, e: Any) -> str | None:
        """The shims' record of the JS exception behind ``e`` (None: none to ask about)."""
        if uncaught_value(str(e)) is not None:
            # A thrown non-Error: for a primitive, pythonmonkey's jsError wraps the value
            # as if it were an object pointer, and any use of it crashes. The report's text
            # is what V8 gives for the same throw.
            e.__dict__.pop("jsError", None)
            return None
        error = getattr(e, "jsError", None)
        if error is None:
            return None
        try:
            return str(
                self._pm.eval("(function (e) { return __runtime.encodeError(e); })", _INTERNAL)(error)
            )[1:]
        except Exception:
            return None

    # -- the protocol
    def eval_script(self, source: str, filename: str, timeout: float | None) -> str:
        try:
            options = {"filename": filename, **binding.SCRIPT}
            value = self._call(self._pm.eval, source, options, timeout=timeout)
        except (ValueError, OverflowError, TypeError) as e:
            # pythonmonkey's own conversion of the completion value failed (the script ran):
            # a TypeError, as the shims' conversion gives on every engine.
            raise TypeError(f"cannot convert the script's value to Python: {e}") from None
        self._raise_fired()
        if isinstance(value, job_loop.Future):
            return self._adopt(value)
        if value is None or type(value) is bool:
            return "0null" if value is None else ("0true" if value else "0false")
        return str(self._call(self._encode, value))

    def _adopt(self, future: job_loop.Future) -> str:
        """Turn the stand-in future for a completion-value Promise back into a JS one."""
        if self._deferred is None:
            self._deferred = self._call(
                self._pm.eval,
                """(function (box) {
                  let resolve, reject;
                  const p = new Promise((a, b) => { resolve = a; reject = b; });
                  box.resolve = resolve; box.reject = reject;
                  return __runtime.encode({ p }).replace(/^1\\{"p":(.*)\\}$/, "1$1");
                })""",
                _INTERNAL,
            )
        box: dict[str, Any] = {}
        record = str(self._call(self._deferred, box))
        resolve, reject = box["resolve"], box["reject"]

        def settle(f: job_loop.Future) -> None:
            ok, value = f.outcome  # type: ignore[misc]
            if ok:
                job_loop.call_with_loop(self._loop, resolve, value)
            else:
                reason = value.args[0] if getattr(value, "args", None) else ""
                if reason is None or reason is self._pm.null:
                    # undefined / null: the error's jsError then points at no object (a
                    # crash to pass back); None and pythonmonkey.null are those values.
                    error = reason
                else:
                    error = getattr(value, "jsError", None)
                    error = str(value) if error is None else error
                job_loop.call_with_loop(self._loop, reject, error)

        if future.done():
            settle(future)
        else:
            future.add_done_callback(settle)
        return record

    def call(self, target: str, args: str, timeout: float | None) -> str:
        callers = self._callers.get(target)
        if callers is None:
            callers = self._caller(target)
        if timeout is None and not self._memory_limit:
            text = callers[0](args)
            if text is not None:
                return text  # type: ignore[no-any-return]
        result = self._call(self._read, callers[1], args + _WIDE, timeout=timeout)
        self._raise_fired()
        return result  # type: ignore[no-any-return]

    def _caller(self, target: str) -> tuple[Any, Any]:
        """The kept JS function that calls ``target`` (``#id`` handles share one), and a
        Python closure that calls it with no limit armed: it holds all it needs and
        inlines the running-loop swap (see job_loop: a small call costs a few µs, and every
        lookup counts). The closure returns None where the general path must run instead
        (closed, or not on the owner thread: that path raises)."""
        callers_js = self._callers_js
        if callers_js is None:
            callers_js = self._callers_js = self._call(
                self._call(self._pm.eval, _CALLERS, _INTERNAL), self._output
            )
        if target[0] == "#":
            any_target = callers_js["any"]
            wide = target + _WIDE
            fn = lambda args: any_target(wide, args)  # noqa: E731
        else:
            fn = self._call(callers_js["bind"], target + _WIDE)
        loop = self._loop
        entry, jobs = loop.entry, loop.jobs
        swap = self._swap
        state, saved = swap if swap is not None else ({}, [])
        output = self._output
        failures = (self._pm.SpiderMonkeyError, MemoryError)
        on_owner = binding.on_owner

        def fast(args: str) -> str | None:
            if self.closed or not on_owner.here:
                return None
            try:
                if swap is None:
                    result = job_loop.call(entry, fn, args + _WIDE)
                else:
                    saved.append(state.get(_KEY, _ABSENT))
                    state[_KEY] = entry
                    try:
                        result = fn(args + _WIDE)
                    finally:
                        previous = saved.pop()
                        if previous is _ABSENT:
                            state.pop(_KEY, None)
                        else:
                            state[_KEY] = previous
                # Read out of the shared buffer before a promise job can call in again.
                if result is None:
                    text = output[2 : 2 + (output[0] | output[1] << 8)].decode("ascii")
                else:
                    held = [result]
                    result = None  # the list holds the last reference
                    text = proxies.take_text(held)
                if jobs:
                    job_loop.finish_jobs(entry, jobs)
            except failures as e:  # interrupt() from a host function
                binding.interrupts["pending"] = False
                raise self._failure(e) from None
            return text

        if target[0] != "#":
            if len(self._callers) >= _MAX_CALLERS:
                self._callers.clear()
            self._callers[target] = (fast, fn)
        return fast, fn

    def _read(self, fn: Any, args: str) -> str:
        """``fn(args)``'s result as text, read out of the shared buffer at once (before a
        promise job can call in again and overwrite it)."""
        result = fn(args)
        if result is None:
            output = self._output
            return output[2 : 2 + (output[0] | output[1] << 8)].decode("ascii")
        held = [result]
        del result  # the list holds the last reference
        return proxies.take_text(held)

    def set_host_call(self, handler: HostCall) -> None:
        self._host_call = weakref.WeakMethod(handler)  # type: ignore[arg-type]

    def set_progress(self, handler: Progress | None) -> None:
        self._progress = handler

    def interrupt(self) -> None:
        binding.interrupt()

    def collect_garbage(self) -> None:
        binding.check_thread()
        self._pm.collect()

    def close(self) -> None:
        global _current
        if self.closed:
            return
        # Promise jobs still queued die with the context: run by the reset below, an
        # endless chain of them would never let it end.
        job_loop.drop_jobs(self._loop.jobs)
        try:
            binding.check_thread()  # from a finalizer on another thread: skip the reset
            self._call(self._pm.eval(_RESET, _INTERNAL), list(binding.baseline))
        except Exception:
            pass
        self.closed = True
        job_loop.drop_jobs(self._loop.jobs)
        self._callers.clear()
        with _lock:
            if _current is self:
                _current = None
        if threading.current_thread() is binding.owner:
            # A full GC: the reset leaves its garbage in the one JS heap the process's
            # contexts share, which nothing else collects, and the next context's memory
            # limit would measure it.
            self._pm.collect()
