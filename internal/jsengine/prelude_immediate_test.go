package jsengine

import "testing"

// prelude/22-immediate.js: setImmediate and clearImmediate
// (testdata/node/immediate.js compares their order with node's).
func TestPreludeImmediate(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "runs", code: `new Promise((r) => setImmediate(r, 5))`, want: `5`},
		{name: "before a later timer", code: `new Promise((r) => { const o = []; setTimeout(() => { o.push("t"); r(o) }, 5); setImmediate(() => o.push("i")) })`,
			want: `["i","t"]`},
		{name: "cleared", code: `new Promise((r) => { let ran = false; clearImmediate(setImmediate(() => { ran = true })); setTimeout(() => r(ran), 5) })`, want: `false`},
		{name: "clear after run", code: `new Promise((r) => { const i = setImmediate(() => setImmediate(() => { clearImmediate(i); r("ok") })) })`, want: `"ok"`},
		{name: "forged immediate", code: `clearImmediate({ _ref: true }); clearImmediate(Object.create(setImmediate(() => {}))); "ok"`, want: `"ok"`},
		{name: "no constructor", code: `try { new (Object.getPrototypeOf(setImmediate(() => {})).constructor)(1, 2) } catch (e) { e.code }`,
			want: `"ERR_ILLEGAL_CONSTRUCTOR"`},
		{name: "bounded", code: `try { for (let i = 0; i < 20000; i++) setImmediate(() => {}) } catch (e) { e.name + ": " + e.message }`,
			want: `"RangeError: too many pending timers (limit 10000)"`},
		{name: "promisify.custom", code: `setImmediate[Symbol.for("nodejs.util.promisify.custom")](7)`, want: `7`},
		{name: "throwing callback", code: `new Promise((r) => { setImmediate(() => { throw new Error("boom") }); setImmediate(() => r("next ran")) })`,
			want: `"next ran"`},
	})
}
