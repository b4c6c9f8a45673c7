"""JS exceptions become runtime.JSError with the same name, message and stack everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

import runtime


def test_thrown_error_has_name_message_and_user_frames(ctx):
    source = (
        "function inner() {\n  throw new TypeError('boom');\n}\nfunction outer() { inner(); }\nouter();\n"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(source, filename="app.js")
    err = info.value
    assert err.name == "TypeError"
    assert err.message == "boom"
    assert err.stack.splitlines()[0] == "TypeError: boom"
    assert err.frames[0][:3] == ("inner", "app.js", 2)
    assert err.frames[1][:3] == ("outer", "app.js", 4)
    assert "    at inner (app.js:2:" in err.stack
    assert "runtime:shims" not in err.stack
    assert str(err) == err.stack


def test_syntax_error_points_at_file_line_and_column(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("var ok = 1;\n\nlet broken = ;\n", filename="bad.js")
    err = info.value
    assert err.name == "SyntaxError"
    assert err.frames[0][1:3] == ("bad.js", 3)
    assert err.frames[0][3] == 14
    assert "bad.js:3:14" in err.stack


def test_error_inside_a_call_is_structured(ctx):
    ctx.eval(
        "globalThis.fail = (n) => { if (n > 1) throw new RangeError('n=' + n); return n; };",
        filename="lib.js",
    )
    assert ctx.call("fail", 1) == 1
    with pytest.raises(runtime.JSError) as info:
        ctx.call("fail", 5)
    assert (info.value.name, info.value.message) == ("RangeError", "n=5")
    assert info.value.frames[0][1:3] == ("lib.js", 1)


@pytest.mark.parametrize(
    ("thrown", "message", "value"),
    [("42", "42", 42), ("'text'", "text", "text"), ("({code: 7})", "[object Object]", {"code": 7})],
)
def test_non_error_values_thrown_from_calls(ctx, thrown, message, value):
    ctx.eval(f"globalThis.throwIt = () => {{ throw {thrown}; }}")
    with pytest.raises(runtime.JSError) as info:
        ctx.call("throwIt")
    assert info.value.name == "Uncaught"
    assert info.value.message == message
    assert info.value.value == value


@pytest.mark.parametrize(
    ("thrown", "message"),
    [
        ("'plain'", "plain"),
        ("42", "42"),
        ("null", "null"),
        ("undefined", "undefined"),
        ("[1, 2]", "1,2"),
        ("({code: 7})", "[object Object]"),
        # A non-Error whose string looks like "Name: message" is still not an Error
        # (test262's Test262Error is such a plain constructor).
        (
            "(() => { function T(m) { this.message = m; }"
            " T.prototype.toString = function () { return 'T: ' + this.message; };"
            " return new T('x'); })()",
            "T: x",
        ),
    ],
)
def test_non_error_thrown_at_top_level(ctx, thrown, message):
    # The same on every engine, and never a crash (SpiderMonkey's binding hands over a
    # thrown null or number as a broken object).
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(f"throw {thrown}", filename="top.js")
    assert (info.value.name, info.value.message) == ("Uncaught", message)
    assert ctx.eval("1 + 1") == 2


def test_syntax_errors_name_the_file_and_a_line_of_it(ctx):
    # The engine reads the file name only once the parse succeeds, and a failure at the
    # end of the input must not point past the source's last line.
    cases = [
        ("// c\ninterface Env {}", 2, 11),
        ("function f( {", 1, 14),
        ("let a = 1;\nlet b = (", 2, 10),
    ]
    for source, line, column in cases:
        with pytest.raises(runtime.JSError) as info:
            ctx.eval(source, filename="h.js")
        assert info.value.name == "SyntaxError"
        assert info.value.frames[0][1:] == ("h.js", line, column), source
        assert f"h.js:{line}:{column}" in info.value.stack


def test_custom_error_subclass_keeps_its_name(ctx):
    source = (
        "class AppError extends Error { constructor(m) { super(m); this.name = 'AppError'; } }\n"
        "throw new AppError('nope');"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(source, filename="custom.js")
    assert (info.value.name, info.value.message) == ("AppError", "nope")
    assert info.value.frames and info.value.frames[0][1] == "custom.js"


def test_context_is_usable_after_an_error(ctx):
    with pytest.raises(runtime.JSError):
        ctx.eval("null.x")
    assert ctx.eval("1 + 1") == 2


def test_calling_a_missing_function(ctx):
    with pytest.raises(runtime.JSError, match="is not a function"):
        ctx.call("noSuchFunction")


def test_file_names_cannot_inject_code(ctx):
    assert ctx.eval("1 + 1", filename="x.js\nglobalThis.injected = 1") == 2
    assert ctx.eval("typeof injected") == "undefined"


def test_file_names_with_spaces_reach_the_stack(ctx):
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("null.x", filename="my dir/app one.js")
    # V8 reads the name from a sourceURL comment, where whitespace is percent-encoded.
    expected = "my%20dir/app%20one.js" if ctx.engine == "v8" else "my dir/app one.js"
    assert info.value.frames[0][1] == expected


def test_error_capture_stack_trace_on_every_engine(ctx):
    # V8 has it; libraries (@whatwg-node's HTTPError, SuppressedError polyfills) call it
    # unguarded, so the other engines get it from the runtime. Values as Node gives them.
    ctx.eval(
        """
        class HTTPError extends Error {
          constructor(status, message) {
            super(message);
            this.name = "HTTPError";
            this.status = status;
            Error.captureStackTrace(this, HTTPError);
          }
        }
        function thrower() { throw new HTTPError(401, "nope"); }
        function inner() { const x = {}; Error.captureStackTrace(x, inner); return x.stack; }
        function outer() { return inner(); }
        globalThis.check = () => {
          let e;
          try { thrower(); } catch (caught) { e = caught; }
          const lines = e.stack.split("\\n");
          const plain = { message: "m" };
          Error.captureStackTrace(plain);
          return [
            lines[0], /at thrower/.test(lines[1]), lines.some((l) => /HTTPError \\(/.test(l)),
            typeof Error.stackTraceLimit, Object.keys(e), plain.stack.split("\\n")[0],
            Object.getOwnPropertyDescriptor(plain, "stack").enumerable, /^Error\\n\\s+at outer/.test(outer()),
          ];
        };
        """,
        filename="errors.js",
    )
    assert ctx.call("check") == [
        "HTTPError: nope",
        True,
        False,
        "number",
        ["name", "status"],
        "Error: m",
        False,
        True,
    ]
    with pytest.raises(runtime.JSError, match="TypeError"):
        ctx.eval("Error.captureStackTrace(1)")


def test_err_stack_in_js_reads_as_on_v8_on_every_engine(ctx):
    # Code that logs or parses err.stack (error-stack-parser, loglevel) and code that asks
    # for call sites (callsites, depd) reads V8's format and API on every engine.
    ctx.eval(
        """
        function inner() { return new Error("boom"); }
        function outer() { return inner(); }
        class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr"; } }
        function sites() {
          const prepare = Error.prepareStackTrace;
          Error.prepareStackTrace = (_, callSites) => callSites;
          const s = new Error().stack;
          Error.prepareStackTrace = prepare;
          return s.slice(0, 2).map((c) => [c.getFunctionName(), c.getScriptNameOrSourceURL(), c.getLineNumber(), c.isNative()]);
        }
        function depdStyle() {
          const obj = {};
          const prepare = Error.prepareStackTrace;
          Error.prepareStackTrace = (_, callSites) => callSites;
          Error.captureStackTrace(obj);
          const s = obj.stack;
          Error.prepareStackTrace = prepare;
          return s[0].getFunctionName();
        }
        function deep(n) { return n ? deep(n - 1) : new Error("deep"); }
        globalThis.check = () => {
          const e = outer();
          const assigned = new Error("s");
          assigned.stack = "custom";
          let caught;
          try { null.x; } catch (err) { caught = err; }
          return [
            e.stack.split("\\n").slice(0, 3),
            new MyErr("m").stack.split("\\n")[0],
            sites(),
            depdStyle(),
            deep(30).stack.split("\\n").length,
            [assigned.stack, Object.keys(assigned)],
            caught.stack.split("\\n")[0].startsWith("TypeError: "),
            /^    at globalThis\\.check \\(js-stack\\.js:\\d+:\\d+\\)$/.test(caught.stack.split("\\n")[1]),
          ];
        };
        """,
        filename="js-stack.js",
    )
    got = ctx.call("check")
    assert got[0][0] == "Error: boom"
    assert got[0][1].startswith("    at inner (js-stack.js:2:")
    assert got[0][2].startswith("    at outer (js-stack.js:3:")
    assert got[1:] == [
        "MyErr: m",
        [["sites", "js-stack.js", 8, False], ["globalThis.check", "js-stack.js", 31, False]],
        "depdStyle",
        11,  # Error.stackTraceLimit frames
        ["custom", []],
        True,
        True,
    ]


async def test_frames_where_an_async_function_resumed_read_the_same_on_every_engine(ctx):
    ctx.eval(
        "async function inner() { await null; throw new Error('x'); }\n"
        "async function outer() { await inner(); }\n"
        "globalThis.run = () => outer();",
        filename="app.js",
    )
    with pytest.raises(runtime.JSError) as info:
        await ctx.eval_async("run()")
    frames = [line.strip() for line in info.value.stack.splitlines()[1:]]
    assert frames[0].startswith("at inner (app.js:1:"), frames
    assert frames[1].startswith("at async outer (app.js:2:"), frames


def test_frames_of_a_module_read_the_same_in_every_new_context(engine, tmp_path):
    # SpiderMonkey's built-ins outlive a context: the stack API the shims install must read
    # the new context's frames and column maps, not the first one's.
    (tmp_path / "dep.mjs").write_text("export function g() { return null.y; }\n")
    (tmp_path / "main.mjs").write_text('import { g } from "./dep.mjs";\ng();\n')
    seen = []
    for _ in range(3):
        with runtime.Context(engine) as ctx, pytest.raises(runtime.JSError) as info:
            ctx.import_module(tmp_path / "main.mjs")
        seen.append([(fn, Path(file).name, line) for fn, file, line, _ in info.value.frames])
    assert seen == [[("g", "dep.mjs", 1), ("", "main.mjs", 2)]] * 3


def test_an_errors_cause_chain_comes_with_it(ctx):
    ctx.eval(
        "globalThis.fail = () => { throw new Error('outer', { cause: new TypeError('inner', { cause: 5 }) }); };"
        "globalThis.throwObject = () => { throw { code: 7, detail: 'x' }; };"
    )
    with pytest.raises(runtime.JSError) as info:
        ctx.call("fail")
    outer = info.value
    assert (outer.cause.name, outer.cause.message) == ("TypeError", "inner")
    assert outer.__cause__ is outer.cause  # a Python traceback shows the chain
    assert (outer.cause.cause.name, outer.cause.cause.value) == ("Uncaught", 5)
    assert outer.cause.cause.cause is None
    with pytest.raises(runtime.JSError) as info:
        ctx.call("throwObject")
    # String(value) as its message; what a report prints reads as console.log shows it.
    assert info.value.message == "[object Object]"
    assert info.value.stack == "Uncaught { code: 7, detail: 'x' }"


def test_err_stack_of_a_module_reads_its_source_on_every_engine(ctx, tmp_path):
    # A module's rewritten lines (a call of an import is `(0, __rt$0.f)(...)`) and the
    # runtime's own frames (its loader) are not what err.stack shows, also after a
    # program set Error.prepareStackTrace and set it back to undefined.
    (tmp_path / "dep.mjs").write_text("export const f = (x) => x;\n")
    (tmp_path / "main.mjs").write_text(
        'import { f } from "./dep.mjs";\n'
        'const a = f(1); export const stack = new Error("x").stack;\n'
        "function sites() {\n"
        "  Error.prepareStackTrace = (_, callSites) => callSites;\n"
        "  const s = new Error().stack;\n"
        "  Error.prepareStackTrace = undefined;\n"
        "  return s.map((c) => [c.getFunctionName(), c.getScriptNameOrSourceURL(), c.getLineNumber()]);\n"
        "}\n"
        "const b = f(2); export const callSites = sites();\n"
        "export const inMap = [1].map(() => new Error('m').stack)[0];\n"
    )
    module = ctx.import_module(tmp_path / "main.mjs")
    main = str(tmp_path / "main.mjs")
    assert module["stack"] == f"Error: x\n    at {main}:2:38"  # Node's columns
    assert module["callSites"][:2] == [["sites", main, 5], [None, main, 9]]
    lines = module["inMap"].splitlines()
    assert lines[1] == f"    at {main}:10:36"
    assert lines[-1] == f"    at {main}:10:26"
    assert all("runtime:" not in line for line in lines)


def test_a_lone_surrogate_in_an_error_becomes_u_fffd(ctx):
    # An error record crosses as JSON: a lone surrogate made it unreadable (a
    # msgspec.DecodeError, not a JSError).
    ctx.eval("globalThis.check = (s) => { throw new Error('too long: ' + s.slice(0, 3)) }")
    with pytest.raises(runtime.JSError) as info:
        ctx.call("check", "ab\U0001f600cd")
    assert info.value.message == "too long: ab\ufffd"
    with pytest.raises(runtime.JSError) as info:
        ctx.eval("check('ab\\u{1F600}cd')")
    assert "too long: ab\ufffd" in info.value.message
    with pytest.raises(runtime.JSError) as info:
        ctx.wait(ctx.eval("Promise.reject('\\ud800 alone')"))
    assert info.value.message == "\ufffd alone"


@pytest.mark.parametrize(
    "source,name,message",
    [
        ("throw new TypeError()", "TypeError", ""),
        ("throw new Error('line one\\nline two')", "Error", "line one\nline two"),
        ("var e = new Error('m'); e.name = 'Validation Error'; throw e", "Validation Error", "m"),
        ("var e = new Error('m'); e.name = 'app.NotFound'; throw e", "app.NotFound", "m"),
        ("throw new Error('a\\n\\nb')", "Error", "a\n\nb"),
        ("throw new Error('one\\n    at x (y.js:1:2)')", "Error", "one\n    at x (y.js:1:2)"),
        (
            "var e = new Error('x'); e.stack = 'Error: x\\nmore\\n    at q (app.js:1:1)'; throw e",
            "Error",
            "x",
        ),
    ],
)
def test_what_a_script_throws_has_its_name_and_whole_message(ctx, source, name, message):
    # V8 reports a top-level script's exception as text whose first line is only the first
    # line of String(error): it read 'Uncaught' for these, or cut the message.
    with pytest.raises(runtime.JSError) as info:
        ctx.eval(source, filename="app.js")
    assert (info.value.name, info.value.message) == (name, message)
    assert info.value.frames[0][1:3] == ("app.js", 1)
