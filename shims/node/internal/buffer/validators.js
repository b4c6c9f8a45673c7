// The argument checks and errors of Node's buffer module (lib/internal/validators.js and
// the ERR_* codes buffer throws), with Node's message texts.
"use strict";

const { nodeError, invalidArgType } = require("../errors.js");
const { validateNumber, validateInteger, validateString, validateArray } = require("../validators.js");

// Node 22 on 64-bit machines: the largest Buffer (2 ** 53 - 1 bytes) and the longest
// string (V8's limit, also within SpiderMonkey's).
const kMaxLength = 2 ** 53 - 1;
const kStringMaxLength = 2 ** 29 - 24;

// An offset or length into a buffer: an integer in [min, max].
function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

function bufferOutOfBounds(name = undefined) {
  const message = name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds";
  return nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS", message);
}

function unknownEncoding(encoding) {
  return nodeError(TypeError, "ERR_UNKNOWN_ENCODING", globalThis.__runtime.format("Unknown encoding: %s", encoding));
}

function invalidBufferSize(bits) {
  return nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${bits}`);
}

function stringTooLong() {
  const hex = kStringMaxLength.toString(16);
  return nodeError(Error, "ERR_STRING_TOO_LONG", `Cannot create a string longer than 0x${hex} characters`);
}

// What Node's C++ side throws for an index it cannot use (a negative start, an end past
// the buffer).
function indexOutOfRange() {
  return nodeError(RangeError, "ERR_OUT_OF_RANGE", "Index out of range");
}

module.exports = {
  kMaxLength,
  kStringMaxLength,
  validateNumber,
  validateInteger,
  validateOffset,
  validateString,
  validateArray,
  bufferOutOfBounds,
  unknownEncoding,
  invalidBufferSize,
  stringTooLong,
  indexOutOfRange,
};
