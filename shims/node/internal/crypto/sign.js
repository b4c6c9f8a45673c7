// node:crypto's signatures: createSign/createVerify (Writable streams, as Node's) and the
// one-shot sign/verify, over RSA (PKCS#1 v1.5 and PSS), ECDSA (DER or IEEE P1363) and
// Ed25519/Ed448 keys. OpenSSL signs on the host (./host.js).
"use strict";

const { Buffer } = require("node:buffer");
const { Writable } = require("node:stream");
const { nodeError, invalidArgType, invalidArgValue } = require("../errors.js");
const {
  validateString, validateFunction, validateInt32, getArrayBufferOrView, nativeError, errors,
} = require("./validate.js");
const { lookup } = require("./hash.js");
const { asymmetricKey, keyDer } = require("./keys.js");
const { call, toBuffer } = require("./host.js");
const { answerLater } = require("../host_objects.js");

const FEATURE = "signing and verifying signatures";
const kDigest = Symbol("kDigest");
const kChunks = Symbol("kChunks");

// The digest a signature algorithm name means ("sha256", "RSA-SHA256",
// "sha256WithRSAEncryption", "SHA3-256", any case), or undefined.
function digestOf(name) {
  const lower = name.toLowerCase();
  if (/^sha3-(224|256|384|512)$/.test(lower)) return lower;
  const algo = lookup(lower);
  return algo === undefined ? undefined : algo.name;
}

// Bytes to sign: a string in `encoding` (utf8 by default) or a view's bytes.
function dataBytes(data, encoding, name = "data") {
  if (typeof data === "string") return Buffer.from(data, Buffer.isEncoding(encoding) ? encoding : "utf8");
  if (!ArrayBuffer.isView(data)) throw invalidArgType(name, ["string", "Buffer", "TypedArray", "DataView"], data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

// Node's padding, saltLength and dsaEncoding options of a key argument.
function signOptions(key) {
  const options = {};
  if (key === null || typeof key !== "object" || ArrayBuffer.isView(key)) return options;
  if (key.padding !== undefined) {
    validateInt32(key.padding, "key.padding");
    options.padding = key.padding;
  }
  if (key.saltLength !== undefined) {
    validateInt32(key.saltLength, "key.saltLength");
    options.saltLength = key.saltLength;
  }
  if (key.dsaEncoding !== undefined) {
    if (key.dsaEncoding !== "der" && key.dsaEncoding !== "ieee-p1363") {
      throw invalidArgValue("options.dsaEncoding", key.dsaEncoding);
    }
    options.dsaEncoding = key.dsaEncoding;
  }
  return options;
}

// An RSA-PSS key signs with PSS, with the salt length its parameters give by default.
function keyOptions(material, options) {
  if (material.type !== "rsa-pss") return options;
  return { padding: 6, ...options };
}

function output(bytes, encoding) {
  const buf = toBuffer(bytes);
  return encoding && encoding !== "buffer" ? buf.toString(encoding) : buf;
}

// The state of a Sign or Verify: its chunks, until it has signed or verified once.
function chunksOf(self) {
  const chunks = self[kChunks];
  if (chunks === null) throw nativeError(Error, "ERR_CRYPTO_INVALID_STATE", "Not initialised");
  return chunks;
}

// Sign and Verify hash with their digest: Ed25519 and Ed448 keys sign without one.
function checkStreamKey(material) {
  if (material.type === "ed25519" || material.type === "ed448") {
    throw nativeError(Error, "ERR_CRYPTO_UNSUPPORTED_OPERATION", "Unsupported crypto operation");
  }
}

// The key and options of a signature, read (and refused) before any work starts, as
// Node does: a callback gets only what the signing itself does.
function prepare(key, needPrivate, streaming) {
  const material = asymmetricKey(key, needPrivate);
  if (streaming) checkStreamKey(material);
  return { der: keyDer(material), isPrivate: material.priv !== null, options: keyOptions(material, signOptions(key)) };
}

function signWith(digest, data, key, streaming = false) {
  return signPrepared(digest, data, prepare(key, true, streaming));
}

function signPrepared(digest, data, { der, options }) {
  return call(FEATURE, "sign", der, digest, data, options);
}

function verifyWith(digest, data, key, signature, streaming = false) {
  return verifyPrepared(digest, data, prepare(key, false, streaming), signature);
}

function verifyPrepared(digest, data, { der, isPrivate, options }, signature) {
  return call(FEATURE, "verify", der, isPrivate, digest, data, signature, options);
}

// What Sign and Verify share: a digest, and the data written, until it is signed or
// verified once.
class DigestStream extends Writable {
  constructor(algorithm, options) {
    validateString(algorithm, "algorithm");
    super(options);
    const digest = digestOf(algorithm);
    if (digest === undefined) throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
    this[kDigest] = digest;
    this[kChunks] = [];
  }

  _write(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  }

  update(data, encoding) {
    const bytes = Buffer.from(dataBytes(data, encoding));
    chunksOf(this).push(bytes);
    return this;
  }
}

class Sign extends DigestStream {
  sign(options, encoding) {
    if (!options) throw nodeError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
    const data = Buffer.concat(chunksOf(this));
    const signature = signWith(this[kDigest], data, options, true);
    this[kChunks] = null;
    return output(signature, encoding);
  }
}

class Verify extends DigestStream {
  verify(options, signature, sigEncoding) {
    const bytes = getArrayBufferOrView(signature, "signature", sigEncoding);
    const data = Buffer.concat(chunksOf(this));
    const verified = verifyWith(this[kDigest], data, options, bytes, true);
    this[kChunks] = null;
    return verified;
  }
}

function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

// The digest of crypto.sign/verify's algorithm argument: null/undefined leave it to the key.
function oneShotDigest(algorithm) {
  if (algorithm == null) return null;
  validateString(algorithm, "algorithm");
  const digest = digestOf(algorithm);
  if (digest === undefined) throw errors.invalidDigest(algorithm);
  return digest;
}

function sign(algorithm, data, key, callback) {
  const digest = oneShotDigest(algorithm);
  data = dataBytes(data, undefined);
  if (callback !== undefined) validateFunction(callback, "callback");
  if (!key) throw nodeError(Error, "ERR_CRYPTO_SIGN_KEY_REQUIRED", "No key provided to sign");
  const prepared = prepare(key, true, false);
  const run = () => toBuffer(signPrepared(digest, data, prepared));
  if (callback === undefined) return run();
  answerLater(callback, run);
}

function verify(algorithm, data, key, signature, callback) {
  const digest = oneShotDigest(algorithm);
  data = dataBytes(data, undefined);
  if (callback !== undefined) validateFunction(callback, "callback");
  const bytes = getArrayBufferOrView(signature, "signature");
  const prepared = prepare(key, false, false);
  const run = () => verifyPrepared(digest, data, prepared, bytes);
  if (callback === undefined) return run();
  answerLater(callback, run);
}

module.exports = { Sign, Verify, createSign, createVerify, sign, verify };
