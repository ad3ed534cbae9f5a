package manifest

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

var fuzzOptions = Options{Capabilities: []string{"http", "queue"}}

func parseSeeds() []string {
	return []string{
		designExample,
		"code: a\n",
		"",
		"code: a\nsign: '" + strings.Repeat("A", 86) + "=='\n",
		"code: w\nruntime: wasm\nmain: ./bin/mod.wasm\npermissions: {http: [x], env: [HOME]}\n",
		"code: a\nlimits: {memory: 1.5GiB, fuel: 0x10, timeout: 1h, store_keys: 1_000}\n",
		"code: &a x\nname: *a\n<<: {a: 1}\nversion: !!str 1\n",
		"a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a]\nc: [*b,*b]\n",
		"code: x\n---\ncode: y\n",
		"{code: x, permissions: {read: [a, 1, \"\"]}}\n",
		"code: a\r\nsign: \"\"\r\nname: x\r\n",
		"code: a\rname: \"x\u2028y\u0085\"\r",
		"- a\n",
		"? [a]\n: b\n",
		"code: a\nmain: \"../x.ts\"\nlimits:\n  memory: 99999999999999999999\n",
	}
}

// FuzzParse: Parse never panics, and whatever it accepts passes Validate.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("f.yml", data, fuzzOptions)
		if err != nil {
			if m != nil {
				t.Fatal("a manifest and an error")
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 || len(list) > maxErrors+1 {
				t.Fatalf("error %T with %d entries: %v", err, len(list), err)
			}
			for _, e := range list {
				if e.File != "f.yml" || e.Msg == "" || e.Line < 0 || e.Column < 0 {
					t.Fatalf("malformed error %+v", e)
				}
			}
			return
		}
		if err := m.Validate(fuzzOptions); err != nil {
			t.Fatalf("Parse accepted what Validate refuses: %v\n%q", err, data)
		}
		for key, line := range m.Lines {
			if line < 1 {
				t.Fatalf("Lines[%q] = %d", key, line)
			}
		}
		// Signing reads manifests leniently; it must accept all Parse does.
		if _, errs := parse("f.yml", data, Options{}, true); errs != nil {
			t.Fatalf("the lenient parse refuses: %v", errs)
		}
	})
}

// FuzzSignLine: the bytes a signature covers (the manifest without its sign
// line) determine the manifest completely, and Sign's insertion of a sign
// line reads back as the same bytes.
func FuzzSignLine(f *testing.F) {
	for _, s := range parseSeeds() {
		f.Add([]byte(s))
	}
	f.Add([]byte("code: a\nsign: ~ # x\nname: y"))
	f.Add([]byte("  code: a\n  sign: 'AAAA'\n"))
	sig := strings.Repeat("B", 86) + "=="
	f.Fuzz(func(t *testing.T, data []byte) {
		spot, err := findSign("f.yml", data)
		if err != nil {
			return
		}
		rest := spot.without(data)
		m, errs := parse("f.yml", data, Options{}, true)
		if errs == nil {
			m2, errs2 := parse("f.yml", rest, Options{}, true)
			if errs2 != nil {
				t.Fatalf("valid manifest, invalid without its sign line: %v\n%q\n%q", errs2, data, rest)
			}
			m.Sign, m.Lines, m2.Lines = "", nil, nil
			if !reflect.DeepEqual(m, m2) {
				t.Fatalf("the sign line changes the manifest:\n%+v\n%+v\n%q", m, m2, data)
			}
		}
		// What Sign does.
		at := spot.start
		if !spot.found {
			if len(rest) > 0 && rest[len(rest)-1] != '\n' && rest[len(rest)-1] != '\r' {
				rest = append(rest[:len(rest):len(rest)], spot.nl...)
			}
			at = len(rest)
		}
		if _, errs := parse("f.yml", rest, Options{}, true); errs != nil {
			return
		}
		out := string(rest[:at]) + spot.indent + `sign: "` + sig + `"` + spot.nl + string(rest[at:])
		m, errs = parse("f.yml", []byte(out), Options{}, true)
		if errs != nil || m.Sign != sig {
			return // Sign refuses these
		}
		again, err := findSign("f.yml", []byte(out))
		if err != nil || !again.found || string(again.without([]byte(out))) != string(rest) {
			t.Fatalf("sign line not found back (%v):\n%q\n%q", err, out, rest)
		}
	})
}

// FuzzParseSize: ParseSize never panics, never returns a negative size, and
// reads FormatSize's output back.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"0", "64MiB", "4 KiB", "1.5MiB", "512kb", "9223372036854775807", "8388608TiB", "-1", "1.", ".5", "1e9", "  7  B "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err != nil {
			if n != 0 {
				t.Fatalf("ParseSize(%q) = %d with error %v", s, n, err)
			}
			return
		}
		if n < 0 {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
		back, err := ParseSize(FormatSize(n))
		if err != nil || back != n {
			t.Fatalf("ParseSize(FormatSize(%d)) = %d, %v", n, back, err)
		}
	})
}
