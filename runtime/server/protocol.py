"""Every message, field and status the reactor, the workers and the JS runner share.

Reactor and worker speak msgspec Structs over the socketpair (``framing`` frames them).
Each is ``array_like`` with an integer tag, so a message is a msgpack array whose first item
says what it is, and the reactor and workers decode straight into these classes: a field
cannot be read by the wrong position on one side only.

Worker and JS runner (``worker/runner.js``) exchange plain arrays (that is what crosses an
engine boundary cheapest). Their positions and statuses are named here in :data:`JS` and
mirrored in the constants block at the top of runner.js; ``tests/server/test_protocol.py``
fails if the two disagree.
"""

from __future__ import annotations

import msgspec

#: Header pairs as they travel: ``[[name, value], ...]`` in the order received.
Headers = list[list[str]]


class _Message(msgspec.Struct, array_like=True, gc=False):
    """Base of every framed message (tagged arrays, no GC tracking: they are short-lived)."""


# ---------------------------------------------------------------- reactor -> worker
class Request(msgspec.Struct, array_like=True, gc=False):
    """One HTTP request for the handler (``body`` None: none was sent)."""

    id: int
    method: str
    url: str
    headers: Headers
    body: bytes | None


class Requests(_Message, tag=1):
    """A batch: every request routed to this worker in one event-loop turn."""

    requests: list[Request]


class Cancel(_Message, tag=2):
    """The reactor gave up on these (504 sent, or the client left): stop working on them."""

    ids: list[int]


class Stop(_Message, tag=3):
    """Finish what is in flight, then exit 0."""


class Pause(_Message, tag=4):
    """Stop producing these streamed bodies: their clients are slow to read."""

    ids: list[int]


class Resume(_Message, tag=5):
    """Go on producing these streamed bodies."""

    ids: list[int]


ToWorker = Requests | Cancel | Stop | Pause | Resume


# ---------------------------------------------------------------- worker -> reactor
class Hello(_Message, tag=10):
    """The worker is ready: what it runs and what it started with."""

    pid: int
    engine: str
    #: Contexts (one executor thread each) this worker made.
    threads: int
    capabilities: dict[str, object]
    #: Python modules that creating the contexts loaded (see ``engine_modules``).
    modules: list[str]
    #: Resident memory after startup, bytes (the base of the reactor's RSS ceiling).
    rss: int


class Response(msgspec.Struct, array_like=True, gc=False):
    """An answer; ``body`` None: the body follows as :class:`Chunk` entries."""

    id: int
    status: int
    headers: Headers
    body: bytes | None


class Responses(_Message, tag=11):
    responses: list[Response]


#: :attr:`Chunk.data` for the end of a streamed body, and for a body that failed midway.
STREAM_END = None
STREAM_FAILED = False


class Chunk(msgspec.Struct, array_like=True, gc=False):
    """A piece of a streamed body: bytes, :data:`STREAM_END` or :data:`STREAM_FAILED`."""

    id: int
    data: bytes | bool | None


class Chunks(_Message, tag=15):
    chunks: list[Chunk]


class Requeue(_Message, tag=12):
    """Requests this worker never started: route them to another worker."""

    ids: list[int]


class Retire(_Message, tag=13):
    """Replace me (I hit the memory limit); I exit with ``EXIT_RETIRE`` now."""

    reason: str


class Fatal(_Message, tag=14):
    """The handler cannot load; I exit with ``EXIT_LOAD_ERROR``."""

    message: str


class Started(_Message, tag=17):
    """The requests of the batch this executor hands to JS now. The reactor may route any
    other request it sent (never started) to another worker while this one is stuck; it
    then cancels it here, and the worker drops a cancelled request it has not started."""

    ids: list[int]
    #: How many requests the reactor may queue on this executor before it spreads them to
    #: the next worker: about 2 ms of the process's CPU time at what a request has cost
    #: (1 before it has measured any).
    limit: int
    #: Seconds a request has taken in JS, on average (0.0: none measured yet): a worker
    #: silent for many times this is in a runaway, not a slow handler.
    cost: float = 0.0


#: Upper bounds (seconds) of the engine crossing time histogram a worker keeps.
CROSSING_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0)


class Stats(_Message, tag=16):
    """One executor's engine crossings so far (cumulative; sent at most about once a
    second while it works, and whenever it goes idle): the reactor's metrics add them up,
    and its supervisor reads it as "no crossing running" (a worker silent since is idle,
    not stuck in a script)."""

    executor: int
    crossings: int
    seconds: float
    #: Crossings that took at most each of :data:`CROSSING_BUCKETS` (not cumulative).
    buckets: list[int]


FromWorker = Hello | Responses | Chunks | Requeue | Retire | Fatal | Stats | Started


# ---------------------------------------------------------------- worker <-> JS runner
#: The runner's global object and the calls the worker makes on it (one crossing each).
RUNNER = "__server"
CALL_INIT = RUNNER + ".init"  # ({env})
CALL_USE_MODULE = RUNNER + ".useModule"  # (default export) of a module handler
CALL_READY = RUNNER + ".ready"  # () after the handler ran: throws unless it defines a fetch handler
CALL_RUN = RUNNER + ".run"  # (items), then CALL_COLLECT in the same crossing (call_settled)
CALL_COLLECT = RUNNER + ".collect"  # () -> take()
CALL_INTERRUPTED = RUNNER + ".interrupted"  # () -> [running id, [ids not started], done, pending]
CALL_CANCEL = RUNNER + ".cancel"  # (ids)
CALL_PAUSE = RUNNER + ".pause"  # (ids)
CALL_RESUME = RUNNER + ".resume"  # (ids)

#: Positions, statuses and body kinds of the arrays that cross into and out of JS.
#:
#: A batch item (worker -> JS): ``[id, method, url, headers, body, bodyKind]``, body a
#: string (BODY_TEXT or BODY_BASE64), "" when the request has none (or an empty one).
#:
#: ``take()`` returns ``[done, pending, msUntilNextTimer]`` (-1: no timer); each ``done``
#: entry starts with ``[id, status, ...]``:
#:
#: - a response: ``[id, status, headers, body, bodyKind]``; BODY_STREAM: body null,
#:   the body follows as chunk entries;
#: - ``[id, ERROR, errorRecord]``: the handler threw, rejected or returned no Response;
#: - ``[id, OUT_OF_MEMORY, errorRecord]``: it ran out of memory (503, the worker retires);
#: - ``[id, CHUNK, base64]``, ``[id, END]``, ``[id, FAILED, errorRecord]``: a streamed body.
#:
#: Each side writes these arrays in the order shown and reads them by these names.
JS: dict[str, int] = {
    "ITEM_ID": 0,
    "ITEM_METHOD": 1,
    "ITEM_URL": 2,
    "ITEM_HEADERS": 3,
    "ITEM_BODY": 4,
    "ITEM_BODY_KIND": 5,
    "DONE_ID": 0,
    "DONE_STATUS": 1,
    "DONE_HEADERS": 2,
    "DONE_ERROR": 2,
    "DONE_CHUNK": 2,
    "DONE_BODY": 3,
    "DONE_BODY_KIND": 4,
    "ERROR": -1,
    "OUT_OF_MEMORY": -2,
    "CHUNK": -3,
    "END": -4,
    "FAILED": -5,
    "BODY_TEXT": 0,
    "BODY_BASE64": 1,
    "BODY_STREAM": 2,
}

DONE_ID = JS["DONE_ID"]
DONE_STATUS = JS["DONE_STATUS"]
DONE_HEADERS = JS["DONE_HEADERS"]
DONE_ERROR = JS["DONE_ERROR"]
DONE_CHUNK = JS["DONE_CHUNK"]
DONE_BODY = JS["DONE_BODY"]
DONE_BODY_KIND = JS["DONE_BODY_KIND"]
ERROR = JS["ERROR"]
OUT_OF_MEMORY = JS["OUT_OF_MEMORY"]
CHUNK = JS["CHUNK"]
END = JS["END"]
FAILED = JS["FAILED"]
BODY_TEXT = JS["BODY_TEXT"]
BODY_BASE64 = JS["BODY_BASE64"]
BODY_STREAM = JS["BODY_STREAM"]
