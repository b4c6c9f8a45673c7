"""Embedding cost per engine: our API against the raw library's fastest path, same run.

    python benchmarks/embed.py [--engine v8 --engine spidermonkey] [--calls 1000] [--rounds 40]

For each engine it prints µs per call of
- ``ctx.call`` of a JS function with a small dict in and out (plain data back),
- ``ctx.eval`` of a small expression,
- the raw library's own fastest call for the same work (pythonmonkey: a direct JS function
  call, whose result is a lazy proxy, and the same with the result copied into a dict as
  ctx.call returns it; mini-racer: ``eval`` of JSON in/out on the asyncio loop that owns the
  isolate),
- ms to create a ready context with every shim installed,
- µs to build a ``Request`` and read ``await request.json()`` in JS.
Times are the best round, and ratios are of those times; "paired" is the median over rounds
of the two measured side by side in one round, a check on the best-round ratio when the
machine is noisy. Numbers on a shared machine drift: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, this folder would come first on sys.path, and benchmarks/http.py would
# shadow the standard library's http package: put the project root there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import runtime  # noqa: E402

HANDLER = "globalThis.handler = (req) => ({status: 200, path: req.path, n: req.n + 1});"
REQUEST = {"method": "GET", "path": "/items/42", "n": 1, "headers": {"accept": "*/*"}}


def round_us(fn: Callable[[], object], calls: int) -> float:
    """µs per call over one round of ``calls`` calls (GC off, as for every contender)."""
    gc.disable()
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    elapsed = time.perf_counter() - start
    gc.enable()
    return elapsed / calls * 1e6


def interleaved(
    contenders: dict[str, Callable[[int], float]], calls: int, rounds: int
) -> dict[str, list[float]]:
    """Every round of each contender, the rounds taken in turn, so that a disturbance on
    this shared machine hits neighbouring rounds alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for measure in contenders.values():
        measure(max(1, calls // 10))  # warm up
    for _ in range(rounds):
        for name, measure in contenders.items():
            times[name].append(measure(calls))
    return times


def paired_ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """Median over rounds of a's time / b's time in the same round: a slow spell of the
    machine lands on both halves of a pair, where a ratio of best rounds can pair a slow
    spell of one with a quiet one of the other."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def raw_spidermonkey() -> tuple[Callable[[int], float], Callable[[int], float]]:
    """pythonmonkey's direct call (its result is a lazy proxy of the JS object), and the
    same call with the result copied into a plain dict (what ctx.call returns)."""
    import pythonmonkey as pm

    fn = pm.eval("(req) => ({status: 200, path: req.path, n: req.n + 1})")
    return (
        lambda calls: round_us(lambda: fn(REQUEST), calls),
        lambda calls: round_us(lambda: dict(fn(REQUEST)), calls),
    )


def raw_v8() -> tuple[Callable[[int], float], Callable[[], None]]:
    """mini-racer's sync ``eval`` called on the event loop that owns the isolate."""
    import json

    from py_mini_racer import MiniRacer

    mr = MiniRacer()
    mr.eval(HANDLER)
    payload = json.dumps(REQUEST)
    code = f"JSON.stringify(handler(JSON.parse({json.dumps(payload)})))"
    loop = mr._ctx.event_loop  # the loop mini-racer runs for this isolate

    def measure(calls: int) -> float:
        async def on_loop() -> float:
            return round_us(lambda: json.loads(mr.eval(code)), calls)

        return asyncio.run_coroutine_threadsafe(on_loop(), loop).result()

    return measure, mr.close


def context_creation_ms(engine: str, rounds: int = 10) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        ctx = runtime.Context(engine)
        times.append((time.perf_counter() - start) * 1e3)
        ctx.close()
    return statistics.median(times)


def request_json_us(ctx: runtime.Context, iterations: int = 2000) -> float | None:
    if ctx.eval("typeof Request") != "function":
        return None
    source = f"""(async () => {{
        const start = performance.now();
        for (let i = 0; i < {iterations}; i++) {{
            const body = '{{"a": 1, "b": [1, 2]}}';
            const r = new Request("http://localhost/api", {{method: "POST", body}});
            await r.json();
        }}
        return (performance.now() - start) * 1000 / {iterations};
    }})()"""
    return ctx.wait(ctx.eval(source))


def bench(engine: str, calls: int, rounds: int) -> dict[str, float | None]:
    first = time.perf_counter()
    ctx = runtime.Context(engine)
    first_ms = (time.perf_counter() - first) * 1e3
    ctx.eval(HANDLER)
    close_raw = None
    contenders: dict[str, Callable[[int], float]] = {
        "call": lambda n: round_us(lambda: ctx.call("handler", REQUEST), n),
        "eval": lambda n: round_us(lambda: ctx.eval("1 + 2"), n),
    }
    if engine == "spidermonkey":
        contenders["raw"], contenders["raw_copy"] = raw_spidermonkey()
    else:
        contenders["raw"], close_raw = raw_v8()  # already JSON in and out: plain data
    times = interleaved(contenders, calls, rounds)
    times.setdefault("raw_copy", times["raw"])
    row: dict[str, float | None] = {name: min(t) for name, t in times.items()}
    row["call_raw_paired"] = paired_ratio(times, "call", "raw")
    if close_raw is not None:
        close_raw()
    row["request_json"] = request_json_us(ctx)
    row["first_context_ms"] = first_ms
    ctx.close()
    row["context_ms"] = context_creation_ms(engine)
    return row


def measure_in_child(engine: str, calls: int, rounds: int) -> dict[str, float | None]:
    """``bench`` in a fresh interpreter: one engine's threads and heap (V8 keeps a thread
    pool after its isolates close) must not disturb the next engine's timings."""
    command = [sys.executable, __file__, "--row", "--engine", engine]
    out = subprocess.run(
        [*command, "--calls", str(calls), "--rounds", str(rounds)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--engine", action="append", help="engine(s) to measure (default: all available)")
    parser.add_argument("--calls", type=int, default=1000, help="calls per round")
    parser.add_argument("--rounds", type=int, default=40, help="rounds per contender, taken in turn")
    parser.add_argument("--row", action="store_true", help=argparse.SUPPRESS)  # one engine, JSON out
    args = parser.parse_args()
    engines = args.engine or [r["name"] for r in runtime.engines() if r["available"]]
    if args.row:
        print(json.dumps(bench(engines[0], args.calls, args.rounds)))
        return
    print(
        f"python {sys.version.split()[0]}, {args.rounds} interleaved rounds x {args.calls} calls "
        "(times: best round), each engine in a process of its own\n"
    )
    header = (
        "| engine | ctx.call µs | ctx.eval µs | raw call µs | call/raw | call/raw, paired "
        "| raw call + copy µs | call/(raw + copy) | context ms | first context ms | Request+json() µs |"
    )
    print(header)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for engine in engines:
        r = measure_in_child(engine, args.calls, args.rounds)
        rj = "n/a" if r["request_json"] is None else f"{r['request_json']:.1f}"
        print(
            f"| {engine} | {r['call']:.1f} | {r['eval']:.1f} | {r['raw']:.1f} | "
            f"{r['call'] / r['raw']:.2f}x | {r['call_raw_paired']:.2f}x | "
            f"{r['raw_copy']:.1f} | {r['call'] / r['raw_copy']:.2f}x | "
            f"{r['context_ms']:.1f} | {r['first_context_ms']:.0f} | {rj} |"
        )


if __name__ == "__main__":
    main()
