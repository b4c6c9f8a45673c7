// console: each method formats its arguments as Node does (see 10_inspect.js) and hands
// the text to the host's logging through __runtime.log(level, text).
//
// Levels: log, info, dir, table, count, time*, group -> "info"; debug, trace -> "debug";
// warn -> "warn"; error, assert -> "error".
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { inspect, format, isMap, isSet } = runtime.inspect;
  const { defineGlobal } = runtime.webidl;
  const hasOwn = Object.prototype.hasOwnProperty;

  let groupIndent = "";
  const counts = new Map();
  const timers = new Map();
  function write(level, text) {
    if (groupIndent.length !== 0) {
      if (text.includes("\n")) text = text.replace(/\n/g, `\n${groupIndent}`);
      text = groupIndent + text;
    }
    runtime.log(level, text);
  }
  function formatTime(ms) {
    let hours = 0, minutes = 0, seconds = 0;
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) { hours = Math.floor(ms / 3600000); ms %= 3600000; }
        minutes = Math.floor(ms / 60000);
        ms %= 60000;
      }
      seconds = ms / 1000;
    }
    if (hours !== 0 || minutes !== 0) {
      let fraction;
      [seconds, fraction] = seconds.toFixed(3).split(".");
      const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, "0")}` : minutes;
      return `${res}:${String(seconds).padStart(2, "0")}.${fraction} (${hours !== 0 ? "h:m" : ""}m:ss.mmm)`;
    }
    if (seconds !== 0) return `${seconds.toFixed(3)}s`;
    return `${Number(ms.toFixed(3))}ms`;
  }
  const now = () => (globalThis.performance && typeof performance.now === "function" ? performance.now() : Date.now());
  function timeLog(name, label, data) {
    const start = timers.get(label);
    if (start === undefined) {
      write("warn", `Warning: No such label '${label}' for console.${name}()`);
      return false;
    }
    write("info", format("%s: %s", label, formatTime(now() - start), ...data));
    return true;
  }
  function tableInspect(v) {
    const depth = v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  }
  function renderTable(head, columns) {
    const rows = [];
    const widths = head.map((h) => h.length);
    const longest = Math.max(0, ...columns.map((c) => c.length));
    for (let i = 0; i < head.length; i++) {
      const column = columns[i];
      for (let j = 0; j < longest; j++) {
        if (rows[j] === undefined) rows[j] = [];
        const value = rows[j][i] = hasOwn.call(column, j) ? column[j] : "";
        widths[i] = Math.max(widths[i] || 0, value.length);
      }
    }
    const divider = widths.map((w) => "\u2500".repeat(w + 2));
    const renderRow = (row) => {
      let out = "\u2502 ";
      for (let i = 0; i < row.length; i++) {
        out += row[i] + " ".repeat(widths[i] - row[i].length);
        if (i !== row.length - 1) out += " \u2502 ";
      }
      return out + " \u2502";
    };
    let result = "\u250c" + divider.join("\u252c") + "\u2510\n" + renderRow(head) + "\n" +
      "\u251c" + divider.join("\u253c") + "\u2524\n";
    for (const row of rows) result += renderRow(row) + "\n";
    return result + "\u2514" + divider.join("\u2534") + "\u2518";
  }

  const console = {
    log(...args) { write("info", format(...args)); },
    info(...args) { write("info", format(...args)); },
    debug(...args) { write("debug", format(...args)); },
    warn(...args) { write("warn", format(...args)); },
    error(...args) { write("error", format(...args)); },
    dir(object, options = undefined) {
      write("info", inspect(object, { customInspect: false, ...(options && typeof options === "object" ? options : {}) }));
    },
    dirxml(...args) { write("info", format(...args)); },
    trace(...args) {
      const err = new Error();
      const frames = runtime.normalizeStack(err).split("\n").slice(1);
      write("debug", ["Trace" + (args.length ? ": " + format(...args) : ""), ...frames].join("\n"));
    },
    assert(condition = false, ...args) {
      if (condition) return;
      if (args.length === 0) args = ["Assertion failed"];
      else if (typeof args[0] === "string") args[0] = `Assertion failed: ${args[0]}`;
      else args.unshift("Assertion failed:");
      write("error", format(...args));
    },
    count(label = "default") {
      label = `${label}`;
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      write("info", `${label}: ${n}`);
    },
    countReset(label = "default") {
      label = `${label}`;
      if (!counts.has(label)) {
        write("warn", `Warning: Count for '${label}' does not exist`);
        return;
      }
      counts.delete(label);
    },
    group(...data) {
      if (data.length > 0) write("info", format(...data));
      groupIndent += "  ";
    },
    groupCollapsed(...data) {
      if (data.length > 0) write("info", format(...data));
      groupIndent += "  ";
    },
    groupEnd() { groupIndent = groupIndent.slice(0, Math.max(0, groupIndent.length - 2)); },
    time(label = "default") {
      label = `${label}`;
      if (timers.has(label)) {
        write("warn", `Warning: Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, now());
    },
    timeLog(label = "default", ...data) { timeLog("timeLog", `${label}`, data); },
    timeEnd(label = "default") {
      label = `${label}`;
      if (timeLog("timeEnd", label, [])) timers.delete(label);
    },
    table(tabularData, properties = undefined) {
      if (properties !== undefined && !Array.isArray(properties)) {
        throw new TypeError('The "properties" argument must be an instance of Array');
      }
      if (tabularData === null || typeof tabularData !== "object") return console.log(tabularData);
      const indexKey = "(index)", iterKey = "(iteration index)", valuesKey = "Values";
      const indexArray = (length) => Array.from({ length }, (_, i) => tableInspect(i));
      const out = (k, v) => write("info", renderTable(k, v));
      if (isMap(tabularData)) {
        const keys = [], values = [];
        for (const [k, v] of tabularData) { keys.push(tableInspect(k)); values.push(tableInspect(v)); }
        return out([iterKey, "Key", valuesKey], [indexArray(keys.length), keys, values]);
      }
      if (isSet(tabularData)) {
        const values = [];
        for (const v of tabularData) values.push(tableInspect(v));
        return out([iterKey, valuesKey], [indexArray(values.length), values]);
      }
      const map = Object.create(null);
      let hasPrimitives = false;
      const valuesKeyArray = [];
      const indexKeyArray = Object.keys(tabularData);
      for (let i = 0; i < indexKeyArray.length; i++) {
        const item = tabularData[indexKeyArray[i]];
        const primitive = item === null || (typeof item !== "function" && typeof item !== "object");
        if (properties === undefined && primitive) {
          hasPrimitives = true;
          valuesKeyArray[i] = tableInspect(item);
        } else {
          const keys = properties || Object.keys(item);
          for (const key of keys) {
            if (map[key] === undefined) map[key] = [];
            if ((primitive && properties) || !hasOwn.call(item, key)) map[key][i] = "";
            else map[key][i] = tableInspect(item[key]);
          }
        }
      }
      const keys = Object.keys(map);
      const values = keys.map((k) => map[k]);
      if (hasPrimitives) { keys.push(valuesKey); values.push(valuesKeyArray); }
      keys.unshift(indexKey);
      values.unshift(indexKeyArray);
      return out(keys, values);
    },
    clear() {},
    profile() {},
    profileEnd() {},
    timeStamp() {},
  };
  for (const key of Object.keys(console)) {
    Object.defineProperty(console[key], "name", { value: key, configurable: true });
  }
  Object.defineProperty(console, Symbol.toStringTag, { value: "console", configurable: true });
  // A Web IDL namespace object: its [[Prototype]] is an empty object inheriting from
  // Object.prototype (Console spec).
  Object.setPrototypeOf(console, Object.create(Object.prototype));

  defineGlobal("console", console);
})();
