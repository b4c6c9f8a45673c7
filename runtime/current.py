"""The current context of each thread: the stack that ``with ctx:`` pushes (V8-like)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from runtime.errors import NoContextError

if TYPE_CHECKING:
    from runtime.context import Context

_tls = threading.local()


def _stack() -> list[Context]:
    stack = getattr(_tls, "stack", None)
    if stack is None:
        stack = _tls.stack = []
    return stack


def current() -> Context:
    """The innermost context this thread has entered (``with ctx:``)."""
    stack = _stack()
    if not stack:
        raise NoContextError(
            "no JS context is entered on this thread: use `with runtime.Context() as ctx:` "
            "(or `with ctx:`) before runtime.eval()"
        )
    return stack[-1]


def eval(source: str, **kwargs: Any) -> Any:
    """Evaluate ``source`` in ``runtime.current()``."""
    return current().eval(source, **kwargs)
