"""Module graph load for examples/hono, per engine: cold and warm transform cache, and
evaluation against the same app bundled by esbuild, in one run.

    python benchmarks/modules.py [--engine v8 --engine spidermonkey] [--rounds 7]

It prints, as the best of ``rounds`` (and the median):
- cold transform: resolving and transforming every file of the graph (TypeScript strip,
  JSX, module rewrite) with empty caches, in ms (no engine involved);
- warm transform: the same graph found in the disk cache (a restarted worker's case);
- per engine, ms to import the graph into a fresh context with the transforms in memory
  (define every module, link, evaluate), against ms to evaluate esbuild's bundle of the
  same entry (``npx esbuild --bundle --format=iife``) in a fresh context, and their ratio.
  Without ``npx`` the bundle column is left out.
Each engine is measured in its own process (an engine may allow one context per process,
so each round closes its context before the next). Numbers on a shared machine drift:
compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

HONO = ROOT / "examples" / "hono"
ENTRY = HONO / "src" / "index.ts"


def ensure_packages() -> None:
    if (HONO / "node_modules").exists():
        return
    if shutil.which("npm") is None:
        sys.exit("npm not found: install Node.js/npm (examples/hono needs its packages)")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HONO, check=True)


def bundle(out: Path) -> Path | None:
    if shutil.which("npx") is None:
        return None
    target = out / "bundle.js"
    r = subprocess.run(
        [
            "npx", "--yes", "esbuild@0.24.0", str(ENTRY), "--bundle", "--format=iife",
            "--global-name=__bundle", "--platform=neutral", "--main-fields=module,main",
            "--conditions=workerd,worker,browser", f"--outfile={target}", "--log-level=error",
        ],
        capture_output=True, text=True, cwd=HONO,
    )  # fmt: skip
    if r.returncode != 0:
        print(f"esbuild failed, no bundle column: {r.stderr.strip()[:300]}")
        return None
    return target


def transform_times(rounds: int) -> dict[str, list[float]]:
    from runtime.modules import cache
    from runtime.modules.graph import Graph

    cold, warm, files = [], [], 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["RUNTIME_CACHE_DIR"] = tmp
            cache.clear_memory()
            start = time.perf_counter()
            graph = Graph()
            graph.load(ENTRY.resolve())
            cold.append((time.perf_counter() - start) * 1000)
            files = len(graph.records)
            cache.clear_memory()
            start = time.perf_counter()
            Graph().load(ENTRY.resolve())
            warm.append((time.perf_counter() - start) * 1000)
    return {"cold": cold, "warm": warm, "files": [files]}


def engine_times(engine: str, rounds: int, bundle_path: str | None) -> dict[str, list[float]]:
    """Run in a child process: import vs bundled evaluation, fresh context each round."""
    import runtime
    from runtime.modules.graph import Graph

    Graph().load(ENTRY.resolve())  # fill the memory cache: measure the engine side only
    source = Path(bundle_path).read_text() if bundle_path else None
    out: dict[str, list[float]] = {"import": [], "bundle": []}
    for _ in range(rounds):
        with runtime.Context(engine) as ctx:
            start = time.perf_counter()
            module = ctx.import_module(ENTRY)
            assert "default" in module
            out["import"].append((time.perf_counter() - start) * 1000)
        if source is not None:
            with runtime.Context(engine) as ctx:
                start = time.perf_counter()
                ctx.eval(source + "\n;void 0", filename="bundle.js")
                out["bundle"].append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", action="append", help="engines to measure (default: all available)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--bundle", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(engine_times(args.child, args.rounds, args.bundle)))
        return
    from runtime import registry

    ensure_packages()
    engines = args.engine or registry.available()
    with tempfile.TemporaryDirectory() as tmp:
        bundled = bundle(Path(tmp))
        t = transform_times(args.rounds)
        print(f"examples/hono: {t['files'][0]} files in the graph")
        print(f"{'transform':<28}{'best ms':>10}{'median ms':>12}")
        for name in ("cold", "warm"):
            print(f"{name + ' cache':<28}{min(t[name]):>10.1f}{statistics.median(t[name]):>12.1f}")
        print()
        print(
            f"{'engine':<14}{'import ms':>10}{'bundle ms':>11}{'ratio':>8}   (best of {args.rounds}; median)"
        )
        for engine in engines:
            cmd = [sys.executable, __file__, "--child", engine, "--rounds", str(args.rounds)]
            if bundled is not None:
                cmd += ["--bundle", str(bundled)]
            r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if r.returncode != 0:
                print(f"{engine:<14} failed: {r.stderr.strip()[-400:]}")
                continue
            times = json.loads(r.stdout.strip().splitlines()[-1])
            imp = min(times["import"])
            line = f"{engine:<14}{imp:>10.1f}"
            if times["bundle"]:
                bun = min(times["bundle"])
                line += f"{bun:>11.1f}{imp / bun:>8.2f}"
            line += f"   (median {statistics.median(times['import']):.1f}"
            if times["bundle"]:
                line += f" / {statistics.median(times['bundle']):.1f}"
            print(line + ")")


if __name__ == "__main__":
    main()
