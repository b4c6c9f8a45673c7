// node:crypto's KeyObjects: secret keys, and public and private keys read from PEM, DER
// and JWK and written back to them (./key_formats.js), with Node's argument checks and
// errors, and new key pairs. Keys are data here: what needs their arithmetic (generating
// them, decrypting an encrypted key, deriving a missing public key) is OpenSSL's, on the
// host (./host.js).
"use strict";

const { Buffer } = require("node:buffer");
const { nodeError, invalidArgType, invalidArgValue } = require("../errors.js");
const { DerError } = require("./asn1.js");
const formats = require("./key_formats.js");
const { call } = require("./host.js");
const {
  validateObject, validateOneOf, validateString, validateFunction, validateUint32, isArrayBuffer,
  getArrayBufferOrView, opensslError, unavailable, errors,
} = require("./validate.js");

const kHandle = Symbol("kHandle");
const kKeyType = Symbol("kKeyType");
const kAsymmetricKeyDetails = Symbol("kAsymmetricKeyDetails");

// A key's material: a secret key's bytes, or an asymmetric key's record (./key_formats.js).
// Made only here, which lets KeyObject's constructor refuse anything else, as Node's
// refuses anything but its native handles.
class KeyHandle {
  constructor(material) {
    this.material = material;
  }
}

// Whether two byte arrays of one length are equal, in a time that does not depend on where
// they differ.
function sameBytes(a, b) {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// ------------------------------------------------------------------ the classes
class KeyObject {
  constructor(type, handle) {
    if (type !== "secret" && type !== "public" && type !== "private") throw invalidArgValue("type", type);
    if (!(handle instanceof KeyHandle)) throw invalidArgType("handle", "object", handle);
    this[kKeyType] = type;
    Object.defineProperty(this, kHandle, { value: handle, enumerable: false, configurable: false, writable: false });
  }

  get type() {
    return this[kKeyType];
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) throw invalidArgType("otherKeyObject", "KeyObject", otherKeyObject);
    if (otherKeyObject.type !== this.type) return false;
    const a = this[kHandle].material, b = otherKeyObject[kHandle].material;
    if (this.type === "secret") return a.length === b.length && sameBytes(a, b);
    return formats.sameKey(a, b);
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { value: "KeyObject", configurable: true });

class SecretKeyObject extends KeyObject {
  constructor(handle) {
    super("secret", handle);
  }

  get symmetricKeySize() {
    return this[kHandle].material.length;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, "options");
      validateOneOf(options.format, "options.format", [undefined, "buffer", "jwk"]);
      if (options.format === "jwk") return { kty: "oct", k: Buffer.from(this[kHandle].material).toString("base64url") };
    }
    return Buffer.from(this[kHandle].material);
  }
}

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    return this[kHandle].material.type;
  }

  // The same object on every read, as Node caches it; none for the octet key pairs.
  get asymmetricKeyDetails() {
    switch (this.asymmetricKeyType) {
      case "rsa":
      case "rsa-pss":
      case "ec":
        return this[kAsymmetricKeyDetails] ||= formats.details(this[kHandle].material);
      default:
        return {};
    }
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super("public", handle);
  }

  export(options) {
    const key = this[kHandle].material;
    if (options && options.format === "jwk") return formats.toJwk(key);
    const { format, type } = parseKeyEncoding(options, key.type, true);
    return formats.encode(key, format, type);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super("private", handle);
  }

  export(options) {
    const key = this[kHandle].material;
    if (options && options.format === "jwk") {
      if (options.passphrase !== undefined) throw errors.incompatibleKeyOptions("jwk", "does not support encryption");
      return formats.toJwk(key);
    }
    const { format, type, cipher, passphrase } = parseKeyEncoding(options, key.type, false);
    if (cipher != null) return encryptKey(key, format, type, cipher, passphrase);
    return formats.encode(key, format, type);
  }
}

function isKeyObject(value) {
  return value != null && value[kKeyType] !== undefined;
}

const isCryptoKey = (value) => typeof CryptoKey === "function" && value instanceof CryptoKey;

const isStringOrBuffer = (value) => typeof value === "string" || ArrayBuffer.isView(value) || isArrayBuffer(value);

// ------------------------------------------------------------------ secret keys
const KEY_TYPES = ["ArrayBuffer", "Buffer", "TypedArray", "DataView", "string", "KeyObject", "CryptoKey"];

// The bytes of a secret key given as a secret KeyObject, a string (in `encoding`), an
// ArrayBuffer or a view; bufferOnly: only the last two.
function prepareSecretKey(key, encoding, bufferOnly = false) {
  if (!bufferOnly) {
    if (isKeyObject(key)) {
      if (key.type !== "secret") throw errors.invalidKeyObjectType(key.type, "secret");
      return key[kHandle].material;
    }
    // A CryptoKey's material is on the host, which answers only asynchronously.
    if (isCryptoKey(key)) throw errors.cryptoKey();
  }
  if (typeof key !== "string" && !ArrayBuffer.isView(key) && !isArrayBuffer(key)) {
    throw invalidArgType("key", bufferOnly ? KEY_TYPES.slice(0, 4) : KEY_TYPES, key);
  }
  return getArrayBufferOrView(key, "key", encoding);
}

function createSecretKey(key, encoding) {
  return new SecretKeyObject(new KeyHandle(prepareSecretKey(key, encoding, true).slice()));
}

// ------------------------------------------------------------------ encoding options
function parseKeyFormat(format, fallback, name) {
  if (format === undefined && fallback !== undefined) return fallback;
  if (format === "pem" || format === "der") return format;
  throw invalidArgValue(name, format);
}

function parseKeyType(type, required, keyType, isPublic, name) {
  if (type === undefined && !required) return undefined;
  if (type === "pkcs1") {
    if (keyType !== undefined && keyType !== "rsa") throw errors.incompatibleKeyOptions(type, "can only be used for RSA keys");
    return type;
  }
  if (type === "spki" && isPublic !== false) return type;
  if (type === "pkcs8" && isPublic !== true) return type;
  if (type === "sec1" && isPublic !== true) {
    if (keyType !== undefined && keyType !== "ec") throw errors.incompatibleKeyOptions(type, "can only be used for EC keys");
    return type;
  }
  throw invalidArgValue(name, type);
}

// Node's parseKeyEncoding: the format, type, cipher and passphrase of a key read (keyType
// undefined) or written (keyType: the key's asymmetricKeyType). isPublic: true for a public
// key written, false for a private key, undefined for a key read that may be either.
function parseKeyEncoding(enc, keyType, isPublic) {
  validateObject(enc, "options");
  const isInput = keyType === undefined;
  const format = parseKeyFormat(enc.format, isInput ? "pem" : undefined, "options.format");
  const type = parseKeyType(enc.type, !isInput || format === "der", keyType, isPublic, "options.type");
  let cipher, passphrase, encoding;
  if (isPublic !== true) {
    ({ cipher, passphrase, encoding } = enc);
    if (!isInput) {
      if (cipher != null) {
        if (typeof cipher !== "string") throw invalidArgValue("options.cipher", cipher);
        if (format === "der" && (type === "pkcs1" || type === "sec1")) {
          throw errors.incompatibleKeyOptions(type, "does not support encryption");
        }
      } else if (passphrase !== undefined) {
        throw invalidArgValue("options.cipher", cipher);
      }
    }
    if ((isInput && passphrase !== undefined && !isStringOrBuffer(passphrase)) ||
        (!isInput && cipher != null && !isStringOrBuffer(passphrase))) {
      throw invalidArgValue("options.passphrase", passphrase);
    }
  }
  if (passphrase !== undefined) passphrase = getArrayBufferOrView(passphrase, "key.passphrase", encoding);
  return { format, type, cipher, passphrase };
}

// ------------------------------------------------------------------ reading keys
// OpenSSL's errors for what is no key.
const ASN1_REASONS = {
  "field missing": "79", "header too long": "7B", "not enough data": "8E", "sequence length mismatch": "94",
  "string too short": "98", "too long": "9B", "wrong tag": "A8", "invalid object encoding": "D8",
};
const asn1Error = (reason) => opensslError(`068000${ASN1_REASONS[reason]}`, "asn1 encoding routines", reason,
  `ERR_OSSL_ASN1_${reason.toUpperCase().replace(/ /g, "_")}`);
const decodeError = () => opensslError("03000072", "digital envelope routines", "decode error", "ERR_OSSL_EVP_DECODE_ERROR");
const unsupported = () => opensslError("1E08010C", "DECODER routines", "unsupported", "ERR_OSSL_UNSUPPORTED");
// An encrypted PEM key without a passphrase (Node's password callback declines).
const cancelled = () => opensslError("07880109", "common libcrypto routines", "interrupted or cancelled",
  "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED");

// Runs `read`, turning a failure to read into OpenSSL's error for the structure read:
// "public" (SPKI, PKCS#1 public keys, certificates) and "pkcs8" keys report the DER's
// fault, and PKCS#8 a bad key inside as any private key does: the decoder cannot read it.
function attempt(read, structure) {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw structure === "private" ? unsupported() : asn1Error(error.reason);
    if (error instanceof formats.KeyError) throw structure === "public" ? decodeError() : unsupported();
    throw error;
  }
}

// An encrypted private key (PEM text, or encrypted PKCS#8 DER) read with its passphrase.
function decryptKey(data, passphrase, pem) {
  if (passphrase === undefined) throw pem ? cancelled() : errors.missingPassphrase();
  const der = call("reading an encrypted private key", "decrypt_key", data, passphrase, pem);
  return attempt(() => formats.readPkcs8(der), "pkcs8");
}

const PUBLIC_PEM = [
  [["PUBLIC KEY"], formats.readSpki],
  [["RSA PUBLIC KEY"], formats.readRsaPublic],
  [["CERTIFICATE", "X509 CERTIFICATE"], formats.readCertificate],
];

const PRIVATE_PEM = new Map([
  ["PRIVATE KEY", formats.readPkcs8],
  ["RSA PRIVATE KEY", formats.readRsaPrivate],
  ["EC PRIVATE KEY", formats.readSec1],
  ["ENCRYPTED PRIVATE KEY", null],
]);

const pemText = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");

// The first public key in PEM (SPKI, then PKCS#1, then a certificate's), or null. A block
// found that holds no key is an error; the search for a label stops at a malformed block.
function readPublicPem(text) {
  for (const [labels, read] of PUBLIC_PEM) {
    for (const block of formats.pemBlocks(text)) {
      if (block.der === null) break;
      if (labels.includes(block.label)) return attempt(() => read(block.der), "public");
    }
  }
  return null;
}

// The first private key in PEM that can be read.
function readPrivatePem(text, passphrase) {
  for (const block of formats.pemBlocks(text)) {
    const read = PRIVATE_PEM.get(block.label);
    if (read === undefined || block.der === null) continue;
    if (read === null || block.encrypted) return decryptKey(Buffer.from(text, "latin1"), passphrase, true);
    try {
      return read(block.der);
    } catch (error) {
      if (!(error instanceof DerError || error instanceof formats.KeyError)) throw error;
    }
  }
  throw unsupported();
}

function readPrivate({ format, type, data, passphrase }) {
  if (format === "pem") return readPrivatePem(pemText(data), passphrase);
  if (type === "pkcs1") return attempt(() => formats.readRsaPrivate(data), "private");
  if (type === "sec1") return attempt(() => formats.readSec1(data), "private");
  if (formats.isEncryptedPkcs8(data)) {
    attempt(() => formats.readEncryptedPkcs8(data), "pkcs8");
    return decryptKey(data, passphrase, false);
  }
  return attempt(() => formats.readPkcs8(data), "pkcs8");
}

// A public key or, failing that, a private key (whose public half is wanted).
function readPublicOrPrivate(input) {
  const { format, type, data } = input;
  if (format === "pem") return readPublicPem(pemText(data)) ?? readPrivate(input);
  if (type === "spki") return attempt(() => formats.readSpki(data), "public");
  if (type === "pkcs1" && !formats.isRsaPrivateKey(data)) return attempt(() => formats.readRsaPublic(data), "public");
  return readPrivate(input);
}

function keyTypes(forPublic) {
  return forPublic ? KEY_TYPES : KEY_TYPES.slice(0, 5);
}

// The material of a KeyObject given where createPublicKey wants a private key.
function keyObjectMaterial(key, forPublic) {
  if (!forPublic) throw invalidArgType("key", keyTypes(false), key);
  if (key.type !== "private") throw errors.invalidKeyObjectType(key.type, "private");
  return key[kHandle].material;
}

// Node's prepareAsymmetricKey: a key's material (from a KeyObject or a JWK), or the bytes
// to read with their format, type and passphrase.
function prepareAsymmetricKey(key, forPublic) {
  if (isKeyObject(key)) return { material: keyObjectMaterial(key, forPublic) };
  if (isCryptoKey(key)) throw errors.cryptoKey();
  if (isStringOrBuffer(key)) return { format: "pem", data: getArrayBufferOrView(key, "key") };
  if (typeof key === "object") {
    const { key: data, encoding, format } = key;
    if (isKeyObject(data)) return { material: keyObjectMaterial(data, forPublic) };
    if (isCryptoKey(data)) throw errors.cryptoKey();
    if (format === "jwk") {
      validateObject(data, "key.key");
      return { material: formats.readJwk(data, forPublic) };
    }
    if (!isStringOrBuffer(data)) throw invalidArgType("key.key", keyTypes(forPublic), data);
    return { data: getArrayBufferOrView(data, "key", encoding), ...parseKeyEncoding(key, undefined, forPublic ? undefined : false) };
  }
  throw invalidArgType("key", keyTypes(forPublic), key);
}

function createPublicKey(key) {
  const input = prepareAsymmetricKey(key, true);
  const material = input.material ?? readPublicOrPrivate(input);
  return new PublicKeyObject(new KeyHandle(formats.publicOf(material)));
}

function createPrivateKey(key) {
  const input = prepareAsymmetricKey(key, false);
  return new PrivateKeyObject(new KeyHandle(input.material ?? readPrivate(input)));
}

// A private key exported encrypted, by OpenSSL on the host: AES-256-CBC (PBES2 with
// PBKDF2-SHA256 for PKCS#8, the PEM header's DEK-Info for PKCS#1 and SEC1), the cipher of
// Node's documented examples; other ciphers are not offered.
const KNOWN_CIPHERS = /^(aes-(128|192|256)-(cbc|ctr|cfb|cfb8|ofb|ecb|gcm)|aes(128|192|256)|des-ede3-cbc|des-ede3|chacha20-poly1305)$/i;
function encryptKey(key, format, type, cipher, passphrase) {
  if (!KNOWN_CIPHERS.test(cipher)) throw nodeError(Error, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
  if (cipher.toLowerCase() !== "aes-256-cbc") {
    throw unavailable(`encrypting an exported private key with ${cipher} (aes-256-cbc is available)`);
  }
  if (key.type === "rsa-pss") throw unavailable("encrypting an exported RSA-PSS private key");
  const bytes = call("encrypting exported private keys", "encrypt_key", formats.encode(key, "der", "pkcs8"), format,
    type, passphrase);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return format === "der" ? buf : buf.toString("latin1");
}

// ------------------------------------------------------------------ keys for operations
// The material of the key an operation is given (Node's preparePrivateKey where
// `needPrivate`, else preparePublicOrPrivateKey): a KeyObject, or PEM, DER or a JWK with
// their options.
function asymmetricKey(key, needPrivate) {
  const object = isKeyObject(key) ? key : key !== null && typeof key === "object" && isKeyObject(key.key) ? key.key : null;
  if (object !== null) {
    if (object.type === "secret" || (needPrivate && object.type !== "private")) {
      throw errors.invalidKeyObjectType(object.type, needPrivate ? "private" : "private or public");
    }
    return object[kHandle].material;
  }
  const input = prepareAsymmetricKey(key, !needPrivate);
  return input.material ?? (needPrivate ? readPrivate(input) : readPublicOrPrivate(input));
}

// A key's DER for the host: PKCS#8 for a private key, SPKI for a public one; written once
// per key (material is never changed once made).
const DER = new WeakMap();
function keyDer(material) {
  let der = DER.get(material);
  if (der === undefined) {
    der = formats.encode(material, "der", material.priv !== null ? "pkcs8" : "spki");
    DER.set(material, der);
  }
  return der;
}

// ------------------------------------------------------------------ key pairs
const PAIR_TYPES = ["rsa", "rsa-pss", "dsa", "ec", "ed25519", "ed448", "x25519", "x448", "dh"];

// generateKeyPairSync's options as the host takes them (Node's checks, in its order).
function pairOptions(type, options) {
  validateString(type, "type");
  if (!PAIR_TYPES.includes(type)) throw invalidArgValue("type", type, "must be a supported key type");
  if (options !== undefined) validateObject(options, "options");
  const host = {};
  if (type === "rsa") {
    validateObject(options, "options");
    const { modulusLength, publicExponent = 0x10001 } = options;
    validateUint32(modulusLength, "options.modulusLength");
    validateUint32(publicExponent, "options.publicExponent");
    // The host's OpenSSL binding generates only keys it deems safe.
    if (modulusLength < 1024) throw unavailable("generating RSA keys of fewer than 1024 bits");
    if (publicExponent !== 3 && publicExponent !== 65537) {
      throw unavailable("generating RSA keys with a public exponent other than 3 or 65537");
    }
    Object.assign(host, { modulusLength, publicExponent });
  } else if (type === "ec") {
    validateObject(options, "options");
    validateString(options.namedCurve, "options.namedCurve");
    host.namedCurve = options.namedCurve;
  } else if (!["ed25519", "ed448", "x25519", "x448"].includes(type)) {
    throw unavailable(`generating ${type} key pairs`);
  }
  return host;
}

// A key pair as Node gives it: KeyObjects, or each half exported where its encoding is given.
function generateKeyPairSync(type, options) {
  const host = pairOptions(type, options);
  const { publicKeyEncoding, privateKeyEncoding } = options ?? {};
  if (publicKeyEncoding !== undefined) validateObject(publicKeyEncoding, "options.publicKeyEncoding");
  if (privateKeyEncoding !== undefined) validateObject(privateKeyEncoding, "options.privateKeyEncoding");
  const [spki, pkcs8] = call("generating key pairs", "generate", type, host);
  const publicKey = new PublicKeyObject(new KeyHandle(formats.readSpki(spki)));
  const privateKey = new PrivateKeyObject(new KeyHandle(formats.readPkcs8(pkcs8)));
  return {
    publicKey: publicKeyEncoding === undefined ? publicKey : publicKey.export(publicKeyEncoding),
    privateKey: privateKeyEncoding === undefined ? privateKey : privateKey.export(privateKeyEncoding),
  };
}

function generateKeyPair(type, options, callback) {
  if (typeof options === "function") {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, "callback");
  const pair = generateKeyPairSync(type, options);
  globalThis.__runtime.task(() => callback(null, pair.publicKey, pair.privateKey));
}
Object.defineProperty(generateKeyPair, Symbol.for("runtime.util.customPromisifyArgs"), {
  value: ["publicKey", "privateKey"], enumerable: false,
});

module.exports = {
  asymmetricKey, keyDer, generateKeyPair, generateKeyPairSync,
  KeyObject, createSecretKey, createPublicKey, createPrivateKey, prepareSecretKey, isKeyObject, sameBytes,
};
