"""Packages written for Node.js, linked unbundled on every engine: they import Node's
built-ins and read ``process`` and ``Buffer`` as globals. The expected values are what
Node prints for the same module (tests/node/npm_app/main.js)."""

from __future__ import annotations

from pathlib import Path

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest

NPM_APP = Path(__file__).parent / "npm_app"


@pytest.fixture(scope="module")
def node_app():
    npm.install(NPM_APP)
    return NPM_APP / "main.js"


def test_jsonwebtoken(ctx, node_app):
    # jsonwebtoken -> jws -> jwa: node:crypto's HMAC and KeyObjects, node:stream, node:util,
    # Buffer, and process.version read by semver.
    token, verified, wrong, expired, header = ctx.import_module(node_app)["jwtResult"]
    assert token == (
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJhZG1pbiI6dHJ1ZSwiaWF0IjoxNzAwMDAwMDAwLCJleHAi"
        "OjE3MDAwMDM2MDB9.XfFXqkPJrjNspg52kQLw7eD1IN8fheHS-zxj2KkzB_w"
    )
    assert verified == {"sub": "ada", "admin": True, "iat": 1700000000, "exp": 1700003600}
    assert wrong == ["JsonWebTokenError", "invalid signature"]
    assert expired == ["TokenExpiredError", "jwt expired"]
    assert header == {"alg": "HS256", "typ": "JWT"}


def test_jsonwebtoken_asymmetric_algorithms(ctx, node_app):
    # RS256, PS256 and ES256: node:crypto's Sign/Verify and sign/verify on the host
    # (OpenSSL), keys read from PEM by KeyObjects, ECDSA's DER turned into JOSE's form.
    rs256, *checks = ctx.import_module(node_app)["jwtAsymmetric"]
    assert rs256 == (
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJpYXQiOjE3MDAwMDAwMDB9.SGqqaoy9zvrRqNjsOn7YF"
        "Bae2DOuhBjCx0fEeHXdF_0qyWkxG8yuA4Qg6QDQmKFHcJoTTTGybJmy19Zf9jegWPZWllCxq0NZ5LaMOeOvoHAqam5f_u9upRJnK"
        "f5ZgJzTDe4inGJQAZ28ToNEnH2UhQBxvw4wc8f5EmLg72OoSpk"
    )
    assert checks == [
        "ada",
        "ada",
        86,
        "ada",
        ["JsonWebTokenError", "invalid signature"],
        ["JsonWebTokenError", "invalid algorithm"],
    ]


def test_xml2js_csv_parse_iconv_lite_and_mime_types(ctx, node_app):
    # xml2js: node:events, node:timers' setImmediate, and sax on node:stream and
    # node:string_decoder; csv-parse: a node:stream Transform; iconv-lite: Buffer;
    # mime-types: node:path.
    m = ctx.import_module(node_app)
    assert m["xmlResult"] == {"root": {"$": {"a": "1"}, "item": ["x", {"_": "y", "$": {"id": "2"}}]}}
    assert m["csvResult"] == [{"name": "ada", "score": 3}, {"name": "b, c", "score": 4}]
    assert m["iconvResult"] == ["Привет", "4772fcdf65", "日本語"]
    assert m["mimeResult"] == ["application/json", "text/html; charset=utf-8", "png"]


def test_pngjs(ctx, node_app):
    # pngjs drives node:zlib's handle (writeSync, zlib's avail_in/avail_out contract) for
    # its sync API, and zlib streams for pack() and parse().
    header, same, parsed, digest = ctx.import_module(node_app)["pngResult"]
    assert header == "89504e470d0a1a0a0000000d49484452"
    assert same == 0
    assert parsed == [16, 9, 0]
    assert digest == "ff1a3f4e03dfbaf3"
