package modules

import (
	"errors"
	"fmt"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/errs"
	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/install"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// The errors an embedder compares with errors.Is and errors.As, in one
// place: one value per concept, matched whichever layer (the QuickJS
// engine, a wasm plugin, the host functions, the store) produced it.
// The store's own errors (kv.ErrNotFound, kv.ErrConflict...) are package
// kv's, the manifest's (manifest.ErrNotFound, *manifest.Error) package
// manifest's.

// --- the runtime and its modules (P4) ---

var (
	// ErrClosed: the runtime was closed. An instance or the store closed
	// under a call because the runtime closed matches it too.
	ErrClosed = errs.ErrClosed
	// ErrNotLoaded: no module with that code is loaded.
	ErrNotLoaded = errors.New("module is not loaded")
)

// NotRunningError is a call to a module that is loaded but not RUNNING
// (loading, waiting for a restart, or ERRORED); Err is why it stopped.
type NotRunningError struct {
	Code  string
	State State
	Err   error
}

func (e *NotRunningError) Error() string {
	s := fmt.Sprintf("module %q is %s", e.Code, e.State)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *NotRunningError) Unwrap() error { return e.Err }

// --- limits: how a call can be stopped (P4) ---

// A call that runs into a limit fails with a *LimitError wrapping one of
// these (and naming the module and the figures); compare with errors.Is.
var (
	// ErrFuel: the call used its whole fuel budget (limits.fuel). The
	// instance is discarded and the module restarted.
	ErrFuel = errs.ErrFuel
	// ErrTimeout: the call ran past limits.timeout or the caller's context
	// deadline, host work included. The instance is discarded.
	//
	// When the caller's context's deadline stopped it, the error matches
	// context.DeadlineExceeded too (errors.Is), as any call bounded by a
	// context does; limits.timeout's does not. Either way the instance is
	// discarded and the supervisor restarts the module (after
	// RestartPolicy.Initial; calls until then fail with ErrDead), so state
	// the module kept in memory is lost: the deadline interrupts the
	// module's code between any two steps, and code stopped half-way
	// through an update leaves its data half-updated with nothing to tell.
	// Keep what must survive in the store. A call still waiting for its
	// turn (another call to the module is running) when its context ends
	// returns ctx.Err() itself and ends nothing. To stop waiting without ending
	// the instance, wait for the call in a goroutine of your own instead of
	// bounding it with the context.
	ErrTimeout = errs.ErrTimeout
	// ErrMemory: the module reached limits.memory. The instance is
	// discarded.
	ErrMemory = errs.ErrMemory
	// ErrStackOverflow: recursion went deeper than the stack allows. The
	// error is an *Exception as well (the module could have caught it) and
	// the module stays running. Only the engine's own stack overflow
	// matches, never a module's `throw new RangeError("stack overflow")`.
	ErrStackOverflow = errs.ErrStackOverflow
	// ErrResultTooLarge: the call's JSON result is over the result limit.
	// The module stays running.
	ErrResultTooLarge = errs.ErrResultTooLarge
	// ErrCanceled: the caller's context was canceled during the call. The
	// error matches context.Canceled (or the context's cause) too. The
	// instance is discarded, for the reason ErrTimeout gives.
	ErrCanceled = errs.ErrCanceled
	// ErrCrashed: the engine or a wasm plugin trapped or exited. The
	// instance is discarded.
	ErrCrashed = errs.ErrCrashed
	// ErrDead: the module's instance died before this call; the error
	// wraps the original cause as well (so an earlier caller's deadline
	// matches context.DeadlineExceeded here too: test ErrDead first).
	ErrDead = errs.ErrDead
)

// LimitError is a call stopped by a limit: Limit is one of ErrFuel,
// ErrTimeout, ErrMemory, ErrCanceled, ErrCrashed or ErrResultTooLarge.
type LimitError = errs.LimitError

// Exception is an exception the module did not catch (or a promise it
// rejected), with its JS stack mapped to the module's TypeScript lines.
type Exception = errs.Exception

// --- permission and quota (P4) ---

var (
	// ErrPermission is behind every *PermissionError.
	ErrPermission = caps.ErrDenied
	// ErrQuota is behind every refusal of a host-side limit: bytes read or
	// written per call, response sizes, requests, processes, the store's
	// quotas (a *kv.QuotaError matches it too).
	ErrQuota = errs.ErrQuota
)

// PermissionError is a refused capability. Its message names the
// capability, the value and the manifest key that would grant it. A module
// sees it as an Error named "PermissionDenied"; an embedder's host function
// can return one to refuse a call the same way.
type PermissionError = caps.DeniedError

// CoreFile is the file name the runtime's own glue (the `core` object)
// runs under in JS stacks: an Exception's innermost frames in this file are
// the runtime's, not the module's.
const CoreFile = hostfns.ExtensionName

// installing (P2): failures of Install and Remove, and of loading an
// installed module, a caller can test for with errors.Is. Their
// documentation is internal/install's.
var (
	// ErrNeedsApproval: an update needs approval (more grants, another
	// source or signer) and neither InstallOptions.Yes nor Options.Approve
	// gave it; the error is a *NeedsApprovalError carrying the Change.
	ErrNeedsApproval = install.ErrNeedsApproval
	// ErrNotInstalled: Remove was given a code that is not installed.
	ErrNotInstalled = install.ErrNotInstalled
	// ErrUnsafeEntry: a source holds an entry an install refuses to write
	// (an unsafe name, a link leaving it, a device).
	ErrUnsafeEntry = install.ErrUnsafeEntry
	// ErrInstallTooLarge: a source unpacks to more than
	// InstallOptions.MaxBytes or MaxFiles allow.
	ErrInstallTooLarge = install.ErrInstallTooLarge
	// ErrBadSource: the source is none of the kinds Install understands,
	// or a kind it refuses.
	ErrBadSource = install.ErrBadSource
	// ErrInstalledChanged: an installed module's files differ from what
	// was verified at install; it is not loaded.
	ErrInstalledChanged = install.ErrInstalledChanged
	// ErrBusy: another process kept installing or removing modules under
	// the app root for longer than install.LockWait (2 minutes); nothing
	// was changed.
	ErrBusy = install.ErrBusy
)

// P3: instances, supervisor, wasm plugins.

// ErrWasmDisabled is returned by Load and Install for a `runtime: wasm`
// module when Options.WasmPlugins is nil.
var ErrWasmDisabled = errors.New("wasm plugins are not enabled in this runtime")

// bundling (P1): the failures of Bundle, and of Load for a TypeScript
// module, that a caller can test for with errors.Is. A *BundleError matches
// the kinds of its messages.
var (
	// ErrNoEntry: the module has no entry file (none of DefaultEntries, or
	// not the one named), or the name is not a path inside the module.
	ErrNoEntry = bundle.ErrNoEntry
	// ErrImportRefused: an import names a Node built-in, a remote URL, a
	// file outside the module directory (through "..", an absolute path or
	// a symlink) or something that is not a regular file.
	ErrImportRefused = bundle.ErrImportRefused
	// ErrInputsTooLarge: the files the module imports exceed
	// MaxBundleInputBytes together.
	ErrInputsTooLarge = bundle.ErrInputsTooLarge
	// ErrNestingTooDeep: a source or JSON file nests deeper than
	// MaxBundleNesting, or arrow functions deeper than
	// MaxBundleArrowNesting; it was refused before esbuild parsed it.
	ErrNestingTooDeep = bundle.ErrNestingTooDeep
	// ErrSourceMap is wrapped by every error ParseSourceMap returns.
	ErrSourceMap = sourcemap.ErrInvalid
)
