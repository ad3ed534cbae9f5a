package jsengine

import "testing"

// prelude/86-report-error.js: reportError and ErrorEvent (node 20 has
// neither; they behave as in browsers and Deno).
func TestPreludeReportError(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "reported as uncaught", code: `reportError(new TypeError("bad")); "after"`, want: `"after"`,
			out: "error: Uncaught TypeError: bad\n    at <eval> (<eval>:1:26)"},
		{name: "any value", code: `reportError("x"); reportError({ a: 1 }); 1`, want: `1`, out: "error: Uncaught 'x'\nerror: Uncaught { a: 1 }"},
		{name: "needs an argument", code: `try { reportError() } catch (e) { e.code }`, want: `"ERR_MISSING_ARGS"`},
		{name: "an error event at an event-target global", code: `const t = new EventTarget(); globalThis.dispatchEvent = t.dispatchEvent.bind(t); const seen = [];
			t.addEventListener("error", (e) => { seen.push([e.constructor.name, e.type, e.message, e.error.name, e.cancelable]); e.preventDefault() });
			reportError(new RangeError("r")); seen`,
			want: `[["ErrorEvent","error","r","RangeError",true]]`},
		{name: "not cancelled: reported too", code: `const t = new EventTarget(); globalThis.dispatchEvent = t.dispatchEvent.bind(t); let n = 0; t.addEventListener("error", () => n++); reportError(1); n`,
			want: `1`, out: "error: Uncaught 1"},
		{name: "hostile value", code: `reportError(new Proxy({}, { get() { throw new Error("trap") }, getPrototypeOf() { throw new Error("trap") } })); 1`, want: `1`,
			out: "error: Uncaught [an exception that could not be described]"},
		{name: "a throwing error listener is not re-dispatched", code: `const t = new EventTarget(); globalThis.dispatchEvent = t.dispatchEvent.bind(t); let n = 0;
			t.addEventListener("error", () => { n++; throw "again" }); reportError(1); n`,
			want: `1`, out: "error: Uncaught 'again'\nerror: Uncaught 1"},
		{name: "queueMicrotask errors", code: `new Promise((r) => { queueMicrotask(() => { throw "q" }); queueMicrotask(() => r("next ran")) })`,
			want: `"next ran"`, out: "error: Uncaught 'q'"},
		{name: "listener errors", code: `const t = new EventTarget(); let after = false; t.addEventListener("x", () => { throw "l" }); t.addEventListener("x", () => { after = true }); t.dispatchEvent(new Event("x")); after`,
			want: `true`, out: "error: Uncaught 'l'"},
		{name: "ErrorEvent", code: `const e = new ErrorEvent("error", { message: "m", filename: "f", lineno: 3, colno: 4, error: 5 }); [e.message, e.filename, e.lineno, e.colno, e.error, e instanceof Event, String(e)]`,
			want: `["m","f",3,4,5,true,"[object ErrorEvent]"]`},
	})
}
