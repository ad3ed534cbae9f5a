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
		{name: "surrogates", code: `[Array.from(new TextEncoder().encode("\ud83d\ude00")), Array.from(new TextEncoder().encode("a\udc00\ud800b")), Array.from(new TextEncoder().encode("\ud83d"))]`,
			want: `[[240,159,152,128],[97,239,191,189,239,191,189,98],[239,191,189]]`},
		{name: "encodeInto stops at a whole character", code: `const e = new TextEncoder(); const r = (s, n) => { const b = new Uint8Array(n); const x = e.encodeInto(s, b); return [x.read, x.written]; };
			[r("a\u{1F600}", 4), r("a\u{1F600}", 5), r("\ud800", 2), r("\ud800", 3), r("aaaa\u{1F600}", 4), r("\u{1F600}\u{1F600}", 7), r("", 0)]`,
			want: `[[1,1],[3,5],[0,0],[1,3],[4,4],[2,4],[0,0]]`},
		{name: "encodeInto a subarray", code: `const b = new Uint8Array(6); new TextEncoder().encodeInto("\u00e9\u00e9", b.subarray(1, 4)); Array.from(b)`,
			want: `[0,195,169,0,0,0]`},
		// Unicode's table 3-8 and the Encoding standard: one U+FFFD per maximal subpart
		{name: "maximal subparts", code: `const d = (a) => new TextDecoder().decode(new Uint8Array(a)).replace(/\ufffd/g, "?");
			[d([0x61, 0xf1, 0x80, 0x80, 0xe1, 0x80, 0xc2, 0x62, 0x80, 0x63, 0x80, 0xbf, 0x64]), d([0xc0, 0x80]), d([0xe0, 0x80, 0x80]),
			 d([0xed, 0xa0, 0x80]), d([0xf4, 0x90, 0x80, 0x80]), d([0xf0, 0x9f, 0x98]), d([0xf0, 0x9f, 0x98, 0x41]), d([0xe2, 0x82, 0xe2, 0x82, 0xac]), d([0xf5, 0xfe, 0xff])]`,
			want: `["a???b?c??d","??","???","???","????","?","?A","?€","???"]`},
		{name: "fatal rejects what lossy replaces", code: `const f = (a) => { try { new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(a)); return "ok" } catch (e) { return e.message } };
			[f([0xed, 0xa0, 0x80]), f([0xc0, 0x80]), f([0xf0, 0x9f, 0x98]), f([0xf0, 0x9f, 0x98, 0x80])]`,
			want: `["The encoded data was not valid for encoding utf-8","The encoded data was not valid for encoding utf-8","The encoded data was not valid for encoding utf-8","ok"]`},
		{name: "stream: a character cut at every point", code: `const b = new TextEncoder().encode("x\u{1F600}\u20ac\u00e9"); const out = [];
			for (let k = 0; k <= b.length; k++) { const d = new TextDecoder(); out.push(d.decode(b.subarray(0, k), { stream: true }) + d.decode(b.subarray(k))); }
			out.every((s) => s === "x\u{1F600}\u20ac\u00e9")`, want: `true`},
		{name: "stream: byte by byte", code: `const b = new TextEncoder().encode("\u{1F600}\u00e9a"); const d = new TextDecoder(); let s = "";
			for (const x of b) s += d.decode(new Uint8Array([x]), { stream: true }); s += d.decode(); s === "\u{1F600}\u00e9a"`, want: `true`},
		{name: "stream: an unfinished character at the end", code: `const d = new TextDecoder(); [d.decode(new Uint8Array([0x61, 0xf0, 0x9f]), { stream: true }), d.decode(), d.decode(new Uint8Array([0x62]))]`,
			want: `["a","�","b"]`},
		{name: "stream: fatal at the flush", code: `const d = new TextDecoder("utf-8", { fatal: true }); const a = d.decode(new Uint8Array([0xe2, 0x82]), { stream: true });
			let e; try { d.decode() } catch (x) { e = x.code } [a, e, d.decode(new Uint8Array([0x61]))]`,
			want: `["","ERR_ENCODING_INVALID_ENCODED_DATA","a"]`},
		{name: "stream: BOM split across chunks", code: `const d = new TextDecoder(); [d.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), d.decode(new Uint8Array([0xbf, 0x61]), { stream: true }), d.decode(new Uint8Array([0xef, 0xbb, 0xbf]))].map((s) => s.length)`,
			want: `[0,1,1]`},
		{name: "decode any view", code: `const b = new Uint8Array([0, 0x68, 0xc3, 0xa9, 0]); const d = new TextDecoder();
			[d.decode(b.subarray(1, 4)), d.decode(new DataView(b.buffer, 1, 3)), d.decode(b.buffer.slice(1, 4)), d.decode(new Uint16Array(b.buffer.slice(0, 4)))]`,
			want: `["hé","hé","hé","\u0000hé"]`},
		{name: "large: 16 MiB ASCII round trip", code: `const s = "0123456789abcdef".repeat(1 << 20); const b = new TextEncoder().encode(s); [b.length, new TextDecoder().decode(b) === s]`,
			want: `[16777216,true]`, memory: 128 << 20},
		{name: "large: 4 MiB mixed round trip", code: `const s = "a\u00e9\u20ac\u{1F600}\ud800".repeat(1 << 18); const b = new TextEncoder().encode(s);
			const t = new TextDecoder().decode(b); [b.length, t.length, t === s.replace(/\ud800/g, "\ufffd")]`,
			want: `[3407872,1572864,true]`},
		// node knows latin1, utf-16le and others too (prelude_textlegacy_test.go), not utf-32
		{name: "no utf-32", code: `try { new TextDecoder("utf-32"); "accepted" } catch (e) { e.name }`, want: `"RangeError"`},
		{name: "encoding names", code: `[new TextEncoder().encoding, new TextDecoder("UTF8").encoding]`, want: `["utf-8","utf-8"]`},
	})
}

// Strings across host calls: a lone surrogate reaches Go as U+FFFD (never
// invalid UTF-8), and a host's text reply with invalid UTF-8 arrives decoded
// as TextDecoder would, in replies and in errors.
func TestHostCallStrings(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "lone surrogate to the host", code: `Array.from(new Uint8Array(bytes("a\udc00\ud800b\ud83d\ude00"))).map((b) => b - 1)`,
			want: `[97,239,191,189,239,191,189,98,240,159,152,128]`},
		{name: "invalid UTF-8 from the host", code: `echo(new Uint8Array([0x61, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x62, 0xc3, 0xa9]))`,
			want: `"a����bé"`},
		{name: "invalid UTF-8 in a host error", code: `try { denied(new Uint8Array([0xff, 0xc3])) } catch (e) { [e.name, e.message] }`,
			want: `["PermissionDenied","read �� is not granted"]`},
		{name: "large strings both ways", code: `const s = "\u00e9x\u{1F600}".repeat(1 << 18); echo(s) === s`, want: `true`},
	})
}
