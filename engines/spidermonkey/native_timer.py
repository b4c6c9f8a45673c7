"""A one-shot timer that calls a C function on its own native thread, without the GIL.

pythonmonkey holds the GIL for the whole of ``pm.eval``, so a Python timer thread could
never run to interrupt a runaway script. POSIX ``timer_create`` with ``SIGEV_THREAD`` runs
a C function (here ``JS_RequestInterruptCallback(cx)``) on a native thread at the
deadline; the interrupt callback then runs on the JS thread, which holds the GIL.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_CLOCK_MONOTONIC = 1
_SIGEV_THREAD = 2


class _SigEvent(ctypes.Structure):
    _fields_ = [
        ("sigev_value", ctypes.c_void_p),
        ("sigev_signo", ctypes.c_int),
        ("sigev_notify", ctypes.c_int),
        ("sigev_function", ctypes.c_void_p),
        ("sigev_attributes", ctypes.c_void_p),
        ("_pad", ctypes.c_int * 8),
    ]


class _TimeSpec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


class _ITimerSpec(ctypes.Structure):
    _fields_ = [("it_interval", _TimeSpec), ("it_value", _TimeSpec)]


_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
try:
    _timer_create = _libc.timer_create
except AttributeError:  # glibc < 2.34 keeps it in librt
    _timer_create = ctypes.CDLL(ctypes.util.find_library("rt") or "librt.so.1").timer_create
    _rt = _timer_create._objects  # keep-alive
_timer_create.argtypes = [ctypes.c_int, ctypes.POINTER(_SigEvent), ctypes.POINTER(ctypes.c_void_p)]
_timer_settime = getattr(_libc, "timer_settime", None) or ctypes.CDLL("librt.so.1").timer_settime
_timer_settime.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(_ITimerSpec), ctypes.c_void_p]
_timer_delete = getattr(_libc, "timer_delete", None) or ctypes.CDLL("librt.so.1").timer_delete
_timer_delete.argtypes = [ctypes.c_void_p]


class NativeTimer:
    """Calls ``function(argument)`` (both C addresses) on a native thread when armed."""

    def __init__(self, function: int, argument: int) -> None:
        event = _SigEvent()
        event.sigev_notify = _SIGEV_THREAD
        event.sigev_function = function
        event.sigev_value = argument
        self._id = ctypes.c_void_p()
        if _timer_create(_CLOCK_MONOTONIC, ctypes.byref(event), ctypes.byref(self._id)) != 0:
            raise OSError(ctypes.get_errno(), "timer_create failed")

    def arm(self, seconds: float, interval: float = 0.0) -> None:
        """Fire after ``seconds``, then every ``interval`` seconds (0: once)."""
        spec = _ITimerSpec()
        seconds = max(seconds, 1e-6)
        spec.it_value.tv_sec = int(seconds)
        spec.it_value.tv_nsec = int((seconds - int(seconds)) * 1e9)
        spec.it_interval.tv_sec = int(interval)
        spec.it_interval.tv_nsec = int((interval - int(interval)) * 1e9)
        _timer_settime(self._id, 0, ctypes.byref(spec), None)

    def disarm(self) -> None:
        _timer_settime(self._id, 0, ctypes.byref(_ITimerSpec()), None)

    def close(self) -> None:
        if self._id:
            _timer_delete(self._id)
            self._id = ctypes.c_void_p()
