"""The stand-in running loop pythonmonkey queues promise jobs on (engines/spidermonkey/job_loop.py).

SpiderMonkey only: no other engine needs a loop of its own while JS runs. Both ways of
installing it are checked: the thread-dict swap, and the plain asyncio calls used where
asyncio keeps the running loop elsewhere.
"""

from __future__ import annotations

import asyncio

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
