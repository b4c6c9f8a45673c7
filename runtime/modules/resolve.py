"""Node.js module resolution, so the module linker can load npm packages from ``node_modules``.

The runtime has no bundler: an ``import`` or ``require`` specifier must find its file the way
Node.js finds it (the ESM resolution algorithm with ``exports``, ``imports``, conditions and
patterns; the CommonJS rules for ``require``). Where Node is strict about spelling, this is as
friendly as bundlers and TypeScript are: extensionless relative specifiers, directory indexes,
``./a.js`` naming ``a.ts``, and the ``module`` field. With the ``browser`` condition active,
package.json's ``browser`` field applies as bundlers apply it for the browser (esbuild's rules):
a string is the entry in preference to ``module``/``main``, an object remaps files and
packages, ``false`` meaning an empty module (but for a Node built-in the runtime provides,
which stays that built-in). The Node built-ins the runtime provides (pure JS
over web APIs, in ``shims/node``) resolve to their files there; the others (the file system,
processes, sockets) are refused with an error that says so. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

__all__ = [
    "BUILTINS_DIR",
    "DEFAULT_CONDITIONS",
    "DISABLED_SUFFIX",
    "EXTENSIONS",
    "NODE_BUILTINS",
    "PROVIDED_BUILTINS",
    "REQUIRE_CONDITIONS",
    "BuiltinNotProvided",
    "InvalidPackage",
    "ModuleNotFound",
    "Resolver",
    "builtin_name",
    "is_disabled",
]

DEFAULT_CONDITIONS: tuple[str, ...] = ("workerd", "worker", "browser", "import", "default")
REQUIRE_CONDITIONS: tuple[str, ...] = ("workerd", "worker", "browser", "require", "default")
#: Probing order for a specifier that names no existing file: ``x`` + each, then ``x/index`` + each.
EXTENSIONS: tuple[str, ...] = (".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx", ".json")

#: ``module.builtinModules`` of Node.js; a bare specifier in here is a built-in, not a package.
NODE_BUILTINS: frozenset[str] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "node_builtins.txt").read_text("utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

#: Where the provided built-ins live: ``node:a/b`` is ``a/b.js`` in here (CommonJS, as Node's
#: own built-ins behave: ``require`` gives ``module.exports``, ``import`` its properties).
BUILTINS_DIR = Path(__file__).resolve().parent.parent.parent / "shims" / "node"
#: The built-ins that resolve to a file of BUILTINS_DIR.
PROVIDED_BUILTINS: frozenset[str] = (
    frozenset(
        path.relative_to(BUILTINS_DIR).with_suffix("").as_posix() for path in BUILTINS_DIR.rglob("*.js")
    )
    & NODE_BUILTINS
)

# TypeScript's rule: a specifier spelled with the emitted extension names the source file.
_TS_SOURCES = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
_TYPE_FORMATS = {"module": "esm", "commonjs": "cjs"}
_MAX_LISTED = 6
# Two or more letters before the colon, so a Windows drive ("C:\x") is not a scheme.
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")
_MISSING, _FILE, _DIR = 0, 1, 2
_UNDEFINED: Any = object()  # no condition matched: the caller goes on (a null target stops it)

#: Ends the path a specifier resolves to when package.json's ``browser`` field maps it to
#: ``false``: no file, but an empty CommonJS module (``module.exports = {}``), as in bundlers.
DISABLED_SUFFIX = " (disabled)"


def is_disabled(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a module that a ``browser`` field turned off (see DISABLED_SUFFIX)."""
    return os.fspath(path).endswith(DISABLED_SUFFIX)


def _is_package_path(path: str) -> bool:
    # esbuild's IsPackagePath: anything but "/x", "./x", "../x", "." and "..".
    return not path.startswith(("/", "./", "../")) and path not in (".", "..")


def _where(importer: str, line: int | None) -> str:
    return importer if line is None else f"{importer}:{line}"


def _summarize(paths: list[str]) -> str:
    shown = ", ".join(paths[:_MAX_LISTED])
    rest = len(paths) - _MAX_LISTED
    return f"{shown} and {rest} more" if rest > 0 else shown


class ModuleNotFound(Exception):
    """A specifier resolves to no file; the message names it, its importer, and where it looked."""

    def __init__(
        self,
        specifier: str,
        importer: str | None = None,
        searched: list[str] | tuple[str, ...] = (),
        *,
        line: int | None = None,
        reason: str | None = None,
        looked: str = "looked for",
        message: str | None = None,
    ) -> None:
        self.specifier = specifier
        self.importer = importer
        self.line = line
        self.searched = list(searched)
        if message is None:
            message = f'Cannot find module "{specifier}"'
            if importer is not None:
                message += f" imported from {_where(importer, line)}"
            if reason:
                message += f": {reason}"
            if self.searched:
                message += f" ({looked} {_summarize(self.searched)})"
        super().__init__(message)


class BuiltinNotProvided(ModuleNotFound):
    """The specifier names a Node.js built-in module, which this runtime does not provide."""

    def __init__(
        self,
        specifier: str,
        importer: str | None = None,
        *,
        line: int | None = None,
        builtin: str | None = None,
    ) -> None:
        name = builtin or specifier
        prefix = f"{_where(importer, line)}: " if importer is not None else ""
        via = f' (via "{specifier}")' if name != specifier else ""
        provided = ", ".join(sorted(PROVIDED_BUILTINS))
        message = (
            f'{prefix}cannot import "{name}"{via}: this Node.js built-in module is not provided by '
            f"this runtime (it has web APIs and these built-ins: {provided}); use a web API or a "
            f'package that does not need "{name}"'
        )
        super().__init__(specifier, importer, line=line, message=message)
        self.builtin = name


class InvalidPackage(ModuleNotFound):
    """A package.json that resolution needs is broken: bad JSON, or bad ``exports``/``imports``."""

    def __init__(
        self, specifier: str, importer: str | None, package_json: str, detail: str, *, line: int | None = None
    ) -> None:
        context = f'resolving "{specifier}"'
        if importer is not None:
            context += f" imported from {_where(importer, line)}"
        message = f"Invalid {package_json}: {detail} ({context})"
        super().__init__(specifier, importer, [package_json], line=line, message=message)
        self.package_json = package_json


# Internal failures carry what they know; Resolver.resolve adds the specifier and importer.
class _Missing(Exception):
    def __init__(self, reason: str | None, searched: list[str], looked: str = "looked for") -> None:
        super().__init__(reason)
        self.reason, self.searched, self.looked = reason, searched, looked


class _Broken(Exception):
    def __init__(self, package_json: str, detail: str, *, bad_target: bool = False) -> None:
        super().__init__(detail)
        self.package_json, self.detail, self.bad_target = package_json, detail, bad_target


class _Builtin(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def builtin_name(path: str | os.PathLike[str]) -> str | None:
    """``node:x`` for the file of a provided built-in (or one of its internals), else None:
    the name stacks and errors show for it, as Node shows its own."""
    try:
        relative = Path(path).relative_to(BUILTINS_DIR)
    except ValueError:
        return None
    return f"node:{relative.with_suffix('').as_posix()}"


def _builtin(specifier: str) -> str:
    """The file of a provided built-in (``node:x`` or ``x``); raises _Builtin for the others."""
    name = specifier.removeprefix("node:")
    if name not in PROVIDED_BUILTINS:
        raise _Builtin(specifier)
    return str(BUILTINS_DIR / f"{name}.js")


class _BadJson:
    def __init__(self, detail: str) -> None:
        self.detail = detail


def _split_package(specifier: str) -> tuple[str, str]:
    """``(name, subpath)``: ``"@s/p/a/b"`` is ``("@s/p", "./a/b")``; ``"p"`` is ``("p", ".")``."""
    if specifier.startswith("@"):
        scope, sep, rest = specifier.partition("/")
        name_part, sep2, rest = rest.partition("/")
        name = f"{scope}/{name_part}"
        ok = len(scope) > 1 and bool(sep) and bool(name_part)
        subpath = "./" + rest if sep2 else "."
    else:
        name, sep, rest = specifier.partition("/")
        ok = bool(name)
        subpath = "./" + rest if sep else "."
    if not ok or name.startswith(".") or "\\" in name or "%" in name:
        raise _Missing(f'"{specifier}" is not a valid package name', [])
    return name, subpath


def _browser_key(mapping: dict[str, str | bool], path: str, extensions: bool) -> str | None:
    """The key of ``mapping`` that ``path`` matches (esbuild's checkPath): itself, with each
    extension, then ``path/index``, with each extension."""
    index = f"{path.rstrip('/')}/index"
    if _is_package_path(index) and not _is_package_path(path):
        index = "./" + index
    for candidate in (path, index):
        if candidate in mapping:
            return candidate
        if extensions:
            for ext in EXTENSIONS:
                if candidate + ext in mapping:
                    return candidate + ext
    return None


def _disabled(scope_dir: str, key: str) -> str:
    # One empty module per entry of the map.
    return os.path.normpath(os.path.join(scope_dir, key)) + DISABLED_SUFFIX


def _bad_segment(path: str) -> bool:
    # Targets and pattern matches may not climb out of the package or into node_modules.
    for segment in re.split(r"[/\\]", unquote(path)):
        if segment in (".", "..") or segment.lower() == "node_modules":
            return True
    return False


def _is_condition_map(exports: dict[str, Any], package_json: str) -> bool:
    # Either every key is a subpath ("." first) or none is (conditions for the main entry).
    dotted = [key.startswith(".") for key in exports]
    if any(dotted) and not all(dotted):
        raise _Broken(package_json, '"exports" mixes subpath keys (starting with ".") and condition keys')
    return bool(dotted) and not any(dotted)


class Resolver:
    """Resolves specifiers for one module graph; caches file stats and package.json reads.

    ``conditions`` are the active export conditions for ``import``; ``require_conditions`` those
    for ``require`` (by default ``conditions`` with ``"import"`` replaced by ``"require"``).
    ``"default"`` is always active. ``consulted`` holds every package.json file read.
    """

    def __init__(
        self,
        conditions: tuple[str, ...] = DEFAULT_CONDITIONS,
        require_conditions: tuple[str, ...] | None = None,
    ) -> None:
        self.conditions = tuple(conditions)
        if require_conditions is None:
            require_conditions = tuple("require" if c == "import" else c for c in self.conditions)
        self.require_conditions = tuple(require_conditions)
        self._active = {
            "import": frozenset(self.conditions) | {"default"},
            "require": frozenset(self.require_conditions) | {"default"},
        }
        self.consulted: set[Path] = set()
        self._stats: dict[str, int] = {}
        self._reals: dict[str, str] = {}
        self._manifests: dict[str, dict[str, Any] | _BadJson | None] = {}
        self._scopes: dict[str, str | None] = {}
        self._browser_scopes: dict[str, tuple[str, dict[str, str | bool]] | None] = {}

    def clear_cache(self) -> None:
        """Forget cached stats and package.json contents (after files changed)."""
        self._stats.clear()
        self._reals.clear()
        self._manifests.clear()
        self._scopes.clear()
        self._browser_scopes.clear()

    # -- public
    def resolve(
        self, specifier: str, importer: Path | None, *, kind: str = "import", line: int | None = None
    ) -> Path:
        """The real, absolute path of the file ``specifier`` names, imported from ``importer``.

        ``importer`` None resolves from the working directory (an existing directory is used
        as is). ``kind`` is ``"import"`` (ESM rules, ``conditions``) or ``"require"`` (CommonJS
        rules, ``require_conditions``). Raises ModuleNotFound, BuiltinNotProvided, InvalidPackage.
        A module that a package.json ``browser`` field maps to ``false`` resolves to a path that
        ends with DISABLED_SUFFIX (``is_disabled``): it is empty, and no file.
        """
        if kind not in self._active:
            raise ValueError(f'kind must be "import" or "require", not {kind!r}')
        if importer is None:
            shown, base = None, os.getcwd()
        else:
            shown = os.fspath(importer)
            absolute = os.path.abspath(shown)
            base = absolute if self._kind(absolute) == _DIR else os.path.dirname(absolute)
        try:
            found = self._resolve(specifier, self._real(base), self._active[kind], kind == "import")
        except _Missing as e:
            raise ModuleNotFound(
                specifier, shown, e.searched, line=line, reason=e.reason, looked=e.looked
            ) from None
        except _Broken as e:
            raise InvalidPackage(specifier, shown, e.package_json, e.detail, line=line) from None
        except _Builtin as e:
            raise BuiltinNotProvided(specifier, shown, line=line, builtin=e.name) from None
        return Path(self._real(found))

    def format_of(self, path: Path) -> str:
        """``"esm"``, ``"cjs"``, ``"json"``, or ``"auto"`` (decide from syntax) for a module file.

        The extension decides where it can (.mjs/.mts, .cjs/.cts, .json); otherwise the
        ``"type"`` of the nearest package.json does, and ``"auto"`` when it has none.
        """
        filename = os.path.abspath(os.fspath(path))
        ext = os.path.splitext(filename)[1]
        if ext in (".mjs", ".mts"):
            return "esm"
        if ext in (".cjs", ".cts"):
            return "cjs"
        if ext == ".json":
            return "json"
        scope = self._scope(os.path.dirname(filename))
        if scope is None:
            return "auto"
        try:
            manifest = self._manifest(scope)
        except _Broken as e:
            raise InvalidPackage(filename, None, e.package_json, e.detail) from None
        kind = manifest.get("type") if manifest else None
        return _TYPE_FORMATS.get(kind, "auto") if isinstance(kind, str) else "auto"

    # -- the algorithm
    def _resolve(self, specifier: str, base: str, conditions: frozenset[str], esm: bool) -> str:
        if not specifier:
            raise _Missing("the specifier is empty", [])
        browser = "browser" in conditions
        relative = specifier in (".", "..") or specifier.startswith(("./", "../")) or os.path.isabs(specifier)
        if browser and not relative and not specifier.startswith("file:"):
            found = self._browser_package(specifier, base, conditions, esm)
            if found is not None:
                return found
        if specifier.startswith("node:"):
            return _builtin(specifier)
        if specifier.startswith("file:"):
            path = url2pathname(urlsplit(specifier).path)
            return self._path(os.path.normpath(path), specifier.endswith("/"), browser)
        if relative:
            directory_only = specifier in (".", "..") or specifier.endswith(("/", "/.", "/.."))
            path = os.path.normpath(os.path.join(base, specifier))
            if browser and self._kind(os.path.dirname(path)) == _DIR:
                found = self._browser_file(path, os.path.dirname(path), conditions, esm)
                if found is not None:
                    return found
            return self._path(path, directory_only, browser)
        scheme = _URL_SCHEME.match(specifier)
        if scheme:
            raise _Missing(
                f'"{scheme.group(1)}:" URLs are not supported (only relative paths, file: and packages)', []
            )
        if specifier.startswith("#"):
            return self._imports(specifier, base, conditions, esm)
        return self._package(specifier, base, conditions, esm)

    def _path(self, path: str, directory_only: bool, browser: bool) -> str:
        searched: list[str] = []
        found = self._probe(path, searched, directory_only, browser)
        if found is None:
            raise _Missing(None, searched)
        return found

    def _package(self, specifier: str, base: str, conditions: frozenset[str], esm: bool) -> str:
        """PACKAGE_RESOLVE: built-ins, then self-reference, then node_modules up to the root."""
        if specifier.startswith("node:"):
            return _builtin(specifier)
        if specifier in NODE_BUILTINS:  # "punycode/" (trailing slash) is the npm package
            # A provided built-in wins over an npm package of its name, as in Node, so that
            # one Buffer and one EventEmitter class serve every module.
            if "browser" not in conditions or specifier in PROVIDED_BUILTINS:
                return _builtin(specifier)
            # For the browser, as bundlers do, an npm package of the name stands in for a
            # built-in not provided here, where one is installed.
            try:
                return self._installed(specifier, base, conditions, esm)
            except _Missing:
                raise _Builtin(specifier) from None
        return self._installed(specifier, base, conditions, esm)

    def _installed(self, specifier: str, base: str, conditions: frozenset[str], esm: bool) -> str:
        """A bare specifier: the package itself (self-reference), then node_modules up the tree."""
        name, subpath = _split_package(specifier)
        scope = self._scope(base)
        if scope is not None:
            manifest = self._manifest(scope)
            if manifest and manifest.get("name") == name and manifest.get("exports") is not None:
                return self._exports(
                    os.path.dirname(scope), scope, name, subpath, manifest["exports"], conditions, esm
                )
        searched: list[str] = []
        directory = base
        while True:
            if os.path.basename(directory) != "node_modules":  # no node_modules/node_modules
                modules = os.path.join(directory, "node_modules")
                searched.append(modules)
                if self._kind(modules) == _DIR:
                    package_dir = os.path.join(modules, *name.split("/"))
                    if self._kind(package_dir) == _DIR:  # the first one found is the one
                        return self._load_package(package_dir, name, subpath, conditions, esm)
            parent = os.path.dirname(directory)
            if parent == directory:
                missing = f'package "{name}" is not installed (npm install {name})'
                raise _Missing(missing, searched, "looked in")
            directory = parent

    def _load_package(
        self, package_dir: str, name: str, subpath: str, conditions: frozenset[str], esm: bool
    ) -> str:
        package_json = os.path.join(package_dir, "package.json")
        manifest = self._manifest(package_json)
        # "exports", when present, is the whole public surface of the package.
        if manifest is not None and manifest.get("exports") is not None:
            return self._exports(
                package_dir, package_json, name, subpath, manifest["exports"], conditions, esm
            )
        searched: list[str] = []
        browser = "browser" in conditions
        if subpath == ".":
            found = self._legacy_main(package_dir, manifest, esm, browser, searched)
            reason = f'package "{name}" ({package_dir}) has no entry point'
        else:
            target = os.path.normpath(os.path.join(package_dir, subpath[2:]))
            # The package's "browser" map applies to its subpaths too.
            found = self._browser_file(target, package_dir, conditions, esm) if browser else None
            if found is None:
                found = self._probe(target, searched, subpath.endswith("/"), browser)
            reason = None
        if found is None:
            raise _Missing(reason, searched)
        return found

    def _legacy_main(
        self, package_dir: str, manifest: dict[str, Any] | None, esm: bool, browser: bool, searched: list[str]
    ) -> str | None:
        # Bundler convention: "module" (ESM build) for import when its file exists, then "main",
        # then index.*; for the browser, a "browser" string before both (as esbuild does).
        fields = ("module", "main") if esm else ("main",)
        return self._main_fields(package_dir, manifest, ("browser", *fields) if browser else fields, searched)

    def _main_fields(
        self,
        directory: str,
        manifest: dict[str, Any] | None,
        fields: tuple[str, ...],
        searched: list[str],
        *,
        slash_is_folder: bool = True,
    ) -> str | None:
        """The first of the package.json ``fields`` naming a file (or a folder's index) that
        exists, else the folder's index; with ``"browser"`` among them, its map applies too."""
        browser = "browser" in fields
        for field in fields:
            value = manifest.get(field) if manifest else None
            if isinstance(value, str) and value:
                target = os.path.normpath(os.path.join(directory, value))
                if browser:
                    mapped = self._browser_match(target, directory)
                    if mapped is not None:
                        scope_dir, key, replacement = mapped
                        if replacement is False:
                            return _disabled(scope_dir, key)
                        target = os.path.normpath(os.path.join(scope_dir, str(replacement)))
                skip_file = slash_is_folder and value.endswith("/")
                found = None if skip_file else self._probe_file(target, searched)
                if found is None and self._kind(target) == _DIR:
                    found = self._probe_index(target, searched, browser)
                if found is not None:
                    return found
        return self._probe_index(directory, searched, browser)

    def _exports(
        self,
        package_dir: str,
        package_json: str,
        name: str,
        subpath: str,
        exports: Any,
        conditions: frozenset[str],
        esm: bool,
    ) -> str:
        """PACKAGE_EXPORTS_RESOLVE."""
        if isinstance(exports, (str, list)) or (
            isinstance(exports, dict) and _is_condition_map(exports, package_json)
        ):
            exports = {".": exports}
        resolved = None
        if isinstance(exports, dict):
            resolved = self._match(package_dir, package_json, subpath, exports, False, conditions, esm)
        if resolved is None or resolved is _UNDEFINED:
            if subpath == ".":
                reason = f'package "{name}" has no main export for these conditions ({package_json})'
            else:
                reason = f'subpath "{subpath}" is not exported by package "{name}" ({package_json})'
            raise _Missing(reason, [])
        return self._exported_file(resolved, package_json, subpath)

    def _imports(self, specifier: str, base: str, conditions: frozenset[str], esm: bool) -> str:
        """PACKAGE_IMPORTS_RESOLVE: ``#name`` through the nearest package.json's ``imports``."""
        if specifier == "#":
            raise _Missing('"#" is not a valid imports specifier', [])
        scope = self._scope(base)
        if scope is None:
            raise _Missing(f"no package.json above {base} to define it in its imports", [])
        manifest = self._manifest(scope)
        imports = manifest.get("imports") if manifest else None
        if isinstance(imports, dict):
            resolved = self._match(os.path.dirname(scope), scope, specifier, imports, True, conditions, esm)
            if resolved is not None and resolved is not _UNDEFINED:
                return self._exported_file(resolved, scope, specifier)
        raise _Missing(f'"{specifier}" is not defined in the "imports" of {scope}', [])

    def _match(
        self,
        package_dir: str,
        package_json: str,
        key: str,
        mapping: dict[str, Any],
        is_imports: bool,
        conditions: frozenset[str],
        esm: bool,
    ) -> Any:
        """PACKAGE_IMPORTS_EXPORTS_RESOLVE: an exact key, else the most specific ``*`` pattern."""
        if "*" not in key and key in mapping:
            return self._target(package_dir, package_json, mapping[key], None, is_imports, conditions, esm)
        # Longest prefix before "*" first, then the longest key (PATTERN_KEY_COMPARE).
        patterns = sorted((k for k in mapping if k.count("*") == 1), key=lambda k: (-k.index("*"), -len(k)))
        for pattern in patterns:
            prefix, _, suffix = pattern.partition("*")
            if key.startswith(prefix) and key != prefix:
                if not suffix or (key.endswith(suffix) and len(key) >= len(pattern)):
                    match = key[len(prefix) : len(key) - len(suffix)]
                    return self._target(
                        package_dir, package_json, mapping[pattern], match, is_imports, conditions, esm
                    )
        return None

    def _target(
        self,
        package_dir: str,
        package_json: str,
        target: Any,
        match: str | None,
        is_imports: bool,
        conditions: frozenset[str],
        esm: bool,
    ) -> Any:
        """PACKAGE_TARGET_RESOLVE: a path, None for a null target, _UNDEFINED when nothing matched."""
        if isinstance(target, str):
            if not target.startswith("./"):
                # Only "imports" may map to a package (or a built-in); nothing may leave the package.
                if (
                    not is_imports
                    or target.startswith(("../", "/"))
                    or (_URL_SCHEME.match(target) and not target.startswith("node:"))
                ):
                    raise _Broken(
                        package_json, f'invalid target "{target}" (must start with "./")', bad_target=True
                    )
                specifier = target if match is None else target.replace("*", match)
                return self._package(specifier, package_dir, conditions, esm)
            if _bad_segment(target[2:]):
                raise _Broken(package_json, f'invalid target "{target}"', bad_target=True)
            if match is not None:
                if _bad_segment(match):
                    raise _Missing(f'"{match}" is not a valid subpath for a pattern in {package_json}', [])
                target = target.replace("*", match)
            return os.path.normpath(os.path.join(package_dir, target[2:]))
        if isinstance(target, dict):
            # Conditions in the object's key order: the first active one that resolves wins.
            for condition, value in target.items():
                if condition in conditions:
                    resolved = self._target(
                        package_dir, package_json, value, match, is_imports, conditions, esm
                    )
                    if resolved is not _UNDEFINED:
                        return resolved
            return _UNDEFINED
        if isinstance(target, list):
            # Fallbacks: the first valid target wins (whether its file exists or not).
            last: Any = None if not target else _UNDEFINED
            for item in target:
                try:
                    resolved = self._target(
                        package_dir, package_json, item, match, is_imports, conditions, esm
                    )
                except _Broken as e:
                    if not e.bad_target:
                        raise
                    last = e
                    continue
                if resolved is _UNDEFINED:
                    continue
                if resolved is None:
                    last = None
                    continue
                return resolved
            if isinstance(last, _Broken):
                raise last
            return last
        if target is None:
            return None  # explicitly not exported
        raise _Broken(package_json, f"invalid target {json.dumps(target)}", bad_target=True)

    def _exported_file(self, path: str, package_json: str, key: str) -> str:
        # An exports/imports target must be a file; only the TypeScript source swap is tried.
        kind = self._kind(path)
        if kind == _FILE:
            return path
        searched = [path]
        found = self._probe_ts_source(path, searched)
        if found is not None:
            return found
        what = "a directory, not a file" if kind == _DIR else "missing"
        raise _Missing(f'{package_json} maps "{key}" to {path}, which is {what}', searched)

    # -- the "browser" field
    def _browser_package(
        self, specifier: str, base: str, conditions: frozenset[str], esm: bool
    ) -> str | None:
        """A bare specifier through the ``browser`` map of the importing package, else None."""
        scope = self._browser_scope(base)
        if scope is None:
            return None
        scope_dir, mapping = scope
        key = _browser_key(mapping, specifier, True)
        if key is None and _is_package_path(specifier):
            # Browserify's quirk, which esbuild keeps: "./pkg" in the map also stands for "pkg"
            # (relative to the importing file's folder, no extensions added).
            folder = os.path.relpath(base, scope_dir).replace(os.sep, "/")
            key = _browser_key(mapping, ("./" if folder == "." else f"./{folder}/") + specifier, False)
        if key is None:
            return None
        replacement = mapping[key]
        if replacement is False:
            if specifier in PROVIDED_BUILTINS:
                # The runtime is the Node its process object says it is: code that picks
                # Node's path on `process.versions.node` needs the built-in it asks for.
                return None
            return _disabled(scope_dir, key)
        found = self._browser_target(scope_dir, str(replacement), conditions, esm)
        if found is None:
            raise _Missing(
                f'the "browser" field of {os.path.join(scope_dir, "package.json")} maps it to '
                f'"{replacement}", which is missing',
                [],
            )
        return found

    def _browser_file(self, path: str, directory: str, conditions: frozenset[str], esm: bool) -> str | None:
        """A path (not probed yet) through the ``browser`` map of the package around
        ``directory``; None when the map does not name it or its replacement is missing."""
        mapped = self._browser_match(path, directory)
        if mapped is None:
            return None
        scope_dir, key, replacement = mapped
        if replacement is False:
            return _disabled(scope_dir, key)
        return self._browser_target(scope_dir, str(replacement), conditions, esm)

    def _browser_target(
        self, scope_dir: str, replacement: str, conditions: frozenset[str], esm: bool
    ) -> str | None:
        # A replacement is a package (resolved from the map's package) or a path relative to it.
        if _is_package_path(replacement):
            try:
                return self._package(replacement, scope_dir, conditions, esm)
            except _Missing:
                return None
        return self._probe(os.path.normpath(os.path.join(scope_dir, replacement)), [], browser=True)

    def _browser_match(self, path: str, directory: str) -> tuple[str, str, str | bool] | None:
        """``(map folder, key, replacement)`` for an absolute ``path`` in the ``browser`` map
        of the package around ``directory``: the path relative to the map's folder, as
        written or with "./", extensions and "/index" added."""
        scope = self._browser_scope(directory)
        if scope is None:
            return None
        scope_dir, mapping = scope
        relative = os.path.relpath(path, scope_dir).replace(os.sep, "/")
        if relative == ".":
            return None  # no bundler remaps the package folder itself
        key = _browser_key(mapping, relative, True)
        if key is None and _is_package_path(relative):
            key = _browser_key(mapping, "./" + relative, True)
        return None if key is None else (scope_dir, key, mapping[key])

    def _browser_scope(self, directory: str) -> tuple[str, dict[str, str | bool]] | None:
        """The folder and ``browser`` map of the nearest package.json at or above ``directory``
        whose ``browser`` is an object (one without passes on to the next; not past
        ``node_modules``), keeping only string and ``false`` values."""
        if directory in self._browser_scopes:
            return self._browser_scopes[directory]
        result = None
        scope = self._scope(directory)
        while scope is not None:
            try:
                manifest = self._manifest(scope)
            except _Broken:
                manifest = None  # reported where the package.json matters for more than this
            browser = manifest.get("browser") if manifest else None
            if isinstance(browser, dict):
                mapping = {k: v for k, v in browser.items() if isinstance(v, str) or v is False}
                result = (os.path.dirname(scope), mapping)
                break
            folder = os.path.dirname(scope)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            scope = self._scope(parent)
        self._browser_scopes[directory] = result
        return result

    # -- probing files
    def _probe(
        self, path: str, searched: list[str], directory_only: bool = False, browser: bool = False
    ) -> str | None:
        if not directory_only:
            found = self._probe_file(path, searched)
            if found is not None:
                return found
        if self._kind(path) == _DIR:
            return self._probe_dir(path, searched, browser)
        if directory_only:
            searched.append(path + os.sep)
        return None

    def _probe_file(self, path: str, searched: list[str]) -> str | None:
        # The file itself, then each extension appended, then the TypeScript source.
        for candidate in self._file_candidates(path):
            searched.append(candidate)
            if self._kind(candidate) == _FILE:
                return candidate
        return None

    @staticmethod
    def _file_candidates(path: str) -> Iterator[str]:
        yield path
        for ext in EXTENSIONS:
            yield path + ext
        root, ext = os.path.splitext(path)
        for source_ext in _TS_SOURCES.get(ext, ()):
            yield root + source_ext

    def _probe_ts_source(self, path: str, searched: list[str]) -> str | None:
        root, ext = os.path.splitext(path)
        for source_ext in _TS_SOURCES.get(ext, ()):
            candidate = root + source_ext
            searched.append(candidate)
            if self._kind(candidate) == _FILE:
                return candidate
        return None

    def _probe_dir(self, directory: str, searched: list[str], browser: bool = False) -> str | None:
        # A directory: its package.json "main" (file, or directory index), then its index.
        manifest = self._manifest(os.path.join(directory, "package.json"))
        fields = ("browser", "main") if browser else ("main",)
        return self._main_fields(directory, manifest, fields, searched, slash_is_folder=False)

    def _probe_index(self, directory: str, searched: list[str], browser: bool = False) -> str | None:
        if browser:
            # "./index.js": false, or a replacement, in the "browser" map.
            mapped = self._browser_match(os.path.join(directory, "index"), directory)
            if mapped is not None:
                scope_dir, key, replacement = mapped
                if replacement is False:
                    return _disabled(scope_dir, key)
                target = os.path.normpath(os.path.join(scope_dir, str(replacement)))
                found = self._probe_file(target, searched)
                if found is None and self._kind(target) == _DIR:
                    found = self._probe_index(target, searched)
                return found
        for ext in EXTENSIONS:
            candidate = os.path.join(directory, "index" + ext)
            searched.append(candidate)
            if self._kind(candidate) == _FILE:
                return candidate
        return None

    # -- cached file system
    def _kind(self, path: str) -> int:
        kind = self._stats.get(path)
        if kind is None:
            try:
                mode = os.stat(path).st_mode
            except (OSError, ValueError):
                kind = _MISSING
            else:
                kind = _DIR if stat.S_ISDIR(mode) else _FILE if stat.S_ISREG(mode) else _MISSING
            self._stats[path] = kind
        return kind

    def _real(self, path: str) -> str:
        real = self._reals.get(path)
        if real is None:
            real = self._reals[path] = os.path.realpath(path)
        return real

    def _manifest(self, package_json: str) -> dict[str, Any] | None:
        """The parsed package.json, None when there is none; raises _Broken when it is invalid."""
        try:
            manifest = self._manifests[package_json]
        except KeyError:
            manifest = self._manifests[package_json] = self._read_manifest(package_json)
        if isinstance(manifest, _BadJson):
            raise _Broken(package_json, manifest.detail)
        return manifest

    def _read_manifest(self, package_json: str) -> dict[str, Any] | _BadJson | None:
        if self._kind(package_json) != _FILE:
            return None
        try:
            data = Path(package_json).read_bytes()
        except OSError:
            return None
        self.consulted.add(Path(package_json))
        try:
            manifest = json.loads(data)
        except ValueError as e:
            return _BadJson(f"not valid JSON ({e})")
        if not isinstance(manifest, dict):
            return _BadJson("not a JSON object")
        return manifest

    def _scope(self, directory: str) -> str | None:
        """LOOKUP_PACKAGE_SCOPE: the nearest package.json at or above ``directory``, not
        looking past a ``node_modules`` directory."""
        visited: list[str] = []
        result: str | None = None
        while True:
            if directory in self._scopes:
                result = self._scopes[directory]
                break
            visited.append(directory)
            if os.path.basename(directory) == "node_modules":
                break
            candidate = os.path.join(directory, "package.json")
            if self._kind(candidate) == _FILE:
                result = candidate
                break
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            directory = parent
        for seen in visited:
            self._scopes[seen] = result
        return result
