package wasmplugin

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/modules"
)

// fastRestart restarts a dead plugin after 20 ms, so a test sees the
// restart without waiting a second.
var fastRestart = modules.RestartPolicy{Initial: 20 * time.Millisecond, Max: 20 * time.Millisecond, Failures: 10, Window: time.Minute}

func writeModule(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) add(module, level, text string) {
	l.mu.Lock()
	l.lines = append(l.lines, module+" "+level+": "+text)
	l.mu.Unlock()
}

func (l *logLines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// openTest opens a runtime with wasm plugins enabled (New() unless opts
// sets them), an in-memory store and no disk cache, closed when t ends.
func openTest(t testing.TB, opts modules.Options) (*modules.Runtime, *logLines) {
	t.Helper()
	logs := &logLines{}
	if opts.AppRoot == "" {
		opts.AppRoot = t.TempDir()
	}
	if opts.WasmPlugins == nil {
		opts.WasmPlugins = New()
	}
	opts.MemoryStore = true
	opts.NoDiskCache = true
	opts.SkipInstalled = true
	if opts.Output == nil {
		opts.Output = logs.add
	}
	r, err := modules.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r, logs
}
