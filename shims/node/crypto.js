// node:crypto. In pure JS, as Node's own JS does: hashes (MD5, SHA-1, SHA-2) and HMAC,
// incremental; PBKDF2, HKDF and scrypt; random bytes, integers and UUIDs (from the context's
// CSPRNG, crypto.getRandomValues); KeyObjects (secret keys, and public and private keys read
// and written in PEM, DER and JWK); timingSafeEqual; webcrypto. On the host, OpenSSL's,
// through a sync host call (./internal/crypto/host.js): signatures, ciphers, key pairs, RSA
// encryption, key agreement, encrypted private keys. The callback forms answer later as
// Node's do: in a task, as from Node's thread pool (randomInt from its cache in a microtask,
// as by process.nextTick); pbkdf2() runs on the host (crypto.subtle) for the SHA digests it
// has.
"use strict";

const { Buffer, kMaxLength } = require("node:buffer");
const { NAMES: ENCODING_NAMES } = require("./internal/buffer/codecs.js");
const { nodeError, invalidArgType, invalidArgValue, outOfRange } = require("./internal/errors.js");
const { HASH_NAMES, lookup, lookupAny } = require("./internal/crypto/hash.js");
const { LargeDigest, digestOnce } = require("./internal/crypto/large_digest.js");
const { toBuffer } = require("./internal/host_objects.js");
const kdf = require("./internal/crypto/kdf.js");
const constants = require("./internal/crypto/constants.js");
const LazyTransform = require("./internal/crypto/lazy_transform.js");
const {
  validateString, validateFunction, validateBoolean, validateObject, validateNumber, validateInteger,
  validateInt32, validateUint32, isArrayBuffer, bytesOf, getArrayBufferOrView, errors,
} = require("./internal/crypto/validate.js");
const {
  KeyObject, createSecretKey, createPublicKey, createPrivateKey, prepareSecretKey, isKeyObject, sameBytes,
  generateKeyPair, generateKeyPairSync,
} = require("./internal/crypto/keys.js");
const { Sign, Verify, createSign, createVerify, sign, verify } = require("./internal/crypto/sign.js");
const { Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers } = require("./internal/crypto/cipher.js");
const {
  publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman,
} = require("./internal/crypto/public_key.js");
const { ECDH, createECDH } = require("./internal/crypto/ecdh.js");

const runtime = globalThis.__runtime;
const kHandle = Symbol("kHandle");
const kState = Symbol("kState");

// A callback's answer in a later task, as from Node's thread pool.
function later(callback, ...args) {
  runtime.task(() => callback(...args));
}

// ------------------------------------------------------------------ encodings

// Node's normalizeEncoding: undefined (and null) mean utf8; an unknown name, undefined.
function normalizeEncoding(encoding) {
  if (encoding == null) return "utf8";
  return typeof encoding === "string" ? ENCODING_NAMES[encoding.toLowerCase()] : undefined;
}

// What Node's native side makes of an encoding argument: a known name, "buffer", or else
// `fallback`.
function parseEncoding(encoding, fallback) {
  if (typeof encoding !== "string") return fallback;
  const lower = encoding.toLowerCase();
  return lower === "buffer" ? "buffer" : ENCODING_NAMES[lower] ?? fallback;
}

// A digest in the encoding asked for, or a Buffer (no encoding, "buffer", or an unknown one).
function encodeOutput(bytes, encoding) {
  const buf = toBuffer(bytes);
  const parsed = encoding ? parseEncoding(`${encoding}`, "buffer") : "buffer";
  return parsed === "buffer" ? buf : buf.toString(parsed);
}

// Data to hash: a string in `encoding` (utf8 for unknown names), or a view's bytes.
function dataBytes(data, encoding) {
  if (typeof data !== "string") return bytesOf(data);
  const parsed = parseEncoding(encoding, "utf8");
  return Buffer.from(data, parsed === "buffer" ? "utf8" : parsed);
}

// hash.update()'s checks: a string (of even length for hex) or a view.
function updateBytes(data, encoding) {
  if (typeof data === "string") {
    if (normalizeEncoding(encoding) === "hex" && data.length % 2 !== 0) {
      throw invalidArgValue("encoding", encoding, `is invalid for data of length ${data.length}`);
    }
  } else if (!ArrayBuffer.isView(data)) {
    throw invalidArgType("data", ["string", "Buffer", "TypedArray", "DataView"], data);
  }
  return dataBytes(data, encoding);
}

// ------------------------------------------------------------------ Hash
// The algorithm of an HMAC or a key derivation.
function digestAlgorithm(name) {
  const algo = lookup(name);
  if (algo === undefined) throw errors.invalidDigest(name);
  return algo;
}

// Hash and Hmac are also Transform streams (set up on first use): what is written is
// hashed, and the digest is read at the end.
function Hash(algorithm, options) {
  if (!new.target) return new Hash(algorithm, options);
  // copy() passes the Digest to copy.
  const isCopy = algorithm instanceof LargeDigest;
  if (!isCopy) validateString(algorithm, "algorithm");
  const outputLength = typeof options === "object" && options !== null ? options.outputLength : undefined;
  if (outputLength !== undefined) validateUint32(outputLength, "options.outputLength");
  const algo = isCopy ? algorithm.algo : lookupAny(algorithm);
  if (algo === undefined) throw new Error("Digest method not supported");
  // None of these digests is an XOF: an output length must be the digest's own.
  if (outputLength !== undefined && outputLength !== algo.size) throw errors.notXof();
  this[kHandle] = isCopy ? algorithm.copy() : new LargeDigest(algo);
  this[kState] = { finalized: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState].finalized) throw errors.hashFinalized();
  return new Hash(this[kHandle], options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  this[kHandle].update(dataBytes(chunk, encoding));
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(toBuffer(this[kHandle].digest()));
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kState].finalized) throw errors.hashFinalized();
  this[kHandle].update(updateBytes(data, encoding));
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state.finalized) throw errors.hashFinalized();
  const bytes = this[kHandle].digest();
  state.finalized = true;
  return encodeOutput(bytes, outputEncoding);
};

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

// crypto.hash(): a one-shot digest, hex unless another output encoding is named.
function hash(algorithm, input, outputEncoding = "hex") {
  validateString(algorithm, "algorithm");
  if (typeof input !== "string" && !ArrayBuffer.isView(input)) {
    throw invalidArgType("input", ["Buffer", "TypedArray", "DataView", "string"], input);
  }
  let normalized = outputEncoding;
  if (outputEncoding !== "hex") {
    validateString(outputEncoding, "outputEncoding");
    normalized = normalizeEncoding(outputEncoding);
    if (normalized === undefined) {
      if (outputEncoding.toLowerCase() !== "buffer") throw invalidArgValue("outputEncoding", outputEncoding);
      normalized = "buffer";
    }
  }
  const algo = lookupAny(algorithm);
  if (algo === undefined) throw new Error(`Digest method ${algorithm} is not supported`);
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : bytesOf(input);
  return encodeOutput(digestOnce(algo, bytes), normalized);
}

// ------------------------------------------------------------------ Hmac
function getStringOption(options, key) {
  let value;
  if (options && (value = options[key]) != null) validateString(value, `options.${key}`);
  return value;
}

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, "hmac");
  const bytes = prepareSecretKey(key, getStringOption(options, "encoding"));
  const algo = lookupAny(hmac);
  if (algo === undefined) throw errors.invalidDigest(hmac);
  this[kHandle] = new LargeDigest(algo, bytes);
  this[kState] = { finalized: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

Hmac.prototype.update = Hash.prototype.update;
Hmac.prototype._transform = Hash.prototype._transform;
Hmac.prototype._flush = Hash.prototype._flush;

// A second digest() gives an empty digest, as in Node.
Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state.finalized) {
    const empty = Buffer.alloc(0);
    return outputEncoding && outputEncoding !== "buffer" ? empty.toString(outputEncoding) : empty;
  }
  const bytes = this[kHandle].digest();
  state.finalized = true;
  return encodeOutput(bytes, outputEncoding);
};

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

// ------------------------------------------------------------------ random
const kMaxPossibleLength = Math.min(kMaxLength, 2 ** 31 - 1);

// The context's CSPRNG, in getRandomValues' 64 KiB steps.
function fillRandom(bytes) {
  for (let i = 0; i < bytes.length; i += 65536) globalThis.crypto.getRandomValues(bytes.subarray(i, i + 65536));
}

function assertOffset(offset, elementSize, length) {
  validateNumber(offset, "offset");
  offset *= elementSize;
  const maxLength = Math.min(length, kMaxPossibleLength);
  if (Number.isNaN(offset) || offset > maxLength || offset < 0) throw outOfRange("offset", `>= 0 && <= ${maxLength}`, offset);
  return offset >>> 0;
}

function assertSize(size, elementSize, offset, length) {
  validateNumber(size, "size");
  size *= elementSize;
  if (Number.isNaN(size) || size > kMaxPossibleLength || size < 0) {
    throw outOfRange("size", `>= 0 && <= ${kMaxPossibleLength}`, size);
  }
  if (size + offset > length) throw outOfRange("size + offset", `<= ${length}`, size + offset);
  return size >>> 0;
}

function validateRandomTarget(buf) {
  if (!isArrayBuffer(buf) && !ArrayBuffer.isView(buf)) throw invalidArgType("buf", ["ArrayBuffer", "ArrayBufferView"], buf);
}

function randomBytes(size, callback) {
  size = assertSize(size, 1, 0, Infinity);
  if (callback !== undefined) validateFunction(callback, "callback");
  const buf = Buffer.alloc(size);
  if (callback === undefined) {
    fillRandom(buf);
    return buf;
  }
  randomFill(buf, 0, size, callback);
}

function randomFillSync(buf, offset = 0, size = undefined) {
  validateRandomTarget(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  offset = assertOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
  fillRandom(bytesOf(buf).subarray(offset, offset + size));
  return buf;
}

// Node's rules for the optional offset and size: a missing size is given in elements
// (buf.length), a given one too.
function randomFill(buf, offset, size, callback) {
  validateRandomTarget(buf);
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  if (typeof offset === "function") {
    callback = offset;
    offset = 0;
    size = buf.length;
  } else if (typeof size === "function") {
    callback = size;
    size = buf.length - offset;
  } else {
    validateFunction(callback, "callback");
  }
  offset = assertOffset(offset, elementSize, buf.byteLength);
  size = size === undefined ? buf.byteLength - offset : assertSize(size, elementSize, offset, buf.byteLength);
  if (size === 0) {
    callback(null, buf);
    return;
  }
  fillRandom(bytesOf(buf).subarray(offset, offset + size));
  later(callback, null, buf);
}

// randomInt draws 48-bit integers (rejection sampling: no modulo bias) from a cache of
// random bytes; the callback form waits a task for a refill when the cache is empty.
const RAND_MAX = 0xffff_ffff_ffff;
const intCache = new Uint8Array(6 * 1024);
let intCacheOffset = intCache.length;
let intRefill = null; // the callers waiting for a refill in progress

function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === "undefined" || typeof max === "function";
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === "undefined";
  if (!isSync) validateFunction(callback, "callback");
  if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
  if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
  if (max <= min) throw outOfRange("max", `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? "" : " - min"}`, `<= ${RAND_MAX}`, range);
  const randLimit = RAND_MAX - (RAND_MAX % range);
  while (isSync || intCacheOffset < intCache.length) {
    if (intCacheOffset === intCache.length) {
      fillRandom(intCache);
      intCacheOffset = 0;
    }
    const c = intCache, o = intCacheOffset;
    const x = (c[o] * 2 ** 40) + (c[o + 1] * 2 ** 32) + (((c[o + 2] << 24) | (c[o + 3] << 16) | (c[o + 4] << 8) | c[o + 5]) >>> 0);
    intCacheOffset += 6;
    if (x < randLimit) {
      const n = (x % range) + min;
      if (isSync) return n;
      globalThis.__runtime.nextTick(callback, [undefined, n]);
      return;
    }
  }
  if (intRefill === null) {
    intRefill = [];
    runtime.task(() => {
      fillRandom(intCache);
      intCacheOffset = 0;
      const waiting = intRefill;
      intRefill = null;
      for (const args of waiting) randomInt(...args);
    });
  }
  intRefill.push([min, max, callback]);
}

function randomUUID(options) {
  if (options !== undefined) validateObject(options, "options");
  const { disableEntropyCache = false } = { ...options };
  validateBoolean(disableEntropyCache, "options.disableEntropyCache");
  return globalThis.crypto.randomUUID();
}

function getRandomValues(array) {
  return globalThis.crypto.getRandomValues(array);
}

function timingSafeEqual(buf1, buf2) {
  const check = (value, name) => {
    if (!isArrayBuffer(value) && !ArrayBuffer.isView(value)) {
      throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
        `The "${name}" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    }
    return bytesOf(value);
  };
  const a = check(buf1, "buf1"), b = check(buf2, "buf2");
  if (a.length !== b.length) throw errors.timingSafeEqualLength();
  return sameBytes(a, b);
}

// ------------------------------------------------------------------ key derivation
// The byte arguments of a callback-form call, copied: the caller may change its buffers
// before the work runs (Node's jobs copy them too).
function copyBytes(args, ...names) {
  for (const name of names) args[name] = args[name].slice();
  return args;
}

// The digests crypto.subtle derives PBKDF2 keys with (on the host).
const SUBTLE_DIGESTS = { sha1: "SHA-1", sha256: "SHA-256", sha384: "SHA-384", sha512: "SHA-512" };

function checkPbkdf2(password, salt, iterations, keylen, digest) {
  validateString(digest, "digest");
  password = getArrayBufferOrView(password, "password");
  salt = getArrayBufferOrView(salt, "salt");
  validateInt32(iterations, "iterations", 1);
  validateInt32(keylen, "keylen", 0);
  return { password, salt, iterations, keylen, digest };
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  const args = checkPbkdf2(password, salt, iterations, keylen, digest);
  return toBuffer(kdf.pbkdf2(digestAlgorithm(args.digest), args.password, args.salt, args.iterations, args.keylen));
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === "function") {
    callback = digest;
    digest = undefined;
  }
  const args = copyBytes(checkPbkdf2(password, salt, iterations, keylen, digest), "password", "salt");
  validateFunction(callback, "callback");
  const algo = digestAlgorithm(args.digest);
  const subtleHash = SUBTLE_DIGESTS[algo.name];
  // deriveBits counts bits in an unsigned long.
  if (subtleHash === undefined || args.keylen === 0 || args.keylen >= 2 ** 29) {
    runtime.task(() => {
      const bytes = kdf.pbkdf2(algo, args.password, args.salt, args.iterations, args.keylen);
      callback(null, toBuffer(bytes));
    });
    return;
  }
  const { subtle } = globalThis.crypto;
  subtle.importKey("raw", args.password, "PBKDF2", false, ["deriveBits"])
    .then((key) => subtle.deriveBits({ name: "PBKDF2", hash: subtleHash, salt: args.salt, iterations: args.iterations },
      key, args.keylen * 8))
    .then((bits) => later(callback, null, Buffer.from(bits)), (error) => later(callback, error));
}

// HKDF
function toBuf(value) {
  return typeof value === "string" ? Buffer.from(value, "utf8") : value;
}

function validateByteSource(value, name) {
  value = toBuf(value);
  if (isArrayBuffer(value) || ArrayBuffer.isView(value)) return bytesOf(value);
  throw invalidArgType(name, ["string", "ArrayBuffer", "TypedArray", "DataView", "Buffer"], value);
}

function hkdfKey(key) {
  if (isKeyObject(key)) return prepareSecretKey(key);
  key = toBuf(key);
  if (isArrayBuffer(key) || ArrayBuffer.isView(key)) return bytesOf(key);
  throw invalidArgType("ikm", ["string", "SecretKeyObject", "ArrayBuffer", "TypedArray", "DataView", "Buffer"], key);
}

function checkHkdf(digest, key, salt, info, length) {
  validateString(digest, "digest");
  key = hkdfKey(key);
  salt = validateByteSource(salt, "salt");
  info = validateByteSource(info, "info");
  validateInteger(length, "length", 0, kMaxLength);
  if (info.byteLength > 1024) throw outOfRange("info", "must not contain more than 1024 bytes", info.byteLength);
  return { digest, key, salt, info, length };
}

// HKDF's own limits, checked before it runs (synchronously in both forms, as in Node).
function hkdfAlgorithm(digest, length) {
  const algo = digestAlgorithm(digest);
  if (length > 255 * algo.size) throw errors.invalidKeylen();
  return algo;
}

function hkdfSync(digest, key, salt, info, length) {
  const args = checkHkdf(digest, key, salt, info, length);
  const algo = hkdfAlgorithm(args.digest, args.length);
  return kdf.hkdf(algo, args.key, args.salt, args.info, args.length).buffer;
}

function hkdf(digest, key, salt, info, length, callback) {
  const args = copyBytes(checkHkdf(digest, key, salt, info, length), "key", "salt", "info");
  validateFunction(callback, "callback");
  const algo = hkdfAlgorithm(args.digest, args.length);
  runtime.task(() => callback(null, kdf.hkdf(algo, args.key, args.salt, args.info, args.length).buffer));
}

// scrypt
const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

// Node's option rules: N or cost, r or blockSize, p or parallelization; 0 means the default.
function checkScrypt(password, salt, keylen, options) {
  password = getArrayBufferOrView(password, "password");
  salt = getArrayBufferOrView(salt, "salt");
  validateInt32(keylen, "keylen", 0);
  let { N, r, p, maxmem } = SCRYPT_DEFAULTS;
  if (options && options !== SCRYPT_DEFAULTS) {
    // The option `name` or its `alias` (not both), else `fallback`.
    const pick = (name, alias, fallback) => {
      let value = fallback;
      if (options[name] !== undefined) {
        value = options[name];
        validateUint32(value, name);
      }
      if (options[alias] !== undefined) {
        if (options[name] !== undefined) throw errors.scryptParameter();
        value = options[alias];
        validateUint32(value, alias);
      }
      return value;
    };
    N = pick("N", "cost", N);
    r = pick("r", "blockSize", r);
    p = pick("p", "parallelization", p);
    if (options.maxmem !== undefined) {
      maxmem = options.maxmem;
      validateInteger(maxmem, "maxmem", 0);
    }
    if (N === 0) N = SCRYPT_DEFAULTS.N;
    if (r === 0) r = SCRYPT_DEFAULTS.r;
    if (p === 0) p = SCRYPT_DEFAULTS.p;
    if (maxmem === 0) maxmem = SCRYPT_DEFAULTS.maxmem;
  }
  const problem = kdf.scryptError(N, r, p, maxmem);
  if (problem !== null) throw errors.scryptParams(problem);
  return { password, salt, keylen, N, r, p };
}

function deriveScrypt({ password, salt, keylen, N, r, p }) {
  return toBuffer(kdf.scrypt(password, salt, N, r, p, keylen));
}

function scryptSync(password, salt, keylen, options = SCRYPT_DEFAULTS) {
  return deriveScrypt(checkScrypt(password, salt, keylen, options));
}

function scrypt(password, salt, keylen, options, callback = SCRYPT_DEFAULTS) {
  if (callback === SCRYPT_DEFAULTS) {
    callback = options;
    options = SCRYPT_DEFAULTS;
  }
  const args = copyBytes(checkScrypt(password, salt, keylen, options), "password", "salt");
  validateFunction(callback, "callback");
  runtime.task(() => callback(null, deriveScrypt(args)));
}

// ------------------------------------------------------------------ secret keys
// generateKeySync: an HMAC key of `length` bits (whole bytes of it), or an AES key.
function generateKeySync(type, options) {
  validateString(type, "type");
  validateObject(options, "options");
  const { length } = options;
  let bytes;
  if (type === "hmac") {
    validateInteger(length, "options.length", 8, 2 ** 31 - 1);
    bytes = Math.floor(length / 8);
  } else if (type === "aes") {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw invalidArgValue("options.length", length, "must be one of: 128, 192, 256");
    }
    bytes = length / 8;
  } else {
    throw invalidArgValue("type", type, "must be a supported key type");
  }
  const material = Buffer.alloc(bytes);
  fillRandom(material);
  return createSecretKey(material);
}

function generateKey(type, options, callback) {
  const key = generateKeySync(type, options);
  validateFunction(callback, "callback");
  runtime.task(() => callback(null, key));
}

// ------------------------------------------------------------------ the module
function getHashes() {
  return HASH_NAMES.slice();
}

// The elliptic curves EC keys may be on, by OpenSSL's names.
function getCurves() {
  return ["prime256v1", "secp224r1", "secp256k1", "secp384r1", "secp521r1"];
}

module.exports = {
  Cipheriv,
  Decipheriv,
  ECDH,
  Sign,
  Verify,
  createCipheriv,
  createDecipheriv,
  createECDH,
  createSign,
  createVerify,
  diffieHellman,
  generateKey,
  generateKeyPair,
  generateKeyPairSync,
  generateKeySync,
  getCiphers,
  getCurves,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  sign,
  verify,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  getHashes,
  getRandomValues,
  hash,
  hkdf,
  hkdfSync,
  pbkdf2,
  pbkdf2Sync,
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  scrypt,
  scryptSync,
  timingSafeEqual,
  Hash,
  Hmac,
  KeyObject,
};
Object.defineProperties(module.exports, {
  constants: { value: constants, enumerable: true, writable: false, configurable: false },
  webcrypto: { get: () => globalThis.crypto, enumerable: true, configurable: false },
  subtle: { get: () => globalThis.crypto.subtle, enumerable: true, configurable: false },
});
