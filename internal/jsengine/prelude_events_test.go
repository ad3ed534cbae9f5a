package jsengine

import "testing"

// prelude/30-events.js: Event, CustomEvent, EventTarget, AbortController and
// AbortSignal.
func TestPreludeEvents(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "dispatch", code: `const t = new EventTarget(); const seen = [];
			t.addEventListener("x", (e) => seen.push(e.type, e.target === t, e.currentTarget === t));
			t.addEventListener("x", { handleEvent: (e) => seen.push("object") });
			t.dispatchEvent(new Event("x")); seen`,
			want: `["x",true,true,"object"]`},
		{name: "once and remove", code: `const t = new EventTarget(); let n = 0; const f = () => n++;
			t.addEventListener("a", f, { once: true }); t.dispatchEvent(new Event("a")); t.dispatchEvent(new Event("a"));
			t.addEventListener("b", f); t.removeEventListener("b", f); t.dispatchEvent(new Event("b")); n`,
			want: `1`},
		{name: "preventDefault", code: `const t = new EventTarget();
			t.addEventListener("c", (e) => e.preventDefault());
			[t.dispatchEvent(new Event("c", { cancelable: true })), t.dispatchEvent(new Event("c"))]`,
			want: `[false,true]`},
		{name: "stopImmediatePropagation", code: `const t = new EventTarget(); const seen = [];
			t.addEventListener("s", (e) => { seen.push(1); e.stopImmediatePropagation() });
			t.addEventListener("s", () => seen.push(2));
			t.dispatchEvent(new Event("s")); seen`,
			want: `[1]`},
		{name: "CustomEvent", code: `const e = new CustomEvent("c", { detail: { k: 1 } }); [e.type, e.detail.k, e instanceof Event]`,
			want: `["c",1,true]`},
		{name: "abort", code: `const c = new AbortController(); const seen = [];
			c.signal.onabort = () => seen.push("onabort");
			c.signal.addEventListener("abort", () => seen.push("listener"));
			c.abort(); c.abort();
			[c.signal.aborted, c.signal.reason.name, c.signal.reason instanceof DOMException, ...seen]`,
			want: `[true,"AbortError",true,"onabort","listener"]`},
		{name: "throwIfAborted", code: `const c = new AbortController(); c.abort(new Error("mine"));
			try { c.signal.throwIfAborted(); "no" } catch (e) { e.message }`,
			want: `"mine"`},
		{name: "AbortSignal.abort", code: `const s = AbortSignal.abort(); [s.aborted, s.reason.name]`,
			want: `[true,"AbortError"]`},
		{name: "AbortSignal.timeout", code: `new Promise((resolve) => {
			const s = AbortSignal.timeout(1);
			s.addEventListener("abort", () => resolve([s.aborted, s.reason.name]));
		})`, want: `[true,"TimeoutError"]`},
		{name: "AbortSignal.any", code: `const a = new AbortController(), b = new AbortController();
			const s = AbortSignal.any([a.signal, b.signal]); b.abort("why"); [s.aborted, s.reason]`,
			want: `[true,"why"]`},
		{name: "illegal constructor", code: `try { new AbortSignal() } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_ILLEGAL_CONSTRUCTOR"]`},
	})
}
