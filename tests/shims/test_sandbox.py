"""JS reaches only what the host gives it: the known escapes fail on every engine."""

from __future__ import annotations

import pytest

import runtime

# Breadth-first over everything reachable from the global object (own properties, symbols,
# prototypes, getters' values), looking for anything Python-backed: a pythonmonkey proxy of a
# Python object answers `__class__`, `__dict__` or `__subclasses__`.
WALK = r"""(() => {
  const seen = new Set(); const queue = [[globalThis, "globalThis"]]; const leaks = []; let n = 0;
  while (queue.length && n < 20000) {
    const [obj, path] = queue.shift();
    if (obj === null || (typeof obj !== "object" && typeof obj !== "function") || seen.has(obj)) continue;
    seen.add(obj); n++;
    for (const probe of ["__class__", "__dict__", "__subclasses__", "__globals__", "__builtins__"]) {
      let hit = false;
      try { hit = probe in obj && obj[probe] !== undefined; } catch (_) {}
      if (hit) leaks.push(path + "." + probe);
    }
    let keys = [];
    try { keys = Reflect.ownKeys(obj); } catch (_) {}
    for (const key of keys) {
      let value;
      try { value = obj[key]; } catch (_) { continue; }
      queue.push([value, path + "." + String(key)]);
    }
    try { queue.push([Object.getPrototypeOf(obj), path + ".__proto__"]); } catch (_) {}
  }
  return {visited: n, leaks};
})()"""


def test_no_python_object_is_reachable_from_the_global(ctx):
    ctx.expose("hostFn", lambda *a: {"ok": True})
    ctx.globals["given"] = {"nested": [1, {"x": b"\x00"}]}
    result = ctx.eval(WALK)
    assert result["visited"] > 200
    assert result["leaks"] == []


@pytest.mark.parametrize(
    "name", ["python", "pmEval", "XMLHttpRequest", "require", "process", "Deno", "Bun", "module", "exports"]
)
def test_engine_and_platform_globals_are_absent(ctx, name):
    assert ctx.eval(f"typeof globalThis[{name!r}]") == "undefined"


def test_debugger_cannot_be_reached(ctx):
    probe = ctx.eval(
        """(() => {
          if (typeof debuggerGlobal === "undefined") return "absent";
          try { debuggerGlobal.Debugger = function () {}; } catch (_) {}
          return typeof debuggerGlobal.Debugger;
        })()"""
    )
    assert probe in ("absent", "undefined")


async def test_dynamic_import_fails(ctx):
    for spec in ["/etc/passwd", "os", "fs", "node:fs", "./x.js"]:
        result = await ctx.eval_async(
            f"(async () => {{ try {{ await import({spec!r}); return 'loaded'; }} "
            "catch (e) { return 'blocked'; } })()"
        )
        assert result == "blocked", spec


def test_values_passed_in_lead_only_to_js(ctx):
    ctx.eval(
        """globalThis.climb = (value) => {
          const out = [];
          for (const v of [value, value.list, value.bytes, value.when, hostFn]) {
            out.push(typeof v.__class__, typeof (v.constructor && v.constructor.__subclasses__));
            const g = v.constructor.constructor("return globalThis")();
            out.push(typeof g.python, typeof g.pmEval);
          }
          return out.every((t) => t === "undefined");
        }"""
    )
    ctx.expose("hostFn", lambda: None)
    from datetime import UTC, datetime

    arg = {"list": [1], "bytes": b"x", "when": datetime(2020, 1, 1, tzinfo=UTC)}
    assert ctx.call("climb", arg) is True


def test_no_file_or_environment_access(ctx):
    probes = ctx.eval(
        """[typeof readFile, typeof read, typeof snarf, typeof os, typeof environment,
            typeof load, typeof quit, typeof scriptArgs, typeof print]"""
    )
    assert set(probes) == {"undefined"}


def test_internal_host_channel_is_not_exposed(ctx):
    assert ctx.eval("typeof __runtime_host") == "undefined"
    keys = ctx.eval("Object.keys(__runtime).concat(Object.getOwnPropertyNames(__runtime))")
    assert "seed" not in keys
    assert not any(k in ("call", "signal", "host") for k in keys)


def test_closing_a_spidermonkey_context_clears_program_globals():
    with runtime.Context("spidermonkey") as ctx:
        ctx.eval("globalThis.secret = 'left behind'; var alsoSecret = 'v';")
    with runtime.Context("spidermonkey") as ctx:
        assert ctx.eval("[typeof secret, typeof alsoSecret]") == ["undefined", "undefined"]


def test_the_walk_finds_a_python_object_when_one_is_there():
    # Negative control for the walk above (SpiderMonkey only: pythonmonkey is the engine that
    # can hand JS a live Python object, which is what the runtime must never do).
    with runtime.Context("spidermonkey") as ctx:
        from engines.spidermonkey import binding

        pm = binding.native()

        class Leaky:
            pass

        from engines.spidermonkey.job_loop import JobLoop, call_with_loop

        call_with_loop(JobLoop(), pm.eval("(o) => { globalThis.leaked = o; }"), Leaky())
        assert any(path.startswith("globalThis.leaked") for path in ctx.eval(WALK)["leaks"])


# ECMAScript's own globals, as every engine has them (the shims remove shared memory and
# proposals only some engines ship).
ECMASCRIPT = set(
    "AggregateError Array ArrayBuffer BigInt BigInt64Array BigUint64Array Boolean DataView Date "
    "Error EvalError FinalizationRegistry Float16Array Float32Array Float64Array Function Infinity "
    "Int16Array Int32Array Int8Array Intl Iterator JSON Map Math NaN Number Object Promise Proxy "
    "RangeError ReferenceError Reflect RegExp Set String Symbol SyntaxError TypeError URIError "
    "Uint16Array Uint32Array Uint8Array Uint8ClampedArray WeakMap WeakRef WeakSet WebAssembly "
    "decodeURI decodeURIComponent encodeURI encodeURIComponent escape eval globalThis isFinite "
    "isNaN parseFloat parseInt undefined unescape".split()
)


def test_every_global_is_ecmascript_or_a_shim(ctx, engine):
    # Nothing an engine binding adds stays reachable: pythonmonkey's setImmediate (which
    # segfaults when called from a promise job), ListIterator (segfaults without a
    # receiver), its XMLHttpRequest family and core-js store. The one exception is
    # SpiderMonkey's debuggerGlobal, which cannot be deleted: it is frozen, without Debugger.
    import shims

    table = {name for shim in shims.SHIMS for name in shim.globals}
    # (An earlier SpiderMonkey context's `var`s stay behind as undefined: see the README.)
    names = ctx.eval(
        "Object.getOwnPropertyNames(globalThis).filter((n) => n === 'undefined' || globalThis[n] !== undefined)"
    )
    extra = set(names) - table - ECMASCRIPT
    assert extra == ({"debuggerGlobal"} if engine == "spidermonkey" else set())
    if engine == "spidermonkey":
        assert ctx.eval("[Object.isFrozen(debuggerGlobal), 'Debugger' in debuggerGlobal]") == [True, False]
    # Where the binding's crash was: a promise job reaching for setImmediate.
    assert ctx.wait(ctx.eval("Promise.resolve().then(() => typeof setImmediate)")) == "undefined"


GLOBAL_SCOPE = """Object.getOwnPropertyNames(globalThis)
  .filter((n) => n !== "debuggerGlobal" && (n === "undefined" || globalThis[n] !== undefined))
  .sort()
  .map((n) => {
    void globalThis[n]; // a lazy shim's accessor becomes its value
    const d = Object.getOwnPropertyDescriptor(globalThis, n);
    return [n, typeof d.value, !!d.writable, !!d.enumerable, !!d.configurable, !!d.get];
  })"""


def test_every_engine_has_the_same_global_scope():
    # The same names with the same descriptors on every engine (SpiderMonkey's frozen,
    # empty debuggerGlobal is the one name its binding cannot remove).
    scopes = {}
    for engine in runtime.registry.available():
        with runtime.Context(engine) as ctx:
            scopes[engine] = ctx.eval(GLOBAL_SCOPE)
    first, *others = scopes
    for engine in others:
        a = {row[0]: row for row in scopes[first]}
        b = {row[0]: row for row in scopes[engine]}
        assert sorted(set(a) - set(b)) == [], f"only on {first}"
        assert sorted(set(b) - set(a)) == [], f"only on {engine}"
        assert [a[n] for n in a if a[n] != b[n]] == [], f"descriptors differ from {engine}'s"
    names = {row[0] for row in scopes[first]}
    assert not names & {"SharedArrayBuffer", "Atomics", "setImmediate", "clearImmediate", "ListIterator"}


def test_interface_members_are_enumerable_as_web_idl_makes_them(ctx):
    # Operations and attributes (on the prototype, and static ones) are enumerable; the
    # constructor and @@toStringTag are not.
    assert ctx.eval(
        """(() => {
        const d = (target, key) => Object.getOwnPropertyDescriptor(target, key).enumerable;
        const keys = []; for (const k in new Blob(["x"])) keys.push(k);
        return [d(Event.prototype, "type"), d(EventTarget.prototype, "addEventListener"), d(Headers.prototype, "append"),
          d(Response.prototype, "status"), d(ReadableStream.prototype, "getReader"), d(TextDecoder.prototype, "decode"),
          d(Response, "json"), d(AbortSignal, "timeout"), d(URL, "canParse"),
          d(Blob.prototype, "constructor"), d(Blob.prototype, Symbol.toStringTag), keys.includes("slice")];
    })()"""
    ) == [True] * 9 + [False, False, True]
