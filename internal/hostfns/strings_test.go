package hostfns_test

import (
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// Text crosses to the host as UTF-8 written by the bridge, byte for byte as
// TextEncoder would write it (a lone surrogate as U+FFFD), and comes back
// decoded as TextDecoder would (invalid bytes as U+FFFD).
func TestFileStrings(t *testing.T) {
	e := newEnv(t, hostfns.Config{})
	e.write("out/.keep", "")
	e.write("out/bad.txt", "a\xffb\xed\xa0\x80c\xf0\x9f\x98")
	m := e.module("code: files\npermissions: {read: [out], write: [out]}\n")

	m.mustRun(`await core.fileWrite("out/a.txt", "h\u00e9\u20ac\u{1F600}|\ud800|\udc00\ud83d|")`)
	if got, want := e.read("out/a.txt"), "h\u00e9\u20ac\U0001F600|\uFFFD|\uFFFD\uFFFD|"; got != want {
		t.Errorf("fileWrite wrote %q, want %q", got, want)
	}
	m.mustRun(`await core.fileWrite("out/v.bin", new Uint16Array([0x6968, 0x0a21]).subarray(1))`)
	if got := e.read("out/v.bin"); got != "!\n" {
		t.Errorf("fileWrite of a view wrote %q", got)
	}
	if got := m.mustRun(`return await core.fileRead("out/bad.txt")`); got != "\"a\uFFFDb\uFFFD\uFFFD\uFFFDc\uFFFD\"" {
		t.Errorf("fileRead of invalid UTF-8 = %s", got)
	}

	// Larger than the bridge's scratch buffer, both ways.
	unit := "x\u00e9\u4e2d\U0001F600 "
	m.mustRun(`globalThis.big = "x\u00e9\u4e2d\u{1F600} ".repeat(1 << 17); await core.fileWrite("out/big.txt", big)`)
	if got := e.read("out/big.txt"); got != strings.Repeat(unit, 1<<17) {
		t.Errorf("a large fileWrite wrote %d bytes, want %d", len(got), len(unit)<<17)
	}
	if got := m.mustRun(`return (await core.fileRead("out/big.txt")) === big`); got != "true" {
		t.Errorf("a large fileRead differs from what was written")
	}
}
