package install

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// unpackLimits bound one install's writes.
type unpackLimits struct {
	maxBytes int64
	maxFiles int
}

// unpacker writes a module's files into a directory it holds as an
// os.Root, so nothing lands outside it whatever the names say, and counts
// entries and bytes against the limits as it goes.
type unpacker struct {
	ctx   context.Context
	root  *os.Root
	lim   unpackLimits
	bytes int64
	files int
}

// entry counts one entry of the source against MaxFiles.
func (u *unpacker) entry() error {
	if err := u.ctx.Err(); err != nil {
		return err
	}
	u.files++
	if u.files > u.lim.maxFiles {
		return fmt.Errorf("%w: more than %d files and directories", ErrInstallTooLarge, u.lim.maxFiles)
	}
	return nil
}

// room is how many more bytes may be written.
func (u *unpacker) room() int64 { return u.lim.maxBytes - u.bytes }

func (u *unpacker) tooLarge() error {
	return fmt.Errorf("%w: more than %s unpacked", ErrInstallTooLarge, sizeText(u.lim.maxBytes))
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (u *unpacker) mkdir(rel string) error {
	if rel == "" {
		return nil
	}
	return u.root.MkdirAll(filepath.FromSlash(rel), 0o755)
}

// file writes r to rel (a clean slash path), creating its directories.
// declared is the size the source claims, -1 if unknown: a claim over the
// room left is refused before anything is read. The bytes written are
// counted whatever the claim.
func (u *unpacker) file(rel string, r io.Reader, declared int64, executable bool) error {
	if declared > u.room() {
		return u.tooLarge()
	}
	name := filepath.FromSlash(rel)
	if dir := filepath.Dir(name); dir != "." {
		if err := u.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	perm := fs.FileMode(0o644)
	if executable {
		perm = 0o755
	}
	f, err := u.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	n, err := io.Copy(f, &ctxReader{ctx: u.ctx, r: io.LimitReader(r, u.room()+1)})
	u.bytes += n
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if u.bytes > u.lim.maxBytes {
		return u.tooLarge()
	}
	return nil
}

// ctxReader stops a long copy when its context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// entryPath checks a name from an archive and returns it as a clean slash
// path relative to the module directory, "" for the directory itself.
// Absolute paths, "..", backslashes, colons (drive letters, Windows
// alternate streams), control characters and names Windows reserves are
// refused, on every platform: an archive means the same everywhere.
func entryPath(name string) (string, error) {
	refuse := func(why string) (string, error) {
		return "", fmt.Errorf("%w: %q %s", ErrUnsafeEntry, name, why)
	}
	switch {
	case name == "":
		return refuse("has an empty name")
	case strings.HasPrefix(name, "/"):
		return refuse("is an absolute path")
	case strings.Contains(name, `\`):
		return refuse(`contains a backslash`)
	case strings.Contains(name, ":"):
		return refuse("contains a colon (a drive letter or a stream name)")
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f {
			return refuse("contains a control character")
		}
	}
	for part := range strings.SplitSeq(name, "/") {
		if part == ".." {
			return refuse(`contains ".."`)
		}
		if reservedName(part) {
			return refuse("uses a name Windows reserves")
		}
	}
	clean := path.Clean(name)
	if clean == "." {
		return "", nil
	}
	if !filepath.IsLocal(filepath.FromSlash(clean)) {
		return refuse("is not a path inside the module")
	}
	return clean, nil
}

// reservedName reports the device names Windows reserves (with any
// extension), and names ending in a dot or a space, which Windows trims.
func reservedName(part string) bool {
	if part == "." || part == "" {
		return false
	}
	if strings.HasSuffix(part, ".") || strings.HasSuffix(part, " ") {
		return true
	}
	base, _, _ := strings.Cut(part, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		c := base[3]
		return c >= '0' && c <= '9' || c == 0xb9 || c == 0xb2 || c == 0xb3
	}
	return false
}

// skipped reports paths an install never writes: anything inside a .git
// directory. A module ships no repository, and a nested .git under the
// app root would hand its config (hooks, fsmonitor) to whoever runs git
// there.
func skipped(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if strings.EqualFold(part, ".git") {
			return true
		}
	}
	return false
}
