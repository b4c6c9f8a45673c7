"""node:querystring, checked against Node.js."""

from __future__ import annotations

from pathlib import Path

# Turns a thrown error into JSON.
CATCH = r"""
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""


def test_exports(node_js):
    assert node_js(r"""
import qs, * as ns from "node:querystring";
import { parse, stringify, escape, unescape } from "querystring";
export default {
  keys: Object.keys(qs),
  same: [qs.decode === qs.parse, qs.encode === qs.stringify, ns.default === qs, parse === qs.parse,
    stringify === qs.stringify, escape === qs.escape, unescape === qs.unescape],
  names: [qs.parse.name, qs.stringify.name, qs.escape.name, qs.unescape.name],
};
""") == {
        "keys": ["unescapeBuffer", "unescape", "escape", "stringify", "encode", "parse", "decode"],
        "same": [True, True, True, True, True, True, True],
        "names": ["parse", "stringify", "qsEscape", "qsUnescape"],
    }


def test_parse(node_js):
    assert node_js(r"""
import qs from "node:querystring";
const cases = [
  ["foo=bar&abc=xyz&abc=123"], ["a=1&a=2&a=3&b"], [""], ["&&"], ["="], ["=&="], ["a"], ["a=b=c"], ["a==b"],
  ["a+b=c+d"], ["a%20b=c%2Bd%26"], ["%E2%82%AC=%E2%82"], ["%zz=%4"], ["%=%%"], ["a[]=1&a[]=2"], ["__proto__=1&constructor=2"],
  ["hasOwnProperty=x&toString=y"], ["\u00e9=\u00fc&\ud83d\ude00"], ["a=1;b=2", ";"], ["a:1;b:2", ";", ":"],
  ["a::1&&b::2", "&&", "::"], ["a=1&&b=2", "&&"], ["a=1ab=2", "ab", ""], ["a=%41&b=+", null, null],
  ["a=1&b=2&c=3", null, null, { maxKeys: 2 }], ["a=1&b=2&c=3", null, null, { maxKeys: 0 }],
  ["a=1&b=2&c=3", null, null, { maxKeys: -1 }], ["&&a=1", null, null, { maxKeys: 2 }],
];
export default cases.map(([s, sep, eq, options]) => {
  const r = qs.parse(s, sep, eq, options);
  return [Object.getPrototypeOf(r) === null, Object.entries(r)];
});
""") == [
        [True, [["foo", "bar"], ["abc", ["xyz", "123"]]]],
        [True, [["a", ["1", "2", "3"]], ["b", ""]]],
        [True, []],
        [True, []],
        [True, [["", ""]]],
        [True, [["", ["", ""]]]],
        [True, [["a", ""]]],
        [True, [["a", "b=c"]]],
        [True, [["a", "=b"]]],
        [True, [["a b", "c d"]]],
        [True, [["a b", "c+d&"]]],
        [True, [["€", "�"]]],
        [True, [["%zz", "%4"]]],
        [True, [["%", "%%"]]],
        [True, [["a[]", ["1", "2"]]]],
        [True, [["__proto__", "1"], ["constructor", "2"]]],
        [True, [["hasOwnProperty", "x"], ["toString", "y"]]],
        [True, [["é", "ü"], ["😀", ""]]],
        [True, [["a", "1"], ["b", "2"]]],
        [True, [["a", "1"], ["b", "2"]]],
        [True, [["a", "1"], ["b", "2"]]],
        [True, [["a", "1"], ["b", "2"]]],
        [True, [["a", "1"], ["", "2"]]],
        [True, [["a", "A"], ["b", " "]]],
        [True, [["a", "1"], ["b", "2"]]],
        [True, [["a", "1"], ["b", "2"], ["c", "3"]]],
        [True, [["a", "1"], ["b", "2"], ["c", "3"]]],
        [True, []],
    ]


def test_parse_many_keys(node_js):
    assert node_js(r"""
import qs from "node:querystring";
const s = Array.from({ length: 1500 }, (_, i) => `k${i}=${i}`).join("&");
export default [Object.keys(qs.parse(s)).length, Object.keys(qs.parse(s, null, null, { maxKeys: 0 })).length,
  qs.parse(12), qs.parse(null), qs.parse({})];
""") == [1000, 1500, {}, {}, {}]


def test_parse_decoder(node_js):
    assert node_js(r"""
import qs from "node:querystring";
const seen = [];
const upper = (s) => { seen.push(s); return s.toUpperCase(); };
const failing = (s) => { if (s.includes("x")) throw new Error("no"); return `<${s}>`; };
export default {
  upper: qs.parse("a=b&c+d=e%41", null, null, { decodeURIComponent: upper }),
  seen,
  failing: qs.parse("x=%41&y=x%zz&z=1", null, null, { decodeURIComponent: failing }),
  notFunction: qs.parse("a=%41", null, null, { decodeURIComponent: "nope" }),
};
""") == {
        "upper": {"A": "B", "C%20D": "E%41"},
        "seen": ["a", "b", "c%20d", "e%41"],
        "failing": {"x": "<%41>", "<y>": "x%zz", "<z>": "<1>"},
        "notFunction": {"a": "A"},
    }


def test_stringify(node_js):
    assert node_js(r"""
import qs from "node:querystring";
export default [
  qs.stringify({ foo: "bar", baz: ["qux", "quux"], corge: "" }),
  qs.stringify({ foo: "bar", baz: "qux" }, ";", ":"),
  qs.stringify({ n: 1, f: 1.5, neg: -0, big: 1e21, small: 1e-7, inf: Infinity, nan: NaN, b: true, f2: false,
    bi: 12n, nul: null, u: undefined, o: {}, fn() {}, sym: Symbol("s") }),
  qs.stringify({ arr: [1, "two", null, true, 3n, [4]], empty: [], after: "x" }),
  qs.stringify({ "a b": "c&d=e", "\u00e9": "\u20ac\ud83d\ude00", "!'()*-._~": "!'()*-._~", "+": "/?#[]@$,;" }),
  qs.stringify({ w: "a b" }, null, null, { encodeURIComponent: (s) => `<${s}>` }),
  qs.stringify({ n: 5, b: false, x: null }, "&", "=", { encodeURIComponent: (s) => `[${s}]` }),
  qs.stringify({ a: 1 }, "", ""),
  qs.stringify("a=b"), qs.stringify(null), qs.stringify(5), qs.stringify([1, 2]),
  qs.stringify(Object.assign(Object.create({ inherited: 1 }), { own: 2 })),
];
""") == [
        "foo=bar&baz=qux&baz=quux&corge=",
        "foo:bar;baz:qux",
        "n=1&f=1.5&neg=0&big=1e%2B21&small=1e-7&inf=&nan=&b=true&f2=false&bi=12&nul=&u=&o=&fn=&sym=",
        "arr=1&arr=two&arr=&arr=true&arr=3&arr=&after=x",
        "a%20b=c%26d%3De&%C3%A9=%E2%82%AC%F0%9F%98%80&!'()*-._~=!'()*-._~&%2B=%2F%3F%23%5B%5D%40%24%2C%3B",
        "<w>=<a b>",
        "[n]=[5]&[b]=[false]&[x]=[]",
        "a=1",
        "",
        "",
        "",
        "0=1&1=2",
        "own=2",
    ]


def test_escape_unescape(node_js):
    assert node_js(
        CATCH
        + r"""
import qs from "node:querystring";
const strings = ["", "abc", "a b+c", "!'()*-._~", "\u00e9\u20ac\ud83d\ude00", "%", "/?#[]@&=", "\x00\x7f", "\u07ff\u0800"];
export default {
  escape: strings.map((s) => qs.escape(s)),
  other: [qs.escape(12), qs.escape(null), qs.escape(undefined), qs.escape({ toString: () => "a b" }), qs.escape([1, "é"])],
  surrogates: [caught(() => qs.escape("\ud800")), qs.escape("\ud800a"), qs.escape("\udc00x"), caught(() => qs.escape("a\udbff"))],
  symbol: caught(() => qs.escape(Symbol("x"))).name,
  unescape: ["a%20b", "a+b", "%E2%82%AC", "%E2%82", "%zz%41", "%", "%4", "%C3%A9+%", "\u00e9%41", "%F0%9F%98%80", "%ED%A0%80"]
    .flatMap((s) => [qs.unescape(s), qs.unescape(s, true)]),
};
"""
    ) == {
        "escape": [
            "",
            "abc",
            "a%20b%2Bc",
            "!'()*-._~",
            "%C3%A9%E2%82%AC%F0%9F%98%80",
            "%25",
            "%2F%3F%23%5B%5D%40%26%3D",
            "%00%7F",
            "%DF%BF%E0%A0%80",
        ],
        "other": ["12", "null", "undefined", "a%20b", "1%2C%C3%A9"],
        "surrogates": [
            {"name": "URIError", "code": "ERR_INVALID_URI", "message": "URI malformed"},
            "%F0%90%81%A1",
            "%F0%90%81%B8",
            {"name": "URIError", "code": "ERR_INVALID_URI", "message": "URI malformed"},
        ],
        "symbol": "TypeError",
        "unescape": [
            "a b",
            "a b",
            "a+b",
            "a+b",
            "€",
            "€",
            "�",
            "�",
            "%zzA",
            "%zzA",
            "%",
            "%",
            "%4",
            "%4",
            "é+%",
            "é %",
            "éA",
            "éA",
            "😀",
            "😀",
            "���",
            "���",
        ],
    }


def test_unescape_buffer(node_js):
    assert node_js(r"""
import qs from "node:querystring";
import { Buffer } from "node:buffer";
const bytes = (b) => [Buffer.isBuffer(b), b.length, [...b]];
export default [
  bytes(qs.unescapeBuffer("a%20b+%zz%E2%82%AC%", true)),
  bytes(qs.unescapeBuffer("a+b%4")),
  bytes(qs.unescapeBuffer("")),
  bytes(qs.unescapeBuffer("%41\u0141\u00ff")),
  qs.unescapeBuffer("%C3%A9t%C3%A9").toString(),
];
""") == [
        [True, 11, [97, 32, 98, 32, 37, 122, 122, 226, 130, 172, 37]],
        [True, 5, [97, 43, 98, 37, 52]],
        [True, 0, []],
        [True, 3, [65, 65, 255]],
        "été",
    ]


def test_replaced_escape_and_unescape(node_js):
    """stringify() and parse() use the module's escape and unescape as they are at the call."""
    assert node_js(r"""
import qs from "node:querystring";
const { escape, unescape } = qs;
qs.escape = (s) => `(${s})`;
qs.unescape = (s) => s.split("").reverse().join("");
const results = [qs.stringify({ a: "b c", n: 1 }), qs.parse("ab=c%41&d=e")];
qs.escape = escape;
qs.unescape = unescape;
results.push(qs.stringify({ a: "b c" }), qs.parse("ab=c%41"));
export default results;
""") == ["(a)=(b c)&(n)=(1)", {"ba": "14%c", "d": "e"}, "a=b%20c", {"ab": "cA"}]


def test_require_from_cjs(node_js, tmp_path: Path):
    helper = tmp_path / "helper.cjs"
    helper.write_text(
        """
const qs = require("querystring");
module.exports = [qs === require("node:querystring"), qs.stringify(qs.parse("a=1&b=%20"))];
"""
    )
    assert node_js(f'import result from "{helper.as_uri()}";\nexport default result;\n') == [
        True,
        "a=1&b=%20",
    ]
