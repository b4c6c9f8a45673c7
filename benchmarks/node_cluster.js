// Node `cluster` baseline for benchmarks/http.py: node_server.js in as many worker processes
// as `runtime serve` has (argv[3]), sharing one port, so a CPU-bound handler compares one
// process per core with one process per core.
const cluster = require("cluster");
const path = require("path");
const port = process.argv[2];
const workers = Math.max(1, Number(process.argv[3]) || require("os").availableParallelism());
if (cluster.isPrimary) {
  cluster.setupPrimary({ exec: path.join(__dirname, "node_server.js"), args: [port] });
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on("SIGTERM", () => {
    for (const id in cluster.workers) cluster.workers[id].kill("SIGTERM");
    process.exit(0);
  });
}
