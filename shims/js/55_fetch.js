// fetch (https://fetch.spec.whatwg.org/#fetch-method). There is no network: fetch rejects
// with a TypeError unless the host installs __runtime.fetchHook (a function taking a
// Request and returning a Response or a promise of one).
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { Request } = rt.request;
  const resolved = (v) => Promise.resolve(v);
  const rejected = (e) => Promise.reject(e);

  function fetch(input, init = undefined) {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return rejected(e);
    }
    // The request's signal aborts the fetch: at once if it already has, else whenever it
    // does before the answer, rejecting with its reason (an AbortError by default).
    const signal = request.signal;
    if (signal.aborted) return rejected(signal.reason);
    const hook = rt.fetchHook;
    if (typeof hook !== "function") return rejected(new TypeError("fetch is not available in this runtime"));
    return new Promise((resolve, reject) => {
      const { addAlgorithm, removeAlgorithm } = rt.abort;
      const onAbort = () => reject(signal.reason);
      addAlgorithm(signal, onAbort);
      const settle = (fn) => (value) => {
        removeAlgorithm(signal, onAbort);
        fn(value);
      };
      try {
        resolved(hook(request)).then(settle(resolve), settle(reject));
      } catch (e) {
        settle(reject)(e);
      }
    });
  }

  rt.webidl.defineGlobal("fetch", fetch);
})();
