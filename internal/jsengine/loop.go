package jsengine

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tetratelabs/wazero/api"

	"github.com/corets/corets-wasm/internal/errs"
)

// runState holds the limits of the work in progress: a call, or a timer or
// host callback between calls.
type runState struct {
	caller    context.Context // the caller's context; nil between calls
	deadline  time.Time
	byCaller  bool  // the deadline is the caller's context's, not the timeout
	stop      error // why onInterrupt stopped the guest
	trap      error // the wasm error behind stTrap
	lastPoll  time.Time
	countdown int32 // steps between interrupt checks, adapted to their speed
	ctx       context.Context
	cancel    context.CancelFunc
	// reported: no guest code ran since bridge_run left the run's
	// figures in out, so endRun takes them from there
	reported bool
	fuelUsed int64
	heapUsed uint64
	// module: the run is a Load of a module, awaiting its evaluation
	module bool
	// lazyBudget: the call's budget is made by its first host call
	// (onCall), since most calls make none and it would be an allocation
	// per call; everything that keeps a budget gets it from a host call.
	lazyBudget bool
}

// wakeKind says what ended a wait.
type wakeKind int

const (
	wakeHandoff  wakeKind = iota // the pump gave the lock to a caller
	wakeResult                   // an asynchronous host function's result
	wakeTimer                    // the earliest timer is due
	wakeDeadline                 // the call's deadline passed
	wakeDone                     // the caller's context ended
	wakeClosing                  // Close was called
)

// wakeup is what a wait returns: its kind, and the result that came with it.
type wakeup struct {
	kind   wakeKind
	result opResult
}

// waitFor says what a wait listens to besides what every wait does (host
// results, timers and Close). A nil channel is never ready, so the zero
// value listens to none: the pump adds the hand-off of the lock to a caller,
// a call its deadline and its caller's cancellation, Wait its context.
type waitFor struct {
	handoff  chan<- struct{}
	deadline <-chan time.Time
	done     <-chan struct{}
}

// wait is the only place the holder of the instance's lock blocks.
// Everything that can wake the guest arrives here, so every wait honours
// Close and hands over host results and timers the same way.
//
// Close wins over a host result or a timer that is ready at the same time:
// Close cancels the host operations' contexts after it marks the instance
// closing, so a result those cancellations produced must not reach the
// guest (the call would end with the operation's "context canceled"
// instead of ErrClosed).
func (in *Instance) wait(w waitFor) wakeup {
	for {
		if wk, ok := in.waitOnce(w); ok {
			return wk
		}
	}
}

// waitOnce is one select of wait; false when the results' token came with
// no result (cannot happen while only the loop takes it; wait retries).
func (in *Instance) waitOnce(w waitFor) (wakeup, bool) {
	select {
	case w.handoff <- struct{}{}:
		return wakeup{kind: wakeHandoff}, true
	case <-in.results.ready:
		if in.closeRequested() {
			// what is queued stays there: shutdown releases it
			return wakeup{kind: wakeClosing}, true
		}
		ev, ok := in.results.pop()
		return wakeup{kind: wakeResult, result: ev}, ok
	case <-in.timers.clock.C:
		if in.closeRequested() {
			return wakeup{kind: wakeClosing}, true
		}
		return wakeup{kind: wakeTimer}, true
	case <-w.deadline:
		return wakeup{kind: wakeDeadline}, true
	case <-w.done:
		return wakeup{kind: wakeDone}, true
	case <-in.closing:
		return wakeup{kind: wakeClosing}, true
	}
}

// closeRequested reports, without blocking, whether Close was called.
func (in *Instance) closeRequested() bool {
	select {
	case <-in.closing:
		return true
	default:
		return false
	}
}

// betweenCalls runs a host result or a timer that woke the pump with no
// call in progress, under the instance's own limits.
func (in *Instance) betweenCalls(w wakeup) {
	switch w.kind {
	case wakeResult:
		in.settleBetweenCalls(w.result)
	case wakeTimer:
		in.background(nil, in.fireTimers)
	}
}

// deadErr is the error of a request that finds the instance dead.
func (in *Instance) deadErr() error {
	if err := in.death.err(); err != nil {
		return fmt.Errorf("%w: %w", ErrDead, err)
	}
	return nil
}

// shutdown frees the instance; Close runs it once, holding the lock, with
// the pump gone.
func (in *Instance) shutdown() {
	in.endLife() // cancels host operations in flight
	for _, ev := range in.results.close() {
		ev.release()
	}
	in.timers.stop()
	in.zs.closeAll()
	in.mod.Close(context.Background()) // frees the linear memory
	in.death.set(ErrClosed)            // unless a limit or a crash came first
	close(in.closed)
}

// begin starts a request holding the lock: it fails if the instance is
// dead or ctx has ended.
func (in *Instance) begin(ctx context.Context) error {
	if err := in.deadErr(); err != nil {
		return err
	}
	return ctx.Err()
}

// waitIdle serves timers and host results until none is pending.
func (in *Instance) waitIdle(ctx context.Context) error {
	for in.death.err() == nil && (in.ops.inFlight > 0 || in.timers.Len() > 0) {
		w := in.wait(waitFor{done: ctx.Done()})
		switch w.kind {
		case wakeDone:
			return ctx.Err()
		case wakeClosing:
			return ErrClosed
		default:
			in.betweenCalls(w)
		}
	}
	return in.deadErr()
}

// background runs a timer or host callback outside any call, with the
// instance's own limits; a limit it hits kills the instance. budget is the
// per-call budget of the call the work descends from (nil for timers:
// fireTimers charges each callback to the call that set its timer).
func (in *Instance) background(budget *callBudget, step func() int32) {
	if in.death.err() != nil {
		return
	}
	in.beginRun(nil, budget)
	defer in.endRun()
	st := step()
	if st == stOK {
		st = in.drainStatus()
	}
	err := in.failure(st)
	if cause := in.death.err(); cause != nil {
		in.cfg.Output("error", "instance stopped: "+cause.Error())
	} else if err != nil {
		in.cfg.Output("error", "Uncaught "+describe(err))
	}
}

func (in *Instance) beginRun(caller context.Context, budget *callBudget) {
	in.startRun(caller, budget)
	in.invoke(in.fn(exFuelSet), uint64(in.cfg.Fuel))
}

// startRun is beginRun without setting the fuel: bridge_run sets it.
func (in *Instance) startRun(caller context.Context, budget *callBudget) {
	now := time.Now()
	in.run = runState{caller: caller, deadline: now.Add(in.cfg.Timeout), lastPoll: now, countdown: maxCountdown}
	in.runs++
	in.caller.run = in.runs
	in.caller.budget = budget
	if caller != nil {
		if d, ok := caller.Deadline(); ok && d.Before(in.run.deadline) {
			in.run.deadline, in.run.byCaller = d, true
		}
	}
}

// startCall is startRun for Call and Eval, whose budget is made when first
// needed (runState.lazyBudget).
func (in *Instance) startCall(caller context.Context) {
	in.startRun(caller, nil)
	in.run.lazyBudget = true
}

// endRun records the run's figures and returns the fuel it used.
func (in *Instance) endRun() int64 {
	if in.run.cancel != nil {
		in.run.cancel()
	}
	var used int64
	switch {
	case in.run.trap != nil: // after a trap the guest's state is not to be read
	case in.run.reported:
		used = in.run.fuelUsed
		in.heapBytes.Store(in.run.heapUsed)
	default:
		if v, err := in.invoke(in.fn(exFuelUsed)); err == nil {
			used = int64(v)
		}
		if h, err := in.invoke(in.fn(exMemUsed)); err == nil {
			in.heapBytes.Store(h)
		}
	}
	in.fuelTotal.Add(used)
	in.memBytes.Store(uint64(in.mod.Memory().Size()))
	in.run = runState{}
	return used
}

// runCtx is the context host functions get: it ends at the run's deadline,
// when the caller gives up, or when the instance closes. Made on first use,
// since most calls never reach a host function.
func (in *Instance) runCtx() context.Context {
	if in.run.ctx == nil {
		ctx, cancel := context.WithDeadline(in.life, in.run.deadline)
		if in.run.caller != nil {
			stop := context.AfterFunc(in.run.caller, cancel)
			in.run.cancel = func() { stop(); cancel() }
		} else {
			in.run.cancel = cancel
		}
		in.run.ctx = ctx
	}
	return in.run.ctx
}

// stateAfter drains promise jobs after a step into the guest that returned
// st, and returns the call's state (bridge_call_state), or the step's
// failure.
func (in *Instance) stateAfter(st int32) int32 {
	if st != stOK {
		return st
	}
	if st = in.drainStatus(); st != stOK {
		return st
	}
	return in.callFn(in.fn(exCallState))
}

// awaitState finishes a call whose state is st: while the call's promise is
// pending, it serves timers and host results until it settles or a limit
// ends it.
func (in *Instance) awaitState(caller context.Context, st int32) (json.RawMessage, error) {
	var deadline *time.Timer // made only if the call has to wait
	defer func() {
		if deadline != nil {
			deadline.Stop()
		}
	}()
	for {
		switch st {
		case stOK:
			out := in.out()
			if len(out) > in.cfg.MaxResultBytes {
				return nil, &LimitError{Limit: ErrResultTooLarge, Module: in.cfg.Name,
					Detail: fmt.Sprintf("%d bytes, limit %d", len(out), in.cfg.MaxResultBytes)}
			}
			if len(out) == 0 {
				return json.RawMessage("null"), nil
			}
			return json.RawMessage(append([]byte(nil), out...)), nil
		case stPending:
		default:
			return nil, in.failure(st)
		}
		if in.ops.inFlight == 0 && in.timers.Len() == 0 {
			in.callFn(in.fn(exCallDrop))
			return nil, fmt.Errorf("module %q: %s can never settle (no timer or host operation is pending)", in.cfg.Name, in.run.awaiting())
		}
		if deadline == nil {
			deadline = time.NewTimer(time.Until(in.run.deadline))
		}
		var done <-chan struct{}
		if caller != nil {
			done = caller.Done()
		}
		w := in.wait(waitFor{deadline: deadline.C, done: done})
		switch w.kind {
		case wakeResult:
			if !time.Now().Before(in.run.deadline) {
				// The operation's context ends at this same deadline, so a
				// result arriving after it is usually that cancellation's
				// error: the call timed out, whichever of the two woke first.
				in.ops.finish(w.result.id)
				w.result.release()
				return nil, in.die(in.deadlineErr())
			}
			st = in.settle(w.result)
			w.result.release()
		case wakeTimer:
			budget := in.caller.budget // nil if no host call made it yet (lazyBudget)
			st = in.fireTimers()
			in.caller.budget = budget // fireTimers charged each timer to its own call
		case wakeDeadline:
			return nil, in.die(in.deadlineErr())
		case wakeDone:
			return nil, in.die(in.canceled(caller.Err()))
		case wakeClosing:
			return nil, in.die(ErrClosed)
		}
		st = in.stateAfter(st)
	}
}

// deadlineErr is the error of a call whose promise was still pending at
// its deadline.
func (in *Instance) deadlineErr() error {
	err := &LimitError{Limit: ErrTimeout, Module: in.cfg.Name,
		Detail: deadlineDetail(in.run.module)}
	if in.run.byCaller {
		err.Cause = context.DeadlineExceeded
	}
	return err
}

// drainStatus runs promise jobs; a rejection nobody handled is logged, as
// node prints it, and does not fail the call.
func (in *Instance) drainStatus() int32 {
	for {
		st := in.callFn(in.fn(exJobs))
		if st != stException {
			return st
		}
		in.cfg.Output("error", "Uncaught (in promise) "+describe(in.exception()))
	}
}

// failure turns a bridge status into an error; limits kill the instance.
func (in *Instance) failure(st int32) error {
	switch st {
	case stOK:
		return nil
	case stException:
		return in.exception()
	case stOOM:
		return in.die(&LimitError{Limit: ErrMemory, Module: in.cfg.Name,
			Detail: fmt.Sprintf("memory limit %d bytes", in.cfg.MemoryLimit)})
	case stInterrupted:
		if in.run.stop != nil {
			return in.die(in.run.stop)
		}
		return in.die(&LimitError{Limit: ErrFuel, Module: in.cfg.Name,
			Detail: fmt.Sprintf("used all %d", in.cfg.Fuel)})
	case stError:
		msg := in.out()
		if string(msg) == errs.ErrNoExport.Error() { // bridge.c's lookup_export
			return fmt.Errorf("module %q: %w", in.cfg.Name, errs.ErrNoExport)
		}
		return fmt.Errorf("module %q: %s", in.cfg.Name, msg)
	case stTrap:
		return in.die(&LimitError{Limit: ErrCrashed, Module: in.cfg.Name, Detail: in.run.trap.Error()})
	}
	return in.die(&LimitError{Limit: ErrCrashed, Module: in.cfg.Name, Detail: fmt.Sprintf("unknown status %d", st)})
}

// die records err as the instance's death, unless it died already, and
// returns it. A dead instance runs no more guest code: its timers are
// dropped and its host operations cancelled.
func (in *Instance) die(err error) error {
	if in.death.set(err) {
		in.timers.stop()
		in.endLife()
	}
	return err
}

func (in *Instance) canceled(cause error) error {
	if errors.Is(cause, context.DeadlineExceeded) {
		return &LimitError{Limit: ErrTimeout, Module: in.cfg.Name, Detail: "the caller's deadline passed", Cause: cause}
	}
	return &LimitError{Limit: ErrCanceled, Module: in.cfg.Name, Detail: cause.Error(), Cause: cause}
}

func (in *Instance) exception() error {
	var x struct {
		Name, Message, Stack, Thrown string
		Overflow                     bool // the engine's own stack overflow (patch 0005)
	}
	if err := json.Unmarshal(in.out(), &x); err != nil {
		return &Exception{Name: "Error", Message: "an exception that could not be read", Module: in.cfg.Name}
	}
	if x.Thrown != "" && x.Message == "" {
		x.Message = x.Thrown
	}
	return &Exception{Name: x.Name, Message: x.Message, Stack: preludePositions(x.Stack), Module: in.cfg.Name, StackOverflow: x.Overflow}
}

func describe(err error) string {
	var ex *Exception
	if errors.As(err, &ex) && ex.Stack != "" {
		return ex.Error() + "\n" + strings.TrimRight(ex.Stack, "\n") // one line end, added by whoever prints it
	}
	return err.Error()
}

// ---- steps into the guest ----

// bridgeRun runs bridge_run and takes the run's figures from its report;
// it returns the status and the stage it stopped at.
func (in *Instance) bridgeRun(what int32, a, alen, b, blen uint32) (int32, int32) {
	st := in.callFn(in.fn(exRun), uint64(what), uint64(a), uint64(alen), uint64(b), uint64(blen), uint64(in.cfg.Fuel))
	if st == stTrap {
		return st, stageCall
	}
	// out's report: fuel_used at 8, mem_used at 16, stage at 20 (bridge.c)
	rep, ok := in.mod.Memory().Read(in.outAddr+8, 16)
	if !ok {
		return st, stageCall
	}
	in.run.reported = true
	in.run.fuelUsed = int64(binary.LittleEndian.Uint64(rep))
	in.run.heapUsed = uint64(binary.LittleEndian.Uint32(rep[8:]))
	return st, int32(binary.LittleEndian.Uint32(rep[12:]))
}

// finishRun takes over where bridge_run stopped: an unhandled rejection is
// reported as drainStatus does, and the jobs drained on. It returns what
// stateAfter would have after the first step: the call's state if the run
// has a result, else the jobs' status.
func (in *Instance) finishRun(st, stage int32, result bool) int32 {
	if stage != stageJobs || st != stException {
		return st // a failure of the first step or of the jobs, or the call's state
	}
	in.cfg.Output("error", "Uncaught (in promise) "+describe(in.exception()))
	if result {
		return in.stateAfter(stOK)
	}
	return in.drainStatus()
}

// callRun starts a call with bridge_run, which also sets the fuel, drains
// promise jobs and reads the call's state, and returns that state.
func (in *Instance) callRun(name string, args []byte) int32 {
	what := int32(runCall)
	if len(args) > 0 && len(args) < 1024 {
		if p, ok := packArgs(in.packed[:0], args); ok {
			in.packed, args, what = p, p, runCallPacked
		}
	}
	// JSON.parse in QuickJS wants a NUL after the text
	need := uint32(len(name) + len(args) + 1)
	ptr, free := in.put(need)
	if ptr == 0 {
		return stOOM
	}
	defer free()
	mem := in.mod.Memory()
	mem.WriteString(ptr, name)
	mem.Write(ptr+uint32(len(name)), args)
	mem.WriteByte(ptr+uint32(len(name)+len(args)), 0)
	st, stage := in.bridgeRun(what, ptr, uint32(len(name)), ptr+uint32(len(name)), uint32(len(args)))
	return in.finishRun(st, stage, true)
}

// evalRun is callRun for a script evaluated as a call (Eval).
func (in *Instance) evalRun(src string) int32 {
	const name = "<eval>"
	ptr, namePtr, free := in.putSource(name, src)
	if ptr == 0 {
		return stOOM
	}
	defer free()
	st, stage := in.bridgeRun(runEval, ptr, uint32(len(src)), namePtr, evalResult)
	return in.finishRun(st, stage, true)
}

// load runs a bundle's top-level code and its promise jobs with bridge_run,
// through the engine's bytecode cache. It reports whether the code ran
// (its jobs may still have failed).
func (in *Instance) load(b Bundle) (bool, error) {
	bc, err := in.bytecode(b.Name, b.Code, 0)
	if err != nil {
		return false, err
	}
	ptr, free := in.put(uint32(len(bc)))
	if ptr == 0 {
		return false, in.failure(stOOM)
	}
	defer free()
	in.mod.Memory().Write(ptr, bc)
	st, stage := in.bridgeRun(runEval, ptr, uint32(len(bc)), 0, evalBytecode)
	return stage != stageCall, in.failure(in.finishRun(st, stage, false))
}

// evalCached runs a script through the engine's bytecode cache.
func (in *Instance) evalCached(name, src string, flags int32) error {
	bc, err := in.bytecode(name, src, flags)
	if err != nil {
		return err
	}
	ptr, free := in.put(uint32(len(bc)))
	if ptr == 0 {
		return in.failure(stOOM)
	}
	defer free()
	in.mod.Memory().Write(ptr, bc)
	return in.failure(in.callFn(in.fn(exEval), uint64(ptr), uint64(len(bc)), 0, uint64(flags|evalBytecode)))
}

// bytecode is a script's bytecode from the engine's cache, compiled on a miss.
func (in *Instance) bytecode(name, src string, flags int32) ([]byte, error) {
	key := name
	if flags&evalModule != 0 {
		key = moduleKeyPrefix + name // kept apart from a script's
	}
	script := scriptDigest(key, src)
	bc := in.e.cachedBytecode(script, key, src)
	if bc == nil {
		// a run's limits for the compiler too (Load's bridge_run sets them
		// only after it)
		in.invoke(in.fn(exFuelSet), uint64(in.cfg.Fuel))
		if err := in.failure(in.evalSource(name, src, evalCompileOnly|flags&(evalStrip|evalModule))); err != nil {
			return nil, err
		}
		bc = append([]byte(nil), in.out()...)
		in.e.storeBytecode(script, key, src, bc)
	}
	return bc, nil
}

// putSource writes a script for bridge_eval or bridge_run: QuickJS wants
// the source followed by a NUL, and a NUL-terminated name. ptr is 0 when
// the guest is out of memory.
func (in *Instance) putSource(name, src string) (ptr, namePtr uint32, free func()) {
	ptr, free = in.put(uint32(len(src) + 1 + len(name) + 1))
	if ptr == 0 {
		return 0, 0, free
	}
	mem := in.mod.Memory()
	mem.WriteString(ptr, src)
	mem.WriteByte(ptr+uint32(len(src)), 0)
	namePtr = ptr + uint32(len(src)) + 1
	mem.WriteString(namePtr, name)
	mem.WriteByte(namePtr+uint32(len(name)), 0)
	return ptr, namePtr, free
}

// evalSource compiles (and unless compile-only, runs) source text.
func (in *Instance) evalSource(name, src string, flags int32) int32 {
	ptr, namePtr, free := in.putSource(name, src)
	if ptr == 0 {
		return stOOM
	}
	defer free()
	return in.callFn(in.fn(exEval), uint64(ptr), uint64(len(src)), uint64(namePtr), uint64(flags))
}

// put finds room for n bytes of input: the scratch buffer when it fits (the
// bridge consumes its input before running any JS that could reuse it), or
// a fresh allocation. It returns 0 when the guest is out of memory.
func (in *Instance) put(n uint32) (uint32, func()) {
	if n <= scratchCap {
		return in.scratch, func() {}
	}
	p, err := in.invoke(in.fn(exMalloc), uint64(n))
	if err != nil || p == 0 {
		return 0, func() {}
	}
	return uint32(p), func() { in.invoke(in.fn(exFree), p) }
}

// out is the payload of the last export call, aliasing guest memory.
func (in *Instance) out() []byte {
	mem := in.mod.Memory()
	hdr, ok := mem.Read(in.outAddr, 8)
	if !ok {
		return nil
	}
	b, ok := mem.Read(binary.LittleEndian.Uint32(hdr), binary.LittleEndian.Uint32(hdr[4:]))
	if !ok {
		return nil
	}
	return b
}

// invoke calls an export and returns its first result.
func (in *Instance) invoke(f api.Function, args ...uint64) (uint64, error) {
	copy(in.stack[:], args)
	if err := f.CallWithStack(in.wctx, in.stack[:]); err != nil {
		return 0, err
	}
	return in.stack[0], nil
}

// callFn calls an export that returns a status.
func (in *Instance) callFn(f api.Function, args ...uint64) int32 {
	in.run.reported = false // guest code may run: the report is stale
	r, err := in.invoke(f, args...)
	if err != nil {
		in.run.trap = err
		return stTrap
	}
	return int32(uint32(r))
}

// ---- timers and asynchronous results ----

// fireTimers runs the expired timers' callbacks, each charged to the
// per-call budget of the call that set its timer.
func (in *Instance) fireTimers() int32 {
	now := time.Now()
	for {
		t, ok := in.timers.due(now)
		if !ok {
			break
		}
		in.caller.budget = t.budget
		st := in.callFn(in.fn(exTimer), uint64(uint32(t.id)))
		if st == stException {
			in.cfg.Output("error", "Uncaught "+describe(in.exception()))
			st = stOK
		}
		if st == stOK {
			st = in.drainStatus()
		}
		if st != stOK {
			return st
		}
	}
	in.timers.arm()
	return stOK
}

// opResult is an asynchronous host function's outcome, sent to the holder
// of the lock.
type opResult struct {
	id     uint32
	data   []byte
	err    error
	binary bool
	caller *Caller // the Caller the function ran with: its run's budget
	f      *HostFunc
}

// release tells the host function that its result is no longer held.
func (ev opResult) release() {
	if ev.f != nil && ev.f.Release != nil {
		ev.f.Release(ev.caller, ev.data)
	}
}

// settleBetweenCalls delivers a host result that arrived outside any call,
// charged to the call that started the operation.
func (in *Instance) settleBetweenCalls(ev opResult) {
	defer ev.release()
	if in.death.err() != nil {
		in.ops.finish(ev.id) // a dead instance only collects its results
		return
	}
	in.background(ev.caller.budget, func() int32 { return in.settle(ev) })
}

// opTable hands out ids for asynchronous host operations in flight.
type opTable struct {
	free     []uint32
	next     uint32
	max      int
	inFlight int
}

func (t *opTable) init(max int) { t.max = max }

func (t *opTable) start() (uint32, bool) {
	if t.inFlight >= t.max {
		return 0, false
	}
	t.inFlight++
	if n := len(t.free); n > 0 {
		id := t.free[n-1]
		t.free = t.free[:n-1]
		return id, true
	}
	t.next++
	return t.next - 1, true
}

func (t *opTable) finish(id uint32) {
	t.inFlight--
	t.free = append(t.free, id)
}

func (in *Instance) settle(ev opResult) int32 {
	in.ops.finish(ev.id)
	kind, data := replyOf(ev.data, ev.err, ev.binary)
	ptr := uint32(0)
	if len(data) > 0 {
		// bridge_settle frees what bridge_malloc gave
		p, err := in.invoke(in.fn(exMalloc), uint64(len(data)))
		if err != nil || p == 0 {
			return stOOM
		}
		ptr = uint32(p)
		in.mod.Memory().Write(ptr, data)
	}
	return in.callFn(in.fn(exSettle), uint64(ev.id), uint64(kind), uint64(ptr), uint64(len(data)))
}

// replyOf encodes a host function's outcome for the bridge.
func replyOf(data []byte, err error, binary bool) (int32, []byte) {
	switch {
	case err != nil:
		name := "Error"
		var he HostError
		if errors.As(err, &he) {
			name = he.JSName()
		}
		return hcError, []byte(name + "\n" + err.Error())
	case data == nil:
		return hcUndefined, nil
	case binary:
		return hcBytes, data
	}
	return hcString, data
}

// ---- called by the guest ----

// maxCountdown is QuickJS's own JS_INTERRUPT_COUNTER_INIT and the bridge's
// COUNTDOWN_MAX (bridge_test.go): in a tight loop that is a check every
// 50-100 microseconds.
const maxCountdown = 10000

// onInterrupt runs every few thousand steps of guest code: the place where
// deadlines, cancellation and Close reach code that never yields. It returns
// how many steps to run before the next check, or 0 to stop the guest.
//
// A step is not a fixed time: one call of a built-in on a large array may
// take many milliseconds. So the countdown adapts to keep checks about a
// millisecond apart, down to one step. Fuel is unaffected: the bridge charges
// the steps that ran, however the countdown is split.
func (in *Instance) onInterrupt() int32 {
	if in.run.deadline.IsZero() {
		return maxCountdown // the engine's own start-up, outside any run
	}
	now := time.Now()
	switch {
	case in.closeRequested():
		in.run.stop = ErrClosed
		return 0
	case now.After(in.run.deadline):
		stop := &LimitError{Limit: ErrTimeout, Module: in.cfg.Name, Detail: fmt.Sprintf("timeout %v", in.cfg.Timeout)}
		if in.run.byCaller {
			stop.Detail, stop.Cause = "the caller's deadline passed", context.DeadlineExceeded
		}
		in.run.stop = stop
		return 0
	case in.run.caller != nil && in.run.caller.Err() != nil:
		in.run.stop = in.canceled(in.run.caller.Err())
		return 0
	}
	elapsed := now.Sub(in.run.lastPoll)
	in.run.lastPoll = now
	switch {
	case elapsed > 2*time.Millisecond:
		in.run.countdown = max(in.run.countdown/8, 1)
	case elapsed < 500*time.Microsecond:
		in.run.countdown = min(in.run.countdown*2, maxCountdown)
	}
	return in.run.countdown
}

func (in *Instance) onCall(fn int32, ptr, n uint32, kind int32) int64 {
	reply := func(kind int32, data []byte) int64 {
		if len(data) <= scratchCap {
			in.mod.Memory().Write(in.scratch, data)
			in.take = nil
		} else {
			in.take = data
		}
		return int64(kind)<<32 | int64(uint32(len(data)))
	}
	if fn < 0 || int(fn) >= len(in.e.funcs) {
		return reply(hcError, []byte("Error\nno host function with id "+strconv.Itoa(int(fn))))
	}
	if in.caller.budget == nil && in.run.lazyBudget {
		in.caller.budget = &callBudget{} // before any host function can keep it
	}
	var arg []byte
	if kind != hcUndefined {
		b, ok := in.mod.Memory().Read(ptr, n)
		if !ok {
			return reply(hcError, []byte("Error\nhost call argument out of bounds"))
		}
		arg = b
	}
	f := &in.e.funcs[fn]
	if f.Async {
		id, ok := in.ops.start()
		if !ok {
			return reply(hcError, []byte(fmt.Sprintf("RangeError\ntoo many pending host operations (limit %d)", in.ops.max)))
		}
		arg = append([]byte(nil), arg...)
		octx, cancel := context.WithDeadline(in.life, in.run.deadline)
		caller := in.caller
		go func() {
			defer cancel()
			data, err := callAsync(f, octx, &caller, arg)
			ev := opResult{id: id, data: data, err: err, binary: f.Binary, caller: &caller, f: f}
			// Either queued before shutdown drains the queue, or refused
			// and released here: none is held unreleased by a closed instance.
			if !in.results.push(ev) {
				ev.release()
			}
		}()
		return int64(hcAsync)<<32 | int64(id)
	}
	data, err := f.Fn(in.runCtx(), &in.caller, arg)
	return reply(replyOf(data, err, f.Binary))
}

// callAsync runs an asynchronous host function on its own goroutine,
// where a panic would take the whole process down: it becomes an error for
// that one operation instead (a synchronous function's panic is caught by
// wazero and ends only its instance).
func callAsync(f *HostFunc, ctx context.Context, c *Caller, arg []byte) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, err = nil, fmt.Errorf("host function %s failed: %v", f.Name, r)
		}
	}()
	return f.Fn(ctx, c, arg)
}

func (in *Instance) onTake(dst uint32) {
	if in.take != nil {
		in.mod.Memory().Write(dst, in.take)
		in.take = nil
	}
}

func (in *Instance) onLookup(ptr, n uint32) int32 {
	b, ok := in.mod.Memory().Read(ptr, n)
	if !ok {
		return -1
	}
	if id, ok := in.e.byName[string(b)]; ok {
		return id
	}
	return -1
}
