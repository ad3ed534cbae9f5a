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
		{name: "writable", code: `(async () => { const got = []; const w = new WritableStream({ write(c) { got.push(c); } }).getWriter(); await w.write(1); await w.close(); return got; })()`,
			want: `[1]`},
	})
}
