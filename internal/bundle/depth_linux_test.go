package bundle

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"
)

// TestBundleNestingCost bundles each shape at the deepest the scanner
// accepts, plain and minified, in a child process (a stack overflow cannot
// be recovered in-process), and logs esbuild's time per shape and the
// child's peak RSS. It asserts only that the child survived, bundled
// everything, and stayed under a generous memory bound (not under the race
// detector, which multiplies memory: a child measured 653 MB there).
func TestBundleNestingCost(t *testing.T) {
	if os.Getenv("CORETS_NESTING_CHILD") != "" {
		nestingChild()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBundleNestingCost$")
	cmd.Env = append(os.Environ(), "CORETS_NESTING_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child died: %v\n%s", err, out)
	}
	var costs []nestingCost
	for _, line := range bytes.Split(out, []byte("\n")) {
		var r nestingCost
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &r) != nil {
			continue
		}
		costs = append(costs, r)
		t.Logf("%-14s n=%-5d plain %6.1f ms  minified %6.1f ms  child peak RSS so far %4d MB", r.Shape, r.N, r.PlainMS, r.MinMS, r.RSSKB>>10)
		if r.Err != "" {
			t.Errorf("%s at the accepted maximum %d: %s", r.Shape, r.N, r.Err)
		}
		if r.RSSKB > 512<<10 && !raceEnabled {
			t.Errorf("%s: child peak RSS %d MB at the accepted maximum", r.Shape, r.RSSKB>>10)
		}
	}
	if len(costs) != len(nestingShapes) {
		t.Fatalf("child reported %d shapes of %d:\n%s", len(costs), len(nestingShapes), out)
	}
}

type nestingCost struct {
	Shape          string
	N              int
	PlainMS, MinMS float64
	RSSKB          int64
	Err            string
}

func nestingChild() {
	names := make([]string, 0, len(nestingShapes))
	for name := range nestingShapes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		gen := nestingShapes[name]
		r := nestingCost{Shape: name, N: acceptedMax(gen)}
		dir, _ := os.MkdirTemp("", "nesting")
		os.WriteFile(filepath.Join(dir, "main.ts"), []byte(gen(r.N)), 0o644)
		for _, minify := range []bool{false, true} {
			start := time.Now()
			_, err := Build(dir, Options{Minify: minify})
			ms := float64(time.Since(start).Microseconds()) / 1000
			if minify {
				r.MinMS = ms
			} else {
				r.PlainMS = ms
			}
			if err != nil && r.Err == "" {
				r.Err = err.Error()
			}
		}
		os.RemoveAll(dir)
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		r.RSSKB = ru.Maxrss
		b, _ := json.Marshal(r)
		os.Stdout.Write(append(append([]byte("\n"), b...), '\n'))
	}
}
