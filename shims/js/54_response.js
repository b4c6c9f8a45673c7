// Response (https://fetch.spec.whatwg.org/#response-class). Internals for fetch and the
// host go on __runtime.response.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { defineGlobal, tag, isObject } = rt.webidl;
  const { REASON_PHRASE, byteString, parseURL } = rt.http;
  const { newHeaders, copyHeaders, fillHeaders, headersAppendRaw } = rt.headers;
  const { bodyFromText, bodyUnusable, cloneBody, extractBody, addBodyMixin } = rt.body;
  const INTERNAL = Symbol("internal");

  const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
  let resOf;
  function unsignedShort(v) {
    const n = Number(v);
    if (n !== n || !isFinite(n)) return 0;
    const t = Math.trunc(n) % 65536;
    return t < 0 ? t + 65536 : t;
  }
  function newResponseRecord() {
    return {
      type: "default", status: 200, statusText: "", headers: null, headersState: null, body: null, urlList: [],
      redirected: false,
      // The body as a string, when the constructor or Response.json was given one (or no
      // body: ""): a host may send it as it is while the body is unused.
      syncText: undefined,
    };
  }
  // "initialize a response"
  function initializeResponse(rec, init, bodyAndType) {
    if (init !== undefined && init !== null && !isObject(init)) throw new TypeError("Response: init must be an object");
    const headersInit = init == null ? undefined : init.headers;
    const statusRaw = init == null ? undefined : init.status;
    const statusTextRaw = init == null ? undefined : init.statusText;
    const status = statusRaw === undefined ? 200 : unsignedShort(statusRaw);
    const statusText = statusTextRaw === undefined ? "" : byteString(statusTextRaw, "Response");
    if (status < 200 || status > 599) throw new RangeError(`Response: status ${status} is outside the range [200, 599]`);
    if (!REASON_PHRASE.test(statusText)) throw new TypeError("Response: invalid statusText");
    rec.status = status;
    rec.statusText = statusText;
    if (headersInit !== undefined) fillHeaders(rec.headersState, headersInit);
    if (bodyAndType !== null) {
      if (NULL_BODY_STATUS.has(status)) throw new TypeError(`Response with null body status ${status} cannot have body`);
      rec.body = bodyAndType[0];
      const type = bodyAndType[1];
      if (type !== null && !rec.headersState.map.has("content-type")) headersAppendRaw(rec.headersState, "content-type", type);
    }
  }
  class Response {
    #r;
    constructor(body = null, init = undefined) {
      if (body === INTERNAL) { this.#r = init; return; }
      const rec = newResponseRecord();
      [rec.headers, rec.headersState] = newHeaders("response");
      const bodyWithType = body !== null && body !== undefined ? extractBody(body) : null;
      initializeResponse(rec, init, bodyWithType);
      if (bodyWithType === null) rec.syncText = "";
      else if (typeof body === "string") rec.syncText = body;
      this.#r = rec;
    }
    static {
      resOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    static error() {
      const rec = newResponseRecord();
      rec.type = "error";
      rec.status = 0;
      [rec.headers, rec.headersState] = newHeaders("immutable");
      return new Response(INTERNAL, rec);
    }
    static redirect(url, status = 302) {
      if (arguments.length < 1) throw new TypeError("Response.redirect: 1 argument required");
      const parsed = parseURL(url, "Response.redirect");
      status = unsignedShort(status);
      if (!REDIRECT_STATUS.has(status)) throw new RangeError(`Response.redirect: invalid redirect status ${status}`);
      const rec = newResponseRecord();
      rec.status = status;
      [rec.headers, rec.headersState] = newHeaders("immutable");
      headersAppendRaw(rec.headersState, "location", parsed.href);
      return new Response(INTERNAL, rec);
    }
    static json(data, init = undefined) {
      if (arguments.length < 1) throw new TypeError("Response.json: 1 argument required");
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError("Response.json: the data is not JSON serializable");
      const rec = newResponseRecord();
      [rec.headers, rec.headersState] = newHeaders("response");
      initializeResponse(rec, init, [bodyFromText(text), "application/json"]);
      rec.syncText = text;
      return new Response(INTERNAL, rec);
    }
    get type() { return mustRes(this).type; }
    get url() {
      const list = mustRes(this).urlList;
      if (list.length === 0) return "";
      const u = list[list.length - 1];
      const hash = u.indexOf("#");
      return hash < 0 ? u : u.slice(0, hash);
    }
    get redirected() { return mustRes(this).redirected; }
    get status() { return mustRes(this).status; }
    get ok() { const s = mustRes(this).status; return s >= 200 && s <= 299; }
    get statusText() { return mustRes(this).statusText; }
    get headers() { return mustRes(this).headers; }
    clone() {
      const rec = mustRes(this);
      if (bodyUnusable(rec.body)) throw new TypeError("Response.clone: the body has already been used");
      const copy = { ...rec, urlList: rec.urlList.slice() };
      [copy.headers, copy.headersState] = copyHeaders(rec.headersState, rec.headersState.guard);
      copy.body = rec.body === null ? null : cloneBody(rec.body);
      return new Response(INTERNAL, copy);
    }
  }
  function mustRes(o) {
    const r = resOf(o);
    if (!r) throw new TypeError("Illegal invocation: not a Response");
    return r;
  }
  tag(Response, "Response");
  rt.webidl.inspectAs(Response, rt.webidl.fields([
    "status", "statusText", "headers", "body", "bodyUsed", "ok", "redirected", "type", "url",
  ]));
  addBodyMixin(Response, mustRes);

  defineGlobal("Response", Response);

  rt.response = { resOf, mustRes };
})();
