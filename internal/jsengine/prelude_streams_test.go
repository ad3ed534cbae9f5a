package jsengine

import "testing"

// prelude/70-streams.js: Web Streams (testdata/node/streams.js compares
// them with node line by line).
func TestPreludeStreams(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "read", code: `(async () => { const r = new ReadableStream({ start(c) { c.enqueue("a"); c.close(); } }).getReader(); return [await r.read(), await r.read()]; })()`,
			want: `[{"value":"a","done":false},{"done":true}]`},
		{name: "pipeThrough", code: `(async () => { const out = []; for await (const x of ReadableStream.from([1, 2]).pipeThrough(new TransformStream({ transform(c, k) { k.enqueue(c * 10); } }))) out.push(x); return out; })()`,
			want: `[10,20]`},
		{name: "locked", code: `const s = new ReadableStream(); s.getReader(); try { s.getReader() } catch (e) { e.code }`, want: `"ERR_INVALID_STATE"`},
		{name: "byob", code: `(async () => { const r = new ReadableStream({ type: "bytes", start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } }).getReader({ mode: "byob" }); const a = await r.read(new Uint8Array(2)); const b = await r.read(new Uint8Array(2)); const c = await r.read(new Uint8Array(2)); return [[...a.value], [...b.value], c.done, c.value.length]; })()`,
			want: `[[1,2],[3],true,0]`},
		{name: "byobRequest", code: `(async () => { const s = new ReadableStream({ type: "bytes", pull(c) { c.byobRequest.view.set([7, 8]); c.byobRequest.respond(2); } }); const r = s.getReader({ mode: "byob" }); return [...(await r.read(new Uint8Array(4), { min: 4 })).value]; })()`,
			want: `[7,8,7,8]`},
		{name: "byob on default stream", code: `try { new ReadableStream().getReader({ mode: "byob" }) } catch (e) { e.code }`, want: `"ERR_INVALID_ARG_VALUE"`},
		{name: "writable", code: `(async () => { const got = []; const w = new WritableStream({ write(c) { got.push(c); } }).getWriter(); await w.write(1); await w.close(); return got; })()`,
			want: `[1]`},
	})
}
