// Node.js's errors with a `code` (ERR_INVALID_ARG_TYPE and friends): the same class, name,
// code and message text as Node's, so code that branches on `err.code` works unchanged.
"use strict";

const inspect = () => globalThis.__runtime.inspect.inspect;

// Node's determineSpecificType: how a message describes the value it was given.
function describe(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === "function") return ` Received function ${value.name}`;
  if (typeof value === "object") {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${inspect()(value, { depth: -1 })}`;
  }
  let shown = inspect()(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

// An error of class `Base` with Node's shape: `name` stays Base's, `code` is set, and
// toString()/the stack's first line read "Name [CODE]: message".
function nodeError(Base, code, message) {
  const err = new Base(message);
  Object.defineProperty(err, "code", { value: code, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(err, "toString", {
    value() { return `${this.name} [${code}]: ${this.message}`; },
    writable: true, enumerable: false, configurable: true,
  });
  if (typeof err.stack === "string") {
    const first = `${err.name}: ${message}`;
    if (err.stack.startsWith(first)) err.stack = `${err.name} [${code}]: ${message}${err.stack.slice(first.length)}`;
  }
  return err;
}

// Node's kTypes: names of typeof results (two spelled as classes, written in lower case).
const TYPES = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];
const CLASS_NAME = /^([A-Z][a-z0-9]*)+$/;

// ERR_INVALID_ARG_TYPE: `expected` is a type name ("string"), a class name ("Buffer"),
// something else ("Array-like Object"), or a list of them, worded as Node words it.
function invalidArgType(name, expected, actual) {
  const wanted = Array.isArray(expected) ? expected : [expected];
  const types = [];
  const instances = [];
  const other = [];
  for (const value of wanted) {
    if (TYPES.includes(value)) types.push(value.toLowerCase());
    else if (CLASS_NAME.test(value)) instances.push(value);
    else other.push(value);
  }
  // "object" among classes reads as the class Object, to tell them apart.
  if (instances.length > 0 && types.includes("object")) {
    types.splice(types.indexOf("object"), 1);
    instances.push("Object");
  }
  let msg = "The ";
  if (name.endsWith(" argument")) msg += `${name} `;
  else msg += `"${name}" ${name.includes(".") ? "property" : "argument"} `;
  msg += "must be ";
  const parts = [];
  if (types.length > 2) parts.push(`one of type ${types.slice(0, -1).join(", ")}, or ${types[types.length - 1]}`);
  else if (types.length === 2) parts.push(`one of type ${types[0]} or ${types[1]}`);
  else if (types.length === 1) parts.push(`of type ${types[0]}`);
  if (instances.length > 2) {
    parts.push(`an instance of ${instances.slice(0, -1).join(", ")}, or ${instances[instances.length - 1]}`);
  } else if (instances.length > 0) parts.push(`an instance of ${instances.join(" or ")}`);
  if (other.length > 2) parts.push(`one of ${other.slice(0, -1).join(", ")}, or ${other[other.length - 1]}`);
  else if (other.length === 2) parts.push(`one of ${other[0]} or ${other[1]}`);
  else if (other.length === 1) parts.push(`${other[0].toLowerCase() !== other[0] ? "an " : ""}${other[0]}`);
  msg += parts.join(" or ");
  return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `${msg}.${describe(actual)}`);
}

function invalidArgValue(name, value, reason = "is invalid") {
  const what = name.includes(".") ? "property" : "argument";
  let shown = inspect()(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${what} '${name}' ${reason}. Received ${shown}`);
}

function outOfRange(name, range, value) {
  let shown;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = addUnderscores(String(value));
  else if (typeof value === "bigint") {
    shown = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) shown = addUnderscores(shown);
    shown += "n";
  } else shown = inspect()(value);
  return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

function addUnderscores(digits) {
  let res = "";
  let i = digits.length;
  const start = digits[0] === "-" ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${digits.slice(i - 3, i)}${res}`;
  return `${digits.slice(0, i)}${res}`;
}

module.exports = { nodeError, invalidArgType, invalidArgValue, outOfRange, describe };
