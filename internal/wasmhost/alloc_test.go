package wasmhost

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

const testPage = wasmPageSize

// implementations lists the LinearMemory constructors under test: the
// platform's own (mmap, VirtualAlloc, or slices) and the slice fallback.
var implementations = []struct {
	name string
	new  func(capBytes, limitBytes uint64) experimental.LinearMemory
}{
	{"platform", newLinearMemory},
	{"slice", newSliceMemory},
}

// fixedBase reports whether lm promises a base address that never moves.
func fixedBase(lm experimental.LinearMemory) bool {
	_, isSlice := lm.(*sliceMemory)
	return !isSlice
}

// platformFixedBase reports whether newLinearMemory gives fixed bases here.
func platformFixedBase() bool {
	lm := newLinearMemory(testPage, 100*testPage)
	defer lm.Free()
	return fixedBase(lm)
}

func TestLinearMemory(t *testing.T) {
	t.Parallel()
	type step struct {
		size uint64
		ok   bool
	}
	tests := []struct {
		name      string
		maxBytes  uint64 // NewMemoryAllocator's argument
		capBytes  uint64 // what wazero passes: the module's min (or cap)
		modMax    uint64 // what wazero passes: the module's max
		steps     []step // successive Reallocate calls
		wantLimit uint64
	}{
		{
			name:     "grow in pages up to the limit",
			maxBytes: 4 * testPage, capBytes: testPage, modMax: 100 * testPage,
			steps: []step{{testPage, true}, {2 * testPage, true}, {4 * testPage, true}, {5 * testPage, false}, {4 * testPage, true}},
		},
		{
			name:     "limit rounded down to pages",
			maxBytes: 3*testPage + 1000, capBytes: testPage, modMax: 100 * testPage,
			steps: []step{{testPage, true}, {3 * testPage, true}, {3*testPage + 1, false}, {4 * testPage, false}},
		},
		{
			name:     "zero means the module's maximum",
			maxBytes: 0, capBytes: testPage, modMax: 8 * testPage,
			steps: []step{{testPage, true}, {8 * testPage, true}, {9 * testPage, false}},
		},
		{
			name:     "zero with the 4 GiB default maximum",
			maxBytes: 0, capBytes: testPage, modMax: 65536 * testPage,
			steps: []step{{testPage, true}, {64 * testPage, true}, {65536*testPage + testPage, false}},
		},
		{
			name:     "module maximum below the limit",
			maxBytes: 100 * testPage, capBytes: testPage, modMax: 2 * testPage,
			steps: []step{{testPage, true}, {2 * testPage, true}, {3 * testPage, false}},
		},
		{
			name:     "limit below one page allows nothing",
			maxBytes: 1000, capBytes: 0, modMax: 100 * testPage,
			steps: []step{{0, true}, {1, false}, {testPage, false}},
		},
		{
			name:     "module maximum zero",
			maxBytes: 0, capBytes: 0, modMax: 0,
			steps: []step{{0, true}, {testPage, false}},
		},
		{
			name:     "sizes not aligned to OS pages",
			maxBytes: 4 * testPage, capBytes: 0, modMax: 100 * testPage,
			steps: []step{{0, true}, {1, true}, {4097, true}, {testPage + 1, true}, {3*testPage + 5, true}, {4 * testPage, true}, {4*testPage + 1, false}},
		},
		{
			name:     "capacity hint above the limit",
			maxBytes: 2 * testPage, capBytes: 50 * testPage, modMax: 100 * testPage,
			steps: []step{{2 * testPage, true}, {3 * testPage, false}},
		},
		{
			name:     "one large step",
			maxBytes: 0, capBytes: 0, modMax: 1024 * testPage,
			steps: []step{{0, true}, {1024 * testPage, true}, {1024*testPage + 1, false}},
		},
	}
	for _, impl := range implementations {
		for _, tc := range tests {
			t.Run(impl.name+"/"+tc.name, func(t *testing.T) {
				lm := newAllocator(tc.maxBytes, impl.new).Allocate(tc.capBytes, tc.modMax)
				var (
					prev     []byte // last successful result
					base     *byte
					haveBase bool
				)
				for i, st := range tc.steps {
					buf := lm.Reallocate(st.size)
					if !st.ok {
						if buf != nil {
							t.Fatalf("step %d: Reallocate(%d) = len %d, want nil (over the limit)", i, st.size, len(buf))
						}
						continue
					}
					if buf == nil {
						t.Fatalf("step %d: Reallocate(%d) = nil, want a buffer", i, st.size)
					}
					if uint64(len(buf)) != st.size {
						t.Fatalf("step %d: len = %d, want %d", i, len(buf), st.size)
					}
					if st.size == 0 {
						continue
					}
					if fixedBase(lm) {
						if haveBase && &buf[0] != base {
							t.Fatalf("step %d: base moved from %p to %p", i, base, &buf[0])
						}
						base, haveBase = &buf[0], true
					}
					// Earlier contents survive the growth...
					if n := min(len(prev), len(buf)); n > 1 {
						if buf[0] != 0xA5 || buf[n-1] != byte(n) {
							t.Fatalf("step %d: contents lost: buf[0]=%#x buf[%d]=%#x", i, buf[0], n-1, buf[n-1])
						}
					}
					// ...new bytes start zeroed...
					if len(buf) > len(prev) && buf[len(buf)-1] != 0 {
						t.Fatalf("step %d: new last byte = %#x, want 0", i, buf[len(buf)-1])
					}
					// ...and the whole range, up to its last byte, is writable.
					last := len(buf) - 1
					if last > 0 {
						buf[0] = 0xA5
					}
					buf[last] = byte(len(buf))
					if (last > 0 && buf[0] != 0xA5) || buf[last] != byte(len(buf)) {
						t.Fatalf("step %d: read back mismatch", i)
					}
					prev = buf
				}
				lm.Free()
				lm.Free() // idempotent
				if buf := lm.Reallocate(0); buf != nil {
					t.Fatalf("Reallocate after Free = len %d, want nil", len(buf))
				}
			})
		}
	}
}

// TestLinearMemoryPlatformKind checks that 64-bit unix and windows hosts
// really get the address-space-reserving implementation, not the fallback.
func TestLinearMemoryPlatformKind(t *testing.T) {
	t.Parallel()
	switch runtime.GOOS {
	case "linux", "darwin", "freebsd", "netbsd", "openbsd", "windows":
	default:
		t.Skip("slice-backed platform")
	}
	if unsafe.Sizeof(uintptr(0)) < 8 {
		t.Skip("32-bit host may fall back to slices")
	}
	lm := NewMemoryAllocator(0).Allocate(testPage, 65536*testPage)
	defer lm.Free()
	if !fixedBase(lm) {
		t.Fatalf("got %T, want the virtual-memory implementation", lm)
	}
}

// TestIdleMemoryRSS checks the point of reserving instead of allocating:
// memory the guest never touches costs no resident memory.
func TestIdleMemoryRSS(t *testing.T) {
	// Not parallel: measures the process's resident memory, which parallel tests would move.
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/statm")
	}
	if unsafe.Sizeof(uintptr(0)) < 8 {
		t.Skip("needs 64-bit address space")
	}
	const (
		n         = 200
		committed = 16 * testPage // per memory, as after a module's memory.grow
	)
	mems := make([]experimental.LinearMemory, 0, n)
	defer func() {
		for _, lm := range mems {
			lm.Free()
		}
	}()
	alloc := NewMemoryAllocator(0)
	runtime.GC()
	before := rss(t)
	for range n {
		lm := alloc.Allocate(testPage, 65536*testPage) // 4 GiB reservation each
		if !fixedBase(lm) {
			t.Skipf("got %T: no reservation on this host", lm)
		}
		buf := lm.Reallocate(committed)
		if buf == nil {
			t.Fatal("Reallocate failed")
		}
		buf[0] = 1 // touch one OS page, as a guest's stack or data would
		mems = append(mems, lm)
	}
	grown := rss(t) - before
	perMem := grown / n
	t.Logf("%d memories x %d KiB committed: RSS +%d KiB (%d B each)", n, committed>>10, grown>>10, perMem)
	if perMem > 64<<10 {
		t.Fatalf("RSS grew %d B per idle memory, want <= 64 KiB", perMem)
	}
}

func rss(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip(err)
	}
	f := strings.Fields(string(b))
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return pages * int64(os.Getpagesize())
}

// growModule assembles, by hand, the binary of:
//
//	(module
//	  (memory (export "memory") 1 100)
//	  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
//	  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
//	  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
//	  (func (export "size") (result i32) (memory.size)))
func growModule() []byte {
	uleb := func(v uint32) []byte {
		var b []byte
		for {
			c := byte(v & 0x7f)
			v >>= 7
			if v != 0 {
				b = append(b, c|0x80)
				continue
			}
			return append(b, c)
		}
	}
	vec := func(items ...[]byte) []byte {
		out := uleb(uint32(len(items)))
		for _, it := range items {
			out = append(out, it...)
		}
		return out
	}
	section := func(id byte, content []byte) []byte {
		return append(append([]byte{id}, uleb(uint32(len(content)))...), content...)
	}
	name := func(s string) []byte { return append(uleb(uint32(len(s))), s...) }
	body := func(code ...byte) []byte {
		b := append([]byte{0x00}, code...) // no locals
		return append(uleb(uint32(len(b))), b...)
	}
	const (
		i32    = 0x7f
		fnType = 0x60
	)
	var m bytes.Buffer
	m.Write([]byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00})
	m.Write(section(1, vec( // types
		[]byte{fnType, 1, i32, 1, i32}, // 0: (i32) -> i32
		[]byte{fnType, 2, i32, i32, 0}, // 1: (i32, i32) -> ()
		[]byte{fnType, 0, 1, i32},      // 2: () -> i32
	)))
	m.Write(section(3, vec([]byte{0}, []byte{1}, []byte{0}, []byte{2})))             // functions' types
	m.Write(section(5, vec(append([]byte{0x01}, append(uleb(1), uleb(100)...)...)))) // memory 1 100
	m.Write(section(7, vec(                                                          // exports
		append(name("memory"), 0x02, 0),
		append(name("grow"), 0x00, 0),
		append(name("store"), 0x00, 1),
		append(name("load"), 0x00, 2),
		append(name("size"), 0x00, 3),
	)))
	m.Write(section(10, vec( // code
		body(0x20, 0, 0x40, 0, 0x0b),             // local.get 0; memory.grow 0; end
		body(0x20, 0, 0x20, 1, 0x3a, 0, 0, 0x0b), // local.get 0; local.get 1; i32.store8 0 0; end
		body(0x20, 0, 0x2d, 0, 0, 0x0b),          // local.get 0; i32.load8_u 0 0; end
		body(0x3f, 0, 0x0b),                      // memory.size 0; end
	)))
	return m.Bytes()
}

func TestAllocatorWithWazero(t *testing.T) {
	t.Parallel()
	engines := []struct {
		name string
		cfg  func() wazero.RuntimeConfig
	}{
		{"interpreter", wazero.NewRuntimeConfigInterpreter},
		// The compiler where wazero supports it (amd64, arm64), else the
		// interpreter again.
		{"default", wazero.NewRuntimeConfig},
	}
	limits := []struct {
		name     string
		maxBytes uint64
		pages    uint32 // effective maximum
	}{
		{"limit 4 pages", 4 * testPage, 4},
		{"limit 0 uses the module's 100", 0, 100},
	}
	for _, eng := range engines {
		for _, lim := range limits {
			t.Run(eng.name+"/"+lim.name, func(t *testing.T) {
				ctx := experimental.WithMemoryAllocator(context.Background(), NewMemoryAllocator(lim.maxBytes))
				r := wazero.NewRuntimeWithConfig(ctx, eng.cfg())
				defer r.Close(ctx)
				mod, err := r.Instantiate(ctx, growModule())
				if err != nil {
					t.Fatal(err)
				}
				defer mod.Close(ctx)
				call := func(fn string, args ...uint64) (uint32, error) {
					res, err := mod.ExportedFunction(fn).Call(ctx, args...)
					if err != nil || len(res) == 0 {
						return 0, err
					}
					return api.DecodeU32(res[0]), nil
				}
				mustCall := func(fn string, args ...uint64) uint32 {
					t.Helper()
					v, err := call(fn, args...)
					if err != nil {
						t.Fatalf("%s%v: %v", fn, args, err)
					}
					return v
				}
				const failed = ^uint32(0) // memory.grow's -1
				base := func() *byte {
					b, ok := mod.Memory().Read(0, 1)
					if !ok {
						t.Fatal("memory not readable")
					}
					return &b[0]
				}
				base0 := base()

				if got := mustCall("size"); got != 1 {
					t.Fatalf("initial size = %d pages, want 1", got)
				}
				mustCall("store", 0, 42)
				// Grow one page at a time up to the limit.
				for p := uint32(1); p < lim.pages; p++ {
					if got := mustCall("grow", 1); got != p {
						t.Fatalf("grow(1) at %d pages = %d, want %d", p, int32(got), p)
					}
					last := uint64(p+1)*testPage - 1
					mustCall("store", last, uint64(p))
					if got := mustCall("load", last); got != p&0xff {
						t.Fatalf("load(%d) = %d, want %d", last, got, p&0xff)
					}
				}
				// Past the limit: -1, and nothing changes.
				for _, delta := range []uint64{1, 2, 1000} {
					if got := mustCall("grow", delta); got != failed {
						t.Fatalf("grow(%d) at the limit = %d, want -1", delta, int32(got))
					}
				}
				if got := mustCall("size"); got != lim.pages {
					t.Fatalf("size after refused growth = %d, want %d", got, lim.pages)
				}
				// Out of bounds still traps...
				if _, err := call("store", uint64(lim.pages)*testPage, 1); err == nil {
					t.Fatal("store past the end did not trap")
				}
				// ...and the instance keeps working.
				if got := mustCall("load", 0); got != 42 {
					t.Fatalf("load(0) = %d, want 42", got)
				}
				if got := mustCall("grow", 0); got != lim.pages {
					t.Fatalf("grow(0) = %d, want %d", got, lim.pages)
				}
				last := uint64(lim.pages)*testPage - 1
				mustCall("store", last, 7)
				if got := mustCall("load", last); got != 7 {
					t.Fatalf("load(last) = %d, want 7", got)
				}
				if got := mustCall("size"); got != lim.pages {
					t.Fatalf("size = %d, want %d", got, lim.pages)
				}
				if b := base(); b != base0 && platformFixedBase() {
					t.Fatalf("memory base moved from %p to %p", base0, b)
				}
				if err := mod.Close(ctx); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
