"""V8 through mini-racer, driven at its lowest level.

mini-racer's public sync API hops Python thread -> its asyncio loop -> the V8 pump thread
and back; we skip the asyncio loop and talk to ``libmini_racer`` directly (``mr_eval`` with
our own callback and a blocking queue for the result), which costs one thread wake-up
each way. These are private APIs, so the version is pinned and checked at import.

Rules from probing mini-racer, enforced here:
- no isolate is created while another isolate of the process runs JS (it segfaulted):
  a process-wide gate lets creation wait for running scripts and holds new ones back;
- every isolate is closed explicitly (left to GC it hung at exit): ``close()`` and an
  ``atexit`` hook for the ones a program forgot;
- after the hard memory limit trips, the isolate keeps failing until
  ``low_memory_notification()`` and a fresh limit, so we apply both;
- cancelling a task terminates it only while it runs: promise jobs, which the pump
  thread runs between and after tasks, are out of its reach, so a call that does not end
  once cancelled is stopped with ``v8::Isolate::TerminateExecution`` (see ``_stop``);
- the callback runs on V8's pump thread, a thread Python does not know: ctypes makes it a
  thread state for each call and deletes it after (memory mapped and unmapped each time,
  which on a multi-threaded process costs every CPU a TLB flush). The first callback
  keeps its thread state with one more ``PyGILState_Ensure``; ``close()`` lets it go.
"""

from __future__ import annotations

import atexit
import ctypes
import math
import queue
import re
import threading
import time
import weakref
from collections.abc import Callable
from importlib import metadata
from typing import Any

import msgspec

from engines.base import Backend, BackendBroken, BackendMemoryLimit, BackendTimeout, HostCall, Progress
from engines.memory import rss
from engines.v8 import async_context, host_channel, rejections
from engines.v8.errors import script_error, syntax_error
from engines.v8.memory_guard import guard

VERIFIED_VERSION = "0.14.1"

_RESULT = 1  # callback id for script results
_SIGNAL = 2  # callback id for the shims' "outbox has messages" signal
_PROGRESS = 3  # callback id for what JS hands the host during a call (set_progress)
_UNPIN = 4  # callback id for the task that lets go of the pump thread's thread state
_HELD = 5  # callback id for results kept until the last task of a group ends (no wake-up)
_HOST_PART = 6  # callback ids of a sync host call (see host_channel): a payload's part,
_HOST_CALL = 7  # its last part (the call),
_HOST_MORE = 8  # the request for the answer's next part,
_HOST_BYTES_IN = 9  # a part of one of the call's byte arrays,
_HOST_BYTES_OUT = 10  # and the request for a part of the answer's
_EXTRAS = 11  # callback id for the one call that hands JS the extras binding object
#: The buffer progress text goes through: a length (UTF-16 units), whether the host
#: listens (1) or not (0), then the units. Longer text is refused (progress returns false)
#: and stays with JS.
_PROGRESS_BYTES = 1 << 20
_PROGRESS_JS = """(function (host) {
  const units = new Uint16Array(host.progressBuffer, 8);
  const header = new Uint32Array(host.progressBuffer, 0, 2);
  const length = header.subarray(0, 1);
  const notify = host.progressNotify;
  delete host.progressBuffer;
  delete host.progressNotify;
  host.progress = (text) => {
    const n = text.length;
    if (header[1] === 0 || n > units.length) return false;
    for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
    length[0] = n;
    notify();
    return true;
  };
})(globalThis.__runtime_host);
//# sourceURL=runtime:internal"""

# mini-racer's value type codes (mini_racer.cc)
_NULL, _BOOL, _INT, _DOUBLE, _STR, _UNDEFINED = 1, 2, 3, 4, 5, 11
_EXECUTE_EXC, _PARSE_EXC, _OOM_EXC, _TIMEOUT_EXC, _TERMINATED_EXC = 200, 201, 202, 203, 204

#: Seconds a cancelled call gets to end before JS still running is terminated directly.
_CANCEL_GRACE = 0.05
#: The function a probe calls after a direct termination (see ``_stop``).
_PROBE = "(function () { return 0; })"

_json = msgspec.json.Encoder().encode
_dll: Any = None
_dll_lock = threading.Lock()


def load_dll() -> Any:
    global _dll
    with _dll_lock:
        if _dll is None:
            version = metadata.version("mini-racer")
            if version != VERIFIED_VERSION:
                raise ImportError(
                    f"mini-racer {version} is installed, but the V8 engine drives its private "
                    f"API and is verified with {VERIFIED_VERSION} only: "
                    f"pip install mini-racer=={VERIFIED_VERSION}"
                )
            from py_mini_racer import _dll as mr_dll

            dll = mr_dll.init_mini_racer(ignore_duplicate_init=True)
            # v8::Isolate::GetCurrent() and isolate->TerminateExecution(), which libmini_racer
            # exports (the latter may be called from any thread).
            dll.v8_isolate_current = dll._ZN2v87Isolate10GetCurrentEv
            dll.v8_isolate_current.restype = ctypes.c_void_p
            dll.v8_isolate_current.argtypes = []
            dll.v8_terminate = dll._ZN2v87Isolate18TerminateExecutionEv
            dll.v8_terminate.restype = None
            dll.v8_terminate.argtypes = [ctypes.c_void_p]
            _dll = dll
        return _dll


class _Gate:
    """Process-wide: isolates are created only while no isolate runs JS."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._running = 0
        self._creating = False

    def enter(self) -> None:
        with self._cond:
            while self._creating:
                self._cond.wait()
            self._running += 1

    def leave(self) -> None:
        with self._cond:
            self._running -= 1
            if self._running == 0:
                self._cond.notify_all()

    def create(self, make: Callable[[], Any]) -> Any:
        with self._cond:
            while self._running or self._creating:
                self._cond.wait()
            self._creating = True
        try:
            return make()
        finally:
            with self._cond:
                self._creating = False
                self._cond.notify_all()


#: The host object the shims capture; ``outOfMemory`` tells the out-of-memory errors V8
#: lets JS catch (a failed ArrayBuffer allocation is a RangeError).
_HOST = """globalThis.__runtime_host = {
  outOfMemory: (e) => e instanceof RangeError && /allocation failed|out of memory/i.test(String(e.message)),
}
//# sourceURL=runtime:internal"""

#: The kept functions every crossing goes through (``this`` is their argument).
_INTERNAL = "\n//# sourceURL=runtime:internal"  # frames of the backend's own JS are hidden
_ENCODE = "(function () { 'use strict'; return __runtime.encode(this); })" + _INTERNAL
_CALL = (
    """(function () {
  'use strict';
  const i = this.indexOf("\\x01");
  return __runtime.apply(this.slice(0, i), this.slice(i + 1));
})"""
    + _INTERNAL
)

_gate = _Gate()
#: Set on a pump thread whose Python thread state is kept (see the module docstring).
_pinned = threading.local()
_PyGILState_LOCKED = 0
_live: weakref.WeakSet[V8Backend] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for backend in list(_live):
        backend.close()


_URL_UNSAFE = re.compile(r"[\s%]")


def _source_url(filename: str) -> str:
    """``filename`` for a ``//# sourceURL=`` comment: V8 ends the URL at whitespace, and a
    line break would end the comment (and let the rest run as code), so whitespace and
    ``%`` are percent-encoded; stack frames then show the encoded name."""
    return _URL_UNSAFE.sub(lambda m: "%%%02X" % ord(m.group()), filename)


def _well_formed(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD, as the shims do."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _number_record(x: float) -> str:
    if math.isfinite(x) and x.is_integer() and abs(x) < 2**53 and (x or math.copysign(1, x) > 0):
        return "0%d" % int(x)
    if math.isfinite(x) and x != 0:
        text = repr(x)
        return "0" + text if not x.is_integer() else '1{"\\u0000":"num","v":"%s"}' % text
    text = "-0" if x == 0 else "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return '1{"\\u0000":"num","v":"%s"}' % text


class _Stop:
    """Put on the results queue by ``interrupt`` and the memory guard: the thread waiting
    for the call of ``tasks`` stops it (a later call ignores it)."""

    __slots__ = ("tasks",)

    def __init__(self, tasks: list[int]) -> None:
        self.tasks = tasks


class V8Backend(Backend):
    def __init__(self, memory_limit: int | None) -> None:
        self._dll = dll = load_dll()
        self._results: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._garbage: list[Any] = []
        #: The tasks posted and not all answered yet (``interrupt`` cancels them).
        self._tasks: list[int] | None = None
        #: Results of a group's tasks but its last, as they end (see ``_run_tasks``).
        self._held: list[Any] = []
        self._memory_limit = memory_limit
        self._kept: list[Any] = []
        self._functions: dict[str, Any] = {}
        self._no_args: Any = None
        self.signalled = False
        self.closed = False
        self._progress: Progress | None = None
        self._progress_failed: Exception | None = None
        self._host_call: weakref.WeakMethod[HostCall] | None = None
        #: The thread answering a sync host call now (V8's own: no crossing can run on it).
        self._answering: int | None = None
        #: The v8::Isolate, read on the pump thread by the first callback.
        self._isolate: int | None = None

        from py_mini_racer._dll import MR_CALLBACK

        def on_callback(callback_id: int, raw: Any) -> None:
            # Runs on V8's thread: only hand the value over, never call back into V8.
            if not getattr(_pinned, "kept", False):
                ctypes.pythonapi.PyGILState_Ensure()
                _pinned.kept = True
            if self._isolate is None:
                self._isolate = dll.v8_isolate_current()
                rejections.install(dll, self._isolate)
            if callback_id == _HELD:
                self._held.append(raw)
            elif callback_id == _UNPIN:
                _pinned.kept = False
                ctypes.pythonapi.PyGILState_Release(_PyGILState_LOCKED)  # deleted on return
                self._results.put(raw)
            elif callback_id == _HOST_CALL:
                # JS waits in this call: answered here, on V8's thread (see _answer).
                self._garbage.append(raw)
                self._channel.put_answer(*self._answer(*self._channel.take_payload()))
            elif callback_id == _HOST_PART:
                self._garbage.append(raw)
                self._channel.take_part()
            elif callback_id == _HOST_MORE:
                self._garbage.append(raw)
                self._channel.put_more()
            elif callback_id == _HOST_BYTES_IN:
                self._garbage.append(raw)
                self._channel.take_bytes()
            elif callback_id == _HOST_BYTES_OUT:
                self._garbage.append(raw)
                self._channel.put_bytes()
            elif callback_id == _EXTRAS:
                self._garbage.append(raw)
                async_context.expose(dll)

            elif callback_id == _SIGNAL:
                self.signalled = True
                self._garbage.append(raw)
            elif callback_id == _PROGRESS:
                # JS waits in this call: copy the text out of the shared buffer now, for the
                # thread that waits for the task (the isolate is busy until the task ends).
                self._garbage.append(raw)
                units = ctypes.c_uint32.from_address(self._progress_at).value
                text = ctypes.string_at(self._progress_at + 8, 2 * units)
                self._results.put((_PROGRESS, text))
            else:
                self._results.put(raw)

        self._callback = MR_CALLBACK(on_callback)
        self._ctx = _gate.create(lambda: dll.mr_init_context(self._callback))
        if memory_limit:
            dll.mr_set_hard_memory_limit(self._ctx, memory_limit)
        self._rss_base = rss()
        _live.add(self)
        host = self._keep(self._run(dll.mr_eval, self._str(_HOST)))
        signal = self._keep(dll.mr_make_js_callback(self._ctx, _SIGNAL))
        self._check(dll.mr_set_object_item(self._ctx, host, self._str("signal"), signal))
        # progress(text): JS writes the text's UTF-16 units into a buffer whose memory this
        # side reads in the callback (a callback's argument is a value only the isolate's
        # thread could read, and it is busy until the call ends).
        buffer = self._keep(self._run(dll.mr_eval, self._str(f"new ArrayBuffer({_PROGRESS_BYTES})")))
        self._progress_at = buffer.contents.value.value_ptr
        notify = self._keep(dll.mr_make_js_callback(self._ctx, _PROGRESS))
        self._check(dll.mr_set_object_item(self._ctx, host, self._str("progressBuffer"), buffer))
        self._check(dll.mr_set_object_item(self._ctx, host, self._str("progressNotify"), notify))
        self._free(self._run(dll.mr_eval, self._str(_PROGRESS_JS)))
        make_buffer = self._str(f"new ArrayBuffer({host_channel.BUFFER_BYTES})")
        buffer = self._keep(self._run(dll.mr_eval, make_buffer))
        self._channel = host_channel.HostChannel(buffer.contents.value.value_ptr)
        self._check(dll.mr_set_object_item(self._ctx, host, self._str("callBuffer"), buffer))
        callbacks = (
            ("callPart", _HOST_PART),
            ("callLast", _HOST_CALL),
            ("callMore", _HOST_MORE),
            ("callBytesIn", _HOST_BYTES_IN),
            ("callBytesOut", _HOST_BYTES_OUT),
        )
        for name, callback_id in callbacks:
            fn = self._keep(dll.mr_make_js_callback(self._ctx, callback_id))
            self._check(dll.mr_set_object_item(self._ctx, host, self._str(name), fn))
        self._free(self._run(dll.mr_eval, self._str(host_channel.JS)))
        expose = self._keep(dll.mr_make_js_callback(self._ctx, _EXTRAS))
        self._check(dll.mr_set_object_item(self._ctx, host, self._str("exposeExtras"), expose))
        self._free(self._run(dll.mr_eval, self._str(async_context.JS)))
        # Compiled now: compiled on first use, they would wait without a timeout behind
        # promise jobs that run away.
        for source in (_PROBE, _CALL, _ENCODE):
            self._function(source)
        self._empty_args()

    # -- value handles
    def _str(self, text: str) -> Any:
        b = text.encode("utf-8", "surrogatepass")
        return self._dll.mr_alloc_string_val(self._ctx, b, len(b), _STR)

    def _keep(self, raw: Any) -> Any:
        self._kept.append(raw)
        return raw

    def _free(self, raw: Any) -> None:
        self._dll.mr_free_value(self._ctx, raw)

    def _check(self, raw: Any) -> None:
        typ = raw.contents.type
        self._free(raw)
        if typ >= _EXECUTE_EXC:
            raise BackendBroken(f"mini-racer call failed (type {typ})")

    def _text(self, raw: Any) -> str:
        c = raw.contents
        return ctypes.string_at(c.value.value_ptr, c.len).decode("utf-8", "surrogatepass")

    # -- running tasks
    def _run(self, method: Any, *args: Any, timeout: float | None = None) -> Any:
        probe_fn, no_args = self._functions.get(_PROBE), self._no_args
        if (timeout is None and not self._memory_limit) or probe_fn is None or no_args is None:
            return self._run_tasks(((method, args),), timeout)[0]
        # The promise jobs a task queues run after its result is out: a probe task behind
        # it brings the call's result back only once they are done, so the limits bound
        # them too (as on every engine). Stopped there, the call fails with the probe's
        # error: V8 empties its microtask queue when it terminates a checkpoint.
        probe = (self._dll.mr_call_function, (probe_fn, no_args, no_args))
        first, last = self._run_tasks(((method, args), probe), timeout)
        if first.contents.type < _EXECUTE_EXC and last.contents.type >= _EXECUTE_EXC:
            self._free(first)
            self._raise_for(last, last.contents.type)
        self._free(last)
        return first

    def _run_tasks(self, calls: tuple[tuple[Any, tuple[Any, ...]], ...], timeout: float | None) -> list[Any]:
        """Post ``calls`` to the pump thread at once (it runs them in order, with the
        promise jobs each queued in between) and wait for all their results: one wake-up
        each way, whatever their number (the results before the last one are held by the
        callback, which wakes this thread for the last only). ``timeout`` bounds them
        together."""
        if self.closed:
            raise BackendBroken("the V8 isolate is closed")
        if self._answering == threading.get_ident():
            raise RuntimeError(
                "a sync host call cannot call into its own V8 context: the JS that made it "
                "waits for its answer"
            )
        for raw in self._garbage[:]:
            self._garbage.remove(raw)
            self._free(raw)
        limit = self._memory_limit
        fired = False
        raws: list[Any] = []
        held = self._held = []
        _gate.enter()
        try:
            ctx = self._ctx
            last = len(calls) - 1
            # The call's identity for a _Stop exists before its first task is posted: the
            # task may run, and a host call in it interrupt, before the posting returns.
            tasks: list[int] = []
            self._tasks = tasks
            for i, (method, args) in enumerate(calls):
                tasks.append(method(ctx, *args, _RESULT if i == last else _HELD))
            if limit:
                # Growth is measured from the larger of the isolate's start and this call's
                # start, so an isolate that tripped can recover once the program lets go.
                ceiling = max(self._rss_base, rss()) + limit
                guard.watch(self, lambda: self._results.put(_Stop(tasks)), ceiling)
            try:
                try:
                    final = self._result(timeout)
                except queue.Empty:
                    final = self._stop(tasks)
                except BaseException:
                    # KeyboardInterrupt while waiting: the call is stopped and its answers
                    # taken, or the next call would take them for its own.
                    for raw in [*held, self._stop(tasks)]:
                        self._free(raw)
                    raise
                # The pump thread ran the tasks in order: the others ended before the last.
                raws = [*held, final]
            finally:
                self._tasks = None
                if limit:
                    fired = guard.unwatch(self)
        finally:
            _gate.leave()
        if fired:
            for raw in raws:
                self._free(raw)
            self._recover_memory()
            raise BackendMemoryLimit(f"the process grew by more than {limit} bytes while JS ran")
        failed, self._progress_failed = self._progress_failed, None
        if failed is not None:
            for raw in raws:
                self._free(raw)
            raise failed
        return raws

    def _cancel_tasks(self, tasks: list[int]) -> None:
        for task in tasks:
            self._dll.mr_cancel_task(self._ctx, task)

    def _stop(self, tasks: list[int]) -> Any:
        """Cancel the call of ``tasks``; its last result. JS that no cancel reaches (a
        promise job, run between or after tasks) is terminated; a termination that came
        as the JS ended on its own would hit the next script to run, so a probe script
        runs after any, until one runs untouched."""
        self._cancel_tasks(tasks)
        final, terminated = self._next_result()
        no_args = self._no_args
        while terminated:
            self._dll.mr_call_function(self._ctx, self._functions[_PROBE], no_args, no_args, _RESULT)
            probe, terminated = self._next_result()
            self._free(probe)
        return final

    def _next_result(self) -> tuple[Any, bool]:
        """The next result, terminating the JS that holds it up past :data:`_CANCEL_GRACE`;
        and whether any was terminated."""
        terminated = False
        while True:
            try:
                return self._result(_CANCEL_GRACE, stoppable=False), terminated
            except queue.Empty:
                self._dll.v8_terminate(self._isolate)
                terminated = True

    def _result(self, timeout: float | None, stoppable: bool = True) -> Any:
        """The running task's result (``queue.Empty`` past ``timeout``, or when asked to
        stop); what JS hands the host meanwhile goes to the progress handler as it comes."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            raw = self._results.get(timeout=left)
            if type(raw) is _Stop:
                if stoppable and raw.tasks is self._tasks:
                    raise queue.Empty
                continue
            if type(raw) is not tuple:
                return raw
            if self._progress is not None:
                # A handler that fails is reported once the task is over: its result must
                # be taken here, or the next call would take it for its own.
                try:
                    self._progress(raw[1].decode("utf-16-le", "surrogatepass"))
                except Exception as e:
                    self._progress_failed = self._progress_failed or e

    def _answer(self, payload: str, arrays: list[bytearray]) -> tuple[str, list[bytes]]:
        """Answer a sync host call on V8's thread, where JS waits for it: the calls that
        come this way are the runtime's own operations (exposed functions are async on
        V8), which need no thread of their own, and a hop to the crossing's thread and
        back would cost more than most of them."""
        handler = None if self._host_call is None else self._host_call()
        if handler is None:
            return 'E{"name":"Error","message":"the host function is gone"}', []
        self._answering = threading.get_ident()
        try:
            return handler(payload, arrays)
        finally:
            self._answering = None

    def _raise_for(self, raw: Any, typ: int) -> None:
        text = self._text(raw) if raw.contents.len else ""
        self._free(raw)
        if typ == _PARSE_EXC:
            raise script_error(text, syntax=True)
        if typ == _OOM_EXC or self._dll.mr_hard_memory_limit_reached(self._ctx):
            self._recover_memory()
            raise BackendMemoryLimit(text or "V8 heap limit reached")
        if typ in (_TIMEOUT_EXC, _TERMINATED_EXC):
            raise BackendTimeout(text or "script terminated")
        raise script_error(text)

    def _recover_memory(self) -> None:
        """After the hard limit trips, V8 terminates the next script too: collect, re-arm
        the limit and absorb that pending termination, so the isolate is usable again."""
        self._dll.mr_low_memory_notification(self._ctx)
        if self._memory_limit:
            self._dll.mr_set_hard_memory_limit(self._ctx, self._memory_limit)
        code = self._str("0")
        try:
            self._free(self._run(self._dll.mr_eval, code))
        finally:
            self._free(code)

    def _string_result(self, raw: Any) -> str:
        typ = raw.contents.type
        if typ == _STR:
            text = self._text(raw)
            self._free(raw)
            return text
        if typ >= _EXECUTE_EXC:
            self._raise_for(raw, typ)
        self._free(raw)
        raise BackendBroken(f"unexpected V8 result type {typ}")

    # -- the protocol
    def eval_script(self, source: str, filename: str, timeout: float | None) -> str:
        code = self._str(f"{source}\n//# sourceURL={_source_url(filename)}")
        try:
            raw = self._run(self._dll.mr_eval, code, timeout=timeout)
        finally:
            self._free(code)
        c = raw.contents
        typ = c.type
        if typ == _PARSE_EXC:
            text = self._text(raw) if c.len else ""
            self._free(raw)
            raise syntax_error(text, source, filename)
        if typ == _STR:
            text = self._text(raw)
            self._free(raw)
            try:
                return "0" + _json(text).decode()
            except UnicodeEncodeError:  # lone surrogates become U+FFFD, as in the shims
                return "0" + _json(_well_formed(text)).decode()
        if typ in (_NULL, _UNDEFINED):
            self._free(raw)
            return "0null"
        if typ == _BOOL:
            value = c.value.int_val == 1
            self._free(raw)
            return "0true" if value else "0false"
        if typ == _INT:
            value = c.value.int_val
            self._free(raw)
            return "0%d" % value
        if typ == _DOUBLE:
            value = c.value.double_val
            self._free(raw)
            return _number_record(value)
        if typ >= _EXECUTE_EXC:
            self._raise_for(raw, typ)
        if typ == 0:
            self._free(raw)
            raise TypeError(
                "V8 (mini-racer) cannot pass a BigInt out as a script's completion value; "
                "wrap it, e.g. `[value]`, or return it from a function called with ctx.call()"
            )
        # An object: hand it to __runtime.encode as `this` (one more crossing).
        return self._runtime_call(_ENCODE, raw, timeout)

    def call(self, target: str, args: str, timeout: float | None) -> str:
        # Target and arguments ride as `this` of one kept function, joined by U+0001 (a
        # target has none and JSON text holds no raw control character): no script to
        # compile per call, one string to allocate.
        return self._runtime_call(_CALL, self._str(target + "\x01" + args), timeout)

    def call_settled(self, target: str, args: str, then: str, timeout: float | None) -> str:
        # Both calls are posted at once; the pump thread runs the promise jobs of the first
        # before it starts the second.
        fn, no_args = self._function(_CALL), self._empty_args()
        first = self._str(target + "\x01" + args)
        second = self._str(then + "\x01[]")
        call = self._dll.mr_call_function
        try:
            raw_first, raw_second = self._run_tasks(
                ((call, (fn, first, no_args)), (call, (fn, second, no_args))), timeout
            )
        finally:
            self._free(first)
            self._free(second)
        try:
            text = self._string_result(raw_first)
        except BaseException:
            self._free(raw_second)
            raise
        if text[0] == "E":
            self._free(raw_second)
            return text
        return self._string_result(raw_second)

    def _runtime_call(self, source: str, this: Any, timeout: float | None) -> str:
        """The kept function ``source`` called with ``this``: one crossing; frees ``this``
        and returns the string."""
        try:
            raw = self._run(
                self._dll.mr_call_function, self._function(source), this, self._empty_args(), timeout=timeout
            )
        finally:
            self._free(this)
        return self._string_result(raw)

    def _function(self, source: str) -> Any:
        """A kept handle to the function ``source`` evaluates to."""
        fn = self._functions.get(source)
        if fn is None:
            fn = self._functions[source] = self._keep(self._run(self._dll.mr_eval, self._str(source)))
        return fn

    def _empty_args(self) -> Any:
        if self._no_args is None:
            self._no_args = self._keep(self._run(self._dll.mr_eval, self._str("[]")))
        return self._no_args

    def set_host_call(self, handler: HostCall) -> None:
        self._host_call = weakref.WeakMethod(handler)  # type: ignore[arg-type]

    def set_progress(self, handler: Progress | None) -> None:
        self._progress = handler
        ctypes.c_uint32.from_address(self._progress_at + 4).value = 0 if handler is None else 1

    def collect_garbage(self) -> None:
        self._dll.mr_low_memory_notification(self._ctx)

    def interrupt(self) -> None:
        tasks = self._tasks
        if tasks is not None and not self.closed:
            self._results.put(_Stop(tasks))

    def _unpin(self) -> None:
        """Let the pump thread's kept thread state go: a last task whose callback drops it.
        (A pump thread stuck in a script keeps it: that leaks one thread state.)"""
        code = self._str("0")
        try:
            self._dll.mr_eval(self._ctx, code, _UNPIN)
            try:
                raw = self._results.get(timeout=1.0)
                while type(raw) is tuple or type(raw) is _Stop:  # left over from an interrupted call
                    raw = self._results.get(timeout=1.0)
                self._free(raw)
            except queue.Empty:
                pass
        finally:
            self._free(code)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        _live.discard(self)
        self._unpin()
        for raw in self._kept + self._garbage:
            self._free(raw)
        self._kept.clear()
        self._garbage.clear()
        rejections.forget(self._isolate)
        self._dll.mr_free_context(self._ctx)
