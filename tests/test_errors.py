"""JS exceptions become runtime.JSError with the same name, message and stack everywhere."""

from __future__ import annotations

import pytest

import runtime


def test_thrown_error_has_name_message_and_user_frames(ctx):
    source = (
        "function inner() {\n  throw new TypeError('boom');\n}\nfunction outer() { inner(); }\nouter();\n"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(source, filename="app.js")
    err = info.value
    assert err.name == "TypeError"
    assert err.message == "boom"
    assert err.stack.splitlines()[0] == "TypeError: boom"
    assert err.frames[0][:3] == ("inner", "app.js", 2)
    assert err.frames[1][:3] == ("outer", "app.js", 4)
    assert "    at inner (app.js:2:" in err.stack
    assert "runtime:shims" not in err.stack
    assert str(err) == err.stack


def test_syntax_error_points_at_file_line_and_column(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("var ok = 1;\n\nlet broken = ;\n", filename="bad.js")
    err = info.value
    assert err.name == "SyntaxError"
    assert err.frames[0][1:3] == ("bad.js", 3)
    assert err.frames[0][3] == 14
    assert "bad.js:3:14" in err.stack


def test_error_inside_a_call_is_structured(ctx):
    ctx.eval(
        "globalThis.fail = (n) => { if (n > 1) throw new RangeError('n=' + n); return n; };",
        filename="lib.js",
    )
    assert ctx.call("fail", 1) == 1
    with pytest.raises(runtime.JSError) as info:
        ctx.call("fail", 5)
    assert (info.value.name, info.value.message) == ("RangeError", "n=5")
    assert info.value.frames[0][1:3] == ("lib.js", 1)


@pytest.mark.parametrize(
    ("thrown", "message", "value"),
    [("42", "42", 42), ("'text'", "text", "text"), ("({code: 7})", "[object Object]", {"code": 7})],
)
def test_non_error_values_thrown_from_calls(ctx, thrown, message, value):
    ctx.eval(f"globalThis.throwIt = () => {{ throw {thrown}; }}")
    with pytest.raises(runtime.JSError) as info:
        ctx.call("throwIt")
    assert info.value.name == "Uncaught"
    assert info.value.message == message
    assert info.value.value == value


def test_non_error_thrown_at_top_level(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("throw 'plain'")
    assert info.value.name == "Uncaught"
    assert "plain" in info.value.message


def test_custom_error_subclass_keeps_its_name(ctx):
    source = (
        "class AppError extends Error { constructor(m) { super(m); this.name = 'AppError'; } }\n"
        "throw new AppError('nope');"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(source, filename="custom.js")
    assert (info.value.name, info.value.message) == ("AppError", "nope")
    assert info.value.frames and info.value.frames[0][1] == "custom.js"


def test_context_is_usable_after_an_error(ctx):
    with pytest.raises(runtime.JSError):
        ctx.eval("null.x")
    assert ctx.eval("1 + 1") == 2


def test_calling_a_missing_function(ctx):
    with pytest.raises(runtime.JSError, match="is not a function"):
        ctx.call("noSuchFunction")


def test_file_names_cannot_inject_code(ctx):
    assert ctx.eval("1 + 1", filename="x.js\nglobalThis.injected = 1") == 2
    assert ctx.eval("typeof injected") == "undefined"


def test_file_names_with_spaces_reach_the_stack(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("null.x", filename="my dir/app one.js")
    # V8 reads the name from a sourceURL comment, where whitespace is percent-encoded.
    expected = "my%20dir/app%20one.js" if ctx.engine == "v8" else "my dir/app one.js"
    assert info.value.frames[0][1] == expected
