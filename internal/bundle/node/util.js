// node:util for CoreTS-Wasm modules: format and inspect are console's own
// (the prelude's port of node's), promisify/callbackify, types,
// isDeepStrictEqual, deprecate, inherits and the rest of node 20's
// everyday surface. Warnings go to console.error, where node writes them to
// stderr. debuglog is always disabled: a module has no NODE_DEBUG.
'use strict';
const I = globalThis[Symbol.for('corets.node')];
const { nodeError, argTypeError } = I;
const types = require('node:util/types');
const { isDeepStrictEqual } = require('./comparisons');

function validateFunction(v, name) {
  if (typeof v !== 'function') throw argTypeError(name, 'of type function', v);
}

const inspectDefaults = {
  showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false,
  maxArrayLength: 100, maxStringLength: 10000, breakLength: 128, compact: 3, sorted: false, getters: false,
  numericSeparator: false,
};
function inspect(value, opts) {
  let o = opts;
  if (typeof opts !== 'object' || opts === null) {
    o = {};
    if (arguments.length >= 2 && typeof opts === 'boolean') o.showHidden = opts;
    if (arguments.length >= 3 && arguments[2] !== undefined) o.depth = arguments[2];
  }
  const merged = {};
  for (const k of Object.keys(inspectDefaults)) {
    if (k !== 'breakLength' && inspectDefaults[k] !== defaultSnapshot[k]) merged[k] = inspectDefaults[k];
  }
  return I.inspect(value, { ...merged, ...o });
}
const defaultSnapshot = { ...inspectDefaults };
inspect.custom = Symbol.for('nodejs.util.inspect.custom');
Object.defineProperty(inspect, 'defaultOptions', {
  get() { return inspectDefaults; },
  set(options) {
    if (options === null || typeof options !== 'object') throw argTypeError('options', 'of type object', options);
    Object.assign(inspectDefaults, options);
  },
});
inspect.colors = Object.assign(Object.create(null), {
  reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27],
  hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
  yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49],
  bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
  gray: [90, 39], grey: [90, 39],
});
inspect.styles = Object.assign(Object.create(null), {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
  string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
});

function format(...args) { return I.format(args); }
function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    throw argTypeError('inspectOptions', 'of type object', inspectOptions);
  }
  return I.format(args, inspectOptions);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const kCustomPromisifyArgs = Symbol('customPromisifyArgs');
function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[kCustomPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  const descriptors = Object.getOwnPropertyDescriptors(original);
  const propertiesValues = Object.values(descriptors);
  for (let i = 0; i < propertiesValues.length; i++) Object.setPrototypeOf(propertiesValues[i], null);
  return Object.defineProperties(fn, descriptors);
}
promisify.custom = kCustomPromisify;

function callbackifyOnRejected(reason, cb) {
  if (!reason) {
    const e = nodeError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
    e.reason = reason;
    reason = e;
  }
  return cb(reason);
}
function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    if (typeof maybeCb !== 'function') {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The last argument must be of type function.' + I.describeReceived(maybeCb));
    }
    const cb = maybeCb.bind(this);
    Reflect.apply(original, this, args).then(
      (ret) => nextTick(cb, null, ret),
      (rej) => nextTick(callbackifyOnRejected, rej, cb));
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  const propertiesValues = Object.values(descriptors);
  for (let i = 0; i < propertiesValues.length; i++) Object.setPrototypeOf(propertiesValues[i], null);
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}
function nextTick(fn, ...args) {
  const p = globalThis.process;
  if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

const warned = new Set();
function deprecate(fn, msg, code) {
  validateFunction(fn, 'fn');
  if (code !== undefined && typeof code !== 'string') throw argTypeError('code', 'of type string', code);
  let warnedHere = false;
  function deprecated(...args) {
    if (!warnedHere) {
      warnedHere = true;
      if (code === undefined || !warned.has(code)) {
        if (code !== undefined) warned.add(code);
        console.error(`(node) ${code !== undefined ? `[${code}] ` : ''}DeprecationWarning: ${msg}`);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw argTypeError('ctor', 'of type function', ctor);
  if (superCtor === undefined || superCtor === null) throw argTypeError('superCtor', 'of type function', superCtor);
  if (superCtor.prototype === undefined) throw argTypeError('superCtor.prototype', 'of type object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function debuglog(set, cb) {
  const logger = () => {};
  Object.defineProperty(logger, 'enabled', { get: () => false, configurable: true, enumerable: true });
  return logger;
}

function toUSVString(s) { return I.toWellFormed(`${s}`); }
const ansi = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
function stripVTControlCharacters(str) {
  if (typeof str !== 'string') throw argTypeError('str', 'of type string', str);
  return str.replace(ansi, '');
}
function getSystemErrorName(err) {
  throw nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The getSystemErrorName() method is not implemented');
}
function aborted(signal, resource) {
  if (signal === undefined || signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    return Promise.reject(argTypeError('signal', 'an instance of AbortSignal', signal));
  }
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
module.exports = {
  format,
  formatWithOptions,
  inspect,
  promisify,
  callbackify,
  deprecate,
  inherits,
  debuglog,
  debug: debuglog,
  isDeepStrictEqual,
  types,
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder,
  toUSVString,
  stripVTControlCharacters,
  getSystemErrorName,
  aborted,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => v instanceof Uint8Array && typeof v.constructor === 'function' && v.constructor.name === 'Buffer' && typeof v.readUInt8 === 'function',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v == null,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (v) => v instanceof Error || types.isNativeError(v),
  isFunction: (v) => typeof v === 'function',
  isPrimitive,
};
