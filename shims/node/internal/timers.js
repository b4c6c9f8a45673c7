// Node's Timeout and Immediate (shared by node:timers and node:timers/promises), over the
// context's own timers. A Timeout runs on a host timer (the context's setTimeout, or its
// setInterval for a repeating one) that calls the Timeout's `_onTimeout` with the Timeout
// as `this`, as Node does; refresh() replaces that host timer. An Immediate is a runtime
// task: a 0 ms host timer, so it runs after the current macrotask and its microtasks, in
// order with other timers.
//
// Node runs the immediates set in one turn of its loop before any Timeout set in the same
// turn or later (those wait at least 1 ms, and the immediates' phase comes first). Here a
// Timeout whose host timer fires while an immediate set no later than the Timeout (in the
// same macrotask or before) has still to run, yields to it: it fires again as a task
// queued behind that immediate.
//
// unref() marks the host timer as one that does not keep the program alive (`runtime run`
// ends when only such timers are left, as Node exits); hasRef() reads the flag.
"use strict";

const { SymbolDispose } = require("./events/abort_listener.js");

const runtime = globalThis.__runtime;
const hostSetTimeout = globalThis.setTimeout;
const hostSetInterval = globalThis.setInterval;
const hostClearTimeout = globalThis.clearTimeout;

// The longest delay Node keeps (a signed 32-bit number of milliseconds).
const TIMEOUT_MAX = 2 ** 31 - 1;

const kRefed = Symbol("refed");
const kHasPrimitive = Symbol("kHasPrimitive");
// A Timeout's number (what +timeout gives): the id of its first host timer, which no other
// host timer ever has, so the context's clearTimeout(number) cancels that one or nothing.
const kId = Symbol("asyncId");
// The id of the host timer that runs the Timeout now; 0 while none does.
const kHostTimer = Symbol("hostTimer");
// The function the current host timer calls: a call from an earlier one does nothing.
const kFire = Symbol("fire");
// The macrotask a Timeout was (re)started or an Immediate set in: the count of host timers
// run so far, as the runtime keeps it.
const kTurn = Symbol("turn");

// Immediates set and not yet run nor cleared, oldest first from index `immediatesHead`.
const immediates = [];
let immediatesHead = 0;

// Timeouts whose number the program took, by number: clearTimeout(number) finds them there.
const knownTimersById = Object.create(null);

class Timeout {
  // Node's rule for the delay: a number from 1 to TIMEOUT_MAX; anything else is 1 (with a
  // TimeoutOverflowWarning when it is too large).
  constructor(callback, after, args, isRepeat, isRefed) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        require("node:process").emitWarning(`${after} does not fit into a 32-bit signed integer.`
          + "\nTimeout duration was set to 1.", "TimeoutOverflowWarning");
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    this[kId] = 0;
    this[kHostTimer] = 0;
    this[kFire] = null;
    this[kTurn] = 0;
  }

  // Starts the delay again from now; a timer that already ran runs again. A cleared one
  // stays cleared.
  refresh() {
    if (this._idleTimeout < 0 || this._idleTimeout === undefined) return this;
    cancelHostTimer(this);
    insert(this);
    this._destroyed = false;
    return this;
  }

  unref() {
    this[kRefed] = false;
    runtime.refTimer(this[kHostTimer], false);
    return this;
  }

  ref() {
    this[kRefed] = true;
    runtime.refTimer(this[kHostTimer], true);
    return this;
  }

  hasRef() {
    return this[kRefed];
  }

  close() {
    clearTimeout(this);
    return this;
  }

  [SymbolDispose]() {
    clearTimeout(this);
  }

  [Symbol.toPrimitive]() {
    const id = this[kId];
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      knownTimersById[id] = this;
    }
    return id;
  }
}

// Starts the Timeout's host timer: its delay in whole milliseconds, repeating when it does.
function insert(timer) {
  const fire = () => onTimeout(timer, fire);
  const msecs = Math.trunc(timer._idleTimeout);
  timer[kFire] = fire;
  timer[kTurn] = runtime.timersFired;
  timer[kHostTimer] = timer._repeat ? hostSetInterval(fire, msecs) : hostSetTimeout(fire, msecs);
  if (!timer[kRefed]) runtime.refTimer(timer[kHostTimer], false);
  if (timer[kId] === 0) timer[kId] = timer[kHostTimer];
}

function cancelHostTimer(timer) {
  if (timer[kHostTimer] !== 0) hostClearTimeout(timer[kHostTimer]);
  timer[kHostTimer] = 0;
  timer[kFire] = null;
}

// A one-shot Timeout is destroyed once its callback returns, unless the callback
// refreshed it. A repeating one starts its next interval now (its host timer has).
function onTimeout(timer, fire) {
  if (timer[kFire] !== fire) return;
  const first = oldestImmediate();
  if (first !== null && first[kTurn] <= timer[kTurn]) {
    runtime.task(fire);
    return;
  }
  if (timer._repeat) {
    timer[kTurn] = runtime.timersFired;
  } else {
    timer[kHostTimer] = 0;
    timer[kFire] = null;
  }
  if (!timer._onTimeout) {
    cancelHostTimer(timer);
    destroy(timer);
    return;
  }
  try {
    const args = timer._timerArgs;
    if (args === undefined) timer._onTimeout();
    else Reflect.apply(timer._onTimeout, timer, args);
  } finally {
    if (!timer._repeat && timer[kFire] === null) destroy(timer);
  }
}

function destroy(timer) {
  if (timer._destroyed) return;
  timer._destroyed = true;
  if (timer[kHasPrimitive]) delete knownTimersById[timer[kId]];
}

// Node's clearTimeout (clearInterval is the same): a Timeout, or a Timeout's number. Any
// other number is a host timer's id (the context's setTimeout returns those), cleared there.
function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timer._onTimeout = null;
    unenroll(timer);
    return;
  }
  if (typeof timer === "number" || typeof timer === "string") {
    const known = knownTimersById[timer];
    if (known !== undefined) {
      known._onTimeout = null;
      unenroll(known);
    } else {
      hostClearTimeout(timer);
    }
  }
}

function unenroll(timer) {
  if (timer._destroyed) return;
  destroy(timer);
  cancelHostTimer(timer);
  timer._idleTimeout = -1;
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this[kRefed] = true;
    this[kTurn] = runtime.timersFired;
    immediates.push(this);
    runtime.task(() => runImmediate(this));
  }

  ref() {
    if (this[kRefed] === false) this[kRefed] = true;
    return this;
  }

  unref() {
    if (this[kRefed] === true) this[kRefed] = false;
    return this;
  }

  hasRef() {
    return !!this[kRefed];
  }

  [SymbolDispose]() {
    clearImmediate(this);
  }
}

// The oldest Immediate still to run, or null.
function oldestImmediate() {
  while (immediatesHead < immediates.length && immediates[immediatesHead]._destroyed) immediatesHead++;
  if (immediatesHead === immediates.length) {
    immediates.length = 0;
    immediatesHead = 0;
    return null;
  }
  if (immediatesHead > 1024 && immediatesHead * 2 > immediates.length) {
    immediates.splice(0, immediatesHead);
    immediatesHead = 0;
  }
  return immediates[immediatesHead];
}

// The callback runs with the Immediate as `this`; a cleared Immediate's task does nothing.
function runImmediate(immediate) {
  const cleared = immediate._destroyed;
  immediate._destroyed = true;
  oldestImmediate(); // drops the immediates that ran or were cleared from the queue
  if (cleared) return;
  immediate[kRefed] = null;
  try {
    const argv = immediate._argv;
    if (!argv) immediate._onImmediate();
    else immediate._onImmediate(...argv);
  } finally {
    immediate._onImmediate = null;
  }
}

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediate._destroyed = true;
  immediate[kRefed] = null;
  immediate._onImmediate = null;
}

module.exports = { Timeout, Immediate, insert, clearTimeout, clearImmediate };
