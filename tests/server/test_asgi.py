"""runtime.asgi.App under a real ASGI server (uvicorn) and mounted in a Starlette app,
over real HTTP: the same worker pool, limits and failure answers as `runtime serve`."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .conftest import ENGINES, ROOT

pytest.importorskip("uvicorn", reason="uvicorn is a test dependency (pip install -e '.[test]')")
pytest.importorskip("starlette", reason="starlette is a test dependency (pip install -e '.[test]')")

HANDLER = r"""
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const aborted = [];
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const p = url.pathname.replace(/^\/(js|api|started)/, "");
    switch (p) {
      case "/info":
        return Response.json({ url: request.url, method: request.method, who: env.WHO,
                               rid: request.headers.get("x-request-id") });
      case "/echo": {
        const buf = await request.arrayBuffer();
        return new Response(new Uint8Array(buf), { status: 201, headers: { "x-len": String(buf.byteLength) } });
      }
      case "/stream": {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            if (i > 0) await sleep(300);
            if (i++ < 3) c.enqueue(new TextEncoder().encode(`part${i};`)); else c.close();
          },
        }));
      }
      case "/broken": {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            if (i++ === 0) c.enqueue(new TextEncoder().encode("first;"));
            else { await sleep(50); throw new Error("stream broke"); }
          },
        }));
      }
      case "/nobody": return new Response(null, { status: 204 });
      case "/throw": throw new Error("boom");
      case "/never": return new Promise(() => {});
      case "/slow": await sleep(600); return new Response("slow done");
      case "/wait-abort": {
        await new Promise((r) => request.signal.addEventListener("abort", r));
        aborted.push(url.searchParams.get("id"));
        return new Response("aborted");
      }
      case "/aborted": return Response.json(aborted);
      case "/bomb": {
        const keep = [];
        while (true) keep.push(new Array(100000).fill(keep.length));
      }
    }
    return new Response("not found", { status: 404 });
  },
};
"""

DIRECT = """
from runtime.asgi import App
app = App({handler!r}, engine={engine!r}, workers=1, timeout=3.0, max_memory=64, max_body=0.01,
          env={{"WHO": "asgi"}})
"""

MOUNTED = """
import contextlib
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from runtime.asgi import App

js = App({handler!r}, engine={engine!r}, workers=1, env={{"WHO": "mounted"}})
started = App({handler!r}, engine={engine!r}, workers=1, env={{"WHO": "lifespan"}})


async def home(request):
    return PlainTextResponse("python here")


@contextlib.asynccontextmanager
async def lifespan(app):
    async with started:  # a parent's lifespan starts and stops a mounted App
        yield


app = Starlette(
    routes=[
        Route("/", home),
        Mount("/ops", app=js.endpoints),
        Mount("/js", app=js),
        Mount("/started", app=started),
        Mount("/started-ops", app=started.endpoints),
    ],
    lifespan=lifespan,
)
"""

UVICORN_BANNER = re.compile(r"Uvicorn running on http://[\d.]+:(\d+)")


class Uvicorn:
    """``python -m uvicorn module:app`` on a free port, its log in a file."""

    def __init__(self, folder: Path, source: str, *args: str) -> None:
        (folder / "asgi_app.py").write_text(source)
        self.log_path = folder / "uvicorn.log"
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "asgi_app:app", "--app-dir", str(folder), "--port", "0", *args],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        self.port = 0

    def wait_started(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = UVICORN_BANNER.search(self.log())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"uvicorn did not start (rc={self.proc.poll()}):\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def request(self, method: str, path: str, body=None, headers=None, timeout: float = 10.0):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def workers(self) -> list[int]:
        """Pids of the worker processes this server started."""
        return worker_pids(self.proc.pid)


def worker_pids(parent: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"runtime.server.worker" in cmdline:
            pids.append(int(entry))
    return pids


@pytest.fixture(scope="module", params=ENGINES)
def direct(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("asgi")
    handler = folder / "handler.js"
    handler.write_text(HANDLER)
    server = Uvicorn(
        folder,
        DIRECT.format(handler=str(handler), engine=request.param),
        "--http",
        "httptools",
        "--root-path",
        "/api",
    )
    server.wait_started()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=ENGINES)
def mounted(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("asgi")
    handler = folder / "handler.js"
    handler.write_text(HANDLER)
    server = Uvicorn(folder, MOUNTED.format(handler=str(handler), engine=request.param))
    server.wait_started()
    yield server
    server.stop()


# ---------------------------------------------------------------- under uvicorn
def test_lifespan_started_the_pool_before_serving(direct):
    # The worker exists as soon as uvicorn says it is up, before any request (the standby
    # starts once the pool serves, so it may be there too).
    assert 1 <= len(direct.workers()) <= 2
    assert "Application startup complete" in direct.log()


def test_request_url_method_env_and_root_path(direct):
    status, _, body = direct.request("GET", "/info?x=1&y=%20z")
    assert status == 200
    data = json.loads(body)
    # uvicorn --root-path /api: the handler sees the URL the client used behind the proxy.
    assert data["url"] == f"http://127.0.0.1:{direct.port}/api/info?x=1&y=%20z"
    assert data["method"] == "GET"
    assert data["who"] == "asgi"


def test_request_id_taken_or_generated_and_returned(direct):
    _, headers, body = direct.request("GET", "/info", headers={"X-Request-Id": "trace-42.a:b"})
    assert headers["x-request-id"] == "trace-42.a:b"
    assert json.loads(body)["rid"] == "trace-42.a:b"
    # Not sane (spaces, too long): replaced by a generated one the handler sees too.
    for bad in ("two words", "x" * 200):
        _, headers, body = direct.request("GET", "/info", headers={"X-Request-Id": bad})
        rid = headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", rid), rid
        assert json.loads(body)["rid"] == rid
    _, first, _ = direct.request("GET", "/info")
    _, second, _ = direct.request("GET", "/info")
    assert first["x-request-id"] != second["x-request-id"]


def test_request_body_streamed_in_chunks(direct):
    def pieces():
        for i in range(5):
            yield f"piece{i}-".encode() * 100

    conn = http.client.HTTPConnection("127.0.0.1", direct.port, timeout=10)
    conn.request("POST", "/echo", body=pieces(), encode_chunked=True)
    res = conn.getresponse()
    expected = b"".join(pieces())
    assert res.status == 201
    assert res.getheader("x-len") == str(len(expected))
    assert res.read() == expected
    conn.close()
    binary = bytes(range(256)) * 4
    status, _, body = direct.request("POST", "/echo", body=binary)
    assert (status, body) == (201, binary)


def test_body_over_max_body_is_413(direct):
    status, _, body = direct.request("POST", "/echo", body=b"x" * 20_000)
    assert status == 413, body

    def pieces():
        for _ in range(30):
            yield b"y" * 1000

    conn = http.client.HTTPConnection("127.0.0.1", direct.port, timeout=10)
    conn.request("POST", "/echo", body=pieces(), encode_chunked=True)
    assert conn.getresponse().status == 413
    conn.close()


def test_response_body_streams_as_produced(direct):
    with socket.create_connection(("127.0.0.1", direct.port), timeout=10) as s:
        started = time.monotonic()
        s.sendall(b"GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        got = b""
        first_at = None
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
            if first_at is None and b"part1;" in got:
                first_at = time.monotonic() - started
        total = time.monotonic() - started
    head, _, body = got.partition(b"\r\n\r\n")
    assert b"transfer-encoding: chunked" in head.lower()
    assert b"x-request-id: " in head.lower()
    assert b"part1;" in body and b"part3;" in body and body.endswith(b"0\r\n\r\n")
    # The first part came before the handler had made the last one (~600 ms later).
    assert first_at is not None and first_at < total - 0.4, (first_at, total)


def test_stream_failing_midway_cuts_the_connection(direct):
    with socket.create_connection(("127.0.0.1", direct.port), timeout=10) as s:
        s.sendall(b"GET /broken HTTP/1.1\r\nHost: x\r\n\r\n")
        got = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    assert b"first;" in got
    assert not got.endswith(b"0\r\n\r\n")  # truncated, not a complete chunked body


def test_head_and_no_body_statuses(direct):
    status, headers, body = direct.request("HEAD", "/nowhere")
    assert (status, body) == (404, b"")
    assert headers["content-length"] == str(len(b"not found"))
    status, headers, body = direct.request("GET", "/nobody")
    assert (status, body) == (204, b"")
    assert "content-length" not in headers


def test_handler_error_is_500_and_bad_host_is_400(direct):
    status, _, body = direct.request("GET", "/throw")
    assert (status, body) == (500, b"Internal Server Error\n")
    status, _, body = direct.request("GET", "/info", headers={"Host": "bad host/x"})
    assert status == 400 and b"Host" in body
    assert direct.request("GET", "/nowhere")[0] == 404


def test_timeout_is_504(direct):
    started = time.monotonic()
    status, _, body = direct.request("GET", "/never")
    assert status == 504, body
    assert 2.9 < time.monotonic() - started < 8
    assert direct.request("GET", "/info")[0] == 200


def test_client_disconnect_aborts_request_signal(direct):
    with socket.create_connection(("127.0.0.1", direct.port), timeout=10) as s:
        s.sendall(b"GET /wait-abort?id=gone HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.3)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        _, _, body = direct.request("GET", "/aborted")
        if json.loads(body) == ["gone"]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"request.signal did not abort: {body!r}")


def test_worker_killed_under_a_request_is_502_and_replaced(direct):
    victims = direct.workers()  # the worker, and any spare an earlier test left running
    result = {}

    def slow():
        result["answer"] = direct.request("GET", "/slow")

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    for victim in victims:
        os.kill(victim, signal.SIGKILL)
    t.join(10)
    status, _, body = result["answer"]
    assert status == 502, body
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if direct.request("GET", "/info")[0] == 200:
            break
        time.sleep(0.2)
    assert direct.workers() and not set(direct.workers()) & set(victims)


def test_memory_bomb_is_503(direct):
    status, _, body = direct.request("GET", "/bomb", timeout=60)
    assert status == 503, body
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if direct.request("GET", "/info")[0] == 200:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("no worker after the bomb")


def test_sigterm_drains_in_flight_then_stops_workers(direct):
    workers = direct.workers()
    result = {}

    def slow():
        result["answer"] = direct.request("GET", "/slow")

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.2)
    direct.proc.send_signal(signal.SIGTERM)
    t.join(10)
    assert result["answer"][::2] == (200, b"slow done")
    # uvicorn re-raises the signal once it has shut down gracefully.
    assert direct.proc.wait(20) in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in direct.log()
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


# ---------------------------------------------------------------- mounted in Starlette
def test_mounted_app_starts_on_first_request_and_sees_its_mount(mounted):
    assert mounted.request("GET", "/")[::2] == (200, b"python here")
    status, _, body = mounted.request("GET", "/ops/readyz")
    assert (status, body) == (503, b"not ready: not started\n")
    status, headers, body = mounted.request("GET", "/js/info?q=1")
    assert status == 200, body
    data = json.loads(body)
    assert data["url"] == f"http://127.0.0.1:{mounted.port}/js/info?q=1"
    assert data["who"] == "mounted"
    assert data["rid"] == headers["x-request-id"]
    assert mounted.request("GET", "/ops/readyz")[::2] == (200, b"ready\n")
    assert mounted.request("GET", "/ops/healthz")[::2] == (200, b"ok\n")


def test_mounted_streaming_both_ways(mounted):
    body = b"z" * 50_000
    conn = http.client.HTTPConnection("127.0.0.1", mounted.port, timeout=10)
    conn.request("POST", "/js/echo", body=iter([body[:20_000], body[20_000:]]), encode_chunked=True)
    res = conn.getresponse()
    assert (res.status, res.read()) == (201, body)
    conn.request("GET", "/js/stream")
    res = conn.getresponse()
    assert res.read() == b"part1;part2;part3;"
    conn.close()


def test_parent_lifespan_starts_a_mounted_app(mounted):
    # `async with app:` in the Starlette lifespan: ready before any request reached it.
    assert mounted.request("GET", "/started-ops/readyz")[::2] == (200, b"ready\n")
    status, _, body = mounted.request("GET", "/started/info")
    assert status == 200 and json.loads(body)["who"] == "lifespan"


def test_mounted_metrics_count_requests(mounted):
    from prometheus_client.parser import text_string_to_metric_families

    for _ in range(3):
        assert mounted.request("GET", "/js/info")[0] == 200
    assert mounted.request("GET", "/js/nowhere")[0] == 404
    status, headers, body = mounted.request("GET", "/ops/metrics")
    assert status == 200 and headers["content-type"].startswith("text/plain; version=0.0.4")
    families = {f.name: f for f in text_string_to_metric_families(body.decode())}
    requests = {s.labels["status_class"]: s.value for s in families["runtime_http_requests"].samples}
    assert requests["2xx"] >= 4 and requests["4xx"] >= 1
    assert families["runtime_workers"].samples
    crossings = [s for s in families["runtime_engine_crossing_seconds"].samples if s.name.endswith("_count")]
    assert crossings[0].value >= 1


def test_uvicorn_reports_a_handler_that_cannot_load(tmp_path):
    handler = tmp_path / "handler.js"
    handler.write_text(
        "export default { fetch() { return new Response('x') } };\nthrow new Error('nope at load');"
    )
    server = Uvicorn(tmp_path, DIRECT.format(handler=str(handler), engine=ENGINES[0]))
    try:
        assert server.proc.wait(90) != 0
        log = server.log()
        assert "nope at load" in log and "Application startup failed" in log
    finally:
        server.stop()


@pytest.mark.parametrize("option", ["workers", "spare_workers", "standby_workers"])
def test_negative_worker_counts_are_refused(tmp_path, option):
    from runtime.asgi import App

    handler = tmp_path / "handler.js"
    handler.write_text(HANDLER)
    with pytest.raises(ValueError, match=rf"{option} must be 0 or more, not -1"):
        App(str(handler), **{option: -1})
