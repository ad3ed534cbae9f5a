package install

import "errors"

// Installer failures a caller can test for with errors.Is.
var (
	// ErrNeedsApproval: an update asks for more capabilities or higher
	// limits than the installed version (or comes from another source or
	// signer), and neither Options.Yes nor Hooks.Approve approved it. The error is a *NeedsApprovalError
	// carrying the Change; nothing was changed.
	ErrNeedsApproval = errors.New("update needs approval")
	// ErrNotInstalled: Remove was given a code that is not installed.
	ErrNotInstalled = errors.New("module is not installed")
	// ErrUnsafeEntry: a source holds something an install refuses to write:
	// an archive entry with an absolute path, "..", a backslash, a drive
	// letter or a control character; a link or a device in an archive; a
	// symbolic link in a directory or clone that points outside it or makes
	// a cycle; a device, pipe or socket anywhere.
	ErrUnsafeEntry = errors.New("unsafe entry")
	// ErrInstallTooLarge: a source unpacks to more than
	// Options.MaxBytes, or holds more than Options.MaxFiles
	// entries. It is detected while unpacking, before the limit is
	// passed on disk.
	ErrInstallTooLarge = errors.New("module too large to install")
	// ErrBadSource: the source is none of the kinds Install understands, or
	// a kind it refuses (an unencrypted git transport, a remote archive).
	ErrBadSource = errors.New("unsupported install source")
	// ErrInstalledChanged: an installed module's manifest or files differ
	// from what was verified when it was installed; it is not loaded. The
	// message names the module and the files that changed.
	ErrInstalledChanged = errors.New("installed module changed since it was installed")
	// ErrBusy: another process kept installing or removing modules under
	// the app root (or, for an install, loading them) for longer than
	// LockWait; nothing was changed. The message names the holder when it
	// is known.
	ErrBusy = errors.New("app root busy")
	// ErrSharedRefused: Follow refused a module recorded in a shared
	// store: a blob missing or not matching its sha256, a path leaving the
	// module directory, files not matching the record's digest, more data
	// than the limits allow, or a manifest asking for more than the
	// record's approved grants. Nothing was changed.
	ErrSharedRefused = errors.New("shared install refused")
)
