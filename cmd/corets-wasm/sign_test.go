package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "k.key"), filepath.Join(dir, "k.pub")
	corets(t, "keygen", "--private", priv, "--public", pub).ok(t)
	mod := writeModule(t, filepath.Join(dir, "signed"), "code: signed\nversion: \"1.0\"\n", "export function hi() { return \"hi\"; }\n")

	r := corets(t, "sign", "--key", priv, mod).ok(t)
	if !strings.HasPrefix(r.stdout, "signed signed (") {
		t.Errorf("sign: %q", r.stdout)
	}
	if r := corets(t, "verify", "--key", pub, mod).ok(t); r.stdout != "ok: signature of signed verified\n" {
		t.Errorf("verify: %q", r.stdout)
	}
	corets(t, "check", "--key", pub, mod).ok(t)
	// a runtime requiring the key runs it
	if r := corets(t, "run", "--key", pub, mod, "--call", "hi").ok(t); r.stdout != "\"hi\"\n" {
		t.Errorf("run --key: %q", r.stdout)
	}
	root := t.TempDir()
	corets(t, "install", "--root", root, "--key", pub, mod).ok(t)

	// change one byte of code after signing
	if err := os.WriteFile(filepath.Join(mod, "main.ts"), []byte("export function hi() { return \"HI\"; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	corets(t, "verify", "--key", pub, mod).fails(t, exitConfig, "verify: ", "signature does not match")
	corets(t, "run", "--key", pub, mod, "--call", "hi").fails(t, exitConfig, "signature does not match")
	corets(t, "check", "--key", pub, mod).fails(t, exitConfig, "signature does not match")
	root2 := t.TempDir()
	corets(t, "install", "--root", root2, "--key", pub, mod).fails(t, exitConfig, "signature does not match")
	if entries, _ := os.ReadDir(filepath.Join(root2, "modules")); len(entries) != 0 {
		t.Errorf("a refused install left %v", entries)
	}
	// and a single file cannot be signed at all
	f := filepath.Join(writeFiles(t, dir, map[string]string{"loose.ts": "export const x = 1;"}), "loose.ts")
	corets(t, "run", "--key", pub, f).fails(t, exitConfig, "cannot be signed")
}

func TestSignErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "k.key"), filepath.Join(dir, "k.pub")
	corets(t, "keygen", "--private", priv, "--public", pub).ok(t)
	mod := writeModule(t, filepath.Join(dir, "m"), "code: m\n", "export {};\n")
	corets(t, "sign", "--key", filepath.Join(dir, "absent.key"), mod).fails(t, exitConfig, "--key: ", "absent.key")
	corets(t, "sign", "--key", pub, mod).fails(t, exitConfig, "--key: ")
	corets(t, "sign", "--key", priv, filepath.Join(dir, "nomod")).fails(t, exitNotFound, "nomod")
	corets(t, "sign", "--key", priv, writeModule(t, filepath.Join(dir, "bad"), "code: Bad\n", "")).fails(t, exitConfig, "sign: ", "code")
	corets(t, "sign", "--key", priv).fails(t, exitUsage, "sign: expected PATH")
}
