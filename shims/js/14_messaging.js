// MessageChannel, MessagePort and MessageEvent: the HTML Standard's channel messaging,
// within one context (there are no workers); and BroadcastChannel, whose channels of one
// name in this context receive each other's messages. postMessage structured-clones the message at
// once (transferring ArrayBuffers and ports) and queues it on the entangled port; each
// queued message is delivered as its own task (a 0 ms timer), in order, once that port's
// message queue is enabled by start() or by setting onmessage.
//
// An open port is not pending work: only messages on their way are. A context whose ports
// are all idle is idle (ctx.wait and `runtime run` end), since nothing outside the context
// can post to it.
(function () {
  "use strict";
  const runtime = globalThis.__runtime;
  const { defineGlobal, interfaceMembers, requireArgs, dictionary, isObject, toUSV } = runtime.webidl;
  const { defineEventHandler, fireEvent } = runtime.events;
  const { withTransfer, transferList, addTransferable } = runtime.clone;
  const task = runtime.task;
  const Event = globalThis.Event;
  const EventTarget = globalThis.EventTarget;
  const DOMException = globalThis.DOMException;
  const freeze = Object.freeze;
  const ILLEGAL = Symbol("illegal constructor");

  // ---------------------------------------------------------------- MessageEvent
  let setMessage; // (event, data, ports, origin): fill a MessageEvent the runtime fires
  class MessageEvent extends Event {
    #data = null;
    #origin = "";
    #lastEventId = "";
    #source = null;
    #ports = freeze([]);
    constructor(type, eventInitDict = undefined) {
      const where = "Failed to construct 'MessageEvent'";
      requireArgs(arguments.length, 1, where);
      const init = dictionary(eventInitDict, where);
      super(type, init);
      // MessageEventInit's own members, in Web IDL (lexicographic) order
      if (init.data !== undefined) this.#data = init.data;
      if (init.lastEventId !== undefined) this.#lastEventId = String(init.lastEventId);
      if (init.origin !== undefined) this.#origin = toUSV(init.origin);
      if (init.ports !== undefined) this.#ports = freeze(portSequence(init.ports, where));
      if (init.source !== undefined) this.#source = eventSource(init.source, where);
    }
    get data() { return this.#data; }
    get origin() { return this.#origin; }
    get lastEventId() { return this.#lastEventId; }
    get source() { return this.#source; }
    get ports() { return this.#ports; }
    initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = "", lastEventId = "", source = null, ports = []) {
      const where = "Failed to execute 'initMessageEvent' on 'MessageEvent'";
      requireArgs(arguments.length, 1, where);
      void this.#data; // brand check
      origin = toUSV(origin);
      lastEventId = String(lastEventId);
      source = eventSource(source, where);
      ports = portSequence(ports, where);
      if (this.eventPhase !== Event.NONE) return; // being dispatched
      this.initEvent(type, bubbles, cancelable);
      this.#data = data;
      this.#origin = origin;
      this.#lastEventId = lastEventId;
      this.#source = source;
      this.#ports = freeze(ports);
    }
    static {
      setMessage = (event, data, ports, origin = "") => {
        event.#data = data;
        event.#ports = freeze(ports);
        event.#origin = origin;
      };
    }
  }
  interfaceMembers(MessageEvent.prototype, "MessageEvent");
  // A MessageEventSource here can only be a MessagePort (there are no windows or workers).
  function eventSource(value, where) {
    if (value === null || value === undefined) return null;
    if (!isPort(value)) throw new TypeError(`${where}: source is not of type MessageEventSource.`);
    return value;
  }
  function portSequence(value, where) {
    if (!isObject(value) || typeof value[Symbol.iterator] !== "function") {
      throw new TypeError(`${where}: ports cannot be converted to a sequence.`);
    }
    const out = [];
    for (const p of value) {
      if (!isPort(p)) throw new TypeError(`${where}: ports contains a value that is not of type MessagePort.`);
      out.push(p);
    }
    return out;
  }

  // ---------------------------------------------------------------- ports
  // A port's state lives in a record the port object points to; transferring a port moves
  // the record (its queue and its entanglement) to the port object the receiver gets.
  function record(owner) {
    return {
      owner, // the MessagePort this record belongs to
      peer: null, // the entangled port's record
      queue: [], // messages not yet delivered: [data, ports]
      enabled: false, // the port message queue
      tasks: 0, // delivery tasks scheduled and not yet run
      detached: false, // closed, or transferred away
    };
  }
  function entangle(a, b) {
    a.peer = b;
    b.peer = a;
  }
  // One task per queued message while the queue is enabled; a task delivers the oldest.
  function schedule(r) {
    while (r.tasks < r.queue.length) {
      r.tasks++;
      task(() => deliver(r));
    }
  }
  function deliver(r) {
    r.tasks--;
    if (!r.enabled || r.detached || r.queue.length === 0) return;
    const [data, ports] = r.queue.shift();
    const event = new MessageEvent("message");
    setMessage(event, data, ports);
    fireEvent(r.owner, event); // the runtime's own event: isTrusted
  }
  // Disentangle: the other port learns of it with a "close" event.
  function disentangle(r) {
    const other = r.peer;
    if (other === null) return;
    r.peer = null;
    other.peer = null;
    task(() => {
      if (!other.detached) fireEvent(other.owner, new Event("close"));
    });
  }

  let recordOf, isPort, newPort;
  class MessagePort extends EventTarget {
    #r;
    constructor(key = undefined) {
      if (key !== ILLEGAL) throw new TypeError("Illegal constructor");
      super();
      this.#r = record(this);
    }
    postMessage(message, options = undefined) {
      const where = "Failed to execute 'postMessage' on 'MessagePort'";
      const r = this.#r;
      requireArgs(arguments.length, 1, where);
      // postMessage(message, transfer) or postMessage(message, {transfer})
      let transfer;
      if (isObject(options) && typeof options[Symbol.iterator] === "function") {
        transfer = transferList(options, where);
      } else {
        const list = dictionary(options, where).transfer;
        transfer = list === undefined ? [] : transferList(list, where);
      }
      const target = r.peer;
      const self = transfer.indexOf(this);
      if (self >= 0) throw new DOMException(`${where}: Port at index ${self} contains the source port.`, "DataCloneError");
      // Transferring the target port itself dooms the message (the transfer still happens).
      const doomed = target !== null && transfer.includes(target.owner);
      const [data, received] = withTransfer(message, transfer);
      if (target === null || doomed || target.detached) return;
      target.queue.push([data, received.filter((v) => isPort(v))]);
      if (target.enabled) schedule(target);
    }
    start() {
      const r = this.#r;
      if (r.detached || r.enabled) return;
      r.enabled = true;
      schedule(r);
    }
    close() {
      const r = this.#r;
      r.detached = true;
      r.queue.length = 0;
      disentangle(r);
    }
    static {
      recordOf = (p) => p.#r;
      isPort = (v) => isObject(v) && #r in v;
      newPort = () => new MessagePort(ILLEGAL);
      // The transfer steps: the receiver takes the record over (its queue disabled, as
      // for any new port); the original is left detached and entangled with nothing.
      addTransferable({
        is: isPort,
        isDetached: (p) => p.#r.detached,
        receiver: newPort,
        transfer(p, receiver) {
          const r = p.#r;
          r.owner = receiver;
          r.enabled = false;
          receiver.#r = r;
          const left = record(p);
          left.detached = true;
          p.#r = left;
        },
      });
    }
  }
  interfaceMembers(MessagePort.prototype, "MessagePort");
  for (const type of ["message", "messageerror", "close"]) defineEventHandler(MessagePort.prototype, type);
  // The first set of onmessage enables the port message queue, as start() does.
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, "onmessage");
  Object.defineProperty(MessagePort.prototype, "onmessage", {
    get: onmessage.get,
    set: {
      onmessage(value) {
        const r = recordOf(this);
        onmessage.set.call(this, value);
        if (!r.detached && !r.enabled) {
          r.enabled = true;
          schedule(r);
        }
      },
    }.onmessage,
    enumerable: true,
    configurable: true,
  });

  // ---------------------------------------------------------------- MessageChannel
  class MessageChannel {
    #port1;
    #port2;
    constructor() {
      this.#port1 = newPort();
      this.#port2 = newPort();
      entangle(recordOf(this.#port1), recordOf(this.#port2));
    }
    get port1() { return this.#port1; }
    get port2() { return this.#port2; }
  }
  interfaceMembers(MessageChannel.prototype, "MessageChannel");

  // ---------------------------------------------------------------- BroadcastChannel
  // The open channels of each name, in creation order (the order messages reach them). An
  // open channel is held here until close(), as a page holds it; it is no pending work.
  // A context's origin is opaque: every channel shares it, and events carry its
  // serialization, "null".
  const channels = new Map(); // name -> [BroadcastChannel]
  class BroadcastChannel extends EventTarget {
    #name;
    #closed = false;
    constructor(name) {
      requireArgs(arguments.length, 1, "Failed to construct 'BroadcastChannel'");
      name = `${name}`;
      super();
      this.#name = name;
      let list = channels.get(name);
      if (list === undefined) channels.set(name, (list = []));
      list.push(this);
    }
    get name() { return this.#name; }
    postMessage(message) {
      const where = "Failed to execute 'postMessage' on 'BroadcastChannel'";
      void this.#closed; // brand check
      requireArgs(arguments.length, 1, where);
      if (this.#closed) throw new DOMException(`${where}: Channel is closed`, "InvalidStateError");
      const [serialized] = withTransfer(message, []);
      const list = channels.get(this.#name) || [];
      for (const destination of list) {
        if (destination !== this) task(() => destination.#receive(serialized));
      }
    }
    // One destination's task: a fresh copy of the message (StructuredDeserialize).
    #receive(serialized) {
      if (this.#closed) return;
      let data;
      try {
        [data] = withTransfer(serialized, []);
      } catch (_) {
        fireEvent(this, new MessageEvent("messageerror"));
        return;
      }
      const event = new MessageEvent("message");
      setMessage(event, data, [], "null");
      fireEvent(this, event); // the runtime's own event: isTrusted
    }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      const list = channels.get(this.#name);
      list.splice(list.indexOf(this), 1);
      if (list.length === 0) channels.delete(this.#name);
    }
  }
  interfaceMembers(BroadcastChannel.prototype, "BroadcastChannel");
  for (const type of ["message", "messageerror"]) defineEventHandler(BroadcastChannel.prototype, type);

  defineGlobal("MessageChannel", MessageChannel);
  defineGlobal("MessagePort", MessagePort);
  defineGlobal("MessageEvent", MessageEvent);
  defineGlobal("BroadcastChannel", BroadcastChannel);
})();
