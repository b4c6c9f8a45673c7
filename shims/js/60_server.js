// What a host reads and makes of fetch objects, on __runtime.fetch: the HTTP server's
// requests, aborts and response bodies (runtime/server/worker/runner.js), and a Response as plain
// data. Not part of any web API.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { TOKEN, parseURL } = rt.http;
  const { newHeaders, sortAndCombine, normalizeValue, validateName, validateValue } = rt.headers;
  const { bodyFromBytes, bodyFromText, isUsed, readBody } = rt.body;
  const { reqOf, newRequestRecord, NORMALIZE_METHODS, fromRecord } = rt.request;
  const { resOf, mustRes } = rt.response;
  const resolved = (v) => Promise.resolve(v);
  const rejected = (e) => Promise.reject(e);

  rt.fetch = {
    // [status, statusText, [[name, value]...]] of a Response.
    responseHead(response) {
      const r = mustRes(response);
      return [r.status, r.statusText, sortAndCombine(r.headersState).map((p) => [p[0], p[1]])];
    },
    // The whole body as a Uint8Array (or null for a null body), as a promise.
    readBody(message) {
      const rec = resOf(message) || reqOf(message);
      if (!rec) return rejected(new TypeError("not a Request or Response"));
      return rec.body === null ? resolved(null) : readBody(rec.body);
    },
    // The body of a Response as a string, when it is known without reading it: the
    // Response was made with a string or no body, or by Response.json(), and its body is
    // not used. Else undefined.
    syncBody(response) {
      const r = resOf(response);
      if (r === undefined || r.syncText === undefined || isUsed(r.body)) return undefined;
      if (r.body !== null && r.body.stream !== null && rt.streams.isLocked(r.body.stream)) return undefined;
      return r.syncText.toWellFormed();
    },
    // True when the Response's body came from a ReadableStream (a host should stream
    // it); bytes, strings, Blobs and FormData have a known length, and so has the unread
    // stream of such a body taken over by another Response.
    hasStreamBody(response) {
      const r = mustRes(response);
      if (r.body === null || r.body.known) return false;
      const stream = r.body.stream;
      if (stream === null) return false; // read already: unusable, as reading it says
      return stream.knownLength === undefined || stream.disturbed || rt.streams.isLocked(stream);
    },
    // Abort a Request's signal (a server's client went away): now if the handler has
    // taken the signal, else when it first does.
    abortRequest(request, reason) {
      const rec = reqOf(request);
      if (!rec) return;
      if (rec.signal !== null) rt.abort.signalAbort(rec.signal, reason);
      else rec.signalSource = AbortSignal.abort(reason);
    },
    // A Request for a server from parts its HTTP parser already checked: the same object
    // `new Request(url, {method, headers, body})` makes, without the init dictionary's
    // option-by-option processing (one such request per HTTP request).
    serverRequest(url, method, headerPairs, body) {
      const rec = newRequestRecord(parseURL(url, "Request").href);
      if (!TOKEN.test(method)) throw new TypeError(`Request: '${method}' is not a valid HTTP method`);
      const upper = method.toUpperCase();
      rec.method = NORMALIZE_METHODS.has(upper) ? upper : method;
      const [pub, h] = newHeaders("request");
      for (const pair of headerPairs) {
        const value = normalizeValue(pair[1]);
        validateValue(value, validateName(pair[0]));
        const lower = pair[0].toLowerCase();
        const list = h.map.get(lower);
        if (list === undefined) h.map.set(lower, [value]);
        else if (lower === "cookie") list[0] += "; " + value; // one cookie-string (RFC 9113 8.2.3)
        else list.push(value);
      }
      rec.headers = pub;
      rec.headersState = h;
      if (body !== null && body !== undefined) {
        if (rec.method === "GET" || rec.method === "HEAD") throw new TypeError("Request with GET/HEAD method cannot have body");
        rec.body = typeof body === "string" ? bodyFromText(body.toWellFormed()) : bodyFromBytes(body);
      }
      return fromRecord(rec);
    },
  };
})();
