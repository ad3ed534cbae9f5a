package jsengine

import "testing"

// prelude/99-globals.js: which globals exist, their enumerability (node's),
// and that a lazy global behaves as a plain property once touched.
func TestPreludeGlobals(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		// node 20 has these too, in its own order, with global, setImmediate,
		// clearImmediate and fetch (less the test engine's test-glue.js)
		{name: "enumerable ones", code: `Object.keys(globalThis).filter((k) => !["echo", "who", "bytes", "denied", "big", "sleep", "fail"].includes(k))`,
			want: `["setTimeout","setInterval","clearTimeout","clearInterval","queueMicrotask","setImmediate","clearImmediate","atob","btoa","structuredClone","crypto","performance","self","navigator"]`},
		{name: "classes", code: `["URL", "URLSearchParams", "TextEncoder", "TextDecoder", "DOMException", "Event", "CustomEvent", "EventTarget",
			"AbortController", "AbortSignal", "Crypto", "Performance"].filter((n) => typeof globalThis[n] !== "function" || Object.getOwnPropertyDescriptor(globalThis, n).enumerable)`,
			want: `[]`},
		{name: "replaceable before first use", code: `globalThis.URL = 1; TextEncoder = 2; [URL, TextEncoder, Object.getOwnPropertyDescriptor(globalThis, "URL").writable]`,
			want: `[1,2,true]`},
		{name: "deletable", code: `delete globalThis.console; delete globalThis.setTimeout; [typeof console, typeof setTimeout]`,
			want: `["undefined","undefined"]`},
		{name: "same object every read", code: `[crypto === crypto, performance === performance, URL === URL]`,
			want: `[true,true,true]`},
		{name: "no host object", code: `["__host" in globalThis, typeof host, typeof hostCall]`,
			want: `[false,"undefined","undefined"]`},
	})
}
