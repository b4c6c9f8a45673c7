"""node:crypto and node:zlib per engine against Node.js doing the same work, in one run.

    python benchmarks/node_builtins.py [--engine v8 --engine spidermonkey] [--rounds 5]

One ES module times each operation in a loop (hashes and HMAC in the shims' JS; signatures,
ciphers and zlib on the host through the sync host call) and reports µs per operation as
the best of ``rounds``; it runs in a fresh context of each engine (each in its own process)
and under ``node`` when it is on PATH. The table gives each engine's µs and its ratio to
Node's. Numbers on a shared machine drift: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

# Each case: name, iterations per round, and the body of a function run that many times.
BENCH = r"""
import crypto from "node:crypto";
import zlib from "node:zlib";

const ROUNDS = %(rounds)d;
const now = () => Date.now();
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
const message = Buffer.from("x".repeat(256));
const rsaSignature = crypto.sign("sha256", message, rsa.privateKey);
const ecSignature = crypto.sign("sha256", message, ec.privateKey);
const kb = Buffer.alloc(1024, 7), kb16 = Buffer.alloc(16384, 9);
const text = Buffer.from(Array.from({ length: 4000 }, (_, i) => `line ${i} of some text`).join("\n"));
const packed = zlib.gzipSync(text);
const aesKey = Buffer.alloc(32, 1), nonce = Buffer.alloc(12, 2);
const mb = Buffer.alloc(1 << 20, 97);

const cases = [
  ["sha256 of 1 KB (JS)", 2000, () => crypto.createHash("sha256").update(kb).digest()],
  ["sha256 of 1 MB (host)", 10, () => crypto.createHash("sha256").update(mb).digest()],
  ["HMAC-SHA256 of 1 KB (JS)", 2000, () => crypto.createHmac("sha256", "key").update(kb).digest()],
  ["RS256 verify (host)", 500, () => crypto.verify("sha256", message, rsa.publicKey, rsaSignature)],
  ["RS256 sign (host)", 100, () => crypto.sign("sha256", message, rsa.privateKey)],
  ["ES256 verify (host)", 500, () => crypto.verify("sha256", message, ec.publicKey, ecSignature)],
  ["AES-256-GCM of 16 KB (host)", 500, () => {
    const c = crypto.createCipheriv("aes-256-gcm", aesKey, nonce);
    c.update(kb16); c.final(); c.getAuthTag();
  }],
  ["gzipSync of 90 KB text (host)", 50, () => zlib.gzipSync(text)],
  ["gunzipSync to 90 KB (host)", 100, () => zlib.gunzipSync(packed)],
  ["deflateSync of 1 MB (host)", 5, () => zlib.deflateSync(mb)],
];

const results = {};
for (const [name, n, fn] of cases) {
  fn();
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const start = now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, (now() - start) / n);
  }
  results[name] = best * 1000;
}
export default JSON.stringify(results);
"""


def run_engine(engine: str, module: Path) -> dict[str, float]:
    code = (
        "import sys, runtime\n"
        f"with runtime.Context({engine!r}) as ctx:\n"
        f"    sys.stdout.write(ctx.import_module({str(module)!r}, timeout=600)['default'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def run_node(module: Path) -> dict[str, float] | None:
    node = shutil.which("node")
    if node is None:
        return None
    runner = module.with_name("node_runner.mjs")
    runner.write_text(f'import text from "./{module.name}";\nprocess.stdout.write(text);\n')
    done = subprocess.run([node, str(runner)], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"node failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def main() -> None:
    from runtime import registry

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", action="append", help="engine(s) to measure (default: all available)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per case (best one kept)")
    args = parser.parse_args()
    engines = args.engine or registry.available()
    with tempfile.TemporaryDirectory() as folder:
        module = Path(folder) / "bench.mjs"
        module.write_text(BENCH % {"rounds": args.rounds})
        rows = {engine: run_engine(engine, module) for engine in engines}
        node = run_node(module)
    names = list(next(iter(rows.values())))
    header = "| operation | " + " | ".join(f"{e} µs" for e in engines)
    header += " | node µs | " + " | ".join(f"{e}/node" for e in engines) + " |" if node else " |"
    print(header)
    print("|" + "---|" * (1 + len(engines) * (2 if node else 1) + (1 if node else 0)))
    for name in names:
        cells = [f"{rows[e][name]:.1f}" for e in engines]
        if node:
            cells.append(f"{node[name]:.1f}")
            cells += [f"{rows[e][name] / node[name]:.1f}x" if node[name] else "-" for e in engines]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if node is None:
        print("(node not on PATH: no Node column)")


if __name__ == "__main__":
    main()
