// URLSearchParams (WHATWG URL Standard), on its own or bound to a URL's query; the URL
// side reaches it through __runtime.urlSearchParams.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, requireArgs, toUSV, interfaceMembers } = runtime.webidl;
  const { formParse, formSerialize, recordOf: urlRecordOf } = runtime.url;

  // Set up by the class's static block.
  let paramsList;    // (params) -> its live list of [name, value]
  let setParamsList; // (params, query string or null): the URL's query changed
  let newParamsFor;  // (urlObject, query string or null) -> URLSearchParams bound to that URL

  const ITER_NEW = {};
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class URLSearchParamsIterator {
    #params; #kind; #index = 0;
    constructor(token, params, kind) {
      if (token !== ITER_NEW) throw new TypeError("Illegal constructor");
      this.#params = params;
      this.#kind = kind;
    }
    next() {
      const list = paramsList(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const pair = list[this.#index++];
      const kind = this.#kind;
      return { value: kind === "key" ? pair[0] : kind === "value" ? pair[1] : [pair[0], pair[1]], done: false };
    }
  }
  Object.setPrototypeOf(URLSearchParamsIterator.prototype, IteratorPrototype);
  delete URLSearchParamsIterator.prototype.constructor; // not exposed, as in Web IDL
  Object.defineProperty(URLSearchParamsIterator.prototype, "next", { enumerable: true });
  Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, { value: "URLSearchParams Iterator", configurable: true });

  class URLSearchParams {
    #list = [];
    #url = null; // the URL object this belongs to, if any

    constructor(init = "") {
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iterFn = init[Symbol.iterator];
        if (iterFn !== undefined && iterFn !== null) {
          if (typeof iterFn !== "function") throw new TypeError("URLSearchParams: init[Symbol.iterator] is not a function");
          for (const pair of { [Symbol.iterator]: () => iterFn.call(init) }) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function") || typeof pair[Symbol.iterator] !== "function") {
              throw new TypeError("URLSearchParams: each init pair must be an iterable of [name, value]");
            }
            const items = Array.from(pair);
            if (items.length !== 2) throw new TypeError("URLSearchParams: each init pair must have exactly two items");
            this.#list.push([toUSV(items[0]), toUSV(items[1])]);
          }
        } else {
          // record<USVString, USVString>: a key that converts to one already seen (unpaired
          // surrogates become U+FFFD) keeps its first place and takes the later value.
          const record = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            // (A symbol key cannot convert to USVString: TypeError, as Web IDL says.)
            const name = toUSV(key);
            record.set(name, toUSV(init[key]));
          }
          for (const entry of record) this.#list.push(entry);
        }
      } else {
        let s = toUSV(init);
        if (s.charCodeAt(0) === 0x3F) s = s.slice(1);
        this.#list = formParse(s);
      }
    }

    #update() {
      const url = this.#url;
      if (url === null) return;
      const rec = urlRecordOf(url);
      const s = formSerialize(this.#list);
      rec.query = s === "" ? null : s;
    }

    get size() { return this.#list.length; }

    append(name, value) {
      requireArgs(arguments.length, 2, "URLSearchParams.append");
      this.#list.push([toUSV(name), toUSV(value)]);
      this.#update();
    }
    delete(name, value) {
      requireArgs(arguments.length, 1, "URLSearchParams.delete");
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        this.#list = this.#list.filter((p) => !(p[0] === name && p[1] === value));
      } else {
        this.#list = this.#list.filter((p) => p[0] !== name);
      }
      this.#update();
    }
    get(name) {
      requireArgs(arguments.length, 1, "URLSearchParams.get");
      name = toUSV(name);
      for (const p of this.#list) if (p[0] === name) return p[1];
      return null;
    }
    getAll(name) {
      requireArgs(arguments.length, 1, "URLSearchParams.getAll");
      name = toUSV(name);
      const out = [];
      for (const p of this.#list) if (p[0] === name) out.push(p[1]);
      return out;
    }
    has(name, value) {
      requireArgs(arguments.length, 1, "URLSearchParams.has");
      name = toUSV(name);
      if (value !== undefined) {
        value = toUSV(value);
        return this.#list.some((p) => p[0] === name && p[1] === value);
      }
      return this.#list.some((p) => p[0] === name);
    }
    set(name, value) {
      requireArgs(arguments.length, 2, "URLSearchParams.set");
      name = toUSV(name);
      value = toUSV(value);
      const list = this.#list;
      const i = list.findIndex((p) => p[0] === name);
      if (i < 0) list.push([name, value]);
      else {
        list[i] = [name, value];
        this.#list = list.filter((p, j) => j <= i || p[0] !== name);
      }
      this.#update();
    }
    sort() {
      // Stable sort by name in code units (Array.prototype.sort is stable).
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }
    forEach(callback, thisArg = undefined) {
      requireArgs(arguments.length, 1, "URLSearchParams.forEach");
      if (typeof callback !== "function") throw new TypeError("URLSearchParams.forEach: callback is not a function");
      for (let i = 0; i < this.#list.length; i++) {
        const p = this.#list[i];
        callback.call(thisArg, p[1], p[0], this);
      }
    }
    // (Reading this.#list first makes a call on a wrong `this` throw TypeError.)
    entries() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "key+value"); }
    keys() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "key"); }
    values() { this.#list; return new URLSearchParamsIterator(ITER_NEW, this, "value"); }
    toString() { return formSerialize(this.#list); }

    static {
      paramsList = (p) => p.#list;
      setParamsList = (p, query) => { p.#list = query === null ? [] : formParse(query); };
      newParamsFor = (url, query) => {
        const p = new URLSearchParams();
        p.#url = url;
        p.#list = query === null ? [] : formParse(query);
        return p;
      };
    }
  }
  interfaceMembers(URLSearchParams.prototype, "URLSearchParams");
  runtime.webidl.inspectAs(URLSearchParams, (self, inspect) => {
    const pairs = [...self].map(([k, v]) => `${inspect(k)} => ${inspect(v)}`);
    return pairs.length ? `URLSearchParams { ${pairs.join(", ")} }` : "URLSearchParams {}";
  });
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true, enumerable: false,
  });
  defineGlobal("URLSearchParams", URLSearchParams);

  runtime.urlSearchParams = { newFor: newParamsFor, setList: setParamsList };
})();
