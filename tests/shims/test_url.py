"""URL and URLSearchParams (shims/js/21_url.js, 22_url_search_params.js), on every engine.

The WPT data files (``/work/shared/wpt-data``) are run in full, one crossing per file: JS
checks every case and returns the failures, which must be exactly the (commented) expected
ones. The hand-written tests below cover the spec's edge cases the data does not state.
"""

from __future__ import annotations

import json

import pytest

import runtime
from tests.conftest import WPT_DATA


def load_wpt(name: str):
    path = WPT_DATA / name
    if not path.exists():
        pytest.skip(f"WPT data not found at {path}")
    return json.loads(path.read_text("utf-8"))


def run(ctx: runtime.Context, runner: str, data):
    """Define the JS runner (a function expression) and call it with the data."""
    ctx.eval(f"globalThis.__urlTestRunner = {runner};")
    try:
        return ctx.call("__urlTestRunner", data)
    finally:
        ctx.eval("delete globalThis.__urlTestRunner;")


# ---------------------------------------------------------------- WPT: urltestdata.json

URL_ATTRS = [
    "href",
    "protocol",
    "username",
    "password",
    "host",
    "hostname",
    "port",
    "pathname",
    "search",
    "hash",
]

URLTESTDATA_RUNNER = """function (cases) {
  const attrs = ATTRS;
  const failures = [];
  let passed = 0;
  for (const c of cases) {
    const base = c.base === null ? undefined : c.base;
    const label = JSON.stringify(c.input) + " against " + JSON.stringify(c.base);
    if (c.failure) {
      let threw = null;
      try { new URL(c.input, base); } catch (e) { threw = e; }
      if (!(threw instanceof TypeError)) { failures.push([label, "no TypeError"]); continue; }
      if (URL.canParse(c.input, base) !== false) failures.push([label, "canParse true"]);
      else if (URL.parse(c.input, base) !== null) failures.push([label, "parse not null"]);
      else passed++;
      continue;
    }
    let u;
    try {
      u = new URL(c.input, base);
    } catch (e) {
      failures.push([label, "threw " + e]);
      continue;
    }
    const bad = [];
    const show = (v) => JSON.stringify(v);
    for (const a of attrs) if (u[a] !== c[a]) bad.push(a + ": " + show(u[a]) + " != " + show(c[a]));
    if ("origin" in c && u.origin !== c.origin) bad.push("origin: " + u.origin + " != " + c.origin);
    if ("searchParams" in c && u.searchParams.toString() !== c.searchParams) {
      bad.push("searchParams");
    }
    if (URL.canParse(c.input, base) !== true) bad.push("canParse false");
    const p = URL.parse(c.input, base);
    if (!(p instanceof URL) || p.href !== c.href) bad.push("URL.parse");
    // The serialization must reparse to itself.
    try {
      if (new URL(u.href).href !== u.href) bad.push("href does not roundtrip");
    } catch (e) { bad.push("href does not reparse: " + e); }
    if (bad.length) failures.push([label, bad.join("; ")]); else passed++;
  }
  return {passed, failures};
}""".replace("ATTRS", json.dumps(URL_ATTRS))

# Both snapshots in /work/shared/wpt-data predate whatwg/url#844 ("Ensure opaque paths always
# roundtrip", WPT #51129, March 2025), which this implementation follows: in an opaque path a
# space right before "?" or "#" becomes "%20" (the parser no longer strips it, and the
# search/hash setters no longer strip trailing spaces). These cases expect an earlier draft
# of that change (the parser stripping the spaces); current WPT expects "opaque %20?hi".
URLTESTDATA_EXPECTED_FAILURES = {
    '"non-special:opaque  ?hi" against null',
    '"non-special:opaque  #hi" against null',
}


def test_wpt_urltestdata(ctx):
    data = [c for c in load_wpt("urltestdata.json") if isinstance(c, dict)]
    result = run(ctx, URLTESTDATA_RUNNER, data)
    failed = {label for label, _ in result["failures"]}
    unexpected = [f for f in result["failures"] if f[0] not in URLTESTDATA_EXPECTED_FAILURES]
    assert unexpected == []
    assert failed == URLTESTDATA_EXPECTED_FAILURES
    assert result["passed"] == len(data) - len(URLTESTDATA_EXPECTED_FAILURES)


# ---------------------------------------------------------------- WPT: setters_tests.json

SETTERS_RUNNER = """function (data) {
  const failures = [];
  let passed = 0;
  for (const attr of Object.keys(data)) {
    if (attr === "comment") continue;
    for (const c of data[attr]) {
      const label = attr + " " + JSON.stringify(c.href) + " = " + JSON.stringify(c.new_value);
      let u;
      try {
        u = new URL(c.href);
        u[attr] = c.new_value;
      } catch (e) { failures.push([label, "threw " + e]); continue; }
      const bad = [];
      for (const k of Object.keys(c.expected)) {
        const want = c.expected[k];
        if (u[k] !== want) bad.push(k + ": " + JSON.stringify(u[k]) + " vs " + want);
      }
      if (bad.length) failures.push([label, bad.join("; ")]); else passed++;
    }
  }
  return {passed, failures};
}"""

# The hash-setter cases below still expect the pre-whatwg/url#844 "strip trailing spaces from
# an opaque path" step; after #844 the parser already turned the last space into "%20", so
# the current WPT expects "data:space   ...%20" (see the note on URLTESTDATA above). This
# snapshot's search-setter cases already expect the #844 behaviour, and pass.
SETTERS_EXPECTED_FAILURES = {
    'hash "data:space' + " " * 130 + '#fragment" = ""',
    'hash "sc:space    #fragment" = ""',
    'hash "data:space  ?query#fragment" = ""',
    'hash "sc:space  ?query#fragment" = ""',
}


def test_wpt_setters(ctx):
    data = load_wpt("setters_tests.json")
    total = sum(len(v) for k, v in data.items() if k != "comment")
    result = run(ctx, SETTERS_RUNNER, data)
    failed = {label for label, _ in result["failures"]}
    unexpected = [f for f in result["failures"] if f[0] not in SETTERS_EXPECTED_FAILURES]
    assert unexpected == []
    assert failed == SETTERS_EXPECTED_FAILURES
    assert result["passed"] == total - len(SETTERS_EXPECTED_FAILURES)


# ---------------------------------------------------------------- WPT: toascii.json

TOASCII_RUNNER = """function (cases) {
  const failures = [];
  let passed = 0;
  for (const c of cases) {
    const bad = [];
    // Through the parser.
    let host = null;
    try {
      host = new URL("https://" + c.input + "/x").host;
    } catch (e) {
      if (!(e instanceof TypeError)) bad.push("threw " + e);
    }
    if (host !== c.output) bad.push("parse: " + JSON.stringify(host));
    // Through the host and hostname setters (no change when invalid).
    for (const attr of ["host", "hostname"]) {
      const u = new URL("https://x/x");
      u[attr] = c.input;
      const want = c.output === null ? "x" : c.output;
      if (u[attr] !== want) bad.push(attr + " setter: " + JSON.stringify(u[attr]));
    }
    if (bad.length) failures.push([c.input, bad.join("; ")]); else passed++;
  }
  return {passed, failures};
}"""


def test_wpt_toascii(ctx):
    data = [c for c in load_wpt("toascii.json") if isinstance(c, dict)]
    result = run(ctx, TOASCII_RUNNER, data)
    assert result["failures"] == []
    assert result["passed"] == len(data)


# ---------------------------------------------------------------- WPT: urlencoded-parser-data.json

URLENCODED_RUNNER = """function (cases) {
  const failures = [];
  let passed = 0;
  for (const c of cases) {
    const got = [...new URLSearchParams(c.input)];
    const viaURL = [...new URL("http://h/?" + c.input).searchParams];
    const want = JSON.stringify(c.output);
    if (JSON.stringify(got) !== want) failures.push([c.input, JSON.stringify(got)]);
    else if (c.input.indexOf("#") < 0 && JSON.stringify(viaURL) !== want) {
      failures.push([c.input, "via URL: " + JSON.stringify(viaURL)]);
    }
    else passed++;
  }
  return {passed, failures};
}"""


def test_wpt_urlencoded_parser(ctx):
    data = load_wpt("urlencoded-parser-data.json")
    result = run(ctx, URLENCODED_RUNNER, data)
    assert result["failures"] == []
    assert result["passed"] == len(data)


# ---------------------------------------------------------------- WPT: percent-encoding.json

PERCENT_RUNNER = """function (cases) {
  const failures = [];
  let passed = 0;
  for (const c of cases) {
    const want = c.output["utf-8"];
    const got = new URL("https://example.com/?" + c.input).search.slice(1);
    const got2 = new URL("https://example.com/?" + c.input + "#" + c.input).hash;
    if (got !== want) failures.push([c.input, got]); else passed++;
    void got2;
  }
  return {passed, failures};
}"""


def test_wpt_percent_encoding(ctx):
    data = [c for c in load_wpt("percent-encoding.json") if isinstance(c, dict)]
    result = run(ctx, PERCENT_RUNNER, data)
    assert result["failures"] == []
    assert result["passed"] == len(data)


# ---------------------------------------------------------------- UTS #46 mapping, whole table

IDNA_TABLE_RUNNER = """function (rows) {
  const map = __runtime.url.idnaMapCodePoint;
  const unassigned = /^\\p{Cn}/u;
  const out = [];
  let r = 0, checked = 0;
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    // Large uniform blocks (ideographs, Hangul syllables, Tangut, private use planes):
    // every 61st code point is enough.
    const uniform = (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0x17000 && cp <= 0x18AFF) || cp >= 0x20000;
    if (uniform && cp % 61 !== 0) continue;
    while (r + 1 < rows.length && rows[r + 1][0] <= cp) r++;
    const [, status, mapping] = rows[r];
    const ch = String.fromCodePoint(cp);
    const want = status === "V" || status === "D" ? ch
      : status === "I" ? "" : status === "M" ? mapping : null;
    // Code points this engine's Unicode data does not know yet (the table may be newer).
    if (unassigned.test(ch)) continue;
    if (want !== null && [...want].some((c) => unassigned.test(c))) continue;
    checked++;
    const got = map(cp);
    if (got !== want) out.push([cp, status, want, got]);
  }
  return {checked, mismatches: out.slice(0, 50)};
}"""


def test_idna_mapping_matches_uts46_table(ctx):
    """The compact mapping (NFKC + case folding + a few listed exceptions) equals the UTS #46
    IDNA mapping table for every code point the engine's Unicode data knows."""
    uts46data = pytest.importorskip("idna.uts46data").uts46data
    rows = [[r[0], r[1], r[2] if len(r) > 2 else None] for r in uts46data]
    result = run(ctx, IDNA_TABLE_RUNNER, rows)
    assert result["checked"] > 40_000
    assert result["mismatches"] == []


# ---------------------------------------------------------------- hand-written edge cases


def js(ctx, body: str):
    """Evaluate a function body in an IIFE (no globals leak between tests)."""
    return ctx.eval(f"(() => {{ {body} }})()")


def test_basic_getters(ctx):
    got = js(
        ctx,
        """
      const u = new URL("HTTPS://User:Pa ss@EXAMPLE.com:443/a/./b/../c d?q=1 2&x='#frag ment");
      return [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port,
              u.pathname, u.search, u.hash, u.origin];
    """,
    )
    assert got == [
        "https://User:Pa%20ss@example.com/a/c%20d?q=1%202&x=%27#frag%20ment",
        "https:",
        "User",
        "Pa%20ss",
        "example.com",
        "example.com",
        "",
        "/a/c%20d",
        "?q=1%202&x=%27",
        "#frag%20ment",
        "https://example.com",
    ]


def test_relative_resolution(ctx):
    got = js(
        ctx,
        """
      const base = "http://a/b/c/d;p?q";
      return ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", ";x", "", ".", "./",
              "..", "../", "../g", "../..", "../../g", "../../../g", "/./g", "/../g", "g.", ".g",
              "g..", "..g", "./../g", "g/./h", "g/../h", "http:g", "\\\\\\\\x\\\\y"]
        .map((r) => new URL(r, base).href);
    """,
    )
    assert got == [
        "http://a/b/c/g",
        "http://a/b/c/g",
        "http://a/b/c/g/",
        "http://a/g",
        "http://g/",
        "http://a/b/c/d;p?y",
        "http://a/b/c/g?y",
        "http://a/b/c/d;p?q#s",
        "http://a/b/c/g#s",
        "http://a/b/c/;x",
        "http://a/b/c/d;p?q",
        "http://a/b/c/",
        "http://a/b/c/",
        "http://a/b/",
        "http://a/b/",
        "http://a/b/g",
        "http://a/",
        "http://a/g",
        "http://a/g",
        "http://a/g",
        "http://a/g",
        "http://a/b/c/g.",
        "http://a/b/c/.g",
        "http://a/b/c/g..",
        "http://a/b/c/..g",
        "http://a/b/g",
        "http://a/b/c/g/h",
        "http://a/b/c/h",
        "http://a/b/c/g",
        "http://x/y",
    ]


def test_errors_are_type_errors(ctx):
    got = js(
        ctx,
        """
      const kinds = [];
      const t = (f) => {
        try { f(); kinds.push("no error"); } catch (e) { kinds.push(e.constructor.name); }
      };
      t(() => new URL("not a url"));
      t(() => new URL("/relative"));
      t(() => new URL("/x", "also not a url"));
      t(() => new URL());
      t(() => new URL("http://[::1"));
      t(() => new URL("http://exa mple.com"));
      t(() => new URL("http://example.com:65536"));
      t(() => { new URL("http://h/").href = "nope"; });
      t(() => new URL(Symbol("s")));
      t(() => Object.getOwnPropertyDescriptor(URL.prototype, "href").get.call({}));
      t(() => URLSearchParams.prototype.get.call({}, "a"));
      t(() => new URLSearchParams([["a", "b", "c"]]));
      t(() => new URLSearchParams([1]));
      t(() => new URLSearchParams().append("only-one"));
      t(() => URL());
      t(() => new URLSearchParams({[Symbol("enumerable")]: "x"}));
      t(() => new URLSearchParams().get(Symbol("name")));
      return kinds;
    """,
    )
    assert got == ["TypeError"] * 17


def test_canparse_and_parse(ctx):
    got = js(
        ctx,
        """
      return [URL.canParse("https://x"), URL.canParse("x"), URL.canParse("x", "https://b/"),
              URL.canParse("x", "bad base"), URL.parse("nope"), URL.parse("/p?q", "https://h/a").href,
              URL.parse("https://x") instanceof URL, URL.parse("https://x") !== URL.parse("https://x")];
    """,
    )
    assert got == [True, False, True, False, None, "https://h/p?q", True, True]


def test_tojson_and_stringification(ctx):
    got = js(
        ctx,
        """
      const u = new URL("http://h/a b");
      return [u.toJSON(), JSON.stringify({u}), String(u), `${u}`, u + "", u.toString(),
              Object.prototype.toString.call(u), Object.prototype.toString.call(u.searchParams)];
    """,
    )
    assert got == [
        "http://h/a%20b",
        '{"u":"http://h/a%20b"}',
        "http://h/a%20b",
        "http://h/a%20b",
        "http://h/a%20b",
        "http://h/a%20b",
        "[object URL]",
        "[object URLSearchParams]",
    ]
    # A URL returned to Python arrives as its href (toJSON).
    assert ctx.eval("new URL('http://h/x?y')") == "http://h/x?y"


def test_search_params_live_binding(ctx):
    got = js(
        ctx,
        """
      const out = [];
      const u = new URL("http://h/p?a=1&b=2#f");
      const sp = u.searchParams;
      sp.append("c", "x y");
      out.push(u.href);
      sp.delete("a");
      out.push(u.search);
      u.search = "?z=9&z=8";
      out.push(sp.getAll("z"), u.searchParams === sp);
      u.href = "http://other/?k=v";
      out.push(sp.get("k"), sp.size, u.searchParams === sp);
      sp.delete("k");
      out.push(u.href);       // empty list -> query null -> no "?"
      u.search = "q";
      out.push(u.href, [...sp]);
      u.search = "";
      out.push(u.href, sp.size);
      u.hash = "h";
      sp.set("n", "1");
      out.push(u.href);
      // Setting search percent-encodes, but the list is parsed from the raw value.
      u.search = "a=b c&d=%41";
      out.push(u.search, sp.get("a"), sp.get("d"));
      return out;
    """,
    )
    assert got == [
        "http://h/p?a=1&b=2&c=x+y#f",
        "?b=2&c=x+y",
        ["9", "8"],
        True,
        "v",
        1,
        True,
        "http://other/",
        "http://other/?q",
        [["q", ""]],
        "http://other/",
        0,
        "http://other/?n=1#h",
        "?a=b%20c&d=%41",
        "b c",
        "A",
    ]


def test_setters_special_vs_non_special(ctx):
    got = js(
        ctx,
        """
      const out = [];
      const set = (href, attr, value) => {
        const u = new URL(href);
        u[attr] = value;
        return u.href;
      };
      out.push(set("http://h/", "protocol", "foo"));        // special -> non-special: refused
      out.push(set("foo://h/", "protocol", "http"));        // non-special -> special: refused
      out.push(set("foo://h/", "protocol", "bar:ignored"));  // non-special -> non-special
      out.push(set("http://h:443/", "protocol", "https"));  // default port dropped
      out.push(set("http://u@h/", "protocol", "file"));     // credentials: no file
      out.push(set("file:///x", "protocol", "http"));       // empty host: stays file
      out.push(set("http://h/", "host", ""));               // special needs a host
      out.push(set("foo://h/p", "host", ""));               // non-special may lose it
      out.push(set("http://h/", "hostname", "a:99"));       // hostname stops at ":"? refused
      out.push(set("http://h/", "host", "a:99"));
      out.push(set("http://h/", "host", "example.com:99999")); // host set, bad port ignored
      out.push(set("http://h/", "port", "8080abc"));
      out.push(set("http://h:1/", "port", ""));
      out.push(set("https://h/", "port", "443"));
      out.push(set("mailto:a@b", "host", "x"));              // opaque path: no host
      out.push(set("mailto:a@b", "pathname", "/x"));         // opaque path: no change
      out.push(set("file://h/x", "username", "u"));          // file: no credentials
      out.push(set("http://h/", "username", "a b:@"));
      out.push(set("http://h/", "password", "p/w"));
      out.push(set("http://h/a", "pathname", "b/../c d?#"));
      out.push(set("foo://h/a", "pathname", "x y"));
      out.push(set("foo:/a", "pathname", "//x"));            // "/." keeps the path a path
      out.push(set("http://h/", "hash", "#a#b c"));
      out.push(set("http://h/?q", "search", "??x#y"));
      return out;
    """,
    )
    assert got == [
        "http://h/",
        "foo://h/",
        "bar://h/",
        "https://h/",
        "http://u@h/",
        "file:///x",
        "http://h/",
        "foo:///p",
        "http://h/",
        "http://a:99/",
        "http://example.com/",
        "http://h:8080/",
        "http://h/",
        "https://h/",
        "mailto:a@b",
        "mailto:a@b",
        "file://h/x",
        "http://a%20b%3A%40@h/",
        "http://:p%2Fw@h/",
        "http://h/c%20d%3F%23",
        "foo://h/x%20y",
        "foo:/.//x",
        "http://h/#a#b%20c",
        "http://h/??x%23y",
    ]


def test_ipv6_parsing_and_compression(ctx):
    got = js(
        ctx,
        """
      return ["[0:0:0:0:0:0:0:1]", "[1:0:0:2:0:0:0:3]", "[1:0:1:0:1:0:1:0]", "[1:0:0:0:2:0:0:0]",
              "[::]", "[::ffff:192.168.0.1]", "[ABCD::EF]", "[1::]", "[0:0::1:0:0]", "[::0.0.0.0]"]
        .map((h) => new URL("http://" + h + "/").hostname)
        .concat(["[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[::1.2.3]", "[::1.2.3.04]", "[:1]", "[1:]",
                 "[12345::]", "[::1%eth0]"].map((h) => URL.canParse("http://" + h + "/")));
    """,
    )
    assert got == [
        "[::1]",
        "[1:0:0:2::3]",
        "[1:0:1:0:1:0:1:0]",
        "[1::2:0:0:0]",
        "[::]",
        "[::ffff:c0a8:1]",
        "[abcd::ef]",
        "[1::]",
        "[::1:0:0]",
        "[::]",
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
    ]


def test_ipv4_forms(ctx):
    got = js(
        ctx,
        """
      return ["0x7f.1", "0177.0.0.1", "2130706433", "127.1", "0x7F000001", "1.2.3.4.", "0.0.0.0",
              "4294967295", "1.0x", "09.x", "1.2.3.4.5", "1.2.3.256", "4294967296", "0x100000000",
              "1.2.3.09", "foo.09", "foo.0x", "1..2", "a.b.c.1"]
        .map((h) => URL.parse("http://" + h + "/")?.hostname ?? null);
    """,
    )
    assert got == [
        "127.0.0.1",
        "127.0.0.1",
        "127.0.0.1",
        "127.0.0.1",
        "127.0.0.1",
        "1.2.3.4",
        "0.0.0.0",
        "255.255.255.255",
        "1.0.0.0",
        "09.x",
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]


def test_idna(ctx):
    got = js(
        ctx,
        """
      const h = (s) => URL.parse("https://" + s + "/")?.host ?? null;
      return [h("Bücher.example"), h("faß.de"), h("ΑΣ.gr"), h("XN--ZCA.de"), h("例え.テスト"),
              h("a\\u200Db"), h("\\u0915\\u094D\\u200D\\u0937"), h("xn--"), h("xn--ls8h"),
              h("☃.net"), h("\\uFF21\\uFF22\\uFF23.com"), h("a\\u3002b"), h("\\u0301a"),
              h("\\uFF11\\uFF12\\uFF17.\\uFF10.\\uFF10.\\uFF11")];
    """,
    )
    assert got == [
        "xn--bcher-kva.example",
        "xn--fa-hia.de",
        "xn--mxa0b.gr",
        "xn--zca.de",
        "xn--r8jz45g.xn--zckzah",
        None,
        "xn--11b2ezcw70k",
        None,
        "xn--ls8h",
        "xn--n3h.net",
        "abc.com",
        "a.b",
        None,
        "127.0.0.1",
    ]


def test_opaque_paths_and_special_schemes(ctx):
    got = js(
        ctx,
        """
      const f = (s, b) => {
        const u = new URL(s, b);
        return [u.href, u.pathname, u.host, u.origin];
      };
      return [f("mailto:Joe@Example.COM?subject=hi there"), f("data:text/plain,a b ?x"),
              f("javascript:alert(1) "), f("sc://host/p?q#f"), f("file:///C|/foo/../bar"),
              f("file://localhost/etc/x"), f("blob:https://a.example:8443/uuid"),
              f("blob:foo:bar"), f("ws://h:80/"), f("wss://h:443/")];
    """,
    )
    assert got == [
        ["mailto:Joe@Example.COM?subject=hi%20there", "Joe@Example.COM", "", "null"],
        ["data:text/plain,a b%20?x", "text/plain,a b%20", "", "null"],
        ["javascript:alert(1)", "alert(1)", "", "null"],
        ["sc://host/p?q#f", "/p", "host", "null"],
        ["file:///C:/bar", "/C:/bar", "", "null"],
        ["file:///etc/x", "/etc/x", "", "null"],
        ["blob:https://a.example:8443/uuid", "https://a.example:8443/uuid", "", "https://a.example:8443"],
        ["blob:foo:bar", "foo:bar", "", "null"],
        ["ws://h/", "/", "h", "ws://h"],
        ["wss://h/", "/", "h", "wss://h"],
    ]


def test_query_percent_encode_sets(ctx):
    got = js(
        ctx,
        """
      const q = (s) => new URL(s).search;
      return [q("http://h/?a'b\\"c<d>e f`g{h}"), q("foo://h/?a'b\\"c<d>e f`g{h}"),
              new URL("http://h/a'b\\"c<d>e f`g{h}^|").pathname,
              new URL("http://h/#a'b\\"c<d>e f`g{h}").hash,
              new URL("http://h/?\\u00e9\\ud83d\\ude00").search,
              new URL("http://h/?\\ud800").search];
    """,
    )
    assert got == [
        "?a%27b%22c%3Cd%3Ee%20f`g{h}",
        "?a'b%22c%3Cd%3Ee%20f`g{h}",
        "/a'b%22c%3Cd%3Ee%20f%60g%7Bh%7D%5E|",
        "#a'b%22c%3Cd%3Ee%20f%60g{h}",
        "?%C3%A9%F0%9F%98%80",
        "?%EF%BF%BD",
    ]


def test_search_params_construct(ctx):
    got = js(
        ctx,
        """
      const all = (p) => [...p];
      function* gen() { yield ["g", "1"]; yield new Set(["s", "2"]); }
      const rec = {b: "2", a: 1};
      Object.defineProperty(rec, "hidden", {value: "h", enumerable: false});
      Object.defineProperty(rec, Symbol("hidden"), {value: "h", enumerable: false});
      return [
        all(new URLSearchParams("?a=1&b=2&a=3")),
        all(new URLSearchParams("??a=1")),
        all(new URLSearchParams(rec)),
        all(new URLSearchParams([["x", "1"], ["x", "2"]])),
        all(new URLSearchParams(new Map([["m", "v"]]))),
        all(new URLSearchParams(gen())),
        all(new URLSearchParams(new URLSearchParams("c=3"))),
        all(new URLSearchParams()),
        all(new URLSearchParams(undefined)),
        all(new URLSearchParams(null)),
        all(new URLSearchParams(12)),
        all(new URLSearchParams({"\\ud800": "\\udc00"})),
      ];
    """,
    )
    assert got == [
        [["a", "1"], ["b", "2"], ["a", "3"]],
        [["?a", "1"]],
        [["b", "2"], ["a", "1"]],
        [["x", "1"], ["x", "2"]],
        [["m", "v"]],
        [["g", "1"], ["s", "2"]],
        [["c", "3"]],
        [],
        [],
        [["null", ""]],
        [["12", ""]],
        [["\ufffd", "\ufffd"]],
    ]


def test_search_params_methods(ctx):
    got = js(
        ctx,
        """
      const p = new URLSearchParams("a=1&b=2&a=3&c=4&a=1");
      const out = [p.size, p.get("a"), p.get("zz"), p.getAll("a"), p.has("b"), p.has("a", "3"),
                   p.has("a", "9")];
      p.delete("a", "1");
      out.push(p.toString());
      p.set("b", "x");
      p.set("a", "y");
      out.push(p.toString());
      p.set("new", "n");
      p.delete("c");
      out.push(p.toString(), p.size);
      const seen = [];
      p.forEach(function (value, name, self) {
        seen.push([name, value, self === p, this.t]);
      }, {t: 1});
      out.push(seen);
      out.push([...p.keys()], [...p.values()], [...p.entries()]);
      return out;
    """,
    )
    assert got == [
        5,
        "1",
        None,
        ["1", "3", "1"],
        True,
        True,
        False,
        "b=2&a=3&c=4",
        "b=x&a=y&c=4",
        "b=x&a=y&new=n",
        3,
        [["b", "x", True, 1], ["a", "y", True, 1], ["new", "n", True, 1]],
        ["b", "a", "new"],
        ["x", "y", "n"],
        [["b", "x"], ["a", "y"], ["new", "n"]],
    ]


def test_search_params_sort_is_stable_by_code_units(ctx):
    got = js(
        ctx,
        """
      const p = new URLSearchParams("z=1&a=2&z=0&a=1&\\uFFFD=x&\\uD83D\\uDE00=y&A=3&=e");
      p.sort();
      const u = new URL("http://h/?b=1&a=2&b=0");
      u.searchParams.sort();
      return [[...p.keys()], p.getAll("z"), p.getAll("a"), u.search];
    """,
    )
    assert got == [
        ["", "A", "a", "a", "z", "z", "\U0001f600", "\ufffd"],
        ["1", "0"],
        ["2", "1"],
        "?a=2&b=1&b=0",
    ]


def test_search_params_plus_and_percent20(ctx):
    got = js(
        ctx,
        """
      const p = new URLSearchParams("a=b+c%20d&e%2Bf=1&g=%zz&h=%e2%82&%3D=%26");
      const s = new URLSearchParams();
      s.append("sp ace", "a+b");
      s.append("sym", "~!*'()-._&=%");
      s.append("uni", "\\u00e9\\ud83d\\ude00");
      const u = new URL("http://h/?x=a b+c");
      return [p.get("a"), p.get("e+f"), p.get("g"), p.get("h"), p.get("="), s.toString(),
              u.search, u.searchParams.get("x"), (u.searchParams.append("y", "1"), u.search)];
    """,
    )
    assert got == [
        "b c d",
        "1",
        "%zz",
        "\ufffd",
        "&",
        "sp+ace=a%2Bb&sym=%7E%21*%27%28%29-._%26%3D%25&uni=%C3%A9%F0%9F%98%80",
        "?x=a%20b+c",
        "a b c",
        "?x=a+b+c&y=1",
    ]


def test_search_params_iterator_is_live(ctx):
    got = js(
        ctx,
        """
      const p = new URLSearchParams("a=1&b=2");
      const it = p.entries();
      const first = it.next().value;
      p.append("c", "3");
      const rest = [...it];
      const proto = Object.getPrototypeOf(it);
      const iterProto = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
      return [first, rest, it.next(), Object.prototype.toString.call(it),
              Object.getPrototypeOf(proto) === iterProto,
              p[Symbol.iterator] === p.entries, typeof it[Symbol.iterator]];
    """,
    )
    assert got == [
        ["a", "1"],
        [["b", "2"], ["c", "3"]],
        {"value": None, "done": True},
        "[object URLSearchParams Iterator]",
        True,
        True,
        "function",
    ]


def test_webidl_shape(ctx):
    got = js(
        ctx,
        """
      const d = (o, k) => {
        const x = Object.getOwnPropertyDescriptor(o, k);
        if (!x) return null;
        return [typeof x.get, typeof x.set, typeof x.value, x.enumerable, x.configurable];
      };
      return [d(globalThis, "URL") && Object.getOwnPropertyDescriptor(globalThis, "URL").enumerable,
              Object.keys(globalThis).includes("URLSearchParams"),
              d(URL.prototype, "href"), d(URL.prototype, "origin"), d(URL.prototype, "toJSON"),
              d(URL, "canParse"), d(URLSearchParams.prototype, "size"),
              URL.length, URLSearchParams.length, URL.name,
              new (class extends URL { extra() { return this.host; } })("http://sub/").extra()];
    """,
    )
    assert got == [
        False,
        False,
        ["function", "function", "undefined", True, True],
        ["function", "undefined", "undefined", True, True],
        ["undefined", "undefined", "function", True, True],
        ["undefined", "undefined", "function", True, True],
        ["function", "undefined", "undefined", True, True],
        1,
        0,
        "URL",
        "sub",
    ]


def test_search_params_record_keys_equal_after_conversion(ctx):
    # record<USVString, USVString>: keys that convert to the same string (lone surrogates
    # become U+FFFD) keep the first one's place and take the last value.
    assert ctx.eval(r"""(() => [
        [...new URLSearchParams({"\uD835x": "1", "xx": "2", "\uD83Dx": "3"})],
        [...new URLSearchParams({"x\uDC53": "1", "x\uDC5C": "2", "x\uDC65": "3"})],
    ])()""") == [[["\ufffdx", "3"], ["xx", "2"]], [["x\ufffd", "3"]]]
