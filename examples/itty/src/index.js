import { AutoRouter, error, json, StatusError, text } from "itty-router";

const todos = [
  { id: 1, title: "write the router", done: true },
  { id: 2, title: "serve it unbundled", done: false },
];

// AutoRouter: withParams before every route, JSON for plain return values, a 404 for
// unmatched requests, and thrown errors turned into JSON error responses.
const router = AutoRouter({
  finally: [(response) => (response.headers.set("x-powered-by", "itty-router"), response)],
});

router
  .get("/", () => text("itty-router on runtime"))
  .get("/hello/:name", ({ name }) => `Hello, ${name}!`)
  .get("/todos", () => todos)
  .get("/todos/:id", ({ id }) => todos.find((t) => t.id === Number(id)) ?? error(404, `todo ${id} not found`))
  .post("/todos", async (request) => {
    const { title } = await request.json();
    if (!title) throw new StatusError(400, "title is required");
    return json({ id: todos.length + 1, title, done: false }, { status: 201 });
  })
  .get("/search", ({ query }) => ({ q: query.q ?? null, tags: [].concat(query.tag ?? []) }))
  .get("/files/:path+", ({ path }) => ({ path }));

export default router;
