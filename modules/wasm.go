package modules

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"sync"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/sys"

	"github.com/corets/corets-wasm/hostfns"
	"github.com/corets/corets-wasm/jsengine"
	"github.com/corets/corets-wasm/wasmhost"
)

// wasmInstance is a running `runtime: wasm` module: an Extism plugin whose
// only way out is our host functions (hostfns.ExtismFunctions). Extism's own
// allowed_paths and allowed_hosts stay empty, so its WASI mounts and its
// http_request refuse everything.
type wasmInstance struct {
	code     string
	compiled *extism.CompiledPlugin
	plugin   *extism.Plugin
	timeout  time.Duration

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
		dir := ""
		switch {
		case r.opts.NoDiskCache:
		case r.opts.CacheDir != "":
			dir = filepath.Join(r.opts.CacheDir, "wazero")
		default:
			if d, err := os.UserCacheDir(); err == nil {
				dir = filepath.Join(d, "corets-wasm", "wazero")
			}
		}
		if dir != "" {
			dc, err := wasmhost.OpenDiskCache(dir)
			if err == nil {
				r.wasmDisk, r.wasmMem = dc, dc.CompilationCache()
				return
			}
			slog.Warn("modules: wasm plugins compile without the disk cache", "dir", dir, "err", err)
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
	root, err := os.OpenRoot(m.path)
	if err != nil {
		return err
	}
	wasm, err := root.ReadFile(filepath.FromSlash(m.man.Main)) // confined to the module's directory
	root.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", m.man.Pos("main"), err)
	}
	if m.verified != nil {
		sum := sha256.Sum256(wasm)
		if err := checkVerified(m.code, m.verified, map[string]string{path.Clean(filepath.ToSlash(m.man.Main)): hex.EncodeToString(sum[:])}); err != nil {
			return err
		}
	}
	man := *m.man
	man.Limits = m.r.opts.Overrides.Or(m.man.Limits)
	caps, err := m.r.host.Bind(&man)
	if err != nil {
		return err
	}
	disk, cache := m.r.wasmCache()
	w, err := newWasmInstance(ctx, m.code, wasm, caps, disk, cache)
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

func newWasmInstance(ctx context.Context, code string, wasm []byte, caps *hostfns.Module, disk *wasmhost.DiskCache, cache wazero.CompilationCache) (*wasmInstance, error) {
	lim := caps.Limits()
	pages := uint64(lim.Memory) / wasmPageSize
	if pages < 1 {
		pages = 1
	}
	if pages > 65536 {
		pages = 65536
	}
	em := extism.Manifest{
		Wasm:    []extism.Wasm{extism.WasmData{Data: wasm}},
		Memory:  &extism.ManifestMemory{MaxPages: uint32(pages)},
		Timeout: uint64(lim.Timeout / time.Millisecond),
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
	var compiled *extism.CompiledPlugin
	compile := func() (err error) {
		compiled, err = extism.NewCompiledPlugin(ctx, em, cfg, caps.ExtismFunctions())
		return err
	}
	var err error
	if disk != nil {
		err = disk.Compile(wasm, compile)
	} else {
		err = compile()
	}
	if err != nil {
		return nil, fmt.Errorf("module %q: wasm: %w", code, err)
	}
	mc := wazero.NewModuleConfig().WithSysWalltime().WithSysNanotime()
	plugin, err := compiled.Instance(ctx, extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		compiled.Close(context.Background())
		return nil, fmt.Errorf("module %q: wasm: %w", code, err)
	}
	plugin.SetLogger(func(level extism.LogLevel, text string) {
		caps.Output(extismLevel(level), text)
	})
	return &wasmInstance{code: code, compiled: compiled, plugin: plugin, timeout: lim.Timeout,
		turn: make(chan struct{}, 1), died: make(chan struct{})}, nil
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
	_, out, err := w.plugin.CallWithContext(hostfns.WithRun(ctx, w.calls), name, input)
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
		w.plugin.Close(context.Background())
		w.compiled.Close(context.Background())
		close(w.died)
	})
}

// close ends the instance without a death (unload, runtime close).
func (w *wasmInstance) close() { w.kill(jsengine.ErrClosed) }
