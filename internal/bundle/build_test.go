package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/sourcemap"
	"github.com/corets/corets-wasm/internal/testutil"
)

const bundleFixtures = "testdata"

// bundleTestEngine is the engine the bundler's tests share: one per test
// process, never closed (the process ends).
func bundleTestEngine(t testing.TB) *jsengine.Engine {
	t.Helper()
	e, err := bundleEngineOnce()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

var bundleEngineOnce = sync.OnceValues(func() (*jsengine.Engine, error) {
	return jsengine.New(context.Background(), jsengine.Config{})
})

// bundleTestInstance loads a bundle into a new instance named name.
func bundleTestInstance(t testing.TB, e *jsengine.Engine, b *Result, name string) *jsengine.Instance {
	t.Helper()
	ctx := context.Background()
	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{Name: "bundle-test", Fuel: 100_000_000,
		Output: func(level, text string) {}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close() })
	if err := in.Load(ctx, jsengine.Bundle{Name: name, Code: b.Code, SourceMap: b.SourceMap, Module: true, DefaultExports: b.CommonJS}); err != nil {
		t.Fatalf("loading the bundle: %v", err)
	}
	return in
}

// writeBundleModule writes files (slash paths to contents) under a new
// temporary directory and returns the module directory, dir/mod.
func writeBundleModule(t testing.TB, files map[string]string) string {
	t.Helper()
	return testutil.WriteTree(t, filepath.Join(t.TempDir(), "mod"), files)
}

func TestBundleRuns(t *testing.T) {
	e := bundleTestEngine(t)
	tests := []struct {
		name, dir, entry string
		call, args       string
		want             string
		wantEntry        string
	}{
		{name: "ts, enum, private fields, json, npm esm+cjs, conditions", dir: "app", call: "summary",
			want: `{"count":42,"hasSecret":true,"color":"Green","area":9,"greeting":"hello ada from esm-pkg",` +
				`"cjs":42,"platform":"browser","heard":"pong"}`, wantEntry: "main.ts"},
		{name: "async", dir: "app", call: "later", args: `[5]`, want: `16`, wantEntry: "main.ts"},
		{name: "commonjs entry", dir: "cjs-entry", call: "add", args: `[1, 2]`, want: `13`, wantEntry: "main.js"},
		{name: "named entry", dir: "named", entry: "src/start.ts", call: "name", want: `"src/start.ts"`, wantEntry: "src/start.ts"},
		{name: "named entry, unclean", dir: "named", entry: "src/./start.ts", call: "name", want: `"src/start.ts"`, wantEntry: "src/start.ts"},
		{name: "default order: main.ts first", dir: "defaults/main-ts", call: "which", want: `"main.ts"`, wantEntry: "main.ts"},
		{name: "default order: then index.ts", dir: "defaults/index-ts", call: "which", want: `"index.ts"`, wantEntry: "index.ts"},
		{name: "default order: then main.js", dir: "defaults/main-js", call: "which", want: `"main.js"`, wantEntry: "main.js"},
		{name: "default order: then index.js", dir: "defaults/index-js", call: "which", want: `"index.js"`, wantEntry: "index.js"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Build(filepath.Join(bundleFixtures, tt.dir), Options{Entry: tt.entry})
			if err != nil {
				t.Fatal(err)
			}
			if b.Entry != tt.wantEntry {
				t.Errorf("Entry = %q, want %q", b.Entry, tt.wantEntry)
			}
			in := bundleTestInstance(t, e, b, "bundle.js")
			res, err := in.Call(context.Background(), tt.call, json.RawMessage(tt.args))
			if err != nil {
				t.Fatalf("%s: %v", tt.call, err)
			}
			if string(res.Value) != tt.want {
				t.Errorf("%s = %s, want %s", tt.call, res.Value, tt.want)
			}
		})
	}
}

func TestBundleOutput(t *testing.T) {
	b, err := Build(filepath.Join(bundleFixtures, "app"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantInputs := []string{
		"data.json", "lib/counter.ts", "lib/shapes.ts", "lib/util.ts", "main.ts",
		"node_modules/cjs-pkg/lib/double.js", "node_modules/cjs-pkg/lib/index.js", "node_modules/cjs-pkg/package.json",
		"node_modules/cond-pkg/browser.js", "node_modules/cond-pkg/package.json",
		"node_modules/esm-pkg/index.js", "node_modules/esm-pkg/package.json",
		"node_modules/events/events.js", "node_modules/events/package.json",
	}
	if !slices.Equal(b.Inputs, wantInputs) {
		t.Errorf("Inputs =\n%q\nwant\n%q", b.Inputs, wantInputs)
	}
	if !strings.Contains(b.Code, "\nexport {\n") || strings.Contains(b.Code, "__corets_exports") || b.CommonJS {
		t.Errorf("the code is not an ES module exporting the module's exports: ...%q", b.Code[max(0, len(b.Code)-200):])
	}
	for i, c := range []byte(b.Code) {
		if c >= 0x80 {
			t.Fatalf("the code has a non-ASCII byte at %d", i)
		}
	}
	if strings.Contains(b.Code, "sourceMappingURL") {
		t.Error("the code links a source map file that does not exist")
	}
	m, err := sourcemap.Parse(b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	for i, src := range m.Sources {
		if !slices.Contains(wantInputs, src) {
			t.Errorf("source map source %q is not an input", src)
		}
		if m.SourcesContent[i] == "" {
			t.Errorf("source map has no content for %q", src)
		}
	}
	if len(b.Warnings) != 0 {
		t.Errorf("warnings: %v", b.Warnings)
	}
}

// TestBundleRefused: the import rules, each failing with the importing
// file and line.
func TestBundleRefused(t *testing.T) {
	outsideFiles := map[string]string{"secret.ts": "export const secret = 42;\n"}
	tests := []struct {
		name    string
		files   map[string]string // the module
		setup   func(t *testing.T, mod string)
		wantErr error
		// the first message's location and words in its text
		file     string
		line     int
		col      int
		contains []string
	}{
		{name: "node: prefix", files: map[string]string{"main.ts": `import { readFileSync } from "node:fs";` + "\nexport const x = readFileSync;\n"},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, col: 30,
			contains: []string{`"node:fs" is a Node built-in`, "core.fileRead", "permissions.read"}},
		{name: "bare built-in", files: map[string]string{"main.ts": "\n\nimport fs from \"fs\";\nexport const x = fs;\n"},
			wantErr: ErrImportRefused, file: "main.ts", line: 3, col: 16,
			contains: []string{`"fs" is a Node built-in`, "core.fileRead"}},
		{name: "built-in subpath", files: map[string]string{"main.ts": `import { readFile } from "fs/promises"; export const x = readFile;`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{`"fs/promises" is a Node built-in`}},
		{name: "require of child_process in a second file", files: map[string]string{
			"main.ts":    `export { run } from "./lib/run";`,
			"lib/run.js": "// runs things\n\nconst cp = require(\"child_process\");\nexports.run = () => cp;\n"},
			wantErr: ErrImportRefused, file: "lib/run.js", line: 3, col: 20,
			contains: []string{`"child_process" is a Node built-in`, "core.processStart", "permissions.run"}},
		{name: "node:http", files: map[string]string{"main.ts": `import "node:http";`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"fetch", "permissions.net"}},
		{name: "node-only name", files: map[string]string{"main.ts": `import test from "node:test"; export { test };`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{`"node:test" is a Node built-in`}},
		{name: "https import", files: map[string]string{"main.ts": `import x from "https://cdn.example.com/x.js"; export { x };`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, col: 15, contains: []string{"remote import"}},
		{name: "http import, upper case", files: map[string]string{"main.ts": `import "HTTP://cdn.example.com/x.js";`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"remote import"}},
		{name: "protocol-relative import", files: map[string]string{"main.ts": `import "//cdn.example.com/x.js";`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"remote import"}},
		{name: "dynamic import of a remote literal", files: map[string]string{"main.ts": `export const f = () => import("https://cdn.example.com/x.js");`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"remote import"}},
		{name: "dot-dot out of the module", files: map[string]string{"main.ts": "\nimport { secret } from \"../secret\";\nexport { secret };\n"},
			wantErr: ErrImportRefused, file: "main.ts", line: 2, col: 24,
			contains: []string{`"../secret.ts" is outside the module directory`}},
		{name: "deep dot-dot", files: map[string]string{"main.ts": `import "../../../../../../../../etc/passwd";`},
			wantErr: ErrImportRefused, file: "main.ts", line: 1,
			setup: func(t *testing.T, mod string) {
				if runtime.GOOS == "windows" {
					t.Skip("no /etc/passwd to resolve to")
				}
			}},
		{name: "absolute path out of the module", files: map[string]string{"main.ts": `import { secret } from "ABS"; export { secret };`},
			setup: func(t *testing.T, mod string) {
				abs := filepath.ToSlash(filepath.Join(filepath.Dir(mod), "secret.ts"))
				rewriteBundleFile(t, filepath.Join(mod, "main.ts"), "ABS", abs)
			},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"outside the module directory"}},
		{name: "symlinked directory out of the module", files: map[string]string{"main.ts": `import { secret } from "./lib/secret"; export { secret };`},
			setup:   func(t *testing.T, mod string) { bundleSymlink(t, filepath.Dir(mod), filepath.Join(mod, "lib")) },
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"outside the module directory"}},
		{name: "symlinked package out of the module", files: map[string]string{"main.ts": `import { secret } from "linked"; export { secret };`},
			setup: func(t *testing.T, mod string) {
				pkg := filepath.Join(filepath.Dir(mod), "linked")
				os.MkdirAll(pkg, 0o755)
				os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"main": "index.js"}`), 0o644)
				os.WriteFile(filepath.Join(pkg, "index.js"), []byte(`export const secret = 1;`), 0o644)
				os.MkdirAll(filepath.Join(mod, "node_modules"), 0o755)
				bundleSymlink(t, pkg, filepath.Join(mod, "node_modules", "linked"))
			},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"outside the module directory"}},
		{name: "package found only above the module", files: map[string]string{"main.ts": `import { secret } from "above"; export { secret };`},
			setup: func(t *testing.T, mod string) {
				pkg := filepath.Join(filepath.Dir(mod), "node_modules", "above")
				os.MkdirAll(pkg, 0o755)
				os.WriteFile(filepath.Join(pkg, "index.js"), []byte(`export const secret = 1;`), 0o644)
			},
			wantErr: ErrImportRefused, file: "main.ts", line: 1, contains: []string{"outside the module directory"}},
		{name: "too large", files: map[string]string{"main.ts": "import big from \"./big.json\";\nexport { big };\n"},
			setup: func(t *testing.T, mod string) {
				bundleSparseFile(t, filepath.Join(mod, "big.json"), MaxInputBytes+1)
			},
			wantErr: ErrInputsTooLarge, file: "main.ts", line: 1, contains: []string{"64 MiB", "big.json"}},
		{name: "too large together", files: map[string]string{"main.ts": "import a from \"./a.ts\";\nimport b from \"./b.ts\";\nexport { a, b };\n"},
			setup: func(t *testing.T, mod string) {
				bundleSparseFile(t, filepath.Join(mod, "a.ts"), MaxInputBytes/2+1)
				bundleSparseFile(t, filepath.Join(mod, "b.ts"), MaxInputBytes/2+1)
			},
			wantErr: ErrInputsTooLarge, file: "main.ts", contains: []string{"64 MiB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := writeBundleModule(t, tt.files)
			for name, content := range outsideFiles {
				os.WriteFile(filepath.Join(filepath.Dir(mod), name), []byte(content), 0o644)
			}
			if tt.setup != nil {
				tt.setup(t, mod)
			}
			b, err := Build(mod, Options{})
			if err == nil {
				t.Fatalf("bundled, want %v; inputs %q", tt.wantErr, b.Inputs)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			var be *Error
			if !errors.As(err, &be) {
				t.Fatalf("error %T, want a *Error", err)
			}
			var m *Message
			for i := range be.Messages {
				if errors.Is(be.Messages[i].kind, tt.wantErr) {
					m = &be.Messages[i]
					break
				}
			}
			if m == nil {
				t.Fatalf("no message of kind %v in %v", tt.wantErr, err)
			}
			if m.File != tt.file || (tt.line != 0 && m.Line != tt.line) || (tt.col != 0 && m.Column != tt.col) {
				t.Errorf("at %s:%d:%d, want %s:%d:%d\n%v", m.File, m.Line, m.Column, tt.file, tt.line, tt.col, err)
			}
			if tt.line != 0 && m.LineText == "" {
				t.Errorf("no line text: %#v", m)
			}
			for _, w := range tt.contains {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestBundleFailures(t *testing.T) {
	tests := []struct {
		name    string
		dir     string            // a fixture, or
		files   map[string]string // a module written for the test
		entry   string
		wantErr error
		// for a *Error: the first message
		file, lineText string
		line, col      int
		contains       []string
	}{
		{name: "no entry", dir: "noentry", wantErr: ErrNoEntry, contains: []string{"main.ts, index.ts, main.js, index.js"}},
		{name: "named entry missing", dir: "named", entry: "main.ts", wantErr: ErrNoEntry, contains: []string{`"main.ts" does not exist`}},
		{name: "entry outside", dir: "named", entry: "../app/main.ts", wantErr: ErrNoEntry, contains: []string{"inside the module"}},
		{name: "entry absolute", dir: "named", entry: "/etc/passwd", wantErr: ErrNoEntry},
		{name: "entry backslash", dir: "named", entry: `src\start.ts`, wantErr: ErrNoEntry},
		{name: "entry is a directory", dir: "named", entry: "src", wantErr: ErrNoEntry, contains: []string{"not a regular file"}},
		{name: "syntax error", dir: "syntax", file: "main.ts", line: 5, col: 10, lineText: "  return 2;",
			contains: []string{"✘ [ERROR] Expected \"}\" but found \"2\"\n\n    main.ts:5:10:\n      5 │   return 2;\n        ╵          ^"}},
		{name: "missing import", files: map[string]string{"main.ts": "// first\n\nimport x from \"./missing\";\nexport { x };\n"},
			file: "main.ts", line: 3, col: 15, lineText: `import x from "./missing";`,
			contains: []string{"✘ [ERROR] Could not resolve \"./missing\"\n\n    main.ts:3:15:\n", "~~~~~~~~~~~"}},
		{name: "missing package", files: map[string]string{"main.ts": "import x from \"left-pad\";\nexport { x };\n"},
			file: "main.ts", line: 1, contains: []string{`Could not resolve "left-pad"`}},
		{name: "type error is not checked, syntax is", files: map[string]string{"main.ts": "export const x: number = ;\n"},
			file: "main.ts", line: 1, col: 26},
		{name: "columns count characters", files: map[string]string{"main.ts": "const café = \"ü\"; import \"./nope\";\n"},
			file: "main.ts", line: 1, col: 26, contains: []string{"    main.ts:1:26:\n      1 │ const café = \"ü\"; import \"./nope\";\n        ╵                          ~~~~~~~~"}},
		{name: "error in a package", files: map[string]string{
			"main.ts":                       `import { x } from "pkg"; export { x };`,
			"node_modules/pkg/package.json": `{"main": "index.js"}`,
			"node_modules/pkg/index.js":     "export const x = (;\n"},
			file: "node_modules/pkg/index.js", line: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(bundleFixtures, tt.dir)
			if tt.files != nil {
				dir = writeBundleModule(t, tt.files)
			}
			b, err := Build(dir, Options{Entry: tt.entry})
			if err == nil {
				t.Fatalf("bundled %q, want an error", b.Inputs)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			for _, w := range tt.contains {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			if tt.file == "" {
				return
			}
			var be *Error
			if !errors.As(err, &be) {
				t.Fatalf("error %T %v, want a *Error", err, err)
			}
			m := be.Messages[0]
			if m.File != tt.file || m.Line != tt.line || (tt.col != 0 && m.Column != tt.col) ||
				(tt.lineText != "" && m.LineText != tt.lineText) {
				t.Errorf("message %#v, want %s:%d:%d %q", m, tt.file, tt.line, tt.col, tt.lineText)
			}
		})
	}
}

// TestBundleDynamicImport: import() of a computed string cannot be bundled;
// it must fail when called, not resolve to something.
func TestBundleDynamicImport(t *testing.T) {
	b, err := Build(filepath.Join(bundleFixtures, "app"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := bundleTestInstance(t, bundleTestEngine(t), b, "app.js")
	for _, name := range []string{"./lib/util", "fs", "https://example.com/x.js"} {
		arg, _ := json.Marshal([]string{name})
		_, err := in.Call(context.Background(), "dynamic", arg)
		var ex *jsengine.Exception
		if !errors.As(err, &ex) || !strings.Contains(ex.Message, "is not supported") {
			t.Errorf("import(%q): %v, want an exception saying it is not supported", name, err)
		}
	}
}

func TestBundleMinify(t *testing.T) {
	dir := filepath.Join(bundleFixtures, "app")
	plain, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	small, err := Build(dir, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(small.Code) >= len(plain.Code) || small.Key == plain.Key {
		t.Errorf("minified: %d bytes (key %x), plain %d bytes (key %x)", len(small.Code), small.Key, len(plain.Code), plain.Key)
	}
	in := bundleTestInstance(t, bundleTestEngine(t), small, "app.min.js")
	ctx := context.Background()
	res, err := in.Call(ctx, "later", json.RawMessage(`[5]`))
	if err != nil || string(res.Value) != "16" {
		t.Errorf("later(5) = %s, %v", res.Value, err)
	}
	_, err = in.Call(ctx, "failDeep", nil)
	var ex *jsengine.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("failDeep: %v", err)
	}
	m, err := sourcemap.Parse(small.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	stack := m.MapStack(ex.Stack, "app.min.js")
	if want := "at helper (lib/util.ts:" + bundleLineOf(t, dir, "lib/util.ts", "THROW_UTIL") + ":"; !strings.Contains(stack, want) {
		t.Errorf("minified stack\n%s\nmapped to\n%s\nwant %q", ex.Stack, stack, want)
	}
}

// bundleSymlink makes a symlink or skips the test where the OS refuses.
func bundleSymlink(t *testing.T, target, link string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		// Links on Windows are reparse points that os.Root resolves itself;
		// wine, where these tests run, emulates them with host links that
		// read as missing files, which is not Windows' behaviour.
		t.Skip("symbolic links are tested on Unix")
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

// bundleSparseFile makes a file of size zero bytes without writing them.
func bundleSparseFile(t *testing.T, name string, size int64) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
}

func rewriteBundleFile(t testing.TB, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(name, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// bundleLineOf is the 1-based line of file (in module dir) holding marker.
func bundleLineOf(t testing.TB, dir, file, marker string) string {
	t.Helper()
	data, err := fs.ReadFile(os.DirFS(dir), file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, marker) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%s has no %q", file, marker)
	return ""
}
