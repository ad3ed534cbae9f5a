package caps

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPathLen is the longest guest path accepted, in bytes.
const MaxPathLen = 4096

// CleanPath turns a guest path into a clean slash-separated path relative to
// the app root ("." for the root itself).
//
// It accepts "data/x", "./data/x", "data//x/", "data/./x" and
// "data/../data/x". It refuses, on every OS alike so a module behaves the
// same everywhere: the empty path; NUL and every other control character;
// invalid UTF-8; absolute, drive, UNC and device paths ("/x", "\x", "C:\x",
// "C:x", "\\server\share", "//server/share", "\\?\C:\", "//./x"); any
// backslash; any ':' (drive letters, NTFS alternate data streams); ".." that
// climbs above the root; Windows reserved device names as a component (CON,
// PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, with or without an
// extension, in any case); components ending in '.' or ' ' (Windows strips
// them, so "a." and "a" would be one file there and two elsewhere); and
// paths longer than MaxPathLen. Percent signs are literal.
//
// Components that a later ".." removes are checked too, so "nul/../x" is
// refused rather than depending on what an OS would make of it.
//
// The error is a *DeniedError with Capability "path" and Grantable false.
func CleanPath(p string) (string, error) {
	rel, reason := cleanPath(p)
	if reason != "" {
		return "", &DeniedError{Capability: "path", Value: p, Reason: reason}
	}
	return rel, nil
}

// cleanPath is CleanPath with the refusal as a reason ("" when accepted).
func cleanPath(p string) (string, string) {
	switch {
	case p == "":
		return "", "the path is empty"
	case len(p) > MaxPathLen:
		return "", fmt.Sprintf("the path is longer than %d bytes", MaxPathLen)
	case !utf8.ValidString(p):
		return "", "the path is not valid UTF-8"
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return "", "the path contains a control character"
		}
	}
	switch {
	case strings.HasPrefix(p, `\\`), strings.HasPrefix(p, `//`),
		strings.HasPrefix(p, `/\`), strings.HasPrefix(p, `\/`):
		return "", "the path is a UNC or device path"
	case p[0] == '/' || p[0] == '\\':
		return "", "the path is absolute"
	case len(p) >= 2 && p[1] == ':' && isASCIILetter(p[0]):
		return "", "the path starts with a drive letter"
	case strings.ContainsRune(p, '\\'):
		return "", "the path contains a backslash"
	case strings.ContainsRune(p, ':'):
		return "", "the path contains ':' (drive letters and alternate data streams are refused)"
	}
	parts := make([]string, 0, strings.Count(p, "/")+1)
	for c := range strings.SplitSeq(p, "/") {
		switch c {
		case "", ".":
			continue
		case "..":
			if len(parts) == 0 {
				return "", "the path leaves the app root"
			}
			parts = parts[:len(parts)-1]
			continue
		}
		if reason := checkComponent(c); reason != "" {
			return "", reason
		}
		parts = append(parts, c)
	}
	if len(parts) == 0 {
		return ".", ""
	}
	return strings.Join(parts, "/"), ""
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// checkComponent refuses a name Windows would not store as written.
func checkComponent(c string) string {
	if last := c[len(c)-1]; last == '.' || last == ' ' {
		return fmt.Sprintf("the name %s ends in a dot or a space", quote(c))
	}
	if reservedName(c) {
		return fmt.Sprintf("%s is a reserved device name on Windows", quote(c))
	}
	return ""
}

// reservedName reports a Windows device name: the part before the first dot,
// without trailing spaces, compared without case. The superscript digits
// count too: Windows reserves COM¹ and LPT³.
func reservedName(c string) bool {
	base, _, _ := strings.Cut(c, ".")
	base = strings.TrimRight(base, " ")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$":
		return true
	}
	if len(base) < 4 {
		return false
	}
	prefix := strings.ToUpper(base[:3])
	if prefix != "COM" && prefix != "LPT" {
		return false
	}
	switch base[3:] {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
		return true
	}
	return false
}

// PathSet is one capability's path grants, cleaned.
type PathSet struct {
	capability string
	grants     []string // clean; "." is the whole app root
}

// NewPathSet validates and cleans every grant with CleanPath's rules; an
// error names the capability and the index, e.g.
// `permissions.read[2] "../x": the path leaves the app root`. "." or "./"
// grants the whole app root. Duplicates are dropped.
func NewPathSet(capability string, grants []string) (*PathSet, error) {
	s := &PathSet{capability: capability}
	for i, g := range grants {
		rel, reason := cleanPath(g)
		if reason != "" {
			return nil, fmt.Errorf("permissions.%s[%d] %s: %s", capability, i, quote(g), reason)
		}
		if !containsString(s.grants, rel) {
			s.grants = append(s.grants, rel)
		}
	}
	return s, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Capability is the name the set was made for ("read", "write", ...).
func (s *PathSet) Capability() string { return s.capability }

// Grants returns the cleaned grants.
func (s *PathSet) Grants() []string { return append([]string(nil), s.grants...) }

// Match reports the longest grant covering rel, which must already be clean:
// the grant itself, or below it on a separator boundary ("data" covers
// "data/x" but never "data-secrets"). "." covers everything.
func (s *PathSet) Match(rel string) (grant string, ok bool) {
	if s == nil {
		return "", false
	}
	for _, g := range s.grants {
		if covers(g, rel) && (!ok || len(g) > len(grant)) {
			grant, ok = g, true
		}
	}
	return grant, ok
}

// covers reports whether grant g covers the clean path rel.
func covers(g, rel string) bool {
	if g == "." || g == rel {
		return true
	}
	return len(rel) > len(g) && rel[len(g)] == '/' && rel[:len(g)] == g
}

// Check cleans the guest's path p and matches it, returning the clean path
// or a *DeniedError that names permissions.<capability>.
func (s *PathSet) Check(p string) (rel string, err error) {
	_, rel, err = s.check(p)
	return rel, err
}

// check is Check that also returns the grant.
func (s *PathSet) check(p string) (grant, rel string, err error) {
	capability := "path"
	if s != nil {
		capability = s.capability
	}
	rel, reason := cleanPath(p)
	if reason != "" {
		return "", "", &DeniedError{Capability: capability, Value: p, Reason: reason}
	}
	grant, ok := s.Match(rel)
	if !ok {
		return "", "", &DeniedError{Capability: capability, Value: p, Grantable: true}
	}
	return grant, rel, nil
}
