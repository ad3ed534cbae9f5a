// Event, CustomEvent, EventTarget, AbortController and AbortSignal.
  const eventsMod = lazy(makeEvents);

  function makeEvents() {
    let eventState;
    class Event {
      #s;
      constructor(type, options = undefined) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        if (options != null && typeof options !== 'object') throw argTypeError('options', 'of type object', options);
        const o = options || {};
        this.#s = {
          type: `${type}`, bubbles: !!o.bubbles, cancelable: !!o.cancelable, composed: !!o.composed,
          defaultPrevented: false, timeStamp: sinceOrigin(), target: null, currentTarget: null,
          phase: 0, stop: false, stopImmediate: false, dispatching: false, trusted: false,
        };
      }
      get type() { return this.#s.type; }
      get target() { return this.#s.target; }
      get currentTarget() { return this.#s.currentTarget; }
      get srcElement() { return this.#s.target; }
      get eventPhase() { return this.#s.phase; }
      get bubbles() { return this.#s.bubbles; }
      get cancelable() { return this.#s.cancelable; }
      get composed() { return this.#s.composed; }
      get defaultPrevented() { return this.#s.cancelable && this.#s.defaultPrevented; }
      get returnValue() { return !this.defaultPrevented; }
      set returnValue(v) { if (!v) this.preventDefault(); }
      get cancelBubble() { return this.#s.stop; }
      set cancelBubble(v) { if (v) this.#s.stop = true; }
      get timeStamp() { return this.#s.timeStamp; }
      get isTrusted() { return this.#s.trusted; }
      // Like node 20, passive listeners may still prevent the default.
      preventDefault() { this.#s.defaultPrevented = true; }
      stopPropagation() { this.#s.stop = true; }
      stopImmediatePropagation() { this.#s.stop = this.#s.stopImmediate = true; }
      composedPath() { return this.#s.dispatching ? [this.#s.currentTarget] : []; }
      // node's: ignored while dispatching; the stop flags stay as they are
      initEvent(type, bubbles = false, cancelable = false) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        if (this.#s.dispatching) return;
        this.#s.type = `${type}`;
        this.#s.bubbles = !!bubbles;
        this.#s.cancelable = !!cancelable;
      }
      [customInspect](depth, options) {
        const name = this.constructor.name;
        if (depth < 0) return name;
        return `${name} ${inspect({
          type: this.#s.type, defaultPrevented: this.#s.defaultPrevented,
          cancelable: this.#s.cancelable, timeStamp: this.#s.timeStamp,
        }, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
      }
      static {
        eventState = (e) => e.#s;
        for (const [i, k] of ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].entries()) {
          Object.defineProperty(this, k, { value: i, enumerable: true });
        }
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
      }
    }
    const isEvent = (e) => { try { eventState(e); return true; } catch { return false; } };

    class CustomEvent extends Event {
      #detail;
      constructor(type, options = undefined) {
        if (arguments.length === 0) throw missingArgs('The "type" argument must be specified');
        super(type, options);
        this.#detail = options && options.detail !== undefined ? options.detail : null;
      }
      get detail() { return this.#detail; }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });
      }
    }

    // A listener's error must not stop the other listeners; it is reported
    // as reportError reports it (86-report-error.js).
    const reportError = (err) => { reportException(err); };

    let targetListeners;
    class EventTarget {
      #listeners = new Map(); // type -> [{ callback, capture, once, removed }]
      static { targetListeners = (t) => t.#listeners; }
      addEventListener(type, callback, options = undefined) {
        if (arguments.length < 2) throw missingArgs('The "type" and "listener" arguments must be specified');
        let capture = false, once = false, signal;
        if (typeof options === 'boolean') capture = options;
        else if (options != null) {
          capture = !!options.capture;
          once = !!options.once;
          signal = options.signal;
        }
        if (callback == null) return;
        if (signal !== undefined && signal.aborted) return;
        type = `${type}`;
        let list = this.#listeners.get(type);
        if (list === undefined) this.#listeners.set(type, (list = []));
        if (list.some((l) => l.callback === callback && l.capture === capture)) return;
        list.push({ callback, capture, once, removed: false });
        if (signal !== undefined) {
          signal.addEventListener('abort', () => this.removeEventListener(type, callback, capture), { once: true });
        }
      }
      removeEventListener(type, callback, options = undefined) {
        if (arguments.length < 2) throw missingArgs('The "type" and "listener" arguments must be specified');
        const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
        const list = this.#listeners.get(`${type}`);
        if (list === undefined) return;
        const i = list.findIndex((l) => l.callback === callback && l.capture === capture);
        if (i >= 0) {
          list[i].removed = true;
          list.splice(i, 1);
        }
      }
      dispatchEvent(event) {
        if (!isEvent(event)) throw argTypeError('event', 'an instance of Event', event);
        const s = eventState(event);
        if (s.dispatching) throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${s.type}" is already being dispatched`);
        s.dispatching = true;
        s.target = s.currentTarget = this;
        s.phase = 2;
        const list = this.#listeners.get(s.type);
        if (list !== undefined) {
          for (const l of list.slice()) {
            if (l.removed) continue;
            if (s.stopImmediate) break;
            if (l.once) this.removeEventListener(s.type, l.callback, l.capture);
            try {
              const cb = l.callback;
              if (typeof cb === 'function') cb.call(this, event);
              else if (cb && typeof cb.handleEvent === 'function') cb.handleEvent(event);
            } catch (err) {
              reportError(err);
            }
          }
        }
        s.phase = 0;
        s.currentTarget = null;
        s.dispatching = false; // like node, the stop flags stay set
        return !event.defaultPrevented;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });
      }
    }

    // AbortController, AbortSignal
    let signalAbort;
    class AbortSignal extends EventTarget {
      #aborted = false;
      #reason = undefined;
      #onabort = null;
      #handlerAdded = false;
      constructor() {
        if (arguments[0] !== internalKey) throw illegalConstructor();
        super();
      }
      get aborted() { return this.#aborted; }
      get reason() { return this.#reason; }
      throwIfAborted() { if (this.#aborted) throw this.#reason; }
      get onabort() { return this.#onabort; }
      set onabort(fn) {
        this.#onabort = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
        // An event handler attribute is one listener, added when first set.
        if (this.#onabort !== null && !this.#handlerAdded) {
          this.#handlerAdded = true;
          this.addEventListener('abort', (e) => {
            const h = this.#onabort;
            if (typeof h === 'function') h.call(this, e);
          });
        }
      }
      [customInspect](depth, options) {
        return `AbortSignal ${inspect({ aborted: this.#aborted }, options)}`;
      }
      static abort(reason = domException('This operation was aborted', 'AbortError')) {
        const s = new AbortSignal(internalKey);
        s.#aborted = true;
        s.#reason = reason;
        return s;
      }
      static timeout(delay) {
        if (typeof delay !== 'number') throw argTypeError('delay', 'of type number', delay);
        if (!Number.isInteger(delay) || delay < 0 || delay > 4294967295) {
          throw nodeError(RangeError, 'ERR_OUT_OF_RANGE',
            `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${formatNumber(delay)}`);
        }
        const s = new AbortSignal(internalKey);
        addTimer(() => signalAbort(s, domException('The operation was aborted due to timeout', 'TimeoutError')),
          Math.min(delay, 2147483647), [], false);
        return s;
      }
      static any(signals) {
        if (!Array.isArray(signals)) throw argTypeError('signals', 'an instance of Array', signals);
        signals.forEach((sig, i) => {
          if (!(sig instanceof AbortSignal)) throw argTypeError(`signals[${i}]`, 'an instance of AbortSignal', sig);
        });
        const result = new AbortSignal(internalKey);
        for (const sig of signals) {
          if (sig.#aborted) {
            result.#aborted = true;
            result.#reason = sig.#reason;
            return result;
          }
        }
        for (const sig of signals) {
          sig.addEventListener('abort', () => signalAbort(result, sig.#reason), { once: true });
        }
        return result;
      }
      static {
        signalAbort = (s, reason) => {
          if (s.#aborted) return;
          s.#aborted = true;
          s.#reason = reason;
          const e = new Event('abort');
          eventState(e).trusted = true;
          s.dispatchEvent(e);
        };
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });
      }
    }
    class AbortController {
      #signal = new AbortSignal(internalKey);
      get signal() { return this.#signal; }
      abort(reason = domException('This operation was aborted', 'AbortError')) {
        signalAbort(this.#signal, reason);
      }
      [customInspect](depth, options) {
        return `AbortController ${inspect({ signal: this.#signal }, options)}`;
      }
      static {
        Object.defineProperty(this.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });
      }
    }

    return { Event, CustomEvent, EventTarget, AbortSignal, AbortController };
  }
