"""WebAssembly's promise API settles on every engine, and the namespace is the same."""

from __future__ import annotations

import pytest

import runtime

# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
ADD = (
    "new Uint8Array([0,97,115,109,1,0,0,0,1,7,1,96,2,127,127,1,127,3,2,1,0,7,7,1,3,97,100,100,"
    "0,0,10,9,1,7,0,32,0,32,1,106,11])"
)
# (module (import "env" "f" (func (result i32))) (func (export "g") (result i32) call 0))
IMPORTS = (
    "new Uint8Array([0,97,115,109,1,0,0,0,1,5,1,96,0,1,127,2,9,1,3,101,110,118,1,102,0,0,3,2,"
    "1,0,7,5,1,1,103,0,1,10,6,1,4,0,16,0,11])"
)


def test_compile_and_instantiate_settle(ctx):
    assert ctx.wait(ctx.eval(f"WebAssembly.compile({ADD}).then((m) => m instanceof WebAssembly.Module)"))
    assert (
        ctx.wait(ctx.eval(f"WebAssembly.instantiate({ADD}).then((r) => r.instance.exports.add(4, 5))")) == 9
    )
    source = f"""(async () => {{
        const module = await WebAssembly.compile({ADD}.buffer);
        const instance = await WebAssembly.instantiate(module);
        const imported = await WebAssembly.instantiate({IMPORTS}, {{ env: {{ f: () => 41 }} }});
        return [instance instanceof WebAssembly.Instance, instance.exports.add(1, 2),
                imported.instance.exports.g() + 1];
    }})()"""
    assert ctx.wait(ctx.eval(source)) == [True, 3, 42]


def test_failures_reject_with_the_specs_errors(ctx):
    source = f"""(async () => {{
        const name = (p) => p.then(() => "resolved", (e) => e.constructor.name);
        return [
            await name(WebAssembly.compile(new Uint8Array([0, 1, 2, 3]))),
            await name(WebAssembly.compile("not bytes")),
            await name(WebAssembly.instantiate({IMPORTS})),
            await name(WebAssembly.instantiate({IMPORTS}, {{ env: {{}} }})),
            await name(WebAssembly.instantiate({ADD}, 5)),
        ];
    }})()"""
    assert ctx.wait(ctx.eval(source)) == ["CompileError", "TypeError", "TypeError", "LinkError", "TypeError"]


def test_streaming_forms_take_a_wasm_response(ctx):
    source = f"""(async () => {{
        const wasm = () => new Response({ADD}, {{ headers: {{ "Content-Type": "application/wasm" }} }});
        const {{ instance }} = await WebAssembly.instantiateStreaming(Promise.resolve(wasm()));
        const module = await WebAssembly.compileStreaming(wasm());
        const wrongType = await WebAssembly.compileStreaming(new Response({ADD})).catch((e) => e.name);
        const notResponse = await WebAssembly.compileStreaming({ADD}).catch((e) => e.name);
        return [instance.exports.add(20, 22), module instanceof WebAssembly.Module, wrongType, notResponse];
    }})()"""
    assert ctx.wait(ctx.eval(source)) == [42, True, "TypeError", "TypeError"]


def test_the_namespace_is_the_same_on_every_engine(ctx):
    names = ctx.eval("Object.getOwnPropertyNames(WebAssembly).sort()")
    assert names == sorted(
        "compile validate instantiate compileStreaming instantiateStreaming Module Instance "
        "Memory Table Global Tag JSTag Exception CompileError LinkError RuntimeError".split()
    )
    assert ctx.eval(
        "[WebAssembly.compile.name, WebAssembly.compile.length, WebAssembly.instantiate.length]"
    ) == [
        "compile",
        1,
        1,
    ]


@pytest.mark.parametrize("engine_name", runtime.registry.available())
def test_closing_after_a_pending_compile_does_not_hang(run_python, engine_name):
    code = f"""
import runtime
ctx = runtime.Context({engine_name!r})
p = ctx.eval("WebAssembly.instantiate({ADD}).then((r) => r.instance.exports.add(1, 1))")
ctx.close()
print("closed")
"""
    done = run_python(code, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closed"
