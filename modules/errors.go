package modules

import (
	"errors"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/install"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// installing (P2): failures of Install and Remove, and of loading an
// installed module, a caller can test for with errors.Is. Their
// documentation is internal/install's.
var (
	// ErrNeedsApproval: an update needs approval (more grants, another
	// source or signer) and neither InstallOptions.Yes nor Options.Approve
	// gave it; the error is a *NeedsApprovalError carrying the Change.
	ErrNeedsApproval = install.ErrNeedsApproval
	// ErrNotInstalled: Remove was given a code that is not installed.
	ErrNotInstalled = install.ErrNotInstalled
	// ErrUnsafeEntry: a source holds an entry an install refuses to write
	// (an unsafe name, a link leaving it, a device).
	ErrUnsafeEntry = install.ErrUnsafeEntry
	// ErrInstallTooLarge: a source unpacks to more than
	// InstallOptions.MaxBytes or MaxFiles allow.
	ErrInstallTooLarge = install.ErrInstallTooLarge
	// ErrBadSource: the source is none of the kinds Install understands,
	// or a kind it refuses.
	ErrBadSource = install.ErrBadSource
	// ErrInstalledChanged: an installed module's files differ from what
	// was verified at install; it is not loaded.
	ErrInstalledChanged = install.ErrInstalledChanged
)

// P3: instances, supervisor, wasm plugins.

// ErrWasmDisabled is returned by Load and Install for a `runtime: wasm`
// module when Options.WasmPlugins is nil.
var ErrWasmDisabled = errors.New("wasm plugins are not enabled in this runtime")

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
