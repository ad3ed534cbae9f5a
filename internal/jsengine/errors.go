package jsengine

import (
	"errors"
	"fmt"
	"strings"
)

// Limits a call can run into. Each is returned wrapped in a *LimitError that
// names the module and the figures; compare with errors.Is.
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
	// instance stays usable; the exception is an *Exception as well.
	ErrStackOverflow = errors.New("stack overflow")
	// ErrResultTooLarge: the value returned to the host exceeds
	// InstanceConfig.MaxResultBytes. The instance stays usable.
	ErrResultTooLarge = errors.New("result too large")
	// ErrCanceled: the caller's context was canceled while the call ran.
	// The instance is dead, because the JS code stopped at an arbitrary point.
	ErrCanceled = errors.New("call canceled")
	// ErrCrashed: the guest trapped (a bug in the engine, never in JS code).
	// The instance is dead.
	ErrCrashed = errors.New("engine crashed")
	// ErrDead: the instance died earlier; make a new one. Errors wrapping
	// it also wrap the original cause.
	ErrDead = errors.New("instance is dead")
	// ErrClosed: the instance was closed.
	ErrClosed = errors.New("instance closed")
)

// LimitError is a call stopped by a limit.
type LimitError struct {
	Limit  error  // one of ErrFuel, ErrTimeout, ErrMemory, ErrCanceled, ErrCrashed, ErrResultTooLarge
	Module string // the instance's name
	Detail string // the figures, e.g. "used 1000000 of 1000000"
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

// Exception is an uncaught JS exception or a rejected promise. Stack keeps
// QuickJS's "at fn (file:line:column)" lines, so it can be mapped through the
// bundle's source map.
type Exception struct {
	Name    string // "TypeError", a host error's name, or "" for a thrown non-Error
	Message string
	Stack   string
	Module  string
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
	return target == ErrStackOverflow && e.Message == "stack overflow"
}

// HostError lets a host function choose the JS error's name: a returned error
// that implements it becomes an Error whose name is JSName() in the guest,
// for example "PermissionDenied".
type HostError interface {
	error
	JSName() string
}
