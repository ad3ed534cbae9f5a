package jsengine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/testutil"
)

// TestNodeParity runs each snippet of testdata/node in the engine and
// compares what it prints with what node printed for the same code
// (NAME.out, recorded by testdata/node/record.sh).
func TestNodeParity(t *testing.T) {
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
			var stdout strings.Builder
			in, _ := newInstance(t, InstanceConfig{Output: func(level, text string) {
				if level == "log" || level == "info" || level == "debug" {
					stdout.WriteString(text)
					stdout.WriteByte('\n')
				}
			}}, "")
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if _, err := in.Eval(ctx, string(src)); err != nil {
				t.Fatalf("%s.js: %v", name, err)
			}
			if err := in.Wait(ctx); err != nil {
				t.Fatalf("%s.js while waiting for timers: %v", name, err)
			}
			got := stdout.String()
			testutil.SameAsNode(t, name+".js", got, string(want))
		})
	}
}
