import assert, { AssertionError, strictEqual, deepStrictEqual } from 'node:assert';
import strict from 'node:assert/strict';
import a2 from 'assert';

const show = (f) => {
  try { f(); console.log('no error'); } catch (e) {
    console.log(`${e.name} ${e.code} generated=${e.generatedMessage} operator=${e.operator}`);
    console.log(e.message);
    console.log('--');
  }
};
console.log(a2 === assert, strict === assert.strict, strict.strict === strict, typeof AssertionError, strict.equal === assert.strictEqual);
show(() => assert(true));
show(() => assert.ok(1, 'x'));
show(() => assert(false, 'custom message'));
show(() => assert.ok());
show(() => assert.ok(0, new TypeError('own error')));
show(() => assert.equal(1, '1'));
show(() => assert.equal(NaN, NaN));
show(() => assert.equal(1, 2));
show(() => assert.notEqual(1, '1'));
show(() => strictEqual(1, 2));
show(() => strictEqual('hello', 'world'));
show(() => strictEqual('a long string here', 'a long string there'));
show(() => strictEqual({ a: 1 }, { a: 1 }));
show(() => strictEqual(1, '1'));
show(() => strictEqual(0, -0));
show(() => assert.notStrictEqual(1, 1));
show(() => assert.notStrictEqual('a longer value', 'a longer value'));
show(() => deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }));
show(() => deepStrictEqual({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 8 }));
show(() => deepStrictEqual([1, 2, 3], [1, 2, 3, 4]));
show(() => deepStrictEqual({ a: Symbol.for('x') }, { a: Symbol.for('x') }));
show(() => deepStrictEqual(new Map([[1, 'a']]), new Map([[1, 'b']])));
show(() => deepStrictEqual(1, '1'));
show(() => deepStrictEqual({ b: 1, a: 2 }, { a: 2, b: 1 }));
show(() => assert.deepEqual({ a: 1 }, { a: '1' }));
show(() => assert.deepEqual({ a: 1 }, { a: 2 }));
show(() => assert.notDeepEqual({ a: 1 }, { a: '1' }));
show(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
show(() => strict.equal(1, '1'));
show(() => strict.deepEqual([1], ['1']));
show(() => assert.throws(() => { throw new TypeError('bad thing'); }, TypeError));
show(() => assert.throws(() => { throw new TypeError('bad thing'); }, /bad/));
show(() => assert.throws(() => { throw new TypeError('bad thing'); }, { name: 'TypeError', message: 'bad thing' }));
show(() => assert.throws(() => { throw new TypeError('bad thing'); }, { message: /thing$/ }));
show(() => assert.throws(() => {}));
show(() => assert.throws(() => {}, TypeError, 'should throw'));
show(() => assert.throws(() => { throw new Error('x'); }, RangeError));
show(() => assert.throws(() => { throw new TypeError('x'); }, /nomatch/));
show(() => assert.throws(() => { throw new TypeError('x'); }, { message: 'y' }));
show(() => assert.throws(() => { throw new TypeError('x'); }, (e) => e instanceof RangeError));
show(() => assert.throws('notfn'));
show(() => assert.doesNotThrow(() => { throw new Error('oops'); }));
show(() => assert.doesNotThrow(() => {}));
show(() => assert.match('abc', /b/));
show(() => assert.match('abc', /x/));
show(() => assert.match(123, /x/));
show(() => assert.doesNotMatch('abc', /b/));
show(() => assert.fail());
show(() => assert.fail('boom'));
show(() => assert.fail(1, 2));
show(() => assert.ifError(null));
show(() => assert.ifError(new Error('from callback')));
show(() => assert.ifError('str'));
show(() => assert.strictEqual(1));
const e = new AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
console.log(e.name, e.code, e.actual, e.expected, e.operator, e instanceof Error, String(e).split('\n')[0]);
(async () => {
  await assert.rejects(Promise.reject(new Error('no')), /no/);
  try { await assert.rejects(Promise.resolve(1)); } catch (er) { console.log(er.message); }
  try { await assert.rejects(async () => { throw new Error('a'); }, RangeError); } catch (er) { console.log(er.message.split('\n')[0]); }
  try { await assert.doesNotReject(Promise.reject(new Error('r'))); } catch (er) { console.log(er.message); }
  try { await assert.rejects(() => 5); } catch (er) { console.log(er.code, er.message); }
  console.log('async done');
})();
