"""HTTP benchmark: `runtime serve` on each engine, and the ASGI app under uvicorn, against
Node, Deno and Bun, in one run.

    python benchmarks/http.py [--duration 5] [--connections 50] [--workers N] [--only hello]
        [--rounds 3]
        [--servers runtime-v8,runtime-v8@4,node-cluster] [--wrk-threads 4]

Runs wrk (``-t1 -c50``) for three scenarios: hello world, a JSON echo of a 1 KB body, and a
CPU-bound handler (fib(20)). ``node`` is one Node process; ``node-cluster`` is Node's
``cluster`` with as many processes as ``runtime serve`` has workers (the fair comparison
for a CPU-bound handler). ``runtime-asgi`` is ``runtime.asgi.App`` (benchmarks/asgi_app.py)
under uvicorn with httptools and uvloop, with the same workers as ``runtime serve``.
Prints requests/s, p50 and p99 latency and each ratio to Node
measured in the same run (numbers on a shared machine drift; compare ratios). With
``--rounds N`` every server runs N times, interleaved, and the medians are printed; each
ratio is then the median of those measured in the same round. wrk is found
on PATH or installed with apt-get when running as root; Deno and Bun are installed from
npm into ~/.cache/runtime-bench; anything unavailable is skipped with a note.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CACHE = Path.home() / ".cache" / "runtime-bench"
SCENARIOS = {
    "hello": ("/", ROOT / "examples" / "hello.js"),
    "echo": ("/echo", ROOT / "examples" / "echo.js"),
    "cpu": ("/cpu?n=20", ROOT / "examples" / "cpu.js"),
}
ECHO_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"data":"%s","n":1}'
""" % ("x" * 1000)


def note(msg: str) -> None:
    print(f"note: {msg}", file=sys.stderr, flush=True)


def find_wrk() -> str | None:
    path = shutil.which("wrk")
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        note("wrk not found: installing it with apt-get")
        subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
        return shutil.which("wrk")
    note("wrk not found and not root: install wrk to run this benchmark")
    return None


def find_npm_binary(name: str) -> str | None:
    """Deno/Bun from npm (their packages carry the binaries), installed into the cache."""
    found = shutil.which(name)
    if found:
        return found
    candidates = [CACHE / "node_modules" / ".bin" / name, CACHE / "node_modules" / name / "bin" / name]
    for c in candidates:
        if c.exists():
            return str(c)
    if shutil.which("npm") is None:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    note(f"installing {name} from npm into {CACHE}")
    try:
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", name], cwd=CACHE, capture_output=True, timeout=300
        )
    except subprocess.TimeoutExpired:
        return None
    for c in candidates:
        if c.exists():
            return str(c)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if s.recv(12).startswith(b"HTTP/1.1 "):
                    return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def start(kind: str, scenario: str, port: int, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PORT": str(port)}
    if kind == "runtime-asgi":
        env.update(
            RUNTIME_BENCH_HANDLER=str(SCENARIOS[scenario][1]),
            RUNTIME_BENCH_ENGINE=args.asgi_engine,
            RUNTIME_BENCH_WORKERS=str(args.workers),
        )
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.asgi_app:app",  # not on sys.path itself: benchmarks/http.py is no `http`
            "--app-dir",
            str(ROOT),
            "--http",
            "httptools",
            "--loop",
            "uvloop",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
    elif kind.startswith("runtime-"):
        engine, _, reactors = kind.split("-", 1)[1].partition("@")
        handler = SCENARIOS[scenario][1]
        cmd = [
            sys.executable,
            "-c",
            "from runtime.cli import main; main()",
            "serve",
            str(handler),
            "--engine",
            engine,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        if reactors:
            cmd += ["--reactors", reactors]
    elif kind == "node":
        cmd = ["node", str(BENCH / "node_server.js"), str(port)]
    elif kind == "node-cluster":
        cmd = ["node", str(BENCH / "node_cluster.js"), str(port), str(args.workers)]
    elif kind == "deno":
        cmd = [args.deno, "run", "--allow-net", "--allow-env", str(BENCH / "fetch_server.js")]
    elif kind == "bun":
        cmd = [args.bun, "run", str(BENCH / "fetch_server.js")]
    else:
        raise ValueError(kind)
    return subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str) -> tuple[float, float, float, int]:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(m.group(1)) * _UNIT[m.group(2)] if m else float("nan")

    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(x) for x in m.groups())
    return rps, pct("50"), pct("99"), errors


def run_one(kind: str, scenario: str, args: argparse.Namespace, lua: str) -> tuple | None:
    port = free_port()
    proc = start(kind, scenario, port, args)
    try:
        if not wait_port(port, proc):
            note(f"{kind} did not start for {scenario}")
            return None
        path = SCENARIOS[scenario][0]
        base = [args.wrk, f"-t{args.wrk_threads}", f"-c{args.connections}", "--latency"]
        if scenario == "echo":
            base += ["-s", lua]
        url = f"http://127.0.0.1:{port}{path}"
        subprocess.run([*base, "-d1s", url], capture_output=True)  # warm up (JIT, batching)
        out = subprocess.run([*base, f"-d{args.duration}s", url], capture_output=True, text=True)
        return parse_wrk(out.stdout)
    finally:
        stop(proc)


def run_round(servers: list[str], index: int, scenario: str, args: argparse.Namespace, lua: str) -> dict:
    """Every server once, each round starting one further along the list, so that a
    drift of the machine's speed during the run falls on each server in turn."""
    order = servers[index % len(servers) :] + servers[: index % len(servers)]
    results = {}
    for kind in order:
        r = run_one(kind, scenario, args, lua)
        if r is not None:
            results[kind] = r
    return results


def paired_ratio(rounds: list[dict], kind: str, base: str) -> str:
    """The median over rounds of ``kind``'s req/s over ``base``'s in the same round."""
    ratios = [rd[kind][0] / rd[base][0] for rd in rounds if kind in rd and rd.get(base, (0,))[0]]
    return f"{median(ratios):.2f}x" if ratios else "-"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="runtime serve --workers (default: its own default, the CPU count)",
    )
    ap.add_argument("--wrk-threads", type=int, default=1, help="wrk -t (more on many cores)")
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="runs of every server per scenario, interleaved; medians are printed, and each "
        "ratio is the median of the ratios measured in the same round",
    )
    ap.add_argument("--only", choices=list(SCENARIOS), action="append")
    ap.add_argument(
        "--servers",
        default="runtime-v8,runtime-spidermonkey,runtime-asgi,node,node-cluster,deno,bun",
        help="comma-separated; runtime-ENGINE@N runs runtime serve with --reactors N",
    )
    ap.add_argument("--asgi-engine", default="", help="engine of the runtime-asgi row (default: the default)")
    args = ap.parse_args()
    args.wrk = find_wrk()
    if args.wrk is None:
        return 0
    servers = args.servers.split(",")
    if "runtime-asgi" in servers:
        try:
            import uvicorn  # noqa: F401
        except ImportError:
            note("uvicorn not installed (pip install -e '.[test]'): no runtime-asgi row")
            servers.remove("runtime-asgi")
    if shutil.which("node") is None:
        note("node not found: no Node baseline (ratios need it)")
        servers = [s for s in servers if s not in ("node", "node-cluster")]
    for name in ("deno", "bun"):
        if name in servers:
            path = find_npm_binary(name)
            if path is None:
                note(f"{name} unavailable (npm install {name} failed): skipped")
                servers.remove(name)
            setattr(args, name, path)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(ECHO_LUA)
        lua = f.name
    print(
        f"wrk -t{args.wrk_threads} -c{args.connections} -d{args.duration}s on {os.cpu_count()} CPUs; "
        f"runtime serve --workers {args.workers}; {args.rounds} round(s)",
        flush=True,
    )
    rows = []
    for scenario in args.only or list(SCENARIOS):
        rounds = [run_round(servers, r, scenario, args, lua) for r in range(args.rounds)]
        for kind in servers:
            runs = [rd[kind] for rd in rounds if kind in rd]
            if not runs:
                continue
            ratio = paired_ratio(rounds, kind, "node")
            cluster_ratio = paired_ratio(rounds, kind, "node-cluster")
            rows.append(
                (
                    scenario,
                    kind,
                    f"{median(r[0] for r in runs):,.0f}",
                    f"{median(r[1] for r in runs):.2f}",
                    f"{median(r[2] for r in runs):.2f}",
                    ratio,
                    cluster_ratio,
                    str(sum(r[3] for r in runs)),
                )
            )
    header = ("scenario", "server", "req/s", "p50 ms", "p99 ms", "vs node", "vs cluster", "errors")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    os.unlink(lua)
    return 0


if __name__ == "__main__":
    sys.exit(main())
