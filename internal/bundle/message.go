package bundle

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// Error is a failed bundle: esbuild's messages, with the refusals of
// CoreTS-Wasm's own import rules among them.
type Error struct {
	Messages []Message
}

// Message is one of esbuild's messages. File is a slash path relative to
// the module directory ("" when the message has no location); Line and
// Column are 1-based, Column and Length counted in characters of LineText.
type Message struct {
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Length   int      `json:"length,omitempty"`
	LineText string   `json:"lineText,omitempty"`
	Text     string   `json:"text"`
	Notes    []string `json:"notes,omitempty"`

	kind error // one of the sentinels in errors.go, or nil
}

// maxRenderedMessages bounds Error's text; Messages keeps them all.
const maxRenderedMessages = 20

// Error renders the messages with esbuild's api.FormatMessages, without
// color, the way esbuild's own command line does, except that the location
// line gives the message's 1-based character column (Message.Column, the
// number editors expect) where esbuild gives a 0-based byte offset:
//
//	✘ [ERROR] Could not resolve "./missing"
//
//	    main.ts:3:15:
//	      3 │ import x from "./missing";
//	        ╵               ~~~~~~~~~~~
//
// At most 20 messages are rendered, then "... and K more errors".
func (e *Error) Error() string {
	var b strings.Builder
	for i, m := range e.Messages {
		if i == maxRenderedMessages {
			fmt.Fprintf(&b, "... and %d more errors", len(e.Messages)-i)
			break
		}
		b.WriteString(m.format(api.ErrorMessage))
	}
	return strings.TrimRight(b.String(), "\n")
}

// Unwrap exposes the messages' kinds (ErrImportRefused, ...) to errors.Is.
func (e *Error) Unwrap() []error {
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

// String renders a message (a warning, say) like Error does, as a warning.
func (m Message) String() string {
	return strings.TrimRight(m.format(api.WarningMessage), "\n")
}

// maxShownLine is how much of a long (minified) line is handed to esbuild's
// formatter, around the column: it would otherwise expand the whole line,
// megabytes of it, for every message.
const maxShownLine = 100

// format renders m through esbuild's formatter.
func (m Message) format(kind api.MessageKind) string {
	am := api.Message{Text: m.Text}
	header := ""
	switch {
	case m.File != "" && m.Line > 0 && m.LineText != "":
		text, col, length := clipLine(m.LineText, m.Column-1, m.Length)
		am.Location = &api.Location{File: m.File, Line: m.Line, Column: col, Length: length, LineText: text}
		header = fmt.Sprintf("\n    %s:%d:%d:\n", m.File, m.Line, col)
	case m.File != "" && m.Line > 0:
		am.Text = fmt.Sprintf("%s:%d:%d: %s", m.File, m.Line, m.Column, m.Text)
	case m.File != "":
		am.Text = m.File + ": " + m.Text
	}
	for _, n := range m.Notes {
		am.Notes = append(am.Notes, api.Note{Text: n})
	}
	out := api.FormatMessages([]api.Message{am}, api.FormatMessagesOptions{Kind: kind})[0]
	if header != "" {
		// esbuild prints the column it was given, an offset into the
		// clipped line; the reader wants the message's own.
		out = strings.Replace(out, header, fmt.Sprintf("\n    %s:%d:%d:\n", m.File, m.Line, m.Column), 1)
	}
	// esbuild marks an error "X" instead of "✘" when the process looks like
	// it runs in a Windows command prompt; an error's text is data, the
	// same on every platform.
	if rest, ok := strings.CutPrefix(out, "X [ERROR]"); ok {
		out = "✘ [ERROR]" + rest
	}
	return out
}

// clipLine cuts a window of at most maxShownLine characters of line around
// col (0-based, in characters) and returns it with col and length (in
// characters) as esbuild takes them: in bytes of the window. It walks the
// line once and copies nothing.
func clipLine(line string, col, length int) (string, int, int) {
	n := utf8.RuneCountInString(line)
	col = min(max(col, 0), n)
	length = min(max(length, 0), n-col)
	start, end := 0, n
	if n > maxShownLine {
		start = max(col-maxShownLine/2, 0)
		end = min(start+maxShownLine, n)
		length = min(length, end-col)
	}
	// byte offsets of the characters start, col, col+length and end
	marks := [4]int{start, col, col + length, end}
	var offs [4]int
	k, c := 0, 0
	for i := range line {
		for k < len(marks) && marks[k] == c {
			offs[k] = i
			k++
		}
		if k == len(marks) {
			break
		}
		c++
	}
	for ; k < len(marks); k++ {
		offs[k] = len(line)
	}
	return line[offs[0]:offs[3]], offs[1] - offs[0], offs[2] - offs[1]
}

// convertMessages converts esbuild's messages: paths to slash form, columns
// from 0-based bytes to 1-based characters.
func convertMessages(msgs []api.Message) []Message {
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		bm := Message{Text: m.Text}
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
			text := adviseNote(n.Text)
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
