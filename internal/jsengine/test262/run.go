package main

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// Limits are each run's.
type Limits struct {
	Timeout time.Duration
	Memory  uint64
}

// Run is one evaluation of a test: sloppy or strict.
type Run struct {
	Path   string // "test/…" in the checkout
	Src    string
	Meta   Meta
	Strict bool
}

// Outcome is a run's result: nil Failure means it passed.
type Outcome struct {
	Run     Run
	Failure *Failure
}

const (
	asyncComplete = "Test262:AsyncTestComplete"
	asyncFailure  = "Test262:AsyncTestFailure"
)

// Execute runs r in a fresh instance: $262 and print installed, the harness
// files evaluated as global scripts, then the test (with a "use strict"
// directive line first for a strict run), its promise jobs, and for an
// async test its timers, until the instance is idle. A module test is
// evaluated as a module; it and a test of import() may import mods. The run passes as
// run-test262's eval_buf decides: a negative test must throw an error of
// its negative type; an async test must print Test262:AsyncTestComplete
// exactly once and no failure; any other test must not throw.
func Execute(ctx context.Context, e *jsengine.Engine, h *Harness, mods *ModuleSources, lim Limits, r Run) Outcome {
	fail := func(line int, msg string) Outcome {
		return Outcome{Run: r, Failure: &Failure{Path: r.Path, Line: line, Strict: r.Strict, Message: msg}}
	}
	var mu sync.Mutex
	var complete, failed int
	var failMsg string
	out := func(level, text string) {
		mu.Lock()
		defer mu.Unlock()
		for _, line := range strings.Split(text, "\n") {
			switch {
			case line == asyncComplete:
				complete++
			case strings.HasPrefix(line, asyncFailure):
				failed++
				if failMsg == "" {
					failMsg = strings.TrimPrefix(strings.TrimPrefix(line, asyncFailure), ":")
				}
			}
		}
	}
	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{Name: r.Path, MemoryLimit: lim.Memory, Timeout: lim.Timeout, Output: out})
	if err != nil {
		return fail(0, "instance: "+err.Error())
	}
	defer in.Close()
	canBlock := !r.Meta.Flags["CanBlockIsFalse"]
	if err := in.InstallTest262(ctx, canBlock); err != nil {
		return fail(0, "$262: "+err.Error())
	}
	for _, inc := range Includes(r.Meta) {
		src, err := h.Get(inc)
		if err != nil {
			return fail(0, err.Error())
		}
		if err := in.Load(ctx, jsengine.Bundle{Name: "harness/" + inc, Code: src}); err != nil {
			return fail(0, "error in harness/"+inc+": "+oneLine(err))
		}
	}
	code := r.Src
	if r.Strict {
		code = "\"use strict\";\n" + code
	}
	b := jsengine.Bundle{Name: r.Path, Code: code, Module: r.Meta.Flags["module"]}
	if needsLoader(r.Meta) && mods != nil {
		if b.Modules, err = mods.For(r.Path); err != nil {
			return fail(0, "modules: "+err.Error())
		}
	}
	err = in.Load(ctx, b)
	if err == nil && r.Meta.Flags["async"] {
		err = in.Wait(ctx)
		if err == nil {
			mu.Lock()
			switch {
			case failed > 0:
				err = errors.New(failMsg)
			case complete != 1:
				err = fmt.Errorf("TypeError: $DONE() called %d times, want once", complete)
			}
			mu.Unlock()
		}
	}
	line := errorLine(err, r)
	if neg := r.Meta.Negative; neg != nil {
		if err == nil {
			return fail(line, "expected error")
		}
		if errorName(err) != neg.Type {
			return fail(line, "unexpected error type: "+oneLine(err))
		}
		return Outcome{Run: r}
	}
	if err != nil {
		return fail(line, oneLine(err))
	}
	return Outcome{Run: r}
}

// doNotEvaluate is what harness/sta.js's $DONOTEVALUATE throws: a string.
const doNotEvaluate = "Test262: This statement should not be evaluated."

// errorName is the name of what a run threw, as run-test262 takes it (the
// text before ":" in its string form). jsengine reports a thrown object
// that is not an Error by its message and no name; test262's only such
// object is sta.js's Test262Error, so that is its name, unless the value
// is $DONOTEVALUATE's string.
func errorName(err error) string {
	var ex *jsengine.Exception
	switch {
	case !errors.As(err, &ex):
		return ""
	case ex.Name != "":
		return ex.Name
	case ex.Message == doNotEvaluate:
		return ""
	}
	return "Test262Error"
}

// oneLine is an error's text for the errors file: its first line.
func oneLine(err error) string {
	var ex *jsengine.Exception
	s := err.Error()
	if errors.As(err, &ex) && ex.Name == "" {
		if n := errorName(err); n != "" {
			s = n + ": " + ex.Message
		} else {
			s = "Throw: " + ex.Message
		}
	}
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimSpace(s)
}

var lineCache sync.Map // path -> *regexp.Regexp

// errorLine is the line of the test the error's stack points at (0 when it
// names none); a strict run's extra first line is taken off.
func errorLine(err error, r Run) int {
	var ex *jsengine.Exception
	if err == nil || !errors.As(err, &ex) || ex.Stack == "" {
		return 0
	}
	re, ok := lineCache.Load(r.Path)
	if !ok {
		re, _ = lineCache.LoadOrStore(r.Path, regexp.MustCompile(regexp.QuoteMeta(r.Path)+`:(\d+)`))
	}
	m := re.(*regexp.Regexp).FindStringSubmatch(ex.Stack)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	if r.Strict && n > 1 {
		n--
	}
	return n
}
