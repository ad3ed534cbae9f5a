//go:build linux

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Installing from git shows its steps on a terminal, and erases them; a
// pipe gets none of it.
func TestInstallProgressOnTerminal(t *testing.T) {
	t.Parallel()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	bin := buildBinary(t)
	repo := writeModule(t, filepath.Join(t.TempDir(), "repo"), "code: fromgit\n", "export const x = 1;\n")
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "."},
		{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "m"},
	} {
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	url := "file://" + filepath.ToSlash(repo)
	stdout, stderr, exit := runOnTerminal(t, bin, "install", "--root", t.TempDir(), url)
	if exit != 0 || !strings.HasPrefix(stdout, "installed fromgit from ") {
		t.Fatalf("exit %d\nstdout %q\nstderr %q", exit, stdout, stderr)
	}
	for _, want := range []string{"cloning " + url + "...", "checking " + url + "..."} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %q", want, stderr)
		}
	}
	// what is left on the line once done is blank
	if last := stderr[strings.LastIndex(stderr, "\r")+1:]; last != "" {
		t.Errorf("the progress line is not erased: %q", stderr)
	}
	if r := corets(t, "install", "--root", t.TempDir(), url).ok(t); r.stderr != "" {
		t.Errorf("a pipe got progress: %q", r.stderr)
	}
}
