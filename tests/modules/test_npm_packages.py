"""Real npm packages linked unbundled on every engine: the expected values are what Node
prints for the same module (tests/modules/npm_app/main.js)."""

from __future__ import annotations

from pathlib import Path

import npm  # tests/npm.py: tests/ is on sys.path as the directory of the rootdir conftest
import pytest

NPM_APP = Path(__file__).parent / "npm_app"


@pytest.fixture(scope="module")
def npm_app():
    npm.install(NPM_APP)
    return NPM_APP / "main.js"


def test_axios_qs_bcryptjs_and_valibot(ctx, npm_app):
    # axios, qs (through object-inspect) and bcryptjs load through package.json's browser
    # field; valibot's bundle exports reserved words as names (`null_ as null`).
    m = ctx.import_module(npm_app)
    assert m["axiosUri"] == "https://api.example.com/v1/items?key=k&tags%5B%5D=a&tags%5B%5D=b&page=2"
    assert m["axiosVersion"] == "string"
    assert m["qsString"] == "a%5Bb%5D%5B0%5D=1&a%5Bb%5D%5B1%5D=2&c=&d=x%20y"
    assert m["qsParsed"] == {"a": {"b": ["1", "2"]}, "e": ["3", "4"]}
    assert m["bcryptChecks"] == [True, False]
    assert m["bcryptFixed"] == "$2b$04$abcdefghijklmnopqrstuuV3duMsC0HpUex6N9qapiuOHHWkwRXVm"
    assert m["valibotOk"] == {"name": "Ada", "age": 36}
    assert m["valibotIssues"] == [
        ["name", "Invalid length: Expected >=2 but received 1"],
        ["age", 'Invalid type: Expected number but received "x"'],
    ]
    assert m["valibotNull"] is True


def test_readable_stream_and_pdf_lib(ctx, npm_app):
    # readable-stream is CommonJS that uses new.target and needs the events, buffer and
    # string_decoder built-ins, and npm's process ("process/"); pdf-lib's bundler build
    # imports JSON bare and star-exports an empty file.
    m = ctx.import_module(npm_app)
    assert m["streamed"] == [None, ["ABÉC"]]
    assert m["pdfHead"] == [1268, "%PDF-1.7"]


def test_immer_and_redux_read_the_mode_a_bundler_defines(ctx, npm_app):
    # Both read process.env.NODE_ENV at load and on every call; there is no process global.
    m = ctx.import_module(npm_app)
    assert m["immerResult"] == [1, [["a", True], ["b", True]], True, True]
    assert m["reduxState"] == {"count": 5}
