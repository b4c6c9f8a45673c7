import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";

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

// Validated with zod, as Hono's docs do it: a body that does not fit gets a 400 with
// zod's issues, and the handler sees only typed, checked data.
const Feedback = z.object({
  email: z.email(),
  rating: z.number().int().min(1).max(5),
  note: z.string().max(200).optional(),
});

api.post("/feedback", zValidator("json", Feedback), (c) => {
  const { email, rating, note } = c.req.valid("json");
  return c.json({ email, stars: "*".repeat(rating), note: note ?? null }, 201);
});

export default api;
