package install

import (
	"context"
	"strings"
	"testing"
)

// TestSwapUndoesAFailedStart: a version that does not start is taken out
// again; the previous version is back in place, recorded and running, or
// nothing is installed when there was none.
func TestSwapUndoesAFailedStart(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	src := t.TempDir()
	if _, err := a.Install(ctx, writeTree(t, src, moduleFiles("notes", "1.0", "")), Options{}); err != nil {
		t.Fatal(err)
	}
	bad := moduleFiles("notes", "2.0", "")
	bad["cannot-start"] = ""
	_, err := a.Install(ctx, writeTree(t, src, bad), Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot start") || !strings.Contains(err.Error(), "installed version is back") {
		t.Fatalf("err = %v", err)
	}
	checkInstalled(t, a, "notes", "1.0")
	checkNothingLeft(t, a, "", "notes")

	bad = moduleFiles("todo", "1.0", "")
	bad["cannot-start"] = ""
	_, err = a.Install(ctx, writeTree(t, t.TempDir(), bad), Options{})
	if err == nil || !strings.Contains(err.Error(), "nothing was installed") {
		t.Fatalf("err = %v", err)
	}
	checkNothingLeft(t, a, "todo", "notes")
}
