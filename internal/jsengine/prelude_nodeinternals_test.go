package jsengine

import "testing"

// prelude/88-node-internals.js: what the bundler's node:* modules reach
// (internal/bundle/node, tested against node in modules' TestNodeModulesParity).
// These cases check the host hashes against known vectors and that the hook
// stays out of the global names.
func TestPreludeNodeInternals(t *testing.T) {
	const I = `const I = globalThis[Symbol.for('corets.node')]; const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	const te = (s) => new TextEncoder().encode(s);`
	runPreludeCases(t, []preludeCase{
		{name: "hidden from the global names", code: `[Object.getOwnPropertyNames(globalThis).some((n) => /node/i.test(n)), Object.keys(globalThis).length > 0, Object.getOwnPropertyDescriptor(globalThis, Symbol.for('corets.node')).enumerable]`,
			want: `[false,true,false]`},
		{name: "frozen", code: I + `; 'use strict'; [Object.isFrozen(I), I === globalThis[Symbol.for('corets.node')]]`, want: `[true,true]`},
		{name: "md5 and sha", code: I + `; [hex(I.digest('md5', te('abc'))), hex(I.digest('sha1', te('abc'))), hex(I.digest('sha512-256', te('abc'))).slice(0, 16), hex(I.digest('sha3-256', te(''))).slice(0, 16)]`,
			want: `["900150983cd24fb0d6963f7d28e17f72","a9993e364706816aba3e25717850c26c9cd0d89d","53048e2681941ef9","a7ffc6f8bf1ed766"]`},
		{name: "hmac (RFC 2202 md5 case 2)", code: I + `; hex(I.hmac('md5', te('Jefe'), te('what do ya want for nothing?')))`,
			want: `"750c783e6ab0b503eaa86e310a5db738"`},
		{name: "pbkdf2 (RFC 6070 case 2)", code: I + `; hex(I.pbkdf2('sha1', te('password'), te('salt'), 2, 20))`,
			want: `"ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"`},
		{name: "unknown digest", code: I + `; try { I.digest('md4', te('')) } catch (e) { [e.name, e.message] }`,
			want: `["RangeError","Digest method not supported"]`},
		{name: "pbkdf2 output is bounded", code: I + `; try { I.pbkdf2('sha1', te('p'), te('s'), 1, 1 << 21) } catch (e) { e.name }`,
			want: `"RangeError"`},
		{name: "scrypt (RFC 7914 case 2)", code: I + `; hex(I.scrypt(te('password'), te('NaCl'), 1024, 8, 16, 64)).slice(0, 32)`,
			want: `"fdbabe1c9d3472007856e7190d01e9fe"`},
		{name: "scrypt's memory is capped on the host", code: I + `; [1 << 20, 1 << 30].map((n) => { try { I.scrypt(te('p'), te('s'), n, 8, 1, 16); return 'ran'; } catch (e) { return e.name + ': ' + e.message; } })`,
			want: `["RangeError: Invalid scrypt params: memory limit exceeded","RangeError: Invalid scrypt params: memory limit exceeded"]`},
		{name: "scrypt refuses bad parameters", code: I + `; [[3, 8, 1], [0, 8, 1], [16, 0, 1]].map(([n, r, p]) => { try { I.scrypt(te('p'), te('s'), n, r, p, 16); return 'ran'; } catch (e) { return e.message; } })`,
			want: `["Invalid scrypt params","Invalid scrypt params","Invalid scrypt params"]`},
		{name: "pbkdf2 needs an iteration", code: I + `; try { I.pbkdf2('sha1', te('p'), te('s'), 0, 1) } catch (e) { e.message }`,
			want: `"malformed crypto.subtle request"`},
	})
}
