package jsengine

import "testing"

// prelude/35-encoding.js: TextEncoder and TextDecoder (UTF-8).
func TestPreludeEncoding(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "encode", code: `Array.from(new TextEncoder().encode("h\u00e9\u20ac\u{1F600}"))`,
			want: `[104,195,169,226,130,172,240,159,152,128]`},
		{name: "lone surrogate", code: `Array.from(new TextEncoder().encode("\ud800"))`, want: `[239,191,189]`},
		{name: "encodeInto", code: `const buf = new Uint8Array(3); const r = new TextEncoder().encodeInto("a\u00e9b", buf); [r.read, r.written, Array.from(buf)]`,
			want: `[2,3,[97,195,169]]`},
		{name: "decode", code: `new TextDecoder().decode(new Uint8Array([104, 195, 169, 0xe2, 0x82, 0xac]))`, want: `"hé€"`},
		{name: "decode invalid", code: `new TextDecoder().decode(new Uint8Array([0xff, 97])) === "\ufffda"`, want: `true`},
		{name: "BOM", code: `[new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 97])).length, new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf, 97])).length]`,
			want: `[1,2]`},
		{name: "fatal", code: `try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff])) } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_ENCODING_INVALID_ENCODED_DATA"]`},
		{name: "stream", code: `const d = new TextDecoder(); d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + "|" + d.decode(new Uint8Array([0xac]))`,
			want: `"|€"`},
		// a known difference: node also knows latin1, utf-16le and others
		{name: "utf-8 only", code: `try { new TextDecoder("latin1"); "accepted" } catch (e) { e.name }`, want: `"RangeError"`},
		{name: "encoding names", code: `[new TextEncoder().encoding, new TextDecoder("UTF8").encoding]`, want: `["utf-8","utf-8"]`},
	})
}
