// Package wasmhost runs WebAssembly for CoreTS-Wasm: one wazero runtime with
// the compiler engine, compiled modules cached in memory (by sha256 of the
// wasm) and on disk (wazero's compilation cache, authenticated: DiskCache),
// and instances whose linear memory is capped per instance.
//
// It knows nothing about JavaScript or modules. It must never give a guest a
// file system, a socket, or a fake clock: instances get real clocks, the
// host's cryptographic randomness, and only the imports their owner defines.
// It must never let wazero read compiled code it has not verified: cached
// machine code is executed as it is.
package wasmhost

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// Config says where compiled code is cached. The zero value caches in the
// user's cache directory.
type Config struct {
	// CacheDir holds wazero's compilation cache. Empty means
	// cachefile.Dir()/wazero.
	CacheDir string
	// NoDiskCache turns the on-disk compilation cache off: every process
	// compiles the engine again (about a second).
	NoDiskCache bool
	// Logger receives the cache's warnings (a file that failed
	// verification). Nil logs nothing.
	Logger *slog.Logger
}

// Runtime is one wazero runtime shared by every instance of a process. It is
// safe for concurrent use.
type Runtime struct {
	rt    wazero.Runtime
	cache *DiskCache // nil without a disk cache
	dir   string     // the disk cache's directory, "" without one

	mu       sync.Mutex
	compiled map[[sha256.Size]byte]wazero.CompiledModule // by sha256 of the wasm
	// data holds the active data segments Compile took out of a module:
	// Instantiate writes them (see datasplit.go).
	data map[wazero.CompiledModule][]dataSegment
}

// New creates the runtime, with WASI preview 1 available to guests (without
// any preopened directory).
func New(ctx context.Context, cfg Config) (*Runtime, error) {
	Settle()
	rc := wazero.NewRuntimeConfig() // the compiler where wazero supports it
	var cache *DiskCache
	var dir string
	if !cfg.NoDiskCache {
		dir = cfg.CacheDir
		if dir == "" {
			if base := cachefile.Dir(); base != "" {
				dir = filepath.Join(base, "wazero")
			}
		}
		if dir != "" {
			c, err := OpenDiskCache(dir, cfg.Logger)
			if err != nil {
				return nil, fmt.Errorf("compilation cache in %s: %w", dir, err)
			}
			cache = c
			rc = rc.WithCompilationCache(c.CompilationCache())
		}
	}
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		if cache != nil {
			cache.Close(ctx)
		}
		return nil, fmt.Errorf("wasi: %w", err)
	}
	if cache == nil {
		dir = ""
	}
	return &Runtime{rt: rt, cache: cache, dir: dir, compiled: map[[sha256.Size]byte]wazero.CompiledModule{},
		data: map[wazero.CompiledModule][]dataSegment{}}, nil
}

// CacheDir is the directory of the disk cache, "" when there is none. Other
// caches of the engine's own making (its start-up snapshot, compiled
// scripts) live beneath it, sealed with its cachefile.Key.
func (r *Runtime) CacheDir() string { return r.dir }

// Wazero is the underlying runtime, for defining host modules. Compile
// through Runtime.Compile, never its CompileModule: with a disk cache, wazero
// may write compiled code only inside DiskCache.Compile, which verifies what
// it reads and seals what it writes.
func (r *Runtime) Wazero() wazero.Runtime { return r.rt }

// Compile compiles wasm once per process; later calls with the same bytes
// return the same compiled module.
func (r *Runtime) Compile(ctx context.Context, wasm []byte) (wazero.CompiledModule, error) {
	key := sha256.Sum256(wasm)
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.compiled[key]; ok {
		return c, nil
	}
	var c wazero.CompiledModule
	code, segs, split := splitData(wasm)
	err := r.compile(ctx, code, &c)
	if err != nil && split {
		// e.g. a memory.init naming a passive segment that moved: compile
		// the module as it is
		code, segs, split = wasm, nil, false
		err = r.compile(ctx, code, &c)
	}
	if err != nil {
		return nil, fmt.Errorf("compile: %w", err)
	}
	r.compiled[key] = c
	if split {
		r.data[c] = segs
	}
	return c, nil
}

// compile compiles wasm into *c, through the disk cache if there is one.
func (r *Runtime) compile(ctx context.Context, wasm []byte, c *wazero.CompiledModule) error {
	compile := func() (err error) {
		*c, err = r.rt.CompileModule(ctx, wasm)
		return err
	}
	if r.cache != nil {
		return r.cache.Compile(wasm, compile)
	}
	return compile()
}

// InstanceConfig is what differs between instances of one compiled module.
type InstanceConfig struct {
	// MaxMemory caps the instance's linear memory in bytes (rounded down to
	// 64 KiB pages); memory.grow beyond it fails. Zero means the module's
	// own maximum.
	MaxMemory uint64
	// Stdout and Stderr receive what the guest writes to fd 1 and 2.
	// Nil discards it.
	Stdout, Stderr io.Writer
	// StartFunctions run after instantiation; nil means "_initialize", which
	// a WASI reactor needs.
	StartFunctions []string
	// Image, if set, replaces the new instance's memory after its start
	// functions ran: the instance continues from the snapshot's state.
	Image *Image
}

// Instantiate creates an instance with real wall and monotonic clocks, the
// host's cryptographic random source, no file system, and memory capped by
// cfg.MaxMemory.
func (r *Runtime) Instantiate(ctx context.Context, c wazero.CompiledModule, cfg InstanceConfig) (api.Module, error) {
	start := cfg.StartFunctions
	if start == nil {
		start = []string{"_initialize"}
	}
	r.mu.Lock()
	segs, split := r.data[c]
	r.mu.Unlock()
	// Without its data segments the module is not ready for its start
	// functions: they run here once the segments are written, and not at
	// all when an image replaces the memory they would prepare.
	wazeroStart := start
	if split {
		wazeroStart = nil
	}
	mc := wazero.NewModuleConfig().
		WithName(""). // anonymous: any number of instances may coexist
		WithStartFunctions(wazeroStart...).
		WithSysWalltime().
		WithSysNanotime().
		WithRandSource(rand.Reader)
	if cfg.Stdout != nil {
		mc = mc.WithStdout(cfg.Stdout)
	}
	if cfg.Stderr != nil {
		mc = mc.WithStderr(cfg.Stderr)
	}
	for _, mem := range c.ExportedMemories() {
		if cfg.MaxMemory > 0 && uint64(mem.Min())*wasmPageSize > cfg.MaxMemory {
			// wazero would panic rather than fail when the allocator cannot
			// provide even the minimum
			return nil, fmt.Errorf("the module needs %d bytes of memory, the limit is %d", uint64(mem.Min())*wasmPageSize, cfg.MaxMemory)
		}
	}
	var lm experimental.LinearMemory
	alloc := counted(NewMemoryAllocator(cfg.MaxMemory))
	ctx = experimental.WithMemoryAllocator(ctx, experimental.MemoryAllocatorFunc(func(capBytes, maxBytes uint64) experimental.LinearMemory {
		lm = alloc.Allocate(capBytes, maxBytes)
		return lm
	}))
	m, err := r.rt.InstantiateModule(ctx, c, mc)
	if err != nil {
		return nil, fmt.Errorf("instantiate: %w", err)
	}
	switch {
	case cfg.Image != nil:
		err = cfg.Image.restore(m, lm, split)
	case split:
		err = writeData(ctx, m, segs, start)
	}
	if err != nil {
		m.Close(ctx)
		return nil, err
	}
	return m, nil
}

// Close closes every instance and compiled module, and the disk cache handle.
func (r *Runtime) Close(ctx context.Context) error {
	err := r.rt.Close(ctx)
	if r.cache != nil {
		if cerr := r.cache.Close(ctx); err == nil {
			err = cerr
		}
	}
	return err
}

// writeData does what instantiation leaves out for a module whose data
// segments Compile took: it writes them and runs the start functions.
func writeData(ctx context.Context, m api.Module, segs []dataSegment, start []string) error {
	mem := m.Memory()
	for i, s := range segs {
		if mem == nil || !mem.Write(s.offset, s.data) {
			return fmt.Errorf("instantiate: data[%d]: out of bounds memory access", i)
		}
	}
	for _, name := range start {
		f := m.ExportedFunction(name)
		if f == nil {
			continue // as wazero does: a missing start function is skipped
		}
		if _, err := f.Call(ctx); err != nil {
			return fmt.Errorf("instantiate: start function %q: %w", name, err)
		}
	}
	return nil
}
