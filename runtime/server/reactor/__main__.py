"""``python -m runtime.server.reactor CONFIG``: one reactor of a group (``reactor_group``).

CONFIG is the reactor's :class:`~runtime.server.config.Config` as msgspec JSON. The group's
process starts it with SIGTERM and SIGINT ignored: it drains when that process closes its
control socket, so a signal sent to the whole process group is acted on once.
"""

from __future__ import annotations

import sys

import msgspec

from runtime.server.config import Config
from runtime.server.reactor.server import serve

if __name__ == "__main__":
    sys.exit(serve(msgspec.json.decode(sys.argv[1], type=Config)))
