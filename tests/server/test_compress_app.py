"""Hono's ``compress()`` middleware served by ``runtime serve`` on every engine: the response
body goes through ``CompressionStream`` ("gzip" or "deflate", chosen from Accept-Encoding),
and a real HTTP client gets bytes that Python's zlib decompresses to the original body, with
the headers the middleware sets (Content-Encoding, Vary, a weak ETag, no Content-Length).
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest

from .conftest import ENGINES, ServerProcess

APP = Path(__file__).parent / "compress_app"
TIMEOUT = 30.0  # the first request may wait on a worker still linking the module graph

TEXT = "\n".join(f"line {i}: the quick brown fox {(i * 7) % 13}" for i in range(400)).encode()
USERS = [{"id": i, "name": f"user {i}", "admin": i % 5 == 0} for i in range(200)]
STREAM = "".join(f"chunk {i} " * 40 for i in range(50)).encode()
WBITS = {"gzip": 31, "deflate": 15}


@pytest.fixture(scope="module", params=ENGINES)
def server(request, tmp_path_factory):
    npm.install(APP)
    log = tmp_path_factory.mktemp("compress_app") / "server.log"
    server = ServerProcess(APP / "app.js", ["--engine", request.param, "--workers", "1"], None, log)
    yield server
    server.stop()


def get(server: ServerProcess, path: str, encoding: str | None = None, method: str = "GET"):
    headers = {"Accept-Encoding": encoding} if encoding is not None else {}
    return server.request(method, path, headers=headers, timeout=TIMEOUT)


def decoded(headers: dict[str, str], body: bytes) -> bytes:
    """The body as the Content-Encoding header says to decode it (strictly: no trailing data)."""
    encoding = headers.get("content-encoding")
    if encoding is None:
        return body
    z = zlib.decompressobj(WBITS[encoding])
    out = z.decompress(body)
    assert z.eof and not z.unused_data, "a complete stream with nothing after it"
    return out


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@pytest.mark.parametrize("path,expected", [("/text", TEXT), ("/stream", STREAM)], ids=["text", "stream"])
def test_compressed_body_decompresses_to_the_original(server, encoding, path, expected):
    status, headers, body = get(server, path, encoding)
    assert status == 200
    assert headers["content-encoding"] == encoding
    assert headers["vary"] == "Accept-Encoding"
    assert headers["content-type"] == "text/plain;charset=UTF-8"
    assert "content-length" not in headers  # the length is not known before the stream ends
    assert len(body) < len(expected) // 3
    assert decoded(headers, body) == expected
    if encoding == "gzip":
        assert body[:3] == b"\x1f\x8b\x08"
    else:
        assert (body[0] & 0x0F, (body[0] << 8 | body[1]) % 31) == (8, 0)  # RFC 1950 header


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_json(server, encoding):
    status, headers, body = get(server, "/json", encoding)
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert headers["content-encoding"] == encoding
    assert json.loads(decoded(headers, body)) == USERS


def test_identity_without_accept_encoding(server):
    status, headers, body = get(server, "/text")
    assert status == 200
    assert "content-encoding" not in headers
    assert headers["vary"] == "Accept-Encoding"
    assert body == TEXT


@pytest.mark.parametrize(
    "accept,chosen",
    [
        ("gzip, deflate, br", "gzip"),
        ("deflate, gzip", "gzip"),  # the middleware prefers gzip at equal quality
        ("gzip;q=0.5, deflate", "deflate"),
        ("deflate;q=0.8, gzip;q=0.3", "deflate"),
        ("*", "gzip"),
        ("br", None),
        ("gzip;q=0, deflate;q=0", None),
        ("identity", None),
    ],
)
def test_encoding_negotiation(server, accept, chosen):
    status, headers, body = get(server, "/text", accept)
    assert status == 200
    assert headers.get("content-encoding") == chosen
    assert decoded(headers, body) == TEXT


def test_strong_etag_becomes_weak(server):
    status, headers, body = get(server, "/etag", "gzip")
    assert (status, headers["content-encoding"], headers["etag"]) == (200, "gzip", 'W/"v1"')
    assert decoded(headers, body) == TEXT
    _, plain, _ = get(server, "/etag")
    assert plain["etag"] == '"v1"'


@pytest.mark.parametrize(
    "path,expected",
    [("/small", b"tiny"), ("/png", b"\x07" * 4096), ("/no-transform", TEXT)],
    ids=["below-threshold", "not-compressible-type", "no-transform"],
)
def test_left_alone(server, path, expected):
    status, headers, body = get(server, path, "gzip, deflate")
    assert status == 200
    assert "content-encoding" not in headers
    assert body == expected


def test_many_compressed_requests(server):
    # Each response's CompressionStream is finished and its host stream released; the
    # worker keeps answering correctly.
    for i in range(40):
        encoding = ["gzip", "deflate"][i % 2]
        status, headers, body = get(server, "/stream" if i % 3 else "/json", encoding)
        assert status == 200 and headers["content-encoding"] == encoding
        if i % 3:
            assert decoded(headers, body) == STREAM
        else:
            assert json.loads(decoded(headers, body)) == USERS
