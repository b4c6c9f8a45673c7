"""MessageChannel, MessagePort and MessageEvent (HTML channel messaging, within one context),
structuredClone's transfer list, and react-dom/server, which schedules its work through a
MessageChannel, on every engine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest

import runtime

REACT_APP = Path(__file__).parent / "react_app"

PRELUDE = """
const tick = () => new Promise((r) => setTimeout(r, 0));
const settle = async (n = 3) => { for (let i = 0; i < n; i++) await tick(); };
const errorName = (f) => { try { f(); return "no error"; } catch (e) { return e.name; } };
"""


def run(ctx, body: str):
    """Run an async JS function body (with the helpers above) and return its result."""
    return ctx.wait(ctx.eval(f"(async () => {{ {PRELUDE}\n{body} }})()"))


# ---------------------------------------------------------------------------- interfaces
def test_interfaces(ctx):
    r = ctx.eval("""(() => {
        const c = new MessageChannel();
        const names = (o) => Object.prototype.toString.call(o);
        let illegal;
        try { new MessagePort(); } catch (e) { illegal = e.name; }
        return [names(c), names(c.port1), c.port1 instanceof MessagePort, c.port1 instanceof EventTarget,
                c.port1 === c.port1, c.port1 !== c.port2, illegal,
                Object.keys(MessagePort.prototype).sort(), Object.keys(MessageChannel.prototype).sort(),
                typeof MessageEvent.prototype.initMessageEvent];
    })()""")
    assert r == [
        "[object MessageChannel]",
        "[object MessagePort]",
        True,
        True,
        True,
        True,
        "TypeError",
        ["close", "onclose", "onmessage", "onmessageerror", "postMessage", "start"],
        ["port1", "port2"],
        "function",
    ]


def test_message_event_constructor(ctx):
    r = ctx.eval("""(() => {
        const d = new MessageEvent("message");
        const { port1 } = new MessageChannel();
        const data = { a: 1 };
        const e = new MessageEvent("x", { data, origin: "https://a.example", lastEventId: 7,
                                          source: port1, ports: [port1], cancelable: true });
        const bad = [
            () => new MessageEvent("x", { source: {} }),
            () => new MessageEvent("x", { ports: [{}] }),
            () => new MessageEvent("x", { ports: 5 }),
            () => new MessageEvent(),
        ].map((f) => { try { f(); return "no error"; } catch (err) { return err.name; } });
        const i = new MessageEvent("y");
        i.initMessageEvent("z", true, false, "d", "o", "id", null, [port1]);
        return [d.type, d.data, d.origin, d.lastEventId, d.source, d.ports.length, Object.isFrozen(d.ports),
                e.data === data, e.origin, e.lastEventId, e.source === port1, e.ports[0] === port1,
                e.ports === e.ports, Object.isFrozen(e.ports), e.cancelable, e instanceof Event, bad,
                [i.type, i.bubbles, i.data, i.origin, i.lastEventId, i.ports.length]];
    })()""")
    assert r == [
        "message",
        None,
        "",
        "",
        None,
        0,
        True,
        True,
        "https://a.example",
        "7",
        True,
        True,
        True,
        True,
        True,
        True,
        ["TypeError", "TypeError", "TypeError", "TypeError"],
        ["z", True, "d", "o", "id", 1],
    ]


# ---------------------------------------------------------------------------- delivery
def test_messages_arrive_as_tasks_in_order(ctx):
    r = run(
        ctx,
        """
        const log = [];
        const { port1, port2 } = new MessageChannel();
        port2.onmessage = function (e) {
            log.push([e.data, this === port2, e.target === port2, e.currentTarget === port2, e.origin,
                      e.lastEventId, e.source, e.ports.length, e instanceof MessageEvent, e.type]);
        };
        port1.postMessage("a");
        port1.postMessage("b");
        setTimeout(() => log.push("timer"), 0);
        port1.postMessage("c");
        queueMicrotask(() => log.push("microtask"));
        log.push("sync");
        await settle(5);
        return log;
        """,
    )
    ev = [True, True, True, "", "", None, 0, True, "message"]
    assert r == ["sync", "microtask", ["a", *ev], ["b", *ev], "timer", ["c", *ev]]


def test_both_directions_and_microtasks_between_messages(ctx):
    r = run(
        ctx,
        """
        const log = [];
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = (e) => log.push("1 got " + e.data);
        port2.onmessage = (e) => {
            log.push("2 got " + e.data);
            Promise.resolve().then(() => log.push("micro after " + e.data));
            port2.postMessage(e.data + "!");
        };
        port1.postMessage("x");
        port1.postMessage("y");
        await settle(6);
        return log;
        """,
    )
    assert r == ["2 got x", "micro after x", "2 got y", "micro after y", "1 got x!", "1 got y!"]


def test_add_event_listener_needs_start_and_messages_wait_for_it(ctx):
    r = run(
        ctx,
        """
        const log = [];
        const { port1, port2 } = new MessageChannel();
        port2.addEventListener("message", (e) => log.push(e.data));
        port1.postMessage(1);
        port1.postMessage(2);
        await settle();
        log.push("start");
        port2.start();
        port2.start(); // a second start changes nothing
        port1.postMessage(3);
        await settle(5);
        // onmessage set late still gets what was queued before it
        const c = new MessageChannel();
        c.port1.postMessage("early");
        await settle();
        c.port2.onmessage = (e) => log.push(e.data);
        await settle();
        return log;
        """,
    )
    assert r == ["start", 1, 2, 3, "early"]


def test_onmessage_handler_errors_are_reported_and_delivery_goes_on(ctx):
    r = run(
        ctx,
        """
        const log = [];
        addEventListener("error", (e) => { log.push("error: " + e.error.message); e.preventDefault(); });
        const { port1, port2 } = new MessageChannel();
        port2.onmessage = (e) => { if (e.data === 1) throw new Error("boom"); log.push(e.data); };
        port1.postMessage(1);
        port1.postMessage(2);
        await settle(4);
        return log;
        """,
    )
    assert r == ["error: boom", 2]


# ---------------------------------------------------------------------------- cloning
def test_messages_are_structured_clones(ctx):
    r = run(
        ctx,
        """
        const { port1, port2 } = new MessageChannel();
        let got;
        port2.onmessage = (e) => { got = e.data; };
        const obj = { n: 1, when: new Date(5), m: new Map([[1, { deep: true }]]), u8: new Uint8Array([1, 2]) };
        obj.self = obj;
        port1.postMessage(obj);
        obj.n = 2; // changes after posting are not seen
        await settle();
        return [got === obj, got.n, got.when instanceof Date, got.when.getTime(), got.m.get(1).deep,
                Array.from(got.u8), got.self === got];
        """,
    )
    assert r == [False, 1, True, 5, True, [1, 2], True]


def test_uncloneable_data_throws_data_clone_error(ctx):
    r = run(
        ctx,
        """
        const { port1, port2 } = new MessageChannel();
        const got = [];
        port2.onmessage = (e) => got.push(e.data);
        const buf = new ArrayBuffer(4);
        const names = [
            errorName(() => port1.postMessage(() => 1)),
            errorName(() => port1.postMessage({ f() {} })),
            errorName(() => port1.postMessage(Symbol("s"))),
            errorName(() => port1.postMessage(port2)),         // a port must be transferred
            errorName(() => port1.postMessage(new MessageChannel())),
            errorName(() => port1.postMessage({ buf, f: () => 1 }, [buf])),
        ];
        await settle();
        return [names, buf.byteLength, got];  // nothing sent, nothing detached
        """,
    )
    assert r == [["DataCloneError"] * 6, 4, []]


def test_transfer_list_errors(ctx):
    r = ctx.eval("""(() => {
        const { port1, port2 } = new MessageChannel();
        const name = (f) => { try { f(); return "no error"; } catch (e) { return e.name; } };
        const buf = new ArrayBuffer(1);
        const detached = new ArrayBuffer(1);
        structuredClone(detached, { transfer: [detached] });
        return [
            name(() => port1.postMessage(1, [port1])),           // the source port itself
            name(() => port1.postMessage(1, { transfer: [port1] })),
            name(() => port1.postMessage(1, [buf, buf])),         // a duplicate
            name(() => port1.postMessage(1, [detached])),         // detached already
            name(() => port1.postMessage(1, [{}])),               // not transferable
            name(() => port1.postMessage(1, [1])),                // not an object
            name(() => port1.postMessage(1, 5)),                  // neither sequence nor dictionary
            name(() => port1.postMessage(1, { transfer: 5 })),
            name(() => port1.postMessage()),
            name(() => MessagePort.prototype.postMessage.call({}, 1)),
            name(() => port1.postMessage(1, null)),               // null is an empty dictionary
            name(() => port1.postMessage(1, { transfer: [] })),
            buf.byteLength,
        ];
    })()""")
    assert r == [
        "DataCloneError",
        "DataCloneError",
        "DataCloneError",
        "DataCloneError",
        "DataCloneError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "no error",
        "no error",
        1,
    ]


def test_transferring_array_buffers_detaches_them(ctx):
    r = run(
        ctx,
        """
        const { port1, port2 } = new MessageChannel();
        let got;
        port2.onmessage = (e) => { got = e; };
        const buf = new ArrayBuffer(8);
        const view = new Uint8Array(buf, 2, 3);
        view.set([7, 8, 9]);
        const kept = new Uint8Array([5]);
        port1.postMessage({ view, buf, kept }, { transfer: [buf] });
        const after = [buf.byteLength, view.length, errorName(() => new Uint8Array(buf))];
        await settle();
        const d = got.data;
        return [after, d.buf.byteLength, d.view.buffer === d.buf, d.view.byteOffset, Array.from(d.view),
                kept.length, d.kept.buffer !== kept.buffer, got.ports.length];
        """,
    )
    assert r == [[0, 0, "TypeError"], 8, True, 2, [7, 8, 9], 1, True, 0]


def test_transferring_a_port(ctx):
    r = run(
        ctx,
        """
        const log = [];
        const a = new MessageChannel();
        const b = new MessageChannel();
        b.port1.postMessage("queued before the transfer");
        let moved;
        a.port2.onmessage = (e) => {
            moved = e.ports[0];
            log.push([e.data.port === moved, moved instanceof MessagePort, moved !== b.port2, e.ports.length,
                      Object.isFrozen(e.ports)]);
            moved.onmessage = (m) => { log.push("moved got " + m.data); moved.postMessage("reply"); };
        };
        b.port1.onmessage = (e) => log.push("b.port1 got " + e.data);
        a.port1.postMessage({ port: b.port2 }, [b.port2]);
        // the original is detached: it cannot be sent again, and what it posts goes nowhere
        log.push(errorName(() => a.port1.postMessage(null, [b.port2])));
        b.port2.postMessage("from the detached port");
        b.port1.postMessage("after the transfer");
        await settle(8);
        return log;
        """,
    )
    assert r == [
        "DataCloneError",
        [True, True, True, 1, True],
        "moved got queued before the transfer",
        "moved got after the transfer",
        "b.port1 got reply",
        "b.port1 got reply",
    ]


def test_transferring_the_target_port_drops_the_message(ctx):
    r = run(
        ctx,
        """
        const { port1, port2 } = new MessageChannel();
        let got = 0;
        port2.onmessage = () => { got++; };
        const buf = new ArrayBuffer(2);
        port1.postMessage(buf, [port2, buf]);
        await settle();
        return [got, buf.byteLength, errorName(() => port1.postMessage(1, [port2]))];
        """,
    )
    assert r == [0, 0, "DataCloneError"]


def test_structured_clone_transfers_ports_and_buffers(ctx):
    r = run(
        ctx,
        """
        const { port1, port2 } = new MessageChannel();
        const buf = new ArrayBuffer(3);
        const out = structuredClone({ port: port2, buf }, { transfer: [port2, buf] });
        let got;
        out.port.onmessage = (e) => { got = e.data; };
        port1.postMessage("to the clone");
        await settle();
        return [out.port instanceof MessagePort, out.port !== port2, out.buf.byteLength, buf.byteLength, got,
                errorName(() => structuredClone(port2, { transfer: [port2] })),
                errorName(() => structuredClone(port1)),
                errorName(() => structuredClone(1, { transfer: [1] }))];
        """,
    )
    assert r == [True, True, 3, 0, "to the clone", "DataCloneError", "DataCloneError", "TypeError"]


def test_structured_clone_transfer_sees_writes_made_while_serializing(ctx):
    r = ctx.eval("""(() => {
        const buf = new ArrayBuffer(2);
        const value = { get a() { new Uint8Array(buf)[0] = 42; return 1; }, buf };
        const out = structuredClone(value, { transfer: [buf] });
        return [out.a, new Uint8Array(out.buf)[0], buf.byteLength];
    })()""")
    assert r == [1, 42, 0]


# ---------------------------------------------------------------------------- close
def test_close(ctx):
    r = run(
        ctx,
        """
        const log = [];
        const a = new MessageChannel();
        a.port2.onmessage = (e) => log.push("a got " + e.data);
        a.port1.postMessage("posted before the receiver closes");
        a.port2.close();                                   // what was queued is not delivered
        a.port1.postMessage("to a closed port");
        const b = new MessageChannel();
        b.port2.onmessage = (e) => log.push("b got " + e.data);
        b.port2.onclose = () => log.push("b.port2 closed");
        b.port1.postMessage("posted before the sender closes");   // already on its way: delivered
        b.port1.close();
        b.port1.postMessage("from a closed port");
        b.port1.close(); // again: nothing
        log.push(errorName(() => b.port1.postMessage(() => 1)));  // still serialized
        log.push(errorName(() => structuredClone(b.port1, { transfer: [b.port1] })));
        await settle(4);
        return log;
        """,
    )
    assert r == [
        "DataCloneError",
        "DataCloneError",
        "b got posted before the sender closes",
        "b.port2 closed",
    ]


# ---------------------------------------------------------------------------- idle
def test_an_idle_port_is_not_pending_work(ctx):
    # Nothing outside the context can post to it: waiting on it could never end.
    ctx.eval("""globalThis.waiting = new Promise((resolve) => {
        const { port1 } = new MessageChannel();
        port1.onmessage = resolve;
    })""")
    with pytest.raises(runtime.PromiseNeverSettles):
        ctx.wait(ctx.eval("waiting"))
    # a message on its way is pending work
    got = ctx.wait(
        ctx.eval("""new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = (e) => resolve(e.data);
        port2.postMessage("arrived");
    })""")
    )
    assert got == "arrived"


def _run_cli(*args: str, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "runtime", "run", "--timeout", "60", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def test_runtime_run_ends_with_ports_open(tmp_path, engine):
    app = tmp_path / "ports.mjs"
    app.write_text(
        "const { port1, port2 } = new MessageChannel();\n"
        "port1.onmessage = (e) => { console.log('got', e.data); port1.postMessage(e.data + 1); };\n"
        "port2.onmessage = (e) => console.log('back', e.data);\n"
        "port2.postMessage(1);\n"
    )
    r = _run_cli("--engine", engine, str(app))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "got 1\nback 2\n"


# ---------------------------------------------------------------------------- React
@pytest.fixture(scope="module")
def react_app():
    npm.install(REACT_APP)
    return REACT_APP / "ssr.js"


def _react(ctx, react_app):
    # Count the browser build's scheduling messages, to show the MessageChannel path runs.
    ctx.eval("""(() => {
        const post = MessagePort.prototype.postMessage;
        globalThis.posts = 0;
        MessagePort.prototype.postMessage = function (...args) { posts++; return post.apply(this, args); };
    })()""")
    return ctx.import_module(react_app)


@pytest.mark.parametrize("build", ["browser", "edge"])
def test_react_dom_server_renders(ctx, react_app, build):
    ssr = _react(ctx, react_app)
    assert ssr["toString"](build, ["a", "b"]) == '<ul class="list"><li>a</li><li>b</li></ul>'
    html = ctx.wait(ssr["toStream"](build, "Hi & <bye>", ["x", "y"]))
    assert html == '<main><h1>Hi &amp; &lt;bye&gt;</h1><ul class="list"><li>x</li><li>y</li></ul></main>'
    chunks = ctx.wait(ssr["suspended"](build, "ready"))
    # the shell with the fallback first, then the content in a later chunk
    assert "loading" in chunks[0] and "ready" not in chunks[0]
    assert any("<p>ready</p>" in c for c in chunks[1:])
    posts = ctx.eval("posts")
    assert posts > 0 if build == "browser" else posts == 0


def test_react_dom_server_under_runtime_run(engine, react_app):
    r = _run_cli("--engine", engine, str(REACT_APP / "main.js"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == '<main><h1>run</h1><ul class="list"><li>a</li><li>b</li></ul></main>\n'


async def test_delivered_events_are_trusted(ctx):
    assert await ctx.eval_async("""new Promise((resolve) => {
        const { port1, port2 } = new MessageChannel();
        const out = [];
        port2.onmessage = (e) => { out.push(e.isTrusted); port2.close(); };
        port1.addEventListener("close", (e) => { out.push(e.isTrusted); resolve(out); });
        port1.start();
        port1.postMessage(1);
    })""") == [True, True]
