package wasmhost

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero/api"
)

// newTestRuntime is a runtime without a disk cache, closed with the test.
func newTestRuntime(t *testing.T) *Runtime {
	t.Helper()
	ctx := context.Background()
	r, err := New(ctx, Config{NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(ctx) })
	return r
}

// growInstance instantiates growModule (1 page, at most 100) in r.
func growInstance(t *testing.T, r *Runtime, cfg InstanceConfig) api.Module {
	t.Helper()
	ctx := context.Background()
	c, err := r.Compile(ctx, growModule())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.StartFunctions == nil {
		cfg.StartFunctions = []string{}
	}
	m, err := r.Instantiate(ctx, c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(ctx) })
	return m
}

// call calls one of growModule's functions and returns its i32 result.
func call(t *testing.T, m api.Module, fn string, args ...uint64) uint32 {
	t.Helper()
	res, err := m.ExportedFunction(fn).Call(context.Background(), args...)
	if err != nil {
		t.Fatalf("%s%v: %v", fn, args, err)
	}
	if len(res) == 0 {
		return 0
	}
	return api.DecodeU32(res[0])
}

func TestRuntimeCompilesOnce(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	a, err := r.Compile(ctx, growModule())
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Compile(ctx, growModule())
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same wasm compiled twice")
	}
	if _, err := r.Compile(ctx, []byte("\x00asm\x01\x00\x00\x00\xff")); err == nil || !strings.HasPrefix(err.Error(), "compile: ") {
		t.Errorf("compiling garbage: %v", err)
	}
	if r.Wazero() == nil {
		t.Error("no wazero runtime")
	}
}

func TestRuntimeInstanceLimits(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	m := growInstance(t, r, InstanceConfig{MaxMemory: 3*testPage + 100}) // rounded down to 3 pages
	if got := call(t, m, "grow", 2); got != 1 {
		t.Fatalf("grow(2) = %d, want the old size 1", got)
	}
	if got := call(t, m, "grow", 1); int32(got) != -1 {
		t.Fatalf("grow past the limit = %d, want -1", int32(got))
	}
	// A limit below the module's minimum is refused, not a wazero panic.
	c, _ := r.Compile(ctx, growModule())
	if _, err := r.Instantiate(ctx, c, InstanceConfig{MaxMemory: 100}); err == nil || !strings.Contains(err.Error(), "the limit is 100") {
		t.Errorf("a limit below the module's minimum: %v", err)
	}
}

func TestRuntimeOutput(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	// growModule writes nothing; the writers are accepted and unused, and a
	// missing start function is not an error.
	var out, errb bytes.Buffer
	m := growInstance(t, r, InstanceConfig{Stdout: &out, Stderr: &errb, StartFunctions: []string{"_initialize"}})
	if got := call(t, m, "size"); got != 1 {
		t.Fatalf("size = %d", got)
	}
	if out.Len()+errb.Len() != 0 {
		t.Errorf("output %q %q", out.String(), errb.String())
	}
}

func TestImage(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	src := growInstance(t, r, InstanceConfig{MaxMemory: 8 * testPage})
	call(t, src, "store", 5, 42)
	call(t, src, "grow", 2)
	call(t, src, "store", 3*testPage-1, 7)
	img, err := NewImage(src)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	if img.Size() != 3*testPage {
		t.Fatalf("image of %d bytes, want 3 pages", img.Size())
	}

	for _, limit := range []uint64{8 * testPage, 0} {
		m := growInstance(t, r, InstanceConfig{MaxMemory: limit, Image: img})
		if got := call(t, m, "size"); got != 3 {
			t.Fatalf("limit %d: an instance from the image has %d pages, want 3", limit, got)
		}
		if a, b := call(t, m, "load", 5), call(t, m, "load", 3*testPage-1); a != 42 || b != 7 {
			t.Fatalf("limit %d: the image's bytes read %d and %d, want 42 and 7", limit, a, b)
		}
		// Copy-on-write: what an instance writes is its own.
		call(t, m, "store", 5, 99)
		if got := call(t, src, "load", 5); got != 42 {
			t.Fatalf("a write to an instance from the image reached the source: %d", got)
		}
	}
	again := growInstance(t, r, InstanceConfig{Image: img})
	if got := call(t, again, "load", 5); got != 42 {
		t.Fatalf("a write to one instance reached the image: %d", got)
	}

	// An image larger than the limit is refused.
	c, _ := r.Compile(context.Background(), growModule())
	if _, err := r.Instantiate(context.Background(), c, InstanceConfig{MaxMemory: 2 * testPage, Image: img, StartFunctions: []string{}}); err == nil || !strings.Contains(err.Error(), "exceeds the memory limit") {
		t.Errorf("an image over the limit: %v", err)
	}
}

func TestImageNeedsMemory(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	c, err := r.Compile(ctx, answerModule)
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.Instantiate(ctx, c, InstanceConfig{StartFunctions: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	if _, err := NewImage(m); err == nil {
		t.Error("an image of a module without memory")
	}
}

// TestLiveMemoryBytes: what instances hold shows in LiveMemoryBytes while
// they live, and leaves it only when their memory is released.
func TestLiveMemoryBytes(t *testing.T) {
	// Not parallel: LiveMemoryBytes is process-wide; the package's parallel
	// tests start only after the sequential ones.
	r := newTestRuntime(t)
	ctx := context.Background()
	base := LiveMemoryBytes()
	c, err := r.Compile(ctx, growModule())
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.Instantiate(ctx, c, InstanceConfig{MaxMemory: 10 * testPage, StartFunctions: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if got := LiveMemoryBytes() - base; got != testPage {
		t.Errorf("one page instantiated: %d bytes live, want %d", got, testPage)
	}
	call(t, m, "grow", 3)
	if got := LiveMemoryBytes() - base; got != 4*testPage {
		t.Errorf("grown to 4 pages: %d bytes live, want %d", got, 4*testPage)
	}
	call(t, m, "grow", 100) // refused: nothing more is held
	if got := LiveMemoryBytes() - base; got != 4*testPage {
		t.Errorf("after a refused grow: %d bytes live, want %d", got, 4*testPage)
	}
	m.Close(ctx)
	if got := LiveMemoryBytes(); got != base {
		t.Errorf("after Close: %d bytes live, want %d as before", got, base)
	}
}

// TestAccountingFollowsRelease: each memory implementation stops counting
// its bytes only when it really gives them back.
func TestAccountingFollowsRelease(t *testing.T) {
	// Not parallel: LiveMemoryBytes is process-wide.
	for _, impl := range implementations {
		t.Run(impl.name, func(t *testing.T) {
			base := LiveMemoryBytes()
			lm := counted(newAllocator(0, impl.new)).Allocate(testPage, 8*testPage)
			if lm.Reallocate(2*testPage) == nil {
				t.Fatal("Reallocate(2 pages) failed")
			}
			if got := LiveMemoryBytes() - base; got < 2*testPage {
				t.Errorf("2 pages allocated: %d bytes live", got)
			}
			if lm.Reallocate(9*testPage) != nil {
				t.Error("Reallocate past the limit succeeded")
			}
			lm.Free()
			if got := LiveMemoryBytes(); got != base {
				t.Errorf("after Free: %d bytes live, want %d", got, base)
			}
			lm.Free() // twice is fine
			if got := LiveMemoryBytes(); got != base {
				t.Errorf("after a second Free: %d bytes live, want %d", got, base)
			}
		})
	}
}

func TestRuntimeWithDiskCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if got := callAnswer(t, dir); got != answer {
		t.Fatalf("answer = %#x", got)
	}
	if len(cacheFiles(t, dir)) == 0 {
		t.Error("nothing cached")
	}
}

// Pages an image learned as written are copied as an instance maps it:
// still the image's bytes, and still the instance's own.
func TestImageLearnWrites(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	src := growInstance(t, r, InstanceConfig{MaxMemory: 8 * testPage})
	call(t, src, "grow", 1)
	call(t, src, "store", 5, 42)
	call(t, src, "store", testPage+9, 43)
	img, err := NewImage(src)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	probe := growInstance(t, r, InstanceConfig{Image: img})
	call(t, probe, "store", testPage+9, 44)
	img.LearnWrites(probe)
	w := *img.written.Load()
	if len(w) != 1 || w[0] > testPage+9 || w[0]+uint32(os.Getpagesize()) <= testPage+9 {
		t.Fatalf("learned the pages %x, want the one holding %#x", w, testPage+9)
	}
	for i := 0; i < 2; i++ {
		m := growInstance(t, r, InstanceConfig{Image: img})
		if a, b := call(t, m, "load", 5), call(t, m, "load", testPage+9); a != 42 || b != 43 {
			t.Fatalf("an instance reads %d and %d, want the image's 42 and 43", a, b)
		}
		call(t, m, "store", testPage+9, 45)
	}
	if got := call(t, src, "load", testPage+9); got != 43 {
		t.Fatalf("an instance's write reached the source: %d", got)
	}
}
