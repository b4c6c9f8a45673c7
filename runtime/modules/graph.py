"""A context's module graph: files found, transformed once, and checked before any runs.

Loading walks from an entry through every static import, every literal ``import()`` and
every literal ``require()``, resolving each specifier like Node and transforming each file
(TypeScript types stripped, JSX compiled, ES module syntax rewritten; see ``esm``). The
link checks of the spec run here, on the whole graph, before a line of it is evaluated: a
name imported that the other module does not export, or exports ambiguously through
``export *``, is a SyntaxError at the importing line. What the JS side needs to
instantiate, link and evaluate the new modules is in :meth:`Graph.link_records`.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runtime.modules import cache, esm, resolve
from runtime.modules.errors import ModuleError, ModuleMissing, ModuleSyntaxError

_TS = frozenset({".ts", ".mts", ".cts", ".tsx"})
_JSX = frozenset({".jsx", ".tsx"})
_AMBIGUOUS = object()


@dataclass
class Record:
    """One module of the graph."""

    id: int
    path: Path
    code: esm.Transformed
    #: Per request: the record it resolved to, or None with the reason in ``errors``.
    deps: list[int | None] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)
    #: Per "resolve" request (``require.resolve``) found: the file, not loaded.
    resolved: dict[int, str] = field(default_factory=dict)
    #: The name stacks show: the path, or ``node:x`` for a built-in.
    file: str = field(init=False)

    def __post_init__(self) -> None:
        self.file = resolve.builtin_name(self.path) or str(self.path)

    @property
    def kind(self) -> str:
        return self.code.kind


class Graph:
    """Every module one context has loaded, by real path; ids are the JS side's keys."""

    def __init__(self, conditions: tuple[str, ...] | None = None) -> None:
        self.resolver = resolve.Resolver(conditions or resolve.DEFAULT_CONDITIONS)
        self.records: list[Record] = []
        self._by_path: dict[Path, Record] = {}
        self._names: dict[int, dict[str, tuple[int, str | None] | object]] = {}

    @property
    def files(self) -> list[Path]:
        """Every file the graph read: sources, and the package.json files that steered it."""
        sources = [r.path for r in self.records if not resolve.is_disabled(r.path)]
        return sources + sorted(self.resolver.consulted)

    # -- loading
    def resolve(self, specifier: str, importer: str | None, line: int = 0, column: int = 0) -> Path:
        try:
            return self.resolver.resolve(
                specifier, Path(importer) if importer else None, kind="import", line=line or None
            )
        except resolve.ModuleNotFound as e:
            raise ModuleMissing(str(e), importer or "<eval>", line, column) from None

    def load(self, entry: Path) -> tuple[Record, list[Record]]:
        """The record for ``entry`` and the records this load added (in load order)."""
        known = self._by_path.get(entry)
        if known is not None:
            return known, []
        added: list[Record] = []
        try:
            root = self._add(entry, added)
            queue = [root]
            while queue:
                record = queue.pop()
                for index, request in enumerate(record.code.requests):
                    target = self._resolve_request(record, index, request)
                    if target is None:
                        record.deps.append(None)
                        continue
                    dep = self._by_path.get(target)
                    if dep is None:
                        dep = self._add_requested(record, index, request, target, added)
                        if dep is None:
                            record.deps.append(None)
                            continue
                        queue.append(dep)
                    record.deps.append(dep.id)
            for record in added:
                self._check_links(record)
        except BaseException:
            for record in added:  # a graph that failed to load leaves nothing behind
                self._by_path.pop(record.path, None)
            del self.records[len(self.records) - len(added) :]
            self._names.clear()
            raise
        return root, added

    def _add_requested(
        self, record: Record, index: int, request: esm.Request, target: Path, added: list[Record]
    ) -> Record | None:
        """``_add``; a file that cannot be a module is reported where it is imported, or for
        a ``require()``, thrown where that runs (None), as a missing one is."""
        try:
            return self._add(target, added)
        except ModuleError as e:
            if e.line or e.filename != str(target):
                raise
            message = f'cannot load "{request.specifier}" ({target}): {e.message}'
            if request.kind == "require":
                record.errors[index] = message
                return None
            raise type(e)(message, record.file, request.line, request.column) from None

    def _resolve_request(self, record: Record, index: int, request: esm.Request) -> Path | None:
        if request.kind == "dynamic":
            return None  # loaded when import() runs: its failure rejects that promise only
        required = request.kind in ("require", "resolve")
        finds = request.kind in ("resolve", "import-resolve")
        name = request.specifier.removeprefix("node:")
        if request.kind == "import-resolve" and name in resolve.NODE_BUILTINS:
            record.resolved[index] = f"node:{name}"  # resolved, provided here or not, as in Node
            return None
        try:
            target = self.resolver.resolve(
                request.specifier, record.path, kind="require" if required else "import", line=request.line
            )
        except resolve.ModuleNotFound as e:
            if required or finds:  # thrown where the require() runs, if it does
                record.errors[index] = str(e)
                return None
            raise ModuleMissing(str(e), record.file, request.line, request.column) from None
        if request.kind == "resolve":
            # a built-in resolves to its name as written, as in Node (`events`, `node:events`)
            record.resolved[index] = request.specifier if resolve.builtin_name(target) else str(target)
            return None
        if request.kind == "import-resolve":
            # a URL: the file's, or `node:name` for a built-in, as in Node
            builtin = resolve.builtin_name(target)
            record.resolved[index] = builtin or target.as_uri()
            return None
        is_json = target.suffix == ".json"
        # Packages' builds for bundlers (their "module" entry, which resolution prefers)
        # import JSON without the attribute, as bundlers allow: taken there, not in the app.
        bundled = is_json and "node_modules" in record.path.parts
        if request.kind == "import" and is_json != request.json and not bundled:
            raise ModuleError(
                f'module "{request.specifier}" needs an import attribute of type "json"'
                if is_json
                else f'module "{request.specifier}" is not a JSON module (import attribute type "json")',
                record.file,
                request.line,
                request.column,
            )
        return target

    def _add(self, path: Path, added: list[Record]) -> Record:
        record = Record(len(self.records), path, self._transform(path))
        self.records.append(record)
        self._by_path[path] = record
        added.append(record)
        return record

    def _transform(self, path: Path) -> esm.Transformed:
        filename = str(path)
        if resolve.is_disabled(path):  # "browser" field: false, an empty CommonJS module
            return esm.transform_cjs("", filename)
        suffix = path.suffix
        if suffix and suffix not in resolve.EXTENSIONS:
            return _contents_module(path, suffix)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise ModuleError(f"cannot read the module: {e}", filename) from None
        fmt = self.resolver.format_of(path)
        import_source = _jsx_import_source(path) if suffix in _JSX else ""
        define = _defines_class_fields(path) if suffix in _TS else True
        node_env = os.environ.get("NODE_ENV") or "production"
        package = "node_modules" in path.parts  # npm code: Node's globals, as in Deno
        cache_key = cache.key(
            fmt,
            suffix,
            import_source,
            "" if define else "assign",
            node_env,
            "package" if package else "",
            text,
        )
        return cache.get_or_make(
            cache_key, lambda: _make(text, filename, fmt, suffix, import_source, define, node_env, package)
        )

    # -- link checks
    def _check_links(self, record: Record) -> None:
        code = record.code
        if code.kind != "esm":
            return
        for binding in code.imports:
            self._check_import(record, binding.request, binding.name, binding.line, binding.column)
        for reexport in code.reexports:
            if reexport.name is not None:
                self._check_import(record, reexport.request, reexport.name, reexport.line, reexport.column)

    def _check_import(self, record: Record, request: int, name: str, line: int, column: int) -> None:
        dep_id = record.deps[request]
        if dep_id is None:
            return
        dep = self.records[dep_id]
        if dep.kind == "cjs":
            return
        found = self._resolve_export(dep, name, set())
        spec = record.code.requests[request].specifier
        if found is None:
            raise ModuleSyntaxError(
                f"The requested module '{spec}' does not provide an export named '{name}'",
                record.file,
                line,
                column,
            )
        if found is _AMBIGUOUS:
            raise ModuleSyntaxError(
                f"The requested module '{spec}' contains conflicting star exports for name '{name}'",
                record.file,
                line,
                column,
            )

    def _resolve_export(self, record: Record, name: str, seen: set[tuple[int, str]]) -> object:
        """ResolveExport of the spec: (module id, binding) or None, or ``_AMBIGUOUS``."""
        if (record.id, name) in seen:
            return None  # a circular import request
        seen.add((record.id, name))
        code = record.code
        if code.kind == "json":
            return (record.id, name) if name == "default" else None
        if code.kind != "esm":
            return (record.id, name)  # CommonJS: any name may be there once it ran
        if name in code.local_exports:
            return (record.id, name)
        for reexport in code.reexports:
            if reexport.exported == name:
                dep_id = record.deps[reexport.request]
                if dep_id is None:
                    return None
                if reexport.name is None:
                    return (dep_id, None)
                return self._resolve_export(self.records[dep_id], reexport.name, seen)
        if name == "default":
            return None
        # Through `export *`, a CommonJS module has the names it states (``local_exports``,
        # as Node's lexer reads them); any other name it may or may not have, so it gives
        # way to a module that has it.
        star_found: object = None
        maybe: object = None
        for request in code.stars:
            dep_id = record.deps[request]
            if dep_id is None:
                continue
            found = self._resolve_export(self.records[dep_id], name, seen)
            if found is _AMBIGUOUS:
                return found
            if found is None:
                continue
            provider = self.records[found[0]].code  # type: ignore[index]
            if provider.kind == "cjs" and name not in provider.local_exports:
                maybe = maybe or found
            elif star_found is None:
                star_found = found
            elif star_found != found:
                return _AMBIGUOUS
        return star_found if star_found is not None else maybe

    def exported_names(self, record: Record, seen: set[int] | None = None) -> list[str]:
        """GetExportedNames of the spec (star exports included, "default" not through them)."""
        seen = set() if seen is None else seen
        if record.id in seen:
            return []
        seen.add(record.id)
        code = record.code
        names = list(code.local_exports) + [r.exported for r in code.reexports]
        for request in code.stars:
            dep_id = record.deps[request]
            if dep_id is None or self.records[dep_id].kind == "json":
                continue
            for name in self.exported_names(self.records[dep_id], seen):
                if name != "default" and name not in names:
                    names.append(name)
        return names

    # -- what the JS side links
    def link_records(self, added: list[Record]) -> list[dict[str, object]]:
        """For each new module: its kind, file, what its requests resolved to and its export
        table (``["l"]`` a local getter, ``["r", request, name]`` a binding of another
        module, ``["n", request]`` another module's namespace)."""
        out = []
        for record in added:
            code = record.code
            requests = code.requests
            entry: dict[str, object] = {
                "id": record.id,
                "kind": code.kind,
                "file": record.file,
                "url": record.path.as_uri() if record.file == str(record.path) else record.file,
                "tla": code.tla,
                "deps": [record.deps[i] for i, r in enumerate(requests) if r.kind == "import"],
                "args": [record.deps[i] if r.kind == "import" else None for i, r in enumerate(requests)],
                "namespaces": [record.deps[i] for i in code.namespaces],
            }
            dynamic = {r.specifier: record.deps[i] for i, r in enumerate(requests) if r.kind == "dynamic"}
            if dynamic:
                entry["dynamic"] = dynamic
            required = {}
            for i, r in enumerate(requests):
                if r.kind == "require":
                    required[r.specifier] = record.deps[i] if record.deps[i] is not None else record.errors[i]
            if required:
                entry["require"] = required
            found = {}  # specifier -> [file, None] or [None, why not]
            for i, r in enumerate(requests):
                if r.kind in ("resolve", "import-resolve"):
                    found[r.specifier] = [record.resolved.get(i), record.errors.get(i)]
            if found:
                entry["resolve"] = found
            if code.injected:
                entry["injected"] = code.injected
            if code.kind == "esm":
                entry["exports"] = self._export_table(record)
            elif code.kind == "json":
                entry["exports"] = {"default": ["l"]}
            out.append(entry)
        return out

    def _export_table(self, record: Record) -> dict[str, list[object]]:
        code = record.code
        table: dict[str, list[object]] = {}
        for name in sorted(self.exported_names(record)):
            if name in code.local_exports:
                table[name] = ["l"]
                continue
            reexport = next((r for r in code.reexports if r.exported == name), None)
            if reexport is not None:
                table[name] = (
                    ["n", reexport.request]
                    if reexport.name is None
                    else ["r", reexport.request, reexport.name]
                )
                continue
            found = self._resolve_export(record, name, set())
            if found is _AMBIGUOUS or found is None:
                continue  # ambiguous star exports are left out of the namespace
            for request in code.stars:
                dep_id = record.deps[request]
                if dep_id is not None and self._resolve_export(self.records[dep_id], name, set()) == found:
                    table[name] = ["r", request, name]
                    break
        return table


def _make(
    text: str,
    filename: str,
    fmt: str,
    suffix: str,
    import_source: str,
    define: bool,
    node_env: str,
    package: bool,
) -> esm.Transformed:
    if fmt == "json":
        return esm.transform_json(text, filename)
    if suffix in _TS or suffix in _JSX:
        from runtime.modules import jsx, typescript

        try:
            if suffix in _TS:
                text = typescript.strip_types(
                    text, filename, tsx=suffix == ".tsx", define_class_fields=define
                )
            if suffix in _JSX:
                text, _ = jsx.transform_jsx(text, filename, import_source=import_source or "react")
        except typescript.TransformError as e:
            raise ModuleSyntaxError(e.message, filename, e.line, e.column) from None
    if fmt == "auto":
        # As Node tells them apart: module syntax or a top-level await make a module, all
        # else is CommonJS. The await (a walk of every await in the file) is looked for
        # only where nothing marks the file as CommonJS.
        module = esm.has_module_syntax(text) or (not _COMMONJS.search(text) and esm.has_top_level_await(text))
        fmt = "esm" if module else "cjs"
    elif fmt == "cjs" and suffix not in (".cjs", ".cts"):
        why = 'the nearest package.json says "type": "commonjs"'
        return esm.transform_cjs(text, filename, node_env, why_commonjs=why, package=package)
    if fmt == "cjs":
        return esm.transform_cjs(text, filename, node_env, package=package)
    return esm.transform_esm(text, filename, node_env, package=package)


#: Files that are modules by their contents, as in Cloudflare Workers (wrangler's default
#: rules): compiled WebAssembly, text, and bytes, each the default export.
_CONTENTS = {".wasm": "wasm", ".txt": "text", ".html": "text", ".sql": "text", ".bin": "data"}


def _contents_module(path: Path, suffix: str) -> esm.Transformed:
    filename = str(path)
    kind = _CONTENTS.get(suffix)
    if kind is None:
        raise ModuleError(
            f'"{suffix}" files are not modules: import JavaScript, TypeScript or JSON, or as '
            "Cloudflare Workers do, .wasm (a WebAssembly.Module), .txt/.html/.sql (a string) "
            "and .bin (an ArrayBuffer); a bundler's loader is needed for the others",
            filename,
        )
    try:
        data = path.read_bytes()
        if kind == "text":
            return esm.transform_value(json.dumps(data.decode("utf-8").removeprefix("\ufeff")))
    except (OSError, UnicodeDecodeError) as e:
        raise ModuleError(f"cannot read the module: {e}", filename) from None
    encoded = json.dumps(base64.b64encode(data).decode("ascii"))
    if kind == "wasm":
        return esm.transform_value(f"new WebAssembly.Module(__runtime.base64ToBytes({encoded}))")
    return esm.transform_value(f"__runtime.base64ToBytes({encoded}).buffer")


def reads_as_commonjs(text: str) -> bool:
    """Whether a file with no module syntax reads as CommonJS (``require``, ``module.exports``,
    ``exports.x =``, ``__dirname``), as Node's loader would run it."""
    return _COMMONJS.search(text) is not None


#: What marks a file as CommonJS, where it has no module syntax.
_COMMONJS = re.compile(
    r"\brequire\s*\(|\bmodule\.exports\b|\bexports\.[\w$]+\s*=|\b__dirname\b|\b__filename\b"
)
_COMMENTS = re.compile(r'("(?:[^"\\]|\\.)*")|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _jsx_import_source(path: Path) -> str:
    """``compilerOptions.jsxImportSource`` of the nearest tsconfig.json (or jsconfig.json),
    through its ``extends`` and, where it sets none, the configs it ``references`` (Vite's
    tsconfig.app.json)."""
    config = _nearest_tsconfig(path)
    if config is None:
        return ""
    data = _tsconfig(config)
    found = _compiler_option(config, data, "jsxImportSource", set())
    if found is None:
        found = _referenced_option(config, data, "jsxImportSource")
    return str(found or "")


def _nearest_tsconfig(path: Path) -> Path | None:
    """The tsconfig.json (or jsconfig.json) of the nearest folder up from ``path`` that has
    one, not looking past a node_modules folder."""
    folder = path.parent
    while True:
        for name in ("tsconfig.json", "jsconfig.json"):
            config = folder / name
            if config.is_file():
                return config
        if folder.parent == folder or folder.name == "node_modules":
            return None
        folder = folder.parent


#: Targets whose default is `useDefineForClassFields: false`: below ES2022.
_ASSIGNING_TARGET = re.compile(r"es(?:3|5|6|20(?:1[5-9]|2[01]))", re.I)


def _defines_class_fields(path: Path) -> bool:
    """Whether class fields are defined (ES2022, the default) or assigned, as tsc and
    esbuild emit them for the nearest tsconfig: its ``useDefineForClassFields``, else true
    unless its ``target`` is below ES2022 (through ``extends`` and, where neither is set,
    its ``references``). No tsconfig, or one that sets neither: defined, as TypeScript 7
    and esbuild default to."""
    config = _nearest_tsconfig(path)
    if config is None:
        return True
    data = _tsconfig(config)
    define = _compiler_option(config, data, "useDefineForClassFields", set())
    target = _compiler_option(config, data, "target", set())
    if define is None and target is None:
        define = _referenced_option(config, data, "useDefineForClassFields")
        target = _referenced_option(config, data, "target")
    if isinstance(define, bool):
        return define
    return not (isinstance(target, str) and _ASSIGNING_TARGET.fullmatch(target.strip()))


def _tsconfig(config: Path) -> dict[str, Any]:
    """A tsconfig.json's data (JSON with comments and trailing commas); {} when unreadable."""
    try:
        text = _COMMENTS.sub(lambda m: m.group(1) or "", config.read_text("utf-8"))
        data = json.loads(_TRAILING_COMMA.sub(r"\1", text))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _compiler_option(config: Path, data: dict[str, Any], name: str, seen: set[Path]) -> Any:
    """``compilerOptions[name]`` of a tsconfig, its own or from what it ``extends`` (a path
    or a package's file; in a list, the later wins); None when none sets it."""
    options = data.get("compilerOptions")
    if isinstance(options, dict) and name in options:
        return options[name]
    seen.add(config)
    bases = data.get("extends")
    found = None
    for base in [bases] if isinstance(bases, str) else bases if isinstance(bases, list) else []:
        target = _extended(config.parent, base) if isinstance(base, str) else None
        if target is not None and target not in seen:
            value = _compiler_option(target, _tsconfig(target), name, seen)
            found = value if value is not None else found
    return found


def _referenced_option(config: Path, data: dict[str, Any], name: str) -> Any:
    """``compilerOptions[name]`` of the first config a tsconfig ``references`` that sets it."""
    references = data.get("references")
    for reference in references if isinstance(references, list) else []:
        target = reference.get("path") if isinstance(reference, dict) else None
        if isinstance(target, str):
            referenced = config.parent / target
            if referenced.is_dir():
                referenced = referenced / "tsconfig.json"
            found = _compiler_option(referenced, _tsconfig(referenced), name, set())
            if found is not None:
                return found
    return None


def _extended(folder: Path, base: str) -> Path | None:
    """The file an ``extends`` entry names: relative to the config, or in node_modules."""
    candidates = [base, base + ".json", base + "/tsconfig.json"]
    if base.startswith((".", "/")):
        roots = [folder]
    else:
        roots = [parent / "node_modules" for parent in (folder, *folder.parents)]
    for root in roots:
        for candidate in candidates:
            path = root / candidate
            if path.is_file():
                return path
    return None


def real(path: str | os.PathLike[str]) -> Path:
    return Path(os.path.realpath(path))
