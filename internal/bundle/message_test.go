package bundle

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestErrorRendering: messages read as esbuild prints them, with the
// message's own 1-based character column, and within bounds whatever the
// input: a megabyte-long minified line shows a window around the column,
// and at most maxRenderedMessages messages are rendered.
func TestErrorRendering(t *testing.T) {
	long := strings.Repeat("x", 1<<20) + "BAD" + strings.Repeat("y", 1<<20)
	tests := []struct {
		name string
		err  *Error
		want []string // in order
		not  []string
	}{
		{name: "located", err: &Error{Messages: []Message{{File: "main.ts", Line: 3, Column: 15, Length: 11,
			LineText: `import x from "./missing";`, Text: `Could not resolve "./missing"`}}},
			want: []string{"✘ [ERROR] Could not resolve \"./missing\"\n\n    main.ts:3:15:\n      3 │ import x from \"./missing\";\n        ╵               ~~~~~~~~~~~"}},
		{name: "characters, not bytes", err: &Error{Messages: []Message{{File: "main.ts", Line: 1, Column: 26, Length: 8,
			LineText: `const café = "ü"; import "./nope";`, Text: "x"}}},
			want: []string{"    main.ts:1:26:\n      1 │ const café = \"ü\"; import \"./nope\";\n        ╵                          ~~~~~~~~"}},
		{name: "notes", err: &Error{Messages: []Message{{File: "a.ts", Line: 1, Column: 1, LineText: "x", Text: "t",
			Notes: []string{"lib/b.ts:2:3: the first note", "another"}}}},
			want: []string{"  lib/b.ts:2:3: the first note\n  another"}},
		{name: "no location", err: &Error{Messages: []Message{{Text: "esbuild produced nothing"}}},
			want: []string{"✘ [ERROR] esbuild produced nothing"}, not: []string{":0:"}},
		{name: "a file without a line", err: &Error{Messages: []Message{{File: "lib/x.ts", Text: "cannot be read"}}},
			want: []string{"✘ [ERROR] lib/x.ts: cannot be read"}, not: []string{":0:"}},
		{name: "a line without its text", err: &Error{Messages: []Message{{File: "lib/x.ts", Line: 7, Column: 2, Text: "odd"}}},
			want: []string{"✘ [ERROR] lib/x.ts:7:2: odd"}, not: []string{"│"}},
		{name: "a megabyte line", err: &Error{Messages: []Message{{File: "min.js", Line: 1, Column: 1<<20 + 1, Length: 3,
			LineText: long, Text: "here"}}},
			want: []string{fmt.Sprintf("    min.js:1:%d:\n", 1<<20+1), "│ ...xxxx", "xxxxBADyyyy", "yyyy...\n", "~~~"}},
		{name: "many", err: func() *Error {
			e := &Error{}
			for i := range 25 {
				e.Messages = append(e.Messages, Message{File: "m.ts", Line: i + 1, Column: 1, LineText: "long line " + long, Text: fmt.Sprintf("error %d", i)})
			}
			return e
		}(), want: []string{"error 0", "error 19\n", "\n... and 5 more errors"}, not: []string{"error 20"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.err.Error()
			if len(got) > 64<<10 {
				t.Fatalf("rendered %d bytes", len(got))
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("missing (or out of order) %q in\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("has %q:\n%s", w, got)
				}
			}
			if strings.HasSuffix(got, "\n") {
				t.Errorf("ends in a newline: %q", got)
			}
		})
	}
}

func TestWarningString(t *testing.T) {
	w := Message{File: "main.ts", Line: 2, Column: 5, Length: 11, LineText: "x = import.meta;", Text: `"import.meta" is not available`}
	got := w.String()
	if !strings.HasPrefix(got, "▲ [WARNING] \"import.meta\" is not available\n\n    main.ts:2:5:\n") || strings.Contains(got, "ERROR") {
		t.Errorf("warning rendered as\n%s", got)
	}
}

// TestErrorKinds: an *Error matches the kinds of its messages, each once.
func TestErrorKinds(t *testing.T) {
	e := &Error{Messages: []Message{{Text: "a", kind: ErrImportRefused}, {Text: "b"}, {Text: "c", kind: ErrImportRefused}, {Text: "d", kind: ErrNestingTooDeep}}}
	if !errors.Is(e, ErrImportRefused) || !errors.Is(e, ErrNestingTooDeep) || errors.Is(e, ErrNoEntry) || errors.Is(e, ErrInputsTooLarge) {
		t.Errorf("kinds %v", e.Unwrap())
	}
	if len(e.Unwrap()) != 2 {
		t.Errorf("kinds %v, want each once", e.Unwrap())
	}
}

func TestClipLine(t *testing.T) {
	tests := []struct {
		line             string
		col, length      int
		want             string
		wantCol, wantLen int // in bytes of want
	}{
		{"short", 2, 2, "short", 2, 2},
		{"ü€x", 2, 1, "ü€x", 5, 1},
		{"abc", -3, 9, "abc", 0, 3},
		{"abc", 10, 1, "abc", 3, 0},
		{strings.Repeat("a", 200) + "B" + strings.Repeat("c", 200), 200, 5, strings.Repeat("a", 50) + "B" + strings.Repeat("c", 49), 50, 5},
		{"B" + strings.Repeat("c", 200), 0, 1, "B" + strings.Repeat("c", 99), 0, 1},
		{strings.Repeat("a", 200) + "B", 200, 1, strings.Repeat("a", 50) + "B", 50, 1},
	}
	for _, tt := range tests {
		got, col, length := clipLine(tt.line, tt.col, tt.length)
		if got != tt.want || col != tt.wantCol || length != tt.wantLen {
			t.Errorf("clipLine(%.20q…, %d, %d) = %.20q… %d %d, want %.20q… %d %d", tt.line, tt.col, tt.length, got, col, length, tt.want, tt.wantCol, tt.wantLen)
		}
	}
}
