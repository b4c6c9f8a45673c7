"""``ctx.globals``: the global object as a Python mapping (values are copied)."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runtime.crossing import Crossing


def _name(name: str) -> str:
    """A usable global name: a non-empty string, not a handle reference, without U+0001."""
    if not isinstance(name, str) or not name or "\x01" in name or name[0] == "#":
        raise ValueError(f"not a usable JS global name: {name!r}")
    return name


class Globals(MutableMapping[str, Any]):
    """``ctx.globals``: the global object's properties as a mapping (values are copied)."""

    def __init__(self, crossing: Crossing) -> None:
        self._crossing = crossing

    def __getitem__(self, name: str) -> Any:
        if not self._crossing.op("has", _name(name)):
            raise KeyError(name)
        return self._crossing.op("get", name)

    def __setitem__(self, name: str, value: Any) -> None:
        self._crossing.op("set", _name(name), value)

    def __delitem__(self, name: str) -> None:
        if not self._crossing.op("has", _name(name)):
            raise KeyError(name)
        if not self._crossing.op("del", name):
            raise KeyError(f"{name} cannot be deleted (non-configurable)")

    def __contains__(self, name: object) -> bool:
        return (
            isinstance(name, str)
            and bool(name)
            and "\x01" not in name
            and bool(self._crossing.op("has", name))
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._crossing.op("keys"))

    def __len__(self) -> int:
        return len(self._crossing.op("keys"))
