"""node:crypto: hashes, HMAC, key derivation, random values and KeyObjects, checked against Node.js.

The expected values are Node's (and the RFCs' test vectors where there are some).
"""

from __future__ import annotations

from tests.node.conftest import UNDEFINED

# Turns a thrown error into JSON.
CATCH = """
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""

# Keys made by Node: RSA of 512 bits, P-256 and Ed25519 (whose public key is ED_X below); a
# certificate for a P-256 key made by OpenSSL.
RSA_PEM = """-----BEGIN PRIVATE KEY-----
MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8AgEAAkEAvx6pfiiVdGZZa8aS
QtiOJig+LeKeBLwP5A089NdEojedGxCx/moVBt13gioVliZxQBtKblX1iMwdkREI
rR/kpwIDAQABAkAB7vZ5/0Ebz1lCPN0H7hbqDegrIKrGk3x5qySduXvJRFBHktk8
9Ge2MvV5W8Soz4gRWSGDWnY3/ezXJMV+1KOJAiEA65aEXqG81yx6eGo2n5pYV90R
3+wx9n9tWgjHvCHsaD0CIQDPrdBbKRLrwvXZhFu1FZoE+AD5ksDtfGElMfHJzS0q
swIhAIIpYi8qqzwzPeMjw9RAoYjCAqs2Q5CObOtuqHQgRg59AiEAhEjx6+9I1xXz
Zd9STxF4buvOKyrYay2L75ZVrjZcK9MCIQC0gfqh7b9+nR6C5XdB0ZK+DcS9Kq/8
HAnADjlUJXJASw==
-----END PRIVATE KEY-----
"""
EC_PEM = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQghPZS3j0qK+ts4tLF
4b5X6bbyAcIuBQKc6VnTO0gH2cqhRANCAARd++NTTj7L/Jg6oeWcMwEekdLmpb4T
ZDVGF2y//JHk5d4xn8T7l/ywpr9swapvt9Zafwwag6Xno2IpYUD+fomn
-----END PRIVATE KEY-----
"""
ED_PEM = """-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIKKzZLh0fS5udIrfApG88Rf0UyQ9NThuzV6JRMXDCvoX
-----END PRIVATE KEY-----
"""
CERT_PEM = """-----BEGIN CERTIFICATE-----
MIIBbTCCAROgAwIBAgIUZ8vnSupNyyAZRRhkRvTfip9mCcMwCgYIKoZIzj0EAwIw
DDEKMAgGA1UEAwwBeDAeFw0yNjEyMDUwNTI0NDFaFw0yNjEyMDYwNTI0NDFaMAwx
CjAIBgNVBAMMAXgwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATX2sy/02iG3tuE
XMIjjCBeUEBFQTuKefGLY8khNE85uzos5SapfcKYQ71stvyGwIEZ+5besvakrdPd
KL4IOOVvo1MwUTAdBgNVHQ4EFgQUA5ofWrzVgjhd906drySTRl6KMwYwHwYDVR0j
BBgwFoAUA5ofWrzVgjhd906drySTRl6KMwYwDwYDVR0TAQH/BAUwAwEB/zAKBggq
hkjOPQQDAgNIADBFAiEA4XkVd/E5KLKs+aXspu06dhIJuOzOsvF07mbWsp71fiEC
IAjmdsGR0SYWGBt2V7e6KBT20phiYdqhHc/9Tx+nVVyz
-----END CERTIFICATE-----
"""

# The keys as JS constants.
KEYS = f"""
const RSA = `{RSA_PEM}`;
const EC = `{EC_PEM}`;
const ED = `{ED_PEM}`;
const ED_X = "NeqLuBX8MVezMFUQx2Schz_n5U43v0P7cP1Pt714hwg";
const CERT = `{CERT_PEM}`;
"""


def test_hash_vectors(node_js):
    """Every digest, empty, short and multi-block, whole and in pieces that straddle blocks."""
    assert node_js("""
import { createHash } from "node:crypto";
const names = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"];
const long = "The quick brown fox jumps over the lazy dog. ".repeat(23);
const out = {};
for (const name of names) {
  // Pieces that straddle the block boundaries (64 and 128 bytes) in every way.
  const pieces = createHash(name);
  for (let i = 0; i < long.length; i += 37) pieces.update(long.slice(i, i + 37));
  const whole = createHash(name).update(long).digest("hex");
  out[name] = [createHash(name).digest("hex"), createHash(name).update("abc").digest("hex"), whole,
    pieces.digest("hex") === whole];
}
// Lengths around the padding boundary: 55/56 bytes for 64-byte blocks, 111/112 for 128.
out.padding = [55, 56, 63, 64, 65, 111, 112, 119, 128].map((n) =>
  createHash("md5").update("x".repeat(n)).digest("hex").slice(0, 8) + "/" +
  createHash("sha256").update("x".repeat(n)).digest("hex").slice(0, 8) + "/" +
  createHash("sha512").update("x".repeat(n)).digest("hex").slice(0, 8));
export default out;
""") == {
        "md5": [
            "d41d8cd98f00b204e9800998ecf8427e",
            "900150983cd24fb0d6963f7d28e17f72",
            "4e9aed17464438820a0908e60ff71503",
            True,
        ],
        "sha1": [
            "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            "a9993e364706816aba3e25717850c26c9cd0d89d",
            "ee1346db70b8a66f8cfaeaedab5441d7bde38b45",
            True,
        ],
        "sha224": [
            "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
            "816de5ca2029507faee28d5edc27345a466ca3c3135c9ae230b6f70e",
            True,
        ],
        "sha256": [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "bb1f0d806b33012f0fcc793a4b5a4bd5280342d90311c5375ab0a621b2f3baa9",
            True,
        ],
        "sha384": [
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            "2f57b27b5d956493f2d3e420bd406a346f940d88aa49ac442b0f79d2699f63e8a76fe6ca8eb09902a437f8af1134a9c2",
            True,
        ],
        "sha512": [
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "483ee6ad7810b6852a02d9cb8277d6930ee5e51b20f6419aff80a2131e7879c157385ed130da3a2ff5a17605b95ce2681b2dcebedb44c97491d9ae43122c61a6",
            True,
        ],
        "sha512-224": [
            "6ed0dd02806fa89e25de060c19d3ac86cabb87d6a0ddd05c333b84f4",
            "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa",
            "95ba41ff20de129b7d43ebc15956a6d7ef9dc2e8a6668a9648a913ec",
            True,
        ],
        "sha512-256": [
            "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a",
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
            "f22b1bd4aa5ef1590275f20c0a126eb0254733a8595c1e1e77529e5cd888f119",
            True,
        ],
        "padding": [
            "04364420/d5e28568/db998164",
            "668a72d5/04c26261/a9436ec7",
            "7dc2ca20/75220b47/a6662db8",
            "c1bb4f81/7ce10097/791c91ff",
            "1bc93205/9537c5fd/460d9da1",
            "acdfbe7d/5ba60613/9a2a1208",
            "26382a8d/87bf6e70/a3722b51",
            "ab347a5f/000b48d4/c5df60b2",
            "d69cb61a/24da1b81/e2e22f84",
        ],
    }


def test_hash_aliases(node_js):
    """The names OpenSSL knows each digest by, in any case; unknown names."""
    assert node_js(
        CATCH
        + """
import { createHash, createHmac, getHashes, hash } from "node:crypto";
const names = ["MD5", "Md5", "RSA-MD5", "md5WithRSAEncryption", "ssl3-md5", "1.2.840.113549.2.5",
  "SHA-1", "sha-1", "RSA-SHA1", "rsa-sha1-2", "sha1WithRSAEncryption", "ssl3-sha1", "1.3.14.3.2.26",
  "SHA224", "sha-224", "sha2-224", "RSA-SHA224", "sha224WithRSAEncryption", "2.16.840.1.101.3.4.2.4",
  "SHA256", "SHA-256", "SHA2-256", "RSA-SHA256", "sha256WithRSAEncryption", "2.16.840.1.101.3.4.2.1",
  "SHA-384", "sha2-384", "rsa-sha384", "sha384withrsaencryption", "2.16.840.1.101.3.4.2.2",
  "SHA-512", "sha2-512", "RSA-SHA512", "sha512WithRSAEncryption", "2.16.840.1.101.3.4.2.3",
  "SHA512-224", "sha-512/224", "sha2-512/224", "RSA-SHA512/224", "sha512-224WithRSAEncryption",
  "SHA512-256", "SHA-512/256", "sha2-512/256", "rsa-sha512/256", "2.16.840.1.101.3.4.2.6"];
const unknown = ["sha", "sha256 ", "", "sha-512-256", "sha512/256", "SHA512/224", "dsa-sha1", "md5-sha2"];
export default {
  names: Object.fromEntries(names.map((n) => [n, createHash(n).update("x").digest("hex").slice(0, 8)])),
  unknown: unknown.map((n) => caught(() => createHash(n))),
  hmac: [createHmac("SHA-256", "k").digest("hex").slice(0, 8), createHmac("RSA-SHA256", "k").digest("hex").slice(0, 8),
    caught(() => createHmac("sha", "k"))],
  oneShot: [hash("SHA-256", "x").slice(0, 8), caught(() => hash("nope", "x"))],
  // Every name getHashes() lists works (Node lists more: it has more digests).
  listed: getHashes().filter((n) => caught(() => createHash(n).digest("hex")).code === undefined).length > 25,
};
"""
    ) == {
        "names": {
            "MD5": "9dd4e461",
            "Md5": "9dd4e461",
            "RSA-MD5": "9dd4e461",
            "md5WithRSAEncryption": "9dd4e461",
            "ssl3-md5": "9dd4e461",
            "1.2.840.113549.2.5": "9dd4e461",
            "SHA-1": "11f6ad8e",
            "sha-1": "11f6ad8e",
            "RSA-SHA1": "11f6ad8e",
            "rsa-sha1-2": "11f6ad8e",
            "sha1WithRSAEncryption": "11f6ad8e",
            "ssl3-sha1": "11f6ad8e",
            "1.3.14.3.2.26": "11f6ad8e",
            "SHA224": "54a2f7f9",
            "sha-224": "54a2f7f9",
            "sha2-224": "54a2f7f9",
            "RSA-SHA224": "54a2f7f9",
            "sha224WithRSAEncryption": "54a2f7f9",
            "2.16.840.1.101.3.4.2.4": "54a2f7f9",
            "SHA256": "2d711642",
            "SHA-256": "2d711642",
            "SHA2-256": "2d711642",
            "RSA-SHA256": "2d711642",
            "sha256WithRSAEncryption": "2d711642",
            "2.16.840.1.101.3.4.2.1": "2d711642",
            "SHA-384": "d752c2c5",
            "sha2-384": "d752c2c5",
            "rsa-sha384": "d752c2c5",
            "sha384withrsaencryption": "d752c2c5",
            "2.16.840.1.101.3.4.2.2": "d752c2c5",
            "SHA-512": "a4abd444",
            "sha2-512": "a4abd444",
            "RSA-SHA512": "a4abd444",
            "sha512WithRSAEncryption": "a4abd444",
            "2.16.840.1.101.3.4.2.3": "a4abd444",
            "SHA512-224": "a0fe24b4",
            "sha-512/224": "a0fe24b4",
            "sha2-512/224": "a0fe24b4",
            "RSA-SHA512/224": "a0fe24b4",
            "sha512-224WithRSAEncryption": "a0fe24b4",
            "SHA512-256": "6a1db6c1",
            "SHA-512/256": "6a1db6c1",
            "sha2-512/256": "6a1db6c1",
            "rsa-sha512/256": "6a1db6c1",
            "2.16.840.1.101.3.4.2.6": "6a1db6c1",
        },
        "unknown": [
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
        ],
        "hmac": [
            "8bb990c4",
            "8bb990c4",
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: sha"},
        ],
        "oneShot": [
            "2d711642",
            {"name": "Error", "code": UNDEFINED, "message": "Digest method nope is not supported"},
        ],
        "listed": True,
    }


def test_hash_encodings(node_js):
    """update()'s input encodings and views, digest()'s output encodings."""
    assert node_js(
        CATCH
        + """
import { createHash } from "node:crypto";
import { Buffer } from "node:buffer";
const h = (data, enc) => createHash("sha256").update(data, enc).digest("hex").slice(0, 16);
const d = (enc) => { const r = createHash("sha1").update("abc").digest(enc); return Buffer.isBuffer(r) ? "buffer:" + r.toString("hex") : r; };
const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254]);
export default {
  update: {
    utf8: h("é€😀"), explicit: h("é€😀", "utf8"), UTF8: h("é€😀", "UTF-8"), latin1: h("é", "latin1"),
    binary: h("é", "binary"), ascii: h("é", "ascii"), ucs2: h("é€", "ucs2"), utf16le: h("é€", "utf-16le"),
    hex: h("00ff10", "hex"), HEX: h("00FF10", "HEX"), badHex: h("zz11", "hex"), base64: h("AP8Q", "base64"),
    base64url: h("AP8Q_-8", "base64url"), buffer: h("é", "buffer"), unknown: h("é", "bogus"), nullEnc: h("é", null),
    number: h("é", 5),
  },
  views: {
    u8: h(bytes), buffer: h(Buffer.from(bytes)), u16: h(new Uint16Array(bytes.buffer)), dv: h(new DataView(bytes.buffer)),
    f64: h(new Float64Array(bytes.buffer)), sub: h(bytes.subarray(3, 6)), slice: h(Buffer.from(bytes).subarray(2)),
    empty: h(new Uint8Array(0)),
  },
  digest: {
    none: d(), hex: d("hex"), HEX: d("HEX"), base64: d("base64"), Base64: d("Base64"), base64url: d("base64url"),
    latin1: d("latin1"), binary: d("binary"), ascii: d("ascii"), utf16le: d("utf16le"), ucs2: d("UCS-2"), utf8: d("utf8"),
    buffer: d("buffer"), empty: d(""), zero: d(0), bogus: d("bogus"), object: d({ toString() { return "hex"; } }),
  },
  bufferType: [Buffer.isBuffer(createHash("md5").digest()), createHash("md5").digest().length,
    createHash("sha512").digest().buffer.byteLength >= 64],
};
"""
    ) == {
        "update": {
            "utf8": "df9226927fd572c1",
            "explicit": "df9226927fd572c1",
            "UTF8": "df9226927fd572c1",
            "latin1": "de2e331d891ae267",
            "binary": "de2e331d891ae267",
            "ascii": "de2e331d891ae267",
            "ucs2": "a76d10d144c26165",
            "utf16le": "a76d10d144c26165",
            "hex": "2da45f2cd1f9c8e6",
            "HEX": "2da45f2cd1f9c8e6",
            "badHex": "e3b0c44298fc1c14",
            "base64": "2da45f2cd1f9c8e6",
            "base64url": "a6f248e5573d354f",
            "buffer": "4a99557e4033c353",
            "unknown": "4a99557e4033c353",
            "nullEnc": "4a99557e4033c353",
            "number": "4a99557e4033c353",
        },
        "views": {
            "u8": "7c70b314df19b083",
            "buffer": "7c70b314df19b083",
            "u16": "7c70b314df19b083",
            "dv": "7c70b314df19b083",
            "f64": "7c70b314df19b083",
            "sub": "31464450ced0cf9f",
            "slice": "1bf7951ffc51b865",
            "empty": "e3b0c44298fc1c14",
        },
        "digest": {
            "none": "buffer:a9993e364706816aba3e25717850c26c9cd0d89d",
            "hex": "a9993e364706816aba3e25717850c26c9cd0d89d",
            "HEX": "a9993e364706816aba3e25717850c26c9cd0d89d",
            "base64": "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
            "Base64": "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=",
            "base64url": "qZk-NkcGgWq6PiVxeFDCbJzQ2J0",
            "latin1": "©\x99>6G\x06\x81jº>%qxPÂl\x9cÐØ\x9d",
            "binary": "©\x99>6G\x06\x81jº>%qxPÂl\x9cÐØ\x9d",
            "ascii": ")\x19>6G\x06\x01j:>%qxPBl\x1cPX\x1d",
            "utf16le": "馩㘾ه檁㺺焥偸泂킜鷘",
            "ucs2": "馩㘾ه檁㺺焥偸泂킜鷘",
            "utf8": "��>6G\x06�j�>%qxP�l��؝",
            "buffer": "buffer:a9993e364706816aba3e25717850c26c9cd0d89d",
            "empty": "buffer:a9993e364706816aba3e25717850c26c9cd0d89d",
            "zero": "buffer:a9993e364706816aba3e25717850c26c9cd0d89d",
            "bogus": "buffer:a9993e364706816aba3e25717850c26c9cd0d89d",
            "object": "a9993e364706816aba3e25717850c26c9cd0d89d",
        },
        "bufferType": [True, 16, True],
    }


def test_hash_errors(node_js):
    """Finalized hashes, copy(), bad data and algorithms, options.outputLength."""
    assert node_js(
        CATCH
        + """
import crypto, { createHash, Hash } from "node:crypto";
const done = createHash("sha256");
done.update("a");
const first = done.digest("hex").slice(0, 8);
const partial = createHash("sha256").update("ab");
const copy = partial.copy();
copy.update("c");
const viaCopy = partial.copy({ outputLength: 32 });
export default {
  finalized: [first, caught(() => done.digest("hex")), caught(() => done.update("x")), caught(() => done.copy())],
  copy: [copy.digest("hex").slice(0, 8), partial.digest("hex").slice(0, 8), viaCopy.digest("hex").slice(0, 8),
    caught(() => createHash("sha256").copy({ outputLength: 5 }))],
  chain: createHash("md5").update("a") instanceof Hash,
  noNew: [Hash("md5") instanceof Hash, Hash("md5").update("").digest("hex").slice(0, 8), typeof crypto.Hash],
  data: [caught(() => createHash("md5").update(1)), caught(() => createHash("md5").update()),
    caught(() => createHash("md5").update(new ArrayBuffer(2))), caught(() => createHash("md5").update({})),
    caught(() => createHash("md5").update("abc", "hex")), caught(() => createHash("md5").update("abc", "Hex"))],
  algorithm: [caught(() => createHash()), caught(() => createHash(1)), caught(() => createHash("nope")),
    caught(() => createHash({ toString() { return "md5"; } }))],
  outputLength: [createHash("sha256", { outputLength: 32 }).digest("hex").slice(0, 8),
    createHash("sha512-256", { outputLength: 32 }).digest("hex").slice(0, 8),
    caught(() => createHash("sha256", { outputLength: 16 })), caught(() => createHash("md5", { outputLength: 0 })),
    caught(() => createHash("sha256", { outputLength: "32" })), caught(() => createHash("sha256", { outputLength: -1 })),
    caught(() => createHash("sha256", { outputLength: 1.5 })), caught(() => createHash("nope", { outputLength: "x" })),
    createHash("sha1", null).digest("hex").slice(0, 8), createHash("sha1", "x").digest("hex").slice(0, 8)],
  proto: ["copy", "update", "digest"].map((m) => typeof Hash.prototype[m] + ":" + Hash.prototype[m].name),
};
"""
    ) == {
        "finalized": [
            "ca978112",
            {"name": "Error", "code": "ERR_CRYPTO_HASH_FINALIZED", "message": "Digest already called"},
            {"name": "Error", "code": "ERR_CRYPTO_HASH_FINALIZED", "message": "Digest already called"},
            {"name": "Error", "code": "ERR_CRYPTO_HASH_FINALIZED", "message": "Digest already called"},
        ],
        "copy": [
            "ba7816bf",
            "fb8e20fc",
            "fb8e20fc",
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                "message": "error:030000B2:digital envelope routines::not XOF or invalid length",
            },
        ],
        "chain": True,
        "noNew": [True, "d41d8cd9", "function"],
        "data": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "data" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received type number (1)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "data" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "data" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received an instance of ArrayBuffer",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "data" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received an instance of Object",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'encoding' is invalid for data of length 3. Received 'hex'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'encoding' is invalid for data of length 3. Received 'Hex'",
            },
        ],
        "algorithm": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "algorithm" argument must be of type string. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "algorithm" argument must be of type string. Received type number (1)',
            },
            {"name": "Error", "code": UNDEFINED, "message": "Digest method not supported"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "algorithm" argument must be of type string. Received an instance of Object',
            },
        ],
        "outputLength": [
            "e3b0c442",
            "c672b8d1",
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                "message": "error:030000B2:digital envelope routines::not XOF or invalid length",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                "message": "error:030000B2:digital envelope routines::not XOF or invalid length",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options.outputLength" property must be of type number. '
                "Received type string ('32')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "options.outputLength" is out of range. It must be >= '
                "0 && <= 4294967295. Received -1",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "options.outputLength" is out of range. It must be an '
                "integer. Received 1.5",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options.outputLength" property must be of type number. '
                "Received type string ('x')",
            },
            "da39a3ee",
            "da39a3ee",
        ],
        "proto": ["function:copy", "function:update", "function:digest"],
    }


def test_one_shot(node_js):
    """crypto.hash(): hex by default, other encodings, its argument checks."""
    assert node_js(
        CATCH
        + """
import { hash } from "node:crypto";
import { Buffer } from "node:buffer";
const r = hash("sha1", "abc", "buffer");
export default {
  hex: hash("sha1", "abc"), md5: hash("md5", "é"), view: hash("sha256", new Uint16Array([1, 2]), "base64"),
  base64url: hash("sha256", Buffer.from("x"), "base64url"), BUFFER: Buffer.isBuffer(hash("sha1", "", "BUFFER")),
  buffer: [Buffer.isBuffer(r), r.toString("hex")], latin1: hash("md5", "", "binary").length,
  errors: [caught(() => hash("sha1", 5)), caught(() => hash("sha1", new ArrayBuffer(1))), caught(() => hash(5, "a")),
    caught(() => hash("sha1", "a", "bogus")), caught(() => hash("sha1", "a", 5)), caught(() => hash("sha1", "a", null)),
    caught(() => hash("nope", "a")), caught(() => hash("nope", 5))],
};
"""
    ) == {
        "hex": "a9993e364706816aba3e25717850c26c9cd0d89d",
        "md5": "66ddcd97cfdeabb2f6fb8a999b4bc76f",
        "view": "exHBEzMwzRYQcb8joMm2zlMgqPOg+DYgA1pyvkbfQQQ=",
        "base64url": "LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE",
        "BUFFER": True,
        "buffer": [True, "a9993e364706816aba3e25717850c26c9cd0d89d"],
        "latin1": 16,
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "input" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "input" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received an instance of ArrayBuffer",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "algorithm" argument must be of type string. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'outputEncoding' is invalid. Received 'bogus'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "outputEncoding" argument must be of type string. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "outputEncoding" argument must be of type string. Received null',
            },
            {"name": "Error", "code": UNDEFINED, "message": "Digest method nope is not supported"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "input" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received type number (5)",
            },
        ],
    }


def test_hmac(node_js):
    """HMAC with every digest and kind of key (RFC 4231, a JWT's HS256), a second digest()."""
    assert node_js(
        CATCH
        + """
import { createHmac, createSecretKey, Hmac } from "node:crypto";
import { Buffer } from "node:buffer";
const mac = (alg, key, data = "The quick brown fox", options) => createHmac(alg, key, options).update(data).digest("hex");
const twice = createHmac("sha256", "k");
const firstDigest = twice.digest("hex").slice(0, 8);
// RFC 4231 test case 6: a key longer than the block.
const longKey = Buffer.alloc(131, 0xaa);
const rfc = createHmac("sha256", longKey).update("Test Using Larger Than Block-Size Key - Hash Key First").digest("hex");
// A JWT's HS256 signature (jsonwebtoken's path): base64url of the HMAC.
const jwt = createHmac("sha256", "secret").update("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0").digest("base64url");
export default {
  all: ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"].map((a) => mac(a, "key")),
  keys: [mac("sha256", Buffer.from("key")), mac("sha256", new Uint8Array([107, 101, 121]).buffer),
    mac("sha256", createSecretKey(Buffer.from("key"))), mac("sha256", "6b6579", "x", { encoding: "hex" }),
    mac("sha256", "key", "x", "hex"), mac("sha256", ""), mac("sha512", "k".repeat(200))],
  rfc, jwt,
  pieces: createHmac("sha1", "k").update("ab").update(Buffer.from("c")).digest("base64") === createHmac("sha1", "k").update("abc").digest("base64"),
  twice: [firstDigest, twice.digest("hex"), Buffer.isBuffer(twice.digest()), twice.digest("buffer").length,
    twice.digest("base64"), caught(() => twice.update("x"))],
  errors: [caught(() => createHmac("sha256")), caught(() => createHmac("sha256", 5)), caught(() => createHmac("nope", "k")),
    caught(() => createHmac(5, "k")), caught(() => createHmac("sha256", "k", { encoding: 5 })),
    caught(() => createHmac("sha256", "k", { encoding: "bogus" })), caught(() => createHmac("sha256", "k").update(5))],
  noNew: [Hmac("md5", "k") instanceof Hmac, typeof createHmac("md5", "k").copy],
};
"""
    ) == {
        "all": [
            "d006bc60c92ff6e54f615474fe835e02",
            "22f9e077a3cebd09248154f85d9a56c79941fd96",
            "aca35715b8cae3bcf41f49c9a5f88a174a2f38d4c78892a38061ed56",
            "203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0",
            "60638fa0aa4b044fc6f50d5c4a11dd5c26863cd335e3aac16ac6434fc79505dfb05bc3d02a556e271979b41c9379f579",
            "36f44b125a8a90639dc46733039571792e081e0fd8685ff746784b02ed14aa35629d562c7117cde4a701570551faa5a5e1b7ef1eb5c3bcd4cc1fdb8923fcf14e",
            "154e8362ba385695d16a9075de371fb5cbca8fd0a65a420089c9babb",
            "fc7b4ba201770f6c65fb3cca030cc95e9ef188da51d78f76667c64848f478bfc",
        ],
        "keys": [
            "203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0",
            "203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0",
            "203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0",
            "4fc3b7eaf34d7e594a6f51d9517ba543abf41067b27587ffd82ba3584e4d3cdd",
            "4fc3b7eaf34d7e594a6f51d9517ba543abf41067b27587ffd82ba3584e4d3cdd",
            "831d2f46d18799176d0da02650e0e477509404e5a1cca13bf3c028f4f4884cd7",
            "3810596bd662c8dbf0e052d211e0b26af70219cc99c82c96898826595d3902b9549b3cac6d858e10fac63415eb3f56c1438b7cd0639e6f977f1ace0d79df4f2a",
        ],
        "rfc": "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        "jwt": "M11_c_Mkz5wKz70TPIkcPwzBTd5M-3ZW69WFmxuEnHk",
        "pieces": True,
        "twice": [
            "8bb990c4",
            "",
            True,
            0,
            "",
            {"name": "Error", "code": "ERR_CRYPTO_HASH_FINALIZED", "message": "Digest already called"},
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of ArrayBuffer, '
                "Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received "
                "undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of ArrayBuffer, '
                "Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received type "
                "number (5)",
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: nope"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "hmac" argument must be of type string. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options.encoding" property must be of type string. Received type number (5)',
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "data" argument must be of type string or an instance of Buffer, '
                "TypedArray, or DataView. Received type number (5)",
            },
        ],
        "noNew": [True, "undefined"],
    }


def test_random(node_js):
    """randomBytes, randomFill(Sync), randomUUID, getRandomValues: sizes, offsets, callbacks, errors."""
    assert node_js(
        CATCH
        + """
import { randomBytes, randomFillSync, randomFill, randomUUID, getRandomValues, webcrypto, subtle } from "node:crypto";
import { Buffer } from "node:buffer";
const order = [];
const viaCallback = await new Promise((resolve) => {
  randomBytes(8, (err, buf) => { order.push("callback"); resolve([err, Buffer.isBuffer(buf), buf.length]); });
  Promise.resolve().then(() => order.push("microtask"));
  order.push("sync");
});
const zeroSync = [];
randomBytes(0, (err, buf) => zeroSync.push(err, buf.length));
const filled = await new Promise((resolve) => randomFill(new Uint32Array(4), 1, 2, (err, buf) => resolve([err, buf.length, buf[0], buf[3]])));
const ab = await new Promise((resolve) => randomFill(new ArrayBuffer(8), (err, buf) => resolve([err, buf.byteLength])));
const u32 = randomFillSync(new Uint32Array(4), 1, 2);
const big = randomBytes(200000);
const zeros = new Uint8Array(1000);
const uuids = Array.from({ length: 50 }, () => randomUUID());
export default {
  bytes: [Buffer.isBuffer(randomBytes(3)), randomBytes(3).length, randomBytes(0).length, randomBytes(1.5).length,
    big.length, new Set(big).size === 256, randomBytes(16).equals(randomBytes(16))],
  viaCallback, order, zeroSync, filled, ab,
  fillSync: [u32[0], u32[3], randomFillSync(zeros) === zeros, zeros.some((b) => b !== 0),
    randomFillSync(new ArrayBuffer(4)).byteLength, randomFillSync(Buffer.alloc(4), 4).equals(Buffer.alloc(4))],
  uuid: [uuids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)),
    new Set(uuids).size, randomUUID({ disableEntropyCache: true }).length, randomUUID({}).length],
  web: [webcrypto === globalThis.crypto, subtle === globalThis.crypto.subtle, getRandomValues(new Uint8Array(4)).length,
    caught(() => getRandomValues(new Float32Array(2))).name, caught(() => getRandomValues(new Uint8Array(65537))).name],
  errors: [caught(() => randomBytes(-1)), caught(() => randomBytes("1")), caught(() => randomBytes(2 ** 31)),
    caught(() => randomBytes(NaN)), caught(() => randomBytes(3, 5)), caught(() => randomFillSync([1, 2])),
    caught(() => randomFillSync(new Uint32Array(4), 5)), caught(() => randomFillSync(new Uint32Array(4), 1, 4)),
    caught(() => randomFillSync(new Uint8Array(4), -1)), caught(() => randomFillSync(new Uint8Array(4), "1")),
    caught(() => randomFill(new Uint8Array(4))), caught(() => randomFill(new Uint8Array(4), 1)),
    caught(() => randomUUID(5)), caught(() => randomUUID({ disableEntropyCache: 1 }))],
};
"""
    ) == {
        "bytes": [True, 3, 0, 1, 200000, True, False],
        "viaCallback": [None, True, 8],
        "order": ["sync", "microtask", "callback"],
        "zeroSync": [None, 0],
        "filled": [None, 4, 0, 0],
        "ab": [None, 8],
        "fillSync": [0, 0, True, True, 4, True],
        "uuid": [True, 50, 36, 36],
        "web": [True, True, 4, "TypeMismatchError", "QuotaExceededError"],
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. '
                "Received -1",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"size\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. '
                "Received 2147483648",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. '
                "Received NaN",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "buf" argument must be an instance of ArrayBuffer or ArrayBufferView. '
                "Received an instance of Array",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 16. Received 20',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size + offset" is out of range. It must be <= 16. Received 20',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 4. Received -1',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"offset\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options.disableEntropyCache" property must be of type boolean. '
                "Received type number (1)",
            },
        ],
    }


def test_random_int(node_js):
    """randomInt: bounds, the callback form (also past the cache's refill), errors."""
    assert node_js(
        CATCH
        + """
import { randomInt } from "node:crypto";
const draws = Array.from({ length: 2000 }, () => randomInt(-3, 4));
const big = Array.from({ length: 100 }, () => randomInt(2 ** 48 - 1));
const order = [];
const viaCallback = await new Promise((resolve) => {
  randomInt(10, (err, n) => { order.push("callback"); resolve([err === undefined, n >= 0 && n < 10]); });
  order.push("sync");
});
// Many callback draws: some wait for the cache to refill.
const many = await Promise.all(Array.from({ length: 1500 }, () =>
  new Promise((resolve) => randomInt(5, 7, (err, n) => resolve(err === undefined && (n === 5 || n === 6))))));
export default {
  range: [Math.min(...draws), Math.max(...draws), new Set(draws).size, draws.every(Number.isInteger)],
  big: big.every((n) => Number.isSafeInteger(n) && n >= 0 && n < 2 ** 48 - 1),
  single: [randomInt(1), randomInt(5, 6), randomInt(-10, -9)],
  viaCallback, order, many: many.every(Boolean),
  errors: [caught(() => randomInt(0)), caught(() => randomInt(1.5)), caught(() => randomInt(2 ** 48)),
    caught(() => randomInt(-5, 2 ** 48)), caught(() => randomInt(5, 3)), caught(() => randomInt(1, 2, 3)),
    caught(() => randomInt("1")), caught(() => randomInt(1, "2")), caught(() => randomInt(2 ** 53)),
    caught(() => randomInt(0, 1, null))],
};
"""
    ) == {
        "range": [-3, 3, 7, True],
        "big": True,
        "single": [0, 5, -10],
        "viaCallback": [True, True],
        "order": ["sync", "callback"],
        "many": True,
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "max" is out of range. It must be greater than the value of '
                '"min" (0). Received 0',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "max" argument must be a safe integer. Received type number (1.5)',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "max" is out of range. It must be <= 281474976710655. '
                "Received 281_474_976_710_656",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "max - min" is out of range. It must be <= 281474976710655. '
                "Received 281_474_976_710_661",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "max" is out of range. It must be greater than the value of '
                '"min" (5). Received 3',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received type number (3)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"max\" argument must be a safe integer. Received type string ('1')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"max\" argument must be a safe integer. Received type string ('2')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "max" argument must be a safe integer. Received type number '
                "(9007199254740992)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received null',
            },
        ],
    }


def test_timing_safe_equal(node_js):
    """timingSafeEqual on the bytes of any view or ArrayBuffer; length and type errors."""
    assert node_js(
        CATCH
        + """
import { timingSafeEqual } from "node:crypto";
import { Buffer } from "node:buffer";
export default [
  timingSafeEqual(Buffer.from("abc"), Buffer.from("abc")), timingSafeEqual(Buffer.from("abc"), Buffer.from("abd")),
  timingSafeEqual(new Uint16Array([1]), new Uint8Array([1, 0])), timingSafeEqual(new ArrayBuffer(2), new DataView(new ArrayBuffer(2))),
  timingSafeEqual(Buffer.alloc(0), new Uint8Array(0)),
  caught(() => timingSafeEqual(Buffer.from("ab"), Buffer.from("abc"))), caught(() => timingSafeEqual("ab", "ab")),
  caught(() => timingSafeEqual(Buffer.from("ab"), "ab")), caught(() => timingSafeEqual(Buffer.from("ab"))),
];
"""
    ) == [
        True,
        False,
        True,
        True,
        True,
        {
            "name": "RangeError",
            "code": "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH",
            "message": "Input buffers must have the same byte length",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or '
            "DataView.",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or '
            "DataView.",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or '
            "DataView.",
        },
    ]


def test_pbkdf2(node_js):
    """PBKDF2 (RFC 6070), sync and async (on the host for SHA digests, in JS for others)."""
    assert node_js(
        CATCH
        + r"""
import { pbkdf2, pbkdf2Sync } from "node:crypto";
import { Buffer } from "node:buffer";
const run = (...args) => new Promise((resolve) => pbkdf2(...args, (err, key) => resolve(err ? err.message : [Buffer.isBuffer(key), key.toString("hex")])));
const order = [];
const ordered = new Promise((resolve) => pbkdf2("p", "s", 1, 4, "sha256", () => { order.push("callback"); resolve(); }));
order.push("sync");
await ordered;
// The inputs are read when called, not when the work runs.
const password = Buffer.from("pw"), salt = Buffer.from("salt");
const copied = [run(password, salt, 1, 8, "sha256"), run(password, salt, 1, 8, "md5")];
password.fill(0);
salt.fill(0);
export default {
  // RFC 6070's vectors (PBKDF2-HMAC-SHA1).
  rfc6070: [pbkdf2Sync("password", "salt", 1, 20, "sha1").toString("hex"),
    pbkdf2Sync("password", "salt", 4096, 20, "sha1").toString("hex"),
    pbkdf2Sync("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25, "sha1").toString("hex"),
    pbkdf2Sync("pass\0word", "sa\0lt", 4096, 16, "sha1").toString("hex")],
  digests: ["md5", "sha224", "sha256", "SHA-384", "sha512", "sha512-256"].map((d) => pbkdf2Sync("pw", "salt", 3, 70, d).toString("hex")),
  inputs: [pbkdf2Sync(Buffer.from("pw"), new Uint8Array([1, 2]).buffer, 2, 8, "sha256").toString("hex"),
    pbkdf2Sync("", "", 1, 8, "sha256").toString("hex"), pbkdf2Sync("pw", "salt", 1, 0, "sha1").length,
    Buffer.isBuffer(pbkdf2Sync("pw", "salt", 1, 1, "sha1"))],
  async: [await run("password", "salt", 4096, 20, "sha1"), await run("pw", "salt", 1000, 40, "sha512"),
    await run("pw", "salt", 10, 20, "md5"), await run("pw", "salt", 1, 0, "sha256"), await run("", "", 2, 8, "sha256")],
  order, copied: await Promise.all(copied),
  errors: [caught(() => pbkdf2Sync("pw", "salt", 0, 20, "sha1")), caught(() => pbkdf2Sync("pw", "salt", 1, -1, "sha1")),
    caught(() => pbkdf2Sync("pw", "salt", 1, 20)), caught(() => pbkdf2Sync("pw", "salt", 1, 20, "nope")),
    caught(() => pbkdf2Sync("pw", "salt", 1.5, 20, "sha1")), caught(() => pbkdf2Sync(5, "salt", 1, 20, "sha1")),
    caught(() => pbkdf2Sync("pw", null, 1, 20, "sha1")), caught(() => pbkdf2Sync("pw", "salt", "1", 20, "sha1")),
    caught(() => pbkdf2Sync("pw", "salt", 1, 2 ** 31, "sha1")),
    caught(() => pbkdf2("pw", "salt", 1, 20, "sha1")), caught(() => pbkdf2("pw", "salt", 1, 20, "nope", () => {})),
    caught(() => pbkdf2("pw", "salt", 1, 20, () => {}))],
};
"""
    ) == {
        "rfc6070": [
            "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            "4b007901b765489abead49d926f721d065a429c1",
            "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
            "56fa6aa75548099dcc37d7f03425e0c3",
        ],
        "digests": [
            "d684741fdc128b5679ae66b7f6b255416b2454aec15083b412a9865adb9d2b22eabbadb8091cb60f08fe735ff5676ec0c687ffdf4940014beb5fc148644be643eaa1039ed760",
            "26ada39be31f195500c2ef7890d39b8a230230af9d54791eac49e368259d681bbef6a6b4b27e41ca70ad6a3a5b8fda0103bcfb6f00b56c363e4d716932ea13cd7352cf818709",
            "3c671234e386cb307220d70ee15c4985160b8a8dba62f247001b07974ad52ed1785bf34b5aa5dd58858f23f5b5c57ccf97e1e5af0752abba7151256f3eaa935a29361ced2832",
            "b9a2cf5af8187f5db8f65515496af1cad62f721fe138e5d1f2d33c18ef0d7daaeb4c87a604005452fb752a10c2f03e5e6fd61144874e690a86b37b636299ab54ca951c973b82",
            "6a7be24f5b46c5c3769d73a6689b3ad79f9f245a1cdb20e41ee9d5a31bea14445f54a362850dd4dc7d6a22b714d3d05635425c3f127951dfb8f1d9bf88f143538798e0acae2c",
            "bab0fe07d3104d41954ec2444e7708d0b6302bf81b50ba344a29ea937a52c913bd7dcee525d85cfc9a3086b98a8a50b3178d18693aea5ce69198c32af375cf4c57a5e8adda82",
        ],
        "inputs": ["ad63a006394c7b43", "f7ce0b653d2d72a4", 0, True],
        "async": [
            [True, "4b007901b765489abead49d926f721d065a429c1"],
            [True, "dba2956d5d8f05e6f06dc9732ca6037d32a4fcbcdde4b35e62594b632d059275a4612b69ad28703b"],
            [True, "c417d2d11bdb6e65079d5407a30e4caa5e13916a"],
            [True, ""],
            [True, "97398411d6aea43a"],
        ],
        "order": ["sync", "callback"],
        "copied": [[True, "6f4ad8c78ec365c0"], [True, "9887054ca80d1507"]],
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "iterations" is out of range. It must be >= 1 && <= '
                "2147483647. Received 0",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "keylen" is out of range. It must be >= 0 && <= 2147483647. '
                "Received -1",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "digest" argument must be of type string. Received undefined',
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: nope"},
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "iterations" is out of range. It must be an integer. Received 1.5',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "password" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "salt" argument must be of type string or an instance of ArrayBuffer, '
                "Buffer, TypedArray, or DataView. Received null",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"iterations\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "keylen" is out of range. It must be >= 0 && <= 2147483647. '
                "Received 2147483648",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received undefined',
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: nope"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "digest" argument must be of type string. Received undefined',
            },
        ],
    }


def test_hkdf(node_js):
    """HKDF (RFC 5869): ArrayBuffer results, key and salt kinds, limits."""
    assert node_js(
        CATCH
        + """
import { hkdf, hkdfSync, createSecretKey } from "node:crypto";
import { Buffer } from "node:buffer";
const hex = (ab) => (ab instanceof ArrayBuffer ? "ab:" : "?:") + Buffer.from(ab).toString("hex");
// RFC 5869 test case 1.
const ikm = Buffer.alloc(22, 0x0b);
const salt = Buffer.from("000102030405060708090a0b0c", "hex");
const info = Buffer.from("f0f1f2f3f4f5f6f7f8f9", "hex");
const order = [];
const viaCallback = await new Promise((resolve) => {
  hkdf("sha256", ikm, salt, info, 42, (err, key) => { order.push("callback"); resolve([err, hex(key)]); });
  order.push("sync");
});
export default {
  rfc5869: hex(hkdfSync("sha256", ikm, salt, info, 42)), viaCallback, order,
  inputs: [hex(hkdfSync("sha1", "key", "salt", "info", 16)), hex(hkdfSync("sha512", createSecretKey(Buffer.from("key")), "", "", 100)),
    hex(hkdfSync("md5", new Uint8Array([1, 2]).buffer, new Uint8Array(0), new DataView(new ArrayBuffer(3)), 10)),
    hex(hkdfSync("sha256", "", "salt", "info", 0)), hex(hkdfSync("sha256", "k", "s", "x".repeat(1024), 4)),
    hkdfSync("sha256", "k", "s", "i", 255 * 32).byteLength],
  errors: [caught(() => hkdfSync("sha256", "k", "s", "i", 255 * 32 + 1)), caught(() => hkdfSync("sha256", "k", "s", "x".repeat(1025), 16)),
    caught(() => hkdfSync("nope", "k", "s", "i", 16)), caught(() => hkdfSync("sha256", 5, "s", "i", 16)),
    caught(() => hkdfSync("sha256", "k", 5, "i", 16)), caught(() => hkdfSync("sha256", "k", "s", null, 16)),
    caught(() => hkdfSync(5, "k", "s", "i", 16)), caught(() => hkdfSync("sha256", "k", "s", "i", 1.5)),
    caught(() => hkdfSync("sha256", "k", "s", "i", "16")), caught(() => hkdf("sha256", "k", "s", "i", 16)),
    caught(() => hkdf("nope", "k", "s", "i", 16, () => {}))],
  negative: caught(() => hkdfSync("sha256", "k", "s", "i", -1)).code,
};
"""
    ) == {
        "rfc5869": "ab:3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        "viaCallback": [
            None,
            "ab:3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        ],
        "order": ["sync", "callback"],
        "inputs": [
            "ab:a0bc90fe7a3fef57087f96ceeaccea02",
            "ab:60ed0b819793aba3c33a17021859ac9708e0644e3b78992e6eae96e16465604a482ad7574d682e6be37dfeffbc79d9619d717ebfa2814128c9cd832791e405733dade3aebc2e2a4c36c7f85a9097a131b2b524ed3504ba113e931ccf4fdd5e0b72eeb565",
            "ab:5e63a296d3fe607dd02d",
            "ab:",
            "ab:e1cdb2dd",
            8160,
        ],
        "errors": [
            {"name": "RangeError", "code": "ERR_CRYPTO_INVALID_KEYLEN", "message": "Invalid key length"},
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "info" is out of range. It must be must not contain more '
                "than 1024 bytes. Received 1025",
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: nope"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "ikm" argument must be of type string or an instance of '
                "SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer. Received "
                "type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "salt" argument must be of type string or an instance of ArrayBuffer, '
                "TypedArray, DataView, or Buffer. Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "info" argument must be of type string or an instance of ArrayBuffer, '
                "TypedArray, DataView, or Buffer. Received null",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "digest" argument must be of type string. Received type number (5)',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be an integer. Received 1.5',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"length\" argument must be of type number. Received type string ('16')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received undefined',
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_DIGEST", "message": "Invalid digest: nope"},
        ],
        "negative": "ERR_OUT_OF_RANGE",
    }


def test_scrypt(node_js):
    """scrypt (RFC 7914), the option aliases and defaults, OpenSSL's parameter limits."""
    assert node_js(
        CATCH
        + """
import { scrypt, scryptSync } from "node:crypto";
import { Buffer } from "node:buffer";
const order = [];
const viaCallback = await new Promise((resolve) => {
  scrypt("pw", "salt", 16, { N: 16 }, (err, key) => { order.push("callback"); resolve([err, Buffer.isBuffer(key), key.toString("hex")]); });
  order.push("sync");
});
const password = Buffer.from("pw");
const defaults = new Promise((resolve) => scrypt(password, "salt", 8, (err, key) => resolve([err, key.toString("hex")])));
password.fill(0);
export default {
  // RFC 7914's first two vectors.
  rfc7914: [scryptSync("", "", 64, { N: 16, r: 1, p: 1 }).toString("hex"),
    scryptSync("password", "NaCl", 64, { N: 1024, r: 8, p: 16 }).toString("hex")],
  defaults: [scryptSync("pw", "salt", 16).toString("hex"), await defaults],
  viaCallback, order,
  aliases: [scryptSync("pw", "s", 8, { cost: 32, blockSize: 2, parallelization: 3 }).toString("hex"),
    scryptSync("pw", "s", 8, { N: 32, r: 2, p: 3 }).toString("hex"), scryptSync("pw", "s", 8, { N: 0, r: 0, p: 0, maxmem: 0 }).toString("hex"),
    scryptSync(Buffer.from("pw"), new Uint8Array([1]).buffer, 0, { N: 2 }).length],
  errors: [caught(() => scryptSync("pw", "salt", 16, { N: 3 })), caught(() => scryptSync("pw", "salt", 16, { N: 1 })),
    caught(() => scryptSync("pw", "salt", 16, { N: 2 ** 20 })), caught(() => scryptSync("pw", "salt", 16, { N: 16, maxmem: 1000 })),
    caught(() => scryptSync("pw", "salt", 16, { N: 2 ** 16, r: 1 })), caught(() => scryptSync("pw", "salt", 16, { N: 16, r: 2 ** 20, p: 2 ** 10 })),
    caught(() => scryptSync("pw", "salt", 16, { N: 16, cost: 16 })), caught(() => scryptSync("pw", "salt", 16, { r: 1, blockSize: 1 })),
    caught(() => scryptSync("pw", "salt", 16, { N: -1 })), caught(() => scryptSync("pw", "salt", 16, { maxmem: -1 })),
    caught(() => scryptSync("pw", "salt", -1)), caught(() => scryptSync(5, "salt", 16)),
    caught(() => scrypt("pw", "salt", 16)), caught(() => scrypt("pw", "salt", 16, { N: 2 ** 20 }, () => {}))],
};
"""
    ) == {
        "rfc7914": [
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
        ],
        "defaults": ["c0b515908e61334cae6d6003c00be60e", [None, "c0b515908e61334c"]],
        "viaCallback": [None, True, "c5d06c368e4a07b8a98e9a06773fcf4a"],
        "order": ["sync", "callback"],
        "aliases": ["4a6a3299bbc9566a", "4a6a3299bbc9566a", "50a5c927da5f08ac", 0],
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params",
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params",
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params: error:030000AC:digital envelope routines::memory "
                "limit exceeded",
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params: error:030000AC:digital envelope routines::memory "
                "limit exceeded",
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params: error:030000AC:digital envelope routines::memory "
                "limit exceeded",
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params: error:030000AC:digital envelope routines::memory "
                "limit exceeded",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER",
                "message": "Invalid scrypt parameter",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER",
                "message": "Invalid scrypt parameter",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "N" is out of range. It must be >= 0 && <= 4294967295. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "maxmem" is out of range. It must be >= 0 && <= '
                "9007199254740991. Received -1",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "keylen" is out of range. It must be >= 0 && <= 2147483647. '
                "Received -1",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "password" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "callback" argument must be of type function. Received undefined',
            },
            {
                "name": "RangeError",
                "code": "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "message": "Invalid scrypt params: error:030000AC:digital envelope routines::memory "
                "limit exceeded",
            },
        ],
    }


def test_key_object(node_js):
    """Secret KeyObjects: export, equals, copies of the key bytes, errors."""
    assert node_js(
        CATCH
        + """
import { createSecretKey, KeyObject } from "node:crypto";
import { Buffer } from "node:buffer";
const key = createSecretKey(Buffer.from("abc"));
const source = Buffer.from("xyz");
const copied = createSecretKey(source);
source[0] = 0;
const exported = key.export();
exported[0] = 0;
export default {
  props: [key.type, key.symmetricKeySize, key.asymmetricKeyType ?? null, Object.prototype.toString.call(key),
    key instanceof KeyObject, Object.keys(key)],
  export: [key.export().toString(), Buffer.isBuffer(key.export({ format: "buffer" })), key.export({ format: "jwk" }),
    key.export().toString(), copied.export().toString()],
  inputs: [createSecretKey("abcd", "hex").export().toString("hex"), createSecretKey("abc").export().toString(),
    createSecretKey(new Uint16Array([1]).buffer).symmetricKeySize, createSecretKey(Buffer.alloc(0)).symmetricKeySize],
  equals: [key.equals(createSecretKey(Buffer.from("abc"))), key.equals(createSecretKey(Buffer.from("abd"))),
    key.equals(createSecretKey(Buffer.from("ab"))), caught(() => key.equals(5))],
  errors: [caught(() => key.export({ format: "pem" })), caught(() => key.export(5)), caught(() => createSecretKey(5)),
    caught(() => createSecretKey("abcd", "bogus")), caught(() => new KeyObject("secret", {})), caught(() => new KeyObject("x", {})),
    caught(() => createSecretKey(key))],
  proto: [Object.getOwnPropertyNames(KeyObject.prototype).sort(),
    Object.getOwnPropertyNames(Object.getPrototypeOf(key)).sort(), KeyObject.length],
};
"""
    ) == {
        "props": ["secret", 3, None, "[object KeyObject]", True, []],
        "export": ["abc", True, {"kty": "oct", "k": "YWJj"}, "abc", "xyz"],
        "inputs": ["abcd", "abc", 2, 0],
        "equals": [
            True,
            False,
            False,
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "otherKeyObject" argument must be an instance of KeyObject. Received '
                "type number (5)",
            },
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.format' must be one of: undefined, 'buffer', 'jwk'. "
                "Received 'pem'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be an instance of ArrayBuffer, Buffer, '
                "TypedArray, or DataView. Received type number (5)",
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "handle" argument must be of type object. Received an instance of Object',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'type' is invalid. Received 'x'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be an instance of ArrayBuffer, Buffer, '
                "TypedArray, or DataView. Received an instance of SecretKeyObject",
            },
        ],
        "proto": [["constructor", "equals", "type"], ["constructor", "export", "symmetricKeySize"], 2],
    }


def test_jsonwebtoken_keys(node_js):
    """jsonwebtoken's reading of keys: a secret string is no private or public key, so it becomes a secret one."""
    assert node_js(
        KEYS
        + """
import crypto from "node:crypto";
import { Buffer } from "node:buffer";
// jsonwebtoken's reading of a key: a KeyObject as it is, else a private (or public) key,
// else a secret; jwa's test for KeyObjects.
const toKey = (key, create) => {
  if (key instanceof crypto.KeyObject) return key;
  try { return create(key); } catch { return crypto.createSecretKey(typeof key === "string" ? Buffer.from(key) : key); }
};
const signing = toKey("s3cret", crypto.createPrivateKey);
const verifying = toKey(Buffer.from("s3cret"), crypto.createPublicKey);
const rsa = toKey(RSA, crypto.createPrivateKey);
export default {
  keyObjects: typeof crypto.createPublicKey === "function",
  secret: [signing.type, verifying.type, signing.equals(verifying), toKey(signing, crypto.createPrivateKey) === signing,
    crypto.createHmac("sha256", signing).update("header.payload").digest("base64url")],
  rsa: [rsa.type, rsa.asymmetricKeyType, rsa.asymmetricKeyDetails.modulusLength, toKey(RSA, crypto.createPublicKey).type],
};
"""
    ) == {
        "keyObjects": True,
        "secret": ["secret", "secret", True, True, "a2JMJ1eBqlo89aC9KgPo0M3EF-2D16cJ1tsWAAb6IVQ"],
        "rsa": ["private", "rsa", 512, "public"],
    }


def test_rsa_keys(node_js):
    """RSA keys in PKCS#8, PKCS#1, SPKI and JWK, read and written as Node does; a private key's public half."""
    assert node_js(
        KEYS
        + """
import { createPrivateKey, createPublicKey, createHash, KeyObject } from "node:crypto";
import { Buffer } from "node:buffer";
const digest = (data) => createHash("sha256").update(data).digest("hex").slice(0, 16);
const priv = createPrivateKey(RSA);
const pub = createPublicKey(RSA);
const pkcs1 = priv.export({ type: "pkcs1", format: "der" });
const jwk = priv.export({ format: "jwk" });
export default {
  props: [priv.type, priv.asymmetricKeyType, priv.asymmetricKeyDetails, priv.symmetricKeySize, priv instanceof KeyObject,
    pub.type, pub.asymmetricKeyType, pub.asymmetricKeyDetails, priv.asymmetricKeyDetails === priv.asymmetricKeyDetails],
  pkcs8: [priv.export({ type: "pkcs8", format: "pem" }) === RSA, digest(priv.export({ type: "pkcs8", format: "der" }))],
  pkcs1: [priv.export({ type: "pkcs1", format: "pem" }), Buffer.isBuffer(pkcs1), digest(pkcs1)],
  spki: [pub.export({ type: "spki", format: "pem" }), digest(pub.export({ type: "spki", format: "der" }))],
  pkcs1Public: pub.export({ type: "pkcs1", format: "pem" }),
  jwk, publicJwk: pub.export({ format: "jwk" }),
  roundTrips: [
    createPrivateKey({ key: pkcs1, format: "der", type: "pkcs1" }).equals(priv),
    createPrivateKey({ key: pkcs1.toString("base64"), format: "der", type: "pkcs1", encoding: "base64" }).equals(priv),
    createPublicKey({ key: pkcs1, format: "der", type: "pkcs1" }).equals(pub),
    createPublicKey({ key: pub.export({ type: "pkcs1", format: "der" }), format: "der", type: "pkcs1" }).equals(pub),
    createPublicKey({ key: pub.export({ type: "spki", format: "der" }), format: "der", type: "spki" }).equals(pub),
    createPrivateKey({ key: jwk, format: "jwk" }).export({ type: "pkcs8", format: "pem" }) === RSA,
    createPublicKey({ key: jwk, format: "jwk" }).equals(pub),
    createPublicKey(priv).equals(pub), createPublicKey({ key: priv }).equals(pub),
    createPublicKey(pub.export({ type: "pkcs1", format: "pem" })).equals(pub),
    createPrivateKey(new Uint8Array(Buffer.from(RSA)).buffer).equals(priv),
  ],
  equals: [priv.equals(pub), pub.equals(priv), priv.equals(createPrivateKey(RSA)), pub.equals(createPublicKey(EC))],
};
"""
    ) == {
        "props": [
            "private",
            "rsa",
            {"modulusLength": 512, "publicExponent": "65537n"},
            UNDEFINED,
            True,
            "public",
            "rsa",
            {"modulusLength": 512, "publicExponent": "65537n"},
            True,
        ],
        "pkcs8": [True, "cb284f7fe5a9a1c9"],
        "pkcs1": [
            "-----BEGIN RSA PRIVATE KEY-----\n"
            "MIIBPAIBAAJBAL8eqX4olXRmWWvGkkLYjiYoPi3ingS8D+QNPPTXRKI3nRsQsf5q\n"
            "FQbdd4IqFZYmcUAbSm5V9YjMHZERCK0f5KcCAwEAAQJAAe72ef9BG89ZQjzdB+4W\n"
            "6g3oKyCqxpN8easknbl7yURQR5LZPPRntjL1eVvEqM+IEVkhg1p2N/3s1yTFftSj\n"
            "iQIhAOuWhF6hvNcsenhqNp+aWFfdEd/sMfZ/bVoIx7wh7Gg9AiEAz63QWykS68L1\n"
            "2YRbtRWaBPgA+ZLA7XxhJTHxyc0tKrMCIQCCKWIvKqs8Mz3jI8PUQKGIwgKrNkOQ\n"
            "jmzrbqh0IEYOfQIhAIRI8evvSNcV82XfUk8ReG7rzisq2Gsti++WVa42XCvTAiEA\n"
            "tIH6oe2/fp0eguV3QdGSvg3EvSqv/BwJwA45VCVyQEs=\n"
            "-----END RSA PRIVATE KEY-----\n",
            True,
            "add6eb0e10c3fe9c",
        ],
        "spki": [
            "-----BEGIN PUBLIC KEY-----\n"
            "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAL8eqX4olXRmWWvGkkLYjiYoPi3ingS8\n"
            "D+QNPPTXRKI3nRsQsf5qFQbdd4IqFZYmcUAbSm5V9YjMHZERCK0f5KcCAwEAAQ==\n"
            "-----END PUBLIC KEY-----\n",
            "d8c12d0105c5b5eb",
        ],
        "pkcs1Public": "-----BEGIN RSA PUBLIC KEY-----\n"
        "MEgCQQC/Hql+KJV0ZllrxpJC2I4mKD4t4p4EvA/kDTz010SiN50bELH+ahUG3XeC\n"
        "KhWWJnFAG0puVfWIzB2REQitH+SnAgMBAAE=\n"
        "-----END RSA PUBLIC KEY-----\n",
        "jwk": {
            "kty": "RSA",
            "n": "vx6pfiiVdGZZa8aSQtiOJig-LeKeBLwP5A089NdEojedGxCx_moVBt13gioVliZxQBtKblX1iMwdkREIrR_kpw",
            "e": "AQAB",
            "d": "Ae72ef9BG89ZQjzdB-4W6g3oKyCqxpN8easknbl7yURQR5LZPPRntjL1eVvEqM-IEVkhg1p2N_3s1yTFftSjiQ",
            "p": "65aEXqG81yx6eGo2n5pYV90R3-wx9n9tWgjHvCHsaD0",
            "q": "z63QWykS68L12YRbtRWaBPgA-ZLA7XxhJTHxyc0tKrM",
            "dp": "giliLyqrPDM94yPD1EChiMICqzZDkI5s626odCBGDn0",
            "dq": "hEjx6-9I1xXzZd9STxF4buvOKyrYay2L75ZVrjZcK9M",
            "qi": "tIH6oe2_fp0eguV3QdGSvg3EvSqv_BwJwA45VCVyQEs",
        },
        "publicJwk": {
            "kty": "RSA",
            "n": "vx6pfiiVdGZZa8aSQtiOJig-LeKeBLwP5A089NdEojedGxCx_moVBt13gioVliZxQBtKblX1iMwdkREIrR_kpw",
            "e": "AQAB",
        },
        "roundTrips": [True, True, True, True, True, True, True, True, True, True, True],
        "equals": [False, False, True, False],
    }


def test_ec_keys(node_js):
    """EC keys: SEC1, PKCS#8, SPKI and JWK; compressed points, a key without its public point; bad points."""
    assert node_js(
        KEYS
        + CATCH
        + """
import { createPrivateKey, createPublicKey } from "node:crypto";
import { Buffer } from "node:buffer";
const priv = createPrivateKey(EC);
const pub = createPublicKey(priv);
const spki = pub.export({ type: "spki", format: "der" });
const jwk = priv.export({ format: "jwk" });
// The same point compressed: 02 or 03 by the parity of y, then x.
const header = "3039301306072a8648ce3d020106082a8648ce3d030107032200";
const compressed = Buffer.concat([Buffer.from(header, "hex"), Buffer.from([2 | (spki[90] & 1)]), spki.subarray(27, 59)]);
const small = createPublicKey({ key: compressed, format: "der", type: "spki" });
// SEC1 without the public key.
const bare = Buffer.from(`30310201010420${Buffer.from(jwk.d, "base64url").toString("hex")}a00a06082a8648ce3d030107`, "hex");
const bareKey = createPrivateKey({ key: bare, format: "der", type: "sec1" });
const offCurve = Buffer.from(spki);
offCurve[90] ^= 1;
export default {
  props: [priv.asymmetricKeyType, priv.asymmetricKeyDetails, pub.asymmetricKeyDetails],
  sec1: priv.export({ type: "sec1", format: "pem" }),
  pkcs8: priv.export({ type: "pkcs8", format: "pem" }) === EC,
  spki: pub.export({ type: "spki", format: "pem" }),
  jwk, publicJwk: pub.export({ format: "jwk" }),
  compressed: [small.export({ format: "jwk" }), small.equals(pub), small.export({ type: "spki", format: "der" }).equals(compressed)],
  bare: [bareKey.export({ type: "sec1", format: "der" }).equals(bare), bareKey.export({ type: "pkcs8", format: "der" }).toString("base64"),
    bareKey.equals(priv)],
  roundTrips: [
    createPrivateKey({ key: priv.export({ type: "sec1", format: "der" }), format: "der", type: "sec1" }).equals(priv),
    createPublicKey(priv.export({ type: "sec1", format: "pem" })).equals(pub),
    createPrivateKey({ key: jwk, format: "jwk" }).export({ type: "pkcs8", format: "pem" }) === EC,
    createPublicKey({ key: jwk, format: "jwk" }).equals(pub),
    createPublicKey({ key: spki, format: "der", type: "spki" }).export({ type: "spki", format: "der" }).equals(spki),
  ],
  errors: [
    caught(() => createPublicKey({ key: offCurve, format: "der", type: "spki" })),
    caught(() => createPublicKey({ key: { ...jwk, y: jwk.x }, format: "jwk" })),
    caught(() => createPublicKey({ key: { ...jwk, crv: "P-192" }, format: "jwk" })),
    caught(() => createPublicKey({ key: { kty: "EC", crv: "P-256", x: jwk.x }, format: "jwk" })),
    caught(() => createPrivateKey({ key: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y }, format: "jwk" })),
    caught(() => priv.export({ type: "pkcs1", format: "pem" })),
    caught(() => createPrivateKey(RSA).export({ type: "sec1", format: "pem" })),
  ],
};
"""
    ) == {
        "props": ["ec", {"namedCurve": "prime256v1"}, {"namedCurve": "prime256v1"}],
        "sec1": "-----BEGIN EC PRIVATE KEY-----\n"
        "MHcCAQEEIIT2Ut49KivrbOLSxeG+V+m28gHCLgUCnOlZ0ztIB9nKoAoGCCqGSM49\n"
        "AwEHoUQDQgAEXfvjU04+y/yYOqHlnDMBHpHS5qW+E2Q1Rhdsv/yR5OXeMZ/E+5f8\n"
        "sKa/bMGqb7fWWn8MGoOl56NiKWFA/n6Jpw==\n"
        "-----END EC PRIVATE KEY-----\n",
        "pkcs8": True,
        "spki": "-----BEGIN PUBLIC KEY-----\n"
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXfvjU04+y/yYOqHlnDMBHpHS5qW+\n"
        "E2Q1Rhdsv/yR5OXeMZ/E+5f8sKa/bMGqb7fWWn8MGoOl56NiKWFA/n6Jpw==\n"
        "-----END PUBLIC KEY-----\n",
        "jwk": {
            "kty": "EC",
            "x": "XfvjU04-y_yYOqHlnDMBHpHS5qW-E2Q1Rhdsv_yR5OU",
            "y": "3jGfxPuX_LCmv2zBqm-31lp_DBqDpeejYilhQP5-iac",
            "crv": "P-256",
            "d": "hPZS3j0qK-ts4tLF4b5X6bbyAcIuBQKc6VnTO0gH2co",
        },
        "publicJwk": {
            "kty": "EC",
            "x": "XfvjU04-y_yYOqHlnDMBHpHS5qW-E2Q1Rhdsv_yR5OU",
            "y": "3jGfxPuX_LCmv2zBqm-31lp_DBqDpeejYilhQP5-iac",
            "crv": "P-256",
        },
        "compressed": [
            {
                "kty": "EC",
                "x": "XfvjU04-y_yYOqHlnDMBHpHS5qW-E2Q1Rhdsv_yR5OU",
                "y": "3jGfxPuX_LCmv2zBqm-31lp_DBqDpeejYilhQP5-iac",
                "crv": "P-256",
            },
            True,
            True,
        ],
        "bare": [
            True,
            "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCCE9lLePSor62zi0sXhvlfptvIBwi4FApzpWdM7SAfZyg==",
            True,
        ],
        "roundTrips": [True, True, True, True, True],
        "errors": [
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_JWK", "message": "Invalid JWK EC key"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'key.crv' must be one of: 'P-256', 'secp256k1', 'P-384', "
                "'P-521'. Received 'P-192'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.y" property must be of type string. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.d" property must be of type string. Received undefined',
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding pkcs1 can only be used for RSA keys.",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding sec1 can only be used for EC keys.",
            },
        ],
    }


def test_okp_keys(node_js):
    """Ed25519, X25519, Ed448 and X448 keys from PKCS#8, SPKI and JWK."""
    assert node_js(
        KEYS
        + CATCH
        + """
import { createPrivateKey, createPublicKey } from "node:crypto";
import { Buffer } from "node:buffer";
const pub = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: ED_X }, format: "jwk" });
const priv = createPrivateKey(ED);
const d = priv.export({ type: "pkcs8", format: "der" }).subarray(16).toString("base64url");
const fromJwk = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: ED_X, d }, format: "jwk" });
const spki = pub.export({ type: "spki", format: "der" });
export default {
  props: [priv.type, priv.asymmetricKeyType, priv.asymmetricKeyDetails, pub.asymmetricKeyType, pub.asymmetricKeyDetails],
  pkcs8: priv.export({ type: "pkcs8", format: "pem" }) === ED,
  spki: [pub.export({ type: "spki", format: "pem" }), spki.toString("hex")],
  jwk: [pub.export({ format: "jwk" }), fromJwk.export({ format: "jwk" })],
  fromJwk: [fromJwk.equals(priv), createPublicKey(fromJwk).equals(pub),
    fromJwk.export({ type: "pkcs8", format: "pem" }) === ED, createPublicKey({ key: spki, format: "der", type: "spki" }).equals(pub)],
  others: ["X25519", "Ed448", "X448"].map((crv) => {
    const size = crv === "Ed448" ? 57 : crv === "X448" ? 56 : 32;
    const key = createPublicKey({ key: { kty: "OKP", crv, x: Buffer.alloc(size, 9).toString("base64url") }, format: "jwk" });
    return [key.asymmetricKeyType, key.export({ type: "spki", format: "der" }).toString("base64")];
  }),
  errors: [
    caught(() => createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: "AAAA" }, format: "jwk" })),
    caught(() => createPublicKey({ key: { kty: "OKP", crv: "ed25519", x: ED_X }, format: "jwk" })),
    caught(() => createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: ED_X }, format: "jwk" })),
    caught(() => createPublicKey({ key: spki.subarray(0, 40), format: "der", type: "spki" })),
    caught(() => createPublicKey({ key: Buffer.concat([Buffer.from("3029300506032b6570032000", "hex"), spki.subarray(13)]), format: "der", type: "spki" })),
    caught(() => createPublicKey({ key: Buffer.concat([Buffer.from("302c300706032b65700500", "hex"), spki.subarray(9)]), format: "der", type: "spki" })),
    caught(() => pub.export({ type: "pkcs1", format: "der" })),
  ],
};
"""
    ) == {
        "props": ["private", "ed25519", {}, "ed25519", {}],
        "pkcs8": True,
        "spki": [
            "-----BEGIN PUBLIC KEY-----\n"
            "MCowBQYDK2VwAyEANeqLuBX8MVezMFUQx2Schz/n5U43v0P7cP1Pt714hwg=\n"
            "-----END PUBLIC KEY-----\n",
            "302a300506032b657003210035ea8bb815fc3157b3305510c7649c873fe7e54e37bf43fb70fd4fb7bd788708",
        ],
        "jwk": [
            {"crv": "Ed25519", "x": "NeqLuBX8MVezMFUQx2Schz_n5U43v0P7cP1Pt714hwg", "kty": "OKP"},
            {
                "crv": "Ed25519",
                "d": "orNkuHR9Lm50it8CkbzxF_RTJD01OG7NXolExcMK-hc",
                "x": "NeqLuBX8MVezMFUQx2Schz_n5U43v0P7cP1Pt714hwg",
                "kty": "OKP",
            },
        ],
        "fromJwk": [True, True, True, True],
        "others": [
            ["x25519", "MCowBQYDK2VuAyEACQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk="],
            [
                "ed448",
                "MEMwBQYDK2VxAzoACQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJ",
            ],
            [
                "x448",
                "MEIwBQYDK2VvAzkACQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=",
            ],
        ],
        "errors": [
            {"name": "TypeError", "code": "ERR_CRYPTO_INVALID_JWK", "message": "Invalid JWK data"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'key.crv' must be one of: 'Ed25519', 'Ed448', 'X25519', "
                "'X448'. Received 'ed25519'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.d" property must be of type string. Received undefined',
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_TOO_LONG",
                "message": "error:0680009B:asn1 encoding routines::too long",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding pkcs1 can only be used for RSA keys.",
            },
        ],
    }


def test_rsa_pss_keys(node_js):
    """RSA-PSS keys with and without their parameters."""
    assert node_js(
        CATCH
        + """
import { createPublicKey, createPrivateKey } from "node:crypto";
import { Buffer } from "node:buffer";
// An RSA-PSS key (SHA-256, MGF1 with SHA-384, salt 16) and one without parameters.
const PSS = `-----BEGIN PUBLIC KEY-----
MIGQMEEGCSqGSIb3DQEBCjA0oA8wDQYJYIZIAWUDBAIBBQChHDAaBgkqhkiG9w0B
AQgwDQYJYIZIAWUDBAICBQCiAwIBEANLADBIAkEA0rgDZhNE2DBkGQ4h6Fl5o3WT
m+1Vpz9YtlvCTgC7vTQUFaZ0DbbaZY9Yy4nbRmoWSz19x4tdqDbGGeFhSxK2jwID
AQAB
-----END PUBLIC KEY-----
`;
const key = createPublicKey(PSS);
const bare = createPublicKey({ key: Buffer.concat([Buffer.from("305a300b06092a864886f70d01010a", "hex"),
  key.export({ type: "spki", format: "der" }).subarray(-77)]), format: "der", type: "spki" });
export default {
  details: [key.asymmetricKeyType, key.asymmetricKeyDetails, bare.asymmetricKeyDetails],
  spki: key.export({ type: "spki", format: "pem" }) === PSS,
  bare: bare.export({ type: "spki", format: "der" }).toString("base64").slice(0, 24),
  errors: [caught(() => key.export({ format: "jwk" })), caught(() => key.export({ type: "pkcs1", format: "der" }))],
};
"""
    ) == {
        "details": [
            "rsa-pss",
            {
                "modulusLength": 512,
                "publicExponent": "65537n",
                "hashAlgorithm": "sha256",
                "mgf1HashAlgorithm": "sha384",
                "saltLength": 16,
            },
            {"modulusLength": 512, "publicExponent": "65537n"},
        ],
        "spki": True,
        "bare": "MFowCwYJKoZIhvcNAQEKA0sA",
        "errors": [
            {
                "name": "Error",
                "code": "ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE",
                "message": "Unsupported JWK Key Type.",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding pkcs1 can only be used for RSA keys.",
            },
        ],
    }


def test_pem(node_js):
    """PEM as OpenSSL reads it: text around blocks, line endings, labels, certificates, encrypted keys."""
    assert node_js(
        KEYS
        + CATCH
        + """
import { createPrivateKey, createPublicKey } from "node:crypto";
const pub = createPublicKey(RSA);
const spki = pub.export({ type: "spki", format: "pem" });
const body = spki.split("\\n").slice(1, -2);
const pem = (label, lines) => `-----BEGIN ${label}-----\\n${lines.join("\\n")}\\n-----END ${label}-----\\n`;
const priv = createPrivateKey(RSA);
// Whether the text reads as the RSA key, or the type it reads as, or the error's code. (Keys
// of different types are not compared: that leaves an error in OpenSSL's queue that Node
// would report for the next failure.)
const read = (text, create = createPublicKey) => {
  try {
    const key = create(text);
    return key.asymmetricKeyType === "rsa" ? key.equals(key.type === "public" ? pub : priv) : key.asymmetricKeyType;
  } catch (e) {
    return e.code;
  }
};
const cert = createPublicKey(CERT);
export default {
  layout: [
    read(`text before\\n${spki}text after`), read(spki.replace(/\\n/g, "\\r\\n")), read(spki.replace(/\\n/g, " \\t\\n")),
    read(pem("PUBLIC KEY", [body.join("")])), read(pem("PUBLIC KEY", ["", ...body])),
    read(`text${spki}`), read(spki.replace(/\\n/g, "\\n ")), read(spki.replace(/\\n/g, "")), read(spki.split("-----END")[0]),
    read(spki.replace("END PUBLIC", "END PRIVATE")), read(pem("PUBLIC KEY", ["!!!!"])), read(pem("PUBLIC KEY", [])),
  ],
  blocks: [
    read(spki + RSA, createPrivateKey), read(pem("X", body) + spki), read(pem("CERTIFICATE", ["!!!!"]) + spki),
    read(pem("FOO KEY", body)), read(spki, createPrivateKey),
  ],
  labels: [
    read(pub.export({ type: "pkcs1", format: "pem" })), read(createPrivateKey(RSA).export({ type: "pkcs1", format: "pem" }), createPrivateKey),
    read(createPrivateKey(EC).export({ type: "sec1", format: "pem" }), createPrivateKey),
  ],
  certificate: [cert.type, cert.asymmetricKeyType, cert.export({ format: "jwk" })],
  bad: [caught(() => createPublicKey(pem("PUBLIC KEY", ["MAMCAQA="]))), caught(() => createPrivateKey(pem("PRIVATE KEY", ["MAMCAQA="])))],
  encrypted: [
    caught(() => createPrivateKey(pem("ENCRYPTED PRIVATE KEY", ["MA8wCwYJKoZIhvcNAQUNBAA="]))),
    caught(() => createPublicKey(pem("RSA PRIVATE KEY", ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,00000000000000000000000000000000", "", "AAAAAAAAAAAAAAAAAAAAAA=="]))),
  ],
};
"""
    ) == {
        "layout": [
            True,
            True,
            True,
            True,
            True,
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
            "ERR_OSSL_UNSUPPORTED",
        ],
        "blocks": [True, True, "ERR_OSSL_UNSUPPORTED", "ERR_OSSL_UNSUPPORTED", "ERR_OSSL_UNSUPPORTED"],
        "labels": [True, True, "ec"],
        "certificate": [
            "public",
            "ec",
            {
                "kty": "EC",
                "x": "19rMv9Noht7bhFzCI4wgXlBARUE7innxi2PJITRPObs",
                "y": "OizlJql9wphDvWy2_IbAgRn7lt6y9qSt090ovgg45W8",
                "crv": "P-256",
            },
        ],
        "bad": [
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_WRONG_TAG",
                "message": "error:068000A8:asn1 encoding routines::wrong tag",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
        ],
        "encrypted": [
            {
                "name": "Error",
                "code": "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED",
                "message": "error:07880109:common libcrypto routines::interrupted or cancelled",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED",
                "message": "error:07880109:common libcrypto routines::interrupted or cancelled",
            },
        ],
    }


def test_asymmetric_key_errors(node_js):
    """What is no key, and wrong arguments: Node's errors, OpenSSL's codes and messages."""
    assert node_js(
        KEYS
        + CATCH
        + """
import { createPrivateKey, createPublicKey, createSecretKey, createHmac } from "node:crypto";
import { Buffer } from "node:buffer";
const priv = createPrivateKey(RSA);
const pub = createPublicKey(RSA);
const secret = createSecretKey(Buffer.from("k"));
const der = (hex, type, create = createPublicKey) => caught(() => create({ key: Buffer.from(hex, "hex"), format: "der", type }));
export default {
  notKeys: [
    caught(() => createPrivateKey("s3cret")), caught(() => createPublicKey(Buffer.from("s3cret"))), caught(() => createPrivateKey("")),
    caught(() => createPrivateKey({ key: "s3cret", format: "der", type: "pkcs1" })),
  ],
  der: [
    der("3000", "spki"), der("3003020100", "spki"), der("30050201", "spki"), der("3081", "spki"), der("3103020100", "spki"),
    der("3000", "pkcs8", createPrivateKey), der("30050201", "pkcs8", createPrivateKey), der("3103020100", "pkcs8", createPrivateKey),
    der("3000", "pkcs1"), der("3003020100", "pkcs1"), der("3000", "sec1", createPrivateKey),
    der("30030500", "pkcs8", createPrivateKey), der("300f300b06092a864886f70d01050d0400", "pkcs8", createPrivateKey),
    der("3012300d06092a864886f70d0101010500030100", "spki"), der("300e300906072a8648ce3d0201030100", "spki"),
    der("3010300b06092a8648ce3d02018101030100", "spki"),
  ],
  arguments: [
    caught(() => createPublicKey(5)), caught(() => createPrivateKey(5)), caught(() => createPublicKey({ key: 5 })),
    caught(() => createPrivateKey({ key: null })), caught(() => createPublicKey({ key: RSA, format: "xml" })),
    caught(() => createPublicKey({ key: RSA, format: "der" })), caught(() => createPublicKey({ key: RSA, format: "der", type: "x" })),
    caught(() => createPrivateKey({ key: RSA, format: "der", type: "spki" })), caught(() => createPrivateKey({ key: RSA, passphrase: 5 })),
    caught(() => createPublicKey({ key: RSA, encoding: "bogus" })), createPublicKey({ key: RSA, type: "sec1" }).type,
    createPrivateKey({ key: RSA, passphrase: "unused" }).type,
  ],
  keyObjects: [
    caught(() => createPublicKey(pub)), caught(() => createPublicKey(secret)), caught(() => createPrivateKey(priv)),
    caught(() => createPrivateKey({ key: priv })), caught(() => createHmac("sha256", priv)), caught(() => priv.equals("x")),
    priv.equals(secret), secret.equals(pub),
  ],
  jwk: [
    caught(() => createPublicKey({ key: "x", format: "jwk" })), caught(() => createPublicKey({ key: { kty: "oct" }, format: "jwk" })),
    caught(() => createPublicKey({ key: { kty: "RSA", n: "AQAB" }, format: "jwk" })),
    caught(() => createPrivateKey({ key: { kty: "RSA", n: "AQAB", e: "AQAB", d: "AQAB" }, format: "jwk" })),
  ],
  export: [
    caught(() => priv.export()), caught(() => pub.export([])), caught(() => pub.export({ format: "pem" })),
    caught(() => pub.export({ format: "pem", type: "pkcs8" })), caught(() => priv.export({ format: "der", type: "spki" })),
    caught(() => priv.export({ format: "xml", type: "pkcs8" })), caught(() => priv.export({ format: "pem", type: "pkcs8", passphrase: "x" })),
    caught(() => priv.export({ format: "pem", type: "pkcs8", cipher: 5 })), caught(() => priv.export({ format: "pem", type: "pkcs8", cipher: "aes-128-cbc" })),
    caught(() => priv.export({ format: "der", type: "pkcs1", cipher: "aes-128-cbc", passphrase: "x" })),
    caught(() => priv.export({ format: "jwk", passphrase: "x" })),
    pub.export({ format: "der", type: "spki", cipher: 5, passphrase: 5 }).length,
  ],
};
"""
    ) == {
        "notKeys": [
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
        ],
        "der": [
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_FIELD_MISSING",
                "message": "error:06800079:asn1 encoding routines::field missing",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_WRONG_TAG",
                "message": "error:068000A8:asn1 encoding routines::wrong tag",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_TOO_LONG",
                "message": "error:0680009B:asn1 encoding routines::too long",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_HEADER_TOO_LONG",
                "message": "error:0680007B:asn1 encoding routines::header too long",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_WRONG_TAG",
                "message": "error:068000A8:asn1 encoding routines::wrong tag",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_FIELD_MISSING",
                "message": "error:06800079:asn1 encoding routines::field missing",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_NOT_ENOUGH_DATA",
                "message": "error:0680008E:asn1 encoding routines::not enough data",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_WRONG_TAG",
                "message": "error:068000A8:asn1 encoding routines::wrong tag",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_FIELD_MISSING",
                "message": "error:06800079:asn1 encoding routines::field missing",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_UNSUPPORTED",
                "message": "error:1E08010C:DECODER routines::unsupported",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_ASN1_NOT_ENOUGH_DATA",
                "message": "error:0680008E:asn1 encoding routines::not enough data",
            },
            {
                "name": "TypeError",
                "code": "ERR_MISSING_PASSPHRASE",
                "message": "Passphrase required for encrypted key",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
            {
                "name": "Error",
                "code": "ERR_OSSL_EVP_DECODE_ERROR",
                "message": "error:03000072:digital envelope routines::decode error",
            },
        ],
        "arguments": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. "
                "Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received type number "
                "(5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.key" property must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. "
                "Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.key" property must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received null",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.format' is invalid. Received 'xml'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received 'x'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received 'spki'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.passphrase' is invalid. Received 5",
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            "public",
            "private",
        ],
        "keyObjects": [
            {
                "name": "TypeError",
                "code": "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                "message": "Invalid key object type public, expected private.",
            },
            {
                "name": "TypeError",
                "code": "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                "message": "Invalid key object type secret, expected private.",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received an instance of "
                "PrivateKeyObject",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key" argument must be of type string or an instance of '
                "ArrayBuffer, Buffer, TypedArray, or DataView. Received an instance of "
                "PrivateKeyObject",
            },
            {
                "name": "TypeError",
                "code": "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE",
                "message": "Invalid key object type private, expected secret.",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "otherKeyObject" argument must be an instance of KeyObject. '
                "Received type string ('x')",
            },
            False,
            False,
        ],
        "jwk": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"key.key\" property must be of type object. Received type string ('x')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'key.kty' must be one of: 'RSA', 'EC', 'OKP'. Received 'oct'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.e" property must be of type string. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "key.p" property must be of type string. Received undefined',
            },
        ],
        "export": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received an instance of Array',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received 'pkcs8'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.type' is invalid. Received 'spki'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.format' is invalid. Received 'xml'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.cipher' is invalid. Received undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.cipher' is invalid. Received 5",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The property 'options.passphrase' is invalid. Received undefined",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding pkcs1 does not support encryption.",
            },
            {
                "name": "Error",
                "code": "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS",
                "message": "The selected key encoding jwk does not support encryption.",
            },
            94,
        ],
    }


def test_asymmetric_key_limits(node_js):
    """Encrypting an exported key with other ciphers than AES-256-CBC, and other key types,
    are refused, naming the missing feature."""
    assert node_js(
        KEYS
        + CATCH
        + """
import { createPrivateKey, createPublicKey } from "node:crypto";
import { Buffer } from "node:buffer";
const rsa = createPrivateKey(RSA);
export default [
  caught(() => rsa.export({ format: "pem", type: "pkcs8", cipher: "aes-128-cbc", passphrase: "pw" })),
  caught(() => createPublicKey({ key: Buffer.from("300f300906072a8648ce380401030200ff", "hex"), format: "der", type: "spki" })),
  caught(() => createPublicKey({ key: Buffer.from("3015301006072a8648ce3d020106052b81040021030100", "hex"), format: "der", type: "spki" })),
];
""",
        compare=False,
    ) == [
        {
            "name": "TypeError",
            "code": "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            "message": "The feature encrypting an exported private key with aes-128-cbc (aes-256-cbc is "
            "available) is unavailable on the current platform, which is being used to run Node.js",
        },
        {
            "name": "TypeError",
            "code": "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            "message": "The feature DSA keys is unavailable on the current platform, which is being used to "
            "run Node.js",
        },
        {
            "name": "TypeError",
            "code": "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            "message": "The feature EC keys on curves other than P-256, P-384, P-521 and secp256k1 is "
            "unavailable on the current platform, which is being used to run Node.js",
        },
    ]


def test_module(node_js):
    """The module's functions, constants and webcrypto getters."""
    assert node_js("""
import crypto from "node:crypto";
import * as ns from "node:crypto";
const ours = ["createHash", "createHmac", "createPrivateKey", "createPublicKey", "createSecretKey", "getHashes", "getRandomValues", "hash", "hkdf", "hkdfSync",
  "pbkdf2", "pbkdf2Sync", "randomBytes", "randomFill", "randomFillSync", "randomInt", "randomUUID", "scrypt",
  "scryptSync", "timingSafeEqual", "Hash", "Hmac", "KeyObject"];
const constants = crypto.constants;
export default {
  types: ours.map((name) => typeof crypto[name]),
  // (Node's getHashes is anonymous, its timingSafeEqual native.)
  names: ours.filter((name) => name !== "getHashes").map((name) => crypto[name].name),
  lengths: ours.filter((name) => name !== "timingSafeEqual").map((name) => crypto[name].length),
  namespace: ns.createHash === crypto.createHash && ns.default === crypto && ns.webcrypto === globalThis.crypto,
  constants: [Object.getPrototypeOf(constants), constants.RSA_PKCS1_PSS_PADDING, constants.RSA_PSS_SALTLEN_DIGEST,
    constants.POINT_CONVERSION_UNCOMPRESSED, Object.getOwnPropertyDescriptor(crypto, "constants").writable],
  descriptors: ["webcrypto", "subtle"].map((n) => typeof Object.getOwnPropertyDescriptor(crypto, n).get),
  hashes: crypto.getHashes().includes("sha256") && crypto.getHashes().includes("RSA-SHA256") && crypto.getHashes() !== crypto.getHashes(),
};
""") == {
        "types": [
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
            "function",
        ],
        "names": [
            "createHash",
            "createHmac",
            "createPrivateKey",
            "createPublicKey",
            "createSecretKey",
            "getRandomValues",
            "hash",
            "hkdf",
            "hkdfSync",
            "pbkdf2",
            "pbkdf2Sync",
            "randomBytes",
            "randomFill",
            "randomFillSync",
            "randomInt",
            "randomUUID",
            "scrypt",
            "scryptSync",
            "timingSafeEqual",
            "Hash",
            "Hmac",
            "KeyObject",
        ],
        "lengths": [2, 3, 1, 1, 2, 0, 1, 2, 6, 5, 6, 5, 2, 4, 1, 3, 1, 4, 3, 2, 3, 2],
        "namespace": True,
        "constants": [None, 6, -1, 4, False],
        "descriptors": ["function", "function"],
        "hashes": True,
    }


def test_streams(node_js):
    """Hash and Hmac as Transform streams: written data is hashed, the digest read at the end."""
    assert node_js("""
import { createHash, createHmac, Hash } from "node:crypto";
import { Transform, Readable, pipeline } from "node:stream";
import { Buffer } from "node:buffer";
const h = createHash("sha256");
h.write("ab");
h.write(Buffer.from("c"));
h.end();
const read = h.read();
const hex = createHash("md5");
hex.setEncoding("hex");
hex.end("abc");
const viaPipe = await new Promise((resolve, reject) => {
  const sink = createHash("sha1");
  pipeline(Readable.from(["a", "b", Buffer.from("c")]), sink, (err) => (err ? reject(err) : resolve(sink.read().toString("hex"))));
});
const mac = createHmac("sha256", "k");
mac.end("abc");
const macRead = mac.read();
const ended = createHash("sha256");
ended.end("abc");
ended.read();
const lazy = createHash("sha256");
export default {
  read: [Buffer.isBuffer(read), read.toString("hex")],
  hex: hex.read(), viaPipe,
  mac: [macRead.toString("hex"), mac.digest("hex"), mac.digest().length],
  afterStream: ended.digest("hex"),
  isTransform: [h instanceof Transform, Hash.prototype instanceof Transform, Object.keys(lazy),
    typeof lazy.pipe, Object.keys(createHash("md5", { outputLength: 16 }))],
  writeEncoding: (() => { const x = createHash("sha1"); x.write("616263", "hex"); x.end(); return x.read().toString("hex"); })(),
};
""") == {
        "read": [True, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
        "hex": "900150983cd24fb0d6963f7d28e17f72",
        "viaPipe": "a9993e364706816aba3e25717850c26c9cd0d89d",
        "mac": ["342e519ce0ad6c03a36b98eeb3f1d130db4813b9df4d1160eda488d712dc78ee", "", 0],
        "afterStream": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "isTransform": [True, True, ["_options"], "function", ["_options"]],
        "writeEncoding": "a9993e364706816aba3e25717850c26c9cd0d89d",
    }


def test_require_from_commonjs(node_js, tmp_path):
    """require("crypto") and require("node:crypto") from a .cjs file: the same module."""
    (tmp_path / "lib.cjs").write_text("""
const crypto = require("crypto");
module.exports = {
  same: crypto === require("node:crypto"),
  digest: crypto.createHash("sha256").update("cjs").digest("hex"),
  hmac: crypto.createHmac("sha1", "k").update("cjs").digest("base64"),
  key: crypto.pbkdf2Sync("pw", "salt", 10, 8, "sha256").toString("hex"),
};
""")
    assert node_js('import lib from "../lib.cjs";\nexport default lib;\n') == {
        "same": True,
        "digest": "4efb05bcf22cc851e5da0f30ac4f0226eaa230b44c08948d6bf3a244d66e917e",
        "hmac": "UPv4JqvTiApE4pay+EW6oznlIKY=",
        "key": "72aecd14244887c3",
    }


def test_left_out(node_js):
    """What this runtime does not have (classic Diffie-Hellman groups, certificates) is
    absent, not stubbed."""
    assert (
        node_js(
            """
import crypto from "node:crypto";
export default ["createDiffieHellman", "getDiffieHellman", "X509Certificate", "Certificate"]
  .filter((name) => name in crypto);
""",
            compare=False,
        )
        == []
    )


def test_digests_computed_on_the_host(node_js):
    # No JS implementation of these: createHash, createHmac and crypto.hash take them to OpenSSL.
    assert (
        node_js(
            """
import { createHash, createHmac, getHashes, hash } from "node:crypto";
const out = {};
for (const name of ["sha3-224", "sha3-256", "sha3-384", "SHA3-512", "ripemd160", "RIPEMD-160", "rmd160",
                    "blake2b512", "blake2s256", "md5-sha1"]) {
  const h = createHash(name).update("ab");
  const copy = h.copy().update("c");
  out[name] = [
    h.update("c").digest("hex"), copy.digest("base64"), createHash(name).digest("hex"),
    createHmac(name, "k".repeat(200)).update("abc").digest("hex"), hash(name, "abc"),
    createHash(name).update(new Uint8Array(20000)).digest("hex"),
  ];
}
export default [out, ["sha3-256", "ripemd160", "blake2b512"].every((n) => getHashes().includes(n))];
"""
        )[1]
        is True
    )
