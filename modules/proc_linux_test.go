//go:build linux

package modules

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// liveSleepers lists the live (not zombie) processes running "sleep arg".
func liveSleepers(arg string) []int {
	ents, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmd, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if string(cmd) != "sleep\x00"+arg+"\x00" {
			continue
		}
		stat, _ := os.ReadFile("/proc/" + e.Name() + "/stat")
		if i := strings.LastIndexByte(string(stat), ')'); i > 0 && len(stat) > i+2 && (stat[i+2] == 'Z' || stat[i+2] == 'X') {
			continue
		}
		out = append(out, pid)
	}
	return out
}

// TestRuntimeCloseKillsDescendants: a granted shell puts sleepers in new
// sessions and double-forks, and the call returns leaving them running;
// after Runtime.Close none is alive.
func TestRuntimeCloseKillsDescendants(t *testing.T) {
	for _, p := range []string{"sh", "setsid", "sleep"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	root := t.TempDir()
	arg := fmt.Sprintf("600.%d%03d", os.Getpid(), time.Now().UnixNano()%1000)
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
	var alive []int
	for i := 0; i < 250 && len(alive) < 4; i++ {
		time.Sleep(20 * time.Millisecond)
		alive = liveSleepers(arg)
	}
	t.Logf("descendants before Close: %v", alive)
	if len(alive) < 4 {
		t.Errorf("%d descendants started, want 4", len(alive))
	}
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}
	var left []int
	for i := 0; i < 100; i++ {
		if left = liveSleepers(arg); len(left) == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, pid := range left {
		exec.Command("kill", "-9", strconv.Itoa(pid)).Run()
	}
	t.Fatalf("after Runtime.Close: %d descendants alive: %v", len(left), left)
}
