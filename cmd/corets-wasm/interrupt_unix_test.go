//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryInterrupt sends the built command a SIGINT, as Ctrl-C does,
// while a call loops: the call stops and the command says so.
func TestBinaryInterrupt(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	f := filepath.Join(writeFiles(t, t.TempDir(), map[string]string{"spin.ts": `
export function spin() { console.log("spinning"); for (;;) {} }
`}), "spin.ts")
	cmd := exec.Command(bin, "run", f, "--call", "spin")
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// the call prints the line, then loops
	// (on stderr: stdout carries the result)
	line := make([]byte, len("spinning\n"))
	if _, err := io.ReadFull(stderrPipe, line); err != nil || string(line) != "spinning\n" {
		t.Fatalf("read %q: %v", line, err)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	io.Copy(&stderr, stderrPipe)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if got := strings.TrimSpace(stderr.String()); got != "corets-wasm: interrupted" {
		t.Errorf("stderr %q", got)
	}
}
