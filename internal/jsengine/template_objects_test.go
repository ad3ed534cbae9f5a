package jsengine

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// templateProbe checks what ECMA-262 says of template objects
// (GetTemplateObject): the strings array and its raw array are frozen
// arrays, raw is a non-enumerable, non-writable, non-configurable own
// property, a cooked string with an invalid escape is undefined, one call
// site gives the same object on every evaluation and two sites give two
// objects. It is a function body: evaluated by Eval, and exported by a
// script bundle and a module bundle, all of which must answer alike.
const templateProbe = `
	function tag(s) { return s }
	function site() { return tag` + "`a${1}b\\u{`" + ` }
	function other() { return tag` + "`a${1}b\\u{`" + ` }
	const t = site(), seen = [];
	for (let i = 0; i < 3; i++) seen.push(site());
	const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return [x.writable, x.enumerable, x.configurable].join("") };
	const fails = (f) => { try { f(); return false } catch (e) { return e instanceof TypeError } };
	return {
		frozen: Object.isFrozen(t), rawFrozen: Object.isFrozen(t.raw),
		extensible: Object.isExtensible(t) || Object.isExtensible(t.raw),
		arrays: Array.isArray(t) && Array.isArray(t.raw),
		strings: [t.length, t[0], t[1] === undefined, t.raw.length, t.raw[0], t.raw[1]],
		raw: d(t, "raw"), length: d(t, "length"), rawLength: d(t.raw, "length"), elem: d(t, "0"), rawElem: d(t.raw, "1"),
		keys: Object.keys(t).join(), rawOwnRaw: Object.hasOwn(t.raw, "raw"),
		sameSite: seen.every((x) => x === t), otherSite: other() !== t,
		// strict code: each write to a frozen array throws
		writes: [() => { "use strict"; t[0] = "x" }, () => { "use strict"; t.length = 0 },
			() => { "use strict"; t.raw[0] = "x" }, () => t.push("x"), () => t.raw.push("x"),
			() => { "use strict"; t.extra = 1 }, () => Object.defineProperty(t, "raw", { value: [] }),
			() => { "use strict"; delete t[0] }].map(fails).join(),
		after: [t[0], t.length, t.raw[0], t.raw.length, t.extra].join(),
		stringRaw: String.raw` + "`x\\n${2}y`" + `,
		untagged: ` + "`a${1}b`" + `,
	};
`

const templateWant = `{"frozen":true,"rawFrozen":true,"extensible":false,"arrays":true,` +
	`"strings":[2,"a",true,2,"a","b\\u{"],"raw":"falsefalsefalse","length":"falsefalsefalse",` +
	`"rawLength":"falsefalsefalse","elem":"falsetruefalse","rawElem":"falsetruefalse",` +
	`"keys":"0,1","rawOwnRaw":false,"sameSite":true,"otherSite":true,` +
	`"writes":"true,true,true,true,true,true,true,true","after":"a,2,a,2,",` +
	`"stringRaw":"x\\n2y","untagged":"a1b"}`

// A template object is frozen whether its code ran from source (Eval) or
// from bytecode (Load: every bundle runs from JS_ReadObject's output), in a
// script and in a module, on a bytecode cache miss, a hit in memory and a
// hit on disk (patch 0010: the reader left the arrays' length writable).
func TestTemplateObjectsFrozen(t *testing.T) {
	ctx := context.Background()
	// a fresh nonce: the first Load of each bundle is a cache miss
	nonce := time.Now().UnixNano()
	script := fmt.Sprintf("// %d\nvar __corets_exports = { v() {%s} }", nonce, templateProbe)
	module := fmt.Sprintf("// %d\nexport function v() {%s}", nonce, templateProbe)

	in, _ := newInstance(t, InstanceConfig{}, "")
	if got := eval(t, in, "(() => {"+templateProbe+"})()"); got != templateWant {
		t.Fatalf("through Eval:\n got %s\nwant %s", got, templateWant)
	}

	// compiles counts what Load compiled (a call may compile a lazy part
	// of the prelude once per engine)
	load := func(e *Engine, b Bundle, run string) {
		t.Helper()
		in, err := e.NewInstance(ctx, InstanceConfig{Name: "tpl"})
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		before := e.compiles.Load()
		if err := in.Load(ctx, b); err != nil {
			t.Fatal(err)
		}
		want := int64(0)
		if run == "miss" || run == "disk miss" {
			want = 1
		}
		if n := e.compiles.Load() - before; n != want {
			t.Errorf("%s, %s: Load compiled %d scripts, want %d", b.Name, run, n, want)
		}
		res, err := in.Call(ctx, "v", nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.Value); got != templateWant {
			t.Errorf("%s, %s:\n got %s\nwant %s", b.Name, run, got, templateWant)
		}
	}
	bundles := []Bundle{{Name: "tpl.js", Code: script}, {Name: "tpl.mjs", Code: module, Module: true}}
	for _, b := range bundles {
		load(testEngine, b, "miss")
		load(testEngine, b, "memory hit")
	}
	dir := t.TempDir()
	for _, b := range bundles {
		for _, run := range []string{"disk miss", "disk hit"} {
			e, _ := diskEngine(t, dir)
			load(e, b, run)
		}
	}
}

// Cached bytecode from an engine before patch 0010 would hold the same
// bytes (the writer did not change; the reader did), so no format key had
// to change; both disk caches are keyed by the engine's wasm digest anyway,
// so a record another engine build wrote is never read by this one.
func TestBytecodeRecordDependsOnEngine(t *testing.T) {
	script := scriptDigest("main.js", "1")
	a := bytecodeRecord(script)
	wasm := engineDigest()
	other := digest([]byte(bytecodeKind), make([]byte, len(wasm)), script[:])
	if a == fmt.Sprintf("%x", other) {
		t.Fatal("the bytecode record does not depend on the engine's wasm")
	}
	if a != fmt.Sprintf("%x", digest([]byte(bytecodeKind), wasm[:], script[:])) {
		t.Fatal("the bytecode record is not keyed by the engine's wasm digest")
	}
}
