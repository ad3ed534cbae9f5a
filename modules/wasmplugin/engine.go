package wasmplugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"

	"github.com/corets/corets-wasm/internal/instance"
	"github.com/corets/corets-wasm/internal/wasmhost"
)

// Plugins enables `runtime: wasm` modules in a modules.Runtime:
//
//	rt, err := modules.Open(ctx, modules.Options{WasmPlugins: wasmplugin.New()})
//
// It is a configuration value: its With methods return a copy, and one
// value may configure several Runtimes. Each Runtime opens its own engine
// from it, which compiles each plugin once and keeps it until the Runtime
// closes.
type Plugins struct {
	limits Limits
	// opened, if set, is told of each engine opened (for tests that count
	// compiles).
	opened func(*engine)
}

// New returns Plugins with DefaultLimits.
func New() Plugins { return Plugins{limits: DefaultLimits} }

// WithLimits returns a copy of p that refuses plugins past l before they
// compile; l's zero fields take DefaultLimits'.
func (p Plugins) WithLimits(l Limits) Plugins {
	p.limits = l.withDefaults()
	return p
}

// OpenEngine is called by modules.Open; the engine serves that Runtime
// until it closes.
func (p Plugins) OpenEngine(ctx context.Context, h instance.Host) (instance.Engine, error) {
	e := &engine{limits: p.limits.withDefaults(), cacheDir: h.CacheDir, log: h.Logger}
	if p.opened != nil {
		p.opened(e)
	}
	return e, nil
}

// engine is one Runtime's compiled plugins, each compiled once and
// instanced on every start and restart of any module with the same wasm and
// limits, and kept until the runtime closes. Their host functions take the
// module's binding from the call's context (capsKey), never from the
// compiled plugin, so sharing one between modules shares no capability.
type engine struct {
	limits   Limits
	cacheDir string
	log      *slog.Logger

	cacheOnce sync.Once // opens the compilation cache on the first compile
	disk      *wasmhost.DiskCache
	mem       wazero.CompilationCache

	mu     sync.Mutex
	byKey  map[compileKey]*compile
	closed bool

	// compiles counts compiles, so tests can tell a restart that reused
	// the compiled plugin from one that compiled again.
	compiles atomic.Int64
}

const wasmPageSize = 64 << 10

// Start reads and checks the plugin, compiles it (once), and makes an
// instance whose host functions serve s.Caps.
func (e *engine) Start(ctx context.Context, s instance.Spec) (instance.Instance, error) {
	wasm, err := readWasm(s.Dir, s.Main, e.limits.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.MainPos, err)
	}
	if s.Verify != nil {
		sum := sha256.Sum256(wasm)
		if err := s.Verify(map[string]string{path.Clean(filepath.ToSlash(s.Main)): hex.EncodeToString(sum[:])}); err != nil {
			return nil, err
		}
	}
	// before wazero compiles it: compiling costs time and memory that no
	// per-call limit covers
	if err := checkWasm(s.Main, wasm, e.limits); err != nil {
		return nil, fmt.Errorf("module %q: %w", s.Code, err)
	}
	lim := s.Caps.Limits()
	pages := uint64(lim.Memory) / wasmPageSize
	if pages < 1 {
		pages = 1
	}
	if pages > 65536 {
		pages = 65536
	}
	key := compileKey{sum: sha256.Sum256(wasm), pages: uint32(pages), timeout: uint64(lim.Timeout / time.Millisecond)}
	compiled, err := e.get(ctx, key, wasm)
	if err != nil {
		return nil, fmt.Errorf("module %q: wasm: %w", s.Code, err)
	}
	mc := wazero.NewModuleConfig().WithSysWalltime().WithSysNanotime()
	plugin, err := compiled.Instance(ctx, extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		return nil, fmt.Errorf("module %q: wasm: %w", s.Code, err)
	}
	caps := s.Caps
	plugin.SetLogger(func(level extism.LogLevel, text string) {
		caps.Output(extismLevel(level), text)
	})
	return &wasmInstance{code: s.Code, caps: caps, plugin: plugin, timeout: lim.Timeout,
		turn: make(chan struct{}, 1), died: make(chan struct{})}, nil
}

// readWasm reads the plugin, confined to the module's directory, and no
// more than limit+1 bytes of it (checkWasm refuses the rest by size).
func readWasm(dir, main string, limit int64) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	f, err := root.Open(filepath.FromSlash(main))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", main)
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// cache is the compilation cache the engine's plugins share, so a restart
// or a second module with the same wasm does not compile again. On disk it
// is wasmhost's authenticated cache (compiled machine code is executed as
// it is), opened on first use and closed with the engine; without a
// directory, wazero's in-memory cache.
func (e *engine) cache() (*wasmhost.DiskCache, wazero.CompilationCache) {
	e.cacheOnce.Do(func() {
		if e.cacheDir != "" {
			dc, err := wasmhost.OpenDiskCache(e.cacheDir, e.log)
			if err == nil {
				e.disk, e.mem = dc, dc.CompilationCache()
				return
			}
			e.log.Warn("wasm plugins compile without the disk cache", "dir", e.cacheDir, "err", err)
		}
		e.mem = wazero.NewCompilationCache()
	})
	return e.disk, e.mem
}

// compileKey is what a compiled plugin depends on: the wasm, and the
// manifest settings Extism bakes into its runtime.
type compileKey struct {
	sum     [32]byte // sha256 of the wasm
	pages   uint32
	timeout uint64 // ms
}

type compile struct {
	done chan struct{}
	cp   *extism.CompiledPlugin
	err  error
}

// capsKey carries a call's *hostfns.Module to the host functions.
type capsKey struct{}

func (e *engine) get(ctx context.Context, key compileKey, wasm []byte) (*extism.CompiledPlugin, error) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil, errClosed
	}
	if e.byKey == nil {
		e.byKey = map[compileKey]*compile{}
	}
	c := e.byKey[key]
	if c == nil {
		c = &compile{done: make(chan struct{})}
		e.byKey[key] = c
		e.mu.Unlock()
		c.cp, c.err = e.compile(ctx, key, wasm)
		if c.err != nil {
			e.mu.Lock()
			delete(e.byKey, key) // a canceled compile is not the plugin's fault
			e.mu.Unlock()
		}
		close(c.done)
	} else {
		e.mu.Unlock()
	}
	select {
	case <-c.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return c.cp, c.err
}

func (e *engine) compile(ctx context.Context, key compileKey, wasm []byte) (*extism.CompiledPlugin, error) {
	e.compiles.Add(1)
	disk, cache := e.cache()
	em := extism.Manifest{
		Wasm:    []extism.Wasm{extism.WasmData{Data: wasm}},
		Memory:  &extism.ManifestMemory{MaxPages: key.pages},
		Timeout: key.timeout,
		// AllowedPaths and AllowedHosts stay empty on purpose: files and
		// the network go through our host functions and package caps.
	}
	cfg := extism.PluginConfig{
		// The compiler engine where wazero has one, as wasmhost uses.
		RuntimeConfig: wazero.NewRuntimeConfig().WithCompilationCache(cache),
		// WASI without preopened directories, so PDKs that need a clock or
		// randomness (Go's, Rust's std) run; there are no files behind it.
		EnableWasi: true,
	}
	var cp *extism.CompiledPlugin
	build := func() (err error) {
		wasmhost.Settle()
		cp, err = extism.NewCompiledPlugin(ctx, em, cfg, hostFunctions())
		return err
	}
	var err error
	if disk != nil {
		err = disk.Compile(wasm, build)
	} else {
		err = build()
	}
	return cp, err
}

// Close closes every compiled plugin and the compilation cache; the
// runtime's modules are stopped.
func (e *engine) Close(ctx context.Context) error {
	e.mu.Lock()
	e.closed = true
	all := e.byKey
	e.byKey = nil
	e.mu.Unlock()
	for _, c := range all {
		<-c.done
		if c.cp != nil {
			c.cp.Close(ctx)
		}
	}
	e.cacheOnce.Do(func() {}) // none is opened after this
	switch {
	case e.disk != nil:
		return e.disk.Close(ctx)
	case e.mem != nil:
		return e.mem.Close(ctx)
	}
	return nil
}

func extismLevel(l extism.LogLevel) string {
	switch l {
	case extism.LogLevelError:
		return "error"
	case extism.LogLevelWarn:
		return "warn"
	case extism.LogLevelDebug, extism.LogLevelTrace:
		return "debug"
	}
	return "info"
}
