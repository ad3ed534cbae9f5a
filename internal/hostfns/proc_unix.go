//go:build unix && !linux

package hostfns

import (
	"os/exec"
	"syscall"
)

// baseEnv are the host variables every program gets.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "LANG"}

// On macOS and the BSDs a program runs in a process group of its own and
// the group is killed at the deadline, at unload and when the program is
// stopped. These systems have no PID namespace, subreaper or job object
// that an unprivileged process can use here, so a descendant that leaves
// the group (setsid, setpgid) escapes the kill and the count: SECURITY.md
// says so. The cap counts the programs themselves.

// procTree is what the host knows of one program's process tree.
type procTree struct {
	plain bool // unused: there is no isolation to do without
	pid   int  // set by started, under the module's process table lock
	cmd   *exec.Cmd
}

func (tr *procTree) prepare(cmd *exec.Cmd) {
	tr.cmd = cmd
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		tr.kill()
		return nil
	}
}

func (tr *procTree) isolationRefused()    {}
func (tr *procTree) retryable(error) bool { return false }

func (tr *procTree) started(cmd *exec.Cmd, _ *moduleJob, _ int) error {
	tr.pid = cmd.Process.Pid
	return nil
}

func (tr *procTree) kill() {
	// cmd.Process is set before exec calls Cancel; tr.pid may not be yet.
	if tr.cmd != nil && tr.cmd.Process != nil {
		_ = syscall.Kill(-tr.cmd.Process.Pid, syscall.SIGKILL)
		_ = syscall.Kill(tr.cmd.Process.Pid, syscall.SIGKILL)
	}
}

func (tr *procTree) cleanup() {}

func (tr *procTree) members() []member {
	if tr.pid <= 0 {
		return nil
	}
	return []member{{pid: tr.pid, root: true}}
}

func (tr *procTree) close() {}

// moduleJob is the per-module kernel object on Windows; none here.
type moduleJob struct{}

func (j *moduleJob) close() {}

// killMember is never called with more members than programs here.
func killMember(m member) { _ = syscall.Kill(m.pid, syscall.SIGKILL) }
