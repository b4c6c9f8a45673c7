"""V8's own text report of an exception that escaped a top-level script, structured.

Errors inside calls are caught by the shims and arrive as records; a top-level script's
exception reaches us only as mini-racer's text: ``file:line: Name: message``, the source
line, a caret, then (for an Error) a blank line and the JS stack.
"""

from __future__ import annotations

import re

from engines.base import BackendScriptError, Frame, is_internal

_LOCATION = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<rest>.*)$")
_HEAD = re.compile(r"^(?P<name>[A-Za-z_$][\w$]*): (?P<message>.*)$")
_FRAME = re.compile(r"^\s*at (?:(?P<fn>.*?) \()?(?P<file>.*?):(?P<line>\d+):(?P<col>\d+)\)?$")


def _frames(lines: list[str]) -> list[Frame]:
    out = []
    for line in lines:
        m = _FRAME.match(line)
        if m and not is_internal(m["file"]):
            out.append((m["fn"] or "", m["file"], int(m["line"]), int(m["col"])))
    return out


def script_error(text: str, *, syntax: bool = False) -> BackendScriptError:
    """The structured error for V8's report ``text`` (``syntax``: a parse failure)."""
    lines = text.rstrip("\n").split("\n")
    first = lines[0] if lines else ""
    loc = _LOCATION.match(first)
    if not loc:
        head = _HEAD.match(first)
        if head:
            return BackendScriptError(head["name"], head["message"], _frames(lines[1:]), stack=text)
        return BackendScriptError("Error", text, stack=text)
    rest = loc["rest"]
    try:
        blank = lines.index("")
    except ValueError:
        blank = -1
    frames = _frames(lines[blank + 1 :]) if blank >= 0 else []
    if syntax:
        head = _HEAD.match(rest)
        name, message = (head["name"], head["message"]) if head else ("SyntaxError", rest)
    elif blank < 0:
        # A thrown non-Error value: V8 reports its string conversion, which may look like
        # "Name: message"; only an Error comes with a stack.
        return BackendScriptError("Uncaught", rest, frames, stack="Uncaught " + rest)
    else:
        name, message = _name_and_message(rest, lines[blank + 1 :])
    if syntax or not frames:
        column = 1
        # The caret line follows the source line, after every line of the message.
        end = blank if blank > 0 else len(lines)
        caret = next((i for i in range(2, end) if set(lines[i].strip()) == {"^"}), -1)
        if caret >= 0:
            column = lines[caret].index("^") + 1
        frames = [("", loc["file"], int(loc["line"]), column), *frames]
    return BackendScriptError(name, message, frames)


def _name_and_message(first: str, stack: list[str]) -> tuple[str, str]:
    """An Error's name and message from V8's report: its first line is only the first line
    of ``String(error)``; the stack after it starts with the whole of it (every line of
    the message), when the stack was not changed. The name is what comes before the
    first ": " (it may hold spaces or dots, `Validation Error`), or all of it when the
    message is empty (`TypeError`)."""
    head: list[str] = []
    for line in stack:
        if _FRAME.match(line):
            break
        head.append(line)
    text = "\n".join(head) if head and head[0] == first else first
    name, sep, message = text.partition(": ")
    if not sep or "\n" in name or not name:
        return (text, "") if text and "\n" not in text else ("Error", text)
    return name, message


def syntax_error(text: str, source: str, filename: str) -> BackendScriptError:
    """A parse failure of ``source``, placed in it: V8 names the file only once it has
    read the trailing ``sourceURL`` comment, and a failure at the end of the input points
    at that comment's line."""
    error = script_error(text, syntax=True)
    if error.frames:
        fn, file, line, column = error.frames[0]
        lines = source.split("\n")
        if line > len(lines):
            line, column = len(lines), len(lines[-1]) + 1
        if file in ("<anonymous>", "undefined", ""):
            file = filename
        error = BackendScriptError(error.name, error.message, [(fn, file, line, column), *error.frames[1:]])
    return error
