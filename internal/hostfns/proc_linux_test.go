//go:build linux

package hostfns_test

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/testutil"
)

// TestDescendantsDieWithModule starts a granted shell that puts sleepers in
// new sessions (setsid) and process groups, and double-forks, as a program
// escaping a process-group kill does: after the module closes, none is
// alive. A second shell does the same and exits at once: its descendants
// do not outlive it.
func TestDescendantsDieWithModule(t *testing.T) {
	// Not parallel: WithoutNamespaces switches a package-global.
	t.Run("namespace", func(t *testing.T) {
		testDescendantsDie(t, `setsid sleep %[1]s & setsid sh -c 'sleep %[1]s & exit 0' & (sleep %[1]s &) ; %[2]s`, 4)
	})
	// Without namespaces the host watches the tree: what it saw is killed.
	// A descendant orphaned before the first look (a double fork within
	// milliseconds) escapes; SECURITY.md says so. setsid alone does not.
	t.Run("fallback", func(t *testing.T) {
		defer hostfns.WithoutNamespaces()()
		testDescendantsDie(t, `setsid sleep %[1]s & setsid sleep %[1]s & %[2]s`, 3)
	})
}

func testDescendantsDie(t *testing.T, script string, n int) {
	for _, p := range []string{"sh", "setsid", "sleep"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: escaper\npermissions: {run: [sh]}\nlimits: {processes: 10}\n")
	stay, gone := testutil.UniqueSleep(600), testutil.UniqueSleep(601)
	m.mustRun(fmt.Sprintf(`await core.processStart("sh", ["-c", %q]); return 1`, fmt.Sprintf(script, stay, "exec sleep "+stay)))
	pids := testutil.WaitSleepers(t, stay, n)
	t.Logf("descendants of the abandoned shell: %v", pids)

	got := m.mustRun(fmt.Sprintf(`const r = await core.processWait(await core.processStart("sh", ["-c", %q])); return r.code`, fmt.Sprintf(script, gone, "sleep 0.3; exit 0")))
	if got != "0" {
		t.Fatalf("exiting shell: %s", got)
	}
	testutil.NoSleepers(t, gone, "after the shell that started them exited")

	m.mod.Close()
	testutil.NoSleepers(t, stay, "after the module closed")
}

// TestDescendantsCountAgainstCap: a shell allowed 2 processes forks 4
// sleepers; the host kills those beyond the cap (the newest), so the shell
// sees 3 of its 4 children killed; and a new program is refused while the
// tree is full.
func TestDescendantsCountAgainstCap(t *testing.T) {
	// Not parallel: WithoutNamespaces switches a package-global.
	t.Run("namespace", testDescendantsCap)
	t.Run("fallback", func(t *testing.T) {
		defer hostfns.WithoutNamespaces()()
		testDescendantsCap(t)
	})
}

func testDescendantsCap(t *testing.T) {
	for _, p := range []string{"sh", "sleep"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s not on PATH", p)
		}
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: forker\npermissions: {run: [sh, sleep]}\nlimits: {processes: 2}\n")
	arg := testutil.UniqueSleep(2)
	got := m.mustRun(fmt.Sprintf(`
		const id = await core.processStart("sh", ["-c", %q]);
		let refused = "";
		await new Promise((res) => setTimeout(res, 300));
		try { await core.processStart("sleep", ["0"]); } catch (e) { refused = e.name + ": " + e.message; }
		const r = await core.processWait(id);
		return [r.code, r.stdout, refused]`,
		`for i in 1 2 3 4; do sleep `+arg+` & pids="$pids $!"; done; k=0; for p in $pids; do wait $p || k=$((k+1)); done; echo killed $k`))
	// The count in the refusal is what the host saw at that moment: 2, or 3
	// while the fallback's poll has yet to kill a sleeper it will kill (a
	// busy machine can delay the poll past the module's 300 ms).
	want := regexp.MustCompile(`^\[0,"killed 3\\n","QuotaExceeded: run: [23] processes are running already \(raise limits.processes in .core/view.yml\)"\]$`)
	if !want.MatchString(got) {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	testutil.NoSleepers(t, arg, "after the shell exited")
}

// TestProgramIsNamespaceInit: a program runs as the first process of a PID
// namespace of its own (as root, or in a user namespace mapping the user
// to itself otherwise), unless the kernel refuses namespaces here.
func TestProgramIsNamespaceInit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("sh not on PATH")
	}
	e := newEnv(t, hostfns.Config{})
	m := e.module("code: init\npermissions: {run: [sh]}\n")
	got := m.mustRun(`const r = await core.processWait(await core.processStart("sh", ["-c", "echo $$ $(id -u)"])); return r.stdout`)
	if hostfns.NamespacesRefused() {
		t.Skipf("the kernel refused a PID namespace; the fallback ran it (%s)", got)
	}
	if want := fmt.Sprintf(`"1 %d\n"`, os.Geteuid()); got != want {
		t.Fatalf("pid and uid = %s, want %s", got, want)
	}
}

// BenchmarkProcessStart measures starting and waiting for a program that
// exits at once, in its own PID namespace and in the fallback (one
// processStart + processWait per op, from JS).
func BenchmarkProcessStart(b *testing.B) {
	if _, err := exec.LookPath("true"); err != nil {
		b.Skip("true not on PATH")
	}
	for _, mode := range []string{"namespace", "fallback"} {
		b.Run(mode, func(b *testing.B) {
			if mode == "fallback" {
				defer hostfns.WithoutNamespaces()()
			}
			benchJS(b, "code: bench\npermissions: {run: [\"true\"]}\n", "",
				`await core.processWait(await core.processStart("true", []))`)
		})
	}
}
