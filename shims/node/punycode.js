// node:punycode: Punycode (RFC 3492) as Node.js bundles it (Punycode.js 2.1.0, deprecated in
// Node in favour of userland packages): encode/decode of one label, toASCII/toUnicode of a
// domain or an email address (only the part after "@" is converted), and ucs2 helpers.
"use strict";

const MAX_INT = 0x7fffffff;
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

const ERRORS = {
  overflow: "Overflow: input needs wider integers to process",
  "not-basic": "Illegal input >= 0x80 (not a basic code point)",
  "invalid-input": "Invalid input",
};

function error(type) {
  throw new RangeError(ERRORS[type]);
}

// The code points of a string; an unpaired surrogate stands for itself.
function ucs2decode(string) {
  const output = [];
  const length = string.length;
  for (let i = 0; i < length; i++) {
    const value = string.charCodeAt(i);
    if (value >= 0xd800 && value <= 0xdbff && i + 1 < length) {
      const extra = string.charCodeAt(i + 1);
      if ((extra & 0xfc00) === 0xdc00) {
        output.push(((value & 0x3ff) << 10) + (extra & 0x3ff) + 0x10000);
        i++;
        continue;
      }
    }
    output.push(value);
  }
  return output;
}

function ucs2encode(codePoints) {
  return String.fromCodePoint(...codePoints);
}

// The value of a Punycode digit ("a"-"z" or "A"-"Z": 0-25, "0"-"9": 26-35), BASE for others.
function digitValue(code) {
  if (code >= 0x30 && code < 0x3a) return code - 0x30 + 26;
  if (code >= 0x41 && code < 0x5b) return code - 0x41;
  if (code >= 0x61 && code < 0x7b) return code - 0x61;
  return BASE;
}

// The (lower-case) character of a digit.
function digitChar(digit) {
  return String.fromCharCode(digit < 26 ? digit + 97 : digit + 22);
}

function threshold(k, bias) {
  if (k <= bias) return T_MIN;
  return k >= bias + T_MAX ? T_MAX : k - bias;
}

// RFC 3492 section 6.1.
function adapt(delta, numPoints, firstTime) {
  delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  for (; delta > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) delta = Math.floor(delta / (BASE - T_MIN));
  return Math.floor(k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

// decode(input): the Unicode string of a Punycode label (without its "xn--").
function decode(input) {
  const output = [];
  const length = input.length;
  const basic = Math.max(input.lastIndexOf("-"), 0);
  for (let j = 0; j < basic; j++) {
    if (input.charCodeAt(j) >= 0x80) error("not-basic");
    output.push(input.charCodeAt(j));
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < length; ) {
    // a variable-length integer, added to i
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= length) error("invalid-input");
      const digit = digitValue(input.charCodeAt(index++));
      if (digit >= BASE) error("invalid-input");
      if (digit > Math.floor((MAX_INT - i) / w)) error("overflow");
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) error("overflow");
      w *= BASE - t;
    }
    const out = output.length + 1;
    bias = adapt(i - oldi, out, oldi === 0);
    if (Math.floor(i / out) > MAX_INT - n) error("overflow");
    n += Math.floor(i / out);
    i %= out;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

// encode(input): the Punycode label (without "xn--") of a Unicode string.
function encode(input) {
  const codePoints = ucs2decode(input);
  let output = "";
  for (const cp of codePoints) if (cp < 0x80) output += String.fromCharCode(cp);
  const basicLength = output.length;
  if (basicLength) output += "-";
  let handled = basicLength;
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    // the smallest code point not handled yet
    let m = MAX_INT;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) error("overflow");
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n && ++delta > MAX_INT) error("overflow");
      if (cp !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basicLength);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

// Applies `convert` to each label of a domain (split at any IDNA full stop), leaving the
// local part of an email address as it is.
function mapDomain(domain, convert) {
  const parts = domain.split("@");
  let prefix = "";
  if (parts.length > 1) {
    prefix = `${parts[0]}@`;
    domain = parts[1];
  }
  const labels = domain.replace(/[\x2E\u3002\uFF0E\uFF61]/g, ".").split(".");
  // last label first, as Punycode.js does (an error names the last bad label)
  const converted = new Array(labels.length);
  for (let i = labels.length - 1; i >= 0; i--) converted[i] = convert(labels[i]);
  return prefix + converted.join(".");
}

// toUnicode(input): each "xn--" label decoded.
function toUnicode(input) {
  return mapDomain(input, (label) => (/^xn--/.test(label) ? decode(label.slice(4).toLowerCase()) : label));
}

// toASCII(input): each label with a non-ASCII character encoded, with "xn--".
function toASCII(input) {
  return mapDomain(input, (label) => (/[^\0-\x7F]/.test(label) ? `xn--${encode(label)}` : label));
}

module.exports = {
  version: "2.1.0",
  ucs2: { decode: ucs2decode, encode: ucs2encode },
  decode,
  encode,
  toASCII,
  toUnicode,
};
