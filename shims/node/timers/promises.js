// node:timers/promises — Node.js's promise timers: setTimeout and setImmediate resolve
// with the value given, setInterval is an async iterator yielding it once per interval,
// and `scheduler` has wait(delay) and yield(). An AbortSignal in the options cancels the
// timer and rejects with Node's AbortError, whose cause is the signal's reason. Bad
// arguments reject (setInterval: throw on first next()) with Node's errors.
"use strict";

const { nodeError } = require("../internal/errors.js");
const { validateNumber, validateBoolean, validateObject } = require("../internal/validators.js");
const { AbortError, validateAbortSignal } = require("../internal/events/abort_listener.js");
const { Timeout, Immediate, insert, clearTimeout, clearImmediate } = require("../internal/timers.js");

const kEmptyObject = Object.freeze({ __proto__: null });
const kScheduler = Symbol("kScheduler");

// Node's validateObject: not null, an array or a function.

// The checks setTimeout, setImmediate and setInterval make of their options.
function validateOptions(options) {
  validateObject(options, "options");
  if (options?.signal !== undefined) validateAbortSignal(options.signal, "options.signal");
  if (options?.ref !== undefined) validateBoolean(options.ref, "options.ref");
}

function abortError(signal) {
  return new AbortError(undefined, { cause: signal?.reason });
}

// Called with the timer as `this` when the signal aborts: cancels a timer that has not run.
function cancelListenerHandler(clear, reject, signal) {
  if (!this._destroyed) {
    clear(this);
    reject(abortError(signal));
  }
}

// `start(resolve)` makes the timer; with a signal, its abort listener is removed
// once the promise settles.
function cancellable(signal, clear, start) {
  let oncancel;
  const ret = new Promise((resolve, reject) => {
    const timer = start(resolve);
    if (signal) {
      oncancel = cancelListenerHandler.bind(timer, clear, reject, signal);
      signal.addEventListener("abort", oncancel);
    }
  });
  return oncancel !== undefined ? ret.finally(() => signal.removeEventListener("abort", oncancel)) : ret;
}

function setTimeout(after, value, options = kEmptyObject) {
  try {
    if (after !== undefined) validateNumber(after, "delay");
    validateOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const { signal, ref = true } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return cancellable(signal, clearTimeout, (resolve) => {
    const timeout = new Timeout(resolve, after, [value], false, ref);
    insert(timeout);
    return timeout;
  });
}

function setImmediate(value, options = kEmptyObject) {
  try {
    validateOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const { signal, ref = true } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return cancellable(signal, clearImmediate, (resolve) => {
    const immediate = new Immediate(resolve, [value]);
    if (!ref) immediate.unref();
    return immediate;
  });
}

// Yields `value` once per tick of the interval; ticks that come while the consumer is busy
// are counted and yielded in a row after.
async function* setInterval(after, value, options = kEmptyObject) {
  if (after !== undefined) validateNumber(after, "delay");
  validateOptions(options);
  const { signal, ref = true } = options;
  if (signal?.aborted) throw abortError(signal);
  let onCancel;
  let interval;
  try {
    let notYielded = 0;
    let callback;
    interval = new Timeout(() => {
      notYielded++;
      if (callback) {
        callback();
        callback = undefined;
      }
    }, after, undefined, true, ref);
    insert(interval);
    if (signal) {
      onCancel = () => {
        clearTimeout(interval);
        if (callback) {
          callback(Promise.reject(abortError(signal)));
          callback = undefined;
        }
      };
      signal.addEventListener("abort", onCancel, { once: true });
    }
    while (!signal?.aborted) {
      if (notYielded === 0) {
        await new Promise((resolve) => { callback = resolve; });
      }
      for (; notYielded > 0; notYielded--) yield value;
    }
    throw abortError(signal);
  } finally {
    clearTimeout(interval);
    signal?.removeEventListener("abort", onCancel);
  }
}

// Node's experimental Scheduler (after the WICG scheduling APIs): only `scheduler` is one.
class Scheduler {
  constructor() {
    throw nodeError(TypeError, "ERR_ILLEGAL_CONSTRUCTOR", "Illegal constructor");
  }

  // Resolves once the tasks queued before it have run (an immediate).
  yield() {
    if (!this[kScheduler]) throw invalidThis();
    return setImmediate();
  }

  wait(delay, options) {
    if (!this[kScheduler]) throw invalidThis();
    return setTimeout(delay, undefined, options);
  }
}

function invalidThis() {
  return nodeError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type Scheduler');
}

module.exports = {
  setTimeout,
  setImmediate,
  setInterval,
  scheduler: Reflect.construct(function () { this[kScheduler] = true; }, [], Scheduler),
};
