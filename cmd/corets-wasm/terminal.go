package main

import (
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A terminal acts on some of the bytes written to it: ESC starts a control
// sequence (clear the screen, move the cursor, OSC 8 hyperlinks, OSC 52
// writes the clipboard, window titles), CR returns to the start of the line
// so what follows overwrites it, BS erases, the C1 controls U+0080-U+009F
// (U+009B is CSI, U+009D is OSC) do what ESC does on many terminals, and
// bidirectional overrides reorder what is shown. Module output, error
// messages a module wrote and manifest fields a module author wrote all
// reach the command's stdout and stderr, so when one of them is a terminal
// everything written to it goes through escapeTerminal: the person sees
// what was sent, and nothing sent changes what the terminal shows elsewhere.
// A pipe or a file gets the bytes as they are (as node does), so output
// can be processed; the program reading it decides what to trust.

// terminalWriter escapes what is written to a terminal. Each Write is
// expected to hold whole lines or at least whole characters (the command
// writes strings whole); a character split across two writes is shown as
// its bytes, never passed through.
type terminalWriter struct{ w io.Writer }

func (t terminalWriter) Write(p []byte) (int, error) {
	s := escapeTerminal(string(p))
	if _, err := io.WriteString(t.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeTerminal returns s with every character a terminal would act on
// shown as text: C0 controls but newline and tab, and invalid UTF-8 bytes
// as \xNN (CR as \r); DEL, C1 controls and bidirectional formatting
// characters as \uNNNN (so a JSON result stays valid JSON: C0 controls
// cannot appear raw in it, the others can). Newlines and tabs stay: a multi-line message keeps
// its lines. Everything else, including a backslash, is unchanged.
func escapeTerminal(s string) string {
	i := 0
	for i < len(s) {
		n := cleanPrefix(s[i:])
		if n == 0 {
			break
		}
		i += n
	}
	if i == len(s) {
		return s // the common case: nothing to escape, no copy
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		if n := cleanPrefix(s[i:]); n > 0 {
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError || r < 0x20:
			// C0, or one invalid byte (n == 1)
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[s[i]>>4])
			b.WriteByte(hexDigits[s[i]&0xf])
		default:
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hexDigits[r>>shift&0xf])
			}
		}
		i += n
	}
	return b.String()
}

const hexDigits = "0123456789abcdef"

// cleanPrefix returns the length of the longest prefix of s that needs no
// escaping, going byte by byte through ASCII (most of any output).
func cleanPrefix(s string) int {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		if c < 0x80 {
			return i
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, n) {
			return i
		}
		i += n
	}
	return i
}

// needsEscape reports whether the character r (n bytes of UTF-8) is one a
// terminal acts on rather than shows.
func needsEscape(r rune, n int) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f: // C0 controls (ESC, CR, BS, BEL, ...) and DEL
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls: CSI U+009B, OSC U+009D, ...
		return true
	case r == utf8.RuneError && n == 1: // a byte that is not UTF-8
		return true
	}
	return isBidiControl(r)
}

// isBidiControl reports the Unicode bidirectional formatting characters
// ("Trojan Source", CVE-2021-42574): embeddings and overrides
// U+202A-U+202E, isolates U+2066-U+2069, and the marks U+200E, U+200F and
// U+061C; also the line and paragraph separators U+2028 and U+2029, which
// some terminals break lines at.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// cliPrefix starts every line the command itself writes on stderr.
const cliPrefix = "corets-wasm:"

// unforged returns text, a module's output or an error message shown on a
// terminal, such that none of its lines can pass for one of the command's
// own: a line that starts with "corets-wasm:" (after blanks and invisible
// formatting characters such as U+200B) gets mark before it. Module lines
// get the module's code in brackets, as commands that prefix every line
// show them; the continuation lines of an error get an indent.
func unforged(text, mark string) string {
	if !strings.Contains(text, cliPrefix) {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeftFunc(l, invisible), cliPrefix) {
			lines[i] = mark + l
		}
	}
	return strings.Join(lines, "\n")
}

// invisible reports the characters a line may start with and still look
// as if it started with what follows them.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r)
}

// isTerminal reports whether v (the command's stdin, stdout or stderr) is
// a terminal. Only an *os.File can be one; the check is the terminal's own
// (termios on Unix, the console mode on Windows): a character device such
// as /dev/null is not a terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && f != nil && isTerminalFd(f.Fd())
}
