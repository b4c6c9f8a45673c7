"""crypto.subtle beyond digest, and CryptoKey, on every engine: known-answer vectors (RFC 4231,
RFC 8032, GCM, RFC 3394, RFC 6070/7914, RFC 5869, RFC 7748), round trips, cross-checks with
Python's ``cryptography`` (Ed448, X448 too), Ed25519's small-order checks, JWK shapes and the
spec's errors; then jose signing and verifying JWTs end to end."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa, utils, x448, x25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

import runtime

JWT_APP = Path(__file__).parent / "jwt_app"

PRELUDE = """
const S = crypto.subtle;
const enc = (s) => new TextEncoder().encode(s);
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => new Uint8Array((h.match(/../g) || []).map((x) => parseInt(x, 16)));
const fails = (p) => p.then(() => "resolved", (e) => e.name);
"""


def run(ctx, body: str):
    """Run an async JS function body (with the helpers above) and return its result."""
    return ctx.wait(ctx.eval(f"(async () => {{ {PRELUDE}\n{body} }})()"))


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# ---------------------------------------------------------------------------- HMAC
# RFC 4231 test cases 1 and 2 (and RFC 2202 for SHA-1).
HMAC_VECTORS = [
    ("0b" * 20, b"Hi There", "SHA-1", "b617318655057264e28bc0b6fb378c8ef146be00"),
    ("0b" * 20, b"Hi There", "SHA-256", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (
        "0b" * 20,
        b"Hi There",
        "SHA-384",
        "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
    ),
    (
        "0b" * 20,
        b"Hi There",
        "SHA-512",
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
    ),
    (b"Jefe".hex(), b"what do ya want for nothing?", "SHA-1", "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
    (
        b"Jefe".hex(),
        b"what do ya want for nothing?",
        "SHA-256",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ),
    (
        b"Jefe".hex(),
        b"what do ya want for nothing?",
        "SHA-512",
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    ),
]


def test_hmac_known_answers(ctx):
    for key, data, hash_name, want in HMAC_VECTORS:
        got = run(
            ctx,
            f"""const k = await S.importKey("raw", unhex("{key}"), {{name: "HMAC", hash: "{hash_name}"}}, false, ["sign", "verify"]);
            const sig = await S.sign("HMAC", k, new Uint8Array({list(data)}));
            return [hex(sig), await S.verify({{name: "hmac"}}, k, sig, new Uint8Array({list(data)})), sig instanceof ArrayBuffer];""",
        )
        assert got == [want, True, True], (hash_name, key)


def test_hmac_generate_export_import(ctx):
    got = run(
        ctx,
        """const k = await S.generateKey({name: "HMAC", hash: {name: "SHA-512"}}, true, ["verify", "sign", "verify"]);
        const raw = new Uint8Array(await S.exportKey("raw", k));
        const jwk = await S.exportKey("jwk", k);
        const k2 = await S.importKey("jwk", jwk, {name: "HMAC", hash: "SHA-512"}, true, ["verify"]);
        const sig = await S.sign("HMAC", k, enc("data"));
        const k3 = await S.generateKey({name: "HMAC", hash: "SHA-256", length: 128}, true, ["sign"]);
        return [k.type, k.extractable, k.algorithm, k.usages, raw.length, Object.keys(jwk), jwk.alg, jwk.kty,
                jwk.key_ops, jwk.ext, jwk.k.includes("="), jwk.k.includes("+"),
                await S.verify("HMAC", k2, sig, enc("data")), await S.verify("HMAC", k2, sig, enc("other")),
                await S.verify("HMAC", k2, new Uint8Array(3), enc("data")), k3.algorithm.length,
                (await S.exportKey("raw", k3)).byteLength];""",
    )
    assert got[:5] == [
        "secret",
        True,
        {"name": "HMAC", "hash": {"name": "SHA-512"}, "length": 1024},
        ["sign", "verify"],
        128,
    ]
    assert got[5:] == [
        ["alg", "ext", "k", "key_ops", "kty"],
        "HS512",
        "oct",
        ["sign", "verify"],
        True,
        False,
        False,
        True,
        False,
        False,
        128,
        16,
    ]


def test_hmac_matches_python(ctx):
    key, data = bytes(range(40)), b"x" * 1000
    for name, py in [("SHA-1", "sha1"), ("SHA-256", "sha256"), ("SHA-384", "sha384"), ("SHA-512", "sha512")]:
        got = run(
            ctx,
            f"""const k = await S.importKey("jwk", {{kty: "oct", k: "{b64u(key)}", alg: "HS{name[4:]}"}},
                {{name: "HMAC", hash: "{name}"}}, false, ["sign"]);
            return new Uint8Array(await S.sign("HMAC", k, new Uint8Array({list(data)})));""",
        )
        assert got == hmac.new(key, data, py).digest(), name


def test_hmac_import_length(ctx):
    got = run(
        ctx,
        """const alg = (length) => ({name: "HMAC", hash: "SHA-256", length});
        const k = await S.importKey("raw", new Uint8Array(4), alg(30), true, ["sign"]);
        return [k.algorithm.length, await fails(S.importKey("raw", new Uint8Array(4), alg(33), true, ["sign"])),
                await fails(S.importKey("raw", new Uint8Array(4), alg(24), true, ["sign"])),
                await fails(S.importKey("raw", new Uint8Array(0), "HMAC", true, ["sign"]))];""",
    )
    assert got == [30, "DataError", "DataError", "TypeError"]


# ---------------------------------------------------------------------------- CryptoKey and errors
def test_crypto_key_interface(ctx):
    got = run(
        ctx,
        """const k = await S.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
        let ctor;
        try { new CryptoKey(); ctor = "constructed"; } catch (e) { ctor = e.name; }
        let getter;
        try { Object.getOwnPropertyDescriptor(CryptoKey.prototype, "type").get.call({}); } catch (e) { getter = e.name; }
        const d = Object.getOwnPropertyDescriptor(CryptoKey.prototype, "algorithm");
        return [ctor, getter, Object.prototype.toString.call(k), k instanceof CryptoKey, k.algorithm === k.algorithm,
                k.usages === k.usages, d.enumerable, typeof d.get, Object.keys(k).length,
                typeof CryptoKey, Object.getOwnPropertyDescriptor(globalThis, "CryptoKey").enumerable];""",
    )
    assert got == [
        "TypeError",
        "TypeError",
        "[object CryptoKey]",
        True,
        True,
        True,
        True,
        "function",
        0,
        "function",
        False,
    ]


def test_key_material_stays_on_the_host(ctx):
    got = run(
        ctx,
        """const k = await S.importKey("raw", enc("super secret key"), {name: "HMAC", hash: "SHA-256"}, false, ["sign"]);
        const seen = JSON.stringify([k, Object.getOwnPropertyNames(k), Reflect.ownKeys(Object.getPrototypeOf(k))]);
        return [seen.includes("super"), await fails(S.exportKey("raw", k)), await fails(S.exportKey("jwk", k)),
                __runtime.hostFunction("webcrypto")];""",
    )
    # The host operation went to the crypto shim, once: scripts cannot get it afterwards.
    assert got == [False, "InvalidAccessError", "InvalidAccessError", None]


def test_errors(ctx):
    got = run(
        ctx,
        """const hk = await S.importKey("raw", new Uint8Array(32), {name: "HMAC", hash: "SHA-256"}, true, ["verify"]);
        const ak = await S.importKey("raw", new Uint8Array(16), "AES-CBC", true, ["encrypt"]);
        const p = S.sign("HMAC", hk, new Uint8Array(1));
        return [
          p instanceof Promise,
          await fails(p),                                                    // usage
          await fails(S.sign("AES-CBC", ak, new Uint8Array(1))),             // not a sign algorithm
          await fails(S.verify("HMAC", ak, new Uint8Array(1), new Uint8Array(1))), // not an AES operation... wrong key
          await fails(S.encrypt({name: "AES-GCM", iv: new Uint8Array(12)}, ak, new Uint8Array(1))), // algorithm mismatch
          await fails(S.importKey("raw", new Uint8Array(16), "FOO", true, ["encrypt"])),
          await fails(S.importKey("raw", new Uint8Array(16), "AES-CBC", true, ["sign"])),
          await fails(S.importKey("raw", new Uint8Array(16), "AES-CBC", true, [])),
          await fails(S.importKey("raw", new Uint8Array(15), "AES-CBC", true, ["encrypt"])),
          await fails(S.importKey("raw", new Uint8Array(16), "AES-CBC", true, ["bogus"])),
          await fails(S.importKey("der", new Uint8Array(16), "AES-CBC", true, ["encrypt"])),
          await fails(S.importKey("jwk", new Uint8Array(16), "AES-CBC", true, ["encrypt"])),
          await fails(S.importKey("raw", {kty: "oct"}, "AES-CBC", true, ["encrypt"])),
          await fails(S.importKey("raw", new Uint8Array(16), {name: "HMAC"}, true, ["sign"])), // hash missing
          await fails(S.importKey("raw", new Uint8Array(16), {name: "HMAC", hash: "MD5"}, true, ["sign"])),
          await fails(S.importKey("raw", new Uint8Array(16), {}, true, ["sign"])),
          await fails(S.generateKey({name: "AES-GCM", length: 100}, true, ["encrypt"])),
          await fails(S.generateKey({name: "AES-GCM", length: 128}, true, [])),
          await fails(S.generateKey({name: "AES-GCM", length: -1}, true, ["encrypt"])),
          await fails(S.sign("HMAC", {}, new Uint8Array(1))),
          await fails(S.sign()),
          await fails(S.exportKey("spki", ak)),
          await fails(S.deriveBits({name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new Uint8Array(0)}, ak, 8)),
        ];""",
    )
    assert got == [
        True,
        "InvalidAccessError",
        "NotSupportedError",
        "InvalidAccessError",
        "InvalidAccessError",
        "NotSupportedError",
        "SyntaxError",
        "SyntaxError",
        "DataError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "NotSupportedError",
        "TypeError",
        "OperationError",
        "SyntaxError",
        "TypeError",
        "TypeError",
        "TypeError",
        "NotSupportedError",
        "InvalidAccessError",
    ]


def test_jwk_import_checks(ctx):
    got = run(
        ctx,
        """const k = "AAAAAAAAAAAAAAAAAAAAAA";
        const imp = (jwk, ext = true, usages = ["encrypt"]) => fails(S.importKey("jwk", jwk, "AES-GCM", ext, usages));
        return [
          await imp({kty: "oct", k}),
          await imp({kty: "oct", k, alg: "A128GCM", use: "enc", key_ops: ["encrypt", "decrypt"], ext: true}),
          await imp({kty: "EC", k}),
          await imp({kty: "oct"}),
          await imp({kty: "oct", k: k + "=="}),
          await imp({kty: "oct", k, alg: "A256GCM"}),
          await imp({kty: "oct", k, alg: "A128CBC"}),
          await imp({kty: "oct", k, use: "sig"}),
          await imp({kty: "oct", k, key_ops: ["decrypt"]}),
          await imp({kty: "oct", k, key_ops: ["encrypt", "encrypt"]}),
          await imp({kty: "oct", k, ext: false}),
          await imp({kty: "oct", k, ext: false}, false),
        ];""",
    )
    assert got == [
        "resolved",
        "resolved",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "DataError",
        "resolved",
    ]


# ---------------------------------------------------------------------------- ECDSA, Ed25519
CURVES = {"P-256": (ec.SECP256R1(), hashes.SHA256(), 32), "P-384": (ec.SECP384R1(), hashes.SHA384(), 48)}
CURVES["P-521"] = (ec.SECP521R1(), hashes.SHA512(), 66)


def _der_to_p1363(der: bytes, size: int) -> bytes:
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


@pytest.mark.parametrize("curve", sorted(CURVES))
def test_ecdsa_against_python(ctx, curve):
    py_curve, py_hash, size = CURVES[curve]
    hash_name = "SHA-" + py_hash.name[3:]
    private = ec.generate_private_key(py_curve)
    pkcs8 = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    spki = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    py_sig = _der_to_p1363(private.sign(b"from python", ec.ECDSA(py_hash)), size)
    got = run(
        ctx,
        f"""const alg = {{name: "ECDSA", namedCurve: "{curve}"}};
        const priv = await S.importKey("pkcs8", new Uint8Array({list(pkcs8)}), alg, true, ["sign"]);
        const pub = await S.importKey("spki", new Uint8Array({list(spki)}), alg, true, ["verify"]);
        const params = {{name: "ECDSA", hash: "{hash_name}"}};
        const sig = await S.sign(params, priv, enc("from js"));
        return [new Uint8Array(sig), await S.verify(params, pub, new Uint8Array({list(py_sig)}), enc("from python")),
                await S.verify(params, pub, new Uint8Array({list(py_sig)}), enc("tampered")),
                await S.verify(params, pub, new Uint8Array(5), enc("from python")),
                new Uint8Array(await S.exportKey("spki", pub)), new Uint8Array(await S.exportKey("pkcs8", priv)),
                new Uint8Array(await S.exportKey("raw", pub)), await S.exportKey("jwk", priv), pub.algorithm,
                await fails(S.sign(params, pub, enc("x"))), await fails(S.exportKey("raw", priv)),
                await fails(S.exportKey("spki", priv)), await fails(S.exportKey("pkcs8", pub))];""",
    )
    sig, ok, tampered, short, spki_out, pkcs8_out, raw, jwk, algorithm, *errors = got
    assert len(sig) == 2 * size
    r, s = int.from_bytes(sig[:size], "big"), int.from_bytes(sig[size:], "big")
    private.public_key().verify(utils.encode_dss_signature(r, s), b"from js", ec.ECDSA(py_hash))
    assert (ok, tampered, short) == (True, False, False)
    assert spki_out == spki
    assert serialization.load_der_private_key(pkcs8_out, None).private_numbers() == private.private_numbers()
    assert raw == private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    numbers = private.private_numbers()
    assert jwk == {
        "crv": curve,
        "d": b64u(numbers.private_value.to_bytes(size, "big")),
        "ext": True,
        "key_ops": ["sign"],
        "kty": "EC",
        "x": b64u(numbers.public_numbers.x.to_bytes(size, "big")),
        "y": b64u(numbers.public_numbers.y.to_bytes(size, "big")),
    }
    assert algorithm == {"name": "ECDSA", "namedCurve": curve}
    assert errors == ["InvalidAccessError"] * 4


def test_ecdsa_generate_and_jwk(ctx):
    got = run(
        ctx,
        """const pair = await S.generateKey({name: "ECDSA", namedCurve: "P-256"}, false, ["sign", "verify"]);
        const pubJwk = await S.exportKey("jwk", pair.publicKey);
        const pub2 = await S.importKey("jwk", pubJwk, {name: "ECDSA", namedCurve: "P-256"}, true, ["verify"]);
        const raw = await S.exportKey("raw", pair.publicKey);
        const pub3 = await S.importKey("raw", raw, {name: "ECDSA", namedCurve: "P-256"}, true, ["verify"]);
        const params = {name: "ECDSA", hash: "SHA-256"};
        const sig = await S.sign(params, pair.privateKey, enc("m"));
        const bad = {...pubJwk, x: pubJwk.y};
        return [Object.keys(pair).sort(), pair.publicKey.extractable, pair.privateKey.extractable,
                pair.publicKey.usages, pair.privateKey.usages, pair.publicKey.type, pair.privateKey.type,
                Object.keys(pubJwk), await S.verify(params, pub2, sig, enc("m")), await S.verify(params, pub3, sig, enc("m")),
                await fails(S.exportKey("jwk", pair.privateKey)),
                await fails(S.importKey("jwk", pubJwk, {name: "ECDSA", namedCurve: "P-384"}, true, ["verify"])),
                await fails(S.importKey("jwk", {...pubJwk, alg: "ES384"}, {name: "ECDSA", namedCurve: "P-256"}, true, ["verify"])),
                await fails(S.importKey("jwk", bad, {name: "ECDSA", namedCurve: "P-256"}, true, ["verify"])),
                await fails(S.importKey("jwk", pubJwk, {name: "ECDSA", namedCurve: "P-256"}, true, ["sign"])),
                await fails(S.importKey("raw", raw, {name: "ECDSA", namedCurve: "P-384"}, true, ["verify"])),
                await fails(S.generateKey({name: "ECDSA", namedCurve: "P-192"}, true, ["sign"])),
                await fails(S.generateKey({name: "ECDSA", namedCurve: "P-256"}, true, ["verify"])),
                await fails(S.generateKey({name: "ECDSA", namedCurve: "P-256"}, true, ["encrypt"]))];""",
    )
    assert got == [
        ["privateKey", "publicKey"],
        True,
        False,
        ["verify"],
        ["sign"],
        "public",
        "private",
        ["crv", "ext", "key_ops", "kty", "x", "y"],
        True,
        True,
        "InvalidAccessError",
        "DataError",
        "DataError",
        "DataError",
        "SyntaxError",
        "DataError",
        "NotSupportedError",
        "SyntaxError",
        "SyntaxError",
    ]


# RFC 8032 section 7.1, tests 1 and 2: secret key, public key, message, signature.
ED25519_VECTORS = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
]


@pytest.mark.parametrize("vector", ED25519_VECTORS, ids=["test1", "test2"])
def test_ed25519_rfc8032(ctx, vector):
    secret, public, message, signature = vector
    d, x = b64u(bytes.fromhex(secret)), b64u(bytes.fromhex(public))
    got = run(
        ctx,
        f"""const priv = await S.importKey("jwk", {{kty: "OKP", crv: "Ed25519", d: "{d}", x: "{x}"}}, "Ed25519", true, ["sign"]);
        const pub = await S.importKey("raw", unhex("{public}"), {{name: "ed25519"}}, true, ["verify"]);
        const sig = await S.sign("Ed25519", priv, unhex("{message}"));
        return [hex(sig), await S.verify("Ed25519", pub, sig, unhex("{message}")),
                await S.verify("Ed25519", pub, sig, unhex("{message}ff")), await S.exportKey("jwk", priv),
                await S.exportKey("jwk", pub), pub.algorithm, hex(await S.exportKey("raw", pub))];""",
    )
    assert got[:3] == [signature, True, False]
    assert got[3] == {
        "alg": "Ed25519",
        "crv": "Ed25519",
        "d": d,
        "ext": True,
        "key_ops": ["sign"],
        "kty": "OKP",
        "x": x,
    }
    assert got[4] == {
        "alg": "Ed25519",
        "crv": "Ed25519",
        "ext": True,
        "key_ops": ["verify"],
        "kty": "OKP",
        "x": x,
    }
    assert got[5:] == [{"name": "Ed25519"}, public]


def test_ed25519_generate_and_python(ctx):
    py_key = ed25519.Ed25519PrivateKey.generate()
    py_pub = py_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    py_sig = py_key.sign(b"from python")
    got = run(
        ctx,
        f"""const pair = await S.generateKey("Ed25519", true, ["sign", "verify"]);
        const spki = new Uint8Array(await S.exportKey("spki", pair.publicKey));
        const sig = new Uint8Array(await S.sign("Ed25519", pair.privateKey, enc("from js")));
        const pub = await S.importKey("raw", new Uint8Array({list(py_pub)}), "Ed25519", false, ["verify"]);
        return [spki, sig, await S.verify("Ed25519", pub, new Uint8Array({list(py_sig)}), enc("from python")),
                new Uint8Array(await S.exportKey("pkcs8", pair.privateKey)).length];""",
    )
    spki, sig, ok, pkcs8_len = got
    serialization.load_der_public_key(spki).verify(sig, b"from js")
    assert ok is True
    assert pkcs8_len == 48


# Small-order cases (eprint 2020/1244, as in WPT eddsa_small_order_points): public key, message,
# signature, and whether the spec's verify accepts them. Small-order or undecodable A or R fail.
ED25519_SMALL_ORDER = [
    (  # R of order 8, S = 0
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "8c93255d71dcab10e8f379c26200f3c7bd5f09d9bc3068d3ef4edeb4853022b6",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" + "00" * 32,
        False,
    ),
    (  # A of order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "f7badec5b8abeaf699583992219b7b223f1df3fbbea919844e3f7c554a43dd43"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
    (  # A and R of mixed order: not small, so the signature holds
        "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f"
        "87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009",
        True,
    ),
    (  # A is y = p - 1 with the sign bit set: x = 0 with sign 1 is no valid encoding
        "ec" + "ff" * 31,
        "39a591f5321bbe07fd5a23dc2f39d025d74526615746727ceefd6e82ae65c06f",
        "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
    (  # A of order 2
        "ec" + "ff" * 30 + "7f",
        "53656e64203130302055534420746f20416c696365",
        "a9d55260f765261eb9b84e106f665e00b867287a761990d7135963ee0a7d59dc"
        "a5bb704786be79fc476f91d3f3f89b03984d8068dcf1bb7dfc6637b45450ac04",
        False,
    ),
]


def test_ed25519_small_order_points(ctx):
    cases = json.dumps(ED25519_SMALL_ORDER)
    got = run(
        ctx,
        f"""const out = [];
        for (const [key, msg, sig] of {cases}) {{
          const pub = await S.importKey("raw", unhex(key), "Ed25519", false, ["verify"]);
          out.push(await S.verify("Ed25519", pub, unhex(sig), unhex(msg)));
        }}
        return out;""",
    )
    assert got == [case[3] for case in ED25519_SMALL_ORDER]


def test_ed448_against_python(ctx):
    raw = serialization.Encoding.Raw
    py_key = ed448.Ed448PrivateKey.generate()
    d = py_key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    x = py_key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    got = run(
        ctx,
        f"""const priv = await S.importKey("jwk", {{kty: "OKP", crv: "Ed448", d: "{b64u(d)}", x: "{b64u(x)}"}},
                                           "Ed448", true, ["sign"]);
        const pub = await S.importKey("raw", unhex("{x.hex()}"), {{name: "ed448"}}, true, ["verify"]);
        const sig = await S.sign("Ed448", priv, enc("message"));
        const pair = await S.generateKey("Ed448", true, ["sign", "verify"]);
        const other = new Uint8Array(await S.sign({{name: "Ed448", context: new Uint8Array(0)}}, pair.privateKey, enc("js")));
        return [hex(sig), await S.verify("Ed448", pub, sig, enc("message")), await S.verify("Ed448", pub, sig, enc("massage")),
                await S.exportKey("jwk", priv), pub.algorithm, new Uint8Array(await S.exportKey("spki", pair.publicKey)), other,
                await fails(S.sign({{name: "Ed448", context: new Uint8Array([1])}}, priv, enc("m"))),
                await fails(S.sign({{name: "Ed448", context: 5}}, priv, enc("m"))),
                await fails(S.importKey("jwk", {{kty: "OKP", crv: "Ed448", x: "{b64u(x)}", alg: "Ed25519"}}, "Ed448", true, ["verify"])),
                await fails(S.importKey("raw", unhex("{x.hex()}"), "Ed448", true, ["sign"]))];""",
    )
    assert got[0] == py_key.sign(b"message").hex()
    assert got[1:3] == [True, False]
    assert got[3] == {
        "alg": "Ed448",
        "crv": "Ed448",
        "d": b64u(d),
        "ext": True,
        "key_ops": ["sign"],
        "kty": "OKP",
        "x": b64u(x),
    }
    assert got[4] == {"name": "Ed448"}
    serialization.load_der_public_key(got[5]).verify(got[6], b"js")
    assert got[7:] == ["NotSupportedError", "TypeError", "DataError", "SyntaxError"]


def test_x448_against_python(ctx):
    py_key = x448.X448PrivateKey.generate()
    py_pub = py_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    got = run(
        ctx,
        f"""const pair = await S.generateKey("X448", true, ["deriveBits"]);
        const theirs = await S.importKey("raw", unhex("{py_pub.hex()}"), "X448", true, []);
        const x25519 = await S.generateKey("X25519", true, ["deriveBits"]);
        return [new Uint8Array(await S.exportKey("raw", pair.publicKey)),
                hex(await S.deriveBits({{name: "X448", public: theirs}}, pair.privateKey, 448)),
                hex(await S.deriveBits({{name: "X448", public: theirs}}, pair.privateKey, 100)),
                (await S.exportKey("jwk", pair.privateKey)).crv,
                await fails(S.deriveBits({{name: "X448", public: theirs}}, pair.privateKey, 456)),
                await fails(S.deriveBits({{name: "X448", public: x25519.publicKey}}, pair.privateKey, 448))];""",
    )
    shared = py_key.exchange(x448.X448PublicKey.from_public_bytes(bytes(got[0])))
    assert got[1] == shared.hex()
    assert got[2] == shared[:12].hex() + f"{shared[12] & 0xF0:02x}"
    assert got[3:] == ["X448", "OperationError", "InvalidAccessError"]


# ---------------------------------------------------------------------------- RSA
@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _der(key):
    pkcs8 = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return list(pkcs8), list(spki)


@pytest.mark.parametrize("name", ["RSASSA-PKCS1-v1_5", "RSA-PSS"])
def test_rsa_signatures_against_python(ctx, rsa_key, name):
    pkcs8, spki = _der(rsa_key)
    pss = padding.PSS(padding.MGF1(hashes.SHA256()), 32)
    pad = pss if name == "RSA-PSS" else padding.PKCS1v15()
    py_sig = rsa_key.sign(b"from python", pad, hashes.SHA256())
    got = run(
        ctx,
        f"""const alg = {{name: "{name}", hash: "SHA-256"}};
        const priv = await S.importKey("pkcs8", new Uint8Array({pkcs8}), alg, true, ["sign"]);
        const pub = await S.importKey("spki", new Uint8Array({spki}), alg, true, ["verify"]);
        const params = {{name: "{name}", saltLength: 32}};
        const sig = new Uint8Array(await S.sign(params, priv, enc("from js")));
        return [sig, await S.verify(params, pub, new Uint8Array({list(py_sig)}), enc("from python")),
                await S.verify(params, pub, new Uint8Array({list(py_sig)}), enc("nope")), pub.algorithm,
                await S.exportKey("jwk", pub), Object.keys(await S.exportKey("jwk", priv))];""",
    )
    sig, ok, bad, algorithm, jwk, private_members = got
    rsa_key.public_key().verify(sig, b"from js", pad, hashes.SHA256())
    assert (ok, bad) == (True, False)
    assert algorithm == {
        "name": name,
        "modulusLength": 2048,
        "publicExponent": b"\x01\x00\x01",
        "hash": {"name": "SHA-256"},
    }
    n = rsa_key.public_key().public_numbers().n
    assert jwk == {
        "alg": "RS256" if name == "RSASSA-PKCS1-v1_5" else "PS256",
        "e": "AQAB",
        "ext": True,
        "key_ops": ["verify"],
        "kty": "RSA",
        "n": b64u(n.to_bytes(256, "big")),
    }
    assert private_members == ["alg", "d", "dp", "dq", "e", "ext", "key_ops", "kty", "n", "p", "q", "qi"]


def test_rsa_oaep_against_python(ctx, rsa_key):
    pkcs8, spki = _der(rsa_key)
    oaep = padding.OAEP(padding.MGF1(hashes.SHA256()), hashes.SHA256(), b"label")
    py_ct = rsa_key.public_key().encrypt(b"from python", oaep)
    got = run(
        ctx,
        f"""const alg = {{name: "RSA-OAEP", hash: "SHA-256"}};
        const priv = await S.importKey("pkcs8", new Uint8Array({pkcs8}), alg, true, ["decrypt", "unwrapKey"]);
        const pub = await S.importKey("spki", new Uint8Array({spki}), alg, true, ["encrypt"]);
        const params = {{name: "RSA-OAEP", label: enc("label")}};
        const jwk = await S.exportKey("jwk", priv);
        const priv2 = await S.importKey("jwk", {{kty: "RSA", n: jwk.n, e: jwk.e, d: jwk.d}}, alg, false, ["decrypt"]);
        return [new Uint8Array(await S.encrypt(params, pub, enc("from js"))),
                new Uint8Array(await S.decrypt(params, priv, new Uint8Array({list(py_ct)}))),
                new Uint8Array(await S.decrypt(params, priv2, new Uint8Array({list(py_ct)}))),
                await fails(S.decrypt({{name: "RSA-OAEP"}}, priv, new Uint8Array({list(py_ct)}))),
                await fails(S.encrypt(params, priv, enc("x"))), jwk.alg, priv.usages,
                await fails(S.importKey("jwk", {{...jwk, alg: "RSA-OAEP"}}, alg, true, ["decrypt"]))];""",
    )
    assert rsa_key.decrypt(got[0], oaep) == b"from js"
    assert got[1:] == [
        b"from python",
        b"from python",
        "OperationError",
        "InvalidAccessError",
        "RSA-OAEP-256",
        ["decrypt", "unwrapKey"],
        "DataError",
    ]


def test_rsa_generate(ctx):
    got = run(
        ctx,
        """const alg = {name: "RSA-PSS", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1"};
        const pair = await S.generateKey(alg, true, ["sign", "verify"]);
        const params = {name: "RSA-PSS", saltLength: 20};
        const sig = await S.sign(params, pair.privateKey, enc("m"));
        return [pair.privateKey.algorithm, await S.verify(params, pair.publicKey, sig, enc("m")),
                (await S.exportKey("jwk", pair.publicKey)).alg,
                await fails(S.generateKey({...alg, publicExponent: [1, 0, 1]}, true, ["sign"])),
                await fails(S.generateKey({...alg, publicExponent: new Uint8Array([5])}, true, ["sign"])),
                await fails(S.generateKey(alg, true, ["encrypt"]))];""",
    )
    assert got == [
        {
            "name": "RSA-PSS",
            "modulusLength": 1024,
            "publicExponent": b"\x01\x00\x01",
            "hash": {"name": "SHA-1"},
        },
        True,
        "PS1",
        "TypeError",
        "OperationError",
        "SyntaxError",
    ]


# ---------------------------------------------------------------------------- AES
# The GCM specification's test cases 2 and 4 (McGrew & Viega), with AAD in 4.
GCM_KEY4 = "feffe9928665731c6d6a8f9467308308"
GCM_IV4 = "cafebabefacedbaddecaf888"
GCM_P4 = (
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
)
GCM_A4 = "feedfacedeadbeeffeedfacedeadbeefabaddad2"
GCM_C4 = (
    "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
    "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
)
GCM_T4 = "5bc94fbc3221a5db94fae95ae7121a47"


def test_aes_gcm_known_answers(ctx):
    got = run(
        ctx,
        f"""const z = await S.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]);
        const k = await S.importKey("raw", unhex("{GCM_KEY4}"), "AES-GCM", false, ["encrypt", "decrypt"]);
        const p = {{name: "AES-GCM", iv: unhex("{GCM_IV4}"), additionalData: unhex("{GCM_A4}")}};
        const ct = await S.encrypt(p, k, unhex("{GCM_P4}"));
        const ct96 = await S.encrypt({{...p, tagLength: 96}}, k, unhex("{GCM_P4}"));
        const broken = new Uint8Array(ct).slice(); broken[0] ^= 1;
        return [hex(await S.encrypt({{name: "AES-GCM", iv: new Uint8Array(12)}}, z, new Uint8Array(16))),
                hex(ct), hex(await S.decrypt(p, k, ct)), hex(ct96),
                hex(await S.decrypt({{...p, tagLength: 96}}, k, ct96)),
                await fails(S.decrypt(p, k, broken)), await fails(S.decrypt(p, k, new Uint8Array(4))),
                await fails(S.encrypt({{...p, tagLength: 100}}, k, new Uint8Array(1)))];""",
    )
    assert got == [
        "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf",
        GCM_C4 + GCM_T4,
        GCM_P4,
        GCM_C4 + GCM_T4[:24],
        GCM_P4,
        "OperationError",
        "OperationError",
        "OperationError",
    ]


def _ctr_reference(key: bytes, counter: bytes, length: int, data: bytes) -> bytes:
    """AES-CTR as the spec defines it (only the low ``length`` bits count), block by block."""
    ecb = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    value, mask, out = int.from_bytes(counter, "big"), (1 << length) - 1, b""
    for i in range(0, len(data), 16):
        block = ecb.update(value.to_bytes(16, "big"))
        out += bytes(a ^ b for a, b in zip(data[i : i + 16], block, strict=False))
        value = (value & ~mask) | ((value + 1) & mask)
    return out


def test_aes_cbc_ctr_against_python(ctx):
    key, iv, data = bytes(range(32)), bytes(range(16, 32)), bytes(range(100))
    counter = bytes(15) + b"\xfe"  # the low 8 bits wrap after two blocks
    got = run(
        ctx,
        f"""const cbc = await S.importKey("raw", new Uint8Array({list(key)}), "AES-CBC", true, ["encrypt", "decrypt"]);
        const ctr = await S.importKey("raw", new Uint8Array({list(key)}), "AES-CTR", true, ["encrypt", "decrypt"]);
        const data = new Uint8Array({list(data)});
        const cp = {{name: "AES-CBC", iv: new Uint8Array({list(iv)})}};
        const tp = {{name: "AES-CTR", counter: new Uint8Array({list(counter)}), length: 8}};
        const c1 = await S.encrypt(cp, cbc, data);
        const c2 = await S.encrypt(tp, ctr, data);
        return [new Uint8Array(c1), new Uint8Array(await S.decrypt(cp, cbc, c1)), new Uint8Array(c2),
                new Uint8Array(await S.decrypt(tp, ctr, c2)),
                await fails(S.decrypt(cp, cbc, new Uint8Array(17))),
                await fails(S.encrypt({{name: "AES-CBC", iv: new Uint8Array(8)}}, cbc, data)),
                await fails(S.encrypt({{...tp, length: 0}}, ctr, data)),
                await fails(S.encrypt({{...tp, length: 2}}, ctr, data)),
                await S.exportKey("jwk", cbc), cbc.algorithm];""",
    )
    padded = data + bytes([12]) * 12
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    assert got[0] == encryptor.update(padded) + encryptor.finalize()
    assert got[1] == data
    assert got[2] == _ctr_reference(key, counter, 8, data)
    assert got[3] == data
    assert got[4:8] == ["OperationError"] * 4
    assert got[8] == {
        "alg": "A256CBC",
        "ext": True,
        "k": b64u(key),
        "key_ops": ["encrypt", "decrypt"],
        "kty": "oct",
    }
    assert got[9] == {"name": "AES-CBC", "length": 256}


def test_aes_generate(ctx):
    got = run(
        ctx,
        """const out = [];
        for (const name of ["AES-GCM", "AES-CBC", "AES-CTR", "AES-KW"]) {
          for (const length of [128, 192, 256]) {
            const k = await S.generateKey({name, length}, true, name === "AES-KW" ? ["wrapKey"] : ["encrypt"]);
            const jwk = await S.exportKey("jwk", k);
            out.push([k.algorithm.name, k.algorithm.length, (await S.exportKey("raw", k)).byteLength, jwk.alg]);
          }
        }
        return out;""",
    )
    assert got == [
        [name, length, length // 8, f"A{length}{name[4:]}"]
        for name in ["AES-GCM", "AES-CBC", "AES-CTR", "AES-KW"]
        for length in [128, 192, 256]
    ]


# ---------------------------------------------------------------------------- KDFs, key agreement
def test_pbkdf2_known_answers(ctx):
    got = run(
        ctx,
        """const bits = async (pw, salt, iterations, hash, length) => {
          const k = await S.importKey("raw", enc(pw), "PBKDF2", false, ["deriveBits"]);
          return hex(await S.deriveBits({name: "PBKDF2", salt: enc(salt), iterations, hash}, k, length));
        };
        const k = await S.importKey("raw", enc("p"), "PBKDF2", false, ["deriveBits"]);
        const p = {name: "PBKDF2", salt: enc("s"), iterations: 1, hash: "SHA-256"};
        return [await bits("password", "salt", 1, "SHA-1", 160), await bits("password", "salt", 2, "SHA-1", 160),
                await bits("password", "salt", 4096, "SHA-1", 160), await bits("passwd", "salt", 1, "SHA-256", 512),
                await fails(S.deriveBits(p, k, 12)), await fails(S.deriveBits(p, k, null)),
                await fails(S.deriveBits({...p, iterations: 0}, k, 8)),
                await fails(S.importKey("raw", enc("p"), "PBKDF2", true, ["deriveBits"])),
                await fails(S.importKey("jwk", {kty: "oct", k: "AA"}, "PBKDF2", false, ["deriveBits"])),
                await fails(S.exportKey("raw", k)), k.algorithm, k.extractable];""",
    )
    assert got == [
        "0c60c80f961f0e71f3a9b524af6012062fe037a6",
        "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
        "4b007901b765489abead49d926f721d065a429c1",
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        "OperationError",
        "OperationError",
        "OperationError",
        "SyntaxError",
        "NotSupportedError",
        "NotSupportedError",
        {"name": "PBKDF2"},
        False,
    ]


def test_hkdf_rfc5869(ctx):
    got = run(
        ctx,
        """const k = await S.importKey("raw", unhex("0b".repeat(22)), "HKDF", false, ["deriveBits", "deriveKey"]);
        const p = {name: "HKDF", hash: "SHA-256", salt: unhex("000102030405060708090a0b0c"), info: unhex("f0f1f2f3f4f5f6f7f8f9")};
        const aes = await S.deriveKey(p, k, {name: "AES-GCM", length: 128}, true, ["encrypt"]);
        const mac = await S.deriveKey(p, k, {name: "HMAC", hash: "SHA-256"}, true, ["sign"]);
        return [hex(await S.deriveBits(p, k, 336)), hex(await S.exportKey("raw", aes)), aes.algorithm,
                (await S.exportKey("raw", mac)).byteLength, await fails(S.deriveBits(p, k, 255 * 256 + 8)),
                await fails(S.deriveKey(p, k, {name: "AES-GCM", length: 100}, true, ["encrypt"])),
                await fails(S.deriveKey(p, k, {name: "AES-GCM", length: 128}, true, []))];""",
    )
    okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    assert got == [
        okm,
        okm[:32],
        {"name": "AES-GCM", "length": 128},
        64,
        "OperationError",
        "OperationError",
        "SyntaxError",
    ]


def test_pbkdf2_derive_key_round_trip(ctx):
    got = run(
        ctx,
        """const pw = await S.importKey("raw", enc("correct horse"), {name: "PBKDF2"}, false, ["deriveKey"]);
        const p = {name: "PBKDF2", salt: enc("pepper"), iterations: 1000, hash: "SHA-512"};
        const key = await S.deriveKey(p, pw, {name: "AES-GCM", length: 256}, false, ["encrypt", "decrypt"]);
        const iv = crypto.getRandomValues(new Uint8Array(12));
        const ct = await S.encrypt({name: "AES-GCM", iv}, key, enc("hello"));
        return [new TextDecoder().decode(await S.decrypt({name: "AES-GCM", iv}, key, ct)),
                await fails(S.deriveBits(p, pw, 256))];""",
    )
    assert got == ["hello", "InvalidAccessError"]


def test_ecdh_against_python(ctx):
    peer = ec.generate_private_key(ec.SECP384R1())
    peer_raw = peer.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    got = run(
        ctx,
        f"""const alg = {{name: "ECDH", namedCurve: "P-384"}};
        const mine = await S.generateKey(alg, true, ["deriveBits"]);
        const peer = await S.importKey("raw", new Uint8Array({list(peer_raw)}), alg, true, []);
        const other = await S.generateKey({{name: "ECDH", namedCurve: "P-256"}}, true, ["deriveBits"]);
        return [new Uint8Array(await S.exportKey("raw", mine.publicKey)),
                new Uint8Array(await S.deriveBits({{name: "ECDH", public: peer}}, mine.privateKey, 384)),
                hex(await S.deriveBits({{name: "ECDH", public: peer}}, mine.privateKey, 12)),
                (await S.deriveBits({{name: "ECDH", public: peer}}, mine.privateKey)).byteLength,
                mine.publicKey.usages, await fails(S.deriveBits({{name: "ECDH", public: peer}}, mine.privateKey, 392)),
                await fails(S.deriveBits({{name: "ECDH", public: other.publicKey}}, mine.privateKey, 8)),
                await fails(S.deriveBits({{name: "ECDH", public: mine.privateKey}}, mine.privateKey, 8)),
                await fails(S.importKey("raw", new Uint8Array({list(peer_raw)}), alg, true, ["deriveBits"]))];""",
    )
    mine = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP384R1(), got[0])
    shared = peer.exchange(ec.ECDH(), mine)
    assert got[1] == shared
    assert got[2] == f"{shared[0]:02x}{shared[1] & 0xF0:02x}"
    assert got[3:] == [48, [], "OperationError", "InvalidAccessError", "InvalidAccessError", "SyntaxError"]


def test_x25519_rfc7748(ctx):
    alice = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
    alice_pub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    bob_pub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    py_alice = x25519.X25519PrivateKey.from_private_bytes(bytes.fromhex(alice))
    pkcs8 = py_alice.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    got = run(
        ctx,
        f"""const priv = await S.importKey("pkcs8", new Uint8Array({list(pkcs8)}), "X25519", true, ["deriveBits"]);
        const bob = await S.importKey("raw", unhex("{bob_pub}"), {{name: "x25519"}}, true, []);
        const jwk = await S.exportKey("jwk", priv);
        return [hex(await S.deriveBits({{name: "X25519", public: bob}}, priv, 256)), Object.keys(jwk), jwk.crv,
                jwk.x === "{b64u(bytes.fromhex(alice_pub))}"];""",
    )
    assert got == [
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        ["crv", "d", "ext", "key_ops", "kty", "x"],
        "X25519",
        True,
    ]


# ---------------------------------------------------------------------------- wrapKey / unwrapKey
def test_aes_kw_rfc3394(ctx):
    got = run(
        ctx,
        """const kek = await S.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", false, ["wrapKey", "unwrapKey"]);
        const key = await S.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
        const wrapped = await S.wrapKey("raw", key, kek, "AES-KW");
        const back = await S.unwrapKey("raw", wrapped, kek, {name: "AES-KW"}, "AES-GCM", true, ["decrypt"]);
        const broken = new Uint8Array(wrapped).slice(); broken[3] ^= 1;
        return [hex(wrapped), hex(await S.exportKey("raw", back)), back.usages,
                await fails(S.unwrapKey("raw", broken, kek, "AES-KW", "AES-GCM", true, ["decrypt"]))];""",
    )
    assert got == [
        "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        "00112233445566778899aabbccddeeff",
        ["decrypt"],
        "OperationError",
    ]


def test_wrap_jwk_with_aes_gcm(ctx):
    got = run(
        ctx,
        """const wk = await S.generateKey({name: "AES-GCM", length: 256}, false, ["wrapKey", "unwrapKey"]);
        const pair = await S.generateKey({name: "ECDSA", namedCurve: "P-256"}, true, ["sign", "verify"]);
        const p = {name: "AES-GCM", iv: new Uint8Array(12)};
        const wrapped = await S.wrapKey("jwk", pair.privateKey, wk, p);
        const key = await S.unwrapKey("jwk", wrapped, wk, p, {name: "ECDSA", namedCurve: "P-256"}, false, ["sign"]);
        const sig = await S.sign({name: "ECDSA", hash: "SHA-256"}, key, enc("m"));
        const noExport = await S.generateKey({name: "AES-GCM", length: 128}, false, ["encrypt"]);
        return [key.type, key.extractable, await S.verify({name: "ECDSA", hash: "SHA-256"}, pair.publicKey, sig, enc("m")),
                await fails(S.wrapKey("raw", noExport, wk, p)),
                await fails(S.wrapKey("jwk", pair.privateKey, noExport, p)),
                await fails(S.unwrapKey("jwk", new Uint8Array(40), wk, p, "AES-GCM", true, ["encrypt"]))];""",
    )
    assert got == ["private", False, True, "InvalidAccessError", "InvalidAccessError", "OperationError"]


# ---------------------------------------------------------------------------- jose, end to end
@pytest.fixture(scope="module")
def jwt_app():
    npm.install(JWT_APP)
    return JWT_APP / "jwt.js"


def test_jose_hs256(ctx, jwt_app):
    secret = b"a-string-secret-at-least-256-bits-long"
    module = ctx.import_module(jwt_app)
    token = ctx.wait(module["signHS256"](secret, {"sub": "1234567890", "name": "runtime"}))
    header, payload, signature = token.split(".")
    assert json.loads(unb64u(header)) == {"alg": "HS256"}
    assert json.loads(unb64u(payload)) == {"sub": "1234567890", "name": "runtime", "iat": 1700000000}
    want = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert unb64u(signature) == want
    # A token made in Python verifies in jose; a tampered one does not.
    body = b64u(json.dumps({"sub": "py", "iat": 1700000000}).encode())
    py_token = f"{header}.{body}." + b64u(
        hmac.new(secret, f"{header}.{body}".encode(), hashlib.sha256).digest()
    )
    verified = ctx.wait(module["verifyHS256"](secret, py_token))
    assert verified == {"payload": {"sub": "py", "iat": 1700000000}, "protectedHeader": {"alg": "HS256"}}
    tampered = py_token[:-2] + ("AA" if not py_token.endswith("AA") else "BB")
    assert ctx.wait(module["rejects"](secret, tampered)) == "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"


def test_jose_es256(ctx, jwt_app):
    private = ec.generate_private_key(ec.SECP256R1())
    numbers = private.private_numbers()
    public_jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64u(numbers.public_numbers.x.to_bytes(32, "big")),
        "y": b64u(numbers.public_numbers.y.to_bytes(32, "big")),
    }
    private_jwk = {**public_jwk, "d": b64u(numbers.private_value.to_bytes(32, "big"))}
    module = ctx.import_module(jwt_app)
    token = ctx.wait(module["signES256"](private_jwk, {"sub": "es"}))
    header, payload, signature = token.split(".")
    sig = unb64u(signature)
    assert len(sig) == 64
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    private.public_key().verify(
        utils.encode_dss_signature(r, s), f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256())
    )
    # A token signed in Python verifies in jose.
    header = b64u(b'{"alg":"ES256"}')
    body = b64u(b'{"sub":"python"}')
    der = private.sign(f"{header}.{body}".encode(), ec.ECDSA(hashes.SHA256()))
    py_token = f"{header}.{body}.{b64u(_der_to_p1363(der, 32))}"
    assert ctx.wait(module["verifyES256"](public_jwk, py_token)) == {"sub": "python"}


def test_jose_eddsa(ctx, jwt_app):
    private = ed25519.Ed25519PrivateKey.generate()
    raw_public = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    raw_private = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public_jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64u(raw_public)}
    private_jwk = {**public_jwk, "d": b64u(raw_private)}
    module = ctx.import_module(jwt_app)
    token = ctx.wait(module["signEdDSA"](private_jwk, {"sub": "ed"}))
    header, payload, signature = token.split(".")
    assert json.loads(unb64u(header)) == {"alg": "EdDSA"}
    private.public_key().verify(unb64u(signature), f"{header}.{payload}".encode())  # raises if wrong
    # A token signed in Python verifies in jose; one signed by another key does not.
    body = b64u(b'{"sub":"python"}')
    py_token = f"{header}.{body}.{b64u(private.sign(f'{header}.{body}'.encode()))}"
    assert ctx.wait(module["verifyEdDSA"](public_jwk, py_token)) == {"sub": "python"}
    other = ed25519.Ed25519PrivateKey.generate()
    forged = f"{header}.{body}.{b64u(other.sign(f'{header}.{body}'.encode()))}"
    with pytest.raises(runtime.JSError) as info:
        ctx.wait(module["verifyEdDSA"](public_jwk, forged))
    assert "signature verification failed" in info.value.message
