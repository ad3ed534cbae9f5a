// The shared scope of the prelude: the web APIs every CoreTS-Wasm plugin can
// rely on.
//
// The files of this directory are joined in name order into the body of one
// function, (function (host) { ...files... })(globalThis.__host), which the
// engine evaluates once, as a classic script, before any plugin code (see
// prelude.go). So every top-level declaration of a file is visible to the
// files after it and to none of the plugin's code: this is how the parts share
// private helpers without leaking globals. The engine provides
// globalThis.__host; this file removes it, and the last file completes with
// the timer dispatcher, which the engine calls as dispatch(0, timerId) when a
// host timer expires.
//
// Behaviour follows Node.js 20 wherever plugin authors could observe it
// (console formatting, error messages and codes), because plugins are
// usually tested under node; testdata/node holds the comparison corpus.
// Known differences, kept on purpose:
//  - setTimeout/setInterval return numbers, not Timeout objects (no
//    ref/unref: AbortSignal.timeout's timer is an ordinary pending timer).
//  - Promise state cannot be read from JS, so console.log prints
//    `Promise { <unknown> }`; iterators print as plain objects.
//  - TextDecoder follows the Encoding standard's tables where node 20's
//    ICU differs (windows-1252 0x80-0x9F, which node decodes as latin1, and
//    a few bytes of koi8-u, ibm866, windows-874/1253/1255), and ISO-2022-JP
//    carries only its last escape sequence across streamed chunks
//    (36-text-legacy.js); IDNA is NFKC + lowercase + punycode with a few
//    UTS #46 rules, not the full tables.
//  - self and navigator exist (node 20 has neither); reportError and
//    ErrorEvent too; MessagePorts and BroadcastChannels reach only the same
//    instance.
//  - exceptions in queueMicrotask callbacks and event listeners are reported
//    as reportError reports them ("Uncaught ..."); node ends the process.
//
// Load cost matters (this runs at every instance start): the top level
// only defines small functions and the globals (99-globals.js); each API is
// built by its make* function on first use.
  'use strict';
  delete globalThis.__host;

  const hostCall = host.call;
  const hostNow = host.now;
  const hostRandomFill = host.randomFill;
  // Each instance's time origin, taken the first time it is needed: this
  // code runs once per engine, and its result (the engine's image) may come
  // from a start-up snapshot another process made, whose clocks mean
  // nothing here.
  let startNow, timeOrigin;
  function sinceOrigin() {
    if (startNow === undefined) {
      startNow = hostNow();
      timeOrigin = Date.now();
    }
    return hostNow() - startNow;
  }
  function originTime() {
    sinceOrigin();
    return timeOrigin;
  }

  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const ObjectProto = Object.prototype;
  const hasOwn = (o, k) => ObjectProto.hasOwnProperty.call(o, k);
  const FAIL = Symbol('failure');

  // Errors carrying node's `code`, with node's exact messages.
  function nodeError(Ctor, code, message) {
    const e = new Ctor(message);
    Object.defineProperty(e, 'code', { value: code, writable: true, configurable: true, enumerable: true });
    return e;
  }
  function describeReceived(v) {
    if (v == null) return ' Received ' + v;
    if (typeof v === 'function' && v.name) return ` Received function ${v.name}`;
    if (typeof v === 'object') {
      if (v.constructor && v.constructor.name) return ` Received an instance of ${v.constructor.name}`;
      return ` Received ${inspect(v, { depth: -1 })}`;
    }
    let s = inspect(v, { colors: false });
    if (s.length > 28) s = s.slice(0, 25) + '...';
    return ` Received type ${typeof v} (${s})`;
  }
  const argTypeError = (name, what, v) =>
    nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${what}.${describeReceived(v)}`);
  const missingArgs = (msg) => nodeError(TypeError, 'ERR_MISSING_ARGS', msg);
  const illegalConstructor = () => nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
  function checkFunction(cb, name) {
    if (typeof cb !== 'function') throw argTypeError(name, 'of type function', cb);
  }

  // Brand checks through built-in getters (exact, unlike instanceof).
  let brandGetters;
  function brands() {
    if (brandGetters === undefined) {
      const get = (o, k) => Object.getOwnPropertyDescriptor(o, k).get;
      brandGetters = {
        ta: get(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag),
        map: get(Map.prototype, 'size'),
        set: get(Set.prototype, 'size'),
        ab: get(ArrayBuffer.prototype, 'byteLength'),
      };
    }
    return brandGetters;
  }
  function brand(fn, v) {
    try { fn.call(v); return true; } catch { return false; }
  }
  const typedArrayTag = (v) => brands().ta.call(v); // the class name, or undefined
  const isTypedArray = (v) => typedArrayTag(v) !== undefined;
  const isMap = (v) => brand(brands().map, v);
  const isSet = (v) => brand(brands().set, v);
  const isArrayBuffer = (v) => brand(brands().ab, v);
  const isDate = (v) => brand(Date.prototype.getTime, v);
  const isError = (v) => v instanceof Error || ObjectProto.toString.call(v) === '[object Error]';
  const formatNumber = (n) => (Object.is(n, -0) ? '-0' : `${n}`);
  function getBoxed(value) { // [type, primitive] of a boxed primitive, else null
    const probes = [[Number, 'Number'], [String, 'String'], [Boolean, 'Boolean'], [BigInt, 'BigInt'], [Symbol, 'Symbol']];
    for (const [C, type] of probes) {
      try { return [type, C.prototype.valueOf.call(value)]; } catch {}
    }
    return null;
  }

  function toWellFormed(s) {
    return typeof s.toWellFormed === 'function' ? s.toWellFormed()
      : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  // Each API is built by its make* function on first use: a part declares
  // its handle (const urlMod = lazy(makeURL)), so loading the prelude only
  // creates these stubs. The globals are accessors that turn into plain data
  // properties when first read or written (99-globals.js).
  const lazy = (make) => {
    let v;
    return () => (v === undefined ? (v = make()) : v);
  };
  const internalKey = Symbol('internal'); // unlocks constructors that node calls illegal
