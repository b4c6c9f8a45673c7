// stream.addAbortSignal: aborting the signal destroys the stream with an AbortError.
"use strict";

const { codes, AbortError, SymbolDispose, addAbortListener, isNodeStream } = require("./utils.js");
const eos = require("./end-of-stream.js");

// Node also accepts its own web streams here (erroring them through their internals).
function addAbortSignal(signal, stream) {
  if (typeof signal !== "object" || signal === null || !("aborted" in signal)) {
    throw codes.ERR_INVALID_ARG_TYPE("signal", "AbortSignal", signal);
  }
  if (!isNodeStream(stream)) {
    throw codes.ERR_INVALID_ARG_TYPE("stream", ["ReadableStream", "WritableStream", "Stream"], stream);
  }
  const onAbort = () => {
    stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  };
  if (signal.aborted) {
    onAbort();
  } else {
    const disposable = addAbortListener(signal, onAbort);
    eos(stream, disposable[SymbolDispose]);
  }
  return stream;
}

module.exports = { addAbortSignal };
