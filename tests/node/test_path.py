"""node:path (with node:path/posix and node:path/win32), checked against Node.js.

Node resolves relative paths from process.cwd(); this runtime has no process and resolves
them from "/", so the cases that depend on it are not compared with Node.
"""

from __future__ import annotations

from pathlib import Path

# Turns a thrown error into JSON.
CATCH = r"""
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
"""


def test_exports(node_js):
    assert node_js(r"""
import path, * as ns from "node:path";
import { join, posix, win32, sep } from "node:path";
import posixDefault from "node:path/posix";
import win32Default, { join as winJoin } from "path/win32";
// matchesGlob (experimental in Node) is not provided.
const keys = (o) => Object.keys(o).filter((k) => k !== "matchesGlob");
export default {
  keys: keys(path),
  winKeys: keys(path.win32),
  same: [path === posix, path.posix === posix, posix.posix === posix, win32.win32 === win32, win32.posix === posix,
    posixDefault === posix, win32Default === win32, ns.default === path, ns.join === join, join === path.join,
    winJoin === win32.join, path._makeLong === path.toNamespacedPath, win32._makeLong === win32.toNamespacedPath],
  seps: [sep, path.delimiter, win32.sep, win32.delimiter],
  names: [path.join.name, path.resolve.name, win32.relative.name, path.format.length === 1],
  lengths: [path.join.length, path.resolve.length, path.relative.length, path.basename.length, path.dirname.length],
  constructible: (() => { try { new path.join(); return true; } catch { return false; } })(),
};
""") == {
        "keys": [
            "resolve",
            "normalize",
            "isAbsolute",
            "join",
            "relative",
            "toNamespacedPath",
            "dirname",
            "basename",
            "extname",
            "format",
            "parse",
            "sep",
            "delimiter",
            "win32",
            "posix",
            "_makeLong",
        ],
        "winKeys": [
            "resolve",
            "normalize",
            "isAbsolute",
            "join",
            "relative",
            "toNamespacedPath",
            "dirname",
            "basename",
            "extname",
            "format",
            "parse",
            "sep",
            "delimiter",
            "win32",
            "posix",
            "_makeLong",
        ],
        "same": [True, True, True, True, True, True, True, True, True, True, True, True, True],
        "seps": ["/", ":", "\\", ";"],
        "names": ["join", "resolve", "relative", True],
        "lengths": [0, 0, 2, 2, 1],
        "constructible": False,
    }


def test_posix(node_js):
    assert node_js(r"""
import path from "node:path";
const inputs = ["", ".", "..", "/", "//", "///", "a", "a/", "/a/b/", "a//b", "./a", "../a/..", "/../a", "a/../..",
  "/a/./b/../c/", "foo/bar/baz/asdf/quux/..", "...", "/.../..", ".a", "a.", "a.b.c", "/x/.bashrc", "/x/file.tar.gz/",
  "/x/..", "/..", "a\\b/c.d", "//a//b//", "/é/ü.txt"];
const parsed = (p) => { const o = path.parse(p); return [o.root, o.dir, o.base, o.name, o.ext]; };
export default {
  rows: inputs.map((p) => [p, path.normalize(p), path.dirname(p), path.basename(p), path.extname(p),
    path.isAbsolute(p), path.toNamespacedPath(p), ...parsed(p)]),
  parseKeys: Object.keys(path.parse("/a/b.c")),
  basename: [["/a/b.html", ".html"], ["/a/b.html", "b.html"], ["b.html", ".HTML"], ["a/aaa", "a"], ["/a/b.js/", ".js"],
    ["x.js", "x.js"], ["/x.js", "x.js"], ["file", ""], ["ab", "abc"], ["//a//", "a"], ["a.js", "s"]]
    .map(([p, s]) => path.basename(p, s)),
  join: [["/foo", "bar", "baz/asdf", "quux", ".."], [], [""], ["", ""], ["a", "", "b"], ["/", "/a"], ["a/", "/b/"],
    ["..", "..", "x"], ["./", "./"], ["//", "a"], [".", "."]].map((args) => path.join(...args)),
  resolve: [["/foo/bar", "./baz"], ["/foo/bar", "/tmp/file/"], ["/a", "b", "../c"], ["/a", "", "b"], ["/", ".."],
    ["/a/b", "c/../../../d"], ["//a", "b"], ["/a/b/"]].map((args) => path.resolve(...args)),
  relative: [["/data/orandea/test/aaa", "/data/orandea/impl/bbb"], ["/a", "/a"], ["/a/b", "/a/b/c/d"], ["/a/b/c", "/a"],
    ["/", "/x"], ["/x", "/"], ["/ab", "/ac"], ["/a/b", "/a/bc"], ["/a/bc", "/a/b"], ["/a//b/", "/a/b"], ["/a", "/a/"]]
    .map(([a, b]) => path.relative(a, b)),
  format: [{ root: "/ignored", dir: "/home/user/dir", base: "file.txt" }, { root: "/", base: "file.txt", ext: "ignored" },
    { root: "/", name: "file", ext: ".txt" }, { name: "x", ext: "js" }, { dir: "d", name: "n" }, {}, { root: "/", dir: "/" },
    { dir: "a", base: "" }, path.parse("/home/u/f.txt")].map((o) => path.format(o)),
};
""") == {
        "rows": [
            ["", ".", ".", "", "", False, "", "", "", "", "", ""],
            [".", ".", ".", ".", "", False, ".", "", "", ".", ".", ""],
            ["..", "..", ".", "..", "", False, "..", "", "", "..", "..", ""],
            ["/", "/", "/", "", "", True, "/", "/", "/", "", "", ""],
            ["//", "/", "/", "", "", True, "//", "/", "/", "", "", ""],
            ["///", "/", "/", "", "", True, "///", "/", "/", "", "", ""],
            ["a", "a", ".", "a", "", False, "a", "", "", "a", "a", ""],
            ["a/", "a/", ".", "a", "", False, "a/", "", "", "a", "a", ""],
            ["/a/b/", "/a/b/", "/a", "b", "", True, "/a/b/", "/", "/a", "b", "b", ""],
            ["a//b", "a/b", "a/", "b", "", False, "a//b", "", "a/", "b", "b", ""],
            ["./a", "a", ".", "a", "", False, "./a", "", ".", "a", "a", ""],
            ["../a/..", "..", "../a", "..", "", False, "../a/..", "", "../a", "..", "..", ""],
            ["/../a", "/a", "/..", "a", "", True, "/../a", "/", "/..", "a", "a", ""],
            ["a/../..", "..", "a/..", "..", "", False, "a/../..", "", "a/..", "..", "..", ""],
            [
                "/a/./b/../c/",
                "/a/c/",
                "/a/./b/..",
                "c",
                "",
                True,
                "/a/./b/../c/",
                "/",
                "/a/./b/..",
                "c",
                "c",
                "",
            ],
            [
                "foo/bar/baz/asdf/quux/..",
                "foo/bar/baz/asdf",
                "foo/bar/baz/asdf/quux",
                "..",
                "",
                False,
                "foo/bar/baz/asdf/quux/..",
                "",
                "foo/bar/baz/asdf/quux",
                "..",
                "..",
                "",
            ],
            ["...", "...", ".", "...", ".", False, "...", "", "", "...", "..", "."],
            ["/.../..", "/", "/...", "..", "", True, "/.../..", "/", "/...", "..", "..", ""],
            [".a", ".a", ".", ".a", "", False, ".a", "", "", ".a", ".a", ""],
            ["a.", "a.", ".", "a.", ".", False, "a.", "", "", "a.", "a", "."],
            ["a.b.c", "a.b.c", ".", "a.b.c", ".c", False, "a.b.c", "", "", "a.b.c", "a.b", ".c"],
            [
                "/x/.bashrc",
                "/x/.bashrc",
                "/x",
                ".bashrc",
                "",
                True,
                "/x/.bashrc",
                "/",
                "/x",
                ".bashrc",
                ".bashrc",
                "",
            ],
            [
                "/x/file.tar.gz/",
                "/x/file.tar.gz/",
                "/x",
                "file.tar.gz",
                ".gz",
                True,
                "/x/file.tar.gz/",
                "/",
                "/x",
                "file.tar.gz",
                "file.tar",
                ".gz",
            ],
            ["/x/..", "/", "/x", "..", "", True, "/x/..", "/", "/x", "..", "..", ""],
            ["/..", "/", "/", "..", "", True, "/..", "/", "/", "..", ".", "."],
            ["a\\b/c.d", "a\\b/c.d", "a\\b", "c.d", ".d", False, "a\\b/c.d", "", "a\\b", "c.d", "c", ".d"],
            ["//a//b//", "/a/b/", "//a/", "b", "", True, "//a//b//", "/", "//a/", "b", "b", ""],
            [
                "/é/ü.txt",
                "/é/ü.txt",
                "/é",
                "ü.txt",
                ".txt",
                True,
                "/é/ü.txt",
                "/",
                "/é",
                "ü.txt",
                "ü",
                ".txt",
            ],
        ],
        "parseKeys": ["root", "dir", "base", "ext", "name"],
        "basename": ["b", "b.html", "b.html", "aa", "b", "", "x.js", "file", "ab", "a", "a.j"],
        "join": ["/foo/bar/baz/asdf", ".", ".", ".", "a/b", "/a", "a/b/", "../../x", "./", "/a", "."],
        "resolve": ["/foo/bar/baz", "/tmp/file", "/a/c", "/a/b", "/", "/d", "/a/b", "/a/b"],
        "relative": ["../../impl/bbb", "", "c/d", "../..", "x", "..", "../ac", "../bc", "../b", "", ""],
        "format": [
            "/home/user/dir/file.txt",
            "/file.txt",
            "/file.txt",
            "x.js",
            "d/n",
            "",
            "/",
            "a/",
            "/home/u/f.txt",
        ],
    }


def test_win32(node_js):
    assert node_js(r"""
import { win32 } from "node:path";
const inputs = ["", "\\", "/", "C:", "c:\\", "C:/", "C:a\\b", "C:\\a\\..\\..\\b", "\\\\server\\share", "\\\\server\\share\\",
  "//server/share/a/../b", "\\\\server", "\\\\?\\C:\\x\\..\\y", "\\\\.\\pipe\\name", "a/b\\c", "..\\..\\a", "C:..",
  "\\a\\.\\b\\", "CON:", "con:x", "LPT1:..\\a", "c:d:e", "a:b", "x:\\..\\..", "file.txt:stream", "C:\\dir\\.bashrc",
  "C:\\x\\file.tar.gz\\", "İ\\K.TXT"];
const parsed = (p) => { const o = win32.parse(p); return [o.root, o.dir, o.base, o.name, o.ext]; };
export default {
  rows: inputs.map((p) => [p, win32.normalize(p), win32.dirname(p), win32.basename(p), win32.extname(p),
    win32.isAbsolute(p), ...parsed(p)]),
  basename: [["C:\\temp\\myfile.html", ".html"], ["C:foo.html", ".html"], ["C:\\", "x"], ["a\\b.JS", ".js"],
    ["\\\\server\\share\\", "e"]].map(([p, s]) => win32.basename(p, s)),
  join: [["C:", "a"], ["//server", "share"], ["\\\\", "server", "share"], ["///a", "b"], ["a", "..", "..", "b"],
    ["C:\\a", "\\b"], ["c:", "..\\x"], ["", "\\\\?\\x"], ["con:", "x"]].map((args) => win32.join(...args)),
  resolve: [["C:\\a", "b"], ["C:\\a", "c:b"], ["C:\\a", "\\b"], ["\\\\srv\\share\\a", "..\\..\\b"],
    ["C:\\a", "\\\\srv\\share"], ["c:/ignore", "d:\\a/b\\c/d", "\\e.exe"], ["C:\\", "C:"], ["\\\\?\\C:\\", "x"]]
    .map((args) => win32.resolve(...args)),
  relative: [["C:\\orandea\\test\\aaa", "C:\\orandea\\impl\\bbb"], ["C:\\a", "c:\\A"], ["C:\\a", "D:\\a"],
    ["C:\\foo\\bar", "C:\\foo\\bar\\baz"], ["C:\\foo\\bar", "C:\\foo"], ["C:\\", "C:\\foo"], ["C:\\foo", "C:\\"],
    ["\\\\srv\\share\\a", "\\\\srv\\share\\b"], ["\\\\srv\\share", "\\\\other\\share"], ["C:\\İ\\a", "C:\\İ\\b"],
    ["C:\\baz-quux", "C:\\baz"], ["\\\\a\\b\\c", "\\\\a\\b"]].map(([a, b]) => win32.relative(a, b)),
  namespaced: ["C:\\a\\b", "c:/x", "\\\\srv\\share\\f", "\\\\?\\C:\\x", "\\\\.\\pipe\\p", ""]
    .map((p) => win32.toNamespacedPath(p)),
  format: [{ dir: "C:\\path\\dir", base: "file.txt" }, { root: "C:\\", name: "f", ext: "txt" }, { root: "\\\\s\\h\\" }]
    .map((o) => win32.format(o)),
};
""") == {
        "rows": [
            ["", ".", ".", "", "", False, "", "", "", "", ""],
            ["\\", "\\", "\\", "", "", True, "\\", "\\", "", "", ""],
            ["/", "\\", "/", "", "", True, "/", "/", "", "", ""],
            ["C:", "C:.", "C:", "", "", False, "C:", "C:", "", "", ""],
            ["c:\\", "c:\\", "c:\\", "", "", True, "c:\\", "c:\\", "", "", ""],
            ["C:/", "C:\\", "C:/", "", "", True, "C:/", "C:/", "", "", ""],
            ["C:a\\b", "C:a\\b", "C:a", "b", "", False, "C:", "C:a", "b", "b", ""],
            [
                "C:\\a\\..\\..\\b",
                "C:\\b",
                "C:\\a\\..\\..",
                "b",
                "",
                True,
                "C:\\",
                "C:\\a\\..\\..",
                "b",
                "b",
                "",
            ],
            [
                "\\\\server\\share",
                "\\\\server\\share\\",
                "\\\\server\\share",
                "share",
                "",
                True,
                "\\\\server\\share",
                "\\\\server\\share",
                "",
                "",
                "",
            ],
            [
                "\\\\server\\share\\",
                "\\\\server\\share\\",
                "\\\\server\\share\\",
                "share",
                "",
                True,
                "\\\\server\\share\\",
                "\\\\server\\share\\",
                "",
                "",
                "",
            ],
            [
                "//server/share/a/../b",
                "\\\\server\\share\\b",
                "//server/share/a/..",
                "b",
                "",
                True,
                "//server/share/",
                "//server/share/a/..",
                "b",
                "b",
                "",
            ],
            ["\\\\server", "\\server", "\\", "server", "", True, "\\", "\\", "server", "server", ""],
            [
                "\\\\?\\C:\\x\\..\\y",
                "\\\\?\\C:\\y",
                "\\\\?\\C:\\x\\..",
                "y",
                "",
                True,
                "\\\\?\\C:\\",
                "\\\\?\\C:\\x\\..",
                "y",
                "y",
                "",
            ],
            [
                "\\\\.\\pipe\\name",
                "\\\\.\\pipe\\name",
                "\\\\.\\pipe\\",
                "name",
                "",
                True,
                "\\\\.\\pipe\\",
                "\\\\.\\pipe\\",
                "name",
                "name",
                "",
            ],
            ["a/b\\c", "a\\b\\c", "a/b", "c", "", False, "", "a/b", "c", "c", ""],
            ["..\\..\\a", "..\\..\\a", "..\\..", "a", "", False, "", "..\\..", "a", "a", ""],
            ["C:..", "C:..", "C:", "..", "", False, "C:", "C:", "..", "..", ""],
            ["\\a\\.\\b\\", "\\a\\b\\", "\\a\\.", "b", "", True, "\\", "\\a\\.", "b", "b", ""],
            ["CON:", ".\\CON:.", ".", "CON:", "", False, "", "", "CON:", "CON:", ""],
            ["con:x", ".\\con:x", ".", "con:x", "", False, "", "", "con:x", "con:x", ""],
            ["LPT1:..\\a", ".\\LPT1:..\\a", "LPT1:..", "a", "", False, "", "LPT1:..", "a", "a", ""],
            ["c:d:e", "c:d:e", "c:", "d:e", "", False, "c:", "c:", "d:e", "d:e", ""],
            ["a:b", "a:b", "a:", "b", "", False, "a:", "a:", "b", "b", ""],
            ["x:\\..\\..", "x:\\", "x:\\..", "..", "", True, "x:\\", "x:\\..", "..", "..", ""],
            [
                "file.txt:stream",
                "file.txt:stream",
                ".",
                "file.txt:stream",
                ".txt:stream",
                False,
                "",
                "",
                "file.txt:stream",
                "file",
                ".txt:stream",
            ],
            [
                "C:\\dir\\.bashrc",
                "C:\\dir\\.bashrc",
                "C:\\dir",
                ".bashrc",
                "",
                True,
                "C:\\",
                "C:\\dir",
                ".bashrc",
                ".bashrc",
                "",
            ],
            [
                "C:\\x\\file.tar.gz\\",
                "C:\\x\\file.tar.gz\\",
                "C:\\x",
                "file.tar.gz",
                ".gz",
                True,
                "C:\\",
                "C:\\x",
                "file.tar.gz",
                "file.tar",
                ".gz",
            ],
            ["İ\\K.TXT", "İ\\K.TXT", "İ", "K.TXT", ".TXT", False, "", "İ", "K.TXT", "K", ".TXT"],
        ],
        "basename": ["myfile", "foo", "\\", "b.JS", "shar"],
        "join": [
            "C:\\a",
            "\\\\server\\share\\",
            "\\server\\share",
            "\\a\\b",
            "..\\b",
            "C:\\a\\b",
            "c:\\x",
            "\\\\?\\x",
            ".\\con:x",
        ],
        "resolve": [
            "C:\\a\\b",
            "c:\\a\\b",
            "C:\\b",
            "\\\\srv\\share\\b",
            "\\\\srv\\share\\",
            "d:\\e.exe",
            "C:\\",
            "\\\\?\\C:\\x",
        ],
        "relative": [
            "..\\..\\impl\\bbb",
            "",
            "D:\\a",
            "baz",
            "..",
            "foo",
            "..",
            "..\\b",
            "\\\\other\\share\\",
            "..\\b",
            "..\\baz",
            "..",
        ],
        "namespaced": [
            "\\\\?\\C:\\a\\b",
            "\\\\?\\c:\\x",
            "\\\\?\\UNC\\srv\\share\\f",
            "\\\\?\\C:\\x",
            "\\\\.\\pipe\\p",
            "",
        ],
        "format": ["C:\\path\\dir\\file.txt", "C:\\f.txt", "\\\\s\\h\\"],
    }


def test_from_root(node_js):
    """A relative path resolves from "/", where Node starts from process.cwd(). (The expected
    values are Node's with "/" as its working directory.)"""
    assert node_js(
        r"""
import path from "node:path";
export default [path.resolve(), path.resolve("a/b", "../c"), path.resolve(""), path.relative("a", "b"),
  path.relative("/", "a"), path.win32.resolve("a"), path.win32.resolve("C:a"), path.win32.relative("a", "C:\\b"),
  path.win32.toNamespacedPath("a"), path.win32.resolve("C:\\a", "D:b"), path.win32.toNamespacedPath("C:")];
""",
        compare=False,
    ) == ["/", "/a/c", "/", "../b", "a", "\\a", "C:\\a", "C:\\b", "a", "D:\\b", "\\\\?\\C:\\"]


def test_errors(node_js):
    assert node_js(
        CATCH
        + r"""
import path from "node:path";
const w = path.win32;
export default [
  caught(() => path.join("a", 1)),
  caught(() => path.resolve("/a", null)),
  caught(() => path.relative("a", {})),
  caught(() => path.normalize(undefined)),
  caught(() => path.basename("a", 1)),
  caught(() => path.basename(Symbol("s"))),
  caught(() => path.dirname(10n)),
  caught(() => path.extname(true)),
  caught(() => path.parse([])),
  caught(() => path.isAbsolute(5)),
  caught(() => path.format(null)),
  caught(() => path.format("x")),
  caught(() => w.join(undefined)),
  caught(() => w.resolve("C:\\", 2)),
  caught(() => w.relative(1, "a")),
  caught(() => w.format([])),
  path.toNamespacedPath(5), w.toNamespacedPath(5), w.toNamespacedPath(null),
];
"""
    ) == [
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received type number (1)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "paths[1]" argument must be of type string. Received null',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "to" argument must be of type string. Received an instance of Object',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received undefined',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "suffix" argument must be of type string. Received type number (1)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received type symbol (Symbol(s))',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received type bigint (10n)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received type boolean (true)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received an instance of Array',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received type number (5)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "pathObject" argument must be of type object. Received null',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": "The \"pathObject\" argument must be of type object. Received type string ('x')",
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "path" argument must be of type string. Received undefined',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "paths[1]" argument must be of type string. Received type number (2)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "from" argument must be of type string. Received type number (1)',
        },
        {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "pathObject" argument must be of type object. Received an instance of Array',
        },
        5,
        5,
        None,
    ]


def test_require_from_cjs(node_js, tmp_path: Path):
    helper = tmp_path / "helper.cjs"
    helper.write_text(
        """
const path = require("path");
const posix = require("node:path/posix");
const win32 = require("path/win32");
module.exports = [path === posix, path.win32 === win32, require("node:path") === path,
  path.join("a", "b"), win32.join("a", "b")];
"""
    )
    assert node_js(f'import result from "{helper.as_uri()}";\nexport default result;\n') == [
        True,
        True,
        True,
        "a/b",
        "a\\b",
    ]
