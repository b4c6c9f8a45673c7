"""FormData (XHR spec) and its bodies: multipart/form-data and
application/x-www-form-urlencoded encoding and parsing, on every engine."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


async def run(ctx, body: str):
    return await ctx.eval_async("(async () => {" + body + "})()")


# A helper in JS: parse `bytes` as a body with this content type, into plain entries.
PARSE = """
const parse = async (body, type) => {
  const fd = await new Response(body, { headers: { "content-type": type } }).formData();
  const out = [];
  for (const [k, v] of fd) {
    out.push(typeof v === "string" ? [k, v] : [k, { name: v.name, type: v.type, text: await v.text() }]);
  }
  return out;
};
const multipart = (s) => new TextEncoder().encode(s.replace(/\\n/g, "\\r\\n"));
"""


async def parse_run(ctx, body: str):
    return await run(ctx, PARSE + body)


# ---------------------------------------------------------------- the FormData API


async def test_append_get_getall_has_delete(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("a", "1"); fd.append("b", "2"); fd.append("a", "3");
        const out = [fd.get("a"), fd.getAll("a"), fd.has("b"), fd.get("zz"), fd.getAll("zz")];
        fd.delete("a");
        out.push([...fd], fd.has("a"));
        return out;
    """,
    ) == ["1", ["1", "3"], True, None, [], [["b", "2"]], False]


async def test_set_replaces_first_and_removes_rest(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("a", "1"); fd.append("b", "x"); fd.append("a", "2"); fd.append("c", "y");
        fd.set("a", "new");
        fd.set("d", "appended");
        return [...fd];
    """,
    ) == [["a", "new"], ["b", "x"], ["c", "y"], ["d", "appended"]]


async def test_blob_becomes_file(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("blob", new Blob(["x"], { type: "text/x" }));
        fd.append("named", new Blob(["y"]), "given.bin");
        const f = new File(["z"], "orig.txt", { lastModified: 7 });
        fd.append("file", f);
        fd.append("renamed", f, "other.txt");
        const v = (k) => {
          const x = fd.get(k);
          return [x instanceof File, x.name, x.type, x.lastModified === 7];
        };
        return [v("blob"), v("named"), fd.get("file") === f, v("renamed")];
    """,
    ) == [
        [True, "blob", "text/x", False],
        [True, "given.bin", "", False],
        True,
        [True, "other.txt", "", True],
    ]


async def test_value_conversion_and_argument_errors(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("n", 5); fd.append("u", undefined); fd.append("s\\ud800", "v\\udc00");
        const out = [...fd];
        for (const f of [() => fd.append("x"), () => fd.append("x", "str", "name.txt"), () => fd.get(),
                         () => new FormData({}), () => FormData.prototype.get.call({}, "a")]) {
          try { f(); out.push("no error"); } catch (e) { out.push(e.name); }
        }
        return out;
    """,
    ) == [
        ["n", "5"],
        ["u", "undefined"],
        ["s\ufffd", "v\ufffd"],
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
        "TypeError",
    ]


async def test_iteration_is_live(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("a", "1"); fd.append("b", "2");
        const seen = [];
        for (const [k] of fd) { seen.push(k); if (k === "a") fd.append("c", "3"); }
        const it = fd.keys();
        const tags = [Object.prototype.toString.call(it), typeof it[Symbol.iterator]];
        const each = [];
        fd.forEach(function (v, k, obj) { each.push([k, v, obj === fd, this.t]); }, { t: 1 });
        return [seen, [...fd.values()], tags, each.length, each[0], String(fd)];
    """,
    ) == [
        ["a", "b", "c"],
        ["1", "2", "3"],
        ["[object FormData Iterator]", "function"],
        3,
        ["a", "1", True, 1],
        "[object FormData]",
    ]


# ---------------------------------------------------------------- multipart round trips


async def test_multipart_round_trip(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("plain", "hello");
        fd.append("uni\\u00e9", "\\u20ac\\ud83d\\ude00");
        fd.append("lines", "a\\nb\\rc\\r\\nd");
        fd.append("quote\\"name", "v");
        fd.append("file", new File([new Uint8Array([0, 13, 10, 45, 45, 255])], "bin\\"ary.dat",
                                   { type: "application/x-thing" }));
        fd.append("empty", new File([], "e.txt"));
        const res = new Response(fd);
        const type = res.headers.get("content-type");
        const back = await res.formData();
        const out = [];
        for (const [k, v] of back) {
          out.push(typeof v === "string" ? [k, v] : [k, v.name, v.type, [...await v.bytes()]]);
        }
        return [/^multipart\\/form-data; boundary=\\S+$/.test(type), out];
    """,
    ) == [
        True,
        [
            ["plain", "hello"],
            ["unié", "€😀"],
            ["lines", "a\r\nb\r\nc\r\nd"],
            ['quote"name', "v"],
            ["file", 'bin"ary.dat', "application/x-thing", [0, 13, 10, 45, 45, 255]],
            ["empty", "e.txt", "application/octet-stream", []],
        ],
    ]


async def test_multipart_wire_format(ctx):
    text = await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("a\\nb", "x\\ny");
        fd.append("f", new Blob(["data"]), "n\\"m.txt");
        const res = new Response(fd);
        const boundary = res.headers.get("content-type").split("boundary=")[1];
        return [boundary, await res.text()];
    """,
    )
    boundary, body = text
    assert body == (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="a%0D%0Ab"\r\n\r\n'
        "x\r\ny\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="f"; filename="n%22m.txt"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
        "data\r\n"
        f"--{boundary}--\r\n"
    )


async def test_boundaries_differ(ctx):
    assert (
        await run(
            ctx,
            """
        const t = () => new Request("http://x/", { method: "POST", body: new FormData() })
          .headers.get("content-type");
        return t() !== t();
    """,
        )
        is True
    )


async def test_request_body_form_round_trip(ctx):
    assert await run(
        ctx,
        """
        const fd = new FormData();
        fd.append("k", "v");
        const req = new Request("https://example.com/", { method: "POST", body: fd });
        const copy = await req.clone().formData();
        return [copy.get("k"), (await req.text()).includes('name="k"')];
    """,
    ) == ["v", True]


# ---------------------------------------------------------------- multipart parsing


async def test_parse_handwritten_body(ctx):
    assert await parse_run(
        ctx,
        """
        return parse(multipart(
          "preamble to ignore\\n" +
          "--XyZ   \\n" +
          "content-disposition: form-data; name=\\"field\\"\\n" +
          "\\n" +
          "value with --XyZ inside\\n" +
          "--XyZ\\n" +
          "Content-Disposition: form-data; name=upload; filename=\\"a.txt\\"\\n" +
          "\\n" +
          "no content type\\n" +
          "--XyZ\\n" +
          "Content-Disposition: form-data; name=\\"f2\\"; filename*=UTF-8''%E2%82%AC.txt; " +
          "filename=\\"fallback.txt\\"\\n" +
          "Content-Type: Image/PNG\\n" +
          "\\n" +
          "png\\n" +
          "--XyZ--\\n" +
          "epilogue"), "multipart/form-data; boundary=XyZ");
    """,
    ) == [
        ["field", "value with --XyZ inside"],
        ["upload", {"name": "a.txt", "type": "text/plain", "text": "no content type"}],
        ["f2", {"name": "€.txt", "type": "image/png", "text": "png"}],
    ]


async def test_parse_quoted_boundary_and_empty_form(ctx):
    assert await parse_run(
        ctx,
        """
        const body = '--a b:c\\nContent-Disposition: form-data; name="x"\\n\\n1\\n--a b:c--';
        const a = await parse(multipart(body), 'multipart/form-data; boundary="a b:c"');
        const b = await parse(multipart("--B--\\n"), "multipart/form-data; boundary=B");
        const c = await parse(multipart('--B\\nContent-Disposition: form-data; name="%22q%22"\\n\\n\\n--B--'),
                              "Multipart/Form-Data;Boundary=B");
        return [a, b, c];
    """,
    ) == [[["x", "1"]], [], [['"q"', ""]]]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('--B\nContent-Disposition: form-data; name="x"\n\nno end', "multipart/form-data; boundary=B"),
        ('--B\nContent-Disposition: form-data; name="x"\n\n1\n--B--', "multipart/form-data"),
        ("--B\nContent-Disposition: form-data\n\n1\n--B--", "multipart/form-data; boundary=B"),
        ('--B\nContent-Disposition: attachment; name="x"\n\n1\n--B--', "multipart/form-data; boundary=B"),
        ('--B\nContent-Disposition: form-data; name="x"\n', "multipart/form-data; boundary=B"),
        ("nothing here", "multipart/form-data; boundary=B"),
        ('--Bjunk\nContent-Disposition: form-data; name="x"\n\n1\n--B--', "multipart/form-data; boundary=B"),
        ("a=1", "text/plain"),
        ("a=1", "application/json"),
    ],
)
async def test_parse_failures_are_type_errors(ctx, body, content_type):
    code = "try { await parse(multipart(BODY), TYPE); return 'parsed'; } catch (e) { return e.name; }"
    import json

    code = code.replace("BODY", json.dumps(body)).replace("TYPE", json.dumps(content_type))
    assert await parse_run(ctx, code) == "TypeError"


async def test_parse_without_content_type(ctx):
    assert await run(
        ctx,
        """
        const res = new Response(new Uint8Array([97, 61, 49]));
        try { await res.formData(); } catch (e) { return [e.name, res.bodyUsed]; }
    """,
    ) == ["TypeError", True]


# ---------------------------------------------------------------- urlencoded


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a=1&b=2", [["a", "1"], ["b", "2"]]),
        ("a+b=c+d%20e", [["a b", "c d e"]]),
        ("&&a&=x&b=", [["a", ""], ["", "x"], ["b", ""]]),
        ("x=%zz%4", [["x", "%zz%4"]]),
        ("e=%C3%A9%FF", [["e", "é\ufffd"]]),
        ("k=a=b", [["k", "a=b"]]),
        ("%EF%BB%BFk=v", [["\ufeffk", "v"]]),
        ("", []),
    ],
)
async def test_urlencoded_parsing(ctx, body, expected):
    import json

    assert (
        await parse_run(
            ctx,
            f"return parse({json.dumps(body)}, 'application/x-www-form-urlencoded;charset=UTF-8');",
        )
        == expected
    )


async def test_url_search_params_body(ctx):
    assert await run(
        ctx,
        """
        const res = new Response(new URLSearchParams({ "a b": "c&d", e: "\\u00e9" }));
        const type = res.headers.get("content-type");
        const fd = await res.clone().formData();
        return [type, await res.text(), [...fd]];
    """,
    ) == [
        "application/x-www-form-urlencoded;charset=UTF-8",
        "a+b=c%26d&e=%C3%A9",
        [["a b", "c&d"], ["e", "é"]],
    ]


# '%' is left out: "%22" in a name reads back as '"' (the HTML escaping is not reversible).
names = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="%"), max_size=12)


@SETTINGS
@given(entries=st.lists(st.tuples(names, st.one_of(names, st.binary(max_size=20)), names), max_size=5))
def test_multipart_round_trip_property(ctx, entries):
    """Any names and values survive FormData -> multipart -> formData() (newlines become CRLF)."""
    fn = ctx.eval("""(entries) => (async () => {
        const fd = new FormData();
        for (const [name, value, filename] of entries) {
          if (typeof value === "string") fd.append(name, value);
          else fd.append(name, new Blob([value]), filename);
        }
        const back = await new Response(fd).formData();
        const out = [];
        for (const [k, v] of back) {
          out.push(typeof v === "string" ? [k, v, null] : [k, await v.bytes(), v.name]);
        }
        return out;
    })()""")
    got = ctx.wait(fn([list(e) for e in entries]))

    def crlf(s: str) -> str:
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")

    expected = [[crlf(n), crlf(v), None] if isinstance(v, str) else [crlf(n), v, f] for n, v, f in entries]
    assert got == expected
