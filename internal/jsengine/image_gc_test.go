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

// bridge_gc zeroes the top chunk, what boot freed at the heap's end, so
// that it is left out of the image's mapping. It once never did: clang
// folded the read of malloc(1)'s chunk head (outside the object malloc
// returned, as far as C is concerned) to 0, the top chunk was never
// recognised, and the image kept boot's garbage (an idle instance's PSS
// in TestDensityMany: 155 KiB, 143 KiB once zeroed). A buffer filled at
// the end of boot and dropped must not be in the image.
func TestImageTopChunkZeroed(t *testing.T) {
	ext := Extension{Name: "top.js", Source: `(host) => {
		let junk = new Uint8Array(1 << 20).fill(0xa5);
		junk = null;
	}`}
	e, err := New(context.Background(), Config{Wasm: wasmhost.Config{NoDiskCache: true}, Extensions: []Extension{ext}})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "top"})
	if err != nil {
		t.Fatal(err)
	}
	in.Close()
	img := e.image.Bytes()
	run := 0
	for i, b := range img {
		if b != 0xa5 {
			run = 0
			continue
		}
		if run++; run == 4096 {
			t.Fatalf("the image holds the freed buffer's bytes at %#x: the top chunk was not zeroed", i-4095)
		}
	}
}
