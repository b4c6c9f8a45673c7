"""The reactor's view of one worker process: its channel, its state, its requests.

The supervisor creates and retires handles; the pool routes requests to them and answers
what they send back; the watchdog reads their deadlines and memory. A handle only holds
that state and sends frames: it decides nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time

import msgspec

from runtime.server import framing, procstat
from runtime.server.protocol import Hello, Stats
from runtime.server.reactor.child import ChildProcess
from runtime.server.reactor.exchange import Exchange

#: Lifecycle states. A worker is ``starting`` until its HELLO, then ``ready`` (gets new
#: requests); ``retiring`` (it asked to be replaced) and ``draining`` (told to STOP) finish
#: what they have; ``dead`` once its channel closed.
STARTING, READY, RETIRING, DRAINING, DEAD = "starting", "ready", "retiring", "draining", "dead"


class WorkerHandle:
    def __init__(self, slot: int, generation: int) -> None:
        #: Which of the ``--workers`` places it fills (a replacement takes the same slot).
        self.slot = slot
        #: Started beyond ``--workers`` while others were stuck (see ``Supervisor.add_spare``):
        #: never replaced, stopped once idle.
        self.spare = False
        #: Which handler version it runs (``--reload`` starts a new generation).
        self.generation = generation
        self.name = f"w{slot}"
        self.proc: ChildProcess | None = None
        self.transport: asyncio.Transport | None = None
        self.state = STARTING
        #: Sent (or about to be) and not answered, by request id.
        self.in_flight: dict[int, Exchange] = {}
        #: Routed this event-loop turn, written as one frame at its end.
        self.outbox: list[Exchange] = []
        #: Answered with a 504 by the reactor, by id: when (the kill grace runs from then).
        self.overdue: dict[int, float] = {}
        #: Answered, body still streaming, by id.
        self.streams: dict[int, Exchange] = {}
        #: In-flight requests it said it started (``Started``); the others it may never
        #: have read, and can be given to another worker while it is stuck.
        self.started: set[int] = set()
        #: When requests it never started were first moved off it since it last spoke
        #: (0.0: none were).
        self.moved_at = 0.0
        #: Requests routed to it, and how many it may serve before it is replaced (0: no
        #: limit; set at HELLO from ``--max-requests`` or what the engine says of leaks).
        self.served = 0
        self.max_requests = 0
        #: Replaced once its RSS passes this many times its RSS at start (0: never).
        self.max_growth = 0.0
        self.hello: Hello | None = None
        #: Why the handler cannot load, as the worker said before exiting.
        self.fatal: str | None = None
        #: Why the reactor killed it (None: it was not killed).
        self.kill_reason: str | None = None
        #: Told to finish and exit (a reload, a recycle, the shutdown).
        self.draining = False
        self.started_at = time.monotonic()
        #: When its HELLO came (None: not yet).
        self.ready_at: float | None = None
        #: When it last sent anything (or, if it was idle, got a request); with requests in
        #: flight and nothing heard for ``stuck_after`` seconds while ``busy`` or with
        #: requests it has not started, the watchdog marks it ``stuck``.
        self.last_heard = self.started_at
        self.stuck = False
        #: It said it started a crossing (``Started``) and has not said it went idle since
        #: (``Stats``): silent, it is in a script, not waiting on a promise.
        self.busy = False
        #: When the crossing it is busy in began, as heard (its script's deadline is then
        #: ``--timeout`` later).
        self.busy_since = 0.0
        #: Its scheduling policy before it was demoted for a long script (None: not demoted).
        self.demoted: int | None = None
        #: When it was last given a request (0.0: never).
        self.last_routed = 0.0
        #: Seconds a request has taken in its JS, on average, as it last said (``Started``).
        self.cost = 0.0
        #: Requests it can take before the pool spreads them to another worker, as its
        #: executors last said (see ``Started``).
        self.room = 1
        #: Its executors' latest engine crossing figures, by executor index.
        self.stats: dict[int, Stats] = {}
        loop = asyncio.get_running_loop()
        #: True at HELLO, False if the channel closed first.
        self.ready: asyncio.Future[bool] = loop.create_future()
        #: The exit status, once the process is reaped.
        self.exited: asyncio.Future[int] = loop.create_future()
        #: Done once its channel has closed.
        self.channel_closed: asyncio.Future[None] = loop.create_future()
        #: Its channel reached its end: every frame it sent has been read.
        self.heard_out = False

    @property
    def unstarted(self) -> int:
        """Requests it holds and has not said it started (``started`` is kept within
        ``in_flight``)."""
        return len(self.in_flight) - len(self.started)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def send(self, message: msgspec.Struct) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(framing.frame(message))

    def kill(self, reason: str) -> None:
        self.kill_reason = reason
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.send_signal(signal.SIGKILL)

    def rss(self) -> int:
        return procstat.rss(self.pid) if self.pid is not None else 0
