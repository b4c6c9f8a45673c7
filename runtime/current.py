"""The contexts each thread has entered: the stack that ``with ctx:`` pushes (V8-like).

``runtime.current()`` is the innermost one; ``runtime.context`` defines it on this stack.
"""

from __future__ import annotations

import threading
from typing import Any

_tls = threading.local()


def stack() -> list[Any]:
    """This thread's entered contexts, innermost last."""
    entered = getattr(_tls, "stack", None)
    if entered is None:
        entered = _tls.stack = []
    return entered
