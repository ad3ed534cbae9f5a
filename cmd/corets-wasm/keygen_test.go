package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/manifest"
)

func TestKeygen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "a.key"), filepath.Join(dir, "a.pub")
	r := corets(t, "keygen", "--private", priv, "--public", pub).ok(t)
	if !strings.Contains(r.stdout, priv) || !strings.Contains(r.stdout, pub) {
		t.Errorf("stdout %q", r.stdout)
	}
	if _, err := manifest.ReadPrivateKey(priv); err != nil {
		t.Error(err)
	}
	if _, err := manifest.ReadPublicKey(pub); err != nil {
		t.Error(err)
	}
	before, _ := os.ReadFile(priv)
	corets(t, "keygen", "--private", priv, "--public", filepath.Join(dir, "b.pub")).fails(t, exitFailed, "a.key", "refusing to overwrite")
	if after, _ := os.ReadFile(priv); string(after) != string(before) {
		t.Error("the private key was overwritten")
	}
	corets(t, "keygen", "x").fails(t, exitUsage, `unexpected argument "x"`)
}

// TestKeygenDefaults uses the current directory, so it does not run in
// parallel.
func TestKeygenDefaults(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	corets(t, "keygen").ok(t)
	for _, f := range []string{"corets.key", "corets.pub"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	mod := writeModule(t, filepath.Join(dir, "m"), "code: m\n", "export const x = 1;\n")
	corets(t, "sign", "m").ok(t)
	if r := corets(t, "verify", mod).ok(t); r.stdout != "ok: signature of m verified\n" {
		t.Errorf("verify: %q", r.stdout)
	}
}
