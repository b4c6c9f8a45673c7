"""URL and URLSearchParams (shims/js/20_url.js), on every engine.

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

URL_ATTRS = ["href", "protocol", "username", "password", "host", "hostname", "port",
             "pathname", "search", "hash"]

URLTESTDATA_RUNNER = """function (cases) {
  const attrs = %s;
  const failures = [];
  let passed = 0;
  for (const c of cases) {
    const base = c.base === null ? undefined : c.base;
    const label = JSON.stringify(c.input) + " against " + JSON.stringify(c.base);
    if (c.failure) {
      let threw = null;
      try { new URL(c.input, base); } catch (e) { threw = e; }
      if (!(threw instanceof TypeError)) { failures.push([label, "no TypeError"]); continue; }
      if (URL.canParse(c.input, base) !== false) { failures.push([label, "canParse true"]); continue; }
      if (URL.parse(c.input, base) !== null) { failures.push([label, "parse not null"]); continue; }
      passed++;
      continue;
    }
    let u;
    try { u = new URL(c.input, base); } catch (e) { failures.push([label, "threw " + e]); continue; }
    const bad = [];
    for (const a of attrs) if (u[a] !== c[a]) bad.push(a + ": " + JSON.stringify(u[a]) + " != " + JSON.stringify(c[a]));
    if ("origin" in c && u.origin !== c.origin) bad.push("origin: " + u.origin + " != " + c.origin);
    if ("searchParams" in c && u.searchParams.toString() !== c.searchParams) bad.push("searchParams");
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
}""" % json.dumps(URL_ATTRS)

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
        if (u[k] !== c.expected[k]) bad.push(k + ": " + JSON.stringify(u[k]) + " != " + JSON.stringify(c.expected[k]));
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
    try { host = new URL("https://" + c.input + "/x").host; } catch (e) { if (!(e instanceof TypeError)) bad.push("threw " + e); }
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
    else if (c.input.indexOf("#") < 0 && JSON.stringify(viaURL) !== want) failures.push([c.input, "via URL: " + JSON.stringify(viaURL)]);
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
