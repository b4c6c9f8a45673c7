"""One request/response exchange, and where its answer goes.

An :class:`Exchange` is what every part of the reactor passes around: the connection makes
it, the pool routes it, the supervisor and watchdog answer it. They answer through
``ex.sink`` (a :class:`ResponseSink`, the connection in practice), so nothing that routes
or supervises depends on the HTTP code.
"""

from __future__ import annotations

import itertools
import os
import re
from typing import Protocol

import msgspec

from runtime.server.protocol import Headers

#: ``content-type`` of the plain-text answers the server makes itself.
TEXT_PLAIN: Headers = [["content-type", "text/plain;charset=UTF-8"]]
#: The body of the reactor's own 504s.
TIMEOUT_BODY = b"Gateway Timeout\n"
#: For a 503 the client may retry soon (a worker is starting).
RETRY_SOON: Headers = [*TEXT_PLAIN, ["retry-after", "1"]]
#: Response fields about one connection's framing: a handler's are dropped, and each
#: front end (the HTTP reactor, an ASGI server) sets its own.
HOP_BY_HOP = frozenset(
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
#: An ``X-Request-Id`` taken as given: short, and nothing that could forge a log line.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:+/=@-]{1,128}")
#: New ids: 16 random hex digits per process (drawn again in a forked child), then a
#: 16-digit counter: unique across instances without a random draw per request.
_ID_PREFIX = os.urandom(8).hex()
_id_count = itertools.count(1).__next__


def _new_prefix() -> None:
    global _ID_PREFIX
    _ID_PREFIX = os.urandom(8).hex()


os.register_at_fork(after_in_child=_new_prefix)


def request_id(headers: Headers, given: str | None) -> str:
    """The request's id: ``given`` (its one ``X-Request-Id`` value) if sane, else a new
    one, which then replaces the header in ``headers`` so the handler sees the id the
    access log and the response carry."""
    if given is not None and _SANE_REQUEST_ID.fullmatch(given):
        return given
    rid = f"{_ID_PREFIX}{_id_count():016x}"
    if given is not None:
        headers[:] = [h for h in headers if h[0].lower() != "x-request-id"]
    headers.append(["x-request-id", rid])
    return rid


class ResponseSink(Protocol):
    """Where an exchange's answer is written (answers to an exchange already answered, or
    chunks of a stream already ended, are ignored)."""

    def respond(
        self, ex: Exchange, status: int, headers: Headers, body: bytes, close: bool = False
    ) -> None: ...

    def respond_stream(self, ex: Exchange, status: int, headers: Headers) -> bool:
        """Start a streamed answer; whether its body is wanted (not for a HEAD request, a
        status without a body, or an exchange already answered: the stream is cancelled)."""
        ...

    def stream_chunk(self, ex: Exchange, data: bytes) -> None: ...

    def end_stream(self, ex: Exchange, failed: bool = False) -> None: ...


class StreamState:
    """A response whose body arrives in pieces (Transfer-Encoding: chunked on HTTP/1.1)."""

    __slots__ = ("chunked", "ended", "failed", "head_written", "pending")

    def __init__(self, chunked: bool) -> None:
        self.chunked = chunked
        #: Encoded pieces not written yet (the exchange is not first in its pipeline).
        self.pending: list[bytes] = []
        self.head_written = False
        self.ended = False
        self.failed = False


class Exchange(msgspec.Struct, eq=False):
    """One request and, once known, its encoded response.

    ``id`` 0 marks an answer the reactor made before there was a request to route (a
    malformed request, a refused connection). A Struct, made in C: one is made per request.
    """

    sink: ResponseSink
    id: int
    method: str
    #: The request target as the client sent it (``url`` is the absolute URL).
    path: str
    url: str
    headers: Headers
    body: bytes | None
    keep_alive: bool
    #: When it arrived (monotonic).
    started: float
    #: When the reactor answers 504 (0.0: not routed yet).
    deadline: float = 0.0
    #: When it was last routed to a worker.
    routed: float = 0.0
    response: bytes | None = None
    status: int = 0
    nbytes: int = 0
    worker: str = "-"
    #: ``X-Request-Id`` (see :func:`request_id`); "" for answers the reactor made before
    #: there was a request.
    request_id: str = ""
    answered: bool = False
    #: Set when the body is streamed (None: it is not).
    stream: StreamState | None = None

    @property
    def head(self) -> bool:
        return self.method == "HEAD"
