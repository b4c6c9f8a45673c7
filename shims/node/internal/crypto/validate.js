// The argument checks node:crypto makes (Node's internal/validators) and its own errors,
// with Node's classes, codes and messages.
"use strict";

const { Buffer } = require("node:buffer");
const { nodeError, invalidArgType, invalidArgValue } = require("../errors.js");
const { validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger } = require("../validators.js");

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

// A string (in `encoding`), ArrayBuffer or view as bytes; else ERR_INVALID_ARG_TYPE.
function getArrayBufferOrView(value, name, encoding = undefined) {
  if (isArrayBuffer(value) || ArrayBuffer.isView(value)) return bytesOf(value);
  if (typeof value === "string") return bytesOf(Buffer.from(value, encoding === "buffer" ? "utf8" : encoding));
  throw invalidArgType(name, ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"], value);
}

// An error as Node throws it from its native side: `code` set, but not in the error's name
// line as nodeError puts it.
function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

// An error of OpenSSL's as Node throws it: a plain Error whose message is OpenSSL's error
// string (`id` is the packed error code in hex), with its library, reason and Node's code.
function opensslError(id, library, reason, code) {
  const err = new Error(`error:${id}:${library}::${reason}`);
  err.library = library;
  err.reason = reason;
  err.code = code;
  return err;
}

// What a feature of Node's needs and this runtime lacks, as Node reports a missing feature.
function unavailable(feature) {
  return nodeError(TypeError, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
    `The feature ${feature} is unavailable on the current platform, which is being used to run Node.js`);
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
  notXof: () => opensslError("030000B2", "digital envelope routines", "not XOF or invalid length",
    "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH"),
  invalidKeyObjectType: (type, expected) => nodeError(TypeError, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
    `Invalid key object type ${type}, expected ${expected}.`),
  incompatibleKeyOptions: (encoding, problem) => nodeError(Error, "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
    `The selected key encoding ${encoding} ${problem}.`),
  invalidJwk: () => nodeError(TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK data"),
  invalidJwkEc: () => nativeError(TypeError, "ERR_CRYPTO_INVALID_JWK", "Invalid JWK EC key"),
  jwkUnsupportedKeyType: () => nodeError(Error, "ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE", "Unsupported JWK Key Type."),
  missingPassphrase: () => nativeError(TypeError, "ERR_MISSING_PASSPHRASE", "Passphrase required for encrypted key"),
  cryptoKey: () => unavailable("CryptoKey as a key of node:crypto's synchronous functions"),
};

module.exports = {
  validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger,
  validateInt32, validateUint32, validateOneOf, isArrayBuffer, bytesOf, getArrayBufferOrView, nativeError, opensslError,
  unavailable, errors,
};
