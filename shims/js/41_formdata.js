// FormData (https://xhr.spec.whatwg.org/#interface-formdata). Its multipart and
// urlencoded bodies are encoded and parsed in 52_body.js, through __runtime.formData.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { defineGlobal, tag, pairIterable, isObject, toUSV } = rt.webidl;
  const { blobOf, fileOf, newFile } = rt.blobs;

  // ---------------------------------------------------------------- FormData
  let formOf; // FormData -> entries array of [name, value]
  function createEntry(name, value, filename, withFilename) {
    name = toUSV(name);
    const b = blobOf(value);
    if (b) {
      const f = fileOf(value);
      if (!f || withFilename) {
        const fname = withFilename ? toUSV(filename) : f ? f.name : "blob";
        value = newFile(b.bytes, fname, b.type, f ? f.lastModified : undefined);
      }
      return [name, value];
    }
    if (withFilename) throw new TypeError("FormData: the value must be a Blob when a filename is given");
    return [name, toUSV(value)];
  }
  class FormData {
    #e;
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) throw new TypeError("FormData: form elements are not supported in this runtime");
      void submitter;
      this.#e = [];
    }
    static {
      formOf = (o) => {
        if (!isObject(o) || !(#e in o)) throw new TypeError("Illegal invocation: not a FormData");
        return o.#e;
      };
    }
    append(name, value, filename = undefined) {
      const e = formOf(this);
      if (arguments.length < 2) throw new TypeError("FormData.append: 2 arguments required");
      e.push(createEntry(name, value, filename, arguments.length > 2));
    }
    delete(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.delete: 1 argument required");
      name = toUSV(name);
      for (let i = e.length - 1; i >= 0; i--) if (e[i][0] === name) e.splice(i, 1);
    }
    get(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.get: 1 argument required");
      name = toUSV(name);
      for (const entry of e) if (entry[0] === name) return entry[1];
      return null;
    }
    getAll(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.getAll: 1 argument required");
      name = toUSV(name);
      const out = [];
      for (const entry of e) if (entry[0] === name) out.push(entry[1]);
      return out;
    }
    has(name) {
      const e = formOf(this);
      if (arguments.length < 1) throw new TypeError("FormData.has: 1 argument required");
      name = toUSV(name);
      return e.some((entry) => entry[0] === name);
    }
    set(name, value, filename = undefined) {
      const e = formOf(this);
      if (arguments.length < 2) throw new TypeError("FormData.set: 2 arguments required");
      const entry = createEntry(name, value, filename, arguments.length > 2);
      const i = e.findIndex((x) => x[0] === entry[0]);
      if (i < 0) { e.push(entry); return; }
      e[i] = entry;
      for (let j = e.length - 1; j > i; j--) if (e[j][0] === entry[0]) e.splice(j, 1);
    }
  }
  tag(FormData, "FormData");
  rt.webidl.inspectAs(FormData, (self) => {
    const out = {};
    for (const [k, v] of self) out[k] = k in out ? [].concat(out[k], v) : v;
    return out;
  });
  pairIterable(FormData, "FormData Iterator", (o) => { const e = formOf(o); return () => e; });

  defineGlobal("FormData", FormData);

  rt.formData = {
    entries: formOf, // FormData -> live [[name, string|File]]
    create(entries) { const fd = new FormData(); formOf(fd).push(...entries); return fd; },
  };
})();
