package modules

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The README's complete embedding program (its ```go block that starts
// with "package main") compiles against this module and prints what the
// README's reader expects. It is built with go run and an overlay, so
// nothing is written into the repository.
func TestREADMEProgram(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("builds with the go command, which the Windows test binaries run without")
	}
	if testing.Short() {
		t.Skip("builds a program: not in -short")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command")
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The program, and the ```text block after it: what it prints.
	var prog, want, cur strings.Builder
	fence := ""
	for _, line := range strings.Split(string(readme), "\n") {
		switch {
		case fence == "" && (line == "```go" || line == "```text"):
			fence = line
			cur.Reset()
		case fence != "" && line == "```":
			switch {
			case fence == "```go" && strings.HasPrefix(cur.String(), "package main\n"):
				prog.WriteString(cur.String())
			case fence == "```text" && prog.Len() > 0 && want.Len() == 0:
				want.WriteString(cur.String())
			}
			fence = ""
		case fence != "":
			cur.WriteString(line + "\n")
		}
	}
	if prog.Len() == 0 || want.Len() == 0 {
		t.Fatal("the README has no ```go block starting with package main followed by a ```text block of its output")
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "main.go")
	if err := os.WriteFile(src, []byte(prog.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	virtual := filepath.Join(wd, "testdata", "readmeprogram", "main.go")
	overlay, _ := json.Marshal(map[string]any{"Replace": map[string]string{virtual: src}})
	ov := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ov, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goBin, "run", "-overlay", ov, "./testdata/readmeprogram")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's program: %v\n%s", err, out)
	}
	if string(out) != want.String() {
		t.Errorf("the README's program printed:\n%s\nthe README says:\n%s", out, want.String())
	}
}
