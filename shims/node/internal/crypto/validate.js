// The argument checks node:crypto makes (Node's internal/validators) and its own errors,
// with Node's classes, codes and messages.
"use strict";

const { nodeError, invalidArgType, invalidArgValue, outOfRange } = require("../errors.js");

function validateString(value, name) {
  if (typeof value !== "string") throw invalidArgType(name, "string", value);
}

function validateFunction(value, name) {
  if (typeof value !== "function") throw invalidArgType(name, "function", value);
}

function validateBoolean(value, name) {
  if (typeof value !== "boolean") throw invalidArgType(name, "boolean", value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidArgType(name, "object", value);
}

function validateNumber(value, name) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  validateNumber(value, name);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

function validateInt32(value, name, min = -(2 ** 31), max = 2 ** 31 - 1) {
  validateInteger(value, name, min, max);
}

function validateUint32(value, name) {
  validateInteger(value, name, 0, 2 ** 32 - 1);
}

function validateOneOf(value, name, allowed) {
  if (!allowed.includes(value)) {
    const list = allowed.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(", ");
    throw invalidArgValue(name, value, `must be one of: ${list}`);
  }
}

const isArrayBuffer = (value) => value instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer);

// The bytes an ArrayBuffer or ArrayBufferView holds, as a Uint8Array over the same memory.
function bytesOf(value) {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

const errors = {
  hashFinalized: () => nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called"),
  invalidDigest: (name) => nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${name}`),
  invalidKeylen: () => nodeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"),
  timingSafeEqualLength: () => nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
    "Input buffers must have the same byte length"),
  scryptParams: (detail) => nodeError(RangeError, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
    detail ? `Invalid scrypt params: ${detail}` : "Invalid scrypt params"),
  scryptParameter: () => nodeError(Error, "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER", "Invalid scrypt parameter"),
  // OpenSSL refusing an output length for a digest that is not an XOF.
  notXof: () => {
    const err = nodeError(Error, "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
      "error:030000B2:digital envelope routines::not XOF or invalid length");
    err.library = "digital envelope routines";
    err.reason = "not XOF or invalid length";
    return err;
  },
};

module.exports = {
  validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger,
  validateInt32, validateUint32, validateOneOf, isArrayBuffer, bytesOf, errors,
};
