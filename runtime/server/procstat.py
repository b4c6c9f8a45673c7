"""A process's memory and CPU time as Linux reports them in ``/proc/PID/statm`` and
``/proc/PID/stat``.

The reactor's watchdog reads its workers' resident size; a worker reports its own at HELLO
(the base of its ceiling) and sizes its address-space limit from its mapped size. The
reactor reads a worker's CPU time to tell a script that runs from one that waits for a core.
"""

from __future__ import annotations

import os

_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int | str = "self") -> float:
    """User and system CPU time of all its threads, in seconds (0.0 when the process is
    gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()  # after the command, which may hold spaces
        return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime (fields 14, 15)
    except (OSError, ValueError, IndexError):
        return 0.0
