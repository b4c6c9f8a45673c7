// navigator (HTML): the user agent is "runtime/<engine>".
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag } = runtime.webidl;
  const ILLEGAL = Symbol("illegal constructor");

  const userAgent = "runtime/" + runtime.engine;
  class Navigator {
    constructor(key = undefined) { if (key !== ILLEGAL) throw new TypeError("Illegal constructor"); }
    get userAgent() { return userAgent; }
    get language() { return "en-US"; }
    get languages() { return ["en-US"]; }
  }
  tag(Navigator, "Navigator");

  defineGlobal("Navigator", Navigator);
  defineGlobal("navigator", new Navigator(ILLEGAL));
})();
