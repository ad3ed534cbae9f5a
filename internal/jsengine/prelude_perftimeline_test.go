package jsengine

import "testing"

// prelude/56-perf-timeline.js: performance.mark/measure and the entry
// lists (testdata/node/perf_timeline.js compares them with node).
func TestPreludePerfTimeline(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "mark", code: `const m = performance.mark("a", { startTime: 3 }); [m.name, m.entryType, m.startTime, m.duration, m.detail]`,
			want: `["a","mark",3,0,null]`},
		{name: "bounded", code: `for (let i = 0; i < 10050; i++) performance.mark("m" + i, { startTime: i }); const e = performance.getEntries(); [e.length, e[0].name, e[e.length - 1].name]`,
			want: `[10000,"m50","m10049"]`},
		{name: "forged entry", code: `try { Object.getOwnPropertyDescriptor(PerformanceEntry.prototype, "name").get.call({}) } catch (e) { e.code }`,
			want: `"ERR_INVALID_THIS"`},
		{name: "records private", code: `const m = performance.mark("p"); [Object.getOwnPropertyNames(m).length, Object.getOwnPropertySymbols(m).length]`, want: `[0,0]`},
		{name: "detail is a copy", code: `const d = { a: 1 }; const m = performance.mark("d", { detail: d }); d.a = 2; m.detail.a`, want: `1`},
		{name: "throwing detail getter", code: `try { performance.mark("x", { get detail() { throw new RangeError("no") } }) } catch (e) { [e.name, performance.getEntries().length] }`,
			want: `["RangeError",0]`},
		{name: "cleared marks are gone for measure", code: `performance.mark("z"); performance.clearMarks("z"); try { performance.measure("m", "z") } catch (e) { e.name }`,
			want: `"SyntaxError"`},
		{name: "globals", code: `[typeof PerformanceEntry, typeof PerformanceMark, typeof PerformanceMeasure, performance instanceof EventTarget]`,
			want: `["function","function","function",true]`},
	})
}
