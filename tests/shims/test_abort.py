"""AbortController and AbortSignal (abort, timeout, any), on every engine."""

from __future__ import annotations

import pytest

import runtime


def test_controller_abort(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const ac = new AbortController();
        const s = ac.signal;
        log.push(s.aborted, s.reason, s === ac.signal, s instanceof EventTarget);
        s.onabort = (e) => log.push('onabort', e.type, e.target === s, e.isTrusted);
        s.addEventListener('abort', () => log.push('listener'));
        ac.abort();
        ac.abort('again');   // no second event, reason unchanged
        log.push(s.aborted, s.reason.name, s.reason.code, s.reason instanceof DOMException);
        try { s.throwIfAborted(); } catch (e) { log.push('threw ' + e.name); }
        return log;
    })()""")
    assert r == [
        False,
        None,
        True,
        True,
        "onabort",
        "abort",
        True,
        True,  # isTrusted: the runtime fires the abort event
        "listener",
        True,
        "AbortError",
        20,
        True,
        "threw AbortError",
    ]


def test_custom_reason(ctx):
    r = ctx.eval("""(() => {
        const ac = new AbortController();
        const reason = {why: 1};
        ac.abort(reason);
        let thrown;
        try { ac.signal.throwIfAborted(); } catch (e) { thrown = e; }
        const s2 = AbortSignal.abort(0);
        return [ac.signal.reason === reason, thrown === reason, s2.reason, s2.aborted,
                AbortSignal.abort().reason.name, new AbortController().signal.throwIfAborted()];
    })()""")
    assert r == [True, True, 0, True, "AbortError", None]


def test_signal_constructor_is_illegal(ctx):
    with pytest.raises(runtime.JSError) as e:
        ctx.eval("new AbortSignal()")
    assert e.value.name == "TypeError"
    assert ctx.eval("Object.prototype.toString.call(new AbortController().signal)") == (
        "[object AbortSignal]"
    )


def test_onabort_handler_attribute(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const ac = new AbortController();
        const s = ac.signal;
        log.push(s.onabort);
        const h = () => log.push('h');
        s.onabort = h;
        log.push(s.onabort === h);
        s.onabort = 5;            // non-objects become null
        log.push(s.onabort);
        s.onabort = () => log.push('h2');
        ac.abort();
        return log;
    })()""")
    assert r == [None, True, None, "h2"]


async def test_timeout(ctx):
    r = await ctx.eval_async("""(async () => {
        const s = AbortSignal.timeout(10);
        const first = s.aborted;
        const ev = await new Promise((resolve) => s.addEventListener('abort', resolve));
        return [first, s.aborted, s.reason.name, s.reason.code, s.reason instanceof DOMException,
                ev.type];
    })()""")
    assert r == [False, True, "TimeoutError", 23, True, "abort"]


def test_timeout_argument_checks(ctx):
    for bad in ["-1", "Infinity", "NaN", "2 ** 60"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"AbortSignal.timeout({bad})")
        assert e.value.name == "TypeError", bad
    with pytest.raises(runtime.JSError):
        ctx.eval("AbortSignal.timeout()")


def test_any(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const a = new AbortController(), b = new AbortController();
        const any = AbortSignal.any([a.signal, b.signal]);
        const nested = AbortSignal.any([any]);
        any.addEventListener('abort', () => log.push('any', any.reason));
        nested.addEventListener('abort', () => log.push('nested', nested.reason));
        log.push(any.aborted);
        b.abort('B');
        a.abort('A');
        log.push(any.aborted, any.reason, nested.reason);
        // already aborted input: result is aborted at once, with that reason
        const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('pre')]);
        log.push(pre.aborted, pre.reason);
        // empty list: never aborts
        log.push(AbortSignal.any([]).aborted);
        return log;
    })()""")
    assert r == [False, "any", "B", "nested", "B", True, "B", "B", True, "pre", False]


def test_any_errors(ctx):
    for bad in ["[{}]", "5", "[null]"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"AbortSignal.any({bad})")
        assert e.value.name == "TypeError"


def test_any_abort_event_order(ctx):
    """The source fires before its dependents (DOM "signal abort")."""
    r = ctx.eval("""(() => {
        const log = [];
        const ac = new AbortController();
        const dep = AbortSignal.any([ac.signal]);
        dep.onabort = () => log.push('dep', ac.signal.aborted);
        ac.signal.onabort = () => log.push('src', dep.aborted);
        ac.abort();
        return log;
    })()""")
    assert r == ["src", True, "dep", True]


def test_listener_removed_by_signal(ctx):
    r = ctx.eval("""(() => {
        let n = 0;
        const t = new EventTarget();
        const ac = new AbortController();
        t.addEventListener('x', () => n++, {signal: ac.signal});
        t.dispatchEvent(new Event('x'));
        ac.abort();
        t.dispatchEvent(new Event('x'));
        return n;
    })()""")
    assert r == 1


def test_runtime_fired_events_are_trusted(ctx):
    assert ctx.eval("""(() => {
        const out = [];
        const ac = new AbortController();
        ac.signal.addEventListener('abort', (e) => out.push(e.isTrusted));
        ac.abort();
        const s = AbortSignal.any([new AbortController().signal]);
        s.addEventListener('abort', (e) => out.push(e.isTrusted));
        s.dispatchEvent(new Event('abort'));  // dispatched by the program: not trusted
        return out;
    })()""") == [True, False]
