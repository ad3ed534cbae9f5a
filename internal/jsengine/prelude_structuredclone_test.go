package jsengine

import "testing"

// prelude/50-structured-clone.js: structuredClone.
func TestPreludeStructuredClone(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "deep copy", code: `const o = { a: [1, { b: 2 }], d: new Date(0), m: new Map([[1, "x"]]), s: new Set([2]), r: /x/gi };
			const c = structuredClone(o);
			[c !== o, c.a[1] !== o.a[1], c.a[1].b, c.d instanceof Date, c.d.getTime(), c.m.get(1), c.s.has(2), String(c.r)]`,
			want: `[true,true,2,true,0,"x",true,"/x/gi"]`},
		{name: "cycles", code: `const o = { n: 1 }; o.self = o; const c = structuredClone(o); [c.self === c, c !== o]`,
			want: `[true,true]`},
		{name: "typed arrays share their buffer", code: `const buf = new ArrayBuffer(4); const c = structuredClone({ a: new Uint8Array(buf), b: new Uint16Array(buf) });
			[c.a.buffer === c.b.buffer, c.a.buffer !== buf, c.a.length, c.b.length]`,
			want: `[true,true,4,2]`},
		{name: "errors", code: `const e = structuredClone(new RangeError("r")); [e instanceof RangeError, e.message]`,
			want: `[true,"r"]`},
		{name: "functions refused", code: `try { structuredClone({ f() {} }) } catch (e) { [e.name, e instanceof DOMException] }`,
			want: `["DataCloneError",true]`},
		{name: "symbols refused", code: `try { structuredClone(Symbol("s")) } catch (e) { e.name }`,
			want: `"DataCloneError"`},
		{name: "class instances become plain objects", code: `class P { constructor() { this.x = 1 } }; const c = structuredClone(new P()); [c.x, Object.getPrototypeOf(c) === Object.prototype]`,
			want: `[1,true]`},
		{name: "primitives and boxes", code: `[structuredClone(1), structuredClone("s"), structuredClone(null), typeof structuredClone(Object(1n))]`,
			want: `[1,"s",null,"object"]`},
	})
}

// The transfer list detaches its ArrayBuffers (through the bridge's
// detach; testdata/node/structured_transfer.js compares with node).
func TestPreludeStructuredCloneTransfer(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "detached", code: `const a = new ArrayBuffer(4); const c = structuredClone(a, { transfer: [a] }); [a.byteLength, c.byteLength]`, want: `[0,4]`},
		{name: "views of the source", code: `const a = new ArrayBuffer(4); const v = new Int16Array(a); structuredClone(0, { transfer: [a] }); [v.length, v[0] === undefined]`,
			want: `[0,true]`},
		{name: "not on failure", code: `const a = new ArrayBuffer(4); try { structuredClone([a, Symbol()], { transfer: [a] }) } catch (e) { [e.name, a.byteLength] }`,
			want: `["DataCloneError",4]`},
		{name: "throwing iterator", code: `const a = new ArrayBuffer(4); try { structuredClone(a, { transfer: { *[Symbol.iterator]() { yield a; throw new Error("x") } } }) } catch (e) { [e.message, a.byteLength] }`,
			want: `["x",4]`},
		{name: "throwing getter", code: `try { structuredClone(1, { get transfer() { throw new RangeError("g") } }) } catch (e) { e.name }`, want: `"RangeError"`},
		{name: "shared buffer refused", code: `try { structuredClone(1, { transfer: [new SharedArrayBuffer(1)] }) } catch (e) { e.code }`, want: `"ERR_INVALID_TRANSFER_OBJECT"`},
		{name: "a forged buffer", code: `try { structuredClone(1, { transfer: [Object.create(ArrayBuffer.prototype)] }) } catch (e) { e.code }`, want: `"ERR_INVALID_TRANSFER_OBJECT"`},
		{name: "detached clones refused", code: `const a = new ArrayBuffer(1); structuredClone(a, { transfer: [a] }); try { structuredClone({ a }) } catch (e) { e.name }`, want: `"DataCloneError"`},
		{name: "many", code: `const l = Array.from({ length: 5000 }, () => new ArrayBuffer(8)); const c = structuredClone(l, { transfer: l }); [l.every((b) => b.byteLength === 0), c.every((b) => b.byteLength === 8)]`,
			want: `[true,true]`},
	})
}
