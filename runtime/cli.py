"""The ``runtime`` command: ``eval``, ``run``, ``engines`` and ``serve``."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engines.base import Capabilities
from runtime import registry
from runtime.cli_options import conditions_option, engine_option
from runtime.errors import JSError

if TYPE_CHECKING:
    from runtime.context import Context


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="runtime", prog_name="runtime")
def main() -> None:
    """An embeddable JavaScript runtime with pluggable engines (V8, SpiderMonkey)."""


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def engines(as_json: bool) -> None:
    """List the installed engines: version, availability and capabilities."""
    rows = registry.describe()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    caps = [f.name for f in dataclasses.fields(Capabilities)]
    header = ["engine", "available", "version", *caps]
    table = [header]
    for row in rows:
        c = row["capabilities"] or {}
        cells = [
            str(row["name"]),
            "yes" if row["available"] else "no",
            str(row["version"] or row["reason"]),
        ]
        for cap in caps:
            v = c.get(cap, "")
            cells.append("∞" if v is None and c else ("yes" if v is True else "no" if v is False else str(v)))
        table.append(cells)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())


class _Seconds(click.ParamType):
    """A finite, positive number of seconds (NaN, infinity, 0 and less are usage errors)."""

    name = "seconds"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not (0 < seconds < 1e9):  # NaN fails too
            self.fail(f"{value!r} is not a positive, finite number of seconds", param, ctx)
        return seconds


_SECONDS = _Seconds()


@main.command("eval")
@click.argument("code", required=False)
@click.option(
    "-f",
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False),
    help="Evaluate this file instead of CODE.",
)
@engine_option
@click.option("--timeout", type=_SECONDS, default=None, help="Seconds before the script is stopped.")
def eval_command(code: str | None, path: str | None, engine: str, timeout: float | None) -> None:
    """Evaluate CODE (a classic script; `-`: read it from stdin) or a file, and print the
    result as JSON.

    A returned Promise is awaited (timers run meanwhile). console.log and friends write
    to stdout (warn and error to stderr) as they do under `runtime run`. On a JS exception
    the JS stack goes to stderr and the exit status is 1.

    \b
    Examples:
      runtime eval "1 + 2"
      runtime eval --engine spidermonkey "new Date(0)"
      echo "1 + 2" | runtime eval -
      runtime eval -f script.js
    """
    import runtime

    if code is not None and path is not None:
        raise click.UsageError("give CODE or -f FILE, not both")
    if code is None and path is None:
        raise click.UsageError("give CODE to evaluate (`-` reads it from stdin), or -f FILE")
    filename = "<eval>"
    if code == "-":
        code, filename = sys.stdin.read(), "<stdin>"
    if path is not None:
        try:
            with open(path, encoding="utf-8") as f:
                code = f.read()
        except UnicodeDecodeError as e:
            raise click.FileError(path, hint=f"not UTF-8 text ({e.reason} at byte {e.start})") from None
        filename = path
    assert code is not None
    _console_to_stdio()
    try:
        with runtime.Context(engine) as ctx:
            ctx._log_as_written()
            value = ctx.eval(code, filename=filename, timeout=timeout)
            if isinstance(value, runtime.JSPromise):
                value = ctx.wait(value, timeout=timeout)
            click.echo(json.dumps(_jsonable(value), ensure_ascii=False))
    except (runtime.RuntimeFailure, TypeError) as e:
        _exit_for(e)


@main.command("run", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@engine_option
@conditions_option
@click.option("--timeout", type=_SECONDS, default=None, help="Seconds before the program is stopped.")
def run_command(
    file: str, args: tuple[str, ...], engine: str, conditions: tuple[str, ...] | None, timeout: float | None
) -> None:
    """Run FILE (a script or module: .js, .mjs, .cjs, .ts, .jsx, .tsx) like `node FILE`.

    Its imports are resolved like Node (node_modules included), TypeScript and JSX are
    compiled on the fly, and timers and promises run until nothing is pending. ARGS are
    in the global `scriptArgs` and in `process.argv` of `node:process` (after FILE). On
    an uncaught exception or a promise rejection nobody handled, the JS stack goes to
    stderr and the exit status is 1.

    \b
    Examples:
      runtime run app.ts
      runtime run --engine spidermonkey tool.js input.txt
    """
    import time

    import runtime
    from runtime.server import handler_source

    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        entry = handler_source.load(file, conditions)
    except handler_source.HandlerError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    _console_to_stdio()
    exit_codes: list[int] = []
    try:
        with runtime.Context(engine, conditions=conditions) as ctx:
            ctx.set_exit_handler(exit_codes.append)  # process.exit(code)
            ctx._waiter.unref_keeps_waiting = False  # as a Node process ends
            ctx._log_as_written()
            ctx.globals["scriptArgs"] = list(args)
            ctx.eval("(file) => { __runtime.main = file; }")(entry.filename)  # process.argv[1]
            # An exception no one caught (a timer, a promise job) or a promise rejection no
            # one handled ends the program, as in Node and Deno, unless a listener of its
            # event cancels it.
            failed = ctx.eval(
                "(() => { const seen = [], see = (e) => { seen.push(e); };"
                " addEventListener('error', see); addEventListener('unhandledrejection', see);"
                " return () => seen.some((e) => !e.defaultPrevented); })()"
            )
            # As Node runs a file: an ES module, or CommonJS (require, module, exports) by
            # its extension, package.json "type" or, failing both, its syntax.
            keeps_alive = ctx.eval("() => __runtime.keepsAlive()")
            before_exit = ctx.eval(_BEFORE_EXIT)
            try:
                idle = _import_main(ctx, entry.path, deadline, keeps_alive, before_exit)
            except runtime.JSError as e:
                # Thrown by the module's body: unless an uncaughtException listener takes
                # it, reported, then "exit" listeners (code 1).
                if not ctx.eval("() => __runtime.modules.offerMainError()")():
                    _report(e)
                    ctx.eval(_FATAL)()
                    sys.exit(1)
                idle = False
            # Timers keep it going, except those a program unref()'d (node:timers).
            while True:
                while not failed() and (delay := ctx.run_timers()) is not None and keeps_alive():
                    if deadline is not None and time.monotonic() + delay > deadline:
                        raise runtime.ScriptTimeout(f"the program ran past --timeout {timeout}s")
                    time.sleep(delay)
                    idle = False
                # again while "beforeExit" listeners schedule more (promise jobs ran in the call);
                # not again right after the one that settled the module's wait, as in Node
                if failed() or (idle and not keeps_alive()) or not before_exit() or not keeps_alive():
                    break
                idle = False
            if failed():
                sys.exit(1)
            code = ctx.eval(_EXIT)() & 0xFF
            if code:
                sys.exit(code)
    except (runtime.RuntimeFailure, TypeError) as e:
        if exit_codes:  # the script process.exit() stopped
            sys.exit(exit_codes[0])
        _exit_for(e)
    except KeyboardInterrupt:
        sys.exit(130)  # Ctrl-C, as a shell reports a program SIGINT ended (Node's status)


# node:process's end of a program (process.js `programEnd`), where the program loaded it.
_BEFORE_EXIT = "() => __runtime.programEnd !== undefined && __runtime.programEnd.beforeExit()"
_EXIT = "() => (__runtime.programEnd === undefined ? 0 : __runtime.programEnd.exit())"
_FATAL = "() => { if (__runtime.programEnd !== undefined) __runtime.programEnd.fatal(); }"


def _causes(e: JSError, indent: str = "") -> str:
    """An error's cause chain as Node prints it after the stack (`{ [cause]: ... }`)."""
    cause = e.cause
    if cause is None:
        return ""
    inner = indent + "  "
    if cause.name == "Uncaught" and isinstance(cause.value, str):
        text = repr(cause.value)  # a string, quoted as inspect quotes it
    else:
        text = cause.stack.removeprefix("Uncaught ").replace("\n", "\n" + inner)
    return f" {{\n{inner}[cause]: {text}{_causes(cause, inner)}\n{indent}}}"


def _import_main(
    ctx: Context,
    path: Path,
    deadline: float | None,
    keeps_alive: Callable[[], bool],
    before_exit: Callable[[], bool],
) -> bool:
    """Evaluate the main module, as Node: while its top-level await waits on nothing that
    can settle it, "beforeExit" listeners may give it more to do; where they do not, the
    program ends with status 13 (an unsettled top-level await), "exit" listeners first.
    Whether "beforeExit" was the last thing that ran (the program is idle again)."""
    import time

    import runtime

    def left() -> float | None:
        if deadline is None:
            return None
        if time.monotonic() >= deadline:
            raise runtime.ScriptTimeout("the program ran past --timeout")
        return deadline - time.monotonic()

    idle = False
    while True:
        try:
            ctx.import_module(path, timeout=left())
            return idle
        except runtime.ScriptTimeout:
            raise runtime.ScriptTimeout("the program ran past --timeout") from None
        except runtime.PromiseNeverSettles:
            if before_exit() and keeps_alive():
                idle = False
                continue  # its listeners set timers
            try:
                ctx.import_module(path, timeout=left())  # settled by their promise jobs?
                return True
            except runtime.PromiseNeverSettles:
                pass
            click.echo(f"Warning: Detected unsettled top-level await in {path}", err=True)
            ctx.eval(_EXIT)()
            sys.exit(13)


def _report(e: JSError) -> None:
    """A JS exception nobody caught, on stderr: its stack and its causes."""
    # A thrown non-Error's stack already reads "Uncaught value".
    report = e.stack if e.stack.startswith("Uncaught ") else f"Uncaught {e.stack}"
    click.echo(report + _causes(e), err=True)


def _exit_for(e: Exception) -> None:
    """The one exit of `eval` and `run` on failure: a JS exception's stack and 1, a
    timeout 124, any other failure 2."""
    import runtime

    if isinstance(e, runtime.JSError):
        _report(e)
        sys.exit(1)
    click.echo(f"error: {e}", err=True)
    sys.exit(124 if isinstance(e, runtime.ScriptTimeout) else 2)


def _console_to_stdio() -> None:
    """``console`` output of a program goes to stdout (log, info, debug) and stderr (warn,
    error), as text, as it does in Node."""
    import logging

    class Stdio(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            stream = sys.stderr if record.levelno >= logging.WARNING else sys.stdout
            raw = getattr(record, "raw", None)  # process.stdout.write: as written
            stream.write(raw if raw is not None else record.getMessage() + "\n")
            stream.flush()

    logger = logging.getLogger("runtime.console")
    logger.handlers[:] = [Stdio()]
    logger.setLevel(logging.DEBUG)
    logger.propagate = False


def _jsonable(value: object) -> object:
    import base64
    import datetime
    import math

    import runtime

    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
        return str(value)
    if isinstance(value, runtime.JSFunction | runtime.JSPromise):
        return repr(value)
    return value


try:  # `runtime serve` lives with the server
    from runtime.server.cli import serve

    main.add_command(serve)
except ImportError as _e:  # pragma: no cover - only while the server is absent
    if "runtime.server" not in str(_e):
        raise
