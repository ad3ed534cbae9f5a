package jsengine

import (
	"bytes"
	"embed"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// The prelude gives every instance the web APIs plugin authors expect
// (console, timers, TextEncoder, URL, ...), one file per API in prelude/.
// The files are joined in name order (00-core.js first, 99-globals.js last)
// into the body of one function, called with the private host object:
//
//	(function (host) { <00-core.js> <10-inspect.js> ... <99-globals.js> })(globalThis.__host);
//
// That function's scope is the parts' shared scope: a part's top-level
// declarations are private helpers for the parts after it, and module code,
// which runs later in the global scope, never sees them. The joined script
// is compiled once per engine and evaluated in the engine's image.
//
//go:embed prelude/*.js
var preludeFiles embed.FS

// preludeName is the script's name in stacks; preludePositions renames its
// frames to the parts' own files.
const preludeName = "prelude.js"

const (
	preludeHead = "(function (host) {\n"
	preludeTail = "})(globalThis.__host);\n"
)

// preludePart is one file of the prelude and where it starts in the joined
// script.
type preludePart struct {
	name  string // "prelude/60-url.js"
	first int    // the joined script's line number of its first line
}

var preludeSource, preludeParts = joinPrelude()

// joinPrelude joins the parts in name order (fs.ReadDir sorts). It runs
// at every process start (the snapshot's identity hashes the result), so
// it sizes the script once and copies each part once.
func joinPrelude() (string, []preludePart) {
	entries, err := fs.ReadDir(preludeFiles, "prelude")
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	srcs := make([][]byte, len(entries))
	size := len(preludeHead) + len(preludeTail)
	for i, e := range entries {
		if srcs[i], err = preludeFiles.ReadFile("prelude/" + e.Name()); err != nil {
			panic(err)
		}
		size += len(srcs[i]) + 1
	}
	var b strings.Builder
	b.Grow(size)
	parts := make([]preludePart, 0, len(entries))
	b.WriteString(preludeHead)
	line := 1 + strings.Count(preludeHead, "\n")
	for i, e := range entries {
		src := srcs[i]
		parts = append(parts, preludePart{name: "prelude/" + e.Name(), first: line})
		b.Write(src)
		line += bytes.Count(src, []byte("\n"))
		if !bytes.HasSuffix(src, []byte("\n")) {
			b.WriteByte('\n')
			line++
		}
	}
	b.WriteString(preludeTail)
	return b.String(), parts
}

// preludeFrame matches a position in the joined prelude in a QuickJS stack
// line: "    at URL (prelude.js:1540:41)".
var preludeFrame = regexp.MustCompile(`\(` + regexp.QuoteMeta(preludeName) + `:(\d+)(:\d+)?\)`)

// preludePositions rewrites the prelude's positions in a stack into the
// part's file and line, "(prelude/60-url.js:427:41)", for the host's
// errors and logs. The guest's own err.stack keeps QuickJS's form.
func preludePositions(stack string) string {
	if !strings.Contains(stack, preludeName) {
		return stack
	}
	return preludeFrame.ReplaceAllStringFunc(stack, func(m string) string {
		sub := preludeFrame.FindStringSubmatch(m)
		line, err := strconv.Atoi(sub[1])
		if err != nil {
			return m
		}
		for i := len(preludeParts) - 1; i >= 0; i-- {
			if p := preludeParts[i]; line >= p.first {
				return "(" + p.name + ":" + strconv.Itoa(line-p.first+1) + sub[2] + ")"
			}
		}
		return m // the wrapper's own line
	})
}
