package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// These tests run the built command as separate processes on one app
// root, as a cron job, a webhook and a user at a terminal would.

// sleepyMain naps until the test writes data/release-<name>: a call that
// lasts as long as the test needs, with no duration in it.
const sleepyMain = `export async function nap(name: string) {
  await core.storeSet("naps", name, "started");
  console.log("napping " + name);
  for (;;) {
    try {
      await core.fileRead("./data/release-" + name);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  await core.storeSet("naps", name, "done");
  return VERSION + " rested " + name;
}
export async function get(name: string) { return await core.storeGet("naps", name); }
`

const sleepyManifest = "code: sleepy\npermissions: {read: [./data/]}\nlimits: {timeout: 5m}\n"

// counterMain counts with compare-and-set, retrying on conflicts.
const counterMain = `export async function incr(n: number) {
  let conflicts = 0;
  for (let i = 0; i < n; i++) {
    for (;;) {
      const cur = await core.storeGetEntry<number>("c", "n");
      const r = await core.storeCompareAndSet("c", "n", (cur?.value ?? 0) + 1, cur ? cur.version : 0);
      if (r.ok) break;
      conflicts++;
    }
  }
  return conflicts;
}
export async function get() { return await core.storeGet("c", "n"); }
// race waits until the test writes data/go, so that every process counts at once.
export async function race(n: number) {
  console.log("ready");
  for (;;) {
    try {
      await core.fileRead("./data/go");
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return await incr(n);
}
`

const counterManifest = "code: counter\npermissions: {read: [./data/]}\n"

// binary runs the built command.
type binary struct {
	t    *testing.T
	path string
	root string
}

func newBinaryApp(t *testing.T) *binary {
	t.Helper()
	b := &binary{t: t, path: buildBinary(t), root: t.TempDir()}
	if err := os.Mkdir(filepath.Join(b.root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	return b
}

// cmd is the command line args with --root.
func (b *binary) cmd(args ...string) *exec.Cmd {
	args = append([]string{args[0], "--root", b.root}, args[1:]...)
	return exec.Command(b.path, args...)
}

// run runs a command line to its end.
func (b *binary) run(args ...string) result {
	b.t.Helper()
	cmd := b.cmd(args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		b.t.Fatalf("%q: %v", args, err)
	}
	return result{code, out.String(), errb.String()}
}

// start starts a command line and waits until its stderr has a line
// holding want (a call's console output goes to stderr: stdout carries its
// result alone).
func (b *binary) start(want string, args ...string) *running {
	b.t.Helper()
	cmd := b.cmd(args...)
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		b.t.Fatal(err)
	}
	r := &running{cmd: cmd}
	cmd.Stdout = &r.stdout
	if err := cmd.Start(); err != nil {
		b.t.Fatal(err)
	}
	b.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	br := bufio.NewReader(errPipe)
	for {
		line, err := br.ReadString('\n')
		r.stderr.WriteString(line)
		if strings.Contains(line, want) {
			break
		}
		if err != nil {
			cmd.Wait()
			b.t.Fatalf("%q ended before it said %q: %v\nstdout:\n%s\nstderr:\n%s", args, want, err, r.stdout.String(), r.stderr.String())
		}
	}
	r.done = make(chan struct{})
	go func() {
		io.Copy(&r.stderr, br)
		close(r.done)
	}()
	return r
}

type running struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer // read only after done and Wait
	done           chan struct{}
}

// wait waits for the command to end and returns what it did.
func (r *running) wait(t *testing.T) result {
	t.Helper()
	<-r.done
	err := r.cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, r.stdout.String(), r.stderr.String()}
}

// release writes data/release-NAME (data/go for "go").
func (b *binary) release(name string) {
	b.t.Helper()
	file := "release-" + name
	if name == "go" {
		file = name
	}
	if err := os.WriteFile(filepath.Join(b.root, "data", file), nil, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func sleepySource(t *testing.T, version string) string {
	return writeModule(t, filepath.Join(t.TempDir(), "sleepy"), sleepyManifest,
		"const VERSION = "+strconv.Quote(version)+";\n"+sleepyMain)
}

// A long call, list, status, a second call of the same module and a call
// of another one, all at once from separate processes; the second call
// sees the first one's write while it still runs.
func TestConcurrentCommands(t *testing.T) {
	t.Parallel()
	b := newBinaryApp(t)
	b.run("install", sleepySource(t, "v1")).ok(t)
	b.run("install", writeModule(t, filepath.Join(t.TempDir(), "counter"), counterManifest, counterMain)).ok(t)

	long := b.start("napping a", "call", "sleepy", "nap", `"a"`)

	if r := b.run("list").ok(t); !strings.Contains(r.stdout, "sleepy") || !strings.Contains(r.stdout, "counter") {
		t.Fatalf("list:\n%s", r.stdout)
	}
	if r := b.run("status", "--json").ok(t); strings.Count(r.stdout, `"RUNNING"`) != 2 {
		t.Fatalf("status:\n%s", r.stdout)
	}
	if r := b.run("call", "sleepy", "get", `"a"`).ok(t); r.stdout != "\"started\"\n" {
		t.Fatalf("the first call's write, seen from another process: %q", r.stdout)
	}
	b.release("b")
	if r := b.run("call", "sleepy", "nap", `"b"`).ok(t); !strings.Contains(r.stdout, `"v1 rested b"`) {
		t.Fatalf("second call:\n%s", r.stdout)
	}
	b.run("call", "counter", "incr", "3").ok(t)
	if r := b.run("call", "counter", "get").ok(t); r.stdout != "3\n" {
		t.Fatalf("counter %q", r.stdout)
	}

	b.release("a")
	if r := long.wait(t).ok(t); !strings.Contains(r.stdout, `"v1 rested a"`) {
		t.Fatalf("the long call:\n%s", r.stdout)
	}
	if r := b.run("call", "sleepy", "get", `"a"`).ok(t); r.stdout != "\"done\"\n" {
		t.Fatalf("after the long call: %q", r.stdout)
	}
}

// Several processes counting with compare-and-set on one key lose no
// update.
func TestConcurrentCompareAndSet(t *testing.T) {
	t.Parallel()
	b := newBinaryApp(t)
	b.run("install", writeModule(t, filepath.Join(t.TempDir(), "counter"), counterManifest, counterMain)).ok(t)
	const procs, each = 3, 100
	results := make([]result, procs)
	var wg sync.WaitGroup
	var started sync.WaitGroup
	for i := range procs {
		started.Add(1)
		wg.Go(func() {
			var once sync.Once
			defer once.Do(started.Done) // also when start fails the test
			r := b.start("ready", "call", "counter", "race", strconv.Itoa(each))
			once.Do(started.Done)
			results[i] = r.wait(t)
		})
	}
	started.Wait()
	b.release("go")
	wg.Wait()
	conflicts := 0
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("process %d: exit %d\n%s", i, r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		n, err := strconv.Atoi(lines[len(lines)-1])
		if err != nil {
			t.Fatalf("process %d printed %q", i, r.stdout)
		}
		conflicts += n
	}
	if r := b.run("call", "counter", "get").ok(t); r.stdout != fmt.Sprintf("%d\n", procs*each) {
		t.Fatalf("counter = %q, want %d: updates were lost", r.stdout, procs*each)
	}
	t.Logf("%d conflicts retried", conflicts)
}

// An install (an update of the running module, and of another one) and a
// removal while a call runs: the call finishes on the version it loaded,
// the next call gets the new one.
func TestInstallWhileCallRuns(t *testing.T) {
	t.Parallel()
	b := newBinaryApp(t)
	src := sleepySource(t, "v1")
	b.run("install", src).ok(t)
	long := b.start("napping a", "call", "sleepy", "nap", `"a"`)

	// the same source, changed: an update that needs no approval
	writeModule(t, src, sleepyManifest, `const VERSION = "v2";`+"\n"+sleepyMain)
	b.run("install", src).ok(t)
	other := writeModule(t, filepath.Join(t.TempDir(), "counter"), counterManifest, counterMain)
	b.run("install", other).ok(t)
	b.run("remove", "counter").ok(t)

	b.release("b")
	if r := b.run("call", "sleepy", "nap", `"b"`).ok(t); !strings.Contains(r.stdout, `"v2 rested b"`) {
		t.Fatalf("a call after the update:\n%s", r.stdout)
	}
	b.release("a")
	if r := long.wait(t).ok(t); !strings.Contains(r.stdout, `"v1 rested a"`) {
		t.Fatalf("the call that ran through the update:\n%s", r.stdout)
	}
}

// Two processes install one code from two sources at once, again and
// again, while calls load it: every command succeeds, and what is left is
// one of the two, whole (its files match its record: a call verifies
// them), with nothing else under modules/.
func TestConcurrentInstallsOfOneCode(t *testing.T) {
	t.Parallel()
	b := newBinaryApp(t)
	srcs := make([]string, 2)
	for i := range srcs {
		srcs[i] = writeModule(t, filepath.Join(t.TempDir(), "twin"), "code: twin\n",
			fmt.Sprintf("export function which() { return %d; }\n", i))
	}
	b.run("install", srcs[0]).ok(t)
	const rounds = 3
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed []string
	check := func(what string, r result) {
		if r.code != 0 {
			mu.Lock()
			failed = append(failed, fmt.Sprintf("%s: exit %d: %s", what, r.code, r.stderr))
			mu.Unlock()
		}
	}
	for i := range srcs {
		wg.Go(func() {
			for range rounds {
				check("install", b.run("install", "--yes", srcs[i]))
			}
		})
	}
	wg.Go(func() {
		for range 2 * rounds {
			r := b.run("call", "twin", "which")
			check("call", r)
			if r.code == 0 && r.stdout != "0\n" && r.stdout != "1\n" {
				check("call", result{1, r.stdout, "unexpected result"})
			}
		}
	})
	wg.Wait()
	if len(failed) > 0 {
		t.Fatalf("%d commands failed:\n%s", len(failed), strings.Join(failed, "\n"))
	}
	r := b.run("call", "twin", "which").ok(t)
	var list []struct{ Code, Source string }
	if err := json.Unmarshal([]byte(b.run("list", "--json").ok(t).stdout), &list); err != nil || len(list) != 1 {
		t.Fatalf("list: %v %+v", err, list)
	}
	if want := srcs[strings.TrimSpace(r.stdout)[0]-'0']; !strings.Contains(list[0].Source, filepath.Base(filepath.Dir(want))) {
		t.Fatalf("the record says %s, the files are from %s", list[0].Source, want)
	}
	entries, _ := os.ReadDir(filepath.Join(b.root, "modules"))
	if len(entries) != 1 || entries[0].Name() != "twin" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("modules/ holds %q", names)
	}
}

// A process killed while it writes to the store (SIGKILL; TerminateProcess
// on Windows) leaves a store the next commands use.
func TestKilledWriterLeavesStoreUsable(t *testing.T) {
	t.Parallel()
	b := newBinaryApp(t)
	b.run("install", writeModule(t, filepath.Join(t.TempDir(), "writer"), "code: writer\nlimits: {timeout: 5m}\n",
		`export async function spam() {
  const big = "x".repeat(5000);
  for (let i = 0; ; i++) {
    await core.storeSet("g", "k" + (i % 200), { i, big });
    await core.storeSet("n", "last", i);
    if (i === 20) console.log("writing");
  }
}
export async function last() { return await core.storeGet("n", "last"); }
`)).ok(t)
	w := b.start("writing", "call", "writer", "spam")
	// another process writes meanwhile
	b.run("call", "writer", "last").ok(t)
	if err := w.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	w.cmd.Wait()

	r := b.run("call", "writer", "last").ok(t)
	if n, err := strconv.Atoi(strings.TrimSpace(r.stdout)); err != nil || n < 20 {
		t.Fatalf("last write after the kill: %q", r.stdout)
	}
	b.run("list").ok(t)
	b.run("remove", "writer").ok(t)
}
