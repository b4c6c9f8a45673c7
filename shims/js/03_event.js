// Event, CustomEvent, ErrorEvent, EventTarget (globalThis is one too), reportError and
// self: the WHATWG DOM and HTML specifications, with no tree (every event is dispatched
// at its target). Internals for later files go on __runtime.events.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, requireArgs, dictionary: dict } = runtime.webidl;
  const defineProperty = Object.defineProperty;
  const DOMException = globalThis.DOMException;

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
  runtime.webidl.inspectAs(Event, runtime.webidl.fields(["type", "defaultPrevented", "cancelable", "timeStamp"]));

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
          if (!runtime.abort.isSignal(signal)) {
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
      if (signal !== null) runtime.abort.addAlgorithm(signal, () => removeListener(map, type, listener));
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
        reportException(e, true);
      } finally {
        s.inPassive = false;
      }
      if (s.stopImmediate) break;
    }
  }
  // Does this target have listeners for this type?
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

  // ------------------------------------------------------------------ reportError
  let reporting = false;
  // Report an exception nobody caught; where that ends the program (see uncaughtReported),
  // `later` (an event listener's, or reportError()'s: the code that called them goes on)
  // ends it on the next tick, as Node does, once the dispatch is over.
  function reportException(error, later = false) {
    if (!dispatchUncaught(error)) return;
    runtime.reportError(error);
    if (later) runtime.nextTick(runtime.uncaughtReported, []);
    else runtime.uncaughtReported();
  }
  // The global "error" event for an exception nobody caught: false when a listener
  // cancelled it (took it over), true when its default (the report) is due.
  function dispatchUncaught(error) {
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
        notCanceled = fireEvent(globalThis, event);
      } finally {
        reporting = false;
      }
      if (!notCanceled) return false;
    }
    return true;
  }
  function reportError(e) {
    requireArgs(arguments.length, 1, "Failed to execute 'reportError'");
    reportException(e, true);
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

  defineGlobal("Event", Event);
  defineGlobal("EventTarget", EventTarget);
  defineGlobal("CustomEvent", CustomEvent);
  defineGlobal("ErrorEvent", ErrorEvent);
  defineGlobal("reportError", reportError);
  defineGlobal("self", globalThis);

  // reportException is also how the core reports an exception nobody caught.
  // "Fire an event" (the runtime's own events, as a user agent dispatches them): isTrusted.
  function fireEvent(target, event) {
    const [t, map] = listenersOf(target, "dispatchEvent");
    const s = stateOf(event);
    s.trusted = true;
    return dispatch(t, map, event, s);
  }
  // A target's listeners of `type` (node:events getEventListeners), or null for a non-target.
  function listenersFor(target, type) {
    const map = listenerMaps.get(target);
    if (map === undefined) return null;
    return (map.get(String(type)) || []).map((l) => l.callback);
  }
  runtime.events = { reportException, dispatchUncaught, defineEventHandler, highResNow, timeOrigin, fireEvent, listenersFor };
})();
