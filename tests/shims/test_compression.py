"""CompressionStream and DecompressionStream on every engine: round trips over the three
formats and many chunkings, interop with Python's zlib and gzip both ways, large streamed
inputs, the Compression Standard's errors (corrupt, truncated, trailing data, bad chunks,
bad formats), pipeThrough with Blob and Response, and no host stream left behind."""

from __future__ import annotations

import gzip
import hashlib
import random
import struct
import zlib

import pytest

FORMATS = ["gzip", "deflate", "deflate-raw"]
WBITS = {"gzip": 31, "deflate": 15, "deflate-raw": -15}

PRELUDE = """
const concat = (chunks) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
};
// Write chunks through a transform while reading it; the output chunks and how they went.
async function through(ts, chunks) {
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  const out = [];
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.push(value);
    }
  })();
  for (const c of chunks) await writer.write(c);
  await writer.close();
  await reading;
  return out;
}
const outcome = (p) => p.then((v) => ["ok", v], (e) => [e.constructor.name, String(e.message)]);
"""


def js(ctx, params: str, body: str):
    """An async JS function of params (with the helpers above), callable from Python."""
    fn = ctx.eval(f"(async ({params}) => {{ {PRELUDE}\n{body} }})")
    return lambda *args: ctx.wait(fn(*args))


def compress_js(ctx, fmt: str, chunks: list[bytes]) -> bytes:
    return js(ctx, "fmt, chunks", "return concat(await through(new CompressionStream(fmt), chunks));")(
        fmt, chunks
    )


def decompress_js(ctx, fmt: str, chunks: list[bytes]) -> bytes:
    return js(ctx, "fmt, chunks", "return concat(await through(new DecompressionStream(fmt), chunks));")(
        fmt, chunks
    )


def split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def open_streams(ctx) -> int:
    """Streams the context's zlib host still holds."""
    return ctx._host._functions[ctx._host.internal["compression"]].__self__.open_streams


def py_compress(fmt: str, data: bytes, level: int = 6) -> bytes:
    z = zlib.compressobj(level, zlib.DEFLATED, WBITS[fmt])
    return z.compress(data) + z.flush()


TEXT = ("The quick brown fox jumps over the lazy dog. " * 40).encode()
BINARY = random.Random(7).randbytes(5000)


# ---------------------------------------------------------------------------- the API
def test_globals_and_shape(ctx):
    got = ctx.eval("""(() => {
        const out = [];
        for (const C of [CompressionStream, DecompressionStream]) {
          const s = new C("gzip");
          const d = Object.getOwnPropertyDescriptor(globalThis, C.name);
          out.push([
            C.name, C.length, d.writable, d.enumerable, d.configurable,
            Object.prototype.toString.call(s),
            s.readable instanceof ReadableStream, s.writable instanceof WritableStream,
            s.readable === s.readable, s.writable === s.writable,
            Object.keys(C.prototype).sort().join(),
            typeof Object.getOwnPropertyDescriptor(C.prototype, "readable").set,
          ]);
        }
        return out;
    })()""")
    for name, row in zip(["CompressionStream", "DecompressionStream"], got, strict=True):
        assert row == [
            name,
            1,
            True,
            False,
            True,
            f"[object {name}]",
            True,
            True,
            True,
            True,
            "readable,writable",
            "undefined",
        ]


@pytest.mark.parametrize("cls", ["CompressionStream", "DecompressionStream"])
def test_constructor_errors(ctx, cls):
    got = ctx.eval(f"""(() => {{
        const C = {cls};
        const err = (f) => {{ try {{ f(); return "no error"; }} catch (e) {{ return e.constructor.name; }} }};
        return [
          err(() => new C()),
          err(() => new C("a")),
          err(() => new C("GZIP")),
          err(() => new C("gzip ")),
          err(() => new C(undefined)),
          err(() => new C(null)),
          err(() => new C(Symbol("gzip"))),
          err(() => new C({{ toString() {{ throw new RangeError("x"); }} }})),
          err(() => C("gzip")),
          err(() => new C({{ toString: () => "deflate-raw" }})),
          err(() => new C("deflate")),
          err(() => Object.getOwnPropertyDescriptor(C.prototype, "readable").get.call({{}})),
          err(() => Object.getOwnPropertyDescriptor(C.prototype, "writable").get.call(new TransformStream())),
        ];
    }})()""")
    assert got == ["TypeError"] * 7 + [
        "RangeError",
        "TypeError",
        "no error",
        "no error",
        "TypeError",
        "TypeError",
    ]


# ---------------------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("size", [1, 7, 1000, 100000], ids=lambda s: f"chunks{s}")
def test_round_trip_chunkings(ctx, fmt, size):
    data = TEXT[:600] + BINARY[:400] if size == 1 else TEXT + BINARY
    compressed = compress_js(ctx, fmt, split(data, size))
    assert zlib.decompress(compressed, WBITS[fmt]) == data
    assert decompress_js(ctx, fmt, split(compressed, size)) == data


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_input_and_empty_chunks(ctx, fmt):
    empty = compress_js(ctx, fmt, [])
    assert zlib.decompress(empty, WBITS[fmt]) == b""
    assert len(empty) > 0  # a complete (empty) stream: header and trailer where the format has them
    assert compress_js(ctx, fmt, [b"", b"", b""]) == empty
    assert decompress_js(ctx, fmt, [empty]) == b""
    with_empties = [b"", *split(py_compress(fmt, TEXT), 50), b""]
    assert decompress_js(ctx, fmt, [x for c in with_empties for x in (c, b"")]) == TEXT


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_chunks_are_nonempty_uint8arrays(ctx, fmt):
    got = js(
        ctx,
        "fmt, data",
        """
        const c = await through(new CompressionStream(fmt), [data, data]);
        const d = await through(new DecompressionStream(fmt), c);
        const kinds = (cs) => cs.map((x) => [Object.prototype.toString.call(x), x.byteLength > 0,
                                             x.byteOffset === 0 && x.byteLength === x.buffer.byteLength]);
        return [kinds(c), kinds(d), concat(d).length];
        """,
    )(fmt, TEXT)
    assert got[0] and got[1]
    for kinds in got[:2]:
        assert all(k == ["[object Uint8Array]", True, True] for k in kinds)
    assert got[2] == 2 * len(TEXT)


def test_compression_buffers_until_flush(ctx):
    # The compressor may keep input until it has a block's worth: a small chunk yields no
    # output chunk by itself, and everything comes at close.
    got = js(
        ctx,
        "",
        """
        const cs = new CompressionStream("deflate-raw");
        const writer = cs.writable.getWriter();
        const reader = cs.readable.getReader();
        const first = reader.read();
        let early = "pending";
        first.then(() => { early = "read"; });
        await writer.write(new Uint8Array([1, 2, 3]));
        await new Promise((r) => setTimeout(r, 10));
        const before = early;
        writer.close();
        const { value } = await first;
        return [before, value];
        """,
    )()
    assert got[0] == "pending"
    assert zlib.decompress(got[1], -15) == b"\x01\x02\x03"


@pytest.mark.parametrize(
    "make",
    [
        "new Uint8Array([104, 105])",
        "new Uint8Array([0, 104, 105, 0]).subarray(1, 3)",
        "new Uint8Array([104, 105]).buffer",
        "new DataView(new Uint8Array([0, 104, 105]).buffer, 1)",
        "new Uint16Array(new Uint8Array([104, 105]).buffer)",
        "new Int8Array([104, 105])",
        "new Uint8ClampedArray([104, 105])",
        "new Float32Array(new Uint8Array([104, 105, 0, 0]).buffer).subarray(0, 1)",
    ],
)
def test_buffer_source_chunks(ctx, make):
    out = js(ctx, "", f"return concat(await through(new CompressionStream('deflate'), [{make}]));")()
    assert zlib.decompress(out).rstrip(b"\0") == b"hi"


def test_detached_buffer_is_empty(ctx):
    out = js(
        ctx,
        "",
        """
        const view = new Uint8Array([1, 2, 3]);
        const buf = view.buffer;
        const dataView = new DataView(buf);
        structuredClone(buf, { transfer: [buf] });
        return concat(await through(new CompressionStream("gzip"), [buf, view, dataView]));
        """,
    )()
    assert gzip.decompress(out) == b""


# ---------------------------------------------------------------------------- interop
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("level", [0, 1, 9])
def test_python_to_js(ctx, fmt, level):
    compressed = py_compress(fmt, TEXT + BINARY, level)
    assert decompress_js(ctx, fmt, split(compressed, 333)) == TEXT + BINARY


def test_python_gzip_module_to_js(ctx):
    assert decompress_js(ctx, "gzip", [gzip.compress(TEXT, mtime=1234567890)]) == TEXT
    assert decompress_js(ctx, "deflate", [zlib.compress(BINARY)]) == BINARY


def gzip_member(
    data: bytes, *, name: bytes = b"", comment: bytes = b"", extra: bytes = b"", hcrc: bool = False
):
    """A gzip member with the optional header fields of RFC 1952 (FEXTRA, FNAME, FCOMMENT, FHCRC)."""
    flags = (4 if extra else 0) | (8 if name else 0) | (16 if comment else 0) | (2 if hcrc else 0)
    header = b"\x1f\x8b\x08" + bytes([flags]) + struct.pack("<I", 0) + b"\x00\xff"
    if extra:
        header += struct.pack("<H", len(extra)) + extra
    if name:
        header += name + b"\0"
    if comment:
        header += comment + b"\0"
    if hcrc:
        header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
    body = py_compress("deflate-raw", data)
    return header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def test_gzip_header_fields_are_skipped(ctx):
    member = gzip_member(TEXT, name=b"f.txt", comment=b"a comment", extra=b"AB\x02\x00xy", hcrc=True)
    assert gzip.decompress(member) == TEXT
    assert decompress_js(ctx, "gzip", split(member, 3)) == TEXT


@pytest.mark.parametrize("fmt", FORMATS)
def test_js_to_python(ctx, fmt):
    data = TEXT + BINARY
    compressed = compress_js(ctx, fmt, split(data, 1024))
    if fmt == "gzip":
        assert gzip.decompress(compressed) == data
        assert compressed[:3] == b"\x1f\x8b\x08"
    elif fmt == "deflate":
        assert zlib.decompress(compressed) == data
        assert (compressed[0] & 0x0F, (compressed[0] << 8 | compressed[1]) % 31) == (8, 0)
    else:
        assert zlib.decompress(compressed, -15) == data
    assert len(compressed) < len(TEXT) // 4 + len(BINARY) + 100


# ---------------------------------------------------------------------------- large inputs
def test_large_streamed_round_trip(ctx):
    rng = random.Random(3)
    words = [rng.randbytes(rng.randint(2, 9)) for _ in range(500)]
    data = b" ".join(rng.choice(words) for _ in range(700000))[: 4 * 1024 * 1024]
    chunks = split(data, 65536)
    got = js(
        ctx,
        "chunks",
        """
        let i = 0;
        const source = new ReadableStream({
          pull(c) { if (i < chunks.length) c.enqueue(chunks[i++]); else c.close(); },
        });
        const gz = source.pipeThrough(new CompressionStream("gzip"));
        const [a, b] = gz.tee();
        const compressed = new Response(a).arrayBuffer();
        const back = await new Response(b.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
        return [new Uint8Array(await compressed), back.byteLength,
                Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", back)))];
        """,
    )(chunks)
    compressed, length, digest = got
    assert gzip.decompress(compressed) == data
    assert length == len(data)
    assert bytes(digest) == hashlib.sha256(data).digest()
    assert open_streams(ctx) == 0


def test_large_decompression_output(ctx):
    data = bytes(range(256)) * (6 * 4096)  # 6 MiB that compresses to little
    compressed = py_compress("deflate", data)
    got = js(
        ctx,
        "compressed",
        """
        const chunks = await through(new DecompressionStream("deflate"), [compressed]);
        const all = concat(chunks);
        let ok = true;
        for (let i = 0; i < all.length; i++) if (all[i] !== (i & 255)) { ok = false; break; }
        return [all.length, ok];
        """,
    )(compressed)
    assert got == [len(data), True]


# ---------------------------------------------------------------------------- errors
ERROR_RUN = """
const ds = new DecompressionStream(fmt);
const writer = ds.writable.getWriter();
const reader = ds.readable.getReader();
const reads = [];
const reading = (async () => {
  for (;;) {
    const r = await outcome(reader.read());
    if (r[0] !== "ok") { reads.push(r); return; }
    if (r[1].done) { reads.push("done"); return; }
    reads.push(Array.from(r[1].value));
  }
})();
const writes = [];
for (const c of chunks) writes.push(await outcome(writer.write(c)));
const closed = await outcome(writer.close());
await reading;
return [writes, closed, reads];
"""


def decompress_outcome(ctx, fmt: str, chunks: list[bytes]):
    return js(ctx, "fmt, chunks", ERROR_RUN)(fmt, chunks)


def output_of(reads: list) -> bytes:
    return bytes(b for r in reads if isinstance(r, list) and r and isinstance(r[0], int) for b in r)


@pytest.mark.parametrize("fmt", FORMATS)
def test_truncated_input_errors_at_close(ctx, fmt):
    compressed = py_compress(fmt, TEXT + BINARY)
    writes, closed, reads = decompress_outcome(ctx, fmt, [compressed[:-5]])
    assert [w[0] for w in writes] == ["ok"]
    assert closed[0] == "TypeError"
    assert reads[-1][0] == "TypeError"
    assert "unexpected end" in reads[-1][1]
    # What was decompressible came out before the error.
    assert (TEXT + BINARY).startswith(output_of(reads))
    assert open_streams(ctx) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_input_is_an_error(ctx, fmt):
    writes, closed, reads = decompress_outcome(ctx, fmt, [])
    assert closed[0] == "TypeError" and reads == [closed]
    writes, closed, reads = decompress_outcome(ctx, fmt, [b"", b""])
    assert [w[0] for w in writes] == ["ok", "ok"] and closed[0] == "TypeError"


@pytest.mark.parametrize(
    "fmt,mangle",
    [
        ("gzip", lambda b: b"\x1f\x8c" + b[2:]),  # bad magic
        ("gzip", lambda b: b[:2] + b"\x07" + b[3:]),  # CM other than 8
        ("gzip", lambda b: b[:-8] + bytes([b[-8] ^ 1]) + b[-7:]),  # CRC32
        ("gzip", lambda b: b[:-1] + bytes([b[-1] ^ 1])),  # ISIZE
        ("deflate", lambda b: bytes([b[0] ^ 0x10]) + b[1:]),  # header check
        ("deflate", lambda b: b[:-1] + bytes([b[-1] ^ 1])),  # ADLER32
        ("deflate", lambda b: b"\x78\xbb" + b[2:]),  # FDICT set (78bb: a valid check)
        ("deflate-raw", lambda b: b"\xff" + b[1:]),  # reserved block type 3
        ("deflate", lambda b: gzip.compress(TEXT)),  # another format
        ("gzip", lambda b: zlib.compress(TEXT)),
    ],
    ids=[
        "magic",
        "cm",
        "crc32",
        "isize",
        "fcheck",
        "adler32",
        "fdict",
        "btype",
        "gzip-as-deflate",
        "zlib-as-gzip",
    ],
)
def test_corrupt_input_errors(ctx, fmt, mangle):
    bad = mangle(py_compress(fmt, TEXT))
    writes, closed, reads = decompress_outcome(ctx, fmt, split(bad, 64))
    errors = [w for w in writes if w[0] != "ok"]
    assert errors and all(w[0] == "TypeError" for w in errors)
    assert closed[0] == "TypeError"
    assert reads[-1][0] == "TypeError"
    assert open_streams(ctx) == 0


def test_corrupt_input_error_is_the_same_object_everywhere(ctx):
    got = js(
        ctx,
        "bad",
        """
        const ds = new DecompressionStream("deflate");
        const writer = ds.writable.getWriter();
        const reader = ds.readable.getReader();
        const read = reader.read().then(() => null, (e) => e);
        const write = writer.write(bad).then(() => null, (e) => e);
        const [r, w] = await Promise.all([read, write]);
        const closed = await writer.closed.then(() => null, (e) => e);
        return [r instanceof TypeError, r === w, closed === w, r.message];
        """,
    )(b"\x78\x9c\xff\xff\xff\xff")
    assert got[:3] == [True, True, True]
    assert got[3].startswith("DecompressionStream: ")


@pytest.mark.parametrize("fmt", FORMATS)
def test_trailing_data_in_the_same_chunk(ctx, fmt):
    # The output is enqueued, then the chunk's leftover bytes are a TypeError.
    compressed = py_compress(fmt, TEXT)
    writes, closed, reads = decompress_outcome(ctx, fmt, [compressed + b"\0"])
    assert writes[0][0] == "TypeError" and "after the end" in writes[0][1]
    assert output_of(reads) == TEXT
    assert reads[-1][0] == "TypeError"
    assert closed[0] == "TypeError"
    assert open_streams(ctx) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_trailing_data_in_a_later_chunk(ctx, fmt):
    compressed = py_compress(fmt, TEXT)
    writes, closed, reads = decompress_outcome(ctx, fmt, [compressed, b"", b"garbage"])
    assert [w[0] for w in writes] == ["ok", "ok", "TypeError"]
    assert output_of(reads) == TEXT
    assert reads[-1][0] == "TypeError" and closed[0] == "TypeError"
    assert open_streams(ctx) == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_streams_back_to_back_are_trailing_data(ctx, fmt):
    one = py_compress(fmt, b"first")
    writes, _, reads = decompress_outcome(ctx, fmt, [one + py_compress(fmt, b"second")])
    assert writes[0][0] == "TypeError"
    assert output_of(reads) == b"first"


BAD_CHUNKS = [
    "undefined",
    "null",
    "3.14",
    "({})",
    "[65]",
    "'text'",
    "new Blob(['x'])",
    "typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : {}",
    "typeof SharedArrayBuffer === 'function' ? new Uint8Array(new SharedArrayBuffer(4)) : {}",
]


@pytest.mark.parametrize("cls", ["CompressionStream", "DecompressionStream"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_bad_chunks_error_the_stream(ctx, cls, fmt):
    got = js(
        ctx,
        "cls, fmt, chunks",
        """
        const out = [];
        for (const src of chunks) {
          const s = new globalThis[cls](fmt);
          const writer = s.writable.getWriter();
          const reader = s.readable.getReader();
          const read = outcome(reader.read()); // a pending read lets the transform run
          const write = await outcome(writer.write((0, eval)(src)));
          out.push([write[0], (await read)[0]]);
        }
        return out;
        """,
    )(cls, fmt, BAD_CHUNKS)
    assert got == [["TypeError", "TypeError"]] * len(BAD_CHUNKS)


def test_bad_chunk_after_good_ones(ctx):
    got = js(
        ctx,
        "",
        """
        const cs = new CompressionStream("gzip");
        const writer = cs.writable.getWriter();
        const reader = cs.readable.getReader();
        (async () => {
          for (;;) {
            const r = await outcome(reader.read());
            if (r[0] !== "ok" || r[1].done) return;
          }
        })();
        await writer.write(new Uint8Array(100));
        return [await outcome(writer.write("no")), await outcome(writer.close())];
        """,
    )()
    assert [g[0] for g in got] == ["TypeError", "TypeError"]
    assert open_streams(ctx) == 0


# ---------------------------------------------------------------------------- with Blob and Response
@pytest.mark.parametrize("fmt", FORMATS)
def test_pipe_through_blob_and_response(ctx, fmt):
    got = js(
        ctx,
        "fmt, text",
        """
        const blob = new Blob([text, text]);
        const compressed = await new Response(blob.stream().pipeThrough(new CompressionStream(fmt))).arrayBuffer();
        const back = await new Response(new Blob([compressed]).stream().pipeThrough(new DecompressionStream(fmt))).blob();
        const response = new Response(new Response(text).body.pipeThrough(new CompressionStream(fmt)));
        return [new Uint8Array(compressed), await back.text(), back.size, new Uint8Array(await response.arrayBuffer())];
        """,
    )(fmt, TEXT.decode())
    compressed, text, size, again = got
    assert zlib.decompress(compressed, WBITS[fmt]) == TEXT * 2
    assert text == TEXT.decode() * 2 and size == 2 * len(TEXT)
    assert zlib.decompress(again, WBITS[fmt]) == TEXT


def test_decompress_a_fetched_body_with_text_decoder_stream(ctx):
    text = "héllo wörld ✓ " * 300
    got = js(
        ctx,
        "body",
        """
        const stream = new Response(body).body
          .pipeThrough(new DecompressionStream("gzip"))
          .pipeThrough(new TextDecoderStream());
        let s = "";
        for await (const part of stream) s += part;
        return s;
        """,
    )(gzip.compress(text.encode()))
    assert got == text


# ---------------------------------------------------------------------------- host streams
def test_host_streams_are_released(ctx):
    run = js(
        ctx,
        "good, bad",
        """
        const results = [];
        for (let i = 0; i < 60; i++) {
          const fmt = ["gzip", "deflate", "deflate-raw"][i % 3];
          switch (i % 6) {
            case 0: // finished
              results.push((await through(new CompressionStream(fmt), [new Uint8Array(50)])).length > 0);
              break;
            case 1: { // readable cancelled mid-stream
              const cs = new CompressionStream(fmt);
              const writer = cs.writable.getWriter();
              const reader = cs.readable.getReader();
              reader.read();
              await writer.write(new Uint8Array(10));
              await reader.cancel("stop");
              results.push((await writer.closed.catch((e) => e)) === "stop");
              break;
            }
            case 2: { // writable aborted mid-stream
              const ds = new DecompressionStream("gzip");
              const writer = ds.writable.getWriter();
              const reader = ds.readable.getReader();
              reader.read();
              await writer.write(good.subarray(0, 20));
              await writer.abort(new RangeError("abort"));
              results.push((await outcome(reader.closed))[0] === "RangeError");
              break;
            }
            case 3: // corrupt
              results.push((await outcome(through(new DecompressionStream("deflate"), [bad])))[0] === "TypeError");
              break;
            case 4: // truncated
              results.push((await outcome(through(new DecompressionStream("gzip"), [good.subarray(0, 30)])))[0] === "TypeError");
              break;
            case 5: // piped, source errors
              const source = new ReadableStream({ start(c) { c.enqueue(good); c.error(new EvalError("x")); } });
              const r = await outcome(new Response(source.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
              results.push(r[0] === "EvalError");
              break;
          }
        }
        return results;
        """,
    )
    assert run(gzip.compress(TEXT), b"\x78\x9c\xff\xff") == [True] * 60
    assert open_streams(ctx) == 0


def test_unfinished_stream_holds_one_host_stream(ctx):
    ctx.eval("""globalThis.cs = new CompressionStream("deflate");
        globalThis.w = cs.writable.getWriter();
        globalThis.r = cs.readable.getReader();
        globalThis.chunks = [];
        globalThis.reading = (async () => {
          for (;;) { const { done, value } = await r.read(); if (done) return; chunks.push(value); }
        })();""")
    assert open_streams(ctx) == 0  # nothing on the host until the first chunk
    ctx.wait(ctx.eval("w.write(new Uint8Array(10))"))
    assert open_streams(ctx) == 1
    ctx.wait(ctx.eval("w.write(new Uint8Array(10))"))
    assert open_streams(ctx) == 1
    out = ctx.wait(ctx.eval("w.close().then(() => reading).then(() => chunks)"))
    assert zlib.decompress(b"".join(out)) == bytes(20)
    assert open_streams(ctx) == 0


def test_many_streams_leave_nothing(ctx):
    got = js(
        ctx,
        "",
        """
        let total = 0;
        for (let i = 0; i < 300; i++) {
          const data = new TextEncoder().encode("stream " + i);
          const c = concat(await through(new CompressionStream("deflate"), [data]));
          total += concat(await through(new DecompressionStream("deflate"), [c])).length;
        }
        return total;
        """,
    )()
    assert got == sum(len(f"stream {i}") for i in range(300))
    assert open_streams(ctx) == 0
