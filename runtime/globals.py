"""``ctx.globals``: the global object as a Python mapping (values are copied)."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from runtime import wire

if TYPE_CHECKING:
    from runtime.context import Context


def _name(name: str) -> str:
    """A global name as a dispatch field (no control characters, not a handle reference)."""
    if not isinstance(name, str) or not name or "\x01" in name or name[0] == "#":
        raise ValueError(f"not a usable JS global name: {name!r}")
    return name


class Globals(MutableMapping[str, Any]):
    """``ctx.globals``: the global object's properties as a mapping (values are copied)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def __getitem__(self, name: str) -> Any:
        if not self._ctx._op("has", _name(name)):
            raise KeyError(name)
        return self._ctx._op("get", name)

    def __setitem__(self, name: str, value: Any) -> None:
        self._ctx._op("set", _name(name), wire.encode(value))

    def __delitem__(self, name: str) -> None:
        if not self._ctx._op("has", _name(name)):
            raise KeyError(name)
        if not self._ctx._op("del", name):
            raise KeyError(f"{name} cannot be deleted (non-configurable)")

    def __contains__(self, name: object) -> bool:
        return (
            isinstance(name, str) and bool(name) and "\x01" not in name and bool(self._ctx._op("has", name))
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._ctx._op("keys"))

    def __len__(self) -> int:
        return len(self._ctx._op("keys"))
