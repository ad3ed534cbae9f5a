package modules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// installRuntime opens a runtime on a new app root inside its own parent
// directory, so tests can check that nothing lands beside the app root.
func installRuntime(t testing.TB, opts Options) *Runtime {
	t.Helper()
	if opts.AppRoot == "" {
		opts.AppRoot = filepath.Join(t.TempDir(), "app")
		if err := os.Mkdir(opts.AppRoot, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if opts.StorePath == "" {
		opts.MemoryStore = true
	}
	opts.NoDiskCache = true
	opts.SkipInstalled = true
	if opts.Output == nil {
		opts.Output = func(module, level, text string) {}
	}
	r, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r
}

// writeTree writes files (slash paths) under dir and returns dir.
func writeTree(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	return testutil.WriteTree(t, dir, files)
}

// moduleFiles is testutil.VersionedModule.
var moduleFiles = testutil.VersionedModule

// checkAnswers calls code's hello and wants version in the answer.
func checkAnswers(t testing.TB, r *Runtime, code, version string) {
	t.Helper()
	out, err := r.Call(context.Background(), code, "hello", "ada")
	if err != nil {
		t.Fatalf("call %s.hello: %v", code, err)
	}
	if want := fmt.Sprintf(`"hello ada from %s"`, version); string(out) != want {
		t.Fatalf("%s.hello = %s, want %s", code, out, want)
	}
}

// checkInstalled wants code installed at version: listed, recorded, its
// directory in place, loaded and answering.
func checkInstalled(t testing.TB, r *Runtime, code, version string) InstalledModule {
	t.Helper()
	list, err := r.Installed()
	if err != nil {
		t.Fatal(err)
	}
	var found *InstalledModule
	for i := range list {
		if list[i].Code == code {
			found = &list[i]
		}
	}
	if found == nil {
		t.Fatalf("%s is not listed in %+v", code, list)
	}
	if found.Version != version {
		t.Fatalf("%s is recorded at version %q, want %q", code, found.Version, version)
	}
	if want := filepath.Join(r.AppRoot(), "modules", code); found.Dir != want {
		t.Fatalf("dir = %s, want %s", found.Dir, want)
	}
	m, err := manifest.Load(found.Dir, manifest.Options{})
	if err != nil || m.Version != version {
		t.Fatalf("installed manifest: %+v, %v", m, err)
	}
	checkAnswers(t, r, code, version)
	return *found
}

// checkNothingLeft wants no trace of code: no directory, no record, not
// loaded, and nothing in <app root>/modules but the installed codes in
// keep (no staging directory either).
func checkNothingLeft(t testing.TB, r *Runtime, code string, keep ...string) {
	t.Helper()
	if code != "" {
		if _, err := os.Lstat(filepath.Join(r.AppRoot(), "modules", code)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("modules/%s exists: %v", code, err)
		}
		list, err := r.Installed()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range list {
			if m.Code == code {
				t.Errorf("%s is recorded: %+v", code, m)
			}
		}
		if _, err := r.Status(code); !errors.Is(err, ErrNotLoaded) {
			t.Errorf("%s is loaded: %v", code, err)
		}
	}
	entries, err := os.ReadDir(filepath.Join(r.AppRoot(), "modules"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != strings.Join(keep, ",") {
		t.Errorf("modules/ holds %v, want %v", names, keep)
	}
}

func TestInstallFromDirectory(t *testing.T) {
	r := installRuntime(t, Options{})
	src := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\n"))
	writeTree(t, src, map[string]string{".git/config": "[core]\n\tfsmonitor = evil\n", "lib/.git": "gitdir: x"})
	ctx := context.Background()
	before := time.Now().Add(-time.Second)
	m, err := r.Install(ctx, src, InstallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Code != "notes" || m.Name != "Notes" || m.Version != "1.0" || m.Source != src || m.Signed || m.Time.Before(before) {
		t.Fatalf("installed %+v", m)
	}
	if len(m.Permissions.Read) != 1 || m.Permissions.Read[0] != "./data/" {
		t.Fatalf("permissions %+v", m.Permissions)
	}
	got := checkInstalled(t, r, "notes", "1.0")
	if got.Source != src || !got.Time.Equal(m.Time) || got.Permissions.Read[0] != "./data/" {
		t.Fatalf("listed %+v, installed %+v", got, *m)
	}
	for _, p := range []string{".git", "lib/.git"} {
		if _, err := os.Lstat(filepath.Join(m.Dir, p)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s was copied: %v", p, err)
		}
	}
	checkNothingLeft(t, r, "", "notes")

	// Installing the same version again is an update asking for nothing
	// more.
	if _, err := r.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")
}

func TestInstallRefusesBrokenModules(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"syntax", map[string]string{".core/view.yml": "code: broken\n", "main.ts": "export function f( {"}, "main.ts:1:"},
		{"import", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `import x from "./missing"; export const f = () => x;`}, "./missing"},
		{"node-builtin", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `import fs from "node:fs"; export const f = () => fs;`}, "node:fs"},
		{"no-entry", map[string]string{".core/view.yml": "code: broken\n", "README.md": "hi"}, "no entry file"},
		{"no-manifest", map[string]string{"main.ts": "export const f = 1;"}, "no manifest"},
		{"no-code", map[string]string{".core/view.yml": "name: Broken\n", "main.ts": "export const f = 1;"}, "code"},
		{"bad-manifest", map[string]string{".core/view.yml": "code: broken\nperms: {}\n", "main.ts": "export const f = 1;"}, "view.yml:2"},
		{"bad-grant", map[string]string{".core/view.yml": "code: broken\npermissions:\n  read: [\"../outside\"]\n", "main.ts": "export const f = 1;"}, "view.yml:3"},
		{"init-throws", map[string]string{".core/view.yml": "code: broken\n", "main.ts": `export function init() { throw new Error("no way"); }`}, "no way"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := writeTree(t, t.TempDir(), c.files)
			_, err := r.Install(ctx, src, InstallOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
			if strings.Contains(err.Error(), ".staging-") { // the installer's staging directories
				t.Errorf("the error names the staging directory: %v", err)
			}
			checkNothingLeft(t, r, "broken")
		})
	}
}

// TestInstallUpdateNeedsApproval: Options.Approve is asked about an update
// that asks for more, limits compared with the runtime's defaults; the
// rest of approval is internal/install's (TestInstallUpdateNeedsApproval
// there).
func TestInstallUpdateNeedsApproval(t *testing.T) {
	var asked []Change
	answer := false
	r := installRuntime(t, Options{Approve: func(ctx context.Context, c Change) (bool, error) {
		asked = append(asked, c)
		return answer, nil
	}})
	ctx := context.Background()
	// every version from one directory: another source would need
	// approval by itself (internal/install's TestInstallFromAnotherSource)
	src := t.TempDir()
	v1 := writeTree(t, src, moduleFiles("notes", "1.0", "permissions:\n  read: [\"./data/\"]\n  net: [\"a.example.com:443\"]\n"))
	if _, err := r.Install(ctx, v1, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 0 {
		t.Fatalf("a first install asked: %v", asked)
	}
	v2 := writeTree(t, src, moduleFiles("notes", "1.1", `permissions:
  read: ["./data/"]
  net: ["a.example.com:443", "api.example.com:443"]
  run: ["git"]
limits:
  memory: 128MiB
  timeout: 5s
`))
	_, err := r.Install(ctx, v2, InstallOptions{})
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
	// what the error says and what Change holds are internal/install's
	// TestUpdateNeedsApproval; here: the runtime's Approve was asked
	if len(asked) != 1 || asked[0].String() != want || asked[0].Source != v2 {
		t.Fatalf("Approve saw %+v", asked)
	}
	// refused: the old version is still in place and answering
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")

	// Approve says yes
	answer = true
	if _, err := r.Install(ctx, v2, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkInstalled(t, r, "notes", "1.1")
}

func TestInstallUpdateThatFailsToStart(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	src := t.TempDir()
	if _, err := r.Install(ctx, writeTree(t, src, moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	bad := moduleFiles("notes", "2.0", "")
	bad["main.ts"] += `export function init() { throw new Error("cannot start"); }` + "\n"
	_, err := r.Install(ctx, writeTree(t, src, bad), InstallOptions{})
	if err == nil || !strings.Contains(err.Error(), "cannot start") || !strings.Contains(err.Error(), "installed version is back") {
		t.Fatalf("err = %v", err)
	}
	checkInstalled(t, r, "notes", "1.0")
	checkNothingLeft(t, r, "", "notes")
}

func TestInstalledLoadedAtOpen(t *testing.T) {
	root := t.TempDir()
	store := filepath.Join(t.TempDir(), "store.db")
	ctx := context.Background()
	r, err := Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"notes", "todo"} {
		if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles(code, "1.0", "")), InstallOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}

	r, err = Open(ctx, Options{AppRoot: root, StorePath: store, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	list, err := r.Installed()
	if err != nil || len(list) != 2 || list[0].Code != "notes" || list[1].Code != "todo" {
		t.Fatalf("installed %+v, %v", list, err)
	}
	for _, code := range []string{"notes", "todo"} {
		if st, err := r.Status(code); err != nil || st.State != StateRunning {
			t.Fatalf("%s: %+v, %v", code, st, err)
		}
		checkAnswers(t, r, code, "1.0")
	}
}

func TestRemove(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	for _, code := range []string{"notes", "todo"} {
		if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles(code, "1.0", "")), InstallOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	part := r.Store().Module("notes", kv.Quota{})
	if _, err := part.Set("settings", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	other := r.Store().Module("todo", kv.Quota{})
	other.Set("settings", "k", []byte("v"))

	// Remove keeps the stored data; a reinstall finds it
	if err := r.Remove(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, r, "notes", "todo")
	if e, err := part.Get("settings", "k"); err != nil || string(e.Value) != "v" {
		t.Fatalf("Remove deleted the stored data: %+v, %v", e, err)
	}
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := part.Get("settings", "k"); err != nil {
		t.Fatalf("the reinstalled module's data: %v", err)
	}
	// RemoveWith Purge deletes it
	res, err := r.RemoveWith(ctx, "notes", RemoveOptions{Purge: true})
	if err != nil || !res.Uninstalled || !res.Purged || res.Data.Keys != 1 {
		t.Fatalf("RemoveWith Purge: %+v, %v", res, err)
	}
	checkNothingLeft(t, r, "notes", "todo")
	if groups, err := part.Groups(); err != nil || len(groups) != 0 {
		t.Fatalf("the store partition is still there: %v, %v", groups, err)
	}
	if _, err := other.Get("settings", "k"); err != nil {
		t.Fatalf("another module's store went: %v", err)
	}
	checkInstalled(t, r, "todo", "1.0")

	if err := r.Remove(ctx, "notes"); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("second remove: %v", err)
	}
	for _, code := range []string{"", "../todo", "_modules", "Todo"} {
		if err := r.Remove(ctx, code); err == nil {
			t.Fatalf("Remove(%q) succeeded", code)
		}
	}
	checkInstalled(t, r, "todo", "1.0")

	// not loaded (a runtime that skipped it) is removed all the same
	if err := r.Unload(ctx, "todo"); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove(ctx, "todo"); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, r, "todo")
}

func TestInstallConcurrently(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	codes := []string{"a1", "a2", "a3", "a4"}
	srcs := make([]string, len(codes))
	for i, code := range codes {
		srcs[i] = writeTree(t, t.TempDir(), moduleFiles(code, "1", ""))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(codes)*2)
	for i := range codes {
		for j := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i*2+j] = r.Install(ctx, srcs[i], InstallOptions{})
			}()
		}
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for _, code := range codes {
		checkInstalled(t, r, code, "1")
	}
	checkNothingLeft(t, r, "", codes...)
}

func TestInstallClosed(t *testing.T) {
	r := installRuntime(t, Options{})
	ctx := context.Background()
	r.Close(ctx)
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1", "")), InstallOptions{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("install after close: %v", err)
	}
	if err := r.Remove(ctx, "notes"); !errors.Is(err, ErrClosed) {
		t.Fatalf("remove after close: %v", err)
	}
}
