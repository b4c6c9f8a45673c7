"""node:zlib: deflate, inflate, gzip, gunzip, raw and unzip, whole buffers and streams,
checked against Node.js (zlib runs on the host, through the sync host call)."""

from __future__ import annotations

CATCH = """
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, errno: e.errno ?? null, message: e.message }; }
};
"""


def test_whole_buffers_equal_nodes(node_js):
    """The sync functions for each format and option: headers as Node writes them, and
    what inflates back. (Node's zlib is Chromium's fork, whose deflate picks other matches,
    so compressed bodies differ from Node's while both inflate each other's: see below.)"""
    assert node_js(
        CATCH
        + """
import zlib from "node:zlib";
const text = "The quick brown fox jumps over the lazy dog. ".repeat(20);
const out = [];
for (const [name, options, header] of [["gzip", {}, 10], ["deflate", {}, 2], ["deflate", { level: 1 }, 2],
    ["deflate", { level: 9, memLevel: 9 }, 2], ["gzip", { strategy: zlib.constants.Z_HUFFMAN_ONLY }, 10],
    ["deflateRaw", { windowBits: 9 }, 0], ["deflate", { level: 0 }, 7], ["deflate", { windowBits: 10 }, 2]]) {
  const packed = zlib[`${name}Sync`](text, options);
  const inflate = { gzip: "gunzipSync", deflate: "inflateSync", deflateRaw: "inflateRawSync" }[name];
  out.push([name, packed.subarray(0, header).toString("hex"), zlib[inflate](packed).toString() === text]);
}
out.push(zlib.gzipSync("hello").toString("base64"), zlib.deflateSync(Buffer.alloc(0)).toString("hex"));
out.push(zlib.unzipSync(zlib.gzipSync("g")).toString(), zlib.unzipSync(zlib.deflateSync("d")).toString(),
  zlib.inflateSync(zlib.deflateSync("w"), { windowBits: 0 }).toString());
out.push(zlib.gunzipSync(Buffer.concat([zlib.gzipSync("one "), zlib.gzipSync("two")])).toString());
out.push(zlib.gzipSync(new Uint8Array([1, 2, 3]).buffer).length, zlib.deflateSync(new DataView(new ArrayBuffer(4))).length);
const dict = Buffer.from("fox dog quick");
out.push(zlib.inflateSync(zlib.deflateSync(text, { dictionary: dict }), { dictionary: dict }).toString() === text);
out.push(zlib.crc32("hello"), zlib.crc32(Buffer.from("world"), 3610632620), zlib.crc32(""));
export default out;
"""
    ) == [
        ["gzip", "1f8b0800000000000003", True],
        ["deflate", "789c", True],
        ["deflate", "7801", True],
        ["deflate", "78da", True],
        ["gzip", "1f8b0800000000000403", True],
        ["deflateRaw", "", True],
        ["deflate", "78010184037bfc", True],
        ["deflate", "2891", True],
        "H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==",
        "789c030000000001",
        "g",
        "d",
        "w",
        "one two",
        23,
        12,
        True,
        907060870,
        230306090,
        0,
    ]


def test_each_side_inflates_the_others_output(node_js):
    """What this runtime deflates, Node inflates (and the reverse): bytes made here are
    inflated by the same module under Node."""
    made = node_js(
        """
import zlib from "node:zlib";
const text = Array.from({ length: 3000 }, (_, i) => (i * 7919 % 1000).toString(36)).join(",");
export default ["gzip", "deflate", "deflateRaw"].map((name) => zlib[`${name}Sync`](text, { level: 6 }).toString("base64"));
""",
        compare=False,
    )
    assert node_js(
        f"""
import zlib from "node:zlib";
const text = Array.from({{ length: 3000 }}, (_, i) => (i * 7919 % 1000).toString(36)).join(",");
const made = {made!r};
export default [zlib.gunzipSync(Buffer.from(made[0], "base64")).toString() === text,
  zlib.inflateSync(Buffer.from(made[1], "base64")).toString() === text,
  zlib.inflateRawSync(Buffer.from(made[2], "base64")).toString() === text];
"""
    ) == [True, True, True]


def test_streams(node_js):
    """Transform streams: piped both ways, output in chunkSize pieces, flush() mid-stream,
    reset(), bytesWritten, and errors emitted as 'error' with zlib's code."""
    assert node_js(
        """
import zlib from "node:zlib";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
const collect = (chunks) => new Writable({ write(chunk, _, done) { chunks.push(chunk); done(); } });
const text = "abc".repeat(10000);
const out = [];
const chunks = [];
const gzip = zlib.createGzip();
await pipeline(Readable.from([text, "def"]), gzip, zlib.createGunzip({ chunkSize: 4096 }), collect(chunks));
out.push(Buffer.concat(chunks).toString() === text + "def", chunks.length, chunks[0].length, gzip.bytesWritten);
const deflate = zlib.createDeflate();
const parts = [];
deflate.on("data", (d) => parts.push(d));
deflate.write("partial ");
await new Promise((resolve) => deflate.flush(resolve));
out.push(zlib.inflateSync(Buffer.concat(parts), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString());
deflate.write("rest");
deflate.end();
await new Promise((resolve) => deflate.on("end", resolve));
out.push(zlib.inflateSync(Buffer.concat(parts)).toString());
const raw = new zlib.DeflateRaw();
const rawParts = [];
raw.on("data", (d) => rawParts.push(d));
raw.write("first");
raw.reset();
raw.end("second");
await new Promise((resolve) => raw.on("end", resolve));
out.push(zlib.Gunzip() instanceof zlib.Gunzip, raw instanceof zlib.DeflateRaw);
out.push(await new Promise((resolve) => {
  const bad = zlib.createGunzip();
  bad.on("error", (err) => resolve([err.code, err.errno, err.message]));
  bad.end(Buffer.from("not gzip"));
}));
out.push(await new Promise((resolve) => {
  const cut = zlib.createInflate();
  cut.on("error", (err) => resolve([err.code, err.errno, err.message]));
  cut.on("data", () => {});
  cut.end(zlib.deflateSync("truncated!").subarray(0, 6));
}));
out.push(await new Promise((resolve) => { const z = zlib.createGzip(); z.close(() => resolve(["closed", z.destroyed])); }));
export default out;
"""
    ) == [
        True,
        8,
        4096,
        30003,
        "partial ",
        "partial rest",
        True,
        True,
        ["Z_DATA_ERROR", -3, "incorrect header check"],
        ["Z_BUF_ERROR", -5, "unexpected end of file"],
        ["closed", True],
    ]


def test_callbacks_promises_and_limits(node_js):
    assert node_js(
        CATCH
        + """
import zlib from "node:zlib";
import { promisify } from "node:util";
const out = [];
out.push((await promisify(zlib.gunzip)(await promisify(zlib.gzip)("promised"))).toString());
out.push(await new Promise((resolve) => zlib.deflate("cb", (err, packed) => resolve([err, zlib.inflateSync(packed).toString()]))));
out.push(await new Promise((resolve) => zlib.inflate(Buffer.from("bad"), (err) => resolve([err.code, err.errno]))));
let sync = true;
const order = await new Promise((resolve) => { zlib.gzip("x", () => resolve(sync)); sync = false; });
out.push(order);
out.push(caught(() => zlib.inflateSync(zlib.deflateSync("x".repeat(1000)), { maxOutputLength: 10 })));
out.push(zlib.inflateSync(zlib.deflateSync("x".repeat(1000)), { maxOutputLength: 1000 }).length);
out.push(caught(() => zlib.gunzipSync(Buffer.concat([zlib.gzipSync("a"), Buffer.from("zz")]))));
const dict = Buffer.from("hello world");
out.push(caught(() => zlib.inflateSync(zlib.deflateSync("hello world hello", { dictionary: dict }))));
out.push(zlib.inflateSync(zlib.deflateSync("hello world hello", { dictionary: dict }), { dictionary: dict }).toString());
export default out;
"""
    ) == [
        "promised",
        [None, "cb"],
        ["Z_DATA_ERROR", -3],
        False,
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_TOO_LARGE",
            "errno": None,
            "message": "Cannot create a Buffer larger than 10 bytes",
        },
        1000,
        {"name": "Error", "code": "Z_DATA_ERROR", "errno": -3, "message": "incorrect header check"},
        {"name": "Error", "code": "Z_NEED_DICT", "errno": 2, "message": "Missing dictionary"},
        "hello world hello",
    ]


def test_option_and_argument_errors(node_js):
    assert node_js(
        CATCH
        + """
import zlib from "node:zlib";
export default [
  caught(() => zlib.gzipSync("x", { level: 10 })),
  caught(() => zlib.gzipSync("x", { level: "9" })),
  caught(() => zlib.createDeflate({ windowBits: 7 })),
  caught(() => zlib.createDeflate({ memLevel: 0 })),
  caught(() => zlib.createDeflate({ strategy: 5 })),
  caught(() => zlib.createDeflate({ chunkSize: 10 })),
  caught(() => zlib.createDeflate({ dictionary: "text" })),
  caught(() => zlib.gzipSync(5)),
  caught(() => zlib.gzip("x", { level: 1 })),
  caught(() => zlib.crc32(5)),
  caught(() => zlib.createInflate({ windowBits: 0 }).constructor.name),
];
"""
    ) == [
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.level" is out of range. It must be >= -1 and <= 9. Received 10',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "errno": None,
            "message": "The \"options.level\" property must be of type number. Received type string ('9')",
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.windowBits" is out of range. It must be >= 8 and <= 15. Received 7',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.memLevel" is out of range. It must be >= 1 and <= 9. Received 0',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.strategy" is out of range. It must be >= 0 and <= 4. Received 5',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.chunkSize" is out of range. It must be >= 64. Received 10',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "errno": None,
            "message": "The \"options.dictionary\" property must be an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type string ('text')",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "errno": None,
            "message": 'The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type number (5)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "errno": None,
            "message": 'The "callback" argument must be of type function. Received undefined',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "errno": None,
            "message": 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
        },
        "Inflate",
    ]


def test_module_shape(node_js):
    """constants, codes and the exports (Brotli aside: the host's zlib has none)."""
    assert node_js(
        """
import zlib from "node:zlib";
const { ZLIB_VERNUM, ...constants } = zlib.constants;
export default [
  Object.fromEntries(Object.entries(constants).filter(([k]) => !k.startsWith("BROTLI"))),
  zlib.codes,
  Object.keys(zlib).filter((k) => !/brotli/i.test(k)),
  zlib.Z_BEST_COMPRESSION, zlib.DEFLATERAW, Object.keys(zlib).includes("Z_FINISH"), typeof ZLIB_VERNUM,
];
"""
    ) == [
        {
            "Z_NO_FLUSH": 0,
            "Z_PARTIAL_FLUSH": 1,
            "Z_SYNC_FLUSH": 2,
            "Z_FULL_FLUSH": 3,
            "Z_FINISH": 4,
            "Z_BLOCK": 5,
            "Z_OK": 0,
            "Z_STREAM_END": 1,
            "Z_NEED_DICT": 2,
            "Z_ERRNO": -1,
            "Z_STREAM_ERROR": -2,
            "Z_DATA_ERROR": -3,
            "Z_MEM_ERROR": -4,
            "Z_BUF_ERROR": -5,
            "Z_VERSION_ERROR": -6,
            "Z_NO_COMPRESSION": 0,
            "Z_BEST_SPEED": 1,
            "Z_BEST_COMPRESSION": 9,
            "Z_DEFAULT_COMPRESSION": -1,
            "Z_FILTERED": 1,
            "Z_HUFFMAN_ONLY": 2,
            "Z_RLE": 3,
            "Z_FIXED": 4,
            "Z_DEFAULT_STRATEGY": 0,
            "DEFLATE": 1,
            "INFLATE": 2,
            "GZIP": 3,
            "GUNZIP": 4,
            "DEFLATERAW": 5,
            "INFLATERAW": 6,
            "UNZIP": 7,
            "Z_MIN_WINDOWBITS": 8,
            "Z_MAX_WINDOWBITS": 15,
            "Z_DEFAULT_WINDOWBITS": 15,
            "Z_MIN_CHUNK": 64,
            "Z_MAX_CHUNK": None,
            "Z_DEFAULT_CHUNK": 16384,
            "Z_MIN_MEMLEVEL": 1,
            "Z_MAX_MEMLEVEL": 9,
            "Z_DEFAULT_MEMLEVEL": 8,
            "Z_MIN_LEVEL": -1,
            "Z_MAX_LEVEL": 9,
            "Z_DEFAULT_LEVEL": -1,
        },
        {
            "0": "Z_OK",
            "1": "Z_STREAM_END",
            "2": "Z_NEED_DICT",
            "Z_OK": 0,
            "Z_STREAM_END": 1,
            "Z_NEED_DICT": 2,
            "Z_ERRNO": -1,
            "Z_STREAM_ERROR": -2,
            "Z_DATA_ERROR": -3,
            "Z_MEM_ERROR": -4,
            "Z_BUF_ERROR": -5,
            "Z_VERSION_ERROR": -6,
            "-1": "Z_ERRNO",
            "-2": "Z_STREAM_ERROR",
            "-3": "Z_DATA_ERROR",
            "-4": "Z_MEM_ERROR",
            "-5": "Z_BUF_ERROR",
            "-6": "Z_VERSION_ERROR",
        },
        [
            "crc32",
            "Deflate",
            "Inflate",
            "Gzip",
            "Gunzip",
            "DeflateRaw",
            "InflateRaw",
            "Unzip",
            "deflate",
            "deflateSync",
            "gzip",
            "gzipSync",
            "deflateRaw",
            "deflateRawSync",
            "unzip",
            "unzipSync",
            "inflate",
            "inflateSync",
            "gunzip",
            "gunzipSync",
            "inflateRaw",
            "inflateRawSync",
            "createDeflate",
            "createInflate",
            "createDeflateRaw",
            "createInflateRaw",
            "createGzip",
            "createGunzip",
            "createUnzip",
            "constants",
            "codes",
        ],
        9,
        5,
        False,
        "number",
    ]


def test_trailing_data_windows_and_dictionaries(node_js):
    """What follows a stream's end (zero padding after gzip, another member, anything after
    a zlib stream), raw and gzip windows of 8, and dictionaries, as Node reads them."""
    assert node_js(
        CATCH
        + """
import zlib from "node:zlib";
const gz = zlib.gzipSync("abc");
const d = zlib.deflateSync("hello world", { dictionary: Buffer.from("hello") });
const streamed = await new Promise((resolve) => {
  const parts = [];
  const s = zlib.createGunzip();
  s.on("data", (c) => parts.push(c)).on("end", () => resolve(Buffer.concat(parts).toString())).on("error", (e) => resolve(e.code));
  s.write(gz);
  s.end(Buffer.alloc(8));
});
export default [
  zlib.gunzipSync(Buffer.concat([gz, Buffer.alloc(10)])).toString(),
  zlib.unzipSync(Buffer.concat([gz, Buffer.alloc(3)])).toString(),
  zlib.unzipSync(Buffer.concat([zlib.deflateSync("x"), Buffer.from("zzz")])).toString(),
  zlib.inflateSync(Buffer.concat([zlib.deflateSync("x"), Buffer.from("zzz")])).toString(),
  zlib.unzipSync(Buffer.concat([gz, zlib.gzipSync("def")])).toString(),
  caught(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.from([0x1f])]))),
  caught(() => zlib.gunzipSync(Buffer.concat([gz, Buffer.from("zz")]))),
  streamed,
  zlib.deflateRawSync("x", { windowBits: 8 }).toString("hex"),
  zlib.deflateSync("x", { windowBits: 8 }).toString("hex"),
  caught(() => zlib.gzipSync("x", { windowBits: 8 })),
  zlib.gzipSync("x", { dictionary: Buffer.from("abc") }).equals(zlib.gzipSync("x")),
  caught(() => zlib.inflateSync(d, { dictionary: Buffer.from("nope") })),
  zlib.inflateSync(d, { dictionary: Buffer.from("hello") }).toString(),
];
"""
    ) == [
        "abc",
        "abc",
        "x",
        "x",
        "abcdef",
        {"name": "Error", "code": "Z_BUF_ERROR", "errno": -5, "message": "unexpected end of file"},
        {"name": "Error", "code": "Z_DATA_ERROR", "errno": -3, "message": "incorrect header check"},
        "abc",
        "ab0000",
        "1895ab000000790079",
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "errno": None,
            "message": 'The value of "options.windowBits" is out of range. It must be >= 9 and <= 15. Received 8',
        },
        True,
        {"name": "Error", "code": "Z_NEED_DICT", "errno": 2, "message": "Bad dictionary"},
        "hello world",
    ]


def test_stream_events_come_in_nodes_order(node_js):
    # Node works on its thread pool: no 'data' within write() or flush(), and 'finish'
    # comes before the final flush's 'data' and 'end'.
    assert node_js(
        """
import zlib from "node:zlib";
const log = [];
const gz = zlib.createGzip();
gz.on("data", (c) => log.push("data " + c.length));
gz.write("hello", () => log.push("write cb"));
gz.flush(() => log.push("flush cb"));
log.push("returned");
await new Promise((resolve) => setTimeout(resolve, 5));
const events = [];
const ended = zlib.createGzip();
for (const name of ["data", "prefinish", "finish", "end", "close"]) ended.on(name, () => events.push(name));
ended.end("hello");
await new Promise((resolve) => ended.on("close", resolve));
export default { log, events };
"""
    ) == {
        "log": ["returned", "data 10", "write cb", "data 11", "flush cb"],
        "events": ["data", "prefinish", "finish", "data", "end", "close"],
    }
