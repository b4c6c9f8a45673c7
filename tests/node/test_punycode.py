"""node:punycode (Punycode.js 2.1.0 as Node.js bundles it), checked against Node.js."""

from __future__ import annotations

# Turns a thrown error into JSON.
CATCH = r"""
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, message: e.message }; }
};
"""


def test_punycode(node_js):
    assert node_js(
        CATCH
        + r"""
import punycode, * as ns from "node:punycode";
import { toASCII } from "punycode";
const labels = ["", "abc", "m\u00fcnchen", "\u2603", "\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f",
  "\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587", "\ud83d\ude00-x", "a-b-c", "\ud800"];
export default {
  keys: Object.keys(punycode),
  version: punycode.version,
  same: [ns.default === punycode, toASCII === punycode.toASCII],
  encode: labels.map((l) => punycode.encode(l)),
  roundTrip: labels.slice(0, 8).every((l) => punycode.decode(punycode.encode(l)) === l),
  decode: ["mnchen-3ya", "n3h", "abc-", "ls8h", "egbpdaj6bu4bxfgehfvwxn", "a-b-c-"].map((s) => punycode.decode(s)),
  decodeErrors: ["\u00e9-a", "99999999", "a-!", "zz", "-"].map((s) => caught(() => punycode.decode(s))),
  toASCII: ["m\u00fcnchen.de", "\u2603.com", "user@\u2603.com", "a\u3002b\uff0ec\uff61d", "ascii.com", "\u00e9@x@\u00fc"]
    .map((d) => punycode.toASCII(d)),
  toUnicode: ["xn--mnchen-3ya.de", "XN--N3H.com", "user@xn--n3h.com", "plain.com", "xn--ls8h\u3002x"].map((d) => punycode.toUnicode(d)),
  toUnicodeError: caught(() => punycode.toUnicode("xn--a-!.xn--\u00e9-a")),
  ucs2: [punycode.ucs2.decode("a\ud83d\ude00\ud800b\udc00"), punycode.ucs2.encode([97, 0x1f600, 0xd800])],
};
"""
    ) == {
        "keys": ["version", "ucs2", "decode", "encode", "toASCII", "toUnicode"],
        "version": "2.1.0",
        "same": [True, True],
        "encode": [
            "",
            "abc-",
            "mnchen-3ya",
            "n3h",
            "egbpdaj6bu4bxfgehfvwxn",
            "ihqwcrb4cv8a8dqg056pqjye",
            "-x-mo82a",
            "a-b-c-",
            "ib9b",
        ],
        "roundTrip": True,
        "decode": ["münchen", "☃", "abc", "💩", "ليهمابتكلموشعربي؟", "a-b-c"],
        "decodeErrors": [
            {"name": "RangeError", "message": "Illegal input >= 0x80 (not a basic code point)"},
            {"name": "RangeError", "message": "Overflow: input needs wider integers to process"},
            {"name": "RangeError", "message": "Invalid input"},
            {"name": "RangeError", "message": "Invalid input"},
            {"name": "RangeError", "message": "Invalid input"},
        ],
        "toASCII": ["xn--mnchen-3ya.de", "xn--n3h.com", "user@xn--n3h.com", "a.b.c.d", "ascii.com", "é@x"],
        "toUnicode": ["münchen.de", "XN--N3H.com", "user@☃.com", "plain.com", "💩.x"],
        "toUnicodeError": {"name": "RangeError", "message": "Illegal input >= 0x80 (not a basic code point)"},
        "ucs2": [[97, 128512, 55296, 98, 56320], "a😀\ud800"],
    }
