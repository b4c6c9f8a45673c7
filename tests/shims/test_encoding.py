"""TextEncoder and TextDecoder (WHATWG Encoding, UTF-8), on every engine."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtime

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Bytes that exercise every branch of the UTF-8 decoder (lead bytes, boundaries, invalid).
INTERESTING = [
    0x00,
    0x41,
    0x7F,
    0x80,
    0x8F,
    0x90,
    0x9F,
    0xA0,
    0xBF,
    0xC0,
    0xC1,
    0xC2,
    0xDF,
    0xE0,
    0xED,
    0xEF,
    0xF0,
    0xF4,
    0xF5,
    0xFF,
]
utf8ish = st.lists(st.sampled_from(INTERESTING), max_size=24).map(bytes) | st.binary(max_size=24)


def decode(ctx, data: bytes, *, fatal=False, ignore_bom=False) -> str:
    return ctx.eval(
        f"new TextDecoder('utf-8', {{fatal: {json.dumps(fatal)}, "
        f"ignoreBOM: {json.dumps(ignore_bom)}}})"
        f".decode(new Uint8Array({list(data)}))"
    )


def expected(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    return text[1:] if text.startswith("\ufeff") else text


def test_encoder_basics(ctx):
    assert ctx.eval("new TextEncoder().encoding") == "utf-8"
    assert ctx.eval("new TextEncoder().encode()") == b""
    assert ctx.eval("new TextEncoder().encode('h\\u00e9\\u20ac\\ud83d\\ude00')") == "hé€😀".encode()
    # lone surrogates become U+FFFD (USVString conversion)
    assert ctx.eval("new TextEncoder().encode('a\\ud800b\\udc00')") == "a\ufffdb\ufffd".encode()
    assert ctx.eval("new TextEncoder().encode(123)") == b"123"
    assert ctx.eval("new TextEncoder().encode('x') instanceof Uint8Array") is True
    assert ctx.eval("Object.prototype.toString.call(new TextEncoder())") == "[object TextEncoder]"


def test_encode_into(ctx):
    r = ctx.eval("""(() => {
        const enc = new TextEncoder();
        const out = [];
        const buf = new Uint8Array(5);
        out.push(enc.encodeInto('ab\\u20acz', buf), Array.from(buf));
        const small = new Uint8Array(4);
        out.push(enc.encodeInto('a\\ud83d\\ude00', small));   // 1 + 4 bytes: the emoji does not fit
        out.push(enc.encodeInto('\\ud83d\\ude00', new Uint8Array(4)));
        out.push(enc.encodeInto('', new Uint8Array(0)));
        try { enc.encodeInto('x', new Uint16Array(2)); out.push('no error'); }
        catch (e) { out.push(e.name); }
        return out;
    })()""")
    assert r[0] == {"read": 3, "written": 5}
    assert r[1] == [0x61, 0x62, 0xE2, 0x82, 0xAC]
    assert r[2] == {"read": 1, "written": 1}
    assert r[3] == {"read": 2, "written": 4}
    assert r[4] == {"read": 0, "written": 0}
    assert r[5] == "TypeError"


def test_decoder_labels(ctx):
    labels = [" unicode-1-1-utf-8 ", "\tUnicode11UTF8\n", "unicode20utf8", "x-unicode20utf8"]
    for label in ["utf-8", "UTF8", *labels]:
        assert ctx.eval(f"new TextDecoder({json.dumps(label)}).encoding") == "utf-8"
    # (the other encodings' labels: tests/shims/test_encoding_legacy.py)
    for label in ["", "utf-8x", "\u00a0utf-8", "utf-16x", "latin-1"]:
        with pytest.raises(runtime.JSError) as e:
            ctx.eval(f"new TextDecoder({json.dumps(label)})")
        assert e.value.name == "RangeError"
    assert ctx.eval("new TextDecoder().fatal") is False
    assert ctx.eval("new TextDecoder('utf-8', {fatal: true}).fatal") is True
    assert ctx.eval("new TextDecoder('utf-8', {ignoreBOM: 1}).ignoreBOM") is True


def test_decode_inputs(ctx):
    assert ctx.eval("new TextDecoder().decode()") == ""
    assert ctx.eval("new TextDecoder().decode(new Uint8Array([104, 105]).buffer)") == "hi"
    view = "new DataView(new Uint8Array([0, 104, 105]).buffer, 1)"
    assert ctx.eval(f"new TextDecoder().decode({view})") == "hi"
    assert ctx.eval("new TextDecoder().decode(new Uint16Array([0x6968]))") == "hi"
    with pytest.raises(runtime.JSError) as e:
        ctx.eval("new TextDecoder().decode('abc')")
    assert e.value.name == "TypeError"


def test_bom(ctx):
    bom = [0xEF, 0xBB, 0xBF]
    assert ctx.eval(f"new TextDecoder().decode(new Uint8Array({[*bom, 97]}))") == "a"
    keep = "new TextDecoder('utf-8', {ignoreBOM: true})"
    assert ctx.eval(f"{keep}.decode(new Uint8Array({[*bom, 97]}))") == "\ufeffa"
    # only one BOM is stripped, and only at the very start
    assert ctx.eval(f"new TextDecoder().decode(new Uint8Array({bom + bom}))") == "\ufeff"
    assert ctx.eval(f"new TextDecoder().decode(new Uint8Array({[97, *bom]}))") == "a\ufeff"
    # a BOM split across streamed chunks is still stripped; a new stream strips again
    r = ctx.eval(f"""(() => {{
        const d = new TextDecoder();
        const a = d.decode(new Uint8Array([0xEF]), {{stream: true}})
            + d.decode(new Uint8Array([0xBB, 0xBF, 0x61]));
        const b = d.decode(new Uint8Array({[*bom, 98]}));
        return [a, b];
    }})()""")
    assert r == ["a", "b"]


def test_replacement_examples(ctx):
    # Encoding spec / Unicode "maximal subpart" examples
    cases = {
        b"\x80": "\ufffd",
        b"\xc3": "\ufffd",
        b"\xe2\x82": "\ufffd",
        b"\xf0\x9f\x98": "\ufffd",
        b"\xed\xa0\x80": "\ufffd\ufffd\ufffd",  # surrogate: E D then A0 is out of range
        b"\xc0\xaf": "\ufffd\ufffd",  # overlong
        b"\xe0\x80\xaf": "\ufffd\ufffd\ufffd",
        b"\xf4\x90\x80\x80": "\ufffd\ufffd\ufffd\ufffd",  # above U+10FFFF
        b"\xf5": "\ufffd",
        b"a\xf1\x80\x80\xe1\x80\xc2b": "a\ufffd\ufffd\ufffdb",
        b"\x61\xf1\x80\x80\xe1\x80\xc2\x62\x80\x63\x80\xbf\x64": "a\ufffd\ufffd\ufffdb\ufffdc\ufffd\ufffdd",
    }
    for data, text in cases.items():
        assert decode(ctx, data) == text, data
        assert data.decode("utf-8", "replace") == text


@SETTINGS
@given(data=utf8ish)
def test_decode_matches_python(ctx, data):
    assert decode(ctx, data) == expected(data)
    if data.startswith(b"\xef\xbb\xbf"):
        assert decode(ctx, data, ignore_bom=True) == data.decode("utf-8", "replace")


@SETTINGS
@given(data=utf8ish)
def test_fatal_matches_python(ctx, data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(runtime.JSError) as e:
            decode(ctx, data, fatal=True)
        assert e.value.name == "TypeError"
    else:
        assert decode(ctx, data, fatal=True) == (text[1:] if text.startswith("\ufeff") else text)


@SETTINGS
@given(text=st.text(max_size=40))
def test_roundtrip(ctx, text):
    source = json.dumps(text)
    assert ctx.eval(f"new TextEncoder().encode({source})") == text.encode()
    decoded = ctx.eval(f"new TextDecoder().decode(new TextEncoder().encode({source}))")
    assert decoded == (text[1:] if text.startswith("\ufeff") else text)


STREAM_SPLITS = """(data) => {
    const bytes = new Uint8Array(data);
    const out = [];
    for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j++) {
            const d = new TextDecoder('utf-8', FLAGS);
            let s = '';
            try {
                s += d.decode(bytes.subarray(0, i), {stream: true});
                s += d.decode(bytes.subarray(i, j), {stream: true});
                s += d.decode(bytes.subarray(j));
            } catch (e) { s = e.name; }
            out.push(s);
        }
    }
    return out;
}"""


@SETTINGS
@given(data=utf8ish)
def test_streaming_every_split(ctx, data):
    """Splitting the input at every pair of offsets gives the same text as one decode."""
    results = ctx.eval(f"({STREAM_SPLITS.replace('FLAGS', '{}')})({list(data)})")
    assert set(results) == {expected(data)}
    try:
        want = data.decode("utf-8")
        want = want[1:] if want.startswith("\ufeff") else want
    except UnicodeDecodeError:
        want = "TypeError"
    results = ctx.eval(f"({STREAM_SPLITS.replace('FLAGS', '{fatal: true}')})({list(data)})")
    assert set(results) == {want}


def test_streaming_multibyte(ctx):
    r = ctx.eval("""(() => {
        const d = new TextDecoder();
        const bytes = new TextEncoder().encode('a\\u20ac\\ud83d\\ude00b');
        let s = '';
        for (const b of bytes) s += d.decode(new Uint8Array([b]), {stream: true});
        s += d.decode();
        // an incomplete sequence at the end of a stream is one U+FFFD
        const e = new TextDecoder();
        const t = e.decode(new Uint8Array([0xF0, 0x9F]), {stream: true}) + e.decode();
        return [s, t];
    })()""")
    assert r == ["a€😀b", "\ufffd"]


def test_large_inputs(ctx):
    text = "héllo wörld € 😀 " * 5000
    source = json.dumps(text)
    assert ctx.eval(f"new TextDecoder().decode(new TextEncoder().encode({source}))") == text
    assert ctx.eval("new TextDecoder().decode(new Uint8Array(100000).fill(97)).length") == 100000


async def test_a_detached_buffer_is_no_bytes(ctx):
    # Web IDL: a detached BufferSource converts, and "get a copy of the bytes" is empty.
    assert await ctx.eval_async(
        """(async () => {
        const detached = () => { const ab = new ArrayBuffer(4); structuredClone(ab, { transfer: [ab] }); return ab; };
        const buffer = new ArrayBuffer(4), view = new Uint8Array(buffer);
        structuredClone(buffer, { transfer: [buffer] });
        return [new TextDecoder().decode(detached()), new TextDecoder().decode(view),
          (await crypto.subtle.digest("SHA-256", detached())).byteLength];
    })()"""
    ) == ["", "", 32]
