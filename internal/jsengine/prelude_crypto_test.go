package jsengine

import "testing"

// prelude/45-crypto.js: crypto.getRandomValues and crypto.randomUUID.
func TestPreludeCrypto(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "getRandomValues", code: `const a = new Uint8Array(32); const r = crypto.getRandomValues(a); [r === a, a.some((b) => b !== 0)]`,
			want: `[true,true]`},
		{name: "integer views only", code: `try { crypto.getRandomValues(new Float64Array(2)) } catch (e) { e.name }`,
			want: `"TypeMismatchError"`},
		{name: "quota", code: `try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { e.name }`,
			want: `"QuotaExceededError"`},
		{name: "randomUUID", code: `const u = crypto.randomUUID(); [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u), u !== crypto.randomUUID()]`,
			want: `[true,true]`},
		{name: "illegal constructor", code: `try { new Crypto() } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_ILLEGAL_CONSTRUCTOR"]`},
		{name: "tag", code: `[Object.prototype.toString.call(crypto), crypto instanceof Crypto]`,
			want: `["[object Crypto]",true]`},
	})
}
