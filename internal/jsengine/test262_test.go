package jsengine

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// TestTest262HooksOnlyWhenInstalled: an instance has no $262 or print unless
// the embedder (the conformance runner) installs them; once installed they
// work as test262's INTERPRETING.md says.
func TestTest262HooksOnlyWhenInstalled(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var lines []string
	in, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "t262", Output: func(level, text string) {
		mu.Lock()
		lines = append(lines, level+" "+text)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	// a module's view: nothing
	if err := in.Load(ctx, Bundle{Name: "m.js", Code: "if (typeof $262 !== 'undefined' || typeof print !== 'undefined') throw new Error('test262 hooks visible to a module');", Module: true}); err != nil {
		t.Fatal(err)
	}
	r, err := in.Eval(ctx, "[typeof $262, typeof print, typeof globalThis.$262]")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(r.Value); got != `["undefined","undefined","undefined"]` {
		t.Fatalf("before InstallTest262: %s", got)
	}
	if err := in.InstallTest262(ctx, false); err != nil {
		t.Fatal(err)
	}
	r, err = in.Eval(ctx, `(() => {
		const out = [];
		const ab = new ArrayBuffer(8);
		$262.detachArrayBuffer(ab);
		out.push(ab.byteLength, ArrayBuffer.prototype.slice.call(new ArrayBuffer(1), 0).byteLength === 1);
		out.push($262.evalScript('var t262x = 7; t262x'), globalThis.t262x);
		const other = $262.createRealm();
		out.push(other.global.Array !== Array, other.evalScript('1+1'), typeof other.global.print);
		out.push(typeof $262.IsHTMLDDA, $262.IsHTMLDDA == null, $262.global === globalThis);
		out.push(typeof $262.agent, $262.gc());
		print('a', 1, null);
		try { $262.evalScript('let y = ;'); } catch (e) { out.push(e.name); }
		return out;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(r.Value), `[0,true,7,7,true,2,"function","undefined",true,true,"undefined",null,"SyntaxError"]`; got != want {
		t.Fatalf("$262: got %s, want %s", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(strings.Join(lines, "\n"), "log a 1 null") {
		t.Fatalf("print wrote %q", lines)
	}
}

// A fresh instance from the same engine after another installed the hooks
// has none: they live in the instance, never in the engine's image.
func TestTest262HooksNotInheritedByNewInstances(t *testing.T) {
	ctx := context.Background()
	a, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "a"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.InstallTest262(ctx, true); err != nil {
		t.Fatal(err)
	}
	b, err := testEngine.NewInstance(ctx, InstanceConfig{Name: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := b.Eval(ctx, "typeof $262 + typeof print")
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Value) != `"undefinedundefined"` {
		t.Fatalf("new instance sees %s", r.Value)
	}
}
