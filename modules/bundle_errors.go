package modules

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// Bundling failures a caller can test for with errors.Is. A *BundleError
// matches the kinds of its messages.
var (
	// ErrNoEntry: the module has no entry file (none of the default names,
	// or not the one named), or the name is not a path inside the module.
	ErrNoEntry = errors.New("no entry file")
	// ErrImportRefused: an import names a Node built-in, a remote URL, a
	// file outside the module directory (through "..", an absolute path or
	// a symlink) or something that is not a regular file.
	ErrImportRefused = errors.New("import refused")
	// ErrInputsTooLarge: the files the module imports exceed
	// MaxBundleInputBytes together.
	ErrInputsTooLarge = errors.New("module inputs too large")
	// ErrNestingTooDeep: a source or JSON file nests deeper than
	// MaxBundleNesting, or arrow functions deeper than
	// MaxBundleArrowNesting; it was refused before esbuild parsed it.
	ErrNestingTooDeep = errors.New("input nested too deeply")
)

// BundleError is a failed bundle: esbuild's messages, with the refusals of
// CoreTS-Wasm's own import rules among them.
type BundleError struct {
	Messages []BundleMessage
}

// BundleMessage is one of esbuild's messages. File is a slash path relative
// to the module directory ("" when the message has no location); Line and
// Column are 1-based, Column and Length counted in characters of LineText.
type BundleMessage struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Length   int      `json:"length,omitempty"`
	LineText string   `json:"lineText,omitempty"`
	Text     string   `json:"text"`
	Notes    []string `json:"notes,omitempty"`

	kind error // one of the sentinels above, or nil
}

// maxRenderedMessages bounds Error's text; Messages keeps them all.
const maxRenderedMessages = 20

// Error renders each message the way esbuild does:
//
//	main.ts:3:15: ERROR: Could not resolve "./missing"
//	    3 │ import x from "./missing";
//	      ╵               ~~~~~~~~~~~
func (e *BundleError) Error() string {
	var b strings.Builder
	for i, m := range e.Messages {
		if i == maxRenderedMessages {
			fmt.Fprintf(&b, "\n... and %d more errors", len(e.Messages)-i)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		m.render(&b, "ERROR")
	}
	return b.String()
}

// Unwrap exposes the messages' kinds (ErrImportRefused, ...) to errors.Is.
func (e *BundleError) Unwrap() []error {
	var kinds []error
	for _, m := range e.Messages {
		if m.kind != nil && !containsErr(kinds, m.kind) {
			kinds = append(kinds, m.kind)
		}
	}
	return kinds
}

func containsErr(list []error, err error) bool {
	for _, x := range list {
		if x == err {
			return true
		}
	}
	return false
}

// String renders a message (a warning, say) like Error does, as "WARNING".
func (m BundleMessage) String() string {
	var b strings.Builder
	m.render(&b, "WARNING")
	return b.String()
}

// maxShownLine is how much of a long (minified) line a rendered message
// shows around the column.
const maxShownLine = 100

func (m BundleMessage) render(b *strings.Builder, level string) {
	if m.File != "" {
		b.WriteString(m.File)
		if m.Line > 0 {
			fmt.Fprintf(b, ":%d:%d", m.Line, m.Column)
		}
		b.WriteString(": ")
	}
	b.WriteString(level)
	b.WriteString(": ")
	b.WriteString(m.Text)
	if m.Line > 0 && m.LineText != "" {
		text, col, length := clipLine(m.LineText, m.Column-1, m.Length)
		num := strconv.Itoa(m.Line)
		pad := strings.Repeat(" ", len(num))
		fmt.Fprintf(b, "\n    %s │ %s", num, text)
		fmt.Fprintf(b, "\n    %s ╵ %s", pad, strings.Repeat(" ", col))
		if length < 1 {
			b.WriteString("^")
		} else {
			b.WriteString(strings.Repeat("~", length))
		}
	}
	for _, n := range m.Notes {
		b.WriteString("\n  note: ")
		b.WriteString(n)
	}
}

// clipLine shows a window of a long line around col (0-based, in
// characters), with tabs as spaces so the marker lines up.
func clipLine(line string, col, length int) (string, int, int) {
	r := []rune(strings.ReplaceAll(line, "\t", " "))
	if col < 0 {
		col = 0
	}
	if col > len(r) {
		col = len(r)
	}
	if length > len(r)-col {
		length = len(r) - col
	}
	if len(r) <= maxShownLine {
		return string(r), col, length
	}
	start := max(col-maxShownLine/2, 0)
	end := min(start+maxShownLine, len(r))
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "..."
	}
	if end < len(r) {
		suffix = "..."
	}
	length = min(length, end-col)
	return prefix + string(r[start:end]) + suffix, col - start + len(prefix), length
}

// bundleMessages converts esbuild's messages: paths to slash form, columns
// from 0-based bytes to 1-based characters.
func bundleMessages(msgs []api.Message) []BundleMessage {
	out := make([]BundleMessage, 0, len(msgs))
	for _, m := range msgs {
		bm := BundleMessage{Text: m.Text}
		if k, ok := m.Detail.(error); ok {
			bm.kind = k
		}
		if l := m.Location; l != nil {
			bm.File = slashPath(l.File)
			bm.Line = l.Line
			bm.LineText = l.LineText
			bm.Column, bm.Length = charColumn(l.LineText, l.Column, l.Length)
		}
		for _, n := range m.Notes {
			text := n.Text
			if l := n.Location; l != nil && l.File != "" {
				col, _ := charColumn(l.LineText, l.Column, 0)
				text = fmt.Sprintf("%s:%d:%d: %s", slashPath(l.File), l.Line, col, text)
			}
			bm.Notes = append(bm.Notes, text)
		}
		out = append(out, bm)
	}
	return out
}

// charColumn turns a 0-based byte column and byte length into a 1-based
// character column and a length in characters.
func charColumn(line string, col, length int) (int, int) {
	if col < 0 {
		col = 0
	}
	if col > len(line) {
		return col + 1, length
	}
	end := min(col+max(length, 0), len(line))
	return utf8.RuneCountInString(line[:col]) + 1, utf8.RuneCountInString(line[col:end])
}

// refusal is a message from CoreTS-Wasm's own import rules; esbuild adds the
// importing file's location.
func refusal(kind error, text string, notes ...string) []api.Message {
	m := api.Message{Text: text, Detail: kind}
	for _, n := range notes {
		m.Notes = append(m.Notes, api.Note{Text: n})
	}
	return []api.Message{m}
}

// slashPath is an esbuild path (relative to the module directory, in the
// OS's form) in slash form.
func slashPath(p string) string { return filepath.ToSlash(p) }

// nestingRefusal locates a nesting refusal in the file itself, at the token
// that went past the limit.
func nestingRefusal(rel string, e *nestingError) []api.Message {
	return []api.Message{{
		Text: fmt.Sprintf("%q %s; a module's files must nest less deeply", rel, e.Error()),
		Location: &api.Location{File: filepath.FromSlash(rel), Line: e.Line, Column: e.Column,
			Length: 1, LineText: e.LineText},
		Detail: ErrNestingTooDeep,
	}}
}
