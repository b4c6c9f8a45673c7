"""Growth recycling: on an engine that leaks per call, a worker is replaced once its RSS
passes ``leak_recycle_growth`` times its start (as well as after the request count),
its replacement starting first, so no request fails; other engines, or a server given
``--max-requests``, never recycle by growth.
"""

from __future__ import annotations

import time

import runtime

from .conftest import ServerProcess

# Every request keeps about 256 KB alive, so the worker grows whatever the engine.
HOARD = r"""
const kept = [];
export default {
  async fetch(request) {
    kept.push(new Array(32768).fill(kept.length));
    return new Response("kept " + kept.length);
  },
};
"""
GREW = r"grew to \d+ MB, past 1\.2 times its start"
GROWTH = {"RUNTIME_SERVER_LEAK_RECYCLE_GROWTH": "1.2"}


def _ready_pids(server: ServerProcess) -> set[int]:
    return {w["pid"] for w in server.status()["workers"] if w["state"] == "ready"}


def _leaks(engine: str) -> bool:
    return runtime.registry.get(engine).capabilities.leaks_per_call


def test_a_worker_that_grows_is_recycled_on_engines_that_leak(start_server, engine):
    server = start_server(HOARD, "--workers", "1", "--engine", engine, env=GROWTH)
    (first,) = _ready_pids(server)
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(120)]  # ~30 MB kept
    if _leaks(engine):
        server.wait_log(GREW)
        deadline = time.monotonic() + 30
        while first in _ready_pids(server) and time.monotonic() < deadline:
            statuses.append(server.request("GET", "/while-it-starts")[0])
            time.sleep(0.05)
        pids = _ready_pids(server)
        assert pids and first not in pids
        # The replacement starts with nothing kept.
        assert server.request("GET", "/fresh")[2].startswith(b"kept ")
        assert int(server.request("GET", "/fresh")[2].split()[1]) < 120
    else:
        time.sleep(0.5)  # several watchdog ticks
        assert "grew to" not in server.log()
        assert _ready_pids(server) == {first}
    assert set(statuses) == {200}  # the replacement started first: nothing failed


def test_an_explicit_max_requests_turns_growth_recycling_off(start_server, engine):
    server = start_server(HOARD, "--workers", "1", "--engine", engine, "--max-requests", "100000", env=GROWTH)
    (first,) = _ready_pids(server)
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(120)]
    time.sleep(0.5)
    assert set(statuses) == {200}
    assert "grew to" not in server.log()
    assert _ready_pids(server) == {first}
