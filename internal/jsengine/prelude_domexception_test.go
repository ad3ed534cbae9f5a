package jsengine

import "testing"

// prelude/25-dom-exception.js: DOMException's names, codes and shape.
func TestPreludeDOMException(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "abort", code: `const e = new DOMException("stop", "AbortError"); [e.name, e.message, e.code, e instanceof Error, DOMException.ABORT_ERR]`,
			want: `["AbortError","stop",20,true,20]`},
		{name: "defaults", code: `const e = new DOMException(); [e.name, e.message, e.code]`,
			want: `["Error","",0]`},
		{name: "legacy code", code: `[new DOMException("", "DataCloneError").code, new DOMException("", "NotFoundError").code]`,
			want: `[25,8]`},
		{name: "toString", code: `String(new DOMException("m", "TimeoutError"))`, want: `"TimeoutError: m"`},
	})
}
