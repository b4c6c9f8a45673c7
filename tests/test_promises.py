"""Promises, timers and the context's event loop behave the same on every engine."""

from __future__ import annotations

import asyncio
import time

import pytest

import runtime


async def test_eval_async_resolves_a_returned_promise(ctx):
    assert await ctx.eval_async("Promise.resolve({ok: true})") == {"ok": True}
    assert await ctx.eval_async("(async () => 40 + 2)()") == 42
    assert await ctx.eval_async("7") == 7  # not a promise: returned as is


async def test_rejection_becomes_js_error(ctx):
    with pytest.raises(runtime.JSError) as info:
        await ctx.eval_async("Promise.reject(new RangeError('nope'))")
    assert (info.value.name, info.value.message) == ("RangeError", "nope")
    with pytest.raises(runtime.JSError) as info:
        await ctx.eval_async("(async () => { await null; throw new TypeError('late'); })()")
    assert info.value.name == "TypeError"


async def test_timers_fire_while_awaiting(ctx):
    source = """(() => new Promise((resolve) => {
        const order = [];
        setTimeout(() => order.push('t20'), 20);
        setTimeout(() => { order.push('t0'); Promise.resolve().then(() => order.push('micro')); }, 0);
        setTimeout(() => order.push('t-omitted'));
        const id = setTimeout(() => order.push('cancelled'), 5);
        clearTimeout(id);
        let n = 0;
        const iv = setInterval(() => { order.push('iv' + n); if (++n === 2) clearInterval(iv); }, 1);
        setTimeout(() => resolve(order), 40);
    }))()"""
    order = await ctx.eval_async(source)
    assert order[:3] == ["t0", "micro", "t-omitted"]
    assert "cancelled" not in order
    assert order.index("iv1") < order.index("t20")
    assert order.count("iv0") == 1 and order.count("iv1") == 1


async def test_call_async_awaits_the_result(ctx):
    ctx.eval("globalThis.later = (x) => new Promise(r => setTimeout(() => r(x * 2), 5))")
    assert await ctx.call_async("later", 21) == 42
    fn = ctx.eval("async (a, b) => a + b")
    assert await fn.call_async(1, 2) == 3


def test_sync_wait_runs_timers(ctx):
    promise = ctx.eval("new Promise(r => setTimeout(r, 10, 'done'))")
    assert isinstance(promise, runtime.JSPromise)
    assert ctx.wait(promise) == "done"


async def test_promise_handles_are_awaitable(ctx):
    promise = ctx.eval("new Promise(r => setTimeout(r, 1, 'x'))")
    assert await promise == "x"


async def test_a_promise_that_can_never_settle_is_reported(ctx):
    with pytest.raises(runtime.PromiseNeverSettles):
        await ctx.eval_async("new Promise(() => {})")


async def test_microtasks_run_before_eval_returns(ctx):
    ctx.eval(
        "globalThis.seen = []; Promise.resolve().then(() => seen.push('micro'));"
        "queueMicrotask(() => seen.push('qm'));"
    )
    assert ctx.eval("seen") == ["micro", "qm"]


def test_run_timers_reports_the_next_deadline(ctx):
    ctx.eval("globalThis.fired = 0; setTimeout(() => fired++, 0); setTimeout(() => fired++, 60000);")
    delay = ctx.run_timers()
    assert ctx.eval("fired") == 1
    assert delay is not None and 50 < delay <= 60


def test_run_timers_sees_a_timer_that_a_fired_timers_promise_job_sets(ctx):
    # process.nextTick shims (readable-stream's) set a timer from a promise job: it exists
    # only once the crossing that fired the first timer is over.
    ctx.eval(
        "globalThis.done = false; setTimeout(() => Promise.resolve().then(() =>"
        " setTimeout(() => { done = true; }, 0)), 0);"
    )
    turns = 0
    while (delay := ctx.run_timers()) is not None and turns < 100:
        time.sleep(delay)
        turns += 1
    assert ctx.eval("done") is True


async def test_eval_async_total_timeout(ctx):
    with pytest.raises(runtime.ScriptTimeout):
        await asyncio.wait_for(ctx.eval_async("new Promise(r => setTimeout(r, 5000))", timeout=0.2), 5)


async def test_timers_set_by_promise_callbacks_after_a_timer_fire(ctx):
    source = """(async () => {
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => setTimeout(r, 1));
        return "three timers in a row";
    })()"""
    assert await ctx.eval_async(source) == "three timers in a row"
    assert ctx.wait(ctx.eval(source)) == "three timers in a row"


def test_timers_and_promises_under_uvloop(engine, run_python):
    # pythonmonkey's own timers segfault under uvloop (its TimerHandle lacks _scheduled);
    # the runtime's timers and promise jobs never touch the caller's loop. A subprocess,
    # so that a crash cannot take the suite down.
    code = f"""
import asyncio, uvloop, runtime

async def main():
    with runtime.Context({engine!r}) as ctx:
        async def host(x):
            await asyncio.sleep(0.001)
            return x * 2
        ctx.expose("host", host)
        value = await ctx.eval_async(
            "(async () => {{ await new Promise((r) => setTimeout(r, 5)); "
            "const v = await host(21); await null; return v; }})()"
        )
        print("value", value)

uvloop.run(main())
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert "value 42" in result.stdout


async def test_timers_fire_while_the_event_loop_idles(ctx):
    # Used from a running asyncio loop, the context fires its JS timers from that loop:
    # nothing has to await the context for them to run.
    ctx.eval("globalThis.fired = []; setTimeout(() => fired.push('a'), 10);")
    ctx.eval("setTimeout(() => { fired.push('b'); setTimeout(() => fired.push('c'), 5); }, 20);")
    ctx.eval("globalThis.iv = setInterval(() => { if (fired.push('i') >= 6) clearInterval(iv); }, 1);")
    await asyncio.sleep(0.3)
    fired = ctx.eval("fired")
    assert {"a", "b", "c"} <= set(fired) and fired.index("a") < fired.index("b") < fired.index("c")
    assert fired.count("i") >= 3


def test_timers_wait_for_the_host_without_an_event_loop(ctx):
    # Without a running loop, timers fire when the host waits on the context (wait,
    # eval_async, run_timers): nothing runs behind the caller's back.
    ctx.eval("globalThis.fired = 0; setTimeout(() => fired++, 1);")
    import time

    time.sleep(0.05)
    assert ctx.eval("fired") == 0
    ctx.run_timers()
    assert ctx.eval("fired") == 1


def test_timers_follow_the_loop_the_context_is_used_from(ctx):
    async def use(label):
        ctx.eval(f"setTimeout(() => fired.push({label!r}), 5)")
        await asyncio.sleep(0.1)

    ctx.eval("globalThis.fired = []")
    asyncio.run(use("first loop"))
    asyncio.run(use("second loop"))
    assert ctx.eval("fired") == ["first loop", "second loop"]


@pytest.mark.parametrize(
    "source",
    [
        "Promise.reject(Symbol('s')); 1",
        "Promise.resolve().then(() => { throw Symbol('s'); }); 1",
        "(async () => { throw Symbol('s'); })(); 1",
        "Promise.reject(null); Promise.reject(undefined); Promise.reject(Object.create(null)); 1",
    ],
)
def test_unhandled_rejections_of_any_value_are_harmless(run_python, engine, source):
    # SpiderMonkey's binding converted every unhandled rejection's reason to Python, and a
    # Symbol crashed the process (SIGSEGV). Run in a child: a crash must not take pytest.
    code = f"""
import runtime
ctx = runtime.Context({engine!r})
print(ctx.eval({source!r}), ctx.wait(ctx.eval("new Promise((r) => setTimeout(() => r(2), 1))")))
"""
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "2"]


SETTLE = """
globalThis.out = [];
globalThis.start = (n) => {
  for (let i = 0; i < n; i++) Promise.resolve(i).then(async (v) => { await null; out.push(v); });
  setTimeout(() => out.push("timer"), 0);
  return "started";
};
globalThis.take = () => { const o = out; out = []; return o; };
globalThis.fail = () => { throw new TypeError("no"); };
globalThis.spin = () => { while (true) {} };
"""


def test_call_settled_returns_what_the_first_calls_promise_jobs_settled(ctx):
    # What the server's worker makes of each batch: the requests, then the answers their
    # promises settled, in one crossing. Timers are not promise jobs: they wait.
    ctx.eval(SETTLE)
    assert ctx._call_settled("start", [3], "take") == [0, 1, 2]
    assert ctx._call_settled("start", [0], "take") == []
    ctx.eval("out.push('left')")
    with pytest.raises(runtime.JSError) as info:
        ctx._call_settled("fail", [], "take")
    assert (info.value.name, info.value.message) == ("TypeError", "no")
    assert ctx.call("take") == []  # the second call ran all the same
    with pytest.raises(runtime.ScriptTimeout):
        ctx._call_settled("spin", [], "take", timeout=0.3)
    # The context serves on; the second call of the interrupted pair never ran.
    assert ctx._call_settled("start", [1], "take") == [0]


@pytest.mark.parametrize(
    "source",
    [
        "Promise.reject(undefined)",
        "(async () => { throw null; })()",
        "new Promise((_, reject) => setTimeout(reject, 5))",
    ],
)
def test_a_completion_value_promise_rejected_with_nothing(ctx, source):
    promise = ctx.eval(source)
    with pytest.raises(runtime.JSError) as info:
        ctx.wait(promise)
    assert info.value.message in ("undefined", "null")
    assert ctx.eval("1 + 1") == 2


def test_a_promise_may_be_waited_for_and_awaited_again(ctx):
    done, failed = ctx.eval("[Promise.resolve(42), Promise.reject(new TypeError('no'))]")
    assert ctx.wait(done) == 42 and ctx.wait(done) == 42
    assert asyncio.run(ctx.wait_async(done)) == 42
    for _ in range(2):
        with pytest.raises(runtime.JSError, match="no"):
            ctx.wait(failed)
