// What the fetch files share from HTTP and the MIME Sniffing Standard: header grammar,
// byte strings, MIME type parsing and serializing, and absolute URL parsing.
// Reached through __runtime.http.
(function () {
  "use strict";
  const { toUSV } = globalThis.__runtime.webidl;

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

  globalThis.__runtime.http = {
    TOKEN, HTTP_WS_EDGES, BAD_VALUE, REASON_PHRASE, byteString, collectQuoted, parseMime, serializeMime, parseURL,
  };
})();
