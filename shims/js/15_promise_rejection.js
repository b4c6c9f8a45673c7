// PromiseRejectionEvent and HTML's tracking of promise rejections nobody handles
// (HostPromiseRejectionTracker, "notify about rejected promises"). The engine reports each
// rejection event to the hook (engines/base.py REJECTION_HOOK); once the crossing is over,
// and so its microtasks, each promise still unhandled fires
// "unhandledrejection" at the global and, unless a listener cancels it, is logged as
// "Uncaught (in promise) ...". A handler added to one later fires "rejectionhandled".
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, tag, requireArgs, dictionary: dict } = runtime.webidl;
  const { Event } = globalThis;
  const { fireEvent, defineEventHandler } = runtime.events;

  class PromiseRejectionEvent extends Event {
    #promise; #reason;
    constructor(type, eventInitDict) {
      requireArgs(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
      const init = dict(eventInitDict, "Failed to construct 'PromiseRejectionEvent'");
      const promise = init.promise;
      if (promise === null || (typeof promise !== "object" && typeof promise !== "function")) {
        throw new TypeError(
          "Failed to construct 'PromiseRejectionEvent': required member promise is undefined or not an object.");
      }
      super(type, init);
      this.#promise = promise;
      this.#reason = init.reason;
    }
    get promise() { return this.#promise; }
    get reason() { return this.#reason; }
  }
  tag(PromiseRejectionEvent, "PromiseRejectionEvent");

  // About-to-be-notified rejected promises (promise -> reason, in rejection order), the
  // ones already reported (a handler added to one of those fires "rejectionhandled"), and
  // the reported ones handled since.
  const pending = new Map();
  const outstanding = new WeakMap();
  let handledLater = [];
  let scheduled = false;
  // A flood (a loop rejecting promises until its timeout) is reported by its first ones and
  // a count: each report formats a stack and crosses to the host.
  const REPORTED_PER_ROUND = 20;

  function track(promise, reason) {
    if (arguments.length > 1) {
      pending.set(promise, reason);
    } else if (pending.delete(promise) || !outstanding.has(promise)) {
      return;
    } else {
      handledLater.push([promise, outstanding.get(promise)]);
      outstanding.delete(promise);
    }
    if (!scheduled) {
      scheduled = true;
      runtime.whenCrossed(notify);
    }
  }

  // The promises rejected so far are reported (those rejected by listeners wait for the
  // next notification, after their microtasks), each taken from `pending` as it is: a
  // listener cut short (a timeout) leaves the rest for the next one.
  function notify() {
    if (runtime.ticksPending()) {
      // As Node, after the ticks (a handler they add counts) and their microtasks.
      runtime.whenCrossed(notify);
      return;
    }
    scheduled = false;
    const handled = handledLater;
    handledLater = [];
    for (const [promise, reason] of handled) {
      fireEvent(globalThis, new PromiseRejectionEvent("rejectionhandled", { promise, reason }));
    }
    let reported = 0;
    for (const [promise, reason] of [...pending]) {
      if (!pending.delete(promise)) continue; // a listener handled it meanwhile
      outstanding.set(promise, reason);
      const event = new PromiseRejectionEvent("unhandledrejection", { promise, reason, cancelable: true });
      if (fireEvent(globalThis, event)) {
        if (++reported <= REPORTED_PER_ROUND) runtime.reportError(reason, "Uncaught (in promise) ");
        if (reported === 1) runtime.uncaughtReported(); // a program ends here; else, once is enough
      }
    }
    if (reported > REPORTED_PER_ROUND) {
      const more = reported - REPORTED_PER_ROUND;
      runtime.reportError(`... and ${more} more unhandled rejection${more === 1 ? "" : "s"} (not shown)`, "");
    }
  }

  Object.defineProperty(globalThis, "__runtime_rejection", {
    value: track, writable: false, enumerable: false, configurable: true,
  });
  defineEventHandler(globalThis, "unhandledrejection");
  defineEventHandler(globalThis, "rejectionhandled");
  defineGlobal("PromiseRejectionEvent", PromiseRejectionEvent);
})();
