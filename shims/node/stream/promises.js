// node:stream/promises — pipeline and finished returning promises.
"use strict";

const { pipelineImpl } = require("../internal/streams/pipeline.js");
const { finished } = require("../internal/streams/end-of-stream.js");
const { isIterable, isNodeStream, isWebStream } = require("../internal/streams/utils.js");

// A last argument that is a plain object (not a stream or iterable) holds the options:
// `signal` aborts the pipeline, `end: false` leaves the destination open.
function pipeline(...streams) {
  return new Promise((resolve, reject) => {
    let signal;
    let end;
    const lastArg = streams[streams.length - 1];
    if (lastArg && typeof lastArg === "object" && !isNodeStream(lastArg) && !isIterable(lastArg) && !isWebStream(lastArg)) {
      const options = streams.pop();
      signal = options.signal;
      end = options.end;
    }
    pipelineImpl(
      streams,
      (err, value) => {
        if (err) reject(err);
        else resolve(value);
      },
      { signal, end },
    );
  });
}

module.exports = { finished, pipeline };
