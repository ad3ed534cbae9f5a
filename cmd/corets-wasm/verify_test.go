package main

import (
	"path/filepath"
	"testing"
)

// The round trip and a tampered module are in TestSignVerifyRoundTrip.

func TestVerifyErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "k.key"), filepath.Join(dir, "k.pub")
	corets(t, "keygen", "--private", priv, "--public", pub).ok(t)
	other := filepath.Join(dir, "other.pub")
	corets(t, "keygen", "--private", filepath.Join(dir, "other.key"), "--public", other).ok(t)
	mod := writeModule(t, filepath.Join(dir, "m"), "code: m\n", "export {};\n")

	corets(t, "verify", "--key", pub, mod).fails(t, exitConfig, "not signed")
	corets(t, "sign", "--key", priv, mod).ok(t)
	corets(t, "verify", "--key", other, mod).fails(t, exitConfig, "signature does not match")
	corets(t, "verify", "--key", priv, mod).fails(t, exitConfig, "--key: ")
	f := filepath.Join(writeFiles(t, dir, map[string]string{"x.ts": ""}), "x.ts")
	corets(t, "verify", "--key", pub, f).fails(t, exitFailed, "is not a module directory")
}
