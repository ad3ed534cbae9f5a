package errs

import "errors"

// ErrNoExport: a call named an export the module does not have. The
// engine and the wasm plugin adapter return it wrapped; package modules
// turns it into an *ExportError listing the exports there are.
var ErrNoExport = errors.New("no such export")
