"""node:timers and node:timers/promises: Node's Timeout and Immediate objects, their order
against each other and microtasks (where Node's order is deterministic), and the promise
timers with AbortSignal."""

from __future__ import annotations

import pytest

import runtime
from tests.node.conftest import UNDEFINED

ATTEMPT = """
const attempt = (f) => { try { return f(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
const failure = (p) => p.then((v) => ["resolved", v], (e) => ({ name: e.name, code: e.code, message: e.message }));
"""


def test_timeout_and_immediate_objects(node_js):
    assert node_js(
        """
import timers, { setTimeout, setInterval, setImmediate, clearTimeout, clearInterval } from "node:timers";
const result = await new Promise((resolve) => {
  const t = setTimeout(function (a, b) {
    resolve({
      shape,
      call: [a, b, this === t, t._destroyed],
      afterRun: () => [t._destroyed, t._onTimeout === null],
      immediate,
    });
  }, 0, "a", "b");
  const shape = {
    name: t.constructor.name,
    refs: [t.hasRef(), t.unref() === t, t.hasRef(), t.ref() === t, t.hasRef()],
    primitive: [typeof +t, `${t}` === String(+t), Number.isInteger(+t)],
    fields: [t._idleTimeout, t._repeat, t._destroyed, t._timerArgs],
    dispose: typeof t[Symbol.dispose ?? Symbol.for("nodejs.dispose")],
    close: (() => { const c = setTimeout(() => {}, 5); return [c.close() === c, c._destroyed, c._idleTimeout, c._onTimeout]; })(),
    interval: (() => { const i = setInterval(() => {}, 7.5); clearInterval(i); return [i._idleTimeout, i._repeat, i._destroyed]; })(),
    delays: [0, -5, NaN, "3", 2.5, undefined, {}].map((d) => { const x = setTimeout(() => {}, d); const after = x._idleTimeout; clearTimeout(x); return after; }),
  };
  const immediate = [];
  const i = setImmediate(function (...args) { immediate.push([args, this === i, this._destroyed, this.hasRef()]); }, 1, 2, 3);
  immediate.push([i.constructor.name, i.hasRef(), i.unref() === i, i.hasRef(), i.ref().hasRef(), i._destroyed]);
});
await new Promise((r) => setTimeout(r, 1));
// Node's deprecated enroll, unenroll, active and _unrefActive are left out.
const deprecated = ["enroll", "unenroll", "active", "_unrefActive"];
export default { ...result, afterRun: result.afterRun(), keys: Object.keys(timers).filter((k) => !deprecated.includes(k)),
  lengths: [setTimeout.length, setInterval.length, setImmediate.length, clearTimeout.length] };
"""
    ) == {
        "shape": {
            "name": "Timeout",
            "refs": [True, True, False, True, True],
            "primitive": ["number", True, True],
            "fields": [1, None, False, ["a", "b"]],
            "dispose": "function",
            "close": [True, True, -1, None],
            "interval": [-1, 7.5, True],
            "delays": [1, 1, 1, 3, 2.5, 1, 1],
        },
        "call": ["a", "b", True, False],
        "afterRun": [True, False],
        "immediate": [["Immediate", True, True, False, True, False], [[1, 2, 3], True, True, False]],
        "keys": [
            "setTimeout",
            "clearTimeout",
            "setImmediate",
            "clearImmediate",
            "setInterval",
            "clearInterval",
            "promises",
        ],
        "lengths": [5, 5, 4, 1],
    }


def test_clearing_by_object_number_and_string(node_js):
    assert node_js(
        """
import { setTimeout, setImmediate, clearTimeout, clearImmediate, setInterval } from "node:timers";
const log = [];
const a = setTimeout(() => log.push("a"), 1);
const b = setTimeout(() => log.push("b"), 1);
const c = setTimeout(() => log.push("c"), 1);
const d = setTimeout(() => log.push("d"), 1);
const e = setTimeout(() => log.push("e"), 1);
const g = globalThis.setTimeout(() => log.push("global"), 1);
const i = setImmediate(() => log.push("immediate"));
clearTimeout(a);
clearTimeout(+b);
clearTimeout(String(+c));
globalThis.clearTimeout(d); // the context's own clearTimeout takes a Timeout too
clearTimeout(g); // and node:timers' takes the context's timer ids
clearImmediate(i);
clearTimeout(null); clearTimeout({}); clearImmediate(undefined); clearTimeout(i);
let n = 0;
let iv;
await new Promise((resolve) => {
  iv = setInterval(function (step) {
    log.push(`tick ${n += step}`);
    if (n === 3) {
      clearTimeout(this);
      setTimeout(resolve, 2); // a fourth tick would come first
    }
  }, 1, 1);
});
export default { log, ivDestroyed: iv._destroyed };
"""
    ) == {"log": ["e", "tick 1", "tick 2", "tick 3"], "ivDestroyed": True}


def test_order_of_immediates_timeouts_and_microtasks(node_js):
    # Inside a timer callback Node's order is fixed: microtasks, then the immediates
    # queued (each one's microtasks before the next), then a 0 ms timeout.
    assert node_js(
        """
import { setTimeout, setImmediate } from "node:timers";
const log = [];
await new Promise((resolve) => setTimeout(() => {
  setTimeout(() => { log.push("timeout"); resolve(); }, 0);
  setImmediate(() => {
    log.push("imm1");
    Promise.resolve().then(() => log.push("imm1 micro"));
  });
  setImmediate(() => log.push("imm2"));
  Promise.resolve().then(() => log.push("micro"));
}, 1));
// ... even when the clock moves on between setting the two
const late = [];
await new Promise((resolve) => setTimeout(() => {
  setTimeout(() => { late.push("timeout"); resolve(); }, 0);
  const end = Date.now() + 2;
  while (Date.now() < end);
  setImmediate(() => late.push("immediate"));
}, 1));
const nested = [];
await new Promise((resolve) => setImmediate(() => {
  setImmediate(() => { nested.push("inner"); resolve(); });
  nested.push("outer");
}).ref());
// Equal delays run in the order set (0, negative, NaN and "1" all mean 1 ms), each one's
// microtasks before the next; then the longer delays.
const timed = [];
await new Promise((resolve) => {
  setTimeout(() => { timed.push("a"); Promise.resolve().then(() => timed.push("a micro")); }, 1);
  setTimeout(() => timed.push("b"), 1);
  setTimeout(() => timed.push("c"), 0);
  setTimeout(() => timed.push("d"), -5);
  setTimeout(() => timed.push("e"), NaN);
  setTimeout(() => timed.push("f"), "1");
  setTimeout(() => timed.push("t5"), 5);
  setTimeout(() => { timed.push("t20"); resolve(); }, 20);
});
export default { log, late, nested, timed };
"""
    ) == {
        "log": ["micro", "imm1", "imm1 micro", "imm2", "timeout"],
        "late": ["immediate", "timeout"],
        "nested": ["outer", "inner"],
        "timed": ["a", "a micro", "b", "c", "d", "e", "f", "t5", "t20"],
    }


def test_refresh(node_js):
    assert node_js(
        """
import { setTimeout, clearTimeout } from "node:timers";
const log = [];
let ran;
const nextRun = () => new Promise((resolve) => { ran = resolve; });
// refreshed at 20 ms, a 40 ms timer runs at 60 ms or later: after one set for 50 ms
let run = nextRun();
const a = setTimeout(() => { log.push("a"); ran(); }, 40);
setTimeout(() => log.push("c at 50"), 50);
setTimeout(() => log.push(["refresh", a.refresh() === a]), 20);
await run;
// a timer that ran runs again when refreshed; a cleared one does not (it would run before
// a later 60 ms timer)
run = nextRun();
a.refresh();
log.push(["refreshed", a._destroyed]);
await run;
clearTimeout(a);
a.refresh();
await new Promise((r) => setTimeout(r, 60));
// a callback that refreshes its own timer runs again
let count = 0;
await new Promise((resolve) => setTimeout(function () { if (++count < 3) this.refresh(); else resolve(); }, 1));
export default { log, count };
"""
    ) == {"log": [["refresh", True], "c at 50", "a", ["refreshed", False], "a"], "count": 3}


def test_argument_errors_and_overflow(node_js):
    message = 'The "callback" argument must be of type function.'
    assert node_js(
        ATTEMPT
        + """
import { setTimeout, setInterval, setImmediate, clearTimeout } from "node:timers";
import process from "node:process";
const warnings = [];
process.on("warning", (w) => warnings.push([w.name, w.message]));
const big = setTimeout(() => {}, 2 ** 31);
const bigDelay = big._idleTimeout;
clearTimeout(big);
await new Promise((r) => setTimeout(r, 1));
export default {
  errors: [attempt(() => setTimeout("code", 1)), attempt(() => setInterval()), attempt(() => setImmediate(null))],
  overflow: [bigDelay, warnings],
};
"""
    ) == {
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": f"{message} Received type string ('code')",
            },
            {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "message": f"{message} Received undefined"},
            {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "message": f"{message} Received null"},
        ],
        "overflow": [
            1,
            [
                [
                    "TimeoutOverflowWarning",
                    "2147483648 does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.",
                ]
            ],
        ],
    }


def test_promise_timers(node_js):
    assert node_js(
        """
import { setTimeout as delay, setImmediate as immediate, scheduler } from "node:timers/promises";
import { setTimeout } from "node:timers";
// An unref'd timer does not keep Node alive: a ref'd one waits alongside (here the context
// waits for both kinds alike).
const unrefd = (p) => Promise.all([p, delay(5)]).then(([v]) => v);
const values = [await delay(1, "v"), await delay(), await unrefd(delay(1, undefined, { ref: false })),
  await immediate("w"), await immediate(), await unrefd(immediate(1, { ref: false })), await scheduler.wait(1),
  await scheduler.yield()];
// inside a timer callback an immediate comes before a 0 ms timeout
const first = await new Promise((resolve) => setTimeout(() => resolve(Promise.race([delay(0, "timeout"), immediate("immediate")])), 1));
export default { values, first };
"""
    ) == {
        "values": ["v", UNDEFINED, UNDEFINED, "w", UNDEFINED, 1, UNDEFINED, UNDEFINED],
        "first": "immediate",
    }


def test_promise_timers_abort(node_js):
    assert node_js(
        ATTEMPT
        + """
import { setTimeout as delay, setImmediate as immediate, setInterval, scheduler } from "node:timers/promises";
const shape = (p) => p.then((v) => ["resolved", v],
  (e) => [e.constructor.name, e.name, e.code, e.message, e.cause instanceof Error ? e.cause.name : e.cause]);
const before = AbortSignal.abort("why");
const during = new AbortController();
const duringImmediate = new AbortController();
const after = new AbortController();
const pending = [shape(delay(50, 1, { signal: during.signal })), shape(immediate(2, { signal: duringImmediate.signal })),
  shape(delay(1, 3, { signal: after.signal })), shape(scheduler.wait(50, { signal: during.signal }))];
during.abort();
duringImmediate.abort(new RangeError("stop"));
await pending[2];
after.abort();
const iterate = async (signal, stopAt) => {
  const seen = [];
  try {
    for await (const v of setInterval(1, "tick", { signal })) {
      seen.push(v);
      if (seen.length === stopAt) break;
    }
  } catch (e) {
    seen.push([e.name, e.code, e.cause]);
  }
  return seen;
};
const stopping = new AbortController();
const interval = iterate(stopping.signal, 100);
await delay(10);
stopping.abort("enough");
export default {
  before: await Promise.all([shape(delay(1, 1, { signal: before })), shape(immediate(1, { signal: before })),
    iterate(before)]),
  pending: await Promise.all(pending),
  broken: await iterate(undefined, 3),
  interval: (await interval).slice(-1),
};
"""
    ) == {
        "before": [
            ["AbortError", "AbortError", "ABORT_ERR", "The operation was aborted", "why"],
            ["AbortError", "AbortError", "ABORT_ERR", "The operation was aborted", "why"],
            [["AbortError", "ABORT_ERR", "why"]],
        ],
        "pending": [
            ["AbortError", "AbortError", "ABORT_ERR", "The operation was aborted", "AbortError"],
            ["AbortError", "AbortError", "ABORT_ERR", "The operation was aborted", "RangeError"],
            ["resolved", 3],
            ["AbortError", "AbortError", "ABORT_ERR", "The operation was aborted", "AbortError"],
        ],
        "broken": ["tick", "tick", "tick"],
        "interval": [["AbortError", "ABORT_ERR", "enough"]],
    }


def test_promise_timers_argument_errors(node_js):
    def arg_type(what: str, expected: str, received: str) -> dict[str, str]:
        return {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": f"The {what} must be {expected}. Received {received}",
        }

    options = arg_type('"options" argument', "of type object", "null")
    assert node_js(
        ATTEMPT
        + """
import { setTimeout, setImmediate, setInterval, scheduler } from "node:timers/promises";
const Scheduler = Object.getPrototypeOf(scheduler).constructor;
export default {
  timeout: await Promise.all([setTimeout("1"), setTimeout(1, 1, null), setTimeout(1, 1, [1]),
    setTimeout(1, 1, { signal: {} }), setTimeout(1, 1, { ref: 1 }), setTimeout(1, 1, "x")].map(failure)),
  immediate: await Promise.all([setImmediate(1, null), setImmediate(1, { signal: 5 }),
    setImmediate(1, { ref: "no" })].map(failure)),
  interval: await Promise.all([setInterval("1"), setInterval(1, 1, null)].map((it) => failure(it.next()))),
  scheduler: [Scheduler.name, attempt(() => new Scheduler()), attempt(() => scheduler.wait.call({}, 1)),
    attempt(() => Scheduler.prototype.yield.call(0)), await failure(scheduler.wait("1"))],
};
"""
    ) == {
        "timeout": [
            arg_type('"delay" argument', "of type number", "type string ('1')"),
            options,
            arg_type('"options" argument', "of type object", "an instance of Array"),
            arg_type('"options.signal" property', "an instance of AbortSignal", "an instance of Object"),
            arg_type('"options.ref" property', "of type boolean", "type number (1)"),
            arg_type('"options" argument', "of type object", "type string ('x')"),
        ],
        "immediate": [
            options,
            arg_type('"options.signal" property', "an instance of AbortSignal", "type number (5)"),
            arg_type('"options.ref" property', "of type boolean", "type string ('no')"),
        ],
        "interval": [arg_type('"delay" argument', "of type number", "type string ('1')"), options],
        "scheduler": [
            "Scheduler",
            {"name": "TypeError", "code": "ERR_ILLEGAL_CONSTRUCTOR", "message": "Illegal constructor"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_THIS",
                "message": 'Value of "this" must be of type Scheduler',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_THIS",
                "message": 'Value of "this" must be of type Scheduler',
            },
            arg_type('"delay" argument', "of type number", "type string ('1')"),
        ],
    }


def test_require_from_commonjs(node_js, tmp_path):
    (tmp_path / "lib.cjs").write_text(
        """
const timers = require("timers");
const promises = require("node:timers/promises");
const custom = Symbol.for("nodejs.util.promisify.custom");
module.exports = {
  same: timers.promises === promises && require("node:timers") === timers,
  promisified: timers.setTimeout[custom] === promises.setTimeout && timers.setImmediate[custom] === promises.setImmediate,
  keys: Object.keys(promises),
  run: () => new Promise((resolve) => timers.setTimeout(resolve, 1, "done")),
};
"""
    )
    assert node_js(
        """
import lib from "../lib.cjs";
import timers, { promises } from "node:timers";
import * as ns from "node:timers/promises";
export default { same: lib.same, promisified: lib.promisified, keys: lib.keys, run: await lib.run(),
  esm: promises === timers.promises && ns.setTimeout === promises.setTimeout };
"""
    ) == {
        "same": True,
        "promisified": True,
        "keys": ["setTimeout", "setImmediate", "setInterval", "scheduler"],
        "run": "done",
        "esm": True,
    }


def test_ticks_run_in_nodes_order(node_js):
    # Ticks queued by a module's body run once its microtasks have; all ticks of a round
    # (those a tick queues too) before the promise jobs they queue; in a task (a timer's
    # callback), right after the callback, before its promise jobs.
    assert node_js(
        """
import process from "node:process";
import { setImmediate } from "node:timers";
const log = [];
Promise.resolve().then(() => log.push("p1"));
process.nextTick(() => {
  log.push("t1");
  Promise.resolve().then(() => log.push("p from t1"));
  process.nextTick(() => log.push("t from t1"));
});
queueMicrotask(() => { log.push("m1"); process.nextTick(() => log.push("t from m1")); });
Promise.resolve().then(() => log.push("p2"));
await new Promise((resolve) => setTimeout(() => {
  Promise.resolve().then(() => log.push("p in timer"));
  process.nextTick((a, b) => log.push(`t in timer ${a}${b}`), 1, 2);
  setImmediate(() => {
    Promise.resolve().then(() => log.push("p in immediate"));
    process.nextTick(() => log.push("t in immediate"));
    setTimeout(resolve, 0);
  });
}, 0));
export default log;
"""
    ) == [
        "p1", "m1", "p2", "t1", "t from m1", "t from t1", "p from t1",
        "t in timer 12", "p in timer", "t in immediate", "p in immediate",
    ]  # fmt: skip


def test_an_event_a_stream_emits_on_a_tick_waits_for_awaits_before_it(node_js):
    # Flowing starts on a tick: the data and "end" come after the microtasks queued before,
    # so a listener added after an await still sees them.
    assert node_js(
        """
import { Readable, PassThrough } from "node:stream";
import { once } from "node:events";
const r = Readable.from(["a", "b"]);
const got = [];
r.on("data", (c) => got.push(c));
await Promise.resolve();
await once(r, "end");
const p = new PassThrough();
p.end("x");
p.resume();
await null;
await once(p, "end");
export default { got, ended: p.readableEnded };
"""
    ) == {"got": ["a", "b"], "ended": True}


def test_a_tick_that_throws_is_reported_and_the_rest_run(ctx, tmp_path, caplog):
    (tmp_path / "m.mjs").write_text(
        """
import process from "node:process";
const log = [];
process.nextTick(() => { throw new Error("tick failed"); });
process.nextTick(() => log.push("after"));
export default await new Promise((resolve) => setTimeout(() => resolve(log), 5));
"""
    )
    assert ctx.import_module(tmp_path / "m.mjs")["default"] == ["after"]
    assert "Uncaught Error: tick failed" in caplog.text


def test_ticks_run_after_a_round_cut_short_by_a_timeout(ctx, tmp_path):
    (tmp_path / "m.mjs").write_text(
        """
import process from "node:process";
globalThis.spinOnTick = () => process.nextTick(() => { process.nextTick(() => {}); for (;;); });
globalThis.onTick = () => new Promise((resolve) => process.nextTick(resolve, "ticked"));
"""
    )
    ctx.import_module(tmp_path / "m.mjs")
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("spinOnTick()", timeout=0.3)
    assert ctx.wait(ctx.eval("onTick()"), timeout=5) == "ticked"
    assert ctx.wait(ctx.eval("onTick()"), timeout=5) == "ticked"


def test_ticks_queued_after_a_timeout_run_at_the_next_eval(ctx):
    # A timer that ran away left its round of ticks half done; the next call finds that out
    # first, whatever it is (an eval here, not a wait).
    ctx.eval("globalThis.out = []")
    stuck = ctx.eval(
        "new Promise(() => setTimeout(() => { __runtime.nextTick(() => out.push('before'), []); for (;;); }, 0))"
    )
    with pytest.raises(runtime.ScriptTimeout):
        ctx.wait(stuck, timeout=0.5)
    ctx.eval("__runtime.nextTick(() => out.push('after'), [])")
    assert ctx.eval("out.join()") == "before,after"
