package modules

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A program that uses modules without wasm plugins does not link Extism or
// its dependencies (observe-sdk and what it pulls in); the command line,
// which enables them, does.
func TestExtismNotLinked(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool here (under wine, say):", err)
	}
	deps := func(pkg string) []string {
		t.Helper()
		out, err := exec.Command(goTool, "list", "-deps", pkg).Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Fatalf("go list -deps %s: %v\n%s", pkg, err, ee.Stderr)
			}
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	extism := func(list []string) []string {
		var found []string
		for _, p := range list {
			if strings.HasPrefix(p, "github.com/extism/") || strings.Contains(p, "dylibso") {
				found = append(found, p)
			}
		}
		return found
	}
	for _, pkg := range []string{".", "./testdata/embedder"} {
		if found := extism(deps(pkg)); len(found) > 0 {
			t.Errorf("%s links %s", pkg, strings.Join(found, ", "))
		}
	}
	if found := extism(deps(filepath.Join("..", "cmd", "corets-wasm"))); len(found) == 0 {
		t.Error("cmd/corets-wasm does not link Extism: wasm plugins are not enabled in the command line")
	}
}

// Without Options.WasmPlugins a wasm module is refused at load and at
// install, with an error that says how to enable it.
func TestWasmDisabled(t *testing.T) {
	r, _ := openTest(t, Options{})
	dir := writeModule(t, filepath.Join(t.TempDir(), "w"), map[string]string{
		".core/view.yml": "code: w\nruntime: wasm\nmain: plugin.wasm\n",
		"plugin.wasm":    "\x00asm\x01\x00\x00\x00",
	})
	ctx := context.Background()
	_, lerr := r.Load(ctx, dir)
	_, ierr := r.Install(ctx, dir, InstallOptions{})
	for what, err := range map[string]error{"load": lerr, "install": ierr} {
		if !errors.Is(err, ErrWasmDisabled) {
			t.Errorf("%s: got %v, want ErrWasmDisabled", what, err)
			continue
		}
		for _, s := range []string{"view.yml:2", "Options.WasmPlugins", "wasmplugin.New()"} {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q does not say %q", what, err, s)
			}
		}
	}
	if st, err := r.Status("w"); err != nil || st.State != StateErrored {
		t.Errorf("after the refused load: %+v %v, want ERRORED", st, err)
	}
}
