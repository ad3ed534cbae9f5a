package jsengine

import (
	"context"
	"fmt"
	"testing"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// Before the image is taken, bridge_gc takes malloc's free chunks below
// the top chunk and zeroes the top chunk. It once took the first large
// allocation to mark the top: when boot had freed a gap larger than that
// allocation below live objects, it zeroed them (QuickJS's atom hash
// table, after which `true` and `[1].length` no longer resolved). Each
// extension here leaves a gap of a different size below the objects it
// keeps, and instances made from the image must work as a booted heap.
func TestImageGapsBelowLiveObjects(t *testing.T) {
	for _, gap := range []int{64 << 10, 300 << 10, 1 << 20, 5 << 20} {
		t.Run(fmt.Sprintf("gap %d KiB", gap>>10), func(t *testing.T) {
			ext := Extension{Name: "gap.js", Source: fmt.Sprintf(`(host) => {
				let gap = new Uint8Array(%d);
				globalThis.kept = Array.from({length: 3000}, (_, i) => ({ i, s: "v" + i }));
				gap = null;
			}`, gap)}
			e, err := New(context.Background(), Config{Wasm: wasmhost.Config{NoDiskCache: true}, Extensions: []Extension{ext}})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close(context.Background())
			for i := 0; i < 2; i++ {
				in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "gaps"})
				if err != nil {
					t.Fatal(err)
				}
				const probe = `[true, [1].length, typeof crypto, kept.length, kept[2999].s, Object.keys({a: 1, b: 2}).join()]`
				res, err := in.Eval(context.Background(), probe)
				in.Close()
				if err != nil {
					t.Fatalf("instance %d: %v", i, err)
				}
				if want := `[true,1,"object",3000,"v2999","a,b"]`; string(res.Value) != want {
					t.Fatalf("instance %d: %s, want %s", i, res.Value, want)
				}
			}
		})
	}
}
