package wasmplugin

import (
	"context"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
	"github.com/corets/corets-wasm/modules"
)

// fastRestart restarts a dead plugin after 20 ms, so a test sees the
// restart without waiting a second.
var fastRestart = modules.RestartPolicy{Initial: 20 * time.Millisecond, Max: 20 * time.Millisecond, Failures: 10, Window: time.Minute}

func writeModule(t testing.TB, dir string, files map[string]string) string {
	t.Helper()
	return testutil.WriteTree(t, dir, files)
}

// logLines collects console output, a line per call.
type logLines = testutil.Output

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
		opts.Output = logs.Add
	}
	r, err := modules.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r, logs
}
