package jsengine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadModule makes an instance and loads code into it as an ES module.
func loadModule(t *testing.T, cfg InstanceConfig, b Bundle) (*Instance, *output, error) {
	t.Helper()
	in, out := newInstance(t, cfg, "")
	if b.Name == "" {
		b.Name = "main.js"
	}
	b.Module = true
	return in, out, in.Load(context.Background(), b)
}

func TestModuleTopLevelAwait(t *testing.T) {
	in, out, err := loadModule(t, InstanceConfig{}, Bundle{Code: `
		console.log("before");
		const slept = await sleep("10ms");
		await new Promise((r) => setTimeout(r, 5));
		const echoed = await echo("hi");
		let n = 0;
		export function count() { return ++n; }
		export async function later(x) { await null; return x * 2; }
		export const state = { slept, echoed, meta: import.meta.url, main: import.meta.main };
		export default function () { return "default"; }
		console.log("after");`})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "log: before\nlog: after" {
		t.Errorf("console: %q", got)
	}
	if got := call(t, in, "count", ""); got != "1" {
		t.Errorf("count: %s", got)
	}
	if got := call(t, in, "count", ""); got != "2" {
		t.Errorf("count again: %s", got)
	}
	if got := call(t, in, "later", "[21]"); got != "42" {
		t.Errorf("later: %s", got)
	}
	if got := call(t, in, "default", ""); got != `"default"` {
		t.Errorf("default: %s", got)
	}
	if _, err := in.Call(context.Background(), "state", nil); err == nil || !strings.Contains(err.Error(), "not a function") {
		t.Errorf("calling a non-function export: %v", err)
	}
	if _, err := in.Call(context.Background(), "nope", nil); err == nil || !strings.Contains(err.Error(), "no such export") {
		t.Errorf("calling a missing export: %v", err)
	}
	// the namespace is the exports: a module object, read-only, live
	if got := eval(t, in, `const e = globalThis.__corets_exports;
		[Object.prototype.toString.call(e), Object.keys(e).join(), e.state.slept, e.state.echoed, e.state.meta, e.state.main,
		 Reflect.set(e, "count", 1), (() => { "use strict"; try { e.count = 1; return "assigned" } catch (x) { return x.name } })()]`); got !=
		`["[object Module]","count,default,later,state","slept 10ms","hi","file:///main.js",true,false,"TypeError"]` {
		t.Errorf("exports: %s", got)
	}
}

func TestModuleURL(t *testing.T) {
	for _, c := range []struct{ name, url, want string }{
		{"main.ts", "", "file:///main.ts"},
		{"dir/a b%.ts", "", "file:///dir/a%20b%25.ts"},
		{"bundle.js", "file:///src/main.ts", "file:///src/main.ts"},
	} {
		in, _, err := loadModule(t, InstanceConfig{}, Bundle{Name: c.name, URL: c.url, Code: `export const u = () => import.meta.url`})
		if err != nil {
			t.Fatal(err)
		}
		if got := call(t, in, "u", ""); got != `"`+c.want+`"` {
			t.Errorf("%q %q: import.meta.url %s, want %s", c.name, c.url, got, c.want)
		}
	}
}

func TestModuleErrors(t *testing.T) {
	for _, c := range []struct{ name, code, want string }{
		{"throw", `throw new TypeError("at once")`, "TypeError: at once"},
		{"throw after await", `await sleep("1ms");
			throw new RangeError("later")`, "RangeError: later"},
		{"denied host op", `await fail()`, "PermissionDenied: async refusal"},
		{"denied sync host op", `await null; denied("x")`, "PermissionDenied: read x is not granted"},
		{"syntax", `export const = 1`, "SyntaxError"},
		{"static import", `import x from "./other.js"; export const y = x`, "Cannot find module './other.js'"},
		{"static import bare", `import fs from "fs"; export const y = fs`, "Cannot find module 'fs'"},
		{"dynamic import", `await import("./other.js")`, "Cannot find module './other.js'"},
		{"dynamic import of itself waits for itself", `await import("main.js")`, "can never settle"},
		{"dynamic import in eval", `await (0, eval)("import('/etc/passwd')")`, "import"},
		{"stack overflow", `await null; (function f() { f() })()`, "stack overflow"},
		{"never settles", `await new Promise(() => {})`, "the module's top-level await can never settle"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, out, err := loadModule(t, InstanceConfig{}, Bundle{Code: c.code + "\nexport const ok = () => 1"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load: %v, want %q", err, c.want)
			}
			if strings.Contains(out.String(), "Uncaught") {
				t.Errorf("the failure was also reported as uncaught: %q", out.String())
			}
			// a module that failed has no exports; the instance still works
			if _, err := in.Call(context.Background(), "ok", nil); err == nil || !strings.Contains(err.Error(), "no exports") {
				t.Errorf("call after a failed load: %v", err)
			}
			if got := eval(t, in, "1+1"); got != "2" {
				t.Errorf("eval after a failed load: %s", got)
			}
		})
	}
}

func TestModuleImportErrorIsNodes(t *testing.T) {
	in, _, err := loadModule(t, InstanceConfig{}, Bundle{Code: `
		export async function f(s) { try { await import(s) } catch (e) { return [e.name, e.code, e instanceof Error] } }`})
	if err != nil {
		t.Fatal(err)
	}
	if got := call(t, in, "f", `["x"]`); got != `["Error","ERR_MODULE_NOT_FOUND",true]` {
		t.Errorf("got %s", got)
	}
	long := strings.Repeat("a", 500)
	if got := call(t, in, "f", `["`+long+`"]`); got != `["Error","ERR_MODULE_NOT_FOUND",true]` {
		t.Errorf("a long specifier: %s", got)
	}
}

func TestModuleNeverSettlesTimesOut(t *testing.T) {
	in, _, err := loadModule(t, InstanceConfig{Timeout: 200 * time.Millisecond}, Bundle{Code: `
		setInterval(() => {}, 10);
		await new Promise(() => {});
		export const ok = () => 1`})
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "top-level await had not settled") {
		t.Fatalf("Load: %v", err)
	}
	if !errors.Is(in.Err(), ErrTimeout) {
		t.Errorf("the instance is not dead: %v", in.Err())
	}
	// the caller's deadline too
	in2, _ := newInstance(t, InstanceConfig{}, "")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err = in2.Load(ctx, Bundle{Name: "m.js", Module: true, Code: `await sleep("1h")`})
	if !errors.Is(err, ErrTimeout) || !errors.Is(in2.Err(), ErrTimeout) {
		t.Fatalf("Load with a caller's deadline: %v (%v)", err, in2.Err())
	}
}

func TestModuleLimits(t *testing.T) {
	_, _, err := loadModule(t, InstanceConfig{Fuel: 1_000_000}, Bundle{Code: `await null; for (;;) {}`})
	if !errors.Is(err, ErrFuel) {
		t.Errorf("fuel: %v", err)
	}
	_, _, err = loadModule(t, InstanceConfig{Fuel: 1_000_000}, Bundle{Code: `for (;;) {}`})
	if !errors.Is(err, ErrFuel) {
		t.Errorf("fuel before any await: %v", err)
	}
	_, _, err = loadModule(t, InstanceConfig{MemoryLimit: 16 << 20}, Bundle{Code: `
		await sleep("1ms"); const a = []; for (;;) a.push(new Array(1e5).fill(1))`})
	if !errors.Is(err, ErrMemory) {
		t.Errorf("memory: %v", err)
	}
	_, _, err = loadModule(t, InstanceConfig{Fuel: 1_000_000}, Bundle{Code: `
		setTimeout(() => { for (;;) {} }, 1); await new Promise((r) => setTimeout(r, 50))`})
	if !errors.Is(err, ErrFuel) {
		t.Errorf("fuel in a timer during the load: %v", err)
	}
}

func TestModuleDefaultExports(t *testing.T) {
	in, _, err := loadModule(t, InstanceConfig{}, Bundle{DefaultExports: true, Code: `
		const cjs = { hello: (n) => "hello " + n };
		export default cjs;`})
	if err != nil {
		t.Fatal(err)
	}
	if got := call(t, in, "hello", `["you"]`); got != `"hello you"` {
		t.Errorf("got %s", got)
	}
}

func TestModuleBytecodeKeptApartFromScripts(t *testing.T) {
	// the same name and source, as a script and as a module: each gets its
	// own bytecode (a module's would not run as a script, nor the reverse)
	const code = `var __corets_exports = { kind: () => typeof this === "undefined" ? "module" : "script" }`
	in1, _ := newInstance(t, InstanceConfig{}, code)
	if got := call(t, in1, "kind", ""); got != `"script"` {
		t.Errorf("script: %s", got)
	}
	in2, _, err := loadModule(t, InstanceConfig{}, Bundle{Code: code + `; export const kind = () => "module"`})
	if err != nil {
		t.Fatal(err)
	}
	if got := call(t, in2, "kind", ""); got != `"module"` {
		t.Errorf("module: %s", got)
	}
	in3, _, err := loadModule(t, InstanceConfig{}, Bundle{Code: code})
	if err != nil {
		t.Fatal(err)
	}
	// a module that assigns the global itself: its namespace (empty) wins
	if _, err := in3.Call(context.Background(), "kind", nil); err == nil {
		t.Errorf("a module's own __corets_exports var was used")
	}
	in4, _ := newInstance(t, InstanceConfig{}, code)
	if got := call(t, in4, "kind", ""); got != `"script"` {
		t.Errorf("script again: %s", got)
	}
	if err := in4.Load(context.Background(), Bundle{Name: "a\x00b", Module: true, Code: "1"}); err == nil {
		t.Errorf("a name with a NUL was loaded")
	}
}

// TestModuleNodeParity loads each module of testdata/esm as an ES module
// and compares what it prints, up to when it is idle, with what node
// printed running the same file (NAME.out, recorded by `node NAME.mjs`).
func TestModuleNodeParity(t *testing.T) {
	files, err := filepath.Glob("testdata/esm/*.mjs")
	if err != nil || len(files) == 0 {
		t.Fatalf("no modules: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".mjs")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ".mjs") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			var stdout strings.Builder
			in, _ := newInstance(t, InstanceConfig{Output: func(level, text string) {
				if level == "log" {
					stdout.WriteString(text + "\n")
				}
			}}, "")
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := in.Load(ctx, Bundle{Name: name + ".mjs", Code: string(src), Module: true}); err != nil {
				t.Fatalf("%s.mjs: %v", name, err)
			}
			if err := in.Wait(ctx); err != nil {
				t.Fatalf("%s.mjs while waiting for timers: %v", name, err)
			}
			if got := stdout.String(); got != string(want) {
				t.Fatalf("%s.mjs printed\n%s\nnode printed\n%s", name, got, want)
			}
		})
	}
}

// A module's bytecode is compiled once and kept in the disk cache beside
// scripts': a new engine on the same directory runs it without compiling,
// with its import.meta, top-level await and exports intact; the same name
// and source as a script is another record.
func TestModuleBytecodeOnDisk(t *testing.T) {
	dir := t.TempDir()
	const code = `const v0 = await Promise.resolve("M"); export const v = () => v0 + " " + import.meta.url`
	load := func(e *Engine, module bool) string {
		in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "bc"})
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		src := code
		if !module {
			src = `var __corets_exports = { v: () => "S" }`
		}
		if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: src, Module: module}); err != nil {
			t.Fatal(err)
		}
		res, err := in.Call(context.Background(), "v", nil)
		if err != nil {
			t.Fatal(err)
		}
		return string(res.Value)
	}
	first, _ := diskEngine(t, dir)
	if got := load(first, true); got != `"M file:///main.js"` {
		t.Fatalf("first: %s", got)
	}
	load(first, true) // the second instance of an engine runs its probe, compiling the probe's script
	before := first.compiles.Load()
	if got := load(first, true); got != `"M file:///main.js"` || first.compiles.Load() != before {
		t.Fatalf("again: %s after %d compiles", got, first.compiles.Load()-before)
	}
	if _, err := os.Stat(filepath.Join(first.bytecodeDisk.dir, bytecodeRecord(scriptDigest(moduleKeyPrefix+"main.js", code)))); err != nil {
		t.Fatalf("no record on disk: %v", err)
	}
	second, _ := diskEngine(t, dir)
	if got := load(second, true); got != `"M file:///main.js"` || second.compiles.Load() != 0 {
		t.Fatalf("from disk: %s after %d compiles", got, second.compiles.Load())
	}
	load(second, true)
	before = second.compiles.Load()
	if got := load(second, false); got != `"S"` || second.compiles.Load() != before+1 {
		t.Fatalf("a script: %s after %d compiles", got, second.compiles.Load()-before)
	}
}

// Close or the caller's cancellation during a top-level await ends the Load.
func TestModuleLoadClosedOrCanceled(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	done := make(chan error, 1)
	go func() {
		done <- in.Load(context.Background(), Bundle{Name: "m.js", Module: true, Code: `await sleep("1h")`})
	}()
	time.Sleep(50 * time.Millisecond) // not synchronisation: Load fails with ErrClosed whenever Close comes
	in.Close()
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Errorf("Load during Close: %v", err)
	}
	in2, _ := newInstance(t, InstanceConfig{}, "")
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	if err := in2.Load(ctx, Bundle{Name: "m.js", Module: true, Code: `await sleep("1h")`}); !errors.Is(err, ErrCanceled) {
		t.Errorf("Load canceled: %v", err)
	}
}
