"""JSX to JavaScript for the automatic runtime (React 17+, Preact, Hono), with tree-sitter.

Elements become ``jsx``/``jsxs`` calls imported from ``<import_source>/jsx-runtime``, following
Babel's ``@babel/plugin-transform-react-jsx`` output. Every newline of the source is kept in the
output, so code after an element stays on its line and stack traces need no source map; the import
goes on line 1 without adding a line. TypeScript must be stripped first (``strip_types(tsx=True)``),
or pass ``typescript=True``.
"""

from __future__ import annotations

import bisect
import html.entities
import json
import re
import threading

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from runtime.modules.typescript import (
    TransformError,
    _error_nodes,
    _position,
    _syntax_error,
    parse_allowing_bare_ampersands,
    strip_types,
)

__all__ = ["TransformError", "transform_jsx"]

_JS = tree_sitter.Language(tree_sitter_javascript.language())
# tree-sitter-javascript 0.25 rejects keyword attribute names (`<label for="x" class="y">`) that the
# TSX grammar accepts; a source that fails with the first is parsed again with the second.
_TSX = tree_sitter.Language(tree_sitter_typescript.language_tsx())
_local = threading.local()  # a Parser is not safe to share between threads: one per thread
_query_lock = threading.Lock()
_queries: dict[int, tree_sitter.Query] = {}
_ELEMENT_QUERY = "[(jsx_element) (jsx_self_closing_element)] @element"


def _parse(src: bytes, language: tree_sitter.Language) -> tree_sitter.Tree:
    parsers = _local.__dict__.setdefault("parsers", {})
    parser = parsers.get(id(language))
    if parser is None:
        parser = parsers[id(language)] = tree_sitter.Parser(language)
    return parser.parse(src)


def _elements(tree: tree_sitter.Tree, language: tree_sitter.Language) -> list:
    query = _queries.get(id(language))
    if query is None:
        with _query_lock:
            query = _queries.setdefault(id(language), tree_sitter.Query(language, _ELEMENT_QUERY))
    nodes = tree_sitter.QueryCursor(query).captures(tree.root_node).get("element", [])
    nodes.sort(key=lambda n: n.start_byte)
    return nodes


# -- pragmas and names --------------------------------------------------------------------------------

_LEADING_COMMENTS = re.compile(r"\A(?:#![^\n]*\n)?(?:\s|//[^\n]*|/\*.*?\*/)*", re.S)
_IMPORT_SOURCE = re.compile(r"@jsxImportSource\s+(\S+)")
_CLASSIC = re.compile(r"@jsx(?:Frag)?\s+\S|@jsxRuntime\s+classic")


def _pragmas(source: str, filename: str, import_source: str) -> str:
    """`/** @jsxImportSource hono/jsx */` in the comments at the top of the file wins."""
    head = _LEADING_COMMENTS.match(source).group(0)
    if "@jsx" not in head:
        return import_source
    classic = _CLASSIC.search(head)
    if classic:
        line = head.count("\n", 0, classic.start()) + 1
        column = classic.start() - (head.rfind("\n", 0, classic.start()) + 1) + 1
        raise TransformError(
            "the classic JSX runtime (@jsx, @jsxFrag, @jsxRuntime classic) is not supported; "
            "use `@jsxImportSource <package>` with the automatic runtime",
            filename,
            line,
            column,
        )
    match = _IMPORT_SOURCE.search(head)
    return match.group(1).rstrip("*/") if match else import_source


def _free_name(source: str, base: str) -> str:
    """`base`, or `base2`, `base3`... when the file already uses that name."""
    name, n = base, 1
    while re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", source):
        n += 1
        name = f"{base}{n}"
    return name


# -- text ---------------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));")
_NAMED = {**html.entities.name2codepoint, "apos": 0x27}  # Babel's XHTML entity table
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_PLAIN = re.compile(r"[ !#-\[\]-~]*")  # printable ASCII without quote or backslash: no escapes
_ESCAPED = re.compile("[\u2028\u2029\ud800-\udfff]")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$", re.ASCII)


def _decode_entity(match: re.Match) -> str:
    hex_code, dec_code, name = match.groups()
    try:
        if hex_code:
            return chr(int(hex_code, 16))
        if dec_code:
            return chr(int(dec_code))
    except (ValueError, OverflowError):
        return match.group(0)
    code = _NAMED.get(name)
    return chr(code) if code is not None else match.group(0)


def _decode(text: str) -> str:
    return _ENTITY.sub(_decode_entity, text) if "&" in text else text


def _clean_text(text: str) -> str:
    """JSX text as React sees it (Babel's cleanJSXElementLiteralChild): lines trimmed, lines that
    are only whitespace dropped, line breaks between the rest become one space."""
    if "\n" not in text and "\r" not in text:
        return text.replace("\t", " ")  # one line: nothing is trimmed
    if not text.strip(" \t\r\n"):
        return ""
    lines = _LINE_BREAK.split(text)
    last_non_empty = 0
    for i, line in enumerate(lines):
        if line.strip(" \t"):
            last_non_empty = i
    out = []
    for i, line in enumerate(lines):
        trimmed = line.replace("\t", " ")
        if i:
            trimmed = trimmed.lstrip(" ")
        if i < len(lines) - 1:
            trimmed = trimmed.rstrip(" ")
        if trimmed:
            if i != last_non_empty:
                trimmed += " "
            out.append(trimmed)
    return "".join(out)


def _string(value: str) -> str:
    if _PLAIN.fullmatch(value):
        return f'"{value}"'
    quoted = json.dumps(value, ensure_ascii=False)
    # a lone surrogate (`&#xD800;`) cannot be written as UTF-8; line separators end a line in old engines
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


# -- the transform ------------------------------------------------------------------------------------


def transform_jsx(
    source: str,
    filename: str,
    *,
    import_source: str = "react",
    development: bool = False,
    typescript: bool = False,
) -> tuple[str, list[str]]:
    """The automatic JSX runtime: JSX elements become calls to jsx/jsxs/Fragment imported from
    f"{import_source}/jsx-runtime". Returns (code, added_import_specifiers). Line count unchanged.

    ``typescript=True`` strips TypeScript first (``strip_types(tsx=True)``). With ``development``
    the calls are ``jsxDEV(type, props, key, isStaticChildren, source)`` from ``jsx-dev-runtime``.
    """
    if typescript:
        source = strip_types(source, filename, tsx=True)
    if "<" not in source:
        return source, []
    src = source.encode("utf-8", "surrogatepass")
    language = _JS
    tree = parse_allowing_bare_ampersands(src, lambda text: _parse(text, _JS))
    if tree.root_node.has_error:
        retry = parse_allowing_bare_ampersands(src, lambda text: _parse(text, _TSX))
        if retry.root_node.has_error:
            # report the grammar that got further: the other may have stopped at a keyword attribute
            errors = [next(_error_nodes(t.root_node), t.root_node) for t in (tree, retry)]
            raise _syntax_error(src, max(errors, key=lambda n: n.start_byte), filename)
        tree, language = retry, _TSX
    elements = _elements(tree, language)
    if not elements:
        return source, []

    import_source = _pragmas(source, filename, import_source)
    builder = _Builder(src, elements, filename, source, development)
    body = builder.render(0, len(src))
    runtime = f"{import_source}/jsx-dev-runtime" if development else f"{import_source}/jsx-runtime"
    used = sorted(builder.used.items(), key=lambda item: _EXPORT_ORDER.index(item[0]))
    imported = ", ".join(f"{name} as {local}" for name, local in used)
    statement = f'import {{ {imported} }} from "{runtime}";'
    bom = "\ufeff" if body.startswith("\ufeff") else ""
    body = body[len(bom) :]
    if body.startswith("#!"):  # a hashbang must stay first: the import starts line 2 instead
        newline = body.find("\n") + 1
        code = bom + body[:newline] + statement + " " + body[newline:]
    else:
        code = bom + statement + " " + body
    return code, [runtime]


def _tag_text(name: bytes) -> bytes:
    return re.sub(rb"\s+", b"", name)


def _join(items: list[str]) -> str:
    """`a, b`, where an item that starts with newlines (those before it in the source) follows `,`."""
    out = items[0]
    for item in items[1:]:
        out += ("," if item.startswith("\n") else ", ") + item
    return out


_EXPORT_ORDER = ("jsx", "jsxs", "jsxDEV", "Fragment")
_CHILD_NODES = frozenset({"jsx_element", "jsx_self_closing_element", "jsx_expression"})


class _Builder:
    """Renders source ranges with every JSX element in them replaced by runtime calls."""

    def __init__(self, src: bytes, elements: list, filename: str, source: str, development: bool):
        self.src = src
        self.elements = elements
        self.starts = [n.start_byte for n in elements]
        self.filename = filename
        self.source = source
        self.development = development
        self.used: dict[str, str] = {}  # runtime export -> local name

    def name(self, export: str) -> str:
        local = self.used.get(export)
        if local is None:
            local = self.used[export] = _free_name(self.source, "_" + export)
        return local

    def text(self, start: int, end: int) -> str:
        return self.src[start:end].decode("utf-8", "surrogatepass")

    def newlines(self, start: int, end: int) -> int:
        return self.src.count(b"\n", start, end)

    def render(self, start: int, end: int) -> str:
        out = []
        pos = start
        i = bisect.bisect_left(self.starts, start)
        while i < len(self.elements) and self.starts[i] < end:
            node = self.elements[i]
            out.append(self.text(pos, node.start_byte))
            out.append(self.element(node))
            pos = node.end_byte
            i = bisect.bisect_left(self.starts, pos, i + 1)  # skip elements nested in this one
        out.append(self.text(pos, end))
        return "".join(out)

    def error(self, node, message: str) -> TransformError:
        line, column = _position(self.src, node.start_byte)
        return TransformError(message, self.filename, line, column)

    # An element is `callee(type, { props..., children }, key)`; each prop and child is preceded by
    # the newlines that preceded it in the source, and the rest come before the closing `}`.

    def element(self, node) -> str:
        if node.type == "jsx_self_closing_element":
            open_tag, close_tag = node, None
        else:
            open_tag = node.child_by_field_name("open_tag")
            close_tag = node.child_by_field_name("close_tag")
        name = open_tag.child_by_field_name("name")
        if close_tag is not None:  # the grammar does not match the tags up
            closing = close_tag.child_by_field_name("name")
            if (closing is None) != (name is None) or (
                name is not None and _tag_text(closing.text) != _tag_text(name.text)
            ):
                expected = name.text.decode("utf-8") if name is not None else ""
                raise self.error(close_tag, f"expected corresponding JSX closing tag for <{expected}>")
        if name is None:
            kind, pos = self.name("Fragment"), open_tag.start_byte + 1
        else:
            kind, pos = self.tag(name), name.end_byte

        props: list[str] = []
        pending = 0
        key = None
        for attr in open_tag.children_by_field_name("attribute"):
            pending += self.newlines(pos, attr.start_byte)
            pos = attr.end_byte
            if attr.type == "jsx_expression":  # {...spread}
                props.append("\n" * pending + self.render(attr.start_byte + 1, attr.end_byte - 1).strip(" "))
                pending = 0
                continue
            prop_name, value, extra = self.attribute(attr)
            if prop_name == "key":
                key = value
                pending += extra
                continue
            props.append("\n" * pending + f"{prop_name}: {value}")
            pending = extra
        pending += self.newlines(pos, open_tag.end_byte)

        children: list[str] = []
        if close_tag is not None:
            pending = self.children(node, open_tag.end_byte, close_tag.start_byte, children, pending)
            pending += self.newlines(close_tag.start_byte, close_tag.end_byte)
        static = len(children) > 1
        if len(children) == 1:
            props.append("children: " + children[0])
        elif children:
            props.append("children: [" + _join(children) + "]")

        if props:
            body = "{" + ("" if props[0].startswith("\n") else " ") + _join(props)
            body += ("\n" * pending + "}") if pending else " }"
        else:
            body = "{" + "\n" * pending + "}"

        if self.development:
            line, column = _position(self.src, node.start_byte)
            origin = f"{{ fileName: {_string(self.filename)}, lineNumber: {line}, columnNumber: {column} }}"
            key_arg = key if key is not None else "void 0"
            flag = "true" if static else "false"
            return f"{self.name('jsxDEV')}({kind}, {body}, {key_arg}, {flag}, {origin})"
        callee = self.name("jsxs" if static else "jsx")
        return f"{callee}({kind}, {body}, {key})" if key is not None else f"{callee}({kind}, {body})"

    def tag(self, name) -> str:
        """Lower-case names are host elements (strings); others are references (Babel's isCompatTag)."""
        text = self.text(name.start_byte, name.end_byte)
        if name.type == "jsx_namespace_name":
            return _string(text.replace(" ", ""))
        if name.type == "identifier" and ("a" <= text[:1] <= "z" or "-" in text):
            return _string(text)
        if name.type == "member_expression":
            return self.render(name.start_byte, name.end_byte)
        return text

    def attribute(self, attr) -> tuple[str, str, int]:
        """(key, value, newlines the value dropped) for `name`, `name="..."`, `name={...}`, `name=<x/>`."""
        named = attr.named_children
        name = named[0]
        text = self.text(name.start_byte, name.end_byte)
        if name.type == "jsx_namespace_name":
            prop = _string(text.replace(" ", ""))
        else:
            prop = text if _IDENTIFIER.match(text) else _string(text)
        if len(named) < 2:
            return prop, "true", 0
        value = named[1]
        if value.type == "string":
            raw = self.text(value.start_byte + 1, value.end_byte - 1)
            # attribute strings have entities, no escapes; Babel folds a line break and its indentation
            decoded = re.sub(r"\n\s+", " ", _decode(raw))
            return prop, _string(decoded), raw.count("\n")
        if value.type == "jsx_expression":
            inner = self.render(value.start_byte + 1, value.end_byte - 1)
            if not self.has_expression(value):
                raise self.error(value, "a JSX attribute value cannot be an empty expression")
            return prop, inner.strip(" "), 0
        return prop, self.render(value.start_byte, value.end_byte), 0

    @staticmethod
    def has_expression(node) -> bool:
        return any(c.type != "comment" for c in node.named_children)

    def children(self, node, start: int, end: int, out: list[str], pending: int) -> int:
        """Append the children between the tags to ``out``; return the newlines still pending."""
        pos = start
        for child in node.named_children:
            if child.start_byte < start or child.end_byte > end or child.type not in _CHILD_NODES:
                continue
            pending = self.text_child(pos, child.start_byte, out, pending)
            pos = child.end_byte
            if child.type == "jsx_expression":
                if not self.has_expression(child):
                    pending += self.newlines(child.start_byte, child.end_byte)  # {/* comment */}
                    continue
                if child.named_children[0].type == "spread_element":
                    raise self.error(child, "JSX spread children ({...children}) are not supported")
                code = self.render(child.start_byte + 1, child.end_byte - 1).strip(" ")
            else:
                code = self.element(child)
            out.append("\n" * pending + code)
            pending = 0
        return self.text_child(pos, end, out, pending)

    def text_child(self, start: int, end: int, out: list[str], pending: int) -> int:
        if start >= end:
            return pending
        raw = self.text(start, end)
        value = _clean_text(_decode(raw))
        if not value:
            return pending + raw.count("\n")
        first = len(raw) - len(raw.lstrip())  # the literal goes on the line where the text starts
        before = raw.count("\n", 0, first)
        out.append("\n" * (pending + before) + _string(value))
        return raw.count("\n", first)
