// Command corets-wasm runs TypeScript modules in WebAssembly sandboxes: it
// runs a module or a single .ts/.js file and calls its exports, writes a new
// module, checks, bundles, signs and verifies modules, and installs modules
// into an app root.
//
// Every command takes --help. Exit status: 0 on success, 1 when the command
// failed (one line on stderr saying why), 2 for a command line it does not
// understand, 130 when interrupted.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"text/tabwriter"
)

// The exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130 // as a shell reports a process ended by SIGINT
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		// After the first Ctrl-C the running call is stopping; a second
		// one gets the default behaviour and ends the process at once.
		<-ctx.Done()
		stop()
	}()
	code := runMain(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is one subcommand. setup defines its flags on fs and returns the
// function that runs it with the arguments left after the flags.
type command struct {
	name    string
	args    string // synopsis after the name, e.g. "PATH [flags]"
	summary string // one line for the command list
	help    string // what --help says after the synopsis
	setup   func(fs *flag.FlagSet) runFunc
}

type runFunc func(ctx context.Context, c *cli, args []string) error

// commands in the order the command list shows them.
var commands = []*command{
	runCommand,
	callCommand,
	initCommand,
	checkCommand,
	bundleCommand,
	installCommand,
	removeCommand,
	listCommand,
	statusCommand,
	keygenCommand,
	signCommand,
	verifyCommand,
	versionCommand,
}

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// cli is what a command may use of the process: its streams. stdout and
// stderr share a lock, so lines written from the modules' goroutines and
// from the command never interleave within a line.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// runMain runs the command line args (without the program name) and
// returns the exit status.
func runMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	mu := new(sync.Mutex)
	c := &cli{stdin: stdin, stdout: lockedWriter{mu, stdout}, stderr: lockedWriter{mu, stderr}}
	if len(args) == 0 {
		c.printCommands(c.stdout)
		return exitOK
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if cmd := findCommand(rest[0]); cmd != nil {
				fs := newFlagSet(cmd)
				cmd.setup(fs)
				printUsage(c.stdout, cmd, fs)
				return exitOK
			}
			fmt.Fprintf(c.stderr, "corets-wasm: unknown command %q\n", rest[0])
			c.printCommands(c.stderr)
			return exitUsage
		}
		c.printCommands(c.stdout)
		return exitOK
	case "-v", "-version", "--version":
		name = "version"
	}
	cmd := findCommand(name)
	if cmd == nil {
		fmt.Fprintf(c.stderr, "corets-wasm: unknown command %q\n", name)
		c.printCommands(c.stderr)
		return exitUsage
	}
	fs := newFlagSet(cmd)
	run := cmd.setup(fs)
	pos, err := parseFlags(fs, rest)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(c.stdout, cmd, fs)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "corets-wasm: %s: %v (see 'corets-wasm %s --help')\n", cmd.name, err, cmd.name)
		return exitUsage
	}
	err = run(ctx, c, pos)
	if err == nil {
		return exitOK
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "corets-wasm: %s: %s (see 'corets-wasm %s --help')\n", cmd.name, ue.msg, cmd.name)
		return exitUsage
	case ctx.Err() != nil:
		fmt.Fprintln(c.stderr, "corets-wasm: interrupted")
		return exitInterrupted
	}
	fmt.Fprintf(c.stderr, "corets-wasm: %s\n", errorText(err))
	return exitFailed
}

// usageError is a command line the command does not understand.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// wantArgs checks the number of arguments left after the flags.
func wantArgs(args []string, min, max int, names string) error {
	switch {
	case len(args) < min:
		return usagef("expected %s", names)
	case len(args) > max:
		return usagef("unexpected argument %q", args[max])
	}
	return nil
}

func (c *cli) printCommands(w io.Writer) {
	fmt.Fprint(w, `corets-wasm runs TypeScript modules in WebAssembly sandboxes.

Usage:
  corets-wasm <command> [flags] [arguments]

Commands:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, cmd := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", cmd.name, cmd.summary)
	}
	tw.Flush()
	fmt.Fprint(w, `
Run 'corets-wasm <command> --help' for a command's flags and arguments.
`)
}

func newFlagSet(cmd *command) *flag.FlagSet {
	fs := flag.NewFlagSet("corets-wasm "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported by runMain, usage by printUsage
	fs.Usage = func() {}
	return fs
}

// printUsage writes a command's --help: synopsis, text and flags, the
// flags shown with two dashes as the help texts use them.
func printUsage(w io.Writer, cmd *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: corets-wasm %s %s\n\n", cmd.name, cmd.args)
	fmt.Fprintln(w, strings.TrimSpace(cmd.help))
	var lines []string
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		s := "  --" + f.Name
		if arg != "" {
			s += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, s+"\n      "+strings.ReplaceAll(text, "\n", "\n      "))
	})
	if len(lines) > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s\n", strings.Join(lines, "\n"))
	}
	fmt.Fprintln(w, "  -h, --help\n      show this help")
}

// parseFlags parses the flags among args and returns the other arguments.
// Flags may come before or after the arguments (`run DIR --call hello`
// reads as well as `run --call hello DIR`); "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // Parse reports it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	// Parse stops at a lone "-" or at "--" given as a flag's missing value;
	// whatever it left is an argument.
	return append(pos, fs.Args()...), nil
}
