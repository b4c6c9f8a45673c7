"""The sync host call every engine gives the runtime's own operations
(``__runtime_host.call``): text in, text out, while the JS that made it waits.

On V8 the call goes through a buffer both threads see (engines/v8/host_channel.py): text
longer than the buffer travels in parts, the answer is made on V8's own thread, and a call
cannot cross back into its own isolate.
"""

from __future__ import annotations

import ctypes
import threading

import pytest

import runtime
from runtime import codec, registry


@pytest.fixture
def host(ctx):
    """Routes the context's sync host calls to a handler of the test's: JS calls the
    runtime's "nodecrypto" operation, the handler gets its arguments and answers a value."""
    handlers = []

    def route(answer):
        def handle(payload: str, arrays: list | None) -> tuple[str, list]:
            handlers[-1].threads.append(threading.get_ident())
            text = payload.partition(":")[2]
            if arrays is None:  # the engine's channel carries text only
                return "1" + codec.encode(answer(*codec.decode(text, None))), []
            out: list = []
            return "1" + codec.encode_with(answer(*codec.decode_with(text, None, arrays)), out), out

        handler = Handler(handle)
        handlers.append(handler)
        ctx.isolate.run(ctx.isolate.backend.set_host_call, handler.handle)
        return handler

    ctx.eval("globalThis.hostCall = __runtime.hostFunction('nodecrypto')")
    return route


class Handler:
    """A host call handler: a bound method, as the runtime's are (backends hold it weakly)."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.threads: list[int] = []

    def handle(self, payload: str, arrays: list | None) -> tuple[str, list]:
        return self.answer(payload, arrays)


def test_text_round_trips(ctx, host):
    handler = host(lambda text: text[::-1] + "!")
    assert ctx.eval("hostCall('abc') + hostCall('')") == "cba!!"
    if ctx.capabilities.sync_host_functions:  # exposed functions too: the caller's thread
        assert handler.threads == [threading.get_ident()] * 2
    else:  # only the runtime's own operations, on the engine's thread (V8's)
        assert len(handler.threads) == 2


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@pytest.mark.parametrize("size", [0, 1, 131_060, 131_068, 131_069, 400_000])
def test_long_text_travels_whole_both_ways(ctx, host, size):
    # Around and past the V8 buffer's capacity (131,068 UTF-16 units): parts in both
    # directions, astral characters split across parts.
    host(lambda text: f"{_units(text)}:{text}\U0001f600")
    text = "\U0001f600a" * (size // 3) + "b" * (size % 3)
    ctx.globals["text"] = text
    answer = ctx.eval(
        "(() => { const answer = hostCall(text); "
        "return [answer.length, answer === text.length + ':' + text + '\\u{1f600}']; })()"
    )
    assert answer == [len(str(size)) + 1 + size + 2, True]


@pytest.mark.parametrize("size", [0, 511, 512, 262_131, 262_132, 700_001])
def test_bytes_cross_whole_both_ways(ctx, host, size):
    # Beside the text on V8 (in parts past the buffer's 262,132 bytes), as base64 in it
    # elsewhere; short arrays stay in the text everywhere.
    seen = []

    def answer(data, small):
        seen.append((type(data), len(data), small))
        return [data[::-1], b"tiny", data]

    host(answer)
    result = ctx.eval(
        f"(() => {{ const data = new Uint8Array({size}).map((_, i) => (i * 7919) % 251);"
        "const [reversed, tiny, same] = hostCall(data, new Uint8Array([1, 2]));"
        "return [reversed.length, reversed.every((v, i) => v === data[data.length - 1 - i]),"
        "same.every((v, i) => v === data[i]), tiny.length, reversed instanceof Uint8Array]; })()"
    )
    assert result == [size, True, True, 4, True]
    assert seen == [(bytes, size, b"\x01\x02")]


def test_calls_from_promise_jobs_are_answered(ctx, host):
    host(lambda text: text.upper())
    ctx.eval("Promise.resolve('job').then((v) => { globalThis.seen = hostCall(v); }); 1")
    assert ctx.eval("globalThis.seen") == "JOB"
    assert ctx.wait(ctx.eval("(async () => { await null; return hostCall('later'); })()")) == "LATER"


def test_a_timeout_stops_a_loop_of_host_calls(ctx, host):
    host(lambda text: text)
    with pytest.raises(runtime.ScriptTimeout):
        ctx.eval("for (;;) hostCall('x')", timeout=0.3)
    assert ctx.eval("hostCall('after')") == "after"


@pytest.mark.parametrize("engine", [name for name in registry.available() if name == "v8"])
def test_a_v8_host_call_cannot_cross_back_into_its_isolate(ctx, host):
    # V8's isolate waits on its own thread while the call is answered on another.
    failures: list[str] = []

    def reenter(text: str) -> str:
        try:
            ctx.isolate.backend.eval_script("1", "inner.js", None)
        except RuntimeError as exc:
            failures.append(str(exc))
        return "answered"

    host(reenter)
    assert ctx.eval("hostCall('x')") == "answered"
    assert failures == [
        "a sync host call cannot call into its own V8 context: the JS that made it waits for its answer"
    ]
    assert ctx.eval("2") == 2


def test_a_call_stopped_midway_leaves_nothing_for_the_next():
    # V8's channel: parts of a long payload, or byte arrays, whose JS was stopped (a
    # timeout) before its last part must not be glued onto the next call's.
    from engines.v8.host_channel import BUFFER_BYTES, HostChannel

    memory = ctypes.create_string_buffer(BUFFER_BYTES)
    base = ctypes.addressof(memory)
    channel = HostChannel(base)
    header = (ctypes.c_uint32 * 4).from_address(base)

    def write(text: str, before: int) -> None:
        data = text.encode("utf-16-le")
        header[0], header[1] = len(data) // 2, before
        ctypes.memmove(base + 16, data, len(data))

    def write_bytes(data: bytes, before: int, index: int, total: int) -> None:
        header[0], header[1], header[2], header[3] = len(data), before, index, total
        ctypes.memmove(base + 16, data, len(data))

    write("stale-1", 0)
    channel.take_part()
    write("stale-2", 7)
    channel.take_part()  # ... and JS was stopped here
    write("fresh", 0)
    assert channel.take_payload() == ("fresh", [])
    write_bytes(b"stale", 0, 0, 9)
    channel.take_bytes()  # ... stopped before the text
    write_bytes(b"new", 0, 0, 5)
    channel.take_bytes()
    write_bytes(b"er", 3, 0, 5)
    channel.take_bytes()
    write_bytes(b"2nd", 0, 1, 3)
    channel.take_bytes()
    write("one-", 0)
    channel.take_part()
    write("two", 4)
    assert channel.take_payload() == ("one-two", [bytearray(b"newer"), bytearray(b"2nd")])
    write("next", 0)
    assert channel.take_payload() == ("next", [])
