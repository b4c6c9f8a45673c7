"""node:events: EventEmitter and the module's helpers, checked against Node.js."""

from __future__ import annotations

from pathlib import Path

from tests.node.conftest import UNDEFINED

# Turns a thrown error into JSON.
CATCH = """
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""


def test_exports(node_js):
    assert node_js("""
import EE, * as ns from "node:events";
import { EventEmitter, once, on, errorMonitor, captureRejectionSymbol } from "node:events";
export default {
  // EventEmitterAsyncResource needs async_hooks, which this runtime does not have.
  keys: Object.keys(EE).filter((k) => k !== "EventEmitterAsyncResource"),
  same: EE === EventEmitter && EE.EventEmitter === EE && ns.default === EE && ns.once === once,
  types: [typeof once, typeof on, typeof EE.getEventListeners, typeof EE.addAbortListener, typeof EE.init],
  symbols: [String(errorMonitor), captureRejectionSymbol === Symbol.for("nodejs.rejection")],
  defaults: [EE.defaultMaxListeners, EE.captureRejections, EE.usingDomains, EE.prototype._maxListeners ?? null],
  hidden: [typeof EE.kMaxEventTargetListeners, Object.keys(EE).includes("kMaxEventTargetListeners")],
  proto: Object.getOwnPropertyNames(EE.prototype).sort(),
  methodNames: [EE.prototype.on.name, EE.prototype.off.name, EE.prototype.emit.name],
};
""") == {
        "keys": [
            "addAbortListener",
            "once",
            "on",
            "getEventListeners",
            "getMaxListeners",
            "EventEmitter",
            "usingDomains",
            "captureRejectionSymbol",
            "captureRejections",
            "errorMonitor",
            "defaultMaxListeners",
            "setMaxListeners",
            "init",
            "listenerCount",
        ],
        "same": True,
        "types": ["function"] * 5,
        "symbols": ["Symbol(events.errorMonitor)", True],
        "defaults": [10, False, False, None],
        "hidden": ["symbol", False],
        "proto": [
            "_events",
            "_eventsCount",
            "_maxListeners",
            "addListener",
            "constructor",
            "emit",
            "eventNames",
            "getMaxListeners",
            "listenerCount",
            "listeners",
            "off",
            "on",
            "once",
            "prependListener",
            "prependOnceListener",
            "rawListeners",
            "removeAllListeners",
            "removeListener",
            "setMaxListeners",
        ],
        "methodNames": ["addListener", "removeListener", "emit"],
    }


def test_listeners(node_js):
    assert node_js("""
import { EventEmitter } from "node:events";
const e = new EventEmitter();
const log = [];
const a = (...args) => log.push(["a", ...args]);
const b = function (x) { log.push(["b", x, this === e]); };
const c = (x) => log.push(["c", x]);
const sym = Symbol("s");
const chained = e.on("x", a) === e && e.prependListener("x", b) === e && e.once("x", c) === e;
const shapes = [typeof e._events.x, e._eventsCount];
const r1 = e.emit("x", 1, 2);
const r2 = e.emit("x", 3);
const r3 = e.emit("nothing");
e.on(sym, () => log.push("sym"));
e.emit(sym);
const names = e.eventNames().map(String);
const counts = [e.listenerCount("x"), e.listenerCount("x", a), e.listenerCount("x", c), e.listenerCount("none")];
e.prependOnceListener("x", c);
e.once("x", c);
const raw = e.rawListeners("x");
const info = {
  listeners: e.listeners("x").map((f) => [a, b, c].indexOf(f)),
  raw: raw.map((f) => (f === a ? "a" : f === b ? "b" : f.listener === c ? "once c" : "?")),
  countC: e.listenerCount("x", c),
};
e.off("x", c);  // the last added instance goes
info.afterOff = e.rawListeners("x").map((f) => f.listener === c);
raw[0]();  // calling the raw once wrapper runs c and removes it
info.afterRaw = e.listeners("x").length;
e.removeListener("x", () => {});  // not there: no change
e.removeAllListeners("x");
info.afterAll = [e.eventNames().map(String), e._eventsCount, e.emit("x")];
e.removeAllListeners();
info.empty = [e.eventNames(), e._eventsCount, Object.getPrototypeOf(e._events)];
export default { chained, shapes, r: [r1, r2, r3], log, names, counts, info };
""") == {
        "chained": True,
        "shapes": ["object", 1],
        "r": [True, True, False],
        "log": [["b", 1, True], ["a", 1, 2], ["c", 1], ["b", 3, True], ["a", 3], "sym", ["c", UNDEFINED]],
        "names": ["x", "Symbol(s)"],
        "counts": [2, 1, 0, 0],
        "info": {
            "listeners": [2, 1, 0, 2],
            "raw": ["once c", "b", "a", "once c"],
            "countC": 2,
            "afterOff": [True, False, False],
            "afterRaw": 2,
            "afterAll": [["Symbol(s)"], 1, False],
            "empty": [[], 0, None],
        },
    }


def test_emit_while_emitting_and_meta_events(node_js):
    assert node_js("""
import { EventEmitter } from "node:events";
const e = new EventEmitter();
const log = [];
e.on("newListener", (name, fn) => log.push(["new", String(name), fn.name, e.listenerCount(name)]));
e.on("removeListener", (name, fn) => log.push(["removed", String(name), fn.name]));
function one() { log.push("one"); e.on("x", function three() { log.push("three"); }); e.off("x", two); }
function two() { log.push("two"); }
e.on("x", one);
e.on("x", two);
e.emit("x");  // a listener added or removed during emit does not change this emit
e.emit("x");
e.once("y", function onceY() {});
e.emit("y");
e.removeAllListeners("x");
log.push(e.eventNames());
e.removeAllListeners();
log.push(e.eventNames());
export default log;
""") == [
        ["new", "removeListener", "", 0],
        ["new", "x", "one", 0],
        ["new", "x", "two", 1],
        "one",
        ["new", "x", "three", 2],
        ["removed", "x", "two"],
        "two",
        "one",
        ["new", "x", "three", 2],
        "three",
        ["new", "y", "onceY", 0],
        ["removed", "y", "onceY"],
        ["removed", "x", "three"],
        ["removed", "x", "three"],
        ["removed", "x", "one"],
        ["newListener", "removeListener"],
        ["removed", "newListener", ""],
        [],
    ]


def test_error_event(node_js):
    assert node_js(
        CATCH
        + """
import { EventEmitter, errorMonitor } from "node:events";
const e = new EventEmitter();
const err = new TypeError("boom");
const out = {};
out.thrown = (() => { try { e.emit("error", err); } catch (x) { return x === err; } })();
out.string = caught(() => e.emit("error", "bad"));
out.none = caught(() => e.emit("error"));
out.object = caught(() => e.emit("error", { a: 1 }));
out.context = (() => { try { e.emit("error", 42); } catch (x) { return [x.context, String(x)]; } })();
const seen = [];
e.on(errorMonitor, (x) => seen.push(["monitor", x.message]));
out.monitored = caught(() => e.emit("error", err)) ;
e.on("error", (x) => seen.push(["error", x.message]));
out.handled = e.emit("error", err);
out.seen = seen;
export default out;
"""
    ) == {
        "thrown": True,
        "string": {"name": "Error", "code": "ERR_UNHANDLED_ERROR", "message": "Unhandled error. ('bad')"},
        "none": {"name": "Error", "code": "ERR_UNHANDLED_ERROR", "message": "Unhandled error. (undefined)"},
        "object": {"name": "Error", "code": "ERR_UNHANDLED_ERROR", "message": "Unhandled error. ({ a: 1 })"},
        "context": [42, "Error [ERR_UNHANDLED_ERROR]: Unhandled error. (42)"],
        "monitored": {"name": "TypeError", "code": UNDEFINED, "message": "boom"},
        "handled": True,
        "seen": [["monitor", "boom"], ["monitor", "boom"], ["error", "boom"]],
    }


def test_argument_checks(node_js):
    assert node_js(
        CATCH
        + """
import EE from "node:events";
const e = new EE();
const before = EE.defaultMaxListeners;
const out = {
  on: caught(() => e.on("x", "nope")),
  off: caught(() => e.off("x", null)),
  once: caught(() => e.once("x", 1)),
  setMax: caught(() => e.setMaxListeners(-1)),
  setMaxNaN: caught(() => e.setMaxListeners(NaN)),
  setMaxType: caught(() => e.setMaxListeners("3")),
  defaultMax: caught(() => { EE.defaultMaxListeners = -2; }),
  staticSet: caught(() => EE.setMaxListeners(1, {})),
  capture: caught(() => new EE({ captureRejections: 1 })),
  captureStatic: caught(() => { EE.captureRejections = "yes"; }),
  getEvents: caught(() => EE.getEventListeners(42, "x")),
  getMax: caught(() => EE.getMaxListeners({})),
};
out.unchanged = EE.defaultMaxListeners === before;
export default out;
"""
    ) == {
        "on": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"listener\" argument must be of type function. Received type string ('nope')",
        },
        "off": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "listener" argument must be of type function. Received null',
        },
        "once": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "listener" argument must be of type function. Received type number (1)',
        },
        "setMax": {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "setMaxListeners" is out of range. It must be >= 0. Received -1',
        },
        "setMaxNaN": {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "setMaxListeners" is out of range. It must be >= 0. Received NaN',
        },
        "setMaxType": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"setMaxListeners\" argument must be of type number. Received type string ('3')",
        },
        "defaultMax": {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "defaultMaxListeners" is out of range. It must be >= 0. Received -2',
        },
        "staticSet": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "eventTargets" argument must be an instance of EventEmitter or EventTarget. '
            "Received an instance of Object",
        },
        "capture": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "options.captureRejections" property must be of type boolean. '
            "Received type number (1)",
        },
        "captureStatic": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "EventEmitter.captureRejections" property must be of type boolean. '
            "Received type string ('yes')",
        },
        "getEvents": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "emitter" argument must be an instance of EventEmitter or EventTarget. '
            "Received type number (42)",
        },
        "getMax": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "emitter" argument must be an instance of EventEmitter or EventTarget. '
            "Received an instance of Object",
        },
        "unchanged": True,
    }


def test_max_listeners(node_js):
    assert node_js("""
import EE, { getMaxListeners, setMaxListeners, getEventListeners } from "node:events";
const e = new EE();
const f = new EE();
const target = new EventTarget();
const out = [e.getMaxListeners(), getMaxListeners(e), getMaxListeners(target)];
out.push(e.setMaxListeners(3) === e, e.getMaxListeners(), f.getMaxListeners());
EE.defaultMaxListeners = 4;
out.push(e.getMaxListeners(), f.getMaxListeners(), EE.defaultMaxListeners);
setMaxListeners(7, f, target);
out.push(f.getMaxListeners(), getMaxListeners(target));
setMaxListeners(5);
out.push(EE.defaultMaxListeners);
setMaxListeners();  // n defaults to the current default
out.push(EE.defaultMaxListeners);
EE.defaultMaxListeners = 10;
const g = () => {};
e.on("z", g).on("z", g);
out.push(getEventListeners(e, "z").length, getEventListeners(e, "other"));
export default out;
""") == [10, 10, 10, True, 3, 10, 3, 4, 4, 7, 7, 5, 5, 2, []]


def test_leak_warning(node_js):
    # A process warning, as in Node (written to stderr only where nobody listens for it).
    assert node_js(
        """
import EE from "node:events";
import process from "node:process";
const written = [];
process.on("warning", (w) => written.push(`${w.name}: ${w.message}`));
const e = new EE();
for (let i = 0; i < 12; i++) e.on("data", () => {});
const sym = Symbol("s");
for (let i = 0; i < 12; i++) e.on(sym, () => {});
const quiet = new EE().setMaxListeners(0);
for (let i = 0; i < 30; i++) quiet.on("data", () => {});
class Sub extends EE {}
const s = new Sub().setMaxListeners(1);
s.on("x", () => {}).prependListener("x", () => {});
await new Promise((resolve) => setTimeout(resolve, 5));
export default written;
"""
    ) == [
        "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 data listeners added to "
        "[EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit",
        "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 Symbol(s) listeners added to "
        "[EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit",
        "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 2 x listeners added to "
        "[Sub]. MaxListeners is 1. Use emitter.setMaxListeners() to increase limit",
    ]


def test_subclassing(node_js):
    assert node_js("""
import EventEmitter from "node:events";
function Legacy(name) {
  EventEmitter.call(this);
  this.name = name;
}
Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Legacy, EventEmitter);
Legacy.prototype.greet = function () { this.emit("greet", this.name); };
const l = new Legacy("old");
let got;
l.on("greet", (n) => { got = n; });
l.greet();
class Modern extends EventEmitter {
  constructor() { super({ captureRejections: false }); this.count = 0; }
  emit(type, ...args) { this.count++; return super.emit(type, ...args); }
}
const m = new Modern();
m.once("a", () => {});
m.emit("a"); m.emit("a");
// A prototype that already has listeners: each instance gets its own _events.
const proto = new EventEmitter();
proto.on("p", () => {});
const child = Object.create(proto);
EventEmitter.call(child);
export default {
  got, own: Object.keys(l).sort(), isEE: l instanceof EventEmitter, count: m.count,
  childEvents: child.listenerCount("p"), protoEvents: proto.listenerCount("p"),
  inherit: EventEmitter.listenerCount(proto, "p"),
};
""") == {
        "got": "old",
        "own": ["_events", "_eventsCount", "_maxListeners", "name"],
        "isEE": True,
        "count": 2,
        "childEvents": 0,
        "protoEvents": 1,
        "inherit": 1,
    }


def test_once_promise(node_js):
    assert node_js("""
import { EventEmitter, once } from "node:events";
const e = new EventEmitter();
const out = {};
const p = once(e, "ready");
out.listening = [e.listenerCount("ready"), e.listenerCount("error")];
e.emit("ready", 1, "two");
out.value = await p;
out.cleaned = [e.listenerCount("ready"), e.listenerCount("error")];
const q = once(e, "never");
e.emit("error", new Error("bad"));
out.rejected = await q.then(() => "resolved", (err) => err.message);
out.afterError = [e.listenerCount("never"), e.listenerCount("error")];
const errP = once(e, "error");
e.emit("error", new Error("caught"));
out.onceError = (await errP).map((x) => x.message);
const ac = new AbortController();
const r = once(e, "late", { signal: ac.signal });
ac.abort("why");
out.aborted = await r.catch((err) => [err.name, err.code, err.message, err.cause]);
out.afterAbort = e.listenerCount("late");
out.pre = await once(e, "x", { signal: AbortSignal.abort() }).catch((err) => [err.name, err.cause.name]);
out.badSignal = await once(e, "x", { signal: 1 }).catch((err) => [err.code, err.message]);
const target = new EventTarget();
const t = once(target, "ping");
target.dispatchEvent(new Event("ping"));
const [event] = await t;
out.target = [event.type, event instanceof Event];
export default out;
""") == {
        "listening": [1, 1],
        "value": [1, "two"],
        "cleaned": [0, 0],
        "rejected": "bad",
        "afterError": [0, 0],
        "onceError": ["caught"],
        "aborted": ["AbortError", "ABORT_ERR", "The operation was aborted", "why"],
        "afterAbort": 0,
        "pre": ["AbortError", "AbortError"],
        "badSignal": [
            "ERR_INVALID_ARG_TYPE",
            'The "options.signal" property must be an instance of AbortSignal. Received type number (1)',
        ],
        "target": ["ping", True],
    }


def test_on_iterator(node_js):
    assert node_js("""
import { EventEmitter, on } from "node:events";
const out = {};
const e = new EventEmitter();
queueMicrotask(() => { e.emit("foo", 1); e.emit("foo", 2, 3); e.emit("end"); e.emit("foo", 4); });
const got = [];
for await (const args of on(e, "foo", { close: ["end"] })) got.push(args);
out.closed = [got, e.listenerCount("foo"), e.listenerCount("error"), e.listenerCount("end")];

const it = on(e, "bar");
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
out.proto = Object.getPrototypeOf(it) === AsyncIteratorPrototype;
e.emit("bar", "a");
out.first = await it.next();
const pending = it.next();
e.emit("error", new Error("oops"));
out.error = await pending.catch((err) => err.message);
out.afterError = [await it.next(), e.listenerCount("bar")];

const it2 = on(e, "baz");
e.emit("error", new Error("queued"));
out.queuedError = await it2.next().catch((err) => err.message);
out.queuedDone = await it2.next();

const it3 = on(e, "q");
const waiting = it3.next();
out.returned = await it3.return();
out.waiting = await waiting;

const ac = new AbortController();
const it4 = on(e, "q", { signal: ac.signal });
const p4 = it4.next();
ac.abort();
out.aborted = await p4.catch((err) => [err.name, err.code]);
out.throws = (() => { try { it4.throw("x"); } catch (err) { return err.code; } })();

const paused = [];
const source = Object.assign(new EventEmitter(), {
  pause() { paused.push("pause"); }, resume() { paused.push("resume"); },
});
const it5 = on(source, "d", { highWaterMark: 2, lowWaterMark: 1 });
for (let i = 0; i < 4; i++) source.emit("d", i);
for (let i = 0; i < 4; i++) await it5.next();
out.watermarks = paused;
out.badWatermark = (() => { try { on(e, "x", { highWaterMark: 0 }); } catch (err) { return err.message; } })();
export default out;
""") == {
        "closed": [[[1], [2, 3]], 0, 0, 0],
        "proto": True,
        "first": {"value": ["a"], "done": False},
        "error": "oops",
        "afterError": [{"value": UNDEFINED, "done": True}, 0],
        "queuedError": "queued",
        "queuedDone": {"value": UNDEFINED, "done": True},
        "returned": {"value": UNDEFINED, "done": True},
        "waiting": {"value": UNDEFINED, "done": True},
        "aborted": ["AbortError", "ABORT_ERR"],
        "throws": "ERR_INVALID_ARG_TYPE",
        "watermarks": ["pause", "resume"],
        "badWatermark": 'The value of "options.highWaterMark" is out of range. It must be >= 1 && <= '
        "9007199254740991. Received 0",
    }


def test_capture_rejections(node_js):
    assert node_js("""
import EE, { captureRejectionSymbol } from "node:events";
const log = [];
const e = new EE({ captureRejections: true });
e.on("job", async (n) => { throw new Error(`fail ${n}`); });
e.on("error", (err) => log.push(["error", err.message]));
e.emit("job", 1);
const f = new EE({ captureRejections: true });
f[captureRejectionSymbol] = (err, type, ...args) => log.push(["symbol", err.message, type, args]);
f.on("job", async (a, b) => { throw new Error("inner"); });
f.emit("job", "a", "b");
const off = new EE();
off.on("job", async () => 1);
off.emit("job");
await new Promise((r) => setTimeout(r, 5));
EE.captureRejections = true;
const g = new EE();
EE.captureRejections = false;
g.on("job", () => Promise.reject(new Error("global")));
g.on("error", (err) => log.push(["global", err.message]));
g.emit("job");
await new Promise((r) => setTimeout(r, 5));
export default log;
""") == [["error", "fail 1"], ["symbol", "inner", "job", ["a", "b"]], ["global", "global"]]


def test_abort_listener(node_js):
    assert node_js("""
import { addAbortListener } from "node:events";
const log = [];
const ac = new AbortController();
const disposable = addAbortListener(ac.signal, (e) => log.push(["a", e.type]));
const removed = addAbortListener(ac.signal, () => log.push("removed"));
removed[Symbol.dispose ?? Symbol.for("nodejs.dispose")]();
ac.abort();
addAbortListener(AbortSignal.abort(), (...args) => log.push(["already", args.length]));
log.push("sync");
await null;
let bad;
try { addAbortListener(undefined, () => {}); } catch (e) { bad = e.message; }
export default { log, bad, keys: Object.getOwnPropertySymbols(disposable).length };
""") == {
        "log": [["a", "abort"], "sync", ["already", 0]],
        "bad": 'The "signal" argument must be an instance of AbortSignal. Received undefined',
        "keys": 1,
    }


def test_require_from_commonjs(node_js, tmp_path: Path):
    (tmp_path / "lib.cjs").write_text("""
const EventEmitter = require("events");
const { once } = require("node:events");
function Legacy() { EventEmitter.call(this); }
require("node:events").EventEmitter.prototype === EventEmitter.prototype;
Legacy.prototype = Object.create(EventEmitter.prototype, { constructor: { value: Legacy } });
module.exports = { Legacy, once, same: require("events") === require("node:events") };
""")
    assert node_js("""
import lib from "../lib.cjs";
const l = new lib.Legacy();
const p = lib.once(l, "go");
l.emit("go", 5);
export default { same: lib.same, value: await p };
""") == {"same": True, "value": [5]}


def test_get_event_listeners_of_an_event_target(node_js):
    assert node_js(
        """
import { getEventListeners } from "node:events";
const controller = new AbortController(), target = new EventTarget();
const onAbort = () => {};
controller.signal.addEventListener("abort", onAbort);
target.addEventListener("x", onAbort);
target.addEventListener("x", { handleEvent() {} });
export default [getEventListeners(controller.signal, "abort").length, getEventListeners(controller.signal, "abort")[0] === onAbort,
  getEventListeners(target, "x").length, getEventListeners(target, "none").length];
"""
    ) == [1, True, 2, 0]


def test_the_listener_leak_warning_is_a_process_warning(node_js):
    assert node_js(
        """
import { EventEmitter } from "node:events";
import process from "node:process";
const seen = [];
process.on("warning", (w) => seen.push([w.name, w.type, w.count, w.emitter instanceof EventEmitter]));
const e = new EventEmitter();
e.setMaxListeners(1);
e.on("foo", () => {});
e.on("foo", () => {});
await new Promise((resolve) => setTimeout(resolve, 5));
export default seen;
"""
    ) == [["MaxListenersExceededWarning", "foo", 2, True]]
