package cachefile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestKeyFile: the key is created 0600 and reused; one readable by
// others is replaced.
func TestKeyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	k1, err := loadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := loadKey(dir)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("the key changed: %v", err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, KeyFile)); fi.Mode().Perm()&0o077 != 0 && checkKeyMode(fi) != nil {
		t.Errorf("key mode %v", fi.Mode())
	}
	os.WriteFile(filepath.Join(dir, KeyFile), []byte("short"), 0o600)
	k3, err := loadKey(dir)
	if err != nil || bytes.Equal(k3, k1) || len(k3) != keySize {
		t.Fatalf("a bad key file was not replaced: %v", err)
	}
}

// A sealed value depends on every part and on where parts end.
func TestSeal(t *testing.T) {
	t.Parallel()
	key := bytes.Repeat([]byte{7}, keySize)
	a := Seal(key, []byte("ab"), []byte("c"))
	for _, other := range [][]byte{
		Seal(key, []byte("a"), []byte("bc")),
		Seal(key, []byte("abc")),
		Seal(bytes.Repeat([]byte{8}, keySize), []byte("ab"), []byte("c")),
	} {
		if bytes.Equal(a, other) {
			t.Errorf("two different inputs seal alike")
		}
	}
	if !bytes.Equal(a, Seal(key, []byte("ab"), []byte("c"))) {
		t.Errorf("sealing is not deterministic")
	}
}

// Write replaces a file whole and leaves no temporary file behind.
func TestWrite(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "cache")
	file := filepath.Join(dir, "f")
	for _, data := range []string{"first", "second"} {
		if err := Write(dir, file, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(file); string(got) != data {
			t.Errorf("file holds %q, want %q", got, data)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the cache directory, want 1", len(entries))
	}
}
