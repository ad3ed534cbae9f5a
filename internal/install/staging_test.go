package install

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/corets/corets-wasm/manifest"
)

func TestInstallCleansStaleStaging(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	mods := filepath.Join(a.AppRoot, "modules")
	old := time.Now().Add(-2 * staleAfter)
	// a crashed update that had moved "todo" aside
	crashed := filepath.Join(mods, stagingPrefix+"crashed")
	writeTree(t, filepath.Join(crashed, previousPrefix+"todo"), moduleFiles("todo", "0.9", ""))
	os.Chtimes(crashed, old, old)
	// an older leftover, one of another process still at work, and a
	// half-removed module
	writeTree(t, filepath.Join(mods, stagingPrefix+"old"), map[string]string{"module/main.ts": "x"})
	os.Chtimes(filepath.Join(mods, stagingPrefix+"old"), old, old)
	writeTree(t, filepath.Join(mods, stagingPrefix+"busy"), map[string]string{"module/main.ts": "x"})
	writeTree(t, filepath.Join(mods, removedPrefix+"gone-123"), map[string]string{"main.ts": "x"})

	if _, err := a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), Options{}); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, a, "", stagingPrefix+"busy", "notes", "todo")
	if m, err := manifest.Load(filepath.Join(mods, "todo"), manifest.Options{}); err != nil || m.Version != "0.9" {
		t.Fatalf("the version moved aside was not put back: %+v, %v", m, err)
	}
}
