// assert.AssertionError, with Node's generated messages: "a !== b" for short primitives,
// a line diff of the two inspected values ("+ actual - expected") for the others. A
// port of Node's lib/internal/assert/assertion_error.js (without colours: a context has
// no terminal; the diff is laid out for 80 columns, as Node does off a terminal).
"use strict";

const { invalidArgType } = require("../errors.js");

const kReadableOperator = {
  deepStrictEqual: "Expected values to be strictly deep-equal:",
  strictEqual: "Expected values to be strictly equal:",
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: "Expected values to be loosely deep-equal:",
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: "Values have same structure but are not reference-equal:",
  notDeepEqualUnequal: "Expected values not to be loosely deep-equal:",
};

// Short primitives (both inspected, together at most this long) show as "a !== b".
const kMaxShortLength = 12;
// The column count the first-difference marker ("^") is laid out for.
const kColumns = 80;

const inspect = (value, options) => require("node:util").inspect(value, options);

// An error's own enumerable properties and message, without its stack, which would
// clutter the diff.
function copyError(source) {
  const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, "message", { value: source.message });
  if (source.cause !== undefined) {
    let { cause } = source;
    if (cause instanceof Error) cause = copyError(cause);
    Object.defineProperty(target, "cause", { value: cause });
  }
  return target;
}

// The inspection the messages compare: every level, one property a line, sorted keys,
// whatever util.inspect.defaultOptions say.
function inspectValue(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

// The lines identical before a difference: up to two shown, more collapsed to "...".
function identicalContext(lines, i, identical, state) {
  let res = "";
  if (identical > 2) {
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) {
          res += `\n  ${lines[i - 3]}`;
          state.printedLines++;
        } else {
          res += "\n...";
          state.skipped = true;
        }
      }
      res += `\n  ${lines[i - 2]}`;
      state.printedLines++;
    }
    res += `\n  ${lines[i - 1]}`;
    state.printedLines++;
  }
  return res;
}

// `customMessage`, when given, heads the diff in place of the operator's sentence.
function createErrDiff(actual, expected, operator, customMessage) {
  let other = "";
  let res = "";
  let end = "";
  const state = { skipped: false, printedLines: 0 };
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split("\n");
  const expectedLines = inspectValue(expected).split("\n");
  let i = 0;
  let indicator = "";

  // Two objects (or functions) under strictEqual are told apart by reference.
  if (operator === "strictEqual" &&
    ((typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null) ||
      (typeof actual === "function" && typeof expected === "function"))) {
    operator = "strictEqualObject";
  }

  const header = customMessage ? `${customMessage}` : kReadableOperator[operator];

  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const actualRaw = actualLines[0];
    const expectedRaw = expectedLines[0];
    const inputLength = actualRaw.length + expectedRaw.length;
    if (inputLength <= kMaxShortLength) {
      if ((typeof actual !== "object" || actual === null) &&
        (typeof expected !== "object" || expected === null) &&
        (actual !== 0 || expected !== 0)) { // -0 === +0
        return `${header}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== "strictEqualObject" && inputLength < kColumns) {
      // Mark the first differing column below single-line values.
      while (actualRaw[i] === expectedRaw[i]) i++;
      if (i > 2) {
        indicator = `\n  ${" ".repeat(i)}^`;
        i = 0;
      }
    }
  }

  // Trailing lines both sides share: up to three kept, as context.
  let a = actualLines[actualLines.length - 1];
  let b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = `\n  ${a}${end}`;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length);
  // Same inspection, yet not equal (e.g. two different symbols, or not the same object).
  if (maxLines === 0) {
    const lines = actualInspected.split("\n");
    if (lines.length > 50) {
      lines[46] = "...";
      lines.length = 47;
    }
    return `${kReadableOperator.notIdentical}\n\n${lines.join("\n")}\n`;
  }

  if (i >= 5) {
    end = `\n...${end}`;
    state.skipped = true;
  }
  if (other !== "") {
    end = `\n  ${other}${end}`;
    other = "";
  }

  let identical = 0;
  const msg = `${header}\n+ actual - expected`;
  const skippedMsg = " ... Lines skipped";

  let lines = actualLines;
  let plusMinus = "+";
  let maxLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = "-";
    maxLength = actualLines.length;
  }

  for (i = 0; i < maxLines; i++) {
    if (maxLength < i + 1) {
      // Only the longer side has this line.
      res += identicalContext(lines, i, identical, state);
      identical = 0;
      if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
      else other += `\n${plusMinus} ${lines[i]}`;
      state.printedLines++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      let divergingLines = actualLine !== expectedLine &&
        (!actualLine.endsWith(",") || actualLine.slice(0, -1) !== expectedLine);
      // A line that differs only by the trailing comma is the same line.
      if (divergingLines && expectedLine.endsWith(",") && expectedLine.slice(0, -1) === actualLine) {
        divergingLines = false;
        actualLine += ",";
      }
      if (divergingLines) {
        res += identicalContext(actualLines, i, identical, state);
        identical = 0;
        // Consecutive differences show as +++--- rather than +-+-+-.
        res += `\n+ ${actualLine}`;
        other += `\n- ${expectedLine}`;
        state.printedLines += 2;
      } else {
        res += other;
        other = "";
        identical++;
        if (identical <= 2) {
          res += `\n  ${actualLine}`;
          state.printedLines++;
        }
      }
    }
    // About 50 lines at most.
    if (state.printedLines > 50 && i < maxLines - 2) {
      return `${msg}${skippedMsg}\n${res}\n...${other}\n...`;
    }
  }
  return `${msg}${state.skipped ? skippedMsg : ""}\n${res}${other}${end}${indicator}`;
}

// The message of a negated comparison that failed: the one value, after the heading.
function notEqualMessage(actual, operator) {
  let base = kReadableOperator[operator];
  const res = inspectValue(actual).split("\n");
  if (operator === "notStrictEqual" &&
    ((typeof actual === "object" && actual !== null) || typeof actual === "function")) {
    base = kReadableOperator.notStrictEqualObject;
  }
  if (res.length > 50) {
    res[46] = "...";
    res.length = 47;
  }
  if (res.length === 1) return `${base}${res[0].length > 5 ? "\n\n" : " "}${res[0]}`;
  return `${base}\n\n${res.join("\n")}\n`;
}

// The message of any other operator: "actual OPERATOR expected", long values cut short.
function otherMessage(actual, expected, operator) {
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const knownOperator = kReadableOperator[operator];
  if (operator === "notDeepEqual" && res === other) {
    res = `${knownOperator}\n\n${res}`;
    if (res.length > 1024) res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === "deepEqual") {
    res = `${knownOperator}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const newOp = kReadableOperator[`${operator}Unequal`];
    if (newOp) res = `${newOp}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

function generatedMessage(actual, expected, operator) {
  if (operator === "deepStrictEqual" || operator === "strictEqual") return createErrDiff(actual, expected, operator);
  if (operator === "notDeepStrictEqual" || operator === "notStrictEqual") return notEqualMessage(actual, operator);
  return otherMessage(actual, expected, operator);
}

// A long string as the inspected error shows it: its first 10 lines, else, past 512
// characters, what follows them (Node's cut).
function addEllipsis(string) {
  const lines = string.split("\n", 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join("\n")}\n...`;
  }
  if (string.length > 512) return `${string.slice(512)}...`;
  return string;
}

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
      throw invalidArgType("options", "object", options);
    }
    const { message, operator, stackStartFn, stackStartFunction } = options;
    let { actual, expected } = options;

    if (message != null) {
      // A message of the caller's own, above the diff for the strict comparisons.
      const diffed = operator === "deepStrictEqual" || operator === "strictEqual";
      super(diffed ? createErrDiff(actual, expected, operator, message) : String(message));
    } else {
      // Two errors are compared without their stacks.
      if (typeof actual === "object" && actual !== null && typeof expected === "object" && expected !== null &&
        "stack" in actual && actual instanceof Error && "stack" in expected && expected instanceof Error) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      super(generatedMessage(actual, expected, operator));
    }

    this.generatedMessage = !message;
    // The stack's first line reads "AssertionError [ERR_ASSERTION]: message"; the name
    // stays "AssertionError".
    Object.defineProperty(this, "name", {
      value: "AssertionError [ERR_ASSERTION]", enumerable: false, writable: true, configurable: true,
    });
    this.code = "ERR_ASSERTION";
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    // eslint-disable-next-line no-unused-expressions
    this.stack;
    this.name = "AssertionError";
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  // Inspected with actual and expected at depth 0 and long strings cut short: the message
  // shows them already.
  [Symbol.for("nodejs.util.inspect.custom")](recurseTimes, ctx) {
    const tmpActual = this.actual;
    const tmpExpected = this.expected;
    if (typeof this.actual === "string") this.actual = addEllipsis(this.actual);
    if (typeof this.expected === "string") this.expected = addEllipsis(this.expected);
    const result = inspect(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = tmpActual;
    this.expected = tmpExpected;
    return result;
  }
}

module.exports = { AssertionError };
