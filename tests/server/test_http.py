"""HTTP/1.1 behaviour and limits of the reactor, over raw sockets and http.client."""

from __future__ import annotations

import socket
import time

import pytest

from .conftest import read_all

HANDLER = r"""
export default {
  async fetch(request) {
    const p = request.url.replace(/^https?:\/\/[^/]+/, "");
    if (p.startsWith("/slow")) await new Promise((r) => setTimeout(r, 150));
    if (p === "/rewrap") {
      // What Hono does when middleware sets a header after next(): the same body, re-wrapped.
      const inner = new Response("hello world", { headers: { "content-type": "text/plain" } });
      const outer = new Response(inner.body, inner);
      outer.headers.set("x-after", "1");
      return outer;
    }
    if (p === "/rewrap-read") {
      const inner = new Response("hello world");
      const reader = inner.body.getReader();
      const first = await reader.read();
      reader.releaseLock();
      return new Response(new ReadableStream({ start(c) { c.enqueue(first.value); c.close(); } }));
    }
    if (p === "/null-body") {
      // Hono answers HEAD with `new Response(null, getResponse)`: the GET's headers, no body.
      const length = request.headers.get("x-length");
      return new Response(null, { headers: length ? { "content-length": length } : {} });
    }
    if (p === "/echo-header") {
      // Field values are byte strings: each byte one code unit, each way.
      const value = request.headers.get("x-name");
      return new Response(String([...value].map((c) => c.charCodeAt(0))), {
        headers: { "x-echo": value, "x-fixed": "caf\u00e9" },
      });
    }
    if (request.method === "POST") {
      const body = await request.text();
      return new Response("echo:" + body);
    }
    return new Response("path:" + p);
  },
};
"""

LIMITS = {
    "RUNTIME_SERVER_KEEPALIVE_TIMEOUT": "1",
    "RUNTIME_SERVER_HEADER_TIMEOUT": "1",
    "RUNTIME_SERVER_BODY_TIMEOUT": "1",
    "RUNTIME_SERVER_MAX_CONNECTIONS": "40",
    "RUNTIME_SERVER_MAX_HEADER_BYTES": "4096",
}


@pytest.fixture(scope="module")
def server(start_module_server):
    return start_module_server(HANDLER, "--workers", "1", "--max-body", "0.001", env=LIMITS)


def split(response: bytes) -> list[tuple[str, dict[str, str], bytes]]:
    """Parse concatenated HTTP responses that carry Content-Length."""
    out = []
    while response:
        head, _, rest = response.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        n = int(headers.get("content-length", 0))
        out.append((lines[0], headers, rest[:n]))
        response = rest[n:]
    return out


def test_keep_alive_reuses_the_connection(server):
    conn = server.connect()
    try:
        for i in range(5):
            conn.request("GET", f"/k{i}")
            res = conn.getresponse()
            assert res.read() == f"path:/k{i}".encode()
            assert res.getheader("connection") is None
        assert conn.sock is not None
    finally:
        conn.close()


def test_pipelined_responses_come_in_request_order(server):
    reqs = (
        b"GET /slow1 HTTP/1.1\r\nHost: x\r\n\r\n"
        b"GET /fast2 HTTP/1.1\r\nHost: x\r\n\r\n"
        b"POST /p3 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
        b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    parts = split(server.raw(reqs))
    assert [p[2] for p in parts] == [b"path:/slow1", b"path:/fast2", b"echo:abc", b"path:/last"]
    assert parts[-1][1]["connection"] == "close"


def test_chunked_request_body(server):
    raw = (
        b"POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    )
    ((status, _, body),) = split(server.raw(raw))
    assert status.startswith("HTTP/1.1 200") and body == b"echo:hello world"


def test_expect_100_continue(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(
            b"POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
            b"Expect: 100-continue\r\nConnection: close\r\n\r\n"
        )
        interim = s.recv(100)
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        s.sendall(b"body")
        ((status, _, body),) = split(read_all(s, 5))
    assert status.startswith("HTTP/1.1 200") and body == b"echo:body"


def test_head_has_length_but_no_body(server):
    out = server.raw(b"HEAD /h HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = out.partition(b"\r\n\r\n")
    assert b"content-length: 7" in head.lower() and body == b""


def test_head_carries_the_length_a_get_would_have_or_none(server):
    # RFC 9110 §9.3.2: the same Content-Length as GET, or none at all; never a made-up 0.
    out = server.raw(b"HEAD /null-body HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"content-length" not in head.lower() and body == b""
    req = b"HEAD /null-body HTTP/1.1\r\nHost: x\r\nX-Length: 11\r\nConnection: close\r\n\r\n"
    head, _, body = server.raw(req).partition(b"\r\n\r\n")
    assert b"content-length: 11" in head.lower() and body == b""
    # GET of a null body: a real 0.
    ((_, headers, body),) = split(
        server.raw(b"GET /null-body HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    )
    assert headers["content-length"] == "0" and body == b""


def test_a_rewrapped_body_keeps_its_length(server):
    out = server.raw(b"GET /rewrap HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    ((status, headers, body),) = split(out)
    assert status.startswith("HTTP/1.1 200")
    assert headers["content-length"] == "11" and "transfer-encoding" not in headers
    assert body == b"hello world" and headers["x-after"] == "1"
    # A body that really is a stream is still streamed.
    out = server.raw(b"GET /rewrap-read HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = out.partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head.lower() and b"hello world" in body


def test_field_values_are_bytes_each_way(server):
    # A byte above 0x7F is one code unit for JS, and goes out as that one byte: a value
    # echoed back is the same bytes (here UTF-8 and Latin-1 text alike).
    for raw in (b"caf\xc3\xa9", b"caf\xe9"):
        out = server.raw(
            b"GET /echo-header HTTP/1.1\r\nHost: x\r\nx-name: " + raw + b"\r\nConnection: close\r\n\r\n"
        )
        head, _, body = out.partition(b"\r\n\r\n")
        assert body.decode() == ",".join(str(b) for b in raw)
        assert b"\r\nx-echo: " + raw + b"\r\n" in head
        assert b"\r\nx-fixed: caf\xe9\r\n" in head


def test_http_1_0_closes_unless_keep_alive(server):
    out = server.raw(b"GET /old HTTP/1.0\r\n\r\n")
    ((_, headers, body),) = split(out)
    assert body == b"path:/old" and headers.get("connection") == "close"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        for _ in range(2):
            s.sendall(b"GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            data = read_all(s, 2, until_close=False)
            while data.count(b"path:/ka") < 1:
                data += s.recv(1000)
            assert b"connection: keep-alive" in data.lower()


def test_date_and_server_headers(server):
    _, headers, _ = server.request("GET", "/")
    assert headers["server"] == "runtime"
    assert headers["date"].endswith("GMT")


def test_headers_too_large_is_431_and_a_request_line_414(server):
    out = server.raw(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 8000 + b"\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 431 ")
    out = server.raw(b"GET /" + b"u" * 8000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 414 ")  # RFC 9112 §3


def test_body_too_large_is_413(server):
    out = server.raw(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000)
    assert out.startswith(b"HTTP/1.1 413 ")
    chunk = b"400\r\n" + b"y" * 1024 + b"\r\n"
    out = server.raw(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk * 3)
    assert out.startswith(b"HTTP/1.1 413 ")


@pytest.mark.parametrize(
    "raw",
    [
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"3\r\nabc\r\n0\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    ],
)
def test_malformed_or_ambiguous_is_400_and_closed(server, raw):
    out = server.raw(raw)
    assert out.startswith(b"HTTP/1.1 400 ")
    assert b"connection: close" in out.lower()


def test_slow_headers_get_408(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        t = time.monotonic()
        out = read_all(s, 5)
    assert out.startswith(b"HTTP/1.1 408 ")
    assert 0.9 < time.monotonic() - t < 3


def test_a_body_trickled_byte_by_byte_gets_408(server):
    # Slowloris on the body: each byte keeps the connection busy, but the body as a whole
    # must keep a minimum rate.
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n")
        t = time.monotonic()
        out = b""
        for _ in range(20):
            try:
                s.sendall(b"x")
            except OSError:
                break
            time.sleep(0.2)
            s.setblocking(False)
            try:
                out += s.recv(4096)
            except BlockingIOError:
                pass
            s.setblocking(True)
            if out:
                break
    assert out.startswith(b"HTTP/1.1 408 "), out
    assert 0.9 < time.monotonic() - t < 3.5


def test_idle_keep_alive_connection_is_closed(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(b"GET /i HTTP/1.1\r\nHost: x\r\n\r\n")
        first = read_all(s, 1, until_close=False)
        assert b"path:/i" in first or b"200" in first
        t = time.monotonic()
        rest = read_all(s, 5)
        assert rest in (b"", b"path:/i")
        assert 0.9 < time.monotonic() - t < 3


def test_connection_cap(server):
    socks = []
    try:
        for _ in range(45):
            socks.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        refused = 0
        for s in socks:
            s.settimeout(0.5)
            try:
                data = s.recv(200)
            except TimeoutError:
                continue
            if data.startswith(b"HTTP/1.1 503 "):
                refused += 1
        assert refused >= 5
    finally:
        for s in socks:
            s.close()
    assert server.request("GET", "/after")[0] == 200


@pytest.mark.parametrize(
    ("raw", "status", "seen"),
    [
        # absolute-form: its authority replaces Host (RFC 9112 §3.2.2)
        (b"GET http://example.com/x?y=1 HTTP/1.1\r\nHost: other\r\n\r\n", 200, b"path:/x?y=1"),
        (b"GET /p HTTP/1.0\r\n\r\n", 200, b"path:/p"),  # HTTP/1.0 needs no Host
        (b"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 200, b"path:/"),
        (b"GET /p HTTP/1.1\r\n\r\n", 400, b"Host"),  # HTTP/1.1 without Host
        (b"GET /p HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, b"Host"),
        (b"GET /p HTTP/1.1\r\nHost: a, b\r\n\r\n", 400, b"Host"),
        (b"GET /p HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, b"Host"),
        (b"GET /p HTTP/1.1\r\nHost: user@a\r\n\r\n", 400, b"Host"),
        (b"GET http://user@a/p HTTP/1.1\r\nHost: a\r\n\r\n", 400, b"authority"),
        (b"GET /p#frag HTTP/1.1\r\nHost: a\r\n\r\n", 400, b"fragment"),
        (b"GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400, b"OPTIONS"),
        (b"CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", 501, b"CONNECT"),  # RFC 9110 §9.1
        (b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, b"HTTP/2.0"),
        (b"GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505, b"HTTP/0.9"),
        (
            b"POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            501,
            b"gzip",
        ),
    ],
)
def test_request_targets_and_host(server, raw, status, seen):
    out = server.raw(raw)
    assert out.startswith(b"HTTP/1.1 %d " % status), out
    assert seen in out
    assert out.count(b"\r\nserver: ") == 1  # one answer, whatever the request
    if status >= 400:
        assert b"connection: close" in out.lower()


@pytest.mark.parametrize("protocol", [b"websocket", b"h2c"])
def test_an_upgrade_request_gets_one_answer_and_the_connection_ends(server, protocol):
    out = server.raw(
        b"GET /u HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: " + protocol + b"\r\n\r\n"
    )
    assert out.startswith(b"HTTP/1.1 200 ") and out.endswith(b"path:/u"), out
    assert out.count(b"\r\nserver: ") == 1
    assert b"connection: close" in out.lower()
