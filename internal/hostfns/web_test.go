package hostfns_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
)

// TestNodeParityWeb runs each snippet of testdata/node (the web APIs
// core.js defines: Request, Response, bodies) in a module and compares what
// it prints with node's own output for the same file (NAME.out, recorded
// with `node NAME.js > NAME.out`). A snippet ends with
// `const done = main();`, which the module awaits.
func TestNodeParityWeb(t *testing.T) {
	outs, err := filepath.Glob("testdata/node/*.out")
	if err != nil || len(outs) == 0 {
		t.Fatalf("no recorded snippets: %v", err)
	}
	for _, outFile := range outs {
		name := strings.TrimSuffix(filepath.Base(outFile), ".out")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(strings.TrimSuffix(outFile, ".out") + ".js")
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(outFile)
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var stdout strings.Builder
			e := newEnv(t, hostfns.Config{})
			tm := e.module("code: web\n", func(c *jsengine.InstanceConfig) {
				c.Output = func(level, text string) {
					if level == "log" {
						mu.Lock()
						stdout.WriteString(text + "\n")
						mu.Unlock()
					}
				}
			})
			if _, err := tm.runCtx(context.Background(), string(src)+"\nawait done;"); err != nil {
				t.Fatalf("%s.js: %v", name, err)
			}
			mu.Lock()
			got := stdout.String()
			mu.Unlock()
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if gl[i] != wl[i] {
						t.Fatalf("%s.js differs from node at line %d:\n got: %q\nwant: %q", name, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%s.js printed %d lines, node %d", name, len(gl), len(wl))
			}
		})
	}
}
