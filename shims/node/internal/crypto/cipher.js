// node:crypto's ciphers: createCipheriv/createDecipheriv (Transform streams, as Node's) for
// AES in CBC, ECB, CTR, CFB, OFB and GCM, and ChaCha20-Poly1305. The cipher runs on the host
// (./host.js), OpenSSL's; each one in progress is an id there until its final().
"use strict";

const { Buffer } = require("node:buffer");
const { StringDecoder } = require("node:string_decoder");
const { validateString, validateObject, validateUint32, getArrayBufferOrView, isArrayBuffer } = require("./validate.js");
const { nodeError, invalidArgType } = require("../errors.js");
const { isKeyObject, prepareSecretKey } = require("./keys.js");
const LazyTransform = require("./lazy_transform.js");
const { call, toBuffer } = require("./host.js");
const { releaser } = require("../host_objects.js");

const FEATURE = "ciphers";
const kState = Symbol("kState");
// A cipher collected before its final() is dropped on the host.
const unfinished = releaser((id) => call(FEATURE, "drop", id));

// name -> [key bytes, IV bytes (0: none, -1: any length but 0), mode]
const CIPHERS = new Map();
for (const bits of [128, 192, 256]) {
  for (const mode of ["cbc", "ctr", "cfb", "cfb8", "ofb"]) CIPHERS.set(`aes-${bits}-${mode}`, [bits / 8, 16, mode]);
  CIPHERS.set(`aes-${bits}-ecb`, [bits / 8, 0, "ecb"]);
  CIPHERS.set(`aes-${bits}-gcm`, [bits / 8, -1, "gcm"]);
  CIPHERS.set(`aes${bits}`, [bits / 8, 16, "cbc"]);
}
CIPHERS.set("chacha20-poly1305", [32, 12, "chacha20-poly1305"]);
const AEAD = new Set(["gcm", "chacha20-poly1305"]);

function getCiphers() {
  return [...CIPHERS.keys()].sort();
}

const invalidState = (operation) =>
  nodeError(Error, "ERR_CRYPTO_INVALID_STATE", `Invalid state for operation ${operation}`);

function cipherKey(key) {
  if (isKeyObject(key)) {
    if (key.type !== "secret") throw nodeError(TypeError, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
      `Invalid key object type ${key.type}, expected secret.`);
    return key.export();
  }
  return prepareSecretKey(key, undefined);
}

function cipherIv(iv) {
  if (iv === null) return null;
  if (typeof iv === "string" || ArrayBuffer.isView(iv) || isArrayBuffer(iv)) return getArrayBufferOrView(iv, "iv");
  throw invalidArgType("iv", ["string", "ArrayBuffer", "Buffer", "TypedArray", "DataView"], iv);
}

// The state both directions share, and the host cipher they drive.
function setUp(self, cipher, key, iv, options, decrypt) {
  validateString(cipher, "cipher");
  const name = cipher.toLowerCase();
  const spec = CIPHERS.get(name);
  key = cipherKey(key);
  iv = cipherIv(iv);
  if (options !== undefined) validateObject(options, "options");
  if (spec === undefined) throw nodeError(Error, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
  const [keyLength, ivLength, mode] = spec;
  if (key.byteLength !== keyLength) throw nodeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
  const ivOk = ivLength === 0 ? iv === null || iv.byteLength === 0
    : ivLength === -1 ? iv !== null && iv.byteLength > 0 : iv !== null && iv.byteLength === ivLength;
  if (!ivOk) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
  let tagLength = null;
  if (options !== undefined && options.authTagLength !== undefined) {
    validateUint32(options.authTagLength, "options.authTagLength");
    tagLength = options.authTagLength;
    const valid = mode === "gcm" ? tagLength === 4 || tagLength === 8 || (tagLength >= 12 && tagLength <= 16)
      : mode === "chacha20-poly1305" && tagLength >= 1 && tagLength <= 16;
    if (!valid) {
      throw nodeError(TypeError, "ERR_CRYPTO_INVALID_AUTH_TAG", `Invalid authentication tag length: ${tagLength}`);
    }
  }
  const id = call(FEATURE, "cipher", name, key, iv, decrypt, tagLength);
  unfinished.register(self, id, self);
  self[kState] = { id, mode, decrypt, padding: true, tag: null, done: false, decoder: null, tagLength };
  LazyTransform.call(self, options);
}

function output(state, bytes, encoding) {
  const buf = toBuffer(bytes);
  if (!encoding || encoding === "buffer") return buf;
  if (state.decoder === null) state.decoder = new StringDecoder(encoding);
  return state.decoder.write(buf);
}

const methods = {
  update(data, inputEncoding, outputEncoding) {
    const state = this[kState];
    if (state.done) throw invalidState("update");
    if (typeof data === "string") data = Buffer.from(data, Buffer.isEncoding(inputEncoding) ? inputEncoding : "utf8");
    else if (!ArrayBuffer.isView(data)) throw invalidArgType("data", ["string", "Buffer", "TypedArray", "DataView"], data);
    return output(state, call(FEATURE, "update", state.id, data), outputEncoding);
  },
  final(outputEncoding) {
    const state = this[kState];
    if (state.done) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state");
    state.done = true;
    unfinished.unregister(this);
    let bytes, tag;
    try {
      [bytes, tag] = call(FEATURE, "final", state.id, state.decrypt ? state.tag : null);
    } catch (error) {
      if (error.code === "ERR_CRYPTO_INVALID_AUTH_TAG") delete error.code;
      throw error;
    }
    if (tag !== null) state.tag = toBuffer(tag);
    const buf = toBuffer(bytes);
    if (!outputEncoding || outputEncoding === "buffer") return buf;
    const decoder = state.decoder ?? new StringDecoder(outputEncoding);
    return decoder.end(buf);
  },
  setAutoPadding(autoPadding = true) {
    const state = this[kState];
    if (state.done) throw invalidState("setAutoPadding");
    state.padding = !!autoPadding;
    call(FEATURE, "padding", state.id, state.padding);
    return this;
  },
  setAAD(buffer, options) {
    const state = this[kState];
    if (state.done || !AEAD.has(state.mode)) throw invalidState("setAAD");
    call(FEATURE, "aad", state.id, getArrayBufferOrView(buffer, "buffer"));
    return this;
  },
  _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, encoding));
    callback();
  },
  _flush(callback) {
    try {
      this.push(this.final());
    } catch (error) {
      callback(error);
      return;
    }
    callback();
  },
};

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  setUp(this, cipher, key, iv, options, false);
}
Object.setPrototypeOf(Cipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Cipheriv, LazyTransform);
Object.assign(Cipheriv.prototype, methods);
Cipheriv.prototype.getAuthTag = function getAuthTag() {
  const state = this[kState];
  if (!state.done || state.tag === null) throw invalidState("getAuthTag");
  return state.tag;
};

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  setUp(this, cipher, key, iv, options, true);
}
Object.setPrototypeOf(Decipheriv.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Decipheriv, LazyTransform);
Object.assign(Decipheriv.prototype, methods);
Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
  const state = this[kState];
  const tag = getArrayBufferOrView(tagbuf, "buffer", encoding);
  if (state.done || !AEAD.has(state.mode) || state.tag !== null) throw invalidState("setAuthTag");
  const n = tag.byteLength;
  const allowed = state.tagLength !== null ? n === state.tagLength
    : state.mode === "gcm" ? n === 4 || n === 8 || (n >= 12 && n <= 16) : n === 16;
  if (!allowed) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_AUTH_TAG", `Invalid authentication tag length: ${tag.byteLength}`);
  state.tag = Buffer.from(tag);
  return this;
};

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

module.exports = { Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers };
