// MessageChannel, MessagePort, MessageEvent and BroadcastChannel, within
// one instance (there are no workers): postMessage structured-clones (with
// its transfer list) and the message arrives as a task of its own, one per
// host turn like setImmediate (22-immediate.js), so microtasks run between
// messages as in node. As in node, adding a 'message' listener or setting
// onmessage starts a port; close() closes both ends and fires 'close' on
// each. A port in a transfer list moves to a new MessagePort object (its
// peer, queue and handler-less state), and the old one is left detached.
  const messagingMod = lazy(makeMessaging);
  // structuredClone's view of MessagePorts; set once the API is built
  // (until then no port exists).
  const portHooks = { is: () => false, prepare: undefined, commit: undefined };

  function makeMessaging() {
    const { Event, EventTarget } = eventsMod();
    const clone = (v, transfer) => makeStructuredClone()(v, transfer === undefined ? undefined : { transfer });
    const task = (fn) => setImmediate_(fn);

    class MessageEvent extends Event {
      #data; #origin; #lastEventId; #source; #ports;
      constructor(type, options = undefined) {
        super(type, options);
        const o = options || {};
        this.#data = o.data === undefined ? null : o.data;
        this.#origin = o.origin === undefined ? '' : `${o.origin}`;
        this.#lastEventId = o.lastEventId === undefined ? '' : `${o.lastEventId}`;
        this.#source = o.source === undefined ? null : o.source;
        if (o.ports !== undefined && (o.ports === null || typeof o.ports[Symbol.iterator] !== 'function')) {
          throw new TypeError('ports is not iterable');
        }
        this.#ports = o.ports === undefined ? [] : Array.from(o.ports);
      }
      get data() { return this.#data; }
      get origin() { return this.#origin; }
      get lastEventId() { return this.#lastEventId; }
      get source() { return this.#source; }
      get ports() { return this.#ports; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'MessageEvent', configurable: true });
      }
    }

    // onmessage-style handler attributes over the EventTarget's listeners.
    function handlerAttribute(C, type, onSet) {
      const handlers = new WeakMap(); // target -> { fn, listener }
      Object.defineProperty(C.prototype, 'on' + type, {
        configurable: true,
        enumerable: true,
        get() { const h = handlers.get(this); return h === undefined ? null : h.fn; },
        set(fn) {
          const h = handlers.get(this);
          if (h !== undefined) {
            EventTarget.prototype.removeEventListener.call(this, type, h.listener);
            handlers.delete(this);
          }
          if (typeof fn === 'function') {
            const listener = (e) => fn.call(this, e);
            handlers.set(this, { fn, listener });
            EventTarget.prototype.addEventListener.call(this, type, listener);
          }
          if (onSet) onSet(this);
        },
      });
    }

    const ports = new WeakMap(); // MessagePort -> { other, queue, started, closed, scheduled, detached }
    portHooks.is = (v) => ports.has(v);
    portHooks.prepare = (p) => {
      if (ports.get(p).detached) throw domException('MessagePort in transfer list is already detached', 'DataCloneError');
      return new MessagePort(internalKey);
    };
    // commit: the clone succeeded; the new port takes the old one's place.
    portHooks.commit = (old, successor) => {
      const s = ports.get(old), n = ports.get(successor);
      n.other = s.other;
      n.queue = s.queue;
      n.closed = s.closed;
      if (s.other !== null) ports.get(s.other).other = successor;
      Object.assign(s, { other: null, queue: [], closed: true, detached: true });
    };
    function portState(p) {
      const s = ports.get(p);
      if (s === undefined) throw new TypeError('Illegal invocation');
      return s;
    }
    function deliver(port) {
      const s = ports.get(port);
      s.scheduled = false;
      if (s.closed || !s.started || s.queue.length === 0) return;
      const m = s.queue.shift();
      if (s.queue.length > 0) schedule(port, s);
      port.dispatchEvent(new MessageEvent('message', { data: m.data, ports: m.ports }));
    }
    function schedule(port, s) {
      if (!s.scheduled && s.started && !s.closed && s.queue.length > 0) {
        s.scheduled = true;
        task(() => deliver(port));
      }
    }
    function transferOf(arg) {
      if (arg == null) return undefined;
      if (typeof arg === 'object' && !Array.isArray(arg) && typeof arg[Symbol.iterator] !== 'function') return arg.transfer;
      return arg;
    }

    class MessagePort extends EventTarget {
      constructor(key) {
        if (key !== internalKey) throw nodeError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
        super();
        ports.set(this, { other: null, queue: [], started: false, closed: false, scheduled: false, detached: false });
      }
      postMessage(message, transfer) { // (message, transfer or { transfer }), node's length of 0
        const s = portState(this);
        if (arguments.length === 0) throw missingArgs('Not enough arguments to MessagePort.postMessage');
        if (s.closed || s.other === null) return undefined;
        let list = transferOf(transfer);
        if (list != null && typeof list === 'object' && typeof list[Symbol.iterator] === 'function') {
          list = Array.from(list);
          if (list.includes(this)) throw domException('Transfer list contains source port', 'DataCloneError');
        }
        const moved = Array.isArray(list) ? list.filter((t) => ports.has(t)) : [];
        const c = clone({ data: message, ports: moved }, list);
        const o = ports.get(s.other);
        o.queue.push(c);
        schedule(s.other, o);
        return true;
      }
      start() {
        const s = portState(this);
        s.started = true;
        schedule(this, s);
      }
      close() {
        const s = portState(this);
        if (s.closed) return;
        for (const p of s.other === null ? [this] : [this, s.other]) {
          const ps = ports.get(p);
          ps.closed = true;
          ps.queue.length = 0;
          task(() => p.dispatchEvent(new Event('close')));
        }
      }
      addEventListener(type, listener, options) {
        super.addEventListener(...arguments);
        if (`${type}` === 'message' && listener != null) this.start();
      }
    }
    Object.defineProperty(MessagePort.prototype.postMessage, 'length', { value: 0 });
    handlerAttribute(MessagePort, 'message', (p) => p.start());
    handlerAttribute(MessagePort, 'messageerror');

    class MessageChannel {
      #port1; #port2;
      constructor() {
        const a = new MessagePort(internalKey), b = new MessagePort(internalKey);
        ports.get(a).other = b;
        ports.get(b).other = a;
        this.#port1 = a;
        this.#port2 = b;
      }
      get port1() { return this.#port1; }
      get port2() { return this.#port2; }
    }

    const channels = new Map(); // name -> Set of open BroadcastChannels
    const bcState = new WeakMap(); // BroadcastChannel -> { name, closed }
    function bc(b) {
      const s = bcState.get(b);
      if (s === undefined) throw new TypeError('Illegal invocation');
      return s;
    }
    class BroadcastChannel extends EventTarget {
      constructor(name) {
        if (arguments.length === 0) throw missingArgs('The "name" argument must be specified');
        super();
        name = `${name}`;
        bcState.set(this, { name, closed: false });
        let set = channels.get(name);
        if (set === undefined) channels.set(name, (set = new Set()));
        set.add(this);
      }
      get name() { return bc(this).name; }
      postMessage(message) {
        const s = bc(this);
        if (arguments.length === 0) throw missingArgs('The "message" argument must be specified');
        if (s.closed) throw domException('BroadcastChannel is closed.', 'InvalidStateError');
        const targets = [...channels.get(s.name)].filter((c) => c !== this);
        const copies = targets.map(() => clone(message));
        targets.forEach((c, i) => task(() => {
          if (!bc(c).closed) c.dispatchEvent(new MessageEvent('message', { data: copies[i] }));
        }));
      }
      close() {
        const s = bc(this);
        if (s.closed) return;
        s.closed = true;
        const set = channels.get(s.name);
        set.delete(this);
        if (set.size === 0) channels.delete(s.name);
      }
    }
    handlerAttribute(BroadcastChannel, 'message');
    handlerAttribute(BroadcastChannel, 'messageerror');

    return { MessageChannel, MessagePort, MessageEvent, BroadcastChannel };
  }
