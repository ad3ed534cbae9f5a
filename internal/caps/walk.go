package caps

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxLinks bounds the symbolic links one path goes through, as the OS's
// own limit does (40 on Linux).
const maxLinks = 40

// maxSteps bounds the components one walk visits (links and ".." in link
// targets make a walk longer than its path).
const maxSteps = 16_384

// Errors of a walk; osErr turns the first two into refusals.
var (
	errEscapes  = errors.New("path escapes from parent") // os.Root's text, for one check in osErr
	errReserved = errors.New("the path is reserved for the runtime")
	errLoop     = errors.New("too many levels of symbolic links")
)

// walkMode says how walk treats the last component.
type walkMode int

const (
	// followLast follows a last component that is a symbolic link, and
	// enters one that is a directory (walk then returns its name as ".").
	// Without it the last component is returned as it is, link or not.
	followLast walkMode = 1 << iota
	// createDirs makes missing directories on the way (0755 less the
	// umask), the last one included.
	createDirs
)

// walk resolves name, clean and relative to base, one component at a time
// from base: each directory is opened relative to the handle of the one
// before (os.Root.OpenRoot of a single name), its identity checked against
// the one Lstat saw (so a directory swapped for a link between the two is
// noticed) and against the reserved directories; each name is checked
// against the names reserved in the directory it is in. Symbolic links are read
// and followed here, by name, from the directory that holds them; one that
// is absolute or climbs above base is refused. So an access goes only
// through directories that were checked, by handles that cannot be
// redirected afterwards: swapping a directory on the path for a link once
// it was entered changes nothing for this walk.
//
// It returns the directory holding the last component and that component's
// name, which may not exist; or, when the walk ends in a directory
// (followLast, or name "."), that directory and ".". The directory is base
// itself or a new handle the caller closes. base is never closed.
func (f *FS) walk(base *os.Root, name string, mode walkMode) (*os.Root, string, error) {
	baseInfo, err := f.checkDir(base)
	if err != nil {
		return nil, "", err
	}
	cur, curInfo := base, baseInfo
	fail := func(err error) (*os.Root, string, error) {
		if cur != base {
			cur.Close()
		}
		return nil, "", err
	}
	var at []string // the real directories entered from base to cur
	todo := splitPath(name)
	links, steps := 0, 0
	for len(todo) > 0 {
		if steps++; steps > maxSteps {
			return fail(errLoop)
		}
		c := todo[0]
		todo = todo[1:]
		switch c {
		case "", ".":
			continue
		case "..": // only from a link's target: guest paths are clean
			if len(at) == 0 {
				return fail(errEscapes)
			}
			// Walk again from base rather than open "..": every
			// directory is checked again on the way, and no handle to
			// a parent has to be kept open.
			if cur != base {
				cur.Close()
			}
			cur, curInfo = base, baseInfo
			todo = append(append([]string(nil), at[:len(at)-1]...), todo...)
			at = at[:0]
			continue
		}
		if f.reserved.isEntry(curInfo, c) {
			return fail(errReserved)
		}
		last := len(todo) == 0
		if last && mode&followLast == 0 && mode&createDirs == 0 {
			return cur, c, nil
		}
		fi, err := cur.Lstat(c)
		if errors.Is(err, fs.ErrNotExist) && mode&createDirs != 0 {
			if err = cur.Mkdir(c, 0o755); err == nil || errors.Is(err, fs.ErrExist) {
				fi, err = cur.Lstat(c)
			}
		}
		if err != nil {
			if last && errors.Is(err, fs.ErrNotExist) {
				return cur, c, nil
			}
			return fail(err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if links++; links > maxLinks {
				return fail(errLoop)
			}
			target, err := cur.Readlink(c)
			if err != nil {
				return fail(err)
			}
			parts, ok := linkParts(target)
			if !ok {
				return fail(errEscapes)
			}
			todo = append(parts, todo...)
			continue
		}
		if !fi.IsDir() {
			if last {
				return cur, c, nil
			}
			if err := f.checkFile(fi); err != nil {
				return fail(err) // say why first: "store.db/x" is the store's
			}
			return fail(errNotDir)
		}
		sub, err := cur.OpenRoot(c)
		if err != nil {
			return fail(err)
		}
		got, err := sub.Stat(".")
		if err == nil && !os.SameFile(fi, got) {
			err = errChanged // swapped between the Lstat and the open
		}
		if err == nil {
			err = f.checkDirInfo(got)
		}
		if err != nil {
			sub.Close()
			return fail(err)
		}
		if cur != base {
			cur.Close()
		}
		cur, curInfo = sub, got
		at = append(at, c)
	}
	return cur, ".", nil
}

// checkDir refuses a directory handle that is a reserved directory, and
// returns its identity (nil when nothing is reserved).
func (f *FS) checkDir(r *os.Root) (fs.FileInfo, error) {
	if f.reserved.Len() == 0 {
		return nil, nil
	}
	fi, err := r.Stat(".")
	if err != nil {
		return nil, err
	}
	return fi, f.checkDirInfo(fi)
}

func (f *FS) checkDirInfo(fi fs.FileInfo) error {
	if f.reserved.isDir(fi) {
		return errReserved
	}
	return nil
}

// checkFile refuses a reserved file or directory; fi is what the access
// reaches (an Lstat of the name, or an fstat of what was opened).
func (f *FS) checkFile(fi fs.FileInfo) error {
	if f.reserved.has(fi) {
		return errReserved
	}
	return nil
}

// splitPath splits a clean slash path into its components ("." is none).
func splitPath(p string) []string {
	if p == "." || p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// linkParts splits a link's target into components, or reports false for
// a target that is absolute (or names a volume, on Windows): such a link
// leaves every granted tree.
func linkParts(target string) ([]string, bool) {
	if target == "" || filepath.IsAbs(target) || filepath.VolumeName(target) != "" {
		return nil, false
	}
	t := filepath.ToSlash(target)
	if strings.HasPrefix(t, "/") {
		return nil, false
	}
	return strings.Split(t, "/"), true
}
