package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/dop251/goja"
	"modernc.org/quickjs"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// scriptVM evaluates scripts in one fresh instance of an engine, for the
// rows that run larger programs (strings, CPU-heavy JS). eval returns the
// completion value as text: a JSON string without its quotes, a number as
// JavaScript prints it.
type scriptVM interface {
	eval(src string) (string, error)
	close()
}

type oursScript struct{ in *jsengine.Instance }

func (o *ours) scriptVM(ctx context.Context) (scriptVM, error) {
	in, err := o.e.NewInstance(ctx, jsengine.InstanceConfig{
		Name: "bench-script", MemoryLimit: 512 << 20, Timeout: 10 * time.Minute, Output: func(string, string) {},
	})
	if err != nil {
		return nil, err
	}
	return oursScript{in}, nil
}

func (s oursScript) eval(src string) (string, error) {
	r, err := s.in.Eval(context.Background(), src)
	if err != nil {
		return "", err
	}
	var str string
	if json.Unmarshal(r.Value, &str) == nil {
		return str, nil
	}
	return string(r.Value), nil
}

func (s oursScript) close() { s.in.Close() }

type gojaScript struct{ rt *goja.Runtime }

func (gojaEngine) scriptVM() scriptVM { return gojaScript{goja.New()} }

func (s gojaScript) eval(src string) (string, error) {
	v, err := s.rt.RunString(src)
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

func (gojaScript) close() {}

type moderncScript struct{ m *quickjs.VM }

func (moderncEngine) scriptVM() (scriptVM, error) {
	m, err := quickjs.NewVM()
	if err != nil {
		return nil, err
	}
	return moderncScript{m}, nil
}

func (s moderncScript) eval(src string) (string, error) {
	v, err := s.m.Eval(src, quickjs.EvalGlobal)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case nil:
		return "undefined", nil
	}
	return fmt.Sprint(v), nil
}

func (s moderncScript) close() { s.m.Close() }

// timeEval evaluates expr warm times untimed, then runs times timed, and
// returns the median; every result must equal want (when want is not "")
// and each other.
func timeEval(s scriptVM, expr, want string, warm, runs int) (time.Duration, string, error) {
	var ds []time.Duration
	var first string
	for i := -warm; i < runs; i++ {
		start := time.Now()
		got, err := s.eval(expr)
		d := time.Since(start)
		if err != nil {
			return 0, "", err
		}
		if i == -warm {
			first = got
		}
		if (want != "" && got != want) || got != first {
			return 0, "", fmt.Errorf("%s = %s, want %s", expr, got, or2(want, first))
		}
		if i >= 0 {
			ds = append(ds, d)
		}
	}
	return median(ds), first, nil
}

func or2(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
