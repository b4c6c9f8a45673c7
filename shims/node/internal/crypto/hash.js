// The message digests of node:crypto, in pure JS and incremental: a Digest keeps the running
// state and at most one partial block, never the whole input. SHA-1/256/512's compression
// functions are the web crypto shim's (__runtime.shaBlocks); MD5's is here. SHA-224,
// SHA-384 and SHA-512/t are SHA-256/512 with their own initial values, truncated.
"use strict";

const blocks = globalThis.__runtime.shaBlocks;

// ------------------------------------------------------------------ MD5 (RFC 1321)
const MD5_K = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]);
// Left rotations: four per round, each used four times in turn.
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const M = new Int32Array(16);

function md5Block(H, p, o) {
  for (let i = 0; i < 16; i++, o += 4) M[i] = p[o] | (p[o + 1] << 8) | (p[o + 2] << 16) | (p[o + 3] << 24);
  let a = H[0], b = H[1], c = H[2], d = H[3];
  for (let i = 0; i < 64; i++) {
    let f, g;
    if (i < 16) { f = (b & c) | (~b & d); g = i; }
    else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
    else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
    else { f = c ^ (b | ~d); g = (7 * i) & 15; }
    const s = MD5_S[((i >> 4) << 2) | (i & 3)];
    const x = (a + f + MD5_K[i] + M[g]) | 0;
    a = d; d = c; c = b;
    b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
  }
  H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
}

// ------------------------------------------------------------------ the algorithms
function words(hex) {
  return Int32Array.from(hex.split(" "), (w) => parseInt(w, 16) | 0);
}
// blockSize and the length field in bytes; size: the digest's bytes; littleEndian: MD5's
// byte order for words and the length.
function algorithm(name, block, blockSize, iv, size, littleEndian = false) {
  return { name, block, blockSize, lengthSize: blockSize / 8, iv, size, littleEndian };
}
const SHA512_IV = words("6a09e667 f3bcc908 bb67ae85 84caa73b 3c6ef372 fe94f82b a54ff53a 5f1d36f1" +
  " 510e527f ade682d1 9b05688c 2b3e6c1f 1f83d9ab fb41bd6b 5be0cd19 137e2179");
const ALGORITHMS = {
  md5: algorithm("md5", md5Block, 64, words("67452301 efcdab89 98badcfe 10325476"), 16, true),
  sha1: algorithm("sha1", blocks["SHA-1"], 64, words("67452301 efcdab89 98badcfe 10325476 c3d2e1f0"), 20),
  sha224: algorithm("sha224", blocks["SHA-256"], 64,
    words("c1059ed8 367cd507 3070dd17 f70e5939 ffc00b31 68581511 64f98fa7 befa4fa4"), 28),
  sha256: algorithm("sha256", blocks["SHA-256"], 64, SHA512_IV.filter((_, i) => i % 2 === 0), 32),
  sha384: algorithm("sha384", blocks["SHA-512"], 128,
    words("cbbb9d5d c1059ed8 629a292a 367cd507 9159015a 3070dd17 152fecd8 f70e5939" +
      " 67332667 ffc00b31 8eb44a87 68581511 db0c2e0d 64f98fa7 47b5481d befa4fa4"), 48),
  sha512: algorithm("sha512", blocks["SHA-512"], 128, SHA512_IV, 64),
  "sha512-224": algorithm("sha512-224", blocks["SHA-512"], 128,
    words("8c3d37c8 19544da2 73e19966 89dcd4d6 1dfab7ae 32ff9c82 679dd514 582f9fcf" +
      " 0f6d2b69 7bd44da8 77e36f73 04c48942 3f9d85a8 6a1d36c8 1112e6ad 91d692a1"), 28),
  "sha512-256": algorithm("sha512-256", blocks["SHA-512"], 128,
    words("22312194 fc2bf72c 9f555fa3 c84c64c2 2393b86b 6f53b151 96387719 5940eabd" +
      " 96283ee2 a88effe3 be5e1e25 53863992 2b0199fc 2c85b8aa 0eb72ddc 81c52ca2"), 32),
};

// The names OpenSSL (and so Node) knows each by, lower-cased: its own names, the legacy
// signature names, the OIDs.
const ALIASES = new Map();
function alias(name, ...others) {
  for (const other of [name, ...others]) ALIASES.set(other, ALGORITHMS[name]);
}
alias("md5", "rsa-md5", "md5withrsaencryption", "ssl3-md5", "1.2.840.113549.2.5");
alias("sha1", "sha-1", "rsa-sha1", "rsa-sha1-2", "sha1withrsaencryption", "ssl3-sha1", "1.3.14.3.2.26");
for (const [bits, oid] of [["224", 4], ["256", 1], ["384", 2], ["512", 3]]) {
  alias(`sha${bits}`, `sha-${bits}`, `sha2-${bits}`, `rsa-sha${bits}`, `sha${bits}withrsaencryption`,
    `2.16.840.1.101.3.4.2.${oid}`);
}
for (const [bits, oid] of [["224", 5], ["256", 6]]) {
  alias(`sha512-${bits}`, `sha-512/${bits}`, `sha2-512/${bits}`, `rsa-sha512/${bits}`,
    `sha512-${bits}withrsaencryption`, `2.16.840.1.101.3.4.2.${oid}`);
}

// Digests with no JS implementation here: createHash, createHmac and crypto.hash compute
// them on the host (OpenSSL), whatever the input's size. [name, block size, digest size].
const HOST_ONLY = new Map();
for (const [name, blockSize, size, ...others] of [
  ["sha3-224", 144, 28, "2.16.840.1.101.3.4.2.7"], ["sha3-256", 136, 32, "2.16.840.1.101.3.4.2.8"],
  ["sha3-384", 104, 48, "2.16.840.1.101.3.4.2.9"], ["sha3-512", 72, 64, "2.16.840.1.101.3.4.2.10"],
  ["ripemd160", 64, 20, "ripemd", "rmd160", "ripemd-160", "rsa-ripemd160", "ripemd160withrsa", "1.3.36.3.2.1"],
  ["blake2b512", 128, 64], ["blake2s256", 64, 32], ["sm3", 64, 32], ["md5-sha1", 64, 36],
]) {
  const algo = { name, blockSize, size, hostOnly: true };
  for (const other of [name, ...others]) HOST_ONLY.set(other, algo);
}
// The algorithm createHash/createHmac take for a name: one of lookup's, or a host-only one.
function lookupAny(name) {
  const lower = name.toLowerCase();
  return ALIASES.get(lower) || HOST_ONLY.get(lower);
}

// The names crypto.getHashes() lists (Node's spelling, sorted as Node sorts them).
const HASH_NAMES = [
  "RSA-MD5", "RSA-SHA1", "RSA-SHA1-2", "RSA-SHA224", "RSA-SHA256", "RSA-SHA384", "RSA-SHA512",
  "RSA-SHA512/224", "RSA-SHA512/256", "md5", "md5WithRSAEncryption", "sha1", "sha1WithRSAEncryption",
  "sha224", "sha224WithRSAEncryption", "sha256", "sha256WithRSAEncryption", "sha384",
  "sha384WithRSAEncryption", "sha512", "sha512-224", "sha512-224WithRSAEncryption", "sha512-256",
  "sha512-256WithRSAEncryption", "sha512WithRSAEncryption", "ssl3-md5", "ssl3-sha1",
  "RSA-RIPEMD160", "blake2b512", "blake2s256", "md5-sha1", "ripemd", "ripemd160", "ripemd160WithRSA", "rmd160",
  "sha3-224", "sha3-256", "sha3-384", "sha3-512", "sm3",
].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

// The algorithm a name means (any case), or undefined.
function lookup(name) {
  return ALIASES.get(name.toLowerCase());
}

// ------------------------------------------------------------------ the incremental digest
class Digest {
  constructor(algo) {
    this.algo = algo;
    this.state = Int32Array.from(algo.iv);
    this.pending = new Uint8Array(algo.blockSize); // the partial block
    this.used = 0; // bytes of it in use
    this.length = 0; // bytes hashed so far
    this.result = null; // the digest, once made
  }

  copy() {
    const copy = new Digest(this.algo);
    copy.state.set(this.state);
    copy.pending.set(this.pending);
    copy.used = this.used;
    copy.length = this.length;
    copy.result = this.result;
    return copy;
  }

  // Whole blocks run straight from `bytes`; only a partial block is kept.
  update(bytes) {
    const { block, blockSize } = this.algo;
    const n = bytes.length;
    let i = 0;
    this.length += n;
    if (this.used > 0) {
      i = Math.min(n, blockSize - this.used);
      this.pending.set(bytes.subarray(0, i), this.used);
      this.used += i;
      if (this.used < blockSize) return this;
      block(this.state, this.pending, 0);
      this.used = 0;
    }
    for (; i + blockSize <= n; i += blockSize) block(this.state, bytes, i);
    if (i < n) {
      this.pending.set(bytes.subarray(i));
      this.used = n - i;
    }
    return this;
  }

  // The digest's bytes; asked again, the same bytes (as Node's native hash answers).
  digest() {
    if (this.result === null) this.result = this.finish();
    return this.result.slice();
  }

  finish() {
    const { block, blockSize, lengthSize, littleEndian } = this.algo;
    const tail = this.pending;
    tail[this.used] = 0x80;
    tail.fill(0, this.used + 1);
    if (this.used + 1 > blockSize - lengthSize) {
      block(this.state, tail, 0);
      tail.fill(0);
    }
    writeBitLength(tail, this.length, littleEndian);
    block(this.state, tail, 0);
    return stateBytes(this.algo, this.state, new Uint8Array(this.algo.size), 0);
  }
}

// The message length in bits at the end of the last block (64 bits: lengths here stay
// below 2 ** 53 bytes; SHA-512's 128-bit field keeps its high half zero).
function writeBitLength(tail, length, littleEndian) {
  const hi = Math.floor(length / 0x20000000), lo = (length * 8) >>> 0;
  const end = tail.length;
  for (let k = 0; k < 4; k++) {
    if (littleEndian) {
      tail[end - 8 + k] = lo >>> (8 * k);
      tail[end - 4 + k] = hi >>> (8 * k);
    } else {
      tail[end - 1 - k] = lo >>> (8 * k);
      tail[end - 5 - k] = hi >>> (8 * k);
    }
  }
}

// The first algo.size bytes of the state, in the algorithm's byte order, into out at `at`.
function stateBytes(algo, state, out, at) {
  const shifts = algo.littleEndian ? [0, 8, 16, 24] : [24, 16, 8, 0];
  for (let i = 0; i < algo.size; i++) out[at + i] = state[i >> 2] >>> shifts[i & 3];
  return out;
}

// ------------------------------------------------------------------ HMAC (RFC 2104)
class Hmac {
  constructor(algo, key) {
    const block = new Uint8Array(algo.blockSize);
    block.set(key.length > algo.blockSize ? new Digest(algo).update(key).digest() : key);
    for (let i = 0; i < block.length; i++) block[i] ^= 0x36;
    this.inner = new Digest(algo).update(block);
    for (let i = 0; i < block.length; i++) block[i] ^= 0x36 ^ 0x5c;
    this.outer = new Digest(algo).update(block);
    this.done = false;
  }

  copy() {
    const copy = Object.create(Hmac.prototype);
    copy.inner = this.inner.copy();
    copy.outer = this.outer.copy();
    copy.done = this.done;
    return copy;
  }

  update(bytes) {
    this.inner.update(bytes);
    return this;
  }

  // The MAC's bytes; asked again, none (as Node's native HMAC answers).
  digest() {
    if (this.done) return new Uint8Array(0);
    this.done = true;
    return this.outer.update(this.inner.digest()).digest();
  }
}

function hmac(algo, key, ...parts) {
  const mac = new Hmac(algo, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

module.exports = { ALGORITHMS, HASH_NAMES, Digest, Hmac, hmac, lookup, lookupAny, stateBytes, writeBitLength };
