// node:util, as in Node.js 22. inspect and format are the runtime's port of Node's (the one
// console.log uses), here with Node's options: inspect.defaultOptions, the legacy
// (showHidden, depth, colors) arguments, formatWithOptions. That port prints no colours
// and has no `getters` or `numericSeparator` output; the options are accepted and have
// no effect. Left out: the _errnoException helpers (no system errors here), getCallSite
// and transferableAbortSignal/Controller (no transfer between threads).
"use strict";

const { nodeError, invalidArgType, invalidArgValue } = require("./internal/errors.js");
const { validateFunction, validateString, validateObject } = require("./internal/validators.js");
const types = require("node:util/types");
const { isDeepStrictEqual } = require("./internal/comparisons.js");
const { parseArgs } = require("./internal/util/parse_args.js");
const { MIMEType, MIMEParams } = require("./internal/util/mime.js");
const { parseContent } = require("./internal/util/dotenv.js");

const hasOwn = Object.prototype.hasOwnProperty;
const runtimeInspect = globalThis.__runtime.inspect.inspect;

// ------------------------------------------------------------------ inspect

const inspectDefaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

// inspect(value, options) or, the legacy form, inspect(value, showHidden, depth, colors).
function inspect(value, opts) {
  const ctx = { ...inspectDefaultOptions };
  if (arguments.length > 1) {
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === "boolean") {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of Object.keys(opts)) {
        if (hasOwn.call(inspectDefaultOptions, key)) ctx[key] = opts[key];
      }
    }
  }
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return runtimeInspect(value, ctx);
}

Object.defineProperty(inspect, "custom", {
  value: Symbol.for("nodejs.util.inspect.custom"),
  writable: true,
  enumerable: true,
  configurable: true,
});
Object.defineProperty(inspect, "defaultOptions", {
  get() {
    return inspectDefaultOptions;
  },
  set(options) {
    validateObject(options, "options");
    Object.assign(inspectDefaultOptions, options);
  },
});

// The SGR codes [open, close] of each text style (styleText's formats).
inspect.colors = Object.assign(Object.create(null), {
  reset: [0, 0],
  bold: [1, 22],
  dim: [2, 22],
  italic: [3, 23],
  underline: [4, 24],
  blink: [5, 25],
  inverse: [7, 27],
  hidden: [8, 28],
  strikethrough: [9, 29],
  doubleunderline: [21, 24],
  black: [30, 39],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
  white: [37, 39],
  bgBlack: [40, 49],
  bgRed: [41, 49],
  bgGreen: [42, 49],
  bgYellow: [43, 49],
  bgBlue: [44, 49],
  bgMagenta: [45, 49],
  bgCyan: [46, 49],
  bgWhite: [47, 49],
  framed: [51, 54],
  overlined: [53, 55],
  gray: [90, 39],
  redBright: [91, 39],
  greenBright: [92, 39],
  yellowBright: [93, 39],
  blueBright: [94, 39],
  magentaBright: [95, 39],
  cyanBright: [96, 39],
  whiteBright: [97, 39],
  bgGray: [100, 49],
  bgRedBright: [101, 49],
  bgGreenBright: [102, 49],
  bgYellowBright: [103, 49],
  bgBlueBright: [104, 49],
  bgMagentaBright: [105, 49],
  bgCyanBright: [106, 49],
  bgWhiteBright: [107, 49],
});
// Aliases: non-enumerable, reading and writing their target.
for (const [alias, target] of [
  ["grey", "gray"], ["blackBright", "gray"], ["bgGrey", "bgGray"], ["bgBlackBright", "bgGray"],
  ["faint", "dim"], ["crossedout", "strikethrough"], ["strikeThrough", "strikethrough"],
  ["crossedOut", "strikethrough"], ["conceal", "hidden"], ["swapColors", "inverse"],
  ["swapcolors", "inverse"], ["doubleUnderline", "doubleunderline"],
]) {
  Object.defineProperty(inspect.colors, alias, {
    get() {
      return this[target];
    },
    set(value) {
      this[target] = value;
    },
    configurable: true,
    enumerable: false,
  });
}
inspect.styles = Object.assign(Object.create(null), {
  special: "cyan",
  number: "yellow",
  bigint: "yellow",
  boolean: "yellow",
  undefined: "grey",
  null: "bold",
  string: "green",
  symbol: "green",
  date: "magenta",
  regexp: "red",
  module: "underline",
});

// ------------------------------------------------------------------ format

// The runtime's port of Node's formatWithOptions, inspecting with this module's inspect.
const formatWith = globalThis.__runtime.inspect.formatWith;

function format(...args) {
  return formatWith(inspect, undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || (typeof inspectOptions !== "object" && typeof inspectOptions !== "function")) {
    throw invalidArgType("inspectOptions", "object", inspectOptions);
  }
  return formatWith(inspect, inspectOptions, args);
}

// ------------------------------------------------------------------ deprecation, debuglog

const codesWarned = new Set();

// Wraps `fn` to emit a DeprecationWarning (through node:process, as Node does) on its first
// call, and only once per `code` across all deprecated functions.
function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, "code");
  let warned = false;
  function deprecated(...args) {
    if (!warned) {
      const process = require("node:process");
      if (!process.noDeprecation) {
        warned = true;
        if (code === undefined) {
          process.emitWarning(msg, "DeprecationWarning");
        } else if (!codesWarned.has(code)) {
          codesWarned.add(code);
          process.emitWarning(msg, "DeprecationWarning", code);
        }
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// Node turns sections on from the NODE_DEBUG it starts with; a context starts with none, so
// every logger is off (`enabled` false, calls do nothing). `callback` still gets the
// logger on the first call, as in Node.
function debuglog(section, callback) {
  let initialized = false;
  function logger() {
    if (!initialized) {
      initialized = true;
      if (typeof callback === "function") callback(noop);
    }
  }
  Object.defineProperty(logger, "enabled", {
    get() {
      return false;
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}
function noop() {}

// ------------------------------------------------------------------ functions

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType("ctor", "function", ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType("superCtor", "function", superCtor);
  if (superCtor.prototype === undefined) {
    throw invalidArgType("superCtor.prototype", "object", superCtor.prototype);
  }
  Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisified = Symbol.for("nodejs.util.promisify.custom");
const kCustomPromisifyArgs = Symbol.for("runtime.util.customPromisifyArgs");

// Defines a function's own property `descriptors` on `target`, each descriptor given a
// null prototype first, so that a polluted Object.prototype cannot add a get or set.
function copyOwnProperties(target, descriptors) {
  for (const desc of Object.values(descriptors)) Object.setPrototypeOf(desc, null);
  return Object.defineProperties(target, descriptors);
}

// The context's own timers have no util.promisify.custom (they are web APIs, and a
// global's properties are the same on every engine): their promise forms are Node's.
function customPromisified(original) {
  if (original === globalThis.setTimeout) return require("node:timers/promises").setTimeout;
  return original[kCustomPromisified];
}

function promisify(original) {
  validateFunction(original, "original");
  if (customPromisified(original)) {
    const fn = customPromisified(original);
    validateFunction(fn, "util.promisify.custom");
    return Object.defineProperty(fn, kCustomPromisified, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  // Node's own callback APIs with several results (crypto.generateKeyPair) name them, and
  // promisify resolves with an object of those names.
  const names = original[kCustomPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (names === undefined) return resolve(values[0]);
        const named = {};
        for (let i = 0; i < names.length; i++) named[names[i]] = values[i];
        resolve(named);
      });
      if (types.isPromise(Reflect.apply(original, this, args))) {
        require("node:process").emitWarning("Calling promisify on a function that returns a Promise is likely a mistake.",
          "DeprecationWarning", "DEP0174");
      }
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisified, { value: fn, enumerable: false, writable: false, configurable: true });
  return copyOwnProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisified;

// A promise rejected with a falsy reason reaches the callback as this error (a null or
// undefined first argument would mean success).
function falsyRejection(reason) {
  const err = nodeError(Error, "ERR_FALSY_VALUE_REJECTION", "Promise was rejected with falsy value");
  err.reason = reason;
  return err;
}

function callbackify(original) {
  validateFunction(original, "original");
  // The callback runs on a later tick (process.nextTick, as in Node), never inside the
  // promise's reactions, so what it throws is reported as uncaught rather than turned into
  // a rejection.
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, "last argument");
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => globalThis.__runtime.nextTick(cb, [null, ret]),
      (rej) => globalThis.__runtime.nextTick(cb, [rej || falsyRejection(rej)]),
    );
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === "number") descriptors.length.value++;
  if (typeof descriptors.name.value === "string") descriptors.name.value += "Callbackified";
  return copyOwnProperties(callbackified, descriptors);
}

// ------------------------------------------------------------------ strings

// ECMA-48 control sequences (CSI and OSC, colours, cursor moves, hyperlinks).
const ansi = new RegExp(
  "[\\u001B\\u009B][[\\]()#;?]*" +
  "(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*" +
  "|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?" +
  "(?:\\u0007|\\u001B\\u005C|\\u009C))" +
  "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-ntqry=><~]))",
  "g",
);

function stripVTControlCharacters(str) {
  validateString(str, "str");
  return str.replace(ansi, "");
}

function toUSVString(input) {
  return `${input}`.toWellFormed();
}

// `format` (a name of inspect.colors, or an array of them) applied with ANSI escape codes.
// Node may leave them out when options.stream is not a colour terminal; a context has no
// terminal, so the codes are always there (Node's result with validateStream: false).
// As Node 22: with validateStream (the default), colours only for a stream that is a TTY
// (none here: process.stdout is a pipe) or where FORCE_COLOR asks for them.
function styleText(format, text, { validateStream = true, stream } = {}) {
  validateString(text, "text");
  if (typeof validateStream !== "boolean") throw invalidArgType("options.validateStream", "boolean", validateStream);
  let plain = false;
  if (validateStream) {
    const process = require("node:process");
    if (stream === undefined) stream = process.stdout;
    if (stream === null || typeof stream !== "object") {
      throw invalidArgType("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
    }
    const force = process.env.FORCE_COLOR;
    plain = force !== undefined ? force === "0" || force === "false" : !stream.isTTY;
  }
  let left = "";
  let right = "";
  for (const key of Array.isArray(format) ? format : [format]) {
    const codes = inspect.colors[key];
    if (codes == null) {
      const allowed = Object.keys(inspect.colors).map((name) => `'${name}'`).join(", ");
      throw invalidArgValue("format", key, `must be one of: ${allowed}`);
    }
    left += `\u001b[${codes[0]}m`;
    right = `\u001b[${codes[1]}m${right}`;
  }
  return plain ? text : `${left}${text}${right}`;
}

// libuv's error names and messages by errno, as on Linux.
let systemErrors = null;
function getSystemErrorMap() {
  if (systemErrors === null) {
    systemErrors = new Map(require("./internal/util/system_errors.js").map(([errno, name, message]) => [errno, [name, message]]));
  }
  return new Map(systemErrors);
}
function getSystemErrorName(errno) {
  if (typeof errno !== "number") throw invalidArgType("err", "number", errno);
  if (errno >= 0 || !Number.isSafeInteger(errno)) {
    throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "err" is out of range. It must be a negative integer. Received ${errno}`);
  }
  const entry = getSystemErrorMap().get(errno);
  return entry === undefined ? `Unknown system error ${errno}` : entry[0];
}

// ------------------------------------------------------------------ aborted

// Resolves once `signal` aborts: with the abort event, or at once (with undefined) if it
// has. `resource` is the object whose work the signal cancels; the wait does not keep it
// alive.
async function aborted(signal, resource) {
  if (signal === null || typeof signal !== "object" || !("aborted" in signal)) {
    throw invalidArgType("signal", "AbortSignal", signal);
  }
  if (resource === null || (typeof resource !== "object" && typeof resource !== "function")) {
    throw invalidArgType("resource", "object", resource);
  }
  if (signal.aborted) return undefined;
  return new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
}

// The variables a .env file's content sets (see internal/util/dotenv.js).
function parseEnv(content) {
  validateString(content, "content");
  return parseContent(content);
}

// ------------------------------------------------------------------ legacy, deprecated

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n) => String(n).padStart(2, "0");

// "26 Feb 16:19:34", local time.
function timestamp() {
  const d = new Date();
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(":");
  return `${d.getDate()} ${months[d.getMonth()]} ${time}`;
}

function log(...args) {
  console.log("%s - %s", timestamp(), format(...args));
}

function _extend(target, source) {
  if (source === null || typeof source !== "object") return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

module.exports = {
  _extend: deprecate(_extend, "The `util._extend` API is deprecated. Please use Object.assign() instead.", "DEP0060"),
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  getSystemErrorMap,
  getSystemErrorName,
  formatWithOptions,
  inherits,
  inspect,
  isArray: deprecate(Array.isArray,
    "The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.", "DEP0044"),
  isBoolean: deprecate((arg) => typeof arg === "boolean",
    "The `util.isBoolean` API is deprecated.  Please use `typeof arg === \"boolean\"` instead.", "DEP0045"),
  isBuffer: deprecate((arg) => require("node:buffer").Buffer.isBuffer(arg),
    "The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` instead.", "DEP0046"),
  isDeepStrictEqual,
  isNull: deprecate((arg) => arg === null,
    "The `util.isNull` API is deprecated. Please use `arg === null` instead.", "DEP0050"),
  isNullOrUndefined: deprecate((arg) => arg === null || arg === undefined,
    "The `util.isNullOrUndefined` API is deprecated. Please use `arg === null || arg === undefined` instead.",
    "DEP0051"),
  isNumber: deprecate((arg) => typeof arg === "number",
    "The `util.isNumber` API is deprecated. Please use `typeof arg === \"number\"` instead.", "DEP0052"),
  isString: deprecate((arg) => typeof arg === "string",
    "The `util.isString` API is deprecated.  Please use `typeof arg === \"string\"` instead.", "DEP0056"),
  isSymbol: deprecate((arg) => typeof arg === "symbol",
    "The `util.isSymbol` API is deprecated.  Please use `arg === \"symbol\"` instead.", "DEP0057"),
  isUndefined: deprecate((arg) => arg === undefined,
    "The `util.isUndefined` API is deprecated. Please use `arg === undefined` instead.", "DEP0058"),
  isRegExp: deprecate(types.isRegExp,
    "The `util.isRegExp` API is deprecated. Please use `arg instanceof RegExp` instead.", "DEP0055"),
  isObject: deprecate((arg) => arg !== null && typeof arg === "object",
    "The `util.isObject` API is deprecated. Please use `arg !== null && typeof arg === \"object\"` instead.",
    "DEP0053"),
  isDate: deprecate(types.isDate,
    "The `util.isDate` API is deprecated.  Please use `arg instanceof Date` instead.", "DEP0047"),
  isError: deprecate((e) => Object.prototype.toString.call(e) === "[object Error]" || e instanceof Error,
    "The `util.isError` API is deprecated. " +
    "Please use `ObjectPrototypeToString(e) === \"[object Error]\" || e instanceof Error` instead.", "DEP0048"),
  isFunction: deprecate((arg) => typeof arg === "function",
    "The `util.isFunction` API is deprecated.  Please use `typeof arg === \"function\"` instead.", "DEP0049"),
  isPrimitive: deprecate((arg) => arg === null || (typeof arg !== "object" && typeof arg !== "function"),
    "The `util.isPrimitive` API is deprecated. " +
    "Please use `arg === null || (typeof arg !== \"object\" && typeof arg !== \"function\")` instead.", "DEP0054"),
  log: deprecate(log, "The `util.log API is deprecated. " +
    "Please use console.log() with a custom formatter or a third-party logger instead.", "DEP0059"),
  promisify,
  stripVTControlCharacters,
  toUSVString,
  aborted,
  types,
  parseEnv,
  parseArgs,
  TextDecoder: globalThis.TextDecoder,
  TextEncoder: globalThis.TextEncoder,
  MIMEType,
  MIMEParams,
};
