"""How the SpiderMonkey engine loads pythonmonkey: its extension module alone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runtime import registry

pytestmark = pytest.mark.skipif("spidermonkey" not in registry.available(), reason="pythonmonkey missing")

PROBE = """
import sys
import runtime
with runtime.Context("spidermonkey") as ctx:
    ctx.eval("Promise.reject(new Error('unhandled')); 1")
    print(ctx.eval("[typeof XMLHttpRequest, typeof require, typeof setImmediate, 1 + 1].join()"))
print("package" if "pythonmonkey" in sys.modules else "extension only")
print("aiohttp" if "aiohttp" in sys.modules else "no aiohttp")
"""


def test_only_the_extension_module_is_loaded():
    # The package's __init__ loads pythonmonkey's own JS modules (and aiohttp), for globals
    # the sandbox would delete: a context must not pull it in, an unhandled rejection
    # (which pythonmonkey answers by importing its package where a loop has no exception
    # handler) included.
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["undefined,undefined,undefined,2", "extension", "only", "no", "aiohttp"]


def test_a_thrown_non_error_is_read_from_either_form_of_the_report():
    from engines.spidermonkey.errors import script_error, uncaught_value

    # Without pythonmonkey's package the report has the location line first.
    with_location = (
        "Error in file top.js, on line 1, column 1:\nuncaught exception: null\nStack Trace:\n  @top.js:1:1\n"
    )
    assert uncaught_value(with_location) == "null"
    assert uncaught_value("uncaught exception: 42\n") == "42"
    error = script_error(with_location)
    assert (error.name, error.message) == ("Uncaught", "null")
    # An Error's report is not a thrown non-Error.
    assert (
        uncaught_value("Error in file a.js, on line 2, column 3:\nTypeError: x is not a function\n") is None
    )


ASYNC_STACK = """
import runtime
with runtime.Context("spidermonkey") as ctx:
    ctx.eval(
        "async function inner() { await null; throw new Error('db down'); }"
        "async function outer() { await inner(); }"
        "globalThis.run = async () => { try { await outer(); } catch (e) { return e.stack; } };"
    )
    print(ctx.wait(ctx.call("run")))
"""


@pytest.mark.parametrize("setting", ["", "0"])
def test_async_stacks_can_be_turned_off(run_python, setting):
    # Every promise records the stack it was made on (a walk of the whole stack per
    # promise): that is where an error's async frames come from, as on V8.
    # RUNTIME_SPIDERMONKEY_ASYNC_STACKS=0 trades them for speed, as Firefox does outside
    # its devtools.
    out = run_python(ASYNC_STACK, env={"RUNTIME_SPIDERMONKEY_ASYNC_STACKS": setting})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Error: db down"
    assert lines[1].startswith("    at inner (")
    assert any(line.startswith("    at async outer (") for line in lines) == (setting != "0")
