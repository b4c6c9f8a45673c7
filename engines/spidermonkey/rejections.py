"""SpiderMonkey's promise rejection events, handed to the shims' tracker
(``engines.base.REJECTION_HOOK``).

pythonmonkey's own tracker turns each unhandled rejection into a Python Future (its
reason converted to Python, which crashes the process for a Symbol) and reports it when
the Future is collected, so a rejection handled a moment later is reported all the same.
This one replaces it (``JS::SetPromiseRejectionTrackerCallback``, exported by libmozjs) and
calls the hook on the global instead: with the promise and its reason when a promise is
rejected with no handler, with the promise alone when a handler is added to one later.

The hook's receiver and arguments are held in slots that a GC roots tracer traces: the
call atomizes the hook's name, which may collect (and move them).
"""

from __future__ import annotations

import atexit
import ctypes
from types import SimpleNamespace
from typing import Any

from engines.base import REJECTION_HOOK

_UNHANDLED = 0  # JS::PromiseRejectionHandlingState::Unhandled
#: JS::Value's tag of an object pointer (x86-64 and arm64 punboxing).
_OBJECT_TAG = 0xFFFE000000000000
_HOOK = REJECTION_HOOK.encode()

_TRACKER = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_bool, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p
)
_TRACER = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class _ValueArray(ctypes.Structure):
    """``JS::HandleValueArray``."""

    _fields_ = (("length", ctypes.c_size_t), ("elements", ctypes.c_void_p))


#: The receiver, the global (a JSObject*), and the arguments and result (JS::Values) of
#: each hook call running (a listener's rejection may nest one): rooted by a GC roots
#: tracer, which updates them when the GC moves what they hold.
_receiver = ctypes.c_void_p()
_active: list[Any] = []
_api: Any = None
_NAME = b"rejection hook call"
_Values = ctypes.c_uint64 * 3


def _trace(tracer: int, _data: int) -> None:
    api = _api
    if _receiver.value:
        api.trace_object(tracer, ctypes.addressof(_receiver), _NAME)
    for values in _active:
        for i in range(3):
            api.trace_value(tracer, ctypes.addressof(values) + 8 * i, _NAME)


def _on_rejection(cx: int, _muted: bool, promise: int, state: int, _data: int) -> None:
    api = _api
    # Every script the runtime compiles is muted (binding.SCRIPT), so `_muted` says nothing.
    if not _receiver.value:
        _receiver.value = api.current_global(cx)
    values = _Values(ctypes.c_void_p.from_address(promise).value | _OBJECT_TAG)
    length = 1
    if state == _UNHANDLED:
        values[1] = api.promise_result(promise)
        length = 2
    _active.append(values)
    try:
        args = _ValueArray(length, ctypes.addressof(values))
        ok = api.call(
            cx, ctypes.addressof(_receiver), _HOOK, ctypes.byref(args), ctypes.addressof(values) + 16
        )
    finally:
        _active.pop()
    if not ok:
        if api.exception_pending(cx):
            api.clear_exception(cx)
        else:
            # Interrupted (a timeout or the memory limit): the interrupt went to the hook's
            # call; ask again so that the script that rejected stops too.
            _interrupt_again()


_interrupt_again: Any = None
_tracker = _TRACKER(_on_rejection)
_tracer = _TRACER(_trace)


def install(mozjs: Any, cx: int, interrupt_again: Any) -> None:
    """Report rejections to the hook from now on. ``interrupt_again()`` re-requests an
    interrupt that the hook's call took."""
    global _api, _interrupt_again
    # Called holding the GIL: the hook's JS calls back into Python through pythonmonkey.
    mozjs = ctypes.PyDLL(mozjs._name)
    p, b = ctypes.c_void_p, ctypes.c_bool
    api = {}
    for name, symbol, restype, argtypes in (
        ("current_global", "_ZN2JS19CurrentGlobalOrNullEP9JSContext", p, [p]),
        ("promise_result", "_ZN2JS16GetPromiseResultENS_6HandleIP8JSObjectEE", ctypes.c_uint64, [p]),
        (
            "call",
            "_Z19JS_CallFunctionNameP9JSContextN2JS6HandleIP8JSObjectEEPKcRKNS1_16HandleValueArrayENS1_13MutableHandleINS1_5ValueEEE",
            b,
            [p, p, ctypes.c_char_p, p, p],
        ),
        ("exception_pending", "_Z21JS_IsExceptionPendingP9JSContext", b, [p]),
        ("clear_exception", "_Z24JS_ClearPendingExceptionP9JSContext", None, [p]),
        ("add_tracer", "_Z24JS_AddExtraGCRootsTracerP9JSContextPFvP8JSTracerPvES3_", b, [p, _TRACER, p]),
        (
            "remove_tracer",
            "_Z27JS_RemoveExtraGCRootsTracerP9JSContextPFvP8JSTracerPvES3_",
            None,
            [p, _TRACER, p],
        ),
        ("trace_object", "_ZN2JS9TraceRootEP8JSTracerPP8JSObjectPKc", None, [p, p, ctypes.c_char_p]),
        ("trace_value", "_ZN2JS9TraceRootEP8JSTracerPNS_5ValueEPKc", None, [p, p, ctypes.c_char_p]),
        (
            "install",
            "_ZN2JS34SetPromiseRejectionTrackerCallbackEP9JSContextPFvS1_bNS_6HandleIP8JSObjectEENS_29PromiseRejectionHandlingStateEPvES7_",
            None,
            [p, _TRACKER, p],
        ),
    ):
        fn = getattr(mozjs, symbol)
        fn.restype, fn.argtypes = restype, argtypes
        api[name] = fn
    _api = SimpleNamespace(**api)
    _interrupt_again = interrupt_again
    _api.add_tracer(cx, _tracer, None)
    _api.install(cx, _tracker, None)
    atexit.register(_uninstall, cx)


def _uninstall(cx: int) -> None:
    """At exit, before pythonmonkey destroys SpiderMonkey (its last GC would call the
    tracer once Python has torn this module down)."""
    _api.install(cx, _TRACKER(), None)  # a null pointer
    _api.remove_tracer(cx, _tracer, None)
