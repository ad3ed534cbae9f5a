package modules

import (
	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// bundling (P1): the failures of Bundle, and of Load for a TypeScript
// module, that a caller can test for with errors.Is. A *BundleError matches
// the kinds of its messages.
var (
	// ErrNoEntry: the module has no entry file (none of DefaultEntries, or
	// not the one named), or the name is not a path inside the module.
	ErrNoEntry = bundle.ErrNoEntry
	// ErrImportRefused: an import names a Node built-in, a remote URL, a
	// file outside the module directory (through "..", an absolute path or
	// a symlink) or something that is not a regular file.
	ErrImportRefused = bundle.ErrImportRefused
	// ErrInputsTooLarge: the files the module imports exceed
	// MaxBundleInputBytes together.
	ErrInputsTooLarge = bundle.ErrInputsTooLarge
	// ErrNestingTooDeep: a source or JSON file nests deeper than
	// MaxBundleNesting, or arrow functions deeper than
	// MaxBundleArrowNesting; it was refused before esbuild parsed it.
	ErrNestingTooDeep = bundle.ErrNestingTooDeep
	// ErrSourceMap is wrapped by every error ParseSourceMap returns.
	ErrSourceMap = sourcemap.ErrInvalid
)
