"""A worker process: engine contexts that run the handler, fed by the reactor.

Started as ``python -m runtime.server.worker FD CONFIG_JSON``: a fresh interpreter, never a
fork of a process that imported an engine. ``bootstrap`` makes the contexts and says HELLO,
``inbox`` turns frames into batches, ``executor`` runs each batch through one context in one
engine crossing, with ``runner.js`` as the JS half. Only this package imports an engine.
"""
