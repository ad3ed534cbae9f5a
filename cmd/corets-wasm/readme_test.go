package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/testutil"
)

// readmeCommands returns every `go run ./cmd/corets-wasm ...` line of the
// README's sh blocks, split into arguments the way a POSIX shell splits
// these simple lines (single quotes only).
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds [][]string
	inSh := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
		case strings.HasPrefix(line, "```"):
			inSh = false
		case inSh && strings.HasPrefix(line, "go run ./cmd/corets-wasm "):
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			args, err := shellSplit(strings.TrimPrefix(line, "go run ./cmd/corets-wasm "))
			if err != nil {
				t.Fatalf("README line %q: %v", line, err)
			}
			cmds = append(cmds, args)
		}
	}
	return cmds
}

func shellSplit(s string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			cur.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ' || r == '\t':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, os.ErrInvalid
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args, nil
}

// copyTree copies the repository's testdata into dir, as a new user's
// checkout would have it.
func copyTree(t *testing.T, src, dst string) {
	testutil.CopyTree(t, dst, os.DirFS(src))
}

// TestREADMECommands runs every command the README shows, in order, from a
// clean temporary directory holding a copy of testdata/, and checks each
// succeeds (and that the first, the set-up command, prints its greeting).
func TestREADMECommands(t *testing.T) {
	// Not parallel: changes the working directory (process-wide).
	if runtime.GOOS == "windows" {
		t.Skip("the README's commands are for a POSIX shell")
	}
	cmds := readmeCommands(t)
	if len(cmds) < 5 {
		t.Fatalf("found only %d commands in the README", len(cmds))
	}
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "testdata"), filepath.Join(dir, "testdata"))
	t.Chdir(dir)
	for i, args := range cmds {
		if args[0] == "run" && len(args) > 1 && args[1] == "testdata/run" {
			if _, err := exec.LookPath("echo"); err != nil {
				continue
			}
		}
		var out, errOut bytes.Buffer
		code := runMain(context.Background(), args, strings.NewReader(""), &out, &errOut)
		if code != 0 {
			t.Fatalf("corets-wasm %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errOut.String())
		}
		if i == 0 && !strings.Contains(out.String(), `"greeting": "hi ada"`) {
			t.Fatalf("the set-up command printed:\n%s", out.String())
		}
	}
}
