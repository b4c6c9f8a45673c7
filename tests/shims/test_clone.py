"""structuredClone (HTML structured serialize/deserialize), on every engine."""

from __future__ import annotations

import pytest

import runtime


def test_primitives(ctx):
    r = ctx.eval("""(() => [undefined, null, true, 1.5, 'str', 10n, -0, NaN]
        .map((v) => structuredClone(v))
        .map((v) => [typeof v, Object.is(v, -0) ? '-0' : String(v)]))()""")
    assert r == [
        ["undefined", "undefined"],
        ["object", "null"],
        ["boolean", "true"],
        ["number", "1.5"],
        ["string", "str"],
        ["bigint", "10"],
        ["number", "-0"],
        ["number", "NaN"],
    ]


def test_objects_arrays_cycles_and_sharing(ctx):
    r = ctx.eval("""(() => {
        const shared = {n: 1};
        const o = {a: [1, , 3], b: shared, c: shared, nested: {deep: {deeper: [shared]}}};
        o.self = o;
        o.a.extra = 'x';
        const c = structuredClone(o);
        return [c !== o, c.self === c, c.b === c.c, c.b !== shared, c.nested.deep.deeper[0] === c.b,
                c.a.length, 1 in c.a, c.a.extra, Array.isArray(c.a),
                Object.getPrototypeOf(c) === Object.prototype];
    })()""")
    assert r == [True, True, True, True, True, 3, False, "x", True, True]


def test_builtin_types(ctx):
    r = ctx.eval("""(() => {
        const re = /a+b/gi; re.lastIndex = 3;
        const m = new Map([[{k: 1}, 'v'], ['x', new Set([1, 2])]]);
        const src = {d: new Date(1234), re, m, s: new Set(['a', {b: 2}]),
                     num: new Number(4), str: new String('s'), bool: new Boolean(false),
                     big: Object(5n)};
        const c = structuredClone(src);
        const [[mk, mv]] = c.m;
        return [c.d instanceof Date, c.d.getTime(), c.d !== src.d, String(c.re), c.re.lastIndex,
                c.m instanceof Map, mk.k, mv, c.m.get('x').has(2), c.s.size, [...c.s][1].b,
                typeof c.num, c.num.valueOf(), c.str.valueOf(), c.bool.valueOf(),
                typeof c.big, c.big.valueOf() === 5n];
    })()""")
    assert r == [
        True,
        1234,
        True,
        "/a+b/gi",
        0,
        True,
        1,
        "v",
        True,
        2,
        2,
        "object",
        4,
        "s",
        False,
        "object",
        True,
    ]


def test_binary_types(ctx):
    r = ctx.eval("""(() => {
        const buf = new ArrayBuffer(8);
        const u8 = new Uint8Array(buf); u8.set([1, 2, 3, 4, 5, 6, 7, 8]);
        const i16 = new Int16Array(buf, 2, 2);
        const dv = new DataView(buf, 4, 4);
        const c = structuredClone({buf, u8, i16, dv, f: new Float64Array([1.5])});
        c.u8[0] = 99;
        return [u8[0], c.buf.byteLength, c.u8.buffer === c.buf, c.i16.buffer === c.buf,
                c.i16.byteOffset, c.i16.length, c.i16 instanceof Int16Array, c.dv instanceof DataView,
                c.dv.byteOffset, c.dv.getUint8(0), c.f[0], c.buf !== buf];
    })()""")
    assert r == [1, 8, True, True, 2, 2, True, True, 4, 5, 1.5, True]


def test_resizable_buffer(ctx):
    r = ctx.eval("""(() => {
        const b = new ArrayBuffer(4, {maxByteLength: 16});
        const c = structuredClone(b);
        return [c.resizable, c.maxByteLength, c.byteLength];
    })()""")
    assert r == [True, 16, 4]


def test_errors(ctx):
    r = ctx.eval("""(() => {
        const e = new RangeError('bad', {cause: {c: 1}});
        const c = structuredClone(e);
        class Custom extends TypeError {}
        const cust = structuredClone(new Custom('x'));
        const odd = new Error('odd'); odd.name = 'WeirdError';
        const d = structuredClone(new DOMException('gone', 'NotFoundError'));
        return [c instanceof RangeError, c.message, c.name, c !== e, c.cause.c, typeof c.stack,
                cust instanceof TypeError, cust.constructor === TypeError, structuredClone(odd).name,
                d instanceof DOMException, d.name, d.message, d.code];
    })()""")
    assert r == [
        True,
        "bad",
        "RangeError",
        True,
        1,
        "string",
        True,
        True,
        "Error",
        True,
        "NotFoundError",
        "gone",
        8,
    ]


def test_class_instances_lose_their_prototype(ctx):
    r = ctx.eval("""(() => {
        class Point { constructor() { this.x = 1; this.y = 2; } get len() { return 3; } }
        const c = structuredClone(new Point());
        const hidden = {};
        Object.defineProperty(hidden, 'h', {value: 1, enumerable: false});
        hidden[Symbol('s')] = 1;
        hidden.v = 2;
        const ch = structuredClone(hidden);
        return [Object.getPrototypeOf(c) === Object.prototype, c.x, c.y, 'len' in c,
                Object.keys(ch), Object.getOwnPropertySymbols(ch).length];
    })()""")
    assert r == [True, 1, 2, False, ["v"], 0]


@pytest.mark.parametrize(
    "expr",
    [
        "() => 1",
        "function f() {}",
        "Symbol('s')",
        "new WeakMap()",
        "new WeakSet()",
        "Promise.resolve()",
        "{f() {}}",
        "[1, () => 2]",
        "new Map([[1, Symbol()]])",
        "new EventTarget()",
        "new AbortController()",
        "new TextEncoder()",
        "Object(Symbol('x'))",
    ],
)
def test_data_clone_error(ctx, expr):
    r = ctx.eval(f"""(() => {{
        try {{ structuredClone({expr}); return 'cloned'; }}
        catch (e) {{ return [e.name, e instanceof DOMException, e.code]; }}
    }})()""")
    assert r == ["DataCloneError", True, 25]


def test_transfer(ctx):
    r = ctx.eval("""(() => {
        const buf = new ArrayBuffer(8);
        const view = new Uint8Array(buf, 2, 4);
        view[0] = 7;
        const c = structuredClone({view, buf}, {transfer: [buf]});
        return [buf.byteLength, view.length, c.buf.byteLength, c.view.buffer === c.buf,
                c.view.byteOffset, c.view[0]];
    })()""")
    assert r == [0, 0, 8, True, 2, 7]


def test_transfer_errors(ctx):
    cases = {
        "structuredClone(1, {transfer: [new Uint8Array(1)]})": "DataCloneError",
        "(() => { const b = new ArrayBuffer(1); structuredClone(b, {transfer: [b, b]}); })()": "DataCloneError",
        "(() => { const b = new ArrayBuffer(1); structuredClone(0, {transfer: [b]});"
        " structuredClone(0, {transfer: [b]}); })()": "DataCloneError",
        "structuredClone(1, {transfer: 5})": "TypeError",
        "structuredClone(1, 5)": "TypeError",
        "structuredClone()": "TypeError",
    }
    for expr, name in cases.items():
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(expr)
        assert e.value.name == name, expr


def test_getters_run_once_and_order_kept(ctx):
    r = ctx.eval("""(() => {
        let calls = 0;
        const o = {b: 1, get a() { calls++; return 2; }, 1: 'one'};
        const c = structuredClone(o);
        return [Object.keys(c), c.a, calls, Object.getOwnPropertyDescriptor(c, 'a').get];
    })()""")
    assert r == [["1", "b", "a"], 2, 1, None]


def test_blob_and_file_clone(ctx):
    promise = ctx.eval("""(async () => {
        const blob = new Blob(["ab\\u0000c"], { type: "text/plain" });
        const file = new File(["xyz"], "f.txt", { type: "text/x", lastModified: 42 });
        class Sub extends File {}
        const sub = new Sub(["s"], "s.bin");
        const [b, f, s] = structuredClone([blob, file, sub]);
        return [b !== blob, b instanceof Blob, b.type, await b.text(),
                f instanceof File, f.name, f.type, f.lastModified, await f.text(),
                Object.getPrototypeOf(s) === File.prototype, s.name];
    })()""")
    blob = [True, True, "text/plain", "ab\x00c"]
    assert ctx.wait(promise) == [*blob, True, "f.txt", "text/x", 42, "xyz", True, "s.bin"]


def test_out_of_bounds_views_do_not_clone(ctx):
    assert ctx.eval("""(() => {
        const out = [];
        for (const make of [(b) => new Uint8Array(b, 8), (b) => new DataView(b, 8)]) {
          const buffer = new ArrayBuffer(16, { maxByteLength: 16 });
          const view = make(buffer);
          buffer.resize(4);
          try { structuredClone(view); out.push("cloned"); } catch (e) { out.push(e.name); }
        }
        const ok = new Uint8Array(new ArrayBuffer(16, { maxByteLength: 16 }), 4, 2);
        out.push(structuredClone(ok).byteOffset);
        return out;
    })()""") == ["DataCloneError", "DataCloneError", 4]
