"""The one protocol every engine implements, and the capabilities it declares.

An engine backend is deliberately small: it evaluates a classic script, and it calls a JS
function by path with arguments as JSON text (``call``), both returning a marked string
made by the shims' value codec (``shims/js/00_core.js``). Everything else (values, errors,
promises, host functions, timers) is built on those two crossings in ``runtime/`` and the
shims, so it behaves the same on every engine. Whatever an engine needs to make that fast
and safe (thread affinity, how promise jobs run, how a runaway script is interrupted, a
cache per call target) stays inside its package.

A marked string starts with one character: ``0`` plain JSON, ``1`` JSON with tagged
values, ``E`` an error record, ``T`` a conversion failure message.
"""

from __future__ import annotations

import abc
import time
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
    #: Whether the engine binding keeps a little memory per call or promise job for the
    #: life of the process (a long-running process should then be replaced now and then).
    leaks_per_call: bool = False
    #: Whether every promise reaction carries an async context from where it was made to
    #: where it runs (the engine gives JS ``__runtime_host.asyncContext``): what
    #: ``AsyncLocalStorage`` needs.
    async_context: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class BackendError(Exception):
    """Base of the errors a backend raises; ``runtime`` maps them to public errors."""


#: One stack frame: (function, file, line, column); the function is "" at top level.
Frame = tuple[str, str, int, int]

#: Files whose frames are the runtime's own and are left out of stacks users see.
INTERNAL_FILES = ("runtime:shims", "runtime:internal")


#: The global function an engine calls with each promise rejection event, where it can
#: (HTML's HostPromiseRejectionTracker): ``hook(promise, reason)`` when a promise is
#: rejected with no handler, ``hook(promise)`` when a handler is added to it later.
#: The shims define it (``shims/js/15_promise_rejection.js``) and report what stays
#: unhandled once the crossing is over.
REJECTION_HOOK = "__runtime_rejection"


def is_internal(file: str) -> bool:
    return file.startswith(INTERNAL_FILES[0]) or file == INTERNAL_FILES[1]


def render_stack(name: str, message: str, frames: list[Frame]) -> str:
    """The one stack format on every engine: ``Name: message`` then ``    at`` lines."""
    lines = [f"{name}: {message}" if message else name]
    for fn, file, line, col in frames:
        lines.append(f"    at {fn} ({file}:{line}:{col})" if fn else f"    at {file}:{line}:{col}")
    return "\n".join(lines)


class BackendScriptError(BackendError):
    """The script threw, as the engine reported it, structured by the engine.

    ``record`` is the shims' error record (JSON text, without the ``E`` mark) when the
    engine could hand the exception object to the shims; the other fields hold what the
    engine's own report says (``stack`` is already in the runtime's format).
    """

    def __init__(
        self,
        name: str,
        message: str,
        frames: list[Frame] | None = None,
        *,
        stack: str | None = None,
        record: str | None = None,
    ) -> None:
        frames = frames or []
        self.name = name
        self.message = message
        self.frames = frames
        self.stack = stack if stack is not None else render_stack(name, message, frames)
        self.record = record
        super().__init__(self.stack)


class BackendTimeout(BackendError):
    """The script was interrupted at its deadline."""


class BackendMemoryLimit(BackendError):
    """The engine's heap limit was hit."""


class BackendBroken(BackendError):
    """The isolate cannot be used any more."""


#: Host channel: the shims call it with a string and get a string back. Where the engine's
#: channel carries bytes beside the text, the call's byte arrays come as a list (the codec
#: names them by index) and the answer's go back as the second item; an engine whose
#: channel does not passes None, and takes the text alone (bytes then ride in it).
HostCall = Callable[[str, "list[bytearray] | None"], "tuple[str, list[bytes]]"]
#: What JS hands the host during a call, as ``__runtime.encode`` marks it.
Progress = Callable[[str], None]


class Backend(abc.ABC):
    """One engine instance (an isolate with one global context).

    Methods are called only from the thread that owns the isolate; ``runtime.Isolate``
    enforces that before calling in, except :meth:`interrupt`, which any thread may call.
    """

    #: Set by the engine when JS signalled that it has queued output (console lines, host
    #: calls); ``runtime`` clears it after draining the outbox with one more call.
    signalled: bool = False

    @abc.abstractmethod
    def eval_script(self, source: str, filename: str, timeout: float | None) -> str:
        """Run ``source`` as a classic script; return its completion value marked as
        ``__runtime.encode(value)`` does."""

    @abc.abstractmethod
    def call(self, target: str, args: str, timeout: float | None) -> str:
        """Return ``__runtime.apply(target, args)``: call the function at ``target`` (a
        dotted global path, ``this`` being the object it was found on, or ``#id`` for a
        kept handle) with ``args`` (a JSON array in the value codec) and return the result
        marked; a JS exception comes back as an ``E`` record, never raised.

        Engine failures raise: ``BackendTimeout`` past ``timeout`` seconds,
        ``BackendMemoryLimit``, ``BackendBroken``."""

    def call_settled(self, target: str, args: str, then: str, timeout: float | None) -> str:
        """``call(target, args)``, then, once the promise jobs it queued have run,
        ``call(then, "[]")``: return the second result, or the first's ``E`` record where
        it threw (``then`` runs either way). The work a call starts and the answers its
        promises settle come back together, in one crossing where the engine can: an
        engine that runs JS on a thread of its own overrides this to post both calls at
        once. ``timeout`` bounds the two together."""
        deadline = None if timeout is None else time.monotonic() + timeout
        first = self.call(target, args, timeout)
        left = None if deadline is None else max(0.001, deadline - time.monotonic())
        second = self.call(then, "[]", left)
        return first if first[0] == "E" else second

    def set_host_call(self, handler: HostCall) -> None:
        """Route synchronous host calls from JS (``__runtime_host.call``) to ``handler``.
        The runtime's own operations use them wherever an engine defines ``call``; exposed
        functions only where the engine declares ``sync_host_functions``, and then the
        handler runs on the thread that made the crossing and may call back into the
        context. An engine without that capability may run it on a thread of its own (V8's
        does). An engine that cannot raises ``NotImplementedError`` and the runtime's
        operations answer with Promises."""
        raise NotImplementedError

    def set_progress(self, handler: Progress | None) -> None:  # noqa: B027 - optional capability
        """Hand ``handler`` what JS passes to ``__runtime_host.progress(text)`` during a
        call, at once, on the thread that made the call, while the call goes on (the
        handler must not call into this backend, and should not raise: where it does, the
        call fails, on V8 once it has ended). An engine that cannot defines no
        ``progress``, and the shims then say so (``__runtime.canProgress``)."""

    def interrupt(self) -> None:  # noqa: B027 - optional capability
        """Stop the running script as soon as possible (from any thread)."""

    def collect_garbage(self) -> None:  # noqa: B027 - optional capability
        """Collect everything JS no longer reaches now, giving memory back where the engine
        can (what an interrupted script allocated is otherwise kept until the engine
        next needs room)."""

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
        """Make a new isolate with ``globalThis.__runtime_host`` defined for the shims to
        capture: ``signal()`` (the outbox has messages), ``call(payload)`` on engines with
        sync host functions, and ``outOfMemory(error)`` (whether a caught exception means
        the engine ran out of memory)."""
