"""Event, EventTarget, CustomEvent, ErrorEvent, DOMException (WHATWG DOM), on every engine."""

from __future__ import annotations

import pytest

import runtime


def test_dispatch_order_and_phases(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const t = new EventTarget();
        t.addEventListener('x', (e) => log.push('bubble1:' + e.eventPhase));
        t.addEventListener('x', (e) => log.push('capture:' + e.eventPhase), true);
        t.addEventListener('x', {handleEvent(e) { log.push('object:' + (this === obj)); }});
        const obj = t.addEventListener.length;
        const ev = new Event('x');
        const result = t.dispatchEvent(ev);
        log.push(result, ev.eventPhase, ev.currentTarget, ev.target === t, ev.isTrusted);
        return log;
    })()""")
    assert r == ["capture:2", "bubble1:2", "object:false", True, 0, None, True, False]


def test_handle_event_this_and_duplicates(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const t = new EventTarget();
        const listener = {handleEvent(e) { log.push(this === listener, e.currentTarget === t); }};
        const fn = function () { log.push(this === t); };
        t.addEventListener('x', listener);
        t.addEventListener('x', listener);          // duplicate: ignored
        t.addEventListener('x', fn);
        t.addEventListener('x', fn, {capture: false}); // duplicate
        t.addEventListener('x', fn, true);          // different capture: a second listener
        t.addEventListener('x', null);              // ignored
        t.dispatchEvent(new Event('x'));
        return log;
    })()""")
    assert r == [True, True, True, True]


def test_once_passive_and_signal(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const t = new EventTarget();
        t.addEventListener('x', () => log.push('once'), {once: true});
        t.addEventListener('x', (e) => { e.preventDefault(); log.push('passive:' + e.defaultPrevented); },
                           {passive: true});
        const ac = new AbortController();
        t.addEventListener('x', () => log.push('signal'), {signal: ac.signal});
        const ev = new Event('x', {cancelable: true});
        log.push(t.dispatchEvent(ev));
        ac.abort();
        log.push(t.dispatchEvent(new Event('x', {cancelable: true})));
        t.addEventListener('x', () => log.push('never'), {signal: AbortSignal.abort()});
        t.dispatchEvent(new Event('x'));
        return log;
    })()""")
    assert r == ["once", "passive:false", "signal", True, "passive:false", True, "passive:false"]


def test_prevent_default_and_return_value(ctx):
    r = ctx.eval("""(() => {
        const t = new EventTarget();
        t.addEventListener('x', (e) => e.preventDefault());
        const a = new Event('x', {cancelable: true});
        const b = new Event('x');
        const c = new Event('y', {cancelable: true});
        c.returnValue = false;
        return [t.dispatchEvent(a), a.defaultPrevented, a.returnValue,
                t.dispatchEvent(b), b.defaultPrevented, c.defaultPrevented];
    })()""")
    assert r == [False, True, False, True, False, True]


def test_stop_immediate_propagation_and_removal_during_dispatch(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const t = new EventTarget();
        const second = () => log.push('second');
        t.addEventListener('x', () => { log.push('first'); t.removeEventListener('x', second); });
        t.addEventListener('x', second);
        t.addEventListener('x', () => {
            log.push('third');
            t.addEventListener('x', () => log.push('added during dispatch'));
        });
        t.dispatchEvent(new Event('x'));
        log.push('--');
        const u = new EventTarget();
        u.addEventListener('y', (e) => { log.push('a'); e.stopImmediatePropagation(); });
        u.addEventListener('y', () => log.push('b'));
        u.dispatchEvent(new Event('y'));
        log.push('--');
        // stopPropagation in a capture listener at the target skips the non-capture ones
        const w = new EventTarget();
        w.addEventListener('z', (e) => { log.push('cap'); e.stopPropagation(); }, true);
        w.addEventListener('z', () => log.push('bubble'));
        w.addEventListener('z', () => log.push('cap2'), true);
        const ev = new Event('z');
        w.dispatchEvent(ev);
        log.push(ev.cancelBubble);
        return log;
    })()""")
    assert r == ["first", "third", "--", "a", "--", "cap", "cap2", False]


def test_listener_errors_are_reported_and_dispatch_continues(ctx, caplog):
    caplog.set_level("DEBUG", logger="runtime.console")
    r = ctx.eval("""(() => {
        const log = [];
        const t = new EventTarget();
        t.addEventListener('x', () => { throw new Error('listener failed'); });
        t.addEventListener('x', () => log.push('after'));
        t.addEventListener('x', {handleEvent: 42});
        log.push(t.dispatchEvent(new Event('x')));
        return log;
    })()""")
    assert r == ["after", True]
    errors = [rec.getMessage() for rec in caplog.records if rec.levelname == "ERROR"]
    assert any("Uncaught Error: listener failed" in m for m in errors)
    assert any("TypeError" in m and "handleEvent" in m for m in errors)


def test_dispatch_errors(ctx):
    for expr in [
        "new EventTarget().dispatchEvent({type: 'x'})",
        "new EventTarget().dispatchEvent()",
        "new EventTarget().addEventListener('x')",
        "new Event()",
        "EventTarget.prototype.dispatchEvent.call({}, new Event('x'))",
    ]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(expr)
        assert e.value.name == "TypeError", expr
    r = ctx.eval("""(() => {
        const t = new EventTarget();
        let inner;
        t.addEventListener('x', (e) => {
            try { t.dispatchEvent(e); } catch (err) { inner = [err.name, err instanceof DOMException]; }
        });
        t.dispatchEvent(new Event('x'));
        return inner;
    })()""")
    assert r == ["InvalidStateError", True]


def test_event_properties(ctx):
    r = ctx.eval("""(() => {
        const e = new Event('go', {bubbles: true, cancelable: 1, composed: true});
        return [e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.eventPhase,
                e.target, e.srcElement, e.isTrusted, typeof e.timeStamp, e.timeStamp >= 0,
                e.composedPath().length, Event.AT_TARGET, e.BUBBLING_PHASE, Event.NONE,
                Object.prototype.toString.call(e), String(new Event(42).type)];
    })()""")
    assert r == [
        "go",
        True,
        True,
        True,
        False,
        0,
        None,
        None,
        False,
        "number",
        True,
        0,
        2,
        3,
        0,
        "[object Event]",
        "42",
    ]


def test_composed_path_and_init_event(ctx):
    r = ctx.eval("""(() => {
        const t = new EventTarget();
        let path;
        t.addEventListener('x', (e) => { path = e.composedPath(); });
        const e = new Event('x');
        t.dispatchEvent(e);
        const i = new Event('a');
        i.initEvent('b', true, true);
        return [path.length, path[0] === t, i.type, i.bubbles, i.cancelable];
    })()""")
    assert r == [1, True, "b", True, True]


def test_custom_event_and_error_event(ctx):
    r = ctx.eval("""(() => {
        const c = new CustomEvent('c', {detail: {n: 1}});
        const d = new CustomEvent('d');
        const err = new Error('x');
        const ee = new ErrorEvent('error', {message: 'm', filename: 'f.js', lineno: 3, colno: 4,
                                            error: err});
        return [c.detail.n, d.detail, c instanceof Event, Object.prototype.toString.call(c),
                ee.message, ee.filename, ee.lineno, ee.colno, ee.error === err, ee instanceof Event,
                new ErrorEvent('e').message, new ErrorEvent('e').error];
    })()""")
    assert r == [1, None, True, "[object CustomEvent]", "m", "f.js", 3, 4, True, True, "", None]


def test_subclassing(ctx):
    r = ctx.eval("""(() => {
        class Emitter extends EventTarget {
            fire(n) { return this.dispatchEvent(new CustomEvent('n', {detail: n})); }
        }
        class MyEvent extends Event { constructor() { super('mine'); this.extra = 1; } }
        const em = new Emitter();
        const got = [];
        em.addEventListener('n', (e) => got.push(e.detail));
        em.addEventListener('mine', (e) => got.push(e.extra, e instanceof MyEvent));
        em.fire(5);
        em.dispatchEvent(new MyEvent());
        return got;
    })()""")
    assert r == [5, 1, True]


def test_global_is_an_event_target(ctx):
    r = ctx.eval("""(() => {
        const log = [];
        const fn = (e) => log.push(e.type, e.currentTarget === globalThis, e.target === self);
        addEventListener('ping', fn);
        globalThis.dispatchEvent(new Event('ping'));
        removeEventListener('ping', fn);
        dispatchEvent(new Event('ping'));
        return [log, globalThis instanceof EventTarget, typeof self.addEventListener];
    })()""")
    assert r == [["ping", True, True], True, "function"]


def test_domexception(ctx):
    r = ctx.eval("""(() => {
        const e = new DOMException('msg', 'NotFoundError');
        const d = new DOMException();
        const custom = new DOMException('m', 'CustomThing');
        const withCause = new DOMException('m', {name: 'AbortError', cause: 7});
        return [e.name, e.message, e.code, e instanceof Error, e instanceof DOMException,
                Object.prototype.toString.call(e), String(e), d.name, d.message, d.code,
                custom.code, DOMException.NOT_FOUND_ERR, e.DATA_CLONE_ERR, withCause.name,
                withCause.cause, withCause.code, typeof e.stack,
                Object.keys(e).length, DOMException.name,
                new DOMException('x', 'TimeoutError').code, new DOMException('x', 'DataCloneError').code];
    })()""")
    assert r == [
        "NotFoundError",
        "msg",
        8,
        True,
        True,
        "[object DOMException]",
        "NotFoundError: msg",
        "Error",
        "",
        0,
        0,
        8,
        25,
        "AbortError",
        7,
        20,
        "string",
        0,
        "DOMException",
        23,
        25,
    ]


def test_domexception_thrown_to_python(ctx):
    with pytest.raises(runtime.JSError) as e:
        ctx.eval("throw new DOMException('gone', 'NotFoundError')")
    assert e.value.name == "NotFoundError"
    assert e.value.message == "gone"


def test_error_event_for_report_error(ctx, caplog):
    caplog.set_level("DEBUG", logger="runtime.console")
    r = ctx.eval("""(() => {
        const log = [];
        const onError = (e) => {
            log.push(e instanceof ErrorEvent, e.message, e.error && e.error.message, e.cancelable);
            e.preventDefault();
        };
        addEventListener('error', onError);
        reportError(new TypeError('handled'));
        removeEventListener('error', onError);
        return log;
    })()""")
    assert r == [True, "Uncaught TypeError: handled", "handled", True]
    assert not [rec for rec in caplog.records if "handled" in rec.getMessage()]
    ctx.eval("reportError(new RangeError('unhandled'))")
    msgs = [rec.getMessage() for rec in caplog.records if rec.levelname == "ERROR"]
    assert any(m.startswith("Uncaught RangeError: unhandled") for m in msgs)


def test_report_error_not_canceled_still_logs(ctx, caplog):
    caplog.set_level("DEBUG", logger="runtime.console")
    r = ctx.eval("""(() => {
        let seen = 0;
        const fn = () => { seen++; };
        addEventListener('error', fn);
        reportError(new Error('seen and logged'));
        onerror = () => false;           // event handler attribute: returning false cancels
        reportError(new Error('canceled by onerror'));
        onerror = null;
        removeEventListener('error', fn);
        return seen;
    })()""")
    assert r == 2
    msgs = [rec.getMessage() for rec in caplog.records]
    assert any("seen and logged" in m for m in msgs)
    assert not any("canceled by onerror" in m for m in msgs)
