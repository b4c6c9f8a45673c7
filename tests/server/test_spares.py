"""Spare workers: a worker stuck in one long script gets a spare beside it, so that
``--workers`` stay free to serve until the script's ``--timeout``; a spare stops once idle.

Real processes on 127.0.0.1. With one worker, a runaway leaves no other worker to take
requests from it: without a spare they wait out its whole ``--timeout``.
"""

from __future__ import annotations

import threading
import time

import pytest

from .conftest import ENGINES

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/spin") { for (;;) {} }
    if (p === "/wait") { await new Promise((r) => setTimeout(r, 1500)); return new Response("waited"); }
    return new Response("ok " + p);
  },
};
"""
TIMEOUT = 4.0


def in_background(server, path: str) -> dict:
    result: dict = {}

    def go() -> None:
        start = time.monotonic()
        result["answer"] = server.request("GET", path, timeout=TIMEOUT + 10)
        result["took"] = time.monotonic() - start

    t = threading.Thread(target=go)
    t.start()
    result["thread"] = t
    return result


def spares(server) -> list[dict]:
    return [w for w in server.status()["workers"] if w["spare"]]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_runaway_on_the_only_worker_gets_a_spare_that_serves_the_rest(start_server, engine):
    server = start_server(
        HANDLER,
        *("--engine", engine, "--workers", "1", "--timeout", str(TIMEOUT)),
        env={"RUNTIME_SERVER_SPARE_IDLE": "1"},
    )
    spin = in_background(server, "/spin")
    time.sleep(0.2)
    start = time.monotonic()
    status, _, body = server.request("GET", "/after", timeout=TIMEOUT + 10)
    took = time.monotonic() - start
    assert (status, body) == (200, b"ok /after")
    assert took < TIMEOUT - 1, f"waited {took:.2f}s for the runaway's --timeout ({TIMEOUT}s)"
    [spare] = spares(server)
    assert spare["state"] == "ready" and spare["name"] == "w2"
    server.wait_log(r"spare worker w2 starting")
    # More requests while the runaway runs: all answered at once, by the spare.
    for i in range(5):
        start = time.monotonic()
        assert server.request("GET", f"/more{i}")[0] == 200
        assert time.monotonic() - start < 1.0
    spin["thread"].join(TIMEOUT + 10)
    assert spin["answer"][0] == 504
    # The worker is free again: the spare gets no request and stops (spare_idle 1 s).
    server.wait_log(r"spare worker w2 \(pid \d+\) idle for 1s: stopping it", timeout=10)
    deadline = time.monotonic() + 10
    while spares(server) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not spares(server)
    assert [w["name"] for w in server.status()["workers"]] == ["w1"]
    assert server.request("GET", "/last")[0] == 200


@pytest.mark.parametrize("engine", ENGINES)
def test_no_spare_with_spare_workers_0_or_for_a_worker_waiting_on_a_promise(start_server, engine):
    server = start_server(
        HANDLER, *("--engine", engine, "--workers", "1", "--timeout", str(TIMEOUT), "--spare-workers", "0")
    )
    spin = in_background(server, "/spin")
    time.sleep(0.2)
    after = in_background(server, "/after")
    after["thread"].join(TIMEOUT + 10)
    spin["thread"].join(TIMEOUT + 10)
    assert spin["answer"][0] == 504
    # Without a spare the request waits for the runaway to end (then gets a whole --timeout).
    assert after["answer"][0] == 200 and after["took"] > TIMEOUT - 1
    assert "spare worker" not in server.log()

    # A worker awaiting a timer is silent with a request in flight, and not stuck in a
    # script: it gets no spare (spares are on by default here).
    waiting = start_server(HANDLER, *("--engine", engine, "--workers", "1", "--timeout", str(TIMEOUT)))
    slow = in_background(waiting, "/wait")
    time.sleep(0.5)
    for i in range(30):  # each arrives at a worker that has been silent since the timer
        assert waiting.request("GET", f"/meanwhile{i}")[0] == 200
    slow["thread"].join(TIMEOUT + 10)
    assert slow["answer"][:3:2] == (200, b"waited")
    assert not spares(waiting), waiting.log()
    assert "spare worker" not in waiting.log()
