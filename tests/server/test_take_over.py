"""A busy worker's unstarted requests go to another worker: real processes, real signals.

A worker says which requests it hands to JS (``Started``); one silent past ``stuck_after``
with requests it never started loses them to a worker that is free, and drops them
unstarted when it reads again, so each runs once.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import threading
import time

import pytest

from .conftest import ENGINES

HANDLER = r"""
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/spin") { for (;;) {} }
    if (url.pathname === "/timer-spin") {  // a runaway in a timer: no request crossing
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (;;) {}
    }
    const id = url.searchParams.get("id");
    console.log("ran " + request.method + " " + id);
    return new Response("done " + id);
  },
};
"""


@pytest.fixture(scope="module", params=ENGINES)
def server(request, start_module_server):
    return start_module_server(
        HANDLER,
        "--engine",
        request.param,
        "--workers",
        "2",
        "--timeout",
        "2",
        "--log-level",
        "info",
        env={"RUNTIME_SERVER_KILL_GRACE": "0.3"},
    )


def concurrently(server, requests: list[tuple[str, str]], timeout: float = 10.0) -> dict[str, tuple]:
    results: dict[str, tuple] = {}

    def one(method: str, path: str) -> None:
        start = time.monotonic()
        status, _, body = server.request(
            method, path, body=b"x" if method == "POST" else None, timeout=timeout
        )
        results[path] = (status, body, time.monotonic() - start)

    threads = [threading.Thread(target=one, args=r) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout + 5)
    return results


def test_requests_of_a_frozen_worker_run_once_elsewhere(server):
    frozen = server.status()["workers"][0]["pid"]
    os.kill(frozen, signal.SIGSTOP)
    try:
        wanted = [("GET" if i % 2 else "POST", f"/run?id=f{i}") for i in range(6)]
        results = concurrently(server, wanted)
    finally:
        os.kill(frozen, signal.SIGCONT)
    assert len(results) == 6
    for path, (status, body, took) in results.items():
        assert status == 200, (path, body)
        assert body == b"done " + path.rsplit("=", 1)[1].encode()
        assert took < 2.0, f"{path} waited {took:.2f}s: it was not taken from the frozen worker"
    server.wait_log(r"request\(s\) it had not started go to another worker")
    # The thawed worker reads what it was sent, with the cancels, and runs none of it.
    time.sleep(1.0)
    log = server.log()
    for _, path in wanted:
        rid = path.rsplit("=", 1)[1]
        assert len(re.findall(rf"ran (GET|POST) {rid}\b", log)) == 1, f"{rid} ran other than once"
    # It spoke again: not taken for a worker that stopped reading.
    assert "has not read its requests" not in log
    assert frozen in [w["pid"] for w in server.status()["workers"]]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_idle_worker_slow_to_wake_keeps_its_request_until_wake_after(start_server, engine):
    # A worker in no crossing starts what it is sent once the kernel runs it; silent for
    # less than wake_after it keeps the request (taken sooner, a runaway would run on two
    # workers at once), and silent past it loses the request to a free worker.
    server = start_server(
        HANDLER, *("--engine", engine, "--workers", "2"), env={"RUNTIME_SERVER_WAKE_AFTER": "1.5"}
    )
    frozen = server.status()["workers"][0]["pid"]  # the first free one gets the request

    def frozen_for(seconds: float, rid: str) -> tuple:
        os.kill(frozen, signal.SIGSTOP)
        try:
            answer: dict = {}
            t = threading.Thread(
                target=lambda: answer.setdefault("r", server.request("GET", f"/run?id={rid}"))
            )
            t.start()
            time.sleep(seconds)
        finally:
            os.kill(frozen, signal.SIGCONT)
        t.join(10)
        return answer["r"]

    assert frozen_for(0.5, "slow")[:3:2] == (200, b"done slow")
    log = server.wait_log(r'"GET /run\?id=slow" 200 \S+ \S+ w1 ')
    assert len(re.findall(r"ran GET slow\b", log)) == 1
    assert "it had not started go to another worker" not in log

    assert frozen_for(2.5, "stopped")[:3:2] == (200, b"done stopped")
    log = server.wait_log(r'"GET /run\?id=stopped" 200 \S+ \S+ w2 ')
    assert "w1 is busy: 1 request(s) it had not started go to another worker" in log
    time.sleep(0.5)  # the thawed worker read the cancel with the request: it ran it not
    assert len(re.findall(r"ran GET stopped\b", server.log())) == 1


@pytest.mark.parametrize("engine", ENGINES)
def test_a_worker_stuck_in_a_timers_runaway_is_not_sent_request_after_request(start_server, engine):
    # The runaway runs where the worker settles promises, which it starts without a word:
    # once its unstarted request is moved, it stays stuck until it is heard from.
    server = start_server(HANDLER, *("--engine", engine, "--workers", "2", "--timeout", "3"))
    spin = threading.Thread(target=lambda: server.request("GET", "/timer-spin", timeout=10))
    spin.start()
    time.sleep(0.3)
    for i in range(20):
        start = time.monotonic()
        assert server.request("GET", f"/run?id=t{i}")[0] == 200
        assert time.monotonic() - start < 1.5, f"t{i} waited for the runaway"
    moved = server.log().count("request(s) it had not started go to another worker")
    assert moved <= 1, f"{moved} requests were sent to the stuck worker and moved"
    spin.join(10)


def test_requests_behind_a_runaway_do_not_wait_for_its_timeout(server):
    spin = threading.Thread(target=lambda: server.request("GET", "/spin", timeout=10))
    spin.start()
    time.sleep(0.2)
    results = concurrently(server, [("GET", f"/run?id=r{i}") for i in range(6)])
    spin.join(10)
    for path, (status, _, took) in results.items():
        assert status == 200, path
        assert took < 1.5, f"{path} waited {took:.2f}s behind the runaway (--timeout 2)"


def test_a_worker_that_stops_reading_is_replaced(server):
    before = {w["pid"] for w in server.status()["workers"]}
    frozen = server.status()["workers"][0]["pid"]
    os.kill(frozen, signal.SIGSTOP)
    try:
        results = concurrently(server, [("GET", f"/run?id=s{i}") for i in range(4)])
        assert all(r[0] == 200 for r in results.values())
        server.wait_log(r"has not read its requests for", timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = [w for w in server.status()["workers"] if not w["spare"]]
            pids = {w["pid"] for w in workers}
            if frozen not in pids and len(pids) == 2 and all(w["state"] == "ready" for w in workers):
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"the frozen worker was not replaced: {server.status()['workers']}")
        assert pids != before
    finally:
        try:
            os.kill(frozen, signal.SIGCONT)
        except ProcessLookupError:
            pass


BUSY_THEN_SPIN = r"""
export default {
  fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/spin") { for (;;) {} }
    const end = Date.now() + 5;
    while (Date.now() < end) {}
    return new Response("done " + p);
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_an_answer_made_before_a_runaway_in_its_batch_is_not_held_by_it(start_server, engine):
    # Pipelined, the two requests reach the one worker in one batch: the first is answered
    # (within the batch, before the runaway starts), not when the runaway's --timeout ends it.
    server = start_server(BUSY_THEN_SPIN, "--engine", engine, "--workers", "1", "--timeout", "3")
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        start = time.monotonic()
        s.sendall(b"GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /spin HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while b"done /first" not in data:
            chunk = s.recv(65536)
            assert chunk, data
            data += chunk
        took = time.monotonic() - start
        assert data.startswith(b"HTTP/1.1 200"), data
        assert took < 1.5, f"the first answer waited {took:.2f}s for the runaway batched with it"
        while b"HTTP/1.1 504" not in data:
            chunk = s.recv(65536)
            assert chunk, data
            data += chunk
