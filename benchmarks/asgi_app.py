"""The ASGI app ``benchmarks/http.py`` runs under uvicorn for its ``runtime-asgi`` row:
``runtime.asgi.App`` with the handler, engine and worker count from the environment
(RUNTIME_BENCH_HANDLER, RUNTIME_BENCH_ENGINE, RUNTIME_BENCH_WORKERS)."""

from __future__ import annotations

import os

from runtime.asgi import App

app = App(
    os.environ["RUNTIME_BENCH_HANDLER"],
    engine=os.environ.get("RUNTIME_BENCH_ENGINE") or None,
    workers=int(os.environ.get("RUNTIME_BENCH_WORKERS", "0")) or None,
)
