"""The part of V8's C++ API the engine calls through ctypes (libmini_racer exports it).

Methods take their ``this`` as the first argument; ``Local`` handles pass and return as
pointers. Called only on an isolate's own thread, inside a JS call (a handle scope and the
context entered), as the rejection hook, the stack formatter and the async context do.
"""

from __future__ import annotations

import ctypes
from types import SimpleNamespace
from typing import Any

#: v8::NewStringType::kInternalized
INTERNALIZED = 1

_p, _i = ctypes.c_void_p, ctypes.c_int


class TryCatch(ctypes.Structure):
    """Room for a ``v8::TryCatch`` (six words)."""

    _fields_ = (("words", ctypes.c_void_p * 16),)


_SYMBOLS: tuple[tuple[str, str, Any, list[Any]], ...] = (
    ("current", "_ZN2v87Isolate10GetCurrentEv", _p, []),
    ("context", "_ZN2v87Isolate17GetCurrentContextEv", _p, [_p]),
    ("global_", "_ZN2v87Context6GlobalEv", _p, [_p]),
    ("extras", "_ZN2v87Context22GetExtrasBindingObjectEv", _p, [_p]),
    (
        "string",
        "_ZN2v86String11NewFromUtf8EPNS_7IsolateEPKcNS_13NewStringTypeEi",
        _p,
        [_p, ctypes.c_char_p, _i, _i],
    ),
    ("get", "_ZN2v86Object3GetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEE", _p, [_p, _p, _p]),
    # Maybe<bool> comes back in a register: read as a short, not used.
    (
        "set",
        "_ZN2v86Object3SetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEES5_",
        ctypes.c_uint16,
        [_p, _p, _p, _p],
    ),
    ("is_function", "_ZNK2v85Value10IsFunctionEv", ctypes.c_bool, [_p]),
    ("call", "_ZN2v88Function4CallENS_5LocalINS_7ContextEEENS1_INS_5ValueEEEiPS5_", _p, [_p, _p, _p, _i, _p]),
    ("try_catch", "_ZN2v88TryCatchC1EPNS_7IsolateE", None, [ctypes.POINTER(TryCatch), _p]),
    ("end_try_catch", "_ZN2v88TryCatchD1Ev", None, [ctypes.POINTER(TryCatch)]),
    ("terminating", "_ZN2v87Isolate22IsExecutionTerminatingEv", ctypes.c_bool, [_p]),
    ("terminate", "_ZN2v87Isolate18TerminateExecutionEv", None, [_p]),
    ("globalize", "_ZN2v812api_internal18GlobalizeReferenceEPNS_8internal7IsolateEm", _p, [_p, _p]),
)

_api: Any = None


def bind(dll: Any) -> Any:
    """The API functions, typed (bound once per process)."""
    global _api
    if _api is None:
        api = {}
        for name, symbol, restype, argtypes in _SYMBOLS:
            fn = getattr(dll, symbol)
            fn.restype, fn.argtypes = restype, argtypes
            api[name] = fn
        _api = SimpleNamespace(**api)
    return _api


def function(dll: Any, symbol: str, restype: Any, argtypes: list[Any]) -> Any:
    """One more API function, typed (a callback setter whose argument type is its caller's)."""
    fn = getattr(dll, symbol)
    fn.restype, fn.argtypes = restype, argtypes
    return fn


def global_function(api: Any, isolate: int, context: int, name: bytes) -> int | None:
    """The function on the context's global named ``name``, as a global handle; None if
    there is none."""
    found = api.get(api.global_(context), context, api.string(isolate, name, INTERNALIZED, -1))
    if not found or not api.is_function(found):
        return None
    return api.globalize(isolate, ctypes.c_void_p.from_address(found).value)
