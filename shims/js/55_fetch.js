// fetch (https://fetch.spec.whatwg.org/#fetch-method). data: and blob: URLs are fetched
// here (the spec's "scheme fetch"); there is no network: any other URL rejects with a
// TypeError unless the host installs __runtime.fetchHook (a function taking a Request and
// returning a Response or a promise of one).
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
    const scheme = request.url.slice(0, 5).toLowerCase();
    if (scheme === "data:") return local(() => fetchData(request));
    if (scheme === "blob:") return local(() => fetchBlob(request));
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

  function local(make) {
    try {
      return resolved(make());
    } catch (e) {
      return rejected(e);
    }
  }
  const networkError = (url, why) => new TypeError(`fetch failed: ${url}: ${why}`);

  // The data: URL processor (Fetch 4.2.1): its MIME type and the bytes after the comma,
  // percent-decoded, then forgiving-base64 decoded where the type ends with ";base64".
  function fetchData(request) {
    const url = request.url.replace(/#.*$/s, "");
    const input = url.slice(5);
    const comma = input.indexOf(",");
    if (comma < 0) throw networkError("data: URL", "no comma");
    let mimeType = input.slice(0, comma).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "");
    let body = percentDecode(input.slice(comma + 1));
    const base64 = /;[ ]*base64$/i.exec(mimeType);
    if (base64) {
      mimeType = mimeType.slice(0, base64.index);
      let text = "";
      for (let i = 0; i < body.length; i++) text += String.fromCharCode(body[i]);
      try {
        text = globalThis.atob(text);
      } catch (_) {
        throw networkError("data: URL", "its base64 is not valid");
      }
      body = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) body[i] = text.charCodeAt(i);
    }
    if (mimeType.startsWith(";")) mimeType = "text/plain" + mimeType;
    const parsed = rt.http.parseMime(mimeType);
    const type = parsed === null ? "text/plain;charset=US-ASCII" : rt.http.serializeMime(parsed);
    return fetched(request, new Response(body, { status: 200, statusText: "OK", headers: { "Content-Type": type } }));
  }
  function percentDecode(text) {
    const bytes = new TextEncoder().encode(text);
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 37 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out[n++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
        i += 2;
      } else {
        out[n++] = b;
      }
    }
    return out.subarray(0, n);
  }
  function isHex(b) { return (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102); }

  // A blob: URL (Fetch 4.2, "blob"): GET of a Blob URL.createObjectURL made.
  function fetchBlob(request) {
    const blob = rt.blobs.resolveURL(request.url);
    if (request.method !== "GET" || blob === undefined) {
      throw networkError(request.url, request.method !== "GET" ? "only GET reads a blob: URL" : "no such blob URL");
    }
    const headers = { "Content-Length": String(blob.size) };
    if (blob.type) headers["Content-Type"] = blob.type;
    return fetched(request, new Response(blob, { status: 200, statusText: "OK", headers }));
  }
  // A response of a fetch: its URL is the request's, its fragment left out.
  function fetched(request, response) {
    rt.response.mustRes(response).urlList = [request.url.replace(/#.*$/s, "")];
    return response;
  }

  rt.webidl.defineGlobal("fetch", fetch);
})();
