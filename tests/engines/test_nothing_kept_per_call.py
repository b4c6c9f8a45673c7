"""A call into JS keeps no Python memory once it has returned, on every engine.

The SpiderMonkey binding (pythonmonkey 1.4.1) never frees the proxy objects it makes for a
promise job or a string handed to Python, and leaks the float of a number result: a server
worker grew with every request until it was replaced. Counting Python's allocated blocks
around many calls shows any of that coming back (one block per call is 1.0 here; each
check allows 0.1).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROUNDS = 1000
WINDOWS = 3
ALLOWED = 0.1  # blocks per call: a leak is one or more; this is room for caches and noise


def blocks_per_call(call: Callable[[], object]) -> float:
    """The fewest blocks a call left allocated, over a few windows of many calls (a
    one-time allocation, a cache filling or a dict growing, lands in one window only)."""
    for _ in range(200):  # warm: caches, free lists, JIT
        call()
    seen = []
    for _ in range(WINDOWS):
        gc.collect()
        before = sys.getallocatedblocks()
        for _ in range(ROUNDS):
            call()
        gc.collect()
        seen.append((sys.getallocatedblocks() - before) / ROUNDS)
    return min(seen)


def test_string_results_keep_nothing(ctx):
    ctx.eval("globalThis.long = () => 'x'.repeat(3000); globalThis.short = () => 'ok';")
    assert len(ctx.call("long")) == 3000
    assert blocks_per_call(lambda: ctx.call("long")) < ALLOWED
    assert blocks_per_call(lambda: ctx.call("long", timeout=5)) < ALLOWED
    assert blocks_per_call(lambda: ctx.call("short")) < ALLOWED
    assert blocks_per_call(lambda: ctx.call("short", timeout=5)) < ALLOWED


def test_number_results_keep_nothing(ctx):
    ctx.eval("globalThis.num = () => 1.5;")
    assert ctx.call("num") == 1.5
    assert blocks_per_call(lambda: ctx.call("num")) < ALLOWED


def test_promise_jobs_keep_nothing(ctx):
    ctx.eval(
        """globalThis.chain = () => {
          globalThis.settled = 0;
          let p = Promise.resolve();
          for (let i = 0; i < 10; i++) p = p.then(() => { globalThis.settled++; });
          return 1;
        };"""
    )
    ctx.call("chain")
    assert ctx.eval("settled") == 10  # the jobs ran before the call returned
    assert blocks_per_call(lambda: ctx.call("chain")) < ALLOWED  # ten jobs a call


def test_host_calls_keep_nothing(ctx, tmp_path: Path):
    module = tmp_path / "ops.mjs"
    module.write_text(
        'import zlib from "node:zlib";\n'
        "const text = Buffer.alloc(2000, 97);\n"
        "globalThis.squeeze = () => zlib.inflateSync(zlib.deflateSync(text)).length;\n"
    )
    ctx.import_module(module)
    assert ctx.call("squeeze") == 2000
    assert blocks_per_call(lambda: ctx.call("squeeze")) < ALLOWED


def test_values_handed_over_during_a_call_keep_nothing(ctx):
    if not ctx.eval("__runtime.canProgress"):
        pytest.skip("this engine cannot hand values to the host during a call")
    sizes: set[int] = set()
    count = [0]

    def handed(value: str) -> None:
        sizes.add(len(value))
        count[0] += 1

    ctx._set_progress(handed)
    ctx.eval(
        "globalThis.report = () => { for (let i = 0; i < 5; i++) __runtime.progress('y'.repeat(2000)); }"
    )
    ctx.call("report")
    assert (sizes, count[0]) == ({2000}, 5)
    assert blocks_per_call(lambda: ctx.call("report")) < ALLOWED
    assert count[0] == 5 * (1 + 200 + WINDOWS * ROUNDS)
