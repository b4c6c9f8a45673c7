// ES modules and CommonJS, linked by the runtime (runtime/modules/ prepares the graph).
//
// Each module arrives as a function made by runtime/modules/esm.py: a generator for an ES
// module (calling it instantiates, the first next() registers its export getters, the
// second runs its body), a plain function for CommonJS. `link` builds every new module's
// namespace and instantiates it; `evaluate` runs a graph in the spec's post-order, each
// module once, waiting for modules with top-level await; `require` runs CommonJS on first
// use, as Node does.
(function () {
  "use strict";
  const runtime = __runtime;
  const records = new Map(); // id -> record
  const defined = new Map(); // id -> function, until linked
  const builtins = new Map(); // name ("events", "fs/promises") -> id, once loaded
  const scriptImporters = new Map(); // file -> import() of a classic script
  const hasOwn = Object.prototype.hasOwnProperty;
  const defineProperty = Object.defineProperty;
  let nextToken = 1;
  const pendingImports = new Map(); // token -> [resolve, reject]

  function define(id, fn) { defined.set(id, fn); }

  function makeNamespace() {
    const ns = Object.create(null);
    defineProperty(ns, Symbol.toStringTag, { value: "Module" });
    return ns;
  }

  // Module namespace objects are exotic in the spec; here each export is an enumerable
  // getter (live), the object has a null prototype and is not extensible.
  function fillNamespace(rec) {
    const ns = rec.namespace;
    const table = rec.exports || {};
    for (const name of Object.keys(table).sort()) {
      const how = table[name];
      let get;
      if (how[0] === "l") {
        get = rec.getters[name];
      } else if (how[0] === "n") {
        const dep = records.get(rec.args[how[1]]);
        get = () => exoticNamespace(dep);
      } else {
        const dep = records.get(rec.args[how[1]]);
        const other = how[2];
        if (dep.kind !== "cjs") get = () => dep.namespace[other];
        else if (other === "default" || other === "module.exports") get = () => cjsExports(dep);
        else get = () => { const exports = cjsExports(dep); return exports == null ? undefined : exports[other]; };
      }
      defineProperty(ns, name, { get, set: undefined, enumerable: true, configurable: false });
    }
    Object.preventExtensions(ns);
  }

  function cjsExports(rec) {
    if (rec.status === "new") runCommonJS(rec);
    return rec.module.exports;
  }

  function meta(rec) {
    const m = Object.create(null);
    m.url = rec.url;
    m.filename = rec.file;
    m.dirname = rec.file.replace(/[\\/][^\\/]*$/, "");
    m.resolve = (specifier) => resolveUrl(rec, String(specifier));
    return m;
  }

  function resolveUrl(rec, specifier) {
    const found = rec.resolve && hasOwn.call(rec.resolve, specifier) ? rec.resolve[specifier] : undefined;
    if (found !== undefined) {
      if (found[0] !== null) return found[0];
      const err = new Error(found[1]);
      err.code = "ERR_MODULE_NOT_FOUND";
      throw err;
    }
    const dyn = rec.dynamic && hasOwn.call(rec.dynamic, specifier) ? rec.dynamic[specifier] : undefined;
    if (typeof dyn === "number") return records.get(dyn).url;
    if (/^(\.{0,2}\/)/.test(specifier)) return new URL(specifier, rec.url).href;
    if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(specifier)) return specifier; // a URL (node:x)
    if (builtins.has(specifier)) return "node:" + specifier;
    const err = new Error(`import.meta.resolve("${specifier}") in ${rec.file}: a package specifier is resolved ` +
      "when the module loads, so write it as a string literal there (a relative one may be computed)");
    err.code = "ERR_MODULE_NOT_FOUND";
    throw err;
  }

  // Instantiate every new module: namespaces first (cycles reach them), then each module
  // function with its requests' namespaces, then each namespace's getters.
  function link(list) {
    const fresh = [];
    for (const info of list) {
      const rec = {
        id: info.id, kind: info.kind, file: info.file, url: info.url, tla: info.tla,
        deps: info.deps, args: info.args, exports: info.exports, dynamic: info.dynamic,
        require: info.require, resolve: info.resolve, injected: info.injected, status: "new", namespace: makeNamespace(), getters: null,
        namespaces: info.namespaces || [], exotic: null, required: null, cjsNamespace: null, cjsTarget: null,
        gen: null, error: undefined, promise: undefined, module: null,
      };
      rec.fn = defined.get(info.id);
      defined.delete(info.id);
      records.set(info.id, rec);
      if (rec.file.startsWith("node:")) builtins.set(rec.file.slice(5), info.id);
      fresh.push(rec);
    }
    for (const rec of fresh) {
      if (rec.kind === "cjs") {
        const path = rec.file.replace(/[\\/][^\\/]*$/, "");
        const main = rec.file === runtime.main;
        rec.module = {
          exports: {}, id: main ? "." : rec.file, filename: rec.file, path, loaded: false,
          children: [], paths: [], require: null, parent: main ? null : undefined,
        };
        continue;
      }
      const args = [(getters) => { rec.getters = getters; }, meta(rec), (s) => dynamicImport(rec, s)];
      for (const id of rec.args) args.push(id === null ? undefined : commonNamespace(records.get(id)));
      for (const id of rec.namespaces) args.push(exoticNamespace(records.get(id)));
      rec.gen = rec.fn.apply(undefined, args);
      rec.fn = null;
      rec.gen.next();
    }
    for (const rec of fresh) if (rec.kind !== "cjs") fillNamespace(rec);
  }

  // What an ES module sees of a CommonJS one: a namespace whose `default` is
  // module.exports and whose other names read module.exports live (its names are known
  // once it ran). Like a module namespace object it is not extensible and its exports are
  // writable data properties that cannot be written (so it is sealed, not frozen).
  function commonNamespace(rec) {
    if (rec.kind !== "cjs") return rec.namespace;
    if (!rec.cjsNamespace) {
      const target = makeNamespace(); // the names, filled in by fillCommonNamespace
      rec.cjsTarget = target;
      const read = (name) => {
        if (name === Symbol.toStringTag) return "Module";
        const exports = cjsExports(rec);
        if (name === "default" || name === "module.exports") return exports;
        return exports == null ? undefined : exports[name];
      };
      const own = (t, k) => typeof k === "string" && hasOwn.call(t, k);
      rec.cjsNamespace = new Proxy(target, {
        get(_, name) { return read(name); },
        set() { return false; },
        getOwnPropertyDescriptor(t, k) {
          if (!own(t, k)) return Reflect.getOwnPropertyDescriptor(t, k);
          return { value: read(k), writable: true, enumerable: true, configurable: false };
        },
        defineProperty(t, k, desc) {
          if (typeof k === "symbol") return Reflect.defineProperty(t, k, desc);
          if (!own(t, k)) return false;
          if (desc.configurable === true || desc.enumerable === false || desc.writable === false) return false;
          if ("get" in desc || "set" in desc) return false;
          return !("value" in desc) || Object.is(desc.value, read(k));
        },
        deleteProperty(t, k) { return typeof k === "symbol" ? Reflect.deleteProperty(t, k) : !own(t, k); },
        setPrototypeOf(t, proto) { return proto === null; },
        preventExtensions(t) { return !Reflect.isExtensible(t); }, // once it ran
      });
    }
    return rec.cjsNamespace;
  }

  function fillCommonNamespace(rec) {
    const ns = rec.namespace;
    const exports = rec.module.exports;
    const names = exports !== null && (typeof exports === "object" || typeof exports === "function")
      ? Object.keys(exports).filter((k) => k !== "default") : [];
    names.push("default");
    commonNamespace(rec);
    const target = rec.cjsTarget;
    for (const name of names.sort()) {
      defineProperty(ns, name, {
        get: name === "default" ? () => rec.module.exports : () => rec.module.exports[name],
        enumerable: true, configurable: false,
      });
      defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: false });
    }
    Object.preventExtensions(ns);
    Object.preventExtensions(target);
  }

  function runCommonJS(rec) {
    rec.status = "evaluating";
    const module = rec.module;
    if (!rec.file.startsWith("node:")) moduleCache[rec.file] = module; // built-ins are not in it, as in Node
    const require = makeRequire(rec);
    const dirname = rec.file.replace(/[\\/][^\\/]*$/, "");
    try {
      const load = (specifier) => dynamicImport(rec, specifier);
      // Node's globals it reads (process, Buffer, ...): built-ins' exports, as parameters.
      const injected = (rec.injected || []).map(([, spec, name]) =>
        spec === "" ? globalThis : name === "default" ? require(spec) : require(spec)[name]);
      rec.fn.call(module.exports, module.exports, require, module, rec.file, dirname, load, ...injected);
    } catch (e) {
      rec.status = "errored";
      rec.error = e;
      throw e;
    } finally {
      rec.fn = null;
    }
    module.loaded = true;
    // Node runs the ticks a CommonJS main module queued as soon as it has run, before the
    // promise jobs it queued.
    if (rec.file === runtime.main) runtime.runTicks();
    rec.status = "evaluated";
    fillCommonNamespace(rec);
  }

  function mainModule() {
    for (const rec of records.values()) if (rec.kind === "cjs" && rec.file === runtime.main) return rec.module;
    return undefined;
  }

  // require.cache: each CommonJS module by its file, once it runs (deleting one does not
  // load it again: a module is evaluated once per context).
  const moduleCache = Object.create(null);
  function makeRequire(rec) {
    const require = function require(specifier) {
      let target = rec.require && hasOwn.call(rec.require, specifier) ? rec.require[specifier] : undefined;
      if (target === undefined) target = builtins.get(String(specifier).replace(/^node:/, ""));
      if (typeof target !== "number") {
        const err = new Error(typeof target === "string" ? target
          : `Cannot find module '${specifier}' from ${rec.file}: a require() whose specifier is computed ` +
            "when it runs finds only built-ins already loaded; modules are loaded ahead of time for " +
            "require() of a string (\"./x.js\", `./x.js`, \"./\" + \"x.js\"). Use import() for the others");
        err.code = "MODULE_NOT_FOUND";
        throw err;
      }
      const dep = records.get(target);
      if (dep.kind === "cjs") {
        if (dep.status === "errored") throw dep.error;
        if (dep.status === "new" && rec.module && dep.module.parent === undefined && !dep.file.startsWith("node:")) {
          // Node's module.parent: the module that first required it (the old `!module.parent`
          // test for the entry module reads it), and its children.
          dep.module.parent = rec.module;
          rec.module.children.push(dep.module);
        }
        return cjsExports(dep);
      }
      const done = evaluate(dep.id);
      if (done !== undefined) {
        const err = new Error(`require() of ${dep.file}: it uses top-level await; use import() instead`);
        err.code = "ERR_REQUIRE_ASYNC_MODULE";
        throw err;
      }
      return dep.kind === "json" ? dep.namespace.default : requiredNamespace(dep);
    };
    require.resolve = (specifier) => {
      const found = rec.resolve && hasOwn.call(rec.resolve, specifier) ? rec.resolve[specifier] : undefined;
      if (found && found[0] !== null) return found[0];
      const target = rec.require && hasOwn.call(rec.require, specifier) ? rec.require[specifier] : undefined;
      if (typeof target === "number") {
        const file = records.get(target).file;
        return file.startsWith("node:") ? specifier : file;
      }
      const err = new Error(found ? found[1] : typeof target === "string" ? target : `Cannot find module '${specifier}' from ${rec.file}`);
      err.code = "MODULE_NOT_FOUND";
      throw err;
    };
    require.cache = moduleCache;
    // The program's entry module (`runtime run main.cjs`), as `require.main === module` tests.
    defineProperty(require, "main", { get: mainModule, enumerable: true });
    if (rec.module) rec.module.require = require;
    return require;
  }

  // Evaluate the graph under `id`: undefined once done, or a promise when a module in it
  // (or one still running) waits on top-level await. A module that threw throws again.
  function evaluate(id) { return inner(records.get(id)); }

  function inner(rec) {
    switch (rec.status) {
      case "evaluated": return rec.promise;
      case "evaluating": return undefined; // a cycle: the spec lets it see what is there
      case "errored": throw rec.error;
    }
    if (rec.kind === "cjs") { runCommonJS(rec); return undefined; }
    rec.status = "evaluating";
    let waits = null;
    try {
      for (const id of rec.deps) {
        if (id === null) continue;
        const p = inner(records.get(id));
        if (p !== undefined) (waits || (waits = [])).push(p);
      }
    } catch (e) {
      rec.status = "errored";
      rec.error = e;
      throw e;
    }
    if (waits === null && !rec.tla) {
      try {
        rec.gen.next();
      } catch (e) {
        rec.status = "errored";
        rec.error = e;
        throw e;
      }
      rec.gen = null;
      rec.status = "evaluated";
      return undefined;
    }
    rec.status = "evaluated";
    const run = () => {
      const step = rec.gen.next();
      rec.gen = null;
      return step;
    };
    rec.promise = (waits === null ? Promise.resolve(run()) : Promise.all(waits).then(run)).then(
      () => undefined,
      (e) => { rec.status = "errored"; rec.error = e; throw e; },
    );
    return rec.promise;
  }

  // The namespace `import * as`, import() and require() see of a module.
  function exoticNamespace(rec) {
    if (rec.kind === "cjs") return commonNamespace(rec);
    if (!rec.exotic) rec.exotic = makeExotic(Object.keys(rec.exports || {}), rec.namespace);
    return rec.exotic;
  }

  // What require() of an ES module returns, as in Node: its namespace, unless it has a
  // default export and no export named __esModule; then the namespace of a facade
  // (`export * from m; export { default } from m; export const __esModule = true`), so
  // code compiled to CommonJS takes its `default` for the default export.
  function requiredNamespace(rec) {
    if (rec.required) return rec.required;
    const table = rec.exports || {};
    if (!hasOwn.call(table, "default") || hasOwn.call(table, "__esModule")) {
      rec.required = exoticNamespace(rec);
    } else {
      const fast = rec.namespace;
      const facade = Object.create(null);
      for (const name of Object.keys(table)) defineProperty(facade, name, { get: () => fast[name] });
      defineProperty(facade, "__esModule", { value: true });
      rec.required = makeExotic([...Object.keys(table), "__esModule"], facade);
    }
    return rec.required;
  }

  // The module namespace exotic object of the spec, over the live getters of `fast`: data
  // properties (writable, enumerable, not configurable) in code unit order, reading a
  // binding still in its TDZ throws, nothing can be added, changed or deleted.
  function makeExotic(exportNames, fast) {
    const names = exportNames.slice().sort();
    const exported = new Set(names);
    const target = Object.create(null);
    for (const name of names) {
      defineProperty(target, name, { value: undefined, writable: true, enumerable: true, configurable: false });
    }
    defineProperty(target, Symbol.toStringTag, { value: "Module" });
    Object.preventExtensions(target);
    const own = (k) => typeof k === "string" && exported.has(k);
    const describe = (k) => ({ value: fast[k], writable: true, enumerable: true, configurable: false });
    return new Proxy(target, {
      get(t, k) { return own(k) ? fast[k] : typeof k === "symbol" ? Reflect.get(t, k) : undefined; },
      set() { return false; },
      has(t, k) { return own(k) || (typeof k === "symbol" && Reflect.has(t, k)); },
      deleteProperty(t, k) { return typeof k === "symbol" ? Reflect.deleteProperty(t, k) : !exported.has(k); },
      getOwnPropertyDescriptor(t, k) {
        if (typeof k === "symbol") return Reflect.getOwnPropertyDescriptor(t, k);
        return exported.has(k) ? describe(k) : undefined;
      },
      defineProperty(t, k, desc) {
        if (typeof k === "symbol") return Reflect.defineProperty(t, k, desc);
        if (!exported.has(k)) return false;
        const current = describe(k);
        if (desc.configurable === true || desc.enumerable === false || desc.writable === false) return false;
        if ("get" in desc || "set" in desc) return false;
        return !("value" in desc) || Object.is(desc.value, current.value);
      },
      ownKeys() { return [...names, Symbol.toStringTag]; },
      getPrototypeOf() { return null; },
      setPrototypeOf(t, proto) { return proto === null; },
      isExtensible() { return false; },
      preventExtensions() { return true; },
    });
  }

  function namespaceOf(rec) {
    return exoticNamespace(rec); // a CommonJS module's is the one its importers see
  }

  // import(): a module already in the graph is evaluated (async); any other specifier is
  // loaded by the host first ("import" in the outbox, answered by `imported`).
  function dynamicImport(rec, specifier) {
    try {
      specifier = String(specifier);
    } catch (e) {
      return Promise.reject(e);
    }
    const target = rec && rec.dynamic && hasOwn.call(rec.dynamic, specifier) ? rec.dynamic[specifier] : undefined;
    if (typeof target === "number") return evaluateAsync(target);
    return new Promise((resolve, reject) => {
      const token = nextToken++;
      pendingImports.set(token, [resolve, reject]);
      runtime.hostWork++;
      runtime.post(["import", token, specifier, rec ? rec.file : null]);
    });
  }

  function evaluateAsync(id) {
    try {
      const rec = records.get(id);
      const p = evaluate(id);
      return p === undefined ? Promise.resolve(namespaceOf(rec)) : p.then(() => namespaceOf(rec));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // The host's answer to an "import" message: the loaded module's id, or an error.
  function imported(token, id, error) {
    const entry = pendingImports.get(token);
    if (!entry) return;
    pendingImports.delete(token);
    runtime.hostWork--;
    if (id === null) {
      const ctor = globalThis[error.name];
      const e = typeof ctor === "function" ? new ctor(error.message) : new Error(error.message);
      if (error.code) e.code = error.code; // ERR_MODULE_NOT_FOUND, as in Node
      entry[1](e);
    } else {
      evaluateAsync(id).then(entry[0], entry[1]);
    }
  }

  // import() in a classic script resolves relative to the script's file.
  function scriptImport(file) {
    let fn = scriptImporters.get(file);
    if (!fn) {
      const rec = { file, dynamic: null };
      fn = (specifier) => dynamicImport(rec, specifier);
      scriptImporters.set(file, fn);
    }
    return fn;
  }

  function namespace(id) { return namespaceOf(records.get(id)); }

  function exportNames(id) {
    const rec = records.get(id);
    if (rec.kind === "cjs" && rec.status === "new") return [];
    return Object.keys(rec.namespace);
  }

  function exportValue(id, name) {
    const ns = records.get(id).namespace;
    if (!hasOwn.call(ns, name)) throw new ReferenceError(`the module has no export named '${name}'`);
    return ns[name];
  }

  // The error the program's entry module (`runtime run`) failed with, offered to the global
  // "error" event (node:process's uncaughtException), as Node does: whether a listener took it.
  function offerMainError() {
    for (const rec of records.values()) {
      if (rec.file === runtime.main && rec.status === "errored") return !runtime.events.dispatchUncaught(rec.error);
    }
    return false;
  }

  runtime.modules = {
    define, link, evaluate, namespace, exportNames, exportValue, imported, scriptImport,
    evaluateAsync, offerMainError,
  };
})();
