package sourcemap

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// testSourceMap: line 1 has a.ts 1:1 at column 1 and a.ts 1:5 at column 5;
// line 2 nothing; line 3 a.ts 2:5 at column 1 and b.ts 2:7 at column 6 (the
// original column carries over from line to line), and an unmapped segment
// at column 9.
const testSourceMap = `{"version":3,"sources":["a.ts","b.ts"],"sourcesContent":["a",null],"names":["x"],"mappings":"AAAA,IAAI;;AACA,KCAE,G"}`

func TestSourceMapLookup(t *testing.T) {
	m, err := Parse([]byte(testSourceMap))
	if err != nil {
		t.Fatal(err)
	}
	if m.SourcesContent[0] != "a" || m.SourcesContent[1] != "" {
		t.Errorf("sourcesContent %q", m.SourcesContent)
	}
	tests := []struct {
		line, col   int
		file        string
		oline, ocol int
		ok          bool
	}{
		{1, 1, "a.ts", 1, 1, true},
		{1, 4, "a.ts", 1, 1, true},
		{1, 5, "a.ts", 1, 5, true},
		{1, 500, "a.ts", 1, 5, true},
		{1, 0, "a.ts", 1, 1, true}, // before the first mapping: the line's first
		{2, 1, "", 0, 0, false},
		{3, 1, "a.ts", 2, 5, true},
		{3, 6, "b.ts", 2, 7, true},
		{3, 8, "b.ts", 2, 7, true},
		{3, 9, "", 0, 0, false}, // unmapped segment
		{3, 50, "", 0, 0, false},
		{4, 1, "", 0, 0, false},
		{0, 1, "", 0, 0, false},
		{-1, -1, "", 0, 0, false},
		{1 << 40, 1, "", 0, 0, false},
	}
	for _, tt := range tests {
		file, ol, oc, ok := m.Lookup(tt.line, tt.col)
		if file != tt.file || ol != tt.oline || oc != tt.ocol || ok != tt.ok {
			t.Errorf("Lookup(%d, %d) = %q %d %d %v, want %q %d %d %v", tt.line, tt.col, file, ol, oc, ok, tt.file, tt.oline, tt.ocol, tt.ok)
		}
	}
	var nilMap *Map
	if _, _, _, ok := nilMap.Lookup(1, 1); ok {
		t.Error("a nil map looked something up")
	}
}

func TestSourceMapParseErrors(t *testing.T) {
	good := func(mappings string) string {
		return `{"version":3,"sources":["a.ts"],"names":[],"mappings":"` + mappings + `"}`
	}
	tests := []struct {
		name, data string
		ok         bool
	}{
		{"minimal", good("AAAA"), true},
		{"empty mappings", good(""), true},
		{"only separators", good(";;,;"), true},
		{"five fields", `{"version":3,"sources":["a.ts"],"names":["n"],"mappings":"AAAAA"}`, true},
		{"source root", `{"version":3,"sourceRoot":"src/","sources":["a.ts"],"mappings":"AAAA"}`, true},
		{"not json", `{"version":3,`, false},
		{"not an object", `[]`, false},
		{"version 2", `{"version":2,"sources":[],"mappings":""}`, false},
		{"no version", `{"sources":[],"mappings":""}`, false},
		{"index map", `{"version":3,"sections":[]}`, false},
		{"bad character", good("AA!A"), false},
		{"two fields", good("AA"), false},
		{"three fields", good("AAA"), false},
		{"six fields", good("AAAAAA"), false},
		{"source out of range", good("ACAA"), false},
		{"negative source", good("ADAA"), false},
		{"negative line", good("AAFA"), false},
		{"negative column", good("AAAF"), false},
		{"name out of range", good("AAAAA"), false},
		{"unterminated", good("AAAg"), false},
		{"unterminated at a separator", good("AAg,AAAA"), false},
		{"huge value", good("gggggggggggggA"), false},
		{"negative generated column", good("D"), false},
		{"mappings not a string", `{"version":3,"sources":[],"mappings":1}`, false},
	}
	for _, tt := range tests {
		m, err := Parse([]byte(tt.data))
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok %v", tt.name, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v does not wrap ErrInvalid", tt.name, err)
		}
		if tt.name == "source root" && m != nil && m.Sources[0] != "src/a.ts" {
			t.Errorf("source root: sources %q", m.Sources)
		}
	}
}

func TestMapStack(t *testing.T) {
	m, err := Parse([]byte(testSourceMap))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"    at f (b.js:3:6)\n", "    at f (b.ts:2:7)\n"},
		{"    at f (b.js:3:6)\n    at g (b.js:1:5)\n", "    at f (b.ts:2:7)\n    at g (a.ts:1:5)\n"},
		{"b.js:1:1 then b.js:3:7", "a.ts:1:1 then b.ts:2:7"},
		{"at f (b.js:3)", "at f (a.ts:2)"},                 // no column: the line's first mapping
		{"at f (b.js:2:1)", "at f (b.js:2:1)"},             // unmapped line
		{"at f (b.js:3:9)", "at f (b.js:3:9)"},             // unmapped segment
		{"at f (x-b.js:1:1)", "at f (x-b.js:1:1)"},         // another file
		{"at f (dir/b.js:1:1)", "at f (dir/b.js:1:1)"},     // another file
		{"at f (b.jsx:1:1)", "at f (b.jsx:1:1)"},           // another file
		{"at f (b.js:abc)", "at f (b.js:abc)"},             // no position
		{"b.js:", "b.js:"},                                 // nothing after
		{"b.js:1:", "a.ts:1:"},                             // line only; the colon stays
		{"at b.js:99999999999:1", "at b.js:99999999999:1"}, // absurd line
		{"at f (native)\n", "at f (native)\n"},             // nothing to map
		{"", ""},
	}
	for _, tt := range tests {
		if got := m.MapStack(tt.in, "b.js"); got != tt.want {
			t.Errorf("MapStack(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := m.MapStack("at b.js:1:1", ""); got != "at b.js:1:1" {
		t.Errorf("an empty bundle name mapped: %q", got)
	}
	var nilMap *Map
	if got := nilMap.MapStack("at b.js:1:1", "b.js"); got != "at b.js:1:1" {
		t.Errorf("a nil map mapped: %q", got)
	}
}

// TestSourceMapRoundTrip decodes mappings encoded by a straightforward
// encoder and finds every segment again.
func TestSourceMapRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	type seg struct{ gl, gc, src, ol, oc int }
	var segs []seg
	for gl := range 200 {
		gc := 0
		for range r.IntN(6) {
			gc += 1 + r.IntN(40)
			segs = append(segs, seg{gl, gc, r.IntN(3), r.IntN(100000), r.IntN(300)})
		}
	}
	var b strings.Builder
	line, prevSrc, prevOL, prevOC := 0, 0, 0, 0
	prevGC := 0
	for i, s := range segs {
		for line < s.gl {
			b.WriteByte(';')
			line++
			prevGC = 0
		}
		if i > 0 && segs[i-1].gl == s.gl {
			b.WriteByte(',')
		}
		for _, v := range []int{s.gc - prevGC, s.src - prevSrc, s.ol - prevOL, s.oc - prevOC} {
			b.WriteString(testEncodeVLQ(v))
		}
		prevGC, prevSrc, prevOL, prevOC = s.gc, s.src, s.ol, s.oc
	}
	data, _ := json.Marshal(map[string]any{"version": 3, "sources": []string{"a", "b", "c"}, "mappings": b.String()})
	m, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range segs {
		file, ol, oc, ok := m.Lookup(s.gl+1, s.gc+1)
		if !ok || file != string(rune('a'+s.src)) || ol != s.ol+1 || oc != s.oc+1 {
			t.Fatalf("segment %+v: Lookup = %q %d %d %v", s, file, ol, oc, ok)
		}
	}
}

func testEncodeVLQ(v int) string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	u := v << 1
	if v < 0 {
		u = (-v << 1) | 1
	}
	var b strings.Builder
	for {
		d := u & 31
		u >>= 5
		if u > 0 {
			d |= 32
		}
		b.WriteByte(digits[d])
		if u == 0 {
			return b.String()
		}
	}
}

func FuzzParseSourceMap(f *testing.F) {
	f.Add([]byte(testSourceMap), "at f (b.js:3:6)\nb.js:1")
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"AAAA;AACA,gBAAgB"}`), "b.js:2:17")
	f.Add([]byte(`{"version":3,"sources":[null],"mappings":";;;"}`), "b.js:b.js:1:1")
	f.Fuzz(func(t *testing.T, data []byte, stack string) {
		m, err := Parse(data)
		if err != nil {
			return
		}
		for line := -1; line < 5; line++ {
			for col := -1; col < 30; col += 7 {
				if file, ol, oc, ok := m.Lookup(line, col); ok && (ol < 1 || oc < 1) {
					t.Fatalf("Lookup(%d, %d) = %q %d %d", line, col, file, ol, oc)
				}
			}
		}
		m.MapStack(stack, "b.js")
	})
}

// TestSourceMapHostileSize: a map of nothing but line separators, or of
// more segments than any bundle has, is refused instead of costing
// gigabytes (10 MB of ";" allocated 1.1 GB before the bound).
func TestSourceMapHostileSize(t *testing.T) {
	for name, mappings := range map[string]string{
		"lines":    strings.Repeat(";", maxMapLines),
		"segments": strings.Repeat("A,", maxMapSegments) + "A",
	} {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		_, err := Parse([]byte(`{"version":3,"sources":["a"],"names":[],"mappings":"` + mappings + `"}`))
		runtime.ReadMemStats(&b)
		t.Logf("%s: %d MB allocated parsing %d MB", name, (b.TotalAlloc-a.TotalAlloc)>>20, len(mappings)>>20)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v, want ErrInvalid", name, err)
		}
	}
}
