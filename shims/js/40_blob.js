// Blob and File: the W3C File API (https://w3c.github.io/FileAPI/). Internals for
// FormData and fetch go on __runtime.blobs.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const S = rt.streams;
  const INTERNAL = Symbol("internal");
  const { defineGlobal, tag, isObject, toUSV } = rt.webidl;
  const utf8 = rt.utf8;
  const isView = ArrayBuffer.isView;

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

  // ---------------------------------------------------------------- Blob
  let blobOf; // Blob -> {bytes: Uint8Array, type}
  // A BlobPart converted as Web IDL does while it reads the sequence: bytes for a Blob or a
  // buffer source, else the USVString (its line endings are converted after the options).
  function convertPart(part) {
    if (isObject(part)) {
      const b = blobOf(part);
      if (b) return b.bytes;
      if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
      if (isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
    }
    return toUSV(part);
  }
  function bytesOfPart(part, native) {
    if (typeof part !== "string") return part;
    return utf8.encode(native ? part.replace(/\r\n|\r/g, "\n") : part);
  }
  function concatBytes(parts, total) {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let p = 0;
    for (const part of parts) { out.set(part, p); p += part.length; }
    return out;
  }
  function processBlobParts(blobParts, options) {
    // Arguments convert in order: the parts sequence (each part as it is read), then options.
    let converted;
    if (blobParts !== undefined) {
      const method = isObject(blobParts) ? blobParts[Symbol.iterator] : undefined;
      if (typeof method !== "function") throw new TypeError("Blob: blobParts must be a sequence");
      converted = [];
      // The iterator method is read once (Web IDL's sequence conversion).
      for (const part of { [Symbol.iterator]: () => Reflect.apply(method, blobParts, []) }) {
        converted.push(convertPart(part));
      }
    }
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
    if (converted === undefined) return { bytes: new Uint8Array(0), type };
    const parts = [];
    let total = 0;
    for (const part of converted) {
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
      return S.publicReadable(S.createBytes((c) => {
        if (pos >= bytes.length) { c.close(); return; }
        const end = Math.min(pos + 65536, bytes.length);
        c.enqueue(bytes.slice(pos, end));
        pos = end;
        if (pos >= bytes.length) c.close();
      }));
    }
    text() {
      try { return Promise.resolve(utf8.decode(must(this).bytes)); } catch (e) { return Promise.reject(e); }
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
  rt.webidl.inspectAs(Blob, rt.webidl.fields(["size", "type"]));
  rt.webidl.inspectAs(File, rt.webidl.fields(["size", "type", "name", "lastModified"]));
  function newFile(bytes, name, type, lastModified) {
    return new File(INTERNAL, { bytes, type }, { name, lastModified: lastModified === undefined ? Date.now() : lastModified });
  }

  defineGlobal("Blob", Blob);
  defineGlobal("File", File);

  // Blob URLs (File API 8): URL.createObjectURL(blob) -> "blob:null/<uuid>" (a context has
  // no origin), which fetch reads until URL.revokeObjectURL forgets it.
  const objectURLs = new Map();
  Object.defineProperties(globalThis.URL, {
    createObjectURL: {
      value: function createObjectURL(obj) {
        rt.webidl.requireArgs(arguments.length, 1, "Failed to execute 'createObjectURL' on 'URL'");
        if (blobOf(obj) === undefined) {
          throw new TypeError("Failed to execute 'createObjectURL' on 'URL': parameter 1 is not of type 'Blob'.");
        }
        const url = "blob:null/" + globalThis.crypto.randomUUID();
        objectURLs.set(url, obj);
        return url;
      },
      writable: true, enumerable: true, configurable: true,
    },
    revokeObjectURL: {
      value: function revokeObjectURL(url) {
        rt.webidl.requireArgs(arguments.length, 1, "Failed to execute 'revokeObjectURL' on 'URL'");
        objectURLs.delete(String(url));
      },
      writable: true, enumerable: true, configurable: true,
    },
  });

  rt.blobs = {
    // The Blob a blob: URL names (its fragment left out), or undefined.
    resolveURL(url) { return objectURLs.get(String(url).replace(/#.*$/s, "")); },
    blobOf,   // Blob -> {bytes, type} | undefined
    fileOf,   // File -> {name, lastModified} | undefined
    newBlob,  // (Uint8Array, type) -> Blob (bytes are not copied)
    newFile,  // (Uint8Array, name, type, lastModified?) -> File
  };
})();
