package modules

import (
	"context"
	"path/filepath"
	"testing"
)

// storeHeavyMain does n read-modify-write rounds on its store per call.
const storeHeavyMain = `export async function work(n: number) {
  for (let i = 0; i < n; i++) {
    const v = (await core.storeGet<number>("g", "k" + (i % 10))) ?? 0;
    await core.storeSet("g", "k" + (i % 10), v + 1);
  }
  return n;
}
`

// BenchmarkStoreHeavyCall is a call of a module doing 20 reads and 20
// writes of its store (a file, synced), with the store kept open by the
// runtime (exclusive) and opened per transaction (SharedStore, as the CLI
// runs it). The difference is what sharing the store between processes
// costs a long-lived runtime; a CLI call also pays its process start, which
// is the larger part (see the report of issue 14).
func BenchmarkStoreHeavyCall(b *testing.B) {
	for _, bc := range []struct {
		name   string
		shared bool
	}{{"exclusive", false}, {"shared", true}} {
		b.Run(bc.name, func(b *testing.B) {
			root := b.TempDir()
			r, err := Open(context.Background(), Options{AppRoot: root, SharedStore: bc.shared, NoDiskCache: true, SkipInstalled: true,
				Output: func(string, string, string) {}})
			if err != nil {
				b.Fatal(err)
			}
			defer r.Close(context.Background())
			dir := writeModule(b, filepath.Join(root, "heavy"), map[string]string{
				".core/view.yml": "code: heavy\n",
				"main.ts":        storeHeavyMain,
			})
			ctx := context.Background()
			if _, err := r.Load(ctx, dir); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if out, err := r.Call(ctx, "heavy", "work", 20); err != nil || string(out) != "20" {
					b.Fatal(string(out), err)
				}
			}
		})
	}
}
