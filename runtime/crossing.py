"""The crossing: every call from Python into a context's engine goes through here.

A crossing is one ``Backend.call`` (or ``eval_script``) on the isolate's owner thread: it
checks the thread, maps engine failures to the public errors, decodes the marked result
(``runtime.codec``), gives released handles back in batches, and, when JS signalled queued
output, drains the outbox with one more crossing and hands each message to its consumer
(console lines to ``logging``, host calls and timer notices to the context's parts).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from threading import get_ident
from typing import Any, NoReturn

import msgspec

from engines.base import (
    BackendBroken,
    BackendError,
    BackendMemoryLimit,
    BackendScriptError,
    BackendTimeout,
)
from runtime import codec
from runtime.errors import ContextClosed, JSError, MemoryLimitExceeded, ScriptTimeout
from runtime.isolate import Isolate

console_log = logging.getLogger("runtime.console")
_LEVELS = {
    "debug": logging.DEBUG,
    "info": logging.INFO,
    "log": logging.INFO,
    "warn": logging.WARNING,
    "error": logging.ERROR,
}


#: What ``process.stdout.write`` and ``process.stderr.write`` wrote: a log record whose
#: ``raw`` is the text as written (a handler that writes a stream writes that), whose
#: message is the text without its final line break (for a handler that writes lines).
_RAW = {"stdout": logging.INFO, "stderr": logging.WARNING}


def log_console(level: str, text: str) -> None:
    """One line of JS console output, to the ``runtime.console`` logger at its level."""
    raw = _RAW.get(level)
    if raw is not None:
        console_log.log(raw, text.removesuffix("\n"), extra={"raw": text})
        return
    console_log.log(_LEVELS.get(level, logging.INFO), text)


_json_decode = msgspec.json.Decoder().decode
_get_running_loop = asyncio.events._get_running_loop
#: Released handles given back to JS in one crossing once this many have piled up.
_RELEASE_BATCH = 64

#: ``(tag, id) -> handle``: makes the Python object for a function or promise from JS.
MakeHandle = Callable[[str, int], Any]


#: Seconds from which a timeout means no limit (about 31 years): engines cannot arm a
#: timer that far ahead (V8's overflows from 1e10 s), and ``math.inf`` reads as "no limit".
FOREVER = 1e9


def _no_time(timeout: float) -> NoReturn:
    """A timeout with no time in it: the call times out before it starts, on every engine
    (NaN is no time at all)."""
    if timeout != timeout:
        raise ValueError("timeout is NaN: give seconds (a positive number) or None")
    raise ScriptTimeout(f"no time to run: timeout {timeout}s")


def _unusual(timeout: float) -> float | None:
    """``timeout`` as the engines get it, for one that is not in (0, FOREVER): None (no
    limit) for FOREVER seconds and more, infinity included, so that no engine is handed a
    deadline it cannot arm (checked here, once, for every engine); 0, less and NaN raise."""
    if timeout >= FOREVER:
        return None
    _no_time(timeout)


class Crossing:
    """The calls into one context's engine, and what comes back from them."""

    def __init__(self, isolate: Isolate, make_handle: MakeHandle) -> None:
        self.isolate = isolate
        self.backend = isolate.backend
        self.engine = isolate.engine
        self.closed = False
        #: Crossings under way (a host function may cross again from within one): only the
        #: outermost drains, once JS is done.
        self.depth = 0
        #: What a sync host function raised that is no Exception (KeyboardInterrupt).
        self.escaped: BaseException | None = None
        #: Drains in progress. Within one, a crossing made to settle a host call leaves
        #: what JS queued since to that drain's loop (see ``settle``).
        self.draining = 0
        #: A crossing was cut short (a timeout): JS is told before the next one runs.
        self.interrupted = False
        self._deferred = False
        self.released: list[int] = []
        self._make_handle = make_handle
        #: Consumers of outbox messages, set by the context's parts.
        self.on_host_call: Callable[[int, int, str], None] | None = None
        self.on_timer: Callable[[float], None] | None = None
        self.on_import: Callable[[int, str, str | None], None] | None = None
        #: Called after a crossing made on a running asyncio loop other than the one in
        #: ``watched_loop`` (the context's timers then move to that loop).
        self.on_new_loop: Callable[[asyncio.AbstractEventLoop], None] | None = None
        self.watched_loop: asyncio.AbstractEventLoop | None = None
        if not isolate.capabilities.thread_migration:
            self.call = self._call_bound  # type: ignore[method-assign]

    def close(self) -> None:
        """No more crossings: later calls raise ``ContextClosed``."""
        self.closed = True
        self.released.clear()

    # -- crossings
    def call(self, target: str, args: str, timeout: float | None = None) -> str:
        """``Backend.call`` as the isolate's owner: the marked result text."""
        return self._cross(self.backend.call, target, args, timeout)

    def call_settled(self, target: str, args: str, then: str, timeout: float | None = None) -> str:
        """``Backend.call_settled`` as the isolate's owner: the marked result of ``then``."""
        settled = self.backend.call_settled
        return self._cross(lambda t, a, limit: settled(t, a, then, limit), target, args, timeout)

    def eval(self, source: str, filename: str, timeout: float | None) -> str:
        """``Backend.eval_script`` as the isolate's owner: the marked completion value."""
        return self._cross(self.backend.eval_script, source, filename, timeout)

    def _cross(
        self, method: Callable[[str, str, float | None], str], a: str, b: str, timeout: float | None
    ) -> str:
        if self.closed:
            raise ContextClosed(f"this {self.engine} context is closed")
        if timeout is not None and not 0 < timeout < FOREVER:
            timeout = _unusual(timeout)
        if len(self.released) >= _RELEASE_BATCH:
            self._release()
        if self.interrupted:
            self._recover()
        isolate = self.isolate
        with isolate._lock:
            if isolate._owner_ident != get_ident() or isolate.closed:
                isolate.check_thread()
            self.depth += 1
            try:
                text = method(a, b, timeout)
            except BackendError as e:
                raise self.engine_error(e) from None
            finally:
                self.depth -= 1
                if self.escaped is not None:
                    self._raise_escaped()
        # Drain the outbox, or follow a running loop other than the watched one.
        if self.backend.signalled or (_get_running_loop() or self.watched_loop) is not self.watched_loop:
            self._after(timeout)
        return text

    def _call_bound(self, target: str, args: str, timeout: float | None = None) -> str:
        """``call`` for an engine bound to one thread (the hot path there): only the owner
        can get past the thread check, so there is nobody to exclude and no lock to take."""
        if self.closed:
            raise ContextClosed(f"this {self.engine} context is closed")
        if timeout is not None and not 0 < timeout < FOREVER:
            timeout = _unusual(timeout)
        if len(self.released) >= _RELEASE_BATCH:
            self._release()
        if self.interrupted:
            self._recover()
        isolate = self.isolate
        if isolate._owner_ident != get_ident() or isolate.closed:
            isolate.check_thread()
        self.depth += 1
        try:
            text = self.backend.call(target, args, timeout)
        except BackendError as e:
            raise self.engine_error(e) from None
        finally:
            self.depth -= 1
            if self.escaped is not None:
                self._raise_escaped()
        # Drain the outbox, or follow a running loop other than the watched one.
        if self.backend.signalled or (_get_running_loop() or self.watched_loop) is not self.watched_loop:
            self._after(timeout)
        return text

    def _raise_escaped(self) -> None:
        """A KeyboardInterrupt (any BaseException but Exception) that a sync host function
        raised went to JS as an error, the only way back through the engine: the crossing
        that made the call raises it, as a Python caller of a Python function would see it."""
        escaped, self.escaped = self.escaped, None
        raise escaped

    def _after(self, timeout: float | None) -> None:
        """After a crossing: drain the outbox if JS signalled (within the crossing's
        ``timeout``: a drain may run listeners); follow a new running loop. Only the
        outermost crossing drains: one made within another (a host function's) or during a
        drain leaves what JS queued to it, so everything comes out in order."""
        if self.backend.signalled and not self._deferred and not self.draining and not self.depth:
            self.drain(timeout)
        loop = _get_running_loop()
        if loop is not None and loop is not self.watched_loop and self.on_new_loop is not None:
            self.on_new_loop(loop)

    def op(self, name: str, *args: Any, timeout: float | None = None) -> Any:
        """Call the runtime's own operation ``__runtime.ops[name]``: its decoded result."""
        return self.result(self.call("__runtime.ops." + name, codec.encode(args), timeout))

    def _recover(self) -> None:
        """After a crossing cut short: what JS left half done (a round of ticks) is picked up."""
        self.interrupted = False
        self.result(self.call("__runtime.ops.recover", "[]"))

    def _release(self) -> None:
        """Give the released handles back to JS (every crossing checks, so a program that
        only calls and evaluates does not pile them up)."""
        ids, self.released = self.released, []
        try:
            self.result(self.call("__runtime.ops.release", codec.encode([ids])))
        except BaseException:
            self.released.extend(ids)
            raise

    # -- results
    def result(self, text: str) -> Any:
        """The Python value of a marked result (raises the JS exception it records)."""
        marker = text[0]
        if marker == "0":
            return _json_decode(text[1:])
        if marker == "1":
            return codec.decode(text, self._make_handle)
        if marker == "E":
            raise self.js_error(text[1:])
        if marker == "T":
            raise TypeError(text[1:])
        raise RuntimeError(f"unexpected reply from the engine: {text[:60]!r}")

    def js_error(self, record_text: str) -> JSError:
        """The ``JSError`` for a shims' error record (JSON text)."""
        return self._js_error(_json_decode(record_text))

    def _js_error(self, record: dict[str, Any]) -> JSError:
        value = None
        if "value" in record:
            try:
                value = codec.decode(record["value"], self._make_handle)
            except Exception:
                value = None
        error = JSError(
            record.get("name", "Error"),
            record.get("message", ""),
            record.get("stack", ""),
            [tuple(f) for f in record.get("frames", [])],
            value,
        )
        cause = record.get("cause")
        if isinstance(cause, dict):
            error.cause = error.__cause__ = self._js_error(cause)
        return error

    def engine_error(self, e: BackendError) -> Exception:
        """The public error for an engine failure."""
        if isinstance(e, BackendBroken):
            self.isolate.broken = True
            return ContextClosed(f"the {self.engine} isolate is broken: {e}")
        if isinstance(e, BackendTimeout):
            self.interrupted = True
            return ScriptTimeout(f"script ran past its timeout on {self.engine}")
        if isinstance(e, BackendMemoryLimit):
            return MemoryLimitExceeded(
                f"script hit the memory limit ({self.isolate.memory_limit} bytes) on {self.engine}: {e}"
            )
        if isinstance(e, BackendScriptError):
            if e.record is not None:
                return self.js_error(e.record)
            return JSError(e.name, e.message, e.stack, list(e.frames))
        return e

    # -- the outbox
    def settle(self, args: list[Any]) -> None:
        """``__runtime.ops.settle(*args)``: a host call's answer to JS. Within a drain, what
        JS queues in reply is left to that drain's loop: a chain of host calls (a stream's
        chunks, each call answered by the next) is then a loop, not a recursion as deep
        as the chain."""
        self._deferred = self.draining > 0
        try:
            self.op("settle", *args)
        finally:
            self._deferred = False

    def drain(self, timeout: float | None = None) -> None:
        """Hand every message JS queued to its consumer (one crossing per signal, all of
        them within ``timeout``), after the work JS left for then (``__runtime.whenCrossed``)."""
        backend = self.backend
        self.draining += 1
        try:
            self._drain_all(backend, timeout)
        finally:
            self.draining -= 1

    def _drain_all(self, backend: Any, timeout: float | None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while backend.signalled:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise ScriptTimeout(f"what the call left to run after it (listeners) ran past {timeout}s")
            backend.signalled = False
            for message in self.result(self.call("__runtime.ops.drain", "[]", left)):
                kind = message[0]
                if kind == "log":
                    log_console(message[1], message[2])
                elif kind == "call" and self.on_host_call is not None:
                    self.on_host_call(message[1], message[2], message[3])
                elif kind == "timer" and self.on_timer is not None:
                    self.on_timer(message[1])
                elif kind == "import" and self.on_import is not None:
                    self.on_import(message[1], message[2], message[3])
