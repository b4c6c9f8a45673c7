"""The group's ``/metrics``, ``/healthz`` and ``/readyz``, from its reactors'.

Each reactor answers the three on a unix socket of its own; the group asks every one of
them. ``/metrics`` is their sum, sample by sample (counters, gauges and histogram buckets
of the same labels add up; worker names carry their reactor's prefix, so they do not
collide), except ``runtime_ready``, which is 1 only when every reactor answers and is
ready; ``/readyz`` is 200 only when every reactor says so (a reactor that is not ready still
gets its share of the connections). The counters of a reactor that died and was started
again begin again at 0, as a restarted process's do.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator, Sequence
from typing import Any

from runtime.server.protocol import Headers
from runtime.server.reactor.endpoints import refusal
from runtime.server.reactor.exchange import TEXT_PLAIN
from runtime.server.reactor.metrics import CONTENT_TYPE

#: Seconds a reactor gets to answer the group.
ASK_TIMEOUT = 5.0
#: Families that are the least of the reactors' values, not their sum.
LEAST = frozenset(("runtime_ready",))
#: Merged in for a reactor that did not answer.
NOT_READY = "# HELP runtime_ready Ready.\n# TYPE runtime_ready gauge\nruntime_ready 0.0\n"


async def ask(socket_path: str, path: str) -> tuple[int, bytes]:
    """GET ``path`` from the reactor listening on ``socket_path``: (status, body); 0 when
    it does not answer."""
    # Connected here, not by open_unix_connection(path): uvloop refuses abstract names.
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        await asyncio.wait_for(asyncio.get_running_loop().sock_connect(sock, socket_path), ASK_TIMEOUT)
        reader, writer = await asyncio.open_unix_connection(sock=sock)
    except (TimeoutError, OSError):
        sock.close()
        return 0, b"not listening\n"
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n".encode())
        data = await asyncio.wait_for(reader.read(), ASK_TIMEOUT)
    except (TimeoutError, OSError):
        return 0, b"no answer\n"
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    try:
        return int(head.split(b" ", 2)[1]), body
    except (IndexError, ValueError):
        return 0, b"bad answer\n"


def merge(texts: Sequence[str]) -> bytes:
    """One Prometheus exposition from several: each sample summed over them (see ``LEAST``)."""
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.metrics_core import Metric
    from prometheus_client.parser import text_string_to_metric_families

    families: dict[str, Metric] = {}
    values: dict[str, dict[tuple[str, tuple[tuple[str, str], ...]], float]] = {}
    parsed = []
    for text in texts:
        try:  # a reactor that died while answering sent part of its text
            parsed.append(list(text_string_to_metric_families(text)))
        except ValueError:
            continue
    for families_of_one in parsed:
        for family in families_of_one:
            if family.name not in families:
                families[family.name] = Metric(family.name, family.documentation, family.type)
                values[family.name] = {}
            samples = values[family.name]
            for s in family.samples:
                key = (s.name, tuple(s.labels.items()))
                if key not in samples:
                    samples[key] = s.value
                elif family.name in LEAST:
                    samples[key] = min(samples[key], s.value)
                else:
                    samples[key] += s.value
    for name, family in families.items():
        for (sample, labels), value in values[name].items():
            family.add_sample(sample, dict(labels), value)

    class _Merged:
        def collect(self) -> Iterator[Any]:
            yield from families.values()

    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Merged())  # type: ignore[arg-type]
    return generate_latest(registry)


async def answer(sockets: Sequence[str], method: str, path: str) -> tuple[int, Headers, bytes]:
    """(status, headers, body) for ``path`` on the group's metrics port."""
    path = path.split("?", 1)[0]
    refused = refusal(method, path)
    if refused is not None:
        return refused
    if path == "/healthz":
        return 200, TEXT_PLAIN, b"ok\n"
    answers = await asyncio.gather(*(ask(s, path) for s in sockets))
    if path == "/metrics":
        texts = [body.decode(errors="replace") for status, body in answers if status == 200]
        if not texts:
            return 503, [*TEXT_PLAIN, ["retry-after", "1"]], b"no reactor answered\n"
        if len(texts) < len(answers):  # a reactor is down: the group is not ready
            texts.append(NOT_READY)
        return 200, [["content-type", CONTENT_TYPE]], merge(texts)
    for i, (status, body) in enumerate(answers):
        if status != 200:
            why = body.strip().removeprefix(b"not ready: ")
            return 503, [*TEXT_PLAIN, ["retry-after", "1"]], b"not ready: reactor r%d: %b\n" % (i + 1, why)
    return 200, TEXT_PLAIN, b"ready\n"
