package jsengine

import (
	"context"
	"testing"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// BenchmarkEngineImage compares the two ways an engine gets its image: a
// boot (QuickJS, the prelude and the extensions run in wasm) and reading
// and verifying the start-up snapshot from disk. Compiling the engine's
// wasm, common to both, is left out.
func BenchmarkEngineImage(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	e, err := New(ctx, Config{Wasm: wasmhost.Config{CacheDir: dir}, Extensions: []Extension{snapshotExt}})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close(ctx)
	b.Run("boot", func(b *testing.B) {
		stores := e.snapshots
		e.snapshots = nil // boot, and write nothing
		defer func() { e.snapshots = stores }()
		for b.Loop() {
			e.image.Close()
			if err := e.boot(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("snapshot", func(b *testing.B) {
		for b.Loop() {
			e.image.Close()
			if !e.loadSnapshot() {
				b.Fatal("no snapshot")
			}
		}
		b.ReportMetric(float64(e.image.Size()), "image-bytes")
	})
}
