"""V8's stack traces formatted by the shims (``__runtime_host.formatStack``), as Node formats them.

V8 formats an error's ``stack`` when first read, from its call sites. With a
``PrepareStackTraceCallback`` set on the isolate (Node sets one), V8 calls it instead of
its own formatting or ``Error.prepareStackTrace``: the callback (a ctypes function, on the
isolate's thread, inside JS) calls the shims' formatter, which leaves the runtime's own
frames out, gives the source's columns and file names, and calls the program's
``Error.prepareStackTrace`` with call sites that read the same. An exception the formatter
throws (a program's ``prepareStackTrace``) stays pending: V8 throws it where ``stack`` was
read, as Node does.
"""

from __future__ import annotations

import ctypes
from typing import Any

from engines.v8 import cpp_api

#: The global the shims put their formatter on for the one call that installs it
#: (``__runtime_host.installStackFormatter``).
_HOOK = b"__runtime_format_stack"
_SET_CALLBACK = (
    "_ZN2v87Isolate28SetPrepareStackTraceCallbackEPFNS_10MaybeLocalINS_5ValueEEENS_5LocalI"
    "NS_7ContextEEENS4_IS2_EENS4_INS_5ArrayEEEE"
)

_CALLBACK_TYPE = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)
_api: Any = None
#: Per isolate, the formatter as a global handle.
_hooks: dict[int, int] = {}
_Args = ctypes.c_void_p * 2


def _on_prepare(context: int, error: int, sites: int) -> int | None:
    api = _api
    hook = _hooks[api.current()]
    # A global handle's slot reads as a local handle; the hook is its own receiver. The
    # result is a handle in V8's scope around this call (empty: the exception is pending).
    return api.call(hook, context, hook, 2, _Args(error, sites))


_callback = _CALLBACK_TYPE(_on_prepare)


def install(dll: Any) -> None:
    """Format the current isolate's stacks with the shims' formatter, taken from the
    global now (called on the isolate's thread, from JS, which then deletes it)."""
    global _api
    if _api is None:
        _api = cpp_api.bind(dll)
    isolate = _api.current()
    hook = cpp_api.global_function(_api, isolate, _api.context(isolate), _HOOK)
    if hook is None:
        return
    _hooks[isolate] = hook
    cpp_api.function(dll, _SET_CALLBACK, None, [ctypes.c_void_p, _CALLBACK_TYPE])(isolate, _callback)


def forget(isolate: int | None) -> None:
    """Before ``isolate`` is disposed (its handles go with it)."""
    _hooks.pop(isolate, None)  # type: ignore[arg-type]
