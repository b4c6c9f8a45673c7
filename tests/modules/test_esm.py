"""ES modules on every engine: each import/export form, live bindings, cycles, TDZ,
top-level await, dynamic import, JSON modules, errors at the right file:line:column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import runtime


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return folder / next(iter(files))


def test_default_named_and_namespace_imports(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import greet, { name as who, shout } from "./lib.mjs";
                import * as lib from "./lib.mjs";
                export const text = greet(who) + " " + shout("x");
                export const keys = Object.keys(lib);
                export const tag = Object.prototype.toString.call(lib);
                export const proto = Object.getPrototypeOf(lib) === null;
                export const frozen = !Object.isExtensible(lib);
            """,
            "lib.mjs": """
                export default function greet(n) { return "hello " + n; }
                export const name = "world";
                export function shout(s) { return s.toUpperCase() + "!"; }
            """,
        },
    )
    mod = ctx.import_module(entry)
    assert mod["text"] == "hello world X!"
    assert mod["keys"] == ["default", "name", "shout"]
    assert mod["tag"] == "[object Module]"
    assert mod["proto"] is True
    assert mod["frozen"] is True
    assert sorted(mod) == ["frozen", "keys", "proto", "tag", "text"]


def test_reexports_star_and_string_names(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": """
                import { a, b, renamed, ns, "a-b" as dashed } from "./hub.js";
                import * as hub from "./hub.js";
                export const out = [a, b, renamed, ns.c, dashed, "default" in hub];
            """,
            "hub.js": """
                export * from "./one.js";
                export { c as renamed } from "./two.js";
                export * as ns from "./two.js";
                const x = 5;
                export { x as "a-b" };
            """,
            "one.js": "export const a = 1, b = 2; export default 99;",
            "two.js": "export const c = 3;",
        },
    )
    assert ctx.import_module(entry)["out"] == [1, 2, 3, 3, 5, False]


def test_reserved_words_as_export_names(ctx, tmp_path):
    # Bundles (zod, valibot, effect) export `_null as null`, `function_ as function`: a
    # module export name may be any identifier name. The .js files have no package type,
    # so they are told to be modules by their syntax.
    entry = write(
        tmp_path,
        {
            "main.js": """
                import * as lib from "./lib.js";
                import { null as nul, new as ns, if as iff } from "./lib.js";
                import * as re from "./reexport.js";
                const text = "export { a as null }";  // left as it is
                export const out = [
                  lib.null(), lib.true, lib.function(), lib.catch, lib.new.if, nul(), ns.if, iff,
                  re.null(), re.yes, re.class, Object.keys(re).join(), text,
                ];
            """,
            "lib.js": """
                function _null() { return "n"; }
                const t = true, fn = () => "f", c = "c";
                export { _null as null, t as true, fn as function, c as catch,
                  c as if };
                export * as new from "./other.js";
            """,
            "other.js": "export const x = 1; export { x as if };",
            "reexport.js": """
                export { null, true as yes } from "./lib.js"; export { if as class } from "./other.js";
            """,
        },
    )
    assert ctx.import_module(entry)["out"] == [
        "n",
        True,
        "f",
        "c",
        1,
        "n",
        1,
        "c",
        "n",
        True,
        1,
        "class,null,yes",
        "export { a as null }",
    ]


def test_a_reserved_word_as_a_local_name_is_still_a_syntax_error(ctx, tmp_path):
    entry = write(tmp_path, {"main.mjs": "const a = 1;\nexport { null };\n"})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert "SyntaxError" in str(info.value) and "main.mjs:2" in str(info.value)


def test_export_default_forms(ctx, tmp_path):
    write(
        tmp_path,
        {
            "expr.js": "export default 40 + 2;",
            "anon.js": "export default function () { return 'anon'; }",
            "cls.js": "export default class { hi() { return 'cls'; } }\n(function () {})();",
            "arrow.js": "export default () => 'arrow'",
            "main.js": """
                import e from "./expr.js"; import f from "./anon.js"; import C from "./cls.js";
                import g from "./arrow.js";
                export const out = [e, f(), f.name, new C().hi(), g()];
            """,
        },
    )
    assert ctx.import_module(tmp_path / "main.js")["out"] == [42, "anon", "default", "cls", "arrow"]


def test_live_bindings_and_cycle_with_hoisted_functions(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "a.js": """
                import { count, bump, fromB } from "./b.js";
                export function fromA() { return "A"; }
                const before = count;
                bump(); bump();
                export const seen = [before, count, fromB()];
            """,
            "b.js": """
                import { fromA } from "./a.js";
                export let count = 0;
                export function bump() { count++; }
                export function fromB() { return "B" + fromA(); }
                export const early = fromA();
            """,
        },
    )
    mod = ctx.import_module(entry)
    assert mod["seen"] == [0, 2, "BA"]


def test_tdz_across_a_cycle_is_a_reference_error(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "a.js": 'import { b } from "./b.js"; export const a = "a"; export const got = b;',
            "b.js": 'import { a } from "./a.js"; export const b = a + "!";',
        },
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "ReferenceError"
    assert info.value.frames[0][1] == str((tmp_path / "b.js").resolve())
    assert info.value.frames[0][2] == 1


def test_module_may_import_itself_and_this_is_undefined(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "self.js": 'import * as me from "./self.js"; export const x = 1; export const t = [typeof this, me.x];'
        },
    )
    assert ctx.import_module(entry)["t"] == ["undefined", 1]


def test_module_code_is_strict(ctx, tmp_path):
    entry = write(
        tmp_path,
        {"s.js": "export let ok = true; try { undeclared = 1; ok = false; } catch (e) { ok = e.name; }"},
    )
    assert ctx.import_module(entry)["ok"] == "ReferenceError"


def test_shadowed_import_names_are_left_alone(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": """
                import { x } from "./x.js";
                function f(x) { return x; }
                const g = (x) => x * 2;
                function h() { const x = "inner"; return x; }
                function k() { { let x = 1; } return x; }
                const o = { x, y: x };
                try { throw 7; } catch (x) { var caught = x; }
                export const out = [f(1), g(2), h(), k(), o.x, caught, [1].map(x => x + 1)[0]];
            """,
            "x.js": "export const x = 'module';",
        },
    )
    assert ctx.import_module(entry)["out"] == [1, 4, "inner", "module", "module", 7, 2]


def test_imported_function_is_called_without_a_receiver(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { who } from "./f.js"; export const t = who();',
            "f.js": "export function who() { return typeof this; }",
        },
    )
    assert ctx.import_module(entry)["t"] == "undefined"


def test_assigning_an_import_throws(ctx, tmp_path):
    entry = write(tmp_path, {"m.js": 'import { v } from "./v.js"; v = 2;', "v.js": "export let v = 1;"})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "TypeError"


def test_top_level_await_order(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": """
                import { log } from "./log.js";
                import "./slow.js";
                import "./fast.js";
                log.push("main");
                export { log };
            """,
            "log.js": "export const log = [];",
            "slow.js": """
                import { log } from "./log.js";
                log.push("slow start");
                await new Promise((r) => setTimeout(r, 20));
                log.push("slow end");
            """,
            "fast.js": 'import { log } from "./log.js"; log.push("fast");',
        },
    )
    assert ctx.import_module(entry)["log"] == [
        "slow start",
        "fast",
        "slow end",
        "main",
    ]  # as Node: fast does not wait for slow


async def test_import_module_async_awaits_top_level_await(ctx, tmp_path):
    entry = write(
        tmp_path, {"t.js": "export const v = await new Promise((r) => setTimeout(() => r(5), 10));"}
    )
    mod = await ctx.import_module_async(entry)
    assert mod["v"] == 5


def test_dynamic_import_literal_and_computed(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": """
                export async function load(name) {
                  const a = await import("./lazy.js");
                  const b = await import("./" + name + ".js");
                  return [a.value, b.value, a === (await import("./lazy.js"))];
                }
            """,
            "lazy.js": "export const value = 'lazy';",
            "other.js": "export const value = 'other';",
        },
    )
    mod = ctx.import_module(entry)
    assert ctx.wait(mod["load"]("other")) == ["lazy", "other", True]


def test_dynamic_import_of_a_missing_module_rejects(ctx, tmp_path):
    entry = write(
        tmp_path, {"main.js": "export const p = () => import('./nope' + '.js').catch((e) => e.message);"}
    )
    mod = ctx.import_module(entry)
    assert "nope.js" in ctx.wait(mod["p"]())


def test_a_missing_module_rejects_with_nodes_code(ctx, tmp_path):
    # Code that loads an optional dependency tells "not installed" apart by this code.
    entry = write(
        tmp_path,
        {
            "main.js": """
                const code = (p) => p.then(() => "loaded", (e) => e.code ?? e.name);
                export const run = () => Promise.all([
                  code(import("./nope.js")), code(import("not-installed")), code(import("./deep.js")),
                  code(import("./bad.mjs")),
                ]);
            """,
            "deep.js": 'import "./also-missing.js";',
            "bad.mjs": "export const = 1;",
        },
    )
    mod = ctx.import_module(entry)
    assert ctx.wait(mod["run"]()) == ["ERR_MODULE_NOT_FOUND"] * 3 + ["SyntaxError"]


def test_import_from_a_classic_script(ctx, tmp_path):
    write(tmp_path, {"lib.js": "export const v = 7;"})
    script = tmp_path / "script.js"
    promise = ctx.eval("import('./lib.js').then((m) => m.v)", filename=str(script))
    assert ctx.wait(promise) == 7


def test_json_modules(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import data from "./data.json" with { type: "json" }; export const n = data.items.length;',
            "data.json": '{"items": [1, 2, 3]}',
        },
    )
    assert ctx.import_module(entry)["n"] == 3


def test_json_without_the_attribute_is_refused(ctx, tmp_path):
    entry = write(tmp_path, {"main.js": 'import data from "./d.json";', "d.json": "{}"})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert 'type "json"' in info.value.message


def test_import_meta(ctx, tmp_path):
    entry = write(
        tmp_path,
        {"m.js": "export const url = import.meta.url; export const r = import.meta.resolve('./x.js');"},
    )
    mod = ctx.import_module(entry)
    real = entry.resolve()
    assert mod["url"] == real.as_uri()
    assert mod["r"] == (real.parent / "x.js").as_uri()


def test_import_meta_resolve_of_packages_and_built_ins(ctx, tmp_path):
    # As Node: a package's entry file as a URL (resolved as the module loads: resolve is
    # synchronous), a built-in as node:name (provided here or not), without loading either.
    entry = write(
        tmp_path,
        {
            "m.mjs": """
                const missing = (s) => { try { return import.meta.resolve(s); } catch (e) { return e.code; } };
                const computed = "other";
                export const found = [import.meta.resolve("pkg"), import.meta.resolve(`pkg/extra.js`),
                  import.meta.resolve("path"), import.meta.resolve("node:fs"), missing("not-installed"),
                  missing(computed), globalThis.loaded];
            """,
            "node_modules/pkg/package.json": '{"name": "pkg", "main": "main.js"}',
            "node_modules/pkg/main.js": "globalThis.loaded = true;",
            "node_modules/pkg/extra.js": "",
        },
    )
    pkg = (tmp_path / "node_modules" / "pkg").resolve()
    assert ctx.import_module(entry)["found"] == [
        (pkg / "main.js").as_uri(),
        (pkg / "extra.js").as_uri(),
        "node:path",
        "node:fs",
        "ERR_MODULE_NOT_FOUND",
        "ERR_MODULE_NOT_FOUND",
        None,
    ]


def test_module_is_evaluated_once_per_context(ctx, tmp_path):
    entry = write(tmp_path, {"once.js": "globalThis.runs = (globalThis.runs || 0) + 1; export const x = 1;"})
    ctx.import_module(entry)
    ctx.import_module(str(entry))
    assert ctx.eval("runs") == 1


def test_exports_that_do_not_convert(ctx, tmp_path):
    entry = write(
        tmp_path,
        {"c.js": "class App { fetch() { return 1; } } export default new App(); export const f = () => 3;"},
    )
    mod = ctx.import_module(entry)
    with pytest.raises(TypeError, match="App"):
        mod["default"]
    assert mod["f"]() == 3
    handle = mod.handle("default")
    assert isinstance(handle, runtime.JSHandle)
    assert ctx.eval("(o) => o.fetch()")(handle) == 1


def test_missing_export_is_a_syntax_error_at_the_import(ctx, tmp_path):
    entry = write(
        tmp_path, {"main.js": '// first\nimport { nope } from "./lib.js";', "lib.js": "export const yes = 1;"}
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    e = info.value
    assert e.name == "SyntaxError"
    assert "does not provide an export named 'nope'" in e.message
    assert e.frames[0][1:] == (str(entry.resolve()), 2, 10)


def test_ambiguous_star_export_is_a_syntax_error(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { x } from "./hub.js";',
            "hub.js": 'export * from "./a.js"; export * from "./b.js";',
            "a.js": "export const x = 1;",
            "b.js": "export const x = 2;",
        },
    )
    with pytest.raises(runtime.JSError, match="conflicting star exports"):
        ctx.import_module(entry)


def test_duplicate_export_is_an_early_error_before_anything_runs(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import "./side.js"; import "./bad.js";',
            "side.js": "globalThis.sideRan = true;",
            "bad.js": "export const a = 1;\nconst b = 2;\nexport { b as a };",
        },
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "SyntaxError"
    assert info.value.frames[0][1:3] == (str((tmp_path / "bad.js").resolve()), 3)
    assert ctx.eval("typeof sideRan") == "undefined"


def test_syntax_error_deep_in_the_graph(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import "./a.js";',
            "a.js": 'import "./deep/b.js";',
            "deep/b.js": "export const ok = 1;\nexport const bad = (1 + ;\n",
        },
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    e = info.value
    assert e.name == "SyntaxError"
    assert e.frames[0][1] == str((tmp_path / "deep/b.js").resolve())
    assert e.frames[0][2] == 2


def test_missing_module_names_the_importer(ctx, tmp_path):
    entry = write(tmp_path, {"main.js": '// first\nimport x from "./missing.js";'})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    e = info.value
    assert "./missing.js" in e.message
    assert str(entry.resolve()) in e.stack
    assert e.frames[0][2] == 2


def test_runtime_error_stack_has_source_line_and_column(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.js": 'import { f } from "./f.js";\nexport function boom() { return f() + missing; }',
            "f.js": "export const f = () => 1;",
        },
    )
    mod = ctx.import_module(entry)
    with pytest.raises(runtime.JSError) as info:
        mod["boom"]()
    frame = info.value.frames[0]
    assert frame[1:] == (str(entry.resolve()), 2, 39)


def test_error_during_evaluation_is_thrown_again_on_reimport(ctx, tmp_path):
    entry = write(tmp_path, {"e.js": "throw new RangeError('once');"})
    for _ in range(2):
        with pytest.raises(runtime.JSError, match="once"):
            ctx.import_module(entry)


def test_typescript_stack_points_at_the_ts_file(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "app.ts": """
                import { check } from "./check.ts";
                interface Options { limit: number; label?: string }
                export function run(opts: Options): number {
                  return check<number>(opts.limit as number, opts.label!);
                }
            """,
            "check.ts": """
                export function check<T extends number>(value: T, label: string): T {
                  if (value > 10) throw new RangeError(`${label}: ${value} is over the limit`);
                  return value;
                }
            """,
        },
    )
    mod = ctx.import_module(entry)
    assert mod["run"]({"limit": 3}) == 3
    with pytest.raises(runtime.JSError) as info:
        mod["run"]({"limit": 11, "label": "x"})
    frames = info.value.frames
    check = str((tmp_path / "check.ts").resolve())
    app = str(entry.resolve())
    # Columns of the .ts sources: the throw, and the call of the imported function at its
    # callee, as Node places a call (the engines place the rewritten `(0, ns.f)(...)` at
    # its argument list).
    assert frames[0][1:] == (check, 2, 25)
    assert frames[1][1:] == (app, 4, 10)


def test_calls_of_imports_in_code_without_semicolons(ctx, tmp_path):
    # A call of an imported function becomes `(0, ns.f)(...)`: at the start of a statement
    # that must not continue the statement before it, which relied on a line break (as the
    # micromark and unified packages are written). Node's injected globals the same.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import { check, tag } from './dep.mjs'
                const token = { align: 'left' }
                const align = token.align
                check(align)
                let seen = align
                tag`x${seen}`
                const o = { f: 1 }
                const a = o.f
                setImmediate(() => {})
                for (const x of [1]) check(x)
                if (a) check(a); else check(0)
                switch (a) { case 1: check(a) }
                export const result = [align, a, seen, check.calls, tag.calls, typeof process.version]
            """,
            "dep.mjs": """
                export function check(x) { check.calls = (check.calls || 0) + 1; return this }
                export function tag(parts, v) { tag.calls = (tag.calls || 0) + 1 }
            """,
        },
    )
    assert ctx.import_module(entry)["result"] == ["left", 1, "left", 4, 1, "string"]


def test_await_with_a_parenthesised_operand(ctx, tmp_path):
    # `await (x)` reads like a call of a function named await; it is an await expression
    # (inside async functions, as in hono's own code, and at the top level of a module).
    entry = write(
        tmp_path,
        {
            "m.js": """
                async function inner() { return await (async () => 1)(); }
                export const top = await (Promise.resolve(2));
                export const both = [await inner(), top];
            """
        },
    )
    assert ctx.import_module(entry)["both"] == [1, 2]


@pytest.mark.parametrize(
    "source",
    [
        "return 1;",
        "yield 1;",
        "var await = 1;",
        "new.target;",
        "<!-- x\n",
        "let a; var a;",
        "function f() {}\nfunction f() {}",
    ],
)
def test_module_early_errors(ctx, tmp_path, source):
    entry = write(tmp_path, {"bad.mjs": "globalThis.ran = true;\n" + source})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "SyntaxError"
    assert ctx.eval("typeof ran") == "undefined"


def test_namespace_object_is_the_spec_exotic_object(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "m.js": """
                import * as ns from "./lib.js";
                const d = Object.getOwnPropertyDescriptor(ns, "x");
                let threw = null;
                try { ns.x = 2; } catch (e) { threw = e.name; }
                export const out = [d.value, d.writable, d.enumerable, d.configurable, threw,
                  Reflect.defineProperty(ns, "x", { value: 1 }), Reflect.defineProperty(ns, "x", { value: 3 }),
                  Reflect.deleteProperty(ns, "x"), Reflect.deleteProperty(ns, "nope"), Object.isExtensible(ns),
                  Reflect.ownKeys(ns).map(String)];
            """,
            "lib.js": "export const x = 1; export const _ = 0; export const \\u03bc = 0; export const A = 0;",
        },
    )
    assert ctx.import_module(entry)["out"] == [
        1, True, True, False, "TypeError", True, False, False, True, False, ["A", "_", "x", "μ", "Symbol(Symbol.toStringTag)"],
    ]  # fmt: skip


def test_invalid_import_call_in_a_script_is_the_engines_syntax_error(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("import('./a.js', {}, 'extra');", filename="s.js")
    assert info.value.name == "SyntaxError"


# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
ADD_WASM = bytes.fromhex("0061736d0100000001070160027f7f017f030201000707010361646400000a09010700200020016a0b")


def test_wasm_text_and_data_files_are_modules_as_in_workers(ctx, tmp_path):
    (tmp_path / "add.wasm").write_bytes(ADD_WASM)
    (tmp_path / "blob.bin").write_bytes(bytes([0, 1, 255]))
    (tmp_path / "page.html").write_text("<p>h\u00e9</p>\u2028", encoding="utf-8")
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import mod from "./add.wasm";
                import page from "./page.html";
                import blob from "./blob.bin";
                const { exports } = new WebAssembly.Instance(mod, {});
                export default [exports.add(2, 3), page, [...new Uint8Array(blob)], blob instanceof ArrayBuffer];
            """,
            "query.sql": "select 1;\n",
            "notes.txt": "plain",
            "main.cjs": "module.exports = [require('./query.sql'), require('./notes.txt')];",
        },
    )
    assert ctx.import_module(entry)["default"] == [5, "<p>h\u00e9</p>\u2028", [0, 1, 255], True]
    assert ctx.import_module(tmp_path / "main.cjs")["default"] == ["select 1;\n", "plain"]


def test_other_files_are_refused_where_they_are_imported(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": 'const x = 1;\nimport "./style.css";\n',
            "style.css": "a { color: red }",
            "lib.cjs": "try { require('./style.css'); } catch (e) { module.exports = e.message; }",
        },
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert (
        '.css" files are not modules' in info.value.message
        and 'cannot load "./style.css"' in info.value.message
    )
    assert info.value.frames[0][1:3] == (str(entry), 2)
    assert (
        "files are not modules" in ctx.import_module(tmp_path / "lib.cjs")["default"]
    )  # thrown where it runs


def test_error_messages_name_imports_as_the_source_does(ctx, tmp_path):
    # An imported binding is read as `__rt$0.name`; V8 says `(0 , __rt$0.default) is not a function`.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import lib from "./lib.cjs";
                import { notAFunction as naf } from "./lib.cjs";
                export const fail = (how) => (how === "call" ? lib() : how === "new" ? new lib() : naf());
            """,
            "lib.cjs": "module.exports = { notAFunction: 1 };",
        },
    )
    ctx.import_module(entry)
    messages = []
    for how in ("call", "new", "named"):
        with pytest.raises(runtime.JSError) as info:
            ctx.import_module(entry)["fail"](how)
        messages.append(info.value.message)
        assert info.value.stack.startswith("TypeError: " + info.value.message)
    assert messages == ["lib is not a function", "lib is not a constructor", "naf is not a function"]


def test_a_line_break_ends_import_and_export_declarations(ctx, tmp_path):
    # No expression continues `import x from "m"` or `export { a }`: the next line may start
    # with `(`, `[`, a template, `/` or `+` (the grammar would read on), and a declaration
    # the transform removes leaves the statements around it apart.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import { helper } from './dep.mjs'
                (() => { globalThis.iife = helper() })()
                import {
                  other
                } from './dep.mjs' // the clause spans lines
                `${other}`.length
                import './side.mjs'
                /x/.test('x')
                const n = 2
                export { n }
                [1, 2].forEach((i) => { globalThis.seen = (globalThis.seen || 0) + i })
                export * from './dep.mjs'
                +1
                export * as ns from './dep.mjs'
                ;[3].map(String)
                const m = 4
                export { m };
                [5].forEach((i) => { globalThis.seen += i })
                export const result = [globalThis.iife, n, m, globalThis.seen, other, globalThis.side]
            """,
            "dep.mjs": "export const helper = () => 'called'\nexport const other = 'o'\n",
            "side.mjs": "globalThis.side = 'loaded'\n",
        },
    )
    module = ctx.import_module(entry)
    assert module["result"] == ["called", 2, 4, 8, "o", "loaded"]
    assert module["helper"]() == "called"


def test_a_typescript_declaration_ends_at_a_line_break(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mts": """
                import type { Item } from './dep.mts'
                [1].forEach(() => {})
                import { make } from './dep.mts'
                (globalThis as any).made = make()
                const n: number = 2
                export type { Item }
                `${n}`.length
                export { n }
                [2].forEach(() => {})
                export const result: Item = { made: (globalThis as any).made, n }
            """,
            "dep.mts": "export interface Item { made: string; n: number }\nexport const make = (): string => 'made'\n",
        },
    )
    assert ctx.import_module(entry)["result"] == {"made": "made", "n": 2}


def test_a_name_starting_a_line_with_in_and_an_underscore_or_digit(ctx, tmp_path):
    # The grammar took `in_flight`, `in2` and `in$` after a line with no `;` for the `in`
    # operator: valid code was a SyntaxError. CommonJS then lost its export names and
    # Node globals.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import { hex } from "./lib.cjs"
                const in_flight = [1]
                const in2 = 2
                let in$ = 3
                in_flight.push(in2)
                in$ += in2
                in2 + 1
                export default [in_flight, in$, hex]
            """,
            "lib.cjs": """
                let in_x = Buffer.from("hi")
                let y = 2
                in_x = in_x.toString("hex")
                exports.hex = in_x
            """,
        },
    )
    assert ctx.import_module(entry)["default"] == [[1, 2], 5, "6869"]


@pytest.mark.parametrize("name", ["main.mjs", "main.ts", "main.cjs"])
def test_a_decorator_is_refused_at_its_line_with_what_to_do(ctx, tmp_path, name):
    # The engine would say only "Invalid or unexpected token" at the `@`.
    source = "const s = '@not'; // @ts-ignore\nfunction log(t) { return t }\nclass A {\n  @log m() {}\n}\n"
    entry = write(tmp_path, {name: source})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    message = str(info.value)
    assert "decorators are not supported" in message and "Compile the file with tsc" in message
    assert f"{name}:4:3" in message
