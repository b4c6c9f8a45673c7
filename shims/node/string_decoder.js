// node:string_decoder — Node.js's StringDecoder: bytes written in chunks decode to strings
// with no character cut at a chunk boundary. The bytes of an incomplete character wait in
// the decoder's state (Node's layout: four character bytes, then how many bytes it still
// misses, how many it holds, and the encoding), and are decoded once complete, or by
// end(). Which bytes wait, and when they are decoded, follows Node's decoder exactly, so
// each write() returns what Node's returns, U+FFFD replacements included.
"use strict";

const { nodeError, invalidArgType } = require("./internal/errors.js");
const { CODECS, NAMES } = require("./internal/buffer/codecs.js");

const kNativeDecoder = Symbol("kNativeDecoder");
const kIncompleteCharactersStart = 0;
const kIncompleteCharactersEnd = 4;
const kMissingBytes = 4;
const kBufferedBytes = 5;
const kEncodingField = 6;
const kNumFields = 7;

// Node's numbers for the encodings (the state's last byte).
const ASCII = 0;
const UTF8 = 1;
const BASE64 = 2;
const UCS2 = 3;
const LATIN1 = 4;
const HEX = 5;
const BASE64URL = 7;

const NUMBERS = { utf8: UTF8, utf16le: UCS2, latin1: LATIN1, base64: BASE64, base64url: BASE64URL, hex: HEX, ascii: ASCII };

// Node's normalizeEncoding: null, undefined and "" mean utf8; otherwise the value's string
// form, case-insensitively, when the value's length is that name's length.
function normalizeEncoding(enc) {
  if (enc == null || enc === "") return "utf8";
  const length = enc.length;
  if (length >= 3 && length <= 9) {
    const lower = `${enc}`.toLowerCase();
    const name = NAMES[lower];
    if (name !== undefined && lower.length === length) return name;
  }
  throw nodeError(TypeError, "ERR_UNKNOWN_ENCODING", globalThis.__runtime.format("Unknown encoding: %s", enc));
}

function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  const state = new Uint8Array(kNumFields);
  state[kEncodingField] = NUMBERS[this.encoding];
  this[kNativeDecoder] = state;
}

// A string is returned as it is; any ArrayBuffer view is read as its bytes.
StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === "string") return buf;
  if (!ArrayBuffer.isView(buf)) throw invalidArgType("buf", ["Buffer", "TypedArray", "DataView"], buf);
  const state = this[kNativeDecoder];
  if (!(state instanceof Uint8Array)) throw nodeError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type StringDecoder');
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return decode(state, bytes);
};

// What write(buf) returns, then the waiting bytes of an incomplete character, decoded.
StringDecoder.prototype.end = function end(buf) {
  let ret = "";
  if (buf !== undefined) ret = this.write(buf);
  if (this[kNativeDecoder][kBufferedBytes] > 0) ret += flush(this[kNativeDecoder]);
  return ret;
};

// Node's undocumented text(buf, offset): forget any waiting bytes, then write buf from offset.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissingBytes] = 0;
  this[kNativeDecoder][kBufferedBytes] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  // The four bytes of the incomplete-character buffer (a Buffer sharing the decoder's memory).
  lastChar: {
    configurable: true,
    enumerable: true,
    get() {
      const { Buffer } = require("node:buffer");
      const state = this[kNativeDecoder];
      return Buffer.from(state.buffer, state.byteOffset + kIncompleteCharactersStart, kIncompleteCharactersEnd);
    },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder][kMissingBytes]; },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { return this[kNativeDecoder][kBufferedBytes] + this[kNativeDecoder][kMissingBytes]; },
  },
});

// Node's StringDecoder::DecodeData. The bytes first complete a waiting character; of the
// rest, a trailing incomplete character (utf8, utf16le) or 3-byte group (base64) waits.
function decode(state, data) {
  const enc = state[kEncodingField];
  if (enc === ASCII || enc === HEX || enc === LATIN1) return makeString(data, enc);
  let start = 0;
  let prepend = "";
  if (state[kMissingBytes] > 0) {
    if (enc === UTF8) {
      // A byte that cannot continue the waiting character ends it as it is (decoded to
      // U+FFFD) and starts a new character.
      const limit = Math.min(data.length, state[kMissingBytes]);
      for (let i = 0; i < limit; i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          state[kMissingBytes] = 0;
          state.set(data.subarray(0, i), state[kBufferedBytes]);
          state[kBufferedBytes] += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(data.length - start, state[kMissingBytes]);
    state.set(data.subarray(start, start + found), state[kBufferedBytes]);
    start += found;
    state[kMissingBytes] -= found;
    state[kBufferedBytes] += found;
    if (state[kMissingBytes] === 0) {
      prepend = makeString(state.subarray(0, state[kBufferedBytes]), enc);
      state[kBufferedBytes] = 0;
    }
  }
  if (start === data.length) return prepend;
  let end = data.length;
  if (enc === UTF8) holdUtf8Tail(state, data, start);
  else if (enc === UCS2) holdUtf16Tail(state, data, start);
  else holdBase64Tail(state, data, start);
  const held = state[kBufferedBytes];
  if (held > 0) {
    end -= held;
    state.set(data.subarray(end), kIncompleteCharactersStart);
  }
  return end > start ? prepend + makeString(data.subarray(start, end), enc) : prepend;
}

// Sets how many bytes of data[start..] end in an incomplete UTF-8 character, and how many
// that character still misses. Invalid endings (a lead byte that starts no character, or
// more continuation bytes than a character has) are decoded now instead.
function holdUtf8Tail(state, data, start) {
  if ((data[data.length - 1] & 0x80) === 0) return;
  let buffered = 0;
  let missing = 0;
  for (let i = data.length - 1; ; i--) {
    buffered++;
    const byte = data[i];
    if ((byte & 0xc0) === 0x80) {
      if (buffered >= 4 || i === start) {
        buffered = 0;
        break;
      }
      continue;
    }
    const total = (byte & 0xe0) === 0xc0 ? 2 : (byte & 0xf0) === 0xe0 ? 3 : (byte & 0xf8) === 0xf0 ? 4 : 0;
    if (total > buffered) missing = total - buffered;
    else buffered = 0;
    break;
  }
  state[kBufferedBytes] = buffered;
  state[kMissingBytes] = missing;
}

// An odd last byte waits for its pair; else a last code unit that is a high surrogate
// waits for the low one.
function holdUtf16Tail(state, data, start) {
  let held = 0;
  if ((data.length - start) % 2 === 1) held = 1;
  else if ((data[data.length - 1] & 0xfc) === 0xd8) held = 2;
  state[kBufferedBytes] = held;
  state[kMissingBytes] = held;
}

// Bytes past the last whole 3-byte group wait, so base64 is padded only at the end.
function holdBase64Tail(state, data, start) {
  const held = (data.length - start) % 3;
  state[kBufferedBytes] = held;
  state[kMissingBytes] = held > 0 ? 3 - held : 0;
}

// Node's StringDecoder::FlushData: the waiting bytes decoded as they are; in utf16le an
// odd byte is dropped.
function flush(state) {
  const enc = state[kEncodingField];
  if (enc === UCS2 && state[kBufferedBytes] % 2 === 1) {
    state[kMissingBytes]--;
    state[kBufferedBytes]--;
  }
  if (state[kBufferedBytes] === 0) return "";
  const ret = makeString(state.subarray(0, state[kBufferedBytes]), enc);
  state[kMissingBytes] = 0;
  state[kBufferedBytes] = 0;
  return ret;
}

// ---------------------------------------------------------------- bytes to text
// Complete characters decode as node:buffer's toString does (its codecs, by name).
const NAME_OF = Object.fromEntries(Object.entries(NUMBERS).map(([name, number]) => [number, name]));

function makeString(bytes, enc) {
  return CODECS[NAME_OF[enc]].slice(bytes, 0, bytes.length);
}

module.exports = { StringDecoder };
