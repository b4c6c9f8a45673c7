// The smallest handler: `runtime serve examples/hello.js`
export default {
  fetch(request, env, ctx) {
    return new Response("Hello, world!\n");
  },
};
