"""A fetch handler as an ASGI 3 application: ``runtime.asgi.App("handler.js")``.

Mount it in Starlette or FastAPI (``app.mount("/js", App("handler.js"))``) or run it with
any ASGI server (``uvicorn module:app``). Requests go to the same isolated worker pool as
``runtime serve`` (``runtime.server.reactor.service``: the pool, the supervisor and the
watchdog), so the limits and the failure answers are the same: 502 when a worker dies
under a request, 503 over ``max_memory`` or with no healthy worker, 504 past ``timeout``,
413 over ``max_body``. This process is the reactor: it never loads an engine.

- The request body is read from ``receive`` as the server delivers it (413 as soon as it
  passes ``max_body``) and handed to the handler whole, as ``runtime serve`` does; the
  response body is sent as the handler produces it (``more_body``), and a handler's
  stream is paused while the server's ``send`` waits on a slow client.
- ``request.url`` is the URL the client asked for: with the ``root_path`` a mount or
  ``--root-path`` sets (so a handler mounted at ``/js`` sees ``/js/...``).
- The pool starts with the ASGI lifespan (or on the first request where the server sends
  none, as a mounted app gets none; ``async with app:`` in the parent's lifespan starts and
  stops it there) and stops, draining its workers, at lifespan shutdown.
- When the client disconnects, the handler's ``request.signal`` aborts.
- Every answer carries ``X-Request-Id`` (the request's own if sane, else a new one, which
  the handler also sees).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import quote, unquote

from runtime import registry
from runtime.server import handler_source, logs
from runtime.server.config import Config
from runtime.server.protocol import Headers
from runtime.server.reactor import endpoints as _endpoints
from runtime.server.reactor.exchange import HOP_BY_HOP, Exchange, StreamState, request_id
from runtime.server.reactor.service import Service
from runtime.server.reactor.supervisor import StartupError
from runtime.server.reactor.target import BadTarget, request_url

__all__ = ["App"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

log = logging.getLogger("runtime.server")

#: Response headers the ASGI server owns (framing, connection) or that are set here.
_DROP = HOP_BY_HOP | {"date", "x-request-id"}
#: A streamed body's bytes queued here past which its worker is told to pause, and below
#: which it resumes.
_HIGH_WATER = 1 << 20
_LOW_WATER = 1 << 18
#: Seconds an answer may take before the client's disconnect is watched for (a task per
#: request would cost more than most answers take).
_WATCH_AFTER = 0.05
_END = object()
_FAILED = object()
_GONE = object()
_TEXT = [(b"content-type", b"text/plain;charset=UTF-8")]


class StreamFailed(Exception):
    """The handler's response body stream failed midway: the connection is cut so the
    client sees a truncated body, not a complete one."""


class _Reply:
    """Where the pool answers one request: the events its coroutine sends on (the
    exchange's sink)."""

    __slots__ = ("disconnected", "events", "held", "queued", "service", "waiter")

    def __init__(self, service: Service) -> None:
        self.service = service
        self.events: deque[Any] = deque()
        self.queued = 0
        self.held = False
        self.disconnected = False
        self.waiter: asyncio.Future[None] | None = None

    def wake(self) -> None:
        w = self.waiter
        if w is not None and not w.done():
            w.set_result(None)

    def respond(self, ex: Exchange, status: int, headers: Headers, body: bytes, close: bool = False) -> None:
        if ex.answered:
            return
        ex.answered = True
        ex.status = status
        self.events.append((status, headers, body))
        self.wake()

    def respond_stream(self, ex: Exchange, status: int, headers: Headers) -> bool:
        if ex.answered:
            return False
        ex.answered = True
        ex.status = status
        ex.stream = StreamState(True)
        self.events.append((status, headers, None))
        self.wake()
        return True

    def stream_chunk(self, ex: Exchange, data: bytes) -> None:
        st = ex.stream
        if st is None or st.ended or not data:
            return
        self.events.append(data)
        self.queued += len(data)
        if self.queued > _HIGH_WATER and not self.held:
            self.held = True
            self.service.hold(ex, True)
        self.wake()

    def end_stream(self, ex: Exchange, failed: bool = False) -> None:
        st = ex.stream
        if st is None or st.ended:
            return
        st.ended = True
        st.failed = failed
        self.events.append(_FAILED if failed else _END)
        self.wake()

    async def next(self) -> Any:
        """The next event; ``_GONE`` once the client has disconnected."""
        while not self.events:
            if self.disconnected:
                return _GONE
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
            self.waiter = None
        if self.disconnected:
            return _GONE
        return self.events.popleft()


class App:
    """A fetch handler served by an isolated worker pool, as an ASGI 3 application.

    The options are ``runtime serve``'s: ``engine`` (default: the default engine),
    ``workers`` (default: the CPU count), ``spare_workers``, ``standby_workers``, ``threads``, ``timeout``
    (seconds), ``max_memory`` (MB of JS heap per context), ``max_body`` (MB), ``max_requests``, ``env`` (the
    handler's ``env`` bindings), ``conditions``, ``reload``, ``debug``, ``access_log``
    (off by default: the ASGI server keeps its own) and ``graceful_timeout`` (seconds a
    shutdown gives requests in flight).
    """

    def __init__(
        self,
        handler: str | os.PathLike[str],
        *,
        engine: str | None = None,
        workers: int | None = None,
        spare_workers: int | None = None,
        standby_workers: int = 1,
        threads: int = 1,
        timeout: float = 30.0,
        max_memory: float | None = None,
        max_body: float = 10.0,
        max_requests: int | None = None,
        env: dict[str, str] | None = None,
        conditions: tuple[str, ...] | None = None,
        reload: bool = False,
        debug: bool = False,
        access_log: bool = False,
        graceful_timeout: float = 10.0,
    ) -> None:
        path = os.fspath(handler)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"no handler file {path!r}")
        engine = engine or registry.DEFAULT_ENGINE
        if engine not in registry.names():
            known = ", ".join(registry.names()) or "none"
            raise ValueError(f"unknown engine {engine!r}; installed: {known}")
        for name, count in (
            ("workers", workers),
            ("spare_workers", spare_workers),
            ("standby_workers", standby_workers),
        ):
            if count is not None and count < 0:
                raise ValueError(f"{name} must be 0 or more, not {count}")
        self.config = Config(
            handler=path,
            engine=engine,
            workers=workers or os.cpu_count() or 1,
            spare_workers=spare_workers,
            standby_workers=standby_workers,
            threads=threads,
            timeout=timeout,
            max_memory_mb=max_memory,
            max_body_mb=max_body,
            max_requests=max_requests,
            env=dict(env or {}),
            conditions=conditions,
            reload=reload,
            access_log=access_log,
            debug=debug,
            graceful_timeout=graceful_timeout,
        )
        #: The running pool's service (None: not started, or stopped).
        self.service: Service | None = None
        self._starting: asyncio.Task[Service] | None = None
        #: The service once started: requests' fast path.
        self._serving: Service | None = None

    # ------------------------------------------------------------ life
    async def start(self) -> None:
        """Start the worker pool (once; later calls wait for the first). Raises
        ``handler_source.HandlerError`` or ``StartupError`` when the handler cannot run."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        self._serving = await asyncio.shield(self._starting)

    async def _start(self) -> Service:
        service = Service(self.config)
        service.check_handler()
        self.service = service
        try:
            await service.start()
        except StartupError:
            await service.stop(1.0)
            raise
        return service

    async def stop(self) -> None:
        """Drain the workers (``graceful_timeout``) and stop them; a later request or
        :meth:`start` starts a new pool."""
        starting, self._starting = self._starting, None
        service, self.service = self.service, None
        self._serving = None
        if starting is not None and not starting.done():
            starting.cancel()
        if service is not None:
            await service.stop(self.config.graceful_timeout)

    async def __aenter__(self) -> App:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def ready(self) -> bool:
        """At least one worker is ready and the pool is not stopping."""
        return self.service is not None and self.service.ready()

    def metrics(self) -> str:
        """The pool's metrics in the Prometheus text format."""
        service = self.service or Service(self.config)
        return service.metrics.render().decode()

    async def endpoints(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An ASGI app answering ``/metrics``, ``/healthz`` and ``/readyz`` for this pool
        (mount it: ``app.mount("/ops", js.endpoints)``)."""
        if scope["type"] == "lifespan":
            await _trivial_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        service = self.service or Service(self.config)
        status, headers, body = _endpoints.answer(service.metrics, scope["method"], path)
        await _send_whole(send, status, _encode_headers(headers, None, len(body)), body)

    # ------------------------------------------------------------ ASGI
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self._http(scope, receive, send)
        elif kind == "lifespan":
            await self._lifespan(receive, send)
        elif kind == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1003})  # refused: HTTP only

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.start()
                except (handler_source.HandlerError, StartupError) as e:
                    await send({"type": "lifespan.startup.failed", "message": str(e)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        service = self._serving
        if service is None:
            # No lifespan (a mounted app): the first request starts the pool. One that
            # cannot start answers every request with a 503 until ``stop``.
            try:
                await self.start()
            except (handler_source.HandlerError, StartupError) as e:
                body = f"Service Unavailable: the handler cannot start: {e}\n".encode()
                await _send_whole(send, 503, _encode_headers([], None, len(body), _TEXT), body)
                return
            service = self._serving
            assert service is not None
        cfg = self.config
        method = scope["method"]
        headers: Headers = []
        hosts: list[str] = []
        given: str | None = None
        length = -1
        for k, v in scope["headers"]:
            name = k.decode("latin-1")
            value = v.decode("latin-1")
            low = name.lower()
            if low == "host":
                hosts.append(value)
            elif low == "x-request-id":
                given = value if given is None else ""
            elif low == "content-length" and value.isdigit():
                length = int(value)
            headers.append([name, value])
        rid = request_id(headers, given)
        target = _target(scope)
        server = scope.get("server")
        default_host = f"{server[0]}:{server[1]}" if server and server[1] is not None else "localhost"
        try:
            url, _ = request_url(method, target, hosts[:1], False, default_host)
        except BadTarget as e:
            await self._refuse(send, 400, f"Bad Request: {e}\n", rid)
            return
        scheme = scope.get("scheme", "http")
        if scheme != "http" and url.startswith("http://"):
            url = scheme + url[4:]
        if length > cfg.max_body_bytes:
            await self._refuse(send, 413, "Content Too Large\n", rid)
            return
        body = await _read_body(receive, cfg.max_body_bytes)
        if body is None:
            return  # the client left before its body arrived
        if body is False:
            await self._refuse(send, 413, "Content Too Large\n", rid)
            return
        reply = _Reply(service)
        ex = Exchange(
            reply,  # type: ignore[arg-type]
            service.next_id(),
            method,
            target,
            url,
            headers,
            body or None,
            True,
            time.monotonic(),
        )
        ex.request_id = rid
        watcher: asyncio.Future[Message] | None = None

        def left(t: asyncio.Future[Message]) -> None:
            if not t.cancelled() and t.exception() is None and t.result()["type"] == "http.disconnect":
                reply.disconnected = True
                reply.wake()

        def watch() -> None:
            nonlocal watcher
            watcher = asyncio.ensure_future(receive())
            watcher.add_done_callback(left)

        timer = asyncio.get_running_loop().call_later(_WATCH_AFTER, watch)
        service.dispatch(ex)
        try:
            if await self._answer(ex, reply, send):
                service.finished(ex)
                if cfg.access_log:
                    client = scope.get("client")
                    who = f"{client[0]}:{client[1]}" if client else "-"
                    logs.log_access(who, method, target, ex.status, ex.nbytes, ex.started, ex.worker, rid)
            else:
                service.abandon(ex)
        finally:
            timer.cancel()
            if watcher is not None and not watcher.done():
                watcher.cancel()

    async def _answer(self, ex: Exchange, reply: _Reply, send: Send) -> bool:
        """Send ``ex``'s answer as it comes; False if the client left first."""
        first = await reply.next()
        if first is _GONE:
            return False
        status, headers, body = first
        no_body = ex.head or status in (204, 304)
        if body is not None:
            size = len(body)
            if ex.head and size == 0:
                size = _given_length(headers)
            await _send_whole(
                send,
                status,
                _encode_headers(headers, ex.request_id, None if status in (204, 304) else size),
                b"" if no_body else body,
            )
            ex.nbytes = 0 if no_body else len(body)
            return True
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": _encode_headers(headers, ex.request_id, None),
            }
        )
        service = reply.service
        while True:
            event = await reply.next()
            if event is _GONE:
                return False
            if event is _END:
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return True
            if event is _FAILED:
                raise StreamFailed(f"{ex.method} {ex.url}: the response body stream failed midway")
            pieces = [event]
            while reply.events and type(reply.events[0]) is bytes:
                pieces.append(reply.events.popleft())
            data = b"".join(pieces)
            reply.queued -= len(data)
            if reply.held and reply.queued <= _LOW_WATER:
                reply.held = False
                service.hold(ex, False)
            ex.nbytes += len(data)
            if not no_body:
                await send({"type": "http.response.body", "body": data, "more_body": True})

    async def _refuse(self, send: Send, status: int, text: str, rid: str) -> None:
        body = text.encode()
        await _send_whole(send, status, _encode_headers([], rid, len(body), _TEXT), body)


def _target(scope: Scope) -> str:
    """The request target (path and query) as the client sent it, ``root_path`` included."""
    path = scope["path"]
    root = scope.get("root_path", "")
    if root and not path.startswith(root):
        path = root + path  # a server that leaves the root path out of ``path``
    raw = scope.get("raw_path")
    target = None
    if raw:
        text = raw.decode("latin-1")
        for candidate in (text, quote(root) + text):
            if unquote(candidate) == path:
                target = candidate
                break
    if target is None:
        target = quote(path, safe="/:@!$&'()*+,;=-._~")
    query = scope.get("query_string")
    if query:
        target += "?" + query.decode("latin-1")
    return target


async def _read_body(receive: Receive, limit: int) -> bytes | bool | None:
    """The whole request body; False past ``limit``; None if the client left."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        data = message.get("body", b"")
        if data:
            size += len(data)
            if size > limit:
                return False
            chunks.append(data)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _given_length(headers: Headers) -> int | None:
    for name, value in headers:
        if name.lower() == "content-length" and value.strip().isdigit():
            return int(value)
    return None


def _encode_headers(
    headers: Headers, rid: str | None, length: int | None, extra: list[tuple[bytes, bytes]] | None = None
) -> list[tuple[bytes, bytes]]:
    out = list(extra or ())
    for name, value in headers:
        low = name.lower()
        if low in _DROP or "\n" in value or "\r" in value:
            continue
        out.append((low.encode("latin-1"), value.encode("latin-1", "replace")))
    if length is not None:
        out.append((b"content-length", b"%d" % length))
    if rid:
        out.append((b"x-request-id", rid.encode()))
    return out


async def _send_whole(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _trivial_lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
