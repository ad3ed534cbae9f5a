// setImmediate and clearImmediate: order against microtasks, nesting,
// arguments, clearing, and node's errors.
const log = [];
const a = setImmediate((x, y) => {
  log.push('A ' + x + ' ' + y);
  Promise.resolve().then(() => log.push('A micro'));
  queueMicrotask(() => log.push('A qm'));
  setImmediate(() => log.push('nested'));
}, 1, 2);
const b = setImmediate(() => log.push('B'));
const c = setImmediate(() => log.push('C (cleared)'));
clearImmediate(c);
Promise.resolve().then(() => log.push('main micro'));
setImmediate(function () { log.push('D ' + arguments.length); });
console.log(typeof a, typeof a.ref, typeof a.unref, typeof a.hasRef, a.hasRef(), a.unref() === a, a.hasRef(), a.ref() === a, a.hasRef());
console.log(setImmediate.name, setImmediate.length, clearImmediate.name, clearImmediate.length);
clearImmediate(undefined);
clearImmediate(null);
clearImmediate(c);
for (const bad of [undefined, 1, 'f', {}, null]) {
  try { setImmediate(bad); } catch (e) { console.log(e.name, e.code, e.message); }
}
const self1 = setImmediate(function () { log.push('this ok ' + (this === self1)); });
const t = setImmediate(() => {
  clearImmediate(later);
  log.push('clears later');
});
const later = setImmediate(() => log.push('later (cleared)'));
setTimeout(() => {
  console.log(log.join('\n'));
  let n = 0;
  const order = [];
  setImmediate(() => {
    order.push('i1');
    setImmediate(() => order.push('i3'));
    Promise.resolve().then(() => order.push('m1'));
  });
  setImmediate(() => order.push('i2'));
  setTimeout(() => console.log(order.join(' ')), 200);
}, 200); // far beyond a coarse timer tick (Windows: 15.6 ms), so every immediate runs first
