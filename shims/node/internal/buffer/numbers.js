// Buffer's number methods (read/write of integers of 1 to 6 bytes, 64-bit bigints, floats
// and doubles, little- and big-endian), with Node's checks in Node's order: a method of
// one of these takes `offset` (default 0) and throws ERR_INVALID_ARG_TYPE for one that is
// not a number, ERR_OUT_OF_RANGE for one that is not an integer or leaves too few bytes
// (ERR_BUFFER_OUT_OF_BOUNDS when the buffer is shorter than the value), and a write first
// checks the value's range (for 1 byte: the offset's type first).
"use strict";

const { invalidArgType, outOfRange } = require("../errors.js");
const { validateNumber, bufferOutOfBounds } = require("./validators.js");

function boundsError(value, length, type = undefined) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw outOfRange(type || "offset", "an integer", value);
  }
  if (length < 0) throw bufferOutOfBounds();
  throw outOfRange(type || "offset", `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// That bytes [offset, offset + size) exist.
function checkBounds(buf, offset, size) {
  validateNumber(offset, "offset");
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
}

// That `value` lies in [min, max] (Node words ranges of more than 4 bytes as powers of 2),
// then that the bytes exist.
function checkInt(value, min, max, buf, offset, size) {
  if (value > max || value < min) {
    const n = typeof min === "bigint" ? "n" : "";
    let range;
    if (size > 4) {
      const bits = size * 8;
      range = min === 0 || min === 0n ? `>= 0${n} and < 2${n} ** ${bits}${n}`
        : `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw outOfRange("value", range, value);
  }
  checkBounds(buf, offset, size);
}

// readUIntLE and friends take a byteLength of 1 to 6 and no default offset.
function checkVariable(offset, byteLength) {
  if (offset === undefined) throw invalidArgType("offset", "number", offset);
  checkByteLength(byteLength);
}
function checkByteLength(byteLength) {
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 && byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength, 6, "byteLength");
  }
}

// ---------------------------------------------------------------- integers

function readUnsigned(buf, offset, size, littleEndian) {
  checkBounds(buf, offset, size);
  let value = 0;
  if (littleEndian) for (let i = size - 1; i >= 0; i--) value = value * 256 + buf[offset + i];
  else for (let i = 0; i < size; i++) value = value * 256 + buf[offset + i];
  return value;
}

function readSigned(buf, offset, size, littleEndian) {
  const value = readUnsigned(buf, offset, size, littleEndian);
  const half = 2 ** (size * 8 - 1);
  return value >= half ? value - half * 2 : value;
}

// Bytes 0-3 come from the value taken modulo 2 ** 32, bytes 4-5 from its multiples of 2 ** 32.
function writeInteger(buf, value, offset, size, min, max, littleEndian) {
  value = +value;
  if (size === 1) {
    validateNumber(offset, "offset");
    if (value > max || value < min) throw outOfRange("value", `>= ${min} and <= ${max}`, value);
    if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  } else {
    checkInt(value, min, max, buf, offset, size);
  }
  const high = Math.floor(value * 2 ** -32);
  for (let i = 0; i < size; i++) {
    buf[littleEndian ? offset + i : offset + size - 1 - i] = i < 4 ? value >>> (8 * i) : high >>> (8 * (i - 4));
  }
  return offset + size;
}

// [min, max] of an integer of `size` bytes, unsigned or signed.
function unsignedRange(size) {
  return [0, 2 ** (size * 8) - 1];
}
function signedRange(size) {
  return [-(2 ** (size * 8 - 1)), 2 ** (size * 8 - 1) - 1];
}

function writeUnsigned(buf, value, offset, size, littleEndian) {
  const [min, max] = unsignedRange(size);
  return writeInteger(buf, value, offset, size, min, max, littleEndian);
}
function writeSigned(buf, value, offset, size, littleEndian) {
  const [min, max] = signedRange(size);
  return writeInteger(buf, value, offset, size, min, max, littleEndian);
}

// ---------------------------------------------------------------- bigints

function readBigUnsigned(buf, offset, littleEndian) {
  checkBounds(buf, offset, 8);
  const high = readUnsignedUnchecked(buf, littleEndian ? offset + 4 : offset, littleEndian);
  const low = readUnsignedUnchecked(buf, littleEndian ? offset : offset + 4, littleEndian);
  return (BigInt(high) << 32n) + BigInt(low);
}
function readBigSigned(buf, offset, littleEndian) {
  checkBounds(buf, offset, 8);
  const high = readUnsignedUnchecked(buf, littleEndian ? offset + 4 : offset, littleEndian) | 0;
  const low = readUnsignedUnchecked(buf, littleEndian ? offset : offset + 4, littleEndian);
  return (BigInt(high) << 32n) + BigInt(low);
}
function readUnsignedUnchecked(buf, offset, littleEndian) {
  return littleEndian
    ? buf[offset] + buf[offset + 1] * 2 ** 8 + buf[offset + 2] * 2 ** 16 + buf[offset + 3] * 2 ** 24
    : buf[offset] * 2 ** 24 + buf[offset + 1] * 2 ** 16 + buf[offset + 2] * 2 ** 8 + buf[offset + 3];
}

function writeBig(buf, value, offset, min, max, littleEndian) {
  checkInt(value, min, max, buf, offset, 8);
  const low = Number(value & 0xffffffffn);
  const high = Number((value >> 32n) & 0xffffffffn);
  for (let i = 0; i < 8; i++) {
    buf[littleEndian ? offset + i : offset + 7 - i] = i < 4 ? low >>> (8 * i) : high >>> (8 * (i - 4));
  }
  return offset + 8;
}
const U64 = [0n, 0xffffffffffffffffn];
const I64 = [-0x8000000000000000n, 0x7fffffffffffffffn];

// ---------------------------------------------------------------- floats

const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
float32[0] = -1; // 0xbf800000
const hostLittleEndian = float32Bytes[3] === 0xbf;

// Copies `size` bytes between buf at offset and the scratch bytes, reversed when the
// byte orders differ.
function copyToScratch(scratch, buf, offset, size, littleEndian) {
  const same = littleEndian === hostLittleEndian;
  for (let i = 0; i < size; i++) scratch[same ? i : size - 1 - i] = buf[offset + i];
}
function copyFromScratch(scratch, buf, offset, size, littleEndian) {
  const same = littleEndian === hostLittleEndian;
  for (let i = 0; i < size; i++) buf[offset + i] = scratch[same ? i : size - 1 - i];
}

function readFloat(buf, offset, littleEndian) {
  checkBounds(buf, offset, 4);
  copyToScratch(float32Bytes, buf, offset, 4, littleEndian);
  return float32[0];
}
function readDouble(buf, offset, littleEndian) {
  checkBounds(buf, offset, 8);
  copyToScratch(float64Bytes, buf, offset, 8, littleEndian);
  return float64[0];
}
function writeFloat(buf, value, offset, littleEndian) {
  value = +value;
  checkBounds(buf, offset, 4);
  float32[0] = value;
  copyFromScratch(float32Bytes, buf, offset, 4, littleEndian);
  return offset + 4;
}
function writeDouble(buf, value, offset, littleEndian) {
  value = +value;
  checkBounds(buf, offset, 8);
  float64[0] = value;
  copyFromScratch(float64Bytes, buf, offset, 8, littleEndian);
  return offset + 8;
}

// ---------------------------------------------------------------- methods

const methods = {
  readUInt8(offset = 0) { return readUnsigned(this, offset, 1, true); },
  readUInt16LE(offset = 0) { return readUnsigned(this, offset, 2, true); },
  readUInt16BE(offset = 0) { return readUnsigned(this, offset, 2, false); },
  readUInt32LE(offset = 0) { return readUnsigned(this, offset, 4, true); },
  readUInt32BE(offset = 0) { return readUnsigned(this, offset, 4, false); },
  readUIntLE(offset, byteLength) {
    checkVariable(offset, byteLength);
    return readUnsigned(this, offset, byteLength, true);
  },
  readUIntBE(offset, byteLength) {
    checkVariable(offset, byteLength);
    return readUnsigned(this, offset, byteLength, false);
  },
  readInt8(offset = 0) { return readSigned(this, offset, 1, true); },
  readInt16LE(offset = 0) { return readSigned(this, offset, 2, true); },
  readInt16BE(offset = 0) { return readSigned(this, offset, 2, false); },
  readInt32LE(offset = 0) { return readSigned(this, offset, 4, true); },
  readInt32BE(offset = 0) { return readSigned(this, offset, 4, false); },
  readIntLE(offset, byteLength) {
    checkVariable(offset, byteLength);
    return readSigned(this, offset, byteLength, true);
  },
  readIntBE(offset, byteLength) {
    checkVariable(offset, byteLength);
    return readSigned(this, offset, byteLength, false);
  },
  readBigUInt64LE(offset = 0) { return readBigUnsigned(this, offset, true); },
  readBigUInt64BE(offset = 0) { return readBigUnsigned(this, offset, false); },
  readBigInt64LE(offset = 0) { return readBigSigned(this, offset, true); },
  readBigInt64BE(offset = 0) { return readBigSigned(this, offset, false); },
  readFloatLE(offset = 0) { return readFloat(this, offset, true); },
  readFloatBE(offset = 0) { return readFloat(this, offset, false); },
  readDoubleLE(offset = 0) { return readDouble(this, offset, true); },
  readDoubleBE(offset = 0) { return readDouble(this, offset, false); },

  writeUInt8(value, offset = 0) { return writeUnsigned(this, value, offset, 1, true); },
  writeUInt16LE(value, offset = 0) { return writeUnsigned(this, value, offset, 2, true); },
  writeUInt16BE(value, offset = 0) { return writeUnsigned(this, value, offset, 2, false); },
  writeUInt32LE(value, offset = 0) { return writeUnsigned(this, value, offset, 4, true); },
  writeUInt32BE(value, offset = 0) { return writeUnsigned(this, value, offset, 4, false); },
  writeUIntLE(value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeUnsigned(this, value, offset, byteLength, true);
  },
  writeUIntBE(value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeUnsigned(this, value, offset, byteLength, false);
  },
  writeInt8(value, offset = 0) { return writeSigned(this, value, offset, 1, true); },
  writeInt16LE(value, offset = 0) { return writeSigned(this, value, offset, 2, true); },
  writeInt16BE(value, offset = 0) { return writeSigned(this, value, offset, 2, false); },
  writeInt32LE(value, offset = 0) { return writeSigned(this, value, offset, 4, true); },
  writeInt32BE(value, offset = 0) { return writeSigned(this, value, offset, 4, false); },
  writeIntLE(value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeSigned(this, value, offset, byteLength, true);
  },
  writeIntBE(value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeSigned(this, value, offset, byteLength, false);
  },
  writeBigUInt64LE(value, offset = 0) { return writeBig(this, value, offset, U64[0], U64[1], true); },
  writeBigUInt64BE(value, offset = 0) { return writeBig(this, value, offset, U64[0], U64[1], false); },
  writeBigInt64LE(value, offset = 0) { return writeBig(this, value, offset, I64[0], I64[1], true); },
  writeBigInt64BE(value, offset = 0) { return writeBig(this, value, offset, I64[0], I64[1], false); },
  writeFloatLE(value, offset = 0) { return writeFloat(this, value, offset, true); },
  writeFloatBE(value, offset = 0) { return writeFloat(this, value, offset, false); },
  writeDoubleLE(value, offset = 0) { return writeDouble(this, value, offset, true); },
  writeDoubleBE(value, offset = 0) { return writeDouble(this, value, offset, false); },
};

// Puts the methods on `proto`, each "UInt" one also under its "Uint" alias
// (readUint16LE, writeBigUint64BE, ...).
function addNumberMethods(proto) {
  for (const name of Object.keys(methods)) {
    const desc = { value: methods[name], writable: true, enumerable: true, configurable: true };
    Object.defineProperty(proto, name, desc);
    if (name.includes("UInt")) Object.defineProperty(proto, name.replace("UInt", "Uint"), desc);
  }
}

module.exports = { addNumberMethods };
