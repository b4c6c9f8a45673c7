"""A worker's start: contexts, the handler, HELLO, then the executors until STOP.

Every context is created up front (some engines need all of theirs to exist before any JS
runs), each loads the runner and the handler, and only then does the worker say HELLO, so
the reactor never routes a request to a worker that cannot serve it. A handler that fails
to load is reported (``Fatal``) and the worker exits with ``EXIT_LOAD_ERROR``.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Any

import msgspec

import runtime
from runtime.server import engine_modules, handler_source, logs, procstat
from runtime.server.config import EXIT_LOAD_ERROR, WorkerConfig
from runtime.server.protocol import CALL_INIT, CALL_READY, CALL_USE_MODULE, Fatal, Hello
from runtime.server.worker.channel import Channel
from runtime.server.worker.executor import Executor
from runtime.server.worker.inbox import Inbox, Source, sources

log = logging.getLogger("runtime.server")
RUNNER = (Path(__file__).parent / "runner.js").read_text(encoding="utf-8")
#: Frames of files named ``runtime:shims/...`` are left out of the stacks handlers see.
RUNNER_FILENAME = "runtime:shims/server-runner.js"


def _die_with_parent() -> None:
    """Linux: get SIGKILL if the reactor dies, so no worker outlives it."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _make_contexts(cfg: WorkerConfig) -> list[runtime.Context]:
    def context() -> runtime.Context:
        # The conditions the reactor checked the module graph with, and --reload watches.
        return runtime.Context(cfg.engine, memory_limit=cfg.memory_limit, conditions=cfg.conditions)

    first = context()
    contexts = [first]
    if cfg.threads > 1:
        if first.capabilities.multi_thread:
            contexts += [context() for _ in range(cfg.threads - 1)]
        else:
            log.warning(
                "--threads %d: %s allows one context per process, so each worker runs one "
                "(use --workers for more parallelism)",
                cfg.threads,
                cfg.engine,
            )
    return contexts


def _load(ctx: runtime.Context, handler: handler_source.Handler, cfg: WorkerConfig) -> None:
    ctx.eval(RUNNER, filename=RUNNER_FILENAME)
    ctx.call(CALL_INIT, {"env": cfg.env})
    module: Any = {}
    if handler.module:
        module = ctx.import_module(handler.path, timeout=cfg.timeout)
        if "default" in module:
            ctx.call(CALL_USE_MODULE, module.handle("default"))
    else:
        # The script's completion value is not wanted (it may not convert to Python).
        ctx.eval(handler.source + "\n;void 0", filename=handler.filename, timeout=cfg.timeout)
    try:
        ctx.call(CALL_READY)
    except runtime.JSError as e:
        hint = ""
        if handler.module and "default" not in module and "fetch" in module:
            hint = " (it has a named export `fetch`: export it as the default, `export default { fetch }`)"
        raise handler_source.HandlerError(f"{cfg.handler}: {e.message}{hint}") from None


def _load_error(e: Exception, cfg: WorkerConfig) -> str:
    if isinstance(e, runtime.ScriptTimeout):
        return f"{cfg.handler}: loading the handler ran past --timeout {cfg.timeout}s"
    if isinstance(e, runtime.JSError):
        return f"{cfg.handler}: the handler threw while loading:\n{e.stack}"
    return str(e)


def _limit_address_space(cfg: WorkerConfig, allowed: bool) -> None:
    """Cap the address space (RLIMIT_AS) at what is mapped now plus twice the heap limit,
    where the engine allows it: runaway allocation then fails inside the engine, as an
    error the worker answers with a 503. Other engines rely on their heap limit and the
    reactor's RSS watchdog."""
    if cfg.memory_limit is None or not allowed:
        return
    import resource

    try:
        limit = procstat.address_space() + 2 * cfg.memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (OSError, ValueError) as e:
        log.warning("cannot set RLIMIT_AS: %s", e)


def main(argv: list[str]) -> int:
    fd = int(argv[0])
    cfg = msgspec.json.decode(argv[1], type=WorkerConfig)
    logs.configure(cfg.log_format, cfg.log_level)
    # The reactor decides when a worker stops (it drains, then sends Stop): a SIGTERM or
    # SIGINT sent to the whole process group (systemd's control-group kill, Ctrl-C) must
    # not cut what is in flight. A worker is killed with SIGKILL, and dies with its reactor.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    sock = socket.socket(fileno=fd)
    sock.setblocking(True)
    chan = Channel(sock)
    try:
        handler = handler_source.load(cfg.handler, cfg.conditions)
        before = engine_modules.snapshot()
        contexts = _make_contexts(cfg)
        modules = engine_modules.added_since(before)
        for ctx in contexts:
            _load(ctx, handler, cfg)
    except Exception as e:
        with contextlib.suppress(OSError):
            chan.send(Fatal(_load_error(e, cfg)))
        return EXIT_LOAD_ERROR
    capabilities = contexts[0].capabilities
    _limit_address_space(cfg, capabilities.address_space_limit)
    inbox = Inbox(len(contexts))
    executors = [Executor(i, c, cfg, chan, inbox) for i, c in enumerate(contexts)]
    hello = Hello(
        pid=os.getpid(),
        engine=cfg.engine,
        threads=len(contexts),
        capabilities=capabilities.as_dict(),
        modules=modules,
        rss=procstat.rss(),
    )
    try:
        chan.send(hello)
    except OSError:  # the reactor stopped while this worker started: nothing to serve
        os._exit(0)
    # Everything made so far lives as long as the worker: keep it out of the collector's
    # sweeps, and collect young objects less often (a full sweep mid-batch is a latency
    # spike for every request in the batch).
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    _serve(executors, sources(sock, inbox, cfg.max_batch))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip engine teardown at exit: nothing is left to run


def _serve(executors: list[Executor], inputs: list[Source]) -> None:
    """Run every executor until STOP: the first on this thread (the one that made the
    contexts), the others on their own threads, each owning its context's isolate."""
    threads = []
    for ex, source in zip(executors[1:], inputs[1:], strict=True):

        def run(ex: Executor = ex, source: Source = source) -> None:
            with runtime.Locker(ex.ctx.isolate):
                ex.loop(source)

        t = threading.Thread(target=run, name=f"executor-{ex.name}", daemon=True)
        t.start()
        threads.append(t)
    executors[0].loop(inputs[0])
    for t in threads:
        t.join()
