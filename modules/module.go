package modules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/instance"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/supervisor"
	"github.com/corets/corets-wasm/manifest"
)

// State is where a module is in its life.
type State string

const (
	StateLoading State = "LOADING" // bundling, starting, or running init
	StateRunning State = "RUNNING" // answering calls
	StateStopped State = "STOPPED" // unloaded, or waiting for a restart
	StateErrored State = "ERRORED" // failed to load, or died too often; Status.Error says why
)

// Status is what the registry knows of a module.
type Status struct {
	Code, Name, Version string
	Path                string // module directory, or the file of a single-file module
	State               State
	Error               string    // why it is ERRORED, or why it last died
	Restarts            int       // restarts by the supervisor since loading
	Since               time.Time // when State last changed
	NextRestart         time.Time // when a STOPPED module restarts; zero if none is due
	Calls               int64
}

// Module is one loaded module: its manifest, bundle, capabilities and the
// instance that runs it. The registry owns it; embedders see its Status.
type Module struct {
	r      *Runtime
	code   string
	path   string
	man    *manifest.Manifest
	bundle *Bundled
	// verified maps an installed module's files to the sha256 checked at
	// load against its install record; what runs must be made from them
	verified map[string]string
	// installed: loaded from its directory under the app root's modules,
	// so Options.Grants do not apply
	installed bool

	smapOnce sync.Once
	smap     *SourceMap

	mu       sync.Mutex
	state    State
	err      error
	since    time.Time
	next     time.Time
	inst     instance.Instance
	caps     *hostfns.Module
	sup      *supervisor.Supervisor
	restarts int
	calls    int64
	stopped  bool // unloaded: no more restarts

	turn    chan struct{}          // one call at a time (events.go: enter, leave)
	current atomic.Pointer[string] // the export being called, for console records
}

// bundleName is the file name the bundle runs under in the engine; stack
// positions in it are mapped back through the source map.
const bundleName = "bundle.js"

var singleFileExt = map[string]bool{".ts": true, ".js": true, ".mts": true, ".mjs": true, ".tsx": true, ".jsx": true}

// Load loads a module from a directory, or a single .ts/.js file (which
// gets no permissions), starts it and calls its init(core) if it exports
// one. It returns the module's code. A relative path is relative to the
// app root (Options.AppRoot), whatever the process's working directory. A module that fails to start is
// registered ERRORED with the reason, and the error is returned too.
func (r *Runtime) Load(ctx context.Context, path string) (string, error) {
	abs, err := r.resolve(path)
	if err != nil {
		return "", err
	}
	if loaded, err := r.followBeforeLoad(ctx, abs); err != nil {
		return "", fmt.Errorf("load %s: %w", path, err)
	} else if loaded != "" {
		return loaded, nil
	}
	return r.load(ctx, path, abs)
}

// load is Load of the absolute path abs (path as the caller gave it, for
// errors), without following the store: install's own swap loads through
// it, holding the app root's locks that following would take again.
func (r *Runtime) load(ctx context.Context, path, abs string) (string, error) {
	st, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("load %s: %w", path, err)
	}
	if st.IsDir() && filepath.Dir(abs) == filepath.Join(r.appRoot, "modules") {
		// an installed module: not while another process (or goroutine)
		// swaps one in or out
		unlock, err := lockForLoad(ctx, r.appRoot)
		if err != nil {
			return "", fmt.Errorf("load %s: %w", path, err)
		}
		defer unlock()
	}
	m := &Module{r: r, path: abs, turn: make(chan struct{}, 1)}
	m.sup = supervisor.New(supervisor.Config{Policy: r.opts.Restart, Restart: m.restart, Pending: &r.wg})
	if st.IsDir() {
		if m.man, err = r.readManifest(abs); err != nil {
			if filepath.Dir(abs) == filepath.Join(r.appRoot, "modules") {
				// an installed module stays listed, ERRORED with the reason,
				// rather than vanishing from List and Status
				r.markErrored(filepath.Base(abs), abs, err)
			}
			return "", err
		}
		if m.man.Code == "" {
			return "", fmt.Errorf("%s: code is required", m.man.Pos("code"))
		}
		if m.man.Runtime != "" && m.man.Runtime != manifest.RuntimeTypeScript && m.man.Runtime != manifest.RuntimeWasm {
			return "", fmt.Errorf("%s: runtime %q is not supported", m.man.Pos("runtime"), m.man.Runtime)
		}

	} else {
		if !singleFileExt[strings.ToLower(filepath.Ext(abs))] {
			return "", fmt.Errorf("load %s: a module is a directory with %s, or a single .ts or .js file", path, manifest.Path)
		}
		if r.opts.PublicKey != nil {
			return "", fmt.Errorf("load %s: %w: a single file cannot be signed, and this runtime requires signatures", path, manifest.ErrUnsigned)
		}
		m.man = &manifest.Manifest{Code: codeFromFile(abs)}
	}
	m.code = m.man.Code

	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return "", ErrClosed
	}
	if old := r.modules[m.code]; old != nil {
		r.mu.Unlock()
		return "", fmt.Errorf("load %s: module %q is already loaded from %s (unload it first)", path, m.code, old.path)
	}
	m.setState(StateLoading, nil)
	r.modules[m.code] = m
	r.mu.Unlock()

	// an installed module must still be what was verified at install;
	// one that is not is ERRORED, with what changed, and never started
	err = nil
	if st.IsDir() && r.isInstalledDir(abs, m.code) {
		m.installed = true
		m.verified, err = r.checkInstalled(abs, m.code)
		if testHookInstalledChecked != nil {
			testHookInstalledChecked(abs)
		}
	}
	if err == nil {
		err = m.start(ctx)
	}
	if err != nil {
		m.mu.Lock()
		m.setState(StateErrored, err)
		m.mu.Unlock()
		return m.code, err
	}
	return m.code, nil
}

// testHookInstalledChecked runs between the check of an installed module
// and its start, for a test that changes the files in that window.
var testHookInstalledChecked func(dir string)

func (r *Runtime) readManifest(dir string) (*manifest.Manifest, error) {
	opt := manifest.Options{Capabilities: r.capabilities()}
	if r.opts.PublicKey != nil {
		return manifest.LoadVerified(dir, opt, r.opts.PublicKey)
	}
	return manifest.Load(dir, opt)
}

// resolve makes a Load path absolute: a relative path is relative to the
// app root, not to the process's working directory (an embedder's server
// may run from anywhere). A Windows path with a drive but no root
// ("C:plugins") would be relative to that drive's current directory, which
// is the working directory again: it is refused.
func (r *Runtime) resolve(path string) (string, error) {
	if path == "" {
		return "", errors.New("load: empty path (a module directory or a .ts/.js file, relative to the app root)")
	}
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	if filepath.VolumeName(path) != "" {
		return "", fmt.Errorf("load %s: a path with a drive but no root is relative to that drive's current directory; give it absolute, or relative to the app root %s", path, r.appRoot)
	}
	return filepath.Join(r.appRoot, path), nil
}

var notCodeChars = regexp.MustCompile(`[^a-z0-9_-]+`)

// codeFromFile names a single-file module after its file: "Hello World.ts"
// is "hello-world".
func codeFromFile(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	code := strings.Trim(notCodeChars.ReplaceAllString(strings.ToLower(base), "-"), "-_")
	if len(code) > manifest.MaxCodeLen {
		code = code[:manifest.MaxCodeLen]
	}
	if code == "" {
		code = "main"
	}
	return code
}

// Unload stops a module: its instance, its processes, its restarts.
func (r *Runtime) Unload(ctx context.Context, code string) error {
	r.mu.Lock()
	m := r.modules[code]
	delete(r.modules, code)
	r.mu.Unlock()
	if m == nil {
		return fmt.Errorf("%w: %q", ErrNotLoaded, code)
	}
	m.stop(StateStopped, nil)
	return nil
}

// Reload unloads a module and loads it again from where it came from,
// re-reading its manifest and re-bundling what changed.
func (r *Runtime) Reload(ctx context.Context, code string) error {
	m, err := r.module(code)
	if err != nil {
		return err
	}
	if err := r.Unload(ctx, code); err != nil {
		return err
	}
	_, err = r.Load(ctx, m.path)
	return err
}

// start binds the module's capabilities and starts an instance with the
// engine for its runtime, which runs its code and init(core). On success
// the module is RUNNING and watched.
func (m *Module) start(ctx context.Context) error {
	wasm := m.man.Runtime == manifest.RuntimeWasm
	if err := m.r.checkRuntime(m.man); err != nil {
		return err
	}
	man := *m.man
	man.Limits = m.r.opts.Overrides.Or(m.man.Limits)
	if !m.installed {
		man.Permissions = m.r.granted(man.Permissions)
	}
	caps, err := m.r.host.Bind(&man)
	if err != nil {
		return err
	}
	spec := instance.Spec{Code: m.code, Dir: m.path, Main: m.man.Main, MainPos: m.man.Pos("main"), Caps: caps}
	if m.verified != nil {
		spec.Verify = func(sums map[string]string) error { return checkVerified(m.code, m.verified, sums) }
	}
	var in instance.Instance
	init := "init" // console records during the load name this call (events.go)
	m.current.Store(&init)
	defer m.current.Store(nil)
	if wasm {
		in, err = m.r.wasm.Start(ctx, spec)
	} else {
		in, err = m.startJS(ctx, spec)
	}
	if err != nil {
		caps.Close()
		return err
	}
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		in.Close()
		caps.Close()
		return ErrClosed
	}
	m.inst, m.caps = in, caps
	m.setState(StateRunning, nil)
	m.mu.Unlock()
	m.r.wg.Add(1)
	go m.watch(in)
	return nil
}

// checkRuntime refuses a module whose runtime this Runtime cannot run, at
// load and at install.
func (r *Runtime) checkRuntime(man *manifest.Manifest) error {
	switch man.Runtime {
	case "", manifest.RuntimeTypeScript:
		return nil
	case manifest.RuntimeWasm:
		if r.wasm == nil {
			return fmt.Errorf("%s: module %q: %w (set modules.Options.WasmPlugins to wasmplugin.New(), package github.com/corets/corets-wasm/modules/wasmplugin; the command line has it)",
				man.Pos("runtime"), man.Code, ErrWasmDisabled)
		}
		return nil
	}
	return fmt.Errorf("%s: runtime %q is not supported", man.Pos("runtime"), man.Runtime)
}

// startJS is start for TypeScript: bundle (from cache when unchanged),
// make a QuickJS instance, run the bundle and init(core).
func (m *Module) startJS(ctx context.Context, spec instance.Spec) (instance.Instance, error) {
	if m.bundle == nil {
		dir, entry := m.path, m.man.Main
		if st, err := os.Stat(m.path); err == nil && !st.IsDir() {
			dir, entry = filepath.Dir(m.path), filepath.Base(m.path)
		}
		b, err := bundle.Build(dir, bundle.Options{Entry: entry, Module: m.code, Cache: m.r.bundles,
			NodeEnv: m.man.Bundle.NodeEnv})
		if err != nil {
			return nil, err
		}
		if spec.Verify != nil {
			if err := spec.Verify(bundle.InputSums(b)); err != nil {
				return nil, err
			}
		}
		m.bundle = b
	}
	lim := spec.Caps.Limits()
	in, err := m.r.engine.NewInstance(ctx, jsengine.InstanceConfig{
		Name: m.code, Data: spec.Caps, Output: m.consoleOutput(spec.Caps),
		MemoryLimit: uint64(lim.Memory), Fuel: lim.Fuel, Timeout: lim.Timeout,
	})
	if err != nil {
		return nil, err
	}
	fail := func(err error) (instance.Instance, error) {
		in.Close()
		return nil, m.mapError(err)
	}
	if err := in.Load(ctx, jsengine.Bundle{Name: bundleName, Code: m.bundle.Code, SourceMap: m.bundle.SourceMap,
		Module: true, DefaultExports: m.bundle.CommonJS, URL: jsengine.ModuleURL(m.bundle.Entry)}); err != nil {
		return fail(err)
	}
	if _, err := in.Eval(ctx, initScript); err != nil {
		return fail(err)
	}
	return &jsInstance{Instance: in, m: m}, nil
}

// jsInstance is a QuickJS instance as the registry sees it: results as
// JSON, errors with positions in the module's TypeScript.
type jsInstance struct {
	*jsengine.Instance
	m *Module
}

var _ instance.Instance = (*jsInstance)(nil)

func (j *jsInstance) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	res, err := j.Instance.Call(ctx, name, args)
	if err != nil {
		return nil, j.m.mapError(err)
	}
	return res.Value, nil
}

func (j *jsInstance) Wait(ctx context.Context) error { return j.m.mapError(j.Instance.Wait(ctx)) }

// initScript calls the module's init(core), as CoreTS did, once per start.
const initScript = `(async () => {
	const e = globalThis.__corets_exports;
	if (e && typeof e.init === "function") await e.init(core);
})()`

// watch waits for the instance to die and hands the module to the
// supervisor. An instance closed by unload or restart is no longer the
// module's, and died ignores it.
func (m *Module) watch(in instance.Instance) {
	defer m.r.wg.Done()
	<-in.Died()
	m.died(in, in.Err())
}

// call runs an export. Calls to one module are serialized by its instance.
func (m *Module) call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	m.mu.Lock()
	in, state, lastErr := m.inst, m.state, m.err
	m.calls++
	m.mu.Unlock()
	if in == nil || state != StateRunning {
		return nil, &NotRunningError{Code: m.code, State: state, Err: lastErr}
	}
	if strings.HasPrefix(name, "__") || name == "init" {
		return nil, fmt.Errorf("call %s.%s: not callable from the host", m.code, name)
	}
	if err := m.enter(ctx, name); err != nil {
		return nil, err
	}
	defer m.leave()
	res, err := in.Call(ctx, name, args)
	if errors.Is(err, ErrNoExport) {
		return nil, m.exportError(name, err)
	}
	return res, err
}

// mapError rewrites positions in a JS stack from the bundle to the
// module's TypeScript files and lines.
func (m *Module) mapError(err error) error {
	var ex *jsengine.Exception
	if !errors.As(err, &ex) || m.bundle == nil {
		return err
	}
	sm := m.sourceMap()
	if sm == nil {
		return err
	}
	mapped := *ex
	mapped.Stack = sm.MapStack(ex.Stack, bundleName)
	mapped.Message = sm.MapStack(ex.Message, bundleName)
	if mapped.Module == "" {
		mapped.Module = m.code
	}
	return &mapped
}

func (m *Module) sourceMap() *SourceMap {
	m.smapOnce.Do(func() { m.smap, _ = ParseSourceMap(m.bundle.SourceMap) })
	return m.smap
}

// consoleOutput routes console lines with the module's code; an uncaught
// error's stack (from a timer, say) is mapped to the TypeScript lines.
func (m *Module) consoleOutput(caps *hostfns.Module) func(level, text string) {
	return func(level, text string) {
		if level == "error" && strings.Contains(text, bundleName+":") {
			if sm := m.sourceMap(); sm != nil {
				text = sm.MapStack(text, bundleName)
			}
		}
		m.console(caps.Output, level, text) // the module's newlines are kept, as node's console does
	}
}

// died is called when the module's instance ended by a limit or a crash:
// the supervisor schedules the restart, or gives up (ERRORED). Other
// modules are not involved.
func (m *Module) died(in instance.Instance, cause error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped || m.inst == nil || m.inst != in {
		return
	}
	go in.Close() // a dead instance still holds its memory and goroutine
	m.inst = nil
	if m.caps != nil {
		go m.caps.Close() // kills its processes; may wait for them
		m.caps = nil
	}
	m.backoff(cause)
}

// backoff hands a death (or a failed restart) to the supervisor and sets
// the state it decides; m.mu is held.
func (m *Module) backoff(cause error) {
	next, giveUp := m.sup.Died(cause)
	if giveUp != nil {
		m.setState(StateErrored, giveUp)
		return
	}
	m.setState(StateStopped, cause)
	m.next = next
}

// restart is the supervisor's callback when a restart is due.
func (m *Module) restart() {
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return
	}
	m.next = time.Time{}
	m.restarts++
	cause := m.err
	m.setState(StateLoading, cause)
	m.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := m.start(ctx); err != nil && !errors.Is(err, ErrClosed) {
		// A restart that fails (init ran out of time on a busy machine,
		// say) counts as another death and backs off like one.
		m.mu.Lock()
		if !m.stopped {
			m.backoff(fmt.Errorf("restart failed: %w", err))
		}
		m.mu.Unlock()
	}
}

// stop ends the module for good (unload or runtime close).
func (m *Module) stop(state State, err error) {
	m.mu.Lock()
	m.stopped = true
	m.sup.Stop()
	in, caps := m.inst, m.caps
	m.inst, m.caps = nil, nil
	m.setState(state, err)
	m.mu.Unlock()
	if in != nil {
		in.Close()
	}
	if caps != nil {
		caps.Close()
	}
}

// setState must be called with m.mu held (or before m is shared).
func (m *Module) setState(s State, err error) {
	if s != m.state || err != nil {
		m.logState(s, err)
	}
	m.state, m.since = s, time.Now()
	if err != nil {
		m.err = err // kept through a restart: Status.Error says why it last died
	}
	if s != StateStopped {
		m.next = time.Time{}
	}
}

func (m *Module) status() Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := Status{Code: m.code, Name: m.man.Name, Version: m.man.Version, Path: m.path, State: m.state,
		Restarts: m.restarts, Since: m.since, NextRestart: m.next, Calls: m.calls}
	if m.err != nil {
		s.Error = m.err.Error()
	}
	return s
}

// Wait returns when a module has nothing left to do (no timer or host
// operation pending, as node would exit), or when ctx ends.
func (r *Runtime) Wait(ctx context.Context, code string) error {
	m, err := r.module(code)
	if err != nil {
		return err
	}
	m.mu.Lock()
	in := m.inst
	m.mu.Unlock()
	if in == nil {
		return &NotRunningError{Code: m.code, State: m.status().State, Err: errors.New(m.status().Error)}
	}
	return in.Wait(ctx)
}
