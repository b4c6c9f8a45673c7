"""Exceptions nobody catches (in timers, microtasks) are reported the same way everywhere."""

from __future__ import annotations

import logging


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
