// The formatting of console.log: Node's util.format and util.inspect (a port of Node's
// algorithm, without colors, proxies or promise state, which plain JS cannot see).
// __runtime.format(...args) formats as console.log does; __runtime.inspect holds
// {inspect, format, formatWith, isMap, isSet} for the console file and node:util.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const getProto = Object.getPrototypeOf;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isEnumerable = Object.prototype.propertyIsEnumerable;
  const objToString = Object.prototype.toString;
  const fnToString = Function.prototype.toString;
  const customInspect = Symbol.for("nodejs.util.inspect.custom");

  // ------------------------------------------------------------------ brand checks
  function brand(proto, name) {
    const d = getOwnDesc(proto, name);
    return d && d.get;
  }
  const setSize = brand(Set.prototype, "size");
  const mapSize = brand(Map.prototype, "size");
  const typedTag = brand(getProto(Uint8Array.prototype), Symbol.toStringTag);
  const abLength = brand(ArrayBuffer.prototype, "byteLength");
  const sabLength = typeof SharedArrayBuffer === "function" ? brand(SharedArrayBuffer.prototype, "byteLength") : null;
  const dvLength = brand(DataView.prototype, "byteLength");
  const regexSource = brand(RegExp.prototype, "source");
  const dateGetTime = Date.prototype.getTime;
  function test(fn, v, ...args) {
    try { fn.call(v, ...args); return true; } catch (_) { return false; }
  }
  const isSet = (v) => test(setSize, v);
  const isMap = (v) => test(mapSize, v);
  const typedArrayName = (v) => typedTag.call(v);
  const isArrayBuffer = (v) => test(abLength, v);
  const isShared = (v) => sabLength !== null && test(sabLength, v);
  const isDataView = (v) => test(dvLength, v);
  const isRegExp = (v) => v !== RegExp.prototype && test(regexSource, v);
  const isDate = (v) => test(dateGetTime, v);
  const isWeakMap = (v) => test(WeakMap.prototype.has, v, {});
  const isWeakSet = (v) => test(WeakSet.prototype.has, v, {});
  const isError = (v) => v instanceof Error || objToString.call(v) === "[object Error]";
  const AsyncFunctionProto = getProto(async function () {});
  const GeneratorFunctionProto = getProto(function* () {});
  const AsyncGeneratorFunctionProto = getProto(async function* () {});
  function boxedType(v) {
    if (test(Number.prototype.valueOf, v)) return ["Number", Number.prototype.valueOf];
    if (test(String.prototype.valueOf, v)) return ["String", String.prototype.valueOf];
    if (test(Boolean.prototype.valueOf, v)) return ["Boolean", Boolean.prototype.valueOf];
    if (test(BigInt.prototype.valueOf, v)) return ["BigInt", BigInt.prototype.valueOf];
    if (test(Symbol.prototype.valueOf, v)) return ["Symbol", Symbol.prototype.valueOf];
    return null;
  }

  // ------------------------------------------------------------------ strings
  const meta = [
    "\\x00", "\\x01", "\\x02", "\\x03", "\\x04", "\\x05", "\\x06", "\\x07",
    "\\b", "\\t", "\\n", "\\x0B", "\\f", "\\r", "\\x0E", "\\x0F",
    "\\x10", "\\x11", "\\x12", "\\x13", "\\x14", "\\x15", "\\x16", "\\x17",
    "\\x18", "\\x19", "\\x1A", "\\x1B", "\\x1C", "\\x1D", "\\x1E", "\\x1F",
  ];
  function metaOf(c) {
    if (c < 32) return meta[c];
    if (c === 39) return "\\'";
    if (c === 92) return "\\\\";
    return "\\x" + c.toString(16).toUpperCase();
  }
  const escapeTest = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const escapeTestSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const escapeAll = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  function escapeFn(str) {
    const c = str.charCodeAt(0);
    return c < 160 ? metaOf(c) : "\\u" + c.toString(16);
  }
  function addQuotes(str, quotes) {
    if (quotes === -1) return `"${str}"`;
    if (quotes === -2) return `\`${str}\``;
    return `'${str}'`;
  }
  function strEscape(str) {
    let single = 39;
    let tester = escapeTest;
    if (str.includes("'")) {
      if (!str.includes('"')) single = -1;
      else if (!str.includes("`") && !str.includes("${")) single = -2;
      if (single !== 39) tester = escapeTestSingle;
    }
    if (!tester.test(str)) return addQuotes(str, single);
    let result = "";
    let last = 0;
    for (let i = 0; i < str.length; i++) {
      const point = str.charCodeAt(i);
      if (point === single || point === 92 || point < 32 || (point > 126 && point < 160)) {
        result += str.slice(last, i) + metaOf(point);
        last = i + 1;
      } else if (point >= 0xd800 && point <= 0xdfff) {
        if (point <= 0xdbff && i + 1 < str.length) {
          const next = str.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
        }
        result += str.slice(last, i) + "\\u" + point.toString(16);
        last = i + 1;
      }
    }
    if (last !== str.length) result += str.slice(last);
    return addQuotes(result, single);
  }

  // ------------------------------------------------------------------ inspect
  const kObjectType = 0, kArrayType = 1, kArrayExtrasType = 2;
  const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const numberRegExp = /^(0|[1-9][0-9]*)$/;
  const defaults = { depth: 2, breakLength: 80, compact: 3, maxArrayLength: 100, maxStringLength: 10000, customInspect: true, sorted: false };

  function inspect(value, opts = undefined) {
    const ctx = {
      indentationLvl: 0, seen: [], currentDepth: 0, circular: undefined,
      depth: defaults.depth, breakLength: defaults.breakLength, compact: defaults.compact,
      maxArrayLength: defaults.maxArrayLength, maxStringLength: defaults.maxStringLength,
      customInspect: defaults.customInspect, sorted: defaults.sorted,
    };
    if (opts && typeof opts === "object") {
      for (const key of Object.keys(opts)) if (hasOwn.call(defaults, key) || key === "showHidden") ctx[key] = opts[key];
    }
    if (ctx.depth === Infinity) ctx.depth = null;
    return formatValue(ctx, value, 0);
  }

  // The options a custom inspect function is given, as Node gives them: the caller's and
  // stylize (no colors here), never the inspection's own state.
  function userOptions(ctx) {
    const options = { stylize: (s) => s };
    for (const key of Object.keys(defaults)) options[key] = ctx[key];
    options.showHidden = !!ctx.showHidden;
    options.colors = false;
    return options;
  }

  function formatNumber(n) {
    return Object.is(n, -0) ? "-0" : `${n}`;
  }
  function formatPrimitive(value, ctx) {
    switch (typeof value) {
      case "string": {
        let trailer = "";
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? "s" : ""}`;
        }
        if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return value.split(/(?<=\n)/).map((line) => strEscape(line))
            .join(` +\n${" ".repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return strEscape(value) + trailer;
      }
      case "number": return formatNumber(value);
      case "bigint": return `${value}n`;
      case "boolean": return `${value}`;
      case "undefined": return "undefined";
      default: return String(value); // symbol
    }
  }

  function formatValue(ctx, value, recurseTimes, typedArray) {
    if (typeof value !== "object" && typeof value !== "function") return formatPrimitive(value, ctx);
    if (value === null) return "null";
    if (ctx.customInspect) {
      let maybeCustom;
      try { maybeCustom = value[customInspect]; } catch (_) { maybeCustom = undefined; }
      if (typeof maybeCustom === "function" && maybeCustom !== inspect &&
          !(value.constructor && value.constructor.prototype === value)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const ret = maybeCustom.call(value, depth, userOptions(ctx), inspect);
        if (ret !== value) {
          if (typeof ret !== "string") return formatValue(ctx, ret, recurseTimes);
          return ret.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = 1;
      if (ctx.circular === undefined) {
        ctx.circular = new Map();
        ctx.circular.set(value, index);
      } else {
        index = ctx.circular.get(value);
        if (index === undefined) {
          index = ctx.circular.size + 1;
          ctx.circular.set(value, index);
        }
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes, typedArray);
  }

  function isInstanceof(obj, ctor) {
    try { return obj instanceof ctor; } catch (_) { return false; }
  }
  function getConstructorName(obj) {
    const tmp = obj;
    let firstProto;
    while (obj) {
      const d = getOwnDesc(obj, "constructor");
      if (d !== undefined && typeof d.value === "function" && d.value.name !== "" && isInstanceof(tmp, d.value)) {
        return String(d.value.name);
      }
      obj = getProto(obj);
      if (firstProto === undefined) firstProto = obj;
    }
    if (firstProto === null) return null;
    const res = objToString.call(tmp).slice(8, -1);
    return `${res} <Complex prototype>`;
  }
  function internalName(value) {
    return objToString.call(value).slice(8, -1);
  }
  function getPrefix(constructor, tag, fallback, size = "") {
    if (constructor === null) {
      if (tag !== "" && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
      return `[${fallback}${size}: null prototype] `;
    }
    if (tag !== "" && constructor !== tag) return `${constructor}${size} [${tag}] `;
    return `${constructor}${size} `;
  }
  function getKeys(value, showHidden) {
    const keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
    const symbols = Object.getOwnPropertySymbols(value);
    for (const s of symbols) if (showHidden || isEnumerable.call(value, s)) keys.push(s);
    return keys;
  }
  function getNonIndexKeys(value, showHidden) {
    return getKeys(value, showHidden).filter((k) => typeof k === "symbol" || !numberRegExp.test(k) || +k > 2 ** 32 - 2);
  }
  function getCtxStyle(value, constructor, tag) {
    let fallback = "";
    if (constructor === null) {
      fallback = internalName(value);
      if (fallback === tag) fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
  }
  function remainingText(remaining) {
    return `... ${remaining} more item${remaining > 1 ? "s" : ""}`;
  }

  function formatRaw(ctx, value, recurseTimes, typedArray) {
    let keys;
    const constructor = getConstructorName(value);
    let tag = value[Symbol.toStringTag];
    if (typeof tag !== "string" || (tag !== "" && (ctx.showHidden ? hasOwn : isEnumerable).call(value, Symbol.toStringTag))) tag = "";
    let base = "";
    let formatter = () => [];
    let braces;
    let noIterator = true;
    let extrasType = kObjectType;
    const showHidden = !!ctx.showHidden;

    if (Symbol.iterator in value || constructor === null) {
      noIterator = false;
      let ta;
      if (Array.isArray(value)) {
        const prefix = (constructor !== "Array" || tag !== "") ? getPrefix(constructor, tag, "Array", `(${value.length})`) : "";
        keys = getNonIndexKeys(value, showHidden);
        braces = [`${prefix}[`, "]"];
        if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
        extrasType = kArrayExtrasType;
        formatter = formatArray;
      } else if (isSet(value)) {
        const size = setSize.call(value);
        const prefix = getPrefix(constructor, tag, "Set", `(${size})`);
        keys = getKeys(value, showHidden);
        formatter = (c, v, r) => formatSet(value, c, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, "}"];
      } else if (isMap(value)) {
        const size = mapSize.call(value);
        const prefix = getPrefix(constructor, tag, "Map", `(${size})`);
        keys = getKeys(value, showHidden);
        formatter = (c, v, r) => formatMap(value, c, r);
        if (size === 0 && keys.length === 0) return `${prefix}{}`;
        braces = [`${prefix}{`, "}"];
      } else if ((ta = typedArrayName(value)) !== undefined) {
        keys = getNonIndexKeys(value, showHidden);
        const fallback = constructor === null ? ta : "";
        const size = value.length;
        const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
        braces = [`${prefix}[`, "]"];
        if (size === 0 && keys.length === 0 && !showHidden) return `${braces[0]}]`;
        formatter = (c, v, r) => formatTypedArray(value, size, c, r);
        extrasType = kArrayExtrasType;
      } else {
        noIterator = true;
      }
    }
    if (noIterator) {
      keys = getKeys(value, showHidden);
      braces = ["{", "}"];
      let boxed;
      if (typeof value === "function") {
        base = getFunctionBase(value, constructor, tag);
        if (keys.length === 0) return base;
      } else if (constructor === "Object") {
        if (internalName(value) === "Arguments") braces[0] = "[Arguments] {";
        else if (tag !== "") braces[0] = `${getPrefix(constructor, tag, "Object")}{`;
        if (keys.length === 0) return `${braces[0]}}`;
      } else if (isRegExp(value)) {
        base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
        const prefix = getPrefix(constructor, tag, "RegExp");
        if (prefix !== "RegExp ") base = `${prefix}${base}`;
        if (keys.length === 0 || (ctx.depth !== null && recurseTimes > ctx.depth)) return base;
      } else if (isDate(value)) {
        const t = dateGetTime.call(value);
        base = t !== t ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
        const prefix = getPrefix(constructor, tag, "Date");
        if (prefix !== "Date ") base = `${prefix}${base}`;
        if (keys.length === 0) return base;
      } else if (isError(value)) {
        base = formatError(value, constructor, tag, ctx, keys);
        if (keys.length === 0) return base;
      } else if (isArrayBuffer(value) || isShared(value)) {
        const arrayType = isArrayBuffer(value) ? "ArrayBuffer" : "SharedArrayBuffer";
        const prefix = getPrefix(constructor, tag, arrayType);
        if (typedArray === undefined) {
          formatter = formatArrayBuffer;
        } else if (keys.length === 0) {
          return prefix + `{ byteLength: ${formatNumber(value.byteLength)} }`;
        }
        braces[0] = `${prefix}{`;
        keys.unshift("byteLength");
      } else if (isDataView(value)) {
        braces[0] = `${getPrefix(constructor, tag, "DataView")}{`;
        keys.unshift("byteLength", "byteOffset", "buffer");
      } else if (value instanceof Promise) {
        braces[0] = `${getPrefix(constructor, tag, "Promise")}{`;
        formatter = () => ["<unknown>"];
      } else if (isWeakSet(value)) {
        braces[0] = `${getPrefix(constructor, tag, "WeakSet")}{`;
        formatter = () => ["<items unknown>"];
      } else if (isWeakMap(value)) {
        braces[0] = `${getPrefix(constructor, tag, "WeakMap")}{`;
        formatter = () => ["<items unknown>"];
      } else if ((boxed = boxedType(value)) !== null) {
        base = getBoxedBase(value, ctx, keys, constructor, tag, boxed);
        if (keys.length === 0) return base;
      } else {
        if (keys.length === 0) return `${getCtxStyle(value, constructor, tag)}{}`;
        braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
      }
    }

    if (ctx.depth !== null && recurseTimes > ctx.depth) {
      let name = getCtxStyle(value, constructor, tag).slice(0, -1);
      if (constructor !== null) name = `[${name}]`;
      return name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (let i = 0; i < keys.length; i++) {
        output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
      }
    } catch (err) {
      if (!(err instanceof RangeError) && !(err && err.name === "InternalError")) throw err;
      ctx.seen.pop();
      return `[${getCtxStyle(value, constructor, tag).slice(0, -1)}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`;
    }
    if (ctx.circular !== undefined) {
      const index = ctx.circular.get(value);
      if (index !== undefined) {
        const reference = `<ref *${index}>`;
        base = base === "" ? reference : `${reference} ${base}`;
      }
    }
    ctx.seen.pop();
    if (ctx.sorted) {
      const comparator = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === kObjectType) output.sort(comparator);
      else if (keys.length > 1) {
        const sorted = output.slice(output.length - keys.length).sort(comparator);
        output.splice(output.length - keys.length, keys.length, ...sorted);
      }
    }
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  function getBoxedBase(value, ctx, keys, constructor, tag, [type, fn]) {
    if (type === "String") keys.splice(0, value.length);
    let base = `[${type}`;
    if (type !== constructor) base += constructor === null ? " (null prototype)" : ` (${constructor})`;
    base += `: ${formatPrimitive(fn.call(value), { ...ctx, compact: 3, maxStringLength: Infinity, breakLength: Infinity })}]`;
    if (tag !== "" && tag !== constructor) base += ` [${tag}]`;
    return base;
  }
  function getClassBase(value, constructor, tag) {
    const name = (hasOwn.call(value, "name") && value.name) || "(anonymous)";
    let base = `class ${name}`;
    if (constructor !== "Function" && constructor !== null) base += ` [${constructor}]`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = getProto(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += " extends [null prototype]";
    }
    return `[${base}]`;
  }
  function getFunctionBase(value, constructor, tag) {
    let src = "";
    try { src = fnToString.call(value); } catch (_) { /* revoked or odd */ }
    if (src.startsWith("class") && src.endsWith("}")) {
      const slice = src.slice(5, -1);
      const bracket = slice.indexOf("{");
      if (bracket !== -1 && !slice.slice(0, bracket).includes("(")) return getClassBase(value, constructor, tag);
    }
    let type = "Function";
    const proto = getProto(value);
    if (proto === GeneratorFunctionProto) type = "GeneratorFunction";
    else if (proto === AsyncFunctionProto) type = "AsyncFunction";
    else if (proto === AsyncGeneratorFunctionProto) type = "AsyncGeneratorFunction";
    let base = `[${type}`;
    if (constructor === null) base += " (null prototype)";
    if (value.name === "" || typeof value.name !== "string") base += " (anonymous)";
    else base += `: ${value.name}`;
    base += "]";
    if (constructor !== type && constructor !== null) base += ` ${constructor}`;
    if (tag !== "" && constructor !== tag) base += ` [${tag}]`;
    return base;
  }

  function improveStack(stack, constructor, name, tag) {
    let len = name.length;
    if (constructor === null ||
        (name.endsWith("Error") && stack.startsWith(name) &&
         (stack.length === len || stack[len] === ":" || stack[len] === "\n"))) {
      let fallback = "Error";
      if (constructor === null) {
        const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
        fallback = (start && start[1]) || "";
        len = fallback.length;
        fallback = fallback || "Error";
      }
      const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
      if (name !== prefix) {
        if (prefix.includes(name)) {
          stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
        } else {
          stack = `${prefix} [${name}]${stack.slice(len)}`;
        }
      }
    }
    return stack;
  }
  function errorStack(err) {
    let stack;
    try { stack = err.stack; } catch (_) { stack = undefined; }
    if (stack && typeof stack === "string") return runtime.normalizeStack(err);
    if (stack) return String(stack);
    try { return Error.prototype.toString.call(err); } catch (_) { return "Error"; }
  }
  function formatError(err, constructor, tag, ctx, keys) {
    const name = err.name != null ? String(err.name) : "Error";
    let stack = errorStack(err);
    if (keys.length !== 0) {
      // Engine-specific own properties (SpiderMonkey's fileName...) never show.
      for (const key of ["fileName", "lineNumber", "columnNumber", "stack"]) {
        const index = keys.indexOf(key);
        if (index !== -1 && !isEnumerable.call(err, key)) keys.splice(index, 1);
      }
      for (const key of ["name", "message", "stack"]) {
        const index = keys.indexOf(key);
        if (index !== -1 && (typeof err[key] !== "string" || stack.includes(err[key]))) keys.splice(index, 1);
      }
    }
    if ("cause" in err && !keys.includes("cause")) keys.push("cause");
    if (Array.isArray(err.errors) && !keys.includes("errors")) keys.push("errors");
    stack = improveStack(stack, constructor, name, tag);
    let pos = (err.message && stack.indexOf(err.message)) || -1;
    if (pos !== -1) pos += err.message.length;
    const stackStart = stack.indexOf("\n    at", pos);
    if (stackStart === -1) stack = `[${stack}]`;
    if (ctx.indentationLvl !== 0) stack = stack.replaceAll("\n", `\n${" ".repeat(ctx.indentationLvl)}`);
    return stack;
  }

  function groupArrayElements(ctx, output, value) {
    let totalLength = 0;
    let maxLength = 0;
    let outputLength = output.length;
    if (ctx.maxArrayLength < output.length) outputLength--;
    const separatorSpace = 2;
    const dataLen = new Array(outputLength);
    for (let i = 0; i < outputLength; i++) {
      const len = output[i].length;
      dataLen[i] = len;
      totalLength += len + separatorSpace;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + separatorSpace;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
        (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(
        Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
        Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
        ctx.compact * 4,
        15,
      );
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineMaxLength = 0;
        for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
        maxLineLength.push(lineMaxLength + separatorSpace);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) {
          if (typeof value[i] !== "number" && typeof value[i] !== "bigint") { padStart = false; break; }
        }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = "";
        let j = i;
        for (; j < max - 1; j++) {
          const padding = maxLineLength[j - i];
          str += padStart ? `${output[j]}, `.padStart(padding, " ") : `${output[j]}, `.padEnd(padding, " ");
        }
        if (padStart) str += output[j].padStart(maxLineLength[j - i] - separatorSpace, " ");
        else str += output[j];
        tmp.push(str);
      }
      if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
      output = tmp;
    }
    return output;
  }

  function formatArrayBuffer(ctx, value) {
    let bytes;
    try { bytes = new Uint8Array(value); } catch (_) { return ["(detached)"]; }
    const n = Math.min(ctx.maxArrayLength, bytes.length);
    const parts = [];
    for (let i = 0; i < n; i++) parts.push((bytes[i] < 16 ? "0" : "") + bytes[i].toString(16));
    let str = parts.join(" ");
    const remaining = bytes.length - ctx.maxArrayLength;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    return [`[Uint8Contents]: <${str}>`];
  }
  function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
    const keys = Object.keys(value);
    let index = i;
    for (; i < keys.length && output.length < maxLength; i++) {
      const key = keys[i];
      const tmp = +key;
      if (tmp > 2 ** 32 - 2) break;
      if (`${index}` !== key) {
        if (!numberRegExp.test(key)) break;
        const emptyItems = tmp - index;
        output.push(`<${emptyItems} empty item${emptyItems > 1 ? "s" : ""}>`);
        index = tmp;
        if (output.length === maxLength) break;
      }
      output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
      index++;
    }
    const remaining = value.length - index;
    if (output.length !== maxLength) {
      if (remaining > 0) output.push(`<${remaining} empty item${remaining > 1 ? "s" : ""}>`);
    } else if (remaining > 0) {
      output.push(remainingText(remaining));
    }
    return output;
  }
  function formatArray(ctx, value, recurseTimes) {
    const valLen = value.length;
    const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
    const remaining = valLen - len;
    const output = [];
    for (let i = 0; i < len; i++) {
      if (!hasOwn.call(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
      output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
    }
    if (remaining > 0) output.push(remainingText(remaining));
    return output;
  }
  function formatTypedArray(value, length, ctx, recurseTimes) {
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const remaining = value.length - maxLength;
    const output = new Array(maxLength);
    for (let i = 0; i < maxLength; ++i) {
      const v = value[i];
      output[i] = typeof v === "number" ? formatNumber(v) : `${v}n`;
    }
    if (remaining > 0) output[maxLength] = remainingText(remaining);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const key of ["BYTES_PER_ELEMENT", "length", "byteLength", "byteOffset", "buffer"]) {
        output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }
  function formatSet(value, ctx, recurseTimes) {
    const length = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const v of value) {
      if (i >= maxLength) break;
      output.push(formatValue(ctx, v, recurseTimes));
      i++;
    }
    if (length - maxLength > 0) output.push(remainingText(length - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }
  function formatMap(value, ctx, recurseTimes) {
    const length = value.size;
    const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    ctx.indentationLvl += 2;
    let i = 0;
    for (const [k, v] of value) {
      if (i >= maxLength) break;
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
      i++;
    }
    if (length - maxLength > 0) output.push(remainingText(length - maxLength));
    ctx.indentationLvl -= 2;
    return output;
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    let name, str;
    let desc;
    try {
      desc = getOwnDesc(value, key) || { value: value[key], enumerable: true };
    } catch (_) {
      desc = { value: undefined, enumerable: true };
    }
    if (desc.value !== undefined) {
      ctx.indentationLvl += 2;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= 2;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? "[Getter/Setter]" : "[Getter]";
    } else if (desc.set !== undefined) {
      str = "[Setter]";
    } else {
      str = "undefined";
    }
    if (type === kArrayType) return str;
    if (typeof key === "symbol") {
      name = `[${key.toString().replace(escapeAll, escapeFn)}]`;
    } else if (key === "__proto__") {
      name = "['__proto__']";
    } else if (desc.enumerable === false) {
      name = `[${key.replace(escapeAll, escapeFn)}]`;
    } else if (keyStrRegExp.test(key)) {
      name = key;
    } else {
      name = strEscape(key);
    }
    return `${name}: ${str}`;
  }

  function isBelowBreakLength(ctx, output, start, base) {
    let totalLength = output.length + start;
    if (totalLength + output.length > ctx.breakLength) return false;
    for (let i = 0; i < output.length; i++) {
      totalLength += output[i].length;
      if (totalLength > ctx.breakLength) return false;
    }
    return base === "" || !base.includes("\n");
  }
  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === "number" && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (isBelowBreakLength(ctx, output, start, base)) {
            const joined = output.join(", ");
            if (!joined.includes("\n")) {
              return `${base ? `${base} ` : ""}${braces[0]} ${joined}` + ` ${braces[1]}`;
            }
          }
        }
      }
      const indentation = `\n${" ".repeat(ctx.indentationLvl)}`;
      return `${base ? `${base} ` : ""}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
    }
    if (isBelowBreakLength(ctx, output, 0, base)) {
      return `${braces[0]}${base ? ` ${base}` : ""} ${output.join(", ")} ` + braces[1];
    }
    const indentation = " ".repeat(ctx.indentationLvl);
    const ln = base === "" && braces[0].length === 1 ? " " : `${base ? ` ${base}` : ""}\n${indentation}  `;
    return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
  }

  // ------------------------------------------------------------------ format
  function hasBuiltInToString(value) {
    let hasOwnToString = (o, k) => hasOwn.call(o, k);
    let hasOwnToPrimitive = hasOwnToString;
    const no = () => false;
    if (typeof value.toString !== "function") {
      if (typeof value[Symbol.toPrimitive] !== "function") return true;
      if (hasOwn.call(value, Symbol.toPrimitive)) return false;
      hasOwnToString = no;
    } else if (hasOwn.call(value, "toString")) {
      return false;
    } else if (typeof value[Symbol.toPrimitive] !== "function") {
      hasOwnToPrimitive = no;
    } else if (hasOwn.call(value, Symbol.toPrimitive)) {
      return false;
    }
    let pointer = value;
    do {
      pointer = getProto(pointer);
    } while (pointer !== null && !hasOwnToString(pointer, "toString") && !hasOwnToPrimitive(pointer, Symbol.toPrimitive));
    if (pointer === null) return true;
    const d = getOwnDesc(pointer, "constructor");
    return d !== undefined && typeof d.value === "function" && builtins.has(d.value.name) && globalThis[d.value.name] === d.value;
  }
  const builtins = new Set(["Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "Date", "Promise",
    "RegExp", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
    "AggregateError", "ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array", "Uint32Array",
    "Int32Array", "Float32Array", "Float64Array", "Uint8ClampedArray", "BigUint64Array", "BigInt64Array",
    "DataView", "Map", "BigInt", "Set", "WeakMap", "WeakSet", "Proxy", "Reflect", "SharedArrayBuffer"]);
  function tryStringify(arg) {
    try {
      return JSON.stringify(arg);
    } catch (err) {
      if (err instanceof TypeError && /circular|cyclic/i.test(String(err.message))) return "[Circular]";
      throw err;
    }
  }
  // One placeholder's text (%s %d %i %f %j %o %O %c) for its argument; `show` inspects.
  function formatPlaceholder(code, arg, show, options) {
    switch (code) {
      case 115: // s
        if (typeof arg === "number") return formatNumber(arg);
        if (typeof arg === "bigint") return `${arg}n`;
        if (typeof arg !== "object" || arg === null || !hasBuiltInToString(arg)) return String(arg);
        return show(arg, { ...options, depth: 0, colors: false, compact: 3 });
      case 106: // j
        return tryStringify(arg);
      case 100: // d
        if (typeof arg === "bigint") return `${arg}n`;
        return typeof arg === "symbol" ? "NaN" : formatNumber(Number(arg));
      case 79: // O
        return show(arg, options);
      case 111: // o
        return show(arg, { ...options, showHidden: true, showProxy: true, depth: 4 });
      case 105: // i
        if (typeof arg === "bigint") return `${arg}n`;
        return typeof arg === "symbol" ? "NaN" : formatNumber(parseInt(arg));
      case 102: // f
        return typeof arg === "symbol" ? "NaN" : formatNumber(parseFloat(arg));
      default: // c: CSS, ignored
        return "";
    }
  }
  const PLACEHOLDERS = new Set([115, 106, 100, 79, 111, 105, 102, 99]);

  // Node's formatWithOptions: `show(value, options)` inspects each value (console's
  // inspect, or node:util's, which adds its defaultOptions).
  function formatWith(show, options, args) {
    const first = args[0];
    let a = 0;
    let str = "";
    let join = "";
    if (typeof first === "string") {
      if (args.length === 1) return first;
      let lastPos = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length && PLACEHOLDERS.has(nextChar)) {
          const text = formatPlaceholder(nextChar, args[++a], show, options);
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += text;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
      if (lastPos !== 0) {
        a++;
        join = " ";
        if (lastPos < first.length) str += first.slice(lastPos);
      }
    }
    while (a < args.length) {
      const value = args[a];
      str += join;
      str += typeof value !== "string" ? show(value, options) : value;
      join = " ";
      a++;
    }
    return str;
  }
  function format(...args) {
    return formatWith(inspect, undefined, args);
  }

  runtime.inspect = { inspect, format, formatWith, isMap, isSet };
  runtime.format = format;
})();
