"""The protocol is named once: runner.js's constants agree with protocol.py, and frames
carry every message unchanged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runtime.server import framing, protocol

RUNNER = Path(protocol.__file__).parent / "worker" / "runner.js"


def _runner_constants() -> dict[str, int]:
    text = RUNNER.read_text(encoding="utf-8")
    start = text.index("// ------------------------------------------------ protocol")
    end = text.index("// ------------------------------------------------ end of protocol")
    block = text[start:end]
    found = dict(re.findall(r"^\s*const (\w+) = (-?\d+);", block, re.M))
    return {name: int(value) for name, value in found.items()}


def test_runner_constants_match_protocol():
    assert _runner_constants() == protocol.JS


def test_runner_calls_are_the_ones_the_runner_defines():
    text = RUNNER.read_text(encoding="utf-8")
    calls = [v for k, v in vars(protocol).items() if k.startswith("CALL_")]
    assert calls
    for call in calls:
        global_name, method = call.split(".")
        assert global_name == protocol.RUNNER
        assert re.search(rf"^    {method}\(", text, re.M), f"runner.js defines no {method}()"
    assert f'"{protocol.RUNNER}"' in text


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (protocol.Requests([protocol.Request(1, "GET", "http://h/", [["a", "b"]], None)]), protocol.ToWorker),
        (protocol.Requests([protocol.Request(2, "POST", "http://h/", [], b"\x00\xff")]), protocol.ToWorker),
        (protocol.Cancel([1, 2]), protocol.ToWorker),
        (protocol.Stop(), protocol.ToWorker),
        (protocol.Pause([3]), protocol.ToWorker),
        (protocol.Resume([3]), protocol.ToWorker),
        (protocol.Hello(7, "e", 1, {"interrupt": True}, ["m"], 123), protocol.FromWorker),
        (protocol.Responses([protocol.Response(1, 200, [["x", "y"]], b"hi")]), protocol.FromWorker),
        (protocol.Responses([protocol.Response(1, 200, [], None)]), protocol.FromWorker),
        (
            protocol.Chunks(
                [
                    protocol.Chunk(1, b"a"),
                    protocol.Chunk(1, protocol.STREAM_END),
                    protocol.Chunk(2, protocol.STREAM_FAILED),
                ]
            ),
            protocol.FromWorker,
        ),
        (protocol.Requeue([4]), protocol.FromWorker),
        (protocol.Retire("memory"), protocol.FromWorker),
        (protocol.Fatal("boom"), protocol.FromWorker),
    ],
)
def test_frames_round_trip(message, kind):
    data = framing.frame(message) * 2
    reader = framing.FrameReader(kind)
    got = list(reader.feed(data[:5])) + list(reader.feed(data[5:]))
    assert got == [message, message]


def test_a_request_batch_is_a_tagged_array():
    # The tag comes first, then the fields in order: what a reader of a frame dump sees.
    import msgspec

    batch = protocol.Requests([protocol.Request(1, "GET", "http://h/", [], None)])
    assert msgspec.msgpack.decode(framing.frame(batch)[4:]) == [1, [[1, "GET", "http://h/", [], None]]]
