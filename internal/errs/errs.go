// Package errs holds the errors that more than one layer produces: the
// limits a call runs into, a guest's exception, a closed runtime and a
// host-side quota. The QuickJS engine, the wasm plugin adapter, the host
// functions and the store all return these values (or errors that match
// them), so errors.Is gives the same answer whichever layer produced one;
// package modules re-exports them as its public vocabulary.
//
// It imports nothing of ours and must never do more than define errors:
// every other package may import it.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Limits a call can run into. Each is returned wrapped in a *LimitError
// that names the module and the figures.
var (
	// ErrFuel: the call used its whole fuel budget. The instance is dead.
	ErrFuel = errors.New("fuel exhausted")
	// ErrTimeout: the call's deadline passed (the configured timeout or the
	// caller's context deadline), including time spent waiting for
	// asynchronous host work. The instance is dead.
	ErrTimeout = errors.New("timeout")
	// ErrMemory: the JS heap or the wasm memory reached its cap. The
	// instance is dead.
	ErrMemory = errors.New("out of memory")
	// ErrStackOverflow: recursion went deeper than the stack limit. The
	// instance stays usable; the error is an *Exception the engine itself
	// threw (never one a guest threw with the same text).
	ErrStackOverflow = errors.New("stack overflow")
	// ErrResultTooLarge: the value returned to the host exceeds the result
	// limit. The instance stays usable.
	ErrResultTooLarge = errors.New("result too large")
	// ErrCanceled: the caller's context was canceled while the call ran.
	// The instance is dead, because the guest stopped at an arbitrary point.
	ErrCanceled = errors.New("call canceled")
	// ErrCrashed: the guest trapped or exited (for QuickJS, a bug in the
	// engine, never in JS code). The instance is dead.
	ErrCrashed = errors.New("engine crashed")
	// ErrDead: the instance died earlier; make a new one. Errors wrapping
	// it also wrap the original cause.
	ErrDead = errors.New("instance is dead")
)

// ErrClosed: the runtime was closed. The store's and an instance's own
// "closed" errors match it too (see Sentinel), so a call that fails because
// the runtime closed under it matches ErrClosed whichever layer noticed.
var ErrClosed = errors.New("runtime is closed")

// ErrQuota is behind every refusal of a host-side limit (bytes per read or
// write, response size, requests per call, processes, store quota).
var ErrQuota = errors.New("quota exceeded")

// Sentinel returns a sentinel error with a text of its own that errors.Is
// also matches to kind: a layer keeps its own wording ("store closed") and
// the embedder still has one value to compare with (ErrClosed).
func Sentinel(text string, kind error) error { return &sentinel{text: text, kind: kind} }

type sentinel struct {
	text string
	kind error
}

func (e *sentinel) Error() string        { return e.text }
func (e *sentinel) Is(target error) bool { return target == e.kind }

// LimitError is a call stopped by a limit.
type LimitError struct {
	Limit  error  // one of ErrFuel, ErrTimeout, ErrMemory, ErrCanceled, ErrCrashed, ErrResultTooLarge
	Module string // the instance's name
	Detail string // the figures, e.g. "used 1000000 of 1000000"
	// Cause is the caller's context's error when the caller's context
	// stopped the call (context.DeadlineExceeded with ErrTimeout,
	// context.Canceled or the context's cause with ErrCanceled); nil when
	// a limit of the module's own did. errors.Is matches it as well as Limit.
	Cause error
}

// Is reports whether target is the caller's context error that stopped the
// call, so errors.Is(err, context.DeadlineExceeded) holds as it would for
// any other call bounded by the caller's context.
func (e *LimitError) Is(target error) bool {
	return e.Cause != nil && errors.Is(e.Cause, target)
}

func (e *LimitError) Error() string {
	var b strings.Builder
	b.WriteString(e.Limit.Error())
	if e.Module != "" {
		fmt.Fprintf(&b, " in module %q", e.Module)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

func (e *LimitError) Unwrap() error { return e.Limit }

// Exception is an uncaught exception or a rejected promise of the guest.
// Stack keeps QuickJS's "at fn (file:line:column)" lines, so it can be
// mapped through the bundle's source map.
type Exception struct {
	Name    string // "TypeError", a host error's name, or "" for a thrown non-Error
	Message string
	Stack   string
	Module  string
	// StackOverflow is set when the engine itself threw the exception
	// for a stack overflow (QuickJS recognises its own exception object;
	// see the engine's patch 0005). A guest's look-alike never sets it.
	StackOverflow bool
}

func (e *Exception) Error() string {
	switch {
	case e.Name == "":
		return "uncaught " + e.Message
	case e.Message == "":
		return e.Name
	}
	return e.Name + ": " + e.Message
}

// Is makes a stack overflow, which QuickJS raises as an ordinary catchable
// exception, comparable with ErrStackOverflow.
func (e *Exception) Is(target error) bool {
	return target == ErrStackOverflow && e.StackOverflow
}
