//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// TestBinaryKillsDescendants runs the built command on a module whose
// granted shell puts sleepers in new sessions and double-forks, then
// returns: once the command has exited (normally, or killed with SIGKILL
// while the call runs), none of them is alive.
func TestBinaryKillsDescendants(t *testing.T) {
	t.Parallel()
	for _, p := range []string{"sh", "setsid", "sleep", "touch"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	bin := buildBinary(t)
	for _, how := range []string{"exit", "sigkill"} {
		t.Run(how, func(t *testing.T) {
			root := t.TempDir()
			arg := testutil.UniqueSleep(600)
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
			out, err := cmd.StderrPipe() // the console, as stdout carries the result
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
			if how == "sigkill" {
				// The call waits a minute: all four come while it runs.
				t.Logf("descendants while the command runs: %v", testutil.WaitSleepers(t, arg, 4))
			} else {
				// The call returns after half a second, which a loaded
				// machine may spend before the shell forked them all: what
				// matters is that none is left after the exit.
				t.Logf("descendants while the command runs: %v", testutil.Sleepers(t, arg))
			}
			if how == "sigkill" {
				cmd.Process.Kill()
			}
			cmd.Wait()
			if _, err := os.Stat(filepath.Join(root, "started")); err != nil {
				t.Fatalf("the script did not run: %v", err)
			}
			testutil.NoSleepers(t, arg, "after the command exited ("+how+")")
		})
	}
}
