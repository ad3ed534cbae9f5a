// console.log formatting of value kinds, compared with node's util.inspect.
class Foo { constructor() { this.x = 1; } }
class Bar extends Foo {}
class Empty {}
function named() {}
const anon = [function () {}][0];
async function af() {}
function* gen() {}
async function* agen() {}
const cases = [
  1, -0, 0, 1.5, NaN, -Infinity, 123n, -5n, true, false, undefined, null,
  'top-level string', Symbol('x'), Symbol(), Symbol.iterator,
  {}, { a: 1, b: 'x' }, { 'a-b': 1, _ok: 2, $no: 3, '1x': 4, 5: 'five' },
  [], [1, 2, 3], ['a', "it's", 'say "hi"', `both ' and "`, 'nl\nx\ttab\\'],
  { a: { b: { c: { d: 1 } } } }, { a: { b: { c: {} } } }, [[[[1]]]], [[[[]]]],
  new Map(), new Map([['a', 1], [{ k: 1 }, [2]]]), new Set(), new Set([1, 'two', [3]]),
  named, anon, () => {}, af, gen, agen, Foo, Bar, Empty, class {},
  Object.assign(function withProps() {}, { p: 1 }),
  new Foo(), new Bar(), new Empty(), Object.create(null), Object.assign(Object.create(null), { n: 1 }),
  new Date(0), new Date(NaN), /ab+c/gi, Object.assign(/x/, { extra: 1 }),
  new Uint8Array([1, 2, 3]), new Float64Array(2), new Int16Array(0), new BigInt64Array([1n, -2n]),
  new ArrayBuffer(2), new Uint8Array([1, 255]).buffer, new DataView(new ArrayBuffer(3), 1),
  [1, , 3], [, , ,], [1, , , 4, , ], Object.assign([1, 2], { extra: true }),
  new Array(101).fill(0), new Array(7).fill(1), Array.from({ length: 30 }, (_, i) => i * 11),
  Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1)),
  { [Symbol('s')]: 1, regular: 2 },
  { get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} },
  new Number(3), new String('abc'), new Boolean(false), Object(1n), Object(Symbol('boxed')),
  new WeakMap(), new WeakSet(),
  { long1: 'aaaaaaaaaaaaaaaa', long2: 'bbbbbbbbbbbbbbbb', long3: 'cccccccccccccccc', long4: 'dd' },
  { short: 1, list: [1, 2, 3], nested: { deep: true } },
  { fn: named, arrow: () => {}, cls: Foo, sym: Symbol('in'), big: 10n, neg: -0 },
  { str: 'multi\nline', quote: "it's" },
  { date: new Date(86400000), re: /x/, nul: null, und: undefined },
  'a'.repeat(20), ['x'.repeat(100)], { key: 'y'.repeat(90) },
  { arr: new Array(120).fill('ab') },
  [{ a: 1, b: 2 }, { a: 3, b: 4 }],
  new Map([[new Map([[1, { deep: { deeper: 1 } }]]), new Set([new Set([[1]])])]]),
  { [Symbol.toStringTag]: 'Custom', v: 1 },
  Object.defineProperty({}, 'hidden', { value: 1, enumerable: false }),
  { __proto__: null, x: [1] },
  [undefined, null, NaN],
  { 'quote\'s': 1, 'new\nline': 2 },
];
for (const v of cases) console.log(v);

// Circular references.
const circ = { name: 'c' };
circ.self = circ;
console.log(circ);
const a = [1];
a.push(a);
console.log(a);
const m = { list: [] };
m.list.push({ parent: m });
console.log(m);
const two = { x: {} };
two.x.back = two.x;
two.y = two;
console.log(two);

// Multiple arguments, strings raw at top level only.
console.log('a', 1, 'b', { s: 'quoted' }, ['q']);
console.log();
console.log('');
console.log(' spaced ', '');

// Errors with deterministic stacks (a stack without frames prints in brackets).
const e1 = new Error('boom');
e1.stack = 'Error: boom';
console.log(e1);
const e2 = new TypeError('bad type');
e2.stack = 'TypeError: bad type';
console.log({ err: e2 });
const e3 = new Error('with props');
e3.stack = 'Error: with props';
e3.code = 'E_CODE';
console.log(e3);
const e4 = new Error('caused', { cause: 'root' });
e4.stack = 'Error: caused';
console.log(e4);
const e5 = new RangeError('no stack');
e5.stack = undefined;
console.log(e5);
console.log([e1]);
