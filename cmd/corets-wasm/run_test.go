package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRunSingleFile(t *testing.T) {
	t.Parallel()
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"add.ts": `
export function add(p: { a: number; b: number }): number { return p.a + p.b; }
export function none() {}
`}), "add.ts")
	r := corets(t, "run", f, "--call", "add", "--input", `{"a": 2, "b": 40}`).ok(t)
	if r.stdout != "42\n" || r.stderr != "" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	// undefined comes back as null; no --call prints nothing
	if r := corets(t, "run", f, "--call", "none").ok(t); r.stdout != "null\n" {
		t.Errorf("none: stdout %q", r.stdout)
	}
	if r := corets(t, "run", f).ok(t); r.stdout != "" {
		t.Errorf("no call: stdout %q", r.stdout)
	}
	// the input from stdin
	r = coretsCtx(t, context.Background(), `{"a": 1, "b": 2}`, "run", f, "--call", "add", "--input", "-").ok(t)
	if r.stdout != "3\n" {
		t.Errorf("stdin input: stdout %q", r.stdout)
	}
}

func TestRunPrintsJSONIndented(t *testing.T) {
	t.Parallel()
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"obj.js": `
export function get() { return { list: [1, "two"], nested: { ok: true } }; }
`}), "obj.js")
	r := corets(t, "run", "--call", "get", f).ok(t)
	want := "{\n  \"list\": [\n    1,\n    \"two\"\n  ],\n  \"nested\": {\n    \"ok\": true\n  }\n}\n"
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
}

func TestRunConsoleOrder(t *testing.T) {
	t.Parallel()
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"talk.ts": `
console.log("a");
console.error("b");
console.log("c");
export function f() {
  console.warn("d");
  console.info("e");
  console.debug("f");
  return "g";
}
`}), "talk.ts")
	// one buffer for both streams shows the order they were written in
	var both bytes.Buffer
	if code := runMain(context.Background(), []string{"run", f, "--call", "f"}, strings.NewReader(""), &both, &both); code != 0 {
		t.Fatalf("exit %d: %s", code, both.String())
	}
	if got, want := both.String(), "a\nb\nc\nd\ne\nf\n\"g\"\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	// with a result on stdout, the console is all on stderr
	r := corets(t, "run", f, "--call", "f").ok(t)
	if r.stdout != "\"g\"\n" || r.stderr != "a\nb\nc\nd\ne\nf\n" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	// without one, log, info and debug are on stdout
	f2 := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"talk.ts": `console.log("a"); console.error("b"); console.info("c");`}), "talk.ts")
	r = corets(t, "run", f2).ok(t)
	if r.stdout != "a\nc\n" || r.stderr != "b\n" {
		t.Errorf("no --call: stdout %q stderr %q", r.stdout, r.stderr)
	}
	// --quiet drops it
	r = corets(t, "run", f, "--call", "f", "--quiet").ok(t)
	if r.stdout != "\"g\"\n" || r.stderr != "" {
		t.Errorf("--quiet: stdout %q stderr %q", r.stdout, r.stderr)
	}
}

func TestRunWaitsForTimers(t *testing.T) {
	t.Parallel()
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"later.ts": `
setTimeout(() => console.log("later"), 50);
export function now() { setTimeout(() => console.log("after the call"), 20); return "now"; }
export function forever() { setInterval(() => {}, 10); return "started"; }
`}), "later.ts")
	// The result and the timers' lines are all printed, and run waits for
	// the timers; their order depends on how long loading and the call took
	// (on a loaded machine the load-time timer fires before the call), so it
	// is not asserted.
	r := corets(t, "run", f, "--call", "now").ok(t)
	if got := sortedLines(r.stderr); r.stdout != "\"now\"\n" || got != "after the call\nlater\n" {
		t.Errorf("stdout %q stderr %q", r.stdout, r.stderr)
	}
	// the wait is bounded by the timeout
	r = corets(t, "run", f, "--call", "forever", "--timeout", "300ms", "--quiet")
	r.fails(t, exitTimeout, "later: still busy after 300ms", "raise --timeout")
	if !strings.Contains("\n"+r.stdout, "\n\"started\"\n") {
		t.Errorf("stdout %q", r.stdout)
	}
}

// sortedLines returns s's lines sorted, each ending in a newline.
func sortedLines(s string) string {
	lines := strings.SplitAfter(s, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	slices.Sort(lines)
	return strings.Join(lines, "")
}

func TestRunLimits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"spin.ts": `export function spin() { for (;;) {} }`,
		"bomb.ts": `export function bomb() { const a: string[] = []; for (let i = 0; ; i++) a.push("x".repeat(4096) + i); }`,
	})
	spin, bomb := filepath.Join(dir, "spin.ts"), filepath.Join(dir, "bomb.ts")
	corets(t, "run", spin, "--call", "spin", "--timeout", "200ms").fails(t, exitTimeout,
		"spin.spin: timeout", `in module "spin"`, "(raise --timeout)")
	corets(t, "run", spin, "--call", "spin", "--fuel", "1000").fails(t, exitFuel,
		"spin.spin: fuel exhausted", "(raise --fuel)")
	corets(t, "run", bomb, "--call", "bomb", "--memory", "8MiB").fails(t, exitMemory,
		"bomb.bomb: out of memory", "(raise --memory)")

	// the flags override a module's own limits, and the message says where
	// the module's limit is
	mod := writeModule(t, filepath.Join(dir, "capped"), "code: capped\nlimits:\n  fuel: 5000\n", `export function spin() { for (let i = 0; i < 100000; i++) {} return "done"; }`)
	corets(t, "run", mod, "--call", "spin").fails(t, exitFuel, "capped.spin: fuel exhausted", "(raise limits.fuel at ", "view.yml:3, or pass --fuel)")
	if r := corets(t, "run", mod, "--call", "spin", "--fuel", "100000000"); r.code != 0 || !strings.Contains(r.stdout, `"done"`) {
		t.Errorf("--fuel did not override limits.fuel: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// without a limit of its own, the module has the flag's
	corets(t, "run", writeModule(t, filepath.Join(dir, "free"), "code: free\n", `export function spin() { for (;;) {} }`),
		"--call", "spin", "--fuel", "2000").fails(t, exitFuel, "free.spin: fuel exhausted", "(raise --fuel or limits.fuel in .core/view.yml)")
}

func TestRunPermissionDenied(t *testing.T) {
	t.Parallel()
	root := writeFiles(t, t.TempDir(), map[string]string{"data/a.txt": "granted", "secret.txt": "nope"})
	mod := writeModule(t, filepath.Join(root, "reader"), `code: reader
permissions:
  read: ["./data/"]
`, `export async function read(path: string): Promise<string> {
  return await core.fileRead(path);
}
`)
	audit := filepath.Join(t.TempDir(), "audit.jsonl")
	r := corets(t, "run", "--root", root, "--audit", audit, mod, "--call", "read", "--input", `"data/a.txt"`).ok(t)
	if r.stdout != "\"granted\"\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	r = corets(t, "run", "--root", root, "--audit", audit, mod, "--call", "read", "--input", `"secret.txt"`)
	if r.code != exitPermission {
		t.Fatalf("exit %d", r.code)
	}
	want := `corets-wasm: reader.read: PermissionDenied: read "secret.txt" is not granted (add it to permissions.read in .core/view.yml) (for this run only: --allow-read=secret.txt)` + "\n    at read (main.ts:2:"
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to start with:\n%s", r.stderr, want)
	}
	if strings.Contains(r.stderr, "core.js") || strings.Contains(r.stderr, "(native)") {
		t.Errorf("the stack shows the runtime's own frames:\n%s", r.stderr)
	}
	// the audit log has a line for the use and one for the refusal
	data, err := os.ReadFile(audit)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		t.Fatalf("audit log:\n%s", data)
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("audit line is not JSON: %s", l)
		}
	}

	// a single file has no permissions at all
	f := filepath.Join(writeFiles(t, root, map[string]string{"peek.ts": `export async function peek() { return core.fileRead("data/a.txt"); }`}), "peek.ts")
	r = corets(t, "run", "--root", root, f, "--call", "peek")
	if r.code != exitPermission || !strings.HasPrefix(r.stderr, `corets-wasm: peek.peek: PermissionDenied: read "data/a.txt" is not granted`) {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

func TestRunExceptionStack(t *testing.T) {
	t.Parallel()
	mod := writeModule(t, t.TempDir(), "code: thrower\n", `interface Order {
  id: number;
}

function check(order: Order): void {
  if (order.id < 0) {
    throw new RangeError("bad order " + order.id);
  }
}

export function place(order: Order) {
  check(order);
  return order.id;
}
`)
	r := corets(t, "run", mod, "--call", "place", "--input", `{"id": -1}`)
	if r.code != exitException {
		t.Fatalf("exit %d", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) < 3 || lines[0] != "corets-wasm: thrower.place: RangeError: bad order -1" ||
		!strings.HasPrefix(lines[1], "    at check (main.ts:7:") || !strings.HasPrefix(lines[2], "    at place (main.ts:12:") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q", r.stdout)
	}
}

func TestRunLoadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	corets(t, "run", filepath.Join(dir, "missing")).fails(t, exitNotFound, "missing", "no such file")
	corets(t, "run", writeFiles(t, dir, map[string]string{"notes.txt": "x"})+"/notes.txt").fails(t, exitFailed, "a single .ts or .js file")

	// a bundle error reads like esbuild's, naming the file as given
	bad := writeModule(t, filepath.Join(dir, "bad"), "code: bad\n", "import x from \"./nowhere\";\nexport const y = x;\n")
	r := corets(t, "run", bad)
	if r.code != exitBuild || !strings.HasPrefix(r.stderr, "corets-wasm: ✘ [ERROR] Could not resolve \"./nowhere\"\n") ||
		!strings.Contains(r.stderr, "\n    "+filepath.ToSlash(bad)+"/main.ts:1:15:\n") ||
		!strings.Contains(r.stderr, "1 │ import x from \"./nowhere\";") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}

	// every manifest problem, one a line
	r = corets(t, "run", writeModule(t, filepath.Join(dir, "man"), "code: Man\nfoo: 1\n", "export {};"))
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if r.code != exitConfig || len(lines) != 2 || !strings.Contains(lines[0], "view.yml:1:7: code:") || !strings.Contains(lines[1], `view.yml:2:1: foo: unknown key "foo"`) {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}

	// an exception in init says where it came from
	r = corets(t, "run", writeModule(t, filepath.Join(dir, "boom"), "code: boom\n", "export function init() {\n  throw new Error(\"no config\");\n}\n"))
	if r.code != exitException || !strings.HasPrefix(r.stderr, "corets-wasm: load boom: Error: no config\n    at init (main.ts:2:") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}

	// calling what is not there
	f := filepath.Join(writeFiles(t, dir, map[string]string{"one.ts": "export const n = 1;"}), "one.ts")
	corets(t, "run", f, "--call", "missing").fails(t, exitNotFound, "one.missing:", `no export "missing"`, "(its exports: n)")
}

func TestRunStore(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	mod := writeModule(t, filepath.Join(root, "counter"), "code: counter\n", `export async function bump(): Promise<number> {
  const n = ((await core.storeGet<number>("c", "n")) ?? 0) + 1;
  await core.storeSet("c", "n", n);
  return n;
}
`)
	// in memory by default: nothing is kept
	for range 2 {
		if r := corets(t, "run", "--root", root, mod, "--call", "bump").ok(t); r.stdout != "1\n" {
			t.Errorf("in-memory store: stdout %q", r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(root, ".corets")); err == nil {
		t.Errorf("run left a store behind")
	}
	store := filepath.Join(t.TempDir(), "s.db")
	for want := 1; want <= 2; want++ {
		r := corets(t, "run", "--root", root, "--store", store, mod, "--call", "bump").ok(t)
		if r.stdout != strconv.Itoa(want)+"\n" {
			t.Errorf("--store: stdout %q, want %d", r.stdout, want)
		}
	}
}

func TestRunInterrupted(t *testing.T) {
	t.Parallel()
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"spin.ts": `export function spin() { for (;;) {} }`}), "spin.ts")
	ctx, cancel := context.WithCancel(context.Background())
	// Whether the cancel lands in the load or in the call, the command
	// stops and says it was interrupted.
	time.AfterFunc(500*time.Millisecond, cancel)
	r := coretsCtx(t, ctx, "", "run", f, "--call", "spin")
	if r.code != exitInterrupted || r.stderr != "corets-wasm: interrupted\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// `run --root . --store store.db` from the app root, with a module granted
// ./: the store, named relative to the working directory, is the
// runtime's, not the module's (issue 10, escape 1).
func TestRunRelativeStoreIsReserved(t *testing.T) {
	// Not parallel: changes the working directory (process-wide).
	dir := t.TempDir()
	t.Chdir(dir)
	writeModule(t, "mod", "code: greedy\npermissions:\n  read: [\"./\"]\n  write: [\"./\"]\n", `
async function attempt(f: () => Promise<any>): Promise<string> {
  try { await f(); return "ok"; } catch (e: any) { return e.name + ": " + e.message; }
}
export async function attack() {
  return [
    await attempt(() => core.fileReadBytes("store.db")),
    await attempt(() => core.fileReadBytes("./mod/../store.db")),
    await attempt(() => core.fileStat("store.db")),
    await attempt(() => core.fileWrite("store.db", "pwned")),
    await attempt(() => core.fileDelete("store.db")),
  ];
}
export async function mine() { await core.fileWrite("mine.txt", "ok"); return core.fileRead("mine.txt"); }
`)
	corets(t, "run", "--root", ".", "--store", "store.db", "mod").ok(t)
	r := corets(t, "run", "--root", ".", "--store", "store.db", "--call", "attack", "mod").ok(t)
	var got []string
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout %q: %v", r.stdout, err)
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "PermissionDenied") || !strings.Contains(g, "reserved for the runtime") {
			t.Errorf("%s (want PermissionDenied: reserved for the runtime)", g)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "store.db"))
	if err != nil || len(b) < 4096 || bytes.HasPrefix(b, []byte("pwned")) {
		t.Errorf("store.db: %d bytes %.8q, %v", len(b), b, err)
	}
	// The rest of the app root is the module's.
	if r := corets(t, "run", "--root", ".", "--store", "store.db", "--call", "mine", "mod").ok(t); r.stdout != "\"ok\"\n" {
		t.Errorf("mine: stdout %q", r.stdout)
	}
}

// The CLI run from an app root that holds the user's cache directory (as
// from $HOME): the cached bundles and compiled code are the runtime's.
func TestRunDefaultCacheIsReserved(t *testing.T) {
	// Not parallel: changes the working directory and environment variables (process-wide).
	root := t.TempDir()
	t.Chdir(root)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(root, ".cache"))
	t.Setenv("LocalAppData", filepath.Join(root, "AppData"))
	t.Setenv("HOME", root)
	base, err := os.UserCacheDir()
	if err != nil || !strings.HasPrefix(base, root) {
		t.Skipf("the user's cache directory %q cannot be moved into the app root here", base)
	}
	rel, _ := filepath.Rel(root, filepath.Join(base, "corets-wasm"))
	rel = filepath.ToSlash(rel)
	writeModule(t, "mod", "code: greedy\npermissions:\n  read: [\"./\"]\n  write: [\"./\"]\n", `
async function attempt(f: () => Promise<any>): Promise<string> {
  try { await f(); return "ok"; } catch (e: any) { return e.name + ": " + e.message; }
}
export async function attack(dir: string) {
  return [
    await attempt(() => core.fileList(dir + "/bundles")),
    await attempt(() => core.fileWrite(dir + "/bundles/planted", "x")),
    await attempt(() => core.fileList(dir + "/wazero")),
    await attempt(() => core.fileMkdir(dir + "/wazero/planted")),
  ];
}
`)
	corets(t, "run", "mod").ok(t) // fills the cache
	input, _ := json.Marshal(rel)
	r := corets(t, "run", "--call", "attack", "--input", string(input), "mod").ok(t)
	var got []string
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout %q: %v", r.stdout, err)
	}
	for _, g := range got {
		if !strings.HasPrefix(g, "PermissionDenied") || !strings.Contains(g, "reserved for the runtime") {
			t.Errorf("%s (want PermissionDenied: reserved for the runtime)", g)
		}
	}
}
