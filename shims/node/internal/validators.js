// Node's argument checks (its internal/validators), shared by every built-in: the same
// checks, in the same order, with Node's errors.
"use strict";

const { invalidArgType, outOfRange } = require("./errors.js");

function validateString(value, name) {
  if (typeof value !== "string") throw invalidArgType(name, "string", value);
}

function validateFunction(value, name) {
  if (typeof value !== "function") throw invalidArgType(name, "function", value);
}

function validateBoolean(value, name) {
  if (typeof value !== "boolean") throw invalidArgType(name, "boolean", value);
}

// A plain object: not null, not an array, not a function.
function validateObject(value, name) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidArgType(name, "object", value);
}

function validateArray(value, name) {
  if (!Array.isArray(value)) throw invalidArgType(name, "Array", value);
}

// A number, within [min, max] where given (NaN is out of any range).
function validateNumber(value, name, min = undefined, max = undefined) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && Number.isNaN(value))) {
    const range = `${min != null ? `>= ${min}` : ""}${min != null && max != null ? " && " : ""}${max != null ? `<= ${max}` : ""}`;
    throw outOfRange(name, range, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== "number") throw invalidArgType(name, "number", value);
  if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
  if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
}

module.exports = {
  validateString, validateFunction, validateBoolean, validateObject, validateArray, validateNumber, validateInteger,
};
