// Package hostfns holds the host functions behind a module's `core` object
// and `fetch`: files, the store, the network, programs, console output and
// functions an embedder adds. Each one finds the calling module from the
// engine's Caller (the host's record of which instance called, never a
// value the guest sends) and checks package caps before touching anything.
//
// It must never act on a request it has not checked (the JS glue's checks
// are a courtesy: Extism plugins and forged calls reach the handlers without
// it), never take identity from the guest, never let one module's request
// reach another module's state, and never hold more for a module than its
// limits allow (response bytes included, until the guest has taken them).
// It must never leave a program, or anything a program started, running
// after the call's deadline or the module's unload, and never change
// process-wide state of the embedding program to do so (no child
// subreaper, no SIGCHLD handler, no wait on a pid it did not start).
package hostfns

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sort"
	"time"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

//go:embed core.js
var coreJS string

// Declarations is the TypeScript declaration file for `core`, `fetch` and
// the prelude's globals, which `corets-wasm init` writes beside a new module.
//
//go:embed core.d.ts
var Declarations string

// DefaultSharedQuota bounds the shared store groups together.
var DefaultSharedQuota = kv.Quota{Bytes: 64 << 20, Keys: 100_000}

// Config configures a Host.
type Config struct {
	// AppRoot is the directory module paths are relative to. Empty means
	// no file access and processes run in a temporary directory.
	AppRoot string
	// Reserved are the runtime's own files and directories (the store,
	// the installed modules, the caches), known by identity: no file
	// grant reaches them, whatever path leads there (caps.Reserved).
	Reserved *caps.Reserved
	// Store is the runtime's database; nil means the store functions
	// refuse with an error.
	Store *kv.DB
	// SharedQuota bounds the shared groups, which all modules write;
	// DefaultSharedQuota when zero.
	SharedQuota kv.Quota
	// Defaults fill the limits a manifest leaves unset (manifest.DefaultLimits fill
	// what both leave unset).
	Defaults manifest.Limits
	// Audit receives a JSON line for every use and refusal of a capability.
	Audit io.Writer
	// Output receives console output; nil logs it on Logger, with the
	// module's code as an attribute.
	Output func(module, level, text string)
	// Logger receives the host's records and, without an Output, console
	// output. Nil logs nothing.
	Logger *slog.Logger
	// Funcs are the embedder's own host functions.
	Funcs []Func
	// Resolver and LookPath replace the system's DNS resolver and PATH
	// lookup, for tests.
	Resolver caps.Resolver
	LookPath func(string) (string, error)
	// Transport, if set, is the base of every module's HTTP transport; its
	// DialContext is always replaced by the capability-checking dialer.
	Transport *http.Transport
}

// Func is a host function of the embedder's, reached from a module with
// `core.call(name, arg)` and allowed only to modules whose manifest lists
// Capability under permissions (a non-empty list; the function sees it and
// decides what each entry means). In the module, core.call always returns
// a promise; a refused call (no grant) rejects with PermissionDenied
// without calling Fn, and an unknown name with TypeError.
type Func struct {
	// Name is what the module passes to core.call, e.g. "email.send".
	// Names are unique in a runtime (Open refuses a second one).
	Name string
	// Capability is the manifest key that grants it (permissions.<key>),
	// e.g. "email"; not one of the built-in read, write, net, run, store, env.
	Capability string
	// Async chooses how Fn runs. False (synchronous): Fn runs on the
	// module's call, under the instance's lock, and the module's code waits
	// for it (its timers and other callbacks too); use it for quick work.
	// True: core.call's promise stays pending while Fn runs on a goroutine
	// of its own; the module's other code (timers, other promises) keeps
	// running, and the promise settles when Fn returns. Either way ctx ends
	// at the deadline of the module's current call (limits.timeout or the
	// host caller's context) or when the instance is closed, and Fn must
	// return soon after it ends. Fn may be called from many goroutines at
	// once (one per module instance calling it).
	Async bool
	// Fn does the work. arg is the JSON of core.call's second argument
	// (JSON.stringify's; `null` when it is absent or undefined); unmarshal
	// it into what you expect and treat it as untrusted input. The result is
	// marshalled with encoding/json and the module receives it parsed (nil:
	// null; a json.RawMessage is passed as it is, once checked to be JSON).
	//
	// A non-nil error rejects the module's promise with an Error whose
	// message is "<Name>: <err>" and whose name is "Error", or, if err (or an
	// error it wraps) has a method JSName() string, that name and err's
	// message alone: return an error with JSName() "PermissionDenied" to
	// refuse a value the grants do not allow, "NotFound", "TypeError" and
	// the like, so the module can test err.name. The module never sees a Go
	// stack, a type or a wrapped error's chain beyond the message text.
	Fn func(ctx context.Context, call Call, arg json.RawMessage) (any, error)
}

// Call tells an embedder's function who called.
type Call struct {
	Module string   // the calling module's code
	Grants []string // the module's permissions.<Capability> list
}

// builtinCapabilities may not be reused by embedder functions.
var builtinCapabilities = map[string]bool{"read": true, "write": true, "net": true, "run": true, "store": true, "env": true}

// Host holds what all modules share: the app root, the store, the audit
// log and the embedder's functions. It is safe for concurrent use.
type Host struct {
	cfg    Config
	funcs  map[string]*Func
	audit  *auditLog
	output func(module, level, text string)
}

// New checks cfg and returns a Host.
func New(cfg Config) (*Host, error) {
	if cfg.SharedQuota == (kv.Quota{}) {
		cfg.SharedQuota = DefaultSharedQuota
	}
	h := &Host{cfg: cfg, funcs: map[string]*Func{}, output: cfg.Output}
	if cfg.AppRoot != "" {
		st, err := os.Stat(cfg.AppRoot)
		if err != nil {
			return nil, fmt.Errorf("app root: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("app root %s is not a directory", cfg.AppRoot)
		}
	}
	for i := range cfg.Funcs {
		f := &cfg.Funcs[i]
		switch {
		case f.Name == "" || f.Fn == nil:
			return nil, fmt.Errorf("Funcs[%d] needs a Name and a Fn", i)
		case f.Capability == "" || builtinCapabilities[f.Capability]:
			return nil, fmt.Errorf("host function %q needs a capability name of its own (not one of read, write, net, run, store, env)", f.Name)
		case h.funcs[f.Name] != nil:
			return nil, fmt.Errorf("host function %q is defined twice", f.Name)
		}
		h.funcs[f.Name] = f
	}
	if cfg.Audit != nil {
		h.audit = &auditLog{w: cfg.Audit}
	}
	if h.cfg.Logger == nil {
		h.cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if h.output == nil {
		log := h.cfg.Logger
		h.output = func(module, level, text string) { jsengine.LogOutput(log, module, level, text) }
	}
	return h, nil
}

// Capabilities are the permission keys the embedder's functions use; pass
// them to manifest.Options so manifests may grant them.
func (h *Host) Capabilities() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range h.funcs {
		if !seen[f.Capability] {
			seen[f.Capability] = true
			out = append(out, f.Capability)
		}
	}
	sort.Strings(out)
	return out
}

// Engine returns the engine configuration that installs these host
// functions and the `core`/`fetch` globals.
func (h *Host) Engine() jsengine.Config {
	return jsengine.Config{HostFuncs: h.HostFuncs(), Extensions: h.Extensions(), Logger: h.cfg.Logger}
}

// ExtensionName is the file name core.js runs under, as stacks show it;
// no module file can have it.
const ExtensionName = "corets:core.js"

// Extensions is the JS glue that defines `core`, `fetch`, `Headers` and
// `Response` from the host functions.
func (h *Host) Extensions() []jsengine.Extension {
	return []jsengine.Extension{{Name: ExtensionName, Source: coreJS}}
}

// HostFuncs are the functions core.js calls.
func (h *Host) HostFuncs() []jsengine.HostFunc {
	return []jsengine.HostFunc{
		{Name: "core.info", Fn: h.info},
		{Name: "core.module", Fn: bound(moduleInfo)},
		{Name: "core.file.read", Fn: bound(fileRead)},
		{Name: "core.file.readBytes", Binary: true, Fn: bound(fileRead)},
		{Name: "core.file.write", Fn: bound(fileWrite)},
		{Name: "core.file.list", Fn: bound(fileList)},
		{Name: "core.file.stat", Fn: bound(fileStat)},
		{Name: "core.file.delete", Fn: bound(fileDelete)},
		{Name: "core.file.mkdir", Fn: bound(fileMkdir)},
		{Name: "core.store.get", Fn: bound(storeGet)},
		{Name: "core.store.set", Fn: bound(storeSet)},
		{Name: "core.store.delete", Fn: bound(storeDelete)},
		{Name: "core.store.list", Fn: bound(storeList)},
		{Name: "core.store.cas", Fn: bound(storeCAS)},
		{Name: "core.process.start", Fn: bound(processStart)},
		{Name: "core.process.wait", Async: true, Fn: bound(processWait)},
		{Name: "core.process.stop", Fn: bound(processStop)},
		{Name: "core.fetch", Async: true, Binary: true, Fn: bound(fetch), Release: releaseFetch},
		{Name: "core.fetch.open", Async: true, Binary: true, Fn: bound(fetchOpen), Release: releaseFetch},
		{Name: "core.fetch.read", Async: true, Binary: true, Fn: bound(fetchRead), Release: releaseFetch},
		{Name: "core.fetch.readAll", Async: true, Binary: true, Fn: bound(fetchReadAll), Release: releaseFetch},
		{Name: "core.fetch.cancel", Fn: bound(fetchCancel)},
		{Name: "core.fetch.upload", Binary: true, Fn: bound(fetchUpload)},
		{Name: "core.fetch.write", Async: true, Fn: bound(fetchWrite)},
		{Name: "core.call", Fn: bound(customCall)},
		{Name: "core.callAsync", Async: true, Fn: bound(customCall)},
	}
}

// info describes the host's embedder functions to core.js at engine boot.
func (h *Host) info(context.Context, *jsengine.Caller, []byte) ([]byte, error) {
	async := []string{}
	for name, f := range h.funcs {
		if f.Async {
			async = append(async, name)
		}
	}
	sort.Strings(async)
	return json.Marshal(map[string]any{"async": async})
}

// ErrUnbound is returned to an instance that has no Module attached: it
// was created without capabilities, so it has none.
var ErrUnbound = errors.New("this instance has no capabilities (it was not bound to a module)")

// bound adapts a capability function to a HostFunc: it finds the calling
// module from the host's Caller, never from the guest's argument.
func bound(f func(ctx context.Context, m *Module, c *jsengine.Caller, arg []byte) ([]byte, error)) func(context.Context, *jsengine.Caller, []byte) ([]byte, error) {
	return func(ctx context.Context, c *jsengine.Caller, arg []byte) ([]byte, error) {
		m, ok := c.Data().(*Module)
		if !ok || m == nil {
			return nil, &jsError{name: "PermissionDenied", msg: ErrUnbound.Error(), err: ErrUnbound}
		}
		return f(ctx, m, c, arg)
	}
}

// newTransport builds a module's HTTP transport around the checking dialer.
func (h *Host) newTransport(policy *caps.NetPolicy) *http.Transport {
	var t *http.Transport
	if h.cfg.Transport != nil {
		t = h.cfg.Transport.Clone()
	} else {
		t = &http.Transport{
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          16,
			IdleConnTimeout:       30 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
		}
	}
	t.Proxy = nil // a proxy would dial on the module's behalf, past the dial-time check
	t.MaxResponseHeaderBytes = 64 << 10
	t.DialContext = policy.DialContext(h.cfg.Resolver, &net.Dialer{Timeout: 10 * time.Second})
	t.DialTLSContext = nil // TLS runs over the checked connection
	t.DialTLS = nil
	return t
}
