"""node:stream and node:stream/promises, checked against Node.js (event order included)."""

from __future__ import annotations

from pathlib import Path

from tests.node.conftest import UNDEFINED

# Module prelude: Buffer (a global in Node, a module here) and a timer-based wait that
# lets every pending tick and promise job run.
PRELUDE = """
import { Buffer } from "node:buffer";
const wait = (ms = 5) => new Promise((r) => setTimeout(r, ms));
const log = [];
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""


def test_exports(node_js):
    assert node_js(
        PRELUDE
        + """
import Stream, * as ns from "node:stream";
import promises from "node:stream/promises";
import { EventEmitter } from "node:events";
export default {
  keys: Object.keys(Stream),
  promises: [Stream.promises === promises, Object.keys(promises), ns.Readable === Stream.Readable],
  legacy: [Stream.Stream === Stream, Object.getPrototypeOf(Stream.prototype) === EventEmitter.prototype,
    new Stream() instanceof EventEmitter, typeof Stream.prototype.pipe],
  chain: [Object.getPrototypeOf(Stream.Duplex.prototype) === Stream.Readable.prototype,
    Object.getPrototypeOf(Stream.Transform.prototype) === Stream.Duplex.prototype,
    Object.getPrototypeOf(Stream.PassThrough.prototype) === Stream.Transform.prototype],
  promisify: [Stream.pipeline[Symbol.for("nodejs.util.promisify.custom")] === promises.pipeline,
    Stream.finished[Symbol.for("nodejs.util.promisify.custom")] === promises.finished],
  helpers: [Stream._isUint8Array(new Uint8Array(1)), Stream._isArrayBufferView(new DataView(new ArrayBuffer(1))),
    Buffer.isBuffer(Stream._uint8ArrayToBuffer(new Uint8Array([1])))],
};
"""
    ) == {
        "keys": [
            "isDestroyed",
            "isDisturbed",
            "isErrored",
            "isReadable",
            "isWritable",
            "Readable",
            "Writable",
            "Duplex",
            "Transform",
            "PassThrough",
            "duplexPair",
            "pipeline",
            "addAbortSignal",
            "finished",
            "destroy",
            "compose",
            "setDefaultHighWaterMark",
            "getDefaultHighWaterMark",
            "promises",
            "Stream",
            "_isArrayBufferView",
            "_isUint8Array",
            "_uint8ArrayToBuffer",
        ],
        "promises": [True, ["finished", "pipeline"], True],
        "legacy": [True, True, True, "function"],
        "chain": [True, True, True],
        "promisify": [True, True],
        "helpers": [True, True, True],
    }


def test_default_high_water_mark(node_js):
    # Node 22 raised the byte default to 64 KiB (the node on PATH may be older).
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable, Duplex, getDefaultHighWaterMark, setDefaultHighWaterMark } from "node:stream";
const out = [getDefaultHighWaterMark(false), getDefaultHighWaterMark(true), new Readable().readableHighWaterMark,
  new Writable().writableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark];
setDefaultHighWaterMark(false, 1000);
out.push(new Duplex().readableHighWaterMark, caught(() => setDefaultHighWaterMark(true, -1)).code);
setDefaultHighWaterMark(false, 65536);
export default out;
""",
        compare=False,
    ) == [65536, 16, 65536, 65536, 16, 1000, "ERR_OUT_OF_RANGE"]


def test_readable_modes(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable } from "node:stream";
// paused mode: 'readable' then read() until null
const r = new Readable({ read() {}, highWaterMark: 4 });
log.push(["push", r.push("ab"), r.push("cd"), r.push("ef")]);
r.on("readable", () => {
  let c;
  while ((c = r.read()) !== null) log.push(["read", c.toString()]);
  log.push(["readable", r.readableLength]);
});
r.on("end", () => log.push(["end", r.readableEnded]));
r.on("close", () => log.push(["close", r.destroyed, r.closed]));
setTimeout(() => { log.push("timer"); r.push(null); }, 1);
await wait(20);
// read(n), object mode, unshift
const r2 = new Readable({ read() {} });
r2.push("hello world");
log.push(["r2", r2.read(5).toString(), r2.read(100), r2.readableLength, r2.read().toString()]);
const r3 = new Readable({ objectMode: true, read() {} });
r3.push({ a: 1 }); r3.push("s"); r3.push(3);
log.push(["r3", r3.read(), r3.read(), r3.readableLength, r3.readableObjectMode, r3.readableHighWaterMark]);
const r4 = new Readable({ read() {} });
r4.push("hello");
r4.unshift(r4.read(2));
log.push(["unshift", r4.read().toString()]);
// flowing states
const f = new Readable({ read() {} });
log.push(["flow0", f.readableFlowing, f.isPaused()]);
f.on("data", () => {});
log.push(["flow1", f.readableFlowing]);
f.pause();
log.push(["flow2", f.readableFlowing, f.isPaused(), f._readableState.paused]);
f.resume();
log.push(["flow3", f.readableFlowing, f.isPaused()]);
f.removeAllListeners("data");
f.on("readable", () => {});
log.push(["flow4", f.readableFlowing]);
// highWaterMark 0: _read only on demand
const z = new Readable({ highWaterMark: 0, read() { log.push("zread"); this.push("z"); this.push(null); } });
z.on("readable", () => { let ch; while ((ch = z.read()) !== null) log.push(["zdata", ch.toString()]); });
z.on("end", () => log.push("zend"));
await wait(20);
// pause/resume events while flowing
let n = 0;
const p = new Readable({ read() { this.push(n < 3 ? String(n++) : null); } });
p.on("pause", () => log.push("pause"));
p.on("resume", () => log.push("resume"));
p.on("data", (d) => { log.push(["pdata", d.toString()]); if (d.toString() === "0") { p.pause(); setTimeout(() => p.resume(), 1); } });
await new Promise((res) => p.on("end", res));
export default log;
"""
    ) == [
        ["push", True, False, False],
        ["read", "abcdef"],
        ["readable", 0],
        "timer",
        ["readable", 0],
        ["end", True],
        ["close", True, True],
        ["r2", "hello", None, 6, " world"],
        ["r3", {"a": 1}, "s", 1, True, 16],
        ["unshift", "hello"],
        ["flow0", None, False],
        ["flow1", True],
        ["flow2", False, True, True],
        ["flow3", True, False],
        ["flow4", False],
        "zread",
        ["zdata", "z"],
        "zend",
        "resume",
        ["pdata", "0"],
        "pause",
        "resume",
        ["pdata", "1"],
        ["pdata", "2"],
    ]


def test_encodings(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable } from "node:stream";
// a character split across chunks is decoded whole
const r = new Readable({ read() {} });
r.setEncoding("utf8");
r.push(Buffer.from([0xe2, 0x82]));
r.push(Buffer.from([0xac]));
r.push(null);
const got = [];
r.on("data", (d) => got.push(d));
await new Promise((res) => r.on("end", res));
log.push(["utf8", got, r.readableEncoding]);
const hex = new Readable({ encoding: "hex", read() {} });
hex.push(Buffer.from([1, 255]));
log.push(["hex", hex.read(), hex.readableEncoding]);
const b64 = new Readable({ read() {} });
b64.push("aGk=", "base64");
log.push(["b64", b64.read().toString()]);
const later = new Readable({ read() {} });
later.push("abc");
later.setEncoding("base64");
log.push(["later", later.read()]);
// writes become Buffers unless decodeStrings is false
const w = new Writable({ write(c, e, cb) { log.push(["w", Buffer.isBuffer(c), e, c.toString("hex")]); cb(); } });
w.write("é");
w.write("ff", "hex");
w.write(new Uint16Array([1]));
const raw = new Writable({ decodeStrings: false, write(c, e, cb) { log.push(["raw", typeof c, e]); cb(); } });
raw.write("str", "latin1");
raw.write(Buffer.from("b"));
raw.setDefaultEncoding("HEX");
raw.write("ff");
log.push(["badenc", caught(() => raw.setDefaultEncoding("nope")).message,
  caught(() => new Writable({ defaultEncoding: "nope" })).code]);
export default log;
"""
    ) == [
        ["utf8", ["€"], "utf8"],
        ["hex", "01ff", "hex"],
        ["b64", "hi"],
        ["later", "YWJj"],
        ["w", True, "buffer", "c3a9"],
        ["w", True, "buffer", "ff"],
        ["w", True, "buffer", "0100"],
        ["raw", "string", "latin1"],
        ["raw", "object", "buffer"],
        ["raw", "string", "hex"],
        ["badenc", "Unknown encoding: nope", "ERR_UNKNOWN_ENCODING"],
    ]


def test_writable(node_js):
    assert node_js(
        PRELUDE
        + """
import { Writable } from "node:stream";
const w = new Writable({
  highWaterMark: 3,
  write(chunk, enc, cb) { log.push(["write", chunk.toString()]); setTimeout(cb, 1); },
  final(cb) { log.push("final"); cb(); },
});
for (const ev of ["drain", "finish", "close", "prefinish"]) w.on(ev, () => log.push(ev));
log.push(["w1", w.write("ab")]);
log.push(["w2", w.write("cd", () => log.push("cb2"))]);
log.push(["len", w.writableLength, w.writableNeedDrain, w.writable]);
w.end("x", () => log.push("endcb"));
log.push(["ended", w.writableEnded, w.writableFinished, w.writable]);
await wait(30);
log.push(["after", w.writableFinished, w.destroyed, w.closed]);
// drain after the buffer empties
const d = new Writable({ highWaterMark: 2, write(c, e, cb) { setTimeout(cb, 1); } });
d.on("drain", () => log.push(["drain", d.writableLength]));
log.push(["d", d.write("abc"), d.writableNeedDrain]);
await wait(20);
// cork/uncork and _writev
const v = new Writable({
  writev(chunks, cb) { log.push(["writev", chunks.map((c) => c.chunk.toString()), chunks.allBuffers]); cb(); },
  write(c, e, cb) { log.push(["write1", c.toString()]); cb(); },
});
v.write("0");
v.cork(); v.write("a"); v.write("b");
log.push(["corked", v.writableCorked, v.writableLength, v.writableBuffer.length]);
v.uncork();
v.cork(); v.write("c"); v.end("d");
await wait(20);
// objectMode
const o = new Writable({ objectMode: true, write(c, e, cb) { log.push(["obj", c, e]); cb(); } });
o.write({ k: 1 });
o.write(7);
await wait(5);
export default log;
"""
    ) == [
        ["write", "ab"],
        ["w1", True],
        ["w2", False],
        ["len", 4, True, True],
        ["ended", True, False, False],
        ["write", "cd"],
        ["write", "x"],
        "cb2",
        "final",
        "prefinish",
        "endcb",
        "finish",
        "close",
        ["after", True, True, True],
        ["d", False, True],
        ["drain", 0],
        ["write1", "0"],
        ["corked", 1, 2, 2],
        ["writev", ["a", "b"], True],
        ["writev", ["c", "d"], True],
        ["obj", {"k": 1}, UNDEFINED],
        ["obj", 7, UNDEFINED],
    ]


def test_errors_and_destroy(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable } from "node:stream";
const r = new Readable({ read() {} });
r.on("error", (e) => log.push(["error", e.message]));
r.on("close", () => log.push(["close", r.destroyed, r.readableAborted, r.errored?.message]));
r.destroy(new Error("boom"));
log.push(["destroyed", r.destroyed, r.closed]);
await wait();
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on("close", () => log.push("wclose"));
w.destroy();
w.write("x", (err) => log.push(["writecb", err?.code]));
w.on("error", (e) => log.push(["werr", e.code]));
await wait();
const w2 = new Writable({ write(c, e, cb) { cb(); } });
w2.on("error", (e) => log.push(["w2err", e.code, e.message]));
w2.end();
w2.write("late", (e) => log.push(["w2cb", e.code]));
w2.end((e) => log.push(["end again", e?.code ?? null]));
await wait();
const w3 = new Writable({ write(c, e, cb) { cb(new Error("nope")); } });
w3.on("error", (e) => log.push(["w3err", e.message]));
w3.on("close", () => log.push("w3close"));
w3.write("a", (e) => log.push(["w3cb", e.message]));
w3.write("b", (e) => log.push(["w3cb2", e.message]));
await wait();
const twice = new Writable({ write(c, e, cb) { cb(); cb(); } });
twice.on("error", (e) => log.push(["twice", e.code, e.message]));
twice.write("x");
await wait();
const r2 = new Readable({ read() {} });
r2.on("error", (e) => log.push(["r2err", e.code, e.message]));
r2.push(null);
r2.push("x");
await wait();
const r3 = new Readable({ read() {} });
r3.on("error", (e) => log.push(["r3err", e.code, e.message]));
r3.push(42);
const r5 = new Readable();
r5.on("error", (e) => log.push(["r5", e.code, e.message]));
r5.read();
await wait();
const w4 = new Writable({ write(c, e, cb) { cb(); } });
log.push(["w4", caught(() => w4.write(42)), caught(() => w4.write(null)), caught(() => w4.write("x", "bogus"))]);
log.push(["hwm", caught(() => new Readable({ highWaterMark: -1 })), caught(() => new Writable({ highWaterMark: 1.5 })).message]);
log.push(["nowrite", caught(() => new Writable().write("x")).message]);
const piped = new Writable({ write(c, e, cb) { cb(); } });
piped.on("error", (e) => log.push(["pipeW", e.code, e.message]));
piped.pipe();
await wait();
// autoDestroy false keeps the stream alive; emitClose false skips 'close'
const ad = new Writable({ autoDestroy: false, write(ch, e, cb) { cb(new Error("adfail")); } });
ad.on("error", () => log.push(["ad err", ad.destroyed, ad.writable, ad.errored.message]));
ad.write("x");
const ec = new Writable({ emitClose: false, write(ch, e, cb) { cb(); } });
ec.on("close", () => log.push("never"));
ec.on("finish", () => log.push("ec finish"));
ec.end("x");
await wait(10);
log.push(["ec", ec.destroyed, ec.closed]);
// _destroy hooks and a destroy callback
const hd = new Readable({ read() {}, destroy(err, cb) { log.push(["_destroy", err?.message]); setTimeout(() => cb(new Error("replaced")), 1); } });
hd.on("error", (e) => log.push(["hd err", e.message]));
hd.destroy(new Error("first"), (e) => log.push(["destroy cb", e.message]));
hd.destroy(new Error("second"));
await wait(20);
export default log;
"""
    ) == [
        ["destroyed", True, True],
        ["error", "boom"],
        ["close", True, True, "boom"],
        "wclose",
        ["writecb", "ERR_STREAM_DESTROYED"],
        ["w2cb", "ERR_STREAM_WRITE_AFTER_END"],
        ["w2err", "ERR_STREAM_WRITE_AFTER_END", "write after end"],
        ["end again", "ERR_STREAM_DESTROYED"],
        ["w3cb", "nope"],
        ["w3cb2", "nope"],
        ["w3err", "nope"],
        "w3close",
        ["twice", "ERR_MULTIPLE_CALLBACK", "Callback called multiple times"],
        ["r2err", "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"],
        [
            "r3err",
            "ERR_INVALID_ARG_TYPE",
            'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. '
            "Received type number (42)",
        ],
        ["r5", "ERR_METHOD_NOT_IMPLEMENTED", "The _read() method is not implemented"],
        [
            "w4",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, '
                "or DataView. Received type number (42)",
            },
            {
                "name": "TypeError",
                "code": "ERR_STREAM_NULL_VALUES",
                "message": "May not write null values to stream",
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
        ],
        [
            "hwm",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.highWaterMark' is invalid. Received -1",
            },
            "The property 'options.highWaterMark' is invalid. Received 1.5",
        ],
        ["nowrite", "The _write() method is not implemented"],
        ["pipeW", "ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"],
        ["ad err", False, False, "adfail"],
        "ec finish",
        ["ec", True, True],
        ["_destroy", "first"],
        ["destroy cb", "replaced"],
        ["hd err", "replaced"],
    ]


def test_pipe_backpressure(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable, PassThrough } from "node:stream";
let n = 0;
const src = new Readable({
  highWaterMark: 2,
  read() { n++; log.push(["read", n]); this.push(n <= 5 ? String(n) : null); },
});
const dst = new Writable({
  highWaterMark: 2,
  write(c, e, cb) { log.push(["write", c.toString()]); setTimeout(cb, 1); },
});
src.on("pause", () => log.push("pause"));
src.on("resume", () => log.push("resume"));
dst.on("pipe", (s) => log.push(["pipe", s === src]));
dst.on("unpipe", (s) => log.push(["unpipe", s === src]));
dst.on("drain", () => log.push("drain"));
src.on("end", () => log.push("end"));
log.push(["returns dest", src.pipe(dst) === dst]);
await new Promise((res) => dst.on("finish", res));
log.push("finish");
await wait();
// two destinations, one unpiped midway; { end: false } leaves it open
const pt = new PassThrough();
const a = []; const b = [];
const wa = new Writable({ write(ch, e, cb) { a.push(ch.toString()); cb(); } });
const wb = new Writable({ write(ch, e, cb) { b.push(ch.toString()); cb(); } });
pt.pipe(wa); pt.pipe(wb, { end: false });
pt.write("1");
await wait();
pt.unpipe(wb);
pt.end("2");
await wait();
log.push(["multi", a, b, wa.writableFinished, wb.writableEnded, pt._readableState.pipes.length]);
// an error on the destination unpipes it
const s2 = new PassThrough();
const bad = new Writable({ write(c, e, cb) { cb(new Error("dest failed")); } });
bad.on("error", (e) => log.push(["dest error", e.message, s2._readableState.pipes.length]));
s2.pipe(bad);
s2.write("x");
await wait();
export default log;
"""
    ) == [
        ["pipe", True],
        ["returns dest", True],
        ["read", 1],
        "resume",
        ["read", 2],
        ["write", "1"],
        ["read", 3],
        "pause",
        ["read", 4],
        ["write", "2"],
        "drain",
        "resume",
        ["read", 5],
        ["write", "3"],
        ["read", 6],
        "pause",
        ["write", "4"],
        "drain",
        "resume",
        ["write", "5"],
        "end",
        "pause",
        ["unpipe", True],
        "finish",
        ["multi", ["1", "2"], ["1"], True, False, 0],
        ["dest error", "dest failed", 0],
    ]


def test_async_iteration_and_from(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable } from "node:stream";
const items = [];
for await (const c of Readable.from(["x", "y", "z"])) items.push(c);
log.push(["iter", items]);
const bytes = [];
const rb = new Readable({ read() {} });
rb.push("ab"); rb.push("cd"); rb.push(null);
for await (const c of rb) bytes.push(c.toString());
log.push(["bytes", bytes, rb.destroyed]);
const rr = Readable.from([1, 2, 3, 4]);
for await (const c of rr) { if (c === 2) break; }
await wait();
log.push(["break", rr.destroyed, rr.readableAborted]);
const kept = Readable.from([1, 2, 3]);
for await (const c of kept.iterator({ destroyOnReturn: false })) break;
log.push(["kept", kept.destroyed, await kept.toArray()]);
const re = new Readable({ read() { this.destroy(new Error("iter fail")); } });
try { for await (const c of re) log.push(c); } catch (e) { log.push(["itererr", e.message]); }
const fs = [];
for await (const ch of Readable.from("whole")) fs.push(ch);
for await (const ch of Readable.from(Buffer.from("buf"))) fs.push(ch.toString());
log.push(["one chunk", fs]);
log.push(["from42", caught(() => Readable.from(42))]);
const fp = [];
for await (const ch of Readable.from([Promise.resolve(1), 2])) fp.push(ch);
log.push(["promises", fp]);
async function* agen() { yield "a1"; yield "a2"; }
log.push(["async gen", await Readable.from(agen()).toArray()]);
const bytesFrom = Readable.from(["p", "q"], { objectMode: false });
log.push(["bytes mode", bytesFrom.readableObjectMode, (await bytesFrom.toArray()).map(String)]);
const rn = Readable.from([1, null]);
rn.on("error", (e) => log.push(["null value", e.code]));
rn.resume();
await wait();
function* gen() { try { yield 1; yield 2; } finally { log.push("gen finally"); } }
const rg = Readable.from(gen());
rg.read();
rg.destroy();
await wait();
export default log;
"""
    ) == [
        ["iter", ["x", "y", "z"]],
        ["bytes", ["abcd"], True],
        ["break", True, True],
        ["kept", False, [2, 3]],
        ["itererr", "iter fail"],
        ["one chunk", ["whole", "buf"]],
        [
            "from42",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "iterable" argument must be an instance of Iterable. Received type number (42)',
            },
        ],
        ["promises", [1, 2]],
        ["async gen", ["a1", "a2"]],
        ["bytes mode", False, ["p", "q"]],
        ["null value", "ERR_STREAM_NULL_VALUES"],
        "gen finally",
    ]


def test_pipeline_and_finished(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable, Transform, PassThrough, pipeline, finished } from "node:stream";
import * as sp from "node:stream/promises";
const chunks = [];
const t = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const w = new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } });
const last = pipeline(Readable.from(["a", "b"]), t, w, (err, val) => log.push(["cb", err ?? null, val ?? null, chunks]));
log.push(["returns last", last === w]);
await wait(10);
// an error anywhere destroys every stream and reaches the callback once
const src = new Readable({ read() {} });
const mid = new Transform({ transform(c, e, cb) { cb(new Error("bad chunk")); } });
const dst = new Writable({ write(c, e, cb) { cb(); } });
dst.on("close", () => log.push(["dst closed", dst.destroyed]));
src.on("close", () => log.push("src closed"));
pipeline(src, mid, dst, (err) => log.push(["pipeline", err && err.message]));
src.push("a");
await wait(10);
// generators and functions as stages
const out = [];
await sp.pipeline(
  Readable.from(["a", "b"]),
  async function* (source) { for await (const c of source) yield c.toUpperCase(); },
  async function* (source, { signal }) { for await (const c of source) yield c + c + (signal instanceof AbortSignal); },
  new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } }),
);
log.push(["gen", out]);
log.push(["value", await sp.pipeline(function* () { yield 1; yield 2; yield 3; }, async function (source) {
  let s = 0; for await (const c of source) s += c; return s;
})]);
try {
  await sp.pipeline(Readable.from([1]), async function* (source) { for await (const c of source) throw new Error("gen fail"); },
    new PassThrough({ objectMode: true }));
} catch (e) { log.push(["genfail", e.message]); }
const ac = new AbortController();
const p = sp.pipeline(new Readable({ read() {} }), new PassThrough(), { signal: ac.signal });
ac.abort();
try { await p; } catch (e) { log.push(["abort", e.name, e.code]); }
const open = new PassThrough();
await sp.pipeline(Readable.from(["x"]), open, { end: false });
log.push(["end false", open.writableEnded]);
log.push(["args", caught(() => pipeline(Readable.from([]), () => {})).code, caught(() => pipeline(1, 2)).code]);
// finished
const f1 = new PassThrough();
finished(f1, (err) => log.push(["finished", err ? err.code : null]));
f1.resume();
f1.end("x");
await wait();
const f2 = new PassThrough();
const cleanup = finished(f2, (err) => log.push(["premature", err.code, err.message]));
log.push(["cleanup", typeof cleanup]);
f2.destroy();
await wait();
const f3 = new PassThrough();
const f3ac = new AbortController();
finished(f3, { signal: f3ac.signal }, (err) => log.push(["signal", err.name]));
f3ac.abort();
await sp.finished(Readable.from([]).resume());
const f4 = new Writable({ write(c, e, cb) { cb(new Error("f4")); } });
f4.on("error", () => {});
f4.write("x");
log.push(["rejects", await sp.finished(f4).catch((e) => e.message)]);
log.push(["bad arg", caught(() => finished(42, () => {})).message]);
export default log;
"""
    ) == [
        ["returns last", True],
        ["cb", None, None, ["A", "B"]],
        "src closed",
        ["dst closed", True],
        ["pipeline", "bad chunk"],
        ["gen", ["AAtrue", "BBtrue"]],
        ["value", 6],
        ["genfail", "gen fail"],
        ["abort", "AbortError", "ABORT_ERR"],
        ["end false", False],
        ["args", "ERR_MISSING_ARGS", "ERR_INVALID_ARG_TYPE"],
        ["finished", None],
        ["cleanup", "function"],
        ["premature", "ERR_STREAM_PREMATURE_CLOSE", "Premature close"],
        ["signal", "AbortError"],
        ["rejects", "f4"],
        [
            "bad arg",
            'The "stream" argument must be an instance of ReadableStream, WritableStream, or Stream. '
            "Received type number (42)",
        ],
    ]


def test_duplex_transform(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable, Duplex, Transform, PassThrough, duplexPair } from "node:stream";
const d = new Duplex({
  allowHalfOpen: false,
  read() {},
  write(c, e, cb) { log.push(["dwrite", c.toString()]); cb(); },
  final(cb) { log.push("dfinal"); cb(); },
});
for (const ev of ["end", "finish", "close"]) d.on(ev, () => log.push("d" + ev));
d.resume();
d.write("q");
d.push(null);
await wait();
const half = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
half.resume();
half.push(null);
await wait();
log.push(["half open", half.allowHalfOpen, half.writable, half.readableEnded, half.destroyed]);
const t = new Transform({
  transform(c, e, cb) { this.push(c.toString() + "1"); cb(); },
  flush(cb) { log.push("flush"); cb(null, "tail"); },
});
const tout = [];
t.on("data", (c) => tout.push(c.toString()));
t.on("end", () => log.push(["tend", tout]));
t.on("finish", () => log.push("tfinish"));
t.on("close", () => log.push("tclose"));
t.write("a"); t.end("b");
await wait();
const om = new Transform({ readableObjectMode: true, transform(c, e, cb) { cb(null, { len: c.length }); } });
om.end("four");
log.push(["om", om.readableObjectMode, om.writableObjectMode, om.read()]);
const te = new Transform({ transform(c, e, cb) { cb(new Error("terr")); } });
te.on("error", (e) => log.push(["terr", e.message]));
te.write("x");
const pass = new PassThrough();
pass.end("through");
log.push(["pass", pass.read().toString()]);
const closed = new Duplex({ readable: false, write(c, e, cb) { cb(); } });
log.push(["sides", closed.readable, closed.writable, new Duplex({ writable: false }).writable]);
log.push(["inst", d instanceof Writable, d instanceof Readable, t instanceof Duplex, pass instanceof Transform,
  new Readable() instanceof Writable]);
const [a, b] = duplexPair();
const got = [];
b.on("data", (c) => got.push(c.toString()));
a.write("ping");
a.end();
await new Promise((r) => b.on("end", r));
log.push(["pair", got]);
export default log;
"""
    ) == [
        ["dwrite", "q"],
        "dend",
        "dfinal",
        "dfinish",
        "dclose",
        ["half open", True, True, True, False],
        "flush",
        ["tend", ["a1", "b1", "tail"]],
        "tfinish",
        "tclose",
        ["om", True, False, {"len": 4}],
        ["pass", "through"],
        ["sides", False, True, False],
        ["inst", True, True, True, True, False],
        ["terr", "terr"],
        ["pair", ["ping"]],
    ]


def test_operators(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable } from "node:stream";
log.push(["map", await Readable.from([1, 2, 3]).map((x) => x * 2).toArray()]);
log.push(["filter", await Readable.from([1, 2, 3, 4]).filter(async (x) => x % 2 === 0).toArray()]);
log.push(["flatMap", await Readable.from([1, 2]).flatMap((x) => [x, x]).toArray()]);
log.push(["drop/take", await Readable.from([1, 2, 3, 4, 5]).drop(1).take(2).toArray()]);
log.push(["some/every", await Readable.from([1, 2]).some((x) => x > 1), await Readable.from([1, 2]).every((x) => x > 1)]);
log.push(["find", await Readable.from([1, 2, 3]).find((x) => x > 1), await Readable.from([1]).find((x) => x > 1)]);
log.push(["reduce", await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 10),
  await Readable.from([1, 2, 3]).reduce((a, b) => a + b)]);
log.push(["reduceEmpty", await Readable.from([]).reduce((a, b) => a + b).catch((e) => [e.name, e.code, e.message])]);
const seen = [];
log.push(["forEach", await Readable.from([1, 2]).forEach((x) => { seen.push(x); }), seen]);
const order = [];
const res = await Readable.from([30, 10, 20])
  .map(async (ms) => { await wait(ms); order.push(ms); return ms; }, { concurrency: 3 }).toArray();
log.push(["concurrency", res, order]);
log.push(["bad", caught(() => Readable.from([1]).map(1)).message,
  caught(() => Readable.from([1]).map((x) => x, { concurrency: 0 })).message,
  caught(() => Readable.from([1]).drop(-1)).message]);
log.push(["shape", Readable.prototype.map.name, Readable.prototype.toArray.length,
  Object.keys(Readable.prototype).includes("map")]);
log.push(["ctor", caught(() => new Readable.prototype.map(() => {})).message]);
const ac = new AbortController();
const pr = Readable.from([1, 2, 3]).toArray({ signal: ac.signal });
ac.abort();
log.push(["aborted", await pr.catch((e) => e.name)]);
log.push(["bytes", (await new Readable({ read() { this.push("ab"); this.push(null); } }).map((c) => c.toString()).toArray())]);
export default log;
"""
    ) == [
        ["map", [2, 4, 6]],
        ["filter", [2, 4]],
        ["flatMap", [1, 1, 2, 2]],
        ["drop/take", [2, 3]],
        ["some/every", True, False],
        ["find", 2, UNDEFINED],
        ["reduce", 16, 6],
        [
            "reduceEmpty",
            ["TypeError", "ERR_MISSING_ARGS", "Reduce of an empty stream requires an initial value"],
        ],
        ["forEach", UNDEFINED, [1, 2]],
        ["concurrency", [30, 10, 20], [10, 20, 30]],
        [
            "bad",
            'The "fn" argument must be of type function or an instance of AsyncFunction. Received type number (1)',
            'The value of "options.concurrency" is out of range. It must be >= 1 && <= 9007199254740991. Received 0',
            'The value of "number" is out of range. It must be >= 0. Received -1',
        ],
        ["shape", "map", 1, False],
        ["ctor", "Illegal constructor"],
        ["aborted", "AbortError"],
        ["bytes", ["ab"]],
    ]


def test_web_streams_and_duplex_from(node_js):
    assert node_js(
        PRELUDE
        + """
import { Readable, Writable, Duplex, Transform, PassThrough, compose } from "node:stream";
import { pipeline } from "node:stream/promises";
const rs = Readable.toWeb(Readable.from(["a", "b"]));
const reader = rs.getReader();
const got = [];
for (;;) { const { value, done } = await reader.read(); if (done) break; got.push(value); }
log.push(["toWeb", got, rs instanceof ReadableStream]);
const rr = await Readable.toWeb(new Readable({ read() { this.push("xy"); this.push(null); } })).getReader().read();
log.push(["toWeb bytes", rr.value.constructor.name, Array.from(rr.value)]);
const web = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("hi")); c.enqueue(new TextEncoder().encode("!")); c.close(); } });
const parts = [];
for await (const ch of Readable.fromWeb(web)) parts.push(Buffer.isBuffer(ch));
log.push(["fromWeb", parts.every(Boolean), Buffer.concat(await Readable.fromWeb(new ReadableStream({
  start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } })).toArray()).toString()]);
const webObj = new ReadableStream({ start(c) { c.enqueue({ a: 1 }); c.close(); } });
log.push(["fromWeb objects", await Readable.fromWeb(webObj, { objectMode: true }).toArray()]);
const sink = [];
const nw = new Writable({ write(ch, e, cb) { sink.push(ch.toString()); cb(); } });
const writer = Writable.toWeb(nw).getWriter();
await writer.write(new TextEncoder().encode("w1"));
await writer.close();
log.push(["Writable.toWeb", sink, nw.writableFinished]);
const wsink = [];
const fw = Writable.fromWeb(new WritableStream({ write(ch) { wsink.push(Array.from(ch)); } }));
fw.write("ab");
await new Promise((res) => fw.end("c", res));
log.push(["Writable.fromWeb", wsink]);
log.push(["bad", caught(() => Readable.fromWeb({})).message]);
const pair = Duplex.toWeb(new PassThrough());
const pw = pair.writable.getWriter();
pw.write(new Uint8Array([1, 2]));
pw.close();
log.push(["Duplex.toWeb", Array.from((await pair.readable.getReader().read()).value)]);
const collected = [];
await pipeline(
  new ReadableStream({ start(c) { c.enqueue("w"); c.enqueue("s"); c.close(); } }),
  new Transform({ objectMode: true, transform(ch, e, cb) { cb(null, ch + "!"); } }),
  new WritableStream({ write(ch) { collected.push(ch); } }),
);
log.push(["web pipeline", collected]);
// Duplex.from
const dg = Duplex.from(async function* (source) { for await (const ch of source) yield String(ch).toUpperCase(); });
const dout = [];
dg.on("data", (c) => dout.push(c));
dg.write("x"); dg.end("y");
await new Promise((res) => dg.on("end", res));
log.push(["from generator", dout]);
log.push(["from promise", await Duplex.from(Promise.resolve("val")).toArray()]);
const di = Duplex.from(["i1", "i2"]);
log.push(["from iterable", await di.toArray(), di.writable]);
const pt = new PassThrough();
log.push(["from duplex", Duplex.from(pt) === pt]);
const dpair = Duplex.from({ readable: Readable.from(["p"]), writable: new Writable({ write(ch, e, cb) { log.push(["pair write", ch.toString()]); cb(); } }) });
dpair.write("to writable");
log.push(["pair", await dpair.toArray()]);
log.push(["from 42", caught(() => Duplex.from(42)).code]);
// compose
const c = compose(
  new Transform({ transform(ch, e, cb) { cb(null, ch.toString().toUpperCase()); } }),
  async function* (src) { for await (const ch of src) yield ch.toString() + "!"; },
);
const cout = [];
c.on("data", (x) => cout.push(x.toString()));
c.write("a"); c.end("b");
await new Promise((r) => c.on("end", r));
log.push(["compose", cout]);
log.push(["compose op", await Readable.from(["x", "y"]).compose(async function* (src) { for await (const ch of src) yield ch + ch; }).toArray()]);
export default log;
"""
    ) == [
        ["toWeb", ["a", "b"], True],
        ["toWeb bytes", "Uint8Array", [120, 121]],
        ["fromWeb", True, "hi"],
        ["fromWeb objects", [{"a": 1}]],
        ["Writable.toWeb", ["w1"], True],
        ["Writable.fromWeb", [[97, 98], [99]]],
        [
            "bad",
            'The "readableStream" argument must be an instance of ReadableStream. Received an instance of Object',
        ],
        ["Duplex.toWeb", [1, 2]],
        ["web pipeline", ["w!", "s!"]],
        ["from generator", ["X", "Y"]],
        ["from promise", ["val"]],
        ["from iterable", ["i1", "i2"], False],
        ["from duplex", True],
        ["pair write", "to writable"],
        ["pair", ["p"]],
        ["from 42", "ERR_INVALID_ARG_TYPE"],
        ["compose", ["A!", "B!"]],
        ["compose op", ["xx", "yy"]],
    ]


def test_legacy_and_misc(node_js):
    assert node_js(
        PRELUDE
        + """
import Stream, { Readable, Writable, PassThrough, addAbortSignal } from "node:stream";
// the pre-streams2 pattern: a Stream that emits 'data' itself, piped into a Writable
const legacy = new Stream();
legacy.readable = true;
const lout = [];
const lw = new Writable({ write(c, e, cb) { lout.push(c.toString()); cb(); } });
lw.on("finish", () => log.push(["legacy", lout]));
legacy.pipe(lw);
legacy.emit("data", "l1");
legacy.emit("data", "l2");
legacy.emit("end");
await wait();
// ES5 subclasses
function MyReadable(opts) { Readable.call(this, opts); this.i = 0; }
Object.setPrototypeOf(MyReadable.prototype, Readable.prototype);
Object.setPrototypeOf(MyReadable, Readable);
MyReadable.prototype._read = function () { this.push(this.i < 2 ? String(this.i++) : null); };
log.push(["es5", (await new MyReadable().toArray()).map(String), Readable() instanceof Readable]);
// wrap an old-style stream
const old = new Stream();
const wrapped = new Readable({ objectMode: true }).wrap(old);
const wout = [];
wrapped.on("data", (c) => wout.push(c));
wrapped.on("end", () => log.push(["wrapped", wout]));
old.emit("data", "w1"); old.emit("data", { x: 1 }); old.emit("end");
await wait();
// predicates
const pr = new Readable({ read() {} });
log.push(["pred", Stream.isReadable(pr), Stream.isDisturbed(pr), Stream.isErrored(pr), Stream.isDestroyed(pr), Stream.isWritable(pr)]);
pr.push("x"); pr.read();
pr.on("error", () => {});
pr.destroy(new Error("e"));
log.push(["pred2", Stream.isReadable(pr), Stream.isDisturbed(pr), Stream.isDestroyed(pr)]);
await wait();
log.push(["pred3", Stream.isErrored(pr), Stream.isReadable({}), Stream.isDestroyed({})]);
// addAbortSignal and the signal option
const ac = new AbortController();
const ra = addAbortSignal(ac.signal, new Readable({ read() {} }));
ra.on("error", (e) => log.push(["aborted", e.name, e.cause]));
ac.abort("why");
const ws = new Writable({ signal: AbortSignal.abort(), write(c, e, cb) { cb(); } });
ws.on("error", (e) => log.push(["signal option", e.name, ws.destroyed]));
log.push(["bad signal", caught(() => addAbortSignal({}, new PassThrough())).message]);
await wait();
// stream.destroy
const sd = new PassThrough();
sd.on("error", (e) => log.push(["destroy()", e.name]));
Stream.destroy(sd);
await wait();
// _construct delays _write, and its error destroys
const c = new Writable({
  construct(cb) { log.push("construct"); queueMicrotask(cb); },
  write(ch, e, cb) { log.push(["after construct", ch.toString()]); cb(); },
});
c.write("early");
log.push("sync");
await wait(10);
const ce = new Readable({ construct(cb) { cb(new Error("cfail")); }, read() {} });
ce.on("error", (e) => log.push(["construct error", e.message]));
ce.on("close", () => log.push("construct close"));
await wait(10);
// captureRejections: a rejecting async listener destroys the stream
const cr = new PassThrough({ captureRejections: true });
cr.on("error", (e) => log.push(["captured", e.message, cr.destroyed]));
cr.on("data", async () => { throw new Error("async listener"); });
cr.write("x");
await wait(10);
// Symbol.asyncDispose
const disposable = new Readable({ read() {} });
disposable.on("error", () => {});
await disposable[Symbol.asyncDispose ?? Symbol.for("nodejs.asyncDispose")]();
log.push(["disposed", disposable.destroyed, disposable.errored?.name]);
export default log;
"""
    ) == [
        ["legacy", ["l1", "l2"]],
        ["es5", ["0", "1"], True],
        ["wrapped", ["w1", {"x": 1}]],
        ["pred", True, False, False, False, None],
        ["pred2", False, True, True],
        ["pred3", True, None, None],
        [
            "bad signal",
            'The "signal" argument must be an instance of AbortSignal. Received an instance of Object',
        ],
        ["aborted", "AbortError", "why"],
        ["signal option", "AbortError", True],
        ["destroy()", "AbortError"],
        "sync",
        "construct",
        ["after construct", "early"],
        ["construct error", "cfail"],
        "construct close",
        ["captured", "async listener", True],
        ["disposed", True, "AbortError"],
    ]


def test_require_from_commonjs(node_js, tmp_path: Path):
    # The patterns of split2 (a Transform splitting lines), jws (a legacy Stream subclass
    # through util.inherits) and concat-stream (a Writable collecting everything).
    (tmp_path / "lib.cjs").write_text("""
const { Transform, Writable } = require("stream");
const Stream = require("node:stream");
const { StringDecoder } = require("string_decoder");
const { pipeline } = require("stream/promises");

function split() {
  const decoder = new StringDecoder("utf8");
  let last = "";
  return new Transform({
    readableObjectMode: true,
    transform(chunk, enc, cb) {
      const lines = (last + decoder.write(chunk)).split("\\n");
      last = lines.pop();
      for (const line of lines) this.push(line);
      cb();
    },
    flush(cb) {
      last += decoder.end();
      if (last) this.push(last);
      cb();
    },
  });
}

function DataStream(data) {
  this.buffer = null;
  this.writable = true;
  this.readable = true;
  if (typeof data === "string") {
    this.buffer = Buffer.from(data);
    Promise.resolve().then(() => { this.emit("data", this.buffer); this.emit("end", this.buffer); });
  } else {
    this.buffer = Buffer.alloc(0);
  }
}
Object.setPrototypeOf(DataStream.prototype, Stream.prototype);
Object.setPrototypeOf(DataStream, Stream);
DataStream.prototype.write = function (data) {
  this.buffer = Buffer.concat([this.buffer, Buffer.from(data)]);
  this.emit("data", data);
};
DataStream.prototype.end = function (data) {
  if (data) this.write(data);
  this.emit("end", data);
  this.emit("close");
  this.writable = false;
  this.readable = false;
};

function concat(cb) {
  const parts = [];
  return new Writable({
    write(chunk, enc, next) { parts.push(chunk); next(); },
    final(done) { cb(Buffer.concat(parts).toString()); done(); },
  });
}

module.exports = { split, DataStream, concat, pipeline, same: require("stream") === Stream,
  promises: require("stream/promises") === Stream.promises };
""")
    assert node_js(
        PRELUDE
        + """
import lib from "../lib.cjs";
import { Readable } from "node:stream";
const lines = await Readable.from(["one\\ntw", "o\\n", Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a]), "tail"])
  .pipe(lib.split()).toArray();
const ds = new lib.DataStream("payload");
let text;
await lib.pipeline(ds, lib.concat((t) => { text = t; }));
const sink = new lib.DataStream();
const closed = new Promise((resolve) => sink.on("close", resolve));
Readable.from([Buffer.from("pi"), Buffer.from("ped")]).pipe(sink);
await closed;
export default { lines, text, piped: sink.buffer.toString(), same: lib.same, promises: lib.promises };
"""
    ) == {
        "lines": ["one", "two", "é", "tail"],
        "text": "payload",
        "piped": "piped",
        "same": True,
        "promises": True,
    }


def test_stream_web_and_consumers(node_js):
    assert node_js(
        """
import { ReadableStream, TransformStream, WritableStream, CountQueuingStrategy } from "node:stream/web";
import { text, json, buffer, arrayBuffer, blob } from "node:stream/consumers";
import { Readable } from "node:stream";
const web = () => new ReadableStream({
  start(c) { c.enqueue(new TextEncoder().encode('{"a":')); c.enqueue(new TextEncoder().encode('"\u00e9"}')); c.close(); },
});
export default [
  ReadableStream === globalThis.ReadableStream, TransformStream === globalThis.TransformStream,
  typeof WritableStream, typeof CountQueuingStrategy,
  await text(web()), await json(web()), (await buffer(Readable.from(["ab", "c"]))).toString("hex"),
  (await arrayBuffer(web())).byteLength, (await blob(Readable.from([new Uint8Array([1, 2])]))).size,
  await text(Readable.from(["x", "y"])),
];
"""
    ) == [True, True, "function", "function", '{"a":"\u00e9"}', {"a": "\u00e9"}, "616263", 10, 2, "xy"]
