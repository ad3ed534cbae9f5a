// node:timers for CoreTS-Wasm modules: the engine's timer globals (ids are
// numbers, so there is no ref/unref). setImmediate is the global where the
// engine has one, else a zero-delay timeout.
'use strict';
const setImmediate_ = typeof globalThis.setImmediate === 'function' ? globalThis.setImmediate
  : (callback, ...args) => {
    if (typeof callback !== 'function') {
      throw globalThis[Symbol.for('corets.node')].argTypeError('callback', 'of type function', callback);
    }
    return setTimeout(callback, 0, ...args);
  };
const clearImmediate_ = typeof globalThis.clearImmediate === 'function' ? globalThis.clearImmediate : (id) => clearTimeout(id);

module.exports = {
  setTimeout: (...args) => globalThis.setTimeout(...args),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  setInterval: (...args) => globalThis.setInterval(...args),
  clearInterval: (id) => globalThis.clearInterval(id),
  setImmediate: setImmediate_,
  clearImmediate: clearImmediate_,
  get promises() { return require('node:timers/promises'); },
};
