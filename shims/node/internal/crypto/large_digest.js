// A digest or HMAC that goes to the host when its input is large: the shims' JS hashes
// short inputs faster than a host call costs, the host's OpenSSL hashes long ones several
// times faster than JS. The choice is made on the first update (a digest cannot move
// between them midway); crypto.hash() decides on its one input.
"use strict";

const { Digest, Hmac } = require("./hash.js");
const { call } = require("./host.js");
const { releaser } = require("../host_objects.js");

const FEATURE = "hashing on the host";
// Bytes from which the first update goes to the host.
const HOST_MIN = 16 * 1024;
const runtime = globalThis.__runtime;
// A host digest collected undigested is dropped on the host.
const undigested = releaser((id) => call(FEATURE, "hash_drop", id));

class LargeDigest {
  // `key`: an HMAC's key, or null for a plain digest.
  constructor(algo, key = null) {
    this.algo = algo;
    this.key = key;
    this.host = null;
    this.fresh = !algo.hostOnly;
    if (algo.hostOnly) {
      this.js = null;
      this.adopt(call(FEATURE, "hash_start", algo.name, new Uint8Array(0), key));
    } else {
      this.js = key === null ? new Digest(algo) : new Hmac(algo, key);
    }
  }

  adopt(host) {
    this.host = host;
    this.js = null;
    undigested.register(this, host, this);
  }

  copy() {
    const copy = Object.create(LargeDigest.prototype);
    Object.assign(copy, this);
    if (this.host !== null) copy.adopt(call(FEATURE, "hash_copy", this.host));
    else copy.js = this.js.copy();
    return copy;
  }

  update(bytes) {
    if (this.fresh) {
      this.fresh = false;
      if (bytes.length >= HOST_MIN && runtime.syncHost) {
        this.adopt(call(FEATURE, "hash_start", this.algo.name, bytes, this.key));
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
  if (algo.hostOnly || (bytes.length >= HOST_MIN && runtime.syncHost)) return call(FEATURE, "hash_once", algo.name, bytes);
  return new Digest(algo).update(bytes).digest();
}

module.exports = { LargeDigest, digestOnce, HOST_MIN };
