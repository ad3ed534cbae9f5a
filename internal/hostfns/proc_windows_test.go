//go:build windows

package hostfns_test

import (
	"os/exec"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/testutil"
)

// TestJobProcesses runs programs through the module's job object: a
// program created suspended runs once assigned and reports its exit code;
// its job holds what it starts; a tree that fills limits.processes (cmd
// and its ping) refuses another start; a stopped program's job is killed.
func TestJobProcesses(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("cmd"); err != nil {
		t.Skip("cmd not on PATH")
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: jobs\npermissions: {run: [cmd]}\nlimits: {processes: 2}\n")
	if got := m.mustRun(`const r = await core.processWait(await core.processStart("cmd", ["/c", "exit 3"])); return r.code`); got != "3" {
		t.Fatalf("exit code = %s", got)
	}
	id := m.mustRun(`return await core.processStart("cmd", ["/c", "ping -n 30 127.0.0.1 >nul"])`)
	testutil.WaitFor(t, "cmd and ping in one nested job", func() bool {
		sizes, nested := hostfns.TreeSizes(m.mod)
		return len(sizes) == 1 && sizes[0] == 2 && nested[0]
	})
	m.mustFail(`await core.processStart("cmd", ["/c", "exit 0"])`, "QuotaExceeded: run: 2 processes are running already")
	got := m.mustRun(`await core.processStop(` + id + `); const r = await core.processWait(` + id + `); return r.signal`)
	if got != `"stopped"` {
		t.Fatalf("stop: %s", got)
	}
	if sizes, _ := hostfns.TreeSizes(m.mod); len(sizes) != 0 {
		t.Fatalf("still running after stop: %v", sizes)
	}
}
