package caps

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// FileInfo describes a file for a guest. Name is the last element of the
// guest's path ("." for the app root), or the entry's name in a listing.
type FileInfo struct {
	Name    string
	Size    int64
	IsDir   bool
	ModTime time.Time
	Mode    fs.FileMode
}

func toFileInfo(name string, fi fs.FileInfo) FileInfo {
	return FileInfo{Name: name, Size: fi.Size(), IsDir: fi.IsDir(), ModTime: fi.ModTime(), Mode: fi.Mode()}
}

// TempPrefix starts the name of WriteFile's temporary files. One is left
// behind only if the process dies between creating and renaming it.
const TempPrefix = ".corets-tmp-"

// Errors an FS call can wrap in an *fs.PathError besides the OS's own.
var (
	errIsDir      = errors.New("is a directory")
	errNotDir     = errors.New("not a directory")
	errNotRegular = errors.New("not a regular file")
	errChanged    = errors.New("the file changed while it was opened")
	errReadOnly   = fmt.Errorf("the file is read-only: %w", fs.ErrPermission)
)

// Reasons for refusals that no grant can lift.
const (
	reasonEscapes    = "a symbolic link leads outside the granted tree"
	reasonLink       = "the path is a symbolic link (write to the file it points to)"
	reasonGrantLink  = "the granted name is a symbolic link"
	reasonRemoveRoot = "the app root cannot be removed"
	reasonGrantRoot  = "the path is a granted directory itself; remove what is inside it"
	reasonReserved   = "the path is reserved for the runtime"
)

// FS is confined file access on an app root.
//
// Every call checks the guest's path against the read or write grants
// first, then walks to it one component at a time, each directory opened
// relative to the handle of the one before (see walk): first the grant's own
// path from the app root, then the rest from the granted directory, or, for
// a grant that is a single file or does not exist yet, the grant's parent
// directory and only that one name. Symbolic links are followed by the walk
// itself, so a link can never lead outside the granted tree (nor outside the
// app root), and a directory swapped for a link after it was entered cannot
// redirect the access. Symbolic links that stay inside the granted tree
// still work; a grant may itself be a symbolic link to elsewhere inside the
// app root, never outside it.
//
// Reserved files and directories (OpenFSReserved) are refused by identity
// at access time: every directory the walk enters and the file or
// directory the call finally reads, lists, replaces or removes is compared
// with them (os.SameFile), whatever path reached it.
//
// Handles are opened per call and closed at its end rather than cached: a
// cached handle would go on naming a directory that was removed and made
// again, and an openat per call costs little next to a host call.
//
// Errors from the OS are *fs.PathError values whose Op is the operation
// ("read", "write", "list", "stat", "remove", "mkdir") and whose Path is the
// guest's path exactly as given, so errors.Is(err, fs.ErrNotExist) works and
// the text never shows the host's absolute path. Refusals are *DeniedError.
//
// An FS is safe for concurrent use.
type FS struct {
	mu       sync.RWMutex
	root     *os.Root // nil once closed
	hostPath string   // only to keep it out of guest-visible errors
	read     *PathSet
	write    *PathSet
	reserved *Reserved // nil reserves nothing

	// writeData writes a file's content; tests replace it to fail midway.
	writeData func(w io.Writer, data []byte) error
}

// OpenFS opens confined file access on appRoot with the given read and
// write grants (manifest values, validated as NewPathSet does). It refuses a
// root that is not a directory. Errors from OpenFS are for the host and may
// name appRoot.
func OpenFS(appRoot string, read, write []string) (*FS, error) {
	return OpenFSReserved(appRoot, read, write, nil)
}

// OpenFSReserved is OpenFS with reserved files and directories that no
// grant reaches, however the path to them is spelled (see Reserved). A
// refusal for one is a *DeniedError whose reason is "the path is reserved
// for the runtime".
func OpenFSReserved(appRoot string, read, write []string, reserved *Reserved) (*FS, error) {
	r, err := NewPathSet("read", read)
	if err != nil {
		return nil, err
	}
	w, err := NewPathSet("write", write)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(appRoot)
	if err != nil {
		return nil, fmt.Errorf("app root: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("app root %s is not a directory", appRoot)
	}
	root, err := os.OpenRoot(appRoot)
	if err != nil {
		return nil, fmt.Errorf("app root: %w", err)
	}
	hostPath, err := filepath.Abs(appRoot)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("app root: %w", err)
	}
	return &FS{root: root, hostPath: hostPath, read: r, write: w, reserved: reserved, writeData: writeAll}, nil
}

func writeAll(w io.Writer, data []byte) error {
	n, err := w.Write(data)
	if err == nil && n < len(data) {
		err = io.ErrShortWrite
	}
	return err
}

// Close releases the app root. Calls after Close fail with fs.ErrClosed.
func (f *FS) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.root == nil {
		return nil
	}
	err := f.root.Close()
	f.root = nil
	return err
}

// place is where a call does its access: name inside root.
type place struct {
	root      *os.Root
	name      string     // one name in root, or "." for root itself
	single    bool       // the grant is this one name in its parent, not a tree
	grantRoot bool       // the path is the granted directory itself (or the app root)
	rel       string     // the clean path relative to the app root
	tree      *os.Root   // the granted directory (nil for a single grant)
	inner     string     // the path relative to tree
	handles   []*os.Root // opened for this call
}

func (pl *place) close() {
	for _, h := range pl.handles {
		h.Close()
	}
}

// keep adds h to what close closes, unless it is the app root's own.
func (pl *place) keep(f *FS, h *os.Root) {
	if h != f.root && !slices.Contains(pl.handles, h) {
		pl.handles = append(pl.handles, h)
	}
}

// locate checks p against set, opens the granted tree and walks to p in it
// (see walk; mode is how to treat p's last component). The caller holds
// f.mu for reading and closes the place.
func (f *FS) locate(set *PathSet, op, p string, mode walkMode) (*place, error) {
	if f.root == nil {
		return nil, &fs.PathError{Op: op, Path: p, Err: fs.ErrClosed}
	}
	grant, rel, err := set.check(p)
	if err != nil {
		return nil, err
	}
	pl := &place{rel: rel, grantRoot: rel == grant}
	// The grant's own path is walked from the app root: it may be a link
	// to anywhere inside the app root, never outside it, and never to a
	// reserved directory.
	tree, last, err := f.walk(f.root, grant, followLast)
	if err != nil {
		return nil, f.osErr(set, op, p, err)
	}
	pl.keep(f, tree)
	if last == "." {
		pl.tree, pl.inner = tree, "."
		if rel != grant {
			pl.inner = rel
			if grant != "." {
				pl.inner = rel[len(grant)+1:]
			}
		}
		dir, name, err := f.walk(tree, pl.inner, mode)
		if err != nil {
			pl.close()
			return nil, f.osErr(set, op, p, err)
		}
		pl.keep(f, dir)
		pl.root, pl.name = dir, name
		return pl, nil
	}
	// The grant is not a directory (a file, or nothing yet).
	if rel != grant {
		// Below a grant that is not a directory there is nothing.
		err := errNotDir
		if _, lerr := tree.Lstat(last); lerr != nil {
			err = lerr
		}
		pl.close()
		return nil, f.osErr(set, op, p, err)
	}
	pl.close()
	// The grant is this one name in its parent, taken as it is: a link
	// there would lead to some other name (refuseSingleLink).
	dir, name, err := f.walk(f.root, grant, 0)
	if err != nil {
		return nil, f.osErr(set, op, p, err)
	}
	single := &place{root: dir, name: name, rel: rel, single: true}
	single.keep(f, dir)
	return single, nil
}

// osErr turns an OS error into one that shows only the guest's path.
func (f *FS) osErr(set *PathSet, op, p string, err error) error {
	var denied *DeniedError
	if errors.As(err, &denied) {
		return err
	}
	inner := underlying(err)
	if inner.Error() == errEscapes.Error() { // also os.Root's unexported errPathEscapes
		return &DeniedError{Capability: set.capability, Value: p, Reason: reasonEscapes}
	}
	if inner == errReserved {
		return &DeniedError{Capability: set.capability, Value: p, Reason: reasonReserved}
	}
	if f.hostPath != "" && strings.Contains(inner.Error(), f.hostPath) {
		inner = hiddenError{inner}
	}
	return &fs.PathError{Op: op, Path: p, Err: inner}
}

// underlying strips the path-carrying wrappers the os package adds.
func underlying(err error) error {
	for {
		switch e := err.(type) {
		case *fs.PathError:
			err = e.Err
		case *os.LinkError:
			err = e.Err
		case *os.SyscallError:
			err = e.Err
		default:
			return err
		}
	}
}

// hiddenError keeps an error comparable but not its text, which named a
// host path.
type hiddenError struct{ err error }

func (e hiddenError) Error() string { return "file system error" }
func (e hiddenError) Unwrap() error { return e.err }

// refuseSingleLink refuses a single-name grant whose name is a symbolic
// link: the link would lead to some other name, outside what was granted.
func (f *FS) refuseSingleLink(set *PathSet, pl *place, p string, fi fs.FileInfo) error {
	if pl.single && fi.Mode()&fs.ModeSymlink != 0 {
		return &DeniedError{Capability: set.capability, Value: p, Reason: reasonGrantLink}
	}
	return nil
}

// statFollow stats the place, which locate reached with followLast: the
// links inside the granted tree were followed there, so a link now means
// the name was swapped since (or, for a single grant, that the grant is a
// link).
func (f *FS) statFollow(set *PathSet, pl *place, op, p string) (fs.FileInfo, error) {
	fi, err := pl.root.Lstat(pl.name)
	if err != nil {
		return nil, f.osErr(set, op, p, err)
	}
	if err := f.refuseSingleLink(set, pl, p, fi); err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: op, Path: p, Err: errChanged}
	}
	if err := f.checkFile(fi); err != nil {
		return nil, f.osErr(set, op, p, err)
	}
	return fi, nil
}

// open opens the place for reading and makes sure it is the file that was
// checked: fi came from statFollow.
func (f *FS) open(set *PathSet, pl *place, op, p string, fi fs.FileInfo) (*os.File, error) {
	file, err := pl.root.Open(pl.name)
	if err != nil {
		return nil, f.osErr(set, op, p, err)
	}
	got, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, f.osErr(set, op, p, err)
	}
	if !os.SameFile(fi, got) {
		// Swapped between the check and the open, perhaps for a link.
		file.Close()
		return nil, &fs.PathError{Op: op, Path: p, Err: errChanged}
	}
	if err := f.checkFile(got); err != nil {
		file.Close()
		return nil, f.osErr(set, op, p, err)
	}
	return file, nil
}

// ReadFile reads a file under a read grant. A file larger than limit bytes
// (a negative limit counts as 0) is a *TooLargeError; it never reads more than
// limit+1 bytes. Only regular files are read: a FIFO or a device is refused
// before it is opened, so it cannot block the host.
func (f *FS) ReadFile(p string, limit int64) ([]byte, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "read"
	limit = min(max(limit, 0), math.MaxInt64-1) // limit+1 must not overflow
	pl, err := f.locate(f.read, op, p, followLast)
	if err != nil {
		return nil, err
	}
	defer pl.close()
	fi, err := f.statFollow(f.read, pl, op, p)
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, &fs.PathError{Op: op, Path: p, Err: errIsDir}
	case !fi.Mode().IsRegular():
		return nil, &fs.PathError{Op: op, Path: p, Err: errNotRegular}
	case fi.Size() > limit:
		return nil, &TooLargeError{Op: op, Path: p, Limit: limit}
	}
	file, err := f.open(f.read, pl, op, p, fi)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// The file may have grown since the stat: read one byte past the limit
	// to see it, and no more.
	buf := make([]byte, 0, min(fi.Size(), limit, 64<<20)+1)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 64<<10)
		}
		room := int64(cap(buf) - len(buf))
		if left := limit + 1 - int64(len(buf)); room > left {
			room = left
		}
		n, err := file.Read(buf[len(buf) : len(buf)+int(room)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{Op: op, Path: p, Limit: limit}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, f.osErr(f.read, op, p, err)
		}
	}
	return buf, nil
}

// ReadDir lists a directory under a read grant, sorted by name. More than
// limit entries (a negative limit counts as 0) is a *TooLargeError; it never
// reads more than limit+1. Entries describe themselves, not what a symbolic
// link points to.
func (f *FS) ReadDir(p string, limit int) ([]FileInfo, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "list"
	limit = max(limit, 0)
	pl, err := f.locate(f.read, op, p, followLast)
	if err != nil {
		return nil, err
	}
	defer pl.close()
	fi, err := f.statFollow(f.read, pl, op, p)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: op, Path: p, Err: errNotDir}
	}
	dir, err := f.open(f.read, pl, op, p, fi)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	n := limit + 1
	if n <= 0 { // limit was the largest int
		n = limit
	}
	entries, err := dir.ReadDir(n)
	if err != nil && err != io.EOF {
		return nil, f.osErr(f.read, op, p, err)
	}
	if len(entries) > limit {
		return nil, &TooLargeError{Op: op, Path: p, Limit: int64(limit)}
	}
	out := make([]FileInfo, 0, len(entries))
	for _, e := range entries {
		// DirEntry.Info would lstat by the directory's host path, outside
		// the root's confinement; ask the root instead.
		efi, err := pl.root.Lstat(path.Join(pl.name, e.Name()))
		if err != nil {
			continue // removed since the listing
		}
		out = append(out, toFileInfo(e.Name(), efi))
	}
	slices.SortFunc(out, func(a, b FileInfo) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Stat describes a file or directory under a read grant, following symbolic
// links that stay inside the granted tree.
func (f *FS) Stat(p string) (FileInfo, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "stat"
	pl, err := f.locate(f.read, op, p, followLast)
	if err != nil {
		return FileInfo{}, err
	}
	defer pl.close()
	fi, err := f.statFollow(f.read, pl, op, p)
	if err != nil {
		return FileInfo{}, err
	}
	return toFileInfo(path.Base(pl.rel), fi), nil
}

// WriteFile replaces a file's content under a write grant, atomically: the
// data goes to a new temporary file in the same directory (created with
// O_EXCL under a random name starting with TempPrefix), which is synced,
// closed and renamed over the target. On any failure the old content stays
// and the temporary file is removed.
//
// The parent directory must exist. WriteFile refuses a target that is a
// directory, a FIFO, a device or a symbolic link (write to the file it
// points to), and a file without the owner's write permission. A replaced
// file keeps its permission bits; a new one gets 0644 less the umask.
func (f *FS) WriteFile(p string, data []byte) error {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "write"
	pl, err := f.locate(f.write, op, p, 0)
	if err != nil {
		return err
	}
	defer pl.close()
	if pl.name == "." {
		return &fs.PathError{Op: op, Path: p, Err: errIsDir}
	}
	perm, mode := fs.FileMode(0o644), fs.FileMode(0)
	old, err := pl.root.Lstat(pl.name)
	switch {
	case err == nil && old.Mode()&fs.ModeSymlink != 0:
		if pl.tree != nil {
			dir, _, serr := f.walk(pl.tree, pl.inner, followLast)
			if serr == nil && dir != pl.tree {
				dir.Close()
			}
			if errors.Is(serr, errEscapes) {
				return &DeniedError{Capability: "write", Value: p, Reason: reasonEscapes}
			}
		}
		if pl.single {
			return &DeniedError{Capability: "write", Value: p, Reason: reasonGrantLink}
		}
		return &DeniedError{Capability: "write", Value: p, Reason: reasonLink}
	case err == nil && f.checkFile(old) != nil:
		return f.osErr(f.write, op, p, errReserved)
	case err == nil && old.IsDir():
		return &fs.PathError{Op: op, Path: p, Err: errIsDir}
	case err == nil && !old.Mode().IsRegular():
		return &fs.PathError{Op: op, Path: p, Err: errNotRegular}
	case err == nil && old.Mode().Perm()&0o200 == 0:
		// rename(2) would replace it regardless; Windows would not.
		return &fs.PathError{Op: op, Path: p, Err: errReadOnly}
	case err == nil:
		perm, mode = 0o600, old.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return f.osErr(f.write, op, p, err)
	}
	dir := path.Dir(pl.name)
	if dfi, err := pl.root.Stat(dir); err != nil {
		return f.osErr(f.write, op, p, err)
	} else if !dfi.IsDir() {
		return &fs.PathError{Op: op, Path: p, Err: errNotDir}
	}
	tmp, file, err := createTemp(pl.root, dir, perm)
	if err != nil {
		return f.osErr(f.write, op, p, err)
	}
	err = f.writeData(file, data)
	if err == nil && mode != 0 {
		err = file.Chmod(mode)
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = pl.root.Rename(tmp, pl.name)
	}
	if err != nil {
		pl.root.Remove(tmp)
		return f.osErr(f.write, op, p, err)
	}
	// Make the rename itself durable where the OS allows syncing a
	// directory; where it does not (Windows), the rename already is.
	if d, err := pl.root.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// createTemp creates a new file in dir inside root with a random name.
func createTemp(root *os.Root, dir string, perm fs.FileMode) (string, *os.File, error) {
	var lastErr error
	for range 5 {
		var b [12]byte
		rand.Read(b[:])
		name := path.Join(dir, TempPrefix+hex.EncodeToString(b[:]))
		file, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			return name, file, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", nil, err
		}
		lastErr = err
	}
	return "", nil, lastErr
}

// Remove removes a file or an empty directory under a write grant. A
// symbolic link is removed itself, never what it points to. It refuses the
// app root and a granted directory itself (its content can be removed; the
// grant's directory is the manifest's, not the module's).
func (f *FS) Remove(p string) error {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "remove"
	pl, err := f.locate(f.write, op, p, 0)
	if err != nil {
		return err
	}
	defer pl.close()
	switch {
	case pl.rel == ".":
		return &DeniedError{Capability: "write", Value: p, Reason: reasonRemoveRoot}
	case pl.grantRoot:
		return &DeniedError{Capability: "write", Value: p, Reason: reasonGrantRoot}
	}
	fi, err := pl.root.Lstat(pl.name)
	if err != nil {
		return f.osErr(f.write, op, p, err)
	}
	if pl.single && fi.IsDir() {
		return &DeniedError{Capability: "write", Value: p, Reason: reasonGrantRoot}
	}
	if err := f.checkFile(fi); err != nil {
		return f.osErr(f.write, op, p, err)
	}
	if err := pl.root.Remove(pl.name); err != nil {
		return f.osErr(f.write, op, p, err)
	}
	return nil
}

// MkdirAll makes a directory and any missing parents under a write grant
// (mode 0755 less the umask). When the granted directory itself is missing,
// it is made too, with any missing directories on the way to it: those are
// the grant's own path, which the manifest named.
func (f *FS) MkdirAll(p string) error {
	f.mu.RLock()
	defer f.mu.RUnlock()
	const op = "mkdir"
	if f.root == nil {
		return &fs.PathError{Op: op, Path: p, Err: fs.ErrClosed}
	}
	grant, rel, err := f.write.check(p)
	if err != nil {
		return err
	}
	// Walked like every other access, making what is missing on the way,
	// so each directory made or entered is checked before the next.
	const mode = followLast | createDirs
	tree, last, err := f.walk(f.root, grant, mode)
	if err == nil && tree != f.root {
		defer tree.Close()
	}
	if err == nil && last != "." {
		err = errNotDir
	}
	if err != nil {
		return f.osErr(f.write, op, p, err)
	}
	if rel == grant {
		return nil
	}
	inner := rel
	if grant != "." {
		inner = rel[len(grant)+1:]
	}
	dir, last, err := f.walk(tree, inner, mode)
	if err == nil && dir != tree {
		dir.Close()
	}
	if err == nil && last != "." {
		err = errNotDir
	}
	if err != nil {
		return f.osErr(f.write, op, p, err)
	}
	return nil
}

// String describes the FS without the host path, for logs a guest may see.
func (f *FS) String() string {
	return fmt.Sprintf("caps.FS{read: %q, write: %q}", f.read.grants, f.write.grants)
}
