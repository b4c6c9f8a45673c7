"""HTTP/1.1 on one connection: httptools parsing, limits, pipelining, response writing.

Every request becomes an :class:`Exchange` appended to the connection's pipeline and handed
to ``state.submit``; answers may come back in any order, and are written strictly in
request order. Errors the reactor answers itself (400, 408, 413, 431) are exchanges too,
with their answer ready, so they also wait their turn behind earlier pipelined requests,
then close.

A connection knows the server only through its :class:`ConnectionState`. Timeouts (header,
idle keep-alive) are not per-request timers: the server's tick calls
:meth:`HttpProtocol.check_timeouts`, which costs nothing per request.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from http import HTTPStatus

import httptools

from runtime.server import logs
from runtime.server.config import SERVER_NAME, Config
from runtime.server.protocol import Headers
from runtime.server.reactor.exchange import TEXT_PLAIN, Exchange, StreamState
from runtime.server.reactor.flow import FlowControl
from runtime.server.reactor.target import BadTarget, request_url

IDLE, HEADERS, BODY, BUSY, CLOSED = 0, 1, 2, 3, 4

_HOP_BY_HOP = frozenset(
    {
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "upgrade",
        "proxy-connection",
        "te",
        "trailer",
    }
)


def _status_line(code: int) -> bytes:
    try:
        phrase = HTTPStatus(code).phrase
    except ValueError:
        phrase = "Status"
    return f"HTTP/1.1 {code} {phrase}\r\n".encode()


_STATUS = {code: _status_line(code) for code in range(100, 600)}
_SERVER_HEADER = f"server: {SERVER_NAME}\r\n".encode()
_CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
_HEADER_CACHE: dict[str, bytes] = {}


class LimitError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ConnectionState:
    """What connections share with the server, and all they may use of it."""

    __slots__ = (
        "abandon",
        "access_log",
        "cfg",
        "connections",
        "date_header",
        "drain_until",
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
        self.access_log = cfg.access_log
        self.connections: set[HttpProtocol] = set()
        self.shutting_down = False
        #: When idle connections close during a shutdown (monotonic time).
        self.drain_until = 0.0
        self.next_id = itertools.count(1).__next__
        #: ``date: ...\r\n``, refreshed by the server's tick.
        self.date_header = b""
        #: The Host used for requests that send none.
        self.host_header = f"{cfg.host}:{cfg.port}"


class HttpProtocol(asyncio.Protocol):
    """One client connection."""

    def __init__(self, state: ConnectionState) -> None:
        self.state = state
        self.cfg = state.cfg
        self.transport: asyncio.Transport | None = None
        self.flow: FlowControl
        self.parser = httptools.HttpRequestParser(self)
        self.pipeline: deque[Exchange] = deque()
        self.phase = IDLE
        self.since = time.monotonic()
        self.client = "-"
        self.closing = False  # answer what is in the pipeline, then close
        # per-request parse state
        self._url = b""
        self._headers: list[list[str]] = []
        self._header_bytes = 0
        self._body: list[bytes] = []
        self._body_size = 0
        self._hosts: list[str] = []
        self._target: tuple[str, str] = ("", "")
        self._expect = False
        self._cl = -1

    # ------------------------------------------------------------ connection
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        state = self.state
        self.flow = FlowControl(self.transport, state.hold)  # type: ignore[arg-type]
        state.connections.add(self)
        peer = transport.get_extra_info("peername")
        if peer:
            self.client = f"{peer[0]}:{peer[1]}"
        if len(state.connections) > self.cfg.max_connections or state.shutting_down:
            self._reject(503, "too many open connections\n")

    def connection_lost(self, exc: Exception | None) -> None:
        self.phase = CLOSED
        state = self.state
        state.connections.discard(self)
        for ex in self.pipeline:
            if not ex.answered or (ex.stream is not None and not ex.stream.ended):
                state.abandon(ex)  # nobody reads this answer any more
        self.pipeline.clear()

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
        if self.closing:
            return
        if self.phase == IDLE:
            self.phase = HEADERS
            self.since = time.monotonic()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            # The request was served as plain HTTP/1.1 (a server may ignore Upgrade); what
            # follows it on the connection is not HTTP/1.1, so the connection ends there.
            self.closing = True
            self.flow.pause_reading()
            if self.pipeline:
                for ex in self.pipeline:
                    if not ex.answered:
                        ex.keep_alive = False
            elif self.transport is not None:
                self.transport.close()
        except LimitError as e:
            self._fail(e.status, e.message)
        except httptools.HttpParserCallbackError as e:
            cause = e.__context__
            if isinstance(cause, LimitError):
                self._fail(cause.status, cause.message)
            else:
                self._fail(400, "Bad Request\n")
        except httptools.HttpParserError as e:
            text = str(e)
            if isinstance(e.__context__, LimitError):
                cause = e.__context__
                self._fail(cause.status, cause.message)
            else:
                self._fail(400, f"Bad Request: {text}\n")

    # ------------------------------------------------------------ parser callbacks
    def on_message_begin(self) -> None:
        self._url = b""
        self._headers = []
        self._header_bytes = 0
        self._body = []
        self._body_size = 0
        self._hosts: list[str] = []
        self._target: tuple[str, str] = ("", "")
        self._expect = False
        self._cl = -1
        if self.phase == IDLE:
            self.phase = HEADERS
            self.since = time.monotonic()

    def on_url(self, url: bytes) -> None:
        self._url += url
        self._header_bytes += len(url)
        if self._header_bytes > self.cfg.max_header_bytes:
            raise LimitError(414, "URI Too Long\n")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_bytes += len(name) + len(value) + 4
        if self._header_bytes > self.cfg.max_header_bytes:
            raise LimitError(431, "Request Header Fields Too Large\n")
        n = name.decode("latin-1")
        v = value.decode("latin-1")
        low = n.lower()
        if low == "host":
            self._hosts.append(v)
        elif low == "expect":
            self._expect = v.lower() == "100-continue"
        elif low == "content-length":
            self._cl = int(v) if v.isdigit() else -1
        elif low == "transfer-encoding":
            codings = [c.strip().lower() for c in v.split(",")]
            if any(c != "chunked" for c in codings):
                raise LimitError(501, f"Not Implemented: the transfer coding {v!r}\n")
        self._headers.append([n, v])

    def on_headers_complete(self) -> None:
        self.phase = BODY
        self.since = time.monotonic()  # the body's clock
        parser = self.parser
        version = parser.get_http_version()
        if version != "1.1" and version != "1.0":
            raise LimitError(505, f"HTTP Version Not Supported: HTTP/{version}\n")
        try:
            self._target = request_url(
                parser.get_method().decode("ascii"),
                self._url.decode("latin-1"),
                self._hosts,
                version == "1.1",
                self.state.host_header,
            )
        except BadTarget as e:
            raise LimitError(400, f"Bad Request: {e}\n") from None
        if self._cl > self.cfg.max_body_bytes:
            raise LimitError(413, "Content Too Large\n")
        if self._expect and self.parser.get_http_version() == "1.1" and not self.pipeline:
            if self.transport is not None:
                self.transport.write(_CONTINUE)

    def on_body(self, body: bytes) -> None:
        self._body_size += len(body)
        if self._body_size > self.cfg.max_body_bytes:
            raise LimitError(413, "Content Too Large\n")
        self._body.append(body)

    def on_message_complete(self) -> None:
        parser = self.parser
        method = parser.get_method().decode("ascii")
        url, path = self._target
        state = self.state
        keep_alive = parser.should_keep_alive() and not state.shutting_down
        body = b"".join(self._body) if self._body else None
        self.phase = BUSY
        ex = Exchange(self, state.next_id(), method, path, url, self._headers, body, keep_alive)
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

    def respond_stream(self, ex: Exchange, status: int, headers: Headers) -> None:
        """Start ``ex``'s answer whose body follows in pieces (``stream_chunk``/``end_stream``)."""
        if ex.answered:
            return
        ex.answered = True
        no_body = ex.head or status < 200 or status in (204, 304)
        # HTTP/1.0 has no chunked coding: the end of the body is the end of the connection.
        chunked = not no_body and self.parser.get_http_version() != "1.0"
        if not chunked and not no_body:
            ex.keep_alive = False
        ex.stream = StreamState(chunked)
        ex.status = status
        ex.response = self._head(ex, status, headers, None, b"")
        if no_body:
            ex.stream.ended = True
        if self.pipeline and self.pipeline[0] is ex:
            self._flush()

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
        keep = ex.keep_alive
        parts = [_STATUS.get(status) or _status_line(status), _SERVER_HEADER, self.state.date_header]
        cache = _HEADER_CACHE
        head_length = None
        for h in headers:
            name, value = h[0], h[1]
            key = name + "\x00" + value
            line = cache.get(key)
            if line is None:
                low = name.lower()
                if low in _HOP_BY_HOP or low == "server" or low == "date":
                    if low == "content-length" and ex.head and value.strip().isdigit():
                        head_length = int(value)
                    continue
                if "\n" in value or "\r" in value or "\n" in name or "\r" in name:
                    continue
                line = f"{name}: {value}\r\n".encode()
                if len(cache) < 512:
                    cache[key] = line
            parts.append(line)
        if ex.head and not length:
            # A HEAD answer carries the length a GET would have (RFC 9110 §9.3.2): the
            # handler's own Content-Length, or the body it made anyway; else none.
            length = head_length
        if status >= 200 and status not in (204, 304):
            if length is not None:
                parts.append(b"content-length: %d\r\n" % length)
            elif ex.stream is not None and ex.stream.chunked:
                parts.append(b"transfer-encoding: chunked\r\n")
        if not keep:
            parts.append(b"connection: close\r\n\r\n")
        elif self.parser.get_http_version() == "1.0":
            parts.append(b"connection: keep-alive\r\n\r\n")
        else:
            parts.append(b"\r\n")
        if not ex.head and status >= 200 and status not in (204, 304):
            parts.append(body)
        return b"".join(parts)

    def _flush(self) -> None:
        pipeline = self.pipeline
        transport = self.transport
        access = self.state.access_log
        while pipeline and pipeline[0].response is not None:
            ex = pipeline[0]
            st = ex.stream
            if st is not None:
                if transport is not None and not transport.is_closing():
                    if not st.head_written:
                        transport.write(ex.response)  # type: ignore[arg-type]
                        st.head_written = True
                    if st.pending:
                        transport.writelines(st.pending)
                st.pending = []
                if not st.ended:
                    return  # the rest of this body (and every answer behind it) comes later
            pipeline.popleft()
            if st is None and transport is not None and not transport.is_closing():
                transport.write(ex.response)  # type: ignore[arg-type]
            if access:
                self._log_access(ex)
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
        if len(pipeline) < self.cfg.max_pipeline and not self.flow.writing_paused:
            self._resume_reading()

    def _log_access(self, ex: Exchange) -> None:
        logs.log_access(self.client, ex.method, ex.path, ex.status, ex.nbytes, ex.started, ex.worker)

    def _fail(self, status: int, message: str) -> None:
        """Answer a request the reactor refuses, after earlier answers, and close."""
        self.closing = True
        self.flow.pause_reading()
        ex = Exchange(self, 0, "-", self._url.decode("latin-1"), "", [], None, False)
        self.pipeline.append(ex)
        self.respond(ex, status, TEXT_PLAIN, message.encode(), close=True)

    def _reject(self, status: int, message: str) -> None:
        ex = Exchange(self, 0, "-", "-", "", [], None, False)
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
