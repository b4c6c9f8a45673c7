// CompressionStream and DecompressionStream (https://compression.spec.whatwg.org/):
// GenericTransformStreams over the runtime's TransformStream for "deflate", "deflate-raw"
// and "gzip". The API's checks are here (the format enum, the BufferSource chunks); zlib
// runs on the host (runtime/web_compression.py), which keeps one stream per JS stream, by
// an id assigned here, until it finishes, errors, is cancelled or is garbage-collected.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { defineGlobal, interfaceMembers, isObject, requireArgs } = rt.webidl;
  // Loaded after 30_streams.js (lazy files load in order), so this is the runtime's own.
  const TransformStream = globalThis.TransformStream;
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const tsReadable = getter(TransformStream.prototype, "readable");
  const tsWritable = getter(TransformStream.prototype, "writable");
  const abByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
  const typedTag = getter(TypedArray, Symbol.toStringTag);
  const taBuffer = getter(TypedArray, "buffer");
  const taOffset = getter(TypedArray, "byteOffset");
  const taLength = getter(TypedArray, "byteLength");
  const dvBuffer = getter(DataView.prototype, "buffer");
  const dvOffset = getter(DataView.prototype, "byteOffset");
  const dvLength = getter(DataView.prototype, "byteLength");
  const isView = ArrayBuffer.isView;
  const FORMATS = ["deflate", "deflate-raw", "gzip"];

  const compression = rt.hostFunction("compression");
  let nextId = 1;
  // Ids of host streams whose JS stream was garbage-collected unfinished; sent with the
  // next host call.
  const released = [];
  const finalizer = typeof FinalizationRegistry === "function"
    ? new FinalizationRegistry((id) => { released.push(id); }) : null;
  function noop() {}
  // One host call: a sync host call answers at once, an async one (an engine without sync
  // calls) with a promise.
  function hostCall(...args) {
    if (compression === undefined) throw new TypeError("compression: the host gave this context no zlib");
    if (released.length > 0) Promise.resolve(compression("release", released.splice(0))).then(noop, noop);
    return compression(...args);
  }

  // A non-shared ArrayBuffer (the byteLength getter throws for anything else).
  function isArrayBuffer(v) {
    try { abByteLength.call(v); return true; } catch (_) { return false; }
  }
  // A DataView's byteLength getter throws when its buffer is detached (a typed array's is 0).
  function dataViewLength(view) {
    try { return dvLength.call(view); } catch (_) { return 0; }
  }
  // The bytes of a BufferSource chunk, as a view over its memory; anything else (a shared
  // buffer included, as Web IDL's BufferSource excludes it) is a TypeError. A detached
  // buffer is empty.
  function chunkBytes(chunk, where) {
    if (isView(chunk)) {
      const typed = typedTag.call(chunk) !== undefined;
      const buffer = typed ? taBuffer.call(chunk) : dvBuffer.call(chunk);
      if (isArrayBuffer(buffer)) {
        const length = typed ? taLength.call(chunk) : dataViewLength(chunk);
        if (length === 0) return new Uint8Array(0);
        return new Uint8Array(buffer, typed ? taOffset.call(chunk) : dvOffset.call(chunk), length);
      }
    } else if (isArrayBuffer(chunk)) {
      return abByteLength.call(chunk) === 0 ? new Uint8Array(0) : new Uint8Array(chunk);
    }
    throw new TypeError(`${where}: chunk is not of type '(ArrayBuffer or ArrayBufferView)'`);
  }

  // The format argument as Web IDL converts it to the CompressionFormat enum.
  function formatOf(args, where) {
    requireArgs(args.length, 1, where);
    const format = `${args[0]}`;
    if (!FORMATS.includes(format)) {
      throw new TypeError(`${where}: '${format}' is not a valid value for enumeration CompressionFormat.`);
    }
    return format;
  }

  // The TransformStream of one (de)compression stream. The transformer holds the host
  // stream's id; it lives as long as the stream's algorithms do, so its collection means
  // the stream was dropped unfinished.
  function createTransform(direction, format, where) {
    const id = nextId++;
    let spec = [direction, format]; // sent with the first host call, which opens the stream
    let open = true; // whether the host may hold a stream for this id
    const transformer = Object.create(null);
    const close = () => {
      if (!open) return false;
      open = false;
      if (finalizer !== null) finalizer.unregister(transformer);
      return true;
    };
    // Release the host's stream (if it was opened) once this one is done without finishing.
    const release = async () => {
      if (close() && spec === null) await hostCall("release", [id]);
    };
    const answer = (result, controller) => {
      if (result.error !== undefined) close();
      const out = result.ok;
      if (out !== undefined && out !== null && out.length > 0) controller.enqueue(out);
      if (result.error !== undefined) throw new TypeError(`${where}: ${result.error}`);
    };
    transformer.transform = async (chunk, controller) => {
      let bytes;
      try {
        bytes = chunkBytes(chunk, where);
      } catch (e) {
        await release();
        throw e;
      }
      if (bytes.length === 0) return; // nothing to (de)compress: no output, no error
      const first = spec;
      spec = null;
      answer(await hostCall("write", id, bytes, first), controller);
    };
    transformer.flush = async (controller) => {
      const first = spec;
      spec = null;
      close();
      answer(await hostCall("finish", id, null, first), controller);
    };
    transformer.cancel = release;
    if (finalizer !== null) finalizer.register(transformer, id, transformer);
    return new TransformStream(transformer);
  }

  let compressionOf, decompressionOf;
  class CompressionStream {
    #transform;
    constructor(format) {
      this.#transform = createTransform("compress", formatOf(arguments, "CompressionStream"), "CompressionStream");
    }
    static {
      compressionOf = (o) => {
        if (!isObject(o) || !(#transform in o)) throw new TypeError("Illegal invocation: not a CompressionStream");
        return o.#transform;
      };
    }
    get readable() { return tsReadable.call(compressionOf(this)); }
    get writable() { return tsWritable.call(compressionOf(this)); }
  }
  interfaceMembers(CompressionStream.prototype, "CompressionStream");

  class DecompressionStream {
    #transform;
    constructor(format) {
      this.#transform = createTransform("decompress", formatOf(arguments, "DecompressionStream"), "DecompressionStream");
    }
    static {
      decompressionOf = (o) => {
        if (!isObject(o) || !(#transform in o)) throw new TypeError("Illegal invocation: not a DecompressionStream");
        return o.#transform;
      };
    }
    get readable() { return tsReadable.call(decompressionOf(this)); }
    get writable() { return tsWritable.call(decompressionOf(this)); }
  }
  interfaceMembers(DecompressionStream.prototype, "DecompressionStream");

  defineGlobal("CompressionStream", CompressionStream);
  defineGlobal("DecompressionStream", DecompressionStream);
})();
