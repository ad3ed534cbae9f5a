package wasmhost

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"strings"
	"testing"
)

// A cache file that fails verification is reported on Config.Logger (never
// on slog's default logger) and compiled again.
func TestDiskCacheWarnsOnItsLogger(t *testing.T) {
	dir := t.TempDir()
	compile := func(log *slog.Logger) {
		t.Helper()
		ctx := context.Background()
		rt, err := New(ctx, Config{CacheDir: dir, Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		defer rt.Close(ctx)
		if _, err := rt.Compile(ctx, answerModule); err != nil {
			t.Fatal(err)
		}
	}
	compile(nil) // nil logs nothing
	files := cacheFiles(t, dir)
	if len(files) == 0 {
		t.Fatal("nothing was cached")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)-1] ^= 0xff // the seal no longer matches
		if err := os.WriteFile(f, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	compile(slog.New(slog.NewTextHandler(&buf, nil)))
	if out := buf.String(); !strings.Contains(out, "level=WARN") || !strings.Contains(out, "failed verification") {
		t.Fatalf("records: %q", out)
	}
}
