"""node:process's events for what nobody caught ("uncaughtException", "unhandledRejection",
"rejectionHandled"), on every engine and as Node orders them."""

from __future__ import annotations

import subprocess
import sys


def test_listeners_take_what_nobody_caught(node_js):
    assert node_js(
        """
import process from "node:process";
const log = [];
process.on("uncaughtException", (error, origin) => log.push(["uncaught", error.message, origin]));
process.on("uncaughtExceptionMonitor", (error, origin) => log.push(["monitor", error.message, origin]));
setTimeout(() => { throw new Error("in a timer"); }, 0);
await new Promise((resolve) => setTimeout(resolve, 5));
// With no "unhandledRejection" listener a rejection goes to "uncaughtException".
Promise.reject(new Error("no rejection listener"));
await new Promise((resolve) => setTimeout(resolve, 5));
const onRejection = (reason, promise) => log.push(["unhandled", reason.message, promise instanceof Promise]);
process.on("unhandledRejection", onRejection);
process.on("rejectionHandled", (promise) => log.push(["handled later", promise instanceof Promise]));
const late = Promise.reject(new Error("rejected"));
await new Promise((resolve) => setTimeout(resolve, 5));
late.catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 5));
process.off("unhandledRejection", onRejection);
export default log;
"""
    ) == [
        ["monitor", "in a timer", "uncaughtException"],
        ["uncaught", "in a timer", "uncaughtException"],
        ["monitor", "no rejection listener", "unhandledRejection"],
        ["uncaught", "no rejection listener", "unhandledRejection"],
        ["unhandled", "rejected", True],
        ["handled later", True],
    ]


def test_a_program_with_a_listener_runs_on_and_exits_0(tmp_path, engine):
    (tmp_path / "main.mjs").write_text(
        'import process from "node:process";\n'
        'process.on("uncaughtException", (e) => console.log("caught", e.message));\n'
        'process.on("unhandledRejection", (r) => console.log("unhandled", r.message));\n'
        'setTimeout(() => { throw new Error("boom"); }, 1);\n'
        'Promise.reject(new Error("nope"));\n'
        'setTimeout(() => console.log("still running"), 10);\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "runtime", "run", "--engine", engine, str(tmp_path / "main.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "unhandled nope\ncaught boom\nstill running\n",
        "",
    )
