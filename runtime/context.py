"""Context: a JS global environment with the shims installed, and the calls into it.

Every operation is one engine crossing with strings in and out (see ``runtime.wire`` and
``shims/js/00_core.js``). After a crossing, if JS signalled queued output, one more crossing
drains it: console lines go to ``logging``, asynchronous host calls run here.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import time
from collections.abc import Callable
from typing import Any

import msgspec

import shims
from engines.base import BackendBroken, BackendError, BackendMemoryLimit, BackendScriptError, BackendTimeout
from runtime import registry, wire
from runtime.current import _stack
from runtime.errors import (
    ContextClosed,
    JSError,
    MemoryLimitExceeded,
    PromiseNeverSettles,
    ScriptTimeout,
)
from runtime.globals import Globals, _name
from runtime.handles import JSFunction, JSHandle, JSPromise
from runtime.isolate import Isolate
from runtime.stack import error_from_text

console_log = logging.getLogger("runtime.console")
_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "log": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
}
_json_decode = msgspec.json.Decoder().decode
_get_running_loop = asyncio.events._get_running_loop


class Context:
    """A JS global environment.

    ``Context(engine, **isolate_options)`` makes its own isolate (closed with the context);
    ``isolate.new_context()`` makes one on an existing isolate. ``with ctx:`` enters it on
    this thread, so ``runtime.current()`` and ``runtime.eval()`` use it.
    """

    def __init__(
        self,
        engine: str = registry.DEFAULT_ENGINE,
        *,
        isolate: Isolate | None = None,
        **isolate_options: Any,
    ) -> None:
        self._owns_isolate = isolate is None
        self.isolate = isolate if isolate is not None else Isolate(engine, **isolate_options)
        self.engine = self.isolate.engine
        self.capabilities = self.isolate.capabilities
        self.closed = False
        self._released: list[int] = []
        self._host_functions: dict[int, Callable[..., Any]] = {}
        self._host_ids = itertools.count(1)
        self._host_tasks: set[asyncio.Future[Any]] = set()
        self._entered = 0
        self._timer_loop: asyncio.AbstractEventLoop | None = None
        self._timer_handle: asyncio.TimerHandle | None = None
        self.globals = Globals(self)
        self._backend = self.isolate.backend
        # Backend.caller per global name, where offered: only by engines bound to one
        # thread, whose isolate never changes owner (the engine's thread check stands for
        # the isolate's). False marks a name the engine has no fast path for.
        self._callers: dict[str, Any] | None = None if self.capabilities.thread_migration else {}
        if self.capabilities.sync_host_functions:
            self.isolate.run(self._backend.set_host_call, self._on_host_call)
        prelude = (
            f"__runtime_host.engine = {wire.encode(self.engine)};"
            f"__runtime_host.seed = {wire.encode(self.isolate.seed)};\n"
        )
        try:
            self._crossing(self._backend.eval_script, prelude + shims.bundle(), shims.SHIM_FILENAME, None)
        except Exception:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"<runtime.Context {self.engine}{' closed' if self.closed else ''}>"

    @property
    def broken(self) -> bool:
        """True when the engine can no longer run this context (make a new one)."""
        return self.isolate.broken

    # -- entering
    def __enter__(self) -> Context:
        self.isolate.check_thread()
        _stack().append(self)
        self._entered += 1
        return self

    def __exit__(self, *exc: object) -> None:
        stack = _stack()
        if stack and stack[-1] is self:
            stack.pop()
        else:
            stack.remove(self)
        self._entered -= 1
        if self._owns_isolate and self._entered == 0:
            self.close()

    def close(self) -> None:
        """Free the engine resources now. Later use raises ``ContextClosed``."""
        if self.closed:
            return
        self.closed = True
        self._released.clear()
        self._callers = None  # calls take the general path, which says the context is closed
        if self._timer_handle is not None:
            self._timer_handle.cancel()
            self._timer_handle = None
        if self._owns_isolate:
            self.isolate.close()

    # -- crossings
    def _crossing(self, method: Callable[..., str], *args: Any) -> str:
        """Run one backend method (one engine crossing), mapping engine errors."""
        if self.closed:
            raise ContextClosed(f"this {self.engine} context is closed")
        try:
            text = self.isolate.run(method, *args)
        except BackendError as e:
            raise self._engine_error(e) from None
        self._after_crossing()
        return text

    def _after_crossing(self) -> None:
        if self._backend.signalled:
            self._drain()
        loop = _get_running_loop()
        if loop is not None and loop is not self._timer_loop:
            self._watch_timers(loop)

    def _engine_error(self, e: BackendError) -> Exception:
        if isinstance(e, BackendBroken):
            self.isolate.broken = True
            return ContextClosed(f"the {self.engine} isolate is broken: {e}")
        if isinstance(e, BackendTimeout):
            return ScriptTimeout(f"script ran past its timeout on {self.engine}")
        if isinstance(e, BackendMemoryLimit):
            return MemoryLimitExceeded(
                f"script hit the memory limit ({self.isolate.memory_limit} bytes) on {self.engine}: {e}"
            )
        if isinstance(e, BackendScriptError):
            if e.encoded:
                return self._error(e.encoded)
            return error_from_text(e.text, syntax=e.syntax)
        return e

    # -- timers on the caller's event loop
    def _watch_timers(self, loop: asyncio.AbstractEventLoop) -> None:
        """Used from a running asyncio loop: fire JS timers from that loop while it idles
        (JS announces each new earliest timer; one loop timer stands for all of them)."""
        self._timer_loop = loop
        self._schedule_timers(self._op("watch"))

    def _schedule_timers(self, delay_ms: float) -> None:
        handle, self._timer_handle = self._timer_handle, None
        if handle is not None:
            handle.cancel()
        loop = self._timer_loop
        if delay_ms < 0 or loop is None or loop.is_closed() or self.closed:
            return
        self._timer_handle = loop.call_later(delay_ms / 1000.0, self._on_timers_due)

    def _on_timers_due(self) -> None:
        self._timer_handle = None
        if self.closed:
            return
        try:
            delay = self.run_timers()
        except Exception:
            console_log.exception("running JS timers failed")
            return
        if delay is not None:
            self._schedule_timers(delay * 1000.0)

    def _dispatch(self, *fields: str, timeout: float | None = None) -> str:
        """One crossing into ``__runtime.dispatch``: the fields joined by U+0001."""
        if len(self._released) >= 64:
            ids, self._released = self._released, []
            self._crossing(self._backend.dispatch, "release\x01" + msgspec.json.encode(ids).decode(), None)
        return self._crossing(self._backend.dispatch, "\x01".join(fields), timeout)

    def _op(self, *fields: str, timeout: float | None = None) -> Any:
        return self._result(self._dispatch(*fields, timeout=timeout))

    def _make_handle(self, tag: str, id: int) -> Any:
        return JSFunction(self, id) if tag == "function" else JSPromise(self, id)

    def _result(self, text: str) -> Any:
        marker = text[0]
        if marker == "0" or marker == "1":
            return wire.decode(text, self._make_handle)
        if marker == "E":
            raise self._error(text)
        if marker == "T":
            raise TypeError(text[1:])
        raise RuntimeError(f"unexpected reply from the engine: {text[:60]!r}")

    def _error(self, text: str) -> JSError:
        record = _json_decode(text[1:])
        value = None
        if "value" in record:
            try:
                value = wire.decode(record["value"], self._make_handle)
            except Exception:
                value = None
        return JSError(
            record.get("name", "Error"),
            record.get("message", ""),
            record.get("stack", ""),
            [tuple(f) for f in record.get("frames", [])],
            value,
        )

    def _drain(self) -> None:
        backend = self.isolate.backend
        while backend.signalled:
            backend.signalled = False
            messages = _json_decode(self._crossing(self._backend.dispatch, "drain", None)[1:])
            for message in messages:
                kind = message[0]
                if kind == "log":
                    console_log.log(_LEVELS.get(message[1], logging.INFO), message[2])
                elif kind == "call":
                    self._start_host_call(message[1], message[2], message[3])
                elif kind == "timer" and self._timer_loop is not None:
                    self._schedule_timers(message[1])

    # -- host functions
    def _invoke_host(self, fn_id: int, payload: str) -> Any:
        fn = self._host_functions.get(fn_id)
        if fn is None:
            raise RuntimeError(f"host function #{fn_id} is gone")
        return fn(*wire.decode(payload, self._make_handle))

    @staticmethod
    def _host_error(exc: BaseException) -> str:
        record = {"name": "Error", "message": f"{type(exc).__name__}: {exc}"}
        return msgspec.json.encode(record).decode()

    def _on_host_call(self, payload: str) -> str:
        """Sync host call from JS (sync engines): ``id:marked-args`` -> marked result."""
        fn_id, _, args = payload.partition(":")
        try:
            return "1" + wire.encode(self._invoke_host(int(fn_id), args))
        except Exception as exc:
            return "E" + self._host_error(exc)

    def _settle(self, call_id: int, ok: bool, value: str) -> None:
        self._dispatch("settle", str(call_id), "1" if ok else "0", value)

    def _start_host_call(self, call_id: int, fn_id: int, args: str) -> None:
        try:
            result = self._invoke_host(fn_id, args)
            if inspect.isawaitable(result):
                self._await_host(call_id, result)
                return
            self._settle(call_id, True, wire.encode(result))
        except Exception as exc:
            self._settle(call_id, False, self._host_error(exc))

    def _await_host(self, call_id: int, awaitable: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            # No loop on this thread: run the coroutine to completion here.
            try:
                value = asyncio.run(_as_coroutine(awaitable))
                self._settle(call_id, True, wire.encode(value))
            except Exception as exc:
                self._settle(call_id, False, self._host_error(exc))
            return
        task = asyncio.ensure_future(awaitable)
        self._host_tasks.add(task)

        def done(t: asyncio.Future[Any]) -> None:
            self._host_tasks.discard(t)
            if self.closed:
                return
            if t.cancelled():
                self._settle(call_id, False, self._host_error(asyncio.CancelledError()))
            elif t.exception() is not None:
                self._settle(call_id, False, self._host_error(t.exception()))  # type: ignore[arg-type]
            else:
                try:
                    self._settle(call_id, True, wire.encode(t.result()))
                except Exception as exc:
                    self._settle(call_id, False, self._host_error(exc))

        task.add_done_callback(done)

    def expose(self, name: str, fn: Callable[..., Any]) -> None:
        """Make a Python callable a global JS function ``name``.

        On engines with sync host functions (see ``capabilities``) a plain function returns
        its value to JS directly; otherwise, and for ``async def`` functions, JS gets a
        Promise. Arguments and results are copied as plain data.
        """
        if not callable(fn):
            raise TypeError(f"expose() needs a callable, got {type(fn).__name__}")
        fn_id = next(self._host_ids)
        self._host_functions[fn_id] = fn
        sync = self.capabilities.sync_host_functions and not inspect.iscoroutinefunction(fn)
        self._op("expose", _name(name), str(fn_id), "1" if sync else "0")

    # -- evaluation
    def eval(self, source: str, *, filename: str | None = None, timeout: float | None = None) -> Any:
        """Run ``source`` as a script; return its completion value as Python data.

        A returned Promise comes back as a ``JSPromise`` (await it, or use ``eval_async``).
        """
        if not isinstance(source, str):
            raise TypeError(f"source must be str, not {type(source).__name__}")
        name = filename or "<eval>"
        return self._result(self._crossing(self._backend.eval_script, source, name, timeout))

    def call(
        self,
        function: str | JSFunction,
        *args: Any,
        timeout: float | None = None,
        handle: bool = False,
    ) -> Any:
        """Call a global function by (dotted) name, or a ``JSFunction``, with ``args``.

        The result comes back as plain data; ``handle=True`` returns a ``JSHandle`` to the
        live JS value instead.
        """
        callers = self._callers
        if callers is not None and type(function) is str and timeout is None and not handle:
            fast = callers.get(function)
            if fast is None:
                fast = self._fast_caller(function)
            if fast:
                try:
                    text = fast(wire.encode(args))
                except BackendError as e:
                    raise self._engine_error(e) from None
                if text is not None:
                    # _after_crossing, inlined: this path costs a few µs in all
                    if self._backend.signalled:
                        self._drain()
                    loop = _get_running_loop()
                    if loop is not None and loop is not self._timer_loop:
                        self._watch_timers(loop)
                    if type(text) is not str or text[0] != "\x01":  # plain JSON, decoded as is
                        return _json_decode(text)
                    return self._result(text[1:])
        if isinstance(function, JSFunction):
            if function.context is not self:
                raise ValueError("that JSFunction belongs to another context")
            target = f"#{function.id}"
        elif isinstance(function, str):
            target = _name(function)
        else:
            raise TypeError("call() needs a global function name or a JSFunction")
        op = "callh\x01" if handle else "call\x01"
        text = self._crossing(self._backend.dispatch, op + target + "\x01" + wire.encode(list(args)), timeout)
        if handle and text[0] == "0":
            return JSHandle(self, int(text[1:]))
        if text[0] == "0":  # plain JSON: the common case, decoded without a walk
            return _json_decode(text[1:])
        return self._result(text)

    def _fast_caller(self, name: str) -> Any:
        callers = self._callers
        assert callers is not None
        if len(callers) >= 256:  # names are usually few; made on the fly, they must not pile up
            callers.clear()
        try:
            fast = self.isolate.run(self._backend.caller, name)
        except BackendError as e:
            raise self._engine_error(e) from None
        callers[name] = fast or False
        return fast

    async def eval_async(
        self, source: str, *, filename: str | None = None, timeout: float | None = None
    ) -> Any:
        """``eval`` that awaits a returned Promise (timers and host calls keep running)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        value = self.eval(source, filename=filename, timeout=timeout)
        if isinstance(value, JSPromise):
            return await self.wait_async(value, timeout=_left(deadline))
        return value

    async def call_async(self, function: str | JSFunction, *args: Any, timeout: float | None = None) -> Any:
        """``call`` that awaits a returned Promise."""
        deadline = None if timeout is None else time.monotonic() + timeout
        value = self.call(function, *args, timeout=timeout)
        if isinstance(value, JSPromise):
            return await self.wait_async(value, timeout=_left(deadline))
        return value

    # -- the event loop of a context: promises, timers, host calls
    def _step(self, promise: JSPromise, deadline: float | None) -> tuple[bool, Any, float]:
        """Poll, else run one due timer: one crossing. Returns (settled, value, seconds to
        wait before the next step)."""
        text = self._dispatch("step", str(promise.id), timeout=_left(deadline))
        if text[0] != "P":
            return True, self._result(text), 0.0
        delay, timers, calls, fired = (float(x) for x in text[1:].split(","))
        if fired:
            return False, None, 0.0  # its microtasks run after this crossing: look again
        if delay < 0:
            if not timers and not calls and not self._host_tasks:
                raise PromiseNeverSettles(
                    "the Promise can never settle: no timers, host calls or I/O are pending"
                )
            delay = 1.0  # waiting on the host (a Python host call still running)
        return False, None, delay / 1000.0

    def wait(self, promise: JSPromise, *, timeout: float | None = None) -> Any:
        """Block until ``promise`` settles, running timers and host calls meanwhile."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            settled, value, delay = self._step(promise, deadline)
            if settled:
                return value
            if delay:
                left = _left(deadline)
                if left is not None and left <= delay:
                    raise ScriptTimeout(f"Promise not settled within {timeout} s")
                time.sleep(delay)

    async def wait_async(self, promise: JSPromise, *, timeout: float | None = None) -> Any:
        """Await ``promise``, running timers and host calls while the loop is idle."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            settled, value, delay = self._step(promise, deadline)
            if settled:
                return value
            left = _left(deadline)
            if left is not None and left <= delay:
                raise ScriptTimeout(f"Promise not settled within {timeout} s")
            await asyncio.sleep(delay)

    def run_timers(self, limit: int = 1000) -> float | None:
        """Run the timers that are due now (at most ``limit``, so a chain of zero-delay
        timers cannot hold the caller); seconds until the next one (None: none)."""
        for _ in range(limit):
            delay_ms = self._op("tick")
            if delay_ms != 0:
                return None if delay_ms < 0 else delay_ms / 1000.0
        return 0.0


def _left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    return max(0.001, deadline - time.monotonic())


async def _as_coroutine(awaitable: Any) -> Any:
    return await awaitable
