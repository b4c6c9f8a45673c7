// node:querystring: Node.js's query string parser and serializer. escape() and unescape() are
// looked up on the module at each call, as in Node, so that assigning a replacement to
// querystring.escape or querystring.unescape changes how stringify() and parse() encode.
"use strict";

const { encodeStr, isHexTable, asciiTable, ALPHANUMERIC } = require("./internal/querystring.js");

const querystring = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
module.exports = querystring;

// The value of each hexadecimal digit's character code, -1 for the others.
const unhexTable = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  const digit = i.toString(16);
  unhexTable[digit.charCodeAt(0)] = i;
  unhexTable[digit.toUpperCase().charCodeAt(0)] = i;
}

// The bytes that `s` percent-decodes to: each "%XX" is one byte, "+" a space when
// `decodeSpaces`, and every other UTF-16 code unit its low 8 bits.
function unescapeBytes(s, decodeSpaces) {
  const out = new Uint8Array(s.length);
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 43 /* + */ && decodeSpaces) {
      out[length++] = 32;
    } else if (code === 37 /* % */ && i < s.length - 2) {
      const high = unhexTable[s.charCodeAt(i + 1)];
      const low = unhexTable[s.charCodeAt(i + 2)];
      if (high >= 0 && low >= 0) {
        out[length++] = high * 16 + low;
        i += 2;
      } else {
        out[length++] = 37;
      }
    } else {
      out[length++] = code;
    }
  }
  return out.subarray(0, length);
}

// unescapeBuffer(s, decodeSpaces): the Buffer of percent-decoded bytes.
function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require("node:buffer");
  const bytes = unescapeBytes(s, decodeSpaces);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

const utf8Decoder = new TextDecoder();

// unescape(s, decodeSpaces): decodeURIComponent(s), or, where that throws (a malformed
// escape), the bytes of unescapeBuffer() read as UTF-8.
function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    if (querystring.unescapeBuffer !== unescapeBuffer) return querystring.unescapeBuffer(s, decodeSpaces).toString();
    return utf8Decoder.decode(unescapeBytes(s, decodeSpaces));
  }
}

// What escape() leaves as it is: more than encodeURIComponent ("!'()*" too).
const noEscape = asciiTable(`${ALPHANUMERIC}!'()*-._~`);

// escape(str): the percent-encoding stringify() uses.
function qsEscape(str) {
  if (typeof str !== "string") {
    if (typeof str === "object") str = String(str);
    else str += "";
  }
  return encodeStr(str, noEscape);
}

// A value as text: strings, finite numbers, bigints and booleans; "" for anything else.
function stringifyPrimitive(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return `${v}`;
  if (typeof v === "bigint") return `${v}`;
  if (typeof v === "boolean") return v ? "true" : "false";
  return "";
}

// stringifyPrimitive() encoded with the built-in escape(), which numbers, bigints and
// booleans skip (only a number written with an exponent needs it, for its "+").
function encodeWithEscape(v, encode) {
  if (typeof v === "string") return v.length ? encode(v) : "";
  if (typeof v === "number" && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
  return stringifyPrimitive(v);
}

function encodeWithCustom(v, encode) {
  return encode(stringifyPrimitive(v));
}

// stringify(obj, sep = "&", eq = "=", {encodeURIComponent}): an array value gives the key once
// per element (none for an empty array).
function stringify(obj, sep, eq, options) {
  sep = sep || "&";
  eq = eq || "=";
  let encode = querystring.escape;
  if (options && typeof options.encodeURIComponent === "function") encode = options.encodeURIComponent;
  const convert = encode === qsEscape ? encodeWithEscape : encodeWithCustom;
  if (obj === null || typeof obj !== "object") return "";
  let fields = "";
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = convert(key, encode) + eq;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      for (let j = 0; j < value.length; j++) {
        if (fields) fields += sep;
        fields += prefix + convert(value[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += prefix + convert(value, encode);
    }
  }
  return fields;
}

function charCodes(str) {
  const codes = new Array(str.length);
  for (let i = 0; i < str.length; i++) codes[i] = str.charCodeAt(i);
  return codes;
}

const defaultSepCodes = [38]; // &
const defaultEqCodes = [61]; // =

// decode(s), or the built-in unescape where a custom decoder throws.
function decodeStr(s, decode) {
  try {
    return decode(s);
  } catch {
    return querystring.unescape(s, true);
  }
}

// Adds a pair; a repeated key collects its values in an array.
function addKeyValue(obj, key, value, keyEncoded, valueEncoded, decode) {
  if (key.length > 0 && keyEncoded) key = decodeStr(key, decode);
  if (value.length > 0 && valueEncoded) value = decodeStr(value, decode);
  const current = obj[key];
  if (current === undefined) obj[key] = value;
  else if (current.pop) current[current.length] = value;
  else obj[key] = [current, value];
}

// parse(str, sep = "&", eq = "=", {maxKeys = 1000, decodeURIComponent}): an object without a
// prototype. "+" reads as a space. Only keys and values that hold a "%XX" escape are decoded
// (all of them with a custom decoder); maxKeys <= 0 means no limit.
function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== "string" || qs.length === 0) return obj;

  const sepCodes = sep ? charCodes(String(sep)) : defaultSepCodes;
  const eqCodes = eq ? charCodes(String(eq)) : defaultEqCodes;
  const sepLen = sepCodes.length;
  const eqLen = eqCodes.length;

  // pairs left before the limit; -1 counts down without ever reaching 0
  let pairs = 1000;
  if (options && typeof options.maxKeys === "number") pairs = options.maxKeys > 0 ? options.maxKeys : -1;

  let decode = querystring.unescape;
  if (options && typeof options.decodeURIComponent === "function") decode = options.decodeURIComponent;
  const customDecode = decode !== qsUnescape;
  const plus = customDecode ? "%20" : " ";

  let lastPos = 0;
  // how many characters of the separator / of eq the text has matched so far
  let sepIdx = 0;
  let eqIdx = 0;
  let key = "";
  let value = "";
  let keyEncoded = customDecode;
  let valueEncoded = customDecode;
  // characters of a "%XX" escape seen so far (1 after "%")
  let encodeCheck = 0;

  for (let i = 0; i < qs.length; i++) {
    const code = qs.charCodeAt(i);

    if (code === sepCodes[sepIdx]) {
      if (++sepIdx === sepLen) {
        const end = i - sepIdx + 1;
        if (eqIdx < eqLen) {
          // no eq in the pair: all of it is the key
          if (lastPos < end) {
            key += qs.slice(lastPos, end);
          } else if (key.length === 0) {
            // an empty pair between two separators
            if (--pairs === 0) return obj;
            lastPos = i + 1;
            sepIdx = eqIdx = 0;
            continue;
          }
        } else if (lastPos < end) {
          value += qs.slice(lastPos, end);
        }
        addKeyValue(obj, key, value, keyEncoded, valueEncoded, decode);
        if (--pairs === 0) return obj;
        keyEncoded = valueEncoded = customDecode;
        key = value = "";
        encodeCheck = 0;
        lastPos = i + 1;
        sepIdx = eqIdx = 0;
      }
      continue;
    }

    sepIdx = 0;
    if (eqIdx < eqLen) {
      // still in the key
      if (code === eqCodes[eqIdx]) {
        if (++eqIdx === eqLen) {
          const end = i - eqIdx + 1;
          if (lastPos < end) key += qs.slice(lastPos, end);
          encodeCheck = 0;
          lastPos = i + 1;
        }
        continue;
      }
      eqIdx = 0;
      if (!keyEncoded) {
        if (code === 37 /* % */) {
          encodeCheck = 1;
          continue;
        }
        if (encodeCheck > 0) {
          if (isHexTable[code] === 1) {
            if (++encodeCheck === 3) keyEncoded = true;
            continue;
          }
          encodeCheck = 0;
        }
      }
      if (code === 43 /* + */) {
        if (lastPos < i) key += qs.slice(lastPos, i);
        key += plus;
        lastPos = i + 1;
        continue;
      }
    }
    if (code === 43 /* + */) {
      if (lastPos < i) value += qs.slice(lastPos, i);
      value += plus;
      lastPos = i + 1;
    } else if (!valueEncoded) {
      if (code === 37 /* % */) {
        encodeCheck = 1;
      } else if (encodeCheck > 0) {
        if (isHexTable[code] === 1) {
          if (++encodeCheck === 3) valueEncoded = true;
        } else {
          encodeCheck = 0;
        }
      }
    }
  }

  // the text after the last separator
  if (lastPos < qs.length) {
    if (eqIdx < eqLen) key += qs.slice(lastPos);
    else if (sepIdx < sepLen) value += qs.slice(lastPos);
  } else if (eqIdx === 0 && key.length === 0) {
    return obj;
  }
  addKeyValue(obj, key, value, keyEncoded, valueEncoded, decode);
  return obj;
}
