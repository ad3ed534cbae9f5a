package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// cacheEnv is the environment that chose the user's cache directory
// before TestMain replaced it, for the go command to find its build cache.
var cacheEnv []string

func TestMain(m *testing.M) {
	// Bundles and compiled wasm are cached in the user's cache directory;
	// the tests keep theirs to themselves.
	cache, err := os.MkdirTemp("", "corets-wasm-test-cache")
	if err != nil {
		panic(err)
	}
	for _, k := range []string{"XDG_CACHE_HOME", "LocalAppData"} {
		if v, ok := os.LookupEnv(k); ok {
			cacheEnv = append(cacheEnv, k+"="+v)
		}
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	os.Setenv("LocalAppData", cache)
	// the user's own store is not the tests'
	os.Unsetenv(envStore)
	os.Unsetenv(envStorePassword)
	code := m.Run()
	os.RemoveAll(cache)
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// result is what a command line did.
type result struct {
	code           int
	stdout, stderr string
}

// corets runs a command line in-process.
func corets(t *testing.T, args ...string) result {
	t.Helper()
	return coretsCtx(t, context.Background(), "", args...)
}

func coretsCtx(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := runMain(ctx, args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// ok fails the test unless the command succeeded.
func (r result) ok(t *testing.T) result {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	return r
}

// fails checks a failure reported as one line on stderr holding each of
// want, and returns that line.
func (r result) fails(t *testing.T, code int, want ...string) string {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	line := strings.TrimSuffix(r.stderr, "\n")
	if strings.Contains(line, "\n") || !strings.HasPrefix(line, "corets-wasm: ") {
		t.Fatalf("stderr is not one line starting with %q:\n%s", "corets-wasm: ", r.stderr)
	}
	for _, w := range want {
		if !strings.Contains(line, w) {
			t.Errorf("stderr %q does not say %q", line, w)
		}
	}
	return line
}

// writeFiles writes files (slash paths relative to dir) and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	return testutil.WriteTree(t, dir, files)
}

// writeModule writes a module directory with a manifest and main.ts.
func writeModule(t *testing.T, dir, manifest, main string) string {
	t.Helper()
	return writeFiles(t, dir, map[string]string{".core/view.yml": manifest, "main.ts": main})
}

func TestCommandList(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{nil, {"help"}, {"--help"}, {"-h"}} {
		r := corets(t, args...).ok(t)
		for _, cmd := range commands {
			if !strings.Contains(r.stdout, "  "+cmd.name+" ") {
				t.Errorf("%q: the command list lacks %s:\n%s", args, cmd.name, r.stdout)
			}
		}
		if r.stderr != "" {
			t.Errorf("%q: stderr: %s", args, r.stderr)
		}
	}
}

func TestHelpOfEveryCommand(t *testing.T) {
	t.Parallel()
	for _, cmd := range commands {
		for _, args := range [][]string{{cmd.name, "--help"}, {cmd.name, "-h"}, {"help", cmd.name}} {
			r := corets(t, args...).ok(t)
			if !strings.HasPrefix(r.stdout, "Usage: corets-wasm "+cmd.name) || !strings.Contains(r.stdout, "--help") {
				t.Errorf("%q: usage reads:\n%s", args, r.stdout)
			}
			if r.stderr != "" {
				t.Errorf("%q: stderr: %s", args, r.stderr)
			}
		}
	}
	// flags are shown with two dashes and their defaults
	r := corets(t, "run", "--help").ok(t)
	for _, want := range []string{"--call NAME", "--memory SIZE", "(default 64MiB)", "--timeout DURATION", "(default 30s)", "--root DIR"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("run --help lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	r := corets(t, "frobnicate")
	if r.code != exitUsage || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	if !strings.HasPrefix(r.stderr, `corets-wasm: unknown command "frobnicate"`+"\n") || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = corets(t, "help", "frobnicate")
	if r.code != exitUsage {
		t.Errorf("help frobnicate: exit %d", r.code)
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run"}, "run: expected PATH"},
		{[]string{"run", "a", "b"}, `run: unexpected argument "b"`},
		{[]string{"run", "--bogus", "x.ts"}, "run: flag provided but not defined: --bogus"},
		{[]string{"run", "x.ts", "--call"}, "flag needs an argument: --call"},
		{[]string{"run", "--memory", "1MiB", "x.ts"}, `invalid value "1MiB" for flag --memory: 1MiB is not between 4MiB and 4GiB`},
		{[]string{"run", "--memory", "lots", "x.ts"}, "--memory"},
		{[]string{"run", "--fuel", "-1", "x.ts"}, "--fuel must be more than 0"},
		{[]string{"run", "--fuel", "0", "x.ts"}, "--fuel must be more than 0"},
		{[]string{"run", "--timeout", "soon", "x.ts"}, "--timeout"},
		{[]string{"run", "--timeout", "0s", "x.ts"}, "--timeout must be more than 0"},
		{[]string{"call", "--timeout", "48h", "a", "b"}, "--timeout must be more than 0 and at most 24h0m0s"},
		{[]string{"run", "--input", "{}", "x.ts"}, "--input needs --call"},
		{[]string{"run", "--call", "f", "--input", "{nope", "x.ts"}, "the input is not valid JSON"},
		{[]string{"call", "hello"}, "call: expected CODE and NAME"},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
	} {
		line := corets(t, tc.args...).fails(t, exitUsage, tc.want)
		if !strings.HasSuffix(line, "--help')") {
			t.Errorf("%q: %q does not point at --help", tc.args, line)
		}
	}
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args          []string
		pos           []string
		call, input   string
		yes           bool
		wantErr       bool
		wantErrString string
	}{
		{args: []string{"dir"}, pos: []string{"dir"}},
		{args: []string{"--call", "f", "dir"}, pos: []string{"dir"}, call: "f"},
		{args: []string{"dir", "--call", "f", "--input", `{"a":1}`}, pos: []string{"dir"}, call: "f", input: `{"a":1}`},
		{args: []string{"-call=f", "dir", "--yes", "more"}, pos: []string{"dir", "more"}, call: "f", yes: true},
		{args: []string{"--input", "-5", "dir"}, pos: []string{"dir"}, input: "-5"},
		{args: []string{"dir", "--", "--call", "-"}, pos: []string{"dir", "--call", "-"}},
		{args: []string{"-", "dir"}, pos: []string{"-", "dir"}},
		{args: []string{"--yes=false", "dir"}, pos: []string{"dir"}},
		{args: []string{"--nope", "dir"}, wantErr: true},
		{args: []string{"dir", "--input"}, wantErr: true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		call := fs.String("call", "", "")
		input := fs.String("input", "", "")
		yes := fs.Bool("yes", false, "")
		pos, err := parseFlags(fs, tc.args)
		if (err != nil) != tc.wantErr {
			t.Errorf("%q: err %v", tc.args, err)
			continue
		}
		if err != nil {
			continue
		}
		if !reflect.DeepEqual(pos, tc.pos) || *call != tc.call || *input != tc.input || *yes != tc.yes {
			t.Errorf("%q: pos %q call %q input %q yes %v", tc.args, pos, *call, *input, *yes)
		}
	}
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// buildBinary builds the command once for the tests that run it as a user
// would, with its version set by -ldflags.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	binOnce.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
		}
		dir, err := os.MkdirTemp("", "corets-wasm-bin")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "corets-wasm")
		if runtime.GOOS == "windows" {
			binPath += ".exe"
		}
		build := exec.Command(goTool, "build", "-ldflags", "-X main.version=1.2.3-test", "-o", binPath, ".")
		build.Env = append(os.Environ(), cacheEnv...)
		if len(cacheEnv) == 0 {
			build.Env = append(build.Env, "XDG_CACHE_HOME=") // back to $HOME/.cache
		}
		if out, err := build.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// TestBinary runs the built command once.
func TestBinary(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "corets-wasm 1.2.3-test\n") || !strings.Contains(string(out), "QuickJS 2025-04-26") {
		t.Fatalf("version: %v\n%s", err, out)
	}

	dir := writeFiles(t, t.TempDir(), map[string]string{"greet.ts": `
console.log("loaded");
export function greet(who: string) { console.error("greeting " + who); return { hi: who }; }
`})
	cmd := exec.Command(bin, "run", filepath.Join(dir, "greet.ts"), "--call", "greet", "--input", `"ada"`)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	if got, want := stdout.String(), "{\n  \"hi\": \"ada\"\n}\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	if got := stderr.String(); got != "loaded\ngreeting ada\n" {
		t.Errorf("stderr %q", got)
	}

	cmd = exec.Command(bin, "run", "--call", "nope", filepath.Join(dir, "missing.ts"))
	stderr.Reset()
	cmd.Stderr = &stderr
	if err := cmd.Run(); cmd.ProcessState.ExitCode() != exitNotFound {
		t.Errorf("a missing file: %v, stderr %q", err, stderr.String())
	}
}
