"""The V8 engine's pump thread keeps one Python thread state while its context is open.

mini-racer calls back on a thread Python does not know. Without a kept thread state, ctypes
makes and deletes one per callback: a fresh frame stack mapped and unmapped for every
crossing, each mapping first touched as page faults.
"""

from __future__ import annotations

import ctypes
import resource

import pytest

import runtime
from runtime import registry

pytestmark = pytest.mark.skipif("v8" not in registry.available(), reason="mini-racer missing")


def _thread_states() -> int:
    """Thread states of this interpreter, foreign threads' included."""
    interp = ctypes.pythonapi.PyInterpreterState_Get
    interp.restype = ctypes.c_void_p
    head = ctypes.pythonapi.PyInterpreterState_ThreadHead
    head.restype, head.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
    following = ctypes.pythonapi.PyThreadState_Next
    following.restype, following.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
    count, state = 0, head(interp())
    while state:
        count += 1
        state = following(state)
    return count


def _faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def test_crossings_make_no_thread_state_each():
    with runtime.Context("v8") as ctx:
        ctx.eval("globalThis.echo = (x) => x")
        for _ in range(300):
            ctx.call("echo", 1)
        before = _faults()
        for _ in range(2000):
            assert ctx.call("echo", 1) == 1
        # A thread state per crossing faulted in at least one page each time.
        assert (_faults() - before) / 2000 < 0.5


def test_the_kept_thread_state_goes_with_the_context():
    base = _thread_states()
    for _ in range(3):
        ctx = runtime.Context("v8")
        assert ctx.call("Math.max", 1, 2) == 2
        assert _thread_states() == base + 1
        ctx.close()
        assert _thread_states() == base
