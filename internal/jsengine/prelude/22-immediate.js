// setImmediate and clearImmediate. An immediate is a host timer of 0 ms in
// the timer table of 20-timers.js: the host fires expired timers in the
// order they were set and drains the microtasks after each, and one set
// while the host is firing is due only in the next round, so immediates run
// as node's check phase runs them (FIFO, microtasks between, nested ones
// next turn). setImmediate returns an Immediate object, as node's does.
  const kImmediateId = Symbol('immediateId');
  const immediateMod = lazy(makeImmediate);

  function makeImmediate() {
    class Immediate {
      constructor(key, id) {
        if (key !== internalKey) throw illegalConstructor();
        Object.defineProperty(this, kImmediateId, { value: id, writable: true });
        this._ref = true;
      }
      ref() { this._ref = true; return this; }
      unref() { this._ref = false; return this; }
      hasRef() { return this._ref; }
    }
    Object.defineProperty(Immediate.prototype, '_ref', { value: true, writable: true, enumerable: false });
    return Immediate;
  }

  // eslint-disable-next-line no-unused-vars
  const setImmediate_ = function setImmediate(callback, arg1, arg2, arg3) {
    checkFunction(callback, 'callback');
    if (timers.size >= MAX_TIMERS) throw new RangeError(`too many pending timers (limit ${MAX_TIMERS})`);
    if (H_TIMER_SET < 0) throw new Error('timers are not available in this host');
    const args = Array.prototype.slice.call(arguments, 1);
    const id = nextTimerId++;
    const imm = new (immediateMod())(internalKey, id);
    timers.set(id, { cb() { imm[kImmediateId] = 0; callback.apply(imm, args); }, args: [], delay: 0, repeat: false });
    hostCall(H_TIMER_SET, id + ',0');
    return imm;
  };
  const clearImmediate_ = function clearImmediate(immediate) {
    if (immediate === null || typeof immediate !== 'object' || !hasOwn(immediate, kImmediateId)) return;
    const id = immediate[kImmediateId];
    immediate[kImmediateId] = 0;
    if (id !== 0) clearTimer(id);
  };
  // util.promisify(setImmediate) as node's: a promise of the value, after
  // the immediate (node:util looks for this well-known symbol).
  const promisifiedImmediate = function setImmediate(value) {
    return new Promise((resolve) => setImmediate_(resolve, value));
  };
  Object.defineProperty(setImmediate_, Symbol.for('nodejs.util.promisify.custom'), {
    get() { return promisifiedImmediate; }, enumerable: true, configurable: false,
  });
