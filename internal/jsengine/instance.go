package jsengine

import (
	"bytes"
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/corets/corets-wasm/internal/wasmhost"
	"github.com/corets/corets-wasm/manifest"
)

// Defaults for InstanceConfig's zero values.
const (
	DefaultMemoryLimit    = manifest.DefaultMemory
	DefaultTimeout        = manifest.DefaultTimeout
	DefaultMaxResultBytes = 16 << 20
	DefaultMaxPendingOps  = 1024
	// MinMemoryLimit leaves room for the engine's own 1 MiB stack, its static
	// data and a working heap.
	MinMemoryLimit = 4 << 20
)

// The bridge's fixed sizes. The C stack is 1 MiB (build.sh; bridge_test.go
// checks these against it); QuickJS stops recursion with a catchable "stack
// overflow" well before it runs out.
const (
	stackLimit = 900 << 10
	scratchCap = 64 << 10
	// heapReserve is what the wasm memory holds besides QuickJS's heap: the
	// 1 MiB stack, static data and the allocator's own overhead. QuickJS's
	// limit sits this far below the page cap, so QuickJS reports a clean "out
	// of memory" before memory.grow fails.
	heapReserve = 3 << 19
)

// gcHeadroom is how much a new instance may allocate before QuickJS's first
// cycle collection, which writes to every object and so turns the shared
// pages of the engine's image into pages of the instance's own.
const gcHeadroom = 1 << 20

// InstanceConfig configures one instance. The zero value gets the defaults.
type InstanceConfig struct {
	// Name identifies the module in errors, logs and to host functions.
	Name string
	// Data is the embedder's own value, handed to host functions (Caller.Data).
	Data any
	// MemoryLimit caps the instance's wasm memory in bytes; QuickJS's heap
	// limit is set a little below it. Default 64 MiB, minimum 4 MiB.
	MemoryLimit uint64
	// Fuel is the budget of each call (and of each timer or host callback run
	// between calls), in QuickJS interrupt-countdown steps: roughly one per
	// function call or loop iteration. Zero means unlimited.
	Fuel int64
	// Timeout bounds each call in wall-clock time, host work included.
	// Default 30 s. A caller's context deadline applies too.
	Timeout time.Duration
	// MaxResultBytes caps the JSON a call returns. Default 16 MiB.
	MaxResultBytes int
	// MaxPendingOps caps asynchronous host operations in flight. Default 1024.
	MaxPendingOps int
	// Output receives console output and anything the guest writes to
	// stdout/stderr. level is "log", "info", "warn", "error" or "debug".
	// Nil sends slog records (with the module name) to the engine's
	// Config.Logger.
	Output func(level, text string)
}

func (c InstanceConfig) withDefaults(log *slog.Logger) InstanceConfig {
	if c.MemoryLimit == 0 {
		c.MemoryLimit = DefaultMemoryLimit
	}
	if c.MemoryLimit < MinMemoryLimit {
		c.MemoryLimit = MinMemoryLimit
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxResultBytes <= 0 {
		c.MaxResultBytes = DefaultMaxResultBytes
	}
	if c.MaxPendingOps <= 0 {
		c.MaxPendingOps = DefaultMaxPendingOps
	}
	if c.Output == nil {
		c.Output = func(level, text string) { LogOutput(log, c.Name, level, text) }
	}
	return c
}

// LogOutput is the default destination of a module's console output: a
// record on log at the console method's level, with the module's name as
// an attribute.
func LogOutput(log *slog.Logger, module, level, text string) {
	log.Log(context.Background(), ConsoleLevel(level), text, "module", module, "stream", level)
}

// ConsoleLevel is the slog level of a console method's output ("log",
// "info", "warn", "error", "debug").
func ConsoleLevel(level string) slog.Level {
	switch level {
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	case "debug":
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// Bundle is code produced by the bundler. A Module is an ES module (what
// bundle.Build makes): top-level await works, Load waits for its
// evaluation, and its namespace becomes the module's exports. Otherwise it
// is a global script that must define the global __corets_exports holding
// the module's exports (the format of bundles before modules).
type Bundle struct {
	Name      string // file name shown in stacks, e.g. "main.ts"
	Code      string
	SourceMap []byte // kept for mapping stacks; the engine does not read it
	// Module evaluates Code as an ES module.
	Module bool
	// DefaultExports makes a Module's default export its exports rather
	// than its namespace: the module.exports of a CommonJS entry
	// (bundle.Result.CommonJS).
	DefaultExports bool
	// URL is a Module's import.meta.url; "" gives "file:///" and Name.
	URL string
	// Modules are other ES modules' source by name ("chunks/a.js"): the
	// modules this bundle's code may import, statically (a Module's graph
	// is linked before it runs) or with import(), besides the bundle itself
	// under its Name. Names are clean slash paths from the bundle's root; a
	// specifier resolves against its importer's name as a relative URL path
	// (module_loader.go). Anything else is refused with ERR_MODULE_NOT_FOUND;
	// nothing is read from disk or network. A later Load adds to what
	// earlier ones supplied. A module's import.meta.url is URL's scheme and
	// host with the name as path ("file:///chunks/a.js" without URL).
	Modules map[string]string
}

// Result is what a call returned.
type Result struct {
	// Value is the JSON of the returned value (awaited if it was a promise);
	// null for undefined.
	Value json.RawMessage
	// Fuel is what the call used, including the promise jobs, timers and host
	// callbacks that ran before its promise settled.
	Fuel int64
}

// Stats are an instance's figures after its most recent work.
type Stats struct {
	HeapBytes   uint64 // QuickJS's heap in use, as counted against its limit
	MemoryBytes uint64 // the wasm linear memory's size (it never shrinks)
	FuelTotal   int64  // fuel used over the instance's life
	Calls       int64
	Dead        bool
}

// Instance is one QuickJS runtime in its own wasm instance. Its methods are
// safe for concurrent use; calls are serialized by its lock (lock.go) and
// run on the caller's goroutine.
type Instance struct {
	e   *Engine
	cfg InstanceConfig
	mod api.Module
	// wctx is passed to every export call so host functions find the
	// instance without a lookup table.
	wctx   context.Context
	caller Caller
	runs   uint64 // runs begun, numbering Caller.Run

	// exports are looked up on first use: wazero gives every looked-up
	// export its own call stack (10 KiB), and most instances use few.
	exports [numExports]api.Function
	stack   [8]uint64
	scratch uint32
	outAddr uint32
	take    []byte // a host reply too big for the scratch buffer
	packed  []byte // a call's packed arguments (args.go), reused

	token     chan struct{} // holds the lock's token while nobody has it
	handover  chan struct{} // the pump gives the lock to a waiting caller
	pumping   bool          // a pump goroutine exists; under the lock
	pumpWG    sync.WaitGroup
	results   resultQueue   // asynchronous host results
	closing   chan struct{} // closed by Close: a run stops at its next check
	closed    chan struct{} // closed when Close has freed the memory
	closeOnce sync.Once
	life      context.Context
	endLife   context.CancelFunc
	death     death

	// Owned by the holder of the lock.
	run    runState
	timers timerQueue
	ops    opTable
	bundle Bundle
	zs     zTable // CompressionStream/DecompressionStream state (zstream.go)
	// what the guest may import (module_loader.go); under the lock
	modules moduleSet

	heapBytes, memBytes atomic.Uint64
	fuelTotal, calls    atomic.Int64
}

// NewInstance creates an instance with the prelude loaded. It is ready for
// Load, Call and Eval.
//
// It starts from the engine's memory image (QuickJS initialised, prelude and
// extensions loaded), mapped copy-on-write where the OS allows, and gives the
// copy its own Math.random seed and heap limit.
func (e *Engine) NewInstance(ctx context.Context, cfg InstanceConfig) (*Instance, error) {
	if e.started.Add(1) > 1 {
		e.probed.Do(func() { e.learnImageWrites(context.WithoutCancel(ctx)) })
	}
	return e.newInstance(ctx, cfg)
}

// newInstance is NewInstance without the probe.
func (e *Engine) newInstance(ctx context.Context, cfg InstanceConfig) (*Instance, error) {
	in, err := e.instantiate(ctx, cfg.withDefaults(e.log), e.image)
	if err != nil {
		return nil, err
	}
	var seed [8]byte
	rand.Read(seed[:])
	in.scratch, in.outAddr = e.scratch, e.outAddr
	// looked up without caching: it runs once, and a cached export keeps a
	// call stack for the instance's life
	if err := in.mod.ExportedFunction(exportNames[exStart]).CallWithStack(in.wctx,
		[]uint64{binary.LittleEndian.Uint64(seed[:]), in.heapLimit()}); err != nil {
		in.release()
		return nil, fmt.Errorf("module %q: starting from the engine image: %w", cfg.Name, err)
	}
	in.token <- struct{}{}
	return in, nil
}

// instantiate makes an instance's wasm module, from img if given.
func (e *Engine) instantiate(ctx context.Context, cfg InstanceConfig, img *wasmhost.Image) (*Instance, error) {
	in := &Instance{
		e:        e,
		cfg:      cfg,
		token:    make(chan struct{}, 1),
		handover: make(chan struct{}),
		results:  newResultQueue(),
		closing:  make(chan struct{}),
		closed:   make(chan struct{}),
		death:    newDeath(),
		timers:   newTimerQueue(),
	}
	in.caller = Caller{inst: in}
	in.life, in.endLife = context.WithCancel(context.Background())
	in.wctx = context.WithValue(context.Background(), instanceKey{}, in)
	in.ops.init(cfg.MaxPendingOps)

	stdout := &lineWriter{emit: func(s string) { cfg.Output("log", s) }}
	stderr := &lineWriter{emit: func(s string) { cfg.Output("error", s) }}
	mod, err := e.rt.Instantiate(ctx, e.compiled, wasmhost.InstanceConfig{
		MaxMemory: cfg.MemoryLimit, Stdout: stdout, Stderr: stderr, Image: img,
	})
	if err != nil {
		in.endLife()
		return nil, fmt.Errorf("module %q: %w", cfg.Name, err)
	}
	in.mod = mod
	return in, nil
}

// heapLimit is QuickJS's limit: the memory cap less what the wasm memory
// holds besides the heap.
func (in *Instance) heapLimit() uint64 {
	return in.cfg.MemoryLimit - heapReserve // MinMemoryLimit keeps this positive
}

// boot initialises QuickJS, the prelude and the extensions once, in an
// instance that never runs module code, and keeps its memory as the image
// every instance starts from. A valid start-up snapshot on disk replaces
// all that, and a boot writes one.
func (e *Engine) boot(ctx context.Context) error {
	if e.loadSnapshot() {
		return nil
	}
	in, err := e.instantiate(ctx, InstanceConfig{Name: "boot"}.withDefaults(e.log), nil)
	if err != nil {
		return err
	}
	defer in.release()
	r, err := in.invoke(in.fn(exInit), in.heapLimit(), stackLimit, scratchCap)
	if err != nil || r == 0 {
		return fmt.Errorf("the JS engine could not start: %v", err)
	}
	in.scratch = uint32(r)
	out, err := in.invoke(in.fn(exOut))
	if err != nil {
		return err
	}
	in.outAddr = uint32(out)
	in.beginRun(ctx, &callBudget{})
	err = in.evalCached(preludeName, preludeSource, evalPrelude|evalStrip)
	for _, x := range e.exts {
		if err != nil {
			break
		}
		err = in.evalCached(x.Name, x.Source, evalWithHost|evalStrip)
	}
	in.endRun()
	if err != nil {
		return fmt.Errorf("loading the prelude and extensions: %w", err)
	}
	in.invoke(in.fn(exGC), gcHeadroom)
	e.image, err = wasmhost.NewImage(in.mod)
	if err != nil {
		return err
	}
	e.scratch, e.outAddr = in.scratch, in.outAddr
	e.saveSnapshot()
	return nil
}

type instanceKey struct{}

func instanceOf(ctx context.Context) *Instance { return ctx.Value(instanceKey{}).(*Instance) }

func (in *Instance) fn(x export) api.Function {
	if in.exports[x] == nil {
		in.exports[x] = in.mod.ExportedFunction(exportNames[x])
	}
	return in.exports[x]
}

// Name is the instance's InstanceConfig.Name.
func (in *Instance) Name() string { return in.cfg.Name }

// Bundle is the bundle loaded last (with its source map).
func (in *Instance) Bundle() Bundle {
	// written under the lock before Load returns, read after it
	return in.bundle
}

// Stats reads the instance's figures without waiting for a call in progress.
func (in *Instance) Stats() Stats {
	return Stats{
		HeapBytes:   in.heapBytes.Load(),
		MemoryBytes: in.memBytes.Load(),
		FuelTotal:   in.fuelTotal.Load(),
		Calls:       in.calls.Load(),
		Dead:        in.death.err() != nil,
	}
}

// Load runs a bundle's top-level code. Its bytecode is compiled once per
// engine and reused by every later instance loading the same bundle.
//
// A Module's evaluation is awaited as a call's promise is, under the same
// limits (the instance's timeout or ctx's deadline, fuel, memory), timers
// and host operations running meanwhile: a top-level await that has not
// settled by then ends the Load with ErrTimeout and kills the instance, and
// a rejection is Load's error.
func (in *Instance) Load(ctx context.Context, b Bundle) error {
	if err := in.lock(ctx); err != nil {
		return err
	}
	defer in.unlock()
	if err := in.begin(ctx); err != nil {
		return err
	}
	if err := in.addModules(b); err != nil {
		return err
	}
	in.calls.Add(1)
	in.startRun(ctx, &callBudget{}) // bridge_run sets the fuel
	var ran bool
	var err error
	if b.Module {
		ran, err = in.loadModule(ctx, b)
	} else {
		ran, err = in.load(b)
	}
	if ran {
		in.bundle = b
	}
	in.endRun()
	return err
}

// Call calls the exported function name with args, a JSON array of
// arguments (nil for none), and returns its JSON result, awaiting a promise.
func (in *Instance) Call(ctx context.Context, name string, args json.RawMessage) (Result, error) {
	return in.runCall(ctx, func() int32 { return in.callRun(name, args) })
}

// Eval evaluates a script in the global scope and returns its completion
// value as JSON, awaiting it if it is a promise.
func (in *Instance) Eval(ctx context.Context, code string) (Result, error) {
	return in.runCall(ctx, func() int32 { return in.evalRun(code) })
}

// runCall is Call and Eval: step runs the guest's first step (bridge_run
// sets the fuel), and the result is awaited under the call's limits.
func (in *Instance) runCall(ctx context.Context, step func() int32) (Result, error) {
	if err := in.lock(ctx); err != nil {
		return Result{}, err
	}
	defer in.unlock()
	if err := in.begin(ctx); err != nil {
		return Result{}, err
	}
	in.calls.Add(1)
	in.startCall(ctx)
	value, err := in.awaitState(ctx, step())
	return Result{Value: value, Fuel: in.endRun()}, err
}

// Wait returns once the instance has nothing left to do: no timer and no
// host operation pending (the point where node would exit), or when ctx
// ends. Timers and callbacks that run meanwhile get the instance's limits.
func (in *Instance) Wait(ctx context.Context) error {
	if err := in.lock(ctx); err != nil {
		return err
	}
	defer in.unlock()
	if err := in.begin(ctx); err != nil {
		return err
	}
	return in.waitIdle(ctx)
}

// Close stops the instance, interrupting a call in progress (which returns
// ErrClosed), cancels its pending host operations and frees its memory.
func (in *Instance) Close() error {
	in.closeOnce.Do(func() {
		close(in.closing) // first: the guest, once unblocked, must find it closed
		in.endLife()      // unblocks a host function the guest is waiting in
		// The lock, for good: from the call it interrupted, from the pump
		// (which gives it up when it sees closing), or idle.
		select {
		case <-in.token:
		case <-in.handover:
		}
		in.pumpWG.Wait()
		in.shutdown()
	})
	<-in.closed
	return nil
}

// Done is closed when the instance has closed.
func (in *Instance) Done() <-chan struct{} { return in.closed }

// Died is closed when the instance can run nothing more: a limit or a
// crash ended it (during a call, or in a timer between calls), or it was
// closed. Err then says why.
func (in *Instance) Died() <-chan struct{} { return in.death.done }

// Err is why the instance died (a *LimitError), ErrClosed after Close, or
// nil while it is alive.
func (in *Instance) Err() error { return in.death.err() }

// release frees the wasm instance of an instance that never ran a call.
func (in *Instance) release() {
	in.endLife()
	in.mod.Close(context.Background())
	close(in.closed)
}

// lineWriter turns the guest's raw stdout/stderr into output lines.
type lineWriter struct {
	buf  []byte
	emit func(string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.emit(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > 64<<10 { // a line without end: flush rather than grow
		w.emit(string(w.buf))
		w.buf = nil
	}
	return len(p), nil
}
