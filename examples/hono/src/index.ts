import { Hono, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { etag } from "hono/etag";
import { HTTPException } from "hono/http-exception";
import { logger } from "hono/logger";
import { secureHeaders } from "hono/secure-headers";
import api from "./api";
import { renderUsersPage } from "./page";

export interface User {
  id: number;
  name: string;
  admin?: boolean;
}

type NewUser = Omit<User, "id">;

const users: User[] = [
  { id: 1, name: "Ada", admin: true },
  { id: 2, name: "Linus" },
  { id: 3, name: "<Grace & co>" },
];

function findById<T extends { id: number }>(items: readonly T[], id: number): T | undefined {
  return items.find((item) => item.id === id);
}

// Custom middleware: how long the rest of the chain took.
const responseTime = (): MiddlewareHandler => async (c, next) => {
  const start = performance.now();
  await next();
  c.res.headers.set("X-Response-Time", `${(performance.now() - start).toFixed(2)}ms`);
};

const app = new Hono();

app.use(logger());
app.use(responseTime());
app.use(secureHeaders());
app.use("/api/*", cors({ origin: "https://example.com", allowMethods: ["GET", "POST"], maxAge: 600 }));
app.use("/users/*", etag());

app.get("/", (c) => c.html(renderUsersPage(users)));

app.get("/users", (c) => c.json(users));

app.get("/users/:id{[0-9]+}", (c) => {
  const id = Number(c.req.param("id"));
  const user = findById(users, id);
  if (!user) return c.json({ error: `user ${id} not found` }, 404);
  return c.json(user);
});

app.post("/users", async (c) => {
  const body = (await c.req.json()) as Partial<NewUser>;
  if (typeof body.name !== "string") throw new HTTPException(400, { message: "name is required" });
  const user: User = { id: users.length + 1, name: body.name, admin: body.admin ?? false };
  return c.json(user, 201, { Location: `/users/${user.id}` });
});

app.get("/boom", () => {
  throw new Error("boom from a route");
});

app.route("/api", api);

app.notFound((c) => c.json({ error: "not found", path: c.req.path }, 404));

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  console.error(err);
  return c.json({ error: err.message }, 500);
});

export default app;
