"""HTTP/1.1 on one connection: httptools parsing, limits, pipelining, response writing.

Every request becomes an :class:`Exchange` appended to the connection's pipeline and handed
to ``state.submit``; answers may come back in any order, and are written strictly in
request order. Errors the reactor answers itself (400, 408, 413, 414, 417, 431, 501, 505) are
exchanges too, with their answer ready, so they also wait their turn behind earlier
pipelined requests, then close.

Framing is httptools' (llhttp, strict): it refuses what RFC 9112 calls ambiguous
(Content-Length with Transfer-Encoding, repeated or malformed lengths, obs-fold, bare CR or
LF, invalid field names and values, malformed chunks). The reactor adds what llhttp leaves
to its user: versions (any HTTP/1.x is served as 1.1, others get 505), transfer codings,
Host, Expect, trailer fields (never merged into the headers), a bound on chunk extensions,
and methods llhttp does not know (any token is a method, for the handler to answer).

A connection knows the server only through its :class:`ConnectionState`. Timeouts (header,
idle keep-alive) are not per-request timers: the server's tick calls
:meth:`HttpProtocol.check_timeouts`, which costs nothing per request.
"""

from __future__ import annotations

import asyncio
import email.utils
import itertools
import re
import time
from collections import deque
from collections.abc import Callable
from http import HTTPStatus

import httptools

from runtime.server import logs
from runtime.server.config import SERVER_NAME, Config, authority
from runtime.server.protocol import Headers
from runtime.server.reactor.exchange import HOP_BY_HOP, TEXT_PLAIN, Exchange, StreamState, request_id
from runtime.server.reactor.flow import FlowControl
from runtime.server.reactor.target import BadTarget, request_url

IDLE, HEADERS, BODY, BUSY, CLOSED = 0, 1, 2, 3, 4


def _status_line(code: int) -> bytes:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "Status"
    return f"HTTP/1.1 {code} {phrase}\r\n".encode()


_STATUS = {code: _status_line(code) for code in range(100, 600)}
_SERVER_HEADER = f"server: {SERVER_NAME}\r\n".encode()
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
#: Response fields the reactor sets itself: a handler's are dropped.
_OWN_FIELDS = HOP_BY_HOP | {"server", "date", "x-request-id"}
#: A handler's response fields as header lines, by ``repr`` of the list (see ``_fields``).
_FIELDS_CACHE: dict[str, tuple[bytes, int | None]] = {}
_NO_FIELDS: tuple[bytes, int | None] = (b"", None)
#: Bytes fed to the parser at a time, so that what a chunked body spends on framing is
#: measured as it arrives.
_SLICE = 8 * 1024
#: The framing a chunk needs without extensions: a 16-digit size and two CRLFs.
_CHUNK_FRAMING = 20
#: Request fields that frame the request or name it (see ``on_header``).
_FRAMING_FIELDS = frozenset(("host", "expect", "content-length", "transfer-encoding", "x-request-id"))
#: A request line's method token (RFC 9110 §9.1), after the empty lines a server ignores.
_METHOD = re.compile(rb"[\r\n]*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)")


def _parser(protocol: object) -> httptools.HttpRequestParser:
    """A request parser that lets any HTTP/d.d version through: RFC 9110 §6.2 has a
    server answer a higher 1.x minor as the 1.1 it implements, and a 505 otherwise."""
    parser = httptools.HttpRequestParser(protocol)
    parser.set_dangerous_leniencies(lenient_version=True)
    return parser


#: What a closed connection's ``parser`` is: it holds no protocol.
_CLOSED_PARSER = httptools.HttpRequestParser(None)


def _list_items(value: str) -> list[str]:
    """A list field's elements, lowercased; empty ones are dropped (RFC 9110 §5.6.1.2)."""
    return [item for item in (part.strip(" \t").lower() for part in value.split(",")) if item]


class _Count:
    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = 0

    def on_message_complete(self) -> None:
        self.done += 1


def _request_end(data: bytes, count: int) -> int:
    """Where the ``count``-th request of ``data`` (which starts at a request) ends."""
    lo, hi = 0, len(data) if count else 0
    while lo < hi:
        mid = (lo + hi) // 2
        seen = _Count()
        try:
            _parser(seen).feed_data(data[:mid])
        except httptools.HttpParserError:
            pass
        if seen.done >= count:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _fields(headers: Headers) -> tuple[bytes, int | None]:
    """A handler's response fields as header lines, and the Content-Length it gave (which
    a HEAD answer carries). Fields the reactor sets are dropped, and so are fields whose
    name or value holds a line break. Handlers answer with few distinct sets of fields,
    so each is encoded once."""
    key = repr(headers)  # a list of [str, str]: the decoder checks the types
    found = _FIELDS_CACHE.get(key)
    if found is not None:
        return found
    lines = []
    given_length = None
    for h in headers:
        name, value = h[0], h[1]
        low = name.lower()
        if low in _OWN_FIELDS:
            if low == "content-length" and value.strip().isdigit():
                given_length = int(value)
            continue
        if "\n" in value or "\r" in value or "\n" in name or "\r" in name:
            continue
        lines.append(f"{name}: {value}\r\n")
    # Field values are byte strings (Fetch's Headers holds no code unit above 0xFF).
    found = ("".join(lines).encode("latin-1", "replace"), given_length)
    if len(_FIELDS_CACHE) < 1024:
        _FIELDS_CACHE[key] = found
    return found


class LimitError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def date_header() -> bytes:
    """The ``Date`` field for answers made now (servers refresh it on a timer)."""
    return f"date: {email.utils.formatdate(usegmt=True)}\r\n".encode()


class ConnectionState:
    """What connections share with the server, and all they may use of it."""

    __slots__ = (
        "abandon",
        "access_log",
        "cfg",
        "connections",
        "date_header",
        "drain_until",
        "finished",
        "hold",
        "host_header",
        "next_id",
        "shutting_down",
        "submit",
    )

    def __init__(
        self,
        cfg: Config,
        submit: Callable[[Exchange], None],
        abandon: Callable[[Exchange], None],
        hold: Callable[[Exchange, bool], None],
    ) -> None:
        #: Limits and timeouts.
        self.cfg = cfg
        #: Route a parsed request (its answer comes back through ``ex.sink``).
        self.submit = submit
        #: Nobody will read ``ex``'s answer any more: stop working on it.
        self.abandon = abandon
        #: Pause (True) or resume the worker producing ``ex``'s streamed body.
        self.hold = hold
        #: Called with each exchange whose answer went out in full (the metrics).
        self.finished: Callable[[Exchange], None] | None = None
        self.access_log = cfg.access_log
        self.connections: set[HttpProtocol] = set()
        self.shutting_down = False
        #: When idle connections close during a shutdown (monotonic time).
        self.drain_until = 0.0
        self.next_id = itertools.count(1).__next__
        #: ``date: ...\r\n``, refreshed by the server's tick.
        self.date_header = b""
        #: The Host used for requests that send none.
        self.host_header = authority(cfg.host, cfg.port)


class _UpgradeBody:
    """The body of a request that asked for an Upgrade. The server ignores Upgrade
    (RFC 9110 §7.8), so the body is framed by the request's own headers; httptools stops
    at the end of those, so a parser of its own reads the body, and nothing after it."""

    def __init__(self, conn: HttpProtocol, chunked: bool, length: int) -> None:
        self.conn = conn
        self.done = False
        self.parser = _parser(self)
        framing = b"transfer-encoding: chunked" if chunked else b"content-length: %d" % length
        self.parser.feed_data(b"POST / HTTP/1.1\r\n%b\r\n\r\n" % framing)

    def on_body(self, body: bytes) -> None:
        if not self.done:
            self.conn.on_body(body)

    def on_message_complete(self) -> None:
        if not self.done:
            self.done = True
            self.conn._upgrade_body_done()


class HttpProtocol(asyncio.Protocol):
    """One client connection."""

    def __init__(self, state: ConnectionState) -> None:
        self.state = state
        self.cfg = cfg = state.cfg
        self._max_header = cfg.max_header_bytes
        self._max_body = cfg.max_body_bytes
        self.transport: asyncio.Transport | None = None
        self.flow: FlowControl
        self.parser = _parser(self)
        self.pipeline: deque[Exchange] = deque()
        self.phase = IDLE
        self.since = time.monotonic()
        self.client = "-"
        self.closing = False  # answer what is in the pipeline, then close
        #: The HTTP version of the latest request (its parser may have been replaced since).
        self.version = "1.1"
        # per-request parse state
        self._url = b""
        self._headers: list[list[str]] = []
        self._header_bytes = 0
        self._body: list[bytes] = []
        self._body_size = 0
        # Host, Expect and Transfer-Encoding values: () until a request has one.
        self._hosts: tuple[str, ...] | list[str] = ()
        self._target: tuple[str, str] = ("", "")
        self._expect: tuple[str, ...] | list[str] = ()
        self._cl = -1
        self._rid: str | None = None
        self._te: tuple[str, ...] | list[str] = ()
        self._chunked = False
        self._chunks = 0
        #: The request's method, once its headers are complete.
        self._request_method = ""
        #: Bytes fed to the parser on this connection, and their count when the body began.
        self._fed = 0
        self._body_start = 0
        #: A request has begun and not ended (else the next byte starts one).
        self._open = False
        #: Requests the parser completed since it began at the start of the data it is fed.
        self._done = 0
        #: The method of a request parsed as GET because llhttp does not know it.
        self._method: str | None = None
        #: The start of a request whose method goes on in the next read.
        self._carry = b""
        #: An Upgrade request's body is yet to come (see :class:`_UpgradeBody`).
        self._deferred = False
        self._upgrade_body: _UpgradeBody | None = None

    # ------------------------------------------------------------ connection
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        state = self.state
        self.flow = FlowControl(self.transport, state.hold)  # type: ignore[arg-type]
        state.connections.add(self)
        peer = transport.get_extra_info("peername")
        if peer:
            self.client = f"{peer[0]}:{peer[1]}"
        # During a drain a connection accepted before the listener closed is served (with
        # Connection: close): its client may already have sent a request on it.
        if len(state.connections) > self.cfg.max_connections:
            self._reject(503, "too many open connections\n")

    def connection_lost(self, exc: Exception | None) -> None:
        self.phase = CLOSED
        state = self.state
        state.connections.discard(self)
        for ex in self.pipeline:
            if not ex.answered or (ex.stream is not None and not ex.stream.ended):
                state.abandon(ex)  # nobody reads this answer any more
        self.pipeline.clear()
        # The parser holds this protocol's callbacks: a reference cycle per connection,
        # left to the cyclic collector's rare full sweeps, unless broken here.
        self.parser = _CLOSED_PARSER
        self._upgrade_body = None

    def pause_writing(self) -> None:
        self.flow.pause_writing(self.pipeline)

    def resume_writing(self) -> None:
        self.flow.resume_writing(self.pipeline)
        if len(self.pipeline) < self.cfg.max_pipeline:
            self._resume_reading()

    def _resume_reading(self) -> None:
        if not self.closing:
            self.flow.resume_reading()

    def data_received(self, data: bytes) -> None:
        if self._upgrade_body is not None:
            self._feed_upgrade_body(data)
            return
        if self.closing:
            return
        if self.phase == IDLE:
            self.phase = HEADERS
            self.since = time.monotonic()
        if self._carry:
            data, self._carry = self._carry + data, b""
        # Where in ``data`` a request is known to begin (-1: nowhere), and how many requests
        # end before it: at 0 between requests, or where a body of known length ends.
        if not self._open:
            start, skip = 0, 0
        elif self.phase == BODY and not self._chunked:
            start, skip = max(self._cl - self._body_size, 0), 1
        else:
            start, skip = -1, 0
        while data:
            data = self._feed(data, start, skip)
            start, skip = 0, 0

    def _feed(self, data: bytes, start: int, skip: int) -> bytes:
        """Parse ``data`` a slice at a time; what is left to parse anew (see
        :meth:`_other_method`) comes back. A request begins at ``start`` after ``skip``
        requests end (see :meth:`data_received`)."""
        self._done = 0
        size = len(data)
        view = memoryview(data) if size > _SLICE else None
        pos = 0
        while pos < size and not self.closing:
            piece = data if view is None else view[pos : pos + _SLICE]
            try:
                self.parser.feed_data(piece)
            except httptools.HttpParserInvalidMethodError as e:
                if start >= 0 and self._done >= skip:
                    return self._other_method(data[start + _request_end(data[start:], self._done - skip) :])
                self._parse_error(e)
                return b""
            except httptools.HttpParserUpgrade as e:
                self._upgrade(data[pos + e.args[0] :])
                return b""
            except (LimitError, httptools.HttpParserError) as e:
                self._parse_error(e)
                return b""
            fed = len(piece)
            pos += fed
            self._fed += fed
            # RFC 9112 §7.1.1: a server ought to limit chunk extensions (and so zero-padded
            # sizes). Measured per slice from where the slice holding the headers began, so
            # the bound is the header limit give or take two slices.
            if self._chunked and self.phase == BODY:
                framing = self._fed - self._body_start - self._body_size - _CHUNK_FRAMING * self._chunks
                if framing > self._max_header + _SLICE:
                    self._fail(413, "Content Too Large: the chunk extensions are too long\n")
        if self._open and not self._url and start >= 0 and self._done >= skip and not self.closing:
            # A request still in its method: parsed anew with the next read, so that a
            # method llhttp does not know can be told from what comes before it.
            self._carry = data[start + _request_end(data[start:], self._done - skip) :]
            self.parser = _parser(self)
            self._open = False
        return b""

    def _other_method(self, data: bytes) -> bytes:
        """``data`` starts with a request whose method llhttp does not know. Any token is a
        method (RFC 9110 §9.1) for the handler to answer: the request is parsed as GET (a
        method does not frame a request) and handed on under its own method."""
        self.parser = _parser(self)
        self._open = False
        m = _METHOD.match(data)
        if m is None or (m.end() < len(data) and data[m.end()] != 0x20):
            self._fail(400, "Bad Request: Invalid method encountered\n")
            return b""
        if len(m.group(1)) > self.cfg.max_header_bytes:
            self._fail(501, "Not Implemented: the method is too long\n")  # RFC 9112 §3
            return b""
        if m.end() == len(data):  # the method goes on in the next read
            self._carry = data
            return b""
        self._method = m.group(1).decode("ascii")
        return b"GET" + data[m.end() :]

    def _parse_error(self, e: Exception) -> None:
        cause = e if isinstance(e, LimitError) else e.__context__
        if isinstance(cause, LimitError):
            self._fail(cause.status, cause.message)
        elif isinstance(e, httptools.HttpParserCallbackError):
            self._fail(400, "Bad Request\n")
        elif str(e) == "Pause on PRI/Upgrade":  # the HTTP/2 connection preface
            self._fail(505, "HTTP Version Not Supported: HTTP/2.0\n")
        else:
            self._fail(400, f"Bad Request: {e}\n")

    def _upgrade(self, rest: bytes) -> None:
        # The request is served as plain HTTP/1.1 (a server may ignore Upgrade); what
        # follows it on the connection is not HTTP/1.1, so the connection ends there.
        self.closing = True
        if self._deferred:
            self._upgrade_body = _UpgradeBody(self, self._chunked, self._cl)
            self._feed_upgrade_body(rest)
            return
        self.flow.pause_reading()
        if self.pipeline:
            for ex in self.pipeline:
                if not ex.answered:
                    ex.keep_alive = False
        elif self.transport is not None:
            self.transport.close()

    def _feed_upgrade_body(self, data: bytes) -> None:
        body = self._upgrade_body
        assert body is not None
        try:
            body.parser.feed_data(data)
        except (LimitError, httptools.HttpParserError) as e:
            if not body.done:
                self._upgrade_body = None
                self._parse_error(e)

    def _upgrade_body_done(self) -> None:
        self._deferred = False
        self._upgrade_body = None
        self._submit(False)

    # ------------------------------------------------------------ parser callbacks
    def on_message_begin(self) -> None:
        self._url = b""
        self._headers = []
        self._header_bytes = 0
        self._body = []
        self._body_size = 0
        self._hosts = ()
        self._expect = ()
        self._cl = -1
        self._rid = None
        self._te = ()
        self._chunked = False
        self._chunks = 0
        self._open = True
        if self.phase == IDLE:
            self.phase = HEADERS
            self.since = time.monotonic()

    def on_url(self, url: bytes) -> None:
        self._url += url
        self._header_bytes += len(url)
        if self._header_bytes > self._max_header:
            raise LimitError(414, "URI Too Long\n")

    def on_header(self, name: bytes, value: bytes) -> None:
        size = self._header_bytes = self._header_bytes + len(name) + len(value) + 4
        if size > self._max_header:
            raise LimitError(431, "Request Header Fields Too Large\n")
        if self.phase == BODY:
            # A trailer field: never merged into the headers (RFC 9110 §6.5.1), and none
            # is of use here, so all are dropped, as nginx does.
            return
        n = name.decode("latin-1")
        v = value.decode("latin-1")
        low = n.lower()
        if low in _FRAMING_FIELDS:
            if low == "host":
                self._hosts = [*self._hosts, v]
            elif low == "expect":
                self._expect = [*self._expect, *_list_items(v)]
            elif low == "content-length":
                self._cl = int(v) if v.isdigit() else -1
            elif low == "transfer-encoding":
                self._te = [*self._te, *_list_items(v)]
            else:  # x-request-id
                self._rid = v if self._rid is None else ""  # more than one: make a new one
        self._headers.append([n, v])

    def on_headers_complete(self) -> None:
        self.phase = BODY
        self.since = time.monotonic()  # the body's clock
        self._body_start = self._fed
        self._header_bytes = 0  # from here on, the trailer section's
        parser = self.parser
        version = self.version = parser.get_http_version()
        if version[:2] != "1.":
            raise LimitError(505, f"HTTP Version Not Supported: HTTP/{version}\n")
        http11 = version != "1.0"
        method = self._request_method = self._method or parser.get_method().decode("ascii")
        if method == "CONNECT":  # RFC 9110 §9.1: a method the server does not implement
            raise LimitError(501, "Not Implemented: CONNECT (this server is not a proxy)\n")
        if self._te:
            self._chunked = self._transfer_coding(http11)
        try:
            self._target = request_url(
                method, self._url.decode("latin-1"), self._hosts, http11, self.state.host_header
            )
        except BadTarget as e:
            raise LimitError(400, f"Bad Request: {e}\n") from None
        if self._cl > self._max_body:
            raise LimitError(413, "Content Too Large\n")
        if self._expect and http11:  # RFC 9110 §10.1.1; HTTP/1.0 has no Expect
            if any(e != "100-continue" for e in self._expect):
                raise LimitError(417, "Expectation Failed: only 100-continue is supported\n")
            if not self.pipeline and self.transport is not None:
                self.transport.write(_CONTINUE)

    def _transfer_coding(self, http11: bool) -> bool:
        """Check Transfer-Encoding (RFC 9112 §6.1, §6.3): True for chunked."""
        codings = self._te
        if not http11:  # the framing of an HTTP/1.0 message with it is faulty
            raise LimitError(400, "Bad Request: Transfer-Encoding in an HTTP/1.0 request\n")
        if codings[-1] != "chunked" or codings.count("chunked") > 1:
            raise LimitError(400, "Bad Request: chunked must be the last transfer coding, and once\n")
        if len(codings) > 1:
            raise LimitError(501, f"Not Implemented: the transfer coding {', '.join(codings[:-1])}\n")
        return True

    def on_chunk_header(self) -> None:
        self._chunks += 1

    def on_body(self, body: bytes) -> None:
        self._body_size += len(body)
        if self._body_size > self._max_body:
            raise LimitError(413, "Content Too Large\n")
        self._body.append(body)

    def on_message_complete(self) -> None:
        self._open = False
        self._done += 1
        if self.parser.should_upgrade() and (self._cl > 0 or self._chunked):
            self._deferred = True  # its body follows: see _upgrade
            return
        self._submit(self.parser.should_keep_alive())

    def _submit(self, keep_alive: bool) -> None:
        method = self._request_method
        self._method = None
        url, path = self._target
        state = self.state
        keep_alive = keep_alive and not state.shutting_down
        body = b"".join(self._body) if self._body else None
        self.phase = BUSY
        ex = Exchange(
            self, state.next_id(), method, path, url, self._headers, body, keep_alive, time.monotonic()
        )
        ex.request_id = request_id(self._headers, self._rid)
        self.pipeline.append(ex)
        if len(self.pipeline) >= self.cfg.max_pipeline:
            self.flow.pause_reading()
        if not keep_alive:
            self.flow.pause_reading()
            self.closing = True
        state.submit(ex)

    # ------------------------------------------------------------ answers
    def respond(self, ex: Exchange, status: int, headers: Headers, body: bytes, close: bool = False) -> None:
        """Encode ``ex``'s answer; write it (and any answers queued behind it) when first."""
        if ex.answered:
            return
        ex.answered = True
        if close:
            ex.keep_alive = False
        ex.status = status
        ex.response = self._head(ex, status, headers, len(body), body)
        ex.nbytes = len(body)
        if self.pipeline and self.pipeline[0] is ex:
            self._flush()

    def respond_stream(self, ex: Exchange, status: int, headers: Headers) -> bool:
        """Start ``ex``'s answer whose body follows in pieces (``stream_chunk``/``end_stream``);
        whether the body is wanted."""
        if ex.answered:
            return False
        ex.answered = True
        no_body = ex.head or status < 200 or status in (204, 304)
        # HTTP/1.0 has no chunked coding: the end of the body is the end of the connection.
        chunked = not no_body and self.version != "1.0"
        if not chunked and not no_body:
            ex.keep_alive = False
        ex.stream = StreamState(chunked)
        ex.status = status
        ex.response = self._head(ex, status, headers, None, b"")
        if no_body:
            ex.stream.ended = True
        if self.pipeline and self.pipeline[0] is ex:
            self._flush()
        return not no_body

    def stream_chunk(self, ex: Exchange, data: bytes) -> None:
        st = ex.stream
        if st is None or st.ended or not data or ex.head:
            return
        ex.nbytes += len(data)
        piece = b"%x\r\n%b\r\n" % (len(data), data) if st.chunked else data
        if st.head_written and self.pipeline and self.pipeline[0] is ex and self.transport is not None:
            self.transport.write(piece)
        else:
            st.pending.append(piece)

    def end_stream(self, ex: Exchange, failed: bool = False) -> None:
        """The body is complete (or ``failed`` midway: the connection is then cut, so the
        client can tell a truncated body from a whole one)."""
        st = ex.stream
        if st is None or st.ended:
            return
        st.ended = True
        st.failed = failed
        if failed:
            ex.keep_alive = False
        elif st.chunked:
            st.pending.append(b"0\r\n\r\n")
        if self.pipeline and self.pipeline[0] is ex:
            self._flush()

    def _head(self, ex: Exchange, status: int, headers: Headers, length: int | None, body: bytes) -> bytes:
        """The status line and headers (and ``body`` unless HEAD) of ``ex``'s answer;
        ``length`` None: the body is streamed."""
        fields, given_length = _fields(headers) if headers else _NO_FIELDS
        head = ex.method == "HEAD"
        if head and not length:
            # A HEAD answer carries the length a GET would have (RFC 9110 §9.3.2): the
            # handler's own Content-Length, or the body it made anyway; else none.
            length = given_length
        no_body = status < 200 or status == 204 or status == 304
        if no_body:
            framing = b""
        elif length is not None:
            framing = b"content-length: %d\r\n" % length
        elif ex.stream is not None and ex.stream.chunked:
            framing = b"transfer-encoding: chunked\r\n"
        else:
            framing = b""
        if not ex.keep_alive:
            end = b"connection: close\r\n\r\n"
        elif self.version == "1.0":
            end = b"connection: keep-alive\r\n\r\n"
        else:
            end = b"\r\n"
        rid = ex.request_id
        return b"%s%s%s%s%s%s%s%s" % (
            _STATUS.get(status) or _status_line(status),
            _SERVER_HEADER,
            self.state.date_header,
            fields,
            b"x-request-id: %s\r\n" % rid.encode() if rid else b"",
            framing,
            end,
            b"" if head or no_body else body,
        )

    def _flush(self) -> None:
        pipeline = self.pipeline
        transport = self.transport
        state = self.state
        while pipeline:
            ex = pipeline[0]
            response = ex.response
            if response is None:
                break
            st = ex.stream
            if st is not None:
                if transport is not None and not transport.is_closing():
                    if not st.head_written:
                        transport.write(response)
                        st.head_written = True
                    if st.pending:
                        transport.writelines(st.pending)
                st.pending = []
                if not st.ended:
                    return  # the rest of this body (and every answer behind it) comes later
            pipeline.popleft()
            if st is None and transport is not None and not transport.is_closing():
                transport.write(response)
            if state.access_log:
                self._log_access(ex)
            if state.finished is not None:
                state.finished(ex)
            ex.response = None
            if not ex.keep_alive:
                self.closing = True
                pipeline.clear()
                if transport is not None:
                    transport.close()
                self.phase = CLOSED
                return
        if not pipeline:
            if self.closing and transport is not None:
                transport.close()
                self.phase = CLOSED
                return
            if self.phase == BUSY:
                self.phase = IDLE
                self.since = time.monotonic()
        flow = self.flow
        if not flow.reading and len(pipeline) < self.cfg.max_pipeline and not flow.writing_paused:
            self._resume_reading()

    def _log_access(self, ex: Exchange) -> None:
        logs.log_access(
            self.client, ex.method, ex.path, ex.status, ex.nbytes, ex.started, ex.worker, ex.request_id
        )

    def _fail(self, status: int, message: str) -> None:
        """Answer a request the reactor refuses, after earlier answers, and close."""
        self.closing = True
        self.flow.pause_reading()
        ex = Exchange(self, 0, "-", self._url.decode("latin-1"), "", [], None, False, time.monotonic())
        self.pipeline.append(ex)
        self.respond(ex, status, TEXT_PLAIN, message.encode(), close=True)

    def _reject(self, status: int, message: str) -> None:
        ex = Exchange(self, 0, "-", "-", "", [], None, False, time.monotonic())
        self.pipeline.append(ex)
        self.closing = True
        self.respond(ex, status, TEXT_PLAIN, message.encode(), close=True)

    # ------------------------------------------------------------ sweep
    def check_timeouts(self, now: float) -> None:
        """Called by the server's tick: idle keep-alive, header and body timeouts."""
        phase = self.phase
        if phase == IDLE:
            state = self.state
            if now - self.since > self.cfg.keepalive_timeout or (
                state.shutting_down and now >= state.drain_until
            ):
                self.phase = CLOSED
                if self.transport is not None:
                    self.transport.close()
        elif phase == HEADERS and now - self.since > self.cfg.header_timeout:
            self._fail(408, "Request Timeout\n")
        elif phase == BODY:
            cfg = self.cfg
            if now - self.since > cfg.body_timeout + self._body_size / cfg.min_body_rate:
                self._fail(408, "Request Timeout: the request body is too slow\n")

    def shutdown(self) -> None:
        """Graceful stop: answer what is in the pipeline with ``Connection: close``, then
        close. An idle connection stays open until ``state.drain_until`` (the sweep closes
        it): a request that arrives meanwhile is answered, with ``Connection: close``."""
        if not self.pipeline:
            return
        for ex in self.pipeline:
            if not ex.answered:
                ex.keep_alive = False
        self.closing = True
        self.flow.pause_reading()
