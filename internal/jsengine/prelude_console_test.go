package jsengine

import "testing"

// prelude/15-console.js: console's methods, their levels and node's texts.
func TestPreludeConsole(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "levels", code: `console.log("a", 1); console.info("i"); console.warn("w"); console.error("e"); console.debug("d")`,
			want: "null", out: "log: a 1\ninfo: i\nwarn: w\nerror: e\ndebug: d"},
		{name: "count", code: `console.count(); console.count(); console.count("x"); console.countReset("x"); console.countReset("y")`,
			want: "null", out: "info: default: 1\ninfo: default: 2\ninfo: x: 1\nwarn: Count for 'y' does not exist"},
		{name: "group", code: `console.group("g"); console.log("a\nb"); console.groupEnd(); console.log("c")`,
			want: "null", out: "log: g\nlog:   a\n  b\nlog: c"},
		{name: "assert", code: `console.assert(true, "no"); console.assert(false, "x is %d", 1); console.assert(false)`,
			want: "null", out: "warn: Assertion failed: x is 1\nwarn: Assertion failed"},
		{name: "time labels", code: `console.time("t"); console.time("t"); console.timeEnd("nope")`,
			want: "null", out: "warn: Warning: Label 't' already exists for console.time()\nwarn: Warning: No such label 'nope' for console.timeEnd()"},
		{name: "dir ignores custom inspect", code: `console.dir({ a: 1, [Symbol.for("nodejs.util.inspect.custom")]() { return "mine" } })`,
			want: "null", out: "log: {\n  a: 1,\n  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}"},
		{name: "replaceable", code: `const lines = []; console.log = (s) => lines.push(s); console.log("x"); lines`,
			want: `["x"]`},
	})
}
