"""Isolate and Locker: one engine instance, and which thread may use it.

As in V8, an isolate belongs to one thread at a time: the thread that created it, or the
one inside ``with Locker(isolate):``. Any other thread gets ``WrongThreadError`` that names
the owner, before the engine is touched (so never an engine's own cryptic failure).
"""

from __future__ import annotations

import secrets
import threading
import weakref
from collections.abc import Callable
from threading import get_ident
from typing import TYPE_CHECKING, Any, ClassVar

from engines.base import BackendBroken, BackendError
from runtime import registry
from runtime.errors import ContextClosed, EngineUnavailable, WrongThreadError

if TYPE_CHECKING:
    from engines.base import Backend, Capabilities


def _close_quietly(backend: Backend) -> None:
    try:
        backend.close()
    except BackendError:
        pass


class Isolate:
    """One engine instance with its own heap. ``new_context()`` gives its context."""

    #: The class of an isolate's context: ``runtime.Context``, which registers itself here
    #: (contexts build on isolates, so this module does not import that one).
    context_class: ClassVar[Callable[..., Any]]

    def __init__(self, engine: str = registry.DEFAULT_ENGINE, *, memory_limit: int | None = None):
        self.engine = engine
        engine_cls = registry.get(engine)
        self.capabilities: Capabilities = engine_cls.capabilities
        self.memory_limit = memory_limit
        if memory_limit is not None and memory_limit <= 0:
            raise ValueError("memory_limit must be a positive number of bytes")
        self._lock = threading.RLock()
        self._owner = threading.current_thread()
        self._owner_ident = self._owner.ident  # compared on every crossing: no Python call
        try:
            self._backend: Backend = engine_cls.create(memory_limit=memory_limit)
        except BackendBroken as e:
            raise EngineUnavailable(str(e)) from None
        except ImportError as e:
            raise EngineUnavailable(f"engine {engine!r} cannot load: {e}") from e
        # A forgotten isolate is still closed (when collected, or at exit): mini-racer
        # hangs at exit on isolates left to its own finalizers.
        self._finalizer = weakref.finalize(self, _close_quietly, self._backend)
        self.seed = secrets.token_hex(32)
        self.closed = False
        self.broken = False
        self._context: Any = None

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"owner={self._owner.name!r}"
        return f"<runtime.Isolate {self.engine} {state}>"

    @property
    def owner(self) -> threading.Thread:
        return self._owner

    def new_context(self) -> Any:
        """The isolate's ``runtime.Context`` (every engine gives one global per isolate)."""
        self.check_thread()
        if self._context is not None:
            raise RuntimeError(
                "this isolate already has its context; engines give one global per isolate, "
                "so make another runtime.Isolate for another context"
            )
        self._context = self.context_class(isolate=self)
        return self._context

    # -- ownership
    def check_thread(self) -> None:
        if self.closed:
            raise ContextClosed(f"the {self.engine} isolate is closed")
        current = threading.current_thread()
        if current is not self._owner:
            raise WrongThreadError(
                f"this {self.engine} isolate is owned by thread {self._owner.name!r} "
                f"(ident {self._owner.ident}); thread {current.name!r} must enter "
                "`with runtime.Locker(isolate):` first"
                + (
                    ""
                    if self.capabilities.thread_migration
                    else f", and {self.engine} cannot move between threads at all"
                )
            )

    def run(self, fn: Any, *args: Any) -> Any:
        """Call ``fn(*args)`` (a backend method) as the owning thread, mapping failures."""
        with self._lock:
            if self._owner_ident != get_ident() or self.closed:
                self.check_thread()
            try:
                return fn(*args)
            except BackendBroken as e:
                self.broken = True
                raise ContextClosed(f"the {self.engine} isolate is broken: {e}") from None

    @property
    def backend(self) -> Backend:
        return self._backend

    def interrupt(self) -> None:
        """Stop whatever script runs in this isolate now (callable from any thread)."""
        if not self.closed:
            self._backend.interrupt()

    def collect_garbage(self) -> None:
        """Collect what JS no longer reaches now, giving memory back where the engine can:
        after a script was interrupted mid-allocation, its garbage otherwise stays until
        the engine next needs room."""
        self.run(self._backend.collect_garbage)

    def check_closing_thread(self) -> None:
        """Raise ``WrongThreadError`` where this thread may not close the isolate: an engine
        that cannot move between threads is closed by its owner only. Checked before a
        close changes anything, so a refused close leaves all as it was for the owner."""
        if self.closed:
            return
        if threading.current_thread() is not self._owner and not self.capabilities.thread_migration:
            self.check_thread()

    def close(self) -> None:
        """Free the engine's resources now (idempotent)."""
        with self._lock:
            if self.closed:
                return
            self.check_closing_thread()
            self.closed = True
            self._finalizer.detach()
            _close_quietly(self._backend)

    def __enter__(self) -> Isolate:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Locker:
    """``with Locker(isolate):`` makes the calling thread the isolate's owner.

    It blocks while another thread holds the isolate's lock, is re-entrant, and gives
    ownership back to the previous owner on exit. Engines that cannot move between threads
    (SpiderMonkey) raise ``WrongThreadError`` on any other thread.
    """

    def __init__(self, isolate: Isolate) -> None:
        self.isolate = isolate
        self._previous: list[threading.Thread] = []

    def __enter__(self) -> Isolate:
        iso = self.isolate
        current = threading.current_thread()
        if not iso.capabilities.thread_migration and current is not iso.owner:
            iso.check_thread()
        iso._lock.acquire()
        self._previous.append(iso._owner)
        iso._owner = current
        iso._owner_ident = current.ident
        return iso

    def __exit__(self, *exc: object) -> None:
        iso = self.isolate
        iso._owner = self._previous.pop()
        iso._owner_ident = iso._owner.ident
        iso._lock.release()
