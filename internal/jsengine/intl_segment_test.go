package jsengine

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSegmentUnicodeCases runs the Unicode 17.0 conformance cases
// (GraphemeBreakTest, WordBreakTest, SentenceBreakTest) through intl.segment.
func TestSegmentUnicodeCases(t *testing.T) {
	for _, k := range []struct{ file, kind string }{
		{"GraphemeBreakTest", "G"}, {"WordBreakTest", "W"}, {"SentenceBreakTest", "S"},
	} {
		t.Run(k.file, func(t *testing.T) {
			f, err := os.Open("testdata/segment/" + k.file + ".txt")
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			cases, fails := 0, 0
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "#") || line == "" {
					continue
				}
				var text []byte
				var want []string
				units := 0
				for _, tok := range strings.Fields(line)[1:] {
					switch tok {
					case "÷":
						want = append(want, strconv.Itoa(units))
					case "×":
					default:
						r, err := strconv.ParseUint(tok, 16, 32)
						if err != nil {
							t.Fatalf("%q: %v", line, err)
						}
						if r >= 0xD800 && r < 0xE000 {
							r = 0xFFFD // the bridge hands lone surrogates over as U+FFFD
						}
						text = utf8.AppendRune(text, rune(r))
						units++
						if r >= 0x10000 {
							units++
						}
					}
				}
				out, err := intlSegment(context.Background(), nil, append([]byte(k.kind+"0"), text...))
				if err != nil {
					t.Fatal(err)
				}
				got := strings.ReplaceAll(string(out), "*", "")
				cases++
				if got != strings.Join(want, ",") {
					fails++
					if fails <= 10 {
						t.Errorf("%s: got %s want %s", line, got, strings.Join(want, ","))
					}
				}
			}
			if fails > 0 {
				t.Errorf("%d of %d cases fail", fails, cases)
			}
			t.Logf("%d cases", cases)
		})
	}
}

// FuzzIntlSegment: any window segments without panicking, into segments
// that tile it (all of it when no more text follows).
func FuzzIntlSegment(f *testing.F) {
	for _, s := range []string{"G0a\u0301b", "W1hello world", "S0One. Two?", "G0🇩🇪🇫", "W0can't 3.14", "S1a. b", "G1" + strings.Repeat("\u0301", 100)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, arg []byte) {
		out, err := intlSegment(context.Background(), nil, arg)
		if err != nil {
			return
		}
		units := 0
		for _, c := range decodeSegChars(arg[2:]) {
			units = c.units
		}
		prev := 0
		for _, e := range strings.Split(string(out), ",") {
			if e == "" {
				continue
			}
			n, err := strconv.Atoi(strings.TrimSuffix(e, "*"))
			if err != nil || n <= prev || n > units {
				t.Fatalf("%q: bad end %q in %q", arg, e, out)
			}
			prev = n
		}
		if arg[1] != '1' && prev != units {
			t.Fatalf("%q: segments end at %d of %d", arg, prev, units)
		}
	})
}
