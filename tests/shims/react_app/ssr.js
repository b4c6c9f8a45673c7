// react-dom/server's browser build (which schedules its work through a MessageChannel)
// and its edge build (setTimeout), to a string and to a ReadableStream.
import { createElement as h, Suspense, use } from "react";
import * as browser from "react-dom/server.browser";
import * as edge from "react-dom/server.edge";

const builds = { browser, edge };

function Item({ name }) {
  return h("li", null, name);
}
function List({ items }) {
  return h("ul", { className: "list" }, items.map((name) => h(Item, { key: name, name })));
}
function Page({ title, items }) {
  return h("main", null, h("h1", null, title), h(List, { items }));
}
function Later({ promise }) {
  return h("p", null, use(promise));
}

export function toString(build, items) {
  return builds[build].renderToString(h(List, { items }));
}

export async function toStream(build, title, items) {
  const stream = await builds[build].renderToReadableStream(h(Page, { title, items }));
  await stream.allReady;
  return new Response(stream).text();
}

// A Suspense boundary whose content arrives after the shell: the stream carries the
// fallback first, then the content.
export async function suspended(build, text) {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const element = h("div", null, h(Suspense, { fallback: h("i", null, "loading") }, h(Later, { promise })));
  const stream = await builds[build].renderToReadableStream(element);
  const chunks = [];
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) chunks.push(decoder.decode(chunk, { stream: true }));
  })();
  setTimeout(() => resolve(text), 5);
  await reading;
  return chunks;
}
