package manifest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testKey returns a fixed key pair; seed picks which.
func testKey(seed byte) (ed25519.PublicKey, ed25519.PrivateKey) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
	return priv.Public().(ed25519.PublicKey), priv
}

func testModule(t *testing.T) string {
	t.Helper()
	return writeModule(t, map[string]string{
		Path:                designExample,
		"main.ts":           "import {x} from './lib/util.ts'\nexport function handle() { return x }\n",
		"lib/util.ts":       "export const x = 1\n",
		"data/empty.json":   "",
		".git/HEAD":         "ref: refs/heads/main\n",
		"sub/.git/config":   "[core]\n",
		".core/notes.txt":   "covered too\n",
		"node_modules/a.js": "module.exports = 1\n",
	})
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSignRoundTrip(t *testing.T) {
	t.Parallel()
	pub, priv := testKey(1)
	dir := testModule(t)
	manifest := filepath.Join(dir, ".core", "view.yml")
	if err := Verify(dir, pub); !errors.Is(err, ErrUnsigned) || !strings.Contains(err.Error(), manifest) {
		t.Fatalf("before signing: %v", err)
	}
	if err := Sign(dir, priv); err != nil {
		t.Fatal(err)
	}
	if err := Verify(dir, pub); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	got := readFile(t, manifest)
	if !strings.HasPrefix(got, designExample) || strings.Count(got, "sign:") != 1 || !strings.HasSuffix(got, "\"\n") {
		t.Errorf("signed manifest:\n%s", got)
	}
	m, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Sign == "" || m.Lines["sign"] != 15 {
		t.Errorf("Sign = %q, line %d", m.Sign, m.Lines["sign"])
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, ".core")); len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestPayload(t *testing.T) {
	t.Parallel()
	dir := testModule(t)
	p, err := Payload(dir)
	if err != nil {
		t.Fatal(err)
	}
	sum := func(s string) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(s))) }
	want := "corets-wasm signature v1\n" +
		sum(designExample) + "  .core/view.yml\n" +
		sum("covered too\n") + "  .core/notes.txt\n" +
		sum("") + "  data/empty.json\n" +
		sum("export const x = 1\n") + "  lib/util.ts\n" +
		sum("import {x} from './lib/util.ts'\nexport function handle() { return x }\n") + "  main.ts\n" +
		sum("module.exports = 1\n") + "  node_modules/a.js\n"
	if string(p) != want {
		t.Errorf("Payload:\n%s\nwant:\n%s", p, want)
	}
	// Signing does not change the payload: the sign line is left out.
	_, priv := testKey(1)
	if err := Sign(dir, priv); err != nil {
		t.Fatal(err)
	}
	p2, err := Payload(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p, p2) {
		t.Errorf("payload changed by signing:\n%s", p2)
	}
	// Sorting is by whole slash path ("a-b" before "a/b"), not walk order.
	sorted := writeModule(t, map[string]string{Path: "code: a\n", "a/b": "1", "a-b": "2"})
	p, err = Payload(sorted)
	if err != nil {
		t.Fatal(err)
	}
	if i, j := bytes.Index(p, []byte("  a-b\n")), bytes.Index(p, []byte("  a/b\n")); i < 0 || j < 0 || i > j {
		t.Errorf("payload order:\n%s", p)
	}
}

func TestVerifyDetectsChanges(t *testing.T) {
	t.Parallel()
	pub, priv := testKey(1)
	otherPub, _ := testKey(2)
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		ok     bool   // the change is not covered by the signature
		errHas string // extra text the error must hold
	}{
		{"nothing", func(t *testing.T, dir string) {}, true, ""},
		{"one byte of main.ts", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "main.ts")
			b := []byte(readFile(t, p))
			b[len(b)-3] ^= 1
			writeFile(t, p, string(b))
		}, false, ""},
		{"one byte of a comment in the manifest", func(t *testing.T, dir string) {
			p := filepath.Join(dir, ".core", "view.yml")
			writeFile(t, p, strings.Replace(readFile(t, p), "# identity", "# identitY", 1))
		}, false, ""},
		{"a space added at the end of a manifest line", func(t *testing.T, dir string) {
			p := filepath.Join(dir, ".core", "view.yml")
			writeFile(t, p, strings.Replace(readFile(t, p), "name: My Module\n", "name: My Module \n", 1))
		}, false, ""},
		{"a permission added", func(t *testing.T, dir string) {
			p := filepath.Join(dir, ".core", "view.yml")
			writeFile(t, p, strings.Replace(readFile(t, p), `run:   ["ffmpeg"]`, `run:   ["ffmpeg", "sh"]`, 1))
		}, false, ""},
		{"a file added", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "lib", "extra.ts"), "")
		}, false, ""},
		{"a file added in .core", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, ".core", "x"), "")
		}, false, ""},
		{"a file removed", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "lib", "util.ts")); err != nil {
				t.Fatal(err)
			}
		}, false, ""},
		{"a file renamed", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, "lib", "util.ts"), filepath.Join(dir, "lib", "util2.ts")); err != nil {
				t.Fatal(err)
			}
		}, false, ""},
		{"an empty file emptied... no: a file truncated", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "lib", "util.ts"), "")
		}, false, ""},
		{"a symbolic link added", func(t *testing.T, dir string) {
			symlink(t, filepath.Join(dir, "main.ts"), filepath.Join(dir, "link.ts"))
		}, false, "is a symbolic link"},
		{"the sign line's comment changed", func(t *testing.T, dir string) {
			p := filepath.Join(dir, ".core", "view.yml")
			writeFile(t, p, strings.TrimSuffix(readFile(t, p), "\n")+" # signed by ops\n")
		}, true, ""},
		{"an empty directory added", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, true, ""},
		{"inside .git", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/evil\n")
			writeFile(t, filepath.Join(dir, "sub", ".git", "new"), "x")
		}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testModule(t)
			if err := Sign(dir, priv); err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			err := Verify(dir, pub)
			if tt.ok {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrBadSignature) {
				t.Fatalf("Verify = %v, want ErrBadSignature", err)
			}
			if !strings.Contains(err.Error(), filepath.Join(dir, ".core", "view.yml")) || !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("error = %v", err)
			}
		})
	}
	t.Run("wrong key", func(t *testing.T) {
		dir := testModule(t)
		if err := Sign(dir, priv); err != nil {
			t.Fatal(err)
		}
		if err := Verify(dir, otherPub); !errors.Is(err, ErrBadSignature) {
			t.Errorf("Verify = %v", err)
		}
	})
	t.Run("signature copied to another module", func(t *testing.T) {
		a, b := testModule(t), testModule(t)
		writeFile(t, filepath.Join(b, "main.ts"), "export function handle() { return 'evil' }\n")
		if err := Sign(a, priv); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(b, Path), readFile(t, filepath.Join(a, Path)))
		if err := Verify(b, pub); !errors.Is(err, ErrBadSignature) {
			t.Errorf("Verify = %v", err)
		}
	})
}

func TestVerifyUnsigned(t *testing.T) {
	t.Parallel()
	pub, _ := testKey(1)
	for name, src := range map[string]string{
		"no sign key":     "code: a\n",
		"null sign":       "code: a\nsign:\n",
		"empty sign":      "code: a\nsign: \"\"\n",
		"sign with tilde": "code: a\nsign: ~\n",
	} {
		dir := writeModule(t, map[string]string{Path: src})
		if err := Verify(dir, pub); !errors.Is(err, ErrUnsigned) {
			t.Errorf("%s: Verify = %v", name, err)
		}
	}
	// A missing manifest is not "unsigned": there is nothing to verify.
	if err := Verify(t.TempDir(), pub); !errors.Is(err, ErrNotFound) {
		t.Errorf("no manifest: Verify = %v", err)
	}
	// An invalid manifest says why.
	dir := writeModule(t, map[string]string{Path: "code: A\n"})
	if err := Verify(dir, pub); err == nil || !strings.Contains(err.Error(), "code:") {
		t.Errorf("invalid manifest: Verify = %v", err)
	}
	if err := Verify(writeModule(t, map[string]string{Path: "code: a\n"}), pub[:5]); err == nil || !strings.Contains(err.Error(), "public key has 5 bytes") {
		t.Errorf("short key: Verify = %v", err)
	}
}

func TestResign(t *testing.T) {
	t.Parallel()
	pub1, priv1 := testKey(1)
	pub2, priv2 := testKey(2)
	tests := []struct {
		name, src string
		line      int // expected line of the sign key after signing
	}{
		{"appended", "code: a\nname: x\n", 3},
		{"no final newline", "code: a\nname: x", 3},
		{"no final newline after a comment", "code: a\n# end", 3},
		{"replaced in the middle", "code: a\nsign: \"\"   # filled in by Sign\nname: x\n", 2},
		{"replaced, plain value", "code: a\nsign: ~\nname: x\n", 2},
		{"replaced, single quotes", "code: a\nsign: ''\n", 2},
		{"replaced on the last line without newline", "code: a\nsign:", 2},
		{"CRLF", "code: a\r\nname: x\r\n", 3},
		{"CRLF replaced", "code: a\r\nsign: \"\"\r\nname: x\r\n", 2},
		{"indented top level", "  code: a\n  name: x\n", 3},
		{"extra capability", "code: a\npermissions:\n  http: [x]\n", 4},
		{"after a block scalar", "code: a\nname: >-\n  folded\n  text\n", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{Path: tt.src, "main.ts": "x"})
			for _, priv := range []ed25519.PrivateKey{priv1, priv2} {
				if err := Sign(dir, priv); err != nil {
					t.Fatal(err)
				}
			}
			if err := Verify(dir, pub2); err != nil {
				t.Fatalf("Verify(key 2): %v", err)
			}
			if err := Verify(dir, pub1); !errors.Is(err, ErrBadSignature) {
				t.Errorf("Verify(key 1) = %v, want ErrBadSignature", err)
			}
			got := readFile(t, filepath.Join(dir, Path))
			if n := strings.Count(got, "sign:"); n != 1 {
				t.Errorf("%d sign lines:\n%s", n, got)
			}
			m, err := Load(dir, Options{Capabilities: []string{"http"}})
			if err != nil {
				t.Fatal(err)
			}
			if m.Lines["sign"] != tt.line {
				t.Errorf("sign on line %d, want %d:\n%s", m.Lines["sign"], tt.line, got)
			}
			if strings.Contains(tt.src, "\r\n") && strings.Count(got, "\n") != strings.Count(got, "\r\n") {
				t.Errorf("line endings mixed:\n%q", got)
			}
			if strings.Contains(tt.src, "Sign\n") && !strings.Contains(got, "\"\nname: x\n") {
				t.Errorf("the old line's comment should go with it:\n%s", got)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	t.Parallel()
	_, priv := testKey(1)
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"invalid manifest", map[string]string{Path: "code: A\n"}, `code: "A" contains 'A'`},
		{"multi-line sign", map[string]string{Path: "code: a\nsign: >\n  AAAA\n"}, `sign: must be on a line of its own`},
		{"flow mapping", map[string]string{Path: "{code: a, sign: ''}\n"}, `sign: must be on a line of its own`},
		{"flow mapping without sign", map[string]string{Path: "{code: a}\n"}, `cannot add a sign line`},
		{"document end marker", map[string]string{Path: "code: a\n...\n"}, `cannot add a sign line`},
		{"sign line with trailing blanks", map[string]string{Path: "code: a\nlimits: {fuel: 1}\nsign: \"\" \n"}, ""},
		{"duplicate sign", map[string]string{Path: "code: a\nsign: ''\nsign: ''\n"}, "sign: duplicate key (first at line 2)"},
		{"symlink in the module", map[string]string{Path: "code: a\n", "x": ""}, "is a symbolic link"},
		{"no manifest", map[string]string{"main.ts": ""}, "no manifest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, tt.files)
			if tt.name == "symlink in the module" {
				symlink(t, "x", filepath.Join(dir, "y"))
			}
			before, _ := os.ReadFile(filepath.Join(dir, Path))
			err := Sign(dir, priv)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Sign = %v, want %q", err, tt.want)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, Path)); !bytes.Equal(before, after) {
				t.Errorf("the manifest changed although Sign failed:\n%s", after)
			}
		})
	}
	if err := Sign(t.TempDir(), priv[:10]); err == nil || !strings.Contains(err.Error(), "private key has 10 bytes") {
		t.Errorf("short key: %v", err)
	}
}

func TestSignLimits(t *testing.T) {
	// Not parallel: lowers signedFilesCap and signedBytesCap, package globals.
	_, priv := testKey(1)
	defer func(f int, b int64) { signedFilesCap, signedBytesCap = f, b }(signedFilesCap, signedBytesCap)
	signedFilesCap, signedBytesCap = 3, 10

	dir := writeModule(t, map[string]string{Path: "code: a\n", "a": "1", "b": "2", "c": "3"})
	if err := Sign(dir, priv); err != nil {
		t.Fatalf("at the file cap: %v", err)
	}
	writeFile(t, filepath.Join(dir, "d"), "4")
	if err := Sign(dir, priv); err == nil || !strings.Contains(err.Error(), "more than 3 files") {
		t.Errorf("above the file cap: %v", err)
	}
	if err := Verify(dir, priv.Public().(ed25519.PublicKey)); !errors.Is(err, ErrBadSignature) || !strings.Contains(err.Error(), "more than 3 files") {
		t.Errorf("Verify above the file cap: %v", err)
	}

	dir = writeModule(t, map[string]string{Path: "code: a\n", "a": "12345", "b": "12345"})
	if err := Sign(dir, priv); err != nil {
		t.Fatalf("at the byte cap: %v", err)
	}
	writeFile(t, filepath.Join(dir, "b"), "123456")
	if err := Sign(dir, priv); err == nil || !strings.Contains(err.Error(), "more than 10 bytes") {
		t.Errorf("above the byte cap: %v", err)
	}
}

func TestSignBadFileNames(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses such names itself")
	}
	_, priv := testKey(1)
	for _, name := range []string{"a\nb", "x\x1b[31m", "bad\xffutf8"} {
		dir := writeModule(t, map[string]string{Path: "code: a\n"})
		writeFile(t, filepath.Join(dir, name), "")
		if err := Sign(dir, priv); err == nil || !strings.Contains(err.Error(), "the file name must") {
			t.Errorf("%q: Sign = %v", name, err)
		}
	}
}

func TestSignKeepsPermissions(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits")
	}
	_, priv := testKey(1)
	dir := writeModule(t, map[string]string{Path: "code: a\n"})
	p := filepath.Join(dir, Path)
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := Sign(dir, priv); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v", st.Mode())
	}
}

func TestSignLineSplitting(t *testing.T) {
	t.Parallel()
	// Line breaks YAML counts (CR alone, NEL, LS, PS) must not throw the
	// sign line off: Sign checks its own work, so it either succeeds and
	// verifies, or refuses.
	pub, priv := testKey(1)
	for _, src := range []string{
		"code: a\rname: x\rsign: ''\r",
		"code: a\nname: \"x\u2028y\"\nsign: ''\n",
		"code: a\nname: \"x\u0085y\"\nsign: ''\n",
		"code: a\n# \u2029 comment\nsign: ''\n",
		"\ufeffcode: a\nsign: ''\n",
		"sign: ''\ncode: a\n",
	} {
		dir := writeModule(t, map[string]string{Path: src})
		if err := Sign(dir, priv); err != nil {
			t.Logf("%q: refused: %v", src, err)
			continue
		}
		if err := Verify(dir, pub); err != nil {
			t.Errorf("%q: Verify: %v", src, err)
		}
		if got := readFile(t, filepath.Join(dir, Path)); strings.Count(got, "sign:") != 1 {
			t.Errorf("%q: signed as %q", src, got)
		}
	}
}

func TestLoadVerified(t *testing.T) {
	t.Parallel()
	pub, priv := testKey(1)
	otherPub, _ := testKey(2)
	dir := testModule(t)
	if _, err := LoadVerified(dir, Options{}, pub); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned: %v", err)
	}
	if err := Sign(dir, priv); err != nil {
		t.Fatal(err)
	}
	m, err := LoadVerified(dir, Options{}, pub)
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "my-module" || m.Sign == "" {
		t.Errorf("m = %+v", m)
	}
	if _, err := LoadVerified(dir, Options{}, otherPub); !errors.Is(err, ErrBadSignature) {
		t.Errorf("wrong key: %v", err)
	}
	// Strict parsing still applies: a capability the embedder does not
	// know is refused even though the signature is fine.
	capDir := writeModule(t, map[string]string{Path: "code: a\npermissions:\n  http: [x]\n"})
	if err := Sign(capDir, priv); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadVerified(capDir, Options{}, pub); err == nil || !strings.Contains(err.Error(), `unknown key "http"`) {
		t.Errorf("unknown capability: %v", err)
	}
	if _, err := LoadVerified(capDir, Options{Capabilities: []string{"http"}}, pub); err != nil {
		t.Errorf("known capability: %v", err)
	}
	if _, err := LoadVerified(t.TempDir(), Options{AllowMissing: true}, pub); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
}
