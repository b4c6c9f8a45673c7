"""Growth recycling: with ``--max-growth`` (by default on an engine that leaks per call), a
worker is replaced once its RSS passes that many times its start (as well as after the
request count), its replacement starting first, so no request fails; otherwise, or with
``--max-requests`` given and no ``--max-growth``, never by growth.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

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
DEFAULT_GROWTH = {"RUNTIME_SERVER_LEAK_RECYCLE_GROWTH": "1.2"}
ROOT = Path(__file__).resolve().parents[2]


def _ready_pids(server: ServerProcess) -> set[int]:
    return {w["pid"] for w in server.status()["workers"] if w["state"] == "ready"}


def _leaks(engine: str) -> bool:
    return runtime.registry.get(engine).capabilities.leaks_per_call


def _recycled_by_growth(server: ServerProcess, first: int, statuses: list[int]) -> None:
    server.wait_log(GREW)
    deadline = time.monotonic() + 30
    while first in _ready_pids(server) and time.monotonic() < deadline:
        statuses.append(server.request("GET", "/while-it-starts")[0])
        time.sleep(0.05)
    pids = _ready_pids(server)
    assert pids and first not in pids
    # The replacement starts with nothing kept.
    assert int(server.request("GET", "/fresh")[2].split()[1]) < 120


def test_max_growth_recycles_a_worker_that_grows(start_server, engine):
    server = start_server(HOARD, "--workers", "1", "--engine", engine, "--max-growth", "1.2")
    (first,) = _ready_pids(server)
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(120)]  # ~30 MB kept
    _recycled_by_growth(server, first, statuses)
    assert set(statuses) == {200}  # the replacement started first: nothing failed


def test_growth_recycles_by_default_only_on_engines_that_leak(start_server, engine):
    server = start_server(HOARD, "--workers", "1", "--engine", engine, env=DEFAULT_GROWTH)
    (first,) = _ready_pids(server)
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(120)]
    if _leaks(engine):
        _recycled_by_growth(server, first, statuses)
    else:
        time.sleep(0.5)  # several watchdog ticks
        assert "grew to" not in server.log()
        assert _ready_pids(server) == {first}
    assert set(statuses) == {200}


@pytest.mark.parametrize("option", [("--max-requests", "100000"), ("--max-growth", "0")])
def test_an_explicit_limit_turns_default_growth_recycling_off(start_server, engine, option):
    server = start_server(HOARD, "--workers", "1", "--engine", engine, *option, env=DEFAULT_GROWTH)
    (first,) = _ready_pids(server)
    statuses = [server.request("GET", f"/r{i}")[0] for i in range(120)]
    time.sleep(0.5)
    assert set(statuses) == {200}
    assert "grew to" not in server.log()
    assert _ready_pids(server) == {first}


@pytest.mark.parametrize("factor", ["0.5", "1", "1.05"])
def test_a_growth_factor_every_worker_would_pass_at_start_is_refused(factor):
    out = subprocess.run(
        [sys.executable, "-m", "runtime", "serve", "examples/hello.js", "--max-growth", factor],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert "Invalid value for '--max-growth'" in out.stderr
    assert "give 0 (never) or a factor of 1.1 or more" in out.stderr
