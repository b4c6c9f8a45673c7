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
    try {
      const request = new Request(input, init);
      const hook = rt.fetchHook;
      if (typeof hook === "function") return resolved(hook(request));
      return rejected(new TypeError("fetch is not available in this runtime"));
    } catch (e) {
      return rejected(e);
    }
  }

  rt.webidl.defineGlobal("fetch", fetch);
})();
