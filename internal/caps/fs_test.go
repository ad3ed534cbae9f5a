package caps

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fixture is an app root inside a temporary directory, with a file outside
// it, and an FS on it.
type fixture struct {
	t    *testing.T
	tmp  string // holds app/ and outside.txt
	app  string
	fs   *FS
	errs []error // every error seen, checked for host paths at the end
}

func newFixture(t *testing.T, read, write []string) *fixture {
	t.Helper()
	tmp := t.TempDir()
	app := filepath.Join(tmp, "app")
	files := map[string]string{
		"outside.txt":            "outside",
		"app/data/a.txt":         "alpha",
		"app/data/sub/b.txt":     "bravo",
		"app/data/empty/.keep":   "",
		"app/data-secrets/s.txt": "secret",
		"app/docs/readme.md":     "readme",
		"app/secrets/key":        "key",
		"app/top.txt":            "top",
	}
	for name, content := range files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(filepath.Join(app, "data/empty/.keep"))
	f, err := OpenFS(app, read, write)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{t: t, tmp: tmp, app: app, fs: f}
	t.Cleanup(func() {
		f.Close()
		for _, err := range fx.errs {
			if strings.Contains(err.Error(), tmp) || strings.Contains(err.Error(), filepath.ToSlash(tmp)) {
				t.Errorf("error shows the host path: %v", err)
			}
		}
	})
	return fx
}

// seen records err for the host-path check and returns it.
func (fx *fixture) seen(err error) error {
	if err != nil {
		fx.errs = append(fx.errs, err)
	}
	return err
}

func (fx *fixture) hostFile(rel string) string {
	fx.t.Helper()
	b, err := os.ReadFile(filepath.Join(fx.app, filepath.FromSlash(rel)))
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(b)
}

// symlink makes a link in the app root, or skips the test where the OS
// does not allow it.
func (fx *fixture) symlink(target, rel string) {
	fx.t.Helper()
	if runtime.GOOS == "windows" {
		// Windows links are reparse points, which os.Root resolves itself;
		// wine, where these tests run, emulates them with host links whose
		// behaviour (a link reads as missing) is not Windows'.
		fx.t.Skip("symbolic links are tested on Unix")
	}
	if err := os.Symlink(filepath.FromSlash(target), filepath.Join(fx.app, filepath.FromSlash(rel))); err != nil {
		fx.t.Skipf("no symbolic links here: %v", err)
	}
}

func isDenied(err error) bool {
	var d *DeniedError
	return errors.As(err, &d) && errors.Is(err, ErrDenied)
}

func TestOpenFS(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o644)
	for _, root := range []string{file, filepath.Join(tmp, "missing")} {
		if f, err := OpenFS(root, nil, nil); err == nil {
			f.Close()
			t.Errorf("OpenFS(%s) worked", root)
		}
	}
	if _, err := OpenFS(tmp, []string{"../x"}, nil); err == nil || !strings.Contains(err.Error(), "permissions.read[0]") {
		t.Errorf("bad read grant: %v", err)
	}
	if _, err := OpenFS(tmp, nil, []string{"ok", "C:x"}); err == nil || !strings.Contains(err.Error(), "permissions.write[1]") {
		t.Errorf("bad write grant: %v", err)
	}
}

func TestFSRead(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data", "docs/readme.md", "missing-grant"}, nil)
	tests := []struct {
		path string
		want string // content; "" with a check below for errors
		err  func(error) bool
	}{
		{"data/a.txt", "alpha", nil},
		{"./data/sub/b.txt", "bravo", nil},
		{"data//sub/./b.txt", "bravo", nil},
		{"secrets/../data/a.txt", "alpha", nil},
		{"docs/readme.md", "readme", nil},
		{"data/missing", "", func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"missing-grant", "", func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"missing-grant/x", "", func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"docs/readme.md/x", "", func(err error) bool { return err != nil && !isDenied(err) }},
		{"data", "", func(err error) bool { return err != nil && strings.Contains(err.Error(), "is a directory") }},
		{"data-secrets/s.txt", "", isDenied},
		{"secrets/key", "", isDenied},
		{"docs/other", "", isDenied},
		{"top.txt", "", isDenied},
		{"../outside.txt", "", isDenied},
		{"data/../../outside.txt", "", isDenied},
		{"/etc/passwd", "", isDenied},
		{`data\a.txt`, "", isDenied},
		{"data/a.txt:stream", "", isDenied},
		{"data/nul", "", isDenied},
		{"", "", isDenied},
	}
	for _, tc := range tests {
		got, err := fx.fs.ReadFile(tc.path, 1<<20)
		fx.seen(err)
		if tc.err == nil {
			if err != nil || string(got) != tc.want {
				t.Errorf("ReadFile(%q) = %q, %v; want %q", tc.path, got, err, tc.want)
			}
			continue
		}
		if !tc.err(err) {
			t.Errorf("ReadFile(%q) = %q, %v; wrong error", tc.path, got, err)
		}
	}

	_, err := fx.fs.ReadFile("data/missing", 10)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "data/missing" || pe.Op != "read" {
		t.Errorf("error does not carry the guest's path: %#v", err)
	}
}

func TestFSReadLimit(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data"}, nil)
	for _, tc := range []struct {
		limit int64
		ok    bool
	}{{5, true}, {6, true}, {4, false}, {0, false}, {-1, false}, {1 << 62, true}, {1<<63 - 1, true}} {
		got, err := fx.fs.ReadFile("data/a.txt", tc.limit)
		fx.seen(err)
		if tc.ok != (err == nil) {
			t.Errorf("limit %d: %q, %v", tc.limit, got, err)
		}
		if !tc.ok {
			var tl *TooLargeError
			if !errors.As(err, &tl) || !errors.Is(err, ErrTooLarge) || tl.Path != "data/a.txt" {
				t.Errorf("limit %d: %v is not a TooLargeError", tc.limit, err)
			}
			if !strings.Contains(err.Error(), "data/a.txt") || !strings.Contains(err.Error(), "limit of") {
				t.Errorf("limit %d: %v does not name the path and the limit", tc.limit, err)
			}
		}
	}
	got, err := fx.fs.ReadFile("data/empty/../a.txt", 5)
	if err != nil || string(got) != "alpha" {
		t.Errorf("exact limit: %q, %v", got, err)
	}
	os.WriteFile(filepath.Join(fx.app, "data/zero"), nil, 0o644)
	if got, err := fx.fs.ReadFile("data/zero", 0); err != nil || len(got) != 0 || got == nil {
		t.Errorf("empty file: %q, %v", got, err)
	}
}

func TestFSReadDirAndStat(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data", "docs/readme.md", "."}, nil)
	list, err := fx.fs.ReadDir("data", 10)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fi := range list {
		names = append(names, fi.Name)
	}
	if got := strings.Join(names, " "); got != "a.txt empty sub" {
		t.Errorf("ReadDir(data) = %s", got)
	}
	if !list[2].IsDir || list[0].IsDir || list[0].Size != 5 || !list[0].Mode.IsRegular() {
		t.Errorf("wrong entries: %+v", list)
	}
	if _, err := fx.fs.ReadDir("data", 2); !errors.Is(fx.seen(err), ErrTooLarge) {
		t.Errorf("3 entries with limit 2: %v", err)
	}
	if _, err := fx.fs.ReadDir("data", 3); err != nil {
		t.Errorf("3 entries with limit 3: %v", err)
	}
	if l, err := fx.fs.ReadDir("data/empty", 0); err != nil || len(l) != 0 {
		t.Errorf("empty dir with limit 0: %v, %v", l, err)
	}
	if _, err := fx.fs.ReadDir("data/a.txt", 10); fx.seen(err) == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("listing a file: %v", err)
	}
	if _, err := fx.fs.ReadDir("data/missing", 10); !errors.Is(fx.seen(err), fs.ErrNotExist) {
		t.Errorf("listing a missing dir: %v", err)
	}
	if root, err := fx.fs.ReadDir(".", 100); err != nil || len(root) != 5 {
		t.Errorf("ReadDir(.) = %v, %v", root, err)
	}

	fi, err := fx.fs.Stat("./data/sub/b.txt")
	if err != nil || fi.Name != "b.txt" || fi.Size != 5 || fi.IsDir || fi.ModTime.IsZero() {
		t.Errorf("Stat = %+v, %v", fi, err)
	}
	if fi, err := fx.fs.Stat("data"); err != nil || !fi.IsDir || fi.Name != "data" {
		t.Errorf("Stat(data) = %+v, %v", fi, err)
	}
	if _, err := fx.fs.Stat("data/nope"); !errors.Is(fx.seen(err), fs.ErrNotExist) {
		t.Errorf("Stat(missing) = %v", err)
	}

	only := newFixture(t, []string{"data"}, nil)
	for _, p := range []string{".", "data-secrets", "../app/data", "docs"} {
		if _, err := only.fs.ReadDir(p, 10); !isDenied(only.seen(err)) {
			t.Errorf("ReadDir(%q) = %v", p, err)
		}
		if _, err := only.fs.Stat(p); !isDenied(only.seen(err)) {
			t.Errorf("Stat(%q) = %v", p, err)
		}
	}
}

func TestFSWrite(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data"}, []string{"data", "out/new.txt", "top.txt"})
	if err := fx.fs.WriteFile("data/a.txt", []byte("replaced")); err != nil {
		t.Fatal(err)
	}
	if got := fx.hostFile("data/a.txt"); got != "replaced" {
		t.Errorf("content %q", got)
	}
	if err := fx.fs.WriteFile("./data/sub/new.txt", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got := fx.hostFile("data/sub/new.txt"); got != "new" {
		t.Errorf("content %q", got)
	}
	if err := fx.fs.WriteFile("top.txt", nil); err != nil || fx.hostFile("top.txt") != "" {
		t.Errorf("file grant: %v", err)
	}

	// The parent of a single-file grant does not exist yet.
	if err := fx.fs.WriteFile("out/new.txt", []byte("x")); !errors.Is(fx.seen(err), fs.ErrNotExist) {
		t.Errorf("missing parent: %v", err)
	}
	os.Mkdir(filepath.Join(fx.app, "out"), 0o755)
	if err := fx.fs.WriteFile("out/new.txt", []byte("x")); err != nil || fx.hostFile("out/new.txt") != "x" {
		t.Errorf("single-file grant: %v", err)
	}

	refused := []struct {
		path string
		err  func(error) bool
	}{
		{"data/missing/x.txt", func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"data/sub", func(err error) bool { return err != nil && strings.Contains(err.Error(), "is a directory") }},
		{"data", func(err error) bool { return err != nil && strings.Contains(err.Error(), "is a directory") }},
		{"data/a.txt/x", func(err error) bool { return err != nil && !isDenied(err) }},
		{"out/other.txt", isDenied},
		{"out", isDenied},
		{"data-secrets/s.txt", isDenied},
		{"secrets/key", isDenied},
		{"../outside.txt", isDenied},
		{"docs/readme.md", isDenied},
		{"data/x:y", isDenied},
		{"data/CON", isDenied},
		{"data/x.", isDenied},
	}
	for _, tc := range refused {
		err := fx.seen(fx.fs.WriteFile(tc.path, []byte("evil")))
		if !tc.err(err) {
			t.Errorf("WriteFile(%q) = %v", tc.path, err)
		}
	}
	if fx.hostFile("secrets/key") != "key" || fx.hostFile("data-secrets/s.txt") != "secret" {
		t.Error("a refused write changed a file")
	}

	// A read-only file stays as it is, on every OS.
	ro := filepath.Join(fx.app, "data/ro.txt")
	os.WriteFile(ro, []byte("ro"), 0o444)
	if err := fx.fs.WriteFile("data/ro.txt", []byte("rw")); !errors.Is(fx.seen(err), fs.ErrPermission) || fx.hostFile("data/ro.txt") != "ro" {
		t.Errorf("read-only file: %v", err)
	}
	os.Chmod(ro, 0o644)
	assertNoTemp(t, fx.app)
}

func TestFSWriteKeepsMode(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, nil, []string{"data"})
	p := filepath.Join(fx.app, "data/run.sh")
	os.WriteFile(p, []byte("#!/bin/sh\n"), 0o700)
	if err := fx.fs.WriteFile("data/run.sh", []byte("#!/bin/sh\necho\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	// What 0700 looks like on this OS (Windows keeps only a read-only bit).
	ref := filepath.Join(fx.app, "data/ref")
	os.WriteFile(ref, nil, 0o600)
	os.Chmod(ref, 0o700)
	want, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), want.Mode().Perm())
	}
}

// assertNoTemp fails if a temporary file of WriteFile is left under dir.
func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), TempPrefix) {
			t.Errorf("temporary file left: %s", d.Name())
		}
		return nil
	})
}

func TestFSWriteAtomic(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data"}, []string{"data"})
	failure := errors.New("disk full")
	fx.fs.writeData = func(w io.Writer, data []byte) error {
		w.Write(data[:len(data)/2])
		return failure
	}
	err := fx.seen(fx.fs.WriteFile("data/a.txt", []byte("half of this is written")))
	if !errors.Is(err, failure) {
		t.Fatalf("WriteFile = %v; want the injected failure", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != "data/a.txt" {
		t.Errorf("error %v does not name the guest's path", err)
	}
	if got := fx.hostFile("data/a.txt"); got != "alpha" {
		t.Errorf("old content lost: %q", got)
	}
	if err := fx.fs.WriteFile("data/fresh.txt", []byte("abc")); !errors.Is(fx.seen(err), failure) {
		t.Errorf("new file: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(fx.app, "data/fresh.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed write of a new file left it behind: %v", err)
	}
	assertNoTemp(t, fx.app)

	// Concurrent readers see the old or the new content, never a mix.
	fx.fs.writeData = writeAll
	old, next := bytes.Repeat([]byte("o"), 64<<10), bytes.Repeat([]byte("n"), 64<<10)
	if err := fx.fs.WriteFile("data/big", old); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var wrote atomic.Int32
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(stop)
		for i := range 50 {
			content := old
			if i%2 == 0 {
				content = next
			}
			// Windows may refuse replacing a file a reader holds open; the
			// old content must then stay whole.
			if fx.fs.WriteFile("data/big", content) == nil {
				wrote.Add(1)
			}
		}
	}()
	for reading := true; reading; {
		select {
		case <-stop:
			reading = false
		default:
		}
		got, err := fx.fs.ReadFile("data/big", 1<<20)
		if err != nil {
			continue
		}
		if !bytes.Equal(got, old) && !bytes.Equal(got, next) {
			t.Fatalf("torn read: %d bytes", len(got))
		}
	}
	wg.Wait()
	if wrote.Load() == 0 {
		t.Error("no write succeeded")
	}
	assertNoTemp(t, fx.app)
}

func TestFSRemoveAndMkdir(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"."}, []string{"data", "logs/app", "docs/readme.md"})
	if err := fx.fs.Remove("data/a.txt"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(fx.app, "data/a.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("not removed")
	}
	if err := fx.fs.Remove("data/empty"); err != nil {
		t.Errorf("empty dir: %v", err)
	}
	if err := fx.fs.Remove("data/sub"); fx.seen(err) == nil || isDenied(err) {
		t.Errorf("non-empty dir: %v", err)
	}
	if err := fx.fs.Remove("data/missing"); !errors.Is(fx.seen(err), fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if err := fx.fs.Remove("docs/readme.md"); err != nil {
		t.Errorf("single-file grant: %v", err)
	}
	for _, p := range []string{"data", "./data/", "secrets/key", "data-secrets/s.txt", ".", "../outside.txt", "docs"} {
		if err := fx.fs.Remove(p); !isDenied(fx.seen(err)) {
			t.Errorf("Remove(%q) = %v", p, err)
		}
	}
	if fx.hostFile("secrets/key") != "key" {
		t.Error("secrets/key removed")
	}

	if err := fx.fs.MkdirAll("data/x/y/z"); err != nil {
		t.Fatal(err)
	}
	if fi, err := fx.fs.Stat("data/x/y/z"); err != nil || !fi.IsDir {
		t.Errorf("made: %+v, %v", fi, err)
	}
	if err := fx.fs.MkdirAll("data/x/y/z"); err != nil {
		t.Errorf("again: %v", err)
	}
	// The granted directory and the way to it are made when missing.
	if err := fx.fs.MkdirAll("logs/app/2024"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(fx.app, "logs/app/2024")); err != nil || !fi.IsDir() {
		t.Errorf("logs/app/2024: %v", err)
	}
	if err := fx.fs.MkdirAll("data/sub/b.txt/x"); fx.seen(err) == nil || isDenied(err) {
		t.Errorf("below a file: %v", err)
	}
	for _, p := range []string{"logs", "logs/other", "secrets/new", "../x", "data/../../x", "data/aux", "."} {
		if err := fx.fs.MkdirAll(p); !isDenied(fx.seen(err)) {
			t.Errorf("MkdirAll(%q) = %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(fx.app, "logs/other")); err == nil {
		t.Error("logs/other made")
	}

	root := newFixture(t, []string{"."}, []string{"."})
	if err := root.fs.Remove("."); !isDenied(root.seen(err)) {
		t.Errorf("removing the app root: %v", err)
	}
	if err := root.fs.Remove("./"); !isDenied(root.seen(err)) {
		t.Errorf("removing the app root: %v", err)
	}
	if err := root.fs.MkdirAll("a/b"); err != nil {
		t.Error(err)
	}
	if err := root.fs.Remove("a/b"); err != nil {
		t.Error(err)
	}
	if err := root.fs.WriteFile(".", nil); root.seen(err) == nil {
		t.Error("wrote the app root")
	}
}

func TestFSSymlinks(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data", "linked", "escape", "docs/link.md"}, []string{"data", "docs/link.md"})
	fx.symlink("../../outside.txt", "data/out-of-root")    // outside the app root
	fx.symlink("../secrets/key", "data/out-of-grant")      // inside the app root, outside the grant
	fx.symlink("../data-secrets", "data/dir-out-of-grant") // a directory outside the grant
	fx.symlink("../..", "data/dir-out-of-root")            // the app root's parent
	fx.symlink("sub/b.txt", "data/in")                     // stays inside
	fx.symlink("sub", "data/dir-in")                       // stays inside
	fx.symlink("data", "linked")                           // a grant that is a link inside the app root
	fx.symlink("..", "escape")                             // a grant that is a link out of it
	fx.symlink("readme.md", "docs/link.md")                // a single-file grant that is a link
	fx.symlink(filepath.Join(fx.tmp, "outside.txt"), "data/absolute")

	for _, p := range []string{
		"data/out-of-root", "data/out-of-grant", "data/dir-out-of-grant/s.txt",
		"data/dir-out-of-root/outside.txt", "data/dir-out-of-root/app/secrets/key",
		"escape/outside.txt", "docs/link.md", "data/absolute",
	} {
		got, err := fx.fs.ReadFile(p, 100)
		if !isDenied(fx.seen(err)) {
			t.Errorf("ReadFile(%q) = %q, %v; want a refusal", p, got, err)
		}
		if _, err := fx.fs.Stat(p); !isDenied(fx.seen(err)) {
			t.Errorf("Stat(%q) = %v; want a refusal", p, err)
		}
		if err := fx.fs.WriteFile(p, []byte("evil")); fx.seen(err) == nil {
			t.Errorf("WriteFile(%q) worked", p)
		}
	}
	if _, err := fx.fs.ReadDir("data/dir-out-of-grant", 10); !isDenied(fx.seen(err)) {
		t.Errorf("ReadDir through a link out: %v", err)
	}
	if err := fx.fs.WriteFile("data/dir-out-of-grant/new.txt", []byte("evil")); !isDenied(fx.seen(err)) {
		t.Errorf("write through a directory link out: %v", err)
	}
	if err := fx.fs.MkdirAll("data/dir-out-of-grant/new"); !isDenied(fx.seen(err)) {
		t.Errorf("mkdir through a directory link out: %v", err)
	}
	for name, want := range map[string]string{"secrets/key": "key", "data-secrets/s.txt": "secret", "docs/readme.md": "readme"} {
		if got := fx.hostFile(name); got != want {
			t.Errorf("%s changed to %q", name, got)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(fx.tmp, "outside.txt")); string(b) != "outside" {
		t.Errorf("outside.txt changed to %q", b)
	}
	for _, p := range []string{"data/dir-out-of-grant/new.txt", "data-secrets/new.txt", "data-secrets/new"} {
		if _, err := os.Lstat(filepath.Join(fx.app, p)); err == nil {
			t.Errorf("%s was made", p)
		}
	}

	// Links that stay inside the granted tree work.
	for p, want := range map[string]string{"data/in": "bravo", "data/dir-in/b.txt": "bravo", "linked/a.txt": "alpha", "linked/in": "bravo"} {
		if got, err := fx.fs.ReadFile(p, 100); err != nil || string(got) != want {
			t.Errorf("ReadFile(%q) = %q, %v", p, got, err)
		}
	}
	if err := fx.fs.WriteFile("data/dir-in/c.txt", []byte("charlie")); err != nil || fx.hostFile("data/sub/c.txt") != "charlie" {
		t.Errorf("write through a directory link inside: %v", err)
	}
	// The link itself is not replaced: writing to a link is refused.
	if err := fx.fs.WriteFile("data/in", []byte("x")); !isDenied(fx.seen(err)) || fx.hostFile("data/sub/b.txt") != "bravo" {
		t.Errorf("write to a link inside: %v", err)
	}
	if fi, err := fx.fs.Stat("data/in"); err != nil || fi.Size != 5 {
		t.Errorf("Stat follows a link inside: %+v, %v", fi, err)
	}
	list, err := fx.fs.ReadDir("data", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, fi := range list {
		if fi.Name == "out-of-root" && fi.Mode&fs.ModeSymlink == 0 {
			t.Errorf("listing follows a link: %+v", fi)
		}
	}
	// Removing a link removes the link, not its target.
	if err := fx.fs.Remove("data/out-of-grant"); err != nil {
		t.Errorf("remove a link: %v", err)
	}
	if fx.hostFile("secrets/key") != "key" {
		t.Error("the link's target was removed")
	}
}

func TestFSClosed(t *testing.T) {
	t.Parallel()
	fx := newFixture(t, []string{"data"}, []string{"data"})
	if err := fx.fs.Close(); err != nil {
		t.Fatal(err)
	}
	if err := fx.fs.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := fx.fs.ReadFile("data/a.txt", 10); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("ReadFile after Close: %v", err)
	}
	if err := fx.fs.WriteFile("data/a.txt", nil); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("WriteFile after Close: %v", err)
	}
	if err := fx.fs.MkdirAll("data/x"); !errors.Is(err, fs.ErrClosed) {
		t.Errorf("MkdirAll after Close: %v", err)
	}
	if s := fx.fs.String(); strings.Contains(s, fx.tmp) {
		t.Errorf("String shows the host path: %s", s)
	}
}
