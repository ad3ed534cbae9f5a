package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// No production package may import testutil: only test files do.
func TestOnlyTestsImportTestutil(t *testing.T) {
	t.Parallel()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}: {{join .Imports " "}}`, "github.com/corets/corets-wasm/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const self = "github.com/corets/corets-wasm/internal/testutil"
	for _, line := range strings.Split(string(out), "\n") {
		pkg, imports, _ := strings.Cut(line, ": ")
		for _, imp := range strings.Fields(imports) {
			if imp == self {
				t.Errorf("%s imports %s outside its tests", pkg, self)
			}
		}
	}
}

func TestWriteTreeAndWaitFor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	WriteTree(t, dir, map[string]string{"a/.core/view.yml": "code: a\n", "a/main.ts": "export {}"})
	dst := t.TempDir()
	CopyTree(t, dst, os.DirFS(dir))
	if b, err := os.ReadFile(filepath.Join(dst, "a", ".core", "view.yml")); err != nil || string(b) != "code: a\n" {
		t.Fatalf("copied view.yml: %q, %v", b, err)
	}
	n := 0
	WaitFor(t, "the third look", func() bool { n++; return n == 3 })
}
