"""The operator's endpoints: ``/metrics``, ``/healthz`` and ``/readyz``.

``runtime serve --metrics-port`` answers them on a listener of their own, and the ASGI app
as a sub-app (``App.endpoints``); both call :func:`answer`. Workers never serve them.

- ``/healthz``: 200 while the reactor's event loop runs (a liveness probe).
- ``/readyz``: 200 when at least one worker is ready and the server is not draining, else
  503 (a readiness probe: a load balancer stops sending new requests).
- ``/metrics``: the Prometheus text format.
"""

from __future__ import annotations

from runtime.server.protocol import Headers
from runtime.server.reactor.exchange import TEXT_PLAIN
from runtime.server.reactor.metrics import CONTENT_TYPE, Metrics

PATHS = ("/metrics", "/healthz", "/readyz")


def refusal(method: str, path: str) -> tuple[int, Headers, bytes] | None:
    """The 404 or 405 for a request that is none of the endpoints' (``path`` without its
    query); None for one that is."""
    if path not in PATHS:
        return 404, TEXT_PLAIN, b"Not Found: try /metrics, /healthz or /readyz\n"
    if method not in ("GET", "HEAD"):
        return 405, [*TEXT_PLAIN, ["allow", "GET, HEAD"]], b"Method Not Allowed\n"
    return None


def answer(metrics: Metrics, method: str, path: str) -> tuple[int, Headers, bytes]:
    """(status, headers, body) for a request to ``path`` (its query is ignored)."""
    path = path.split("?", 1)[0]
    refused = refusal(method, path)
    if refused is not None:
        return refused
    if path == "/metrics":
        return 200, [["content-type", CONTENT_TYPE]], metrics.render()
    if path == "/healthz":
        return 200, TEXT_PLAIN, b"ok\n"
    if metrics.ready():
        return 200, TEXT_PLAIN, b"ready\n"
    pool = metrics.pool
    if not metrics.accepting:
        why = b"draining"
    elif pool is None:
        why = b"not started"
    elif pool.refusing:
        why = b"workers are crash-looping"
    else:
        why = b"no worker is ready"
    return 503, [*TEXT_PLAIN, ["retry-after", "1"]], b"not ready: " + why + b"\n"
