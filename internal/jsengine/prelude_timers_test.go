package jsengine

import "testing"

// prelude/20-timers.js: setTimeout, setInterval, their clear functions and
// queueMicrotask. The cases await their timers; none depends on how long a
// timer takes, only on order.
func TestPreludeTimers(t *testing.T) {
	runPreludeCases(t, []preludeCase{
		{name: "order and arguments", code: `new Promise((resolve) => {
			const seen = [];
			setTimeout((a, b) => seen.push(a + b), 1, "a", "b");
			setTimeout(() => seen.push("second"), 1);
			queueMicrotask(() => seen.push("microtask"));
			setTimeout(() => resolve(seen), 1);
		})`, want: `["microtask","ab","second"]`},
		{name: "clearTimeout", code: `new Promise((resolve) => {
			const id = setTimeout(() => resolve("fired"), 1);
			clearTimeout(id);
			clearTimeout("nonsense"); clearTimeout(undefined);
			setTimeout(() => resolve("cleared"), 2);
		})`, want: `"cleared"`},
		{name: "interval", code: `new Promise((resolve) => {
			let n = 0;
			const id = setInterval(() => { if (++n === 3) { clearInterval(id); setTimeout(() => resolve(n), 5); } }, 1);
		})`, want: `3`},
		// a known difference: node returns Timeout objects
		{name: "ids are numbers", code: `[typeof setTimeout(() => {}, 0), setTimeout.length, setInterval.length]`,
			want: `["number",5,5]`},
		{name: "callback checked", code: `try { setTimeout("code") } catch (e) { [e.name, e.code] }`,
			want: `["TypeError","ERR_INVALID_ARG_TYPE"]`},
		{name: "timer exception reported, loop goes on", code: `new Promise((resolve) => {
			setTimeout(() => { throw new Error("boom") }, 1);
			setTimeout(() => resolve("after"), 2);
		})`, want: `"after"`},
	})
}
