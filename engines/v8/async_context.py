"""V8's continuation-preserved embedder data, handed to JS (``__runtime_host.asyncContext``).

V8 keeps one value per isolate that every promise reaction captures when it is made (a
``then``, an ``await``) and puts back while it runs: what Node's ``AsyncLocalStorage``
rides on. JS reaches it only through two builtins on the context's extras binding object,
which only the C++ API hands out; libmini_racer exports that API, so a callback, on the
isolate's thread and inside JS, puts the object on the global for the shims to take.
"""

from __future__ import annotations

import ctypes
from types import SimpleNamespace
from typing import Any

#: The global the extras object is left on, taken and deleted by the JS below at once.
_GLOBAL = b"__runtime_v8_extras"
_INTERNALIZED = 1  # v8::NewStringType::kInternalized

#: Run once the callback (``__runtime_host.exposeExtras``) is in place.
JS = """(function () {
  const host = globalThis.__runtime_host;
  host.exposeExtras();
  delete host.exposeExtras;
  const extras = globalThis.__runtime_v8_extras;
  delete globalThis.__runtime_v8_extras;
  const get = extras && extras.getContinuationPreservedEmbedderData;
  const set = extras && extras.setContinuationPreservedEmbedderData;
  if (typeof get === "function" && typeof set === "function") {
    host.asyncContext = { get: () => get(), set: (value) => { set(value); } };
  }
})();
//# sourceURL=runtime:internal"""

_api: Any = None


def _bind(dll: Any) -> Any:
    p, i = ctypes.c_void_p, ctypes.c_int
    api = {}
    for name, symbol, restype, argtypes in (
        ("current", "_ZN2v87Isolate10GetCurrentEv", p, []),
        ("context", "_ZN2v87Isolate17GetCurrentContextEv", p, [p]),
        ("global_", "_ZN2v87Context6GlobalEv", p, [p]),
        ("extras", "_ZN2v87Context22GetExtrasBindingObjectEv", p, [p]),
        (
            "string",
            "_ZN2v86String11NewFromUtf8EPNS_7IsolateEPKcNS_13NewStringTypeEi",
            p,
            [p, ctypes.c_char_p, i, i],
        ),
        # Maybe<bool> comes back in a register: read as a short, not used.
        (
            "set",
            "_ZN2v86Object3SetENS_5LocalINS_7ContextEEENS1_INS_5ValueEEES5_",
            ctypes.c_uint16,
            [p, p, p, p],
        ),
    ):
        fn = getattr(dll, symbol)
        fn.restype, fn.argtypes = restype, argtypes
        api[name] = fn
    return SimpleNamespace(**api)


def expose(dll: Any) -> None:
    """Put the current context's extras binding object on its global (called on the
    isolate's thread, from JS, where a handle scope and the context are entered)."""
    global _api
    if _api is None:
        _api = _bind(dll)
    api = _api
    isolate = api.current()
    context = api.context(isolate)
    if not context:
        return
    extras = api.extras(context)
    if extras:
        api.set(api.global_(context), context, api.string(isolate, _GLOBAL, _INTERNALIZED, -1), extras)
