// MessageChannel, MessagePort, MessageEvent and BroadcastChannel: cloning,
// delivery as a task, start/close, transfer, and node's errors.
const log = (...a) => console.log(...a);
const show = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
const steps = [];
const next = () => { const s = steps.shift(); if (s) s(); };
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  log(Object.prototype.toString.call(port1), port1 instanceof EventTarget, port1.constructor.name, typeof port1.start, typeof port1.close);
  const obj = { a: 1, nested: { b: [1, 2] }, d: new Date(0), m: new Map([[1, 2]]) };
  port2.onmessage = (e) => {
    log('got', e.constructor.name, e.type, e.data, e.data === obj, e.origin, e.lastEventId, e.source, e.ports, e instanceof Event);
    port1.close();
    next();
  };
  port1.postMessage(obj);
  obj.a = 2;
  Promise.resolve().then(() => log('microtask before delivery'));
  log('posted');
});
steps.push(() => {
  // a 'message' listener starts the port, as node's does
  const { port1, port2 } = new MessageChannel();
  const got = [];
  port2.addEventListener('message', (e) => {
    got.push('L' + e.data);
    if (got.length === 2) { log('listener started the port', got); port2.close(); next(); }
  });
  port1.postMessage(1);
  port1.postMessage(2);
});
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  const order = [];
  port2.onmessage = (e) => {
    order.push('m' + e.data);
    Promise.resolve().then(() => order.push('micro' + e.data));
    if (e.data === 3) { log(order.join(' ')); port1.close(); next(); }
  };
  port1.postMessage(1); port1.postMessage(2); port1.postMessage(3);
});
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  port2.onmessage = (e) => {
    log('reply path', e.data);
    e.target.postMessage('pong');
  };
  port1.onmessage = (e) => { log('port1 got', e.data); port1.close(); next(); };
  port1.postMessage('ping');
});
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  const closes = [];
  port1.addEventListener('close', () => closes.push('p1'));
  port2.addEventListener('close', () => closes.push('p2'));
  port2.onmessage = (e) => log('after close?!', e.data);
  port1.close();
  port1.postMessage('dropped');
  log(show(() => port1.postMessage('again')));
  port1.close();
  setTimeout(() => { log('closes', closes.sort()); next(); }, 20);
});
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  const ab = new ArrayBuffer(4);
  new Uint8Array(ab)[0] = 9;
  port2.onmessage = (e) => { log('transferred', e.data.byteLength, new Uint8Array(e.data)[0], ab.byteLength); port1.close(); next(); };
  port1.postMessage(ab, [ab]);
  log('sender detached', ab.byteLength);
});
steps.push(() => {
  const { port1, port2 } = new MessageChannel();
  log(show(() => port1.postMessage(() => 1)));
  log(show(() => port1.postMessage(Symbol('s'))));
  log(show(() => port1.postMessage(1, [{}])));
  log(show(() => port1.postMessage()));
  const ab = new ArrayBuffer(1);
  log(show(() => port1.postMessage(1, { transfer: [ab] })), ab.byteLength);
  log(show(() => new MessagePort()));
  log(show(() => MessagePort.prototype.postMessage.call({}, 1)));
  port2.onmessage = (e) => { log('options transfer', e.data); port1.close(); next(); };
});
steps.push(() => {
  const a = new BroadcastChannel('news');
  const b = new BroadcastChannel('news');
  const c = new BroadcastChannel('news');
  const other = new BroadcastChannel('other');
  log(a.name, Object.prototype.toString.call(a), a instanceof EventTarget);
  const got = [];
  b.onmessage = (e) => got.push('b:' + e.data);
  c.addEventListener('message', (e) => got.push('c:' + e.data.x));
  a.onmessage = () => got.push('a (sender)?!');
  other.onmessage = () => got.push('other?!');
  a.postMessage({ x: 1, toString() { return 'obj'; } }.x === 1 ? 'one' : 'x');
  setTimeout(() => {
    log('broadcast', got.sort());
    c.close();
    log(show(() => c.postMessage(1)));
    log(show(() => a.postMessage(() => 1)));
    log(show(() => new BroadcastChannel()));
    a.close(); b.close(); other.close();
    next();
  }, 20);
});
steps.push(() => {
  const e = new MessageEvent('message', { data: { k: 1 }, origin: 'o', lastEventId: 'id' });
  log(e.type, e.data, e.origin, e.lastEventId, e.source, e.ports, e.bubbles);
  log(show(() => new MessageEvent().type));
  log(show(() => new MessageEvent('x', { ports: 1 })));
  log(new MessageEvent('x').data);
});
next();
