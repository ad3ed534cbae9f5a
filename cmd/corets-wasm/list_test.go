package main

import (
	"path/filepath"
	"testing"
)

// The happy path of list is in TestInstallListCallStatusRemove.

func TestListErrors(t *testing.T) {
	t.Parallel()
	corets(t, "list", "--root", filepath.Join(t.TempDir(), "missing")).fails(t, exitNotFound, "app root")
	corets(t, "list", "extra").fails(t, exitUsage, `unexpected argument "extra"`)
	if r := corets(t, "list", "--root", t.TempDir(), "--json").ok(t); r.stdout != "[]\n" {
		t.Errorf("list --json of nothing: %q", r.stdout)
	}
}
