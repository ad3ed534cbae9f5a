package caps

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ManifestFile is the manifest a refusal's hint points to: manifest.Path,
// copied because caps imports nothing of ours (a test ties the two).
const ManifestFile = ".core/view.yml"

// Sentinel errors, compared with errors.Is.
var (
	// ErrDenied is behind every *DeniedError.
	ErrDenied = errors.New("permission denied")
	// ErrTooLarge is behind every *TooLargeError.
	ErrTooLarge = errors.New("too large")
	// ErrInvalid is behind malformed arguments that are not a question of
	// permission, such as a store group name with a control character.
	ErrInvalid = errors.New("invalid argument")
)

// DeniedError is a refused request. Its message names the capability, the
// value and the manifest key that would grant it:
//
//	read "./secrets/key" is not granted (add it to permissions.read in .core/view.yml)
//
// With a Reason when it cannot simply be granted, or to say why it was refused:
//
//	read "../etc/passwd" is refused: the path leaves the app root
//	net "http://127.0.0.1/" is refused: 127.0.0.1 is a loopback address (grant the literal address in permissions.net in .core/view.yml)
type DeniedError struct {
	Capability string // "read", "write", "net", "run", "store", or an embedder's name
	Value      string // the request exactly as the guest gave it
	Reason     string // "" for a plain "not granted"
	Grantable  bool   // whether adding a manifest entry would allow it (controls the hint)
	// Hint replaces "add it to" in the hint when adding the value itself is
	// not what grants it, e.g. "grant the literal address in". Used only
	// when Grantable.
	Hint string
}

// maxQuoted bounds how much of a guest's value an error message repeats, so
// a megabyte path does not come back as a megabyte error.
const maxQuoted = 256

// quote quotes a guest's value for a message, shortened on a rune boundary.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q... (%d bytes)", s[:cut], len(s))
}

func (e *DeniedError) Error() string {
	var b strings.Builder
	if e.Capability != "" {
		b.WriteString(e.Capability)
		b.WriteByte(' ')
	}
	b.WriteString(quote(e.Value))
	if e.Reason == "" {
		b.WriteString(" is not granted")
	} else {
		b.WriteString(" is refused: ")
		b.WriteString(e.Reason)
	}
	if e.Grantable && e.Capability != "" {
		hint := e.Hint
		if hint == "" {
			hint = "add it to"
		}
		fmt.Fprintf(&b, " (%s permissions.%s in %s)", hint, e.Capability, ManifestFile)
	}
	return b.String()
}

// JSName is the name of the Error a guest sees.
func (e *DeniedError) JSName() string { return "PermissionDenied" }

// Is makes every refusal match ErrDenied.
func (e *DeniedError) Is(target error) bool { return target == ErrDenied }

// TooLargeError is a file or directory over the caller's limit.
type TooLargeError struct {
	Op    string // "read" or "list"
	Path  string // the guest's path
	Limit int64  // bytes for "read", entries for "list"
}

func (e *TooLargeError) Error() string {
	if e.Op == "list" {
		return fmt.Sprintf("list %s: the directory has more than %d entries", quote(e.Path), e.Limit)
	}
	return fmt.Sprintf("%s %s: the file is larger than the limit of %d bytes", e.Op, quote(e.Path), e.Limit)
}

// JSName is the name of the Error a guest sees.
func (e *TooLargeError) JSName() string { return "QuotaExceeded" }

// Is makes the error match ErrTooLarge.
func (e *TooLargeError) Is(target error) bool { return target == ErrTooLarge }

// invalidError is a malformed argument; it matches ErrInvalid.
type invalidError struct{ msg string }

func (e *invalidError) Error() string        { return e.msg }
func (e *invalidError) JSName() string       { return "TypeError" }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

func invalidf(format string, args ...any) error {
	return &invalidError{msg: fmt.Sprintf(format, args...)}
}
