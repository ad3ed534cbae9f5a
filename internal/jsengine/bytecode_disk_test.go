package jsengine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadAndCall loads code as main.js in a new instance of e and calls v.
func loadAndCall(t *testing.T, e *Engine, code string) string {
	t.Helper()
	in, err := e.NewInstance(context.Background(), InstanceConfig{Name: "bc"})
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := in.Load(context.Background(), Bundle{Name: "main.js", Code: code}); err != nil {
		t.Fatal(err)
	}
	res, err := in.Call(context.Background(), "v", nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(res.Value)
}

func bytecodeFile(e *Engine, name, src string) string {
	return filepath.Join(e.bytecodeDisk.dir, bytecodeRecord(scriptDigest(name, src)))
}

// A new engine on the same directory runs a bundle from the bytecode the
// first one compiled; a record that was tampered with is refused, removed
// and compiled again, and the right code runs.
func TestBytecodeOnDisk(t *testing.T) {
	dir := t.TempDir()
	codeA := `var __corets_exports = { v: () => "A" }`
	codeB := `var __corets_exports = { v: () => "B" }`
	first, _ := diskEngine(t, dir)
	if got := loadAndCall(t, first, codeA); got != `"A"` {
		t.Fatalf("A returned %s", got)
	}
	loadAndCall(t, first, codeB)
	fileA, fileB := bytecodeFile(first, "main.js", codeA), bytecodeFile(first, "main.js", codeB)

	// compiles counts scripts compiled; the prelude is not, as the engine
	// starts from its snapshot
	fresh := func(t *testing.T) (*Engine, *logBuffer) {
		e, logs := diskEngine(t, dir)
		if !e.restored {
			t.Fatalf("no snapshot; log: %s", logs)
		}
		return e, logs
	}
	e, _ := fresh(t)
	if got := loadAndCall(t, e, codeA); got != `"A"` || e.compiles.Load() != 0 {
		t.Fatalf("from disk: %s after %d compiles, want \"A\" after 0", got, e.compiles.Load())
	}

	cases := []struct {
		name   string
		tamper func(t *testing.T)
	}{
		{"flipped byte", func(t *testing.T) {
			b, _ := os.ReadFile(fileA)
			b[len(b)/2] ^= 1
			os.WriteFile(fileA, b, 0o600)
		}},
		{"truncated", func(t *testing.T) {
			b, _ := os.ReadFile(fileA)
			os.WriteFile(fileA, b[:len(b)-1], 0o600)
		}},
		{"another script's record", func(t *testing.T) {
			b, _ := os.ReadFile(fileB)
			os.WriteFile(fileA, b, 0o600)
		}},
		{"sealed for this script, holding another", func(t *testing.T) {
			// only the engine can seal: this is what a bug in it would write
			b, _ := os.ReadFile(fileB)
			first.bytecodeDisk.write(filepath.Base(fileA), b[:len(b)-sealSize])
		}},
		{"sealed with another directory's key", func(t *testing.T) {
			other, _ := diskEngine(t, t.TempDir())
			loadAndCall(t, other, codeA)
			b, err := os.ReadFile(bytecodeFile(other, "main.js", codeA))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(fileA, b, 0o600)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.tamper(t)
			e, logs := fresh(t)
			if got := loadAndCall(t, e, codeA); got != `"A"` {
				t.Errorf("A returned %s", got)
			}
			if n := e.compiles.Load(); n != 1 {
				t.Errorf("%d compiles, want 1", n)
			}
			if !strings.Contains(logs.String(), "failed verification") {
				t.Errorf("the refusal was not logged: %s", logs)
			}
			// made again: the next engine does not compile
			next, _ := fresh(t)
			if got := loadAndCall(t, next, codeA); got != `"A"` || next.compiles.Load() != 0 {
				t.Errorf("after the rewrite: %s after %d compiles", got, next.compiles.Load())
			}
		})
	}
}
