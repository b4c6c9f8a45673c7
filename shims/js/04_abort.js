// AbortController and AbortSignal (timeout, any, abort): the WHATWG DOM specification.
// Internals for EventTarget and fetch go on __runtime.abort.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, requireArgs } = runtime.webidl;
  const { reportException, defineEventHandler, fireEvent } = runtime.events;
  const setTimeout_ = globalThis.setTimeout;
  const DOMException = globalThis.DOMException;
  const Event = globalThis.Event;
  const EventTarget = globalThis.EventTarget;

  const ILLEGAL = Symbol("illegal constructor");
  let signalAbort, makeSignal, addAbortAlgorithm, removeAbortAlgorithm, isSignal;
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
      const timer = setTimeout_(() => {
        signalAbort(signal, new DOMException("The operation timed out.", "TimeoutError"));
      }, ms);
      // It keeps nothing alive (a program ends, a wait gives up without it), as in Node and Deno.
      runtime.refTimer(timer, false);
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
      isSignal = (v) => typeof v === "object" && v !== null && #aborted in v;
      addAbortAlgorithm = (signal, fn) => {
        if (!signal.#aborted) signal.#algorithms.push(fn);
      };
      removeAbortAlgorithm = (signal, fn) => {
        const at = signal.#algorithms.indexOf(fn);
        if (at >= 0) signal.#algorithms.splice(at, 1);
      };
      const runSteps = (signal) => {
        const algorithms = signal.#algorithms;
        signal.#algorithms = [];
        for (const fn of algorithms) {
          try { fn(); } catch (e) { reportException(e, true); }
        }
        fireEvent(signal, new Event("abort"));
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
  runtime.webidl.inspectAs(AbortSignal, runtime.webidl.fields(["aborted"]));
  runtime.webidl.inspectAs(AbortController, runtime.webidl.fields(["signal"]));

  defineGlobal("AbortController", AbortController);
  defineGlobal("AbortSignal", AbortSignal);

  runtime.abort = { isSignal, addAlgorithm: addAbortAlgorithm, removeAlgorithm: removeAbortAlgorithm, signalAbort };
})();
