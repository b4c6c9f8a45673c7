"""Worker processes start with SIGTERM and SIGINT ignored, under the reactor's uvloop.

uvloop's spawn resets signal dispositions in the child, ``preexec_fn`` included: a worker
started that way dies of a process-group SIGTERM that comes while it starts.
"""

from __future__ import annotations

import asyncio
import signal
import sys

import uvloop

from runtime.server.reactor import child

STATUS = "import sys; sys.stdout.write(open('/proc/self/status').read())"


def ignored(status: str) -> set[int]:
    mask = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return {n for n in range(1, 65) if mask & (1 << (n - 1))}


def run(main):
    return uvloop.run(main())


def test_a_child_ignores_stop_signals_from_its_first_instruction(tmp_path):
    out = tmp_path / "status"

    async def main() -> int:
        with open(out, "w") as f:
            fd = f.fileno()
            proc = child.start(
                [sys.executable, "-c", f"import os; os.dup2({fd}, 1); {STATUS}"], pass_fds=[fd]
            )
            return await proc.wait()

    assert run(main) == 0
    assert {signal.SIGTERM, signal.SIGINT} <= ignored(out.read_text())


def test_its_exit_status_and_a_signal_that_kills_it_are_reported():
    async def main() -> tuple[int, int, int | None]:
        ok = child.start([sys.executable, "-c", "raise SystemExit(7)"])
        spinning = child.start([sys.executable, "-c", "import time; time.sleep(60)"])
        await asyncio.sleep(0.2)
        before = spinning.returncode
        spinning.send_signal(signal.SIGKILL)
        return await ok.wait(), await asyncio.wait_for(spinning.wait(), 10), before

    code, killed, before = run(main)
    assert code == 7
    assert killed == -signal.SIGKILL
    assert before is None
