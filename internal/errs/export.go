package errs

import "errors"

// ErrNoExport: a call named an export the module does not have. The
// engine and the wasm plugin adapter return it wrapped; package modules
// turns it into an *ExportError listing the exports there are.
var ErrNoExport = errors.New("no such export")

// NoExportError is ErrNoExport with the names the module does export, for
// a runtime that knows them only when it runs (a wasm plugin).
type NoExportError struct {
	Available []string
}

func (e *NoExportError) Error() string { return ErrNoExport.Error() }
func (e *NoExportError) Unwrap() error { return ErrNoExport }
