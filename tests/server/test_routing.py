"""Which worker gets a request: cheap requests fill one worker's batches, costly ones spread.

Each worker's context draws an id when it loads; every answer carries it, so the client
can count what each worker served.
"""

from __future__ import annotations

import collections
import re
import threading
import time

import pytest

from .conftest import ENGINES

HANDLER = r"""
const me = String(Math.random()).slice(2);
export default {
  fetch(request) {
    const ms = Number(new URL(request.url).searchParams.get("busy") || 0);
    const until = Date.now() + ms;
    while (Date.now() < until) {}
    return new Response(me);
  },
};
"""


@pytest.fixture(scope="module", params=ENGINES)
def server(request, start_module_server):
    return start_module_server(HANDLER, "--engine", request.param, "--workers", "2", "--no-access-log")


def served_by(server, path: str, clients: int, each: int) -> collections.Counter[bytes]:
    """Which worker answered each of ``clients`` x ``each`` requests, sent over
    ``clients`` keep-alive connections at once."""
    counts: collections.Counter[bytes] = collections.Counter()
    lock = threading.Lock()
    errors: list[object] = []

    def client() -> None:
        conn = server.connect()
        try:
            for _ in range(each):
                conn.request("GET", path)
                res = conn.getresponse()
                body = res.read()
                if res.status != 200:
                    errors.append((res.status, body))
                with lock:
                    counts[body] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sum(counts.values()) == clients * each
    return counts


def test_cheap_requests_fill_one_worker(server):
    served_by(server, "/", 1, 50)  # each worker that served one now knows what a request costs
    served_by(server, "/", 6, 30)  # and what they cost in batches
    counts = served_by(server, "/", 6, 60)
    top = counts.most_common(1)[0][1]
    # Spread evenly, each worker would serve about half (a busy machine can make a
    # crossing look costly now and then, and send a few to the other).
    assert top >= 0.7 * sum(counts.values()), counts


def test_costly_requests_spread_over_the_workers(server):
    served_by(server, "/?busy=20", 4, 1)  # the first costly batch tells the worker so
    counts = served_by(server, "/?busy=20", 4, 4)
    assert len(counts) == 2, counts
    assert min(counts.values()) >= 4, counts


AWAITS_OR_COSTS = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/hold") { await new Promise((r) => setTimeout(r, 4000)); return new Response("held"); }
    const end = Date.now() + 20;
    while (Date.now() < end) {}
    return new Response("cost");
  },
};
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_worker_awaiting_a_promise_still_gets_requests(start_server, engine):
    # A worker whose only request awaits a timer is silent, not stuck: costly requests
    # spread over both workers, that one included.
    server = start_server(AWAITS_OR_COSTS, *("--engine", engine, "--workers", "2", "--log-level", "info"))
    held: dict = {}
    holder = threading.Thread(target=lambda: held.update(answer=server.request("GET", "/hold")))
    holder.start()
    time.sleep(0.5)  # it has long been silent, its one request pending
    for round_ in range(6):
        threads = [
            threading.Thread(target=server.request, args=("GET", f"/cost?r={round_}&i={i}")) for i in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
    holder.join(10)
    assert held["answer"][0] == 200
    log = server.wait_log(r'"GET /hold" 200')
    hold_worker = re.search(r'"GET /hold" 200 \S+ \S+ (w\d)', log).group(1)
    served = re.findall(r'"GET /cost\?\S*" 200 \S+ \S+ (w\d)', log)
    assert len(served) == 12
    assert served.count(hold_worker) >= 3, f"the worker awaiting a promise served {served}"


@pytest.mark.parametrize("engine", ENGINES)
def test_requests_wait_in_the_reactor_in_arrival_order_not_at_a_busy_worker(start_server, engine):
    """A worker is sent what it can start next, no more: the rest wait in the reactor (so a
    runaway holds back one batch, and a request never waits behind another at one worker
    while another worker could take it), and go out first come, first served."""
    server = start_server(
        HANDLER, *("--engine", engine, "--workers", "1", "--spare-workers", "0", "--no-access-log")
    )
    for _ in range(3):  # the worker learns what a request costs it
        assert server.request("GET", "/?busy=150")[0] == 200
    answered: list[int] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        assert server.request("GET", f"/?busy=150&n={i}", timeout=30)[0] == 200
        with lock:
            answered.append(i)

    threads = []
    for i in range(8):
        t = threading.Thread(target=one, args=(i,))
        t.start()
        threads.append(t)
        time.sleep(0.02)  # a definite arrival order
    time.sleep(0.1)
    status = server.status()
    [w1] = status["workers"]
    # One running and one queued at the worker (150 ms requests: a batch is one of them).
    assert w1["in_flight"] <= 2, status
    assert status["waiting"] >= 8 - 2 - 1, status  # one may have finished meanwhile
    for t in threads:
        t.join(30)
    assert answered == list(range(8))
