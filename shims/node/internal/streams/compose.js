// stream.compose: one Duplex over a pipeline of streams and functions — writes go to the
// first stage, reads come from the last.
"use strict";

const { pipeline } = require("./pipeline.js");
const Duplex = require("./duplex.js");
const { destroyer } = require("./destroy.js");
const eos = require("./end-of-stream.js");
const { codes, AbortError, isNodeStream, isReadable, isWritable, isWebStream } = require("./utils.js");

module.exports = function compose(...streams) {
  if (streams.length === 0) throw codes.ERR_MISSING_ARGS("streams");
  if (streams.length === 1) return Duplex.from(streams[0]);

  const orgStreams = streams.slice();
  // The ends must be Node streams (functions and web streams become Duplexes); the
  // pipeline takes any stage in between.
  const last = streams.length - 1;
  if (typeof streams[0] === "function" || isWebStream(streams[0])) streams[0] = Duplex.from(streams[0]);
  if (typeof streams[last] === "function" || isWebStream(streams[last])) streams[last] = Duplex.from(streams[last]);

  for (let n = 0; n < streams.length; ++n) {
    if (!isNodeStream(streams[n])) continue;
    if (n < last && !isReadable(streams[n])) {
      throw codes.ERR_INVALID_ARG_VALUE(`streams[${n}]`, orgStreams[n], "must be readable");
    }
    if (n > 0 && !isWritable(streams[n])) {
      throw codes.ERR_INVALID_ARG_VALUE(`streams[${n}]`, orgStreams[n], "must be writable");
    }
  }

  let ondrain;
  let onfinish;
  let onreadable;
  let onclose;
  let d;

  function onfinished(err) {
    const cb = onclose;
    onclose = null;
    if (cb) cb(err);
    else if (err) d.destroy(err);
    else if (!readable && !writable) d.destroy();
  }

  const head = streams[0];
  const tail = pipeline(streams, onfinished);
  const writable = !!isWritable(head);
  const readable = !!isReadable(tail);

  d = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });

  if (writable) {
    d._write = function (chunk, encoding, callback) {
      if (head.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function (callback) {
      head.end();
      onfinish = callback;
    };
    head.on("drain", function () {
      if (ondrain) {
        const cb = ondrain;
        ondrain = null;
        cb();
      }
    });
    // The writable side finishes once everything went through.
    eos(tail, () => {
      if (onfinish) {
        const cb = onfinish;
        onfinish = null;
        cb();
      }
    });
  }

  if (readable) {
    tail.on("readable", function () {
      if (onreadable) {
        const cb = onreadable;
        onreadable = null;
        cb();
      }
    });
    tail.on("end", function () {
      d.push(null);
    });
    d._read = function () {
      while (true) {
        const buf = tail.read();
        if (buf === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(buf)) return;
      }
    };
  }

  d._destroy = function (err, callback) {
    if (!err && onclose !== null) err = new AbortError();
    onreadable = null;
    ondrain = null;
    onfinish = null;
    destroyer(tail, err);
    if (onclose === null) callback(err);
    else onclose = callback;
  };

  return d;
};
