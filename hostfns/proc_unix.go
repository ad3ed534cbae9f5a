//go:build unix

package hostfns

import (
	"os/exec"
	"syscall"
)

// baseEnv are the host variables every program gets.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "LANG"}

// configureKill puts the program in a process group of its own and kills
// the whole group, so what it started dies with it.
func configureKill(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
