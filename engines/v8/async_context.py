"""V8's continuation-preserved embedder data, handed to JS (``__runtime_host.asyncContext``).

V8 keeps one value per isolate that every promise reaction captures when it is made (a
``then``, an ``await``) and puts back while it runs: what Node's ``AsyncLocalStorage``
rides on. JS reaches it only through two builtins on the context's extras binding object,
which only the C++ API hands out; libmini_racer exports that API, so a callback, on the
isolate's thread and inside JS, puts the object on the global for the shims to take.
"""

from __future__ import annotations

from typing import Any

from engines.v8 import cpp_api

#: The global the extras object is left on, taken and deleted by the JS below at once.
_GLOBAL = b"__runtime_v8_extras"

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


def expose(dll: Any) -> None:
    """Put the current context's extras binding object on its global (called on the
    isolate's thread, from JS, where a handle scope and the context are entered)."""
    global _api
    if _api is None:
        _api = cpp_api.bind(dll)
    api = _api
    isolate = api.current()
    context = api.context(isolate)
    if not context:
        return
    extras = api.extras(context)
    if extras:
        api.set(api.global_(context), context, api.string(isolate, _GLOBAL, cpp_api.INTERNALIZED, -1), extras)
