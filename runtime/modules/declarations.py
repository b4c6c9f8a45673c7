"""Where an import declaration or an export clause ends, read from the source text.

tree-sitter's JavaScript and TypeScript grammars read on across a line break into a line
that starts with ``(``, ``[``, a template, ``+``, ``-`` or ``/`` (as JavaScript does after
an expression), also after ``import x from "m"`` and ``export { a }``, which no expression
can continue: a line break ends them. Both transforms find those ends here and make them
explicit for the grammar.
"""

from __future__ import annotations

import re

_STRING = rb"(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"
_ATTRIBUTES = rb"(?:\s*(?:with|assert)\s*\{[^}]*\})?"
_FROM = re.compile(rb"\s*from\s*" + _STRING + _ATTRIBUTES)
_BARE_IMPORT = re.compile(rb"import\s*" + _STRING + _ATTRIBUTES)
#: A token of an import clause before ``from``: a name, ``*``, ``,``, or a comment.
_CLAUSE_TOKEN = re.compile(rb"\s*(?:[\w$]+|\*|,|/\*.*?\*/)", re.S)
_BRACE = re.compile(rb"\s*\{")
#: ``export {``, ``export type {`` or ``export *`` (``as name``).
_EXPORT_HEAD = re.compile(rb"export\s*(?:type\s*)?(\{|\*(?:\s*as\s*(?:[\w$]+|" + _STRING + rb"))?)")
#: What may follow a declaration on its line for a line break to end it.
_LINE_REST = re.compile(rb"[ \t]*(?://[^\n]*)?(?:\r?\n|$)")
_SKIP = re.compile(rb"/\*.*?\*/|//[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|[^}/\"']+|.", re.S)


def clause_end(data: bytes, at: int) -> int:
    """Where the clause whose ``{`` is before ``at`` ends (after its ``}``), comments
    and strings skipped; the end of ``data`` if it does not."""
    while at < len(data):
        if data[at] == 0x7D:  # }
            return at + 1
        at = _SKIP.match(data, at).end()  # type: ignore[union-attr]
    return at


def declaration_end(data: bytes, at: int) -> int | None:
    """Where the import declaration or export clause (``export { a }``, ``export * from
    "m"``) at ``at`` ends; None if it is neither or does not end."""
    bare = _BARE_IMPORT.match(data, at)
    if bare is not None:
        return bare.end()
    keyword = data[at : at + 6]
    if keyword == b"import":
        pos = at + 6
        while pos < len(data):
            source = _FROM.match(data, pos)
            if source is not None:
                return source.end()
            brace = _BRACE.match(data, pos)
            if brace is not None:
                pos = clause_end(data, brace.end())
                continue
            token = _CLAUSE_TOKEN.match(data, pos)
            if token is None:
                return None
            pos = token.end()
        return None
    head = _EXPORT_HEAD.match(data, at) if keyword == b"export" else None
    if head is None:
        return None
    clause = head.group(1) == b"{"
    pos = clause_end(data, head.end()) if clause else head.end()
    source = _FROM.match(data, pos)
    if source is not None:
        return source.end()
    return pos if clause else None


def ends_line(data: bytes, at: int) -> bool:
    """Whether only blanks or a line comment follow ``at`` on its line."""
    return _LINE_REST.match(data, at) is not None
