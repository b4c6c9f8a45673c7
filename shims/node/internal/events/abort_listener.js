// Node's AbortError and addAbortListener, shared by node:events and node:stream.
"use strict";

const { invalidArgType } = require("../errors.js");

// Node's disposal symbol: the engine's Symbol.dispose, or the registered symbol Node uses
// where the engine has none.
const SymbolDispose = Symbol.dispose ?? Symbol.for("nodejs.dispose");

// The error an aborted operation rejects with: name "AbortError", code "ABORT_ERR", the
// signal's reason as `cause`.
class AbortError extends Error {
  constructor(message = "The operation was aborted", options = undefined) {
    if (options !== undefined && typeof options !== "object") throw invalidArgType("options", "object", options);
    super(message, options);
    this.code = "ABORT_ERR";
    this.name = "AbortError";
  }
}

// Node's validateAbortSignal: undefined, or an object with an `aborted` property.
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
    throw invalidArgType(name, "AbortSignal", signal);
  }
}

// Runs `listener` once when `signal` aborts (in a microtask when it already has); the
// returned disposable removes it.
function addAbortListener(signal, listener) {
  if (signal === undefined) throw invalidArgType("signal", "AbortSignal", signal);
  validateAbortSignal(signal, "signal");
  if (typeof listener !== "function") throw invalidArgType("listener", "function", listener);
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener("abort", listener, { once: true });
    remove = () => signal.removeEventListener("abort", listener);
  }
  return {
    __proto__: null,
    [SymbolDispose]() {
      remove?.();
    },
  };
}

module.exports = { AbortError, SymbolDispose, addAbortListener, validateAbortSignal };
