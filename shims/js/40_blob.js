// @lazy-globals Blob File FormData
// @lazy-internals blobs
// File API: Blob and File (https://w3c.github.io/FileAPI/), and FormData
// (https://xhr.spec.whatwg.org/#interface-formdata). Multipart encoding and parsing of
// FormData bodies live in 50_fetch.js. Internals shared with 50_fetch.js go on
// __runtime.blobs.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const S = rt.streams;
  const INTERNAL = S.INTERNAL;
  const utf8Encode = S.utf8Encode;
  const utf8Decode = S.utf8Decode;
  const define = S.define;
  const tag = S.tag;
  const isView = ArrayBuffer.isView;

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  function toUSV(v) {
    const s = String(v);
    return typeof s.toWellFormed === "function" ? s.toWellFormed() : s.replace(LONE_SURROGATE, "\uFFFD");
  }
  // WebIDL `long long` with [Clamp].
  function clampLongLong(v) {
    let x = Number(v);
    if (x !== x) return 0;
    x = Math.min(Math.max(x, -9007199254740991), 9007199254740991);
    const f = Math.floor(x);
    const diff = x - f;
    if (diff > 0.5) return f + 1;
    if (diff < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }
  function normalizeType(t) {
    if (t === undefined) return "";
    const s = String(t);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return "";
    }
    return s.toLowerCase();
  }
  function isObject(v) { return (typeof v === "object" && v !== null) || typeof v === "function"; }

  // ---------------------------------------------------------------- Blob
  let blobOf; // Blob -> {bytes: Uint8Array, type}
  function bytesOfPart(part, native) {
    if (isObject(part)) {
      const b = blobOf(part);
      if (b) return b.bytes;
      if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
      if (isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    }
    let s = toUSV(part);
    if (native) s = s.replace(/\r\n|\r/g, "\n");
    return utf8Encode(s);
  }
  function concatBytes(parts, total) {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let p = 0;
    for (const part of parts) { out.set(part, p); p += part.length; }
    return out;
  }
  function processBlobParts(blobParts, options) {
    let native = false;
    let type = "";
    if (options !== undefined && options !== null) {
      if (!isObject(options)) throw new TypeError("Blob: options must be an object");
      const endings = options.endings;
      if (endings !== undefined) {
        const e = String(endings);
        if (e === "native") native = true;
        else if (e !== "transparent") throw new TypeError(`Blob: '${e}' is not a valid value for endings`);
      }
      type = normalizeType(options.type);
    }
    if (blobParts === undefined) return { bytes: new Uint8Array(0), type };
    if (!isObject(blobParts) || typeof blobParts[Symbol.iterator] !== "function") {
      throw new TypeError("Blob: blobParts must be a sequence");
    }
    const parts = [];
    let total = 0;
    for (const part of blobParts) {
      const bytes = bytesOfPart(part, native);
      parts.push(bytes);
      total += bytes.length;
    }
    return { bytes: parts.length ? concatBytes(parts, total) : new Uint8Array(0), type };
  }
  function copyOut(bytes) { return new Uint8Array(bytes); }

  class Blob {
    #b;
    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === INTERNAL) { this.#b = options; return; }
      this.#b = processBlobParts(blobParts, options);
    }
    static {
      blobOf = (o) => (isObject(o) && #b in o ? o.#b : undefined);
    }
    get size() { return must(this).bytes.length; }
    get type() { return must(this).type; }
    slice(start = undefined, end = undefined, contentType = undefined) {
      const b = must(this);
      const size = b.bytes.length;
      let relStart = start === undefined ? 0 : clampLongLong(start);
      relStart = relStart < 0 ? Math.max(size + relStart, 0) : Math.min(relStart, size);
      let relEnd = end === undefined ? size : clampLongLong(end);
      relEnd = relEnd < 0 ? Math.max(size + relEnd, 0) : Math.min(relEnd, size);
      const span = Math.max(relEnd - relStart, 0);
      return newBlob(b.bytes.subarray(relStart, relStart + span), normalizeType(contentType));
    }
    stream() {
      const bytes = must(this).bytes;
      let pos = 0;
      return S.publicReadable(S.create((c) => {
        if (pos >= bytes.length) { c.close(); return; }
        const end = Math.min(pos + 65536, bytes.length);
        c.enqueue(bytes.slice(pos, end));
        pos = end;
        if (pos >= bytes.length) c.close();
      }));
    }
    text() {
      try { return Promise.resolve(utf8Decode(must(this).bytes)); } catch (e) { return Promise.reject(e); }
    }
    arrayBuffer() {
      try { return Promise.resolve(copyOut(must(this).bytes).buffer); } catch (e) { return Promise.reject(e); }
    }
    bytes() {
      try { return Promise.resolve(copyOut(must(this).bytes)); } catch (e) { return Promise.reject(e); }
    }
  }
  function must(o) {
    const b = blobOf(o);
    if (!b) throw new TypeError("Illegal invocation: not a Blob");
    return b;
  }
  function newBlob(bytes, type) {
    return new Blob(INTERNAL, { bytes, type });
  }
  tag(Blob, "Blob");

  // ---------------------------------------------------------------- File
  let fileOf;
  class File extends Blob {
    #f;
    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new TypeError("File: 2 arguments required, but only " + arguments.length + " present");
      if (fileBits === INTERNAL) {
        super(INTERNAL, fileName);
        this.#f = options;
        return;
      }
      super(fileBits, options);
      const lm = options == null ? undefined : options.lastModified;
      let lastModified = Date.now();
      if (lm !== undefined) {
        const n = Number(lm); // WebIDL long long
        lastModified = n !== n || !isFinite(n) ? 0 : Math.trunc(n);
      }
      this.#f = { name: toUSV(fileName), lastModified };
    }
    static {
      fileOf = (o) => (isObject(o) && #f in o ? o.#f : undefined);
    }
    get name() {
      const f = fileOf(this);
      if (!f) throw new TypeError("Illegal invocation: not a File");
      return f.name;
    }
    get lastModified() {
      const f = fileOf(this);
      if (!f) throw new TypeError("Illegal invocation: not a File");
      return f.lastModified;
    }
    get webkitRelativePath() {
      if (!fileOf(this)) throw new TypeError("Illegal invocation: not a File");
      return "";
    }
  }
  tag(File, "File");
  function newFile(bytes, name, type, lastModified) {
    return new File(INTERNAL, { bytes, type }, { name, lastModified: lastModified === undefined ? Date.now() : lastModified });
  }

  // ---------------------------------------------------------------- pair iterators (WebIDL)
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  function pairIteratorFactory(tagName) {
    const states = new WeakMap();
    const proto = Object.create(IteratorPrototype);
    Object.defineProperty(proto, "next", {
      value: function next() {
        const st = states.get(this);
        if (!st) throw new TypeError(`Illegal invocation: not a ${tagName}`);
        const list = st.list();
        if (st.index >= list.length) return { value: undefined, done: true };
        const pair = list[st.index++];
        const value = st.kind === "key" ? pair[0] : st.kind === "value" ? pair[1] : [pair[0], pair[1]];
        return { value, done: false };
      },
      writable: true, configurable: true, enumerable: true,
    });
    Object.defineProperty(proto, Symbol.toStringTag, { value: tagName, configurable: true });
    return (list, kind) => {
      const it = Object.create(proto);
      states.set(it, { list, kind, index: 0 });
      return it;
    };
  }
  // Adds entries/keys/values/forEach/@@iterator to cls, over listOf(instance)() pairs.
  function addPairIteration(cls, tagName, listOf) {
    const make = pairIteratorFactory(tagName);
    const methods = {
      entries() { return make(listOf(this), "key+value"); },
      keys() { return make(listOf(this), "key"); },
      values() { return make(listOf(this), "value"); },
      forEach(callback, thisArg = undefined) {
        const list = listOf(this);
        if (typeof callback !== "function") throw new TypeError(`${cls.name}.forEach: callback must be a function`);
        for (let i = 0; i < list().length; i++) {
          const pair = list()[i];
          callback.call(thisArg, pair[1], pair[0], this);
        }
      },
    };
    for (const name of ["entries", "keys", "values", "forEach"]) {
      Object.defineProperty(cls.prototype, name, { value: methods[name], writable: true, configurable: true, enumerable: true });
    }
    Object.defineProperty(cls.prototype, Symbol.iterator, { value: methods.entries, writable: true, configurable: true });
  }

  // ---------------------------------------------------------------- FormData
  let formOf; // FormData -> entries array of [name, value]
  function createEntry(name, value, filename, withFilename) {
    name = toUSV(name);
    const b = blobOf(value);
    if (b) {
      const f = fileOf(value);
      if (!f || withFilename) {
        const fname = withFilename ? toUSV(filename) : f ? f.name : "blob";
        value = newFile(b.bytes, fname, b.type, f ? f.lastModified : undefined);
      }
      return [name, value];
    }
    if (withFilename) throw new TypeError("FormData: the value must be a Blob when a filename is given");
    return [name, toUSV(value)];
  }
  class FormData {
    #e;
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new TypeError("FormData: form elements are not supported in this runtime");
      void submitter;
      this.#e = [];
    }
    static {
      formOf = (o) => {
        if (!isObject(o) || !(#e in o)) throw new TypeError("Illegal invocation: not a FormData");
        return o.#e;
      };
    }
    append(name, value, filename = undefined) {
      const e = formOf(this);
      if (arguments.length < 2) throw new TypeError("FormData.append: 2 arguments required");
      e.push(createEntry(name, value, filename, arguments.length > 2));
    }
    delete(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.delete: 1 argument required");
      name = toUSV(name);
      for (let i = e.length - 1; i >= 0; i--) if (e[i][0] === name) e.splice(i, 1);
    }
    get(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.get: 1 argument required");
      name = toUSV(name);
      for (const entry of e) if (entry[0] === name) return entry[1];
      return null;
    }
    getAll(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.getAll: 1 argument required");
      name = toUSV(name);
      const out = [];
      for (const entry of e) if (entry[0] === name) out.push(entry[1]);
      return out;
    }
    has(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.has: 1 argument required");
      name = toUSV(name);
      return e.some((entry) => entry[0] === name);
    }
    set(name, value, filename = undefined) {
      const e = formOf(this);
      if (arguments.length < 2) throw new TypeError("FormData.set: 2 arguments required");
      const entry = createEntry(name, value, filename, arguments.length > 2);
      const i = e.findIndex((x) => x[0] === entry[0]);
      if (i < 0) { e.push(entry); return; }
      e[i] = entry;
      for (let j = e.length - 1; j > i; j--) if (e[j][0] === entry[0]) e.splice(j, 1);
    }
  }
  tag(FormData, "FormData");
  addPairIteration(FormData, "FormData Iterator", (o) => { const e = formOf(o); return () => e; });

  define("Blob", Blob);
  define("File", File);
  define("FormData", FormData);

  Object.defineProperty(rt, "blobs", {
    value: {
      toUSV,
      blobOf,                     // Blob -> {bytes, type} | undefined
      fileOf,                     // File -> {name, lastModified} | undefined
      newBlob,                    // (Uint8Array, type) -> Blob (bytes are not copied)
      newFile,                    // (Uint8Array, name, type, lastModified?) -> File
      formEntries: formOf,        // FormData -> live [[name, string|File]]
      newFormData(entries) { const fd = new FormData(); formOf(fd).push(...entries); return fd; },
      addPairIteration,
    },
    configurable: true, writable: true, enumerable: false,
  });
})();
