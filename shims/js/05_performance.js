// performance (now, timeOrigin, mark, measure and the entry lists): the W3C High
// Resolution Time and User Timing specifications. Event timestamps share its clock.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, requireArgs, dictionary: dict } = runtime.webidl;
  const { highResNow, timeOrigin } = runtime.events;
  const DOMException = globalThis.DOMException;
  const EventTarget = globalThis.EventTarget;
  const ILLEGAL = Symbol("illegal constructor");

  class PerformanceEntry {
    #name; #type; #start; #duration;
    constructor(key = undefined, name = "", type = "", start = 0, duration = 0) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      this.#name = name; this.#type = type; this.#start = start; this.#duration = duration;
    }
    get name() { return this.#name; }
    get entryType() { return this.#type; }
    get startTime() { return this.#start; }
    get duration() { return this.#duration; }
    toJSON() {
      return { name: this.#name, entryType: this.#type, startTime: this.#start, duration: this.#duration };
    }
  }
  tag(PerformanceEntry, "PerformanceEntry");
  class PerformanceMark extends PerformanceEntry {
    #detail;
    constructor(name, options = undefined) {
      requireArgs(arguments.length, 1, "Failed to construct 'PerformanceMark'");
      const init = dict(options, "Failed to construct 'PerformanceMark'");
      let start = highResNow();
      if (init.startTime !== undefined) {
        start = Number(init.startTime);
        if (!(start >= 0)) throw new TypeError("PerformanceMark: startTime must be a non-negative number");
      }
      super(ILLEGAL, String(name), "mark", start, 0);
      this.#detail = init.detail === undefined ? null : structuredClone(init.detail);
    }
    get detail() { return this.#detail; }
  }
  tag(PerformanceMark, "PerformanceMark");
  class PerformanceMeasure extends PerformanceEntry {
    #detail;
    constructor(key, name, start, duration, detail) {
      super(key, name, "measure", start, duration);
      this.#detail = detail;
    }
    get detail() { return this.#detail; }
  }
  tag(PerformanceMeasure, "PerformanceMeasure");

  let entries = [];
  function markTime(perf, value) {
    if (typeof value === "number") return value;
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].entryType === "mark" && entries[i].name === String(value)) return entries[i].startTime;
    }
    throw new DOMException(`The mark '${value}' does not exist.`, "SyntaxError");
  }
  class Performance extends EventTarget {
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      super();
    }
    get timeOrigin() { return timeOrigin; }
    now() { return highResNow(); }
    toJSON() { return { timeOrigin }; }
    mark(name, options = undefined) {
      requireArgs(arguments.length, 1, "Failed to execute 'mark' on 'Performance'");
      const mark = new PerformanceMark(name, options);
      entries.push(mark);
      return mark;
    }
    measure(name, startOrOptions = undefined, endMark = undefined) {
      requireArgs(arguments.length, 1, "Failed to execute 'measure' on 'Performance'");
      let start = 0, end, detail = null;
      if (startOrOptions !== null && typeof startOrOptions === "object") {
        const o = startOrOptions;
        if (o.start !== undefined) start = markTime(this, o.start);
        if (o.end !== undefined) end = markTime(this, o.end);
        else if (o.duration !== undefined) end = start + Number(o.duration);
        if (o.start === undefined && o.duration !== undefined && o.end !== undefined) start = end - Number(o.duration);
        if (o.detail !== undefined) detail = structuredClone(o.detail);
      } else if (startOrOptions !== undefined) {
        start = markTime(this, startOrOptions);
      }
      if (endMark !== undefined) end = markTime(this, endMark);
      if (end === undefined) end = highResNow();
      const measure = new PerformanceMeasure(ILLEGAL, String(name), start, end - start, detail);
      entries.push(measure);
      return measure;
    }
    getEntries() { return entries.slice(); }
    getEntriesByType(type) { return entries.filter((e) => e.entryType === String(type)); }
    getEntriesByName(name, type = undefined) {
      return entries.filter((e) => e.name === String(name) && (type === undefined || e.entryType === String(type)));
    }
    clearMarks(name = undefined) {
      entries = entries.filter((e) => e.entryType !== "mark" || (name !== undefined && e.name !== String(name)));
    }
    clearMeasures(name = undefined) {
      entries = entries.filter((e) => e.entryType !== "measure" || (name !== undefined && e.name !== String(name)));
    }
  }
  tag(Performance, "Performance");

  defineGlobal("Performance", Performance);
  defineGlobal("PerformanceEntry", PerformanceEntry);
  defineGlobal("PerformanceMark", PerformanceMark);
  defineGlobal("PerformanceMeasure", PerformanceMeasure);
  defineGlobal("performance", new Performance(ILLEGAL));
})();
