package modules

import (
	"errors"
	"fmt"
	"strings"

	"github.com/corets/corets-wasm/internal/errs"
)

// ErrNoExport is behind every *ExportError: a call named an export the
// module does not have.
var ErrNoExport = errs.ErrNoExport

// ExportError is a call to an export the module does not have. Available
// are the module's callable exports (without init and the "__" names the
// host may not call; a wasm plugin's without _start, _initialize and the
// "__" names), sorted; nil when they are not known (a CommonJS entry, whose
// exports exist only once it runs).
type ExportError struct {
	Module    string
	Name      string
	Available []string
}

func (e *ExportError) Error() string {
	s := fmt.Sprintf("module %q has no export %q", e.Module, e.Name)
	switch {
	case e.Available == nil:
	case len(e.Available) == 0:
		s += " (it exports no function the host can call)"
	default:
		s += " (its exports: " + strings.Join(e.Available, ", ") + ")"
	}
	return s
}

func (e *ExportError) Unwrap() error { return ErrNoExport }

// exportError is the *ExportError for a call to name, which the engine
// (err) did not find.
func (m *Module) exportError(name string, err error) *ExportError {
	e := &ExportError{Module: m.code, Name: name}
	var ne *errs.NoExportError
	if errors.As(err, &ne) && ne.Available != nil {
		e.Available = ne.Available
	} else if m.bundle != nil && !m.bundle.CommonJS {
		e.Available = []string{}
		for _, x := range m.bundle.Exports {
			if x != "init" && !strings.HasPrefix(x, "__") {
				e.Available = append(e.Available, x)
			}
		}
	}
	return e
}
