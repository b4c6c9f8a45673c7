// URL, written to the WHATWG URL Standard (https://url.spec.whatwg.org/): the parser,
// hosts, serializers, percent-encoding and the application/x-www-form-urlencoded format
// that URLSearchParams (22_url_search_params.js) also uses, through __runtime.url.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, requireArgs, toUSV, interfaceMembers } = runtime.webidl;
  const utf8 = runtime.utf8;
  const { domainToASCII, mapCodePoint } = runtime.idna;
  const fromCP = String.fromCodePoint;
  const EOF = -1;

  // ---------------------------------------------------------------- percent-encoding
  const HEX = "0123456789ABCDEF";
  function pctByte(b) { return "%" + HEX[b >> 4] + HEX[b & 15]; }
  // The UTF-8 bytes of a string, each percent-encoded (lone surrogates as U+FFFD).
  function utf8Pct(s) {
    let out = "";
    for (const b of utf8.encode(s)) out += pctByte(b);
    return out;
  }

  // Percent-encode sets as bit flags over ASCII; every non-ASCII code point is in every set.
  const C0_SET = 1, FRAGMENT_SET = 2, QUERY_SET = 4, SPECIAL_QUERY_SET = 8, PATH_SET = 16, USERINFO_SET = 32,
    COMPONENT_SET = 64, FORM_SET = 128;
  const SETS = new Uint8Array(128);
  (function () {
    const add = (mask, chars) => { for (const ch of chars) SETS[ch.charCodeAt(0)] |= mask; };
    for (let i = 0; i < 128; i++) if (i < 0x20 || i === 0x7F) SETS[i] = 255;
    add(FRAGMENT_SET, " \"<>`");
    add(QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, " \"#<>");
    add(SPECIAL_QUERY_SET, "'");
    add(PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, "?^`{}");
    add(USERINFO_SET | COMPONENT_SET | FORM_SET, "/:;=@[\\]|");
    add(COMPONENT_SET | FORM_SET, "$%&+,");
    add(FORM_SET, "!'()~");
  })();

  // Percent-encode a (well-formed) string with a set; spaceAsPlus for form encoding.
  function pctEncode(s, set, spaceAsPlus) {
    let out = "";
    let start = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const u = s.charCodeAt(i);
      if (u < 0x80 && !(SETS[u] & set) && !(spaceAsPlus && u === 0x20)) continue;
      out += s.slice(start, i);
      if (u < 0x80) {
        out += spaceAsPlus && u === 0x20 ? "+" : pctByte(u);
      } else {
        // a run of non-ASCII code units: every one is in every set
        let end = i + 1;
        while (end < n && s.charCodeAt(end) >= 0x80) end++;
        out += utf8Pct(s.slice(i, end));
        i = end - 1;
      }
      start = i + 1;
    }
    return start === 0 ? s : out + s.slice(start);
  }
  function pctEncodeCP(cp, set) {
    if (cp < 0x80) return SETS[cp] & set ? pctByte(cp) : String.fromCharCode(cp);
    return utf8Pct(fromCP(cp));
  }

  function hexVal(u) {
    if (u >= 0x30 && u <= 0x39) return u - 0x30;
    if (u >= 0x41 && u <= 0x46) return u - 0x37;
    if (u >= 0x61 && u <= 0x66) return u - 0x57;
    return -1;
  }
  // The spec's "percent-decode": %XX sequences of bytes become the byte they name.
  function pctDecodeBytes(bytes) {
    const n = bytes.length;
    const out = new Uint8Array(n);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < n) {
        const h = hexVal(bytes[i + 1]), l = hexVal(bytes[i + 2]);
        if (h >= 0 && l >= 0) { out[p++] = h * 16 + l; i += 2; continue; }
      }
      out[p++] = b;
    }
    return out.subarray(0, p);
  }
  // "percent-decode a string", then "UTF-8 decode without BOM".
  function pctDecodeString(s) {
    return s.indexOf("%") < 0 ? s : utf8.decode(pctDecodeBytes(utf8.encode(s)), true);
  }

  // ---------------------------------------------------------------- schemes
  const SPECIAL = { __proto__: null, "ftp": 21, "file": null, "http": 80, "https": 443, "ws": 80, "wss": 443 };
  function isSpecialScheme(s) { return s in SPECIAL; }
  function defaultPort(s) { return s in SPECIAL ? SPECIAL[s] : null; }

  // ---------------------------------------------------------------- hosts
  // Hosts are kept serialized: a domain, "[v6]", "a.b.c.d", an opaque host, "" or null.
  const FORBIDDEN_HOST = /[\x00\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\x00-\x20#%/:<>?@[\\\]^|\x7F]/;

  function parseIPv4Number(s) {
    if (s === "") return NaN;
    let radix = 10;
    if (s.length >= 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X")) { s = s.slice(2); radix = 16; } else if (s.length >= 2 && s[0] === "0") { s = s.slice(1); radix = 8; }
    if (s === "") return 0;
    const re = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    if (!re.test(s)) return NaN;
    return parseInt(s, radix);
  }
  function endsInANumber(s) {
    const parts = s.split(".");
    if (parts[parts.length - 1] === "") {
      if (parts.length === 1) return false;
      parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last !== "" && /^[0-9]+$/.test(last)) return true;
    return !Number.isNaN(parseIPv4Number(last));
  }
  // Returns the serialized IPv4 address, or null.
  function parseIPv4(s) {
    const parts = s.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = [];
    for (const p of parts) {
      const n = parseIPv4Number(p);
      if (Number.isNaN(n)) return null;
      nums.push(n);
    }
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return null;
    let ipv4 = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
    const out = [];
    for (let i = 0; i < 4; i++) { out.unshift(String(ipv4 % 256)); ipv4 = Math.floor(ipv4 / 256); }
    return out.join(".");
  }

  function isHexCP(c) { return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66); }
  function isDigitCP(c) { return c >= 0x30 && c <= 0x39; }
  // Returns the IPv6 address as 8 numbers, or null.
  function parseIPv6(s) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0, compress = null, p = 0;
    const n = s.length;
    const at = (i) => (i < n ? s.charCodeAt(i) : EOF);
    if (at(p) === 0x3A) {
      if (at(p + 1) !== 0x3A) return null;
      p += 2;
      compress = ++pieceIndex;
    }
    while (at(p) !== EOF) {
      if (pieceIndex === 8) return null;
      if (at(p) === 0x3A) {
        if (compress !== null) return null;
        p++;
        compress = ++pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && isHexCP(at(p))) { value = value * 16 + hexVal(at(p)); p++; length++; }
      if (at(p) === 0x2E) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        let numbersSeen = 0;
        while (at(p) !== EOF) {
          let piece = null;
          if (numbersSeen > 0) {
            if (at(p) === 0x2E && numbersSeen < 4) p++;
            else return null;
          }
          if (!isDigitCP(at(p))) return null;
          while (isDigitCP(at(p))) {
            const num = at(p) - 0x30;
            if (piece === null) piece = num;
            else if (piece === 0) return null;
            else piece = piece * 10 + num;
            if (piece > 255) return null;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (at(p) === 0x3A) {
        p++;
        if (at(p) === EOF) return null;
      } else if (at(p) !== EOF) return null;
      address[pieceIndex++] = value;
    }
    if (compress !== null) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex !== 8) return null;
    return address;
  }
  function serializeIPv6(a) {
    // The first longest run of two or more zero pieces is compressed.
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = "";
    for (let i = 0; i < 8; i++) {
      if (i === best) {
        out += i === 0 ? "::" : ":";
        i += bestLen - 1;
        continue;
      }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return "[" + out + "]";
  }

  // The host parser; returns the serialized host, or null on failure.
  function parseHost(input, isOpaque) {
    if (input.charCodeAt(0) === 0x5B) {
      if (input.charCodeAt(input.length - 1) !== 0x5D) return null;
      const a = parseIPv6(input.slice(1, -1));
      return a === null ? null : serializeIPv6(a);
    }
    if (isOpaque) {
      if (FORBIDDEN_HOST.test(input)) return null;
      return pctEncode(input, C0_SET, false);
    }
    const domain = pctDecodeString(input);
    const ascii = domainToASCII(domain);
    if (ascii === null || FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInANumber(ascii)) return parseIPv4(ascii);
    return ascii;
  }

  // ---------------------------------------------------------------- URL records
  function newRecord() {
    return { scheme: "", username: "", password: "", host: null, port: null, path: [], opaque: false, query: null, fragment: null };
  }
  function includesCredentials(r) { return r.username !== "" || r.password !== ""; }
  function cannotHaveUserPassPort(r) { return r.host === null || r.host === "" || r.scheme === "file"; }
  function isWindowsDriveLetter(s, normalizedOnly) {
    if (s.length !== 2) return false;
    const c = s.charCodeAt(0), d = s[1];
    return ((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) && (d === ":" || (!normalizedOnly && d === "|"));
  }
  // "starts with a Windows drive letter" on code points cps[from...]
  function startsWithDriveLetter(cps, from) {
    if (cps.length - from < 2) return false;
    const c = cps[from], d = cps[from + 1];
    if (!((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) || (d !== 0x3A && d !== 0x7C)) return false;
    if (cps.length - from === 2) return true;
    const e = cps[from + 2];
    return e === 0x2F || e === 0x5C || e === 0x3F || e === 0x23;
  }
  function shortenPath(r) {
    const path = r.path;
    if (r.scheme === "file" && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
    path.pop();
  }
  function isSingleDot(s) { return s === "." || (s.length === 3 && s.toLowerCase() === "%2e"); }
  function isDoubleDot(s) {
    if (s === "..") return true;
    if (s.length < 4 || s.length > 6) return false;
    const l = s.toLowerCase();
    return l === ".%2e" || l === "%2e." || l === "%2e%2e";
  }

  // Parser states.
  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4,
    PATH_OR_AUTHORITY = 5, RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES = 9, AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13,
    FILE = 14, FILE_SLASH = 15, FILE_HOST = 16, PATH_START = 17, PATH = 18, OPAQUE_PATH = 19,
    QUERY_STATE = 20, FRAGMENT_STATE = 21;
  const FAILURE = null;
  const LEADING_TRAILING = /^[\x00-\x20]+|[\x00-\x20]+$/g;
  const TAB_NEWLINE = /[\t\n\r]/g;
  function isAlpha(c) { return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A); }

  // The basic URL parser. With `url` and `override` it modifies url in place (setters) and
  // returns url, or FAILURE (a setter ignores it); otherwise returns a new record or FAILURE.
  // The fast path: an absolute http(s) URL already in canonical form (lowercase host that is
  // neither punycode nor number-like unless a canonical IPv4 address, no default or padded
  // port, no dot segments, nothing the path or query sets would percent-encode, no
  // fragment). For those the state machine below yields exactly this record; servers parse
  // one such URL per request. Anything else takes the full parser.
  const SIMPLE_URL = /^(https?):\/\/([a-z0-9][a-z0-9.-]*)(?::(0|[1-9][0-9]{0,4}))?((?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@\/?%]*))?$/;
  const NUMBER_LIKE = /^(?:0x[0-9a-f]*|[0-9]+)$/;
  const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
  const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
  function fastParse(input) {
    const m = SIMPLE_URL.exec(input);
    if (m === null) return null;
    const host = m[2];
    if (host.endsWith(".") || host.includes("..") || host.includes("xn--")) return null;
    if (NUMBER_LIKE.test(host.slice(host.lastIndexOf(".") + 1)) && !DOTTED_QUAD.test(host)) return null;
    let port = m[3] === undefined ? null : +m[3];
    if (port !== null && port > 65535) return null;
    if (port === SPECIAL[m[1]]) port = null;
    const path = m[4] === "" ? [""] : m[4].slice(1).split("/");
    for (const seg of path) if (DOT_SEGMENT.test(seg)) return null;
    return {
      scheme: m[1], username: "", password: "", host, port, path, opaque: false,
      query: m[5] === undefined ? null : m[5], fragment: null,
    };
  }

  function basicParse(input, base, url, override) {
    if (!url && !base && !override) {
      const fast = fastParse(input);
      if (fast !== null) return fast;
    }
    if (!url) {
      url = newRecord();
      input = input.replace(LEADING_TRAILING, "");
    }
    input = input.replace(TAB_NEWLINE, "");
    const cps = [];
    for (let i = 0; i < input.length; i++) {
      const u = input.charCodeAt(i);
      if (u >= 0xD800 && u <= 0xDBFF && i + 1 < input.length) {
        const v = input.charCodeAt(i + 1);
        if (v >= 0xDC00 && v <= 0xDFFF) { cps.push(((u - 0xD800) << 10) + (v - 0xDC00) + 0x10000); i++; continue; }
      }
      cps.push(u);
    }
    const len = cps.length;
    let state = override || SCHEME_START;
    let buffer = "";
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const special = () => isSpecialScheme(url.scheme);

    for (let pointer = 0; ; pointer++) {
      const c = pointer < len ? cps[pointer] : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) {
            buffer += String.fromCharCode(c | 0x20);
            state = SCHEME;
          } else if (!override) {
            state = NO_SCHEME;
            pointer--;
          } else return FAILURE;
          break;

        case SCHEME:
          if (isAlpha(c) || isDigitCP(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            buffer += String.fromCharCode(c >= 0x41 && c <= 0x5A ? c | 0x20 : c);
          } else if (c === 0x3A) {
            if (override) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (override) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") {
              state = FILE;
            } else if (special() && base && base.scheme === url.scheme) {
              state = SPECIAL_RELATIVE_OR_AUTHORITY;
            } else if (special()) {
              state = SPECIAL_AUTHORITY_SLASHES;
            } else if (cps[pointer + 1] === 0x2F) {
              state = PATH_OR_AUTHORITY;
              pointer++;
            } else {
              url.path = "";
              url.opaque = true;
              state = OPAQUE_PATH;
            }
          } else if (!override) {
            buffer = "";
            state = NO_SCHEME;
            pointer = -1;
          } else return FAILURE;
          break;

        case NO_SCHEME:
          if (!base || (base.opaque && c !== 0x23)) return FAILURE;
          if (base.opaque && c === 0x23) {
            url.scheme = base.scheme;
            url.path = base.path;
            url.opaque = true;
            url.query = base.query;
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (base.scheme !== "file") {
            state = RELATIVE;
            pointer--;
          } else {
            state = FILE;
            pointer--;
          }
          break;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = RELATIVE;
            pointer--;
          }
          break;

        case PATH_OR_AUTHORITY:
          if (c === 0x2F) state = AUTHORITY;
          else {
            state = PATH;
            pointer--;
          }
          break;

        case RELATIVE:
          url.scheme = base.scheme;
          if (c === 0x2F || (special() && c === 0x5C)) {
            state = RELATIVE_SLASH;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            } else if (c !== EOF) {
              url.query = null;
              shortenPath(url);
              state = PATH;
              pointer--;
            }
          }
          break;

        case RELATIVE_SLASH:
          if (special() && (c === 0x2F || c === 0x5C)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          } else if (c === 0x2F) {
            state = AUTHORITY;
          } else {
            url.username = base.username;
            url.password = base.password;
            url.host = base.host;
            url.port = base.port;
            state = PATH;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer++;
          } else {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            pointer--;
          }
          break;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) {
            state = AUTHORITY;
            pointer--;
          }
          break;

        case AUTHORITY:
          if (c === 0x40) {
            if (atSignSeen) buffer = "%40" + buffer;
            atSignSeen = true;
            for (const ch of buffer) {
              const cp = ch.codePointAt(0);
              if (cp === 0x3A && !passwordTokenSeen) {
                passwordTokenSeen = true;
                continue;
              }
              const enc = pctEncodeCP(cp, USERINFO_SET);
              if (passwordTokenSeen) url.password += enc;
              else url.username += enc;
            }
            buffer = "";
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C)) {
            if (atSignSeen && buffer === "") return FAILURE;
            let bufLen = 0;
            for (const _ of buffer) bufLen++; // eslint-disable-line no-unused-vars
            pointer -= bufLen + 1;
            buffer = "";
            state = HOST;
          } else {
            buffer += fromCP(c);
          }
          break;

        case HOST:
        case HOSTNAME:
          if (override && url.scheme === "file") {
            pointer--;
            state = FILE_HOST;
          } else if (c === 0x3A && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (override === HOSTNAME) return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host;
            buffer = "";
            state = PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C)) {
            pointer--;
            if (special() && buffer === "") return FAILURE;
            if (override && buffer === "" && (includesCredentials(url) || url.port !== null)) return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host;
            buffer = "";
            state = PATH_START;
            if (override) return url;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
            buffer += fromCP(c);
          }
          break;

        case PORT:
          if (isDigitCP(c)) {
            buffer += String.fromCharCode(c);
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (special() && c === 0x5C) || override) {
            if (buffer !== "") {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = "";
              if (override) return url;
            }
            if (override) return FAILURE;
            state = PATH_START;
            pointer--;
          } else return FAILURE;
          break;

        case FILE:
          url.scheme = "file";
          url.host = "";
          if (c === 0x2F || c === 0x5C) {
            state = FILE_SLASH;
          } else if (base && base.scheme === "file") {
            url.host = base.host;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            } else if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithDriveLetter(cps, pointer)) shortenPath(url);
              else url.path = [];
              state = PATH;
              pointer--;
            }
          } else {
            state = PATH;
            pointer--;
          }
          break;

        case FILE_SLASH:
          if (c === 0x2F || c === 0x5C) {
            state = FILE_HOST;
          } else {
            if (base && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithDriveLetter(cps, pointer) && base.path.length > 0 && isWindowsDriveLetter(base.path[0], true)) {
                url.path.push(base.path[0]);
              }
            }
            state = PATH;
            pointer--;
          }
          break;

        case FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            pointer--;
            if (!override && isWindowsDriveLetter(buffer, false)) {
              state = PATH;
            } else if (buffer === "") {
              url.host = "";
              if (override) return url;
              state = PATH_START;
            } else {
              let host = parseHost(buffer, !special());
              if (host === null) return FAILURE;
              if (host === "localhost") host = "";
              url.host = host;
              if (override) return url;
              buffer = "";
              state = PATH_START;
            }
          } else {
            buffer += fromCP(c);
          }
          break;

        case PATH_START:
          if (special()) {
            state = PATH;
            if (c !== 0x2F && c !== 0x5C) pointer--;
          } else if (!override && c === 0x3F) {
            url.query = "";
            state = QUERY_STATE;
          } else if (!override && c === 0x23) {
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (c !== EOF) {
            state = PATH;
            if (c !== 0x2F) pointer--;
          } else if (override && url.host === null) {
            url.path.push("");
          }
          break;

        case PATH:
          if (c === EOF || c === 0x2F || (special() && c === 0x5C) || (!override && (c === 0x3F || c === 0x23))) {
            const slash = c === 0x2F || (special() && c === 0x5C);
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (!slash) url.path.push("");
            } else if (isSingleDot(buffer) && !slash) {
              url.path.push("");
            } else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsDriveLetter(buffer, false)) {
                buffer = buffer[0] + ":";
              }
              url.path.push(buffer);
            }
            buffer = "";
            if (c === 0x3F) {
              url.query = "";
              state = QUERY_STATE;
            }
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            }
          } else {
            buffer += pctEncodeCP(c, PATH_SET);
          }
          break;

        case OPAQUE_PATH:
          if (c === 0x3F) {
            url.query = "";
            state = QUERY_STATE;
          } else if (c === 0x23) {
            url.fragment = "";
            state = FRAGMENT_STATE;
          } else if (c === 0x20) {
            // An opaque path never ends in a bare space (whatwg/url#844).
            const next = cps[pointer + 1];
            url.path += next === 0x3F || next === 0x23 ? "%20" : " ";
          } else if (c !== EOF) {
            url.path += pctEncodeCP(c, C0_SET);
          }
          break;

        case QUERY_STATE:
          if ((!override && c === 0x23) || c === EOF) {
            url.query += pctEncode(buffer, special() ? SPECIAL_QUERY_SET : QUERY_SET, false);
            buffer = "";
            if (c === 0x23) {
              url.fragment = "";
              state = FRAGMENT_STATE;
            }
          } else if (c !== EOF) {
            buffer += fromCP(c);
          }
          break;

        case FRAGMENT_STATE:
          if (c !== EOF) url.fragment += pctEncodeCP(c, FRAGMENT_SET);
          break;
      }
      if (pointer >= len) break;
    }
    return url;
  }

  function serializePath(r) {
    if (r.opaque) return r.path;
    let out = "";
    for (const seg of r.path) out += "/" + seg;
    return out;
  }
  function serializeURL(r, excludeFragment) {
    let out = r.scheme + ":";
    if (r.host !== null) {
      out += "//";
      if (includesCredentials(r)) {
        out += r.username;
        if (r.password !== "") out += ":" + r.password;
        out += "@";
      }
      out += r.host;
      if (r.port !== null) out += ":" + r.port;
    }
    if (r.host === null && !r.opaque && r.path.length > 1 && r.path[0] === "") out += "/.";
    out += serializePath(r);
    if (r.query !== null) out += "?" + r.query;
    if (!excludeFragment && r.fragment !== null) out += "#" + r.fragment;
    return out;
  }
  function serializeOrigin(r) {
    switch (r.scheme) {
      case "blob": {
        const inner = basicParse(serializePath(r), null);
        if (inner !== FAILURE && (inner.scheme === "http" || inner.scheme === "https")) return serializeOrigin(inner);
        return "null";
      }
      case "ftp": case "http": case "https": case "ws": case "wss":
        return r.scheme + "://" + r.host + (r.port !== null ? ":" + r.port : "");
      default:
        return "null";
    }
  }

  // ---------------------------------------------------------------- application/x-www-form-urlencoded
  function formParse(input) {
    const out = [];
    for (const seq of input.split("&")) {
      if (seq === "") continue;
      const eq = seq.indexOf("=");
      let name = eq >= 0 ? seq.slice(0, eq) : seq;
      let value = eq >= 0 ? seq.slice(eq + 1) : "";
      if (name.indexOf("+") >= 0) name = name.replace(/\+/g, " ");
      if (value.indexOf("+") >= 0) value = value.replace(/\+/g, " ");
      out.push([pctDecodeString(name), pctDecodeString(value)]);
    }
    return out;
  }
  function formSerialize(list) {
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += "&";
      out += pctEncode(list[i][0], FORM_SET, true) + "=" + pctEncode(list[i][1], FORM_SET, true);
    }
    return out;
  }

  // ---------------------------------------------------------------- URL
  let urlRecordOf; // (urlObject) -> its URL record
  // The spec's TypeError, with what Node's carries (code ERR_INVALID_URL, input, base),
  // which code written for Node tests.
  function invalidURL(input, base) {
    const err = new TypeError(`Invalid URL: ${input}`);
    Object.defineProperty(err, "code", { value: "ERR_INVALID_URL", writable: true, enumerable: true, configurable: true });
    err.input = input;
    if (base !== undefined) err.base = String(base);
    return err;
  }
  class URL {
    #r;
    #params;

    constructor(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL constructor");
      const r = parseWithBase(toUSV(url), base);
      if (r === FAILURE) throw invalidURL(toUSV(url), base);
      this.#r = r;
      this.#params = null; // made on first use of searchParams (most URLs never need it)
    }

    static parse(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL.parse");
      try {
        return new URL(url, base);
      } catch (e) {
        if (e instanceof TypeError) return null;
        throw e;
      }
    }
    static canParse(url, base = undefined) {
      requireArgs(arguments.length, 1, "URL.canParse");
      return parseWithBase(toUSV(url), base) !== FAILURE;
    }

    get href() { return serializeURL(this.#r, false); }
    set href(value) {
      value = toUSV(value);
      const r = basicParse(value, null);
      if (r === FAILURE) throw invalidURL(value);
      this.#r = r;
      if (this.#params !== null) runtime.urlSearchParams.setList(this.#params, r.query);
    }
    get origin() { return serializeOrigin(this.#r); }
    get protocol() { return this.#r.scheme + ":"; }
    set protocol(value) {
      basicParse(toUSV(value) + ":", null, this.#r, SCHEME_START);
    }
    get username() { return this.#r.username; }
    set username(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      r.username = pctEncode(value, USERINFO_SET, false);
    }
    get password() { return this.#r.password; }
    set password(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      r.password = pctEncode(value, USERINFO_SET, false);
    }
    get host() {
      const r = this.#r;
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(value) {
      value = toUSV(value);
      const r = this.#r;
      if (r.opaque) return;
      this.#apply(value, HOST);
    }
    get hostname() { return this.#r.host === null ? "" : this.#r.host; }
    set hostname(value) {
      value = toUSV(value);
      if (this.#r.opaque) return;
      this.#apply(value, HOSTNAME);
    }
    get port() { return this.#r.port === null ? "" : String(this.#r.port); }
    set port(value) {
      value = toUSV(value);
      const r = this.#r;
      if (cannotHaveUserPassPort(r)) return;
      if (value === "") r.port = null;
      else this.#apply(value, PORT);
    }
    get pathname() { return serializePath(this.#r); }
    set pathname(value) {
      value = toUSV(value);
      const r = this.#r;
      if (r.opaque) return;
      r.path = [];
      basicParse(value, null, r, PATH_START);
    }
    get search() {
      const q = this.#r.query;
      return q === null || q === "" ? "" : "?" + q;
    }
    set search(value) {
      value = toUSV(value);
      const r = this.#r;
      if (value === "") {
        r.query = null;
        if (this.#params !== null) runtime.urlSearchParams.setList(this.#params, null);
        return;
      }
      const input = value.charCodeAt(0) === 0x3F ? value.slice(1) : value;
      r.query = "";
      basicParse(input, null, r, QUERY_STATE);
      if (this.#params !== null) runtime.urlSearchParams.setList(this.#params, input);
    }
    get searchParams() {
      if (this.#params === null) this.#params = runtime.urlSearchParams.newFor(this, this.#r.query);
      return this.#params;
    }
    get hash() {
      const f = this.#r.fragment;
      return f === null || f === "" ? "" : "#" + f;
    }
    set hash(value) {
      value = toUSV(value);
      const r = this.#r;
      if (value === "") {
        r.fragment = null;
        return;
      }
      const input = value.charCodeAt(0) === 0x23 ? value.slice(1) : value;
      r.fragment = "";
      basicParse(input, null, r, FRAGMENT_STATE);
    }
    toString() { return serializeURL(this.#r, false); }
    toJSON() { return serializeURL(this.#r, false); }

    // Run the basic URL parser on this URL with a state override; as the spec says, what it
    // set before a failure stays set (e.g. the host of "example.com:99999").
    #apply(value, override) {
      basicParse(value, null, this.#r, override);
    }

    static {
      urlRecordOf = (u) => u.#r;
    }
  }
  function parseWithBase(url, base) {
    let baseRec = null;
    if (base !== undefined) {
      baseRec = basicParse(toUSV(base), null);
      if (baseRec === FAILURE) return FAILURE;
    }
    return basicParse(url, baseRec);
  }
  interfaceMembers(URL.prototype, "URL");
  runtime.webidl.inspectAs(URL, runtime.webidl.fields([
    "href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search",
    "searchParams", "hash",
  ]));
  for (const key of ["parse", "canParse"]) {
    Object.defineProperty(URL, key, { enumerable: true });
  }

  // Internals for the runtime's own tests (the UTS #46 table check), not a public API.
  defineGlobal("URL", URL);

  runtime.url = {
    formParse,
    formSerialize,
    recordOf: urlRecordOf,
    // The basic URL parser with state overrides on a record, for URLPattern's canonicalization.
    basicParse,
    serializePath,
    states: { HOSTNAME, PORT, PATH_START, OPAQUE_PATH, QUERY: QUERY_STATE, FRAGMENT: FRAGMENT_STATE },
    encodeUserinfo: (s) => pctEncode(s, USERINFO_SET, false),
    isSpecialScheme,
    defaultPort,
    // The UTS #46 mapping, for the runtime's own test of the whole table.
    idnaMapCodePoint: mapCodePoint,
  };
})();
