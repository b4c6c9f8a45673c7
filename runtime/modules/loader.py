"""One context's modules: load a graph, hand it to the JS side, evaluate, answer ``import()``.

The graph (files, transforms, link checks) is Python's work (``graph``); this module moves
it into the context: each new module's function is evaluated as a classic script under
the module's own file name (so stacks name the file), then ``__runtime.modules.link``
instantiates them all and ``evaluate`` runs them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from engines.base import render_stack
from runtime import codec
from runtime.crossing import Crossing
from runtime.errors import JSError
from runtime.modules import esm
from runtime.modules.errors import ModuleError
from runtime.modules.graph import Graph, Record

_DYNAMIC_IMPORT = re.compile(r"\bimport\s*\(")


def module_error(e: ModuleError) -> JSError:
    """The ``JSError`` a user sees for a graph that cannot load, at the file it names."""
    frames = [("", e.filename, e.line, e.column)] if e.line else []
    return JSError(e.name, e.message, render_stack(e.name, e.message, frames), frames)


class ModuleLoader:
    """The modules of one context, keyed by real path."""

    def __init__(self, crossing: Crossing, conditions: tuple[str, ...] | None = None) -> None:
        self._crossing = crossing
        self.graph = Graph(conditions)
        crossing.on_import = self._on_import

    def path_of(self, path: str | os.PathLike[str], base: str | None = None) -> Path:
        """The real path of a module named by a filesystem path (relative to ``base``'s
        folder, else the working directory)."""
        raw = os.fspath(path)
        if raw.startswith("file:"):
            return self.graph.resolve(raw, base)
        folder = Path(base).parent if base else Path.cwd()
        full = folder / raw
        if not full.exists():
            return self.graph.resolve(raw if raw.startswith((".", "/")) else "./" + raw, str(folder / "_"))
        return Path(os.path.realpath(full))

    def load(self, path: Path, timeout: float | None) -> Record:
        """Load ``path`` with its graph into the context (not evaluated yet)."""
        try:
            return self._load(path, timeout)
        except ModuleError as e:
            raise module_error(e) from None

    def _load(self, path: Path, timeout: float | None) -> Record:
        root, added = self.graph.load(path)
        if added:
            self._install(added, timeout)
        return root

    def _install(self, added: list[Record], timeout: float | None) -> None:
        crossing = self._crossing
        maps = []
        scripts = []
        for record in added:
            # `(0,f)`: V8 would otherwise name the module's functions after the call they are
            # an argument of (`__runtime.modules.define.api.fail` for `api.fail = function`).
            prefix = f"__runtime.modules.define({record.id},(0,"
            columns = dict(record.code.columns)
            # Line 1 starts with the module's prelude (one edit at column 1): ours joins it.
            (_, resume, grown), *rest = columns[1]
            shift = len(prefix)
            columns[1] = [[1, resume + shift, grown + shift]] + [
                [a + shift, b + shift, d + shift] for a, b, d in rest
            ]
            columns[0] = resume + shift - 1  # where the prelude ends: frames there are the runtime's
            maps.append([record.file, columns, record.code.aliases])
            scripts.append((prefix + record.code.code + "))", record.file))
        # Compiling a module runs none of its code, so its column map can wait until all
        # compiled: no engine maps a compile error's column itself, and _compile_error
        # maps it the same way on every engine.
        for (source, filename), (_, columns, _) in zip(scripts, maps, strict=True):
            try:
                crossing.result(crossing.eval(source, filename, timeout))
            except JSError as e:
                raise _compile_error(e, filename, columns) from None
        self.register_columns(maps)
        links = self.graph.link_records(added)
        crossing.result(crossing.call("__runtime.modules.link", codec.encode([links]), timeout))

    def evaluate(self, record: Record, timeout: float | None) -> Any:
        """Run the graph under ``record``: None when done, a ``JSPromise`` while a module
        of it waits on top-level await."""
        crossing = self._crossing
        return crossing.result(
            crossing.call("__runtime.modules.evaluate", codec.encode([record.id]), timeout)
        )

    # -- import() from scripts and from specifiers only known when they run
    def prepare_script(self, source: str, filename: str | None) -> str:
        """A classic script with its ``import()`` calls pointed at the loader."""
        if "import" not in source or not _DYNAMIC_IMPORT.search(source):
            return source
        name = filename or "<eval>"
        importer = f"__runtime.modules.scriptImport({codec.encode(name)})"
        code, columns = esm.rewrite_dynamic_imports(source, name, importer)
        if columns:
            self.register_columns([[name, columns]])
        return code

    def register_columns(self, maps: list[list[Any]]) -> None:
        """Tell the context how rewritten lines map back to source columns (for stacks), and
        what the rewritten reads of imports were called (for error messages)."""
        encoded = [[file, {str(k): v for k, v in columns.items()}, *rest] for file, columns, *rest in maps]
        self._crossing.result(self._crossing.call("__runtime.ops.columnMaps", codec.encode([encoded])))

    def _on_import(self, token: int, specifier: str, importer: str | None) -> None:
        crossing = self._crossing
        code = None
        try:
            try:
                base = importer if importer and os.path.isabs(importer) else None
                path = self.graph.resolve(specifier, base or str(Path.cwd() / "_"))
                record = self._load(path, None)
            except ModuleError as e:
                code = e.code
                raise module_error(e) from None
        except JSError as e:
            failure = {"name": e.name, "message": e.message, "code": code}
            crossing.result(crossing.call("__runtime.modules.imported", codec.encode([token, None, failure])))
            return
        crossing.result(crossing.call("__runtime.modules.imported", codec.encode([token, record.id, None])))


def _compile_error(e: JSError, filename: str, columns: dict[int, list[list[int]]]) -> JSError:
    """An engine's compile error for a module, located in the module's own source (some
    engines name no file for a script that did not parse). Its column is one of the
    generated code (the module's map is registered only once all compiled), so it is
    mapped here, whether or not the engine named the file."""
    if not e.frames or e.frames[0][1] not in (filename, "<anonymous>", "undefined"):
        return e
    _, _, line, column = e.frames[0]
    column = source_column(columns.get(line, []), column)
    frames = [("", filename, line, column)]
    return JSError(e.name, e.message, render_stack(e.name, e.message, frames), frames)


def source_column(edits: list[list[int]], column: int) -> int:
    """The source column of a generated one (see ``esm._Edits.apply`` for ``edits``); a
    column inside an edit maps to where the edit starts."""
    delta = 0
    for start, resume, added in edits:
        if column >= resume:
            delta = added
        elif column >= start:
            return max(1, start - delta)
        else:
            break
    return max(1, column - delta)
