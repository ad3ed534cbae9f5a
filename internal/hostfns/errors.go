package hostfns

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/errs"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// ErrQuota is behind every refusal of a host-side limit (bytes per read or
// write, response size, requests per call, processes, store quota); it is
// errs.ErrQuota, which modules re-exports.
var ErrQuota = errs.ErrQuota

// jsError is an error the guest sees as an Error with a name of our
// choosing ("PermissionDenied", "NotFound", "QuotaExceeded", "TypeError").
type jsError struct {
	name string
	msg  string
	err  error // what errors.Is matches on the Go side
}

func (e *jsError) Error() string  { return e.msg }
func (e *jsError) JSName() string { return e.name }
func (e *jsError) Unwrap() error  { return e.err }

func quotaError(capability, what, key string) error {
	return &jsError{name: "QuotaExceeded", err: ErrQuota,
		msg: fmt.Sprintf("%s: %s (raise %s in %s)", capability, what, key, manifest.Path)}
}

func typeError(format string, args ...any) error {
	return &jsError{name: "TypeError", msg: fmt.Sprintf(format, args...)}
}

// guestError gives an error from caps, kv or the OS the JS name a module
// can test for; its text names the operation and the guest's own value.
func guestError(op, value string, err error) error {
	var denied *caps.DeniedError
	var hostErr interface{ JSName() string }
	switch {
	case errors.As(err, &denied):
		return err // already names the capability and the grant
	case errors.As(err, &hostErr):
		return err
	case errors.Is(err, fs.ErrNotExist):
		return &jsError{name: "NotFound", err: err, msg: fmt.Sprintf("%s %q: no such file or directory", op, value)}
	case errors.Is(err, fs.ErrExist):
		return &jsError{name: "AlreadyExists", err: err, msg: fmt.Sprintf("%s %q: already exists", op, value)}
	case errors.Is(err, kv.ErrQuota):
		var q *kv.QuotaError
		hint := ""
		if errors.As(err, &q) && strings.HasPrefix(q.Partition, "module") {
			hint = fmt.Sprintf(" (raise limits.store_%s in %s)", q.What, manifest.Path)
		}
		return &jsError{name: "QuotaExceeded", err: err, msg: fmt.Sprintf("%s %q: %v%s", op, value, err, hint)}
	case errors.Is(err, caps.ErrTooLarge), errors.Is(err, kv.ErrTooLarge):
		return &jsError{name: "QuotaExceeded", err: err, msg: fmt.Sprintf("%s %q: %v", op, value, err)}
	case errors.Is(err, kv.ErrInvalid):
		return &jsError{name: "TypeError", err: err, msg: fmt.Sprintf("%s %q: %v", op, value, err)}
	}
	return &jsError{name: "Error", err: err, msg: fmt.Sprintf("%s %q: %v", op, value, err)}
}

// isDenial tells refusals (the check said no) from failures after the
// check passed, for the audit log.
func isDenial(err error) bool {
	return errors.Is(err, caps.ErrDenied) || errors.Is(err, ErrUnbound)
}
