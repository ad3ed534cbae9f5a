// Event, EventTarget, CustomEvent, AbortController, AbortSignal.
const log = (...a) => console.log(...a);
const e = new Event('ping', { cancelable: true, bubbles: true });
log(e.type, e.cancelable, e.bubbles, e.composed, e.defaultPrevented, e.eventPhase, e.target, e.currentTarget, e.isTrusted, typeof e.timeStamp, e.returnValue, e.cancelBubble);
log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE, Object.prototype.toString.call(e));
try { new Event(); } catch (err) { log(err.name, err.code, err.message); }

const t = new EventTarget();
const calls = [];
function a(ev) { calls.push(['a', ev.type, this === t, ev.target === t, ev.currentTarget === t, ev.eventPhase]); }
const b = (ev) => calls.push(['b', ev.defaultPrevented]);
const handler = { handleEvent(ev) { calls.push(['handleEvent', this === handler, ev.type]); } };
t.addEventListener('ping', a);
t.addEventListener('ping', a); // duplicate ignored
function cap(ev) { calls.push(['cap', ev.type]); }
t.addEventListener('ping', cap, true);
t.addEventListener('ping', cap, { capture: true }); // same identity: ignored
t.addEventListener('ping', cap); // capture is part of the identity: a second listener
t.addEventListener('ping', (ev) => { ev.preventDefault(); calls.push(['prevent']); });
t.addEventListener('ping', b);
t.addEventListener('ping', handler);
t.addEventListener('ping', null);
t.addEventListener('ping', () => calls.push(['once']), { once: true });
log('dispatch returns', t.dispatchEvent(e), e.defaultPrevented, e.eventPhase, e.currentTarget, e.target === t);
log(JSON.stringify(calls));
calls.length = 0;
t.removeEventListener('ping', a);
t.removeEventListener('ping', cap, { capture: true });
t.removeEventListener('ping', handler);
t.removeEventListener('nothing', b);
log('second dispatch', t.dispatchEvent(new Event('ping')), JSON.stringify(calls));

// preventDefault on a non-cancelable event, and in a passive listener.
const t2 = new EventTarget();
t2.addEventListener('x', (ev) => ev.preventDefault());
const nc = new Event('x');
log('non-cancelable', t2.dispatchEvent(nc), nc.defaultPrevented);
const t3 = new EventTarget();
t3.addEventListener('x', (ev) => ev.preventDefault(), { passive: true });
const pc = new Event('x', { cancelable: true });
log('passive', t3.dispatchEvent(pc), pc.defaultPrevented);

// stopImmediatePropagation, listeners added/removed during dispatch.
const t4 = new EventTarget();
const order = [];
t4.addEventListener('s', () => { order.push(1); t4.addEventListener('s', () => order.push('added')); });
t4.addEventListener('s', (ev) => { order.push(2); ev.stopImmediatePropagation(); });
t4.addEventListener('s', () => order.push(3));
t4.dispatchEvent(new Event('s'));
log('stopImmediate', order.join(','));
const t5 = new EventTarget();
const order5 = [];
const late = () => order5.push('removed-before-run');
t5.addEventListener('r', () => { order5.push('first'); t5.removeEventListener('r', late); });
t5.addEventListener('r', late);
t5.dispatchEvent(new Event('r'));
log('removed during dispatch', order5.join(','));

log('after removing capture=true only', t.dispatchEvent(new Event('ping')), JSON.stringify(calls));
calls.length = 0;
t.removeEventListener('ping', cap, false);

// Re-dispatching inside its own dispatch.
const t6 = new EventTarget();
const ev6 = new Event('again');
t6.addEventListener('again', () => {
  try { t6.dispatchEvent(ev6); } catch (err) { log('re-dispatch', err.name, err.code, err.message); }
});
t6.dispatchEvent(ev6);
try { t6.dispatchEvent({ type: 'fake' }); } catch (err) { log(err.name, err.code, err.message); }
try { t6.addEventListener('x'); } catch (err) { log(err.name, err.code, err.message); }

// CustomEvent.
const ce = new CustomEvent('c', { detail: { n: 1 } });
log('custom', ce.type, ce.detail, new CustomEvent('d').detail, ce instanceof Event);

// AbortController and AbortSignal.
const ac = new AbortController();
const sig = ac.signal;
log('signal', sig.aborted, sig.reason, sig instanceof EventTarget, Object.prototype.toString.call(sig), ac.signal === sig);
const fired = [];
sig.addEventListener('abort', (ev) => fired.push(['listener', ev.type, ev.target === sig, ev.isTrusted]));
sig.onabort = (ev) => fired.push(['onabort', ev.type, sig.aborted]);
log('onabort is function', typeof sig.onabort);
sig.throwIfAborted();
ac.abort();
ac.abort('second abort ignored');
log(JSON.stringify(fired), sig.aborted, sig.reason.name, sig.reason.message, sig.reason.code, sig.reason instanceof DOMException);
try { sig.throwIfAborted(); } catch (err) { log('throwIfAborted', err === sig.reason); }
const ac2 = new AbortController();
ac2.abort('my reason');
log('custom reason', ac2.signal.reason);
const ac3 = new AbortController();
ac3.abort(undefined);
log('undefined reason', ac3.signal.reason.name);
const pre = AbortSignal.abort();
log('AbortSignal.abort', pre.aborted, pre.reason.name, pre.reason.message);
log('AbortSignal.abort(reason)', AbortSignal.abort(42).reason);
try { new AbortSignal(); } catch (err) { log(err.name, err.code, err.message); }

// Listeners with a signal are removed on abort; already-aborted signals add nothing.
const t7 = new EventTarget();
const rc = new AbortController();
let n7 = 0;
t7.addEventListener('tick', () => n7++, { signal: rc.signal });
t7.dispatchEvent(new Event('tick'));
rc.abort();
t7.dispatchEvent(new Event('tick'));
t7.addEventListener('tick', () => n7 += 100, { signal: rc.signal });
t7.dispatchEvent(new Event('tick'));
log('signal option', n7);

// AbortSignal.any.
const x1 = new AbortController();
const x2 = new AbortController();
const any = AbortSignal.any([x1.signal, x2.signal]);
any.addEventListener('abort', () => log('any aborted with', any.reason));
log('any before', any.aborted);
x2.abort('from x2');
x1.abort('from x1');
log('any after', any.aborted, any.reason);
log('any of aborted', AbortSignal.any([new AbortController().signal, AbortSignal.abort('pre')]).reason);
try { AbortSignal.any([1]); } catch (err) { log(err.name, err.code, err.message); }

// AbortSignal.timeout.
const ts = AbortSignal.timeout(10);
ts.onabort = () => log('timeout fired', ts.aborted, ts.reason.name, ts.reason.message, ts.reason.code);
log('timeout pending', ts.aborted);
setTimeout(() => log('keep-alive timer (node unrefs the timeout signal timer)'), 30);
try { AbortSignal.timeout(-1); } catch (err) { log(err.name, err.code, err.message); }
try { AbortSignal.timeout('5'); } catch (err) { log(err.name, err.code, err.message); }
