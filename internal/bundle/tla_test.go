package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// Top-level await, in the entry and in a file it imports: the bundle is an
// ES module and the engine waits for its evaluation.
func TestBundleTopLevelAwait(t *testing.T) {
	dir := writeBundleModule(t, map[string]string{
		"main.ts": `import { config } from "./config.ts";
const started: string[] = [];
started.push(await Promise.resolve("main"));
await new Promise<void>((r) => setTimeout(r, 5));
export const ready = () => ({ started, config, url: import.meta.url });
export default function () { return "default export"; }
`,
		"config.ts": `export const config = await Promise.resolve({ level: 3 });`,
	})
	for _, minify := range []bool{false, true} {
		b, err := Build(dir, Options{Minify: minify})
		if err != nil {
			t.Fatal(err)
		}
		if b.CommonJS {
			t.Error("an ES module entry is CommonJS")
		}
		in := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js")
		res, err := in.Call(context.Background(), "ready", nil)
		if err != nil || string(res.Value) != `{"started":["main"],"config":{"level":3},"url":"file:///bundle.js"}` {
			t.Errorf("minify %v: ready() = %s, %v", minify, res.Value, err)
		}
		res, err = in.Call(context.Background(), "default", nil)
		if err != nil || string(res.Value) != `"default export"` {
			t.Errorf("minify %v: default() = %s, %v", minify, res.Value, err)
		}
	}
}

// A rejection after a top-level await fails the Load, with a stack that
// maps to the TypeScript line.
func TestBundleTopLevelAwaitRejection(t *testing.T) {
	dir := writeBundleModule(t, map[string]string{
		"main.ts": `import { check } from "./lib/check.ts";
await Promise.resolve();
check(await Promise.resolve(-1));
export const never = () => 1;
`,
		"lib/check.ts": `export function check(n: number): void {
  if (n < 0) throw new RangeError("negative: " + n);
}
`,
	})
	b, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err := bundleTestEngine(t).NewInstance(context.Background(), jsengine.InstanceConfig{Name: "tla", Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	err = in.Load(context.Background(), jsengine.Bundle{Name: "bundle.js", Code: b.Code, Module: true})
	var ex *jsengine.Exception
	if !errors.As(err, &ex) || ex.Name != "RangeError" || ex.Message != "negative: -1" {
		t.Fatalf("Load: %v", err)
	}
	m, err := sourcemap.Parse(b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	stack := m.MapStack(ex.Stack, "bundle.js")
	for _, want := range []string{"lib/check.ts:2:", "main.ts:3:"} {
		if !strings.Contains(stack, want) {
			t.Errorf("stack\n%s\nmapped to\n%s\nwant %q", ex.Stack, stack, want)
		}
	}
}

// Old formats are rebuilt: the fingerprint names the module format.
func TestBundleFormatIsESM(t *testing.T) {
	if !strings.Contains(bundleFormat, " esm ") || strings.Contains(bundleFormat, "iife") {
		t.Errorf("bundleFormat %q", bundleFormat)
	}
}

// A CommonJS entry's module.exports are its exports, as under the IIFE
// format; an empty entry has no exports and still loads.
func TestBundleCommonJSAndEmptyEntries(t *testing.T) {
	e := bundleTestEngine(t)
	dir := writeBundleModule(t, map[string]string{"main.js": `exports.twice = (n) => 2 * n; module.exports.name = "cjs";`})
	b, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !b.CommonJS {
		t.Error("a CommonJS entry is not CommonJS")
	}
	in := bundleTestInstance(t, e, b, "bundle.js")
	if res, err := in.Call(context.Background(), "twice", json.RawMessage(`[4]`)); err != nil || string(res.Value) != "8" {
		t.Errorf("twice(4) = %s, %v", res.Value, err)
	}
	dir = writeBundleModule(t, map[string]string{"main.ts": "// nothing\n"})
	b, err = Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in = bundleTestInstance(t, e, b, "bundle.js")
	if _, err := in.Call(context.Background(), "x", nil); err == nil || !strings.Contains(err.Error(), "no such export") {
		t.Errorf("calling into an empty module: %v", err)
	}
}

// import() of a literal path is bundled and works at the top level as in a
// function; a computed one is refused, at the top level too.
func TestBundleDynamicImportAtTopLevel(t *testing.T) {
	dir := writeBundleModule(t, map[string]string{
		"main.ts": `const { twice } = await import("./lib/twice.ts");
const data = await import("./data.json");
export const run = (n: number) => twice(n) + data.default.add;
export async function computed(name: string) { return (await import(name)).x; }
`,
		"lib/twice.ts": `export const twice = (n: number) => 2 * n;`,
		"data.json":    `{"add": 1}`,
	})
	b, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := bundleTestInstance(t, bundleTestEngine(t), b, "bundle.js")
	if res, err := in.Call(context.Background(), "run", json.RawMessage(`[20]`)); err != nil || string(res.Value) != "41" {
		t.Errorf("run(20) = %s, %v", res.Value, err)
	}
	for _, name := range []string{"./lib/twice.ts", "data:text/javascript,export const x = 1", "/etc/passwd"} {
		arg, _ := json.Marshal([]string{name})
		_, err := in.Call(context.Background(), "computed", arg)
		var ex *jsengine.Exception
		if !errors.As(err, &ex) || !strings.Contains(ex.Message, "is not supported") {
			t.Errorf("import(%q): %v", name, err)
		}
	}
	dir = writeBundleModule(t, map[string]string{"main.ts": `const name = "./other.ts"; await import(name); export const x = 1;`,
		"other.ts": "export const y = 1;"})
	b, err = Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in, err = bundleTestEngine(t).NewInstance(context.Background(), jsengine.InstanceConfig{Name: "dyn", Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	err = in.Load(context.Background(), jsengine.Bundle{Name: "bundle.js", Code: b.Code, Module: true})
	if ex := (*jsengine.Exception)(nil); !errors.As(err, &ex) || !strings.Contains(ex.Message, "is not supported") {
		t.Errorf("a computed import() at the top level: %v", err)
	}
}

// The engine's ES-module parity files (../jsengine/testdata/esm), bundled
// first: esbuild's esm output of a top-level-await module prints what node
// printed running the file itself. tla.mjs imports a missing file on
// purpose, which the bundler refuses, so it is run unbundled only.
func TestBundleTopLevelAwaitNodeParity(t *testing.T) {
	for _, name := range []string{"tla_order"} {
		src, err := os.ReadFile(filepath.Join("..", "jsengine", "testdata", "esm", name+".mjs"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "jsengine", "testdata", "esm", name+".out"))
		if err != nil {
			t.Fatal(err)
		}
		for _, minify := range []bool{false, true} {
			dir := writeBundleModule(t, map[string]string{"main.mjs": string(src)})
			b, err := Build(dir, Options{Entry: "main.mjs", Minify: minify})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			in, err := bundleTestEngine(t).NewInstance(context.Background(), jsengine.InstanceConfig{Name: name,
				Output: func(level, text string) {
					if level == "log" {
						out.WriteString(text + "\n")
					}
				}})
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := in.Load(ctx, jsengine.Bundle{Name: "bundle.js", Code: b.Code, Module: true}); err != nil {
				t.Fatal(err)
			}
			if err := in.Wait(ctx); err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("%s (minify %v) printed\n%s\nnode printed\n%s", name, minify, out.String(), want)
			}
		}
	}
}
