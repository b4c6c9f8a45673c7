// WebAssembly's promise API (WebAssembly JS API and Web API), the same on every engine.
// compile and instantiate settle through the engine's synchronous compiler: an engine may
// finish an asynchronous compile on a thread of its own and hand the result to an event
// loop the runtime does not run, and then the promise would never settle. Members only
// one engine ships (proposals) are removed, so every engine has the same namespace.
(function () {
  "use strict";
  const WA = globalThis.WebAssembly;
  if (typeof WA !== "object" || WA === null) return;
  const { Module, Instance } = WA;
  const defineProperty = Object.defineProperty;
  const isView = ArrayBuffer.isView;
  const toStringTag = Object.prototype.toString;

  for (const name of ["Suspending", "promising", "SuspendError", "Function"]) delete WA[name];

  function method(name, length, fn) {
    defineProperty(fn, "name", { value: name, configurable: true });
    defineProperty(fn, "length", { value: length, configurable: true });
    defineProperty(WA, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  function isBufferSource(x) {
    return isView(x) || toStringTag.call(x) === "[object ArrayBuffer]" || toStringTag.call(x) === "[object SharedArrayBuffer]";
  }
  // Runs fn now (the bytes are copied by the compiler before this returns, as the spec
  // requires) and settles the promise with its outcome.
  function settle(fn) {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  }
  function compile(bytes) {
    return settle(() => {
      if (!isBufferSource(bytes)) throw new TypeError("WebAssembly.compile(): Argument 0 must be a buffer source");
      return new Module(bytes);
    });
  }
  function instantiateModule(module, imports) {
    if (imports !== undefined && (imports === null || typeof imports !== "object")) {
      throw new TypeError("WebAssembly.instantiate(): Argument 1 must be an object");
    }
    return new Instance(module, imports);
  }

  method("compile", 1, function compile_(bytes) { return compile(bytes); });
  method("instantiate", 1, function instantiate(source, importObject = undefined) {
    if (source instanceof Module) return settle(() => instantiateModule(source, importObject));
    return compile(source).then((module) => ({ module, instance: instantiateModule(module, importObject) }));
  });

  // The streaming forms take a Response (or a promise of one) served as application/wasm.
  async function responseBytes(source, name) {
    const response = await source;
    if (!(response instanceof globalThis.Response)) {
      throw new TypeError(`WebAssembly.${name}(): Argument 0 must be a Response or a promise of one`);
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
    if (type !== "application/wasm") {
      throw new TypeError(`WebAssembly.${name}(): the response's MIME type is ${JSON.stringify(type)}, not "application/wasm"`);
    }
    if (!response.ok) throw new TypeError(`WebAssembly.${name}(): the response's status is ${response.status}`);
    if (response.bodyUsed) throw new TypeError(`WebAssembly.${name}(): the response body is already used`);
    return response.arrayBuffer();
  }
  method("compileStreaming", 1, function compileStreaming(source) {
    return responseBytes(source, "compileStreaming").then(compile);
  });
  method("instantiateStreaming", 1, function instantiateStreaming(source, importObject = undefined) {
    return responseBytes(source, "instantiateStreaming").then(compile)
      .then((module) => ({ module, instance: instantiateModule(module, importObject) }));
  });
})();
