package modules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer a handler writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// records are the JSON records written so far.
func (s *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []map[string]any
	dec := json.NewDecoder(bytes.NewReader(s.b.Bytes()))
	for dec.More() {
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("a record is not JSON: %v\n%s", err, s.b.String())
		}
		out = append(out, rec)
	}
	return out
}

// find returns the first record with msg, or nil.
func find(recs []map[string]any, msg string) map[string]any {
	for _, r := range recs {
		if r["msg"] == msg {
			return r
		}
	}
	return nil
}

// The embedder's logger gets the runtime's records, each with the module's
// code as an attribute: a module's console output (no Output set) and the
// runtime's own warnings.
func TestLoggerOption(t *testing.T) {
	buf := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, SkipInstalled: true, Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)

	dir := writeModule(t, filepath.Join(root, "talker"), map[string]string{
		".core/view.yml": "code: talker\n",
		"main.ts": `export function talk() { console.log("hello from talker"); console.warn("careful"); return 1 }
`,
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Call(ctx, "talker", "talk"); err != nil {
		t.Fatal(err)
	}
	recs := buf.records(t)
	if rec := find(recs, "hello from talker"); rec == nil || rec["module"] != "talker" || rec["level"] != "INFO" {
		t.Errorf("console.log record = %v\nall: %v", rec, recs)
	}
	if rec := find(recs, "careful"); rec == nil || rec["module"] != "talker" || rec["level"] != "WARN" {
		t.Errorf("console.warn record = %v", rec)
	}

	// an installed module whose files changed is refused, with a warning
	if _, err := r.Install(ctx, writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", "")), InstallOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := r.Unload(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	inst := filepath.Join(root, "modules", "notes")
	if err := os.WriteFile(filepath.Join(inst, "lib", "greet.ts"), []byte("export const greet = (n: string) => n;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Load(ctx, inst); !errors.Is(err, ErrInstalledChanged) {
		t.Fatalf("changed installed module: %v", err)
	}
	rec := find(buf.records(t), "refused to load an installed module")
	if rec == nil || rec["module"] != "notes" || rec["level"] != "WARN" || rec["err"] == nil {
		t.Errorf("refusal record = %v", rec)
	}
}

// A bundle cache file that fails verification is reported on the
// runtime's logger, with the module's code.
func TestLoggerBundleCacheWarning(t *testing.T) {
	buf := &syncBuffer{}
	ctx := context.Background()
	root := t.TempDir()
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, SkipInstalled: true,
		CacheDir: filepath.Join(t.TempDir(), "cache"), Output: func(string, string, string) {},
		Logger: slog.New(slog.NewJSONHandler(buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	dir := writeModule(t, filepath.Join(root, "cached"), map[string]string{
		".core/view.yml": "code: cached\n",
		"main.ts":        "export const hi = () => 'hi';\n",
	})
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if err := r.Unload(ctx, "cached"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(r.cache, "*.bundle"))
	if len(files) == 0 {
		t.Fatalf("no bundle in the disk cache %s", r.cache)
	}
	for _, f := range files {
		if err := os.WriteFile(f, []byte("forged\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r.bundles.Forget(dir) // as a new process would
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	rec := find(buf.records(t), "discarded a bundle cache file that failed verification; the bundle will be built again")
	if rec == nil || rec["module"] != "cached" || rec["level"] != "WARN" {
		t.Errorf("record = %v\nall: %v", rec, buf.records(t))
	}
}
