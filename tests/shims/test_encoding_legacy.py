"""TextDecoder and TextDecoderStream for the Encoding Standard's encodings other than UTF-8,
on every engine: every label, each single-byte encoding's 256 bytes against the standard's
index (encoding_indexes.json holds the standard's own data), UTF-16LE/BE with odd lengths,
lone surrogates and splits, byte order marks, fatal mode, and the labels refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import runtime

SPEC = json.loads((Path(__file__).parent / "encoding_indexes.json").read_text())
LABELS: dict[str, list[str]] = SPEC["labels"]
INDEXES: dict[str, list[int | None]] = {**SPEC["indexes"], "iso-8859-8-i": SPEC["indexes"]["iso-8859-8"]}
SINGLE_BYTE = sorted(INDEXES)
# Multi-byte encodings need indexes too large for every context; "replacement" is one no
# TextDecoder may use.
REFUSED = ["gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr", "replacement"]
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def decode(ctx, label: str, data: bytes, **options) -> str:
    return ctx.eval(
        f"new TextDecoder({json.dumps(label)}, {json.dumps(options)}).decode(new Uint8Array({list(data)}))"
    )


def error_name(ctx, js: str) -> str:
    with pytest.raises(runtime.JSError) as e:
        ctx.eval(js)
    return e.value.name


def expected_single_byte(name: str) -> str:
    if name == "x-user-defined":
        return "".join(chr(b if b < 0x80 else 0xF780 + b - 0x80) for b in range(256))
    index = INDEXES[name]
    return "".join(chr(b) for b in range(128)) + "".join("\ufffd" if cp is None else chr(cp) for cp in index)


def utf16_reference(data: bytes, big_endian: bool) -> str:
    """The Encoding Standard's shared UTF-16 decoder, replacement mode, whole input."""
    out: list[str] = []
    lead: int | None = None
    surrogate: int | None = None
    i = 0
    while i < len(data):
        b = data[i]
        i += 1
        if lead is None:
            lead = b
            continue
        unit = (lead << 8) | b if big_endian else (b << 8) | lead
        lead = None
        if surrogate is not None:
            high, surrogate = surrogate, None
            if 0xDC00 <= unit <= 0xDFFF:
                out.append(chr(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)))
                continue
            out.append("\ufffd")
            i -= 2  # the two bytes are read again
            continue
        if 0xD800 <= unit <= 0xDBFF:
            surrogate = unit
        elif 0xDC00 <= unit <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(chr(unit))
    if lead is not None or surrogate is not None:
        out.append("\ufffd")
    return "".join(out)


# ---------------------------------------------------------------------------- labels
def test_every_label_names_its_encoding(ctx):
    cases = []
    for labels in LABELS.values():
        for label in labels:
            cases += [label, label.upper(), f" \t{label}\n\f\r"]
    got = ctx.eval(f"""{json.dumps(cases)}.map((label) => {{
        try {{ return new TextDecoder(label).encoding; }} catch (e) {{ return e.name; }}
    }})""")
    want = []
    for name, labels in LABELS.items():
        want += ["RangeError" if name in REFUSED else name] * (3 * len(labels))
    assert got == want


def test_labels_that_are_not_labels(ctx):
    # Only ASCII whitespace is trimmed and only ASCII letters are lowercased: the Kelvin
    # sign lowercases to "k" in Unicode, but "\u212aoi8-r" is no label.
    for label in ["\u212aoi8-r", "\u00a0latin1", "latin-1", "utf-16-le", "windows1252", "iso-8859-1x", "x"]:
        assert error_name(ctx, f"new TextDecoder({json.dumps(label)})") == "RangeError", label
    assert error_name(ctx, "new TextDecoder('koi8-r', 5)") == "TypeError"


def test_refused_encodings_throw_range_error(ctx):
    for name in REFUSED:
        for label in LABELS[name]:
            js = f"new TextDecoder({json.dumps(label)})"
            with pytest.raises(runtime.JSError) as e:
                ctx.eval(js)
            assert e.value.name == "RangeError", label
            assert (name in e.value.message) or name == "replacement", e.value.message
            assert error_name(ctx, f"new TextDecoderStream({json.dumps(label)})") == "RangeError"


def test_legacy_encodings_load_on_first_use(ctx):
    # UTF-8 decoders never load the legacy file; the first other label does.
    kind = "(() => { const d = Object.getOwnPropertyDescriptor(__runtime, 'encodings'); return d.get ? 'lazy' : 'loaded'; })()"
    ctx.eval(
        "new TextDecoder('utf-8').decode(new Uint8Array([104, 105])); new TextDecoder('unicode-1-1-utf-8'); void 0"
    )
    assert ctx.eval(kind) == "lazy"
    assert ctx.eval("new TextDecoder('latin2').encoding") == "iso-8859-2"
    assert ctx.eval(kind) == "loaded"


# ---------------------------------------------------------------------------- single-byte
def test_single_byte_encodings_against_the_index(ctx):
    got = ctx.eval(f"""(() => {{
        const all = new Uint8Array(256).map((_, i) => i);
        return Object.fromEntries({json.dumps([*SINGLE_BYTE, "x-user-defined"])}.map((name) => {{
            const d = new TextDecoder(name);
            // streamed one byte at a time, the same text
            let streamed = "";
            for (let b = 0; b < 256; b++) streamed += d.decode(all.subarray(b, b + 1), {{stream: true}});
            streamed += d.decode();
            return [name, [d.encoding, new TextDecoder(name).decode(all), streamed]];
        }}));
    }})()""")
    for name in [*SINGLE_BYTE, "x-user-defined"]:
        encoding, text, streamed = got[name]
        assert encoding == name
        assert text == expected_single_byte(name), name
        assert streamed == text, name


def test_single_byte_fatal_mode(ctx):
    got = ctx.eval(f"""Object.fromEntries({json.dumps(SINGLE_BYTE)}.map((name) => {{
        const fatal = new TextDecoder(name, {{fatal: true}});
        const errors = [];
        for (let b = 0; b < 256; b++) {{
            try {{ fatal.decode(new Uint8Array([0x41, b, 0x42])); }}
            catch (e) {{ errors.push([b, e.name, e instanceof TypeError]); }}
        }}
        return [name, [fatal.fatal, errors]];
    }}))""")
    for name in SINGLE_BYTE:
        unmapped = [0x80 + i for i, cp in enumerate(INDEXES[name]) if cp is None]
        assert got[name] == [True, [[b, "TypeError", True] for b in unmapped]], name


def test_single_byte_differs_from_python_where_the_standard_does(ctx):
    # The standard's windows-1252 maps the bytes cp1252 leaves undefined to C1 controls, and
    # latin1/ascii labels name windows-1252.
    assert decode(ctx, "windows-1252", bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D])) == "€\x81\x8d\x8f\x90\x9d"
    assert decode(ctx, "iso-8859-1", bytes([0x80, 0x9F, 0xE9])) == "€Ÿé"
    assert decode(ctx, "ascii", bytes([0x93, 0x94])) == "\u201c\u201d"
    # and its windows-874 and ibm866, koi8-u and macintosh follow the index too
    assert decode(ctx, "koi8-u", bytes([0xAE, 0xBE])) == "\u045e\u040e"
    assert decode(ctx, "mac", bytes([0xDB, 0xF0])) == "\u20ac\uf8ff"


@given(data=st.binary(max_size=40), name=st.sampled_from(SINGLE_BYTE))
@SETTINGS
def test_single_byte_random(ctx, data, name):
    table = expected_single_byte(name)
    assert decode(ctx, name, data) == "".join(table[b] for b in data)


def test_single_byte_large_input(ctx):
    data = bytes(range(256)) * 300  # past the decoder's chunking
    got = ctx.eval(
        "(() => { const all = new Uint8Array(256).map((_, i) => i); const big = new Uint8Array(256 * 300);"
        " for (let i = 0; i < 300; i++) big.set(all, i * 256); return new TextDecoder('cp1251').decode(big); })()"
    )
    table = expected_single_byte("windows-1251")
    assert got == "".join(table[b] for b in data)


def test_single_byte_keeps_byte_order_marks(ctx):
    # Only UTF-8 and UTF-16 drop a BOM; in windows-1252 these bytes are text.
    assert decode(ctx, "windows-1252", b"\xef\xbb\xbfA") == "ï»¿A"
    assert decode(ctx, "windows-1252", b"\xff\xfeA") == "ÿþA"


# ---------------------------------------------------------------------------- UTF-16
def test_utf16_basics(ctx):
    text = "aé€😀\u0000z"
    assert decode(ctx, "utf-16le", text.encode("utf-16-le")) == text
    assert decode(ctx, "utf-16be", text.encode("utf-16-be")) == text
    assert decode(ctx, "utf-16", text.encode("utf-16-le")) == text  # "utf-16" is UTF-16LE
    assert ctx.eval("new TextDecoder('utf-16').encoding") == "utf-16le"
    assert ctx.eval("new TextDecoder('UnicodeFFFE').encoding") == "utf-16be"
    assert decode(ctx, "utf-16le", b"") == ""


# The web-platform-tests' surrogate cases, and odd byte counts.
UTF16_ERRORS = [
    (b"\x00\xd8", "\ufffd"),  # a lone lead surrogate
    (b"\x00\xdc", "\ufffd"),  # a lone trail surrogate
    (b"\x00\xd8\x00\x00", "\ufffd\u0000"),  # a lead surrogate then no trail
    (b"\x00\xdc\x00\x00", "\ufffd\u0000"),
    (b"\x00\xdc\x00\xd8", "\ufffd\ufffd"),  # a swapped pair
    (b"\x00\xd8\x00\xd8\x00\xdc", "\ufffd\U00010000"),  # a lead then a pair
    (b"A\x00B", "A\ufffd"),  # an odd byte count
    (b"A", "\ufffd"),
    (b"\x00\xd8A", "\ufffd"),  # a lead surrogate and an odd byte: one error at the end
    (b"\x3d\xd8\x00\xdeA", "\U0001f600\ufffd"),
]


@pytest.mark.parametrize("data,want", UTF16_ERRORS)
def test_utf16_errors(ctx, data, want):
    assert decode(ctx, "utf-16le", data) == want
    swapped = b"".join(data[i : i + 2][::-1] for i in range(0, len(data), 2))
    if len(data) % 2 == 0:
        assert decode(ctx, "utf-16be", swapped) == want
    assert utf16_reference(data, False) == want
    for label, bytes_ in [("utf-16le", data), ("utf-16be", swapped)]:
        js = f"new TextDecoder('{label}', {{fatal: true}}).decode(new Uint8Array({list(bytes_)}))"
        assert error_name(ctx, js) == "TypeError"


@given(
    data=st.binary(max_size=30) | st.lists(st.sampled_from([0x00, 0x41, 0xD8, 0xDB, 0xDC, 0xDF])).map(bytes)
)
@SETTINGS
def test_utf16_random(ctx, data):
    assert decode(ctx, "utf-16le", data, ignoreBOM=True) == utf16_reference(data, False)
    assert decode(ctx, "utf-16be", data, ignoreBOM=True) == utf16_reference(data, True)


def test_utf16_streaming_every_split(ctx):
    data = [*"a😀é\U0010ffff€".encode("utf-16-le"), 0x00, 0xD8, 0x41]  # ends: lead surrogate, odd byte
    want = utf16_reference(bytes(data), False)
    got = ctx.eval(f"""(() => {{
        const bytes = new Uint8Array({data});
        const out = [];
        for (let i = 0; i <= bytes.length; i++) for (let j = i; j <= bytes.length; j++) {{
            const d = new TextDecoder("utf-16le");
            out.push(d.decode(bytes.subarray(0, i), {{stream: true}}) + d.decode(bytes.subarray(i, j), {{stream: true}})
                     + d.decode(bytes.subarray(j)));
        }}
        const one = new TextDecoder("utf-16le");
        let s = "";
        for (const b of bytes) s += one.decode(new Uint8Array([b]), {{stream: true}});
        out.push(s + one.decode());
        return [...new Set(out)];
    }})()""")
    assert got == [want]


def test_utf16_split_surrogate_pair_arrives_whole(ctx):
    r = ctx.eval("""(() => {
        const d = new TextDecoder("utf-16be");
        const a = d.decode(new Uint8Array([0xd8, 0x3d, 0xde]), {stream: true});
        const b = d.decode(new Uint8Array([0x00]), {stream: true});
        const c = d.decode();
        return [a, b, c, b.length];
    })()""")
    assert r == ["", "😀", "", 2]


def test_utf16_large_input(ctx):
    text = ("héllo wörld 😀 " * 2000)[:20001]
    data = text.encode("utf-16-le")
    got = ctx.eval(f"""(() => {{
        const s = {json.dumps(text)};
        const bytes = new Uint8Array(s.length * 2);
        for (let i = 0; i < s.length; i++) {{ const c = s.charCodeAt(i); bytes[2 * i] = c & 255; bytes[2 * i + 1] = c >> 8; }}
        return new TextDecoder("utf-16le").decode(bytes);
    }})()""")
    assert got == data.decode("utf-16-le")


def test_utf16_fatal_streaming(ctx):
    # The web-platform-tests' "Fatal flag, streaming cases".
    r = ctx.eval("""(() => {
        const d = new TextDecoder("utf-16le", {fatal: true});
        const odd = new Uint8Array([0x00]), even = new Uint8Array([0x00, 0x00]);
        const out = [d.decode(odd, {stream: true}), d.decode(odd)];
        const throws = (f) => { try { f(); return "no error"; } catch (e) { return e.name; } };
        out.push(throws(() => { d.decode(even, {stream: true}); d.decode(odd); }));
        out.push(throws(() => { d.decode(odd, {stream: true}); d.decode(even); }));
        out.push(d.decode(even, {stream: true}), d.decode(even));
        return out;
    })()""")
    assert r == ["", "\u0000", "TypeError", "TypeError", "\u0000", "\u0000"]


# ---------------------------------------------------------------------------- byte order marks
def test_utf16_byte_order_marks(ctx):
    le, be = "utf-16le", "utf-16be"
    assert decode(ctx, le, b"\xff\xfeA\x00") == "A"
    assert decode(ctx, le, b"\xff\xfeA\x00", ignoreBOM=True) == "\ufeffA"
    assert decode(ctx, be, b"\xfe\xff\x00A") == "A"
    assert decode(ctx, be, b"\xfe\xff\x00A", ignoreBOM=True) == "\ufeffA"
    # no sniffing: the other order's mark is U+FFFE, text like any other
    assert decode(ctx, le, b"\xfe\xff\x00A") == "\ufffe\u4100"
    assert decode(ctx, be, b"\xff\xfeA\x00") == "\ufffe\u4100"
    # only the first one goes
    assert decode(ctx, le, b"\xff\xfe\xff\xfeA\x00") == "\ufeffA"
    assert decode(ctx, le, b"A\x00\xff\xfe") == "A\ufeff"
    r = ctx.eval("""(() => {
        const d = new TextDecoder("utf-16le");
        // split across calls, and a new stream after each flush
        const first = d.decode(new Uint8Array([0xff]), {stream: true}) + d.decode(new Uint8Array([0xfe, 0x41, 0x00]));
        const second = d.decode(new Uint8Array([0xff, 0xfe, 0x42, 0x00]));
        const third = d.decode(new Uint8Array([0x43, 0x00]), {stream: true}) + d.decode(new Uint8Array([0xff, 0xfe]));
        return [first, second, third, d.ignoreBOM];
    })()""")
    assert r == ["A", "B", "C\ufeff", False]


# ---------------------------------------------------------------------------- TextDecoderStream
def test_text_decoder_stream_with_other_encodings(ctx):
    r = ctx.wait(
        ctx.eval("""(async () => {
        const collect = async (label, chunks, options) => {
            const ds = new TextDecoderStream(label, options);
            const writer = ds.writable.getWriter();
            const reading = (async () => { let s = ""; for await (const c of ds.readable) s += c; return s; })();
            for (const c of chunks) await writer.write(new Uint8Array(c));
            await writer.close();
            return [ds.encoding, ds.fatal, ds.ignoreBOM, await reading];
        };
        const fails = async (label, chunks) => {
            try { await collect(label, chunks, {fatal: true}); return "no error"; } catch (e) { return e.name; }
        };
        return [
            await collect("utf-16be", [[0xfe], [0xff, 0x00, 0x41, 0xd8], [0x3d, 0xde], [0x00, 0x00, 0x42]]),
            await collect("utf-16le", [[0x41, 0x00, 0x42]]),                  // odd byte at the end
            await collect("utf-16le", [[0xff, 0xfe, 0x41], [0x00]], {ignoreBOM: true}),
            await collect("cp1252", [[0x80, 0x81], [0x41]]),
            await collect("koi8-r", [[0xc1, 0xc2]], {fatal: true}),
            await fails("utf-16le", [[0x00, 0xdc]]),
            await fails("utf-16le", [[0x41]]),                                  // only at the flush
            await fails("iso-8859-6", [[0x41, 0xa1]]),
        ];
    })()""")
    )
    assert r == [
        ["utf-16be", False, False, "A😀B"],
        ["utf-16le", False, False, "A\ufffd"],
        ["utf-16le", False, True, "\ufeffA"],
        ["windows-1252", False, False, "€\x81A"],
        ["koi8-r", True, False, "\u0430\u0431"],
        "TypeError",
        "TypeError",
        "TypeError",
    ]


def test_text_decoder_stream_ignores_a_replaced_global(ctx):
    r = ctx.wait(
        ctx.eval("""(async () => {
        globalThis.TextDecoder = class { constructor() { throw new Error("replaced"); } };
        const ds = new TextDecoderStream("latin2");
        const w = ds.writable.getWriter();
        w.write(new Uint8Array([0xa1, 0x41]));
        w.close();
        let s = "";
        for await (const c of ds.readable) s += c;
        return [ds.encoding, s];
    })()""")
    )
    assert r == ["iso-8859-2", "ĄA"]
