package modules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
)

// TestNodeModulesParity runs each testdata/nodemods/NAME.mjs (a script that
// imports node:* modules and prints with console.log) as a module's main
// file and compares what it prints with NAME.out, node 20's stdout for the
// same file (testdata/nodemods/record.sh). A directory NAME/ with main.js
// and node_modules is a module using real npm packages, compared with
// NAME/main.out the same way.
func TestNodeModulesParity(t *testing.T) {
	outs, _ := filepath.Glob("testdata/nodemods/*.out")
	dirOuts, _ := filepath.Glob("testdata/nodemods/*/main.out")
	outs = append(outs, dirOuts...)
	if len(outs) == 0 {
		t.Fatal("no recorded scripts")
	}
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "app")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	stdout := map[string]*strings.Builder{}
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, NoDiskCache: true, SkipInstalled: true,
		Output: func(module, level, text string) {
			if level != "log" && level != "info" && level != "debug" {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if stdout[module] == nil {
				stdout[module] = &strings.Builder{}
			}
			stdout[module].WriteString(text + "\n")
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	bad := regexp.MustCompile(`[^a-z0-9_-]`)
	for _, outFile := range outs {
		var name, src string
		var dir string
		if filepath.Base(outFile) == "main.out" {
			name = filepath.Base(filepath.Dir(outFile))
			abs, err := filepath.Abs(filepath.Dir(outFile))
			if err != nil {
				t.Fatal(err)
			}
			dir = filepath.Join(root, "pkg-"+name)
			if err := os.Symlink(abs, dir); err != nil {
				t.Fatal(err)
			}
		} else {
			name = strings.TrimSuffix(filepath.Base(outFile), ".out")
			b, err := os.ReadFile(strings.TrimSuffix(outFile, ".out") + ".mjs")
			if err != nil {
				t.Fatal(err)
			}
			src = string(b)
		}
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			code := "node-" + bad.ReplaceAllString(strings.ToLower(name), "-")
			if dir == "" {
				dir = writeModule(t, filepath.Join(root, code), map[string]string{
					".core/view.yml": "code: " + code + "\n",
					"main.js":        src,
				})
			}
			ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
			defer cancel()
			if _, err := r.Load(ctx, dir); err != nil {
				t.Fatalf("load: %v", err)
			}
			if err := r.Wait(ctx, code); err != nil {
				t.Fatalf("wait: %v", err)
			}
			mu.Lock()
			var got string
			if b := stdout[code]; b != nil {
				got = b.String()
			}
			mu.Unlock()
			testutil.SameAsNode(t, t.Name(), got, string(want))
		})
	}
}

// node:process tells a module nothing about the host, NODE_ENV aside; it
// is importable but not a global; what would act on the process throws.
func TestNodeProcess(t *testing.T) {
	t.Parallel()
	const src = `import process from "node:process";
import p2 from "process";
export function info() {
	const out = [];
	try { process.exit(1); } catch (e) { out.push(e.code + ": " + e.message); }
	try { process.chdir("/x"); } catch (e) { out.push(e.code); }
	return {
		same: p2 === process, global: typeof globalThis.process, env: process.env, cwd: process.cwd(),
		platform: process.platform, argv: process.argv, versions: process.versions, errors: out,
		ee: typeof process.on, hr: process.hrtime().length, tick: typeof process.nextTick,
	};
}
export function tick() {
	return new Promise((resolve) => {
		const order = [];
		process.nextTick((a, b) => { order.push("tick " + a + b); }, 1, 2);
		Promise.resolve().then(() => order.push("promise"));
		setTimeout(() => resolve(order), 0);
	});
}
export function write() {
	process.stdout.write("a");
	process.stdout.write("b\nc\n");
	process.stderr.write("err\n");
	process.stdout.write(new TextEncoder().encode("partial"));
	return 1;
}
`
	for _, tc := range []struct{ manifest, env string }{
		{"code: proc\n", `{}`},
		{"code: proc\nbundle:\n  node_env: production\n", `{"NODE_ENV":"production"}`},
	} {
		r, logs := openTest(t, Options{})
		dir := writeModule(t, filepath.Join(r.AppRoot(), "proc"), map[string]string{
			".core/view.yml": tc.manifest,
			"main.ts":        src,
		})
		ctx := context.Background()
		if _, err := r.Load(ctx, dir); err != nil {
			t.Fatal(err)
		}
		got, err := r.Call(ctx, "proc", "info")
		if err != nil {
			t.Fatal(err)
		}
		want := `{"same":true,"global":"undefined","env":` + tc.env + `,"cwd":"/","platform":"linux","argv":[],"versions":{},` +
			`"errors":["ERR_METHOD_NOT_IMPLEMENTED: The process.exit() method is not implemented","ERR_METHOD_NOT_IMPLEMENTED"],` +
			`"ee":"function","hr":2,"tick":"function"}`
		if string(got) != want {
			t.Errorf("info = %s\nwant   %s", got, want)
		}
		got, err = r.Call(ctx, "proc", "tick")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != `["tick 12","promise"]` {
			t.Errorf("tick = %s", got)
		}
		if _, err := r.Call(ctx, "proc", "write"); err != nil {
			t.Fatal(err)
		}
		if err := r.Wait(ctx, "proc"); err != nil {
			t.Fatal(err)
		}
		if s := logs.String(); !strings.Contains(s, "ab\nc") || !strings.Contains(s, "err") || !strings.Contains(s, "partial") {
			t.Errorf("output = %q", s)
		}
	}
}

// TestNodeModulesNPM runs testdata/nodemods-npm/NAME.js, scripts that use
// real npm packages (which use node:buffer, events, util, string_decoder,
// crypto...), and compares with node's output; it needs the packages
// installed there (see its README.md) and is skipped otherwise.
func TestNodeModulesNPM(t *testing.T) {
	nm, err := filepath.EvalSymlinks(filepath.Join("testdata", "nodemods-npm", "node_modules"))
	if err != nil {
		t.Skip("packages not installed in testdata/nodemods-npm (npm install there)")
	}
	scripts, _ := filepath.Glob("testdata/nodemods-npm/*.js")
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".js")
		t.Run(name, func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(script, ".js") + ".out")
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var out strings.Builder
			r, _ := openTest(t, Options{Output: func(module, level, text string) {
				if level == "log" || level == "info" || level == "debug" {
					mu.Lock()
					defer mu.Unlock()
					out.WriteString(text + "\n")
				}
			}})
			dir := writeModule(t, filepath.Join(r.AppRoot(), "npm"), map[string]string{
				".core/view.yml": "code: npm\n",
				"main.js":        string(src),
			})
			if err := os.CopyFS(filepath.Join(dir, "node_modules"), os.DirFS(nm)); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			if _, err := r.Load(ctx, dir); err != nil {
				t.Fatal(err)
			}
			if err := r.Wait(ctx, "npm"); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			got := out.String()
			mu.Unlock()
			if got != string(want) {
				t.Errorf("output differs from node's:\n got: %q\nwant: %q", got, want)
			}
		})
	}
}

// What a hostile module can do through node:* ends in the instance's own
// limits (a typed error), never in the host: huge buffers hit the memory
// limit, work the host does for node:crypto (pbkdf2, scrypt) stops at the
// call's deadline, and scrypt's memory is capped whatever maxmem says.
func TestNodeModulesHostile(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	const manifest = "code: hostile\nlimits:\n  memory: 64MiB\n  timeout: 2s\n"
	const src = `import { Buffer } from "node:buffer";
import crypto from "node:crypto";
export function huge() { return Buffer.alloc(2 ** 28).length; }
export function tooHuge() { try { Buffer.alloc(2 ** 31); } catch (e) { return e.name; } }
export function grow() { const h = crypto.createHash("sha256"); const b = Buffer.alloc(8 << 20, 1); for (;;) h.update(b); }
export function slowPbkdf2() { return crypto.pbkdf2Sync("p", "s", 2 ** 31 - 1, 32, "sha512").length; }
export function slowScrypt() { return crypto.scryptSync("p", "s", 32, { N: 2 ** 15, r: 8, p: 256, maxmem: 2 ** 40 }).length; }
export function bigScrypt() { try { crypto.scryptSync("p", "s", 32, { N: 2 ** 24, r: 8, maxmem: 2 ** 40 }); } catch (e) { return e.code; } }
export function ok() { return crypto.createHash("md5").update("x").digest("hex"); }
`
	dir := writeModule(t, filepath.Join(r.AppRoot(), "hostile"), map[string]string{".core/view.yml": manifest, "main.ts": src})
	ctx := context.Background()
	// each case in a module of its own: one that ran out of memory is
	// discarded, and the supervisor brings it back later
	for _, tc := range []struct {
		fn      string
		want    error
		timeout string
	}{
		// the memory cases get a deadline a loaded machine cannot reach
		// before the memory limit
		{"huge", ErrMemory, "60s"}, {"grow", ErrMemory, "60s"}, {"slowPbkdf2", ErrTimeout, "2s"}, {"slowScrypt", ErrTimeout, "2s"},
	} {
		code := "hostile-" + strings.ToLower(tc.fn)
		m := strings.Replace(strings.Replace(manifest, "hostile", code, 1), "timeout: 2s", "timeout: "+tc.timeout, 1)
		d := writeModule(t, filepath.Join(r.AppRoot(), code), map[string]string{
			".core/view.yml": m,
			"main.ts":        src,
		})
		if _, err := r.Load(ctx, d); err != nil {
			t.Fatal(err)
		}
		if _, err := r.Call(ctx, code, tc.fn); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.fn, err, tc.want)
		}
	}
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if got, err := r.Call(ctx, "hostile", "bigScrypt"); err != nil || string(got) != `"ERR_CRYPTO_INVALID_SCRYPT_PARAMS"` {
		t.Errorf("bigScrypt = %s, %v", got, err)
	}
	if got, err := r.Call(ctx, "hostile", "tooHuge"); err != nil || string(got) != `"RangeError"` {
		t.Errorf("tooHuge = %s, %v", got, err)
	}
	if got, err := r.Call(ctx, "hostile", "ok"); err != nil || string(got) != `"9dd4e461268c8034f5c8564e155c67a6"` {
		t.Errorf("ok = %s, %v", got, err)
	}
}
