// The runtime's core: the host channel, the value codec, handles, promises, timers and the
// one call entry point the Python side uses (__runtime.apply, with __runtime.ops for the
// runtime's own operations). Same source on every engine.
//
// Before this file runs, the engine defines globalThis.__runtime_host = {signal, call?,
// outOfMemory?, progress?} and the runtime adds {seed, engine}. We capture it and remove
// it from the global.
(function () {
  "use strict";
  const host = globalThis.__runtime_host;
  delete globalThis.__runtime_host;
  const hostSignal = host.signal;
  const hostCall = host.call;
  // A host call that carries byte arrays beside its text, where the engine's channel can.
  const hostCallBytes = typeof host.callBytes === "function" ? host.callBytes : null;
  const outOfMemory = host.outOfMemory || (() => false);
  const hostProgress = typeof host.progress === "function" ? host.progress : null;
  // The engine's async context, {get, set}, or null: a value that every promise reaction
  // carries from where it is made (then, await) to where it runs (V8's continuation-
  // preserved embedder data). Tasks and ticks carry it the same way once a program uses it
  // (carryAsyncContext: node:async_hooks' AsyncLocalStorage).
  const asyncContext = host.asyncContext || null;
  let carrying = false;
  // Console output handed to the host as it is written (ops.logAsWritten), not queued.
  let logAsWritten = false;
  const TAG = "\u0000";
  const ObjectProto = Object.prototype;
  const getProto = Object.getPrototypeOf;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isView = ArrayBuffer.isView;
  const JSONstringify = JSON.stringify;
  const JSONparse = JSON.parse;

  // ---------------------------------------------------------------- outbox
  // Messages for the host (console lines, async host calls) queue here; the first one
  // after a drain signals the host, which drains them all in one crossing.
  let outbox = [];
  function post(message) {
    outbox.push(message);
    if (outbox.length === 1) hostSignal();
  }

  // Work for once the current crossing, and so its microtasks, is over: it runs first in
  // the drain that the host makes then.
  let afterCrossing = [];
  function whenCrossed(fn) {
    afterCrossing.push(fn);
    hostSignal();
  }
  // Whether a drain is due: an engine that runs microtasks after it has answered a call
  // (mini-racer) may signal after the host looked, so a host about to wait asks.
  function drainDue() {
    return afterCrossing.length !== 0 || outbox.length !== 0;
  }

  // Node's tick queue (process.nextTick, and its streams): ticks run all at once (those a
  // tick queues too), before the promise jobs they queue, as Node runs its tick queue and
  // then the microtasks, in turn: right after a task (a timer's callback) where one queued
  // them, else once the microtasks queued before them have run. A crossing's end is where
  // the engine's microtask queue is empty: the first tick of a round asks for that
  // (whenCrossed), and ticks queued by the microtasks of a round start the next. A tick
  // that throws is reported as an uncaught exception; the rest still run.
  let ticks = [];
  // Whether code on the stack will run the queued ticks itself (a task, or a round under
  // way): then nextTick asks for no drain. A crossing cut short (a timeout) leaves it set;
  // the host then calls ops.recover before the next one.
  let ticksOwned = false;
  function nextTick(fn, args) {
    ticks.push(fn, args, carrying ? asyncContext.get() : undefined);
    if (ticks.length === 3 && !ticksOwned) whenCrossed(runTicks);
  }
  function runTicks() {
    ticksOwned = true;
    while (ticks.length !== 0) {
      const round = ticks;
      ticks = [];
      for (let i = 0; i < round.length; i += 3) {
        if (carrying) asyncContext.set(round[i + 2]);
        try {
          round[i].apply(undefined, round[i + 1]);
        } catch (e) {
          reportError(e);
        }
      }
      if (carrying) asyncContext.set(undefined);
    }
    ticksOwned = false;
  }
  function reclaimTicks() {
    ticksOwned = false;
    if (ticks.length !== 0) whenCrossed(runTicks);
  }
  // A task: fn (in the async context it was queued in), then the ticks it queued (before
  // the microtasks, which run after the crossing).
  function runTask(fn, self, args, context) {
    ticksOwned = true;
    if (carrying) asyncContext.set(context);
    try {
      fn.apply(self, args);
    } catch (e) {
      reportError(e);
    }
    if (carrying) asyncContext.set(undefined);
    runTicks();
  }

  // ---------------------------------------------------------------- base64
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const B64INV = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) B64INV[B64.charCodeAt(i)] = i;
  // Base64 through arrays of character codes, turned into text a slice at a time: string
  // concatenation per character costs several times more on every engine.
  const B64CODES = Uint8Array.from(B64, (c) => c.charCodeAt(0));
  const fromCharCode = String.fromCharCode;
  const SLICE = 8192;
  function codesToString(codes) {
    if (codes.length <= SLICE) return fromCharCode.apply(null, codes);
    const parts = [];
    for (let k = 0; k < codes.length; k += SLICE) parts.push(fromCharCode.apply(null, codes.subarray(k, k + SLICE)));
    return parts.join("");
  }
  function bytesToBase64(bytes) {
    const n = bytes.length;
    const out = new Uint8Array(Math.ceil(n / 3) * 4);
    let i = 0, j = 0;
    for (; i + 2 < n; i += 3, j += 4) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out[j] = B64CODES[v >> 18];
      out[j + 1] = B64CODES[(v >> 12) & 63];
      out[j + 2] = B64CODES[(v >> 6) & 63];
      out[j + 3] = B64CODES[v & 63];
    }
    if (i < n) {
      const v = (bytes[i] << 16) | (i + 1 < n ? bytes[i + 1] << 8 : 0);
      out[j] = B64CODES[v >> 18];
      out[j + 1] = B64CODES[(v >> 12) & 63];
      out[j + 2] = i + 1 < n ? B64CODES[(v >> 6) & 63] : 61;
      out[j + 3] = 61; // "="
    }
    return codesToString(out);
  }
  function base64ToBytes(text) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
    const out = new Uint8Array((end * 3) >> 2);
    const whole = end - (end & 3);
    let i = 0, j = 0;
    for (; i < whole; i += 4, j += 3) {
      const a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2), d = text.charCodeAt(i + 3);
      const v = (a < 256 ? B64INV[a] : -1) << 18 | (b < 256 ? B64INV[b] : -1) << 12 |
        (c < 256 ? B64INV[c] : -1) << 6 | (d < 256 ? B64INV[d] : -1);
      if (v < 0 || (a | b | c | d) > 255) throw new TypeError("invalid base64");
      out[j] = v >> 16;
      out[j + 1] = (v >> 8) & 255;
      out[j + 2] = v & 255;
    }
    let acc = 0, bits = 0;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      const v = c < 256 ? B64INV[c] : -1;
      if (v < 0) throw new TypeError("invalid base64");
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) { bits -= 8; out[j++] = (acc >> bits) & 255; }
    }
    return out;
  }

  // ---------------------------------------------------------------- handles
  // Functions and promises that cross to Python stay here, named by id, until released.
  let nextHandle = 1;
  const handles = new Map();
  const promiseStates = new Map(); // id -> [state, value]
  function keep(value) {
    const id = nextHandle++;
    handles.set(id, value);
    return id;
  }
  function keepPromise(p) {
    const id = keep(p);
    const entry = ["pending", undefined];
    promiseStates.set(id, entry);
    p.then(
      (v) => { entry[0] = "fulfilled"; entry[1] = v; },
      (e) => { entry[0] = "rejected"; entry[1] = e; },
    );
    return id;
  }

  // ---------------------------------------------------------------- encode
  class ConversionError extends Error {}
  function typeName(v) {
    if (v === null) return "null";
    if (typeof v !== "object") return typeof v;
    const proto = getProto(v);
    const ctor = proto && proto.constructor;
    return (ctor && ctor.name) || "Object";
  }
  let tagged = false;
  function replacer(key, value) {
    const o = this[key];
    switch (typeof o) {
      case "string":
        // Lone surrogates cannot cross as UTF-8: they become U+FFFD on every engine.
        return o.isWellFormed() ? o : o.toWellFormed();
      case "boolean":
        return o;
      case "number":
        // Integral numbers within ±(2^53 - 1) become Python int (and go back as numbers);
        // the rest float (NaN, ±Infinity
        // and -0 included), whatever JSON would make of them.
        if (o === o && o !== Infinity && o !== -Infinity && (o !== 0 || 1 / o > 0)
            && (o % 1 !== 0 || (o <= 9007199254740991 && o >= -9007199254740991))) return o;
        tagged = true;
        return { [TAG]: "num", v: o === 0 ? "-0" : o !== o ? "nan" : o === Infinity ? "inf" : o === -Infinity ? "-inf" : String(o) };
      case "undefined":
        return null;
      case "bigint":
        tagged = true;
        return { [TAG]: "bigint", v: o.toString() };
      case "function":
        tagged = true;
        return { [TAG]: "function", v: keep(o) };
      case "symbol":
        throw new ConversionError("cannot convert a JS symbol to Python");
    }
    if (o === null) return null;
    if (Array.isArray(o)) return o;
    if (o instanceof Tagged) {
      tagged = true;
      return o;
    }
    if (o instanceof Date) {
      tagged = true;
      const t = o.getTime();
      return { [TAG]: "date", v: t === t ? t : null };
    }
    if (isView(o)) {
      tagged = true;
      return bytesRecord(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
    }
    if (o instanceof ArrayBuffer) {
      tagged = true;
      return bytesRecord(new Uint8Array(o));
    }
    if (o instanceof Promise) {
      tagged = true;
      return { [TAG]: "promise", v: keepPromise(o) };
    }
    if (value !== o) return value; // the object has toJSON (URL, Response.json()...)
    const proto = getProto(o);
    if (proto === ObjectProto || proto === null) {
      if (hasOwn.call(o, TAG)) throw new ConversionError("cannot convert a JS object with a '\\u0000' key to Python");
      return wellFormedKeys(o);
    }
    if (o instanceof Error) {
      return { name: o.name, message: o.message, stack: normalizeStack(o) };
    }
    throw new ConversionError("cannot convert JS " + typeName(o) + " to Python");
  }
  // Keys with lone surrogates become U+FFFD as string values do (a copy; most have none).
  function wellFormedKeys(o) {
    const keys = Object.keys(o);
    if (keys.every((k) => k.isWellFormed())) return o;
    const copy = {};
    for (const k of keys) copy[k.toWellFormed()] = o[k];
    return copy;
  }
  // A tagged record made here (a user's object with the tag key is refused instead).
  function Tagged(tag, v) {
    this[TAG] = tag;
    this.v = v;
  }
  // Bytes as base64 in the text, or, while a host call that carries bytes is encoded
  // (`attached` is its list), named by their index in the list.
  const ATTACH_MIN = 512;
  let attached = null;
  function bytesRecord(bytes) {
    if (attached !== null && bytes.length >= ATTACH_MIN) {
      attached.push(bytes);
      return new Tagged("att", attached.length - 1);
    }
    return new Tagged("u8", bytesToBase64(bytes));
  }
  // True when JSON.stringify alone says everything about `v` (the common case): a walk
  // of plain typeof checks is far cheaper than a replacer called for every property.
  function isPlain(v, depth) {
    switch (typeof v) {
      case "string":
        return v.isWellFormed();
      case "boolean":
        return true;
      case "number":
        return v === v && v !== Infinity && v !== -Infinity && (v !== 0 || 1 / v > 0)
          && (v % 1 !== 0 || (v <= 9007199254740991 && v >= -9007199254740991));
      case "object": {
        if (v === null) return true;
        if (depth > 32) return false;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            const x = v[i];
            if (x === undefined || !isPlain(x, depth + 1)) return false;
          }
          return true;
        }
        const proto = getProto(v);
        if ((proto !== ObjectProto && proto !== null) || typeof v.toJSON === "function") return false;
        for (const k in v) {
          const x = v[k];
          if (x === undefined || !k.isWellFormed() || !isPlain(x, depth + 1)) return false;
        }
        return !hasOwn.call(v, TAG);
      }
      default:
        return false;
    }
  }
  // Encode a value for Python: "0"+json (plain) or "1"+json (tagged), or "T"+message.
  function encode(value) {
    if (isPlain(value, 0)) return "0" + JSONstringify(value);
    return encodeTagged(value);
  }
  function encodeTagged(value) {
    tagged = false;
    let text;
    runtime.encodingBytes = true;
    try {
      text = JSONstringify(value, replacer);
    } catch (e) {
      if (e instanceof ConversionError) return "T" + e.message;
      if (e instanceof RangeError || e instanceof TypeError) return "T" + "cannot convert JS value to Python: " + e.message;
      throw e;
    } finally {
      runtime.encodingBytes = false;
    }
    return (tagged ? "1" : "0") + (text === undefined ? "null" : text);
  }

  // ---------------------------------------------------------------- errors
  // `at fn (file:1:2)`, `at file:1:2`, and `at async file:1:2` (an anonymous async
  // function resumed after an await).
  const V8_FRAME = /^\s*at (?:(.*?) \(|(async) )?(.*?):(\d+):(\d+)\)?$/;
  const SM_FRAME = /^(.*?)@(.*?):(\d+):(\d+)$/;
  function internalFile(file) {
    return file.indexOf("runtime:shims") >= 0 || file === "runtime:internal";
  }
  // Files whose code was rewritten on some lines (modules): per line, [generated column
  // where an edit starts, where source text resumes, columns added so far], so frames
  // show the source's columns; entry 0 is where a module's prelude on line 1 ends.
  const columnMaps = new Map();
  function sourceColumn(file, line, column) {
    const map = columnMaps.get(file);
    const edits = map === undefined ? undefined : map[line];
    if (edits === undefined) return column;
    let delta = 0;
    for (const [start, resume, added] of edits) {
      if (column >= resume) delta = added;
      else if (column >= start) return Math.max(1, start - delta); // inside an edit: its start
      else break;
    }
    return Math.max(1, column - delta);
  }
  // A module's imported bindings are read as `__rt$0.name` (V8 says `(0 , __rt$0.name)`
  // of a call): error messages get the names the source gave them back, by the file of
  // the error's first frame (`lib is not a function`).
  const aliasMaps = new Map();
  const REWRITTEN_READ = /\(0\s*,\s*(__rt\$n?\d+(?:\.[\w$]+)?)\)|__rt\$n?\d+(?:\.[\w$]+)?|__rt\$m\b/g;
  function sourceMessage(message, fs) {
    if (typeof message !== "string" || message.indexOf("__rt$") < 0) return message;
    const aliases = fs.length ? aliasMaps.get(fs[0][1]) : undefined;
    return message.replace(REWRITTEN_READ, (whole, inner) => {
      const read = inner || whole;
      if (read === "__rt$m") return "import.meta";
      if (aliases !== undefined && hasOwn.call(aliases, read)) return aliases[read];
      const dot = read.indexOf(".");
      return dot > 0 ? read.slice(dot + 1) : "(imported namespace)";
    });
  }
  // Code the runtime put before a module's first line (its export getters) is its own.
  function inPrelude(file, line, column) {
    if (line !== 1) return false;
    const map = columnMaps.get(file);
    return map !== undefined && map[0] !== undefined && column <= map[0];
  }
  // SpiderMonkey names a function after where it is: `outer/inner` (V8: inner), `outer/<`
  // or `name<` for an anonymous one (V8: none); `‹` may close either.
  function smFunctionName(name) {
    name = name.replace(/\u2039$/, "");
    if (name.endsWith("<")) return "";
    const slash = name.lastIndexOf("/");
    return slash >= 0 && !name.startsWith("async*") ? name.slice(slash + 1) : name;
  }
  // Frames as [function, file, line, column], the runtime's own shims left out.
  function frames(stack) {
    const out = [];
    if (typeof stack !== "string") return out;
    for (const line of stack.split("\n")) {
      let m = V8_FRAME.exec(line);
      if (m) m = [m[0], m[1] || (m[2] && "async <anonymous>"), m[3], m[4], m[5]];
      else if ((m = SM_FRAME.exec(line))) m[1] = smFunctionName(m[1]);
      if (!m) continue;
      if (internalFile(m[2]) || inPrelude(m[2], +m[3], +m[4])) continue;
      let fn = m[1] || "";
      // SpiderMonkey marks where an async function resumed "async*name"; V8 "async name".
      if (fn.startsWith("async*")) fn = "async " + (fn.slice(6) || "<anonymous>");
      out.push([fn, m[2], +m[3], sourceColumn(m[2], +m[3], +m[4])]);
    }
    return out;
  }
  // The engine's own text of an error's stack, for its frames to be read once (where
  // err.stack is V8's format made from it, below).
  let engineStack = (e) => e.stack;
  function frameLine([fn, file, line, col]) {
    return fn ? `    at ${fn} (${file}:${line}:${col})` : `    at ${file}:${line}:${col}`;
  }
  // One stack format on every engine: "Name: message\n    at fn (file:line:col)".
  function normalizeStack(e) {
    const fs = frames(engineStack(e));
    const head = String(e.name) + (e.message ? ": " + sourceMessage(String(e.message), fs) : "");
    return [head, ...fs.map(frameLine)].join("\n");
  }
  // An error's cause, when it has one of its own (Error's `cause` option), as a record too:
  // a chain the host shows as Node does (at most CAUSES deep, so a cycle ends).
  const CAUSES = 8;
  // An error record crosses as JSON, which a lone surrogate would make unreadable: each
  // becomes U+FFFD, as in every other string that crosses.
  function wellFormed(s) {
    return typeof s === "string" ? s.toWellFormed() : s;
  }
  function errorRecord(e, depth = 0) {
    if (e instanceof Error || (e && typeof e === "object" && typeof e.stack === "string" && "message" in e)) {
      let name, message;
      try { name = String(e.name); message = String(e.message); } catch (_) { name = "Error"; message = ""; }
      const fs = frames(engineStack(e));
      message = sourceMessage(message, fs);
      let stack = normalizeStack(e);
      // SpiderMonkey puts a SyntaxError's own location on the error, not in its stack.
      if (fs.length === 0 && typeof e.fileName === "string" && e.lineNumber > 0 && !internalFile(e.fileName)) {
        const column = sourceColumn(e.fileName, e.lineNumber, e.columnNumber || 1);
        fs.push(["", e.fileName, e.lineNumber, column]);
        stack += `\n    at ${e.fileName}:${e.lineNumber}:${column}`;
      }
      const record = { name: wellFormed(name), message: wellFormed(message), stack: wellFormed(stack), frames: fs };
      for (const f of fs) { f[0] = wellFormed(f[0]); f[1] = wellFormed(f[1]); }
      try {
        if (depth < CAUSES && hasOwn.call(e, "cause")) record.cause = errorRecord(e.cause, depth + 1);
      } catch (_) { /* a getter that throws: no cause */ }
      return record;
    }
    // Anything else thrown: its message is String(value); its stack (what a report
    // prints) reads as console.log shows it ({ code: 1 }, not [object Object]).
    let message;
    try { message = String(e); } catch (_) { message = Object.prototype.toString.call(e); }
    const rec = { name: "Uncaught", message: wellFormed(message), stack: wellFormed("Uncaught " + describe(e)), frames: [] };
    const v = encode(e);
    if (v[0] === "0" || v[0] === "1") rec.value = v;
    return rec;
  }
  function encodeError(e) {
    return "E" + JSONstringify(errorRecord(e));
  }
  // V8's stack API where the engine has another (SpiderMonkey), since libraries use it
  // unguarded: Error.captureStackTrace, Error.stackTraceLimit (10 frames), and
  // Error.prepareStackTrace(error, callSites) deciding what `stack` is; and `err.stack`
  // itself in V8's format, made from the engine's frames when first read (the runtime's
  // own frames left out, the source's columns).
  // On an engine whose built-ins outlive a context (SpiderMonkey's one global), the next
  // context's shims find these installed by the last one: they are installed again, over
  // the engine's own getter, so they read this context's frames and column maps.
  const OURS = Symbol.for("runtime.stackApi");
  if (typeof Error.captureStackTrace !== "function" || Error.captureStackTrace[OURS]) {
    if (!("stackTraceLimit" in Error)) Error.stackTraceLimit = 10;
    const CallSite = class CallSite {
      #f;
      constructor(frame) { this.#f = frame; }
      getThis() { return undefined; }
      getTypeName() { return null; }
      getFunction() { return undefined; }
      getFunctionName() { return this.#f[0] || null; }
      getMethodName() { return null; }
      getFileName() { return this.#f[1]; }
      getScriptNameOrSourceURL() { return this.#f[1]; }
      getLineNumber() { return this.#f[2]; }
      getColumnNumber() { return this.#f[3]; }
      getEvalOrigin() { return undefined; }
      getEnclosingLineNumber() { return null; }
      getEnclosingColumnNumber() { return null; }
      getPosition() { return 0; }
      getPromiseIndex() { return null; }
      getScriptHash() { return ""; }
      isToplevel() { return !this.#f[0]; }
      isEval() { return false; }
      isNative() { return false; }
      isConstructor() { return false; }
      isAsync() { return this.#f[0].startsWith("async "); }
      isPromiseAll() { return false; }
      toString() { return frameLine(this.#f).slice(7); }
    };
    // What `stack` is for `e` with frames `fs`, as V8 makes it.
    const stackValue = (e, fs) => {
      const limit = Error.stackTraceLimit;
      if (typeof limit !== "number" || !(limit >= 0)) fs = [];
      else if (limit < fs.length) fs = fs.slice(0, limit);
      const prepare = Error.prepareStackTrace;
      if (typeof prepare === "function") return prepare(e, fs.map((f) => new CallSite(f)));
      let head;
      try {
        const name = e.name === undefined ? "Error" : String(e.name);
        const message = e.message === undefined ? "" : String(e.message);
        head = !message ? name : !name ? message : name + ": " + message;
      } catch (_) {
        head = "<error>";
      }
      return [head, ...fs.map(frameLine)].join("\n");
    };
    const captureStackTrace = function captureStackTrace(target, constructorOpt) {
      if (target === null || (typeof target !== "object" && typeof target !== "function")) {
        throw new TypeError("Error.captureStackTrace: the target must be an object");
      }
      let fs = frames(engineStack(new Error()));
      if (typeof constructorOpt === "function" && constructorOpt.name) {
        const at = fs.findIndex((f) => f[0] === constructorOpt.name || f[0].endsWith("/" + constructorOpt.name));
        if (at >= 0) fs = fs.slice(at + 1);
      }
      Object.defineProperty(target, "stack", {
        value: stackValue(target, fs), writable: true, enumerable: false, configurable: true,
      });
    };
    Object.defineProperty(captureStackTrace, OURS, { value: true });
    Object.defineProperty(Error, "captureStackTrace", { value: captureStackTrace, writable: true, configurable: true });
    const own = Object.getOwnPropertyDescriptor(Error.prototype, "stack");
    if (own !== undefined && typeof own.get === "function") {
      const engineGet = own.get[OURS] || own.get;
      const made = new WeakMap();
      engineStack = (e) => {
        if (e === null || typeof e !== "object" || hasOwn.call(e, "stack")) return e.stack;
        try { return engineGet.call(e); } catch (_) { return e.stack; }
      };
      const stackGetter = function () {
        if (this === null || typeof this !== "object") return undefined;
        if (made.has(this)) return made.get(this);
        const text = engineGet.call(this);
        if (typeof text !== "string" || text === "" && !(this instanceof Error)) return text;
        const value = stackValue(this, frames(text));
        made.set(this, value);
        return value;
      };
      Object.defineProperty(stackGetter, OURS, { value: engineGet });
      Object.defineProperty(Error.prototype, "stack", {
        get: stackGetter,
        set(value) {
          // As on V8: the error's own stack, not enumerable.
          if (this === null || typeof this !== "object") return;
          made.delete(this);
          Object.defineProperty(this, "stack", { value, writable: true, enumerable: false, configurable: true });
        },
        enumerable: own.enumerable,
        configurable: true,
      });
    }
  }

  // V8's own stack API (an engine whose errors have Error.captureStackTrace): `err.stack`
  // by default is formatted here, as V8 formats it, with the runtime's own frames left out
  // and the source's columns (Error.prepareStackTrace, which V8 calls, reads as this
  // formatter while a program has set none; a program's own gets V8's call sites). The
  // engine's text stays for the host's error records (engineStack).
  else {
    const probe = Error.prepareStackTrace;
    Error.prepareStackTrace = (_, callSites) => callSites;
    const sample = new Error().stack;
    Error.prepareStackTrace = probe;
    const SiteProto = Array.isArray(sample) && sample.length ? Object.getPrototypeOf(sample[0]) : null;
    if (SiteProto !== null && typeof SiteProto.getScriptNameOrSourceURL === "function") {
      const native = {};
      for (const name of ["getScriptNameOrSourceURL", "getLineNumber", "getColumnNumber",
        "getEnclosingLineNumber", "getEnclosingColumnNumber", "toString"]) {
        native[name] = SiteProto[name];
      }
      const call = (name, site) => native[name].call(site);
      const fileOf = (site) => {
        const file = call("getScriptNameOrSourceURL", site);
        return typeof file === "string" && file !== "" ? file : null;
      };
      // V8's text of a call site (`text`), with the source's column.
      const sourceText = (site, file, text) => {
        const line = call("getLineNumber", site), column = call("getColumnNumber", site);
        const mapped = sourceColumn(file, line, column);
        const where = `${file}:${line}:${column}`;
        const at = text.lastIndexOf(where);
        return mapped === column || at < 0 ? text : text.slice(0, at) + `${file}:${line}:${mapped}` + text.slice(at + where.length);
      };
      // Whether a call site runs a module's body (the function the prelude opens).
      const moduleBody = (site) => {
        const file = fileOf(site);
        try {
          return file !== null && inPrelude(file, call("getEnclosingLineNumber", site), call("getEnclosingColumnNumber", site));
        } catch (_) {
          return false;
        }
      };
      const errorToString = Error.prototype.toString;
      const made = new WeakMap(); // error -> [engine's text, formatted stack]
      const prepareStackTrace = function prepareStackTrace(error, sites) {
        let head;
        try { head = errorToString.call(error); } catch (_) { head = "<error>"; }
        let raw = head, text = head;
        for (let i = 0; i < sites.length; i++) {
          const site = sites[i];
          let native;
          try { native = call("toString", site); } catch (_) { native = "<error>"; }
          raw += "\n    at " + native;
          const file = fileOf(site);
          let shown = native;
          if (file === null) {
            // A built-in the runtime's own code called is its own too: the module loader's
            // Generator.next under a module's top level (its caller may be past the limit).
            const caller = sites[i + 1] && fileOf(sites[i + 1]);
            if (caller && internalFile(caller)) continue;
            if (sites[i - 1] !== undefined && moduleBody(sites[i - 1])) continue;
          } else if (internalFile(file) || inPrelude(file, call("getLineNumber", site), call("getColumnNumber", site))) {
            continue;
          } else {
            shown = sourceText(site, file, native);
          }
          text += "\n    at " + shown;
        }
        if (error !== null && typeof error === "object") made.set(error, [raw, text]);
        return text;
      };
      engineStack = (e) => {
        const value = e.stack;
        const entry = e !== null && typeof e === "object" ? made.get(e) : undefined;
        return entry !== undefined && entry[1] === value ? entry[0] : value;
      };
      // Setting it to undefined (as programs do to restore the default) brings this one back.
      let programs;
      Object.defineProperty(Error, "prepareStackTrace", {
        get() { return programs === undefined ? prepareStackTrace : programs; },
        set(value) { programs = value === prepareStackTrace ? undefined : value; },
        configurable: true,
      });
    }
  }

  // ---------------------------------------------------------------- decode
  function reviver(key, value) {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && hasOwn.call(value, TAG)) {
      const v = value.v;
      switch (value[TAG]) {
        case "u8": return base64ToBytes(v);
        case "att": return attached[v];
        case "date": return new Date(v);
        case "bigint": return BigInt(v);
        case "num": return v === "-0" ? -0 : v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity;
        case "handle": return handles.get(v);
      }
    }
    // JSON.parse makes "__proto__" an own data property already; nothing else to do.
    return value;
  }
  // Tags arrive as the JSON escape "\u0000" (JSON text never holds a raw NUL).
  function decode(text) {
    return text.indexOf("\\u0000") < 0 ? JSONparse(text) : JSONparse(text, reviver);
  }

  // ---------------------------------------------------------------- timers
  // Timers live here, so they behave the same on every engine; the host pumps them with
  // the "tick" op whenever it is idle (one timer per crossing, so each timer's
  // microtasks run before the next timer, as in browsers).
  let nextTimer = 1;
  const timers = new Map(); // id -> {due, seq, fn, args, interval}
  // A binary min-heap of [due, seq, id] in firing order (earlier due, then earlier set).
  // Cleared or rescheduled timers leave stale entries behind, skipped when they surface
  // (an entry is live while its seq is the timer's current seq).
  const heap = [];
  let timerSeq = 0;
  let lastNow = 0;
  function now() {
    const t = Date.now();
    if (t > lastNow) lastNow = t;
    return lastNow;
  }
  function before(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); }
  function heapPush(entry) {
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }
  function heapPop() {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l], heap[m])) m = l;
        if (r < heap.length && before(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  }
  // The earliest live timer's [id, timer], or null.
  function nextDue() {
    while (heap.length > 0) {
      const [, seq, id] = heap[0];
      const t = timers.get(id);
      if (t !== undefined && t.seq === seq) return [id, t];
      heapPop();
    }
    return null;
  }
  function schedule(id, t) {
    heapPush([t.due, t.seq, id]);
  }
  function addTimer(fn, delay, args, repeat) {
    if (typeof fn !== "function") {
      const code = String(fn);
      fn = () => (0, eval)(code);
    }
    // HTML's `long timeout` (Web IDL ToInt32): values from 2^31 wrap, as in browsers, and a
    // negative result means 0.
    delay = (+delay) | 0;
    if (delay < 0) delay = 0;
    const id = nextTimer++;
    const due = now() + delay;
    const t = {
      due, seq: timerSeq++, fn, args, interval: repeat ? Math.max(delay, 1) : -1, ref: true,
      context: carrying ? asyncContext.get() : undefined,
    };
    timers.set(id, t);
    schedule(id, t);
    if (watching && due < announcedDue) {
      // A host that runs timers on its own event loop learns of the new earliest one.
      announcedDue = due;
      post(["timer", delay]);
    }
    return id;
  }
  let watching = false;
  let announcedDue = Infinity;
  // Timers that do not keep a program alive (node:timers' unref()): they run while others
  // do, and `runtime run` stops when only they are left, as Node exits.
  let unrefed = 0;
  function dropTimer(id) {
    const t = timers.get(id);
    if (t === undefined) return;
    if (!t.ref) unrefed--;
    timers.delete(id);
  }
  function refTimer(id, ref) {
    const t = timers.get(Number(id));
    if (t === undefined || t.ref === !!ref) return;
    t.ref = !!ref;
    unrefed += t.ref ? -1 : 1;
  }
  function clearTimer(id) { dropTimer(Number(id)); }
  // Run the earliest due timer, if any; return ms until the next one (-1: none).
  function tick() {
    let best = nextDue();
    if (best !== null && best[1].due <= now()) {
      const [id, t] = best;
      heapPop();
      if (t.interval >= 0) {
        t.due = now() + t.interval;
        t.seq = timerSeq++;
        schedule(id, t);
      } else {
        dropTimer(id);
      }
      runtime.timersFired++;
      runTask(t.fn, globalThis, t.args, t.context);
      best = nextDue();
    }
    announcedDue = best === null ? Infinity : best[1].due;
    if (best === null) return -1;
    return Math.max(0, best[1].due - now());
  }
  // An exception nobody caught (a timer callback, a microtask): the global "error" event
  // first (when the events shim is there), else the log, as "Uncaught ...".
  function reportError(e) {
    const events = runtime.events;
    if (events && typeof events.reportException === "function") {
      try { events.reportException(e); return; } catch (_) { /* fall through to the log */ }
    }
    logUncaught(e);
  }
  function logUncaught(e, label = "Uncaught ") {
    writeLog("error", label + describe(e));
  }
  // A console line: handed over at once where the host reads it as written (so a program
  // that ends next loses none), else queued for the drain.
  function writeLog(level, text) {
    if (logAsWritten && hostProgress !== null && hostProgress(encode(["log", level, text])) !== false) return;
    post(["log", level, text]);
  }
  // An exception as a log line: an Error's stack, else its inspection, whatever it does
  // (a revoked Proxy throws at every touch).
  function describe(e) {
    try {
      if (e instanceof Error) return normalizeStack(e);
      if (e !== null && typeof e === "object") return runtime.inspect.inspect(e);
      return String(e);
    } catch (_) {
      try { return Object.prototype.toString.call(e); } catch (_) { return "[" + typeof e + "]"; }
    }
  }

  Object.defineProperties(globalThis, {
    setTimeout: { value: function setTimeout(fn, delay, ...args) { return addTimer(fn, delay, args, false); }, writable: true, configurable: true },
    setInterval: { value: function setInterval(fn, delay, ...args) { return addTimer(fn, delay, args, true); }, writable: true, configurable: true },
    clearTimeout: { value: function clearTimeout(id) { clearTimer(id); }, writable: true, configurable: true },
    clearInterval: { value: function clearInterval(id) { clearTimer(id); }, writable: true, configurable: true },
    queueMicrotask: {
      value: function queueMicrotask(fn) {
        if (typeof fn !== "function") throw new TypeError("queueMicrotask: argument must be a function");
        Promise.resolve().then(() => { try { fn(); } catch (e) { reportError(e); } });
      },
      writable: true, configurable: true,
    },
  });

  // ---------------------------------------------------------------- host functions
  let nextCall = 1;
  const pendingCalls = new Map(); // call id -> [resolve, reject]
  function hostError(record) {
    const err = new Error(record.message);
    err.name = record.name || "Error";
    return err;
  }
  // `err` with the stack of `site` (an Error made where the host function was called),
  // the runtime's own frames left out.
  function atCallSite(err, site) {
    if (site === undefined) return err;
    try {
      const callers = String(site.stack).split("\n").filter((line) =>
        /^\s*at /.test(line) || /@/.test(line)).filter((line) =>
        line.indexOf("runtime:shims") < 0 && line.indexOf("runtime:internal") < 0);
      const head = err.name + (err.message ? ": " + err.message : "");
      Object.defineProperty(err, "stack", {
        value: [head, ...callers].join("\n"), writable: true, enumerable: false, configurable: true,
      });
    } catch (_) { /* the stack stays the settle's */ }
    return err;
  }
  function decodeHostResult(text) {
    if (text[0] === "E") throw hostError(JSONparse(text.slice(1)));
    return decode(text.slice(1));
  }
  // A sync host call: "id:args" in, a marked value out, with byte arrays beside the text
  // where the channel carries them.
  function callHost(id, args) {
    if (hostCallBytes === null) {
      const payload = encode(args);
      if (payload[0] === "T") throw new TypeError(payload.slice(1));
      return decodeHostResult(hostCall(id + ":" + payload));
    }
    const arrays = [];
    attached = arrays;
    let payload;
    try {
      // Byte arguments become records before JSON.stringify sees them: it would first
      // call a Buffer's toJSON, which spells out every byte as a number.
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (isView(a)) args[i] = bytesRecord(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        else if (a instanceof ArrayBuffer) args[i] = bytesRecord(new Uint8Array(a));
      }
      payload = encodeTagged(args);
    } finally {
      attached = null;
    }
    if (payload[0] === "T") throw new TypeError(payload.slice(1));
    const [text, answerArrays] = hostCallBytes(id + ":" + payload, arrays);
    attached = answerArrays;
    try {
      return decodeHostResult(text);
    } finally {
      attached = null;
    }
  }
  // Sync engines call the host directly ("id:args" in, a marked value out); the others
  // get a Promise settled later by the host through the "settle" op.
  function makeHostFunction(name, id, sync) {
    if (sync) {
      return {
        [name](...args) {
          return callHost(id, args);
        },
      }[name];
    }
    return {
      [name](...args) {
        const payload = encode(args);
        // Where JS called it: a failure is settled later, from no JS frame of the caller's.
        const site = new Error();
        return new Promise((resolve, reject) => {
          if (payload[0] === "T") throw new TypeError(payload.slice(1));
          const call = nextCall++;
          pendingCalls.set(call, [resolve, reject, site]);
          post(["call", call, id, payload]);
        });
      },
    }[name];
  }

  // ---------------------------------------------------------------- calls
  const pathParts = new Map(); // target -> its dotted parts (the same few names recur)
  function partsOf(target) {
    let parts = pathParts.get(target);
    if (parts === undefined) {
      parts = target.split(".");
      if (pathParts.size < 1024) pathParts.set(target, parts);
    }
    return parts;
  }
  // [value, the object it was found on] for a dotted global path, or "#id" (a kept handle).
  function resolvePath(target) {
    if (target.charCodeAt(0) === 35 /* # */) return [handles.get(+target.slice(1)), undefined];
    return walk(partsOf(target));
  }
  function walk(parts) {
    let self = globalThis;
    let value = globalThis;
    for (let i = 0; i < parts.length; i++) {
      self = value;
      value = value == null ? undefined : value[parts[i]];
    }
    return [value, self];
  }
  // Call the function at target with args, `this` being the object it was found on.
  function applyPath(target, args) {
    const [fn, self] = resolvePath(target);
    if (typeof fn !== "function") {
      throw new TypeError((target.charCodeAt(0) === 35 ? "handle" : target) + " is not a function");
    }
    return fn.apply(self, args);
  }
  // The one entry point: args as JSON text, the result marked (see encode), a JS exception
  // as an "E" record.
  function apply(target, args) {
    // Each call from the host starts in no async context: none that the last one left set
    // (a request's enterWith, or a run a timeout cut short) reaches what runs now.
    if (carrying) asyncContext.set(undefined);
    try {
      return encode(applyPath(target, decode(args)));
    } catch (e) {
      return encodeError(e);
    }
  }
  // The runtime's own operations, called through `apply` like any function ("__runtime.ops.x").
  const ops = {
    callHandle(target, args) { return keep(applyPath(target, args)); },
    value(ref) { return resolvePath(ref)[0]; },
    get(name) { return globalThis[name]; },
    has(name) { return name in globalThis; },
    set(name, value) { globalThis[name] = value; },
    del(name) { return delete globalThis[name]; },
    keys() { return Object.keys(globalThis); },
    drain() {
      if (afterCrossing.length > 0) {
        const work = afterCrossing;
        afterCrossing = [];
        for (const fn of work) {
          try { fn(); } catch (e) { logUncaught(e); }
        }
      }
      const out = outbox;
      outbox = [];
      return out;
    },
    // A timer that ran may have queued promise jobs that set timers once this call is
    // over, and a drain may be due: the host then comes back at once to look.
    tick() {
      if (drainDue()) return 0; // the drain after this crossing comes first
      const fired = runtime.timersFired;
      const delay = tick();
      return runtime.timersFired !== fired || drainDue() ? 0 : delay;
    },
    // One step of a host waiting on a promise, in one crossing: its value as [true, value]
    // once fulfilled (its reason thrown once rejected), else run one due timer and report
    // what is pending: [false, ms to next timer, timers, host calls, whether a timer ran or a
    // drain is due (either way: look again), timers not unref()'d].
    step(id) {
      const entry = promiseStates.get(id);
      if (!entry) throw new Error("unknown promise handle " + id);
      if (entry[0] !== "pending") {
        promiseStates.delete(id);
        handles.delete(id);
        if (entry[0] === "fulfilled") return [true, entry[1]];
        throw entry[1];
      }
      if (drainDue()) return [false, 0, timers.size, pendingCalls.size + runtime.hostWork, true, timers.size - unrefed];
      const fired = runtime.timersFired;
      const delay = tick();
      return [false, delay, timers.size, pendingCalls.size + runtime.hostWork, runtime.timersFired !== fired || drainDue(),
        timers.size - unrefed];
    },
    // From now on, announce each new earliest timer in the outbox ("timer", ms).
    watch() {
      watching = true;
      const best = nextDue();
      announcedDue = best === null ? Infinity : best[1].due;
      return best === null ? -1 : Math.max(0, best[1].due - now());
    },
    // After a crossing a timeout cut short: ticks left queued (a round stopped midway) run.
    recover() { reclaimTicks(); },
    settle(call, ok, value) {
      const entry = pendingCalls.get(call);
      if (!entry) return;
      pendingCalls.delete(call);
      if (ok) entry[0](value);
      else entry[1](atCallSite(hostError(value), entry[2]));
    },
    // How rewritten lines of module files map back to source columns.
    logAsWritten() { logAsWritten = true; },
    columnMaps(list) {
      for (const [file, map, aliases] of list) {
        columnMaps.set(file, map);
        if (aliases && Object.keys(aliases).length) aliasMaps.set(file, aliases);
      }
    },
    release(ids) {
      for (const id of ids) { handles.delete(id); promiseStates.delete(id); }
    },
    // What the context holds for the host (handles kept for Python, timers, host calls).
    held() { return [handles.size, timers.size, pendingCalls.size]; },
    expose(name, id, sync) {
      Object.defineProperty(globalThis, name, {
        value: makeHostFunction(name, id, sync), writable: true, configurable: true, enumerable: false,
      });
    },
  };

  // ---------------------------------------------------------------- lazy shims
  // Globals of a lazy shim file are accessors until first touched; then the file (and
  // every earlier lazy file not yet run) is evaluated and defines the real properties.
  const lazyFiles = []; // [globals, internals, source, loaded]
  function lazyAccessors(target, names, index) {
    for (const name of names) {
      Object.defineProperty(target, name, {
        get() { loadLazy(index); return target[name]; },
        set(value) { loadLazy(index); target[name] = value; },
        configurable: true,
        enumerable: false,
      });
    }
  }
  function lazy(globals, internals, source) {
    const index = lazyFiles.length;
    lazyFiles.push([globals, internals, source, false]);
    lazyAccessors(globalThis, globals, index);
    lazyAccessors(runtime, internals, index);
  }
  const indirectEval = eval;
  function loadLazy(index) {
    for (let i = 0; i <= index; i++) {
      const file = lazyFiles[i];
      if (file[3]) continue;
      file[3] = true;
      for (const name of file[0]) delete globalThis[name];
      for (const name of file[1]) delete runtime[name];
      indirectEval(file[2]);
      file[2] = null;
    }
  }

  const runtime = {
    engine: host.engine,
    // Whether the runtime's own host operations answer at once (else with a Promise).
    syncHost: hostCall !== undefined,
    // True while values are encoded for the host: a toJSON that would spell out bytes
    // (Buffer's) returns the bytes instead, which cross as bytes.
    encodingBytes: false,
    // One of the runtime's own host operations (no global), handed out once, to its shim.
    hostFunction(name) {
      const id = host.internal && host.internal[name];
      if (id === undefined) return undefined;
      delete host.internal[name];
      return makeHostFunction(name, id, hostCall !== undefined);
    },
    // The context's OS entropy, handed out once (to the crypto shim, which loads lazily).
    takeSeed() { const seed = host.seed; host.seed = undefined; return seed; },
    apply,
    ops,
    lazy,
    tick,
    // A task (macrotask): fn runs as a 0 ms timer, after the current microtasks, in order
    // with other timers; unlike setTimeout, user code cannot replace it.
    task(fn) { addTimer(fn, 0, [], false); },
    refTimer,
    // Whether a timer that keeps the program alive is left.
    keepsAlive() { return timers.size > unrefed; },
    // Timers run so far: a host that ran some knows their microtasks still have to run.
    timersFired: 0,
    // Requests to the host other than host calls still unanswered (module loads).
    hostWork: 0,
    encode,
    decode,
    encodeError,
    errorRecord,
    normalizeStack,
    post,
    whenCrossed,
    drainDue,
    nextTick,
    runTicks,
    ticksPending() { return ticks.length !== 0; },
    // The program is over (its "exit" listeners ran): queued ticks never run, as in Node.
    discardTicks() { ticks = []; },
    // The async context's value now, and entering one (null: the engine has none).
    asyncContext: asyncContext === null ? null : asyncContext.get,
    enterAsyncContext: asyncContext === null ? null : asyncContext.set,
    carryAsyncContext() { carrying = asyncContext !== null; },
    // Whatever ran before leaves no async context to what starts now (a request).
    clearAsyncContext() { if (carrying) asyncContext.set(undefined); },
    // Log an exception nobody caught: label + its stack (Errors) or its inspection.
    reportError: logUncaught,
    now,
    bytesToBase64,
    base64ToBytes,
    log(level, text) {
      writeLog(level, String(text));
    },
    // Whether a caught exception is the engine running out of memory (each engine says
    // which of its errors mean that).
    isOutOfMemory(e) { try { return outOfMemory(e) === true; } catch (_) { return false; } },
    // Hand the host a value while the current call goes on (the host reads it at once,
    // on engines that can; see Context._set_progress): false where it cannot.
    progress(value) {
      return hostProgress !== null && hostProgress(encode(value)) !== false;
    },
    canProgress: hostProgress !== null,
  };
  // Ending the program, where the host lets a script end it (Context.set_exit_handler,
  // as `runtime run` does): `then` runs first ("exit" listeners; once, even if it ends the
  // program again), then the script stops with the code status() gives then; false where
  // nothing may end the host. process.exit uses it, and so does an uncaught error there.
  let hostExit = null;
  let exiting = false;
  runtime.endProgram = function endProgram(status, then) {
    if (hostExit === null) hostExit = runtime.hostFunction("exit") || (() => false);
    if (!exiting) {
      if (hostExit(status(), false) !== true) return false;
      exiting = true;
      try {
        then();
      } catch (e) {
        logUncaught(e);
      }
    }
    if (hostExit(status(), true) !== true) return false;
    for (;;); // stopped by the host
  };
  // "exit" listeners ran (node:process at the end of a program): a process.exit() in
  // one stops the program, not emitting "exit" again.
  runtime.markExiting = function markExiting() { exiting = true; };
  // After the report of an error nobody caught (no listener cancelled its event): it ends
  // the program where the host lets it, with code 1, as in Node.
  runtime.uncaughtReported = function uncaughtReported() {
    const end = runtime.programEnd;
    runtime.endProgram(() => (end === undefined ? 1 : end.status()), () => { if (end !== undefined) end.fatal(); });
  };
  Object.defineProperty(globalThis, "__runtime", { value: runtime, writable: false, enumerable: false, configurable: true });
})();
