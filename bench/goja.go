package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// gojaEngine is github.com/dop251/goja, a JavaScript interpreter in Go. The
// bundle is compiled once; each instance runs the compiled program.
type gojaEngine struct {
	prog *goja.Program
}

func newGoja() (*gojaEngine, error) {
	p, err := goja.Compile("bench.js", bundleJS, false)
	if err != nil {
		return nil, err
	}
	return &gojaEngine{prog: p}, nil
}

func (g *gojaEngine) name() string { return "goja" }
func (g *gojaEngine) close()       {}

func (g *gojaEngine) newVM(ctx context.Context) (vm, error) {
	rt := goja.New()
	if _, err := rt.RunProgram(g.prog); err != nil {
		return nil, err
	}
	exports := rt.Get("__corets_exports").ToObject(rt)
	add, ok1 := goja.AssertFunction(exports.Get("add"))
	fib, ok2 := goja.AssertFunction(exports.Get("fib"))
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("goja: exports are not functions")
	}
	return &gojaVM{rt: rt, addFn: add, fibFn: fib}, nil
}

// gojaVM serializes calls: a goja.Runtime is not safe for concurrent use.
type gojaVM struct {
	mu           sync.Mutex
	rt           *goja.Runtime
	addFn, fibFn goja.Callable
}

func (v *gojaVM) call(f goja.Callable, args ...int) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = v.rt.ToValue(a)
	}
	r, err := f(goja.Undefined(), vals...)
	if err != nil {
		return 0, err
	}
	return int(r.ToInteger()), nil
}

func (v *gojaVM) add(a, b int) (int, error) { return v.call(v.addFn, a, b) }
func (v *gojaVM) fib(n int) (int, error)    { return v.call(v.fibFn, n) }
func (v *gojaVM) close()                    {}
