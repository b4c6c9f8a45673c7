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


def test_xml2js_csv_parse_iconv_lite_and_mime_types(ctx, node_app):
    # xml2js: node:events, node:timers' setImmediate, and sax on node:stream and
    # node:string_decoder; csv-parse: a node:stream Transform; iconv-lite: Buffer;
    # mime-types: node:path.
    m = ctx.import_module(node_app)
    assert m["xmlResult"] == {"root": {"$": {"a": "1"}, "item": ["x", {"_": "y", "$": {"id": "2"}}]}}
    assert m["csvResult"] == [{"name": "ada", "score": 3}, {"name": "b, c", "score": 4}]
    assert m["iconvResult"] == ["Привет", "4772fcdf65", "日本語"]
    assert m["mimeResult"] == ["application/json", "text/html; charset=utf-8", "png"]
