"""The errors a user of the runtime can meet, the same on every engine."""

from __future__ import annotations

from typing import Any


class RuntimeFailure(Exception):
    """Base class of every error this package raises."""


class JSError(RuntimeFailure):
    """A JavaScript exception.

    ``name`` and ``message`` are the error's own; ``stack`` is V8-style text on every
    engine (``Name: message`` then ``    at fn (file:line:column)`` lines, runtime frames
    left out); ``frames`` holds the same as ``(function, file, line, column)`` tuples;
    ``value`` is the thrown value when it was not an Error and converts to Python;
    ``cause`` is the JSError of the error's own ``cause`` (also its ``__cause__``, so a
    Python traceback shows the chain), or None.
    """

    def __init__(
        self,
        name: str,
        message: str,
        stack: str = "",
        frames: list[tuple[str, str, int, int]] | None = None,
        value: Any = None,
    ) -> None:
        super().__init__(stack or f"{name}: {message}")
        self.name = name
        self.message = message
        self.stack = stack or f"{name}: {message}"
        self.frames = frames or []
        self.value = value
        self.cause: JSError | None = None


class ScriptTimeout(RuntimeFailure, TimeoutError):
    """A script ran past its ``timeout`` and was interrupted."""


class MemoryLimitExceeded(RuntimeFailure, MemoryError):
    """A script hit the isolate's ``memory_limit``."""


class EngineUnavailable(RuntimeFailure):
    """An engine is unknown or cannot load here; the message says why."""


class WrongThreadError(RuntimeFailure):
    """An isolate was used from a thread that does not own it."""


class ContextClosed(RuntimeFailure):
    """The context (or its isolate) was closed or is broken."""


class NoContextError(RuntimeFailure):
    """``runtime.current()`` was called on a thread that has entered no context."""


class PromiseNeverSettles(RuntimeFailure):
    """Awaited a Promise that nothing pending (timer, host call) can settle."""
