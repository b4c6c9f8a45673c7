"""Which worker gets a request: cheap requests fill one worker's batches, costly ones spread.

Each worker's context draws an id when it loads; every answer carries it, so the client
can count what each worker served.
"""

from __future__ import annotations

import collections
import threading

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
def server(request, start_server):
    return start_server(HANDLER, "--engine", request.param, "--workers", "2", "--no-access-log")


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
