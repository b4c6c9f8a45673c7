"""``runtime serve``: an HTTP/1.1 reactor with the handler running in isolated worker processes.

The supervisor process (``supervisor``, ``http_protocol``, ``dispatch``) never imports an
engine; workers (``worker``, ``glue.js``) are fresh interpreters that do. See
../shared/ARCHITECTURE.md for why.
"""
