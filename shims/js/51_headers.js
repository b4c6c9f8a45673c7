// Headers (https://fetch.spec.whatwg.org/#headers-class), with the guards of requests and
// responses. No header name is forbidden (as in Deno, Node and Workers: Host, Cookie,
// Set-Cookie... may be set). Internals for the other fetch files go on __runtime.headers.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { defineGlobal, tag, pairIterable, isObject } = rt.webidl;
  const { TOKEN, HTTP_WS_EDGES, BAD_VALUE, byteString, collectQuoted, parseMime } = rt.http;
  const INTERNAL = Symbol("internal");

  let headersOf; // Headers -> {map: Map<lower, {values}>, guard, sorted}
  function newHeadersState(guard) { return { map: new Map(), guard, sorted: null }; }
  function normalizeValue(v) {
    const s = String(v);
    return s.replace(HTTP_WS_EDGES, "");
  }
  function validateName(name) {
    name = String(name);
    if (!TOKEN.test(name)) throw new TypeError(`Headers: '${name}' is not a valid header name`);
    return name;
  }
  function validateValue(value, name) {
    if (BAD_VALUE.test(value)) throw new TypeError(`Headers: invalid value for header '${name}'`);
    return value;
  }
  const NO_CORS_NAMES = new Set(["accept", "accept-language", "content-language", "content-type"]);
  function corsSafelisted(lower, value) {
    if (value.length > 128) return false;
    switch (lower) {
      case "accept":
        return !/[\x00-\x08\x0A-\x1F"():<>?@[\\\]{}\x7F]/.test(value);
      case "accept-language":
      case "content-language":
        return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
      case "content-type": {
        if (/[\x00-\x08\x0A-\x1F"():<>?@[\\\]{}\x7F]/.test(value)) return false;
        const m = parseMime(value);
        if (m === null) return false;
        const e = m.type + "/" + m.subtype;
        return e === "application/x-www-form-urlencoded" || e === "multipart/form-data" || e === "text/plain";
      }
    }
    return false;
  }
  function headersAppendRaw(h, lower, value) {
    const entry = h.map.get(lower);
    if (entry) entry.push(value);
    else h.map.set(lower, [value]);
    h.sorted = null;
  }
  function headersGet(h, lower) {
    const values = h.map.get(lower);
    return values === undefined ? null : values.join(", ");
  }
  function checkGuard(h) {
    if (h.guard === "immutable") throw new TypeError("Headers are immutable");
  }
  function headersAppend(h, name, value) {
    value = normalizeValue(value);
    name = validateName(name);
    validateValue(value, name);
    checkGuard(h);
    const lower = name.toLowerCase();
    if (h.guard === "request-no-cors") {
      const existing = headersGet(h, lower);
      const temp = existing === null ? value : existing + ", " + value;
      if (!NO_CORS_NAMES.has(lower) || !corsSafelisted(lower, temp)) return;
    }
    headersAppendRaw(h, lower, value);
  }
  function sortAndCombine(h) {
    if (h.sorted !== null) return h.sorted;
    const names = [...h.map.keys()].sort();
    const out = [];
    for (const name of names) {
      const values = h.map.get(name);
      if (name === "set-cookie") for (const v of values) out.push([name, v]);
      else out.push([name, values.join(", ")]);
    }
    h.sorted = out;
    return out;
  }
  function fillHeaders(h, init) {
    if (!isObject(init)) throw new TypeError("Headers: init must be a sequence of pairs or a record");
    const iter = init[Symbol.iterator];
    const other = headersOf(init);
    if (other && iter === headersIterator) {
      for (const [lower, values] of other.map) for (const v of values) headersAppend(h, lower, v);
      return;
    }
    if (iter !== undefined && iter !== null) {
      if (typeof iter !== "function") throw new TypeError("Headers: init[Symbol.iterator] is not a function");
      const pairs = [];
      for (const pair of iter.call(init)) {
        if (!isObject(pair) || typeof pair[Symbol.iterator] !== "function") {
          throw new TypeError("Headers: each header must be a sequence of [name, value]");
        }
        const p = [...pair];
        if (p.length !== 2) throw new TypeError("Headers: each header must be a [name, value] pair");
        pairs.push([byteString(p[0], "Headers"), byteString(p[1], "Headers")]);
      }
      for (const [n, v] of pairs) headersAppend(h, n, v);
      return;
    }
    const pairs = [];
    for (const key of Reflect.ownKeys(init)) {
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      if (typeof key === "symbol") throw new TypeError("Headers: a record key cannot be a Symbol");
      pairs.push([byteString(key, "Headers"), byteString(init[key], "Headers")]);
    }
    for (const [n, v] of pairs) headersAppend(h, n, v);
  }

  class Headers {
    #h;
    constructor(init = undefined) {
      if (init === INTERNAL) { this.#h = arguments[1]; return; }
      this.#h = newHeadersState("none");
      if (init !== undefined) fillHeaders(this.#h, init);
    }
    static {
      headersOf = (o) => (isObject(o) && #h in o ? o.#h : undefined);
    }
    append(name, value) {
      const h = mustHeaders(this);
      if (arguments.length < 2) throw new TypeError("Headers.append: 2 arguments required");
      headersAppend(h, byteString(name, "Headers.append"), byteString(value, "Headers.append"));
    }
    delete(name) {
      const h = mustHeaders(this);
      if (arguments.length < 1) throw new TypeError("Headers.delete: 1 argument required");
      const lower = validateName(byteString(name, "Headers.delete")).toLowerCase();
      checkGuard(h);
      if (h.guard === "request-no-cors" && !NO_CORS_NAMES.has(lower)) return;
      if (h.map.delete(lower)) h.sorted = null;
    }
    get(name) {
      const h = mustHeaders(this);
      if (arguments.length < 1) throw new TypeError("Headers.get: 1 argument required");
      return headersGet(h, validateName(byteString(name, "Headers.get")).toLowerCase());
    }
    getSetCookie() {
      const values = mustHeaders(this).map.get("set-cookie");
      return values === undefined ? [] : values.slice();
    }
    has(name) {
      const h = mustHeaders(this);
      if (arguments.length < 1) throw new TypeError("Headers.has: 1 argument required");
      return h.map.has(validateName(byteString(name, "Headers.has")).toLowerCase());
    }
    set(name, value) {
      const h = mustHeaders(this);
      if (arguments.length < 2) throw new TypeError("Headers.set: 2 arguments required");
      value = normalizeValue(byteString(value, "Headers.set"));
      name = validateName(byteString(name, "Headers.set"));
      validateValue(value, name);
      checkGuard(h);
      const lower = name.toLowerCase();
      if (h.guard === "request-no-cors" && (!NO_CORS_NAMES.has(lower) || !corsSafelisted(lower, value))) return;
      h.map.set(lower, [value]);
      h.sorted = null;
    }
  }
  function mustHeaders(o) {
    const h = headersOf(o);
    if (!h) throw new TypeError("Illegal invocation: not a Headers");
    return h;
  }
  tag(Headers, "Headers");
  rt.webidl.inspectAs(Headers, (self) => {
    const out = {};
    for (const [k, v] of self) out[k] = k in out ? [].concat(out[k], v) : v;
    return out;
  });
  pairIterable(Headers, "Headers Iterator", (o) => { const h = mustHeaders(o); return () => sortAndCombine(h); });
  // A Headers init whose @@iterator is this one is copied directly; any other iterates.
  const headersIterator = Headers.prototype[Symbol.iterator];
  function newHeaders(guard) {
    const h = newHeadersState(guard);
    return [new Headers(INTERNAL, h), h];
  }
  function copyHeaders(src, guard) {
    const [pub, h] = newHeaders(guard);
    for (const [k, values] of src.map) h.map.set(k, values.slice());
    return [pub, h];
  }

  // "extract a MIME type" from a Headers' content-type values (comma-split, quote-aware).
  function extractMime(h) {
    const combined = headersGet(h, "content-type");
    if (combined === null) return null;
    const values = [];
    let pos = 0, cur = "";
    while (pos < combined.length) {
      const ch = combined[pos];
      if (ch === '"') {
        const start = pos;
        [, pos] = collectQuoted(combined, pos);
        cur += combined.slice(start, pos);
      } else if (ch === ",") {
        values.push(cur); cur = ""; pos++;
      } else {
        cur += ch; pos++;
      }
    }
    values.push(cur);
    let charset = null, essence = null, mime = null;
    for (const v of values) {
      const t = parseMime(v);
      if (t === null || (t.type === "*" && t.subtype === "*")) continue;
      const e = t.type + "/" + t.subtype;
      mime = t;
      if (e !== essence) {
        charset = null;
        if (t.params.has("charset")) charset = t.params.get("charset");
        essence = e;
      } else if (!t.params.has("charset") && charset !== null) {
        t.params.set("charset", charset);
      }
    }
    return mime;
  }

  defineGlobal("Headers", Headers);

  rt.headers = {
    newHeaders, copyHeaders, fillHeaders, headersAppendRaw, sortAndCombine, extractMime,
    normalizeValue, validateName, validateValue,
  };
})();
