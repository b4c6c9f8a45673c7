// FileReader (W3C File API, "Reading data") and the ProgressEvent it fires (XHR Standard).
//
// A read takes the blob's bytes in 64 KiB chunks, one task per chunk, as the spec's read
// of the blob's stream does: "loadstart" once the first chunk (or the end) is there, a
// "progress" for the first chunk and then at most every 50 ms, and "load" or "error" then
// "loadend" once all bytes are in. abort() ends the read at once: its queued tasks do
// nothing (each read has its own token). Text is decoded with the runtime's TextDecoder:
// the encoding is the BOM's, else the argument's, else the blob type's charset, else UTF-8
// (a label this runtime cannot decode counts as none).
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, interfaceMembers, requireArgs, dictionary } = runtime.webidl;
  const { defineEventHandler, fireEvent } = runtime.events;
  const { TextDecoder } = runtime.encoding;
  const task = runtime.task;
  const Event = globalThis.Event;
  const EventTarget = globalThis.EventTarget;
  const DOMException = globalThis.DOMException;
  const fromCharCode = String.fromCharCode;
  const defineProperty = Object.defineProperty;

  // ---------------------------------------------------------------- ProgressEvent
  // Web IDL unsigned long long.
  function toULongLong(v) {
    const n = Math.trunc(Number(v));
    if (!Number.isFinite(n)) return 0;
    const m = n % 18446744073709551616;
    return m < 0 ? m + 18446744073709551616 : m;
  }
  let setProgress; // (event, loaded, total): fill a ProgressEvent the runtime fires
  class ProgressEvent extends Event {
    #lengthComputable = false;
    #loaded = 0;
    #total = 0;
    constructor(type, eventInitDict = undefined) {
      const where = "Failed to construct 'ProgressEvent'";
      requireArgs(arguments.length, 1, where);
      const init = dictionary(eventInitDict, where);
      super(type, init);
      // ProgressEventInit's own members, in Web IDL (lexicographic) order
      if (init.lengthComputable !== undefined) this.#lengthComputable = !!init.lengthComputable;
      if (init.loaded !== undefined) this.#loaded = toULongLong(init.loaded);
      if (init.total !== undefined) this.#total = toULongLong(init.total);
    }
    get lengthComputable() { return this.#lengthComputable; }
    get loaded() { return this.#loaded; }
    get total() { return this.#total; }
    static {
      setProgress = (event, loaded, total) => {
        event.#lengthComputable = true;
        event.#loaded = loaded;
        event.#total = total;
      };
    }
  }
  interfaceMembers(ProgressEvent.prototype, "ProgressEvent");

  // ---------------------------------------------------------------- packaging the bytes
  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function base64(bytes) {
    const parts = [];
    let out = "";
    const n = bytes.length;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += BASE64[v >> 18] + BASE64[(v >> 12) & 63] + BASE64[(v >> 6) & 63] + BASE64[v & 63];
      if (out.length >= 8192) { parts.push(out); out = ""; }
    }
    if (i + 1 === n) {
      const v = bytes[i] << 16;
      out += BASE64[v >> 18] + BASE64[(v >> 12) & 63] + "==";
    } else if (i + 2 === n) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += BASE64[v >> 18] + BASE64[(v >> 12) & 63] + BASE64[(v >> 6) & 63] + "=";
    }
    parts.push(out);
    return parts.join("");
  }
  function binaryString(bytes) {
    const parts = [];
    for (let i = 0; i < bytes.length; i += 8192) parts.push(fromCharCode.apply(null, bytes.subarray(i, i + 8192)));
    return parts.join("");
  }
  // The Encoding Standard's "get an encoding": a decoder for the label, or null.
  function decoderFor(label) {
    if (label === null) return null;
    try {
      return new TextDecoder(label, { ignoreBOM: true });
    } catch (_) {
      return null; // no such label, or an encoding this runtime cannot decode
    }
  }
  // The charset parameter of a MIME type, or null.
  function charsetOf(type) {
    if (type === "") return null;
    const mime = runtime.http.parseMime(type);
    return mime === null || !mime.params.has("charset") ? null : mime.params.get("charset");
  }
  function decodeText(bytes, label, type) {
    // The Encoding Standard's "decode": a byte order mark decides over any label.
    let bom = null;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = "utf-8";
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) bom = "utf-16be";
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) bom = "utf-16le";
    if (bom !== null) return new TextDecoder(bom).decode(bytes); // drops that one BOM
    const decoder = decoderFor(label) || decoderFor(charsetOf(type)) || new TextDecoder("utf-8", { ignoreBOM: true });
    return decoder.decode(bytes);
  }
  // "Package data": the result of a read of bytes, as its kind asks.
  function packageData(bytes, kind, type, label) {
    switch (kind) {
      case "DataURL":
        return `data:${type === "" ? "application/octet-stream" : type};base64,${base64(bytes)}`;
      case "Text":
        return decodeText(bytes, label, type);
      case "ArrayBuffer":
        return new Uint8Array(bytes).buffer;
      case "BinaryString":
        return binaryString(bytes);
    }
  }

  // ---------------------------------------------------------------- FileReader
  const EMPTY = 0, LOADING = 1, DONE = 2;
  const CHUNK = 65536;
  const PROGRESS_MS = 50;

  function fireProgress(reader, type, loaded, total) {
    const event = new ProgressEvent(type);
    setProgress(event, loaded, total);
    fireEvent(reader, event); // the runtime's own event: isTrusted
  }

  let stateOf;
  class FileReader extends EventTarget {
    #s = { state: EMPTY, result: null, error: null, read: null };
    constructor() {
      super();
    }
    readAsArrayBuffer(blob) { read(this, arguments.length, blob, "ArrayBuffer", "readAsArrayBuffer"); }
    readAsBinaryString(blob) { read(this, arguments.length, blob, "BinaryString", "readAsBinaryString"); }
    readAsText(blob, encoding = undefined) { read(this, arguments.length, blob, "Text", "readAsText", encoding); }
    readAsDataURL(blob) { read(this, arguments.length, blob, "DataURL", "readAsDataURL"); }
    abort() {
      const s = this.#s;
      if (s.state === EMPTY || s.state === DONE) {
        s.result = null;
        return;
      }
      s.state = DONE;
      s.result = null;
      s.read = null; // the read's queued tasks see this and do nothing
      fireProgress(this, "abort", 0, 0);
      if (s.state !== LOADING) fireProgress(this, "loadend", 0, 0);
    }
    get readyState() { return this.#s.state; }
    get result() { return this.#s.result; }
    get error() { return this.#s.error; }
    static {
      stateOf = (r) => r.#s;
    }
  }

  // The "read operation" of the File API.
  function read(reader, given, blob, kind, method, encoding) {
    const where = `Failed to execute '${method}' on 'FileReader'`;
    const s = stateOf(reader); // brand check
    requireArgs(given, 1, where);
    const b = runtime.blobs.blobOf(blob);
    if (b === undefined) throw new TypeError(`${where}: parameter 1 is not of type 'Blob'.`);
    const label = encoding === undefined ? null : `${encoding}`;
    if (s.state === LOADING) throw new DOMException(`${where}: The object is already busy reading Blobs.`, "InvalidStateError");
    s.state = LOADING;
    s.result = null;
    s.error = null;
    const token = {};
    s.read = token;
    const bytes = b.bytes; // a Blob's bytes never change
    const total = bytes.length;
    let pos = 0;
    let lastProgress = -Infinity;
    const live = () => s.read === token;
    task(() => {
      if (!live()) return;
      fireProgress(reader, "loadstart", 0, total);
      if (live()) task(chunk);
    });
    function chunk() {
      if (!live()) return;
      if (pos < total) {
        pos = Math.min(pos + CHUNK, total);
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_MS) {
          lastProgress = now;
          fireProgress(reader, "progress", pos, total);
        }
        if (live()) task(chunk);
        return;
      }
      s.state = DONE;
      s.read = null;
      let result, type = "load";
      try {
        result = packageData(bytes, kind, b.type, label);
      } catch (error) {
        s.error = error;
        type = "error";
      }
      if (type === "load") s.result = result;
      fireProgress(reader, type, pos, total);
      // "loadend" follows unless a listener began another read. A browser runs microtasks
      // between the two (its listeners are called from an empty stack); here they run
      // between tasks, so "loadend" comes as the next task.
      if (s.state !== LOADING) task(() => fireProgress(reader, "loadend", pos, total));
    }
  }

  interfaceMembers(FileReader.prototype, "FileReader");
  for (const [name, value] of [["EMPTY", EMPTY], ["LOADING", LOADING], ["DONE", DONE]]) {
    const desc = { value, writable: false, enumerable: true, configurable: false };
    defineProperty(FileReader, name, desc);
    defineProperty(FileReader.prototype, name, desc);
  }
  for (const type of ["loadstart", "progress", "load", "abort", "error", "loadend"]) {
    defineEventHandler(FileReader.prototype, type);
  }

  defineGlobal("FileReader", FileReader);
  defineGlobal("ProgressEvent", ProgressEvent);
})();
