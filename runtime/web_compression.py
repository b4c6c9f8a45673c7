"""The host side of ``CompressionStream`` and ``DecompressionStream``: zlib's streams.

The JS shim (``shims/js/31_compression.js``) does what the Compression Standard puts in
the API (the format enum, the BufferSource check, the TransformStream), then hands each
chunk here once, naming its stream by an id the shim assigns. The first call for a stream
carries its direction and format and opens a zlib stream; ``finish`` ends it, and an error
or ``release`` (a cancelled or garbage-collected JS stream) drops it, so a stream that is
done holds nothing here.

Answers are ``{"ok": bytes}``, ``{"error": message}``, or both when a decompressor emits
output and then finds data past the end of its input (the shim enqueues the output, then
throws). Every error is a ``TypeError`` in JS, as the standard says.
"""

from __future__ import annotations

import zlib
from typing import Any

#: Compression format -> zlib ``wbits`` (RFC 1952 gzip, RFC 1950 zlib, RFC 1951 raw).
WBITS = {"gzip": 31, "deflate": 15, "deflate-raw": -15}


class CompressionError(Exception):
    """The input is not a valid stream of its format (a TypeError in JS)."""


class _Decompressor:
    def __init__(self, wbits: int) -> None:
        self._z = zlib.decompressobj(wbits)

    def write(self, data: bytes) -> tuple[bytes, str | None]:
        if self._z.eof:
            return b"", _trailing() if data else None
        try:
            out = self._z.decompress(data)
        except zlib.error as exc:
            raise CompressionError(f"invalid compressed data ({exc})") from None
        return out, _trailing() if self._z.eof and self._z.unused_data else None

    def finish(self) -> bytes:
        try:
            out = self._z.flush()
        except zlib.error as exc:
            raise CompressionError(f"invalid compressed data ({exc})") from None
        if not self._z.eof:
            raise CompressionError("unexpected end of compressed data")
        return out


class _Compressor:
    def __init__(self, wbits: int) -> None:
        self._z = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, wbits)

    def write(self, data: bytes) -> tuple[bytes, str | None]:
        return self._z.compress(data), None

    def finish(self) -> bytes:
        return self._z.flush(zlib.Z_FINISH)


def _trailing() -> str:
    return "unexpected input after the end of the compressed data"


class WebCompression:
    """The open zlib streams of one context, by the shim's id."""

    def __init__(self) -> None:
        self._streams: dict[int, _Compressor | _Decompressor] = {}

    @property
    def open_streams(self) -> int:
        """How many streams are open (started and neither finished nor released)."""
        return len(self._streams)

    def call(
        self, op: str, stream_id: Any, data: bytes | None = None, spec: list[str] | None = None
    ) -> dict[str, Any]:
        """The one host function the shim uses.

        ``write`` and ``finish`` take the stream's id, the chunk (bytes; none for
        ``finish``) and, on the stream's first call, ``[direction, format]``; ``release``
        takes a list of ids.
        """
        if op == "release":
            for key in stream_id:
                self._streams.pop(key, None)
            return {"ok": None}
        if op not in ("write", "finish"):
            return {"error": f"unknown compression operation {op!r}"}
        stream = self._streams.get(stream_id)
        if stream is None:
            if spec is None:
                return {"error": "the compression stream is no longer available"}
            direction, fmt = spec
            if fmt not in WBITS or direction not in ("compress", "decompress"):
                return {"error": f"unsupported compression format {fmt!r}"}
            stream = (_Compressor if direction == "compress" else _Decompressor)(WBITS[fmt])
            self._streams[stream_id] = stream
        try:
            if op == "finish":
                del self._streams[stream_id]
                return {"ok": stream.finish()}
            out, error = stream.write(bytes(data or b""))
        except CompressionError as exc:
            self._streams.pop(stream_id, None)
            return {"error": str(exc)}
        if error is not None:
            del self._streams[stream_id]
            return {"ok": out, "error": error}
        return {"ok": out}
