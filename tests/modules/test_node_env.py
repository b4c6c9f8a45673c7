"""``process.env.NODE_ENV`` in modules reads as a bundler defines it, on every engine: code
written for bundlers (React, immer, redux and many more) reads it at load. A module that
reads it and nothing else of ``process`` does not load ``node:process``."""

from __future__ import annotations

import pytest

import runtime

from .test_esm import write


def test_es_modules_and_commonjs_read_the_mode(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import lib from "./lib.cjs";
                export const out = [process.env.NODE_ENV, lib, typeof globalThis.process];
            """,
            "lib.cjs": """
                if (process.env.NODE_ENV === "production") module.exports = require("./prod.cjs");
                else module.exports = require("./dev.cjs");
            """,
            "prod.cjs": "module.exports = 'prod build';",
            "dev.cjs": "module.exports = 'dev build';",
        },
    )
    assert ctx.import_module(entry)["out"] == ["production", "prod build", "undefined"]


def test_the_host_node_env_picks_the_mode(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("NODE_ENV", "development")
    entry = write(
        tmp_path,
        {
            "main.mjs": "import lib from './lib.cjs'; export const out = [process.env.NODE_ENV, lib];",
            "lib.cjs": "module.exports = process.env.NODE_ENV;",
        },
    )
    with runtime.Context(engine) as ctx:
        assert ctx.import_module(entry)["out"] == ["development", "development"]


def test_a_file_that_binds_process_reads_its_own(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.mjs": """
                import other from "./other.cjs";
                const process = { env: { NODE_ENV: "custom" } };
                export const out = [process.env.NODE_ENV, other];
            """,
            "other.cjs": "module.exports = (function (process) { return process.env.NODE_ENV; })({ env: { NODE_ENV: 'arg' } });",
            "loop.cjs": "for (const process of [{ env: { NODE_ENV: 'loop' } }]) module.exports = process.env.NODE_ENV;",
        },
    )
    assert ctx.import_module(entry)["out"] == ["custom", "arg"]
    assert ctx.import_module(tmp_path / "loop.cjs")["default"] == "loop"


def test_a_binding_of_process_counts_only_within_its_scope(ctx, tmp_path):
    entry = write(
        tmp_path,
        {
            "main.cjs": """
                function spawn(process) { return process.env.NODE_ENV; }
                for (const process of [{ env: { NODE_ENV: "loop" } }]) module.exports.inner = process.env.NODE_ENV;
                module.exports.outer = [spawn({ env: { NODE_ENV: "arg" } }), process.env.NODE_ENV];
            """,
        },
    )
    assert ctx.import_module(entry)["default"] == {"inner": "loop", "outer": ["arg", "production"]}


@pytest.mark.parametrize("name", ["main.mjs", "main.cjs"])
def test_columns_after_the_read_still_point_at_the_source(ctx, tmp_path, name):
    line = "const mode = process.env.NODE_ENV; throw new Error(mode);"
    entry = write(tmp_path, {name: line})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.message == "production"
    frame = info.value.frames[0]
    assert (frame[2], frame[3]) == (1, line.index("new Error") + 1), info.value.stack


@pytest.mark.parametrize(
    ("write_it", "written"),
    [
        ("process.env.NODE_ENV = 'x';", "x"),
        ("[process.env.NODE_ENV] = ['x'];", "x"),
        ("({ a: process.env.NODE_ENV } = { a: 'x' });", "x"),
        ("for (process.env.NODE_ENV of ['x']);", "x"),
        ("process.env.NODE_ENV += 'x';", "productionx"),
    ],
)
def test_a_write_goes_to_node_process(ctx, tmp_path, write_it, written):
    entry = write(
        tmp_path,
        {
            "main.mjs": f"export const f = () => {{ {write_it} }}; export const m = process.env.NODE_ENV;",
            "call.mjs": "import process from 'node:process'; import { f } from './main.mjs';\n"
            "const before = process.env.NODE_ENV; f(); export const out = [before, process.env.NODE_ENV];",
        },
    )
    assert ctx.import_module(entry)["m"] == "production"  # a write did not become a SyntaxError
    assert ctx.import_module(tmp_path / "call.mjs")["out"] == ["production", written]


def test_a_read_split_over_lines_keeps_the_line_numbers(ctx, tmp_path):
    source = "const a = process.env.NODE_ENV;\ntry { process.env\n  .NODE_ENV; } catch {}\nnull.x;"
    entry = write(tmp_path, {"main.cjs": source})
    with pytest.raises(runtime.JSError) as info:
        ctx.import_module(entry)
    assert info.value.name == "TypeError"
    assert info.value.frames[0][2] == 4, info.value.stack
