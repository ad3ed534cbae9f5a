//go:build linux

package hostfns

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/sys/unix"
)

// baseEnv are the host variables every program gets.
var baseEnv = []string{"PATH", "HOME", "TMPDIR", "LANG"}

// On Linux every program starts as the first process (init) of a PID
// namespace of its own. Whatever it starts stays in that namespace: setsid,
// a double fork or a new process group does not leave it, orphans are
// reparented to the program (not to the host's init), and when the program
// dies the kernel kills everything left in the namespace. So killing one
// pid kills the whole tree, and walking the tree down from that pid finds
// every live descendant, which is what the process cap counts.
//
// Running as root, a PID namespace needs nothing else; otherwise it comes
// with a user namespace mapping the user to itself (same uid and gid; the
// program gains no rights on the host, but set-user-ID programs do not
// elevate inside it). Where the kernel refuses namespaces (unprivileged
// user namespaces disabled, a container's seccomp filter), programs run in
// a process group of their own instead, and descendants are tracked by
// watching the tree; see SECURITY.md for what that fallback misses.
//
// Nothing here changes the embedding process: no subreaper, no signal
// handlers, no wait on any pid but the program's own (os/exec's).

// noNamespaces is set once the kernel refused a PID namespace.
var noNamespaces atomic.Bool

// procTree is what the host knows of one program's process tree.
type procTree struct {
	plain    bool // start without a namespace (a retry after the kernel refused one)
	pid      int  // set by started, under the module's process table lock
	isolated bool // the program is the init of its own PID namespace
	cmd      *exec.Cmd

	mu   sync.Mutex
	seen map[int]uint64 // pid -> start time of every descendant seen (the fallback kills them)
}

// prepare sets how cmd starts: in a new PID namespace when the kernel
// allows it, and always in a process group of its own. Pdeathsig kills the
// program (and with it its namespace) if the embedding process dies
// without unloading (a crash, SIGKILL); the kernel sends it when the OS
// thread that started the program exits, which Go threads do only when a
// goroutine exits while locked to one.
func (tr *procTree) prepare(cmd *exec.Cmd) {
	attr := &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if !noNamespaces.Load() && !tr.plain {
		tr.isolated = true
		attr.Cloneflags = syscall.CLONE_NEWPID
		if uid, gid := os.Geteuid(), os.Getegid(); uid != 0 {
			attr.Cloneflags |= syscall.CLONE_NEWUSER
			attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: uid, HostID: uid, Size: 1}}
			attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: gid, HostID: gid, Size: 1}}
		}
	}
	cmd.SysProcAttr = attr
	tr.cmd = cmd
	cmd.Cancel = func() error {
		tr.kill()
		return nil
	}
}

// retryable reports whether Start may have failed because the kernel
// refused the namespace (clone's errors for it); the caller then starts the
// program again without one.
func (tr *procTree) retryable(err error) bool {
	if !tr.isolated {
		return false
	}
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == syscall.EPERM || errno == syscall.EINVAL || errno == syscall.ENOSPC || errno == syscall.EUSERS || errno == syscall.ENOSYS)
}

// isolationRefused is called when the program started without a namespace
// after failing with one: later programs skip the attempt.
func (tr *procTree) isolationRefused() { noNamespaces.Store(true) }

// started records the program's pid once it runs.
func (tr *procTree) started(cmd *exec.Cmd, _ *moduleJob, _ int) error {
	tr.pid = cmd.Process.Pid
	return nil
}

// kill kills the program's whole tree. In a namespace, killing its init is
// enough (the kernel kills the rest); the group and every descendant seen
// are killed too, for the fallback.
func (tr *procTree) kill() {
	// cmd.Process is set before exec calls Cancel; tr.pid may not be yet.
	if tr.cmd == nil || tr.cmd.Process == nil {
		return
	}
	pid := tr.cmd.Process.Pid
	_ = syscall.Kill(pid, syscall.SIGKILL)
	_ = syscall.Kill(-pid, syscall.SIGKILL)
	tr.mu.Lock()
	seen := make([]member, 0, len(tr.seen))
	for pid, start := range tr.seen {
		seen = append(seen, member{pid: pid, start: start})
	}
	tr.mu.Unlock()
	for _, m := range seen {
		killMember(m)
	}
}

// cleanup runs after the program was reaped: in the fallback, descendants
// it left behind (seen before they were orphaned) die with it, as they do
// with its namespace.
func (tr *procTree) cleanup() {
	tr.mu.Lock()
	seen := make([]member, 0, len(tr.seen))
	for pid, start := range tr.seen {
		seen = append(seen, member{pid: pid, start: start})
	}
	tr.mu.Unlock()
	for _, m := range seen {
		killMember(m)
	}
}

// members lists the live processes of the tree, the program included.
// Zombies do not count: they hold no resources but a pid, and the
// namespace's init or its end reaps them.
func (tr *procTree) members() []member {
	if tr.pid <= 0 {
		return nil
	}
	var out []member
	seen := map[int]bool{}
	var walk func(pid int)
	walk = func(pid int) {
		if seen[pid] || len(seen) > 1<<16 {
			return
		}
		seen[pid] = true
		st, ok := readStat(pid)
		if !ok || st.zombie {
			return
		}
		out = append(out, member{pid: pid, start: st.start, root: pid == tr.pid})
		for _, c := range childrenOf(pid) {
			walk(c)
		}
	}
	walk(tr.pid)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.seen == nil {
		tr.seen = map[int]uint64{}
	}
	// Descendants seen earlier and since orphaned out of the tree (only
	// possible without a namespace) still count while they live.
	for pid, start := range tr.seen {
		if seen[pid] {
			continue
		}
		if st, ok := readStat(pid); ok && st.start == start && !st.zombie {
			out = append(out, member{pid: pid, start: start})
		} else {
			delete(tr.seen, pid)
		}
	}
	for _, m := range out {
		if m.pid != tr.pid {
			tr.seen[m.pid] = m.start
		}
	}
	return out
}

func (tr *procTree) close() {}

// moduleJob is the per-module kernel object on Windows; Linux needs none.
type moduleJob struct{}

func (j *moduleJob) close() {}

// killMember kills one process if it is still the one seen (same start
// time), through a pidfd so that a reused pid is never signalled.
func killMember(m member) {
	fd, err := unix.PidfdOpen(m.pid, 0)
	if err != nil {
		if errors.Is(err, unix.ENOSYS) {
			if st, ok := readStat(m.pid); ok && st.start == m.start {
				_ = syscall.Kill(m.pid, syscall.SIGKILL)
			}
		}
		return
	}
	defer unix.Close(fd)
	if st, ok := readStat(m.pid); ok && st.start == m.start {
		_ = unix.PidfdSendSignal(fd, unix.SIGKILL, nil, 0)
	}
}

type procStat struct {
	ppid   int
	start  uint64 // clock ticks after boot
	zombie bool
}

// readStat reads a process's parent, start time and state from
// /proc/PID/stat (fields 4, 22 and 3; the name in field 2 may hold spaces
// and parentheses, so fields are counted after its last ')').
func readStat(pid int) (procStat, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return procStat{}, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	start, err2 := strconv.ParseUint(f[19], 10, 64)
	if err1 != nil || err2 != nil {
		return procStat{}, false
	}
	return procStat{ppid: ppid, start: start, zombie: f[0] == "Z" || f[0] == "X"}, true
}

var (
	childrenFiles     bool // /proc/PID/task/TID/children exists (CONFIG_PROC_CHILDREN)
	childrenFilesOnce sync.Once
)

// childrenOf lists pid's children: from the kernel's children files when it
// has them, otherwise by reading every process's parent.
func childrenOf(pid int) []int {
	childrenFilesOnce.Do(func() {
		_, err := os.Stat(fmt.Sprintf("/proc/self/task/%d/children", syscall.Gettid()))
		childrenFiles = err == nil
	})
	var out []int
	if childrenFiles {
		tasks, _ := os.ReadDir("/proc/" + strconv.Itoa(pid) + "/task")
		for _, t := range tasks {
			b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/task/" + t.Name() + "/children")
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(b)) {
				if c, err := strconv.Atoi(f); err == nil {
					out = append(out, c)
				}
			}
		}
		return out
	}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readStat(c); ok && st.ppid == pid {
			out = append(out, c)
		}
	}
	return out
}
