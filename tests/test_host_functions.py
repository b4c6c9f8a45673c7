"""Python functions exposed to JS: sync where the engine allows it, else a Promise."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

import runtime


async def test_exposed_function_receives_and_returns_plain_data(ctx):
    seen = []

    def record(*args):
        seen.append(args)
        return {"got": len(args), "when": datetime(2020, 1, 1, tzinfo=UTC)}

    ctx.expose("record", record)
    result = await ctx.eval_async(
        "(async () => { const r = await record(1, 'two', [3], {four: 4}, new Uint8Array([5])); "
        "return [r.got, r.when instanceof Date]; })()"
    )
    assert result == [5, True]
    assert seen == [(1, "two", [3], {"four": 4}, b"\x05")]


def test_sync_capability_decides_the_calling_convention(ctx):
    ctx.expose("double", lambda x: x * 2)
    value = ctx.eval("double(21)")
    if ctx.capabilities.sync_host_functions:
        assert value == 42
    else:
        assert isinstance(value, runtime.JSPromise)
        assert ctx.wait(value) == 42
    # `await` works on both conventions, so portable code awaits.
    assert ctx.wait(ctx.eval("(async () => await double(4))()")) == 8


async def test_async_python_function_returns_a_promise(ctx):
    async def fetch_number(x):
        await asyncio.sleep(0.01)
        return x + 1

    ctx.expose("fetchNumber", fetch_number)
    assert ctx.eval("fetchNumber(1) instanceof Promise") is True
    assert await ctx.eval_async("fetchNumber(41)") == 42


async def test_python_exception_becomes_js_error(ctx):
    def explode():
        raise ValueError("bad input")

    ctx.expose("explode", explode)
    message = await ctx.eval_async(
        "(async () => { try { await explode(); return 'no'; } catch (e) { return e.message; } })()"
    )
    assert message == "ValueError: bad input"


def test_expose_rejects_non_callables(ctx):
    with pytest.raises(TypeError):
        ctx.expose("x", 42)


async def test_unconvertible_argument_rejects_in_js(ctx):
    ctx.expose("take", lambda x: x)
    message = await ctx.eval_async(
        "(async () => { try { await take(new Map()); return 'no'; } catch (e) { return e.name; } })()"
    )
    assert message == "TypeError"


async def test_host_function_is_not_a_python_object_in_js(ctx):
    ctx.expose("hostFn", lambda: 1)
    probe = ctx.eval(
        "[typeof hostFn, typeof hostFn.__class__, Object.getOwnPropertyNames(hostFn).sort().join()]"
    )
    assert probe[0] == "function" and probe[1] == "undefined"
    assert probe[2] in ("length,name", "length,name,prototype")


# Calls into JS leave the caller's asyncio state as they found it, and host functions run
# in that state (an engine that needs a loop of its own while JS runs keeps it to itself).
_get_running_loop = asyncio.events._get_running_loop


def test_calls_leave_no_running_loop_behind(ctx):
    ctx.eval("globalThis.later = (x) => Promise.resolve(x).then((v) => v + 1)")
    ctx.call("later", 1)
    assert ctx.call("Math.max", 1, 2) == 2
    assert _get_running_loop() is None
    assert asyncio.run(asyncio.sleep(0, "ran")) == "ran"


async def test_calls_inside_a_loop_keep_it_running(ctx):
    loop = asyncio.get_running_loop()
    ctx.eval("globalThis.later = (x) => Promise.resolve(x).then((v) => v + 1)")
    assert await ctx.call_async("later", 1) == 2
    assert ctx.call("Math.max", 1, 2) == 2
    assert asyncio.get_running_loop() is loop


def test_host_functions_see_the_callers_running_loop(ctx):
    seen = []
    ctx.expose("whichLoop", lambda: seen.append(_get_running_loop()))
    ctx.eval("globalThis.ask = () => { whichLoop(); return 1; }")
    ctx.wait(ctx.eval("(async () => await ask())()"))

    async def inside():
        ctx.wait(ctx.eval("(async () => await ask())()"))
        return asyncio.get_running_loop()

    loop = asyncio.new_event_loop()
    try:
        running = loop.run_until_complete(inside())
    finally:
        loop.close()
    assert seen == [None, running]


def test_host_function_may_run_its_own_event_loop(ctx):
    async def compute(x):
        await asyncio.sleep(0)
        return x * 2

    ctx.expose("computeNow", lambda x: asyncio.run(compute(x)))
    source = "(async () => { const v = await computeNow(20); await null; return v + 2; })()"
    assert ctx.wait(ctx.eval(source)) == 42
    assert ctx.call("Math.max", 1, 2) == 2
    assert _get_running_loop() is None
    assert asyncio.run(compute(1)) == 2


def test_host_function_may_call_back_into_the_context(ctx):
    ctx.eval("globalThis.twice = (x) => x * 2; globalThis.outer = async (x) => (await reenter(x)) + 1")
    ctx.expose("reenter", lambda x: ctx.call("twice", x))
    assert ctx.wait(ctx.call("outer", 20)) == 41
    assert ctx.call("twice", 5) == 10
    assert _get_running_loop() is None


def test_results_survive_calls_made_while_they_cross(ctx):
    # A host function, and a promise job run after the call returned, both call back in
    # before the outer result reaches Python: each result must still be its own.
    ctx.eval(
        "globalThis.twice = (x) => ({twice: x * 2});"
        "globalThis.outer = (x) => {"
        "  const inner = reenter(x);"
        "  Promise.resolve().then(() => reenter(x + 1));"
        "  return {outer: 'o'.repeat(20), sync: inner instanceof Promise ? 'promise' : inner};"
        "}"
    )
    later = []
    ctx.expose("reenter", lambda x: later.append(ctx.call("twice", x)) or ctx.call("twice", x))
    result = ctx.call("outer", 5)
    assert result["outer"] == "o" * 20
    assert result["sync"] in ({"twice": 10}, "promise")
    ctx.wait(ctx.eval("new Promise((r) => setTimeout(r, 1))"))
    assert {"twice": 12} in later


def test_progress_reaches_the_host_while_the_call_still_runs(ctx):
    # What the server's runner uses to send answers out of a batch that is still running.
    import time

    seen = []
    ctx._set_progress(lambda value: seen.append((value, time.monotonic())))
    assert ctx.eval("__runtime.canProgress") is True
    start = time.monotonic()
    ended = ctx.eval(
        "(() => { const ok = __runtime.progress([1, 'two', {three: 3}]);"
        " const end = Date.now() + 300; while (Date.now() < end) {} return ok; })()"
    )
    finished = time.monotonic()
    assert ended is True
    assert [v for v, _ in seen] == [[1, "two", {"three": 3}]]
    assert seen[0][1] - start < (finished - start) / 2, "progress came only when the call ended"
    ctx._set_progress(None)
    assert ctx.eval("__runtime.progress(['dropped'])") is False
    assert len(seen) == 1


def test_a_long_chain_of_async_host_calls_runs_as_a_loop(ctx):
    # Each answer makes JS call the host again (as a stream's chunks do). Each settle's
    # crossing used to drain the next call itself: a recursion as deep as the chain,
    # which lost calls past Python's recursion limit, and the chain then never ended.
    async def next_step(n):
        return n + 1

    ctx.expose("next_step", next_step)
    chain = ctx.eval(
        "(async (count) => { let n = 0; for (let i = 0; i < count; i++) n = await next_step(n); return n; })"
    )
    assert ctx.wait(chain(3000), timeout=60) == 3000


class _Interrupt(BaseException):
    """What Ctrl-C raises (KeyboardInterrupt) is no Exception: JS must not swallow it."""


def test_an_interrupt_in_a_host_function_reaches_the_python_caller(ctx):
    def stop():
        raise _Interrupt

    ctx.expose("stop", stop)
    with pytest.raises(_Interrupt):
        ctx.wait(ctx.eval("(async () => { try { await stop(); } catch (e) { return 'swallowed'; } })()"))
    assert ctx.eval("1 + 1") == 2


def test_a_host_functions_error_has_the_callers_frames(ctx):
    def boom():
        raise ValueError("bad")

    ctx.expose("boom", boom)
    source = (
        "async function caller() {\n  await boom();\n}\nasync function main() {\n  await caller();\n}\nmain()"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.wait(ctx.eval(source, filename="h.js"))
    assert info.value.frames[:2] == [("caller", "h.js", 2, 9), ("main", "h.js", 5, 9)]
    stack = ctx.wait(ctx.eval("(async () => { try { await boom(); } catch (e) { return e.stack; } })()"))
    assert "ValueError: bad\n    at " in stack and "runtime:" not in stack


def test_a_host_function_may_return_a_promise_of_its_context_that_needs_another_host_call(ctx):
    ctx.expose("reeval", lambda source: ctx.eval(source))
    promise = ctx.eval("(async () => await reeval('(async () => await reeval(\"1 + 2\"))()'))()")
    assert ctx.wait(promise, timeout=10) == 3


async def test_an_exception_with_a_lone_surrogate_reaches_js_with_u_fffd(ctx):
    # A file name decoded with surrogateescape: on SpiderMonkey the record failed to
    # encode, and a Python traceback with the runtime's paths reached JS instead.
    def read_name(_):
        raise FileNotFoundError("no such file: " + b"caf\xe9.txt".decode("utf-8", "surrogateescape"))

    ctx.expose("readName", read_name)
    message = await ctx.eval_async(
        "(async () => { try { await readName(1) } catch (e) { return e.message } })()"
    )
    assert message == "FileNotFoundError: no such file: caf\ufffd.txt"
