"""JSX with the automatic runtime: Babel's output shape, newlines kept, valid JavaScript out."""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse

import pytest
import tree_sitter
import tree_sitter_javascript

from runtime.modules.jsx import transform_jsx
from runtime.modules.typescript import TransformError, strip_types

_JS = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node not found")
IMPORT = 'import { jsx as _jsx } from "react/jsx-runtime"; '


def jsx(source: str, **options) -> str:
    """transform_jsx, checking that lines are kept and the output parses as JavaScript."""
    code, specifiers = transform_jsx(source, "test.jsx", **options)
    assert code.count("\n") == source.count("\n")
    assert not _JS.parse(code.encode()).root_node.has_error, code
    if code != source:
        assert len(specifiers) == 1 and specifiers[0].endswith("-runtime")
    return code


def body(code: str) -> str:
    """The code after the added import."""
    prefix, _, rest = code.partition('-runtime"; ')
    assert prefix.startswith("import {")
    return rest


def test_no_jsx_is_unchanged():
    source = "const a = b < c && d > e;\n"
    assert transform_jsx(source, "a.js") == (source, [])


def test_element_with_props_spread_and_children():
    code = jsx('const a = <div class="a" id={x} {...rest}>hi {name}</div>;')
    assert code == (
        'import { jsxs as _jsxs } from "react/jsx-runtime"; '
        'const a = _jsxs("div", { class: "a", id: x, ...rest, children: ["hi ", name] });'
    )


def test_self_closing_and_boolean_attribute():
    assert jsx("f(<input disabled />);") == IMPORT + 'f(_jsx("input", { disabled: true }));'


def test_no_props():
    assert body(jsx("x = <br/>;")) == 'x = _jsx("br", {});'


def test_single_child_is_not_an_array():
    assert body(jsx("x = <b>{a}</b>;")) == 'x = _jsx("b", { children: a });'


def test_components_and_member_expressions_are_references():
    code = body(jsx("x = [<Foo/>, <a.b.C/>, <_x/>, <this.Y/>, <div-x/>];"))
    assert code == 'x = [_jsx(Foo, {}), _jsx(a.b.C, {}), _jsx(_x, {}), _jsx(this.Y, {}), _jsx("div-x", {})];'


def test_key_is_the_third_argument():
    assert body(jsx('x = <li key={id} a="1">t</li>;')) == 'x = _jsx("li", { a: "1", children: "t" }, id);'


def test_fragment():
    code = jsx("x = <><a/><b/></>;")
    assert code == (
        'import { jsx as _jsx, jsxs as _jsxs, Fragment as _Fragment } from "react/jsx-runtime"; '
        'x = _jsxs(_Fragment, { children: [_jsx("a", {}), _jsx("b", {})] });'
    )


def test_namespaced_and_dashed_attribute_names():
    code = body(jsx('x = <svg:use xlink:href="#a" aria-label="l" data-x={1} />;'))
    assert code == 'x = _jsx("svg:use", { "xlink:href": "#a", "aria-label": "l", "data-x": 1 });'


def test_keyword_attribute_names():
    # tree-sitter-javascript 0.25 rejects these; the TSX grammar is used for such sources.
    code = body(jsx('x = <label for="i" class="c" default={d}>t</label>;'))
    assert code == 'x = _jsx("label", { for: "i", class: "c", default: d, children: "t" });'


def test_attribute_strings_are_literal_with_entities():
    code = body(jsx("x = <a title='say \"hi\" &amp; \\n bye' />;"))
    assert code == 'x = _jsx("a", { title: "say \\"hi\\" & \\\\n bye" });'


def test_text_entities():
    code = body(jsx("x = <p>&amp; &lt;&gt; &#123; &#x41;&nbsp;&bogus;</p>;"))
    assert code == 'x = _jsx("p", { children: "& <> { A\u00a0&bogus;" });'


def test_bare_ampersands_and_references_the_grammar_refuses_are_text():
    # tree-sitter's grammar takes `&` in JSX text only as a short character reference
    source = "x = <p title='R&D'>Terms & Conditions, AT&T, &#128512; &#65 &#1114112;</p>;\ny = a && b & c;"
    assert body(jsx(source)) == (
        'x = _jsx("p", { title: "R&D", children: "Terms & Conditions, AT&T, \U0001f600 &#65 &#1114112;" });'
        "\ny = a && b & c;"
    )
    code = transform_jsx("x = <p>Q & A</p> as JSX.Element;", "a.tsx", typescript=True)[0]
    assert body(code).startswith('x = _jsx("p", { children: "Q & A" })')


def test_ampersand_in_code_still_reports_the_real_error():
    with pytest.raises(TransformError) as info:
        transform_jsx("x = <p>a & b</p>;\ny = c & ;", "a.jsx")
    assert (info.value.line, info.value.column, info.value.message) == (2, 7, "Unexpected token '&'")


def test_a_lone_surrogate_reference_is_escaped():
    assert (
        body(jsx("x = <p>&#xD800;&#xD83D;&#xDE00;</p>;"))
        == 'x = _jsx("p", { children: "\\ud800\\ud83d\\ude00" });'
    )


def test_text_whitespace_rules():
    source = "x = <p>\n  hello\n     world  \n\n  {a}   {b}\n</p>;"
    # each child starts on its source line: "hello world" on line 2, `a` on line 5
    assert body(jsx(source)) == 'x = _jsxs("p", { children: [\n"hello world",\n\n\na, "   ", b]\n});'


def test_whitespace_only_lines_are_dropped():
    assert body(jsx("x = <p>\n  {a}\n  {b}\n</p>;")) == 'x = _jsxs("p", { children: [\na,\nb]\n});'


def test_comment_children_are_dropped():
    assert body(jsx("x = <p>{/* note */}{a}{}</p>;")) == 'x = _jsx("p", { children: a });'


def test_nested_elements_and_expressions():
    code = body(jsx("x = <ul>{items.map((i) => <li key={i}>{i ? <b/> : null}</li>)}</ul>;"))
    assert code == (
        'x = _jsx("ul", { children: items.map((i) => _jsx("li", { children: i ? _jsx("b", {}) : null }, i)) });'
    )


def test_element_as_attribute_value():
    assert body(jsx("x = <A icon=<I/> />;")) == "x = _jsx(A, { icon: _jsx(I, {}) });"


def test_code_after_a_multiline_element_stays_on_its_line():
    source = (
        "function App() {\n"
        "  return (\n"
        "    <main\n"
        '      id="m"\n'
        "      title={t}>\n"
        "      <h1>Title</h1>\n"
        "      {body}\n"
        "    </main>\n"
        "  );\n"
        "}\n"
        "throw new Error('line 11');"
    )
    code = jsx(source)
    lines = code.split("\n")
    assert lines[10] == "throw new Error('line 11');"
    assert lines[5].startswith('_jsx("h1"') and lines[6].startswith("body")


@needs_node
def test_error_line_numbers_survive():
    source = (
        "const x = 1; const a = (\n"
        "  <div>\n"
        "    {x}\n"
        "  </div>\n"
        ");\n"
        "console.log(new Error().stack.split('\\n')[1].match(/:(\\d+):\\d+\\)?$/)[1]);"
    )
    code, _ = transform_jsx(source, "t.jsx", import_source=_runtime_url())
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=30
    )
    assert result.stdout == "6\n", result.stderr


def test_existing_jsx_name_is_avoided():
    code = jsx("const _jsx = 1;\nx = <b/>;")
    assert code == 'import { jsx as _jsx2 } from "react/jsx-runtime"; const _jsx = 1;\nx = _jsx2("b", {});'


def test_import_source_option_and_pragma():
    code, specifiers = transform_jsx("x = <b/>;", "a.jsx", import_source="preact")
    assert code.startswith('import { jsx as _jsx } from "preact/jsx-runtime"; ')
    assert specifiers == ["preact/jsx-runtime"]
    code, specifiers = transform_jsx("/** @jsxImportSource hono/jsx */\nx = <b/>;", "a.jsx")
    assert code.startswith('import { jsx as _jsx } from "hono/jsx/jsx-runtime"; /** @jsxImportSource')
    assert specifiers == ["hono/jsx/jsx-runtime"]


def test_classic_pragma_is_refused():
    with pytest.raises(TransformError) as info:
        transform_jsx("/** @jsx h */\nx = <b/>;", "a.jsx")
    assert (info.value.line, info.value.column) == (1, 5)


def test_hashbang_stays_first():
    code = jsx("#!/usr/bin/env node\nx = <b/>;")
    assert code == '#!/usr/bin/env node\nimport { jsx as _jsx } from "react/jsx-runtime"; x = _jsx("b", {});'


def test_development_runtime():
    code, specifiers = transform_jsx("x = <b key={k}>{a}{c}</b>;", "src/a.jsx", development=True)
    assert specifiers == ["react/jsx-dev-runtime"]
    assert code == (
        'import { jsxDEV as _jsxDEV } from "react/jsx-dev-runtime"; x = _jsxDEV("b", { children: [a, c] }, k, '
        'true, { fileName: "src/a.jsx", lineNumber: 1, columnNumber: 5 });'
    )


def test_syntax_error_position():
    with pytest.raises(TransformError) as info:
        transform_jsx("const a = 1;\nx = <div>a > b</div>;", "a.jsx")
    assert (info.value.line, info.value.column) == (2, 12)
    assert info.value.message == "Unexpected token '>'"


def test_unclosed_element_is_an_error():
    with pytest.raises(TransformError) as info:
        transform_jsx("x = <div><span></div>;", "a.jsx")
    assert info.value.line == 1


def test_mismatched_closing_tag_is_an_error():
    with pytest.raises(TransformError) as info:
        transform_jsx("x = <a.B>\n  <i>t</b>\n</a.B>;", "a.jsx")
    assert (info.value.line, info.value.column) == (2, 7)
    assert info.value.message == "expected corresponding JSX closing tag for <i>"  # the error is named once
    assert jsx("x = <a . B>t</a.B>;").endswith('x = _jsx(a . B, { children: "t" });')


def test_spread_children_are_refused():
    with pytest.raises(TransformError) as info:
        transform_jsx("x = <div>{...kids}</div>;", "a.jsx")
    assert (info.value.line, info.value.column) == (1, 10)


def test_tsx_after_strip_types():
    source = "const C = <T,>(p: { a: T }) => <div id={p.a as string}>{p.a!}</div>;\ninterface P {}"
    stripped = strip_types(source, "a.tsx", tsx=True)
    code = jsx(stripped)
    assert (
        body(code) == 'const C =     (p          ) => _jsx("div", { id: p.a, children: p.a });\n;' + " " * 13
    )
    assert transform_jsx(source, "a.tsx", typescript=True)[0] == code


def test_unicode_text():
    assert (
        body(jsx("x = <p title='ü'>héllo — {n}</p>;"))
        == 'x = _jsxs("p", { title: "ü", children: ["héllo — ", n] });'
    )


def _runtime_url() -> str:
    """A tiny jsx-runtime as a data: URL; the appended `/jsx-runtime` lands in a comment."""
    runtime = (
        "export const jsx = (t, p, k) => ({ t: typeof t === 'string' ? t : t.name || String(t), p, k });"
        "export const jsxs = (t, p, k) => ({ s: true, ...jsx(t, p, k) });"
        "export const Fragment = 'F'; //"
    )
    return "data:text/javascript," + urllib.parse.quote(runtime)


@needs_node
def test_runs_against_a_runtime():
    source = (
        "function Item({ n }) { return <li>{n}</li>; }\n"
        'const x = <><ul class="a" key="k">\n'
        "  {[1, 2].map((n) => <Item n={n} key={n} />)}\n"
        "  tail &amp; more\n"
        "</ul></>;\n"
        "console.log(JSON.stringify(x));"
    )
    code, _ = transform_jsx(source, "t.jsx", import_source=_runtime_url())
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        '{"t":"F","p":{"children":{"s":true,"t":"ul","p":{"class":"a","children":'
        '[[{"t":"Item","p":{"n":1},"k":1},{"t":"Item","p":{"n":2},"k":2}],"tail & more"]},"k":"k"}}}\n'
    )


def test_import_source_through_tsconfig_extends_and_references(tmp_path):
    from runtime.modules.graph import _jsx_import_source

    def config(path, data):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data)

    # `extends` a relative file (with comments and a trailing comma), a package's file, a list.
    app = tmp_path / "app"
    config(app / "tsconfig.json", '{ "extends": "./tsconfig.base", // base\n }')
    config(app / "tsconfig.base.json", '{ "compilerOptions": { "jsxImportSource": "preact", }, }')
    assert _jsx_import_source(app / "src" / "a.tsx") == "preact"
    pkg = tmp_path / "pkg"
    config(pkg / "tsconfig.json", '{ "extends": ["@cfg/one/tsconfig.json", "@cfg/two"] }')
    config(
        pkg / "node_modules" / "@cfg" / "one" / "tsconfig.json",
        '{"compilerOptions": {"jsxImportSource": "a"}}',
    )
    config(
        pkg / "node_modules" / "@cfg" / "two" / "tsconfig.json",
        '{"compilerOptions": {"jsxImportSource": "b"}}',
    )
    assert _jsx_import_source(pkg / "x.tsx") == "b"  # the later wins
    # Vite's layout: the root config references the one that sets it.
    vite = tmp_path / "vite"
    config(vite / "tsconfig.json", '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }] }')
    config(vite / "tsconfig.app.json", '{ "compilerOptions": { "jsxImportSource": "hono/jsx" } }')
    assert _jsx_import_source(vite / "src" / "main.tsx") == "hono/jsx"
    # A config's own setting wins; a cycle ends.
    own = tmp_path / "own"
    config(
        own / "tsconfig.json", '{ "extends": "./b.json", "compilerOptions": { "jsxImportSource": "mine" } }'
    )
    config(own / "b.json", '{ "extends": "./tsconfig.json" }')
    assert _jsx_import_source(own / "a.tsx") == "mine"
    config(own / "tsconfig.json", '{ "extends": "./b.json" }')
    assert _jsx_import_source(own / "a.tsx") == ""
