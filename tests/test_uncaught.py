"""Exceptions nobody catches (in timers, microtasks) are reported the same way everywhere."""

from __future__ import annotations

import logging

import pytest

import runtime


def test_timer_exception_is_logged_as_uncaught(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.wait(ctx.eval("new Promise((r) => { setTimeout(() => { throw 42; }, 0); setTimeout(r, 5); })"))
        ctx.wait(ctx.eval("new Promise((r) => { setTimeout(() => { null.x; }, 0); setTimeout(r, 5); })"))
    messages = [r.getMessage() for r in caplog.records if r.name == "runtime.console"]
    assert messages[0] == "Uncaught 42"
    assert messages[1].startswith("Uncaught TypeError")


def test_global_error_listener_sees_timer_exceptions(ctx, caplog):
    ctx.eval(
        "globalThis.seen = []; addEventListener('error', (e) => { seen.push(e.message); e.preventDefault(); });"
    )
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.wait(
            ctx.eval(
                "new Promise((r) => { setTimeout(() => { throw new Error('x'); }, 0); setTimeout(r, 5); })"
            )
        )
    assert ctx.eval("seen") == ["Uncaught Error: x"]
    assert not [r for r in caplog.records if r.name == "runtime.console"]  # cancelled: not logged


def test_base64_helper_rejects_non_latin1(ctx):
    assert (
        ctx.eval(
            "(() => { try { __runtime.base64ToBytes('\\u0141AAA'); return 'no'; } catch (e) { return e.name; } })()"
        )
        == "TypeError"
    )


# ---------------------------------------------------------------- promise rejections


def _console(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "runtime.console"]


def test_a_rejection_nobody_handles_is_logged_with_its_stack(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval(
            "function load() { return Promise.reject(new RangeError('db down')); }\n"
            "load();\n"
            "(async function later() { await null; throw new TypeError('late'); })(); 1",
            filename="app.js",
        )
        ctx.eval("0")  # the async function's rejection comes with its promise jobs
    messages = _console(caplog)
    assert len(messages) == 2, messages
    assert messages[0].startswith("Uncaught (in promise) RangeError: db down\n    at load (app.js:1:")
    assert messages[1].startswith("Uncaught (in promise) TypeError: late\n    at later (app.js:3:")


def test_any_value_a_rejection_carries_is_logged(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval("Promise.reject(Symbol('s')); Promise.reject(null); Promise.reject({ code: 7 }); 1")
        ctx.eval("0")
    assert _console(caplog) == [
        "Uncaught (in promise) Symbol(s)",
        "Uncaught (in promise) null",
        "Uncaught (in promise) { code: 7 }",
    ]


def test_rejections_handled_before_the_promise_jobs_end_are_not_reported(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval(
            """
            const a = Promise.reject(new Error('a')); a.catch(() => {});
            (async () => { try { await Promise.reject(new Error('b')); } catch {} })();
            (async () => { const f = async () => { throw new Error('c'); }; try { await f(); } catch {} })();
            const d = Promise.reject(new Error('d'));
            (async () => { await null; await null; d.catch(() => {}); })();
            Promise.allSettled([Promise.reject(new Error('e'))]);
            Promise.all([Promise.reject(new Error('f'))]).catch(() => {});
            new Promise((_, reject) => reject(new Error('g'))).then(() => {}, () => {});
            1"""
        )
        ctx.eval("0")
    assert _console(caplog) == []


async def test_a_rejected_promise_handed_to_python_is_not_reported(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        with pytest.raises(runtime.JSError):
            await ctx.eval_async("(async () => { await null; throw new Error('for python'); })()")
        ctx.eval("0")
    assert _console(caplog) == []


def test_unhandledrejection_listeners_see_the_event_and_may_cancel_it(ctx, caplog):
    ctx.eval(
        """globalThis.seen = [];
        addEventListener('unhandledrejection', (e) => {
          seen.push([e.type, e.reason.message, e.promise instanceof Promise, e.cancelable, e.isTrusted,
                     e instanceof PromiseRejectionEvent]);
          if (e.reason.message === 'quiet') e.preventDefault();
        });
        onunhandledrejection = (e) => { seen.push(['attribute', e.reason.message]); };
        Promise.reject(new Error('quiet')); Promise.reject(new Error('loud')); 1"""
    )
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval("0")
    assert ctx.eval("seen") == [
        ["unhandledrejection", "quiet", True, True, True, True],
        ["attribute", "quiet"],
        ["unhandledrejection", "loud", True, True, True, True],
        ["attribute", "loud"],
    ]
    messages = _console(caplog)
    assert len(messages) == 1 and messages[0].startswith("Uncaught (in promise) Error: loud")


def test_a_handler_added_after_the_report_fires_rejectionhandled(ctx):
    ctx.eval(
        """globalThis.seen = [];
        addEventListener('unhandledrejection', (e) => { e.preventDefault(); seen.push('unhandled'); });
        addEventListener('rejectionhandled', (e) => { seen.push(['handled', e.reason, e.cancelable]); });
        globalThis.late = Promise.reject(5); 1"""
    )
    ctx.eval("0")
    assert ctx.eval("seen") == ["unhandled"]
    ctx.eval("late.catch(() => {}); 1")
    ctx.eval("0")
    assert ctx.eval("seen") == ["unhandled", ["handled", 5, False]]


def test_promise_rejection_event_constructor(ctx):
    assert ctx.eval(
        """(() => {
        const p = Promise.resolve();
        const e = new PromiseRejectionEvent('unhandledrejection', { promise: p, reason: 'r', cancelable: true });
        const out = [e.promise === p, e.reason, e.cancelable, e.isTrusted, Object.prototype.toString.call(e)];
        for (const init of [undefined, {}, { promise: 1 }]) {
          try { new PromiseRejectionEvent('x', init); out.push('no error'); } catch (err) { out.push(err.name); }
        }
        return out;
      })()"""
    ) == [True, "r", True, False, "[object PromiseRejectionEvent]", "TypeError", "TypeError", "TypeError"]


def test_a_listener_that_throws_is_reported_and_the_rest_still_run(ctx, caplog):
    ctx.eval(
        """globalThis.seen = [];
        addEventListener('unhandledrejection', () => { throw new Error('listener broke'); });
        addEventListener('unhandledrejection', (e) => { seen.push(e.reason); });
        Promise.reject('first'); 1"""
    )
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval("0")
    assert ctx.eval("seen") == ["first"]
    messages = _console(caplog)
    assert any(m.startswith("Uncaught Error: listener broke") for m in messages), messages
    assert any(m == "Uncaught (in promise) first" for m in messages), messages


def test_a_runaway_that_keeps_rejecting_is_still_stopped(ctx):
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("for (;;) Promise.reject(new Error('again'));", timeout=0.5)
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("Promise.resolve().then(() => { for (;;) Promise.reject(1); }); 1", timeout=0.5)
        ctx.eval("0", timeout=0.5)
    assert ctx.eval("1 + 1") == 2


def test_a_flood_of_rejections_is_reported_by_its_first_twenty_and_a_count(ctx, caplog):
    # Every one still fires its event; only the log is cut short.
    ctx.eval("globalThis.fired = 0; addEventListener('unhandledrejection', () => { fired++; }); 1")
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval("for (let i = 0; i < 50; i++) Promise.reject(i); 1")
        ctx.eval("Promise.reject('alone'); 1")
    messages = [r.getMessage() for r in caplog.records if r.name == "runtime.console"]
    assert messages == [
        *(f"Uncaught (in promise) {i}" for i in range(20)),
        "... and 30 more unhandled rejections (not shown)",
        "Uncaught (in promise) alone",
    ]
    assert ctx.eval("fired") == 51


def test_a_runaway_unhandledrejection_listener_is_stopped(ctx):
    ctx.eval("addEventListener('unhandledrejection', () => { for (;;) {} }); 1")
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("Promise.reject(1); 1", timeout=0.5)
        ctx.eval("0", timeout=0.5)
    assert ctx.eval("1 + 1") == 2


def test_rejections_by_listeners_come_after_what_came_before_in_order(ctx, caplog):
    with caplog.at_level(logging.INFO, logger="runtime.console"):
        ctx.eval(
            """addEventListener('unhandledrejection', (e) => {
              console.log('listener for', e.reason);
              if (e.reason === 1) Promise.reject(2);
            });
            console.log('before'); Promise.reject(1); 1"""
        )
        ctx.eval("0")
    assert _console(caplog) == [
        "before",
        "listener for 1",
        "Uncaught (in promise) 1",
        "listener for 2",
        "Uncaught (in promise) 2",
    ]


def test_listeners_that_reject_again_are_notified_in_a_loop_not_a_recursion(ctx):
    ctx.eval(
        "globalThis.rounds = 0; addEventListener('unhandledrejection', (e) => {"
        " e.preventDefault(); if (++rounds < 500) Promise.reject(rounds); }); 1"
    )
    ctx.eval("Promise.reject(0); 1")
    ctx.eval("0")
    assert ctx.eval("rounds") == 500


def test_a_listener_that_never_stops_rejecting_is_bounded_by_the_timeout(engine):
    ctx = runtime.Context(engine)
    ctx.eval("addEventListener('unhandledrejection', (e) => { e.preventDefault(); Promise.reject(2); }); 1")
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("Promise.reject(1); 1", timeout=0.5)
        ctx.eval("0", timeout=0.5)
    ctx.close()  # its last drain is bounded too


def test_closing_after_a_runaway_listener_is_bounded(engine):
    ctx = runtime.Context(engine)
    ctx.eval("addEventListener('unhandledrejection', () => { for (;;); }); 1")
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("Promise.reject(1); for (;;);", timeout=0.3)
    ctx.close()  # the drain it makes is bounded
    assert ctx.closed


def test_a_reason_that_throws_at_every_touch_is_still_reported_and_so_are_the_rest(ctx, caplog):
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval(
            # In a block: SpiderMonkey keeps a script's top-level const for the process's life.
            "{ const r = Proxy.revocable({}, {}); r.revoke(); Promise.reject(r.proxy);"
            " const e = new Error('x'); Object.defineProperty(e, 'stack', { get() { throw 1; } });"
            " Promise.reject(e); Promise.reject('after'); 1 }"
        )
        ctx.eval("0")
    messages = _console(caplog)
    assert len(messages) == 3, messages
    assert all(m.startswith("Uncaught (in promise) ") for m in messages), messages
    assert messages[2] == "Uncaught (in promise) after"


def test_a_host_function_that_calls_back_in_does_not_report_too_early(ctx, caplog):
    # On SpiderMonkey the host function runs inside the script and crosses back in: the
    # drain after that inner crossing must wait for the script (V8's host calls are async).
    ctx.expose("getConfig", lambda: ctx.globals["config"])
    ctx.eval("globalThis.config = { a: 1 }; 0")
    with caplog.at_level(logging.ERROR, logger="runtime.console"):
        ctx.eval("{ const p = Promise.reject(new Error('net')); getConfig(); p.catch(() => {}); 0 }")
        ctx.wait(ctx.eval("new Promise((r) => setTimeout(r, 5))"))
    assert _console(caplog) == []
