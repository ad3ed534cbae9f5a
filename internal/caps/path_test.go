package caps

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanPath(t *testing.T) {
	t.Parallel()
	good := []struct{ in, want string }{
		{"data/x", "data/x"},
		{"./data/x", "data/x"},
		{"data//x/", "data/x"},
		{"data/./x", "data/x"},
		{"data/../data/x", "data/x"},
		{".", "."},
		{"./", "."},
		{"data/..", "."},
		{"a/b/../../c", "c"},
		{"%2e%2e/x", "%2e%2e/x"}, // no percent-decoding: a literal name
		{"..a/b..c", "..a/b..c"},
		{".hidden", ".hidden"},
		{"console.log", "console.log"}, // CON only as a whole base name
		{"com10", "com10"},
		{"lpt", "lpt"},
		{"nullable", "nullable"},
		{"snow/☃", "snow/☃"},
		{" lead", " lead"},
		{strings.Repeat("a", MaxPathLen), strings.Repeat("a", MaxPathLen)},
	}
	for _, tc := range good {
		got, err := CleanPath(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("CleanPath(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"", "empty"},
		{"data/\x00x", "control"},
		{"data\nx", "control"},
		{"data\x7f", "control"},
		{"data\u0085", "control"},
		{"\xff", "UTF-8"},
		{"/etc/passwd", "absolute"},
		{"/", "absolute"},
		{`\x`, "absolute"},
		{`C:\x`, "drive"},
		{"C:x", "drive"},
		{"c:/x", "drive"},
		{"z:", "drive"},
		{`\\server\share`, "UNC"},
		{"//server/share", "UNC"},
		{`\\?\C:\`, "UNC"},
		{`\\.\PIPE\x`, "UNC"},
		{"//./x", "UNC"},
		{`/\x`, "UNC"},
		{`data\x`, "backslash"},
		{`data\..\..\x`, "backslash"},
		{"file.txt:secret", "':'"},
		{"file::$DATA", "':'"},
		{"data/a:b", "':'"},
		{"..", "leaves"},
		{"../etc/passwd", "leaves"},
		{"data/../../x", "leaves"},
		{"./..", "leaves"},
		{"a/b/../../../x", "leaves"},
		{"CON", "reserved"},
		{"data/con", "reserved"},
		{"nul.txt", "reserved"},
		{"NUL.tar.gz", "reserved"},
		{"data/Aux", "reserved"},
		{"prn", "reserved"},
		{"COM0", "reserved"},
		{"com9.log", "reserved"},
		{"LPT1", "reserved"},
		{"lpt5.x", "reserved"},
		{"COM¹", "reserved"},
		{"conin$", "reserved"},
		{"nul .txt", "reserved"},
		{"nul/../x", "reserved"}, // checked even though ".." removes it
		{"file.", "dot or a space"},
		{"data/x ", "dot or a space"},
		{"...", "dot or a space"},
		{"a/. /b", "dot or a space"},
		{strings.Repeat("a", MaxPathLen+1), "longer"},
	}
	for _, tc := range bad {
		got, err := CleanPath(tc.in)
		var denied *DeniedError
		if !errors.As(err, &denied) || denied.Grantable || !errors.Is(err, ErrDenied) {
			t.Errorf("CleanPath(%q) = %q, %v; want a refusal", tc.in, got, err)
			continue
		}
		if denied.Value != tc.in {
			t.Errorf("CleanPath(%q): Value = %q", tc.in, denied.Value)
		}
		if !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("CleanPath(%q): %q does not mention %q", tc.in, err, tc.reason)
		}
	}
}

func TestDeniedErrorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  *DeniedError
		want string
	}{
		{&DeniedError{Capability: "read", Value: "./secrets/key", Grantable: true},
			`read "./secrets/key" is not granted (add it to permissions.read in .core/view.yml)`},
		{&DeniedError{Capability: "read", Value: "../etc/passwd", Reason: "the path leaves the app root"},
			`read "../etc/passwd" is refused: the path leaves the app root`},
		{&DeniedError{Capability: "net", Value: "http://127.0.0.1/", Reason: "127.0.0.1 is a loopback address", Grantable: true, Hint: "grant the literal address in"},
			`net "http://127.0.0.1/" is refused: 127.0.0.1 is a loopback address (grant the literal address in permissions.net in .core/view.yml)`},
		{&DeniedError{Capability: "run", Value: "rm\n-rf", Grantable: true},
			`run "rm\n-rf" is not granted (add it to permissions.run in .core/view.yml)`},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
		if tc.err.JSName() != "PermissionDenied" || !errors.Is(tc.err, ErrDenied) {
			t.Errorf("%v: wrong JSName or Is", tc.err)
		}
	}
	long := (&DeniedError{Capability: "read", Value: strings.Repeat("é", 10000)}).Error()
	if len(long) > 1000 || !strings.Contains(long, "(20000 bytes)") {
		t.Errorf("a long value is not shortened: %d bytes", len(long))
	}
}

func TestPathSet(t *testing.T) {
	t.Parallel()
	s, err := NewPathSet("read", []string{"./data/", "data/deep/", "docs/readme.md", "data"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, grant string // grant "" means refused
	}{
		{"data", "data"},
		{"./data/x", "data"},
		{"data/deep", "data/deep"},
		{"data/deep/x/y", "data/deep"},
		{"data/deeper", "data"},
		{"data-secrets", ""},
		{"data-secrets/x", ""},
		{"datax", ""},
		{"dat", ""},
		{"docs/readme.md", "docs/readme.md"},
		{"docs/readme.md/x", "docs/readme.md"},
		{"docs/readme.mdx", ""},
		{"docs", ""},
		{".", ""},
		{"secrets/../data/x", "data"},
		{"data/../secrets", ""},
		{"../data", ""},
		{"DATA/x", ""}, // case matters: a false refusal, never a false grant
	}
	for _, tc := range tests {
		rel, err := s.Check(tc.path)
		if tc.grant == "" {
			var denied *DeniedError
			if !errors.As(err, &denied) || denied.Capability != "read" {
				t.Errorf("Check(%q) = %q, %v; want a read refusal", tc.path, rel, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Check(%q): %v", tc.path, err)
			continue
		}
		if g, ok := s.Match(rel); !ok || g != tc.grant {
			t.Errorf("Match(%q) = %q, %v; want %q", rel, g, ok, tc.grant)
		}
	}
	if got := s.Grants(); len(got) != 3 {
		t.Errorf("duplicates kept: %q", got)
	}

	_, err = s.Check("secrets/key")
	if want := `read "secrets/key" is not granted (add it to permissions.read in .core/view.yml)`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = s.Check("../etc/passwd")
	if want := `read "../etc/passwd" is refused: the path leaves the app root`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}

	for _, grants := range [][]string{nil, {}} {
		empty, err := NewPathSet("write", grants)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{".", "x", "data/x"} {
			if _, err := empty.Check(p); !errors.Is(err, ErrDenied) {
				t.Errorf("empty set allowed %q", p)
			}
		}
	}
	var nilSet *PathSet
	if _, err := nilSet.Check("x"); !errors.Is(err, ErrDenied) {
		t.Error("nil set allowed x")
	}

	for _, g := range []string{".", "./", "data/.."} {
		all, err := NewPathSet("read", []string{g})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{".", "x", "a/b/c"} {
			if _, err := all.Check(p); err != nil {
				t.Errorf("root grant %q refused %q: %v", g, p, err)
			}
		}
		if _, err := all.Check("../x"); err == nil {
			t.Errorf("root grant %q allowed ../x", g)
		}
	}
}

func TestNewPathSetErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		grants []string
		want   string
	}{
		{[]string{"data", "x", "../x"}, `permissions.read[2] "../x": the path leaves the app root`},
		{[]string{"/etc"}, `permissions.read[0] "/etc": the path is absolute`},
		{[]string{""}, `permissions.read[0] "": the path is empty`},
		{[]string{`C:\Windows`}, `permissions.read[0] "C:\\Windows": the path starts with a drive letter`},
		{[]string{"data/nul"}, `permissions.read[0] "data/nul": "nul" is a reserved device name on Windows`},
	}
	for _, tc := range tests {
		_, err := NewPathSet("read", tc.grants)
		if err == nil || err.Error() != tc.want {
			t.Errorf("NewPathSet(%q) = %v; want %s", tc.grants, err, tc.want)
		}
	}
}
