"""What the reactor counts, and its Prometheus text.

Counting costs a few integer additions per request (no lock, no label lookup: the reactor
is one thread); ``prometheus_client`` is only used at scrape time, when :meth:`Metrics.render`
turns the counts and the pool's current state into metric families. Engine crossing times
come from the workers (``Stats`` messages, cumulative per executor); a worker's last figures
are kept when it exits, so every counter only grows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from time import monotonic
from typing import TYPE_CHECKING, Any

from runtime.server.protocol import CROSSING_BUCKETS

if TYPE_CHECKING:
    from runtime.server.reactor.exchange import Exchange
    from runtime.server.reactor.handle import WorkerHandle
    from runtime.server.reactor.pool import Pool

#: Upper bounds (seconds) of the request latency histogram.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
#: Why a worker was replaced (``runtime_worker_restarts_total{cause}``).
RESTART_CAUSES = ("crash", "timeout", "memory", "recycle", "reload")
STATUS_CLASSES = ("1xx", "2xx", "3xx", "4xx", "5xx")
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    def __init__(self) -> None:
        #: Requests answered, by status class (index: status // 100 - 1).
        self.requests = [0] * len(STATUS_CLASSES)
        self.latency = [0] * (len(LATENCY_BUCKETS) + 1)
        self.latency_sum = 0.0
        self.restarts = dict.fromkeys(RESTART_CAUSES, 0)
        #: Crossing figures of workers that have exited: count, seconds, buckets.
        self._gone_crossings = 0
        self._gone_seconds = 0.0
        self._gone_buckets = [0] * (len(CROSSING_BUCKETS) + 1)
        self.pool: Pool | None = None
        #: False while the server drains (``/readyz`` then answers 503).
        self.accepting = True

    # ------------------------------------------------------------ counting
    def finished(self, ex: Exchange) -> None:
        """``ex``'s answer went out in full: count it, and the time from its arrival."""
        seconds = monotonic() - ex.started
        cls = ex.status // 100 - 1
        if 0 <= cls < 5:
            self.requests[cls] += 1
        self.latency[bisect_left(LATENCY_BUCKETS, seconds)] += 1
        self.latency_sum += seconds

    def restart(self, cause: str) -> None:
        self.restarts[cause] += 1

    def worker_gone(self, w: WorkerHandle) -> None:
        """Keep an exited worker's crossing figures."""
        for s in w.stats.values():
            self._gone_crossings += s.crossings
            self._gone_seconds += s.seconds
            for i, n in enumerate(s.buckets[: len(self._gone_buckets)]):
                self._gone_buckets[i] += n
        w.stats.clear()

    # ------------------------------------------------------------ state
    def ready(self) -> bool:
        """At least one worker is ready and the server is not draining."""
        from runtime.server.reactor.handle import READY

        pool = self.pool
        return (
            self.accepting
            and pool is not None
            and not pool.refusing
            and any(w.state == READY for w in pool.workers)
        )

    def in_flight(self) -> int:
        pool = self.pool
        if pool is None:
            return 0
        held = sum(len(w.in_flight) + len(w.outbox) + len(w.streams) for w in pool.workers)
        return held + len(pool.backlog)

    # ------------------------------------------------------------ scrape
    def collect(self) -> Iterator[Any]:
        from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

        requests = CounterMetricFamily(
            "runtime_http_requests", "HTTP requests answered, by status class.", labels=["status_class"]
        )
        for name, n in zip(STATUS_CLASSES, self.requests, strict=True):
            requests.add_metric([name], n)
        yield requests
        yield _histogram(
            HistogramMetricFamily,
            "runtime_http_request_duration_seconds",
            "Time from a request's arrival to the last byte of its answer.",
            LATENCY_BUCKETS,
            self.latency,
            self.latency_sum,
        )
        yield GaugeMetricFamily(
            "runtime_http_requests_in_flight",
            "Requests received and not answered yet (queued, at a worker, or streaming).",
            value=self.in_flight(),
        )
        pool = self.pool
        workers = pool.workers if pool is not None else []
        yield GaugeMetricFamily(
            "runtime_queue_depth",
            "Requests waiting in the reactor for a worker with room.",
            value=len(pool.backlog) if pool is not None else 0,
        )
        restarts = CounterMetricFamily(
            "runtime_worker_restarts", "Workers replaced, by cause.", labels=["cause"]
        )
        for cause in RESTART_CAUSES:
            restarts.add_metric([cause], self.restarts[cause])
        yield restarts
        states = GaugeMetricFamily("runtime_workers", "Worker processes, by state.", labels=["state"])
        counts: dict[str, int] = {}
        for w in workers:
            counts[w.state] = counts.get(w.state, 0) + 1
        for state in ("starting", "ready", "retiring", "draining"):
            states.add_metric([state], counts.get(state, 0))
        yield states
        rss = GaugeMetricFamily(
            "runtime_worker_rss_bytes", "Resident memory of each worker process.", labels=["worker"]
        )
        sizes: dict[str, int] = {}
        for w in workers:
            if w.pid is not None and w.state != "dead":
                sizes[w.name] = sizes.get(w.name, 0) + w.rss()
        for name in sorted(sizes):
            rss.add_metric([name], sizes[name])
        yield rss
        count, seconds, buckets = self._gone_crossings, self._gone_seconds, list(self._gone_buckets)
        for w in workers:
            for s in w.stats.values():
                count += s.crossings
                seconds += s.seconds
                for i, n in enumerate(s.buckets[: len(buckets)]):
                    buckets[i] += n
        yield _histogram(
            HistogramMetricFamily,
            "runtime_engine_crossing_seconds",
            "Time each request crossing into the engine took (a batch of requests, or "
            "collecting async completions), as the workers measure it.",
            CROSSING_BUCKETS,
            buckets,
            seconds,
        )
        yield GaugeMetricFamily(
            "runtime_ready",
            "1 when at least one worker is ready and the server is not draining.",
            value=1 if self.ready() else 0,
        )

    def render(self) -> bytes:
        """The Prometheus text exposition of everything above."""
        from prometheus_client import CollectorRegistry, generate_latest

        registry = CollectorRegistry(auto_describe=False)
        registry.register(self)  # type: ignore[arg-type]
        return generate_latest(registry)


def _histogram(
    family: Any, name: str, doc: str, bounds: tuple[float, ...], counts: list[int], total: float
) -> Any:
    cumulative = []
    running = 0
    for bound, n in zip(bounds, counts, strict=False):
        running += n
        cumulative.append((_le(bound), running))
    running += counts[len(bounds)]
    cumulative.append(("+Inf", running))
    return family(name, doc, buckets=cumulative, sum_value=total)


def _le(bound: float) -> str:
    return repr(float(bound))
