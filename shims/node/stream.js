// node:stream — Node.js's streams. The module is the legacy Stream class, with the stream
// classes and helpers as its properties (as Node exports it).
"use strict";

const { Stream } = require("./internal/streams/legacy.js");
const utils = require("./internal/streams/utils.js");
const eos = require("./internal/streams/end-of-stream.js");
const { pipeline } = require("./internal/streams/pipeline.js");
const { destroyer } = require("./internal/streams/destroy.js");
const { addAbortSignal } = require("./internal/streams/add-abort-signal.js");
const { setDefaultHighWaterMark, getDefaultHighWaterMark } = require("./internal/streams/state.js");
const { streamReturningOperators, promiseReturningOperators } = require("./internal/streams/operators.js");

module.exports = Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;
Stream.Readable = require("./internal/streams/readable.js");
// The statics that build on the other classes are set here, above them all, so no stream
// file needs one that needs it back.
const adapters = require("./internal/streams/adapters.js");
const duplexify = require("./internal/streams/duplexify.js");
Stream.Readable.fromWeb = function (readableStream, options) {
  return adapters.newStreamReadableFromReadableStream(readableStream, options);
};
Stream.Readable.toWeb = function (streamReadable, options) {
  return adapters.newReadableStreamFromStreamReadable(streamReadable, options);
};

// The helper methods go on Readable.prototype as methods (not constructors); the stream
// returning ones give a Readable over their async iterator.
function defineOperator(key, op, wrap) {
  function fn(...args) {
    if (new.target) throw utils.codes.ERR_ILLEGAL_CONSTRUCTOR();
    return wrap(Reflect.apply(op, this, args));
  }
  Object.defineProperty(fn, "name", { value: op.name });
  Object.defineProperty(fn, "length", { value: op.length });
  Object.defineProperty(Stream.Readable.prototype, key, { value: fn, enumerable: false, configurable: true, writable: true });
}
for (const [key, op] of Object.entries(streamReturningOperators)) {
  defineOperator(key, op, (result) => Stream.Readable.from(result));
}
for (const [key, op] of Object.entries(promiseReturningOperators)) defineOperator(key, op, (result) => result);

Stream.Writable = require("./internal/streams/writable.js");
Stream.Writable.fromWeb = function (writableStream, options) {
  return adapters.newStreamWritableFromWritableStream(writableStream, options);
};
Stream.Writable.toWeb = function (streamWritable) {
  return adapters.newWritableStreamFromStreamWritable(streamWritable);
};
Stream.Duplex = require("./internal/streams/duplex.js");
Stream.Duplex.fromWeb = function (pair, options) {
  return adapters.newStreamDuplexFromReadableWritablePair(pair, options);
};
Stream.Duplex.toWeb = function (duplex) {
  return adapters.newReadableWritablePairFromDuplex(duplex);
};
Stream.Duplex.from = function (body) {
  return duplexify(body, "body");
};
Stream.Transform = require("./internal/streams/transform.js");
Stream.PassThrough = require("./internal/streams/passthrough.js");
Stream.duplexPair = require("./internal/streams/duplexpair.js");
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = require("./internal/streams/compose.js");
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

const promises = require("./stream/promises.js");
Object.defineProperty(Stream, "promises", {
  configurable: true,
  enumerable: true,
  get() {
    return promises;
  },
});

// util.promisify(pipeline) and util.promisify(finished) give the stream/promises versions.
const customPromisify = Symbol.for("nodejs.util.promisify.custom");
Object.defineProperty(pipeline, customPromisify, {
  enumerable: true,
  get() {
    return promises.pipeline;
  },
});
Object.defineProperty(eos, customPromisify, {
  enumerable: true,
  get() {
    return promises.finished;
  },
});

Stream.Stream = Stream;
Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = (value) => value instanceof Uint8Array;
Stream._uint8ArrayToBuffer = utils.uint8ArrayToBuffer;
