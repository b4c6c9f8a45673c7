// Deno (`deno serve`) and Bun (`bun run`) baseline: one fetch handler, the same routes.
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
async function fetch(request) {
  const path = new URL(request.url).pathname;
  if (path === "/echo") return Response.json(await request.json());
  if (path === "/cpu") return new Response(String(fib(20)) + "\n");
  return new Response("Hello, world!\n");
}
const port = Number((typeof Deno !== "undefined" ? Deno.env.get("PORT") : process.env.PORT) || 8000);
if (typeof Bun !== "undefined") Bun.serve({ port, hostname: "127.0.0.1", fetch });
else Deno.serve({ port, hostname: "127.0.0.1" }, fetch);
