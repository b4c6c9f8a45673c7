// A CPU-bound handler: fib(n) per request (n from ?n=, default 20).
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
export default {
  fetch(request) {
    const m = /[?&]n=(\d+)/.exec(request.url);
    const n = m ? Math.min(+m[1], 30) : 20;
    return new Response(String(fib(n)) + "\n");
  },
};
