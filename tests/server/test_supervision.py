"""Supervision rules: a worker that dies after serving costs only its in-flight requests.

A dead worker that had been serving is replaced at once (no backoff, no crash-loop count);
requests that arrive while no worker is ready wait for one instead of getting a 503; a
worker stuck in a runaway script gets no new requests while another worker is free.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import time

from .conftest import ServerProcess

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/spin") { const end = Date.now() + 60000; while (Date.now() < end) {} }
    if (p === "/slow") await new Promise((r) => setTimeout(r, 200));
    return new Response("ok " + p);
  },
};
"""


def _ready(server: ServerProcess) -> list[dict]:
    return [w for w in server.status()["workers"] if w["state"] == "ready"]


def _wait_ready(server: ServerProcess, count: int, timeout: float = 30.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = _ready(server)
        if len(ready) >= count:
            return ready
        time.sleep(0.05)
    raise AssertionError(f"{count} worker(s) not ready within {timeout}s: {server.status()}")


def test_serving_workers_killed_again_and_again_are_replaced_at_once(start_server):
    server = start_server(HANDLER, "--workers", "2")
    for _ in range(6):  # past the crash-loop threshold, were these counted as crashes
        victim = _wait_ready(server, 2)[0]
        time.sleep(1.2)  # it has served past the settle time
        killed_at = time.monotonic()
        os.kill(victim["pid"], signal.SIGKILL)
        deadline = killed_at + 20
        while time.monotonic() < deadline:
            pids = {w["pid"] for w in _ready(server)}
            if len(pids) == 2 and victim["pid"] not in pids:
                break
            time.sleep(0.05)
        replaced_in = time.monotonic() - killed_at
        # A fresh interpreter and engine start (seconds on a loaded machine), no backoff.
        assert replaced_in < 10, replaced_in
    log = server.log()
    assert "crash loop" not in log
    assert server.request("GET", "/after")[0] == 200


def test_requests_wait_for_a_replacement_instead_of_getting_503(start_server):
    server = start_server(HANDLER, "--workers", "1")
    (only,) = _wait_ready(server, 1)
    time.sleep(1.2)
    os.kill(only["pid"], signal.SIGKILL)
    server.wait_log(r"exited: killed by SIGKILL")
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: server.request("GET", f"/q{i}", timeout=30), range(8)))
    assert [r[0] for r in results] == [200] * 8, [(r[0], r[2]) for r in results]
    assert "crash loop" not in server.log()


def test_a_worker_stuck_in_a_runaway_script_gets_no_new_requests(start_server):
    server = start_server(HANDLER, "--workers", "2", "--timeout", "8")
    _wait_ready(server, 2)
    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        spin = pool.submit(server.request, "GET", "/spin", None, None, 30)
        time.sleep(1.0)  # the watchdog sees that worker silent with a request in flight
        started = time.monotonic()
        futures = [pool.submit(server.request, "GET", f"/slow{i}", None, None, 30) for i in range(10)]
        results = [f.result() for f in futures]
        took = time.monotonic() - started
        assert [r[0] for r in results] == [200] * 10
        # Served by the free worker, not queued behind the runaway until its 8 s timeout.
        assert took < 5, took
        assert spin.result()[0] == 504


BOMB = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/bomb") {
      const keep = [];
      for (;;) keep.push(new Array(1 << 18).fill(keep.length), new Uint8Array(1 << 20).fill(1));
    }
    const end = Date.now() + 2;
    while (Date.now() < end) {}
    return new Response("ok");
  },
};
"""


def test_a_memory_bomb_costs_only_its_own_request(start_server, engine):
    # The bomb shares its worker (and often its batch) with normal requests: the worker
    # retires, and every request but the bomb still gets its answer.
    server = start_server(BOMB, "--workers", "1", "--max-memory", "128", "--engine", engine)
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        normal = [pool.submit(server.request, "GET", f"/ok{i}", None, None, 30) for i in range(10)]
        bomb = pool.submit(server.request, "GET", "/bomb", None, None, 30)
        normal += [pool.submit(server.request, "GET", f"/ok{i}", None, None, 30) for i in range(10, 20)]
        assert bomb.result()[0] == 503
        assert [f.result()[0] for f in normal] == [200] * 20
    server.wait_log("retires")


KILLED = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/long") { const end = Date.now() + 3000; while (Date.now() < end) {} }
    return new Response("ok " + p);
  },
};
"""


def test_a_dead_workers_requests_it_never_started_go_to_another_worker(start_server, engine):
    # One worker and no spare, so that a request waits on it behind a long one (with two,
    # a busy worker gets none while the other is free), one batch of one, as the worker
    # is not yet taken to be stuck; the rest wait in the reactor.
    server = start_server(
        KILLED,
        *("--workers", "1", "--spare-workers", "0", "--engine", engine, "--timeout", "10"),
        env={"RUNTIME_SERVER_STUCK_AFTER": "20"},
    )
    victim = _wait_ready(server, 1)[0]["pid"]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        long = pool.submit(server.request, "POST", "/long", b"x", None, 30)
        time.sleep(0.3)  # it runs; what follows waits behind it, unstarted
        queued = [pool.submit(server.request, "POST", f"/q{i}", b"x", None, 30) for i in range(4)]
        deadline = time.monotonic() + 2
        status = server.status()
        while (status["workers"][0]["in_flight"], status["waiting"]) != (2, 3):
            assert time.monotonic() < deadline, status
            time.sleep(0.02)
            status = server.status()
        os.kill(victim, signal.SIGKILL)
        assert long.result()[0] == 502  # it was running: it is lost with its worker
        # POSTs it had not started go to the replacement: not safe to repeat, but they never ran.
        assert [(f.result()[0], f.result()[2]) for f in queued] == [
            (200, f"ok /q{i}".encode()) for i in range(4)
        ]


def test_engines_that_leak_per_call_get_their_workers_recycled_by_default(start_server, engine):
    import runtime

    leaks = runtime.registry.get(engine).capabilities.leaks_per_call
    server = start_server(
        HANDLER, "--workers", "1", "--engine", engine, env={"RUNTIME_SERVER_LEAK_RECYCLE_REQUESTS": "20"}
    )
    first = _wait_ready(server, 1)[0]["pid"]
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(30)]
    assert statuses == [200] * 30  # the replacement starts first: nothing fails
    if leaks:
        server.wait_log(r"requests \(--max-requests\): replaced")
        deadline = time.monotonic() + 20
        while first in {w["pid"] for w in _ready(server)} and time.monotonic() < deadline:
            time.sleep(0.1)
        assert first not in {w["pid"] for w in _ready(server)}
    else:
        assert "--max-requests" not in server.log()
        assert [w["pid"] for w in _ready(server)] == [first]
