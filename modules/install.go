package modules

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Bounds of what one install may unpack or copy, whatever the source.
const (
	DefaultMaxInstallBytes = 256 << 20
	DefaultMaxInstallFiles = 20000
)

// InstallOptions configure Install.
type InstallOptions struct {
	// Ref is the branch or tag to clone from a git source; "" is the
	// repository's default branch. It is an error with other sources.
	Ref string
	// Yes approves an update that asks for more capabilities than the
	// installed version, or that comes from another source, without
	// asking Options.Approve (the CLI's --yes).
	Yes bool
	// MaxBytes and MaxFiles bound what the source may unpack to (files and
	// directories counted together); zero means DefaultMaxInstallBytes and
	// DefaultMaxInstallFiles.
	MaxBytes int64
	MaxFiles int
}

// InstalledModule is an installed module, as recorded in the store's
// "_modules" group.
type InstalledModule struct {
	Code, Name, Version string
	// Dir is where the module lives: <app root>/modules/<code>, absolute.
	Dir string
	// Source is where it was installed from, as given to Install (a URL's
	// password replaced by "xxxxx"); Ref is the git branch or tag asked for.
	Source, Ref string
	// Signed is true when the signature was verified at install, which
	// happens whenever the runtime has a PublicKey.
	Signed bool
	Time   time.Time // when installed, UTC
	// Permissions and Limits are what the manifest asked for and was
	// granted at install (limits as written: zero means the default); an
	// update is compared with them.
	Permissions manifest.Permissions
	Limits      manifest.Limits
}

// installedGroup is the system group holding one JSON record per
// installed module, keyed by code.
const installedGroup = "_modules"

// installRecord is the stored form of an InstalledModule. Dir is not
// stored: it follows from the app root, which may move.
type installRecord struct {
	Code    string    `json:"code"`
	Name    string    `json:"name,omitempty"`
	Version string    `json:"version,omitempty"`
	Source  string    `json:"source"`
	Ref     string    `json:"ref,omitempty"`
	Signed  bool      `json:"signed,omitempty"`
	Time    time.Time `json:"time"`
	// Digest is the sha256 of what was verified at install (installDigest);
	// every load of the installed module checks it. Contents are the
	// digest's lines (a sha256 per file), kept to say what changed.
	Digest   string   `json:"digest,omitempty"`
	Contents []string `json:"contents,omitempty"`
	grants
	// Origin is Source as updates are compared with it (sourceOrigin);
	// records written before it existed have none. Signer is the KeyID of
	// the key the module was verified with, "" when it was not.
	Origin string `json:"origin,omitempty"`
	Signer string `json:"signer,omitempty"`
}

func (r *Runtime) installedModule(rec installRecord) InstalledModule {
	return InstalledModule{
		Code: rec.Code, Name: rec.Name, Version: rec.Version,
		Dir:    filepath.Join(r.appRoot, "modules", rec.Code),
		Source: rec.Source, Ref: rec.Ref, Signed: rec.Signed, Time: rec.Time,
		Permissions: rec.grants.permissions(), Limits: rec.Limits,
	}
}

// Installed lists the installed modules, by code. A record that cannot be
// read is listed with its code and directory only (and logged), so the
// module can still be loaded or removed.
func (r *Runtime) Installed() ([]InstalledModule, error) {
	sys := r.db.System()
	var out []InstalledModule
	after := ""
	for {
		entries, next, err := sys.List(installedGroup, "", after, 0)
		if err != nil {
			return nil, fmt.Errorf("installed modules: %w", err)
		}
		for _, e := range entries {
			if manifest.ValidCode(e.Key) != nil {
				continue // not a record this package wrote
			}
			var rec installRecord
			if err := json.Unmarshal(e.Value, &rec); err != nil || rec.Code != e.Key {
				r.log.Warn("unreadable install record", "module", e.Key, "err", err)
				rec = installRecord{Code: e.Key}
			}
			out = append(out, r.installedModule(rec))
		}
		if next == "" {
			return out, nil
		}
		after = next
	}
}

// record returns the install record of code; ok is false when there is
// none or it cannot be read.
func (r *Runtime) record(code string) (rec installRecord, raw []byte, ok bool, err error) {
	e, err := r.db.System().Get(installedGroup, code)
	if errors.Is(err, kv.ErrNotFound) {
		return rec, nil, false, nil
	}
	if err != nil {
		return rec, nil, false, err
	}
	if json.Unmarshal(e.Value, &rec) != nil || rec.Code != code {
		return installRecord{}, e.Value, false, nil
	}
	return rec, e.Value, true, nil
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
// Installs and removals under one app root are serialized in a process.
// Two processes must not install into one app root at once (a store file
// is locked by the process that has it open, which prevents it unless
// MemoryStore or distinct StorePaths are used).
func (r *Runtime) Install(ctx context.Context, src string, opt InstallOptions) (*InstalledModule, error) {
	shown := shownSource(src)
	m, err := r.install(ctx, src, shown, opt)
	if err != nil {
		return nil, fmt.Errorf("install %s: %w", shown, err)
	}
	return m, nil
}

func (r *Runtime) install(ctx context.Context, src, shown string, opt InstallOptions) (*InstalledModule, error) {
	if err := r.checkOpen(); err != nil {
		return nil, err
	}
	kind, location, err := classify(src)
	if err != nil {
		return nil, err
	}
	modsDir := filepath.Join(r.appRoot, "modules")
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
		lim.maxBytes = DefaultMaxInstallBytes
	}
	if lim.maxFiles <= 0 {
		lim.maxFiles = DefaultMaxInstallFiles
	}

	unlock := lockAppRoot(r.appRoot)
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
		forgetBundles(filepath.Join(staging, "module")) // checked there, never loaded from there
		os.RemoveAll(staging)
		setActive(staging, false)
	}()

	dir, err := fetch(ctx, kind, location, shown, opt.Ref, staging, lim)
	if err != nil {
		return nil, err
	}
	m, err := r.vet(dir, shown)
	if err != nil {
		return nil, err
	}
	code := m.Code

	rec := installRecord{
		Code: code, Name: m.Name, Version: m.Version, Source: shown, Origin: sourceOrigin(src), Ref: opt.Ref,
		Signed: r.opts.PublicKey != nil, Signer: KeyID(r.opts.PublicKey), Time: time.Now().UTC(), grants: grantsOf(m),
	}
	if rec.Digest, rec.Contents, err = installDigest(dir); err != nil {
		return nil, relabel(err, dir, shown)
	}
	if err := r.approve(ctx, modsDir, rec, opt); err != nil {
		return nil, err
	}
	if err := r.swap(ctx, modsDir, staging, dir, rec); err != nil {
		return nil, err
	}
	im := r.installedModule(rec)
	return &im, nil
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

// vet checks the module in dir as Load would, before it goes anywhere: the
// manifest (verified when a public key is set), its code, that it bundles
// and that its grants bind. Messages name the source instead of the
// staging directory.
func (r *Runtime) vet(dir, shown string) (*manifest.Manifest, error) {
	var m *manifest.Manifest
	var err error
	mopt := manifest.Options{Capabilities: r.host.Capabilities()}
	if r.opts.PublicKey != nil {
		m, err = manifest.LoadVerified(dir, mopt, r.opts.PublicKey)
	} else {
		m, err = manifest.Load(dir, mopt)
	}
	if err != nil {
		if r.opts.PublicKey != nil && errors.Is(err, manifest.ErrUnsigned) {
			err = fmt.Errorf("%w, and this runtime accepts only signed modules", err)
		}
		return nil, relabel(err, dir, shown)
	}
	if err := manifest.ValidCode(m.Code); err != nil {
		return nil, relabel(fmt.Errorf("%s: code %w", m.Pos("code"), err), dir, shown)
	}
	switch m.Runtime {
	case "", manifest.RuntimeTypeScript:
		if _, err := Bundle(dir, BundleOptions{Entry: m.Main}); err != nil {
			return nil, relabel(err, dir, shown)
		}
	case manifest.RuntimeWasm: // its .wasm is compiled when it loads
	default:
		return nil, relabel(fmt.Errorf("%s: runtime %q is not supported", m.Pos("runtime"), m.Runtime), dir, shown)
	}
	caps, err := r.host.Bind(m)
	if err != nil {
		return nil, relabel(err, dir, shown)
	}
	caps.Close()
	return m, nil
}

// approve decides whether rec may replace the installed version of its
// code: it may when there is none, or when it comes from the same source
// and asks for nothing more, or when opt.Yes or Options.Approve says so.
// Another source is another author as far as the installer can tell: the
// code is only a name, which any module can claim.
func (r *Runtime) approve(ctx context.Context, modsDir string, rec installRecord, opt InstallOptions) error {
	old, _, ok, err := r.record(rec.Code)
	if err != nil {
		return err
	}
	if !ok {
		// no readable record: compare with the manifest of what is in
		// place, if anything is; where it came from is unknown
		m, err := manifest.Load(filepath.Join(modsDir, rec.Code), manifest.Options{Capabilities: r.host.Capabilities()})
		if err != nil {
			return nil
		}
		old = installRecord{Code: m.Code, Version: m.Version, grants: grantsOf(m)}
	} else if old.Origin == "" {
		old.Origin = sourceOrigin(old.Source) // a record from before origins
	}
	c := Change{Code: rec.Code, Name: rec.Name, FromVersion: old.Version, ToVersion: rec.Version, Source: rec.Source,
		FromSource: old.Origin, ToSource: rec.Origin, SourceChanged: old.Origin != rec.Origin,
		FromSigner: old.Signer, ToSigner: rec.Signer, SignerChanged: old.Signer != "" && old.Signer != rec.Signer}
	if old.Signed && old.Signer == "" && !rec.Signed {
		// a record from before signers: verified once, not now
		c.FromSigner, c.SignerChanged = "(not recorded)", true
	}
	compareGrants(&c, old.grants, rec.grants, r.opts.Defaults)
	if !c.NeedsApproval() || opt.Yes {
		return nil
	}
	if r.opts.Approve != nil {
		yes, err := r.opts.Approve(ctx, c)
		if err != nil {
			return fmt.Errorf("approving the update: %w", err)
		}
		if yes {
			return nil
		}
	}
	return &NeedsApprovalError{Change: c}
}

// swap puts the vetted module at dir in place of the installed version of
// rec.Code: unload the old one, move it aside, rename dir into place,
// record, load. A failure on the way puts back the old directory, record
// and loaded state.
func (r *Runtime) swap(ctx context.Context, modsDir, staging, dir string, rec installRecord) error {
	code := rec.Code
	target := filepath.Join(modsDir, code)
	_, oldRaw, _, err := r.record(code)
	if err != nil {
		return err
	}
	wasLoaded := r.Unload(ctx, code) == nil

	var old string // the old version's directory, moved aside
	if _, err := os.Lstat(target); err == nil {
		old = filepath.Join(staging, previousPrefix+code)
		if err := os.Rename(target, old); err != nil {
			r.reload(ctx, wasLoaded, target)
			return fmt.Errorf("moving the installed version aside: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		r.reload(ctx, wasLoaded, target)
		return err
	}
	placed := false
	undo := func(cause error) error {
		var errs []error
		if placed {
			errs = append(errs, os.Rename(target, dir))
		}
		if old != "" {
			errs = append(errs, os.Rename(old, target))
		}
		if oldRaw != nil {
			_, err := r.db.System().Set(installedGroup, code, oldRaw)
			errs = append(errs, err)
		} else {
			_, err := r.db.System().Delete(installedGroup, code)
			errs = append(errs, err)
		}
		r.reload(ctx, wasLoaded, target)
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("%w (and putting the previous version back failed: %v)", cause, err)
		}
		return cause
	}

	if err := os.Rename(dir, target); err != nil {
		return undo(fmt.Errorf("moving the module into place: %w", err))
	}
	placed = true
	raw, err := json.Marshal(rec)
	if err != nil {
		return undo(err)
	}
	if _, err := r.db.System().Set(installedGroup, code, raw); err != nil {
		return undo(fmt.Errorf("recording the install: %w", err))
	}
	if _, err := r.Load(ctx, target); err != nil {
		r.Unload(context.WithoutCancel(ctx), code)
		what := "the installed version is back"
		if old == "" {
			what = "nothing was installed"
		}
		return undo(fmt.Errorf("the module does not start (%s): %w", what, err))
	}
	// the old directory sits in the staging directory, which the caller
	// removes with the rest
	return nil
}

// reload loads the installed version again after a failed swap, if it was
// loaded before. Its failure is in its status.
func (r *Runtime) reload(ctx context.Context, wasLoaded bool, dir string) {
	if wasLoaded {
		r.Load(context.WithoutCancel(ctx), dir)
	}
}

// Remove uninstalls a module: it unloads it (if loaded), deletes its
// directory, its record in "_modules" and its store partition, so the
// module's own stored data is gone too (shared groups stay). A code with
// neither a record nor a directory is an error wrapping ErrNotInstalled.
func (r *Runtime) Remove(ctx context.Context, code string) error {
	if err := r.remove(ctx, code); err != nil {
		return fmt.Errorf("remove %s: %w", code, err)
	}
	return nil
}

func (r *Runtime) remove(ctx context.Context, code string) error {
	if err := manifest.ValidCode(code); err != nil {
		return fmt.Errorf("code %w", err)
	}
	if err := r.checkOpen(); err != nil {
		return err
	}
	unlock := lockAppRoot(r.appRoot)
	defer unlock()
	modsDir := filepath.Join(r.appRoot, "modules")
	target := filepath.Join(modsDir, code)
	_, raw, _, err := r.record(code)
	if err != nil {
		return err
	}
	_, statErr := os.Lstat(target)
	if raw == nil && errors.Is(statErr, fs.ErrNotExist) {
		return fmt.Errorf("%w: %q", ErrNotInstalled, code)
	}
	wasLoaded := r.Unload(ctx, code) == nil
	// Move the directory aside first: the rename is all or nothing, so a
	// removal that fails half-way (a file in use on Windows) leaves no
	// half module under the code, and the rest is cleaned later.
	var aside string
	if statErr == nil {
		aside = filepath.Join(modsDir, removedPrefix+code+"-"+randomSuffix())
		if err := os.Rename(target, aside); err != nil {
			r.reload(ctx, wasLoaded, target)
			return err
		}
	}
	if _, err := r.db.System().Delete(installedGroup, code); err != nil {
		if aside != "" {
			os.Rename(aside, target)
		}
		r.reload(ctx, wasLoaded, target)
		return err
	}
	errs := []error{r.db.DeleteModule(code)}
	if aside != "" {
		errs = append(errs, os.RemoveAll(aside))
	}
	return errors.Join(errs...)
}

// contains reports whether inner is dir or inside it, symbolic links
// resolved as far as they exist.
func contains(dir, inner string) bool {
	real := func(p string) string {
		p, _ = filepath.Abs(p)
		// resolve the longest existing prefix: inner may not exist yet
		rest := ""
		for {
			if r, err := filepath.EvalSymlinks(p); err == nil {
				return filepath.Join(r, rest)
			}
			parent := filepath.Dir(p)
			if parent == p {
				return filepath.Join(p, rest)
			}
			rest = filepath.Join(filepath.Base(p), rest)
			p = parent
		}
	}
	rel, err := filepath.Rel(real(dir), real(inner))
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

func (r *Runtime) checkOpen() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	return nil
}

// relabeled is an error whose text names the module's source instead of
// the staging directory it was checked in; errors.Is and As see the
// original.
type relabeled struct {
	err      error
	from, to string
}

func (e *relabeled) Error() string { return strings.ReplaceAll(e.err.Error(), e.from, e.to) }
func (e *relabeled) Unwrap() error { return e.err }

func relabel(err error, dir, shown string) error {
	if !strings.Contains(err.Error(), dir) {
		return err
	}
	return &relabeled{err: err, from: dir, to: shown}
}

// Names under <app root>/modules that are the installer's own: a staging
// directory per install in progress, and removed modules whose deletion
// did not finish. Module codes never start with '.'.
// Inside a staging directory, previousPrefix+code is the replaced
// version during a swap.
const (
	stagingPrefix  = ".staging-"
	removedPrefix  = ".removed-"
	previousPrefix = "previous-"
)

// staleAfter is how old another process's staging directory must be
// before an install removes it as left over from a crash.
const staleAfter = time.Hour

var (
	installLocksMu sync.Mutex
	installLocks   = map[string]*sync.Mutex{} // by app root
	activeStaging  = map[string]bool{}        // staging dirs of this process
)

// lockAppRoot serializes installs and removals under one app root.
func lockAppRoot(root string) (unlock func()) {
	installLocksMu.Lock()
	mu := installLocks[root]
	if mu == nil {
		mu = &sync.Mutex{}
		installLocks[root] = mu
	}
	installLocksMu.Unlock()
	mu.Lock()
	return mu.Unlock
}

func setActive(dir string, on bool) {
	installLocksMu.Lock()
	defer installLocksMu.Unlock()
	if on {
		activeStaging[dir] = true
	} else {
		delete(activeStaging, dir)
	}
}

// cleanStale removes what earlier installs and removals left behind when
// they were interrupted: staging directories no install of this process
// is using (another process's only once it is staleAfter old) and removed
// modules. A version that was moved aside by an update that never
// finished is put back if nothing took its place. Failures are left for
// the next time.
func cleanStale(modsDir string) {
	entries, err := os.ReadDir(modsDir)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(modsDir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), stagingPrefix):
			installLocksMu.Lock()
			active := activeStaging[p]
			installLocksMu.Unlock()
			if active {
				continue
			}
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAfter {
				continue
			}
			restorePrevious(modsDir, p)
			os.RemoveAll(p)
		case strings.HasPrefix(e.Name(), removedPrefix):
			os.RemoveAll(p)
		}
	}
}

func randomSuffix() string { return strings.ToLower(rand.Text()) }

// restorePrevious moves a replaced version found in a stale staging
// directory back to its place, if that place is empty.
func restorePrevious(modsDir, staging string) {
	entries, err := os.ReadDir(staging)
	if err != nil {
		return
	}
	for _, e := range entries {
		code, ok := strings.CutPrefix(e.Name(), previousPrefix)
		if !ok || !e.IsDir() || manifest.ValidCode(code) != nil {
			continue
		}
		target := filepath.Join(modsDir, code)
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			os.Rename(filepath.Join(staging, e.Name()), target)
		}
	}
}
