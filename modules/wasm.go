package modules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/sys"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/wasmhost"
)

// wasmInstance is a running `runtime: wasm` module: an Extism plugin whose
// only way out is our host functions (hostfns.ExtismFunctions). Extism's own
// allowed_paths and allowed_hosts stay empty, so its WASI mounts and its
// http_request refuse everything.
type wasmInstance struct {
	code    string
	caps    *hostfns.Module // what the shared compiled plugin's host functions serve for this instance
	plugin  *extism.Plugin
	timeout time.Duration

	turn  chan struct{} // one call at a time: a plugin is not safe for concurrent use
	calls uint64        // numbers calls for per-call budgets; guarded by turn

	once sync.Once
	died chan struct{}
	err  error // why it died; jsengine.ErrClosed when closed
}

// wasmCache is the compilation cache the runtime's Extism plugins share, so
// a restart or a second module with the same wasm does not compile again. On
// disk it is wasmhost's authenticated cache (compiled machine code is
// executed as it is), opened on first use and closed with the runtime; nil
// means wazero's in-memory cache.
func (r *Runtime) wasmCache() (*wasmhost.DiskCache, wazero.CompilationCache) {
	r.wasmOnce.Do(func() {
		dir := r.wazero
		if dir != "" {
			dc, err := wasmhost.OpenDiskCache(dir, r.log)
			if err == nil {
				r.wasmDisk, r.wasmMem = dc, dc.CompilationCache()
				return
			}
			r.log.Warn("wasm plugins compile without the disk cache", "dir", dir, "err", err)
		}
		r.wasmMem = wazero.NewCompilationCache()
	})
	return r.wasmDisk, r.wasmMem
}

// closeWasmCache releases the cache wasmCache opened.
func (r *Runtime) closeWasmCache(ctx context.Context) error {
	r.wasmOnce.Do(func() {}) // none is opened after this
	switch {
	case r.wasmDisk != nil:
		return r.wasmDisk.Close(ctx)
	case r.wasmMem != nil:
		return r.wasmMem.Close(ctx)
	}
	return nil
}

const wasmPageSize = 64 << 10

// startWasm is start for `runtime: wasm`: bind capabilities, compile the
// plugin with our host functions bound to them, make an instance.
func (m *Module) startWasm(ctx context.Context) error {
	lim := m.r.opts.WasmLimits.withDefaults()
	wasm, err := readWasm(m.path, m.man.Main, lim.MaxBytes)
	if err != nil {
		return fmt.Errorf("%s: %w", m.man.Pos("main"), err)
	}
	if m.verified != nil {
		sum := sha256.Sum256(wasm)
		if err := checkVerified(m.code, m.verified, map[string]string{path.Clean(filepath.ToSlash(m.man.Main)): hex.EncodeToString(sum[:])}); err != nil {
			return err
		}
	}
	// before wazero compiles it: compiling costs time and memory that no
	// per-call limit covers
	if err := checkWasm(m.man.Main, wasm, lim); err != nil {
		return fmt.Errorf("module %q: %w", m.code, err)
	}
	man := *m.man
	man.Limits = m.r.opts.Overrides.Or(m.man.Limits)
	caps, err := m.r.host.Bind(&man)
	if err != nil {
		return err
	}
	w, err := m.r.newWasmInstance(ctx, m.code, wasm, caps)
	if err != nil {
		caps.Close()
		return err
	}
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		w.close()
		caps.Close()
		return ErrClosed
	}
	m.wasm, m.caps = w, caps
	m.setState(StateRunning, nil)
	m.mu.Unlock()
	m.r.wg.Add(1)
	go func() {
		defer m.r.wg.Done()
		<-w.died
		if !errors.Is(w.err, jsengine.ErrClosed) {
			m.died(w, w.err)
		}
	}()
	return nil
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

func (r *Runtime) newWasmInstance(ctx context.Context, code string, wasm []byte, caps *hostfns.Module) (*wasmInstance, error) {
	lim := caps.Limits()
	pages := uint64(lim.Memory) / wasmPageSize
	if pages < 1 {
		pages = 1
	}
	if pages > 65536 {
		pages = 65536
	}
	disk, cache := r.wasmCache()
	key := wasmKey{sum: sha256.Sum256(wasm), pages: uint32(pages), timeout: uint64(lim.Timeout / time.Millisecond), disk: disk, cache: cache}
	compiled, err := r.plugins.get(ctx, key, wasm)
	if err != nil {
		return nil, fmt.Errorf("module %q: wasm: %w", code, err)
	}
	mc := wazero.NewModuleConfig().WithSysWalltime().WithSysNanotime()
	plugin, err := compiled.Instance(ctx, extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		return nil, fmt.Errorf("module %q: wasm: %w", code, err)
	}
	plugin.SetLogger(func(level extism.LogLevel, text string) {
		caps.Output(extismLevel(level), text)
	})
	return &wasmInstance{code: code, caps: caps, plugin: plugin, timeout: lim.Timeout,
		turn: make(chan struct{}, 1), died: make(chan struct{})}, nil
}

// wasmKey is what a compiled plugin depends on: the wasm, and the manifest
// settings Extism bakes into its runtime.
type wasmKey struct {
	sum     [32]byte // sha256 of the wasm
	pages   uint32
	timeout uint64              // ms
	disk    *wasmhost.DiskCache // verifies and seals cache, nil without a disk cache
	cache   wazero.CompilationCache
}

// wasmPlugins are a runtime's compiled plugins, each compiled once and
// instanced on every start and restart of any module with the same wasm and
// limits, and kept until the runtime closes. Their host functions take the
// module's binding from the call's context (wasmCapsKey), never from the
// compiled plugin, so sharing one between modules shares no capability.
type wasmPlugins struct {
	mu     sync.Mutex
	byKey  map[wasmKey]*wasmCompile
	closed bool
}

type wasmCompile struct {
	done chan struct{}
	cp   *extism.CompiledPlugin
	err  error
}

// wasmCapsKey carries a call's *hostfns.Module to the host functions.
type wasmCapsKey struct{}

func wasmCaps(ctx context.Context) *hostfns.Module {
	m, _ := ctx.Value(wasmCapsKey{}).(*hostfns.Module)
	return m
}

// wasmCompiles counts compiles, so tests can tell a restart that reused
// the compiled plugin from one that compiled again.
var wasmCompiles atomic.Int64

func (p *wasmPlugins) get(ctx context.Context, key wasmKey, wasm []byte) (*extism.CompiledPlugin, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	if p.byKey == nil {
		p.byKey = map[wasmKey]*wasmCompile{}
	}
	c := p.byKey[key]
	if c == nil {
		c = &wasmCompile{done: make(chan struct{})}
		p.byKey[key] = c
		p.mu.Unlock()
		c.cp, c.err = compileWasm(ctx, key, wasm)
		if c.err != nil {
			p.mu.Lock()
			delete(p.byKey, key) // a canceled compile is not the plugin's fault
			p.mu.Unlock()
		}
		close(c.done)
	} else {
		p.mu.Unlock()
	}
	select {
	case <-c.done:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return c.cp, c.err
}

func compileWasm(ctx context.Context, key wasmKey, wasm []byte) (*extism.CompiledPlugin, error) {
	wasmCompiles.Add(1)
	em := extism.Manifest{
		Wasm:    []extism.Wasm{extism.WasmData{Data: wasm}},
		Memory:  &extism.ManifestMemory{MaxPages: key.pages},
		Timeout: key.timeout,
		// AllowedPaths and AllowedHosts stay empty on purpose: files and
		// the network go through our host functions and package caps.
	}
	cfg := extism.PluginConfig{
		// The compiler engine where wazero has one, as wasmhost uses.
		RuntimeConfig: wazero.NewRuntimeConfig().WithCompilationCache(key.cache),
		// WASI without preopened directories, so PDKs that need a clock or
		// randomness (Go's, Rust's std) run; there are no files behind it.
		EnableWasi: true,
	}
	var cp *extism.CompiledPlugin
	compile := func() (err error) {
		cp, err = extism.NewCompiledPlugin(ctx, em, cfg, hostfns.ExtismFunctionsFor(wasmCaps))
		return err
	}
	var err error
	if key.disk != nil {
		err = key.disk.Compile(wasm, compile)
	} else {
		err = compile()
	}
	return cp, err
}

// close closes every compiled plugin; the runtime's modules are stopped.
func (p *wasmPlugins) close(ctx context.Context) {
	p.mu.Lock()
	p.closed = true
	all := p.byKey
	p.byKey = nil
	p.mu.Unlock()
	for _, c := range all {
		<-c.done
		if c.cp != nil {
			c.cp.Close(ctx)
		}
	}
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

// call runs an export: the JSON of the call's one argument is its input
// (the whole array when there are several, nothing when there are none),
// and its output, JSON, is the result.
func (w *wasmInstance) call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	select {
	case w.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-w.died:
		return nil, fmt.Errorf("%w: %w", jsengine.ErrDead, w.err)
	}
	defer func() { <-w.turn }()
	select {
	case <-w.died:
		return nil, fmt.Errorf("%w: %w", jsengine.ErrDead, w.err)
	default:
	}
	if !w.plugin.FunctionExists(name) {
		return nil, fmt.Errorf("call %s.%s: the module exports no such function", w.code, name)
	}
	input, err := wasmInput(args)
	if err != nil {
		return nil, fmt.Errorf("call %s.%s: %w", w.code, name, err)
	}
	w.calls++
	callCtx := context.WithValue(hostfns.WithRun(ctx, w.calls), wasmCapsKey{}, w.caps)
	_, out, err := w.plugin.CallWithContext(callCtx, name, input)
	if err != nil {
		// error_set from the guest leaves the instance usable; a trap, a
		// timeout or a cancel does not (the plugin's memory is closed or
		// in an unknown state): that is a death, and the supervisor
		// restarts the module.
		if msg := w.plugin.GetErrorWithContext(context.Background()); msg != "" && msg == err.Error() {
			return nil, guestWasmError(w.code, msg)
		}
		cause := w.limitError(ctx, err)
		w.kill(cause)
		return nil, cause
	}
	if len(out) == 0 {
		return json.RawMessage("null"), nil
	}
	if !json.Valid(out) {
		s, _ := json.Marshal(string(out))
		return s, nil
	}
	return out, nil
}

func wasmInput(args json.RawMessage) ([]byte, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(args, &list); err != nil {
		return nil, fmt.Errorf("arguments are not a JSON array: %w", err)
	}
	switch len(list) {
	case 0:
		return nil, nil
	case 1:
		return list[0], nil
	}
	return args, nil
}

// guestWasmError is what a guest passed to error_set. When it is one of our
// host functions' error answers, passed on as the convention asks, the
// caller sees the same name and text a TypeScript module's call gives.
func guestWasmError(code, msg string) error {
	var answer struct {
		Error *struct{ Name, Message string } `json:"error"`
	}
	if json.Unmarshal([]byte(msg), &answer) == nil && answer.Error != nil && answer.Error.Name != "" {
		return &jsengine.Exception{Name: answer.Error.Name, Message: answer.Error.Message, Module: code}
	}
	return &jsengine.Exception{Name: "Error", Message: msg, Module: code}
}

// limitError types a call that ended the instance.
func (w *wasmInstance) limitError(ctx context.Context, err error) error {
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		switch exit.ExitCode() {
		case sys.ExitCodeDeadlineExceeded:
			if ctx.Err() == nil && w.timeout > 0 {
				return &jsengine.LimitError{Limit: jsengine.ErrTimeout, Module: w.code, Detail: fmt.Sprintf("the call ran longer than %s (limits.timeout)", w.timeout)}
			}
			return &jsengine.LimitError{Limit: jsengine.ErrTimeout, Module: w.code, Detail: "the caller's deadline passed"}
		case sys.ExitCodeContextCanceled:
			return &jsengine.LimitError{Limit: jsengine.ErrCanceled, Module: w.code}
		}
		return &jsengine.LimitError{Limit: jsengine.ErrCrashed, Module: w.code, Detail: fmt.Sprintf("the module exited with code %d", exit.ExitCode())}
	}
	return &jsengine.LimitError{Limit: jsengine.ErrCrashed, Module: w.code, Detail: err.Error()}
}

// kill ends the instance with cause and reports the death.
func (w *wasmInstance) kill(cause error) {
	w.once.Do(func() {
		w.err = cause
		w.plugin.Close(context.Background()) // the compiled plugin stays, for the restart
		close(w.died)
	})
}

// close ends the instance without a death (unload, runtime close).
func (w *wasmInstance) close() { w.kill(jsengine.ErrClosed) }
