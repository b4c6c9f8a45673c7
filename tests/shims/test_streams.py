"""WHATWG Streams (ReadableStream, WritableStream, TransformStream, strategies, text
streams), on every engine. Each snippet runs inside an async IIFE: SpiderMonkey has one
global per process, so top-level bindings would leak between tests."""

from __future__ import annotations

import pytest

import runtime

# Lets queued promise jobs run (the tests avoid chains of timers: see the report in
# issue 3 about a timer created from a timer's continuation not firing).
FLUSH = "const flush = async (n = 50) => { for (let i = 0; i < n; i++) await null; };"


async def run(ctx, body: str):
    return await ctx.eval_async("(async () => {" + FLUSH + body + "})()")


async def error_of(ctx, body: str) -> list:
    """[name, message] of what the snippet throws (or rejects with)."""
    return await run(ctx, "try {" + body + "} catch (e) { return [e.name, String(e.message)]; } return null;")


# ---------------------------------------------------------------- ReadableStream basics


async def test_read_chunks_then_done(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream({ start(c) { c.enqueue("a"); c.enqueue("b"); c.close(); } });
        const r = rs.getReader();
        return [await r.read(), await r.read(), await r.read(), await r.read()];
    """,
    ) == [
        {"value": "a", "done": False},
        {"value": "b", "done": False},
        {"done": True, "value": None},
        {"done": True, "value": None},
    ]


async def test_class_shapes(ctx):
    assert (
        await run(
            ctx,
            """
        const names = ["ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamDefaultController",
          "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
          "TransformStream", "TransformStreamDefaultController", "ByteLengthQueuingStrategy",
          "CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream"];
        return names.map((n) => [globalThis[n].name === n,
          Object.prototype.toString.call(globalThis[n].prototype) === `[object ${n}]`,
          Object.getOwnPropertyDescriptor(globalThis, n).enumerable]);
    """,
        )
        == [[True, True, False]] * 12
    )
    assert await error_of(ctx, "new ReadableStreamDefaultController();") == [
        "TypeError",
        "Illegal constructor",
    ]
    assert (await error_of(ctx, "new ReadableStreamDefaultReader({});"))[0] == "TypeError"
    assert (await error_of(ctx, "ReadableStream.prototype.getReader.call({});"))[0] == "TypeError"
    assert (await error_of(ctx, "new ReadableStream(5);"))[0] == "TypeError"
    for ctor in ["ReadableStream", "WritableStream", "TransformStream"]:
        # the source/sink/transformer is an IDL `object`: null is not one
        assert (await error_of(ctx, f"new {ctor}(null);"))[0] == "TypeError"
        assert await run(ctx, f"return new {ctor}(undefined, null) instanceof {ctor};")
    assert (await error_of(ctx, "new ReadableStream({ pull: 1 });"))[0] == "TypeError"
    assert (await error_of(ctx, "new ReadableStream({ type: 'nope' });"))[0] == "TypeError"


async def test_reader_lock_and_release(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream();
        const out = [rs.locked];
        const r = rs.getReader();
        out.push(rs.locked);
        try { rs.getReader(); } catch (e) { out.push(e.name); }
        const pending = r.read();
        r.releaseLock();
        out.push(rs.locked);
        try { await pending; } catch (e) { out.push("pending:" + e.name); }
        try { await r.closed; } catch (e) { out.push("closed:" + e.name); }
        try { await r.read(); } catch (e) { out.push("read:" + e.name); }
        r.releaseLock(); // a second release is a no-op
        const r2 = rs.getReader();
        out.push(r2 !== r);
        return out;
    """,
    ) == [False, True, "TypeError", False, "pending:TypeError", "closed:TypeError", "read:TypeError", True]


async def test_get_reader_modes(ctx):
    assert (await error_of(ctx, "new ReadableStream().getReader({ mode: 'byob' });"))[0] == "TypeError"
    assert (await error_of(ctx, "new ReadableStream().getReader({ mode: 'x' });"))[0] == "TypeError"
    assert await run(ctx, "return new ReadableStream().getReader({}) instanceof ReadableStreamDefaultReader;")


async def test_reader_closed_resolves_on_close(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ start(c) { ctl = c; } });
        const r = rs.getReader();
        const closed = r.closed.then(() => "closed");
        ctl.close();
        try { ctl.enqueue(1); } catch (e) { return [await closed, e.name, ctl.desiredSize]; }
    """,
    ) == ["closed", "TypeError", 0]


async def test_cancel_calls_source_and_resolves_pending_reads(ctx):
    assert await run(
        ctx,
        """
        let reason;
        const rs = new ReadableStream({ cancel(r) { reason = r; } });
        const r = rs.getReader();
        const pending = r.read();
        await r.cancel("why");
        return [reason, await pending, await r.read()];
    """,
    ) == ["why", {"done": True, "value": None}, {"done": True, "value": None}]


async def test_cancel_locked_rejects(ctx):
    assert (
        await run(
            ctx,
            """
        const rs = new ReadableStream();
        rs.getReader();
        try { await rs.cancel(); } catch (e) { return e.name; }
    """,
        )
        == "TypeError"
    )


async def test_cancel_rejection_from_source(ctx):
    assert (
        await run(
            ctx,
            """
        const rs = new ReadableStream({ cancel() { throw new Error("nope"); } });
        try { await rs.cancel(); } catch (e) { return e.message; }
    """,
        )
        == "nope"
    )


async def test_error_propagates_to_reads_and_closed(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ start(c) { ctl = c; c.enqueue(1); } });
        const r = rs.getReader();
        const first = await r.read();
        const pending = r.read();
        ctl.error(new RangeError("bad"));
        const out = [first.value];
        for (const p of [pending, r.read(), r.closed]) {
          try { await p; out.push("ok"); } catch (e) { out.push(e.name + ":" + e.message); }
        }
        out.push(ctl.desiredSize);
        return out;
    """,
    ) == [1, "RangeError:bad", "RangeError:bad", "RangeError:bad", None]


async def test_error_discards_queue(ctx):
    assert (
        await run(
            ctx,
            """
        const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error("boom"); } });
        try { await rs.getReader().read(); } catch (e) { return e; }
    """,
        )
        == "boom"
    )


async def test_start_throwing_and_rejecting(ctx):
    assert await error_of(ctx, "new ReadableStream({ start() { throw new SyntaxError('s'); } });") == [
        "SyntaxError",
        "s",
    ]
    assert (
        await run(
            ctx,
            """
        const rs = new ReadableStream({ start() { return Promise.reject(new Error("later")); } });
        try { await rs.getReader().read(); } catch (e) { return e.message; }
    """,
        )
        == "later"
    )


async def test_pull_and_backpressure(ctx):
    assert await run(
        ctx,
        """
        let pulls = 0, ctl;
        const rs = new ReadableStream({
          start(c) { ctl = c; },
          pull(c) { pulls++; c.enqueue(pulls); },
        }, { highWaterMark: 3 });
        await flush();
        const before = [pulls, ctl.desiredSize];
        const r = rs.getReader();
        const v = (await r.read()).value;
        await flush();
        return [before, v, pulls, ctl.desiredSize];
    """,
    ) == [[3, 0], 1, 4, 0]


async def test_pull_not_called_again_until_previous_settles(ctx):
    assert await run(
        ctx,
        """
        let pulls = 0, release;
        const rs = new ReadableStream({
          pull(c) { pulls++; return new Promise((r) => { release = () => { c.enqueue(pulls); r(); }; }); },
        }, { highWaterMark: 0 });
        const r = rs.getReader();
        const a = r.read(), b = r.read();
        await flush();
        const seen = pulls;
        release();
        await a;
        await flush();
        release();
        await b;
        return [seen, pulls >= 2];
    """,
    ) == [1, True]


async def test_pull_rejection_errors_stream(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream({ pull() { throw new TypeError("pull failed"); } });
        try { await rs.getReader().read(); } catch (e) { return [e.name, e.message]; }
    """,
    ) == ["TypeError", "pull failed"]


async def test_strategies(ctx):
    assert await run(
        ctx,
        """
        const b = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
        const c = new CountQueuingStrategy({ highWaterMark: 2 });
        const out = [b.highWaterMark, b.size(new Uint8Array(5)), c.highWaterMark, c.size("x"),
          b.size === new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size, b.size.name,
          String(b), String(c)];
        let ctl;
        new ReadableStream({ start(x) { ctl = x; } }, b);
        ctl.enqueue(new Uint8Array(10));
        out.push(ctl.desiredSize);
        for (const bad of [undefined, {}]) {
          try { new CountQueuingStrategy(bad); } catch (e) { out.push(e.name); }
        }
        return out;
    """,
    ) == [
        16,
        5,
        2,
        1,
        True,
        "size",
        "[object ByteLengthQueuingStrategy]",
        "[object CountQueuingStrategy]",
        6,
        "TypeError",
        "TypeError",
    ]


@pytest.mark.parametrize("hwm", ["-1", "NaN", "'x'"])
async def test_invalid_high_water_mark(ctx, hwm):
    assert (await error_of(ctx, f"new ReadableStream({{}}, {{ highWaterMark: {hwm} }});"))[0] == "RangeError"
    assert (await error_of(ctx, f"new WritableStream({{}}, {{ highWaterMark: {hwm} }});"))[0] == "RangeError"


async def test_bad_size_errors_stream(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ start(c) { ctl = c; } }, { size: () => NaN });
        const out = [];
        try { ctl.enqueue(1); } catch (e) { out.push(e.name); }
        try { await rs.getReader().read(); } catch (e) { out.push(e.name); }
        const rs2 = new ReadableStream({ start(c) { ctl = c; } }, { size() { throw new Error("size!"); } });
        try { ctl.enqueue(1); } catch (e) { out.push(e.message); }
        try { await rs2.getReader().closed; } catch (e) { out.push(e.message); }
        return out;
    """,
    ) == ["RangeError", "RangeError", "size!", "size!"]


# ---------------------------------------------------------------- tee, iteration, from


async def test_tee_both_branches(ctx):
    assert await run(
        ctx,
        """
        const [a, b] = ReadableStream.from([1, 2, 3]).tee();
        const ra = [], rb = [];
        for await (const x of a) ra.push(x);
        for await (const x of b) rb.push(x);
        return [ra, rb];
    """,
    ) == [[1, 2, 3], [1, 2, 3]]


async def test_tee_cancel_both_cancels_source_with_both_reasons(ctx):
    assert await run(
        ctx,
        """
        let reason;
        const rs = new ReadableStream({ cancel(r) { reason = r; } });
        const [a, b] = rs.tee();
        const out = [rs.locked];
        const pa = a.cancel("r1");
        out.push(reason === undefined);
        await b.cancel("r2");
        await pa;
        out.push(reason);
        return out;
    """,
    ) == [True, True, ["r1", "r2"]]


async def test_tee_error_reaches_both(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const [a, b] = new ReadableStream({ start(c) { ctl = c; } }).tee();
        ctl.error(new Error("E"));
        const out = [];
        for (const s of [a, b]) { try { await s.getReader().read(); } catch (e) { out.push(e.message); } }
        return out;
    """,
    ) == ["E", "E"]


async def test_tee_one_branch_canceled_other_continues(ctx):
    assert await run(
        ctx,
        """
        const [a, b] = ReadableStream.from(["x", "y"]).tee();
        const canceled = a.cancel(); // settles once the other branch is done (spec)
        const got = [];
        for await (const v of b) got.push(v);
        await canceled;
        return got;
    """,
    ) == ["x", "y"]


async def test_async_iteration_break_cancels(ctx):
    assert await run(
        ctx,
        """
        let canceled = false;
        const rs = new ReadableStream({
          start(c) { c.enqueue(1); c.enqueue(2); },
          cancel() { canceled = true; },
        });
        for await (const x of rs) { break; }
        return [canceled, rs.locked];
    """,
    ) == [True, False]


async def test_async_iteration_prevent_cancel(ctx):
    assert await run(
        ctx,
        """
        let canceled = false;
        const rs = new ReadableStream({
          start(c) { c.enqueue(1); c.enqueue(2); c.close(); },
          cancel() { canceled = true; },
        });
        for await (const x of rs.values({ preventCancel: true })) { break; }
        const rest = [];
        for await (const x of rs) rest.push(x);
        return [canceled, rest];
    """,
    ) == [False, [2]]


async def test_async_iteration_error(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error(new TypeError("it")); } });
        const got = [];
        try { for await (const x of rs) got.push(x); } catch (e) { return [got, e.message, rs.locked]; }
    """,
    ) == [[], "it", False]


async def test_async_iterator_shape(ctx):
    assert await run(
        ctx,
        """
        const it = new ReadableStream()[Symbol.asyncIterator]();
        const proto = Object.getPrototypeOf(it);
        const asyncIterProto = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
        return [Object.getPrototypeOf(proto) === asyncIterProto, typeof it.next, typeof it.return,
                ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values,
                await it.return("v")];
    """,
    ) == [True, "function", "function", True, {"value": "v", "done": True}]


async def test_from_iterables(ctx):
    assert await run(
        ctx,
        """
        async function* gen() { yield "a"; yield "b"; }
        const out = [];
        for (const src of [gen(), ["x", Promise.resolve("y")], new Set([1])]) {
          const got = [];
          for await (const v of ReadableStream.from(src)) got.push(v);
          out.push(got);
        }
        const rs = ReadableStream.from([1]);
        out.push(rs instanceof ReadableStream);
        for (const bad of [1, null, {}, "hi"]) {
          try { ReadableStream.from(bad); } catch (e) { out.push(e.name); }
        }
        return out;
    """,
    ) == [["a", "b"], ["x", "y"], [1], True, "TypeError", "TypeError", "TypeError", "TypeError"]


async def test_from_cancel_calls_return(ctx):
    assert (
        await run(
            ctx,
            """
        let finished = false;
        async function* gen() { try { yield 1; yield 2; } finally { finished = true; } }
        const rs = ReadableStream.from(gen());
        const r = rs.getReader();
        await r.read();
        await r.cancel("stop");
        return finished;
    """,
        )
        is True
    )


async def test_byte_stream_type(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
        const out = [Object.prototype.toString.call(ctl), ctl.byobRequest];
        try { ctl.enqueue("str"); } catch (e) { out.push(e.name); }
        try { ctl.enqueue(new Uint8Array(0)); } catch (e) { out.push(e.name); }
        const src = new Uint8Array([1, 2, 3]);
        ctl.enqueue(src);
        src[0] = 9; // the stream holds its own copy
        ctl.close();
        const [a, b] = rs.tee();
        const ca = (await a.getReader().read()).value, cb = (await b.getReader().read()).value;
        out.push([...ca], ca !== cb);
        try { new ReadableStream({ type: "bytes" }, { size: () => 1 }); } catch (e) { out.push(e.name); }
        return out;
    """,
    ) == [
        "[object ReadableByteStreamController]",
        None,
        "TypeError",
        "TypeError",
        [1, 2, 3],
        True,
        "RangeError",
    ]


# ---------------------------------------------------------------- BYOB readers


async def test_byob_read_fills_the_callers_buffer(ctx):
    assert await run(
        ctx,
        """
        let n = 0;
        const rs = new ReadableStream({
          type: "bytes",
          pull(c) {
            const req = c.byobRequest;
            if (n === 2) { c.close(); req.respond(0); return; }
            req.view.set([10 + n, 20 + n]);
            req.respond(2);
            n++;
          },
        });
        const reader = rs.getReader({ mode: "byob" });
        const view = new Uint16Array(4);
        const a = await reader.read(new Uint8Array(view.buffer, 1, 4));
        const b = await reader.read(new Uint8Array(4));
        const c = await reader.read(new Uint8Array(4));
        return [Object.prototype.toString.call(reader), view.buffer.byteLength, [...a.value], a.value.byteOffset,
                a.value.buffer.byteLength, a.done, [...b.value], c.value.byteLength, c.done, await reader.closed];
    """,
    ) == ["[object ReadableStreamBYOBReader]", 0, [10, 20], 1, 8, False, [11, 21], 0, True, None]


async def test_byob_read_min_and_element_size(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
        const reader = rs.getReader({ mode: "byob" });
        let settled = false;
        const p = reader.read(new Uint16Array(4), { min: 2 }).then((r) => { settled = true; return r; });
        ctl.enqueue(new Uint8Array([1, 0, 2]));
        await flush();
        const early = settled;
        ctl.enqueue(new Uint8Array([0, 3]));
        const r = await p;
        // the odd trailing byte waits in the queue for the next read
        const rest = await reader.read(new Uint8Array(4));
        return [early, Object.prototype.toString.call(r.value), [...r.value], [...rest.value]];
    """,
    ) == [False, "[object Uint16Array]", [1, 2], [3]]


async def test_byob_read_argument_errors(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream({ type: "bytes" });
        const reader = rs.getReader({ mode: "byob" });
        const name = (p) => p.then(() => "ok", (e) => e.name);
        const detached = new Uint8Array(4);
        detached.buffer.transfer();
        const out = [
          await name(reader.read("x")),
          await name(reader.read(new Uint8Array(0))),
          await name(reader.read(detached)),
          await name(reader.read(new Uint8Array(4), { min: 0 })),
          await name(reader.read(new Uint32Array(2), { min: 3 })),
          await name(reader.read(new DataView(new ArrayBuffer(4)), { min: 5 })),
        ];
        try { new ReadableStream().getReader({ mode: "byob" }); } catch (e) { out.push(e.name); }
        try { new ReadableStreamBYOBReader(rs); } catch (e) { out.push(e.name); } // locked
        reader.releaseLock();
        out.push(await name(reader.read(new Uint8Array(1))), await name(reader.closed));
        return out;
    """,
    ) == [
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "RangeError",
        "RangeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
    ]


async def test_byob_request_respond_with_new_view_and_errors(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
        const reader = rs.getReader({ mode: "byob" });
        const p = reader.read(new Uint8Array(8));
        const req = ctl.byobRequest;
        const out = [Object.prototype.toString.call(req), req.view.byteLength, ctl.byobRequest === req];
        try { req.respond(9); } catch (e) { out.push(e.name); }
        try { req.respondWithNewView(new Uint8Array(4)); } catch (e) { out.push(e.name); } // a different buffer
        const v = new Uint8Array(req.view.buffer, 0, 3);
        v.set([5, 6, 7]);
        req.respondWithNewView(v);
        out.push(req.view, ctl.byobRequest);
        try { req.respond(1); } catch (e) { out.push(e.name); } // invalidated
        const r = await p;
        out.push([...r.value]);
        return out;
    """,
    ) == [
        "[object ReadableStreamBYOBRequest]",
        8,
        True,
        "RangeError",
        "RangeError",
        None,
        None,
        "TypeError",
        [5, 6, 7],
    ]


async def test_byte_enqueue_fills_pending_byob_read_and_transfers(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
        const reader = rs.getReader({ mode: "byob" });
        const p = reader.read(new Uint8Array(2));
        const chunk = new Uint8Array([1, 2, 3]);
        ctl.enqueue(chunk);
        const r = await p;
        const next = await reader.read(new Uint8Array(2));
        return [chunk.byteLength, [...r.value], [...next.value], ctl.desiredSize];
    """,
    ) == [0, [1, 2], [3], 0]


async def test_byte_close_with_partial_element_errors(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const rs = new ReadableStream({ type: "bytes", start(c) { ctl = c; } });
        const reader = rs.getReader({ mode: "byob" });
        const p = reader.read(new Uint16Array(2)).then(() => "ok", (e) => e.name);
        ctl.byobRequest.respond(1);
        const out = [];
        try { ctl.close(); } catch (e) { out.push(e.name); }
        out.push(await p, await reader.closed.then(() => "closed", (e) => e.name));
        return out;
    """,
    ) == ["TypeError", "TypeError", "TypeError"]


async def test_byte_stream_auto_allocate_and_cancel(ctx):
    assert await run(
        ctx,
        """
        const out = [];
        const rs = new ReadableStream({
          type: "bytes",
          autoAllocateChunkSize: 16,
          pull(c) { out.push(c.byobRequest.view.byteLength); c.byobRequest.view[0] = 42; c.byobRequest.respond(1); },
          cancel(reason) { out.push("cancel:" + reason); },
        });
        const r = rs.getReader();
        const { value } = await r.read();
        out.push([...value], value.buffer.byteLength);
        await r.cancel("why");
        try { new ReadableStream({ type: "bytes", autoAllocateChunkSize: 0 }); } catch (e) { out.push(e.name); }
        return out;
    """,
    ) == [16, [42], 16, "cancel:why", "TypeError"]


async def test_byte_stream_tee_with_byob_branch(ctx):
    assert await run(
        ctx,
        """
        const rs = new ReadableStream({
          type: "bytes",
          start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.enqueue(new Uint8Array([4])); c.close(); },
        });
        const [b1, b2] = rs.tee();
        const r1 = b1.getReader({ mode: "byob" }), r2 = b2.getReader();
        const a = await r1.read(new Uint8Array(2));
        const b = await r2.read();
        const c = await r1.read(new Uint8Array(4));
        const d = await r2.read();
        const e = await r1.read(new Uint8Array(4));
        const f = await r2.read();
        return [[...a.value], [...b.value], [...c.value], [...d.value], e.done, f.done, b.value.buffer !== a.value.buffer];
    """,
    ) == [[1, 2], [1, 2], [3, 4], [3, 4], True, True, True]


# ---------------------------------------------------------------- WritableStream


async def test_writable_writes_in_order_and_closes(ctx):
    assert await run(
        ctx,
        """
        const log = [];
        const ws = new WritableStream({
          start() { log.push("start"); },
          write(chunk) { log.push("w:" + chunk); return flush(); },
          close() { log.push("close"); },
        });
        const w = ws.getWriter();
        w.write("a"); w.write("b");
        await w.close();
        await w.closed;
        return log;
    """,
    ) == ["start", "w:a", "w:b", "close"]


async def test_writable_backpressure_and_desired_size(ctx):
    assert await run(
        ctx,
        """
        let release;
        const ws = new WritableStream({ write() { return new Promise((r) => { release = r; }); } },
                                      new CountQueuingStrategy({ highWaterMark: 2 }));
        const w = ws.getWriter();
        await w.ready;
        const sizes = [w.desiredSize];
        const p1 = w.write(1); sizes.push(w.desiredSize);
        const p2 = w.write(2); sizes.push(w.desiredSize);
        let readyResolved = false;
        w.ready.then(() => { readyResolved = true; });
        await flush();
        const blocked = !readyResolved;
        release(); await p1;
        await flush();
        release(); await p2;
        return [sizes, blocked, readyResolved, w.desiredSize];
    """,
    ) == [[2, 1, 0], True, True, 2]


async def test_writable_sink_error_errors_stream(ctx):
    assert await run(
        ctx,
        """
        const ws = new WritableStream({ write(c) { if (c === 2) throw new Error("no 2"); } });
        const w = ws.getWriter();
        const out = [];
        await w.write(1);
        try { await w.write(2); } catch (e) { out.push(e.message); }
        try { await w.write(3); } catch (e) { out.push(e.message); }
        try { await w.closed; } catch (e) { out.push(e.message); }
        out.push(w.desiredSize);
        return out;
    """,
    ) == ["no 2", "no 2", "no 2", None]


async def test_writable_abort(ctx):
    assert await run(
        ctx,
        """
        let abortReason, signalAborted;
        const ws = new WritableStream({
          start(c) { this.c = c; },
          write() { return new Promise(() => {}); },
          abort(r) { abortReason = r; signalAborted = this.c.signal.aborted; },
        });
        const w = ws.getWriter();
        const pending = w.write("stuck");
        const aborted = w.abort("stop");
        const out = [];
        try { await w.write("x"); } catch (e) { out.push("write:" + e); }
        await flush();
        out.push(abortReason === undefined);
        return [out, ws.locked];
    """,
    ) == [["write:stop", False], True]


async def test_writable_abort_when_idle(ctx):
    assert await run(
        ctx,
        """
        let abortReason, sig;
        const ws = new WritableStream({ start(c) { sig = c.signal; }, abort(r) { abortReason = r; } });
        await ws.abort("why");
        const w = ws.getWriter();
        const out = [abortReason, sig.aborted, sig.reason];
        try { await w.closed; } catch (e) { out.push("closed:" + e); }
        try { await w.write(1); } catch (e) { out.push("write:" + e); }
        return out;
    """,
    ) == ["why", True, "why", "closed:why", "write:why"]


async def test_writable_locking_and_close_errors(ctx):
    assert await run(
        ctx,
        """
        const ws = new WritableStream();
        const w = ws.getWriter();
        const out = [ws.locked];
        try { ws.getWriter(); } catch (e) { out.push(e.name); }
        try { await ws.close(); } catch (e) { out.push("close:" + e.name); }
        try { await ws.abort(); } catch (e) { out.push("abort:" + e.name); }
        await w.close();
        try { await w.write(1); } catch (e) { out.push("write-after-close:" + e.name); }
        try { await w.close(); } catch (e) { out.push("close-twice:" + e.name); }
        w.releaseLock();
        out.push(ws.locked);
        try { w.desiredSize; } catch (e) { out.push("desired:" + e.name); }
        return out;
    """,
    ) == [
        True,
        "TypeError",
        "close:TypeError",
        "abort:TypeError",
        "write-after-close:TypeError",
        "close-twice:TypeError",
        False,
        "desired:TypeError",
    ]


async def test_writable_controller_error(ctx):
    assert await run(
        ctx,
        """
        let ctl;
        const ws = new WritableStream({ start(c) { ctl = c; } });
        const w = ws.getWriter();
        ctl.error(new TypeError("ctl"));
        try { await w.write(1); } catch (e) { return [e.message, Object.prototype.toString.call(ctl)]; }
    """,
    ) == ["ctl", "[object WritableStreamDefaultController]"]


async def test_writable_rejects_type(ctx):
    assert (await error_of(ctx, "new WritableStream({ type: 'bytes' });"))[0] == "RangeError"
    assert (await error_of(ctx, "new WritableStreamDefaultWriter({});"))[0] == "TypeError"


# ---------------------------------------------------------------- TransformStream


async def test_transform_identity_and_custom(ctx):
    assert await run(
        ctx,
        """
        const out = [];
        const id = new TransformStream();
        const w = id.writable.getWriter();
        w.write("a"); w.close();
        for await (const x of id.readable) out.push(x);
        const up = new TransformStream({
          transform(chunk, c) { c.enqueue(chunk.toUpperCase()); c.enqueue("|"); },
          flush(c) { c.enqueue("end"); },
        });
        const got = [];
        await ReadableStream.from(["x", "y"]).pipeThrough(up)
          .pipeTo(new WritableStream({ write(c) { got.push(c); } }));
        out.push(got.join(""));
        return out;
    """,
    ) == ["a", "X|Y|end"]


async def test_transform_error_errors_both_sides(ctx):
    assert await run(
        ctx,
        """
        const ts = new TransformStream({ transform() { throw new Error("tx"); } });
        const w = ts.writable.getWriter();
        const r = ts.readable.getReader();
        const out = [];
        const read = r.read(); // readable HWM is 0: writes wait for a read (backpressure)
        try { await w.write(1); } catch (e) { out.push("write:" + e.message); }
        try { await read; } catch (e) { out.push("read:" + e.message); }
        try { await w.closed; } catch (e) { out.push("closed:" + e.message); }
        return out;
    """,
    ) == ["write:tx", "read:tx", "closed:tx"]


async def test_transform_terminate(ctx):
    assert await run(
        ctx,
        """
        const ts = new TransformStream({ transform(chunk, c) { c.enqueue(chunk); c.terminate(); } });
        const w = ts.writable.getWriter();
        const r = ts.readable.getReader();
        w.write("only").catch(() => {});
        const out = [await r.read(), await r.read()];
        try { await w.write("more"); } catch (e) { out.push(e.name); }
        return out;
    """,
    ) == [{"value": "only", "done": False}, {"done": True, "value": None}, "TypeError"]


async def test_transform_backpressure(ctx):
    assert await run(
        ctx,
        """
        const calls = [];
        const ts = new TransformStream({ transform(c, ctl) { calls.push(c); ctl.enqueue(c); } });
        const w = ts.writable.getWriter();
        let done = false;
        w.write(1).then(() => { done = true; });
        await flush();
        const before = [calls.length, done];
        const r = ts.readable.getReader();
        const v = await r.read();
        await flush();
        return [before, v.value, done];
    """,
    ) == [[0, False], 1, True]


async def test_transform_cancel_readable_errors_writable(ctx):
    assert await run(
        ctx,
        """
        let cancelReason;
        const ts = new TransformStream({ cancel(r) { cancelReason = r; } });
        await ts.readable.cancel("gone");
        const w = ts.writable.getWriter();
        try { await w.write(1); } catch (e) { return [cancelReason, e]; }
    """,
    ) == ["gone", "gone"]


async def test_transform_rejects_types(ctx):
    assert (await error_of(ctx, "new TransformStream({ readableType: 'bytes' });"))[0] == "RangeError"
    assert (await error_of(ctx, "new TransformStream({ writableType: 'bytes' });"))[0] == "RangeError"
    assert (await error_of(ctx, "new TransformStream({ transform: 5 });"))[0] == "TypeError"


# ---------------------------------------------------------------- pipeTo / pipeThrough


async def test_pipe_to_closes_destination(ctx):
    assert await run(
        ctx,
        """
        const got = []; let closed = false;
        await ReadableStream.from([1, 2, 3])
          .pipeTo(new WritableStream({ write(c) { got.push(c); }, close() { closed = true; } }));
        return [got, closed];
    """,
    ) == [[1, 2, 3], True]


async def test_pipe_to_prevent_close(ctx):
    assert await run(
        ctx,
        """
        let closed = false;
        const ws = new WritableStream({ close() { closed = true; } });
        const rs = ReadableStream.from([1]);
        await rs.pipeTo(ws, { preventClose: true });
        return [closed, ws.locked, rs.locked];
    """,
    ) == [False, False, False]


async def test_pipe_source_error_aborts_destination(ctx):
    assert await run(
        ctx,
        """
        let abortReason;
        const rs = new ReadableStream({ start(c) { c.enqueue(1); c.error("src broke"); } });
        const ws = new WritableStream({ abort(r) { abortReason = r; } });
        try { await rs.pipeTo(ws); } catch (e) { return [e, abortReason]; }
    """,
    ) == ["src broke", "src broke"]


async def test_pipe_destination_error_cancels_source(ctx):
    assert await run(
        ctx,
        """
        let cancelReason;
        const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelReason = r; } });
        const ws = new WritableStream({ write() { throw new Error("dest broke"); } });
        try { await rs.pipeTo(ws); } catch (e) { return [e.message, cancelReason.message]; }
    """,
    ) == ["dest broke", "dest broke"]


async def test_pipe_abort_signal(ctx):
    assert await run(
        ctx,
        """
        const ac = new AbortController();
        let cancelReason, abortReason;
        const rs = new ReadableStream({
          pull(c) { c.enqueue(1); return flush(3); },
          cancel(r) { cancelReason = r; },
        });
        const ws = new WritableStream({ abort(r) { abortReason = r; } });
        const p = rs.pipeTo(ws, { signal: ac.signal });
        await flush();
        ac.abort();
        try { await p; } catch (e) {
          return [e.name, cancelReason.name, abortReason.name, rs.locked, ws.locked];
        }
    """,
    ) == ["AbortError", "AbortError", "AbortError", False, False]


async def test_pipe_already_aborted_signal(ctx):
    assert (
        await run(
            ctx,
            """
        const rs = ReadableStream.from([1]);
        const signal = AbortSignal.abort("pre");
        try { await rs.pipeTo(new WritableStream(), { signal }); } catch (e) { return e; }
    """,
        )
        == "pre"
    )


async def test_pipe_argument_errors(ctx):
    assert (
        await run(
            ctx,
            """
        const out = [];
        const rs = ReadableStream.from([1]);
        try { await rs.pipeTo({}); } catch (e) { out.push(e.name); }
        const ws = new WritableStream(); ws.getWriter();
        try { await rs.pipeTo(ws); } catch (e) { out.push(e.name); }
        try { await rs.pipeTo(new WritableStream(), { signal: {} }); } catch (e) { out.push(e.name); }
        const locked = ReadableStream.from([1]); locked.getReader();
        try { await locked.pipeTo(new WritableStream()); } catch (e) { out.push(e.name); }
        const pair = { readable: 1, writable: new WritableStream() };
        try { rs.pipeThrough(pair); } catch (e) { out.push(e.name); }
        return out;
    """,
        )
        == ["TypeError"] * 5
    )


async def test_pipe_to_closed_destination_cancels_source(ctx):
    assert await run(
        ctx,
        """
        let cancelReason;
        const ws = new WritableStream();
        await ws.close();
        const rs = new ReadableStream({ cancel(r) { cancelReason = r; } });
        try { await rs.pipeTo(ws); } catch (e) { return [e.name, cancelReason.name]; }
    """,
    ) == ["TypeError", "TypeError"]


# ---------------------------------------------------------------- text streams


async def test_text_encoder_stream_splits_surrogates(ctx):
    assert await run(
        ctx,
        """
        const chunks = [];
        await ReadableStream.from(["a\\ud83d", "\\ude00b", "\\ud800"]).pipeThrough(new TextEncoderStream())
          .pipeTo(new WritableStream({ write(c) { chunks.push([...c]); } }));
        return [chunks, new TextEncoderStream().encoding];
    """,
    ) == [[[0x61], [0xF0, 0x9F, 0x98, 0x80, 0x62], [0xEF, 0xBF, 0xBD]], "utf-8"]


async def test_text_decoder_stream_split_sequences(ctx):
    assert await run(
        ctx,
        """
        const bytes = new TextEncoder().encode("h\\u00e9\\u20ac\\ud83d\\ude00");
        const parts = [...bytes].map((b) => new Uint8Array([b]));
        let text = "";
        await ReadableStream.from(parts).pipeThrough(new TextDecoderStream())
          .pipeTo(new WritableStream({ write(s) { text += s; } }));
        const d = new TextDecoderStream("utf-8", { fatal: true });
        const out = [text, d.encoding, d.fatal, d.ignoreBOM];
        const w = d.writable.getWriter();
        w.write(new Uint8Array([0xff])).catch(() => {});
        try { await d.readable.getReader().read(); } catch (e) { out.push(e.name); }
        return out;
    """,
    ) == ["hé€😀", "utf-8", True, False, "TypeError"]


def test_python_sees_stream_chunks_as_bytes(ctx):
    async def main():
        return await ctx.eval_async("""(async () => {
            const out = [];
            for await (const c of new Blob(["xyz"]).stream()) out.push(c);
            return out;
        })()""")

    import asyncio

    assert asyncio.run(main()) == [b"xyz"]


def test_unsupported_value_is_a_jserror(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("new ReadableStream().getReader().releaseLock.call(1)")
    assert info.value.name == "TypeError"


# ---------------------------------------------------------------- spec details found by WPT


async def test_strategy_size_functions_are_not_constructors(ctx):
    assert await run(
        ctx,
        """
        const out = [];
        for (const S of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
          const size = new S({ highWaterMark: 1 }).size;
          let threw = null;
          try { new size({ byteLength: 1 }); } catch (e) { threw = e.name; }
          out.push([size.name, "prototype" in size, threw]);
        }
        return out;
    """,
    ) == [["size", False, "TypeError"], ["size", False, "TypeError"]]


async def test_strategy_converts_before_the_underlying_source_and_sink(ctx):
    log = """
        const log = [];
        const strategy = {
          get highWaterMark() { log.push("highWaterMark"); return 1; },
          get size() { log.push("size"); return undefined; },
        };
        const methods = (name) => ({ get start() { log.push(name + ".start"); return undefined; } });
    """
    assert await run(
        ctx,
        log
        + """
        new ReadableStream(methods("source"), strategy);
        new WritableStream(methods("sink"), strategy);
        new TransformStream(methods("transformer"), strategy, strategy);
        return log;
    """,
    ) == [
        "highWaterMark", "size", "source.start",
        "highWaterMark", "size", "sink.start",
        "highWaterMark", "size", "highWaterMark", "size", "transformer.start",
    ]  # fmt: skip
    # A bad size throws before the source is looked at.
    assert await error_of(
        ctx, log + 'new ReadableStream(methods("source"), { size: 1 }); throw new Error("no throw");'
    ) == ["TypeError", "ReadableStream: strategy.size must be a function"]


async def test_byob_request_only_on_the_byte_controller(ctx):
    assert await run(
        ctx,
        """
        let dc, bc;
        new ReadableStream({ start(c) { dc = c; } });
        new ReadableStream({ type: "bytes", start(c) { bc = c; } });
        return ["byobRequest" in dc, "byobRequest" in ReadableStreamDefaultController.prototype,
                bc.byobRequest, Object.getOwnPropertyNames(ReadableStreamDefaultController.prototype).sort()];
    """,
    ) == [False, False, None, ["close", "constructor", "desiredSize", "enqueue", "error"]]


async def test_async_iterator_shape_and_return_after_next(ctx):
    assert await run(
        ctx,
        """
        let pulls = 0;
        const rs = new ReadableStream({ pull(c) { c.enqueue(pulls++); } });
        const it = rs[Symbol.asyncIterator]();
        const proto = Object.getPrototypeOf(it);
        const names = Object.getOwnPropertyNames(proto).sort();
        const enumerable = names.map((n) => Object.getOwnPropertyDescriptor(proto, n).enumerable);
        const first = await it.next();
        const ret = await it.return("bye");
        const after = await it.next();
        return [names, enumerable, first, ret, after, pulls];
    """,
    ) == [
        ["next", "return"],
        [True, True],
        {"value": 0, "done": False},
        {"value": "bye", "done": True},
        {"value": None, "done": True},
        2,
    ]


async def test_from_takes_objects_only(ctx):
    # async_sequence<any>: a string is not iterated (it used to give one chunk a code point).
    assert await error_of(ctx, 'ReadableStream.from("ab");') == [
        "TypeError",
        "ReadableStream.from: argument is not an async iterable object",
    ]
    assert await run(ctx, 'return (await ReadableStream.from(["ab"]).getReader().read()).value;') == "ab"


async def test_tee_and_pipe_to_ignore_a_patched_promise_then(ctx):
    assert await run(
        ctx,
        """
        const then = Promise.prototype.then;
        const calls = [];
        Promise.prototype.then = function () { calls.push("then"); throw new Error("patched"); };
        let out;
        try {
          let c;
          const rs = new ReadableStream({ start(ctrl) { c = ctrl; } });
          const [a, b] = rs.tee();
          new ReadableStream({ start(ctrl) { ctrl.close(); } }).pipeTo(new WritableStream());
          c.close();
          out = [a instanceof ReadableStream, b instanceof ReadableStream];
        } finally {
          Promise.prototype.then = then;
        }
        return [out, calls];
    """,
    ) == [[True, True], []]


async def test_sink_and_transformer_methods_are_not_called_through_call_or_apply(ctx):
    seen = await run(
        ctx,
        """
        const seen = [];
        const trap = (o) => {
          for (const f of Object.values(o)) f.call = f.apply = () => { throw new Error("call used"); };
          return o;
        };
        const transformer = trap({
          start() { seen.push(this === transformer); },
          transform(chunk, c) { seen.push("transform " + chunk); c.enqueue(chunk + 1); },
          flush() { seen.push("flush"); },
        });
        const sink = trap({
          start() { seen.push(this === sink); },
          write(chunk) { seen.push("write " + chunk); },
          close() { seen.push("close"); },
        });
        const ts = new TransformStream(transformer);
        const piped = ts.readable.pipeTo(new WritableStream(sink));
        const w = ts.writable.getWriter();
        await w.write(1);
        await w.close();
        await piped;
        return seen;
    """,
    )
    # (the pipe's own pace decides where "write 2" falls between flush and close)
    assert seen[:3] == [True, True, "transform 1"] and sorted(seen[3:]) == ["close", "flush", "write 2"]


async def test_terminate_or_error_right_after_readable_cancel(ctx):
    assert await run(
        ctx,
        """
        const out = [];
        for (const action of ["terminate", "error"]) {
          let controller;
          const ts = new TransformStream({ start(c) { controller = c; } });
          const cancelled = ts.readable.cancel("reason");
          controller[action](new RangeError("boom"));
          const closed = ts.writable.getWriter().closed.then(() => "resolved", (e) => e.name);
          out.push([await cancelled.then(() => "cancel resolved", (e) => "cancel rejected " + e.name), await closed]);
        }
        return out;
    """,
    ) == [["cancel resolved", "TypeError"], ["cancel resolved", "RangeError"]]


async def test_byte_stream_keeps_the_chunk_offset_and_tee_clones_branch_two(ctx):
    assert await run(
        ctx,
        """
        const buffer = new Uint8Array([1, 2, 3]).buffer;
        const chunk = new Uint8Array(buffer, 2);
        const rs = new ReadableStream({ type: "bytes", start(c) { c.enqueue(chunk); c.close(); } });
        const [a, b] = rs.tee();
        const [r1, r2] = await Promise.all([a.getReader().read(), b.getReader().read()]);
        let detached = null;
        try { new ReadableStream({ type: "bytes", start(c) { c.enqueue(chunk); } }); } catch (e) { detached = e.name; }
        return [buffer.byteLength, [r1.value.byteOffset, r1.value.buffer.byteLength, [...r1.value]],
                [r2.value.byteOffset, [...r2.value]], detached];
    """,
    ) == [0, [2, 3, [3]], [0, [3]], "TypeError"]


def test_interfaces_without_a_constructor_have_length_0(ctx):
    assert ctx.eval(
        "[ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest,"
        " WritableStreamDefaultController, TransformStreamDefaultController].map((c) => c.length)"
    ) == [0, 0, 0, 0, 0]
