// DOMException, Event, EventTarget (globalThis is one too), CustomEvent, ErrorEvent,
// AbortController, AbortSignal, reportError, self, navigator, performance.
// Written to the WHATWG DOM and HTML specifications; same source on every engine.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const setTimeout_ = globalThis.setTimeout;
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.prototype.hasOwnProperty;

  function defineGlobal(name, value) {
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function tag(cls, name) {
    defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
  }
  function requireArgs(n, count, where) {
    if (n < count) {
      throw new TypeError(`${where}: ${count} argument${count > 1 ? "s" : ""} required, but only ${n} present.`);
    }
  }
  // WebIDL dictionary argument: undefined/null are empty, other non-objects are an error.
  function dict(value, where) {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" && typeof value !== "function") {
      throw new TypeError(`${where}: the options argument must be an object.`);
    }
    return value;
  }

  // ------------------------------------------------------------------ DOMException
  const LEGACY_CODES = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10,
    InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14,
    InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19,
    AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const CODE_CONSTANTS = {
    INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7,
    NOT_FOUND_ERR: 8, NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11,
    SYNTAX_ERR: 12, INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16, TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20,
    URL_MISMATCH_ERR: 21, QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24,
    DATA_CLONE_ERR: 25,
  };
  class DOMException extends Error {
    #name;
    #message;
    constructor(message = undefined, options = undefined) {
      super();
      this.#message = message === undefined ? "" : String(message);
      let name = "Error";
      if (options !== undefined && options !== null && typeof options === "object") {
        // The newer dictionary form: new DOMException(message, { name, cause }).
        if (options.name !== undefined) name = String(options.name);
        if ("cause" in options) {
          defineProperty(this, "cause", { value: options.cause, writable: true, configurable: true, enumerable: false });
        }
      } else if (options !== undefined) {
        name = String(options);
      }
      this.#name = name;
    }
    get name() { return this.#name; }
    get message() { return this.#message; }
    get code() { return hasOwn.call(LEGACY_CODES, this.#name) ? LEGACY_CODES[this.#name] : 0; }
  }
  tag(DOMException, "DOMException");
  for (const key of Object.keys(CODE_CONSTANTS)) {
    const desc = { value: CODE_CONSTANTS[key], enumerable: true };
    defineProperty(DOMException, key, desc);
    defineProperty(DOMException.prototype, key, desc);
  }
  defineGlobal("DOMException", DOMException);

  // ------------------------------------------------------------------ Event
  let stateOf; // event -> its internal state (set in the class's static block)
  const PHASES = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };
  let lastStamp = 0;
  const timeOrigin = Date.now();
  function highResNow() {
    const t = Date.now() - timeOrigin;
    if (t > lastStamp) lastStamp = t;
    return lastStamp;
  }

  class Event {
    #s;
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'Event'");
      const init = dict(eventInitDict, "Failed to construct 'Event'");
      this.#s = {
        type: String(type),
        bubbles: !!init.bubbles,
        cancelable: !!init.cancelable,
        composed: !!init.composed,
        target: null,
        currentTarget: null,
        phase: 0,
        stop: false,
        stopImmediate: false,
        canceled: false,
        inPassive: false,
        dispatching: false,
        trusted: false,
        timeStamp: highResNow(),
      };
    }
    get type() { return this.#s.type; }
    get target() { return this.#s.target; }
    get srcElement() { return this.#s.target; }
    get currentTarget() { return this.#s.currentTarget; }
    get eventPhase() { return this.#s.phase; }
    get bubbles() { return this.#s.bubbles; }
    get cancelable() { return this.#s.cancelable; }
    get composed() { return this.#s.composed; }
    get defaultPrevented() { return this.#s.canceled; }
    get isTrusted() { return this.#s.trusted; }
    get timeStamp() { return this.#s.timeStamp; }
    get returnValue() { return !this.#s.canceled; }
    set returnValue(value) {
      const s = this.#s;
      if (!value && s.cancelable && !s.inPassive) s.canceled = true;
    }
    get cancelBubble() { return this.#s.stop; }
    set cancelBubble(value) { if (value) this.#s.stop = true; }
    composedPath() {
      const s = this.#s;
      return s.dispatching && s.currentTarget !== null ? [s.currentTarget] : [];
    }
    stopPropagation() { this.#s.stop = true; }
    stopImmediatePropagation() { const s = this.#s; s.stop = true; s.stopImmediate = true; }
    preventDefault() {
      const s = this.#s;
      if (s.cancelable && !s.inPassive) s.canceled = true;
    }
    initEvent(type, bubbles = false, cancelable = false) {
      requireArgs(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
      const s = this.#s;
      if (s.dispatching) return;
      s.stop = s.stopImmediate = s.canceled = false;
      s.trusted = false;
      s.target = null;
      s.type = String(type);
      s.bubbles = !!bubbles;
      s.cancelable = !!cancelable;
    }
    static {
      stateOf = (e) => e.#s;
    }
  }
  function isEvent(value) {
    try { stateOf(value); return true; } catch (_) { return false; }
  }
  for (const [key, value] of Object.entries(PHASES)) {
    const desc = { value, enumerable: true };
    defineProperty(Event, key, desc);
    defineProperty(Event.prototype, key, desc);
  }
  tag(Event, "Event");

  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'CustomEvent'");
      const init = dict(eventInitDict, "Failed to construct 'CustomEvent'");
      super(type, init);
      this.#detail = init.detail === undefined ? null : init.detail;
    }
    get detail() { return this.#detail; }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      requireArgs(arguments.length, 1, "Failed to execute 'initCustomEvent' on 'CustomEvent'");
      if (stateOf(this).dispatching) return;
      this.initEvent(type, bubbles, cancelable);
      this.#detail = detail;
    }
  }
  tag(CustomEvent, "CustomEvent");

  class ErrorEvent extends Event {
    #message; #filename; #lineno; #colno; #error;
    constructor(type, eventInitDict = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'ErrorEvent'");
      const init = dict(eventInitDict, "Failed to construct 'ErrorEvent'");
      super(type, init);
      this.#message = init.message === undefined ? "" : String(init.message);
      this.#filename = init.filename === undefined ? "" : String(init.filename);
      this.#lineno = init.lineno === undefined ? 0 : Number(init.lineno) >>> 0;
      this.#colno = init.colno === undefined ? 0 : Number(init.colno) >>> 0;
      this.#error = init.error;
    }
    get message() { return this.#message; }
    get filename() { return this.#filename; }
    get lineno() { return this.#lineno; }
    get colno() { return this.#colno; }
    get error() { return this.#error; }
  }
  tag(ErrorEvent, "ErrorEvent");

  // ------------------------------------------------------------------ EventTarget
  // target -> Map(type -> [listener]); a WeakMap so that globalThis can be a target too.
  const listenerMaps = new WeakMap();
  function listenersOf(self, where) {
    const target = self === undefined || self === null ? globalThis : self;
    const map = listenerMaps.get(target);
    if (map === undefined) throw new TypeError(`Illegal invocation: ${where} called on an object that is not an EventTarget`);
    return [target, map];
  }
  function flatten(options) {
    if (typeof options === "boolean") return { capture: options };
    if (options === undefined || options === null) return { capture: false };
    if (typeof options !== "object" && typeof options !== "function") return { capture: !!options };
    return options;
  }
  function removeListener(map, type, listener) {
    const list = map.get(type);
    listener.removed = true;
    if (list === undefined) return;
    const i = list.indexOf(listener);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) map.delete(type);
  }
  let addAbortAlgorithm; // (signal, fn) -> void, set by AbortSignal below

  class EventTarget {
    constructor() {
      listenerMaps.set(this, new Map());
    }
    addEventListener(type, callback, options = undefined) {
      requireArgs(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
      const [, map] = listenersOf(this, "addEventListener");
      type = String(type);
      const opts = flatten(options);
      const capture = !!opts.capture;
      let once = false, passive = false, signal = null;
      if (opts !== options || typeof options === "boolean") {
        // a boolean or nothing: only capture
      } else {
        once = !!opts.once;
        passive = !!opts.passive;
        if (opts.signal !== undefined) {
          signal = opts.signal;
          if (!(signal instanceof AbortSignal)) {
            throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': member signal is not of type AbortSignal.");
          }
        }
      }
      if (callback === null || callback === undefined) return;
      if (typeof callback !== "function" && typeof callback !== "object") {
        throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': The callback provided as parameter 2 is not an object.");
      }
      if (signal !== null && signal.aborted) return;
      let list = map.get(type);
      if (list === undefined) {
        list = [];
        map.set(type, list);
      } else {
        for (const l of list) if (l.callback === callback && l.capture === capture) return;
      }
      const listener = { type, callback, capture, passive, once, removed: false };
      list.push(listener);
      if (signal !== null) addAbortAlgorithm(signal, () => removeListener(map, type, listener));
    }
    removeEventListener(type, callback, options = undefined) {
      requireArgs(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
      const [, map] = listenersOf(this, "removeEventListener");
      type = String(type);
      const capture = !!flatten(options).capture;
      const list = map.get(type);
      if (list === undefined) return;
      for (const l of list) {
        if (l.callback === callback && l.capture === capture) {
          removeListener(map, type, l);
          return;
        }
      }
    }
    dispatchEvent(event) {
      requireArgs(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
      const [target, map] = listenersOf(this, "dispatchEvent");
      if (!isEvent(event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      const s = stateOf(event);
      if (s.dispatching) throw new DOMException("The event is already being dispatched.", "InvalidStateError");
      s.trusted = false;
      return dispatch(target, map, event, s);
    }
  }
  tag(EventTarget, "EventTarget");

  function dispatch(target, map, event, s) {
    s.dispatching = true;
    s.target = target;
    s.currentTarget = target;
    s.phase = 2; // AT_TARGET: no tree, so the path is the target alone
    try {
      invoke(target, map, event, s, true);
      invoke(target, map, event, s, false);
    } finally {
      s.phase = 0;
      s.currentTarget = null;
      s.dispatching = false;
      s.stop = false;
      s.stopImmediate = false;
    }
    return !s.canceled;
  }
  function invoke(target, map, event, s, capturing) {
    if (s.stop) return;
    const list = map.get(s.type);
    if (list === undefined) return;
    const listeners = list.slice();
    for (const l of listeners) {
      if (l.removed) continue;
      if (capturing !== l.capture) continue;
      if (l.once) removeListener(map, l.type, l);
      try {
        let fn = l.callback, self = target;
        if (typeof fn !== "function") {
          self = fn;
          fn = fn.handleEvent;
          if (typeof fn !== "function") throw new TypeError("'handleEvent' property of the event listener is not callable");
        }
        if (l.passive) s.inPassive = true;
        fn.call(self, event);
      } catch (e) {
        reportException(e);
      } finally {
        s.inPassive = false;
      }
      if (s.stopImmediate) break;
    }
  }
  // For other shims: does this target have listeners for this type?
  function hasListeners(target, type) {
    const map = listenerMaps.get(target);
    return map !== undefined && map.has(type);
  }

  // Event handler IDL attributes (onabort, onerror...): one listener, added on the first
  // non-null set, removed again when set to null.
  const handlerMaps = new WeakMap();
  function defineEventHandler(obj, type) {
    const name = "on" + type;
    defineProperty(obj, name, {
      configurable: true,
      enumerable: true,
      get() {
        const self = this === undefined || this === null ? globalThis : this;
        const handlers = handlerMaps.get(self);
        const h = handlers && handlers.get(type);
        return h ? h.value : null;
      },
      set(value) {
        const self = this === undefined || this === null ? globalThis : this;
        if (!listenerMaps.has(self)) throw new TypeError("Illegal invocation");
        if (typeof value !== "function" && (typeof value !== "object" || value === null)) value = null;
        let handlers = handlerMaps.get(self);
        if (handlers === undefined) { handlers = new Map(); handlerMaps.set(self, handlers); }
        let h = handlers.get(type);
        if (value === null) {
          if (h) {
            EventTarget.prototype.removeEventListener.call(self, type, h.listener);
            handlers.delete(type);
          }
          return;
        }
        if (h === undefined) {
          h = {
            value,
            listener(event) {
              const fn = h.value;
              if (typeof fn !== "function") return;
              const result = fn.call(this, event);
              if (result === false) event.preventDefault();
            },
          };
          handlers.set(type, h);
          EventTarget.prototype.addEventListener.call(self, type, h.listener);
        } else {
          h.value = value;
        }
      },
    });
  }

  // ------------------------------------------------------------------ AbortSignal
  const ILLEGAL = Symbol("illegal constructor");
  let signalAbort, makeSignal;
  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    #algorithms = [];
    #dependent = false;
    #sources = null; // Set of source signals (for dependent signals)
    #dependents = null; // Set of dependent signals (for sources)
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      super();
    }
    static abort(reason = undefined) {
      const signal = makeSignal();
      signal.#aborted = true;
      signal.#reason = reason !== undefined ? reason : new DOMException("This operation was aborted", "AbortError");
      return signal;
    }
    static timeout(milliseconds) {
      requireArgs(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
      let ms = Number(milliseconds);
      if (!Number.isFinite(ms)) throw new TypeError("AbortSignal.timeout: milliseconds must be a finite number");
      ms = Math.trunc(ms);
      if (ms < 0 || ms > Number.MAX_SAFE_INTEGER) throw new TypeError("AbortSignal.timeout: milliseconds is outside the range of unsigned long long");
      const signal = makeSignal();
      setTimeout_(() => {
        signalAbort(signal, new DOMException("The operation timed out.", "TimeoutError"));
      }, ms);
      return signal;
    }
    static any(signals) {
      requireArgs(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
      if (signals === null || (typeof signals !== "object" && typeof signals !== "function") || typeof signals[Symbol.iterator] !== "function") {
        throw new TypeError("AbortSignal.any: argument must be a sequence of AbortSignal");
      }
      const list = [];
      for (const s of signals) {
        if (!(s instanceof AbortSignal)) throw new TypeError("AbortSignal.any: every item must be an AbortSignal");
        list.push(s);
      }
      const result = makeSignal();
      for (const s of list) {
        if (s.#aborted) {
          result.#aborted = true;
          result.#reason = s.#reason;
          return result;
        }
      }
      result.#dependent = true;
      result.#sources = new Set();
      for (const s of list) {
        if (!s.#dependent) {
          result.#sources.add(s);
        } else if (s.#sources !== null) {
          for (const src of s.#sources) result.#sources.add(src);
        }
      }
      for (const src of result.#sources) {
        if (src.#dependents === null) src.#dependents = new Set();
        src.#dependents.add(result);
      }
      return result;
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    static {
      makeSignal = () => new AbortSignal(ILLEGAL);
      addAbortAlgorithm = (signal, fn) => {
        if (!signal.#aborted) signal.#algorithms.push(fn);
      };
      const runSteps = (signal) => {
        const algorithms = signal.#algorithms;
        signal.#algorithms = [];
        for (const fn of algorithms) {
          try { fn(); } catch (e) { reportException(e); }
        }
        signal.dispatchEvent(new Event("abort"));
      };
      signalAbort = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason !== undefined ? reason : new DOMException("This operation was aborted", "AbortError");
        const toAbort = [];
        if (signal.#dependents !== null) {
          for (const dep of signal.#dependents) {
            if (!dep.#aborted) {
              dep.#aborted = true;
              dep.#reason = signal.#reason;
              toAbort.push(dep);
            }
          }
          signal.#dependents = null;
        }
        runSteps(signal);
        for (const dep of toAbort) {
          // The dependent no longer needs its sources.
          if (dep.#sources !== null) {
            for (const src of dep.#sources) if (src.#dependents !== null) src.#dependents.delete(dep);
            dep.#sources = null;
          }
          runSteps(dep);
        }
      };
    }
  }
  defineEventHandler(AbortSignal.prototype, "abort");
  tag(AbortSignal, "AbortSignal");

  class AbortController {
    #signal = makeSignal();
    get signal() { return this.#signal; }
    abort(reason = undefined) { signalAbort(this.#signal, reason); }
  }
  tag(AbortController, "AbortController");

  // ------------------------------------------------------------------ reportError
  let reporting = false;
  function reportException(error) {
    if (!reporting && hasListeners(globalThis, "error")) {
      reporting = true;
      let notCanceled = true;
      try {
        let message, filename = "", lineno = 0, colno = 0;
        try {
          const rec = runtime.errorRecord(error);
          message = "Uncaught " + (rec.name === "Uncaught" ? rec.message : rec.name + (rec.message ? ": " + rec.message : ""));
          if (rec.frames.length) [, filename, lineno, colno] = rec.frames[0];
        } catch (_) {
          message = "Uncaught exception";
        }
        const event = new ErrorEvent("error", { message, filename, lineno, colno, error, cancelable: true });
        notCanceled = dispatch(globalThis, listenerMaps.get(globalThis), event, stateOf(event));
      } finally {
        reporting = false;
      }
      if (!notCanceled) return;
    }
    runtime.reportError(error);
  }
  function reportError(e) {
    requireArgs(arguments.length, 1, "Failed to execute 'reportError'");
    reportException(e);
  }

  // ------------------------------------------------------------------ globalThis as EventTarget
  listenerMaps.set(globalThis, new Map());
  try {
    // Put EventTarget.prototype into the global's prototype chain, as in browsers.
    const proto = Object.getPrototypeOf(globalThis);
    if (proto === Object.prototype || proto === null || !(EventTarget.prototype.isPrototypeOf(globalThis))) {
      Object.setPrototypeOf(globalThis, EventTarget.prototype);
    }
  } catch (_) { /* the own methods below still work */ }
  for (const name of ["addEventListener", "removeEventListener", "dispatchEvent"]) {
    defineProperty(globalThis, name, {
      value: EventTarget.prototype[name], writable: true, configurable: true, enumerable: true,
    });
  }
  defineEventHandler(globalThis, "error");

  // ------------------------------------------------------------------ navigator
  const userAgent = "runtime/" + runtime.engine;
  class Navigator {
    constructor(key = undefined) { if (key !== ILLEGAL) throw new TypeError("Illegal constructor"); }
    get userAgent() { return userAgent; }
    get language() { return "en-US"; }
    get languages() { return ["en-US"]; }
  }
  tag(Navigator, "Navigator");

  // ------------------------------------------------------------------ performance
  class PerformanceEntry {
    #name; #type; #start; #duration;
    constructor(key = undefined, name = "", type = "", start = 0, duration = 0) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      this.#name = name; this.#type = type; this.#start = start; this.#duration = duration;
    }
    get name() { return this.#name; }
    get entryType() { return this.#type; }
    get startTime() { return this.#start; }
    get duration() { return this.#duration; }
    toJSON() {
      return { name: this.#name, entryType: this.#type, startTime: this.#start, duration: this.#duration };
    }
  }
  tag(PerformanceEntry, "PerformanceEntry");
  class PerformanceMark extends PerformanceEntry {
    #detail;
    constructor(name, options = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'PerformanceMark'");
      const init = dict(options, "Failed to construct 'PerformanceMark'");
      let start = highResNow();
      if (init.startTime !== undefined) {
        start = Number(init.startTime);
        if (!(start >= 0)) throw new TypeError("PerformanceMark: startTime must be a non-negative number");
      }
      super(ILLEGAL, String(name), "mark", start, 0);
      this.#detail = init.detail === undefined ? null : structuredClone(init.detail);
    }
    get detail() { return this.#detail; }
  }
  tag(PerformanceMark, "PerformanceMark");
  class PerformanceMeasure extends PerformanceEntry {
    #detail;
    constructor(key, name, start, duration, detail) {
      super(key, name, "measure", start, duration);
      this.#detail = detail;
    }
    get detail() { return this.#detail; }
  }
  tag(PerformanceMeasure, "PerformanceMeasure");

  let entries = [];
  function markTime(perf, value) {
    if (typeof value === "number") return value;
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === "mark" && entries[i].name === String(value)) return entries[i].startTime;
    }
    throw new DOMException(`The mark '${value}' does not exist.`, "SyntaxError");
  }
  class Performance extends EventTarget {
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      super();
    }
    get timeOrigin() { return timeOrigin; }
    now() { return highResNow(); }
    toJSON() { return { timeOrigin }; }
    mark(name, options = undefined) {
      requireArgs(arguments.length, 1, "Failed to execute 'mark' on 'Performance'");
      const mark = new PerformanceMark(name, options);
      entries.push(mark);
      return mark;
    }
    measure(name, startOrOptions = undefined, endMark = undefined) {
      requireArgs(arguments.length, 1, "Failed to execute 'measure' on 'Performance'");
      let start = 0, end, detail = null;
      if (startOrOptions !== null && typeof startOrOptions === "object") {
        const o = startOrOptions;
        if (o.start !== undefined) start = markTime(this, o.start);
        if (o.end !== undefined) end = markTime(this, o.end);
        else if (o.duration !== undefined) end = start + Number(o.duration);
        if (o.start === undefined && o.duration !== undefined && o.end !== undefined) start = end - Number(o.duration);
        if (o.detail !== undefined) detail = structuredClone(o.detail);
      } else if (startOrOptions !== undefined) {
        start = markTime(this, startOrOptions);
      }
      if (endMark !== undefined) end = markTime(this, endMark);
      if (end === undefined) end = highResNow();
      const measure = new PerformanceMeasure(ILLEGAL, String(name), start, end - start, detail);
      entries.push(measure);
      return measure;
    }
    getEntries() { return entries.slice(); }
    getEntriesByType(type) { return entries.filter((e) => e.entryType === String(type)); }
    getEntriesByName(name, type = undefined) {
      return entries.filter((e) => e.name === String(name) && (type === undefined || e.entryType === String(type)));
    }
    clearMarks(name = undefined) {
      entries = entries.filter((e) => e.entryType !== "mark" || (name !== undefined && e.name !== String(name)));
    }
    clearMeasures(name = undefined) {
      entries = entries.filter((e) => e.entryType !== "measure" || (name !== undefined && e.name !== String(name)));
    }
  }
  tag(Performance, "Performance");

  // ------------------------------------------------------------------ globals
  defineGlobal("Event", Event);
  defineGlobal("EventTarget", EventTarget);
  defineGlobal("CustomEvent", CustomEvent);
  defineGlobal("ErrorEvent", ErrorEvent);
  defineGlobal("AbortController", AbortController);
  defineGlobal("AbortSignal", AbortSignal);
  defineGlobal("reportError", reportError);
  defineGlobal("self", globalThis);
  defineGlobal("Navigator", Navigator);
  defineGlobal("navigator", new Navigator(ILLEGAL));
  defineGlobal("Performance", Performance);
  defineGlobal("PerformanceEntry", PerformanceEntry);
  defineGlobal("PerformanceMark", PerformanceMark);
  defineGlobal("PerformanceMeasure", PerformanceMeasure);
  defineGlobal("performance", new Performance(ILLEGAL));

  // For the other shims (fetch, streams): internal hooks, not visible to user code.
  runtime.events = { reportException, hasListeners, defineEventHandler, addAbortAlgorithm, signalAbort };
})();
