"""Blob and File (W3C File API), on every engine."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


async def run(ctx, body: str):
    return await ctx.eval_async("(async () => {" + body + "})()")


async def test_parts_and_size(ctx):
    assert await run(
        ctx,
        """
        const buf = new Uint8Array([1, 2, 3, 4]);
        const b = new Blob(["ab", buf.buffer, buf.subarray(1, 3), new DataView(buf.buffer, 3),
                            new Blob(["cd"]), 42]);
        return [b.size, [...await b.bytes()]];
    """,
    ) == [13, [97, 98, 1, 2, 3, 4, 2, 3, 4, 99, 100, 52, 50]]


async def test_defaults_and_shape(ctx):
    assert await run(
        ctx,
        """
        const b = new Blob();
        return [b.size, b.type, await b.text(), String(b), Blob.name, Blob.length,
                Object.getOwnPropertyDescriptor(globalThis, "Blob").enumerable];
    """,
    ) == [0, "", "", "[object Blob]", "Blob", 0, False]


@pytest.mark.parametrize(
    ("type_", "expected"),
    [("Text/HTML", "text/html"), ("a\u00e9", ""), ("x\ny", ""), ("", ""), ("  x ", "  x ")],
)
def test_type_normalization(ctx, type_, expected):
    assert ctx.eval("(t) => new Blob([], { type: t }).type")(type_) == expected
    assert ctx.eval("(t) => new Blob(['abc']).slice(0, 1, t).type")(type_) == expected


async def test_endings(ctx):
    assert await run(
        ctx,
        """
        const parts = ["a\\r\\nb\\rc\\nd"];
        return [await new Blob(parts).text(), await new Blob(parts, { endings: "native" }).text(),
                await new Blob(parts, { endings: "transparent" }).text()];
    """,
    ) == ["a\r\nb\rc\nd", "a\nb\nc\nd", "a\r\nb\rc\nd"]
    with pytest.raises(Exception) as info:
        ctx.eval("new Blob([], { endings: 'windows' })")
    assert info.value.name == "TypeError"


@pytest.mark.parametrize("bad", ["'abc'", "5", "{}", "null"])
def test_non_sequence_parts_throw(ctx, bad):
    with pytest.raises(Exception) as info:
        ctx.eval(f"new Blob({bad})")
    assert info.value.name == "TypeError"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("", "0123456789"),
        ("3", "3456789"),
        ("-3", "789"),
        ("-3, -1", "78"),
        ("2, 5", "234"),
        ("5, 2", ""),
        ("-100, 100", "0123456789"),
        ("100", ""),
        ("1.5, 3.5", "23"),  # [Clamp] rounds half to even: 2..4
        ("NaN, 4", "0123"),
        ("undefined, -8", "01"),
        ("0, Infinity", "0123456789"),
        ("-Infinity, 2", "01"),
    ],
)
async def test_slice(ctx, args, expected):
    assert await run(ctx, f"return new Blob(['0123456789']).slice({args}).text();") == expected


async def test_slice_of_slice_and_type(ctx):
    assert await run(
        ctx,
        """
        const b = new Blob(["abcdefgh"], { type: "text/plain" });
        const s = b.slice(2, 7).slice(-3, -1);
        return [await s.text(), s.type, s.size, b.slice(1).type];
    """,
    ) == ["ef", "", 2, ""]


async def test_text_decoding(ctx):
    assert (
        await run(
            ctx,
            """
        const b = new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xC3, 0xA9, 0xFF, 0xE2, 0x82])]);
        return b.text();
    """,
        )
        == "hé\ufffd\ufffd"
    )


async def test_lone_surrogates_become_replacement(ctx):
    assert await run(ctx, "return [...await new Blob(['a\\ud800b']).bytes()];") == [
        0x61,
        0xEF,
        0xBF,
        0xBD,
        0x62,
    ]


async def test_copies_are_independent(ctx):
    assert await run(
        ctx,
        """
        const src = new Uint8Array([1, 2, 3]);
        const b = new Blob([src]);
        src[0] = 9;
        const ab = await b.arrayBuffer();
        new Uint8Array(ab)[1] = 9;
        const u8 = await b.bytes();
        u8[2] = 9;
        return [ab instanceof ArrayBuffer, u8 instanceof Uint8Array, [...await b.bytes()]];
    """,
    ) == [True, True, [1, 2, 3]]


async def test_stream(ctx):
    assert await run(
        ctx,
        """
        const big = new Uint8Array(150000).map((_, i) => i & 255);
        const sizes = [];
        let total = 0, ok = true;
        for await (const chunk of new Blob([big]).stream()) {
          sizes.push(chunk.length);
          for (let i = 0; i < chunk.length; i++) if (chunk[i] !== ((total + i) & 255)) ok = false;
          total += chunk.length;
        }
        const empty = [];
        for await (const c of new Blob().stream()) empty.push(c);
        return [total, ok, sizes.every((s) => s > 0), empty.length];
    """,
    ) == [150000, True, True, 0]


async def test_blob_methods_check_receiver(ctx):
    assert (
        await run(
            ctx,
            """
        const out = [];
        try { Blob.prototype.slice.call({}); } catch (e) { out.push(e.name); }
        try { await Blob.prototype.text.call({}); } catch (e) { out.push(e.name); }
        const size = Object.getOwnPropertyDescriptor(Blob.prototype, "size").get;
        try { size.call({}); } catch (e) { out.push(e.name); }
        return out;
    """,
        )
        == ["TypeError"] * 3
    )


async def test_file(ctx):
    assert await run(
        ctx,
        """
        const before = Date.now();
        const f = new File(["abc"], "n\\u00e4me.txt", { type: "TEXT/plain" });
        const f2 = new File([f], "x", { lastModified: 12345.9 });
        return [f.name, f.type, f.size, f.lastModified >= before && f.lastModified <= Date.now(),
                f instanceof Blob, String(f), await f2.text(), f2.lastModified, f2.type,
                File.name, File.length, f.webkitRelativePath];
    """,
    ) == ["näme.txt", "text/plain", 3, True, True, "[object File]", "abc", 12345, "", "File", 2, ""]


async def test_file_requires_two_arguments(ctx):
    assert await run(
        ctx,
        """
        const out = [];
        try { new File(["a"]); } catch (e) { out.push(e.name); }
        const name = Object.getOwnPropertyDescriptor(File.prototype, "name").get;
        try { name.call(new Blob()); } catch (e) { out.push(e.name); }
        out.push(new File([], 5).name, new File([], "a\\ud800").name);
        return out;
    """,
    ) == ["TypeError", "TypeError", "5", "a\ufffd"]


async def test_blob_to_python(ctx):
    assert await ctx.eval_async("new Blob(['h\\u00e9']).bytes()") == "hé".encode()
    assert await ctx.eval_async("new Blob(['xyz']).arrayBuffer()") == b"xyz"


@SETTINGS
@given(data=st.binary(max_size=64), start=st.integers(-80, 80), end=st.integers(-80, 80))
def test_slice_matches_python(ctx, data, start, end):
    got = ctx.eval("(data, s, e) => new Blob([data]).slice(s, e).bytes()")(data, start, end)
    assert ctx.wait(got) == data[start:end]


@SETTINGS
@given(data=st.binary(max_size=40))
def test_text_matches_python_utf8(ctx, data):
    expected = data.decode("utf-8", "replace")
    if expected.startswith("\ufeff"):
        expected = expected[1:]
    assert ctx.wait(ctx.eval("(d) => new Blob([d]).text()")(data)) == expected


@SETTINGS
@given(text=st.text(max_size=40))
def test_string_parts_encode_like_python(ctx, text):
    assert ctx.wait(ctx.eval("(t) => new Blob([t]).bytes()")(text)) == text.encode()


def test_constructor_converts_parts_then_options(ctx):
    # Web IDL converts the arguments left to right: every part (as the sequence is read),
    # then the options dictionary's members in order.
    assert ctx.eval("""(() => {
        const log = [];
        const part = { toString() { log.push("part"); return "x"; } };
        const options = {
          get endings() { log.push("endings"); return "transparent"; },
          get type() { log.push("type"); return "text/plain"; },
        };
        const blob = new Blob([part, part], options);
        let threw = null;
        const bad = { toString() { log.push("bad part"); throw new RangeError("no"); } };
        try { new Blob([bad], options); } catch (e) { threw = e.name; }
        return [log, blob.size, blob.type, threw];
    })()""") == [["part", "part", "endings", "type", "bad part"], 2, "text/plain", "RangeError"]


def test_parts_sequence_reads_its_iterator_once(ctx):
    assert ctx.eval("""(() => {
        const log = [];
        const parts = {
          get [Symbol.iterator]() { log.push("@@iterator"); return Array.prototype[Symbol.iterator]; },
          get length() { log.push("length"); return 2; },
          get 0() { log.push("0"); return "a"; },
          get 1() { log.push("1"); return "b"; },
        };
        return [new Blob(parts).size, log];
    })()""") == [2, ["@@iterator", "length", "0", "length", "1", "length"]]
