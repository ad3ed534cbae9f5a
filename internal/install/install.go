package install

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Bounds of what one install may unpack or copy, whatever the source.
const (
	DefaultMaxBytes = 256 << 20
	DefaultMaxFiles = 20000
)

// Options configure one Install.
type Options struct {
	// Ref is the branch or tag to clone from a git source; "" is the
	// repository's default branch. It is an error with other sources.
	Ref string
	// Yes approves an update that asks for more capabilities than the
	// installed version, or that comes from another source, without
	// asking Hooks.Approve (the CLI's --yes).
	Yes bool
	// MaxBytes and MaxFiles bound what the source may unpack to (files and
	// directories counted together); zero means DefaultMaxBytes and
	// DefaultMaxFiles.
	MaxBytes int64
	MaxFiles int
	// Progress, when set, is told each step as it starts: "cloning SRC",
	// "copying SRC" or "unpacking SRC", then "checking CODE" (manifest,
	// signature, bundle), and "" once the slow steps are over (before
	// approval and the swap, which may prompt or run the module).
	Progress func(step string)
}

// Installer installs modules into one app root's modules directory and
// keeps their records in a store. It holds no state of its own beyond its
// fields (the locks serializing installs are per app root, process-wide),
// so a caller may build one per operation.
type Installer struct {
	// AppRoot is the app's root directory, absolute; modules are
	// installed in AppRoot/modules/<code>. Required.
	AppRoot string
	// Store holds the install records (the system partition's "_modules"
	// group). Required.
	Store *kv.DB
	// PublicKey, when set, makes signatures required: unsigned and
	// tampered modules are refused.
	PublicKey ed25519.PublicKey
	// Capabilities are the embedder's own capability names, which
	// manifests may list under permissions.
	Capabilities []string
	// Defaults are the limits a manifest that leaves one unset runs with
	// (the embedder's defaults filled with the host's), so that an update
	// is compared with the installed version as the limits take effect.
	Defaults manifest.Limits
	// Logger receives the installer's warnings; nil is slog.Default().
	Logger *slog.Logger
	// Hooks are what the caller does around an install.
	Hooks Hooks
	// Shared makes installs shared with every runtime on the same store
	// (shared.go): an install or update also writes the module's files
	// into the store, where Follow finds them, and installs, updates and
	// removals delete the blobs no record uses any more.
	Shared bool
	// ChunkBytes is the largest blob Shared writes; zero (or more than the
	// store's value limit) is the store's value limit.
	ChunkBytes int
}

// Hooks are what the registry running the modules does around an install
// or a removal. The installer calls them with installs under its app root
// on hold. A nil hook does nothing (Check, Unload, Load) or approves
// nothing (Approve).
type Hooks struct {
	// Check checks a staged module as loading it would (that it bundles,
	// that its grants bind), before it goes anywhere; m is its manifest,
	// already read and verified. dir is removed after the install.
	Check func(dir string, m *manifest.Manifest) error
	// Approve decides an update that needs approval (see Change) when
	// Options.Yes is not set.
	Approve func(ctx context.Context, c Change) (bool, error)
	// Unload stops the module code if it runs, and reports whether it did.
	Unload func(ctx context.Context, code string) (wasLoaded bool)
	// Load starts the module installed at dir. An error undoes the install.
	Load func(ctx context.Context, dir string) error
}

func (in *Installer) modulesDir() string { return filepath.Join(in.AppRoot, "modules") }

func (in *Installer) logger() *slog.Logger {
	if in.Logger != nil {
		return in.Logger
	}
	return slog.Default()
}

// Install installs the module at src into <app root>/modules/<code> and
// starts it (Hooks.Load), replacing the installed version of the same code
// if there is one. src is, in the order Install tries:
//
//   - a git URL with "://" (https, ssh, git+ssh or file; http and git are
//     refused as unencrypted), cloned with the system git: shallow, the
//     default branch or Options.Ref, no prompts, .git dropped;
//   - a local .tar.gz, .tgz, .tar or .zip file, unpacked (a single
//     top-level directory holding everything is stripped); links,
//     devices and unsafe names in it are refused;
//   - a local directory whose name ends in ".git" (a bare repository),
//     cloned as above;
//   - any other local directory, copied as it is: uncommitted changes and
//     an untracked node_modules included, .git skipped, symbolic links
//     that stay inside it copied as their targets and others refused (to
//     install what a working copy has committed, give its file:// URL);
//   - git's scp-like [user@]host:path, cloned as above.
//
// Every source is bounded by Options.MaxBytes and MaxFiles.
//
// The steps: fetch the source into a staging directory under
// <app root>/modules (source.go, unpack.go), vet it there (vet.go: the
// manifest and its signature when PublicKey is set, then Hooks.Check),
// approve it (approve.go: an update whose grants exceed the installed
// version's, or that comes from another source or signer, is a Change
// that needs Options.Yes or Hooks.Approve, else the error is a
// *NeedsApprovalError; a first install needs no approval), and swap it in
// (swap.go: the old version unloaded and moved aside, the new one renamed
// into place, recorded with its digest and loaded; if any of that fails,
// the old version is put back as it was). A failed install leaves nothing
// behind.
//
// Errors name the source as Shown prints it, never the staging directory.
// Installs and removals under one app root are serialized, in a process
// and across processes, and loads of installed modules wait for a swap in
// progress (applock.go); one that waits longer than LockWait fails with
// ErrBusy.
func (in *Installer) Install(ctx context.Context, src string, opt Options) (*Module, error) {
	shown := Shown(src)
	kind, location, err := classify(src)
	if err != nil {
		return nil, err
	}
	modsDir := in.modulesDir()
	if kind == sourceDir && contains(location, modsDir) {
		return nil, fmt.Errorf("%w: %s holds the app's modules directory, where it would be copied to", ErrBadSource, src)
	}
	if err := checkRef(opt.Ref); err != nil {
		return nil, err
	}
	if opt.Ref != "" && kind != sourceGit {
		return nil, fmt.Errorf("%w: a ref (%q) applies to git sources only", ErrBadSource, opt.Ref)
	}
	lim := unpackLimits{maxBytes: opt.MaxBytes, maxFiles: opt.MaxFiles}
	if lim.maxBytes <= 0 {
		lim.maxBytes = DefaultMaxBytes
	}
	if lim.maxFiles <= 0 {
		lim.maxFiles = DefaultMaxFiles
	}

	unlock, err := lockAppRoot(ctx, in.AppRoot)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := os.MkdirAll(modsDir, 0o755); err != nil {
		return nil, err
	}
	cleanStale(modsDir)
	staging, err := os.MkdirTemp(modsDir, stagingPrefix)
	if err != nil {
		return nil, err
	}
	setActive(staging, true)
	defer func() {
		os.RemoveAll(staging)
		setActive(staging, false)
	}()

	progress := func(string) {}
	if opt.Progress != nil {
		progress = opt.Progress
		defer progress("")
	}
	progress(fetchStep(kind) + " " + shown)
	dir, err := fetch(ctx, kind, location, shown, opt.Ref, staging, lim)
	if err != nil {
		return nil, err
	}
	progress("checking " + shown)
	m, err := in.vet(dir, shown)
	if err != nil {
		return nil, err
	}
	progress("")

	rec := record{
		Code: m.Code, Name: m.Name, Version: m.Version, Source: shown, Origin: sourceOrigin(src), Ref: opt.Ref,
		Signed: in.PublicKey != nil, Signer: KeyID(in.PublicKey), Time: time.Now().UTC(), grants: grantsOf(m),
	}
	if rec.Digest, rec.Contents, err = digest(dir); err != nil {
		return nil, relabel(err, dir, shown)
	}
	if err := in.approve(ctx, rec, opt); err != nil {
		return nil, err
	}
	if in.Shared {
		// what the installed version used may go once it is replaced,
		// and what this one wrote if it fails
		old, _, _, _ := in.record(rec.Code)
		candidates, _ := in.blobKeys(old)
		done, keys, err := in.share(dir, &rec)
		if err == nil {
			err = in.swap(ctx, staging, dir, rec, false)
			done()
		} else {
			err = relabel(err, dir, shown)
		}
		in.collectLogged(append(candidates, keys...))
		if err != nil {
			return nil, err
		}
	} else if err := in.swap(ctx, staging, dir, rec, false); err != nil {
		return nil, err
	}
	im := in.module(rec)
	return &im, nil
}

// fetchStep names what fetch does with a kind of source, for Progress.
func fetchStep(kind sourceKind) string {
	switch kind {
	case sourceGit:
		return "cloning"
	case sourceDir:
		return "copying"
	}
	return "unpacking"
}

// fetch puts the module from the source into staging and returns its
// directory there.
func fetch(ctx context.Context, kind sourceKind, location, shown, ref, staging string, lim unpackLimits) (string, error) {
	dst := filepath.Join(staging, "module")
	if err := os.Mkdir(dst, 0o755); err != nil {
		return "", err
	}
	root, err := os.OpenRoot(dst)
	if err != nil {
		return "", err
	}
	defer root.Close()
	u := &unpacker{ctx: ctx, root: root, lim: lim}
	switch kind {
	case sourceGit:
		clone := filepath.Join(staging, "clone")
		if err := gitClone(ctx, location, ref, clone, shown); err != nil {
			return "", err
		}
		// the checkout goes through the same checks as a directory: its
		// symbolic links, sizes and .git
		err = copyDir(u, clone)
		os.RemoveAll(clone)
		if err != nil {
			return "", err
		}
		return dst, nil
	case sourceDir:
		if err := copyDir(u, location); err != nil {
			return "", err
		}
		return dst, nil
	default:
		if err := unpackArchive(u, kind, location); err != nil {
			return "", err
		}
		return stripTop(dst)
	}
}
