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
