"""Where `runtime serve`'s time goes: py-spy profiles of the reactor and a worker under wrk.

    python benchmarks/profile.py [--scenario hello|echo|cpu] [--engine v8] [--seconds 10] [--perf]

Starts `runtime serve` (2 workers) on one of benchmarks/http.py's scenarios, drives it with
wrk (``-t1 -c50``), and records the reactor process and one worker with py-spy (native
frames included) at the same time. Writes a flame graph (SVG) and the raw collapsed stacks
of each into ``--out`` (default ``./profile-<scenario>-<engine>/``) and prints the functions
with the most self time in each process. py-spy must be installed (``pip install py-spy``)
and allowed to attach (root, or ``kernel.yama.ptrace_scope=0``). ``--perf`` records both
with perf instead and prints each one's CPU by shared object: py-spy counts a thread waiting
in a system call as that call's time (and pauses the process to sample it), perf shows what
the CPU did (interpreter, engine, JIT code, kernel).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder would come first on sys.path, and benchmarks/http.py would
# shadow the standard library's http package: put the project root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import collections  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

from benchmarks.http import ECHO_LUA, SCENARIOS, find_wrk, free_port, parse_wrk, stop, wait_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def top(raw: Path, count: int) -> list[tuple[float, str]]:
    """The frames with the most self time in py-spy's collapsed stacks ``raw``."""
    self_time: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        total += int(n)
        self_time[stack.split(";")[-1]] += int(n)
    return [(100.0 * n / max(1, total), frame) for frame, n in self_time.most_common(count)]


def record(pid: int, seconds: float, out: Path, name: str) -> list[subprocess.Popen[bytes]]:
    common = ["py-spy", "record", "--native", "-r", "250", "--duration", str(int(seconds)), "--pid", str(pid)]
    quiet = {"stdout": subprocess.DEVNULL}
    return [
        subprocess.Popen([*common, "-f", "raw", "-o", str(out / f"{name}.txt")], **quiet),
        subprocess.Popen([*common, "-f", "flamegraph", "-o", str(out / f"{name}.svg")], **quiet),
    ]


def record_perf(pid: int, seconds: float, out: Path, name: str) -> subprocess.Popen[bytes]:
    """perf's samples of ``pid``: where its CPU time goes, kernel included (py-spy's
    samples count a thread waiting in a system call as that call's self time)."""
    data = out / f"{name}.perf.data"
    return subprocess.Popen(
        ["perf", "record", "-F", "999", "-g", "-p", str(pid), "-o", str(data), "--", "sleep", str(seconds)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def perf_split(out: Path, name: str, seconds: float, count: int = 8) -> list[str]:
    """How busy ``name`` was, and the share of its CPU samples per shared object (the
    interpreter, the engine, JIT code, the kernel)."""
    report = subprocess.run(
        ["perf", "report", "-i", str(out / f"{name}.perf.data"), "--no-children", "--sort", "dso",
         "-g", "none", "--stdio"],
        capture_output=True, text=True,
    )  # fmt: skip
    lines = [line.strip() for line in report.stdout.splitlines() if line.strip() and not line.startswith("#")]
    rows = [f"  {line}" for line in lines[:count]]
    m = re.search(r"# Samples: (\d+)(K?)", report.stdout)
    if m:
        n = int(m.group(1)) * (1000 if m.group(2) else 1)
        rows.insert(0, f"  busy: {n / 999 / seconds:.0%} of one CPU")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default="hello")
    parser.add_argument("--engine", default="v8")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--perf",
        action="store_true",
        help="record both processes with perf instead of py-spy and print each one's CPU by "
        "shared object (interpreter, engine, JIT, kernel); perf must be installed",
    )
    args = parser.parse_args()
    if args.perf and shutil.which("perf") is None:
        print("perf not found: install linux-tools (or drop --perf)", file=sys.stderr)
        return 2
    if not args.perf and shutil.which("py-spy") is None:
        print("py-spy not found: pip install py-spy", file=sys.stderr)
        return 2
    wrk = find_wrk()
    if wrk is None:
        return 2
    out = args.out or Path(f"profile-{args.scenario}-{args.engine}")
    out.mkdir(parents=True, exist_ok=True)
    path, handler = SCENARIOS[args.scenario]
    port = free_port()
    env = {**os.environ, "RUNTIME_SERVER_DEBUG": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "runtime", "serve", str(handler), "--engine", args.engine, "--port", str(port),
         "--workers", "2", "--reactors", "1", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        if not wait_port(port, server):
            print("the server did not start", file=sys.stderr)
            return 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/__runtime/status") as r:
            worker = json.load(r)["workers"][0]["pid"]
        lua = out / "scenario.lua"
        lua.write_text(ECHO_LUA if args.scenario == "echo" else "")
        load = subprocess.Popen(
            [wrk, "-t1", "-c50", f"-d{int(args.seconds) + 3}s", "--latency", "-s", str(lua),
             f"http://127.0.0.1:{port}{path}"],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(1.5)  # warm up before sampling
        processes = (("reactor", server.pid), ("worker", worker))
        if args.perf:
            spies = [record_perf(pid, args.seconds, out, name) for name, pid in processes]
        else:
            spies = [spy for name, pid in processes for spy in record(pid, args.seconds, out, name)]
        failed = [spy for spy in spies if spy.wait() != 0]
        text, _ = load.communicate()
        if failed:
            tool = "perf" if args.perf else "py-spy"
            print(
                f"{tool} could not record: attaching to another process needs ptrace leave "
                "(root with CAP_SYS_PTRACE, or kernel.yama.ptrace_scope 0; in a container, "
                "--cap-add SYS_PTRACE); its own error is above",
                file=sys.stderr,
            )
            return 1
        rps, p50, p99, _ = parse_wrk(text)
        print(f"{args.scenario} on {args.engine}: {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms")
        for name, pid in processes:
            if args.perf:
                print(f"\n{name} (pid {pid}), CPU by shared object (perf):")
                print("\n".join(perf_split(out, name, args.seconds)))
                continue
            print(f"\n{name} (pid {pid}), self time:")
            for share, frame in top(out / f"{name}.txt", 15):
                print(f"  {share:5.1f}%  {frame[:120]}")
        if not args.perf:
            print(f"\nflame graphs: {out}/reactor.svg, {out}/worker.svg")
    finally:
        stop(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
