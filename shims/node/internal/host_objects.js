// What the built-ins that work on the host (node:crypto's, node:zlib) share: Buffers over
// the bytes the host answers with, the release of host objects whose JS owner was
// collected unfinished (where the engine runs FinalizationRegistry callbacks), and the
// answers of their callback forms.
"use strict";

const { Buffer } = require("node:buffer");

// A Buffer over a host answer's bytes (no copy).
const toBuffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// A registry that calls drop(id) for each registered owner collected unregistered.
function releaser(drop) {
  if (typeof FinalizationRegistry !== "function") return { register() {}, unregister() {} };
  return new FinalizationRegistry((id) => {
    try {
      drop(id);
    } catch (_) {
      // the context is closing
    }
  });
}

// A callback form's answer: `work` runs now (the host answers at once), and the callback
// gets its result or error in a later task, as from Node's thread pool.
function answerLater(callback, work) {
  let result, failure = null;
  try {
    result = work();
  } catch (error) {
    failure = error;
  }
  globalThis.__runtime.task(() => (failure === null ? callback(null, result) : callback(failure)));
}

module.exports = { toBuffer, releaser, answerLater };
