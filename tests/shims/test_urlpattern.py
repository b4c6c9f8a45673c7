"""URLPattern (shims/js/23_urlpattern.js) to the WHATWG URLPattern Standard, on every engine.

The cases are written from the spec: the constructor's forms and string parser, each
component's canonicalization and pattern-string normalization, groups and modifiers,
base URLs, ``ignoreCase``, ``hasRegExpGroups`` and the TypeErrors. When ``WPT_DIR`` names a
web-platform-tests checkout, its urlpattern tests also run, through ``benchmarks/wpt.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import runtime

ROOT = Path(__file__).resolve().parent.parent.parent
COMPONENTS = ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"]

# JS helpers: the pattern strings of new URLPattern(...args); exec(...) as plain data
# (a group that did not participate, undefined, comes back as None).
HELPERS = """
globalThis.__patternOf = (args) => {
  const p = new URLPattern(...args);
  const out = {};
  for (const c of %s) out[c] = p[c];
  out.hasRegExpGroups = p.hasRegExpGroups;
  return out;
};
globalThis.__exec = (args, inputs) => {
  const r = new URLPattern(...args).exec(...inputs);
  return r === null ? null : JSON.parse(JSON.stringify(r, (k, v) => (v === undefined ? null : v)));
};
globalThis.__test = (args, inputs) => new URLPattern(...args).test(...inputs);
globalThis.__error = (args, inputs) => {
  try {
    const p = new URLPattern(...args);
    if (inputs !== null) p.exec(...inputs);
  } catch (e) {
    return e.constructor.name;
  }
  return null;
};
""" % json.dumps(COMPONENTS)


@pytest.fixture
def up(ctx: runtime.Context) -> runtime.Context:
    ctx.eval(HELPERS)
    return ctx


def pattern(ctx: runtime.Context, *args) -> dict:
    return ctx.call("__patternOf", list(args))


def exec_(ctx: runtime.Context, args: list, *inputs) -> dict | None:
    return ctx.call("__exec", args, list(inputs))


def groups(ctx: runtime.Context, args: list, *inputs) -> dict | None:
    """component -> groups of the match (None when there is no match)."""
    r = exec_(ctx, args, *inputs)
    return None if r is None else {c: r[c]["groups"] for c in COMPONENTS}


def matches(ctx: runtime.Context, args: list, *inputs) -> bool:
    return ctx.call("__test", args, list(inputs))


# ---------------------------------------------------------------- the constructor's forms


def test_no_arguments_is_all_wildcards(up):
    p = pattern(up)
    assert p == {**{c: "*" for c in COMPONENTS}, "hasRegExpGroups": False}
    r = exec_(up, [], "https://user:pw@example.com:8080/a/b?q=1#top")
    assert {c: r[c]["input"] for c in COMPONENTS} == {
        "protocol": "https",
        "username": "user",
        "password": "pw",
        "hostname": "example.com",
        "port": "8080",
        "pathname": "/a/b",
        "search": "q=1",
        "hash": "top",
    }
    assert r["pathname"]["groups"] == {"0": "/a/b"}
    assert r["inputs"] == ["https://user:pw@example.com:8080/a/b?q=1#top"]


def test_init_dictionary_leaves_missing_components_wildcards(up):
    p = pattern(up, {"pathname": "/books/:id", "hostname": "example.com"})
    assert p["pathname"] == "/books/:id"
    assert p["hostname"] == "example.com"
    assert [p[c] for c in ("protocol", "username", "password", "port", "search", "hash")] == ["*"] * 6
    assert groups(up, [{"pathname": "/books/:id"}], "https://a.test/books/12")["pathname"] == {"id": "12"}


def test_constructor_string_fills_components(up):
    p = pattern(up, "https://user\\:pass@example.com:8080/p/:x/?q=:v#h")
    assert [p[c] for c in COMPONENTS] == [
        "https",
        "user",
        "pass",
        "example.com",
        "8080",
        "/p/:x/",
        "q=:v",
        "h",
    ]
    # Unescaped, ":pass" is a named group of the username, and "?" after ":x" its modifier.
    p = pattern(up, "https://user:pass@example.com/p/:x?q")
    assert [p["username"], p["password"], p["pathname"], p["search"]] == ["user:pass", "*", "/p/:x?q", "*"]


@pytest.mark.parametrize(
    "source, expected",
    [
        # A hostname without a port means the default port; later components are wildcards.
        ("https://example.com", {"port": "", "pathname": "*", "search": "*", "hash": "*"}),
        ("https://example.com/foo", {"port": "", "pathname": "/foo", "search": "*", "hash": "*"}),
        ("https://example.com/foo?bar", {"pathname": "/foo", "search": "bar", "hash": "*"}),
        # A hash after the pathname makes the search empty; a special URL's path defaults to "/".
        ("https://example.com/foo#h", {"pathname": "/foo", "search": "", "hash": "h"}),
        ("https://example.com?q", {"pathname": "/", "search": "q", "hash": "*"}),
        ("https://example.com:*/*", {"port": "*", "pathname": "/*"}),
        # Username and password stay wildcards unless given.
        ("https://example.com/", {"username": "*", "password": "*"}),
        # A non-special scheme without "//" goes straight to an opaque path. (Unescaped,
        # "data:text" would be "data" followed by a group named "text".)
        ("data\\:text/plain,*", {"protocol": "data", "hostname": "", "port": "", "pathname": "text/plain,*"}),
        ("https://example.com:8080", {"hostname": "example.com", "port": "8080"}),
        ("https://example.com:port", {"hostname": "example.com:port", "port": ""}),
        # Pattern syntax in the protocol: http{s}? still matches a special scheme.
        ("http{s}?://example.com/", {"protocol": "http{s}?", "hostname": "example.com", "pathname": "/"}),
        ("*://example.com/*", {"protocol": "*", "hostname": "example.com"}),
        # A "?" after a group is its modifier, not the start of the search.
        ("https://example.com/:id?", {"pathname": "/:id?", "search": "*"}),
        # Brackets keep an IPv6 address's colons from starting the port.
        ("https://[\\:\\:1]:8080/", {"hostname": "[\\:\\:1]", "port": "8080"}),
        ("https://:sub.example.com/", {"hostname": ":sub.example.com"}),
    ],
)
def test_constructor_string_parser(up, source, expected):
    p = pattern(up, source)
    assert {k: p[k] for k in expected} == expected


def test_constructor_string_matches(up):
    assert matches(up, ["https://example.com/foo"], "https://example.com/foo?anything#at-all")
    assert not matches(up, ["https://example.com/foo"], "https://example.com:8443/foo")
    assert matches(up, ["https://example.com:*/foo"], "https://example.com:8443/foo")
    assert matches(up, ["https://[\\:\\:1]:8080/"], "https://[::1]:8080/")
    assert matches(up, ["http{s}?://example.com/"], "http://example.com/")
    assert matches(up, ["http{s}?://example.com/"], "https://example.com/")
    assert not matches(up, ["http{s}?://example.com/"], "ftp://example.com/")


def test_relative_string_with_base_url(up):
    p = pattern(up, "/books/:id", "https://example.com/shop?q#h")
    assert [p[c] for c in COMPONENTS] == ["https", "*", "*", "example.com", "", "/books/:id", "*", "*"]
    assert matches(up, ["/books/:id", "https://example.com"], "https://example.com/books/7?x")


def test_init_inherits_from_base_url_up_to_the_first_given_component(up):
    base = "https://example.com:8080/a/b?q=1#frag"
    # Nothing given: everything but username and password comes from the base.
    p = pattern(up, {"baseURL": base})
    assert [p[c] for c in COMPONENTS] == ["https", "*", "*", "example.com", "8080", "/a/b", "q=1", "frag"]
    # A pathname is given: search and hash are no longer inherited.
    p = pattern(up, {"pathname": "/x", "baseURL": base})
    assert [p[c] for c in COMPONENTS] == ["https", "*", "*", "example.com", "8080", "/x", "*", "*"]
    # A relative pathname resolves against the base's directory.
    assert pattern(up, {"pathname": "c/:d", "baseURL": base})["pathname"] == "/a/c/:d"
    # The base's values are escaped as pattern text.
    assert pattern(up, {"baseURL": "https://example.com/a+b?x=(1)"})["search"] == "x=\\(1\\)"
    assert pattern(up, {"baseURL": "https://example.com/a+b"})["pathname"] == "/a\\+b"


def test_options_argument(up):
    assert not matches(up, [{"pathname": "/foo"}], {"pathname": "/FOO"})
    assert matches(up, [{"pathname": "/foo"}, {"ignoreCase": True}], {"pathname": "/FOO"})
    assert matches(up, ["/foo", "https://example.com", {"ignoreCase": True}], "https://example.com/FOO")
    assert matches(up, ["https://example.com/foo", {"ignoreCase": True}], "https://example.com/FOO")
    # Options undefined or null are the defaults.
    assert up.eval("new URLPattern({pathname: '/a'}, undefined).pathname") == "/a"
    assert up.eval("new URLPattern({pathname: '/a'}, null).pathname") == "/a"


# ---------------------------------------------------------------- components and canonicalization


@pytest.mark.parametrize(
    "init, component, expected",
    [
        ({"protocol": "HTTPS"}, "protocol", "https"),
        ({"protocol": "https:"}, "protocol", "https"),  # one trailing ":" is dropped
        ({"username": "café"}, "username", "caf%C3%A9"),
        ({"password": "p@ss"}, "password", "p%40ss"),
        ({"hostname": "EXAMPLE.com"}, "hostname", "example.com"),
        ({"hostname": "münchen.de"}, "hostname", "xn--mnchen-3ya.de"),
        ({"hostname": "*.EXAMPLE.com"}, "hostname", "*.example.com"),
        ({"hostname": "[\\:\\:AB]"}, "hostname", "[\\:\\:ab]"),
        ({"port": "8080"}, "port", "8080"),
        ({"protocol": "https", "port": "443"}, "port", ""),  # the default port is no port
        ({"protocol": "http", "port": "443"}, "port", "443"),
        ({"protocol": "https", "port": "*443"}, "port", "*443"),  # a piece of a pattern keeps 443
        ({"pathname": "/foo/../bar"}, "pathname", "/bar"),
        ({"pathname": "/café"}, "pathname", "/caf%C3%A9"),
        ({"pathname": "/a b"}, "pathname", "/a%20b"),
        ({"pathname": "/:name.html"}, "pathname", "/:name.html"),
        ({"protocol": "data", "pathname": "text/plain,a b"}, "pathname", "text/plain,a b"),
        ({"search": "?q=a b"}, "search", "q=a%20b"),  # one leading "?" is dropped
        ({"search": "it's"}, "search", "it%27s"),
        ({"hash": "#top"}, "hash", "top"),
        ({"hash": "a`b"}, "hash", "a%60b"),
    ],
)
def test_component_canonicalization(up, init, component, expected):
    assert pattern(up, init)[component] == expected


@pytest.mark.parametrize(
    "source, normalized",
    [
        ("/foo/(.*)", "/foo/*"),
        ("/:name([^\\/]+?)", "/:name"),
        ("/(\\d+)", "/(\\d+)"),
        ("/:a(\\d+)", "/:a(\\d+)"),
        ("{/:id}", "/:id"),
        ("/{:id}", "/{:id}"),  # "/" outside the group is not its prefix
        ("/{book}s", "/books"),
        ("/book{s}?", "/book{s}?"),
        ("{/old}?/new", "{/old}?/new"),
        ("/:foo\\bar", "{/:foo}bar"),
        ("/a\\:b", "/a\\:b"),
        ("/*/:id+", "/*/:id+"),
        (":a:b", ":a:b"),
        ("/(foo)bar", "/(foo)bar"),
    ],
)
def test_pattern_strings_are_normalized(up, source, normalized):
    assert pattern(up, {"pathname": source})["pathname"] == normalized


def test_hostname_patterns(up):
    args = [{"hostname": "*.example.com"}]
    assert groups(up, args, "https://a.b.example.com/")["hostname"] == {"0": "a.b"}
    assert not matches(up, args, "https://example.com/")
    # A named group stops at the hostname's delimiter, ".".
    args = [{"hostname": ":sub.example.com"}]
    assert groups(up, args, "https://api.example.com/")["hostname"] == {"sub": "api"}
    assert not matches(up, args, "https://a.api.example.com/")
    # Inputs are canonicalized like URLs: IDN to Punycode, case folded.
    assert matches(up, [{"hostname": "xn--mnchen-3ya.de"}], {"hostname": "MÜNCHEN.de"})


def test_port_and_protocol_patterns(up):
    args = [{"protocol": "http{s}?", "port": "(80|8080)?"}]
    assert matches(up, args, "http://example.com:8080/")
    assert matches(up, args, "https://example.com/")
    assert not matches(up, args, "https://example.com:8443/")
    # An input's default port is no port.
    assert matches(up, [{"protocol": "https", "port": ""}], {"protocol": "https", "port": "443"})
    assert groups(up, [{"protocol": "https", "port": "*443"}], {"protocol": "https", "port": "1443"})[
        "port"
    ] == {"0": "1"}


def test_search_and_hash_patterns(up):
    args = [{"search": "q=:query&page=:n(\\d+)", "hash": "section-:s"}]
    g = groups(up, args, "https://example.com/?q=cats&page=2#section-intro")
    assert g["search"] == {"query": "cats", "n": "2"}
    assert g["hash"] == {"s": "intro"}
    assert not matches(up, args, "https://example.com/?q=cats&page=two#section-intro")


# ---------------------------------------------------------------- groups, wildcards and modifiers


@pytest.mark.parametrize(
    "path, url_path, expected",
    [
        ("/users/:id", "/users/42", {"id": "42"}),
        ("/users/:id", "/users/42/posts", None),  # a named group stops at "/"
        ("/users/:id(\\d+)", "/users/42", {"id": "42"}),
        ("/users/:id(\\d+)", "/users/abc", None),
        ("/(\\d+)/(\\w+)", "/7/x", {"0": "7", "1": "x"}),
        ("/files/*", "/files/a/b/c.txt", {"0": "a/b/c.txt"}),
        ("/files/*", "/files/", {"0": ""}),
        ("/files/*", "/files", None),
        ("/files/*.txt", "/files/a/b.txt", {"0": "a/b"}),
        ("/:lang/*", "/en/docs/x", {"lang": "en", "0": "docs/x"}),
        # ? makes the group and its "/" prefix optional.
        ("/books/:id?", "/books", {"id": None}),
        ("/books/:id?", "/books/1", {"id": "1"}),
        ("/books/:id?", "/books/", None),
        # + repeats it (at least once), * any number of times; the value keeps the separators.
        ("/books/:id+", "/books/1/2/3", {"id": "1/2/3"}),
        ("/books/:id+", "/books", None),
        ("/books/:id*", "/books", {"id": None}),
        ("/books/:id*", "/books/1/2", {"id": "1/2"}),
        ("/(\\d+)?", "/", None),
        ("/(\\d+)?", "", {"0": None}),
        ("/*?", "", {"0": None}),
        # {} groups: optional text, a group with its own prefix and suffix.
        ("/book{s}?", "/book", {}),
        ("/book{s}?", "/books", {}),
        ("{/old}?/new", "/old/new", {}),
        ("{/old}?/new", "/new", {}),
        ("/:file{.:ext}?", "/a.tar", {"file": "a", "ext": "tar"}),
        ("/:file{.:ext}?", "/readme", {"file": "readme", "ext": None}),
        ("/a{-:b}+", "/a-x-y", {"b": "x-y"}),
        ("/a{-:b}+", "/a", None),
        ("/a\\:b", "/a:b", {}),
        # A group may be named __proto__: it is an own property of the groups object.
        ("/:__proto__", "/x", {"__proto__": "x"}),
    ],
)
def test_pathname_groups(up, path, url_path, expected):
    got = groups(up, [{"pathname": path}], {"pathname": url_path})
    assert (got and got["pathname"]) == expected


def test_regexp_groups_use_the_v_flag(up):
    args = [{"pathname": "/([[a-z]--a])"}]
    assert matches(up, args, {"pathname": "/z"})
    assert not matches(up, args, {"pathname": "/a"})
    assert matches(up, [{"pathname": "/([\\d&&[0-1]])"}], {"pathname": "/1"})
    assert not matches(up, [{"pathname": "/([\\d&&[0-1]])"}], {"pathname": "/3"})


def test_ignore_case(up):
    args = [{"pathname": "/Foo/:x", "search": "Q=*", "hash": "Top"}, {"ignoreCase": True}]
    g = groups(up, args, "https://example.com/fOO/Bar?q=1#TOP")
    assert g["pathname"] == {"x": "Bar"}
    assert not matches(up, [{"pathname": "/Foo/:x"}], "https://example.com/fOO/Bar")


@pytest.mark.parametrize(
    "args, expected",
    [
        ([{"pathname": "/:id"}], False),
        ([{"pathname": "/files/*"}], False),
        ([{"pathname": "/:id([^\\/]+?)"}], False),  # the same as a plain named group
        ([{"pathname": "/(.*)"}], False),  # the same as *
        ([{"pathname": "/(\\d+)"}], True),
        ([{"pathname": "/:id(\\d+)"}], True),
        ([{"hostname": "(www|api).example.com"}], True),
        (["https://example.com/:a(a|b)"], True),
        ([{"protocol": "(https|wss)"}], True),
    ],
)
def test_has_regexp_groups(up, args, expected):
    assert pattern(up, *args)["hasRegExpGroups"] is expected


# ---------------------------------------------------------------- test() and exec()


def test_exec_result_shape(up):
    r = exec_(up, [{"pathname": "/books/:id"}], "https://example.com/books/1")
    assert list(r) == [
        "hash",
        "hostname",
        "inputs",
        "password",
        "pathname",
        "port",
        "protocol",
        "search",
        "username",
    ]
    assert r["pathname"] == {"groups": {"id": "1"}, "input": "/books/1"}
    assert r["hostname"] == {"groups": {"0": "example.com"}, "input": "example.com"}
    assert r["search"] == {"groups": {"0": ""}, "input": ""}


def test_exec_with_a_base_url(up):
    args = [{"pathname": "/books/:id"}]
    r = exec_(up, args, "/books/1?x", "https://example.com/shop/")
    assert r["inputs"] == ["/books/1?x", "https://example.com/shop/"]
    assert r["search"]["input"] == "x"
    assert matches(up, args, "../books/1", "https://example.com/shop/")


def test_exec_with_an_init(up):
    args = [{"pathname": "/books/:id"}]
    r = exec_(up, args, {"pathname": "/books/1", "baseURL": "https://example.com/"})
    assert r["inputs"] == [{"baseURL": "https://example.com/", "pathname": "/books/1"}]
    assert r["protocol"]["input"] == "https"
    assert r["hostname"]["input"] == "example.com"
    # An init's values are canonicalized as URL parts: "é" is percent-encoded, "." resolved.
    assert matches(up, [{"pathname": "/caf%C3%A9"}], {"pathname": "/./café"})
    # A relative pathname resolves against the init's base URL.
    assert matches(
        up, [{"pathname": "/shop/books/:id"}], {"pathname": "books/1", "baseURL": "https://e.com/shop/x"}
    )


def test_a_url_object_is_an_init(up):
    # Web IDL converts any object to URLPatternInit by reading its members, a URL's getters too.
    r = up.eval(
        """(() => {
        const r = new URLPattern({pathname: "/books/:id"}).exec(new URL("https://example.com/books/9?x#y"));
        return [r.pathname.groups.id, r.search.input, r.hash.input, Object.keys(r.inputs[0])];
    })()"""
    )
    assert r == [
        "9",
        "x",
        "y",
        ["hash", "hostname", "password", "pathname", "port", "protocol", "search", "username"],
    ]


def test_no_match_and_unparsable_inputs_give_null(up):
    args = [{"pathname": "/books/:id"}]
    assert exec_(up, args, "https://example.com/authors/1") is None
    assert exec_(up, args, "not a url") is None
    assert exec_(up, args, "/books/1", "not a base") is None
    assert exec_(up, args, {"port": "nope"}) is None
    assert exec_(up, args, {"pathname": "/books/1", "baseURL": "not a url"}) is None
    assert matches(up, args, "not a url") is False


def test_default_input_is_an_empty_init(up):
    assert matches(up, [{}])
    assert matches(up, [{"pathname": ""}]) and not matches(up, [{"pathname": "/"}])
    assert up.eval("new URLPattern().exec().inputs.length") == 1


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "args",
    [
        ["/books/:id"],  # relative, and no base URL
        [{"pathname": "/"}, "https://example.com"],  # a base URL argument with an init
        [{"pathname": "/:a/:a"}],  # duplicate group name
        [{"pathname": "/(\\d"}],  # unclosed regexp group
        [{"pathname": "/(?:a)"}],  # a regexp group may not start with "?"
        [{"pathname": "/((a))"}],  # nor hold a capturing group
        [{"pathname": "/(é)"}],  # nor non-ASCII text
        [{"pathname": "/([)"}],  # nor be an invalid regular expression
        [{"pathname": "/()"}],  # nor be empty
        [{"pathname": "/:"}],  # a ":" without a name
        [{"pathname": "/foo\\"}],  # a trailing backslash
        [{"pathname": "/{foo"}],  # an unclosed {
        [{"pathname": "/{a{b}}"}],  # groups do not nest
        [{"pathname": "/:a??"}],  # a second modifier
        [{"protocol": "ht tp"}],
        [{"hostname": "exa mple.com"}],
        [{"hostname": "[\\:\\:xyz]"}],  # not hex digits
        [{"hostname": "[::1]"}],  # ":" needs escaping in a pattern
        [{"port": "abc"}],
        [{"port": "99999"}],
        [{"baseURL": "not a url"}],
        ["https://example.com:99999/"],
        ["https://exa mple.com/"],
    ],
)
def test_constructor_type_errors(up, args):
    assert up.call("__error", args, None) == "TypeError"


def test_match_type_errors(up):
    # A base URL argument goes only with a URL string.
    assert up.call("__error", [{}], [{"pathname": "/"}, "https://example.com"]) == "TypeError"
    assert up.eval(
        "(() => { try { new URLPattern(Symbol()); } catch (e) { return e instanceof TypeError; } })()"
    )
    assert up.eval(
        "(() => { try { new URLPattern({}, 5); } catch (e) { return e instanceof TypeError; } })()"
    )


# ---------------------------------------------------------------- the interface


def test_interface(up):
    r = up.eval(
        """(() => {
        const proto = URLPattern.prototype;
        const d = Object.getOwnPropertyDescriptor(globalThis, "URLPattern");
        const getter = Object.getOwnPropertyDescriptor(proto, "pathname");
        const err = (f) => { try { f(); } catch (e) { return e instanceof TypeError; } return false; };
        return {
            length: URLPattern.length,
            tag: Object.prototype.toString.call(new URLPattern()),
            global: [d.writable, d.enumerable, d.configurable],
            getter: [typeof getter.get, getter.set, getter.enumerable],
            methods: [proto.test.length, proto.exec.length, Object.keys(proto).sort()],
            noNew: err(() => URLPattern()),
            wrongThis: err(() => getter.get.call({})) && err(() => proto.test.call({}, {})),
        };
    })()"""
    )
    assert r == {
        "length": 0,
        "tag": "[object URLPattern]",
        "global": [True, False, True],
        "getter": ["function", None, True],
        "methods": [
            0,
            0,
            sorted(["test", "exec", *COMPONENTS, "hasRegExpGroups"]),
        ],
        "noNew": True,
        "wrongThis": True,
    }


# ---------------------------------------------------------------- web-platform-tests


def test_wpt_urlpattern(engine, tmp_path):
    """WPT's urlpattern tests, through benchmarks/wpt.py, with a checkout at $WPT_DIR.

    Every subtest passes but those of the ``.tentative`` files, which test
    ``URLPattern.compareComponent``, a proposal the standard does not have.
    """
    wpt_dir = os.environ.get("WPT_DIR")
    if not wpt_dir or not (Path(wpt_dir) / "urlpattern" / "resources" / "urlpatterntestdata.json").is_file():
        pytest.skip("set WPT_DIR to a web-platform-tests checkout to run its urlpattern tests")
    out = tmp_path / "results.json"
    cmd = [
        sys.executable,
        "benchmarks/wpt.py",
        "--area",
        "urlpattern",
        "--engine",
        engine,
        "--json",
        str(out),
    ]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, timeout=300)
    files = {r["path"]: r for r in json.loads(out.read_text("utf-8"))[engine]}
    # (.https. files are skipped: they are the same tests, for wptserve's https origin.)
    standard = [r for path, r in files.items() if ".tentative." not in path and r["harness"] != "SKIP"]
    assert "urlpattern/urlpattern.any.js" in files
    failing = [(r["path"], t["name"]) for r in standard for t in r["subtests"] if t["status"] != "PASS"]
    assert [r["harness"] for r in standard] == ["OK"] * len(standard)
    assert failing == []
    assert sum(len(r["subtests"]) for r in standard) > 300
