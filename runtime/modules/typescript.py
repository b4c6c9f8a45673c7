"""TypeScript to JavaScript by type stripping, with tree-sitter instead of a Node toolchain.

Type-only syntax is overwritten with spaces (newlines kept) so every line and column of the
output matches the input, and stack traces need no source map, as with Node's
``--experimental-strip-types`` and ts-blank-space. The two constructs with runtime meaning that
real code still uses, ``enum`` and constructor parameter properties, are rewritten in place
without adding or removing lines. Namespaces with values, ``export =`` and ``import x = ...``
are refused with a :class:`TransformError` that says what to write instead.
"""

from __future__ import annotations

import bisect
import operator
import re
import threading
from collections.abc import Callable

import tree_sitter
import tree_sitter_typescript

from runtime.modules.declarations import declaration_end

__all__ = ["TransformError", "strip_types"]


class TransformError(Exception):
    """A source that cannot be transformed; ``line`` and ``column`` are 1-based, columns in characters."""

    def __init__(self, message: str, filename: str, line: int, column: int):
        super().__init__(f"{filename}:{line}:{column}: {message}")
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column

    def __reduce__(self):
        return (type(self), (self.message, self.filename, self.line, self.column))


# -- parsers ------------------------------------------------------------------------------------------

_LANGUAGES = {
    "typescript": tree_sitter.Language(tree_sitter_typescript.language_typescript()),
    "tsx": tree_sitter.Language(tree_sitter_typescript.language_tsx()),
}
_local = threading.local()  # a Parser is not safe to share between threads: one per thread and grammar
_query_lock = threading.Lock()
_queries: dict[str, tree_sitter.Query] = {}


def _parse(source_bytes: bytes, grammar: str, old_tree: tree_sitter.Tree | None = None) -> tree_sitter.Tree:
    parsers = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(grammar)
    if parser is None:
        parser = parsers[grammar] = tree_sitter.Parser(_LANGUAGES[grammar])
    return parser.parse(source_bytes) if old_tree is None else parser.parse(source_bytes, old_tree)


# Type syntax that TypeScript reads only without a line break before it: `T<U>` and `T[K]`;
# and a cast whose qualified type name tree-sitter ends after two parts (see _joined_name).
_BREAK_QUERY = r"""
(generic_type name: (_) @before type_arguments: (type_arguments) @after)
(lookup_type . (_) @before . "[" @after)
(array_type . (_) @before . "[" @after)
(member_expression
  object: [(as_expression) (satisfies_expression)] @cast property: (property_identifier) @part)
"""
_break_queries: dict[str, tree_sitter.Query] = {}
_QUALIFIER = re.compile(rb"\s*\.\s*")


def _parse_typescript(src: bytes, grammar: str) -> tree_sitter.Tree:
    """The tree of ``src`` with every repair that makes it read as TypeScript reads it."""
    if grammar == "tsx":
        return parse_allowing_bare_ampersands(src, lambda t: _parse_types_ending_at_line_breaks(t, "tsx"))
    return _parse_types_ending_at_line_breaks(src, grammar)


def _parse_types_ending_at_line_breaks(src: bytes, grammar: str) -> tree_sitter.Tree:
    """The tree as TypeScript reads ``src``: tree-sitter's grammar lets a type go on across a
    line break into `<` or `[` (an interface's next call signature `<T>(x: T): T`, an array
    on the line after `x satisfies T`), where TypeScript ends the type. The line break
    after the type is read as `;` (same length, so every offset holds) and the source
    parsed again. A cast's qualified type name is joined the same way (see _joined_name)."""
    tree = _parse(src, grammar)
    query = _break_queries.get(grammar)
    if query is None:
        with _query_lock:
            query = _break_queries.setdefault(grammar, tree_sitter.Query(_LANGUAGES[grammar], _BREAK_QUERY))
    text = src
    for _ in range(8):
        patches: list[tuple[int, bytes]] = []
        for _, found in tree_sitter.QueryCursor(query).matches(tree.root_node):
            if "cast" in found:
                patches.extend(_joined_name(text, found["cast"][0], found["part"][0]))
                continue
            before, after = found["before"][0], found["after"][0]
            at = _break_after(text, before.end_byte, after.start_byte)
            if at >= 0:
                patches.append((at, b";"))
        if patches:
            text = _patched(text, patches)
            tree = _parse(text, grammar)
            continue
        if not tree.root_node.has_error:
            return tree
        # Repairs guessed from the parse errors: kept while they move the first error on.
        guesses = _repairs(text, tree)
        if guesses:
            retry_text = _patched(text, guesses)
            retry = _parse(retry_text, grammar)
            if not retry.root_node.has_error or _first_error(retry) > _first_error(tree):
                text, tree = retry_text, retry
                continue
        repaired = _member_repairs(text, tree, grammar)
        if repaired is None:
            return tree
        text, tree = repaired
    return tree


#: A line that starts with a member named `in`, `in_x`, `in2`, `in$` or `instanceof`: after
#: a member with no `;`, tree-sitter 0.23's scanner reads on into the `in` operator (it
#: knows only a letter goes on a name: `inner` is read as a name).
_IN_MEMBER = re.compile(rb"\n[ \t]*(instanceof(?![\w$])|in(?![A-Za-z])[\w$]*)")
#: Where a member is repaired: the nearest of these around the error...
_MEMBER_BODIES = frozenset({"class_body", "interface_body", "object_type"})
#: ...unless one of these comes first (an object literal, an argument list, code).
_NOT_MEMBERS = frozenset(
    {"object", "arguments", "array", "statement_block", "parenthesized_expression", "template_string"}
)
#: What a line that starts with `in` may be in a member body.
_MEMBER_KINDS = frozenset(
    {
        "property_signature",
        "method_signature",
        "public_field_definition",
        "method_definition",
        "abstract_method_signature",
    }
)


def _member_repairs(text: bytes, tree: tree_sitter.Tree, grammar: str):
    """(text, tree) with what tree-sitter 0.23 fails on in a class body, interface body or
    object type read as TypeScript reads it, or None if nothing was: a member named `in`
    (or `in_x`, `instanceof`...) on the line after a member with no `;` (OpenAPI's
    `name: string` then `in: "query"`), read with a `;` at that line break; and
    `static [key: string]: T`, whose `static` is read as `;` and spaces (see
    _blank_repaired_static). Each candidate is tried on its own and kept only where the
    reparse reads the member it is for without an error and changes no code outside its
    body that parsed before (see _member_repair); none is tried for an error inside an
    object literal or argument list."""
    changed = False
    tried: set[tuple[int, bytes]] = set()
    progress = True
    while progress:
        progress = False
        for error in _error_nodes(tree.root_node):
            for patch, check in _member_candidates(text, tree, error):
                if patch in tried:
                    continue
                tried.add(patch)
                repaired = _member_repair(text, tree, patch, check, grammar)
                if repaired is not None:
                    text, tree = repaired
                    changed = progress = True
                    break
            if progress:
                break
    return (text, tree) if changed else None


def _member_repair(text: bytes, tree: tree_sitter.Tree, patch, check, grammar: str):
    """(text, tree) with ``patch``, or None: kept where ``check`` passes on the reparse and
    no code that parsed outside the body changed (see _changes_valid_code). Where the body
    then fails on a later member named `in...` (`in: "query"` then `in_x: number`), which
    tree-sitter now reads into the first's type, that member's `;` is added in turn; the
    whole is kept only where every member patched reads without an error and no code that
    parsed outside the body changed. Parsed again from ``tree``, as only the patches
    changed."""
    patches, checks = [patch], [check]
    current = text
    for _ in range(32):
        current = _patched(current, [patches[-1]])
        edited = tree.copy()
        for at, data in patches:
            end = at + len(data)
            edited.edit(at, end, end, _point(text, at), _point(text, end), _point(current, end))
        retry = _parse(current, grammar, edited)
        found = [c(retry) for c in checks]
        if any(f is None for f in found):
            return None
        span = found[0][0]
        if all(ok for _, ok in found) and not _changes_valid_code(tree, edited, retry, span):
            return current, retry
        body = retry.root_node.descendant_for_byte_range(*span)
        error = next(_error_nodes(body), None) if body is not None and body.has_error else None
        following = [] if error is None else list(_member_candidates(current, retry, error))
        following = [(p, c) for p, c in following if p[0] > patches[-1][0] and p[1] == b";"]
        if not following:
            return None
        patches.append(following[0][0])
        checks.append(following[0][1])
    return None


def _changes_valid_code(tree, edited, again, span: tuple[int, int]) -> bool:
    """Whether ``again`` (``tree`` reparsed from ``edited``, patched inside ``span``) reads
    other than ``tree`` outside ``span`` in a top-level statement that ``tree`` read
    without an error. Outside it, only what tree-sitter's recovery from the error had
    misread may change (a namespace after the broken interface that the recovery took in)."""
    start, end = span
    statements = tree.root_node.children
    for changed in edited.changed_ranges(again):
        if start <= changed.start_byte and changed.end_byte <= end:
            continue
        for statement in statements:
            if statement.end_byte <= changed.start_byte or statement.start_byte >= changed.end_byte:
                continue
            if not statement.has_error and not (start <= statement.start_byte and statement.end_byte <= end):
                return True
    return False


def _member_body(error):
    """The class body, interface body or object type that ``error`` is in, or None where
    an object literal, argument list or block comes first."""
    node = error.parent
    while node is not None and node.type not in _NOT_MEMBERS:
        if node.type in _MEMBER_BODIES:
            return node
        node = node.parent
    return None


def _member_candidates(text: bytes, tree: tree_sitter.Tree, error):
    """Same-length patches that may repair ``error`` (see _member_repairs), each with a
    check of the reparsed tree (see _member_check and _index_signature_check)."""
    body = _member_body(error)
    if body is None:
        return
    field = error.parent
    while field is not None and field.type == "computed_property_name":
        field = field.parent
    if field is not None and field.type == "public_field_definition" and field.parent == body:
        static = next((c for c in field.children if c.type == "static"), None)
        name = field.child_by_field_name("name")
        if static is not None and name is not None and name.type == "computed_property_name":
            yield (static.start_byte, b";     "), _index_signature_check(name.start_byte, static.start_byte)
    lo = max(text.rfind(b"\n", 0, error.start_byte), body.start_byte)
    line_end = text.find(b"\n", error.end_byte)
    hi = len(text) if line_end < 0 else text.find(b"\n", line_end + 1)
    for found in _IN_MEMBER.finditer(text, lo, len(text) if hi < 0 else hi):
        name_at = found.start(1)
        leaf = tree.root_node.descendant_for_byte_range(name_at, name_at)
        previous = _previous_leaf(leaf) if leaf is not None else None
        while previous is not None and (
            previous.type == "comment" or previous.start_byte == previous.end_byte
        ):
            previous = _previous_leaf(previous)
        at = _break_after(text, previous.end_byte, name_at) if previous is not None else -1
        if at >= 0:
            operator = found.group(1) in (b"in", b"instanceof")
            yield (at, b";"), _member_check(name_at, body.type, operator)


def _index_signature_check(start: int, static: int):
    """The check for `static [key: T]: U` read with `;` for `static`: (the span its changes
    must stay in, the member's, and whether it reads without an error), or None where no
    index signature of a class body is at ``start``."""

    def check(tree: tree_sitter.Tree):
        node = tree.root_node.descendant_for_byte_range(start, start + 1)
        while node is not None and node.type != "index_signature":
            node = node.parent
        if node is None or node.parent is None or node.parent.type != "class_body":
            return None
        return (static, node.end_byte), not node.has_error

    return check


def _member_check(start: int, body_type: str, operator: bool):
    """The check for a `;` before a member named `in...` at ``start``: (the span its
    changes must stay in, the body's, and whether it and the member before it read
    without an error), or None where no member starts there in a body of the same kind.
    In a class, `in` or `instanceof` after a field with an initializer is not a repair, as
    in TypeScript (`b = 3` then `in = 4` is `3 in ...`, TS1109)."""

    def check(tree: tree_sitter.Tree):
        node = tree.root_node.descendant_for_byte_range(start, start)
        while node is not None and node.start_byte == start and node.type not in _MEMBER_KINDS:
            node = node.parent
        if node is None or node.start_byte != start or node.type not in _MEMBER_KINDS:
            return None
        body = node.parent
        previous = node.prev_named_sibling
        while previous is not None and previous.type == "comment":
            previous = previous.prev_named_sibling
        if body is None or body.type != body_type or previous is None:
            return None
        ok = not node.has_error and not previous.has_error
        if operator and previous.type == "public_field_definition" and previous.child_by_field_name("value"):
            ok = False
        return (body.start_byte, body.end_byte), ok

    return check


def _repairs(text: bytes, tree: tree_sitter.Tree) -> list[tuple[int, bytes]]:
    """Patches for what TypeScript reads and tree-sitter's grammar fails on, found inside
    the parse errors: a `<` that starts a line there is the next call signature's type
    parameters (`(key: string): Out` then `<K extends number>(key: K): Out`, `Box<A>`
    then `<A, E>(): T`), where TypeScript ends the type at the line break."""
    patches = []
    for error in _error_nodes(tree.root_node):
        for less in _leaves(error, "<"):
            previous = _previous_leaf(less)
            while previous is not None and previous.type == "comment":
                previous = _previous_leaf(previous)
            if previous is not None:
                at = _break_after(text, previous.end_byte, less.start_byte)
                if at >= 0:
                    patches.append((at, b";"))
    return patches


def _leaves(node, kind: str):
    """The tokens of type ``kind`` in ``node`` (itself included), in source order."""
    if not node.child_count:
        if node.type == kind:
            yield node
        return
    for child in node.children:
        yield from _leaves(child, kind)


def _patched(text: bytes, patches: list[tuple[int, bytes]]) -> bytes:
    """``text`` with each (offset, bytes) written over it, its length unchanged."""
    out = bytearray(text)
    for at, data in patches:
        out[at : at + len(data)] = data
    return bytes(out)


def _joined_name(text: bytes, cast, part) -> list[tuple[int, bytes]]:
    """tree-sitter-typescript 0.23 reads `x as A.B.C` as `(x as A.B).C`, a property read of
    the cast; TypeScript reads the whole qualified name as the type (a cast never ends
    before a `.`). The `.` and any spaces before `C` are read as `_`, one type name of
    the same length, so the cast (blanked whole) takes in `.C` and what follows the name
    (`<T>`, `| undefined`)."""
    last = cast
    while last.child_count:
        last = last.children[-1]
    if last.type != "type_identifier" or last.parent is None or last.parent.type != "nested_type_identifier":
        return []
    gap = _QUALIFIER.fullmatch(text, cast.end_byte, part.start_byte)
    if gap is None:
        return []
    return [(cast.end_byte, b"_" * (part.start_byte - cast.end_byte))]


def _parse_declarations_ending_at_line_breaks(
    src: bytes, tree: tree_sitter.Tree, grammar: str
) -> tree_sitter.Tree:
    """The tree with a line break after an import declaration or export clause read as
    `;` (see ``declarations``) where the statement failed to parse; ``tree`` if that does
    not parse either. Same length, so every offset holds: the transform reads ``src``."""
    patched = bytearray(src)
    for stmt in tree.root_node.children:
        if not stmt.has_error:
            continue
        end = declaration_end(src, stmt.start_byte)
        if end is not None and src[end : end + 1] != b";":
            at = _break_after(src, end, len(src))
            if at >= 0:
                patched[at] = 0x3B  # ;
    if patched == src:
        return tree
    retry = _parse(bytes(patched), grammar)
    return tree if retry.root_node.has_error else retry


# A character reference as tree-sitter's JSX grammars accept it; any other `&` in JSX text
# (`Terms & Conditions`, `AT&T`, `&#128512;`) is a parse error there, though JSX allows it.
_GRAMMAR_REFERENCE = re.compile(rb"&(?:#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,5})|[A-Za-z]{1,30});")
_BARE_AMPERSAND = re.compile(rb"(?<!&)&(?![&=])")
_AMPERSAND_STAND_IN = 0x01  # valid in JSX text, never in code: a wrong guess cannot parse


def parse_allowing_bare_ampersands(
    src: bytes, parse: Callable[[bytes], tree_sitter.Tree]
) -> tree_sitter.Tree:
    """``parse(src)``, where a JSX text's `&` that is no character reference the grammar knows
    does not fail: inside the parse errors, each such `&` is read as a stand-in of the same
    length and the source parsed again, kept only while that moves the first error on. The
    transform reads text from ``src``, so the stand-ins never reach its output."""
    tree = parse(src)
    text = src
    for _ in range(16):
        if not tree.root_node.has_error:
            return tree
        patched = bytearray(text)
        for node in _error_nodes(tree.root_node):
            for found in _BARE_AMPERSAND.finditer(text, node.start_byte, node.end_byte):
                if not _GRAMMAR_REFERENCE.match(text, found.start()):
                    patched[found.start()] = _AMPERSAND_STAND_IN
        if patched == text:
            return tree
        retry = parse(bytes(patched))
        if retry.root_node.has_error and _first_error(retry) <= _first_error(tree):
            return tree
        tree, text = retry, bytes(patched)
    return tree


def _first_error(tree: tree_sitter.Tree) -> int:
    return next(_error_nodes(tree.root_node), tree.root_node).start_byte


def _break_after(text: bytes, end: int, limit: int) -> int:
    """Where a `;` can end the type that ends at ``end``, when a line break follows it before
    ``limit``: that line break, or a space before a comment on the type's line (never inside
    the comment); -1 for none."""
    gap = text.find(b"\n", end, limit)
    if gap < 0:
        return -1
    if not text[end:gap].strip():
        return gap
    comment = text[end:gap].lstrip()[:2] in (b"//", b"/*")
    return end if comment and text[end : end + 1] in (b" ", b"\t") else -1


def _query(grammar: str) -> tree_sitter.Query:
    query = _queries.get(grammar)
    if query is None:
        with _query_lock:
            query = _queries.get(grammar)
            if query is None:
                query = _queries[grammar] = tree_sitter.Query(_LANGUAGES[grammar], _QUERY)
    return query


# One query collects every node the transform acts on; capture names say what to do with them.
_QUERY = r"""
[(type_annotation) (asserts_annotation) (type_predicate_annotation) (opting_type_annotation)
 (omitting_type_annotation) (type_arguments) (type_parameters) (implements_clause)
 (accessibility_modifier) (override_modifier)] @blank
(public_field_definition ["readonly" "?" "!"] @blank)
(public_field_definition) @field
(required_parameter "readonly" @blank)
(optional_parameter ["readonly" "?"] @blank)
(method_definition "?" @blank)
(variable_declarator "!" @blank)
(abstract_class_declaration "abstract" @blank)
(arrow_function return_type: (_)) @arrow
[(as_expression) (satisfies_expression)] @cast
(non_null_expression) @nonnull
(binary_expression operator: [">" ">>" ">>>"] right: (template_string)) @tagged_generic
[(interface_declaration) (type_alias_declaration) (ambient_declaration) (function_signature)] @stmt
(import_statement "type") @stmt
(export_statement "type") @stmt
(export_statement "as" "namespace") @stmt
[(import_specifier "type") (export_specifier "type")] @spec
(formal_parameters (required_parameter pattern: (this)) @this_param)
(class_body [(index_signature) (method_signature) (abstract_method_signature)] @member)
(class_body (public_field_definition ["declare" "abstract"]) @member)
(enum_declaration) @enum
[(internal_module) (module)] @ns
(export_statement "=") @export_eq
(import_require_clause) @import_require
(import_alias) @import_alias
[(required_parameter decorator: (decorator) @param_decorator)
 (optional_parameter decorator: (decorator) @param_decorator)]
[(required_parameter [(accessibility_modifier) (override_modifier) "readonly"])
 (optional_parameter [(accessibility_modifier) (override_modifier) "readonly"])] @param_property
"""

# -- edits --------------------------------------------------------------------------------------------

# An edit is (start_byte, order, end_byte, kind, text); sorted on (start, order) an insertion comes
# before a removal at the same place and a wider edit before those nested in it, which are dropped.
_BLANK, _SEMI, _PAREN, _REPLACE = 0, 1, 2, 3
_INSERT_FIRST = -(1 << 62)
_edit_order = operator.itemgetter(0, 1)


def _edit(start: int, end: int, kind: int, text: bytes | None = None) -> tuple:
    return start, -end if end > start else _INSERT_FIRST, end, kind, text


_BLANK_TABLE = bytes(c if c in (10, 13) else 32 for c in range(256))
_NON_NEWLINE = re.compile("[^\r\n\u2028\u2029]")  # JS line terminators survive blanking


def _blank(segment: bytes) -> bytes:
    """One space per character (not per byte), so character columns are kept."""
    if segment.isascii():
        return segment.translate(_BLANK_TABLE)
    return _NON_NEWLINE.sub(" ", segment.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")


def _apply(src: bytes, edits: list, lo: int, hi: int) -> bytes:
    """``src[lo:hi]`` with the sorted ``edits`` applied."""
    out = []
    pos = lo
    for start, _, end, kind, text in edits:
        if start < pos:
            if end <= pos:
                continue  # inside a wider edit
            start, kind = pos, _BLANK  # overlaps the end of the previous edit: blank the rest
        out.append(src[pos:start])
        if kind == _REPLACE:
            out.append(text)
        else:
            segment = _blank(src[start:end])
            if kind == _SEMI:
                segment = b";" + segment[1:]
            elif kind == _PAREN:
                segment = segment[:-1] + b")"
            out.append(segment)
        pos = end
    out.append(src[pos:hi])
    return b"".join(out)


def _position(src: bytes, byte: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset."""
    line_start = src.rfind(b"\n", 0, byte) + 1
    prefix = src[line_start:byte]
    column = len(prefix) if prefix.isascii() else len(prefix.decode("utf-8", "replace"))
    return src.count(b"\n", 0, line_start) + 1, column + 1


# Where removing a construct would let the next line continue the previous expression.
_HAZARD_AFTER = re.compile(rb"(?:[ \t\r\n]|//[^\n]*|/\*.*?\*/)*", re.S)


def _continues_on_next_line(src: bytes, end: int) -> bool:
    """The next token is on a later line and would continue an expression: ( [ or a template."""
    stop = _HAZARD_AFTER.match(src, end).end()
    return stop < len(src) and src[stop] in b"([`" and b"\n" in src[end:stop]


# -- the transform ------------------------------------------------------------------------------------


def strip_types(source: str, filename: str, *, tsx: bool = False, define_class_fields: bool = True) -> str:
    """JavaScript with every TypeScript-only construct replaced by spaces, so every line
    and column is unchanged (newlines inside removed spans are kept). ``define_class_fields``
    False is tsconfig's `useDefineForClassFields: false` (its default below target ES2022):
    fields are assigned, not defined (see _assigned_fields)."""
    src = source.encode("utf-8", "surrogatepass")
    grammar = "tsx" if tsx else "typescript"
    tree = _parse_typescript(src, grammar)
    if tree.root_node.has_error:
        tree = _parse_declarations_ending_at_line_breaks(src, tree, grammar)
    tolerated: list = []
    failed: list[tuple[int, int, int]] = []  # (start, end, edit kind): see _without_failed_constructs
    if tree.root_node.has_error:
        tolerated, errors = _check_syntax(src, tree.root_node, filename)
        if errors:
            tree, failed = _without_failed_constructs(src, tree, errors, grammar)
            if failed and tree.root_node.has_error:
                tolerated, errors = _check_syntax(src, tree.root_node, filename)
                if errors:
                    raise _syntax_error(src, errors[0][1], filename)
    root = tree.root_node
    captures = tree_sitter.QueryCursor(_query(grammar)).captures(root)
    if not captures and not tolerated and not failed:
        return source

    edits: list = []
    removed: list[tuple[int, int]] = []  # whole constructs blanked: refusals inside them do not apply
    refusals: list[tuple[int, str]] = []  # (byte, message), raised only outside removed ranges
    add = edits.append
    for start, end, kind in failed:
        add(_edit(start, end, kind, None))
        removed.append((start, end))

    # A field whose type ends it, with no `;`: the blanked tail gets one, or the next member
    # would join it (`get?: () => T` then `foo() {}` would read as a getter `get foo()`).
    # (Added first: of two edits of the same span, the first applies.)
    for node in captures.get("field", ()):
        last = node.children[-1] if node.children else None
        following = node.next_sibling
        if following is not None and following.type == ";":
            if src[following.start_byte] != 0x3B:
                _write_repaired_semicolon(src, following, add)
            continue
        if last is not None and last.type in ("type_annotation", "?", "!"):
            add(_edit(last.start_byte, last.end_byte, _SEMI, None))
        modifier = _leading_modifier(node)
        if modifier is not None:
            add(_edit(modifier.start_byte, modifier.end_byte, _SEMI, None))

    for node in captures.get("blank", ()):
        # `let x: T` then `[a].forEach(...)` on the next line: TypeScript ends the statement.
        ends = node.type == "type_annotation" and _continues_on_next_line(src, node.end_byte)
        kind = _SEMI if ends else _BLANK
        add((node.start_byte, -node.end_byte, node.end_byte, kind, None))

    # `(a):\n T => a`: a newline may not come between `)` and `=>`, so the `)` moves to the
    # end of the blanked return type, as ts-blank-space does.
    for node in captures.get("arrow", ()):
        params = node.child_by_field_name("parameters")
        ret = node.child_by_field_name("return_type")
        close = params.end_byte - 1
        if b"\n" in src[close : ret.end_byte]:
            add(_edit(close, ret.end_byte, _PAREN, None))

    # `x as T` / `x satisfies T`: blank from the end of `x`; `;` first if a `(`/`[` on the next
    # line would otherwise call or index `x` (TypeScript ends the statement there).
    for node in captures.get("cast", ()):
        start = node.child(0).end_byte
        kind = _SEMI if _continues_on_next_line(src, node.end_byte) else _BLANK
        add(_edit(start, node.end_byte, kind, None))

    for node in captures.get("nonnull", ()):
        if not node.children[-1].is_missing:  # a `!` the grammar made up: see _tagged_generic
            add(_edit(node.end_byte - 1, node.end_byte, _BLANK, None))

    # sql<number>`count(*)`: TypeScript reads type arguments before a template, where
    # tree-sitter reads the comparisons (sql < number) > `...`; `<` to `>` is blanked.
    tagged: list[tuple[int, int]] = []  # type arguments read as expressions: no value read there
    for node in captures.get("tagged_generic", ()):
        span = _tag_type_arguments(src, node.child_by_field_name("operator"), grammar)
        if span is not None:
            tagged.append(span)
            add(_edit(*span, _BLANK, None))

    # Statements and class members that are types only. A `;` replaces their first character
    # when something precedes them in the block, so the next line cannot join the previous one.
    statements = [_outer_statement(n) for n in captures.get("stmt", ())] + tolerated
    for node in captures.get("ns", ()):
        if _type_only_namespace(node):
            statements.append(_outer_statement(node))
        else:
            name = node.child_by_field_name("name")
            label = name.text.decode("utf-8", "replace") if name is not None else "namespace"
            refusals.append(
                (
                    node.start_byte,
                    f"namespace {label!r} contains values and cannot be type-stripped; "
                    "use an ES module or a plain object instead",
                )
            )
    statements += captures.get("member", ())
    for node in captures.get("member", ()):
        if node.type == "index_signature":
            _blank_repaired_static(src, node, add)
    moved: dict[int, tuple] = {}
    if not define_class_fields:
        unset, moved = _assigned_fields(src, captures.get("field", ()), edits)
        statements += unset
    statements.sort(key=lambda n: n.start_byte)
    seen_js: dict[tuple[int, int], bool] = {}
    for node in statements:
        key = (node.start_byte, node.end_byte)
        if key in seen_js:
            continue
        prev = node.prev_named_sibling
        js_before = False
        while prev is not None:
            if prev.type != "comment":
                prev_key = (prev.start_byte, prev.end_byte)
                js_before = seen_js[prev_key] if prev_key in seen_js else True
                break
            prev = prev.prev_named_sibling
        seen_js[key] = js_before
        add(_edit(node.start_byte, node.end_byte, _SEMI if js_before else _BLANK, None))
        removed.append(key)

    # `type` specifiers and `this` parameters go with their trailing comma.
    for node in (*captures.get("spec", ()), *captures.get("this_param", ())):
        following = node.next_sibling
        end = following.end_byte if following is not None and following.type == "," else node.end_byte
        add(_edit(node.start_byte, end, _BLANK, None))

    _elide_types_in_module_syntax(src, root, add, tagged)

    for name, message in (
        ("export_eq", "`export =` is not supported when stripping types; use `export default` instead"),
        (
            "import_require",
            '`import x = require("...")` is not supported when stripping types; '
            'use `import x from "..."` or `createRequire` instead',
        ),
        (
            "import_alias",
            "`import x = A.B` aliases are not supported when stripping types; use `const x = A.B` instead",
        ),
        (
            "param_decorator",
            "parameter decorators are TypeScript's legacy experimentalDecorators and cannot be "
            "type-stripped; inject the value another way",
        ),
    ):
        for node in captures.get(name, ()):
            refusals.append((node.start_byte, message))

    edits.sort(key=_edit_order)
    late: list = []
    constructors = _parameter_properties(captures.get("param_property", ()), refusals)
    if constructors or moved:
        _constructor_code(src, constructors, moved, late, refusals, define_class_fields)
    for node in captures.get("enum", ()):
        _enum(src, node, edits, late, refusals)

    if refusals:
        _raise_refusal(src, refusals, removed, filename)
    if late:
        edits += late
        edits.sort(key=_edit_order)
    return _apply(src, edits, 0, len(src)).decode("utf-8", "surrogatepass")


# -- import elision and type-only exports ------------------------------------------------------------

_VALUE_DECLARATIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "enum_declaration",
        "lexical_declaration",
        "variable_declaration",
        "internal_module",
        "module",
    }
)
#: Nodes through which a name is read as a value (not a type, a property name or a string).
_VALUE_USES = frozenset({"identifier", "shorthand_property_identifier"})


def _elide_types_in_module_syntax(src: bytes, root, add, types_at: list[tuple[int, int]]) -> None:
    """What TypeScript's emit (and tsx, esbuild) drops from `import` and `export`: an
    imported name the module never reads as a value (only as a type), the whole import
    when that leaves it no binding, and `export { T }` / `export default T` of a name
    that is only a type (an interface, a type alias, a type-only import). ``types_at``:
    spans of types that the tree reads as expressions."""
    types: set[bytes] = set()
    values: set[bytes] = set()
    imports = []
    exports = []
    for statement in root.named_children:
        node = statement
        if node.type == "export_statement":
            declaration = node.child_by_field_name("declaration")
            if declaration is None:
                exports.append(node)
                continue
            node = declaration
        if node.type in ("interface_declaration", "type_alias_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                types.add(name.text)
        elif node.type == "import_statement":
            imports.append(node)
        elif node.type in _VALUE_DECLARATIONS:
            values.update(_declared_names(node))
    bindings = []  # (binding name, the node to blank with it, its import statement, type only)
    for statement in imports:
        type_only = any(c.type == "type" for c in statement.children)
        clause = next((c for c in statement.named_children if c.type == "import_clause"), None)
        if clause is None:
            continue  # `import "./side-effect"`
        for part in clause.named_children:
            if part.type == "identifier":
                bindings.append((part, part, statement, type_only))
            elif part.type == "namespace_import":
                name = next((c for c in part.named_children if c.type == "identifier"), None)
                if name is not None:
                    bindings.append((name, part, statement, type_only))
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                    spec_type_only = type_only or any(c.type == "type" for c in spec.children)
                    bindings.append((name, spec, statement, spec_type_only))
    for name, _, _, type_only in bindings:
        (types if type_only else values).add(name.text)
    type_names = types - values

    if bindings:
        names = {name.text for name, _, _, type_only in bindings if not type_only}
        read = _value_reads(src, root, names, types_at)
        kept: set[int] = set()  # imports with a binding read as a value
        elided: dict[int, list] = {}
        for name, part, statement, type_only in bindings:
            if type_only:
                # `import type` and `type` specifiers are blanked as types; an import left
                # with no binding goes whole (its module is not loaded), as in TypeScript.
                elided.setdefault(statement.id, [])
                continue
            if name.text in read:
                kept.add(statement.id)
            else:
                elided.setdefault(statement.id, []).append(part)
        for statement in imports:
            parts = elided.get(statement.id)
            if parts is None:
                continue
            if statement.id not in kept:
                add(_edit(statement.start_byte, statement.end_byte, _BLANK, None))
                continue
            for part in parts:
                add(_edit(*_with_comma(part), _BLANK, None))

    for statement in exports:
        if not type_names:
            break
        value = statement.child_by_field_name("value")
        if value is not None:
            if value.type == "identifier" and value.text in type_names:
                add(_edit(statement.start_byte, statement.end_byte, _BLANK, None))
            continue
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        if clause is None or statement.child_by_field_name("source") is not None:
            continue
        specs = [c for c in clause.named_children if c.type == "export_specifier"]
        dropped = [c for c in specs if c.child_by_field_name("name").text in type_names]
        if specs and len(dropped) == len(specs):
            add(_edit(statement.start_byte, statement.end_byte, _BLANK, None))
        else:
            for spec in dropped:
                add(_edit(*_with_comma(spec), _BLANK, None))


def _declared_names(node) -> list[bytes]:
    """The names a value declaration binds (patterns read loosely: every identifier in them)."""
    name = node.child_by_field_name("name")
    if name is not None:
        return [name.text]
    names = []
    for declarator in node.named_children:
        if declarator.type == "variable_declarator":
            pattern = declarator.child_by_field_name("name")
            stack = [pattern] if pattern is not None else []
            while stack:
                n = stack.pop()
                if n.type in ("identifier", "shorthand_property_identifier_pattern"):
                    names.append(n.text)
                stack.extend(n.named_children)
    return names


def _value_reads(src: bytes, root, names: set[bytes], types_at: list[tuple[int, int]]) -> set[bytes]:
    """Which of ``names`` the module reads as values outside its imports and ``types_at``."""
    read: set[bytes] = set()
    if not names:
        return read
    types_at = sorted(types_at)
    pattern = re.compile(rb"(?<![\w$])(?:" + b"|".join(re.escape(n) for n in names) + rb")(?![\w$])")
    for match in pattern.finditer(src):
        name = match.group()
        if name in read:
            continue
        i = bisect.bisect_right(types_at, (match.start(), len(src))) - 1
        if i >= 0 and types_at[i][1] > match.start():
            continue
        node = root.descendant_for_byte_range(match.start(), match.end())
        if node is None or node.type not in _VALUE_USES:
            continue
        if _read_as_value(node):
            read.add(name)
    return read


def _read_as_value(node) -> bool:
    """Whether a name's node is in a value position: in none of _NOT_READ, nor the type of
    `x as T` / `x satisfies T` (`JSX` in `x as JSX.Element` is a namespace of types)."""
    child, parent = node, node.parent
    while parent is not None and parent.type != "program":
        if parent.type in _NOT_READ:
            return False
        if parent.type in ("as_expression", "satisfies_expression") and child != parent.children[0]:
            return False
        child, parent = parent, parent.parent
    return True


def _with_comma(node) -> tuple[int, int]:
    """The span of a list item with its comma: the one after it, else the one before it."""
    following = node.next_sibling
    if following is not None and following.type == ",":
        return node.start_byte, following.end_byte
    previous = node.prev_sibling
    if previous is not None and previous.type == ",":
        return previous.start_byte, node.end_byte
    return node.start_byte, node.end_byte


def _write_repaired_semicolon(src: bytes, semicolon, add) -> None:
    """Write the `;` that a repair read at a line break after a field (see _member_repairs),
    which the output does not have: before that line break (and its `\r`), or over the
    space before a comment. The `;` read for `static` is written by _blank_repaired_static."""
    at = semicolon.start_byte
    if src[at] in b"\r\n":
        if src[at] == 0x0A and src[at - 1 : at] == b"\r":
            at -= 1  # `\r;\n` would be two line breaks
        add(_edit(at, at, _REPLACE, b";"))
    elif src[at] in b" \t":
        add(_edit(at, at + 1, _SEMI, None))


_WORD = re.compile(rb"[\w$]+")


def _blank_repaired_static(src: bytes, signature, add) -> None:
    """Blank the `static` of `static [key: string]: T` in a class, which a repair read as
    `;` and spaces (see _member_repairs), with a `;` in its place: TypeScript emits nothing
    for it, and the field before it may have none."""
    before = signature.prev_sibling
    if before is None or before.type != ";":
        return
    word = _WORD.match(src, before.start_byte)
    if word is not None:
        add(_edit(word.start(), word.end(), _SEMI, None))


#: Modifiers that are blanked where they start a class member.
_MEMBER_MODIFIERS = frozenset({"accessibility_modifier", "override_modifier", "readonly"})


def _leading_modifier(field):
    """The blanked modifier that starts the member after ``field`` (a field with no `;`), or
    None. TypeScript ends the field's initializer at a modifier; with the modifier blanked,
    JavaScript would read on: `store = registry` then `readonly [k] = 1` as `registry[k] = 1`,
    `private *gen()` as a multiplication. The modifier becomes `;` (an empty member)."""
    following = field.next_named_sibling
    while following is not None and following.type == "comment":
        following = following.next_named_sibling
    if following is None or not following.children:
        return None
    first = following.children[0]
    return first if first.type in _MEMBER_MODIFIERS else None


def _outer_statement(node):
    """The statement to remove for a declaration: with its `export`, or its expression statement."""
    parent = node.parent
    if parent is not None and parent.type == "expression_statement":
        node, parent = parent, parent.parent
    if parent is not None and parent.type == "export_statement":
        node = parent
    return node


_TYPE_STATEMENTS = frozenset(
    {"interface_declaration", "type_alias_declaration", "ambient_declaration", "comment", "empty_statement"}
)


def _type_only_namespace(node) -> bool:
    """A namespace of types only emits nothing, so it can be blanked (tsc's non-instantiated namespace)."""
    body = node.child_by_field_name("body")
    if body is None:
        return True
    for child in body.named_children:
        if child.type in _TYPE_STATEMENTS:
            continue
        if child.type == "expression_statement":
            child = child.named_children[0] if child.named_child_count else child
        if child.type in ("internal_module", "module"):
            if _type_only_namespace(child):
                continue
            return False
        if child.type == "import_statement" and any(c.type == "type" for c in child.children):
            continue
        if child.type == "export_statement":
            if any(c.type == "type" for c in child.children):
                continue  # export type { ... }
            decl = child.child_by_field_name("declaration")
            if decl is not None and (
                decl.type in _TYPE_STATEMENTS
                or (decl.type in ("internal_module", "module") and _type_only_namespace(decl))
            ):
                continue
        return False
    return True


def _check_syntax(src: bytes, root, filename: str) -> tuple[list, list]:
    """Raise for the first error node that matters. Return the statements with errors known
    to be harmless, and the errors inside constructs that are blanked whole (`type Getter<out T>`:
    tree-sitter 0.23 lacks variance annotations) as (the outermost such construct, its
    first error)."""
    tolerated = []
    inside_blanked: dict[tuple[int, int], tuple] = {}
    for node in _error_nodes(root):
        around = _blanked_around(node)
        if around is not None:
            inside_blanked.setdefault((around.start_byte, around.end_byte), (around, node))
            continue
        if _tagged_generic(node):
            continue
        # tree-sitter-typescript 0.23 does not know `export type * from "m"`: type-only, so removed.
        if (
            node.type == "ERROR"
            and node.text == b"type"
            and node.parent is not None
            and node.parent.type == "export_statement"
            and node.prev_sibling is not None
            and node.prev_sibling.type == "export"
        ):
            tolerated.append(node.parent)
            continue
        raise _syntax_error(src, node, filename)
    return tolerated, list(inside_blanked.values())


def _without_failed_constructs(src: bytes, tree: tree_sitter.Tree, errors: list, grammar: str) -> tuple:
    """``tree`` and no edits when the rest of the tree is the same without the constructs of
    ``errors``; else the tree of the source with them blanked, and their edits (start, end,
    kind). An error inside a construct that is blanked whole changes nothing there, but
    tree-sitter's recovery from it can change how later code parses (after `type G<out T>`,
    `f<string>(1)` read as comparisons), which would then be stripped wrong, silently."""
    root = tree.root_node
    old = src[: root.start_byte] + root.text + src[root.end_byte :]  # what was parsed: patches included
    text = bytearray(old)
    failed = []
    spans = []  # what may differ: each construct, from the `;` written for it
    for construct, _ in errors:
        kind = _BLANK
        if construct.type in ("interface_declaration", "type_alias_declaration"):
            construct = _outer_statement(construct)
            kind = _SEMI  # keeps the statements before and after it apart
        elif construct.type == "type_annotation" and _continues_on_next_line(src, construct.end_byte):
            kind = _SEMI
        start, end = construct.start_byte, construct.end_byte
        text[start:end] = bytes(text[start:end]).translate(_BLANK_TABLE)
        failed.append((start, end, kind))
        if kind == _SEMI:
            # Right after the token before it where a space is (not past the comments
            # between: a statement with no `;` of its own takes this one in).
            previous = _previous_leaf(construct)
            while previous is not None and previous.type == "comment":
                previous = _previous_leaf(previous)
            if previous is not None and previous.end_byte < start and text[previous.end_byte] in b" \t\r\n":
                start = previous.end_byte
            text[start] = 0x3B  # ;
        spans.append((start, end))
    if not _changed_outside(tree, old, bytes(text), spans, grammar):
        return tree, []
    return _parse_typescript(bytes(text), grammar), failed


def _changed_outside(tree, old: bytes, new: bytes, spans: list[tuple[int, int]], grammar: str) -> bool:
    """Whether ``new`` (``old`` rewritten inside ``spans``, its length kept) parses other than
    ``tree`` anywhere outside ``spans``: the ranges tree-sitter reports changed when it
    parses ``new`` again from ``tree``."""
    edited = tree.copy()
    for start, end in spans:
        edited.edit(start, end, end, _point(old, start), _point(old, end), _point(new, end))
    again = _parse(new, grammar, edited)
    return any(
        not any(start <= changed.start_byte and changed.end_byte <= end for start, end in spans)
        for changed in edited.changed_ranges(again)
    )


def _point(text: bytes, byte: int) -> tuple[int, int]:
    """tree-sitter's (row, column in bytes) of a byte offset."""
    return text.count(b"\n", 0, byte), byte - (text.rfind(b"\n", 0, byte) + 1)


#: What may come before the `<` of a tagged template's type arguments: the end of the tag.
_TAG_ENDS = frozenset(
    {"identifier", "property_identifier", "private_property_identifier", "this", "super", ")", "]"}
)
_ANGLES = {"<": -1, "<<": -2, ">": 1, ">>": 2, ">>>": 3}
#: Operators no type has (tree-sitter reads `b && c` in a type as `b & & c`, TypeScript does not).
_NOT_IN_TYPES = frozenset(
    "&& || ?? == === != !== <= >= + * / % ** ! ~ ++ -- = += -= *= /= %= **= &&= ||= ??= "
    "&= |= ^= <<= >>= >>>= ^ instanceof".split()
)


def _tag_type_arguments(src: bytes, closing, grammar: str) -> tuple[int, int] | None:
    """The span from `<` to ``closing`` (a `>`, `>>` or `>>>` before a template) when it is
    a tagged template's type arguments, else None. TypeScript reads `tag<...>` before a
    template as type arguments wherever what is between parses as types (`sql<"a" | "b">`,
    `sql<Array<User>>`, `sql<A & B>`); tree-sitter reads comparisons and operators. The `<`
    is found by counting angle brackets back over the tokens; the text between must parse
    as type arguments."""
    depth = _ANGLES[closing.type]
    leaf = closing
    for _ in range(4096):
        leaf = _previous_leaf(leaf)
        if leaf is None:
            return None
        if leaf.type in _NOT_IN_TYPES:
            return None
        depth += _ANGLES.get(leaf.type, 0)
        if depth < 0:
            return None
        if depth == 0:
            break
    else:
        return None
    tag = _previous_leaf(leaf)
    if tag is None or tag.type not in _TAG_ENDS:
        return None
    if not _are_type_arguments(src[leaf.start_byte : closing.end_byte], grammar):
        return None
    return leaf.start_byte, closing.end_byte


def _are_type_arguments(text: bytes, grammar: str) -> bool:
    """``text`` (`<...>`) parses as type arguments."""
    tree = _parse(b"let _: _" + text + b";", grammar)
    return not tree.root_node.has_error


def _previous_leaf(node):
    """The token before ``node`` in the tree, or None."""
    while node.prev_sibling is None:
        node = node.parent
        if node is None:
            return None
    node = node.prev_sibling
    while node.child_count:
        node = node.children[-1]
    return node


def _tagged_generic(node) -> bool:
    """The `!` tree-sitter makes up in ``db.sql<User[]>`...` ``: a tagged template with type
    arguments, read as ``(db.sql<User[]>)!`...` ``. The type arguments are blanked; no `!` is written."""
    parent = node.parent
    if not (
        node.is_missing
        and node.type == "!"
        and parent is not None
        and parent.type == "non_null_expression"
        and parent.parent is not None
        and parent.parent.type == "call_expression"
        and parent.parent.child_by_field_name("arguments").type == "template_string"
    ):
        return False
    last = parent.named_children[0]  # `x = db.sql<T>`: the instantiation may end an assignment
    while last.type != "instantiation_expression" and last.named_children:
        last = last.named_children[-1]
    return last.type == "instantiation_expression"


#: Type syntax that is blanked whole: an error inside one changes nothing in the output.
_BLANKED_WHOLE = frozenset(
    {
        "type_parameters",
        "type_arguments",
        "type_annotation",
        "interface_declaration",
        "type_alias_declaration",
    }
)

#: Where a name is not read as a value: its import, and types (`typeof x` in a type included).
_NOT_READ = frozenset({"import_statement", "type_query", "implements_clause"}) | _BLANKED_WHOLE


def _blanked_around(node):
    """The outermost construct around ``node`` that is blanked whole, or None."""
    around = None
    parent = node.parent
    while parent is not None:
        if parent.type in _BLANKED_WHOLE:
            around = parent
        parent = parent.parent
    return around


def _syntax_error(src: bytes, node, filename: str) -> TransformError:
    """The error for an ERROR or MISSING node of a tree-sitter tree."""
    line, column = _position(src, node.start_byte)
    if node.is_missing:
        return TransformError(f"missing {node.type!r}", filename, line, column)
    # from ``src``: the tree may have parsed a patched copy (stand-ins of the same length)
    text = src[node.start_byte : node.end_byte].decode("utf-8", "replace").split(None, 1)
    message = f"Unexpected token {text[0][:40]!r}" if text else "Unexpected end of input"
    return TransformError(message, filename, line, column)


def _error_nodes(node):
    """ERROR and MISSING nodes in source order, outermost only."""
    for child in node.children:
        if child.type == "ERROR" or child.is_missing:
            yield child
        elif child.has_error:
            yield from _error_nodes(child)


def _raise_refusal(src: bytes, refusals, removed, filename: str) -> None:
    removed.sort()
    starts = [r[0] for r in removed]
    ends, widest = [], -1  # running maximum end, so nested ranges need not be merged
    for _, end in removed:
        widest = max(widest, end)
        ends.append(widest)
    for byte, message in sorted(refusals):
        i = bisect.bisect_right(starts, byte) - 1
        if i >= 0 and ends[i] > byte:
            continue  # inside a declaration that is removed anyway (`declare namespace ...`)
        line, column = _position(src, byte)
        raise TransformError(message, filename, line, column)


def _edits_within(edits: list, lo: int, hi: int) -> list:
    i = bisect.bisect_left(edits, (lo,))
    out = []
    while i < len(edits) and edits[i][0] < hi:
        if edits[i][2] <= hi:
            out.append(edits[i])
        i += 1
    return out


# -- parameter properties and class fields -----------------------------------------------------------


def _parameter_properties(params, refusals: list) -> list[tuple]:
    """The constructors with parameter properties (`constructor(private x: T)`), each with
    the names it assigns; refused where TypeScript refuses them. The modifiers are blanked
    as types; what the constructor assigns is written by _constructor_code."""
    by_constructor: dict[int, tuple] = {}
    for param in sorted(params, key=lambda n: n.start_byte):
        method = param.parent.parent if param.parent is not None else None
        if method is None or method.type == "method_signature":
            continue  # overload signature: removed whole
        name_node = method.child_by_field_name("name")
        if method.type != "method_definition" or name_node is None or name_node.text != b"constructor":
            refusals.append((param.start_byte, "a parameter property is only allowed in a constructor"))
            continue
        pattern = param.child_by_field_name("pattern")
        if pattern is None or pattern.type != "identifier":
            refusals.append(
                (param.start_byte, "a parameter property may not be a binding pattern; use a plain name")
            )
            continue
        by_constructor.setdefault(method.start_byte, (method, []))[1].append(pattern.text.decode("utf-8"))
    return list(by_constructor.values())


def _assigned_fields(src: bytes, fields, edits: list) -> tuple[list, dict[int, tuple]]:
    """TypeScript's `useDefineForClassFields: false` (tsconfig, or a target below ES2022):
    class fields are assigned ([[Set]]), not defined. A field with no initializer emits
    nothing, so it does not reset what a base constructor set (returned, to be removed as a
    type-only member). A static field's initializer becomes `static { this.x = ...; }` in
    place, as tsc emits it. An instance field's becomes a private method in place,
    `#__init_x() { this.x = ...; }`, that the constructor calls after its parameter
    properties (returned per class body: the body and the methods' names), so an
    initializer that reads `this.base` of `constructor(private base)` sees it, and its code
    keeps its lines. As in tsc, a `#x = ...` of a class with such fields is assigned in
    their order too (declared `#x;`); computed, decorated and `accessor` fields stay fields."""
    kinds = [(field, _field_kind(field)) for field in sorted(fields, key=lambda n: n.start_byte)]
    assigning = {field.parent.id for field, kind in kinds if kind == "instance"}
    unset = []
    moved: dict[int, tuple] = {}
    for field, kind in kinds:
        if kind == "unset":
            unset.append(field)
        if kind not in ("static", "instance") and not (kind == "private" and field.parent.id in assigning):
            continue
        name, value, body = (
            field.child_by_field_name("name"),
            field.child_by_field_name("value"),
            field.parent,
        )
        if name.type in ("property_identifier", "private_property_identifier"):
            target = b"this." + name.text
        else:
            target = b"this[" + name.text + b"]"
        if kind == "static":
            head = b"static { " + target + b" = "
        else:
            calls = moved.setdefault(body.id, (body, []))[1]
            method = _init_method_name(src, body, name, calls)
            calls.append(method)
            head = method.encode("utf-8") + b"() { " + target + b" = "
            if kind == "private":
                head = name.text + b"; " + head
        edits.append(
            _edit(
                field.start_byte,
                value.start_byte,
                _REPLACE,
                _in_place(src, field.start_byte, value.start_byte, head),
            )
        )
        edits.append(_edit(value.end_byte, value.end_byte, _REPLACE, b" }"))
    return unset, moved


def _field_kind(field) -> str | None:
    """How a class field is emitted under [[Set]] semantics (see _assigned_fields): "unset"
    (nothing), "static", "instance", "private" (an instance `#x = ...`), or None (as it is)."""
    body = field.parent
    name = field.child_by_field_name("name")
    if body is None or body.type != "class_body" or name is None:
        return None
    if any(c.type in ("declare", "abstract", "accessor", "decorator") for c in field.children):
        return None  # declare / abstract: removed as members; the others are left to the engine
    static = any(c.type == "static" for c in field.children)
    value = field.child_by_field_name("value")
    if name.type == "private_property_identifier":
        return "private" if value is not None and not static else None
    if value is None:
        return "unset"
    if name.type == "computed_property_name":
        return None  # its key is evaluated once, with the class: left a field
    return "static" if static else "instance"


def _init_method_name(src: bytes, body, name, taken: list[str]) -> str:
    """A private name for an instance field's initializer method, unused in the class:
    `#__init_x` after the field where its name is an identifier (so a stack names it)."""
    named = name.type in ("property_identifier", "private_property_identifier")
    base = "#__init_" + (name.text.decode("utf-8").lstrip("#") if named else str(len(taken)))
    method, n = base, 1
    while method in taken or src.find(method.encode("utf-8"), body.start_byte, body.end_byte) >= 0:
        method, n = f"{base}_{n}", n + 1
    return method


def _in_place(src: bytes, start: int, end: int, head: bytes) -> bytes:
    """``head`` written over ``src[start:end]``, which is blanked: the lines are kept, and the
    column of what follows where ``head`` fits on the first line."""
    blanked = _blank(src[start:end])
    first = min((i for i in (blanked.find(b"\n"), blanked.find(b"\r")) if i >= 0), default=len(blanked))
    return head + blanked[len(head) :] if len(head) <= first else head + blanked[first:]


def _constructor_of(body):
    """The class's constructor with a body, or None."""
    for member in body.named_children:
        if member.type != "method_definition" or any(c.type == "static" for c in member.children):
            continue
        name = member.child_by_field_name("name")
        if name is not None and name.text in (b"constructor", b'"constructor"', b"'constructor'"):
            return member if member.child_by_field_name("body") is not None else None
    return None


def _constructor_code(
    src: bytes, constructors: list, moved: dict, late: list, refusals: list, define: bool
) -> None:
    """What a constructor runs before its own code, as TypeScript emits it: `this.x = x;` for
    its parameter properties, then the initializers of the fields _assigned_fields moved,
    at the start of the body, or in a derived class after its top-level `super(...)`
    statement. With define semantics, parameter properties are also declared `x;` first in
    the class body (so the object's keys come in TypeScript's order). A class with moved
    fields and no constructor gets tsc's, after its `{`:
    `constructor(...args) { super(...args); ... }` where it is derived."""
    plans: dict[int, list] = {}
    for method, names in constructors:
        plans[method.parent.id if method.parent is not None else method.id] = [
            method.parent,
            method,
            names,
            [],
        ]
    for body, calls in moved.values():
        plans.setdefault(body.id, [body, _constructor_of(body), [], []])[3] = calls
    for body, method, names, calls in plans.values():
        code = " ".join([f"this.{n} = {n};" for n in names] + [f"this.{c}();" for c in calls])
        derived = _is_derived(body)
        if method is None:
            at = body.start_byte + 1
            text = (
                f"constructor(...args) {{ super(...args); {code} }}"
                if derived
                else f"constructor() {{ {code} }}"
            )
            late.append(_edit(at, at, _REPLACE, text.encode("utf-8")))
            continue
        block = method.child_by_field_name("body")
        if block is None:
            continue
        at, text = block.start_byte + 1, code
        if derived:
            call = _super_call_statement(block)
            if call is None:
                what = "parameter properties" if names else "class fields assigned in the constructor"
                why = "" if names else " (useDefineForClassFields false, or a tsconfig target below ES2022)"
                refusals.append(
                    (
                        method.start_byte,
                        f"{what} in a derived class need a top-level `super(...);` statement in the "
                        f"constructor{why}",
                    )
                )
                continue
            at = call.end_byte
            text = f" {code}" if src[at - 1 : at] == b";" else f"; {code}"
        late.append(_edit(at, at, _REPLACE, text.encode("utf-8")))
        if names and define and body is not None and body.type == "class_body":
            first = body.start_byte + 1
            declarations = " ".join(f"{n};" for n in names)
            late.append(_edit(first, first, _REPLACE, declarations.encode("utf-8")))


def _is_derived(body) -> bool:
    """Whether the class of ``body`` (a class body) extends another."""
    cls = body.parent if body is not None else None
    if cls is None:
        return False
    for child in cls.children:
        if child.type == "class_heritage":
            return any(c.type == "extends_clause" for c in child.children)
    return False


def _super_call_statement(body):
    for statement in body.named_children:
        if statement.type != "expression_statement" or not statement.named_child_count:
            continue
        call = statement.named_children[0]
        if call.type == "call_expression":
            function = call.child_by_field_name("function")
            if function is not None and function.type == "super":
                return statement
    return None


# -- enums --------------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9_]*\.?[0-9_]+(?:[eE][+-]?[0-9_]+)?)$"
)


def _number_value(text: str) -> int | float | None:
    text = text.strip()
    sign = 1
    if text[:1] in "+-":
        sign = -1 if text[0] == "-" else 1
        text = text[1:].lstrip()
    if not _NUMBER.match(text):
        return None
    text = text.replace("_", "")
    try:
        value = int(text, 0) if not any(c in text for c in ".eE") or text[:2].lower() == "0x" else float(text)
    except ValueError:
        return None
    return sign * value


def _js_number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        value = int(value)
    return repr(value)


def _enum(src: bytes, node, edits: list, late: list, refusals: list) -> None:
    """`enum E { A, B = 5 }` becomes tsc's IIFE, one member assignment in place of each member:
    `var E; (function (E) { E[E["A"] = 0] = "A"; E[E["B"] = 5] = "B"; })(E || (E = {}));`"""
    name = node.child_by_field_name("name").text.decode("utf-8")
    body = node.child_by_field_name("body")
    members = []  # (member node, name node, value node or None)
    for child in body.named_children:
        if child.type == "enum_assignment":
            members.append((child, child.child_by_field_name("name"), child.child_by_field_name("value")))
        elif child.type in ("property_identifier", "string"):
            members.append((child, child, None))
    member_names = {_member_key(n) for _, n, _ in members}
    # tsc renames the IIFE parameter when a member shadows the enum's name.
    param = f"{name}_1" if name in member_names else name

    late.append(
        _edit(node.start_byte, body.start_byte + 1, _REPLACE, f"var {name}; (function ({param}) {{".encode())
    )
    kinds: dict[str, str | None] = {}  # member key: _STRING, _NUMBER_KIND or None (known at run time)
    auto: int | float | None = 0
    previous: str | None = None  # key of the previous member, for `prev + 1` after a computed value
    for member, name_node, value in members:
        key = _member_key(name_node)
        quoted = name_node.text.decode("utf-8") if name_node.type == "string" else f'"{key}"'
        if value is None:
            if previous is not None and kinds[previous] == _STRING:
                refusals.append((member.start_byte, f"enum member {key!r} must have an initializer"))
                return
            expr = _js_number(auto) if auto is not None else f"{param}[{_quote(previous)}] + 1"
            kind = _NUMBER_KIND
            auto = auto + 1 if auto is not None else None
        else:
            expr = _enum_initializer(src, value, edits, member_names, param)
            number = _number_value(expr)
            kind = _NUMBER_KIND if number is not None else _value_kind(value, kinds, name)
            auto = number + 1 if number is not None else None
        kinds[key] = kind
        if kind == _STRING:
            text = f"{param}[{quoted}] = {expr};"
        elif kind == _NUMBER_KIND:
            text = f"{param}[{param}[{quoted}] = {expr}] = {quoted};"
        else:
            assign, reverse = f"{param}[{quoted}] = {expr}", f"{param}[{param}[{quoted}]] = {quoted}"
            text = f'typeof ({assign}) !== "string" && ({reverse});'
        previous = key
        following = member.next_sibling
        end = following.end_byte if following is not None and following.type == "," else member.end_byte
        late.append(_edit(member.start_byte, end, _REPLACE, text.encode("utf-8")))
    close = body.end_byte - 1
    late.append(_edit(close, close + 1, _REPLACE, f"}})({name} || ({name} = {{}}));".encode()))


def _member_key(name_node) -> str:
    text = name_node.text.decode("utf-8")
    if name_node.type == "string":
        return text[1:-1]
    return text


def _quote(key: str | None) -> str:
    return '"' + (key or "").replace("\\", "\\\\").replace('"', '\\"') + '"'


_STRING, _NUMBER_KIND = "string", "number"
#: Operators whose result is a number whatever their operands.
_NUMERIC_OPERATORS = frozenset("- * / % ** | & ^ << >> >>>".split())


def _value_kind(value, kinds: dict[str, str | None], enum_name: str) -> str | None:
    """_STRING or _NUMBER_KIND where the source says which an initializer's value is, else
    None. tsc gives a string member no reverse mapping; where the value comes from
    elsewhere (`Base.Read` of another enum, a `const`, an import) a type-checked tsc build
    knows its type, so the enum decides at run time, as tsc would have for that value.
    Members of this enum (`A`, `E.A`) are known from their own initializers."""
    kind = value.type
    if kind in ("string", "template_string"):
        return _STRING  # a template is a string whatever its substitutions
    if kind == "number":
        return _NUMBER_KIND
    if kind == "parenthesized_expression" and value.named_child_count:
        return _value_kind(value.named_children[0], kinds, enum_name)
    if kind == "identifier":
        return kinds.get(value.text.decode("utf-8"))
    if kind in ("member_expression", "subscript_expression"):
        return kinds.get(_own_member(value, enum_name) or "")
    if kind == "unary_expression":
        operator = value.child_by_field_name("operator")
        return _NUMBER_KIND if operator is not None and operator.type in ("-", "+", "~") else None
    if kind == "binary_expression":
        operator = value.child_by_field_name("operator")
        if operator is None:
            return None
        if operator.type in _NUMERIC_OPERATORS:
            return _NUMBER_KIND
        if operator.type == "+":
            left = _value_kind(value.child_by_field_name("left"), kinds, enum_name)
            right = _value_kind(value.child_by_field_name("right"), kinds, enum_name)
            if _STRING in (left, right):
                return _STRING
            return _NUMBER_KIND if left == right == _NUMBER_KIND else None
    return None


def _own_member(value, enum_name: str) -> str | None:
    """The member key of `E.A` or `E["A"]` where E is the enum being declared, else None."""
    target = value.child_by_field_name("object")
    if target is None or target.type != "identifier" or target.text.decode("utf-8") != enum_name:
        return None
    if value.type == "member_expression":
        prop = value.child_by_field_name("property")
        return prop.text.decode("utf-8") if prop is not None else None
    index = value.child_by_field_name("index")
    if index is not None and index.type == "string":
        return _member_key(index)
    return None


def _enum_initializer(src: bytes, value, edits: list, member_names: set[str], param: str) -> str:
    """The initializer's JavaScript, with bare references to members made `E.member`."""
    sub = _edits_within(edits, value.start_byte, value.end_byte)
    stack = [value]
    while stack:
        n = stack.pop()
        kind = n.type
        if kind in ("identifier", "shorthand_property_identifier"):
            if n.text.decode("utf-8") in member_names:
                prefix = n.text + b": " if kind == "shorthand_property_identifier" else b""
                sub.append(_edit(n.start_byte, n.end_byte, _REPLACE, prefix + f"{param}.".encode() + n.text))
        else:
            stack.extend(n.named_children)
    sub.sort(key=_edit_order)
    return _apply(src, sub, value.start_byte, value.end_byte).decode("utf-8", "surrogatepass")
