// The Body mixin of Request and Response (https://fetch.spec.whatwg.org/#body-mixin):
// body records, "extract a body", reading, and the multipart/form-data and
// application/x-www-form-urlencoded encodings of FormData. Reached through __runtime.body.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const S = rt.streams;
  const B = rt.blobs;
  const FD = rt.formData;
  const { isObject, toUSV } = rt.webidl;
  const utf8 = rt.utf8;
  const { HTTP_WS_EDGES, serializeMime } = rt.http;
  const { extractMime } = rt.headers;
  const resolved = (v) => Promise.resolve(v);
  const rejected = (e) => Promise.reject(e);

  // A body: `source` its bytes (null: it came from a stream, or was consumed), `stream` its
  // stream record (null until `body` is read), `used` (consumed without a stream). Null
  // bodies are `null`. A body made from a string keeps the string (`text`, well-formed) and
  // encodes it only when its bytes are wanted: text() and json() of an unread body, and a
  // host sending it, never encode and decode it again.
  class BodyRecord {
    constructor(bytes, text) {
      this.bytes = bytes;
      this.text = text;
      this.stream = null;
      this.used = false;
    }
    get source() {
      if (this.bytes === null && this.text !== null) this.bytes = utf8.encode(this.text);
      return this.bytes;
    }
    set source(bytes) {
      this.bytes = bytes;
      this.text = null;
    }
    // Made from bytes or a string (not a stream), and not consumed.
    get known() { return this.bytes !== null || this.text !== null; }
  }
  function bodyFromBytes(bytes) { return new BodyRecord(bytes, null); }
  function bodyFromText(text) { return new BodyRecord(null, text); }
  const BOM = 0xfeff;
  // What "UTF-8 decode" of the text's encoding gives: the text less a leading BOM.
  function decodedText(text) { return text.charCodeAt(0) === BOM ? text.slice(1) : text; }
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
        body.stream = S.createBytes((c) => {
          if (bytes !== null && bytes.length) c.enqueue(bytes.slice());
          bytes = null;
          c.close();
        });
        // Its length is known until it is read: a host may send such a body (taken over
        // by `new Response(res.body, res)`) with a Content-Length instead of streaming it.
        body.stream.knownLength = bytes === null ? 0 : bytes.length;
      }
    }
    return body.stream;
  }
  function cloneBody(body) {
    if (body.stream !== null) {
      const [a, b] = S.tee(body.stream);
      body.stream = a;
      const out = new BodyRecord(body.bytes, body.text);
      out.stream = b;
      return out;
    }
    return new BodyRecord(body.bytes, body.text);
  }
  // "create a proxy" for a Request body taken over by a new Request.
  function proxyBody(body) {
    if (body.stream === null) {
      const out = new BodyRecord(body.bytes, body.text);
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
  // Read all of a body and resolve to convert(bytes) (bytes the caller may share, not
  // mutate). The bytes are handed to convert, never through a promise, so that a then on
  // Object.prototype cannot intercept them.
  function readBody(body, convert = (bytes) => bytes) {
    if (body !== null && bodyUnusable(body)) return rejected(new TypeError("Body is unusable: it has already been read or is locked"));
    if (body === null || body.stream === null) {
      let value;
      try {
        const bytes = body === null ? new Uint8Array(0) : body.source;
        if (body !== null) { body.used = true; body.source = null; }
        value = convert(bytes);
      } catch (e) {
        return rejected(e);
      }
      return resolved(value);
    }
    const chunks = [];
    let total = 0;
    return S.readAll(body.stream, (chunk) => {
      if (!(chunk instanceof Uint8Array)) throw new TypeError("Body stream chunks must be Uint8Array");
      chunks.push(chunk);
      total += chunk.length;
    }).then(() => {
      if (chunks.length === 1) return convert(chunks[0]);
      const out = new Uint8Array(total);
      let p = 0;
      for (const c of chunks) { out.set(c, p); p += c.length; }
      return convert(out);
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
        push(utf8.encode(head + "\r\n\r\n" + toCRLF(value) + "\r\n"));
      } else {
        const file = B.fileOf(value), blob = B.blobOf(value);
        head += `; filename="${escapeMultipartName(file.name)}"\r\nContent-Type: ${blob.type || "application/octet-stream"}\r\n\r\n`;
        push(utf8.encode(head));
        push(blob.bytes);
        push(utf8.encode("\r\n"));
      }
    }
    push(utf8.encode(`--${boundary}--\r\n`));
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
    return m[1].toLowerCase() === "utf-8" ? utf8.decode(u8, true) : String.fromCharCode.apply(null, bytes);
  }
  const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
  function parseMultipart(bytes, boundary) {
    const fail = (why) => new TypeError("Failed to parse body as FormData: " + why);
    const delim = utf8.encode("--" + boundary);
    const crlfDelim = utf8.encode("\r\n--" + boundary);
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
        headerText = utf8.decode(bytes.subarray(pos, end), true);
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
        entries.push([name, utf8.decode(content)]);
      }
      pos = next + 2;
    }
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
    return utf8.decode(out.subarray(0, p), true);
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
      try { entries = FD.entries(object); } catch (_) { entries = undefined; }
      if (entries) {
        const [bytes, boundary] = encodeMultipart(entries);
        return [bodyFromBytes(bytes), "multipart/form-data; boundary=" + boundary];
      }
      if (typeof URLSearchParams === "function" && object instanceof URLSearchParams) {
        return [bodyFromText(object.toString()), "application/x-www-form-urlencoded;charset=UTF-8"];
      }
    }
    return [bodyFromText(toUSV(object)), "text/plain;charset=UTF-8"];
  }

  // The Body mixin, over a record {headers: state, body}.
  // convertText, when given, takes the decoded text instead of the bytes.
  function consume(recOf, self, convert, convertText) {
    let rec;
    try { rec = recOf(self); } catch (e) { return rejected(e); }
    const body = rec.body;
    if (body === null || (body.stream === null && !body.used)) {
      // No stream was made: convert now and settle one promise, with no stream reads
      // (each one costs promise jobs).
      let value;
      try {
        if (body !== null && body.text !== null && convertText !== undefined) {
          const text = body.text;
          body.used = true;
          body.source = null;
          value = convertText(decodedText(text));
        } else {
          let bytes;
          if (body === null) bytes = new Uint8Array(0);
          else { bytes = body.source; body.used = true; body.source = null; }
          value = convert(bytes, rec);
        }
      } catch (e) {
        return rejected(e);
      }
      return resolved(value);
    }
    return readBody(body, (bytes) => convert(bytes, rec));
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
      return FD.create(parseMultipart(bytes, boundary));
    }
    if (essence === "application/x-www-form-urlencoded") return FD.create(parseUrlencoded(bytes));
    throw new TypeError("Failed to parse body as FormData: Content-Type is not multipart/form-data or application/x-www-form-urlencoded");
  }
  function isUsed(body) {
    return body !== null && (body.used || (body.stream !== null && S.isDisturbed(body.stream)));
  }
  function addBodyMixin(cls, recOf) {
    const methods = {
      arrayBuffer() { return consume(recOf, this, (b) => new Uint8Array(b).buffer); },
      blob() { return consume(recOf, this, (b, rec) => B.newBlob(b, mimeOf(rec))); },
      bytes() { return consume(recOf, this, (b) => new Uint8Array(b)); },
      formData() { return consume(recOf, this, toFormData); },
      json() { return consume(recOf, this, (b) => JSON.parse(utf8.decode(b)), JSON.parse); },
      text() { return consume(recOf, this, (b) => utf8.decode(b), (t) => t); },
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
      get: function bodyUsed() { return isUsed(recOf(this).body); },
      configurable: true, enumerable: true,
    });
  }

  rt.body = { bodyFromBytes, bodyFromText, bodyUnusable, isUsed, cloneBody, proxyBody, readBody, extractBody, addBodyMixin };
})();
