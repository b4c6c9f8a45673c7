// Request (https://fetch.spec.whatwg.org/#request-class). URLs must be absolute: there
// is no document base URL. Internals for fetch and the host go on __runtime.request.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const S = rt.streams;
  const { defineGlobal, tag, isObject, toUSV } = rt.webidl;
  const { TOKEN, byteString, parseURL } = rt.http;
  const { newHeaders, copyHeaders, fillHeaders, headersAppendRaw } = rt.headers;
  const { bodyUnusable, cloneBody, proxyBody, extractBody, addBodyMixin } = rt.body;
  const { AbortController, AbortSignal } = globalThis;
  const INTERNAL = Symbol("internal");

  const ENUMS = {
    cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
    credentials: ["omit", "same-origin", "include"],
    duplex: ["half"],
    mode: ["navigate", "same-origin", "no-cors", "cors"],
    priority: ["high", "low", "auto"],
    redirect: ["follow", "error", "manual"],
    referrerPolicy: ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
      "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"],
  };
  function enumValue(key, v) {
    const s = String(v);
    if (!ENUMS[key].includes(s)) throw new TypeError(`Request: '${s}' is not a valid value for ${key}`);
    return s;
  }
  const NORMALIZE_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const INIT_KEYS = ["body", "cache", "credentials", "duplex", "headers", "integrity", "keepalive", "method", "mode", "priority",
    "redirect", "referrer", "referrerPolicy", "signal", "window"];
  let reqOf;
  function newRequestRecord(url) {
    return {
      method: "GET", url, headers: null, headersState: null, body: null, mode: "cors", credentials: "same-origin",
      cache: "default", redirect: "follow", referrer: "client", referrerPolicy: "", integrity: "", keepalive: false,
      reloadNavigation: false, historyNavigation: false, signalSource: null, signal: null, priority: "auto",
    };
  }
  function requestSignal(rec) {
    if (rec.signal === null) {
      const src = rec.signalSource;
      rec.signal = src !== null ? AbortSignal.any([src]) : new AbortController().signal;
    }
    return rec.signal;
  }

  class Request {
    #r;
    constructor(input, init = undefined) {
      if (input === INTERNAL) { this.#r = init; return; }
      if (arguments.length < 1) throw new TypeError("Request: 1 argument required, but only 0 present");
      if (init !== undefined && init !== null && !isObject(init)) throw new TypeError("Request: init must be an object");
      const opts = {};
      let initEmpty = true;
      if (init != null) {
        for (const k of INIT_KEYS) {
          const v = init[k];
          if (v !== undefined) { opts[k] = v; initEmpty = false; }
        }
      }
      const inputRec = isObject(input) ? reqOf(input) : undefined;
      let rec, fallbackMode = null;
      if (inputRec === undefined) {
        const url = parseURL(input, "Request");
        if (url.username !== "" || url.password !== "") throw new TypeError("Request: URLs with credentials are not allowed");
        rec = newRequestRecord(url.href);
        fallbackMode = "cors";
      } else {
        rec = { ...inputRec, signal: null };
        rec.signalSource = inputRec.signal !== null ? inputRec.signal : inputRec.signalSource;
      }
      if ("window" in opts && opts.window !== null) throw new TypeError("Request: 'window' must be null");
      if (!initEmpty) {
        if (rec.mode === "navigate") rec.mode = "same-origin";
        rec.reloadNavigation = false;
        rec.historyNavigation = false;
        rec.referrer = "client";
        rec.referrerPolicy = "";
      }
      if ("referrer" in opts) {
        const referrer = toUSV(opts.referrer);
        if (referrer === "") rec.referrer = "no-referrer";
        else {
          const parsed = parseURL(referrer, "Request referrer");
          rec.referrer = parsed.href === "about:client" ? "client" : parsed.href;
        }
      }
      if ("referrerPolicy" in opts) rec.referrerPolicy = enumValue("referrerPolicy", opts.referrerPolicy);
      let mode = "mode" in opts ? enumValue("mode", opts.mode) : fallbackMode;
      if (mode === "navigate") throw new TypeError("Request: mode 'navigate' is not allowed");
      if (mode !== null) rec.mode = mode;
      if ("credentials" in opts) rec.credentials = enumValue("credentials", opts.credentials);
      if ("cache" in opts) rec.cache = enumValue("cache", opts.cache);
      if (rec.cache === "only-if-cached" && rec.mode !== "same-origin") {
        throw new TypeError("Request: cache 'only-if-cached' requires mode 'same-origin'");
      }
      if ("redirect" in opts) rec.redirect = enumValue("redirect", opts.redirect);
      if ("integrity" in opts) rec.integrity = String(opts.integrity);
      if ("keepalive" in opts) rec.keepalive = !!opts.keepalive;
      if ("priority" in opts) rec.priority = enumValue("priority", opts.priority);
      if ("duplex" in opts) enumValue("duplex", opts.duplex);
      if ("method" in opts) {
        let method = byteString(opts.method, "Request");
        if (!TOKEN.test(method)) throw new TypeError(`Request: '${method}' is not a valid HTTP method`);
        const upper = method.toUpperCase();
        if (upper === "CONNECT" || upper === "TRACE" || upper === "TRACK") throw new TypeError(`Request: '${method}' HTTP method is unsupported`);
        if (NORMALIZE_METHODS.has(upper)) method = upper;
        rec.method = method;
      }
      if ("signal" in opts) {
        const signal = opts.signal;
        if (signal !== null && !(signal instanceof AbortSignal)) {
          throw new TypeError("Request: 'signal' must be an AbortSignal");
        }
        rec.signalSource = signal;
      }
      // headers
      const guard = rec.mode === "no-cors" ? "request-no-cors" : "request";
      if (rec.mode === "no-cors" && rec.method !== "GET" && rec.method !== "HEAD" && rec.method !== "POST") {
        throw new TypeError(`Request: '${rec.method}' is unsupported in no-cors mode`);
      }
      let headersPub, h;
      if (inputRec !== undefined && !("headers" in opts)) {
        [headersPub, h] = copyHeaders(inputRec.headersState, guard);
      } else {
        [headersPub, h] = newHeaders(guard);
        if ("headers" in opts) fillHeaders(h, opts.headers);
      }
      rec.headers = headersPub;
      rec.headersState = h;
      // body
      const inputBody = inputRec !== undefined ? inputRec.body : null;
      const hasInitBody = "body" in opts && opts.body !== null;
      if ((hasInitBody || inputBody !== null) && (rec.method === "GET" || rec.method === "HEAD")) {
        throw new TypeError("Request with GET/HEAD method cannot have body");
      }
      let initBody = null;
      if (hasInitBody) {
        if (rec.keepalive && S.rsOf(opts.body)) throw new TypeError("Request: keepalive requests cannot have a ReadableStream body");
        const [body, type] = extractBody(opts.body);
        initBody = body;
        if (type !== null && !h.map.has("content-type")) headersAppendRaw(h, "content-type", type);
      }
      const inputOrInitBody = initBody !== null ? initBody : inputBody;
      if (inputOrInitBody !== null && !inputOrInitBody.known) {
        if (initBody !== null && !("duplex" in opts)) {
          throw new TypeError("Request: the 'duplex' member must be specified for a request with a streaming body");
        }
        if (rec.mode !== "same-origin" && rec.mode !== "cors") {
          throw new TypeError("Request: a streaming body needs mode 'same-origin' or 'cors'");
        }
      }
      let finalBody = inputOrInitBody;
      if (initBody === null && inputBody !== null) {
        if (bodyUnusable(inputBody)) throw new TypeError("Request: cannot construct a Request with a Request whose body is already used");
        finalBody = proxyBody(inputBody);
      }
      rec.body = finalBody;
      this.#r = rec;
    }
    static {
      reqOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    get method() { return mustReq(this).method; }
    get url() { return mustReq(this).url; }
    get headers() { return mustReq(this).headers; }
    get destination() { mustReq(this); return ""; }
    get referrer() {
      const r = mustReq(this).referrer;
      return r === "no-referrer" ? "" : r === "client" ? "about:client" : r;
    }
    get referrerPolicy() { return mustReq(this).referrerPolicy; }
    get mode() { return mustReq(this).mode; }
    get credentials() { return mustReq(this).credentials; }
    get cache() { return mustReq(this).cache; }
    get redirect() { return mustReq(this).redirect; }
    get integrity() { return mustReq(this).integrity; }
    get keepalive() { return mustReq(this).keepalive; }
    get isReloadNavigation() { return mustReq(this).reloadNavigation; }
    get isHistoryNavigation() { return mustReq(this).historyNavigation; }
    get signal() { return requestSignal(mustReq(this)); }
    get duplex() { mustReq(this); return "half"; }
    clone() {
      const rec = mustReq(this);
      if (bodyUnusable(rec.body)) throw new TypeError("Request.clone: the body has already been used");
      const copy = { ...rec, signal: null };
      copy.signalSource = requestSignal(rec) || null;
      [copy.headers, copy.headersState] = copyHeaders(rec.headersState, rec.headersState.guard);
      copy.body = rec.body === null ? null : cloneBody(rec.body);
      return new Request(INTERNAL, copy);
    }
  }
  function mustReq(o) {
    const r = reqOf(o);
    if (!r) throw new TypeError("Illegal invocation: not a Request");
    return r;
  }
  tag(Request, "Request");
  rt.webidl.inspectAs(Request, rt.webidl.fields([
    "method", "url", "headers", "destination", "referrer", "referrerPolicy", "mode", "credentials", "cache",
    "redirect", "integrity", "keepalive", "isReloadNavigation", "isHistoryNavigation", "signal",
  ]));
  addBodyMixin(Request, mustReq);

  defineGlobal("Request", Request);

  rt.request = {
    Request,
    reqOf,
    newRequestRecord,
    NORMALIZE_METHODS,
    fromRecord: (rec) => new Request(INTERNAL, rec),
  };
})();
