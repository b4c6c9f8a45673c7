// @lazy-globals Headers Request Response fetch
// @lazy-internals fetch
// Fetch (https://fetch.spec.whatwg.org/): Headers, Request, Response and the Body mixin,
// with multipart/form-data and application/x-www-form-urlencoded encoding and parsing.
// There is no network: `fetch` rejects with a TypeError unless the host installs
// __runtime.fetchHook (a function taking a Request and returning a Response or a promise).
//
// Server-runtime deviations from the browser spec (as in Deno, Node and Workers):
// no forbidden request/response header names (Host, Cookie, Set-Cookie... may be set), and
// URLs must be absolute (there is no document base URL: relative URLs throw TypeError).
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const S = rt.streams;
  const B = rt.blobs;
  const INTERNAL = S.INTERNAL;
  const { utf8Encode, utf8Decode, define, tag, toUSV } = { ...S, toUSV: B.toUSV };
  const resolved = (v) => Promise.resolve(v);
  const rejected = (e) => Promise.reject(e);
  function isObject(v) { return (typeof v === "object" && v !== null) || typeof v === "function"; }

  // ---------------------------------------------------------------- HTTP grammar
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const HTTP_WS_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  const BAD_VALUE = /[\0\r\n]|[^\x00-\xFF]/;
  const REASON_PHRASE = /^[\t\x20-\x7E\x80-\xFF]*$/;
  const QUOTED_OK = /^[\t\x20-\x7E\x80-\xFF]*$/;
  function byteString(v, what) {
    const s = String(v);
    if (/[^\x00-\xFF]/.test(s)) throw new TypeError(`${what}: '${s}' is not a valid ByteString`);
    return s;
  }

  // ---------------------------------------------------------------- MIME types (mimesniff)
  function collectQuoted(input, pos) {
    let value = "";
    pos++;
    for (;;) {
      const start = pos;
      while (pos < input.length && input[pos] !== '"' && input[pos] !== "\\") pos++;
      value += input.slice(start, pos);
      if (pos >= input.length) break;
      const q = input[pos++];
      if (q === "\\") {
        if (pos >= input.length) { value += "\\"; break; }
        value += input[pos++];
      } else {
        break;
      }
    }
    return [value, pos];
  }
  function parseMime(input) {
    input = input.replace(HTTP_WS_EDGES, "");
    const slash = input.indexOf("/");
    if (slash < 0) return null;
    const type = input.slice(0, slash);
    if (!TOKEN.test(type)) return null;
    let semi = input.indexOf(";", slash + 1);
    if (semi < 0) semi = input.length;
    const subtype = input.slice(slash + 1, semi).replace(/[\t\n\r ]+$/, "");
    if (!TOKEN.test(subtype)) return null;
    const mime = { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params: new Map() };
    let pos = semi;
    while (pos < input.length) {
      pos++;
      while (pos < input.length && " \t\n\r".includes(input[pos])) pos++;
      let start = pos;
      while (pos < input.length && input[pos] !== ";" && input[pos] !== "=") pos++;
      const name = input.slice(start, pos).toLowerCase();
      if (pos < input.length) {
        if (input[pos] === ";") continue;
        pos++;
      }
      if (pos >= input.length) break;
      let value;
      if (input[pos] === '"') {
        [value, pos] = collectQuoted(input, pos);
        while (pos < input.length && input[pos] !== ";") pos++;
      } else {
        start = pos;
        while (pos < input.length && input[pos] !== ";") pos++;
        value = input.slice(start, pos).replace(/[\t\n\r ]+$/, "");
        if (value === "") continue;
      }
      if (name !== "" && TOKEN.test(name) && QUOTED_OK.test(value) && !mime.params.has(name)) mime.params.set(name, value);
    }
    return mime;
  }
  function serializeMime(m) {
    let out = m.type + "/" + m.subtype;
    for (const [name, value] of m.params) {
      out += ";" + name + "=" + (TOKEN.test(value) ? value : '"' + value.replace(/(["\\])/g, "\\$1") + '"');
    }
    return out;
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

  // ================================================================ Headers
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
    const other = headersOf(init);
    if (other) {
      for (const [lower, values] of other.map) for (const v of values) headersAppend(h, lower, v);
      return;
    }
    const iter = init[Symbol.iterator];
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
  B.addPairIteration(Headers, "Headers Iterator", (o) => { const h = mustHeaders(o); return () => sortAndCombine(h); });
  function newHeaders(guard) {
    const h = newHeadersState(guard);
    return [new Headers(INTERNAL, h), h];
  }
  function copyHeaders(src, guard) {
    const [pub, h] = newHeaders(guard);
    for (const [k, values] of src.map) h.map.set(k, values.slice());
    return [pub, h];
  }

  // ================================================================ bodies
  // A body: {source: Uint8Array|null (null: it came from a stream), stream: stream record or
  // null until `body` is read, used: consumed without a stream}. Null bodies are `null`.
  function bodyFromBytes(bytes) { return { source: bytes, stream: null, used: false }; }
  function bodyFromStream(stream) { return { source: null, stream, used: false }; }
  function bodyUnusable(body) {
    return body !== null && (body.used || (body.stream !== null && (S.isDisturbed(body.stream) || S.isLocked(body.stream))));
  }
  function bodyStream(body) {
    if (body.stream === null) {
      if (body.used) {
        body.stream = S.createConsumed();
      } else {
        let bytes = body.source;
        body.stream = S.create((c) => {
          if (bytes !== null && bytes.length) c.enqueue(bytes.slice());
          bytes = null;
          c.close();
        });
      }
    }
    return body.stream;
  }
  function cloneBody(body) {
    if (body.stream !== null) {
      const [a, b] = S.tee(body.stream);
      body.stream = a;
      return { source: body.source, stream: b, used: false };
    }
    return { source: body.source, stream: null, used: false };
  }
  // "create a proxy" for a Request body taken over by a new Request.
  function proxyBody(body) {
    if (body.stream === null) {
      const out = bodyFromBytes(body.source);
      body.used = true;
      body.source = null;
      return out;
    }
    const inner = body.stream;
    const reader = S.acquireReader(inner);
    inner.disturbed = true;
    return bodyFromStream(S.create(
      (c) => S.readerRead(reader).then((r) => { if (r.done) c.close(); else c.enqueue(r.value); }),
      (reason) => S.cancel(inner, reason),
    ));
  }
  // Read all of a body; resolves to a Uint8Array the caller may share, not mutate.
  function readBody(body) {
    if (body === null) return resolved(new Uint8Array(0));
    if (bodyUnusable(body)) return rejected(new TypeError("Body is unusable: it has already been read or is locked"));
    if (body.stream === null) {
      const bytes = body.source;
      body.used = true;
      body.source = null;
      return resolved(bytes);
    }
    const chunks = [];
    let total = 0;
    return S.readAll(body.stream, (chunk) => {
      if (!(chunk instanceof Uint8Array)) throw new TypeError("Body stream chunks must be Uint8Array");
      chunks.push(chunk);
      total += chunk.length;
    }).then(() => {
      if (chunks.length === 1) return chunks[0];
      const out = new Uint8Array(total);
      let p = 0;
      for (const c of chunks) { out.set(c, p); p += c.length; }
      return out;
    });
  }

  function randomBoundary() {
    const bytes = new Uint8Array(12);
    if (typeof crypto === "object" && crypto !== null && typeof crypto.getRandomValues === "function") crypto.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = (Math.random() * 256) | 0;
    let out = "----RuntimeFormBoundary";
    for (const b of bytes) out += (b & 15).toString(16) + (b >> 4).toString(16);
    return out;
  }
  function toCRLF(s) { return s.replace(/\r\n|\r|\n/g, "\r\n"); }
  function escapeMultipartName(s) { return s.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22"); }
  // multipart/form-data encoding (HTML): [bytes, boundary]
  function encodeMultipart(entries) {
    const boundary = randomBoundary();
    const parts = [];
    let total = 0;
    const push = (bytes) => { parts.push(bytes); total += bytes.length; };
    for (const [name, value] of entries) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeMultipartName(toCRLF(name))}"`;
      if (typeof value === "string") {
        push(utf8Encode(head + "\r\n\r\n" + toCRLF(value) + "\r\n"));
      } else {
        const file = B.fileOf(value), blob = B.blobOf(value);
        head += `; filename="${escapeMultipartName(file.name)}"\r\nContent-Type: ${blob.type || "application/octet-stream"}\r\n\r\n`;
        push(utf8Encode(head));
        push(blob.bytes);
        push(utf8Encode("\r\n"));
      }
    }
    push(utf8Encode(`--${boundary}--\r\n`));
    const out = new Uint8Array(total);
    let p = 0;
    for (const part of parts) { out.set(part, p); p += part.length; }
    return [out, boundary];
  }
  function indexOfBytes(hay, needle, from) {
    const first = needle[0], n = needle.length, last = hay.length - n;
    let i = from;
    while (i <= last) {
      i = hay.indexOf(first, i);
      if (i < 0 || i > last) return -1;
      let j = 1;
      while (j < n && hay[i + j] === needle[j]) j++;
      if (j === n) return i;
      i++;
    }
    return -1;
  }
  function unescapeMultipartName(s) {
    return s.replace(/%(22|0D|0A)/gi, (m, h) => String.fromCharCode(parseInt(h, 16)));
  }
  // Content-Disposition parameters: name="x"; filename="y" (quoted or token values).
  function dispositionParams(value) {
    const semi = value.indexOf(";");
    const kind = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
    const params = new Map();
    let pos = semi < 0 ? value.length : semi;
    while (pos < value.length) {
      pos++;
      while (pos < value.length && (value[pos] === " " || value[pos] === "\t")) pos++;
      const eq = value.indexOf("=", pos);
      if (eq < 0) break;
      const name = value.slice(pos, eq).trim().toLowerCase();
      pos = eq + 1;
      while (pos < value.length && (value[pos] === " " || value[pos] === "\t")) pos++;
      let v;
      if (value[pos] === '"') {
        const end = value.indexOf('"', pos + 1);
        if (end < 0) throw new TypeError("Failed to parse multipart body: unterminated quoted string");
        v = value.slice(pos + 1, end);
        pos = value.indexOf(";", end);
        if (pos < 0) pos = value.length;
      } else {
        let end = value.indexOf(";", pos);
        if (end < 0) end = value.length;
        v = value.slice(pos, end).trim();
        pos = end;
      }
      if (!params.has(name)) params.set(name, v);
    }
    return [kind, params];
  }
  function decodeExtValue(v) {
    // RFC 8187 ext-value: charset'language'pct-encoded
    const m = /^([^']*)'[^']*'(.*)$/.exec(v);
    if (!m) return null;
    const pct = m[2];
    const bytes = [];
    for (let i = 0; i < pct.length; i++) {
      const c = pct.charCodeAt(i);
      if (c === 37 && /^[0-9A-Fa-f]{2}$/.test(pct.slice(i + 1, i + 3))) { bytes.push(parseInt(pct.slice(i + 1, i + 3), 16)); i += 2; } else bytes.push(c & 0xff);
    }
    const u8 = new Uint8Array(bytes);
    return m[1].toLowerCase() === "utf-8" ? utf8Decode(u8, true) : String.fromCharCode.apply(null, bytes);
  }
  const CRLF = new Uint8Array([13, 10]);
  const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
  function parseMultipart(bytes, boundary) {
    const fail = (why) => new TypeError("Failed to parse body as FormData: " + why);
    const delim = utf8Encode("--" + boundary);
    const crlfDelim = utf8Encode("\r\n--" + boundary);
    let pos;
    if (indexOfBytes(bytes.subarray(0, delim.length), delim, 0) === 0) pos = 0;
    else {
      const i = indexOfBytes(bytes, crlfDelim, 0);
      if (i < 0) throw fail("no boundary found");
      pos = i + 2;
    }
    const entries = [];
    for (;;) {
      pos += delim.length;
      if (bytes[pos] === 45 && bytes[pos + 1] === 45) break; // close delimiter; the epilogue is ignored
      while (bytes[pos] === 32 || bytes[pos] === 9) pos++;
      if (!(bytes[pos] === 13 && bytes[pos + 1] === 10)) throw fail("malformed boundary line");
      pos += 2;
      let headerText, bodyStart;
      if (bytes[pos] === 13 && bytes[pos + 1] === 10) {
        headerText = "";
        bodyStart = pos + 2;
      } else {
        const end = indexOfBytes(bytes, CRLFCRLF, pos);
        if (end < 0) throw fail("unterminated part headers");
        headerText = utf8Decode(bytes.subarray(pos, end), true);
        bodyStart = end + 4;
      }
      const next = indexOfBytes(bytes, crlfDelim, bodyStart);
      if (next < 0) throw fail("missing closing boundary");
      let name = null, filename = null, contentType = null;
      for (const line of headerText.split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon <= 0) continue;
        const hname = line.slice(0, colon).trim().toLowerCase();
        const hvalue = line.slice(colon + 1).replace(HTTP_WS_EDGES, "");
        if (hname === "content-disposition") {
          const [kind, params] = dispositionParams(hvalue);
          if (kind !== "form-data") throw fail("part is not form-data");
          if (params.has("name")) name = unescapeMultipartName(params.get("name"));
          if (params.has("filename*")) filename = decodeExtValue(params.get("filename*"));
          if (filename === null && params.has("filename")) filename = unescapeMultipartName(params.get("filename"));
        } else if (hname === "content-type") {
          contentType = hvalue;
        }
      }
      if (name === null) throw fail("part without a Content-Disposition name");
      const content = bytes.subarray(bodyStart, next);
      if (filename !== null) {
        let type = contentType === null ? "text/plain" : contentType;
        type = /[^\x20-\x7E]/.test(type) ? "" : type.toLowerCase();
        entries.push([name, B.newFile(content, filename, type)]);
      } else {
        entries.push([name, utf8Decode(content)]);
      }
      pos = next + 2;
    }
    void CRLF;
    return entries;
  }
  // application/x-www-form-urlencoded parser (URL spec), on bytes.
  function percentDecodeBytes(bytes, start, end) {
    const out = new Uint8Array(end - start);
    let p = 0;
    for (let i = start; i < end; i++) {
      let b = bytes[i];
      if (b === 43) b = 32;
      else if (b === 37 && i + 2 < end && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        b = (hexVal(bytes[i + 1]) << 4) | hexVal(bytes[i + 2]);
        i += 2;
      }
      out[p++] = b;
    }
    return utf8Decode(out.subarray(0, p), true);
  }
  function isHex(b) { return (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102); }
  function hexVal(b) { return b <= 57 ? b - 48 : (b | 32) - 87; }
  function parseUrlencoded(bytes) {
    const out = [];
    let start = 0;
    const n = bytes.length;
    while (start <= n) {
      let amp = bytes.indexOf(38, start);
      if (amp < 0) amp = n;
      if (amp > start) {
        let eq = bytes.subarray(start, amp).indexOf(61);
        eq = eq < 0 ? amp : start + eq;
        out.push([percentDecodeBytes(bytes, start, eq), eq < amp ? percentDecodeBytes(bytes, eq + 1, amp) : ""]);
      }
      start = amp + 1;
    }
    return out;
  }

  // "extract a body": [body, contentType|null]
  function extractBody(object) {
    if (isObject(object)) {
      const rs = S.rsOf(object);
      if (rs) {
        if (S.isDisturbed(rs) || S.isLocked(rs)) throw new TypeError("The body ReadableStream is disturbed or locked");
        return [bodyFromStream(rs), null];
      }
      const blob = B.blobOf(object);
      if (blob) return [bodyFromBytes(blob.bytes), blob.type === "" ? null : blob.type];
      if (object instanceof ArrayBuffer) return [bodyFromBytes(new Uint8Array(object.slice(0))), null];
      if (ArrayBuffer.isView(object)) {
        return [bodyFromBytes(new Uint8Array(object.buffer.slice(object.byteOffset, object.byteOffset + object.byteLength))), null];
      }
      let entries;
      try { entries = B.formEntries(object); } catch (_) { entries = undefined; }
      if (entries) {
        const [bytes, boundary] = encodeMultipart(entries);
        return [bodyFromBytes(bytes), "multipart/form-data; boundary=" + boundary];
      }
      if (typeof URLSearchParams === "function" && object instanceof URLSearchParams) {
        return [bodyFromBytes(utf8Encode(object.toString())), "application/x-www-form-urlencoded;charset=UTF-8"];
      }
    }
    return [bodyFromBytes(utf8Encode(toUSV(object))), "text/plain;charset=UTF-8"];
  }

  // The Body mixin, over a record {headers: state, body}.
  function consume(recOf, self, convert) {
    let rec;
    try { rec = recOf(self); } catch (e) { return rejected(e); }
    const body = rec.body;
    if (body === null || (body.stream === null && !body.used)) {
      // Fast path (no stream was made): convert now, settle one promise. Promise jobs are
      // expensive on some engines (about 6 µs each on SpiderMonkey here).
      let value;
      try {
        let bytes;
        if (body === null) bytes = new Uint8Array(0);
        else { bytes = body.source; body.used = true; body.source = null; }
        value = convert(bytes, rec);
      } catch (e) {
        return rejected(e);
      }
      return resolved(value);
    }
    return readBody(body).then((bytes) => convert(bytes, rec));
  }
  function mimeOf(rec) {
    const m = extractMime(rec.headersState);
    return m === null ? "" : serializeMime(m);
  }
  function toFormData(bytes, rec) {
    const m = extractMime(rec.headersState);
    const essence = m === null ? "" : m.type + "/" + m.subtype;
    if (essence === "multipart/form-data") {
      const boundary = m.params.get("boundary");
      if (boundary === undefined) throw new TypeError("Failed to parse body as FormData: no boundary in Content-Type");
      return B.newFormData(parseMultipart(bytes, boundary));
    }
    if (essence === "application/x-www-form-urlencoded") return B.newFormData(parseUrlencoded(bytes));
    throw new TypeError("Failed to parse body as FormData: Content-Type is not multipart/form-data or application/x-www-form-urlencoded");
  }
  function addBodyMixin(cls, recOf) {
    const methods = {
      arrayBuffer() { return consume(recOf, this, (b) => new Uint8Array(b).buffer); },
      blob() { return consume(recOf, this, (b, rec) => B.newBlob(b, mimeOf(rec))); },
      bytes() { return consume(recOf, this, (b) => new Uint8Array(b)); },
      formData() { return consume(recOf, this, toFormData); },
      json() { return consume(recOf, this, (b) => JSON.parse(utf8Decode(b))); },
      text() { return consume(recOf, this, (b) => utf8Decode(b)); },
    };
    for (const name of Object.keys(methods)) {
      Object.defineProperty(cls.prototype, name, { value: methods[name], writable: true, configurable: true, enumerable: true });
    }
    Object.defineProperty(cls.prototype, "body", {
      get: function body() {
        const rec = recOf(this);
        return rec.body === null ? null : S.publicReadable(bodyStream(rec.body));
      },
      configurable: true, enumerable: true,
    });
    Object.defineProperty(cls.prototype, "bodyUsed", {
      get: function bodyUsed() {
        const body = recOf(this).body;
        return body !== null && (body.used || (body.stream !== null && S.isDisturbed(body.stream)));
      },
      configurable: true, enumerable: true,
    });
  }

  function parseURL(input, what) {
    const s = toUSV(input);
    if (typeof URL === "function") {
      try {
        return new URL(s);
      } catch (_) {
        throw new TypeError(`${what}: invalid URL '${s}' (URLs must be absolute: there is no base URL)`);
      }
    }
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s)) throw new TypeError(`${what}: invalid URL '${s}'`);
    return { href: s, username: "", password: "" };
  }

  // ================================================================ Request
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
      if (src !== null && typeof AbortSignal === "function" && typeof AbortSignal.any === "function") rec.signal = AbortSignal.any([src]);
      else if (src !== null) rec.signal = src;
      else if (typeof AbortController === "function") rec.signal = new AbortController().signal;
      else return undefined;
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
        if (signal !== null && !(typeof AbortSignal === "function" ? signal instanceof AbortSignal : isObject(signal))) {
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
      if (inputOrInitBody !== null && inputOrInitBody.source === null) {
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
  addBodyMixin(Request, mustReq);

  // ================================================================ Response
  const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
  let resOf;
  // The body text of a Response made from a string, null or Response.json (for syncBody).
  const SYNC_BODY = Symbol("syncBody");
  function unsignedShort(v) {
    const n = Number(v);
    if (n !== n || !isFinite(n)) return 0;
    const t = Math.trunc(n) % 65536;
    return t < 0 ? t + 65536 : t;
  }
  function newResponseRecord() {
    return { type: "default", status: 200, statusText: "", headers: null, headersState: null, body: null, urlList: [], redirected: false };
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
      if (body === null) rec[SYNC_BODY] = "";
      else if (typeof body === "string") rec[SYNC_BODY] = body;
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
      initializeResponse(rec, init, [bodyFromBytes(utf8Encode(text)), "application/json"]);
      rec[SYNC_BODY] = text;
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
  addBodyMixin(Response, mustRes);

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

  define("Headers", Headers);
  define("Request", Request);
  define("Response", Response);
  define("fetch", fetch);

  // For the host: read a Response (or Request) as plain data in as few steps as possible.
  Object.defineProperty(rt, "fetch", {
    value: {
      // [status, statusText, [[name, value]...]] of a Response.
      responseHead(response) {
        const r = mustRes(response);
        return [r.status, r.statusText, sortAndCombine(r.headersState).map((p) => [p[0], p[1]])];
      },
      // Abort a Request's signal (a server's client went away): now if the handler has
      // taken the signal, else when it first does.
      abortRequest(request, reason) {
        const rec = reqOf(request);
        if (!rec) return;
        if (rec.signal !== null) rt.events.signalAbort(rec.signal, reason);
        else rec.signalSource = AbortSignal.abort(reason);
      },
      // True when the Response's body came from a ReadableStream (a host should stream
      // it); bytes, strings, Blobs and FormData have a known length.
      // The body as a string, without a promise, while it is unused and was given as a
      // string, null ("") or Response.json data; else undefined.
      syncBody(response) {
        const r = resOf(response);
        if (r === undefined || r[SYNC_BODY] === undefined || bodyUnusable(r.body)) return undefined;
        return r[SYNC_BODY];
      },
      hasStreamBody(response) {
        const r = mustRes(response);
        return r.body !== null && r.body.source === null;
      },
      headerPairs(headers) { return sortAndCombine(mustHeaders(headers)).map((p) => [p[0], p[1]]); },
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
          else list.push(value);
        }
        rec.headers = pub;
        rec.headersState = h;
        if (body !== null && body !== undefined) {
          if (rec.method === "GET" || rec.method === "HEAD") throw new TypeError("Request with GET/HEAD method cannot have body");
          rec.body = bodyFromBytes(typeof body === "string" ? utf8Encode(body) : body);
        }
        return new Request(INTERNAL, rec);
      },
      // The whole body as a Uint8Array (or null for a null body), as a promise.
      readBody(message) {
        const rec = resOf(message) || reqOf(message);
        if (!rec) return rejected(new TypeError("not a Request or Response"));
        return rec.body === null ? resolved(null) : readBody(rec.body);
      },
      parseMime,
      serializeMime,
    },
    configurable: true, writable: true, enumerable: false,
  });
})();
