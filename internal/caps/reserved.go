package caps

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Reserved is what no file grant reaches, known by file identity (device
// and inode, or volume and file index on Windows; os.SameFile), not by name:
// the runtime's store, caches and installed modules. A directory is
// reserved with everything below it; a file alone.
//
// Identity rather than a path prefix, because a path can be spelled many
// ways: a relative store path, an app root reached through a symbolic
// link, a grant that is itself a link to a reserved directory, a link
// inside a grant, a hard link to the store. Whatever the spelling, the
// access ends in a directory or a file whose identity FS compares at access
// time (see FS).
//
// A path that may not exist yet is reserved by name in its directory
// (names): whatever is, or will be, called that in that directory (known
// by identity too), compared without case since some file systems ignore
// it. So a missing .corets/ or modules/ cannot be made by a module and
// filled for the runtime to trust later.
//
// The zero value and nil reserve nothing.
type Reserved struct {
	dirs    []fs.FileInfo
	files   []fs.FileInfo
	entries []reservedEntry
}

// reservedEntry is the name name in the directory dir.
type reservedEntry struct {
	dir  fs.FileInfo
	name string
}

// NewReserved takes the identities of dirs and files now, following
// symbolic links, and of the directories holding names. A dir or file that
// does not exist is skipped: the caller makes the directories it reserves
// before calling, or reserves them by name too (a missing directory cannot
// be recognised later by identity, when a module or anyone else has made
// it). A path of the wrong kind (a file among dirs) is an error; so is a
// name whose directory does not exist.
func NewReserved(dirs, files, names []string) (*Reserved, error) {
	r := &Reserved{}
	for _, n := range names {
		fi, err := os.Stat(filepath.Dir(n))
		if err != nil {
			return nil, fmt.Errorf("reserved name: %w", err)
		}
		r.entries = append(r.entries, reservedEntry{dir: fi, name: filepath.Base(n)})
		dirs = append(dirs, n) // and by identity, if it exists
	}
	for _, d := range dirs {
		fi, err := os.Stat(d)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reserved directory: %w", err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("reserved directory %s is not a directory", d)
		}
		r.dirs = append(r.dirs, fi)
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reserved file: %w", err)
		}
		r.files = append(r.files, fi)
	}
	return r, nil
}

// Len is the number of identities held, for logs and tests.
func (r *Reserved) Len() int {
	if r == nil {
		return 0
	}
	return len(r.dirs) + len(r.files) + len(r.entries)
}

// isEntry reports whether name in the directory dir is reserved by name.
func (r *Reserved) isEntry(dir fs.FileInfo, name string) bool {
	if r == nil || dir == nil {
		return false
	}
	for _, e := range r.entries {
		if strings.EqualFold(e.name, name) && os.SameFile(e.dir, dir) {
			return true
		}
	}
	return false
}

// isDir reports whether fi is a reserved directory.
func (r *Reserved) isDir(fi fs.FileInfo) bool {
	if r == nil || !fi.IsDir() {
		return false
	}
	for _, d := range r.dirs {
		if os.SameFile(d, fi) {
			return true
		}
	}
	return false
}

// has reports whether fi is a reserved file or directory.
func (r *Reserved) has(fi fs.FileInfo) bool {
	if r == nil {
		return false
	}
	if r.isDir(fi) {
		return true
	}
	for _, f := range r.files {
		if os.SameFile(f, fi) {
			return true
		}
	}
	return false
}
