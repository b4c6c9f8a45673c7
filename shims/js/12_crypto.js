// crypto (getRandomValues, randomUUID, subtle.digest) with a ChaCha20 CSPRNG seeded from
// the host's OS entropy (__runtime.takeSeed(), 32 bytes as hex), never Math.random; pure-JS
// SHA-1, SHA-256, SHA-384, SHA-512 (64-bit words as pairs of int32). The rest of
// crypto.subtle and CryptoKey: the API's checks here, the keys and the cryptography on the
// host (runtime/web_crypto.py, OpenSSL through the `cryptography` package).
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, interfaceMembers, bufferSource, requireArgs, isObject, isArrayBuffer } = runtime.webidl;
  const DOMException = globalThis.DOMException;
  const isView = ArrayBuffer.isView;
  const typedTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const ILLEGAL = Symbol("illegal constructor");

  // The seed is handed out once: scripts cannot read it afterwards.
  let seedHex = runtime.takeSeed();

  // ------------------------------------------------------------------ ChaCha20 CSPRNG
  // Fast key erasure: each refill runs ChaCha20 (key, nonce 0) for 16 blocks; the first
  // 32 bytes become the next key, the other 992 are handed out once and then zeroed.
  const BLOCKS = 16;
  let key = null; // Int32Array(8)
  const pool = new Uint8Array(BLOCKS * 64);
  const pool32 = new Int32Array(pool.buffer);
  let poolPos = pool.length;
  const st = new Int32Array(16);
  const x = new Int32Array(16);
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

  function seedKey() {
    if (typeof seedHex !== "string" || !/^[0-9a-fA-F]{64}$/.test(seedHex)) {
      throw new DOMException("crypto: the host gave this context no entropy seed", "OperationError");
    }
    key = new Int32Array(8);
    for (let i = 0; i < 8; i++) {
      // little-endian 32-bit words of the 32 seed bytes
      let w = 0;
      for (let b = 3; b >= 0; b--) w = (w << 8) | parseInt(seedHex.substr((i * 4 + b) * 2, 2), 16);
      key[i] = w;
    }
    seedHex = null;
  }
  function chachaBlock(counter, out, at, n0 = 0, n1 = 0, n2 = 0) {
    st[0] = 0x61707865; st[1] = 0x3320646e; st[2] = 0x79622d32; st[3] = 0x6b206574;
    for (let i = 0; i < 8; i++) st[4 + i] = key[i];
    st[12] = counter; st[13] = n0; st[14] = n1; st[15] = n2;
    x.set(st);
    let x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
    let x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11], x12 = x[12], x13 = x[13], x14 = x[14], x15 = x[15];
    let t;
    for (let r = 0; r < 10; r++) {
      // column rounds
      x0 = (x0 + x4) | 0; t = x12 ^ x0; x12 = (t << 16) | (t >>> 16);
      x8 = (x8 + x12) | 0; t = x4 ^ x8; x4 = (t << 12) | (t >>> 20);
      x0 = (x0 + x4) | 0; t = x12 ^ x0; x12 = (t << 8) | (t >>> 24);
      x8 = (x8 + x12) | 0; t = x4 ^ x8; x4 = (t << 7) | (t >>> 25);
      x1 = (x1 + x5) | 0; t = x13 ^ x1; x13 = (t << 16) | (t >>> 16);
      x9 = (x9 + x13) | 0; t = x5 ^ x9; x5 = (t << 12) | (t >>> 20);
      x1 = (x1 + x5) | 0; t = x13 ^ x1; x13 = (t << 8) | (t >>> 24);
      x9 = (x9 + x13) | 0; t = x5 ^ x9; x5 = (t << 7) | (t >>> 25);
      x2 = (x2 + x6) | 0; t = x14 ^ x2; x14 = (t << 16) | (t >>> 16);
      x10 = (x10 + x14) | 0; t = x6 ^ x10; x6 = (t << 12) | (t >>> 20);
      x2 = (x2 + x6) | 0; t = x14 ^ x2; x14 = (t << 8) | (t >>> 24);
      x10 = (x10 + x14) | 0; t = x6 ^ x10; x6 = (t << 7) | (t >>> 25);
      x3 = (x3 + x7) | 0; t = x15 ^ x3; x15 = (t << 16) | (t >>> 16);
      x11 = (x11 + x15) | 0; t = x7 ^ x11; x7 = (t << 12) | (t >>> 20);
      x3 = (x3 + x7) | 0; t = x15 ^ x3; x15 = (t << 8) | (t >>> 24);
      x11 = (x11 + x15) | 0; t = x7 ^ x11; x7 = (t << 7) | (t >>> 25);
      // diagonal rounds
      x0 = (x0 + x5) | 0; t = x15 ^ x0; x15 = (t << 16) | (t >>> 16);
      x10 = (x10 + x15) | 0; t = x5 ^ x10; x5 = (t << 12) | (t >>> 20);
      x0 = (x0 + x5) | 0; t = x15 ^ x0; x15 = (t << 8) | (t >>> 24);
      x10 = (x10 + x15) | 0; t = x5 ^ x10; x5 = (t << 7) | (t >>> 25);
      x1 = (x1 + x6) | 0; t = x12 ^ x1; x12 = (t << 16) | (t >>> 16);
      x11 = (x11 + x12) | 0; t = x6 ^ x11; x6 = (t << 12) | (t >>> 20);
      x1 = (x1 + x6) | 0; t = x12 ^ x1; x12 = (t << 8) | (t >>> 24);
      x11 = (x11 + x12) | 0; t = x6 ^ x11; x6 = (t << 7) | (t >>> 25);
      x2 = (x2 + x7) | 0; t = x13 ^ x2; x13 = (t << 16) | (t >>> 16);
      x8 = (x8 + x13) | 0; t = x7 ^ x8; x7 = (t << 12) | (t >>> 20);
      x2 = (x2 + x7) | 0; t = x13 ^ x2; x13 = (t << 8) | (t >>> 24);
      x8 = (x8 + x13) | 0; t = x7 ^ x8; x7 = (t << 7) | (t >>> 25);
      x3 = (x3 + x4) | 0; t = x14 ^ x3; x14 = (t << 16) | (t >>> 16);
      x9 = (x9 + x14) | 0; t = x4 ^ x9; x4 = (t << 12) | (t >>> 20);
      x3 = (x3 + x4) | 0; t = x14 ^ x3; x14 = (t << 8) | (t >>> 24);
      x9 = (x9 + x14) | 0; t = x4 ^ x9; x4 = (t << 7) | (t >>> 25);
    }
    x[0] = x0; x[1] = x1; x[2] = x2; x[3] = x3; x[4] = x4; x[5] = x5; x[6] = x6; x[7] = x7;
    x[8] = x8; x[9] = x9; x[10] = x10; x[11] = x11; x[12] = x12; x[13] = x13; x[14] = x14; x[15] = x15;
    for (let i = 0; i < 16; i++) out[at + i] = (x[i] + st[i]) | 0;
  }
  // Exposed for the known-answer test (RFC 8439 2.3.2): key as 8 words, one block out.
  function chachaTest(keyWords, counter, nonceWords) {
    const saved = key;
    key = Int32Array.from(keyWords);
    const out = new Int32Array(16);
    chachaBlock(counter, out, 0, nonceWords[0], nonceWords[1], nonceWords[2]);
    key = saved;
    return out;
  }
  function refill() {
    if (key === null) seedKey();
    for (let b = 0; b < BLOCKS; b++) chachaBlock(b, pool32, b * 16);
    if (!littleEndian) {
      for (let i = 0; i < pool32.length; i++) {
        const w = pool32[i];
        pool32[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
      }
    }
    for (let i = 0; i < 8; i++) key[i] = pool32[i] | 0;
    pool.fill(0, 0, 32);
    poolPos = 32;
  }
  function randomFill(bytes) {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (poolPos >= pool.length) refill();
      const take = Math.min(n - i, pool.length - poolPos);
      bytes.set(pool.subarray(poolPos, poolPos + take), i);
      pool.fill(0, poolPos, poolPos + take);
      poolPos += take;
      i += take;
    }
    return bytes;
  }

  // ------------------------------------------------------------------ SHA-1 / SHA-256
  const K256 = new Int32Array(64);
  const IV256 = new Int32Array(8);
  const W = new Int32Array(80);

  function sha1Block(H, p, o) {
    for (let t = 0; t < 16; t++, o += 4) W[t] = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
    for (let t = 16; t < 80; t++) {
      const v = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16];
      W[t] = (v << 1) | (v >>> 31);
    }
    let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4];
    for (let t = 0; t < 80; t++) {
      let f, k;
      if (t < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (t < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const tmp = (((a << 5) | (a >>> 27)) + f + e + k + W[t]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0; H[4] = (H[4] + e) | 0;
  }
  function sha256Block(H, p, o) {
    for (let t = 0; t < 16; t++, o += 4) W[t] = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15], w2 = W[t - 2];
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K256[t] + W[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
  }

  // ------------------------------------------------------------------ SHA-384 / SHA-512
  const WH = new Int32Array(80), WL = new Int32Array(80);
  function sha512Block(H, p, o) {
    for (let t = 0; t < 16; t++, o += 8) {
      WH[t] = (p[o] << 24) | (p[o + 1] << 16) | (p[o + 2] << 8) | p[o + 3];
      WL[t] = (p[o + 4] << 24) | (p[o + 5] << 16) | (p[o + 6] << 8) | p[o + 7];
    }
    for (let t = 16; t < 80; t++) {
      let h = WH[t - 15], l = WL[t - 15];
      const s0h = ((h >>> 1) | (l << 31)) ^ ((h >>> 8) | (l << 24)) ^ (h >>> 7);
      const s0l = ((l >>> 1) | (h << 31)) ^ ((l >>> 8) | (h << 24)) ^ ((l >>> 7) | (h << 25));
      h = WH[t - 2]; l = WL[t - 2];
      const s1h = ((h >>> 19) | (l << 13)) ^ ((l >>> 29) | (h << 3)) ^ (h >>> 6);
      const s1l = ((l >>> 19) | (h << 13)) ^ ((h >>> 29) | (l << 3)) ^ ((l >>> 6) | (h << 26));
      const lo = (WL[t - 16] >>> 0) + (s0l >>> 0) + (WL[t - 7] >>> 0) + (s1l >>> 0);
      WH[t] = (WH[t - 16] + s0h + WH[t - 7] + s1h + ((lo / 0x100000000) | 0)) | 0;
      WL[t] = lo | 0;
    }
    let ah = H[0], al = H[1], bh = H[2], bl = H[3], ch = H[4], cl = H[5], dh = H[6], dl = H[7];
    let eh = H[8], el = H[9], fh = H[10], fl = H[11], gh = H[12], gl = H[13], hh = H[14], hl = H[15];
    for (let t = 0; t < 80; t++) {
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      const t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (K512[2 * t + 1] >>> 0) + (WL[t] >>> 0);
      const t1h = (hh + S1h + chh + K512[2 * t] + WH[t] + ((t1l / 0x100000000) | 0)) | 0;
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const majh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const majl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (S0l >>> 0) + (majl >>> 0);
      const t2h = (S0h + majh + ((t2l / 0x100000000) | 0)) | 0;
      hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
      const el2 = (dl >>> 0) + ((t1l | 0) >>> 0);
      eh = (dh + t1h + ((el2 / 0x100000000) | 0)) | 0; el = el2 | 0;
      dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
      const al2 = ((t1l | 0) >>> 0) + ((t2l | 0) >>> 0);
      ah = (t1h + t2h + ((al2 / 0x100000000) | 0)) | 0; al = al2 | 0;
    }
    const add = (i, vh, vl) => {
      const lo = (H[i + 1] >>> 0) + (vl >>> 0);
      H[i] = (H[i] + vh + ((lo / 0x100000000) | 0)) | 0;
      H[i + 1] = lo | 0;
    };
    add(0, ah, al); add(2, bh, bl); add(4, ch, cl); add(6, dh, dl);
    add(8, eh, el); add(10, fh, fl); add(12, gh, gl); add(14, hh, hl);
  }

  // Merkle-Damgard driver: full blocks straight from the input, then the padded tail.
  function hash(bytes, H, blockFn, blockSize, lengthSize, outWords) {
    const n = bytes.length;
    const full = n - (n % blockSize);
    for (let o = 0; o < full; o += blockSize) blockFn(H, bytes, o);
    const rest = n - full;
    const tailLen = rest + 1 + lengthSize <= blockSize ? blockSize : 2 * blockSize;
    const tail = new Uint8Array(tailLen);
    tail.set(bytes.subarray(full));
    tail[rest] = 0x80;
    const bitsHi = Math.floor(n / 0x20000000), bitsLo = (n * 8) >>> 0;
    tail[tailLen - 8] = bitsHi >>> 24; tail[tailLen - 7] = bitsHi >>> 16; tail[tailLen - 6] = bitsHi >>> 8; tail[tailLen - 5] = bitsHi;
    tail[tailLen - 4] = bitsLo >>> 24; tail[tailLen - 3] = bitsLo >>> 16; tail[tailLen - 2] = bitsLo >>> 8; tail[tailLen - 1] = bitsLo;
    for (let o = 0; o < tailLen; o += blockSize) blockFn(H, tail, o);
    const out = new Uint8Array(outWords * 4);
    for (let i = 0; i < outWords; i++) {
      const w = H[i];
      out[4 * i] = w >>> 24; out[4 * i + 1] = w >>> 16; out[4 * i + 2] = w >>> 8; out[4 * i + 3] = w;
    }
    return out.buffer;
  }
  const DIGESTS = {
    "SHA-1": (b) => hash(b, Int32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0), sha1Block, 64, 8, 5),
    "SHA-256": (b) => hash(b, Int32Array.from(IV256), sha256Block, 64, 8, 8),
    "SHA-384": (b) => hash(b, Int32Array.from(IV384), sha512Block, 128, 16, 12),
    "SHA-512": (b) => hash(b, Int32Array.from(IV512), sha512Block, 128, 16, 16),
  };

  const K512 = new Int32Array([
    0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
    0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
    0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
    0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
    0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
    0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
    0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
    0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
    0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
    0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
    0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
    0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
    0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
    0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
    0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
    0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
    0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
    0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
    0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
    0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
  ]);
  const IV512 = new Int32Array([
    0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
    0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
  ]);
  const IV384 = new Int32Array([
    0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939,
    0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4,
  ]);
  for (let i = 0; i < 64; i++) K256[i] = K512[2 * i];
  for (let i = 0; i < 8; i++) IV256[i] = IV512[2 * i];

  function normalizeAlgorithm(algorithm) {
    let name;
    if (typeof algorithm === "string") name = algorithm;
    else if (algorithm !== null && typeof algorithm === "object") {
      if (algorithm.name === undefined) throw new TypeError("Algorithm: name is missing");
      name = String(algorithm.name);
    } else {
      name = String(algorithm);
    }
    const upper = name.toUpperCase();
    for (const known of Object.keys(DIGESTS)) if (known === upper) return known;
    return null;
  }

  // ------------------------------------------------------------------ CryptoKey
  // The Web Cryptography API's own part (argument conversion, algorithm normalisation,
  // usage and key-type checks, JWK member checks, the errors) is here, to the spec; the
  // cryptography and the key material are on the host (runtime/web_crypto.py, OpenSSL).
  // A CryptoKey holds the host's id for its key, never the material.
  const webcrypto = runtime.hostFunction("webcrypto");
  const released = [];
  const finalizer = typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((id) => { released.push(id); }) : null;
  // One host operation; the host answers {ok} or {error: [DOMException name, message]}.
  // A sync host call answers at once, an async one (an engine without them) with a promise.
  async function host(op, ...args) {
    if (webcrypto === undefined) throw err("OperationError", "crypto.subtle: the host gave this context no key store");
    if (released.length > 0) webcrypto("release", released.splice(0));
    const answer = await webcrypto(op, ...args);
    if (answer.error) throw new DOMException(answer.error[1], answer.error[0]);
    return answer.ok;
  }
  function err(name, message) { return new DOMException(message, name); }

  const USAGES = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
  const FORMATS = ["raw", "spki", "pkcs8", "jwk"];
  const SLOTS = new WeakMap();
  class CryptoKey {
    constructor(k = undefined) { if (k !== ILLEGAL) throw new TypeError("Illegal constructor"); }
    get type() { return slots(this).type; }
    get extractable() { return slots(this).extractable; }
    get algorithm() { return slots(this).algorithmCached; }
    get usages() { return slots(this).usagesCached; }
  }
  interfaceMembers(CryptoKey.prototype, "CryptoKey");
  function slots(key) {
    const s = SLOTS.get(key);
    if (s === undefined) throw new TypeError("Illegal invocation: not a CryptoKey");
    return s;
  }
  function isKey(v) { return SLOTS.has(v); }
  // [[algorithm]] as JS sees it: a KeyAlgorithm dictionary (members in IDL order: name,
  // then the derived dictionaries' members sorted), the hash as {name}.
  function algorithmObject(a) {
    const o = { name: a.name };
    if (a.modulusLength !== undefined) {
      o.modulusLength = a.modulusLength;
      o.publicExponent = new Uint8Array(a.publicExponent);
    }
    if (a.hash !== undefined) o.hash = { name: a.hash };
    if (a.length !== undefined) o.length = a.length;
    if (a.namedCurve !== undefined) o.namedCurve = a.namedCurve;
    return o;
  }
  function makeKey(id, type, extractable, algorithm, usages) {
    const key = new CryptoKey(ILLEGAL);
    SLOTS.set(key, {
      id, type, extractable, algorithm, usages,
      algorithmCached: algorithmObject(algorithm), usagesCached: usages.slice(),
    });
    if (finalizer !== null) finalizer.register(key, id);
    return key;
  }

  // ------------------------------------------------------------------ algorithm registry
  const SIGN = ["sign", "verify"], DERIVE = ["deriveKey", "deriveBits"];
  const AES_USES = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  // Per algorithm: usages a secret key may have, or a public and a private key may have;
  // the JWK "use" it accepts.
  const KEYS = {
    "HMAC": { secret: SIGN, use: "sig" },
    "AES-CTR": { secret: AES_USES, use: "enc" },
    "AES-CBC": { secret: AES_USES, use: "enc" },
    "AES-GCM": { secret: AES_USES, use: "enc" },
    "AES-KW": { secret: ["wrapKey", "unwrapKey"], use: "enc" },
    "PBKDF2": { secret: DERIVE },
    "HKDF": { secret: DERIVE },
    "RSASSA-PKCS1-v1_5": { public: ["verify"], private: ["sign"], use: "sig" },
    "RSA-PSS": { public: ["verify"], private: ["sign"], use: "sig" },
    "RSA-OAEP": { public: ["encrypt", "wrapKey"], private: ["decrypt", "unwrapKey"], use: "enc" },
    "ECDSA": { public: ["verify"], private: ["sign"], use: "sig" },
    "Ed25519": { public: ["verify"], private: ["sign"], use: "sig" },
    "Ed448": { public: ["verify"], private: ["sign"], use: "sig" },
    "ECDH": { public: [], private: DERIVE, use: "enc" },
    "X25519": { public: [], private: DERIVE, use: "enc" },
    "X448": { public: [], private: DERIVE, use: "enc" },
  };
  const RSA = ["RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"];
  const AES = ["AES-CTR", "AES-CBC", "AES-GCM", "AES-KW"];
  const CURVES = ["P-256", "P-384", "P-521"];
  const HASH_BLOCK = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const HASH_SUFFIX = { "SHA-1": "1", "SHA-256": "256", "SHA-384": "384", "SHA-512": "512" };

  // The spec's table of supported algorithms: operation -> name -> params dictionary.
  const SIGNERS = { "RSASSA-PKCS1-v1_5": null, "RSA-PSS": "RsaPssParams", "ECDSA": "EcdsaParams", "Ed25519": null, "Ed448": "Ed448Params", "HMAC": null };
  const CIPHERS = { "RSA-OAEP": "RsaOaepParams", "AES-CTR": "AesCtrParams", "AES-CBC": "AesCbcParams", "AES-GCM": "AesGcmParams" };
  const OPS = {
    sign: SIGNERS,
    verify: SIGNERS,
    encrypt: CIPHERS,
    decrypt: CIPHERS,
    digest: { "SHA-1": null, "SHA-256": null, "SHA-384": null, "SHA-512": null },
    generateKey: {
      "RSASSA-PKCS1-v1_5": "RsaHashedKeyGenParams", "RSA-PSS": "RsaHashedKeyGenParams", "RSA-OAEP": "RsaHashedKeyGenParams",
      "ECDSA": "EcKeyGenParams", "ECDH": "EcKeyGenParams", "Ed25519": null, "X25519": null, "Ed448": null, "X448": null,
      "HMAC": "HmacKeyGenParams",
      "AES-CTR": "AesKeyGenParams", "AES-CBC": "AesKeyGenParams", "AES-GCM": "AesKeyGenParams", "AES-KW": "AesKeyGenParams",
    },
    importKey: {
      "RSASSA-PKCS1-v1_5": "RsaHashedImportParams", "RSA-PSS": "RsaHashedImportParams", "RSA-OAEP": "RsaHashedImportParams",
      "ECDSA": "EcKeyImportParams", "ECDH": "EcKeyImportParams", "Ed25519": null, "X25519": null, "Ed448": null, "X448": null,
      "HMAC": "HmacImportParams",
      "AES-CTR": null, "AES-CBC": null, "AES-GCM": null, "AES-KW": null, "PBKDF2": null, "HKDF": null,
    },
    deriveBits: {
      "ECDH": "EcdhKeyDeriveParams", "X25519": "EcdhKeyDeriveParams", "X448": "EcdhKeyDeriveParams",
      "HKDF": "HkdfParams", "PBKDF2": "Pbkdf2Params",
    },
    wrapKey: { "AES-KW": null },
    unwrapKey: { "AES-KW": null },
    "get key length": {
      "AES-CTR": "AesDerivedKeyParams", "AES-CBC": "AesDerivedKeyParams", "AES-GCM": "AesDerivedKeyParams",
      "AES-KW": "AesDerivedKeyParams", "HMAC": "HmacImportParams", "HKDF": null, "PBKDF2": null,
    },
  };
  // Params dictionaries: [member, type, required], inherited members first, then sorted.
  const DICTS = {
    RsaPssParams: [["saltLength", "ulong", true]],
    EcdsaParams: [["hash", "hash", true]],
    Ed448Params: [["context", "buffer", false]],
    RsaOaepParams: [["label", "buffer", false]],
    AesCtrParams: [["counter", "buffer", true], ["length", "octet", true]],
    AesCbcParams: [["iv", "buffer", true]],
    AesGcmParams: [["additionalData", "buffer", false], ["iv", "buffer", true], ["tagLength", "octet", false]],
    RsaHashedKeyGenParams: [["modulusLength", "ulong", true], ["publicExponent", "bigint", true], ["hash", "hash", true]],
    EcKeyGenParams: [["namedCurve", "string", true]],
    AesKeyGenParams: [["length", "ushort", true]],
    HmacKeyGenParams: [["hash", "hash", true], ["length", "ulong", false]],
    RsaHashedImportParams: [["hash", "hash", true]],
    EcKeyImportParams: [["namedCurve", "string", true]],
    HmacImportParams: [["hash", "hash", true], ["length", "ulong", false]],
    EcdhKeyDeriveParams: [["public", "key", true]],
    HkdfParams: [["hash", "hash", true], ["info", "buffer", true], ["salt", "buffer", true]],
    Pbkdf2Params: [["hash", "hash", true], ["iterations", "ulong", true], ["salt", "buffer", true]],
    AesDerivedKeyParams: [["length", "ushort", true]],
  };
  const RANGES = { octet: 0xff, ushort: 0xffff, ulong: 0xffffffff };
  function enforceRange(v, type, where) {
    const x = Number(v);
    if (!Number.isFinite(x)) throw new TypeError(`${where} is not a finite number`);
    const n = Math.trunc(x);
    if (n < 0 || n > RANGES[type]) throw new TypeError(`${where} is outside the range of ${type === "ulong" ? "unsigned long" : type === "ushort" ? "unsigned short" : "octet"}`);
    return n;
  }
  function member(value, type, name) {
    switch (type) {
      case "hash": return normalize(value, "digest").name;
      case "buffer": return bufferSource(value, `Algorithm member '${name}'`).slice();
      case "bigint":
        if (!isView(value) || typedTag.call(value) !== "Uint8Array") throw new TypeError(`Algorithm member '${name}' is not a Uint8Array`);
        return value.slice();
      case "string": return `${value}`;
      case "key":
        if (!isKey(value)) throw new TypeError(`Algorithm member '${name}' is not a CryptoKey`);
        return value;
      default: return enforceRange(value, type, `Algorithm member '${name}'`);
    }
  }
  // The spec's "normalize an algorithm": a plain object {name (canonical case), members}.
  function normalize(algorithm, op) {
    if (typeof algorithm === "string") return normalize({ name: algorithm }, op);
    if (!isObject(algorithm)) return normalize({ name: `${algorithm}` }, op);
    const given = algorithm.name;
    if (given === undefined) throw new TypeError("Algorithm: name is missing");
    const upper = `${given}`.toUpperCase();
    const table = OPS[op];
    const name = Object.keys(table).find((n) => n.toUpperCase() === upper);
    if (name === undefined) throw err("NotSupportedError", `Unrecognized algorithm name '${given}' for ${op}`);
    const out = { name };
    const dict = table[name];
    if (dict !== null) {
      for (const [m, type, required] of DICTS[dict]) {
        const v = algorithm[m];
        if (v === undefined) {
          if (required) throw new TypeError(`${dict}: the member '${m}' is required`);
          continue;
        }
        out[m] = member(v, type, m);
      }
    }
    return out;
  }
  // Wrap/unwrap take a key-wrap algorithm, else any cipher (the spec's fallback).
  function normalizeWrap(algorithm, op, fallback) {
    try {
      return [normalize(algorithm, op), op];
    } catch (e) {
      if (!(e instanceof DOMException) || e.name !== "NotSupportedError") throw e;
      return [normalize(algorithm, fallback), fallback];
    }
  }

  // ------------------------------------------------------------------ argument conversion
  function toFormat(v) {
    const s = `${v}`;
    if (!FORMATS.includes(s)) throw new TypeError(`The provided value '${s}' is not a valid enum value of type KeyFormat.`);
    return s;
  }
  function toUsages(v) {
    if (!isObject(v) || typeof v[Symbol.iterator] !== "function") throw new TypeError("keyUsages is not a sequence");
    const out = [];
    for (const u of v) {
      const s = `${u}`;
      if (!USAGES.includes(s)) throw new TypeError(`The provided value '${s}' is not a valid enum value of type KeyUsage.`);
      out.push(s);
    }
    return out;
  }
  // The spec's usages order, duplicates dropped.
  function normalizeUsages(list) { return USAGES.filter((u) => list.includes(u)); }
  function toKey(v, which) {
    if (!isKey(v)) throw new TypeError(`parameter ${which} is not of type 'CryptoKey'.`);
    return v;
  }
  const JWK_STRINGS = ["alg", "crv", "d", "dp", "dq", "e", "k", "kty", "n", "p", "q", "qi", "use", "x", "y"];
  // JsonWebKey as Web IDL converts it: the members it knows, converted, in sorted order.
  function toJwk(v) {
    if (v === undefined || v === null) v = {};
    if (!isObject(v)) throw new TypeError("keyData is neither a BufferSource nor a JsonWebKey");
    const out = {};
    for (const m of ["alg", "crv", "d", "dp", "dq", "e", "ext", "k", "key_ops", "kty", "n", "oth", "p", "q", "qi", "use", "x", "y"]) {
      const x = v[m];
      if (x === undefined) continue;
      if (m === "ext") out[m] = Boolean(x);
      else if (m === "key_ops") out[m] = Array.from(toSequence(x, m), (s) => `${s}`);
      else if (m === "oth") out[m] = Array.from(toSequence(x, m));
      else out[m] = `${x}`;
    }
    return out;
  }
  function toSequence(v, m) {
    if (!isObject(v) || typeof v[Symbol.iterator] !== "function") throw new TypeError(`JsonWebKey member '${m}' is not a sequence`);
    return v;
  }
  function isBuffer(v) { return isView(v) || isArrayBuffer(v); }
  function arrayBuffer(u8) {
    return u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer;
  }
  function checkUsages(usages, allowed) {
    for (const u of usages) {
      if (!allowed.includes(u)) throw err("SyntaxError", `Cannot create a key with the usage '${u}'`);
    }
  }
  function needUsage(key, usage) {
    const s = slots(key);
    if (!s.usages.includes(usage)) throw err("InvalidAccessError", `The key does not allow '${usage}'`);
    return s;
  }
  function needType(s, type) {
    if (s.type !== type) throw err("InvalidAccessError", `The operation needs a ${type} key, not a ${s.type} key`);
  }
  function sameAlgorithm(alg, s) {
    if (alg.name !== s.algorithm.name) {
      throw err("InvalidAccessError", `The key is for ${s.algorithm.name}, not ${alg.name}`);
    }
  }

  // ------------------------------------------------------------------ JWK checks
  function jwkAlgName(name, alg) {
    if (name === "HMAC") return "HS" + HASH_SUFFIX[alg.hash];
    if (AES.includes(name)) return `A${alg.length}${name.slice(4)}`;
    if (name === "RSASSA-PKCS1-v1_5") return "RS" + HASH_SUFFIX[alg.hash];
    if (name === "RSA-PSS") return "PS" + HASH_SUFFIX[alg.hash];
    if (name === "RSA-OAEP") return alg.hash === "SHA-1" ? "RSA-OAEP" : "RSA-OAEP-" + HASH_SUFFIX[alg.hash];
    if (name === "Ed25519" || name === "Ed448") return name;
    return undefined;
  }
  const EC_JWK_ALG = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };
  // What every algorithm's JWK import checks: kty, use, key_ops, ext.
  function checkJwk(jwk, kty, name, extractable, usages) {
    if (jwk.kty !== kty) throw err("DataError", `The JWK 'kty' member is not '${kty}'`);
    const use = KEYS[name].use;
    if (jwk.use !== undefined && usages.length > 0 && jwk.use !== use) {
      throw err("DataError", `The JWK 'use' member is not '${use}'`);
    }
    if (jwk.key_ops !== undefined) {
      const ops = jwk.key_ops;
      if (new Set(ops).size !== ops.length || ops.some((op) => !USAGES.includes(op))) {
        throw err("DataError", "The JWK 'key_ops' member is invalid");
      }
      for (const u of usages) if (!ops.includes(u)) throw err("DataError", `The JWK 'key_ops' member does not allow '${u}'`);
    }
    if (jwk.ext === false && extractable) throw err("DataError", "The JWK is not extractable ('ext' is false)");
  }
  function checkJwkAlg(jwk, expected) {
    if (jwk.alg !== undefined && !expected.includes(jwk.alg)) {
      throw err("DataError", `The JWK 'alg' member '${jwk.alg}' does not match the algorithm`);
    }
  }

  // ------------------------------------------------------------------ key operations
  async function generateKeyOp(alg, extractable, usages) {
    const name = alg.name;
    const spec = KEYS[name];
    if (spec.secret) {
      checkUsages(usages, spec.secret);
      let length;
      if (name === "HMAC") {
        length = alg.length === undefined ? HASH_BLOCK[alg.hash] : alg.length;
        if (length === 0 || length % 8 !== 0) throw err("OperationError", "HMAC key length must be a non-zero multiple of 8");
      } else {
        length = alg.length;
        if (length !== 128 && length !== 192 && length !== 256) throw err("OperationError", "AES key length must be 128, 192 or 256 bits");
      }
      const r = await host("generate", { name, length });
      const algorithm = name === "HMAC" ? { name, hash: alg.hash, length } : { name, length };
      return makeKey(r.id, "secret", extractable, algorithm, usages);
    }
    checkUsages(usages, [...spec.public, ...spec.private]);
    const algorithm = { name };
    if (RSA.includes(name)) {
      if (alg.modulusLength > 16384) throw err("OperationError", "RSA modulusLength is too large");
      algorithm.hash = alg.hash;
    } else if (alg.namedCurve !== undefined) {
      if (!CURVES.includes(alg.namedCurve)) throw err("NotSupportedError", `Unsupported curve '${alg.namedCurve}'`);
      algorithm.namedCurve = alg.namedCurve;
    }
    const r = await host("generate", alg);
    if (RSA.includes(name)) {
      algorithm.modulusLength = r.modulusLength;
      algorithm.publicExponent = r.publicExponent;
    }
    const publicKey = makeKey(r.public, "public", true, algorithm, usages.filter((u) => spec.public.includes(u)));
    const privateKey = makeKey(r.private, "private", extractable, algorithm, usages.filter((u) => spec.private.includes(u)));
    return { publicKey, privateKey };
  }

  async function importKeyOp(format, data, alg, extractable, usages) {
    const name = alg.name;
    const spec = KEYS[name];
    const algorithm = { name };
    let hostData = data;
    if (spec.secret) {
      checkUsages(usages, spec.secret);
      if (name === "PBKDF2" || name === "HKDF") {
        if (format !== "raw") throw err("NotSupportedError", `${name} keys import only from 'raw'`);
        if (extractable) throw err("SyntaxError", `${name} keys cannot be extractable`);
      } else if (format !== "raw" && format !== "jwk") {
        throw err("NotSupportedError", `${name} keys import only from 'raw' or 'jwk'`);
      }
      if (name === "HMAC") algorithm.hash = alg.hash;
      if (format === "jwk") {
        checkJwk(data, "oct", name, extractable, usages);
        if (data.k === undefined) throw err("DataError", "The JWK 'k' member is missing");
        const bits = Math.floor((data.k.length * 6) / 8) * 8;
        checkJwkAlg(data, [jwkAlgName(name, { hash: alg.hash, length: bits })]);
        hostData = { k: data.k };
      }
    } else {
      if (format === "raw") {
        if (RSA.includes(name)) throw err("NotSupportedError", `${name} keys do not import from 'raw'`);
        checkUsages(usages, spec.public);
      } else if (format === "spki") {
        checkUsages(usages, spec.public);
      } else if (format === "pkcs8") {
        checkUsages(usages, spec.private);
      } else {
        checkUsages(usages, data.d !== undefined ? spec.private : spec.public);
      }
      if (RSA.includes(name)) {
        algorithm.hash = alg.hash;
        if (format === "jwk") {
          checkJwk(data, "RSA", name, extractable, usages);
          checkJwkAlg(data, [jwkAlgName(name, alg)]);
          if (data.oth !== undefined) throw err("NotSupportedError", "RSA keys with more than two primes are not supported");
        }
      } else if (name === "ECDSA" || name === "ECDH") {
        if (!CURVES.includes(alg.namedCurve)) throw err("NotSupportedError", `Unsupported curve '${alg.namedCurve}'`);
        algorithm.namedCurve = alg.namedCurve;
        if (format === "jwk") {
          checkJwk(data, "EC", name, extractable, usages);
          if (data.crv !== alg.namedCurve) throw err("DataError", `The JWK 'crv' member is not '${alg.namedCurve}'`);
          if (name === "ECDSA") checkJwkAlg(data, [EC_JWK_ALG[alg.namedCurve]]);
        }
      } else if (format === "jwk") {
        checkJwk(data, "OKP", name, extractable, usages);
        if (data.crv !== name) throw err("DataError", `The JWK 'crv' member is not '${name}'`);
        if (name === "Ed25519" || name === "Ed448") checkJwkAlg(data, [name, "EdDSA"]);
      }
    }
    const r = await host("import", format, hostData, { name, namedCurve: alg.namedCurve });
    const release = () => webcrypto("release", [r.id]);
    if (r.type === "secret") {
      let length = r.length;
      if (AES.includes(name)) {
        if (length !== 128 && length !== 192 && length !== 256) {
          release();
          throw err("DataError", "AES key data must be 128, 192 or 256 bits");
        }
        algorithm.length = length;
      } else if (name === "HMAC") {
        if (length === 0) { release(); throw err("DataError", "HMAC key data is empty"); }
        if (alg.length !== undefined) {
          if (alg.length > length || alg.length <= length - 8) {
            release();
            throw err("DataError", "The HMAC length does not match the key data");
          }
          length = alg.length;
        }
        algorithm.length = length;
      }
    } else if (RSA.includes(name)) {
      algorithm.modulusLength = r.modulusLength;
      algorithm.publicExponent = r.publicExponent;
    }
    return makeKey(r.id, r.type, extractable, algorithm, usages);
  }

  async function exportKeyOp(format, key) {
    const s = slots(key);
    const name = s.algorithm.name;
    if (name === "PBKDF2" || name === "HKDF") throw err("NotSupportedError", `${name} keys cannot be exported`);
    if (!s.extractable) throw err("InvalidAccessError", "The key is not extractable");
    if (s.type === "secret") {
      if (format !== "raw" && format !== "jwk") throw err("NotSupportedError", `${name} keys export only to 'raw' or 'jwk'`);
    } else if (format === "raw") {
      if (RSA.includes(name)) throw err("NotSupportedError", `${name} keys do not export to 'raw'`);
      needType(s, "public");
    } else if (format === "spki") {
      needType(s, "public");
    } else if (format === "pkcs8") {
      needType(s, "private");
    }
    const out = await host("export", s.id, format);
    if (format !== "jwk") return arrayBuffer(out);
    const alg = jwkAlgName(name, s.algorithm);
    if (alg !== undefined) out.alg = alg;
    out.key_ops = s.usages.slice();
    out.ext = s.extractable;
    const jwk = {};
    for (const m of Object.keys(out).sort()) jwk[m] = out[m];
    return jwk;
  }

  // Sign/verify parameters for the host: the hash is the key's (HMAC, RSA) or the call's.
  function signParams(alg, s) {
    const name = alg.name;
    if (name !== "HMAC") needType(s, alg.op === "sign" ? "private" : "public");
    const p = { name };
    if (name === "ECDSA") p.hash = alg.hash;
    else if (s.algorithm.hash !== undefined) p.hash = s.algorithm.hash;
    if (name === "Ed448" && alg.context !== undefined) p.context = alg.context;
    if (name === "RSA-PSS") p.saltLength = alg.saltLength;
    return p;
  }
  // Encrypt/decrypt (and wrap/unwrap) with a normalised cipher algorithm.
  async function cipher(op, alg, s, data) {
    const name = alg.name;
    const p = { name };
    if (name === "RSA-OAEP") {
      needType(s, op === "encrypt" ? "public" : "private");
      p.hash = s.algorithm.hash;
      if (alg.label !== undefined) p.label = alg.label;
    } else if (name === "AES-CBC") {
      if (alg.iv.length !== 16) throw err("OperationError", "AES-CBC iv must be 16 bytes");
      p.iv = alg.iv;
    } else if (name === "AES-CTR") {
      if (alg.counter.length !== 16) throw err("OperationError", "AES-CTR counter must be 16 bytes");
      if (alg.length === 0 || alg.length > 128) throw err("OperationError", "AES-CTR length must be 1 to 128 bits");
      p.counter = alg.counter;
      p.length = alg.length;
    } else if (name === "AES-GCM") {
      const tagLength = alg.tagLength === undefined ? 128 : alg.tagLength;
      if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) throw err("OperationError", `AES-GCM tagLength ${tagLength} is not allowed`);
      if (op === "decrypt" && data.length < tagLength / 8) throw err("OperationError", "AES-GCM data is shorter than the tag");
      p.iv = alg.iv;
      p.tagLength = tagLength;
      if (alg.additionalData !== undefined) p.additionalData = alg.additionalData;
    }
    return host(op, s.id, p, data);
  }
  async function deriveBitsOp(alg, s, length) {
    const name = alg.name;
    const p = { name };
    if (name === "ECDH" || name === "X25519" || name === "X448") {
      needType(s, "private");
      const pub = slots(alg.public);
      if (pub.type !== "public") throw err("InvalidAccessError", "The 'public' member is not a public key");
      if (pub.algorithm.name !== name) throw err("InvalidAccessError", `The 'public' key is not an ${name} key`);
      if (name === "ECDH" && pub.algorithm.namedCurve !== s.algorithm.namedCurve) {
        throw err("InvalidAccessError", "The 'public' key is on another curve");
      }
      p.public = pub.id;
    } else {
      if (length === null || length % 8 !== 0) throw err("OperationError", `${name} length must be a multiple of 8`);
      if (name === "PBKDF2" && alg.iterations === 0) throw err("OperationError", "PBKDF2 iterations must not be 0");
      p.hash = alg.hash;
      p.salt = alg.salt;
      if (name === "PBKDF2") p.iterations = alg.iterations;
      else p.info = alg.info;
    }
    return host("derive", s.id, p, length);
  }
  function keyLength(alg) {
    if (AES.includes(alg.name)) {
      if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
        throw err("OperationError", "AES key length must be 128, 192 or 256 bits");
      }
      return alg.length;
    }
    if (alg.name === "HMAC") {
      if (alg.length === 0) throw new TypeError("HMAC key length must not be 0");
      return alg.length === undefined ? HASH_BLOCK[alg.hash] : alg.length;
    }
    return null;
  }
  function checkNewKey(result, usages) {
    const key = isKey(result) ? result : result.privateKey;
    const s = slots(key);
    if ((s.type === "secret" || s.type === "private") && s.usages.length === 0) {
      throw err("SyntaxError", "A secret or private key needs at least one usage");
    }
    return result;
  }
  function parseJwk(bytes) {
    let value;
    try {
      value = JSON.parse(runtime.utf8.decode(bytes));
    } catch (_) {
      throw err("DataError", "The unwrapped key is not a JSON JWK");
    }
    const jwk = toJwk(value);
    if (jwk.kty === undefined) throw err("DataError", "The JWK 'kty' member is missing");
    return jwk;
  }

  // ------------------------------------------------------------------ SubtleCrypto, Crypto
  const where = (op) => `Failed to execute '${op}' on 'SubtleCrypto'`;
  class SubtleCrypto {
    constructor(k = undefined) { if (k !== ILLEGAL) throw new TypeError("Illegal constructor"); }
    digest(algorithm, data) {
      try {
        if (arguments.length < 2) throw new TypeError("Failed to execute 'digest' on 'SubtleCrypto': 2 arguments required");
        const name = normalizeAlgorithm(algorithm);
        const bytes = bufferSource(data, "Failed to execute 'digest' on 'SubtleCrypto'").slice();
        if (name === null) throw new DOMException("Unrecognized algorithm name", "NotSupportedError");
        return Promise.resolve(DIGESTS[name](bytes));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    async sign(algorithm, key, data) {
      requireArgs(arguments.length, 3, where("sign"));
      toKey(key, 2);
      data = bufferSource(data, where("sign")).slice();
      const alg = normalize(algorithm, "sign");
      const s = needUsage(key, "sign");
      sameAlgorithm(alg, s);
      alg.op = "sign";
      return arrayBuffer(await host("sign", s.id, signParams(alg, s), data));
    }
    async verify(algorithm, key, signature, data) {
      requireArgs(arguments.length, 4, where("verify"));
      toKey(key, 2);
      signature = bufferSource(signature, where("verify")).slice();
      data = bufferSource(data, where("verify")).slice();
      const alg = normalize(algorithm, "verify");
      const s = needUsage(key, "verify");
      sameAlgorithm(alg, s);
      alg.op = "verify";
      return host("verify", s.id, signParams(alg, s), signature, data);
    }
    async encrypt(algorithm, key, data) {
      requireArgs(arguments.length, 3, where("encrypt"));
      toKey(key, 2);
      data = bufferSource(data, where("encrypt")).slice();
      const alg = normalize(algorithm, "encrypt");
      const s = needUsage(key, "encrypt");
      sameAlgorithm(alg, s);
      return arrayBuffer(await cipher("encrypt", alg, s, data));
    }
    async decrypt(algorithm, key, data) {
      requireArgs(arguments.length, 3, where("decrypt"));
      toKey(key, 2);
      data = bufferSource(data, where("decrypt")).slice();
      const alg = normalize(algorithm, "decrypt");
      const s = needUsage(key, "decrypt");
      sameAlgorithm(alg, s);
      return arrayBuffer(await cipher("decrypt", alg, s, data));
    }
    async generateKey(algorithm, extractable, keyUsages) {
      requireArgs(arguments.length, 3, where("generateKey"));
      extractable = Boolean(extractable);
      const usages = normalizeUsages(toUsages(keyUsages));
      const alg = normalize(algorithm, "generateKey");
      return checkNewKey(await generateKeyOp(alg, extractable, usages));
    }
    async importKey(format, keyData, algorithm, extractable, keyUsages) {
      requireArgs(arguments.length, 5, where("importKey"));
      format = toFormat(format);
      const data = isBuffer(keyData) ? bufferSource(keyData, where("importKey")).slice() : toJwk(keyData);
      extractable = Boolean(extractable);
      const usages = normalizeUsages(toUsages(keyUsages));
      const alg = normalize(algorithm, "importKey");
      if ((format === "jwk") === isView(data)) {
        throw new TypeError(`${where("importKey")}: ${format === "jwk" ? "a 'jwk' key must be a JsonWebKey" : "key data must be a BufferSource"}`);
      }
      return checkNewKey(await importKeyOp(format, data, alg, extractable, usages));
    }
    async exportKey(format, key) {
      requireArgs(arguments.length, 2, where("exportKey"));
      format = toFormat(format);
      toKey(key, 2);
      return exportKeyOp(format, key);
    }
    async deriveBits(algorithm, baseKey, length = null) {
      requireArgs(arguments.length, 2, where("deriveBits"));
      toKey(baseKey, 2);
      length = length === null || length === undefined ? null : Number(length) >>> 0;
      const alg = normalize(algorithm, "deriveBits");
      const s = needUsage(baseKey, "deriveBits");
      sameAlgorithm(alg, s);
      return arrayBuffer(await deriveBitsOp(alg, s, length));
    }
    async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      requireArgs(arguments.length, 5, where("deriveKey"));
      toKey(baseKey, 2);
      extractable = Boolean(extractable);
      const usages = normalizeUsages(toUsages(keyUsages));
      const alg = normalize(algorithm, "deriveBits");
      const importAlg = normalize(derivedKeyType, "importKey");
      const lengthAlg = normalize(derivedKeyType, "get key length");
      const s = needUsage(baseKey, "deriveKey");
      sameAlgorithm(alg, s);
      const length = keyLength(lengthAlg);
      const secret = await deriveBitsOp(alg, s, length);
      return checkNewKey(await importKeyOp("raw", secret, importAlg, extractable, usages));
    }
    async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      requireArgs(arguments.length, 4, where("wrapKey"));
      format = toFormat(format);
      toKey(key, 2);
      toKey(wrappingKey, 3);
      const [alg, op] = normalizeWrap(wrapAlgorithm, "wrapKey", "encrypt");
      const s = needUsage(wrappingKey, "wrapKey");
      sameAlgorithm(alg, s);
      const exported = await exportKeyOp(format, key);
      const bytes = format === "jwk" ? runtime.utf8.encode(JSON.stringify(exported)) : new Uint8Array(exported);
      if (op === "wrapKey") return arrayBuffer(await host("encrypt", s.id, { name: alg.name }, bytes));
      return arrayBuffer(await cipher("encrypt", alg, s, bytes));
    }
    async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      requireArgs(arguments.length, 7, where("unwrapKey"));
      format = toFormat(format);
      wrappedKey = bufferSource(wrappedKey, where("unwrapKey")).slice();
      toKey(unwrappingKey, 3);
      extractable = Boolean(extractable);
      const usages = normalizeUsages(toUsages(keyUsages));
      const [alg, op] = normalizeWrap(unwrapAlgorithm, "unwrapKey", "decrypt");
      const importAlg = normalize(unwrappedKeyAlgorithm, "importKey");
      const s = needUsage(unwrappingKey, "unwrapKey");
      sameAlgorithm(alg, s);
      const bytes = op === "unwrapKey"
        ? await host("decrypt", s.id, { name: alg.name }, wrappedKey)
        : await cipher("decrypt", alg, s, wrappedKey);
      const data = format === "jwk" ? parseJwk(bytes) : bytes;
      return checkNewKey(await importKeyOp(format, data, importAlg, extractable, usages));
    }
  }
  interfaceMembers(SubtleCrypto.prototype, "SubtleCrypto");

  const INTEGER_ARRAYS = new Set(["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
    "Int32Array", "Uint32Array", "BigInt64Array", "BigUint64Array"]);
  const subtle = new SubtleCrypto(ILLEGAL);
  const HEX = [];
  for (let i = 0; i < 256; i++) HEX.push((i < 16 ? "0" : "") + i.toString(16));

  class Crypto {
    constructor(k = undefined) { if (k !== ILLEGAL) throw new TypeError("Illegal constructor"); }
    get subtle() { return subtle; }
    getRandomValues(array) {
      if (arguments.length < 1) throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
      if (!isView(array)) throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      const kind = typedTag.call(array);
      if (!INTEGER_ARRAYS.has(kind)) {
        throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${kind || "DataView"}', which is not an integer array type.`, "TypeMismatchError");
      }
      if (array.byteLength > 65536) {
        throw new DOMException(`Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, "QuotaExceededError");
      }
      randomFill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return array;
    }
    randomUUID() {
      const b = randomFill(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      return HEX[b[0]] + HEX[b[1]] + HEX[b[2]] + HEX[b[3]] + "-" + HEX[b[4]] + HEX[b[5]] + "-" +
        HEX[b[6]] + HEX[b[7]] + "-" + HEX[b[8]] + HEX[b[9]] + "-" + HEX[b[10]] + HEX[b[11]] +
        HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]];
    }
  }
  tag(Crypto, "Crypto");

  defineGlobal("Crypto", Crypto);
  defineGlobal("SubtleCrypto", SubtleCrypto);
  defineGlobal("CryptoKey", CryptoKey);
  defineGlobal("crypto", new Crypto(ILLEGAL));
  runtime.chacha20Block = chachaTest;
  // The compression functions, for node:crypto's incremental hashes: fn(H, p, o) runs one
  // block of the bytes p from offset o into the state H (big-endian words as int32; SHA-512's
  // 64-bit words as high, low pairs).
  runtime.shaBlocks = { "SHA-1": sha1Block, "SHA-256": sha256Block, "SHA-512": sha512Block };
})();
