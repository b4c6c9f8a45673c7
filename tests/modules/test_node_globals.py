"""Node's globals (``process``, ``Buffer``, ``global``, ``setImmediate``, ``clearImmediate``)
for modules that read them, on every engine: each such module gets them as bindings of its
own, from the built-ins; nothing is added to the global object, so scripts and modules that
do not read them see none."""

from __future__ import annotations

import pytest

import runtime
from runtime.modules import esm

from .test_esm import write


def test_es_modules_and_commonjs_read_them(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import lib from "./lib.cjs";
                const ticked = await new Promise((done) => process.nextTick(done, "tick"));
                const immediate = await new Promise((done) => setImmediate(done, "immediate"));
                export const out = [
                    Buffer.from("hi").toString("hex"), global === globalThis, typeof clearImmediate,
                    process.env.NODE_ENV, ticked, immediate, lib, typeof globalThis.process,
                    typeof globalThis.Buffer, typeof globalThis.global,
                ];
            """,
            "lib.cjs": """
                "use strict";
                module.exports = [Buffer.isBuffer(Buffer.alloc(1)), typeof process.hrtime, this === module.exports,
                                  (function () { return this; })() === undefined];
            """,
        },
    )
    assert ctx.import_module(entry)["out"] == [
        "6869",
        True,
        "function",
        "production",
        "tick",
        "immediate",
        [True, "function", True, True],  # "use strict" is still the body's directive
        "undefined",
        "undefined",
        "undefined",
    ]
    assert (
        ctx.eval("[typeof process, typeof Buffer, typeof global, typeof setImmediate]") == ["undefined"] * 4
    )


def test_the_same_objects_as_the_builtins(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import nodeProcess from "node:process";
                import { Buffer as NodeBuffer } from "node:buffer";
                import timers from "node:timers";
                import lib from "./lib.cjs";
                const { process: p, Buffer: B } = lib;
                export const out = [p === nodeProcess, B === NodeBuffer, lib.setImmediate === timers.setImmediate];
            """,
            "lib.cjs": "module.exports = { process, Buffer, setImmediate };",
        },
    )
    assert ctx.import_module(entry)["out"] == [True, True, True]


def test_a_binding_of_the_module_wins(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import lib from "./lib.cjs";
                import other from "./other.cjs";
                const Buffer = "mine";
                function f(process) { return process; }
                export const out = [Buffer, f("param"), lib, other];
            """,
            "lib.cjs": "var Buffer = 'var'; module.exports = Buffer;",
            "other.cjs": "if (true) { var process = 'hoisted'; } module.exports = process;",
        },
    )
    assert ctx.import_module(entry)["out"] == ["mine", "param", "var", "hoisted"]


@pytest.mark.parametrize("kind", ["cjs", "mjs"])
def test_columns_stay_where_they_were(ctx, tmp_path, kind):
    line = "const b = Buffer.from('x'), p = process.platform; throw new Error(b + p);"
    entry = write(tmp_path, {f"main.{kind}": line})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    frame = info.value.frames[0]
    assert (frame[2], frame[3]) == (1, line.index("new Error") + 1), info.value.stack
    assert info.value.message == "xlinux"


def test_only_what_is_read_is_loaded():
    # A NODE_ENV read is a bundler's define, not a read of process.
    assert esm.transform_cjs("module.exports = process.env.NODE_ENV;", "a.js").injected == []
    assert esm.transform_cjs("x = typeof window;", "a.js").requests == []
    read = esm.transform_cjs("module.exports = [global, Buffer, process.env.NODE_ENV, Buffer];", "a.js")
    assert read.injected == [["global", "", ""], ["Buffer", "node:buffer", "Buffer"]]
    assert [r.specifier for r in read.requests] == ["node:buffer"]
    module = esm.transform_esm(
        "export const x = process.env.NODE_ENV; export const y = process.argv;", "a.mjs"
    )
    assert [r.specifier for r in module.requests] == ["node:process"]
    assert "process.argv" not in module.code


def test_npm_packages_get_nodes_timers_and_the_app_the_webs(ctx, tmp_path):
    # Node code (pools, caches) unrefs its timers; the application's own code keeps numbers.
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import { kinds } from "poolish";
                const mine = setTimeout(() => {}, 1);
                clearTimeout(mine);
                export default [...kinds, typeof mine];
            """,
            "node_modules/poolish/package.json": '{"name": "poolish", "main": "index.js"}',
            "node_modules/poolish/index.js": """
                const timer = setInterval(() => {}, 1000);
                timer.unref();
                clearInterval(timer);
                const later = setTimeout(() => {}, 1000);
                clearTimeout(+later);  // a Timeout's number clears it, as in Node
                exports.kinds = [typeof timer, typeof timer.refresh, typeof +later];
            """,
        },
    )
    assert ctx.import_module(entry)["default"] == ["object", "function", "number", "number"]
    assert ctx.eval("__runtime.keepsAlive()") is False
