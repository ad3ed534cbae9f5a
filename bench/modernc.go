package main

import (
	"context"
	"fmt"
	"sync"

	"modernc.org/quickjs"
)

// moderncEngine is modernc.org/quickjs: QuickJS's C source translated to Go.
// The bundle is compiled to bytecode once; each instance evaluates it.
type moderncEngine struct {
	bytecode []byte
}

func newModernc() (*moderncEngine, error) {
	m, err := quickjs.NewVM()
	if err != nil {
		return nil, err
	}
	defer m.Close()
	bc, err := m.Compile(bundleJS, quickjs.EvalGlobal)
	if err != nil {
		return nil, err
	}
	return &moderncEngine{bytecode: bc}, nil
}

func (e *moderncEngine) name() string { return "modernc.org/quickjs" }
func (e *moderncEngine) close()       {}

func (e *moderncEngine) newVM(ctx context.Context) (vm, error) {
	m, err := quickjs.NewVM()
	if err != nil {
		return nil, err
	}
	v := &moderncVM{m: m}
	if _, err := m.EvalBytecode(e.bytecode); err != nil {
		m.Close()
		return nil, err
	}
	if v.addFn, err = m.EvalValue("__corets_exports.add", quickjs.EvalGlobal); err != nil {
		m.Close()
		return nil, err
	}
	if v.fibFn, err = m.EvalValue("__corets_exports.fib", quickjs.EvalGlobal); err != nil {
		v.addFn.Free()
		m.Close()
		return nil, err
	}
	return v, nil
}

// moderncVM serializes calls: a quickjs.VM is not safe for concurrent use.
type moderncVM struct {
	mu           sync.Mutex
	m            *quickjs.VM
	addFn, fibFn quickjs.Value
}

func (v *moderncVM) call(f quickjs.Value, args ...any) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	r, err := f.Call(quickjs.UndefinedValue, args...)
	if err != nil {
		return 0, err
	}
	switch n := r.(type) {
	case int:
		return n, nil
	case float64:
		return int(n), nil
	}
	return 0, fmt.Errorf("modernc: result %T %v", r, r)
}

func (v *moderncVM) add(a, b int) (int, error) { return v.call(v.addFn, a, b) }
func (v *moderncVM) fib(n int) (int, error)    { return v.call(v.fibFn, n) }

func (v *moderncVM) close() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.addFn.Free()
	v.fibFn.Free()
	v.m.Close()
}
