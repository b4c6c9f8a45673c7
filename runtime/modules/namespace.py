"""``JSModule``: an evaluated module's exports, seen from Python."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from runtime import codec
from runtime.handles import JSHandle


class JSModule(Mapping[str, Any]):
    """A read-only mapping of a module's export names to their values, converted on access
    like any value from JS (live: a binding the module changes reads anew). A value that
    does not convert raises ``TypeError``; ``handle(name)`` gives a ``JSHandle`` to it."""

    def __init__(self, context: Any, id: int, file: str) -> None:  # a runtime.Context
        self.context = context
        self.id = id
        self.file = file
        self._names: list[str] | None = None

    def _names_now(self) -> list[str]:
        if self._names is None:
            crossing = self.context._crossing
            self._names = crossing.result(
                crossing.call("__runtime.modules.exportNames", codec.encode([self.id]))
            )
        return self._names

    def __getitem__(self, name: str) -> Any:
        if name not in self._names_now():
            raise KeyError(name)
        crossing = self.context._crossing
        return crossing.result(crossing.call("__runtime.modules.exportValue", codec.encode([self.id, name])))

    def __iter__(self) -> Iterator[str]:
        return iter(self._names_now())

    def __len__(self) -> int:
        return len(self._names_now())

    def __contains__(self, name: object) -> bool:
        return name in self._names_now()

    def handle(self, name: str) -> JSHandle:
        """A live reference to the export ``name`` (for values that do not convert)."""
        if name not in self._names_now():
            raise KeyError(name)
        crossing = self.context._crossing
        return JSHandle(
            self.context, crossing.op("callHandle", "__runtime.modules.exportValue", [self.id, name])
        )

    def namespace(self) -> JSHandle:
        """A live reference to the module namespace object itself."""
        return JSHandle(
            self.context, self.context._crossing.op("callHandle", "__runtime.modules.namespace", [self.id])
        )

    def __repr__(self) -> str:
        return f"<JSModule {self.file}>"
