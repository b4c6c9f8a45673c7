// Percent-encoding as Node's querystring and legacy url modules do it: UTF-8 bytes as
// upper-case "%XX", with a table of the ASCII characters left as they are.
"use strict";

const { nodeError } = require("./errors.js");

const hexTable = new Array(256);
for (let i = 0; i < 256; i++) hexTable[i] = `%${i < 16 ? "0" : ""}${i.toString(16).toUpperCase()}`;

// 1 for the characters of a hexadecimal digit.
const isHexTable = new Int8Array(256);
for (const ch of "0123456789ABCDEFabcdef") isHexTable[ch.charCodeAt(0)] = 1;

// A table of the 128 ASCII codes: 1 for the characters in `chars`.
function asciiTable(chars) {
  const table = new Int8Array(128);
  for (const ch of chars) table[ch.charCodeAt(0)] = 1;
  return table;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// Encodes every character of `str` that `noEscape` does not list. A UTF-16 surrogate is read
// as the first of a pair whatever follows it (as Node does); one that ends the string is a
// URIError (ERR_INVALID_URI).
function encodeStr(str, noEscape) {
  const len = str.length;
  let out = "";
  let lastPos = 0;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscape[c] === 1) continue;
      out += str.slice(lastPos, i) + hexTable[c];
    } else if (c < 0x800) {
      out += str.slice(lastPos, i) + hexTable[0xc0 | (c >> 6)] + hexTable[0x80 | (c & 0x3f)];
    } else if (c < 0xd800 || c >= 0xe000) {
      out += str.slice(lastPos, i) + hexTable[0xe0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3f)] +
        hexTable[0x80 | (c & 0x3f)];
    } else {
      out += str.slice(lastPos, i);
      if (++i >= len) throw nodeError(URIError, "ERR_INVALID_URI", "URI malformed");
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += hexTable[0xf0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3f)] +
        hexTable[0x80 | ((c >> 6) & 0x3f)] + hexTable[0x80 | (c & 0x3f)];
    }
    lastPos = i + 1;
  }
  if (lastPos === 0) return str;
  return lastPos < len ? out + str.slice(lastPos) : out;
}

module.exports = { hexTable, isHexTable, asciiTable, ALPHANUMERIC, encodeStr };
