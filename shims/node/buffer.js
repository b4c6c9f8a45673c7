// Node.js's `buffer` module: Buffer, a Uint8Array subclass with Node's encodings, number
// methods and argument checks (messages and codes as Node 22's), and the module's helpers.
//
// Each Buffer owns its memory: allocUnsafe and Buffer.from draw from no shared pool, so
// transferring `buf.buffer` (postMessage, a BYOB read) takes that buffer only. Memory is
// zeroed, as JavaScript gives it.
"use strict";

const { nodeError, invalidArgType, invalidArgValue, outOfRange, describe } = require("./internal/errors.js");
const {
  kMaxLength, kStringMaxLength, validateNumber, validateInteger, validateOffset, validateString, validateArray,
  bufferOutOfBounds, unknownEncoding, invalidBufferSize, indexOutOfRange,
} = require("./internal/buffer/validators.js");
const { normalizeEncoding, CODECS, isAsciiBytes, isUtf8Bytes } = require("./internal/buffer/codecs.js");
const { addNumberMethods } = require("./internal/buffer/numbers.js");

const runtime = globalThis.__runtime;
const { isArrayBuffer } = runtime.webidl;
const customInspect = Symbol.for("nodejs.util.inspect.custom");

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedArraySet = TypedArrayPrototype.set;
const typedArrayFill = TypedArrayPrototype.fill;
const typedArraySlice = TypedArrayPrototype.slice;
const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached").get;

function isTypedArray(value) {
  return typedArrayTag.call(value) !== undefined;
}
function isUint8Array(value) {
  return typedArrayTag.call(value) === "Uint8Array";
}
// A Uint8Array over `length` bytes of a view's memory from `start`.
function bytesOf(view, start, length) {
  return new Uint8Array(view.buffer, view.byteOffset + start, length);
}

// ---------------------------------------------------------------- the class

// The class every Buffer is made by; Buffer itself is a function (callable without `new`,
// as Node's is) that shares its prototype.
class FastBuffer extends Uint8Array {
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

// Buffer(arg[, encodingOrOffset[, length]]): Buffer.alloc for a number, else Buffer.from.
// Deprecated in Node (DEP0005) but working, with or without `new`.
function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === "number") {
    if (typeof encodingOrOffset === "string") throw invalidArgType("string", "string", arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
Object.setPrototypeOf(Buffer, Uint8Array);
// Typed array methods that make a new array (map, filter, subarray of Uint8Array) make Buffers.
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, enumerable: false, configurable: true });

// Node's pool size, kept for code that reads or sets it (see the file's head: no pool).
Buffer.poolSize = 8 * 1024;

// ---------------------------------------------------------------- making buffers

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === "string") return fromString(value, encodingOrOffset);
  if (typeof value === "object" && value !== null) {
    if (isArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === "string" || typeof valueOf === "object")) {
      return from(valueOf, encodingOrOffset, length);
    }
    const made = fromObject(value);
    if (made) return made;
    if (typeof value[Symbol.toPrimitive] === "function") {
      const primitive = value[Symbol.toPrimitive]("string");
      if (typeof primitive === "string") return fromString(primitive, encodingOrOffset);
    }
  }
  throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
    "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array " +
    `or an Array-like Object.${describe(value)}`);
};

// Strings that may take up to 3 bytes per code unit fit here: encoded here first, they
// are copied into a buffer of their exact length.
const SCRATCH_UNITS = 1024;
const scratch = new Uint8Array(SCRATCH_UNITS * 3);

function fromString(string, encoding) {
  const name = !encoding || typeof encoding !== "string" ? "utf8" : normalizeEncoding(encoding);
  if (name === undefined) throw unknownEncoding(encoding);
  if (string.length === 0) return new FastBuffer();
  const codec = CODECS[name];
  if (name === "utf8" && string.length <= SCRATCH_UNITS) {
    const buf = new FastBuffer(codec.write(scratch, string, 0, scratch.length));
    typedArraySet.call(buf, bytesOf(scratch, 0, buf.length));
    return buf;
  }
  const buf = new FastBuffer(codec.byteLength(string));
  const written = codec.write(buf, string, 0, buf.length);
  return written < buf.length ? new FastBuffer(buf.buffer, 0, written) : buf;
}

function fromArrayBuffer(arrayBuffer, byteOffset, length) {
  byteOffset = byteOffset === undefined ? 0 : +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = 0;
  const maxLength = arrayBuffer.byteLength - byteOffset;
  if (maxLength < 0) throw bufferOutOfBounds("offset");
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw bufferOutOfBounds("length");
    } else {
      length = 0;
    }
  }
  return new FastBuffer(arrayBuffer, byteOffset, length);
}

function fromArrayLike(arrayLike) {
  if (arrayLike.length <= 0) return new FastBuffer();
  const buf = new FastBuffer(arrayLike.length);
  typedArraySet.call(buf, arrayLike, 0);
  return buf;
}

// An array, a typed array (its elements modulo 256), an array-like, or the
// {type: "Buffer", data} that toJSON makes; undefined for other objects.
function fromObject(object) {
  if (object.length !== undefined || isArrayBuffer(object.buffer)) {
    if (typeof object.length !== "number") return new FastBuffer();
    return fromArrayLike(object);
  }
  if (object.type === "Buffer" && Array.isArray(object.data)) return fromArrayLike(object.data);
  return undefined;
}

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw invalidArgType("view", ["TypedArray"], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, "offset", 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    const end = length !== undefined ? (validateInteger(length, "length", 0), offset + length) : viewLength;
    view = typedArraySlice.call(view, offset, end);
  }
  return fromArrayLike(bytesOf(view, 0, view.byteLength));
};

// Buffer.of(...items), as Uint8Array.of but making a Buffer (an arrow: not a constructor).
Buffer.of = (...items) => {
  const buf = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) buf[i] = items[i];
  return buf;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, "size", 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return fillBuffer(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return new FastBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return new FastBuffer(size);
};

// SlowBuffer(size): Buffer.allocUnsafeSlow under its old name (deprecated, DEP0030).
function SlowBuffer(size) {
  validateNumber(size, "size", 0, kMaxLength);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

// ---------------------------------------------------------------- static helpers

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw invalidArgType("buf1", ["Buffer", "Uint8Array"], buf1);
  if (!isUint8Array(buf2)) throw invalidArgType("buf2", ["Buffer", "Uint8Array"], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === "string" && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

Buffer.concat = function concat(list, length) {
  validateArray(list, "list");
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) if (list[i].length) length += list[i].length;
  } else {
    validateOffset(length, "length");
  }
  const buffer = new FastBuffer(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw invalidArgType(`list[${i}]`, ["Buffer", "Uint8Array"], buf);
    pos += copyBytes(buf, buffer, pos, 0, buf.length);
  }
  return buffer;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== "string") {
    if (ArrayBuffer.isView(string) || isArrayBuffer(string)) return string.byteLength;
    throw invalidArgType("string", ["string", "Buffer", "ArrayBuffer"], string);
  }
  if (string.length === 0) return 0;
  const name = !encoding ? "utf8" : normalizeEncoding(`${encoding}`);
  // An unknown encoding counts as utf8, as in Node.
  return (CODECS[name] || CODECS.utf8).byteLength(string);
};

// ---------------------------------------------------------------- copying and comparing

// Copies source[sourceStart, sourceEnd) to target at targetStart, as much as fits; returns
// the count. Overlapping memory copies as if through a temporary copy.
function copyBytes(source, target, targetStart, sourceStart, sourceEnd) {
  const count = Math.min(sourceEnd - sourceStart, target.length - targetStart, source.length - sourceStart);
  if (count <= 0) return 0;
  const part = sourceStart !== 0 || count < source.length ? bytesOf(source, sourceStart, count) : source;
  typedArraySet.call(target, part, targetStart);
  return count;
}

// Node's toInteger: a number that is a safe integer after flooring, else `fallback`.
function toInteger(n, fallback) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
  return fallback;
}

// -1, 0 or 1 as a[aStart, aEnd) sorts before, with or after b[bStart, bEnd), bytewise.
function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i], y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  const aLength = aEnd - aStart, bLength = bEnd - bStart;
  return aLength > bLength ? 1 : aLength < bLength ? -1 : 0;
}

// ---------------------------------------------------------------- searching

// Node's start for indexOf (forward) or lastIndexOf: an offset inside the haystack, or -1
// when no match can be; negative offsets count from the end.
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  return forward ? -1 : length - 1;
}

// The first (forward) or last match of needle in haystack at or after (before) `from`,
// comparing units of `unit` bytes (1, or 2 for UTF-16) at offsets that are multiples of
// it; haystackLength bytes of haystack take part. Returns haystackLength when none.
function searchBytes(haystack, haystackLength, needle, from, forward, unit) {
  const last = haystackLength - needle.length;
  if (last < 0) return haystackLength;
  const first = needle[0];
  let i = forward ? from - (from % unit) : Math.min(from - (from % unit), last - (last % unit));
  while (i >= 0 && i <= last) {
    i = forward ? typedArrayIndexOf.call(haystack, first, i) : typedArrayLastIndexOf.call(haystack, first, i);
    if (i === -1 || i > last) break;
    if (i % unit !== 0) i += forward ? 1 : -1; // an odd offset: on to the next even one
    else if (matchesAt(haystack, needle, i)) return i;
    else i += forward ? unit : -unit;
  }
  return haystackLength;
}
function matchesAt(haystack, needle, at) {
  for (let j = 1; j < needle.length; j++) if (haystack[at + j] !== needle[j]) return false;
  return true;
}

// Node's IndexOfBuffer/IndexOfString: in UTF-16 only whole code units at even offsets
// match (a string needle searches the haystack's even length; a buffer needle the whole
// length, where "not found" in an odd-length haystack reads as its last even offset, as
// in Node).
function indexOfBytes(buffer, needle, byteOffset, utf16, forward, evenHaystack) {
  const haystackLength = utf16 && evenHaystack ? buffer.length & ~1 : buffer.length;
  const from = searchStart(haystackLength, byteOffset, needle.length, forward);
  if (needle.length === 0) return from;
  if (haystackLength === 0 || from <= -1) return -1;
  if ((forward && needle.length + from > haystackLength) || needle.length > haystackLength) return -1;
  let result;
  if (utf16) {
    if (haystackLength < 2 || needle.length < 2) return -1;
    const evenNeedle = bytesOf(needle, 0, needle.length & ~1);
    result = searchBytes(buffer, haystackLength & ~1, evenNeedle, from, forward, 2);
  } else {
    result = searchBytes(buffer, haystackLength, needle, from, forward, 1);
  }
  return result === haystackLength ? -1 : result;
}

function indexOfNumber(buffer, value, byteOffset, forward) {
  const from = searchStart(buffer.length, byteOffset, 1, forward);
  if (from <= -1 || buffer.length === 0) return -1;
  const byte = value & 0xff;
  return forward ? typedArrayIndexOf.call(buffer, byte, from) : typedArrayLastIndexOf.call(buffer, byte, from);
}
const typedArrayIndexOf = TypedArrayPrototype.indexOf;
const typedArrayLastIndexOf = TypedArrayPrototype.lastIndexOf;

// The bytes a string needle is searched as, in the codec's encoding.
function needleBytes(string, name) {
  if (name === "utf8") return fromString(string, "utf8");
  const codec = CODECS[name];
  const bytes = new Uint8Array(codec.byteLength(string));
  return bytesOf(bytes, 0, codec.write(bytes, string, 0, bytes.length));
}

function bidirectionalIndexOf(buffer, value, byteOffset, encoding, forward) {
  if (!ArrayBuffer.isView(buffer)) throw invalidArgType("buffer", ["Buffer", "TypedArray", "DataView"], buffer);
  if (typeof byteOffset === "string") {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset; // null and [] become 0
  // undefined, "foo" and {} become NaN: search the whole buffer
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buffer.length || buffer.byteLength;
  byteOffset = Math.trunc(byteOffset);
  const bytes = bytesOf(buffer, 0, buffer.byteLength);
  if (typeof value === "number") return indexOfNumber(bytes, value >>> 0, byteOffset, forward);
  const name = encoding === undefined ? "utf8" : getEncoding(encoding);
  if (typeof value === "string") {
    if (name === undefined) throw unknownEncoding(encoding);
    return indexOfBytes(bytes, needleBytes(value, name), byteOffset, name === "utf16le", forward, true);
  }
  if (isUint8Array(value)) return indexOfBytes(bytes, value, byteOffset, name === "utf16le", forward, false);
  throw invalidArgType("value", ["number", "string", "Buffer", "Uint8Array"], value);
}

// Node's getEncodingOps: like normalizeEncoding, but "" and non-strings other than those
// whose string form names one are unknown.
function getEncoding(encoding) {
  const text = `${encoding}`;
  return text === "" ? undefined : normalizeEncoding(text);
}

// ---------------------------------------------------------------- filling

// Node's _fill: buf[offset, end) filled with a number (its low byte), a string in an
// encoding, a view's bytes, or another value's number; offset may be the encoding instead.
function fillBuffer(buf, value, offset, end, encoding) {
  if (typeof value === "string") {
    if (offset === undefined || typeof offset === "string") {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === "string") {
      encoding = end;
      end = buf.length;
    }
    const name = normalizeEncoding(encoding);
    if (name === undefined) {
      validateString(encoding, "encoding");
      throw unknownEncoding(encoding);
    }
    if (value.length === 0) {
      value = 0; // an empty string fills with zeros
    } else if (value.length === 1) {
      // One byte: fill with its number.
      const code = value.charCodeAt(0);
      if ((name === "utf8" && code < 0x80) || name === "latin1") value = code;
    }
    encoding = name;
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, "offset");
    // Invalid ranges are not set to a default, so can range check early.
    if (end === undefined) end = buf.length;
    else validateOffset(end, "end", 0, buf.length);
    if (offset >= end) return buf;
  }
  if (typeof value === "number") {
    typedArrayFill.call(buf, value, offset, end);
    return buf;
  }
  if (ArrayBuffer.isView(value)) {
    const bytes = bytesOf(value, 0, value.byteLength);
    if (bytes.length === 0) throw invalidArgValue("value", value);
    return repeat(buf, bytes, offset, end);
  }
  if (typeof value !== "string") {
    // Any other value fills with its number's low byte.
    typedArrayFill.call(buf, +value & 0xff, offset, end);
    return buf;
  }
  return fillString(buf, value, offset, end, encoding);
}

// A string fills as its bytes in the encoding repeated; utf8 and utf16le may end in part
// of a character, the others in whole bytes of what the string decodes to (none: an error).
function fillString(buf, string, offset, end, name) {
  let bytes;
  if (name === "utf8" || name === "utf16le") {
    bytes = fromString(string, name);
  } else {
    const written = CODECS[name].write(buf, string, offset, end - offset);
    if (written === 0) throw invalidArgValue("value", string);
    bytes = bytesOf(buf, offset, written);
  }
  return repeat(buf, bytes, offset, end);
}

// Fills buf[offset, end) with bytes, repeated.
function repeat(buf, bytes, offset, end) {
  const length = end - offset;
  if (bytes.length >= length) {
    typedArraySet.call(buf, bytesOf(bytes, 0, length), offset);
    return buf;
  }
  if (bytes.buffer !== buf.buffer || bytes.byteOffset !== buf.byteOffset + offset) typedArraySet.call(buf, bytes, offset);
  let filled = bytes.length;
  while (filled < length) {
    const count = Math.min(filled, length - filled);
    buf.copyWithin(offset + filled, offset, offset + count);
    filled += count;
  }
  return buf;
}

// ---------------------------------------------------------------- prototype

const proto = Buffer.prototype;

function defineMethods(target, methods) {
  for (const name of Reflect.ownKeys(methods)) {
    Object.defineProperty(target, name, { value: methods[name], writable: true, enumerable: true, configurable: true });
  }
}

// Node's ParseArrayIndex for its C++ methods: undefined is `fallback`; a negative index
// throws.
function arrayIndex(value, fallback) {
  if (value === undefined) return fallback;
  const index = Math.trunc(+value) || 0;
  if (index < 0) throw indexOutOfRange();
  return index;
}

// The <encoding>Slice(start, end) and <encoding>Write(string, offset, length) methods
// Node's Buffer has (undocumented; some packages call them), with Node's checks.
function sliceMethod(codec) {
  return function (start, end) {
    if (this.length === 0) return "";
    start = arrayIndex(start, 0);
    end = arrayIndex(end, this.length);
    if (end < start) end = start;
    if (end > this.length) throw indexOutOfRange();
    return codec.slice(this, start, end);
  };
}
function writeMethod(codec) {
  return function (string, offset, length) {
    if (typeof string !== "string") throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
    offset = arrayIndex(offset, 0);
    if (offset > this.length) throw bufferOutOfBounds("offset");
    const max = Math.min(this.length - offset, arrayIndex(length, this.length - offset));
    return max === 0 ? 0 : codec.write(this, string, offset, max);
  };
}
const codecMethods = {};
for (const [prefix, name] of [["utf8", "utf8"], ["ucs2", "utf16le"], ["latin1", "latin1"], ["ascii", "ascii"],
  ["base64", "base64"], ["base64url", "base64url"], ["hex", "hex"]]) {
  codecMethods[`${prefix}Slice`] = sliceMethod(CODECS[name]);
  codecMethods[`${prefix}Write`] = writeMethod(CODECS[name]);
}
defineMethods(proto, codecMethods);
addNumberMethods(proto);

// For backwards compatibility: buf.parent is buf.buffer, buf.offset is buf.byteOffset.
Object.defineProperty(proto, "parent", {
  enumerable: true,
  get() { return this instanceof Buffer ? this.buffer : undefined; },
});
Object.defineProperty(proto, "offset", {
  enumerable: true,
  get() { return this instanceof Buffer ? this.byteOffset : undefined; },
});

// Node's adjustOffset for subarray: negative counts from the end, then clamps to [0, length].
function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return Number.isNaN(offset) ? 0 : length;
}

function swapBytes(buf, size) {
  for (let i = 0; i < buf.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}

let INSPECT_MAX_BYTES = 50;
// The util.inspect options a custom inspect passes on (its context holds internal state too).
const INSPECT_OPTIONS = ["showHidden", "depth", "colors", "customInspect", "showProxy", "maxArrayLength", "maxStringLength",
  "sorted", "getters", "numericSeparator"];

// util.inspect shows "<Buffer 68 69>": INSPECT_MAX_BYTES bytes at most, then the
// own properties that are not indexes.
function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const remaining = this.length - max;
  let text = CODECS.hex.slice(this, 0, Math.min(max, this.length)).replace(/(.{2})/g, "$1 ").trim();
  if (remaining > 0) text += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
  if (ctx) {
    const extras = { __proto__: null };
    let any = false;
    const keys = ctx.showHidden ? Reflect.ownKeys(this) : Object.keys(this).concat(enumerableSymbols(this));
    for (const key of keys) {
      if (typeof key === "symbol" || !/^(0|[1-9][0-9]*)$/.test(key)) {
        extras[key] = this[key];
        any = true;
      }
    }
    if (any) {
      if (this.length !== 0) text += ", ";
      // "[Object: null prototype] {".length is 26
      const options = { breakLength: Infinity, compact: true };
      for (const name of INSPECT_OPTIONS) if (ctx[name] !== undefined) options[name] = ctx[name];
      text += runtime.inspect.inspect(extras, options).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${text}>`;
}
function enumerableSymbols(object) {
  return Object.getOwnPropertySymbols(object).filter((s) => Object.prototype.propertyIsEnumerable.call(object, s));
}

defineMethods(proto, {
  copy(target, targetStart, sourceStart, sourceEnd) {
    if (!isUint8Array(this)) throw invalidArgType("source", ["Buffer", "Uint8Array"], this);
    if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
    if (targetStart === undefined) {
      targetStart = 0;
    } else {
      targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
      if (targetStart < 0) throw outOfRange("targetStart", ">= 0", targetStart);
    }
    if (sourceStart === undefined) {
      sourceStart = 0;
    } else {
      sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
      if (sourceStart < 0 || sourceStart > this.length) {
        throw outOfRange("sourceStart", `>= 0 && <= ${this.length}`, sourceStart);
      }
    }
    if (sourceEnd === undefined) {
      sourceEnd = this.length;
    } else {
      sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
      if (sourceEnd < 0) throw outOfRange("sourceEnd", ">= 0", sourceEnd);
    }
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    return copyBytes(this, target, targetStart, sourceStart, sourceEnd);
  },

  // toString([encoding[, start[, end]]]): start and end clamp to the buffer.
  toString(encoding, start, end) {
    if (arguments.length === 0) return CODECS.utf8.slice(this, 0, this.length);
    const length = this.length;
    if (start <= 0) start = 0;
    else if (start >= length) return "";
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > length) end = length;
    else end = Math.trunc(end) || 0;
    if (end <= start) return "";
    const name = encoding === undefined ? "utf8" : getEncoding(encoding);
    if (name === undefined) throw unknownEncoding(encoding);
    return CODECS[name].slice(this, start, end);
  },

  equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType("otherBuffer", ["Buffer", "Uint8Array"], otherBuffer);
    if (this === otherBuffer) return true;
    if (this.byteLength !== otherBuffer.byteLength) return false;
    return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
  },

  compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType("target", ["Buffer", "Uint8Array"], target);
    if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
    if (targetStart === undefined) targetStart = 0;
    else validateOffset(targetStart, "targetStart");
    if (targetEnd === undefined) targetEnd = target.length;
    else validateOffset(targetEnd, "targetEnd", 0, target.length);
    if (sourceStart === undefined) sourceStart = 0;
    else validateOffset(sourceStart, "sourceStart");
    if (sourceEnd === undefined) sourceEnd = this.length;
    else validateOffset(sourceEnd, "sourceEnd", 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  },

  indexOf(value, byteOffset, encoding) {
    return bidirectionalIndexOf(this, value, byteOffset, encoding, true);
  },
  lastIndexOf(value, byteOffset, encoding) {
    return bidirectionalIndexOf(this, value, byteOffset, encoding, false);
  },
  includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  },

  // fill(value[, offset[, end]][, encoding])
  fill(value, offset, end, encoding) {
    return fillBuffer(this, value, offset, end, encoding);
  },

  // write(string[, offset[, length]][, encoding])
  write(string, offset, length, encoding) {
    if (offset === undefined) return this.utf8Write(string, 0, this.length);
    if (length === undefined && typeof offset === "string") {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, "offset", 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) {
        length = remaining;
      } else if (typeof length === "string") {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, "length", 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding || encoding === "utf8") return this.utf8Write(string, offset, length);
    const name = getEncoding(encoding);
    if (name === undefined) throw unknownEncoding(encoding);
    return codecMethods[`${name === "utf16le" ? "ucs2" : name}Write`].call(this, string, offset, length);
  },

  toJSON() {
    // The runtime's encoder, which JSON.stringify asks first, sends the bytes themselves.
    if (globalThis.__runtime.encodingBytes) return this;
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: "Buffer", data };
  },

  // subarray and slice share memory with this buffer.
  subarray(start, end) {
    const length = this.length;
    start = adjustOffset(start, length);
    end = end !== undefined ? adjustOffset(end, length) : length;
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
  },
  slice(start, end) {
    return this.subarray(start, end);
  },

  swap16() {
    if (this.length % 2 !== 0) throw invalidBufferSize("16-bits");
    return swapBytes(this, 2);
  },
  swap32() {
    if (this.length % 4 !== 0) throw invalidBufferSize("32-bits");
    return swapBytes(this, 4);
  },
  swap64() {
    if (this.length % 8 !== 0) throw invalidBufferSize("64-bits");
    return swapBytes(this, 8);
  },

  [customInspect]: inspect,
});
Object.defineProperty(proto, "toLocaleString", { value: proto.toString, writable: true, enumerable: true, configurable: true });
Object.defineProperty(proto, "inspect", { value: inspect, writable: true, enumerable: true, configurable: true });

// ---------------------------------------------------------------- module helpers

// The bytes of isUtf8's and isAscii's input: a typed array or an ArrayBuffer, not detached.
function checkBytesInput(input) {
  if (!isTypedArray(input) && !isArrayBuffer(input)) {
    throw invalidArgType("input", ["ArrayBuffer", "Buffer", "TypedArray"], input);
  }
  const arrayBuffer = isArrayBuffer(input) ? input : input.buffer;
  if (arrayBufferDetached.call(arrayBuffer)) {
    throw nodeError(Error, "ERR_INVALID_STATE", "Cannot validate on a detached buffer");
  }
  return isArrayBuffer(input) ? new Uint8Array(input) : bytesOf(input, 0, input.byteLength);
}

// isUtf8(input): whether the bytes are well-formed UTF-8.
function isUtf8(input) {
  return isUtf8Bytes(checkBytesInput(input));
}

// isAscii(input): whether every byte is below 0x80.
function isAscii(input) {
  return isAsciiBytes(checkBytesInput(input));
}

const constants = Object.defineProperties({}, {
  MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
  MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
});

module.exports = {
  Buffer,
  SlowBuffer,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa: globalThis.btoa,
  atob: globalThis.atob,
};
// The context's Blob and File load with the web streams they need: read on first use, so
// the many modules that only want Buffer do not pay for them.
for (const name of ["Blob", "File"]) {
  Object.defineProperty(module.exports, name, {
    configurable: true,
    enumerable: true,
    get() { return globalThis[name]; },
    set(value) { Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true }); },
  });
}
Object.defineProperties(module.exports, {
  constants: { configurable: false, enumerable: true, value: constants },
  INSPECT_MAX_BYTES: {
    configurable: true,
    enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(value) {
      validateNumber(value, "INSPECT_MAX_BYTES", 0);
      INSPECT_MAX_BYTES = value;
    },
  },
});
