//go:build windows

package hostfns_test

import (
	"os/exec"
	"testing"

	"github.com/corets/corets-wasm/hostfns"
)

// TestJobProcesses runs programs through the module's job object: a
// program created suspended runs once assigned and reports its exit code;
// a tree that fills limits.processes (cmd and its ping) refuses another
// start; a stopped
// program's job is killed.
func TestJobProcesses(t *testing.T) {
	if _, err := exec.LookPath("cmd"); err != nil {
		t.Skip("cmd not on PATH")
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: jobs\npermissions: {run: [cmd]}\nlimits: {processes: 2}\n")
	if got := m.mustRun(`const r = await core.processWait(await core.processStart("cmd", ["/c", "exit 3"])); return r.code`); got != "3" {
		t.Fatalf("exit code = %s", got)
	}
	got := m.mustRun(`
		const id = await core.processStart("cmd", ["/c", "ping -n 30 127.0.0.1 >nul"]);
		await new Promise((res) => setTimeout(res, 500)); // cmd has started ping: 2 processes
		let refused = "";
		try { await core.processStart("cmd", ["/c", "exit 0"]); } catch (e) { refused = e.name; }
		await core.processStop(id);
		const r = await core.processWait(id);
		return [refused, r.signal]`)
	if got != `["QuotaExceeded","stopped"]` {
		t.Fatalf("got %s", got)
	}
}
