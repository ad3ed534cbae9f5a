package modules

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"github.com/corets/corets-wasm/internal/install"
	"github.com/corets/corets-wasm/manifest"
)

// Installing lives in internal/install; these are its names as embedders
// know them.
type (
	// InstallOptions configure Install: the git ref, Yes (approve without
	// asking Options.Approve) and the bounds of what a source may unpack.
	InstallOptions = install.Options
	// InstalledModule is an installed module, as recorded in the store's
	// "_modules" group.
	InstalledModule = install.Module
	// Change is an update of an installed module that may need approval:
	// more grants, another source or another signer than the installed
	// version's.
	Change = install.Change
	// NeedsApprovalError is an update refused because it needs approval
	// and nobody approved it; errors.Is(err, ErrNeedsApproval) holds.
	NeedsApprovalError = install.NeedsApprovalError
)

// Bounds of what one install may unpack or copy, whatever the source.
const (
	DefaultMaxInstallBytes = install.DefaultMaxBytes
	DefaultMaxInstallFiles = install.DefaultMaxFiles
)

// KeyID names an ed25519 public key in records and messages: "ed25519:"
// and the first 8 bytes of its SHA-256 in hex; "" for no key.
func KeyID(key ed25519.PublicKey) string { return install.KeyID(key) }

// installer is the installer for this runtime's app root and store, with
// the registry's part of an install as its hooks.
func (r *Runtime) installer() *install.Installer {
	return &install.Installer{
		AppRoot:      r.appRoot,
		Store:        r.db,
		PublicKey:    r.opts.PublicKey,
		Capabilities: r.capabilities(),
		Defaults:     r.opts.Defaults.Or(manifest.DefaultLimits),
		Logger:       r.log,
		Shared:       r.shared,
		Hooks: install.Hooks{
			Check:   r.checkStaged,
			Approve: r.opts.Approve,
			Unload:  func(ctx context.Context, code string) bool { return r.Unload(ctx, code) == nil },
			Load: func(ctx context.Context, dir string) error {
				abs, err := r.resolve(dir)
				if err == nil {
					_, err = r.load(ctx, dir, abs)
				}
				return err
			},
		},
	}
}

// Installed lists the installed modules, by code. A record that cannot be
// read is listed with its code and directory only (and logged), so the
// module can still be loaded or removed.
func (r *Runtime) Installed() ([]InstalledModule, error) {
	list, err := r.installer().List()
	if err != nil {
		return nil, fmt.Errorf("installed modules: %w", err)
	}
	return list, nil
}

// Install installs the module at src into <app root>/modules/<code> and
// loads it, replacing the installed version of the same code if there is
// one. src is, in the order Install tries:
//
//   - a git URL with "://" (https, ssh, git+ssh or file; http and git are
//     refused as unencrypted), cloned with the system git: shallow, the
//     default branch or InstallOptions.Ref, no prompts, .git dropped;
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
// Every source is bounded by InstallOptions.MaxBytes and MaxFiles.
//
// Everything is fetched into a staging directory under <app root>/modules
// and checked there: the manifest (and its signature, when the runtime
// has a PublicKey: unsigned and tampered modules are refused), that the
// module bundles, and that its grants bind. An update whose grants exceed
// the installed version's, or that comes from another source (another
// repository, directory or archive than the installed version was
// installed from), is a Change that needs InstallOptions.Yes or
// Options.Approve (called with installs under this app root on hold),
// else the error is a *NeedsApprovalError; a first install needs no
// approval, and the InstalledModule it returns shows what was granted.
// Only then is
// the old version unloaded and moved aside, the new one renamed into
// place, recorded and loaded; if any of that fails, the old version is put
// back as it was. A failed install leaves nothing behind.
//
// When the runtime shares its installs (SharedInstalls), the module's
// files also go into the store, before its record, and every runtime on
// the store follows: it fetches, verifies and loads the new version, with
// the grants approved here.
//
// Installs and removals under one app root are serialized in a process.
// Two processes must not install into one app root at once (a store file
// is locked by the process that has it open, which prevents it unless
// MemoryStore or distinct StorePaths are used).
func (r *Runtime) Install(ctx context.Context, src string, opt InstallOptions) (*InstalledModule, error) {
	m, err := r.install(ctx, src, opt)
	if err != nil {
		return nil, fmt.Errorf("install %s: %w", install.Shown(src), err)
	}
	return m, nil
}

func (r *Runtime) install(ctx context.Context, src string, opt InstallOptions) (*InstalledModule, error) {
	if err := r.checkOpen(); err != nil {
		return nil, err
	}
	return r.installer().Install(ctx, src, opt)
}

// checkStaged checks a staged module as Load would, before it is
// installed: that it bundles (TypeScript; a wasm plugin's .wasm is
// compiled when it loads) and that its grants bind. The staged directory
// is never loaded from, so it is bundled without a cache.
func (r *Runtime) checkStaged(dir string, m *manifest.Manifest) error {
	switch m.Runtime {
	case "", manifest.RuntimeTypeScript:
		if _, err := Bundle(dir, BundleOptions{Entry: m.Main}); err != nil {
			return err
		}
	case manifest.RuntimeWasm: // its .wasm is compiled when it loads
		if err := r.checkRuntime(m); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%s: runtime %q is not supported", m.Pos("runtime"), m.Runtime)
	}
	caps, err := r.host.Bind(m)
	if err != nil {
		return err
	}
	caps.Close()
	return nil
}

// RemoveOptions configure RemoveWith.
type RemoveOptions struct {
	// Purge deletes the module's own stored data (its store groups;
	// shared groups stay) as well. A code no longer installed whose data
	// was kept is purged of it.
	Purge bool
}

// Removal is what RemoveWith did: whether it uninstalled the module, and
// what the module's own store groups held (Data), kept or, with Purge,
// deleted.
type Removal = install.Removal

// Remove uninstalls a module: it unloads it (if loaded) and deletes its
// directory and its record in "_modules". The module's stored data is
// kept: installing the same code again finds it. RemoveWith with Purge
// deletes it. A code with neither a record nor a directory is an error
// wrapping ErrNotInstalled. With shared installs, every runtime on the
// store unloads the module and deletes its directory too, and the store's
// blobs no install uses any more are deleted.
func (r *Runtime) Remove(ctx context.Context, code string) error {
	_, err := r.RemoveWith(ctx, code, RemoveOptions{})
	return err
}

// RemoveWith is Remove with options, and says what it did.
func (r *Runtime) RemoveWith(ctx context.Context, code string, opt RemoveOptions) (Removal, error) {
	err := r.checkOpen()
	res := Removal{Code: code}
	if err == nil {
		res, err = r.installer().Remove(ctx, code, opt.Purge)
	}
	if err != nil {
		return res, fmt.Errorf("remove %s: %w", code, err)
	}
	return res, nil
}

// isInstalledDir reports whether dir is where the module code is installed.
func (r *Runtime) isInstalledDir(dir, code string) bool {
	return r.installer().IsInstalledDir(dir, code)
}

// checkInstalled re-checks an installed module against the digest
// recorded when it was installed (install's Verify) and returns the
// verified files' sha256 by path, nil when it is not installed.
func (r *Runtime) checkInstalled(dir, code string) (map[string]string, error) {
	return r.installer().Verify(dir, code)
}

// checkVerified makes sure that what is about to run was made from the
// files checkInstalled verified.
func checkVerified(code string, verified, inputs map[string]string) error {
	return install.CheckVerified(code, verified, inputs)
}

// lockForLoad waits while an install or removal swaps a module in or out
// under appRoot, in any process, and holds that off until unlock.
func lockForLoad(ctx context.Context, appRoot string) (unlock func(), err error) {
	return install.LockForLoad(ctx, appRoot)
}

func (r *Runtime) checkOpen() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	return nil
}
