// What the web API files share, defined once: Web IDL conversions and argument checks,
// how globals and class tags are defined (__runtime.webidl), and the UTF-8 codec
// (__runtime.utf8). Runs at context creation, so it holds only small functions.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const defineProperty = Object.defineProperty;
  const fromCharCode = String.fromCharCode;
  const isView = ArrayBuffer.isView;

  // One global scope on every engine. No shared memory (SharedArrayBuffer, Atomics): a
  // context is one agent, with no thread to share memory with, and not every engine can
  // provide it. No proposal that only some engines ship.
  for (const name of ["SharedArrayBuffer", "Atomics", "Temporal", "DisposableStack", "AsyncDisposableStack", "SuppressedError"]) {
    delete globalThis[name];
  }

  // ---------------------------------------------------------------- Web IDL
  // A global as Web IDL defines interface objects: writable, configurable, not enumerable.
  // A global of the one global scope; an interface's operations and attributes (on its
  // prototype, and static ones) are enumerable there, as Web IDL makes them and class
  // syntax does not.
  function defineGlobal(name, value) {
    if (typeof value === "function" && value.prototype && value.prototype.constructor === value) {
      enumerable(value.prototype, "constructor");
      enumerable(value, "length", "name", "prototype");
    }
    defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function enumerable(target, ...except) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (except.includes(key)) continue;
      const desc = Object.getOwnPropertyDescriptor(target, key);
      if (desc.enumerable || !desc.configurable) continue;
      desc.enumerable = true;
      defineProperty(target, key, desc);
    }
  }
  function tag(cls, name) {
    defineProperty(cls.prototype, Symbol.toStringTag, { value: name, configurable: true });
  }
  // Web IDL members (methods, accessors) are enumerable, unlike class members; and the
  // prototype carries the interface name as its tag.
  function interfaceMembers(proto, name) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor") continue;
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      desc.enumerable = true;
      defineProperty(proto, key, desc);
    }
    defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  }
  // A Web IDL pair iterable (iterable<K, V>): entries, keys, values, forEach and
  // @@iterator on cls, over the [key, value] pairs listOf(instance)() returns.
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  function pairIterable(cls, tagName, listOf) {
    const states = new WeakMap();
    const proto = Object.create(IteratorPrototype);
    defineProperty(proto, "next", {
      value: function next() {
        const st = states.get(this);
        if (!st) throw new TypeError(`Illegal invocation: not a ${tagName}`);
        const list = st.list();
        if (st.index >= list.length) return { value: undefined, done: true };
        const pair = list[st.index++];
        const value = st.kind === "key" ? pair[0] : st.kind === "value" ? pair[1] : [pair[0], pair[1]];
        return { value, done: false };
      },
      writable: true, configurable: true, enumerable: true,
    });
    defineProperty(proto, Symbol.toStringTag, { value: tagName, configurable: true });
    const make = (list, kind) => {
      const it = Object.create(proto);
      states.set(it, { list, kind, index: 0 });
      return it;
    };
    const methods = {
      entries() { return make(listOf(this), "key+value"); },
      keys() { return make(listOf(this), "key"); },
      values() { return make(listOf(this), "value"); },
      forEach(callback, thisArg = undefined) {
        const list = listOf(this);
        if (typeof callback !== "function") throw new TypeError(`${cls.name}.forEach: callback must be a function`);
        for (let i = 0; i < list().length; i++) {
          const pair = list()[i];
          callback.call(thisArg, pair[1], pair[0], this);
        }
      },
    };
    for (const name of ["entries", "keys", "values", "forEach"]) {
      defineProperty(cls.prototype, name, { value: methods[name], writable: true, configurable: true, enumerable: true });
    }
    defineProperty(cls.prototype, Symbol.iterator, { value: methods.entries, writable: true, configurable: true });
  }
  function isObject(v) { return (typeof v === "object" && v !== null) || typeof v === "function"; }
  function requireArgs(given, needed, where) {
    if (given < needed) {
      throw new TypeError(`${where}: ${needed} argument${needed > 1 ? "s" : ""} required, but only ${given} present.`);
    }
  }
  // A dictionary argument: undefined and null are empty, other non-objects are an error.
  function dictionary(value, where) {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) throw new TypeError(`${where}: the options argument must be an object.`);
    return value;
  }
  // USVString: ToString (a symbol throws), then lone surrogates become U+FFFD.
  function toUSV(v) {
    return `${v}`.toWellFormed();
  }
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const sabByteLength = typeof SharedArrayBuffer === "function"
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get : null;
  function isArrayBuffer(v) {
    try { abByteLength.call(v); return true; } catch (_) { /* not one */ }
    if (sabByteLength !== null) {
      try { sabByteLength.call(v); return true; } catch (_) { /* not one */ }
    }
    return false;
  }
  // A BufferSource as a Uint8Array over the same memory (no copy).
  // A BufferSource's bytes; a detached buffer's are none (Web IDL "get a copy of the bytes").
  function bufferSource(input, where) {
    if (isView(input)) {
      return input.buffer.detached === true ? new Uint8Array(0) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    if (isArrayBuffer(input)) return input.detached === true ? new Uint8Array(0) : new Uint8Array(input);
    throw new TypeError(`${where}: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.`);
  }

  // ---------------------------------------------------------------- UTF-8
  // Lone surrogates encode as U+FFFD; decoding replaces each maximal invalid subpart with
  // U+FFFD (or throws, when fatal), as the WHATWG Encoding Standard says.
  function encodedLength(s) {
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
      len += 2; // three bytes (a lone surrogate is U+FFFD, also three)
    }
    return len;
  }
  // Encode s into out from index 0, never a partial character; returns [read, written].
  function encodeInto(s, out) {
    const n = s.length, cap = out.length;
    let i = 0, j = 0;
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
    return [i, j];
  }
  function encode(s) {
    const out = new Uint8Array(encodedLength(s));
    encodeInto(s, out);
    return out;
  }

  const CHUNK = 8192; // code units per String.fromCharCode call
  function invalid() { return new TypeError("The encoded data was not valid for encoding utf-8"); }
  // A UTF-8 decoder that keeps an incomplete sequence between calls (streaming); the
  // Encoding Standard's state names. The byte order mark is the caller's business.
  class Decoder {
    constructor(fatal) {
      this.fatal = fatal;
      this.reset();
    }
    reset() {
      this.needed = 0; this.seen = 0; this.cp = 0; this.lower = 0x80; this.upper = 0xbf;
    }
    // Decode bytes (null: none); flush ends the stream (an incomplete sequence is an error).
    decode(bytes, flush) {
      const fatal = this.fatal;
      let needed = this.needed, seen = this.seen, cp = this.cp, lower = this.lower, upper = this.upper;
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
        if (fatal) {
          this.reset();
          throw invalid();
        }
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
        if (fatal) {
          this.reset();
          throw invalid();
        }
        if (buf === null) buf = new Uint16Array(1);
        buf[k++] = 0xfffd;
      }
      this.needed = needed; this.seen = seen; this.cp = cp; this.lower = lower; this.upper = upper;
      if (k > 0) result += fromCharCode.apply(null, buf.subarray(0, k));
      return result;
    }
  }
  const replacing = new Decoder(false);
  // The Encoding Standard's "UTF-8 decode" of a whole byte sequence: a leading byte order
  // mark is dropped unless keepBOM.
  function decode(bytes, keepBOM = false) {
    const s = replacing.decode(bytes, true);
    return !keepBOM && s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  // Promise.prototype.then as the context began, before a program could replace it: lazy
  // files load later, and spec steps ("react to a promise") must not call a patched then.
  const promiseThen = Promise.prototype.then;
  // What Node's util.inspect and console.log show of an instance: "Name { field: value }"
  // with the fields Node lists, `show(instance, inspect)` giving them as an object (or the
  // whole text). An instance the inspection cannot read (a prototype) shows as it is.
  const INSPECT = Symbol.for("nodejs.util.inspect.custom");
  function inspectAs(cls, show, name = cls.name) {
    defineProperty(cls.prototype, INSPECT, {
      value: function inspect(depth, options, inspectValue) {
        if (typeof inspectValue !== "function" || (typeof depth === "number" && depth < 0)) return this;
        let shown;
        try { shown = show(this, inspectValue); } catch (_) { return this; }
        if (typeof shown === "string") return shown;
        const text = inspectValue(shown, depth === undefined ? {} : { depth });
        return name ? `${name} ${text}` : text;
      },
      writable: true, enumerable: false, configurable: true,
    });
  }
  // The fields `names` of an instance, in that order.
  const fields = (names) => (self) => {
    const out = {};
    for (const name of names) out[name] = self[name];
    return out;
  };

  runtime.webidl = {
    defineGlobal, tag, interfaceMembers, inspectAs, fields, pairIterable, isObject, requireArgs, dictionary, toUSV, isArrayBuffer, bufferSource,
    promiseThen,
  };
  runtime.utf8 = { encode, encodeInto, decode, Decoder };
})();
