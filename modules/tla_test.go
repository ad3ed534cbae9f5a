package modules

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/jsengine"
)

func TestExampleTopLevelAwait(t *testing.T) {
	t.Parallel()
	out, _, logs := runExample(t, "tla", "greet", "ada")
	if string(out) != `"hello, ada"` {
		t.Fatalf("greet = %s", out)
	}
	if logs.String() != "tla log: ready at file:///main.ts" {
		t.Fatalf("console = %q", logs)
	}
}

// init(core) runs after the module's top-level await has settled, the store
// and timers work during it, and a CommonJS entry still exports its
// module.exports.
func TestTopLevelAwaitThenInit(t *testing.T) {
	t.Parallel()
	r, logs := openTest(t, Options{})
	ctx := context.Background()
	dir := writeModule(t, filepath.Join(r.AppRoot(), "order"), map[string]string{
		".core/view.yml": "code: order\n",
		"main.ts": `import { ready } from "./lib/setup.ts";
console.log("top", ready);
await core.storeSet("g", "k", 41);
const seen = (await core.storeGet<number>("g", "k"))! + 1;
await new Promise((r) => setTimeout(r, 5));
console.log("settled", seen);
export function init() { console.log("init", seen); }
export const get = () => ({ seen, url: import.meta.url });
`,
		"lib/setup.ts": `export const ready = await Promise.resolve("setup");`,
	})
	code, err := r.Load(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Call(ctx, code, "get")
	if err != nil || string(out) != `{"seen":42,"url":"file:///main.ts"}` {
		t.Fatalf("get = %s, %v", out, err)
	}
	if got := logs.String(); got != "order log: top setup\norder log: settled 42\norder log: init 42" {
		t.Errorf("console = %q", got)
	}
	cjs := writeModule(t, filepath.Join(r.AppRoot(), "cjs"), map[string]string{
		".core/view.yml": "code: cjs\nmain: main.js\n",
		"main.js":        `exports.init = function () { console.log("cjs init") }; exports.twice = (n) => 2 * n;`,
	})
	if _, err := r.Load(ctx, cjs); err != nil {
		t.Fatal(err)
	}
	if out, err := r.Call(ctx, "cjs", "twice", 21); err != nil || string(out) != "42" {
		t.Errorf("cjs twice = %s, %v", out, err)
	}
}

// A module whose top-level code fails does not load: the error is the
// Load's, with the stack in the module's TypeScript.
func TestTopLevelAwaitFailures(t *testing.T) {
	t.Parallel()
	r, _ := openTest(t, Options{})
	ctx := context.Background()
	for _, c := range []struct {
		name, view, main string
		is               error
		want             []string
	}{
		{name: "throw-after-await", main: `await new Promise((r) => setTimeout(r, 1));
function fail(): never {
  throw new Error("broken config");
}
fail();
export const x = 1;
`, want: []string{"Error: broken config", "main.ts:3:", "main.ts:5:"}},
		{name: "denied", main: `const text = await core.fileRead("secret.txt");
export const x = () => text;
`, want: []string{"PermissionDenied", "secret.txt"}},
		{name: "never-settles", view: "limits: {timeout: 300ms}\n", main: `setInterval(() => {}, 10);
await new Promise(() => {});
export const x = 1;
`, is: jsengine.ErrTimeout},
		{name: "never-settles-idle", main: `await new Promise(() => {});
export const x = 1;
`, want: []string{"can never settle"}},
		{name: "fuel", view: "limits: {fuel: 2000000}\n", main: `await null;
for (;;) {}
`, is: jsengine.ErrFuel},
		{name: "memory", view: "limits: {memory: 16MiB}\n", main: `await null;
const a: number[][] = [];
for (;;) a.push(new Array(100000).fill(1));
`, is: jsengine.ErrMemory},
		{name: "runtime-import", main: `const name = ["..", "..", "etc", "passwd"].join("/");
await (0, eval)("import(" + JSON.stringify(name) + ")");
export const x = 1;
`, want: []string{"import"}},
		{name: "computed-import", main: `const name = "./" + "other.ts";
await import(name);
export const x = 1;
`, want: []string{"is not supported"}},
	} {
		dir := writeModule(t, filepath.Join(r.AppRoot(), c.name), map[string]string{
			".core/view.yml": "code: " + c.name + "\n" + c.view,
			"main.ts":        c.main,
			"other.ts":       "export const other = 1;\n",
			"secret.txt":     "secret\n",
		})
		_, err := r.Load(ctx, dir)
		if err == nil {
			t.Errorf("%s: loaded", c.name)
			continue
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v, want %v", c.name, err, c.is)
		}
		var ex *jsengine.Exception
		text := err.Error()
		if errors.As(err, &ex) {
			text += "\n" + ex.Stack
		}
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %s\nwant %q", c.name, text, w)
			}
		}
		if strings.Contains(text, "root:") {
			t.Errorf("%s: read a file: %s", c.name, text)
		}
	}
}
