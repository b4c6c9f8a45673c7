// A digest that goes to the host when its input is large: the shims' JS hashes short
// inputs faster than a host call costs, the host's OpenSSL hashes long ones several times
// faster than JS. The choice is made on the first update (a digest cannot move between
// them midway); crypto.hash() decides on its one input.
"use strict";

const { Digest } = require("./hash.js");
const { call } = require("./host.js");

const FEATURE = "hashing on the host";
// Bytes from which the first update goes to the host.
const HOST_MIN = 16 * 1024;
const runtime = globalThis.__runtime;
// A host digest collected undigested is dropped on the host.
const undigested = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry((id) => {
    try { call(FEATURE, "hash_drop", id); } catch (_) { /* the context is closing */ }
  })
  : { register() {}, unregister() {} };

class LargeDigest {
  constructor(algo, from = null) {
    this.algo = algo;
    this.js = from === null ? new Digest(algo) : from.js;
    this.host = from === null ? null : from.host;
    this.fresh = from === null;
    if (this.host !== null) undigested.register(this, this.host, this);
  }

  copy() {
    const copy = new LargeDigest(this.algo, {
      js: this.js === null ? null : this.js.copy(),
      host: this.host === null ? null : call(FEATURE, "hash_copy", this.host),
    });
    copy.fresh = this.fresh;
    return copy;
  }

  update(bytes) {
    if (this.fresh) {
      this.fresh = false;
      if (bytes.length >= HOST_MIN && runtime.syncHost) {
        this.host = call(FEATURE, "hash_start", this.algo.name, bytes);
        undigested.register(this, this.host, this);
        this.js = null;
        return this;
      }
    }
    if (this.host !== null) call(FEATURE, "hash_update", this.host, bytes);
    else this.js.update(bytes);
    return this;
  }

  digest() {
    if (this.host === null) return this.js.digest();
    undigested.unregister(this);
    const bytes = call(FEATURE, "hash_digest", this.host);
    this.host = null;
    this.js = { digest: () => bytes };
    return bytes;
  }
}

// One input's digest, on the host when it is large.
function digestOnce(algo, bytes) {
  if (bytes.length >= HOST_MIN && runtime.syncHost) return call(FEATURE, "hash_once", algo.name, bytes);
  return new Digest(algo).update(bytes).digest();
}

module.exports = { LargeDigest, digestOnce, HOST_MIN };
