import { Hono } from "hono";

export interface Greeting {
  message: string;
  lang: "en" | "fr";
}

const greetings = { en: "Hello", fr: "Bonjour" } as const;

// A route group: mounted under /api by index.ts with app.route("/api", api).
const api = new Hono();

api.get("/hello", (c) => {
  const name = c.req.query("name") ?? "world";
  const lang = (c.req.query("lang") === "fr" ? "fr" : "en") satisfies Greeting["lang"];
  return c.json<Greeting>({ message: `${greetings[lang]}, ${name}!`, lang });
});

api.get("/posts/:postId/comments/:commentId", (c) => {
  const { postId, commentId } = c.req.param();
  return c.json({ postId: Number(postId), commentId });
});

export default api;
