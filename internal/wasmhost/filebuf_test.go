package wasmhost

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestReadFileBuf(t *testing.T) {
	dir := t.TempDir()
	want := bytes.Repeat([]byte("corets"), 5000)
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, want, 0o600); err != nil {
		t.Fatal(err)
	}
	data, free, err := readFileBuf(file, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) || cap(data) != len(want) {
		t.Errorf("read %d bytes (cap %d), want the file's %d", len(data), cap(data), len(want))
	}
	free()

	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	if data, free, err := readFileBuf(empty, 10); err != nil || len(data) != 0 {
		t.Errorf("empty file: %d bytes, %v", len(data), err)
	} else {
		free()
	}
	for name, path := range map[string]string{"too big": file, "a directory": dir, "missing": filepath.Join(dir, "nope")} {
		if _, _, err := readFileBuf(path, 100); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestBufReaderCloseTwice(t *testing.T) {
	freed := 0
	r := &bufReader{Reader: bytes.NewReader([]byte("abc")), free: func() { freed++ }}
	r.Close()
	r.Close()
	if n, _ := r.Read(make([]byte, 3)); freed != 1 || n != 0 {
		t.Errorf("freed %d times, read %d bytes after Close", freed, n)
	}
}
