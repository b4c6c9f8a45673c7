"""node:util and node:util/types, checked against Node.js."""

from __future__ import annotations

from tests.node.conftest import UNDEFINED

# Turns a thrown error into JSON.
CATCH = """
const caught = (fn) => {
  try { return fn(); } catch (e) { return { name: e.name, code: e.code, message: e.message }; }
};
const rejected = (e) => ({ name: e.name, code: e.code, message: e.message });
"""

# What Node has that the runtime leaves out (no system errors, threads, call sites, .env).
LEFT_OUT = [
    "_errnoException",
    "_exceptionWithHostPort",
    "getSystemErrorMap",
    "getSystemErrorName",
    "transferableAbortSignal",
    "transferableAbortController",
    "getCallSite",
    "getCallSites",
]


def test_exports(node_js):
    assert node_js(f"""
import util, * as ns from "node:util";
import types from "node:util/types";
const leftOut = {LEFT_OUT!r};
export default {{
  keys: Object.keys(util).filter((k) => !leftOut.includes(k)),
  same: [util.types === types, ns.default === util, ns.format === util.format, util.debug === util.debuglog,
    util.TextEncoder === TextEncoder, util.TextDecoder === TextDecoder],
  // isProxy and isExternal need the engine; isKeyObject node:crypto's internals.
  typeKeys: Object.keys(types).filter((k) => !["isExternal", "isProxy", "isKeyObject"].includes(k)),
}};
""") == {
        "keys": [
            "_extend",
            "callbackify",
            "debug",
            "debuglog",
            "deprecate",
            "format",
            "styleText",
            "formatWithOptions",
            "inherits",
            "inspect",
            "isArray",
            "isBoolean",
            "isBuffer",
            "isDeepStrictEqual",
            "isNull",
            "isNullOrUndefined",
            "isNumber",
            "isString",
            "isSymbol",
            "isUndefined",
            "isRegExp",
            "isObject",
            "isDate",
            "isError",
            "isFunction",
            "isPrimitive",
            "log",
            "promisify",
            "stripVTControlCharacters",
            "toUSVString",
            "aborted",
            "types",
            "parseEnv",
            "parseArgs",
            "TextDecoder",
            "TextEncoder",
            "MIMEType",
            "MIMEParams",
        ],
        "same": [True] * 6,
        "typeKeys": [
            "isDate",
            "isArgumentsObject",
            "isBigIntObject",
            "isBooleanObject",
            "isNumberObject",
            "isStringObject",
            "isSymbolObject",
            "isNativeError",
            "isRegExp",
            "isAsyncFunction",
            "isGeneratorFunction",
            "isGeneratorObject",
            "isPromise",
            "isMap",
            "isSet",
            "isMapIterator",
            "isSetIterator",
            "isWeakMap",
            "isWeakSet",
            "isArrayBuffer",
            "isDataView",
            "isSharedArrayBuffer",
            "isModuleNamespaceObject",
            "isAnyArrayBuffer",
            "isBoxedPrimitive",
            "isArrayBufferView",
            "isTypedArray",
            "isUint8Array",
            "isUint8ClampedArray",
            "isUint16Array",
            "isUint32Array",
            "isInt8Array",
            "isInt16Array",
            "isInt32Array",
            "isFloat32Array",
            "isFloat64Array",
            "isBigInt64Array",
            "isBigUint64Array",
            "isCryptoKey",
        ],
    }


def test_types(node_js):
    # Each check with the names of the values it accepts.
    assert node_js("""
import types from "node:util/types";
import * as ns from "node:util/types";
const af = async function () {}, gf = function* () {}, agf = async function* () {};
const obj = { async m() {}, *g() {}, async *ag() {}, async() {} };
const fakeAsync = function () {};
Object.setPrototypeOf(fakeAsync, Object.getPrototypeOf(af));
class E2 extends Error {}
const values = {
  num: 1, str: "s", nul: null, obj: {}, arr: [], fn() {},
  date: new Date(), dateProto: Date.prototype, re: /x/g, reProto: RegExp.prototype, fakeRe: Object.create(RegExp.prototype),
  map: new Map(), set: new Set(), wm: new WeakMap(), ws: new WeakSet(), fakeMap: { [Symbol.toStringTag]: "Map" },
  ab: new ArrayBuffer(2), u8: new Uint8Array(2), u8c: new Uint8ClampedArray(1), i16: new Int16Array(1), f32: new Float32Array(1),
  f64: new Float64Array(1), b64: new BigInt64Array(1), bu64: new BigUint64Array(1), dv: new DataView(new ArrayBuffer(1)),
  fakeU8: { [Symbol.toStringTag]: "Uint8Array" },
  numObj: new Number(1), strObj: new String("x"), boolObj: new Boolean(false), bigObj: Object(1n), symObj: Object(Symbol()),
  args: (function () { return arguments; })(), fakeArgs: { [Symbol.toStringTag]: "Arguments" },
  err: new Error("x"), typeErr: new TypeError("x"), subErr: new E2(), errProto: Object.create(Error.prototype),
  dom: new DOMException("x"), fakeErr: { [Symbol.toStringTag]: "Error" },
  af, gf, agf, boundAf: af.bind(null), boundGf: gf.bind(null), fakeAsync, arrow: () => 1,
  m: obj.m, g: obj.g, ag: obj.ag, methodNamedAsync: obj.async,
  genObj: gf(), agenObj: agf(), promise: Promise.resolve(1), thenable: { then() {} },
  mapIt: new Map().entries(), mapKeys: new Map().keys(), setIt: new Set().values(), arrIt: [].values(), ns,
};
const out = {};
for (const check of Object.keys(types).filter((k) => !["isExternal", "isProxy", "isKeyObject"].includes(k))) {
  out[check] = Object.keys(values).filter((k) => types[check](values[k]));
}
export default out;
""") == {
        "isDate": ["date"],
        "isArgumentsObject": ["args"],
        "isBigIntObject": ["bigObj"],
        "isBooleanObject": ["boolObj"],
        "isNumberObject": ["numObj"],
        "isStringObject": ["strObj"],
        "isSymbolObject": ["symObj"],
        "isNativeError": ["err", "typeErr", "subErr"],
        "isRegExp": ["re"],
        "isAsyncFunction": ["af", "agf", "m", "ag"],
        "isGeneratorFunction": ["gf", "agf", "g", "ag"],
        "isGeneratorObject": ["genObj", "agenObj"],
        "isPromise": ["promise"],
        "isMap": ["map"],
        "isSet": ["set"],
        "isMapIterator": ["mapIt", "mapKeys"],
        "isSetIterator": ["setIt"],
        "isWeakMap": ["wm"],
        "isWeakSet": ["ws"],
        "isArrayBuffer": ["ab"],
        "isDataView": ["dv"],
        "isSharedArrayBuffer": [],
        "isModuleNamespaceObject": ["ns"],
        "isAnyArrayBuffer": ["ab"],
        "isBoxedPrimitive": ["numObj", "strObj", "boolObj", "bigObj", "symObj"],
        "isArrayBufferView": ["u8", "u8c", "i16", "f32", "f64", "b64", "bu64", "dv"],
        "isTypedArray": ["u8", "u8c", "i16", "f32", "f64", "b64", "bu64"],
        "isUint8Array": ["u8"],
        "isUint8ClampedArray": ["u8c"],
        "isUint16Array": [],
        "isUint32Array": [],
        "isInt8Array": [],
        "isInt16Array": ["i16"],
        "isInt32Array": [],
        "isFloat32Array": ["f32"],
        "isFloat64Array": ["f64"],
        "isBigInt64Array": ["b64"],
        "isBigUint64Array": ["bu64"],
        "isCryptoKey": [],
    }


def test_is_crypto_key(node_js):
    assert node_js("""
import { isCryptoKey } from "node:util/types";
const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
export default [isCryptoKey(key), isCryptoKey(Object.create(CryptoKey.prototype)), isCryptoKey({})];
""") == [True, False, False]


def test_format(node_js):
    assert node_js("""
import { format, formatWithOptions } from "node:util";
class B { toString() { return "B!"; } }
class C extends B {}
class D {}
const circular = {};
circular.self = circular;
export default {
  format: [
    format("%s %s", { toString() { return "T"; } }, [1, [2, [3]]]),
    format("%d %i %f %j %O %c %%", "42", "3.9", "1.5", { a: 1 }, { b: 2 }, "color: red"),
    format("%o", [1]), format(1, 2, "a"), format("%s", 5n, -0), format("%s", new Date(0)), format("%s", new C()),
    format("%s", new D()), format("%s", Object.create(null)), format("%s:%s", "a"), format("%%s", 1), format("a%", 1),
    format("%x", 1), format("%s", Symbol("q")), format("%d", 5n), format("%i", Symbol()), format("%f", "abc"),
    format("%j", circular), format(), format("%s", null, undefined), format({ a: 1 }, "x"), format("%d", {}),
    format("%s", -0), format("%s", { a: { b: { c: 1 } } }), format("%O", { a: { b: { c: { d: 1 } } } }),
  ],
  withOptions: [
    formatWithOptions({ depth: 0 }, { a: { b: 1 } }, "%O", { a: { b: 1 } }), formatWithOptions([], "%s", 1),
    formatWithOptions({ compact: false }, { a: 1 }), formatWithOptions({ sorted: true }, "%s", { b: 1, a: 2 }),
  ],
  invalid: [null, 5, "x"].map((o) => { try { return formatWithOptions(o, "x"); } catch (e) { return [e.code, e.message]; } }),
};
""") == {
        "format": [
            "T [ 1, [Array] ]",
            '42 3 1.5 {"a":1} { b: 2 }  %',
            "[ 1, [length]: 1 ]",
            "1 2 a",
            "5n -0",
            "1970-01-01T00:00:00.000Z",
            "B!",
            "D {}",
            "[Object: null prototype] {}",
            "a:%s",
            "%s 1",
            "a% 1",
            "%x 1",
            "Symbol(q)",
            "5n",
            "NaN",
            "NaN",
            "[Circular]",
            "",
            "null undefined",
            "{ a: 1 } x",
            "NaN",
            "-0",
            "{ a: [Object] }",
            "{ a: { b: { c: [Object] } } }",
        ],
        "withOptions": ["{ a: [Object] } %O { a: [Object] }", "1", "{\n  a: 1\n}", "{ a: 2, b: 1 }"],
        "invalid": [
            [
                "ERR_INVALID_ARG_TYPE",
                'The "inspectOptions" argument must be of type object. Received null',
            ],
            [
                "ERR_INVALID_ARG_TYPE",
                'The "inspectOptions" argument must be of type object. Received type number (5)',
            ],
            [
                "ERR_INVALID_ARG_TYPE",
                "The \"inspectOptions\" argument must be of type object. Received type string ('x')",
            ],
        ],
    }


def test_inspect(node_js):
    assert node_js(
        CATCH
        + """
import { inspect, format } from "node:util";
const nested = { a: { b: { c: { d: { e: 1 } } } } };
const out = {
  options: [
    inspect(nested), inspect(nested, { depth: 0 }), inspect(nested, { depth: null }), inspect(nested, { depth: Infinity }),
    inspect([1, 2, 3], { maxArrayLength: 1 }), inspect([1, 2, 3], { maxArrayLength: null }),
    inspect("x".repeat(20), { maxStringLength: 5 }), inspect({ b: 1, a: 2 }, { sorted: true }),
    inspect({ a: [1, 2] }, { compact: false }), inspect({ a: 1 }, { breakLength: 3 }), inspect({ a: 1 }, { unknown: 1 }),
    inspect({ [inspect.custom]() { return "custom!"; } }),
    inspect({ [inspect.custom]: () => "c" }, { customInspect: false }),
  ],
  // The legacy form: inspect(value, showHidden, depth, colors).
  legacy: [inspect(nested, false, 0), inspect(nested, false, null), inspect([1], true), inspect(nested, undefined, 3)],
  custom: inspect.custom === Symbol.for("nodejs.util.inspect.custom"),
  defaults: { ...inspect.defaultOptions },
  sealed: Object.isSealed(inspect.defaultOptions),
  badDefaults: caught(() => { inspect.defaultOptions = 5; }),
  colors: [Object.keys(inspect.colors).length, inspect.colors.red, inspect.colors.grey, inspect.colors.faint,
    Object.getPrototypeOf(inspect.colors), Object.keys(inspect.colors).includes("grey")],
  styles: { ...inspect.styles },
};
const saved = { ...inspect.defaultOptions };
inspect.defaultOptions = { depth: 0, sorted: true };
out.changedDefaults = [inspect(nested), format("%O", { b: nested, a: 1 }), format(nested), inspect.defaultOptions.depth];
inspect.defaultOptions = saved;
out.restored = inspect(nested);
export default out;
"""
    ) == {
        "options": [
            "{ a: { b: { c: [Object] } } }",
            "{ a: [Object] }",
            "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
            "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
            "[ 1, ... 2 more items ]",
            "[ 1, 2, 3 ]",
            "'xxxxx'... 15 more characters",
            "{ a: 2, b: 1 }",
            "{\n  a: [\n    1,\n    2\n  ]\n}",
            "{\n  a: 1\n}",
            "{ a: 1 }",
            "custom!",
            "{\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}",
        ],
        "legacy": [
            "{ a: [Object] }",
            "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
            "[ 1, [length]: 1 ]",
            "{\n  a: { b: { c: { d: [Object] } } }\n}",
        ],
        "custom": True,
        "defaults": {
            "showHidden": False,
            "depth": 2,
            "colors": False,
            "customInspect": True,
            "showProxy": False,
            "maxArrayLength": 100,
            "maxStringLength": 10000,
            "breakLength": 80,
            "compact": 3,
            "sorted": False,
            "getters": False,
            "numericSeparator": False,
        },
        "sealed": True,
        "badDefaults": {
            "name": "TypeError",
            "code": "ERR_INVALID_ARG_TYPE",
            "message": 'The "options" argument must be of type object. Received type number (5)',
        },
        "colors": [44, [31, 39], [90, 39], [2, 22], None, False],
        "styles": {
            "special": "cyan",
            "number": "yellow",
            "bigint": "yellow",
            "boolean": "yellow",
            "undefined": "grey",
            "null": "bold",
            "string": "green",
            "symbol": "green",
            "date": "magenta",
            "regexp": "red",
            "module": "underline",
        },
        "changedDefaults": ["{ a: [Object] }", "{ a: 1, b: [Object] }", "{ a: [Object] }", 0],
        "restored": "{ a: { b: { c: [Object] } } }",
    }


def test_inspect_of_web_classes(node_js):
    # console.log(request.headers) and the like show the fields, as Node shows them.
    out = node_js(
        """
import { inspect } from "node:util";
const form = new FormData();
form.append("a", "1");
form.append("a", "2");
const values = {
  url: new URL("https://u:p@a.b:8080/c?x=1#h"),
  params: new URLSearchParams("a=1&b=2"),
  noParams: new URLSearchParams(),
  headers: new Headers({ "content-type": "text/plain", "x-a": "1" }),
  blob: new Blob(["abc"], { type: "text/plain" }),
  file: new File(["x"], "a.txt", { lastModified: 5 }),
  signal: new AbortController().signal,
  controller: new AbortController(),
  encoder: new TextEncoder(),
  decoder: new TextDecoder(),
  stream: new ReadableStream(),
  bytes: new ReadableStream({ type: "bytes" }),
  form,
  shallow: { u: new URL("http://x/") },
  request: new Request("https://a.b/x", { method: "POST", body: "hi", headers: { a: "1" } }),
  response: new Response("hi", { status: 201, headers: { a: "1" } }),
};
export default Object.fromEntries(
  Object.entries(values).map(([k, v]) => [k, inspect(v, k === "shallow" ? { depth: 0 } : undefined)]),
);
"""
    )
    assert out["params"] == "URLSearchParams { 'a' => '1', 'b' => '2' }"
    assert out["headers"] == "Headers { 'content-type': 'text/plain', 'x-a': '1' }"
    assert out["shallow"] == "{ u: URL {} }"
    assert out["url"].startswith(
        "URL {\n  href: 'https://u:p@a.b:8080/c?x=1#h',\n  origin: 'https://a.b:8080',"
    )


def test_strings(node_js):
    assert node_js(
        CATCH
        + """
import { styleText, stripVTControlCharacters, toUSVString } from "node:util";
// validateStream: false is Node's output for any stream (a context has no terminal to ask).
const style = (format, text) => caught(() => styleText(format, text, { validateStream: false }));
export default {
  styled: [style("red", "x"), style(["bold", "underline"], "y"), style("grey", "g"), style("bgBlueBright", "b"), style([], "e")],
  errors: [style("red", 5), style(["red", 5], "x"), caught(() => styleText("red", "x", { validateStream: 1 }))],
  badFormat: style("nope", "x").message.slice(0, 90),
  strip: [
    stripVTControlCharacters("\\u001b[31mred\\u001b[39m \\u001b]8;;http://x\\u0007link\\u001b]8;;\\u0007 \\u001b[2K\\u001b[1Gz"),
    stripVTControlCharacters("\\u009b31mx plain"), caught(() => stripVTControlCharacters(5)),
  ],
  usv: [toUSVString("a\\ud800b\\udc00c\\ud83d\\ude00"), toUSVString(5)],
};
"""
    ) == {
        "styled": [
            "\x1b[31mx\x1b[39m",
            "\x1b[1m\x1b[4my\x1b[24m\x1b[22m",
            "\x1b[90mg\x1b[39m",
            "\x1b[104mb\x1b[49m",
            "e",
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "text" argument must be of type string. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_VALUE",
                "message": "The argument 'format' must be one of: 'reset', 'bold', 'dim', 'italic', 'underline', "
                "'blink', 'inverse', 'hidden', 'strikethrough', 'doubleunderline', 'black', 'red', 'green', "
                "'yellow', 'blue', 'magenta', 'cyan', 'white', 'bgBlack', 'bgRed', 'bgGreen', 'bgYellow', "
                "'bgBlue', 'bgMagenta', 'bgCyan', 'bgWhite', 'framed', 'overlined', 'gray', 'redBright', "
                "'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright', "
                "'bgGray', 'bgRedBright', 'bgGreenBright', 'bgYellowBright', 'bgBlueBright', "
                "'bgMagentaBright', 'bgCyanBright', 'bgWhiteBright'. Received 5",
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "options.validateStream" property must be of type boolean. Received type number (1)',
            },
        ],
        "badFormat": "The argument 'format' must be one of: 'reset', 'bold', 'dim', 'italic', 'underline', 'blin",
        "strip": [
            "red link z",
            "x plain",
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "str" argument must be of type string. Received type number (5)',
            },
        ],
        "usv": ["a\ufffdb\ufffdc\U0001f600", "5"],
    }


def test_promisify(node_js):
    assert node_js(
        CATCH
        + """
import { promisify } from "node:util";
function cbStyle(a, b, cb) {
  setTimeout(() => (a < 0 ? cb(new RangeError("negative")) : cb(null, a + b, "ignored")), 0);
}
cbStyle.extra = 1;
const p = promisify(cbStyle);
const customFn = () => {};
const custom = () => Promise.resolve("custom");
customFn[promisify.custom] = custom;
const obj = { v: 7, get(cb) { cb(null, this.v); } };
export default {
  values: [await p(1, 2), await p(-1, 2).catch(rejected), await promisify((cb) => cb(0, "falsy error"))(),
    await promisify(obj.get).call(obj)],
  shape: [p.name, p.length, p.extra, promisify(p) === p, p[promisify.custom] === p, Object.getPrototypeOf(p) === Function.prototype],
  custom: [promisify.custom === Symbol.for("nodejs.util.promisify.custom"), promisify(customFn) === custom,
    await promisify(customFn)(), custom[promisify.custom] === custom],
  errors: [caught(() => promisify(5)), caught(() => promisify(Object.assign(() => {}, { [promisify.custom]: 5 })))],
};
"""
    ) == {
        "values": [3, {"name": "RangeError", "code": UNDEFINED, "message": "negative"}, "falsy error", 7],
        "shape": ["cbStyle", 3, 1, True, True, True],
        "custom": [True, True, "custom", True],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "original" argument must be of type function. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "util.promisify.custom" property must be of type function. Received type number (5)',
            },
        ],
    }


def test_callbackify(node_js):
    assert node_js(
        CATCH
        + """
import { callbackify } from "node:util";
async function af(a) {
  if (a === "throw") throw new TypeError("bad");
  if (a === "null") throw null;
  return a * 2;
}
const cbf = callbackify(af);
const call = (...args) => new Promise((resolve) => cbf(...args, (e, v) => resolve([e && rejected(e), v, e && e.reason])));
const order = [];
callbackify(async () => "v")(() => order.push("callback"));
order.push("sync");
await new Promise((resolve) => setTimeout(resolve, 0));
export default {
  shape: [cbf.name, cbf.length],
  results: [await call(21), await call("throw"), await call("null")],
  thisArg: await new Promise((resolve) => callbackify(async function () { return this.x; })
    .call({ x: 3 }, function (e, v) { resolve([v, this.x]); })),
  order,
  errors: [caught(() => callbackify(5)), caught(() => cbf(1))],
};
"""
    ) == {
        "shape": ["afCallbackified", 2],
        "results": [
            [None, 42, None],
            [{"name": "TypeError", "code": UNDEFINED, "message": "bad"}, UNDEFINED, UNDEFINED],
            [
                {
                    "name": "Error",
                    "code": "ERR_FALSY_VALUE_REJECTION",
                    "message": "Promise was rejected with falsy value",
                },
                UNDEFINED,
                None,
            ],
        ],
        "thisArg": [3, 3],
        "order": ["sync", "callback"],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "original" argument must be of type function. Received type number (5)',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": "The last argument must be of type function. Received type number (1)",
            },
        ],
    }


def test_deprecate_and_debuglog(node_js):
    assert node_js(
        CATCH
        + """
import util from "node:util";
import process from "node:process";
const warnings = [];
process.on("warning", (w) => warnings.push([w.name, w.code ?? null, w.message]));
const dep = util.deprecate(function f(a) { return a + 1; }, "f is old", "DEP_T1");
const sameCode = util.deprecate(() => 2, "same code, never shown", "DEP_T1");
const noCode = util.deprecate(() => 3, "no code");
class K { constructor(x) { this.x = x; } }
const DK = util.deprecate(K, "K is old", "DEP_T2");
const calls = [dep.name, dep.length, dep(1), dep(2), sameCode(), noCode(), noCode(), new DK(5).x, new DK(1) instanceof K];
await new Promise((resolve) => setTimeout(resolve, 0));
const cbArgs = [];
const log = util.debuglog("foo", (fn) => cbArgs.push(typeof fn));
export default {
  calls,
  warnings,
  errors: [caught(() => util.deprecate(() => 1, "x", 5)), caught(() => util.deprecate(1, "x")).name],
  debuglog: [log.enabled, log("hello %s", "x"), log("again"), cbArgs, util.debuglog("bar").enabled,
    Object.getOwnPropertyDescriptor(log, "enabled").enumerable],
};
"""
    ) == {
        "calls": ["deprecated", 0, 2, 3, 2, 3, 3, 5, True],
        "warnings": [
            ["DeprecationWarning", "DEP_T1", "f is old"],
            ["DeprecationWarning", None, "no code"],
            ["DeprecationWarning", "DEP_T2", "K is old"],
        ],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "code" argument must be of type string. Received type number (5)',
            },
            "TypeError",
        ],
        "debuglog": [False, UNDEFINED, UNDEFINED, ["function"], False, True],
    }


def test_legacy_type_checks(node_js):
    # Node 22 warns on their first use (runtime deprecations); the Node 20 a test machine may
    # have does not, hence no comparison.
    assert node_js(
        """
import util from "node:util";
import process from "node:process";
const warnings = [];
process.on("warning", (w) => warnings.push(w.code));
const results = [util.isArray([]), util.isBoolean(false), util.isNull(null), util.isNullOrUndefined(undefined),
  util.isNumber(1), util.isString(""), util.isSymbol(Symbol()), util.isUndefined(undefined), util.isRegExp(/x/),
  util.isObject({}), util.isDate(new Date()), util.isError(new Error()), util.isFunction(() => {}), util.isPrimitive(1),
  util.isPrimitive({}), util.isArray("again"), util._extend({ a: 1 }, { b: 2 }), util._extend({ a: 1 }, null)];
await new Promise((resolve) => setTimeout(resolve, 0));
export default { results, warnings };
""",
        compare=False,
    ) == {
        "results": [True] * 14 + [False, False, {"a": 1, "b": 2}, {"a": 1}],
        "warnings": [
            "DEP0044",
            "DEP0045",
            "DEP0050",
            "DEP0051",
            "DEP0052",
            "DEP0056",
            "DEP0057",
            "DEP0058",
            "DEP0055",
            "DEP0053",
            "DEP0047",
            "DEP0048",
            "DEP0049",
            "DEP0054",
            "DEP0060",
        ],
    }


def test_inherits(node_js):
    assert node_js(
        CATCH
        + """
import { inherits } from "node:util";
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} speaks`; };
function Dog(name) { Animal.call(this, name); }
inherits(Dog, Animal);
const desc = Object.getOwnPropertyDescriptor(Dog, "super_");
export default {
  works: [new Dog("rex").speak(), Dog.super_ === Animal, new Dog("a") instanceof Animal, desc.enumerable, desc.writable],
  errors: [caught(() => inherits(null, Animal)), caught(() => inherits(Dog, undefined)), caught(() => inherits(Dog, () => {}))],
};
"""
    ) == {
        "works": ["rex speaks", True, True, False, True],
        "errors": [
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "ctor" argument must be of type function. Received null',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "superCtor" argument must be of type function. Received undefined',
            },
            {
                "name": "TypeError",
                "code": "ERR_INVALID_ARG_TYPE",
                "message": 'The "superCtor.prototype" property must be of type object. Received undefined',
            },
        ],
    }


# Pairs of values: "S" when util.isDeepStrictEqual holds, "L" when assert.deepEqual (loose) does.
DEEP_PAIRS = """
const cyc1 = { a: 1 }; cyc1.self = cyc1;
const cyc2 = { a: 1 }; cyc2.self = cyc2;
const cyc3 = { a: 1, self: { a: 1 } }; cyc3.self.self = cyc3;
const cyc4 = { a: 2 }; cyc4.self = cyc4;
const s1 = Symbol("s");
const arrX = [1, 2]; arrX.x = 1;
const arrY = [1, 2]; arrY.x = 2;
const nullProto = Object.create(null); nullProto.a = 1;
const errA = new Error("m"); errA.code = 1;
const errB = new Error("m"); errB.code = 1;
const re1 = /a/g; const re2 = /a/g; re2.lastIndex = 1;
const nonEnum = {}; Object.defineProperty(nonEnum, "x", { value: 1 });
const hiddenSym = {}; Object.defineProperty(hiddenSym, s1, { value: 1 });
class P { constructor() { this.a = 1; } }
const args = function () { return arguments; };
const pairs = [
  [1, 1], [1, "1"], [0, -0], [NaN, NaN], [null, undefined], [1n, 1], ["", 0], [true, 1],
  [{}, {}], [{ a: 1 }, { a: "1" }], [{ a: 1 }, { a: 1, b: undefined }], [{ a: undefined }, { b: undefined }],
  [[1, 2, 3], [1, 2, 3]], [[1, 2], [2, 1]], [[1, , 3], [1, undefined, 3]], [[1, , 3], [1, , 3]], [arrX, arrY], [arrX, [1, 2]],
  [new Date(0), new Date(0)], [new Date(0), new Date(1)], [new Date(NaN), new Date(NaN)], [new Date(0), {}],
  [/a/g, /a/g], [/a/g, /a/i], [re1, re2], [/a/, "/a/"],
  [new Map([[1, 2]]), new Map([[1, 2]])], [new Map([[1, 2]]), new Map([[1, "2"]])], [new Map([["1", 2]]), new Map([[1, 2]])],
  [new Map([[{ a: 1 }, 2]]), new Map([[{ a: 1 }, 2]])], [new Map([[{}, "a"], [{}, "b"]]), new Map([[{}, "b"], [{}, "a"]])],
  [new Map([[null, 1]]), new Map([[undefined, 1]])], [new Map([[1, "a"], ["1", "b"]]), new Map([["1", "a"], [1, "b"]])],
  [new Set([1, 2]), new Set([2, 1])], [new Set([1]), new Set(["1"])], [new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }])],
  [new Set([null]), new Set([undefined])], [new Set([NaN]), new Set([NaN])], [new Set([1, {}]), new Set(["1", {}])],
  [new Set([1, 2, 3]), new Set([1, 2, 4])], [new Set([[1]]), new Set([[1]])],
  [new Uint8Array([1, 2]), new Uint8Array([1, 2])], [new Uint8Array([1, 2]), new Int8Array([1, 2])],
  [new Uint8Array([1]), new Uint8Array([2])], [new Float64Array([0]), new Float64Array([-0])],
  [new Float64Array([NaN]), new Float64Array([NaN])], [new Uint8Array([1]), [1]],
  [new ArrayBuffer(2), new ArrayBuffer(2)], [new ArrayBuffer(2), new ArrayBuffer(3)],
  [new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2))],
  [new Number(1), new Number(1)], [new Number(1), new Number(2)], [new Number(1), 1], [new String("a"), "a"],
  [Object(1n), Object(1n)], [Object(s1), Object(s1)], [new Boolean(true), new Boolean(false)],
  [new Error("a"), new Error("a")], [new Error("a"), new Error("b")], [new Error("a"), new TypeError("a")], [errA, errB],
  [new Error("a", { cause: 1 }), new Error("a", { cause: 1 })], [new Error("a", { cause: 1 }), new Error("a", { cause: "1" })],
  [new Error("a", { cause: undefined }), new Error("a")], [new AggregateError([1], "m"), new AggregateError([2], "m")],
  [new Error("a"), { message: "a", name: "Error" }],
  [cyc1, cyc2], [cyc1, cyc3], [cyc1, cyc4], [{ [s1]: 1 }, { [s1]: 1 }], [{ [s1]: 1 }, { [s1]: 2 }], [{ [s1]: 1 }, {}],
  [hiddenSym, {}], [nullProto, { a: 1 }], [new P(), { a: 1 }], [nonEnum, {}], [[], {}], [{ 0: 1, length: 1 }, [1]],
  [function () {}, function () {}], [Symbol(), Symbol()], [new WeakMap(), new WeakMap()], [Promise.resolve(1), Promise.resolve(2)],
  [[[1, [2, [3]]]], [[1, [2, [3]]]]], [[[1, [2, [3]]]], [[1, [2, ["3"]]]]], [args(1), args(1)], [args(1), { 0: 1 }],
];
"""


def test_is_deep_strict_equal(node_js):
    result = node_js(
        DEEP_PAIRS
        + """
import { isDeepStrictEqual } from "node:util";
import assert from "node:assert";
const loose = (a, b) => { try { assert.deepEqual(a, b); return true; } catch { return false; } };
export default pairs.map(([a, b]) => `${isDeepStrictEqual(a, b) ? "S" : "-"}${loose(a, b) ? "L" : "-"}`).join(" ");
"""
    )
    expected = (
        "SL -L -L SL -L -L -L -L "
        "SL -L -- -- "
        "SL -- -- SL -- -- "
        "SL -- -- -- "
        "SL -- -- -- "
        "SL -L -L "
        "SL SL "
        "-L -L "
        "SL -L SL "
        "-L SL -L "
        "-- SL "
        "SL -- "
        "-- -L "
        "S- -- "
        "SL -- "
        "SL "
        "SL -- -- -- "
        "SL SL -- "
        "SL -- -- SL "
        "SL -L "
        "SL -- "
        "-- "
        "SL SL -- SL -L -L "
        "SL -L -L SL -- -- "
        "-- -- SL SL "
        "SL -L SL --"
    )
    assert result.split() == expected.split()


def test_parse_args(node_js):
    assert node_js("""
import { parseArgs } from "node:util";
const run = (config) => {
  try {
    const r = parseArgs(config);
    return { ...r, values: { ...r.values } };
  } catch (e) {
    return `${e.code}: ${e.message}`;
  }
};
const options = {
  verbose: { type: "boolean", short: "v" },
  file: { type: "string", short: "f" },
  tag: { type: "string", multiple: true, short: "t" },
  level: { type: "string", default: "info" },
};
const cases = [
  { args: ["-v", "--file", "a.txt", "pos"], options, allowPositionals: true },
  { args: ["-vf", "x", "-vfy", "-fz", "--file=x=y"], options },
  { args: ["-t", "a", "-t", "b", "--tag=c", "--level", "debug"], options },
  { args: ["--unknown"], options },
  { args: ["--unknown"], options, allowPositionals: true },
  { args: ["--unknown", "-x", "pos", "--file"], options, strict: false },
  { args: ["pos"], options },
  { args: ["--file"], options },
  { args: ["--file", "--verbose"], options },
  { args: ["-f", "-v"], options },
  { args: ["--verbose=yes"], options },
  { args: ["--", "--verbose", "-x"], options, allowPositionals: true },
  { args: ["--no-verbose"], options, allowNegative: true },
  { args: ["--no-file"], options, allowNegative: true },
  { args: ["--no-verbose"], options },
  { args: ["-v", "--file", "f", "--", "p"], options, tokens: true, allowPositionals: true },
  { args: ["-ab"], strict: false, tokens: true },
  { args: ["-", "x"], allowPositionals: true },
  { args: ["--x", "a"], options: { x: { type: "string", multiple: true, default: ["d"] } } },
  { args: 5 },
  { args: [], strict: "yes" },
  { args: [], options: { x: { type: "number" } } },
  { args: [], options: { x: { type: "string", short: "xy" } } },
  { args: [], options: { x: { type: "string", default: 5 } } },
  { args: [], options: { x: { type: "string", multiple: true, default: ["a", 1] } } },
  { args: [], options: [] },
];
export default { cases: cases.map(run), noArgs: run({ options }) };
""") == {
        "cases": [
            {"values": {"verbose": True, "file": "a.txt", "level": "info"}, "positionals": ["pos"]},
            {"values": {"verbose": True, "file": "x=y", "level": "info"}, "positionals": []},
            {"values": {"tag": ["a", "b", "c"], "level": "debug"}, "positionals": []},
            "ERR_PARSE_ARGS_UNKNOWN_OPTION: Unknown option '--unknown'",
            "ERR_PARSE_ARGS_UNKNOWN_OPTION: Unknown option '--unknown'. To specify a positional argument starting "
            "with a '-', place it at the end of the command after '--', as in '-- \"--unknown\"",
            {"values": {"unknown": True, "x": True, "file": True, "level": "info"}, "positionals": ["pos"]},
            "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: Unexpected argument 'pos'. This command does not take positional "
            "arguments",
            "ERR_PARSE_ARGS_INVALID_OPTION_VALUE: Option '-f, --file <value>' argument missing",
            "ERR_PARSE_ARGS_INVALID_OPTION_VALUE: Option '--file' argument is ambiguous.\n"
            "Did you forget to specify the option argument for '--file'?\n"
            "To specify an option argument starting with a dash use '--file=-XYZ'.",
            "ERR_PARSE_ARGS_INVALID_OPTION_VALUE: Option '-f' argument is ambiguous.\n"
            "Did you forget to specify the option argument for '-f'?\n"
            "To specify an option argument starting with a dash use '--file=-XYZ' or '-f-XYZ'.",
            "ERR_PARSE_ARGS_INVALID_OPTION_VALUE: Option '-v, --verbose' does not take an argument",
            {"values": {"level": "info"}, "positionals": ["--verbose", "-x"]},
            {"values": {"verbose": False, "level": "info"}, "positionals": []},
            "ERR_PARSE_ARGS_UNKNOWN_OPTION: Unknown option '--no-file'",
            "ERR_PARSE_ARGS_UNKNOWN_OPTION: Unknown option '--no-verbose'",
            {
                "values": {"verbose": True, "file": "f", "level": "info"},
                "positionals": ["p"],
                "tokens": [
                    {
                        "kind": "option",
                        "name": "verbose",
                        "rawName": "-v",
                        "index": 0,
                        "value": UNDEFINED,
                        "inlineValue": UNDEFINED,
                    },
                    {
                        "kind": "option",
                        "name": "file",
                        "rawName": "--file",
                        "index": 1,
                        "value": "f",
                        "inlineValue": False,
                    },
                    {"kind": "option-terminator", "index": 3},
                    {"kind": "positional", "index": 4, "value": "p"},
                ],
            },
            {
                "values": {"a": True, "b": True},
                "positionals": [],
                "tokens": [
                    {
                        "kind": "option",
                        "name": "a",
                        "rawName": "-a",
                        "index": 0,
                        "value": UNDEFINED,
                        "inlineValue": UNDEFINED,
                    },
                    {
                        "kind": "option",
                        "name": "b",
                        "rawName": "-b",
                        "index": 0,
                        "value": UNDEFINED,
                        "inlineValue": UNDEFINED,
                    },
                ],
            },
            {"values": {}, "positionals": ["-", "x"]},
            {"values": {"x": ["a"]}, "positionals": []},
            'ERR_INVALID_ARG_TYPE: The "args" argument must be an instance of Array. Received type number (5)',
            "ERR_INVALID_ARG_TYPE: The \"strict\" argument must be of type boolean. Received type string ('yes')",
            "ERR_INVALID_ARG_TYPE: The \"options.x.type\" property must be ('string|boolean'). Received type string "
            "('number')",
            "ERR_INVALID_ARG_VALUE: The property 'options.x.short' must be a single character. Received 'xy'",
            'ERR_INVALID_ARG_TYPE: The "options.x.default" property must be of type string. Received type number (5)',
            'ERR_INVALID_ARG_TYPE: The "options.x.default[1]" property must be of type string. Received type number (1)',
            'ERR_INVALID_ARG_TYPE: The "options" argument must be of type object. Received an instance of Array',
        ],
        # No `args`: the program's own arguments, none here (node runs the module with none either).
        "noArgs": {"values": {"level": "info"}, "positionals": []},
    }


def test_parse_env(node_js):
    assert node_js(r"""
import { parseEnv } from "node:util";
const cases = [
  "A=1\nB = 2 \n export C=3\n#D=4\nE=5 # comment\nF=\"quoted # not comment\"\nG='single'\nH=`back`\nI=\"a\\nb\"\nJ='a\\nb'",
  "MULTI=\"line1\nline2\"\nAFTER=x", "Z=1\nA=2\nm=3\n10=x\n2=y", "EMPTY=\nSP=   \nQ=\"\"", "A=1\r\nB=2\rC=3",
  "NOEQ\nK=v", "A=\"unterminated\nB=2", "A=a=b", "A=1\nA=2", "export  X=1", "A=\"mixed'", "=novalue\nB=1", "A=#hash",
  "A=1\n#D=4", "A=\"x=y", "\tA=1\t", "", "__proto__=x\nB=1",
];
const out = cases.map((c) => Object.entries(parseEnv(c)));
try { parseEnv(5); } catch (e) { out.push(e.message); }
export default out;
""") == [
        [
            ["A", "1"],
            ["B", "2"],
            ["C", "3"],
            ["E", "5"],
            ["F", "quoted # not comment"],
            ["G", "single"],
            ["H", "back"],
            ["I", "a\nb"],
            ["J", "a\\nb"],
        ],
        [["AFTER", "x"], ["MULTI", "line1\nline2"]],
        [["2", "y"], ["10", "x"], ["A", "2"], ["Z", "1"], ["m", "3"]],
        [["EMPTY", ""], ["Q", ""], ["SP", ""]],
        [["A", "1"], ["B", "2C=3"]],
        [["NOEQ\nK", "v"]],
        [["A", '"unterminated'], ["B", "2"]],
        [["A", "a=b"]],
        [["A", "2"]],
        [[" X", "1"]],
        [],
        [],
        [["A", ""]],
        [["#D", "4"], ["A", "1"]],
        [['"x', "y"]],
        [["\tA", "1\t"]],
        [],
        [["B", "1"]],
        'The "content" argument must be of type string. Received type number (5)',
    ]


def test_mime(node_js):
    assert node_js(
        CATCH
        + """
import { MIMEType, MIMEParams } from "node:util";
const m = new MIMEType('Text/HTML; Charset="utf-8"; a=b; a=c; ;x; y="q\\\\"z"; e=""; bad\\u0100=v; ws  =  x');
const parsed = [String(m), m.type, m.subtype, m.essence, [...m.params], JSON.stringify({ m }), m.params.get("charset"),
  m.params.get("nope"), m.params.has("a"), [...m.params.keys()]];
m.type = "Application";
m.subtype = "JSON";
m.params.set("q", "with space");
m.params.set("charset", "x");
m.params.delete("a");
export default {
  parsed,
  changed: [String(m), JSON.stringify(m.params)],
  more: [String(new MIMEType("  text/plain  ")), String(new MIMEType('text/plain;a="unterminated')),
    String(new MIMEType('text/plain;a="x\\\\')), String(new MIMEType("text/plain;A=B;a=c")),
    String(new MIMEType(" a/b ; c=d ; e = f")), String(new MIMEType('text/plain;a="b;c";d=e')),
    String(new MIMEParams()), [...new MIMEParams()]],
  errors: [() => new MIMEType("te xt/html"), () => new MIMEType("text"), () => new MIMEType("text/"),
    () => new MIMEType("text/ht ml"), () => { m.type = ""; }, () => { m.subtype = "a b"; }, () => m.params.set("a b", "v"),
    () => m.params.set("a", "\\u0100")].map((f) => caught(f).message),
  codes: caught(() => new MIMEType("x")).code,
};
"""
    ) == {
        "parsed": [
            'text/html;charset=utf-8;a=b;y="q\\"z";e=""',
            "text",
            "html",
            "text/html",
            [["charset", "utf-8"], ["a", "b"], ["y", 'q"z'], ["e", ""]],
            '{"m":"text/html;charset=utf-8;a=b;y=\\"q\\\\\\"z\\";e=\\"\\""}',
            "utf-8",
            None,
            True,
            ["charset", "a", "y", "e"],
        ],
        "changed": [
            'application/json;charset=x;y="q\\"z";e="";q="with space"',
            '"charset=x;y=\\"q\\\\\\"z\\";e=\\"\\";q=\\"with space\\""',
        ],
        "more": [
            "text/plain",
            "text/plain;a=unterminated",
            'text/plain;a="x\\\\"',
            "text/plain;a=B",
            "a/b;c=d",
            'text/plain;a="b;c";d=e',
            "",
            [],
        ],
        "errors": [
            'The MIME syntax for a type in "te xt/html" is invalid at 2',
            'The MIME syntax for a type in "text" is invalid',
            'The MIME syntax for a subtype in "text/" is invalid',
            'The MIME syntax for a subtype in "text/ht ml" is invalid at 2',
            'The MIME syntax for a type in "" is invalid',
            'The MIME syntax for a subtype in "a b" is invalid at 1',
            'The MIME syntax for a parameter name in "a b" is invalid at 1',
            'The MIME syntax for a parameter value in "\u0100" is invalid at 0',
        ],
        "codes": "ERR_INVALID_MIME_SYNTAX",
    }


def test_aborted(node_js):
    assert node_js("""
import { aborted } from "node:util";
const rejected = (e) => `${e.code}: ${e.message}`;
const ac = new AbortController();
const waiting = aborted(ac.signal, {});
let done = false;
waiting.then(() => { done = true; });
await Promise.resolve();
const before = done;
ac.abort();
export default [before, await waiting, done, await aborted(AbortSignal.abort(), {}),
  await aborted({}, {}).catch(rejected), await aborted(ac.signal, null).catch(rejected)];
""") == [
        False,
        {},
        True,
        UNDEFINED,
        'ERR_INVALID_ARG_TYPE: The "signal" argument must be an instance of AbortSignal. Received an instance of Object',
        'ERR_INVALID_ARG_TYPE: The "resource" argument must be of type object. Received null',
    ]


def test_require(node_js, tmp_path):
    # The same objects through require() from CommonJS and through import.
    (tmp_path / "lib.cjs").write_text("""
const util = require("util");
module.exports = { util, types: require("node:util/types"), format: util.format("%s=%d", "n", 5) };
""")
    assert node_js("""
import lib from "../lib.cjs";
import util from "node:util";
import types from "util/types";
export default [lib.util === util, lib.types === types, lib.format];
""") == [True, True, "n=5"]


def test_promisify_the_global_timers(node_js):
    # `const sleep = promisify(setTimeout)` is Node's idiom: the context's own setTimeout
    # takes Node's promise form.
    assert node_js("""
import { promisify } from "node:util";
import { setTimeout as later } from "node:timers/promises";
const sleep = promisify(setTimeout);
const value = await Promise.race([sleep(5, "slept"), new Promise((r) => setTimeout(r, 2000, "stuck"))]);
export default [value, sleep === later, await promisify(setImmediate)("next")];
""") == ["slept", True, "next"]


def test_promisify_of_a_callback_with_several_results_names_them(node_js):
    assert node_js(
        """
import { promisify } from "node:util";
import { generateKeyPair } from "node:crypto";
const pair = await promisify(generateKeyPair)("ec", { namedCurve: "P-256" });
export default [Object.keys(pair), pair.publicKey.type, pair.privateKey.type];
"""
    ) == [["publicKey", "privateKey"], "public", "private"]


def test_a_custom_inspect_function_may_inspect_with_the_options_it_is_given(node_js):
    assert node_js(
        """
import { inspect } from "node:util";
class Money {
  [inspect.custom](depth, options, inspectAgain) {
    return `Money<${inspectAgain({ amount: 5, nested: { deep: { deeper: {} } } }, options)}>`;
  }
}
const seen = [];
class Probe { [inspect.custom](depth, options) { seen.push([depth, options.depth, typeof options.stylize, "seen" in options]); return "probe"; } }
export default [inspect(new Money()), inspect({ nested: new Money() }), inspect([new Money()], { depth: 0 }),
  inspect({ a: { b: new Probe() } }), seen];
"""
    ) == [
        "Money<{ amount: 5, nested: { deep: { deeper: {} } } }>",
        "{ nested: Money<{ amount: 5, nested: { deep: { deeper: {} } } }> }",
        "[ Money<{ amount: 5, nested: [Object] }> ]",
        "{ a: { b: probe } }",
        [[0, 2, "function", False]],
    ]


def test_style_text_asks_the_stream_and_system_error_names(node_js):
    # process.stdout is no TTY (a pipe in Node here too): no colours unless FORCE_COLOR.
    assert node_js(
        CATCH
        + """
import util from "node:util";
import process from "node:process";
export default {
  plain: [util.styleText("red", "x"), util.styleText("red", "x", { stream: process.stderr })],
  badStream: caught(() => util.styleText("red", "x", { stream: 5 })).code,
  names: [util.getSystemErrorName(-2), util.getSystemErrorName(-13), util.getSystemErrorName(-9999)],
  map: [util.getSystemErrorMap().size > 80, util.getSystemErrorMap().get(-98)],
  bad: [caught(() => util.getSystemErrorName(2)).code, caught(() => util.getSystemErrorName("x")).code],
};
"""
    ) == {
        "plain": ["x", "x"],
        "badStream": "ERR_INVALID_ARG_TYPE",
        "names": ["ENOENT", "EACCES", "Unknown system error -9999"],
        "map": [True, ["EADDRINUSE", "address already in use"]],
        "bad": ["ERR_OUT_OF_RANGE", "ERR_INVALID_ARG_TYPE"],
    }
