// DER (the distinguished encoding of ASN.1) as the key formats use it: a reader of
// tag-length-value elements and a writer. A reader failure is a DerError whose `reason` is
// the one OpenSSL's decoder gives for that fault ("wrong tag", "too long", ...).
"use strict";

const TAG = {
  INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30,
  // [n] with constructed contents (EXPLICIT tagging), and [n] around a primitive (IMPLICIT).
  context: (n) => 0xa0 | n,
  contextPrimitive: (n) => 0x80 | n,
};

class DerError extends Error {
  constructor(reason) {
    super(reason);
    this.reason = reason;
  }
}

// The elements of `bytes[start, end)`, one after another.
class DerReader {
  constructor(bytes, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
  }

  get done() {
    return this.pos >= this.end;
  }

  // The next element's header: its tag and where its contents lie. Lengths take the short
  // form or up to four bytes of the long one.
  header() {
    const { bytes, end } = this;
    let at = this.pos;
    if (end - at < 2) throw new DerError("header too long");
    const tag = bytes[at++];
    let length = bytes[at++];
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4 || end - at < count) throw new DerError("header too long");
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[at++];
    }
    if (length > end - at) throw new DerError("too long");
    return { tag, start: at, end: at + length };
  }

  peekTag() {
    return this.done ? -1 : this.bytes[this.pos];
  }

  // The next element, which must have `tag`: its contents as {tag, start, end, bytes}.
  next(tag) {
    if (this.done) throw new DerError("field missing");
    const element = this.header();
    if (element.tag !== tag) throw new DerError("wrong tag");
    this.pos = element.end;
    element.bytes = this.bytes.subarray(element.start, element.end);
    return element;
  }

  // The next element if it has `tag`, else null.
  optional(tag) {
    return this.peekTag() === tag ? this.next(tag) : null;
  }

  // The whole next element with `tag`, header included.
  raw(tag) {
    const from = this.pos;
    this.next(tag);
    return this.bytes.subarray(from, this.pos);
  }

  sequence(tag = TAG.SEQUENCE) {
    const { start, end } = this.next(tag);
    return new DerReader(this.bytes, start, end);
  }

  // An INTEGER's magnitude: its bytes without the leading zeros.
  unsigned() {
    return stripZeros(this.next(TAG.INTEGER).bytes);
  }

  smallInteger() {
    const bytes = this.next(TAG.INTEGER).bytes;
    let value = 0;
    for (const byte of bytes) value = value * 256 + byte;
    return value;
  }

  // An OBJECT IDENTIFIER as the hex of its contents (how the tables below name them).
  oid() {
    const bytes = this.next(TAG.OID).bytes;
    if (bytes.length === 0 || bytes[bytes.length - 1] & 0x80) throw new DerError("invalid object encoding");
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x80 && (i === 0 || !(bytes[i - 1] & 0x80))) throw new DerError("invalid object encoding");
    }
    return hex(bytes);
  }

  octetString() {
    return this.next(TAG.OCTET_STRING).bytes;
  }

  // A BIT STRING's bytes (after the count of unused bits).
  bitString() {
    const bytes = this.next(TAG.BIT_STRING).bytes;
    if (bytes.length === 0) throw new DerError("string too short");
    return bytes.subarray(1);
  }

  // Nothing may follow the last element (`reason`: OpenSSL's for the structure read).
  finish(reason = "sequence length mismatch") {
    if (!this.done) throw new DerError(reason);
  }
}

function stripZeros(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function hex(bytes) {
  let text = "";
  for (const byte of bytes) text += (byte < 16 ? "0" : "") + byte.toString(16);
  return text;
}

function fromHex(text) {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.substr(i * 2, 2), 16);
  return bytes;
}

// ------------------------------------------------------------------ writing
function concat(parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// An element: `tag`, then the length of the contents, then the contents (byte arrays).
function element(tag, ...contents) {
  const body = concat(contents);
  const n = body.length;
  let head;
  if (n < 0x80) head = [tag, n];
  else if (n < 0x100) head = [tag, 0x81, n];
  else if (n < 0x10000) head = [tag, 0x82, n >> 8, n & 0xff];
  else head = [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concat([Uint8Array.from(head), body]);
}

const sequence = (...contents) => element(TAG.SEQUENCE, ...contents);

// An INTEGER from a magnitude (big-endian bytes): no leading zeros but one before a high bit.
function integer(magnitude) {
  const bytes = stripZeros(magnitude);
  if (bytes.length === 0) return element(TAG.INTEGER, Uint8Array.of(0));
  return bytes[0] & 0x80 ? element(TAG.INTEGER, Uint8Array.of(0), bytes) : element(TAG.INTEGER, bytes);
}

const smallInteger = (value) => integer(Uint8Array.of(value));
const oid = (hexContents) => element(TAG.OID, fromHex(hexContents));
const octetString = (bytes) => element(TAG.OCTET_STRING, bytes);
const bitString = (bytes) => element(TAG.BIT_STRING, Uint8Array.of(0), bytes);
const NULL = Uint8Array.of(TAG.NULL, 0);

module.exports = {
  TAG, DerError, DerReader, hex, fromHex, concat, element, sequence, integer, smallInteger, oid, octetString,
  bitString, NULL, stripZeros,
};
