"""Type stripping: exact output for each construct, positions kept, and the result is valid JavaScript."""

from __future__ import annotations

import shutil
import subprocess
import threading

import pytest
import tree_sitter
import tree_sitter_javascript

import runtime
from runtime.modules.typescript import TransformError, strip_types

_JS = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node not found")


def assert_valid_js(code: str) -> None:
    tree = _JS.parse(code.encode())
    assert not tree.root_node.has_error, code


def strip(source: str, *, tsx: bool = False, changed_lines: tuple[int, ...] = ()) -> str:
    """strip_types, checking what holds for every input: same lines, same line lengths except on
    `changed_lines` (1-based: enums and parameter properties), and output that parses as JS."""
    out = strip_types(source, "test.tsx" if tsx else "test.ts", tsx=tsx)
    src_lines, out_lines = source.split("\n"), out.split("\n")
    assert len(out_lines) == len(src_lines)
    for number, (a, b) in enumerate(zip(src_lines, out_lines, strict=True), 1):
        if number not in changed_lines:
            assert len(a) == len(b), f"line {number}: {a!r} -> {b!r}"
    if not tsx:
        assert_valid_js(out)
    return out


def lines(*parts: str) -> str:
    return "\n".join(parts)


def refused(source: str) -> TransformError:
    with pytest.raises(TransformError) as info:
        strip_types(source, "test.ts")
    return info.value


def run_node(code: str) -> str:
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# -- annotations and expressions ----------------------------------------------------------------------


def test_plain_javascript_is_unchanged():
    source = "const a = 1;\nfunction f(x, y = 2) { return a < x && y > 1 ? x : y; }\n"
    assert strip(source) == source


def test_variable_annotation():
    assert strip("let x: number = 1;") == "let x         = 1;"


def test_parameter_and_return_annotations():
    assert strip("function f(a: string, b: Map<string, number>): void {}") == (
        "function f(a        , b                     )       {}"
    )


def test_optional_parameter():
    assert strip("function f(a?: number) {}") == "function f(a         ) {}"


def test_rest_and_destructured_parameter_types():
    assert strip("function f({ a }: P = {}, ...r: T[]) {}") == "function f({ a }    = {}, ...r     ) {}"


def test_multiline_type_annotation_keeps_newlines():
    source = "let x: {\n  a: number;\n  b: string;\n} = { a: 1, b: '' };\nx;"
    assert strip(source) == "let x   \n" + " " * 12 + "\n" + " " * 12 + "\n  = { a: 1, b: '' };\nx;"


def test_function_type_annotation():
    assert strip("let f: (a: number) => void = () => {};") == "let f                      = () => {};"


def test_as_expression():
    assert strip("const y = x as unknown as string;") == "const y = x" + " " * 21 + ";"


def test_as_const():
    assert strip('const t = ["a"] as const;') == 'const t = ["a"]         ;'


def test_satisfies():
    assert strip("const c = { a: 1 } satisfies Config;") == "const c = { a: 1 }                 ;"


def test_cast_to_a_qualified_name_of_three_parts(ctx, tmp_path):
    # tree-sitter reads `x as A.B.C` as `(x as A.B).C`; TypeScript casts to the whole name.
    (tmp_path / "cast.ts").write_text(
        "declare namespace Express { namespace Multer { interface File { size: number } } }\n"
        "const upload: unknown = { size: 42 };\n"
        "export const file = upload as Express.Multer.File;\n"
        "export const checked = upload satisfies unknown as Express.Multer.File | undefined;\n"
        "export const generic = upload as A.B.C<T>;\n"
        "export const deep = upload satisfies A.B.C.D\n  .E;\n"
    )
    exports = ctx.import_module(tmp_path / "cast.ts")
    assert [exports[k] for k in ("file", "checked", "generic", "deep")] == [{"size": 42}] * 4
    assert strip("y = (x as A.B).c;") == "y = (x       ).c;"


def test_as_at_line_end_before_paren_gets_semicolon():
    # TypeScript ends the statement after the type; without a `;` JavaScript would call `x`.
    assert strip("let y = x as any\n(foo)()") == "let y = x;      \n(foo)()"


def test_non_null_assertion():
    assert strip("a!.b!.c(d!);") == "a .b .c(d );"


def test_non_null_is_not_inequality():
    assert strip("if (x! != y) z!;") == "if (x  != y) z ;"


def test_optional_chaining_untouched():
    source = "a?.b?.[c]?.(d);"
    assert strip(source) == source


def test_comparisons_are_not_type_arguments():
    source = "if (a < b && c > d) f(a < b, c > d);"
    assert strip(source) == source


def test_call_and_new_type_arguments():
    assert strip("const m = new Map<string, number>(); f<T>(m);") == (
        "const m = new Map                (); f   (m);"
    )


def test_instantiation_expression():
    assert strip("const g = f<string>;") == "const g = f        ;"


def test_tagged_template_type_arguments():
    # tree-sitter reads the first as comparisons and the second with a made-up `!`
    assert strip("a = sql<number>`count(*)`;") == "a = sql        `count(*)`;"
    assert strip("b = db.sql<User[]>`x ${y}`.values();") == "b = db.sql        `x ${y}`.values();"
    assert strip("c = await q<{ n: number }>`x`;", tsx=True) == "c = await q" + " " * 15 + "`x`;"
    assert strip("d = a < b > c;") == "d = a < b > c;"


def test_tagged_template_type_arguments_of_any_shape(ctx, tmp_path):
    # tree-sitter reads `sql<"a" | "b">` as `(sql < "a") | ("b" > `...`)`, `sql<Array<U>>`
    # with a `>>`: TypeScript reads type arguments wherever they parse as types.
    (tmp_path / "types.ts").write_text("export interface User { id: number }\n")
    (tmp_path / "sql.ts").write_text(
        'import { User } from "./types.ts";\n'
        "type A = { a: 1 };\n"
        "const sql = (s: TemplateStringsArray, ...v: unknown[]) => s.join('?');\n"
        "export const all = [\n"
        "  sql<User[]>`simple`,\n"
        '  sql<"a" | "b">`union ${1}`,\n'
        "  sql<Array<User>>`nested`,\n"
        "  sql<Map<string, Array<User>>>`deeper`,\n"
        "  sql<A & { b: 2 }>`intersection`,\n"
        "  sql<[User, number]>`tuple`,\n"
        "  sql<(u: User) => void>`function`,\n"
        "];\n"
    )
    assert ctx.import_module(tmp_path / "sql.ts")["all"] == [
        "simple",
        "union ?",
        "nested",
        "deeper",
        "intersection",
        "tuple",
        "function",
    ]
    # Comparisons stay where what is between is no type.
    for source in ("if (a < b && c > `x`) f();", "y = a < b + 1 > `x`;", "y = a < b > c;"):
        assert strip(source) == source


def test_angle_bracket_assertion():
    assert strip("let y = <string>x;") == "let y =         x;"


def test_generic_arrow_in_ts():
    assert strip("const id = <T>(x: T): T => x;") == "const id =    (x   )    => x;"


def test_generic_arrow_in_tsx_needs_trailing_comma():
    assert strip("const id = <T,>(x: T) => <div>{x}</div>;", tsx=True) == (
        "const id =     (x   ) => <div>{x}</div>;"
    )


def test_type_parameters_with_constraints_and_defaults():
    assert strip("function h<T extends object = {}, const U = []>() {}") == "function h" + " " * 37 + "() {}"


def test_arrow_return_type_spanning_lines_moves_the_paren():
    # No line break may come between `)` and `=>`: the `)` moves to the end of the type, as
    # ts-blank-space does; lines and the columns of everything else are kept.
    source = "const f = (a: number):\n  string => String(a);"
    assert strip(source) == "const f = (a          \n       ) => String(a);"


def test_catch_clause_type():
    assert strip("try {} catch (e: unknown) {}") == "try {} catch (e         ) {}"


def test_this_parameter_removed_with_comma():
    assert strip("function f(this: Window, a: number) {}") == "function f(              a        ) {}"
    assert strip("function g(this: Window) {}") == "function g(            ) {}"


def test_definite_assignment():
    assert strip("let x!: number;") == "let x         ;"


def test_strings_regexes_and_comments_untouched():
    source = 'const s = "x: number", r = /a:b<c>/g; // y: T\n/* z as any */'
    assert strip(source) == source


# -- declarations -------------------------------------------------------------------------------------


def test_interface_and_type_alias():
    source = "interface A { a: number }\ntype B<T> = T | null;\nconst c = 1;"
    assert strip(source) == " " * 25 + "\n" + " " * 21 + "\nconst c = 1;"


def test_removed_statement_after_code_starts_with_semicolon():
    # Without the `;`, `1` and `[1, 2]` would join into an index expression.
    source = "let x = 1\ntype T = string\n[1, 2].forEach(f)"
    assert strip(source) == "let x = 1\n;              \n[1, 2].forEach(f)"


def test_export_interface_and_type():
    assert strip("export interface A {}\nexport type B = 1;") == " " * 21 + "\n" + " " * 18


def test_export_default_interface():
    assert strip("export default interface A { a: 1 }") == " " * 35


def test_declare_statements():
    source = "declare const v: number;\ndeclare function f(): void;\ndeclare class C {}\nv;"
    out = strip(source)
    assert out == " " * 24 + "\n" + " " * 27 + "\n" + " " * 18 + "\nv;"


def test_export_declare():
    assert strip("export declare const v: number;") == " " * 31


def test_declare_global_and_module():
    source = 'declare global {\n  interface Window { x: 1 }\n}\ndeclare module "m" {\n  export const y: 1;\n}'
    out = strip(source)
    assert out.strip() == ""
    assert out.count("\n") == 5


def test_import_type():
    assert strip('import type { A } from "a";') == " " * 27


def test_inline_type_specifiers():
    assert strip('import { type A, B } from "a";\nB();') == 'import {         B } from "a";\nB();'
    assert strip("export { type A, B };") == "export {         B };"


def test_imports_read_only_as_types_are_elided():
    # As TypeScript emits them (and tsx, esbuild): a name never read as a value goes, and
    # an import left with no binding goes whole, its module not loaded.
    source = (
        'import D, { Foo, bar as b, type Q } from "./t";\n'
        'import * as ns from "./n";\n'
        'import { OnlyType } from "./o";\n'
        'import { type T } from "./side";\n'
        'import { v } from "./v";\n'
        'import "./effect";\n'
        "const x: Foo & OnlyType & typeof v = ns.y + b;\n"
    )
    assert strip(source).splitlines() == [
        'import    {      bar as b,        } from "./t";',
        'import * as ns from "./n";',
        " " * 31,
        " " * 32,
        " " * 24,
        'import "./effect";',
        "const x" + " " * 28 + "= ns.y + b;",
    ]


def test_a_namespace_read_only_in_qualified_types_is_elided(ctx, tmp_path):
    # `JSX` in `x as JSX.Element`, `satisfies JSX.Element` and `implements JSX.Element` is a
    # namespace of types: tsc drops it from the import (the module exports no value `JSX`).
    (tmp_path / "ui.ts").write_text(
        'export function h() { return "h"; }\n'
        "export declare namespace JSX { interface Element { x: number } }\n"
    )
    (tmp_path / "app.ts").write_text(
        'import { h, JSX } from "./ui.ts";\n'
        "const a = { x: 1 } as JSX.Element;\n"
        "const b = { x: 2 } satisfies JSX.Element;\n"
        "class C implements JSX.Element { x = 3 }\n"
        "const d = { x: 4 } as unknown as Array<JSX.Element> | JSX.Element;\n"
        "export const all = [h(), a.x, b.x, new C().x, (d as JSX.Element).x];\n"
    )
    assert ctx.import_module(tmp_path / "app.ts")["all"] == ["h", 1, 2, 3, 4]
    out = strip('import { h, JSX } from "ui";\nconst a = h() as JSX.Element;')
    assert out.splitlines()[0] == 'import { h      } from "ui";'


def test_exports_of_types_are_dropped():
    source = (
        "interface L { a: number }\n"
        "type K = string;\n"
        'import type { T } from "./t";\n'
        "const v = 1;\n"
        "export { L, K as KK, v };\n"
        "export { T };\n"
        "export default L;\n"
    )
    assert strip(source).splitlines()[4:] == ["export {             v };", " " * 13, " " * 17]


def test_a_type_ends_at_a_line_break_as_in_typescript():
    # `T` then `<U>(x: U): U` on the next line is a second call signature, not `T<U>`; an
    # array after `x satisfies T` on the next line starts a statement.
    source = (
        "interface Fn {\n  <T>(x: T): T\n  <T>(x: T, y: number): T\n}\n"
        "const a = [1] satisfies number[]\n[0].toString();\n"
        "type Getter<out T> = () => T;\n"
    )
    out = strip(source).splitlines()
    assert out[:4] == [" " * len(line) for line in source.splitlines()[:4]]
    assert out[4:6] == ["const a = [1];" + " " * 18, "[0].toString();"]
    assert out[6] == ";" + " " * 28  # a `;` first where JS comes before a removed statement


def test_a_call_signature_after_one_without_semicolon(ctx, tmp_path):
    # `(key: string): Out` then `<K extends number>(key: K): Out`: TypeScript ends the first
    # signature's type at the line break; tree-sitter read on into `Out<K extends ...`, and
    # its recovery inside the interface then read `register<boolean>(...)` as comparisons.
    (tmp_path / "sig.ts").write_text(
        "const register = <T,>(o: object): object => o;\n"
        "type Out = { v: unknown };\n"
        "type Pick2 = {\n"
        "  (key: string): Out\n"
        "  <K extends number>(key: K): Out\n"
        "}\n"
        "type Box<A> = { v: A };\n"
        "export interface Api {\n"
        "  readonly wrap: {\n"
        "    <A>(\n"
        "    ): <E>(\n"
        "    ) => Box<\n"
        "      A | E\n"
        "    >\n"
        "    <A, E>(\n"
        "    ): Box<\n"
        "      A | E\n"
        "    >\n"
        "  }\n"
        "}\n"
        "export const flag = register<boolean>(\n"
        "  { ok: true }\n"
        ")\n"
    )
    assert ctx.import_module(tmp_path / "sig.ts")["flag"] == {"ok": True}


def test_code_after_a_construct_the_grammar_fails_on_is_read_as_typescript(ctx, tmp_path):
    # tree-sitter 0.23 lacks variance annotations: the error inside the blanked type alias is
    # harmless, but its recovery read the next line's `f<string>(1)` as `(f < string) > 1`.
    (tmp_path / "variance.ts").write_text(
        "const f = <T,>(x: T): T => x;\n"
        "type Getter<out T> = () => T;\n"
        "export const a = f<string>('a')\n"
        "interface Box<in out T> { v: T }\n"
        "export const b = f<Box<number>>({ v: 2 })\n"
    )
    exports = ctx.import_module(tmp_path / "variance.ts")
    assert (exports["a"], exports["b"]) == ("a", {"v": 2})


def test_a_field_that_its_type_ends_gets_a_semicolon():
    # Else the next member joins it: `get` then `foo() {}` reads as a getter.
    source = "class B {\n  get?: () => number\n  static!: boolean\n  foo() { return 1 }\n  x: number;\n}"
    assert strip(source).splitlines()[1:5] == [
        "  get ;             ",
        "  static ;        ",
        "  foo() { return 1 }",
        "  x        ;",
    ]


def test_a_modifier_ends_the_field_before_it(ctx, tmp_path):
    # No-semicolon style: with `readonly` / `private` blanked, the next line's `[k]` or `*`
    # would continue the previous field's initializer; TypeScript ends it at the modifier.
    (tmp_path / "mod.ts").write_text(
        "const registry: Record<symbol, unknown> = {};\n"
        "const kId = Symbol('id');\n"
        "class Model {\n"
        "  readonly store = registry\n"
        "  readonly [kId] = 'model-1'\n"
        "  private [Symbol.toStringTag] = 'Model'\n"
        "  n = 2\n"
        "  // a comment between\n"
        "  public [Symbol.iterator]() { return [this.n][Symbol.iterator](); }\n"
        "  x = 3\n"
        "  private *gen() { yield this.x; }\n"
        "  y = 4\n"
        "  protected z = 5\n"
        "  run() { return [...this.gen(), this.y, this.z]; }\n"
        "}\n"
        "const m = new Model();\n"
        "export const result = [m[kId], registry[kId] ?? null, m.store === registry, String(m), [...m], m.run()];\n"
    )
    assert ctx.import_module(tmp_path / "mod.ts")["result"] == [
        "model-1",
        None,
        True,
        "[object Model]",
        [2],
        [3, 4, 5],
    ]
    assert strip("class A {\n  a = b\n  readonly [k] = 1\n}").splitlines()[2] == "  ;        [k] = 1"


def test_a_member_named_in_after_one_without_semicolon(ctx, tmp_path):
    # tree-sitter 0.23 reads on from `name: string` into the `in` operator (OpenAPI's
    # parameters, with no `;`); TypeScript ends the member at the line break.
    (tmp_path / "params.ts").write_text(
        "type Getter<out T> = () => T\n"
        "interface Param {\n"
        "  name: string\n"
        '  in: "query" | "path"\n'
        "  required: boolean\n"
        "  in_x: number\n"
        "  in(): void\n"
        "  instanceof?: 1\n"
        "}\n"
        "declare namespace Api { interface P { a: string\n  in: string } }\n"
        "function where(p: {\n  x: number\n  in: string\n}) { return p.in }\n"
        "class Query {\n"
        "  name!: string // the name\n"
        "  in = 4\n"
        "  b: number\n"
        "  instanceof = 3\n"
        "  a = 1\n"
        "  in2 = 5\n"
        "}\n"
        'const p = { name: "id", in: "path" } satisfies Partial<Param>\n'
        'export const all = [p.in, JSON.stringify(new Query()), where({ x: 1, in: "z" })];\n'
    )
    assert ctx.import_module(tmp_path / "params.ts")["all"] == [
        "path",
        '{"in":4,"instanceof":3,"a":1,"in2":5}',
        "z",
    ]


def test_a_member_named_in_keeps_lines_and_columns():
    source = "class Q {\n  name!: string // c\n  in = 4\n  b: T\n  in_x = 5\n}"
    # The `;` that TypeScript reads at each line break is written into the output.
    assert (
        strip(source, changed_lines=(4,))
        == "class Q {\n  name         ;// c\n  in = 4\n  b   ;\n  in_x = 5\n}"
    )


def test_in_after_a_field_with_an_initializer_is_still_refused():
    # `b = 3` then `in = 4` is `3 in ...` to TypeScript too (TS1109): no `;` is made up.
    error = refused("class A {\n  b = 3\n  in = 4\n}\n")
    assert error.line == 3


def test_static_index_signatures(ctx, tmp_path):
    (tmp_path / "s.ts").write_text(
        "class S {\n"
        "  static [key: string]: unknown\n"
        "  static make() {\n"
        '    return { text: "hi", in_reply_to: 1 }\n'
        "  }\n"
        "  a = 1\n"
        "  static readonly [key: number]: unknown\n"
        "  static params = [{ in: 'path' }]\n"
        "}\n"
        "export const all = [S.make().in_reply_to, new S().a, S.params[0].in, Object.keys(S)];\n"
    )
    assert ctx.import_module(tmp_path / "s.ts")["all"] == [1, 1, "path", ["params"]]
    assert strip("class S {\n  a = 1\n  static [k: string]: T\n  b = [2]\n}") == (
        "class S {\n  a = 1\n  ;      ;             \n  b = [2]\n}"
    )


def test_repairs_leave_object_literals_and_arguments_alone(ctx, tmp_path):
    # After an interface that tree-sitter first misreads (a call signature on the line after
    # `E['V'][string]`), an object key `in:` and an argument `in_stock` stay what they are;
    # `key\n  in (obj)` is the operator.
    (tmp_path / "lit.ts").write_text(
        "interface E { V: { [k: string]: number } }\n"
        "interface Api {\n"
        "  get: E['V'][string]\n"
        "  <K>(key: K): number\n"
        "}\n"
        "const params = [\n"
        "  {\n"
        '    name: "id",\n'
        '    in: "path",\n'
        "  },\n"
        "]\n"
        "const compute = (...a: number[]) => a.length\n"
        "const in_stock = 2\n"
        "const total = compute(\n"
        "  in_stock,\n"
        ")\n"
        "const obj = { a: 1 }\n"
        'const has = "a"\n'
        "  in (obj)\n"
        "export const all = [params[0].in, total, has];\n"
    )
    assert ctx.import_module(tmp_path / "lit.ts")["all"] == ["path", 1, True]


def test_export_type_from():
    assert strip('export type { X } from "x";\nexport type * from "y";') == " " * 27 + "\n" + " " * 23


def test_function_overloads():
    source = "function f(a: string): void;\nfunction f(a: any) {}"
    assert strip(source) == " " * 28 + "\nfunction f(a     ) {}"


def test_exported_overloads():
    source = "export function f(): void;\nexport function f() {}"
    assert strip(source) == " " * 26 + "\nexport function f() {}"


def test_type_only_namespace_is_removed():
    source = "namespace N {\n  export interface A {}\n  type B = 1;\n}"
    assert strip(source).strip() == ""


def test_dotted_and_exported_type_only_namespaces_are_removed():
    source = "namespace A.B { export type T = 1; }\nexport namespace C { namespace D { interface I {} } }"
    assert strip(source) == " " * 36 + "\n" + " " * 53


def test_exported_namespace_with_values_is_refused():
    error = refused("export namespace N {\n  export function f() {}\n}")
    assert (error.line, error.column) == (1, 8)


def test_declare_namespace_is_removed():
    assert strip("declare namespace N { export const x: number; }").strip() == ""


def test_namespace_with_values_is_refused():
    error = refused("const a = 1;\nnamespace N {\n  export const x = 1;\n}")
    assert (error.line, error.column) == (2, 1)
    assert "namespace 'N' contains values" in error.message


def test_export_equals_is_refused():
    error = refused("const a = 1;\nexport = a;")
    assert (error.line, error.column) == (2, 1)
    assert "export default" in str(error)
    assert str(error).startswith("test.ts:2:1: ")


def test_import_require_is_refused():
    error = refused('import fs = require("fs");')
    assert (error.line, error.column) == (1, 8)
    assert "createRequire" in error.message


def test_import_alias_is_refused():
    assert "const x = A.B" in refused("import x = A.B;").message


# -- classes ------------------------------------------------------------------------------------------


def test_class_members():
    source = (
        "class C<T> extends B<T> implements I, J {\n"
        "  private readonly x?: number = 1;\n"
        "  y!: string;\n"
        "  public static override z: T;\n"
        "  protected m?(): void {}\n"
        "}"
    )
    assert strip(source) == (
        "class C    extends B                    {\n"
        "                   x          = 1;\n"
        "  y         ;\n"
        "         static          z   ;\n"
        "            m ()       {}\n"
        "}"
    )


def test_declare_field_index_signature_and_method_overloads():
    source = lines(
        "class C {",
        "  declare a: number;",
        "  [key: string]: unknown;",
        "  m(a: string): void;",
        "  m(a: any) {}",
        "}",
    )
    # Nothing but removed members precedes them, so no `;` is needed (see the next test).
    assert strip(source) == lines(
        "class C {",
        "                   ;",
        "                        ;",
        "                    ;",
        "  m(a     ) {}",
        "}",
    )


def test_removed_member_after_a_field_gets_semicolon():
    # Without the `;` the field initializer would continue on the next line: `x = 1['y'] = 2`.
    source = "class C {\n  x = 1\n  m(): void\n  ['y'] = 2\n}"
    assert strip(source) == "class C {\n  x = 1\n  ;        \n  ['y'] = 2\n}"


def test_abstract_class():
    source = "export abstract class A {\n  abstract x: number;\n  protected abstract m(): void;\n  n() {}\n}"
    assert strip(source) == ("export          class A {\n" + " " * 20 + ";\n" + " " * 30 + ";\n  n() {}\n}")


def test_class_expression_generics_and_implements():
    assert (
        strip("const K = class<T> implements I { x?: T; };") == "const K = class                 { x    ; };"
    )


def test_decorators_untouched():
    source = "@sealed\nclass C {\n  @log m(x = 1) {}\n  @field accessor v = 1;\n  @(dec.ok()) n() {}\n}"
    assert strip_types(source, "test.ts") == source


def test_parameter_decorators_are_refused():
    error = refused("class A { constructor(@Inject() a: string) {} }")
    assert (error.line, error.column) == (1, 23)


def test_getter_setter_and_object_method_types():
    source = "const o = { m<T>(a: T): T { return a; }, get p(): number { return 1; }, set p(v: number) {} };"
    assert strip(source) == (
        "const o = { m   (a   )    { return a; }, get p()         { return 1; }, set p(v        ) {} };"
    )


# -- parameter properties -----------------------------------------------------------------------------


def test_parameter_properties():
    source = "class P {\n  constructor(private x: number, public readonly y = 2, z?: string) {\n  }\n}"
    # TypeScript's emit: `x; y;` declared first in the class body, then assigned.
    out = strip(source, changed_lines=(1, 2))
    assert out == (
        "class P {x; y;\n"
        "  constructor(        x        ,                 y = 2, z         ) {this.x = x; this.y = y;\n"
        "  }\n"
        "}"
    )


def test_parameter_properties_after_super():
    source = (
        "class Q extends P {\n  constructor(readonly q: number) {\n    super(1, 2)\n    this.r = q;\n  }\n}"
    )
    out = strip(source, changed_lines=(1, 3))
    assert out == (
        "class Q extends P {q;\n"
        "  constructor(         q        ) {\n"
        "    super(1, 2); this.q = q;\n"
        "    this.r = q;\n"
        "  }\n"
        "}"
    )


def test_parameter_properties_without_super_are_refused():
    error = refused("class Q extends P {\n  constructor(private q: number) { f(); }\n}")
    assert error.line == 2
    assert "super" in error.message


def test_parameter_properties_come_first_among_an_objects_keys(ctx, tmp_path):
    # As tsc emits them (any target): declared before the class's own fields.
    (tmp_path / "p.ts").write_text(
        "class Point { tag = 'p'; constructor(public x: number, private y = 1) {} }\n"
        "class Named extends Point { name = 'n'; constructor(public z: number) { super(z); } }\n"
        "export const keys = [Object.keys(new Point(1)), Object.keys(new Named(2))];\n"
    )
    assert ctx.import_module(tmp_path / "p.ts")["keys"] == [["x", "y", "tag"], ["x", "y", "tag", "z", "name"]]


@needs_node
def test_parameter_properties_behave_like_tsc():
    source = (
        "class Base { constructor(a) { this.base = a; } }\n"
        "class Point extends Base {\n"
        "  constructor(public x: number, private readonly y: number = 5) {\n"
        "    super(x * 2);\n"
        "  }\n"
        "  sum(): number { return this.x + this.y + this.base; }\n"
        "}\n"
        "console.log(new Point(1).sum(), JSON.stringify(new Point(3, 4)));"
    )
    assert run_node(strip(source, changed_lines=(2, 4))) == '8 {"base":6,"x":3,"y":4}\n'


# -- useDefineForClassFields: false (tsconfig, or a target below ES2022) -------------------------------

_BASE_ASSIGNS = "class Base { constructor(d?: object) { Object.assign(this, d); } }\n"


def _project(tmp_path, tsconfig: str | None, source: str):
    if tsconfig is not None:
        (tmp_path / "tsconfig.json").write_text(tsconfig)
    (tmp_path / "m.ts").write_text(source)
    return tmp_path / "m.ts"


def test_fields_without_initializer_emit_nothing_below_es2022(ctx, tmp_path):
    # tsc and esbuild: target ES2020 means [[Set]] semantics, so `id!: number` does not
    # reset what the base constructor assigned (it did: undefined undefined).
    module = _project(
        tmp_path,
        '{ "compilerOptions": { "target": "ES2020", "strict": true } }',
        _BASE_ASSIGNS + "class User extends Base { id!: number; name?: string; static count: number }\n"
        "const u = new User({ id: 1, name: 'ann' });\n"
        "export const seen = [u.id, u.name, Object.keys(u), 'count' in User];\n",
    )
    assert ctx.import_module(module)["seen"] == [1, "ann", ["id", "name"], False]


def test_field_initializers_run_after_parameter_properties_below_es2022(ctx, tmp_path):
    module = _project(
        tmp_path,
        '{ "compilerOptions": { "target": "es2017" } }',
        _BASE_ASSIGNS + "class Svc { url = this.base + '/api'; constructor(private base: string) {} }\n"
        "class Acc { set v(x: number) { log.push('set ' + x); } get v() { return 1; } }\n"
        "class Acc2 extends Acc { v = 5 }\n"  # assigned: the base's setter runs, no own key
        "class Der extends Base {\n"
        "  tag = 't';\n"
        "  #p = this.tag + '!';\n"  # in order with the assigned fields, as tsc emits it
        "  f = () => this.#p;\n"
        "  constructor(public x: number) { log.push('before'); super({ tag: 'b' }); }\n"
        "}\n"
        "class Counter { static base = 1; static next = Counter.base + 1; n = Counter.next }\n"
        "const log: string[] = [];\n"
        "const d = new Der(2), a = new Acc2();\n"
        "export const seen = [new Svc('http://x').url, JSON.stringify(new Svc('h')), a.v,\n"
        "  Object.keys(a), JSON.stringify(d), d.f(), new Counter().n, log];\n",
    )
    assert ctx.import_module(module)["seen"] == [
        "http://x/api",
        '{"base":"h","url":"h/api"}',
        1,
        [],
        '{"tag":"t","x":2}',  # Object.assign in super() made `tag` first
        "t!",
        2,
        ["before", "set 5"],
    ]


def test_use_define_for_class_fields_false_under_esnext(ctx, tmp_path):
    # Angular's setting, here from the config it extends.
    (tmp_path / "base.json").write_text('{ "compilerOptions": { "useDefineForClassFields": false } }')
    module = _project(
        tmp_path,
        '{ "extends": "./base.json", "compilerOptions": { "target": "ESNext" } }',
        _BASE_ASSIGNS + "class User extends Base { id!: number; greeting = 'hi ' + this.id }\n"
        "export const seen = [new User({ id: 7 }).id, new User({ id: 7 }).greeting];\n",
    )
    assert ctx.import_module(module)["seen"] == [7, "hi 7"]


@pytest.mark.parametrize(
    "tsconfig",
    [
        None,
        '{ "compilerOptions": { "strict": true } }',
        '{ "compilerOptions": { "target": "es2022" } }',
        '{ "compilerOptions": { "target": "ESNext" } }',
        '{ "compilerOptions": { "target": "es2020", "useDefineForClassFields": true } }',
    ],
)
def test_class_fields_are_defined_by_default(ctx, tmp_path, tsconfig):
    # No tsconfig, no target (TypeScript 7 and esbuild), ES2022 and later: ES2022 fields.
    module = _project(
        tmp_path,
        tsconfig,
        _BASE_ASSIGNS
        + "class User extends Base { id!: number; url = this.base; constructor(private base = 'b') { super({ id: 1 }); } }\n"
        "export const seen = [new User().id, new User().url, Object.keys(new User())];\n",
    )
    assert ctx.import_module(module)["seen"] == [None, None, ["id", "base", "url"]]


def test_class_field_semantics_follow_the_nearest_tsconfig(tmp_path):
    from runtime.modules.graph import _defines_class_fields

    def defines(tsconfig: str, **files: str) -> bool:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        (folder / "src").mkdir(parents=True)
        (folder / "tsconfig.json").write_text(tsconfig)
        for name, text in files.items():
            (folder / f"{name}.json").write_text(text)
        return _defines_class_fields(folder / "src" / "m.ts")

    for target in ("ES3", "es5", "ES6", "es2015", "ES2021"):
        assert not defines(f'{{ "compilerOptions": {{ "target": "{target}" }} }}'), target
    for target in ("ES2022", "es2024", "ESNext"):
        assert defines(f'{{ "compilerOptions": {{ "target": "{target}" }} }}'), target
    assert defines('{ "compilerOptions": { "target": "es2017", "useDefineForClassFields": true } }')
    assert not defines(
        '{ "extends": "./base", /* c */ }', base='{ "compilerOptions": { "target": "es2019" } }'
    )
    # Vite's layout: the root config only references the app's, which sets both.
    app = '{ "compilerOptions": { "target": "ES2020", "useDefineForClassFields": true } }'
    assert defines('{ "files": [], "references": [{ "path": "./app.json" }] }', app=app)
    old = '{ "compilerOptions": { "target": "ES2020" } }'
    assert not defines('{ "files": [], "references": [{ "path": "./app.json" }] }', app=old)


def assigned(source: str, changed_lines: tuple[int, ...] = ()) -> str:
    """strip_types with [[Set]] semantics, with the checks of strip (line lengths kept elsewhere)."""
    out = strip_types(source, "test.ts", define_class_fields=False)
    src_lines, out_lines = source.split("\n"), out.split("\n")
    assert len(out_lines) == len(src_lines)
    for number, (a, b) in enumerate(zip(src_lines, out_lines, strict=True), 1):
        if number not in changed_lines:
            assert len(a) == len(b), f"line {number}: {a!r} -> {b!r}"
    assert_valid_js(out)
    return out


def test_assigned_fields_keep_their_lines():
    source = lines(
        "class C extends B {",
        "  id!: number",
        "  static cache = new Map<string, number>()",
        "  handlers: Record<string, () => void> = {",
        "    a: () => this.id,",
        "  }",
        "  declare d: string;",
        "  #own = 1;",
        "}",
    )
    # The value keeps its column where the method's head fits before it (line 4).
    assert assigned(source, changed_lines=(1, 3, 6, 8)) == lines(
        "class C extends B {constructor(...args) { super(...args); this.#__init_handlers(); this.#__init_own(); }",
        "             ",
        "  static { this.cache = new Map                () }",
        "  #__init_handlers() { this.handlers =   {",
        "    a: () => this.id,",
        "  } }",
        "  ;                ;",
        "  #own; #__init_own() { this.#own = 1 };",
        "}",
    )


def test_assigned_fields_go_after_super_and_parameter_properties():
    source = lines(
        "class C extends B {",
        "  private readonly someLongName: Map<string, number> = new Map()",
        '  "a-b" = 1;',
        "  constructor(private p: number) {",
        "    f();",
        "    super()",
        "  }",
        "}",
    )
    assert assigned(source, changed_lines=(2, 3, 6)) == lines(
        "class C extends B {",
        "  #__init_someLongName() { this.someLongName =         new Map() }",
        '  #__init_1() { this["a-b"] = 1 };',
        "  constructor(        p        ) {",
        "    f();",
        "    super(); this.p = p; this.#__init_someLongName(); this.#__init_1();",
        "  }",
        "}",
    )


def test_assigned_fields_need_a_super_statement_in_a_derived_class():
    with pytest.raises(TransformError) as info:
        strip_types(
            "class C extends B {\n  x = 1;\n  constructor(a) { if (a) super(1); else super(2); }\n}",
            "test.ts",
            define_class_fields=False,
        )
    assert info.value.line == 3
    assert "super" in info.value.message


# -- enums --------------------------------------------------------------------------------------------


def test_enum():
    source = "enum E {\n  A,\n  B = 5,\n  C,\n  D = 'd',\n}"
    out = strip(source, changed_lines=(1, 2, 3, 4, 5, 6))
    assert out == (
        "var E; (function (E) {\n"
        '  E[E["A"] = 0] = "A";\n'
        '  E[E["B"] = 5] = "B";\n'
        '  E[E["C"] = 6] = "C";\n'
        "  E[\"D\"] = 'd';\n"
        "})(E || (E = {}));"
    )


def test_enum_on_one_line_and_exported():
    assert strip("export const enum Dir { Up, Down }", changed_lines=(1,)) == (
        'export var Dir; (function (Dir) { Dir[Dir["Up"] = 0] = "Up"; Dir[Dir["Down"] = 1] = "Down"; })'
        "(Dir || (Dir = {}));"
    )


def test_enum_member_references_and_computed_values():
    source = "enum F { A = 1 << 1, B = A | 4, C, 'd-e' = C + 1 }"
    assert strip(source, changed_lines=(1,)) == (
        'var F; (function (F) { F[F["A"] = 1 << 1] = "A"; F[F["B"] = F.A | 4] = "B"; '
        'F[F["C"] = F["B"] + 1] = "C"; F[F[\'d-e\'] = F.C + 1] = \'d-e\'; })(F || (F = {}));'
    )


def test_enum_member_needs_initializer_after_string():
    error = refused("enum S {\n  A = 'a',\n  B,\n}")
    assert (error.line, error.column) == (3, 3)


def test_enum_member_from_elsewhere_has_a_reverse_mapping_only_when_not_a_string(ctx, tmp_path):
    # tsc (type-checked) gives a string member no reverse mapping, whether its value is a
    # literal, another enum's string member, a const or an import: decided at run time.
    (tmp_path / "consts.ts").write_text('export const imported = "imp";\nexport const three = 3;\n')
    (tmp_path / "enums.ts").write_text(
        'import { imported, three } from "./consts.ts";\n'
        'enum Base { Read = "read", Write = "write" }\n'
        'enum Perm { Read = Base.Read, Admin = "admin" }\n'
        'enum Self { A = "a", B = Self.A, C = Self["A"] }\n'
        'const PREFIX = "app";\n'
        "enum FromConst { X = PREFIX, Y = imported }\n"
        "enum Num { A = three, B, C = Num.A * 2 }\n"
        "export const all = [Perm, Self, FromConst, Num].map((e) => JSON.stringify(e));\n"
    )
    assert ctx.import_module(tmp_path / "enums.ts")["all"] == [
        '{"Read":"read","Admin":"admin"}',
        '{"A":"a","B":"a","C":"a"}',
        '{"X":"app","Y":"imp"}',
        '{"3":"A","4":"B","6":"C","A":3,"B":4,"C":6}',
    ]


def test_declare_enum_is_removed():
    assert strip("declare enum E { A }") == " " * 20


@needs_node
def test_enum_behaves_like_tsc():
    source = (
        "enum Color {\n  Red,\n  Green = 4,\n  Blue,\n  Name = 'color',\n}\n"
        "const enum Flag { A = 1, B = A << 1, AB = A | B }\n"
        "console.log(JSON.stringify(Color), Color[5], Flag.AB, Flag[2]);"
    )
    out = strip(source, changed_lines=(1, 2, 3, 4, 5, 6, 7))
    # tsc: {"0":"Red","4":"Green","5":"Blue","Red":0,"Green":4,"Blue":5,"Name":"color"}
    assert run_node(out) == (
        '{"0":"Red","4":"Green","5":"Blue","Red":0,"Green":4,"Blue":5,"Name":"color"} Blue 3 B\n'
    )
    # A template literal is a string whatever its substitutions: no reverse mapping.
    out = strip("enum T { A = 'a', B = `${A}b` }\nconsole.log(JSON.stringify(T));", changed_lines=(1,))
    assert run_node(out) == '{"A":"a","B":"ab"}\n'


# -- errors, unicode, size ----------------------------------------------------------------------------


def test_syntax_error_position():
    error = refused("const a = 1;\nlet x: = 1;")
    assert (error.line, error.column) == (2, 6)
    assert error.message.startswith("Unexpected token ")
    assert str(error) == f"test.ts:2:6: {error.message}"


def test_a_typescript_syntax_error_reads_like_a_javascript_one(ctx, tmp_path):
    for name, source in (
        ("bad.ts", "const a: number = 1;\nlet b = a + ;\n"),
        ("bad.mjs", "const a = 1;\nlet b = a + ;\n"),
    ):
        (tmp_path / name).write_text(source)
        with pytest.raises(runtime.JSError) as info:
            ctx.import_module(tmp_path / name)
        assert (info.value.name, info.value.message) == ("SyntaxError", "Unexpected token '+'")
        assert f"{name}:2:11" in str(info.value)


def test_syntax_error_column_counts_characters():
    error = refused('const é = "ü"; let x: ñ = = 1;')
    ascii_error = refused('const e = "u"; let x: n = = 1;')
    assert (error.line, error.column) == (ascii_error.line, ascii_error.column) == (1, 25)


def test_unicode_source_keeps_character_columns():
    source = 'const ñ: Número = "é"; let z = ñ as Tipo<"ü">;\nz;'
    out = strip(source)
    assert out == 'const ñ         = "é"; let z = ñ             ;\nz;'


def test_crlf_line_endings():
    assert strip("let a: number = 1;\r\ninterface I {\r\n}\r\na;") == (
        "let a         = 1;\r\n;            \r\n \r\na;"
    )


def test_tsx_types_with_jsx():
    source = "const C = (p: Props): JSX.Element => <div title={p.t as string}>{p.c!}</div>;"
    assert strip(source, tsx=True) == (
        "const C = (p       )              => <div title={p.t          }>{p.c }</div>;"
    )


def test_transform_error_pickles():
    import pickle

    error = TransformError("m", "f.ts", 3, 4)
    again = pickle.loads(pickle.dumps(error))
    assert (again.message, again.filename, again.line, again.column, str(again)) == (
        "m",
        "f.ts",
        3,
        4,
        "f.ts:3:4: m",
    )


def _generated(blocks: int) -> str:
    parts = []
    for i in range(blocks):
        parts += [
            f"interface I{i} {{ a: number; b?: string }}",
            f"export class C{i}<T> extends Base implements I{i} {{",
            f"  private x{i}: number = 1;",
            "  constructor(private readonly a: T, public b?: string) { super(); }",
            "  method<U>(u: U, v: Array<T>): Map<string, U> {",
            "    const m = new Map<string, U>();",
            f"    if (this.x{i} < 3 && v.length > 2) m.set('k', u as U);",
            "    return m!;",
            "  }",
            "}",
            f"type T{i} = {{ [k: string]: number }} | null;",
            f"function fn{i}(a: number, b: string = 'x'): number {{ return a + b.length; }}",
            f"const arrow{i} = (x: number): number => x * 2;",
            f"let v{i}: T{i} = null;",
        ]
    return "class Base {}\n" + "\n".join(parts) + "\n"


def test_large_file():
    source = _generated(215)  # about 3,000 lines, 116 KB
    assert source.count("\n") > 3000
    constructor_lines = tuple(
        i for i, line in enumerate(source.split("\n"), 1) if "constructor(" in line or "export class" in line
    )
    out = strip(source, changed_lines=constructor_lines)
    assert "private" not in out and "interface" not in out and "<T>" not in out
    assert out.count("this.a = a; this.b = b;") == 215
    assert "  method   (u   , v          )                 {" in out


def test_threads_share_nothing():
    source = _generated(20)
    expected = strip_types(source, "a.ts")
    results = []

    def work():
        results.append(all(strip_types(source, "a.ts") == expected for _ in range(5)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [True] * 4


@needs_node
def test_stripped_module_runs():
    source = (
        "interface Shape { area(): number }\n"
        "abstract class Base<T> implements Shape {\n"
        "  abstract area(): number;\n"
        "  protected label?: string;\n"
        "  describe(this: Base<T>, prefix: string = '>'): string { return `${prefix} ${this.area()}`; }\n"
        "}\n"
        "class Sq extends Base<number> {\n"
        "  declare extra: never;\n"
        "  constructor(private readonly side: number) { super(); }\n"
        "  override area(): number { return this.side ** 2; }\n"
        "}\n"
        "function pick<K extends string>(k: K): K;\n"
        "function pick(k: any) { return k; }\n"
        "const s = new Sq(3) as Shape satisfies Shape;\n"
        "console.log((s as Sq).describe(), pick<'a'>('a'), [1, 2].map((x): number => x! * 2).join());"
    )
    out = strip(source, changed_lines=(7, 9))
    assert run_node(out) == "> 9 a 2,4\n"
