"""SpiderMonkey's own text report of an exception, structured.

pythonmonkey hands most exceptions over as the JS object (the shims then make the record);
only when it cannot, the text remains: ``Error in file F, on line L, column C:``, the
source, a caret, then ``Name: message``; for a thrown non-Error ``uncaught exception:
value``, after the location line where the throw has one.
"""

from __future__ import annotations

import re

from engines.base import BackendScriptError

_LOCATION = re.compile(r"^Error in file (?P<file>.*), on line (?P<line>\d+), column (?P<col>\d+):$")
_HEAD = re.compile(r"^(?P<name>[A-Za-z_$][\w$]*): (?P<message>.*)$")
UNCAUGHT = "uncaught exception: "


def uncaught_value(text: str) -> str | None:
    """The value of a thrown non-Error in SpiderMonkey's report ``text`` (``uncaught
    exception: value``, first or right after the location line); None for other reports."""
    lines = text.split("\n", 2)
    head = lines[1] if len(lines) > 1 and _LOCATION.match(lines[0]) else lines[0]
    return head[len(UNCAUGHT) :] if head.startswith(UNCAUGHT) else None


def script_error(text: str) -> BackendScriptError:
    """The structured error for SpiderMonkey's report ``text``."""
    uncaught = uncaught_value(text)
    if uncaught is not None:  # as V8 reports a thrown non-Error
        return BackendScriptError("Uncaught", uncaught, stack="Uncaught " + uncaught)
    lines = text.rstrip("\n").split("\n")
    first = lines[0] if lines else ""
    loc = _LOCATION.match(first)
    if loc:
        head = _HEAD.match(lines[-1]) if len(lines) > 1 else None
        name, message = (head["name"], head["message"]) if head else ("Error", lines[-1])
        return BackendScriptError(name, message, [("", loc["file"], int(loc["line"]), int(loc["col"]))])
    head = _HEAD.match(first)
    if head:
        return BackendScriptError(head["name"], head["message"], stack=text)
    return BackendScriptError("Error", text, stack=text)
