// The byte codecs behind Buffer: each of Node's encodings to and from bytes, with the
// quirks Node's C++ side has. Slices read bytes[start, end) into a string; writes put a
// string into bytes[offset, offset + max) and return how many bytes they wrote. Callers
// check the ranges.
//
// Decoding rules (Node's): utf8 replaces each maximal invalid subpart with U+FFFD and keeps
// a byte order mark; ascii drops each byte's high bit; ucs2 ignores an odd last byte.
// Encoding rules: latin1 and ascii keep each code unit's low byte; utf8 writes whole
// characters only (a lone surrogate is U+FFFD); hex stops at the first pair that is not
// two hex digits; base64 and base64url accept both alphabets, skip any other character
// and stop at the first "=". Hex and base64 read each code unit's low byte, as Node does.
"use strict";

const { kStringMaxLength, stringTooLong } = require("./validators.js");

const fromCharCode = String.fromCharCode;
const CHUNK = 8192; // code units per String.fromCharCode call

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

// ---------------------------------------------------------------- encoding names

// Node's normalizeEncoding: the canonical name of an encoding name given in any letter
// case, "utf8" for undefined, null and "", undefined for anything else.
function normalizeEncoding(encoding) {
  if (encoding == null || encoding === "utf8" || encoding === "utf-8" || encoding === "") return "utf8";
  if (typeof encoding !== "string") return undefined;
  return NAMES[encoding] || NAMES[encoding.toLowerCase()];
}
// Node's encoding names (in lower case) and the one each stands for.
const NAMES = {
  __proto__: null,
  "utf8": "utf8",
  "utf-8": "utf8",
  "ucs2": "utf16le",
  "ucs-2": "utf16le",
  "utf16le": "utf16le",
  "utf-16le": "utf16le",
  "latin1": "latin1",
  "binary": "latin1",
  "ascii": "ascii",
  "base64": "base64",
  "base64url": "base64url",
  "hex": "hex",
};

// ---------------------------------------------------------------- helpers

function view(bytes, start, end) {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

// A string of the code units in `codes` (a typed array), made in chunks.
function fromCodes(codes) {
  if (codes.length <= CHUNK) return fromCharCode.apply(null, codes);
  const parts = [];
  for (let i = 0; i < codes.length; i += CHUNK) parts.push(fromCharCode.apply(null, codes.subarray(i, i + CHUNK)));
  return parts.join("");
}

function checkStringLength(length) {
  if (length > kStringMaxLength) throw stringTooLong();
}

// ---------------------------------------------------------------- lengths

// Bytes of `string` in UTF-8; a lone surrogate counts 3 (it encodes as U+FFFD).
function byteLengthUtf8(string) {
  const n = string.length;
  let length = n;
  for (let i = 0; i < n; i++) {
    const c = string.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      length += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length += 2;
      i++;
    } else {
      length += 2;
    }
  }
  return length;
}

// Node's estimate for base64: three bytes per four characters, less up to two "=" at the end.
function base64ByteLength(string) {
  let n = string.length;
  if (string.charCodeAt(n - 1) === 0x3d) n--;
  if (n > 1 && string.charCodeAt(n - 1) === 0x3d) n--;
  return (n * 3) >>> 2;
}

// ---------------------------------------------------------------- slices

function utf8Slice(bytes, start, end) {
  const string = decoder.decode(view(bytes, start, end));
  checkStringLength(string.length);
  return string;
}

function latin1Slice(bytes, start, end) {
  checkStringLength(end - start);
  return fromCodes(view(bytes, start, end));
}

function asciiSlice(bytes, start, end) {
  let i = start;
  while (i < end && bytes[i] < 0x80) i++;
  if (i === end) return latin1Slice(bytes, start, end);
  const masked = new Uint8Array(view(bytes, start, end));
  for (let j = i - start; j < masked.length; j++) masked[j] &= 0x7f;
  return latin1Slice(masked, 0, masked.length);
}

function ucs2Slice(bytes, start, end) {
  const codes = new Uint16Array((end - start) >>> 1);
  checkStringLength(codes.length);
  for (let i = 0, j = start; i < codes.length; i++, j += 2) codes[i] = bytes[j] | (bytes[j + 1] << 8);
  return fromCodes(codes);
}

function hexSlice(bytes, start, end) {
  checkStringLength((end - start) * 2);
  return view(bytes, start, end).toHex();
}

function base64Slice(bytes, start, end) {
  checkStringLength(Math.ceil((end - start) / 3) * 4);
  return view(bytes, start, end).toBase64();
}

function base64urlSlice(bytes, start, end) {
  checkStringLength(Math.ceil(((end - start) * 4) / 3));
  return view(bytes, start, end).toBase64({ alphabet: "base64url", omitPadding: true });
}

// ---------------------------------------------------------------- writes

function utf8Write(bytes, string, offset, max) {
  return encoder.encodeInto(string, view(bytes, offset, offset + max)).written;
}

function latin1Write(bytes, string, offset, max) {
  const n = Math.min(string.length, max);
  for (let i = 0; i < n; i++) bytes[offset + i] = string.charCodeAt(i);
  return n;
}

function ucs2Write(bytes, string, offset, max) {
  const n = Math.min(string.length, max >>> 1);
  for (let i = 0, j = offset; i < n; i++, j += 2) {
    const c = string.charCodeAt(i);
    bytes[j] = c;
    bytes[j + 1] = c >>> 8;
  }
  return n * 2;
}

// Digit values by character code: -1 for a character that is not one.
const HEX_VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUES["0123456789abcdef".charCodeAt(i)] = i;
  HEX_VALUES["0123456789ABCDEF".charCodeAt(i)] = i;
}
const BASE64_VALUES = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  BASE64_VALUES["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
}
BASE64_VALUES[0x2d] = 62; // "-"
BASE64_VALUES[0x5f] = 63; // "_"

function hexWrite(bytes, string, offset, max) {
  let i = 0;
  for (; i < max && i * 2 + 1 < string.length; i++) {
    const high = HEX_VALUES[string.charCodeAt(i * 2) & 0xff];
    const low = HEX_VALUES[string.charCodeAt(i * 2 + 1) & 0xff];
    if (high < 0 || low < 0) break;
    bytes[offset + i] = (high << 4) | low;
  }
  return i;
}

// Every fourth digit of a group completes no byte; each other one completes the byte that
// takes the previous digit's low bits and its own high bits.
function base64Write(bytes, string, offset, max) {
  const end = offset + max;
  let k = offset;
  let digits = 0; // digits of the current group of four seen so far
  let previous = 0;
  for (let i = 0; i < string.length && k < end; i++) {
    const c = string.charCodeAt(i) & 0xff;
    const value = BASE64_VALUES[c];
    if (value < 0) {
      if (c === 0x3d) break;
      continue;
    }
    if (digits === 1) bytes[k++] = (previous << 2) | (value >>> 4);
    else if (digits === 2) bytes[k++] = ((previous & 0xf) << 4) | (value >>> 2);
    else if (digits === 3) bytes[k++] = ((previous & 0x3) << 6) | value;
    previous = value;
    digits = (digits + 1) & 3;
  }
  return k - offset;
}

// ---------------------------------------------------------------- validation

function isAsciiBytes(bytes) {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

// Well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates, at most U+10FFFF).
function isUtf8Bytes(bytes) {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed, lower = 0x80, upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      if (b === 0xe0) lower = 0xa0;
      else if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f;
    } else return false;
    if (i + needed >= n) return false;
    const second = bytes[i + 1];
    if (second < lower || second > upper) return false;
    for (let j = 2; j <= needed; j++) if ((bytes[i + j] & 0xc0) !== 0x80) return false;
    i += needed + 1;
  }
  return true;
}

// ---------------------------------------------------------------- encodings

// Each encoding's codec, by the name normalizeEncoding gives.
const CODECS = {
  __proto__: null,
  utf8: { byteLength: byteLengthUtf8, slice: utf8Slice, write: utf8Write },
  utf16le: { byteLength: (s) => s.length * 2, slice: ucs2Slice, write: ucs2Write },
  latin1: { byteLength: (s) => s.length, slice: latin1Slice, write: latin1Write },
  ascii: { byteLength: (s) => s.length, slice: asciiSlice, write: latin1Write },
  base64: { byteLength: base64ByteLength, slice: base64Slice, write: base64Write },
  base64url: { byteLength: base64ByteLength, slice: base64urlSlice, write: base64Write },
  hex: { byteLength: (s) => s.length >>> 1, slice: hexSlice, write: hexWrite },
};

module.exports = { NAMES, normalizeEncoding, CODECS, isAsciiBytes, isUtf8Bytes };
