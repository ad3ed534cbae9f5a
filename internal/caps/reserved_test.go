package caps

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reservedFixture is an app root holding the runtime's files beside the
// user's, opened with those reserved and the whole root granted.
func reservedFixture(t *testing.T) (*FS, string) {
	t.Helper()
	app := t.TempDir()
	for name, content := range map[string]string{
		"store.db":          "STORE",
		".corets/other.db":  "OTHER",
		"cache/bundles/b":   "BUNDLE",
		"data/a.txt":        "alpha",
		"modules/m/main.ts": "CODE",
	} {
		p := filepath.Join(app, filepath.FromSlash(name))
		reservedMust(t, os.MkdirAll(filepath.Dir(p), 0o755))
		reservedMust(t, os.WriteFile(p, []byte(content), 0o644))
	}
	// Spelled otherwise than the guest spells them: identity decides.
	res, err := NewReserved(
		[]string{filepath.Join(app, "data", "..", ".corets"), filepath.Join(app, "cache", "bundles"), filepath.Join(app, "modules"), filepath.Join(app, "missing")},
		[]string{filepath.Join(app, ".", "store.db")},
		[]string{filepath.Join(app, "later")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Len() != 5 {
		t.Fatalf("reserved %d identities, want 5 (the missing directory is skipped, later is by name)", res.Len())
	}
	f, err := OpenFSReserved(app, []string{"./"}, []string{"./"}, res)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, app
}

func reservedMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantReserved(t *testing.T, app, what string, err error) {
	t.Helper()
	var denied *DeniedError
	if !errors.As(err, &denied) || denied.Reason != reasonReserved || !errors.Is(err, ErrDenied) {
		t.Errorf("%s: %v, want a refusal: %s", what, err, reasonReserved)
		return
	}
	if strings.Contains(err.Error(), app) {
		t.Errorf("%s: the error shows the host path: %v", what, err)
	}
}

func TestFSReservedByIdentity(t *testing.T) {
	t.Parallel()
	f, app := reservedFixture(t)
	for _, p := range []string{"store.db", "./data/../store.db", ".corets", ".corets/other.db", "cache/bundles", "cache/bundles/b", "modules", "modules/m/main.ts", "store.db/x", "later", "LATER/x"} {
		_, err := f.ReadFile(p, 100)
		wantReserved(t, app, "read "+p, err)
		_, err = f.Stat(p)
		wantReserved(t, app, "stat "+p, err)
		_, err = f.ReadDir(p, 100)
		wantReserved(t, app, "list "+p, err)
		wantReserved(t, app, "write "+p, f.WriteFile(p, []byte("pwned")))
		wantReserved(t, app, "mkdir "+p+"/x", f.MkdirAll(p+"/x"))
		wantReserved(t, app, "remove "+p, f.Remove(p))
	}
	for name, want := range map[string]string{"store.db": "STORE", ".corets/other.db": "OTHER", "cache/bundles/b": "BUNDLE", "modules/m/main.ts": "CODE"} {
		if b, err := os.ReadFile(filepath.Join(app, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	// The rest of the app root is the module's, names of reserved entries
	// included in a listing.
	if b, err := f.ReadFile("data/a.txt", 100); err != nil || string(b) != "alpha" {
		t.Errorf("read data/a.txt = %q, %v", b, err)
	}
	reservedMust(t, f.WriteFile("data/b.txt", []byte("bravo")))
	reservedMust(t, f.MkdirAll("cache/mine/x"))
	list, err := f.ReadDir(".", 100)
	if err != nil || len(list) != 5 {
		t.Errorf("list . = %v, %v", list, err)
	}
}

// A hard link to the store is the store: identity, not name.
func TestFSReservedHardLink(t *testing.T) {
	t.Parallel()
	f, app := reservedFixture(t)
	if err := os.Link(filepath.Join(app, "store.db"), filepath.Join(app, "data", "hard")); err != nil {
		t.Skipf("no hard links: %v", err)
	}
	_, err := f.ReadFile("data/hard", 100)
	wantReserved(t, app, "read data/hard", err)
	wantReserved(t, app, "write data/hard", f.WriteFile("data/hard", []byte("pwned")))
}

// Links to the runtime's files from inside the grant, and a grant that is
// a link to a reserved directory.
func TestFSReservedThroughLinks(t *testing.T) {
	t.Parallel()
	f, app := reservedFixture(t)
	fx := &fixture{t: t, app: app}
	fx.symlink("../store.db", "data/store")
	fx.symlink("../.corets", "data/state")
	fx.symlink("../modules/m", "data/m")
	fx.symlink("cache/bundles", "bundles")
	fx.symlink("../later", "data/later") // reserved by name, not made yet
	for _, p := range []string{"data/store", "data/state/other.db", "data/state", "data/m/main.ts", "bundles/b", "bundles"} {
		_, err := f.ReadFile(p, 100)
		wantReserved(t, app, "read "+p, err)
		_, err = f.Stat(p)
		wantReserved(t, app, "stat "+p, err)
	}
	wantReserved(t, app, "write data/state/x", f.WriteFile("data/state/x", []byte("pwned")))
	wantReserved(t, app, "mkdir data/m/x", f.MkdirAll("data/m/x"))
	wantReserved(t, app, "mkdir data/later/x", f.MkdirAll("data/later/x"))
	wantReserved(t, app, "write data/later/x", f.WriteFile("data/later/x", []byte("x")))
	wantReserved(t, app, "remove data/m/main.ts", f.Remove("data/m/main.ts"))

	res, err := NewReserved([]string{filepath.Join(app, ".corets")}, nil, nil)
	reservedMust(t, err)
	g, err := OpenFSReserved(app, []string{"data/state"}, []string{"data/state"}, res)
	reservedMust(t, err)
	defer g.Close()
	_, err = g.ReadDir("data/state", 100)
	wantReserved(t, app, "list the grant data/state", err)
	wantReserved(t, app, "write in the grant data/state", g.WriteFile("data/state/x", []byte("pwned")))
	wantReserved(t, app, "mkdir in the grant data/state", g.MkdirAll("data/state/x"))
	if _, err := os.Lstat(filepath.Join(app, "later")); err == nil {
		t.Error("a module made the directory reserved by name")
	}
	// Removing the link itself is harmless: it never touches .corets.
	reservedMust(t, f.Remove("data/state"))
	if _, err := os.Stat(filepath.Join(app, ".corets", "other.db")); err != nil {
		t.Fatal(err)
	}
}

// A link loop ends with an error, not a hang.
func TestFSLinkLoop(t *testing.T) {
	t.Parallel()
	f, app := reservedFixture(t)
	fx := &fixture{t: t, app: app}
	fx.symlink("b", "data/a")
	fx.symlink("a", "data/b")
	if _, err := f.ReadFile("data/a", 10); err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("read a link loop: %v", err)
	}
}
