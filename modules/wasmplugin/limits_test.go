package wasmplugin

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/modules"
)

// leb is n as an unsigned LEB128.
func leb(n int) []byte {
	var b []byte
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if n != 0 {
			b = append(b, c|0x80)
			continue
		}
		return append(b, c)
	}
}

func section(id byte, body []byte) []byte {
	return append(append([]byte{id}, leb(len(body))...), body...)
}

var wasmHeader = []byte("\x00asm\x01\x00\x00\x00")

// manyFunctionsWasm is a valid module of n empty functions: the reviewer's
// 3.2 MB, 800,000-function plugin when n is 800,000.
func manyFunctionsWasm(n int) []byte {
	var b bytes.Buffer
	b.Write(wasmHeader)
	b.Write(section(secType, []byte{1, 0x60, 0, 0}))
	fn := append(leb(n), bytes.Repeat([]byte{0}, n)...)
	b.Write(section(secFunction, fn))
	code := leb(n)
	code = append(code, bytes.Repeat([]byte{2, 0, 0x0b}, n)...)
	b.Write(section(secCode, code))
	return b.Bytes()
}

// TestCheckWasmLimits: each bound refuses a plugin one past it, naming the
// file, the count, the limit and the option; the example plugins pass.
func TestCheckWasmLimits(t *testing.T) {
	small := Limits{MaxBytes: 1 << 20, MaxFunctions: 10, MaxImports: 10, MaxExports: 10, MaxTypes: 10,
		MaxGlobals: 10, MaxSegments: 10, MaxTables: 10, MaxMemories: 1, MaxLocals: 10, MaxBodyBytes: 100, MaxSections: 20}
	counted := func(id byte, n int) []byte { return append(append([]byte{}, wasmHeader...), section(id, leb(n))...) }
	body := func(locals []int, size int) []byte {
		var f []byte
		f = append(f, leb(len(locals))...)
		for _, n := range locals {
			f = append(append(f, leb(n)...), 0x7f)
		}
		for len(f) < size-1 {
			f = append(f, 0x01) // nop
		}
		f = append(f, 0x0b)
		code := append(leb(1), append(leb(len(f)), f...)...)
		return append(append([]byte{}, wasmHeader...), section(secCode, code)...)
	}
	manySections := append([]byte{}, wasmHeader...)
	for range 21 {
		manySections = append(manySections, section(secCustom, []byte{1, 'x'})...)
	}
	cases := []struct {
		name, want, option string
		wasm               []byte
	}{
		{"bytes", "bytes", "MaxBytes", append(append([]byte{}, wasmHeader...), section(secCustom, append([]byte{1, 'x'}, make([]byte, 1<<20)...))...)},
		{"functions", "functions", "MaxFunctions", manyFunctionsWasm(11)},
		{"imports", "imports", "MaxImports", counted(secImport, 11)},
		{"imports+functions", "functions", "MaxFunctions", append(counted(secImport, 6), section(secFunction, leb(6))...)},
		{"exports", "exports", "MaxExports", counted(secExport, 11)},
		{"types", "types", "MaxTypes", counted(secType, 11)},
		{"globals", "globals", "MaxGlobals", counted(secGlobal, 11)},
		{"data", "data segments", "MaxSegments", counted(secData, 11)},
		{"elements", "element segments", "MaxSegments", counted(secElement, 11)},
		{"tables", "tables", "MaxTables", counted(secTable, 11)},
		{"memories", "memories", "MaxMemories", counted(secMemory, 2)},
		{"bodies", "function bodies", "MaxFunctions", counted(secCode, 11)},
		{"locals", "locals in function body 0", "MaxLocals", body([]int{5, 6}, 10)},
		{"locals-overflow", "locals in function body 0", "MaxLocals", body([]int{0xffffffff, 0xffffffff}, 20)},
		{"body", "bytes of code in function body 0", "MaxBodyBytes", body(nil, 101)},
		{"sections", "sections", "MaxSections", manySections},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := checkWasm("plugins/p.wasm", c.wasm, small)
			var le *LimitError
			if !errors.As(err, &le) || !errors.Is(err, ErrLimit) {
				t.Fatalf("got %v, want a *LimitError", err)
			}
			msg := err.Error()
			for _, s := range []string{"plugins/p.wasm", c.want, "wasmplugin.Limits." + c.option} {
				if !strings.Contains(msg, s) {
					t.Errorf("%q lacks %q", msg, s)
				}
			}
			if le.Count <= le.Limit {
				t.Errorf("count %d within limit %d", le.Count, le.Limit)
			}
		})
	}
	// at the limits: accepted
	for _, w := range [][]byte{manyFunctionsWasm(10), counted(secImport, 10), body([]int{5, 5}, 100)} {
		if err := checkWasm("p.wasm", w, small); err != nil {
			t.Errorf("at the limit: %v", err)
		}
	}
	for _, name := range []string{"plugin", "bigmem"} {
		if err := checkWasm(name, []byte(wasmPlugin(t, name)), DefaultLimits); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestCheckWasmMalformed: section headers that lie are refused as invalid,
// with the byte offset, without reading past the input.
func TestCheckWasmMalformed(t *testing.T) {
	h := func(rest ...byte) []byte { return append(append([]byte{}, wasmHeader...), rest...) }
	for name, w := range map[string][]byte{
		"empty":          nil,
		"magic":          []byte("\x00asx\x01\x00\x00\x00"),
		"version":        []byte("\x00asm\x02\x00\x00\x00"),
		"size-past-end":  h(1, 10, 0),
		"size-leb-long":  h(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0),
		"size-truncated": h(1, 0x80),
		"unknown-id":     h(14, 0),
		"twice":          h(1, 1, 0, 1, 1, 0),
		"out-of-order":   h(3, 1, 0, 1, 1, 0),
		"body-past-end":  h(10, 3, 1, 9, 0),
		"locals-past":    h(10, 4, 1, 2, 1, 5),
	} {
		err := checkWasm("p.wasm", w, DefaultLimits)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "p.wasm") {
			t.Errorf("%s: got %v, want ErrInvalid naming the file", name, err)
		}
	}
}

func FuzzCheckWasm(f *testing.F) {
	f.Add(manyFunctionsWasm(3))
	f.Add([]byte(wasmPlugin(f, "plugin")))
	f.Add(append(append([]byte{}, wasmHeader...), 10, 4, 1, 2, 1, 5))
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := DefaultLimits
		lim.MaxBodyBytes, lim.MaxLocals = 64, 64
		_ = checkWasm("f.wasm", b, lim) // must not panic or read past b
	})
}

// TestWasmHugePluginRefused: the reviewer's plugin (3.2 MB, 800,000
// functions, limits 1 s and 4 MiB) is refused at load before wazero
// compiles it, naming the file and the limit; the host and other modules
// are unaffected. On the old code it compiled for 16 s of CPU and 461 MB.
func TestWasmHugePluginRefused(t *testing.T) {
	r, _ := openTest(t, modules.Options{})
	canary := mustLoad(t, r, writeWasmModule(t, r, "canary", ""))
	huge := manyFunctionsWasm(800_000)
	dir := writeModule(t, filepath.Join(r.AppRoot(), "huge"), map[string]string{
		".core/view.yml": "code: huge\nruntime: wasm\nmain: plugin.wasm\nlimits:\n  timeout: 1s\n  memory: 4MiB\n",
		"plugin.wasm":    string(huge),
	})
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rss0 := hostRSS()
	start := time.Now()
	_, err := r.Load(context.Background(), dir)
	took := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	t.Logf("refused %d-byte plugin in %s; Go heap allocated %d MB during the load; host RSS %d -> %d MB",
		len(huge), took, (after.TotalAlloc-before.TotalAlloc)>>20, rss0>>20, hostRSS()>>20)
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("got %v, want ErrLimit", err)
	}
	for _, s := range []string{"plugin.wasm", "800000 functions", "50000", "MaxFunctions"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("%q lacks %q", err, s)
		}
	}
	if got := (after.TotalAlloc - before.TotalAlloc) >> 20; got > 200 {
		t.Errorf("the refusal allocated %d MB", got)
	}
	if out, err := wasmCall(t, r, canary, "echo", "alive"); err != nil || out != `"alive"` {
		t.Fatalf("canary: %s %v", out, err)
	}
	// an embedder can raise the limit
	r2, _ := openTest(t, modules.Options{WasmPlugins: New().WithLimits(Limits{MaxFunctions: 10})})
	if _, err := r2.Load(context.Background(), writeWasmModule(t, r2, "small", "")); !errors.Is(err, ErrLimit) {
		t.Fatalf("MaxFunctions 10: got %v", err)
	}
}

// TestWasmCompiledOnce: a restart instances the compiled plugin again
// instead of compiling; modules sharing a wasm share the compile but each
// keeps its own grants.
func TestWasmCompiledOnce(t *testing.T) {
	var eng *engine
	p := New()
	p.opened = func(e *engine) { eng = e }
	r, _ := openTest(t, modules.Options{WasmPlugins: p, Restart: fastRestart})
	writeModule(t, r.AppRoot(), map[string]string{"data/a.txt": "hello"})
	n0 := eng.compiles.Load()
	// one timeout for the three modules: Extism bakes it into the compiled
	// plugin, so modules share a compile only when it is the same
	code := mustLoad(t, r, writeWasmModule(t, r, "spin", "limits:\n  timeout: 1s\n"))
	if got := eng.compiles.Load() - n0; got != 1 {
		t.Fatalf("%d compiles at load", got)
	}
	if _, err := wasmCall(t, r, code, "spin", nil); err == nil {
		t.Fatal("spin returned")
	}
	waitFor(t, func() bool { st, _ := r.Status(code); return st.State == modules.StateRunning && st.Restarts == 1 })
	if out, err := wasmCall(t, r, code, "echo", "again"); err != nil || out != `"again"` {
		t.Fatalf("after restart: %s %v", out, err)
	}
	if got := eng.compiles.Load() - n0; got != 1 {
		t.Fatalf("%d compiles after a restart, want 1", got)
	}

	granted := mustLoad(t, r, writeWasmModule(t, r, "granted", "limits:\n  timeout: 1s\npermissions:\n  read: [\"./data/\"]\n"))
	refused := mustLoad(t, r, writeWasmModule(t, r, "refused", "limits:\n  timeout: 1s\n"))
	if got := eng.compiles.Load() - n0; got != 1 {
		t.Fatalf("%d compiles for three modules of one wasm, want 1", got)
	}
	if out, err := wasmCall(t, r, granted, "read", map[string]string{"path": "./data/a.txt"}); err != nil || out != `{"ok":"hello"}` {
		t.Fatalf("granted: %s %v", out, err)
	}
	_, err := wasmCall(t, r, refused, "read", map[string]string{"path": "./data/a.txt"})
	if ex := exceptionOf(t, err); ex.Name != "PermissionDenied" {
		t.Fatalf("refused module read: %v", err)
	}
}

// hostRSS is the process's resident set size in bytes, 0 where unknown.
func hostRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, rss int64
	for i, f := range strings.Fields(string(b)) {
		var v int64
		for _, c := range f {
			v = v*10 + int64(c-'0')
		}
		if i == 0 {
			size = v
		} else {
			rss = v
			break
		}
	}
	_ = size
	return rss * int64(os.Getpagesize())
}

// Every host function hostfns serves has its Extism import.
func TestHostFunctionsCoverWasmFuncs(t *testing.T) {
	fs := hostFunctions()
	if len(fs) != len(hostfns.WasmFuncs) {
		t.Fatalf("%d host functions for %d names", len(fs), len(hostfns.WasmFuncs))
	}
	for i, f := range fs {
		if f.Name != hostfns.WasmFuncs[i] || f.Namespace != hostfns.WasmNamespace {
			t.Fatalf("host function %d is %s.%s, want %s.%s", i, f.Namespace, f.Name, hostfns.WasmNamespace, hostfns.WasmFuncs[i])
		}
	}
}
