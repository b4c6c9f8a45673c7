"""The worker's end of its socketpair, for sending: one frame at a time, from any thread."""

from __future__ import annotations

import socket
import threading

import msgspec

from runtime.server import framing


class Channel:
    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._lock = threading.Lock()

    def send(self, message: msgspec.Struct) -> None:
        data = framing.frame(message)
        with self._lock:
            self.sock.sendall(data)
