package jsengine

import "testing"

// prelude/10-inspect.js: node's util.inspect, seen through console.log. The
// expected lines are node 20's.
func TestPreludeInspect(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "object", code: `console.log({ a: 1, b: [1, 2, { c: 3 }], s: "x" })`, want: "null",
			out: "log: { a: 1, b: [ 1, 2, { c: 3 } ], s: 'x' }"},
		{name: "depth", code: `console.log({ a: { b: { c: { d: 1 } } } })`, want: "null",
			out: "log: { a: { b: { c: [Object] } } }"},
		{name: "circular", code: `const o = { n: 1 }; o.self = o; console.log(o)`, want: "null",
			out: "log: <ref *1> { n: 1, self: [Circular *1] }"},
		{name: "collections", code: `console.log(new Map([["k", 1]]), new Set([1, "a"]))`, want: "null",
			out: "log: Map(1) { 'k' => 1 } Set(2) { 1, 'a' }"},
		{name: "class instance", code: `class Point { constructor() { this.x = 1 } }; console.log(new Point())`, want: "null",
			out: "log: Point { x: 1 }"},
		{name: "primitives", code: `console.log(-0, 1n, Symbol("s"), null, undefined, [ , 1])`, want: "null",
			out: "log: -0 1n Symbol(s) null undefined [ <1 empty item>, 1 ]"},
		{name: "errors", code: `const e = new RangeError("r"); e.stack = "RangeError: r"; console.log(e)`, want: "null",
			out: "log: [RangeError: r]"},
		{name: "format specifiers", code: `console.log("%s is %d, %i, %j%%", "x", 4.5, 4.5, 1)`, want: "null",
			out: "log: x is 4.5, 4, 1%"},
		{name: "custom inspect", code: `console.log({ [Symbol.for("nodejs.util.inspect.custom")]() { return "mine" } })`, want: "null",
			out: "log: mine"},
		{name: "long arrays break", code: `console.log(Array.from({ length: 30 }, (_, i) => i * 1000))`, want: "null",
			out: "log: [\n      0,  1000,  2000,  3000,  4000,\n   5000,  6000,  7000,  8000,  9000,\n  10000, 11000, 12000, 13000, 14000,\n  15000, 16000, 17000, 18000, 19000,\n  20000, 21000, 22000, 23000, 24000,\n  25000, 26000, 27000, 28000, 29000\n]"},
	})
}
