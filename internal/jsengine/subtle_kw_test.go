package jsengine

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// The test vectors of RFC 3394 section 4.
func TestAESKWVectors(t *testing.T) {
	h := func(s string) []byte { b, _ := hex.DecodeString(s); return b }
	cases := []struct{ kek, data, wrapped string }{
		{"000102030405060708090A0B0C0D0E0F", "00112233445566778899AABBCCDDEEFF", "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"},
		{"000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF", "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"},
		{"000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF", "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"},
		{"000102030405060708090A0B0C0D0E0F1011121314151617", "00112233445566778899AABBCCDDEEFF0001020304050607", "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2"},
		{"000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF0001020304050607", "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1"},
		{"000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"},
	}
	for _, c := range cases {
		got, err := aesKW(true, h(c.kek), h(c.data))
		if err != nil || !bytes.Equal(got, h(c.wrapped)) {
			t.Errorf("wrap %s: %X, %v", c.data, got, err)
		}
		back, err := aesKW(false, h(c.kek), h(c.wrapped))
		if err != nil || !bytes.Equal(back, h(c.data)) {
			t.Errorf("unwrap %s: %X, %v", c.wrapped, back, err)
		}
		tampered := h(c.wrapped)
		tampered[len(tampered)-1] ^= 1
		if _, err := aesKW(false, h(c.kek), tampered); err != errOperation {
			t.Errorf("tampered %s: %v", c.wrapped, err)
		}
	}
	for _, bad := range [][]byte{nil, make([]byte, 8), make([]byte, 17)} {
		if _, err := aesKW(true, make([]byte, 16), bad); err == nil {
			t.Errorf("wrap of %d bytes accepted", len(bad))
		}
		if _, err := aesKW(false, make([]byte, 16), bad); err == nil {
			t.Errorf("unwrap of %d bytes accepted", len(bad))
		}
	}
	if _, err := aesKW(true, make([]byte, 15), make([]byte, 16)); err == nil {
		t.Error("a 15-byte key accepted")
	}
}

// wrapKey/unwrapKey (testdata/node/subtle_wrap.js compares them with node):
// what a hostile module could try.
func TestSubtleWrapHostile(t *testing.T) {
	const kw = `const s = crypto.subtle; const kw = await s.generateKey({ name: "AES-KW", length: 128 }, false, ["wrapKey", "unwrapKey"]);`
	runPreludeCases(t, []preludeCase{
		{name: "unwrapped non-extractable stays so", code: `(async () => { ` + kw + `
			const k = await s.importKey("raw", new Uint8Array(16), "AES-GCM", true, ["encrypt"]);
			const u = await s.unwrapKey("raw", await s.wrapKey("raw", k, kw, "AES-KW"), kw, "AES-KW", "AES-GCM", false, ["encrypt"]);
			try { await s.exportKey("raw", u) } catch (e) { return [u.extractable, e.message] } })()`,
			want: `[false,"key is not extractable"]`},
		{name: "a non-extractable key cannot be wrapped out", code: `(async () => { ` + kw + `
			try { await s.wrapKey("raw", kw, await s.generateKey({ name: "AES-KW", length: 128 }, true, ["wrapKey"]), "AES-KW") } catch (e) { return e.message } })()`,
			want: `"key is not extractable"`},
		{name: "hostile jwk", code: `(async () => { const s = crypto.subtle; const k = await s.importKey("raw", new Uint8Array(16), "AES-CBC", false, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
			const p = { name: "AES-CBC", iv: new Uint8Array(16) };
			const w = await s.encrypt(p, k, new TextEncoder().encode('{"__proto__":{"kty":"oct"},"k":"AAAAAAAAAAAAAAAAAAAAAA"}'));
			try { await s.unwrapKey("jwk", w, k, p, "AES-GCM", true, ["encrypt"]) } catch (e) { return [e.name, ({}).kty === undefined] } })()`,
			want: `["DataError",true]`},
		{name: "wrapped output bounded", code: `(async () => { ` + kw + `
			const h = await s.importKey("raw", new Uint8Array((1 << 20) + 8), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
			try { await s.wrapKey("raw", h, kw, "AES-KW") } catch (e) { return e.name } })()`,
			want: `"OperationError"`},
	})
}
