package bundle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// TestSourceMapStack maps real QuickJS stacks of a TypeScript module back
// to the exact lines, in main.ts and in an imported lib/util.ts.
func TestSourceMapStack(t *testing.T) {
	dir := filepath.Join(bundleFixtures, "app")
	b, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := sourcemap.Parse(b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	in := bundleTestInstance(t, bundleTestEngine(t), b, "app.js")
	// the column QuickJS reports for a throw maps to the constructor's name
	at := func(file, marker, word string) string {
		line := bundleLineOf(t, dir, file, marker)
		src, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		for _, l := range strings.Split(string(src), "\n") {
			if strings.Contains(l, marker) {
				return fmt.Sprintf("%s:%s:%d", file, line, strings.Index(l, word)+1)
			}
		}
		return ""
	}
	tests := []struct {
		call string
		want []string // frames, in order
	}{
		{"fail", []string{"at fail (" + at("main.ts", "THROW_MAIN", "Error") + ")"}},
		{"failDeep", []string{
			"at helper (" + at("lib/util.ts", "THROW_UTIL", "RangeError") + ")",
			"at failDeep (main.ts:" + bundleLineOf(t, dir, "main.ts", "return helper(-1)") + ":3)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			_, err := in.Call(context.Background(), tt.call, nil)
			var ex *jsengine.Exception
			if !errors.As(err, &ex) {
				t.Fatalf("%s: %v, want an exception", tt.call, err)
			}
			if !strings.Contains(ex.Stack, "(app.js:") {
				t.Fatalf("the stack does not name the bundle:\n%s", ex.Stack)
			}
			got := m.MapStack(ex.Stack, "app.js")
			lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("stack\n%s\nmapped to\n%s\nwant %d frames", ex.Stack, got, len(tt.want))
			}
			for i, w := range tt.want {
				if strings.TrimSpace(lines[i]) != w {
					t.Errorf("frame %d: %q, want %q (stack %q)", i, strings.TrimSpace(lines[i]), w, ex.Stack)
				}
			}
		})
	}
}

// A throw in a module's top-level code fails Load, and its stack maps too.
func TestSourceMapLoadStack(t *testing.T) {
	dir := writeBundleModule(t, map[string]string{
		"main.ts":        "import { check } from \"./lib/check\";\n\nexport const ready = check(0);\n",
		"lib/check.ts":   "export function check(n: number): number {\n  if (n === 0) throw new TypeError(\"zero\");\n  return n;\n}\n",
		".core/view.yml": "code: loadfail\n",
	})
	b, err := Build(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	in, err := bundleTestEngine(t).NewInstance(ctx, jsengine.InstanceConfig{Name: "loadfail", Output: func(string, string) {}})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	err = in.Load(ctx, jsengine.Bundle{Name: "loadfail.js", Code: b.Code, Module: true, DefaultExports: b.CommonJS})
	var ex *jsengine.Exception
	if !errors.As(err, &ex) {
		t.Fatalf("Load: %v, want an exception", err)
	}
	m, err := sourcemap.Parse(b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	got := m.MapStack(ex.Stack, "loadfail.js")
	for _, w := range []string{"at check (lib/check.ts:2:", "main.ts:3:"} {
		if !strings.Contains(got, w) {
			t.Errorf("stack\n%s\nmapped to\n%s\nwant %q", ex.Stack, got, w)
		}
	}
}
