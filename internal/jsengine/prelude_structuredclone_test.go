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
