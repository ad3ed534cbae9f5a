package install

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

func TestInstallUpdateNeedsApproval(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	// every version from one directory: another source would need
	// approval by itself (TestInstallFromAnotherSource)
	src := t.TempDir()
	v1 := writeTree(t, src, moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\n  net: [\"a.example.com:443\"]\n"))
	if _, err := a.Install(ctx, v1, Options{}); err != nil {
		t.Fatal(err)
	}
	if len(a.asked) != 0 {
		t.Fatalf("a first install asked: %v", a.asked)
	}
	v2 := writeTree(t, src, moduleFiles("notes", "1.1", `permissions:
  read: ["./data/"]
  net: ["a.example.com:443", "api.example.com:443"]
  run: ["git"]
limits:
  memory: 128MiB
  timeout: 5s
`))
	_, err := a.Install(ctx, v2, Options{})
	if !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("update: %v", err)
	}
	var na *NeedsApprovalError
	if !errors.As(err, &na) {
		t.Fatalf("%T is not a *NeedsApprovalError", err)
	}
	want := "notes 1.0 -> 1.1 asks for more:\n  + net: api.example.com:443\n  + run: git\n  + limits.memory: 128MiB (was 64MiB)"
	if got := na.Change.String(); got != want {
		t.Fatalf("change:\n%s\nwant:\n%s", got, want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("the error does not show the change: %v", err)
	}
	if na.Change.Removed["limits.timeout"] == nil {
		t.Fatalf("a lowered timeout is not in Removed: %+v", na.Change.Removed)
	}
	if len(a.asked) != 1 || a.asked[0].String() != want || a.asked[0].Source != v2 {
		t.Fatalf("Approve saw %+v", a.asked)
	}
	// refused: the old version is still in place and answering
	checkInstalled(t, a, "notes", "1.0")
	checkNothingLeft(t, a, "", "notes")

	// Approve says yes
	a.answer = true
	if _, err := a.Install(ctx, v2, Options{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "1.1")

	// Yes, without asking
	a.answer = false
	a.asked = nil
	v3files := moduleFiles("notes", "1.2", "permissions:\n  write: [\"./out/\"]\n")
	v3 := writeTree(t, src, v3files)
	if _, err := a.Install(ctx, v3, Options{Yes: true}); err != nil {
		t.Fatal(err)
	}
	if len(a.asked) != 0 {
		t.Fatalf("Yes still asked: %v", a.asked)
	}
	checkInstalled(t, a, "notes", "1.2")

	// asking for less needs nobody
	v4files := moduleFiles("notes", "1.3", "")
	v4 := writeTree(t, src, v4files)
	if _, err := a.Install(ctx, v4, Options{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, a, "notes", "1.3")

	// no Approve at all refuses
	a2 := newApp(t, func(in *Installer) { in.Hooks.Approve = nil })
	if _, err := a2.Install(ctx, v4, Options{}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, src, v3files)
	if _, err := a2.Install(ctx, v3, Options{}); !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("no Approve: %v", err)
	}
	checkInstalled(t, a2, "notes", "1.3")

	// an Approve that fails refuses, with its error
	boom := errors.New("no terminal")
	a3 := newApp(t, func(in *Installer) {
		in.Hooks.Approve = func(context.Context, Change) (bool, error) { return false, boom }
	})
	writeTree(t, src, v4files)
	a3.Install(ctx, v4, Options{})
	writeTree(t, src, v3files)
	if _, err := a3.Install(ctx, v3, Options{}); !errors.Is(err, boom) {
		t.Fatalf("failing Approve: %v", err)
	}
	checkInstalled(t, a3, "notes", "1.3")
}

// TestInstallFromAnotherSource: a module of the same code from another
// directory, archive or repository replaces the installed one only with
// approval, even when it asks for nothing more; the same source spelled
// another way needs none.
func TestInstallFromAnotherSource(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	ctx := context.Background()
	perms := "permissions:\n  read: [\"./data/\"]\n"
	srcA := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", perms))
	srcB := writeTree(t, t.TempDir(), moduleFiles("notes", "6.6.6", ""))
	if _, err := app.Install(ctx, srcA, Options{}); err != nil {
		t.Fatal(err)
	}

	// the same directory, spelled otherwise: no question
	same := []string{srcA + string(filepath.Separator), filepath.Join(srcA, "lib", "..")}
	// (wine makes links Windows programs cannot follow: Unix only, as elsewhere)
	if link := filepath.Join(t.TempDir(), "link"); runtime.GOOS != "windows" && os.Symlink(srcA, link) == nil {
		same = append(same, link)
	}
	for _, src := range same {
		if _, err := app.Install(ctx, src, Options{}); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
	}
	if len(app.asked) != 0 {
		t.Fatalf("the same source app.asked: %v", app.asked)
	}

	// another directory asking for less: refused without approval
	_, err := app.Install(ctx, srcB, Options{})
	var na *NeedsApprovalError
	if !errors.As(err, &na) || !errors.Is(err, ErrNeedsApproval) {
		t.Fatalf("another source: %v", err)
	}
	c := na.Change
	if !c.SourceChanged || c.FromSource != realPath(srcA) || c.ToSource != realPath(srcB) || c.Source != srcB || !c.Empty() {
		t.Fatalf("change %+v", c)
	}
	want := "notes is installed from " + realPath(srcA) + "; installing from " + realPath(srcB) + " replaces it (1.0 -> 6.6.6)"
	if c.String() != want || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q\nwant it to say %q", err, want)
	}
	if len(app.asked) != 1 || !app.asked[0].SourceChanged {
		t.Fatalf("Approve saw %+v", app.asked)
	}
	checkInstalled(t, app, "notes", "1.0")
	checkNothingLeft(t, app, "", "notes")

	// approved: installed from there, and updates from there are automatic
	app.answer = true
	if _, err := app.Install(ctx, srcB, Options{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, app, "notes", "6.6.6")
	app.answer, app.asked = false, nil
	if _, err := app.Install(ctx, srcB, Options{}); err != nil || len(app.asked) != 0 {
		t.Fatalf("update from the new source: %v, app.asked %v", err, app.asked)
	}

	// back to the first one asking for more: both reasons shown; Yes
	// approves without asking
	_, err = app.Install(ctx, srcA, Options{})
	if !errors.As(err, &na) {
		t.Fatalf("back to the first source: %v", err)
	}
	want = "notes is installed from " + realPath(srcB) + "; installing from " + realPath(srcA) + " replaces it\nnotes 6.6.6 -> 1.0 asks for more:\n  + read: ./data/"
	if got := na.Change.String(); got != want {
		t.Fatalf("change:\n%s\nwant:\n%s", got, want)
	}
	app.asked = nil
	if _, err := app.Install(ctx, srcA, Options{Yes: true}); err != nil || len(app.asked) != 0 {
		t.Fatalf("Yes: %v, app.asked %v", err, app.asked)
	}
	checkInstalled(t, app, "notes", "1.0")

	// an archive is another source than the directory it was made from
	arch := filepath.Join(t.TempDir(), "notes.zip")
	var entries []zipEntry
	for name, body := range moduleFiles("notes", "1.0", perms) {
		entries = append(entries, zipEntry{name: name, body: body})
	}
	writeZip(t, arch, entries)
	if _, err := app.Install(ctx, arch, Options{}); !errors.Is(err, ErrNeedsApproval) || !strings.Contains(err.Error(), "installing from "+realPath(arch)) {
		t.Fatalf("archive: %v", err)
	}

	// a record that cannot be read: where the module came from is
	// unknown, so any source needs approval
	if _, err := app.Store.System().Set(recordGroup, "notes", []byte("{")); err != nil {
		t.Fatal(err)
	}
	_, err = app.Install(ctx, srcA, Options{})
	if !errors.Is(err, ErrNeedsApproval) || !strings.Contains(err.Error(), "notes is installed from an unrecorded source; installing from "+realPath(srcA)) {
		t.Fatalf("unrecorded source: %v", err)
	}

	// a record from before origins were recorded compares its source
	old, _ := json.Marshal(map[string]any{"code": "notes", "version": "1.0", "source": srcA, "time": time.Now(), "permissions": map[string]any{"read": []string{"./data/"}}})
	if _, err := app.Store.System().Set(recordGroup, "notes", old); err != nil {
		t.Fatal(err)
	}
	if _, err := app.Install(ctx, srcA, Options{}); err != nil {
		t.Fatalf("legacy record, same source: %v", err)
	}
}

// TestInstallAnotherSigner: a module verified with a key at install is
// replaced by one verified with another key, or not verified at all, only
// with approval; the change names both keys.
func TestInstallAnotherSigner(t *testing.T) {
	t.Parallel()
	pub1, priv1, _ := ed25519.GenerateKey(nil)
	pub2, priv2, _ := ed25519.GenerateKey(nil)
	root := filepath.Join(t.TempDir(), "app")
	os.Mkdir(root, 0o755)
	db := kv.OpenMemory(kv.Options{}) // one store, as in one app across restarts
	ctx := context.Background()
	src := t.TempDir()
	version := func(v string, priv ed25519.PrivateKey) string {
		writeTree(t, src, moduleFiles("notes", v, ""))
		if priv != nil {
			if err := manifest.Sign(src, priv); err != nil {
				t.Fatal(err)
			}
		}
		return src
	}
	open := func(key ed25519.PublicKey) *testApp {
		return openApp(t, root, db, func(in *Installer) { in.PublicKey = key })
	}

	a := open(pub1)
	if m, err := a.Install(ctx, version("1.0", priv1), Options{}); err != nil || !m.Signed {
		t.Fatalf("%+v, %v", m, err)
	}
	if _, err := a.Install(ctx, version("1.1", priv1), Options{}); err != nil {
		t.Fatalf("the same key: %v", err)
	}

	// another key
	a = open(pub2)
	_, err := a.Install(ctx, version("1.2", priv2), Options{})
	var na *NeedsApprovalError
	if !errors.As(err, &na) || !na.Change.SignerChanged || na.Change.SourceChanged || na.Change.FromSigner != KeyID(pub1) || na.Change.ToSigner != KeyID(pub2) {
		t.Fatalf("another key: %v", err)
	}
	want := "notes was verified with key " + KeyID(pub1) + " at install; the new version is verified with key " + KeyID(pub2) + " (1.1 -> 1.2)"
	if got := na.Change.String(); got != want {
		t.Fatalf("change %q\nwant %q", got, want)
	}
	if list, _ := a.List(); len(list) != 1 || list[0].Version != "1.1" {
		t.Fatalf("installed after the refusal: %+v", list)
	}
	if _, err := a.Install(ctx, src, Options{Yes: true}); err != nil {
		t.Fatal(err)
	}

	// no key now: not verified
	a = open(nil)
	_, err = a.Install(ctx, version("1.3", nil), Options{})
	if !errors.As(err, &na) || !strings.Contains(err.Error(), "verified with key "+KeyID(pub2)+" at install; the new version is not verified") {
		t.Fatalf("unverified: %v", err)
	}
	if _, err := a.Install(ctx, src, Options{Yes: true}); err != nil {
		t.Fatal(err)
	}
	// from unverified to verified needs nobody
	a = open(pub1)
	if _, err := a.Install(ctx, version("1.4", priv1), Options{}); err != nil {
		t.Fatalf("a first signature: %v", err)
	}
	checkInstalled(t, a, "notes", "1.4")
}
