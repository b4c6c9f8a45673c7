"""runtime serve --metrics-port: Prometheus metrics, /healthz and /readyz, and request ids
in answers and the access log, on real processes."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import threading
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from .conftest import ENGINES, ServerProcess, read_all, wait_for

HANDLER = r"""
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/slow") { console.log("started", new URL(request.url).searchParams.get("tag")); await sleep(Number(new URL(request.url).searchParams.get("ms") || 800)); return new Response("slow done"); }
    if (p === "/throw") throw new Error("boom");
    if (p === "/rid") return new Response(request.headers.get("x-request-id"));
    if (p === "/spin") { while (true) {} }
    if (p === "/bomb") { const keep = []; while (true) keep.push(new Array(100000).fill(keep.length)); }
    if (p === "/") return new Response("hello");
    return new Response("not found", { status: 404 });
  },
};
"""
METRICS_BANNER = re.compile(r"metrics http://[\d.]+:(\d+)/metrics")


def metrics_port(server: ServerProcess) -> int:
    m = METRICS_BANNER.search(server.banner)
    assert m, server.banner
    return int(m.group(1))


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path)
        res = conn.getresponse()
        return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
    finally:
        conn.close()


def scrape(server: ServerProcess) -> dict[str, dict]:
    """{metric family: {(sample name, labels as tuple): value}}"""
    status, headers, body = get(metrics_port(server), "/metrics")
    assert status == 200
    assert headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    out: dict[str, dict] = {}
    for family in text_string_to_metric_families(body.decode()):
        out[family.name] = {(s.name, tuple(sorted(s.labels.items()))): s.value for s in family.samples}
    return out


def value(metrics: dict, family: str, sample: str | None = None, **labels: str) -> float:
    return metrics[family][(sample or family, tuple(sorted(labels.items())))]


@pytest.fixture(scope="module", params=ENGINES)
def server(request, start_module_server):
    return start_module_server(
        HANDLER,
        "--engine",
        request.param,
        "--workers",
        "2",
        "--timeout",
        "3",
        "--max-memory",
        "64",
        "--metrics-port",
        "0",
        env={"RUNTIME_SERVER_KILL_GRACE": "0.3"},
    )


def test_health_endpoints_answer_on_the_metrics_port_only(server):
    port = metrics_port(server)
    assert get(port, "/healthz")[::2] == (200, b"ok\n")
    assert get(port, "/readyz")[::2] == (200, b"ready\n")
    assert get(port, "/other")[0] == 404
    status, headers, _ = get(port, "/metrics", "POST")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    # The main port serves the handler, not the endpoints.
    assert server.request("GET", "/healthz")[::2] == (404, b"not found")


def test_requests_by_status_class_and_latency(server):
    before = scrape(server)
    for path in ("/", "/", "/", "/nowhere", "/throw"):
        server.request("GET", path)
    after = scrape(server)

    def delta(**labels):
        return value(after, "runtime_http_requests", "runtime_http_requests_total", **labels) - value(
            before, "runtime_http_requests", "runtime_http_requests_total", **labels
        )

    assert delta(status_class="2xx") == 3
    assert delta(status_class="4xx") == 1
    assert delta(status_class="5xx") == 1
    hist = "runtime_http_request_duration_seconds"
    count = value(after, hist, hist + "_count") - value(before, hist, hist + "_count")
    assert count == 5
    inf = value(after, hist, hist + "_bucket", le="+Inf") - value(before, hist, hist + "_bucket", le="+Inf")
    assert inf == 5
    assert value(after, hist, hist + "_sum") > value(before, hist, hist + "_sum")
    # Buckets are cumulative.
    buckets = sorted((float(dict(k[1])["le"]), v) for k, v in after[hist].items() if k[0] == hist + "_bucket")
    assert [v for _, v in buckets] == sorted(v for _, v in buckets)


def test_workers_rss_crossings_queue_and_in_flight(server):
    server.request("GET", "/")
    m = wait_for(
        lambda: (
            (s := scrape(server))
            and value(s, "runtime_engine_crossing_seconds", "runtime_engine_crossing_seconds_count") >= 1
            and s
        ),
        what="crossing figures",
    )
    assert value(m, "runtime_workers", state="ready") == 2
    assert value(m, "runtime_worker_rss_bytes", worker="w1") > 10_000_000
    assert value(m, "runtime_worker_rss_bytes", worker="w2") > 10_000_000
    assert value(m, "runtime_queue_depth") == 0
    assert value(m, "runtime_ready") == 1
    crossing = "runtime_engine_crossing_seconds"
    assert value(m, crossing, crossing + "_sum") > 0
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("r", server.request("GET", "/slow?ms=4000")))
    t.start()
    wait_for(lambda: value(scrape(server), "runtime_http_requests_in_flight") == 1, 5, "in flight 1")
    t.join(10)
    assert result["r"][0] == 504  # --timeout 3
    assert value(scrape(server), "runtime_http_requests_in_flight") == 0


def test_an_async_handler_is_answered_in_the_crossing_that_starts_it(server):
    # The handler is an async function: its answer settles in a promise job after the
    # batch's call returns, and comes back in the same crossing (not with a second one).
    def crossings() -> float:
        c = "runtime_engine_crossing_seconds"
        return value(scrape(server), c, c + "_count")

    time.sleep(0.5)  # the figures of what ran before are reported when a worker goes idle
    before = crossings()
    for _ in range(20):
        assert server.request("GET", "/")[::2] == (200, b"hello")
    wait_for(lambda: crossings() - before >= 20, what="the crossing figures")
    time.sleep(0.3)
    # One per request (the requests are sequential); a stray timer's collect may add one.
    assert crossings() - before < 24


def test_restarts_by_cause(server):
    def restarts():
        m = scrape(server)
        return {
            cause: value(m, "runtime_worker_restarts", "runtime_worker_restarts_total", cause=cause)
            for cause in ("crash", "timeout", "memory", "recycle", "reload")
        }

    def all_ready():
        return value(scrape(server), "runtime_workers", state="ready") == 2

    before = restarts()
    # crash: killed from outside
    victim = server.status()["workers"][0]["pid"]
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: restarts()["crash"] == before["crash"] + 1, what="crash restart")
    wait_for(all_ready, 60, "replacement")
    # timeout: a worker that cannot answer what it started (stopped) past --timeout and the
    # kill grace. What is sent meanwhile is answered: by the other worker, or moved there
    # from the stopped one, which never says it started it.
    result = []
    path = "/slow?ms=60000&tag=to-freeze"
    slow = threading.Thread(target=lambda: result.append(server.request("GET", path, timeout=30)))
    slow.start()
    server.wait_log("started to-freeze", 30)  # started: it stays on the worker that has it
    frozen = next(w for w in server.status()["workers"] if w["in_flight"])
    os.kill(frozen["pid"], signal.SIGSTOP)
    for _ in range(3):
        assert server.request("GET", "/", timeout=30)[::2] == (200, b"hello")
    slow.join(30)
    assert result[0][0] == 504
    wait_for(lambda: restarts()["timeout"] == before["timeout"] + 1, what="timeout restart")
    wait_for(all_ready, 60, "replacement")
    # memory: a handler that allocates without bound under --max-memory
    assert server.request("GET", "/bomb", timeout=60)[0] == 503
    wait_for(lambda: restarts()["memory"] == before["memory"] + 1, what="memory restart")
    wait_for(all_ready, 60, "replacement")
    after = restarts()
    assert after == {
        **before,
        "crash": before["crash"] + 1,
        "timeout": before["timeout"] + 1,
        "memory": before["memory"] + 1,
    }


def test_recycle_and_reload_restarts(start_server, tmp_path):
    server = start_server(HANDLER, "--workers", "1", "--max-requests", "3", "--reload", "--metrics-port", "0")

    def restarts(cause):
        m = scrape(server)
        return value(m, "runtime_worker_restarts", "runtime_worker_restarts_total", cause=cause)

    for _ in range(3):
        assert server.request("GET", "/")[0] == 200
    wait_for(lambda: restarts("recycle") == 1, what="recycle restart")
    server.handler.write_text(HANDLER.replace('"hello"', '"hello again"'))
    wait_for(lambda: restarts("reload") >= 1, what="reload restart")
    assert wait_for(lambda: server.request("GET", "/")[2] == b"hello again", what="new version")


def test_request_id_in_answer_handler_and_access_log(start_server):
    server = start_server(HANDLER, "--workers", "1", "--log-format", "json")
    status, headers, body = server.request("GET", "/rid", headers={"X-Request-Id": "abc-123"})
    assert (status, body) == (200, b"abc-123")
    assert headers["x-request-id"] == "abc-123"
    # None given, or one that is not sane (spaces; two of them): a new one, seen by the handler.
    for extra in ({}, {"X-Request-Id": "has spaces"}):
        _, headers, body = server.request("GET", "/rid", headers=extra)
        assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])
        assert body.decode() == headers["x-request-id"]
    raw = server.raw(
        b"GET /rid HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\r\nX-Request-Id: b\r\nConnection: close\r\n\r\n"
    )
    rid = re.search(rb"x-request-id: ([0-9a-f]{32})\r\n", raw)
    assert rid and raw.endswith(rid.group(1)), raw
    # An answer the reactor makes itself (504, 502, 404 of a worker) carries it too.
    _, headers, _ = server.request("GET", "/nowhere", headers={"X-Request-Id": "nf-1"})
    assert headers["x-request-id"] == "nf-1"
    line = server.wait_log(r'"request_id":"nf-1"')
    access = [json.loads(x) for x in line.splitlines() if '"nf-1"' in x]
    assert access[0]["logger"] == "runtime.access"
    assert access[0]["status"] == 404 and access[0]["path"] == "/nowhere"


def test_text_access_log_ends_with_the_request_id(start_server):
    server = start_server(HANDLER, "--workers", "1")
    server.request("GET", "/", headers={"X-Request-Id": "text-log-id"})
    server.wait_log(r'runtime\.access: .*"GET /" 200 5B [\d.]+ms w1 text-log-id')


def test_readyz_is_503_while_draining_and_healthz_stays_200(start_server):
    server = start_server(HANDLER, "--workers", "1", "--metrics-port", "0")
    port = metrics_port(server)
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("r", server.request("GET", "/slow")))
    t.start()
    time.sleep(0.3)
    server.proc.send_signal(signal.SIGTERM)
    status, _, body = wait_for(lambda: (r := get(port, "/readyz")) and r[0] == 503 and r, 5, "readyz 503")
    assert body == b"not ready: draining\n"
    assert get(port, "/healthz")[0] == 200
    m = scrape(server)
    assert value(m, "runtime_ready") == 0
    t.join(10)
    status, headers, body = result["r"]
    assert (status, body) == (200, b"slow done")
    assert headers["connection"] == "close"
    assert server.proc.wait(20) == 0


def test_drain_serves_connections_the_kernel_had_already_accepted(start_server):
    # Connections completed by the kernel but not yet accepted by the reactor: their
    # clients have sent requests, so the drain must serve them, not reset them.
    server = start_server(HANDLER, "--workers", "1")
    os.kill(server.proc.pid, signal.SIGSTOP)
    socks = []
    try:
        for i in range(20):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            s.sendall(f"GET /rid HTTP/1.1\r\nHost: x\r\nX-Request-Id: queued-{i}\r\n\r\n".encode())
            socks.append(s)
        os.kill(server.proc.pid, signal.SIGTERM)
    finally:
        os.kill(server.proc.pid, signal.SIGCONT)
    answers = []
    for i, s in enumerate(socks):
        with s:
            data = read_all(s, 10)
        assert data.startswith(b"HTTP/1.1 200 OK"), (i, data[:80])
        assert b"connection: close" in data.lower() and data.endswith(f"queued-{i}".encode())
        answers.append(data)
    assert len(answers) == 20
    assert server.proc.wait(20) == 0
    # Once the drain has begun, a new connection is refused (after the kernel's SYN retry).
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5)
