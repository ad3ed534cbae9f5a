package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Failure is one run that did not pass, as a line of the errors file:
//
//	test/built-ins/X/y.js:12: strict mode: TypeError: not a function
//
// (QuickJS's test262_errors.txt format: the test's path in the checkout,
// the line the error points at, "strict mode: " for a strict run, the
// error.)
type Failure struct {
	Path    string
	Line    int
	Strict  bool
	Message string
}

// Key identifies the run: a test's strict and sloppy runs are two entries.
func (f Failure) Key() string {
	if f.Strict {
		return f.Path + " strict"
	}
	return f.Path
}

func (f Failure) String() string {
	mode := ""
	if f.Strict {
		mode = "strict mode: "
	}
	return fmt.Sprintf("%s:%d: %s%s", f.Path, f.Line, mode, f.Message)
}

// ParseFailure reads one line of the errors file.
func ParseFailure(line string) (Failure, error) {
	var f Failure
	i := strings.Index(line, ".js:")
	if i < 0 {
		return f, fmt.Errorf("want PATH.js:LINE: [strict mode: ]MESSAGE, got %q", line)
	}
	f.Path = line[:i+3]
	rest := line[i+4:]
	num, rest, ok := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 {
		return f, fmt.Errorf("%s: want a line number after the path, got %q", f.Path, num)
	}
	f.Line = n
	rest = strings.TrimPrefix(rest, " ")
	if m, ok := strings.CutPrefix(rest, "strict mode: "); ok {
		f.Strict, rest = true, m
	}
	f.Message = rest
	return f, nil
}

// Group is a reason and the failures it explains.
type Group struct {
	Reason   string
	Failures []Failure
}

// ErrorsFile is the known-failures file: a header of comments, then groups,
// each a "# reason" line followed by its failures. Blank lines separate
// groups.
type ErrorsFile struct {
	Header []string // comment lines before the first group, without "# "
	Groups []*Group
}

// ReadErrors parses an errors file. A failure line before any reason, a
// malformed line or a run listed twice is an error naming the line.
func ReadErrors(r io.Reader, name string) (*ErrorsFile, error) {
	ef := &ErrorsFile{}
	seen := map[string]int{}
	var cur *Group
	header := true
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \r")
		switch {
		case line == "":
			if header && len(ef.Header) > 0 {
				header = false
			}
			cur = nil
		case strings.HasPrefix(line, "#"):
			text := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			if header {
				ef.Header = append(ef.Header, text)
				continue
			}
			if cur != nil && len(cur.Failures) == 0 {
				cur.Reason += " " + text // a reason over two lines
				continue
			}
			cur = &Group{Reason: text}
			ef.Groups = append(ef.Groups, cur)
		default:
			header = false
			if cur == nil {
				return nil, fmt.Errorf("%s:%d: a failure without a reason: start its group with a \"# reason\" line", name, n)
			}
			f, err := ParseFailure(line)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, n, err)
			}
			if prev, ok := seen[f.Key()]; ok {
				return nil, fmt.Errorf("%s:%d: %s is listed twice (also on line %d)", name, n, f.Key(), prev)
			}
			seen[f.Key()] = n
			cur.Failures = append(cur.Failures, f)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return ef, nil
}

// Known returns the failures by Key, with their groups' reasons.
func (ef *ErrorsFile) Known() map[string]KnownFailure {
	m := map[string]KnownFailure{}
	for _, g := range ef.Groups {
		for _, f := range g.Failures {
			m[f.Key()] = KnownFailure{f, g.Reason}
		}
	}
	return m
}

// KnownFailure is a listed failure and its reason.
type KnownFailure struct {
	Failure
	Reason string
}

// Write writes the file: header, then each non-empty group, its failures
// sorted by path and mode.
func (ef *ErrorsFile) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, h := range ef.Header {
		if h == "" {
			fmt.Fprintln(bw, "#")
		} else {
			fmt.Fprintln(bw, "# "+h)
		}
	}
	for _, g := range ef.Groups {
		if len(g.Failures) == 0 {
			continue
		}
		sort.Slice(g.Failures, func(i, j int) bool {
			a, b := g.Failures[i], g.Failures[j]
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			return !a.Strict && b.Strict
		})
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "# "+g.Reason)
		for _, f := range g.Failures {
			fmt.Fprintln(bw, f.String())
		}
	}
	return bw.Flush()
}

// Updated is the file after a run: failures still failing keep their
// group (with the new line and message), fixed ones go, new ones join the
// group reason(f) names, made at the end when no group has it yet. ran
// reports whether a run was made this time: entries of runs not made (a
// -sample or path-limited run) stay as they were.
func (ef *ErrorsFile) Updated(failures []Failure, ran func(key string) bool, reason func(Failure) string) *ErrorsFile {
	now := map[string]Failure{}
	for _, f := range failures {
		now[f.Key()] = f
	}
	out := &ErrorsFile{Header: ef.Header}
	byReason := map[string]*Group{}
	placed := map[string]bool{}
	for _, g := range ef.Groups {
		ng := &Group{Reason: g.Reason}
		for _, f := range g.Failures {
			if !ran(f.Key()) {
				ng.Failures = append(ng.Failures, f)
				placed[f.Key()] = true
				continue
			}
			if nf, ok := now[f.Key()]; ok {
				ng.Failures = append(ng.Failures, nf)
				placed[f.Key()] = true
			}
		}
		out.Groups = append(out.Groups, ng)
		if _, ok := byReason[g.Reason]; !ok {
			byReason[g.Reason] = ng
		}
	}
	for _, f := range failures {
		if placed[f.Key()] {
			continue
		}
		r := reason(f)
		g := byReason[r]
		if g == nil {
			g = &Group{Reason: r}
			byReason[r] = g
			out.Groups = append(out.Groups, g)
		}
		g.Failures = append(g.Failures, f)
	}
	return out
}
