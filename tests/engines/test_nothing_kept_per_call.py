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

import runtime

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


def test_astral_characters_keep_nothing(ctx):
    # A JS string with a surrogate pair reaches Python as a copy; pythonmonkey never
    # frees the proxy it made first, so such text crosses with escapes instead.
    ctx.eval("globalThis.smile = (s) => 'a\\u{1F600}b' + s;")
    ctx.expose("echo", lambda text: text + "\U0001f642")
    ctx.eval("globalThis.viaHost = async () => await echo('z\\u{1F600}');")
    assert ctx.call("smile", "\U0001f642") == "a\U0001f600b\U0001f642"
    assert ctx.call("smile", "x" * 2000)[:4] == "a\U0001f600bx"
    assert ctx.wait(ctx.call("viaHost")) == "z\U0001f600\U0001f642"
    assert blocks_per_call(lambda: ctx.call("smile", "")) < ALLOWED
    assert blocks_per_call(lambda: ctx.wait(ctx.call("viaHost"))) < ALLOWED


def test_a_long_run_of_promise_jobs_holds_one_job_at_a_time(engine):
    # Each await is a promise job; one call running 300,000 of them must not keep the
    # ones that ran (with what they hold) until it returns: 60 MB of growth is the limit.
    with runtime.Context(engine, memory_limit=60_000_000) as ctx:
        ctx.eval(
            "globalThis.loop = async (n) => { for (let i = 0; i < n; i++) await null; globalThis.done = n; };"
        )
        ctx.call("loop", 300_000)
        assert ctx.eval("done") == 300_000


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
