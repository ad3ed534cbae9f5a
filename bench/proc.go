package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// A whole-process figure: warm-up runs, then the median wall time of n runs
// of the same command, each of which must print the same output.

// procTimeout bounds one process of a figure, so that a hung peer ends the
// row with an error instead of the run.
const procTimeout = 5 * time.Minute

type procSpec struct {
	path string
	args []string
	dir  string
	env  []string // added to the harness's environment
}

// procMedian runs spec warm times untimed, then n times timed, and returns
// the median and the (trimmed) standard output, which must not change from
// run to run.
func procMedian(spec procSpec, warm, n int) (time.Duration, string, error) {
	var first string
	var ds []time.Duration
	for i := -warm; i < n; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
		cmd := exec.CommandContext(ctx, spec.path, spec.args...)
		cmd.Dir = spec.dir
		cmd.Env = append(os.Environ(), spec.env...)
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		start := time.Now()
		err := cmd.Run()
		d := time.Since(start)
		cancel()
		if err != nil {
			return 0, "", fmt.Errorf("%s: %v: %s", filepath.Base(spec.path), err, firstLine(errb.String()+out.String()))
		}
		got := strings.TrimSpace(out.String())
		if i == -warm {
			first = got
		} else if got != first {
			return 0, "", fmt.Errorf("%s printed %q, then %q", filepath.Base(spec.path), first, got)
		}
		if i >= 0 {
			ds = append(ds, d)
		}
	}
	return median(ds), first, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// buildCLI builds cmd/corets-wasm from the main module into dir.
func buildCLI(dir string) (string, error) {
	bin := filepath.Join(dir, "corets-wasm")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/corets-wasm")
	cmd.Dir = filepath.Dir(benchDir())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/corets-wasm: %v: %s", err, firstLine(out.String()))
	}
	return bin, nil
}
