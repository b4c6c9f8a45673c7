"""A worker process: engine contexts that run the handler, fed over a socketpair.

Started by the supervisor as ``python -m runtime.server.worker FD CONFIG_JSON`` (a fresh
interpreter, never a fork of a process that imported an engine). It creates every context
up front (V8 isolates must all exist before JS runs), loads the handler, says HELLO with
what the engine can do, and then serves batches:

- a reader thread turns frames into an inbox queue;
- each executor (one per context; the SpiderMonkey one on the main thread, which imported
  it) takes everything queued and runs it in ONE crossing (``__server.run``), collecting
  async completions with the next crossing;
- every crossing carries the remaining deadline as ``timeout`` so a runaway script is
  interrupted there (V8 termination, the SpiderMonkey interrupt) and answered with a 504;
- a memory limit hit answers the culprit with a 503, hands unstarted requests back, and
  retires the process so the supervisor replaces it.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import gc
import logging
import os
import queue
import select
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

import msgspec

from runtime.server import framing, loader, logs
from runtime.server.config import EXIT_LOAD_ERROR, EXIT_RETIRE, WorkerConfig, loaded_engine_modules

log = logging.getLogger("runtime.server")
GLUE = (Path(__file__).parent / "glue.js").read_text(encoding="utf-8")
#: Glue frames are left out of stacks by the shims because of this name.
GLUE_FILENAME = "runtime:shims/server-glue.js"
_TEXT_HEADERS = [["content-type", "text/plain;charset=UTF-8"]]


def _rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _die_with_parent() -> None:
    """Linux: get SIGKILL if the supervisor dies, so no worker outlives it."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Channel:
    """The worker's end of the socketpair: framed sends from any thread."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._lock = threading.Lock()

    def send(self, message: Any) -> None:
        data = framing.frame(message)
        with self._lock:
            self.sock.sendall(data)


class Shared:
    """State the reader thread and the executors share."""

    def __init__(self, executors: int) -> None:
        self.inbox: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()
        self.cancelled: set[int] = set()
        #: Per executor: ("pause" | "resume", ids) for streamed bodies, in arrival order
        #: (each executor acts on the ids of its own streams).
        self.flows: list[list[tuple[str, list[int]]]] = [[] for _ in range(executors)]
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.executors = executors

    def wake_all(self) -> None:
        for _ in range(self.executors):
            self.inbox.put(None)


class Source:
    """Where an executor gets its next batch (at most ``max_batch`` requests)."""

    def receive(self, wait: float | None) -> list[Any]:
        raise NotImplementedError


class QueueSource(Source):
    """Several executors (threads) share the reader thread's inbox."""

    def __init__(self, shared: Shared, max_batch: int) -> None:
        self.inbox = shared.inbox
        self.max_batch = max_batch

    def receive(self, wait: float | None) -> list[Any]:
        batch: list[Any] = []
        inbox = self.inbox
        try:
            item = inbox.get_nowait() if wait == 0 else inbox.get(timeout=wait)
            if item:
                batch.extend(item)
            while len(batch) < self.max_batch:
                item = inbox.get_nowait()
                if item:
                    batch.extend(item)
        except queue.Empty:
            pass
        return batch


class SocketSource(Source):
    """One executor reads the socket itself: no reader thread, no queue hand-off.

    After each crossing it takes whatever arrived meanwhile (``select`` with no wait), so
    the batch grows with the load by itself.
    """

    def __init__(self, chan: Channel, shared: Shared, max_batch: int) -> None:
        self.sock = chan.sock
        self.shared = shared
        self.max_batch = max_batch
        self.reader = framing.FrameReader()
        self.backlog: list[Any] = []

    def receive(self, wait: float | None) -> list[Any]:
        sock = self.sock
        if self.backlog:
            wait = 0.0
        ready, _, _ = select.select([sock], [], [], wait)
        while ready:
            data = sock.recv(1 << 18)
            if not data:  # the supervisor is gone: nobody can use our answers
                os._exit(0 if self.shared.stop.is_set() else 1)
            for msg in self.reader.feed(data):
                _handle(msg, self.shared, self.backlog)
            if len(self.backlog) >= self.max_batch:
                break
            ready, _, _ = select.select([sock], [], [], 0)
        batch = self.backlog[: self.max_batch]
        del self.backlog[: self.max_batch]
        return batch


def _handle(msg: Any, shared: Shared, requests: list[Any] | None) -> None:
    kind = msg[0]
    if kind == framing.REQUESTS:
        if requests is None:
            shared.inbox.put(msg[1])
        else:
            requests.extend(msg[1])
    elif kind == framing.CANCEL:
        with shared.lock:
            shared.cancelled.update(msg[1])
        if requests is None:
            shared.wake_all()
    elif kind == framing.PAUSE or kind == framing.RESUME:
        with shared.lock:
            for flow in shared.flows:
                flow.append(("pause" if kind == framing.PAUSE else "resume", msg[1]))
        if requests is None:
            shared.wake_all()
    elif kind == framing.STOP:
        shared.stop.set()
        if requests is None:
            shared.wake_all()


def _error_body(status: int, text: str) -> list[Any]:
    return [status, _TEXT_HEADERS, text.encode()]


class Executor:
    """Runs batches through one context; answers, times out and cancels its requests."""

    def __init__(self, index: int, ctx: Any, cfg: WorkerConfig, chan: Channel, shared: Shared):
        import runtime

        self.rt = runtime
        self.index = index
        self.name = f"{os.getpid()}.{index}"
        self.ctx = ctx
        self.cfg = cfg
        self.chan = chan
        self.shared = shared
        self.deadlines: dict[int, float] = {}
        self.meta: dict[int, tuple[str, str]] = {}
        self.streams: set[int] = set()  # responses whose body is still streaming
        self.stream_meta: dict[int, tuple[str, str]] = {}
        self.pending = 0
        self.poll_now = False
        self.timer_at: float | None = None

    # -- the loop
    def loop(self, source: Source) -> None:
        shared = self.shared
        while True:
            if shared.stop.is_set() and not self.deadlines and self.pending == 0:
                return
            batch = source.receive(self._wait_time())
            if shared.cancelled:
                self._apply_cancels()
            if shared.flows[self.index]:
                self._apply_flow()
            timer_due = self.timer_at is not None and time.monotonic() >= self.timer_at
            if batch:
                self._run(batch)
            elif self.poll_now or timer_due or self.pending:
                self._collect(timer_due)
            if self.deadlines:
                self._expire()

    def _wait_time(self) -> float | None:
        if self.poll_now:
            return 0.0
        now = time.monotonic()
        wake = self.timer_at
        if self.deadlines:
            first = min(self.deadlines.values())
            wake = first if wake is None else min(wake, first)
        if self.shared.stop.is_set():
            wake = now + 0.05 if wake is None else min(wake, now + 0.05)
        if wake is None:
            return None
        return max(0.0, wake - now)

    # -- crossings
    def _run(self, batch: list[Any]) -> None:
        now = time.monotonic()
        deadline = now + self.cfg.timeout
        items = []
        requests: dict[int, Any] = {}
        for r in batch:
            rid = r[0]
            body = r[4]
            if body is None or body == b"":
                text, b64 = None, 0
            else:
                try:
                    text, b64 = body.decode("utf-8"), 0
                except UnicodeDecodeError:
                    text, b64 = base64.b64encode(body).decode("ascii"), 1
            self.deadlines[rid] = deadline
            self.meta[rid] = (r[1], r[2])
            requests[rid] = r
            items.append([rid, r[1], r[2], r[3], text, b64])
        try:
            out = self.ctx.call("__server.run", items, timeout=max(0.001, deadline - now))
        except self.rt.ScriptTimeout:
            self._interrupted(requests, "timeout")
            return
        except (self.rt.MemoryLimitExceeded, MemoryError):
            self._interrupted(requests, "memory")
            return
        self._take(out, active=True)

    def _collect(self, timer_due: bool) -> None:
        now = time.monotonic()
        timeout = (min(self.deadlines.values()) - now) if self.deadlines else self.cfg.timeout
        try:
            out = self.ctx.call("__server.collect", timeout=max(0.001, timeout))
        except self.rt.ScriptTimeout:
            self._interrupted({}, "timeout")
            return
        except (self.rt.MemoryLimitExceeded, MemoryError):
            self._interrupted({}, "memory")
            return
        self._take(out, active=timer_due)

    def _take(self, out: list[Any], active: bool) -> None:
        done, pending, next_ms = out
        self.pending = pending
        if type(next_ms) is int or type(next_ms) is float:
            self.timer_at = None if next_ms < 0 else time.monotonic() + next_ms / 1000.0
        else:
            self.timer_at = None
        if done:
            self._answer(done)
        # Completions that microtasks produce after this crossing come with the next one.
        self.poll_now = bool(pending) and (active or bool(done))

    def _answer(self, done: list[Any]) -> None:
        replies = []
        chunks = []
        oom = []
        for entry in done:
            rid = entry[0]
            status = entry[1]
            if status <= -3:  # a streamed body: -3 chunk, -4 end, -5 failed midway
                if rid not in self.streams:
                    continue
                if status == -3:
                    chunks.append([rid, base64.b64decode(entry[2])])
                    continue
                self.streams.discard(rid)
                if status == -5:
                    meta = self.stream_meta.pop(rid, ("?", "?"))
                    log.error("%s %s: the response body stream failed: %s", *meta, entry[2].get("stack"))
                    chunks.append([rid, False])
                else:
                    self.stream_meta.pop(rid, None)
                    chunks.append([rid, None])
                continue
            if self.deadlines.pop(rid, None) is None:
                self.meta.pop(rid, None)
                continue  # already answered (timed out or cancelled)
            meta = self.meta.pop(rid, ("?", "?"))
            status = entry[1]
            if status == -2:
                oom.append(rid)
                continue
            if status == -1:
                replies.append([rid, *self._error_reply(entry[2], meta)])
                continue
            body = entry[3]
            if entry[4] == 2 and 200 <= status <= 599:  # the body streams: head now, chunks later
                self.streams.add(rid)
                self.stream_meta[rid] = meta
                replies.append([rid, status, entry[2], None])
                continue
            data = base64.b64decode(body) if entry[4] else body.encode("utf-8", "surrogatepass")
            if not 200 <= status <= 599:
                replies.append(
                    [
                        rid,
                        *self._error_reply(
                            {
                                "name": "RangeError",
                                "message": f"invalid response status {status}",
                                "stack": f"RangeError: invalid response status {status}",
                            },
                            meta,
                        ),
                    ]
                )
                continue
            replies.append([rid, status, entry[2], data])
        if replies:
            self.chan.send([framing.RESPONSES, replies])
        if chunks:
            self.chan.send([framing.CHUNKS, chunks])
        if oom:
            self._retire(oom, [], "the handler ran out of memory")

    def _error_reply(self, record: dict[str, Any], meta: tuple[str, str]) -> list[Any]:
        stack = record.get("stack") or f"{record.get('name')}: {record.get('message')}"
        log.error(
            "handler failed on %s %s: %s",
            meta[0],
            meta[1],
            stack,
            extra={"method": meta[0], "url": meta[1], "worker_pid": os.getpid()},
        )
        if self.cfg.debug:
            return _error_body(500, f"Internal Server Error\n\n{stack}\n")
        return _error_body(500, "Internal Server Error\n")

    def _interrupted(self, requests: dict[int, Any], why: str) -> None:
        """A crossing was terminated (deadline) or hit the memory limit: sort out who gets what."""
        try:
            running, rest, done, pending = self.ctx.call("__server.interrupted")
        except Exception:  # the context cannot say: treat every request as affected
            running, rest, done, pending = -1, [], [], 0
            if why == "memory":
                self._retire(list(requests), [], "memory limit hit and the context is unusable")
                return
        self.pending = pending
        if done:
            self._answer(done)
        if why == "memory":
            culprits = [running] if running >= 0 else []
            culprits += [rid for rid in self.deadlines if rid not in rest and rid not in culprits]
            self._retire(culprits, rest, "the handler hit the memory limit")
            return
        replies = []
        if running >= 0 and self.deadlines.pop(running, None) is not None:
            method, url = self.meta.pop(running, ("?", "?"))
            log.warning(
                "handler for %s %s ran past --timeout %gs and was interrupted", method, url, self.cfg.timeout
            )
            replies.append([running, *_error_body(504, "Gateway Timeout\n")])
        if replies:
            self.chan.send([framing.RESPONSES, replies])
        self._expire()
        retry = [requests[rid] for rid in rest if rid in requests and rid in self.deadlines]
        for rid in rest:
            self.deadlines.pop(rid, None)
            self.meta.pop(rid, None)
        if retry:
            self._run(retry)

    def _retire(self, culprits: list[int], rest: list[int], reason: str) -> None:
        log.error(
            "worker %d retires: %s (--max-memory); %d request(s) get a 503",
            os.getpid(),
            reason,
            len(culprits),
        )
        replies = [
            [rid, *_error_body(503, "Service Unavailable: memory limit exceeded\n")] for rid in culprits
        ]
        with contextlib.suppress(OSError):
            if replies:
                self.chan.send([framing.RESPONSES, replies])
            if rest:
                self.chan.send([framing.REQUEUE, rest])
            self.chan.send([framing.RETIRE, reason])
        os._exit(EXIT_RETIRE)

    def _expire(self) -> None:
        now = time.monotonic()
        late = [rid for rid, d in self.deadlines.items() if d <= now]
        if not late:
            return
        for rid in late:
            del self.deadlines[rid]
            method, url = self.meta.pop(rid, ("?", "?"))
            log.warning(
                "handler for %s %s did not finish within --timeout %gs", method, url, self.cfg.timeout
            )
        with contextlib.suppress(Exception):
            self.ctx.call("__server.cancel", late, timeout=1.0)
        self.chan.send([framing.RESPONSES, [[rid, *_error_body(504, "Gateway Timeout\n")] for rid in late]])

    def _apply_cancels(self) -> None:
        with self.shared.lock:
            ids = [rid for rid in self.shared.cancelled if rid in self.deadlines or rid in self.streams]
            self.shared.cancelled.difference_update(ids)
        if ids:
            for rid in ids:
                self.deadlines.pop(rid, None)
                self.meta.pop(rid, None)
                self.streams.discard(rid)
                self.stream_meta.pop(rid, None)
            with contextlib.suppress(Exception):
                self.ctx.call("__server.cancel", ids, timeout=1.0)

    def _apply_flow(self) -> None:
        """Pause or resume streamed bodies as the supervisor's clients keep up or not."""
        with self.shared.lock:
            flow = self.shared.flows[self.index]
            todo = [(kind, [rid for rid in ids if rid in self.streams]) for kind, ids in flow]
            flow.clear()
        for kind, ids in todo:
            if ids:
                with contextlib.suppress(Exception):
                    self.ctx.call("__server." + kind, ids, timeout=1.0)
                if kind == "resume":
                    self.poll_now = True


def _reader(chan: Channel, shared: Shared) -> None:
    """The reader thread when several executors share the socket."""
    reader = framing.FrameReader()
    sock = chan.sock
    while True:
        try:
            data = sock.recv(1 << 18)
        except OSError:
            data = b""
        if not data:  # the supervisor is gone: nobody can use our answers
            os._exit(0 if shared.stop.is_set() else 1)
        for msg in reader.feed(data):
            _handle(msg, shared, None)


def _make_contexts(cfg: WorkerConfig) -> list[Any]:
    import runtime

    first = runtime.Context(cfg.engine, memory_limit=cfg.memory_limit)
    contexts = [first]
    if cfg.threads > 1:
        if first.capabilities.multi_thread:
            contexts += [
                runtime.Context(cfg.engine, memory_limit=cfg.memory_limit) for _ in range(cfg.threads - 1)
            ]
        else:
            log.warning(
                "--threads %d: %s allows one context per process, so each worker runs one "
                "(use --workers for more parallelism)",
                cfg.threads,
                cfg.engine,
            )
    return contexts


def _load(ctx: Any, handler: loader.Handler, cfg: WorkerConfig) -> None:
    ctx.eval(GLUE, filename=GLUE_FILENAME)
    ctx.call("__server.init", {"env": cfg.env})
    ctx.eval(handler.source, filename=handler.filename, timeout=cfg.timeout)


def _limit_address_space(cfg: WorkerConfig, engine_has_limit: bool) -> None:
    """RLIMIT_AS for engines without a trustworthy heap limit (turns OOM into an error).

    V8 reserves far more address space than it uses (its pointer cage), so it relies on
    its heap limit and the supervisor's RSS watchdog instead.
    """
    if cfg.memory_limit is None or cfg.engine == "v8":
        return
    import resource

    try:
        with open("/proc/self/statm") as f:
            vm = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = vm + 2 * cfg.memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as e:
        log.warning("cannot set RLIMIT_AS: %s", e)


def main(argv: list[str]) -> int:
    fd = int(argv[0])
    cfg = msgspec.json.decode(argv[1], type=WorkerConfig)
    logs.configure(cfg.log_format, cfg.log_level)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the supervisor decides when we stop
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    _die_with_parent()
    sock = socket.socket(fileno=fd)
    sock.setblocking(True)
    chan = Channel(sock)
    try:
        handler = loader.load(cfg.handler)
        import runtime

        contexts = _make_contexts(cfg)
        for ctx in contexts:
            _load(ctx, handler, cfg)
    except Exception as e:
        message = str(e)
        if type(e).__name__ == "JSError":
            message = f"{cfg.handler}: the handler threw while loading:\n{e.stack}"  # type: ignore[attr-defined]
        elif type(e).__name__ == "ScriptTimeout":
            message = f"{cfg.handler}: loading the handler ran past --timeout {cfg.timeout}s"
        with contextlib.suppress(OSError):
            chan.send([framing.FATAL, message])
        return EXIT_LOAD_ERROR
    _limit_address_space(cfg, contexts[0].capabilities.memory_limit)
    shared = Shared(len(contexts))
    executors = [Executor(i, c, cfg, chan, shared) for i, c in enumerate(contexts)]
    chan.send(
        [
            framing.HELLO,
            {
                "pid": os.getpid(),
                "engine": cfg.engine,
                "threads": len(contexts),
                "capabilities": contexts[0].capabilities.as_dict(),
                "modules": loaded_engine_modules(),
                "rss": _rss(),
            },
        ]
    )
    # Everything made so far lives as long as the worker: keep it out of the collector's
    # sweeps, and collect young objects less often (a full sweep mid-batch is a latency
    # spike for every request in the batch).
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    threads = []
    if len(executors) == 1:
        executors[0].loop(SocketSource(chan, shared, cfg.max_batch))
    else:
        threading.Thread(target=_reader, args=(chan, shared), name="reader", daemon=True).start()
        for ex in executors[1:]:

            def run(ex: Executor = ex) -> None:
                with runtime.Locker(ex.ctx.isolate):
                    ex.loop(QueueSource(shared, cfg.max_batch))

            t = threading.Thread(target=run, name=f"executor-{ex.name}", daemon=True)
            t.start()
            threads.append(t)
        executors[0].loop(QueueSource(shared, cfg.max_batch))
    for t in threads:
        t.join()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip engine teardown at exit: nothing is left to run


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
