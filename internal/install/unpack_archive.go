package install

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// unpackTar writes a tar stream (gzipped when gz) into u. Only regular
// files and directories are accepted: links of either kind, devices and
// pipes are refused, as are unsafe names (entryPath). Sizes and counts are
// checked as the stream goes, so a bomb is refused when it reaches the
// limit, not after.
func unpackTar(u *unpacker, r io.Reader, gz bool) error {
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("not a gzip file: %w", err)
		}
		defer zr.Close()
		r = zr
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, tar.ErrInsecurePath) && h != nil {
			return fmt.Errorf("%w: %q is not a path inside the module", ErrUnsafeEntry, h.Name)
		}
		if err != nil {
			return fmt.Errorf("reading the archive: %w", err)
		}
		if err := u.entry(); err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeXGlobalHeader:
			continue // pax metadata for the whole archive, not a file
		case tar.TypeSymlink, tar.TypeLink:
			return fmt.Errorf("%w: %q is a link; links are not allowed in a module archive", ErrUnsafeEntry, h.Name)
		case tar.TypeChar, tar.TypeBlock, tar.TypeFifo:
			return fmt.Errorf("%w: %q is a device or pipe", ErrUnsafeEntry, h.Name)
		case tar.TypeDir, tar.TypeReg:
		default:
			return fmt.Errorf("%w: %q has entry type %q, which is not a file or a directory", ErrUnsafeEntry, h.Name, h.Typeflag)
		}
		rel, err := entryPath(h.Name)
		if err != nil {
			return err
		}
		if skipped(rel) {
			continue
		}
		if h.Typeflag == tar.TypeDir {
			if err := u.mkdir(rel); err != nil {
				return err
			}
			continue
		}
		if rel == "" {
			return fmt.Errorf("%w: %q is a file without a name", ErrUnsafeEntry, h.Name)
		}
		if err := u.file(rel, tr, h.Size, h.Mode&0o111 != 0); err != nil {
			return err
		}
	}
}

// unpackZip writes the zip file at name into u, under the same rules as
// unpackTar. A size in the central directory over the room left is refused
// before reading; the bytes really inflated are counted too, since the
// directory can lie.
func unpackZip(u *unpacker, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(f, st.Size())
	if errors.Is(err, zip.ErrInsecurePath) {
		return fmt.Errorf("%w: the archive holds a path that is not inside the module", ErrUnsafeEntry)
	}
	if err != nil {
		return fmt.Errorf("reading the archive: %w", err)
	}
	if len(zr.File) > u.lim.maxFiles {
		return fmt.Errorf("%w: %d entries, more than %d", ErrInstallTooLarge, len(zr.File), u.lim.maxFiles)
	}
	for _, zf := range zr.File {
		if err := u.entry(); err != nil {
			return err
		}
		mode := zf.Mode()
		dir := mode.IsDir() || strings.HasSuffix(zf.Name, "/")
		switch {
		case mode&fs.ModeSymlink != 0:
			return fmt.Errorf("%w: %q is a link; links are not allowed in a module archive", ErrUnsafeEntry, zf.Name)
		case !dir && !mode.IsRegular():
			return fmt.Errorf("%w: %q is not a file or a directory (%s)", ErrUnsafeEntry, zf.Name, mode.Type())
		}
		rel, err := entryPath(zf.Name)
		if err != nil {
			return err
		}
		if skipped(rel) {
			continue
		}
		if dir {
			if err := u.mkdir(rel); err != nil {
				return err
			}
			continue
		}
		if rel == "" {
			return fmt.Errorf("%w: %q is a file without a name", ErrUnsafeEntry, zf.Name)
		}
		if zf.UncompressedSize64 > uint64(u.room()) {
			return u.tooLarge()
		}
		rc, err := zf.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", zf.Name, err)
		}
		err = u.file(rel, rc, int64(zf.UncompressedSize64), mode&0o111 != 0)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// unpackArchive unpacks the archive at name into u.
func unpackArchive(u *unpacker, kind sourceKind, name string) error {
	if kind == sourceZip {
		return unpackZip(u, name)
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return unpackTar(u, f, kind == sourceTarGz)
}

// stripTop returns the module directory inside dir, where an archive was
// unpacked: the single top-level directory when everything is inside one
// (as in notes-1.0/.core/view.yml), else dir itself.
func stripTop(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	if len(entries) != 1 || !entries[0].IsDir() || entries[0].Name() == ".core" {
		return dir, nil
	}
	return filepath.Join(dir, entries[0].Name()), nil
}
