package manifest

import (
	"errors"
	"strings"
	"testing"
)

func TestBundleNodeEnv(t *testing.T) {
	t.Parallel()
	m, err := Parse(testFile, []byte("code: a\nbundle:\n  node_env: production\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Bundle.NodeEnv != "production" || m.Pos("bundle.node_env") != testFile+":3" {
		t.Errorf("Bundle = %+v at %s", m.Bundle, m.Pos("bundle.node_env"))
	}
	if err := m.Validate(Options{}); err != nil {
		t.Errorf("Validate: %v", err)
	}
	for _, src := range []string{"code: a\n", "code: a\nbundle:\n", "code: a\nbundle: {}\n"} {
		m, err := Parse(testFile, []byte(src), Options{})
		if err != nil || m.Bundle.NodeEnv != "" {
			t.Errorf("%q: %+v, %v", src, m, err)
		}
	}
}

func TestBundleErrors(t *testing.T) {
	t.Parallel()
	const f = testFile + ":"
	tests := []struct{ name, src, want string }{
		{"not a mapping", "code: a\nbundle: production\n", f + "2:9: bundle: must be a mapping (node_env: production), not a single value"},
		{"unknown key", "code: a\nbundle: {define: {x: 1}}\n", f + "2:10: bundle.define: unknown key \"define\"; valid keys under bundle: node_env"},
		{"empty", "code: a\nbundle: {node_env: \"\"}\n", f + "2:20: bundle.node_env: must not be empty (leave the key out to keep process.env.NODE_ENV undefined)"},
		{"number", "code: a\nbundle: {node_env: 1}\n", f + `2:20: bundle.node_env: must be a string such as production or development; quote it ("1")`},
		{"list", "code: a\nbundle: {node_env: [a]}\n", f + "2:20: bundle.node_env: must be a string such as production or development, not a list"},
		{"control", "code: a\nbundle: {node_env: \"a\\tb\"}\n", f + `2:20: bundle.node_env: must not contain control characters (found '\t')`},
		{"long", "code: a\nbundle: {node_env: " + strings.Repeat("x", MaxNodeEnv+1) + "}\n", f + "2:20: bundle.node_env: is 65 bytes; at most 64 are allowed"},
		{"wasm", "code: a\nruntime: wasm\nmain: m.wasm\nbundle: {node_env: production}\n", f + "4: bundle: is not supported for runtime: wasm (a wasm module is not bundled)"},
		{"misplaced", "code: a\nlimits: {node_env: production}\n", f + "2:10: limits.node_env: unknown key \"node_env\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(testFile, []byte(tt.src), Options{})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
	bad := &Manifest{Code: "a", Runtime: RuntimeWasm, Main: "m.wasm", File: "f", Bundle: Bundle{NodeEnv: "a\x00"}}
	want := "f: bundle.node_env: must not contain control characters (found '\\x00')\nf: bundle: " + wasmBundleMsg
	if err := bad.Validate(Options{}); err == nil || err.Error() != want {
		t.Errorf("Validate:\n%v\nwant:\n%s", err, want)
	}
}
