package install

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// copyDir copies the directory src into u. Regular files and directories
// are copied; a symbolic link is followed when it resolves inside src (its
// target is copied in its place) and refused otherwise, and so is one that
// makes a cycle; devices, pipes and sockets are refused; .git is skipped.
func copyDir(u *unpacker, src string) error {
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return err
	}
	defer root.Close()
	c := &dirCopy{u: u, real: real, root: root}
	return c.walk(".", "", []string{"."})
}

type dirCopy struct {
	u    *unpacker
	real string   // the source directory, symlinks resolved
	root *os.Root // the same, for reading
}

// walk copies the source directory at from (relative to c.real, symlinks
// resolved) to to (a slash path in the destination). chain holds the real
// directories being copied above it, to refuse cycles.
func (c *dirCopy) walk(from, to string, chain []string) error {
	d, err := c.root.Open(from)
	if err != nil {
		return err
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return err
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	for _, e := range entries {
		src := filepath.Join(from, e.Name())
		dst := path.Join(to, e.Name())
		if strings.EqualFold(e.Name(), ".git") {
			continue
		}
		if err := c.u.entry(); err != nil {
			return err
		}
		if _, err := entryPath(dst); err != nil {
			return err
		}
		fi, err := c.root.Lstat(src)
		if err != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if src, fi, err = c.resolve(src, dst); err != nil {
				return err
			}
		}
		switch {
		case fi.IsDir():
			if slices.Contains(chain, src) {
				return fmt.Errorf("%w: %s: a symbolic link makes a cycle", ErrUnsafeEntry, dst)
			}
			if err := c.u.mkdir(dst); err != nil {
				return err
			}
			if err := c.walk(src, dst, append(slices.Clip(chain), src)); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			if err := c.copyFile(src, dst, fi); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: %s is not a regular file or a directory (%s)", ErrUnsafeEntry, dst, fi.Mode().Type())
		}
	}
	return nil
}

// resolve follows the symbolic link at src and returns its target
// relative to the source directory, refusing one that leaves it.
func (c *dirCopy) resolve(src, dst string) (string, fs.FileInfo, error) {
	target, err := filepath.EvalSymlinks(filepath.Join(c.real, src))
	if err != nil {
		return "", nil, fmt.Errorf("%w: %s: a symbolic link that does not resolve: %w", ErrUnsafeEntry, dst, err)
	}
	rel, err := filepath.Rel(c.real, target)
	if err != nil || !filepath.IsLocal(rel) {
		return "", nil, fmt.Errorf("%w: %s is a symbolic link pointing outside the module", ErrUnsafeEntry, dst)
	}
	for part := range strings.SplitSeq(filepath.ToSlash(rel), "/") {
		if strings.EqualFold(part, ".git") {
			return "", nil, fmt.Errorf("%w: %s is a symbolic link into .git", ErrUnsafeEntry, dst)
		}
	}
	fi, err := c.root.Lstat(rel)
	if err != nil {
		return "", nil, err
	}
	return rel, fi, nil
}

func (c *dirCopy) copyFile(src, dst string, fi fs.FileInfo) error {
	f, err := c.root.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	// the file may have been replaced since Lstat; what is open is what
	// counts
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: %s is not a regular file", ErrUnsafeEntry, dst)
	}
	return c.u.file(dst, f, st.Size(), fi.Mode()&0o111 != 0)
}
