// node:events for CoreTS-Wasm modules: EventEmitter with node 20's
// ordering, 'newListener'/'removeListener', error semantics and leak
// warnings (printed with console.error, where node writes to stderr), and
// events.once/on over EventEmitters and EventTargets.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { nodeError, argTypeError } = I;

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const errorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
let defaultMaxListeners = 10;

function checkListener(listener) {
  if (typeof listener !== 'function') throw argTypeError('listener', 'of type function', listener);
}
function checkMax(n, name) {
  if (typeof n !== 'number') throw argTypeError(name, 'of type number', n);
  if (!(n >= 0)) {
    throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0. Received ${I.inspect(n)}`);
  }
}

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}
// esbuild may rename the function where a bundle has another EventEmitter
Object.defineProperty(EventEmitter, 'name', { value: 'EventEmitter' });
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() { return defaultMaxListeners; },
  set(n) {
    checkMax(n, 'defaultMaxListeners');
    defaultMaxListeners = n;
  },
});
EventEmitter.errorMonitor = errorMonitor;
Object.defineProperty(EventEmitter, 'captureRejectionSymbol', { value: kRejection, enumerable: true });
let captureRejections = false;
Object.defineProperty(EventEmitter, 'captureRejections', {
  enumerable: true,
  get() { return captureRejections; },
  set(v) {
    if (typeof v !== 'boolean') throw argTypeError('EventEmitter.captureRejections', 'of type boolean', v);
    captureRejections = v;
    EventEmitter.prototype[kCapture] = v;
  },
});

EventEmitter.init = function (opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts && opts.captureRejections) {
    if (typeof opts.captureRejections !== 'boolean') {
      throw argTypeError('options.captureRejections', 'of type boolean', opts.captureRejections);
    }
    this[kCapture] = true;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};
Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  checkMax(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};
function maxOf(that) {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}
EventEmitter.prototype.getMaxListeners = function getMaxListeners() { return maxOf(this); };

function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err) => {
        queueMicrotask(() => {
          if (typeof that[kRejection] === 'function') that[kRejection](err, type, ...args);
          else {
            const prev = that[kCapture];
            try {
              that[kCapture] = false;
              that.emit('error', err);
            } finally {
              that[kCapture] = prev;
            }
          }
        });
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  let doError = type === 'error';
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) return false;

  if (doError) {
    const er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) throw er;
    let stringifiedEr;
    try {
      stringifiedEr = I.inspect(er);
    } catch {
      stringifiedEr = er;
    }
    const err = nodeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${stringifiedEr})`);
    err.context = er;
    throw err;
  }
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null) addCatch(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null) addCatch(this, result, type, args);
    }
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) existing.unshift(listener);
    else existing.push(listener);
    const m = maxOf(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const name = target.constructor && target.constructor.name || 'EventEmitter';
      const w = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
        `added to ${I.inspect(target, { depth: -1 })}. Use emitter.setMaxListeners() to increase limit`);
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      void name;
      emitWarning(w);
    }
  }
  return target;
}

function emitWarning(w) {
  const p = globalThis.process;
  if (p && typeof p.emitWarning === 'function') p.emitWarning(w);
  else console.error(`(node) ${w.name}: ${w.message}`);
}

EventEmitter.prototype.addListener = function addListener_(type, listener) { return addListener(this, type, listener, false); };
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, arguments);
  }
}
function onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}
EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};
EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    if (--this._eventsCount === 0) this._events = { __proto__: null };
    else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = { __proto__: null };
      else delete events[type];
    }
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = { __proto__: null };
    this._eventsCount = 0;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') this.removeListener(type, listeners);
  else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((f) => f.listener || f) : l.slice();
}
EventEmitter.prototype.listeners = function listeners(type) { return listenersOf(this, type, true); };
EventEmitter.prototype.rawListeners = function rawListeners(type) { return listenersOf(this, type, false); };
function listenerCount(type, listener) {
  const events = this._events;
  if (events !== undefined) {
    const l = events[type];
    if (typeof l === 'function') return listener == null || listener === l || listener === l.listener ? 1 : 0;
    if (l !== undefined) {
      if (listener == null) return l.length;
      return l.filter((f) => f === listener || f.listener === listener).length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;
EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};
EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

// statics -------------------------------------------------------------------

function isEventTarget(t) {
  return t && typeof t.addEventListener === 'function' && typeof t.removeEventListener === 'function' && typeof t.on !== 'function';
}
function abortError(signal) {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) e.cause = signal.reason;
  return e;
}
function validateSignal(signal) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw argTypeError('options.signal', 'an instance of AbortSignal', signal);
  }
}

function once(emitter, name, options = {}) {
  const signal = options ? options.signal : undefined;
  validateSignal(signal);
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      if (signal) signal.removeEventListener('abort', abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', errorListener);
      if (signal) signal.removeEventListener('abort', abortListener);
      resolve(args);
    };
    const abortListener = () => {
      if (isEventTarget(emitter)) emitter.removeEventListener(name, resolver);
      else {
        emitter.removeListener(name, resolver);
        emitter.removeListener('error', errorListener);
      }
      reject(abortError(signal));
    };
    if (isEventTarget(emitter)) {
      emitter.addEventListener(name, resolver, { once: true });
    } else if (typeof emitter.once === 'function') {
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
    } else {
      throw argTypeError('emitter', 'an instance of EventEmitter or EventTarget', emitter);
    }
    if (signal) signal.addEventListener('abort', abortListener, { once: true });
  });
}

function on(emitter, event, options = {}) {
  const signal = options ? options.signal : undefined;
  validateSignal(signal);
  if (signal && signal.aborted) throw abortError(signal);
  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let error = null;
  let finished = false;
  const eventHandler = (...args) => {
    const p = unconsumedPromises.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumedEvents.push(args);
  };
  const errorHandler = (err) => {
    finished = true;
    const p = unconsumedPromises.shift();
    if (p) p.reject(err);
    else error = err;
    iterator.return();
  };
  const abortListener = () => errorHandler(abortError(signal));
  const cleanup = () => {
    if (isEventTarget(emitter)) emitter.removeEventListener(event, eventHandler);
    else {
      emitter.removeListener(event, eventHandler);
      emitter.removeListener('error', errorHandler);
    }
    if (signal) signal.removeEventListener('abort', abortListener);
  };
  const iterator = Object.setPrototypeOf({
    next() {
      const value = unconsumedEvents.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => unconsumedPromises.push({ resolve, reject }));
    },
    return() {
      cleanup();
      finished = true;
      for (const p of unconsumedPromises) p.resolve({ value: undefined, done: true });
      unconsumedPromises.length = 0;
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      if (!(err instanceof Error)) throw argTypeError('EventEmitter.AsyncIterator', 'an instance of Error', err);
      error = err;
      cleanup();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() { return this; },
  }, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));
  if (isEventTarget(emitter)) emitter.addEventListener(event, eventHandler);
  else {
    emitter.on(event, eventHandler);
    if (event !== 'error') emitter.on('error', errorHandler);
  }
  if (signal) signal.addEventListener('abort', abortListener, { once: true });
  return iterator;
}

function getEventListeners(target, type) {
  if (typeof target.listeners === 'function') return target.listeners(type);
  throw argTypeError('emitter', 'an instance of EventEmitter or EventTarget', target);
}
function setMaxListeners(n = defaultMaxListeners, ...targets) {
  checkMax(n, 'setMaxListeners');
  if (targets.length === 0) defaultMaxListeners = n;
  else for (const t of targets) {
    if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
  }
}
function getMaxListeners(target) {
  if (typeof target.getMaxListeners === 'function') return target.getMaxListeners();
  return defaultMaxListeners;
}

EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.usingDomains = false;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.EventEmitterAsyncResource = undefined;
delete EventEmitter.EventEmitterAsyncResource;

module.exports = EventEmitter;
