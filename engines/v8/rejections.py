"""V8's promise rejection events, handed to the shims' tracker (``engines.base.REJECTION_HOOK``).

V8 calls an isolate's ``PromiseRejectCallback`` on the isolate's thread, inside JS, with
``Local`` handles that only the C++ API can read. libmini_racer exports that API, so the
callback (a ctypes function) calls the hook, found on the isolate's global at its first
event and kept as a global handle: with the promise and its reason when a promise is
rejected with no handler, with the promise alone when a handler is added to one later.
The other two events (a resolve or reject after the promise was already resolved) are
not rejections to track.
"""

from __future__ import annotations

import ctypes
from typing import Any

from engines.base import REJECTION_HOOK
from engines.v8 import cpp_api

_REJECT_WITH_NO_HANDLER, _HANDLER_ADDED_AFTER_REJECT = 0, 1
_HOOK = REJECTION_HOOK.encode()


class _Message(ctypes.Structure):
    """``v8::PromiseRejectMessage``, passed by value."""

    _fields_ = (("promise", ctypes.c_void_p), ("event", ctypes.c_int), ("value", ctypes.c_void_p))


_CALLBACK_TYPE = ctypes.CFUNCTYPE(None, _Message)
_api: Any = None

#: Per isolate, its hook as a global handle (found at its first rejection event).
_hooks: dict[int, int] = {}
_Args = ctypes.c_void_p * 2


def _find_hook(isolate: int, context: int) -> int | None:
    hook = cpp_api.global_function(_api, isolate, context, _HOOK)
    if hook is not None:  # else not defined yet: the shims are loading
        _hooks[isolate] = hook
    return hook


def _on_reject(message: _Message) -> None:
    event = message.event
    if event != _REJECT_WITH_NO_HANDLER and event != _HANDLER_ADDED_AFTER_REJECT:
        return
    api = _api
    isolate = api.current()
    context = api.context(isolate)
    if not context:
        return
    hook = _hooks.get(isolate) or _find_hook(isolate, context)
    if hook is None:
        return
    # A global handle's slot reads as a local handle; the hook is its own receiver. An
    # exception the call throws (a stack overflow) is caught here, where V8 would drop it.
    try_catch = cpp_api.TryCatch()
    api.try_catch(try_catch, isolate)
    if event == _REJECT_WITH_NO_HANDLER:
        done = api.call(hook, context, hook, 2, _Args(message.promise, message.value))
    else:
        done = api.call(hook, context, hook, 1, _Args(message.promise))
    stopped = not done and api.terminating(isolate)
    api.end_try_catch(try_catch)
    if stopped:
        # A termination that stopped the hook must stop the JS that rejected too (where no
        # API call is under way, a promise job, the TryCatch ends it).
        api.terminate(isolate)


_callback = _CALLBACK_TYPE(_on_reject)


_SET_CALLBACK = "_ZN2v87Isolate24SetPromiseRejectCallbackEPFvNS_20PromiseRejectMessageEE"


def install(dll: Any, isolate: int) -> None:
    """Report ``isolate``'s rejections to the hook (on the isolate's thread, not in JS)."""
    global _api
    if _api is None:
        _api = cpp_api.bind(dll)
    cpp_api.function(dll, _SET_CALLBACK, None, [ctypes.c_void_p, _CALLBACK_TYPE])(isolate, _callback)


def forget(isolate: int | None) -> None:
    """Before ``isolate`` is disposed (its handles go with it; a new isolate may get its
    address)."""
    _hooks.pop(isolate, None)  # type: ignore[arg-type]
