"""A watchdog thread that stops V8 scripts whose process outgrows its memory limit.

V8's hard heap limit does not count ArrayBuffer memory, so a script could hold gigabytes
of typed arrays under a 64 MB limit. While an isolate with a limit runs JS, this thread
samples the process's resident memory every few milliseconds and cancels the isolate's
task past its ceiling; the backend then reports the memory limit, not a timeout. V8 runs
JS without the GIL, so the thread gets to run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from engines.memory import rss

#: Seconds between samples while a watched script runs.
INTERVAL = 0.005


class MemoryGuard:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        #: Watched scripts: key -> (cancel, ceiling in bytes).
        self._watched: dict[object, tuple[Callable[[], None], int]] = {}
        self._fired: set[object] = set()
        self._thread: threading.Thread | None = None

    def watch(self, key: object, cancel: Callable[[], None], ceiling: int) -> None:
        """Until :meth:`unwatch`, call ``cancel`` once if resident memory passes ``ceiling``."""
        with self._cond:
            self._watched[key] = (cancel, ceiling)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="v8-memory-guard", daemon=True)
                self._thread.start()
            self._cond.notify()

    def unwatch(self, key: object) -> bool:
        """Stop watching ``key``; whether it was cancelled for memory."""
        with self._cond:
            self._watched.pop(key, None)
            if key in self._fired:
                self._fired.discard(key)
                return True
            return False

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._watched:
                    self._cond.wait()
                watched = [(key, cancel, ceiling) for key, (cancel, ceiling) in self._watched.items()]
            used = rss()
            for key, cancel, ceiling in watched:
                if used > ceiling:
                    with self._cond:
                        if key not in self._watched or key in self._fired:
                            continue
                        self._fired.add(key)
                    cancel()
            time.sleep(INTERVAL)


guard = MemoryGuard()
