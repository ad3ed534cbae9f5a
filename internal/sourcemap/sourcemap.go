package sourcemap

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Map is a parsed version 3 source map, as esbuild writes it: enough to
// turn a position in the bundle back into a position in the module's own
// files. Index maps (with "sections") are not supported; esbuild never
// writes them.
type Map struct {
	File    string
	Sources []string // with sourceRoot applied
	// SourcesContent holds each source's text, "" where the map has none.
	SourcesContent []string
	Names          []string

	// lines[i] holds generated line i+1's segments, sorted by column.
	lines [][]mapSegment
}

// mapSegment is one mapping, all 0-based. src is -1 for a segment that maps
// its generated column to nothing.
type mapSegment struct {
	genCol, src, line, col int32
}

// ErrInvalid is wrapped by every error Parse returns.
var ErrInvalid = errors.New("invalid source map")

// maxBytes bounds what Parse accepts: a bundle's inputs are
// capped at 64 MiB, and its map holds their text plus the mappings.
const maxBytes = 512 << 20

// Parse parses a version 3 source map.
func Parse(data []byte) (*Map, error) {
	if len(data) > maxBytes {
		return nil, fmt.Errorf("%w: %d bytes is more than the %d allowed", ErrInvalid, len(data), maxBytes)
	}
	var raw struct {
		Version        int               `json:"version"`
		File           string            `json:"file"`
		SourceRoot     string            `json:"sourceRoot"`
		Sources        []*string         `json:"sources"`
		SourcesContent []*string         `json:"sourcesContent"`
		Names          []string          `json:"names"`
		Mappings       string            `json:"mappings"`
		Sections       []json.RawMessage `json:"sections"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if raw.Version != 3 {
		return nil, fmt.Errorf("%w: version %d, want 3", ErrInvalid, raw.Version)
	}
	if raw.Sections != nil {
		return nil, fmt.Errorf("%w: index maps (sections) are not supported", ErrInvalid)
	}
	m := &Map{File: raw.File, Names: raw.Names}
	m.Sources = make([]string, len(raw.Sources))
	m.SourcesContent = make([]string, len(raw.Sources))
	for i, s := range raw.Sources {
		if s == nil {
			continue
		}
		m.Sources[i] = *s
		if raw.SourceRoot != "" {
			m.Sources[i] = joinSourceRoot(raw.SourceRoot, *s)
		}
		if i < len(raw.SourcesContent) && raw.SourcesContent[i] != nil {
			m.SourcesContent[i] = *raw.SourcesContent[i]
		}
	}
	lines, err := decodeMappings(raw.Mappings, len(m.Sources), len(m.Names))
	if err != nil {
		return nil, err
	}
	m.lines = lines
	return m, nil
}

func joinSourceRoot(root, src string) string {
	if strings.Contains(src, "://") || strings.HasPrefix(src, "/") {
		return src
	}
	if strings.Contains(root, "://") {
		return strings.TrimSuffix(root, "/") + "/" + src
	}
	return path.Join(root, src)
}

// decodeMappings decodes the "mappings" string: lines separated by ';',
// segments by ',', each segment 1, 4 or 5 base64 VLQ fields. The generated
// column restarts on every line; the other fields are deltas across the whole
// map.
func decodeMappings(s string, nSources, nNames int) ([][]mapSegment, error) {
	var (
		lines              [][]mapSegment
		cur                []mapSegment
		src, line, col, nm int64
		fields             [5]int64
	)
	lineNo := 0
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: mappings, generated line %d: %s", ErrInvalid, lineNo+1, fmt.Sprintf(format, args...))
	}
	// Each line and segment costs more memory than its text (24 and 16
	// bytes for one or two characters): bounded, so a hostile map cannot
	// turn 512 MiB of ";" into gigabytes.
	nLines := strings.Count(s, ";") + 1
	if nLines > maxMapLines {
		return nil, fmt.Errorf("%w: mappings: %d generated lines, more than %d", ErrInvalid, nLines, maxMapLines)
	}
	// every segment but a line's first follows a ","
	if n := strings.Count(s, ",") + nLines; n > maxMapSegments {
		return nil, fmt.Errorf("%w: mappings: up to %d segments, more than %d", ErrInvalid, n, maxMapSegments)
	}
	lines = make([][]mapSegment, 0, nLines)
	var genCol int64
	i := 0
	for i <= len(s) {
		if i == len(s) || s[i] == ';' {
			sortSegments(cur)
			lines = append(lines, cur)
			cur, genCol = nil, 0
			lineNo++
			i++
			continue
		}
		if s[i] == ',' {
			i++
			continue
		}
		n := 0
		for i < len(s) && s[i] != ',' && s[i] != ';' {
			if n == len(fields) {
				return nil, bad("a segment has more than 5 fields")
			}
			v, next, err := decodeVLQ(s, i)
			if err != nil {
				return nil, bad("%v", err)
			}
			fields[n] = v
			n++
			i = next
		}
		if n != 1 && n != 4 && n != 5 {
			return nil, bad("a segment has %d fields, want 1, 4 or 5", n)
		}
		genCol += fields[0]
		seg := mapSegment{genCol: int32(genCol), src: -1}
		if n >= 4 {
			src += fields[1]
			line += fields[2]
			col += fields[3]
			if src < 0 || src >= int64(nSources) {
				return nil, bad("source index %d out of range (%d sources)", src, nSources)
			}
			if line < 0 || col < 0 || line > maxMapValue || col > maxMapValue {
				return nil, bad("original position %d:%d out of range", line, col)
			}
			seg.src, seg.line, seg.col = int32(src), int32(line), int32(col)
		}
		if n == 5 {
			nm += fields[4]
			if nm < 0 || nm >= int64(nNames) {
				return nil, bad("name index %d out of range (%d names)", nm, nNames)
			}
		}
		if genCol < 0 || genCol > maxMapValue {
			return nil, bad("generated column %d out of range", genCol)
		}
		cur = append(cur, seg)
	}
	return lines, nil
}

// maxMapLines and maxMapSegments bound a map's size in memory. esbuild's map
// of a bundle within MaxBundleInputBytes stays well below both.
const (
	maxMapLines    = 4 << 20
	maxMapSegments = 16 << 20
)

// maxMapValue keeps every decoded position in an int32.
const maxMapValue = 1<<31 - 1

func sortSegments(segs []mapSegment) {
	if !sort.SliceIsSorted(segs, func(a, b int) bool { return segs[a].genCol < segs[b].genCol }) {
		sort.SliceStable(segs, func(a, b int) bool { return segs[a].genCol < segs[b].genCol })
	}
}

// decodeVLQ reads one base64 VLQ value starting at s[i]: 5 value bits per
// digit, least significant first, continuation in bit 6, sign in the lowest
// bit of the whole value.
func decodeVLQ(s string, i int) (v int64, next int, err error) {
	var acc uint64
	for shift := uint(0); ; shift += 5 {
		if i >= len(s) || s[i] == ',' || s[i] == ';' {
			return 0, i, errors.New("unterminated VLQ value")
		}
		d := base64Digit(s[i])
		if d < 0 {
			return 0, i, fmt.Errorf("invalid character %q", s[i])
		}
		if shift > 30 {
			return 0, i, errors.New("VLQ value too large")
		}
		acc |= uint64(d&31) << shift
		i++
		if d&32 == 0 {
			break
		}
	}
	v = int64(acc >> 1)
	if acc&1 != 0 {
		v = -v
	}
	return v, i, nil
}

func base64Digit(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// Lookup maps a 1-based generated line and 1-based column to the original
// file, 1-based line and 1-based column (in UTF-16 units, as source maps
// count). It uses the mapping at or before the column; a column before the
// line's first mapping (its indentation, say) uses that first mapping. ok is
// false when the line has no mapping there (the bundler's own helpers).
func (m *Map) Lookup(line, col int) (file string, oline, ocol int, ok bool) {
	if m == nil || line < 1 || line > len(m.lines) {
		return "", 0, 0, false
	}
	segs := m.lines[line-1]
	if len(segs) == 0 {
		return "", 0, 0, false
	}
	i := sort.Search(len(segs), func(i int) bool { return int(segs[i].genCol) > col-1 }) - 1
	if i < 0 {
		i = 0
	}
	s := segs[i]
	if s.src < 0 {
		return "", 0, 0, false
	}
	return m.Sources[s.src], int(s.line) + 1, int(s.col) + 1, true
}

// MapStack rewrites every "bundleName:LINE:COL" position in a JS stack trace
// (QuickJS writes "    at fn (main.js:12:5)", 1-based line and column) to
// the original "file.ts:line:col". A position without a column
// ("main.js:12") becomes "file.ts:line". Positions the map does not cover are
// left as they are, and so is everything else in the text.
func (m *Map) MapStack(stack, bundleName string) string {
	if m == nil || bundleName == "" {
		return stack
	}
	needle := bundleName + ":"
	var b strings.Builder
	rest := stack
	for {
		i := strings.Index(rest, needle)
		if i < 0 {
			break
		}
		// the name must start at a boundary, so "x-main.js" is not "main.js"
		if i > 0 && !isStackBoundary(rest[i-1]) {
			b.WriteString(rest[:i+len(needle)])
			rest = rest[i+len(needle):]
			continue
		}
		after := rest[i+len(needle):]
		line, n := leadingInt(after)
		if n == 0 {
			b.WriteString(rest[:i+len(needle)])
			rest = after
			continue
		}
		col, cn := 0, 0
		if n < len(after) && after[n] == ':' {
			col, cn = leadingInt(after[n+1:])
		}
		end := n
		lookCol := 1
		if cn > 0 {
			end = n + 1 + cn
			lookCol = col
		}
		b.WriteString(rest[:i])
		file, ol, oc, ok := m.Lookup(line, lookCol)
		switch {
		case !ok:
			b.WriteString(rest[i : i+len(needle)+end])
		case cn > 0:
			fmt.Fprintf(&b, "%s:%d:%d", file, ol, oc)
		default:
			fmt.Fprintf(&b, "%s:%d", file, ol)
		}
		rest = after[end:]
	}
	b.WriteString(rest)
	return b.String()
}

func isStackBoundary(c byte) bool {
	switch c {
	case '(', ' ', '\t', '\n', '\r', '@', '"', '\'', '[', '<':
		return true
	}
	return false
}

// leadingInt parses the decimal digits at the start of s and returns the
// value and their count; more than 9 digits is no position (n == 0).
func leadingInt(s string) (v, n int) {
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n == 0 || n > 9 {
		return 0, 0
	}
	v, _ = strconv.Atoi(s[:n])
	return v, n
}
