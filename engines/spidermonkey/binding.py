"""pythonmonkey, loaded once per process: its owner thread, its interrupt hook, its sandbox.

Rules from probing pythonmonkey, enforced here:
- it is used only from the thread that imported it, and never in a process forked after
  the import (that deadlocks at the first full GC); both raise a clear error instead;
- a runaway script is stopped through ``JS_RequestInterruptCallback`` on its exported
  ``GLOBAL_CX``, requested from a native timer thread (private symbols: the version is
  pinned and checked);
- JS must never see ``python``, ``pmEval``, ``XMLHttpRequest`` or
  ``debuggerGlobal.Debugger`` (each leads to Python objects): they are removed at load.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from importlib import metadata
from threading import get_ident
from typing import Any

from engines.base import BackendBroken
from engines.spidermonkey import job_loop
from engines.spidermonkey.native_timer import NativeTimer

VERIFIED_VERSION = "1.4.1"

#: The imported module (None until :func:`load`).
pm: Any = None
#: The thread that imported it; its ident, compared on every crossing (None: no thread
#: may use it, after a fork or once that thread has ended).
owner: threading.Thread | None = None
owner_ident: int | None = None
_owner_pid: int | None = None
#: Why the interrupt callback stopped the last script ("timeout" | "memory" | None), and
#: what it checks: an interrupt requested by :func:`interrupt`, a deadline, an RSS ceiling.
interrupts: dict[str, Any] = {"pending": False, "fired": None, "deadline": None, "rss_limit": None}
#: Requests interrupts from a native thread (see NativeTimer); set by :func:`load`.
timer: NativeTimer
#: The global names present after load (closing a context deletes every other one).
baseline: list[str] = []
_native: dict[str, Any] = {}

_SANDBOX = r"""
(function () {
  for (const name of ["python", "pmEval", "XMLHttpRequest", "require", "exports", "module",
                      "setTimeout", "setInterval", "clearTimeout", "clearInterval",
                      "console", "URL", "URLSearchParams", "atob", "btoa", "DOMException",
                      "Event", "EventTarget", "queueMicrotask", "structuredClone", "bootstrap"]) {
    try { delete globalThis[name]; } catch (_) {}
  }
  try { delete debuggerGlobal.Debugger; Object.freeze(debuggerGlobal); } catch (_) {}
  return Object.getOwnPropertyNames(globalThis);
})()
"""

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    """Resident memory of this process, in bytes."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * _PAGE


def load() -> Any:
    """Import pythonmonkey once, on this thread, and remember who may use it."""
    global pm, owner, owner_ident, _owner_pid, timer, baseline
    if pm is not None:
        return pm
    version = metadata.version("pythonmonkey")
    if version != VERIFIED_VERSION:
        raise ImportError(
            f"pythonmonkey {version} is installed, but the SpiderMonkey engine uses its private "
            f"symbols and is verified with {VERIFIED_VERSION} only: "
            f"pip install pythonmonkey=={VERIFIED_VERSION}"
        )
    import pythonmonkey

    lib = ctypes.CDLL(pythonmonkey.pythonmonkey.__file__)
    cx = ctypes.c_void_p.in_dll(lib, "GLOBAL_CX")
    mozjs = ctypes.CDLL(
        os.path.join(os.path.dirname(pythonmonkey.__file__), "libmozjs-136a1.so"), mode=ctypes.RTLD_GLOBAL
    )
    request = mozjs._Z27JS_RequestInterruptCallbackP9JSContext
    request.argtypes = [ctypes.c_void_p]
    request.restype = None
    add = mozjs._Z23JS_AddInterruptCallbackP9JSContextPFbS0_E
    callback_type = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p)
    add.argtypes = [ctypes.c_void_p, callback_type]
    add.restype = ctypes.c_bool
    callback = callback_type(_on_interrupt)
    add(cx.value, callback)
    request_address = ctypes.cast(request, ctypes.c_void_p).value
    timer = NativeTimer(request_address, cx.value)
    _native.update(cx=cx.value, request=request, callback=callback)
    pm, owner, _owner_pid = pythonmonkey, threading.current_thread(), os.getpid()
    owner_ident = threading.get_ident()
    os.register_at_fork(after_in_child=_forked)
    _owner_local.alive = _OwnerAlive()
    baseline = list(job_loop.call_with_loop(job_loop.JobLoop(), pm.eval, _SANDBOX))
    return pm


def _on_interrupt(_cx: int) -> bool:
    """Runs on the JS thread; returning False terminates the running script (uncatchable)."""
    state = interrupts
    deadline = state["deadline"]
    if state["pending"] or (deadline is not None and time.monotonic() >= deadline):
        state["pending"] = False
        state["fired"] = "timeout"
        return False
    rss_limit = state["rss_limit"]
    if rss_limit is not None and rss() > rss_limit:
        state["fired"] = "memory"
        return False
    return True


def interrupt() -> None:
    """Stop the running script as soon as possible (from any thread)."""
    interrupts["pending"] = True
    _native["request"](_native["cx"])


class _OwnerAlive:
    """Kept in the owner thread's locals: when that thread ends, they are dropped and no
    thread owns SpiderMonkey, so a later thread given the same ident fails check_thread."""

    def __del__(self) -> None:
        global owner_ident
        owner_ident = None


_owner_local = threading.local()


def _forked() -> None:
    """In a child forked after import no thread owns SpiderMonkey: every hot path, which
    compares thread idents only (no getpid per call), falls through to check_thread."""
    global owner_ident
    owner_ident = None


def check_thread() -> None:
    """Raise unless this thread (and process) may use pythonmonkey."""
    # The owner, in the process that imported it (a fork clears owner_ident): no getpid()
    # syscall on every crossing. The thread object is compared too: a thread that starts
    # after the owner ended may be given its ident.
    if owner_ident == get_ident() and threading.current_thread() is owner:
        return
    if _owner_pid is not None and os.getpid() != _owner_pid:
        raise BackendBroken(
            "pythonmonkey was imported before this process was forked; a forked child "
            "deadlocks at its first GC. Start workers with the 'spawn' or 'forkserver' "
            "multiprocessing method."
        )
    if owner is not None and threading.current_thread() is not owner:
        raise BackendBroken(
            f"SpiderMonkey is bound to thread {owner.name!r}, which imported it; "
            f"it cannot run on thread {threading.current_thread().name!r}"
        )
