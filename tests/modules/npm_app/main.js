// Each package used as its docs show; the test compares with what Node prints.
import axios from "axios";
import bcrypt from "bcryptjs";
import qs from "qs";
import * as v from "valibot";

const client = axios.create({ baseURL: "https://api.example.com/v1", params: { key: "k" } });
export const axiosUri = client.getUri({ url: "/items", params: { tags: ["a", "b"], page: 2 } });
export const axiosVersion = typeof axios.VERSION;

export const qsString = qs.stringify({ a: { b: [1, 2] }, c: null, d: "x y" });
export const qsParsed = qs.parse("a[b][]=1&a[b][]=2&e=3&e=4");

const hash = bcrypt.hashSync("hunter2", bcrypt.genSaltSync(4));
export const bcryptChecks = [bcrypt.compareSync("hunter2", hash), bcrypt.compareSync("nope", hash)];
export const bcryptFixed = bcrypt.hashSync("hunter2", "$2b$04$abcdefghijklmnopqrstuu");

const User = v.object({ name: v.pipe(v.string(), v.minLength(2)), age: v.optional(v.number()) });
export const valibotOk = v.parse(User, { name: "Ada", age: 36 });
const bad = v.safeParse(User, { name: "A", age: "x" });
export const valibotIssues = bad.issues.map((i) => [i.path.map((p) => p.key).join("."), i.message]);
export const valibotNull = v.is(v.null(), null);

// readable-stream: CommonJS with new.target, and the npm events/buffer/process packages
// standing in for Node's built-ins; its process.nextTick sets timers from promise jobs.
import { Readable, Transform, pipeline } from "readable-stream";
export const streamed = await new Promise((resolve) => {
  const chunks = [];
  const upper = new Transform({ transform: (c, _, done) => done(null, String(c).toUpperCase()) });
  const sink = async function* (source) { for await (const c of source) chunks.push(String(c)); };
  pipeline(Readable.from(["a", "bé", "c"]), upper, sink, (err) => resolve([err ?? null, chunks]));
});

// pdf-lib: its "module" build imports JSON without an attribute and star-exports an empty file.
import { PDFDocument, StandardFonts } from "pdf-lib";
const pdf = await PDFDocument.create();
pdf.setCreationDate(new Date(0));
pdf.setModificationDate(new Date(0));
const font = await pdf.embedFont(StandardFonts.Helvetica);
pdf.addPage([200, 100]).drawText("Hello", { x: 10, y: 50, font, size: 12 });
const saved = await pdf.save({ useObjectStreams: false });
export const pdfHead = [saved.length, new TextDecoder().decode(saved.slice(0, 8))];

// immer and redux: code written for bundlers, reading process.env.NODE_ENV at load and
// on every call (development checks when not "production").
import { produce, freeze } from "immer";
import { legacy_createStore as createStore, combineReducers } from "redux";
const base = freeze({ todos: [{ text: "a", done: false }] }, true);
const next = produce(base, (draft) => { draft.todos.push({ text: "b", done: true }); draft.todos[0].done = true; });
export const immerResult = [base.todos.length, next.todos.map((t) => [t.text, t.done]), Object.isFrozen(next), next.todos[1] !== base.todos[0]];
const store = createStore(combineReducers({ count: (n = 0, action) => (action.type === "add" ? n + action.by : n) }));
store.dispatch({ type: "add", by: 2 });
store.dispatch({ type: "add", by: 3 });
export const reduxState = store.getState();
