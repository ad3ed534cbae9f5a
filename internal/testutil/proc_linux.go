//go:build linux

package testutil

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Sleepers lists the live (not zombie) processes running "sleep arg". It
// skips the test when there is no /proc.
func Sleepers(t testing.TB, arg string) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
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

// WaitSleepers waits until at least n processes sleep arg, and returns them;
// it fails the test if they never come.
func WaitSleepers(t testing.TB, arg string, n int) []int {
	t.Helper()
	var got []int
	WaitFor(t, fmt.Sprintf("%d processes to sleep %s", n, arg), func() bool {
		got = Sleepers(t, arg)
		return len(got) >= n
	})
	return got
}

// NoSleepers waits until nothing sleeps arg any more (the kernel delivers
// kills asynchronously); if some still do, it kills them, so they do not
// outlive the test, and fails naming when.
func NoSleepers(t testing.TB, arg, when string) {
	t.Helper()
	var got []int
	if Eventually(t, func() bool { got = Sleepers(t, arg); return len(got) == 0 }) {
		return
	}
	for _, pid := range got {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	t.Fatalf("%s: %d descendants still alive (pids %v)", when, len(got), got)
}
