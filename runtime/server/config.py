"""Every setting of ``runtime serve`` in one place.

The CLI fills a :class:`Config`; the reactor reads it; the worker gets the part it needs
(:class:`WorkerConfig`) as msgspec JSON on its command line, so both sides agree on one
definition and no setting is parsed twice.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from runtime.registry import DEFAULT_ENGINE

DEFAULT_PORT = 8787
SERVER_NAME = "runtime"
#: With no ``--reactors`` given, one reactor per this many CPUs.
CPUS_PER_REACTOR = 2
#: Exit status a worker uses when the handler cannot load (a user error, not a crash).
EXIT_LOAD_ERROR = 3
#: Exit status a worker uses when it retires on purpose (memory limit hit): replace it.
EXIT_RETIRE = 4


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity: a container's cpuset, ``taskset``),
    else the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class WorkerConfig(msgspec.Struct, frozen=True):
    """What a worker process needs to know (sent as JSON in its argv)."""

    handler: str
    engine: str
    threads: int = 1
    timeout: float = 30.0
    #: Engine heap limit in bytes (None: no limit).
    memory_limit: int | None = None
    env: dict[str, str] = msgspec.field(default_factory=dict)
    debug: bool = False
    log_format: str = "text"
    log_level: str = "info"
    #: Most requests handed to JS in one crossing.
    max_batch: int = 64
    #: Package ``exports`` conditions for the handler's imports (None: the default set).
    conditions: tuple[str, ...] | None = None


@dataclass
class Config:
    """The server's settings (CLI options map 1:1 onto these fields)."""

    handler: str
    engine: str = DEFAULT_ENGINE
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = field(default_factory=usable_cpus)
    threads: int = 1
    timeout: float = 30.0
    max_memory_mb: float | None = None
    max_body_mb: float = 10.0
    #: Requests a worker serves before it is replaced (0: never; None: 0, or
    #: ``leak_recycle_requests`` on engines that leak per call); bounds slow leaks.
    max_requests: int | None = None
    #: A worker whose RSS passes this many times its RSS at start is replaced (0: never;
    #: None: 0, or ``leak_recycle_growth`` on engines that leak per call when
    #: ``max_requests`` is None).
    max_growth: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    conditions: tuple[str, ...] | None = None
    reload: bool = False
    log_format: str = "text"
    log_level: str = "info"
    access_log: bool = True
    debug: bool = False
    #: Port of the /metrics, /healthz and /readyz listener (None: none; 0: any free port).
    metrics_port: int | None = None
    #: Most spare workers at once (None: as many as ``workers``; 0: none). A spare starts
    #: while a worker is stuck in one long script, so that ``workers`` of them stay free.
    spare_workers: int | None = None
    #: Spares kept started and idle ahead of need (within ``spare_workers``): a worker that
    #: dies, or sticks in a runaway, is stood in for at once instead of after a process start.
    standby_workers: int = 1
    #: Reactor processes on the one port (``SO_REUSEPORT``: the kernel spreads the
    #: connections), each with its share of the workers (None: chosen from the CPU count).
    reactors: int | None = None

    # Set for each reactor by the process that runs several of them (``reactor_group``).
    #: A socket to that process: the reactor says there when it serves, and drains at EOF.
    control_fd: int | None = None
    #: The listening sockets the group made for the reactor (one per address of ``host``).
    listen_fds: tuple[int, ...] = ()
    #: A unix socket where the reactor answers ``/metrics``, ``/healthz`` and ``/readyz``.
    metrics_socket: str | None = None
    #: Put before worker names (``r2.``), so that log lines tell reactors apart.
    name_prefix: str = ""

    # Limits that have no CLI option (sane defaults; tests shorten some of them).
    max_header_bytes: int = 16 * 1024
    header_timeout: float = 10.0
    #: A request body gets this many seconds, plus one for every ``min_body_rate`` bytes
    #: it delivers: a body trickled slower than that (slowloris) gets a 408.
    body_timeout: float = 10.0
    min_body_rate: int = 1024
    keepalive_timeout: float = 5.0
    max_connections: int = 10_000
    max_pipeline: int = 32
    #: Seconds a drain (SIGTERM) gives in-flight requests before they are cut.
    graceful_timeout: float = 10.0
    #: On shutdown, idle keep-alive connections stay open this long, answering with
    #: ``Connection: close`` (a client or proxy may have just sent a request on one).
    drain_idle: float = 1.0
    #: Extra seconds past ``timeout`` a worker gets to answer before it is replaced.
    kill_grace: float = 2.0
    #: Restart backoff: first delay, cap, and how many quick deaths make a crash loop.
    #: Backoff is for workers that die before they are ready, or within ``settle``
    #: seconds of it; a worker that died after serving longer is replaced at once.
    backoff_initial: float = 0.1
    backoff_max: float = 10.0
    crash_loop_threshold: int = 5
    settle: float = 1.0
    #: Requests that may wait for a worker to become ready; past it, a 503.
    max_backlog: int = 1000
    #: A worker with requests in flight that has sent nothing for this long (or ten request
    #: costs, if that is longer) is taken to be stuck (a runaway script, a memory bomb, a
    #: long batch): it gets no new requests, and the requests it was sent but has not
    #: started go to the others once they have waited this long, or ``move_unsafe_after``
    #: for methods that are not safe (RFC 9110 §9.2.1).
    stuck_after: float = 0.01
    move_unsafe_after: float = 0.2
    #: ... but one sent requests while in no crossing (it had said ``Stats`` last) is taken
    #: to be stuck only after this long: it starts them once the kernel next runs it, which
    #: a busy machine can delay past ``stuck_after``, and moving them sooner would start
    #: them twice (a runaway on two workers).
    wake_after: float = 0.05
    #: A spare starts once a worker has been stuck this long, or ten times what a request
    #: has cost it if that is longer (a slow handler is not a runaway); it stops after
    #: ``spare_idle`` seconds without a request.
    spare_after: float = 0.1
    spare_idle: float = 10.0
    #: A worker silent this long in one crossing (or ten request costs if that is longer),
    #: having spent as much CPU time meanwhile, runs at background CPU priority until it is
    #: heard from (0: never demoted). CPU time, as idle priority yields to every process on
    #: the machine: a request that waits for a core on a busy machine (a first import) is
    #: slow, not a runaway, and must not be starved to its timeout.
    demote_after: float = 0.1
    max_batch: int = 64
    #: ``--max-requests`` when none is given and the engine leaks per call.
    leak_recycle_requests: int = 100_000
    #: ``--max-growth`` when neither it nor ``--max-requests`` is given and the engine leaks
    #: per call.
    leak_recycle_growth: float = 1.6

    @property
    def watch_interval(self) -> float:
        """Seconds between looks for stuck workers (see ``stuck_after``, ``demote_after``)."""
        return min(self.stuck_after, self.demote_after or self.stuck_after) / 2

    @property
    def reactor_count(self) -> int:
        """``reactors``, or one per ``CPUS_PER_REACTOR`` CPUs on Linux (one elsewhere);
        never more than ``workers``."""
        if self.reactors is None and not sys.platform.startswith("linux"):
            return 1  # elsewhere SO_REUSEPORT does not spread connections
        n = self.reactors or usable_cpus() // CPUS_PER_REACTOR or 1
        return max(1, min(n, self.workers))

    @property
    def max_spares(self) -> int:
        return self.workers if self.spare_workers is None else self.spare_workers

    @property
    def standby(self) -> int:
        """Idle spares to keep started (never more than ``max_spares``)."""
        return min(self.standby_workers, self.max_spares)

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)

    @property
    def memory_limit_bytes(self) -> int | None:
        if self.max_memory_mb is None:
            return None
        return int(self.max_memory_mb * 1024 * 1024)

    @property
    def handler_path(self) -> Path:
        return Path(self.handler).resolve()

    def worker_config(self) -> WorkerConfig:
        return WorkerConfig(
            handler=str(self.handler_path),
            engine=self.engine,
            threads=self.threads,
            timeout=self.timeout,
            memory_limit=self.memory_limit_bytes,
            env=dict(self.env),
            debug=self.debug,
            log_format=self.log_format,
            log_level=self.log_level,
            max_batch=self.max_batch,
            conditions=self.conditions,
        )


def authority(host: str, port: int) -> str:
    """``host:port`` as a URL writes it: an IPv6 address in brackets, every interface ("")
    as 0.0.0.0, port 80 left out."""
    name = "0.0.0.0" if host == "" else f"[{host}]" if ":" in host else host
    return name if port == 80 else f"{name}:{port}"
