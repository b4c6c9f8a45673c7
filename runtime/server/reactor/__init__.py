"""The reactor process: HTTP connections, routing to workers, and the workers' lives.

Nothing in this package imports an engine or the ``worker`` package: a crash in JS or in
an engine must never take the connections down with it. ``server`` wires the parts:
``http`` (connections) hands each :class:`~.exchange.Exchange` to ``service``, which holds
the rest for every front end (``runtime.asgi`` too): ``pool`` (routing), ``supervisor``
keeps the worker processes running, ``watchdog`` enforces deadlines and memory ceilings,
``reload`` restarts workers when the handler changes, ``metrics`` counts; ``endpoints``
answers ``/metrics``, ``/healthz`` and ``/readyz``.
"""
