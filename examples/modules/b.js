import { order } from "./log.js";
import { a, greet } from "./a.js";

// a.js imports b.js, so in the cycle b.js evaluates first: a.js's function declarations
// already exist, its `let` bindings are still in their temporal dead zone.
order.push("b");

export const greetingWhenBEvaluated = greet("b.js");

export let aWhenBEvaluated;
try {
  aWhenBEvaluated = a;
} catch (err) {
  aWhenBEvaluated = err.constructor.name;
}

export let b = 10;

export function incrementB() {
  b += 1;
  return b;
}

export function readA() {
  return a;
}
