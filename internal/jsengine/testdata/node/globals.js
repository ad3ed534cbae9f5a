// Global bindings, crypto and performance (deterministic parts only).
const names = ['console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'setImmediate', 'clearImmediate',
  'structuredClone', 'atob', 'btoa', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'DOMException',
  'Event', 'EventTarget', 'CustomEvent', 'AbortController', 'AbortSignal', 'crypto', 'performance'];
for (const n of names) {
  const d = Object.getOwnPropertyDescriptor(globalThis, n);
  const v = globalThis[n];
  console.log(n, typeof v, d && d.configurable, d && d.enumerable, typeof v === 'function' ? v.name : '', typeof v === 'function' ? v.length : '');
}
console.log('__host' in globalThis, typeof window, typeof fetch === 'function' || typeof fetch === 'undefined');
console.log(Object.keys(globalThis).filter((k) => names.includes(k)).length);

// crypto
console.log(Object.prototype.toString.call(crypto), typeof crypto.getRandomValues, typeof crypto.randomUUID);
const uuids = Array.from({ length: 50 }, () => crypto.randomUUID());
console.log('uuid v4 format', uuids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)), new Set(uuids).size);
for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array]) {
  const arr = new T(8);
  const r = crypto.getRandomValues(arr);
  console.log('getRandomValues', T.name, r === arr, r.length);
}
const big = new Uint8Array(65536);
console.log('65536 bytes ok', crypto.getRandomValues(big) === big, big.some((b) => b !== 0));
const view = new Uint8Array(new ArrayBuffer(16), 4, 8);
crypto.getRandomValues(view);
console.log('offset view untouched outside', new Uint8Array(view.buffer, 0, 4).every((b) => b === 0), new Uint8Array(view.buffer, 12).every((b) => b === 0));
for (const bad of [new Float32Array(1), new Float64Array(1), new DataView(new ArrayBuffer(1)), new Uint8Array(65537), new Uint32Array(16385), [1, 2], null]) {
  try {
    crypto.getRandomValues(bad);
    console.log('accepted?!');
  } catch (e) {
    console.log(e.name, e.code, e.message, e instanceof DOMException);
  }
}

// performance
const t1 = performance.now();
let x = 0;
for (let i = 0; i < 1e5; i++) x += i;
const t2 = performance.now();
console.log(typeof t1, t1 >= 0, t2 >= t1, t1 < 60000, typeof performance.timeOrigin, performance.timeOrigin > 1.6e12, Math.abs(performance.timeOrigin + t2 - Date.now()) < 1000);
console.log(typeof performance.toJSON().timeOrigin);
