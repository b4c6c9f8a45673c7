"""``runtime serve``: an HTTP/1.1 reactor with the handler running in isolated worker processes.

Two processes, two packages: ``reactor`` (connections, routing, the workers' lives) never
imports an engine; ``worker`` (started as ``python -m runtime.server.worker``, a fresh
interpreter) is the only one that does. What both sides share sits here: ``config``,
``protocol`` and ``framing`` (what they say to each other), ``handler_source`` (the
handler check), ``engine_modules``, ``procstat``, ``logs`` and ``cli``. See
../shared/ARCHITECTURE.md for why.
"""
