"""node:buffer: Buffer (a Uint8Array subclass with Node's encodings, number methods and
argument checks) and the module's other exports, against Node's own values."""

from __future__ import annotations

from pathlib import Path

from .conftest import UNDEFINED

# Errors come back as their name, code and message.
PRELUDE = (
    "const attempt = (f) => { try { return f(); } catch (e) "
    "{ return { name: e.name, code: e.code, message: e.message }; } };\n"
)


def run(node_js, body: str, **options):
    return node_js(PRELUDE + body, **options)


def test_require_from_commonjs(node_js, tmp_path: Path):
    """A .cjs file's require("buffer") and require("node:buffer") give the class ES imports give."""
    case = tmp_path / "case1"
    case.mkdir()
    (case / "lib.cjs").write_text(
        """const { Buffer } = require("buffer");
const viaNode = require("node:buffer");
module.exports = {
  Buffer,
  same: Buffer === viaNode.Buffer && require("buffer") === viaNode,
  hex: Buffer.from("cjs").toString("hex"),
};
"""
    )
    result = node_js(
        """
import lib from "./lib.cjs";
import { Buffer } from "node:buffer";
import { Buffer as Bare } from "buffer";
import bufferDefault from "buffer";
import * as ns from "node:buffer";
export default {
  cjs: [lib.same, lib.hex, lib.Buffer === Buffer],
  esm: [Bare === Buffer, bufferDefault.Buffer === Buffer, ns.Buffer === Buffer, ns.default === bufferDefault, typeof ns.isUtf8],
};
"""
    )
    assert result == {"cjs": [True, "636a73", True], "esm": [True, True, True, True, "function"]}


def test_inspect_and_errors(node_js):
    """util.inspect (console's formatting) shows Buffers as Node does; errors read "Name [CODE]: message"."""
    result = node_js(
        """
import { Buffer } from "node:buffer";
const inspect = globalThis.__runtime ? globalThis.__runtime.inspect.inspect : (await import("node:util")).inspect;
const err = (() => { try { Buffer.alloc(2).readUInt8(5); } catch (e) { return e; } })();
export default {
  inspect: [inspect(Buffer.from("hi")), inspect({ b: Buffer.from([1, 2, 3]) }), inspect(Buffer.alloc(51)).slice(-20), inspect(Object.assign(Buffer.from("a"), { k: [1] }))],
  error: [err instanceof RangeError, String(err), err.name, Object.keys(err)],
};
"""
    )
    assert result == {
        "inspect": [
            "<Buffer 68 69>",
            "{ b: <Buffer 01 02 03> }",
            " 00 ... 1 more byte>",
            "<Buffer 61, k: [ 1 ]>",
        ],
        "error": [
            True,
            'RangeError [ERR_OUT_OF_RANGE]: The value of "offset" is out of range. It must be >= 0 and <= 1. Received 5',
            "RangeError",
            ["code"],
        ],
    }


def test_class_shape(node_js):
    """Buffer is Node's: a function sharing FastBuffer's prototype, a Uint8Array subclass, callable without new."""
    result = run(
        node_js,
        r"""
import { Buffer, SlowBuffer } from "node:buffer";
const b = Buffer.from("hi");
const mapped = b.map((x) => x + 1);
export default {
  protoIsUint8: Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype,
  ctorProto: Object.getPrototypeOf(Buffer) === Uint8Array,
  instance: [b instanceof Buffer, b instanceof Uint8Array, Object.getPrototypeOf(b) === Buffer.prototype],
  constructorName: b.constructor === Buffer && b.constructor.name,
  tag: Object.prototype.toString.call(b),
  callable: [Buffer(3).toString("hex"), Buffer("ab").toString(), new Buffer([1, 2]).toString("hex"), new Buffer("6869", "hex").toString()],
  numberWithEncoding: attempt(() => Buffer(3, "utf8")),
  species: [Buffer.isBuffer(mapped), mapped.toString(), Buffer.isBuffer(b.filter(() => true)), Buffer.isBuffer(Uint8Array.prototype.slice.call(b))],
  isBuffer: [Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), Buffer.isBuffer("hi"), Buffer.isBuffer(null)],
  of: [Buffer.isBuffer(Buffer.of(1, 2, 258)), Buffer.of(1, 2, 258).toString("hex"), "prototype" in Buffer.of],
  poolSize: Buffer.poolSize,
  slow: [SlowBuffer(4).length, Buffer.isBuffer(SlowBuffer(1)), Object.getPrototypeOf(SlowBuffer.prototype) === Uint8Array.prototype],
  parent: [b.parent === b.buffer, b.offset === b.byteOffset, Buffer.prototype.parent],
  staticNames: ["from", "alloc", "allocUnsafe", "allocUnsafeSlow", "byteLength", "compare", "concat", "isBuffer", "isEncoding", "copyBytesFrom", "of"].filter((k) => typeof Buffer[k] !== "function"),
  aliases: ["readUint8", "readUint16LE", "readUint32BE", "readUintLE", "readUintBE", "readBigUint64LE", "readBigUint64BE",
    "writeUint8", "writeUint16BE", "writeUint32LE", "writeUintLE", "writeUintBE", "writeBigUint64LE", "writeBigUint64BE"]
    .filter((k) => typeof b[k] !== "function"),
  enumerableProto: ["toString", "write", "readUInt8", "readUint8", "asciiSlice", "utf8Write"].map((k) => Object.prototype.propertyIsEnumerable.call(Buffer.prototype, k)),
};
""",
    )
    assert result == {
        "protoIsUint8": True,
        "ctorProto": True,
        "instance": [True, True, True],
        "constructorName": "Buffer",
        "tag": "[object Uint8Array]",
        "callable": ["000000", "ab", "0102", "hi"],
        "numberWithEncoding": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "string" argument must be of type string. Received type number (3)',
        },
        "species": [True, "ij", True, True],
        "isBuffer": [True, False, False, False],
        "of": [True, "010202", False],
        "poolSize": 8192,
        "slow": [4, True, True],
        "parent": [True, True, UNDEFINED],
        "staticNames": [],
        "aliases": [],
        "enumerableProto": [True, True, True, True, True, True],
    }


def test_from_values(node_js):
    """Buffer.from over each kind of value, and its errors."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const ab = new ArrayBuffer(8);
new Uint8Array(ab).set([1, 2, 3, 4, 5, 6, 7, 8]);
const shared = Buffer.from(ab, 2, 3);
new Uint8Array(ab)[2] = 99;
const src = Buffer.from([1, 2, 3]);
const copy = Buffer.from(src);
src[0] = 9;
const hex = (b) => (Buffer.isBuffer(b) ? b.toString("hex") : b);
export default {
  array: hex(Buffer.from([1, 255, 256, -1, 1.7, "7", null, "x"])),
  arrayLike: hex(Buffer.from({ length: 3, 0: 65, 1: 66 })),
  lengthNotNumber: hex(Buffer.from({ length: "3", 0: 1 })),
  negativeLength: hex(Buffer.from({ length: -2 })),
  typed: [hex(Buffer.from(new Uint16Array([0x1234, 0xffff]))), hex(Buffer.from(new Float32Array([1.5, -1])))],
  arrayBuffer: [hex(shared), shared.buffer === ab, shared.byteOffset, hex(Buffer.from(ab, 6)), hex(Buffer.from(ab, "2", "1")), hex(Buffer.from(ab, NaN, NaN)), hex(Buffer.from(ab, 1, -5))],
  abErrors: [attempt(() => Buffer.from(ab, 9)), attempt(() => Buffer.from(ab, 2, 7))],
  copied: hex(copy),
  json: hex(Buffer.from({ type: "Buffer", data: [1, 2, 3] })),
  jsonRoundTrip: hex(Buffer.from(JSON.parse(JSON.stringify(Buffer.from("ok"))))),
  stringObject: hex(Buffer.from(new String("abc"))),
  valueOf: hex(Buffer.from({ valueOf() { return "xy"; } })),
  valueOfArray: hex(Buffer.from({ valueOf() { return [5, 6]; } })),
  toPrimitive: hex(Buffer.from({ [Symbol.toPrimitive]() { return "tp"; } }, "utf8")),
  toPrimitiveHex: hex(Buffer.from({ [Symbol.toPrimitive]() { return "abcd"; } }, "hex")),
  dataView: hex(Buffer.from(new DataView(ab, 1, 2))),
  errors: [5, undefined, null, {}, true, function named() {}, Symbol("s")].map((v) => attempt(() => Buffer.from(v))),
  badEncoding: attempt(() => Buffer.from("x", "nope")),
  encodingIgnoredWhenNotString: hex(Buffer.from("hi", 5)),
};
""",
    )
    assert result == {
        "array": "01ff00ff01070000",
        "arrayLike": "414200",
        "lengthNotNumber": "",
        "negativeLength": "",
        "typed": ["34ff", "01ff"],
        "arrayBuffer": ["630405", True, 2, "0708", "63", "", ""],
        "abErrors": [
            {
                "name": "RangeError",
                "code": "ERR_BUFFER_OUT_OF_BOUNDS",
                "message": '"offset" is outside of buffer bounds',
            },
            {
                "name": "RangeError",
                "code": "ERR_BUFFER_OUT_OF_BOUNDS",
                "message": '"length" is outside of buffer bounds',
            },
        ],
        "copied": "010203",
        "json": "010203",
        "jsonRoundTrip": "6f6b",
        "stringObject": "616263",
        "valueOf": "7879",
        "valueOfArray": "0506",
        "toPrimitive": "7470",
        "toPrimitiveHex": "abcd",
        "dataView": "",
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (5)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received null",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received an instance of Object",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type boolean (true)",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received function named",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type symbol (Symbol(s))",
            },
        ],
        "badEncoding": {
            "name": "TypeError",
            "code": "ERR_UNKNOWN_ENCODING",
            "message": "Unknown encoding: nope",
        },
        "encodingIgnoredWhenNotString": "6869",
    }


def test_encodings_roundtrip(node_js):
    """Every encoding and its aliases, in any letter case, both ways."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const text = "h\u00e9llo \u20ac \ud83d\ude00!";
const names = ["utf8", "UTF-8", "Utf8", "ucs2", "UCS-2", "utf16le", "UTF-16LE", "latin1", "BINARY", "ascii", "ASCII", "base64", "Base64", "base64url", "hex", "HEX"];
const out = {};
for (const name of names) {
  const b = Buffer.from(text, name);
  out[name] = [b.toString("hex"), b.toString(name)];
}
export default {
  out,
  isEncoding: [...names, "", "utf-16be", "utf32", "latin-1", "binary ", null, 1, undefined, "UTF16LE"].map((n) => Buffer.isEncoding(n)),
  base64: ["", "f", "fo", "foo", "foob", "fooba", "foobar"].map((s) => [Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url")]),
  allBytes: (() => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    return ["hex", "base64", "base64url", "latin1"].map((e) => Buffer.from(all.toString(e), e).equals(all));
  })(),
  ucs2Bytes: Buffer.from([0x61, 0, 0x3d, 0xd8, 0, 0xde, 0x62]).toString("ucs2"),
};
""",
    )
    assert result == {
        "out": {
            "utf8": ["68c3a96c6c6f20e282ac20f09f988021", "héllo € 😀!"],
            "UTF-8": ["68c3a96c6c6f20e282ac20f09f988021", "héllo € 😀!"],
            "Utf8": ["68c3a96c6c6f20e282ac20f09f988021", "héllo € 😀!"],
            "ucs2": ["6800e9006c006c006f002000ac2020003dd800de2100", "héllo € 😀!"],
            "UCS-2": ["6800e9006c006c006f002000ac2020003dd800de2100", "héllo € 😀!"],
            "utf16le": ["6800e9006c006c006f002000ac2020003dd800de2100", "héllo € 😀!"],
            "UTF-16LE": ["6800e9006c006c006f002000ac2020003dd800de2100", "héllo € 😀!"],
            "latin1": ["68e96c6c6f20ac203d0021", "héllo ¬ =\x00!"],
            "BINARY": ["68e96c6c6f20ac203d0021", "héllo ¬ =\x00!"],
            "ascii": ["68e96c6c6f20ac203d0021", "hillo , =\x00!"],
            "ASCII": ["68e96c6c6f20ac203d0021", "hillo , =\x00!"],
            "base64": ["865968", "hllo"],
            "Base64": ["865968", "hllo"],
            "base64url": ["865968", "hllo"],
            "hex": ["", ""],
            "HEX": ["", ""],
        },
        "isEncoding": [
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            False,
            False,
            False,
            False,
            False,
            False,
            False,
            False,
            True,
        ],
        "base64": [
            ["", ""],
            ["Zg==", "Zg"],
            ["Zm8=", "Zm8"],
            ["Zm9v", "Zm9v"],
            ["Zm9vYg==", "Zm9vYg"],
            ["Zm9vYmE=", "Zm9vYmE"],
            ["Zm9vYmFy", "Zm9vYmFy"],
        ],
        "allBytes": [True, True, True, True],
        "ucs2Bytes": "a😀",
    }


def test_utf8_decoding(node_js):
    """UTF-8 decoding replaces each maximal invalid subpart with U+FFFD and keeps a BOM."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const cases = [
  [0xef, 0xbb, 0xbf, 0x41],
  [0xf0, 0x80, 0x41],
  [0xed, 0xa0, 0x80],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xe2, 0x82, 0x41],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98],
  [0x80, 0xbf],
  [0xfe, 0xff],
  [0xf0, 0x9f, 0x98, 0x80, 0x41],
  [0xc2],
  [0xe0, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];
const esc = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(" ");
export default {
  decoded: cases.map((c) => esc(Buffer.from(c).toString())),
  encoded: ["\ud800", "a\udc00b", "\ud83d\ude00", "\udc00\ud800"].map((s) => Buffer.from(s).toString("hex")),
};
""",
    )
    assert result == {
        "decoded": [
            "feff 41",
            "fffd fffd 41",
            "fffd fffd fffd",
            "fffd fffd",
            "fffd",
            "fffd 41",
            "fffd fffd fffd fffd",
            "fffd",
            "fffd fffd",
            "fffd fffd",
            "1f600 41",
            "fffd",
            "800",
            "fffd fffd fffd fffd fffd",
        ],
        "encoded": ["efbfbd", "61efbfbd62", "f09f9880", "efbfbdefbfbd"],
    }


def test_hex_base64_quirks(node_js):
    """Hex stops at the first bad pair; base64 skips other characters, takes both alphabets and stops at '='."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const hex = (s, e) => Buffer.from(s, e).toString("hex");
export default {
  hex: ["abc", "zz", "a", "0g12", "1234zz56", "AbCdEf", "a\u0130bc", " 12", "12 34"].map((s) => hex(s, "hex")),
  base64: ["QUJD", "QUJD\nRA==", "QQ=QUJD", "Q-_", "QUJ\u0144", "Q", "QQ", "QUI", "QUJDRA", " Q U J D ", "QUJD==QUJD", "!!QUJD", "QQ==", "QQ===", "=QUJD", "QU\u00a0JD", "QUJD=", "a-b_c+d/"].map((s) => hex(s, "base64")),
  base64url: ["QUJD", "-_-_", "+/+/", "QQ==", "Q"].map((s) => hex(s, "base64url")),
  byteLength: ["", "QQ", "QQ==", "QQ=", "QUJD", "Q U J D", "=", "=="].map((s) => [Buffer.byteLength(s, "base64"), Buffer.byteLength(s, "base64url")]),
  hexByteLength: ["abc", "abcd", "zz"].map((s) => Buffer.byteLength(s, "hex")),
  writeHex: (() => { const b = Buffer.alloc(4, 0xee); return [b.write("abcdzz", "hex"), b.toString("hex"), b.write("123", 1, "hex"), b.toString("hex")]; })(),
  writeBase64: (() => { const b = Buffer.alloc(4); return [b.write("QUJDREVG", "base64"), b.toString(), b.write("QUJD", 2, 1, "base64"), b.toString("hex")]; })(),
};
""",
    )
    assert result == {
        "hex": ["ab", "", "", "", "1234", "abcdef", "a0bc", "", "12"],
        "base64": [
            "414243",
            "41424344",
            "41",
            "43ef",
            "414243",
            "",
            "41",
            "4142",
            "41424344",
            "414243",
            "414243",
            "414243",
            "41",
            "41",
            "",
            "414243",
            "414243",
            "6be6ff73e77f",
        ],
        "base64url": ["414243", "fbffbf", "fbffbf", "41", ""],
        "byteLength": [[0, 0], [1, 1], [1, 1], [1, 1], [3, 3], [5, 5], [0, 0], [0, 0]],
        "hexByteLength": [1, 2, 1],
        "writeHex": [2, "abcdeeee", 1, "ab12eeee"],
        "writeBase64": [4, "ABCD", 1, "41424144"],
    }


def test_single_byte_encodings(node_js):
    """latin1 and ascii keep the low byte when writing; ascii drops the high bit when reading; ucs2 is little-endian."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const bytes = Buffer.from([0x41, 0xe9, 0xff, 0x80, 0x7f]);
export default {
  latin1Write: Buffer.from("A\u00e9\u0100\u20ac\uffff", "latin1").toString("hex"),
  asciiWrite: Buffer.from("A\u00e9\u0100\u20ac", "ascii").toString("hex"),
  binary: Buffer.from("\u00ff\u0101", "binary").toString("hex"),
  latin1Read: bytes.toString("latin1"),
  asciiRead: bytes.toString("ascii"),
  asciiLarge: (() => { const b = Buffer.alloc(20000, 0xc1); return [b.toString("ascii").length, b.toString("ascii").charCodeAt(19999)]; })(),
  ucs2: [Buffer.from("a\u20ac", "ucs2").toString("hex"), Buffer.from([0xac, 0x20, 0x61]).toString("utf16le"), Buffer.from("\ud83d", "utf-16le").toString("hex")],
  ucs2Write: (() => { const b = Buffer.alloc(5); return [b.write("abc", "ucs2"), b.toString("hex")]; })(),
};
""",
    )
    assert result == {
        "latin1Write": "41e900acff",
        "asciiWrite": "41e900ac",
        "binary": "ff01",
        "latin1Read": "Aéÿ\x80\x7f",
        "asciiRead": "Ai\x7f\x00\x7f",
        "asciiLarge": [20000, 65],
        "ucs2": ["6100ac20", "€", "3dd8"],
        "ucs2Write": [4, "6100620000"],
    }


def test_byte_length(node_js):
    """Buffer.byteLength by encoding, for views and ArrayBuffers, and its type check."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const s = "a\u00e9\u20ac\ud83d\ude00\ud800";
export default {
  strings: [undefined, "utf8", "UTF8", "ucs2", "utf16le", "latin1", "binary", "ascii", "hex", "base64", "base64url", "bogus", ""].map((e) => Buffer.byteLength(s, e)),
  empty: Buffer.byteLength(""),
  views: [Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength(new ArrayBuffer(7)), Buffer.byteLength(new DataView(new ArrayBuffer(5), 1)), Buffer.byteLength(Buffer.alloc(4))],
  errors: [5, {}, null, [1, 2]].map((v) => attempt(() => Buffer.byteLength(v))),
};
""",
    )
    assert result == {
        "strings": [13, 13, 13, 12, 12, 6, 6, 6, 3, 4, 4, 13, 13],
        "empty": 0,
        "views": [6, 7, 4, 4],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received an instance of Object',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received null',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received an instance of Array',
            },
        ],
    }


def test_to_string_ranges(node_js):
    """toString(encoding, start, end) clamps its range; unknown encodings throw."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from("abcdef");
export default {
  ranges: [[undefined, 1, 3], ["utf8", -5, 2], ["utf8", 4, 100], ["utf8", 10], ["utf8", 3, 1], ["utf8", "1", "3"], ["hex", 1.7, 3.9], ["utf8", NaN, 2], ["utf8", 0, NaN], ["latin1", null, 2], ["utf8", 1, undefined]].map((a) => b.toString(...a)),
  noArgs: b.toString(),
  undefinedEncoding: b.toString(undefined),
  errors: ["bogus", null, "", 5, {}].map((e) => attempt(() => b.toString(e))),
  locale: b.toLocaleString("hex", 0, 2),
  empty: Buffer.alloc(0).toString("base64"),
};
""",
    )
    assert result == {
        "ranges": ["bc", "ab", "ef", "", "", "bc", "6263", "ab", "", "ab", "bcdef"],
        "noArgs": "abcdef",
        "undefinedEncoding": "abcdef",
        "errors": [
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: null"},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: "},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: 5"},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: {}"},
        ],
        "locale": "6162",
        "empty": "",
    }


def test_write_overloads(node_js):
    """write(string[, offset[, length]][, encoding]) in all its forms, whole characters only."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const run = (...args) => { const b = Buffer.alloc(6); return attempt(() => [b.write(...args), b.toString("hex")]); };
export default {
  forms: [
    ["abc"], ["abc", 2], ["abc", 4, 1], ["abc", "latin1"], ["6162", "hex"], ["abc", 1, "ucs2"], ["abc", 0, 3, "hex"],
    ["abcdefgh"], ["\u20ac\u20ac"], ["a\ud83d\ude00"], ["ab\ud800"], ["abc", 6], ["abc", 2, 10],
  ].map((a) => run(...a)),
  errors: [
    [5], ["abc", -1], ["abc", 7], ["abc", 1.5], ["abc", "1", 2], ["abc", 0, -1], ["abc", 0, 7], ["abc", 0, 2, "bogus"], ["abc", "bogus"], [{}, "latin1"],
  ].map((a) => run(...a)),
  fits: (() => { const b = Buffer.alloc(4); return [b.write("a\ud83d\ude00"), Buffer.alloc(3).write("\u20ac\u20ac"), Buffer.alloc(2).write("\u00e9\u00e9")]; })(),
};
""",
    )
    assert result == {
        "forms": [
            [3, "616263000000"],
            [3, "000061626300"],
            [1, "000000006100"],
            [3, "616263000000"],
            [2, "616200000000"],
            [4, "006100620000"],
            [1, "ab0000000000"],
            [6, "616263646566"],
            [6, "e282ace282ac"],
            [5, "61f09f988000"],
            [5, "6162efbfbd00"],
            [0, "000000000000"],
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be >= 0 && <= 6. Received 10',
            },
        ],
        "errors": [
            {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "message": "argument must be a string"},
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 6. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 6. Received 7',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be an integer. Received 1.5',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"offset\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be >= 0 && <= 6. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be >= 0 && <= 6. Received 7',
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "message": "argument must be a string"},
        ],
        "fits": [1, 3, 2],
    }


def test_fill(node_js):
    """fill(value[, offset[, end]][, encoding]) with numbers, strings, buffers and other values."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const run = (size, ...args) => attempt(() => Buffer.alloc(size).fill(...args).toString("hex"));
export default {
  fills: [
    [4, 1], [4, 257], [4, -1], [4, 1.9], [5, "ab"], [5, "ab", 1], [5, "ab", 1, 4], [5, "6162", "hex"], [5, "6162", 1, "hex"],
    [5, "\u20ac"], [5, "\u20ac", "latin1"], [5, "a", "ucs2"], [5, "\u00e9", "ascii"], [5, ""], [5, Buffer.from([1, 2])], [5, new Uint16Array([0x0201])],
    [5, true], [3, {}], [3, "QUJD", "base64"], [3, "x", 3], [3, "x", 2, 1], [4, "\ud83d\ude00"], [3, "\ud800"], [2, "abc", 0, 2, "utf8"],
  ].map((a) => run(...a)),
  errors: [
    [3, "zz", "hex"], [3, Buffer.alloc(0)], [3, "a", "bogus"], [3, "a", 0, 3, 5], [3, 1, 0, 4], [3, 1, "1"], [3, 1, 1.5], [3, "a", 0, 3, null],
  ].map((a) => run(...a)),
  alloc: [
    attempt(() => Buffer.alloc(5, "ab").toString()), attempt(() => Buffer.alloc(4, "aGk=", "base64").toString()), attempt(() => Buffer.alloc(4, 0).toString("hex")),
    attempt(() => Buffer.alloc(3, "zz", "hex")), attempt(() => Buffer.alloc(3, "a", "bogus")), attempt(() => Buffer.alloc(2, "a", 5).toString()),
    attempt(() => Buffer.alloc(0, "abc").length), attempt(() => Buffer.alloc("5")), attempt(() => Buffer.allocUnsafe(3).length),
    attempt(() => Buffer.allocUnsafeSlow(2).length), attempt(() => Buffer.alloc(2.5).length),
  ],
  returnsThis: (() => { const b = Buffer.alloc(2); return b.fill(1) === b; })(),
};
""",
    )
    assert result == {
        "fills": [
            "01010101",
            "01010101",
            "ffffffff",
            "01010101",
            "6162616261",
            "0061626162",
            "0061626100",
            "6162616261",
            "0061626162",
            "e282ace282",
            "acacacacac",
            "6100610061",
            "e9e9e9e9e9",
            "0000000000",
            "0102010201",
            "0102010201",
            "0101010101",
            "000000",
            "414243",
            "000000",
            "000000",
            "f09f9880",
            "efbfbd",
            "6162",
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'value' is invalid. Received 'zz'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'value' is invalid. Received <Buffer >",
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "encoding" argument must be of type string. Received type number (5)',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "end" is out of range. It must be >= 0 && <= 3. Received 4',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"offset\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be an integer. Received 1.5',
            },
            "616161",
        ],
        "alloc": [
            "ababa",
            "hihi",
            "00000000",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'value' is invalid. Received 'zz'",
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "encoding" argument must be of type string. Received type number (5)',
            },
            0,
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"size\" argument must be of type number. Received type string ('5')",
            },
            3,
            2,
            2,
        ],
        "returnsThis": True,
    }


def test_index_of(node_js):
    """indexOf, lastIndexOf and includes for numbers, strings in each encoding and buffers."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from("abcabc\u20acabc");
const u = Buffer.from("a\u0000b\u0000c\u0000a\u0000b\u0000");
export default {
  strings: [["b"], ["b", 2], ["b", -4], ["bc", 5], ["zz"], [""], ["", 3], ["", 100], ["\u20ac"], ["abc", "latin1"], ["6263", "hex"], ["YmM=", "base64"], ["b", 1.9], ["b", -100], ["b", 1e12], ["b", null], ["zz", "hex"], ["b", undefined, "ascii"]].map((a) => b.indexOf(...a)),
  last: [["b"], ["b", 5], ["b", -8], ["bc", 100], ["abc", 0], [""], ["", 2], ["b", -100], ["b", null], ["c", 1e12], [99]].map((a) => b.lastIndexOf(...a)),
  numbers: [[98], [98 + 256], [98, 2], [0x1e2], [-158], [226, -5]].map((a) => [b.indexOf(...a), b.lastIndexOf(...a)]),
  buffers: [Buffer.from("ca"), new Uint8Array([0x82, 0xac]), Buffer.alloc(0), Buffer.from("abcabc\u20acabcX")].map((n) => [b.indexOf(n), b.lastIndexOf(n), b.includes(n, 4)]),
  ucs2: [["b", 0, "ucs2"], ["b", 3, "ucs2"], ["b", 4, "ucs2"], ["ab", "utf16le"], [Buffer.from("b\u0000"), 0, "ucs2"]].map((a) => [u.indexOf(...a), u.lastIndexOf(...a)]),
  ucs2Aligned: [
    Buffer.from([0, 0x61, 0x61, 0x61]).indexOf("\u6161", 0, "ucs2"), Buffer.from([0x61, 0x61, 0, 0x61, 0, 0]).lastIndexOf("\u6161", undefined, "ucs2"),
    Buffer.from([0, 0x61, 0x61, 0]).indexOf("a", 0, "ucs2"), Buffer.from([0, 0x61, 0x61, 0]).lastIndexOf("a", 3, "ucs2"),
    Buffer.from([0, 0x61, 0x61, 0x61, 0]).indexOf(Buffer.from([0x61, 0x61]), 0, "ucs2"),
  ],
  overlapping: [Buffer.from("aaabaaab").indexOf("aab"), Buffer.from("aaabaaab").lastIndexOf("aab"), Buffer.from("aaabaaab").lastIndexOf("aab", 3), Buffer.from("aaabaaab").indexOf("aab", 2)],
  ucs2Odd: [Buffer.from("abc").indexOf(Buffer.from("zz"), 0, "ucs2"), Buffer.from("abcd").indexOf("c", 1, "ucs2"), Buffer.from("abc").indexOf("b", 0, "ucs2")],
  includes: [b.includes("ca"), b.includes("cab", 4), b.includes(99), b.includes("x")],
  empty: [Buffer.alloc(0).indexOf("a"), Buffer.alloc(0).indexOf(""), Buffer.alloc(0).indexOf(0), Buffer.alloc(0).lastIndexOf("")],
  errors: [[{}], [true], [null], ["a", 0, "bogus"], ["b", "x"]].map((a) => attempt(() => b.indexOf(...a))),
  bufferBadEncoding: b.indexOf(Buffer.from("c"), 0, "bogus"),
};
""",
    )
    assert result == {
        "strings": [1, 4, 10, 10, -1, 0, 3, 12, 6, 0, 1, 1, 1, 1, -1, 1, 0, 1],
        "last": [10, 4, 4, 10, 0, 12, 2, -1, -1, 11, 11],
        "numbers": [[1, 10], [1, 10], [4, 1], [6, 6], [1, 10], [-1, 6]],
        "buffers": [[2, 2, False], [7, 7, True], [0, 12, True], [-1, -1, False]],
        "ucs2": [[2, -1], [2, 2], [8, 2], [0, 6], [2, -1]],
        "ucs2Aligned": [2, 0, 2, 2, 2],
        "overlapping": [1, 5, 1, 5],
        "ucs2Odd": [2, -1, -1],
        "includes": [True, False, True, False],
        "empty": [-1, 0, -1, 0],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received type boolean (true)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received null',
            },
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: bogus"},
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": "Unknown encoding: x"},
        ],
        "bufferBadEncoding": 2,
    }


def test_compare_equals_copy(node_js):
    """compare (static and with ranges), equals and copy with Node's checks."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const a = Buffer.from("abcd");
const copyRun = (...args) => { const t = Buffer.alloc(4, "."); return attempt(() => [a.copy(t, ...args), t.toString()]); };
export default {
  static: [["abc", "abd"], ["abc", "abc"], ["b", "abc"], ["ab", "abc"], ["", ""]].map(([x, y]) => Buffer.compare(Buffer.from(x), Buffer.from(y))),
  sortable: [Buffer.from("b"), Buffer.from("a"), Buffer.from("ab")].sort(Buffer.compare).map(String),
  staticErrors: [attempt(() => Buffer.compare("a", a)), attempt(() => Buffer.compare(a, [1]))],
  ranges: [[Buffer.from("bc"), 0, 2, 1, 3], [Buffer.from("xbcx"), 1, 3, 1, 3], [Buffer.from("abcd"), 2], [Buffer.from("abc"), 0, 3, 2, 2], [Buffer.from("abc"), 2, 2], [Buffer.from("abc"), 5], [Buffer.from("abc"), 0, 1, 3, 4]].map((args) => a.compare(...args)),
  rangeErrors: [[Buffer.from("a"), 0, 2], [Buffer.from("a"), 0, 1, 0, 5], [Buffer.from("a"), 1.5], [Buffer.from("a"), "1"], ["a"]].map((args) => attempt(() => a.compare(...args))),
  equals: [a.equals(Buffer.from("abcd")), a.equals(new Uint8Array([97, 98, 99, 100])), a.equals(Buffer.from("abc")), a.equals(a), Buffer.alloc(0).equals(Buffer.alloc(0))],
  equalsError: attempt(() => a.equals("abcd")),
  copies: [[], [1], [0, 1], [0, 1, 3], [2, 0, 4], [1.5, 0.5, 2.9], ["1", "2"], [10], [0, 2, 1], [0, 0, 100], [0, NaN]].map((args) => copyRun(...args)),
  copyErrors: [[-1], [0, -1], [0, 5], [0, 0, -1]].map((args) => copyRun(...args)),
  copyTargetError: attempt(() => a.copy([1, 2])),
  overlap: (() => { const b = Buffer.from("abcdef"); b.copy(b, 2, 0, 4); return b.toString(); })(),
  toUint8: (() => { const t = new Uint8Array(3); return [a.copy(t), Array.from(t)]; })(),
};
""",
    )
    assert result == {
        "static": [-1, 0, 1, -1, 0],
        "sortable": ["a", "ab", "b"],
        "staticErrors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"buf1\" argument must be an instance of Buffer or Uint8Array. Received type string ('a')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "buf2" argument must be an instance of Buffer or Uint8Array. Received an instance of Array',
            },
        ],
        "ranges": [0, 0, -1, -1, 1, 1, 1],
        "rangeErrors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "targetEnd" is out of range. It must be >= 0 && <= 1. Received 2',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "sourceEnd" is out of range. It must be >= 0 && <= 4. Received 5',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "targetStart" is out of range. It must be an integer. Received 1.5',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"targetStart\" argument must be of type number. Received type string ('1')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"target\" argument must be an instance of Buffer or Uint8Array. Received type string ('a')",
            },
        ],
        "equals": [True, True, False, True, True],
        "equalsError": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"otherBuffer\" argument must be an instance of Buffer or Uint8Array. Received type string ('abcd')",
        },
        "copies": [
            [4, "abcd"],
            [3, ".abc"],
            [3, "bcd."],
            [2, "bc.."],
            [2, "..ab"],
            [2, ".ab."],
            [2, ".cd."],
            [0, "...."],
            [0, "...."],
            [4, "abcd"],
            [4, "abcd"],
        ],
        "copyErrors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "targetStart" is out of range. It must be >= 0. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "sourceStart" is out of range. It must be >= 0 && <= 4. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "sourceStart" is out of range. It must be >= 0 && <= 4. Received 5',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "sourceEnd" is out of range. It must be >= 0. Received -1',
            },
        ],
        "copyTargetError": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "target" argument must be an instance of Buffer or Uint8Array. Received an instance of Array',
        },
        "overlap": "ababcd",
        "toUint8": [3, [97, 98, 99]],
    }


def test_concat(node_js):
    """Buffer.concat with and without totalLength, and its checks."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const parts = [Buffer.from("ab"), new Uint8Array([99]), Buffer.from("de")];
export default {
  plain: Buffer.concat(parts).toString(),
  shorter: Buffer.concat(parts, 3).toString(),
  longer: Buffer.concat(parts, 7).toString("hex"),
  empty: [Buffer.concat([]).length, Buffer.isBuffer(Buffer.concat([])), Buffer.concat([], 5).length],
  isCopy: (() => { const c = Buffer.concat([parts[0]]); c[0] = 0; return parts[0].toString(); })(),
  errors: [["ab"], [[Buffer.from("a"), "b"]], [parts, 1.5], [parts, "3"], [[new Uint16Array(2)]]].map((a) => attempt(() => Buffer.concat(...a))),
};
""",
    )
    assert result == {
        "plain": "abcde",
        "shorter": "abc",
        "longer": "61626364650000",
        "empty": [0, True, 0],
        "isCopy": "ab",
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"list\" argument must be an instance of Array. Received type string ('ab')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"list[1]\" argument must be an instance of Buffer or Uint8Array. Received type string ('b')",
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be an integer. Received 1.5',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"length\" argument must be of type number. Received type string ('3')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "list[0]" argument must be an instance of Buffer or Uint8Array. Received an instance of Uint16Array',
            },
        ],
    }


def test_slice_subarray(node_js):
    """slice and subarray share memory and take negative indexes."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from("abcdef");
const s = b.slice(1, 3);
s[0] = 0x42;
export default {
  shared: [b.toString(), Buffer.isBuffer(s), s.buffer === b.buffer],
  ranges: [[], [2], [-2], [1, -1], [-100, 2], [4, 2], [1.9, 3.9], ["1", "3"], [NaN, 2], [0, NaN], [undefined, 3], [2, 100]].map((a) => b.subarray(...a).toString()),
  sliceSame: [b.slice(-3).toString(), b.slice(2, 4).byteOffset - b.byteOffset],
};
""",
    )
    assert result == {
        "shared": ["aBcdef", True, True],
        "ranges": ["aBcdef", "cdef", "ef", "Bcde", "aB", "", "Bc", "Bc", "aB", "", "aBc", "cdef"],
        "sliceSame": ["def", 2],
    }


def test_numbers_integers(node_js):
    """read/write of integers of 1 to 6 bytes, both byte orders, with the aliases."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from([0x01, 0x82, 0xf3, 0x44, 0x95, 0xe6, 0x77, 0xf8]);
const reads = {};
for (const m of ["readUInt8", "readInt8", "readUInt16LE", "readUInt16BE", "readInt16LE", "readInt16BE", "readUInt32LE", "readUInt32BE", "readInt32LE", "readInt32BE", "readUint16LE", "readUint32BE"]) {
  reads[m] = [0, 1, 2].map((o) => b[m](o));
}
for (const m of ["readUIntLE", "readUIntBE", "readIntLE", "readIntBE"]) {
  reads[m] = [1, 2, 3, 4, 5, 6].map((n) => b[m](1, n));
}
const writes = {};
for (const [m, v] of [["writeUInt8", 250], ["writeInt8", -6], ["writeUInt16LE", 0xabcd], ["writeUInt16BE", 0xabcd], ["writeInt16LE", -2], ["writeInt16BE", -300],
  ["writeUInt32LE", 0xdeadbeef], ["writeUInt32BE", 0xdeadbeef], ["writeInt32LE", -123456], ["writeInt32BE", -123456], ["writeUint16LE", 1.9], ["writeUInt8", "7"]]) {
  const t = Buffer.alloc(5);
  writes[m + v] = [t[m](v, 1), t.toString("hex")];
}
for (const [m, v] of [["writeUIntLE", 0x123456789abc], ["writeUIntBE", 0x123456789abc], ["writeIntLE", -0x123456789ab], ["writeIntBE", -0x123456789ab]]) {
  writes[m] = [1, 2, 3, 4, 5, 6].map((n) => { const t = Buffer.alloc(7); const max = 2 ** (8 * n - 1); const value = v % max; return [t[m](value, 1, n), t.toString("hex")]; });
}
const noOffset = Buffer.alloc(4);
noOffset.writeUInt16BE(0x0102);
export default { reads, writes, defaultOffset: [noOffset.toString("hex"), noOffset.readUInt16BE()], negativeZero: b.readUInt8(-0) };
""",
    )
    assert result == {
        "reads": {
            "readUInt8": [1, 130, 243],
            "readInt8": [1, -126, -13],
            "readUInt16LE": [33281, 62338, 17651],
            "readUInt16BE": [386, 33523, 62276],
            "readInt16LE": [-32255, -3198, 17651],
            "readInt16BE": [386, -32013, -3260],
            "readUInt32LE": [1156809217, 2504323970, 3868542195],
            "readUInt32BE": [25359172, 2196980885, 4081358310],
            "readInt32LE": [1156809217, -1790643326, -426425101],
            "readInt32BE": [25359172, -2097986411, -213608986],
            "readUint16LE": [33281, 62338, 17651],
            "readUint32BE": [25359172, 2196980885, 4081358310],
            "readUIntLE": [130, 62338, 4518786, 2504323970, 990346802050, 131832230507394],
            "readUIntBE": [130, 33523, 8581956, 2196980885, 562427106790, 143981339338359],
            "readIntLE": [-126, -3198, 4518786, -1790643326, -109164825726, 131832230507394],
            "readIntBE": [-126, -32013, -8195260, -2097986411, -537084520986, -137493637372297],
        },
        "writes": {
            "writeUInt8250": [2, "00fa000000"],
            "writeInt8-6": [2, "00fa000000"],
            "writeUInt16LE43981": [3, "00cdab0000"],
            "writeUInt16BE43981": [3, "00abcd0000"],
            "writeInt16LE-2": [3, "00feff0000"],
            "writeInt16BE-300": [3, "00fed40000"],
            "writeUInt32LE3735928559": [5, "00efbeadde"],
            "writeUInt32BE3735928559": [5, "00deadbeef"],
            "writeInt32LE-123456": [5, "00c01dfeff"],
            "writeInt32BE-123456": [5, "00fffe1dc0"],
            "writeUint16LE1.9": [3, "0001000000"],
            "writeUInt87": [2, "0007000000"],
            "writeUIntLE": [
                [2, "003c0000000000"],
                [3, "00bc1a00000000"],
                [4, "00bc9a78000000"],
                [5, "00bc9a78560000"],
                [6, "00bc9a78563400"],
                [7, "00bc9a78563412"],
            ],
            "writeUIntBE": [
                [2, "003c0000000000"],
                [3, "001abc00000000"],
                [4, "00789abc000000"],
                [5, "0056789abc0000"],
                [6, "003456789abc00"],
                [7, "00123456789abc"],
            ],
            "writeIntLE": [
                [2, "00d50000000000"],
                [3, "0055f600000000"],
                [4, "00557698000000"],
                [5, "00557698ba0000"],
                [6, "00557698badc00"],
                [7, "00557698badcfe"],
            ],
            "writeIntBE": [
                [2, "00d50000000000"],
                [3, "00f65500000000"],
                [4, "00987655000000"],
                [5, "00ba9876550000"],
                [6, "00dcba98765500"],
                [7, "00fedcba987655"],
            ],
        },
        "defaultOffset": ["01020000", 258],
        "negativeZero": 1,
    }


def test_numbers_errors(node_js):
    """The number methods' checks, in Node's order, with Node's messages."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.alloc(4);
const calls = [
  () => b.readUInt8(4), () => b.readUInt8(-1), () => b.readUInt8(1.5), () => b.readUInt8("1"), () => b.readUInt8(NaN), () => b.readUInt32LE(1),
  () => Buffer.alloc(1).readUInt16LE(0), () => b.readUIntLE(0), () => b.readUIntLE(0, 7), () => b.readUIntLE(0, 0), () => b.readUIntLE(undefined, 2),
  () => b.readIntBE(0, 2.5), () => b.readIntBE(1, 4), () => b.readDoubleLE(0), () => b.readBigInt64LE(), () => b.readFloatBE(1),
  () => b.writeUInt8(256), () => b.writeUInt8(-1), () => b.writeInt8(128), () => b.writeUInt8(1, 4), () => b.writeUInt8(300, "x"),
  () => b.writeUInt16LE(70000, "x"), () => b.writeUInt16LE(1, 3), () => b.writeInt16BE(-40000), () => b.writeUInt32BE(2 ** 32), () => b.writeInt32LE(2 ** 31),
  () => b.writeUIntLE(1, 0, 7), () => b.writeUIntLE(1, 0), () => b.writeUIntBE(2 ** 40, 0, 5), () => b.writeIntLE(2 ** 39, 0, 5), () => b.writeIntLE(-(2 ** 48), 0, 6),
  () => Buffer.alloc(8).writeUIntBE(2 ** 48, 0, 6), () => b.writeUIntLE(1, undefined, 2), () => b.writeFloatLE(1, 1), () => b.writeDoubleBE(1),
  () => Buffer.alloc(8).writeBigInt64LE(2n ** 63n), () => Buffer.alloc(8).writeBigUInt64BE(-1n), () => b.writeBigUInt64LE(1n), () => { try { Buffer.alloc(8).writeBigInt64LE(1); } catch (e) { return e.name; } },
  () => b.writeUInt32LE(1, 0.5), () => b.writeUInt8(NaN), () => b.writeUInt24LE,
];
export default calls.map((f) => attempt(() => { const r = f(); return typeof r === "bigint" ? `${r}n` : r; }));
""",
    )
    assert result == [
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received -1',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be an integer. Received 1.5',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"offset\" argument must be of type number. Received type string ('1')",
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be an integer. Received NaN',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
        },
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_OUT_OF_BOUNDS",
            "message": "Attempt to access memory outside buffer bounds",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "byteLength" argument must be of type number. Received undefined',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 0',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "offset" argument must be of type number. Received undefined',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "byteLength" is out of range. It must be an integer. Received 2.5',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
        },
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_OUT_OF_BOUNDS",
            "message": "Attempt to access memory outside buffer bounds",
        },
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_OUT_OF_BOUNDS",
            "message": "Attempt to access memory outside buffer bounds",
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and <= 255. Received 256',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and <= 255. Received -1',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -128 and <= 127. Received 128',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"offset\" argument must be of type number. Received type string ('x')",
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and <= 65535. Received 70000',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 2. Received 3',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -32768 and <= 32767. Received -40000',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -2147483648 and <= 2147483647. Received 2147483648',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "byteLength" argument must be of type number. Received undefined',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and < 2 ** 40. Received 1_099_511_627_776',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -(2 ** 39) and < 2 ** 39. Received 549_755_813_888',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. Received -281_474_976_710_656',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "offset" argument must be of type number. Received undefined',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1',
        },
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_OUT_OF_BOUNDS",
            "message": "Attempt to access memory outside buffer bounds",
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 9_223_372_036_854_775_808n',
        },
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received -1n',
        },
        {
            "name": "RangeError",
            "code": "ERR_BUFFER_OUT_OF_BOUNDS",
            "message": "Attempt to access memory outside buffer bounds",
        },
        "TypeError",
        {
            "name": "RangeError",
            "code": "ERR_OUT_OF_RANGE",
            "message": 'The value of "offset" is out of range. It must be an integer. Received 0.5',
        },
        1,
        UNDEFINED,
    ]


def test_numbers_big_float(node_js):
    """64-bit bigints, floats and doubles in both byte orders."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0x01, 0x02, 0x03, 0x84, 0x00]);
const big = {};
for (const m of ["readBigUInt64LE", "readBigUInt64BE", "readBigInt64LE", "readBigInt64BE", "readBigUint64LE", "readBigUint64BE"]) big[m] = [b[m](0), b[m](1)];
const wbig = {};
for (const [m, v] of [["writeBigUInt64LE", 0x0102030405060708n], ["writeBigUInt64BE", 0xfedcba9876543210n], ["writeBigInt64LE", -2n], ["writeBigInt64BE", -(2n ** 63n)], ["writeBigUint64LE", 2n ** 64n - 1n]]) {
  const t = Buffer.alloc(9);
  wbig[m] = [t[m](v, 1), t.toString("hex")];
}
const floats = {};
for (const [m, v] of [["writeFloatLE", 1.5], ["writeFloatBE", -0.1], ["writeDoubleLE", Math.PI], ["writeDoubleBE", -Infinity], ["writeFloatLE", NaN], ["writeDoubleBE", "2.5"], ["writeFloatBE", 1e40]]) {
  const t = Buffer.alloc(9);
  const end = t[m](v, 1);
  const read = m.replace("write", "read");
  floats[m + v] = [end, t.toString("hex"), String(t[read](1))];
}
export default { big, wbig, floats, raw: [b.readFloatLE(0), b.readDoubleBE(1), b.readFloatBE(4)].map(String) };
""",
    )
    assert result == {
        "big": {
            "readBigUInt64LE": ["9512449045499346687n", "37158004083981822n"],
            "readBigUInt64BE": ["18446460382546625412n", "18374119136000443392n"],
            "readBigInt64LE": ["-8934295028210204929n", "37158004083981822n"],
            "readBigInt64BE": ["-283691162926204n", "-72624937709108224n"],
            "readBigUint64LE": ["9512449045499346687n", "37158004083981822n"],
            "readBigUint64BE": ["18446460382546625412n", "18374119136000443392n"],
        },
        "wbig": {
            "writeBigUInt64LE": [9, "000807060504030201"],
            "writeBigUInt64BE": [9, "00fedcba9876543210"],
            "writeBigInt64LE": [9, "00feffffffffffffff"],
            "writeBigInt64BE": [9, "008000000000000000"],
            "writeBigUint64LE": [9, "00ffffffffffffffff"],
        },
        "floats": {
            "writeFloatLE1.5": [5, "000000c03f00000000", "1.5"],
            "writeFloatBE-0.1": [5, "00bdcccccd00000000", "-0.10000000149011612"],
            "writeDoubleLE3.141592653589793": [9, "00182d4454fb210940", "3.141592653589793"],
            "writeDoubleBE-Infinity": [9, "00fff0000000000000", "-Infinity"],
            "writeFloatLENaN": [5, "000000c07f00000000", "NaN"],
            "writeDoubleBE2.5": [9, "004004000000000000", "2.5"],
            "writeFloatBE1e+40": [5, "007f80000000000000", "Infinity"],
        },
        "raw": ["-1.055058432344064e+37", "-5.140565179541665e+303", "2.38797513383135e-38"],
    }


def test_swap_json(node_js):
    """swap16/32/64, toJSON and JSON.stringify."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const seq = (n) => Buffer.from(Array.from({ length: n }, (_, i) => i));
export default {
  swaps: [seq(4).swap16().toString("hex"), seq(8).swap32().toString("hex"), seq(16).swap64().toString("hex"), seq(256).swap16().readUInt16BE(254), seq(512).swap64().readUInt8(0)],
  returnsThis: (() => { const b = seq(2); return b.swap16() === b; })(),
  errors: [() => seq(3).swap16(), () => seq(6).swap32(), () => seq(12).swap64()].map(attempt),
  json: JSON.stringify({ b: Buffer.from("hi") }),
  toJSON: [Buffer.from([1, 2]).toJSON(), Buffer.alloc(0).toJSON()],
};
""",
    )
    assert result == {
        "swaps": ["01000302", "0302010007060504", "07060504030201000f0e0d0c0b0a0908", 65534, 7],
        "returnsThis": True,
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_INVALID_BUFFER_SIZE",
                "message": "Buffer size must be a multiple of 16-bits",
            },
            {
                "name": "RangeError",
                "code": "ERR_INVALID_BUFFER_SIZE",
                "message": "Buffer size must be a multiple of 32-bits",
            },
            {
                "name": "RangeError",
                "code": "ERR_INVALID_BUFFER_SIZE",
                "message": "Buffer size must be a multiple of 64-bits",
            },
        ],
        "json": '{"b":{"type":"Buffer","data":[104,105]}}',
        "toJSON": [{"type": "Buffer", "data": [1, 2]}, {"type": "Buffer", "data": []}],
    }


def test_inspect(node_js):
    """util.inspect shows <Buffer ..> up to INSPECT_MAX_BYTES bytes, then own non-index properties."""
    result = run(
        node_js,
        r"""
import buffer from "node:buffer";
const { Buffer } = buffer;
const custom = Symbol.for("nodejs.util.inspect.custom");
const withProps = Object.assign(Buffer.from("ab"), { x: 1, y: "z" });
const noBytes = Object.assign(Buffer.alloc(0), { x: 1 });
const show = (b) => b[custom](2, { depth: 2, showHidden: false });
const before = buffer.INSPECT_MAX_BYTES;
const out = {
  small: Buffer.from("hi")[custom](),
  empty: Buffer.alloc(0)[custom](),
  exact: Buffer.alloc(50)[custom]().length,
  long: Buffer.alloc(52, 1)[custom]().slice(-25),
  oneMore: Buffer.alloc(51)[custom]().slice(-20),
  props: show(withProps),
  propsEmpty: show(noBytes),
  inspectMethod: Buffer.from("a").inspect(),
  before,
};
buffer.INSPECT_MAX_BYTES = 2;
out.after = Buffer.from("abc")[custom]();
out.setErrors = [() => { buffer.INSPECT_MAX_BYTES = -1; }, () => { buffer.INSPECT_MAX_BYTES = "3"; }].map(attempt);
buffer.INSPECT_MAX_BYTES = 50;
export default out;
""",
    )
    assert result == {
        "small": "<Buffer 68 69>",
        "empty": "<Buffer >",
        "exact": 158,
        "long": "1 01 01 ... 2 more bytes>",
        "oneMore": " 00 ... 1 more byte>",
        "props": "<Buffer 61 62, x: 1, y: 'z'>",
        "propsEmpty": "<Buffer x: 1>",
        "inspectMethod": "<Buffer 61>",
        "before": 50,
        "after": "<Buffer 61 62 ... 1 more byte>",
        "setErrors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "INSPECT_MAX_BYTES" is out of range. It must be >= 0. Received -1',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"INSPECT_MAX_BYTES\" argument must be of type number. Received type string ('3')",
            },
        ],
    }


def test_module_exports(node_js):
    """The module's other exports: isUtf8, isAscii, constants, atob/btoa, Blob, File, copyBytesFrom."""
    result = run(
        node_js,
        r"""
import * as buffer from "node:buffer";
import bufferDefault from "node:buffer";
const { Buffer, isUtf8, isAscii } = buffer;
const bytes = (a) => new Uint8Array(a);
export default {
  keys: ["Buffer", "SlowBuffer", "isUtf8", "isAscii", "kMaxLength", "kStringMaxLength", "constants", "INSPECT_MAX_BYTES", "atob", "btoa", "Blob", "File"].filter((k) => !(k in bufferDefault)),
  constants: [buffer.constants.MAX_LENGTH === buffer.kMaxLength, buffer.constants.MAX_STRING_LENGTH === buffer.kStringMaxLength, Object.isFrozen(buffer.constants) || !Object.getOwnPropertyDescriptor(buffer.constants, "MAX_LENGTH").writable],
  globals: [buffer.atob === globalThis.atob, buffer.btoa === globalThis.btoa, buffer.Blob === globalThis.Blob, buffer.File === globalThis.File, buffer.atob("aGk="), buffer.btoa("hi")],
  blob: await new buffer.Blob([Buffer.from("ab"), "c"]).text(),
  utf8: [[0x61], [0xc3, 0xa9], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xe0, 0x80, 0x80], [0xff], []].map((a) => isUtf8(bytes(a))),
  utf8Kinds: [isUtf8(new Uint16Array([0x6161])), isUtf8(new ArrayBuffer(2)), isUtf8(Buffer.from("\u20ac"))],
  ascii: [isAscii(bytes([0x7f])), isAscii(bytes([0x80])), isAscii(new ArrayBuffer(3)), isAscii(Buffer.from("abc"))],
  errors: [() => isUtf8("a"), () => isAscii(new DataView(new ArrayBuffer(1))), () => isUtf8()].map(attempt),
  detached: attempt(() => { const ab = new ArrayBuffer(4); structuredClone(ab, { transfer: [ab] }); return isUtf8(ab); }),
  copyBytesFrom: [
    Buffer.copyBytesFrom(new Uint16Array([0x0102, 0x0304])).toString("hex"), Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1).toString("hex"),
    Buffer.copyBytesFrom(new Uint16Array([1, 2, 3]), 1, 1).toString("hex"), Buffer.copyBytesFrom(new Uint8Array(2), 5).length, Buffer.copyBytesFrom(new Float64Array(0)).length,
  ],
  copyBytesFromErrors: [() => Buffer.copyBytesFrom(Buffer.alloc(1).buffer), () => Buffer.copyBytesFrom(new Uint8Array(2), -1), () => Buffer.copyBytesFrom(new Uint8Array(2), 0, 1.5)].map(attempt),
  isCopy: (() => { const u = new Uint8Array([1]); const c = Buffer.copyBytesFrom(u); c[0] = 2; return u[0]; })(),
};
""",
    )
    assert result == {
        "keys": [],
        "constants": [True, True, True],
        "globals": [True, True, True, True, "hi", "aGk="],
        "blob": "abc",
        "utf8": [True, True, False, False, False, True, False, False, True],
        "utf8Kinds": [True, True, True],
        "ascii": [True, False, True, True],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"input\" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received type string ('a')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received an instance of DataView',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received undefined',
            },
        ],
        "detached": {
            "name": "Error",
            "code": "ERR_INVALID_STATE",
            "message": "Cannot validate on a detached buffer",
        },
        "copyBytesFrom": ["02010403", "02000300", "0200", 0, 0],
        "copyBytesFromErrors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "view" argument must be an instance of TypedArray. Received an instance of ArrayBuffer',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 9007199254740991. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "length" is out of range. It must be an integer. Received 1.5',
            },
        ],
        "isCopy": 1,
    }


def test_codec_methods(node_js):
    """The <encoding>Slice/<encoding>Write methods Node's Buffer carries, with their index checks."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from("abc\u20ac");
export default {
  slices: [b.utf8Slice(), b.utf8Slice(1, 3), b.latin1Slice(0, 2), b.asciiSlice(3), b.hexSlice(1), b.base64Slice(), b.base64urlSlice(), b.ucs2Slice(0, 4), b.utf8Slice(2, 1), b.utf8Slice("1", "2")],
  sliceErrors: [() => b.utf8Slice(10), () => b.utf8Slice(-1), () => b.hexSlice(1, 10), () => b.latin1Slice(0, -1)].map(attempt),
  emptySlice: Buffer.alloc(0).utf8Slice(5, 10),
  writes: [["zz"], ["zz", 5], ["zz", 1, 10], ["zz", 1, 1]].map((a) => { const t = Buffer.alloc(6); return [t.utf8Write(...a), t.latin1Write(...a), t.asciiWrite(...a), t.ucs2Write(...a)]; }),
  writeErrors: [() => b.utf8Write(5), () => b.utf8Write("a", 7), () => b.utf8Write("a", -1), () => b.hexWrite("aa", 0, -1)].map(attempt),
};
""",
    )
    assert result == {
        "slices": ["abc€", "bc", "ab", "b\x02,", "6263e282ac", "YWJj4oKs", "YWJj4oKs", "扡\ue263", "", "b"],
        "sliceErrors": [
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
        ],
        "emptySlice": "",
        "writes": [[2, 2, 2, 4], [1, 1, 1, 0], [2, 2, 2, 4], [1, 1, 1, 0]],
        "writeErrors": [
            {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "message": "argument must be a string"},
            {
                "name": "RangeError",
                "code": "ERR_BUFFER_OUT_OF_BOUNDS",
                "message": '"offset" is outside of buffer bounds',
            },
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
            {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "message": "Index out of range"},
        ],
    }


def test_large_data(node_js):
    """Megabyte buffers go through every encoding intact."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const n = 1 << 20;
const big = Buffer.alloc(n);
for (let i = 0; i < n; i++) big[i] = (i * 7919) & 0xff;
const text = "\u00e9a\u20ac\ud83d\ude00".repeat(50000);
const out = {};
for (const e of ["hex", "base64", "base64url", "latin1", "ucs2"]) {
  const s = big.toString(e);
  out[e] = [s.length, Buffer.from(s, e).equals(big)];
}
const utf = Buffer.from(text);
out.utf8 = [utf.length, utf.toString() === text, Buffer.byteLength(text)];
out.ascii = big.toString("ascii").length;
export default out;
""",
    )
    assert result == {
        "hex": [2097152, True],
        "base64": [1398104, True],
        "base64url": [1398102, True],
        "latin1": [1048576, True],
        "ucs2": [524288, True],
        "utf8": [500000, True, 500000],
        "ascii": 1048576,
    }


def test_max_length_messages(node_js):
    """Errors that name kMaxLength, which Node 22 made 2 ** 53 - 1 on 64-bit machines (Node 20 had 2 ** 32)."""
    result = run(
        node_js,
        r"""
import { Buffer, kMaxLength, constants } from "node:buffer";
export default {
  kMaxLength: [kMaxLength, constants.MAX_LENGTH],
  errors: [
    () => Buffer.alloc(-1), () => Buffer.allocUnsafe(NaN), () => Buffer.allocUnsafeSlow(2 ** 53), () => Buffer.alloc(3).fill(1, -1),
    () => Buffer.alloc(1).compare(Buffer.alloc(1), -1), () => Buffer.concat([], -1), () => Buffer.alloc(3).fill(1, 0.5),
  ].map(attempt),
};
""",
        compare=False,
    )
    assert result == {
        "kMaxLength": [9007199254740991, 9007199254740991],
        "errors": [
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 9007199254740991. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 9007199254740991. Received NaN',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "size" is out of range. It must be >= 0 && <= 9007199254740991. Received 9_007_199_254_740_992',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be >= 0 && <= 9007199254740991. Received -1',
            },
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "targetStart" is out of range. It must be >= 0 && <= 9007199254740991. Received -1',
            },
            {"type": "Buffer", "data": []},
            {
                "name": "RangeError",
                "code": "ERR_OUT_OF_RANGE",
                "message": 'The value of "offset" is out of range. It must be an integer. Received 0.5',
            },
        ],
    }


def test_web_interop(node_js):
    """Buffers work where web APIs take bytes, and structuredClone gives a plain Uint8Array."""
    result = run(
        node_js,
        r"""
import { Buffer } from "node:buffer";
const b = Buffer.from("h\u00e9");
const clone = structuredClone(b);
const random = crypto.getRandomValues(Buffer.alloc(4));
export default {
  decoder: new TextDecoder().decode(b),
  encodeInto: (() => { const t = Buffer.alloc(4); const r = new TextEncoder().encodeInto("\u20ac", t); return [r.written, t.toString("hex")]; })(),
  blob: await new Blob([b, Buffer.from("!")]).text(),
  response: await new Response(b).text(),
  clone: [clone instanceof Buffer, clone instanceof Uint8Array, Array.from(clone)],
  random: [Buffer.isBuffer(random), random.length],
  fromBlob: Buffer.from(await new Blob(["xyz"]).arrayBuffer()).toString(),
  json: JSON.stringify(b),
};
""",
    )
    assert result == {
        "decoder": "hé",
        "encodeInto": [3, "e282ac00"],
        "blob": "hé!",
        "response": "hé",
        "clone": [False, True, [104, 195, 169]],
        "random": [True, 4],
        "fromBlob": "xyz",
        "json": '{"type":"Buffer","data":[104,195,169]}',
    }
