"""``python -m runtime.server.worker FD CONFIG_JSON``: the process the supervisor starts."""

import sys

from runtime.server.worker.bootstrap import main

sys.exit(main(sys.argv[1:]))
