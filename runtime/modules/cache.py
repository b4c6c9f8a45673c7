"""Transformed sources kept by content hash, in memory and on disk, so a second context,
a restarted worker or the next run does not parse the same file again."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import msgspec

from runtime.modules.esm import Transformed


def _version() -> str:
    """Part of every key: the transforms' own source, so a changed transform never reads
    what an older one wrote."""
    digest = hashlib.blake2b(digest_size=8)
    for name in ("esm.py", "typescript.py", "jsx.py", "cache.py"):
        try:
            digest.update((Path(__file__).parent / name).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()


VERSION = _version()
_MEMORY_LIMIT = 4096

_lock = threading.Lock()
_memory: dict[str, Transformed] = {}
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder(Transformed).decode


def folder() -> Path | None:
    """Where transforms are kept on disk: ``$RUNTIME_CACHE_DIR``, else the user's cache
    folder; ``RUNTIME_CACHE_DIR=""`` turns the disk cache off."""
    configured = os.environ.get("RUNTIME_CACHE_DIR")
    if configured is not None:
        return Path(configured) / "modules" if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "runtime" / "modules"


def key(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (VERSION, *parts):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def get_or_make(cache_key: str, make: Callable[[], Transformed]) -> Transformed:
    """The cached transform for ``cache_key``, made (and stored) when there is none."""
    found = _memory.get(cache_key)
    if found is not None:
        return found
    where = folder()
    path = where / cache_key[:2] / f"{cache_key}.json" if where is not None else None
    if path is not None:
        try:
            found = _decode(path.read_bytes())
        except (OSError, msgspec.DecodeError):
            found = None
    if found is None:
        found = make()
        if path is not None:
            _store(path, found)
    with _lock:
        if len(_memory) >= _MEMORY_LIMIT:
            _memory.clear()
        _memory[cache_key] = found
    return found


def _store(path: Path, value: Transformed) -> None:
    """Write atomically (a rename), so readers in other processes never see half a file;
    a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(_encode(value))
        os.replace(tmp, path)
    except OSError:
        pass


def clear_memory() -> None:
    """Forget the in-memory copies (benchmarks measure the disk cache with it)."""
    with _lock:
        _memory.clear()
