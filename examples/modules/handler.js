import * as A from "./a.js";
import { aWhenBEvaluated, b, greetingWhenBEvaluated, incrementB, readA } from "./b.js";
import data from "./data.json" with { type: "json" };
import * as dataNamespace from "./data.json" with { type: "json" };
import { order } from "./log.js";

order.push("handler");

// Everything below runs once, when the module graph is first evaluated.
const before = { a: A.a, b };
const incrementedA = A.incrementA();
const bumpedB = A.bumpB();

let namespaceWrite;
try {
  A.a = 100;
  namespaceWrite = "allowed";
} catch (err) {
  namespaceWrite = err.constructor.name;
}

const snapshot = {
  order: [...order],
  cycle: {
    aWhenBEvaluated,
    greetingWhenBEvaluated,
    bWhenAEvaluated: A.bWhenAEvaluated,
  },
  liveBindings: {
    before,
    incrementedA,
    aAfter: A.a,
    aReadFromB: readA(),
    bumpedB,
    bAfter: b,
    bViaA: A.bViaA,
  },
  namespace: {
    keys: Object.keys(A),
    toStringTag: A[Symbol.toStringTag],
    sealed: Object.isSealed(A),
    write: namespaceWrite,
  },
  json: {
    name: data.name,
    items: data.items,
    nestedOk: data.nested.ok,
    namespaceKeys: Object.keys(dataNamespace),
    sameObject: dataNamespace.default === data,
  },
};

export default {
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/") return Response.json(snapshot);
    if (pathname === "/count") {
      // A function from b.js changes b.js's binding; this module sees the new value.
      const returned = incrementB();
      return Response.json({ returned, live: b, viaNamespace: A.bViaA });
    }
    return Response.json({ error: "not found", pathname }, { status: 404 });
  },
};
