// TextEncoder, TextDecoder (UTF-8, WHATWG Encoding), atob, btoa (forgiving-base64).
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const DOMException = globalThis.DOMException;
  const fromCharCode = String.fromCharCode;
  const isView = ArrayBuffer.isView;
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const sabByteLength = typeof SharedArrayBuffer === "function"
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get : null;

  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function tag(cls, name) {
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
  }
  function isArrayBuffer(v) {
    try { abByteLength.call(v); return true; } catch (_) { /* not one */ }
    if (sabByteLength !== null) {
      try { sabByteLength.call(v); return true; } catch (_) { /* not one */ }
    }
    return false;
  }
  // A BufferSource as a Uint8Array over the same memory (no copy).
  function bytesOf(input, where) {
    if (isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (isArrayBuffer(input)) return new Uint8Array(input);
    throw new TypeError(`${where}: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'`);
  }

  // ------------------------------------------------------------------ TextEncoder
  function utf8Length(s) {
    const n = s.length;
    let len = n;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) { len += 1; continue; }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { len += 2; i++; continue; }
      }
      len += 2; // three bytes (lone surrogates become U+FFFD, also three)
    }
    return len;
  }
  // Encode s[from..] into out[at..] (never a partial character); returns [read, written].
  function encodeUtf8(s, out, at, from) {
    const n = s.length, cap = out.length;
    let i = from, j = at;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (j >= cap) break;
        out[j++] = c; i++;
        continue;
      }
      if (c < 0x800) {
        if (j + 2 > cap) break;
        out[j++] = 0xc0 | (c >> 6);
        out[j++] = 0x80 | (c & 63);
        i++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          if (j + 4 > cap) break;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[j++] = 0xf0 | (cp >> 18);
          out[j++] = 0x80 | ((cp >> 12) & 63);
          out[j++] = 0x80 | ((cp >> 6) & 63);
          out[j++] = 0x80 | (cp & 63);
          i += 2;
          continue;
        }
        c = 0xfffd;
      }
      if (j + 3 > cap) break;
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
      i++;
    }
    return [i - from, j - at];
  }

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") {
      const s = String(input);
      const out = new Uint8Array(utf8Length(s));
      encodeUtf8(s, out, 0, 0);
      return out;
    }
    encodeInto(source, destination) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': 2 arguments required");
      const s = String(source);
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
      }
      const [read, written] = encodeUtf8(s, destination, 0, 0);
      return { read, written };
    }
  }
  tag(TextEncoder, "TextEncoder");

  // ------------------------------------------------------------------ TextDecoder
  const UTF8_LABELS = new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);
  const CHUNK = 8192;

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    #bomSeen = false;
    #streaming = false; // "do not flush"
    // UTF-8 decoder state (Encoding spec names)
    #needed = 0;
    #seen = 0;
    #cp = 0;
    #lower = 0x80;
    #upper = 0xbf;

    constructor(label = "utf-8", options = undefined) {
      const name = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
      if (!UTF8_LABELS.has(name)) {
        throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${String(label)}') is invalid or not supported.`);
      }
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to construct 'TextDecoder': options must be an object");
      }
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = undefined, options = undefined) {
      const bytes = input === undefined ? null : bytesOf(input, "Failed to execute 'decode' on 'TextDecoder'");
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to execute 'decode' on 'TextDecoder': options must be an object");
      }
      if (!this.#streaming) {
        this.#needed = 0; this.#seen = 0; this.#cp = 0; this.#lower = 0x80; this.#upper = 0xbf;
        this.#bomSeen = false;
      }
      const stream = !!(options && options.stream);
      this.#streaming = stream;
      let out;
      try {
        out = this.#run(bytes, !stream);
      } catch (e) {
        // a fatal error resets the decoder
        this.#streaming = false;
        throw e;
      }
      if (!this.#ignoreBOM && !this.#bomSeen && out.length > 0) {
        if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
        this.#bomSeen = true;
      }
      return out;
    }

    #run(bytes, flush) {
      const fatal = this.#fatal;
      let needed = this.#needed, seen = this.#seen, cp = this.#cp, lower = this.#lower, upper = this.#upper;
      const n = bytes === null ? 0 : bytes.length;
      let result = "";
      let buf = null;
      let k = 0;
      let i = 0;
      // ASCII fast path at the start when nothing is pending
      if (needed === 0 && n > 0) {
        while (i < n && bytes[i] < 0x80) i++;
        if (i > 0) {
          if (i === n && i <= CHUNK) return fromCharCode.apply(null, bytes);
          for (let p = 0; p < i; p += CHUNK) result += fromCharCode.apply(null, bytes.subarray(p, Math.min(i, p + CHUNK)));
        }
      }
      if (i < n) buf = new Uint16Array(Math.min(CHUNK + 2, (n - i) + 2));
      const error = () => {
        if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
        buf[k++] = 0xfffd;
      };
      while (i < n) {
        if (k >= CHUNK) {
          result += fromCharCode.apply(null, buf.subarray(0, k));
          k = 0;
        }
        const b = bytes[i];
        if (needed === 0) {
          i++;
          if (b < 0x80) { buf[k++] = b; continue; }
          if (b >= 0xc2 && b <= 0xdf) { needed = 1; cp = b & 0x1f; continue; }
          if (b >= 0xe0 && b <= 0xef) {
            if (b === 0xe0) lower = 0xa0;
            else if (b === 0xed) upper = 0x9f;
            needed = 2; cp = b & 0xf;
            continue;
          }
          if (b >= 0xf0 && b <= 0xf4) {
            if (b === 0xf0) lower = 0x90;
            else if (b === 0xf4) upper = 0x8f;
            needed = 3; cp = b & 0x7;
            continue;
          }
          error();
          continue;
        }
        if (b < lower || b > upper) {
          // reprocess this byte as the start of a new sequence
          needed = seen = cp = 0; lower = 0x80; upper = 0xbf;
          error();
          continue;
        }
        i++;
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (b & 0x3f);
        if (++seen !== needed) continue;
        if (cp >= 0x10000) {
          cp -= 0x10000;
          buf[k++] = 0xd800 + (cp >> 10);
          buf[k++] = 0xdc00 + (cp & 0x3ff);
        } else {
          buf[k++] = cp;
        }
        needed = seen = cp = 0;
      }
      if (flush && needed !== 0) {
        needed = seen = cp = 0; lower = 0x80; upper = 0xbf;
        if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
        if (buf === null) buf = new Uint16Array(1);
        buf[k++] = 0xfffd;
      }
      this.#needed = needed; this.#seen = seen; this.#cp = cp; this.#lower = lower; this.#upper = upper;
      if (k > 0) result += fromCharCode.apply(null, buf.subarray(0, k));
      return result;
    }
  }
  tag(TextDecoder, "TextDecoder");

  // ------------------------------------------------------------------ atob / btoa
  function invalidChar(msg) {
    return new DOMException(msg, "InvalidCharacterError");
  }
  function btoa(data) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'btoa': 1 argument required, but only 0 present.");
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
    if (arguments.length < 1) throw new TypeError("Failed to execute 'atob': 1 argument required, but only 0 present.");
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

  defineGlobal("TextEncoder", TextEncoder);
  defineGlobal("TextDecoder", TextDecoder);
  defineGlobal("atob", atob);
  defineGlobal("btoa", btoa);
})();
