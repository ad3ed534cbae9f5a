// util.format specifiers as used by console.log.
class WithToString { toString() { return 'custom!'; } }
class Plain { constructor() { this.v = 1; } }
const lines = [
  ['%s', 'str'], ['%s', 42], ['%s', -0], ['%s', 10n], ['%s', null], ['%s', undefined], ['%s', true],
  ['%s', Symbol('sym')], ['%s', { a: { b: 1 } }], ['%s', [1, [2, [3]]]], ['%s', new WithToString()],
  ['%s', new Plain()], ['%s', new Date(0)], ['%s', () => 1],
  ['%d', 42], ['%d', '42'], ['%d', 1.5], ['%d', -0], ['%d', 5n], ['%d', 'abc'], ['%d', {}], ['%d', Symbol('s')],
  ['%i', 42.9], ['%i', '-7.5'], ['%i', 7n], ['%i', 'x'],
  ['%f', '3.25'], ['%f', 1], ['%f', 'abc'], ['%f', Symbol('s')],
  ['%j', { a: [1, 'two'] }], ['%j', 'str'], ['%j', undefined],
  ['%O', { a: { b: { c: { d: 1 } } } }], ['%o', { a: 1 }], ['%o', [1, 2]], ['%o', 'str'],
  ['%c', 'color: red'], ['a%cb', 'x'],
  ['100%%'], ['100%%', 1], ['%%s', 1], ['%s%s', 'a'], ['%s', 'a', 'b', { c: 1 }],
  ['%x %s', 'y'], ['%', 1], ['trailing %'], ['%s:%s', 'k', 'v', 'extra'],
  [1, '%s', 'x'], ['no specifiers', { a: 1 }, 'z'],
];
for (const args of lines) console.log(...args);
const circ = { n: 1 };
circ.self = circ;
console.log('%j', circ);
console.log('%s', circ);
console.info('info goes to stdout');
console.debug('debug goes to stdout %d', 1);
console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dirxml('dirxml', 1);
console.group('group label');
console.log('indented');
console.log({ multi: 'x'.repeat(40), line: 'y'.repeat(40) });
console.group();
console.log('twice');
console.groupEnd();
console.groupEnd();
console.log('back');
console.count();
console.count();
console.count('x');
console.countReset();
console.count();
