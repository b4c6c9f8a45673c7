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
from types import SimpleNamespace
from typing import Any

from engines.base import REJECTION_HOOK

_REJECT_WITH_NO_HANDLER, _HANDLER_ADDED_AFTER_REJECT = 0, 1
_INTERNALIZED = 1  # v8::NewStringType::kInternalized
_HOOK = REJECTION_HOOK.encode()


class _Message(ctypes.Structure):
    """``v8::PromiseRejectMessage``, passed by value."""

    _fields_ = (("promise", ctypes.c_void_p), ("event", ctypes.c_int), ("value", ctypes.c_void_p))


_CALLBACK_TYPE = ctypes.CFUNCTYPE(None, _Message)
_api: Any = None


def _bind(dll: Any) -> Any:
    """The V8 API functions the callback uses (``this`` is each method's first argument)."""
    p, i = ctypes.c_void_p, ctypes.c_int
    api = {}
    for name, symbol, restype, argtypes in (
        ("current", "_ZN2v87Isolate10GetCurrentEv", p, []),
        ("context", "_ZN2v87Isolate17GetCurrentContextEv", p, [p]),
        ("global_", "_ZN2v87Context6GlobalEv", p, [p]),
        (
            "string",
            "_ZN2v86String11NewFromUtf8EPNS_7IsolateEPKcNS_13NewStringTypeEi",
            p,
            [p, ctypes.c_char_p, i, i],
        ),
        ("get", "_ZN2v86Object3GetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEE", p, [p, p, p]),
        ("is_function", "_ZNK2v85Value10IsFunctionEv", ctypes.c_bool, [p]),
        ("call", "_ZN2v88Function4CallENS_5LocalINS_7ContextEEENS1_INS_5ValueEEEiPS5_", p, [p, p, p, i, p]),
        ("try_catch", "_ZN2v88TryCatchC1EPNS_7IsolateE", None, [ctypes.POINTER(_TryCatch), p]),
        ("end_try_catch", "_ZN2v88TryCatchD1Ev", None, [ctypes.POINTER(_TryCatch)]),
        ("terminating", "_ZN2v87Isolate22IsExecutionTerminatingEv", ctypes.c_bool, [p]),
        ("terminate", "_ZN2v87Isolate18TerminateExecutionEv", None, [p]),
        ("globalize", "_ZN2v812api_internal18GlobalizeReferenceEPNS_8internal7IsolateEm", p, [p, p]),
        (
            "install",
            "_ZN2v87Isolate24SetPromiseRejectCallbackEPFvNS_20PromiseRejectMessageEE",
            None,
            [p, _CALLBACK_TYPE],
        ),
    ):
        fn = getattr(dll, symbol)
        fn.restype, fn.argtypes = restype, argtypes
        api[name] = fn
    return SimpleNamespace(**api)


class _TryCatch(ctypes.Structure):
    """Room for a ``v8::TryCatch`` (six words)."""

    _fields_ = (("words", ctypes.c_void_p * 16),)


#: Per isolate, its hook as a global handle (found at its first rejection event).
_hooks: dict[int, int] = {}
_Args = ctypes.c_void_p * 2


def _find_hook(isolate: int, context: int) -> int | None:
    api = _api
    hook = api.get(api.global_(context), context, api.string(isolate, _HOOK, _INTERNALIZED, -1))
    if not hook or not api.is_function(hook):
        return None  # not defined yet: the shims are loading
    slot = _hooks[isolate] = api.globalize(isolate, ctypes.c_void_p.from_address(hook).value)
    return slot


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
    try_catch = _TryCatch()
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


def install(dll: Any, isolate: int) -> None:
    """Report ``isolate``'s rejections to the hook (on the isolate's thread, not in JS)."""
    global _api
    if _api is None:
        _api = _bind(dll)
    _api.install(isolate, _callback)


def forget(isolate: int | None) -> None:
    """Before ``isolate`` is disposed (its handles go with it; a new isolate may get its
    address)."""
    _hooks.pop(isolate, None)  # type: ignore[arg-type]
