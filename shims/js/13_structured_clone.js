// structuredClone: the HTML structured clone (serialize + deserialize in one pass, within
// one realm). Transferring ArrayBuffers copies them and then detaches the originals.
// __runtime.clone holds the same algorithm with a transfer list for postMessage, and the
// registry of transferable platform objects (MessagePort registers itself).
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const DOMException = globalThis.DOMException;
  const getProto = Object.getPrototypeOf;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const ObjectProto = Object.prototype;
  const ArrayProto = Array.prototype;
  const isView = ArrayBuffer.isView;
  const typedTag = getOwnDesc(getProto(Uint8Array.prototype), Symbol.toStringTag).get;
  const abByteLength = getOwnDesc(ArrayBuffer.prototype, "byteLength").get;
  const abResizable = (getOwnDesc(ArrayBuffer.prototype, "resizable") || {}).get;
  const abDetached = (getOwnDesc(ArrayBuffer.prototype, "detached") || {}).get;
  const abTransfer = ArrayBuffer.prototype.transfer;
  const sabByteLength = typeof SharedArrayBuffer === "function"
    ? getOwnDesc(SharedArrayBuffer.prototype, "byteLength").get : null;
  const setSize = getOwnDesc(Set.prototype, "size").get;
  const mapSize = getOwnDesc(Map.prototype, "size").get;
  const regexSource = getOwnDesc(RegExp.prototype, "source").get;
  const regexFlags = getOwnDesc(RegExp.prototype, "flags").get;
  const dateGetTime = Date.prototype.getTime;
  const dvByteOffset = getOwnDesc(DataView.prototype, "byteOffset").get;
  const taKeys = getProto(Uint8Array.prototype).keys;
  const TYPED = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  if (typeof Float16Array === "function") TYPED.Float16Array = Float16Array;
  const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  // Objects with internal slots (or platform objects) that are not serializable.
  const NOT_SERIALIZABLE = ["Promise", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
    "EventTarget", "Event", "AbortController", "TextEncoder", "TextDecoder", "Crypto", "SubtleCrypto",
    "CryptoKey", "Navigator", "Performance", "PerformanceEntry", "Headers", "Request", "Response",
    "ReadableStream", "WritableStream", "TransformStream", "ReadableStreamDefaultReader",
    "WritableStreamDefaultWriter", "URL", "URLSearchParams", "FormData", "Blob", "File", "Generator",
    "MessageChannel"];
  // Transferable platform objects other than ArrayBuffer: {is(v), isDetached(v),
  // receiver(v) (the new object, made before serializing), transfer(v, receiver)}.
  const transferables = [];

  function test(fn, v) {
    try { fn.call(v); return true; } catch (_) { return false; }
  }
  // Blob and File (subclasses too) serialize as the same bytes, type, name and lastModified
  // (a Blob's bytes never change, so the copy shares them).
  function cloneBlob(v) {
    const tag = Object.prototype.toString.call(v);
    if (tag !== "[object Blob]" && tag !== "[object File]") return undefined;
    const B = runtime.blobs;
    const b = B.blobOf(v);
    if (b === undefined) return undefined;
    const f = B.fileOf(v);
    return f === undefined ? B.newBlob(b.bytes, b.type) : B.newFile(b.bytes, f.name, b.type, f.lastModified);
  }
  function cloneError(what) {
    return new DOMException(`${what} could not be cloned.`, "DataCloneError");
  }
  function describe(v) {
    if (typeof v === "symbol") return String(v);
    if (typeof v === "function") {
      try { return Function.prototype.toString.call(v); } catch (_) { return "function"; }
    }
    const ctor = v && v.constructor;
    return `#<${(ctor && ctor.name) || "Object"}>`;
  }
  function isDetached(buf) {
    if (abDetached) return abDetached.call(buf);
    try { new Uint8Array(buf); return false; } catch (_) { return true; }
  }
  function copyBuffer(buf) {
    if (isDetached(buf)) throw cloneError("An ArrayBuffer is detached and");
    const len = abByteLength.call(buf);
    if (abResizable && abResizable.call(buf)) {
      const out = new ArrayBuffer(len, { maxByteLength: buf.maxByteLength });
      new Uint8Array(out).set(new Uint8Array(buf));
      return out;
    }
    return ArrayBuffer.prototype.slice.call(buf, 0);
  }

  // A buffer of the same size and kind, its bytes still to be copied (a transfer's receiver).
  function emptyLike(buf) {
    const len = abByteLength.call(buf);
    if (abResizable && abResizable.call(buf)) return new ArrayBuffer(len, { maxByteLength: buf.maxByteLength });
    return new ArrayBuffer(len);
  }

  function clone(v, memory) {
    const type = typeof v;
    if (type !== "object") {
      if (type === "function" || type === "symbol") throw cloneError(describe(v));
      return v;
    }
    if (v === null) return null;
    const seen = memory.get(v);
    if (seen !== undefined) return seen;
    const proto = getProto(v);
    let out;
    const array = proto === ArrayProto && Array.isArray(v);
    if (array || proto === ObjectProto || proto === null) {
      out = array ? new Array(v.length) : {};
      return copyOwn(v, out, memory);
    }
    return cloneSpecial(v, memory);
  }

  function cloneSpecial(v, memory) {
    let out;
    // primitive wrappers
    if (test(Boolean.prototype.valueOf, v)) out = Object(Boolean.prototype.valueOf.call(v));
    else if (test(Number.prototype.valueOf, v)) out = Object(Number.prototype.valueOf.call(v));
    else if (test(BigInt.prototype.valueOf, v)) out = Object(BigInt.prototype.valueOf.call(v));
    else if (test(String.prototype.valueOf, v)) out = Object(String.prototype.valueOf.call(v));
    else if (test(Symbol.prototype.valueOf, v)) throw cloneError(String(Symbol.prototype.valueOf.call(v)));
    else if (test(dateGetTime, v)) out = new Date(dateGetTime.call(v));
    else if (v !== RegExp.prototype && test(regexSource, v)) out = new RegExp(regexSource.call(v), regexFlags.call(v));
    if (out !== undefined) {
      memory.set(v, out);
      return out;
    }
    if (test(abByteLength, v)) {
      out = copyBuffer(v);
      memory.set(v, out);
      return out;
    }
    if (sabByteLength !== null && test(sabByteLength, v)) {
      // One agent: the memory stays shared, as with a SharedArrayBuffer posted to a worker.
      memory.set(v, v);
      return v;
    }
    if (isView(v)) {
      const name = typedTag.call(v);
      // A view out of its buffer's bounds (a resizable buffer shrunk under it, or a detached
      // one) is not serializable: its byteOffset getter, or keys(), throws then.
      if (!test(name === undefined ? dvByteOffset : taKeys, v)) throw cloneError("An out-of-bounds view");
      const buffer = clone(v.buffer, memory);
      if (name === undefined) out = new DataView(buffer, v.byteOffset, v.byteLength);
      else out = new TYPED[name](buffer, v.byteOffset, v.length);
      memory.set(v, out);
      return out;
    }
    if (test(mapSize, v)) {
      out = new Map();
      memory.set(v, out);
      const entries = [...Map.prototype.entries.call(v)];
      for (const [key, value] of entries) out.set(clone(key, memory), clone(value, memory));
      return out;
    }
    if (test(setSize, v)) {
      out = new Set();
      memory.set(v, out);
      const values = [...Set.prototype.values.call(v)];
      for (const value of values) out.add(clone(value, memory));
      return out;
    }
    if (v instanceof DOMException) {
      out = new DOMException(v.message, v.name);
      memory.set(v, out);
      return out;
    }
    const blob = cloneBlob(v);
    if (blob !== undefined) {
      memory.set(v, blob);
      return blob;
    }
    for (const name of NOT_SERIALIZABLE) {
      const C = globalThis[name];
      if (typeof C === "function" && C.prototype && v instanceof C) throw cloneError(describe(v));
    }
    if (v instanceof Error || Object.prototype.toString.call(v) === "[object Error]") {
      let name = v.name;
      if (!Object.prototype.hasOwnProperty.call(ERROR_TYPES, name)) name = "Error";
      const msgDesc = getOwnDesc(v, "message");
      out = new ERROR_TYPES[name]();
      memory.set(v, out);
      if (msgDesc !== undefined && "value" in msgDesc) {
        Object.defineProperty(out, "message", { value: String(msgDesc.value), writable: true, configurable: true, enumerable: false });
      }
      let stack;
      try { stack = v.stack; } catch (_) { stack = undefined; }
      if (typeof stack === "string") {
        Object.defineProperty(out, "stack", { value: stack, writable: true, configurable: true, enumerable: false });
      }
      const causeDesc = getOwnDesc(v, "cause");
      if (causeDesc !== undefined && "value" in causeDesc) {
        Object.defineProperty(out, "cause", { value: clone(causeDesc.value, memory), writable: true, configurable: true, enumerable: false });
      }
      return out;
    }
    if (Array.isArray(v)) {
      out = new Array(v.length);
    } else {
      const tag = Object.prototype.toString.call(v);
      if (tag === "[object Arguments]" || tag === "[object Object]" || typeof v[Symbol.toStringTag] === "string") {
        out = {};
      } else {
        throw cloneError(describe(v));
      }
    }
    // an ordinary object of some class: its own enumerable data, without the prototype
    return copyOwn(v, out, memory);
  }

  // `out` as the clone of `v` (recorded first, for cycles) with copies of v's own
  // enumerable properties.
  function copyOwn(v, out, memory) {
    memory.set(v, out);
    for (const key of Object.keys(v)) {
      const desc = getOwnDesc(v, key);
      if (desc === undefined || !desc.enumerable) continue;
      out[key] = clone(v[key], memory);
    }
    return out;
  }

  // A Web IDL sequence<object> (the transfer list) as an array.
  function transferList(list, where) {
    if (list === null || (typeof list !== "object" && typeof list !== "function") || typeof list[Symbol.iterator] !== "function") {
      throw new TypeError(`${where}: The provided value cannot be converted to a sequence.`);
    }
    const out = [];
    for (const t of list) {
      if (t === null || (typeof t !== "object" && typeof t !== "function")) {
        throw new TypeError(`${where}: Iterator value ${typeof t === "symbol" ? "a symbol" : String(t)} is not an object.`);
      }
      out.push(t);
    }
    return out;
  }

  // StructuredSerializeWithTransfer then StructuredDeserializeWithTransfer, in one pass:
  // [the clone, the transferred objects' new values in transfer-list order]. Nothing is
  // detached unless the whole value serializes.
  function withTransfer(value, transfer) {
    const memory = new Map();
    const kinds = new Array(transfer.length);
    for (let i = 0; i < transfer.length; i++) {
      const t = transfer[i];
      let kind = null;
      if (!test(abByteLength, t)) {
        kind = transferables.find((k) => k.is(t));
        if (kind === undefined) throw cloneError("Value at index " + i + " is not transferable and");
      }
      if (memory.has(t)) throw cloneError("Value at index " + i + " is a duplicate and");
      kinds[i] = kind;
      memory.set(t, kind === null ? emptyLike(t) : kind.receiver(t));
    }
    const result = clone(value, memory);
    for (let i = 0; i < transfer.length; i++) {
      const t = transfer[i], kind = kinds[i];
      if (kind === null ? isDetached(t) : kind.isDetached(t)) {
        throw cloneError((kind === null ? "An ArrayBuffer" : "A " + describe(t)) + " is detached and");
      }
    }
    if (transfer.length > 0 && typeof abTransfer !== "function" && kinds.includes(null)) {
      throw new DOMException("Transferring ArrayBuffers is not supported by this engine", "DataCloneError");
    }
    for (let i = 0; i < transfer.length; i++) {
      const t = transfer[i], kind = kinds[i], received = memory.get(t);
      if (kind !== null) {
        kind.transfer(t, received);
        continue;
      }
      // The receiver gets the bytes as they are after serializing (a getter may have
      // written to the buffer, or resized it); then the original is detached.
      const len = abByteLength.call(t);
      if (abByteLength.call(received) !== len) received.resize(len);
      new Uint8Array(received).set(new Uint8Array(t));
      abTransfer.call(t);
    }
    return [result, transfer.map((t) => memory.get(t))];
  }

  function structuredClone(value, options = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
    if (options !== undefined && options !== null && typeof options !== "object" && typeof options !== "function") {
      throw new TypeError("Failed to execute 'structuredClone': The provided value is not of type 'StructuredSerializeOptions'.");
    }
    const list = options == null ? undefined : options.transfer;
    if (list === undefined) return clone(value, new Map());
    return withTransfer(value, transferList(list, "Failed to execute 'structuredClone'"))[0];
  }

  runtime.webidl.defineGlobal("structuredClone", structuredClone);
  runtime.clone = {
    withTransfer,
    transferList,
    addTransferable(kind) { transferables.push(kind); },
  };
})();
