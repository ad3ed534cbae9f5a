package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Every command and every flag of it is in every shell's script: the
// scripts are made from the command table, so they cannot drift.
func TestCompletionCoversEveryCommand(t *testing.T) {
	t.Parallel()
	for _, shell := range completionShells {
		script := corets(t, "completion", shell).ok(t).stdout
		for _, cmd := range commands {
			if !strings.Contains(script, cmd.name) {
				t.Errorf("%s: no %s", shell, cmd.name)
			}
			for _, f := range completionTable() {
				if f.name != cmd.name {
					continue
				}
				for _, fl := range f.flags {
					want := "--" + fl.name
					if shell == "fish" {
						want = "-l " + fl.name
					}
					if !strings.Contains(script, want) {
						t.Errorf("%s: %s lacks %s", shell, cmd.name, want)
					}
				}
			}
		}
	}
	corets(t, "completion", "tcsh").fails(t, exitUsage, `unknown shell "tcsh"`, "bash, zsh, fish, powershell")
	corets(t, "completion").fails(t, exitUsage, "expected a shell")
}

// The bash script completes as bash runs it; the others are checked for
// syntax by their shell when it is installed.
func TestCompletionScriptsRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, sh := range []struct{ shell, exe string }{{"bash", "bash"}, {"zsh", "zsh"}, {"fish", "fish"}, {"powershell", "pwsh"}} {
		exe, err := exec.LookPath(sh.exe)
		if err != nil {
			t.Logf("%s not installed: its script is not run", sh.exe)
			continue
		}
		f := filepath.Join(dir, sh.shell)
		if err := os.WriteFile(f, []byte(corets(t, "completion", sh.shell).ok(t).stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		var cmd *exec.Cmd
		switch sh.shell {
		case "bash":
			cmd = exec.Command(exe, "--norc", "--noprofile", "-c", `source "$1"
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _corets_wasm; echo "${COMPREPLY[*]}"; }
complete_words corets-wasm ru
complete_words corets-wasm run --allow-r
complete_words corets-wasm completion f
complete_words corets-wasm help vers
complete_words corets-wasm check x`, "bash", f)
		case "zsh", "fish":
			cmd = exec.Command(exe, "-n", f)
		case "powershell":
			cmd = exec.Command(exe, "-NoProfile", "-NonInteractive", "-Command", ". '"+f+"'")
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", sh.shell, err, out)
			continue
		}
		if sh.shell == "bash" {
			if got, want := string(out), "run\n--allow-read --allow-run\nfish\nversion\n\n"; got != want {
				t.Errorf("bash completes:\n%q\nwant\n%q", got, want)
			}
		}
	}
}
