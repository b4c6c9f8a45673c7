// TextEncoder and TextDecoder: the WHATWG Encoding Standard. TextEncoder is UTF-8 (as the
// standard says); TextDecoder decodes UTF-8 here and every other encoding it supports
// through __runtime.encodings (07_encoding_legacy.js, loaded on first use of such a label).
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, bufferSource } = runtime.webidl;
  const utf8 = runtime.utf8;

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") {
      return utf8.encode(String(input));
    }
    encodeInto(source, destination) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': 2 arguments required");
      const s = String(source);
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'.");
      }
      const [read, written] = utf8.encodeInto(s, destination);
      return { read, written };
    }
  }
  tag(TextEncoder, "TextEncoder");

  const UTF8_LABELS = new Set(["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]);

  // ASCII whitespace trimmed, ASCII letters lowercased (only those: "\u212Aoi8-r" is no label).
  function normalize(label) {
    return label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }

  class TextDecoder {
    #encoding = "utf-8";
    #fatal;
    #ignoreBOM;
    #bomSeen = false;
    #streaming = false; // "do not flush"
    #decoder;

    constructor(label = "utf-8", options = undefined) {
      label = String(label);
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to construct 'TextDecoder': options must be an object");
      }
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
      const name = normalize(label);
      if (UTF8_LABELS.has(name)) {
        this.#decoder = new utf8.Decoder(this.#fatal);
        return;
      }
      const encoding = runtime.encodings.get(name);
      if (encoding === null || encoding.make === undefined) {
        const why = encoding === null ? "is invalid" : `names ${encoding.name}, which is not supported`;
        throw new RangeError(`Failed to construct 'TextDecoder': The encoding label provided ('${label}') ${why}.`);
      }
      this.#encoding = encoding.name;
      this.#decoder = encoding.make(this.#fatal);
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = undefined, options = undefined) {
      const bytes = input === undefined ? null : bufferSource(input, "Failed to execute 'decode' on 'TextDecoder'");
      if (options !== undefined && options !== null && typeof options !== "object") {
        throw new TypeError("Failed to execute 'decode' on 'TextDecoder': options must be an object");
      }
      if (!this.#streaming) {
        this.#decoder.reset();
        this.#bomSeen = false;
      }
      const stream = !!(options && options.stream);
      this.#streaming = stream;
      let out;
      try {
        out = this.#decoder.decode(bytes, !stream);
      } catch (e) {
        // a fatal error resets the decoder
        this.#streaming = false;
        throw e;
      }
      // A byte order mark is dropped from UTF-8 and UTF-16 (no other decoder makes U+FEFF)
      if (!this.#ignoreBOM && !this.#bomSeen && out.length > 0) {
        if (out.charCodeAt(0) === 0xfeff) out = out.slice(1);
        this.#bomSeen = true;
      }
      return out;
    }
  }
  tag(TextDecoder, "TextDecoder");
  // Node shows a TextEncoder without its class name.
  runtime.webidl.inspectAs(TextEncoder, runtime.webidl.fields(["encoding"]), "");
  runtime.webidl.inspectAs(TextDecoder, runtime.webidl.fields(["encoding", "fatal", "ignoreBOM"]));

  defineGlobal("TextEncoder", TextEncoder);
  defineGlobal("TextDecoder", TextDecoder);
  runtime.encoding = { TextDecoder };
})();
