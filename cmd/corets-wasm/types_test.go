package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/modules"
)

// The types a module author gets (core.d.ts and the tsconfig.json that
// init writes) are checked with TypeScript's own compiler: they must
// compile, coexist with @types/node, describe what the runtime has and
// nothing it lacks, and accept the README's and testdata's examples.
//
// tsc comes from npm, in a directory of its own (.ci/run installs it):
//
//	npm install --prefix DIR --no-save --no-package-lock typescript@5.9.3 @types/papaparse@5.5.2 @types/node@26.6.11
//
// DIR is $CORETS_TSC_DIR, or corets-wasm/tsc in the user's cache directory
// (~/.cache/corets-wasm/tsc). Without it these tests skip, saying so;
// with CORETS_REQUIRE_TSC set (as .ci/run sets it) they fail instead.

// tsTools is where TypeScript, @types/node and @types/papaparse are.
type tsTools struct {
	modules string // the node_modules directory
	node    string // the node binary
}

func (tt tsTools) typescript() string { return filepath.Join(tt.modules, "typescript") }

func needTSC(t *testing.T) tsTools {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("tsc checks run on Unix (the types do not depend on the OS)")
	}
	dir := os.Getenv("CORETS_TSC_DIR")
	if dir == "" {
		// TestMain points XDG_CACHE_HOME at a temporary directory; the user's is in cacheEnv.
		base := ""
		for _, kv := range cacheEnv {
			if v, ok := strings.CutPrefix(kv, "XDG_CACHE_HOME="); ok && v != "" {
				base = v
			}
		}
		if base == "" {
			if home, err := os.UserHomeDir(); err == nil {
				base = filepath.Join(home, ".cache")
			}
		}
		dir = filepath.Join(base, "corets-wasm", "tsc")
	}
	tt := tsTools{modules: filepath.Join(dir, "node_modules")}
	var missing []string
	node, err := exec.LookPath("node")
	if err != nil {
		missing = append(missing, "node on PATH")
	}
	tt.node = node
	for _, p := range []string{"typescript/bin/tsc", "@types/node/package.json", "@types/papaparse/index.d.ts"} {
		if _, err := os.Stat(filepath.Join(tt.modules, p)); err != nil {
			missing = append(missing, filepath.Join(tt.modules, p))
		}
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("TypeScript checks need %s; install with: npm install --prefix %s --no-save --no-package-lock typescript@5.9.3 @types/papaparse@5.5.2 @types/node@26.6.11 (or set CORETS_TSC_DIR)",
			strings.Join(missing, ", "), dir)
		if os.Getenv("CORETS_REQUIRE_TSC") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return tt
}

// tsc type-checks the project in dir (its tsconfig.json) with extra
// command-line options, and returns tsc's report and whether it passed.
func (tt tsTools) tsc(t *testing.T, dir string, opts ...string) (string, bool) {
	t.Helper()
	args := append([]string{filepath.Join(tt.typescript(), "bin", "tsc"), "-p", dir, "--pretty", "false"}, opts...)
	cmd := exec.Command(tt.node, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("tsc: %v", err)
		}
	}
	return string(out), err == nil
}

// tsProject writes a module as init does, plus files.
func tsProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "typed")
	corets(t, "init", dir).ok(t)
	return writeFiles(t, dir, files)
}

// usageTS is code a module author writes, including what issue 14 found
// refused: a promise around setTimeout, Intl.
const usageTS = `/// <reference path="./core.d.ts" />
export async function nap(ms: number): Promise<string> {
  await new Promise((r) => setTimeout(r, ms));
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
  await new Promise((r) => setImmediate(r));
  const t = setTimeout((a: string, b: number) => console.log(a, b), 1, "x", 2);
  clearTimeout(t);
  const i = setInterval(() => {}, 1000);
  clearInterval(i);
  const when = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric" }).format(0);
  const n = new Intl.NumberFormat("de-DE").format(1234.5);
  const words = [...new Intl.Segmenter("en", { granularity: "word" }).segment("hi there")].length;
  const h = new Headers({ "x-a": "1" });
  const bytes: Uint8Array = new TextEncoder().encode(h.get("x-a") ?? "");
  const id: string = crypto.randomUUID();
  const digest: ArrayBuffer = await crypto.subtle.digest("SHA-256", new Uint8Array(bytes));
  const code: string = core.module.code;
  return [when, n, words, digest.byteLength, id.length, code, import.meta.url].join(" ");
}
`

func TestTypesSkeleton(t *testing.T) {
	t.Parallel()
	tt := needTSC(t)
	dir := tsProject(t, map[string]string{"main.ts": usageTS})

	// core.d.ts itself is checked too: no skipLibCheck.
	if out, ok := tt.tsc(t, dir, "--skipLibCheck", "false"); !ok {
		t.Fatalf("init's module with core.d.ts does not type-check:\n%s", out)
	}
	// The types told the truth: the same code runs.
	r := corets(t, "run", dir, "--call", "nap", "--input", "1").ok(t)
	if !strings.Contains(r.stdout, `"1970 1.234,5 3 32 36 typed file:///main.ts"`) {
		t.Errorf("nap: %s", r.stdout)
	}

	// A code error is still an error.
	writeFiles(t, dir, map[string]string{"bad.ts": "/// <reference path=\"./core.d.ts\" />\nexport const x: number = setTimeout(() => {}, \"1\");\nexport const y = core.fileRaed;\n"})
	out, ok := tt.tsc(t, dir)
	if ok || !strings.Contains(out, "bad.ts(2,") || !strings.Contains(out, "fileRaed") {
		t.Errorf("tsc accepted bad.ts:\n%s", out)
	}
}

// A package whose types pull in @types/node (@types/papaparse does, as
// most do) must not break the module's types: issue 14 found 34 errors.
func TestTypesWithNodeTypes(t *testing.T) {
	t.Parallel()
	tt := needTSC(t)
	dir := tsProject(t, map[string]string{
		"usage.ts": usageTS,
		"csv.ts": `/// <reference path="./core.d.ts" />
import Papa from "papaparse";
export async function rows(text: string): Promise<number> {
  const parsed = Papa.parse<string[]>(text);
  const h = new Headers();
  h.set("n", String(parsed.data.length));
  await new Promise((r) => setTimeout(r, 1));
  const body: string = await new Response(h.get("n")).text();
  return Number(body) + (await core.fileList(".")).length;
}
`,
	})
	if err := os.Symlink(tt.modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if out, ok := tt.tsc(t, dir); !ok {
		t.Fatalf("with @types/node (through @types/papaparse) the module does not type-check:\n%s", out)
	}
	if out, ok := tt.tsc(t, dir, "--listFilesOnly"); !ok || !strings.Contains(out, filepath.Join("@types", "node", "globals.d.ts")) {
		t.Fatalf("@types/node was not in the compilation, so this test tests nothing:\n%s", out)
	}
}

// declaredMember is what declared.cjs reports of one declared value.
type declaredMember struct {
	Name   string           `json:"name"`
	Kind   string           `json:"kind"`
	File   string           `json:"file,omitempty"`
	Static []declaredMember `json:"static,omitempty"`
	Proto  []declaredMember `json:"proto,omitempty"`
}

// undeclaredGlobals are globals the runtime has that no declaration
// names, each with the reason; everything else the runtime has must be
// declared (by core.d.ts or by the ES2023 lib of the generated tsconfig).
var undeclaredGlobals = map[string]string{
	"globalThis":       "TypeScript declares it itself, not as a symbol in scope",
	"undefined":        "TypeScript declares it itself, not as a symbol in scope",
	"__corets_exports": "the engine's handle on the module's exports, through which the host calls them; not API",
	"InternalError":    "QuickJS's own error class (stack overflow, out of memory); not standard: test err.name, not instanceof",
	"Iterator":         "ES2025 Iterator helpers; lib ES2023 has no value for it",
}

// TestTypesMatchRuntime checks every declaration against an instance: each
// global that core.d.ts or lib ES2023 declares exists with the declared
// kind (class, function, object, constant), with its declared static
// members and its instances' methods (two levels: Intl.DateTimeFormat's
// methods too), and every member of Core; and nothing the runtime offers
// is left undeclared (but undeclaredGlobals).
func TestTypesMatchRuntime(t *testing.T) {
	t.Parallel()
	tt := needTSC(t)
	coreDTS := filepath.Join(t.TempDir(), "core.d.ts")
	if err := os.WriteFile(coreDTS, []byte(modules.Declarations()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tt.node, filepath.Join("testdata", "types", "declared.cjs"), tt.typescript(), coreDTS).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("declared.cjs: %v\n%s", err, stderr)
	}
	var declared struct {
		Globals []declaredMember `json:"globals"`
		Core    []declaredMember `json:"core"`
	}
	if err := json.Unmarshal(out, &declared); err != nil {
		t.Fatal(err)
	}
	if len(declared.Globals) < 100 || len(declared.Core) < 15 {
		t.Fatalf("declared.cjs found %d globals and %d members of Core", len(declared.Globals), len(declared.Core))
	}

	// declared.ts: the list, and a reference to every declared global, which tsc checks.
	var refs strings.Builder
	for _, g := range declared.Globals {
		fmt.Fprintf(&refs, "  %q: () => %s,\n", g.Name, g.Name)
	}
	probe, err := os.ReadFile(filepath.Join("testdata", "types", "probe.ts"))
	if err != nil {
		t.Fatal(err)
	}
	dir := tsProject(t, map[string]string{
		"main.ts": string(probe),
		"declared.ts": "export interface Member { name: string; kind: \"class\" | \"function\" | \"object\" | \"constant\"; file?: string; static?: Member[]; proto?: Member[] }\n" +
			"export const declared: { globals: Member[]; core: Member[] } = " + string(out) + ";\n" +
			"export const refs: Record<string, () => unknown> = {\n" + refs.String() + "};\n",
	})
	if out, ok := tt.tsc(t, dir, "--skipLibCheck", "false"); !ok {
		t.Fatalf("the probe does not type-check:\n%s", out)
	}
	r := corets(t, "run", dir, "--call", "probe").ok(t)
	var got struct {
		Problems       []string `json:"problems"`
		Undeclared     []string `json:"undeclared"`
		CoreUndeclared []string `json:"coreUndeclared"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("probe's result: %v\n%s", err, r.stdout)
	}
	gaps := map[string]int{}
	for _, p := range got.Problems {
		if reason, ok := knownGap(p); ok {
			gaps[reason]++
			continue
		}
		t.Errorf("declared but not so at run time: %s", p)
	}
	for reason, n := range gaps {
		t.Logf("known gap (%d declarations): %s", n, reason)
	}
	for _, n := range got.Undeclared {
		if _, ok := undeclaredGlobals[n]; !ok {
			t.Errorf("global %s exists at run time but nothing declares it (declare it in internal/hostfns/core.d.ts, or list it in undeclaredGlobals with the reason)", n)
		}
	}
	for _, n := range got.CoreUndeclared {
		t.Errorf("core.%s exists at run time but interface Core does not declare it", n)
	}
	names := map[string]bool{}
	for _, g := range declared.Globals {
		names[g.Name] = true
	}
	var stale []string
	for n := range undeclaredGlobals {
		if names[n] {
			stale = append(stale, n)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("undeclaredGlobals lists names that are declared now: %v", stale)
	}
}

// knownGaps are declarations (of lib ES2023) the runtime does not keep,
// each with the reason; a gap that closes must leave this list.
var knownGaps = map[string]string{}

// knownGapPrefixes are known gaps by prefix: QuickJS leaves out the legacy
// RegExp statics (Annex B's RegExp.$1-$9, input, lastMatch, ...), which lib
// ES5 declares.
var knownGapPrefixes = []string{"RegExp.$", "RegExp.input:", "RegExp.lastMatch:", "RegExp.lastParen:", "RegExp.leftContext:", "RegExp.rightContext:"}

func knownGap(p string) (string, bool) {
	if r, ok := knownGaps[p]; ok {
		return r, true
	}
	for _, pre := range knownGapPrefixes {
		if strings.HasPrefix(p, pre) {
			return "legacy RegExp statics (Annex B) are not in QuickJS", true
		}
	}
	return "", false
}

// The README's TypeScript blocks and the example modules in testdata/
// type-check as a module made by init (strict, core.d.ts checked too).
func TestTypesExamples(t *testing.T) {
	t.Parallel()
	tt := needTSC(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Each block is a module file of its own.
	files := map[string]string{}
	var name string
	var block strings.Builder
	for i, line := range strings.Split(string(readme), "\n") {
		switch {
		case name == "" && (line == "```ts" || line == "```typescript"):
			name = fmt.Sprintf("readme_line%d.ts", i+1)
			block.Reset()
		case name != "" && strings.HasPrefix(line, "```"):
			files[name] = "/// <reference path=\"./core.d.ts\" />\n" + block.String()
			name = ""
		case name != "":
			block.WriteString(line + "\n")
		}
	}
	if len(files) == 0 {
		t.Fatal("the README has no ```ts block")
	}
	// One compilation for all of them (tsc's start is most of its time):
	// the README's blocks at the top, each example module in a directory.
	dir := tsProject(t, files)
	examples, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "main.ts"))
	if err != nil || len(examples) < 5 {
		t.Fatalf("testdata examples: %v %v", examples, err)
	}
	for _, main := range examples {
		src := filepath.Dir(main)
		if filepath.Base(src) == "hostile" {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, "testdata", filepath.Base(src)), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	if out, ok := tt.tsc(t, dir, "--skipLibCheck", "false"); !ok {
		t.Errorf("the README's TypeScript or testdata's examples do not type-check:\n%s", out)
	}
}

// core.module of a single file, as core.d.ts documents it: named after
// the file, no name, no version.
func TestTypesModuleInfoSingleFile(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"Hello World.ts": "export const info = () => core.module;\n",
		"---.ts":         "export const info = () => core.module.code;\n",
	})
	r := corets(t, "run", filepath.Join(dir, "Hello World.ts"), "--call", "info").ok(t)
	var info map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &info); err != nil || info["code"] != "hello-world" || info["name"] != "" || info["version"] != "" || len(info) != 3 {
		t.Errorf("core.module of Hello World.ts: %s (%v)", r.stdout, err)
	}
	if r := corets(t, "run", filepath.Join(dir, "---.ts"), "--call", "info").ok(t); strings.TrimSpace(r.stdout) != `"main"` {
		t.Errorf("core.module.code of ---.ts: %s", r.stdout)
	}
}
