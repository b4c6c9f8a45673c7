// node:timers — Node.js's setTimeout, setInterval and setImmediate, which return Timeout
// and Immediate objects (ref/unref/hasRef/refresh/close, and +timeout is a number that
// clearTimeout takes), and their clear functions. They run on the context's own timers
// (see internal/timers.js), whose global setTimeout and friends stay as they are.
"use strict";

const { invalidArgType } = require("./internal/errors.js");
const { Timeout, Immediate, insert, clearTimeout, clearImmediate } = require("./internal/timers.js");

const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

let timersPromises;
function promises() {
  timersPromises ??= require("node:timers/promises");
  return timersPromises;
}

function validateCallback(callback) {
  if (typeof callback !== "function") throw invalidArgType("callback", "function", callback);
}

// The arguments after the first `skip`, or undefined when there are none (as Node keeps them).
function restArgs(args, skip) {
  return args.length > skip ? Array.prototype.slice.call(args, skip) : undefined;
}

// The parameter lists are Node's (so each function's length is); the arguments for the
// callback are read from `arguments`.
function setTimeout(callback, after, arg1, arg2, arg3) {
  validateCallback(callback);
  const timeout = new Timeout(callback, after, restArgs(arguments, 2), false, true);
  insert(timeout);
  return timeout;
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateCallback(callback);
  const timeout = new Timeout(callback, repeat, restArgs(arguments, 2), true, true);
  insert(timeout);
  return timeout;
}

// Either kind of timer: clearTimeout and clearInterval are interchangeable, as in HTML.
function clearInterval(timer) {
  clearTimeout(timer);
}

function setImmediate(callback, arg1, arg2, arg3) {
  validateCallback(callback);
  return new Immediate(callback, restArgs(arguments, 1));
}

// util.promisify(setTimeout) and util.promisify(setImmediate) are timers/promises' own.
for (const [fn, name] of [[setTimeout, "setTimeout"], [setImmediate, "setImmediate"]]) {
  Object.defineProperty(fn, promisifyCustom, {
    enumerable: true,
    get() { return promises()[name]; },
  });
}

module.exports = { setTimeout, clearTimeout, setImmediate, clearImmediate, setInterval, clearInterval };

Object.defineProperty(module.exports, "promises", {
  configurable: true,
  enumerable: true,
  get: promises,
});
