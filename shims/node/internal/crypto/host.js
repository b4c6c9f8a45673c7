// node:crypto's operations on the host (runtime/node_crypto.py): OpenSSL's signatures,
// ciphers, key pairs, RSA encryption and key agreement. Node answers them synchronously, so
// they go through the sync host call every engine gives the runtime's own operations; keys
// cross as DER.
"use strict";

const { nodeError } = require("../errors.js");
const { nativeError, unavailable } = require("./validate.js");
const { toBuffer } = require("../host_objects.js");

const runtime = globalThis.__runtime;
const host = runtime.syncHost ? runtime.hostFunction("nodecrypto") : undefined;

// Errors Node throws from its native side (the code set, not in the first line), by class.
const NATIVE = new Map([["ERR_CRYPTO_INVALID_CURVE", TypeError]]);

// Node's error for a host answer's [code, message]: OpenSSL's as Node throws them (a plain
// Error with the code set), the others as Node's own.
function hostError(code, message) {
  if (code.startsWith("ERR_OSSL_") || NATIVE.has(code)) return nativeError(NATIVE.get(code) ?? Error, code, message);
  return nodeError(code === "ERR_CRYPTO_INVALID_DIGEST" ? TypeError : Error, code, message);
}

// The host's answer to `op`; `feature` names what is unavailable where the engine cannot
// call the host synchronously.
function call(feature, op, ...args) {
  if (host === undefined) throw unavailable(feature);
  const answer = host(op, ...args);
  if (answer.error) throw hostError(answer.error[0], answer.error[1]);
  return answer.ok;
}

module.exports = { call, hostError, toBuffer };
