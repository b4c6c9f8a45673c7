"""Length-prefixed msgpack frames over the supervisor <-> worker socketpair.

One frame is a 4-byte big-endian length and a msgpack array whose first item is the
message kind. Requests travel in batches (one frame, many requests) so that one read
and one engine crossing serve many of them.

Supervisor -> worker:
    [REQUESTS, [[id, method, url, [[name, value], ...], body-or-None], ...]]
    [CANCEL, [id, ...]]            the supervisor gave up on these (504 sent)
    [STOP]                         finish what is in flight, then exit 0
    [PAUSE, [id, ...]]             stop producing these streamed bodies (the client is slow)
    [RESUME, [id, ...]]            go on producing them

Worker -> supervisor:
    [HELLO, {pid, engine, threads, capabilities, modules, rss}]
    [RESPONSES, [[id, status, [[name, value], ...], body-bytes], ...]]
                                   body None: the body streams in CHUNKS frames
    [CHUNKS, [[id, bytes], ..., [id, None] (end), [id, False] (failed midway)]]
    [REQUEUE, [id, ...]]           not started: send them to another worker
    [RETIRE, reason]               replace me (memory limit hit); I exit soon
    [FATAL, message]               the handler cannot load; I exit with EXIT_LOAD_ERROR
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import msgspec

REQUESTS = 1
CANCEL = 2
STOP = 3
PAUSE = 4
RESUME = 5
HELLO = 10
RESPONSES = 11
REQUEUE = 12
RETIRE = 13
FATAL = 14
CHUNKS = 15

_HEADER = struct.Struct(">I")
_encode = msgspec.msgpack.Encoder().encode
_decode = msgspec.msgpack.Decoder().decode
MAX_FRAME = 1 << 30


def frame(message: Any) -> bytes:
    """One message as a frame, ready to write."""
    payload = _encode(message)
    return _HEADER.pack(len(payload)) + payload


class FrameReader:
    """Accumulates bytes and yields the complete messages they contain."""

    __slots__ = ("_buf",)

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> Iterator[Any]:
        buf = self._buf
        buf += data
        pos = 0
        n = len(buf)
        while n - pos >= 4:
            (size,) = _HEADER.unpack_from(buf, pos)
            if size > MAX_FRAME:
                raise ValueError(f"frame of {size} bytes is over the limit")
            end = pos + 4 + size
            if end > n:
                break
            yield _decode(bytes(buf[pos + 4 : end]))
            pos = end
        if pos:
            del buf[:pos]
