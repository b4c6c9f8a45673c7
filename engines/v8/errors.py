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
    caret = _caret_line(lines)
    if caret >= 0:
        # String(value), every line of it, then the source line, the caret, and for an
        # Error a blank line and its stack.
        said = [rest, *lines[1 : caret - 1]]
        after = lines[caret + 1 :]
        stack = after[1:] if after and after[0] == "" else None
    else:
        blank = lines.index("") if "" in lines else -1
        said = [rest]
        stack = lines[blank + 1 :] if blank >= 0 else None
    full = "\n".join(said)
    if syntax:
        head = _HEAD.match(rest)
        name, message = (head["name"], head["message"]) if head else ("SyntaxError", rest)
        frames = _frames(stack or [])
    elif stack is None:
        # A thrown non-Error value: V8 reports its string conversion, which may look like
        # "Name: message"; only an Error comes with a stack.
        return BackendScriptError("Uncaught", full, [], stack="Uncaught " + full)
    else:
        if stack[: len(said)] == said:  # the stack starts as String(error) does: not its frames
            stack = stack[len(said) :]
        frames = _frames(stack)
        name, sep, message = full.partition(": ")
        if not sep:  # no message (`TypeError`)
            name, message = full, ""
    if syntax or not frames:
        column = lines[caret].index("^") + 1 if caret >= 0 else 1
        frames = [("", loc["file"], int(loc["line"]), column), *frames]
    return BackendScriptError(name, message, frames)


def _caret_line(lines: list[str]) -> int:
    """The index of the line of carets under the source line (-1: none)."""
    return next((i for i in range(2, len(lines)) if set(lines[i].strip()) == {"^"}), -1)


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
