package install

// unpackTest unpacks an archive into a new directory and returns it.
import (
	"archive/tar"
	"archive/zip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func unpackTest(t *testing.T, kind sourceKind, path string, lim unpackLimits) (string, error) {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "dst")
	os.Mkdir(dst, 0o755)
	root, err := os.OpenRoot(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	u := &unpacker{ctx: context.Background(), root: root, lim: lim}
	return dst, unpackArchive(u, kind, path)
}

// The lying zip and the gzip bomb stop at the limit: no more than it is
// ever written.
func TestUnpackStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lim := unpackLimits{maxBytes: 1 << 20, maxFiles: 100}
	zp := filepath.Join(dir, "lie.zip")
	writeZip(t, zp, []zipEntry{{name: "zeros", zeros: 16 << 20, lie: true}})
	zp2 := filepath.Join(dir, "two.zip")
	writeZip(t, zp2, []zipEntry{{name: "a", zeros: 700 << 10}, {name: "b", zeros: 700 << 10}})
	tp := filepath.Join(dir, "bomb.tar.gz")
	writeTarGz(t, tp, []tarEntry{{name: "a", zeros: 700 << 10}, {name: "b", zeros: 700 << 10}})
	for _, c := range []struct {
		kind sourceKind
		path string
	}{{sourceZip, zp}, {sourceZip, zp2}, {sourceTarGz, tp}} {
		dst, err := unpackTest(t, c.kind, c.path, lim)
		// archive/zip itself refuses to inflate more than the directory
		// says; either refusal will do, so long as the limit holds
		if !errors.Is(err, ErrInstallTooLarge) && !errors.Is(err, zip.ErrFormat) {
			t.Fatalf("%s: %v", c.path, err)
		}
		var total int64
		filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
			if d != nil && d.Type().IsRegular() {
				fi, _ := d.Info()
				total += fi.Size()
			}
			return nil
		})
		if total > lim.maxBytes+1 {
			t.Fatalf("%s: %d bytes written, limit %d", c.path, total, lim.maxBytes)
		}
	}
}

func TestUnpackSkipsGit(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "m.tar.gz")
	writeTarGz(t, p, []tarEntry{
		{name: "m/.git/", typ: tar.TypeDir},
		{name: "m/.git/config", body: "[core]\n\tfsmonitor = evil\n"},
		{name: "m/sub/.GIT/hooks/post-checkout", body: "evil"},
		{name: "m/main.ts", body: "x"},
	})
	dst, err := unpackTest(t, sourceTarGz, p, unpackLimits{maxBytes: 1 << 20, maxFiles: 100})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dst, p)
		found = append(found, filepath.ToSlash(rel))
		return nil
	})
	if got := strings.Join(found, ","); got != ".,m,m/main.ts" {
		t.Fatalf("unpacked %s", got)
	}
}

func TestEntryPath(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, want string }{
		{"main.ts", "main.ts"},
		{"./main.ts", "main.ts"},
		{"a/b/", "a/b"},
		{"a//b", "a/b"},
		{"./", ""},
		{".", ""},
		{".core/view.yml", ".core/view.yml"},
		{"..x/y", "..x/y"},
	} {
		got, err := entryPath(c.name)
		if err != nil || got != c.want {
			t.Errorf("entryPath(%q) = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	for _, name := range []string{
		"", "/etc/passwd", "../x", "a/../../x", "a/..", "..", `a\b`, `..\x`, "C:/x", "C:x", "c:", "a:b",
		"file.txt:stream", "a\x00b", "a\nb", "NUL", "con.txt", "a/COM1", "lpt9.log", "dots.", "space ",
	} {
		if got, err := entryPath(name); !errors.Is(err, ErrUnsafeEntry) {
			t.Errorf("entryPath(%q) = %q, %v; want ErrUnsafeEntry", name, got, err)
		}
	}
}

func FuzzEntryPath(f *testing.F) {
	for _, s := range []string{"main.ts", "../x", "a/b/../c", "/abs", `a\b`, "C:x", "./", "a//b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		rel, err := entryPath(name)
		if err != nil {
			return
		}
		if rel == "" {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(rel)) || strings.HasPrefix(rel, "/") ||
			strings.ContainsAny(rel, "\\:\x00") || rel != filepathClean(rel) {
			t.Fatalf("entryPath(%q) = %q", name, rel)
		}
		for part := range strings.SplitSeq(rel, "/") {
			if part == ".." || part == "." || part == "" {
				t.Fatalf("entryPath(%q) = %q", name, rel)
			}
		}
	})
}

func filepathClean(s string) string { return filepath.ToSlash(filepath.Clean(filepath.FromSlash(s))) }

func TestCopyDirLinks(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		// Links on Windows are reparse points that os.Root resolves itself;
		// wine, where these tests run, emulates them with host links that
		// read as missing files, which is not Windows' behaviour.
		t.Skip("symbolic links are tested on Unix")
	}
	outside := writeTree(t, t.TempDir(), map[string]string{"secret": "s"})
	mk := func(t *testing.T, link func(src string) error) (string, error) {
		src := writeTree(t, t.TempDir(), map[string]string{"main.ts": "m", "lib/a.ts": "a"})
		if err := link(src); err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(t.TempDir(), "dst")
		os.Mkdir(dst, 0o755)
		root, _ := os.OpenRoot(dst)
		defer root.Close()
		u := &unpacker{ctx: context.Background(), root: root, lim: unpackLimits{maxBytes: 1 << 20, maxFiles: 1000}}
		return dst, copyDir(u, src)
	}
	t.Run("inside", func(t *testing.T) {
		dst, err := mk(t, func(src string) error {
			if err := os.Symlink("lib/a.ts", filepath.Join(src, "alias.ts")); err != nil {
				return err
			}
			return os.Symlink("lib", filepath.Join(src, "lib2"))
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"alias.ts", "lib2/a.ts"} {
			fi, err := os.Lstat(filepath.Join(dst, p))
			if err != nil || !fi.Mode().IsRegular() {
				t.Fatalf("%s: %v, %v", p, fi, err)
			}
		}
	})
	for name, link := range map[string]func(src string) error{
		"outside-file": func(src string) error { return os.Symlink(filepath.Join(outside, "secret"), filepath.Join(src, "s")) },
		"outside-dir":  func(src string) error { return os.Symlink(outside, filepath.Join(src, "lib", "o")) },
		"relative-out": func(src string) error { return os.Symlink("../../x", filepath.Join(src, "lib", "o")) },
		"cycle":        func(src string) error { return os.Symlink("..", filepath.Join(src, "lib", "up")) },
		"self":         func(src string) error { return os.Symlink(".", filepath.Join(src, "here")) },
	} {
		t.Run(name, func(t *testing.T) {
			dst, err := mk(t, link)
			if !errors.Is(err, ErrUnsafeEntry) {
				t.Fatalf("err = %v", err)
			}
			if _, err := os.Stat(filepath.Join(dst, "s")); err == nil {
				t.Fatal("the secret was copied")
			}
		})
	}
}
