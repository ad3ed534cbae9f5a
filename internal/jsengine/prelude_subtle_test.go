package jsengine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// prelude/47-subtle.js: crypto.subtle. testdata/node/subtle.js compares it
// with node (and so with RFC 4231, RFC 5869, RFC 6070 and the GCM spec's
// vectors, which node's output there reproduces); these cases check what
// node cannot show: that key bytes stay private, and the host's bounds.
func TestPreludeSubtle(t *testing.T) {
	const key = `crypto.subtle.importKey('raw', new Uint8Array([1,2,3,4]), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])`
	runPreludeCases(t, []preludeCase{
		{name: "HMAC SHA-256", code: `(async () => {
			const k = await crypto.subtle.importKey('raw', new TextEncoder().encode('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
			const s = new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode('what do ya want for nothing?')));
			return Array.from(s, (b) => b.toString(16).padStart(2, '0')).join('');
		})()`, want: `"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"`},
		{name: "non-extractable bytes stay private", code: `(async () => {
			const k = await ` + key + `;
			const seen = [Object.getOwnPropertyNames(k), Object.getOwnPropertySymbols(k).length, JSON.stringify(k),
				Object.getOwnPropertyNames(Object.getPrototypeOf(k)).sort()];
			try { await crypto.subtle.exportKey('raw', k); } catch (e) { seen.push(e.name); }
			try { await crypto.subtle.exportKey('jwk', k); } catch (e) { seen.push(e.name); }
			const c = structuredClone(k);
			seen.push(c instanceof CryptoKey, c.extractable, new Uint8Array(await crypto.subtle.sign('HMAC', c, new Uint8Array(1))).length);
			try { await crypto.subtle.exportKey('raw', c); } catch (e) { seen.push(e.name); }
			return seen;
		})()`, want: `[[],0,"{}",["algorithm","constructor","extractable","type","usages"],"InvalidAccessException","InvalidAccessException",true,false,32,"InvalidAccessException"]`},
		{name: "forged key", code: `(async () => {
			const fake = Object.create(CryptoKey.prototype);
			try { await crypto.subtle.sign('HMAC', fake, new Uint8Array(1)); } catch (e) { return [e.name, e.code]; }
		})()`, want: `["TypeError","ERR_INVALID_ARG_TYPE"]`},
		{name: "algorithm getter cannot swap the hash", code: `(async () => {
			const k = await ` + key + `;
			try { k.algorithm.hash = { name: 'SHA-1' }; } catch {}
			return new Uint8Array(await crypto.subtle.sign('HMAC', k, new Uint8Array(1))).length;
		})()`, want: `32`},
		{name: "illegal constructors", code: `[CryptoKey, SubtleCrypto].map((C) => { try { new C() } catch (e) { return e.code } })`,
			want: `["ERR_ILLEGAL_CONSTRUCTOR","ERR_ILLEGAL_CONSTRUCTOR"]`},
		{name: "key data copied at import", code: `(async () => {
			const raw = new Uint8Array([1,2,3,4]);
			const k = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
			raw[0] = 9;
			return Array.from(new Uint8Array(await crypto.subtle.exportKey('raw', k)));
		})()`, want: `[1,2,3,4]`},
		{name: "deriveBits output cap", code: `(async () => {
			const k = await crypto.subtle.importKey('raw', new Uint8Array(4), 'PBKDF2', false, ['deriveBits']);
			try { await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(1), iterations: 1 }, k, 8 * (1 << 21)); } catch (e) { return e.name; }
		})()`, want: `"OperationError"`},
		{name: "RSA bounds", code: `(async () => {
			const gen = (modulusLength, e) => crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength, publicExponent: new Uint8Array(e), hash: 'SHA-256' }, true, ['sign'])
				.then(() => 'ok', (err) => err.name);
			return [await gen(8192, [1, 0, 1]), await gen(512, [1, 0, 1]), await gen(1024, [3])];
		})()`, want: `["OperationError","OperationError","NotSupportedError"]`},
	})
}

// TestSubtlePBKDF2Deadline: a huge iteration count ends at the call's
// deadline instead of holding the instance.
func TestSubtlePBKDF2Deadline(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{Timeout: 200 * time.Millisecond}, "")
	_, err := in.Eval(context.Background(), `(async () => {
		const k = await crypto.subtle.importKey('raw', new Uint8Array(4), 'PBKDF2', false, ['deriveBits']);
		return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-512', salt: new Uint8Array(1), iterations: 4e9 }, k, 512);
	})()`)
	var ex *Exception
	if !errors.Is(err, ErrTimeout) && !(errors.As(err, &ex) && strings.Contains(ex.Error(), "deadline passed")) {
		t.Fatalf("got %v, want the deadline's error", err)
	}
}
