"""The standby (``--standby-workers``, one by default): a spare started ahead of need, so
that a worker that dies or sticks in a runaway is stood in for at once, not after a
process start.

Real processes on 127.0.0.1; which worker served a request is read from the access log.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import threading
import time

import pytest

from .conftest import ENGINES, wait_for

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/spin") { for (;;) {} }
    return new Response("ok " + p);
  },
};
"""
TIMEOUT = 4.0
STANDBY = {"RUNTIME_STANDBY_WORKERS": "1", "RUNTIME_SERVER_SPARE_IDLE": "1"}


def workers(server) -> list[dict]:
    return server.status()["workers"]


def standing_by(server, count: int = 1) -> bool:
    ws = workers(server)
    return sum(1 for w in ws if w["spare"] and w["state"] == "ready") == count and all(
        w["state"] == "ready" for w in ws
    )


def served_by(server, path: str) -> str:
    """The worker the access log names for ``GET path`` (one request per path)."""
    pattern = re.compile(rf'"GET {re.escape(path)}" 200 \S+ \S+ (\S+) ')
    return wait_for(lambda: pattern.search(server.log()), 10, f"the access log line of {path}").group(1)


def in_background(server, path: str) -> dict:
    result: dict = {}
    t = threading.Thread(target=lambda: result.setdefault("answer", server.request("GET", path, timeout=30)))
    t.start()
    result["thread"] = t
    return result


@pytest.mark.parametrize("engine", ENGINES)
def test_the_standby_starts_with_the_server_and_serves_the_moment_a_worker_dies(start_server, engine):
    server = start_server(HANDLER, *("--engine", engine, "--workers", "1"), env=STANDBY)
    assert "1 worker(s) x 1 thread(s) + 1 standby |" in server.banner
    wait_for(lambda: standing_by(server), what="the standby")
    assert [(w["name"], w["spare"]) for w in workers(server)] == [("w1", False), ("w2", True)]
    # Idle while the worker serves.
    for i in range(5):
        assert server.request("GET", f"/before{i}")[:3:2] == (200, f"ok /before{i}".encode())
        assert served_by(server, f"/before{i}") == "w1"

    victim = workers(server)[0]["pid"]
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: victim not in {w["pid"] for w in workers(server)}, 10, "the death to be seen")
    # The replacement is a process start away; the standby answers meanwhile.
    assert server.request("GET", "/after")[:3:2] == (200, b"ok /after")
    assert served_by(server, "/after") == "w2"
    server.wait_log(r"worker w1 \(pid \d+\) exited: killed by SIGKILL")

    # Once the replacement is ready, requests go to it and the standby stands by again.
    wait_for(lambda: standing_by(server), what="the replacement")
    names = [(w["name"], w["spare"]) for w in workers(server)]
    assert names == [("w1", False), ("w2", True)]
    assert server.request("GET", "/later")[0] == 200
    assert served_by(server, "/later") == "w1"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_runaway_is_stood_in_for_at_once_and_the_standby_is_kept(start_server, engine):
    # --spare-workers defaults to --workers (1): the standby is the only spare.
    server = start_server(
        HANDLER, *("--engine", engine, "--workers", "1", "--timeout", str(TIMEOUT)), env=STANDBY
    )
    wait_for(lambda: standing_by(server), what="the standby")
    spin = in_background(server, "/spin")
    wait_for(lambda: any(w["stuck"] for w in workers(server)), 10, "the runaway")
    for i in range(5):
        start = time.monotonic()
        assert server.request("GET", f"/meanwhile{i}")[0] == 200
        assert time.monotonic() - start < TIMEOUT / 2, "waited for the runaway\n" + server.log()
        assert served_by(server, f"/meanwhile{i}") == "w2"
    spin["thread"].join(30)
    assert spin["answer"][0] == 504
    # spare_idle is 1 s: the standby outlives it, and no other spare was started.
    time.sleep(2.0)
    assert standing_by(server)
    assert "stopping it" not in server.log()
    assert "spare worker w3" not in server.log()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_new_standby_starts_while_the_first_stands_in_and_the_extra_one_stops_when_idle(
    start_server, engine
):
    server = start_server(
        HANDLER,
        *("--engine", engine, "--workers", "1", "--spare-workers", "2", "--timeout", str(TIMEOUT)),
        env=STANDBY,
    )
    wait_for(lambda: standing_by(server), what="the standby")
    spin = in_background(server, "/spin")
    # w2 serves in w1's place, and w3 starts to stand by behind it.
    server.wait_log(r"spare worker w3 starting", timeout=10)
    wait_for(lambda: sum(w["spare"] and w["state"] == "ready" for w in workers(server)) == 2, what="w3")
    assert server.request("GET", "/meanwhile")[0] == 200
    assert served_by(server, "/meanwhile") == "w2"
    spin["thread"].join(30)
    assert spin["answer"][0] == 504
    # The runaway is over: one spare more than the standby, idle past spare_idle, stops.
    server.wait_log(r"spare worker w\d \(pid \d+\) idle for 1s: stopping it", timeout=15)
    wait_for(lambda: len(workers(server)) == 2 and standing_by(server), 15, "one standby left")


@pytest.mark.parametrize(("standby", "spares", "expected"), [("0", None, 0), ("2", "1", 1)])
def test_standby_workers_0_starts_none_and_spare_workers_bounds_it(start_server, standby, spares, expected):
    args = ["--workers", "1"] + (["--spare-workers", spares] if spares else [])
    server = start_server(HANDLER, *args, env={"RUNTIME_STANDBY_WORKERS": standby})
    assert ("standby" in server.banner) == bool(expected)
    if expected:
        wait_for(lambda: standing_by(server, expected), what="the standby")
    time.sleep(1.0)  # time enough for any other to start
    assert sum(1 for w in workers(server) if w["spare"]) == expected
    assert server.request("GET", "/x")[0] == 200


def test_a_reload_after_a_failed_start_brings_the_standby_and_replacements(start_server):
    server = start_server(
        "throw new Error('not yet');", *("--workers", "1", "--reload"), env={"RUNTIME_STANDBY_WORKERS": "1"}
    )
    server.wait_log(r"--reload: waiting for a change")
    server.handler.write_text(HANDLER)
    server.wait_log(r"reloaded: generation 2 serving", timeout=30)
    wait_for(lambda: standing_by(server), what="the standby")
    victim = workers(server)[0]["pid"]
    os.kill(victim, signal.SIGKILL)
    wait_for(
        lambda: (
            standing_by(server)
            and victim not in {w["pid"] for w in workers(server)}
            and len(workers(server)) == 2
        ),
        what="the replacement",
    )
    assert server.request("GET", "/x")[0] == 200


def test_a_standby_that_dies_young_is_started_again_after_a_growing_backoff(start_server):
    # A long settle keeps every kill "young" however slowly this machine polls.
    env = {"RUNTIME_STANDBY_WORKERS": "1", "RUNTIME_SERVER_SETTLE": "30"}
    server = start_server(HANDLER, *("--workers", "1"), env=env)
    gaps = []
    for _ in range(3):
        wait_for(lambda: standing_by(server), what="a standby")
        spare = next(w["pid"] for w in workers(server) if w["spare"])
        os.kill(spare, signal.SIGKILL)  # within settle of its start
        killed = time.monotonic()
        wait_for(
            lambda s=spare: any(w["spare"] and w["pid"] != s for w in workers(server)),
            what="the next",
            interval=0.02,
        )
        gaps.append(time.monotonic() - killed)
    # Backoff 0.1 s, 0.2 s, 0.4 s after each young death (spare_after alone is 0.1 s).
    assert gaps[2] >= 0.35, gaps
    assert server.request("GET", "/x")[0] == 200


def _supervising(scenario):
    """Run ``scenario(service, worker, standby)`` in an event loop: the real service,
    supervisor, pool and handles, one worker and a ready standby, as if started; a process
    it starts is killed at the end."""
    from runtime.server.config import Config
    from runtime.server.reactor.handle import READY, WorkerHandle
    from runtime.server.reactor.service import Service

    async def main():
        service = Service(Config(handler="examples/hello.js", workers=1))
        service.prepare()
        service.supervisor.serving = True
        worker, standby = WorkerHandle(1, 0), WorkerHandle(2, 0)
        standby.spare = True
        for w in (worker, standby):
            w.state = READY
            w.ready_at = time.monotonic()
        service.pool.workers = [worker, standby]
        try:
            return await scenario(service, worker, standby)
        finally:
            for w in service.pool.workers:
                if w.proc is not None:
                    w.proc.send_signal(signal.SIGKILL)
                    await w.proc.wait()

    return asyncio.run(main())


def test_a_standby_whose_channel_closed_holds_the_next_back_until_its_exit_is_reaped():
    """A killed standby's channel closes before its exit status is reaped; the next one
    waits for the reap, which sets the backoff. In one event loop, because the window
    between the two is too short to hit from outside."""

    async def scenario(service, worker, standby):
        supervisor = service.supervisor
        supervisor.on_lost(standby)  # its channel closed: dead, not yet reaped
        supervisor.add_spare(time.monotonic())
        await asyncio.sleep(0.05)
        seen = [w.name for w in service.pool.workers]
        supervisor._after_exit(standby, -signal.SIGKILL)  # reaped: it died young
        supervisor.add_spare(time.monotonic())  # within its backoff
        await asyncio.sleep(0.05)
        return [*seen, "|", *(w.name for w in service.pool.workers)]

    assert _supervising(scenario) == ["w1", "w2", "|", "w1"]


def test_a_standby_stopped_when_idle_does_not_hold_the_next_back():
    """A standby drained on purpose has no backoff to wait for: the next starts at once."""

    async def scenario(service, worker, standby):
        standby.draining = True
        service.supervisor.on_lost(standby)
        service.supervisor.add_spare(time.monotonic())
        await asyncio.sleep(0.05)
        return [(w.spare, w.state) for w in service.pool.workers]

    assert _supervising(scenario) == [(False, "ready"), (True, "dead"), (True, "starting")]


def test_a_server_draining_to_stop_starts_no_standby():
    """A stop that comes while the workers start (or any time after) is a drain: the
    standby the server would keep is not started to be stopped again."""

    async def scenario(service, worker, standby):
        standby.draining = True
        service.supervisor.on_lost(standby)
        service.drain()
        service.supervisor.add_spare(time.monotonic())
        await asyncio.sleep(0.05)
        return [(w.spare, w.state) for w in service.pool.workers]

    assert _supervising(scenario) == [(False, "ready"), (True, "dead")]
