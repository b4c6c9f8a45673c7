"""A process's memory as Linux reports it in ``/proc/PID/statm``.

The reactor's watchdog reads its workers' resident size; a worker reports its own at HELLO
(the base of its ceiling) and sizes its address-space limit from its mapped size.
"""

from __future__ import annotations

import os

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _statm(pid: int | str) -> list[str]:
    with open(f"/proc/{pid}/statm") as f:
        return f.read().split()


def rss(pid: int | str = "self") -> int:
    """Resident memory in bytes (0 when the process is gone or unreadable)."""
    try:
        return int(_statm(pid)[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def address_space(pid: int | str = "self") -> int:
    """Mapped (virtual) memory in bytes; ``OSError`` when it cannot be read."""
    try:
        return int(_statm(pid)[0]) * _PAGE
    except (ValueError, IndexError) as e:
        raise OSError(f"unreadable /proc/{pid}/statm: {e}") from None
