// The server's JS request runner: runs request batches through the handler and hands back
// finished responses in batches, so each engine crossing serves many requests.
//
// The worker calls (each one crossing; plain data in and out through ctx.call):
//   __server.init(config)         env bindings
//   __server.run(batch)           start every request of the batch (the worker then lets
//                                 the promise jobs run and calls collect, in one crossing)
//   __server.collect()            run due timers; returns take()
//   __server.interrupted()        after a terminated crossing: which request was running,
//                                 which were not started, and what finished before
//   __server.cancel(ids)          forget requests the worker answered itself (504)
//   __server.pause(ids) / resume(ids)  hold or go on producing streamed bodies
// take() returns [[finished...], pending, msUntilNextTimer]. The positions and statuses of
// batch items and finished entries are the constants below (see protocol.py).
//
// Async completions land in promise jobs that run after run() returns: the collect() that
// follows in the same crossing takes those settled by then; the rest come back with the
// next crossing (the next batch, or a collect when the worker is idle).
// Within a long batch, answers already made go to the worker before it ends, through
// __runtime.progress, where the engine allows it.
(function () {
  "use strict";
  const G = globalThis;
  const R = G.__runtime;

  // ------------------------------------------------ protocol (runtime/server/protocol.py JS)
  // A batch item: [id, method, url, headers, body, bodyKind].
  const ITEM_ID = 0;
  const ITEM_METHOD = 1;
  const ITEM_URL = 2;
  const ITEM_HEADERS = 3;
  const ITEM_BODY = 4;
  const ITEM_BODY_KIND = 5;
  // A finished entry: [id, status, headers, body, bodyKind], or [id, ERROR or
  // OUT_OF_MEMORY, errorRecord]; a streamed body adds [id, CHUNK, base64]... then [id, END]
  // or [id, FAILED, errorRecord].
  const DONE_ID = 0;
  const DONE_STATUS = 1;
  const DONE_HEADERS = 2;
  const DONE_ERROR = 2;
  const DONE_CHUNK = 2;
  const DONE_BODY = 3;
  const DONE_BODY_KIND = 4;
  const ERROR = -1;
  const OUT_OF_MEMORY = -2;
  const CHUNK = -3;
  const END = -4;
  const FAILED = -5;
  const BODY_TEXT = 0;
  const BODY_BASE64 = 1;
  const BODY_STREAM = 2;
  // ------------------------------------------------ end of protocol

  // ------------------------------------------------ handler registry
  const fetchListeners = [];
  const originalAdd = G.addEventListener;
  G.addEventListener = function addEventListener(type, listener, options) {
    if (type === "fetch") {
      fetchListeners.push(listener);
      return undefined;
    }
    if (typeof originalAdd === "function") return originalAdd.call(this, type, listener, options);
    return undefined;
  };

  // ------------------------------------------------ state
  // Within a batch, finished answers are handed to the host before the next request starts
  // once this many ms passed since the last hand-over (see run).
  const PROGRESS_MS = 1;
  const canProgress = R.canProgress;
  // False when the host did not take them (they then go with the crossing's result).
  function handOver(answers) {
    try {
      return R.progress(answers);
    } catch (_) {
      return false;
    }
  }
  let env = {};
  let done = [];
  const inflight = new Map(); // id -> true while a promise is outstanding
  let waiting = 0; // ctx.waitUntil promises not settled yet
  let queue = [];
  let qpos = 0;
  let current = -1;

  // The fetch shim's Response, whatever the handler does to the global.
  const Response = G.Response;
  function base64Of(bytes) { return R.bytesToBase64(bytes); }
  function isResponse(v) {
    if (v instanceof Response || v instanceof G.Response) return true;
    return v !== null && typeof v === "object" && typeof v.status === "number" && v.headers != null &&
      typeof v.arrayBuffer === "function";
  }
  function describe(v) {
    if (v === null) return "null";
    if (v === undefined) return "undefined";
    if (typeof v !== "object") return typeof v + " " + String(v).slice(0, 40);
    const c = Object.getPrototypeOf(v);
    return "an object of type " + ((c && c.constructor && c.constructor.name) || "Object");
  }
  function headerList(h) {
    const out = [];
    if (h == null) return out;
    if (typeof h.getSetCookie === "function") {
      for (const c of h.getSetCookie()) out.push(["set-cookie", c]);
    }
    if (typeof h.forEach === "function") {
      h.forEach((v, k) => { if (k !== "set-cookie" || out.length === 0 || typeof h.getSetCookie !== "function") out.push([k, v]); });
    }
    return out;
  }
  // Out of memory that the engine let JS catch is reported as OUT_OF_MEMORY, so the worker
  // answers 503 and retires instead of serving on with a starved heap.
  const isOutOfMemory = R.isOutOfMemory;
  function fail(id, e) {
    requests.delete(id);
    done.push([id, isOutOfMemory(e) ? OUT_OF_MEMORY : ERROR, R.errorRecord(e)]);
  }
  // The body without a round of promises when the shim knows it (a string, null or
  // Response.json body not read yet): reading a Response body is async by spec, one more
  // microtask round, so one more crossing per request. Anything else (bytes, streams,
  // Response.error(), fetch() results) takes the async path.
  const syncBody = R.fetch.syncBody;
  // The request stays in `requests` until its body is out (a stream may go on long after
  // the handler returned): a client that leaves meanwhile aborts its request.signal.
  function finish(id, res) {
    if (!isResponse(res)) {
      fail(id, new TypeError("the fetch handler returned " + describe(res) + ", not a Response"));
      return;
    }
    const status = res.status;
    const headers = headerList(res.headers);
    const isShimResponse = res instanceof Response;
    const body = isShimResponse ? syncBody(res) : undefined;
    if (body !== undefined) {
      requests.delete(id);
      done.push([id, status, headers, body, BODY_TEXT]);
      return;
    }
    inflight.set(id, true);
    if (isShimResponse && R.fetch.hasStreamBody(res)) {
      streamBody(id, status, headers, res);
      return;
    }
    Promise.resolve().then(() => res.arrayBuffer()).then(
      (buf) => {
        if (!inflight.delete(id)) return;
        requests.delete(id);
        done.push([id, status, headers, base64Of(new Uint8Array(buf)), BODY_BASE64]);
      },
      (e) => { if (inflight.delete(id)) fail(id, e); },
    );
  }
  // A body that is a stream goes out as it is produced: the head first (bodyKind
  // BODY_STREAM), then CHUNK entries, then END, or FAILED when it fails midway (the host
  // then cuts the connection).
  function streamBody(id, status, headers, res) {
    let reader;
    try {
      reader = res.body.getReader();
    } catch (e) {
      inflight.delete(id);
      fail(id, e);
      return;
    }
    done.push([id, status, headers, null, BODY_STREAM]);
    const pump = () => {
      if (paused.has(id)) { resumers.set(id, pump); return; } // the client is slow: wait
      // A source that is always ready (chunks made in memory) would be read to its end in
      // one crossing, past any backpressure: past STREAM_BUDGET bytes, the rest waits for
      // the next crossing, which the host makes at once, pausing it first if need be.
      if (streamed.get(id) >= STREAM_BUDGET) { yielded.set(id, pump); return; }
      reading.add(id);
      reader.read().then((step) => {
        reading.delete(id);
        if (!inflight.has(id)) { reader.cancel().catch(() => {}); return; }
        if (step.done) { inflight.delete(id); requests.delete(id); done.push([id, END]); return; }
        const chunk = step.value;
        if (!(chunk instanceof Uint8Array)) throw new TypeError("response body chunks must be Uint8Array");
        if (chunk.length) {
          done.push([id, CHUNK, base64Of(chunk)]);
          streamed.set(id, (streamed.get(id) || 0) + chunk.length);
        }
        pump();
      }).catch((e) => {
        reading.delete(id);
        requests.delete(id);
        if (inflight.delete(id)) done.push([id, FAILED, R.errorRecord(e)]);
      });
    };
    pump();
  }
  const STREAM_BUDGET = 1 << 20;
  // Streams whose client cannot take more now; their pumps wait in resumers.
  const paused = new Set();
  const resumers = new Map();
  // Bytes each stream handed over since the last take(); the pumps of those past the
  // budget, waiting for the next; the streams waiting on a read.
  const streamed = new Map();
  const yielded = new Map();
  const reading = new Set();
  function wake(id) {
    const pump = resumers.get(id) || yielded.get(id);
    resumers.delete(id);
    yielded.delete(id);
    if (pump !== undefined) pump();
  }
  function makeContext() {
    return {
      waitUntil(p) {
        waiting++;
        Promise.resolve(p).then(
          () => { waiting--; },
          (e) => { waiting--; R.reportError(e); },
        );
      },
      passThroughOnException() {},
    };
  }
  function makeRequest(r) {
    const method = r[ITEM_METHOD];
    const raw = r[ITEM_BODY];
    const body = raw !== "" && method !== "GET" && method !== "HEAD"
      ? (r[ITEM_BODY_KIND] === BODY_BASE64 ? R.base64ToBytes(raw) : raw)
      : null;
    return R.fetch.serverRequest(r[ITEM_URL], method, r[ITEM_HEADERS], body);
  }
  // Method and property names of `v` and its prototypes (Object.prototype's aside), to say
  // what a default export without a fetch method has instead.
  function memberNames(v) {
    const names = new Set();
    for (let o = v; o !== null && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) if (k !== "constructor") names.add(k);
    }
    return [...names].sort();
  }
  // Why the handler cannot serve, or null: the default export is a function or an object
  // with a fetch method (its own or inherited, called with `this` bound to it), or the
  // handler added a "fetch" listener.
  function noHandler() {
    const mod = G.__server_default;
    if (mod !== undefined) {
      if (typeof mod === "function" || (mod !== null && typeof mod.fetch === "function")) return null;
      if (fetchListeners.length > 0) {
        // A service worker that its package makes a module (`"type": "commonjs"`): its
        // exports are empty, its listeners serve.
        G.__server_default = undefined;
        return null;
      }
      if (mod === null || typeof mod !== "object") {
        return "the default export is " + describe(mod) + ", not an object with a fetch(request, env, ctx) method";
      }
      const names = memberNames(mod);
      return "the default export has no fetch(request, env, ctx) method; it has: " +
        (names.length ? names.join(", ") : "nothing");
    }
    if (fetchListeners.length === 0) {
      return "the handler defines no fetch handler: use `export default { fetch(request, env, ctx) {...} }` " +
        "or `addEventListener(\"fetch\", (event) => event.respondWith(...))`";
    }
    return null;
  }
  function invoke(request, ctx) {
    const mod = G.__server_default;
    if (mod !== undefined) {
      if (typeof mod === "function") return mod(request, env, ctx);
      return mod.fetch(request, env, ctx);
    }
    let responded = false;
    let response;
    const event = {
      type: "fetch",
      request,
      respondWith(r) {
        if (responded) throw new Error("respondWith() was already called");
        responded = true;
        response = r;
      },
      waitUntil: ctx.waitUntil,
      passThroughOnException() {},
    };
    for (const listener of fetchListeners) {
      if (typeof listener === "function") listener.call(G, event);
      else if (listener && typeof listener.handleEvent === "function") listener.handleEvent(event);
    }
    if (!responded) throw new Error("no fetch listener called event.respondWith()");
    return response;
  }
  const requests = new Map(); // id -> Request, while its answer is pending (for aborts)
  function start(r) {
    const id = r[ITEM_ID];
    // Each request starts in no async context (AsyncLocalStorage): none of the request
    // before it, which may have entered one (enterWith) and left it set.
    R.clearAsyncContext();
    try {
      const request = makeRequest(r);
      requests.set(id, request);
      const result = invoke(request, makeContext());
      if (result !== null && typeof result === "object" && typeof result.then === "function" && !isResponse(result)) {
        inflight.set(id, true);
        result.then(
          (v) => {
            if (!inflight.delete(id)) return;
            try {
              finish(id, v);
            } catch (e) {
              inflight.delete(id);
              fail(id, e); // answered, not left to --timeout
            }
          },
          (e) => { if (inflight.delete(id)) fail(id, e); },
        );
      } else {
        finish(id, result);
      }
    } catch (e) {
      fail(id, e);
    }
  }
  // Timers live in the core (00_core.js): each tick runs one due timer and says how many
  // ms until the next one (-1: none).
  function runTimers() {
    let next = -1;
    for (let i = 0; i < 1000; i++) {
      next = R.tick();
      if (next !== 0) break;
    }
    return next;
  }
  function take() {
    const fired = R.timersFired;
    // A drain due (ticks) comes before the timers: it follows this crossing.
    let next = R.drainDue() ? 0 : runTimers();
    // A timer that ran here settles promises only after this crossing, and a drain (ticks)
    // may be due: come back at once.
    if (R.timersFired !== fired || R.drainDue()) next = 0;
    const out = done;
    done = [];
    streamed.clear();
    if (yielded.size !== 0) for (const id of [...yielded.keys()]) wake(id);
    return [out, inflight.size + waiting, next];
  }

  const server = {
    init(config) {
      const c = config;
      env = c.env || {};
      R.processEnv = env; // node:process's env, as Workers' nodejs_compat fills it
      return "ok";
    },
    useModule(value) {
      G.__server_default = value;
    },
    ready() {
      const why = noHandler();
      if (why !== null) throw new TypeError(why);
      return "ok";
    },
    run(batch) {
      queue = batch;
      qpos = 0;
      // Answers made since the last crossing ended (async handlers finish in microtasks
      // that run after it) go to the host before this batch starts, and, within the batch,
      // those finished PROGRESS_MS before the next request starts: should that request
      // never end (a runaway, until the worker's timeout), they are not held with it.
      if (done.length !== 0 && canProgress && handOver(done)) done = [];
      let sent = Date.now();
      while (qpos < queue.length) {
        if (done.length !== 0 && canProgress) {
          const now = Date.now();
          if (now - sent >= PROGRESS_MS && handOver(done)) {
            done = [];
            sent = now;
          }
        }
        const r = queue[qpos++];
        current = r[ITEM_ID];
        start(r);
      }
      current = -1;
      queue = [];
      return done.length;
    },
    collect() { return take(); },
    interrupted() {
      const rest = [];
      for (let i = qpos; i < queue.length; i++) rest.push(queue[i][ITEM_ID]);
      const running = current;
      current = -1;
      queue = [];
      qpos = 0;
      if (running >= 0) {
        inflight.delete(running);
        requests.delete(running);
      } else {
        // Stopped in a promise job, whose queue went with it: a stream waiting on a read
        // (its source's pull may be what ran away) would wait for good, so it fails.
        for (const id of reading) {
          if (inflight.delete(id)) {
            requests.delete(id);
            done.push([id, FAILED, R.errorRecord(new Error("the response body stream ran past the timeout"))]);
          }
        }
        reading.clear();
      }
      for (const id of rest) requests.delete(id);
      const out = done;
      done = [];
      return [running, rest, out, inflight.size + waiting];
    },
    pause(ids) {
      for (const id of ids) paused.add(id);
      return "ok";
    },
    resume(ids) {
      for (const id of ids) {
        paused.delete(id);
        if (resumers.has(id)) wake(id);
      }
      return "ok";
    },
    cancel(ids) {
      for (const id of ids) {
        inflight.delete(id);
        paused.delete(id);
        streamed.delete(id);
        wake(id); // its pump sees the cancel and cancels its reader
        const request = requests.get(id);
        if (request !== undefined) {
          requests.delete(id);
          // The client went away or the deadline passed: handlers that watch
          // request.signal stop their work.
          R.fetch.abortRequest(request, new DOMException("the request was cancelled", "AbortError"));
        }
      }
      return "ok";
    },
  };
  Object.defineProperty(G, "__server", { value: server, writable: false, enumerable: false, configurable: true });
})();
