// structuredClone: supported types, identity, cycles and errors.
const c = (v, opts) => structuredClone(v, opts);
const show = (label, v) => console.log(label, v);
show('primitives', [c(1), c(-0), c('s'), c(null), c(undefined), c(true), c(10n), c(NaN)]);
const obj = { a: 1, nested: { b: [1, 2, { c: 3 }] }, date: new Date(0), re: /x+/gi, u: undefined };
const o2 = c(obj);
show('object', o2);
console.log('distinct', o2 !== obj, o2.nested !== obj.nested, o2.date !== obj.date, o2.date instanceof Date, o2.re instanceof RegExp, o2.re.lastIndex);
const re = /a/g;
re.lastIndex = 3;
console.log('regexp lastIndex reset', c(re).lastIndex, c(re).flags);
show('map', c(new Map([[1, { x: 1 }], ['k', [2]]])));
show('set', c(new Set([1, 'a', { y: 2 }])));
const buf = new Uint8Array([1, 2, 3, 4]).buffer;
show('arraybuffer', c(buf));
const views = { u8: new Uint8Array(buf, 1, 2), i16: new Int16Array(buf), dv: new DataView(buf, 2), f64: new Float64Array([1.5]) };
const v2 = c(views);
show('views', v2);
console.log('shared buffer', v2.u8.buffer === v2.i16.buffer, v2.u8.buffer === v2.dv.buffer, v2.u8.buffer !== buf, v2.u8.byteOffset, v2.dv.byteOffset);
show('boxed', c([new Number(1), new String('s'), new Boolean(false), Object(2n)]));
const sparse = [1, , 3];
sparse.extra = 'x';
const s2 = c(sparse);
console.log('sparse', s2, 1 in s2, s2.length);
const cyc = { name: 'root' };
cyc.self = cyc;
cyc.list = [cyc, { back: cyc }];
const cyc2 = c(cyc);
console.log('cycle', cyc2.self === cyc2, cyc2.list[0] === cyc2, cyc2.list[1].back === cyc2, cyc2 !== cyc);
const shared = { s: 1 };
const sh = c({ a: shared, b: shared, m: new Map([[shared, shared]]) });
console.log('shared refs', sh.a === sh.b, sh.m.get(sh.a) === sh.a, [...sh.m.keys()][0] === sh.a);
class Point { constructor() { this.x = 1; } get y() { return 2; } method() {} }
const p2 = c(new Point());
console.log('class instance', p2, p2 instanceof Point, Object.getPrototypeOf(p2) === Object.prototype);
const withGetter = { get g() { return 'got'; }, [Symbol('s')]: 1 };
Object.defineProperty(withGetter, 'hidden', { value: 1, enumerable: false });
console.log('getter/symbol/hidden', c(withGetter));
const nullProto = Object.assign(Object.create(null), { q: 1 });
console.log('null proto', c(nullProto), Object.getPrototypeOf(c(nullProto)) === Object.prototype);
for (const E of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]) {
  const e = c(new E('msg'));
  console.log('error', E.name, e instanceof E, e.name, e.message, Object.keys(e).length, typeof e.stack);
}
const custom = new Error('custom name');
custom.name = 'CustomError';
custom.extra = 1;
const ce = c(custom);
console.log('custom error', ce.name, ce.constructor === Error, ce.message, ce.extra);
const weird = new TypeError('x');
weird.name = 'RangeError';
console.log('renamed error', c(weird) instanceof RangeError);
for (const [label, v] of [
  ['function', function f() {}], ['arrow', () => 1], ['symbol', Symbol('sym')], ['nested fn', { f() {} }],
  ['promise', Promise.resolve()], ['weakmap', new WeakMap()], ['weakset', new WeakSet()],
]) {
  try {
    c(v);
    console.log(label, 'cloned?!');
  } catch (e) {
    console.log(label, e.name, e.code, e.message, e instanceof DOMException);
  }
}
try { structuredClone(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log('empty transfer', c({ a: 1 }, { transfer: [] }));
