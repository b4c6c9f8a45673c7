"""node:assert and node:assert/strict, checked against Node.js (messages included)."""

from __future__ import annotations

from tests.node.conftest import UNDEFINED

# Runs each check, recording "ok" or the AssertionError (or other error) it threw.
RECORD = """
import assert from "node:assert";
const out = {};
const fields = (e) => e instanceof assert.AssertionError
  ? { message: e.message, operator: e.operator, generated: e.generatedMessage }
  : { name: e.name, code: e.code, message: e.message };
const check = (key, fn) => {
  try { fn(); out[key] = "ok"; } catch (e) { out[key] = fields(e); }
};
const checkAsync = async (key, fn) => {
  try { await fn(); out[key] = "ok"; } catch (e) { out[key] = fields(e); }
};
"""


def failed(message: str, operator: str, generated: bool = True) -> dict:
    return {"message": message, "operator": operator, "generated": generated}


def test_exports(node_js):
    assert node_js("""
import assert, * as ns from "node:assert";
import strict from "node:assert/strict";
import { strict as strictNamed, ok, AssertionError } from "assert";
export default {
  // CallTracker is deprecated and left out.
  keys: Object.keys(assert).filter((k) => k !== "CallTracker"),
  strictKeys: Object.keys(strict).filter((k) => k !== "CallTracker"),
  same: [ns.default === assert, assert.ok === assert, ok === assert, strict === assert.strict, strictNamed === strict,
    strict.strict === strict, strict.ok === assert, strict.equal === assert.strictEqual,
    strict.deepEqual === assert.deepStrictEqual, strict.notEqual === assert.notStrictEqual,
    strict.notDeepEqual === assert.notDeepStrictEqual, strict.AssertionError === AssertionError],
  names: [assert.name, strict.name, assert.match.name, assert.throws.name, assert.rejects.name],
};
""") == {
        "keys": [
            "fail",
            "AssertionError",
            "ok",
            "equal",
            "notEqual",
            "deepEqual",
            "notDeepEqual",
            "deepStrictEqual",
            "notDeepStrictEqual",
            "strictEqual",
            "notStrictEqual",
            "throws",
            "rejects",
            "doesNotThrow",
            "doesNotReject",
            "ifError",
            "match",
            "doesNotMatch",
            "strict",
        ],
        "strictKeys": [
            "fail",
            "AssertionError",
            "ok",
            "equal",
            "notEqual",
            "deepEqual",
            "notDeepEqual",
            "deepStrictEqual",
            "notDeepStrictEqual",
            "strictEqual",
            "notStrictEqual",
            "throws",
            "rejects",
            "doesNotThrow",
            "doesNotReject",
            "ifError",
            "match",
            "doesNotMatch",
            "strict",
        ],
        "same": [True] * 12,
        "names": ["ok", "strict", "match", "throws", "rejects"],
    }


def test_assertion_error(node_js):
    assert node_js("""
import assert from "node:assert";
const e = new assert.AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
const given = new assert.AssertionError({ message: "given", actual: 1, expected: 2, operator: "notStrictEqual" });
let thrown;
try { assert.strictEqual(1, 2); } catch (err) { thrown = err; }
let invalid;
try { new assert.AssertionError(5); } catch (err) { invalid = [err.code, err.message]; }
export default {
  made: [e.name, e.code, e.message, String(e), e.stack.split("\\n")[0], Object.keys(e), e.generatedMessage,
    e instanceof Error, Object.getOwnPropertyDescriptor(e, "name")?.enumerable ?? "inherited"],
  given: [given.message, given.generatedMessage, given.actual, given.expected, given.operator],
  thrown: [thrown instanceof assert.AssertionError, thrown.actual, thrown.expected, thrown.operator, thrown.code],
  invalid,
};
""") == {
        "made": [
            "AssertionError",
            "ERR_ASSERTION",
            "Expected values to be strictly equal:\n\n1 !== 2\n",
            "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n",
            "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
            ["generatedMessage", "code", "actual", "expected", "operator"],
            True,
            True,
            False,
        ],
        "given": ["given", False, 1, 2, "notStrictEqual"],
        "thrown": [True, 1, 2, "strictEqual", "ERR_ASSERTION"],
        "invalid": [
            "ERR_INVALID_ARG_TYPE",
            'The "options" argument must be of type object. Received type number (5)',
        ],
    }


EXPECTED_COMPARISONS = {
    "ok": "ok",
    "okFalsy": failed("0 == true", "=="),
    "okNone": failed("No value argument passed to `assert.ok()`", "=="),
    "okMessage": failed("custom", "==", False),
    "okError": {"name": "RangeError", "code": UNDEFINED, "message": "own"},
    "equal": "ok",
    "equalNaN": "ok",
    "equalFails": failed("1 == 2", "=="),
    "notEqual": failed("1 != '1'", "!="),
    "notEqualNaN": failed("NaN != NaN", "!="),
    "strictEqual": failed("Expected values to be strictly equal:\n\n1 !== '1'\n", "strictEqual"),
    "strictEqualZero": failed(
        ("Expected values to be strictly equal:\n+ actual - expected\n\n+ -0\n- 0"), "strictEqual"
    ),
    "strictEqualNaN": "ok",
    "strictEqualLong": failed(
        (
            "Expected values to be strictly equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ 'aaaaaaaaaaaaaaaaaaaa'\n"
            "- 'aaaaaaaaaaaaaaaaaaab'\n"
            "                      ^"
        ),
        "strictEqual",
    ),
    "strictEqualLines": failed(
        "Expected values to be strictly equal:\n\n'a\\nb' !== 'a\\nc'\n", "strictEqual"
    ),
    "strictEqualObjects": failed(
        ("Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n"), "strictEqual"
    ),
    "strictEqualObjectsDiffer": failed(
        (
            'Expected "actual" to be reference-equal to "expected":\n'
            "+ actual - expected\n"
            "\n"
            "  {\n"
            "+   a: 1\n"
            "-   a: 2\n"
            "  }"
        ),
        "strictEqual",
    ),
    "strictEqualFunctions": failed(
        (
            'Expected "actual" to be reference-equal to "expected":\n'
            "+ actual - expected\n"
            "\n"
            "+ [Function: f]\n"
            "- [Function: g]"
        ),
        "strictEqual",
    ),
    "strictEqualMessage": failed("mine\n\n1 !== 2\n", "strictEqual", False),
    "strictEqualMessageDiff": failed(
        "mine\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }", "deepStrictEqual", False
    ),
    "notStrictEqual": failed('Expected "actual" to be strictly unequal to: 1', "notStrictEqual"),
    "notStrictEqualLong": failed(
        "Expected \"actual\" to be strictly unequal to:\n\n'abcdef'", "notStrictEqual"
    ),
    "notStrictEqualObject": failed(
        ('Expected "actual" not to be reference-equal to "expected":\n\n{\n  a: 1\n}\n'), "notStrictEqual"
    ),
    "notStrictEqualMessage": failed("mine", "notStrictEqual", False),
    "deepEqual": "ok",
    "deepEqualFails": failed(
        (
            "Expected values to be loosely deep-equal:\n"
            "\n"
            "{\n"
            "  a: 1\n"
            "}\n"
            "\n"
            "should loosely deep-equal\n"
            "\n"
            "{\n"
            "  a: 2\n"
            "}"
        ),
        "deepEqual",
    ),
    "notDeepEqual": failed(
        ('Expected "actual" not to be loosely deep-equal to:\n\n{\n  a: 1\n}'), "notDeepEqual"
    ),
    "notDeepEqualLoose": failed(
        (
            "Expected values not to be loosely deep-equal:\n"
            "\n"
            "[\n"
            "  1\n"
            "]\n"
            "\n"
            "should not loosely deep-equal\n"
            "\n"
            "[\n"
            "  '1'\n"
            "]"
        ),
        "notDeepEqual",
    ),
    "deepStrictEqual": "ok",
    "notDeepStrictEqual": failed(
        ('Expected "actual" not to be strictly deep-equal to:\n\n{\n  a: 1\n}\n'), "notDeepStrictEqual"
    ),
    "missingArgs": {
        "name": "TypeError",
        "code": "ERR_MISSING_ARGS",
        "message": 'The "actual" and "expected" arguments must be specified',
    },
    "strictModule": failed("Expected values to be strictly equal:\n\n1 !== '1'\n", "strictEqual"),
    "strictDeep": failed(
        ("Expected values to be strictly deep-equal:\n+ actual - expected\n\n  [\n+   1\n-   '1'\n  ]"),
        "deepStrictEqual",
    ),
    "strictOk": failed("zero", "==", False),
    "fail": failed("Failed", "fail"),
    "failMessage": failed("boom", "fail", False),
    "failError": {"name": "TypeError", "code": UNDEFINED, "message": "own"},
}


def test_comparisons(node_js):
    assert (
        node_js(
            RECORD
            + """
const o = { a: 1 };
check("ok", () => assert.ok(1));
// Node quotes the call's source when it can read the file; from a Function body it cannot.
check("okFalsy", () => new Function("assert", "assert.ok(0)")(assert));
check("okNone", () => assert.ok());
check("okMessage", () => assert(false, "custom"));
check("okError", () => assert.ok(false, new RangeError("own")));
check("equal", () => assert.equal(1, "1"));
check("equalNaN", () => assert.equal(NaN, NaN));
check("equalFails", () => assert.equal(1, 2));
check("notEqual", () => assert.notEqual(1, "1"));
check("notEqualNaN", () => assert.notEqual(NaN, NaN));
check("strictEqual", () => assert.strictEqual(1, "1"));
check("strictEqualZero", () => assert.strictEqual(-0, 0));
check("strictEqualNaN", () => assert.strictEqual(NaN, NaN));
check("strictEqualLong", () => assert.strictEqual("a".repeat(20), "a".repeat(19) + "b"));
check("strictEqualLines", () => assert.strictEqual("a\\nb", "a\\nc"));
check("strictEqualObjects", () => assert.strictEqual({ a: 1 }, { a: 1 }));
check("strictEqualObjectsDiffer", () => assert.strictEqual({ a: 1 }, { a: 2 }));
check("strictEqualFunctions", () => assert.strictEqual(function f() {}, function g() {}));
check("strictEqualMessage", () => assert.strictEqual(1, 2, "mine"));
check("strictEqualMessageDiff", () => assert.deepStrictEqual({ a: 1 }, { a: 2 }, "mine"));
check("notStrictEqual", () => assert.notStrictEqual(1, 1));
check("notStrictEqualLong", () => assert.notStrictEqual("abcdef", "abcdef"));
check("notStrictEqualObject", () => assert.notStrictEqual(o, o));
check("notStrictEqualMessage", () => assert.notStrictEqual(1, 1, "mine"));
check("deepEqual", () => assert.deepEqual({ a: [1, "2"] }, { a: [1, 2] }));
check("deepEqualFails", () => assert.deepEqual({ a: 1 }, { a: 2 }));
check("notDeepEqual", () => assert.notDeepEqual({ a: 1 }, { a: 1 }));
check("notDeepEqualLoose", () => assert.notDeepEqual([1], ["1"]));
check("deepStrictEqual", () => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
check("notDeepStrictEqual", () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
check("missingArgs", () => assert.deepStrictEqual(1));
check("strictModule", () => assert.strict.equal(1, "1"));
check("strictDeep", () => assert.strict.deepEqual([1], ["1"]));
check("strictOk", () => assert.strict(0, "zero"));
check("fail", () => assert.fail());
check("failMessage", () => assert.fail("boom"));
check("failError", () => assert.fail(new TypeError("own")));
export default out;
"""
        )
        == EXPECTED_COMPARISONS
    )


EXPECTED_DIFFS = {
    "nested": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  {\n"
            "    a: 1,\n"
            "    b: [\n"
            "      1,\n"
            "      2,\n"
            "+     3\n"
            "-     4\n"
            "    ]\n"
            "  }"
        ),
        "deepStrictEqual",
    ),
    "skipped": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected ... Lines skipped\n"
            "\n"
            "  [\n"
            "    {\n"
            "...\n"
            "    },\n"
            "    {\n"
            "+     x: 11\n"
            "-     x: 12\n"
            "    }\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
    "longer": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  [\n"
            "    1,\n"
            "    2,\n"
            "-   3\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
    "shorter": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  [\n"
            "    1,\n"
            "    2,\n"
            "+   3\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
    "types": failed(
        ("Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ {}\n- []"), "deepStrictEqual"
    ),
    "errors": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ [Error: a]\n"
            "- [Error: b]\n"
            "          ^"
        ),
        "deepStrictEqual",
    ),
    "symbols": failed(
        ("Values have same structure but are not reference-equal:\n\n{\n  a: Symbol()\n}\n"),
        "deepStrictEqual",
    ),
    "map": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  Map(1) {\n"
            "    1 => {\n"
            "+     a: 1\n"
            "-     a: 2\n"
            "    }\n"
            "  }"
        ),
        "deepStrictEqual",
    ),
    "set": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  {\n"
            "    x: Set(2) {\n"
            "      1,\n"
            "+     2\n"
            "-     3\n"
            "    },\n"
            "    y: 'same'\n"
            "  }"
        ),
        "deepStrictEqual",
    ),
    "middle": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected ... Lines skipped\n"
            "\n"
            "  [\n"
            "    0,\n"
            "...\n"
            "    38,\n"
            "    39,\n"
            "+   40,\n"
            "-   -1,\n"
            "    41,\n"
            "...\n"
            "    78,\n"
            "    79\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
    "many": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected ... Lines skipped\n"
            "\n"
            "  [\n"
            "+   0,\n"
            "+   1,\n"
            "+   2,\n"
            "+   3,\n"
            "+   4,\n"
            "+   5,\n"
            "+   6,\n"
            "+   7,\n"
            "+   8,\n"
            "+   9,\n"
            "+   10,\n"
            "+   11,\n"
            "+   12,\n"
            "+   13,\n"
            "+   14,\n"
            "+   15,\n"
            "+   16,\n"
            "+   17,\n"
            "+   18,\n"
            "+   19,\n"
            "+   20,\n"
            "+   21,\n"
            "+   22,\n"
            "+   23,\n"
            "+   24,\n"
            "...\n"
            "-   -0,\n"
            "-   -1,\n"
            "-   -2,\n"
            "-   -3,\n"
            "-   -4,\n"
            "-   -5,\n"
            "-   -6,\n"
            "-   -7,\n"
            "-   -8,\n"
            "-   -9,\n"
            "-   -10,\n"
            "-   -11,\n"
            "-   -12,\n"
            "-   -13,\n"
            "-   -14,\n"
            "-   -15,\n"
            "-   -16,\n"
            "-   -17,\n"
            "-   -18,\n"
            "-   -19,\n"
            "-   -20,\n"
            "-   -21,\n"
            "-   -22,\n"
            "-   -23,\n"
            "-   -24,\n"
            "..."
        ),
        "deepStrictEqual",
    ),
    "longString": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n"
            "- 'y'"
        ),
        "deepStrictEqual",
    ),
    "nullProto": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ [Object: null prototype] {}\n"
            "- {}"
        ),
        "deepStrictEqual",
    ),
    "bigint": failed("Expected values to be strictly deep-equal:\n\n1n !== 2n\n", "deepStrictEqual"),
    "dates": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ 1970-01-01T00:00:00.000Z\n"
            "- 1970-01-01T00:00:00.001Z\n"
            "                        ^"
        ),
        "deepStrictEqual",
    ),
    "regexps": failed(
        ("Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ /a/g\n- /a/i"),
        "deepStrictEqual",
    ),
    "bytes": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  Uint8Array(2) [\n"
            "    1,\n"
            "+   2\n"
            "-   3\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
    "comma": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  [\n"
            "    [\n"
            "      1,\n"
            "      2,\n"
            "-     4\n"
            "    ],\n"
            "    3\n"
            "  ]"
        ),
        "deepStrictEqual",
    ),
}


def test_diffs(node_js):
    assert (
        node_js(
            RECORD
            + """
const objects = (n, last) => Array.from({ length: n }, (_, i) => ({ x: i === n - 1 ? last : i }));
check("nested", () => assert.deepStrictEqual({ a: 1, b: [1, 2, 3] }, { a: 1, b: [1, 2, 4] }));
check("skipped", () => assert.deepStrictEqual(objects(12, 11), objects(12, 12)));
check("longer", () => assert.deepStrictEqual([1, 2], [1, 2, 3]));
check("shorter", () => assert.deepStrictEqual([1, 2, 3], [1, 2]));
check("types", () => assert.deepStrictEqual({}, []));
check("errors", () => assert.deepStrictEqual(new Error("a"), new Error("b")));
check("symbols", () => assert.deepStrictEqual({ a: Symbol() }, { a: Symbol() }));
check("map", () => assert.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]])));
check("set", () => assert.deepStrictEqual({ x: new Set([1, 2]), y: "same" }, { x: new Set([1, 3]), y: "same" }));
check("middle", () => assert.deepStrictEqual(Array.from({ length: 80 }, (_, i) => i),
  Array.from({ length: 80 }, (_, i) => (i === 40 ? -1 : i))));
check("many", () => assert.deepStrictEqual(Array.from({ length: 80 }, (_, i) => i), Array.from({ length: 80 }, (_, i) => -i)));
check("longString", () => assert.deepStrictEqual("x".repeat(100), "y"));
check("nullProto", () => assert.deepStrictEqual(Object.create(null), {}));
check("bigint", () => assert.deepStrictEqual(1n, 2n));
check("dates", () => assert.deepStrictEqual(new Date(0), new Date(1)));
check("regexps", () => assert.deepStrictEqual(/a/g, /a/i));
check("bytes", () => assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
check("comma", () => assert.deepStrictEqual([[1, 2], 3], [[1, 2, 4], 3]));
export default out;
"""
        )
        == EXPECTED_DIFFS
    )


EXPECTED_THROWS = {
    "none": failed("Missing expected exception.", "throws", False),
    "noneClass": failed("Missing expected exception (TypeError).", "throws", False),
    "noneMessage": failed("Missing expected exception (TypeError): want it", "throws", False),
    "noneString": failed("Missing expected exception: want it", "throws", False),
    "class": "ok",
    "classBase": "ok",
    "classWrong": failed(
        (
            'The error is expected to be an instance of "TypeError". Received "RangeError"\n'
            "\n"
            "Error message:\n"
            "\n"
            "x"
        ),
        "throws",
    ),
    "classPrimitive": failed(
        'The error is expected to be an instance of "TypeError". Received "5"', "throws"
    ),
    "classSameName": failed(
        (
            'The error is expected to be an instance of "TypeError". Received an error with identical name but a different prototype.\n'
            "\n"
            "Error message:\n"
            "\n"
            "q"
        ),
        "throws",
    ),
    "regexp": "ok",
    "regexpWrong": failed(
        ("The input did not match the regular expression /xyz/. Input:\n\n'Error: hello'\n"), "throws"
    ),
    "object": "ok",
    "objectWrong": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  Comparison {\n"
            "+   code: 'E1',\n"
            "-   code: 'E2',\n"
            "    message: 'm'\n"
            "  }"
        ),
        "throws",
    ),
    "objectWrongMessage": failed("custom", "throws", False),
    "objectMissingKey": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "+ Comparison {}\n"
            "- Comparison {\n"
            "-   missing: 1\n"
            "- }"
        ),
        "throws",
    ),
    "errorObject": "ok",
    "errorObjectWrong": failed(
        (
            "Expected values to be strictly deep-equal:\n"
            "+ actual - expected\n"
            "\n"
            "  Comparison {\n"
            "+   message: 'm',\n"
            "-   message: 'n',\n"
            "    name: 'TypeError'\n"
            "  }"
        ),
        "throws",
    ),
    "emptyObject": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_VALUE",
        "message": "The argument 'error' may not be an empty object. Received {}",
    },
    "objectPrimitive": failed(
        ("Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 'str'\n- {\n-   a: 1\n- }"),
        "throws",
    ),
    "validator": "ok",
    "validatorWrong": failed(
        (
            'The "check" validation function is expected to return "true". Received 1\n'
            "\n"
            "Caught error:\n"
            "\n"
            "Error: m"
        ),
        "throws",
    ),
    "validatorArrow": failed(
        ('The validation function is expected to return "true". Received false\n\nCaught error:\n\nError: m'),
        "throws",
    ),
    "notFunction": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": 'The "fn" argument must be of type function. Received type number (5)',
    },
    "badExpected": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": 'The "error" argument must be of type function or an instance of Error, RegExp, or Object. Received type number (5)',
    },
    "stringTwice": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": "The \"error\" argument must be of type function or an instance of Error, RegExp, or Object. Received type string ('a')",
    },
    "ambiguous": {
        "name": "TypeError",
        "code": "ERR_AMBIGUOUS_ARGUMENT",
        "message": 'The "error/message" argument is ambiguous. The error message "m" is identical to the message.',
    },
    "ambiguousPrimitive": {
        "name": "TypeError",
        "code": "ERR_AMBIGUOUS_ARGUMENT",
        "message": 'The "error/message" argument is ambiguous. The error "m" is identical to the message.',
    },
    "dntOk": "ok",
    "dnt": failed('Got unwanted exception.\nActual message: "oops"', "doesNotThrow", False),
    "dntMessage": failed('Got unwanted exception: because\nActual message: "oops"', "doesNotThrow", False),
    "dntClass": failed('Got unwanted exception: because\nActual message: "oops"', "doesNotThrow", False),
    "dntOtherClass": {"name": "TypeError", "code": UNDEFINED, "message": "oops"},
    "dntRegExp": failed('Got unwanted exception.\nActual message: "oops"', "doesNotThrow", False),
    "dntBadExpected": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": 'The "expected" argument must be of type function or an instance of RegExp. Received type number (5)',
    },
}


def test_throws(node_js):
    assert (
        node_js(
            RECORD
            + """
const thrower = (e) => () => { throw e; };
const coded = Object.assign(new Error("m"), { code: "E1" });
check("none", () => assert.throws(() => {}));
check("noneClass", () => assert.throws(() => {}, TypeError));
check("noneMessage", () => assert.throws(() => {}, TypeError, "want it"));
check("noneString", () => assert.throws(() => {}, "want it"));
check("class", () => assert.throws(thrower(new TypeError("x")), TypeError));
check("classBase", () => assert.throws(thrower(new TypeError("x")), Error));
check("classWrong", () => assert.throws(thrower(new RangeError("x")), TypeError));
check("classPrimitive", () => assert.throws(thrower(5), TypeError));
check("classSameName", () => assert.throws(thrower(new (class TypeError extends Error {})("q")), TypeError));
check("regexp", () => assert.throws(thrower(new Error("hello")), /ell/));
check("regexpWrong", () => assert.throws(thrower(new Error("hello")), /xyz/));
check("object", () => assert.throws(thrower(coded), { code: "E1", message: /^m$/ }));
check("objectWrong", () => assert.throws(thrower(coded), { code: "E2", message: "m" }));
check("objectWrongMessage", () => assert.throws(thrower(coded), { code: "E2" }, "custom"));
check("objectMissingKey", () => assert.throws(thrower(coded), { missing: 1 }));
check("errorObject", () => assert.throws(thrower(new TypeError("m")), new TypeError("m")));
check("errorObjectWrong", () => assert.throws(thrower(new TypeError("m")), new TypeError("n")));
check("emptyObject", () => assert.throws(thrower(new Error("m")), {}));
check("objectPrimitive", () => assert.throws(thrower("str"), { a: 1 }));
check("validator", () => assert.throws(thrower(new Error("m")), (e) => e.message === "m"));
check("validatorWrong", () => assert.throws(thrower(new Error("m")), function check(e) { return 1; }));
check("validatorArrow", () => assert.throws(thrower(new Error("m")), (e) => false));
check("notFunction", () => assert.throws(5));
check("badExpected", () => assert.throws(thrower(new Error("m")), 5));
check("stringTwice", () => assert.throws(thrower(new Error("m")), "a", "b"));
check("ambiguous", () => assert.throws(thrower(new Error("m")), "m"));
check("ambiguousPrimitive", () => assert.throws(thrower("m"), "m"));
check("dntOk", () => assert.doesNotThrow(() => {}));
check("dnt", () => assert.doesNotThrow(thrower(new Error("oops"))));
check("dntMessage", () => assert.doesNotThrow(thrower(new Error("oops")), "because"));
check("dntClass", () => assert.doesNotThrow(thrower(new TypeError("oops")), TypeError, "because"));
check("dntOtherClass", () => assert.doesNotThrow(thrower(new TypeError("oops")), RangeError));
check("dntRegExp", () => assert.doesNotThrow(thrower(new TypeError("oops")), /oo/));
check("dntBadExpected", () => assert.doesNotThrow(thrower(new TypeError("oops")), 5));
export default out;
"""
        )
        == EXPECTED_THROWS
    )


EXPECTED_REJECTS = {
    "ok": "ok",
    "none": failed("Missing expected rejection.", "rejects", False),
    "noneFunction": failed("Missing expected rejection (Error).", "rejects", False),
    "wrong": failed(
        (
            'The error is expected to be an instance of "RangeError". Received "TypeError"\n'
            "\n"
            "Error message:\n"
            "\n"
            "x"
        ),
        "rejects",
    ),
    "notPromise": {
        "name": "TypeError",
        "code": "ERR_INVALID_RETURN_VALUE",
        "message": 'Expected instance of Promise to be returned from the "promiseFn" function but got type number (5).',
    },
    "notPromiseObject": {
        "name": "TypeError",
        "code": "ERR_INVALID_RETURN_VALUE",
        "message": 'Expected instance of Promise to be returned from the "promiseFn" function but got an instance of Object.',
    },
    "badArgument": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": 'The "promiseFn" argument must be of type function or an instance of Promise. Received type number (5)',
    },
    "thenable": "ok",
    "syncThrow": {"name": "Error", "code": UNDEFINED, "message": "sync"},
    "dnrOk": "ok",
    "dnr": failed('Got unwanted rejection.\nActual message: "r"', "doesNotReject", False),
    "dnrFunction": failed('Got unwanted rejection: msg\nActual message: "r2"', "doesNotReject", False),
    "returns": [UNDEFINED, "function"],
}


def test_rejects(node_js):
    assert (
        node_js(
            RECORD
            + """
await checkAsync("ok", () => assert.rejects(Promise.reject(new TypeError("x")), TypeError));
await checkAsync("none", () => assert.rejects(Promise.resolve(1)));
await checkAsync("noneFunction", () => assert.rejects(async () => 1, Error));
await checkAsync("wrong", () => assert.rejects(Promise.reject(new TypeError("x")), RangeError));
await checkAsync("notPromise", () => assert.rejects(() => 5));
await checkAsync("notPromiseObject", () => assert.rejects(() => ({})));
await checkAsync("badArgument", () => assert.rejects(5));
await checkAsync("thenable", () => assert.rejects({ then(resolve, reject) { reject(new Error("t")); }, catch() {} }, /t/));
await checkAsync("syncThrow", () => assert.rejects(() => { throw new Error("sync"); }));
await checkAsync("dnrOk", () => assert.doesNotReject(Promise.resolve(1)));
await checkAsync("dnr", () => assert.doesNotReject(Promise.reject(new Error("r"))));
await checkAsync("dnrFunction", () => assert.doesNotReject(async () => { throw new Error("r2"); }, "msg"));
out.returns = [await assert.rejects(Promise.reject(new Error("x"))), typeof assert.rejects(Promise.reject(1)).then];
export default out;
"""
        )
        == EXPECTED_REJECTS
    )


EXPECTED_MATCH = {
    "match": "ok",
    "matchFails": failed(("The input did not match the regular expression /x/. Input:\n\n'abc'\n"), "match"),
    "matchNotString": failed(
        'The "string" argument must be of type string. Received type number (5)', "match"
    ),
    "matchNotRegExp": {
        "name": "TypeError",
        "code": "ERR_INVALID_ARG_TYPE",
        "message": "The \"regexp\" argument must be an instance of RegExp. Received type string ('a')",
    },
    "matchMessage": failed("mine", "match", False),
    "matchError": {"name": "RangeError", "code": UNDEFINED, "message": "own"},
    "doesNotMatch": "ok",
    "doesNotMatchFails": failed(
        ("The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n"), "doesNotMatch"
    ),
    "doesNotMatchNull": failed(
        'The "string" argument must be of type string. Received type object (null)', "doesNotMatch"
    ),
    "ifErrorNull": "ok",
    "ifErrorUndefined": "ok",
    "ifError": failed("ifError got unwanted exception: bad", "ifError", False),
    "ifErrorEmpty": failed("ifError got unwanted exception: TypeError", "ifError", False),
    "ifErrorString": failed("ifError got unwanted exception: 'str'", "ifError", False),
    "ifErrorZero": failed("ifError got unwanted exception: 0", "ifError", False),
    "failTwo": failed("1 != 2", "!="),
    "failOperator": failed("1 > 2", ">"),
    "failMessage": failed("msg", "fail", False),
    "ifErrorFields": ["bad", None, "ifError"],
    "warnings": [
        [
            "DeprecationWarning",
            "DEP0094",
            "assert.fail() with more than one argument is deprecated. Please use assert.strictEqual() instead or only pass a message.",
        ]
    ],
}


def test_match_if_error_fail(node_js):
    assert (
        node_js(
            RECORD
            + """
import process from "node:process";
const warnings = [];
process.on("warning", (w) => warnings.push([w.name, w.code, w.message]));
check("match", () => assert.match("abc", /b/));
check("matchFails", () => assert.match("abc", /x/));
check("matchNotString", () => assert.match(5, /x/));
check("matchNotRegExp", () => assert.match("a", "a"));
check("matchMessage", () => assert.match("abc", /x/, "mine"));
check("matchError", () => assert.match("abc", /x/, new RangeError("own")));
check("doesNotMatch", () => assert.doesNotMatch("abc", /x/));
check("doesNotMatchFails", () => assert.doesNotMatch("abc", /b/));
check("doesNotMatchNull", () => assert.doesNotMatch(null, /b/));
check("ifErrorNull", () => assert.ifError(null));
check("ifErrorUndefined", () => assert.ifError(undefined));
check("ifError", () => assert.ifError(new Error("bad")));
check("ifErrorEmpty", () => assert.ifError(new TypeError("")));
check("ifErrorString", () => assert.ifError("str"));
check("ifErrorZero", () => assert.ifError(0));
check("failTwo", () => assert.fail(1, 2));
check("failOperator", () => assert.fail(1, 2, undefined, ">"));
check("failMessage", () => assert.fail(1, 2, "msg"));
let e;
try { assert.ifError(new Error("bad")); } catch (x) { e = x; }
out.ifErrorFields = [e.actual.message, e.expected, e.operator];
await new Promise((resolve) => setTimeout(resolve, 0));
out.warnings = warnings;
export default out;
"""
        )
        == EXPECTED_MATCH
    )
