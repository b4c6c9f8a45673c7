"""HTTP/1.1 conformance of `runtime serve` (RFC 9110, RFC 9112), one raw-socket case a row.

Each case sends bytes on a fresh connection and asserts the status of every answer, whether
the connection is closed after them (else a further request must be answered on it), and
exactly which requests the handler saw (method, URL, body, X- headers): for smuggling and
framing cases that is how a second request hidden in the first would show. The handler
records every request; ``/__seen`` hands the record over and clears it.

Where the RFCs leave a choice, the row says which and why (mostly: what nginx does). The
reactor's HTTP handling is the same whatever the engine: the whole table runs on the first
engine and the rows marked ``sample`` on the others (``RUNTIME_HTTP_ALL_ENGINES=1``: all
rows on every engine).
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass

import pytest

from .conftest import ENGINES

HANDLER = r"""
const seen = [];
export default {
  async fetch(request) {
    const path = request.url.replace(/^[a-z]+:\/\/[^/]*/, "");
    if (path === "/__seen") return new Response(JSON.stringify(seen.splice(0)));
    if (path === "/__probe") return new Response("probe");
    const headers = [...request.headers].filter(([k]) => k.startsWith("x-") && k !== "x-request-id");
    const rec = { m: request.method, u: request.url, h: headers, b: "" };
    seen.push(rec);
    if (path.startsWith("/slow")) await new Promise((r) => setTimeout(r, 150));
    if (request.body) rec.b = await request.text();
    return new Response(JSON.stringify(rec), { headers: { "content-type": "application/json" } });
  },
};
"""

LIMITS = {
    "RUNTIME_SERVER_MAX_HEADER_BYTES": "4096",
    "RUNTIME_SERVER_HEADER_TIMEOUT": "3",
    "RUNTIME_SERVER_BODY_TIMEOUT": "3",
}
MAX_BODY = 1048  # --max-body 0.001 (MB)
SMUGGLED = b"GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n"
CHUNKED = "Transfer-Encoding: chunked"


def r(*lines: str | bytes, body: bytes = b"") -> bytes:
    """A request from its lines (CRLF-terminated, then the empty line) and body."""
    raw = b"".join((x.encode("latin-1") if isinstance(x, str) else x) + b"\r\n" for x in lines)
    return raw + b"\r\n" + body


def post(*headers: str | bytes, body: bytes = b"", target: str = "/a") -> bytes:
    return r(f"POST {target} HTTP/1.1", "Host: t", *headers, body=body)


@dataclass
class Case:
    id: str
    send: bytes | tuple[bytes, ...]  # a tuple: sent in parts, 0.1 s apart
    status: int | list[int]  # every answer in order, 1xx included
    close: bool
    seen: tuple[str, ...] = ()  # what the handler saw: "METHOD URL [<body>] [x-name=value]"
    sample: bool = False
    head: bool = False  # answers to HEAD: no body


def C(id, send, status, close, *seen, sample=False, head=False) -> Case:
    return Case(id, send, status, close, seen, sample, head)


OK = 200
SMUGGLING = [
    # RFC 9112 §6.1: a server MAY reject both framings or use Transfer-Encoding; either way
    # it MUST close. llhttp, like nginx, rejects.
    C("cl-then-te", post("Content-Length: 4", CHUNKED, body=b"0\r\n\r\n" + SMUGGLED), 400, True, sample=True),
    C("te-then-cl", post(CHUNKED, "Content-Length: 4", body=b"0\r\n\r\n" + SMUGGLED), 400, True, sample=True),
    C("cl-and-te-http10", r("POST /a HTTP/1.0", "Content-Length: 4", CHUNKED, body=b"0\r\n\r\n"), 400, True),
    # RFC 9110 §8.6: repeated equal lengths MAY be reduced to one; nginx and llhttp reject.
    C("two-cl-equal", post("Content-Length: 3", "Content-Length: 3", body=b"abc"), 400, True),
    C("two-cl-different", post("Content-Length: 3", "Content-Length: 38", body=b"abc" + SMUGGLED), 400, True),
    C("cl-list", post("Content-Length: 3, 3", body=b"abc"), 400, True),  # as nginx
    C("cl-plus-sign", post("Content-Length: +3", body=b"abc"), 400, True),
    C("cl-minus-sign", post("Content-Length: -3", body=b"abc"), 400, True),
    C("cl-hex", post("Content-Length: 0x3", body=b"abc"), 400, True),
    C("cl-inner-space", post("Content-Length: 3 3", body=b"abc"), 400, True),
    C("cl-empty", post("Content-Length: ", body=b"abc"), 400, True),
    C("cl-overflow", post("Content-Length: 99999999999999999999999", body=b"abc"), 400, True),
    C("cl-fullwidth-digit", post(b"Content-Length: \xef\xbc\x93", body=b"abc"), 400, True),
    C("cl-ows", post("Content-Length:   3  ", body=b"abc"), OK, False, "POST /a <abc>"),
    C("cl-leading-zeros", post("Content-Length: 0003", body=b"abc"), OK, False, "POST /a <abc>"),
    C(
        "cl-body-holds-a-request",
        post("Content-Length: 35", body=SMUGGLED),
        OK,
        False,
        "POST /a <GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n>",
        sample=True,
    ),
    # RFC 9112 §5.1: whitespace before the colon MUST be rejected.
    C("te-space-before-colon", post("Transfer-Encoding : chunked", body=b"0\r\n\r\n" + SMUGGLED), 400, True),
    # RFC 9112 §6.3: chunked not last (or absent) in a request: 400, MUST.
    C("te-chunked-identity", post("Transfer-Encoding: chunked, identity", body=b"0\r\n\r\n"), 400, True),
    C("te-xchunked", post("Transfer-Encoding: xchunked", body=b"0\r\n\r\n" + SMUGGLED), 400, True),
    C("te-gzip-alone", post("Transfer-Encoding: gzip", body=b"0\r\n\r\n"), 400, True),
    C("te-identity", post("Transfer-Encoding: identity", body=b"0\r\n\r\n"), 400, True),
    C("te-with-parameter", post("Transfer-Encoding: chunked;a=b", body=b"0\r\n\r\n"), 400, True),
    # RFC 9110 §5.6.1.2 has empty list elements ignored; llhttp refuses a trailing one, nginx
    # answers 501 (its value is not "chunked"): refused either way.
    C("te-trailing-comma", post("Transfer-Encoding: chunked,", body=b"3\r\nabc\r\n0\r\n\r\n"), 400, True),
    C(
        "te-leading-comma",
        post("Transfer-Encoding: , chunked", body=b"3\r\nabc\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <abc>",
    ),
    C("te-empty", post("Transfer-Encoding: ", body=b"0\r\n\r\n"), 400, True),
    C("te-only-comma", post("Transfer-Encoding: ,", body=b"0\r\n\r\n"), 400, True),
    # RFC 9112 §6.1: a coding the server does not know, before chunked: 501 (SHOULD).
    C("te-gzip-chunked", post("Transfer-Encoding: gzip, chunked", body=b"3\r\nabc\r\n0\r\n\r\n"), 501, True),
    C(
        "te-gzip-tab-chunked",
        post("Transfer-Encoding: gzip,\tchunked", body=b"3\r\nabc\r\n0\r\n\r\n"),
        501,
        True,
    ),
    C(
        "te-two-lines-gzip-chunked",
        post("Transfer-Encoding: gzip", CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n"),
        501,
        True,
    ),
    # RFC 9112 §6.1: chunked MUST NOT be applied twice.
    C(
        "te-twice-one-line",
        post("Transfer-Encoding: chunked, chunked", body=b"3\r\nabc\r\n0\r\n\r\n"),
        400,
        True,
    ),
    C("te-twice-two-lines", post(CHUNKED, CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n"), 400, True, sample=True),
    C(
        "te-tab-ows",
        post("Transfer-Encoding:\tchunked", body=b"3\r\nabc\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <abc>",
    ),
    C(
        "te-case",
        post("Transfer-Encoding: Chunked", body=b"3\r\nabc\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <abc>",
    ),
    C(
        "te-vertical-tab-before",
        post(b"Transfer-Encoding:\x0bchunked", body=b"0\r\n\r\n" + SMUGGLED),
        400,
        True,
    ),
    C(
        "te-vertical-tab-after",
        post(b"Transfer-Encoding: chunked\x0b", body=b"0\r\n\r\n" + SMUGGLED),
        400,
        True,
    ),
    C("te-formfeed", post(b"Transfer-Encoding: \x0cchunked", body=b"0\r\n\r\n"), 400, True),
    # RFC 9112 §6.1: in HTTP/1.0 the framing is faulty (MUST); nginx answers 400.
    C("te-http10", r("POST /a HTTP/1.0", CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n"), 400, True, sample=True),
    # RFC 9112 §5.2: obs-fold MUST be rejected or replaced by SP; llhttp and nginx reject.
    C("obs-fold", r("GET /a HTTP/1.1", "Host: t", "X-A: a", " b"), 400, True),
    C(
        "obs-fold-te",
        post("Transfer-Encoding:", " chunked", body=b"0\r\n\r\n" + SMUGGLED),
        400,
        True,
        sample=True,
    ),
    C("obs-fold-first-line", r("GET /a HTTP/1.1", " Host: t"), 400, True),
    # RFC 9112 §2.2: a bare LF MAY end a line (nginx takes it). llhttp, as Node, refuses it,
    # and cannot take it in header lines without taking it in chunk lines, which the MAY
    # does not cover: refused.
    C("bare-lf", b"GET /a HTTP/1.1\nHost: t\n\n", 400, True),
    C("bare-lf-one-line", b"GET /a HTTP/1.1\r\nHost: t\nX-A: b\r\n\r\n", 400, True),
    C(
        "bare-lf-before-te",
        b"POST /a HTTP/1.1\r\nHost: t\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        400,
        True,
    ),
    # RFC 9112 §2.2, RFC 9110 §5.5: bare CR and NUL are invalid (reject or replace).
    C("bare-cr", b"GET /a HTTP/1.1\r\nHost: t\rX-A: b\r\n\r\n", 400, True),
    C("nul-in-value", r("GET /a HTTP/1.1", "Host: t", b"X-A: a\x00b"), 400, True),
    C("nul-in-name", r("GET /a HTTP/1.1", "Host: t", b"X\x00A: b"), 400, True),
    C("del-in-value", r("GET /a HTTP/1.1", "Host: t", b"X-A: a\x7fb"), 400, True),
    C("obs-text-in-value", r("GET /a HTTP/1.1", "Host: t", b"X-A: \xe9"), OK, False, "GET /a x-a=\xe9"),
    # RFC 9110 §5.1: a field name is a token.
    C("name-with-space", r("GET /a HTTP/1.1", "Host: t", "X A: b"), 400, True),
    C("name-with-paren", r("GET /a HTTP/1.1", "Host: t", "X(A): b"), 400, True),
    C("name-empty", r("GET /a HTTP/1.1", "Host: t", ": b"), 400, True),
    C("name-non-ascii", r("GET /a HTTP/1.1", "Host: t", b"X\xe9: b"), 400, True),
    C("name-without-colon", r("GET /a HTTP/1.1", "Host: t", "Bad Header"), 400, True),
    # Nothing after a request that closes the connection is read.
    C(
        "after-connection-close",
        r("GET /a HTTP/1.1", "Host: t", "Connection: close") + SMUGGLED,
        OK,
        True,
        "GET /a",
    ),
    C(
        "get-body-holds-a-request",
        r("GET /a HTTP/1.1", "Host: t", "Content-Length: 35", body=SMUGGLED),
        OK,
        False,
        "GET /a",  # consumed, and not given to a GET (the Fetch API has none)
    ),
]

CHUNKS = [
    C("chunked", post(CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n"), OK, False, "POST /a <abc>", sample=True),
    C(
        "chunked-upper-hex",
        post(CHUNKED, body=b"A\r\n0123456789\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <0123456789>",
    ),
    C("chunked-empty", post(CHUNKED, body=b"0\r\n\r\n"), OK, False, "POST /a"),
    C(
        "chunk-holds-a-request",
        post(CHUNKED, body=b"23\r\n" + SMUGGLED + b"\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n>",
    ),
    C("chunk-size-not-hex", post(CHUNKED, body=b"zz\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-size-overflow", post(CHUNKED, body=b"1" + b"0" * 16 + b"\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-size-negative", post(CHUNKED, body=b"-3\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-size-0x", post(CHUNKED, body=b"0x3\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-size-empty", post(CHUNKED, body=b"\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-data-longer", post(CHUNKED, body=b"3\r\nabcd\r\n0\r\n\r\n" + SMUGGLED), 400, True, sample=True),
    C("chunk-data-without-crlf", post(CHUNKED, body=b"3\r\nabc0\r\n\r\n" + SMUGGLED), 400, True),
    C("chunk-ext-name", post(CHUNKED, body=b"3;foo\r\nabc\r\n0\r\n\r\n"), OK, False, "POST /a <abc>"),
    C("chunk-ext-value", post(CHUNKED, body=b"3;foo=bar\r\nabc\r\n0\r\n\r\n"), OK, False, "POST /a <abc>"),
    C(
        "chunk-ext-quoted",
        post(CHUNKED, body=b'3;foo="b a;r"\r\nabc\r\n0\r\n\r\n'),
        OK,
        False,
        "POST /a <abc>",
    ),
    C("chunk-ext-several", post(CHUNKED, body=b"3;a=1;b\r\nabc\r\n0;c\r\n\r\n"), OK, False, "POST /a <abc>"),
    C(
        "chunk-ext-1k",
        post(CHUNKED, body=b"3;a=" + b"x" * 1000 + b"\r\nabc\r\n0\r\n\r\n"),
        OK,
        False,
        "POST /a <abc>",
    ),
    # RFC 9112 §7.1.1 allows BWS around ";" (a sender MUST NOT make it); nginx takes it,
    # llhttp (Node) and h11 refuse it.
    C("chunk-ext-bws", post(CHUNKED, body=b"3 ;foo\r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-size-trailing-space", post(CHUNKED, body=b"3 \r\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-ext-control", post(CHUNKED, body=b"3;foo=\x01\r\nabc\r\n0\r\n\r\n"), 400, True),
    # RFC 9112 §7.1.1: a server ought to limit chunk extensions: about the header limit.
    C(
        "chunk-ext-100k",
        post(CHUNKED, body=b"3;a=" + b"x" * 100_000 + b"\r\nabc\r\n0\r\n\r\n"),
        413,
        True,
        sample=True,
    ),
    C("chunk-size-zero-padded", post(CHUNKED, body=b"0" * 100_000 + b"3\r\nabc\r\n0\r\n\r\n"), 413, True),
    C(
        "chunk-ext-many-small",
        post(CHUNKED, body=(b"1;" + b"x" * 500 + b"\r\na\r\n") * 41 + b"0\r\n\r\n"),
        413,
        True,
    ),
    # Chunk lines end in CRLF (RFC 9112 §7.1; §2.2's bare-LF MAY is for the start line and
    # fields); the TERM.EXT / EXT.TERM smuggling rides on parsers that take LF there.
    C("chunk-lines-lf", post(CHUNKED, body=b"3\nabc\n0\n\n" + SMUGGLED), 400, True, sample=True),
    C("chunk-size-lf", post(CHUNKED, body=b"3\nabc\r\n0\r\n\r\n"), 400, True),
    C("chunk-data-lf", post(CHUNKED, body=b"3\r\nabc\n0\r\n\r\n"), 400, True),
    C("chunk-ext-lf", post(CHUNKED, body=b"3;foo\nabc\r\n0\r\n\r\n" + SMUGGLED), 400, True),
    # RFC 9110 §6.5.1: trailer fields MUST NOT be merged into the headers; nginx drops them.
    C(
        "trailer",
        post(CHUNKED, body=b"3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"),
        OK,
        False,
        "POST /a <abc>",
        sample=True,
    ),
    C("trailer-host", post(CHUNKED, body=b"3\r\nabc\r\n0\r\nHost: evil\r\n\r\n"), OK, False, "POST /a <abc>"),
    # llhttp refuses the framing fields in a trailer section.
    C("trailer-content-length", post(CHUNKED, body=b"3\r\nabc\r\n0\r\nContent-Length: 5\r\n\r\n"), 400, True),
    C(
        "trailer-transfer-encoding",
        post(CHUNKED, body=b"3\r\nabc\r\n0\r\nTransfer-Encoding: gzip\r\n\r\n"),
        400,
        True,
    ),
    C("trailer-bad-name", post(CHUNKED, body=b"3\r\nabc\r\n0\r\nX T: 1\r\n\r\n"), 400, True),
    C(
        "trailer-too-large",
        post(CHUNKED, body=b"3\r\nabc\r\n0\r\nX-T: " + b"y" * 8000 + b"\r\n\r\n"),
        431,
        True,
    ),
    C(
        "chunked-then-pipelined",
        post(CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n") + r("GET /b HTTP/1.1", "Host: t"),
        [OK, OK],
        False,
        "POST /a <abc>",
        "GET /b",
    ),
]

LIMITS_CASES = [
    C("header-count", r("GET /a HTTP/1.1", "Host: t", *(f"X-{i}: 1" for i in range(1000))), 431, True),
    C("header-value-size", r("GET /a HTTP/1.1", "Host: t", "X-A: " + "a" * 5000), 431, True, sample=True),
    C("header-name-size", r("GET /a HTTP/1.1", "Host: t", "X" + "a" * 5000 + ": 1"), 431, True),
    C(
        "headers-under-limit",
        r("GET /a HTTP/1.1", "Host: t", "X-A: " + "a" * 3000),
        OK,
        False,
        "GET /a x-a=" + "a" * 3000,
    ),
    # RFC 9112 §3: a request line too long is 414 (MUST for the target).
    C("request-line-414", r("GET /" + "u" * 5000 + " HTTP/1.1", "Host: t"), 414, True, sample=True),
    C("query-414", r("GET /a?" + "q" * 5000 + " HTTP/1.1", "Host: t"), 414, True),
    # RFC 9112 §3: a method longer than any implemented SHOULD get 501.
    C("method-too-long", r("A" * 5000 + " /a HTTP/1.1", "Host: t"), 501, True),
    C(
        "body-413",
        post(f"Content-Length: {MAX_BODY + 1}", body=b"x" * (MAX_BODY + 1)),
        413,
        True,
        sample=True,
    ),
    C("body-413-before-body", post("Content-Length: 50000"), 413, True),
    C(
        "body-at-limit",
        post(f"Content-Length: {MAX_BODY}", body=b"x" * MAX_BODY),
        OK,
        False,
        "POST /a <" + "x" * MAX_BODY + ">",
    ),
    C("chunked-body-413", post(CHUNKED, body=b"800\r\n" + b"y" * 2048 + b"\r\n0\r\n\r\n"), 413, True),
    C(
        "chunked-body-413-in-small-chunks",
        post(
            CHUNKED,
            body=b"10\r\n" + b"y" * 16 + b"\r\n" + (b"10\r\n" + b"y" * 16 + b"\r\n") * 70 + b"0\r\n\r\n",
        ),
        413,
        True,
    ),
]

TARGETS = [
    C("origin-form", r("GET /a?x=1&y HTTP/1.1", "Host: t"), OK, False, "GET /a?x=1&y"),
    # RFC 9112 §3.2.2: the target's authority replaces Host.
    C("absolute-form", r("GET http://a/x?y HTTP/1.1", "Host: t"), OK, False, "GET http://a/x?y", sample=True),
    C("absolute-form-port", r("GET http://a:8080/x HTTP/1.1", "Host: t"), OK, False, "GET http://a:8080/x"),
    C("absolute-form-no-path", r("GET http://a HTTP/1.1", "Host: t"), OK, False, "GET http://a/"),
    C("absolute-form-no-path-query", r("GET http://a?q HTTP/1.1", "Host: t"), OK, False, "GET http://a/?q"),
    C("absolute-form-case", r("GET HTTP://A/x HTTP/1.1", "Host: t"), OK, False, "GET http://a/x"),
    # RFC 9110 §4.2.4: userinfo SHOULD be treated as an error; §4.2.1: no empty host.
    C("absolute-form-userinfo", r("GET http://u@a/x HTTP/1.1", "Host: a"), 400, True),
    C("absolute-form-empty-host", r("GET http:///x HTTP/1.1", "Host: t"), 400, True),
    C("absolute-form-bad-port", r("GET http://a:99999/x HTTP/1.1", "Host: t"), 400, True),
    C("absolute-form-other-scheme", r("GET ftp://a/x HTTP/1.1", "Host: t"), 400, True),
    C("absolute-form-fragment", r("GET http://a/x#f HTTP/1.1", "Host: t"), 400, True),
    # RFC 9112 §3.2.3: authority-form is for CONNECT only.
    C("authority-form-get", r("GET a:80 HTTP/1.1", "Host: t"), 400, True),
    # RFC 9112 §3.2.4: asterisk-form is for OPTIONS only.
    C("asterisk-options", r("OPTIONS * HTTP/1.1", "Host: t"), OK, False, "OPTIONS /"),
    C("asterisk-get", r("GET * HTTP/1.1", "Host: t"), 400, True),
    # RFC 9112 §3: an invalid request line SHOULD get 400 (or a 301 to the encoded target).
    C("fragment", r("GET /a#f HTTP/1.1", "Host: t"), 400, True),
    C("percent-bad", r("GET /a%zz HTTP/1.1", "Host: t"), 400, True),
    C("percent-short", r("GET /a%2 HTTP/1.1", "Host: t"), 400, True),
    # ...but not a stray "%" in a query: nginx serves it, and browsers send one as typed.
    C("percent-bad-in-query", r("GET /a?x=%zz HTTP/1.1", "Host: t"), OK, False, "GET /a?x=%zz"),
    C("percent-encoded", r("GET /a%20b HTTP/1.1", "Host: t"), OK, False, "GET /a%20b"),
    C("non-ascii-path", r(b"GET /\xc3\xa9 HTTP/1.1", "Host: t"), 400, True),
    C("non-ascii-query", r(b"GET /?q=\xc3\xa9 HTTP/1.1", "Host: t"), 400, True),
    C("empty-target", r("GET  HTTP/1.1", "Host: t"), 400, True),
    C("space-in-target", r("GET /a b HTTP/1.1", "Host: t"), 400, True),
    C("control-in-target", r(b"GET /a\x01b HTTP/1.1", "Host: t"), 400, True),
    C("tab-in-target", r(b"GET /a\tb HTTP/1.1", "Host: t"), 400, True),
    C("del-in-target", r(b"GET /a\x7fb HTTP/1.1", "Host: t"), 400, True),
    # A URL parser reads "\" as "/": /a\..\admin would reach the handler as /admin.
    C("backslash", r("GET /a\\..\\admin HTTP/1.1", "Host: t"), 400, True, sample=True),
    # Characters RFC 3986 leaves out that nginx, h11 and llhttp serve (percent-encoded).
    C("brackets-in-query", r("GET /a?x[]=1 HTTP/1.1", "Host: t"), OK, False, "GET /a?x[]=1"),
    C("quote-angle", r('GET /a"<> HTTP/1.1', "Host: t"), OK, False, "GET /a%22%3C%3E"),
    C("double-slash", r("GET //a HTTP/1.1", "Host: t"), OK, False, "GET //a"),
    C("dot-segments", r("GET /a/../b HTTP/1.1", "Host: t"), OK, False, "GET /b"),
]

HOSTS = [
    # RFC 9112 §3.2: HTTP/1.1 without Host, a repeated Host or an invalid one: 400, MUST.
    C("host-missing", r("GET /a HTTP/1.1"), 400, True, sample=True),
    C("host-missing-http10", r("GET /a HTTP/1.0"), OK, True, "GET @default/a"),
    C("host-twice", r("GET /a HTTP/1.1", "Host: t", "Host: u"), 400, True, sample=True),
    C("host-twice-same", r("GET /a HTTP/1.1", "Host: t", "Host: t"), 400, True),
    C("host-twice-http10", r("GET /a HTTP/1.0", "Host: t", "Host: u"), 400, True),
    C("host-list", r("GET /a HTTP/1.1", "Host: t, u"), 400, True),
    C("host-userinfo", r("GET /a HTTP/1.1", "Host: u@t"), 400, True),
    C("host-path", r("GET /a HTTP/1.1", "Host: t/x"), 400, True),
    C("host-port-letters", r("GET /a HTTP/1.1", "Host: t:x"), 400, True),
    C("host-two-colons", r("GET /a HTTP/1.1", "Host: t:1:2"), 400, True),
    C("host-port-too-big", r("GET /a HTTP/1.1", "Host: t:99999"), 400, True),
    C("host-space", r("GET /a HTTP/1.1", "Host: a b"), 400, True),
    C("host-angle", r("GET /a HTTP/1.1", "Host: a<b"), 400, True),
    C("host-non-ascii", r("GET /a HTTP/1.1", b"Host: \xc3\xa9"), 400, True),
    C("host-bad-punycode", r("GET /a HTTP/1.1", "Host: xn--zz"), 400, True),
    C("host-bad-ipv4", r("GET /a HTTP/1.1", "Host: 1.2.3.999"), 400, True),
    C("host-ipv6-unclosed", r("GET /a HTTP/1.1", "Host: [::1"), 400, True),
    C("host-ipv6-bare", r("GET /a HTTP/1.1", "Host: ::1"), 400, True),
    # RFC 3986 allows a percent-encoded reg-name; no client sends one: refused.
    C("host-percent", r("GET /a HTTP/1.1", "Host: a%41b"), 400, True),
    C("host-port", r("GET /a HTTP/1.1", "Host: t:8080"), OK, False, "GET http://t:8080/a"),
    C("host-empty-port", r("GET /a HTTP/1.1", "Host: t:"), OK, False, "GET /a"),  # port = *DIGIT
    C("host-ipv6", r("GET /a HTTP/1.1", "Host: [::1]:8080"), OK, False, "GET http://[::1]:8080/a"),
    C("host-ipv4", r("GET /a HTTP/1.1", "Host: 10.0.0.1"), OK, False, "GET http://10.0.0.1/a"),
    C("host-case", r("GET /a HTTP/1.1", "HOST: T.Example"), OK, False, "GET http://t.example/a"),
    C("host-trailing-dot", r("GET /a HTTP/1.1", "Host: t.example."), OK, False, "GET http://t.example./a"),
    C(
        "host-punycode",
        r("GET /a HTTP/1.1", "Host: xn--bcher-kva.example"),
        OK,
        False,
        "GET http://xn--bcher-kva.example/a",
    ),
    # RFC 9110 §7.2: an empty Host is valid; the server's own authority stands in.
    C("host-empty", r("GET /a HTTP/1.1", "Host: "), OK, False, "GET @default/a"),
    C("absolute-form-without-host", r("GET http://a/x HTTP/1.1"), 400, True),
]

VERSIONS = [
    C("http10", r("GET /a HTTP/1.0"), OK, True, "GET @default/a", sample=True),
    C("http11", r("GET /a HTTP/1.1", "Host: t"), OK, False, "GET /a", sample=True),
    # RFC 9110 §6.2: a higher minor version is answered as the highest the server has.
    C("http12", r("GET /a HTTP/1.2", "Host: t"), OK, False, "GET /a", sample=True),
    C("http19", r("GET /a HTTP/1.9", "Host: t"), OK, False, "GET /a"),
    C("http12-without-host", r("GET /a HTTP/1.2"), 400, True),
    C("http20", r("GET /a HTTP/2.0", "Host: t"), 505, True, sample=True),
    C("http30", r("GET /a HTTP/3.0", "Host: t"), 505, True),
    C("http09", r("GET /a HTTP/0.9", "Host: t"), 505, True),
    # llhttp reads a line without a version as an HTTP/0.9 simple request.
    C("no-version", b"GET /a\r\n\r\n", 505, True),
    C("lowercase-http", r("GET /a http/1.1", "Host: t"), 400, True),  # HTTP-name is case-sensitive
    C("two-digit-minor", r("GET /a HTTP/1.10", "Host: t"), 400, True),
    C("two-digit-major", r("GET /a HTTP/01.1", "Host: t"), 400, True),
    C("no-minor", r("GET /a HTTP/1", "Host: t"), 400, True),
    C("space-after-version", r("GET /a HTTP/1.1 ", "Host: t"), 400, True),
    # RFC 9112 §3: a recipient MAY split the request line on whitespace runs (nginx does).
    C("two-spaces-before-target", r("GET  /a HTTP/1.1", "Host: t"), OK, False, "GET /a"),
]

METHODS = [
    # RFC 9110 §9.1: a method is any token; the handler answers what it does not implement.
    C("method-unknown", r("FOO /a HTTP/1.1", "Host: t"), OK, False, "FOO /a", sample=True),
    C("method-unknown-symbols", r("X-FOO_1.2 /a HTTP/1.1", "Host: t"), OK, False, "X-FOO_1.2 /a"),
    C("method-lowercase-get", r("get /a HTTP/1.1", "Host: t"), OK, False, "GET /a"),  # Fetch normalizes
    C("method-extends-a-known-one", r("GETS /a HTTP/1.1", "Host: t"), OK, False, "GETS /a"),
    C("method-purge", r("PURGE /a HTTP/1.1", "Host: t"), OK, False, "PURGE /a"),
    C("method-propfind", r("PROPFIND /a HTTP/1.1", "Host: t"), OK, False, "PROPFIND /a"),
    C(
        "method-query",
        post("Content-Length: 1", body=b"x").replace(b"POST", b"QUERY"),
        OK,
        False,
        "QUERY /a <x>",
    ),
    C(
        "method-unknown-body",
        r("FOO /a HTTP/1.1", "Host: t", "Content-Length: 3", body=b"abc"),
        OK,
        False,
        "FOO /a <abc>",
    ),
    C(
        "method-unknown-chunked",
        r("FOO /a HTTP/1.1", "Host: t", CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n"),
        OK,
        False,
        "FOO /a <abc>",
    ),
    C(
        "method-unknown-pipelined",
        r("FOO /a HTTP/1.1", "Host: t") + r("GET /b HTTP/1.1", "Host: t") + r("BAR /c HTTP/1.1", "Host: t"),
        [OK, OK, OK],
        False,
        "FOO /a",
        "GET /b",
        "BAR /c",
        sample=True,
    ),
    C("method-unknown-split", (b"FO", b"O /a HTTP/1.1\r\nHost: t\r\n\r\n"), OK, False, "FOO /a"),
    C(
        "method-unknown-after-split-body",
        (post("Content-Length: 3", body=b"ab"), b"cFOO /b HTTP/1.1\r\nHost: t\r\n\r\n"),
        [OK, OK],
        False,
        "POST /a <abc>",
        "FOO /b",
    ),
    C("method-then-tab", r("GET\t/a HTTP/1.1", "Host: t"), 400, True),
    C("method-invalid-paren", r("G(T /a HTTP/1.1", "Host: t"), 400, True),
    C("method-invalid-at", r("GE@T /a HTTP/1.1", "Host: t"), 400, True),
    C("method-without-target", b"FOO\r\n\r\n", 400, True),
    C("garbage", b"GARBAGE\r\n\r\n", 400, True),
    # RFC 9110 §9.1: a method the server does not implement: 501 (nginx: 405). The
    # connection then closes, and what follows is not read as a request.
    C("connect", r("CONNECT a:443 HTTP/1.1", "Host: a:443") + SMUGGLED, 501, True, sample=True),
    # RFC 9110 §9.3.8: TRACE is optional; the handler decides (nginx answers 405).
    C("trace", r("TRACE /a HTTP/1.1", "Host: t"), OK, False, "TRACE /a"),
    C("head", r("HEAD /a HTTP/1.1", "Host: t", "Connection: close"), OK, True, "HEAD /a", head=True),
]

UPGRADES = [
    # RFC 9110 §7.8: a server may ignore Upgrade. What follows the request is another
    # protocol, so it is answered as HTTP/1.1 once, and the connection ends.
    C(
        "upgrade-websocket",
        r("GET /a HTTP/1.1", "Host: t", "Connection: Upgrade", "Upgrade: websocket") + SMUGGLED,
        OK,
        True,
        "GET /a",
        sample=True,
    ),
    C(
        "upgrade-h2c",
        r(
            "GET /a HTTP/1.1",
            "Host: t",
            "Connection: Upgrade, HTTP2-Settings",
            "Upgrade: h2c",
            "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA",
        )
        + SMUGGLED,
        OK,
        True,
        "GET /a",
    ),
    C(
        "upgrade-with-body",
        post("Connection: Upgrade", "Upgrade: websocket", "Content-Length: 35", body=SMUGGLED) + SMUGGLED,
        OK,
        True,
        "POST /a <GET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n>",
    ),
    C(
        "upgrade-with-chunked-body",
        post("Connection: Upgrade", "Upgrade: h2c", CHUNKED, body=b"3\r\nabc\r\n0\r\n\r\n") + SMUGGLED,
        OK,
        True,
        "POST /a <abc>",
    ),
    C(
        "upgrade-without-connection-option",
        r("GET /a HTTP/1.1", "Host: t", "Upgrade: websocket"),
        OK,
        False,
        "GET /a",
    ),
    C(
        "upgrade-http10",
        r("GET /a HTTP/1.0", "Connection: Upgrade", "Upgrade: websocket"),
        OK,
        True,
        "GET @default/a",
    ),
    # The HTTP/2 connection preface (RFC 9113 §3.4): one answer, the version is not served.
    C(
        "h2-preface",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00",
        505,
        True,
        sample=True,
    ),
]

EXPECTS = [
    C(
        "expect-100-continue",
        (post("Content-Length: 3", "Expect: 100-continue"), b"abc"),
        [100, OK],
        False,
        "POST /a <abc>",
        sample=True,
    ),
    C(
        "expect-100-continue-case",
        (post("Content-Length: 3", "Expect: 100-Continue"), b"abc"),
        [100, OK],
        False,
        "POST /a <abc>",
    ),
    # RFC 9110 §10.1.1: an expectation other than 100-continue MAY get 417 (Node does).
    C("expect-unknown", post("Content-Length: 3", "Expect: foo", body=b"abc"), 417, True, sample=True),
    C(
        "expect-list-with-unknown",
        post("Content-Length: 3", "Expect: 100-continue, foo", body=b"abc"),
        417,
        True,
    ),
    # RFC 9110 §10.1.1: HTTP/1.0 has no Expect: ignored (MUST for 100-continue).
    C(
        "expect-100-continue-http10",
        r("POST /a HTTP/1.0", "Content-Length: 3", "Expect: 100-continue", body=b"abc"),
        OK,
        True,
        "POST @default/a <abc>",
    ),
    C(
        "expect-unknown-http10",
        r("POST /a HTTP/1.0", "Content-Length: 3", "Expect: foo", body=b"abc"),
        OK,
        True,
        "POST @default/a <abc>",
    ),
    C("expect-100-continue-too-large", post("Content-Length: 50000", "Expect: 100-continue"), 413, True),
]

CONNECTIONS = [
    C(
        "pipelined",
        r("GET /1 HTTP/1.1", "Host: t")
        + r("GET /2 HTTP/1.1", "Host: t")
        + r("GET /3 HTTP/1.1", "Host: t", "Connection: close"),
        [OK, OK, OK],
        True,
        "GET /1",
        "GET /2",
        "GET /3",
        sample=True,
    ),
    C(
        "pipelined-slow-first",
        r("GET /slow HTTP/1.1", "Host: t")
        + r("GET /fast HTTP/1.1", "Host: t")
        + post("Content-Length: 3", body=b"abc"),
        [OK, OK, OK],
        False,
        "GET /slow",
        "GET /fast",
        "POST /a <abc>",
    ),
    C(
        "pipelined-bad-in-the-middle",
        r("GET /1 HTTP/1.1", "Host: t") + r("GET /2 HTTP/1.1") + r("GET /3 HTTP/1.1", "Host: t"),
        [OK, 400],
        True,
        "GET /1",
    ),
    C(
        "pipelined-close-in-the-middle",
        r("GET /1 HTTP/1.1", "Host: t", "Connection: close") + r("GET /2 HTTP/1.1", "Host: t"),
        OK,
        True,
        "GET /1",
    ),
    C("keep-alive-default", r("GET /a HTTP/1.1", "Host: t"), OK, False, "GET /a"),
    C(
        "connection-close",
        r("GET /a HTTP/1.1", "Host: t", "Connection: close"),
        OK,
        True,
        "GET /a",
        sample=True,
    ),
    C("connection-close-case", r("GET /a HTTP/1.1", "Host: t", "Connection: CLOSE"), OK, True, "GET /a"),
    C(
        "connection-close-in-list",
        r("GET /a HTTP/1.1", "Host: t", "Connection: foo, close"),
        OK,
        True,
        "GET /a",
    ),
    C(
        "connection-keep-alive-and-close",
        r("GET /a HTTP/1.1", "Host: t", "Connection: keep-alive, close"),
        OK,
        True,
        "GET /a",
    ),
    C(
        "http10-keep-alive",
        r("GET /a HTTP/1.0", "Connection: keep-alive"),
        OK,
        False,
        "GET @default/a",
        sample=True,
    ),
    C(
        "http10-keep-alive-pipelined",
        r("GET /1 HTTP/1.0", "Connection: keep-alive") + r("GET /2 HTTP/1.0", "Connection: keep-alive"),
        [OK, OK],
        False,
        "GET @default/1",
        "GET @default/2",
    ),
    C("http10-then-closes", r("GET /1 HTTP/1.0") + r("GET /2 HTTP/1.0"), OK, True, "GET @default/1"),
    # RFC 9112 §2.2: empty lines before a request line SHOULD be ignored.
    C("empty-lines-first", b"\r\n\r\n" + r("GET /a HTTP/1.1", "Host: t"), OK, False, "GET /a"),
]

CASES = (
    SMUGGLING
    + CHUNKS
    + LIMITS_CASES
    + TARGETS
    + HOSTS
    + VERSIONS
    + METHODS
    + UPGRADES
    + EXPECTS
    + CONNECTIONS
)
ALL_ENGINES = os.environ.get("RUNTIME_HTTP_ALL_ENGINES") == "1"
PARAMS = [
    pytest.param(engine, case, id=f"{engine}-{case.id}")
    for engine in ENGINES
    for case in CASES
    if engine == ENGINES[0] or case.sample or ALL_ENGINES
]


def test_the_table_is_large_and_unique():
    assert len(CASES) >= 120
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def servers(start_module_server):
    """One server per engine, started when first asked for."""
    started = {}

    def get(engine: str):
        if engine not in started:
            started[engine] = start_module_server(
                HANDLER, "--engine", engine, "--workers", "1", "--max-body", "0.001", env=LIMITS
            )
        return started[engine]

    return get


class Reader:
    """Responses off one socket, as they come."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buf = b""
        self.eof = False

    def _more(self, deadline: float) -> bool:
        if self.eof:
            return False
        self.sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = self.sock.recv(65536)
        except TimeoutError:
            return False
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _take(self, n: int, deadline: float) -> bytes | None:
        while len(self.buf) < n:
            if not self._more(deadline):
                return None
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def response(self, deadline: float, head: bool = False) -> tuple[int, dict[str, str], bytes] | None:
        while b"\r\n\r\n" not in self.buf:
            if not self._more(deadline):
                return None
        top, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = top.decode("latin-1").split("\r\n")
        assert lines[0].startswith("HTTP/1.1 "), lines[0]
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if status < 200 or status in (204, 304) or head:
            return status, headers, b""
        if headers.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                while b"\r\n" not in self.buf:
                    if not self._more(deadline):
                        return None
                size_line, _, self.buf = self.buf.partition(b"\r\n")
                size = int(size_line.split(b";")[0], 16)
                data = self._take(size + 2, deadline)
                if data is None:
                    return None
                if size == 0:
                    return status, headers, body
                body += data[:-2]
        body = self._take(int(headers.get("content-length", "0")), deadline)
        return None if body is None else (status, headers, body)


def _seen(server) -> list[str]:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"GET /__seen HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        got = Reader(s).response(time.monotonic() + 10)
    assert got is not None and got[0] == 200
    default = f"http://127.0.0.1:{server.port}"
    out = []
    for rec in json.loads(got[2]):
        url = rec["u"]
        url = url[len("http://t") :] if url.startswith("http://t/") else url.replace(default, "@default")
        text = f"{rec['m']} {url}"
        if rec["b"]:
            text += f" <{rec['b']}>"
        text += "".join(f" {k}={v}" for k, v in rec["h"])
        out.append(text)
    return out


@pytest.mark.parametrize(("engine", "case"), PARAMS)
def test_http_conformance(servers, engine: str, case: Case):
    server = servers(engine)
    _seen(server)  # start from an empty record
    expected = case.status if isinstance(case.status, list) else [case.status]
    parts = case.send if isinstance(case.send, tuple) else (case.send,)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        for i, part in enumerate(parts):
            if i:
                time.sleep(0.1)
            s.sendall(part)
        reader = Reader(s)
        deadline = time.monotonic() + 10
        got: list[int] = []
        while len([x for x in got if x >= 200]) < len([x for x in expected if x >= 200]):
            response = reader.response(deadline, case.head)
            if response is None:
                break
            got.append(response[0])
        assert got == expected, (got, reader.buf[:300])
        if case.close:
            while reader._more(time.monotonic() + 5):
                pass
            assert reader.eof, "the connection stayed open"
            assert reader.buf == b"", f"more after the answers: {reader.buf[:300]!r}"
        else:
            assert reader.buf == b"", f"more after the answers: {reader.buf[:300]!r}"
            s.sendall(b"GET /__probe HTTP/1.1\r\nHost: t\r\n\r\n")
            probe = reader.response(time.monotonic() + 5)
            assert probe is not None, "the connection closed"
            assert probe[0] == 200 and probe[2] == b"probe", probe
    assert _seen(server) == list(case.seen)
