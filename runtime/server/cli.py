"""``runtime serve HANDLER``: the click command (registered by ``runtime.cli``).

Every option can also come from the environment as ``RUNTIME_<OPTION>`` (``RUNTIME_PORT``,
``RUNTIME_WORKERS``, ``RUNTIME_ENV`` as space-separated KEY=VALUE pairs...), as uvicorn does.
This module imports no engine: names are checked against the entry points only.
"""

from __future__ import annotations

import math
import os
import sys

import click

from runtime import registry
from runtime.cli_options import conditions_option, engine_option
from runtime.server.config import DEFAULT_PORT, Config, usable_cpus

#: The smallest --max-growth other than 0.
MIN_GROWTH = 1.1


def _parse_env(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            ctx = click.get_current_context(silent=True)
            if ctx is not None and ctx.get_parameter_source("env") == click.core.ParameterSource.ENVIRONMENT:
                # RUNTIME_ENV=production is a common application variable, not meant for us
                raise click.BadParameter(
                    f"{item!r} (from the environment variable RUNTIME_ENV) is not KEY=VALUE: "
                    "RUNTIME_ENV sets --env bindings; unset it, or give KEY=VALUE pairs",
                    param_hint="--env",
                )
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--env")
        out[key] = value
    return out


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("handler", type=click.Path(exists=True, dir_okay=False))
@engine_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="RUNTIME_HOST",
    show_envvar=True,
    help="Address to listen on.",
)
@click.option(
    "-p",
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=DEFAULT_PORT,
    show_default=True,
    envvar="RUNTIME_PORT",
    show_envvar=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    envvar="RUNTIME_WORKERS",
    show_envvar=True,
    help="Worker processes (default: the CPUs this process may use). Each is isolated: a crash or a "
    "runaway script affects only its own requests.",
)
@click.option(
    "--spare-workers",
    type=click.IntRange(min=0),
    default=None,
    envvar="RUNTIME_SPARE_WORKERS",
    show_envvar=True,
    help="Most extra workers at once (default: as many as --workers; 0: none). While a "
    "worker is stuck in one long script (a runaway, until its --timeout), a spare starts "
    "so that --workers stay free to serve; it stops after 10 s without a request.",
)
@click.option(
    "--standby-workers",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    envvar="RUNTIME_STANDBY_WORKERS",
    show_envvar=True,
    help="Spares each reactor keeps started and idle (within --spare-workers), so that a "
    "worker that crashes, runs out of memory or is stuck in a runaway script is stood in "
    "for at once instead of after a process start. 0: spares start only when needed.",
)
@click.option(
    "--reactors",
    type=click.IntRange(min=1),
    default=None,
    envvar="RUNTIME_REACTORS",
    show_envvar=True,
    help="Reactor processes (the HTTP side) sharing the port through SO_REUSEPORT, each "
    "with its share of the workers (default: one per 2 CPUs, at most one per worker). One "
    "reactor caps what many cores behind it can serve.",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    envvar="RUNTIME_THREADS",
    show_envvar=True,
    help="Contexts per worker, each on its own thread, for engines that allow it (see `runtime engines`).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.001),
    default=30.0,
    show_default=True,
    envvar="RUNTIME_TIMEOUT",
    show_envvar=True,
    help="Seconds a request may take; then 504 and the script is interrupted.",
)
@click.option(
    "--max-memory",
    type=click.FloatRange(min=1),
    default=None,
    envvar="RUNTIME_MAX_MEMORY",
    show_envvar=True,
    help="MB of JS heap per context (engine limit); a worker whose RSS grows past "
    "its startup size plus twice this is killed. The request that breaks it gets "
    "a 503 and the worker is replaced.",
)
@click.option(
    "--max-body",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    envvar="RUNTIME_MAX_BODY",
    show_envvar=True,
    help="Largest request body in MB (else 413).",
)
@click.option(
    "--max-requests",
    type=click.IntRange(min=0),
    default=None,
    envvar="RUNTIME_MAX_REQUESTS",
    show_envvar=True,
    help="Replace a worker after it has served this many requests, without a pause (its "
    "replacement starts first, then it drains); 0: never. Default: never, or on engines "
    "that leak a little per call (`runtime engines`: leaks_per_call) after 100000 requests "
    "or once its RSS passes 1.6x its start, whichever comes first, which bounds their growth.",
)
@click.option(
    "--max-growth",
    type=click.FloatRange(min=0),
    default=None,
    callback=lambda ctx, param, value: _growth_factor(value),
    envvar="RUNTIME_MAX_GROWTH",
    show_envvar=True,
    help="Replace a worker, the same way, once its RSS passes this many times its size at "
    "start (1.1 or more): for a handler that keeps memory it never gives back (a cache "
    "without bounds). 0: never. Default: never, or 1.6 on engines that leak per call when "
    "--max-requests is not given.",
)
@click.option(
    "--env",
    "env",
    multiple=True,
    envvar="RUNTIME_ENV",
    show_envvar=True,
    metavar="KEY=VALUE",
    help="A binding for the handler's `env` argument (repeatable).",
)
@conditions_option
@click.option(
    "--reload",
    is_flag=True,
    envvar="RUNTIME_RELOAD",
    show_envvar=True,
    help="Restart workers when the handler changes (old ones drain; no request fails). "
    "Without it, SIGHUP does the same once.",
)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    envvar="RUNTIME_LOG_FORMAT",
    show_envvar=True,
    help="Log line format (stderr).",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    default="info",
    show_default=True,
    envvar="RUNTIME_LOG_LEVEL",
    show_envvar=True,
    help="Log level.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    envvar="RUNTIME_ACCESS_LOG",
    show_envvar=True,
    help="One line per request: method, path, status, bytes, ms, worker.",
)
@click.option(
    "--metrics-port",
    type=click.IntRange(min=0, max=65535),
    default=None,
    envvar="RUNTIME_METRICS_PORT",
    show_envvar=True,
    help="Also listen on this port (same --host) for /metrics (Prometheus), /healthz "
    "(the server is alive) and /readyz (a worker is ready and the server is not draining).",
)
@click.option(
    "--graceful-timeout",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    envvar="RUNTIME_GRACEFUL_TIMEOUT",
    show_envvar=True,
    help="On SIGTERM/SIGINT, seconds in-flight requests get to finish (new connections "
    "are refused at once, /readyz answers 503); then the server exits.",
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="RUNTIME_DEBUG",
    show_envvar=True,
    help="Put the JS stack in 500 response bodies (it is always in the server log).",
)
def serve(
    handler: str,
    engine: str,
    host: str,
    port: int,
    workers: int | None,
    spare_workers: int | None,
    standby_workers: int,
    reactors: int | None,
    threads: int,
    timeout: float,
    max_memory: float | None,
    max_body: float,
    max_requests: int | None,
    max_growth: float | None,
    env: tuple[str, ...],
    conditions: tuple[str, ...] | None,
    reload: bool,
    log_format: str,
    log_level: str,
    access_log: bool,
    metrics_port: int | None,
    graceful_timeout: float,
    debug: bool,
) -> None:
    """Serve HTTP with the fetch handler in HANDLER (.js, .mjs, .ts, .jsx, .tsx).

    \b
    Handler forms:
      export default { async fetch(request, env, ctx) { return new Response("hi") } }
      export default app            (any object with a fetch method, e.g. a Hono app)
      addEventListener("fetch", (event) => event.respondWith(new Response("hi")))

    The handler may import local files and npm packages from node_modules (ES modules
    or CommonJS), and be written in TypeScript or JSX: no bundler needed.

    The reactor (this process) never loads an engine; the handler runs in worker
    processes, so a crash, a runaway script or a memory blow-up costs only the requests
    on that worker (502/504/503) and the worker is replaced.
    """
    for name, number in (
        ("--timeout", timeout),
        ("--max-memory", max_memory),
        ("--max-body", max_body),
        ("--graceful-timeout", graceful_timeout),
    ):
        if number is not None and not math.isfinite(number):
            raise click.BadParameter(f"{number} is not a finite number of seconds or MB", param_hint=name)
    if engine not in registry.names():
        known = ", ".join(registry.names()) or "none"
        raise click.BadParameter(f"unknown engine {engine!r}; installed: {known}", param_hint="--engine")
    if metrics_port is not None and metrics_port == port and port != 0:
        raise click.BadParameter(
            f"{metrics_port} is the --port the handler is served on: give the metrics another port",
            param_hint="--metrics-port",
        )
    cfg = Config(
        handler=handler,
        engine=engine,
        host=host,
        port=port,
        workers=workers or usable_cpus(),
        spare_workers=spare_workers,
        standby_workers=standby_workers,
        reactors=reactors,
        threads=threads,
        timeout=timeout,
        max_memory_mb=max_memory,
        max_body_mb=max_body,
        max_requests=max_requests,
        max_growth=max_growth,
        env=_parse_env(env),
        conditions=conditions,
        reload=reload,
        log_format=log_format,
        log_level=log_level,
        access_log=access_log,
        debug=debug,
        metrics_port=metrics_port,
        graceful_timeout=graceful_timeout,
    )
    _apply_test_overrides(cfg)
    n = cfg.reactor_count
    if reactors is not None and reactors > cfg.workers:
        raise click.BadParameter(
            f"{reactors} reactors for {cfg.workers} worker(s): each reactor needs a worker of its own",
            param_hint="--reactors",
        )
    if n > 1:
        from runtime.server.group.reactors import serve as run_group

        sys.exit(run_group(cfg, n))
    from runtime.server.reactor.server import serve as run

    sys.exit(run(cfg))


def _growth_factor(value: float | None) -> float | None:
    """``--max-growth``: 0, or a factor far enough above 1 that a worker's RSS settling
    after start does not pass it (else every worker would be replaced as it comes up)."""
    if value is not None and 0 < value < MIN_GROWTH:
        raise click.BadParameter(
            f"{value:g} would replace every worker as it starts: give 0 (never) or a "
            f"factor of {MIN_GROWTH:g} or more (times the worker's RSS at start)"
        )
    return value


def _apply_test_overrides(cfg: Config) -> None:
    """Limits without CLI options may be shortened from the environment (tests do)."""
    for name, cast in (
        ("keepalive_timeout", float),
        ("header_timeout", float),
        ("body_timeout", float),
        ("max_connections", int),
        ("max_header_bytes", int),
        ("graceful_timeout", float),
        ("kill_grace", float),
        ("backoff_max", float),
        ("settle", float),
        ("crash_loop_threshold", int),
        ("max_batch", int),
        ("leak_recycle_requests", int),
        ("leak_recycle_growth", float),
        ("spare_idle", float),
        ("demote_after", float),
        ("stuck_after", float),
        ("wake_after", float),
    ):
        variable = f"RUNTIME_SERVER_{name.upper()}"
        value = os.environ.get(variable)
        if value:
            try:
                setattr(cfg, name, cast(value))
            except ValueError:
                kind = "a whole number" if cast is int else "a number of seconds"
                raise click.UsageError(f"{variable}={value!r} in the environment is not {kind}") from None
