// node:stream/consumers — a whole stream (Node's, the web's, or any async iterable) as
// bytes, text, JSON or a Blob.
"use strict";

const { Buffer } = require("node:buffer");

async function chunksOf(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return chunks;
}

async function buffer(stream) {
  const chunks = await chunksOf(stream);
  return Buffer.concat(chunks.map((c) => (c instanceof Uint8Array ? c : Buffer.from(c))));
}

async function arrayBuffer(stream) {
  const bytes = await buffer(stream);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

async function text(stream) {
  const decoder = new TextDecoder();
  let out = "";
  for await (const chunk of stream) out += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
  return out + decoder.decode();
}

async function json(stream) {
  return JSON.parse(await text(stream));
}

async function blob(stream) {
  return new Blob(await chunksOf(stream));
}

module.exports = { arrayBuffer, blob, buffer, json, text };
