// Key derivation in pure JS over the HMAC of ./hash.js: PBKDF2 (RFC 8018), HKDF (RFC 5869)
// and scrypt (RFC 7914). Inputs and outputs are Uint8Arrays.
"use strict";

const { ALGORITHMS, Hmac, hmac, stateBytes, writeBitLength } = require("./hash.js");

// HMAC of a message as long as the digest, in place in `u`, for PBKDF2's iterations: the
// inner and the outer hash each take one block after the key's (the message or the inner
// digest, then the padding), so both run on the states keyed once, without allocation.
function iterator(algo, mac) {
  const { block, blockSize, size } = algo;
  const inner = mac.inner.state, outer = mac.outer.state;
  const H = new Int32Array(inner.length);
  const tail = new Uint8Array(blockSize);
  tail[size] = 0x80;
  writeBitLength(tail, blockSize + size, algo.littleEndian);
  return (u) => {
    tail.set(u);
    H.set(inner);
    block(H, tail, 0);
    stateBytes(algo, H, tail, 0);
    H.set(outer);
    block(H, tail, 0);
    stateBytes(algo, H, u, 0);
  };
}

function pbkdf2(algo, password, salt, iterations, keylen) {
  const mac = new Hmac(algo, password);
  const next = iterator(algo, mac);
  const { size } = algo;
  const out = new Uint8Array(keylen);
  const index = new Uint8Array(4);
  const u = new Uint8Array(size), t = new Uint8Array(size);
  for (let i = 1, at = 0; at < keylen; i++, at += size) {
    index[0] = i >>> 24; index[1] = i >>> 16; index[2] = i >>> 8; index[3] = i;
    u.set(mac.copy().update(salt).update(index).digest());
    t.set(u);
    for (let j = 1; j < iterations; j++) {
      next(u);
      for (let k = 0; k < size; k++) t[k] ^= u[k];
    }
    out.set(t.subarray(0, Math.min(size, keylen - at)), at);
  }
  return out;
}

function hkdf(algo, ikm, salt, info, length) {
  const prk = hmac(algo, salt, ikm);
  const out = new Uint8Array(length);
  let t = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += algo.size) {
    t = hmac(algo, prk, t, info, Uint8Array.of(i));
    out.set(t.subarray(0, Math.min(algo.size, length - at)), at);
  }
  return out;
}

// ------------------------------------------------------------------ scrypt
// Salsa20/8's core on the 16 words of B from `at`, in place.
function salsa8(B, at) {
  let x0 = B[at], x1 = B[at + 1], x2 = B[at + 2], x3 = B[at + 3], x4 = B[at + 4], x5 = B[at + 5];
  let x6 = B[at + 6], x7 = B[at + 7], x8 = B[at + 8], x9 = B[at + 9], x10 = B[at + 10];
  let x11 = B[at + 11], x12 = B[at + 12], x13 = B[at + 13], x14 = B[at + 14], x15 = B[at + 15];
  let t;
  for (let i = 0; i < 8; i += 2) {
    t = (x0 + x12) | 0; x4 ^= (t << 7) | (t >>> 25);
    t = (x4 + x0) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x4) | 0; x12 ^= (t << 13) | (t >>> 19);
    t = (x12 + x8) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x1) | 0; x9 ^= (t << 7) | (t >>> 25);
    t = (x9 + x5) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x9) | 0; x1 ^= (t << 13) | (t >>> 19);
    t = (x1 + x13) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x6) | 0; x14 ^= (t << 7) | (t >>> 25);
    t = (x14 + x10) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x14) | 0; x6 ^= (t << 13) | (t >>> 19);
    t = (x6 + x2) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x11) | 0; x3 ^= (t << 7) | (t >>> 25);
    t = (x3 + x15) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x3) | 0; x11 ^= (t << 13) | (t >>> 19);
    t = (x11 + x7) | 0; x15 ^= (t << 18) | (t >>> 14);
    t = (x0 + x3) | 0; x1 ^= (t << 7) | (t >>> 25);
    t = (x1 + x0) | 0; x2 ^= (t << 9) | (t >>> 23);
    t = (x2 + x1) | 0; x3 ^= (t << 13) | (t >>> 19);
    t = (x3 + x2) | 0; x0 ^= (t << 18) | (t >>> 14);
    t = (x5 + x4) | 0; x6 ^= (t << 7) | (t >>> 25);
    t = (x6 + x5) | 0; x7 ^= (t << 9) | (t >>> 23);
    t = (x7 + x6) | 0; x4 ^= (t << 13) | (t >>> 19);
    t = (x4 + x7) | 0; x5 ^= (t << 18) | (t >>> 14);
    t = (x10 + x9) | 0; x11 ^= (t << 7) | (t >>> 25);
    t = (x11 + x10) | 0; x8 ^= (t << 9) | (t >>> 23);
    t = (x8 + x11) | 0; x9 ^= (t << 13) | (t >>> 19);
    t = (x9 + x8) | 0; x10 ^= (t << 18) | (t >>> 14);
    t = (x15 + x14) | 0; x12 ^= (t << 7) | (t >>> 25);
    t = (x12 + x15) | 0; x13 ^= (t << 9) | (t >>> 23);
    t = (x13 + x12) | 0; x14 ^= (t << 13) | (t >>> 19);
    t = (x14 + x13) | 0; x15 ^= (t << 18) | (t >>> 14);
  }
  B[at] += x0; B[at + 1] += x1; B[at + 2] += x2; B[at + 3] += x3; B[at + 4] += x4; B[at + 5] += x5;
  B[at + 6] += x6; B[at + 7] += x7; B[at + 8] += x8; B[at + 9] += x9; B[at + 10] += x10;
  B[at + 11] += x11; B[at + 12] += x12; B[at + 13] += x13; B[at + 14] += x14; B[at + 15] += x15;
}

// scryptBlockMix of the 2r 64-byte blocks in B (as words), through Y (as large as B): each
// block is salsa8(previous output ^ block), even ones to Y's first half, odd ones to its second.
function blockMix(B, Y, r) {
  let src = B, prev = (2 * r - 1) * 16; // the previous output: B's last block at first
  for (let i = 0; i < 2 * r; i++) {
    const at = ((i & 1) * r + (i >> 1)) * 16;
    for (let k = 0; k < 16; k++) Y[at + k] = src[prev + k] ^ B[i * 16 + k];
    salsa8(Y, at);
    src = Y;
    prev = at;
  }
  B.set(Y);
}

// scryptROMix on the 128r bytes of `bytes` from `at`, in place.
function roMix(bytes, at, N, r, V, X, Y) {
  const n = 32 * r;
  for (let k = 0; k < n; k++) {
    const o = at + 4 * k;
    X[k] = bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16) | (bytes[o + 3] << 24);
  }
  for (let i = 0; i < N; i++) {
    V.set(X, i * n);
    blockMix(X, Y, r);
  }
  const last = (2 * r - 1) * 16;
  for (let i = 0; i < N; i++) {
    const j = (X[last] & (N - 1)) * n;
    for (let k = 0; k < n; k++) X[k] ^= V[j + k];
    blockMix(X, Y, r);
  }
  for (let k = 0; k < n; k++) {
    const o = at + 4 * k, w = X[k];
    bytes[o] = w; bytes[o + 1] = w >>> 8; bytes[o + 2] = w >>> 16; bytes[o + 3] = w >>> 24;
  }
}

// N a power of two, the parameters within OpenSSL's limits (see scryptError).
function scrypt(password, salt, N, r, p, keylen) {
  const sha256 = ALGORITHMS.sha256;
  const B = pbkdf2(sha256, password, salt, 1, 128 * r * p);
  const V = new Int32Array(32 * r * N), X = new Int32Array(32 * r), Y = new Int32Array(32 * r);
  for (let i = 0; i < p; i++) roMix(B, 128 * r * i, N, r, V, X, Y);
  return pbkdf2(sha256, password, B, 1, keylen);
}

const SCRYPT_PR_MAX = 2 ** 30 - 1;
const MEMORY_LIMIT = "error:030000AC:digital envelope routines::memory limit exceeded";

// OpenSSL's checks of scrypt's parameters (EVP_PBE_scrypt_ex): null when they pass, else
// the OpenSSL error reported (or "" for one OpenSSL refuses without an error).
function scryptError(N, r, p, maxmem) {
  if (r === 0 || p === 0 || N < 2 || (N & (N - 1)) !== 0) return "";
  if (p > Math.floor(SCRYPT_PR_MAX / r)) return MEMORY_LIMIT;
  if (16 * r <= 63 && N >= 2 ** (16 * r)) return MEMORY_LIMIT;
  const bLength = 128 * r * p;
  if (bLength > 2 ** 31 - 1) return MEMORY_LIMIT;
  if (BigInt(N) + 2n > (2n ** 57n - 1n) / BigInt(r)) return MEMORY_LIMIT;
  if (BigInt(bLength) + 128n * BigInt(r) * (BigInt(N) + 2n) > BigInt(maxmem)) return MEMORY_LIMIT;
  return null;
}

module.exports = { pbkdf2, hkdf, scrypt, scryptError };
