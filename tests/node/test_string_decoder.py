"""node:string_decoder: chunked bytes to strings, with Node's carry-over and replacement rules."""

from __future__ import annotations

from tests.node.conftest import UNDEFINED

# `run(encoding, chunks)`: for each chunk, what write() returned with lastNeed and
# lastTotal after it, then what end() returned.
RUN = """
import { StringDecoder } from "node:string_decoder";
const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(" ");
const run = (encoding, chunks, show = (s) => s) => {
  const d = new StringDecoder(encoding);
  const out = chunks.map((c) => [show(d.write(new Uint8Array(c))), d.lastNeed, d.lastTotal]);
  out.push(show(d.end()));
  return out;
};
"""

FFFD = "\ufffd"


def test_utf8_characters_split_over_chunks(node_js):
    assert node_js(
        RUN
        + """
export default {
  euro: run("utf8", [[0xe2], [0x82], [0xac]]),
  emoji: run("utf8", [[0x41, 0xf0, 0x9f], [0x98, 0x80, 0x42]]),
  bom: run("utf8", [[0xef, 0xbb], [0xbf, 0x41]]),
  empty: run("utf8", [[], [0xc3], [], [0xa9]]),
  whole: (() => {
    const text = "h\\u00e9llo \\u20ac \\u{1f600} w\\u00f6rld ".repeat(3000);
    const bytes = new TextEncoder().encode(text);
    const d = new StringDecoder();
    let out = "";
    for (let i = 0; i < bytes.length; i += 7) out += d.write(bytes.subarray(i, i + 7));
    return out + d.end() === text;
  })(),
};
"""
    ) == {
        "euro": [["", 2, 3], ["", 1, 3], ["€", 0, 0], ""],
        "emoji": [["A", 2, 4], ["\U0001f600B", 0, 0], ""],
        "bom": [["", 1, 3], ["\ufeffA", 0, 0], ""],
        "empty": [["", 0, 0], ["", 1, 2], ["", 1, 2], ["é", 0, 0], ""],
        "whole": True,
    }


def test_utf8_invalid_bytes_replaced_as_node_does(node_js):
    assert node_js(
        RUN
        + """
export default {
  cutAtEnd: run("utf8", [[0x61, 0xf0, 0x9f, 0x98]]),
  newLead: run("utf8", [[0xe2, 0x82], [0x41, 0xc3], [0xa9]]),
  strayContinuations: run("utf8", [[0x80, 0x80], [0xc3, 0xa9, 0x80, 0x80, 0x80, 0x80]]),
  badLead: run("utf8", [[0x41, 0xf8], [0xff, 0xfe]]),
  overlongAndSurrogate: run("utf8", [[0xe0, 0x80], [0x80, 0x41], [0xed, 0xa0, 0x80]]),
  endWithBytes: (() => { const d = new StringDecoder("utf8"); return [d.write(new Uint8Array([0xe2])), d.end(new Uint8Array([0x82]))]; })(),
};
"""
    ) == {
        "cutAtEnd": [["a", 1, 4], FFFD],
        "newLead": [["", 1, 3], [FFFD + "A", 1, 2], ["é", 0, 0], ""],
        "strayContinuations": [[FFFD * 2, 0, 0], ["é" + FFFD * 4, 0, 0], ""],
        "badLead": [["A" + FFFD, 0, 0], [FFFD * 2, 0, 0], ""],
        "overlongAndSurrogate": [["", 1, 3], [FFFD * 3 + "A", 0, 0], [FFFD * 3, 0, 0], ""],
        "endWithBytes": ["", FFFD],
    }


def test_utf16le_pairs_and_odd_bytes(node_js):
    # Code units in hex: a lone surrogate cannot cross as JSON.
    assert node_js(
        RUN
        + """
export default {
  split: run("utf16le", [[0x41], [0x00, 0x3d, 0xd8], [0x00, 0xde, 0x42, 0x00]], units),
  oddAfterHigh: run("utf16le", [[0x3d, 0xd8, 0x41]], units),
  loneHighAtEnd: run("ucs2", [[0x3d, 0xd8]], units),
  oddByteDropped: run("utf-16le", [[0x41, 0x00, 0x42]], units),
  highThenOdd: run("ucs-2", [[0x3d, 0xd8], [0x00]], units),
};
"""
    ) == {
        "split": [["", 1, 2], ["41", 2, 4], ["d83d de00 42", 0, 0], ""],
        "oddAfterHigh": [["d83d", 1, 2], ""],
        "loneHighAtEnd": [["", 2, 4], "d83d"],
        "oddByteDropped": [["41", 1, 2], ""],
        "highThenOdd": [["", 2, 4], ["", 1, 4], "d83d"],
    }


def test_base64_hex_latin1_ascii(node_js):
    assert node_js(
        RUN
        + """
export default {
  base64: run("base64", [[1], [2, 3, 4], [5], []]),
  base64Whole: run("BASE64", [[0xfb, 0xff, 0xfe]]),
  base64url: run("base64url", [[0xfb, 0xff], [0xfe, 0xfa]]),
  hex: run("hex", [[0, 0xab, 0x10], [0xff]]),
  latin1: run("binary", [[0x41, 0xe9, 0xff, 0x80]]),
  ascii: run("ascii", [[0x41, 0xe9, 0xff, 0x80]]),
  long: (() => {
    const bytes = Uint8Array.from({ length: 30000 }, (_, i) => (i * 7) & 255);
    const d = new StringDecoder("latin1");
    const text = d.write(bytes);
    const h = new StringDecoder("hex").write(bytes);
    return [text.length, text.charCodeAt(29999), h.length, h.slice(-4)];
  })(),
};
"""
    ) == {
        "base64": [["", 2, 3], ["AQID", 2, 3], ["", 1, 3], ["", 1, 3], "BAU="],
        "base64Whole": [["+//+", 0, 0], ""],
        "base64url": [["", 1, 3], ["-__-", 2, 3], "-g"],
        "hex": [["00ab10", 0, 0], ["ff", 0, 0], ""],
        "latin1": [["Aéÿ\x80", 0, 0], ""],
        "ascii": [["Ai\x7f\x00", 0, 0], ""],
        "long": [30000, 73, 60000, "4249"],
    }


def test_encoding_names_and_errors(node_js):
    assert node_js(
        """
import { StringDecoder } from "node:string_decoder";
const attempt = (f) => { try { return f(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
const names = [undefined, null, "", "UTF-8", "Utf8", "ucs2", "UCS-2", "utf-16LE", "Binary", "LATIN1", "HEX",
  "base64URL", "Ascii", { length: 4, toString() { return "UTF8"; } }];
export default {
  names: names.map((n) => new StringDecoder(n).encoding),
  unknown: ["utf16", "utf-16", "foo", 5, {}, [1, 2], 5n].map((n) => attempt(() => new StringDecoder(n))),
  noNew: attempt(() => StringDecoder("utf8")).name,
  length: StringDecoder.length,
};
"""
    ) == {
        "names": [
            "utf8",
            "utf8",
            "utf8",
            "utf8",
            "utf8",
            "utf16le",
            "utf16le",
            "utf16le",
            "latin1",
            "latin1",
            "hex",
            "base64url",
            "ascii",
            "utf8",
        ],
        "unknown": [
            {"name": "TypeError", "code": "ERR_UNKNOWN_ENCODING", "message": f"Unknown encoding: {shown}"}
            for shown in ["utf16", "utf-16", "foo", "5", "{}", "[ 1, 2 ]", "5n"]
        ],
        "noNew": "TypeError",
        "length": 1,
    }


def test_inputs_and_argument_checks(node_js):
    assert node_js(
        """
import { StringDecoder } from "node:string_decoder";
const attempt = (f) => { try { return f(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
const d = new StringDecoder("utf8");
const bytes = new Uint8Array([0x78, 0xc3, 0xa9, 0x79]);
export default {
  string: d.write("as \\u00e9 is"),
  dataView: d.write(new DataView(bytes.buffer, 1, 2)),
  uint16: new StringDecoder("hex").write(new Uint16Array([0x0102, 0xa0b0])),
  subarray: new StringDecoder("hex").write(bytes.subarray(1, 3)),
  arrayBuffer: attempt(() => d.write(bytes.buffer)),
  nullArg: attempt(() => d.write(null)),
  number: attempt(() => d.end(5)),
  endUndefined: d.end(undefined),
  badThis: attempt(() => StringDecoder.prototype.write.call({}, bytes)),
  stringOnAnything: StringDecoder.prototype.write.call({}, "s"),
  text: (() => { const t = new StringDecoder("utf8"); t.write(new Uint8Array([0xe2])); return t.text(bytes, 1); })(),
  own: Object.keys(d),
  proto: Object.getOwnPropertyNames(StringDecoder.prototype),
  getters: ["lastChar", "lastNeed", "lastTotal"].map((k) => {
    const desc = Object.getOwnPropertyDescriptor(StringDecoder.prototype, k);
    return [typeof desc.get, desc.set, desc.enumerable, desc.configurable];
  }),
};
"""
    ) == {
        "string": "as é is",
        "dataView": "é",
        "uint16": "0201b0a0",
        "subarray": "c3a9",
        "arrayBuffer": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView.'
            " Received an instance of ArrayBuffer",
        },
        "nullArg": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received null',
        },
        "number": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView.'
            " Received type number (5)",
        },
        "endUndefined": "",
        "badThis": {
            "name": "TypeError",
            "code": "ERR_INVALID_THIS",
            "message": 'Value of "this" must be of type StringDecoder',
        },
        "stringOnAnything": "s",
        "text": "éy",
        "own": ["encoding"],
        "proto": ["constructor", "write", "end", "text", "lastChar", "lastNeed", "lastTotal"],
        "getters": [["function", UNDEFINED, True, True]] * 3,
    }


def test_last_char_is_a_buffer_over_the_state(node_js):
    assert node_js(
        """
import { StringDecoder } from "node:string_decoder";
import { Buffer } from "node:buffer";
const d = new StringDecoder("utf8");
d.write(Buffer.from([0xf0, 0x9f]));
const before = d.lastChar;
d.write(Buffer.from([0x98]));
export default {
  isBuffer: Buffer.isBuffer(before),
  bytes: [...before],
  live: [...d.lastChar],
  needTotal: [d.lastNeed, d.lastTotal],
  after: [d.write(Buffer.from([0x80])), [...d.lastChar], d.lastNeed, d.lastTotal],
};
"""
    ) == {
        "isBuffer": True,
        "bytes": [0xF0, 0x9F, 0x98, 0],
        "live": [0xF0, 0x9F, 0x98, 0],
        "needTotal": [1, 4],
        "after": ["\U0001f600", [0xF0, 0x9F, 0x98, 0x80], 0, 0],
    }


def test_require_from_commonjs(node_js, tmp_path):
    (tmp_path / "lib.cjs").write_text(
        """
const sd = require("string_decoder");
const { StringDecoder } = require("node:string_decoder");
module.exports = { keys: Object.keys(sd), same: sd.StringDecoder === StringDecoder,
  text: new StringDecoder("base64").end(new Uint8Array([104, 105])) };
"""
    )
    assert node_js(
        """
import lib from "../lib.cjs";
import sd, { StringDecoder } from "node:string_decoder";
export default { ...lib, sameAsImport: sd.StringDecoder === StringDecoder };
"""
    ) == {"keys": ["StringDecoder"], "same": True, "text": "aGk=", "sameAsImport": True}
