package jsengine

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"testing"
	"unsafe"
)

// ownPages reports which pages of an instance's linear memory are its own
// (present and anonymous: written since the image was mapped, or never part
// of it) rather than shared with the engine's image, by reading
// /proc/self/pagemap. Offsets are in bytes from the memory's base.
func ownPages(t testing.TB, in *Instance) []uint64 {
	t.Helper()
	mem := in.mod.Memory()
	size := uint64(mem.Size())
	buf, _ := mem.Read(0, uint32(size))
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	page := uint64(os.Getpagesize())
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	n := size / page
	raw := make([]byte, n*8)
	if _, err := f.ReadAt(raw, int64(uint64(base)/page*8)); err != nil {
		t.Skip(err)
	}
	var own []uint64
	var shared int
	for i := uint64(0); i < n; i++ {
		e := binary.LittleEndian.Uint64(raw[i*8:])
		present, fileOrShared := e&(1<<63) != 0, e&(1<<61) != 0
		if present && !fileOrShared {
			own = append(own, i*page)
		} else if present {
			shared++
		}
	}
	t.Logf("  (%d image pages mapped, shared)", shared)
	return own
}

// smapsRollup reads Rss, Pss and the like from /proc/self/smaps_rollup, in KiB.
func smapsRollup(t testing.TB) map[string]int64 {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		t.Skip(err)
	}
	m := map[string]int64{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[2] == "kB" {
			var v int64
			fmt.Sscan(f[1], &v)
			m[strings.TrimSuffix(f[0], ":")] = v
		}
	}
	return m
}

// TestDensityMany logs what n idle instances add to the process, per
// instance: RSS, PSS, anonymous memory, page tables and Go heap.
func TestDensityMany(t *testing.T) {
	const n = 300
	ctx := context.Background()
	settle := func() (map[string]int64, runtime.MemStats) {
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return smapsRollup(t), ms
	}
	s0, m0 := settle()
	ins := make([]*Instance, 0, n)
	defer func() {
		for _, in := range ins {
			in.Close()
		}
	}()
	for i := 0; i < n; i++ {
		in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "density", Output: func(string, string) {}})
		if err != nil {
			t.Fatal(err)
		}
		ins = append(ins, in)
		if err := in.Load(ctx, Bundle{Name: "main.js", Code: benchBundle}); err != nil {
			t.Fatal(err)
		}
		if _, err := in.Call(ctx, "add", json.RawMessage("[1,2]")); err != nil {
			t.Fatal(err)
		}
	}
	s1, m1 := settle()
	if p := os.Getenv("DENSITY_HEAPPROFILE"); p != "" {
		f, _ := os.Create(p)
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	for _, k := range []string{"Rss", "Pss", "Pss_Anon", "Pss_Shmem", "Anonymous", "Private_Dirty", "Shared_Clean"} {
		t.Logf("%-14s %7.1f KiB per instance", k, float64(s1[k]-s0[k])/n)
	}
	t.Logf("%-14s %7.1f KiB per instance", "Go HeapInuse", float64(int64(m1.HeapInuse)-int64(m0.HeapInuse))/n/1024)
	t.Logf("%-14s %7.1f KiB per instance", "Go StackInuse", float64(int64(m1.StackInuse)-int64(m0.StackInuse))/n/1024)
	t.Logf("%-14s %7.1f KiB per instance", "Go Sys", float64(int64(m1.Sys)-int64(m0.Sys))/n/1024)
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "VmPTE") || strings.HasPrefix(line, "RssShmem") || strings.HasPrefix(line, "RssAnon") {
				t.Log(line)
			}
		}
	}
}

// describePages groups own pages by 64 KiB region of the memory.
func describePages(own []uint64, imageSize uint64) string {
	regions := map[uint64]int{}
	for _, off := range own {
		regions[off/(64<<10)]++
	}
	keys := make([]uint64, 0, len(regions))
	for k := range regions {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	var b strings.Builder
	var inImage int
	for _, off := range own {
		if off < imageSize {
			inImage++
		}
	}
	fmt.Fprintf(&b, "%d own pages (%d KiB), %d inside the %d KiB image:", len(own), len(own)*4, inImage, imageSize>>10)
	for _, k := range keys {
		fmt.Fprintf(&b, " %dK:%d", k*64, regions[k])
	}
	return b.String()
}

// TestDensityPages logs which guest pages an instance makes its own at each
// stage of its start. It asserts nothing about the figures.
func TestDensityPages(t *testing.T) {
	ctx := context.Background()
	in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "density", Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	img := testEngine.image.Size()
	t.Logf("NewInstance:  %s", describePages(ownPages(t, in), img))
	if err := in.Load(ctx, Bundle{Name: "main.js", Code: benchBundle}); err != nil {
		t.Fatal(err)
	}
	t.Logf("Load:         %s", describePages(ownPages(t, in), img))
	for i := 0; i < 2; i++ {
		if _, err := in.Call(ctx, "add", json.RawMessage("[1,2]")); err != nil {
			t.Fatal(err)
		}
		t.Logf("Call %d:       %s", i+1, describePages(ownPages(t, in), img))
	}
	// garbage, acyclic (freed by reference counting) and cyclic (left for
	// the cycle collector, which runs once the heap has grown gcHeadroom)
	for _, code := range []string{
		`for (let i = 0; i < 20000; i++) { const o = { i, s: "x" + i } }`,
		`for (let i = 0; i < 2000; i++) { const a = {}, b = { a }; a.b = b }; 0`,
		`globalThis.keep = []; for (let i = 0; i < 20000; i++) keep.push({ i, s: "y" + i, a: [i] }); 0`,
	} {
		if _, err := in.Eval(ctx, code); err != nil {
			t.Fatal(err)
		}
		t.Logf("%.20s: %s (heap %d KiB)", code, describePages(ownPages(t, in), img), in.Stats().HeapBytes>>10)
	}
}

// TestDensityDiff logs, for each own page after a Load, how many bytes
// differ from the image. Set DENSITY_DIFF=1 to run it.
func TestDensityDiff(t *testing.T) {
	if os.Getenv("DENSITY_DIFF") == "" {
		t.Skip("DENSITY_DIFF not set")
	}
	ctx := context.Background()
	in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "density", Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	fresh, _ := in.mod.Memory().Read(0, in.mod.Memory().Size())
	img := append([]byte(nil), fresh...)
	if err := in.Load(ctx, Bundle{Name: "main.js", Code: benchBundle}); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Call(ctx, "add", json.RawMessage("[1,2]")); err != nil {
		t.Fatal(err)
	}
	mem, _ := in.mod.Memory().Read(0, uint32(len(img)))
	for _, off := range ownPages(t, in) {
		var n, first, last int
		first = -1
		for i := off; i < off+4096 && i < uint64(len(img)); i++ {
			if mem[i] != img[i] {
				n++
				if first < 0 {
					first = int(i - off)
				}
				last = int(i - off)
			}
		}
		t.Logf("page %#x: %d bytes differ, %d..%d", off, n, first, last)
	}
}
