"""A worker's process, started so that stop signals are ignored from its first instruction.

uvloop's own spawn (libuv) resets every signal's disposition in the child before it execs,
``preexec_fn`` included, so a worker it starts takes the default action for a SIGTERM or
SIGINT sent to the whole process group (systemd's control-group kill, Ctrl-C) until its
Python code ignores them: one that is starting dies of it. :func:`start` forks with
``subprocess`` instead, which runs ``preexec_fn`` after its own resets, and awaits the exit
through a pidfd on the running loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import Sequence


def _ignore_stop_signals() -> None:
    """In the child before it execs: ignored dispositions survive ``exec``. (SIGHUP too:
    the parent reloads on it, and a terminal's hangup must not kill a worker mid-request.)"""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)


class ChildProcess:
    """What the supervisor needs of ``asyncio.subprocess.Process``: pid, returncode,
    send_signal and an awaitable exit status."""

    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        self._popen = popen
        self._loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int] = self._loop.create_future()
        try:
            fd = os.pidfd_open(popen.pid)
        except (AttributeError, OSError):  # no pidfd: a thread waits instead
            self._loop.run_in_executor(None, self._wait_blocking)
        else:
            self._loop.add_reader(fd, self._on_exit, fd)

    @property
    def pid(self) -> int:
        return self._popen.pid

    @property
    def returncode(self) -> int | None:
        return self._popen.returncode

    def send_signal(self, sig: int) -> None:
        if self._popen.returncode is None:
            os.kill(self._popen.pid, sig)  # not reaped yet: the pid is still this child's

    async def wait(self) -> int:
        return await asyncio.shield(self._exited)

    def _on_exit(self, fd: int) -> None:
        self._loop.remove_reader(fd)
        os.close(fd)
        self._done(self._popen.wait())

    def _wait_blocking(self) -> None:
        rc = self._popen.wait()
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
            self._loop.call_soon_threadsafe(self._done, rc)

    def _done(self, rc: int) -> None:
        if not self._exited.done():
            self._exited.set_result(rc)


def start(args: Sequence[str], pass_fds: Sequence[int] = ()) -> ChildProcess:
    """Start ``args`` with stdin from /dev/null, SIGTERM and SIGINT ignored, ``pass_fds``
    inherited; stdout and stderr are the reactor's."""
    popen = subprocess.Popen(
        list(args),
        stdin=subprocess.DEVNULL,
        pass_fds=tuple(pass_fds),
        preexec_fn=_ignore_stop_signals,
    )
    return ChildProcess(popen)
