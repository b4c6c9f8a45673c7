"""Synchronous host calls on V8, through memory both sides see.

A mini-racer JS callback returns nothing to JS, but the callback itself runs on V8's pump
thread while the JS that made it waits; and its argument is a value only the isolate's
thread could read. So a call travels through one ArrayBuffer: JS writes the payload's
UTF-16 units there and calls back; the callback copies them out, has them answered
(``V8Backend._answer``, on that thread) and writes the answer into the same buffer before
it returns, where JS reads it. Text longer than the buffer travels in parts, each with one
more callback.

Bytes travel beside the text, as bytes (the codec names them by index, ``"att"``), so
large buffers cross without base64: before the text, JS writes each of the call's byte
arrays in parts; after it, JS reads each of the answer's.

Layout: four 32-bit words, then the units or bytes.
- JS to host, text: the units in the buffer now, how many of the payload's units came
  before them (0 starts a call's text);
- JS to host, bytes: the bytes now, how many of this array's came before, the array's
  index (0 and 0 start a call), the array's length;
- host to JS, text: the units now, how many are still to come, and (with the text's
  last part) how many byte arrays the answer has;
- host to JS, bytes: the bytes now, how many of this array's are still to come.
"""

from __future__ import annotations

import ctypes

#: Bytes of the buffer: a payload or answer longer than it travels in parts.
BUFFER_BYTES = 1 << 18
_HEADER = 16
#: Byte arrays at least this long travel beside the text (shorter ones as base64 in it).
ATTACH_MIN = 512

#: Installs ``host.call(payload) -> answer`` and ``host.callBytes(payload, arrays) ->
#: [answer, arrays]`` over the buffer and the five callbacks.
JS = """(function (host) {
  const buffer = host.callBuffer;
  const header = new Uint32Array(buffer, 0, 4);
  const units = new Uint16Array(buffer, 16);
  const bytes = new Uint8Array(buffer, 16);
  const capacity = units.length, byteCapacity = bytes.length;
  const part = host.callPart, last = host.callLast, more = host.callMore;
  const bytesIn = host.callBytesIn, bytesOut = host.callBytesOut;
  for (const name of ["callBuffer", "callPart", "callLast", "callMore", "callBytesIn", "callBytesOut"]) {
    delete host[name];
  }
  const fromCharCode = String.fromCharCode;
  function put(text, from, n) {
    for (let i = 0; i < n; i++) units[i] = text.charCodeAt(from + i);
    header[0] = n;
    header[1] = from;  // 0: a new call's first part (a call stopped midway left parts behind)
  }
  function take() {
    const n = header[0];
    if (n <= 4096) return fromCharCode.apply(null, units.subarray(0, n));
    const pieces = [];
    for (let i = 0; i < n; i += 4096) {
      pieces.push(fromCharCode.apply(null, units.subarray(i, Math.min(n, i + 4096))));
    }
    return pieces.join("");
  }
  function call(payload) {
    payload = String(payload);
    let at = 0;
    while (payload.length - at > capacity) {
      put(payload, at, capacity);
      at += capacity;
      part();
    }
    put(payload, at, payload.length - at);
    last();
    let answer = take();
    while (header[1] !== 0) {
      more();
      answer += take();
    }
    return answer;
  }
  host.call = call;
  host.callBytes = (payload, arrays) => {
    for (let k = 0; k < arrays.length; k++) {
      const array = arrays[k];
      let at = 0;
      do {
        const n = Math.min(byteCapacity, array.length - at);
        bytes.set(array.subarray(at, at + n));
        header[0] = n;
        header[1] = at;
        header[2] = k;
        header[3] = array.length;
        bytesIn();
        at += n;
      } while (at < array.length);
    }
    const answer = call(payload);
    const count = header[2];
    const out = [];
    for (let k = 0; k < count; k++) {
      bytesOut();
      const array = new Uint8Array(header[0] + header[1]);
      let at = 0;
      for (;;) {
        array.set(bytes.subarray(0, header[0]), at);
        at += header[0];
        if (header[1] === 0) break;
        bytesOut();
      }
      out.push(array);
    }
    return [answer, out];
  };
})(globalThis.__runtime_host);
//# sourceURL=runtime:internal"""


class HostChannel:
    """The Python side of one isolate's buffer; its methods run on the pump thread."""

    def __init__(self, address: int) -> None:
        self._address = address
        self._capacity = (BUFFER_BYTES - _HEADER) // 2
        self._header = (ctypes.c_uint32 * 4).from_address(address)
        self._view = memoryview((ctypes.c_char * BUFFER_BYTES).from_address(address)).cast("B")
        self._parts: list[bytes] = []
        self._arrays: list[bytearray] = []
        self._answer = b""
        self._sent = 0
        self._out: list[bytes] = []
        self._out_at = 0

    def _units(self) -> bytes:
        header = self._header
        if header[1] == 0:  # a new call: parts of one that was stopped midway are dropped
            self._parts = []
        return ctypes.string_at(self._address + _HEADER, 2 * header[0])

    def take_part(self) -> None:
        """JS wrote a part of a long payload."""
        units = self._units()  # first: it may start the list again
        self._parts.append(units)

    def take_bytes(self) -> None:
        """JS wrote (a part of) one of the call's byte arrays."""
        n, before, index, total = self._header
        if before == 0:
            if index == 0:  # a new call: arrays of one stopped midway are dropped
                self._arrays = []
            self._arrays.append(bytearray(total))
        self._arrays[-1][before : before + n] = self._view[_HEADER : _HEADER + n]

    def take_payload(self) -> tuple[str, list[bytearray]]:
        """JS wrote the payload's last part: the whole payload, and the call's arrays."""
        last = self._units()
        parts, self._parts = self._parts, []
        arrays, self._arrays = self._arrays, []
        parts.append(last)
        return b"".join(parts).decode("utf-16-le", "surrogatepass"), arrays

    def put_answer(self, answer: str, arrays: list[bytes]) -> None:
        """Write ``answer`` (its first part, where it is long) for JS to read; ``arrays``
        follow when JS asks for them."""
        self._answer = answer.encode("utf-16-le", "surrogatepass")
        self._sent = 0
        self._out = arrays
        self._out_at = 0
        self.put_more()
        self._header[2] = len(arrays)

    def put_more(self) -> None:
        """Write the answer's next part."""
        data, start = self._answer, self._sent
        end = min(len(data), start + 2 * self._capacity)
        ctypes.memmove(self._address + _HEADER, data[start:end], end - start)
        header = self._header
        header[0] = (end - start) // 2
        header[1] = (len(data) - end) // 2
        self._sent = end
        if end == len(data):
            self._answer = b""

    def put_bytes(self) -> None:
        """Write the next part of the answer's byte arrays."""
        array, start = self._out[0], self._out_at
        end = min(len(array), start + BUFFER_BYTES - _HEADER)
        self._view[_HEADER : _HEADER + end - start] = memoryview(array)[start:end]
        header = self._header
        header[0] = end - start
        header[1] = len(array) - end
        self._out_at = end
        if end == len(array):
            self._out.pop(0)
            self._out_at = 0
