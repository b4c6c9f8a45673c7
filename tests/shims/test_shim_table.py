"""shims.SHIMS, the one table of what each shim file defines, agrees with the files, on every engine."""

from __future__ import annotations

from importlib import resources

import shims

TABLE_GLOBALS = [name for shim in shims.SHIMS for name in shim.globals]
TABLE_INTERNALS = [name for shim in shims.SHIMS for name in shim.internals]
LAZY_GLOBALS = [name for shim in shims.SHIMS if shim.lazy for name in shim.globals]
LAZY_INTERNALS = [name for shim in shims.SHIMS if shim.lazy for name in shim.internals]

# The globals whose value (or accessor) is JS code rather than an engine built-in: what the
# shims define, and on some engines a few of the engine's own.
SHIM_DEFINED = r"""(() => {
  const native = (f) => /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));
  const isCode = (v) => {
    if (typeof v === "function") return !native(v);
    if (v === null || typeof v !== "object") return false;
    const proto = Object.getPrototypeOf(v);
    if (proto && typeof proto.constructor === "function" && proto.constructor !== Object && !native(proto.constructor)) return true;
    return Object.values(v).some((x) => typeof x === "function" && !native(x));
  };
  return Object.getOwnPropertyNames(globalThis).filter((name) => {
    if (name === "globalThis") return false;
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    return d.get || d.set ? !native(d.get || d.set) : d.value === globalThis || isCode(d.value);
  });
})()"""


def test_every_file_is_in_the_table_once():
    on_disk = sorted(p.name for p in (resources.files(shims) / "js").iterdir() if p.name.endswith(".js"))
    assert [shim.file for shim in shims.SHIMS] == on_disk
    assert [shim.file for shim, _ in shims.files()] == on_disk
    assert len(set(TABLE_GLOBALS)) == len(TABLE_GLOBALS)
    assert len(set(TABLE_INTERNALS)) == len(TABLE_INTERNALS)
    # The infra file runs before every web API file, and at once.
    assert [s.file for s in shims.SHIMS[:2]] == ["00_core.js", "01_infra.js"]
    assert not any(s.lazy for s in shims.SHIMS[:2])


def test_lazy_names_are_accessors_until_first_use(ctx):
    got = ctx.eval(f"""(() => {{
        const kind = (o, n) => {{ const d = Object.getOwnPropertyDescriptor(o, n); return d ? (d.get ? "get" : "value") : "none"; }};
        return [{LAZY_GLOBALS}.map((n) => kind(globalThis, n)), {LAZY_INTERNALS}.map((n) => kind(__runtime, n))];
    }})()""")
    assert got == [["get"] * len(LAZY_GLOBALS), ["get"] * len(LAZY_INTERNALS)]


def test_every_listed_name_exists(ctx):
    missing = ctx.eval(f"""(() => [
        ...{TABLE_GLOBALS}.filter((n) => globalThis[n] === undefined),
        ...{TABLE_INTERNALS}.filter((n) => __runtime[n] === undefined),
    ])()""")
    assert missing == []


def test_lazy_files_define_only_what_the_table_lists(ctx):
    # Loading every lazy file adds no global and no __runtime property of its own: each
    # one a lazy file defines was there before as the accessor that loads it.
    before = ctx.eval(f"[{SHIM_DEFINED}, Object.getOwnPropertyNames(__runtime)]")
    ctx.eval(
        f"{LAZY_GLOBALS}.forEach((n) => void globalThis[n]); {LAZY_INTERNALS}.forEach((n) => void __runtime[n])"
    )
    after = ctx.eval(f"[{SHIM_DEFINED}, Object.getOwnPropertyNames(__runtime)]")
    assert sorted(after[0]) == sorted(before[0])
    assert sorted(after[1]) == sorted(before[1])


def test_every_global_the_shims_define_is_in_the_table(ctx, engine):
    defined = set(ctx.eval(SHIM_DEFINED))
    assert set(TABLE_GLOBALS) <= defined
    if engine == "v8":  # V8 itself defines no global in JS
        assert defined == set(TABLE_GLOBALS)


def test_shared_internals_are_in_the_table(ctx):
    # Files share internals as objects on __runtime (the core's own are functions and
    # plain values): each such object is listed.
    shared = ctx.eval("""Object.getOwnPropertyNames(__runtime).filter((n) => {
        const d = Object.getOwnPropertyDescriptor(__runtime, n);
        return d.get !== undefined || (d.value !== null && typeof d.value === "object");
    })""")
    assert sorted(shared) == sorted(TABLE_INTERNALS)
