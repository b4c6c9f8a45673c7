"""The host side of ``crypto.subtle``: key material and every cryptographic operation.

The JS shim (``shims/js/12_crypto.js``) does what the Web Cryptography spec puts in the
API itself (argument conversion, algorithm normalisation, usage and key-type checks, JWK
member checks, the errors), then calls ``WebCrypto.call(op, ...)`` with normalised
parameters. Key material never enters JS: a ``CryptoKey`` there holds the id of a key kept
here, and only ``export`` (which the shim calls for extractable keys only) returns it.
Every primitive is OpenSSL's, through the ``cryptography`` package: no hand-written
cryptography here, only encodings (JWK, IEEE P1363 signatures, AES-CTR's counter block).

Answers are ``{"ok": value}`` or ``{"error": [DOMException name, message]}``: an exception
would reach JS as a plain ``Error``, and the spec wants ``DataError``, ``OperationError``.
``cryptography`` is imported on first use, so contexts that never touch keys never load it.
"""

from __future__ import annotations

import base64
import itertools
import os
from typing import Any

#: Web Crypto curve name -> (cryptography class name, coordinate size in bytes).
CURVES = {"P-256": ("SECP256R1", 32), "P-384": ("SECP384R1", 48), "P-521": ("SECP521R1", 66)}
SECRET = {"HMAC", "AES-CTR", "AES-CBC", "AES-GCM", "AES-KW", "PBKDF2", "HKDF"}
RSA = {"RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"}


class WebCryptoError(Exception):
    """An operation failed with the DOMException ``name`` the spec gives."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def data_error(message: str) -> WebCryptoError:
    return WebCryptoError("DataError", message)


def b64u(data: bytes) -> str:
    """base64url without padding, as JWK (RFC 7518) writes bytes."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(jwk: dict[str, Any], member: str) -> bytes:
    """A JWK member as bytes; missing or not base64url is a DataError."""
    text = jwk.get(member)
    if not isinstance(text, str) or "=" in text or not all(c.isalnum() or c in "-_" for c in text):
        raise data_error(f"JWK member {member!r} is missing or not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as exc:
        raise data_error(f"JWK member {member!r} is not base64url") from exc


def _uint(jwk: dict[str, Any], member: str) -> int:
    return int.from_bytes(unb64u(jwk, member), "big")


def _ub(n: int, size: int | None = None) -> bytes:
    return n.to_bytes(size if size is not None else max(1, (n.bit_length() + 7) // 8), "big")


def _hash(name: str) -> Any:
    from cryptography.hazmat.primitives import hashes

    return getattr(hashes, name.replace("-", ""))()  # "SHA-256" -> hashes.SHA256


def _curve(name: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    if name not in CURVES:
        raise WebCryptoError("NotSupportedError", f"unsupported curve {name!r}")
    return getattr(ec, CURVES[name][0])()


class WebCrypto:
    """The keys of one context, by id, and the operations on them."""

    def __init__(self) -> None:
        self._keys: dict[int, Any] = {}
        self._ids = itertools.count(1)

    def call(self, op: str, *args: Any) -> dict[str, Any]:
        """The one host function the shim uses: ``op`` names a method below."""
        method = getattr(self, f"op_{op}", None)
        if method is None:
            return {"error": ["NotSupportedError", f"unknown crypto operation {op!r}"]}
        try:
            return {"ok": method(*args)}
        except WebCryptoError as exc:
            return {"error": [exc.name, str(exc)]}
        except Exception as exc:  # OpenSSL said no: a bad tag, padding, size or key
            openssl = type(exc).__module__.startswith("cryptography")
            if openssl or isinstance(exc, (ValueError, OverflowError)):
                return {"error": ["OperationError", f"{type(exc).__name__}: {exc}".rstrip(": ")]}
            raise

    def _keep(self, key: Any) -> int:
        key_id = next(self._ids)
        self._keys[key_id] = key
        return key_id

    def _key(self, key_id: int) -> Any:
        try:
            return self._keys[key_id]
        except KeyError:
            raise WebCryptoError("InvalidAccessError", "the key is no longer available") from None

    def op_release(self, ids: list[int]) -> None:
        """Keys whose CryptoKey objects JS has garbage-collected."""
        for key_id in ids:
            self._keys.pop(key_id, None)

    # -- keys in and out
    def op_generate(self, alg: dict[str, Any]) -> dict[str, Any]:
        name = alg["name"]
        if name in SECRET:
            return {"id": self._keep(os.urandom(alg["length"] // 8))}
        if name in RSA:
            from cryptography.hazmat.primitives.asymmetric import rsa

            exponent = int.from_bytes(alg["publicExponent"], "big")
            private = rsa.generate_private_key(public_exponent=exponent, key_size=alg["modulusLength"])
        elif name in ("ECDSA", "ECDH"):
            from cryptography.hazmat.primitives.asymmetric import ec

            private = ec.generate_private_key(_curve(alg["namedCurve"]))
        else:
            private = _okp(name, "private").generate()
        public = private.public_key()
        return {**describe(private), "private": self._keep(private), "public": self._keep(public)}

    def op_import(self, fmt: str, data: Any, alg: dict[str, Any]) -> dict[str, Any]:
        from cryptography.exceptions import UnsupportedAlgorithm

        try:
            key = load(fmt, data, alg)
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            raise data_error(f"invalid {fmt} key data for {alg['name']}: {exc}") from exc
        info = {"type": "secret", "length": len(key) * 8} if isinstance(key, bytes) else describe(key)
        return {**info, "id": self._keep(key)}

    def op_export(self, key_id: int, fmt: str) -> Any:
        return dump(self._key(key_id), fmt)

    # -- operations
    def op_sign(self, key_id: int, alg: dict[str, Any], data: bytes) -> bytes:
        return sign(self._key(key_id), alg, data)

    def op_verify(self, key_id: int, alg: dict[str, Any], signature: bytes, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature

        try:
            return verify(self._key(key_id), alg, signature, data)
        except InvalidSignature:
            return False

    def op_encrypt(self, key_id: int, alg: dict[str, Any], data: bytes) -> bytes:
        return crypt(self._key(key_id), alg, data, encrypt=True)

    def op_decrypt(self, key_id: int, alg: dict[str, Any], data: bytes) -> bytes:
        return crypt(self._key(key_id), alg, data, encrypt=False)

    def op_derive(self, key_id: int, alg: dict[str, Any], length: int | None) -> bytes:
        public = self._key(alg["public"]) if alg.get("public") is not None else None
        return derive(self._key(key_id), alg, length, public)


# ---------------------------------------------------------------------- key formats
def _okp(name: str, kind: str) -> Any:
    """The cryptography class of an Ed25519/X25519/Ed448/X448 private or public key."""
    from cryptography.hazmat.primitives.asymmetric import ed448, ed25519, x448, x25519

    module = {"Ed25519": ed25519, "X25519": x25519, "Ed448": ed448, "X448": x448}[name]
    return getattr(module, f"{name}{'PrivateKey' if kind == 'private' else 'PublicKey'}")


def describe(key: Any) -> dict[str, Any]:
    """What the spec's [[algorithm]] and [[type]] say of an asymmetric key."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    kind = "private" if hasattr(key, "public_key") else "public"
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        numbers = key.public_key().public_numbers() if kind == "private" else key.public_numbers()
        return {"type": kind, "modulusLength": key.key_size, "publicExponent": _ub(numbers.e)}
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        names = {cls: name for name, (cls, _) in CURVES.items()}
        return {"type": kind, "namedCurve": names.get(type(key.curve).__name__.upper(), key.curve.name)}
    return {"type": kind}


def _check_family(key: Any, alg: dict[str, Any]) -> Any:
    """A key parsed from DER is of the algorithm's family (and curve), else DataError."""
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    name = alg["name"]
    if name in RSA:
        ok = isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey))
    elif name in ("ECDSA", "ECDH"):
        ok = isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey))
        if ok and describe(key)["namedCurve"] != alg["namedCurve"]:
            raise data_error(f"the key's curve is not {alg['namedCurve']}")
    else:
        ok = isinstance(key, (_okp(name, "private"), _okp(name, "public")))
    if not ok:
        raise data_error(f"the key data is not a {name} key")
    return key


def load(fmt: str, data: Any, alg: dict[str, Any]) -> Any:
    """Key material from ``raw``/``spki``/``pkcs8`` bytes or a JWK (as a dict)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    name = alg["name"]
    if name in SECRET:
        return unb64u(data, "k") if fmt == "jwk" else bytes(data)
    if fmt == "spki":
        return _check_family(serialization.load_der_public_key(data), alg)
    if fmt == "pkcs8":
        return _check_family(serialization.load_der_private_key(data, None), alg)
    if fmt == "raw":
        if name in ("ECDSA", "ECDH"):
            return ec.EllipticCurvePublicKey.from_encoded_point(_curve(alg["namedCurve"]), data)
        return _okp(name, "public").from_public_bytes(data)
    if name in RSA:
        return _rsa_from_jwk(data)
    if name in ("ECDSA", "ECDH"):
        return _ec_from_jwk(data, alg["namedCurve"])
    return _okp_from_jwk(data, name)


def _rsa_from_jwk(jwk: dict[str, Any]) -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    public = rsa.RSAPublicNumbers(_uint(jwk, "e"), _uint(jwk, "n"))
    if "d" not in jwk:
        return public.public_key()
    d = _uint(jwk, "d")
    crt = [m for m in ("p", "q", "dp", "dq", "qi") if m in jwk]
    if crt and len(crt) != 5:
        raise data_error("an RSA private JWK needs all of p, q, dp, dq, qi or none")
    if crt:
        p, q, dp, dq, qi = (_uint(jwk, m) for m in ("p", "q", "dp", "dq", "qi"))
    else:
        p, q = rsa.rsa_recover_prime_factors(public.n, public.e, d)
        dp, dq, qi = rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q)
    return rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, public).private_key()


def _ec_from_jwk(jwk: dict[str, Any], curve_name: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    curve, size = _curve(curve_name), CURVES[curve_name][1]
    x, y = unb64u(jwk, "x"), unb64u(jwk, "y")
    if len(x) != size or len(y) != size:
        raise data_error(f"JWK x and y of a {curve_name} key are {size} bytes")
    public = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), curve)
    if "d" not in jwk:
        return public.public_key()
    d = unb64u(jwk, "d")
    if len(d) != size:
        raise data_error(f"JWK d of a {curve_name} key is {size} bytes")
    key = ec.derive_private_key(int.from_bytes(d, "big"), curve)
    if key.public_key().public_numbers() != public:
        raise data_error("JWK d does not match x and y")
    return key


def _okp_from_jwk(jwk: dict[str, Any], name: str) -> Any:
    from cryptography.hazmat.primitives import serialization

    x = unb64u(jwk, "x")
    if "d" not in jwk:
        return _okp(name, "public").from_public_bytes(x)
    key = _okp(name, "private").from_private_bytes(unb64u(jwk, "d"))
    raw = serialization.Encoding.Raw
    if key.public_key().public_bytes(raw, serialization.PublicFormat.Raw) != x:
        raise data_error("JWK d does not match x")
    return key


def dump(key: Any, fmt: str) -> Any:
    """Key material as ``raw``/``spki``/``pkcs8`` bytes, or a JWK's key members (a dict)."""
    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    if isinstance(key, bytes):
        return key if fmt == "raw" else {"kty": "oct", "k": b64u(key)}
    private = hasattr(key, "public_key")
    if fmt == "spki":
        return key.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
    if fmt == "pkcs8":
        return key.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())
    if isinstance(key, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        if fmt == "raw":
            return key.public_bytes(s.Encoding.X962, s.PublicFormat.UncompressedPoint)
        curve = describe(key)["namedCurve"]
        size = CURVES[curve][1]
        pub = (key.public_key() if private else key).public_numbers()
        jwk = {"kty": "EC", "crv": curve, "x": b64u(_ub(pub.x, size)), "y": b64u(_ub(pub.y, size))}
        if private:
            jwk["d"] = b64u(_ub(key.private_numbers().private_value, size))
        return jwk
    if isinstance(key, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        pub = (key.public_key() if private else key).public_numbers()
        jwk = {"kty": "RSA", "n": b64u(_ub(pub.n)), "e": b64u(_ub(pub.e))}
        if private:
            n = key.private_numbers()
            parts = {"d": n.d, "p": n.p, "q": n.q, "dp": n.dmp1, "dq": n.dmq1, "qi": n.iqmp}
            jwk.update({k: b64u(_ub(v)) for k, v in parts.items()})
        return jwk
    public = (key.public_key() if private else key).public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
    if fmt == "raw":
        return public
    crv = next(n for n in ("Ed25519", "X25519", "Ed448", "X448") if type(key).__name__.startswith(n))
    jwk = {"kty": "OKP", "crv": crv, "x": b64u(public)}
    if private:
        jwk["d"] = b64u(key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption()))
    return jwk


# ---------------------------------------------------------------------- operations
def _rsa_padding(alg: dict[str, Any]) -> Any:
    from cryptography.hazmat.primitives.asymmetric import padding

    h = _hash(alg["hash"])
    if alg["name"] == "RSA-PSS":
        return padding.PSS(mgf=padding.MGF1(h), salt_length=alg["saltLength"])
    if alg["name"] == "RSA-OAEP":
        return padding.OAEP(mgf=padding.MGF1(h), algorithm=h, label=alg.get("label") or None)
    return padding.PKCS1v15()


def sign(key: Any, alg: dict[str, Any], data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hmac
    from cryptography.hazmat.primitives.asymmetric import ec, utils

    name = alg["name"]
    if name == "HMAC":
        mac = hmac.HMAC(key, _hash(alg["hash"]))
        mac.update(data)
        return mac.finalize()
    if name == "ECDSA":
        # The spec's signature is IEEE P1363 (r || s, each the curve's size), not DER.
        r, s = utils.decode_dss_signature(key.sign(data, ec.ECDSA(_hash(alg["hash"]))))
        size = CURVES[describe(key)["namedCurve"]][1]
        return _ub(r, size) + _ub(s, size)
    if name in RSA:
        return key.sign(data, _rsa_padding(alg), _hash(alg["hash"]))
    _no_context(alg)
    return key.sign(data)  # Ed25519, Ed448


def verify(key: Any, alg: dict[str, Any], signature: bytes, data: bytes) -> bool:
    import hmac as std_hmac

    from cryptography.hazmat.primitives import serialization as s
    from cryptography.hazmat.primitives.asymmetric import ec, utils

    name = alg["name"]
    if name == "HMAC":
        return std_hmac.compare_digest(sign(key, alg, data), signature)
    if name == "ECDSA":
        size = CURVES[describe(key)["namedCurve"]][1]
        if len(signature) != 2 * size:
            return False
        r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
        key.verify(utils.encode_dss_signature(r, s), data, ec.ECDSA(_hash(alg["hash"])))
    elif name in RSA:
        key.verify(signature, data, _rsa_padding(alg), _hash(alg["hash"]))
    else:
        _no_context(alg)
        raw = key.public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
        if _small_order(name, raw) or _small_order(name, signature[: len(raw)]):
            return False
        key.verify(signature, data)  # Ed25519, Ed448
    return True


# Edwards curves as (p, a, d, cofactor, encoded size): RFC 8032 sections 5.1 and 5.2.
_EDWARDS = {
    "Ed25519": (2**255 - 19, -1, -121665 * pow(121666, -1, 2**255 - 19), 8, 32),
    "Ed448": (2**448 - 2**224 - 1, 1, -39081, 4, 57),
}


def _small_order(name: str, encoded: bytes) -> bool:
    """The spec's verify check: the encoding is no valid point (RFC 8032 decoding, which
    refuses non-canonical y) or a point of small order (cofactor times it is the identity)."""
    p, a, d, cofactor, size = _EDWARDS[name]
    if len(encoded) != size or (name == "Ed448" and encoded[-1] & 0x7F):
        return True
    value = int.from_bytes(encoded, "little")
    sign, y = value >> (size * 8 - 1), value & ((1 << (size * 8 - 1)) - 1)
    if y >= p:
        return True
    u, v = (y * y - 1) % p, (d * y * y - a) % p
    x2 = u * pow(v, -1, p) % p
    if p % 8 == 5:
        x = pow(x2, (p + 3) // 8, p)
        if x * x % p != x2:
            x = x * pow(2, (p - 1) // 4, p) % p
    else:
        x = pow(x2, (p + 1) // 4, p)
    if x * x % p != x2 or (x == 0 and sign):
        return True
    if x & 1 != sign:
        x = p - x
    for _ in range(cofactor.bit_length() - 1):  # double log2(cofactor) times
        xy, dxy = x * y % p, d * x * x * y * y % p
        x, y = 2 * xy * pow(1 + dxy, -1, p) % p, (y * y - a * x * x) * pow(1 - dxy, -1, p) % p
    return x == 0 and y == 1


def _no_context(alg: dict[str, Any]) -> None:
    """Ed448 with a non-empty context string is not supported by the host library."""
    if alg.get("context"):
        raise WebCryptoError("NotSupportedError", "Ed448 with a non-empty context is not supported")


def crypt(key: Any, alg: dict[str, Any], data: bytes, *, encrypt: bool) -> bytes:
    from cryptography.hazmat.primitives import keywrap, padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    name = alg["name"]
    if name == "RSA-OAEP":
        return key.encrypt(data, _rsa_padding(alg)) if encrypt else key.decrypt(data, _rsa_padding(alg))
    if name == "AES-KW":
        return keywrap.aes_key_wrap(key, data) if encrypt else keywrap.aes_key_unwrap(key, data)
    if name == "AES-CTR":
        return _aes_ctr(key, alg["counter"], alg["length"], data)
    if name == "AES-CBC":
        if encrypt:
            padder = padding.PKCS7(128).padder()
            data = padder.update(data) + padder.finalize()
        c = Cipher(algorithms.AES(key), modes.CBC(alg["iv"]))
        op = c.encryptor() if encrypt else c.decryptor()
        out = op.update(data) + op.finalize()
        if encrypt:
            return out
        unpadder = padding.PKCS7(128).unpadder()
        return unpadder.update(out) + unpadder.finalize()
    # AES-GCM, with the spec's tag lengths (the AEAD class knows only 128-bit tags)
    tag_bytes = alg["tagLength"] // 8
    aad = alg.get("additionalData")
    if encrypt:
        op = Cipher(algorithms.AES(key), modes.GCM(alg["iv"])).encryptor()
        if aad:
            op.authenticate_additional_data(aad)
        out = op.update(data) + op.finalize()
        return out + op.tag[:tag_bytes]
    body, tag = data[: len(data) - tag_bytes], data[len(data) - tag_bytes :]
    op = Cipher(algorithms.AES(key), modes.GCM(alg["iv"], tag, min_tag_length=tag_bytes)).decryptor()
    if aad:
        op.authenticate_additional_data(aad)
    return op.update(body) + op.finalize()


def _aes_ctr(key: bytes, counter: bytes, length: int, data: bytes) -> bytes:
    """AES-CTR where only the counter block's rightmost ``length`` bits count (and wrap).

    OpenSSL increments all 128 bits, which is the same until the low bits wrap; so the
    data is cut where they wrap, and the rest starts again from low bits zero.
    """
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    value = int.from_bytes(counter, "big")
    mask = (1 << length) - 1
    blocks = -(-len(data) // 16)
    if blocks > 1 << length:
        raise WebCryptoError("OperationError", "AES-CTR: the data is too long for the counter length")
    first = min(blocks, (1 << length) - (value & mask)) * 16
    out = b""
    for start, block in ((0, value), (first, value & ~mask)):
        part = data[start : first if start == 0 else len(data)]
        if part:
            op = Cipher(algorithms.AES(key), modes.CTR(_ub(block, 16))).encryptor()
            out += op.update(part) + op.finalize()
    return out


def derive(key: Any, alg: dict[str, Any], length: int | None, public: Any) -> bytes:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    name = alg["name"]
    if name in ("PBKDF2", "HKDF"):
        if not length:
            return b""
        if name == "PBKDF2":
            kdf: Any = PBKDF2HMAC(_hash(alg["hash"]), length // 8, alg["salt"], alg["iterations"])
        else:
            kdf = HKDF(_hash(alg["hash"]), length // 8, alg["salt"], alg["info"])
        return kdf.derive(key)  # type: ignore[no-any-return]
    secret = key.exchange(ec.ECDH(), public) if name == "ECDH" else key.exchange(public)
    if length is None:
        return secret  # type: ignore[no-any-return]
    if length > len(secret) * 8:
        raise WebCryptoError("OperationError", f"{name} yields {len(secret) * 8} bits, not {length}")
    out = bytearray(secret[: -(-length // 8)])
    if length % 8:
        out[-1] &= 0xFF << (8 - length % 8) & 0xFF
    return bytes(out)
