// Atomics on (Shared)ArrayBuffer-backed integer typed arrays: every operation,
// conversions, wrap-around, argument order, and the errors (by constructor
// only: messages differ). Atomics.wait is left out where it would block or
// answer: node's main thread can block, the engine's cannot (by design; see
// atomics_test.go). Atomics.waitAsync is not in QuickJS: left out.
const err = (f) => {
  try {
    return 'ok ' + String(f());
  } catch (e) {
    return e.constructor.name;
  }
};
const show = (v) => (typeof v === 'bigint' ? v + 'n' : Object.is(v, -0) ? '-0' : String(v));

console.log(typeof Atomics, Object.prototype.toString.call(Atomics), typeof Atomics === 'function');
const names = ['add', 'and', 'compareExchange', 'exchange', 'isLockFree', 'load', 'notify', 'or', 'store', 'sub', 'wait', 'xor'];
console.log(Object.getOwnPropertyNames(Atomics).filter((n) => n !== 'waitAsync').sort().join());
for (const n of names) {
  const d = Object.getOwnPropertyDescriptor(Atomics, n);
  console.log(n, typeof d.value, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, err(() => new d.value()));
}
const g = Object.getOwnPropertyDescriptor(globalThis, 'Atomics');
console.log('global', g.writable, g.enumerable, g.configurable);
const tag = Object.getOwnPropertyDescriptor(Atomics, Symbol.toStringTag);
console.log('tag', tag.value, tag.writable, tag.enumerable, tag.configurable);

const ints = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array];
const bigs = [BigInt64Array, BigUint64Array];
for (const Buf of [SharedArrayBuffer, ArrayBuffer]) {
  for (const T of ints) {
    const ta = new T(new Buf(8 * T.BYTES_PER_ELEMENT));
    const r = [
      Atomics.store(ta, 0, 5), Atomics.add(ta, 0, 7), Atomics.sub(ta, 0, 2), Atomics.and(ta, 0, 6),
      Atomics.or(ta, 0, 9), Atomics.xor(ta, 0, 3), Atomics.exchange(ta, 0, 100),
      Atomics.compareExchange(ta, 0, 100, 42), Atomics.compareExchange(ta, 0, 1, 2), Atomics.load(ta, 0),
      // wrap-around at each width
      Atomics.store(ta, 1, -1), Atomics.load(ta, 1), Atomics.add(ta, 1, 1), Atomics.load(ta, 1),
      Atomics.store(ta, 2, 2 ** 31 + 5), Atomics.load(ta, 2), Atomics.sub(ta, 2, 2 ** 32), Atomics.load(ta, 2),
      Atomics.store(ta, 3, 127), Atomics.add(ta, 3, 1), Atomics.load(ta, 3), Atomics.sub(ta, 3, 300), Atomics.load(ta, 3),
      Atomics.exchange(ta, 4, 65537), Atomics.load(ta, 4),
      // compareExchange compares the converted expected value
      Atomics.store(ta, 5, 255), Atomics.compareExchange(ta, 5, -1, 7), Atomics.load(ta, 5),
      Atomics.compareExchange(ta, 5, 7 + 2 ** 32, 8), Atomics.load(ta, 5),
      err(() => Atomics.notify(ta, 0, 1)),
    ];
    console.log(Buf.name, T.name, r.map(show).join(' '), '|', Array.from(ta).join(' '));
  }
  for (const T of bigs) {
    const ta = new T(new Buf(64));
    const r = [
      Atomics.store(ta, 0, 5n), Atomics.add(ta, 0, 7n), Atomics.sub(ta, 0, 2n), Atomics.and(ta, 0, 6n),
      Atomics.or(ta, 0, 9n), Atomics.xor(ta, 0, 3n), Atomics.exchange(ta, 0, 100n),
      Atomics.compareExchange(ta, 0, 100n, 42n), Atomics.compareExchange(ta, 0, 1n, 2n), Atomics.load(ta, 0),
      Atomics.store(ta, 1, -1n), Atomics.load(ta, 1), Atomics.add(ta, 1, 1n), Atomics.load(ta, 1),
      Atomics.store(ta, 2, 2n ** 64n + 3n), Atomics.load(ta, 2), Atomics.sub(ta, 2, 4n), Atomics.load(ta, 2),
      Atomics.store(ta, 3, 2n ** 63n), Atomics.load(ta, 3), Atomics.compareExchange(ta, 3, -(2n ** 63n), 1n), Atomics.load(ta, 3),
      Atomics.store(ta, 4, true), Atomics.store(ta, 5, '12'), Atomics.load(ta, 5),
      err(() => Atomics.store(ta, 6, 1)), err(() => Atomics.add(ta, 6, 1)), err(() => Atomics.compareExchange(ta, 6, 0n, 1)),
      err(() => Atomics.store(ta, 6, '1.5')), err(() => Atomics.store(ta, 6, Symbol())), err(() => Atomics.store(ta, 6)),
      err(() => Atomics.notify(ta, 0)),
    ];
    console.log(Buf.name, T.name, r.map(show).join(' '), '|', Array.from(ta).map(show).join(' '));
  }
}

// conversions of the value (Atomics.store returns ToIntegerOrInfinity(v))
const i32 = new Int32Array(new SharedArrayBuffer(16));
for (const v of [3.7, -3.7, -0, NaN, Infinity, -Infinity, '42', '0x10', ' 7 ', 'x', true, null, undefined, [5], { valueOf: () => 9 }, 2 ** 53, -(2 ** 53)]) {
  console.log('store', typeof v, show(Atomics.store(i32, 0, v)), Atomics.load(i32, 0), show(Atomics.exchange(i32, 0, v)));
}
console.log('bigint to Int32Array', err(() => Atomics.store(i32, 0, 1n)), err(() => Atomics.add(i32, 0, 1n)), err(() => Atomics.store(i32, 0, Symbol())));

// indexes: ToIndex, then the bound
for (const i of [0, 3, 3.9, '2', ' 1 ', '0x1', NaN, undefined, null, true, -0, -0.5, -1, 4, 4.5, 2 ** 32, 2 ** 53, Infinity, -Infinity, 'x', {}, [2]]) {
  console.log('index', typeof i, show(i), err(() => Atomics.load(i32, i)), err(() => Atomics.store(i32, i, 1)), err(() => Atomics.notify(i32, i)));
}
console.log('index symbol', err(() => Atomics.load(i32, Symbol())), 'bigint', err(() => Atomics.load(i32, 1n)));

// what is not an integer typed array
const notInt = [new Float32Array(4), new Float64Array(4), new Uint8ClampedArray(4), new DataView(new ArrayBuffer(4)), [1, 2], { length: 1, 0: 1 }, null, undefined, 1, 'abc', new ArrayBuffer(4), new SharedArrayBuffer(4)];
for (const a of notInt) {
  const name = a === null ? 'null' : typeof a === 'object' ? a.constructor.name : typeof a;
  console.log('not integer', name, ['load', 'store', 'add', 'compareExchange', 'exchange', 'notify', 'wait'].map((op) => err(() => Atomics[op](a, 0, 0, 0))).join(' '));
}
// Float arrays on shared memory too
console.log('float shared', err(() => Atomics.add(new Float64Array(new SharedArrayBuffer(8)), 0, 1)), err(() => Atomics.load(new Float32Array(new SharedArrayBuffer(8)), 0)));

// order: the array, then the index, then the value(s)
const order = [];
const tracked = (name, v) => ({ valueOf() { order.push(name); return v; } });
Atomics.compareExchange(i32, tracked('index', 1), tracked('expected', 0), tracked('replacement', 5));
Atomics.store(i32, tracked('index', 2), tracked('value', 6));
console.log('order', order.join(), Array.from(i32).join());
order.length = 0;
console.log('bad index first', err(() => Atomics.store(i32, tracked('index', 99), tracked('value', 1))), order.join());
order.length = 0;
console.log('bad array first', err(() => Atomics.store(new Float64Array(1), tracked('index', 0), tracked('value', 1))), order.join());

// views with an offset touch only their own element
const sab = new SharedArrayBuffer(32);
const whole = new Uint8Array(sab);
const view = new Int16Array(sab, 6, 4);
Atomics.store(view, 1, -2);
Atomics.add(view, 3, 0x0102);
console.log('offset view', Array.from(whole).join(' '), err(() => Atomics.load(view, 4)));
const big = new BigInt64Array(sab, 8, 2);
Atomics.or(big, 1, 0x0102030405060708n);
console.log('offset bigint', Array.from(whole).join(' '));

// a shared buffer of 1 MiB, its last element
const mb = new Int32Array(new SharedArrayBuffer(1 << 20));
console.log('last', Atomics.store(mb, mb.length - 1, 77), Atomics.load(mb, (1 << 18) - 1), err(() => Atomics.load(mb, 1 << 18)));

// detached buffers: the array is checked before and after the conversions
const detach = (ab) => structuredClone(ab, { transfer: [ab] });
const ab = new ArrayBuffer(16);
const u32 = new Uint32Array(ab);
detach(ab);
console.log('detached', u32.length, ['load', 'store', 'add', 'compareExchange', 'exchange', 'notify'].map((op) => err(() => Atomics[op](u32, 0, 0, 0))).join(' '));
console.log('detached wait', err(() => Atomics.wait(new Int32Array(ab), 0, 0, 0)));
const ab2 = new ArrayBuffer(16);
const i16 = new Int16Array(ab2);
console.log('detached by the value', err(() => Atomics.store(i16, 0, { valueOf() { detach(ab2); return 1; } })), ab2.byteLength);
const ab3 = new ArrayBuffer(16);
console.log('detached by the index', err(() => Atomics.load(new Int8Array(ab3), { valueOf() { detach(ab3); return 0; } })));
const ab4 = new ArrayBuffer(16);
console.log('detached by compareExchange', err(() => Atomics.compareExchange(new Uint8Array(ab4), 0, 0, { valueOf() { detach(ab4); return 1; } })));
const ab5 = new ArrayBuffer(16);
console.log('detached by notify count', err(() => Atomics.notify(new Int32Array(ab5), 0, { valueOf() { detach(ab5); return 1; } })));

// notify: counts are clamped; no agent waits, so it always wakes 0
for (const c of [undefined, 0, 1, -1, -Infinity, Infinity, NaN, 2 ** 53, 1e308, '3', null, { valueOf: () => 2 }]) {
  console.log('notify count', typeof c, show(c), Atomics.notify(i32, 0, c), Atomics.notify(new BigInt64Array(new SharedArrayBuffer(8)), 0, c), Atomics.notify(new Int32Array(4), 0, c));
}
console.log('notify', err(() => Atomics.notify(i32, 0, 1n)), err(() => Atomics.notify(new Int16Array(new SharedArrayBuffer(8)), 0)), err(() => Atomics.notify(new Uint32Array(new SharedArrayBuffer(8)), 0)), err(() => Atomics.notify(new BigUint64Array(new SharedArrayBuffer(8)), 0)));

// wait's argument errors come before it could block or compare
const w32 = new Int32Array(new SharedArrayBuffer(16));
console.log('wait errors',
  err(() => Atomics.wait(new Int32Array(16), 0, 0, 0)),
  err(() => Atomics.wait(new Int16Array(new SharedArrayBuffer(16)), 0, 0, 0)),
  err(() => Atomics.wait(new Uint32Array(new SharedArrayBuffer(16)), 0, 0, 0)),
  err(() => Atomics.wait(new BigUint64Array(new SharedArrayBuffer(16)), 0, 0n, 0)),
  err(() => Atomics.wait(new Float64Array(new SharedArrayBuffer(16)), 0, 0, 0)),
  err(() => Atomics.wait(w32, 4, 0, 0)),
  err(() => Atomics.wait(w32, -1, 0, 0)),
  err(() => Atomics.wait(w32, 0, Symbol(), 0)),
  err(() => Atomics.wait(w32, 0, 0, Symbol())),
  err(() => Atomics.wait(new BigInt64Array(new SharedArrayBuffer(16)), 0, 0, 0)));

// isLockFree (4.5 is left out: node says false, the spec's ToIntegerOrInfinity gives 4, so true; atomics_test.go)
console.log('isLockFree', [0, 1, 2, 3, 4, 5, 8, 16, -4, '4', NaN, undefined].map((n) => Atomics.isLockFree(n)).join(' '), err(() => Atomics.isLockFree(Symbol())), err(() => Atomics.isLockFree(4n)));

// a loop of operations gives exact sums
const counter = new BigUint64Array(new SharedArrayBuffer(8));
const c32 = new Uint32Array(new SharedArrayBuffer(4));
for (let i = 0; i < 100000; i++) {
  Atomics.add(counter, 0, BigInt(i));
  Atomics.add(c32, 0, i);
}
console.log('sums', Atomics.load(counter, 0), Atomics.load(c32, 0));
