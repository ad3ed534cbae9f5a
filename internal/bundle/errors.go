package bundle

import (
	"errors"
)

// Bundling failures a caller can test for with errors.Is. A *Error
// matches the kinds of its messages.
var (
	// ErrNoEntry: the module has no entry file (none of the default names,
	// or not the one named), or the name is not a path inside the module.
	ErrNoEntry = errors.New("no entry file")
	// ErrImportRefused: an import names a Node built-in, a remote URL, a
	// file outside the module directory (through "..", an absolute path or
	// a symlink) or something that is not a regular file.
	ErrImportRefused = errors.New("import refused")
	// ErrInputsTooLarge: the files the module imports exceed
	// MaxInputBytes together.
	ErrInputsTooLarge = errors.New("module inputs too large")
	// ErrNestingTooDeep: a source or JSON file nests deeper than
	// MaxNesting, or arrow functions deeper than
	// MaxArrowNesting; it was refused before esbuild parsed it.
	ErrNestingTooDeep = errors.New("input nested too deeply")
)
