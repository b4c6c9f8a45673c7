"""Synchronous host calls on V8, through memory both sides see.

A mini-racer JS callback returns nothing to JS, but the callback itself runs on V8's pump
thread while the JS that made it waits; and its argument is a value only the isolate's
thread could read. So a call travels through one ArrayBuffer: JS writes the payload's
UTF-16 units there and calls back; the callback copies them out, has them answered
(``V8Backend._answer``, on that thread) and writes the answer into the same buffer before
it returns, where JS reads it. Text longer than the buffer travels in parts, each with one
more callback.

Layout: two 32-bit words, then the units. JS to host: the units in the buffer now, and
how many of the payload's units came before them (0 starts a call). Host to JS: the units
in the buffer now, and how many are still to come after them.
"""

from __future__ import annotations

import ctypes

#: Bytes of the buffer: a payload or answer longer than it travels in parts.
BUFFER_BYTES = 1 << 18
_HEADER = 8

#: Installs ``host.call(payload) -> answer`` from the buffer and the three callbacks.
JS = """(function (host) {
  const buffer = host.callBuffer;
  const header = new Uint32Array(buffer, 0, 2);
  const units = new Uint16Array(buffer, 8);
  const capacity = units.length;
  const part = host.callPart, last = host.callLast, more = host.callMore;
  delete host.callBuffer;
  delete host.callPart;
  delete host.callLast;
  delete host.callMore;
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
  host.call = (payload) => {
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
  };
})(globalThis.__runtime_host);
//# sourceURL=runtime:internal"""


class HostChannel:
    """The Python side of one isolate's buffer; its methods run on the pump thread."""

    def __init__(self, address: int) -> None:
        self._address = address
        self._capacity = (BUFFER_BYTES - _HEADER) // 2
        self._parts: list[bytes] = []
        self._answer = b""
        self._sent = 0

    def _units(self) -> bytes:
        header = (ctypes.c_uint32 * 2).from_address(self._address)
        if header[1] == 0:  # a new call: parts of one that was stopped midway are dropped
            self._parts = []
        return ctypes.string_at(self._address + _HEADER, 2 * header[0])

    def take_part(self) -> None:
        """JS wrote a part of a long payload."""
        units = self._units()  # first: it may start the list again
        self._parts.append(units)

    def take_payload(self) -> str:
        """JS wrote the payload's last part: the whole payload."""
        last = self._units()
        parts, self._parts = self._parts, []
        parts.append(last)
        return b"".join(parts).decode("utf-16-le", "surrogatepass")

    def put_answer(self, answer: str) -> None:
        """Write ``answer`` (its first part, where it is long) for JS to read."""
        self._answer = answer.encode("utf-16-le", "surrogatepass")
        self._sent = 0
        self.put_more()

    def put_more(self) -> None:
        """Write the answer's next part."""
        data, start = self._answer, self._sent
        end = min(len(data), start + 2 * self._capacity)
        ctypes.memmove(self._address + _HEADER, data[start:end], end - start)
        header = (ctypes.c_uint32 * 2).from_address(self._address)
        header[0] = (end - start) // 2
        header[1] = (len(data) - end) // 2
        self._sent = end
        if end == len(data):
            self._answer = b""
