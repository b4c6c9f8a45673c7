"""What the reactor sends a worker, sorted for its executors, by one of two input paths.

- One context: its executor reads the socket itself (:class:`SocketSource`), with no
  thread and no queue between the socket and the engine. After each crossing it takes
  whatever arrived meanwhile, so the batch grows with the load by itself.
- Several contexts (one executor thread each): a reader thread puts request batches on a
  shared queue the executors take from (:class:`QueueSource`).

Either way, cancels, stream pauses and the stop request go into the :class:`Inbox`, which
each executor checks between crossings.
"""

from __future__ import annotations

import os
import queue
import select
import socket
import threading

from runtime.server import framing
from runtime.server.protocol import Cancel, Pause, Request, Requests, Resume, Stop, ToWorker


class Inbox:
    """State the input path and the executors share."""

    def __init__(self, executors: int) -> None:
        #: Request batches, when several executors share them (None: wake up and look).
        self.queue: queue.SimpleQueue[list[Request] | None] = queue.SimpleQueue()
        #: How many of the queue's items are request batches (the rest are wake-ups).
        self.batches = 0
        #: Request ids the reactor gave up on.
        self.cancelled: set[int] = set()
        #: Per executor: (pause?, ids) for streamed bodies, in arrival order (each executor
        #: acts on the ids of its own streams).
        self.flows: list[list[tuple[bool, list[int]]]] = [[] for _ in range(executors)]
        self.lock = threading.Lock()
        #: Set by Stop: finish what is in flight, then exit.
        self.stop = threading.Event()
        self.executors = executors

    def wake_all(self) -> None:
        for _ in range(self.executors):
            self.queue.put(None)

    def put_batch(self, batch: list[Request]) -> None:
        with self.lock:
            self.batches += 1
        self.queue.put(batch)

    def take(self, message: ToWorker, requests: list[Request] | None) -> None:
        """Sort one message: requests into ``requests`` (None: onto the shared queue), the
        rest into this inbox."""
        t = type(message)
        if t is Requests:
            if requests is None:
                self.put_batch(message.requests)  # type: ignore[union-attr]
            else:
                requests.extend(message.requests)  # type: ignore[union-attr]
            return
        if t is Cancel:
            with self.lock:
                self.cancelled.update(message.ids)  # type: ignore[union-attr]
        elif t is Pause or t is Resume:
            with self.lock:
                for flow in self.flows:
                    flow.append((t is Pause, message.ids))  # type: ignore[union-attr]
        elif t is Stop:
            self.stop.set()
        if requests is None:
            self.wake_all()


class Source:
    """Where an executor gets its next batch (at most ``limit`` requests)."""

    def receive(self, wait: float | None, limit: int) -> list[Request]:
        raise NotImplementedError

    def holds(self) -> bool:
        """Requests were received that no batch has taken yet."""
        raise NotImplementedError


class QueueSource(Source):
    """Several executors share the reader thread's queue."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.queue = inbox.queue

    def holds(self) -> bool:
        return self.inbox.batches > 0  # wake-ups are not work

    def receive(self, wait: float | None, limit: int) -> list[Request]:
        batch: list[Request] = []
        q = self.queue
        inbox = self.inbox
        woken = False
        try:
            item = q.get_nowait() if wait == 0 else q.get(timeout=wait)
            while True:
                if item is None:
                    if woken or batch:  # another executor's wake-up: left for it (each has one)
                        q.put(None)
                        break
                    woken = True
                else:
                    with inbox.lock:
                        inbox.batches -= 1
                    batch.extend(item)
                if len(batch) >= limit:
                    break
                item = q.get_nowait()
        except queue.Empty:
            pass
        if len(batch) > limit:  # the rest is for whichever executor is free first
            inbox.put_batch(batch[limit:])
            del batch[limit:]
        return batch


class SocketSource(Source):
    """The only executor reads the socket itself."""

    def __init__(self, sock: socket.socket, inbox: Inbox, max_batch: int) -> None:
        self.sock = sock
        self.inbox = inbox
        self.max_batch = max_batch
        self.reader = framing.FrameReader(ToWorker)
        self.backlog: list[Request] = []

    def holds(self) -> bool:
        return bool(self.backlog)

    def receive(self, wait: float | None, limit: int) -> list[Request]:
        sock = self.sock
        if self.backlog:
            wait = 0.0
        ready, _, _ = select.select([sock], [], [], wait)
        while ready:
            data = sock.recv(1 << 18)
            if not data:
                _reactor_gone(self.inbox)
            for message in self.reader.feed(data):
                self.inbox.take(message, self.backlog)
            if len(self.backlog) >= self.max_batch:
                break
            ready, _, _ = select.select([sock], [], [], 0)
        batch = self.backlog[:limit]
        del self.backlog[:limit]
        return batch


def _reactor_gone(inbox: Inbox) -> None:
    """The reactor closed the channel: nobody can use our answers any more."""
    os._exit(0 if inbox.stop.is_set() else 1)


def _read_into_queue(sock: socket.socket, inbox: Inbox) -> None:
    reader = framing.FrameReader(ToWorker)
    while True:
        try:
            data = sock.recv(1 << 18)
        except OSError:
            data = b""
        if not data:
            _reactor_gone(inbox)
        for message in reader.feed(data):
            inbox.take(message, None)


def sources(sock: socket.socket, inbox: Inbox, max_batch: int) -> list[Source]:
    """One source per executor; starts the reader thread when there are several."""
    if inbox.executors == 1:
        return [SocketSource(sock, inbox, max_batch)]
    threading.Thread(target=_read_into_queue, args=(sock, inbox), name="reader", daemon=True).start()
    return [QueueSource(inbox) for _ in range(inbox.executors)]
