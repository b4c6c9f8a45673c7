// The service-worker form, with a timer and ctx.waitUntil-style background work.
addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  event.respondWith(
    new Promise((resolve) => setTimeout(resolve, 1)).then(
      () => new Response(`service worker says hi to ${url.pathname}\n`),
    ),
  );
  event.waitUntil(Promise.resolve().then(() => console.log("served", url.pathname)));
});
