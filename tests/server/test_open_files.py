"""The reactor's open-file limit: raised to what its connections need, or a warning naming
the fix (past the limit, new connections are reset and nothing else says why)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import logging, resource, sys
from runtime.server.reactor.open_files import ensure_open_files
logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(message)s")
resource.setrlimit(resource.RLIMIT_NOFILE, (200, int(sys.argv[1])))
print(ensure_open_files(1000, 4), resource.getrlimit(resource.RLIMIT_NOFILE)[0])
"""


def run(hard: int) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(hard)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_soft_limit_is_raised_to_what_the_connections_need():
    assert run(4096) == ["1072 1072"]


def test_a_hard_limit_below_it_is_reported_with_the_fix():
    warning, limits = run(300)
    assert limits == "300 300"
    assert warning.startswith("WARNING the open-file limit (ulimit -n) is 300, below the 1072")
    assert "ulimit -n 1072" in warning and "LimitNOFILE=1072" in warning
