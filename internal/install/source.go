package install

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// Shown is src for messages and records: a URL's password is replaced
// by "xxxxx".
func Shown(src string) string {
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

// contains reports whether inner is dir or inside it, symbolic links
// resolved as far as they exist.
func contains(dir, inner string) bool {
	rel, err := filepath.Rel(realPath(dir), realPath(inner))
	return err == nil && filepath.IsLocal(rel) || rel == "."
}
