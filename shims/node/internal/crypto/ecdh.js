// node:crypto's ECDH objects (createECDH): raw private scalars and X9.62 public points on
// the named curves, the arithmetic OpenSSL's on the host (./host.js).
"use strict";

const { nodeError } = require("../errors.js");
const { validateString, getArrayBufferOrView, nativeError } = require("./validate.js");
const { call, toBuffer } = require("./host.js");

const FEATURE = "ECDH";
// The curves createECDH takes, by OpenSSL's name.
const CURVES = new Set(["prime256v1", "secp224r1", "secp256k1", "secp384r1", "secp521r1"]);
const kCurve = Symbol("kCurve");
const kPrivate = Symbol("kPrivate");
const kPublic = Symbol("kPublic");

function encode(bytes, encoding) {
  const buf = toBuffer(bytes);
  return encoding && encoding !== "buffer" ? buf.toString(encoding) : buf;
}

// An uncompressed point ("04" x y) in the form asked for: "compressed" (02/03 x),
// "hybrid" (06/07 x y) or "uncompressed" (the default).
function pointAs(point, format) {
  if (format === undefined || format === "uncompressed") return point;
  const size = (point.length - 1) / 2;
  const odd = point[point.length - 1] & 1;
  if (format === "compressed") {
    const out = new Uint8Array(1 + size);
    out[0] = 2 | odd;
    out.set(point.subarray(1, 1 + size), 1);
    return out;
  }
  if (format === "hybrid") {
    const out = Uint8Array.from(point);
    out[0] = 6 | odd;
    return out;
  }
  throw nodeError(TypeError, "ERR_CRYPTO_ECDH_INVALID_FORMAT", `Invalid ECDH format: ${format}`);
}

function checkFormat(format) {
  if (format !== undefined && format !== "uncompressed" && format !== "compressed" && format !== "hybrid") {
    throw nodeError(TypeError, "ERR_CRYPTO_ECDH_INVALID_FORMAT", `Invalid ECDH format: ${format}`);
  }
}

function checkCurve(curve) {
  validateString(curve, "curve");
  if (!CURVES.has(curve)) throw nativeError(TypeError, "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
}

class ECDH {
  constructor(curve) {
    checkCurve(curve);
    this[kCurve] = curve;
    this[kPrivate] = null;
    this[kPublic] = null;
  }

  generateKeys(encoding, format) {
    checkFormat(format);
    [this[kPrivate], this[kPublic]] = call(FEATURE, "ecdh_generate", this[kCurve]);
    return this.getPublicKey(encoding, format);
  }

  computeSecret(key, inputEncoding, outputEncoding) {
    const point = getArrayBufferOrView(key, "key", inputEncoding);
    if (this[kPrivate] === null) throw nativeError(Error, "ERR_CRYPTO_OPERATION_FAILED", "Failed to compute ECDH key");
    return encode(call(FEATURE, "ecdh_secret", this[kCurve], this[kPrivate], point), outputEncoding);
  }

  getPrivateKey(encoding) {
    if (this[kPrivate] === null) throw nativeError(Error, "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH private key");
    return encode(this[kPrivate], encoding);
  }

  getPublicKey(encoding, format) {
    checkFormat(format);
    if (this[kPublic] === null) throw nativeError(Error, "ERR_CRYPTO_OPERATION_FAILED", "Failed to get ECDH public key");
    return encode(pointAs(this[kPublic], format), encoding);
  }

  setPrivateKey(privateKey, encoding) {
    const scalar = getArrayBufferOrView(privateKey, "privateKey", encoding);
    try {
      [this[kPrivate], this[kPublic]] = call(FEATURE, "ecdh_public", this[kCurve], scalar);
    } catch (error) {
      if (error.code === "ERR_CRYPTO_INVALID_KEYTYPE") {
        throw nativeError(RangeError, error.code, error.message);
      }
      throw error;
    }
    return this;
  }

  setPublicKey(publicKey, encoding) {
    this[kPublic] = call(FEATURE, "ecdh_point", this[kCurve], getArrayBufferOrView(publicKey, "publicKey", encoding));
    return this;
  }

  static convertKey(key, curve, inputEncoding, outputEncoding, format) {
    const point = getArrayBufferOrView(key, "key", inputEncoding);
    checkCurve(curve);
    checkFormat(format);
    return encode(pointAs(call(FEATURE, "ecdh_point", curve, point), format), outputEncoding);
  }
}

function createECDH(curve) {
  return new ECDH(curve);
}

module.exports = { ECDH, createECDH };
