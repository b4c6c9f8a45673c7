"""Fault run: what crashes, runaway scripts and memory bombs cost `runtime serve`.

    python benchmarks/faults.py [--engine v8 --engine spidermonkey] [--only kill]

Each scenario runs wrk (``-t1 -c32``) against a real server with 2 workers and a handler
that takes about 2 ms, and counts every status per kind of request (a Lua script in wrk):

- ``kill``: a ready worker is SIGKILLed once a second for 20 s. The promise: non-200
  answers at most the requests in flight on the killed workers (kills x connections), each
  replacement ready within 2 s, no socket errors, the reactor's pid unchanged.
- ``runaway``: 1 % of requests spin forever (``--timeout 0.5``). The promise: those get a
  504, every other request a 200, their p99 within 2x of a run without runaways.
- ``bomb``: 1 % of requests allocate without bound (``--max-memory 256``). The promise:
  the bombs get a 503, the other requests a 200; peak worker RSS is reported against the
  limit.

wrk comes from PATH (or apt-get when running as root). Numbers on a shared machine drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script, this folder would come first on sys.path, and benchmarks/http.py would
# shadow the standard library's http package: put the project root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

from benchmarks.http import find_wrk, free_port, parse_wrk, stop, wait_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

HANDLER = r"""
export default {
  async fetch(request) {
    const p = new URL(request.url).pathname;
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

# Every 100th request goes to `bad` (when set); counts statuses per path kind.
LUA = r"""
local counter = 0
local threads = {}
local bad = os.getenv("BAD_PATH")
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function request()
  counter = counter + 1
  if bad and bad ~= "" and counter % 100 == 0 then return wrk.format("GET", bad) end
  return wrk.format("GET", "/ok")
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, '"' .. k .. '":' .. v) end
  io.write("STATUSES {" .. table.concat(parts, ",") .. "}\n")
end
"""


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__runtime/status", timeout=5) as r:
        return json.loads(r.read())


def start(engine: str, port: int, handler: Path, extra: list[str], log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", "from runtime.cli import main; main()", "serve", str(handler)]
    cmd += ["--engine", engine, "--port", str(port), "--workers", "2", "--no-access-log", *extra]
    env = {**os.environ, "RUNTIME_SERVER_DEBUG": "1"}
    with open(log, "wb") as out:
        return subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=out, start_new_session=True
        )


def wrk(wrk_path: str, port: int, seconds: int, lua: Path, bad: str) -> tuple[dict[str, int], float, int]:
    """(statuses, p99 ms, socket errors) of one wrk run."""
    out = subprocess.run(
        [wrk_path, "-t1", "-c32", "--latency", f"-d{seconds}s", "-s", str(lua), f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        env={**os.environ, "BAD_PATH": bad},
    ).stdout
    m = re.search(r"STATUSES (\{.*\})", out)
    statuses = json.loads(m.group(1)) if m else {}
    _, _, p99, _ = parse_wrk(out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return statuses, p99, sum(int(x) for x in errors.groups()) if errors else 0


def kill_loop(port: int, seconds: int, out: dict) -> None:
    """SIGKILL a ready worker once a second; record how long each replacement took."""
    replaced: list[float] = []
    kills = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready = [w for w in status(port)["workers"] if w["state"] == "ready"]
        if len(ready) == 2:
            victim = ready[0]["pid"]
            os.kill(victim, signal.SIGKILL)
            kills += 1
            killed = time.monotonic()
            while time.monotonic() - killed < 30:
                pids = {w["pid"] for w in status(port)["workers"] if w["state"] == "ready"}
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
    handler = folder / "faults.js"
    lua = folder / "faults.lua"
    handler.write_text(HANDLER)
    lua.write_text(LUA)
    extra = {"kill": [], "runaway": ["--timeout", "0.5"], "bomb": ["--max-memory", "256"]}[name]
    bad = {"kill": "", "runaway": "/spin", "bomb": "/bomb"}[name]
    port = free_port()
    proc = start(engine, port, handler, extra, folder / f"{name}-{engine}.log")
    try:
        if not wait_port(port, proc, timeout=90):
            return f"| {name} | {engine} | did not start |"
        reactor = proc.pid
        _, steady_p99, _ = wrk(args.wrk, port, 3, lua, "")  # baseline (and warm-up)
        side: dict = {}
        watcher = {
            "kill": lambda: kill_loop(port, args.seconds, side),
            "runaway": lambda: None,
            "bomb": lambda: peak_rss(port, args.seconds, side),
        }[name]
        t = threading.Thread(target=watcher)
        t.start()
        statuses, p99, errors = wrk(args.wrk, port, args.seconds, lua, bad)
        t.join()
        total = sum(statuses.values())
        ok = statuses.get("200", 0)
        others = {k: v for k, v in sorted(statuses.items()) if k != "200"}
        bad_count = total // 100 if bad else 0
        detail = ""
        if name == "kill":
            r = side.get("replaced") or [float("nan")]
            detail = (
                f"kills {side.get('kills', 0)}, replacement median {statistics.median(r):.2f} s, "
                f"max {max(r):.2f} s; bound kills x 32 = {side.get('kills', 0) * 32}"
            )
        elif name == "runaway":
            ratio = p99 / steady_p99
            detail = f"~{bad_count} runaways; p99 {p99:.0f} ms vs steady {steady_p99:.0f} ms ({ratio:.1f}x)"
        else:
            grew = side.get("peak_growth_mb", 0)
            detail = (
                f"~{bad_count} bombs; peak worker RSS {side.get('peak_rss_mb', 0):.0f} MB, "
                f"peak growth over start {grew:.0f} MB = {grew / 256:.2f}x the limit (256)"
            )
        same = "yes" if proc.poll() is None and proc.pid == reactor else "no"
        counts = f"{total:,} | {ok:,} | {json.dumps(others)} | {errors}"
        return f"| {name} | {engine} | {counts} | {same} | {detail} |"
    finally:
        stop(proc)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", action="append", help="engine(s) (default: v8 and spidermonkey)")
    ap.add_argument("--only", choices=["kill", "runaway", "bomb"], action="append")
    ap.add_argument("--seconds", type=int, default=20, help="length of each faulty run")
    args = ap.parse_args()
    args.wrk = find_wrk()
    if args.wrk is None:
        return 1
    engines = args.engine or ["v8", "spidermonkey"]
    print("| scenario | engine | requests | 200 | other statuses | socket errors | reactor kept | figures |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as d:
        for name in args.only or ["kill", "runaway", "bomb"]:
            for engine in engines:
                print(scenario(name, engine, args, Path(d)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
