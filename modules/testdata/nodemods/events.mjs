import EventEmitter, { once, on, errorMonitor, getEventListeners } from 'node:events';
import events from 'events';

const err = (f) => { try { f(); return 'no error'; } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
console.log(events === EventEmitter, EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners, typeof once, typeof on);
const e = new EventEmitter();
const log = [];
e.on('newListener', (name) => log.push('new:' + String(name)));
e.on('removeListener', (name) => log.push('removed:' + String(name)));
const a = (x) => log.push('a' + x);
const b = (x) => log.push('b' + x);
e.on('x', a);
e.prependListener('x', b);
e.once('x', (x) => log.push('once' + x));
e.prependOnceListener('x', (x) => log.push('ponce' + x));
console.log(e.listenerCount('x'), e.listeners('x').length, e.rawListeners('x').length, e.eventNames());
console.log(e.emit('x', 1), e.emit('x', 2), e.emit('nothing'));
e.off('x', a);
e.removeListener('x', () => {});
console.log(e.emit('x', 3), log.join(' '));
e.removeAllListeners('x');
console.log(e.listenerCount('x'), e.eventNames(), log.slice(-2));
class My extends EventEmitter {}
const m = new My();
console.log(err(() => m.emit('error', new Error('boom'))));
console.log(err(() => m.emit('error', 'str')));
console.log(err(() => m.emit('error', { a: 1 })));
console.log(err(() => m.emit('error')));
console.log(err(() => m.on('x', 'nope')));
console.log(err(() => m.setMaxListeners(-1)));
console.log(err(() => m.setMaxListeners('1')));
m.on(errorMonitor, (er) => console.log('monitor', er.message));
m.on('error', (er) => console.log('handled', er.message));
m.emit('error', new Error('seen'));
m.setMaxListeners(1);
console.log(m.getMaxListeners(), new EventEmitter().getMaxListeners());
const sym = Symbol('s');
m.on(sym, function (...args) { console.log('this ok', this === m, args); });
m.emit(sym, 1, 2, 3);
console.log(m.eventNames());
const ctr = new EventEmitter();
ctr.on('a', function f() { ctr.removeListener('a', f); console.log('f'); });
ctr.on('a', () => console.log('g'));
ctr.emit('a'); ctr.emit('a');
console.log(EventEmitter.listenerCount(ctr, 'a'), getEventListeners(ctr, 'a').length);
(async () => {
const onceE = new EventEmitter();
setTimeout(() => onceE.emit('ready', 1, 'two'), 1);
console.log('once', await once(onceE, 'ready'));
setTimeout(() => onceE.emit('error', new Error('bad')), 1);
try { await once(onceE, 'ready'); } catch (er) { console.log('once rejected', er.message, onceE.listenerCount('ready'), onceE.listenerCount('error')); }
const et = new EventTarget();
setTimeout(() => et.dispatchEvent(new Event('ping')), 1);
const [ev] = await once(et, 'ping');
console.log('target', ev.type);
const ac = new AbortController();
setTimeout(() => ac.abort(), 1);
try { await once(onceE, 'never', { signal: ac.signal }); } catch (er) { console.log(er.name, er.code, er.message); }
const it = new EventEmitter();
setTimeout(() => { it.emit('d', 1); it.emit('d', 2); it.emit('d', 3); }, 1);
const got = [];
for await (const [v] of on(it, 'd')) { got.push(v); if (v === 3) break; }
console.log('on', got, it.listenerCount('d'), it.listenerCount('error'));
const cap = new EventEmitter({ captureRejections: true });
cap.on('error', (er) => console.log('captured', er.message));
cap.on('go', async () => { throw new Error('async fail'); });
cap.emit('go');
await new Promise((r) => setTimeout(r, 5));
})().then(() => {
function Old() { EventEmitter.call(this); }
Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
const o = new Old();
o.on('z', (v) => console.log('old style', v));
o.emit('z', 42);
console.log(Object.keys(new EventEmitter()).sort());
console.log(new EventEmitter());
});
