"""The web-standard JavaScript environment every context gets, the same on every engine.

``shims/js/*.js`` run in the order of :data:`SHIMS` when a context is created: ``00_core.js``
first (the host channel, value codec, timers and the call entry point), then
``01_infra.js`` (what the other files share), then one web API per file.

:data:`SHIMS` is the one table of what each file defines: its globals and the
``__runtime`` properties it adds for later files and the host. A lazy file is not parsed
at context creation: it travels as a string and runs the first time a program touches one
of its globals or ``__runtime`` properties (after every earlier lazy file, so load-time
dependencies keep their order). Parsing is most of a context's creation time, and most
programs touch few of the APIs.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import NamedTuple

#: The file name shown in stack frames of shim code (frames there are hidden from users).
SHIM_FILENAME = "runtime:shims"


class Shim(NamedTuple):
    """One file of ``shims/js``: what it defines, and whether it waits for first use."""

    file: str
    lazy: bool
    globals: tuple[str, ...] = ()
    #: ``__runtime`` properties it defines (internals for later files and the host).
    internals: tuple[str, ...] = ()


def _shim(file: str, lazy: bool, globals: str = "", internals: str = "") -> Shim:
    return Shim(file, lazy, tuple(globals.split()), tuple(internals.split()))


EAGER, LAZY = False, True
#: Every shim file, in load order. A file's globals and internals are listed here and
#: nowhere else; tests/shims/test_shim_table.py checks the table against the files.
SHIMS: tuple[Shim, ...] = (
    _shim(
        "00_core.js",
        EAGER,
        "__runtime setTimeout setInterval clearTimeout clearInterval queueMicrotask",
        "ops",
    ),
    _shim("01_infra.js", EAGER, "", "webidl utf8"),
    _shim("02_dom_exception.js", EAGER, "DOMException"),
    _shim(
        "03_event.js",
        EAGER,
        "Event EventTarget CustomEvent ErrorEvent reportError self"
        " addEventListener removeEventListener dispatchEvent onerror",
        "events",
    ),
    _shim("04_abort.js", EAGER, "AbortController AbortSignal", "abort"),
    _shim(
        "05_performance.js",
        EAGER,
        "Performance PerformanceEntry PerformanceMark PerformanceMeasure performance",
    ),
    _shim("06_navigator.js", EAGER, "Navigator navigator"),
    _shim("07_encoding.js", EAGER, "TextEncoder TextDecoder", "encoding"),
    _shim("07_encoding_legacy.js", LAZY, "", "encodings"),
    _shim("08_base64.js", EAGER, "atob btoa"),
    _shim("09_modules.js", LAZY, "", "modules"),
    _shim("10_inspect.js", LAZY, "", "inspect format"),
    _shim("11_console.js", LAZY, "console"),
    _shim("12_crypto.js", LAZY, "Crypto SubtleCrypto CryptoKey crypto", "chacha20Block shaBlocks"),
    _shim("13_structured_clone.js", LAZY, "structuredClone", "clone"),
    _shim("14_messaging.js", LAZY, "MessageChannel MessagePort MessageEvent BroadcastChannel"),
    _shim(
        "15_promise_rejection.js",
        EAGER,
        "__runtime_rejection PromiseRejectionEvent onunhandledrejection onrejectionhandled",
    ),
    _shim("16_webassembly.js", EAGER, "WebAssembly"),  # amends the engine's namespace
    _shim("20_idna.js", LAZY, "", "idna"),
    _shim("21_url.js", LAZY, "URL", "url"),
    _shim("22_url_search_params.js", LAZY, "URLSearchParams", "urlSearchParams"),
    _shim("23_urlpattern.js", LAZY, "URLPattern"),
    _shim(
        "30_streams.js",
        LAZY,
        "ReadableStream ReadableStreamDefaultReader ReadableStreamDefaultController"
        " ReadableByteStreamController ReadableStreamBYOBReader ReadableStreamBYOBRequest"
        " WritableStream WritableStreamDefaultWriter"
        " WritableStreamDefaultController TransformStream TransformStreamDefaultController"
        " ByteLengthQueuingStrategy CountQueuingStrategy"
        " TextEncoderStream TextDecoderStream",
        "streams",
    ),
    _shim("31_compression.js", LAZY, "CompressionStream DecompressionStream"),
    _shim("40_blob.js", LAZY, "Blob File", "blobs"),
    _shim("41_formdata.js", LAZY, "FormData", "formData"),
    _shim("42_filereader.js", LAZY, "FileReader ProgressEvent"),
    _shim("50_http.js", LAZY, "", "http"),
    _shim("51_headers.js", LAZY, "Headers", "headers"),
    _shim("52_body.js", LAZY, "", "body"),
    _shim("53_request.js", LAZY, "Request", "request"),
    _shim("54_response.js", LAZY, "Response", "response"),
    _shim("55_fetch.js", LAZY, "fetch"),
    _shim("60_server.js", LAZY, "", "fetch"),
)


@functools.cache
def files() -> tuple[tuple[Shim, str], ...]:
    """(shim, source) of each shim file, in load order."""
    folder = resources.files(__package__) / "js"
    on_disk = sorted(p.name for p in folder.iterdir() if p.name.endswith(".js"))
    listed = [shim.file for shim in SHIMS]
    if on_disk != listed:
        raise RuntimeError(f"shims/js holds {on_disk}, but shims.SHIMS lists {listed}")
    return tuple((shim, (folder / shim.file).read_text("utf-8")) for shim in SHIMS)


@functools.cache
def bundle() -> str:
    """All shims as one classic script (one parse per context)."""
    parts = []
    for shim, source in files():
        if not shim.lazy:
            parts.append(f"// ---- {shim.file}\n{source}\n")
        else:
            code = json.dumps(source + f"\n//# sourceURL={SHIM_FILENAME}/{shim.file}\n")
            names = f"{json.dumps(shim.globals)}, {json.dumps(shim.internals)}"
            parts.append(f"__runtime.lazy({names}, {code});\n")
    return "".join(parts)
