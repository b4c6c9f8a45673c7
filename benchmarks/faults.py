"""Fault run: what crashes, runaway scripts, memory bombs, slow clients, a SIGTERM and a
long run cost `runtime serve`.

    python benchmarks/faults.py [--engine v8 --engine spidermonkey] [--only kill] [--seconds 20]
    python benchmarks/faults.py --only soak [--soak-seconds 600]

Each scenario runs wrk (``-t1 -c32``) against a real server with 2 workers and counts every
status per kind of request (a Lua script in wrk). The handler takes about 2 ms (``/ok``):

- ``kill``: a ready worker is SIGKILLed once a second for ``--seconds``. The promise:
  non-200 answers at most the requests in flight on the killed workers (kills x
  connections), each replacement ready within 2 s, no socket errors, the reactor's pid
  unchanged.
- ``runaway``: 1 % of requests spin forever (``--timeout 0.5``). The promise: those get a
  504, every other request a 200, their p99 within 2x of a run without runaways (a stuck
  worker gets a spare beside it, up to ``--spare-workers``; the row counts them). Timed
  by asyncio clients that tell the two kinds apart (wrk's percentiles mix them).
- ``bomb``: 1 % of requests allocate without bound (``--max-memory 256``). The promise:
  the bombs get a 503, the other requests a 200; peak worker RSS is reported against the
  limit.
- ``slowloris``: while wrk runs, 1,000 idle keep-alive connections (each sends a request,
  then waits; when the server closes it after its keep-alive timeout it is opened again
  and left silent, so they add descriptors, not requests) and 200 slowloris connections
  (half trickle a request's headers, half a body, a byte a second; each is opened again
  when it ends). The promise: wrk's requests, 200s and p99 close to a run without them;
  the reactor's file descriptors (``/proc/PID/fd``) back to their count before once the
  clients leave; every slow connection ended by the server (408) within its timeout, none
  left open past it.
- ``sigterm``: SIGTERM to the reactor halfway through a wrk run, with 16 requests that
  take 0.5 s in flight on connections of their own and 8 keep-alive clients that account
  for every request they send. The promise: every in-flight request answered, with
  ``Connection: close``, none cut (wrk: no socket error but reconnects refused once the
  listener is closed), exit status 0, and the drain's length.
- ``soak``: wrk POSTs a 1 KB JSON body to an echo handler for ``--soak-seconds`` (600 by
  default) against a server given no flag but ``--workers 2`` (no memory limit, no
  ``--max-requests``), sampling each worker's RSS and the reactor's RSS and file
  descriptors every second. The promise: each worker's peak RSS under 2x its start (on
  engines that leak per call, workers are replaced by default after 10,000 requests or
  once they outgrow their start), with no answer other than 200 while they are; the
  reactor's RSS and fds flat. Not in the
  default run (it is long): ``--only soak`` or ``--soak-seconds N`` adds it.

The client side raises its own RLIMIT_NOFILE (soft to hard) for the slow connections; the
server inherits it. wrk comes from PATH (or apt-get when running as root). Numbers on a
shared machine drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder would come first on sys.path, and benchmarks/http.py would
# shadow the standard library's http package: put the project root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from collections import Counter  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

from benchmarks.http import find_wrk, free_port, parse_wrk, stop, wait_port  # noqa: E402
from runtime.server.config import Config  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
#: The server's own limits, as ``runtime serve`` has them with no option given.
LIMITS = Config(handler="-")
SCENARIOS = ["kill", "runaway", "bomb", "slowloris", "sigterm", "soak"]
#: The default run: all but the soak, unless ``--soak-seconds`` is given.
DEFAULT = SCENARIOS[:-1]

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
    if (p === "/echo") return Response.json(await request.json());
    if (p === "/slow") {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return new Response("slow");
    }
    if (p === "/spin") { for (;;) {} }
    if (p === "/bomb") {  // heap arrays and ArrayBuffers, which V8's heap limit does not count
      const keep = [];
      for (;;) keep.push(new Array(1 << 18).fill(keep.length), new Uint8Array(1 << 20).fill(1));
    }
    const end = Date.now() + 2;
    while (Date.now() < end) {}
    return new Response("ok");
  },
};
"""

# Every BAD_EVERY-th request goes to `bad` (when set); with ECHO_BODY, every request POSTs
# it to /echo. Counts statuses, and answers that said `Connection: close`.
LUA = r"""
local counter = 0
local threads = {}
local bad = os.getenv("BAD_PATH")
local every = tonumber(os.getenv("BAD_EVERY") or "100")
local echo = os.getenv("ECHO_BODY")
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} closes = 0 end
function request()
  counter = counter + 1
  if echo and echo ~= "" then
    return wrk.format("POST", "/echo", {["Content-Type"] = "application/json"}, echo)
  end
  if bad and bad ~= "" and counter % every == 0 then return wrk.format("GET", bad) end
  return wrk.format("GET", "/ok")
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local c = headers["connection"] or headers["Connection"]
  if c and string.lower(c) == "close" then closes = closes + 1 end
end
function done(summary, latency, requests)
  local total = {}
  local closed = 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    closed = closed + t:get("closes")
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, '"' .. k .. '":' .. v) end
  io.write("STATUSES {" .. table.concat(parts, ",") .. "}\n")
  io.write("CLOSES " .. closed .. "\n")
end
"""


@dataclass
class Wrk:
    """One wrk run's figures."""

    statuses: dict[str, int] = field(default_factory=dict)
    rps: float = 0.0
    p99: float = float("nan")
    #: Socket errors by kind: connect, read, write, timeout.
    errors: dict[str, int] = field(default_factory=dict)
    #: Answers that carried ``Connection: close``.
    closes: int = 0
    #: The slowest answer, ms.
    slowest: float = float("nan")

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    @property
    def ok(self) -> int:
        return self.statuses.get("200", 0)

    @property
    def others(self) -> str:
        return json.dumps({k: v for k, v in sorted(self.statuses.items()) if k != "200"})

    @property
    def socket_errors(self) -> int:
        return sum(self.errors.values())

    def counts(self) -> str:
        """The table's requests, 200, other statuses and socket errors columns."""
        return f"{self.total:,} | {self.ok:,} | {self.others} | {self.socket_errors}"


def wrk_command(wrk_path: str, port: int, seconds: float, lua: Path) -> list[str]:
    url = f"http://127.0.0.1:{port}/"
    return [wrk_path, "-t1", "-c32", "--latency", f"-d{int(seconds)}s", "-s", str(lua), url]


#: Every how many requests one goes to the bad path (``--bad-every``).
BAD_EVERY = 100


def wrk_env(bad: str = "", echo: str = "") -> dict[str, str]:
    return {**os.environ, "BAD_PATH": bad, "BAD_EVERY": str(BAD_EVERY), "ECHO_BODY": echo}


def parse(out: str) -> Wrk:
    result = Wrk()
    m = re.search(r"STATUSES (\{.*\})", out)
    result.statuses = json.loads(m.group(1)) if m else {}
    m = re.search(r"CLOSES (\d+)", out)
    result.closes = int(m.group(1)) if m else 0
    if "Requests/sec" in out:
        result.rps, _, result.p99, _ = parse_wrk(out)
    m = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\b", out)
    if m:
        result.slowest = float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1000.0}[m.group(2)]
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result.errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups()), strict=True)) if m else {}
    )
    return result


def wrk(wrk_path: str, port: int, seconds: float, lua: Path, bad: str = "", echo: str = "") -> Wrk:
    cmd = wrk_command(wrk_path, port, seconds, lua)
    return parse(subprocess.run(cmd, capture_output=True, text=True, env=wrk_env(bad, echo)).stdout)


def timed_load(port: int, seconds: float, bad: str = "", connections: int = 32) -> Wrk:
    """What :func:`wrk` measures, from asyncio keep-alive clients that time each request by
    kind: ``p99`` is that of the requests that are not bad (wrk's latency figures mix the
    two, and a runaway at 1 % is wrk's p99 by itself)."""

    async def main() -> Wrk:
        statuses: Counter[str] = Counter()
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        count = 0
        stop_at = time.monotonic() + seconds

        async def connection() -> None:
            nonlocal count
            reader = writer = None
            while time.monotonic() < stop_at:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                count += 1
                path = bad if bad and count % BAD_EVERY == 0 else "/ok"
                began = time.monotonic()
                try:
                    writer.write(f"GET {path} HTTP/1.1\r\nHost: faults\r\n\r\n".encode())
                    head = await reader.readuntil(b"\r\n\r\n")
                    lines = head.lower().split(b"\r\n")
                    sizes = [int(h.split(b":")[1]) for h in lines if h.startswith(b"content-length:")]
                    length = sizes[0] if sizes else 0
                    await reader.readexactly(length)
                except (OSError, asyncio.IncompleteReadError):
                    errors["read"] += 1
                    writer = None
                    continue
                statuses[head.split(b" ", 2)[1].decode()] += 1
                if path == "/ok":
                    latencies.append((time.monotonic() - began) * 1000.0)
                if b"connection: close" in lines:
                    writer.close()
                    writer = None
            if writer is not None:
                writer.close()

        began = time.monotonic()
        await asyncio.gather(*(connection() for _ in range(connections)))
        result = Wrk(statuses=dict(statuses), errors=dict(errors))
        result.rps = sum(statuses.values()) / (time.monotonic() - began)
        latencies.sort()
        if latencies:
            result.p99 = latencies[int(len(latencies) * 0.99)]
            result.slowest = latencies[-1]
        return result

    return asyncio.run(main())


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__runtime/status", timeout=5) as r:
        return json.loads(r.read())


def settle(port: int, timeout: float = 30.0) -> None:
    """Wait until no worker is starting (the standby starts once the server serves), so
    that a baseline measures the server at rest."""
    time.sleep(0.3)  # the standby is asked for once the server serves
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = status(port)["workers"]
        if workers and all(w["state"] == "ready" for w in workers):
            return
        time.sleep(0.05)


def start(engine: str, port: int, handler: Path, extra: list[str], log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", "from runtime.cli import main; main()", "serve", str(handler)]
    # One reactor: the scenarios read every worker, and the reactor's pid, from its status.
    cmd += ["--engine", engine, "--port", str(port), "--workers", "2", "--reactors", "1", "--no-access-log"]
    cmd += extra
    env = {**os.environ, "RUNTIME_SERVER_DEBUG": "1"}
    with open(log, "wb") as out:
        return subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out, start_new_session=True
        )


def fds(pid: int) -> int:
    """Open file descriptors of ``pid`` (0 when it is gone)."""
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def rss(pid: int) -> int:
    """Resident bytes of ``pid`` (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def raise_nofile() -> int:
    """Raise this process's soft RLIMIT_NOFILE to its hard limit (the server inherits it)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft != resource.RLIM_INFINITY and soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    return soft


def kill_loop(port: int, seconds: int, out: dict) -> None:
    """SIGKILL a ready worker once a second; record how long each replacement took."""
    replaced: list[float] = []
    kills = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready = [w for w in status(port)["workers"] if w["state"] == "ready" and not w["spare"]]
        if len(ready) == 2:
            victim = ready[0]["pid"]
            os.kill(victim, signal.SIGKILL)
            kills += 1
            killed = time.monotonic()
            while time.monotonic() - killed < 30:
                pids = {w["pid"] for w in status(port)["workers"] if w["state"] == "ready" and not w["spare"]}
                if len(pids) == 2 and victim not in pids:
                    replaced.append(time.monotonic() - killed)
                    break
                time.sleep(0.02)
        time.sleep(max(0.0, 1.0 - (replaced[-1] if replaced else 0.0)))
    out["kills"], out["replaced"] = kills, replaced


def peak_rss(port: int, seconds: float, out: dict) -> None:
    """The largest worker RSS seen, and the largest growth over a worker's RSS when it
    started (what --max-memory limits), sampled every 20 ms."""
    peak = growth = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            for w in status(port)["workers"]:
                with open(f"/proc/{w['pid']}/statm") as f:
                    rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                peak = max(peak, rss)
                if w.get("start_rss"):
                    growth = max(growth, rss - w["start_rss"])
        except (OSError, ValueError, TypeError):
            pass
        time.sleep(0.02)
    out["peak_rss_mb"] = peak / 2**20
    out["peak_growth_mb"] = growth / 2**20


def scenario(name: str, engine: str, args: argparse.Namespace, folder: Path) -> str:
    """``kill``, ``runaway`` or ``bomb``: its table row."""
    handler = folder / "faults.js"
    lua = folder / "faults.lua"
    extra = {"kill": [], "runaway": ["--timeout", "0.5"], "bomb": ["--max-memory", "256"]}[name]
    bad = {"kill": "", "runaway": "/spin", "bomb": "/bomb"}[name]
    port = free_port()
    proc = start(engine, port, handler, extra, folder / f"{name}-{engine}.log")
    try:
        if not wait_port(port, proc, timeout=90):
            return f"| {name} | {engine} | did not start |"
        settle(port)
        reactor = proc.pid
        # A runaway's own latency is its timeout: the promise is about the others', so
        # that scenario is timed by request kind (see timed_load).
        load = (
            (lambda s, b="": timed_load(port, s, b))
            if name == "runaway"
            else (lambda s, b="": wrk(args.wrk, port, s, lua, b))
        )
        steady = load(3)  # baseline (and warm-up)
        side: dict = {}
        watcher = {
            "kill": lambda: kill_loop(port, args.seconds, side),
            "runaway": lambda: None,
            "bomb": lambda: peak_rss(port, args.seconds, side),
        }[name]
        t = threading.Thread(target=watcher)
        t.start()
        run = load(args.seconds, bad)
        t.join()
        bad_count = run.total // BAD_EVERY if bad else 0
        if name == "kill":
            r = side.get("replaced") or [float("nan")]
            detail = (
                f"kills {side.get('kills', 0)}, replacement median {statistics.median(r):.2f} s, "
                f"max {max(r):.2f} s; bound kills x 32 = {side.get('kills', 0) * 32}"
            )
        elif name == "runaway":
            ratio = run.p99 / steady.p99
            log = (folder / f"{name}-{engine}.log").read_text(errors="replace")
            spares = len(re.findall(r"spare worker \S+ starting", log))
            detail = (
                f"~{bad_count} runaways; p99 of the other requests {run.p99:.0f} ms vs steady "
                f"{steady.p99:.0f} ms ({ratio:.1f}x), slowest {run.slowest:.0f} ms; "
                f"{spares} spare worker(s) started"
            )
        else:
            grew = side.get("peak_growth_mb", 0)
            detail = (
                f"~{bad_count} bombs; peak worker RSS {side.get('peak_rss_mb', 0):.0f} MB, "
                f"peak growth over start {grew:.0f} MB = {grew / 256:.2f}x the limit (256)"
            )
        same = "yes" if proc.poll() is None and proc.pid == reactor else "no"
        return f"| {name} | {engine} | {run.counts()} | {same} | {detail} |"
    finally:
        stop(proc)


# ------------------------------------------------------------------ slowloris
IDLE_CONNECTIONS = 1000
SLOW_CONNECTIONS = 200
#: Seconds between the bytes a slow connection sends.
TRICKLE = 1.0
KINDS = ("idle", "headers", "body")


async def _answer_status(reader: asyncio.StreamReader) -> int:
    """Read one answer with a Content-Length (the server's); its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
    if m:
        await reader.readexactly(int(m.group(1)))
    return int(head[9:12])


class Attack:
    """Idle keep-alive and slowloris connections, held open (each opened again when it
    ends) on an event loop of their own, in a thread, until :meth:`stop`."""

    def __init__(self, port: int, idle: int, slow: int) -> None:
        self.port = port
        self.counts = {"idle": idle, "headers": slow // 2, "body": slow - slow // 2}
        #: How each connection ended: "408", "closed" (by the server, no answer), ...
        self.outcomes: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
        #: Seconds each connection lasted (idle: from its answer to the server's close).
        self.ages: dict[str, list[float]] = {k: [] for k in KINDS}
        #: Open connections: slot -> when their clock started.
        self.live: dict[str, dict[int, float]] = {k: {} for k in KINDS}
        self.open_at_end: dict[str, int] = {}
        #: Connections open at the end past their kind's timeout (plus a second's sweep).
        self.overdue: dict[str, int] = {}
        self.ready = threading.Event()
        self._opened: set[tuple[str, int]] = set()
        self._loop: asyncio.AbstractEventLoop
        self._stopped: asyncio.Future[None]
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    def start(self) -> None:
        self._thread.start()
        self.ready.wait(60)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stopped.set_result, None)
        self._thread.join()

    def _ready(self, kind: str, slot: int) -> None:
        """``kind``'s ``slot`` is open (an idle one: has had its answer)."""
        self._opened.add((kind, slot))
        if len(self._opened) == sum(self.counts.values()):
            self.ready.set()

    @staticmethod
    def limit(kind: str) -> float:
        timeout = {"idle": LIMITS.keepalive_timeout, "headers": LIMITS.header_timeout}
        return timeout.get(kind, LIMITS.body_timeout) + 1.0

    async def _main(self) -> None:
        self._loop = loop = asyncio.get_running_loop()
        self._stopped = loop.create_future()
        tasks = [loop.create_task(self._idle(i)) for i in range(self.counts["idle"])]
        for kind in ("headers", "body"):
            tasks += [loop.create_task(self._slow(kind, i)) for i in range(self.counts[kind])]
        await self._stopped
        now = loop.time()
        for kind, live in self.live.items():
            self.open_at_end[kind] = len(live)
            self.overdue[kind] = sum(now - t > self.limit(kind) for t in live.values())
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _connect(self, kind: str, slot: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        while True:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
            except OSError:
                self.outcomes[kind]["connect failed"] += 1
                await asyncio.sleep(0.5)
                continue
            self.live[kind][slot] = self._loop.time()
            if kind != "idle":
                self._ready(kind, slot)
            return reader, writer

    async def _idle(self, slot: int) -> None:
        """A request, then nothing until the server closes the connection; then opened
        again and left silent (as a client that connects ahead of its requests does), so
        these connections hold the server's descriptors without adding requests."""
        loop = self._loop
        first = True
        while True:
            reader, writer = await self._connect("idle", slot)
            try:
                if first:
                    writer.write(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
                    code = await _answer_status(reader)
                    if code != 200:
                        self.outcomes["idle"][f"{code}"] += 1
                        await asyncio.sleep(0.5)
                        continue
                    first = False
                    self._ready("idle", slot)
                since = self.live["idle"][slot] = loop.time()
                rest = await reader.read(1)
                self.ages["idle"].append(loop.time() - since)
                self.outcomes["idle"]["closed" if not rest else "unexpected data"] += 1
            except (OSError, asyncio.IncompleteReadError, ValueError):
                self.outcomes["idle"]["reset"] += 1
            finally:
                self.live["idle"].pop(slot, None)
                writer.close()

    async def _slow(self, kind: str, slot: int) -> None:
        """A request whose headers (or body) come a byte a second; again when it ends."""
        loop = self._loop
        while True:
            reader, writer = await self._connect(kind, slot)
            opened = loop.time()
            if kind == "body":
                writer.write(b"POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
                self.live[kind][slot] = loop.time()  # the server's body clock starts here
                trickle = b"a" * 100_000
            else:
                trickle = b"GET /ok HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 100_000
            got = b""
            sent = 0
            outcome = ""
            try:
                writer.write(trickle[:1])
                sent = 1
                while True:
                    try:
                        data = await asyncio.wait_for(reader.read(4096), TRICKLE)
                    except TimeoutError:
                        writer.write(trickle[sent : sent + 1])
                        sent += 1
                        continue
                    if not data:
                        break
                    got += data
            except OSError:
                outcome = "reset"
            finally:
                self.live[kind].pop(slot, None)
                writer.close()
            m = re.match(rb"HTTP/1\.1 (\d{3})", got)
            self.outcomes[kind][m.group(1).decode() if m else outcome or "closed"] += 1
            self.ages[kind].append(loop.time() - opened)


def settled_fds(pid: int, seconds: float = 1.0) -> int:
    """The fewest fds ``pid`` holds over ``seconds`` (a worker replaced meanwhile holds a
    few more for a moment)."""
    least = fds(pid)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.1)
        least = min(least, fds(pid))
    return least


def _ended(attack: Attack, kind: str) -> str:
    outcomes = attack.outcomes[kind]
    ages = attack.ages[kind]
    parts = [f"{k} x {v:,}" for k, v in outcomes.most_common()]
    median = f" after {statistics.median(ages):.1f} s median" if ages else ""
    return f"{kind}: {', '.join(parts) or 'none ended'}{median}"


def slowloris(engine: str, args: argparse.Namespace, folder: Path) -> str:
    name = "slowloris"
    port = free_port()
    lua = folder / "faults.lua"
    proc = start(engine, port, folder / "faults.js", [], folder / f"{name}-{engine}.log")
    try:
        if not wait_port(port, proc, timeout=90):
            return f"| {name} | {engine} | did not start |"
        settle(port)
        reactor = status(port)["pid"]
        wrk(args.wrk, port, 3, lua)  # warm-up
        steady = wrk(args.wrk, port, args.seconds, lua)
        time.sleep(1)
        before = settled_fds(reactor)
        attack = Attack(port, IDLE_CONNECTIONS, SLOW_CONNECTIONS)
        attack.start()
        held = fds(reactor)
        peak = [held]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], fds(reactor))

        sampler = threading.Thread(target=sample)
        sampler.start()
        run = wrk(args.wrk, port, args.seconds, lua)
        done.set()
        sampler.join()
        attack.stop()
        left = time.monotonic()
        after = fds(reactor)
        while after > before and time.monotonic() - left < 30:
            time.sleep(0.2)
            after = fds(reactor)
        back = time.monotonic() - left
        back_note = f"back in {back:.1f} s" if after <= before else f"NOT back after {back:.0f} s"
        open_end = ", ".join(f"{k} {attack.open_at_end.get(k, 0)}" for k in KINDS)
        overdue = sum(attack.overdue.values())
        detail = (
            f"{IDLE_CONNECTIONS:,} idle + {SLOW_CONNECTIONS} slow (half headers, half bodies, "
            f"1 byte/s): {run.rps:,.0f} req/s vs steady {steady.rps:,.0f} ({run.rps / steady.rps:.2f}x), "
            f"p99 {run.p99:.1f} vs {steady.p99:.1f} ms ({run.p99 / steady.p99:.1f}x); "
            f"steady {steady.total:,} requests, {steady.ok:,} x 200; reactor fds {before} before, "
            f"{held} with the clients connected, {peak[0]} at most, {after} after ({back_note}); "
            f"ended: {_ended(attack, 'idle')} idle; {_ended(attack, 'headers')}; "
            f"{_ended(attack, 'body')}; open when the clients left: {open_end} "
            f"({overdue} past their timeout)"
        )
        same = "yes" if proc.poll() is None else "no"
        return f"| {name} | {engine} | {run.counts()} | {same} | {detail} |"
    finally:
        stop(proc)


# ------------------------------------------------------------------ sigterm
IN_FLIGHT = 16
PROBES = 8


def _send_slow(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
    return s


def _read_answer(s: socket.socket) -> tuple[int, bool]:
    """(status, said Connection: close) of the answer on ``s``, read until the server
    closes it (0: no answer)."""
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
    except OSError:
        pass
    finally:
        s.close()
    if not data.startswith(b"HTTP/1.1 "):
        return 0, False
    head = data.split(b"\r\n\r\n", 1)[0].lower()
    return int(data[9:12]), b"\r\nconnection: close" in head


class Probe(threading.Thread):
    """A keep-alive client that knows what became of each request it sent: answered
    (the answer read before or after the signal, with or without ``Connection: close``),
    or cut (sent, and the connection ended without its answer). It stops when a connect
    is refused."""

    def __init__(self, port: int, signalled: threading.Event) -> None:
        super().__init__(daemon=True)
        self.port = port
        self.signalled = signalled
        self.answered = Counter[str]()
        self.cut = 0
        self.refused = 0

    def run(self) -> None:
        while self.refused == 0:
            try:
                s = socket.create_connection(("127.0.0.1", self.port), timeout=30)
            except ConnectionRefusedError:
                self.refused += 1
                return
            except OSError:
                self.cut += 1
                continue
            with s, s.makefile("rb") as f:
                while True:
                    try:
                        s.sendall(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
                        head = f.readline()
                        length, close = 0, False
                        while (line := f.readline()) not in (b"\r\n", b""):
                            name, _, value = line.decode("latin-1").partition(":")
                            if name.lower() == "content-length":
                                length = int(value)
                            elif name.lower() == "connection":
                                close = value.strip().lower() == "close"
                        if not head.startswith(b"HTTP/1.1 ") or len(f.read(length)) != length:
                            raise ConnectionError("the connection ended before the answer")
                    except OSError:
                        self.cut += 1
                        break
                    when = "after" if self.signalled.is_set() else "before"
                    self.answered[f"{when} {int(head[9:12])}{' close' if close else ''}"] += 1
                    if close:
                        break


def sigterm(engine: str, args: argparse.Namespace, folder: Path) -> str:
    name = "sigterm"
    port = free_port()
    lua = folder / "faults.lua"
    proc = start(engine, port, folder / "faults.js", [], folder / f"{name}-{engine}.log")
    try:
        if not wait_port(port, proc, timeout=90):
            return f"| {name} | {engine} | did not start |"
        settle(port)
        reactor = status(port)["pid"]
        wrk(args.wrk, port, 3, lua)  # warm-up
        # wrk runs until SIGINT (it then prints what it saw), sent once the server is gone.
        load = subprocess.Popen(
            wrk_command(args.wrk, port, args.seconds + 120, lua),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=wrk_env(),
        )
        signalled = threading.Event()
        probes = [Probe(port, signalled) for _ in range(PROBES)]
        for p in probes:
            p.start()
        time.sleep(args.seconds / 2)
        slow = [_send_slow(port) for _ in range(IN_FLIGHT)]
        time.sleep(0.1)  # the reactor has them, the workers are in their 0.5 s
        signalled.set()
        at = time.monotonic()
        os.kill(reactor, signal.SIGTERM)
        try:
            code: int | None = proc.wait(60)
        except subprocess.TimeoutExpired:
            code = None
        drain = time.monotonic() - at
        load.send_signal(signal.SIGINT)
        run = parse(load.communicate(timeout=30)[0])
        for p in probes:
            p.join(30)
        answers = [_read_answer(s) for s in slow]
        answered = sum(code == 200 for code, _ in answers)
        closing = sum(close for code, close in answers if code == 200)
        probed = sum((p.answered for p in probes), Counter[str]())
        after = sum(v for k, v in probed.items() if k.startswith("after"))
        after_close = sum(v for k, v in probed.items() if k.startswith("after") and k.endswith("close"))
        cut = sum(p.cut for p in probes)
        errors = run.errors
        # wrk reports a reconnect refused once the listener is closed as a connect or a
        # write error; a request it sent and lost would be a read error or a timeout.
        lost = errors.get("read", 0) + errors.get("timeout", 0)
        refused = errors.get("connect", 0) + errors.get("write", 0)
        detail = (
            f"SIGTERM after {args.seconds / 2:g} s of load: exit {code} after a {drain:.2f} s drain; "
            f"{answered}/{IN_FLIGHT} in-flight 0.5 s requests answered 200, {closing} of them with "
            f"Connection: close; {PROBES} keep-alive probes: {sum(probed.values()):,} answered "
            f"({after} after the signal, {after_close} of those with Connection: close), {cut} cut, "
            f"then refused; wrk: {run.closes} answers with Connection: close (one per connection), "
            f"read errors {errors.get('read', 0)}, timeouts {errors.get('timeout', 0)}, "
            f"{refused:,} reconnects refused (connect {errors.get('connect', 0)}, "
            f"write {errors.get('write', 0)})"
        )
        counts = f"{run.total:,} | {run.ok:,} | {run.others} | {lost + cut} (+{refused:,} refused)"
        return f"| {name} | {engine} | {counts} | exit {code} | {detail} |"
    finally:
        stop(proc)


# ------------------------------------------------------------------ soak
#: A JSON body of about 1 KB for the echo handler.
ECHO_BODY = json.dumps(
    {"id": 1, "items": [{"n": i, "name": f"item-{i}", "tags": ["a", "b"], "ok": True} for i in range(20)]}
)


@dataclass
class Life:
    """One worker process as the soak saw it."""

    slot: str
    start: int
    peak: int = 0
    #: Its RSS at each sample.
    samples: list[int] = field(default_factory=list)


def _trend(xs: list[int], scale: float = 1) -> str:
    """Medians of the first, the middle and the last ten samples, and the largest (a leak
    climbs all along; a warm-up levels off)."""
    mid = len(xs) // 2
    parts = (xs[:10], xs[max(0, mid - 5) : mid + 5], xs[-10:])
    return (
        " -> ".join(f"{statistics.median(x) / scale:.0f}" for x in parts) + f" (peak {max(xs) / scale:.0f})"
    )


def soak(engine: str, args: argparse.Namespace, folder: Path) -> str:
    name = "soak"
    seconds = args.soak_seconds or 600
    port = free_port()
    lua = folder / "faults.lua"
    log = folder / f"{name}-{engine}.log"
    proc = start(engine, port, folder / "faults.js", [], log)
    try:
        if not wait_port(port, proc, timeout=90):
            return f"| {name} | {engine} | did not start |"
        settle(port)
        reactor = status(port)["pid"]
        load = subprocess.Popen(
            wrk_command(args.wrk, port, seconds, lua),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=wrk_env(echo=ECHO_BODY),
        )
        lives: dict[int, Life] = {}
        reactor_rss: list[int] = []
        reactor_fds: list[int] = []
        while load.poll() is None:
            time.sleep(1.0)
            try:
                workers = status(port)["workers"]
            except OSError:
                continue
            for w in workers:
                size = rss(w["pid"]) if w["pid"] and w.get("start_rss") else 0
                if size:  # a worker that has said HELLO (its start RSS) and is alive
                    life = lives.setdefault(w["pid"], Life(w["name"], w["start_rss"]))
                    life.peak = max(life.peak, size)
                    life.samples.append(size)
            sizes = rss(reactor), fds(reactor)
            if load.poll() is None:  # still under load
                reactor_rss.append(sizes[0])
                reactor_fds.append(sizes[1])
        run = parse(load.communicate()[0])
        text = log.read_text(errors="replace")
        recycles = len(re.findall(r"replaced by pid", text))
        # Anything the server warned about before the shutdown (a crash, a kill, a retire).
        served = text.split("shutting down", 1)[0]
        warnings = len(re.findall(r"^\S+ (?:WARNING|ERROR|CRITICAL) ", served, re.M))
        mb = 2**20
        ratios = sorted(((life.peak / life.start, pid) for pid, life in lives.items()), reverse=True)
        first = list(lives.items())[:2]
        firsts = "; ".join(
            f"{life.slot} (pid {pid}) start {life.start / mb:.0f}, RSS MB {_trend(life.samples, mb)}, "
            f"{life.peak / life.start:.2f}x"
            for pid, life in first
        )
        worst, worst_pid = ratios[0] if ratios else (float("nan"), 0)
        starts = [life.start / mb for life in lives.values()]
        peaks = [life.peak / mb for life in lives.values()]

        over = sum(ratio >= 2 for ratio, _ in ratios)
        median = statistics.median(ratio for ratio, _ in ratios) if ratios else float("nan")
        errors = ", ".join(f"{k} {v}" for k, v in run.errors.items() if v) or "none"
        detail = (
            f"{seconds} s, {run.rps:,.0f} req/s, p99 {run.p99:.0f} ms, slowest {run.slowest:,.0f} ms, "
            f"socket errors: {errors}; first workers: {firsts}; {len(lives)} worker processes "
            f"seen, {recycles} recycles; every worker: start {min(starts):.0f}-{max(starts):.0f} MB, "
            f"peak {min(peaks):.0f}-{max(peaks):.0f} MB, peak/start median {median:.2f}x, largest "
            f"{worst:.2f}x (pid {worst_pid}), {over} at 2x or more (target: none); reactor RSS MB "
            f"{_trend(reactor_rss, mb)}, fds {_trend(reactor_fds)}; {warnings} warnings or errors "
            f"in the log"
        )
        same = "yes" if proc.poll() is None and status(port)["pid"] == reactor else "no"
        return f"| {name} | {engine} | {run.counts()} | {same} | {detail} |"
    finally:
        stop(proc)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Default run: " + ", ".join(DEFAULT) + " (soak only with --only soak or --soak-seconds).",
    )
    ap.add_argument("--engine", action="append", help="engine(s) (default: v8 and spidermonkey)")
    ap.add_argument("--only", choices=SCENARIOS, action="append", help="scenario(s) to run")
    ap.add_argument("--seconds", type=int, default=20, help="length of each faulty run (not the soak)")
    ap.add_argument(
        "--soak-seconds", type=int, help="length of the soak (default 600; given, it adds the soak)"
    )
    ap.add_argument(
        "--bad-every",
        type=int,
        default=100,
        help="runaway and bomb: every how many requests one is bad (default 100: 1 %%)",
    )
    ap.add_argument("--logs", help="folder to keep the servers' logs in (default: a temporary one)")
    args = ap.parse_args()
    global BAD_EVERY
    BAD_EVERY = args.bad_every
    args.wrk = find_wrk()
    if args.wrk is None:
        return 1
    raise_nofile()
    engines = args.engine or ["v8", "spidermonkey"]
    names = args.only or DEFAULT + (["soak"] if args.soak_seconds else [])
    print("| scenario | engine | requests | 200 | other statuses | socket errors | reactor kept | figures |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(args.logs or d)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "faults.js").write_text(HANDLER)
        (folder / "faults.lua").write_text(LUA)
        run = {"slowloris": slowloris, "sigterm": sigterm, "soak": soak}
        for name in names:
            for engine in engines:
                if name in run:
                    row = run[name](engine, args, folder)
                else:
                    row = scenario(name, engine, args, folder)
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
