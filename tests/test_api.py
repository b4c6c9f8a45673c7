"""The V8-like embedding API: contexts entered per thread, globals, closing."""

from __future__ import annotations

import pytest

import runtime


def test_one_liner_enters_and_closes(engine):
    with runtime.Context(engine) as ctx:
        assert runtime.current() is ctx
        assert runtime.eval("6 * 7") == 42
    assert ctx.closed
    with pytest.raises(runtime.NoContextError):
        runtime.current()
    with pytest.raises(runtime.ContextClosed):
        ctx.eval("1")


def test_nested_enter_uses_the_innermost(engine):
    isolate = runtime.Isolate(engine)
    ctx = isolate.new_context()
    with ctx:
        with ctx:
            assert runtime.current() is ctx
        assert runtime.current() is ctx  # still entered once
    assert not ctx.closed  # contexts of an explicit isolate stay open
    isolate.close()
    with pytest.raises(runtime.ContextClosed):
        ctx.eval("1")


def test_one_context_per_isolate(engine):
    with runtime.Isolate(engine) as isolate:
        isolate.new_context()
        with pytest.raises(RuntimeError, match=r"another runtime\.Isolate"):
            isolate.new_context()


def test_close_is_idempotent(engine):
    ctx = runtime.Context(engine)
    ctx.close()
    ctx.close()
    assert ctx.closed


def test_globals_mapping(ctx):
    g = ctx.globals
    g["answer"] = {"value": 42}
    assert "answer" in g
    assert g["answer"] == {"value": 42}
    assert ctx.eval("answer.value") == 42
    assert "answer" in list(g)
    del g["answer"]
    assert "answer" not in g
    with pytest.raises(KeyError):
        g["answer"]
    with pytest.raises(KeyError):
        del g["answer"]
    assert g.get("missing", "default") == "default"


def test_call_by_dotted_name_keeps_this(ctx):
    ctx.eval("globalThis.counter = {n: 1, bump(k) { this.n += k; return this.n; }}")
    assert ctx.call("counter.bump", 4) == 5
    assert ctx.call("JSON.stringify", {"a": [1]}) == '{"a":[1]}'


def test_engine_names_are_checked():
    with pytest.raises(runtime.EngineUnavailable, match="unknown engine 'nope'"):
        runtime.Context("nope")


def test_eval_rejects_non_string_source(ctx):
    with pytest.raises(TypeError):
        ctx.eval(b"1")  # type: ignore[arg-type]


def test_engines_listing():
    rows = {row["name"]: row for row in runtime.engines()}
    assert rows["v8"]["available"] and rows["spidermonkey"]["available"]
    assert rows["v8"]["capabilities"]["multi_thread"] is True
    assert rows["spidermonkey"]["capabilities"]["isolates_per_process"] == 1


def test_shims_hide_the_engine_host_channel(ctx):
    assert ctx.eval("typeof __runtime_host") == "undefined"
    assert ctx.eval("Object.keys(globalThis).includes('__runtime')") is False
