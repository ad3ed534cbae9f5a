package jsengine

import "testing"

// prelude/55-performance.js: performance.now and performance.timeOrigin.
func TestPreludePerformance(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "now is monotonic", code: `const a = performance.now(); const b = performance.now(); [typeof a, a >= 0, b >= a]`,
			want: `["number",true,true]`},
		{name: "timeOrigin", code: `const o = performance.timeOrigin; [typeof o, o <= Date.now(), Math.abs(o + performance.now() - Date.now()) < 60000, performance.toJSON().timeOrigin === o]`,
			want: `["number",true,true,true]`},
		{name: "an EventTarget", code: `[performance instanceof EventTarget, performance instanceof Performance, Object.prototype.toString.call(performance)]`,
			want: `[true,true,"[object Performance]"]`},
		{name: "illegal constructor", code: `try { new Performance() } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_ILLEGAL_CONSTRUCTOR"]`},
	})
}
