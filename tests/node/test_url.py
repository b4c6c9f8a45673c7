"""node:url: the legacy url.parse()/format()/resolve() and the WHATWG helpers, checked
against Node.js."""

from __future__ import annotations

from pathlib import Path

# Turns a thrown error into JSON.
CATCH = r"""
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""

# The fields of a legacy Url, in order.
FIELDS = r"""
const fields = (u) => [u.protocol, u.slashes, u.auth, u.host, u.port, u.hostname, u.hash, u.search,
  u.query !== null && typeof u.query === "object" ? [Object.getPrototypeOf(u.query) === null, { ...u.query }] : u.query,
  u.pathname, u.path, u.href];
"""


def test_exports(node_js):
    assert node_js(r"""
import url, * as ns from "node:url";
import { URL as U, URLSearchParams as P, Url, parse, fileURLToPath } from "url";
const u = url.parse("http://a/b");
export default {
  keys: Object.keys(url),
  globals: [U === globalThis.URL, P === globalThis.URLSearchParams, ns.default === url, parse === url.parse,
    fileURLToPath === url.fileURLToPath],
  urlClass: [typeof Url, u instanceof Url, u.constructor === Url, Object.keys(Url.prototype)],
  instanceKeys: Object.keys(u),
  empty: Object.entries(new Url()),
  same: url.parse(u) === u,
};
""") == {
        "keys": [
            "Url",
            "parse",
            "resolve",
            "resolveObject",
            "format",
            "URL",
            "URLSearchParams",
            "domainToASCII",
            "domainToUnicode",
            "pathToFileURL",
            "fileURLToPath",
            "urlToHttpOptions",
        ],
        "globals": [True, True, True, True, True],
        "urlClass": ["function", True, True, ["parse", "format", "resolve", "resolveObject", "parseHost"]],
        "instanceKeys": [
            "protocol",
            "slashes",
            "auth",
            "host",
            "port",
            "hostname",
            "hash",
            "search",
            "query",
            "pathname",
            "path",
            "href",
        ],
        "empty": [
            ["protocol", None],
            ["slashes", None],
            ["auth", None],
            ["host", None],
            ["port", None],
            ["hostname", None],
            ["hash", None],
            ["search", None],
            ["query", None],
            ["pathname", None],
            ["path", None],
            ["href", None],
        ],
        "same": True,
    }


def test_parse(node_js):
    assert node_js(
        FIELDS
        + r"""
import url from "node:url";
const inputs = [
  "http://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash",
  "HTTP://EXAMPLE.com/A?B#C",
  "//host/path?x",
  "/p/a/t/h?q=1",
  "/p/a/t/h",
  "?a=1&a=2",
  "#frag",
  "",
  "   ",
  "mailto:user@example.com?subject=hi",
  "javascript:alert('x y')<b>",
  "xmpp:isaacschlueter@jabber.org",
  "file:///etc/passwd",
  "file://localhost/etc/x",
  "file:/x",
  "http://a@b@c/",
  "http://a@b?@c",
  "http://[::1]:3000/x",
  "http://[FE80::1]",
  "http://\u00c4\u00d6.com/",
  "http://xn--n3h.com/",
  "http://ex\u3002ample.com/",
  "  http://x.com/a b\t  ",
  "http:\\\\evil.com\\foo?a\\b#c\\d",
  "http://a:b/",
  "http://x.com:/",
  "http://x.com:8080x/y",
  "http://x.com/a'b\"c<d>e^f`g{h|i}j",
  "http://user:p%40ss@host",
  "http://%E2%82%AC@h/",
  "http://host/#a#b?c",
  "http://host?x#y",
  "http://h\tos\nt.com/",
  "HTTP:foo",
  "foo:bar/baz",
  "foo://bar/baz",
  "www.example.com",
  "example.com:8080/x",
  "user@example.com/x",
  "http://x.com/\u00e9\u20ac",
  "http://a*b_c!.com/",
  "http://" + "a".repeat(256) + "/x",
  "http://x.com/path;params?q",
  "ws://x/y",
  "\u00a0\ufeffhttp://x/\ufeff",
];
export default inputs.map((s) => fields(url.parse(s)));
"""
    ) == [
        [
            "http:",
            True,
            "user:pass",
            "sub.example.com:8080",
            "8080",
            "sub.example.com",
            "#hash",
            "?query=string",
            "query=string",
            "/p/a/t/h",
            "/p/a/t/h?query=string",
            "http://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash",
        ],
        [
            "http:",
            True,
            None,
            "example.com",
            None,
            "example.com",
            "#C",
            "?B",
            "B",
            "/A",
            "/A?B",
            "http://example.com/A?B#C",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "?x",
            "x",
            "//host/path",
            "//host/path?x",
            "//host/path?x",
        ],
        [None, None, None, None, None, None, None, "?q=1", "q=1", "/p/a/t/h", "/p/a/t/h?q=1", "/p/a/t/h?q=1"],
        [None, None, None, None, None, None, None, None, None, "/p/a/t/h", "/p/a/t/h", "/p/a/t/h"],
        [None, None, None, None, None, None, None, "?a=1&a=2", "a=1&a=2", None, "?a=1&a=2", "?a=1&a=2"],
        [None, None, None, None, None, None, "#frag", None, None, None, None, "#frag"],
        [None, None, None, None, None, None, None, None, None, None, None, ""],
        [None, None, None, None, None, None, None, None, None, None, None, ""],
        [
            "mailto:",
            None,
            "user",
            "example.com",
            None,
            "example.com",
            None,
            "?subject=hi",
            "subject=hi",
            None,
            "?subject=hi",
            "mailto:user@example.com?subject=hi",
        ],
        [
            "javascript:",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "alert('x y')<b>",
            "alert('x y')<b>",
            "javascript:alert('x y')<b>",
        ],
        [
            "xmpp:",
            None,
            "isaacschlueter",
            "jabber.org",
            None,
            "jabber.org",
            None,
            None,
            None,
            None,
            None,
            "xmpp:isaacschlueter@jabber.org",
        ],
        [
            "file:",
            True,
            None,
            "",
            None,
            "",
            None,
            None,
            None,
            "/etc/passwd",
            "/etc/passwd",
            "file:///etc/passwd",
        ],
        [
            "file:",
            True,
            None,
            "localhost",
            None,
            "localhost",
            None,
            None,
            None,
            "/etc/x",
            "/etc/x",
            "file://localhost/etc/x",
        ],
        ["file:", None, None, None, None, None, None, None, None, "/x", "/x", "file:///x"],
        ["http:", True, "a@b", "c", None, "c", None, None, None, "/", "/", "http://a%40b@c/"],
        ["http:", True, "a", "b", None, "b", None, "?@c", "@c", "/", "/?@c", "http://a@b/?@c"],
        [
            "http:",
            True,
            None,
            "[::1]:3000",
            "3000",
            "::1",
            None,
            None,
            None,
            "/x",
            "/x",
            "http://[::1]:3000/x",
        ],
        ["http:", True, None, "[fe80::1]", None, "fe80::1", None, None, None, "/", "/", "http://[fe80::1]/"],
        [
            "http:",
            True,
            None,
            "xn--4ca0b.com",
            None,
            "xn--4ca0b.com",
            None,
            None,
            None,
            "/",
            "/",
            "http://xn--4ca0b.com/",
        ],
        [
            "http:",
            True,
            None,
            "xn--n3h.com",
            None,
            "xn--n3h.com",
            None,
            None,
            None,
            "/",
            "/",
            "http://xn--n3h.com/",
        ],
        [
            "http:",
            True,
            None,
            "ex.ample.com",
            None,
            "ex.ample.com",
            None,
            None,
            None,
            "/",
            "/",
            "http://ex.ample.com/",
        ],
        [
            "http:",
            True,
            None,
            "x.com",
            None,
            "x.com",
            None,
            None,
            None,
            "/a%20b",
            "/a%20b",
            "http://x.com/a%20b",
        ],
        [
            "http:",
            True,
            None,
            "evil.com",
            None,
            "evil.com",
            "#c%5Cd",
            "?a%5Cb",
            "a%5Cb",
            "/foo",
            "/foo?a%5Cb",
            "http://evil.com/foo?a%5Cb#c%5Cd",
        ],
        ["http:", True, None, "a", None, "a", None, None, None, "/:b/", "/:b/", "http://a/:b/"],
        ["http:", True, None, "x.com", None, "x.com", None, None, None, "/", "/", "http://x.com/"],
        [
            "http:",
            True,
            None,
            "x.com",
            None,
            "x.com",
            None,
            None,
            None,
            "/:8080x/y",
            "/:8080x/y",
            "http://x.com/:8080x/y",
        ],
        [
            "http:",
            True,
            None,
            "x.com",
            None,
            "x.com",
            None,
            None,
            None,
            "/a%27b%22c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj",
            "/a%27b%22c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj",
            "http://x.com/a%27b%22c%3Cd%3Ee%5Ef%60g%7Bh%7Ci%7Dj",
        ],
        [
            "http:",
            True,
            "user:p@ss",
            "host",
            None,
            "host",
            None,
            None,
            None,
            "/",
            "/",
            "http://user:p%40ss@host/",
        ],
        ["http:", True, "€", "h", None, "h", None, None, None, "/", "/", "http://%E2%82%AC@h/"],
        ["http:", True, None, "host", None, "host", "#a#b?c", None, None, "/", "/", "http://host/#a#b?c"],
        ["http:", True, None, "host", None, "host", "#y", "?x", "x", "/", "/?x", "http://host/?x#y"],
        ["http:", True, None, "host.com", None, "host.com", None, None, None, "/", "/", "http://host.com/"],
        ["http:", None, None, "foo", None, "foo", None, None, None, "/", "/", "http://foo/"],
        ["foo:", None, None, "bar", None, "bar", None, None, None, "/baz", "/baz", "foo:bar/baz"],
        ["foo:", True, None, "bar", None, "bar", None, None, None, "/baz", "/baz", "foo://bar/baz"],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "www.example.com",
            "www.example.com",
            "www.example.com",
        ],
        [
            "example.com:",
            None,
            None,
            "8080",
            None,
            "8080",
            None,
            None,
            None,
            "/x",
            "/x",
            "example.com:8080/x",
        ],
        [
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "user@example.com/x",
            "user@example.com/x",
            "user@example.com/x",
        ],
        ["http:", True, None, "x.com", None, "x.com", None, None, None, "/é€", "/é€", "http://x.com/é€"],
        [
            "http:",
            True,
            None,
            "a*b_c!.com",
            None,
            "a*b_c!.com",
            None,
            None,
            None,
            "/",
            "/",
            "http://a*b_c!.com/",
        ],
        ["http:", True, None, "", None, "", None, None, None, "/x", "/x", "http:///x"],
        [
            "http:",
            True,
            None,
            "x.com",
            None,
            "x.com",
            None,
            "?q",
            "q",
            "/path;params",
            "/path;params?q",
            "http://x.com/path;params?q",
        ],
        ["ws:", True, None, "x", None, "x", None, None, None, "/y", "/y", "ws://x/y"],
        ["http:", True, None, "x", None, "x", None, None, None, "/", "/", "http://x/"],
    ]


def test_parse_options(node_js):
    assert node_js(
        FIELDS
        + r"""
import url from "node:url";
export default [
  fields(url.parse("http://x/p?a=1&a=2&b=%41", true)),
  fields(url.parse("http://x/p", true)),
  fields(url.parse("/p?c=d", true)),
  fields(url.parse("/p", true)),
  fields(url.parse("//host/path")),
  fields(url.parse("//host/path", false, true)),
  fields(url.parse("//user@host/path", false, true)),
  fields(url.parse("/just/path", false, true)),
  fields(url.parse("x?y", "truthy", 1)),
];
"""
    ) == [
        [
            "http:",
            True,
            None,
            "x",
            None,
            "x",
            None,
            "?a=1&a=2&b=%41",
            [True, {"a": ["1", "2"], "b": "A"}],
            "/p",
            "/p?a=1&a=2&b=%41",
            "http://x/p?a=1&a=2&b=%41",
        ],
        ["http:", True, None, "x", None, "x", None, None, [True, {}], "/p", "/p", "http://x/p"],
        [None, None, None, None, None, None, None, "?c=d", [True, {"c": "d"}], "/p", "/p?c=d", "/p?c=d"],
        [None, None, None, None, None, None, None, None, [True, {}], "/p", "/p", "/p"],
        [None, None, None, None, None, None, None, None, None, "//host/path", "//host/path", "//host/path"],
        [None, True, None, "host", None, "host", None, None, None, "/path", "/path", "//host/path"],
        [None, True, "user", "host", None, "host", None, None, None, "/path", "/path", "//user@host/path"],
        [None, None, None, None, None, None, None, None, None, "/just/path", "/just/path", "/just/path"],
        [None, None, None, None, None, None, None, "?y", [True, {"y": ""}], "x", "x?y", "x?y"],
    ]


def test_parse_errors(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const invalid = (s) => { try { url.parse(s); return "parsed"; } catch (e) { return [e.name, e.code, e.message, e.input]; } };
export default [
  caught(() => url.parse(5)),
  caught(() => url.parse(undefined)),
  caught(() => new url.Url().parse({})),
  invalid("http://xn--a.com/"),
  invalid("http://a\u200db/"),
  invalid("http://[a b]/"),
  invalid("http://\u0000a/"),
  caught(() => url.parse("http://%@x/")).name,
];
"""
    ) == [
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "url" argument must be of type string. Received type number (5)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "url" argument must be of type string. Received undefined',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "url" argument must be of type string. Received an instance of Object',
        },
        ["TypeError", "ERR_INVALID_URL", "Invalid URL", "http://xn--a.com/"],
        ["TypeError", "ERR_INVALID_URL", "Invalid URL", "http://a\u200db/"],
        ["TypeError", "ERR_INVALID_URL", "Invalid URL", "http://[a b]/"],
        ["TypeError", "ERR_INVALID_URL", "Invalid URL", "http://\x00a/"],
        "URIError",
    ]


def test_format(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const objects = [
  { protocol: "https", hostname: "example.com", pathname: "/some/path", query: { page: 1, format: "json" } },
  { protocol: "http:", host: "a.com:80", hostname: "ignored", port: 90, pathname: "x" },
  { protocol: "http", hostname: "::1", port: "8080", pathname: "/p" },
  { protocol: "http", hostname: "[::1]", pathname: "/p" },
  { protocol: "mailto", auth: "user", hostname: "example.com" },
  { protocol: "mailto", pathname: "user@example.com" },
  { protocol: "file", pathname: "/etc/passwd" },
  { protocol: "file" },
  { protocol: "foo", slashes: true, host: "h", pathname: "p" },
  { pathname: "/a#b?c", search: "x#y", hash: "z" },
  { pathname: "/a", search: "?s", query: { q: 1 } },
  { auth: "us er:p@ss/", host: "h" },
  { hostname: "h", query: "a=1" },
  { protocol: "http", host: "h", query: {} },
  {},
  { pathname: 5, hash: 0, search: null },
  url.parse("http://user:pass@host.com:8080/p/a/t/h?query=string#hash"),
];
export default [
  ...objects.map((o) => url.format(o)),
  url.format("http://a.com/x y?q=a b"),
  url.format("HTTP://EXAMPLE.COM"),
  caught(() => url.format(5)),
  caught(() => url.format(null)),
  caught(() => url.format(undefined)),
  new url.Url().format(),
];
"""
    ) == [
        "https://example.com/some/path?page=1&format=json",
        "http://a.com:80/x",
        "http://[::1]:8080/p",
        "http://[::1]/p",
        "mailto:user@example.com",
        "mailto:user@example.com",
        "file:///etc/passwd",
        "file://",
        "foo://h/p",
        "/a%23b%3Fc?x%23y#z",
        "/a?s",
        "us%20er:p%40ss%2F@h",
        "h",
        "http://h",
        "",
        "5",
        "http://user:pass@host.com:8080/p/a/t/h?query=string#hash",
        "http://a.com/x%20y?q=a%20b",
        "http://example.com/",
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "urlObject" argument must be one of type object or string. Received type number (5)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "urlObject" argument must be one of type object or string. Received null',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "urlObject" argument must be one of type object or string. Received undefined',
        },
        "",
    ]


def test_format_url(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const u = new URL("http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h");
const options = [undefined, {}, { unicode: true }, { auth: false }, { search: false }, { fragment: false },
  { unicode: 1, auth: 0, search: 0, fragment: 0 }, { unicode: null, auth: undefined }, 0, ""];
export default {
  main: options.map((o) => url.format(u, o)),
  others: [["http://a.com/?#", {}], ["http://[::1]/", { unicode: true }], ["foo://xn--n3h.com/", { unicode: true }],
    ["file://xn--n3h.com/x", { unicode: true }], ["blob:http://xn--n3h.com/", { unicode: true }],
    ["http://u:@a.com/", { auth: false }], ["http://xn--n3h.xn--4ca.de/", { unicode: true }],
    ["http://1.2.3.4:99/", { unicode: true }]].map(([h, o]) => url.format(new URL(h), o)),
  unchanged: u.href,
  errors: [caught(() => url.format(u, "x")), caught(() => url.format(u, [])), caught(() => url.format(u, 5))],
};
"""
    ) == {
        "main": [
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
            "http://us%20er:p%40ss@☃.com:8080/p?q=1#h",
            "http://xn--n3h.com:8080/p?q=1#h",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p#h",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1",
            "http://☃.com:8080/p",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
            "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
        ],
        "others": [
            "http://a.com/?#",
            "http://[::1]/",
            "foo://☃.com/",
            "file://☃.com/x",
            "blob:http://xn--n3h.com/",
            "http://a.com/",
            "http://☃.ä.de/",
            "http://1.2.3.4:99/",
        ],
        "unchanged": "http://us%20er:p%40ss@xn--n3h.com:8080/p?q=1#h",
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The \"options\" argument must be of type object. Received type string ('x')",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received an instance of Array',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options" argument must be of type object. Received type number (5)',
            },
        ],
    }


def test_resolve(node_js):
    assert node_js(r"""
import url from "node:url";
const base = "http://a/b/c/d;p?q";
const rfc = ["g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "",
  ".", "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g", "/./g", "/../g", "g.",
  ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y", "g?y/./x", "g?y/../x",
  "g#s/./x", "g#s/../x", "http:g"];
export default {
  rfc: rfc.map((r) => url.resolve(base, r)),
  docs: [["/one/two/three", "four"], ["http://example.com/", "/one"], ["http://example.com/one", "/two"],
    ["http://example.com/one", "two"], ["http://example.com", "two"], ["mailto:a@b.com", "c@d.com"],
    ["mailto:local1@domain1", "local2@domain2"], ["http://x.com/a/b", "https://y.com"], ["http://x.com/a", "ftp:z"],
    ["http://x.com/a", "file:z"], ["http://u:p@x.com/a", "//y.com/b"], ["http://x.com/a", "javascript:void(0)"],
    ["a/b/c", "../../../../d"], ["/a/b", "../../../d/"], ["foo:bar", "baz"], ["foo:a/b", "../c"],
    ["http://x.com", "?q=1"], ["mailto:a@b", "?subject=x"], ["http://x.com/a/b/", "."], ["http://x.com/a/b/", ".."],
    ["", "a"], ["http://x.com/a", ""], ["http://x.com/a#h", ""], ["http://x.com/a?q", "#f"]]
    .map(([from, to]) => url.resolve(from, to)),
};
""") == {
        "rfc": [
            "g:h",
            "http://a/b/c/g",
            "http://a/b/c/g",
            "http://a/b/c/g/",
            "http://a/g",
            "http://g/",
            "http://a/b/c/d;p?y",
            "http://a/b/c/g?y",
            "http://a/b/c/d;p?q#s",
            "http://a/b/c/g#s",
            "http://a/b/c/g?y#s",
            "http://a/b/c/;x",
            "http://a/b/c/g;x",
            "http://a/b/c/g;x?y#s",
            "http://a/b/c/d;p?q",
            "http://a/b/c/",
            "http://a/b/c/",
            "http://a/b/",
            "http://a/b/",
            "http://a/b/g",
            "http://a/",
            "http://a/",
            "http://a/g",
            "http://a/g",
            "http://a/g",
            "http://a/g",
            "http://a/g",
            "http://a/b/c/g.",
            "http://a/b/c/.g",
            "http://a/b/c/g..",
            "http://a/b/c/..g",
            "http://a/b/g",
            "http://a/b/c/g/",
            "http://a/b/c/g/h",
            "http://a/b/c/h",
            "http://a/b/c/g;x=1/y",
            "http://a/b/c/y",
            "http://a/b/c/g?y/./x",
            "http://a/b/c/g?y/../x",
            "http://a/b/c/g#s/./x",
            "http://a/b/c/g#s/../x",
            "http://a/b/c/g",
        ],
        "docs": [
            "/one/two/four",
            "http://example.com/one",
            "http://example.com/two",
            "http://example.com/two",
            "http://example.com/two",
            "mailto:c@d.com",
            "mailto:local2@domain2",
            "https://y.com/",
            "ftp://z/",
            "file:///z",
            "http://y.com/b",
            "javascript:void(0)",
            "../../d",
            "/d/",
            "foo:baz",
            "foo:c",
            "http://x.com/?q=1",
            "mailto:a@b?subject=x",
            "http://x.com/a/b/",
            "http://x.com/a/",
            "a",
            "http://x.com/a",
            "http://x.com/a",
            "http://x.com/a?q#f",
        ],
    }


def test_resolve_object(node_js):
    assert node_js(
        FIELDS
        + r"""
import url from "node:url";
const parsed = url.parse("http://u@x.com/a/b?q#h");
export default [
  fields(url.resolveObject("http://x.com/a/b", "../c?d")),
  fields(url.resolveObject("http://x.com/a/b", "//y.com")),
  fields(url.resolveObject("mailto:local1@domain1", "local2@domain2")),
  fields(url.resolveObject(parsed, "https://z.com")),
  fields(parsed.resolveObject(url.parse("?r", false, true))),
  url.resolveObject("", "x"),
  url.resolveObject(null, "x"),
  fields(url.resolveObject("http://x.com/", url.parse("/p#h"))),
  parsed.resolve("c"),
];
"""
    ) == [
        ["http:", True, None, "x.com", None, "x.com", None, "?d", "d", "/c", "/c?d", "http://x.com/c?d"],
        ["http:", True, None, "y.com", None, "y.com", None, None, None, "/", "/", "http://y.com/"],
        [
            "mailto:",
            None,
            "local2",
            "domain2",
            None,
            "domain2",
            None,
            None,
            None,
            None,
            None,
            "mailto:local2@domain2",
        ],
        ["https:", True, None, "z.com", None, "z.com", None, None, None, "/", "/", "https://z.com/"],
        [
            "http:",
            True,
            "u",
            "x.com",
            None,
            "x.com",
            None,
            "?r",
            "r",
            "/a/b",
            "/a/b?r",
            "http://u@x.com/a/b?r",
        ],
        "x",
        "x",
        ["http:", True, None, "x.com", None, "x.com", "#h", None, None, "/p", "/p", "http://x.com/p#h"],
        "http://u@x.com/a/c",
    ]


def test_file_url_to_path(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const cases = ["file:///a/b", "file:///a%20b/%E2%82%AC", "file:///a%2fb", "file:///a%2Fb", "file:///a%5cb",
  "file://host/a", "file://localhost/a", "http://a/b", "file:///C:/x/y", "file://srv/share/x", "file://xn--n3h/x",
  "file:///a?b#c", "file:///", "file:///x:/", "file:///a%zz", "nope"];
// (a URIError from decodeURIComponent has the engine's own message)
const result = (fn) => { try { return fn(); } catch (e) { return [e.name, e.code, e.code && e.message]; } };
export default {
  posix: cases.map((c) => result(() => url.fileURLToPath(c))),
  fromURL: cases.slice(0, 14).map((c) => result(() => url.fileURLToPath(new URL(c)))),
  windows: cases.map((c) => result(() => url.fileURLToPath(c, { windows: true }))),
  explicit: url.fileURLToPath("file:///C:/x", { windows: false }),
  invalid: ["nope"].map((c) => { try { url.fileURLToPath(c); } catch (e) { return [e.code, e.input]; } }),
  types: [caught(() => url.fileURLToPath(5)), caught(() => url.fileURLToPath({})), caught(() => url.fileURLToPath(null)),
    url.fileURLToPath({ href: "file:///x", protocol: "file:", hostname: "", pathname: "/y%20z" }),
    caught(() => url.fileURLToPath({ href: "file:///x", protocol: "file:", path: "/x" }))],
};
"""
    ) == {
        "posix": [
            "/a/b",
            "/a b/€",
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters"],
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters"],
            "/a\\b",
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            "/a",
            ["TypeError", "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file"],
            "/C:/x/y",
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            "/a",
            "/",
            "/x:/",
            ["URIError", "<undefined>", "<undefined>"],
            ["TypeError", "ERR_INVALID_URL", "Invalid URL"],
        ],
        "fromURL": [
            "/a/b",
            "/a b/€",
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters"],
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters"],
            "/a\\b",
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            "/a",
            ["TypeError", "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file"],
            "/C:/x/y",
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            ["TypeError", "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux'],
            "/a",
            "/",
            "/x:/",
        ],
        "windows": [
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute"],
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute"],
            [
                "TypeError",
                "ERR_INVALID_FILE_URL_PATH",
                "File URL path must not include encoded \\ or / characters",
            ],
            [
                "TypeError",
                "ERR_INVALID_FILE_URL_PATH",
                "File URL path must not include encoded \\ or / characters",
            ],
            [
                "TypeError",
                "ERR_INVALID_FILE_URL_PATH",
                "File URL path must not include encoded \\ or / characters",
            ],
            "\\\\host\\a",
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute"],
            ["TypeError", "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file"],
            "C:\\x\\y",
            "\\\\srv\\share\\x",
            "\\\\☃\\x",
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute"],
            ["TypeError", "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute"],
            "x:\\",
            ["URIError", "<undefined>", "<undefined>"],
            ["TypeError", "ERR_INVALID_URL", "Invalid URL"],
        ],
        "explicit": "/C:/x",
        "invalid": [["ERR_INVALID_URL", "nope"]],
        "types": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string or an instance of URL. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string or an instance of URL. Received an instance of Object',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string or an instance of URL. Received null',
            },
            "/y z",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string or an instance of URL. Received an instance of Object',
            },
        ],
    }


def test_path_to_file_url(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const paths = ["/a/b", "/a/", "/", "/a/../b/./c", "/a~b [x]|^\"%#?\\\t\n\r", "/\u00e9/\u2603", "//a//b", "/C:/x"];
const windows = ["C:\\foo\\", "C:\\a b\\c#d", "\\\\server\\share\\x y", "\\\\?\\UNC\\srv\\sh\\f", "C:/x/y/", "C:\\a\\b\\c~"];
export default {
  posix: paths.map((p) => url.pathToFileURL(p).href),
  isURL: url.pathToFileURL("/x") instanceof URL,
  windows: windows.map((p) => url.pathToFileURL(p, { windows: true }).href),
  errors: [caught(() => url.pathToFileURL(5)), caught(() => url.pathToFileURL(null)),
    caught(() => url.pathToFileURL("\\\\server", { windows: true })),
    caught(() => url.pathToFileURL("\\\\\\x", { windows: true }))],
  roundTrip: paths.map((p) => url.fileURLToPath(url.pathToFileURL(p))),
};
"""
    ) == {
        "posix": [
            "file:///a/b",
            "file:///a/",
            "file:///",
            "file:///b/c",
            "file:///a%7Eb%20%5Bx%5D%7C%5E%22%25%23%3F%5C%09%0A%0D",
            "file:///%C3%A9/%E2%98%83",
            "file:///a/b",
            "file:///C:/x",
        ],
        "isURL": True,
        "windows": [
            "file:///C:/foo/",
            "file:///C:/a%20b/c%23d",
            "file://server/share/x%20y",
            "file://srv/sh/f",
            "file:///C:/x/y/",
            "file:///C:/a/b/c%7E",
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "path" argument must be of type string. Received null',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'path' Missing UNC resource path. Received '\\\\\\\\server'",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'path' Empty UNC servername. Received '\\\\\\\\\\\\x'",
            },
        ],
        "roundTrip": ["/a/b", "/a/", "/", "/b/c", '/a~b [x]|^"%#?\\\t\n\r', "/é/☃", "/a/b", "/C:/x"],
    }


def test_path_to_file_url_relative(node_js):
    """A relative path resolves from "/" (Node: from process.cwd())."""
    assert node_js(
        r"""
import url from "node:url";
export default [url.pathToFileURL("a/b").href, url.pathToFileURL("a/").href, url.pathToFileURL("").href,
  url.pathToFileURL("x", { windows: true }).href];
""",
        compare=False,
    ) == ["file:///a/b", "file:///a/", "file:///", "file:///x"]


def test_url_to_http_options(node_js):
    assert node_js(r"""
import url from "node:url";
const hrefs = ["http://a:b@[::1]:81/p?q#h", "https://x.com", "http://%C3%A9:%40@x.com:443/", "http://:p@x/", "http://u@x/"];
export default hrefs.map((h) => {
  const o = url.urlToHttpOptions(new URL(h));
  return [Object.getPrototypeOf(o) === null, { ...o }];
});
""") == [
        [
            True,
            {
                "protocol": "http:",
                "hostname": "::1",
                "hash": "#h",
                "search": "?q",
                "pathname": "/p",
                "path": "/p?q",
                "href": "http://a:b@[::1]:81/p?q#h",
                "port": 81,
                "auth": "a:b",
            },
        ],
        [
            True,
            {
                "protocol": "https:",
                "hostname": "x.com",
                "hash": "",
                "search": "",
                "pathname": "/",
                "path": "/",
                "href": "https://x.com/",
            },
        ],
        [
            True,
            {
                "protocol": "http:",
                "hostname": "x.com",
                "hash": "",
                "search": "",
                "pathname": "/",
                "path": "/",
                "href": "http://%C3%A9:%40@x.com:443/",
                "port": 443,
                "auth": "é:@",
            },
        ],
        [
            True,
            {
                "protocol": "http:",
                "hostname": "x",
                "hash": "",
                "search": "",
                "pathname": "/",
                "path": "/",
                "href": "http://:p@x/",
                "auth": ":p",
            },
        ],
        [
            True,
            {
                "protocol": "http:",
                "hostname": "x",
                "hash": "",
                "search": "",
                "pathname": "/",
                "path": "/",
                "href": "http://u@x/",
                "auth": "u:",
            },
        ],
    ]


def test_domains(node_js):
    assert node_js(
        CATCH
        + r"""
import url from "node:url";
const domains = ["example.com", "EXAMPLE.COM", "\u00c4.com", "m\u00fcnchen.de", "fa\u00df.de", "\u2603.com",
  "xn--n3h.com", "XN--N3H.com", "xn--a.com", "xn--", "", "a:80", "a/b", "a?b", "a#b", "1.2.3", "0x7f.1", "[::1]",
  "[1::", "a b", "a%41", "a*b", "a.b.", ".", "ab\u00adc", "x", "y", "a\tb", "\u0000", "ex\u3002ample.com", 5];
export default {
  ascii: domains.map((d) => url.domainToASCII(d)),
  unicode: domains.map((d) => url.domainToUnicode(d)),
  missing: [caught(() => url.domainToASCII()), caught(() => url.domainToUnicode())],
};
"""
    ) == {
        "ascii": [
            "example.com",
            "example.com",
            "xn--4ca.com",
            "xn--mnchen-3ya.de",
            "xn--fa-hia.de",
            "xn--n3h.com",
            "xn--n3h.com",
            "xn--n3h.com",
            "",
            "",
            "",
            "",
            "a",
            "a",
            "a",
            "1.2.0.3",
            "127.0.0.1",
            "[::1]",
            "",
            "",
            "aa",
            "a*b",
            "a.b.",
            ".",
            "abc",
            "x",
            "y",
            "ab",
            "",
            "ex.ample.com",
            "0.0.0.5",
        ],
        "unicode": [
            "example.com",
            "example.com",
            "ä.com",
            "münchen.de",
            "faß.de",
            "☃.com",
            "☃.com",
            "☃.com",
            "",
            "",
            "",
            "",
            "a",
            "a",
            "a",
            "1.2.0.3",
            "127.0.0.1",
            "[::1]",
            "",
            "",
            "aa",
            "a*b",
            "a.b.",
            ".",
            "abc",
            "x",
            "y",
            "ab",
            "",
            "ex.ample.com",
            "0.0.0.5",
        ],
        "missing": [
            {
                "name": "TypeError",
                "code": "ERR_MISSING_ARGS",
                "message": 'The "domain" argument must be specified',
            },
            {
                "name": "TypeError",
                "code": "ERR_MISSING_ARGS",
                "message": 'The "domain" argument must be specified',
            },
        ],
    }


def test_require_from_cjs(node_js, tmp_path: Path):
    helper = tmp_path / "helper.cjs"
    helper.write_text(
        """
const url = require("url");
const { parse, format } = require("node:url");
module.exports = [url.parse === parse, url.URL === URL, format(parse("HTTP://A.com/x?y#z")),
  url.fileURLToPath("file:///tmp/x%20y")];
"""
    )
    assert node_js(f'import result from "{helper.as_uri()}";\nexport default result;\n') == [
        True,
        True,
        "http://a.com/x?y#z",
        "/tmp/x y",
    ]


def test_an_invalid_url_carries_nodes_code_and_input(node_js):
    assert node_js(
        """
const caught = (f) => { try { f(); } catch (e) { return [e instanceof TypeError, e.code, e.input, e.base]; } };
export default [caught(() => new URL("not a url")), caught(() => new URL("/x", "also not"))];
"""
    ) == [[True, "ERR_INVALID_URL", "not a url", "<undefined>"], [True, "ERR_INVALID_URL", "/x", "also not"]]
