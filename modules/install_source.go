package modules

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// sourceKind is what Install makes of its src argument.
type sourceKind int

const (
	sourceGit sourceKind = iota
	sourceDir
	sourceTarGz
	sourceTar
	sourceZip
)

// gitSchemes are the URL schemes handed to git. Unencrypted transports
// (http, git) are refused: nothing would tell a tampered module from the
// real one unless signatures are required.
var gitSchemes = []string{"https", "ssh", "git+ssh", "ssh+git", "file"}

// archiveKind tells an archive by its name.
func archiveKind(name string) (sourceKind, bool) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		return sourceTarGz, true
	case strings.HasSuffix(lower, ".tar"):
		return sourceTar, true
	case strings.HasSuffix(lower, ".zip"):
		return sourceZip, true
	}
	return 0, false
}

// classify decides what src is, as Install's documentation lists. For
// git, location is the URL to give git: a local repository path becomes a
// file:// URL, so that the clone is shallow.
func classify(src string) (kind sourceKind, location string, err error) {
	if src == "" {
		return 0, "", fmt.Errorf("%w: the source is empty", ErrBadSource)
	}
	if strings.ContainsAny(src, "\x00\n\r") {
		return 0, "", fmt.Errorf("%w: the source contains a control character", ErrBadSource)
	}
	if scheme, _, ok := strings.Cut(src, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		scheme = strings.ToLower(scheme)
		if !slices.Contains(gitSchemes, scheme) {
			if scheme == "http" || scheme == "git" {
				return 0, "", fmt.Errorf("%w: %s:// is not encrypted; use an https://, ssh:// or file:// URL", ErrBadSource, scheme)
			}
			return 0, "", fmt.Errorf("%w: URL scheme %q (git URLs may use https, ssh or file)", ErrBadSource, scheme)
		}
		if _, ok := archiveKind(strings.TrimRight(src, "/")); ok && scheme != "file" {
			return 0, "", fmt.Errorf("%w: remote archives are not downloaded; download it and install the file, or give a git URL", ErrBadSource)
		}
		return sourceGit, src, nil
	}
	st, statErr := os.Stat(src)
	if statErr == nil {
		switch {
		case st.Mode().IsRegular():
			if k, ok := archiveKind(src); ok {
				return k, src, nil
			}
			return 0, "", fmt.Errorf("%w: %s is a file but not an archive (.tar.gz, .tgz, .tar or .zip)", ErrBadSource, src)
		case st.IsDir() && strings.HasSuffix(strings.ToLower(strings.TrimRight(src, `/\`)), ".git"):
			abs, err := filepath.Abs(src)
			if err != nil {
				return 0, "", err
			}
			slash := filepath.ToSlash(abs)
			if !strings.HasPrefix(slash, "/") {
				slash = "/" + slash // C:/x on Windows
			}
			return sourceGit, (&url.URL{Scheme: "file", Path: slash}).String(), nil
		case st.IsDir():
			return sourceDir, src, nil
		default:
			return 0, "", fmt.Errorf("%w: %s is neither a directory nor a regular file", ErrBadSource, src)
		}
	}
	if scpLike(src) {
		return sourceGit, src, nil
	}
	return 0, "", fmt.Errorf("%w: %w", ErrBadSource, statErr)
}

// scpLike reports git's [user@]host:path form: a colon before any slash,
// more than a drive letter before it, no blank anywhere, and not git's
// transport::address form.
func scpLike(s string) bool {
	host, rest, ok := strings.Cut(s, ":")
	switch {
	case !ok, len(host) < 2, rest == "", strings.HasPrefix(s, "-"),
		strings.ContainsAny(host, `/\`),
		strings.ContainsAny(s, " \t"),
		strings.HasPrefix(rest, ":"): // git's transport::address form (ext::, fd::)
		return false
	}
	return filepath.VolumeName(s) == ""
}

// shownSource is src for messages and records: a URL's password is
// replaced by "xxxxx".
func shownSource(src string) string {
	if !strings.Contains(src, "://") {
		return src
	}
	u, err := url.Parse(src)
	if err != nil || u.User == nil {
		return src
	}
	if _, has := u.User.Password(); !has {
		return src
	}
	return u.Redacted()
}

// sourceOrigin is src as updates are compared: two spellings of one
// source give one origin, so that an update from where the module came
// from needs no approval, and different sources give different ones. A
// local path (a directory, an archive, a repository, a file:// URL) is
// made absolute with its symbolic links resolved; a URL loses its user
// and password (another account on one repository is the same source),
// its scheme and host are lowercased and a trailing slash is dropped.
// Anything else (git's scp-like form) is compared as written. Spellings
// it does not unify (a URL's ".git" suffix, a relative path recorded by an
// install run from another directory) only ask for an approval more.
func sourceOrigin(src string) string {
	if scheme, _, ok := strings.Cut(src, "://"); ok && !strings.ContainsAny(scheme, `/\`) {
		u, err := url.Parse(src)
		if err != nil {
			return src
		}
		if strings.EqualFold(u.Scheme, "file") && (u.Host == "" || strings.EqualFold(u.Host, "localhost")) {
			return realPath(filePathOf(u.Path))
		}
		u.User = nil
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		u.Path, u.RawPath = strings.TrimRight(u.Path, "/"), ""
		return u.String()
	}
	if _, err := os.Lstat(src); err != nil && scpLike(src) {
		return src
	}
	return realPath(src)
}

// filePathOf is the local path of a file URL's path: on Windows
// "/C:/dir" names C:\dir.
func filePathOf(p string) string {
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}

// realPath is p absolute with the symbolic links of its existing part
// resolved.
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for q := abs; ; {
		if r, err := filepath.EvalSymlinks(q); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(q)
		if parent == q {
			return abs
		}
		rest = filepath.Join(filepath.Base(q), rest)
		q = parent
	}
}

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

// gitTimeoutDelay is how long a cancelled clone's helpers (ssh, the
// remote helpers) get to let go of git's output before Wait gives up.
const gitTimeoutDelay = 5 * time.Second

// gitClone runs `git clone --depth 1` of location into dir (which must not
// exist), with no terminal prompts and only encrypted or local transports.
// The returned error carries git's own message.
func gitClone(ctx context.Context, location, ref, dir, shown string) error {
	git, err := exec.LookPath("git")
	if err != nil {
		return fmt.Errorf("installing from a git URL needs git on PATH: %w", err)
	}
	args := []string{"-c", "advice.detachedHead=false", "clone", "--quiet", "--depth", "1", "--no-tags"}
	if ref != "" {
		args = append(args, "--branch="+ref)
	}
	args = append(args, "--", location, dir)
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Dir = filepath.Dir(dir)
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ALLOW_PROTOCOL=https:ssh:file",
		"GCM_INTERACTIVE=never",
	)
	cmd.WaitDelay = gitTimeoutDelay
	stderr := &tailBuffer{max: 4 << 10}
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("git clone: %w", ctx.Err())
		}
		// git's message, on one line, without the password it may echo
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if location != shown {
			msg = strings.ReplaceAll(msg, location, shown)
		}
		if msg == "" {
			return fmt.Errorf("git clone: %w", err)
		}
		return fmt.Errorf("git clone: %s (%w)", msg, err)
	}
	return nil
}

// checkRef refuses refs git would not take as a branch or tag name
// anyway, and any that could read as an option.
func checkRef(ref string) error {
	if ref == "" {
		return nil
	}
	if strings.HasPrefix(ref, "-") || strings.ContainsAny(ref, " ~^:?*[\\") || strings.Contains(ref, "..") {
		return fmt.Errorf("%w: %q is not a branch or tag name", ErrBadSource, ref)
	}
	for _, c := range ref {
		if c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: %q is not a branch or tag name", ErrBadSource, ref)
		}
	}
	return nil
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	max int
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > t.max {
		p = p[len(p)-t.max:]
	}
	if over := t.buf.Len() + len(p) - t.max; over > 0 {
		t.buf.Next(over)
	}
	t.buf.Write(p)
	return n, nil
}

func (t *tailBuffer) String() string { return t.buf.String() }
