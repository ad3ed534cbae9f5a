//go:build linux

package main

import (
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

// TestBinaryKillsDescendants runs the built command on a module whose
// granted shell puts sleepers in new sessions and double-forks, then
// returns: once the command has exited (normally, or killed with SIGKILL
// while the call runs), none of them is alive.
func TestBinaryKillsDescendants(t *testing.T) {
	for _, p := range []string{"sh", "setsid", "sleep", "touch"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	bin := buildBinary(t)
	for _, how := range []string{"exit", "sigkill"} {
		t.Run(how, func(t *testing.T) {
			root := t.TempDir()
			arg := fmt.Sprintf("600.%d%03d", os.Getpid(), time.Now().UnixNano()%1000)
			script := fmt.Sprintf(`setsid sleep %[1]s & setsid sh -c 'sleep %[1]s & exit 0' & (sleep %[1]s &); touch started; exec sleep %[1]s`, arg)
			wait := "500"
			if how == "sigkill" {
				wait = "60000"
			}
			writeFiles(t, root, map[string]string{
				"mod/.core/view.yml": "code: spawner\npermissions: {run: [sh]}\nlimits: {processes: 8, timeout: 2m}\n",
				"mod/main.ts": fmt.Sprintf(`export async function spawn() {
  await core.processStart("sh", ["-c", %q]);
  console.log("spawned");
  await new Promise((r) => setTimeout(r, %s));
  return "left running";
}`, script, wait),
			})
			cmd := exec.Command(bin, "run", "--root", root, "--call", "spawn", filepath.Join(root, "mod"))
			cmd.Dir = root
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line := make([]byte, len("spawned\n"))
			if _, err := out.Read(line); err != nil || string(line) != "spawned\n" {
				t.Fatalf("read %q: %v", line, err)
			}
			var alive []int
			for i := 0; i < 250 && len(alive) < 4; i++ {
				time.Sleep(20 * time.Millisecond)
				alive = liveSleepers(arg)
			}
			t.Logf("descendants while the command runs: %v", alive)
			if len(alive) < 4 {
				t.Errorf("%d descendants started, want 4", len(alive))
			}
			if how == "sigkill" {
				cmd.Process.Kill()
			}
			cmd.Wait()
			if _, err := os.Stat(filepath.Join(root, "started")); err != nil {
				t.Fatalf("the script did not run: %v", err)
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
			t.Fatalf("after the command exited (%s): %d descendants alive: %v", how, len(left), left)
		})
	}
}
