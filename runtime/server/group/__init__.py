"""Several reactors on one port: the process that runs them (``runtime serve --reactors``).

One reactor is one Python thread parsing, routing and writing every byte; on a machine with
many cores it caps what the workers behind it can serve. A group runs N reactor processes
(``python -m runtime.server.reactor``), each listening on the same port with
``SO_REUSEPORT`` so that the kernel spreads the connections over them, each with its share
of the workers. ``reactors`` starts, restarts and stops them; ``metrics`` answers the
group's ``--metrics-port`` from theirs. Like a reactor, this process never imports an engine.
"""
