package modules

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkLoadCallUnload is a module's whole life as the registry runs
// it: manifest, bundle (from the memory cache after the first), bind,
// instance, top-level code, init, one call, unload.
func BenchmarkLoadCallUnload(b *testing.B) {
	r, _ := openTest(b, Options{})
	dir := writeModule(b, filepath.Join(r.AppRoot(), "bench"), map[string]string{
		".core/view.yml": "code: bench\n",
		"main.ts":        "let n = 0;\nexport function init() { n = 1; }\nexport const add = (a: number, b: number) => a + b + n;\n",
	})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		code, err := r.Load(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		if out, err := r.Call(ctx, code, "add", 1, 2); err != nil || string(out) != "4" {
			b.Fatal(out, err)
		}
		if err := r.Unload(ctx, code); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCall is one registry call of a loaded module: JSON arguments in,
// JSON out.
func BenchmarkCall(b *testing.B) {
	r, _ := openTest(b, Options{})
	dir := writeModule(b, filepath.Join(r.AppRoot(), "bench"), map[string]string{
		".core/view.yml": "code: bench\n",
		"main.ts":        "export const echo = (x: unknown) => x;\n",
	})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		b.Fatal(err)
	}
	arg := map[string]any{"name": "ada", "n": 1}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Call(ctx, "bench", "echo", arg); err != nil {
			b.Fatal(err)
		}
	}
}
