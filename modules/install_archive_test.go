package modules

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

// tarEntry is one entry of a test archive. typ is the tar type flag ('0'
// when zero); size, when set, is a claimed size with no data after it (the
// archive ends there); zeros, when set, is a body of that many zero bytes.
type tarEntry struct {
	name, body, link string
	typ              byte
	mode             int64
	size, zeros      int64
}

func writeTarGz(t testing.TB, path string, entries []tarEntry) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	truncated := false
	for _, e := range entries {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Linkname: e.link, Mode: e.mode, Format: tar.FormatPAX}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		if h.Mode == 0 {
			h.Mode = 0o644
		}
		if h.Typeflag == tar.TypeReg {
			h.Size = int64(len(e.body)) + e.zeros
		}
		if e.size > 0 {
			h.Size = e.size
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if e.size > 0 {
			truncated = true
			break
		}
		io.WriteString(tw, e.body)
		if e.zeros > 0 {
			if _, err := io.CopyN(tw, zeroReader{}, e.zeros); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !truncated {
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	gz.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// zipEntry is one entry of a test zip. zeros adds that many zero bytes;
// lie makes the central directory claim the file is 10 bytes.
type zipEntry struct {
	name, body string
	mode       fs.FileMode
	zeros      int64
	lie        bool
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func writeZip(t testing.TB, path string, entries []zipEntry) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.body == "" && e.zeros == 0 {
			h.Method = zip.Store
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		if e.lie {
			var raw bytes.Buffer
			fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
			crc := crc32.NewIEEE()
			io.CopyN(io.MultiWriter(fw, crc), zeroReader{}, e.zeros)
			fw.Close()
			h.UncompressedSize64 = 10
			h.CompressedSize64 = uint64(raw.Len())
			h.CRC32 = crc.Sum32()
			w, err := zw.CreateRaw(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(raw.Bytes())
			continue
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
		if e.zeros > 0 {
			io.CopyN(w, zeroReader{}, e.zeros)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeZipBomb writes a zip holding one honest entry of n MiB of zeros
// that takes a few hundred KiB: the same deflated MiB repeated (each copy
// refers only to itself, so the copies can follow one another).
func writeZipBomb(t testing.TB, path string, extra []zipEntry, n int) {
	t.Helper()
	var seg, end bytes.Buffer
	fw, _ := flate.NewWriter(&seg, flate.BestCompression)
	io.CopyN(fw, zeroReader{}, 1<<20)
	fw.Flush() // ends with a sync block, not a final one
	fw, _ = flate.NewWriter(&end, flate.BestCompression)
	fw.Close() // an empty final block
	raw := append(bytes.Repeat(seg.Bytes(), n), end.Bytes()...)
	crc := crc32.NewIEEE()
	io.CopyN(crc, zeroReader{}, int64(n)<<20)

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range extra {
		w, _ := zw.Create(e.name)
		io.WriteString(w, e.body)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "zeros", Method: zip.Deflate,
		CRC32: crc.Sum32(), CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(n) << 20})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The bomb really inflates to what it says.
func TestZipBombFixture(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bomb.zip")
	writeZipBomb(t, p, nil, 20)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, rc)
	if err != nil || n != 20<<20 {
		t.Fatalf("inflated %d bytes, %v", n, err)
	}
	if fi, _ := os.Stat(p); fi.Size() > 1<<20 {
		t.Fatalf("the bomb takes %d bytes", fi.Size())
	}
}

// unpackTest unpacks an archive into a new directory and returns it.
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

func TestClassify(t *testing.T) {
	dir := t.TempDir()
	mod := writeTree(t, filepath.Join(dir, "mod"), map[string]string{"main.ts": ""})
	bare := filepath.Join(dir, "repo.git")
	os.Mkdir(bare, 0o755)
	for _, name := range []string{"a.tar.gz", "b.TGZ", "c.zip", "d.tar"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	for _, c := range []struct {
		src  string
		kind sourceKind
	}{
		{"https://example.com/notes.git", sourceGit},
		{"ssh://git@example.com/notes.git", sourceGit},
		{"file:///srv/notes", sourceGit},
		{"git@example.com:team/notes.git", sourceGit},
		{"example.com:notes", sourceGit},
		{mod, sourceDir},
		{bare, sourceGit},
		{filepath.Join(dir, "a.tar.gz"), sourceTarGz},
		{filepath.Join(dir, "b.TGZ"), sourceTarGz},
		{filepath.Join(dir, "c.zip"), sourceZip},
		{filepath.Join(dir, "d.tar"), sourceTar},
	} {
		kind, _, err := classify(c.src)
		if err != nil || kind != c.kind {
			t.Errorf("classify(%q) = %v, %v; want %v", c.src, kind, err, c.kind)
		}
	}
	if _, loc, _ := classify(bare); !strings.HasPrefix(loc, "file:///") {
		t.Errorf("a bare repository path goes to git as %q", loc)
	}
	for _, src := range []string{"", "http://example.com/x.git", "git://example.com/x", "ext::sh -c evil",
		"https://example.com/x.zip", filepath.Join(dir, "missing"), "C:notes", "-oProxyCommand=evil:x"} {
		if kind, _, err := classify(src); !errors.Is(err, ErrBadSource) {
			t.Errorf("classify(%q) = %v, %v; want ErrBadSource", src, kind, err)
		}
	}
	if got := shownSource("https://user:secret@example.com/x.git"); strings.Contains(got, "secret") {
		t.Errorf("shownSource kept the password: %s", got)
	}
}

func TestCopyDirLinks(t *testing.T) {
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

func TestChangeString(t *testing.T) {
	c := Change{Code: "notes", ToVersion: "2"}
	compareGrants(&c,
		grants{Permissions: map[string][]string{"read": {"./a/"}, "email": {"x@example.com"}}},
		grants{Permissions: map[string][]string{"read": {"./a/", "./b/", "./b/"}, "email": {"y@example.com"}, "env": {"HOME"}},
			Limits: limitsWithFuel(1 << 40)},
		limitsWithFuel(0))
	want := "notes (no version) -> 2 asks for more:\n  + read: ./b/\n  + env: HOME\n  + email: y@example.com\n  + limits.fuel: 1099511627776 (was 1000000000)"
	if got := c.String(); got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if c.Removed["email"][0] != "x@example.com" {
		t.Fatalf("removed %v", c.Removed)
	}
	same := Change{Code: "notes"}
	compareGrants(&same, grants{}, grants{}, limitsWithFuel(0))
	if !same.Empty() || same.Added != nil || same.Removed != nil {
		t.Fatalf("no change: %+v", same)
	}
}

func limitsWithFuel(n int64) manifest.Limits { return manifest.Limits{Fuel: n} }
