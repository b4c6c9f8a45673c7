"""The host side of node:crypto's synchronous key operations: signatures, ciphers, key pairs,
RSA encryption and Diffie-Hellman.

node:crypto answers these synchronously, so its shim (``shims/node/internal/crypto/``)
reaches them through a sync host call, which every engine provides for the runtime's own
operations. Keys cross as DER (PKCS#8 or SPKI), which the shim writes from its KeyObjects;
loaded keys are cached by their bytes. A cipher in progress lives here under an id until
its ``final``. Every primitive is OpenSSL's, through ``cryptography``.

Answers are ``{"ok": value}`` or ``{"error": [code, message]}``: the shim throws Node's
error for the code (``ERR_OSSL_...`` for what OpenSSL refused).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
from collections import OrderedDict
from typing import Any

#: Node's digest names (canonical, as the shim writes them) -> cryptography's classes.
DIGESTS = {
    "md5": "MD5",
    "sha1": "SHA1",
    "sha224": "SHA224",
    "sha256": "SHA256",
    "sha384": "SHA384",
    "sha512": "SHA512",
    "sha512-224": "SHA512_224",
    "sha512-256": "SHA512_256",
    "sha3-224": "SHA3_224",
    "sha3-256": "SHA3_256",
    "sha3-384": "SHA3_384",
    "sha3-512": "SHA3_512",
}
#: The shims' digest names -> hashlib's (those with no JS implementation included).
_HASHLIB = {name: name.replace("-", "_") for name in DIGESTS}
_HASHLIB.update(ripemd160="ripemd160", blake2b512="blake2b", blake2s256="blake2s", sm3="sm3")
_HASHLIB["md5-sha1"] = "md5-sha1"
#: crypto.constants' values the shim passes through.
RSA_PKCS1_PADDING, RSA_NO_PADDING, RSA_PKCS1_OAEP_PADDING, RSA_PKCS1_PSS_PADDING = 1, 3, 4, 6
RSA_PSS_SALTLEN_DIGEST, RSA_PSS_SALTLEN_MAX_SIGN = -1, -2
#: Cipher name -> (mode, key bytes); the AES family and ChaCha20-Poly1305, as OpenSSL names them.
CIPHERS: dict[str, tuple[str, int]] = {
    f"aes-{bits}-{mode}": (mode, bits // 8)
    for bits in (128, 192, 256)
    for mode in ("cbc", "ctr", "ecb", "gcm", "cfb", "ofb", "cfb8")
}
CIPHERS.update({"aes128": ("cbc", 16), "aes192": ("cbc", 24), "aes256": ("cbc", 32)})
CIPHERS["chacha20-poly1305"] = ("chacha20-poly1305", 32)
#: Keys loaded from DER, kept for the next call with the same bytes.
_CACHED_KEYS = 64


class NodeCryptoError(Exception):
    """An operation failed with the Node error ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _keytype() -> NodeCryptoError:
    return NodeCryptoError(
        "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE",
        "error:03000096:digital envelope routines::operation not supported for this keytype",
    )


def _edwards_digest() -> NodeCryptoError:
    return NodeCryptoError("ERR_OSSL_INVALID_DIGEST", "error:1C80007A:Provider routines::invalid digest")


def _bad_decrypt() -> NodeCryptoError:
    return NodeCryptoError("ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt")


def _wrong_final_block() -> NodeCryptoError:
    return NodeCryptoError(
        "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", "error:1C80006B:Provider routines::wrong final block length"
    )


#: What OpenSSL says when an AEAD tag does not match, or is missing.
_UNAUTHENTICATED = "Unsupported state or unable to authenticate data"


def _hash(name: str | None) -> Any:
    from cryptography.hazmat.primitives import hashes

    if name is None:
        return None
    if name not in DIGESTS:
        raise NodeCryptoError("ERR_CRYPTO_INVALID_DIGEST", f"Invalid digest: {name}")
    return getattr(hashes, DIGESTS[name])()


class NodeCrypto:
    """One context's cached keys and ciphers in progress."""

    def __init__(self) -> None:
        self._keys: OrderedDict[tuple[bytes, bool], Any] = OrderedDict()
        self._ciphers: dict[int, _Cipher] = {}
        self._digests: dict[int, Any] = {}
        self._ids = itertools.count(1)

    def call(self, op: str, *args: Any) -> dict[str, Any]:
        """The one host function the shim uses: ``op`` names a method below."""
        method = getattr(self, f"op_{op}", None)
        if method is None:
            return {"error": ["ERR_METHOD_NOT_IMPLEMENTED", f"unknown crypto operation {op!r}"]}
        try:
            return {"ok": method(*args)}
        except NodeCryptoError as exc:
            return {"error": [exc.code, str(exc)]}
        except Exception as exc:  # OpenSSL said no: a bad key, tag, padding or size
            from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm

            if isinstance(exc, InvalidTag):
                return {"error": ["ERR_CRYPTO_INVALID_AUTH_TAG", _UNAUTHENTICATED]}
            if isinstance(exc, UnsupportedAlgorithm):
                return {"error": ["ERR_OSSL_EVP_UNSUPPORTED", str(exc) or "unsupported"]}
            if isinstance(exc, (ValueError, TypeError, OverflowError)):
                return {"error": ["ERR_OSSL_EVP_OPERATION_FAILED", str(exc) or type(exc).__name__]}
            raise

    # -- keys
    def _key(self, der: bytes, private: bool) -> Any:
        from cryptography.hazmat.primitives import serialization

        entry = (bytes(der), private)
        key = self._keys.get(entry)
        if key is None:
            if private:
                key = serialization.load_der_private_key(entry[0], None)
            else:
                key = serialization.load_der_public_key(entry[0])
            self._keys[entry] = key
            if len(self._keys) > _CACHED_KEYS:
                self._keys.popitem(last=False)
        else:
            self._keys.move_to_end(entry)
        return key

    def op_public(self, der: bytes) -> bytes:
        """The SPKI of a PKCS#8 private key (its public key, derived where it is missing)."""
        from cryptography.hazmat.primitives import serialization as s

        public = self._key(der, True).public_key()
        return public.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)

    def op_decrypt_key(self, pem_or_der: bytes, passphrase: bytes | None, pem: bool) -> bytes:
        """An encrypted private key (PEM, or encrypted PKCS#8 DER) as plain PKCS#8 DER."""
        from cryptography.hazmat.primitives import serialization as s

        load = s.load_pem_private_key if pem else s.load_der_private_key
        try:
            key = load(bytes(pem_or_der), passphrase)
        except (ValueError, TypeError) as exc:
            if "password" in str(exc).lower():
                raise _bad_decrypt() from None
            raise NodeCryptoError(
                "ERR_OSSL_EVP_DECODE_ERROR", "error:03000072:digital envelope routines::decode error"
            ) from None
        return key.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())

    def op_encrypt_key(self, pkcs8: bytes, fmt: str, kind: str, passphrase: bytes) -> bytes:
        """A private key (PKCS#8 DER) written encrypted with AES-256-CBC: PKCS#8 (PBES2,
        PBKDF2-SHA256) in PEM or DER, or PKCS#1/SEC1 PEM with OpenSSL's legacy header."""
        from cryptography.hazmat.primitives import serialization as s

        key = self._key(pkcs8, True)
        encoding = s.Encoding.PEM if fmt == "pem" else s.Encoding.DER
        layout = s.PrivateFormat.PKCS8 if kind == "pkcs8" else s.PrivateFormat.TraditionalOpenSSL
        return key.private_bytes(encoding, layout, s.BestAvailableEncryption(bytes(passphrase)))

    def op_generate(self, kind: str, options: dict[str, Any]) -> list[bytes]:
        """A new key pair: [SPKI, PKCS#8]."""
        from cryptography.hazmat.primitives import serialization as s
        from cryptography.hazmat.primitives.asymmetric import ec, rsa

        if kind == "rsa":
            exponent = options.get("publicExponent", 65537)
            private: Any = rsa.generate_private_key(exponent, options["modulusLength"])
        elif kind == "ec":
            private = ec.generate_private_key(_curve(options["namedCurve"]))
        else:
            private = _okp_class(kind).generate()
        public = private.public_key().public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo)
        return [public, private.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption())]

    # -- signatures
    def op_sign(self, der: bytes, digest: str | None, data: bytes, options: dict[str, Any]) -> bytes:
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, utils

        key = self._key(der, True)
        if isinstance(key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)):
            if digest is not None:
                raise _edwards_digest()
            return key.sign(bytes(data))
        h = _hash(digest or "sha256")
        if isinstance(key, rsa.RSAPrivateKey):
            return key.sign(bytes(data), _rsa_signature_padding(options, h, signing=True), h)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            signature = key.sign(bytes(data), ec.ECDSA(h))
            if options.get("dsaEncoding") == "ieee-p1363":
                size = (key.curve.key_size + 7) // 8
                r, s = utils.decode_dss_signature(signature)
                return r.to_bytes(size, "big") + s.to_bytes(size, "big")
            return signature
        raise _keytype()

    def op_verify(
        self, der: bytes, private: bool, digest: str | None, data: bytes, signature: bytes, options: dict
    ) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, utils

        key = self._key(der, private)
        if private:
            key = key.public_key()
        data, signature = bytes(data), bytes(signature)
        try:
            if isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
                if digest is not None:
                    raise _edwards_digest()
                key.verify(signature, data)
                return True
            h = _hash(digest or "sha256")
            if isinstance(key, rsa.RSAPublicKey):
                key.verify(signature, data, _rsa_signature_padding(options, h, signing=False), h)
                return True
            if isinstance(key, ec.EllipticCurvePublicKey):
                if options.get("dsaEncoding") == "ieee-p1363":
                    size = (key.curve.key_size + 7) // 8
                    if len(signature) != 2 * size:
                        return False
                    r = int.from_bytes(signature[:size], "big")
                    s = int.from_bytes(signature[size:], "big")
                    signature = utils.encode_dss_signature(r, s)
                key.verify(signature, data, ec.ECDSA(h))
                return True
        except InvalidSignature:
            return False
        raise _keytype()

    # -- RSA encryption and key agreement
    def op_rsa(
        self,
        der: bytes,
        private: bool,
        encrypt: bool,
        data: bytes,
        padding_id: int,
        oaep_hash: str,
        label: Any,
    ) -> bytes:
        """publicEncrypt / privateDecrypt (OAEP or PKCS#1 v1.5)."""
        from cryptography.hazmat.primitives.asymmetric import padding

        key = self._key(der, private)
        if padding_id == RSA_PKCS1_OAEP_PADDING:
            h = _hash(oaep_hash)
            pad: Any = padding.OAEP(mgf=padding.MGF1(h), algorithm=h, label=bytes(label) if label else None)
        elif padding_id == RSA_PKCS1_PADDING:
            pad = padding.PKCS1v15()
        else:
            raise NodeCryptoError(
                "ERR_OSSL_RSA_UNKNOWN_PADDING_TYPE", "error:1C8000A5:Provider routines::unknown padding type"
            )
        if encrypt:
            if private:
                key = key.public_key()
            try:
                return key.encrypt(bytes(data), pad)
            except ValueError:
                raise NodeCryptoError(
                    "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE",
                    "error:0200006E:rsa routines::data too large for key size",
                ) from None
        try:
            return key.decrypt(bytes(data), pad)
        except ValueError:
            raise NodeCryptoError(
                "ERR_OSSL_RSA_OAEP_DECODING_ERROR", "error:02000079:rsa routines::oaep decoding error"
            ) from None

    def op_agree(self, private_der: bytes, public_der: bytes) -> bytes:
        """crypto.diffieHellman({privateKey, publicKey}): the shared secret (ECDH, X25519, X448)."""
        from cryptography.hazmat.primitives.asymmetric import ec

        private, public = self._key(private_der, True), self._key(public_der, False)
        if isinstance(private, ec.EllipticCurvePrivateKey):
            return private.exchange(ec.ECDH(), public)
        return private.exchange(public)

    # -- digests of large inputs (the shims hash short ones in JS)
    def op_hash_once(self, name: str, data: bytes) -> bytes:
        return hashlib.new(_HASHLIB[name], bytes(data)).digest()

    def op_hash_start(self, name: str, data: bytes, key: bytes | None) -> int:
        """A digest (an HMAC where ``key`` is given) begun with ``data``; its id."""
        digest_id = next(self._ids)
        if key is None:
            self._digests[digest_id] = hashlib.new(_HASHLIB[name], bytes(data))
        else:
            self._digests[digest_id] = hmac.new(bytes(key), bytes(data), _HASHLIB[name])
        return digest_id

    def op_hash_update(self, digest_id: int, data: bytes) -> None:
        self._digests[digest_id].update(bytes(data))

    def op_hash_copy(self, digest_id: int) -> int:
        copy_id = next(self._ids)
        self._digests[copy_id] = self._digests[digest_id].copy()
        return copy_id

    def op_hash_digest(self, digest_id: int) -> bytes:
        return self._digests.pop(digest_id).digest()

    def op_hash_drop(self, digest_id: int) -> None:
        self._digests.pop(digest_id, None)

    # -- ECDH objects (createECDH): raw scalars and X9.62 points
    def op_ecdh_generate(self, curve: str) -> list[bytes]:
        """[a new private scalar, its public point, uncompressed]."""
        from cryptography.hazmat.primitives.asymmetric import ec

        private = ec.generate_private_key(_curve(curve))
        return [_scalar(private), _point(private.public_key())]

    def op_ecdh_public(self, curve: str, scalar: bytes) -> list[bytes]:
        """[the scalar, as OpenSSL keeps it, and its public point]; a scalar out of range
        is Node's ERR_CRYPTO_INVALID_KEYTYPE."""
        from cryptography.hazmat.primitives.asymmetric import ec

        try:
            private = ec.derive_private_key(int.from_bytes(bytes(scalar), "big"), _curve(curve))
        except ValueError:
            raise NodeCryptoError(
                "ERR_CRYPTO_INVALID_KEYTYPE", "Private key is not valid for specified curve."
            ) from None
        return [_scalar(private), _point(private.public_key())]

    def op_ecdh_point(self, curve: str, point: bytes) -> bytes:
        """A point in any X9.62 form, uncompressed; one not on the curve is refused."""
        return _point(_peer(curve, point))

    def op_ecdh_secret(self, curve: str, scalar: bytes, point: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric import ec

        private = ec.derive_private_key(int.from_bytes(bytes(scalar), "big"), _curve(curve))
        return private.exchange(ec.ECDH(), _peer(curve, point))

    # -- ciphers
    def op_cipher(self, name: str, key: bytes, iv: Any, decrypt: bool, tag_length: int | None) -> int:
        cipher_id = next(self._ids)
        iv = None if iv is None else bytes(iv)
        self._ciphers[cipher_id] = _Cipher(name, bytes(key), iv, decrypt, tag_length)
        return cipher_id

    def _cipher(self, cipher_id: int) -> _Cipher:
        cipher = self._ciphers.get(cipher_id)
        if cipher is None:
            raise NodeCryptoError("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation final")
        return cipher

    def op_aad(self, cipher_id: int, aad: bytes) -> None:
        self._cipher(cipher_id).aad(bytes(aad))

    def op_update(self, cipher_id: int, data: bytes) -> bytes:
        return self._cipher(cipher_id).update(bytes(data))

    def op_padding(self, cipher_id: int, on: bool) -> None:
        self._cipher(cipher_id).padding(on)

    def op_final(self, cipher_id: int, tag: bytes | None) -> list[Any]:
        """[the last bytes, the authentication tag of an encrypting AEAD cipher or None]."""
        cipher = self._ciphers.pop(cipher_id, None)
        if cipher is None:
            raise NodeCryptoError("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation final")
        return cipher.final(None if tag is None else bytes(tag))

    def op_drop(self, cipher_id: int) -> None:
        self._ciphers.pop(cipher_id, None)


def _curve(name: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    curves = {
        "prime256v1": ec.SECP256R1, "p-256": ec.SECP256R1, "secp256r1": ec.SECP256R1,
        "secp384r1": ec.SECP384R1, "p-384": ec.SECP384R1,
        "secp521r1": ec.SECP521R1, "p-521": ec.SECP521R1,
        "secp256k1": ec.SECP256K1, "secp224r1": ec.SECP224R1,
    }  # fmt: skip
    curve = curves.get(name.lower())
    if curve is None:
        raise NodeCryptoError("ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name")
    return curve()


def _scalar(private: Any) -> bytes:
    value = private.private_numbers().private_value
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


def _point(public: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as s

    return public.public_bytes(s.Encoding.X962, s.PublicFormat.UncompressedPoint)


def _peer(curve: str, point: bytes) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    data = bytes(point)
    if data[:1] in (b"\x06", b"\x07"):  # hybrid: the uncompressed point with y's parity in the tag
        data = b"\x04" + data[1:]
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(_curve(curve), data)
    except ValueError:
        raise NodeCryptoError(
            "ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY", "Public key is not valid for specified curve"
        ) from None


def _okp_class(kind: str) -> Any:
    from cryptography.hazmat.primitives.asymmetric import ed448, ed25519, x448, x25519

    return {
        "ed25519": ed25519.Ed25519PrivateKey,
        "ed448": ed448.Ed448PrivateKey,
        "x25519": x25519.X25519PrivateKey,
        "x448": x448.X448PrivateKey,
    }[kind]


def _rsa_signature_padding(options: dict[str, Any], h: Any, *, signing: bool) -> Any:
    from cryptography.hazmat.primitives.asymmetric import padding

    if options.get("padding", RSA_PKCS1_PADDING) != RSA_PKCS1_PSS_PADDING:
        return padding.PKCS1v15()
    salt = options.get("saltLength", RSA_PSS_SALTLEN_MAX_SIGN)
    if salt == RSA_PSS_SALTLEN_DIGEST:
        salt = padding.PSS.DIGEST_LENGTH
    elif salt == RSA_PSS_SALTLEN_MAX_SIGN:
        salt = padding.PSS.MAX_LENGTH if signing else padding.PSS.AUTO
    mgf1 = _hash(options["mgf1Hash"]) if options.get("mgf1Hash") else h
    return padding.PSS(mgf=padding.MGF1(mgf1), salt_length=salt)


def _decrepit_modes() -> dict[str, Any]:
    """CFB, CFB8 and OFB, where cryptography keeps them now."""
    try:
        from cryptography.hazmat.decrepit.ciphers import modes
    except ImportError:  # before cryptography 47
        from cryptography.hazmat.primitives.ciphers import modes
    return {"cfb": modes.CFB, "cfb8": modes.CFB8, "ofb": modes.OFB}


class _ChaChaPoly:
    """ChaCha20-Poly1305 (RFC 8439) as a stream: cryptography's AEAD class is one-shot, so
    the construction is put together from its ChaCha20 and Poly1305, as OpenSSL's EVP
    cipher does it, and update() gives its bytes at once as Node's does."""

    def __init__(self, key: bytes, nonce: bytes, decrypt: bool) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
        from cryptography.hazmat.primitives.poly1305 import Poly1305

        def stream(counter: int) -> Any:
            # cryptography's ChaCha20 nonce is the block counter (32-bit LE) then the nonce.
            return Cipher(algorithms.ChaCha20(key, counter.to_bytes(4, "little") + nonce), None).encryptor()

        self._mac = Poly1305(stream(0).update(bytes(32)))
        self._stream = stream(1)
        self._decrypt = decrypt
        self._aad = 0
        self._text = 0
        self._started = False

    def aad(self, data: bytes) -> None:
        self._mac.update(data)
        self._aad += len(data)

    def update(self, data: bytes) -> bytes:
        if not self._started:
            self._mac.update(bytes(-self._aad % 16))
            self._started = True
        out = self._stream.update(data)
        self._mac.update(data if self._decrypt else out)
        self._text += len(data)
        return out

    def tag(self) -> bytes:
        self.update(b"")
        self._mac.update(bytes(-self._text % 16))
        self._mac.update(self._aad.to_bytes(8, "little") + self._text.to_bytes(8, "little"))
        return self._mac.finalize()


class _Cipher:
    """One createCipheriv/createDecipheriv in progress."""

    def __init__(self, name: str, key: bytes, iv: Any, decrypt: bool, tag_length: int | None) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        mode_name, key_size = CIPHERS[name]
        if len(key) != key_size:
            raise NodeCryptoError("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length")
        self._decrypt = decrypt
        self._aead = mode_name in ("gcm", "chacha20-poly1305")
        self._tag_length = tag_length or 16
        self._block = mode_name in ("cbc", "ecb")
        self._padding = True
        self._updated = False
        self._held = b""  # a block cipher's input not yet in whole blocks
        self._gcm = mode_name == "gcm"
        if mode_name == "chacha20-poly1305":
            if iv is None or len(iv) != 12:
                raise NodeCryptoError("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector")
            self._context: Any = _ChaChaPoly(key, iv, decrypt)
            return
        if mode_name == "ecb":
            mode: Any = modes.ECB()
        elif mode_name == "gcm":
            if not iv:
                raise NodeCryptoError("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector")
            mode = modes.GCM(iv, min_tag_length=4)
        else:
            mode_class = {"cbc": modes.CBC, "ctr": modes.CTR, **_decrepit_modes()}
            if iv is None or len(iv) != 16:
                raise NodeCryptoError("ERR_CRYPTO_INVALID_IV", "Invalid initialization vector")
            mode = mode_class[mode_name](iv)
        cipher = Cipher(algorithms.AES(key), mode)
        self._context = cipher.decryptor() if decrypt else cipher.encryptor()

    def padding(self, on: bool) -> None:
        self._padding = on

    def aad(self, data: bytes) -> None:
        if not self._aead or self._updated:
            raise NodeCryptoError("ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAAD")
        if isinstance(self._context, _ChaChaPoly):
            self._context.aad(data)
        else:
            self._context.authenticate_additional_data(data)

    def update(self, data: bytes) -> bytes:
        self._updated = True
        if not self._block:
            return self._context.update(data)
        data = self._held + data
        whole = len(data) - len(data) % 16
        if self._decrypt and self._padding and whole == len(data) and whole:
            whole -= 16  # the last block may hold padding: kept for final
        self._held = data[whole:]
        return self._context.update(data[:whole])

    def final(self, tag: bytes | None) -> list[Any]:
        out = self._final_blocks() if self._block else b""
        if isinstance(self._context, _ChaChaPoly):
            made = self._context.tag()
            if not self._decrypt:
                return [out, made[: self._tag_length]]
            if tag is None:
                raise NodeCryptoError("ERR_CRYPTO_INVALID_STATE", _UNAUTHENTICATED)
            if not hmac.compare_digest(made[: len(tag)], tag):
                raise NodeCryptoError("ERR_CRYPTO_INVALID_AUTH_TAG", _UNAUTHENTICATED)
            return [out, None]
        if self._gcm and self._decrypt:
            if tag is None:
                raise NodeCryptoError("ERR_CRYPTO_INVALID_STATE", _UNAUTHENTICATED)
            return [out + self._context.finalize_with_tag(tag), None]
        out += self._context.finalize()
        return [out, self._context.tag[: self._tag_length] if self._gcm else None]

    def _final_blocks(self) -> bytes:
        held = self._held
        if not self._decrypt:
            if self._padding:
                n = 16 - len(held) % 16
                held += bytes([n]) * n
            elif len(held) % 16:
                raise _wrong_final_block()
            return self._context.update(held)
        if len(held) % 16 or (self._padding and not held):
            raise _wrong_final_block()
        out = self._context.update(held)
        if self._padding:
            n = out[-1]
            if not 1 <= n <= 16 or out[-n:] != bytes([n]) * n:
                raise _bad_decrypt()
            out = out[:-n]
        return out
