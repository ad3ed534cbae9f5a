package modules

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

func errored(r *Runtime, want string) func() error {
	return func() error {
		st, err := r.Status("notes")
		if err != nil {
			return err
		}
		if st.State != StateErrored || !strings.Contains(st.Error, want) {
			return fmt.Errorf("state %s, error %q; want ERRORED saying %q", st.State, st.Error, want)
		}
		if _, err := os.Lstat(filepath.Join(r.AppRoot(), "modules", "notes")); err == nil {
			return fmt.Errorf("its directory exists")
		}
		return nil
	}
}

// A follower with a PublicKey refuses an unsigned module, as Install
// would, and runs it once it is signed.
func TestSharedInstallsSignatureRequired(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	pub, priv, _ := ed25519.GenerateKey(nil)
	a := sharedRuntime(t, db, Options{})
	b := sharedRuntime(t, db, Options{PublicKey: pub})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B refuses the unsigned module", errored(b, "accepts only signed modules"))
	if _, err := b.Call(ctx, "notes", "hello", "ada"); err == nil {
		t.Fatal("an unsigned module answers on a runtime that requires signatures")
	}
	if err := manifest.Sign(src, priv); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B runs the signed module", answers(b, "1.0"))
}

// Tampered store content leaves the module ERRORED with the reason on a
// runtime that follows it, and the next install is followed again.
func TestSharedInstallsTamperedBlobs(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(t, db, Options{})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	blobs, _, err := db.System().List("_blobs", "", "", 0)
	if err != nil || len(blobs) == 0 {
		t.Fatalf("blobs: %d, %v", len(blobs), err)
	}
	for _, e := range blobs {
		db.System().Set("_blobs", e.Key, []byte("export const evil = 1;\n"))
	}
	b := sharedRuntime(t, db, Options{})
	if err := errored(b, "does not match its sha256")(); err != nil {
		t.Fatalf("B at Open: %v", err)
	}
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B runs the reinstalled module", answers(b, "1.0"))
}

// A record whose manifest asks for more than the grants approved at
// install is refused by a runtime that fetches it.
func TestSharedInstallsGrantsExceeded(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(t, db, Options{})
	b := sharedRuntime(t, db, Options{})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", "permissions:\n  store: [\"settings\"]\n"))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B runs 1.0", answers(b, "1.0"))
	e, err := db.System().Get("_modules", "notes")
	if err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(string(e.Value), `"store":["settings"]`, `"store":[]`, 1)
	if forged == string(e.Value) {
		t.Fatalf("record: %s", e.Value)
	}
	if _, err := db.System().Set("_modules", "notes", []byte(forged)); err != nil {
		t.Fatal(err)
	}
	// B has 1.0 in place, which matches the record's digest: nothing to
	// fetch. A new runtime must fetch, and refuses.
	c := sharedRuntime(t, db, Options{})
	if err := errored(c, "asks for more than the grants approved at install")(); err != nil {
		t.Fatalf("C at Open: %v", err)
	}
}

// The rule: installs are shared on the embedder's store or a store that
// reports everyone's writes, or when forced; never on a private file by
// default, where an install writes no blobs.
func TestSharedInstallsRule(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		opts Options
		want bool
	}{
		{"private file", Options{}, false},
		{"memory", Options{MemoryStore: true}, false},
		{"url", Options{StoreURL: "memory:"}, false},
		{"embedder's store", Options{Store: kv.OpenMemory(kv.Options{})}, true},
		{"embedder's store, off", Options{Store: kv.OpenMemory(kv.Options{}), SharedInstalls: SharedInstallsOff}, false},
		{"memory, on", Options{MemoryStore: true, SharedInstalls: SharedInstallsOn}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.AppRoot, tc.opts.NoDiskCache = t.TempDir(), true
			tc.opts.Output = func(module, level, text string) {}
			r, err := Open(ctx, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close(ctx)
			if r.SharesInstalls() != tc.want {
				t.Fatalf("SharesInstalls = %v, want %v", r.SharesInstalls(), tc.want)
			}
			src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))
			if _, err := r.Install(ctx, src, InstallOptions{}); err != nil {
				t.Fatal(err)
			}
			blobs, _, _ := r.Store().System().List("_blobs", "", "", 0)
			if (len(blobs) > 0) != tc.want {
				t.Fatalf("%d blobs written", len(blobs))
			}
		})
	}
}

// A module on a runtime sharing installs reaches neither the blobs nor the
// records: they are the runtime's "_" groups.
func TestSharedInstallsModuleCannotReachBlobs(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(t, db, Options{})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", ""))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	blobs, _, _ := db.System().List("_blobs", "", "", 1)
	spy := writeTree(t, filepath.Join(a.AppRoot(), "spy"), map[string]string{
		".core/view.yml": "code: spy\n",
		"main.ts": `export async function get(g: string, k: string) {
  try { return { got: await core.storeGet(g, k) }; } catch (e) { return { refused: String(e) }; }
}
export async function set(g: string, k: string) {
  try { await core.storeSet(g, k, "forged"); return { wrote: true }; } catch (e) { return { refused: String(e) }; }
}
`,
	})
	if _, err := a.Load(ctx, spy); err != nil {
		t.Fatal(err)
	}
	for _, call := range []struct{ fn, group, key string }{
		{"get", "_blobs", blobs[0].Key},
		{"set", "_blobs", blobs[0].Key},
		{"get", "_modules", "notes"},
		{"set", "_modules", "notes"},
		{"set", "_installing", "x"},
	} {
		out, err := a.Call(ctx, "spy", call.fn, call.group, call.key)
		if err != nil || !strings.Contains(string(out), "refused") {
			t.Errorf("%s %s/%s: %s %v", call.fn, call.group, call.key, out, err)
		}
	}
	if e, err := db.System().Get("_blobs", blobs[0].Key); err != nil || string(e.Value) == `"forged"` {
		t.Fatalf("blob after the module's attempts: %q %v", e.Value, err)
	}
}

// A runtime that cannot run what another installed (a capability only the
// installer's embedder declares) has it ERRORED with the reason; the
// installer runs it.
func TestSharedInstallsFollowerLacksCapability(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	t.Cleanup(func() { db.Close() }) // after the runtimes' cleanups
	a := sharedRuntime(t, db, Options{Capabilities: []string{"email"}})
	b := sharedRuntime(t, db, Options{})
	src := writeTree(t, filepath.Join(t.TempDir(), "notes"), sharedModule("1.0", "permissions:\n  email: [\"ops@example.com\"]\n"))
	if _, err := a.Install(ctx, src, InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := answers(a, "1.0")(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "B has it ERRORED", errored(b, "email"))
}
