package main

import "testing"

// The happy path of remove is in TestInstallListCallStatusRemove.

func TestRemoveErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	corets(t, "remove", "--root", root, "ghost").fails(t, exitNotFound, "remove ghost", "not installed")
	corets(t, "remove", "--root", root, "../etc").fails(t, exitFailed, "remove ../etc")
	corets(t, "remove", "--root", root).fails(t, exitUsage, "remove: expected CODE")
}
