import util, { format, inspect, promisify, callbackify, types, isDeepStrictEqual, inherits, deprecate } from 'node:util';
import utilTypes from 'util/types';
import EventEmitter from 'node:events';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(util.types === types, utilTypes === types, util.TextEncoder === TextEncoder, typeof util.debuglog('x'), util.debuglog('x').enabled);
console.log(format('%s:%d:%i:%f:%j:%o:%O:%%:%c.', 'str', 42.5, 42.5, '3.5', { a: 1 }, [1], { b: { c: {} } }, 'css'));
console.log(format('%s', { a: { b: { c: 1 } } }), format('%s', [1, [2, [3]]]), format('%s %s', 1n, -0), format('a', 'b', 1, {}), format(1, 2), format('%d', '0x10'), format('%s'), format());
console.log(util.formatWithOptions({ depth: 0 }, 'x %O', { a: { b: 1 } }), util.formatWithOptions({ compact: false }, { a: 1 }));
console.log(err(() => util.formatWithOptions(null, 'x')));
console.log(inspect({ a: [1, 2, { b: new Map([[1, { c: new Set([1]) }]]) }] }), inspect({ a: { b: { c: { d: 1 } } } }, { depth: 0 }), inspect({ a: { b: { c: { d: 1 } } } }, false, null));
console.log(inspect('str'), inspect([,'a']), inspect(new Error('e').message), inspect(Symbol('s')), inspect(null), inspect(() => 1), inspect(class A {}));
console.log(inspect.custom === Symbol.for('nodejs.util.inspect.custom'), inspect({ [inspect.custom]: () => 'CUSTOM' }), inspect({ x: { [inspect.custom]: (d, o) => typeof o.stylize } }));
console.log(inspect(new Array(200).fill(0)).split('\n').length, inspect('x'.repeat(20), { maxStringLength: 5 }), inspect([1, 2, 3], { maxArrayLength: 1 }));
const sleep = (ms, v, cb) => setTimeout(() => (v === 'bad' ? cb(new Error('bad value')) : cb(null, v)), ms);
const p = promisify(sleep);
console.log(typeof p, p.name, promisify(p) === p, promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
function withCustom() {}
withCustom[promisify.custom] = () => Promise.resolve('custom!');
console.log(promisify(withCustom) === withCustom[promisify.custom], err(() => promisify(1)));
const cbd = callbackify(async (x) => { if (x === 0) throw null; if (x < 0) throw new Error('neg'); return x * 2; });
console.log(cbd.name, cbd.length);
console.log(err(() => cbd(1)));
const done = new Promise((resolve) => {
  let n = 0;
  const fin = () => { if (++n === 3) resolve(); };
  cbd(21, (e, v) => { console.log('cb', e, v); fin(); });
  cbd(-1, (e, v) => { console.log('cb', e.message, v); fin(); });
  cbd(0, (e, v) => { console.log('cb', e.code, e.message, e.reason); fin(); });
});
function Animal(name) { this.name = name; }
Animal.prototype.hello = function () { return 'hi ' + this.name; };
function Dog(name) { Animal.call(this, name); }
inherits(Dog, Animal);
console.log(new Dog('rex').hello(), Dog.super_ === Animal, new Dog('x') instanceof Animal);
function Em() { EventEmitter.call(this); }
inherits(Em, EventEmitter);
const em = new Em(); em.on('e', (v) => console.log('inherited emitter', v)); em.emit('e', 1);
console.log(err(() => inherits(Dog, null)), err(() => inherits(null, Dog)));
const dep = deprecate(() => 'dep result', 'do not', 'DEP_X');
console.log(dep(), dep());
const eq = [
  [1, 1], [1, '1'], [NaN, NaN], [0, -0], [{ a: 1 }, { a: 1 }], [{ a: 1 }, { a: '1' }], [[1, 2], [1, 2]], [[1, 2], [2, 1]],
  [new Date(1), new Date(1)], [new Date(1), new Date(2)], [/a/g, /a/g], [/a/g, /a/i], [new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])],
  [new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']])], [new Map([[1, 'a']]), new Map([[1, 'b']])], [Object.create(null), {}],
  [new Uint8Array([1, 2]), new Uint8Array([1, 2])], [new Uint8Array([1]), new Int8Array([1])], [new Error('x'), new Error('x')],
  [new Error('x'), new TypeError('x')], [{ a: undefined }, {}], [[1, , 3], [1, undefined, 3]], [new Number(1), new Number(1)], [new Number(1), new Number(2)],
  [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }], [new String('a'), 'a'],
];
console.log(eq.map(([a, b]) => isDeepStrictEqual(a, b) ? 1 : 0).join(''));
const c1 = { x: 1 }; c1.self = c1; const c2 = { x: 1 }; c2.self = c2;
console.log(isDeepStrictEqual(c1, c2));
const vals = [new Date(), /x/, new Map(), new Set(), new WeakMap(), new WeakSet(), Promise.resolve(), new Uint8Array(1), new Float64Array(1), new ArrayBuffer(1), new DataView(new ArrayBuffer(1)),
  async () => {}, function* () {}, (function* () {})(), new Map().keys(), new Set().values(), new Number(1), new String(''), Object(1n), Object(Symbol()), new Boolean(true), new Error(), new TypeError(), {}, [], 1, 'x', null, undefined,
  (function () { return arguments; })(), new BigInt64Array(1)];
const names = Object.keys(types).filter((k) => k !== 'isExternal' && k !== 'isProxy' && k !== 'isKeyObject' && k !== 'isCryptoKey' && k !== 'isModuleNamespaceObject').sort();
for (const name of names) console.log(name, vals.map((v) => (types[name](v) ? 1 : 0)).join(''));
console.log(util.isArray([]), util.isBoolean(false), util.isBuffer(new Uint8Array(1)), util.isPrimitive(1), util.isPrimitive({}), util.isError(new Error()), util.isFunction(() => {}), util.isObject(null));
console.log(util.toUSVString('a\ud800b'), util.stripVTControlCharacters('\u001b[31mred\u001b[39m'));
done.then(async () => {
const v = await p(1, 'slept');
console.log('promisified', v);
try { await p(1, 'bad'); } catch (e) { console.log('promisified rejects', e.message); }
});
