"""pythonmonkey, loaded once per process: its owner thread, its interrupt hook, its sandbox.

Rules from probing pythonmonkey, enforced here:
- it is used only from the thread that imported it, and never in a process forked after
  the import (that deadlocks at the first full GC); both raise a clear error instead;
- a runaway script is stopped through ``JS_RequestInterruptCallback`` on its exported
  ``GLOBAL_CX``, requested from a native timer thread (private symbols: the version is
  pinned and checked);
- only its extension module is loaded (see :func:`native`), not the package, whose
  ``__init__`` loads JS modules the runtime has its own of;
- ``RUNTIME_SPIDERMONKEY_ASYNC_STACKS=0`` stops promises recording the stack they were made
  on (a walk of the whole JS stack per promise, which the async frames of error stacks come
  from), as Firefox does outside its devtools (see :func:`_async_stacks`);
- JS must never see ``python``, ``pmEval``, ``XMLHttpRequest`` or
  ``debuggerGlobal.Debugger`` (each leads to Python objects), nor pythonmonkey's own
  natives that crash the process when misused (``setImmediate`` from a promise job,
  ``ListIterator`` without a receiver): they are removed at load, with the rest of what
  pythonmonkey adds to the global (``debuggerGlobal`` itself cannot be deleted; it is
  frozen, without its ``Debugger``).
"""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
import os
import sys
import threading
import time
from importlib import metadata
from typing import Any

from engines.base import BackendBroken
from engines.memory import rss
from engines.spidermonkey import job_loop, proxies, rejections
from engines.spidermonkey.native_timer import NativeTimer

VERIFIED_VERSION = "1.4.1"

#: The imported module (None until :func:`load`).
pm: Any = None
#: The thread that imported it.
owner: threading.Thread | None = None
_owner_pid: int | None = None
#: Why the interrupt callback stopped the last script ("timeout" | "memory" | None), and
#: what it checks: an interrupt requested by :func:`interrupt`, a deadline, an RSS ceiling.
interrupts: dict[str, Any] = {"pending": False, "fired": None, "deadline": None, "rss_limit": None}
#: Requests interrupts from a native thread (see NativeTimer); set by :func:`load`.
timer: NativeTimer
#: The global names present after load (closing a context deletes every other one).
baseline: list[str] = []
_native: dict[str, Any] = {}
#: Options for every script the runtime compiles. ``mutedErrors`` keeps pythonmonkey's
#: promise rejection tracker away from rejections in them, should it ever be the one
#: installed (the runtime installs its own: rejections.py).
SCRIPT = {"mutedErrors": True}
#: The backend's own JS: its frames are left out of JS stacks, as the shims' are.
INTERNAL = {"filename": "runtime:internal", **SCRIPT}

_SANDBOX = r"""
(function () {
  for (const name of ["python", "pmEval", "XMLHttpRequest", "require", "exports", "module",
                      "setTimeout", "setInterval", "clearTimeout", "clearInterval",
                      "setImmediate", "clearImmediate", "ListIterator", "ProgressEvent",
                      "XMLHttpRequestEventTarget", "XMLHttpRequestUpload", "InternalError",
                      "__core-js_shared__",
                      "console", "URL", "URLSearchParams", "atob", "btoa", "DOMException",
                      "Event", "EventTarget", "queueMicrotask", "structuredClone", "bootstrap"]) {
    try { delete globalThis[name]; } catch (_) {}
  }
  try { delete debuggerGlobal.Debugger; Object.freeze(debuggerGlobal); } catch (_) {}
  return Object.getOwnPropertyNames(globalThis);
})()
"""


def native() -> Any:
    """pythonmonkey's extension module (SpiderMonkey and ``eval``), loaded without its
    package: the package's ``__init__`` also loads its own JS modules (console, timers,
    URL, XMLHttpRequest, which imports aiohttp), several times the extension's load time,
    for globals the sandbox deletes. Where the package is already imported, its module."""
    name = "pythonmonkey.pythonmonkey"
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec("pythonmonkey")
    folder = spec.submodule_search_locations[0] if spec and spec.submodule_search_locations else None
    if folder is None:
        raise ImportError("pythonmonkey is not installed: pip install pythonmonkey==" + VERIFIED_VERSION)
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = [f for f in os.listdir(folder) if f.startswith("pythonmonkey.") and f.endswith(suffixes)]
    if not names:
        raise ImportError(f"pythonmonkey's extension module is missing from {folder}")
    path = os.path.join(folder, names[0])
    loader = importlib.machinery.ExtensionFileLoader(name, path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader, origin=path))
    # Registered first: a later `import pythonmonkey` finds it rather than loading
    # SpiderMonkey a second time.
    sys.modules[name] = module
    try:
        loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def load() -> Any:
    """Import pythonmonkey once, on this thread, and remember who may use it."""
    global pm, owner, _owner_pid, timer, baseline
    if pm is not None:
        return pm
    version = metadata.version("pythonmonkey")
    if version != VERIFIED_VERSION:
        raise ImportError(
            f"pythonmonkey {version} is installed, but the SpiderMonkey engine uses its private "
            f"symbols and is verified with {VERIFIED_VERSION} only: "
            f"pip install pythonmonkey=={VERIFIED_VERSION}"
        )
    pythonmonkey = native()
    lib = ctypes.CDLL(pythonmonkey.__file__)
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
    os.register_at_fork(after_in_child=_forked)
    on_owner.here = True
    if os.environ.get("RUNTIME_SPIDERMONKEY_ASYNC_STACKS") == "0":
        _async_stacks(mozjs, cx.value, enabled=False)
    rejections.install(mozjs, cx.value, _interrupt_again)
    job_loop.install(pm, INTERNAL)
    proxies.install(pm)
    baseline = list(job_loop.call_with_loop(job_loop.JobLoop(), pm.eval, _SANDBOX, INTERNAL))
    return pm


#: In mozjs 136's ContextOptions (its first 16 bits): capture async stacks only in realms
#: a Debugger observes (``asyncStackCaptureDebuggeeOnly``), Firefox's default.
_DEBUGGEE_ONLY = 0x200


def _async_stacks(mozjs: Any, cx: int, *, enabled: bool) -> None:
    """Whether each new promise records the JS stack it was made on, for the async frames
    of later error stacks (``at async caller``, as V8 gives them for free). pythonmonkey
    turns it on for every realm; a capture walks the whole stack. The option's bit is
    checked through ``JS::IsAsyncStackCaptureEnabledForRealm`` and put back if it does
    not do what it should."""
    options_ref = mozjs._ZN2JS17ContextOptionsRefEP9JSContext
    options_ref.restype = ctypes.c_void_p
    options_ref.argtypes = [ctypes.c_void_p]
    capturing = mozjs._ZN2JS34IsAsyncStackCaptureEnabledForRealmEP9JSContext
    capturing.restype = ctypes.c_bool
    capturing.argtypes = [ctypes.c_void_p]
    if capturing(cx) == enabled:
        return
    word = ctypes.c_uint16.from_address(options_ref(cx))
    before = word.value
    word.value = before & ~_DEBUGGEE_ONLY if enabled else before | _DEBUGGEE_ONLY
    if capturing(cx) != enabled:
        word.value = before


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


def _interrupt_again() -> None:
    """Request the interrupt that just stopped a nested call once more, for its caller."""
    if interrupts["fired"] == "timeout":
        interrupts["pending"] = True
    _native["request"](_native["cx"])


def interrupt() -> None:
    """Stop the running script as soon as possible (from any thread)."""
    interrupts["pending"] = True
    _native["request"](_native["cx"])


class _OnOwner(threading.local):
    """``here`` is true only on the thread that loaded pythonmonkey, in the process that
    loaded it: checked on every crossing. A thread-local, not a thread ident, because an
    ident is given again to a thread started after the owner ended."""

    here = False


on_owner = _OnOwner()


def _forked() -> None:
    """In a child forked after the load no thread owns SpiderMonkey: every hot path falls
    through to check_thread, which says why."""
    on_owner.here = False


def check_thread() -> None:
    """Raise unless this thread (and process) may use pythonmonkey."""
    if on_owner.here:  # no getpid() syscall on every crossing
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
