"""console: Node-style formatting (util.format / util.inspect) and routing to Python logging
with the level kept, on every engine."""

from __future__ import annotations

import logging
import re

import pytest

# Arguments for util.format, and what Node 20's util.format gives for each of them.
CASES = r"""
[
 ["%s is %d years", "Bob", 42],
 [{a:1,b:'two',c:[1,2,3],d:{e:{f:{g:1}}}}],
 [[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30]],
 [new Map([[1,'a'],['b',{x:1}]]), new Set([1,'x',[2]])],
 [new Date(0)],
 [/ab+c/gi],
 [new Uint8Array([1,2,3]), new Float64Array(2), new ArrayBuffer(4)],
 [(function(){ class Foo { constructor(){ this.x=1; } } return new Foo(); })()],
 [(function(){ const a={name:'a'}; a.self=a; a.list=[a]; return a; })()],
 ["str", ['it\'s', "q\"", "x\ny", 'both\'"']],
 [null, undefined, true, -0, 0, NaN, 10n, Symbol('s')],
 [function foo(){}, class Bar {}, () => 1, async function af(){}, function*g(){}],
 [{ 'a-b': 1, [Symbol('k')]: 2 }],
 [Object.create(null)],
 ["%j %O", {a:[1,{b:2}]}, {deep:{deeper:{deepest:{x:1}}}}],
 ["%i %f %d %%", "42.5px", "3.25", "7"],
 ["%c styled", "color: red"],
 ["%s", {a:1}, "%s", [1,2]],
 [[,1,,2,,,]],
 [{arr: new Array(120).fill(0)}],
 [{a: 'aaaaaaaaaaaaaaaaaaaa', b: 'bbbbbbbbbbbbbbbbbbbbbbbb', c: 'cccccccccccccccccccccc', d: 'dddddddddddd'}],
 [new Number(3), new String('ab')],
 [{get x(){return 1}, set y(v){}, get z(){return 1}, set z(v){}}],
 [[['a','b'],['c',['d',['e',['f']]]]]],
 [new WeakMap()],
 [Array.from({length: 26}, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))],
 [{ 'key with space': 1, 'valid_id': 2 }],
 ["%o", [1]],
]
"""
NODE_OUTPUT = [
    "Bob is 42 years",
    "{ a: 1, b: 'two', c: [ 1, 2, 3 ], d: { e: { f: [Object] } } }",
    "[\n   1,  2,  3,  4,  5,  6,  7,  8,  9,\n  10, 11, 12, 13, 14, 15, 16, 17, 18,\n  19, 20, 21, 22, 23, 24, 25, 26, 27,\n  28, 29, 30\n]",
    "Map(2) { 1 => 'a', 'b' => { x: 1 } } Set(3) { 1, 'x', [ 2 ] }",
    "1970-01-01T00:00:00.000Z",
    "/ab+c/gi",
    "Uint8Array(3) [ 1, 2, 3 ] Float64Array(2) [ 0, 0 ] ArrayBuffer { [Uint8Contents]: <00 00 00 00>, byteLength: 4 }",
    "Foo { x: 1 }",
    "<ref *1> { name: 'a', self: [Circular *1], list: [ [Circular *1] ] }",
    "str [ \"it's\", 'q\"', 'x\\ny', `both'\"` ]",
    "null undefined true -0 0 NaN 10n Symbol(s)",
    "[Function: foo] [class Bar] [Function (anonymous)] [AsyncFunction: af] [GeneratorFunction: g]",
    "{ 'a-b': 1, [Symbol(k)]: 2 }",
    "[Object: null prototype] {}",
    '{"a":[1,{"b":2}]} { deep: { deeper: { deepest: [Object] } } }',
    "42 3.25 7 %",
    " styled",
    "{ a: 1 } %s [ 1, 2 ]",
    "[ <1 empty item>, 1, <1 empty item>, 2, <2 empty items> ]",
    "{\n  arr: [\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,\n    0, 0, 0, 0,\n    ... 20 more items\n  ]\n}",
    "{\n  a: 'aaaaaaaaaaaaaaaaaaaa',\n  b: 'bbbbbbbbbbbbbbbbbbbbbbbb',\n  c: 'cccccccccccccccccccccc',\n  d: 'dddddddddddd'\n}",
    "[Number: 3] [String: 'ab']",
    "{ x: [Getter], y: [Setter], z: [Getter/Setter] }",
    "[ [ 'a', 'b' ], [ 'c', [ 'd', [Array] ] ] ]",
    "WeakMap { <items unknown> }",
    "[\n  'a',     'bb',    'ccc',   'dddd',\n  'eeeee', 'f',     'gg',    'hhh',\n  'iiii',  'jjjjj', 'k',     'll',\n  'mmm',   'nnnn',  'ooooo', 'p',\n  'qq',    'rrr',   'ssss',  'ttttt',\n  'u',     'vv',    'www',   'xxxx',\n  'yyyyy', 'z'\n]",
    "{ 'key with space': 1, valid_id: 2 }",
    "[ 1, [length]: 1 ]",
]


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG, logger="runtime.console")
    return caplog


def records(caplog):
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "runtime.console"]


def test_format_matches_node(ctx):
    got = ctx.eval(f"({CASES}).map((args) => __runtime.format(...args))")
    assert len(got) == len(NODE_OUTPUT)
    for i, (ours, node) in enumerate(zip(got, NODE_OUTPUT, strict=True)):
        assert ours == node, (i, ours, node)


def test_levels(ctx, logs):
    ctx.eval("""(() => {
        console.log('log', 1); console.info('info'); console.debug('debug');
        console.warn('warn'); console.error('error', {a: 1});
    })()""")
    assert records(logs) == [
        ("INFO", "log 1"),
        ("INFO", "info"),
        ("DEBUG", "debug"),
        ("WARNING", "warn"),
        ("ERROR", "error { a: 1 }"),
    ]


def test_methods_work_detached(ctx, logs):
    ctx.eval("(() => { const {log} = console; log('detached'); [1].forEach(console.info); })()")
    assert records(logs) == [("INFO", "detached"), ("INFO", "1 0 [ 1 ]")]


def test_assert(ctx, logs):
    ctx.eval("""(() => {
        console.assert(true, 'never');
        console.assert(false, 'failed %s', 'here');
        console.assert(0);
        console.assert(false, {x: 1});
    })()""")
    assert records(logs) == [
        ("ERROR", "Assertion failed: failed here"),
        ("ERROR", "Assertion failed"),
        ("ERROR", "Assertion failed: { x: 1 }"),
    ]


def test_group_indentation(ctx, logs):
    ctx.eval("""(() => {
        console.group('outer');
        console.log('one');
        console.group();
        console.warn('two\\nlines');
        console.groupEnd();
        console.groupEnd();
        console.groupEnd();   // extra groupEnd is harmless
        console.log('back');
    })()""")
    assert records(logs) == [
        ("INFO", "outer"),
        ("INFO", "  one"),
        ("WARNING", "    two\n    lines"),
        ("INFO", "back"),
    ]


def test_count(ctx, logs):
    ctx.eval("""(() => {
        console.count(); console.count(); console.count('x'); console.countReset();
        console.count(); console.countReset('nope');
    })()""")
    assert records(logs) == [
        ("INFO", "default: 1"),
        ("INFO", "default: 2"),
        ("INFO", "x: 1"),
        ("INFO", "default: 1"),
        ("WARNING", "Warning: Count for 'nope' does not exist"),
    ]


def test_time(ctx, logs):
    ctx.eval("""(() => {
        console.time('t');
        console.timeLog('t', 'extra', 1);
        console.timeEnd('t');
        console.timeEnd('t');
    })()""")
    recs = records(logs)
    assert re.fullmatch(r"t: \d+(\.\d+)?ms extra 1", recs[0][1])
    assert re.fullmatch(r"t: \d+(\.\d+)?ms", recs[1][1])
    assert recs[2] == ("WARNING", "Warning: No such label 't' for console.timeEnd()")


def test_trace(ctx, logs):
    ctx.eval("function traced() { console.trace('here %d', 5); }\ntraced();")
    [(level, text)] = records(logs)
    assert level == "DEBUG"
    lines = text.split("\n")
    assert lines[0] == "Trace: here 5"
    assert any("traced" in line for line in lines[1:]) and all(
        line.startswith("    at ") for line in lines[1:]
    )
    assert "runtime:shims" not in text


def test_errors_in_console(ctx, logs):
    ctx.eval("""(() => {
        const e = new TypeError('bad');
        e.code = 'E_BAD';
        console.error(e);
        console.log({inner: new RangeError('r')});
        console.log(new DOMException('stop', 'AbortError'));
    })()""")
    recs = records(logs)
    first = recs[0][1].split("\n")
    assert first[0] == "TypeError: bad"
    assert first[1].startswith("    at ")
    assert first[-1] == "}" and "  code: 'E_BAD'" in first
    assert recs[1][1].startswith("{\n  inner: RangeError: r\n      at ")
    assert recs[2][1].startswith("DOMException [AbortError]: stop\n    at ")


def test_error_without_frames_is_bracketed(ctx, logs):
    ctx.eval(
        "console.log(Object.assign(new Error('x'), {stack: undefined}), "
        "[new Error('y')].map(e => { e.stack = 'Error: y'; return e; })[0])"
    )
    assert records(logs) == [("INFO", "[Error: x] [Error: y]")]


def test_table(ctx, logs):
    ctx.eval("console.table([{a: 1, b: 'x'}, {a: 2, c: true}])")
    ctx.eval("console.table([[1, 2], [3, 4]], ['0'])")
    ctx.eval("console.table(new Map([['k', 1]]))")
    ctx.eval("console.table(5)")
    recs = records(logs)
    assert recs[0][1] == "\n".join(
        [
            "┌─────────┬───┬─────┬──────┐",
            "│ (index) │ a │ b   │ c    │",
            "├─────────┼───┼─────┼──────┤",
            "│ 0       │ 1 │ 'x' │      │",
            "│ 1       │ 2 │     │ true │",
            "└─────────┴───┴─────┴──────┘",
        ]
    )
    assert recs[1][1].split("\n")[1] == "│ (index) │ 0 │"
    assert recs[2][1].split("\n")[1] == "│ (iteration index) │ Key │ Values │"
    assert recs[3] == ("INFO", "5")


def test_dir_and_custom_inspect(ctx, logs):
    ctx.eval("""(() => {
        const custom = {[Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; }};
        console.log(custom, [custom]);
        console.dir(custom);
        console.dir({a: {b: {c: {d: 1}}}}, {depth: 0});
    })()""")
    assert records(logs) == [
        ("INFO", "CUSTOM [ CUSTOM ]"),
        ("INFO", "{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}"),
        ("INFO", "{ a: [Object] }"),
    ]


def test_console_object(ctx):
    r = ctx.eval("""[Object.prototype.toString.call(console), typeof console.log,
        console.log.name, Object.keys(console).includes('log')]""")
    assert r == ["[object console]", "function", "log", True]


def test_odd_values_do_not_break_logging(ctx, logs):
    ctx.eval("""(() => {
        const throwing = {get x() { throw new Error('getter'); }};
        const proxy = new Proxy({}, {});
        const deep = []; let cur = deep; for (let i = 0; i < 10; i++) { cur.push([]); cur = cur[0]; }
        console.log(throwing, proxy, deep, Promise.resolve(1), new Event('e'));
    })()""")
    [(level, text)] = records(logs)
    assert level == "INFO"
    assert re.fullmatch(
        r"\{ x: \[Getter\] \} \{\} \[ \[ \[ \[Array\] \] \] \] Promise \{ <unknown> \} "
        r"Event \{ type: 'e', defaultPrevented: false, cancelable: false, timeStamp: [\d.]+ \}",
        text,
    ), text


def test_namespace_object_shape(ctx):
    # (console loads lazily: until first touched its global is an accessor that loads it)
    assert ctx.eval("""(() => {
        void console.log;
        const d = Object.getOwnPropertyDescriptor(globalThis, "console");
        const proto = Object.getPrototypeOf(console);
        return [d.writable, d.enumerable, d.configurable, Object.getOwnPropertyNames(proto).length,
                Object.getPrototypeOf(proto) === Object.prototype, proto !== Object.prototype,
                Object.prototype.toString.call(console), "Console" in globalThis];
    })()""") == [True, False, True, 0, True, True, "[object console]", False]
