package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
)

// sharedModule is a module whose hello names its version and whose put
// and get reach its own store group.
func sharedModule(version, extra string) map[string]string {
	return map[string]string{
		".core/view.yml": fmt.Sprintf("code: notes\nname: Notes\nversion: %q\n%s", version, extra),
		"main.ts": fmt.Sprintf(`import { greet } from "./lib/greet";
export function hello(n: string): string { return greet(n); }
export async function put(k: string, v: string) { await core.storeSet("g", k, v); return true; }
export async function get(k: string) { return await core.storeGet("g", k); }
`),
		"lib/greet.ts": fmt.Sprintf("export const greet = (n: string): string => `hello ${n} from %s`;\n", version),
		"data/big.txt": strings.Repeat(version+" is the version of this file\n", 500),
	}
}

// sharedRuntime opens a runtime on db, on opts.AppRoot or a new app root,
// following the store's installs.
func sharedRuntime(t testing.TB, db *kv.DB, opts Options) *Runtime {
	t.Helper()
	if opts.AppRoot == "" {
		opts.AppRoot = filepath.Join(t.TempDir(), "app")
		if err := os.Mkdir(opts.AppRoot, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	opts.Store, opts.NoDiskCache = db, true
	if opts.Output == nil {
		opts.Output = func(module, level, text string) {}
	}
	r, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	if !r.SharesInstalls() {
		t.Fatal("a runtime on the embedder's store does not share installs")
	}
	return r
}

// eventually polls cond until it holds; the bound only fails a hang.
func eventually(t testing.TB, what string, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %v", what, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func answers(r *Runtime, version string) func() error {
	return func() error {
		out, err := r.Call(context.Background(), "notes", "hello", "ada")
		if err != nil {
			return err
		}
		if want := fmt.Sprintf(`"hello ada from %s"`, version); string(out) != want {
			return fmt.Errorf("hello = %s, want %s", out, want)
		}
		return nil
	}
}

func gone(r *Runtime) func() error {
	return func() error {
		if _, err := r.Status("notes"); !errors.Is(err, ErrNotLoaded) {
			return fmt.Errorf("still loaded: %v", err)
		}
		if _, err := os.Lstat(filepath.Join(r.AppRoot(), "modules", "notes")); !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("its directory is still there: %v", err)
		}
		return nil
	}
}

// testSharedInstalls runs three runtimes with their own app roots on one
// store (open gives each runtime its store: the same DB, or one client
// per runtime of a cluster) and installs, updates and removes on each in
// turn: the others follow. It leaves the store without install records
// or blobs.
func testSharedInstalls(t *testing.T, open func(t testing.TB) *kv.DB) {
	ctx := context.Background()
	a := sharedRuntime(t, open(t), Options{})
	b := sharedRuntime(t, open(t), Options{})
	c := sharedRuntime(t, open(t), Options{})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))

	// A installs: B and C load it and answer
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := answers(a, "1.0")(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B runs 1.0", answers(b, "1.0"))
	eventually(t, "C runs 1.0", answers(c, "1.0"))
	for _, r := range []*Runtime{b, c} {
		got, err := os.ReadFile(filepath.Join(r.AppRoot(), "modules", "notes", "lib", "greet.ts"))
		if err != nil || !strings.Contains(string(got), "from 1.0") {
			t.Fatalf("%s: materialized file: %q %v", r.AppRoot(), got, err)
		}
	}

	// the module's data is in the shared store: written on A, read on C
	if _, err := a.Call(ctx, "notes", "put", "k", "written on A"); err != nil {
		t.Fatal(err)
	}
	if out, err := c.Call(ctx, "notes", "get", "k"); err != nil || string(out) != `"written on A"` {
		t.Fatalf("C reads %s, %v", out, err)
	}

	// B updates: A and C run 2.0
	writeTree(t, src, sharedModule("2.0", ""))
	if _, err := b.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := answers(b, "2.0")(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "A runs 2.0", answers(a, "2.0"))
	eventually(t, "C runs 2.0", answers(c, "2.0"))

	// a runtime opened now materializes it at Open
	d := sharedRuntime(t, open(t), Options{})
	if err := answers(d, "2.0")(); err != nil {
		t.Fatalf("a runtime opened after the install: %v", err)
	}

	// C removes: A, B and D unload it and their directories go
	if err := c.Remove(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Runtime{a, b, c, d} {
		eventually(t, r.AppRoot()+" drops notes", gone(r))
	}
	// nothing is left in the store but the module's data
	sys := open(t).System()
	for _, g := range []string{"_modules", "_blobs", "_installing", "_collect"} {
		if entries, _, err := sys.List(g, "", "", 0); err != nil || len(entries) > 0 {
			t.Errorf("%s holds %d entries after the removal (%v)", g, len(entries), err)
		}
	}
	if out, err := open(t).Module("notes", kv.Quota{}).Get("g", "k"); err != nil || !strings.Contains(string(out.Value), "written on A") {
		t.Errorf("the module's data after the removal: %q %v", out.Value, err)
	}
}

func TestSharedInstallsMemory(t *testing.T) {
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	testSharedInstalls(t, func(testing.TB) *kv.DB { return db })
}

func TestSharedInstallsFile(t *testing.T) {
	db, err := kv.Open(filepath.Join(t.TempDir(), "store.db"), kv.Options{NoSync: true, MaxValueBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	// a value limit of 4 KiB splits the module's data file into chunks
	testSharedInstalls(t, func(testing.TB) *kv.DB { return db })
}

// Two runtimes installing the same code at once: every runtime ends up
// running the version the store records, whichever that is. The install
// whose record was overwritten before it loaded may fail, saying so; it
// never takes the other's record with it.
func TestSharedInstallsConcurrentInstallsConverge(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	rts := []*Runtime{sharedRuntime(t, db, Options{}), sharedRuntime(t, db, Options{}), sharedRuntime(t, db, Options{})}
	errs := make(chan error, 2)
	for i, r := range rts[:2] {
		src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule(fmt.Sprintf("%d.0", i+1), ""))
		go func() {
			_, err := r.Install(ctx, src, InstallOptions{Yes: true}) // another source than the other's
			errs <- err
		}()
	}
	failed := 0
	for range 2 {
		if err := <-errs; err != nil {
			failed++
			t.Log(err)
			if !strings.Contains(err.Error(), "recorded meanwhile") {
				t.Fatal(err)
			}
		}
	}
	if failed == 2 {
		t.Fatal("both installs failed")
	}
	e, err := db.System().Get("_modules", "notes")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct{ Version string }
	if err := json.Unmarshal(e.Value, &rec); err != nil {
		t.Fatal(err)
	}
	for _, r := range rts {
		eventually(t, r.AppRoot()+" runs the recorded "+rec.Version, answers(r, rec.Version))
	}
}

// A runtime that was closed while others updated and removed modules
// catches up at Open.
func TestSharedInstallsCatchUpAtOpen(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(t, db, Options{})
	b := sharedRuntime(t, db, Options{})
	root := b.AppRoot()
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B runs 1.0", answers(b, "1.0"))
	b.Close(ctx)

	writeTree(t, src, sharedModule("2.0", ""))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	b = sharedRuntime(t, db, Options{AppRoot: root})
	if err := answers(b, "2.0")(); err != nil {
		t.Fatalf("reopened after an update: %v", err)
	}
	b.Close(ctx)

	if err := a.Remove(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	b = sharedRuntime(t, db, Options{AppRoot: root})
	if err := gone(b)(); err != nil {
		t.Fatalf("reopened after a removal: %v", err)
	}
}
