"""Length-prefixed msgpack frames over the reactor <-> worker socketpair.

A frame is a 4-byte big-endian length and one message (see ``protocol``). Requests travel
in batches, one frame for many of them, so that one read and one engine crossing serve
many requests.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import msgspec

_HEADER = struct.Struct(">I")
_encode = msgspec.msgpack.Encoder().encode
#: A frame longer than this is a broken peer, not a message.
MAX_FRAME = 1 << 30


def frame(message: msgspec.Struct) -> bytes:
    """One message as a frame, ready to write."""
    payload = _encode(message)
    return _HEADER.pack(len(payload)) + payload


class FrameReader:
    """Accumulates bytes and yields the complete messages of type ``kind`` they contain."""

    __slots__ = ("_buf", "_decode")

    def __init__(self, kind: Any) -> None:
        self._buf = bytearray()
        self._decode = msgspec.msgpack.Decoder(kind).decode

    def feed(self, data: bytes) -> Iterator[Any]:
        """The messages ``data`` completes; ``ValueError`` or ``msgspec.DecodeError`` on a
        broken stream."""
        buf = self._buf
        buf += data
        pos = 0
        n = len(buf)
        decode = self._decode
        while n - pos >= 4:
            (size,) = _HEADER.unpack_from(buf, pos)
            if size > MAX_FRAME:
                raise ValueError(f"frame of {size} bytes is over the limit")
            end = pos + 4 + size
            if end > n:
                break
            yield decode(bytes(buf[pos + 4 : end]))
            pos = end
        if pos:
            del buf[:pos]
