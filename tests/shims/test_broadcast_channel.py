"""BroadcastChannel (HTML Standard) within one context: channels of one name receive each
other's messages as structured clones, in creation order, as tasks; close() and the spec's
errors, on every engine."""

from __future__ import annotations

PRELUDE = """
const tick = () => new Promise((r) => setTimeout(r, 0));
const settle = async (n = 3) => { for (let i = 0; i < n; i++) await tick(); };
const errorName = (f) => { try { f(); return "no error"; } catch (e) { return e.name; } };
"""


def run(ctx, body: str):
    """Run an async JS function body (with the helpers above) and return its result."""
    return ctx.wait(ctx.eval(f"(async () => {{ {PRELUDE}\n{body} }})()"))


def test_interface_and_errors(ctx):
    r = ctx.eval("""(() => {
        const c = new BroadcastChannel(123);
        const closed = new BroadcastChannel("x");
        closed.close();
        closed.close();  // twice is fine
        return [
            Object.prototype.toString.call(c), c instanceof EventTarget, c.name, new BroadcastChannel(null).name,
            new BroadcastChannel(undefined).name, c.onmessage, c.onmessageerror,
            Object.keys(BroadcastChannel.prototype).sort(),
            [() => BroadcastChannel("a"), () => new BroadcastChannel(), () => new BroadcastChannel(Symbol()),
             () => c.postMessage(), () => c.postMessage(Symbol()), () => c.postMessage({ f() {} }),
             () => c.postMessage(new MessageChannel().port1),
             () => closed.postMessage("x"), () => closed.postMessage(Symbol()),
             () => BroadcastChannel.prototype.postMessage.call({}, 1), () => c.postMessage(null)]
                .map((f) => { try { f(); return "no error"; } catch (e) { return e.name; } }),
        ];
    })()""")
    assert r == [
        "[object BroadcastChannel]",
        True,
        "123",
        "null",
        "undefined",
        None,
        None,
        ["close", "name", "onmessage", "onmessageerror", "postMessage"],
        [
            "TypeError",
            "TypeError",
            "TypeError",
            "TypeError",
            "DataCloneError",
            "DataCloneError",
            "DataCloneError",
            "InvalidStateError",
            "InvalidStateError",
            "TypeError",
            "no error",
        ],
    ]


def test_message_event_and_clone(ctx):
    r = run(
        ctx,
        """
        const a = new BroadcastChannel("ch"), b = new BroadcastChannel("ch"), other = new BroadcastChannel("other");
        const got = [];
        a.onmessage = () => got.push("sender got its own");
        other.onmessage = () => got.push("other name got it");
        const msg = { n: 1, list: [1, 2], when: new Date(0), map: new Map([["k", new Uint8Array([9])]]) };
        const received = new Promise((resolve) => { b.onmessage = resolve; });
        a.postMessage(msg);
        const sync = got.length;
        msg.n = 2;  // the message was cloned when posted
        const e = await received;
        await settle();
        return [sync, got, e instanceof MessageEvent, e.type, e.target === b, e.isTrusted, e.origin, e.source,
                e.ports.length, e.lastEventId, e.data !== msg, e.data.n, e.data.list, e.data.when instanceof Date,
                Array.from(e.data.map.get("k"))];
        """,
    )
    assert r == [0, [], True, "message", True, True, "null", None, 0, "", True, 1, [1, 2], True, [9]]


def test_each_receiver_gets_its_own_copy(ctx):
    r = run(
        ctx,
        """
        const a = new BroadcastChannel("c"), b = new BroadcastChannel("c"), c = new BroadcastChannel("c");
        const got = [];
        const all = new Promise((resolve) => {
            const on = (e) => { got.push(e.data); if (got.length === 2) resolve(); };
            b.onmessage = on;
            c.addEventListener("message", on);
        });
        a.postMessage({ x: [1] });
        await all;
        got[0].x.push(2);
        return [got[0] !== got[1], got[1].x];
        """,
    )
    assert r == [True, [1]]


def test_delivery_order(ctx):
    r = run(
        ctx,
        """
        const c1 = new BroadcastChannel("order"), c2 = new BroadcastChannel("order"), c3 = new BroadcastChannel("order");
        const names = new Map([[c1, "c1"], [c2, "c2"], [c3, "c3"]]);
        const log = [];
        for (const c of [c3, c1, c2]) c.onmessage = (e) => log.push(`${names.get(e.target)}<${e.data}`);
        c1.postMessage("from c1");
        c3.postMessage("from c3");
        c2.postMessage("done");
        await settle();
        return log;
        """,
    )
    assert r == [
        "c2<from c1",
        "c3<from c1",
        "c1<from c3",
        "c2<from c3",
        "c1<done",
        "c3<done",
    ]


def test_each_message_is_its_own_task(ctx):
    r = run(
        ctx,
        """
        const a = new BroadcastChannel("t"), b = new BroadcastChannel("t");
        const log = [];
        b.onmessage = (e) => { log.push(e.data); Promise.resolve().then(() => log.push("microtask after " + e.data)); };
        a.postMessage(1);
        a.postMessage(2);
        await settle();
        return log;
        """,
    )
    assert r == [1, "microtask after 1", 2, "microtask after 2"]


def test_close(ctx):
    r = run(
        ctx,
        """
        const c1 = new BroadcastChannel("cl"), c2 = new BroadcastChannel("cl"), c3 = new BroadcastChannel("cl");
        const log = [];
        c1.onmessage = (e) => log.push("c1:" + e.data);
        c2.onmessage = (e) => { log.push("c2:" + e.data); c2.close(); };
        c3.onmessage = (e) => log.push("c3:" + e.data);
        c1.postMessage("first");
        c1.postMessage("second");  // already queued for c2 when c2 closes: not delivered
        await settle();
        c3.close();
        const late = new BroadcastChannel("cl");
        late.onmessage = (e) => log.push("late:" + e.data);
        c1.postMessage("third");
        // A channel closed after the post does not get it either.
        const c4 = new BroadcastChannel("cl");
        c4.onmessage = (e) => log.push("c4:" + e.data);
        late.postMessage("fourth");
        c4.close();
        // A channel made after a post does not get that message.
        c1.postMessage("fifth");
        const after = new BroadcastChannel("cl");
        after.onmessage = (e) => log.push("after:" + e.data);
        await settle();
        return log;
        """,
    )
    assert r == ["c2:first", "c3:first", "c3:second", "late:third", "c1:fourth", "late:fifth"]


def test_idle_context_with_open_channels(ctx):
    # Open channels are no pending work: waiting ends once the messages are delivered.
    r = run(
        ctx,
        """
        globalThis.kept = [new BroadcastChannel("idle"), new BroadcastChannel("idle")];
        let n = 0;
        kept[1].onmessage = () => n++;
        kept[0].postMessage("x");
        await settle();
        return n;
        """,
    )
    assert r == 1
    assert ctx.eval("kept[0].name") == "idle"
