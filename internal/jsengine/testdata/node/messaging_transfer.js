// MessagePorts in transfer lists: structuredClone and postMessage move a port
// to a new object entangled with the same peer; the old one is detached.
const show = (f) => { try { return f(); } catch (e) { return `${e.name} ${e.code} ${e.message}`; } };
const { port1, port2 } = new MessageChannel();
console.log(show(() => structuredClone(port1)));
console.log(show(() => structuredClone({ p: port1 })));
const c = show(() => structuredClone({ p: port1 }, { transfer: [port1] }));
console.log(typeof c, c.p && c.p.constructor.name, c.p === port1);
console.log(show(() => structuredClone(1, { transfer: [port1] })));
const ch = new MessageChannel();
const ch2 = new MessageChannel();
ch2.port2.onmessage = (e) => {
  console.log('got', e.data.constructor.name, e.ports.length, e.ports[0] === e.data.p, e.data.p === ch.port1);
  e.data.p.onmessage = (m) => { console.log('via transferred', m.data); ch.port2.close(); ch2.port1.close(); e.data.p.close(); };
  ch.port2.postMessage('hello');
};
ch2.port1.postMessage({ p: ch.port1 }, [ch.port1]);
console.log(show(() => ch.port1.postMessage('old')));
console.log(show(() => ch2.port1.postMessage(ch2.port1, [ch2.port1])));
