"""CommonJS from ES modules and from itself, on every engine: module.exports as the default
export, named imports read from it, require() resolved ahead of time and run on first use."""

from __future__ import annotations

import pytest

import runtime

from .test_esm import write


def test_commonjs_default_and_named_imports(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import lib, { add, version } from "./lib.cjs";
                import * as ns from "./lib.cjs";
                export const out = [lib.add(1, 2), add(2, 3), version, ns.default === lib, typeof ns.add];
            """,
            "lib.cjs": """
                const helper = require("./helper.cjs");
                exports.add = (a, b) => helper.twice(a + b) / 2;
                exports.version = "1.0";
            """,
            "helper.cjs": "module.exports = { twice: (x) => x * 2 };",
        },
    )
    assert ctx.import_module(entry)["out"] == [3, 5, "1.0", True, "function"]


def test_reexported_default_of_commonjs_is_module_exports(ctx, tmp_path):
    # eventemitter3's ESM wrapper: `import X from "./index.js"; export { X }`. Each form of
    # passing a CommonJS default on is module.exports, never module.exports.default.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import * as hub from "./hub.mjs";
                export const out = [hub.Thing, hub.Renamed, hub.From, hub.default].map((f) => f && f.name);
                export const named = hub.count;
            """,
            "hub.mjs": """
                import Thing from "./thing.cjs";
                export { Thing, Thing as Renamed };
                export { default as From, count } from "./thing.cjs";
                export { default } from "./thing.cjs";
            """,
            "thing.cjs": "module.exports = function Thing() {}; module.exports.count = 3;",
        },
    )
    mod = ctx.import_module(entry)
    assert mod["out"] == ["Thing", "Thing", "Thing", "Thing"]
    assert mod["named"] == 3


def test_require_runs_on_first_use_and_caches(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                const order = [];
                globalThis.order = order;
                order.push("main start");
                const a = require("./a.cjs");
                const again = require("./a.cjs");
                order.push("main end");
                module.exports = { order, same: a === again, filename: __filename.endsWith("main.cjs") };
            """,
            "a.cjs": 'globalThis.order.push("a"); module.exports = {};',
        },
    )
    mod = ctx.import_module(entry)
    assert mod["default"] == {"order": ["main start", "a", "main end"], "same": True, "filename": True}


def test_require_cycle_sees_partial_exports(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "a.cjs": 'exports.early = 1; const b = require("./b.cjs"); exports.fromB = b.seen; exports.late = 2;',
            "b.cjs": 'const a = require("./a.cjs"); exports.seen = [a.early, a.late];',
        },
    )
    assert ctx.import_module(entry)["default"]["fromB"] == [1, None]


def test_require_of_a_missing_module_throws_where_it_runs(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                let optional = null;
                try { optional = require("./not-there.cjs"); } catch (e) { exports.code = e.code; }
                exports.optional = optional;
            """,
        },
    )
    mod = ctx.import_module(entry)
    assert mod["default"] == {"code": "MODULE_NOT_FOUND", "optional": None}


def test_require_of_a_json_file_and_an_es_module(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.cjs": 'const d = require("./d.json"); const m = require("./m.mjs"); module.exports = [d.a, m.x];',
            "d.json": '{"a": 1}',
            "m.mjs": "export const x = 2;",
        },
    )
    assert ctx.import_module(entry)["default"] == [1, 2]


def test_package_type_decides_the_format_of_js_files(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": 'import esm from "esm-pkg"; import cjs from "cjs-pkg"; export const out = [esm, cjs];',
            "node_modules/esm-pkg/package.json": '{"type": "module", "main": "index.js"}',
            "node_modules/esm-pkg/index.js": "export default 'esm';",
            "node_modules/cjs-pkg/package.json": '{"main": "lib/index.js"}',
            "node_modules/cjs-pkg/lib/index.js": "module.exports = 'cjs';",
        },
    )
    assert ctx.import_module(entry)["out"] == ["esm", "cjs"]


def test_module_syntax_in_a_file_its_package_makes_commonjs_says_why(ctx, tmp_path):
    # `npm init -y` writes "type": "commonjs": a handler with imports then needs a word on
    # what made it CommonJS and what to change, at the statement's line.
    write(tmp_path, {"package.json": '{"type": "commonjs"}', "dep.js": "exports.a = 1;"})
    for name in ("app.js", "app.ts"):
        entry = write(tmp_path, {name: 'const x = 1;\nimport { a } from "./dep.js";\n'})
        with pytest.raises(runtime.JSError) as info:
            ctx.import_module(entry)
        assert info.value.name == "SyntaxError"
        assert 'package.json says "type": "commonjs"' in info.value.message
        assert '"type": "module"' in info.value.message
        assert info.value.frames[0][1:3] == (str(entry), 2)


def test_exports_conditions_pick_the_worker_build(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": 'import which from "pkg"; import feature from "pkg/features/a"; export const out = [which, feature];',
            "node_modules/pkg/package.json": """
                {"name": "pkg", "type": "module", "exports": {
                   ".": {"node": "./node.js", "worker": "./worker.js", "default": "./default.js"},
                   "./features/*": "./src/features/*.js"}}
            """,
            "node_modules/pkg/node.js": "export default 'node';",
            "node_modules/pkg/worker.js": "export default 'worker';",
            "node_modules/pkg/default.js": "export default 'default';",
            "node_modules/pkg/src/features/a.js": "export default 'feature a';",
        },
    )
    assert ctx.import_module(entry)["out"] == ["worker", "feature a"]


def test_package_imports_field(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "src/main.js": 'import { v } from "#internal/util.js"; export const out = v;',
            "package.json": '{"type": "module", "imports": {"#internal/*": "./src/internal/*"}}',
            "src/internal/util.js": "export const v = 'internal';",
        },
    )
    assert ctx.import_module(entry)["out"] == "internal"


def test_node_builtin_import_is_refused_at_link_time(ctx, tmp_path):
    entry = write(tmp_path, {"main.mjs": '// x\nimport fs from "node:fs";'})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert "node:fs" in info.value.message
    assert info.value.frames[0][1:3] == (str(entry.resolve()), 2)


def test_require_of_an_es_module_with_a_default_export_has_es_module_true(ctx, tmp_path):
    # Node: require(esm) of a module with a default export (and no export named __esModule)
    # returns the namespace of a facade that adds `export const __esModule = true`.
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                var __importDefault = function (mod) { return mod && mod.__esModule ? mod : { default: mod }; };
                const m = require("./esm.mjs");
                const greet = __importDefault(require("./esm.mjs")).default;
                const before = m.live;
                m.bump();
                const d = (n) => JSON.stringify(Object.getOwnPropertyDescriptor(n, "__esModule"));
                module.exports = {
                    greet: typeof greet === "function" ? greet() : typeof greet,
                    keys: Object.keys(m),
                    esModule: d(m),
                    same: m === require("./esm.mjs"),
                    live: [before, m.live],
                    frozen: [Object.isFrozen(m), Object.isExtensible(m), Object.prototype.toString.call(m)],
                    noDefault: [Object.keys(require("./nodef.mjs")), "__esModule" in require("./nodef.mjs")],
                    own: [require("./own.mjs").__esModule, require("./own2.mjs").__esModule],
                    ownKeys: Object.keys(require("./own.mjs")),
                    defaultOnly: Object.keys(require("./defonly.mjs")),
                };
            """,
            "esm.mjs": """
                export default function greet() { return "hello"; }
                export const other = 1;
                export let live = 1;
                export function bump() { live++; }
            """,
            "nodef.mjs": "export const a = 1;",
            "own.mjs": 'export default 5; export const __esModule = "test";',
            "own2.mjs": "const x = false; export { x as __esModule }; export default 6;",
            "defonly.mjs": "export default 7;",
        },
    )
    # Each value as node 20.20 prints it for the same files.
    assert ctx.import_module(entry)["default"] == {
        "greet": "hello",
        "keys": ["__esModule", "bump", "default", "live", "other"],
        "esModule": '{"value":true,"writable":true,"enumerable":true,"configurable":false}',
        "same": True,
        "live": [1, 2],
        "frozen": [False, False, "[object Module]"],
        "noDefault": [["a"], False],
        "own": ["test", False],
        "ownKeys": ["__esModule", "default"],
        "defaultOnly": ["__esModule", "default"],
    }


def test_import_of_an_es_module_has_no_es_module_export(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import * as ns from "./esm.mjs";
                export const keys = Object.keys(ns);
            """,
            "esm.mjs": "export default 1; export const other = 2;",
        },
    )
    assert ctx.import_module(entry)["keys"] == ["default", "other"]


@pytest.mark.parametrize(
    ("name", "source", "column"),
    [
        # Columns as node 20.20 reports them (the caret under the offending token).
        ("t3.js", 'import { x } from "./b.js";', 1),
        ("c.cjs", "let y = 1; break;", 12),
        ("s.cjs", "'use strict'; with (y) {}", 15),
        ("e.mjs", "let y = 1; break;", 12),
        ("w.mjs", "let y = 1; with (y) {}", 12),
        ("t.ts", "let y: number = 1; break;", 20),
        ("j.json", '{"a": 1,}', 9),
    ],
)
def test_a_syntax_error_on_line_one_has_the_source_column(ctx, tmp_path, name, source, column):
    entry = write(tmp_path, {name: source + "\n", "package.json": '{"type": "commonjs"}'})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "SyntaxError"
    assert info.value.frames[0][1:] == (str(entry.resolve()), 1, column)
    assert f"{entry.name}:1:{column}" in info.value.stack


def test_a_commonjs_namespace_is_not_frozen(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import * as ns from "./a.cjs";
                import * as e from "./e.mjs";
                const d = (n, k) => JSON.stringify(Object.getOwnPropertyDescriptor(n, k));
                export const cjs = [Object.isFrozen(ns), Object.isExtensible(ns), Object.isSealed(ns), d(ns, "version")];
                export const esm = [Object.isFrozen(e), Object.isExtensible(e), Object.isSealed(e), d(e, "other")];
                export const ops = [
                    Reflect.set(ns, "version", 2), Reflect.defineProperty(ns, "zz", { value: 1 }),
                    Reflect.deleteProperty(ns, "version"), "add" in ns, "zz" in ns, Object.keys(ns),
                    Object.prototype.toString.call(ns), Object.getPrototypeOf(ns), ns.version,
                ];
                export const same = [(await import("./a.cjs")) === ns, (await import("./e.mjs")) === e];
            """,
            "a.cjs": 'exports.add = (a, b) => a + b; exports.version = "1.0";',
            "e.mjs": "export const other = 1;",
        },
    )
    mod = ctx.import_module(entry)
    # As node 20.20 prints them.
    data = '{"value":%s,"writable":true,"enumerable":true,"configurable":false}'
    assert mod["cjs"] == [False, False, True, data % '"1.0"']
    assert mod["esm"] == [False, False, True, data % "1"]
    keys = ["add", "default", "version"]
    assert mod["ops"] == [False, False, False, True, False, keys, "[object Module]", None, "1.0"]
    assert mod["same"] == [True, True]


def test_import_call_in_commonjs_loads_an_es_module(ctx, tmp_path):
    # CommonJS packages load ESM-only dependencies with import(), as Node lets them; the
    # expected values are Node's for the same files.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import run from "./lib.cjs";
                export const out = await run();
            """,
            "lib.cjs": """
                const path = "./esm.mjs";
                const note = "import(x) in a string";  // left as it is
                module.exports = async function run() {
                  const m = await import("./esm.mjs");
                  const again = await import(path);
                  const data = await import("./data.json", { with: { type: "json" } });
                  let missing;
                  try { await import("./nope.mjs"); } catch (e) { missing = e instanceof Error; }
                  return [m.default(), m.n, m === again, data.default.k, missing, note];
                };
            """,
            "esm.mjs": 'export default function hello() { return "hi"; }\nexport const n = 7;',
            "data.json": '{"k": 1}',
        },
    )
    assert ctx.import_module(entry)["out"] == ["hi", 7, True, 1, True, "import(x) in a string"]


def test_a_js_file_without_a_package_type_is_a_module_only_by_module_syntax(ctx, tmp_path):
    # As Node tells them apart: import/export, import.meta or a top-level await make a
    # module; anything else is CommonJS, including new.target (readable-stream) and a
    # minified UMD build that only tests `typeof exports` (immutable, pdf-lib, liquidjs).
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import Thing from "./nt.js";
                import umd from "./umd.min.js";
                import "./tla.js";
                import "./plain.js";
                export const out = [Thing().ok, umd.answer, umd.name, globalThis.tlaValue, globalThis.plainThis];
            """,
            "nt.js": """
                function Thing() { if (!new.target) return new Thing(); this.ok = true; }
                module.exports = Thing;
            """,
            "umd.min.js": (
                '!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?t(exports):'
                '"function"==typeof define&&define.amd?define(["exports"],t):t((e="undefined"!='
                'typeof globalThis?globalThis:e||self).Lib={})}(this,function(e){"use strict";'
                'e.answer=42,e.name="umd",Object.defineProperty(e,"__esModule",{value:!0})});'
            ),
            "tla.js": "const value = await Promise.resolve(7);\nglobalThis.tlaValue = value;",
            "plain.js": 'globalThis.plainThis = this === module.exports ? "module.exports" : String(this);',
        },
    )
    assert ctx.import_module(entry)["out"] == [True, 42, "umd", 7, "module.exports"]


def test_star_export_of_commonjs_has_the_names_it_states(ctx, tmp_path):
    # Through `export *`, a CommonJS module has the names Node's lexer would read in it;
    # one that states none (TypeScript's output for a types-only file, CommonJS by Node's
    # rule) gives way to the ES module that has the name (pdf-lib's index does this).
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import { Doc, only, "quoted name" as quoted, defined } from "./index.js";
                import * as ns from "./index.js";
                export const out = [typeof Doc, only, quoted, defined, Object.keys(ns)];
            """,
            "index.js": 'export * from "./api.js";\nexport * from "./types.js";\nexport * from "./cjs.cjs";',
            "api.js": "export class Doc {}",
            "types.js": "//# sourceMappingURL=types.js.map\n",
            "cjs.cjs": """
                exports.only = "from commonjs";
                exports["quoted name"] = "q";
                Object.defineProperty(exports, "defined", { value: "d", enumerable: true });
            """,
        },
    )
    assert ctx.import_module(entry)["out"] == [
        "function",
        "from commonjs",
        "q",
        "d",
        ["Doc", "defined", "only", "quoted name"],
    ]


def test_a_package_may_import_json_without_the_attribute(ctx, tmp_path):
    # Builds for bundlers (a package's "module" entry) do; the app's own code may not.
    entry = write(
        tmp_path,
        {
            "main.mjs": 'import { count } from "fonts";\nexport const out = count;',
            "node_modules/fonts/package.json": '{"name": "fonts", "module": "es/index.js", "main": "x.cjs"}',
            "node_modules/fonts/es/index.js": 'import data from "./data.json";\nexport const count = data.n;',
            "node_modules/fonts/es/data.json": '{"n": 3}',
        },
    )
    assert ctx.import_module(entry)["out"] == 3


def test_the_export_names_commonjs_states_are_read_as_nodes_lexer_reads_them():
    from runtime.modules.esm import transform_cjs

    source = """
        exports.a = 1; exports["b c"] = 2; module.exports.c = 3;
        Object.defineProperty(exports, "d", { get() { return 4; } });
        module.exports = { e, f: 1, "g": 2, h() {}, ...require("./x") };
        exports.default = 5; other.exports.z = 6; function f(exports) { exports.local = 1; }
    """
    names = transform_cjs(source, "x.js").local_exports
    assert sorted(names) == ["a", "b c", "c", "d", "e", "f", "g", "h", "local"]


def test_require_of_a_string_computed_from_literals_and_require_resolve(ctx, tmp_path):
    # Rollup's CommonJS output reads import.meta.url as `require('u' + 'rl')`.
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                const events = "events";
                module.exports = {
                    template: require(`./dep.cjs`).v,
                    parenthesized: require(("./dep.cjs")).v,
                    joined: require("./" + "dep" + ".cjs").v,
                    url: require('u' + 'rl').pathToFileURL("/x").href,
                    computedBuiltinAlreadyLoaded: typeof require(events).EventEmitter,
                    resolved: require.resolve("./dep.cjs").endsWith("/dep.cjs"),
                    notLoaded: require.resolve("./other.json").endsWith("/other.json"),
                    builtin: [require.resolve("events"), require.resolve("node:events")],
                    // module.require is require (@apollo/utils.createhash calls it so)
                    moduleRequire: [module.require("./dep.cjs").v, typeof module.require("zlib").gzipSync],
                };
                try { require("./" + events); } catch (e) { module.exports.computed = [e.code, e.message]; }
                try { require.resolve("./missing.cjs"); } catch (e) { module.exports.missing = e.code; }
                require("events");
            """,
            "dep.cjs": "exports.v = 'dep';",
            "other.json": "not JSON: require.resolve does not load it",
        },
    )
    got = ctx.import_module(entry)["default"]
    code, message = got.pop("computed")
    assert code == "MODULE_NOT_FOUND" and "computed" in message and "import()" in message
    assert got == {
        "template": "dep",
        "parenthesized": "dep",
        "joined": "dep",
        "url": "file:///x",
        "computedBuiltinAlreadyLoaded": "function",
        "resolved": True,
        "notLoaded": True,
        "builtin": ["events", "node:events"],
        "moduleRequire": ["dep", "function"],
        "missing": "MODULE_NOT_FOUND",
    }


def test_a_json_module_is_what_json_parse_gives(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import data from "./d.json" with { type: "json" };
                import bom from "./bom.json" with { type: "json" };
                export default [Object.keys(data), Object.hasOwn(data, "__proto__"), data.polluted, bom.b];
            """,
            "d.json": '{"__proto__": {"polluted": true}, "a": 1}',
            "bom.json": '\ufeff{"b": 2}',
        },
    )
    assert ctx.import_module(entry)["default"] == [["__proto__", "a"], True, None, 2]
    nan = write(
        tmp_path / "nan", {"main.mjs": 'import d from "./d.json" with { type: "json" };', "d.json": "[NaN]"}
    )
    with pytest.raises(runtime.JSError, match="NaN is not JSON"):
        ctx.import_module(nan)


def test_functions_of_a_module_are_named_as_in_node(ctx, tmp_path):
    # V8 names a function after where it is assigned, and after the call it is an argument
    # of: the runtime's own call around each module must not show.
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                const api = {};
                api.fail = function () { throw new Error("boom"); };
                exports.handler = function () { api.fail(); };
                exports.handler();
            """,
        },
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert [frame[0] for frame in info.value.frames[:2]] == ["api.fail", "exports.handler"]


def test_module_parent_children_and_require_cache(ctx, tmp_path):
    # As Node: the entry's parent is null, a required module's is the module that first
    # required it (the old `if (!module.parent)` test for the entry module), one imported
    # from an ES module has none; require.cache holds the CommonJS modules by file.
    (tmp_path / "main.cjs").write_text(
        "const lib = require('./lib.cjs'); require('node:events');\n"
        "module.exports = [module.parent, lib.parentIsMain, module.children.length,"
        " Object.keys(require.cache).sort(), require.cache[__filename] === module];\n"
    )
    (tmp_path / "lib.cjs").write_text(
        "exports.parentIsMain = module.parent === require.main && !!module.parent;\n"
    )
    (tmp_path / "other.cjs").write_text("module.exports = module.parent;\n")
    (tmp_path / "entry.mjs").write_text(
        "import parent from './other.cjs'; export default parent === undefined;\n"
    )
    ctx.eval("(file) => { __runtime.main = file; }")(str(tmp_path / "main.cjs"))
    main, lib = str(tmp_path / "main.cjs"), str(tmp_path / "lib.cjs")
    assert ctx.import_module(tmp_path / "main.cjs")["default"] == [None, True, 1, sorted([main, lib]), True]
    assert ctx.import_module(tmp_path / "entry.mjs")["default"] is True
