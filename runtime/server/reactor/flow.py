"""Backpressure on one connection: read only what can be answered, stream only what the
client takes.

Reading from the client pauses while its pipeline is full, while it is closing, and while
the transport's write buffer is over its high-water mark (asyncio's ``pause_writing``).
While the buffer drains, every streamed body on the connection is held: its worker stops
producing chunks (``Pause``) until the client has caught up (``Resume``), so a slow client
costs a bounded amount of memory.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from runtime.server.reactor.exchange import Exchange


class FlowControl:
    __slots__ = ("_hold", "_transport", "reading", "writing_paused")

    def __init__(self, transport: asyncio.Transport, hold: Callable[[Exchange, bool], None]) -> None:
        self._transport = transport
        #: ``hold(ex, True)``: ``ex``'s worker pauses its body; ``hold(ex, False)``: resumes.
        self._hold = hold
        self.reading = True
        self.writing_paused = False

    def pause_reading(self) -> None:
        if self.reading and not self._transport.is_closing():
            self.reading = False
            self._transport.pause_reading()

    def resume_reading(self) -> None:
        if not self.reading:
            self.reading = True
            self._transport.resume_reading()

    def pause_writing(self, exchanges: Iterable[Exchange]) -> None:
        self.writing_paused = True
        self.pause_reading()
        self._hold_streams(exchanges, True)

    def resume_writing(self, exchanges: Iterable[Exchange]) -> None:
        self.writing_paused = False
        self._hold_streams(exchanges, False)

    def _hold_streams(self, exchanges: Iterable[Exchange], pause: bool) -> None:
        hold = self._hold
        for ex in exchanges:
            if ex.stream is not None and not ex.stream.ended:
                hold(ex, pause)
