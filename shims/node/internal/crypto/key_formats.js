// Asymmetric keys in the formats node:crypto reads and writes: SPKI, PKCS#8, PKCS#1, SEC1,
// X.509 certificates (for their public key), JWK and PEM. Writing gives the bytes OpenSSL
// gives for the same key.
//
// A key's material is a record { type, pub, priv, curve, params }:
//   type   Node's asymmetricKeyType: "rsa", "rsa-pss", "ec", "ed25519", "ed448", "x25519", "x448";
//   pub    RSA: { n, e } (magnitudes, big-endian); EC: the encoded point; the others: the key's
//          bytes; null where a private key came without it (derived on the host when
//          first needed);
//   priv   null for a public key; RSA: { d, p, q, dp, dq, qi, others } (others: the DER of
//          the further primes of a multi-prime key, or null); EC: the scalar (curve.size
//          bytes); the others: the key's bytes;
//   curve  EC: the entry of CURVES; params: RSA-PSS: the DER of its RSASSA-PSS-params, or null.
//
// Reading throws a DerError (./asn1.js) for DER that does not parse, a KeyError for a
// structure that is no valid key, or Node's ERR_FEATURE_UNAVAILABLE_ON_PLATFORM for a key
// this runtime does not handle (DSA, Diffie-Hellman, other curves).
"use strict";

const { Buffer } = require("node:buffer");
const asn1 = require("./asn1.js");
const { call } = require("./host.js");
const { validateObject, validateOneOf, validateString, unavailable, errors } = require("./validate.js");
const { TAG, DerError, DerReader, hex, fromHex, sequence, element, integer, smallInteger, oid, octetString, bitString } = asn1;

class KeyError extends Error {}

// ------------------------------------------------------------------ algorithms and curves
// OIDs as the hex of their DER contents.
const KEY_OIDS = {
  rsa: "2a864886f70d010101", "rsa-pss": "2a864886f70d01010a", ec: "2a8648ce3d0201",
  x25519: "2b656e", x448: "2b656f", ed25519: "2b6570", ed448: "2b6571",
};
const KEY_TYPES = new Map(Object.entries(KEY_OIDS).map(([type, id]) => [id, type]));
// Key types Node reads that this runtime does not.
const OTHER_KEY_TYPES = new Map([
  ["2a8648ce380401", "DSA keys"], ["2a864886f70d010301", "DH keys"], ["2a8648ce3e0201", "DH keys"],
]);

// The octet key pairs: their JWK curve names and key sizes.
const OKP = {
  ed25519: { crv: "Ed25519", size: 32 }, ed448: { crv: "Ed448", size: 57 },
  x25519: { crv: "X25519", size: 32 }, x448: { crv: "X448", size: 56 },
};

// The named curves: y² = x³ + ax + b over the integers modulo p, with coordinates of `size` bytes.
const CURVES = [
  {
    name: "prime256v1", crv: "P-256", oid: "2a8648ce3d030107", size: 32, a: -3n,
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  },
  {
    name: "secp384r1", crv: "P-384", oid: "2b81040022", size: 48, a: -3n,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
  },
  {
    name: "secp521r1", crv: "P-521", oid: "2b81040023", size: 66, a: -3n, p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
  },
  {
    name: "secp256k1", crv: "secp256k1", oid: "2b8104000a", size: 32, a: 0n, b: 7n,
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn,
  },
];
const CURVES_BY_OID = new Map(CURVES.map((curve) => [curve.oid, curve]));
const CURVES_BY_CRV = new Map(CURVES.map((curve) => [curve.crv, curve]));

function curveOf(id) {
  const curve = CURVES_BY_OID.get(id);
  if (curve === undefined) throw unavailable("EC keys on curves other than P-256, P-384, P-521 and secp256k1");
  return curve;
}

// The digests RSASSA-PSS-params name, by OID, with OpenSSL's names for them.
const DIGESTS = new Map([
  ["2b0e03021a", "sha1"], ["608648016503040204", "sha224"], ["608648016503040201", "sha256"],
  ["608648016503040202", "sha384"], ["608648016503040203", "sha512"], ["608648016503040205", "sha512-224"],
  ["608648016503040206", "sha512-256"], ["608648016503040207", "sha3-224"], ["608648016503040208", "sha3-256"],
  ["608648016503040209", "sha3-384"], ["60864801650304020a", "sha3-512"],
]);
const MGF1 = "2a864886f70d010108";

// ------------------------------------------------------------------ points
const bigOf = (bytes) => (bytes.length === 0 ? 0n : BigInt(`0x${hex(bytes)}`));
const bytesOfBig = (value, size) => fromHex(value.toString(16).padStart(size * 2, "0"));

function mod(value, p) {
  const r = value % p;
  return r < 0n ? r + p : r;
}

function modPow(base, exponent, p) {
  let result = 1n;
  for (base = mod(base, p); exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % p;
    base = (base * base) % p;
  }
  return result;
}

// The affine coordinates of an encoded point (uncompressed: 04 x y; compressed: 02 or 03
// by the parity of y, then x) if it lies on the curve, else null.
function coordinates(curve, point) {
  const { p, a, b, size } = curve;
  const x = bigOf(point.subarray(1, 1 + size));
  if (x >= p) return null;
  const rhs = mod(x * x * x + a * x + b, p);
  if (point[0] === 4 && point.length === 1 + 2 * size) {
    const y = bigOf(point.subarray(1 + size));
    return y < p && (y * y) % p === rhs ? { x, y } : null;
  }
  if ((point[0] === 2 || point[0] === 3) && point.length === 1 + size) {
    // p ≡ 3 (mod 4) on every curve here, so a square root of rhs, if any, is rhs^((p + 1) / 4).
    let y = modPow(rhs, (p + 1n) >> 2n, p);
    if ((y * y) % p !== rhs || (y === 0n && point[0] === 3)) return null;
    if (Number(y & 1n) !== (point[0] & 1)) y = p - y;
    return { x, y };
  }
  return null;
}

function checkedPoint(curve, point) {
  if (coordinates(curve, point) === null) throw new KeyError();
  return point.slice();
}

function uncompressed(curve, point) {
  if (point[0] === 4) return point;
  const { x, y } = coordinates(curve, point);
  return Uint8Array.of(4, ...bytesOfBig(x, curve.size), ...bytesOfBig(y, curve.size));
}

// ------------------------------------------------------------------ reading DER
// Runs `read` on DER nested in a key (a BIT STRING's or OCTET STRING's contents), where
// OpenSSL reports any fault as a bad key.
function nested(read) {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw new KeyError();
    throw error;
  }
}

// An AlgorithmIdentifier: the key's type, curve and parameters.
function readAlgorithm(reader) {
  const algorithm = reader.sequence();
  const id = algorithm.oid();
  const type = KEY_TYPES.get(id);
  if (type === undefined) {
    if (OTHER_KEY_TYPES.has(id)) throw unavailable(OTHER_KEY_TYPES.get(id));
    throw new KeyError();
  }
  let curve = null, params = null;
  if (type === "ec") {
    if (algorithm.peekTag() === TAG.SEQUENCE) throw unavailable("EC keys with explicit curve parameters");
    if (algorithm.peekTag() !== TAG.OID) throw new KeyError();
    curve = curveOf(algorithm.oid());
  } else if (type === "rsa-pss") {
    if (!algorithm.done) {
      params = algorithm.raw(TAG.SEQUENCE).slice();
      nested(() => pssDetails(params));
    }
  } else if (type === "rsa") {
    // rsaEncryption's parameters are NULL; OpenSSL reads past whatever is there.
    if (!algorithm.done) algorithm.next(algorithm.peekTag());
  } else if (!algorithm.done) {
    throw new KeyError();
  }
  algorithm.finish();
  return { type, curve, params };
}

function readRsaPublicKey(bytes) {
  const reader = new DerReader(bytes).sequence();
  const pub = { n: reader.unsigned().slice(), e: reader.unsigned().slice() };
  reader.finish();
  return pub;
}

// A public key's bytes (SPKI's BIT STRING) for the algorithm read.
function publicFrom({ type, curve }, bytes) {
  if (type === "rsa" || type === "rsa-pss") return nested(() => readRsaPublicKey(bytes));
  if (type === "ec") return checkedPoint(curve, bytes);
  if (bytes.length !== OKP[type].size) throw new KeyError();
  return bytes.slice();
}

function readSpkiElement(reader) {
  const spki = reader.sequence();
  const algorithm = readAlgorithm(spki);
  const bytes = spki.bitString();
  spki.finish();
  return { ...algorithm, pub: publicFrom(algorithm, bytes), priv: null };
}

// SubjectPublicKeyInfo.
function readSpki(bytes) {
  return readSpkiElement(new DerReader(bytes));
}

// An X.509 certificate's subject public key.
function readCertificate(bytes) {
  const tbs = new DerReader(bytes).sequence().sequence();
  tbs.optional(TAG.context(0)); // version
  tbs.next(TAG.INTEGER); // serialNumber
  for (let i = 0; i < 4; i++) tbs.sequence(); // signature, issuer, validity, subject
  return readSpkiElement(tbs);
}

// PKCS#1 RSAPublicKey.
function readRsaPublic(bytes) {
  return { type: "rsa", curve: null, params: null, pub: readRsaPublicKey(bytes), priv: null };
}

// PKCS#1 RSAPrivateKey (version 1 when further primes follow).
function readRsaPrivate(bytes) {
  const reader = new DerReader(bytes).sequence();
  reader.next(TAG.INTEGER);
  const [n, e, d, p, q, dp, dq, qi] = Array.from({ length: 8 }, () => reader.unsigned().slice());
  const others = reader.peekTag() === TAG.SEQUENCE ? reader.raw(TAG.SEQUENCE).slice() : null;
  reader.finish();
  return { type: "rsa", curve: null, params: null, pub: { n, e }, priv: { d, p, q, dp, dq, qi, others } };
}

// SEC1 ECPrivateKey; `curve` is the one PKCS#8's algorithm names, or null (then the key
// names it).
function readEcPrivate(bytes, curve) {
  const reader = new DerReader(bytes).sequence();
  reader.next(TAG.INTEGER);
  const scalar = reader.octetString();
  const parameters = reader.optional(TAG.context(0));
  const publicKey = reader.optional(TAG.context(1));
  reader.finish();
  if (curve === null) {
    if (parameters === null) throw new KeyError();
    const inner = new DerReader(bytes, parameters.start, parameters.end);
    if (inner.peekTag() === TAG.SEQUENCE) throw unavailable("EC keys with explicit curve parameters");
    curve = curveOf(inner.oid());
  }
  if (scalar.length > curve.size) throw new KeyError();
  const priv = new Uint8Array(curve.size);
  priv.set(scalar, curve.size - scalar.length);
  const point = publicKey && new DerReader(bytes, publicKey.start, publicKey.end).bitString();
  return { type: "ec", curve, params: null, pub: point && checkedPoint(curve, point), priv };
}

function readSec1(bytes) {
  return readEcPrivate(bytes, null);
}

// The outer SEQUENCE of PKCS#8, which OpenSSL reads as a stream: one that is longer than
// the data ends it early.
function pkcs8Sequence(bytes) {
  const top = new DerReader(bytes);
  try {
    top.header();
  } catch (error) {
    throw error.reason === "too long" ? new DerError("not enough data") : error;
  }
  return top.sequence();
}

// PKCS#8 PrivateKeyInfo (version 2, OneAsymmetricKey, may carry the public key).
function readPkcs8(bytes) {
  const info = pkcs8Sequence(bytes);
  info.next(TAG.INTEGER);
  const algorithm = readAlgorithm(info);
  const inner = info.octetString();
  info.optional(TAG.context(0)); // attributes
  const publicKey = info.optional(TAG.contextPrimitive(1));
  info.finish("wrong tag");
  const { type, curve, params } = algorithm;
  if (type === "rsa" || type === "rsa-pss") return { ...nested(() => readRsaPrivate(inner)), type, params };
  if (type === "ec") return nested(() => readEcPrivate(inner, curve));
  const { size } = OKP[type];
  const priv = nested(() => new DerReader(inner).octetString());
  if (priv.length !== size) throw new KeyError();
  const pub = publicKey && publicKey.end - publicKey.start === size + 1 ? publicKey.bytes.slice(1) : null;
  return { ...algorithm, pub, priv: priv.slice() };
}

// PKCS#8 EncryptedPrivateKeyInfo: read as far as the encryption, which this runtime cannot undo.
function readEncryptedPkcs8(bytes) {
  const info = pkcs8Sequence(bytes);
  info.sequence().oid();
  info.octetString();
  info.finish();
}

// Node's tests of DER it is given: whether it is a SEQUENCE, and where its contents lie
// (as much of them as there is).
function sequenceContents(bytes) {
  if (bytes.length < 2 || bytes[0] !== TAG.SEQUENCE) return null;
  if (!(bytes[1] & 0x80)) return { start: 2, length: Math.min(bytes.length - 2, bytes[1]) };
  const count = bytes[1] & 0x7f;
  if (count + 2 > bytes.length) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i];
  return { start: 2 + count, length: Math.min(bytes.length - 2 - count, length) };
}

// EncryptedPrivateKeyInfo starts with an AlgorithmIdentifier where PrivateKeyInfo has an
// INTEGER.
function isEncryptedPkcs8(bytes) {
  const contents = sequenceContents(bytes);
  return contents !== null && contents.length >= 1 && bytes[contents.start] !== TAG.INTEGER;
}

// RSAPrivateKey starts with the version, a one-byte INTEGER 0 or 1, where RSAPublicKey has
// the modulus.
function isRsaPrivateKey(bytes) {
  const contents = sequenceContents(bytes);
  if (contents === null || contents.length < 3) return false;
  const at = contents.start;
  return bytes[at] === TAG.INTEGER && bytes[at + 1] === 1 && !(bytes[at + 2] & 0xfe);
}

// ------------------------------------------------------------------ RSA-PSS parameters
// RSASSA-PSS-params: [0] hash, [1] mask generation (MGF1 with a hash), [2] salt length,
// [3] trailer field, each with its default.
function pssDetails(params) {
  const reader = new DerReader(params).sequence();
  const inside = (field) => new DerReader(params, field.start, field.end);
  const digest = (algorithm) => {
    const name = DIGESTS.get(algorithm.oid());
    if (name === undefined) throw new KeyError();
    return name;
  };
  const details = { hashAlgorithm: "sha1", mgf1HashAlgorithm: "sha1", saltLength: 20 };
  const hash = reader.optional(TAG.context(0));
  if (hash) details.hashAlgorithm = digest(inside(hash).sequence());
  const mgf = reader.optional(TAG.context(1));
  if (mgf) {
    const algorithm = inside(mgf).sequence();
    if (algorithm.oid() !== MGF1) throw new KeyError();
    details.mgf1HashAlgorithm = digest(algorithm.sequence());
  }
  const salt = reader.optional(TAG.context(2));
  if (salt) details.saltLength = inside(salt).smallInteger();
  reader.optional(TAG.context(3));
  reader.finish();
  return details;
}

// ------------------------------------------------------------------ JWK
const fromBase64 = (text) => new Uint8Array(Buffer.from(text, "base64"));

// A key from a JWK, as Node reads one: for a public key only the public members count.
function readJwk(jwk, isPublic) {
  validateObject(jwk, "key");
  validateOneOf(jwk.kty, "key.kty", ["RSA", "EC", "OKP"]);
  if (jwk.kty === "OKP") return readOkpJwk(jwk, isPublic);
  if (jwk.kty === "EC") return readEcJwk(jwk, isPublic);
  validateString(jwk.n, "key.n");
  validateString(jwk.e, "key.e");
  const magnitude = (text) => asn1.stripZeros(fromBase64(text));
  const pub = { n: magnitude(jwk.n), e: magnitude(jwk.e) };
  let priv = null;
  if (!isPublic) {
    for (const name of ["d", "p", "q", "dp", "dq", "qi"]) validateString(jwk[name], `key.${name}`);
    const { d, p, q, dp, dq, qi } = jwk;
    priv = { d: magnitude(d), p: magnitude(p), q: magnitude(q), dp: magnitude(dp), dq: magnitude(dq), qi: magnitude(qi), others: null };
  }
  return { type: "rsa", curve: null, params: null, pub, priv };
}

// An octet key pair's JWK. A private key takes its public key from `x` (where OpenSSL would
// compute it from `d`).
function readOkpJwk(jwk, isPublic) {
  validateString(jwk.crv, "key.crv");
  validateOneOf(jwk.crv, "key.crv", ["Ed25519", "Ed448", "X25519", "X448"]);
  validateString(jwk.x, "key.x");
  if (!isPublic) validateString(jwk.d, "key.d");
  const type = jwk.crv.toLowerCase();
  const { size } = OKP[type];
  const x = fromBase64(jwk.x);
  const bytes = isPublic ? x : fromBase64(jwk.d);
  if (bytes.length !== size) throw errors.invalidJwk();
  if (isPublic) return { type, curve: null, params: null, pub: bytes, priv: null };
  return { type, curve: null, params: null, pub: x.length === size ? x : null, priv: bytes };
}

function readEcJwk(jwk, isPublic) {
  validateString(jwk.crv, "key.crv");
  validateOneOf(jwk.crv, "key.crv", ["P-256", "secp256k1", "P-384", "P-521"]);
  validateString(jwk.x, "key.x");
  validateString(jwk.y, "key.y");
  if (!isPublic) validateString(jwk.d, "key.d");
  const curve = CURVES_BY_CRV.get(jwk.crv);
  const { size } = curve;
  const fixed = (text) => {
    const bytes = asn1.stripZeros(fromBase64(text));
    if (bytes.length > size) throw errors.invalidJwkEc();
    const out = new Uint8Array(size);
    out.set(bytes, size - bytes.length);
    return out;
  };
  const point = Uint8Array.of(4, ...fixed(jwk.x), ...fixed(jwk.y));
  if (coordinates(curve, point) === null) throw errors.invalidJwkEc();
  return { type: "ec", curve, params: null, pub: point, priv: isPublic ? null : fixed(jwk.d) };
}

const base64url = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64url");

// A key as a JWK, with its members in Node's order.
function toJwk(key) {
  const { type, priv } = key;
  if (type === "rsa") {
    const { n, e } = key.pub;
    const jwk = { kty: "RSA", n: base64url(n), e: base64url(e) };
    if (priv) for (const name of ["d", "p", "q", "dp", "dq", "qi"]) jwk[name] = base64url(priv[name]);
    return jwk;
  }
  if (type === "ec") {
    const { curve } = key;
    const point = uncompressed(curve, requirePublic(key));
    const jwk = { kty: "EC", x: base64url(point.subarray(1, 1 + curve.size)), y: base64url(point.subarray(1 + curve.size)), crv: curve.crv };
    if (priv) jwk.d = base64url(priv);
    return jwk;
  }
  if (type === "rsa-pss") throw errors.jwkUnsupportedKeyType();
  const pub = base64url(requirePublic(key));
  return priv ? { crv: OKP[type].crv, d: base64url(priv), x: pub, kty: "OKP" } : { crv: OKP[type].crv, x: pub, kty: "OKP" };
}

// ------------------------------------------------------------------ writing DER
// A key's public half; a private key that came without it gets it from OpenSSL, once.
function requirePublic(key) {
  if (key.pub === null) {
    const feature = `deriving an ${key.type} public key from a private key that does not carry it`;
    key.pub = readSpki(call(feature, "public", pkcs8(key))).pub;
  }
  return key.pub;
}

// The public half of a key.
function publicOf(key) {
  return key.priv === null ? key : { ...key, pub: requirePublic(key), priv: null };
}

function algorithmIdentifier({ type, curve, params }) {
  const id = oid(KEY_OIDS[type]);
  if (type === "rsa") return sequence(id, asn1.NULL);
  if (type === "ec") return sequence(id, oid(curve.oid));
  return params ? sequence(id, params) : sequence(id);
}

const rsaPublicKey = ({ n, e }) => sequence(integer(n), integer(e));

function rsaPrivateKey({ pub, priv }) {
  const { d, p, q, dp, dq, qi, others } = priv;
  const fields = [pub.n, pub.e, d, p, q, dp, dq, qi].map(integer);
  return sequence(smallInteger(others ? 1 : 0), ...fields, ...(others ? [others] : []));
}

// ECPrivateKey, with the public key where the key has it, as OpenSSL keeps a key read
// without one. PKCS#8 names the curve in its algorithm and keeps the point's form; SEC1
// names the curve in the key and writes the point uncompressed.
function ecPrivateKey(key, isSec1) {
  const { curve, pub } = key;
  const fields = [smallInteger(1), octetString(key.priv)];
  if (isSec1) fields.push(element(TAG.context(0), oid(curve.oid)));
  if (pub) fields.push(element(TAG.context(1), bitString(isSec1 ? uncompressed(curve, pub) : pub)));
  return sequence(...fields);
}

function spki(key) {
  const { type } = key;
  const bytes = type === "rsa" || type === "rsa-pss" ? rsaPublicKey(key.pub) : requirePublic(key);
  return sequence(algorithmIdentifier(key), bitString(bytes));
}

function pkcs8(key) {
  const { type } = key;
  let inner;
  if (type === "rsa" || type === "rsa-pss") inner = rsaPrivateKey(key);
  else if (type === "ec") inner = ecPrivateKey(key, false);
  else inner = octetString(key.priv);
  return sequence(smallInteger(0), algorithmIdentifier(key), octetString(inner));
}

function pkcs1(key) {
  return key.priv ? rsaPrivateKey(key) : rsaPublicKey(key.pub);
}

function sec1(key) {
  return ecPrivateKey(key, true);
}

const PEM_LABELS = { spki: "PUBLIC KEY", pkcs8: "PRIVATE KEY", sec1: "EC PRIVATE KEY" };

// A key in `format` ("pem" or "der") and `type` ("spki", "pkcs8", "pkcs1" or "sec1").
function encode(key, format, type) {
  const der = { spki, pkcs8, pkcs1, sec1 }[type](key);
  if (format === "der") return Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const label = type === "pkcs1" ? (key.priv ? "RSA PRIVATE KEY" : "RSA PUBLIC KEY") : PEM_LABELS[type];
  const lines = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64").match(/.{1,64}/g);
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

// ------------------------------------------------------------------ PEM
// Trailing whitespace and control characters, which OpenSSL drops from each line.
const trimLine = (line) => line.replace(/[\x00-\x20]+$/, "");

// The base64 of a block, spaces and tabs aside; null if it is not valid or empty.
function decodeBase64(lines) {
  const text = lines.join("").replace(/[ \t]/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, "base64"));
}

// A block's lines after its BEGIN line, as OpenSSL splits them: headers (such as
// Proc-Type) up to a blank line, then base64 up to the END line. Lines of an encrypted
// block's data are 64 characters, the last shorter.
function readBlock(lines, at, label) {
  const first = [], data = [];
  let state = "maybe header", lastLine = false;
  for (; at < lines.length; at++) {
    if (state === "maybe header" && lines[at].includes(":")) state = "header";
    const line = trimLine(lines[at]);
    if (line === "") {
      if (state === "data") break;
      state = "data";
      continue;
    }
    if (line.startsWith("-----END ")) {
      if (!line.startsWith(`-----END ${label}-----`)) break;
      const headers = state === "maybe header" ? [] : first;
      const body = state === "maybe header" ? first : state === "data" ? data : [];
      return { next: at + 1, headers, der: decodeBase64(body) };
    }
    if (lastLine) break;
    if (state === "data") {
      data.push(line);
      if (line.length > 64) break;
      lastLine = line.length < 64;
    } else {
      first.push(line);
    }
  }
  return { next: at + 1, headers: [], der: null };
}

// The PEM blocks of a text in order: { label, encrypted, der }, der null for a malformed
// block. Lines outside blocks are skipped.
function* pemBlocks(text) {
  const lines = text.split("\n");
  for (let at = 0; at < lines.length;) {
    const line = trimLine(lines[at++]);
    if (!line.startsWith("-----BEGIN ") || line.length < 16 || !line.endsWith("-----")) continue;
    const label = line.slice(11, -5);
    const block = readBlock(lines, at, label);
    at = block.next;
    const encrypted = block.headers.some((header) => /^Proc-Type:\s*4,\s*ENCRYPTED/.test(header));
    yield { label, encrypted, der: block.der };
  }
}

// ------------------------------------------------------------------ details and equality
function bitLength(magnitude) {
  if (magnitude.length === 0) return 0;
  return (magnitude.length - 1) * 8 + (32 - Math.clz32(magnitude[0]));
}

// asymmetricKeyDetails for RSA, RSA-PSS and EC keys.
function details(key) {
  if (key.type === "ec") return { namedCurve: key.curve.name };
  const { n, e } = key.pub;
  const rsa = { modulusLength: bitLength(n), publicExponent: bigOf(e) };
  return key.params ? { ...rsa, ...pssDetails(key.params) } : rsa;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Whether two keys of one kind (public or private) are the same key: the same public key,
// or where a private key lacks that, the same private key.
function sameKey(a, b) {
  if (a.type !== b.type || a.curve !== b.curve) return false;
  if (a.type === "rsa" || a.type === "rsa-pss") return sameBytes(a.pub.n, b.pub.n) && sameBytes(a.pub.e, b.pub.e);
  if (a.pub && b.pub) {
    return a.curve ? sameBytes(uncompressed(a.curve, a.pub), uncompressed(b.curve, b.pub)) : sameBytes(a.pub, b.pub);
  }
  return a.priv !== null && b.priv !== null && sameBytes(a.priv, b.priv);
}

module.exports = {
  KeyError, readSpki, readCertificate, readRsaPublic, readRsaPrivate, readSec1, readPkcs8, readJwk,
  readEncryptedPkcs8, isEncryptedPkcs8, isRsaPrivateKey, pemBlocks, publicOf, encode, toJwk, details, sameKey,
};
