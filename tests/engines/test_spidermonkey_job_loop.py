"""The stand-in running loop pythonmonkey queues promise jobs on (engines/spidermonkey/job_loop.py).

SpiderMonkey only: no other engine needs a loop of its own while JS runs. Both ways of
installing it are checked: the thread-dict swap, and the plain asyncio calls used where
asyncio keeps the running loop elsewhere.
"""

from __future__ import annotations

import asyncio
import gc

import pytest

import runtime
from engines.spidermonkey import job_loop

pytestmark = pytest.mark.skipif(
    "spidermonkey" not in runtime.registry.available(), reason="the SpiderMonkey engine is not available"
)


@pytest.fixture(params=["thread dict", "asyncio calls"])
def sm(request, monkeypatch):
    monkeypatch.setattr(job_loop, "_dict", job_loop._dict)  # put back afterwards
    if request.param == "asyncio calls":  # as where asyncio keeps the loop elsewhere
        monkeypatch.setattr(job_loop, "KEY", "not where asyncio keeps the running loop")
    ctx = runtime.Context("spidermonkey")
    assert (job_loop._dict is None) == (request.param == "asyncio calls")
    yield ctx
    ctx.close()


def test_promise_jobs_run_and_nothing_is_left_behind(sm):
    sm.eval("globalThis.later = (x) => Promise.resolve(x).then((v) => v + 1)")
    assert sm.wait(sm.call("later", 1)) == 2
    assert sm.call("Math.max", 1, 2) == 2
    assert asyncio.events._get_running_loop() is None
    assert job_loop._saved == []
    assert asyncio.run(asyncio.sleep(0, "ok")) == "ok"


def test_host_code_runs_with_the_callers_loop_and_may_nest(sm):
    seen = []

    def host(x):
        seen.append(asyncio.events._get_running_loop())
        return sm.call("twice", x) if x < 8 else x

    sm.expose("host", host)
    sm.eval("globalThis.twice = (x) => host(x * 2)")
    assert sm.call("twice", 1) == 8

    async def inside():
        return sm.call("twice", 1), asyncio.get_running_loop()

    value, loop = asyncio.run(inside())
    assert value == 8
    assert seen == [None, None, None, loop, loop, loop]
    assert job_loop._saved == []


def _job_wrappers() -> int:
    """pythonmonkey's per-job wrappers alive now."""
    return sum(
        1
        for o in gc.get_objects()
        if type(o).__name__ == "builtin_function_or_method"
        and getattr(o, "__name__", "") == "eventLoopJobWrapper"
    )


def test_a_promise_job_leaves_nothing_alive_after_it_ran(sm):
    # Each wrapper holds its job function rooted in the JS heap: one left alive per job was
    # the worker's growth of kilobytes per request.
    sm.eval("globalThis.many = async (n) => { for (let i = 0; i < n; i++) await 0; return n; }")
    before = _job_wrappers()
    assert sm.wait(sm.call("many", 1000)) == 1000
    gc.collect()
    assert _job_wrappers() - before < 10
