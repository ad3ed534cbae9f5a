package manifest

import (
	"errors"
	"strconv"
	"strings"
)

var (
	// ErrNotFound: the module directory has no .core/view.yml. Load wraps it
	// with the manifest's path unless Options.AllowMissing is set.
	ErrNotFound = errors.New("no manifest (" + Path + ")")

	// ErrUnsigned: Verify found no sign field in the manifest.
	ErrUnsigned = errors.New("module is not signed")

	// ErrBadSignature: the signature does not match the module's files and
	// manifest under the given key: something changed after signing, or it
	// was signed with another key.
	ErrBadSignature = errors.New("signature does not match: the module changed after signing, or was signed with another key")
)

// Error is one problem in a manifest. It reads like a compiler message:
//
//	my-module/.core/view.yml:4:3: permissions.read[1]: must be a string
//
// Line and Column are 1-based; 0 means unknown (the problem concerns the
// whole file). Key is the key path the problem is about, "" when none.
type Error struct {
	File         string
	Line, Column int
	Key, Msg     string
}

func (e *Error) Error() string {
	var b strings.Builder
	file := e.File
	if file == "" {
		file = Path
	}
	b.WriteString(file)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in one manifest, in file order. Parse
// returns it (never empty) as its error; errors.As can also pick out the
// first *Error.
type ErrorList []*Error

func (l ErrorList) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Unwrap lets errors.As find an *Error in the list.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
