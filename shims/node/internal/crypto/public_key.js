// node:crypto's asymmetric operations other than signatures: RSA encryption
// (publicEncrypt/privateDecrypt, OAEP or PKCS#1 v1.5) and key agreement (diffieHellman, for
// EC, X25519 and X448 keys). OpenSSL does them on the host (./host.js).
"use strict";

const {
  validateObject, validateString, getArrayBufferOrView, nativeError, unavailable, errors,
} = require("./validate.js");
const { nodeError, invalidArgValue } = require("../errors.js");
const { asymmetricKey, keyDer, isKeyObject } = require("./keys.js");
const formats = require("./key_formats.js");
const { call, toBuffer } = require("./host.js");
const constants = require("./constants.js");

function rsaOptions(key) {
  const options = key !== null && typeof key === "object" && !ArrayBuffer.isView(key) && !isKeyObject(key) ? key : {};
  const padding = options.padding ?? constants.RSA_PKCS1_OAEP_PADDING;
  let oaepHash = "sha1";
  if (options.oaepHash !== undefined) {
    validateString(options.oaepHash, "key.oaepHash");
    oaepHash = options.oaepHash.toLowerCase().replace(/^sha-/, "sha");
  }
  const label = options.oaepLabel === undefined ? null : getArrayBufferOrView(options.oaepLabel, "key.oaepLabel");
  return { padding, oaepHash, label };
}

function rsaCrypt(key, buffer, needPrivate, encrypt) {
  const material = asymmetricKey(key, needPrivate);
  const { padding, oaepHash, label } = rsaOptions(key);
  const data = getArrayBufferOrView(buffer, "buffer");
  const der = keyDer(material);
  return toBuffer(call("RSA encryption", "rsa", der, material.priv !== null, encrypt, data, padding, oaepHash, label));
}

function publicEncrypt(key, buffer) {
  return rsaCrypt(key, buffer, false, true);
}

function privateDecrypt(key, buffer) {
  if (rsaOptions(key).padding === constants.RSA_PKCS1_PADDING) {
    throw nativeError(TypeError, "ERR_INVALID_ARG_VALUE", "RSA_PKCS1_PADDING is no longer supported for private " +
      "decryption, this can be reverted with --security-revert=CVE-2023-46809");
  }
  return rsaCrypt(key, buffer, true, false);
}

function privateEncrypt() {
  throw unavailable("privateEncrypt (raw RSA signatures; crypto.sign does PKCS#1 v1.5 signatures)");
}

function publicDecrypt() {
  throw unavailable("publicDecrypt (raw RSA signatures; crypto.verify checks PKCS#1 v1.5 signatures)");
}

function diffieHellman(options) {
  validateObject(options, "options");
  const { privateKey, publicKey } = options;
  if (!isKeyObject(privateKey)) throw invalidArgValue("options.privateKey", privateKey);
  if (!isKeyObject(publicKey)) throw invalidArgValue("options.publicKey", publicKey);
  if (privateKey.type !== "private") throw errors.invalidKeyObjectType(privateKey.type, "private");
  if (publicKey.type !== "public" && publicKey.type !== "private") {
    throw errors.invalidKeyObjectType(publicKey.type, "private or public");
  }
  const mine = asymmetricKey(privateKey, true);
  const theirs = asymmetricKey(publicKey, false);
  if (mine.type !== theirs.type || !["ec", "x25519", "x448"].includes(mine.type)) {
    throw nodeError(Error, "ERR_CRYPTO_INCOMPATIBLE_KEY",
      `Incompatible key types for Diffie-Hellman: ${mine.type} and ${theirs.type}`);
  }
  if (mine.curve !== theirs.curve) {
    throw nativeError(Error, "ERR_OSSL_MISMATCHING_DOMAIN_PARAMETERS",
      "error:1C8000CB:Provider routines::mismatching domain parameters");
  }
  return toBuffer(call("key agreement", "agree", keyDer(mine), keyDer(formats.publicOf(theirs))));
}

module.exports = { publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman };
