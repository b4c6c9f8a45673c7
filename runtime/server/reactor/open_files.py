"""The open-file limit a reactor needs: each connection holds a descriptor, and past the
limit the kernel's accept fails, the connection is reset, and nothing says why."""

from __future__ import annotations

import logging
import resource

log = logging.getLogger("runtime.server")

#: Descriptors besides connections: listeners, worker channels, logs, the engine's files.
_HEADROOM = 64


def ensure_open_files(connections: int, workers: int) -> int:
    """Raise the soft RLIMIT_NOFILE to what ``connections`` and ``workers`` need (up to the
    hard limit, as nginx's ``worker_rlimit_nofile`` and most servers do); warn, naming the
    fix, when it stays below. The limit in force."""
    wanted = connections + 2 * workers + _HEADROOM
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return soft
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft < wanted:
        log.warning(
            "the open-file limit (ulimit -n) is %d, below the %d this server may need for %d "
            "connections: past it new connections are reset. Raise it (ulimit -n %d, or "
            "LimitNOFILE=%d under systemd)",
            soft,
            wanted,
            connections,
            wanted,
            wanted,
        )
    return soft
