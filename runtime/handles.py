"""JS values that stay in their context, seen from Python: functions, promises, handles."""

from __future__ import annotations

from typing import Any

from runtime import codec


class _KeptHandle(codec.Handle):
    """A handle whose JS value is kept for Python: released when the handle is collected."""

    __slots__ = ()

    def __del__(self) -> None:
        ctx = self.context
        if ctx is not None and not ctx.closed:
            ctx._crossing.released.append(self.id)


class JSFunction(_KeptHandle):
    """A JS function returned to Python; calling it calls into its context."""

    __slots__ = ()

    def __call__(self, *args: Any, timeout: float | None = None) -> Any:
        return self.context.call(self, *args, timeout=timeout)

    async def call_async(self, *args: Any, timeout: float | None = None) -> Any:
        return await self.context.call_async(self, *args, timeout=timeout)

    def __repr__(self) -> str:
        return f"<JSFunction #{self.id}>"


class JSHandle(_KeptHandle):
    """A live reference to a JS value, from ``ctx.call(..., handle=True)``.

    Passed back as an argument it is the JS value itself (not a copy); ``value()`` copies
    it out as plain data now.
    """

    __slots__ = ()

    def value(self) -> Any:
        return self.context._crossing.op("value", f"#{self.id}")

    def __repr__(self) -> str:
        return f"<JSHandle #{self.id}>"


class JSPromise(codec.Handle):
    """A JS Promise returned to Python: ``await`` it, or ``ctx.wait(promise)``, as often as
    you like (JS lets go of it once it settled: the outcome is kept here)."""

    __slots__ = ("outcome",)

    def __init__(self, context: Any, id: int) -> None:
        super().__init__(context, id)
        #: (True, value) or (False, the JSError) once a wait saw it settle.
        self.outcome: tuple[bool, Any] | None = None

    def __await__(self) -> Any:
        return self.context.wait_async(self).__await__()

    def __repr__(self) -> str:
        return f"<JSPromise #{self.id}>"
