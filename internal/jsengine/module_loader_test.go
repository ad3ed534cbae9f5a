package jsengine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// loadGraph loads main (a Module named main.js unless b says otherwise)
// with its Modules.
func loadGraph(t *testing.T, cfg InstanceConfig, b Bundle) (*Instance, *output, error) {
	t.Helper()
	in, out := newInstance(t, cfg, "")
	if b.Name == "" {
		b.Name = "main.js"
	}
	return in, out, in.Load(context.Background(), b)
}

func mustLoadGraph(t *testing.T, b Bundle) (*Instance, *output) {
	t.Helper()
	b.Module = true
	in, out, err := loadGraph(t, InstanceConfig{}, b)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return in, out
}

func TestLoaderStaticGraph(t *testing.T) {
	in, out := mustLoadGraph(t, Bundle{Code: `
		import { count, inc, url, main as aMain } from "./lib/a.js";
		import * as b from "./lib/b.js";
		import d, { c } from "lib/c.js";
		export function f() {
			const before = count;
			inc();
			b.increment();
			return [before, count, b.count, url, aMain, import.meta.url, import.meta.main, d, c, b.ns.c,
				Object.keys(b).join(), Object.prototype.toString.call(b.ns)];
		}`,
		Modules: map[string]string{
			"lib/a.js": `console.log("a evaluated");
				export let count = 0;
				export function inc() { count++ }
				export const url = import.meta.url, main = import.meta.main;`,
			"lib/b.js": `export * from "./a.js";
				export { inc as increment } from "./a.js";
				export * as ns from "../lib/c.js";`,
			"lib/c.js":  `console.log("c evaluated"); export const c = "c"; export default 42;`,
			"unused.js": `console.log("never")`,
		},
	})
	want := `[0,2,2,"file:///lib/a.js",false,"file:///main.js",true,42,"c","c","count,inc,increment,main,ns,url","[object Module]"]`
	if got := call(t, in, "f", ""); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// each module evaluated once, in the graph's order; the unused one never
	if got := out.String(); got != "log: a evaluated\nlog: c evaluated" {
		t.Errorf("output %q", got)
	}
}

func TestLoaderURLScheme(t *testing.T) {
	in := graphOf(t, Bundle{Name: "main.js", URL: "corets://plugin/src/main.ts", Code: `
		import { u } from "./dep/x.js";
		export const f = () => [u, import.meta.url]`,
		Modules: map[string]string{"dep/x.js": `export const u = import.meta.url`}})
	if got := call(t, in, "f", ""); got != `["corets://plugin/dep/x.js","corets://plugin/src/main.ts"]` {
		t.Errorf("got %s", got)
	}
}

func graphOf(t *testing.T, b Bundle) *Instance {
	in, _ := mustLoadGraph(t, b)
	return in
}

func TestLoaderCycle(t *testing.T) {
	in, out := mustLoadGraph(t, Bundle{Code: `
		import { getB, a } from "./a.js";
		import { getA } from "./b.js";
		export const f = () => [a, getB(), getA()]`,
		Modules: map[string]string{
			"a.js": `import { b } from "./b.js"; console.log("a");
				export const a = "a"; export function getB() { return b }`,
			"b.js": `import { a, getB } from "./a.js"; console.log("b", typeof getB);
				export const b = "b"; export function getA() { return a }`,
		}})
	if got := call(t, in, "f", ""); got != `["a","b","a"]` {
		t.Errorf("got %s", got)
	}
	// b runs first (a's dependency), with a's hoisted function already bound
	if got := out.String(); got != "log: b function\nlog: a" {
		t.Errorf("output %q", got)
	}
}

func TestLoaderDynamicFromModule(t *testing.T) {
	in, out := mustLoadGraph(t, Bundle{Name: "src/main.js", Code: `
		export async function f(s) { return (await import(s)).default }
		export async function same() {
			const [x, y, z] = await Promise.all([import("./x.js"), import("src/x.js"), import("/src/x.js")]);
			return x === y && y === z;
		}`,
		Modules: map[string]string{"src/x.js": `console.log("x"); export default "x"`}})
	for _, s := range []string{"./x.js", "../src/x.js", "src/x.js", "/src/x.js", "./././x.js"} {
		if got := call(t, in, "f", `["`+s+`"]`); got != `"x"` {
			t.Errorf("import(%q): %s", s, got)
		}
	}
	if got := call(t, in, "same", ""); got != "true" {
		t.Errorf("one namespace: %s", got)
	}
	if got := out.String(); got != "log: x" {
		t.Errorf("evaluated more than once: %q", got)
	}
}

func TestLoaderDynamicFromScript(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	err := in.Load(context.Background(), Bundle{Name: "lang/test.js", Code: `
		var __corets_exports = { f: async () => (await import("./t_FIXTURE.js")).v }`,
		Modules: map[string]string{"lang/t_FIXTURE.js": `export const v = 7; export const u = import.meta.url`}})
	if err != nil {
		t.Fatal(err)
	}
	if got := call(t, in, "f", ""); got != "7" {
		t.Errorf("from the script: %s", got)
	}
	// Eval's code is "<eval>", at the root
	if got := eval(t, in, `import("lang/t_FIXTURE.js").then(m => [m.v, m.u])`); got != `[7,"file:///lang/t_FIXTURE.js"]` {
		t.Errorf("from Eval: %s", got)
	}
	// a later Load adds its modules to the earlier ones'
	if err := in.Load(context.Background(), Bundle{Name: "two.js", Code: `var later = 1`,
		Modules: map[string]string{"two/y.js": `export default "y"`}}); err != nil {
		t.Fatal(err)
	}
	if got := eval(t, in, `Promise.all([import("./two/y.js"), import("./lang/t_FIXTURE.js")]).then(([y, t]) => [y.default, t.v])`); got != `["y",7]` {
		t.Errorf("after a second Load: %s", got)
	}
}

func TestLoaderSelfImport(t *testing.T) {
	in, out := mustLoadGraph(t, Bundle{Name: "language/module-code/self.js", Code: `
		import * as self from "./self.js";
		import { x as y } from "./self.js";
		console.log("evaluated");
		export const x = 1;
		export function f() { return [self.x, y, self.f === f] }
		export async function g() { return (await import("./self.js")) === self }`})
	if got := call(t, in, "f", ""); got != "[1,1,true]" {
		t.Errorf("static: %s", got)
	}
	if got := call(t, in, "g", ""); got != "true" {
		t.Errorf("dynamic: %s", got)
	}
	if got := out.String(); got != "log: evaluated" {
		t.Errorf("output %q", got)
	}
}

func TestLoaderRefuses(t *testing.T) {
	in := graphOf(t, Bundle{Name: "sub/main.js", Code: `
		export async function f(s) {
			try { await import(s); return "loaded" } catch (e) { return [e.name, e.code, e instanceof Error, e.message] }
		}
		export async function ok() { return (await import("./dep.js")).default }`,
		Modules: map[string]string{"sub/dep.js": `export default "dep"`, "top.js": `export default "top"`}})
	if got := call(t, in, "ok", ""); got != `"dep"` {
		t.Fatalf("ok: %s", got)
	}
	for _, c := range []struct{ spec, why string }{
		{"./nope.js", "supplied no module"},
		{"./DEP.js", "supplied no module"},
		{"./dep.js?x=1", "supplied no module"},
		{"./dep.js#x", "supplied no module"},
		{"dep.js", "supplied no module"}, // bare: from the root
		{"./", "supplied no module"},
		{"sub", "supplied no module"},
		{"", "an empty specifier"},
		{"../../etc/passwd", "leaves the bundle's root"},
		{"../../top.js", "leaves the bundle's root"},
		{"./../../sub/dep.js", "leaves the bundle's root"},
		{"/../top.js", "leaves the bundle's root"},
		{`..\..\etc\passwd`, "supplied no module"},
		{"/etc/passwd", "supplied no module"},
		{"file:///sub/dep.js", "URLs are not imported"},
		{"node:fs", "URLs are not imported"},
		{"https://example.com/x.js", "URLs are not imported"},
		{"//example.com/x.js", "URLs are not imported"},
		{"C:/sub/dep.js", "URLs are not imported"},
		{"data:text/javascript,export default 1", "URLs are not imported"},
	} {
		got := call(t, in, "f", fmt.Sprintf("[%q]", c.spec))
		want := fmt.Sprintf(`["Error","ERR_MODULE_NOT_FOUND",true,"Cannot find module '%s' imported from 'sub/main.js': `, strings.ReplaceAll(c.spec, `\`, `\\`))
		if !strings.HasPrefix(got, want) || !strings.Contains(got, c.why) {
			t.Errorf("import(%q): %s, want %s...%s", c.spec, got, want, c.why)
		}
	}
	// what the root holds is reachable the ordinary way
	if got := call(t, in, "f", `["../top.js"]`); got != `"loaded"` {
		t.Errorf("../top.js: %s", got)
	}
}

func TestLoaderStaticMissing(t *testing.T) {
	for _, spec := range []string{"./missing.js", "../../etc/passwd", "fs", "node:fs"} {
		_, _, err := loadGraph(t, InstanceConfig{}, Bundle{Module: true,
			Code:    fmt.Sprintf(`import x from %q; export const y = x`, spec),
			Modules: map[string]string{"other.js": "export default 1"}})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("Cannot find module '%s' imported from 'main.js'", spec)) {
			t.Errorf("%s: %v", spec, err)
		}
	}
	// a dependency's missing import, named with the dependency
	_, _, err := loadGraph(t, InstanceConfig{}, Bundle{Module: true, Code: `import "./a/b.js"`,
		Modules: map[string]string{"a/b.js": `import "./c.js"`}})
	if err == nil || !strings.Contains(err.Error(), "Cannot find module './c.js' imported from 'a/b.js'") {
		t.Errorf("nested: %v", err)
	}
}

func TestLoaderSyntaxErrorInDependency(t *testing.T) {
	mods := map[string]string{"bad.js": "export const = 1", "good.js": "export default 'good'"}
	_, _, err := loadGraph(t, InstanceConfig{}, Bundle{Module: true, Code: `import "./bad.js"`, Modules: mods})
	var ex *Exception
	if !errors.As(err, &ex) || !strings.Contains(err.Error(), "SyntaxError") {
		t.Errorf("static: %v", err)
	}
	in := graphOf(t, Bundle{Code: `
		export async function f(s) { try { return (await import(s)).default } catch (e) { return [e.name, e instanceof SyntaxError] } }`,
		Modules: mods})
	for i := 0; i < 2; i++ { // not cached as loaded: the same error again
		if got := call(t, in, "f", `["./bad.js"]`); got != `["SyntaxError",true]` {
			t.Errorf("dynamic %d: %s", i, got)
		}
	}
	if got := call(t, in, "f", `["./good.js"]`); got != `"good"` {
		t.Errorf("after the failures: %s", got)
	}
}

func TestLoaderEvaluationError(t *testing.T) {
	mods := map[string]string{"throws.js": `console.log("ran"); throw new TypeError("boom")`}
	_, _, err := loadGraph(t, InstanceConfig{}, Bundle{Module: true, Code: `import "./throws.js"`, Modules: mods})
	if err == nil || !strings.Contains(err.Error(), "TypeError: boom") {
		t.Errorf("static: %v", err)
	}
	in, out := mustLoadGraph(t, Bundle{Code: `
		export async function f() {
			const errs = [];
			for (let i = 0; i < 2; i++) try { await import("./throws.js") } catch (e) { errs.push(e) }
			return [errs.length, errs[0].name, errs[0].message, errs[0] === errs[1]];
		}`, Modules: mods})
	if got := call(t, in, "f", ""); got != `[2,"TypeError","boom",true]` {
		t.Errorf("dynamic: %s", got)
	}
	if got := out.String(); got != "log: ran" {
		t.Errorf("evaluated more than once: %q", got)
	}
}

func TestLoaderTopLevelAwaitInDependency(t *testing.T) {
	mods := map[string]string{
		"slow.js":  `export const v = await new Promise((r) => setTimeout(() => r(5), 5));`,
		"sleep.js": `export const s = await sleep("1ms");`,
		"never.js": `await new Promise(() => {}); export const v = 1`,
	}
	in := graphOf(t, Bundle{Code: `
		import { v } from "./slow.js";
		import { s } from "./sleep.js";
		export const f = () => [v, s];
		export const g = async () => (await import("./slow.js")).v + 1;`, Modules: mods})
	if got := call(t, in, "f", ""); got != `[5,"slept 1ms"]` {
		t.Errorf("static: %s", got)
	}
	if got := call(t, in, "g", ""); got != "6" {
		t.Errorf("dynamic: %s", got)
	}
	_, _, err := loadGraph(t, InstanceConfig{}, Bundle{Module: true, Code: `import "./never.js"`, Modules: mods})
	if err == nil || !strings.Contains(err.Error(), "can never settle") {
		t.Errorf("a dependency that never settles: %v", err)
	}
}

func TestLoaderBadModules(t *testing.T) {
	for _, c := range []struct {
		mods map[string]string
		want string
	}{
		{map[string]string{"": "x"}, `name "" is empty`},
		{map[string]string{"/a.js": "x"}, "starts with a slash"},
		{map[string]string{"./a.js": "x"}, "segment"},
		{map[string]string{"a/../b.js": "x"}, "segment"},
		{map[string]string{"a//b.js": "x"}, "segment"},
		{map[string]string{"a/": "x"}, "segment"},
		{map[string]string{"file:a.js": "x"}, "URL scheme"},
		{map[string]string{"a\x00.js": "x"}, "NUL"},
		{map[string]string{"\xff.js": "x"}, "UTF-8"},
		{map[string]string{"main.js": "x"}, "the bundle's own name"},
		{map[string]string{"big.js": strings.Repeat("x", MinMemoryLimit)}, "more than the instance's memory limit"},
	} {
		in, _, err := loadGraph(t, InstanceConfig{MemoryLimit: MinMemoryLimit}, Bundle{Module: true, Code: `export const x = 1`, Modules: c.mods})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "Bundle.Modules") {
			t.Errorf("%q: %v, want %q", c.mods, err, c.want)
		}
		if in.Bundle().Code != "" {
			t.Errorf("%q: the refused bundle was loaded", c.mods)
		}
	}
}

// The sources count against the bound over every Load; a name given again
// replaces its source's share.
func TestLoaderModulesBound(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{MemoryLimit: MinMemoryLimit}, "")
	half := strings.Repeat("x", MinMemoryLimit/2)
	load := func(mods map[string]string) error {
		return in.Load(context.Background(), Bundle{Name: "m.js", Code: "1", Modules: mods})
	}
	if err := load(map[string]string{"a.js": half}); err != nil {
		t.Fatal(err)
	}
	if err := load(map[string]string{"a.js": half}); err != nil {
		t.Fatalf("the same name again: %v", err)
	}
	if err := load(map[string]string{"b.js": half}); err == nil || !strings.Contains(err.Error(), "memory limit") {
		t.Fatalf("beyond the bound over two Loads: %v", err)
	}
}

// An import() loop stays bounded by fuel, a cyclic wait by the deadline.
func TestLoaderLimits(t *testing.T) {
	mods := map[string]string{"x.js": `export default 1`}
	in, _, err := loadGraph(t, InstanceConfig{Fuel: 2000}, Bundle{Module: true, Code: `
		export async function spin() { for (;;) await import("./x.js") }`,
		Modules: mods})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Call(context.Background(), "spin", nil); !errors.Is(err, ErrFuel) {
		t.Errorf("spin: %v, want ErrFuel", err)
	}
	in2, _, err := loadGraph(t, InstanceConfig{Fuel: 2000}, Bundle{Module: true, Code: `
		export async function miss() { for (let i = 0; ; i++) try { await import("./nope" + i + ".js") } catch {} }`,
		Modules: mods})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in2.Call(context.Background(), "miss", nil); !errors.Is(err, ErrFuel) {
		t.Errorf("miss: %v, want ErrFuel", err)
	}
	// a module that imports a module that waits for the first: never settles
	_, _, err = loadGraph(t, InstanceConfig{Timeout: 300 * time.Millisecond}, Bundle{Module: true,
		Code:    `setInterval(() => {}, 10); await import("./w.js")`,
		Modules: map[string]string{"w.js": `await import("./main.js")`}})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("a cyclic wait: %v, want ErrTimeout", err)
	}
}

// Modules count against the instance's memory limit like everything else.
func TestLoaderMemoryLimit(t *testing.T) {
	big := "export const s = '" + strings.Repeat("y", 3<<20) + "';"
	in, _, err := loadGraph(t, InstanceConfig{MemoryLimit: MinMemoryLimit + 1<<20}, Bundle{Module: true, Code: `
		export async function f() { return (await import("./big.js")).s.length }`,
		Modules: map[string]string{"big.js": big}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Call(context.Background(), "f", nil); !errors.Is(err, ErrMemory) {
		t.Errorf("a module beyond the memory limit: %v, want ErrMemory", err)
	}
}

// A dependency compiles once per engine: a second instance reads it from
// the bytecode cache, under its name, with its own import.meta.
func TestLoaderBytecodeCache(t *testing.T) {
	marker := fmt.Sprintf("%d", time.Now().UnixNano())
	b := Bundle{Code: `import { u, m } from "./dep.js"; export const f = () => [u, m] // ` + marker,
		Modules: map[string]string{"dep.js": `export const u = import.meta.url, m = "` + marker + `"`}}
	before := testEngine.compiles.Load()
	for i := 0; i < 3; i++ {
		b.URL = fmt.Sprintf("file:///i%d/main.js", i)
		in := graphOf(t, b)
		if got := call(t, in, "f", ""); got != `["file:///dep.js","`+marker+`"]` {
			t.Errorf("instance %d: %s", i, got)
		}
	}
	if n := testEngine.compiles.Load() - before; n != 2 {
		t.Errorf("%d compiles, want 2 (main and dep, once each)", n)
	}
	// the same name with other source is another module
	b.Modules = map[string]string{"dep.js": `export const u = "other", m = 0`}
	if got := call(t, graphOf(t, b), "f", ""); got != `["other",0]` {
		t.Errorf("other source: %s", got)
	}
}

// The bridge's "module" import, called as a subverted guest could: bad
// pointers and operations are refused, a name never supplied gets no
// source, and bytecode nobody asked for never reaches the engine's cache.
func TestLoaderForgedImport(t *testing.T) {
	in := graphOf(t, Bundle{Code: `export const x = 1`, Modules: map[string]string{"a.js": "export default 1"}})
	mem := in.mod.Memory()
	put := func(s string) (uint32, uint32) {
		mem.WriteString(in.scratch, s)
		return in.scratch, uint32(len(s))
	}
	reply := func(r int64) (int32, string) {
		n := uint32(r)
		if n > scratchCap {
			return int32(r >> 32), string(in.take)
		}
		b, _ := mem.Read(in.scratch, n)
		return int32(r >> 32), string(b)
	}
	size := mem.Size()
	for _, c := range []struct {
		name     string
		op       int32
		ptr, n   uint32
		kind     int32
		contains string
	}{
		{"resolve out of bounds", modResolve, size - 2, 4, hcError, "out of bounds"},
		{"source wrapping", modSource, 0xFFFFFFF0, 0x20, hcError, "out of bounds"},
		{"store out of bounds", modStore, size, 1, hcError, "out of bounds"},
		{"unknown op", 3, 0, 0, hcError, "no operation 3"},
		{"negative op", -1, 0, 0, hcError, "no operation -1"},
	} {
		if kind, data := reply(in.onModule(c.op, c.ptr, c.n)); kind != c.kind || !strings.Contains(data, c.contains) {
			t.Errorf("%s: kind %d %q", c.name, kind, data)
		}
	}
	p, n := put("main.js")
	if kind, data := reply(in.onModule(modResolve, p, n)); kind != hcError || !strings.Contains(data, "malformed") {
		t.Errorf("resolve without a NUL: %d %q", kind, data)
	}
	p, n = put("etc/passwd")
	if kind, data := reply(in.onModule(modSource, p, n)); kind != hcError || !strings.Contains(data, "no module of that name") {
		t.Errorf("source of a name never supplied: %d %q", kind, data)
	}
	before := testEngine.compiles.Load()
	p, n = put("forged bytecode")
	if kind, _ := reply(in.onModule(modStore, p, n)); kind != hcUndefined || testEngine.compiles.Load() != before {
		t.Errorf("bytecode nobody asked for was stored")
	}
	// after a source was given, one store only, of that module's source
	p, n = put("a.js")
	if kind, data := reply(in.onModule(modSource, p, n)); (kind != hcString && kind != hcBytes) || !strings.HasPrefix(data, "file:///a.js\x00") {
		t.Errorf("source of a.js: %d %q", kind, data)
	}
	in.modules.pending = "" // as after a compile that stored nothing
	p, n = put("forged again")
	if in.onModule(modStore, p, n); testEngine.compiles.Load() != before {
		t.Errorf("a store without a pending source was kept")
	}
}

// A dependency that re-exports from the entry, compiled fresh: the entry's
// compile (for its bytecode) no longer loads its imports, which kept a
// pointer to the compiled module the bridge frees (patch 0013; it crashed
// the engine with an out-of-bounds access).
func TestLoaderCycleThroughEntry(t *testing.T) {
	marker := fmt.Sprintf("// %d", time.Now().UnixNano())
	for i := 0; i < 2; i++ { // compiled, then from the bytecode cache
		in, _, err := loadGraph(t, InstanceConfig{}, Bundle{Name: "m/entry.js", Module: true, Code: marker + `
			let early;
			try { B } catch (e) { early = e.name }
			import { B, seen } from "./fix.js";
			export const A = "a";
			export const f = () => [early, B, seen];`,
			Modules: map[string]string{"m/fix.js": marker + `
				export { A as B } from "./entry.js";
				import { A } from "./entry.js";
				export let seen; try { A } catch (e) { seen = e.name }`}})
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if got := call(t, in, "f", ""); got != `["ReferenceError","a","ReferenceError"]` {
			t.Errorf("run %d: %s", i, got)
		}
	}
}
