"""Logging for the server: text or JSON lines, the access log, lifecycle events.

Loggers: ``runtime.server`` (lifecycle: workers started, died, replaced, reloads),
``runtime.access`` (one line per request, only when the access log is on) and
``runtime.console`` (the handlers' ``console.*`` output, from the workers). The reactor and
the workers configure logging the same way so ``--log-format json`` covers every line.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from typing import Any

import msgspec

server_log = logging.getLogger("runtime.server")
access_log = logging.getLogger("runtime.access")

_json = msgspec.json.Encoder().encode
#: LogRecord attributes that are not "extra" fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, and any ``extra=`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": round(record.created, 6),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return _json(out).decode()


class TextFormatter(logging.Formatter):
    """One record per line at column 0; what follows a line break inside a message (a
    stack, or text a handler logged) is indented, and other control characters are
    escaped, so no message can pass for a record of its own."""

    def __init__(self, reactor: str = "") -> None:
        tag = f"[{reactor}]" if reactor else ""
        super().__init__(f"%(asctime)s %(levelname)-7s %(name)s{tag}: %(message)s", "%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        text = _CONTROL.sub(_escape, super().format(record))
        if "\n" in text:
            text = _LINE_START.sub("\n    ", text)
        return text


#: Control characters other than tab and line feed (carriage returns, terminal escapes).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: A line inside a message that does not start with whitespace.
_LINE_START = re.compile(r"\n(?=\S)")


def _escape(m: re.Match[str]) -> str:
    return "\\r" if m.group() == "\r" else f"\\x{ord(m.group()):02x}"


class _Reactor(logging.Filter):
    """Marks every record with the reactor of a group it comes from (``reactor`` in JSON)."""

    def __init__(self, reactor: str) -> None:
        super().__init__()
        self.reactor = reactor

    def filter(self, record: logging.LogRecord) -> bool:
        record.reactor = self.reactor
        return True


def configure(log_format: str = "text", level: str = "info", reactor: str = "") -> None:
    """Send every ``runtime.*`` log line to stderr in the chosen format; in a group of
    reactors, each line names its ``reactor`` (``r2``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONFormatter() if log_format == "json" else TextFormatter(reactor))
    if reactor:
        handler.addFilter(_Reactor(reactor))
    root = logging.getLogger("runtime")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False


def log_access(
    client: str,
    method: str,
    path: str,
    status: int,
    size: int,
    started: float,
    worker: str,
    request_id: str = "",
) -> None:
    """The access log line: method, path, status, bytes, ms, worker, request id (call only
    when on)."""
    ms = (time.monotonic() - started) * 1000.0
    access_log.info(
        '%s "%s %s" %d %dB %.1fms %s %s',
        client,
        method,
        path,
        status,
        size,
        ms,
        worker,
        request_id or "-",
        extra={
            "client": client,
            "method": method,
            "path": path,
            "status": status,
            "bytes": size,
            "ms": round(ms, 3),
            "worker": worker,
            "request_id": request_id or None,
        },
    )
