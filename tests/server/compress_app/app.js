// Hono's compress() middleware (CompressionStream "gzip" / "deflate" over the response
// body), served by `runtime serve` in tests/server/test_compress_app.py.
import { Hono } from "hono";
import { compress } from "hono/compress";

const TEXT = Array.from({ length: 400 }, (_, i) => `line ${i}: the quick brown fox ${(i * 7) % 13}`).join("\n");
const USERS = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `user ${i}`, admin: i % 5 === 0 }));

const app = new Hono();
app.use(compress());

app.get("/text", (c) => c.text(TEXT));
app.get("/json", (c) => c.json(USERS));
app.get("/stream", (c) => {
  let i = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    pull(controller) {
      if (i === 50) return controller.close();
      controller.enqueue(encoder.encode(`chunk ${i++} `.repeat(40)));
    },
  });
  return c.body(body, 200, { "Content-Type": "text/plain;charset=UTF-8" });
});
app.get("/etag", (c) => c.text(TEXT, 200, { ETag: '"v1"' }));
app.get("/small", (c) => c.text("tiny", 200, { "Content-Length": "4" }));
app.get("/png", (c) => c.body(new Uint8Array(4096).fill(7), 200, { "Content-Type": "image/png" }));
app.get("/no-transform", (c) => c.text(TEXT, 200, { "Cache-Control": "no-transform" }));

export default app;
