"""CPU priority: a worker stuck in one long script runs in ``SCHED_IDLE`` until it is heard
from, and gets its priority back in time for its own ``--timeout`` to stop the script even
when every core is busy.

Real processes on 127.0.0.1; the policy is read from /proc. Leaving ``SCHED_IDLE`` needs
``CAP_SYS_NICE`` or an ``RLIMIT_NICE`` of 20: where neither is granted workers are never
demoted, and the test says so.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
import time
import types

import pytest

from runtime.server.config import Config
from runtime.server.reactor.handle import READY, WorkerHandle
from runtime.server.reactor.priority import Priority, can_restore

from .conftest import ENGINES

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/spin") { for (;;) {} }
    if (p === "/bomb") {
      const keep = [];
      for (;;) keep.push(new Array(1 << 16).fill(keep.length));
    }
    return new Response("ok " + p);
  },
};
"""

pytestmark = pytest.mark.skipif(
    not hasattr(os, "SCHED_IDLE") or not os.path.isdir("/proc/self/task"),
    reason="scheduling policies per thread are Linux's",
)


def _policies(pid: int) -> set[int]:
    out = set()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            out.add(os.sched_getscheduler(int(tid)))
        except ProcessLookupError:
            pass
    return out


def _spin_forever() -> None:
    while True:
        pass


def _request_in_background(server, path: str, timeout: float) -> dict:
    result: dict = {}

    def go() -> None:
        start = time.monotonic()
        result["answer"] = server.request("GET", path, timeout=timeout)
        result["took"] = time.monotonic() - start

    result["thread"] = threading.Thread(target=go)
    result["thread"].start()
    return result


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not can_restore(), reason="needs CAP_SYS_NICE or RLIMIT_NICE 20 (ulimit -e 20)")
@pytest.mark.parametrize("engine", ENGINES)
def test_a_runaway_runs_idle_class_and_is_still_stopped_at_its_timeout(start_server, engine):
    timeout = 2.0
    server = start_server(
        HANDLER, *("--engine", engine, "--workers", "1", "--spare-workers", "1", "--timeout", str(timeout))
    )
    [w1] = server.status()["workers"]
    assert _policies(w1["pid"]) == {os.SCHED_OTHER}
    # Every core busy at normal priority: an idle-class process gets next to nothing.
    hogs = [multiprocessing.Process(target=_spin_forever, daemon=True) for _ in range(os.cpu_count() or 2)]
    for h in hogs:
        h.start()
    try:
        spin = _request_in_background(server, "/spin", timeout + 20)
        assert _wait_for(lambda: server.status()["workers"][0]["demoted"], 5), "never demoted"
        assert _policies(w1["pid"]) == {os.SCHED_IDLE}
        spin["thread"].join(timeout + 20)
        status, _, body = spin["answer"]
        assert status == 504
        # Its own timer stopped it (the reactor's backstop would be at twice the timeout).
        assert spin["took"] < timeout * 1.5, f"answered after {spin['took']:.2f}s"
        assert b"--timeout" in body or b"Timeout" in body
    finally:
        for h in hogs:
            h.kill()
    assert _wait_for(lambda: not server.status()["workers"][0]["demoted"], 5)
    assert _policies(w1["pid"]) == {os.SCHED_OTHER}
    assert server.request("GET", "/after")[:3:2] == (200, b"ok /after")
    assert _policies(w1["pid"]) == {os.SCHED_OTHER}


@pytest.mark.skipif(not can_restore(), reason="needs CAP_SYS_NICE or RLIMIT_NICE 20 (ulimit -e 20)")
@pytest.mark.parametrize("engine", ENGINES)
def test_a_script_that_allocates_is_not_demoted_and_meets_its_memory_limit(start_server, engine):
    timeout = 20.0
    server = start_server(
        HANDLER,
        *("--engine", engine, "--workers", "1", "--spare-workers", "1", "--timeout", str(timeout)),
        *("--max-memory", "128"),
    )
    hogs = [multiprocessing.Process(target=_spin_forever, daemon=True) for _ in range(os.cpu_count() or 2)]
    for h in hogs:
        h.start()
    try:
        bomb = _request_in_background(server, "/bomb", timeout + 20)
        bomb["thread"].join(timeout + 20)
    finally:
        for h in hogs:
            h.kill()
    # Starved in SCHED_IDLE it would have waited for its --timeout.
    assert bomb["answer"][0] == 503
    assert bomb["took"] < timeout / 2, f"answered after {bomb['took']:.2f}s"
    assert server.request("GET", "/after")[:3:2] == (200, b"ok /after")


@pytest.mark.parametrize("engine", ENGINES[:1])
def test_demotion_can_be_turned_off(start_server, engine):
    server = start_server(
        HANDLER,
        *("--engine", engine, "--workers", "1", "--spare-workers", "1", "--timeout", "1"),
        env={"RUNTIME_SERVER_DEMOTE_AFTER": "0"},
    )
    [w1] = server.status()["workers"]
    spin = _request_in_background(server, "/spin", 20)
    time.sleep(0.5)
    assert not server.status()["workers"][0]["demoted"]
    assert _policies(w1["pid"]) == {os.SCHED_OTHER}
    spin["thread"].join(20)
    assert spin["answer"][0] == 504


def _sleep_forever() -> None:
    while True:
        time.sleep(1)


@pytest.mark.skipif(not can_restore(), reason="needs CAP_SYS_NICE or RLIMIT_NICE 20 (ulimit -e 20)")
async def test_a_worker_silent_in_a_crossing_is_demoted_only_once_it_has_run_that_long():
    # One waiting for a core on a busy machine (here: one that sleeps) is slow, not a
    # runaway: idle priority would starve it behind every other process. Real processes;
    # the reactor's own Priority reads their CPU time and sets their policy.
    cfg = Config(handler="h.js", demote_after=0.05)
    priority = Priority(cfg)
    procs = {
        name: multiprocessing.Process(target=target, daemon=True)
        for name, target in (("sleeps", _sleep_forever), ("spins", _spin_forever))
    }
    workers = {}
    for name, p in procs.items():
        p.start()
        w = WorkerHandle(1, 1)
        w.proc = types.SimpleNamespace(pid=p.pid, returncode=None)
        w.state, w.busy = READY, True
        w.busy_since = w.last_heard = time.monotonic()
        workers[name] = w
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and workers["spins"].demoted is None:
            priority.watch(list(workers.values()), time.monotonic())
            await asyncio.sleep(cfg.watch_interval)
        assert workers["spins"].demoted is not None, "a script that runs is demoted"
        assert _policies(procs["spins"].pid) == {os.SCHED_IDLE}
        assert workers["sleeps"].demoted is None
        assert _policies(procs["sleeps"].pid) == {os.SCHED_OTHER}
        priority.heard(workers["spins"])
        assert _policies(procs["spins"].pid) == {os.SCHED_OTHER}
    finally:
        for p in procs.values():
            p.kill()
