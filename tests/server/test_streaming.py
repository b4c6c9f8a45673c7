"""Responses whose body is a ReadableStream go out as they are produced, on every engine."""

from __future__ import annotations

import json
import socket
import time

import pytest

from .conftest import ENGINES, read_all

STREAMING = """
let cancelled = 0;
const enc = new TextEncoder();
export default {
  fetch(request) {
    const path = new URL(request.url).pathname;
    if (path === "/slow") {
      let i = 0;
      return new Response(new ReadableStream({
        async pull(controller) {
          await new Promise((r) => setTimeout(r, i === 0 ? 0 : 300));
          if (i < 3) controller.enqueue(enc.encode(`chunk ${i++}\\n`));
          else controller.close();
        },
      }), { headers: { "content-type": "text/plain" } });
    }
    if (path === "/broken") {
      let n = 0;
      return new Response(new ReadableStream({
        pull(c) { if (n++ < 2) c.enqueue(enc.encode(`part ${n}\\n`)); else c.error(new Error("broke")); },
      }));
    }
    if (path === "/endless") {
      return new Response(new ReadableStream({
        async pull(c) { await new Promise((r) => setTimeout(r, 10)); c.enqueue(enc.encode("tick\\n")); },
        cancel() { cancelled++; },
      }));
    }
    if (path === "/cancelled") return new Response(String(cancelled));
    return new Response("plain");
  },
};
"""


@pytest.fixture(scope="module", params=ENGINES)
def stream_server(request, start_module_server):
    return start_module_server(STREAMING, "--engine", request.param, "--workers", "1")


def _chunks(body: bytes) -> list[bytes]:
    """Decode a chunked body; raises unless it ends with the zero-length chunk."""
    out = []
    while True:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            assert body == b"\r\n"
            return out
        out.append(body[:size])
        assert body[size : size + 2] == b"\r\n"
        body = body[size + 2 :]


def test_stream_is_sent_chunked_as_produced(stream_server):
    with socket.create_connection(("127.0.0.1", stream_server.port), timeout=10) as s:
        started = time.monotonic()
        s.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        first = s.recv(65536)
        first_at = time.monotonic() - started
        rest = read_all(s, 5, until_close=False) if b"0\r\n\r\n" not in first else b""
        while b"0\r\n\r\n" not in first + rest:
            more = s.recv(65536)
            assert more, "connection closed before the last chunk"
            rest += more
        total = time.monotonic() - started
    head, _, body = (first + rest).partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head.lower()
    assert b"content-length" not in head.lower()
    assert b"".join(_chunks(body)) == b"chunk 0\nchunk 1\nchunk 2\n"
    # The first chunk left long before the body was complete (0.9 s of waits in the stream).
    assert first_at < total - 0.4


def test_keep_alive_continues_after_a_stream(stream_server):
    data = b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    out = stream_server.raw(data, timeout=10)
    first, _, second = out.partition(b"0\r\n\r\n")
    assert b"chunk 2" in first
    assert second.startswith(b"HTTP/1.1 200") and second.endswith(b"plain")


def test_http10_gets_a_close_delimited_body(stream_server):
    out = stream_server.raw(b"GET /slow HTTP/1.0\r\n\r\n", timeout=10)
    head, _, body = out.partition(b"\r\n\r\n")
    assert b"transfer-encoding" not in head.lower() and b"connection: close" in head.lower()
    assert body == b"chunk 0\nchunk 1\nchunk 2\n"


def test_head_request_has_no_body(stream_server):
    out = stream_server.raw(b"HEAD /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout=10)
    head, _, body = out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and body == b""


def test_stream_failing_midway_cuts_the_connection(stream_server):
    out = stream_server.raw(b"GET /broken HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
    head, _, body = out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"part 1\n" in body and b"part 2\n" in body
    assert not body.endswith(b"0\r\n\r\n")  # truncated, so the client can tell
    assert "the response body stream failed" in stream_server.wait_log("body stream failed")


def wait_cancelled(server, before: int, failure: str) -> None:
    """Until /endless's cancel() has run once more than ``before`` times."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if int(server.request("GET", "/cancelled")[2]) > before:
            return
        time.sleep(0.05)
    raise AssertionError(failure)


def test_client_leaving_cancels_the_stream(stream_server):
    before = int(stream_server.request("GET", "/cancelled")[2])
    with socket.create_connection(("127.0.0.1", stream_server.port), timeout=10) as s:
        s.sendall(b"GET /endless HTTP/1.1\r\nHost: x\r\n\r\n")
        assert b"tick" in s.recv(65536) + s.recv(65536)
    wait_cancelled(stream_server, before, "the endless stream was never cancelled")


def test_the_stream_of_an_answer_to_head_is_cancelled(stream_server):
    # A HEAD request gets the head alone: the handler's stream is cancelled at once, not
    # pulled for as long as the worker lives.
    before = int(stream_server.request("GET", "/cancelled")[2])
    out = stream_server.raw(b"HEAD /endless HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", timeout=10)
    head, _, body = out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and body == b""
    wait_cancelled(stream_server, before, "the stream of an answer to HEAD was never cancelled")


ABORTABLE = """
let aborted = 0;
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/aborted") return new Response(String(aborted));
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 20000);
      request.signal.addEventListener("abort", () => { aborted++; clearTimeout(timer); resolve(); });
    });
    return new Response("finished");
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_client_leaving_aborts_request_signal(start_server, engine):
    server = start_server(ABORTABLE, "--engine", engine, "--workers", "1")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)  # the handler is waiting now
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.request("GET", "/aborted")[2] == b"1":
            break
        time.sleep(0.05)
    else:
        raise AssertionError("request.signal never aborted after the client left")


# Server-sent events the common way: the timer that feeds the stream stops when the
# client leaves, told by request.signal (the stream itself has no cancel callback).
SSE_BY_SIGNAL = """
let live = 0, aborted = 0;
export default {
  fetch(request) {
    if (new URL(request.url).pathname === "/state") return Response.json([live, aborted]);
    const tick = new TextEncoder().encode("data: tick\\n\\n");
    return new Response(new ReadableStream({
      start(controller) {
        live++;
        const timer = setInterval(() => controller.enqueue(tick), 20);
        request.signal.addEventListener("abort", () => { clearInterval(timer); live--; aborted++; });
      },
    }), { headers: { "content-type": "text/event-stream" } });
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_client_leaving_a_stream_aborts_request_signal(start_server, engine):
    server = start_server(SSE_BY_SIGNAL, "--engine", engine, "--workers", "1")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        got = b""
        while b"data: tick" not in got:  # the handler returned and the stream runs
            got += s.recv(4096)
    deadline = time.monotonic() + 10
    while json.loads(server.request("GET", "/state")[2]) != [0, 1]:
        assert time.monotonic() < deadline, "request.signal never aborted after the client left the stream"
        time.sleep(0.05)


FIREHOSE = """
let produced = 0;
const chunk = new Uint8Array(64 * 1024).fill(120);
export default {
  fetch(request) {
    if (new URL(request.url).pathname === "/produced") return new Response(String(produced));
    return new Response(new ReadableStream({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 0));
        produced++;
        controller.enqueue(chunk);
      },
    }));
  },
};
"""
# A source that always has a chunk ready (made in memory): read to its end in one crossing,
# it would never yield to backpressure, nor let the worker answer anything else.
READY_FIREHOSE = FIREHOSE.replace(
    "async pull(controller) {\n        await new Promise((r) => setTimeout(r, 0));", "pull(controller) {"
)


@pytest.mark.parametrize("source", [FIREHOSE, READY_FIREHOSE], ids=["async", "always-ready"])
@pytest.mark.parametrize("engine", ENGINES)
def test_slow_client_holds_the_stream_back(start_server, engine, source):
    # --max-requests 0: the firehose grows the worker, and a recycle by growth would put
    # /produced on a fresh worker mid-test.
    server = start_server(source, "--engine", engine, "--workers", "1", "--max-requests", "0")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /firehose HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(1.5)  # read nothing: the socket buffers fill, then the stream must wait
        held = int(server.request("GET", "/produced")[2])
        time.sleep(0.5)
        still = int(server.request("GET", "/produced")[2])
        # What the socket buffers and the reactor took in, then nothing more.
        assert still - held < 20, (held, still)
        assert held < 1000
        got = 0
        while got < 8 << 20:  # the client reads again: the stream goes on
            data = s.recv(1 << 20)
            assert data
            got += len(data)
    assert int(server.request("GET", "/produced")[2]) > still
