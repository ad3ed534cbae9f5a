package modules

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/cachefile"
	"github.com/corets/corets-wasm/manifest"
)

// TestBundleCachePoisoned is hostile case "bundle-cache-poisoned" (issue 10,
// escape 2) through the Runtime: a module that can write the bundle cache
// directory puts its own genuine record, or its record under the victim's
// seal, in the victim's place. The victim, signed and run with a public key
// configured, must run its own code. internal/bundle's TestCachePoisoned
// forges records with every checksum an attacker can compute.
func TestBundleCachePoisoned(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	root, cacheDir := t.TempDir(), t.TempDir()
	bundles := filepath.Join(cacheDir, "bundles")
	victim := writeModule(t, filepath.Join(root, "victim"), map[string]string{
		".core/view.yml": "code: victim\nname: Victim\nversion: \"1.0\"\n",
		"main.ts":        "export const who = () => \"victim\";\n",
	})
	if err := manifest.Sign(victim, priv); err != nil {
		t.Fatal(err)
	}
	attacker := writeModule(t, filepath.Join(root, "attacker"), map[string]string{
		".core/view.yml": "code: attacker\nname: Attacker\nversion: \"1.0\"\n",
		"main.ts":        "export const who = () => \"attacker\";\n",
	})
	// run loads a module in a new runtime, with an empty memory cache as a
	// new process would have, and returns who().
	run := func(dir string, key ed25519.PublicKey) string {
		t.Helper()
		r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, CacheDir: cacheDir, SkipInstalled: true,
			PublicKey: key, Output: func(string, string, string) {}})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close(ctx)
		code, err := r.Load(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Call(ctx, code, "who")
		if err != nil {
			t.Fatal(err)
		}
		var who string
		json.Unmarshal(res, &who)
		return who
	}
	if who := run(victim, pub); who != "victim" {
		t.Fatalf("clean: %q", who)
	}
	files, _ := filepath.Glob(filepath.Join(bundles, "*.bundle"))
	if len(files) != 1 {
		t.Fatalf("cache files %q, want the victim's", files)
	}
	victimFile := files[0]
	good, _ := os.ReadFile(victimFile)
	victimSeal, _, _ := bytes.Cut(good, []byte("\n"))

	// the attacker's own bundle, made by the runtime for its own module
	if who := run(attacker, nil); who != "attacker" {
		t.Fatalf("attacker: %q", who)
	}
	files, _ = filepath.Glob(filepath.Join(bundles, "*.bundle"))
	attackerFile := files[0]
	if attackerFile == victimFile {
		attackerFile = files[1]
	}
	attackerRecord, _ := os.ReadFile(attackerFile)
	_, attackerBody, _ := bytes.Cut(attackerRecord, []byte("\n"))

	cases := []struct {
		name string
		data []byte
	}{
		{"the attacker's genuine record in the victim's place", attackerRecord},
		{"the attacker's record under the victim's genuine seal", fmt.Appendf(nil, "%s\n%s", victimSeal, attackerBody)},
	}
	for _, c := range cases {
		if err := os.WriteFile(victimFile, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		if who := run(victim, pub); who != "victim" {
			t.Errorf("%s: the victim ran %q", c.name, who)
		}
		if now, _ := os.ReadFile(victimFile); bytes.Equal(now, c.data) {
			t.Errorf("%s: the poisoned file was left in place", c.name)
		}
	}
	// and the key file itself is the runtime's: made 0600
	if fi, err := os.Stat(filepath.Join(bundles, cachefile.KeyFile)); err != nil || fi.Size() != 32 {
		t.Errorf("key file: %v", err)
	}
}

// TestInstalledChangedRefused is hostile case "installed-changed" (issue 10):
// an installed module's files changed on disk after install (by a module
// granted that directory, or anyone else) are refused at load, with no
// public key configured, and the error names the module, the file and the
// way out. (A record from before digests gets one at its first load:
// internal/install's TestVerifyRecordsAMissingDigest.)
func TestInstalledChangedRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := installRuntime(t, Options{})
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	checkAnswers(t, r, "notes", "1.0")
	dir := filepath.Join(r.AppRoot(), "modules", "notes")
	// reloading the untouched module works
	if err := r.Unload(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	checkAnswers(t, r, "notes", "1.0")
	r.Unload(ctx, "notes")

	greet := filepath.Join(dir, "lib", "greet.ts")
	if err := os.WriteFile(greet, []byte("export const greet = (n: string): string => `pwned ${n}`;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := r.Load(ctx, dir)
	if !errors.Is(err, ErrInstalledChanged) {
		t.Fatalf("a changed installed module: %v", err)
	}
	for _, want := range []string{`"notes"`, "changed lib/greet.ts", "reinstall"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	if _, err := r.Call(ctx, "notes", "hello", "ada"); err == nil {
		t.Error("the changed module answers")
	}
	if st, err := r.Status("notes"); err != nil || st.State != StateErrored {
		t.Errorf("status %+v, %v; want ERRORED with the reason", st, err)
	}
	r.Unload(ctx, "notes")
	// a file added beside the code is a change too
	os.WriteFile(greet, []byte(moduleFiles("notes", "1.0", "")["lib/greet.ts"]), 0o644)
	os.WriteFile(filepath.Join(dir, "extra.ts"), []byte("x"), 0o644)
	if _, err := r.Load(ctx, dir); !errors.Is(err, ErrInstalledChanged) || !strings.Contains(err.Error(), "added extra.ts") {
		t.Fatalf("an added file: %v", err)
	}
	r.Unload(ctx, "notes")
	os.Remove(filepath.Join(dir, "extra.ts"))
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatalf("restored: %v", err)
	}
	r.Unload(ctx, "notes")

}

// TestInstalledChangedWhileLoading: files changed between the check of an
// installed module and its bundling (a racing writer) are caught too: the
// code that runs must be made from the very files that were verified.
func TestInstalledChangedWhileLoading(t *testing.T) {
	// Not parallel: sets testHookInstalledChecked, a package-global hook.
	ctx := context.Background()
	r := installRuntime(t, Options{})
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	r.Unload(ctx, "notes")
	dir := filepath.Join(r.AppRoot(), "modules", "notes")
	r.bundles.Forget(dir)
	testHookInstalledChecked = func(string) {
		os.WriteFile(filepath.Join(dir, "lib", "greet.ts"), []byte("export const greet = (n: string): string => `pwned ${n}`;\n"), 0o644)
	}
	t.Cleanup(func() { testHookInstalledChecked = nil })
	_, err := r.Load(ctx, dir)
	if !errors.Is(err, ErrInstalledChanged) || !strings.Contains(err.Error(), "lib/greet.ts") {
		out, _ := r.Call(ctx, "notes", "hello", "ada")
		t.Fatalf("a file changed while loading: %v; hello = %s", err, out)
	}
}
