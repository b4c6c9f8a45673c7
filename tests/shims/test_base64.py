"""atob and btoa (HTML forgiving-base64), on every engine."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtime

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def test_btoa(ctx):
    assert ctx.eval("btoa('hi')") == "aGk="
    assert ctx.eval("btoa('')") == ""
    assert ctx.eval("btoa('\\u00ff\\u0000\\u0080')") == base64.b64encode(b"\xff\x00\x80").decode()
    assert ctx.eval("btoa(123)") == base64.b64encode(b"123").decode()
    assert ctx.eval("btoa(null)") == base64.b64encode(b"null").decode()


def test_btoa_rejects_non_latin1(ctx):
    for text in ["\\u0100", "\\u20ac", "a\\ud83d\\ude00"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"btoa('{text}')")
        assert e.value.name == "InvalidCharacterError"
    r = ctx.eval("""(() => {
        try { btoa('\\u0100'); } catch (e) {
            return [e instanceof DOMException, e.code, e instanceof Error];
        }
    })()""")
    assert r == [True, 5, True]


def test_atob_forgiving(ctx):
    assert ctx.eval("atob('aGk=')") == "hi"
    assert ctx.eval("atob('aGk')") == "hi"  # padding is optional
    assert ctx.eval("atob(' a G\\tk\\n= ')") == "hi"  # ASCII whitespace is ignored
    assert ctx.eval("atob('')") == ""
    assert ctx.eval("atob('YQ==')") == "a"
    assert ctx.eval("atob('YR==')") == "a"  # non-zero trailing bits are discarded
    assert ctx.eval("atob('/+8=')") == "\xff\xef"
    assert ctx.eval("atob(null)") == base64.b64decode("null").decode("latin-1")


@pytest.mark.parametrize(
    "bad",
    [
        "a",
        "abcde",
        "aGk==",
        "aGk===",
        "=aGk",
        "aG=k",
        "a-b_",
        "aGk=\\u00a0",
        "\\u00e9",
        "ab=c",
        "YQ=",
        "Y===",
        "aGk=aGk=",
    ],
)
def test_atob_invalid(ctx, bad):
    with pytest.raises(runtime.JSError) as e:
        ctx.eval(f"atob('{bad}')")
    assert e.value.name == "InvalidCharacterError"


def test_arguments_required(ctx):
    for fn in ["atob", "btoa"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"{fn}()")
        assert e.value.name == "TypeError"


@SETTINGS
@given(data=st.binary(max_size=64))
def test_roundtrip_matches_python(ctx, data):
    latin1 = json.dumps(data.decode("latin-1"))
    encoded = ctx.eval(f"btoa({latin1})")
    assert encoded == base64.b64encode(data).decode()
    assert ctx.eval(f"atob({json.dumps(encoded)})") == data.decode("latin-1")
    assert ctx.eval(f"atob({json.dumps(encoded.rstrip('='))})") == data.decode("latin-1")
