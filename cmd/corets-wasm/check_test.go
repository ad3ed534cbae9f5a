package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mod := writeFiles(t, filepath.Join(dir, "calc"), map[string]string{
		".core/view.yml": "code: calc\nversion: \"2.1\"\n",
		"main.ts":        `import { twice } from "./lib/math"; export const f = (n: number) => twice(n);`,
		"lib/math.ts":    `export function twice(n: number) { return 2 * n; }`,
	})
	r := corets(t, "check", mod).ok(t)
	if !strings.HasPrefix(r.stdout, "ok: calc 2.1 (2 inputs, ") || !strings.HasSuffix(r.stdout, " B)\n") && !strings.HasSuffix(r.stdout, "KiB)\n") {
		t.Errorf("stdout %q", r.stdout)
	}
	f := filepath.Join(writeFiles(t, dir, map[string]string{"tool.ts": "export const x = 1;"}), "tool.ts")
	if r := corets(t, "check", f).ok(t); !strings.HasPrefix(r.stdout, "ok: tool (1 input, ") {
		t.Errorf("single file: stdout %q", r.stdout)
	}

	bad := writeModule(t, filepath.Join(dir, "bad"), "code: bad\n", `import { readFileSync } from "fs";`+"\nexport const read = readFileSync;\n")
	r = corets(t, "check", bad)
	if r.code != exitBuild || !strings.Contains(r.stderr, "bad/main.ts:1:") || r.stdout != "" {
		t.Errorf("exit %d\nstdout %q\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	corets(t, "check", writeModule(t, filepath.Join(dir, "nocode"), "name: x\n", "export {};")).fails(t, exitConfig, "code")
	corets(t, "check", filepath.Join(dir, "absent")).fails(t, exitNotFound, "absent")
}

func TestHumanSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 20: "5.0 MiB"} {
		if got := humanSize(n); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCheckWasm(t *testing.T) {
	t.Parallel()
	r := corets(t, "check", filepath.Join("..", "..", "testdata", "wasm", "plugin"))
	if r.code != 0 || !strings.HasPrefix(r.stdout, "ok: wasm-plugin 1.0 (wasm, ") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
