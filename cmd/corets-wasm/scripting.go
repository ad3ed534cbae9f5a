package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// What the commands that print a result (run --call, call) do with the
// modules' console: with a result on stdout, console.log goes to stderr
// too, so stdout is the result alone (`call m f | jq` works); --quiet drops
// the console altogether.

// scriptFlags are --json and --quiet.
type scriptFlags struct {
	json, quiet bool
}

func addScriptFlags(fs *flag.FlagSet, quiet bool) *scriptFlags {
	sf := new(scriptFlags)
	addJSONFlag(fs, &sf.json, "print the result, or the error, as one JSON object on stdout (see 'corets-wasm help')")
	if quiet {
		fs.BoolVar(&sf.quiet, "quiet", false, "drop the module's console output (uncaught errors still set the exit status)")
	}
	return sf
}

func addJSONFlag(fs *flag.FlagSet, p *bool, usage string) {
	fs.BoolVar(p, "json", false, usage)
}

// jsonHelp is what the command list says of --json.
const jsonHelp = `With --json, run, call and check print one JSON object on stdout: the
result ({"module", "export", "result"} for run and call, once the module is
idle; {"module", "version", "inputs", "bytes", "warnings"} for check; list
and status print an array), or the error: {"error": {"kind", "exit_code",
"message", "module", "file", "line", "column", "stack", "available"}}, the
fields after "message" only where known ("result" beside "error" when the
module failed after the call returned); "kind" is a name from the table
above.`

// console says where the modules' console lines go.
type console struct {
	toStderr bool // stdout carries a result
	quiet    bool // dropped

	mu       sync.Mutex
	uncaught *uncaughtError // the first uncaught error reported, if any
	count    int
}

// note records what the runtime reports of a module after its calls: an
// uncaught exception (a timer's, a rejected promise nobody handled) or an
// instance stopped by a limit. A module's own console.error of a line
// starting "Uncaught " counts too: it can fail its own run by throwing
// anyway.
func (k *console) note(module, level, text string) {
	if level != "error" {
		return
	}
	var limit error
	switch {
	case strings.HasPrefix(text, "Uncaught "):
	case strings.HasPrefix(text, "instance stopped: "):
		rest := strings.TrimPrefix(text, "instance stopped: ")
		for _, l := range []error{modules.ErrFuel, modules.ErrMemory, modules.ErrTimeout} {
			if strings.HasPrefix(rest, l.Error()) {
				limit = l
			}
		}
	default:
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.count++
	if k.uncaught == nil {
		line, rest, _ := strings.Cut(text, "\n")
		var stack []string
		for _, l := range strings.Split(rest, "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "at ") {
				stack = append(stack, l)
			}
		}
		k.uncaught = &uncaughtError{module: module, text: line, limit: limit, stack: boundStack(stack, "")}
	}
}

// err is the uncaught error to fail the run with, or nil.
func (k *console) err() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.uncaught == nil {
		return nil
	}
	e := *k.uncaught
	e.count = k.count
	return &e
}

// uncaughtError is a module's error no call returned: reported on stderr
// as it happened, it fails the run when the module is idle.
type uncaughtError struct {
	module, text string
	limit        error    // ErrFuel, ErrMemory or ErrTimeout when the instance stopped by one
	stack        []string // its "at" lines, bounded
	count        int
}

func (e *uncaughtError) Error() string {
	s := fmt.Sprintf("%s: %s (outside any call: in a timer, a callback or a promise nobody awaited", e.module, e.text)
	if e.count > 1 {
		s += fmt.Sprintf("; %d errors in all", e.count)
	}
	return s + ")"
}

func (e *uncaughtError) Unwrap() error { return e.limit }

// Stacks: a stack overflow's has thousands of frames; the first and the
// last say what recursed.
const (
	stackHead = 12
	stackTail = 6
)

// boundStack keeps the first stackHead and last stackTail of lines, with
// a line saying how many were left out between them.
func boundStack(lines []string, indent string) []string {
	if len(lines) <= stackHead+stackTail+1 {
		return lines
	}
	out := append([]string(nil), lines[:stackHead]...)
	out = append(out, fmt.Sprintf("%s… %d frames omitted …", indent, len(lines)-stackHead-stackTail))
	return append(out, lines[len(lines)-stackTail:]...)
}

// boundText bounds the stack in a multi-line report such as "Uncaught
// InternalError: stack overflow\n    at f (a.ts:1:2)\n...".
func boundText(text string) string {
	lines := strings.Split(text, "\n")
	if len(lines) <= stackHead+stackTail+2 {
		return text
	}
	first := 1
	for first < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[first]), "at ") {
		first++
	}
	if first == len(lines) {
		return text
	}
	return strings.Join(append(lines[:first:first], boundStack(lines[first:], "    ")...), "\n")
}

// jsonFailure is the --json form of a failure.
type jsonFailure struct {
	Kind      string   `json:"kind"`
	ExitCode  int      `json:"exit_code"`
	Message   string   `json:"message"`
	Module    string   `json:"module,omitempty"`
	File      string   `json:"file,omitempty"`
	Line      int      `json:"line,omitempty"`
	Column    int      `json:"column,omitempty"`
	Stack     []string `json:"stack,omitempty"`
	Available []string `json:"available,omitempty"`
}

// writeJSONError writes err as {"error": {...}}, with the call's result
// when the module failed after returning it.
func writeJSONError(w io.Writer, k exitKind, err error, result json.RawMessage) {
	f := jsonFailure{Kind: k.name, ExitCode: k.code, Message: strings.TrimRight(err.Error(), "\n")}
	var (
		me   *moduleError
		ex   *modules.Exception
		le   *modules.LimitError
		ee   *modules.ExportError
		nr   *modules.NotRunningError
		ue   *uncaughtError
		be   *modules.BundleError
		list manifest.ErrorList
		mErr *manifest.Error
	)
	switch {
	case errors.As(err, &ee):
		f.Module, f.Available = ee.Module, ee.Available
	case errors.As(err, &ex) && ex.Module != "":
		f.Module = ex.Module
	case errors.As(err, &le) && le.Module != "":
		f.Module = le.Module
	case errors.As(err, &nr):
		f.Module = nr.Code
	case errors.As(err, &ue):
		f.Module = ue.module
	case errors.As(err, &me):
		f.Module = strings.TrimPrefix(me.what, "load ")
		if i := strings.IndexByte(f.Module, '.'); i >= 0 {
			f.Module = f.Module[:i]
		}
	}
	switch {
	case errors.As(err, &ex):
		st := stackLines(ex.Stack)
		if st != "" {
			for _, l := range strings.Split(st, "\n") {
				f.Stack = append(f.Stack, strings.TrimSpace(l))
			}
			f.File, f.Line, f.Column = framePos(f.Stack)
		}
	case errors.As(err, &ue) && len(ue.stack) > 0:
		f.Stack = ue.stack
		f.File, f.Line, f.Column = framePos(f.Stack)
	case errors.As(err, &be) && len(be.Messages) > 0:
		m := be.Messages[0]
		f.File, f.Line, f.Column = m.File, m.Line, m.Column
	case errors.As(err, &list) && len(list) > 0:
		f.File, f.Line, f.Column = list[0].File, list[0].Line, list[0].Column
	case errors.As(err, &mErr):
		f.File, f.Line, f.Column = mErr.File, mErr.Line, mErr.Column
	}
	b, _ := json.Marshal(struct {
		Error  jsonFailure     `json:"error"`
		Result json.RawMessage `json:"result,omitempty"`
	}{f, result})
	writeJSON(w, b)
}

var frame = regexp.MustCompile(`\(([^()]+):(\d+):(\d+)\)$`)

// framePos is the file, line and column of a stack's first frame that has
// them.
func framePos(stack []string) (string, int, int) {
	for _, l := range stack {
		if m := frame.FindStringSubmatch(l); m != nil {
			line, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			return m[1], line, col
		}
	}
	return "", 0, 0
}

// wantsJSON reports whether a command line that did not parse asked for
// --json, so that its usage error is JSON too.
func wantsJSON(fs *flag.FlagSet, args []string) bool {
	if fs.Lookup("json") == nil {
		return false
	}
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-json", "--json", "-json=true", "--json=true":
			return true
		}
	}
	return false
}
