// Readable/Writable/Duplex .toWeb and .fromWeb: Node streams as the context's WHATWG
// streams (ReadableStream, WritableStream) and back, each side's backpressure, end and
// errors carried over to the other.
"use strict";

const { Buffer } = require("node:buffer");
const Readable = require("./readable.js");
const Writable = require("./writable.js");
const Duplex = require("./duplex.js");
const finished = require("./end-of-stream.js");
const { destroyer: destroy } = require("./destroy.js");
const {
  nextTick,
  codes,
  AbortError,
  validateObject,
  validateBoolean,
  isDestroyed,
  isReadable,
  isWritable,
  isWritableEnded,
  isReadableStream,
  isWritableStream,
} = require("./utils.js");

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// A stream that closed early reads as an abort on the web side.
function webError(error) {
  return error?.code === "ERR_STREAM_PREMATURE_CLOSE" ? new AbortError(undefined, { cause: error }) : error;
}

// Calls a stream's callback from a promise reaction; what it throws destroys the stream
// in the next tick instead of rejecting the promise.
function settle(stream, callback, error) {
  try {
    callback(error);
  } catch (thrown) {
    nextTick(() => destroy(stream, thrown));
  }
}

function newWritableStreamFromStreamWritable(streamWritable) {
  if (!(streamWritable && typeof streamWritable.write === "function" && typeof streamWritable.on === "function")) {
    throw codes.ERR_INVALID_ARG_TYPE("streamWritable", "stream.Writable", streamWritable);
  }

  if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
    const writable = new WritableStream();
    writable.close();
    return writable;
  }

  const highWaterMark = streamWritable.writableHighWaterMark;
  const strategy = streamWritable.writableObjectMode ? new CountQueuingStrategy({ highWaterMark }) : { highWaterMark };

  let controller;
  let backpressure;
  let closed;

  const cleanup = finished(streamWritable, (error) => {
    error = webError(error);
    cleanup();
    // Legacy streams may emit 'error' again after finishing.
    streamWritable.on("error", () => {});
    if (error != null) {
      backpressure?.reject(error);
      // A close in progress fails too.
      if (closed !== undefined) {
        closed.reject(error);
        closed = undefined;
      }
      controller.error(error);
      controller = undefined;
      return;
    }
    if (closed !== undefined) {
      closed.resolve();
      closed = undefined;
      return;
    }
    controller.error(new AbortError());
    controller = undefined;
  });

  streamWritable.on("drain", () => backpressure?.resolve());

  return new WritableStream(
    {
      start(c) {
        controller = c;
      },
      write(chunk) {
        if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
          backpressure = deferred();
          return backpressure.promise.finally(() => {
            backpressure = undefined;
          });
        }
        return undefined;
      },
      abort(reason) {
        destroy(streamWritable, reason);
      },
      close() {
        if (closed === undefined && !isWritableEnded(streamWritable)) {
          closed = deferred();
          streamWritable.end();
          return closed.promise;
        }
        controller = undefined;
        return Promise.resolve();
      },
    },
    strategy,
  );
}

function newStreamWritableFromWritableStream(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) {
    throw codes.ERR_INVALID_ARG_TYPE("writableStream", "WritableStream", writableStream);
  }
  validateObject(options, "options");
  const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
  validateBoolean(objectMode, "options.objectMode");
  validateBoolean(decodeStrings, "options.decodeStrings");

  const writer = writableStream.getWriter();
  let closed = false;

  const writable = new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writer.ready
        .then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))))
        .then(
          () => settle(writable, callback),
          (error) => settle(writable, callback, error),
        );
    },
    write(chunk, encoding, callback) {
      writer.ready
        .then(() => writer.write(chunk))
        .then(
          () => settle(writable, callback),
          (error) => settle(writable, callback, error),
        );
    },
    destroy(error, callback) {
      const done = () => settle(writable, callback, error);
      if (closed) done();
      else if (error != null) writer.abort(error).then(done, done);
      else writer.close().then(done, done);
    },
    final(callback) {
      if (!closed) {
        writer.close().then(
          () => settle(writable, callback),
          (error) => settle(writable, callback, error),
        );
      }
    },
  });

  writer.closed.then(
    () => {
      // Closed before the Writable ended: a premature close.
      closed = true;
      if (!isWritableEnded(writable)) destroy(writable, codes.ERR_STREAM_PREMATURE_CLOSE());
    },
    (error) => {
      closed = true;
      destroy(writable, error);
    },
  );

  return writable;
}

// `options.strategy` replaces the default strategy (the stream's highWaterMark, counted in
// bytes, or in chunks in object mode).
function newReadableStreamFromStreamReadable(streamReadable, options = {}) {
  if (typeof streamReadable?._readableState !== "object") {
    throw codes.ERR_INVALID_ARG_TYPE("streamReadable", "stream.Readable", streamReadable);
  }

  if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
    const readable = new ReadableStream();
    readable.cancel();
    return readable;
  }

  const objectMode = streamReadable.readableObjectMode;
  const highWaterMark = streamReadable.readableHighWaterMark;
  const strategy =
    options?.strategy ||
    (objectMode ? new CountQueuingStrategy({ highWaterMark }) : new ByteLengthQueuingStrategy({ highWaterMark }));

  let controller;
  let wasCanceled = false;

  function onData(chunk) {
    // A copy, as a plain Uint8Array.
    if (Buffer.isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }

  streamReadable.pause();

  const cleanup = finished(streamReadable, (error) => {
    error = webError(error);
    cleanup();
    // Legacy streams may emit 'error' again after finishing.
    streamReadable.on("error", () => {});
    if (error) return controller.error(error);
    if (wasCanceled) return undefined;
    controller.close();
    return undefined;
  });

  streamReadable.on("data", onData);

  return new ReadableStream(
    {
      start(c) {
        controller = c;
      },
      pull() {
        streamReadable.resume();
      },
      cancel(reason) {
        wasCanceled = true;
        destroy(streamReadable, reason);
      },
    },
    strategy,
  );
}

function newStreamReadableFromReadableStream(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) {
    throw codes.ERR_INVALID_ARG_TYPE("readableStream", "ReadableStream", readableStream);
  }
  validateObject(options, "options");
  const { highWaterMark, encoding, objectMode = false, signal } = options;
  // Node passes these two the other way round; the message is Node's.
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) throw codes.ERR_INVALID_ARG_VALUE(encoding, "options.encoding");
  validateBoolean(objectMode, "options.objectMode");

  const reader = readableStream.getReader();
  let closed = false;

  const readable = new Readable({
    objectMode,
    highWaterMark,
    encoding,
    signal,
    read() {
      reader.read().then(
        (chunk) => {
          if (chunk.done) readable.push(null);
          else readable.push(chunk.value);
        },
        (error) => destroy(readable, error),
      );
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (thrown) {
          // Out of the promise reaction: reported as uncaught.
          nextTick(() => {
            throw thrown;
          });
        }
      };
      if (!closed) {
        reader.cancel(error).then(done, done);
        return;
      }
      done();
    },
  });

  reader.closed.then(
    () => {
      closed = true;
    },
    (error) => {
      closed = true;
      destroy(readable, error);
    },
  );

  return readable;
}

function newReadableWritablePairFromDuplex(duplex) {
  if (typeof duplex?._writableState !== "object" || typeof duplex?._readableState !== "object") {
    throw codes.ERR_INVALID_ARG_TYPE("duplex", "stream.Duplex", duplex);
  }

  if (isDestroyed(duplex)) {
    const writable = new WritableStream();
    const readable = new ReadableStream();
    writable.close();
    readable.cancel();
    return { readable, writable };
  }

  const writable = isWritable(duplex) ? newWritableStreamFromStreamWritable(duplex) : new WritableStream();
  if (!isWritable(duplex)) writable.close();
  const readable = isReadable(duplex) ? newReadableStreamFromStreamReadable(duplex) : new ReadableStream();
  if (!isReadable(duplex)) readable.cancel();
  return { writable, readable };
}

function newStreamDuplexFromReadableWritablePair(pair = {}, options = {}) {
  validateObject(pair, "pair");
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) throw codes.ERR_INVALID_ARG_TYPE("pair.readable", "ReadableStream", readableStream);
  if (!isWritableStream(writableStream)) throw codes.ERR_INVALID_ARG_TYPE("pair.writable", "WritableStream", writableStream);

  validateObject(options, "options");
  const { allowHalfOpen = false, objectMode = false, encoding, decodeStrings = true, highWaterMark, signal } = options;
  validateBoolean(objectMode, "options.objectMode");
  if (encoding !== undefined && !Buffer.isEncoding(encoding)) throw codes.ERR_INVALID_ARG_VALUE(encoding, "options.encoding");

  const writer = writableStream.getWriter();
  const reader = readableStream.getReader();
  let writableClosed = false;
  let readableClosed = false;

  const duplex = new Duplex({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    writev(chunks, callback) {
      writer.ready
        .then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))))
        .then(
          () => settle(duplex, callback),
          (error) => settle(duplex, callback, error),
        );
    },
    write(chunk, encoding, callback) {
      writer.ready
        .then(() => writer.write(chunk))
        .then(
          () => settle(duplex, callback),
          (error) => settle(duplex, callback, error),
        );
    },
    final(callback) {
      if (!writableClosed) {
        writer.close().then(
          () => settle(duplex, callback),
          (error) => settle(duplex, callback, error),
        );
      }
    },
    read() {
      reader.read().then(
        (chunk) => {
          if (chunk.done) duplex.push(null);
          else duplex.push(chunk.value);
        },
        (error) => destroy(duplex, error),
      );
    },
    destroy(error, callback) {
      const done = () => {
        try {
          callback(error);
        } catch (thrown) {
          nextTick(() => {
            throw thrown;
          });
        }
      };
      if (writableClosed && readableClosed) {
        done();
        return;
      }
      Promise.all([
        writableClosed ? undefined : writer.abort(error),
        readableClosed ? undefined : reader.cancel(error),
      ]).then(done, done);
    },
  });

  writer.closed.then(
    () => {
      writableClosed = true;
      if (!isWritableEnded(duplex)) destroy(duplex, codes.ERR_STREAM_PREMATURE_CLOSE());
    },
    (error) => {
      writableClosed = true;
      readableClosed = true;
      destroy(duplex, error);
    },
  );

  reader.closed.then(
    () => {
      readableClosed = true;
    },
    (error) => {
      writableClosed = true;
      readableClosed = true;
      destroy(duplex, error);
    },
  );

  return duplex;
}

module.exports = {
  newWritableStreamFromStreamWritable,
  newStreamWritableFromWritableStream,
  newReadableStreamFromStreamReadable,
  newStreamReadableFromReadableStream,
  newReadableWritablePairFromDuplex,
  newStreamDuplexFromReadableWritablePair,
};
