package install

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// sharedPair is an installing app and a following app, with their own app
// roots, on one store.
func sharedPair(t *testing.T) (a, b *testApp) {
	t.Helper()
	a = newApp(t, func(in *Installer) { in.Shared = true })
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	b = openApp(t, root, a.Store, func(in *Installer) { in.Shared = true })
	return a, b
}

// forge rewrites code's record and listing in the store as edit says, as
// someone with write access to the store could.
func forge(t *testing.T, a *testApp, code string, edit func(rec *record, files []sharedFile) []sharedFile) {
	t.Helper()
	rec, _, ok, err := a.record(code)
	if !ok || err != nil {
		t.Fatalf("record: %v %v", ok, err)
	}
	var lb bytes.Buffer
	if err := a.fetchBlobs(code, "the listing", *rec.Blobs, maxListing, &lb); err != nil {
		t.Fatal(err)
	}
	var files []sharedFile
	if err := json.Unmarshal(lb.Bytes(), &files); err != nil {
		t.Fatal(err)
	}
	files = edit(&rec, files)
	listing, _ := json.Marshal(files)
	ref := refOf(listing, 1<<20)
	if err := a.putBlobs(listing, ref, 1<<20); err != nil {
		t.Fatal(err)
	}
	rec.Blobs = &ref
	raw, _ := json.Marshal(rec)
	if _, err := a.Store.System().Set(recordGroup, code, raw); err != nil {
		t.Fatal(err)
	}
}

// stored stores data as a blob and returns its file entry at path p.
func stored(t *testing.T, a *testApp, p string, data []byte) sharedFile {
	t.Helper()
	ref := refOf(data, 1<<20)
	if err := a.putBlobs(data, ref, 1<<20); err != nil {
		t.Fatal(err)
	}
	return sharedFile{Path: p, blobRef: ref}
}

func TestFollowInstallsUpdatesRemoves(t *testing.T) {
	ctx := context.Background()
	a, b := sharedPair(t)
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second time finds it in place
		want := FollowInstalled
		if _, ok := b.loaded["notes"]; ok {
			want = FollowNone
		}
		if act, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil || act != want {
			t.Fatalf("follow: %v %v, want %v", act, err, want)
		}
		checkInstalled(t, b, "notes", "1.0")
	}
	writeTree(t, src, moduleFiles("notes", "2.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	if act, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil || act != FollowInstalled {
		t.Fatalf("follow the update: %v %v", act, err)
	}
	checkInstalled(t, b, "notes", "2.0")
	// the first version's blobs went with the update
	if e, _, _ := a.Store.System().List(blobGroup, "", "", 0); len(e) != 4 {
		t.Errorf("%d blobs after the update, want 4 (3 files and the listing)", len(e))
	}
	if _, err := a.Remove(ctx, "notes", false); err != nil {
		t.Fatal(err)
	}
	if act, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil || act != FollowRemoved {
		t.Fatalf("follow the removal: %v %v", act, err)
	}
	checkNothingLeft(t, b, "notes")
	for _, g := range []string{blobGroup, pendingGroup, recordGroup, collectGroup} {
		if e, _, _ := a.Store.System().List(g, "", "", 0); len(e) != 0 {
			t.Errorf("%s holds %d entries after the removal", g, len(e))
		}
	}
}

// Large files go into the store in chunks no larger than the limit.
func TestShareChunks(t *testing.T) {
	ctx := context.Background()
	a, b := sharedPair(t)
	a.ChunkBytes, b.ChunkBytes = 100, 100
	files := moduleFiles("notes", "1.0", "")
	files["data/big.txt"] = strings.Repeat("0123456789", 101) // 11 chunks
	files["data/empty.txt"] = ""
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), files)
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	e, _, _ := a.Store.System().List(blobGroup, "", "", 0)
	for _, x := range e {
		if len(x.Value) > 100 {
			t.Errorf("blob %s is %d bytes", x.Key, len(x.Value))
		}
	}
	if len(e) < 11 {
		t.Errorf("%d blobs", len(e))
	}
	if _, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(b.AppRoot, "modules", "notes", "data", "big.txt"))
	if err != nil || string(got) != files["data/big.txt"] {
		t.Fatalf("big.txt: %d bytes, %v", len(got), err)
	}
	if got, err := os.ReadFile(filepath.Join(b.AppRoot, "modules", "notes", "data", "empty.txt")); err != nil || len(got) != 0 {
		t.Fatalf("empty.txt: %q, %v", got, err)
	}
}

// Whatever someone with write access to the store puts in a record, a
// follower writes nothing outside its modules directory, swaps nothing in
// half-way, and says what it refused.
func TestFollowRefusesTamperedStore(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile
		lim  FollowLimits
		want string
	}{
		{"blob altered", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			for _, f := range files {
				if f.Path == "main.ts" {
					a.Store.System().Set(blobGroup, f.SHA256, []byte("export const evil = 1;\n"))
				}
			}
			return files
		}, FollowLimits{}, "does not match its sha256"},
		{"blob missing", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			a.Store.System().Delete(blobGroup, files[len(files)-1].SHA256)
			return files
		}, FollowLimits{}, "is not in the store"},
		{"file replaced consistently", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			for i, f := range files {
				if f.Path == "main.ts" {
					files[i] = stored(t, a, "main.ts", []byte("export const evil = 1;\n"))
				}
			}
			return files
		}, FollowLimits{}, "do not match the record's digest"},
		{"file added", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, "extra.ts", []byte("x")))
		}, FollowLimits{}, "do not match the record's digest"},
		{"digest changed", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			rec.Digest = strings.Repeat("0", 64)
			return files
		}, FollowLimits{}, "do not match the record's digest"},
		{"dot-dot path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, "../../escaped.ts", []byte("x")))
		}, FollowLimits{}, "not a clean relative path"},
		{"inner dot-dot path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, "lib/../../../escaped.ts", []byte("x")))
		}, FollowLimits{}, "not a clean relative path"},
		{"absolute path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, "/tmp/escaped.ts", []byte("x")))
		}, FollowLimits{}, "not a clean relative path"},
		{"backslash path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, `..\escaped.ts`, []byte("x")))
		}, FollowLimits{}, "backslash"},
		{"drive path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, `C:escaped.ts`, []byte("x")))
		}, FollowLimits{}, "colon"},
		{"git path", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, stored(t, a, ".git/hooks/post-checkout", []byte("x")))
		}, FollowLimits{}, ".git"},
		{"path twice", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return append(files, files[0])
		}, FollowLimits{}, "listed twice"},
		{"no manifest", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			var out []sharedFile
			for _, f := range files {
				if f.Path != ".core/view.yml" {
					out = append(out, f)
				}
			}
			return out
		}, FollowLimits{}, "has no .core/view.yml"},
		{"size understated", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			files[0].Size--
			return files
		}, FollowLimits{}, "more than the"},
		{"too many bytes", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return files
		}, FollowLimits{MaxBytes: 100}, "more than the 100 bytes allowed"},
		{"too many files", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			return files
		}, FollowLimits{MaxFiles: 2}, "more than the 2 allowed"},
		{"grants shrunk", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			rec.Permissions = nil
			return files
		}, FollowLimits{}, "asks for more than the grants approved at install"},
		{"limits lowered", func(t *testing.T, a *testApp, rec *record, files []sharedFile) []sharedFile {
			rec.Limits.Memory = 1 << 20
			return files
		}, FollowLimits{}, "limits.memory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			a, b := sharedPair(t)
			src := writeTree(t, filepath.Join(t.TempDir(), "notes"),
				moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\nlimits:\n  memory: 32MiB\n"))
			if _, err := a.Install(ctx, src, Options{}); err != nil {
				t.Fatal(err)
			}
			forge(t, a, "notes", func(rec *record, files []sharedFile) []sharedFile { return tc.edit(t, a, rec, files) })
			act, err := b.Follow(ctx, "notes", tc.lim)
			if !errors.Is(err, ErrSharedRefused) || !strings.Contains(err.Error(), tc.want) || act != FollowNone {
				t.Fatalf("follow: %v, %v; want ErrSharedRefused saying %q", act, err, tc.want)
			}
			checkNothingLeft(t, b, "") // no module, no staging directory
			parent, _ := os.ReadDir(filepath.Dir(b.AppRoot))
			if len(parent) != 1 {
				t.Errorf("beside the app root: %v", parent)
			}
			if _, ok := b.loaded["notes"]; ok {
				t.Error("loaded")
			}
		})
	}
}

// An update the follower refuses leaves the installed version in place.
func TestFollowRefusedUpdateKeepsInstalled(t *testing.T) {
	ctx := context.Background()
	a, b := sharedPair(t)
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil {
		t.Fatal(err)
	}
	writeTree(t, src, moduleFiles("notes", "2.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	forge(t, a, "notes", func(rec *record, files []sharedFile) []sharedFile {
		return append(files, stored(t, a, "../x", []byte("x")))
	})
	if _, err := b.Follow(ctx, "notes", FollowLimits{}); !errors.Is(err, ErrSharedRefused) {
		t.Fatalf("follow: %v", err)
	}
	dir := filepath.Join(b.AppRoot, "modules", "notes")
	if m, err := manifest.Load(dir, manifest.Options{}); err != nil || m.Version != "1.0" || b.loaded["notes"] != dir {
		t.Fatalf("after a refused update: %+v %v, loaded %v", m, err, b.loaded)
	}
}

// A record written by an installer without Shared has no files to follow:
// the follower says so and keeps what it has.
func TestFollowUnsharedRecord(t *testing.T) {
	ctx := context.Background()
	a, b := sharedPair(t)
	a.Shared = false
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Follow(ctx, "notes", FollowLimits{}); !errors.Is(err, ErrSharedRefused) || !strings.Contains(err.Error(), "without shared installs") {
		t.Fatalf("follow: %v", err)
	}
	checkNothingLeft(t, b, "")
}

// Blobs another install announced are not collected while it runs.
func TestCollectSparesAnnouncedInstall(t *testing.T) {
	a, _ := sharedPair(t)
	sys := a.Store.System()
	key := refOf([]byte("x"), 10).SHA256
	sys.Set(blobGroup, key, []byte("x"))
	raw, _ := json.Marshal(pending{Time: time.Now().UTC()})
	sys.Set(pendingGroup, "other.1", raw)
	if err := a.collect([]string{key}); err != nil {
		t.Fatal(err)
	}
	if _, err := sys.Get(blobGroup, key); err != nil {
		t.Fatalf("an announced install's blob was collected: %v", err)
	}
	sys.Delete(pendingGroup, "other.1")
	// the next collect, whatever its own candidates, looks at those put off
	if err := a.collect([]string{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sys.Get(blobGroup, key); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("an unused blob was kept: %v", err)
	}
}

// A link where the follower's module directory should be is replaced, not
// written through, and what it pointed at is left alone.
func TestFollowDoesNotWriteThroughALink(t *testing.T) {
	ctx := context.Background()
	a, b := sharedPair(t)
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	outside := writeTree(t, filepath.Join(t.TempDir(), "outside"), map[string]string{"keep.txt": "mine"})
	if err := os.MkdirAll(filepath.Join(b.AppRoot, "modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(b.AppRoot, "modules", "notes")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if act, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil || act != FollowInstalled {
		t.Fatalf("follow: %v %v", act, err)
	}
	checkInstalled(t, b, "notes", "1.0")
	if fi, err := os.Lstat(filepath.Join(b.AppRoot, "modules", "notes")); err != nil || !fi.IsDir() {
		t.Fatalf("modules/notes: %v %v", fi, err)
	}
	entries, _ := os.ReadDir(outside)
	if got, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(got) != "mine" || len(entries) != 1 {
		t.Fatalf("the link's target changed: %q %v %d entries", got, err, len(entries))
	}
	// removed with the record: the same
	if err := os.Remove(filepath.Join(b.AppRoot, "modules", "notes")); err != nil {
		os.RemoveAll(filepath.Join(b.AppRoot, "modules", "notes"))
	}
	if err := os.Symlink(outside, filepath.Join(b.AppRoot, "modules", "notes")); err != nil {
		t.Fatalf("the link again: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(b.AppRoot, "modules", "notes")); err != nil {
		// wine 8 reports success for a link made where a directory was
		// just removed, and then has no link there
		t.Skip("the second link was not made, though Symlink said it was:", err)
	}
	if _, err := a.Remove(ctx, "notes", false); err != nil {
		t.Fatal(err)
	}
	if act, err := b.Follow(ctx, "notes", FollowLimits{}); err != nil || act != FollowRemoved {
		t.Fatalf("follow the removal: %v %v", act, err)
	}
	if got, err := os.ReadFile(filepath.Join(outside, "keep.txt")); err != nil || string(got) != "mine" {
		t.Fatalf("the link's target after the removal: %q %v", got, err)
	}
}

// Every path a listing may name stays inside the module directory on
// every OS, and is a path digest would list the same way.
func FuzzCheckSharedPath(f *testing.F) {
	for _, s := range []string{"main.ts", "lib/a.ts", "../x", "a/../../x", "/etc/passwd", `a\b`, "C:x", "a//b", "./a", "a/", ".git/config",
		"x/.git/y", "a\x00b", "\u202e.ts", "..", ".", "", "con", "a/./b", "...", "..a", "a..", "//x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if checkSharedPath(p) != "" {
			return
		}
		if !filepath.IsLocal(filepath.FromSlash(p)) && !strings.ContainsAny(p, "<>\"|?*") && !isWindowsReserved(p) {
			t.Fatalf("%q is accepted but not local", p)
		}
		if strings.HasPrefix(p, "/") || strings.Contains(p, "..") && strings.Contains("/"+p+"/", "/../") {
			t.Fatalf("%q is accepted", p)
		}
	})
}

// isWindowsReserved reports names filepath.IsLocal refuses on Windows
// (NUL, CON, ...), which the os.Root that writes them confines anyway.
func isWindowsReserved(p string) bool {
	for _, part := range strings.Split(p, "/") {
		base := strings.ToUpper(strings.TrimRight(strings.SplitN(part, ".", 2)[0], " "))
		switch base {
		case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
			"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$":
			return true
		}
	}
	return false
}

// An install that died long ago announced itself and never finished: its
// announcement is dropped and every unused blob collected.
func TestCollectAfterStaleAnnouncement(t *testing.T) {
	ctx := context.Background()
	a, _ := sharedPair(t)
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	sys := a.Store.System()
	orphan := refOf([]byte("left by a dead install"), 100).SHA256
	sys.Set(blobGroup, orphan, []byte("left by a dead install"))
	raw, _ := json.Marshal(pending{Time: time.Now().Add(-2 * staleAfter)})
	sys.Set(pendingGroup, "dead.1", raw)
	if err := a.collect([]string{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sys.Get(blobGroup, orphan); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("the dead install's blob: %v", err)
	}
	if e, _, _ := sys.List(pendingGroup, "", "", 0); len(e) != 0 {
		t.Fatalf("announcements left: %d", len(e))
	}
	if e, _, _ := sys.List(blobGroup, "", "", 0); len(e) != 4 {
		t.Fatalf("%d blobs left, want the installed module's 4", len(e))
	}
	if _, err := a.Remove(ctx, "notes", false); err != nil {
		t.Fatal(err)
	}
	if e, _, _ := sys.List(blobGroup, "", "", 0); len(e) != 0 {
		t.Fatalf("%d blobs left after the removal", len(e))
	}
}
