package jsengine

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// prelude/36-text-legacy.js and textcodec.go: TextDecoder for UTF-16 and
// the legacy encodings (testdata/node/textcodec_legacy.js compares them
// with node).
func TestPreludeTextLegacy(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "windows-1252 as the standard", code: `Array.from(new TextDecoder("windows-1252").decode(new Uint8Array([0x80, 0x81, 0x9f, 0xe9])), (c) => c.charCodeAt(0))`, want: `[8364,129,376,233]`},
		{name: "iso-8859-2 C1", code: `Array.from(new TextDecoder("iso-8859-2").decode(new Uint8Array([0x80, 0x9f, 0xa1])), (c) => c.charCodeAt(0))`, want: `[128,159,260]`},
		{name: "long label", code: `try { new TextDecoder("utf-16le".padEnd(100000, " x")) } catch (e) { e.code }`, want: `"ERR_ENCODING_NOT_SUPPORTED"`},
		{name: "label with NUL", code: `try { new TextDecoder("latin1\u0000") } catch (e) { e.code }`, want: `"ERR_ENCODING_NOT_SUPPORTED"`},
		{name: "large", code: `new TextDecoder("utf-16le").decode(new Uint16Array(1 << 20).fill(0x4e2d)).length`, want: `1048576`},
		{name: "large legacy", code: `new TextDecoder("shift_jis").decode(new Uint8Array(1 << 20).fill(0x41)).length`, want: `1048576`},
		{name: "fatal then usable", code: `const d = new TextDecoder("utf-16be", { fatal: true }); let c; try { d.decode(new Uint8Array([0xdc, 0])) } catch (e) { c = e.code } [c, d.decode(new Uint8Array([0, 0x41]))]`,
			want: `["ERR_ENCODING_INVALID_ENCODED_DATA","A"]`},
		{name: "detached-style views", code: `const b = new Uint8Array([0x41, 0, 0x42, 0]); new TextDecoder("utf-16le").decode(b.subarray(2))`, want: `"B"`},
		{name: "no BOM strip for legacy", code: `new TextDecoder("gb18030").decode(new Uint8Array([0x84, 0x31, 0x95, 0x33, 0x41])).length`, want: `2`},
		{name: "iso-2022-jp stream", code: `const d = new TextDecoder("iso-2022-jp"); [d.decode(new Uint8Array([0x1b, 0x24]), { stream: true }), d.decode(new Uint8Array([0x42, 0x46, 0x7c]), { stream: true }), d.decode(new Uint8Array([0x4b, 0x5c]), { stream: true }), d.decode(new Uint8Array([0x1b, 0x28, 0x42, 0x41]))]`,
			want: `["","日","本","A"]`},
	})
}

func TestTextDecodeMalformed(t *testing.T) {
	for _, arg := range [][]byte{nil, {0}, {0, 5, 'a'}, {0, 3, 'b', 'a', 'd', 1}} {
		if _, err := textDecode(context.Background(), nil, arg); err == nil {
			t.Errorf("%q: no error", arg)
		}
	}
}

// FuzzTextDecode: any bytes in any encoding give valid UTF-8, consume no
// more than they were given, and fatal fails exactly where the lossy
// decoding replaced something (for UTF-16, the only encoding here whose
// input can encode U+FFFD itself, only the consumed count is checked).
func FuzzTextDecode(f *testing.F) {
	for _, s := range []string{"\x00\xd8\x00\xdc", "\xff\xfe\x41", "\x1b$BF|", "\x81\x30\x81\x30", "\x93\xfa"} {
		f.Add(s, uint8(0), uint8(1))
	}
	names := []string{"utf-16le", "utf-16be", "windows-1252", "iso-8859-6", "shift_jis", "gb18030", "iso-2022-jp", "euc-kr", "big5", "euc-jp", "koi8-u"}
	f.Fuzz(func(t *testing.T, data string, which, more uint8) {
		name := names[int(which)%len(names)]
		req := append([]byte{more & 1, byte(len(name))}, name...)
		req = append(req, data...)
		out, err := textDecode(context.Background(), nil, req)
		if err != nil {
			t.Fatal(err)
		}
		n, text, _ := strings.Cut(string(out), ",")
		if !utf8.ValidString(text) {
			t.Fatalf("%s %q: invalid UTF-8 %q", name, data, text)
		}
		if len(n) == 0 || len(n) > 8 {
			t.Fatalf("%s %q: count %q", name, data, n)
		}
		req[0] |= 2
		_, ferr := textDecode(context.Background(), nil, req)
		if !strings.HasPrefix(name, "utf-16") && (ferr != nil) != strings.ContainsRune(text, utf8.RuneError) {
			t.Fatalf("%s %q: fatal %v but text %q", name, data, ferr, text)
		}
	})
}
