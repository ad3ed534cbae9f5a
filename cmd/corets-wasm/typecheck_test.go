package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// check runs the compiler it is given with the module's tsconfig, or the
// generated one, and reports its errors as FILE:LINE:COL.
func TestCheckTypesWithCompiler(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in compiler is a shell script")
	}
	dir := t.TempDir()
	argsFile := filepath.Join(dir, "args")
	tsc := filepath.Join(writeFiles(t, dir, map[string]string{"fake-tsc": `#!/bin/sh
echo "$@" > ` + argsFile + `
if [ -n "$FAIL" ] || grep -q wrong main.ts 2>/dev/null; then
  echo "main.ts(2,7): error TS2322: Type 'string' is not assignable to type 'number'."
  echo "  The expected type comes from here."
  echo "lib/x.ts(1,1): error TS1005: ';' expected."
  exit 2
fi
exit 0
`}), "fake-tsc")
	if err := os.Chmod(tsc, 0o755); err != nil {
		t.Fatal(err)
	}
	mod := writeFiles(t, filepath.Join(dir, "m"), map[string]string{
		".core/view.yml": "code: m\n",
		"main.ts":        "export const n = 1;\n",
		"tsconfig.json":  "{}",
	})
	r := corets(t, "check", "--tsc", tsc, mod).ok(t)
	if !strings.Contains(r.stderr, "note: types checked by "+tsc) {
		t.Errorf("stderr %q", r.stderr)
	}
	args, _ := os.ReadFile(argsFile)
	if want := "--noEmit --pretty false -p " + filepath.Join(mod, "tsconfig.json"); strings.TrimSpace(string(args)) != want {
		t.Errorf("tsc ran with %q, want %q", args, want)
	}
	os.WriteFile(filepath.Join(mod, "main.ts"), []byte("export const n = 1;\nconst wrong: number = 'x';\n"), 0o644)
	r = corets(t, "check", "--tsc", tsc, mod)
	want := "corets-wasm: " + filepath.Join(mod, "main.ts") + ":2:7: error TS2322: Type 'string' is not assignable to type 'number'.\n  The expected type comes from here.\n" +
		filepath.Join(mod, "lib", "x.ts") + ":1:1: error TS1005: ';' expected.\n"
	if r.code != exitFailed || r.stdout != "" || r.stderr != want {
		t.Errorf("exit %d\nstdout %q\nstderr %q\nwant   %q", r.code, r.stdout, r.stderr, want)
	}
	// without a tsconfig.json, the one init writes, with core.d.ts
	single := filepath.Join(writeFiles(t, dir, map[string]string{"s/one.ts": "export {};\n"}), "s", "one.ts")
	corets(t, "check", "--tsc", tsc, single).ok(t)
	args, _ = os.ReadFile(argsFile)
	if !strings.Contains(string(args), "corets-tsc-") {
		t.Errorf("single file: tsc ran with %q", args)
	}
	// --types off runs nothing; a named compiler that is not there fails
	os.Remove(argsFile)
	if r := corets(t, "check", "--types", "off", "--tsc", tsc, mod).ok(t); r.stderr != "" {
		t.Errorf("--types off: stderr %q", r.stderr)
	}
	if _, err := os.Stat(argsFile); err == nil {
		t.Error("--types off ran the compiler")
	}
	corets(t, "check", "--tsc", filepath.Join(dir, "absent-tsc"), mod).fails(t, exitFailed, "--tsc: ", "absent-tsc")
	corets(t, "check", "--types", "maybe", mod).fails(t, exitUsage, `--types "maybe"`)
}

// Without a compiler, check says types were not checked; the module's own
// tsc runs only when asked for.
func TestCheckTypesSkipped(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in compiler is a shell script")
	}
	bin := buildBinary(t)
	mod := writeFiles(t, filepath.Join(t.TempDir(), "m"), map[string]string{
		".core/view.yml":        "code: m\n",
		"main.ts":               "export const n = 1;\n",
		"node_modules/.bin/tsc": "#!/bin/sh\necho 'main.ts(1,1): error TS1: the module'\"'\"'s own tsc ran'\nexit 2\n",
	})
	os.Chmod(filepath.Join(mod, "node_modules/.bin/tsc"), 0o755)
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "PATH="+t.TempDir())
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	out, code := run("check", mod)
	if code != 0 || !strings.Contains(out, "note: types not checked: no tsc on PATH (the module has its own") || !strings.Contains(out, "--types module runs it") {
		t.Errorf("exit %d: %s", code, out)
	}
	out, code = run("check", "--types", "module", mod)
	if code != exitFailed || !strings.Contains(out, "the module's own tsc ran") {
		t.Errorf("--types module: exit %d: %s", code, out)
	}
}

// A real tsc, when there is one: the skeleton init writes type-checks.
func TestCheckTypesRealTSC(t *testing.T) {
	t.Parallel()
	tsc, err := exec.LookPath("tsc")
	if err != nil {
		t.Skip("no tsc on PATH")
	}
	dir := filepath.Join(t.TempDir(), "m")
	corets(t, "init", dir).ok(t)
	corets(t, "check", "--tsc", tsc, dir).ok(t)
	os.WriteFile(filepath.Join(dir, "extra.ts"), []byte("export const n: number = 'x';\n"), 0o644)
	corets(t, "check", "--tsc", tsc, dir).fails(t, exitFailed, "extra.ts:1:14: error TS2322")
}
