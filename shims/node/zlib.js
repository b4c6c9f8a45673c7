// node:zlib: deflate, inflate, gzip, gunzip, raw deflate and unzip, as Transform streams
// (createGzip) and as whole-buffer functions (gzipSync, and gzip with a callback), to Node
// 22's documentation. zlib itself runs on the host (runtime/node_zlib.py) through the sync
// host call every engine gives the runtime's own operations; a stream is a host stream
// until it ends or is destroyed. Brotli is not here (the host's zlib has no brotli), so
// code that looks for createBrotliCompress falls back as it would without it.
"use strict";

const { Buffer, kMaxLength } = require("node:buffer");
const { Transform, finished } = require("node:stream");
const { nodeError, invalidArgType, outOfRange } = require("./internal/errors.js");
const { validateFunction } = require("./internal/validators.js");
const { nextTick } = require("node:process");
const { toBuffer, releaser, answerLater } = require("./internal/host_objects.js");

const runtime = globalThis.__runtime;
const host = runtime.syncHost ? runtime.hostFunction("nodezlib") : undefined;

// A zlib error as Node gives it: a plain Error with zlib's errno and code.
function zlibError(code, errno, message) {
  if (code === "ERR_BUFFER_TOO_LARGE") return nodeError(RangeError, code, message);
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  return err;
}

function call(op, ...args) {
  if (host === undefined) {
    throw nodeError(TypeError, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", "The feature zlib is unavailable on the " +
      "current platform, which is being used to run Node.js");
  }
  const answer = host(op, ...args);
  if (answer.error) throw zlibError(...answer.error);
  return answer.ok;
}


// ------------------------------------------------------------------ constants
const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: 0,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16 * 1024,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};
if (host !== undefined) {
  // The host's zlib version as zlib's ZLIB_VERNUM writes it ("1.3.1" is 0x1310).
  const [major, minor, patch] = call("version").split(".").map(Number);
  constants.ZLIB_VERNUM = (major << 12) | (minor << 8) | ((patch || 0) << 4);
}
Object.freeze(constants);

const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const [name, value] of Object.entries({ ...codes })) codes[value] = name;
Object.freeze(codes);

// ------------------------------------------------------------------ options
// Node's checkRangesOrGetDefault: an option that is undefined (or NaN) takes its default; a
// non-number is a TypeError, a number out of range a RangeError.
function ranged(options, name, lower, upper, fallback) {
  const value = options[name];
  if (value === undefined || Number.isNaN(value)) return fallback;
  if (typeof value !== "number") throw invalidArgType(`options.${name}`, "number", value);
  if (!Number.isFinite(value) && !(upper === Infinity && value === Infinity)) {
    throw outOfRange(`options.${name}`, "a finite number", value);
  }
  if (value < lower || value > upper) {
    throw outOfRange(`options.${name}`, upper === Infinity ? `>= ${lower}` : `>= ${lower} and <= ${upper}`, value);
  }
  return value;
}

const INFLATING = new Set(["inflate", "gunzip", "unzip", "inflateraw"]);

// The options as checked and defaulted, and the part the host takes.
function checkOptions(mode, opts) {
  const options = opts ?? {};
  const c = constants;
  const checked = {
    chunkSize: ranged(options, "chunkSize", c.Z_MIN_CHUNK, c.Z_MAX_CHUNK, c.Z_DEFAULT_CHUNK),
    flush: ranged(options, "flush", c.Z_NO_FLUSH, c.Z_BLOCK, c.Z_NO_FLUSH),
    finishFlush: ranged(options, "finishFlush", c.Z_NO_FLUSH, c.Z_BLOCK, c.Z_FINISH),
    maxOutputLength: ranged(options, "maxOutputLength", 1, kMaxLength, kMaxLength),
  };
  // An inflater may take its window from the header (0); gzip needs at least 9, as Node says.
  const lowestWindow = INFLATING.has(mode) && mode !== "inflateraw" && options.windowBits === 0 ? 0
    : mode === "gzip" ? 9 : c.Z_MIN_WINDOWBITS;
  const hostOptions = {
    windowBits: ranged(options, "windowBits", lowestWindow, c.Z_MAX_WINDOWBITS, c.Z_DEFAULT_WINDOWBITS),
    level: ranged(options, "level", c.Z_MIN_LEVEL, c.Z_MAX_LEVEL, c.Z_DEFAULT_COMPRESSION),
    memLevel: ranged(options, "memLevel", c.Z_MIN_MEMLEVEL, c.Z_MAX_MEMLEVEL, c.Z_DEFAULT_MEMLEVEL),
    strategy: ranged(options, "strategy", c.Z_DEFAULT_STRATEGY, c.Z_FIXED, c.Z_DEFAULT_STRATEGY),
  };
  if (options.dictionary !== undefined) {
    const dictionary = options.dictionary;
    if (!ArrayBuffer.isView(dictionary) && !(dictionary instanceof ArrayBuffer)) {
      throw invalidArgType("options.dictionary", ["Buffer", "TypedArray", "DataView", "ArrayBuffer"], dictionary);
    }
    hostOptions.dictionary = ArrayBuffer.isView(dictionary)
      ? new Uint8Array(dictionary.buffer, dictionary.byteOffset, dictionary.byteLength) : new Uint8Array(dictionary);
  }
  return { ...checked, hostOptions };
}

// ------------------------------------------------------------------ streams
const kError = Symbol("kError");
const kFlushFlag = Symbol("kFlushFlag");

// Flush flags by strength: a flush asked for while ending never weakens the final one.
const FLUSH_ORDER = [0, 1, 2, 3, 5, 4];
const stronger = (a, b) => (FLUSH_ORDER.indexOf(a) > FLUSH_ORDER.indexOf(b) ? a : b);

const closedError = () => zlibError("ERR_ZLIB_BINDING_CLOSED", undefined, "zlib binding closed");

// The native handle a Node zlib stream holds as `_handle`: a host stream. Packages that
// drive it directly (pngjs) use writeSync, zlib's own contract: at most out_len bytes into
// `out`, then `_writeState` holds [avail_out, avail_in] as Node's does.
// A host stream whose JS stream was collected unclosed (never ended, never read to its
// end) is closed on the host.
const unclosed = releaser((id) => call("close", id));

class ZlibHandle {
  constructor(owner, mode, options) {
    this.owner = owner;
    this.mode = mode;
    this.options = options;
    this.open();
  }

  open() {
    this.id = call("open", this.mode, this.options);
    unclosed.register(this, this.id, this);
  }

  writeSync(flush, input, inOff, inLen, out, outOff, outLen) {
    const owner = this.owner;
    if (this.id === null) throw closedError();
    let answer;
    try {
      answer = call("write_into", this.id, input ? input.subarray(inOff, inOff + inLen) : new Uint8Array(0), flush, outLen);
    } catch (error) {
      unclosed.unregister(this);
      this.id = null;
      owner._hadError = true;
      owner[kError] = error;
      owner.emit("error", error);
      return;
    }
    const [bytes, availIn] = answer;
    out.set(bytes, outOff);
    owner._writeState[0] = outLen - bytes.byteLength;
    owner._writeState[1] = availIn;
  }

  close() {
    if (this.id === null) return;
    unclosed.unregister(this);
    try { call("close", this.id); } catch (_) { /* the context is closing */ }
    this.id = null;
  }

  reset() {
    this.close();
    this.open();
  }
}

// Node's ZlibBase, a function constructor as Node's is (subclasses call it with .call).
function ZlibBase(opts, mode) {
  const checked = checkOptions(mode, opts);
  Transform.call(this, { autoDestroy: true, ...opts });
  this[kError] = null;
  this._handle = new ZlibHandle(this, mode, checked.hostOptions);
  this._writeState = new Uint32Array(2);
  this._outBuffer = Buffer.allocUnsafe(checked.chunkSize);
  this._outOffset = 0;
  this._chunkSize = checked.chunkSize;
  this._defaultFlushFlag = checked.flush;
  this._finishFlushFlag = checked.finishFlush;
  this._defaultFullFlushFlag = constants.Z_FULL_FLUSH;
  this._info = opts && opts.info;
  this._maxOutputLength = checked.maxOutputLength;
  this._level = checked.hostOptions.level;
  this._strategy = checked.hostOptions.strategy;
  this.bytesWritten = 0;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, "_closed", {
  get() { return this._handle === null || this._handle.id === null; },
  configurable: true,
});

ZlibBase.prototype._transform = function _transform(chunk, encoding, callback) {
  const handle = this._handle;
  if (handle === null || handle.id === null) {
    callback(closedError());
    return;
  }
  let flush = this._defaultFlushFlag;
  if (typeof chunk[kFlushFlag] === "number") flush = chunk[kFlushFlag];
  else if (this.writableEnded && this.writableLength === chunk.byteLength) flush = stronger(flush, this._finishFlushFlag);
  const data = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
  let out;
  try {
    out = toBuffer(call("write", handle.id, data, flush));
  } catch (error) {
    unclosed.unregister(handle);
    handle.id = null;
    callback(error);
    return;
  }
  this.bytesWritten += data.byteLength;
  // Node works on its thread pool and hands the output over in a later task: no 'data'
  // within write() or flush(), and 'finish' before the last 'data' and 'end'.
  globalThis.__runtime.task(() => {
    if (this.destroyed) return;
    const size = this._chunkSize;
    for (let at = 0; at < out.length; at += size) this.push(out.subarray(at, Math.min(out.length, at + size)));
    callback();
  });
};

ZlibBase.prototype._flush = function _flush(callback) {
  this._transform(Buffer.alloc(0), "", callback);
};

// As Node's: 'finish' does not wait for the final flush (which then ends the readable side).
ZlibBase.prototype._final = function _final(callback) {
  callback();
};

ZlibBase.prototype._destroy = function _destroy(error, callback) {
  if (this._handle !== null) this._handle.close();
  callback(error);
};

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === "function" || (kind === undefined && !callback)) {
    callback = kind;
    kind = this._defaultFullFlushFlag;
  }
  if (this.writableFinished) {
    if (callback) nextTick(callback);
  } else if (this.writableEnded) {
    if (callback) this.once("end", callback);
  } else {
    const chunk = Buffer.alloc(0);
    chunk[kFlushFlag] = kind;
    this.write(chunk, "", callback);
  }
};

ZlibBase.prototype.params = function params() {
  throw nodeError(TypeError, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", "The feature zlib params() is unavailable " +
    "on the current platform, which is being used to run Node.js");
};

ZlibBase.prototype.reset = function reset() {
  if (this._closed) throw closedError();
  this._handle.reset();
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) finished(this, callback);
  this.destroy();
};

const MODES = [
  ["Deflate", "deflate"], ["Inflate", "inflate"], ["Gzip", "gzip"], ["Gunzip", "gunzip"],
  ["DeflateRaw", "deflateraw"], ["InflateRaw", "inflateraw"], ["Unzip", "unzip"],
];

const classes = {};
for (const [name, mode] of MODES) {
  // Callable without `new`, and by subclasses with .call, as Node's are.
  const Class = {
    [name]: function (opts) {
      if (!(this instanceof Class)) return new Class(opts);
      ZlibBase.call(this, opts, mode);
    },
  }[name];
  Object.setPrototypeOf(Class.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(Class, ZlibBase);
  classes[name] = Class;
}

// ------------------------------------------------------------------ whole buffers
function inputBuffer(buffer) {
  if (typeof buffer === "string") return Buffer.from(buffer);
  if (ArrayBuffer.isView(buffer)) return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  throw invalidArgType("buffer", ["string", "Buffer", "TypedArray", "DataView", "ArrayBuffer"], buffer);
}

function bufferSync(mode, buffer, opts) {
  const data = inputBuffer(buffer);
  const checked = checkOptions(mode, opts);
  const limit = checked.maxOutputLength < kMaxLength ? checked.maxOutputLength : null;
  const out = call("once", mode, checked.hostOptions, data, checked.finishFlush, INFLATING.has(mode) ? limit : null);
  if (out.byteLength > checked.maxOutputLength) {
    throw nodeError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${checked.maxOutputLength} bytes`);
  }
  return toBuffer(out);
}

// The callback form answers in a later task, as from Node's thread pool; bad arguments and
// options throw at once, as Node's do.
function bufferAsync(mode, buffer, opts, callback) {
  if (typeof opts === "function") {
    callback = opts;
    opts = {};
  }
  const data = inputBuffer(buffer);
  checkOptions(mode, opts);
  validateFunction(callback, "callback");
  answerLater(callback, () => bufferSync(mode, data, opts));
}

function crc32(data, value = 0) {
  if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
    throw invalidArgType("data", ["Buffer", "TypedArray", "DataView", "string"], data);
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    if (typeof value !== "number") throw invalidArgType("value", "number", value);
    throw outOfRange("value", ">= 0 and <= 4294967295", value);
  }
  return call("crc32", inputBuffer(data), value);
}

// In Node's order of exports.
const zlib = { crc32, ...classes };
for (const name of ["Deflate", "Gzip", "DeflateRaw", "Unzip", "Inflate", "Gunzip", "InflateRaw"]) {
  const lower = name[0].toLowerCase() + name.slice(1);
  const mode = name.toLowerCase();
  zlib[lower] = (buffer, opts, callback) => bufferAsync(mode, buffer, opts, callback);
  zlib[`${lower}Sync`] = (buffer, opts) => bufferSync(mode, buffer, opts);
}
for (const name of ["Deflate", "Inflate", "DeflateRaw", "InflateRaw", "Gzip", "Gunzip", "Unzip"]) {
  zlib[`create${name}`] = (options) => new classes[name](options);
}
zlib.constants = constants;
zlib.codes = codes;
// Node's legacy top-level constants (not enumerable).
for (const [name, value] of Object.entries(constants)) {
  if (/^(Z_|ZLIB_|DEFLATE|INFLATE|GZIP|GUNZIP|UNZIP)/.test(name)) {
    Object.defineProperty(zlib, name, { value, enumerable: false, writable: false, configurable: false });
  }
}

module.exports = zlib;
