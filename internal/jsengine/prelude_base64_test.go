package jsengine

import "testing"

// prelude/40-base64.js: atob and btoa, with node's rules and errors.
func TestPreludeBase64(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "btoa", code: `[btoa(""), btoa("f"), btoa("fo"), btoa("foo"), btoa("\u00e9")]`,
			want: `["","Zg==","Zm8=","Zm9v","6Q=="]`},
		{name: "atob", code: `[atob("Zm9v"), atob("Zg=="), atob(" Z m 9\nv "), atob("Zg")]`,
			want: `["foo","f","foo","f"]`},
		{name: "btoa outside latin1", code: `try { btoa("\u20ac") } catch (e) { [e.name, e instanceof DOMException] }`,
			want: `["InvalidCharacterError",true]`},
		{name: "atob invalid", code: `const bad = []; for (const s of ["a", "Zm9v=", "Z=m9", "!!!!"]) { try { atob(s) } catch (e) { bad.push(e.name) } } bad`,
			want: `["InvalidCharacterError","InvalidCharacterError","InvalidCharacterError","InvalidCharacterError"]`},
		{name: "missing argument", code: `try { atob() } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_MISSING_ARGS"]`},
	})
}
