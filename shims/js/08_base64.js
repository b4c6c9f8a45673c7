// atob and btoa: the HTML forgiving-base64 decode and encode, over Latin-1 strings.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, requireArgs } = runtime.webidl;
  const DOMException = globalThis.DOMException;
  const fromCharCode = String.fromCharCode;
  const CHUNK = 8192; // code units per String.fromCharCode call

  function invalidChar(msg) {
    return new DOMException(msg, "InvalidCharacterError");
  }
  function btoa(data) {
    requireArgs(arguments.length, 1, "Failed to execute 'btoa'");
    const s = String(data);
    const n = s.length;
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) throw invalidChar("Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.");
      bytes[i] = c;
    }
    return runtime.bytesToBase64(bytes);
  }
  const B64_OK = /^[A-Za-z0-9+/]*$/;
  function atob(data) {
    requireArgs(arguments.length, 1, "Failed to execute 'atob'");
    let s = String(data).replace(/[\t\n\f\r ]+/g, "");
    if (s.length % 4 === 0) {
      if (s.endsWith("==")) s = s.slice(0, -2);
      else if (s.endsWith("=")) s = s.slice(0, -1);
    }
    if (s.length % 4 === 1 || !B64_OK.test(s)) {
      throw invalidChar("Failed to execute 'atob': The string to be decoded is not correctly encoded.");
    }
    const bytes = runtime.base64ToBytes(s);
    let out = "";
    for (let p = 0; p < bytes.length; p += CHUNK) {
      out += fromCharCode.apply(null, bytes.subarray(p, Math.min(bytes.length, p + CHUNK)));
    }
    return out;
  }

  defineGlobal("atob", atob);
  defineGlobal("btoa", btoa);
})();
