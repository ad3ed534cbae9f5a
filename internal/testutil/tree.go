package testutil

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// WriteTree writes files (slash-separated paths relative to dir → contents)
// under dir, creating directories as needed, and returns dir.
func WriteTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// CopyTree copies the tree fsys (e.g. os.DirFS("testdata/x")) into dir,
// which must not hold any of its files yet, and returns dir. Files keep
// their execute bits; symbolic links are refused (os.CopyFS).
func CopyTree(t testing.TB, dir string, fsys fs.FS) string {
	t.Helper()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return dir
}
