import { order } from "./log.js";
import { b, incrementB } from "./b.js";

order.push("a");

export let a = 1;

export function incrementA() {
  a += 1;
  return a;
}

// Hoisted: b.js calls this while it evaluates, before this module's body has run.
export function greet(who) {
  return `hello ${who}, from a.js`;
}

// Calls across the cycle the other way: b.js has finished evaluating by now.
export function bumpB() {
  return incrementB();
}

export const bWhenAEvaluated = b;

export { b as bViaA } from "./b.js";
