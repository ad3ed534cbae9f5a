package cachefile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "rec")
	data := bytes.Repeat([]byte("x"), 100)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := Read(file, 100); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Read at its limit: %q, %v", got, err)
	}
	if _, err := Read(file, 99); err == nil {
		t.Error("a file over the limit was read")
	}
	if _, err := Read(dir, 1<<20); err == nil {
		t.Error("a directory was read as a file")
	}
	if _, err := Read(filepath.Join(dir, "missing"), 1); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v, want not-exist", err)
	}
}
