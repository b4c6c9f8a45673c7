// WHATWG Streams: ReadableStream (default controller and reader, tee, pipeTo, pipeThrough,
// async iteration, ReadableStream.from, byte streams with BYOB readers),
// WritableStream, TransformStream, the queuing strategies, TextEncoderStream and
// TextDecoderStream. Written from https://streams.spec.whatwg.org/ ; the algorithms keep
// the spec's names so they can be checked against it.
//
// Public objects hold an internal record in a #private field; the algorithms work on the
// records. Internals for the Blob and fetch files go on __runtime.streams.
(function () {
  "use strict";
  const rt = globalThis.__runtime;
  const { defineGlobal: define, tag, isObject } = rt.webidl;
  const utf8 = rt.utf8;
  const INTERNAL = Symbol("internal");
  // Web IDL's "a promise resolved with v": a new promise resolved with v (a thenable v
  // takes its own jobs to adopt, unlike Promise.resolve's shortcut for native promises).
  const resolved = (v) => new Promise((resolve) => resolve(v));
  const rejected = (e) => Promise.reject(e);
  const noop = () => {};
  // PerformPromiseThen: the original then, whatever a program does to Promise.prototype.
  const promiseThen = rt.webidl.promiseThen;
  const uponPromise = (p, onFulfilled, onRejected) => Reflect.apply(promiseThen, p, [onFulfilled, onRejected]);
  function setHandled(p) { uponPromise(p, undefined, noop); return p; }
  function deferred() {
    const d = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
    d.promise = new Promise((res, rej) => {
      d.resolve = (v) => { d.settled = true; res(v); };
      d.reject = (e) => { d.settled = true; rej(e); };
    });
    return d;
  }
  function resolvedDeferred(v) {
    const d = deferred(); d.resolve(v); return d;
  }
  function rejectedDeferred(e) {
    const d = deferred(); d.reject(e); setHandled(d.promise); return d;
  }
  // Call a user method (looked up once) and turn throws into a rejected promise.
  function promiseCall(fn, self, ...args) {
    try {
      return resolved(Reflect.apply(fn, self, args));
    } catch (e) {
      return rejected(e);
    }
  }
  function dictMember(dict, key, kind, where) {
    const v = dict == null ? undefined : dict[key];
    if (v === undefined) return undefined;
    if (kind === "function" && typeof v !== "function") {
      throw new TypeError(`${where}: '${key}' must be a function`);
    }
    return v;
  }
  function toDict(v, where) {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw new TypeError(`${where}: argument must be an object`);
    return v;
  }

  // ---------------------------------------------------------------- queue with sizes
  // Queue-with-sizes lives on the controller record: queue (array + head), queueTotalSize.
  function resetQueue(c) { c.queue = []; c.head = 0; c.queueTotalSize = 0; }
  function queueLength(c) { return c.queue.length - c.head; }
  function enqueueValueWithSize(c, value, size) {
    size = Number(size);
    if (!(size >= 0) || size === Infinity) throw new RangeError("The chunk size must be a finite, non-negative number");
    c.queue.push(value, size);
    c.queueTotalSize += size;
  }
  function dequeueValue(c) {
    const value = c.queue[c.head];
    const size = c.queue[c.head + 1];
    c.queue[c.head] = c.queue[c.head + 1] = undefined;
    c.head += 2;
    if (c.head === c.queue.length) { c.queue = []; c.head = 0; } else if (c.head > 1024) { c.queue = c.queue.slice(c.head); c.head = 0; }
    c.queueTotalSize -= size;
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return value;
  }
  function peekQueueValue(c) { return c.queue[c.head]; }
  function queueEmpty(c) { return c.head >= c.queue.length; }

  // ---------------------------------------------------------------- strategies
  function extractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy == null ? undefined : strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    const n = Number(hwm);
    if (n !== n || n < 0) throw new RangeError("Invalid highWaterMark");
    return n;
  }
  function extractSizeAlgorithm(strategy) {
    const size = strategy == null ? undefined : strategy.size;
    if (size === undefined) return () => 1;
    if (typeof size !== "function") throw new TypeError("strategy.size must be a function");
    return (chunk) => size(chunk);
  }
  // A QueuingStrategy argument as a Web IDL dictionary, converted before the underlying
  // source, sink or transformer is read: highWaterMark (to a number), then size.
  function strategyDict(strategy, where) {
    if (strategy === undefined || strategy === null) return undefined;
    if (!isObject(strategy)) throw new TypeError(`${where}: strategy must be an object`);
    const dict = {};
    const hwm = strategy.highWaterMark;
    if (hwm !== undefined) dict.highWaterMark = +hwm;
    const size = strategy.size;
    if (size !== undefined) {
      if (typeof size !== "function") throw new TypeError(`${where}: strategy.size must be a function`);
      dict.size = size;
    }
    return dict;
  }
  // Methods, so that (as the spec's size functions) they are no constructors.
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
  const countSize = { size() { return 1; } }.size;
  function strategyInit(init, who) {
    if (!isObject(init)) throw new TypeError(`${who}: argument must be an object`);
    if (init.highWaterMark === undefined) throw new TypeError(`${who}: highWaterMark is required`);
    return Number(init.highWaterMark);
  }
  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) { this.#hwm = strategyInit(init, "ByteLengthQueuingStrategy"); }
    get highWaterMark() {
      if (!(#hwm in this)) throw new TypeError("Illegal invocation");
      return this.#hwm;
    }
    get size() {
      if (!(#hwm in this)) throw new TypeError("Illegal invocation");
      return byteLengthSize;
    }
  }
  class CountQueuingStrategy {
    #hwm;
    constructor(init) { this.#hwm = strategyInit(init, "CountQueuingStrategy"); }
    get highWaterMark() {
      if (!(#hwm in this)) throw new TypeError("Illegal invocation");
      return this.#hwm;
    }
    get size() {
      if (!(#hwm in this)) throw new TypeError("Illegal invocation");
      return countSize;
    }
  }
  tag(ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy");
  tag(CountQueuingStrategy, "CountQueuingStrategy");

  // ================================================================ ReadableStream
  let rsOf, readerOf, rcOf, wsOf, writerOf, wcOf, tsOf, tcOf; // public object -> record
  function illegal(what) { return new TypeError(`Illegal invocation: not a ${what}`); }

  function newReadableRecord() {
    return { state: "readable", reader: undefined, storedError: undefined, disturbed: false, controller: undefined, pub: undefined };
  }
  function publicReadable(stream) {
    if (stream.pub === undefined) stream.pub = new ReadableStream(INTERNAL, stream);
    return stream.pub;
  }
  function isReadableStreamLocked(stream) { return stream.reader !== undefined; }

  // CreateReadableStream
  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const stream = newReadableRecord();
    const controller = { pub: undefined };
    setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === "closed") return resolved(undefined);
    if (stream.state === "errored") return rejected(stream.storedError);
    readableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const readIntoRequests = reader.readIntoRequests;
      reader.readIntoRequests = [];
      for (const r of readIntoRequests) r.closeSteps(undefined);
    }
    const sourceCancelPromise = stream.controller.cancelSteps(reason);
    return uponPromise(sourceCancelPromise, noop);
  }
  function readableStreamClose(stream) {
    stream.state = "closed";
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (reader.byob) return;
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const r of requests) r.closeSteps();
  }
  function readableStreamError(stream, e) {
    stream.state = "errored";
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    setHandled(reader.closed.promise);
    if (reader.byob) readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
    else readableStreamDefaultReaderErrorReadRequests(reader, e);
  }
  function readableStreamFulfillReadRequest(stream, chunk, done) {
    const readRequest = stream.reader.readRequests.shift();
    if (done) readRequest.closeSteps();
    else readRequest.chunkSteps(chunk);
  }
  function readableStreamGetNumReadRequests(stream) { return stream.reader.readRequests.length; }

  // ---------------------------------------------------------------- default controller
  function setUpReadableStreamDefaultController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    c.stream = stream;
    resetQueue(c);
    c.started = c.closeRequested = c.pullAgain = c.pulling = false;
    c.strategySizeAlgorithm = sizeAlgorithm;
    c.strategyHWM = highWaterMark;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.cancelSteps = (reason) => {
      resetQueue(c);
      const result = c.cancelAlgorithm(reason);
      rsControllerClearAlgorithms(c);
      return result;
    };
    c.pullSteps = (readRequest) => {
      const s = c.stream;
      if (!queueEmpty(c)) {
        const chunk = dequeueValue(c);
        if (c.closeRequested && queueEmpty(c)) {
          rsControllerClearAlgorithms(c);
          readableStreamClose(s);
        } else {
          rsControllerCallPullIfNeeded(c);
        }
        readRequest.chunkSteps(chunk);
      } else {
        s.reader.readRequests.push(readRequest);
        rsControllerCallPullIfNeeded(c);
      }
    };
    c.releaseSteps = noop;
    stream.controller = c;
    let startResult;
    startResult = startAlgorithm();
    uponPromise(resolved(startResult), 
      () => { c.started = true; rsControllerCallPullIfNeeded(c); },
      (r) => { rsControllerError(c, r); },
    );
  }
  function rsControllerCallPullIfNeeded(c) {
    if (!rsControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    uponPromise(c.pullAlgorithm(), 
      () => {
        c.pulling = false;
        if (c.pullAgain) { c.pullAgain = false; rsControllerCallPullIfNeeded(c); }
      },
      (e) => { rsControllerError(c, e); },
    );
  }
  function rsControllerShouldCallPull(c) {
    const stream = c.stream;
    if (!rsControllerCanCloseOrEnqueue(c)) return false;
    if (!c.started) return false;
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
    return rsControllerGetDesiredSize(c) > 0;
  }
  function rsControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function rsControllerClose(c) {
    if (!rsControllerCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (queueEmpty(c)) {
      rsControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    }
  }
  function rsControllerEnqueue(c, chunk) {
    if (!rsControllerCanCloseOrEnqueue(c)) return;
    const stream = c.stream;
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
      readableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      let chunkSize;
      try {
        chunkSize = c.strategySizeAlgorithm(chunk);
      } catch (e) {
        rsControllerError(c, e);
        throw e;
      }
      try {
        enqueueValueWithSize(c, chunk, chunkSize);
      } catch (e) {
        rsControllerError(c, e);
        throw e;
      }
    }
    rsControllerCallPullIfNeeded(c);
  }
  function rsControllerError(c, e) {
    const stream = c.stream;
    if (stream.state !== "readable") return;
    resetQueue(c);
    rsControllerClearAlgorithms(c);
    readableStreamError(stream, e);
  }
  function rsControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function rsControllerHasBackpressure(c) { return !rsControllerShouldCallPull(c); }
  function rsControllerCanCloseOrEnqueue(c) { return !c.closeRequested && c.stream.state === "readable"; }

  class ReadableStreamDefaultController {
    #c;
    constructor(token, record) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#c = record;
    }
    static {
      rcOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal("ReadableStreamDefaultController");
        return o.#c;
      };
    }
    get desiredSize() { return rsControllerGetDesiredSize(rcOf(this)); }
    close() {
      const c = rcOf(this);
      if (!rsControllerCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits close");
      rsControllerClose(c);
    }
    enqueue(chunk) {
      const c = rcOf(this);
      if (!rsControllerCanCloseOrEnqueue(c)) throw new TypeError("The stream is not in a state that permits enqueue");
      rsControllerEnqueue(c, chunk);
    }
    error(e) { rsControllerError(rcOf(this), e); }
  }
  tag(ReadableStreamDefaultController, "ReadableStreamDefaultController");
  // ---------------------------------------------------------------- byte streams
  // ReadableByteStreamController: a queue of {buffer, byteOffset, byteLength} entries and
  // the pending pull-into descriptors of BYOB (and auto-allocating default) reads. Buffers
  // handed in or out are transferred (TransferArrayBuffer) so neither side keeps them.
  const arrayBufferTransfer = ArrayBuffer.prototype.transfer;
  const detachedGetter = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached")?.get;
  function transferArrayBuffer(buffer) {
    if (isDetachedBuffer(buffer)) throw new TypeError("the ArrayBuffer is detached");
    return Reflect.apply(arrayBufferTransfer, buffer, []);
  }
  function isDetachedBuffer(buffer) {
    if (detachedGetter) {
      try { return Reflect.apply(detachedGetter, buffer, []); } catch { return false; } // a SharedArrayBuffer
    }
    return buffer.byteLength === 0;
  }
  const typedArrayNameGetter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  function typedArrayName(view) { return Reflect.apply(typedArrayNameGetter, view, []); }
  function copyDataBlockBytes(dest, destStart, src, srcStart, n) {
    new Uint8Array(dest, destStart, n).set(new Uint8Array(src, srcStart, n));
  }
  function cloneAsUint8Array(view) {
    return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
  }
  // [EnforceRange] unsigned long long
  function enforceRange(v, what) {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number`);
    const t = Math.trunc(n);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) throw new TypeError(`${what} is out of range`);
    return t;
  }
  function checkView(v, what) {
    if (!ArrayBuffer.isView(v)) throw new TypeError(`${what} must be an ArrayBufferView`);
    return v;
  }

  function readableStreamHasDefaultReader(stream) { return stream.reader !== undefined && !stream.reader.byob; }
  function readableStreamHasBYOBReader(stream) { return stream.reader !== undefined && stream.reader.byob === true; }
  function readableStreamGetNumReadIntoRequests(stream) { return stream.reader.readIntoRequests.length; }
  function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
    const readIntoRequest = stream.reader.readIntoRequests.shift();
    if (done) readIntoRequest.closeSteps(chunk);
    else readIntoRequest.chunkSteps(chunk);
  }

  function rbsControllerCallPullIfNeeded(c) {
    if (!rbsControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    uponPromise(c.pullAlgorithm(),
      () => {
        c.pulling = false;
        if (c.pullAgain) { c.pullAgain = false; rbsControllerCallPullIfNeeded(c); }
      },
      (e) => { rbsControllerError(c, e); },
    );
  }
  function rbsControllerShouldCallPull(c) {
    const stream = c.stream;
    if (stream.state !== "readable" || c.closeRequested || !c.started) return false;
    if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
    if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) return true;
    return rbsControllerGetDesiredSize(c) > 0;
  }
  function rbsControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function rbsControllerClearPendingPullIntos(c) {
    rbsControllerInvalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  }
  function rbsControllerClose(c) {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== "readable") return;
    if (c.queueTotalSize > 0) { c.closeRequested = true; return; }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError("close: a partially filled read of a multi-byte element is pending");
        rbsControllerError(c, e);
        throw e;
      }
    }
    rbsControllerClearAlgorithms(c);
    readableStreamClose(stream);
  }
  function rbsControllerCommitPullIntoDescriptor(stream, desc) {
    let done = false;
    if (stream.state === "closed") done = true;
    const filledView = rbsControllerConvertPullIntoDescriptor(desc);
    if (desc.readerType === "default") readableStreamFulfillReadRequest(stream, filledView, done);
    else readableStreamFulfillReadIntoRequest(stream, filledView, done);
  }
  function rbsControllerConvertPullIntoDescriptor(desc) {
    const buffer = transferArrayBuffer(desc.buffer);
    return new desc.viewConstructor(buffer, desc.byteOffset, desc.bytesFilled / desc.elementSize);
  }
  function rbsControllerEnqueue(c, chunk) {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== "readable") return;
    const { buffer, byteOffset, byteLength } = chunk;
    if (isDetachedBuffer(buffer)) throw new TypeError("enqueue: the chunk's buffer is detached");
    const transferredBuffer = transferArrayBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (isDetachedBuffer(first.buffer)) throw new TypeError("enqueue: the pending read's buffer is detached");
      rbsControllerInvalidateBYOBRequest(c);
      first.buffer = transferArrayBuffer(first.buffer);
      if (first.readerType === "none") rbsControllerEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (readableStreamHasDefaultReader(stream)) {
      rbsControllerProcessReadRequestsUsingQueue(c);
      if (readableStreamGetNumReadRequests(stream) === 0) {
        rbsControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) rbsControllerShiftPendingPullInto(c);
        readableStreamFulfillReadRequest(stream, new Uint8Array(transferredBuffer, byteOffset, byteLength), false);
      }
    } else if (readableStreamHasBYOBReader(stream)) {
      rbsControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      const filled = rbsControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (const d of filled) rbsControllerCommitPullIntoDescriptor(stream, d);
    } else {
      rbsControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    }
    rbsControllerCallPullIfNeeded(c);
  }
  function rbsControllerEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    c.queue.push({ buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }
  function rbsControllerEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = buffer.slice(byteOffset, byteOffset + byteLength);
    } catch (e) {
      rbsControllerError(c, e);
      throw e;
    }
    rbsControllerEnqueueChunkToQueue(c, clone, 0, byteLength);
  }
  function rbsControllerEnqueueDetachedPullIntoToQueue(c, desc) {
    if (desc.bytesFilled > 0) rbsControllerEnqueueClonedChunkToQueue(c, desc.buffer, desc.byteOffset, desc.bytesFilled);
    rbsControllerShiftPendingPullInto(c);
  }
  function rbsControllerError(c, e) {
    const stream = c.stream;
    if (stream.state !== "readable") return;
    rbsControllerClearPendingPullIntos(c);
    c.queue = [];
    c.queueTotalSize = 0;
    rbsControllerClearAlgorithms(c);
    readableStreamError(stream, e);
  }
  function rbsControllerFillHeadPullIntoDescriptor(c, size, desc) {
    desc.bytesFilled += size;
  }
  function rbsControllerFillPullIntoDescriptorFromQueue(c, desc) {
    const maxBytesToCopy = Math.min(c.queueTotalSize, desc.byteLength - desc.bytesFilled);
    const maxBytesFilled = desc.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % desc.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= desc.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - desc.bytesFilled;
      ready = true;
    }
    const queue = c.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = queue[0];
      const bytesToCopy = Math.min(totalBytesToCopyRemaining, head.byteLength);
      const destStart = desc.byteOffset + desc.bytesFilled;
      copyDataBlockBytes(desc.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) queue.shift();
      else { head.byteOffset += bytesToCopy; head.byteLength -= bytesToCopy; }
      c.queueTotalSize -= bytesToCopy;
      rbsControllerFillHeadPullIntoDescriptor(c, bytesToCopy, desc);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function rbsControllerFillReadRequestFromQueue(c, readRequest) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    rbsControllerHandleQueueDrain(c);
    readRequest.chunkSteps(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function rbsControllerGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const request = { controller: c, view, pub: undefined };
      request.pub = new ReadableStreamBYOBRequest(INTERNAL, request);
      c.byobRequest = request;
    }
    return c.byobRequest;
  }
  function rbsControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function rbsControllerHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      rbsControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    } else {
      rbsControllerCallPullIfNeeded(c);
    }
  }
  function rbsControllerInvalidateBYOBRequest(c) {
    if (c.byobRequest === null) return;
    c.byobRequest.controller = undefined;
    c.byobRequest.view = null;
    c.byobRequest = null;
  }
  function rbsControllerProcessPullIntoDescriptorsUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0) {
      if (c.queueTotalSize === 0) break;
      const desc = c.pendingPullIntos[0];
      if (rbsControllerFillPullIntoDescriptorFromQueue(c, desc)) {
        rbsControllerShiftPendingPullInto(c);
        filled.push(desc);
      }
    }
    return filled;
  }
  function rbsControllerProcessReadRequestsUsingQueue(c) {
    const reader = c.stream.reader;
    while (reader.readRequests.length > 0) {
      if (c.queueTotalSize === 0) return;
      rbsControllerFillReadRequestFromQueue(c, reader.readRequests.shift());
    }
  }
  function rbsControllerPullInto(c, view, min, readIntoRequest) {
    const stream = c.stream;
    let elementSize = 1;
    let ctor = DataView;
    const name = typedArrayName(view);
    if (name !== undefined) {
      ctor = globalThis[name];
      elementSize = ctor.BYTES_PER_ELEMENT;
    }
    const minimumFill = min * elementSize;
    const { byteOffset, byteLength } = view;
    let buffer;
    try {
      buffer = transferArrayBuffer(view.buffer);
    } catch (e) {
      readIntoRequest.errorSteps(e);
      return;
    }
    const desc = {
      buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0,
      minimumFill, elementSize, viewConstructor: ctor, readerType: "byob",
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(desc);
      stream.reader.readIntoRequests.push(readIntoRequest);
      return;
    }
    if (stream.state === "closed") {
      readIntoRequest.closeSteps(new ctor(desc.buffer, desc.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (rbsControllerFillPullIntoDescriptorFromQueue(c, desc)) {
        const filledView = rbsControllerConvertPullIntoDescriptor(desc);
        rbsControllerHandleQueueDrain(c);
        readIntoRequest.chunkSteps(filledView);
        return;
      }
      if (c.closeRequested) {
        const e = new TypeError("the stream closed with too few bytes for the read");
        rbsControllerError(c, e);
        readIntoRequest.errorSteps(e);
        return;
      }
    }
    c.pendingPullIntos.push(desc);
    stream.reader.readIntoRequests.push(readIntoRequest);
    rbsControllerCallPullIfNeeded(c);
  }
  function rbsControllerRespond(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === "closed") {
      if (bytesWritten !== 0) throw new TypeError("respond: bytesWritten must be 0 on a closed stream");
    } else {
      if (bytesWritten === 0) throw new TypeError("respond: bytesWritten must be greater than 0");
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError("respond: bytesWritten is past the view's end");
    }
    first.buffer = transferArrayBuffer(first.buffer);
    rbsControllerRespondInternal(c, bytesWritten);
  }
  function rbsControllerRespondInClosedState(c, first) {
    if (first.readerType === "none") rbsControllerShiftPendingPullInto(c);
    const stream = c.stream;
    if (readableStreamHasBYOBReader(stream)) {
      while (readableStreamGetNumReadIntoRequests(stream) > 0) {
        rbsControllerCommitPullIntoDescriptor(stream, rbsControllerShiftPendingPullInto(c));
      }
    }
  }
  function rbsControllerRespondInReadableState(c, bytesWritten, desc) {
    rbsControllerFillHeadPullIntoDescriptor(c, bytesWritten, desc);
    if (desc.readerType === "none") {
      rbsControllerEnqueueDetachedPullIntoToQueue(c, desc);
      for (const d of rbsControllerProcessPullIntoDescriptorsUsingQueue(c)) rbsControllerCommitPullIntoDescriptor(c.stream, d);
      return;
    }
    if (desc.bytesFilled < desc.minimumFill) return;
    rbsControllerShiftPendingPullInto(c);
    const remainderSize = desc.bytesFilled % desc.elementSize;
    if (remainderSize > 0) {
      const end = desc.byteOffset + desc.bytesFilled;
      rbsControllerEnqueueClonedChunkToQueue(c, desc.buffer, end - remainderSize, remainderSize);
    }
    desc.bytesFilled -= remainderSize;
    const filled = rbsControllerProcessPullIntoDescriptorsUsingQueue(c);
    rbsControllerCommitPullIntoDescriptor(c.stream, desc);
    for (const d of filled) rbsControllerCommitPullIntoDescriptor(c.stream, d);
  }
  function rbsControllerRespondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    rbsControllerInvalidateBYOBRequest(c);
    if (c.stream.state === "closed") rbsControllerRespondInClosedState(c, first);
    else rbsControllerRespondInReadableState(c, bytesWritten, first);
    rbsControllerCallPullIfNeeded(c);
  }
  function rbsControllerRespondWithNewView(c, view) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === "closed") {
      if (view.byteLength !== 0) throw new TypeError("respondWithNewView: the view must be empty on a closed stream");
    } else if (view.byteLength === 0) {
      throw new TypeError("respondWithNewView: the view must not be empty");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw new RangeError("respondWithNewView: the view's offset does not match the request");
    if (first.bufferByteLength !== view.buffer.byteLength) throw new RangeError("respondWithNewView: the view's buffer has the wrong length");
    if (first.bytesFilled + view.byteLength > first.byteLength) throw new RangeError("respondWithNewView: the view is too long");
    const viewByteLength = view.byteLength;
    first.buffer = transferArrayBuffer(view.buffer);
    rbsControllerRespondInternal(c, viewByteLength);
  }
  function rbsControllerShiftPendingPullInto(c) {
    return c.pendingPullIntos.shift();
  }
  function setUpReadableByteStreamController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
    c.byteController = true;
    c.stream = stream;
    c.pullAgain = c.pulling = false;
    c.byobRequest = null;
    c.queue = [];
    c.queueTotalSize = 0;
    c.closeRequested = c.started = false;
    c.strategyHWM = highWaterMark;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    c.pendingPullIntos = [];
    c.cancelSteps = (reason) => {
      rbsControllerClearPendingPullIntos(c);
      c.queue = [];
      c.queueTotalSize = 0;
      const result = c.cancelAlgorithm(reason);
      rbsControllerClearAlgorithms(c);
      return result;
    };
    c.pullSteps = (readRequest) => {
      const s = c.stream;
      if (c.queueTotalSize > 0) {
        rbsControllerFillReadRequestFromQueue(c, readRequest);
        return;
      }
      const size = c.autoAllocateChunkSize;
      if (size !== undefined) {
        let buffer;
        try {
          buffer = new ArrayBuffer(size);
        } catch (e) {
          readRequest.errorSteps(e);
          return;
        }
        c.pendingPullIntos.push({
          buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0,
          minimumFill: 1, elementSize: 1, viewConstructor: Uint8Array, readerType: "default",
        });
      }
      s.reader.readRequests.push(readRequest);
      rbsControllerCallPullIfNeeded(c);
    };
    c.releaseSteps = () => {
      if (c.pendingPullIntos.length > 0) {
        const first = c.pendingPullIntos[0];
        first.readerType = "none";
        c.pendingPullIntos = [first];
      }
    };
    stream.controller = c;
    const startResult = startAlgorithm();
    uponPromise(resolved(startResult),
      () => { c.started = true; rbsControllerCallPullIfNeeded(c); },
      (r) => { rbsControllerError(c, r); },
    );
  }
  function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const stream = newReadableRecord();
    const c = { pub: undefined };
    setUpReadableByteStreamController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return stream;
  }

  let rbcOf, byobRequestOf;
  class ReadableByteStreamController {
    #c;
    constructor(token, record) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#c = record;
    }
    static {
      rbcOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal("ReadableByteStreamController");
        return o.#c;
      };
    }
    get byobRequest() {
      const r = rbsControllerGetBYOBRequest(rbcOf(this));
      return r === null ? null : r.pub;
    }
    get desiredSize() { return rbsControllerGetDesiredSize(rbcOf(this)); }
    close() {
      const c = rbcOf(this);
      if (c.closeRequested) throw new TypeError("close: the stream is already closing");
      if (c.stream.state !== "readable") throw new TypeError("close: the stream is not readable");
      rbsControllerClose(c);
    }
    enqueue(chunk) {
      const c = rbcOf(this);
      checkView(chunk, "enqueue: chunk");
      if (chunk.byteLength === 0) throw new TypeError("enqueue: chunk must not be empty");
      if (chunk.buffer.byteLength === 0) throw new TypeError("enqueue: chunk's buffer is detached or empty");
      if (c.closeRequested) throw new TypeError("enqueue: the stream is closing");
      if (c.stream.state !== "readable") throw new TypeError("enqueue: the stream is not readable");
      rbsControllerEnqueue(c, chunk);
    }
    error(e = undefined) { rbsControllerError(rbcOf(this), e); }
  }
  tag(ReadableByteStreamController, "ReadableByteStreamController");

  class ReadableStreamBYOBRequest {
    #r;
    constructor(token, record) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#r = record;
    }
    static {
      byobRequestOf = (o) => {
        if (!isObject(o) || !(#r in o)) throw illegal("ReadableStreamBYOBRequest");
        return o.#r;
      };
    }
    get view() { return byobRequestOf(this).view; }
    respond(bytesWritten) {
      const r = byobRequestOf(this);
      if (arguments.length < 1) throw new TypeError("respond: 1 argument required");
      bytesWritten = enforceRange(bytesWritten, "respond: bytesWritten");
      if (r.controller === undefined) throw new TypeError("respond: the request is no longer valid");
      if (isDetachedBuffer(r.view.buffer)) throw new TypeError("respond: the view's buffer is detached");
      rbsControllerRespond(r.controller, bytesWritten);
    }
    respondWithNewView(view) {
      const r = byobRequestOf(this);
      checkView(view, "respondWithNewView: view");
      if (r.controller === undefined) throw new TypeError("respondWithNewView: the request is no longer valid");
      if (isDetachedBuffer(view.buffer)) throw new TypeError("respondWithNewView: the view's buffer is detached");
      rbsControllerRespondWithNewView(r.controller, view);
    }
  }
  tag(ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest");

  function setUpFromUnderlyingSource(stream, source, dict, highWaterMark, sizeAlgorithm, bytes) {
    const c = { pub: undefined };
    c.pub = new (bytes ? ReadableByteStreamController : ReadableStreamDefaultController)(INTERNAL, c);
    const start = dict.start, pull = dict.pull, cancel = dict.cancel;
    const startAlgorithm = start ? () => Reflect.apply(start, source, [c.pub]) : noop;
    const pullAlgorithm = pull ? () => promiseCall(pull, source, c.pub) : () => resolved(undefined);
    const cancelAlgorithm = cancel ? (reason) => promiseCall(cancel, source, reason) : () => resolved(undefined);
    if (bytes) {
      if (dict.autoAllocateChunkSize === 0) throw new TypeError("ReadableStream: autoAllocateChunkSize must not be 0");
      setUpReadableByteStreamController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, dict.autoAllocateChunkSize);
    } else {
      setUpReadableStreamDefaultController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    }
  }

  // ---------------------------------------------------------------- default reader
  function newReader() {
    return { stream: undefined, closed: undefined, readRequests: [], pub: undefined };
  }
  function acquireReadableStreamDefaultReader(stream) {
    const reader = newReader();
    setUpReadableStreamDefaultReader(reader, stream);
    return reader;
  }
  function setUpReadableStreamDefaultReader(reader, stream) {
    if (isReadableStreamLocked(stream)) throw new TypeError("ReadableStream is locked");
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === "readable") reader.closed = deferred();
    else if (stream.state === "closed") reader.closed = resolvedDeferred(undefined);
    else reader.closed = rejectedDeferred(stream.storedError);
    reader.readRequests = [];
  }
  function readableStreamReaderGenericRelease(reader) {
    const stream = reader.stream;
    const err = new TypeError("the reader's lock was released");
    if (stream.state === "readable" && !reader.closed.settled) reader.closed.reject(err);
    else reader.closed = rejectedDeferred(err);
    setHandled(reader.closed.promise);
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
  }
  function readableStreamDefaultReaderRelease(reader) {
    readableStreamReaderGenericRelease(reader);
    readableStreamDefaultReaderErrorReadRequests(reader, new TypeError("the reader's lock was released"));
  }
  function readableStreamDefaultReaderErrorReadRequests(reader, e) {
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const r of requests) r.errorSteps(e);
  }
  function readableStreamDefaultReaderRead(reader, readRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "closed") readRequest.closeSteps();
    else if (stream.state === "errored") readRequest.errorSteps(stream.storedError);
    else stream.controller.pullSteps(readRequest);
  }
  // ---------------------------------------------------------------- BYOB reader
  function acquireReadableStreamBYOBReader(stream) {
    const reader = { stream: undefined, closed: undefined, readIntoRequests: [], byob: true, pub: undefined };
    setUpReadableStreamBYOBReader(reader, stream);
    return reader;
  }
  function setUpReadableStreamBYOBReader(reader, stream) {
    if (isReadableStreamLocked(stream)) throw new TypeError("ReadableStream is locked");
    if (stream.controller.byteController !== true) throw new TypeError("a BYOB reader needs a readable byte stream");
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === "readable") reader.closed = deferred();
    else if (stream.state === "closed") reader.closed = resolvedDeferred(undefined);
    else reader.closed = rejectedDeferred(stream.storedError);
    reader.readIntoRequests = [];
  }
  function readableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
    const requests = reader.readIntoRequests;
    reader.readIntoRequests = [];
    for (const r of requests) r.errorSteps(e);
  }
  function readableStreamBYOBReaderRelease(reader) {
    readableStreamReaderGenericRelease(reader);
    readableStreamBYOBReaderErrorReadIntoRequests(reader, new TypeError("the reader's lock was released"));
  }
  function readableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "errored") readIntoRequest.errorSteps(stream.storedError);
    else rbsControllerPullInto(stream.controller, view, min, readIntoRequest);
  }
  let byobReaderOf;
  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      if (stream === INTERNAL) { this.#r = arguments[1]; return; }
      const s = rsOf(stream);
      const r = { stream: undefined, closed: undefined, readIntoRequests: [], byob: true, pub: this };
      setUpReadableStreamBYOBReader(r, s);
      this.#r = r;
    }
    static {
      byobReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    get closed() {
      const r = byobReaderOf(this);
      if (!r) return rejected(illegal("ReadableStreamBYOBReader"));
      return r.closed.promise;
    }
    cancel(reason = undefined) {
      const r = byobReaderOf(this);
      if (!r) return rejected(illegal("ReadableStreamBYOBReader"));
      if (r.stream === undefined) return rejected(new TypeError("the reader has no stream (its lock was released)"));
      return readableStreamCancel(r.stream, reason);
    }
    read(view, options = undefined) {
      const r = byobReaderOf(this);
      if (!r) return rejected(illegal("ReadableStreamBYOBReader"));
      let min;
      try {
        checkView(view, "read: view");
        options = toDict(options, "read");
        const m = options === undefined ? undefined : options.min;
        min = m === undefined ? 1 : enforceRange(m, "read: options.min");
      } catch (e) {
        return rejected(e);
      }
      if (view.byteLength === 0) return rejected(new TypeError("read: view must not be empty"));
      if (view.buffer.byteLength === 0) return rejected(new TypeError("read: view's buffer is detached or empty"));
      if (min === 0) return rejected(new TypeError("read: options.min must be greater than 0"));
      if (typedArrayName(view) !== undefined) {
        if (min > view.length) return rejected(new RangeError("read: options.min is larger than the view"));
      } else if (min > view.byteLength) {
        return rejected(new RangeError("read: options.min is larger than the view"));
      }
      if (r.stream === undefined) return rejected(new TypeError("the reader has no stream (its lock was released)"));
      return new Promise((resolve, reject) => {
        readableStreamBYOBReaderRead(r, view, min, {
          chunkSteps: (chunk) => resolve({ value: chunk, done: false }),
          closeSteps: (chunk) => resolve({ value: chunk, done: true }),
          errorSteps: reject,
        });
      });
    }
    releaseLock() {
      const r = byobReaderOf(this);
      if (!r) throw illegal("ReadableStreamBYOBReader");
      if (r.stream === undefined) return;
      readableStreamBYOBReaderRelease(r);
    }
  }
  tag(ReadableStreamBYOBReader, "ReadableStreamBYOBReader");
  function publicBYOBReader(r) {
    if (r.pub === undefined) r.pub = new ReadableStreamBYOBReader(INTERNAL, r);
    return r.pub;
  }

  // read() as a promise of {value, done}
  function readerReadPromise(reader) {
    return new Promise((resolve, reject) => {
      readableStreamDefaultReaderRead(reader, {
        chunkSteps: (chunk) => resolve({ value: chunk, done: false }),
        closeSteps: () => resolve({ value: undefined, done: true }),
        errorSteps: reject,
      });
    });
  }

  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      if (stream === INTERNAL) { this.#r = arguments[1]; return; }
      const s = rsOf(stream);
      const r = newReader();
      setUpReadableStreamDefaultReader(r, s);
      r.pub = this;
      this.#r = r;
    }
    static {
      readerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
    get closed() {
      const r = readerOf(this);
      if (!r) return rejected(illegal("ReadableStreamDefaultReader"));
      return r.closed.promise;
    }
    cancel(reason) {
      const r = readerOf(this);
      if (!r) return rejected(illegal("ReadableStreamDefaultReader"));
      if (r.stream === undefined) return rejected(new TypeError("the reader has no stream (its lock was released)"));
      return readableStreamCancel(r.stream, reason);
    }
    read() {
      const r = readerOf(this);
      if (!r) return rejected(illegal("ReadableStreamDefaultReader"));
      if (r.stream === undefined) return rejected(new TypeError("the reader has no stream (its lock was released)"));
      return readerReadPromise(r);
    }
    releaseLock() {
      const r = readerOf(this);
      if (!r) throw illegal("ReadableStreamDefaultReader");
      if (r.stream === undefined) return;
      readableStreamDefaultReaderRelease(r);
    }
  }
  tag(ReadableStreamDefaultReader, "ReadableStreamDefaultReader");
  function publicReader(r) {
    if (r.pub === undefined) r.pub = new ReadableStreamDefaultReader(INTERNAL, r);
    return r.pub;
  }

  // ---------------------------------------------------------------- tee
  function readableStreamDefaultTee(stream, cloneForBranch2) {
    const reader = acquireReadableStreamDefaultReader(stream);
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    function pullAlgorithm() {
      if (reading) { readAgain = true; return resolved(undefined); }
      reading = true;
      readableStreamDefaultReaderRead(reader, {
        chunkSteps(chunk) {
          queueMicrotask(() => {
            readAgain = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled2 && cloneForBranch2) {
              try {
                chunk2 = structuredClone(chunk);
              } catch (e) {
                rsControllerError(branch1.controller, e);
                rsControllerError(branch2.controller, e);
                cancelPromise.resolve(readableStreamCancel(stream, e));
                return;
              }
            }
            if (!canceled1) rsControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) rsControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgain) pullAlgorithm();
          });
        },
        closeSteps() {
          reading = false;
          if (!canceled1) rsControllerClose(branch1.controller);
          if (!canceled2) rsControllerClose(branch2.controller);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        errorSteps() { reading = false; },
      });
      return resolved(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm);
    branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm);
    uponPromise(reader.closed.promise, undefined, (r) => {
      rsControllerError(branch1.controller, r);
      rsControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }
  // ReadableStreamTee
  function readableStreamTee(stream, cloneForBranch2) {
    if (stream.controller.byteController === true) return readableByteStreamTee(stream);
    return readableStreamDefaultTee(stream, cloneForBranch2);
  }
  function readableByteStreamTee(stream) {
    let reader = acquireReadableStreamDefaultReader(stream);
    let reading = false, readAgainForBranch1 = false, readAgainForBranch2 = false;
    let canceled1 = false, canceled2 = false, reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    function forwardReaderError(thisReader) {
      uponPromise(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        rbsControllerError(branch1.controller, r);
        rbsControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    }
    function cloneFailed(e) {
      rbsControllerError(branch1.controller, e);
      rbsControllerError(branch2.controller, e);
      cancelPromise.resolve(readableStreamCancel(stream, e));
    }
    function pullAgain() {
      if (readAgainForBranch1) pull1Algorithm();
      else if (readAgainForBranch2) pull2Algorithm();
    }
    function pullWithDefaultReader() {
      if (reader.byob) {
        readableStreamBYOBReaderRelease(reader);
        reader = acquireReadableStreamDefaultReader(stream);
        forwardReaderError(reader);
      }
      readableStreamDefaultReaderRead(reader, {
        chunkSteps(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = readAgainForBranch2 = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try { chunk2 = cloneAsUint8Array(chunk); } catch (e) { cloneFailed(e); return; }
            }
            if (!canceled1) rbsControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) rbsControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            pullAgain();
          });
        },
        closeSteps() {
          reading = false;
          if (!canceled1) rbsControllerClose(branch1.controller);
          if (!canceled2) rbsControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) rbsControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) rbsControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        errorSteps() { reading = false; },
      });
    }
    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.byob) {
        readableStreamDefaultReaderRelease(reader);
        reader = acquireReadableStreamBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      readableStreamBYOBReaderRead(reader, view, 1, {
        chunkSteps(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try { clonedChunk = cloneAsUint8Array(chunk); } catch (e) { cloneFailed(e); return; }
              if (!byobCanceled) rbsControllerRespondWithNewView(byobBranch.controller, chunk);
              rbsControllerEnqueue(otherBranch.controller, clonedChunk);
            } else if (!byobCanceled) {
              rbsControllerRespondWithNewView(byobBranch.controller, chunk);
            }
            reading = false;
            pullAgain();
          });
        },
        closeSteps(chunk) {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) rbsControllerClose(byobBranch.controller);
          if (!otherCanceled) rbsControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) rbsControllerRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) rbsControllerRespond(otherBranch.controller, 0);
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        errorSteps() { reading = false; },
      });
    }
    function pull1Algorithm() {
      if (reading) { readAgainForBranch1 = true; return resolved(undefined); }
      reading = true;
      const byobRequest = rbsControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, false);
      return resolved(undefined);
    }
    function pull2Algorithm() {
      if (reading) { readAgainForBranch2 = true; return resolved(undefined); }
      reading = true;
      const byobRequest = rbsControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, true);
      return resolved(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
    branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ---------------------------------------------------------------- pipeTo
  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireReadableStreamDefaultReader(source);
    const writer = acquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    const promise = deferred();
    let currentWrite = resolved(undefined);
    let abortAlgorithm;
    const readerClosed = reader.closed.promise;
    const writerClosed = writer.closed.promise;
    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) {
          actions.push(() => (dest.state === "writable" ? writableStreamAbort(dest, error) : resolved(undefined)));
        }
        if (!preventCancel) {
          actions.push(() => (source.state === "readable" ? readableStreamCancel(source, error) : resolved(undefined)));
        }
        shutdownWithAction(() => Promise.all(actions.map((a) => a())), true, error);
      };
      if (signal.aborted) {
        abortAlgorithm();
        return promise.promise;
      }
      signal.addEventListener("abort", abortAlgorithm);
    }
    function pipeStep() {
      if (shuttingDown) return resolved(true);
      return uponPromise(writer.ready.promise, () => {
        if (shuttingDown) return true;
        return new Promise((resolveRead, rejectRead) => {
          readableStreamDefaultReaderRead(reader, {
            chunkSteps(chunk) {
              currentWrite = uponPromise(writableStreamDefaultWriterWrite(writer, chunk), undefined, noop);
              resolveRead(false);
            },
            closeSteps: () => resolveRead(true),
            errorSteps: rejectRead,
          });
        });
      });
    }
    function pipeLoop() {
      return new Promise((resolveLoop, rejectLoop) => {
        function next(done) {
          if (done) resolveLoop();
          else uponPromise(pipeStep(), next, rejectLoop);
        }
        next(false);
      });
    }
    function waitForWritesToFinish() {
      const old = currentWrite;
      return uponPromise(currentWrite, () => (old !== currentWrite ? waitForWritesToFinish() : undefined));
    }
    function isOrBecomesErrored(stream, p, action) {
      if (stream.state === "errored") action(stream.storedError);
      else uponPromise(p, undefined, action);
    }
    function isOrBecomesClosed(stream, p, action) {
      if (stream.state === "closed") action();
      else uponPromise(p, action, noop);
    }
    function shutdownWithAction(action, originalIsError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      const doTheRest = () => {
        let p;
        try { p = resolved(action()); } catch (e) { p = rejected(e); }
        uponPromise(p, () => finalize(originalIsError, originalError), (newError) => finalize(true, newError));
      };
      if (dest.state === "writable" && !writableStreamCloseQueuedOrInFlight(dest)) uponPromise(waitForWritesToFinish(), doTheRest);
      else doTheRest();
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === "writable" && !writableStreamCloseQueuedOrInFlight(dest)) {
        uponPromise(waitForWritesToFinish(), () => finalize(isError, error));
      } else {
        finalize(isError, error);
      }
    }
    function finalize(isError, error) {
      writableStreamDefaultWriterRelease(writer);
      readableStreamDefaultReaderRelease(reader);
      if (signal !== undefined) signal.removeEventListener("abort", abortAlgorithm);
      if (isError) promise.reject(error);
      else promise.resolve(undefined);
    }
    isOrBecomesErrored(source, readerClosed, (storedError) => {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    isOrBecomesErrored(dest, writerClosed, (storedError) => {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    isOrBecomesClosed(source, readerClosed, () => {
      if (!preventClose) shutdownWithAction(() => writableStreamDefaultWriterCloseWithErrorPropagation(writer));
      else shutdown();
    });
    if (writableStreamCloseQueuedOrInFlight(dest) || dest.state === "closed") {
      const destClosed = new TypeError("the destination writable stream closed before all data could be piped to it");
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }
    setHandled(pipeLoop());
    return promise.promise;
  }
  function pipeOptions(options) {
    options = toDict(options, "pipeTo") || {};
    const preventAbort = !!options.preventAbort, preventCancel = !!options.preventCancel, preventClose = !!options.preventClose;
    const signal = options.signal;
    if (signal !== undefined && !isAbortSignal(signal)) throw new TypeError("pipeTo: options.signal must be an AbortSignal");
    return { preventAbort, preventCancel, preventClose, signal };
  }
  function isAbortSignal(v) {
    return rt.abort.isSignal(v);
  }

  // ---------------------------------------------------------------- async iteration
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  let iterOf;
  class ReadableStreamAsyncIterator {
    #it;
    constructor(token, it) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#it = it;
    }
    static {
      iterOf = (o) => (isObject(o) && #it in o ? o.#it : undefined);
    }
    // Web IDL's asynchronous iterator next() and return(), over the stream's "get the next
    // iteration result" and "asynchronous iterator return" steps.
    next() {
      const it = iterOf(this);
      if (!it) return rejected(illegal("ReadableStream async iterator"));
      const nextSteps = () => {
        if (it.finished) return resolved({ value: undefined, done: true });
        const reader = it.reader;
        if (reader.stream === undefined) return rejected(new TypeError("the iterator's reader was released"));
        const nextPromise = new Promise((resolve, reject) => {
          readableStreamDefaultReaderRead(reader, {
            chunkSteps: (chunk) => resolve({ value: chunk }),
            closeSteps: () => { readableStreamDefaultReaderRelease(reader); resolve(undefined); },
            errorSteps: (e) => { readableStreamDefaultReaderRelease(reader); reject(e); },
          });
        });
        return uponPromise(nextPromise, (next) => {
          it.ongoing = undefined;
          if (next === undefined) { it.finished = true; return { value: undefined, done: true }; }
          return { value: next.value, done: false };
        }, (reason) => {
          it.ongoing = undefined;
          it.finished = true;
          throw reason;
        });
      };
      it.ongoing = it.ongoing ? uponPromise(it.ongoing, nextSteps, nextSteps) : nextSteps();
      return it.ongoing;
    }
    return(value) {
      const it = iterOf(this);
      if (!it) return rejected(illegal("ReadableStream async iterator"));
      const returnSteps = () => {
        if (it.finished) return resolved({ value, done: true });
        it.finished = true;
        const reader = it.reader;
        if (reader.stream === undefined) return resolved(undefined);
        if (!it.preventCancel) {
          const result = readableStreamCancel(reader.stream, value);
          readableStreamDefaultReaderRelease(reader);
          return result;
        }
        readableStreamDefaultReaderRelease(reader);
        return resolved(undefined);
      };
      const returnPromise = it.ongoing ? uponPromise(it.ongoing, returnSteps, returnSteps) : returnSteps();
      it.ongoing = returnPromise;
      return uponPromise(returnPromise, () => ({ value, done: true }));
    }
  }
  Object.setPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
  const AsyncIterProto = ReadableStreamAsyncIterator.prototype;
  delete AsyncIterProto.constructor; // Web IDL's iterator prototype has next and return only
  for (const name of ["next", "return"]) Object.defineProperty(AsyncIterProto, name, { enumerable: true });
  Object.defineProperty(AsyncIterProto, Symbol.toStringTag, { value: "ReadableStream AsyncIterator", configurable: true });

  // ReadableStream.from
  function readableStreamFromIterable(asyncIterable) {
    // async_sequence<any> (Web IDL): only an object converts; a string is no sequence.
    if (!isObject(asyncIterable)) throw new TypeError("ReadableStream.from: argument is not an async iterable object");
    let iterator, nextMethod;
    const asyncMethod = asyncIterable == null ? undefined : asyncIterable[Symbol.asyncIterator];
    if (asyncMethod != null) {
      if (typeof asyncMethod !== "function") throw new TypeError("ReadableStream.from: @@asyncIterator is not a function");
      iterator = Reflect.apply(asyncMethod, asyncIterable, []);
      if (!isObject(iterator)) throw new TypeError("ReadableStream.from: the iterator is not an object");
      nextMethod = iterator.next;
    } else {
      const syncMethod = asyncIterable == null ? undefined : asyncIterable[Symbol.iterator];
      if (typeof syncMethod !== "function") throw new TypeError("ReadableStream.from: argument is not iterable");
      const syncIterator = Reflect.apply(syncMethod, asyncIterable, []);
      if (!isObject(syncIterator)) throw new TypeError("ReadableStream.from: the iterator is not an object");
      const syncNext = syncIterator.next;
      // CreateAsyncFromSyncIterator
      iterator = {
        next() {
          const r = Reflect.apply(syncNext, syncIterator, []);
          if (!isObject(r)) throw new TypeError("iterator result is not an object");
          const done = !!r.done;
          return uponPromise(resolved(r.value), (value) => ({ value, done }));
        },
        get return() {
          const ret = syncIterator.return;
          if (ret == null) return undefined;
          return (v) => {
            const r = Reflect.apply(ret, syncIterator, [v]);
            if (!isObject(r)) throw new TypeError("iterator result is not an object");
            return uponPromise(resolved(r.value), (value) => ({ value, done: !!r.done }));
          };
        },
      };
      nextMethod = iterator.next;
    }
    let stream;
    const pullAlgorithm = () => {
      let nextResult;
      try { nextResult = Reflect.apply(nextMethod, iterator, []); } catch (e) { return rejected(e); }
      return uponPromise(resolved(nextResult), (iterResult) => {
        if (!isObject(iterResult)) throw new TypeError("ReadableStream.from: iterator result is not an object");
        if (iterResult.done) rsControllerClose(stream.controller);
        else rsControllerEnqueue(stream.controller, iterResult.value);
      });
    };
    const cancelAlgorithm = (reason) => {
      let returnMethod;
      try {
        returnMethod = iterator.return;
        if (returnMethod == null) return resolved(undefined);
        if (typeof returnMethod !== "function") throw new TypeError("iterator.return is not a function");
      } catch (e) {
        return rejected(e);
      }
      let returnResult;
      try { returnResult = Reflect.apply(returnMethod, iterator, [reason]); } catch (e) { return rejected(e); }
      return uponPromise(resolved(returnResult), (r) => {
        if (!isObject(r)) throw new TypeError("ReadableStream.from: iterator.return() result is not an object");
      });
    };
    stream = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  class ReadableStream {
    #s;
    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === INTERNAL) { this.#s = strategy; return; }
      const source = underlyingSource;
      if (source !== undefined && !isObject(source)) throw new TypeError("ReadableStream: underlyingSource must be an object");
      strategy = strategyDict(strategy, "ReadableStream");
      const where = "ReadableStream";
      const dict = {
        autoAllocateChunkSize: source == null || source.autoAllocateChunkSize === undefined
          ? undefined : enforceRange(source.autoAllocateChunkSize, "ReadableStream: autoAllocateChunkSize"),
        cancel: dictMember(source, "cancel", "function", where),
        pull: dictMember(source, "pull", "function", where),
        start: dictMember(source, "start", "function", where),
        type: dictMember(source, "type", "any", where),
      };
      const s = newReadableRecord();
      s.pub = this;
      this.#s = s;
      if (dict.type !== undefined) {
        const type = String(dict.type);
        if (type !== "bytes") throw new TypeError(`ReadableStream: '${type}' is not a valid stream type`);
        if (strategy != null && strategy.size !== undefined) throw new RangeError("ReadableStream: a byte stream cannot have a size strategy");
        const hwm = extractHighWaterMark(strategy, 0);
        setUpFromUnderlyingSource(s, source, dict, hwm, byteLengthSize, true);
      } else {
        const sizeAlgorithm = extractSizeAlgorithm(strategy);
        const hwm = extractHighWaterMark(strategy, 1);
        setUpFromUnderlyingSource(s, source, dict, hwm, sizeAlgorithm, false);
      }
    }
    static {
      rsOf = (o) => {
        if (!isObject(o) || !(#s in o)) throw illegal("ReadableStream");
        return o.#s;
      };
    }
    static from(asyncIterable) {
      return publicReadable(readableStreamFromIterable(asyncIterable));
    }
    get locked() { return isReadableStreamLocked(rsOf(this)); }
    cancel(reason = undefined) {
      let s;
      try { s = rsOf(this); } catch (e) { return rejected(e); }
      if (isReadableStreamLocked(s)) return rejected(new TypeError("Cannot cancel a locked ReadableStream"));
      return readableStreamCancel(s, reason);
    }
    getReader(options = undefined) {
      const s = rsOf(this);
      options = toDict(options, "getReader");
      const mode = options === undefined ? undefined : options.mode;
      if (mode !== undefined) {
        const m = String(mode);
        if (m === "byob") return publicBYOBReader(acquireReadableStreamBYOBReader(s));
        throw new TypeError(`getReader: '${m}' is not a valid reader mode`);
      }
      const r = acquireReadableStreamDefaultReader(s);
      return publicReader(r);
    }
    pipeThrough(transform, options = undefined) {
      const s = rsOf(this);
      if (!isObject(transform)) throw new TypeError("pipeThrough: transform must be an object");
      const readable = transform.readable;
      const readableRec = rsOf(readable);
      const writable = transform.writable;
      const writableRec = wsOf(writable);
      if (!writableRec) throw new TypeError("pipeThrough: transform.writable must be a WritableStream");
      const o = pipeOptions(options);
      if (isReadableStreamLocked(s)) throw new TypeError("pipeThrough: the ReadableStream is locked");
      if (isWritableStreamLocked(writableRec)) throw new TypeError("pipeThrough: the WritableStream is locked");
      setHandled(readableStreamPipeTo(s, writableRec, o.preventClose, o.preventAbort, o.preventCancel, o.signal));
      void readableRec;
      return readable;
    }
    pipeTo(destination, options = undefined) {
      let s, o;
      try {
        s = rsOf(this);
        o = pipeOptions(options);
      } catch (e) {
        return rejected(e);
      }
      const d = wsOf(destination);
      if (!d) return rejected(new TypeError("pipeTo: destination must be a WritableStream"));
      if (isReadableStreamLocked(s)) return rejected(new TypeError("pipeTo: the ReadableStream is locked"));
      if (isWritableStreamLocked(d)) return rejected(new TypeError("pipeTo: the WritableStream is locked"));
      return readableStreamPipeTo(s, d, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
    }
    tee() {
      const s = rsOf(this);
      const [a, b] = readableStreamTee(s, false);
      return [publicReadable(a), publicReadable(b)];
    }
    values(options = undefined) {
      const s = rsOf(this);
      options = toDict(options, "values");
      const preventCancel = options === undefined ? false : !!options.preventCancel;
      const reader = acquireReadableStreamDefaultReader(s);
      return new ReadableStreamAsyncIterator(INTERNAL, { reader, preventCancel, finished: false, ongoing: undefined });
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values, writable: true, configurable: true,
  });
  tag(ReadableStream, "ReadableStream");
  rt.webidl.inspectAs(ReadableStream, (self) => {
    const s = rsOf(self);
    return { locked: self.locked, state: s.state, supportsBYOB: "pendingPullIntos" in s.controller };
  });

  // ================================================================ WritableStream
  const closeSentinel = {};
  function newWritableRecord() {
    return {
      state: "writable", storedError: undefined, writer: undefined, controller: undefined,
      inFlightWriteRequest: undefined, closeRequest: undefined, inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined, writeRequests: [], backpressure: false, pub: undefined,
    };
  }
  function isWritableStreamLocked(stream) { return stream.writer !== undefined; }
  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark = 1, sizeAlgorithm = () => 1) {
    const stream = newWritableRecord();
    const controller = { pub: undefined };
    setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }
  function publicWritable(stream) {
    if (stream.pub === undefined) stream.pub = new WritableStream(INTERNAL, stream);
    return stream.pub;
  }
  function signalAbort(c, reason) {
    c.abortReason = reason;
    c.aborted = true;
    if (c.abortController) c.abortController.abort(reason);
  }
  function writableStreamAbort(stream, reason) {
    if (stream.state === "closed" || stream.state === "errored") return resolved(undefined);
    signalAbort(stream.controller, reason);
    const state = stream.state;
    if (state === "closed" || state === "errored") return resolved(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") { wasAlreadyErroring = true; reason = undefined; }
    const promise = deferred();
    stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
    return promise.promise;
  }
  function writableStreamClose(stream) {
    const state = stream.state;
    if (state === "closed" || state === "errored") {
      return rejected(new TypeError("The stream is already closed or errored"));
    }
    const promise = deferred();
    stream.closeRequest = promise;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === "writable") writer.ready.resolve(undefined);
    wsControllerClose(stream.controller);
    return promise.promise;
  }
  function writableStreamAddWriteRequest(stream) {
    const promise = deferred();
    stream.writeRequests.push(promise);
    return promise.promise;
  }
  function writableStreamDealWithRejection(stream, error) {
    if (stream.state === "writable") {
      writableStreamStartErroring(stream, error);
      return;
    }
    writableStreamFinishErroring(stream);
  }
  function writableStreamStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = "erroring";
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
    if (!writableStreamHasOperationMarkedInFlight(stream) && controller.started) writableStreamFinishErroring(stream);
  }
  function writableStreamFinishErroring(stream) {
    stream.state = "errored";
    resetQueue(stream.controller); // [[ErrorSteps]]
    const storedError = stream.storedError;
    for (const req of stream.writeRequests) { req.reject(storedError); setHandled(req.promise); }
    stream.writeRequests = [];
    if (stream.pendingAbortRequest === undefined) {
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const abortRequest = stream.pendingAbortRequest;
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.promise.reject(storedError);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const c = stream.controller;
    const result = c.abortAlgorithm(abortRequest.reason);
    wsControllerClearAlgorithms(c);
    uponPromise(result,
      () => { abortRequest.promise.resolve(undefined); writableStreamRejectCloseAndClosedPromiseIfNeeded(stream); },
      (reason) => { abortRequest.promise.reject(reason); writableStreamRejectCloseAndClosedPromiseIfNeeded(stream); },
    );
  }
  function writableStreamFinishInFlightWrite(stream) {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  }
  function writableStreamFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    writableStreamDealWithRejection(stream, error);
  }
  function writableStreamFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === "erroring") {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.promise.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = "closed";
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  }
  function writableStreamFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.promise.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    writableStreamDealWithRejection(stream, error);
  }
  function writableStreamCloseQueuedOrInFlight(stream) {
    return stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  }
  function writableStreamHasOperationMarkedInFlight(stream) {
    return stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  }
  function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      writer.closed.reject(stream.storedError);
      setHandled(writer.closed.promise);
    }
  }
  function writableStreamUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // ---------------------------------------------------------------- writer
  function acquireWritableStreamDefaultWriter(stream) {
    const writer = { stream: undefined, ready: undefined, closed: undefined, pub: undefined };
    setUpWritableStreamDefaultWriter(writer, stream);
    return writer;
  }
  function setUpWritableStreamDefaultWriter(writer, stream) {
    if (isWritableStreamLocked(stream)) throw new TypeError("WritableStream is locked");
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === "writable") {
      writer.ready = !writableStreamCloseQueuedOrInFlight(stream) && stream.backpressure ? deferred() : resolvedDeferred(undefined);
      writer.closed = deferred();
    } else if (state === "erroring") {
      writer.ready = rejectedDeferred(stream.storedError);
      writer.closed = deferred();
    } else if (state === "closed") {
      writer.ready = resolvedDeferred(undefined);
      writer.closed = resolvedDeferred(undefined);
    } else {
      writer.ready = rejectedDeferred(stream.storedError);
      writer.closed = rejectedDeferred(stream.storedError);
    }
  }
  function writableStreamDefaultWriterCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (writableStreamCloseQueuedOrInFlight(stream) || state === "closed") return resolved(undefined);
    if (state === "errored") return rejected(stream.storedError);
    return writableStreamClose(stream);
  }
  function writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
    if (!writer.closed.settled) writer.closed.reject(error);
    else writer.closed = rejectedDeferred(error);
    setHandled(writer.closed.promise);
  }
  function writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
    if (!writer.ready.settled) writer.ready.reject(error);
    else writer.ready = rejectedDeferred(error);
    setHandled(writer.ready.promise);
  }
  function writableStreamDefaultWriterGetDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === "errored" || state === "erroring") return null;
    if (state === "closed") return 0;
    return stream.controller.strategyHWM - stream.controller.queueTotalSize;
  }
  function writableStreamDefaultWriterRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError("the writer's lock was released");
    writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
    writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }
  function writableStreamDefaultWriterWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = wsControllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return rejected(new TypeError("the writer's lock was released"));
    const state = stream.state;
    if (state === "errored") return rejected(stream.storedError);
    if (writableStreamCloseQueuedOrInFlight(stream) || state === "closed") {
      return rejected(new TypeError("The stream is closing or closed and cannot be written to"));
    }
    if (state === "erroring") return rejected(stream.storedError);
    const promise = writableStreamAddWriteRequest(stream);
    wsControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  class WritableStreamDefaultWriter {
    #w;
    constructor(stream) {
      if (stream === INTERNAL) { this.#w = arguments[1]; return; }
      const s = wsOf(stream);
      if (!s) throw new TypeError("WritableStreamDefaultWriter: argument must be a WritableStream");
      const w = acquireWritableStreamDefaultWriter(s);
      w.pub = this;
      this.#w = w;
    }
    static {
      writerOf = (o) => (isObject(o) && #w in o ? o.#w : undefined);
    }
    get closed() {
      const w = writerOf(this);
      if (!w) return rejected(illegal("WritableStreamDefaultWriter"));
      return w.closed.promise;
    }
    get ready() {
      const w = writerOf(this);
      if (!w) return rejected(illegal("WritableStreamDefaultWriter"));
      return w.ready.promise;
    }
    get desiredSize() {
      const w = writerOf(this);
      if (!w) throw illegal("WritableStreamDefaultWriter");
      if (w.stream === undefined) throw new TypeError("the writer's lock was released");
      return writableStreamDefaultWriterGetDesiredSize(w);
    }
    abort(reason = undefined) {
      const w = writerOf(this);
      if (!w) return rejected(illegal("WritableStreamDefaultWriter"));
      if (w.stream === undefined) return rejected(new TypeError("the writer's lock was released"));
      return writableStreamAbort(w.stream, reason);
    }
    close() {
      const w = writerOf(this);
      if (!w) return rejected(illegal("WritableStreamDefaultWriter"));
      const stream = w.stream;
      if (stream === undefined) return rejected(new TypeError("the writer's lock was released"));
      if (writableStreamCloseQueuedOrInFlight(stream)) return rejected(new TypeError("The stream is already closing"));
      return writableStreamClose(stream);
    }
    releaseLock() {
      const w = writerOf(this);
      if (!w) throw illegal("WritableStreamDefaultWriter");
      if (w.stream === undefined) return;
      writableStreamDefaultWriterRelease(w);
    }
    write(chunk = undefined) {
      const w = writerOf(this);
      if (!w) return rejected(illegal("WritableStreamDefaultWriter"));
      if (w.stream === undefined) return rejected(new TypeError("the writer's lock was released"));
      return writableStreamDefaultWriterWrite(w, chunk);
    }
  }
  tag(WritableStreamDefaultWriter, "WritableStreamDefaultWriter");

  // ---------------------------------------------------------------- writable controller
  function setUpWritableStreamDefaultController(stream, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    c.stream = stream;
    stream.controller = c;
    resetQueue(c);
    c.abortReason = undefined;
    c.aborted = false;
    c.abortController = undefined;
    c.started = false;
    c.strategySizeAlgorithm = sizeAlgorithm;
    c.strategyHWM = highWaterMark;
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    writableStreamUpdateBackpressure(stream, wsControllerGetBackpressure(c));
    let startResult = startAlgorithm();
    uponPromise(resolved(startResult), 
      () => { c.started = true; wsControllerAdvanceQueueIfNeeded(c); },
      (r) => { c.started = true; writableStreamDealWithRejection(stream, r); },
    );
  }
  function wsControllerClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function wsControllerClose(c) {
    enqueueValueWithSize(c, closeSentinel, 0);
    wsControllerAdvanceQueueIfNeeded(c);
  }
  function wsControllerGetChunkSize(c, chunk) {
    if (c.strategySizeAlgorithm === undefined) return 1;
    try {
      return c.strategySizeAlgorithm(chunk);
    } catch (e) {
      wsControllerErrorIfNeeded(c, e);
      return 1;
    }
  }
  function wsControllerGetDesiredSize(c) { return c.strategyHWM - c.queueTotalSize; }
  function wsControllerWrite(c, chunk, chunkSize) {
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      wsControllerErrorIfNeeded(c, e);
      return;
    }
    const stream = c.stream;
    if (!writableStreamCloseQueuedOrInFlight(stream) && stream.state === "writable") {
      writableStreamUpdateBackpressure(stream, wsControllerGetBackpressure(c));
    }
    wsControllerAdvanceQueueIfNeeded(c);
  }
  function wsControllerAdvanceQueueIfNeeded(c) {
    const stream = c.stream;
    if (!c.started) return;
    if (stream.inFlightWriteRequest !== undefined) return;
    const state = stream.state;
    if (state === "erroring") { writableStreamFinishErroring(stream); return; }
    if (state !== "writable") return;
    if (queueEmpty(c)) return;
    const value = peekQueueValue(c);
    if (value === closeSentinel) wsControllerProcessClose(c);
    else wsControllerProcessWrite(c, value);
  }
  function wsControllerErrorIfNeeded(c, error) {
    if (c.stream.state === "writable") wsControllerError(c, error);
  }
  function wsControllerProcessClose(c) {
    const stream = c.stream;
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
    dequeueValue(c);
    const sinkClosePromise = c.closeAlgorithm();
    wsControllerClearAlgorithms(c);
    uponPromise(sinkClosePromise,
      () => writableStreamFinishInFlightClose(stream),
      (reason) => writableStreamFinishInFlightCloseWithError(stream, reason),
    );
  }
  function wsControllerProcessWrite(c, chunk) {
    const stream = c.stream;
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    const sinkWritePromise = c.writeAlgorithm(chunk);
    uponPromise(sinkWritePromise,
      () => {
        writableStreamFinishInFlightWrite(stream);
        const state = stream.state;
        dequeueValue(c);
        if (!writableStreamCloseQueuedOrInFlight(stream) && state === "writable") {
          writableStreamUpdateBackpressure(stream, wsControllerGetBackpressure(c));
        }
        wsControllerAdvanceQueueIfNeeded(c);
      },
      (reason) => {
        if (stream.state === "writable") wsControllerClearAlgorithms(c);
        writableStreamFinishInFlightWriteWithError(stream, reason);
      },
    );
  }
  function wsControllerGetBackpressure(c) { return wsControllerGetDesiredSize(c) <= 0; }
  function wsControllerError(c, error) {
    const stream = c.stream;
    wsControllerClearAlgorithms(c);
    writableStreamStartErroring(stream, error);
  }

  class WritableStreamDefaultController {
    #c;
    constructor(token, record) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#c = record;
    }
    static {
      wcOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal("WritableStreamDefaultController");
        return o.#c;
      };
    }
    get signal() {
      const c = wcOf(this);
      if (c.abortController === undefined) {
        if (typeof AbortController !== "function") return undefined;
        c.abortController = new AbortController();
        if (c.aborted) c.abortController.abort(c.abortReason);
      }
      return c.abortController.signal;
    }
    error(e = undefined) {
      const c = wcOf(this);
      if (c.stream.state !== "writable") return;
      wsControllerError(c, e);
    }
  }
  tag(WritableStreamDefaultController, "WritableStreamDefaultController");

  class WritableStream {
    #s;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === INTERNAL) { this.#s = strategy; return; }
      const sink = underlyingSink;
      if (sink !== undefined && !isObject(sink)) throw new TypeError("WritableStream: underlyingSink must be an object");
      strategy = strategyDict(strategy, "WritableStream");
      const where = "WritableStream";
      const abort = dictMember(sink, "abort", "function", where);
      const close = dictMember(sink, "close", "function", where);
      const start = dictMember(sink, "start", "function", where);
      const type = dictMember(sink, "type", "any", where);
      const write = dictMember(sink, "write", "function", where);
      if (type !== undefined) throw new RangeError("WritableStream: invalid type");
      const sizeAlgorithm = extractSizeAlgorithm(strategy);
      const hwm = extractHighWaterMark(strategy, 1);
      const s = newWritableRecord();
      s.pub = this;
      this.#s = s;
      const c = { pub: undefined };
      c.pub = new WritableStreamDefaultController(INTERNAL, c);
      setUpWritableStreamDefaultController(
        s, c,
        start ? () => Reflect.apply(start, sink, [c.pub]) : noop,
        write ? (chunk) => promiseCall(write, sink, chunk, c.pub) : () => resolved(undefined),
        close ? () => promiseCall(close, sink) : () => resolved(undefined),
        abort ? (reason) => promiseCall(abort, sink, reason) : () => resolved(undefined),
        hwm, sizeAlgorithm,
      );
    }
    static {
      wsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
    }
    get locked() {
      const s = wsOf(this);
      if (!s) throw illegal("WritableStream");
      return isWritableStreamLocked(s);
    }
    abort(reason = undefined) {
      const s = wsOf(this);
      if (!s) return rejected(illegal("WritableStream"));
      if (isWritableStreamLocked(s)) return rejected(new TypeError("Cannot abort a locked WritableStream"));
      return writableStreamAbort(s, reason);
    }
    close() {
      const s = wsOf(this);
      if (!s) return rejected(illegal("WritableStream"));
      if (isWritableStreamLocked(s)) return rejected(new TypeError("Cannot close a locked WritableStream"));
      if (writableStreamCloseQueuedOrInFlight(s)) return rejected(new TypeError("The stream is already closing"));
      return writableStreamClose(s);
    }
    getWriter() {
      const s = wsOf(this);
      if (!s) throw illegal("WritableStream");
      const w = acquireWritableStreamDefaultWriter(s);
      w.pub = new WritableStreamDefaultWriter(INTERNAL, w);
      return w.pub;
    }
  }
  tag(WritableStream, "WritableStream");

  // ================================================================ TransformStream
  function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    const startAlgorithm = () => startPromise;
    stream.writable = createWritableStream(
      startAlgorithm,
      (chunk) => transformStreamDefaultSinkWriteAlgorithm(stream, chunk),
      () => transformStreamDefaultSinkCloseAlgorithm(stream),
      (reason) => transformStreamDefaultSinkAbortAlgorithm(stream, reason),
      writableHWM, writableSize,
    );
    stream.readable = createReadableStream(
      startAlgorithm,
      () => transformStreamDefaultSourcePullAlgorithm(stream),
      (reason) => transformStreamDefaultSourceCancelAlgorithm(stream, reason),
      readableHWM, readableSize,
    );
    stream.backpressure = undefined;
    stream.backpressureChange = undefined;
    transformStreamSetBackpressure(stream, true);
    stream.controller = undefined;
  }
  function transformStreamError(stream, e) {
    rsControllerError(stream.readable.controller, e);
    transformStreamErrorWritableAndUnblockWrite(stream, e);
  }
  function transformStreamErrorWritableAndUnblockWrite(stream, e) {
    tsControllerClearAlgorithms(stream.controller);
    wsControllerErrorIfNeeded(stream.writable.controller, e);
    transformStreamUnblockWrite(stream);
  }
  function transformStreamUnblockWrite(stream) {
    if (stream.backpressure) transformStreamSetBackpressure(stream, false);
  }
  function transformStreamSetBackpressure(stream, backpressure) {
    if (stream.backpressureChange !== undefined) stream.backpressureChange.resolve(undefined);
    stream.backpressureChange = deferred();
    stream.backpressure = backpressure;
  }
  function setUpTransformStreamDefaultController(stream, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    c.stream = stream;
    stream.controller = c;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.finishPromise = undefined;
  }
  function tsControllerClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function tsControllerEnqueue(c, chunk) {
    const stream = c.stream;
    const rc = stream.readable.controller;
    if (!rsControllerCanCloseOrEnqueue(rc)) throw new TypeError("Readable side is not in a state that permits enqueue");
    try {
      rsControllerEnqueue(rc, chunk);
    } catch (e) {
      transformStreamErrorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    const backpressure = rsControllerHasBackpressure(rc);
    if (backpressure !== stream.backpressure) transformStreamSetBackpressure(stream, true);
  }
  function tsControllerPerformTransform(c, chunk) {
    return uponPromise(c.transformAlgorithm(chunk), undefined, (r) => {
      transformStreamError(c.stream, r);
      throw r;
    });
  }
  function tsControllerTerminate(c) {
    const stream = c.stream;
    rsControllerClose(stream.readable.controller);
    transformStreamErrorWritableAndUnblockWrite(stream, new TypeError("TransformStream terminated"));
  }
  function transformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
    const c = stream.controller;
    if (stream.backpressure) {
      return uponPromise(stream.backpressureChange.promise, () => {
        const writable = stream.writable;
        if (writable.state === "erroring") throw writable.storedError;
        return tsControllerPerformTransform(c, chunk);
      });
    }
    return tsControllerPerformTransform(c, chunk);
  }
  function transformStreamDefaultSinkAbortAlgorithm(stream, reason) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = stream.readable;
    const finish = (c.finishPromise = deferred());
    const cancelPromise = c.cancelAlgorithm(reason);
    tsControllerClearAlgorithms(c);
    uponPromise(cancelPromise,
      () => {
        if (readable.state === "errored") finish.reject(readable.storedError);
        else { rsControllerError(readable.controller, reason); finish.resolve(undefined); }
      },
      (r) => { rsControllerError(readable.controller, r); finish.reject(r); },
    );
    return finish.promise;
  }
  function transformStreamDefaultSinkCloseAlgorithm(stream) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = stream.readable;
    const finish = (c.finishPromise = deferred());
    const flushPromise = c.flushAlgorithm();
    tsControllerClearAlgorithms(c);
    uponPromise(flushPromise,
      () => {
        if (readable.state === "errored") finish.reject(readable.storedError);
        else { rsControllerClose(readable.controller); finish.resolve(undefined); }
      },
      (r) => { rsControllerError(readable.controller, r); finish.reject(r); },
    );
    return finish.promise;
  }
  function transformStreamDefaultSourceCancelAlgorithm(stream, reason) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const writable = stream.writable;
    const finish = (c.finishPromise = deferred());
    const cancelPromise = c.cancelAlgorithm(reason);
    tsControllerClearAlgorithms(c);
    uponPromise(cancelPromise,
      () => {
        if (writable.state === "errored") finish.reject(writable.storedError);
        else {
          wsControllerErrorIfNeeded(writable.controller, reason);
          transformStreamUnblockWrite(stream);
          finish.resolve(undefined);
        }
      },
      (r) => {
        wsControllerErrorIfNeeded(writable.controller, r);
        transformStreamUnblockWrite(stream);
        finish.reject(r);
      },
    );
    return finish.promise;
  }
  function transformStreamDefaultSourcePullAlgorithm(stream) {
    transformStreamSetBackpressure(stream, false);
    return stream.backpressureChange.promise;
  }

  class TransformStreamDefaultController {
    #c;
    constructor(token, record) {
      if (token !== INTERNAL) throw new TypeError("Illegal constructor");
      this.#c = record;
    }
    static {
      tcOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal("TransformStreamDefaultController");
        return o.#c;
      };
    }
    get desiredSize() { return rsControllerGetDesiredSize(tcOf(this).stream.readable.controller); }
    enqueue(chunk = undefined) { tsControllerEnqueue(tcOf(this), chunk); }
    error(reason = undefined) { transformStreamError(tcOf(this).stream, reason); }
    terminate() { tsControllerTerminate(tcOf(this)); }
  }
  tag(TransformStreamDefaultController, "TransformStreamDefaultController");

  function createTransformStream(transformer, where, writableStrategy, readableStrategy) {
    const flush = dictMember(transformer, "flush", "function", where);
    const readableType = dictMember(transformer, "readableType", "any", where);
    const start = dictMember(transformer, "start", "function", where);
    const transform = dictMember(transformer, "transform", "function", where);
    const writableType = dictMember(transformer, "writableType", "any", where);
    const cancel = dictMember(transformer, "cancel", "function", where);
    if (readableType !== undefined) throw new RangeError(`${where}: invalid readableType`);
    if (writableType !== undefined) throw new RangeError(`${where}: invalid writableType`);
    const readableHWM = extractHighWaterMark(readableStrategy, 0);
    const readableSize = extractSizeAlgorithm(readableStrategy);
    const writableHWM = extractHighWaterMark(writableStrategy, 1);
    const writableSize = extractSizeAlgorithm(writableStrategy);
    const stream = { readable: undefined, writable: undefined, controller: undefined, backpressure: undefined, backpressureChange: undefined };
    const startPromise = deferred();
    initializeTransformStream(stream, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
    const c = { pub: undefined };
    c.pub = new TransformStreamDefaultController(INTERNAL, c);
    const transformAlgorithm = transform
      ? (chunk) => promiseCall(transform, transformer, chunk, c.pub)
      : (chunk) => {
        try { tsControllerEnqueue(c, chunk); return resolved(undefined); } catch (e) { return rejected(e); }
      };
    setUpTransformStreamDefaultController(
      stream, c, transformAlgorithm,
      flush ? () => promiseCall(flush, transformer, c.pub) : () => resolved(undefined),
      cancel ? (reason) => promiseCall(cancel, transformer, reason) : () => resolved(undefined),
    );
    if (start) startPromise.resolve(Reflect.apply(start, transformer, [c.pub]));
    else startPromise.resolve(undefined);
    return stream;
  }

  class TransformStream {
    #s;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const t = transformer;
      if (t !== undefined && !isObject(t)) throw new TypeError("TransformStream: transformer must be an object");
      writableStrategy = strategyDict(writableStrategy, "TransformStream");
      readableStrategy = strategyDict(readableStrategy, "TransformStream");
      this.#s = createTransformStream(t, "TransformStream", writableStrategy, readableStrategy);
    }
    static {
      tsOf = (o) => {
        if (!isObject(o) || !(#s in o)) throw illegal("TransformStream");
        return o.#s;
      };
    }
    get readable() { return publicReadable(tsOf(this).readable); }
    get writable() { return publicWritable(tsOf(this).writable); }
  }
  tag(TransformStream, "TransformStream");

  // ================================================================ TextEncoderStream / TextDecoderStream
  let encStreamOf, decStreamOf;
  class TextEncoderStream {
    #t;
    constructor() {
      let pending = "";
      const ts = createTransformStream({
        transform(chunk, controller) {
          let s = pending + String(chunk);
          pending = "";
          if (s.length === 0) return;
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) { pending = s.slice(-1); s = s.slice(0, -1); }
          if (s.length) controller.enqueue(utf8.encode(s));
        },
        flush(controller) {
          if (pending) controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      }, "TextEncoderStream");
      this.#t = ts;
    }
    static {
      encStreamOf = (o) => {
        if (!isObject(o) || !(#t in o)) throw illegal("TextEncoderStream");
        return o.#t;
      };
    }
    get encoding() { encStreamOf(this); return "utf-8"; }
    get readable() { return publicReadable(encStreamOf(this).readable); }
    get writable() { return publicWritable(encStreamOf(this).writable); }
  }
  tag(TextEncoderStream, "TextEncoderStream");

  class TextDecoderStream {
    #t;
    #d;
    constructor(label = "utf-8", options = undefined) {
      const decoder = new rt.encoding.TextDecoder(label, options);
      this.#d = decoder;
      this.#t = createTransformStream({
        transform(chunk, controller) {
          if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
            throw new TypeError("TextDecoderStream: chunk must be an ArrayBuffer or ArrayBufferView");
          }
          const s = decoder.decode(chunk, { stream: true });
          if (s) controller.enqueue(s);
        },
        flush(controller) {
          const s = decoder.decode();
          if (s) controller.enqueue(s);
        },
      }, "TextDecoderStream");
    }
    static {
      decStreamOf = (o) => {
        if (!isObject(o) || !(#t in o)) throw illegal("TextDecoderStream");
        return o;
      };
    }
    get encoding() { decStreamOf(this); return this.#d.encoding; }
    get fatal() { decStreamOf(this); return this.#d.fatal; }
    get ignoreBOM() { decStreamOf(this); return this.#d.ignoreBOM; }
    get readable() { decStreamOf(this); return publicReadable(this.#t.readable); }
    get writable() { decStreamOf(this); return publicWritable(this.#t.writable); }
  }
  tag(TextDecoderStream, "TextDecoderStream");

  // ================================================================ exports
  // Interfaces with no constructor (made with an internal token): length 0, as Web IDL has it.
  for (const cls of [ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest,
    WritableStreamDefaultController, TransformStreamDefaultController]) {
    Object.defineProperty(cls, "length", { value: 0, configurable: true });
  }
  define("ReadableStream", ReadableStream);
  define("ReadableStreamDefaultReader", ReadableStreamDefaultReader);
  define("ReadableStreamDefaultController", ReadableStreamDefaultController);
  define("ReadableByteStreamController", ReadableByteStreamController);
  define("ReadableStreamBYOBReader", ReadableStreamBYOBReader);
  define("ReadableStreamBYOBRequest", ReadableStreamBYOBRequest);
  define("WritableStream", WritableStream);
  define("WritableStreamDefaultWriter", WritableStreamDefaultWriter);
  define("WritableStreamDefaultController", WritableStreamDefaultController);
  define("TransformStream", TransformStream);
  define("TransformStreamDefaultController", TransformStreamDefaultController);
  define("ByteLengthQueuingStrategy", ByteLengthQueuingStrategy);
  define("CountQueuingStrategy", CountQueuingStrategy);
  define("TextEncoderStream", TextEncoderStream);
  define("TextDecoderStream", TextDecoderStream);

  // A stream made by make(pullAlgorithm, cancelAlgorithm) whose source is pull(ctl) and
  // cancel(reason), ctl calling the controller operations given.
  function pulled(pull, cancel, enqueue, close, error, make) {
    let stream;
    const ctl = {
      enqueue: (chunk) => enqueue(stream.controller, chunk),
      close: () => close(stream.controller),
      error: (e) => error(stream.controller, e),
    };
    stream = make(
      () => { try { return resolved(pull(ctl)); } catch (e) { return rejected(e); } },
      cancel ? (r) => { try { return resolved(cancel(r)); } catch (e) { return rejected(e); } } : () => resolved(undefined),
    );
    return stream;
  }

  // Internals for the Blob and fetch files.
  const streamsInternal = {
    rsOf: (o) => (isObject(o) && o instanceof ReadableStream ? rsOf(o) : undefined),
    publicReadable,
    isLocked: isReadableStreamLocked,
    isDisturbed: (s) => s.disturbed,
    cancel: readableStreamCancel,
    tee: (s) => readableStreamTee(s, true),
    // A stream whose chunks come from pull(controller-like {enqueue, close, error}).
    create(pull, cancel, highWaterMark = 0) {
      return pulled(pull, cancel, rsControllerEnqueue, rsControllerClose, rsControllerError,
        (p, c) => createReadableStream(noop, p, c, highWaterMark));
    },
    // The same with byte reading support (a ReadableByteStreamController, so BYOB readers
    // work): what the Fetch and File APIs create for bodies and blobs made of bytes. Each
    // chunk must be a Uint8Array this stream may take (its buffer is transferred).
    createBytes(pull, cancel) {
      return pulled(pull, cancel, rbsControllerEnqueue, rbsControllerClose, rbsControllerError,
        (p, c) => createReadableByteStream(noop, p, c));
    },
    // A closed, disturbed stream locked by an internal reader (a body read by the fast path).
    createConsumed() {
      const stream = createReadableStream(noop, () => resolved(undefined), () => resolved(undefined), 0);
      readableStreamClose(stream);
      stream.disturbed = true;
      acquireReadableStreamDefaultReader(stream);
      return stream;
    },
    acquireReader: acquireReadableStreamDefaultReader,
    readerRead: readerReadPromise,
    // Read every chunk; onChunk may throw (the stream is then cancelled with that error).
    readAll(stream, onChunk) {
      const reader = acquireReadableStreamDefaultReader(stream);
      return new Promise((resolve, reject) => {
        const step = () => {
          readableStreamDefaultReaderRead(reader, {
            chunkSteps(chunk) {
              try {
                onChunk(chunk);
              } catch (e) {
                uponPromise(readableStreamCancel(stream, e), () => reject(e), () => reject(e));
                return;
              }
              queueMicrotask(step);
            },
            closeSteps: () => resolve(),
            errorSteps: reject,
          });
        };
        step();
      });
    },
  };
  Object.defineProperty(rt, "streams", { value: streamsInternal, configurable: true, writable: true, enumerable: false });
})();
