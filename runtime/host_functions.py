"""Python callables exposed to JS as global functions (``ctx.expose``).

On engines with sync host functions, JS calls the host directly and gets the value back
(``on_sync_call``); elsewhere, and for coroutine functions, JS gets a Promise: the call is
queued in the outbox, run here when the crossing drains it, and settled with one more
crossing (at once, or when an awaitable completes on the caller's event loop).
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
from collections.abc import Callable
from typing import Any

import msgspec

from runtime import codec
from runtime.crossing import Crossing, MakeHandle


def _error_record(exc: BaseException) -> dict[str, str]:
    """What JS gets for a host function's exception. A lone surrogate in its text (a file
    name decoded with surrogateescape) becomes U+FFFD, as in every string that crosses."""
    return {"name": "Error", "message": codec.well_formed(f"{type(exc).__name__}: {exc}")}


class HostFunctions:
    """The exposed callables of one context, by id, and their calls in progress."""

    def __init__(self, crossing: Crossing, make_handle: MakeHandle, sync: bool, context: Any = None) -> None:
        self._crossing = crossing
        self._context = context  # whose JSPromises a host function may return as they are
        self._make_handle = make_handle
        self._sync = sync
        self._functions: dict[int, Callable[..., Any]] = {}
        self._ids = itertools.count(1)
        #: The runtime's own host operations (name -> id): no JS global; the shims get
        #: each one as ``__runtime.hostFunction(name)``.
        self.internal: dict[str, int] = {}
        #: Awaitables of async host calls still running on an event loop.
        self.tasks: set[asyncio.Future[Any]] = set()
        #: Promise-returning host calls settled so far: JS may have gone on after each.
        self.settled = 0
        crossing.on_host_call = self._start

    def expose(self, name: str, fn: Callable[..., Any]) -> None:
        if not callable(fn):
            raise TypeError(f"expose() needs a callable, got {type(fn).__name__}")
        fn_id = next(self._ids)
        self._functions[fn_id] = fn
        sync = self._sync and not inspect.iscoroutinefunction(fn)
        self._crossing.op("expose", name, fn_id, sync)

    def add_internal(self, name: str, fn: Callable[..., Any]) -> None:
        """Register one of the runtime's own host operations; the context names it to JS
        (in the prelude, before the shims run), so it costs no crossing."""
        fn_id = next(self._ids)
        self._functions[fn_id] = fn
        self.internal[name] = fn_id

    def _invoke(self, fn_id: int, payload: str, arrays: list[Any] | None = None) -> Any:
        fn = self._functions.get(fn_id)
        if fn is None:
            raise RuntimeError(f"host function #{fn_id} is gone")
        if arrays is None:
            return fn(*codec.decode(payload, self._make_handle))
        return fn(*codec.decode_with(payload, self._make_handle, arrays))

    def on_sync_call(self, payload: str, arrays: list[Any] | None) -> tuple[str, list[Any]]:
        """A sync host call from JS: ``id:marked-args`` in, a marked result out; byte
        arrays beside the text both ways where the engine's channel carries them."""
        fn_id, _, args = payload.partition(":")
        out: list[Any] = []
        try:
            value = self._invoke(int(fn_id), args, arrays)
            return "1" + (codec.encode(value) if arrays is None else codec.encode_with(value, out)), out
        except BaseException as exc:
            if not isinstance(exc, Exception):  # KeyboardInterrupt: JS gets an error, the caller this
                self._crossing.escaped = exc
            return "E" + msgspec.json.encode(_error_record(exc)).decode(), []

    # -- calls that answer with a Promise
    def _settle(self, call_id: int, ok: bool, value: Any) -> None:
        self.settled += 1
        self._crossing.settle([call_id, ok, value])

    def _fail(self, call_id: int, exc: BaseException) -> None:
        self._settle(call_id, False, _error_record(exc))

    def _start(self, call_id: int, fn_id: int, args: str) -> None:
        try:
            result = self._invoke(fn_id, args)
            # A promise of this context (a host function that evaluated JS) is handed back
            # as it is, for JS to adopt: awaited here, inside the drain that runs this
            # call, it could wait on host calls that only a later drain runs.
            if inspect.isawaitable(result) and not self._own_promise(result):
                self._await(call_id, result)
                return
            self._settle(call_id, True, result)
        except Exception as exc:
            self._fail(call_id, exc)

    def _own_promise(self, value: Any) -> bool:
        return isinstance(value, codec.Handle) and value.context is self._context is not None

    def _await(self, call_id: int, awaitable: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            # No loop on this thread: run the coroutine to completion here.
            try:
                value = asyncio.run(_as_coroutine(awaitable))
                self._settle(call_id, True, value)
            except Exception as exc:
                self._fail(call_id, exc)
            return
        task = asyncio.ensure_future(awaitable)
        self.tasks.add(task)

        def done(t: asyncio.Future[Any]) -> None:
            self.tasks.discard(t)
            if self._crossing.closed:
                return
            if t.cancelled():
                self._fail(call_id, asyncio.CancelledError())
            elif t.exception() is not None:
                self._fail(call_id, t.exception())  # type: ignore[arg-type]
            else:
                try:
                    self._settle(call_id, True, t.result())
                except Exception as exc:
                    self._fail(call_id, exc)

        task.add_done_callback(done)


async def _as_coroutine(awaitable: Any) -> Any:
    return await awaitable
