// node:async_hooks — AsyncLocalStorage and AsyncResource, as Node's AsyncContextFrame has
// them: the async context is one immutable frame (a Map from storage to store) that the
// engine carries to every promise reaction made under it (then, await) and the runtime
// carries to the timers and ticks queued under it. An engine that cannot carry it (see
// runtime.asyncContext) refuses AsyncLocalStorage rather than hand a store to the wrong
// request. createHook's hooks are never called: there are no async resources to report.
"use strict";

const { nodeError, invalidArgType } = require("./internal/errors.js");
const { validateFunction, validateString, validateObject } = require("./internal/validators.js");

const runtime = globalThis.__runtime;
const context = runtime.asyncContext;
const current = context || (() => undefined);
const enter = runtime.enterAsyncContext || (() => {});

function withStore(frame, storage, store) {
  const next = new Map(frame);
  next.set(storage, store);
  return next;
}

function runIn(frame, fn, thisArg, args) {
  const previous = current();
  enter(frame);
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    enter(previous);
  }
}

class AsyncLocalStorage {
  #defaultValue;
  #name;

  constructor(options = {}) {
    if (context === null) {
      throw nodeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
        `AsyncLocalStorage needs an engine that carries a context across await, and ${runtime.engine} cannot: run this program on V8 (--engine v8)`);
    }
    validateObject(options, "options");
    this.#defaultValue = options.defaultValue;
    this.#name = options.name === undefined ? "" : `${options.name}`;
    runtime.carryAsyncContext();
  }

  get name() { return this.#name; }

  static bind(fn) {
    validateFunction(fn, "fn");
    return AsyncLocalStorage.snapshot().bind(undefined, fn);
  }

  // A function that runs any function in the async context of now.
  static snapshot() {
    const frame = current();
    return function runInAsyncScope(fn, ...args) {
      return runIn(frame, fn, this, args);
    };
  }

  getStore() {
    const frame = current();
    if (frame instanceof Map && frame.has(this)) return frame.get(this);
    return this.#defaultValue;
  }

  run(store, callback, ...args) {
    return runIn(withStore(current(), this, store), callback, null, args);
  }

  exit(callback, ...args) {
    return runIn(withStore(current(), this, undefined), callback, null, args);
  }

  enterWith(store) {
    enter(withStore(current(), this, store));
  }

  disable() {
    const frame = current();
    if (frame instanceof Map && frame.has(this)) {
      const next = new Map(frame);
      next.delete(this);
      enter(next);
    }
  }
}

let lastAsyncId = 1;

class AsyncResource {
  #frame;
  #type;
  #asyncId;
  #triggerAsyncId;

  constructor(type, options = {}) {
    validateString(type, "type");
    let trigger = options;
    if (typeof options === "object" && options !== null) trigger = options.triggerAsyncId;
    if (trigger !== undefined && (!Number.isSafeInteger(trigger) || trigger < -1)) {
      throw nodeError(RangeError, "ERR_INVALID_ASYNC_ID", `Invalid triggerAsyncId value: ${trigger}`);
    }
    this.#frame = current();
    this.#type = type;
    this.#asyncId = ++lastAsyncId;
    this.#triggerAsyncId = trigger === undefined ? 1 : trigger;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    return runIn(this.#frame, fn, thisArg, args);
  }

  emitDestroy() { return this; }
  asyncId() { return this.#asyncId; }
  triggerAsyncId() { return this.#triggerAsyncId; }

  bind(fn, thisArg) {
    validateFunction(fn, "fn");
    const resource = this;
    const bound = thisArg === undefined
      ? function (...args) { return resource.runInAsyncScope(fn, this, ...args); }
      : function (...args) { return resource.runInAsyncScope(fn, thisArg, ...args); };
    Object.defineProperties(bound, {
      length: { configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: { configurable: true, enumerable: true, value: this, writable: true },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    validateFunction(fn, "fn");
    type = type || fn.name || "bound-anonymous-fn";
    return new AsyncResource(type).bind(fn, thisArg);
  }
}

const HOOK_NAMES = ["init", "before", "after", "destroy", "promiseResolve"];

function createHook(callbacks) {
  if (callbacks === null || typeof callbacks !== "object") throw invalidArgType("callbacks", "Object", callbacks);
  for (const name of HOOK_NAMES) {
    if (callbacks[name] !== undefined && typeof callbacks[name] !== "function") {
      throw nodeError(TypeError, "ERR_ASYNC_CALLBACK", `hook.${name} must be a function`);
    }
  }
  return {
    enable() { return this; },
    disable() { return this; },
  };
}

const topLevelResource = {};

module.exports = {
  AsyncLocalStorage,
  AsyncResource,
  createHook,
  executionAsyncId() { return 1; },
  triggerAsyncId() { return 0; },
  executionAsyncResource() { return topLevelResource; },
  asyncWrapProviders: Object.freeze({ __proto__: null }),
};
