package jsengine

import "testing"

// prelude/82-navigator.js: self and navigator (node 20 has neither; the
// shape is node 21's). testdata/node/npm_tweetnacl.js shows a browser
// package finding its PRNG through self.crypto.
func TestPreludeNavigator(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "self", code: `[self === globalThis, self.crypto === crypto, Object.getOwnPropertyDescriptor(globalThis, "self").enumerable]`, want: `[true,true,true]`},
		{name: "self replaceable", code: `self = 1; [globalThis.self, typeof crypto]`, want: `[1,"object"]`},
		{name: "navigator", code: `[navigator.userAgent.startsWith("CoreTS-Wasm/"), navigator.language, navigator.languages, navigator.hardwareConcurrency, String(navigator), navigator instanceof Navigator]`,
			want: `[true,"en-US",["en-US"],1,"[object Navigator]",true]`},
		{name: "getters on the prototype", code: `[Object.keys(navigator).length, Object.getOwnPropertyNames(Navigator.prototype).sort()]`,
			want: `[0,["constructor","hardwareConcurrency","language","languages","userAgent"]]`},
		{name: "languages frozen", code: `try { "use strict"; navigator.languages.push("tr") } catch (e) { e.name }`, want: `"TypeError"`},
		{name: "no constructor", code: `try { new Navigator() } catch (e) { e.code }`, want: `"ERR_ILLEGAL_CONSTRUCTOR"`},
		{name: "inspect", code: `console.log(navigator)`, want: `null`, out: "log: Navigator {}"},
	})
}
