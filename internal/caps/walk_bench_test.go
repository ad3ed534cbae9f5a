package caps

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFSReadFile reads a file three directories below a grant of the
// whole app root, with and without reserved identities to compare.
func BenchmarkFSReadFile(b *testing.B) {
	app := b.TempDir()
	p := filepath.Join(app, "a", "b", "c", "f.txt")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("hello"), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(app, ".corets"), 0o700); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"plain", "reserved"} {
		b.Run(name, func(b *testing.B) {
			f, err := OpenFS(app, []string{"./"}, nil)
			if name == "reserved" {
				var res *Reserved
				if res, err = NewReserved([]string{filepath.Join(app, ".corets")}, nil, []string{filepath.Join(app, "modules")}); err == nil {
					f, err = OpenFSReserved(app, []string{"./"}, nil, res)
				}
			}
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			for b.Loop() {
				if _, err := f.ReadFile("a/b/c/f.txt", 100); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
