// Node.js's `process` as a module (`import process from "node:process"`), never a global:
// a context is a sandbox with no view of the host process. What it has is what a program
// may know of itself: its arguments, the mode it runs in, its clock, and the process-wide
// events Node code listens to. Nothing here reads or changes the host (no exit, no chdir,
// no real pid; stdout and stderr are the console's).
"use strict";

const EventEmitter = require("node:events");
const { nodeError, invalidArgType } = require("./internal/errors.js");

const runtime = globalThis.__runtime;
const NODE_VERSION = "22.12.0";

// The mode every module reads as `process.env.NODE_ENV`: this line is rewritten to the
// same string by the module transform, so the two always agree.
const mode = process.env.NODE_ENV;

const proc = new EventEmitter();

// process.env holds strings only, as Node's does: assignment converts, as there. It starts
// with the string bindings a server was given (`runtime serve --env`), then NODE_ENV.
function makeEnv() {
  const store = Object.create(null);
  const bindings = runtime.processEnv || {};
  for (const key of Object.keys(bindings)) {
    if (typeof bindings[key] === "string") store[key] = bindings[key];
  }
  store.NODE_ENV = mode;
  return new Proxy(store, {
    set(target, key, value) {
      if (typeof key === "symbol") return Reflect.set(target, key, value);
      target[key] = String(value);
      return true;
    },
    defineProperty(target, key, desc) {
      if ("get" in desc || "set" in desc || desc.configurable === false || desc.writable === false
          || desc.enumerable === false) {
        throw nodeError(TypeError, "ERR_INVALID_OBJECT_DEFINE_PROPERTY",
          "'process.env' only accepts a configurable, writable, and enumerable data descriptor");
      }
      target[key] = String(desc.value);
      return true;
    },
  });
}

function nextTick(callback, ...args) {
  if (typeof callback !== "function") throw invalidArgType("callback", "function", callback);
  runtime.nextTick(callback, args);
}

const NS_PER_MS = 1e6;

function hrtime(previous) {
  const now = performance.timeOrigin + performance.now();
  let seconds = Math.floor(now / 1e3);
  let nanos = Math.round((now - seconds * 1e3) * NS_PER_MS);
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw invalidArgType("time", "Array", previous);
    if (previous.length !== 2) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "time" is out of range. It must be 2. Received ${previous.length}`);
    }
    seconds -= previous[0];
    nanos -= previous[1];
    if (nanos < 0) {
      seconds -= 1;
      nanos += 1e9;
    }
  }
  return [seconds, nanos];
}
hrtime.bigint = function bigint() {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * NS_PER_MS));
};

function emitWarning(warning, type, code) {
  let options = {};
  if (type !== null && typeof type === "object") {
    options = type;
    type = options.type;
    code = options.code;
  }
  if (typeof warning === "string") {
    warning = new Error(warning);
    warning.name = typeof type === "string" ? type : "Warning";
    if (code !== undefined) warning.code = code;
    if (options.detail !== undefined) warning.detail = options.detail;
  } else if (!(warning instanceof Error)) {
    throw invalidArgType("warning", ["Error", "string"], warning);
  }
  runtime.nextTick(() => {
    if (proc.listenerCount("warning") === 0) {
      const prefix = warning.code ? `[${warning.code}] ` : "";
      const detail = warning.detail ? `\n${warning.detail}` : "";
      console.error(`(runtime) ${prefix}${warning.name}: ${warning.message}${detail}`);
    }
    proc.emit("warning", warning);
  }, []);
}

const started = performance.now();

// process.exit(code) ends a program `runtime run` runs, as in Node: "exit" listeners run,
// then nothing more of it (the host stops the script). Elsewhere (an embedded context,
// runtime serve) nothing may end the host process: it throws.
// The exit status: `exitCode` where the program set one (the host keeps its low byte).
function exitStatus() {
  return Number(proc.exitCode) || 0;
}
function exit(code) {
  if (code !== undefined && code !== null) proc.exitCode = code;
  if (runtime.endProgram(exitStatus, () => proc.emit("exit", exitStatus())) === false) {
    throw nodeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
      "process.exit() ends only a program run by `runtime run`; here nothing may end the host process: return or throw instead");
  }
}

// process.stdout and process.stderr: Writable streams whose text goes where console.log
// and console.error go, as written (no line break added), as Node's pipes (not TTYs).
// Made on first use (they load node:stream).
function stdio(fd, level) {
  const { Writable } = require("node:stream");
  const decoder = new TextDecoder();
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, callback) {
      if (typeof chunk === "string" && encoding !== "utf8" && encoding !== "utf-8" && encoding !== "buffer") {
        chunk = require("node:buffer").Buffer.from(chunk, encoding); // write("68690a", "hex")
      }
      const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (text !== "") runtime.log(level, text);
      callback();
    },
  });
  stream.fd = fd; // not a TTY: no isTTY, as Node's pipes have none
  stream._type = "pipe";
  stream.hasColors = () => false;
  stream.getColorDepth = () => 1;
  stream._isStdio = true; // a pipe into it does not end it (see readable.js)
  stream.destroySoon = stream.destroy;
  return stream;
}
const streams = {};
for (const [name, fd, level] of [["stdout", 1, "stdout"], ["stderr", 2, "stderr"]]) {
  Object.defineProperty(proc, name, {
    configurable: true,
    enumerable: true,
    get() { return streams[name] || (streams[name] = stdio(fd, level)); },
  });
}

Object.assign(proc, {
  title: "runtime",
  version: `v${NODE_VERSION}`,
  versions: { node: NODE_VERSION },
  release: { name: "node" },
  platform: "linux",
  arch: "x64",
  execPath: "runtime",
  argv0: "runtime",
  argv: ["runtime", runtime.main || "", ...(globalThis.scriptArgs || [])],
  execArgv: [],
  env: makeEnv(),
  exitCode: undefined,
  // As bundlers' process shims have it: modules resolve for the browser here, and code that
  // reads this (TypeScript, debug) then keeps away from the file system and the network.
  browser: true,
  features: {},
  nextTick,
  hrtime,
  emitWarning,
  cwd() { return "/"; },
  exit,
  uptime() { return (performance.now() - started) / 1e3; },
});

// `runtime run` ends a program as Node does: "beforeExit" once nothing is pending (true
// when listeners ran: they may have scheduled more), then "exit"; the exit status.
runtime.programEnd = {
  beforeExit() {
    if (!proc.listenerCount("beforeExit")) return false;
    proc.emit("beforeExit", exitStatus());
    return true;
  },
  exit() {
    runtime.markExiting();
    proc.emit("exit", exitStatus());
    runtime.discardTicks();
    return exitStatus();
  },
  // An error nobody caught ends the program: "exit" with code 1, as in Node.
  fatal() {
    runtime.markExiting();
    proc.exitCode = 1;
    proc.emit("exit", 1);
    runtime.discardTicks();
  },
  status: exitStatus,
};

// What nobody caught, as Node reports it: "uncaughtException" (error, origin) and
// "unhandledRejection" (reason, promise), when listened to, take over from the global
// "error" and "unhandledrejection" events' default (the log; the end of a program
// `runtime run` runs). A rejection with no "unhandledRejection" listener goes to
// "uncaughtException" listeners, origin "unhandledRejection", as in Node.
function uncaught(error, origin) {
  proc.emit("uncaughtExceptionMonitor", error, origin);
  proc.emit("uncaughtException", error, origin);
}
globalThis.addEventListener("error", (event) => {
  if (proc.listenerCount("uncaughtException") === 0) return;
  event.preventDefault();
  uncaught(event.error, "uncaughtException");
});
globalThis.addEventListener("unhandledrejection", (event) => {
  if (proc.listenerCount("unhandledRejection") !== 0) {
    event.preventDefault();
    proc.emit("unhandledRejection", event.reason, event.promise);
  } else if (proc.listenerCount("uncaughtException") !== 0) {
    event.preventDefault();
    uncaught(event.reason, "unhandledRejection");
  }
});
globalThis.addEventListener("rejectionhandled", (event) => proc.emit("rejectionHandled", event.promise));

module.exports = proc;
