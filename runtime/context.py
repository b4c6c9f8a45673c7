"""Context: a JS global environment with the shims installed, and the public calls into it.

The work is done by the context's parts: ``crossing`` (every call into the engine),
``host_functions`` (``expose``) and ``waiting`` (timers and promises).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

import msgspec

import shims
from runtime import codec, registry
from runtime.crossing import Crossing, log_console
from runtime.current import stack
from runtime.errors import JSError, NoContextError, RuntimeFailure
from runtime.globals import Globals, _name
from runtime.handles import JSFunction, JSHandle, JSPromise
from runtime.host_functions import HostFunctions
from runtime.isolate import Isolate
from runtime.modules.loader import ModuleLoader
from runtime.modules.namespace import JSModule
from runtime.node_crypto import NodeCrypto
from runtime.node_zlib import NodeZlib
from runtime.waiting import Waiter, left
from runtime.web_compression import WebCompression
from runtime.web_crypto import WebCrypto

_json_decode = msgspec.json.Decoder().decode
_encode = codec.encode

#: Seconds the last drain may take when a context closes (it may run listeners).
_CLOSING_DRAIN = 1.0


class Context:
    """A JS global environment.

    ``Context(engine, **isolate_options)`` makes its own isolate (closed with the context);
    ``isolate.new_context()`` makes one on an existing isolate. ``with ctx:`` enters it on
    this thread, so ``runtime.current()`` and ``runtime.eval()`` use it.
    """

    def __init__(
        self,
        engine: str = registry.DEFAULT_ENGINE,
        *,
        isolate: Isolate | None = None,
        conditions: tuple[str, ...] | None = None,
        **isolate_options: Any,
    ) -> None:
        self._owns_isolate = isolate is None
        self.isolate = isolate if isolate is not None else Isolate(engine, **isolate_options)
        self.engine = self.isolate.engine
        self.capabilities = self.isolate.capabilities
        self._entered = 0
        self._crossing = Crossing(self.isolate, self._make_handle)
        self._host = HostFunctions(
            self._crossing, self._make_handle, self.capabilities.sync_host_functions, context=self
        )
        self._waiter = Waiter(self._crossing, self._host.tasks)
        self.globals = Globals(self._crossing)
        self._modules: ModuleLoader | None = None
        #: Package ``exports`` conditions for imports (None: the default set, see README).
        self.conditions = tuple(conditions) if conditions is not None else None
        self._crossing.on_import = self._on_import
        # The runtime's own operations are sync wherever the engine can call the host
        # synchronously; exposed functions only where it declares sync_host_functions.
        try:
            self.isolate.run(self.isolate.backend.set_host_call, self._host.on_sync_call)
        except NotImplementedError:
            pass
        # The runtime's own host operations (crypto.subtle's keys live on the host).
        self._host.add_internal("webcrypto", WebCrypto().call)
        self._host.add_internal("compression", WebCompression().call)
        self._host.add_internal("nodecrypto", NodeCrypto().call)
        self._host.add_internal("nodezlib", NodeZlib().call)
        self._exit_handler: Callable[[int], None] | None = None
        self._host.add_internal("exit", self._on_exit)
        prelude = (
            f"__runtime_host.engine = {_encode(self.engine)};"
            f"__runtime_host.seed = {_encode(self.isolate.seed)};"
            f"__runtime_host.internal = {_encode(self._host.internal)};\n"
        )
        try:
            self._crossing.eval(prelude + shims.bundle(), shims.SHIM_FILENAME, None)
        except Exception:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"<runtime.Context {self.engine}{' closed' if self.closed else ''}>"

    @property
    def closed(self) -> bool:
        return self._crossing.closed

    @property
    def broken(self) -> bool:
        """True when the engine can no longer run this context (make a new one)."""
        return self.isolate.broken

    def _make_handle(self, tag: str, id: int) -> Any:
        return JSFunction(self, id) if tag == "function" else JSPromise(self, id)

    # -- entering
    def __enter__(self) -> Context:
        self.isolate.check_thread()
        stack().append(self)
        self._entered += 1
        return self

    def __exit__(self, *exc: object) -> None:
        entered = stack()
        if entered and entered[-1] is self:
            entered.pop()
        else:
            entered.remove(self)
        self._entered -= 1
        if self._owns_isolate and self._entered == 0:
            self.close()

    def close(self) -> None:
        """Free the engine resources now. Later use raises ``ContextClosed``."""
        if self._crossing.closed:
            return
        # Before anything is closed: a close refused half-way (the crossing closed, the
        # isolate not) left the owner's close a no-op and the engine's one slot taken.
        self.isolate.check_closing_thread()
        if self._crossing.backend.signalled and not self.isolate.broken:
            # What JS queued last (console lines, rejections nobody handled) is reported.
            with contextlib.suppress(RuntimeFailure):
                self._crossing.drain(_CLOSING_DRAIN)
        self._crossing.close()
        self._waiter.close()
        if self._owns_isolate:
            self.isolate.close()

    # -- calls
    def eval(self, source: str, *, filename: str | None = None, timeout: float | None = None) -> Any:
        """Run ``source`` as a script; return its completion value as Python data.

        A returned Promise comes back as a ``JSPromise`` (await it, or use ``eval_async``).
        """
        if not isinstance(source, str):
            raise TypeError(f"source must be str, not {type(source).__name__}")
        crossing = self._crossing
        if "import" in source:
            source = self.modules.prepare_script(source, filename)
        return crossing.result(crossing.eval(source, filename or "<eval>", timeout))

    def call(
        self,
        function: str | JSFunction,
        *args: Any,
        timeout: float | None = None,
        handle: bool = False,
    ) -> Any:
        """Call a global function by (dotted) name, or a ``JSFunction``, with ``args``.

        The result comes back as plain data; ``handle=True`` returns a ``JSHandle`` to the
        live JS value instead.
        """
        if type(function) is str and function and function[0] != "#" and "\x01" not in function:
            target = function
        elif isinstance(function, JSFunction):
            if function.context is not self:
                raise ValueError("that JSFunction belongs to another context")
            target = f"#{function.id}"
        elif isinstance(function, str):
            target = _name(function)
        else:
            raise TypeError("call() needs a global function name or a JSFunction")
        crossing = self._crossing
        if handle:
            return JSHandle(self, crossing.op("callHandle", target, list(args), timeout=timeout))
        text = crossing.call(target, _encode(args), timeout)
        if text[0] == "0":  # plain JSON: the common case, decoded without a walk
            return _json_decode(text[1:])
        return crossing.result(text)

    def _call_settled(self, target: str, args: list[Any], then: str, timeout: float | None = None) -> Any:
        """Call the global function ``target`` with ``args``, let the promise jobs it
        queued run, then call ``then`` with no arguments and return its result: the work
        started and the answers its promises settled, in one crossing where the engine can
        (a JS exception in ``target`` raises)."""
        crossing = self._crossing
        text = crossing.call_settled(target, _encode(args), then, timeout)
        if text[0] == "0":
            return _json_decode(text[1:])
        return crossing.result(text)

    def _set_progress(self, handler: Callable[[Any], None] | None) -> None:
        """Values JS hands ``__runtime.progress(value)`` during a call go to ``handler`` at
        once, on the calling thread, while the call goes on (``handler`` must not use this
        context). Where the engine cannot, ``__runtime.canProgress`` is false and the value
        stays with JS."""
        result = self._crossing.result
        wrapped = None if handler is None else (lambda text: handler(result(text)))
        self.isolate.run(self.isolate.backend.set_progress, wrapped)

    def _log_as_written(self) -> None:
        """console output reaches the ``runtime.console`` logger as JS writes it, not once
        the call is over (``runtime run``: a long synchronous script shows its progress, and
        a kill loses nothing it wrote). Where the engine cannot, it comes as before."""

        def take(value: Any) -> None:
            if type(value) is list and len(value) == 3 and value[0] == "log":
                log_console(value[1], value[2])

        self._set_progress(take)
        self._crossing.op("logAsWritten")

    def set_exit_handler(self, handler: Callable[[int], None] | None) -> None:
        """What node:process's ``exit(code)`` does: by default it throws, as a context
        cannot end its host. A handler is called with the code and the script is stopped
        at once (the call that ran it raises): ``runtime run`` ends the program there. With
        a handler, an error nobody caught ends the program too (code 1), as in Node."""
        self._exit_handler = handler

    def _on_exit(self, code: int, stop: bool) -> bool:
        """node:process's ``exit``: whether a handler takes it (first, before its "exit"
        event), then the stop."""
        handler = self._exit_handler
        if handler is None:
            return False
        if stop:
            handler(int(code) & 0xFF)
            self.isolate.interrupt()
        return True

    def expose(self, name: str, fn: Callable[..., Any]) -> None:
        """Make a Python callable a global JS function ``name``.

        On engines with sync host functions (see ``capabilities``) a plain function returns
        its value to JS directly; otherwise, and for ``async def`` functions, JS gets a
        Promise. Arguments and results are copied as plain data.
        """
        self._host.expose(_name(name), fn)

    # -- modules
    @property
    def modules(self) -> ModuleLoader:
        """The context's module graph (made on first use)."""
        if self._modules is None:
            self._modules = ModuleLoader(self._crossing, self.conditions)
        return self._modules

    def _on_import(self, token: int, specifier: str, importer: str | None) -> None:
        self.modules._on_import(token, specifier, importer)

    def import_module(self, path: str | os.PathLike[str], *, timeout: float | None = None) -> JSModule:
        """Load the ES module (or CommonJS, JSON, TypeScript, JSX file) at ``path`` with
        everything it imports, evaluate it once in this context (waiting for top-level
        await as ``wait`` does) and return its exports. Importing it again returns the same
        module; a file that cannot load raises ``JSError`` (``SyntaxError`` at the
        offending file, line and column)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        loader = self.modules
        record = loader.load(loader.path_of(path), timeout)
        pending = loader.evaluate(record, timeout)
        if isinstance(pending, JSPromise):
            self.wait(pending, timeout=left(deadline))
        return JSModule(self, record.id, record.file)

    async def import_module_async(
        self, path: str | os.PathLike[str], *, timeout: float | None = None
    ) -> JSModule:
        """``import_module`` that awaits a module's top-level await instead of blocking."""
        deadline = None if timeout is None else time.monotonic() + timeout
        loader = self.modules
        record = loader.load(loader.path_of(path), timeout)
        pending = loader.evaluate(record, timeout)
        if isinstance(pending, JSPromise):
            await self.wait_async(pending, timeout=left(deadline))
        return JSModule(self, record.id, record.file)

    # -- the event loop of a context: promises, timers, host calls
    async def eval_async(
        self, source: str, *, filename: str | None = None, timeout: float | None = None
    ) -> Any:
        """``eval`` that awaits a returned Promise (timers and host calls keep running)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        value = self.eval(source, filename=filename, timeout=timeout)
        if isinstance(value, JSPromise):
            return await self.wait_async(value, timeout=left(deadline))
        return value

    async def call_async(self, function: str | JSFunction, *args: Any, timeout: float | None = None) -> Any:
        """``call`` that awaits a returned Promise."""
        deadline = None if timeout is None else time.monotonic() + timeout
        value = self.call(function, *args, timeout=timeout)
        if isinstance(value, JSPromise):
            return await self.wait_async(value, timeout=left(deadline))
        return value

    def wait(self, promise: JSPromise, *, timeout: float | None = None) -> Any:
        """Block until ``promise`` settles, running timers and host calls meanwhile."""
        if promise.outcome is None:
            try:
                promise.outcome = (True, self._waiter.wait(promise.id, timeout))
            except JSError as e:
                promise.outcome = (False, e)
        return _settled(promise.outcome)

    async def wait_async(self, promise: JSPromise, *, timeout: float | None = None) -> Any:
        """Await ``promise``, running timers and host calls while the loop is idle."""
        if promise.outcome is None:
            try:
                promise.outcome = (True, await self._waiter.wait_async(promise.id, timeout))
            except JSError as e:
                promise.outcome = (False, e)
        return _settled(promise.outcome)

    def run_timers(self, limit: int = 1000) -> float | None:
        """Run the timers that are due now (at most ``limit``, so a chain of zero-delay
        timers cannot hold the caller); seconds until the next one (None: none)."""
        return self._waiter.run_timers(limit)


def _settled(outcome: tuple[bool, Any]) -> Any:
    ok, value = outcome
    if not ok:
        raise value
    return value


Isolate.context_class = Context


def current() -> Context:
    """The innermost context this thread has entered (``with ctx:``)."""
    entered = stack()
    if not entered:
        raise NoContextError(
            "no JS context is entered on this thread: use `with runtime.Context() as ctx:` "
            "(or `with ctx:`) before runtime.eval()"
        )
    return entered[-1]  # type: ignore[no-any-return]


def eval(source: str, **kwargs: Any) -> Any:
    """Evaluate ``source`` in ``runtime.current()``."""
    return current().eval(source, **kwargs)
