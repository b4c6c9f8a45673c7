"""Errors of loading a module graph: where in which file, as the engines would say it."""

from __future__ import annotations


class ModuleError(Exception):
    """A module graph cannot load; ``name`` is the JS error it becomes (``SyntaxError``,
    ``Error``), at ``filename:line:column`` (the importing file for a missing module)."""

    name = "Error"
    #: The ``code`` the JS error carries (Node's, for code that tells failures apart).
    code: str | None = None

    def __init__(self, message: str, filename: str, line: int = 0, column: int = 0) -> None:
        super().__init__(f"{filename}:{line}:{column}: {message}" if line else f"{filename}: {message}")
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column


class ModuleSyntaxError(ModuleError):
    """An early error: bad syntax, a duplicate export, an import that is not exported."""

    name = "SyntaxError"


class ModuleMissing(ModuleError):
    """A specifier that resolves to no module (or to a Node built-in, not provided)."""

    code = "ERR_MODULE_NOT_FOUND"
