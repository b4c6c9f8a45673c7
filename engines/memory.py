"""The process's resident memory, for engines whose heap limit misses some of what JS can
allocate (malloc'd element storage, ArrayBuffers): they cap the process's growth instead."""

from __future__ import annotations

import os

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    """Resident memory of this process, in bytes."""
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * _PAGE
