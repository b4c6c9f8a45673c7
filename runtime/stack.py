"""Structured errors from an engine's own text report (top-level script errors on V8).

Errors inside calls are caught in JS and arrive structured; an exception that escapes a
top-level script reaches us only as the engine's formatted report, which we parse into
the same ``JSError`` shape (V8: ``file:line: Name: message``, the source line, a caret,
then the JS stack).
"""

from __future__ import annotations

import re

from runtime.errors import JSError

_LOCATION = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<rest>.*)$")
_HEAD = re.compile(r"^(?P<name>[A-Za-z_$][\w$]*): (?P<message>.*)$")
_FRAME = re.compile(r"^\s*at (?:(?P<fn>.*?) \()?(?P<file>.*?):(?P<line>\d+):(?P<col>\d+)\)?$")
_SM_LOCATION = re.compile(r"^Error in file (?P<file>.*), on line (?P<line>\d+), column (?P<col>\d+):$")


def _frames(lines: list[str]) -> list[tuple[str, str, int, int]]:
    out = []
    for line in lines:
        m = _FRAME.match(line)
        if m and "runtime:shims" not in m["file"] and m["file"] != "runtime:internal":
            out.append((m["fn"] or "", m["file"], int(m["line"]), int(m["col"])))
    return out


def _render(name: str, message: str, frames: list[tuple[str, str, int, int]]) -> str:
    lines = [f"{name}: {message}" if message else name]
    for fn, file, line, col in frames:
        lines.append(f"    at {fn} ({file}:{line}:{col})" if fn else f"    at {file}:{line}:{col}")
    return "\n".join(lines)


def error_from_text(text: str, *, syntax: bool = False) -> JSError:
    """Build a ``JSError`` from an engine's text report."""
    lines = text.rstrip("\n").split("\n")
    first = lines[0] if lines else ""
    sm = _SM_LOCATION.match(first)
    if sm:  # SpiderMonkey: location, source, caret, "Name: message"
        head = _HEAD.match(lines[-1]) if len(lines) > 1 else None
        name, message = (head["name"], head["message"]) if head else ("Error", lines[-1])
        frames = [("", sm["file"], int(sm["line"]), int(sm["col"]))]
        return JSError(name, message, _render(name, message, frames), frames)
    if first.startswith("uncaught exception: "):
        message = first[len("uncaught exception: ") :]
        return JSError("Uncaught", message, "Uncaught " + message, [])
    loc = _LOCATION.match(first)
    if not loc:
        head = _HEAD.match(first)
        if head:
            return JSError(head["name"], head["message"], text, _frames(lines[1:]))
        return JSError("Error", text, text, [])
    rest = loc["rest"]
    head = _HEAD.match(rest)
    # The JS stack follows the first blank line, when the thrown value was an Error.
    try:
        blank = lines.index("")
    except ValueError:
        blank = -1
    frames = _frames(lines[blank + 1 :]) if blank >= 0 else []
    if head is None:  # a thrown non-Error value
        return JSError("Uncaught", rest, "Uncaught " + rest, frames)
    name, message = head["name"], head["message"]
    if syntax or not frames:
        column = 1
        if len(lines) > 2 and "^" in lines[2]:
            column = lines[2].index("^") + 1
        frames = [("", loc["file"], int(loc["line"]), column), *frames]
    return JSError(name, message, _render(name, message, frames), frames)
