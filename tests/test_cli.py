"""`runtime engines` and `runtime eval`, run as a user would (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

import runtime


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runtime", *args], capture_output=True, text=True, timeout=timeout
    )


def test_engines_table_and_json():
    table = cli("engines")
    assert table.returncode == 0, table.stderr
    assert "v8" in table.stdout and "spidermonkey" in table.stdout
    rows = json.loads(cli("engines", "--json").stdout)
    assert {r["name"] for r in rows} >= {"v8", "spidermonkey"}
    assert all(r["available"] for r in rows)


def test_eval_prints_json(engine):
    out = cli("eval", "--engine", engine, "({sum: 1 + 2, list: [true, null], when: new Date(0)})")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"sum": 3, "list": [True, None], "when": "1970-01-01T00:00:00Z"}


def test_eval_awaits_a_promise(engine):
    out = cli("eval", "-e", engine, "new Promise(r => setTimeout(r, 5, 'later'))")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == "later"


def test_eval_file_error_exits_nonzero_with_stack(engine, tmp_path):
    script = tmp_path / "broken.js"
    script.write_text("function f() {\n  throw new Error('kaput');\n}\nf();\n")
    out = cli("eval", "--engine", engine, "-f", str(script))
    assert out.returncode == 1
    assert "Error: kaput" in out.stderr
    assert f"{script}:2:" in out.stderr
    assert out.stdout == ""


def test_eval_timeout_exit_code(engine):
    out = cli("eval", "--engine", engine, "--timeout", "0.3", "while (true) {}")
    assert out.returncode == 124
    assert "timeout" in out.stderr


@pytest.mark.parametrize("args", [(), ("1", "-f", "x.js")])
def test_eval_usage_errors(args):
    out = cli("eval", *args)
    assert out.returncode == 2


def test_unknown_engine_is_reported():
    out = cli("eval", "--engine", "nope", "1")
    assert out.returncode == 2
    assert "unknown engine 'nope'" in out.stderr


def test_eval_file_that_is_not_utf8(tmp_path):
    script = tmp_path / "binary.js"
    script.write_bytes(b"\xff\xfe not text")
    out = cli("eval", "-f", str(script))
    assert out.returncode == 1
    assert "not UTF-8" in out.stderr and "Traceback" not in out.stderr


# -- runtime run
def _run(*args: str, cwd=None):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "runtime", "run", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_run_a_typescript_module_with_timers_args_and_console(tmp_path, engine):
    app = tmp_path / "app.ts"
    app.write_text(
        "interface Greeting { text: string }\n"
        "const g: Greeting = { text: 'hi' };\n"
        "console.log(g.text, scriptArgs.join(','));\n"
        "setTimeout(() => console.error('later'), 20);\n"
        "await new Promise<void>((r) => setTimeout(r, 5));\n"
        "console.log('after await');\n"
    )
    r = _run("--engine", engine, str(app), "x", "--y")  # options after FILE are the program's
    assert r.returncode == 0, r.stderr
    assert r.stdout == "hi x,--y\nafter await\n"
    assert r.stderr == "later\n"


def test_run_ends_when_only_unrefd_timers_are_left_and_passes_argv(tmp_path, engine):
    app = tmp_path / "app.mjs"
    app.write_text(
        "import { setInterval, setTimeout } from 'node:timers';\n"
        "const ticks = [];\n"
        "setInterval(() => ticks.push('tick'), 2).unref();  // runs while the program does\n"
        "const held = setTimeout(() => {}, 60_000);\n"
        "held.unref(); held.ref(); held.unref();\n"
        "setTimeout(() => console.log(ticks.length > 0, process.argv.slice(2).join(' ')), 30);\n"
    )
    started = time.monotonic()
    r = _run("--engine", engine, str(app), "a", "b")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "true a b\n"
    assert time.monotonic() - started < 30  # neither the interval nor the minute-long timer held it


def test_run_exits_1_with_the_stack_of_an_uncaught_error(tmp_path, engine):
    app = tmp_path / "bad.mjs"
    app.write_text("function f() {\n  throw new TypeError('bad thing');\n}\nsetTimeout(f, 1);\n")
    r = _run("--engine", engine, str(app))
    assert r.returncode == 1
    assert "TypeError: bad thing" in r.stderr
    assert f"{app.resolve()}:2:" in r.stderr


def test_run_conditions_option(tmp_path):
    pkg = tmp_path / "node_modules" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "package.json").write_text('{"exports": {"node": "./node.mjs", "worker": "./worker.mjs"}}')
    (pkg / "node.mjs").write_text("export default 'node';")
    (pkg / "worker.mjs").write_text("export default 'worker';")
    (tmp_path / "main.mjs").write_text("import w from 'pkg'; console.log(w);")
    assert _run("main.mjs", cwd=tmp_path).stdout == "worker\n"
    assert _run("--conditions", "node,import", "main.mjs", cwd=tmp_path).stdout == "node\n"


def test_run_fails_on_a_promise_rejection_nobody_handles(tmp_path, engine):
    app = tmp_path / "app.mjs"
    app.write_text(
        "console.log('start');\n"
        "async function load() { await null; throw new Error('db down'); }\n"
        "load();\n"
        "setTimeout(() => console.log('never'), 200);\n"
    )
    done = _run("--engine", engine, str(app))
    assert done.returncode == 1
    assert done.stdout == "start\n"
    assert done.stderr.startswith("Uncaught (in promise) Error: db down\n    at load (")
    assert "app.mjs:2:" in done.stderr


def test_run_goes_on_when_a_listener_cancels_the_unhandledrejection(tmp_path, engine):
    app = tmp_path / "app.js"
    app.write_text(
        "addEventListener('unhandledrejection', (e) => { e.preventDefault(); console.log('seen', e.reason); });\n"
        "Promise.reject('quiet');\n"
        "setTimeout(() => console.log('still running'), 20);\n"
    )
    done = _run("--engine", engine, str(app))
    assert (done.returncode, done.stdout, done.stderr) == (0, "seen quiet\nstill running\n", "")


def test_run_reports_a_thrown_non_error_once(tmp_path, engine):
    app = tmp_path / "app.js"
    app.write_text("throw 'plain';\n")
    done = _run("--engine", engine, str(app))
    assert (done.returncode, done.stderr) == (1, "Uncaught plain\n")


def test_run_knows_its_main_module_and_ends_with_exit_code_and_exit_events(tmp_path, engine):
    # The checks every CLI script makes, and how it says it failed without throwing.
    (tmp_path / "main.mjs").write_text(
        "import { fileURLToPath } from 'node:url';\n"
        "import process from 'node:process';\n"
        "if (process.argv[1] === fileURLToPath(import.meta.url)) console.log('main', process.argv[2]);\n"
        "let rounds = 0;\n"
        "process.on('beforeExit', (code) => { if (rounds++ < 2) setTimeout(() => console.log('more', code), 1); });\n"
        "process.on('exit', (code) => { console.log('exit', code); process.exitCode = code + 1; });\n"
        "process.exitCode = 3;\n"
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"), "arg")
    assert r.stdout == "main arg\nmore 3\nmore 3\nexit 3\n", r.stderr
    assert r.returncode == 4
    (tmp_path / "main.cjs").write_text(
        "const lib = require('./lib.cjs');\n"
        "if (require.main === module) console.log('main', module.id, lib.isMain);\n"
    )
    (tmp_path / "lib.cjs").write_text("exports.isMain = require.main === module;\n")
    r = _run("--engine", engine, str(tmp_path / "main.cjs"))
    assert (r.returncode, r.stdout) == (0, "main . false\n"), r.stderr


def test_process_exit_ends_the_program_at_once_with_its_code(tmp_path, engine):
    (tmp_path / "main.mjs").write_text(
        "import process from 'node:process';\n"
        "process.on('exit', (code) => console.log('exit', code));\n"
        "async function main() {\n"
        "  try {\n"
        "    if (process.argv[2] === 'timer') setTimeout(() => { process.exit(7); console.log('NOT'); }, 5);\n"
        "    else { process.exitCode = 2; process.exit(); console.log('NOT'); }\n"
        "  } catch (e) { console.log('NOT caught', e); }\n"
        "}\n"
        "main().catch(() => console.log('NOT rejected'));\n"
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout, r.stderr) == (2, "exit 2\n", "")
    r = _run("--engine", engine, str(tmp_path / "main.mjs"), "timer")
    assert (r.returncode, r.stdout, r.stderr) == (7, "exit 7\n", "")


def test_process_exit_in_an_embedded_context_throws(ctx, tmp_path):
    (tmp_path / "m.mjs").write_text(
        "import process from 'node:process';\n"
        "export const tryExit = () => { try { process.exit(1); } catch (e) { return e.code; } };\n"
    )
    assert ctx.import_module(tmp_path / "m.mjs")["tryExit"]() == "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM"
    codes: list[int] = []
    ctx.set_exit_handler(codes.append)  # then it stops the script, as `runtime run` has it
    with pytest.raises(runtime.RuntimeFailure):
        ctx.import_module(tmp_path / "m.mjs")["tryExit"]()
    assert codes == [1]
    assert ctx.eval("1 + 1") == 2


def test_run_gives_a_commonjs_file_require_and_module_as_node_does(tmp_path, engine):
    (tmp_path / "tool.js").write_text(
        "const path = require('path');\n"
        "console.log(path.join('a', 'b'), this === module.exports, require.main === module);\n"
    )
    r = _run("--engine", engine, str(tmp_path / "tool.js"))
    assert (r.returncode, r.stdout) == (0, "a/b true true\n"), r.stderr


def test_eval_prints_console_output_and_reads_stdin(engine):
    out = cli("eval", "--engine", engine, "console.log('hi'); console.error('oops'); 5")
    assert (out.returncode, out.stdout, out.stderr) == (0, "hi\n5\n", "oops\n")
    piped = subprocess.run(
        [sys.executable, "-m", "runtime", "eval", "--engine", engine, "-"],
        input="1 + 2",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (piped.returncode, piped.stdout) == (0, "3\n"), piped.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1", "soon"])
def test_a_timeout_that_is_no_number_of_seconds_is_a_usage_error(value):
    for command in (("eval", "1"), ("run", "missing.js")):
        out = cli(command[0], "--timeout", value, command[1])
        assert out.returncode == 2 and "Invalid value for '--timeout'" in out.stderr, out.stderr
        assert "Traceback" not in out.stderr


def _started_then_signalled(args: list[str], sig: int, restore_sigint: bool = False):
    """Run ``runtime run`` on a script that prints `started` and spins; once that line is
    out (10 s at most: it may never come), send ``sig``. (status, stdout, stderr)."""
    import select
    import signal

    preexec = (lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) if restore_sigint else None
    proc = subprocess.Popen(
        [sys.executable, "-m", "runtime", "run", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=preexec,
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 10)
    first = proc.stdout.readline() if ready else b""
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, (first + out).decode(), err.decode()


def test_run_writes_console_output_as_it_comes_not_when_the_script_yields(tmp_path, engine):
    # A script killed while it runs (systemd, docker stop, a CI limit) keeps what it wrote.
    import signal

    (tmp_path / "busy.js").write_text("console.log('started'); while (true);\n")
    _, out, _ = _started_then_signalled(["--engine", engine, str(tmp_path / "busy.js")], signal.SIGTERM)
    assert out == "started\n"


def test_ctrl_c_ends_run_with_status_130_and_no_traceback(tmp_path):
    import signal

    (tmp_path / "busy.js").write_text("console.log('started'); while (true);\n")
    result = _started_then_signalled([str(tmp_path / "busy.js")], signal.SIGINT, restore_sigint=True)
    assert result == (130, "started\n", "")


TICK_ORDER = """
const log = [];
Promise.resolve().then(() => log.push("p1"));
process.nextTick(() => { log.push("t1"); process.nextTick(() => log.push("t2")); });
queueMicrotask(() => { log.push("m1"); process.nextTick(() => log.push("t3")); });
setTimeout(() => console.log(log.join(" ")), 1);
"""


@pytest.mark.parametrize(
    ("name", "order"),
    [
        # A CommonJS main module's ticks run as soon as it has run; a module's, after its
        # microtasks (its body ran as a promise job), as in Node.
        ("main.cjs", "t1 t2 p1 m1 t3"),
        ("main.mjs", "p1 m1 t1 t3 t2"),
    ],
)
def test_a_main_modules_ticks_run_where_node_runs_them(tmp_path, engine, name, order):
    source = TICK_ORDER if name.endswith(".cjs") else 'import process from "node:process";\n' + TICK_ORDER
    (tmp_path / name).write_text(source)
    r = _run("--engine", engine, str(tmp_path / name))
    assert (r.returncode, r.stdout) == (0, order + "\n"), r.stderr


def test_run_reports_an_uncaught_errors_causes_and_thrown_objects_as_node(tmp_path, engine):
    (tmp_path / "cause.mjs").write_text(
        'const inner = new Error("inner", { cause: "root" });\nthrow new Error("outer", { cause: inner });\n'
    )
    r = _run("--engine", engine, str(tmp_path / "cause.mjs"))
    file = tmp_path / "cause.mjs"
    assert r.returncode == 1
    assert r.stderr == (
        f"Uncaught Error: outer\n    at {file}:2:7 {{\n"
        f"  [cause]: Error: inner\n      at {file}:1:15 {{\n    [cause]: 'root'\n  }}\n}}\n"
    )
    (tmp_path / "object.mjs").write_text("throw { code: 7, detail: 'x' };\n")
    r = _run("--engine", engine, str(tmp_path / "object.mjs"))
    assert (r.returncode, r.stderr) == (1, "Uncaught { code: 7, detail: 'x' }\n")


def test_process_stdout_and_stderr_write_as_written(tmp_path, engine):
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'import { Readable } from "node:stream";\n'
        'process.stdout.write("a");\n'
        'process.stdout.write("b\\n");\n'
        'process.stderr.write(new TextEncoder().encode("to stderr\\n"));\n'
        'console.log("log", process.stdout.isTTY, process.stdout.fd, process.stderr.fd);\n'
        "// A pipe does not end it, as in Node: no finish.\n"
        'Readable.from(["x\\n", "y"]).pipe(process.stdout).on("finish", () => console.log("!"));\n'
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout, r.stderr) == (0, "ab\nlog undefined 1 2\nx\ny", "to stderr\n")


@pytest.mark.parametrize(
    "crash",
    [
        "setTimeout(() => { throw new Error('crash'); }, 1);",
        "Promise.reject(new Error('crash'));",
        "process.nextTick(() => { throw new Error('crash'); }); process.nextTick(() => console.log('next tick'));",
    ],
)
def test_an_uncaught_error_ends_the_program_at_once_with_exit_listeners(tmp_path, engine, crash):
    # As Node: the report, the "exit" listeners (code 1), and nothing more of the program
    # (not the rest of a pending top-level await, not the next tick).
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'process.on("exit", (code) => console.log("exit", code, process.exitCode));\n'
        f"{crash}\n"
        "for (let i = 0; i < 3; i++) { await new Promise((r) => setTimeout(r, 10)); console.log('still running'); }\n"
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout) == (1, "exit 1 1\n"), r.stderr
    assert r.stderr.startswith("Uncaught") and "Error: crash" in r.stderr


@pytest.mark.parametrize("name", ["main.mjs", "main.cjs"])
def test_an_uncaught_exception_listener_takes_a_throw_in_the_main_module(tmp_path, engine, name):
    # As Node: the rest of the body does not run, what it scheduled does, and the program
    # ends as if nothing failed.
    (tmp_path / name).write_text(
        "process.on('uncaughtException', (e) => console.log('caught', e.message));\n"
        "process.on('exit', (code) => console.log('exit', code));\n"
        "setTimeout(() => console.log('timer'), 5);\n"
        "throw new Error('module body');\n"
        "console.log('never');\n"
    )
    r = _run("--engine", engine, str(tmp_path / name))
    assert (r.returncode, r.stdout, r.stderr) == (0, "caught module body\ntimer\nexit 0\n", "")


def test_a_tick_queued_by_an_exit_listener_never_runs(tmp_path, engine):
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'process.on("exit", () => { console.log("exit"); process.nextTick(() => console.log("tick")); });\n'
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout) == (0, "exit\n"), r.stderr


def test_a_throw_in_the_main_module_runs_exit_listeners(tmp_path, engine):
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'process.on("exit", (code) => console.log("exit", code));\n'
        'throw new Error("top");\n'
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout) == (1, "exit 1\n")
    assert r.stderr.startswith("Uncaught Error: top\n")


def test_a_rejection_handled_on_a_tick_is_not_unhandled(tmp_path, engine):
    # Node looks for unhandled rejections after the ticks (and their microtasks) ran.
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'const p = Promise.reject(new Error("late"));\n'
        'process.nextTick(() => p.catch(() => console.log("caught on a tick")));\n'
        "setTimeout(async () => {\n"
        '  const q = Promise.reject(new Error("later"));\n'
        "  await null;\n"
        '  process.nextTick(() => q.catch(() => console.log("caught on a tick from a microtask")));\n'
        "}, 1);\n"
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout, r.stderr) == (
        0,
        "caught on a tick\ncaught on a tick from a microtask\n",
        "",
    )


def test_an_unsettled_top_level_await_ends_with_status_13_after_before_exit(tmp_path, engine):
    # As Node: unref()'d timers (and AbortSignal.timeout) keep nothing going; "beforeExit"
    # may give the loop more to do (here it settles the wait); where nothing can, status 13.
    (tmp_path / "idle.mjs").write_text(
        'import process from "node:process";\n'
        'import timers from "node:timers";\n'
        'timers.setTimeout(() => console.log("unref\'d timer"), 3000).unref();\n'
        "AbortSignal.timeout(3000);\n"
        'process.on("beforeExit", (code) => console.log("beforeExit", code));\n'
        'process.on("exit", (code) => console.log("exit", code));\n'
        "await new Promise(() => {});\n"
    )
    started = time.monotonic()
    r = _run("--engine", engine, str(tmp_path / "idle.mjs"))
    assert (r.returncode, r.stdout) == (13, "beforeExit 0\nexit 0\n"), r.stderr
    assert "unsettled top-level await" in r.stderr
    assert time.monotonic() - started < 2.5  # not held by the unref()'d timers
    (tmp_path / "cleanup.mjs").write_text(
        'import process from "node:process";\n'
        'setTimeout(() => console.log("work"), 5);\n'
        'await new Promise((resolve) => process.once("beforeExit", resolve));\n'
        'console.log("idle: cleaning up");\n'
    )
    r = _run("--engine", engine, str(tmp_path / "cleanup.mjs"))
    assert (r.returncode, r.stdout, r.stderr) == (0, "work\nidle: cleaning up\n", "")


def test_a_listener_that_throws_ends_the_program_after_the_dispatch(tmp_path, engine):
    # As Node: the other listeners run and dispatchEvent returns; the end comes on the next tick.
    (tmp_path / "main.mjs").write_text(
        "const target = new EventTarget(), log = [];\n"
        "target.addEventListener('a', () => { log.push('first'); throw new Error('boom'); });\n"
        "target.addEventListener('a', () => log.push('second'));\n"
        "log.push('returned ' + target.dispatchEvent(new Event('a')));\n"
        "console.log(JSON.stringify(log));\n"
        "setTimeout(() => console.log('never'), 5);\n"
    )
    r = _run("--engine", engine, str(tmp_path / "main.mjs"))
    assert (r.returncode, r.stdout) == (1, '["first","second","returned true"]\n'), r.stderr
    assert r.stderr.startswith("Uncaught Error: boom")
