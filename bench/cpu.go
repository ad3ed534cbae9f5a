package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/evanw/esbuild/pkg/api"
)

// CPU-heavy pure JavaScript: the interpreter itself, on work that real
// modules do (key derivation, compression). Every engine runs the same
// scripts; in-process engines are timed from Go around one evaluation,
// node from inside its process with performance.now().

//go:embed testdata/cpu.js
var cpuJS string

//go:embed testdata/pako.js
var pakoEntryJS string

// cpuTask is one CPU-heavy figure: setup defines what expr calls; want is
// the result every engine must give (from node's crypto for pbkdf2 and
// scrypt; for pako, whatever the first engine gave).
type cpuTask struct {
	figure string
	setup  string // script evaluated once per instance
	expr   string
	want   string
}

func cpuTasks(o options, pakoScript string) []cpuTask {
	iters, n := 1000, 1024
	kib := 1024
	if o.quick {
		iters, n, kib = 100, 128, 128
	}
	tasks := []cpuTask{
		{fmt.Sprintf("pbkdf2-sha256, %d iterations, 32 bytes (pure JS)", iters), cpuJS,
			fmt.Sprintf("cpuBench.pbkdf2(%d)", iters), ""},
		{fmt.Sprintf("scrypt N=%d r=8 p=1, 64 bytes (pure JS)", n), cpuJS,
			fmt.Sprintf("cpuBench.scrypt(%d)", n), ""},
	}
	if pakoScript != "" {
		tasks = append(tasks, cpuTask{fmt.Sprintf("pako gzip of %d KiB of text (npm pako, level 6)", kib),
			pakoScript + fmt.Sprintf("\npakoBench.prep(%d);", kib), "pakoBench.gzip()", ""})
	}
	return tasks
}

// bundlePako bundles testdata/pako.js with the npm-installed pako into a
// script that every engine can evaluate.
func bundlePako(npm string) (string, error) {
	res := api.Build(api.BuildOptions{
		Stdin:         &api.StdinOptions{Contents: pakoEntryJS, ResolveDir: npm, Sourcefile: "pako-bench.js"},
		Bundle:        true,
		Write:         false,
		Format:        api.FormatIIFE,
		Platform:      api.PlatformNeutral,
		MainFields:    []string{"module", "main"},
		Target:        api.ES2017,
		AbsWorkingDir: npm,
		LogLevel:      api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return "", fmt.Errorf("esbuild: %s", res.Errors[0].Text)
	}
	return string(res.OutputFiles[0].Contents), nil
}

// cpuResult is one task in one engine.
type cpuResult struct {
	d   time.Duration
	err error
}

// runCPUTasks times each task in one fresh script instance per task, warm
// times untimed then runs times.
func runCPUTasks(name string, mk func() (scriptVM, error), tasks []cpuTask, warm, runs int) []cpuResult {
	out := make([]cpuResult, len(tasks))
	for i, t := range tasks {
		progress("%s: %s ...", name, t.figure)
		out[i].err = func() error {
			s, err := mk()
			if err != nil {
				return err
			}
			defer s.close()
			if _, err := s.eval(t.setup); err != nil {
				return fmt.Errorf("setup: %w", err)
			}
			d, _, err := timeEval(s, t.expr, t.want, warm, runs)
			out[i].d = d
			return err
		}()
	}
	return out
}

// nodeCPU runs the tasks in one node process and also returns each task's
// result, which becomes the other engines' expected value.
func nodeCPU(node string, tasks []cpuTask, warm, runs int) ([]cpuResult, []string, error) {
	dir, err := os.MkdirTemp("", "corets-bench-node-cpu-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	var b strings.Builder
	b.WriteString("const results = [];\n")
	for _, t := range tasks {
		// each task in its own function scope, as a fresh instance elsewhere
		fmt.Fprintf(&b, "(0, eval)(%s);\nresults.push((() => {\n", jsString(t.setup))
		fmt.Fprintf(&b, "  let ds = [], r;\n  for (let i = -%d; i < %d; i++) { const t = performance.now(); r = String(%s); if (i >= 0) ds.push(performance.now() - t); }\n", warm, runs, t.expr)
		b.WriteString("  ds.sort((a, b) => a - b); return { ms: ds[ds.length >> 1], r };\n})());\n")
	}
	b.WriteString("console.log(JSON.stringify(results));\n")
	script := filepath.Join(dir, "cpu.js")
	if err := os.WriteFile(script, []byte(b.String()), 0o644); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), procTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, script).Output()
	if err != nil {
		return nil, nil, fmt.Errorf("node: %v", err)
	}
	var rs []struct {
		MS float64 `json:"ms"`
		R  string  `json:"r"`
	}
	if err := json.Unmarshal(out, &rs); err != nil || len(rs) != len(tasks) {
		return nil, nil, fmt.Errorf("node printed %q", firstLine(string(out)))
	}
	res := make([]cpuResult, len(rs))
	wants := make([]string, len(rs))
	for i, r := range rs {
		res[i].d = time.Duration(r.MS * float64(time.Millisecond))
		wants[i] = r.R
	}
	return res, wants, nil
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
