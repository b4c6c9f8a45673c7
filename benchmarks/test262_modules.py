"""test262's module tests against the runtime's module linker, per engine.

    git clone https://github.com/tc39/test262 /tmp/test262
    python benchmarks/test262_modules.py --test262 /tmp/test262 [--engine v8|spidermonkey]
        [--filter substring] [--no-scripts] [--jobs N] [--json out.json] [--verbose]

What it measures: how much of test262's ES module conformance ``Context.import_module``
(the source rewrite of ``runtime/modules/esm.py``, the link checks of ``graph.py`` and the
JS side in ``shims/js/09_modules.js``) passes on each engine. The selection:

- "module" tests: every test whose frontmatter ``flags`` include ``module`` (most are under
  ``test/language/module-code/``, ``import/``, ``export/``, ``expressions/dynamic-import/``
  and ``expressions/import.meta/``; the few elsewhere come along). Each one is loaded with
  ``ctx.import_module(test file)`` straight from the test262 tree (its ``_FIXTURE`` files are
  read from disk as the test imports them);
- "script" tests (left out with ``--no-scripts``): the classic-script tests of
  ``test/language/expressions/dynamic-import/``, run with ``ctx.eval(source, filename=...)``
  so that their ``import()`` calls resolve next to the file. test262 asks for two runs of a
  script test (strict and sloppy); this runs each once, strict only for ``onlyStrict``.

Every test gets a fresh context. The harness (``assert.js``, ``sta.js``,
``doneprintHandle.js`` for async tests, the test's ``includes``, a ``print`` and a minimal
``$262``) is evaluated first as a classic script, so its names are globals the module sees.
A test passes when it completes without an uncaught exception; an async test when it calls
``$DONE()`` without an error (timers and promises run until it does, at most ``--timeout``
seconds); a ``negative`` test when loading or running it raises ``JSError`` whose ``name`` is
the expected type (the phase is not told apart: a parse or resolution test starts with
``$DONOTEVALUATE()``, which throws a string, so a body that ran shows as the wrong error).

Skipped, and counted apart: tests needing a proposal or host hook neither engine binding
offers (``UNSUPPORTED``), and tests needing a language feature the engine lacks (probed per
engine, ``PROBES``).

Files named ``.js`` are ES modules only inside a ``"type": "module"`` package for the runtime
(otherwise it guesses from the syntax, as Node does); test262 has none, so the runner writes
``test/package.json`` with ``{"type": "module"}`` into the checkout unless ``--no-package-json``.

Tests run in worker processes (``--jobs``, one engine context at a time each) that report one
JSON line per test, so an engine crash costs one test: the parent marks the test a worker died
on as "crash" and starts a new worker for the rest. A test that outlives its timeout by far
(the worker stuck in the engine) is "hang". SpiderMonkey's contexts share one global, where a
classic script's top-level declarations outlive its context, so each script test there gets a
process of its own (``--fresh``: every test does).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path[0] = str(ROOT)

ENGINES = ("v8", "spidermonkey")
MODULE_DIRS = (
    "test/language/module-code",
    "test/language/import",
    "test/language/export",
    "test/language/expressions/dynamic-import",
    "test/language/expressions/import.meta",
)
SCRIPT_DIRS = ("test/language/expressions/dynamic-import",)

#: Features no engine binding here offers (proposals, host hooks): skipped everywhere.
UNSUPPORTED = {
    "import-defer": "import defer proposal",
    "source-phase-imports": "source phase imports proposal",
    "source-phase-imports-module-source": "source phase imports proposal",
    "import-text": "import text proposal",
    "import-bytes": "import bytes proposal",
    "import-assertions": "old `assert {}` syntax",
    "ShadowRealm": "ShadowRealm",
    "cross-realm": "$262.createRealm",
    "IsHTMLDDA": "$262.IsHTMLDDA",
    "host-gc-required": "$262.gc",
    "Atomics.waitAsync": "$262.agent",
}

#: Language features an engine may lack: a script that throws a SyntaxError (or is falsy)
#: where the engine does not have the feature.
PROBES = {
    "explicit-resource-management": "{ using x = null; } typeof DisposableStack === 'function'",
    "immutable-arraybuffer": "typeof ArrayBuffer.prototype.transferToImmutable === 'function'",
    "promise-with-resolvers": "typeof Promise.withResolvers === 'function'",
    "Array.fromAsync": "typeof Array.fromAsync === 'function'",
    "iterator-helpers": "typeof Iterator === 'function'",
    "set-methods": "typeof Set.prototype.union === 'function'",
    "regexp-modifiers": "new RegExp('(?i:a)'), true",
    "RegExp.escape": "typeof RegExp.escape === 'function'",
    "Float16Array": "typeof Float16Array === 'function'",
    "uint8array-base64": "typeof Uint8Array.fromBase64 === 'function'",
    "Math.sumPrecise": "typeof Math.sumPrecise === 'function'",
    "Error.isError": "typeof Error.isError === 'function'",
    "json-parse-with-source": "typeof JSON.rawJSON === 'function'",
    "upsert": "typeof Map.prototype.getOrInsert === 'function'",
    "decorators": "eval('@(x=>x) class C {}'), true",
    "class-static-block": "eval('(class { static {} })'), true",
    "arbitrary-module-namespace-names": "true",
}

PRELUDE = r"""
globalThis.__t262_printed = [];
globalThis.__t262_done = new Promise(function (resolve) { globalThis.__t262_resolve = resolve; });
globalThis.print = function print(message) {
  message = String(message);
  __t262_printed.push(message);
  if (message.indexOf("Test262:AsyncTest") === 0) __t262_resolve(message);
};
globalThis.$262 = {
  global: globalThis,
  evalScript: function (source) { return (0, eval)(source); },
  detachArrayBuffer: function (buffer) {
    if (typeof buffer.transfer === "function") { buffer.transfer(); return null; }
    if (typeof structuredClone === "function") {
      structuredClone(buffer, { transfer: [buffer] });
      return null;
    }
    throw new Test262Error("detachArrayBuffer is not available");
  },
  createRealm: function () { throw new Test262Error("createRealm is not available"); },
  gc: function () { throw new Test262Error("gc is not available"); },
};
"""


@dataclass
class Test:
    path: str  # relative to the test262 root
    kind: str  # "module" or "script"
    flags: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    negative: dict[str, str] | None = None


# -- frontmatter (the few keys the runner needs; no YAML library)
_FRONTMATTER = re.compile(r"/\*---(.*?)---\*/", re.S)


def _yaml_list(meta: str, key: str) -> list[str]:
    m = re.search(rf"^{key}:[ \t]*\[(.*?)\]", meta, re.M | re.S)
    if m:
        return [x.strip().strip("'\"") for x in m.group(1).split(",") if x.strip()]
    m = re.search(rf"^{key}:[ \t]*\n((?:[ \t]+-[^\n]*\n?)+)", meta, re.M)
    if m:
        return [x.strip().strip("'\"") for x in re.findall(r"-\s*(.+)", m.group(1))]
    return []


def frontmatter(text: str) -> dict[str, object]:
    m = _FRONTMATTER.search(text)
    meta = m.group(1) if m else ""
    negative = None
    n = re.search(r"^negative:[ \t]*\n((?:[ \t]+\S[^\n]*\n?)+)", meta, re.M)
    if n:
        negative = dict(re.findall(r"^[ \t]+(phase|type):[ \t]*(\S+)", n.group(1), re.M))
    return {
        "flags": _yaml_list(meta, "flags"),
        "features": _yaml_list(meta, "features"),
        "includes": _yaml_list(meta, "includes"),
        "negative": negative,
    }


def collect(test262: Path, scripts: bool, filters: list[str]) -> list[Test]:
    tests: dict[str, Test] = {}
    candidates = [p for p in (test262 / "test").rglob("*.js") if "_FIXTURE" not in p.name]
    for path in sorted(candidates):
        rel = path.relative_to(test262).as_posix()
        if filters and not any(f in rel for f in filters):
            continue
        text = path.read_text("utf-8", "surrogateescape")
        if "module" not in text and not rel.startswith(SCRIPT_DIRS):
            continue
        meta = frontmatter(text)
        flags = meta["flags"]
        assert isinstance(flags, list)
        if "module" in flags:
            kind = "module"
        elif scripts and rel.startswith(SCRIPT_DIRS):
            kind = "script"
        else:
            continue
        tests[rel] = Test(rel, kind, flags, meta["features"], meta["includes"], meta["negative"])  # type: ignore[arg-type]
    return list(tests.values())


def skip_reason(test: Test, missing: dict[str, str]) -> str | None:
    for feature in test.features:
        if feature in UNSUPPORTED:
            return f"{feature} ({UNSUPPORTED[feature]})"
    for feature in test.features:
        if feature in missing:
            return f"{feature} (engine lacks it)"
    if "CanBlockIsTrue" in test.flags:
        return "CanBlockIsTrue"
    return None


# -- the worker: runs tests in one process, one JSON line each
def harness_source(test262: Path, test: Test) -> str:
    if "raw" in test.flags:
        return PRELUDE + "\nvoid 0;\n"
    names = ["assert.js", "sta.js"]
    if "async" in test.flags:
        names.append("doneprintHandle.js")
    names += [n for n in test.includes if n not in names]
    sources = [PRELUDE, *((test262 / "harness" / n).read_text("utf-8") for n in names)]
    return "\n".join(sources) + "\nvoid 0;\n"  # no completion value to convert


def _where(e: BaseException) -> str:
    frames = getattr(e, "frames", None) or []
    for _, file, line, column in frames:
        if file and file != "<harness>":
            return f"{os.path.basename(str(file))}:{line}:{column}"
    return ""


def _thrown_name(error: tuple[str, str, str]) -> str:
    """The constructor name of a thrown object that is no Error (``JSError.name`` is "Uncaught"
    then, the message its ``String()``): ``Test262Error: msg`` names ``Test262Error``."""
    m = re.match(r"([A-Za-z_$][\w$]*): ", error[1]) if error[0] == "Uncaught" else None
    return m.group(1) if m else error[0]


def run_one(runtime, engine: str, test262: Path, test: Test, timeout: float) -> dict[str, object]:
    started = time.monotonic()
    ctx = runtime.Context(engine)
    error: tuple[str, str, str] | None = None
    try:
        ctx.eval(harness_source(test262, test), filename="<harness>")
        path = test262 / test.path
        try:
            if test.kind == "module":
                ctx.import_module(path, timeout=timeout)
            else:
                source = path.read_text("utf-8")
                if "onlyStrict" in test.flags:
                    source = '"use strict";\n' + source
                ctx.eval(source, filename=str(path), timeout=timeout)
            if "async" in test.flags:
                left = max(0.5, timeout - (time.monotonic() - started))
                message = ctx.wait(ctx.eval("__t262_done"), timeout=left)
                if message != "Test262:AsyncTestComplete":
                    text = str(message).removeprefix("Test262:AsyncTestFailure:")
                    name, _, rest = text.partition(": ")
                    error = (name, rest, "$DONE")
        except runtime.JSError as e:
            error = (e.name, e.message, _where(e))
        except runtime.ScriptTimeout as e:
            error = ("Timeout", str(e).split("\n")[0], "")
        except runtime.PromiseNeverSettles as e:
            error = ("NeverSettles", str(e).split("\n")[0] or "$DONE was never called", "")
        except TimeoutError as e:
            error = ("Timeout", str(e).split("\n")[0] or "$DONE was not called in time", "")
        except runtime.RuntimeFailure as e:
            error = (type(e).__name__, str(e).split("\n")[0], "")
    finally:
        ctx.close()
    negative = test.negative
    if negative:
        if error is None:
            status, detail = "fail", f"expected {negative.get('type')} ({negative.get('phase')}), none thrown"
        elif negative.get("type") in (error[0], _thrown_name(error)):
            status, detail = "pass", ""
        else:
            status = "fail"
            detail = f"expected {negative.get('type')} ({negative.get('phase')}), got {error[0]}: {error[1]}"
    elif error is None:
        status, detail = "pass", ""
    else:
        status, detail = "fail", f"{error[0]}: {error[1]}"
    if status == "fail" and error and error[2]:
        detail += f" [{error[2]}]"
    ms = round(1000 * (time.monotonic() - started))
    return {"path": test.path, "status": status, "error": detail, "ms": ms}


def worker(engine: str, test262: Path, timeout: float) -> None:
    import runtime

    runtime.Context(engine).close()  # load the engine before stdin is read (pythonmonkey
    # reconfigures the standard streams when it loads)
    out = sys.stdout
    sys.stdout = sys.stderr  # a stray print must not break the JSON lines
    for line in sys.stdin:
        if not line.strip():
            continue
        test = Test(**json.loads(line))
        try:
            result = run_one(runtime, engine, test262, test, timeout)
        except Exception as e:  # a Python exception out of the runtime (or the runner): report it
            result = {"path": test.path, "status": "fail", "error": f"Python {type(e).__name__}: {e}"}
        out.write(json.dumps(result) + "\n")
        out.flush()


def probe(engine: str) -> None:
    import runtime

    missing = {}
    ctx = runtime.Context(engine)
    try:
        for feature, source in PROBES.items():
            try:
                if not ctx.eval(source):
                    missing[feature] = "probe is false"
            except runtime.JSError as e:
                missing[feature] = f"{e.name}: {e.message}"
    finally:
        ctx.close()
    print(json.dumps(missing))


# -- the parent: workers, crash recovery, the report
def _spawn(engine: str, test262: Path, timeout: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", engine, "--test262", str(test262), "--timeout", str(timeout)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def run_chunk(engine: str, test262: Path, tests: list[Test], timeout: float) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    pending = list(tests)
    while pending:
        proc = _spawn(engine, test262, timeout)
        lines: queue.Queue[str | None] = queue.Queue()
        stderr: list[str] = []

        def pump(p: subprocess.Popen[str] = proc, q: queue.Queue[str | None] = lines) -> None:
            assert p.stdout is not None
            for line in p.stdout:
                q.put(line)
            q.put(None)

        def drain(p: subprocess.Popen[str] = proc, sink: list[str] = stderr) -> None:
            assert p.stderr is not None
            for line in p.stderr:
                sink.append(line)
                del sink[:-20]

        threading.Thread(target=pump, daemon=True).start()
        threading.Thread(target=drain, daemon=True).start()
        assert proc.stdin is not None
        try:
            proc.stdin.write("".join(json.dumps(asdict(t)) + "\n" for t in pending))
            proc.stdin.close()
        except BrokenPipeError:
            pass
        while pending:
            try:
                line = lines.get(timeout=timeout * 3 + 20)
            except queue.Empty:
                proc.kill()
                results.append({"path": pending[0].path, "status": "hang", "error": "worker stuck"})
                pending.pop(0)
                break
            if line is None:  # the worker died on pending[0]
                proc.wait()
                time.sleep(0.1)
                tail = "".join(stderr).strip().splitlines()
                reason = tail[-1] if tail else ""
                results.append(
                    {
                        "path": pending[0].path,
                        "status": "crash",
                        "error": f"worker exit {proc.returncode}: {reason}"[:300],
                    }
                )
                pending.pop(0)
                break
            result = json.loads(line)
            assert result["path"] == pending[0].path, (result, pending[0].path)
            results.append(result)
            pending.pop(0)
        proc.wait()
    return results


def run_engine(
    engine: str, test262: Path, tests: list[Test], jobs: int, timeout: float, fresh: bool = False
) -> dict[str, object]:
    found = subprocess.run(
        [sys.executable, __file__, "--probe", engine], capture_output=True, text=True, cwd=ROOT
    )
    if found.returncode != 0:
        sys.exit(f"{engine}: the probe failed: {found.stderr.strip()[-500:]}")
    missing = json.loads(found.stdout.strip().splitlines()[-1])
    results: list[dict[str, object]] = []
    runnable = []
    for test in tests:
        reason = skip_reason(test, missing)
        if reason:
            results.append({"path": test.path, "status": "skip", "error": reason})
        else:
            runnable.append(test)
    # SpiderMonkey keeps one global per process: a classic script's top-level let/const/class
    # and var outlive its context, so each script test there gets a process of its own.
    alone = [t for t in runnable if fresh or (engine == "spidermonkey" and t.kind == "script")]
    shared = [t for t in runnable if t not in alone]
    size = max(20, min(150, len(shared) // max(1, jobs * 4) + 1))
    chunks = [shared[i : i + size] for i in range(0, len(shared), size)] + [[t] for t in alone]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for part in pool.map(lambda c: run_chunk(engine, test262, c, timeout), chunks):
            results.extend(part)
    kinds = {t.path: t.kind for t in tests}
    for r in results:
        r["kind"] = kinds[str(r["path"])]
    order = {t.path: i for i, t in enumerate(tests)}
    results.sort(key=lambda r: order[str(r["path"])])
    return {"engine": engine, "missing_features": missing, "results": results}


def _group(path: str) -> str:
    parts = path.split("/")[1:-1]  # drop "test/" and the file name
    return "/".join(parts[:3])


def report(run: dict[str, object], verbose: bool) -> None:
    engine = run["engine"]
    results: list[dict[str, object]] = run["results"]  # type: ignore[assignment]
    print(f"\n== {engine}")
    for kind in ("module", "script"):
        rs = [r for r in results if r["kind"] == kind]
        if not rs:
            continue
        c = collections.Counter(str(r["status"]) for r in rs)
        ran = len(rs) - c["skip"]
        rate = 100 * c["pass"] / ran if ran else 0.0
        extra = "".join(f", {c[s]} {s}" for s in ("crash", "hang") if c[s])
        print(f"{kind} tests: {c['pass']}/{ran} pass ({rate:.1f}%), {c['fail']} fail{extra}, ", end="")
        print(f"{c['skip']} skipped")
    print(f"\n{'directory':<52} {'pass':>5} {'fail':>5} {'skip':>5}")
    by_dir: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in results:
        name = _group(str(r["path"])) + (" (scripts)" if r["kind"] == "script" else "")
        by_dir[name][str(r["status"])] += 1
    for name, c in sorted(by_dir.items()):
        bad = c["fail"] + c["crash"] + c["hang"]
        print(f"{name:<52} {c['pass']:>5} {bad:>5} {c['skip']:>5}")
    skips = collections.Counter(str(r["error"]) for r in results if r["status"] == "skip")
    if skips:
        print("\nskipped: " + ", ".join(f"{reason}: {n}" for reason, n in skips.most_common()))
    failures = [r for r in results if r["status"] not in ("pass", "skip")]
    if failures:
        print(f"\nfailing ({len(failures)}):")
        for r in failures:
            first = str(r["error"]).split("\n")[0]
            if not verbose and len(first) > 160:
                first = first[:157] + "..."
            print(f"  {r['status']:<5} {r['path']}: {first}")


def ensure_package_json(test262: Path) -> None:
    target = test262 / "test" / "package.json"
    want = {"type": "module"}
    try:
        if json.loads(target.read_text("utf-8")) == want:
            return
    except (OSError, ValueError):
        pass
    target.write_text(json.dumps(want) + "\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test262", type=Path, default=Path("/tmp/test262"), help="a test262 checkout")
    parser.add_argument("--engine", action="append", choices=ENGINES, help="default: both")
    parser.add_argument("--filter", action="append", default=[], help="only tests whose path has this")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per test")
    parser.add_argument("--no-scripts", action="store_true", help="module tests only")
    parser.add_argument("--no-package-json", action="store_true", help="leave test/package.json alone")
    parser.add_argument("--verbose", action="store_true", help="full error lines")
    parser.add_argument("--fresh", action="store_true", help="a new worker process for every test (slow)")
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--probe", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    test262 = args.test262.resolve()
    if args.probe:
        probe(args.probe)
        return
    if args.worker:
        worker(args.worker, test262, args.timeout)
        return
    if not (test262 / "harness" / "assert.js").is_file():
        sys.exit(f"no test262 checkout at {test262}: git clone https://github.com/tc39/test262 {test262}")
    if not args.no_package_json:
        ensure_package_json(test262)
    tests = collect(test262, not args.no_scripts, args.filter)
    if not tests:
        sys.exit("no tests selected")
    kinds = collections.Counter(t.kind for t in tests)
    print(f"test262 {test262}: {kinds['module']} module tests, {kinds['script']} script tests")
    runs = []
    for engine in args.engine or ENGINES:
        started = time.monotonic()
        run = run_engine(engine, test262, tests, max(1, args.jobs), args.timeout, args.fresh)
        run["seconds"] = round(time.monotonic() - started, 1)
        runs.append(run)
        report(run, args.verbose)
        print(f"({engine}: {run['seconds']} s)")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
