// Package jsengine runs JavaScript in QuickJS compiled to WebAssembly: one
// Engine per process, one Instance per module, never shared between modules.
//
// An Instance runs one thing at a time under its lock: a call runs on its
// caller's goroutine, and promises and microtasks run to completion there;
// timer expiries and the results of asynchronous host functions run in the
// call awaiting them or, between calls, on a goroutine the instance keeps
// only while such work is pending (lock.go). Every call is bounded by
// fuel, a wall-clock deadline and a memory cap, and ends with a typed error
// when it runs into one. The package never prints: guest output goes to the
// instance's Output handler, records to Config.Logger (never slog's default
// logger).
//
// The guest must never be able to crash, block or exhaust the host process:
// every pointer and length from the guest is checked, every queue is bounded,
// and every wait has a deadline.
package jsengine

import (
	"context"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/corets/corets-wasm/internal/jsengine/engine"
	"github.com/corets/corets-wasm/internal/wasmhost"
)

// HostFunc is a function the guest can call through the prelude's private
// host object. Engines built by other packages (hostfns) expose them to
// modules as `core.*` and `fetch`.
type HostFunc struct {
	// Name is how the guest looks the function up, e.g. "fs.read".
	Name string
	// Async functions run on their own goroutine and the guest gets a
	// promise, settled by the holder of the instance's lock when Fn returns. Their ctx
	// ends at the call's deadline (or the instance's timeout for work started
	// between calls) and when the instance closes.
	Async bool
	// Binary results become an ArrayBuffer in the guest instead of a string.
	Binary bool
	// Release, if set, is called once with each result of an asynchronous
	// Fn after the guest has taken it or it was dropped (the instance died
	// or closed): results wait in host memory until then, so a host
	// function that bounds what it holds for a module releases it here.
	Release func(c *Caller, data []byte)
	// Fn receives the guest's argument (a string's UTF-8 bytes, a buffer's
	// bytes, or nil for none). For a synchronous function arg aliases guest
	// memory and is valid only until Fn returns. A nil result is undefined in
	// the guest; an error is thrown (rejected) as an Error with the error's
	// message and, if it implements HostError, its name.
	Fn func(ctx context.Context, c *Caller, arg []byte) ([]byte, error)
}

// Caller identifies the instance that called a host function. The identity
// is the host's: the guest cannot choose or forge it.
type Caller struct {
	inst   *Instance
	run    uint64
	budget *callBudget
}

// callBudget is what one host call (Load, Call, Eval) and all the work it
// set in motion have used of per-call budgets. A timer carries the budget of
// the run that set it and an asynchronous host operation the budget of the
// run that started it, and their callbacks run on it again: so a budget
// spent in a call cannot be refilled by a setTimeout, a setInterval, a
// promise chain or a host result that arrives after the call returned.
type callBudget struct {
	mu   sync.Mutex
	used map[string]int64
}

// Charge counts n against the budget key (say "fetch_requests") of the host
// call that this work descends from, including the call's timers, intervals
// and host callbacks, however late they run. It reports whether the total
// stays within limit; a charge that would pass limit adds nothing.
func (c *Caller) Charge(key string, n, limit int64) bool {
	b := c.budget
	if b == nil {
		// A Caller made outside an instance (tests) belongs to no call, so
		// there is no per-call budget to charge; it must not make one here,
		// as host functions may share it between goroutines.
		return n >= 0 && n <= limit
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used == nil {
		b.used = map[string]int64{}
	}
	if n < 0 || b.used[key] > limit-n {
		return false
	}
	b.used[key] += n
	return true
}

// Module is the calling instance's name (InstanceConfig.Name).
func (c *Caller) Module() string { return c.inst.cfg.Name }

// Data is the value the embedder attached with InstanceConfig.Data.
func (c *Caller) Data() any { return c.inst.cfg.Data }

// Run numbers the run that made the host call: a Call, or one timer or host
// callback between calls; an async function's Caller keeps the number of
// the run that started it. Per-call budgets use Charge, which also follows
// the work a call leaves behind.
func (c *Caller) Run() uint64 { return c.run }

// Config configures an Engine. The zero value is usable.
type Config struct {
	// Wasm configures the compilation cache.
	Wasm wasmhost.Config
	// Logger receives the engine's records and, unless an instance has an
	// Output of its own, its console output. Nil logs nothing: the library
	// never writes to slog's default logger by itself.
	Logger *slog.Logger
	// HostFuncs are available to every instance, in addition to the
	// engine's own (console, timers).
	HostFuncs []HostFunc
	// Extensions run in every instance after the prelude and before any
	// module code. Each is a script whose value is a function; it is called
	// with the private host object (lookup, call, now, randomFill), which
	// module code never sees. This is how host functions become globals
	// such as `core` or `fetch`.
	Extensions []Extension
}

// Extension is JS glue between host functions and the globals modules use.
type Extension struct {
	Name   string // shown in stacks, e.g. "core.js"
	Source string // e.g. "(host) => { const id = host.lookup('x'); globalThis.x = (a) => host.call(id, a); }"
}

// Engine compiles QuickJS once and creates instances of it. It is safe for
// concurrent use.
type Engine struct {
	rt       *wasmhost.Runtime
	compiled wazero.CompiledModule
	funcs    []HostFunc
	byName   map[string]int32
	exts     []Extension
	log      *slog.Logger

	mu       sync.Mutex
	bytecode map[bytecodeKey]bytecodeEntry // compiled scripts, by sha256 of name and source
	bcBytes  int
	compiles atomic.Int64 // scripts compiled, for tests of the cache

	// image is the memory of an instance with QuickJS, the prelude and the
	// extensions initialised; every instance starts from it.
	image            *wasmhost.Image
	scratch, outAddr uint32
	restored         bool // the image came from the disk snapshot, not a boot

	// the engine's caches on disk, beneath the compilation cache's
	// directory; nil without one
	snapshots, bytecodeDisk *sealedStore
	// pendingSnapshot waits for the snapshot read that New started
	// (startSnapshotRead); nil once loadSnapshot has taken it
	pendingSnapshot func() (name string, rec []byte)
	// started counts instances; the second start learns the image's
	// written pages once (probe.go)
	started atomic.Int64
	probed  sync.Once
}

// maxBytecodeCache bounds the bytecode cache (bytecode and the sources it
// keeps); past it the cache starts over, which costs one recompilation per
// bundle and never a wrong result.
const maxBytecodeCache = 256 << 20

// New compiles the engine (from wazero's disk cache when warm) and defines
// the host functions.
func New(ctx context.Context, cfg Config) (*Engine, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Wasm.Logger == nil {
		cfg.Wasm.Logger = cfg.Logger
	}
	e := &Engine{byName: map[string]int32{}, bytecode: map[bytecodeKey]bytecodeEntry{}, exts: cfg.Extensions, log: cfg.Logger}
	for _, f := range append(builtinFuncs(), cfg.HostFuncs...) {
		if f.Name == "" || f.Fn == nil {
			return nil, fmt.Errorf("host function %q needs a name and a Fn", f.Name)
		}
		if _, dup := e.byName[f.Name]; dup {
			return nil, fmt.Errorf("host function %q defined twice", f.Name)
		}
		e.byName[f.Name] = int32(len(e.funcs))
		e.funcs = append(e.funcs, f)
	}
	rt, err := wasmhost.New(ctx, cfg.Wasm)
	if err != nil {
		return nil, err
	}
	e.rt = rt
	e.snapshots = openSealedStore(rt.CacheDir(), snapshotDir, snapshotKind, snapshotMax, snapshotRecent, e.log)
	e.bytecodeDisk = openSealedStore(rt.CacheDir(), bytecodeDir, bytecodeKind, bytecodeMax, bytecodeRecent, e.log)
	e.startSnapshotRead()
	if err := e.defineImports(ctx); err != nil {
		e.dropSnapshotRead()
		rt.Close(ctx)
		return nil, err
	}
	e.compiled, err = rt.Compile(ctx, engine.WASM)
	if err == nil {
		err = checkExports(e.compiled.ExportedFunctions())
	}
	if err == nil {
		err = e.boot(ctx)
	}
	if err != nil {
		e.dropSnapshotRead()
		rt.Close(ctx)
		return nil, err
	}
	return e, nil
}

// Close closes every instance's wasm module and releases the runtime.
// Instances must not be used afterwards.
func (e *Engine) Close(ctx context.Context) error {
	e.image.Close()
	return e.rt.Close(ctx)
}

// defineImports defines the "corets" host module that bridge.c imports.
func (e *Engine) defineImports(ctx context.Context) error {
	i32, i64 := api.ValueTypeI32, api.ValueTypeI64
	_, err := e.rt.Wazero().NewHostModuleBuilder("corets").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			stack[0] = uint64(instanceOf(ctx).onInterrupt())
		}), nil, []api.ValueType{i32}).Export("interrupt").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			in := instanceOf(ctx)
			stack[0] = uint64(in.onCall(int32(stack[0]), uint32(stack[1]), uint32(stack[2]), int32(stack[3])))
		}), []api.ValueType{i32, i32, i32, i32}, []api.ValueType{i64}).Export("call").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			instanceOf(ctx).onTake(uint32(stack[0]))
		}), []api.ValueType{i32}, nil).Export("take").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			stack[0] = uint64(uint32(instanceOf(ctx).onLookup(uint32(stack[0]), uint32(stack[1]))))
		}), []api.ValueType{i32, i32}, []api.ValueType{i32}).Export("lookup").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			stack[0] = uint64(instanceOf(ctx).onModule(int32(stack[0]), uint32(stack[1]), uint32(stack[2])))
		}), []api.ValueType{i32, i32, i32}, []api.ValueType{i64}).Export("module").
		Instantiate(ctx)
	if err != nil {
		return fmt.Errorf("the JS engine's host module: %w", err)
	}
	return nil
}

// bytecodeKey is the sha256 of a script's length-prefixed name and source.
// The cache is shared by every module of the engine, so a key two scripts
// could share would let one module run as another: a hash an attacker can
// collide (the xxhash it replaced) is not enough.
type bytecodeKey [sha256.Size]byte

// bytecodeEntry keeps the name and source beside the bytecode: a hit is used
// only when both are equal to what is asked for, so even a colliding key runs
// the right code. The strings are usually the module's own bundle, shared,
// not copied.
type bytecodeEntry struct {
	name, src string
	bc        []byte
}

// bytecodeKeyOf makes the memory cache's key from a script's digest
// (scriptDigest); a variable so that a test can inject a collision.
var bytecodeKeyOf = func(script [sha256.Size]byte) bytecodeKey { return script }

// cachedBytecode finds a script's bytecode in memory, else on disk.
// script is scriptDigest(name, src), computed once by the caller: hashing a
// large bundle is the dearest part of a cache hit.
func (e *Engine) cachedBytecode(script [sha256.Size]byte, name, src string) []byte {
	key := bytecodeKeyOf(script)
	e.mu.Lock()
	ent, ok := e.bytecode[key]
	e.mu.Unlock()
	if ok && ent.name == name && ent.src == src {
		return ent.bc
	}
	bc := e.loadBytecode(script)
	if bc != nil {
		e.remember(script, name, src, bc)
	}
	return bc
}

// storeBytecode keeps a script just compiled, in memory and on disk.
func (e *Engine) storeBytecode(script [sha256.Size]byte, name, src string, bc []byte) {
	if e.remember(script, name, src, bc) {
		e.compiles.Add(1)
		e.saveBytecode(script, bc)
	}
}

// remember keeps bytecode in memory; false if it was there already.
func (e *Engine) remember(script [sha256.Size]byte, name, src string, bc []byte) bool {
	key := bytecodeKeyOf(script)
	e.mu.Lock()
	defer e.mu.Unlock()
	if ent, ok := e.bytecode[key]; ok && ent.name == name && ent.src == src {
		return false
	}
	size := len(name) + len(src) + len(bc)
	if e.bcBytes+size > maxBytecodeCache {
		e.bytecode = map[bytecodeKey]bytecodeEntry{}
		e.bcBytes = 0
	}
	// a colliding entry is replaced: its own script will compile again
	if old, ok := e.bytecode[key]; ok {
		e.bcBytes -= len(old.name) + len(old.src) + len(old.bc)
	}
	e.bytecode[key] = bytecodeEntry{name: name, src: src, bc: bc}
	e.bcBytes += size
	return true
}
