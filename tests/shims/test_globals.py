"""self, navigator, performance, and how the web globals are defined, on every engine."""

from __future__ import annotations

import time

GLOBALS = [
    "self",
    "navigator",
    "console",
    "structuredClone",
    "atob",
    "btoa",
    "reportError",
    "TextEncoder",
    "TextDecoder",
    "Event",
    "EventTarget",
    "CustomEvent",
    "ErrorEvent",
    "DOMException",
    "AbortController",
    "AbortSignal",
    "crypto",
    "Crypto",
    "SubtleCrypto",
    "performance",
    "Performance",
    "Navigator",
    "MessageChannel",
    "MessagePort",
    "MessageEvent",
    "BroadcastChannel",
    "FileReader",
    "ProgressEvent",
    "CompressionStream",
    "DecompressionStream",
]
CLASSES = [
    "TextEncoder",
    "TextDecoder",
    "Event",
    "EventTarget",
    "CustomEvent",
    "ErrorEvent",
    "DOMException",
    "AbortController",
    "AbortSignal",
    "Crypto",
    "SubtleCrypto",
    "Performance",
    "Navigator",
    "MessageChannel",
    "MessagePort",
    "MessageEvent",
    "BroadcastChannel",
    "FileReader",
    "ProgressEvent",
    "CompressionStream",
    "DecompressionStream",
]


def test_globals_exist_and_are_not_enumerable(ctx):
    r = ctx.eval(f"""{GLOBALS}.map((name) => {{
        void globalThis[name]; // lazily loaded shims are accessors until first use
        const d = Object.getOwnPropertyDescriptor(globalThis, name);
        return [name, !!d, d && d.writable, d && d.configurable, d && d.enumerable];
    }})""")
    for name, exists, writable, configurable, enumerable in r:
        assert (exists, writable, configurable, enumerable) == (True, True, True, False), name
    assert not set(GLOBALS) & set(ctx.eval("Object.keys(globalThis)"))


def test_class_names_and_tags(ctx):
    r = ctx.eval(f"""{CLASSES}.map((name) => [globalThis[name].name,
        globalThis[name].prototype[Symbol.toStringTag]])""")
    assert r == [[name, name] for name in CLASSES]


def test_self_and_navigator(ctx, engine):
    assert ctx.eval("self === globalThis") is True
    assert ctx.eval("navigator.userAgent") == f"runtime/{engine}"
    assert ctx.eval("navigator instanceof Navigator") is True
    assert ctx.eval("Object.prototype.toString.call(navigator)") == "[object Navigator]"


def test_performance_now(ctx):
    r = ctx.eval("""(() => {
        const a = performance.now();
        let b = a;
        for (let i = 0; i < 1e5; i++) b = Math.max(b, performance.now());
        return [typeof a, a >= 0, b >= a, typeof performance.timeOrigin,
                Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000,
                performance.toJSON().timeOrigin === performance.timeOrigin,
                performance instanceof EventTarget];
    })()""")
    assert r == ["number", True, True, "number", True, True, True]
    origin = ctx.eval("performance.timeOrigin")
    assert abs(origin / 1000 - time.time()) < 60


def test_performance_monotonic_across_calls(ctx):
    values = [ctx.eval("performance.now()") for _ in range(20)]
    assert values == sorted(values)


def test_performance_marks(ctx):
    r = ctx.eval("""(() => {
        const m1 = performance.mark('a', {detail: {x: 1}});
        const m2 = performance.mark('b', {startTime: m1.startTime + 5});
        const m = performance.measure('a-b', 'a', 'b');
        const byType = performance.getEntriesByType('mark').map((e) => e.name);
        performance.clearMarks('a');
        const left = performance.getEntriesByType('mark').map((e) => e.name);
        return [m1.entryType, m1.detail.x, m.entryType, m.duration, m.startTime === m1.startTime,
                byType, left, performance.getEntriesByName('a-b').length, m2.toJSON().name];
    })()""")
    assert r == ["mark", 1, "measure", 5, True, ["a", "b"], ["b"], 1, "b"]


def test_timers_and_microtask_globals_exist(ctx):
    r = ctx.eval("""['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask']
        .map((n) => typeof globalThis[n])""")
    assert r == ["function"] * 5


def test_globals_can_be_replaced(ctx):
    # writable + configurable, as WebIDL defines them: polyfills may replace them
    r = ctx.eval("""(() => {
        const saved = globalThis.atob;
        globalThis.atob = () => 'mine';
        const mine = atob('x');
        globalThis.atob = saved;
        return [mine, atob('aGk=')];
    })()""")
    assert r == ["mine", "hi"]


def test_lazy_globals_load_on_first_use(ctx):
    # Before first use a lazily loaded global is a non-enumerable accessor; touching it
    # (or typeof) loads its shim, after which it is a plain Web IDL data property.
    before = ctx.eval(
        "(() => { const d = Object.getOwnPropertyDescriptor(globalThis, 'URL'); return [typeof d.get, d.enumerable]; })()"
    )
    assert before == ["function", False]
    assert ctx.eval("typeof URL") == "function"
    after = ctx.eval(
        "(() => { const d = Object.getOwnPropertyDescriptor(globalThis, 'URL'); return [typeof d.value, d.writable]; })()"
    )
    assert after == ["function", True]
    # A program may replace a lazy global before it ever loads.
    assert ctx.eval("globalThis.Blob = 5; Blob") == 5
