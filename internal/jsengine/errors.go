package jsengine

import "github.com/corets/corets-wasm/internal/errs"

// Limits a call can run into. They are package errs' values (shared with
// the wasm plugin adapter); each is returned wrapped in a *LimitError that
// names the module and the figures. Compare with errors.Is.
var (
	ErrFuel           = errs.ErrFuel
	ErrTimeout        = errs.ErrTimeout
	ErrMemory         = errs.ErrMemory
	ErrStackOverflow  = errs.ErrStackOverflow
	ErrResultTooLarge = errs.ErrResultTooLarge
	ErrCanceled       = errs.ErrCanceled
	ErrCrashed        = errs.ErrCrashed
	ErrDead           = errs.ErrDead
	// ErrClosed: the instance was closed. It matches errs.ErrClosed (the
	// runtime's), so a call cut off by a closing runtime reads as one.
	ErrClosed = errs.Sentinel("instance closed", errs.ErrClosed)
)

// LimitError is a call stopped by a limit.
type LimitError = errs.LimitError

// Exception is an uncaught JS exception or a rejected promise; a stack
// overflow the engine threw matches ErrStackOverflow.
type Exception = errs.Exception

// HostError lets a host function choose the JS error's name: a returned error
// that implements it becomes an Error whose name is JSName() in the guest,
// for example "PermissionDenied".
type HostError interface {
	error
	JSName() string
}
