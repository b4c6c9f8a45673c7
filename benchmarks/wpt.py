"""web-platform-tests against the runtime's web environment, per engine and on Node.js.

    WPT_DIR=/path/to/wpt python benchmarks/wpt.py [--wpt-dir DIR] [--engine v8|spidermonkey|node]
        [--area streams] [--filter substring] [--jobs N] [--timeout S] [--json out.json]
        [--verbose]

A wpt checkout: ``git clone --depth 1 https://github.com/web-platform-tests/wpt`` (only
``resources/ common/ interfaces/`` and the areas' folders are read, so a sparse checkout of
those is enough).

What runs: the ``.any.js`` tests (window/worker-agnostic) of the paths in ``AREAS``. Their
``// META:`` lines are honoured: ``global=`` (a file runs as a worker would when its scopes
include a worker kind, as a shell when they name ``jsshell``; it is skipped when it is for
windows or ShadowRealms only, whose tests check what such a global lacks), ``script=``
(included before the test, in order), ``timeout=long`` (``--timeout`` times ``LONG``) and
``title=``; ``variant=`` lines are not run one by one: the file runs once, whole (without a
query every subset runs). Skipped, and listed as such: ``.sub``/``.h2`` files (they need
wptserve's substitution or transport) and the files of ``fetch/api/basic`` that call
``fetch()`` (they measure a network stack against a test server). The other fetch/api files
run whole: their subtests that fetch from the wpt server fail on every engine and on Node
alike (there is no server, and the runtime has no network).

How a file runs: in a fresh context (``runtime.Context(engine)``), the prelude (below), then
``resources/testharness.js``, the reporter (``setup({explicit_done: true})`` and an
``add_completion_callback`` that hands back every subtest), the included scripts and the
test file, each as a classic script under its own file name, then ``done()``; timers and
promises run until the harness completes, at most the file's timeout, after which the
harness's ``timeout()`` marks what is still pending TIMEOUT. An error thrown while a script
loads stops the loading (as ``importScripts`` would) and makes the harness status ERROR.

The prelude gives the harness what a worker's wptserve wrapper would and the runtime has no
reason to: ``self.GLOBAL`` (``isWorker()`` true for worker scopes), ``location`` (the
strings of a WorkerLocation for the file's address on a made-up wpt origin, read by
``common/subset-tests.js`` and friends) and ``META_TITLE``. It also answers a fetch() of a
relative ``.json`` or ``.idl`` URL from the checkout (the url and urlpattern tests load their
data so, idlharness
its IDL); every other fetch() reaches the engine's own.

Each engine runs in worker processes (``--jobs``), so an engine crash costs one file (marked
"crash"); SpiderMonkey contexts share one global per process (top-level declarations and
changes to built-ins outlive a context), so there each file gets a process of its own.
Node.js (``--engine node``, in the default set when ``node`` is on PATH) runs the same
prelude, harness, reporter and files, each file in its own ``node`` process
(``vm.runInThisContext`` per script, so that scripts share the global scope), with
``self`` made the global as testharness.js needs.

Output: per area and engine, subtests passed/total (a file that produced no subtest, such as
one that crashed or failed to load, counts as one failed subtest), files that crashed or
timed out, and the skipped files; ``--json`` writes every file's subtests and harness status.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path[0] = str(ROOT)

RUNTIME_ENGINES = ("v8", "spidermonkey")
ENGINES = (*RUNTIME_ENGINES, "node")

#: Area name -> folders (or single files) of the wpt checkout it covers.
AREAS: dict[str, tuple[str, ...]] = {
    "streams": ("streams",),
    "fetch/api": (
        "fetch/api/headers",
        "fetch/api/request",
        "fetch/api/response",
        "fetch/api/body",
        "fetch/api/basic",
    ),
    "FileAPI": (
        "FileAPI/blob",
        "FileAPI/file",
        "FileAPI/url",
        "FileAPI/reading-data-section",
        "FileAPI/fileReader.any.js",
    ),
    "structured-clone": ("html/webappapis/structured-clone",),
    "timers": ("html/webappapis/timers",),
    "microtask-queuing": ("html/webappapis/microtask-queuing",),
    "url": ("url",),
    "encoding": ("encoding",),
    "WebCryptoAPI": ("WebCryptoAPI",),
    "compression": ("compression",),
    "urlpattern": ("urlpattern",),
    "webmessaging": ("webmessaging",),
    "dom/events": ("dom/events",),
    "dom/abort": ("dom/abort",),
    "console": ("console",),
    "hr-time": ("hr-time",),
}

#: A file with ``// META: timeout=long`` gets this many times ``--timeout``.
LONG = 4
#: The made-up origin files are addressed on (``location``, relative fetches).
ORIGIN = "http://web-platform.test:8000"

#: Starts a line of results from a worker or the Node.js driver (tests print too).
MARK = "\x1ewpt-result "
SUBTEST_STATUS = ("PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED")
HARNESS_STATUS = ("OK", "ERROR", "TIMEOUT", "PRECONDITION_FAILED")

WORKER_SCOPES = {"worker", "dedicatedworker", "sharedworker", "serviceworker", "dedicatedworker-module"}
SHELL_SCOPES = {"jsshell"}

# Run before testharness.js. `meta` is {url, title, worker}; `read(path)` returns the text of
# a checkout file (or a promise of it), null when there is none.
PRELUDE = r"""(function (meta, read) {
  "use strict";
  var g = globalThis;
  g.GLOBAL = {
    isWindow: function () { return false; },
    isWorker: function () { return meta.worker; },
    isShadowRealm: function () { return false; },
  };
  // A WorkerLocation's attributes (plain strings; it has no searchParams).
  var url = new URL(meta.url);
  var location = {};
  ["href", "origin", "protocol", "host", "hostname", "port", "pathname", "search", "hash"].forEach(
    function (name) { location[name] = url[name]; });
  location.toString = function () { return url.href; };
  g.location = location;
  if (meta.title) g.META_TITLE = meta.title;
  var engineFetch = g.fetch;
  var origin = new URL(meta.url).origin;
  g.fetch = function fetch(input) {
    if (typeof input === "string" && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(input)) {
      var url = new URL(input, meta.url);
      if (url.origin === origin && /\.(json|idl)$/.test(url.pathname)) {
        return Promise.resolve(read(url.pathname)).then(function (text) {
          if (text === null || text === undefined) return new Response("", { status: 404 });
          var type = /\.json$/.test(url.pathname) ? "application/json" : "text/plain";
          return new Response(text, { headers: { "content-type": type } });
        });
      }
    }
    return engineFetch.apply(this, arguments);
  };
})"""

# Run after testharness.js: completion hands back every subtest as one JSON string.
REPORTER = r"""(function () {
  setup({ explicit_done: true });
  globalThis.__wpt_done = new Promise(function (resolve) {
    add_completion_callback(function (tests, status) {
      resolve(JSON.stringify({
        harness: [status.status, status.message || null],
        subtests: tests.map(function (t) { return [t.name, t.status, t.message || null]; }),
      }));
    });
  });
})();"""

NODE_DRIVER = r"""
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const job = JSON.parse(process.argv[2]);
const MARK = job.mark;
const root = job.root;
let uncaught = null;
let loadError = null;
process.on("uncaughtException", (e) => {
  if (uncaught === null) uncaught = "Uncaught " + String(e && e.stack || e);
});
process.on("unhandledRejection", () => {});
function read(p) {
  const file = path.join(root, decodeURIComponent(p));
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return null;
  return fs.readFileSync(file, "utf8");
}
function run(source, filename) { return vm.runInThisContext(source, { filename }); }
function finish(text) {
  const result = JSON.parse(text);
  if (loadError !== null) result.harness = [1, loadError];
  else if (uncaught !== null && result.harness[0] === 0) result.harness = [1, uncaught];
  process.stdout.write("\n" + MARK + JSON.stringify(result) + "\n", () => process.exit(0));
}
if (typeof globalThis.self === "undefined") globalThis.self = globalThis;  // testharness.js runs on `self`
run(job.prelude, "<prelude>")(job.meta, read);
const harness = path.join(root, "resources/testharness.js");
run(fs.readFileSync(harness, "utf8"), harness);
run(job.reporter, "<reporter>");
globalThis.__wpt_done.then(finish);
for (const script of job.scripts) {
  const file = path.join(root, script);
  try {
    run(fs.readFileSync(file, "utf8"), file);
  } catch (e) {
    loadError = "loading " + script + ": " + String(e && e.stack || e).split("\n")[0];
    break;
  }
}
run("done();", "<done>");
setTimeout(() => { run("timeout();", "<timeout>"); }, job.timeout * 1000).unref();
setTimeout(() => {}, job.timeout * 1000 + 100);  // keeps the loop alive until the timeout
"""


@dataclass
class Job:
    path: str  # the test file, relative to the checkout
    area: str
    scripts: list[str]  # included scripts then the test, relative to the checkout
    timeout: float
    worker: bool  # runs as a worker scope (else as a shell)
    title: str = ""
    skip: str = ""
    meta: dict[str, Any] = field(default_factory=dict)


# -- collecting the files
_META = re.compile(r"^//\s*META:\s*(\w+)=(.*)$")


def parse_meta(text: str) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = collections.defaultdict(list)
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("//"):
            break
        m = _META.match(line)
        if m:
            meta[m.group(1)].append(m.group(2).strip())
    return meta


def _script_path(test: str, src: str) -> str:
    src = src.split("?")[0]
    if src.startswith("/"):
        return src.lstrip("/")
    return os.path.normpath(os.path.join(os.path.dirname(test), src)).replace(os.sep, "/")


def make_job(wpt: Path, rel: str, area: str, timeout: float) -> Job:
    text = (wpt / rel).read_text("utf-8", "surrogateescape")
    meta = parse_meta(text)
    scopes = {s.strip() for g in meta.get("global", ["window,dedicatedworker"]) for s in g.split(",")}
    scopes.discard("")
    worker = bool(scopes & WORKER_SCOPES)
    shell = bool(scopes & SHELL_SCOPES)
    long = "long" in meta.get("timeout", [])
    scripts = [_script_path(rel, s) for s in meta.get("script", [])]
    scripts = [s for s in scripts if s not in ("resources/testharness.js", "resources/testharnessreport.js")]
    title = (meta.get("title") or [""])[0]
    job = Job(rel, area, [*scripts, rel], timeout * (LONG if long else 1), worker, title)
    name = os.path.basename(rel)
    if not worker and not shell:
        what = "ShadowRealm-only" if any(s.startswith("shadowrealm") for s in scopes) else "window-only"
        job.skip = f"{what} (META: global={','.join(sorted(scopes))})"
    elif re.search(r"\.(sub|h2)\.", name):
        job.skip = "needs wptserve (" + ".".join(n for n in ("sub", "h2") if f".{n}." in name) + ")"
    elif rel.startswith("fetch/api/basic/") and re.search(r"\bfetch\s*\(", text):
        job.skip = "network (calls fetch())"
    else:
        missing = [s for s in scripts if not (wpt / s).is_file()]
        if missing:
            job.skip = "missing include " + ", ".join(missing)
    return job


def collect(wpt: Path, areas: list[str], filters: list[str], timeout: float) -> list[Job]:
    jobs = []
    for area in areas:
        for folder in AREAS[area]:
            base = wpt / folder
            if not base.is_dir() and not base.is_file():
                continue
            for path in [base] if base.is_file() else sorted(base.rglob("*.any.js")):
                rel = path.relative_to(wpt).as_posix()
                if "/resources/" in f"/{rel}" or (filters and not any(f in rel for f in filters)):
                    continue
                jobs.append(make_job(wpt, rel, area, timeout))
    return jobs


def url_of(path: str) -> str:
    return f"{ORIGIN}/{path}"


def _meta(job: Job) -> dict[str, Any]:
    return {"url": url_of(job.path), "title": job.title, "worker": job.worker}


def _reader(wpt: Path):  # type: ignore[no-untyped-def]
    def read(path: str) -> str | None:
        from urllib.parse import unquote

        file = (wpt / unquote(path).lstrip("/")).resolve()
        if wpt not in file.parents or not file.is_file():
            return None
        return file.read_text("utf-8", "surrogateescape")

    return read


def _result(job: Job, harness: list[Any], subtests: list[list[Any]], started: float) -> dict[str, Any]:
    return {
        "path": job.path,
        "area": job.area,
        "harness": HARNESS_STATUS[harness[0]] if isinstance(harness[0], int) else str(harness[0]),
        "message": harness[1],
        "subtests": [
            {"name": n, "status": SUBTEST_STATUS[s] if isinstance(s, int) else str(s), "message": m}
            for n, s, m in subtests
        ],
        "ms": round(1000 * (time.monotonic() - started)),
    }


# -- one file on a runtime engine (in a worker process)
def run_file(runtime: Any, engine: str, wpt: Path, job: Job) -> dict[str, Any]:
    started = time.monotonic()
    deadline = started + job.timeout
    ctx = runtime.Context(engine)
    load_error = None
    try:
        ctx.expose("__wpt_read", _reader(wpt))
        ctx.eval(f"{PRELUDE}({json.dumps(_meta(job))}, __wpt_read); delete globalThis.__wpt_read; void 0")
        harness = wpt / "resources" / "testharness.js"
        ctx.eval(harness.read_text("utf-8") + "\nvoid 0;", filename=str(harness))
        ctx.eval(REPORTER + "\nvoid 0;", filename="<reporter>")
        for script in job.scripts:
            source = (wpt / script).read_text("utf-8", "surrogateescape")
            try:
                left = max(0.5, deadline - time.monotonic())
                ctx.eval(source + "\nvoid 0;", filename=str(wpt / script), timeout=left)
            except runtime.JSError as e:
                load_error = f"loading {script}: {e.name}: {e.message}"
                break
            except runtime.ScriptTimeout:
                load_error = f"loading {script}: timed out"
                break
        if load_error and "timed out" in load_error:
            return _result(job, [2, load_error], [], started)
        ctx.eval("done(); void 0")
        promise = ctx.eval("__wpt_done")
        try:
            text = ctx.wait(promise, timeout=max(0.1, deadline - time.monotonic()))
        except (runtime.ScriptTimeout, runtime.PromiseNeverSettles, TimeoutError):
            try:
                ctx.eval("timeout(); void 0", timeout=2)
                text = ctx.wait(promise, timeout=2)
            except (runtime.ScriptTimeout, runtime.PromiseNeverSettles, TimeoutError, runtime.JSError):
                return _result(job, [2, "the harness did not complete"], [], started)
        data = json.loads(text)
        if load_error:
            data["harness"] = [1, load_error]
        return _result(job, data["harness"], data["subtests"], started)
    finally:
        ctx.close()


def worker(engine: str, wpt: Path) -> None:
    import runtime

    runtime.Context(engine).close()  # load the engine before stdin is read (pythonmonkey
    # reconfigures the standard streams when it loads)
    # Results go to the original stdout; anything else written there (console output, an
    # engine's own prints) goes to stderr, and the parent reads only MARK lines anyway.
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    for line in sys.stdin:
        if not line.strip():
            continue
        job = Job(**json.loads(line))
        started = time.monotonic()
        try:
            result = run_file(runtime, engine, wpt, job)
        except Exception as e:  # out of the runtime (or the runner): the file's one failure
            result = _result(job, [1, f"Python {type(e).__name__}: {e}"[:500]], [], started)
        out.write(MARK + json.dumps(result) + "\n")
        out.flush()


# -- the parent: worker processes, crash recovery
def _pump(stream: Any, sink: queue.Queue[str | None] | list[str]) -> None:
    for line in stream:
        if isinstance(sink, list):
            sink.append(line)
            del sink[:-20]
        else:
            sink.put(line)
    if not isinstance(sink, list):
        sink.put(None)


def run_chunk(engine: str, wpt: Path, jobs: list[Job]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    pending = list(jobs)
    while pending:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", engine, "--wpt-dir", str(wpt)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        lines: queue.Queue[str | None] = queue.Queue()
        stderr: list[str] = []
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
        threading.Thread(target=_pump, args=(proc.stderr, stderr), daemon=True).start()
        assert proc.stdin is not None
        try:
            proc.stdin.write("".join(json.dumps(asdict(j)) + "\n" for j in pending))
            proc.stdin.close()
        except BrokenPipeError:
            pass
        while pending:
            job = pending[0]
            try:
                line = lines.get(timeout=job.timeout + 30)
            except queue.Empty:
                proc.kill()
                results.append(_result(job, ["HANG", "the worker was stuck"], [], time.monotonic()))
                pending.pop(0)
                break
            if line is None:  # the worker died on this file
                proc.wait()
                time.sleep(0.1)
                tail = "".join(stderr).strip().splitlines()
                reason = f"worker exit {proc.returncode}: {tail[-1] if tail else ''}"[:300]
                results.append(_result(job, ["CRASH", reason], [], time.monotonic()))
                pending.pop(0)
                break
            if not line.startswith(MARK):
                continue
            result = json.loads(line[len(MARK) :])
            assert result["path"] == job.path, (result["path"], job.path)
            results.append(result)
            pending.pop(0)
        proc.wait()
    return results


def run_node(wpt: Path, job: Job, driver: Path) -> dict[str, Any]:
    started = time.monotonic()
    spec = {
        "root": str(wpt),
        "scripts": job.scripts,
        "timeout": job.timeout,
        "meta": _meta(job),
        "prelude": PRELUDE,
        "reporter": REPORTER,
        "mark": MARK,
    }
    try:
        proc = subprocess.run(
            ["node", str(driver), json.dumps(spec)],
            capture_output=True,
            text=True,
            timeout=job.timeout + 20,
            cwd=wpt,
        )
    except subprocess.TimeoutExpired:
        return _result(job, ["HANG", "node was stuck"], [], started)
    for line in reversed(proc.stdout.split("\n")):
        if line.startswith(MARK):
            data = json.loads(line[len(MARK) :])
            return _result(job, data["harness"], data["subtests"], started)
    tail = proc.stderr.strip().splitlines()
    reason = f"node exit {proc.returncode}: {tail[-1] if tail else ''}"[:300]
    return _result(job, ["CRASH", reason], [], started)


def run_engine(engine: str, wpt: Path, jobs: list[Job], workers: int) -> list[dict[str, Any]]:
    runnable = [j for j in jobs if not j.skip]
    results = [
        {"path": j.path, "area": j.area, "harness": "SKIP", "message": j.skip, "subtests": []}
        for j in jobs
        if j.skip
    ]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        if engine == "node":
            with tempfile.TemporaryDirectory() as tmp:
                driver = Path(tmp) / "wpt_driver.js"
                driver.write_text(NODE_DRIVER, "utf-8")
                results.extend(pool.map(lambda j: run_node(wpt, j, driver), runnable))
        else:
            # SpiderMonkey keeps one global per process: a file per process there.
            size = max(5, min(40, len(runnable) // max(1, workers * 4) + 1))
            if engine == "spidermonkey":
                size = 1
            chunks = [runnable[i : i + size] for i in range(0, len(runnable), size)]
            for part in pool.map(lambda c: run_chunk(engine, wpt, c), chunks):
                results.extend(part)
    order = {j.path: i for i, j in enumerate(jobs)}
    results.sort(key=lambda r: order[r["path"]])
    return results


# -- the report
def counts(results: list[dict[str, Any]]) -> dict[str, collections.Counter[str]]:
    """Per area: passed and total subtests, files crashed/timed out/skipped/run."""
    by_area: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in results:
        c = by_area[r["area"]]
        if r["harness"] == "SKIP":
            c["skipped"] += 1
            continue
        c["files"] += 1
        subtests = r["subtests"]
        if not subtests:
            c["total"] += 1
        else:
            c["total"] += len(subtests)
            c["passed"] += sum(1 for s in subtests if s["status"] == "PASS")
        if r["harness"] in ("CRASH", "HANG"):
            c["crashed"] += 1
        elif r["harness"] == "TIMEOUT":
            c["timeout"] += 1
        elif r["harness"] == "ERROR":
            c["error"] += 1
    return by_area


def table(runs: dict[str, list[dict[str, Any]]], areas: list[str]) -> str:
    engines = list(runs)
    per = {e: counts(rs) for e, rs in runs.items()}
    head = f"| area | files | {' | '.join(engines)} |"
    lines = [head, "|---|---:|" + "---:|" * len(engines)]
    totals = {e: collections.Counter[str]() for e in engines}
    for area in areas:
        cells = []
        files = 0
        for e in engines:
            c = per[e].get(area, collections.Counter())
            totals[e].update(c)
            files = max(files, c["files"])
            cells.append(f"{c['passed']}/{c['total']}")
        lines.append(f"| {area} | {files} | {' | '.join(cells)} |")
    cells = [f"{totals[e]['passed']}/{totals[e]['total']}" for e in engines]
    lines.append(f"| all | {max(totals[e]['files'] for e in engines)} | {' | '.join(cells)} |")
    return "\n".join(lines)


def report(engine: str, results: list[dict[str, Any]], verbose: bool) -> None:
    print(f"\n== {engine}")
    c: collections.Counter[str] = collections.Counter()
    for area_counts in counts(results).values():
        c.update(area_counts)
    rate = 100 * c["passed"] / c["total"] if c["total"] else 0.0
    print(
        f"{c['passed']}/{c['total']} subtests pass ({rate:.1f}%) in {c['files']} files; "
        f"harness errors {c['error']}, timeouts {c['timeout']}, crashes {c['crashed']}; "
        f"{c['skipped']} files skipped"
    )
    if not verbose:
        return
    for r in results:
        if r["harness"] == "SKIP":
            continue
        bad = [s for s in r["subtests"] if s["status"] != "PASS"]
        if r["harness"] != "OK" or bad:
            print(f"  {r['path']}: harness {r['harness']} {r['message'] or ''}".rstrip()[:300])
            for s in bad:
                print(f"    {s['status']}: {s['name']}: {(s['message'] or '')}"[:300])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--wpt-dir", type=Path, default=os.environ.get("WPT_DIR"), help="a wpt checkout (env WPT_DIR)"
    )
    parser.add_argument("--engine", action="append", choices=ENGINES, help="default: every engine and node")
    parser.add_argument("--area", action="append", choices=list(AREAS), help="default: every area")
    parser.add_argument("--filter", action="append", default=[], help="only files whose path has this")
    parser.add_argument("--json", type=Path, help="write every file's results here")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help=f"seconds per file ({LONG}x for timeout=long)"
    )
    parser.add_argument("--verbose", action="store_true", help="every failing subtest")
    parser.add_argument("--worker", choices=RUNTIME_ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wpt_dir is None:
        sys.exit(
            "no wpt checkout: give --wpt-dir or set WPT_DIR (git clone https://github.com/web-platform-tests/wpt)"
        )
    wpt = Path(args.wpt_dir).resolve()
    if args.worker:
        worker(args.worker, wpt)
        return
    if not (wpt / "resources" / "testharness.js").is_file():
        sys.exit(f"no wpt checkout at {wpt} (resources/testharness.js is missing)")
    areas = args.area or list(AREAS)
    jobs = collect(wpt, areas, args.filter, args.timeout)
    if not jobs:
        sys.exit("no tests selected")
    engines = args.engine or [*RUNTIME_ENGINES, *(["node"] if shutil.which("node") else [])]
    skipped = sum(1 for j in jobs if j.skip)
    print(f"wpt {wpt}: {len(jobs)} files in {len(areas)} areas, {skipped} skipped")
    runs: dict[str, list[dict[str, Any]]] = {}
    for engine in engines:
        started = time.monotonic()
        runs[engine] = run_engine(engine, wpt, jobs, max(1, args.jobs))
        report(engine, runs[engine], args.verbose)
        print(f"({engine}: {time.monotonic() - started:.0f} s)", flush=True)
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1) + "\n", "utf-8")
    if "node" in runs:
        version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        runs[f"node {version}"] = runs.pop("node")
    print("\nsubtests passed/total\n" + table(runs, areas))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
