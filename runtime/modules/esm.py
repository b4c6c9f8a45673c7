"""ES module and CommonJS sources rewritten as functions the module linker can run.

Neither engine binding exposes its engine's module loader, so each module becomes a
generator function, evaluated as a classic script under the module's own file name:

    function*(__rt$e, __rt$m, __rt$i, __rt$0, __rt$1, ...) {"use strict";
      __rt$e({name: () => local, ...}); yield; <the module's code>
    }

Calling it instantiates the module (function declarations are hoisted, ``let``/``const``
stay in their temporal dead zone); the first ``next()`` registers a getter per export, so
importers see live bindings; the second runs the body (an ``async function*`` when the
module uses top-level ``await``). ``import`` statements are blanked and every reference to
an imported binding becomes a property read on the exporter's namespace (``__rt$0.x``),
which keeps bindings live across cycles. Everything stays on its original line; edits that
change a line's length are recorded in ``columns`` so stack frames can be mapped back.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import msgspec
import tree_sitter
import tree_sitter_javascript

from runtime.modules.declarations import clause_end, declaration_end, ends_line
from runtime.modules.errors import ModuleSyntaxError

_LANGUAGE = tree_sitter.Language(tree_sitter_javascript.language())
_local = threading.local()

#: Names the rewritten code uses for itself; a module cannot declare them.
EXPORTS, META, DYNAMIC = "__rt$e", "__rt$m", "__rt$i"
DEFAULT_LOCAL = "$default"

_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "generator_function_declaration",
        "generator_function",
        "arrow_function",
        "method_definition",
    }
)
_VAR_SCOPES = _FUNCTIONS | {"program", "class_static_block"}
_BLOCK_SCOPES = frozenset(
    {"statement_block", "switch_body", "program", "class_static_block", "for_statement", "for_in_statement"}
)
_PATTERNS = frozenset(
    {
        "object_pattern",
        "array_pattern",
        "pair_pattern",
        "assignment_pattern",
        "rest_pattern",
        "object_assignment_pattern",
    }
)
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")


class Request(msgspec.Struct, array_like=True):
    """One module this one loads: ``kind`` is "import", "dynamic" or "require"; or only
    finds: "resolve" (``require.resolve``), "import-resolve" (``import.meta.resolve``)."""

    specifier: str
    kind: str
    line: int
    column: int
    json: bool = False


class Binding(msgspec.Struct, array_like=True):
    """An imported name checked at link time: request ``request`` must export ``name``."""

    request: int
    name: str
    line: int
    column: int


class Reexport(msgspec.Struct, array_like=True):
    """``export {name as exported} from`` (``name`` None: ``export * as exported from``)."""

    exported: str
    request: int
    name: str | None
    line: int
    column: int


class Transformed(msgspec.Struct):
    """What the linker needs of one source; cached by content hash."""

    kind: str  # "esm", "cjs" or "json"
    code: str
    columns: dict[int, list[list[int]]] = {}
    requests: list[Request] = []
    imports: list[Binding] = []
    local_exports: list[str] = []
    reexports: list[Reexport] = []
    stars: list[int] = []
    tla: bool = False
    #: Requests imported with ``* as``: each gets a parameter for its namespace object.
    namespaces: list[int] = []
    #: The rewritten reads of imported bindings (``__rt$0.default``) and the names the
    #: source gave them (``lib``): error messages say these.
    aliases: dict[str, str] = {}
    #: A CommonJS module's NODE_GLOBALS, each an extra parameter of its function:
    #: ``[name, built-in, export]`` (``["global", "", ""]`` for ``globalThis``).
    injected: list[list[str]] = []


def _parser() -> tree_sitter.Parser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = tree_sitter.Parser(_LANGUAGE)
    return parser


_queries: dict[str, tree_sitter.Query] = {}


def _query(text: str) -> tree_sitter.Query:
    q = _queries.get(text)
    if q is None:
        q = _queries[text] = tree_sitter.Query(_LANGUAGE, text)
    return q


def _captures(text: str, node: tree_sitter.Node) -> dict[str, list[tree_sitter.Node]]:
    return tree_sitter.QueryCursor(_query(text)).captures(node)


class _Source:
    """The source as text and UTF-8 bytes, with byte offsets turned into str indices."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.data = text.encode("utf-8", "surrogatepass")
        self.ascii = len(self.data) == len(text)
        self._starts: list[int] | None = None

    def index(self, byte: int) -> int:
        if self.ascii:
            return byte
        return len(self.data[:byte].decode("utf-8", "surrogatepass"))

    def span(self, node: tree_sitter.Node) -> tuple[int, int]:
        return self.index(node.start_byte), self.index(node.end_byte)

    def node_text(self, node: tree_sitter.Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "surrogatepass")

    def position(self, node: tree_sitter.Node) -> tuple[int, int]:
        """1-based line and column (in characters) of where ``node`` starts."""
        row, col_bytes = node.start_point
        if self.ascii:
            return row + 1, col_bytes + 1
        line_start = node.start_byte - col_bytes
        return row + 1, len(self.data[line_start : node.start_byte].decode("utf-8", "surrogatepass")) + 1

    def error(self, message: str, node: tree_sitter.Node) -> ModuleSyntaxError:
        line, column = self.position(node)
        return ModuleSyntaxError(message, self.filename, line, column)


def parse(text: str, filename: str) -> tuple[_Source, tree_sitter.Tree]:
    src = _Source(text, filename)
    tree = _parse_bytes(src.data)
    if tree.root_node.has_error:
        repaired = _repair(src.data, tree)
        if repaired is None:
            raise _syntax_error(src, tree.root_node)
        return _Source(repaired[0].decode("utf-8", "surrogatepass"), filename), repaired[1]
    return src, tree


def _repair(data: bytes, tree: tree_sitter.Tree) -> tuple[bytes, tree_sitter.Tree] | None:
    """What the grammar refuses but JavaScript allows, made explicit (the same meaning,
    every line and column where it was): the source and its tree, or None."""
    terminated = _terminate_declarations(data, tree)
    if terminated is not None and not terminated[1].root_node.has_error:
        return terminated
    data, tree = terminated or (data, tree)
    return _quote_reserved_names(data, tree)


#: A name that starts a line with ``in`` and goes on with ``_``, ``$`` or a digit (``in_x``,
#: ``in2``): the grammar's line-break scanner takes its start for the ``in`` operator and
#: puts no semicolon before it (it knows only letters go on a name).
_IN_PREFIXED = re.compile(rb"(?m)^[ \t]*i(?=n[_$0-9])")


def _parse_bytes(data: bytes) -> tree_sitter.Tree:
    """``data``'s tree, with names such as ``in_x`` that start a line read as names."""
    tree = _parser().parse(data)
    if tree.root_node.has_error:
        tree = _in_prefixed_names_read_apart(data) or tree
    return tree


def _in_prefixed_names_read_apart(data: bytes) -> tree_sitter.Tree | None:
    """The tree of ``data`` read with each such name's ``n`` as ``N``, which the scanner
    does read as a name, where that parses: the same tokens, offsets and lines, so the
    tree fits ``data`` itself (names are read from the text, not the tree). None if it
    does not parse either."""
    if not _IN_PREFIXED.search(data):
        return None
    patched = bytearray(data)
    for m in _IN_PREFIXED.finditer(data):
        patched[m.end()] = ord("N")
    tree = _parser().parse(bytes(patched))
    return None if tree.root_node.has_error else tree


Fix = Callable[[bytes, int], "tuple[int, bytes] | None"]


def _rewrite_failed_statements(data: bytes, tree: tree_sitter.Tree, fix: Fix) -> bytes | None:
    """The source with ``fix(data, start)`` applied to each top-level statement that failed
    to parse (``(end, text)``: the text that replaces ``data[start:end]``; None: leave it);
    None if nothing changed."""
    out = bytearray()
    at = 0
    for stmt in tree.root_node.children:
        start = stmt.start_byte
        if not stmt.has_error or start < at:
            continue
        fixed = fix(data, start)
        if fixed is None:
            continue
        end, text = fixed
        out += data[at:start] + text
        at = end
    if at == 0:
        return None
    return bytes(out + data[at:])


def _terminate_declaration(data: bytes, start: int) -> tuple[int, bytes] | None:
    end = declaration_end(data, start)
    if end is None or data[end : end + 1] == b";" or not ends_line(data, end):
        return None
    return end, data[start:end] + b";"


def _terminate_declarations(data: bytes, tree: tree_sitter.Tree) -> tuple[bytes, tree_sitter.Tree] | None:
    """A line break ends an import declaration or an export clause whatever the next
    line starts with (no expression can go on from them), where the grammar reads on
    when the next line starts with ``(``, ``[``, a template, ``+``, ``-`` or ``/``. The
    source with a ``;`` written at the end of each such statement that failed to parse,
    and its tree; None if there was none."""
    fixed = _rewrite_failed_statements(data, tree, _terminate_declaration)
    return None if fixed is None else (fixed, _parser().parse(fixed))


#: Reserved words the JavaScript grammar refuses as module export names.
_RESERVED = (
    rb"break|case|catch|class|const|continue|debugger|delete|do|else|enum|export|extends|false|"
    rb"finally|for|function|if|import|in|instanceof|new|null|return|super|switch|this|throw|true|"
    rb"try|typeof|var|void|while|with"
)
#: Where a statement's clause opens: ``import {``, ``import x, {``, ``export {``; or
#: ``export * as name``.
_CLAUSE_START = re.compile(rb"(?:import|export)\s*(?:[\w$]+\s*,\s*)?\{")
_STAR_AS = re.compile(rb"(export\s*\*\s*as\s+)(" + _RESERVED + rb")(?![\w$])")
#: A reserved word as a name in a clause: after ``as``, or before ``as``, ``,`` or ``}``.
_CLAUSE_NAME = re.compile(
    rb"(?<![\w$.])(as\s+)(" + _RESERVED + rb")(?![\w$])"
    rb"|([{,]\s*)(" + _RESERVED + rb")(?=\s*(?:as(?![\w$])|[,}]))"
)


def _quote(m: re.Match[bytes]) -> bytes:
    return m[1] + b'"' + m[2] + b'"' if m[1] is not None else m[3] + b'"' + m[4] + b'"'


def _quote_clause_names(data: bytes, start: int) -> tuple[int, bytes] | None:
    clause = _CLAUSE_START.match(data, start)
    if clause is not None:
        end = clause_end(data, clause.end())
        return end, _CLAUSE_NAME.sub(_quote, data[start:end])
    star = _STAR_AS.match(data, start)
    return None if star is None else (star.end(), _quote(star))


def _quote_reserved_names(data: bytes, tree: tree_sitter.Tree) -> tuple[bytes, tree_sitter.Tree] | None:
    """Export names may be reserved words (``export { _null as null }``, common in
    bundles), which the grammar refuses; as strings (``as "null"``) it takes them, and
    they mean the same. The source with such names quoted in the ``import``/``export``
    clauses of the top-level statements that failed to parse, and its tree; None if
    that does not parse either."""
    quoted = _rewrite_failed_statements(data, tree, _quote_clause_names)
    if quoted is None:
        return None
    tree = _parser().parse(quoted)
    return None if tree.root_node.has_error else (quoted, tree)


def _refuse_decorators(src: _Source, root: tree_sitter.Node) -> None:
    """A decorator is refused at its line with what to do: no engine here runs them yet (the
    engine would say only "Invalid or unexpected token" at the `@`)."""
    if b"@" not in src.data:
        return
    found = _captures("(decorator) @d", root).get("d")
    if found:
        raise src.error(
            "decorators are not supported: neither engine runs them yet (the TC39 proposal, nor "
            "TypeScript's experimentalDecorators). Compile the file with tsc or a bundler first, "
            "or apply the decorator as a call (`A = log(A)`)",
            min(found, key=lambda n: n.start_byte),
        )


def _syntax_error(src: _Source, root: tree_sitter.Node) -> ModuleSyntaxError:
    bad = _first_error(root) or root
    if bad.is_missing:
        return src.error(f"missing {bad.type!r}", bad)
    token = src.node_text(bad).strip().split("\n")[0][:40]
    return src.error(f"Unexpected token {token!r}" if token else "Unexpected end of input", bad)


def _first_error(node: tree_sitter.Node) -> tree_sitter.Node | None:
    if node.is_error or node.is_missing:
        return node
    for child in node.children:
        if child.has_error or child.is_missing:
            found = _first_error(child)
            if found is not None:
                return found
    return None


def _string_value(src: _Source, node: tree_sitter.Node) -> str:
    """The value of a string literal node (escapes decoded as JSON would)."""
    raw = src.node_text(node)
    body = raw[1:-1]
    if "\\" not in body:
        return body
    try:
        return json.loads('"' + body.replace('"', '\\"').replace("\\'", "'") + '"')
    except ValueError:
        return body


def _export_name(src: _Source, node: tree_sitter.Node) -> str:
    return _string_value(src, node) if node.type == "string" else _identifier(src.node_text(node))


_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})")


def _identifier(text: str) -> str:
    """The name an identifier spells (``\\u03bc`` is ``μ``)."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _access(base: str, name: str) -> str:
    return f"{base}.{name}" if _IDENTIFIER.match(name) else f"{base}[{json.dumps(name)}]"


@dataclass
class _Edits:
    """Replacements on the source, applied in one pass; each keeps its own lines."""

    src: _Source
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def replace(self, node: tree_sitter.Node, text: str) -> None:
        start, end = self.src.span(node)
        self.spans.append((start, end, text))

    def replace_range(self, start: int, end: int, text: str) -> None:
        self.spans.append((start, end, text))

    def blank(self, node: tree_sitter.Node) -> None:
        start, end = self.src.span(node)
        self.spans.append((start, end, re.sub(r"[^\n\r\u2028\u2029]", " ", self.src.text[start:end])))

    def blank_statement(self, node: tree_sitter.Node) -> None:
        """Blank a statement, leaving the ``;`` that ends it in its last column: the
        statements before and after it stay apart (``a = 2`` then ``[1].map(f)``)."""
        start, end = self.src.span(node)
        blanked = re.sub(r"[^\n\r\u2028\u2029]", " ", self.src.text[start : end - 1])
        self.spans.append((start, end, blanked + ";"))

    def insert(self, at: int, text: str) -> None:
        self.spans.append((at, at, text))

    def apply(self, prefix: str) -> tuple[str, dict[int, list[list[int]]]]:
        """The edited text after ``prefix`` (which goes on line 1), and per line the
        column map: ``[generated column where an edit starts, generated column where
        original text resumes after it, columns added up to there]`` (1-based)."""
        text = self.src.text
        out = [prefix]
        columns: dict[int, list[list[int]]] = {}
        pos = 0
        line = 1
        line_start = 0  # index in text where the current line starts
        delta = len(prefix)
        if prefix:
            columns[1] = [[1, len(prefix) + 1, delta]]
        for start, end, repl in sorted(self.spans, key=lambda s: (s[0], s[1])):
            if start < pos:
                continue  # nested in an earlier edit
            chunk = text[pos:start]
            out.append(chunk)
            newlines = chunk.count("\n")
            if newlines:
                line += newlines
                line_start = pos + chunk.rfind("\n") + 1
                delta = 0
            out.append(repl)
            removed = text[start:end]
            if "\n" in removed:
                line += removed.count("\n")
                line_start = start + removed.rfind("\n") + 1
                delta = 0
                pos = end
                continue
            change = len(repl) - (end - start)
            if change:
                gen_start = start - line_start + delta + 1
                delta += change
                columns.setdefault(line, []).append([gen_start, end - line_start + delta + 1, delta])
            pos = end
        out.append(text[pos:])
        return "".join(out), columns


def transform_esm(
    text: str, filename: str, node_env: str = "production", *, package: bool = False
) -> Transformed:
    """Rewrite an ES module (JavaScript) for the linker; ``ModuleSyntaxError`` on early
    errors. ``process.env.NODE_ENV`` reads become ``node_env`` (see ``_node_env_reads``)."""
    if text.startswith("#!"):  # a hashbang line is a comment (it cannot follow our prelude)
        text = "//" + text[2:]
    src, tree = parse(text, filename)
    root = tree.root_node
    _refuse_decorators(src, root)
    edits = _Edits(src)
    requests: list[Request] = []
    request_of: dict[tuple[str, bool], int] = {}
    imports: list[Binding] = []
    local_names: dict[str, str] = {}  # imported local name -> replacement text
    namespace_locals: set[str] = set()
    import_of: dict[str, tuple[int, str | None]] = {}  # local name -> (request, imported name)
    namespaces: list[int] = []  # requests imported with `* as`: their namespace objects
    import_nodes: dict[str, tree_sitter.Node] = {}
    exports: dict[str, str] = {}  # exported name -> local expression (getter body)
    export_nodes: dict[str, tree_sitter.Node] = {}
    reexports: list[Reexport] = []
    stars: list[int] = []
    local_clause: list[tuple[str, str, tree_sitter.Node]] = []  # (exported, local, node)
    fixups: list[str] = []

    def request(source: tree_sitter.Node, statement: tree_sitter.Node) -> int:
        spec = _string_value(src, source)
        is_json = _attribute_type(src, statement) == "json"
        key = (spec, is_json)
        if key not in request_of:
            line, col = src.position(source)
            request_of[key] = len(requests)
            requests.append(Request(spec, "import", line, col, is_json))
        return request_of[key]

    def add_export(name: str, local: str, node: tree_sitter.Node) -> None:
        if name in export_nodes:
            raise src.error(f"Duplicate export of '{name}'", node)
        export_nodes[name] = node
        exports[name] = local

    for stmt in root.named_children:
        kind = stmt.type
        if kind == "import_statement":
            source = stmt.child_by_field_name("source")
            index = request(source, stmt)
            base = f"__rt${index}"
            for clause in stmt.named_children:
                if clause.type != "import_clause":
                    continue
                for part in clause.named_children:
                    if part.type == "identifier":  # default import
                        _bind_import(src, part, "default", index, base, local_names, import_nodes, imports)
                        import_of[src.node_text(part)] = (index, "default")
                    elif part.type == "namespace_import":
                        ident = part.named_children[0]
                        name = src.node_text(ident)
                        _check_new(src, ident, name, import_nodes)
                        import_nodes[name] = ident
                        local_names[name] = f"__rt$n{index}"
                        namespace_locals.add(name)
                        if index not in namespaces:
                            namespaces.append(index)
                        import_of[name] = (index, None)
                    elif part.type == "named_imports":
                        for spec in part.named_children:
                            if spec.type != "import_specifier":
                                continue
                            name_node = spec.child_by_field_name("name")
                            alias = spec.child_by_field_name("alias") or name_node
                            imported = _export_name(src, name_node)
                            _bind_import(
                                src, alias, imported, index, base, local_names, import_nodes, imports
                            )
                            import_of[src.node_text(alias)] = (index, imported)
            edits.blank_statement(stmt)
        elif kind == "export_statement":
            _export_statement(src, stmt, edits, request, add_export, reexports, stars, local_clause, fixups)
    _early_errors(src, root)
    # Declarations at module scope (for `export {x}` checks and clashes with imports).
    top = _top_level_names(src, root)
    for name, node in import_nodes.items():
        if name in top:
            raise src.error(f"Identifier '{name}' has already been declared", top[name])
        if name in ("eval", "arguments"):
            raise src.error("Unexpected eval or arguments in strict mode", node)
    for exported, local, node in local_clause:
        if local in import_of:  # an imported binding exported again is an indirect export
            add_export(exported, "", node)
            line, col = src.position(node)
            reexports.append(Reexport(exported, *import_of[local], line, col))
        elif local in top:
            add_export(exported, local, node)
        else:
            raise src.error(f"Export '{local}' is not defined in module", node)
    if local_names:
        _rewrite_references(src, root, local_names, namespace_locals, edits)
    aliases = {read: name for name, read in local_names.items() if read.startswith("__rt$")}
    env_reads = _node_env_reads(src, root)
    table = PACKAGE_GLOBALS if package else NODE_GLOBALS
    globals_read = _node_globals(src, root, set(import_nodes), env_reads, table)
    if globals_read:
        injected: dict[str, str] = {}
        for name, first in _first_reads(src, globals_read).items():
            origin = table[name]
            if origin is None:
                injected[name] = "globalThis"
                continue
            key = (origin[0], False)
            if key not in request_of:
                request_of[key] = len(requests)
                requests.append(Request(origin[0], "import", *src.position(first)))
            injected[name] = _access(f"__rt${request_of[key]}", origin[1])
        _rewrite_references(src, root, injected, set(), edits, globals_read)
        aliases.update((read, name) for name, read in injected.items() if read.startswith("__rt$"))
    _dynamic_imports(src, root, edits, requests, request_of)
    _meta_resolves(src, root, requests, request_of)
    _rewrite_meta(root, edits)
    for node in env_reads:
        edits.replace(node, json.dumps(node_env))
    tla = _has_top_level_await(root)
    local_exports = {name: local for name, local in exports.items() if local}
    getters = ",".join(f"{json.dumps(name)}:()=>{local}" for name, local in local_exports.items())
    params = ",".join(
        [
            EXPORTS,
            META,
            DYNAMIC,
            *(f"__rt${i}" for i in range(len(requests))),
            *(f"__rt$n{i}" for i in namespaces),
        ]
    )
    head = "async function*" if tla else "function*"
    prefix = f'{head}({params}){{"use strict";{EXPORTS}({{{getters}}});{"".join(fixups)}yield;'
    code, columns = edits.apply(prefix)
    return Transformed(
        kind="esm",
        code=code + "\n}",
        columns=columns,
        requests=requests,
        imports=imports,
        local_exports=list(local_exports),
        reexports=reexports,
        stars=stars,
        tla=tla,
        namespaces=namespaces,
        aliases=aliases,
    )


def _attribute_type(src: _Source, statement: tree_sitter.Node) -> str | None:
    for child in statement.named_children:
        if child.type == "import_attribute":
            for pair in child.named_children[0].named_children if child.named_children else []:
                if pair.type == "pair":
                    key = pair.child_by_field_name("key")
                    value = pair.child_by_field_name("value")
                    key_text = _export_name(src, key) if key is not None else ""
                    if key_text == "type" and value is not None and value.type == "string":
                        return _string_value(src, value)
    return None


def _check_new(src: _Source, node: tree_sitter.Node, name: str, seen: dict[str, tree_sitter.Node]) -> None:
    if name in seen:
        raise src.error(f"Identifier '{name}' has already been declared", node)


def _bind_import(
    src: _Source,
    ident: tree_sitter.Node,
    imported: str,
    index: int,
    base: str,
    local_names: dict[str, str],
    import_nodes: dict[str, tree_sitter.Node],
    imports: list[Binding],
) -> None:
    name = src.node_text(ident)
    _check_new(src, ident, name, import_nodes)
    import_nodes[name] = ident
    local_names[name] = _access(base, imported)
    line, col = src.position(ident)
    imports.append(Binding(index, imported, line, col))


def _export_statement(src, stmt, edits, request, add_export, reexports, stars, local_clause, fixups) -> None:
    source = stmt.child_by_field_name("source")
    declaration = stmt.child_by_field_name("declaration")
    value = stmt.child_by_field_name("value")
    is_default = any(c.type == "default" for c in stmt.children)
    first = stmt.children[0]  # the `export` keyword
    if source is not None:
        index = request(source, stmt)
        clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
        ns = next((c for c in stmt.named_children if c.type == "namespace_export"), None)
        if clause is not None:
            for spec in clause.named_children:
                if spec.type != "export_specifier":
                    continue
                name, exported = _specifier_names(src, spec)
                line, col = src.position(spec)
                add_export(exported, "", spec)
                reexports.append(Reexport(exported, index, name, line, col))
        elif ns is not None:
            exported = _export_name(src, [c for c in ns.children if c.type not in ("*", "as")][-1])
            line, col = src.position(ns)
            add_export(exported, "", ns)
            reexports.append(Reexport(exported, index, None, line, col))
        else:
            stars.append(index)
        edits.blank_statement(stmt)
        return
    if declaration is not None:
        start, _ = src.span(first)
        decl_start, _ = src.span(declaration)
        edits.replace_range(start, decl_start, " " * (decl_start - start))
        for name, node in _declared_names(src, declaration):
            add_export("default" if is_default else _identifier(name), name, node)
        return
    if is_default:
        start, _ = src.span(first)
        assert value is not None or declaration is not None
        target = _default_declaration(value)
        vstart, vend = src.span(target)
        kind = target.type
        anonymous = target.child_by_field_name("name") is None
        if kind in ("function_expression", "generator_function", "class") and not anonymous:
            # A named default declaration: the name is the local binding.
            name = src.node_text(target.child_by_field_name("name"))
            edits.replace_range(start, vstart, " " * (vstart - start))
            add_export("default", name, stmt)
            return
        if kind in ("function_expression", "generator_function") and anonymous:
            # `export default function () {}` is a hoisted declaration named "default".
            edits.replace_range(start, vstart, " " * (vstart - start))
            params = target.child_by_field_name("parameters")
            pstart, _ = src.span(params)
            edits.insert(pstart, f" {DEFAULT_LOCAL}")
            add_export("default", DEFAULT_LOCAL, stmt)
            fixups.append(
                f'Object.defineProperty({DEFAULT_LOCAL},"name",{{value:"default",configurable:true}});'
            )
            return
        end = vend if target is not value else src.span(stmt)[1]
        if kind in ("class", "arrow_function", "function_expression", "generator_function") and anonymous:
            # An anonymous function or class exported as default is named "default".
            edits.replace_range(start, vstart, f"const {DEFAULT_LOCAL}=({{default:")
            edits.insert(vend, "}).default;")
            return add_export("default", DEFAULT_LOCAL, stmt)
        edits.replace_range(start, vstart, f"const {DEFAULT_LOCAL}=")
        if kind == "class" or src.text[end - 1 : end] != ";":
            edits.insert(end, ";")
        add_export("default", DEFAULT_LOCAL, stmt)
        return
    clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
    if clause is not None:
        for spec in clause.named_children:
            if spec.type != "export_specifier":
                continue
            name, exported = _specifier_names(src, spec)
            if spec.children[0].type == "string":
                raise src.error("A string export name needs `from`: it names no local binding", spec)
            local_clause.append((exported, name, spec))
        edits.blank_statement(stmt)
        return
    raise src.error("Unsupported export statement", stmt)


def _default_declaration(value: tree_sitter.Node) -> tree_sitter.Node:
    """``export default class {}`` or ``function () {}`` is a declaration: code after it
    is a new statement, though the grammar may read ``(...)`` on the next line as a call."""
    node = value
    while node.type != "parenthesized_expression" and node.named_child_count:
        first = node.named_children[0]
        if first.start_byte != value.start_byte:
            break
        node = first
        if node.type in ("class", "function_expression", "generator_function"):
            return node
    return value


def _specifier_names(src: _Source, spec: tree_sitter.Node) -> tuple[str, str]:
    """(local or imported name, exported name) of an export specifier."""
    parts = [c for c in spec.children if c.type not in ("as", ",", "comment")]
    name = _export_name(src, parts[0])
    exported = _export_name(src, parts[-1]) if len(parts) > 1 else name
    return name, exported


def _declared_names(src: _Source, declaration: tree_sitter.Node) -> list[tuple[str, tree_sitter.Node]]:
    kind = declaration.type
    if kind in ("lexical_declaration", "variable_declaration"):
        out: list[tuple[str, tree_sitter.Node]] = []
        for declarator in declaration.named_children:
            if declarator.type == "variable_declarator":
                out += _pattern_names(src, declarator.child_by_field_name("name"))
        return out
    name = declaration.child_by_field_name("name")
    return [(src.node_text(name), name)] if name is not None else []


def _pattern_names(src: _Source, node: tree_sitter.Node | None) -> list[tuple[str, tree_sitter.Node]]:
    if node is None:
        return []
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        return [(src.node_text(node), node)]
    out: list[tuple[str, tree_sitter.Node]] = []
    if node.type == "pair_pattern":
        return _pattern_names(src, node.child_by_field_name("value"))
    if node.type in ("assignment_pattern", "object_assignment_pattern"):
        return _pattern_names(src, node.child_by_field_name("left"))
    for child in node.named_children:
        out += _pattern_names(src, child)
    return out


def _top_level_names(src: _Source, root: tree_sitter.Node) -> dict[str, tree_sitter.Node]:
    """Names declared in module scope: lexical ones (let, const, class and, in a module,
    function declarations) at the top, and var anywhere outside functions. A name declared
    lexically twice, or lexically and with var, is an early SyntaxError."""
    lexical: dict[str, tree_sitter.Node] = {}
    for stmt in root.named_children:
        node = stmt
        if stmt.type == "export_statement":
            node = stmt.child_by_field_name("declaration") or stmt.child_by_field_name("value")
            if node is None or node.type in ("function_expression", "generator_function", "class"):
                continue  # a default export's own name is declared (via the value) below
        if node.type in (
            "lexical_declaration",
            "function_declaration",
            "generator_function_declaration",
            "class_declaration",
        ):
            for name, n in _declared_names(src, node):
                if name in lexical:
                    raise src.error(f"Identifier '{name}' has already been declared", n)
                lexical[name] = n
    for stmt in root.named_children:
        value = stmt.child_by_field_name("value") if stmt.type == "export_statement" else None
        named = value.child_by_field_name("name") if value is not None else None
        if named is not None and value.type in ("function_expression", "generator_function", "class"):
            name = src.node_text(named)
            if name in lexical:
                raise src.error(f"Identifier '{name}' has already been declared", named)
            lexical[name] = named
    names = dict(lexical)
    for decl in _captures('(variable_declaration) @v (for_in_statement kind: "var") @v', root).get("v", []):
        if _nearest(decl, _VAR_SCOPES).type != "program":
            continue
        found = (
            _declared_names(src, decl)
            if decl.type == "variable_declaration"
            else _pattern_names(src, decl.child_by_field_name("left"))
        )
        for name, n in found:
            if name in lexical:
                raise src.error(f"Identifier '{name}' has already been declared", n)
            names.setdefault(name, n)
    return names


_EARLY = (
    "(html_comment) @html (return_statement) @return (yield_expression) @yield"
    ' ((identifier) @reserved (#any-of? @reserved "await" "yield"))'
    ' ((statement_identifier) @reserved (#any-of? @reserved "await" "yield"))'
    " (meta_property) @meta"
)
_ESCAPED_NAMES = "(identifier) @reserved (statement_identifier) @reserved"
_RESERVED = frozenset({"await", "yield"})


def _early_errors(src: _Source, root: tree_sitter.Node) -> None:
    """The module goal's early errors tree-sitter accepts: HTML-like comments, ``return``,
    ``yield`` or ``new.target`` outside functions, ``await`` or ``yield`` as a name."""
    found = _captures(_EARLY, root)
    if "\\u" in src.text:  # a name may spell a reserved word with escapes
        found.setdefault("reserved", []).extend(_captures(_ESCAPED_NAMES, root).get("reserved", []))
    for node in found.get("html", []):
        raise src.error("HTML-like comments are not allowed in module code", node)
    for node in found.get("return", []):
        if _enclosing_function(node) is None:
            raise src.error("Illegal return statement", node)
    for node in found.get("yield", []):
        fn = _enclosing_function(node)
        if fn is None or ("generator" not in fn.type and not _is_generator_method(fn)):
            raise src.error("Unexpected strict mode reserved word 'yield'", node)
    for node in found.get("reserved", []):
        text = src.node_text(node)
        if "\\u" in text:
            try:
                text = json.loads('"' + text + '"')
            except ValueError:
                continue
        if text not in _RESERVED or _is_property_key(node):
            continue
        # `await (x)` reads like a call of a function named await: it is an await expression.
        if node.type == "statement_identifier" or _binding_scope(node) is not None:
            raise src.error(f"Unexpected reserved word '{text}'", node)
    for node in found.get("meta", []):
        if src.node_text(node).startswith("new"):
            fn = _enclosing_function(node, arrows=False)
            if fn is None:
                raise src.error("new.target expression is not allowed here", node)


def _enclosing_function(node: tree_sitter.Node, *, arrows: bool = True) -> tree_sitter.Node | None:
    p = node.parent
    while p is not None:
        if p.type in _FUNCTIONS and (arrows or p.type != "arrow_function"):
            return p
        if p.type in ("class_static_block", "field_definition"):
            return p
        p = p.parent
    return None


def _is_generator_method(node: tree_sitter.Node) -> bool:
    return node.type == "method_definition" and any(c.type == "*" for c in node.children)


def _is_property_key(node: tree_sitter.Node) -> bool:
    parent = node.parent
    return (
        parent is not None
        and parent.type in ("pair", "member_expression")
        and parent.child_by_field_name("value") != node
        and parent.type != "member_expression"
    )


def _nearest(node: tree_sitter.Node, kinds: frozenset[str]) -> tree_sitter.Node:
    p = node.parent
    while p is not None and p.type not in kinds:
        p = p.parent
    assert p is not None
    return p


def _binding_scope(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The scope ``node`` declares a name in, or None when ``node`` is a reference."""
    child, parent = node, node.parent
    while parent is not None and parent.type in _PATTERNS:
        if parent.type in ("assignment_pattern", "object_assignment_pattern"):
            if parent.child_by_field_name("left") != child:
                return None  # a default value is an expression
        if parent.type == "pair_pattern" and parent.child_by_field_name("value") != child:
            return None
        child, parent = parent, parent.parent
    if parent is None:
        return None
    kind = parent.type
    if kind == "variable_declarator":
        if parent.child_by_field_name("name") != child:
            return None
        decl = parent.parent
        if decl is not None and decl.type == "variable_declaration":
            return _nearest(decl, _VAR_SCOPES)
        return _nearest(decl, _BLOCK_SCOPES) if decl is not None else None
    if kind == "formal_parameters":
        return parent.parent
    if kind == "arrow_function" and parent.child_by_field_name("parameter") == child:
        return parent
    if kind in ("function_declaration", "generator_function_declaration", "class_declaration"):
        if parent.child_by_field_name("name") == child:
            return _nearest(parent, _BLOCK_SCOPES)
        return None
    if kind in ("function_expression", "generator_function", "class"):
        return parent if parent.child_by_field_name("name") == child else None
    if kind == "catch_clause" and parent.child_by_field_name("parameter") == child:
        return parent
    if kind == "for_in_statement" and parent.child_by_field_name("left") == child:
        keyword = parent.child_by_field_name("kind")
        if keyword is None:
            return None
        if keyword.type == "var":
            return _nearest(parent, _VAR_SCOPES)
        return parent
    return None


def _references(
    src: _Source, root: tree_sitter.Node, names: list[str]
) -> tuple[list[tree_sitter.Node], set[tuple[int, str]]]:
    """The references to ``names`` that no declaration in a function or block binds, and
    the scopes that declare them (``(scope id, name)``; the program's own declarations
    are in there too, but do not shadow: imports cannot clash with them)."""
    quoted = " ".join(json.dumps(n) for n in names)
    query = (
        f"((identifier) @id (#any-of? @id {quoted}))"
        f"((shorthand_property_identifier) @short (#any-of? @short {quoted}))"
        f"((shorthand_property_identifier_pattern) @pat (#any-of? @pat {quoted}))"
    )
    found = _captures(query, root)
    shadows: set[tuple[int, str]] = set()
    references: list[tree_sitter.Node] = []
    for node in found.get("id", []) + found.get("pat", []):
        if _in_module_syntax(node):
            continue
        scope = _binding_scope(node)
        if scope is None:
            if node.type == "identifier":
                references.append(node)
        else:
            shadows.add((scope.id, src.node_text(node)))
    candidates = references + found.get("short", [])
    return [n for n in candidates if not _shadowed(n, src.node_text(n), shadows)], shadows


def _rewrite_references(
    src: _Source,
    root: tree_sitter.Node,
    local_names: dict[str, str],
    namespace_locals: set[str],
    edits: _Edits,
    references: list[tree_sitter.Node] | None = None,
) -> None:
    """Each reference to a name of ``local_names`` becomes its replacement (an import's
    binding); ``references`` when they were found already."""
    if references is None:
        references, _ = _references(src, root, list(local_names))
    for node in references:
        name = src.node_text(node)
        replacement = local_names[name]
        if node.type == "shorthand_property_identifier":
            edits.replace(node, f"{name}:{replacement}")
            continue
        parent = node.parent
        if (
            name not in namespace_locals
            and parent is not None
            and parent.type in ("call_expression", "tagged_template_expression")
            and parent.child_by_field_name("function") == node
        ):
            replacement = f"(0,{replacement})"
            if _starts_statement(node):
                replacement = ";" + replacement
            # The engines place the call at its `(`: inside the edit, that maps back to the
            # callee, where Node places it.
            start, end = src.span(node)
            rest = parent.child_by_field_name("arguments")
            if rest is not None:
                opening = src.span(rest)[0]
                between = src.text[end:opening]
                if not between.strip() and "\n" not in between:
                    edits.replace_range(start, opening + 1, replacement + between + src.text[opening])
                    continue
        edits.replace(node, replacement)


#: Where a statement may follow another with no semicolon between them.
_STATEMENT_LISTS = frozenset(
    ("program", "statement_block", "switch_case", "switch_default", "class_static_block")
)


def _starts_statement(node: tree_sitter.Node) -> bool:
    """Whether ``node`` is the first token of a statement in a statement list: there a
    replacement that begins with ``(`` would continue the statement before it where that
    one relied on automatic semicolon insertion (``a = b`` then ``f(x)`` on the next line
    must not become ``a = b(0,ns.f)(x)``), so it gets a ``;`` ahead."""
    start = node.start_byte
    p = node.parent
    while p is not None and p.start_byte == start and p.type != "expression_statement":
        p = p.parent
    return (
        p is not None
        and p.type == "expression_statement"
        and p.start_byte == start
        and p.parent is not None
        and p.parent.type in _STATEMENT_LISTS
    )


#: Node's globals that a module may read without importing them, and the built-in and
#: export each comes from (None: ``globalThis``). A module that reads one of them unbound
#: gets it as a binding of its own, as Deno gives npm packages and as bundlers inject
#: them: no global is added, and code that does not read them (scripts included) sees
#: none (``typeof process`` is "undefined" there).
NODE_GLOBALS: dict[str, tuple[str, str] | None] = {
    "process": ("node:process", "default"),
    "Buffer": ("node:buffer", "Buffer"),
    "global": None,
    "setImmediate": ("node:timers", "setImmediate"),
    "clearImmediate": ("node:timers", "clearImmediate"),
}
#: What an npm package (a file in node_modules) reads as a global, as Deno gives packages:
#: Node's timers too, whose Timeout objects have unref() (`setInterval(f, 1e3).unref()`).
#: The application's own code keeps the web's, which return numbers.
PACKAGE_GLOBALS: dict[str, tuple[str, str] | None] = {
    **NODE_GLOBALS,
    **{
        name: ("node:timers", name) for name in ("setTimeout", "setInterval", "clearTimeout", "clearInterval")
    },
}


def _node_globals(
    src: _Source,
    root: tree_sitter.Node,
    declared: set[str],
    env_reads: list[tree_sitter.Node],
    table: dict[str, tuple[str, str] | None],
) -> list[tree_sitter.Node]:
    """The references to ``table``'s globals that nothing in the module binds (``declared``:
    its imports), leaving out the ``process`` of each ``process.env.NODE_ENV`` read that
    ``env_reads`` replaces whole."""
    names = [name for name in table if name in src.text and name not in declared]
    if not names:
        return []
    references, shadows = _references(src, root, names)
    replaced = {node.id for node in env_reads}
    free = []
    for node in references:
        name = src.node_text(node)
        if (root.id, name) in shadows:
            continue  # declared at the top (a var anywhere, a function, a class)
        owner = node.parent.parent if node.parent is not None else None
        if owner is not None and owner.id in replaced:
            continue
        free.append(node)
    return free


def _first_reads(src: _Source, nodes: list[tree_sitter.Node]) -> dict[str, tree_sitter.Node]:
    """Each name that ``nodes`` read, with its first read, in the order they come."""
    first: dict[str, tree_sitter.Node] = {}
    for node in nodes:
        first.setdefault(src.node_text(node), node)
    return first


def _in_module_syntax(node: tree_sitter.Node) -> bool:
    p = node.parent
    while p is not None:
        if p.type in ("import_statement", "export_clause", "namespace_export"):
            return True
        if p.type == "program" or p.type in _FUNCTIONS:
            return False
        p = p.parent
    return False


def _shadowed(node: tree_sitter.Node, name: str, shadows: set[tuple[int, str]]) -> bool:
    if not shadows:
        return False
    p = node.parent
    while p is not None and p.type != "program":
        if (p.id, name) in shadows:
            return True
        p = p.parent
    return False


def _dynamic_imports(src, root, edits, requests, request_of) -> list[int]:
    """``import(x)`` calls this module's loader; literal specifiers are loaded ahead."""
    out = []
    for call in _captures("(call_expression function: (import) @imp) @call", root).get("call", []):
        _check_import_call(src, call)
        imp = call.child_by_field_name("function")
        edits.replace(imp, DYNAMIC)
        args = call.child_by_field_name("arguments")
        named = args.named_children if args is not None else []
        if named and named[0].type == "string":
            spec = _string_value(src, named[0])
            is_json = "json" in src.node_text(args)[len(src.node_text(named[0])) + 1 :]
            key = ("\0dyn" + spec, is_json)
            if key not in request_of:
                line, col = src.position(named[0])
                request_of[key] = len(requests)
                requests.append(Request(spec, "dynamic", line, col, is_json))
            out.append(request_of[key])
    return out


_RELATIVE_OR_URL = re.compile(r"\.{0,2}/|[A-Za-z][A-Za-z0-9+.-]+:")
_META_RESOLVE = """
(call_expression
  function: (member_expression object: (meta_property) property: (property_identifier) @p)
  arguments: (arguments . (_) @s)
  (#eq? @p "resolve"))
"""


def _meta_resolves(src, root, requests, request_of) -> None:
    """``import.meta.resolve("x")`` of a specifier known ahead is resolved ahead (it is
    synchronous): the request only finds the file, as ``require.resolve`` does."""
    for node in _captures(_META_RESOLVE, root).get("s", []):
        spec = _static_string(src, node)
        key = ("\0resolve" + (spec or ""), False)
        if spec is None or key in request_of or _RELATIVE_OR_URL.match(spec):
            continue  # a URL or path is resolved against the module's URL when it runs
        line, col = src.position(node)
        request_of[key] = len(requests)
        requests.append(Request(spec, "import-resolve", line, col))


def _check_import_call(src: _Source, call: tree_sitter.Node) -> None:
    """``import(...)`` is not a function call: one or two arguments, no spread, and it is
    neither an assignment target nor a constructor."""
    args = call.child_by_field_name("arguments")
    named = [a for a in (args.named_children if args is not None else []) if a.type != "comment"]
    if not 1 <= len(named) <= 2 or any(a.type == "spread_element" for a in named):
        raise src.error("import() takes one or two arguments", call)
    parent = call.parent
    while parent is not None and parent.type == "parenthesized_expression":
        call, parent = parent, parent.parent
    if parent is None:
        return
    target = (
        parent.type in ("assignment_expression", "augmented_assignment_expression")
        and parent.child_by_field_name("left") == call
    ) or parent.type == "update_expression"
    if target:
        raise src.error("Invalid left-hand side in assignment", call)
    if parent.type == "new_expression" and parent.child_by_field_name("constructor") == call:
        raise src.error("Cannot use new with import", call)


def _rewrite_meta(root: tree_sitter.Node, edits: _Edits) -> None:
    for node in _captures("(meta_property) @m", root).get("m", []):
        if edits.src.node_text(node).startswith("import"):
            edits.replace(node, META)


#: Where a member expression is written to, not read (always, or as the left side).
_WRITES = frozenset(
    {
        "update_expression",
        "augmented_assignment_expression",
        "array_pattern",
        "object_pattern",
        "pair_pattern",
        "rest_pattern",
    }
)
_WRITES_ON_THE_LEFT = frozenset({"assignment_expression", "assignment_pattern", "for_in_statement"})
_PROCESS = """((identifier) @id (#eq? @id "process"))
((shorthand_property_identifier_pattern) @id (#eq? @id "process"))"""
_NODE_ENV = """(member_expression
  object: (member_expression object: (identifier) @p) property: (property_identifier) @n)"""


def _node_env_reads(src: _Source, root: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The ``process.env.NODE_ENV`` reads a bundler replaces with the mode's string (as
    esbuild's and Vite's ``define`` do): code written for bundlers reads it at load, and
    no ``process`` global exists here. Not those in the scope of a binding of ``process``
    (found as import bindings are, by ``_binding_scope``): they read their own."""
    if "process.env.NODE_ENV" not in src.text:
        return []
    found = []
    for name in _captures(_NODE_ENV, root).get("n", []):
        node = name.parent
        parent = node.parent
        if (
            src.node_text(node) != "process.env.NODE_ENV"  # one spelling, on one line
            or parent.type in _WRITES
            or (parent.type in _WRITES_ON_THE_LEFT and parent.child_by_field_name("left") == node)
        ):
            continue
        found.append(node)
    if not found:
        return []
    shadows: set[tuple[int, str]] = set()
    for node in _captures(_PROCESS, root).get("id", []):
        scope = root if _in_module_syntax(node) else _binding_scope(node)
        if scope is not None:
            shadows.add((scope.id, "process"))
    if (root.id, "process") in shadows:
        return []
    return [node for node in found if not _shadowed(node, "process", shadows)]


def _has_top_level_await(root: tree_sitter.Node) -> bool:
    found = _captures(
        '(await_expression) @a (for_in_statement "await" @a)'
        ' (call_expression function: (identifier) @a (#eq? @a "await"))',
        root,
    ).get("a", [])
    for node in found:
        p = node.parent
        while p is not None and p.type not in _FUNCTIONS and p.type != "class_body":
            p = p.parent
        if p is None:
            return True
    return False


_REQUIRE_CALLS = """
(call_expression function: (identifier) @f (#eq? @f "require") arguments: (arguments . (_) @s .))
(call_expression
  function: (member_expression object: (identifier) @m property: (property_identifier) @q)
  arguments: (arguments . (_) @s .)
  (#eq? @m "module") (#eq? @q "require"))
(call_expression
  function: (member_expression object: (identifier) @f property: (property_identifier) @p)
  arguments: (arguments . (_) @r .)
  (#eq? @f "require") (#eq? @p "resolve"))
"""


def _static_string(src: _Source, node: tree_sitter.Node) -> str | None:
    """The value of an argument that is a string whatever runs: a literal, a template with
    no substitution, and `+` and parentheses of those (Rollup writes `require('u' + 'rl')`)."""
    kind = node.type
    if kind == "string":
        return _string_value(src, node)
    if kind == "template_string":
        if any(c.type == "template_substitution" for c in node.named_children):
            return None
        raw = src.node_text(node)[1:-1]
        return None if "\\" in raw else raw
    if kind == "parenthesized_expression" and node.named_child_count == 1:
        return _static_string(src, node.named_children[0])
    if kind == "binary_expression" and node.child_by_field_name("operator").type == "+":
        left = _static_string(src, node.child_by_field_name("left"))
        right = _static_string(src, node.child_by_field_name("right"))
        return None if left is None or right is None else left + right
    return None


#: How CommonJS names its exports where they can be read without running it (the forms
#: Node's cjs-module-lexer reads): ``exports.x =``, ``exports["x"] =``,
#: ``module.exports.x =``, ``Object.defineProperty(exports, "x", ...)``, and the keys of
#: ``module.exports = {...}``.
_CJS_EXPORTS = """
(assignment_expression left: (member_expression object: (identifier) @o property: (property_identifier) @n)
  (#eq? @o "exports"))
(assignment_expression left: (subscript_expression object: (identifier) @o index: (string) @n)
  (#eq? @o "exports"))
(assignment_expression left: (member_expression
    object: (member_expression object: (identifier) @m property: (property_identifier) @e)
    property: (property_identifier) @n)
  (#eq? @m "module") (#eq? @e "exports"))
(call_expression
  function: (member_expression object: (identifier) @obj property: (property_identifier) @dp)
  arguments: (arguments . (identifier) @o . (string) @n)
  (#eq? @obj "Object") (#eq? @dp "defineProperty") (#eq? @o "exports"))
(assignment_expression
  left: (member_expression object: (identifier) @m property: (property_identifier) @e)
  right: (object [(shorthand_property_identifier) @n (pair key: [(property_identifier) (string)] @n)
                  (method_definition name: (property_identifier) @n)])
  (#eq? @m "module") (#eq? @e "exports"))
"""


def _cjs_export_names(src: _Source, root: tree_sitter.Node) -> list[str]:
    """The export names a CommonJS module states in the forms of :data:`_CJS_EXPORTS`."""
    names = []
    for node in _captures(_CJS_EXPORTS, root).get("n", []):
        name = _string_value(src, node) if node.type == "string" else src.node_text(node)
        if name not in names and name != "default":
            names.append(name)
    return names


def transform_cjs(
    text: str, filename: str, node_env: str = "production", *, why_commonjs: str = "", package: bool = False
) -> Transformed:
    """Wrap a CommonJS module; its literal ``require("x")`` calls are resolved ahead, and
    the export names it states are read (``local_exports``), as Node's lexer reads them.
    ``process.env.NODE_ENV`` reads become ``node_env`` (see ``_node_env_reads``), and the
    NODE_GLOBALS it reads are parameters its caller fills (``injected``). ``why_commonjs``
    says what made a file CommonJS that was not told so by its syntax: an import or export
    statement in it is then refused with that reason."""
    src = _Source(text, filename)
    tree = _parse_bytes(src.data)
    _refuse_decorators(src, tree.root_node)
    if why_commonjs:
        for stmt in tree.root_node.named_children:
            if stmt.type in ("import_statement", "export_statement"):
                word = "import" if stmt.type == "import_statement" else "export"
                raise src.error(
                    f"Cannot use an {word} statement in a CommonJS module: {why_commonjs}. "
                    'Set "type": "module" there, or name the file .mjs (.mts for TypeScript)',
                    stmt,
                )
    requests: list[Request] = []
    seen: set[tuple[str, str]] = set()
    calls = _captures(_REQUIRE_CALLS, tree.root_node)
    for kind, capture in (("require", "s"), ("resolve", "r")):
        for node in calls.get(capture, []):
            spec = _static_string(src, node)
            if spec is not None and (kind, spec) not in seen:
                seen.add((kind, spec))
                line, col = src.position(node)
                requests.append(Request(spec, kind, line, col))
    # Syntax errors in CommonJS surface when the engine compiles it.
    names = []
    injected: list[list[str]] = []
    if not tree.root_node.has_error:
        root = tree.root_node
        names = _cjs_export_names(src, root)
        env_reads = _node_env_reads(src, root)
        table = PACKAGE_GLOBALS if package else NODE_GLOBALS
        for name, first in _first_reads(src, _node_globals(src, root, set(), env_reads, table)).items():
            spec, export = table[name] or ("", "")
            if spec and ("require", spec) not in seen:
                seen.add(("require", spec))
                requests.append(Request(spec, "require", *src.position(first)))
            injected.append([name, spec, export])
        text = _splice(src, root, node_env, env_reads)
    # Parameters, not declarations: a "use strict" directive must stay the body's first statement.
    params = ",".join(
        ["exports", "require", "module", "__filename", "__dirname", DYNAMIC, *(i[0] for i in injected)]
    )
    prefix = f"function({params}){{"  # no parentheses: see the loader's `(0,f)`
    body = text[1:] if text.startswith("#!") else text
    if text.startswith("#!"):
        body = "//" + body[1:]
    return Transformed(
        kind="cjs",
        code=prefix + body + "\n}",
        columns={1: [[1, len(prefix) + 1, len(prefix)]]},
        requests=requests,
        local_exports=names,
        injected=injected,
    )


def _splice(src: _Source, root: tree_sitter.Node, node_env: str, env_reads: list[tree_sitter.Node]) -> str:
    """The CommonJS source with each ``import(x)`` call's ``import`` replaced by the
    module's loader, a name of the same length (those are loaded when they run, as from a
    script), and each ``process.env.NODE_ENV`` read by ``node_env``'s string, padded to
    its length: columns stay."""
    text = src.text
    value = json.dumps(node_env)
    value += " " * (len("process.env.NODE_ENV") - len(value))
    spans = [(*src.span(node), DYNAMIC) for node in _import_calls(src, root)]
    spans += [(*src.span(node), value) for node in env_reads]
    parts, at = [], 0
    for start, end, replacement in sorted(spans):
        parts += [text[at:start], replacement]
        at = end
    return "".join(parts) + text[at:]


def _import_calls(src: _Source, root: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The ``import`` of each ``import(x)`` call outside a module, to point at a loader;
    none when one of them is malformed (left to the engine, which reports its own
    SyntaxError)."""
    found = _captures("(call_expression function: (import) @imp)", root).get("imp", [])
    try:
        for node in found:
            _check_import_call(src, node.parent)
    except ModuleSyntaxError:
        return []
    return found


def transform_json(text: str, filename: str) -> Transformed:
    """A JSON module: its default export is the value JSON.parse gives (a `"__proto__"` key
    is a key, not the prototype, as it would be in an object literal). A BOM is dropped."""
    text = text.removeprefix("\ufeff")
    try:
        json.loads(text, parse_constant=_not_json)
    except ValueError as e:
        line = getattr(e, "lineno", 1)
        col = getattr(e, "colno", 1)
        raise ModuleSyntaxError(f"Unexpected token in JSON: {e.msg}", filename, line, col) from None  # type: ignore[attr-defined]
    return transform_value(f"JSON.parse({json.dumps(text)})")


def transform_value(expression: str) -> Transformed:
    """A module whose default export is ``expression`` (a JSON module to the linker): JSON,
    and the Workers module types of a file's contents (see ``graph``)."""
    prefix = f"function*({EXPORTS}){{const $value="
    return Transformed(
        kind="json",
        code=f"{prefix}{expression};{EXPORTS}({{default:()=>$value}});yield;}}",
        columns={1: [[1, len(prefix) + 1, len(prefix)]]},
        local_exports=["default"],
    )


def _not_json(word: str) -> None:
    raise json.JSONDecodeError(f"{word} is not JSON", word, 0)


def has_module_syntax(text: str) -> bool:
    """Whether a source has ``import``/``export`` statements or ``import.meta``, which
    only a module may have (see :func:`has_top_level_await` for the rest)."""
    if "import" not in text and "export" not in text:
        return False
    data = text.encode("utf-8", "surrogatepass")
    tree = _parse_bytes(data)
    if tree.root_node.has_error:
        tree = (_quote_reserved_names(data, tree) or (data, tree))[1]
    root = tree.root_node
    for stmt in root.named_children:
        if stmt.type in ("import_statement", "export_statement"):
            return True
    for meta in _captures("(meta_property) @m", root).get("m", []):
        if meta.text.startswith(b"import"):  # not new.target
            return True
    return False


def has_top_level_await(text: str) -> bool:
    """Whether a source awaits outside any function (a module, then)."""
    return "await" in text and _has_top_level_await(
        _parser().parse(text.encode("utf-8", "surrogatepass")).root_node
    )


def rewrite_dynamic_imports(text: str, filename: str, loader: str) -> tuple[str, dict[int, list[list[int]]]]:
    """A classic script with each ``import(x)`` call's ``import`` replaced by ``loader``
    (an expression for the script's importer): (code, column map)."""
    src = _Source(text, filename)
    tree = _parse_bytes(src.data)
    if tree.root_node.has_error:
        return text, {}  # left to the engine, which reports its own SyntaxError
    edits = _Edits(src)
    for node in _import_calls(src, tree.root_node):
        edits.replace(node, loader)
    if not edits.spans:
        return text, {}
    return edits.apply("")
