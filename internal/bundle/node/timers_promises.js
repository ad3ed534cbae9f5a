// node:timers/promises for CoreTS-Wasm modules: setTimeout, setImmediate
// and setInterval (an async iterator) as promises, with node's argument
// checks and AbortSignal handling, over the engine's timers.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { nodeError, argTypeError } = I;
const timers = require('node:timers');

function abortError(signal) {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  e.cause = signal.reason;
  return e;
}
function checkOptions(options) {
  if (options === null || typeof options !== 'object') throw argTypeError('options', 'of type object', options);
  const { signal, ref } = options;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw argTypeError('options.signal', 'an instance of AbortSignal', signal);
  }
  if (ref !== undefined && typeof ref !== 'boolean') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options.ref" property must be of type boolean.' + I.describeReceived(ref));
  }
  return signal;
}

function delayed(schedule, clear, value, options) {
  let signal;
  try {
    signal = checkOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let onAbort;
    const id = schedule(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (signal) {
      onAbort = () => {
        clear(id);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function checkDelay(delay) {
  if (delay !== undefined && typeof delay !== 'number') throw argTypeError('delay', 'of type number', delay);
}

function setTimeout(delay, value, options = {}) {
  try {
    checkDelay(delay);
  } catch (e) {
    return Promise.reject(e);
  }
  return delayed((f) => timers.setTimeout(f, delay), timers.clearTimeout, value, options);
}
function setImmediate(value, options = {}) {
  return delayed((f) => timers.setImmediate(f), timers.clearImmediate, value, options);
}
async function* setInterval(delay, value, options = {}) {
  checkDelay(delay);
  const signal = checkOptions(options);
  if (signal && signal.aborted) throw abortError(signal);
  let pending = 0;
  let wake;
  let onAbort;
  const id = timers.setInterval(() => {
    pending++;
    if (wake) {
      wake();
      wake = undefined;
    }
  }, delay);
  try {
    if (signal) {
      onAbort = () => {
        if (wake) {
          wake();
          wake = undefined;
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
    for (;;) {
      if (signal && signal.aborted) throw abortError(signal);
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      if (signal && signal.aborted) throw abortError(signal);
      for (; pending > 0; pending--) yield value;
    }
  } finally {
    timers.clearInterval(id);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

const scheduler = {
  wait: (delay, options) => setTimeout(delay, undefined, options),
  yield: () => setImmediate(),
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
