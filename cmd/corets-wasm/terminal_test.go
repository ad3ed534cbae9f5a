package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestEscapeTerminal(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 1<<20)
	for _, c := range []struct{ name, in, want string }{
		{"plain", "hello, world", "hello, world"},
		{"lines and tabs stay", "a\n\tb\n", "a\n\tb\n"},
		{"unicode stays", "héllo → 世界 🙂 \\x1b", "héllo → 世界 🙂 \\x1b"},
		{"clear screen", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"colour", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.test/\x1b\\click\x1b]8;;\x1b\\", `\x1b]8;;https://evil.test/\x1b\click\x1b]8;;\x1b\`},
		{"OSC 52 clipboard", "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07", `\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07`},
		{"window title", "\x1b]0;owned\x07", `\x1b]0;owned\x07`},
		{"CR overwrite", "rm -rf ~\rls -l   ", `rm -rf ~\rls -l   `},
		{"CRLF", "a\r\nb", "a\\r\nb"},
		{"backspace and bell", "ab\b\b\a", `ab\x08\x08\x07`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\u007f`},
		{"C1 CSI", "\u009b2J", `\u009b2J`},
		{"C1 OSC and ST", "\u009d0;title\u009c", `\u009d0;title\u009c`},
		{"all C1", "\u0080\u0085\u009f", `\u0080\u0085\u009f`},
		{"bidi override", "access \u202eevil\u202c", `access \u202eevil\u202c`},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", `\u2066a\u2067b\u2068c\u2069`},
		{"bidi marks", "\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"line separators", "a\u2028b\u2029", `a\u2028b\u2029`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"raw C1 byte alone", "\x9b2J", `\x9b2J`},
		{"overlong ESC", "\xc0\x9b", `\xc0\x9b`},
		{"forged line is text", "corets-wasm: error", "corets-wasm: error"},
		{"long line", long + "\x1b", long + `\x1b`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := escapeTerminal(c.in)
			if got != c.want {
				if len(got) > 200 {
					got = got[:100] + "..." + got[len(got)-100:]
				}
				t.Errorf("escapeTerminal(%q) = %q, want %q", c.in[:min(len(c.in), 100)], got, c.want[:min(len(c.want), 100)])
			}
			// nothing a terminal acts on is left
			for _, r := range got {
				if r != '\n' && r != '\t' && (r < 0x20 || r >= 0x7f && r <= 0x9f || isBidiControl(r)) {
					t.Errorf("%U left in %q", r, got)
				}
			}
		})
	}
}

func TestUnforged(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"plain", "hello", "hello"},
		{"mentions it", "see corets-wasm: docs", "see corets-wasm: docs"},
		{"forged", "corets-wasm: load x: ok", "[m] corets-wasm: load x: ok"},
		{"forged after a line", "done\ncorets-wasm: all good\nbye", "done\n[m] corets-wasm: all good\nbye"},
		{"forged with blanks", "  \tcorets-wasm: x", "[m]   \tcorets-wasm: x"},
		{"forged after zero-width", "\u200bcorets-wasm: x", "[m] \u200bcorets-wasm: x"},
		{"forged after a control", "\a\rcorets-wasm: x", "[m] \a\rcorets-wasm: x"},
		{"visible once escaped", "\x1b[0mcorets-wasm: x", "\x1b[0mcorets-wasm: x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := unforged(c.in, "[m] "); got != c.want {
				t.Errorf("unforged(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestOutputNotTerminal: a pipe or a file gets the module's bytes as they
// are, as an embedder does.
func TestOutputNotTerminal(t *testing.T) {
	t.Parallel()
	var out, errb bytes.Buffer
	c := &cli{stdout: &out, stderr: &errb}
	raw := "\x1b[2J\rcorets-wasm: fake\u202e"
	c.output(false)("m", "log", raw)
	c.output(false)("m", "error", raw)
	if out.String() != raw+"\n" || errb.String() != raw+"\n" {
		t.Errorf("stdout %q, stderr %q, want the raw text", out.String(), errb.String())
	}
	if isTerminal(&out) || isTerminal(strings.NewReader("")) {
		t.Error("a buffer is a terminal")
	}
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("%s is a terminal", os.DevNull)
	}
}

// BenchmarkEscapeTerminal: the cost of escaping on a terminal, for a line
// with nothing to escape (the common case) and one full of escapes.
func BenchmarkEscapeTerminal(b *testing.B) {
	for _, c := range []struct{ name, line string }{
		{"plain-1MiB", strings.Repeat("hello, world ", 1<<20/13)},
		{"hostile-1MiB", strings.Repeat("\x1b[2J\r\u009b\u202e", 1<<20/10)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.line)))
			for b.Loop() {
				escapeTerminal(c.line)
			}
		})
	}
}
