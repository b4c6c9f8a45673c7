"""Timers (from 00_core.js) ordered against microtasks, as in HTML, on every engine."""

from __future__ import annotations

import logging

import pytest

import runtime


async def test_microtasks_before_timers(ctx):
    r = await ctx.eval_async("""new Promise((resolve) => {
        const log = [];
        setTimeout(() => log.push('timeout 0'), 0);
        setTimeout(() => { log.push('timeout'); resolve(log); }, 1);
        queueMicrotask(() => log.push('microtask'));
        Promise.resolve().then(() => log.push('promise'));
        log.push('sync');
    })""")
    assert r == ["sync", "microtask", "promise", "timeout 0", "timeout"]


async def test_microtasks_run_between_timers(ctx):
    r = await ctx.eval_async("""new Promise((resolve) => {
        const log = [];
        setTimeout(() => { log.push('t1'); Promise.resolve().then(() => log.push('t1 micro')); });
        setTimeout(() => { log.push('t2'); queueMicrotask(() => { log.push('t2 micro'); resolve(log); }); });
    })""")
    assert r == ["t1", "t1 micro", "t2", "t2 micro"]


async def test_delay_order_and_omitted_delay(ctx):
    r = await ctx.eval_async("""new Promise((resolve) => {
        const log = [];
        setTimeout(() => { log.push(30); resolve(log); }, 30);
        setTimeout(() => log.push(10), 10);
        setTimeout(() => log.push('none'));
        setTimeout(() => log.push(0), 0);
        setTimeout(() => log.push(-5), -5);
    })""")
    assert r == ["none", 0, -5, 10, 30]


async def test_arguments_clear_and_interval(ctx):
    r = await ctx.eval_async("""new Promise((resolve) => {
        const log = [];
        setTimeout((a, b) => log.push(a + b), 0, 'x', 'y');
        const cancelled = setTimeout(() => log.push('cancelled'), 0);
        clearTimeout(cancelled);
        let n = 0;
        const id = setInterval(() => {
            log.push('tick' + (++n));
            if (n === 3) { clearInterval(id); setTimeout(() => resolve(log), 5); }
        }, 1);
    })""")
    assert r == ["xy", "tick1", "tick2", "tick3"]


async def test_timer_ids_are_distinct_positive_integers(ctx):
    r = ctx.eval("[setTimeout(() => {}), setTimeout(() => {}), setInterval(() => {}, 5)]")
    assert len(set(r)) == 3 and all(isinstance(i, int) and i > 0 for i in r)
    ctx.eval(f"{r}.forEach(clearInterval)")


async def test_timer_errors_are_reported(ctx, caplog):
    caplog.set_level(logging.DEBUG, logger="runtime.console")
    r = await ctx.eval_async("""new Promise((resolve) => {
        setTimeout(() => { throw new Error('timer failed'); });
        setTimeout(() => resolve('still running'), 2);
    })""")
    assert r == "still running"
    assert any("Uncaught Error: timer failed" in rec.getMessage() for rec in caplog.records)


async def test_queue_microtask_errors(ctx, caplog):
    caplog.set_level(logging.DEBUG, logger="runtime.console")
    r = await ctx.eval_async("""new Promise((resolve) => {
        queueMicrotask(() => { throw new TypeError('micro failed'); });
        queueMicrotask(() => resolve('next ran'));
    })""")
    assert r == "next ran"
    assert any("micro failed" in rec.getMessage() for rec in caplog.records)


def test_queue_microtask_requires_function(ctx):
    with pytest.raises(runtime.JSError) as e:
        ctx.eval("queueMicrotask(1)")
    assert e.value.name == "TypeError"


def test_sync_wait_drives_timers(ctx):
    p = ctx.eval("new Promise((resolve) => setTimeout(() => resolve('done'), 5))")
    assert ctx.wait(p) == "done"


async def test_abort_signal_timeout_uses_timers(ctx):
    r = await ctx.eval_async("""new Promise((resolve) => {
        const s = AbortSignal.timeout(5);
        setTimeout(() => resolve([s.aborted, 'early']), 0);
    }).then((first) => new Promise((resolve) =>
        setTimeout(() => resolve([...first, AbortSignal.timeout(0).aborted]), 20)))""")
    assert r == [False, "early", False]


async def test_delay_is_a_long(ctx):
    # HTML's `long timeout`: ToInt32, so 2^31 wraps to a negative delay (run as 0) and
    # 2^32 + 5 to 5, as in browsers; NaN and non-numbers are 0.
    r = await ctx.eval_async("""new Promise((resolve) => {
        const log = [];
        setTimeout(() => { log.push('2^31'); }, 2 ** 31);
        setTimeout(() => { log.push('2^32+5'); }, 2 ** 32 + 5);
        setTimeout(() => { log.push('NaN'); }, 'soon');
        setTimeout(() => { log.push('10'); resolve(log); }, 10);
    })""")
    assert r == ["2^31", "NaN", "2^32+5", "10"]
