package wasmhost

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The first compile records the name wazero asked for; the next runtime
// reads that file ahead and wazero takes it. A forged index naming another
// entry only wastes the read: wazero still gets the file it asked for,
// verified, and a forged file under the listed name is refused as ever.
func TestDiskCachePrefetch(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("cold: %#x", got)
	}
	files := cacheFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("cached files %q, want 1", files)
	}
	indexes, _ := filepath.Glob(filepath.Join(filepath.Dir(files[0]), "*.files"))
	if len(indexes) != 1 {
		t.Fatalf("indexes %q, want 1", indexes)
	}
	if b, _ := os.ReadFile(indexes[0]); strings.TrimSpace(string(b)) != filepath.Base(files[0]) {
		t.Fatalf("index lists %q, want %q", b, filepath.Base(files[0]))
	}

	// the warm compile takes the prefetched file
	ctx := context.Background()
	rt, err := New(ctx, Config{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close(ctx)
	if !rt.cache.direct {
		t.Skip("not in direct mode")
	}
	taken := 0
	rt.cache.pf.onTake = func() { taken++ }
	if _, err := rt.Compile(ctx, answerModule); err != nil {
		t.Fatal(err)
	}
	if taken != 1 {
		t.Errorf("prefetched file taken %d times, want 1", taken)
	}

	// a forged index: another entry's name
	other := strings.Repeat("ab", 32)
	os.WriteFile(indexes[0], []byte(other+"\n"), 0o600)
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("with a forged index: %#x", got)
	}
	// and the listed file forged: refused and compiled again
	if forgeAnswer(t, files[0]) {
		if got := callAnswer(t, dir); got != answer {
			t.Fatalf("a prefetched forged file ran: %#x", got)
		}
	}
}
