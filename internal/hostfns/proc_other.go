//go:build !unix && !windows

package hostfns

import "os/exec"

// baseEnv are the host variables every program gets.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "LANG"}

// procTree on systems without process groups or job objects: the program
// itself is killed (exec's default); what it starts is not tracked.
type procTree struct {
	plain bool // unused: there is no isolation to do without
	cmd   *exec.Cmd
}

func (tr *procTree) prepare(cmd *exec.Cmd)                    { tr.cmd = cmd }
func (tr *procTree) isolationRefused()                        {}
func (tr *procTree) retryable(error) bool                     { return false }
func (tr *procTree) started(*exec.Cmd, *moduleJob, int) error { return nil }
func (tr *procTree) cleanup()                                 {}
func (tr *procTree) close()                                   {}

func (tr *procTree) kill() {
	if tr.cmd != nil && tr.cmd.Process != nil {
		_ = tr.cmd.Process.Kill()
	}
}

func (tr *procTree) members() []member {
	if tr.cmd == nil || tr.cmd.Process == nil {
		return nil
	}
	return []member{{pid: tr.cmd.Process.Pid, root: true}}
}

type moduleJob struct{}

func (j *moduleJob) close() {}

func killMember(member) {}
