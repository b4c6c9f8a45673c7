// Node `http` baseline for benchmarks/http.py: the same three routes as examples/*.js.
const http = require("http");
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
http.createServer((req, res) => {
  if (req.url.startsWith("/echo")) {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const data = JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(data));
    });
    return;
  }
  if (req.url.startsWith("/cpu")) { res.end(String(fib(20)) + "\n"); return; }
  res.writeHead(200, { "content-type": "text/plain;charset=UTF-8" });
  res.end("Hello, world!\n");
}).listen(+process.argv[2], "127.0.0.1");
