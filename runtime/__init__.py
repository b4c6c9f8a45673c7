"""An embeddable JavaScript runtime with pluggable engines.

import runtime
with runtime.Context("v8") as ctx:
    ctx.eval("1 + 1")            # -> 2
    runtime.eval("[1, 2]")       # the context this thread entered -> [1, 2]
"""

from runtime.context import Context, current, eval
from runtime.errors import (
    ContextClosed,
    EngineUnavailable,
    JSError,
    MemoryLimitExceeded,
    NoContextError,
    PromiseNeverSettles,
    RuntimeFailure,
    ScriptTimeout,
    WrongThreadError,
)
from runtime.globals import Globals
from runtime.handles import JSFunction, JSHandle, JSPromise
from runtime.isolate import Isolate, Locker
from runtime.modules.namespace import JSModule
from runtime.registry import DEFAULT_ENGINE
from runtime.registry import describe as engines

__all__ = [
    "DEFAULT_ENGINE",
    "Context",
    "ContextClosed",
    "EngineUnavailable",
    "Globals",
    "Isolate",
    "JSError",
    "JSFunction",
    "JSHandle",
    "JSModule",
    "JSPromise",
    "Locker",
    "MemoryLimitExceeded",
    "NoContextError",
    "PromiseNeverSettles",
    "RuntimeFailure",
    "ScriptTimeout",
    "WrongThreadError",
    "current",
    "engines",
    "eval",
]
