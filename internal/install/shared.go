package install

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
)

// Shared installs (Installer.Shared): runtimes with their own app roots on
// one store install a module once and every one of them runs it. The
// installing runtime writes, besides the module's directory and record:
//
//   - each file of the module into the system group "_blobs" as
//     content-addressed blobs: key = the sha256 of the bytes in hex, value =
//     the bytes; a file larger than the store's value limit is split into
//     chunks, each its own blob;
//   - the listing (JSON: path, size, sha256 and chunks of every file) as
//     blobs too, which the record names (record.Blobs), so the record
//     stays small whatever the module's size.
//
// The blobs are written before the record: a runtime that sees the record
// finds them. Follow (the follower's half) materializes a record into the
// app root: every blob checked against its sha256, every file against its
// own, the whole against the record's digest, the manifest against the
// runtime's PublicKey and against the grants the record says were
// approved; then it is swapped in as an install is.
//
// After an install, an update or a removal, the blobs the old version (or
// a failed install) used are deleted unless a record still uses them
// (collect): it reads only those blobs and the records' listings, never
// the whole store. An install in progress announces itself in the system
// group "_installing" before it writes a blob, and collect deletes nothing
// while one is announced, so it never deletes a blob a concurrent install
// (on any machine) is about to reference; it notes its candidates in
// "_collect" for the next collect instead.
const (
	blobGroup    = "_blobs"
	pendingGroup = "_installing"
	collectGroup = "_collect" // blobs a collect put off, for the next
)

// blobRef is stored data split into blobs: its sha256 and size, and the
// keys of its chunks in order; Chunks is nil when the data is one blob
// (whose key is SHA256).
type blobRef struct {
	SHA256 string   `json:"sha256"`
	Size   int64    `json:"size"`
	Chunks []string `json:"chunks,omitempty"`
}

func (b blobRef) keys() []string {
	if b.Chunks == nil {
		return []string{b.SHA256}
	}
	return b.Chunks
}

// sharedFile is one file of a module in the listing.
type sharedFile struct {
	Path string `json:"path"` // slash path relative to the module directory
	blobRef
}

// pending announces an install writing blobs.
type pending struct {
	Time time.Time `json:"time"`
}

// maxListing bounds the listing a follower reads: a path, two hashes and
// a size per file, and room for chunk keys.
const maxListing = 64 << 20

// chunkBytes is the largest blob this installer writes.
func (in *Installer) chunkBytes() int {
	if in.ChunkBytes > 0 {
		return min(in.ChunkBytes, in.Store.MaxValueBytes())
	}
	return in.Store.MaxValueBytes()
}

// sharedFiles lists the files of the module at dir as digest sees them:
// the manifest and every regular file, .git directories skipped.
func sharedFiles(root *os.Root) ([]string, error) {
	var files []string
	err := fs.WalkDir(root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case name == ".":
			return nil
		case d.IsDir() && d.Name() == ".git":
			return fs.SkipDir
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			return fmt.Errorf("%w: %s is not a regular file", ErrUnsafeEntry, name)
		}
		files = append(files, name)
		return nil
	})
	return files, err
}

// share writes the module staged at dir into the store as blobs and sets
// rec.Blobs to its listing. The blobs are announced in "_installing" first;
// done withdraws the announcement, once the record is written (or the
// install failed). keys are the blobs written, also when it fails half-way:
// what collect should look at once the install is over.
func (in *Installer) share(dir string, rec *record) (done func(), keys []string, err error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	names, err := sharedFiles(root)
	if err != nil {
		return nil, nil, err
	}
	chunk := in.chunkBytes()
	sys := in.Store.System()
	mark, err := json.Marshal(pending{Time: time.Now().UTC()})
	if err != nil {
		return nil, nil, err
	}
	markKey := rec.Code + "." + randomSuffix()
	if _, err := sys.Set(pendingGroup, markKey, mark); err != nil {
		return nil, nil, fmt.Errorf("announcing the module's files in the store: %w", err)
	}
	done = func() {
		if _, err := sys.Delete(pendingGroup, markKey); err != nil {
			in.logger().Warn("shared install: withdrawing an announcement", "module", rec.Code, "err", err)
		}
	}
	fail := func(err error) (func(), []string, error) {
		done()
		return nil, keys, err
	}
	// Every blob is written even when the store has it already: the
	// write gives it a new version, which makes a collect that listed it
	// before (and then saw no record using it) fail its compare-and-delete.
	// One file is in memory at a time.
	files := make([]sharedFile, 0, len(names))
	for _, name := range names {
		data, err := root.ReadFile(name)
		if err != nil {
			return fail(err)
		}
		f := sharedFile{Path: name, blobRef: refOf(data, chunk)}
		keys = append(keys, f.keys()...)
		if err := in.putBlobs(data, f.blobRef, chunk); err != nil {
			return fail(fmt.Errorf("storing %s: %w", name, err))
		}
		files = append(files, f)
	}
	listing, err := json.Marshal(files)
	if err != nil {
		return fail(err)
	}
	lref := refOf(listing, chunk)
	keys = append(keys, lref.keys()...)
	if err := in.putBlobs(listing, lref, chunk); err != nil {
		return fail(fmt.Errorf("storing the module's listing: %w", err))
	}
	rec.Blobs = &lref
	return done, keys, nil
}

func refOf(data []byte, chunk int) blobRef {
	sum := sha256.Sum256(data)
	r := blobRef{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
	if len(data) > chunk {
		for off := 0; off < len(data); off += chunk {
			c := sha256.Sum256(data[off:min(off+chunk, len(data))])
			r.Chunks = append(r.Chunks, hex.EncodeToString(c[:]))
		}
	}
	return r
}

func (in *Installer) putBlobs(data []byte, ref blobRef, chunk int) error {
	sys := in.Store.System()
	if ref.Chunks == nil {
		_, err := sys.Set(blobGroup, ref.SHA256, data)
		return err
	}
	for i, key := range ref.Chunks {
		off := i * chunk
		if _, err := sys.Set(blobGroup, key, data[off:min(off+chunk, len(data))]); err != nil {
			return err
		}
	}
	return nil
}

// refused is a shared record a follower will not materialize.
func refused(code, format string, args ...any) error {
	return fmt.Errorf("module %q: %w: %s", code, ErrSharedRefused, fmt.Sprintf(format, args...))
}

// fetchBlobs reads what ref names from the store, each blob checked
// against its key and the whole against ref, and never more than limit
// bytes; what names it in errors.
func (in *Installer) fetchBlobs(code, what string, ref blobRef, limit int64, w io.Writer) error {
	if !isSum(ref.SHA256) {
		return refused(code, "%s: %q is not a sha256", what, ref.SHA256)
	}
	if ref.Size < 0 || ref.Size > limit {
		return refused(code, "%s: %d bytes, more than the %d allowed", what, ref.Size, limit)
	}
	if ref.Chunks != nil && (len(ref.Chunks) == 0 || int64(len(ref.Chunks)) > ref.Size) {
		return refused(code, "%s: %d chunks for %d bytes", what, len(ref.Chunks), ref.Size)
	}
	whole := sha256.New()
	var n int64
	for _, key := range ref.keys() {
		if !isSum(key) {
			return refused(code, "%s: chunk %q is not a sha256", what, key)
		}
		e, err := in.Store.System().Get(blobGroup, key)
		if errors.Is(err, kv.ErrNotFound) {
			return refused(code, "%s: blob %s is not in the store", what, key)
		}
		if err != nil {
			return fmt.Errorf("module %q: %s: reading blob %s: %w", code, what, key, err)
		}
		if sum := sha256.Sum256(e.Value); hex.EncodeToString(sum[:]) != key {
			return refused(code, "%s: blob %s does not match its sha256 (the store's copy was altered)", what, key)
		}
		if n += int64(len(e.Value)); n > ref.Size {
			return refused(code, "%s: its blobs hold more than the %d bytes recorded", what, ref.Size)
		}
		whole.Write(e.Value)
		if _, err := w.Write(e.Value); err != nil {
			return err
		}
	}
	if n != ref.Size || hex.EncodeToString(whole.Sum(nil)) != ref.SHA256 {
		return refused(code, "%s: its blobs do not add up to the recorded sha256 and size", what)
	}
	return nil
}

func isSum(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// checkSharedPath refuses a listing path that is not a plain relative
// slash path inside the module directory.
func checkSharedPath(p string) string {
	switch {
	case p == "" || p == ".":
		return "is empty"
	case strings.ContainsAny(p, "\\:\x00"):
		return "holds a backslash, colon or NUL"
	case strings.IndexFunc(p, func(r rune) bool { return r < ' ' || r == 0x7f }) >= 0:
		return "holds a control character"
	case path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../"):
		return "is not a clean relative path inside the module"
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".git" {
			return "is inside a .git directory"
		}
	}
	return ""
}

// FollowAction is what Follow did.
type FollowAction int

const (
	// FollowNone: the module in the app root is what the store records
	// (or neither has it); nothing was changed.
	FollowNone FollowAction = iota
	// FollowInstalled: the recorded version was materialized, swapped in
	// and loaded (Hooks.Load; a load that fails leaves the new version in
	// place, as recorded, and the error is returned).
	FollowInstalled
	// FollowRemoved: the module is no longer recorded; it was unloaded and
	// its directory removed.
	FollowRemoved
)

// FollowLimits bound what a follower materializes; zero means the
// defaults (DefaultMaxBytes, DefaultMaxFiles).
type FollowLimits struct {
	MaxBytes int64
	MaxFiles int
}

// Followed lists the codes Follow should look at to reconcile the app
// root with the store: every recorded module and every module directory
// under <app root>/modules.
func (in *Installer) Followed() ([]string, error) {
	list, err := in.List()
	if err != nil {
		return nil, err
	}
	var codes []string
	for _, m := range list {
		codes = append(codes, m.Code)
	}
	entries, err := os.ReadDir(in.modulesDir())
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() && manifest.ValidCode(e.Name()) == nil && !slices.Contains(codes, e.Name()) {
			codes = append(codes, e.Name())
		}
	}
	slices.Sort(codes)
	return codes, nil
}

// Follow brings <app root>/modules/<code> in line with code's record in
// the store, which another runtime sharing the store may have written:
// level-triggered, so calling it again, or for an event that is stale or
// repeated, does no harm.
//
//   - Recorded, and the directory's digest is the record's: nothing.
//   - Recorded otherwise: the record's files are fetched from the blobs
//     into a staging directory and checked (see shared.go), then swapped
//     in (the old version unloaded and moved aside) and loaded. Anything
//     wrong with the store's content is an error wrapping
//     ErrSharedRefused, and nothing is changed.
//   - Not recorded, and the directory exists: the module is unloaded and
//     its directory removed (its stored data stays, as with Remove).
//
// Approval never happens here: the record's grants are what the
// installing runtime approved, and a manifest asking for more than them
// is refused.
func (in *Installer) Follow(ctx context.Context, code string, lim FollowLimits) (FollowAction, error) {
	if err := manifest.ValidCode(code); err != nil {
		return FollowNone, fmt.Errorf("code %w", err)
	}
	if lim.MaxBytes <= 0 {
		lim.MaxBytes = DefaultMaxBytes
	}
	if lim.MaxFiles <= 0 {
		lim.MaxFiles = DefaultMaxFiles
	}
	unlock, err := lockAppRoot(ctx, in.AppRoot)
	if err != nil {
		return FollowNone, err
	}
	defer unlock()
	target := filepath.Join(in.modulesDir(), code)
	rec, raw, ok, err := in.record(code)
	if err != nil {
		return FollowNone, fmt.Errorf("module %q: reading its install record: %w", code, err)
	}
	_, statErr := os.Lstat(target)
	if raw == nil {
		if errors.Is(statErr, fs.ErrNotExist) {
			return FollowNone, nil
		}
		return FollowRemoved, in.unshare(ctx, code, target)
	}
	if !ok {
		return FollowNone, refused(code, "its install record is not readable")
	}
	if statErr == nil {
		if sum, _, err := digestLines(target); err == nil && sum == rec.Digest {
			return FollowNone, nil
		}
	}
	if rec.Blobs == nil {
		return FollowNone, refused(code, "its record has no files in the store (it was installed by a runtime without shared installs); install it again from a runtime with shared installs")
	}
	if rec.Digest == "" {
		return FollowNone, refused(code, "its record has no digest")
	}

	modsDir := in.modulesDir()
	if err := os.MkdirAll(modsDir, 0o755); err != nil {
		return FollowNone, err
	}
	cleanStale(modsDir)
	staging, err := os.MkdirTemp(modsDir, stagingPrefix)
	if err != nil {
		return FollowNone, err
	}
	setActive(staging, true)
	defer func() {
		os.RemoveAll(staging)
		setActive(staging, false)
	}()
	dir := filepath.Join(staging, "module")
	if err := in.materialize(code, rec, dir, lim); err != nil {
		return FollowNone, err
	}
	shown := "store:" + code // where the files came from, in messages
	m, err := in.vet(dir, shown)
	if err != nil {
		return FollowNone, fmt.Errorf("module %q: %w", code, err)
	}
	if m.Code != code {
		return FollowNone, refused(code, "its manifest says code %q", m.Code)
	}
	var c Change
	compareGrants(&c, rec.grants, grantsOf(m), in.Defaults)
	if len(c.Added) > 0 {
		c.Code, c.FromVersion, c.ToVersion = code, rec.Version, m.Version
		return FollowNone, refused(code, "its manifest asks for more than the grants approved at install:%s",
			strings.TrimPrefix(c.String(), c.Code+" "+versionText(c.FromVersion)+" -> "+versionText(c.ToVersion)+" asks for more:"))
	}
	if err := in.swap(ctx, staging, dir, rec, true); err != nil {
		return FollowInstalled, err
	}
	return FollowInstalled, nil
}

// materialize writes the files rec's listing names into dir (made here),
// each verified, and checks the whole against rec.Digest.
func (in *Installer) materialize(code string, rec record, dir string, lim FollowLimits) error {
	var lb bytes.Buffer
	if err := in.fetchBlobs(code, "the listing", *rec.Blobs, maxListing, &lb); err != nil {
		return err
	}
	var files []sharedFile
	if err := json.Unmarshal(lb.Bytes(), &files); err != nil {
		return refused(code, "the listing is not valid JSON: %v", err)
	}
	if len(files) > lim.MaxFiles {
		return refused(code, "%d files, more than the %d allowed", len(files), lim.MaxFiles)
	}
	var total int64
	seen := map[string]bool{}
	for _, f := range files {
		if why := checkSharedPath(f.Path); why != "" {
			return refused(code, "the path %q %s", f.Path, why)
		}
		if seen[f.Path] {
			return refused(code, "the path %q is listed twice", f.Path)
		}
		seen[f.Path] = true
		if f.Size < 0 {
			return refused(code, "%s: a negative size", f.Path)
		}
		if total += f.Size; total > lim.MaxBytes {
			return refused(code, "its files add up to more than the %d bytes allowed", lim.MaxBytes)
		}
	}
	if !seen[manifest.Path] {
		return refused(code, "the listing has no %s", manifest.Path)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files {
		if d := path.Dir(f.Path); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return refused(code, "the path %q: %v", f.Path, err)
			}
		}
		out, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return refused(code, "the path %q: %v", f.Path, err)
		}
		err = in.fetchBlobs(code, f.Path, f.blobRef, f.Size, out)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	sum, _, err := digestLines(dir)
	if err != nil {
		return refused(code, "%v", err)
	}
	if sum != rec.Digest {
		return refused(code, "its files do not match the record's digest")
	}
	return nil
}

// unshare unloads a module that is no longer recorded and removes its
// directory, as Remove does without touching the store.
func (in *Installer) unshare(ctx context.Context, code, target string) error {
	ctx, unlock, err := lockModules(ctx, in.AppRoot)
	if err != nil {
		return err
	}
	defer unlock()
	wasLoaded := in.unload(ctx, code)
	aside := filepath.Join(in.modulesDir(), removedPrefix+code+"-"+randomSuffix())
	if err := os.Rename(target, aside); err != nil {
		in.reload(ctx, wasLoaded, target)
		return err
	}
	return os.RemoveAll(aside)
}

// collect deletes the blobs among candidates (and those an earlier
// collect put off) that no record uses; with candidates nil, every blob.
// An install is taken into account whatever its stage:
//
//   - The candidates' versions are read first, and a blob is deleted only
//     at the version read: an install that writes it afterwards (every
//     install writes all its blobs, even those the store has) keeps it.
//   - An install announced in "_installing" (it may be writing blobs it
//     has not recorded yet) holds the deletions off: the candidates are
//     noted in "_collect" for the next collect.
//   - The records are read last: a blob one of them uses stays.
//
// An announcement older than staleAfter is from an install that died: it
// is dropped and everything is collected, so what that install wrote goes
// too.
func (in *Installer) collect(candidates []string) error {
	sys := in.Store.System()
	full := candidates == nil
	versions := map[string]uint64{}
	deferred := map[string]uint64{}
	if err := in.listAll(collectGroup, func(e kv.Entry) error {
		deferred[e.Key] = e.Version
		candidates = append(candidates, e.Key)
		return nil
	}); err != nil {
		return err
	}
	if full {
		if err := in.listAll(blobGroup, func(e kv.Entry) error {
			versions[e.Key] = e.Version
			return nil
		}); err != nil {
			return err
		}
	} else {
		for _, k := range candidates {
			if _, ok := versions[k]; ok || !isSum(k) {
				continue
			}
			e, err := sys.Get(blobGroup, k)
			if errors.Is(err, kv.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			versions[k] = e.Version
		}
	}

	live, stale := false, false
	if err := in.listAll(pendingGroup, func(e kv.Entry) error {
		var p pending
		if json.Unmarshal(e.Value, &p) != nil || time.Since(p.Time) > staleAfter {
			sys.CompareAndDelete(pendingGroup, e.Key, e.Version)
			stale = true
		} else {
			live = true
		}
		return nil
	}); err != nil {
		return err
	}
	if stale && !full {
		return in.collect(nil)
	}
	if live {
		var errs []error
		for k := range versions {
			if _, ok := deferred[k]; !ok {
				_, err := sys.Set(collectGroup, k, []byte{})
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}

	used := map[string]bool{}
	if err := in.listAll(recordGroup, func(e kv.Entry) error {
		var rec record
		if json.Unmarshal(e.Value, &rec) != nil {
			// a record this package cannot read may still name blobs:
			// keep everything rather than guess
			return errKeepAll
		}
		keys, err := in.blobKeys(rec)
		for _, k := range keys {
			used[k] = true
		}
		return err
	}); err != nil {
		if errors.Is(err, errKeepAll) {
			return nil
		}
		return err
	}
	var errs []error
	for k, v := range versions {
		if used[k] {
			continue
		}
		if err := sys.CompareAndDelete(blobGroup, k, v); err != nil &&
			!errors.Is(err, kv.ErrConflict) && !errors.Is(err, kv.ErrNotFound) {
			errs = append(errs, err)
		}
	}
	for k, v := range deferred {
		if err := sys.CompareAndDelete(collectGroup, k, v); err != nil &&
			!errors.Is(err, kv.ErrConflict) && !errors.Is(err, kv.ErrNotFound) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

var errKeepAll = errors.New("keep every blob")

// blobKeys are the blobs rec uses: its listing's and its files'. A listing
// that cannot be read (refused) names only itself; a failed read is an
// error.
func (in *Installer) blobKeys(rec record) ([]string, error) {
	if rec.Blobs == nil {
		return nil, nil
	}
	keys := slices.Clone(rec.Blobs.keys())
	var lb bytes.Buffer
	if err := in.fetchBlobs(rec.Code, "the listing", *rec.Blobs, maxListing, &lb); err != nil {
		if errors.Is(err, ErrSharedRefused) {
			return keys, nil // its files cannot be found from it anyway
		}
		return keys, err
	}
	var files []sharedFile
	if json.Unmarshal(lb.Bytes(), &files) != nil {
		return keys, nil
	}
	for _, f := range files {
		keys = append(keys, f.keys()...)
	}
	return keys, nil
}

// listAll calls fn with every entry of a system group, page by page.
func (in *Installer) listAll(group string, fn func(kv.Entry) error) error {
	after := ""
	for {
		entries, next, err := in.Store.System().List(group, "", after, 0)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := fn(e); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		after = next
	}
}

// collectLogged is collect with its failure logged: the install or
// removal it follows succeeded, and the next one collects again.
func (in *Installer) collectLogged(candidates []string) {
	if candidates == nil {
		candidates = []string{} // none: not every blob
	}
	if err := in.collect(candidates); err != nil {
		in.logger().Warn("shared install: deleting unused blobs", "err", err)
	}
}
