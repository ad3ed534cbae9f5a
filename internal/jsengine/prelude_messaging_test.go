package jsengine

import "testing"

// prelude/85-messaging.js: MessageChannel, MessagePort, MessageEvent and
// BroadcastChannel (testdata/node/messaging.js compares them with node).
func TestPreludeMessaging(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "round trip", code: `new Promise((r) => { const { port1, port2 } = new MessageChannel(); port2.onmessage = (e) => { port1.close(); r(e.data) }; port1.postMessage({ a: [1] }) })`,
			want: `{"a":[1]}`},
		{name: "a task, not a microtask", code: `new Promise((r) => { const o = []; const { port1, port2 } = new MessageChannel(); port2.onmessage = () => { o.push("m"); port1.close(); r(o) }; port1.postMessage(0); queueMicrotask(() => o.push("q")); o.push("sync") })`,
			want: `["sync","q","m"]`},
		{name: "not started: queued", code: `new Promise((r) => { const { port1, port2 } = new MessageChannel(); const got = []; port1.postMessage(1); port1.postMessage(2); setTimeout(() => { port2.onmessage = (e) => { got.push(e.data); if (got.length === 2) { port1.close(); r(got) } } }, 5) })`,
			want: `[1,2]`},
		{name: "many messages, bounded timers", code: `new Promise((r) => { const { port1, port2 } = new MessageChannel(); let n = 0; port2.onmessage = () => { if (++n === 20000) { port1.close(); r(n) } }; for (let i = 0; i < 20000; i++) port1.postMessage(i) })`,
			want: `20000`},
		{name: "listener errors do not stop delivery", code: `new Promise((r) => { const { port1, port2 } = new MessageChannel(); port2.addEventListener("message", () => { throw new Error("x") }); port2.addEventListener("message", (e) => { port1.close(); r(e.data) }); port1.postMessage(7) })`,
			want: `7`},
		{name: "forged port", code: `try { MessagePort.prototype.start.call(Object.create(MessagePort.prototype)) } catch (e) { e.message }`, want: `"Illegal invocation"`},
		{name: "onmessage replaced", code: `new Promise((r) => { const { port1, port2 } = new MessageChannel(); const o = []; port2.onmessage = () => o.push("old"); port2.onmessage = (e) => { o.push("new"); port1.close(); r([o, typeof port2.onmessage]) }; port1.postMessage(1) })`,
			want: `[["new"],"function"]`},
		{name: "broadcast to the others", code: `new Promise((r) => { const a = new BroadcastChannel("n"), b = new BroadcastChannel("n"); const o = []; a.onmessage = () => o.push("a"); b.onmessage = (e) => { o.push("b" + e.data); a.close(); b.close(); r(o) }; a.postMessage(1) })`,
			want: `["b1"]`},
		{name: "queued messages move with a transferred port", code: `new Promise((r) => { const a = new MessageChannel(); a.port2.postMessage("early"); const p = structuredClone(a.port1, { transfer: [a.port1] }); p.onmessage = (e) => { a.port2.close(); r([e.data, p === a.port1]) } })`,
			want: `["early",false]`},
		{name: "a failed clone leaves the port whole", code: `new Promise((r) => { const a = new MessageChannel(); try { structuredClone([a.port1, () => 1], { transfer: [a.port1] }) } catch {} a.port1.onmessage = (e) => { a.port1.close(); r(e.data) }; a.port2.postMessage("still") })`,
			want: `"still"`},
		{name: "a forged port is not transferable", code: `try { structuredClone(1, { transfer: [Object.create(MessagePort.prototype)] }) } catch (e) { e.code }`, want: `"ERR_INVALID_TRANSFER_OBJECT"`},
		{name: "closed broadcast", code: `const c = new BroadcastChannel("x"); c.close(); c.close(); try { c.postMessage(1) } catch (e) { e.name }`, want: `"InvalidStateError"`},
	})
}
