package caps

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrograms(t *testing.T) {
	t.Parallel()
	bin := t.TempDir()
	abs := filepath.Join(bin, "tool")
	os.WriteFile(abs, []byte("#!/bin/sh\n"), 0o755)
	var asked []string
	lookPath := func(name string) (string, error) {
		asked = append(asked, name)
		switch name {
		case "ffmpeg":
			return filepath.Join(bin, "ffmpeg"), nil
		case "git":
			return filepath.Join(bin, "git"), nil
		case "dotted":
			// What exec.LookPath reports for a match relative to the
			// working directory ("." or an empty entry in PATH).
			return "./dotted", exec.ErrDot
		case "relative":
			return filepath.Join("bin", "relative"), nil
		}
		return "", exec.ErrNotFound
	}
	p, err := NewPrograms([]string{"ffmpeg", "git", "missing", "dotted", "relative", abs, "git"}, lookPath)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(p.Names(), " "), strings.Join([]string{abs, "dotted", "ffmpeg", "git", "missing", "relative"}, " "); got != want {
		t.Errorf("Names() = %s", got)
	}
	good := map[string]string{"ffmpeg": filepath.Join(bin, "ffmpeg"), "git": filepath.Join(bin, "git"), abs: abs}
	for name, want := range good {
		if got, err := p.Resolve(name); err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, name := range []string{"missing", "dotted", "relative"} {
		_, err := p.Resolve(name)
		if err == nil || errors.Is(err, ErrDenied) || !errors.Is(err, ErrProgramNotFound) || !errors.Is(err, exec.ErrNotFound) {
			t.Errorf("Resolve(%q) = %v; want not found", name, err)
		}
		if want := `program "` + name + `" is granted but was not found on PATH`; err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	}
	for _, name := range []string{"", "sh", "FFMPEG", "ffmpeg ", " ffmpeg", "ffmpeg\x00", "./ffmpeg", "bin/ffmpeg",
		filepath.Join(bin, "ffmpeg"), "git;rm -rf /", "$(git)", "tool"} {
		_, err := p.Resolve(name)
		var denied *DeniedError
		if !errors.As(err, &denied) || denied.Capability != "run" || denied.Value != name {
			t.Errorf("Resolve(%q) = %v; want a run refusal", name, err)
		}
	}
	_, err = p.Resolve("sh")
	if want := `run "sh" is not granted (add it to permissions.run in .core/view.yml)`; err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}

	empty, err := NewPrograms(nil, lookPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := empty.Resolve("git"); !errors.Is(err, ErrDenied) || len(empty.Names()) != 0 {
		t.Errorf("empty grants: %v", err)
	}
	var none *Programs
	if _, err := none.Resolve("git"); !errors.Is(err, ErrDenied) {
		t.Errorf("nil Programs: %v", err)
	}
}

func TestProgramGrantErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lookPath := func(string) (string, error) { t.Error("looked up a bad grant"); return "", exec.ErrNotFound }
	bad := []string{
		"", "bin/ffmpeg", "./ffmpeg", "../ffmpeg", `bin\ffmpeg`, "ffmpeg;rm", "ffmpeg && rm", "$(id)", "`id`",
		"ffmpeg|sh", "ff mpeg", "ffmpeg\n", "ffmpeg\x00", "-rf", ".hidden", "..", "a*", "a?", "a>b", "~user", "ffm'peg",
		"C:ffmpeg", strings.Repeat("a", 256),
		filepath.Join(dir, "missing"), // absolute but absent
		dir,                           // absolute but a directory
	}
	for _, g := range bad {
		_, err := NewPrograms([]string{"git", g}, lookPath)
		if err == nil || !strings.HasPrefix(err.Error(), "permissions.run[1] ") {
			t.Errorf("NewPrograms(%q) = %v", g, err)
		}
	}
}

// A file named like the program in the working directory is not picked,
// even with "." in PATH.
func TestProgramsIgnoreWorkingDirectory(t *testing.T) {
	// Not parallel: changes the working directory and PATH (process-wide).
	dir := t.TempDir()
	name := "corets-caps-test-prog"
	for _, n := range []string{name, name + ".exe", name + ".bat"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\necho pwned\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	t.Setenv("PATH", "."+string(os.PathListSeparator)+os.Getenv("PATH"))
	p, err := NewPrograms([]string{name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := p.Resolve(name); err == nil {
		t.Errorf("Resolve picked %q from the working directory", got)
	}
}
