package caps

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"unicode"
	"unicode/utf8"
)

// maxProgramName bounds a granted program name, in bytes.
const maxProgramName = 255

// Programs is a module's run grants, resolved once to absolute paths.
//
// A grant is either an exact bare program name ("ffmpeg", "git"): letters,
// digits, '.', '_', '-' and '+', not starting with '-' or '.', resolved with
// the lookPath given to NewPrograms against the host's PATH as it was then;
// or an absolute path to an existing regular file, used as it is. A name is
// never looked for in the module's directory or the working directory: a
// result that is not an absolute path, or that exec.LookPath marks with
// exec.ErrDot, counts as not found. On Windows, a grant that resolves to a
// batch file (.bat, .cmd) counts as not found too: cmd.exe would reparse the
// guest's arguments as a command line, so any argument could run anything.
type Programs struct {
	paths map[string]string // grant -> absolute path; "" when not found
	batch map[string]bool   // grants refused because they are batch files
}

// NewPrograms checks and resolves the run grants; an error names
// permissions.run[i]. lookPath is exec.LookPath when nil. A granted name
// that is not found is not an error here: Resolve reports it.
func NewPrograms(grants []string, lookPath func(string) (string, error)) (*Programs, error) {
	if lookPath == nil {
		lookPath = exec.LookPath
	}
	// Check every grant before resolving any, so a bad manifest causes no
	// look-ups at all.
	for i, g := range grants {
		if err := checkProgramGrant(g); err != nil {
			return nil, fmt.Errorf("permissions.run[%d] %s: %v", i, quote(g), err)
		}
		if filepath.IsAbs(g) {
			fi, err := os.Stat(g)
			if err != nil {
				return nil, fmt.Errorf("permissions.run[%d] %s: %w", i, quote(g), err)
			}
			if !fi.Mode().IsRegular() {
				return nil, fmt.Errorf("permissions.run[%d] %s: not a regular file", i, quote(g))
			}
		}
	}
	p := &Programs{paths: make(map[string]string, len(grants)), batch: map[string]bool{}}
	for _, g := range grants {
		if _, done := p.paths[g]; done {
			continue
		}
		resolved := g
		if !filepath.IsAbs(g) {
			var err error
			if resolved, err = lookPath(g); err != nil || !filepath.IsAbs(resolved) {
				resolved = "" // includes exec.ErrDot: found only relative to the working directory
			}
		}
		if resolved != "" && batchFile(resolved) {
			p.batch[g], resolved = true, ""
		}
		p.paths[g] = resolved
	}
	return p, nil
}

func checkProgramGrant(g string) error {
	switch {
	case g == "":
		return errors.New("the program name is empty")
	case len(g) > 4096:
		return errors.New("the program name is too long")
	case !utf8.ValidString(g):
		return errors.New("the program name is not valid UTF-8")
	}
	for _, r := range g {
		if unicode.IsControl(r) {
			return errors.New("the program name contains a control character")
		}
	}
	if filepath.IsAbs(g) {
		if filepath.Clean(g) != g {
			return errors.New("the program path is not clean")
		}
		return nil
	}
	if len(g) > maxProgramName {
		return errors.New("the program name is too long")
	}
	if g[0] == '-' || g[0] == '.' {
		return errors.New("a program name cannot start with '-' or '.'")
	}
	for i := 0; i < len(g); i++ {
		c := g[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+') {
			return fmt.Errorf("a program name is a bare name (letters, digits, '.', '_', '-', '+'), not %q", c)
		}
	}
	return nil
}

// ErrProgramNotFound is behind Resolve's error for a granted program that
// was not found; it also matches exec.ErrNotFound.
var ErrProgramNotFound = errors.New("program not found")

type notFoundError struct {
	name  string
	batch bool
}

func (e *notFoundError) Error() string {
	if e.batch {
		return fmt.Sprintf("program %s is granted but is a batch file, which cmd.exe would run with the arguments reparsed; grant the program it starts", quote(e.name))
	}
	return fmt.Sprintf("program %s is granted but was not found on PATH", quote(e.name))
}

func (e *notFoundError) Is(target error) bool {
	return target == ErrProgramNotFound || target == exec.ErrNotFound || target == fs.ErrNotExist
}

// Resolve returns the absolute path of a granted program. The name must
// equal a grant exactly; anything else is a *DeniedError for "run".
func (p *Programs) Resolve(name string) (string, error) {
	if p != nil {
		if path, ok := p.paths[name]; ok {
			if path == "" {
				return "", &notFoundError{name: name, batch: p.batch[name]}
			}
			return path, nil
		}
	}
	return "", &DeniedError{Capability: "run", Value: name, Grantable: true}
}

// Names returns the granted names, sorted.
func (p *Programs) Names() []string {
	if p == nil {
		return nil
	}
	names := make([]string, 0, len(p.paths))
	for n := range p.paths {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
