package jsengine

import "testing"

// prelude/65-blob.js: Blob, File and FormData (testdata/node/blob.js
// compares them with node line by line).
func TestPreludeBlob(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "parts", code: `new Blob(["ab", new Uint8Array([99]), new Blob(["d"])]).size`, want: `4`},
		{name: "copied", code: `const u = new Uint8Array([1]); const b = new Blob([u]); u[0] = 2; b.size + ":" + String(u[0])`, want: `"1:2"`},
		{name: "type", code: `[new Blob([], { type: "A/B" }).type, new Blob([], { type: "a/\u00e9" }).type]`, want: `["a/b",""]`},
		{name: "sources", code: `try { new Blob("x") } catch (e) { [e.name, e.code] }`, want: `["TypeError","ERR_INVALID_ARG_TYPE"]`},
		{name: "file", code: `const f = new File(["abc"], "a.txt", { lastModified: 7 }); [f.name, f.size, f.lastModified, f instanceof Blob]`,
			want: `["a.txt",3,7,true]`},
		{name: "file args", code: `try { new File([]) } catch (e) { e.code }`, want: `"ERR_MISSING_ARGS"`},
		{name: "formdata", code: `const d = new FormData(); d.append("a", "1"); d.append("b", new Blob(["x"])); d.set("a", "2"); [...d.keys(), d.get("a"), d.get("b").name]`,
			want: `["a","b","2","blob"]`},
		{name: "formdata args", code: `try { new FormData().append("a") } catch (e) { e.name }`, want: `"TypeError"`},
	})
}
