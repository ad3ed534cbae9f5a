package jsengine

import (
	"context"
	"errors"
	"testing"
)

// A stack overflow is classified by the engine (QuickJS recognises the
// exception object it threw itself), never by the text: a guest that
// throws an error reading "stack overflow" gets an ordinary exception.
func TestStackOverflowIsTheEngines(t *testing.T) {
	cases := []struct {
		name     string
		code     string
		overflow bool
	}{
		{"recursion", `function f(n) { return f(n + 1) + 1 } f(0)`, true},
		{"recursion in a getter", `const o = { get x() { return this.x } }; o.x`, true},
		{"deep JSON", `JSON.parse("[".repeat(100000))`, true},
		{"deep source", `eval("(".repeat(100000))`, true},
		{"deep regexp", `new RegExp("(?:".repeat(100000))`, true},
		{"caught and rethrown", `let e; try { (function f() { f() })() } catch (x) { e = x } throw e`, true},

		{"RangeError look-alike", `throw new RangeError("stack overflow")`, false},
		{"InternalError look-alike", `throw new InternalError("stack overflow")`, false},
		{"renamed Error", `const e = new Error("stack overflow"); e.name = "InternalError"; throw e`, false},
		{"a string", `throw "stack overflow"`, false},
		{"a plain object", `throw {name: "InternalError", message: "stack overflow"}`, false},
		{"look-alike after a real one was caught",
			`try { (function f() { f() })() } catch {} throw new InternalError("stack overflow")`, false},
		{"the real one's text copied", `let m; try { (function f() { f() })() } catch (x) { m = x.message } throw new InternalError(m)`, false},
	}
	in, _ := newInstance(t, InstanceConfig{}, "")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := in.Eval(context.Background(), c.code)
			var ex *Exception
			if !errors.As(err, &ex) {
				t.Fatalf("got %v (%T), want an *Exception", err, err)
			}
			if got := errors.Is(err, ErrStackOverflow); got != c.overflow {
				t.Errorf("errors.Is(%q, ErrStackOverflow) = %v, want %v", err, got, c.overflow)
			}
		})
	}
	// a stack overflow leaves the instance usable
	if _, err := in.Eval(context.Background(), "1"); err != nil {
		t.Fatalf("after the cases: %v", err)
	}
}
