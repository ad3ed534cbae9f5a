package main

import (
	"strings"
)

// Meta is what a test's frontmatter (the /*--- … ---*/ comment) says, read
// the way QuickJS's run-test262 reads it (extract_desc, find_tag,
// get_option), so that both runners select the same runs.
type Meta struct {
	Includes []string
	Flags    map[string]bool // onlyStrict, noStrict, raw, module, async, CanBlockIsFalse, CanBlockIsTrue
	Features []string
	// Negative is set for a negative test: the error expected and its phase
	// (parse, resolution or runtime).
	Negative *Negative
}

// Negative is a negative test's expectation.
type Negative struct {
	Phase, Type string
}

// ParseMeta reads src's frontmatter. A test without one has none of the
// flags; ok is false then.
func ParseMeta(src string) (m Meta, ok bool) {
	m.Flags = map[string]bool{}
	desc, ok := extractDesc(src)
	if !ok {
		return m, false
	}
	m.Includes = listOf(desc, "includes:")
	for _, f := range listOf(desc, "flags:") {
		m.Flags[f] = true
	}
	if i := strings.Index(desc, "negative:"); i >= 0 {
		neg := desc[i+len("negative:"):]
		m.Negative = &Negative{Type: scalar(neg, "type:"), Phase: scalar(neg, "phase:")}
	}
	m.Features = listOf(desc, "features:")
	return m, true
}

// Strictness helpers, as run-test262 reads the flags: raw is noStrict.
func (m Meta) noStrict() bool   { return m.Flags["noStrict"] || m.Flags["raw"] }
func (m Meta) onlyStrict() bool { return m.Flags["onlyStrict"] }

// extractDesc returns the text between the first "/*-" (not "/*-/") and the
// next "*/".
func extractDesc(src string) (string, bool) {
	for i := 0; i+3 < len(src); i++ {
		if src[i] == '/' && src[i+1] == '*' && src[i+2] == '-' && src[i+3] != '/' {
			rest := src[i+3:]
			end := strings.Index(rest, "*/")
			if end < 0 {
				return "", false
			}
			return rest[:end], true
		}
	}
	return "", false
}

// listOf is run-test262's find_tag and get_option: the words after tag,
// either a [a, b] list (possibly over several lines) or a "- a" block of
// lines that start with a space.
func listOf(desc, tag string) []string {
	i := strings.Index(desc, tag)
	if i < 0 {
		return nil
	}
	p := desc[i+len(tag):]
	var out []string
	depth := 0
	for j := 0; j < len(p); {
		switch c := p[j]; c {
		case '[':
			depth++
			j++
		case ']':
			depth--
			if depth > 0 {
				j++
				continue
			}
			return out
		case ' ', '\t', '\r', ',', '-':
			j++
		case '\n':
			if depth > 0 || (j+1 < len(p) && p[j+1] == ' ') {
				j++
				continue
			}
			return out
		default:
			k := j
			for k < len(p) && !strings.ContainsRune(" \t\r\n,]", rune(p[k])) {
				k++
			}
			out = append(out, p[j:k])
			if k == j {
				return out
			}
			j = k
		}
	}
	return out
}

// scalar is the word after tag (run-test262's reading of negative's type).
func scalar(desc, tag string) string {
	i := strings.Index(desc, tag)
	if i < 0 {
		return ""
	}
	s := strings.TrimLeft(desc[i+len(tag):], " \t\r\n")
	if k := strings.IndexAny(s, " \n"); k >= 0 {
		s = s[:k]
	}
	return strings.TrimRight(s, "\r")
}
