"""The host side of node:zlib: zlib's deflate and inflate streams, as Node drives them.

node:zlib's convenience functions are synchronous (``gzipSync``) and its streams flush on
demand, so its shim (``shims/node/zlib.js``) reaches zlib through a sync host call. A
stream is kept here under an id from ``open`` to ``close``; ``once`` does a whole buffer
in one call. Gunzip reads concatenated gzip members as Node does.

Answers are ``{"ok": value}`` or ``{"error": [code, errno, message]}`` with zlib's codes
(``Z_DATA_ERROR``, -3, ``incorrect header check``), which the shim throws as Node's errors.
"""

from __future__ import annotations

import itertools
import re
import zlib
from typing import Any

#: Node's modes: compressing, and the window-bits offset of each format.
MODES = {
    "deflate": (True, 0),
    "inflate": (False, 0),
    "gzip": (True, 16),
    "gunzip": (False, 16),
    "deflateraw": (True, None),
    "inflateraw": (False, None),
    "unzip": (False, 32),
}
_CODES = {2: "Z_NEED_DICT", -2: "Z_STREAM_ERROR", -3: "Z_DATA_ERROR", -4: "Z_MEM_ERROR", -5: "Z_BUF_ERROR"}
_ZLIB_ERROR = re.compile(r"Error (-?\d+) while \w+ data(?:: (.*))?")


class ZlibError(Exception):
    """zlib refused the data: ``errno`` is zlib's return code."""

    def __init__(self, errno: int, message: str) -> None:
        super().__init__(message)
        self.errno = errno


def _from_zlib(exc: zlib.error) -> ZlibError:
    if "zdict" in str(exc):  # the dictionary given is not the one the stream was made with
        return ZlibError(2, "Bad dictionary")
    match = _ZLIB_ERROR.match(str(exc))
    if match is None:
        return ZlibError(-2, str(exc))
    errno, message = int(match.group(1)), match.group(2) or ""
    return ZlibError(errno, "Missing dictionary" if errno == 2 else message)


class _Stream:
    """One deflate or inflate stream in a Node format."""

    def __init__(self, mode: str, options: dict[str, Any]) -> None:
        compress, offset = MODES[mode]
        window = options.get("windowBits") or 15
        if offset is None and window == 8:
            window = 9  # zlib refuses a raw window of 8; Node asks for 9, as zlib does itself
        self._wbits = -window if offset is None else offset + window
        if mode == "inflate" and not options.get("windowBits"):
            self._wbits = 0  # the window size the header gives
        self._compress = compress
        self._mode = mode
        #: The input's first bytes: unzip reads gzip members only in gzip input.
        self._head = b""
        # zlib ignores a dictionary for gzip; Python's zlib refuses one.
        dictionary = options.get("dictionary") if offset != 16 else None
        self._dictionary = bytes(dictionary) if dictionary else None
        self._ended = False
        self.written = 0
        #: write_into: output made and not yet taken, and whether input came since the
        #: last flush (zlib makes no second empty flush block) or the stream was finished.
        self._pending = b""
        self._dirty = False
        self._finished = False
        if compress:
            args: dict[str, Any] = {} if self._dictionary is None else {"zdict": self._dictionary}
            self._z: Any = zlib.compressobj(
                options.get("level", zlib.Z_DEFAULT_COMPRESSION),
                zlib.DEFLATED,
                self._wbits,
                options.get("memLevel", 8),
                options.get("strategy", zlib.Z_DEFAULT_STRATEGY),
                **args,
            )
        else:
            self._z = self._inflater()

    def _inflater(self) -> Any:
        if self._dictionary is not None:
            return zlib.decompressobj(self._wbits, zdict=self._dictionary)
        return zlib.decompressobj(self._wbits)

    def write(self, data: bytes, flush: int, limit: int = 0) -> bytes:
        """Compress or inflate ``data``; ``limit`` (inflating, if not 0) bounds the output,
        past which it stops with ``ZlibError(0, ...)`` before making more."""
        self.written += len(data)
        try:
            if self._compress:
                if self._ended and not data:
                    return b""  # a flush after the stream was finished makes nothing, as in zlib
                out = self._z.compress(data)
                if flush == zlib.Z_FINISH:
                    self._ended = True
                return out + self._z.flush(flush) if flush != zlib.Z_NO_FLUSH else out
            return self._inflate(data, flush, limit)
        except zlib.error as exc:
            raise _from_zlib(exc) from None

    def _members(self) -> bool:
        """Whether more gzip members may follow one that ended (gzip input, as Node reads
        concatenated members; a zlib or raw stream ends at its end)."""
        return self._mode == "gunzip" or (self._mode == "unzip" and self._head[:2] == b"\x1f\x8b")

    def _next_member(self, rest: bytes) -> bool:
        """After a member, with ``rest`` left: start the next one, or end the stream (not
        gzip, or a zero byte, which Node takes for padding)."""
        if not self._members() or rest[:1] == b"\x00":
            self._ended = True
            return False
        self._z = self._inflater()
        return True

    def _inflate(self, data: bytes, flush: int, limit: int) -> bytes:
        if self._ended:
            return b""
        self._head += data[: 2 - len(self._head)]
        out = [self._bounded(data, limit)]
        while self._z.eof and self._z.unused_data:
            rest = self._z.unused_data
            if not self._next_member(rest):
                break
            out.append(self._bounded(rest, limit and limit - sum(map(len, out))))
        if self._z.eof:
            self._ended = self._ended or not self._members()
        elif flush == zlib.Z_FINISH:
            raise ZlibError(-5, "unexpected end of file")
        return b"".join(out)

    def write_into(self, data: bytes, flush: int, room: int) -> tuple[bytes, int]:
        """zlib's own contract, which Node's handle gives (``writeSync``): at most ``room``
        bytes out, and how many input bytes are left unread (the caller gives them again)."""
        try:
            if self._compress:
                return self._deflate_into(data, flush, room), 0
            return self._inflate_into(data, flush, room)
        except zlib.error as exc:
            raise _from_zlib(exc) from None

    def _deflate_into(self, data: bytes, flush: int, room: int) -> bytes:
        if data:
            self._pending += self._z.compress(data)
            self._dirty = True
        if flush != zlib.Z_NO_FLUSH and not self._finished and (self._dirty or flush == zlib.Z_FINISH):
            self._pending += self._z.flush(flush)
            self._dirty = False
            self._finished = flush == zlib.Z_FINISH
        out, self._pending = self._pending[:room], self._pending[room:]
        return out

    def _inflate_into(self, data: bytes, flush: int, room: int) -> tuple[bytes, int]:
        if self._ended or room == 0:
            return b"", len(data)
        self._head += data[: 2 - len(self._head)]
        out = [self._z.decompress(data, room)]
        made = len(out[0])
        while self._z.eof and self._z.unused_data and made < room:
            rest = self._z.unused_data
            if not self._next_member(rest):
                break
            out.append(self._z.decompress(rest, room - made))
            made += len(out[-1])
        left = len(self._z.unconsumed_tail) + (len(self._z.unused_data) if self._z.eof else 0)
        if self._z.eof:
            self._ended = self._ended or not self._members()
        elif flush == zlib.Z_FINISH and made < room and not left:
            raise ZlibError(-5, "unexpected end of file")
        return b"".join(out), left

    def _bounded(self, data: bytes, limit: int) -> bytes:
        if not limit:
            return self._z.decompress(data)
        out = self._z.decompress(data, limit + 1)
        if len(out) > limit:
            raise ZlibError(0, f"Cannot create a Buffer larger than {limit} bytes")
        return out


class NodeZlib:
    """One context's zlib streams in progress, by id."""

    def __init__(self) -> None:
        self._streams: dict[int, _Stream] = {}
        self._ids = itertools.count(1)

    def call(self, op: str, *args: Any) -> dict[str, Any]:
        """The one host function the shim uses: ``op`` names a method below."""
        method = getattr(self, f"op_{op}", None)
        if method is None:
            return {"error": ["ERR_METHOD_NOT_IMPLEMENTED", 0, f"unknown zlib operation {op!r}"]}
        try:
            return {"ok": method(*args)}
        except ZlibError as exc:
            code = "ERR_BUFFER_TOO_LARGE" if exc.errno == 0 else _CODES.get(exc.errno, "Z_STREAM_ERROR")
            return {"error": [code, exc.errno, str(exc)]}
        except ValueError as exc:  # options zlib refuses (the shim checks Node's ranges first)
            return {"error": ["Z_STREAM_ERROR", -2, str(exc)]}

    def op_open(self, mode: str, options: dict[str, Any]) -> int:
        stream_id = next(self._ids)
        self._streams[stream_id] = _Stream(mode, options)
        return stream_id

    def op_write(self, stream_id: int, data: bytes, flush: int) -> bytes:
        stream = self._streams.get(stream_id)
        if stream is None:
            raise ZlibError(-2, "zlib binding closed")
        try:
            return stream.write(bytes(data), flush)
        except ZlibError:
            del self._streams[stream_id]
            raise

    def op_write_into(self, stream_id: int, data: bytes, flush: int, room: int) -> list[Any]:
        """[output (at most ``room`` bytes), input bytes left unread]."""
        stream = self._streams.get(stream_id)
        if stream is None:
            raise ZlibError(-2, "zlib binding closed")
        try:
            out, left = stream.write_into(bytes(data), flush, room)
        except ZlibError:
            del self._streams[stream_id]
            raise
        return [out, left]

    def op_close(self, stream_id: int) -> None:
        self._streams.pop(stream_id, None)

    def op_once(
        self, mode: str, options: dict[str, Any], data: bytes, flush: int, limit: int | None
    ) -> bytes:
        """A whole buffer: ``gzipSync`` and the other convenience functions, ending with
        ``flush`` (``finishFlush``); ``limit`` is ``maxOutputLength`` (None: none)."""
        return _Stream(mode, options).write(bytes(data), flush, limit or 0)

    def op_version(self) -> str:
        return zlib.ZLIB_RUNTIME_VERSION

    def op_crc32(self, data: bytes, value: int) -> int:
        return zlib.crc32(bytes(data), value)
