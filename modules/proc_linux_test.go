//go:build linux

package modules

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// TestRuntimeCloseKillsDescendants: a granted shell puts sleepers in new
// sessions and double-forks, and the call returns leaving them running;
// after Runtime.Close none is alive.
func TestRuntimeCloseKillsDescendants(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"sh", "setsid", "sleep"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	root := t.TempDir()
	arg := testutil.UniqueSleep(600)
	script := fmt.Sprintf(`setsid sleep %[1]s & setsid sh -c 'sleep %[1]s & exit 0' & (sleep %[1]s &); exec sleep %[1]s`, arg)
	mod := filepath.Join(root, "mod")
	must(t, os.MkdirAll(filepath.Join(mod, ".core"), 0o755))
	must(t, os.WriteFile(filepath.Join(mod, ".core", "view.yml"), []byte("code: spawner\npermissions: {run: [sh]}\nlimits: {processes: 8}\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(mod, "main.ts"), []byte(fmt.Sprintf(`export const spawn = () => core.processStart("sh", ["-c", %q]);`, script)), 0o644))
	ctx := context.Background()
	r, err := Open(ctx, Options{AppRoot: root, MemoryStore: true, SkipInstalled: true, NoDiskCache: true, Output: func(module, level, text string) {}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Load(ctx, mod); err != nil {
		t.Fatal(err)
	}
	if _, err := r.CallJSON(ctx, "spawner", "spawn", []byte("[]")); err != nil {
		t.Fatal(err)
	}
	alive := testutil.WaitSleepers(t, arg, 4)
	t.Logf("descendants before Close: %v", alive)
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}
	testutil.NoSleepers(t, arg, "after Runtime.Close")
}
