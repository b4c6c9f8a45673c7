// Node's LazyTransform: the stream.Transform that Hash and Hmac are, set up only when a
// stream method first reads its state, so that update()/digest() users never pay for it.
"use strict";

const { Transform } = require("node:stream");

module.exports = LazyTransform;

function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

// The first read of a stream state runs Transform's constructor, which sets the states as
// own properties; chunks stay as written (strings with their encoding).
function makeGetter(name) {
  return function () {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) this._writableState.defaultEncoding = "buffer";
    return this[name];
  };
}

function makeSetter(name) {
  return function (value) {
    Object.defineProperty(this, name, { value, enumerable: true, configurable: true, writable: true });
  };
}

for (const name of ["_readableState", "_writableState"]) {
  Object.defineProperty(LazyTransform.prototype, name, {
    get: makeGetter(name), set: makeSetter(name), configurable: true, enumerable: true,
  });
}
