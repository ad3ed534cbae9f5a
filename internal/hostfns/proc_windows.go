//go:build windows

package hostfns

import (
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// baseEnv are the host variables every program gets; Windows programs
// need SystemRoot to start at all.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "TEMP", "TMP", "LANG", "SystemRoot", "USERPROFILE"}

// On Windows every program of a module runs in the module's job object,
// which allows at most limits.processes active processes (the kernel
// refuses the one over) and kills everything in it when the module
// unloads or the embedding process dies (KILL_ON_JOB_CLOSE: the handle
// closes with the process). Each program also gets a job of its own,
// nested in the module's, so its deadline kills what it started. Children
// inherit the job; a process cannot leave it. The program is created
// suspended and resumed only once it is in its jobs, so it runs no
// instruction outside them.

// moduleJob is the job object all programs of one module share.
type moduleJob struct{ h windows.Handle }

func (j *moduleJob) get(limit int) (windows.Handle, error) {
	if j.h != 0 {
		return j.h, nil
	}
	h, err := newJob(limit)
	if err != nil {
		return 0, err
	}
	j.h = h
	return h, nil
}

func (j *moduleJob) close() {
	if j.h != 0 {
		_ = windows.TerminateJobObject(j.h, 1)
		_ = windows.CloseHandle(j.h)
		j.h = 0
	}
}

// newJob makes a job that kills its processes when its last handle closes,
// and allows at most limit of them when limit > 0.
func newJob(limit int) (windows.Handle, error) {
	h, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, fmt.Errorf("creating a job object: %w", err)
	}
	var info windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if limit > 0 {
		info.BasicLimitInformation.LimitFlags |= windows.JOB_OBJECT_LIMIT_ACTIVE_PROCESS
		info.BasicLimitInformation.ActiveProcessLimit = uint32(limit)
	}
	if _, err := windows.SetInformationJobObject(h, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(h)
		return 0, fmt.Errorf("limiting a job object: %w", err)
	}
	return h, nil
}

// procTree is one program and its job.
type procTree struct {
	plain bool       // unused: jobs are always available
	mu    sync.Mutex // exec calls kill (Cancel) from its own goroutine
	pid   int
	proc  windows.Handle
	job   windows.Handle // 0 when the system cannot nest jobs: then only the module's job holds it
	cmd   *exec.Cmd
}

func (tr *procTree) prepare(cmd *exec.Cmd) {
	tr.cmd = cmd
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_SUSPENDED}
	cmd.Cancel = func() error {
		tr.kill()
		return nil
	}
}

func (tr *procTree) isolationRefused()    {}
func (tr *procTree) retryable(error) bool { return false }

var ntResumeProcess = windows.NewLazySystemDLL("ntdll.dll").NewProc("NtResumeProcess")

// started puts the suspended program in the module's job and a nested job
// of its own, then lets it run.
func (tr *procTree) started(cmd *exec.Cmd, mj *moduleJob, limit int) error {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.pid = cmd.Process.Pid
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE|windows.PROCESS_SUSPEND_RESUME|
		windows.PROCESS_QUERY_LIMITED_INFORMATION|windows.SYNCHRONIZE, false, uint32(tr.pid))
	if err != nil {
		return fmt.Errorf("opening the program: %w", err)
	}
	tr.proc = h
	parent, err := mj.get(limit)
	if err != nil {
		return err
	}
	if err := windows.AssignProcessToJobObject(parent, h); err != nil {
		if errors.Is(err, windows.ERROR_NOT_ENOUGH_QUOTA) {
			return quotaError("run", fmt.Sprintf("the module's job holds %d processes already", limit), "limits.processes")
		}
		return fmt.Errorf("putting the program in the module's job: %w", err)
	}
	if job, err := newJob(0); err == nil {
		if windows.AssignProcessToJobObject(job, h) == nil {
			tr.job = job
		} else {
			windows.CloseHandle(job)
		}
	}
	if r, _, _ := ntResumeProcess.Call(uintptr(h)); r != 0 {
		return fmt.Errorf("resuming the program: NTSTATUS %#x", r)
	}
	return nil
}

func (tr *procTree) kill() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.job != 0 {
		_ = windows.TerminateJobObject(tr.job, 1)
	}
	if tr.proc != 0 {
		_ = windows.TerminateProcess(tr.proc, 1)
	} else if tr.cmd != nil && tr.cmd.Process != nil {
		_ = tr.cmd.Process.Kill() // not opened: still suspended, never ran
	}
}

func (tr *procTree) cleanup() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.job != 0 {
		_ = windows.TerminateJobObject(tr.job, 1)
	}
}

// jobPIDs is JOBOBJECT_BASIC_PROCESS_ID_LIST with room for 256 ids.
type jobPIDs struct {
	assigned, listed uint32
	ids              [256]uintptr
}

// members lists the processes in the program's job; the module's job
// enforces the cap in the kernel, so this only feeds the count at start.
func (tr *procTree) members() []member {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.pid <= 0 {
		return nil
	}
	if tr.job == 0 {
		return []member{{pid: tr.pid, root: true}}
	}
	var l jobPIDs
	if err := windows.QueryInformationJobObject(tr.job, windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&l)), uint32(unsafe.Sizeof(l)), nil); err != nil && l.listed == 0 {
		return []member{{pid: tr.pid, root: true}}
	}
	out := make([]member, 0, l.listed)
	for _, id := range l.ids[:min(l.listed, uint32(len(l.ids)))] {
		out = append(out, member{pid: int(id), root: int(id) == tr.pid})
	}
	return out
}

func (tr *procTree) close() {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.job != 0 {
		_ = windows.CloseHandle(tr.job)
		tr.job = 0
	}
	if tr.proc != 0 {
		_ = windows.CloseHandle(tr.proc)
		tr.proc = 0
	}
}

// killMember is not needed: the module's job refuses processes over the
// cap. Kill one anyway if asked.
func killMember(m member) {
	h, err := windows.OpenProcess(windows.PROCESS_TERMINATE, false, uint32(m.pid))
	if err != nil {
		return
	}
	_ = windows.TerminateProcess(h, 1)
	_ = windows.CloseHandle(h)
}
