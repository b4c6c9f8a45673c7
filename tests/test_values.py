"""Values cross between Python and JS the same way on every engine."""

from __future__ import annotations

import enum
import math
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtime


@pytest.fixture
def echo(ctx):
    ctx.eval("globalThis.identity = (x) => x; globalThis.typeOf = (x) => typeof x;")
    return ctx


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("null", None),
        ("undefined", None),
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-7", -7),
        ("1.5", 1.5),
        ("2 ** 53 - 1", 2**53 - 1),
        ("2 ** 53", float(2**53)),  # not a safe integer: a float, so it goes back as a number
        ("'héllo ☃ 😀'", "héllo ☃ 😀"),
        ("''", ""),
        ("[1, 'a', null, [true]]", [1, "a", None, [True]]),
        ("({a: 1, b: {c: [2]}})", {"a": 1, "b": {"c": [2]}}),
        ("({u: undefined})", {"u": None}),
        ("[undefined]", [None]),
        ("new Uint8Array([0, 1, 255])", b"\x00\x01\xff"),
        ("new Uint16Array([1]).buffer", b"\x01\x00"),
        ("new DataView(new Uint8Array([9, 8]).buffer)", b"\x09\x08"),
        ("new Date(86400000)", datetime(1970, 1, 2, tzinfo=UTC)),
        ("[2n ** 64n]", [2**64]),
        ("({n: -(2n ** 70n)})", {"n": -(2**70)}),
        ("Object.create(null)", {}),
        ("({['__proto__']: 1})", {"__proto__": 1}),
    ],
)
def test_js_to_python(ctx, source, expected):
    value = ctx.eval(source)
    assert value == expected
    assert type(value) is type(expected)


def test_bigint_completion_value(ctx):
    # mini-racer turns a bare BigInt completion value into an unconvertible handle, so V8
    # raises a clear TypeError there; wrapped (or returned from a call) it works everywhere.
    ctx.eval("globalThis.big = () => 2n ** 64n")
    assert ctx.call("big") == 2**64
    if ctx.engine == "v8":
        with pytest.raises(TypeError, match="BigInt"):
            ctx.eval("2n ** 64n")
    else:
        assert ctx.eval("2n ** 64n") == 2**64


def test_special_numbers_from_js(ctx):
    nan, inf, ninf, nzero, big = ctx.eval("[NaN, Infinity, -Infinity, -0, 2 ** 60]")
    assert math.isnan(nan)
    assert inf == math.inf and ninf == -math.inf
    assert nzero == 0 and math.copysign(1, nzero) == -1
    # Integral numbers beyond 2^53 are not exact in JS: they come back as float.
    assert big == 2.0**60 and type(big) is float
    assert type(ctx.eval("1e21")) is float


@pytest.mark.parametrize(
    ("value", "js_type", "check"),
    [
        (None, "object", "x === null"),
        (True, "boolean", "x === true"),
        (3, "number", "x === 3"),
        (2.5, "number", "x === 2.5"),
        (2**53 - 1, "number", "x === 9007199254740991"),
        (2**64, "bigint", "x === 18446744073709551616n"),
        (-(2**60), "bigint", "x === -(2n ** 60n)"),
        (math.nan, "number", "Number.isNaN(x)"),
        (math.inf, "number", "x === Infinity"),
        (-math.inf, "number", "x === -Infinity"),
        (-0.0, "number", "Object.is(x, -0)"),
        ("naïve 😀", "string", "x === 'naïve 😀' && x.length === 8"),
        (b"\x00\xff", "object", "x instanceof Uint8Array && x[1] === 255"),
        (bytearray(b"ab"), "object", "x instanceof Uint8Array && x.length === 2"),
        (memoryview(b"xyz"), "object", "x instanceof Uint8Array && x[2] === 122"),
        ((1, 2), "object", "Array.isArray(x) && x[1] === 2"),
        ({"k": [1]}, "object", "Object.getPrototypeOf(x) === Object.prototype && x.k[0] === 1"),
        (
            datetime(2020, 1, 2, 3, 4, 5, 6000, tzinfo=timezone(timedelta(hours=2))),
            "object",
            "x instanceof Date && x.toISOString() === '2020-01-02T01:04:05.006Z'",
        ),
    ],
)
def test_python_to_js(echo, value, js_type, check):
    echo.eval(f"globalThis.check = (x) => [typeof x, Boolean({check})]")
    assert echo.call("check", value) == [js_type, True]


def test_round_trip_of_special_values(echo):
    d = datetime(2021, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
    out = echo.call("identity", [b"\x01", d, 2**70, -0.0, math.inf, {"nested": [None]}])
    assert out[0] == b"\x01" and out[1] == d and out[2] == 2**70
    assert math.copysign(1, out[3]) == -1 and out[4] == math.inf and out[5] == {"nested": [None]}


def test_lone_surrogates_become_replacement_characters(echo):
    assert echo.eval("'a\\uD800b'") == "a\ufffdb"
    assert echo.eval("['\\uDC00']") == ["\ufffd"]
    assert echo.call("identity", "x\ud800y") == "x\ufffdy"
    assert echo.call("identity", "😀") == "😀"  # a real pair is kept


@pytest.mark.parametrize(
    ("source", "type_name"),
    [
        ("new Map()", "Map"),
        ("new Set([1])", "Set"),
        ("Symbol('s')", "symbol"),
        ("new (class Point {})()", "Point"),
        ("[new WeakMap()]", "WeakMap"),
    ],
)
def test_unconvertible_js_values_raise_type_error(ctx, source, type_name):
    with pytest.raises(TypeError, match=type_name):
        ctx.eval(source)


class Custom:
    pass


@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        (Custom(), "Custom"),
        ({1: "a"}, "int key"),
        (datetime(2020, 1, 1), "naive datetime"),
        ({1, 2}, "set"),
        (object(), "object"),
    ],
)
def test_unconvertible_python_values_raise_type_error(echo, value, type_name):
    with pytest.raises(TypeError, match=type_name):
        echo.call("identity", value)


def test_objects_with_to_json_use_it(ctx):
    assert ctx.eval("({toJSON() { return 'custom'; }})") == "custom"


def test_returned_functions_are_callable(ctx):
    add = ctx.eval("(a, b) => a + b")
    assert isinstance(add, runtime.JSFunction)
    assert add(2, 3) == 5
    make = ctx.eval("(n) => (m) => n * m")
    assert make(6)(7) == 42
    # A function handle goes back into JS as the same function.
    ctx.eval("globalThis.apply2 = (f, x) => f(f(x))")
    assert ctx.call("apply2", ctx.eval("(x) => x + 1"), 1) == 3


def test_errors_are_plain_data_inside_values(ctx):
    err = ctx.eval("({e: new RangeError('bad')})")["e"]
    assert err["name"] == "RangeError" and err["message"] == "bad"


json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=6)
        | st.dictionaries(st.text().filter(lambda k: not k.startswith("\x00")), children, max_size=6)
    ),
    max_leaves=25,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=json_like)
def test_json_like_data_round_trips(echo, value):
    assert echo.call("identity", value) == value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.integers())
def test_any_int_round_trips(echo, value):
    assert echo.call("identity", value) == value


def test_handles_keep_live_js_values(ctx):
    ctx.eval(
        "globalThis.makeCounter = () => ({n: 0, inc() { return ++this.n; }, big: new Map([[1, 2]])});"
        "globalThis.bump = (c) => c.inc(); globalThis.size = (c) => c.big.size;"
    )
    counter = ctx.call("makeCounter", handle=True)
    assert isinstance(counter, runtime.JSHandle)
    assert ctx.call("bump", counter) == 1
    assert ctx.call("bump", counter) == 2  # the same live object, not a copy
    assert ctx.call("size", counter) == 1  # a Map inside: no conversion needed
    with pytest.raises(TypeError, match="Map"):
        counter.value()  # copying it out still converts every member
    point = ctx.call("Object.assign", {}, {"x": 1}, handle=True)
    assert point.value() == {"x": 1}


def _same(a, b) -> bool:
    """Equal, with NaN equal to itself and -0.0 told from 0.0."""
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if type(a) in (int, float) and type(b) in (int, float):
        return a == b  # JS has one number type: 1.0 comes back as 1
    return type(a) is type(b) and a == b


# Arguments take a fast encoder unless they may hold something JSON cannot say; mixing
# the special values into JSON-like data checks that both ways agree.
mixed_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(max_size=4),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.text(max_size=3).filter(lambda k: not k.startswith("\x00")), children, max_size=5
        )
    ),
    max_leaves=20,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=mixed_data)
def test_mixed_special_values_round_trip(echo, value):
    assert _same(echo.call("identity", value), value)


def test_enum_members_and_uuids_cross_as_their_values(echo):
    class Color(enum.Enum):
        RED = "red"

    class Level(enum.IntEnum):
        HIGH = 3

    u = uuid.UUID("12345678-1234-5678-1234-567812345678")
    expected = ["red", 3, "12345678-1234-5678-1234-567812345678"]
    assert echo.call("identity", [Color.RED, Level.HIGH, u]) == expected
    # With a null in the data the careful encoder runs: the same result.
    assert echo.call("identity", [Color.RED, Level.HIGH, u, None]) == [*expected, None]


@pytest.mark.parametrize("size", [0, 1, 1000, 1021, 1022, 1023, 1024, 5000, 70000])
def test_results_of_any_length_come_back_whole(echo, size):
    assert echo.call("identity", "x" * size) == "x" * size
    assert echo.call("identity", ["é" * size]) == ["é" * size]


def test_functions_returned_by_call_and_eval_are_released(ctx):
    # Handles Python dropped go back to JS with the next crossings of any kind, so a loop
    # of calls and evals that return functions holds a bounded number of them.
    ctx.eval("globalThis.makeFn = () => () => 1")
    for _ in range(300):
        assert ctx.call("makeFn")() == 1
        ctx.eval("(() => 2)")
    handles = ctx._crossing.op("held")[0]
    assert handles < 100, handles


def test_a_cyclic_structure_is_refused_not_walked_forever(ctx):
    ctx.eval("function ident(x) { return x; }")
    looped: list = [1]
    looped.append(looped)
    mapping: dict = {}
    mapping["self"] = {"up": mapping}
    for value in (looped, mapping):
        with pytest.raises(TypeError, match="cyclic"):
            ctx.call("ident", value)
    shared = [1, 2]
    assert ctx.call("ident", [shared, shared, {"a": shared}]) == [[1, 2], [1, 2], {"a": [1, 2]}]


def test_numbers_and_keys_go_back_as_they_came(ctx):
    ctx.eval("function ident(x) { return x; }")
    unsafe = ctx.eval("2 ** 53")
    assert ctx.call("ident", unsafe) == unsafe and ctx.eval("(x) => typeof x")(unsafe) == "number"
    assert (
        ctx.eval("(x) => typeof x")(2**53 - 1) == "number" and ctx.eval("(x) => typeof x")(2**53) == "bigint"
    )
    # lone surrogates in keys become U+FFFD, as in strings
    assert ctx.eval("({'\\ud800': 1, b: [{'x\\udfff': '\\udc00'}]})") == {
        "\ufffd": 1,
        "b": [{"x\ufffd": "\ufffd"}],
    }


@pytest.mark.parametrize("source", ["new Date(NaN)", "new Date(8.64e15)", "Symbol('x')"])
def test_a_value_python_cannot_hold_is_a_type_error_from_eval_and_call(ctx, source):
    with pytest.raises(TypeError, match="cannot convert"):
        ctx.eval(source)
    with pytest.raises(TypeError, match="cannot convert"):
        ctx.eval(f"() => {source}")()
