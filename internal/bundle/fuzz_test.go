package bundle

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// FuzzBundle bundles fuzzed source, as a module's main.ts and a file it
// may import, and loads what bundles into an instance with a small budget.
// Bundling must never panic or hang, and never take anything from outside
// the module directory; loading must end in a result or a JS error, never
// in an engine crash.
//
// Long run: go test ./internal/bundle -run '^$' -fuzz FuzzBundle -fuzztime 5m
//
//	base/
//	  outside.ts, node_modules/outpkg/index.js   outside the module
//	  mod/                                        the module
//	    main.ts, lib.ts                           fuzzed
//	    node_modules/inpkg/index.js               a package of its own
//	    link.ts -> ../outside.ts                  (where symlinks can be made)
//	    node_modules/linkpkg -> ../../node_modules/outpkg
func FuzzBundle(f *testing.F) {
	seeds := [][2]string{
		{`export function hello(n: number): string { return "hi " + n }`, ``},
		{`import { x } from "./lib"; export const y = x + 1;`, `export const x: number = 41;`},
		{`import { leak } from "../outside"; export const l = leak;`, ``},
		{`import { leak } from "./link"; export const l = leak;`, ``},
		{`import o from "outpkg"; export const l = o;`, ``},
		{`import o from "linkpkg"; export const l = o;`, ``},
		{`import i from "inpkg"; export const l = i;`, ``},
		{`import fs from "fs"; import cp from "node:child_process"; export const f = [fs, cp];`, ``},
		{`import x from "https://example.test/x.js"; import y from "//example.test/y.js"; export { x, y };`, ``},
		{`import x from "/etc/passwd"; export { x };`, ``},
		{`import x from "file:///etc/passwd"; export { x };`, ``},
		{`import x from "data:text/javascript,export default 1"; export { x };`, ``},
		{`import t from "./lib.txt"; export { t };`, ``},
		{`import j from "./lib.json"; export { j };`, ``},
		{`export async function f(p: string) { return await import(p) }`, ``},
		{`export const g = import("./lib");`, `export default 2;`},
		{`const r = require("./lib"); export { r };`, `module.exports = { a: 1 };`},
		{`import "./lib"; import "./lib.ts"; import "./lib.js"; import "./LIB";`, `globalThis.side = 1;`},
		{`import { a } from "./lib"; export { a };`, `export { a } from "./main"; export const b = 1;`},
		{`export * from "./lib";`, `export * from "./main";`},
		{`enum E { A = 1, B = A << 2 } namespace N { export const x = E.B } export default N;`, ``},
		{`for (;;) {}`, ``},
		{`while (true) { new Array(1e6).fill(0) }`, ``},
		{`function f(): any { return f() } f();`, ``},
		{`export const re = /(a*)*b/.test("a".repeat(30));`, ``},
		{"export const s = \"\\u{10FFFF}\\uD800\" + `\u0000${1}`;", ``},
		{"\xff\xfe\x00export const x = 1;", "\x00\x00"},
		{`import x from "./lib" with { type: "json" }; export { x };`, `{"a":1}`},
		{`/// <reference path="../outside.ts" />
export {};`, ``},
		{`export class A { #p = 1; static { } accessor q = 2; @dec m() {} }`, ``},
		{`const x = <div>hi</div>;`, ``},
		{`import.meta.url; export default import.meta;`, ``},
		{strings.Repeat("(", 10000), ``},
		{strings.Repeat("[", 5000) + strings.Repeat("]", 5000), ``},
		{`export default ` + strings.Repeat("a + ", 5000) + `1`, ``},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}

	var r [8]byte
	rand.Read(r[:])
	marker := "OUTSIDE-THE-MODULE-" + hex.EncodeToString(r[:])
	base := f.TempDir()
	dir := filepath.Join(base, "mod")
	write := func(rel, content string) {
		p := filepath.Join(base, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	write("outside.ts", `export const leak = "`+marker+`"; export default leak;`)
	write("lib.ts", `export const x = "`+marker+`"; export default x;`)
	write("node_modules/outpkg/index.js", `module.exports = "`+marker+`";`)
	write("node_modules/outpkg/package.json", `{"name":"outpkg","main":"index.js"}`)
	write("mod/node_modules/inpkg/index.js", `export default "inside";`)
	write("mod/node_modules/inpkg/package.json", `{"name":"inpkg","main":"index.js"}`)
	if err := os.Symlink(filepath.Join("..", "outside.ts"), filepath.Join(dir, "link.ts")); err == nil {
		os.Symlink(filepath.Join("..", "..", "node_modules", "outpkg"), filepath.Join(dir, "node_modules", "linkpkg"))
	}

	f.Fuzz(func(t *testing.T, mainSrc, libSrc string) {
		for name, src := range map[string]string{"main.ts": mainSrc, "lib.ts": libSrc} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		type result struct {
			b   *Result
			err error
		}
		done := make(chan result, 1)
		go func() {
			b, err := Build(dir, Options{})
			done <- result{b, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-time.After(time.Minute):
			t.Fatalf("Build hung on main.ts %q, lib.ts %q", mainSrc, libSrc)
		}
		if res.err != nil {
			if strings.Contains(res.err.Error(), marker) {
				t.Fatalf("the bundle error shows a file outside the module: %v", res.err)
			}
			var be *Error
			if !errors.As(res.err, &be) {
				t.Fatalf("Build failed without a *Error: %v", res.err)
			}
			return
		}
		b := res.b
		if strings.Contains(b.Code, marker) || strings.Contains(string(b.SourceMap), marker) {
			t.Fatalf("the bundle holds a file from outside the module (inputs %q)", b.Inputs)
		}
		for _, in := range b.Inputs {
			if !filepath.IsLocal(filepath.FromSlash(in)) {
				t.Fatalf("the bundle's input %q is not inside the module", in)
			}
		}
		fuzzLoadBundle(t, b)
	})
}

var fuzzBundleEngine = sync.OnceValues(func() (*jsengine.Engine, error) {
	return jsengine.New(context.Background(), jsengine.Config{})
})

// fuzzLoadBundle runs a bundle's top level with a small budget: whatever
// the code does, the outcome is a result or an error, never a crash.
func fuzzLoadBundle(t *testing.T, b *Result) {
	e, err := fuzzBundleEngine()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{Name: "fuzz", Fuel: 2_000_000, Timeout: 2 * time.Second,
		MemoryLimit: 16 << 20, Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	err = in.Load(ctx, jsengine.Bundle{Name: b.Entry, Code: b.Code, SourceMap: b.SourceMap, Module: true, DefaultExports: b.CommonJS})
	if errors.Is(err, jsengine.ErrCrashed) {
		t.Fatalf("loading the bundle crashed the engine: %v\n%s", err, b.Code)
	}
}
