package modules

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/cachefile"
	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/instance"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/supervisor"
	"github.com/corets/corets-wasm/internal/wasmhost"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Options configure a Runtime. The zero value runs modules from the
// current directory with a store file in ./.corets/.
type Options struct {
	// AppRoot is the directory module paths are relative to and where
	// installed modules live (AppRoot/modules/<code>). Default ".".
	AppRoot string
	// StorePath is the store's file; default AppRoot/.corets/store.db.
	StorePath string
	// MemoryStore keeps the store in memory (nothing is written to disk).
	MemoryStore bool
	// StoreURL names the store as kv.OpenURL takes it, in place of
	// StorePath: a path, "memory:", or a URL whose scheme a backend package
	// registered, such as etcd://host:2379,host:2379/prefix for a store
	// that runtimes on several machines share (import
	// github.com/corets/corets-wasm/kv/etcdkv to link that one).
	StoreURL string
	// Store is a store the embedder opened and owns: the runtime uses it
	// and does not close it. Several runtimes may share one. It takes
	// precedence over StoreURL, StorePath and MemoryStore.
	Store *kv.DB
	// SharedStore opens the store file only for each transaction instead
	// of for the runtime's life, so that other processes can use the same
	// store (and app root) at the same time: the CLI sets it, so that
	// several corets-wasm commands run on one app root at once. Each
	// transaction waits up to 10 s for a process that holds the file; a
	// read costs an open of the file, a write about the same as without
	// (the fsync dominates). Without it, as suits a long-lived service that
	// owns its app root, the runtime keeps the file to itself until Close
	// and a second Open of the same store fails with kv.ErrLocked.
	SharedStore bool
	// PublicKey, if set, makes signatures required: unsigned or tampered
	// modules are refused at install and at load.
	PublicKey ed25519.PublicKey
	// Defaults are limits for modules whose manifests leave them unset.
	Defaults manifest.Limits
	// Overrides are limits that apply whatever the manifests say (the
	// CLI's --memory, --fuel and --timeout).
	Overrides manifest.Limits
	// Audit receives a JSON line per capability use or refusal.
	Audit io.Writer
	// Output receives console output; nil logs it on Logger.
	Output func(module, level, text string)
	// Logger receives the runtime's records: its warnings, a record per
	// module state change (running, died, restarting, errored, stopped)
	// and, without an Output, the modules' console output with the export
	// being called as the "call" attribute; each record has the module's
	// code as the "module" attribute (events.go lists them). Nil sends the
	// warnings and console output to slog.Default(), without the state
	// records or call attributes.
	Logger *slog.Logger
	// Funcs are the embedder's own host functions.
	Funcs []HostFunc
	// Capabilities are more embedder capability names manifests may
	// grant (permissions.NAME), beside those of Funcs: for capabilities the
	// embedder checks in Go by reading a module's manifest, or declares
	// before it has functions for them.
	Capabilities []string
	// Grants are added to the permissions of every module Load loads that
	// is not installed in the app root (the CLI's run --allow-read and the
	// like); an installed module keeps the grants approved at install.
	// Each entry must be what a manifest could say; Open refuses one that
	// is not with a *GrantError.
	Grants manifest.Permissions
	// CacheDir holds compiled wasm, bundles, the engine's start-up snapshot
	// and compiled scripts, each sealed with a key kept there; default the
	// user's cache directory. NoDiskCache turns disk caching off.
	CacheDir    string
	NoDiskCache bool
	// Approve decides an install or update that asks for more capabilities
	// than the installed version; nil refuses such updates.
	Approve func(ctx context.Context, c Change) (bool, error)
	// SkipInstalled leaves installed modules unloaded at Open (and, with
	// shared installs, does not follow the store's installs either).
	SkipInstalled bool
	// SharedInstalls says whether installs are shared with the other
	// runtimes on the store: recorded with their files in the store, and
	// followed (materialized, loaded, reloaded, removed) by every runtime
	// on it. The default, SharedInstallsAuto, shares them when Store is set
	// or the store reports everyone's writes (etcd); see SharedInstalls.
	SharedInstalls SharedInstalls
	// Restart is the supervisor's policy; zero fields take DefaultRestart's.
	Restart RestartPolicy
	// WasmPlugins runs `runtime: wasm` modules (Extism plugins); nil
	// refuses them. Set it to wasmplugin.New() (package
	// github.com/corets/corets-wasm/modules/wasmplugin): a program that
	// does not, does not link Extism.
	WasmPlugins WasmPlugins

	// hostConfig lets tests replace the DNS resolver and PATH lookup.
	hostConfig func(*hostfns.Config)
}

// RestartPolicy is how the supervisor restarts a module whose instance
// died: after Initial, doubling up to Max, and gives up (ERRORED) after
// Failures deaths within Window. A restart that fails counts as a death.
type RestartPolicy = supervisor.Policy

// DefaultRestart restarts after 1 s, 2 s, 4 s, ... up to 30 s, and marks a
// module ERRORED after 5 failures in 60 s.
var DefaultRestart = supervisor.DefaultPolicy

// WasmPlugins is what Options.WasmPlugins takes: an engine for
// `runtime: wasm` modules, opened once per Runtime and closed with it. Its
// method takes the runtime's internal types, so the only implementation is
// package modules/wasmplugin's.
type WasmPlugins interface {
	OpenEngine(ctx context.Context, h instance.Host) (instance.Engine, error)
}

// Runtime runs modules: it owns the store, the host functions, the engine
// and the registry of loaded modules. It is safe for concurrent use.
type Runtime struct {
	opts    Options
	appRoot string // absolute
	db      *kv.DB
	host    *hostfns.Host
	engine  *jsengine.Engine
	cache   string          // bundle cache directory, "" for none
	bundles *bundle.Cache   // this runtime's bundles: in memory, and in cache on disk
	wazero  string          // wazero's compilation cache directory, "" for none
	wasm    instance.Engine // runs `runtime: wasm` modules; nil when not enabled

	log *slog.Logger // opts.Logger or slog.Default(), decided once in Open

	shared bool      // installs shared through the store (shared_installs.go)
	follow *follower // follows the store's installs; nil when not shared

	mu      sync.Mutex
	modules map[string]*Module
	closed  bool
	wg      sync.WaitGroup // supervisor timers
}

// Open starts a runtime: store, host functions, engine, then the installed
// modules, in that order. If a step fails, what was started is closed.
func Open(ctx context.Context, opts Options) (rt *Runtime, err error) {
	r := &Runtime{opts: opts, modules: map[string]*Module{}, log: opts.Logger}
	if r.log == nil {
		r.log = slog.Default()
	}
	r.opts.Restart = opts.Restart.WithDefaults()
	var undo []func()
	defer func() {
		if err != nil {
			for i := len(undo) - 1; i >= 0; i-- {
				undo[i]()
			}
		}
	}()
	root := opts.AppRoot
	if root == "" {
		root = "."
	}
	if r.appRoot, err = filepath.Abs(root); err != nil {
		return nil, err
	}
	if st, err := os.Stat(r.appRoot); err != nil {
		return nil, fmt.Errorf("app root: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("app root %s is not a directory", r.appRoot)
	}

	// 1. the store
	switch {
	case opts.Store != nil:
		r.db = opts.Store
	case opts.MemoryStore:
		r.db = kv.OpenMemory(kv.Options{})
	case opts.StoreURL != "":
		if r.db, err = kv.OpenURL(opts.StoreURL, kv.Options{Shared: opts.SharedStore}); err != nil {
			return nil, err
		}
	default:
		path := opts.StorePath
		if path == "" {
			path = filepath.Join(r.appRoot, ".corets", "store.db")
		}
		if r.db, err = kv.Open(path, kv.Options{Shared: opts.SharedStore}); err != nil {
			return nil, err
		}
	}
	if opts.Store == nil {
		undo = append(undo, func() { r.db.Close() })
	}

	// Where the caches are (the one place this is decided); the engine
	// opens wazero's in step 3, the wasm plugin engine on its first compile.
	switch {
	case opts.NoDiskCache:
	case opts.CacheDir != "":
		r.wazero = filepath.Join(opts.CacheDir, "wazero")
		r.cache = filepath.Join(opts.CacheDir, "bundles")
	default:
		if d := cachefile.Dir(); d != "" {
			r.wazero = filepath.Join(d, "wazero")
			r.cache = filepath.Join(d, "bundles")
		}
	}
	r.bundles = bundle.NewCache(r.cache, r.log)

	// 2. the host functions
	// Modules never reach the runtime's own files through a file grant.
	reserved, err := reserve(runtimePaths(r.appRoot, r.db.Path(), r.cache, r.wazero))
	if err != nil {
		return nil, err
	}
	hc := hostfns.Config{AppRoot: r.appRoot, Reserved: reserved, Store: r.db, Defaults: opts.Defaults, Audit: opts.Audit, Output: opts.Output, Logger: r.log, Funcs: opts.Funcs}
	if opts.hostConfig != nil {
		opts.hostConfig(&hc)
	}
	if r.host, err = hostfns.New(hc); err != nil {
		return nil, err
	}
	if err := checkCapabilities(opts.Capabilities); err != nil {
		return nil, err
	}
	if err := r.checkGrants(); err != nil {
		return nil, err
	}

	// 3. the engine
	ec := r.host.Engine()
	// the directory reserved above; none when off or unknown
	ec.Wasm = wasmhost.Config{CacheDir: r.wazero, NoDiskCache: r.wazero == "", Logger: r.log}
	if r.engine, err = jsengine.New(ctx, ec); err != nil {
		return nil, err
	}
	undo = append(undo, func() { r.engine.Close(context.Background()) })
	if opts.WasmPlugins != nil {
		if r.wasm, err = opts.WasmPlugins.OpenEngine(ctx, instance.Host{CacheDir: r.wazero, Logger: r.log}); err != nil {
			return nil, err
		}
		undo = append(undo, func() { r.wasm.Close(context.Background()) })
	}

	// 4. installed modules; one that fails is ERRORED, not fatal
	r.shared = opts.sharesInstalls(r.db)
	if r.shared && !opts.SkipInstalled {
		if err := r.startFollowing(ctx); err != nil {
			return nil, err
		}
	} else if !opts.SkipInstalled {
		list, err := r.Installed()
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			r.Load(ctx, m.Dir)
		}
	}
	return r, nil
}

// Close unloads every module and closes the engine and the store, in the
// reverse order of Open.
func (r *Runtime) Close(ctx context.Context) error {
	r.stopFollowing()
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	mods := make([]*Module, 0, len(r.modules))
	for _, m := range r.modules {
		mods = append(mods, m)
	}
	r.modules = map[string]*Module{}
	r.mu.Unlock()
	for _, m := range mods {
		m.stop(StateStopped, nil)
	}
	r.wg.Wait()
	var wasmErr error
	if r.wasm != nil {
		wasmErr = r.wasm.Close(ctx)
	}
	err := r.engine.Close(ctx)
	var dbErr error
	if r.opts.Store == nil { // the embedder's own store stays open
		dbErr = r.db.Close()
	}
	return errors.Join(err, wasmErr, dbErr)
}

// AppRoot is the runtime's app root, absolute.
func (r *Runtime) AppRoot() string { return r.appRoot }

// Store is the runtime's database, for embedders that keep their own
// state beside the modules' (use groups of your own, e.g. System()).
func (r *Runtime) Store() *kv.DB { return r.db }

// Declarations is the TypeScript declaration file for module authors.
func Declarations() string { return hostfns.Declarations }

func (r *Runtime) module(code string) (*Module, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	m := r.modules[code]
	if m == nil {
		return nil, fmt.Errorf("%w: %q", ErrNotLoaded, code)
	}
	return m, nil
}

// Call calls the exported function name of a loaded module with args as
// its arguments (each marshalled to JSON) and returns the JSON result.
func (r *Runtime) Call(ctx context.Context, code, name string, args ...any) (json.RawMessage, error) {
	arr, err := json.Marshal(args)
	if err != nil {
		return nil, fmt.Errorf("call %s.%s: arguments: %w", code, name, err)
	}
	if args == nil {
		arr = []byte("[]")
	}
	return r.CallJSON(ctx, code, name, arr)
}

// CallJSON is Call with the arguments as a JSON array.
func (r *Runtime) CallJSON(ctx context.Context, code, name string, args json.RawMessage) (json.RawMessage, error) {
	m, err := r.module(code)
	if err != nil {
		return nil, err
	}
	return m.call(ctx, name, args)
}

// Status reports one module.
func (r *Runtime) Status(code string) (Status, error) {
	m, err := r.module(code)
	if err != nil {
		return Status{}, err
	}
	return m.status(), nil
}

// List reports every loaded module, by code.
func (r *Runtime) List() []Status {
	r.mu.Lock()
	mods := make([]*Module, 0, len(r.modules))
	for _, m := range r.modules {
		mods = append(mods, m)
	}
	r.mu.Unlock()
	out := make([]Status, len(mods))
	for i, m := range mods {
		out[i] = m.status()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
