"""The one protocol every engine implements, and the capabilities it declares.

An engine backend is deliberately small: it evaluates a classic script, and it calls the
shims' single internal entry point (``__runtime.dispatch``) with a string and returns a
string. Everything else (values, errors, promises, host functions, timers) is built on
those two crossings in ``runtime/`` and ``shims/js/00_core.js``, so it behaves the same on
every engine. Whatever an engine needs to make that fast and safe (thread affinity, how
promise jobs run, how a runaway script is interrupted) stays inside its module.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do; ``runtime`` and ``runtime serve`` plan around these."""

    #: Isolates that may exist at once in one process (``None``: no limit).
    isolates_per_process: int | None
    #: Whether different threads may each own an isolate at the same time.
    multi_thread: bool
    #: Whether an isolate may be used from a thread other than the one that created it
    #: (under a ``Locker``).
    thread_migration: bool
    #: Host functions exposed to JS return their value directly (else a Promise).
    sync_host_functions: bool
    #: A running script can be interrupted from another thread (timeouts).
    interrupt: bool
    #: The engine enforces a heap limit itself.
    memory_limit: bool
    #: ES modules (``import``) are supported.
    modules: bool
    #: Whether JS calls release the GIL (threads then run JS in parallel).
    releases_gil: bool
    #: Whether a process running this engine may cap its address space (``RLIMIT_AS``)
    #: to turn runaway allocation into a catchable error (false where the engine reserves
    #: far more address space than it uses).
    address_space_limit: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class BackendError(Exception):
    """Base of the errors a backend raises; ``runtime`` maps them to public errors."""


class BackendScriptError(BackendError):
    """The script threw.

    ``encoded`` is the shims' error encoding (``E{...}``) when the engine could hand the
    exception object to JS; otherwise ``text`` is the engine's own formatted report.
    """

    def __init__(self, text: str, encoded: str | None = None, syntax: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.encoded = encoded
        self.syntax = syntax


class BackendTimeout(BackendError):
    """The script was interrupted at its deadline."""


class BackendMemoryLimit(BackendError):
    """The engine's heap limit was hit."""


class BackendBroken(BackendError):
    """The isolate cannot be used any more."""


#: Host channel: the shims call it with a string and get a string back (sync engines).
HostCall = Callable[[str], str]


class Backend(abc.ABC):
    """One engine instance (an isolate with one global context).

    Methods are called only from the thread that owns the isolate; ``runtime.Isolate``
    enforces that before calling in, except :meth:`interrupt`, which any thread may call.
    """

    #: Set by the engine when JS signalled that it has queued output (console lines, host
    #: calls); ``runtime`` clears it after draining through ``dispatch``.
    signalled: bool = False

    def caller(self, name: str) -> Callable[[str], str | bytes | bytearray | None] | None:
        """Optional fast path for ``ctx.call`` by global ``name``: a function taking the
        arguments as a JSON array and returning what ``__runtime.caller(name)`` returns
        (bare JSON, as text or UTF-8 bytes, or U+0001 and a marked result), or None when a
        call needs the general path after all. None where the engine does not offer it or
        the name is not a plain global path.

        ``runtime`` keeps the function per context and calls it without the isolate's
        lock or thread check, and only where the engine cannot migrate between threads: it
        must return None on any thread but the one the engine is bound to.
        """
        return None

    @abc.abstractmethod
    def eval_script(self, source: str, filename: str, timeout: float | None) -> str:
        """Run ``source`` as a classic script; return ``__runtime.complete(value)``."""

    @abc.abstractmethod
    def dispatch(self, payload: str, timeout: float | None) -> str:
        """Call ``__runtime.dispatch(payload)`` and return its string result."""

    @abc.abstractmethod
    def set_host_call(self, handler: HostCall) -> None:
        """Route synchronous host calls from JS to ``handler`` (sync engines only)."""

    def interrupt(self) -> None:  # noqa: B027 - optional capability
        """Stop the running script as soon as possible (from any thread)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Free the engine resources now."""


class Engine(abc.ABC):
    """An engine plugin, registered under the ``runtime.engines`` entry-point group."""

    name: str
    capabilities: Capabilities

    @classmethod
    @abc.abstractmethod
    def version(cls) -> str:
        """The engine's version (raises ``ImportError`` with the reason if unavailable)."""

    @classmethod
    @abc.abstractmethod
    def create(cls, *, memory_limit: int | None) -> Backend:
        """Make a new isolate with ``globalThis.__runtime_host.signal`` defined (and
        ``.call`` on engines with sync host functions) for the shims to capture."""
