package kv

import (
	"errors"
	"fmt"

	"github.com/corets/corets-wasm/internal/errs"
)

// Errors the store returns, usually wrapped in a message that names the
// group, key or figures; compare with errors.Is.
var (
	// ErrNotFound: the key does not exist.
	ErrNotFound = errors.New("store key not found")
	// ErrConflict: a compare-and-set or compare-and-delete found another
	// version. The error is a *ConflictError carrying the current version.
	ErrConflict = errors.New("store version conflict")
	// ErrQuota: the write would take the partition over its quota. The
	// error is a *QuotaError; nothing was written. It also matches the
	// runtime's ErrQuota (modules.ErrQuota).
	ErrQuota = errs.Sentinel("store quota exceeded", errs.ErrQuota)
	// ErrTooLarge: a key or value exceeds Options.MaxKeyBytes or
	// Options.MaxValueBytes.
	ErrTooLarge = errors.New("store entry too large")
	// ErrInvalid: a malformed module code, group name, key or cursor, or a
	// group in the wrong namespace ("_" groups outside System, other groups
	// inside it). Callers that expose the store to modules should report the
	// namespace case as a permission error.
	ErrInvalid = errors.New("invalid store argument")
	// ErrClosed: the DB was closed. It also matches the runtime's
	// ErrClosed (modules.ErrClosed).
	ErrClosed = errs.Sentinel("store closed", errs.ErrClosed)
	// ErrLocked: another process holds the store file.
	ErrLocked = errors.New("store in use by another process")
	// ErrCorrupt: a record in the file does not have the layout this
	// package writes.
	ErrCorrupt = errors.New("store file is corrupt")
	// ErrUnavailable: a store reached over a network (kv/etcdkv) did not
	// answer in time, or refused the connection; the operation was not
	// done (a write whose answer was lost says that it may have been).
	ErrUnavailable = errors.New("store unavailable")
	// ErrDenied: a store reached over a network refused this client: a
	// wrong user or password, none where the store requires one, or a
	// user without rights on the store's prefix. Trying again will not
	// help; the operation was not done.
	ErrDenied = errors.New("store refused access")
)

// ConflictError is a compare-and-set or compare-and-delete that found the
// key at a version other than the expected one. Version 0 means absent.
type ConflictError struct {
	Group, Key string
	Expected   uint64
	Current    uint64
}

func (e *ConflictError) Error() string {
	var want, have string
	if e.Expected == 0 {
		want = "expected it to be absent"
	} else {
		want = fmt.Sprintf("expected version %d", e.Expected)
	}
	if e.Current == 0 {
		have = "it does not exist"
	} else {
		have = fmt.Sprintf("it is at version %d", e.Current)
	}
	return fmt.Sprintf("store conflict on key %q in group %q: %s, %s", e.Key, e.Group, want, have)
}

// Is reports whether target is ErrConflict.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// QuotaError is a write refused because it would take the partition past
// one of its limits.
type QuotaError struct {
	Partition string // `module "notes"`, "shared groups"
	What      string // "bytes" or "keys"
	Limit     int64
	Used      int64 // usage before the write
	Need      int64 // what the write would add
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("store quota exceeded for %s: %d %s allowed, %d used, this write needs %d more",
		e.Partition, e.Limit, e.What, e.Used, e.Need)
}

// Is reports whether target is ErrQuota (or the runtime's, which ErrQuota
// matches).
func (e *QuotaError) Is(target error) bool { return target == ErrQuota || errors.Is(ErrQuota, target) }

// detailError is a sentinel with a message of its own: the message reads as
// one sentence while errors.Is still finds the sentinel.
type detailError struct {
	msg string
	err error
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.err }

func errorf(sentinel error, format string, args ...any) error {
	return &detailError{msg: fmt.Sprintf(format, args...), err: sentinel}
}
