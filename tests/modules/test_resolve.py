"""Node.js-style resolution of import and require specifiers, on real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import runtime
from runtime.modules.graph import Graph
from runtime.modules.resolve import (
    BUILTINS_DIR,
    DISABLED_SUFFIX,
    PROVIDED_BUILTINS,
    REQUIRE_CONDITIONS,
    BuiltinNotProvided,
    InvalidPackage,
    ModuleNotFound,
    Resolver,
    builtin_name,
    is_disabled,
)


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def package(directory: Path, **fields: object) -> Path:
    return write(directory / "package.json", json.dumps(fields))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path.resolve()


@pytest.fixture
def entry(root: Path) -> Path:
    return write(root / "app" / "src" / "index.ts")


@pytest.fixture
def modules(root: Path) -> Path:
    return root / "app" / "node_modules"


@pytest.fixture
def resolver() -> Resolver:
    return Resolver()


# -- relative paths


def test_relative_with_extension(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent / "util.js")
    assert resolver.resolve("./util.js", entry) == target


def test_relative_parent_directory(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent.parent / "lib" / "x.mjs")
    assert resolver.resolve("../lib/x.mjs", entry) == target


def test_extensionless_probes_in_order(resolver: Resolver, entry: Path) -> None:
    write(entry.parent / "util.js")
    ts = write(entry.parent / "util.ts")
    assert resolver.resolve("./util", entry) == ts


def test_extensionless_finds_json(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent / "data.json", "{}")
    assert resolver.resolve("./data", entry) == target


def test_directory_index(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent / "lib" / "index.tsx")
    assert resolver.resolve("./lib", entry) == target
    assert resolver.resolve("./lib/", entry) == target


@pytest.mark.parametrize("kind", ["import", "require"])
def test_directory_with_main(resolver: Resolver, entry: Path, kind: str) -> None:
    package(entry.parent / "lib", main="./dist/main")
    write(entry.parent / "lib" / "index.js")
    target = write(entry.parent / "lib" / "dist" / "main.cjs")
    assert resolver.resolve("./lib", entry, kind=kind) == target


@pytest.mark.parametrize(
    ("spec", "source"), [("./a.js", "a.ts"), ("./b.js", "b.tsx"), ("./c.mjs", "c.mts"), ("./d.cjs", "d.cts")]
)
def test_js_specifier_finds_typescript_source(
    resolver: Resolver, entry: Path, spec: str, source: str
) -> None:
    target = write(entry.parent / source)
    assert resolver.resolve(spec, entry) == target


def test_existing_js_file_wins_over_ts(resolver: Resolver, entry: Path) -> None:
    js = write(entry.parent / "a.js")
    write(entry.parent / "a.ts")
    assert resolver.resolve("./a.js", entry) == js


def test_absolute_path_and_file_url(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent / "dir with space" / "abs.ts")
    assert resolver.resolve(str(target.with_suffix("")), entry) == target
    assert resolver.resolve(target.as_uri(), entry) == target


def test_no_importer_resolves_from_cwd(
    resolver: Resolver, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(root / "main.js")
    monkeypatch.chdir(root)
    assert resolver.resolve("./main", None) == target


def test_missing_relative_names_importer_line_and_paths(resolver: Resolver, entry: Path) -> None:
    with pytest.raises(ModuleNotFound) as info:
        resolver.resolve("./missing.js", entry, line=3)
    message = str(info.value)
    assert message.startswith(f'Cannot find module "./missing.js" imported from {entry}:3 (looked for ')
    assert f"{entry.parent / 'missing.js'}, {entry.parent / 'missing.js.ts'}" in message
    assert "more)" in message  # the list is cut short
    assert info.value.specifier == "./missing.js"
    assert info.value.importer == str(entry)
    assert str(entry.parent / "missing.ts") in info.value.searched


def test_result_is_real_path(resolver: Resolver, entry: Path) -> None:
    target = write(entry.parent / "real.js")
    (entry.parent / "alias.js").symlink_to(target)
    assert resolver.resolve("./alias.js", entry) == target


# -- packages without exports


def test_bare_package_main(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="lib/main")
    target = write(modules / "lib" / "lib" / "main.js")
    assert resolver.resolve("lib", entry) == target


def test_bare_package_index_without_main(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", name="lib")
    target = write(modules / "lib" / "index.js")
    assert resolver.resolve("lib", entry) == target


def test_module_field_for_import_main_for_require(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="./cjs.js", module="./esm.js")
    esm, cjs = write(modules / "lib" / "esm.js"), write(modules / "lib" / "cjs.js")
    assert resolver.resolve("lib", entry) == esm
    assert resolver.resolve("lib", entry, kind="require") == cjs


def test_module_field_ignored_when_missing(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="./cjs.js", module="./gone.js")
    cjs = write(modules / "lib" / "cjs.js")
    assert resolver.resolve("lib", entry) == cjs


def test_subpath_without_exports_is_a_file(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="index.js")
    target = write(modules / "lib" / "fp" / "map.js")
    assert resolver.resolve("lib/fp/map", entry) == target
    assert resolver.resolve("lib/fp/map.js", entry, kind="require") == target


def test_package_without_entry_point(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="nope.js")
    with pytest.raises(ModuleNotFound, match=r'package "lib" .* has no entry point \(looked for .*nope\.js'):
        resolver.resolve("lib", entry)


def test_scoped_package(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "@scope" / "pkg", main="main.js")
    main = write(modules / "@scope" / "pkg" / "main.js")
    sub = write(modules / "@scope" / "pkg" / "sub" / "x.js")
    assert resolver.resolve("@scope/pkg", entry) == main
    assert resolver.resolve("@scope/pkg/sub/x", entry) == sub


def test_node_modules_several_levels_up(resolver: Resolver, root: Path) -> None:
    importer = write(root / "a" / "b" / "c" / "d.js")
    target = write(root / "node_modules" / "far" / "index.js")
    assert resolver.resolve("far", importer) == target


def test_nearest_node_modules_wins(resolver: Resolver, root: Path) -> None:
    importer = write(root / "a" / "b" / "d.js")
    write(root / "node_modules" / "dup" / "index.js")
    near = write(root / "a" / "node_modules" / "dup" / "index.js")
    assert resolver.resolve("dup", importer) == near


def test_missing_package_lists_node_modules_searched(resolver: Resolver, entry: Path) -> None:
    with pytest.raises(ModuleNotFound) as info:
        resolver.resolve("left-pad/x", entry, line=7)
    message = str(info.value)
    assert f"imported from {entry}:7" in message
    assert 'package "left-pad" is not installed (npm install left-pad)' in message
    assert f"looked in {entry.parent / 'node_modules'}, {entry.parent.parent / 'node_modules'}" in message
    assert info.value.searched[-1] == os.path.join(os.sep, "node_modules")


def test_symlinked_package_resolves_to_real_path(
    resolver: Resolver, root: Path, entry: Path, modules: Path
) -> None:
    store = root / "store" / "linked"
    package(store, name="linked", main="main.js")
    main = write(store / "main.js")
    dep = write(root / "store" / "node_modules" / "dep" / "index.js")
    modules.mkdir(parents=True)
    (modules / "linked").symlink_to(store, target_is_directory=True)
    assert resolver.resolve("linked", entry) == main
    # Its own imports resolve from where it really lives (Node's default, like pnpm needs).
    assert resolver.resolve("dep", main) == dep


# -- exports


def test_exports_string(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", main="main.js", exports="./dist/index.js")
    write(modules / "lib" / "main.js")
    target = write(modules / "lib" / "dist" / "index.js")
    assert resolver.resolve("lib", entry) == target
    assert resolver.resolve("lib", entry, kind="require") == target


def test_exports_subpaths(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(
        modules / "lib",
        exports={".": "./main.js", "./extra": "./src/extra.js", "./package.json": "./package.json"},
    )
    main, extra = write(modules / "lib" / "main.js"), write(modules / "lib" / "src" / "extra.js")
    assert resolver.resolve("lib", entry) == main
    assert resolver.resolve("lib/extra", entry) == extra
    assert resolver.resolve("lib/package.json", entry) == modules / "lib" / "package.json"


def test_exports_pattern(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={"./features/*": "./src/features/*.js"})
    target = write(modules / "lib" / "src" / "features" / "deep" / "a.js")
    assert resolver.resolve("lib/features/deep/a", entry) == target


def test_exports_pattern_with_extension(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={"./*.js": "./dist/*.js"})
    target = write(modules / "lib" / "dist" / "util.js")
    assert resolver.resolve("lib/util.js", entry) == target
    with pytest.raises(ModuleNotFound, match="not exported"):
        resolver.resolve("lib/util", entry)


def test_exports_most_specific_pattern_wins(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={"./*": "./any/*.js", "./icons/*": "./icons/*.js"})
    icon = write(modules / "lib" / "icons" / "x.js")
    other = write(modules / "lib" / "any" / "y.js")
    assert resolver.resolve("lib/icons/x", entry) == icon
    assert resolver.resolve("lib/y", entry) == other


def test_exports_target_must_exist(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports="./dist/gone.js")
    with pytest.raises(ModuleNotFound, match=r'maps "\." to .*gone\.js, which is missing'):
        resolver.resolve("lib", entry)


def test_exports_target_js_finds_ts_source(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports="./src/index.js")
    target = write(modules / "lib" / "src" / "index.ts")
    assert resolver.resolve("lib", entry) == target


CONDITIONAL = {
    "node": "./node.js",
    "worker": "./worker.js",
    "import": "./import.js",
    "default": "./default.js",
}


def _conditional(modules: Path, exports: object) -> Path:
    package(modules / "cond", exports=exports)
    for name in ("node", "worker", "import", "require", "default", "browser"):
        write(modules / "cond" / f"{name}.js")
    return modules / "cond"


def test_conditions_pick_worker_by_default(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, CONDITIONAL)
    assert resolver.resolve("cond", entry) == pkg / "worker.js"


def test_custom_conditions_change_the_choice(entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, CONDITIONAL)
    assert Resolver(("node", "import")).resolve("cond", entry) == pkg / "node.js"
    assert Resolver(("import",)).resolve("cond", entry) == pkg / "import.js"
    assert Resolver(("custom",)).resolve("cond", entry) == pkg / "default.js"


def test_object_key_order_decides_not_condition_order(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, {"import": "./import.js", "worker": "./worker.js"})
    assert resolver.resolve("cond", entry) == pkg / "import.js"


def test_nested_conditions(resolver: Resolver, entry: Path, modules: Path) -> None:
    exports = {
        ".": {
            "node": "./node.js",
            "browser": {"require": "./require.js", "import": "./import.js"},
            "default": "./default.js",
        }
    }
    pkg = _conditional(modules, exports)
    assert resolver.resolve("cond", entry) == pkg / "import.js"
    assert resolver.resolve("cond", entry, kind="require") == pkg / "require.js"


def test_nested_conditions_without_match_fall_through(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, {"browser": {"node": "./node.js"}, "default": "./default.js"})
    assert resolver.resolve("cond", entry) == pkg / "default.js"


def test_require_vs_import_conditions(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, {"import": "./import.js", "require": "./require.js"})
    assert resolver.resolve("cond", entry) == pkg / "import.js"
    assert resolver.resolve("cond", entry, kind="require") == pkg / "require.js"
    assert resolver.require_conditions == REQUIRE_CONDITIONS


def test_custom_require_conditions(entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, {"node": "./node.js", "require": "./require.js", "default": "./default.js"})
    resolver = Resolver(require_conditions=("node",))
    assert resolver.resolve("cond", entry, kind="require") == pkg / "node.js"


def test_array_fallback_skips_invalid_targets(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _conditional(modules, {".": ["invalid:target", {"node": "./node.js"}, "./default.js"]})
    assert resolver.resolve("cond", entry) == pkg / "default.js"


def test_null_target_is_not_exported(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={"./*": "./src/*.js", "./internal/*": None, "./off": {"worker": None}})
    write(modules / "lib" / "src" / "internal" / "secret.js")
    write(modules / "lib" / "src" / "public.js")
    write(modules / "lib" / "src" / "off.js")
    assert resolver.resolve("lib/public", entry) == modules / "lib" / "src" / "public.js"
    for spec in ("lib/internal/secret", "lib/off"):
        with pytest.raises(ModuleNotFound, match="is not exported"):
            resolver.resolve(spec, entry)


def test_unexported_subpath_message(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={".": "./main.js"})
    write(modules / "lib" / "main.js")
    write(modules / "lib" / "internal.js")
    with pytest.raises(ModuleNotFound) as info:
        resolver.resolve("lib/internal.js", entry, line=2)
    pj = modules / "lib" / "package.json"
    assert str(info.value) == (
        f'Cannot find module "lib/internal.js" imported from {entry}:2: '
        f'subpath "./internal.js" is not exported by package "lib" ({pj})'
    )
    assert info.value.searched == []


def test_self_reference(resolver: Resolver, root: Path) -> None:
    package(root / "mine", name="mine", exports={".": "./src/index.js", "./util": "./src/util.js"})
    index = write(root / "mine" / "src" / "index.js")
    util = write(root / "mine" / "src" / "util.js")
    assert resolver.resolve("mine/util", index) == util
    assert resolver.resolve("mine", util) == index


def test_mixed_exports_keys_are_invalid(resolver: Resolver, entry: Path, modules: Path) -> None:
    pj = package(modules / "lib", exports={".": "./a.js", "import": "./b.js"})
    with pytest.raises(InvalidPackage, match="mixes subpath keys") as info:
        resolver.resolve("lib", entry)
    assert info.value.package_json == str(pj)


def test_target_leaving_package_is_invalid(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports={"./x": "../outside.js", "./y": "./a/../../outside.js"})
    for spec in ("lib/x", "lib/y"):
        with pytest.raises(InvalidPackage, match="invalid target"):
            resolver.resolve(spec, entry)


# -- imports


def test_imports_exact_pattern_and_conditions(resolver: Resolver, root: Path, entry: Path) -> None:
    package(
        root / "app",
        imports={
            "#config": "./src/config.ts",
            "#utils/*": "./src/utils/*.ts",
            "#env": {"node": "./src/env-node.ts", "worker": "./src/env-worker.ts"},
        },
    )
    config = write(root / "app" / "src" / "config.ts")
    helper = write(root / "app" / "src" / "utils" / "str" / "helper.ts")
    env = write(root / "app" / "src" / "env-worker.ts")
    deep = write(root / "app" / "src" / "deep" / "x.ts")
    assert resolver.resolve("#config", entry) == config
    assert resolver.resolve("#utils/str/helper", deep) == helper
    assert resolver.resolve("#env", entry) == env


def test_imports_target_can_be_a_package(resolver: Resolver, root: Path, entry: Path, modules: Path) -> None:
    package(root / "app", imports={"#dep": "dep", "#fs": {"worker": "node:fs"}})
    target = write(modules / "dep" / "index.js")
    assert resolver.resolve("#dep", entry) == target
    with pytest.raises(BuiltinNotProvided, match=r'cannot import "node:fs" \(via "#fs"\)'):
        resolver.resolve("#fs", entry)


def test_undefined_import_is_not_found(resolver: Resolver, root: Path, entry: Path) -> None:
    pj = package(root / "app", imports={"#a": "./a.js"})
    with pytest.raises(ModuleNotFound, match=f'"#b" is not defined in the "imports" of {pj}'):
        resolver.resolve("#b", entry)


# -- the "browser" field (expected values checked against esbuild 0.28 --platform=browser)

NO_BROWSER = ("workerd", "worker", "import", "default")


def _browser_package(modules: Path) -> Path:
    """A package whose "browser" map swaps its entry, turns off a file and two built-ins (the
    runtime keeps the one it provides), and replaces two packages (one with a file of its
    own, one with another package)."""
    pkg = modules / "pkg"
    package(
        pkg,
        name="pkg",
        main="./lib/node.js",
        browser={
            "./lib/node.js": "./lib/browser.js",
            "./lib/util.inspect.js": False,
            "fs": False,
            "util": False,
            "some-dep": "./shim.js",
            "other": "other-dep",
            "./lib/gone": False,
            "./lib/kept.js": True,  # neither a path nor false: ignored
        },
    )
    write(pkg / "lib" / "node.js", 'module.exports = { where: "node", fs: require("fs") };')
    write(
        pkg / "lib" / "browser.js",
        """
        module.exports = {
            where: "browser",
            inspect: require("./util.inspect"),
            inspectJs: require("./util.inspect.js"),
            fs: require("fs"),
            util: typeof require("util").inspect,
            same: require("fs") === require("util"),
            dep: require("some-dep"),
            other: require("other"),
            gone: require("./gone"),
            goneJs: require("./gone.js"),
            kept: require("./kept.js"),
        };
        """,
    )
    write(
        pkg / "lib" / "esm.mjs",
        """
        import c, { readFileSync } from "fs";
        import * as ns from "fs";
        import inspect from "./util.inspect.js";
        export const out = { c, readFileSync: typeof readFileSync, keys: Object.keys(ns), inspect };
        """,
    )
    for name in ("util.inspect", "gone", "kept"):
        write(pkg / "lib" / f"{name}.js", f'module.exports = "{name}";')
    write(pkg / "shim.js", 'module.exports = "shim";')
    package(modules / "some-dep", name="some-dep")
    write(modules / "some-dep" / "index.js", 'module.exports = "some-dep";')
    package(modules / "other-dep", name="other-dep")
    write(modules / "other-dep" / "index.js", 'module.exports = "other-dep";')
    return pkg


@pytest.mark.parametrize("kind", ["import", "require"])
def test_browser_string_is_the_entry_before_module_and_main(
    resolver: Resolver, entry: Path, modules: Path, kind: str
) -> None:
    package(modules / "lib", main="./main.js", module="./module.mjs", browser="./browser")
    for name in ("main.js", "module.mjs", "browser.js"):
        write(modules / "lib" / name)
    assert resolver.resolve("lib", entry, kind=kind) == modules / "lib" / "browser.js"
    expected = "module.mjs" if kind == "import" else "main.js"
    assert Resolver(NO_BROWSER).resolve("lib", entry, kind=kind) == modules / "lib" / expected


def test_exports_win_over_the_browser_string(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(
        modules / "lib",
        main="./main.js",
        browser="./browser.js",
        exports={".": "./exports.js", "./x": "./main.js"},
    )
    for name in ("main.js", "browser.js", "exports.js"):
        write(modules / "lib" / name)
    assert resolver.resolve("lib", entry) == modules / "lib" / "exports.js"
    assert resolver.resolve("lib/x", entry) == modules / "lib" / "main.js"


@pytest.mark.parametrize("kind", ["import", "require"])
def test_browser_map_applies_to_the_package_entry(
    resolver: Resolver, entry: Path, modules: Path, kind: str
) -> None:
    pkg = _browser_package(modules)
    assert resolver.resolve("pkg", entry, kind=kind) == pkg / "lib" / "browser.js"


def test_browser_map_replaces_files(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = _browser_package(modules)
    inside = pkg / "lib" / "esm.mjs"
    browser = pkg / "lib" / "browser.js"
    # A key with an extension matches the request without; "./x" matches "./x/index.js" too.
    assert resolver.resolve("./node.js", inside) == browser
    assert resolver.resolve("./node", inside, kind="require") == browser
    assert resolver.resolve("../lib/node", inside) == browser
    # A subpath of the package, from outside it, goes through its map too.
    assert resolver.resolve("pkg/lib/node.js", entry) == browser
    # A key without an extension does not match a request with one (as in esbuild and webpack).
    assert resolver.resolve("./gone.js", inside) == pkg / "lib" / "gone.js"
    assert resolver.resolve("./kept.js", inside) == pkg / "lib" / "kept.js"


@pytest.mark.parametrize(
    ("spec", "key"),
    [
        ("./util.inspect", "lib/util.inspect.js"),
        ("./util.inspect.js", "lib/util.inspect.js"),
        ("./gone", "lib/gone"),
        ("fs", "fs"),
    ],
)
def test_browser_false_is_an_empty_module(resolver: Resolver, modules: Path, spec: str, key: str) -> None:
    pkg = _browser_package(modules)
    found = resolver.resolve(spec, pkg / "lib" / "browser.js", kind="require")
    # One empty module per key of the map: a path that is no file, named after the key.
    assert is_disabled(found)
    assert str(found) == str(pkg / key) + DISABLED_SUFFIX
    assert not found.exists()


def test_browser_false_keeps_a_provided_builtin(resolver: Resolver, modules: Path) -> None:
    # Unlike a bundler for the browser: the runtime's process says it is Node, so a package
    # that takes Node's path on process.versions.node (node-forge) finds what it requires.
    pkg = _browser_package(modules)
    found = resolver.resolve("util", pkg / "lib" / "browser.js", kind="require")
    assert not is_disabled(found)
    assert found == BUILTINS_DIR / "util.js"
    assert is_disabled(resolver.resolve("fs", pkg / "lib" / "browser.js", kind="require"))


def test_browser_map_replaces_packages(resolver: Resolver, modules: Path) -> None:
    pkg = _browser_package(modules)
    inside = pkg / "lib" / "browser.js"
    assert resolver.resolve("some-dep", inside) == pkg / "shim.js"
    assert resolver.resolve("other", inside, kind="require") == modules / "other-dep" / "index.js"


def test_browser_map_needs_the_browser_condition(entry: Path, modules: Path) -> None:
    pkg = _browser_package(modules)
    resolver = Resolver(NO_BROWSER)
    assert resolver.resolve("pkg", entry) == pkg / "lib" / "node.js"
    assert resolver.resolve("./util.inspect", pkg / "lib" / "browser.js") == pkg / "lib" / "util.inspect.js"
    assert resolver.resolve("some-dep", pkg / "lib" / "browser.js") == modules / "some-dep" / "index.js"
    with pytest.raises(BuiltinNotProvided):
        resolver.resolve("fs", pkg / "lib" / "node.js", kind="require")


def test_browser_map_applies_only_inside_its_package(resolver: Resolver, entry: Path, modules: Path) -> None:
    _browser_package(modules)
    assert resolver.resolve("some-dep", entry) == modules / "some-dep" / "index.js"
    with pytest.raises(BuiltinNotProvided):
        resolver.resolve("fs", entry)


def test_browser_map_of_the_app_itself(resolver: Resolver, root: Path, entry: Path, modules: Path) -> None:
    package(root / "app", name="app", browser={"fs": False, "./src/server.ts": "./src/client.ts"})
    client = write(entry.parent / "client.ts")
    write(entry.parent / "server.ts")
    assert is_disabled(resolver.resolve("fs", entry))
    assert resolver.resolve("./server", entry) == client
    # Its packages have maps of their own, or none (esbuild would let this one apply to them).
    package(modules / "dep", name="dep")
    with pytest.raises(BuiltinNotProvided):
        resolver.resolve("fs", write(modules / "dep" / "index.js"))


def test_browser_map_with_index_and_nested_package_json(
    resolver: Resolver, entry: Path, modules: Path
) -> None:
    package(modules / "idx", name="idx", browser={"./index.js": "./browser.js"})
    write(modules / "idx" / "index.js")
    replacement = write(modules / "idx" / "browser.js")
    assert resolver.resolve("idx", entry) == replacement
    package(modules / "off", name="off", browser={"./index.js": False})
    write(modules / "off" / "index.js")
    assert is_disabled(resolver.resolve("off", entry, kind="require"))
    # A package.json without a "browser" object (here only "type") leaves the package's map in force.
    nested = modules / "nest" / "dist" / "esm"
    package(
        modules / "nest",
        name="nest",
        main="./dist/esm/index.js",
        browser={"fs": False, "./dist/esm/x.js": "./dist/esm/y.js"},
    )
    package(nested, type="module")
    write(nested / "index.js")
    y = write(nested / "y.js")
    write(nested / "x.js")
    assert resolver.resolve("./x", nested / "index.js") == y
    assert is_disabled(resolver.resolve("fs", nested / "index.js"))


def test_exports_targets_are_not_remapped(resolver: Resolver, entry: Path, modules: Path) -> None:
    pkg = modules / "lib"
    package(
        pkg,
        name="lib",
        exports={".": "./node.js", "./inner": "./inner.js"},
        browser={"./node.js": "./browser.js", "./dep.js": "./dep-browser.js"},
    )
    for name in ("node.js", "browser.js", "inner.js", "dep.js", "dep-browser.js"):
        write(pkg / name)
    assert resolver.resolve("lib", entry) == pkg / "node.js"
    assert resolver.resolve("./dep", pkg / "inner.js") == pkg / "dep-browser.js"


def test_browser_map_replacement_that_is_missing(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", name="lib", browser={"./a.js": "./gone.js", "dep": "./gone.js"})
    a = write(modules / "lib" / "a.js")
    # A file's replacement that is missing leaves the file (esbuild); a package's is an error.
    assert resolver.resolve("./a", a) == a
    with pytest.raises(ModuleNotFound, match=r'maps it to "\./gone\.js", which is missing'):
        resolver.resolve("dep", a)


def test_browser_field_on_engines(ctx: runtime.Context, root: Path, modules: Path) -> None:
    _browser_package(modules)
    main = write(
        root / "app" / "main.mjs",
        """
        import pkg from "pkg";
        import { out } from "pkg/lib/esm.mjs";
        export const result = { pkg, out };
        """,
    )
    assert ctx.import_module(main)["result"] == {
        "pkg": {
            "where": "browser",
            "inspect": {},
            "inspectJs": {},
            "fs": {},
            "util": "function",  # a provided built-in stays itself
            "same": False,
            "dep": "shim",
            "other": "other-dep",
            "gone": {},
            "goneJs": "gone",
            "kept": "kept",
        },
        # Named imports of an empty module are undefined, its namespace has only "default".
        "out": {"c": {}, "readFileSync": "undefined", "keys": ["default"], "inspect": {}},
    }


def test_browser_field_off_with_other_conditions(engine: str, root: Path, modules: Path) -> None:
    pkg = _browser_package(modules)
    main = write(root / "app" / "main.mjs", 'export { out } from "pkg/lib/esm.mjs";')
    with runtime.Context(engine, conditions=NO_BROWSER) as ctx, pytest.raises(runtime.JSError) as info:
        ctx.import_module(main)
    assert f'{pkg / "lib" / "esm.mjs"}:2: cannot import "fs"' in str(info.value)


def test_graph_files_leave_out_empty_modules(root: Path, modules: Path) -> None:
    _browser_package(modules)
    graph = Graph()
    graph.load(write(root / "app" / "main.mjs", 'import pkg from "pkg";'))
    assert any(is_disabled(record.path) for record in graph.records)
    assert all(path.is_file() for path in graph.files)


# -- built-ins


@pytest.mark.parametrize("spec", ["node:fs", "fs", "fs/promises", "node:test", "child_process"])
def test_builtins_not_provided_are_refused(resolver: Resolver, entry: Path, spec: str) -> None:
    with pytest.raises(BuiltinNotProvided) as info:
        resolver.resolve(spec, entry, line=12)
    provided = ", ".join(sorted(PROVIDED_BUILTINS))
    assert str(info.value) == (
        f'{entry}:12: cannot import "{spec}": this Node.js built-in module is not provided by this '
        f"runtime (it has web APIs and these built-ins: {provided}); use a web API or a package that "
        f'does not need "{spec}"'
    )
    assert isinstance(info.value, ModuleNotFound)


@pytest.mark.parametrize("kind", ["import", "require"])
def test_provided_builtins_resolve_to_their_files(entry: Path, kind: str) -> None:
    assert {"buffer", "events", "path", "process", "util"} <= PROVIDED_BUILTINS
    for resolver in (Resolver(), Resolver(NO_BROWSER)):
        for name in sorted(PROVIDED_BUILTINS):
            found = resolver.resolve(f"node:{name}", entry, kind=kind)
            assert found == BUILTINS_DIR / f"{name}.js"
            assert resolver.resolve(name, entry, kind=kind) == found
            assert builtin_name(found) == f"node:{name}"
    assert builtin_name(entry) is None
    # Their internals are files of the folder, but no built-in.
    assert (BUILTINS_DIR / "internal" / "errors.js").is_file()
    with pytest.raises(BuiltinNotProvided):
        Resolver().resolve("node:internal/errors", entry, kind=kind)


def test_builtin_name_with_trailing_slash_is_a_package(
    resolver: Resolver, entry: Path, modules: Path
) -> None:
    target = write(modules / "punycode" / "punycode.js")
    package(modules / "punycode", main="punycode.js")
    assert resolver.resolve("punycode/", entry, kind="require") == target
    assert Resolver(NO_BROWSER).resolve("punycode", entry, kind="require") == BUILTINS_DIR / "punycode.js"


@pytest.mark.parametrize("kind", ["import", "require"])
def test_an_installed_stand_in_for_a_builtin_is_used_for_the_browser(
    resolver: Resolver, entry: Path, modules: Path, kind: str
) -> None:
    # esbuild --platform=browser does the same for a built-in not provided here; a provided
    # one wins, as in Node (one Buffer class, one EventEmitter for every module).
    stand_in = write(modules / "fs" / "index.js")
    package(modules / "fs", main="./index.js")
    assert resolver.resolve("fs", entry, kind=kind) == stand_in
    with pytest.raises(BuiltinNotProvided):
        resolver.resolve("node:fs", entry, kind=kind)  # node: always means the built-in
    with pytest.raises(BuiltinNotProvided):
        Resolver(NO_BROWSER).resolve("fs", entry, kind=kind)
    write(modules / "events" / "events.js")
    package(modules / "events", main="./events.js")
    for resolver_ in (resolver, Resolver(NO_BROWSER)):
        assert resolver_.resolve("events", entry, kind=kind) == BUILTINS_DIR / "events.js"
        assert resolver_.resolve("node:events", entry, kind=kind) == BUILTINS_DIR / "events.js"
    assert resolver.resolve("events/", entry, kind=kind) == modules / "events" / "events.js"


# -- package.json handling


def test_invalid_package_json_names_the_file(resolver: Resolver, entry: Path, modules: Path) -> None:
    pj = write(modules / "broken" / "package.json", "{ not json")
    with pytest.raises(InvalidPackage) as info:
        resolver.resolve("broken", entry, line=1)
    assert str(pj) in str(info.value)
    assert f"imported from {entry}:1" in str(info.value)
    assert isinstance(info.value, ModuleNotFound)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.mjs", "esm"), ("a.mts", "esm"), ("a.cjs", "cjs"), ("a.cts", "cjs"), ("a.json", "json")],
)
def test_format_by_extension(resolver: Resolver, root: Path, name: str, expected: str) -> None:
    package(root, type="commonjs" if expected == "esm" else "module")
    assert resolver.format_of(write(root / name)) == expected


@pytest.mark.parametrize(("type_", "expected"), [("module", "esm"), ("commonjs", "cjs"), (None, "auto")])
@pytest.mark.parametrize("ext", [".js", ".ts", ".jsx", ".tsx"])
def test_format_by_package_type(
    resolver: Resolver, root: Path, type_: str | None, expected: str, ext: str
) -> None:
    package(root / "pkg", **({"type": type_} if type_ else {}))
    # The nearest package.json decides, even without a "type" and with one further up.
    package(root, type="module" if type_ != "module" else "commonjs")
    assert resolver.format_of(write(root / "pkg" / "src" / f"a{ext}")) == expected


def test_format_without_package_json_is_auto(resolver: Resolver, root: Path) -> None:
    assert resolver.format_of(write(root / "node_modules" / "loose.js")) == "auto"


def test_consulted_records_package_json_files(
    resolver: Resolver, root: Path, entry: Path, modules: Path
) -> None:
    app = package(root / "app", imports={"#x": "./src/x.js"})
    lib = package(modules / "lib", exports="./main.js")
    write(modules / "lib" / "main.js")
    write(root / "app" / "src" / "x.js")
    resolver.resolve("lib", entry)
    resolver.resolve("#x", entry)
    assert {app, lib} <= resolver.consulted


def test_package_json_is_cached_until_cleared(resolver: Resolver, entry: Path, modules: Path) -> None:
    package(modules / "lib", exports="./a.js")
    a, b = write(modules / "lib" / "a.js"), write(modules / "lib" / "b.js")
    assert resolver.resolve("lib", entry) == a
    package(modules / "lib", exports="./b.js")
    assert resolver.resolve("lib", entry) == a
    resolver.clear_cache()
    assert resolver.resolve("lib", entry) == b


def test_unsupported_url_and_bad_kind(resolver: Resolver, entry: Path) -> None:
    with pytest.raises(ModuleNotFound, match='"https:" URLs are not supported'):
        resolver.resolve("https://example.com/x.js", entry)
    with pytest.raises(ValueError):
        resolver.resolve("./x", entry, kind="load")
