// node:events — Node.js's EventEmitter and its helpers (once, on, getEventListeners, ...).
// Listeners live where Node keeps them, since packages read them there: `_events` is a
// prototype-less object mapping each event name to one function, or to an array of them
// once there are several; `_eventsCount` counts its keys; a `once` wrapper carries the
// original function as `.listener`.
"use strict";

const { nodeError, invalidArgType, outOfRange } = require("./internal/errors.js");
const { validateInteger } = require("./internal/validators.js");
const { AbortError, SymbolDispose, addAbortListener, validateAbortSignal } = require("./internal/events/abort_listener.js");

const kCapture = Symbol("kCapture");
const kErrorMonitor = Symbol("events.errorMonitor");
const kRejection = Symbol.for("nodejs.rejection");
const kMaxEventTargetListeners = Symbol("events.maxEventTargetListeners");
const kMaxEventTargetListenersWarned = Symbol("events.maxEventTargetListenersWarned");
const kWatermarkData = Symbol.for("nodejs.watermarkData");

const inspect = (value, options) => globalThis.__runtime.inspect.inspect(value, options);

let defaultMaxListeners = 10;

// Node's validateNumber(value, name, 0): a number that is not below 0 (nor NaN).
function validateMaxListeners(value, name) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (value < 0 || Number.isNaN(value)) throw outOfRange(name, ">= 0", value);
}

function checkListener(listener) {
  if (typeof listener !== "function") throw invalidArgType("listener", "function", listener);
}

function isEventTarget(value) {
  return typeof EventTarget === "function" && value instanceof EventTarget;
}

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}

module.exports = EventEmitter;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = kRejection;

Object.defineProperty(EventEmitter, "captureRejections", {
  enumerable: true,
  get() {
    return EventEmitter.prototype[kCapture];
  },
  set(value) {
    if (typeof value !== "boolean") throw invalidArgType("EventEmitter.captureRejections", "boolean", value);
    EventEmitter.prototype[kCapture] = value;
  },
});

EventEmitter.errorMonitor = kErrorMonitor;

Object.defineProperty(EventEmitter, "defaultMaxListeners", {
  enumerable: true,
  get() {
    return defaultMaxListeners;
  },
  set(value) {
    validateMaxListeners(value, "defaultMaxListeners");
    defaultMaxListeners = value;
  },
});

Object.defineProperties(EventEmitter, {
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned },
});

Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

// Sets the default limit (no targets), or the limit of each EventEmitter or EventTarget given.
EventEmitter.setMaxListeners = function (n = defaultMaxListeners, ...eventTargets) {
  validateMaxListeners(n, "setMaxListeners");
  if (eventTargets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of eventTargets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target?.setMaxListeners === "function") {
      target.setMaxListeners(n);
    } else {
      throw invalidArgType("eventTargets", ["EventEmitter", "EventTarget"], target);
    }
  }
};

// Sets up an emitter's own state; subclasses written as ES5 constructors call
// EventEmitter.call(this), which comes here.
EventEmitter.init = function (opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    if (typeof opts.captureRejections !== "boolean") {
      throw invalidArgType("options.captureRejections", "boolean", opts.captureRejections);
    }
    this[kCapture] = true;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateMaxListeners(n, "setMaxListeners");
  this._maxListeners = n;
  return this;
};

function maxListenersOf(emitter) {
  return emitter._maxListeners === undefined ? EventEmitter.defaultMaxListeners : emitter._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return maxListenersOf(this);
};

// With captureRejections on, a listener's rejected promise becomes a call to the emitter's
// [Symbol.for('nodejs.rejection')] method if it has one, else an 'error' event.
function addCatch(emitter, promise, type, args) {
  if (!emitter[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === "function") {
      then.call(promise, undefined, (err) => {
        globalThis.__runtime.nextTick(emitUnhandledRejectionOrErr, [emitter, err, type, args]);
      });
    }
  } catch (err) {
    emitter.emit("error", err);
  }
}

function emitUnhandledRejectionOrErr(emitter, err, type, args) {
  if (typeof emitter[kRejection] === "function") {
    emitter[kRejection](err, type, ...args);
    return;
  }
  // Capturing stays off while 'error' is emitted, so that a rejecting 'error' listener
  // cannot loop.
  const prev = emitter[kCapture];
  try {
    emitter[kCapture] = false;
    emitter.emit("error", err);
  } finally {
    emitter[kCapture] = prev;
  }
}

// The 'error' event with no listener: an Error is thrown as it is, anything else wrapped in
// ERR_UNHANDLED_ERROR (its `context` the value).
function unhandledError(args) {
  const er = args.length > 0 ? args[0] : undefined;
  if (er instanceof Error) return er;
  let shown;
  try {
    shown = inspect(er);
  } catch {
    shown = er;
  }
  const message = shown === undefined ? "Unhandled error." : `Unhandled error. (${shown})`;
  const err = nodeError(Error, "ERR_UNHANDLED_ERROR", message);
  err.context = er;
  return err;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = type === "error";
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) {
    return false;
  }
  if (doError) throw unhandledError(args);

  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === "function") {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null) addCatch(this, result, type, args);
  } else {
    // A listener added or removed while emitting takes effect from the next emit.
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
  }
  return true;
};

// Node writes this through process.emitWarning; here it goes to the console, once per
// listener array (as Node's `warned` flag does).
function warnLeak(target, type, count, max) {
  const message =
    `Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners ` +
    `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${max}. ` +
    "Use emitter.setMaxListeners() to increase limit";
  // A process warning, as in Node: process.on("warning") listeners see it.
  const warning = new Error(message);
  warning.name = "MaxListenersExceededWarning";
  Object.assign(warning, { emitter: target, type, count });
  require("node:process").emitWarning(warning);
}

function addListenerTo(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else {
    // 'newListener' is emitted before the listener is added, so it cannot see itself.
    if (events.newListener !== undefined) {
      target.emit("newListener", type, listener.listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }

  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
    return target;
  }
  if (typeof existing === "function") {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }
  const max = maxListenersOf(target);
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true;
    warnLeak(target, type, existing.length, max);
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return addListenerTo(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListenerTo(this, type, listener, true);
};

function onceWrapper() {
  if (this.fired) return undefined;
  this.target.removeListener(this.type, this.wrapFn);
  this.fired = true;
  return this.listener.apply(this.target, arguments);
}

// A listener that removes itself before its first call; `.listener` is the original.
function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

// Removes the most recently added instance of `listener` (or of a once wrapper around it).
EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this._eventsCount === 0) {
      this._events = { __proto__: null };
    } else {
      delete events[type];
      if (events.removeListener) this.emit("removeListener", type, list.listener || listener);
    }
    return this;
  }
  if (typeof list === "function") return this;

  let position = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      position = i;
      break;
    }
  }
  if (position < 0) return this;
  list.splice(position, 1);
  if (list.length === 1) events[type] = list[0];
  if (events.removeListener !== undefined) this.emit("removeListener", type, listener);
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;

  // Without 'removeListener' listeners there is nothing to tell: drop them at once.
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      this._eventsCount -= 1;
      if (this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    return this;
  }

  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key !== "removeListener") this.removeAllListeners(key);
    }
    this.removeAllListeners("removeListener");
    this._events = { __proto__: null };
    this._eventsCount = 0;
    return this;
  }

  const listeners = events[type];
  if (typeof listeners === "function") {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    // Last added first, as 'removeListener' events report them.
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const found = events[type];
  if (found === undefined) return [];
  if (typeof found === "function") return unwrap ? [found.listener || found] : [found];
  if (!unwrap) return found.slice();
  return found.map((fn) => (typeof fn.listener === "function" ? fn.listener : fn));
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

// How many listeners `type` has; with `listener`, how many of them are it (or wrap it).
function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const found = events[type];
  if (found === undefined) return 0;
  const matches = (fn) => fn === listener || fn.listener === listener;
  if (typeof found === "function") return listener != null ? Number(matches(found)) : 1;
  if (listener == null) return found.length;
  let count = 0;
  for (const fn of found) if (matches(fn)) count++;
  return count;
}
EventEmitter.prototype.listenerCount = listenerCount;

// Deprecated (DEP0033) in favour of emitter.listenerCount(type).
EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// ------------------------------------------------------------------ module functions

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget?.listeners === "function") return emitterOrTarget.listeners(type);
  const listeners = globalThis.__runtime.events.listenersFor(emitterOrTarget, type);
  if (listeners !== null) return listeners;
  throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === "function") return maxListenersOf(emitterOrTarget);
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
  throw invalidArgType("emitter", ["EventEmitter", "EventTarget"], emitterOrTarget);
}

function addAnyListener(emitter, name, listener, flags) {
  if (typeof emitter.on === "function") {
    if (flags?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === "function") {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw invalidArgType("emitter", "EventEmitter", emitter);
  }
}

function removeAnyListener(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === "function") emitter.removeListener(name, listener);
  else if (typeof emitter.removeEventListener === "function") emitter.removeEventListener(name, listener, flags);
  else throw invalidArgType("emitter", "EventEmitter", emitter);
}

// A promise for the arguments of the next `name` event; an 'error' event first rejects it
// (EventEmitters only), and so does aborting `options.signal`.
async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      if (signal != null) removeAnyListener(signal, "abort", abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === "function") emitter.removeListener("error", errorListener);
      if (signal != null) removeAnyListener(signal, "abort", abortListener);
      resolve(args);
    };
    function abortListener() {
      removeAnyListener(emitter, name, resolver);
      removeAnyListener(emitter, "error", errorListener);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    addAnyListener(emitter, name, resolver, { once: true });
    if (name !== "error" && typeof emitter.once === "function") emitter.once("error", errorListener);
    if (signal != null) addAnyListener(signal, "abort", abortListener, { once: true });
  });
}

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

function iterResult(value, done) {
  return { value, done };
}

// An async iterator over `event` events (each value the array of the event's arguments).
// It ends on any of `options.close`, throws on 'error' or an abort of `options.signal`, and
// pauses the emitter while more than `highWaterMark` events wait (resuming below
// `lowWaterMark`).
function on(emitter, event, options = {}) {
  const signal = options.signal;
  validateAbortSignal(signal, "options.signal");
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal?.reason });
  const high = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(high, "options.highWaterMark", 1);
  const low = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(low, "options.lowWaterMark", 1);

  const unconsumedEvents = [];
  const unconsumedPromises = [];
  const added = [];
  let paused = false;
  let error = null;
  let finished = false;

  const iterator = Object.setPrototypeOf(
    {
      next() {
        if (unconsumedEvents.length > 0) {
          const value = unconsumedEvents.shift();
          if (paused && unconsumedEvents.length < low) {
            emitter.resume();
            paused = false;
          }
          return Promise.resolve(iterResult(value, false));
        }
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return closeHandler();
        return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
      },
      return() {
        return closeHandler();
      },
      throw(err) {
        if (!err || !(err instanceof Error)) throw invalidArgType("EventEmitter.AsyncIterator", "Error", err);
        errorHandler(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      [kWatermarkData]: {
        get size() {
          return unconsumedEvents.length;
        },
        get low() {
          return low;
        },
        get high() {
          return high;
        },
        get isPaused() {
          return paused;
        },
      },
    },
    AsyncIteratorPrototype,
  );

  listen(event, (...args) => eventHandler(args));
  if (event !== "error" && typeof emitter.on === "function") listen("error", errorHandler);
  const closeEvents = options?.close;
  if (closeEvents?.length) for (const name of closeEvents) listen(name, closeHandler);
  const abortDisposable = signal ? addAbortListener(signal, abortListener) : null;
  return iterator;

  function listen(name, handler) {
    addAnyListener(emitter, name, handler);
    added.push([name, handler]);
  }

  function abortListener() {
    errorHandler(new AbortError(undefined, { cause: signal?.reason }));
  }

  function eventHandler(value) {
    if (unconsumedPromises.length > 0) {
      unconsumedPromises.shift().resolve(iterResult(value, false));
      return;
    }
    unconsumedEvents.push(value);
    if (!paused && unconsumedEvents.length > high) {
      paused = true;
      emitter.pause();
    }
  }

  function errorHandler(err) {
    if (unconsumedPromises.length > 0) unconsumedPromises.shift().reject(err);
    else error = err;
    closeHandler();
  }

  function closeHandler() {
    abortDisposable?.[SymbolDispose]();
    while (added.length > 0) {
      const [name, handler] = added.pop();
      removeAnyListener(emitter, name, handler);
    }
    finished = true;
    const done = iterResult(undefined, true);
    while (unconsumedPromises.length > 0) unconsumedPromises.shift().resolve(done);
    return Promise.resolve(done);
  }
}

