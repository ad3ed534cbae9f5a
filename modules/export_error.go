package modules

import (
	"fmt"
	"strings"

	"github.com/corets/corets-wasm/internal/errs"
)

// ErrNoExport is behind every *ExportError: a call named an export the
// module does not have.
var ErrNoExport = errs.ErrNoExport

// ExportError is a call to an export the module does not have. Available
// are the module's callable exports (without init and the "__" names the
// host may not call), sorted; nil when they are not known (a CommonJS
// entry, a wasm plugin).
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
// did not find.
func (m *Module) exportError(name string) *ExportError {
	e := &ExportError{Module: m.code, Name: name}
	if m.bundle != nil && !m.bundle.CommonJS {
		e.Available = []string{}
		for _, x := range m.bundle.Exports {
			if x != "init" && !strings.HasPrefix(x, "__") {
				e.Available = append(e.Available, x)
			}
		}
	}
	return e
}
