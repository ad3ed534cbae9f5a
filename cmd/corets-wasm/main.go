// Command corets-wasm runs TypeScript modules in WebAssembly sandboxes: it
// runs a module or a single .ts/.js file and calls its exports, writes a new
// module, checks, bundles, signs and verifies modules, and installs modules
// into an app root.
//
// Every command takes --help. Exit status: 0 on success, and one number per
// kind of failure (exitKinds in exitcode.go: 2 for a command line it does
// not understand, 7 for an uncaught exception, 8 for fuel...; 1 for any
// other), with one line on stderr saying why.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
	"github.com/corets/corets-wasm/modules/wasmplugin"
)

// The exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1
	exitUsage       = 2
	exitInterrupted = 130 // as a shell reports a process ended by SIGINT
)

func main() {
	startGC()
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

// startGC lets Go's heap grow to five times what is live before it
// collects, instead of twice (GOGC=100), unless GOGC says otherwise. A
// command is short-lived and its start allocates a few large buffers
// (compiled code, the engine's snapshot, esbuild's output) with little live
// in between: at the default it collected twice during `run hello.ts` alone.
// The guests' memory is wasm linear memory outside Go's heap, so this bounds
// only the host's own garbage.
func startGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
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
	completionCommand,
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
	// stdoutTTY and stderrTTY say the stream is a terminal: what is
	// written to it is escaped (terminalWriter) and module lines cannot
	// pass for the command's own (unforged).
	stdoutTTY, stderrTTY bool
	// json: errors are also printed as a JSON object on stdout (--json).
	json bool
	// console routes the modules' console lines of run and call.
	console console
	// result is a call's result held for --json until the module is idle.
	result json.RawMessage
	// outPaint and errPaint write the command's marked lines, coloured
	// on a terminal (color.go)
	outPaint, errPaint painter
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
	c := &cli{stdin: stdin, stdoutTTY: isTerminal(stdout), stderrTTY: isTerminal(stderr)}
	rawOut, rawErr := lockedWriter{mu, stdout}, lockedWriter{mu, stderr}
	if c.stdoutTTY {
		stdout = terminalWriter{stdout}
	}
	if c.stderrTTY {
		stderr = terminalWriter{stderr}
	}
	c.stdout, c.stderr = lockedWriter{mu, stdout}, lockedWriter{mu, stderr}
	c.setPainters(rawOut, rawErr)
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
		fmt.Fprintf(c.stderr, "corets-wasm: unknown command %q%s\n", name, didYouMean(name, commandNames()))
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
		// The flag package names flags with one dash; the help uses two.
		msg := flagName.ReplaceAllString(err.Error(), "$1 --$2") + flagSuggestion(fs, err)
		if wantsJSON(fs, rest) {
			writeJSONError(c.stdout, kindNamed("usage"), errors.New(msg), nil)
		}
		fmt.Fprintf(c.stderr, "corets-wasm: %s: %s (see 'corets-wasm %s --help')\n", cmd.name, msg, cmd.name)
		return exitUsage
	}
	if f := fs.Lookup("json"); f != nil && f.Value.String() == "true" {
		c.json = true
	}
	err = run(ctx, c, pos)
	if err == nil {
		return exitOK
	}
	kind := exitKindOf(ctx, err)
	if c.json && !shownInJSON(err) {
		writeJSONError(c.stdout, kind, err, c.result)
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(c.stderr, "corets-wasm: %s: %s (see 'corets-wasm %s --help')\n", cmd.name, ue.msg, cmd.name)
		return kind.code
	case kind.name == "interrupted":
		fmt.Fprintln(c.stderr, "corets-wasm: interrupted")
		return kind.code
	}
	msg := errorText(err)
	if c.stderrTTY {
		// a module's error message may span lines; none of them may read
		// as another line of the command's
		msg = unforged(msg, "  ")
	}
	c.errLine(sgrError, "corets-wasm:", msg)
	return kind.code
}

var flagName = regexp.MustCompile(`(flag|defined:|argument:) -([A-Za-z])`)

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
	fmt.Fprintln(w)
	printExitStatuses(w)
	fmt.Fprint(w, "\n"+jsonHelp+`

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
	fmt.Fprintf(w, "Usage: %s\n\n", strings.TrimSpace("corets-wasm "+cmd.name+" "+cmd.args))
	fmt.Fprintln(w, strings.TrimSpace(cmd.help))
	var lines []string
	fs.VisitAll(func(f *flag.Flag) {
		arg, text := flag.UnquoteUsage(f)
		s := "  --" + f.Name
		if arg != "" {
			s += " " + arg
		}
		switch f.DefValue {
		case "", "false", "0", "0s":
		default:
			text += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, s+"\n      "+strings.ReplaceAll(text, "\n", "\n      "))
	})
	lines = append(lines, "  -h, --help\n      show this help")
	fmt.Fprintf(w, "\nFlags:\n%s\n", strings.Join(lines, "\n"))
	fmt.Fprintln(w, "\nExit status: 0 on success, another number per kind of failure ('corets-wasm help' lists them).")
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

// errorText is how an error reads on stderr after "corets-wasm: ". A JS
// exception brings its stack (already mapped to the module's .ts lines);
// bundle and manifest errors are one message a line, like esbuild's.
func errorText(err error) string {
	s := strings.TrimRight(err.Error(), "\n")
	var ex *modules.Exception
	if errors.As(err, &ex) {
		if st := stackLines(ex.Stack); st != "" {
			s += "\n" + st
		}
	}
	return s
}

// stackLines indents a JS stack's "at" lines by four spaces, as node does.
// The innermost frames of the runtime's own glue (native functions and the
// host's core.js, through which a refused core call throws) are left out:
// the stack starts where the module's code is.
func stackLines(stack string) string {
	var out []string
	for _, l := range strings.Split(stack, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(out) == 0 && (strings.HasSuffix(l, "(native)") || strings.Contains(l, "("+hostGlue+":")) {
			continue
		}
		out = append(out, "    "+l)
	}
	return strings.Join(boundStack(out, "    "), "\n")
}

// hostGlue is the file name the host's core object runs under in stacks.
const hostGlue = modules.CoreFile

// limitFlags are --memory, --fuel and --timeout, for the commands that call
// modules. They override what the manifest's limits section says.
type limitFlags struct {
	fs      *flag.FlagSet
	memory  sizeFlag
	fuel    int64
	timeout time.Duration
}

func addLimitFlags(fs *flag.FlagSet) *limitFlags {
	l := &limitFlags{fs: fs}
	d := manifest.DefaultLimits
	fs.Var(&l.memory, "memory", fmt.Sprintf("`SIZE` of the module's memory, e.g. 16MiB; between %s and %s (default %s)",
		manifest.FormatSize(manifest.MinMemory), manifest.FormatSize(manifest.MaxMemory), manifest.FormatSize(d.Memory)))
	fs.Int64Var(&l.fuel, "fuel", 0, fmt.Sprintf("fuel per call: `N` interpreter steps, about one per function call or loop iteration (default %d)", d.Fuel))
	fs.Var((*durationFlag)(&l.timeout), "timeout", fmt.Sprintf("wall-clock `DURATION` per call, e.g. 500ms or 2m (default %s)", d.Timeout))
	return l
}

const limitFlagsHelp = `--memory, --fuel and --timeout override the same limits in the manifest's
limits section for this run.`

// check refuses limits that cannot be met; zero is "not set" to the
// runtime, so an explicit 0 is refused too.
func (l *limitFlags) check() error {
	var err error
	l.fs.Visit(func(f *flag.Flag) {
		switch {
		case err != nil:
		case f.Name == "fuel" && l.fuel <= 0:
			err = usagef("--fuel must be more than 0")
		case f.Name == "timeout" && (l.timeout <= 0 || l.timeout > manifest.MaxTimeout):
			err = usagef("--timeout must be more than 0 and at most %s", manifest.MaxTimeout)
		}
	})
	return err
}

func (l *limitFlags) limits() manifest.Limits {
	return manifest.Limits{Memory: int64(l.memory), Fuel: l.fuel, Timeout: l.timeout}
}

// effective is the limits a module with manifest man runs under.
func (l *limitFlags) effective(man *manifest.Manifest) manifest.Limits {
	var own manifest.Limits
	if man != nil {
		own = man.Limits
	}
	return l.limits().Or(own).Or(manifest.DefaultLimits)
}

// hint says how to raise the limit err ran into, or "".
func limitHint(err error, man *manifest.Manifest) string {
	var le *modules.LimitError
	if !errors.As(err, &le) {
		return ""
	}
	var key string
	switch {
	case errors.Is(le, modules.ErrFuel):
		key = "fuel"
	case errors.Is(le, modules.ErrTimeout):
		key = "timeout"
	case errors.Is(le, modules.ErrMemory):
		key = "memory"
	default:
		return ""
	}
	switch {
	case man == nil:
		return fmt.Sprintf(" (raise --%s)", key)
	case man.Lines["limits."+key] > 0:
		return fmt.Sprintf(" (raise limits.%s at %s, or pass --%s)", key, man.Pos("limits."+key), key)
	}
	return fmt.Sprintf(" (raise --%s or limits.%s in %s)", key, key, manifest.Path)
}

// moduleError prefixes err with what was running ("hello.greet") and, for a
// limit, says how to raise it.
type moduleError struct {
	what string
	err  error
	hint string
}

func (e *moduleError) Error() string { return e.what + ": " + e.err.Error() + e.hint }
func (e *moduleError) Unwrap() error { return e.err }

func wrapModuleError(what string, err error, man *manifest.Manifest) error {
	if err == nil {
		return nil
	}
	return &moduleError{what: what, err: err, hint: limitHint(err, man)}
}

// sizeFlag is a byte size flag read with manifest.ParseSize.
type sizeFlag int64

func (s *sizeFlag) String() string {
	if s == nil || *s == 0 {
		return ""
	}
	return manifest.FormatSize(int64(*s))
}

func (s *sizeFlag) Set(v string) error {
	n, err := manifest.ParseSize(v)
	if err != nil {
		return err
	}
	if n < manifest.MinMemory || n > manifest.MaxMemory {
		return fmt.Errorf("%s is not between %s and %s", v, manifest.FormatSize(manifest.MinMemory), manifest.FormatSize(manifest.MaxMemory))
	}
	*s = sizeFlag(n)
	return nil
}

// runtimeFlags choose the app root, the store and the signing key.
type runtimeFlags struct {
	root, store, key string
	memoryStore      bool // the store is in memory unless --store is given
	tls              *storeFlags
	chosen           storeChoice // by options (store.go)
	db               *kv.DB      // the store open opened, closed by close
}

// addRuntimeFlags adds --root, --store and its TLS flags, and --key when
// the command loads or installs modules.
func addRuntimeFlags(fs *flag.FlagSet, memoryStore, key bool) *runtimeFlags {
	rf := &runtimeFlags{memoryStore: memoryStore}
	fs.StringVar(&rf.root, "root", ".", "the app root `DIR`: module paths in manifests are relative to it, and installed modules live in DIR/modules")
	const kinds = ": a file, or etcd://[USER@]HOST:PORT,HOST:PORT[/PREFIX] (etcds:// with TLS; the password from $" + envStorePassword + ")"
	if memoryStore {
		fs.StringVar(&rf.store, "store", "", "keep the store in `STORE`"+kinds+" (default: in memory, discarded at exit; $"+envStore+" is not read)")
	} else {
		fs.StringVar(&rf.store, "store", "", "the `STORE`"+kinds+" (default $"+envStore+", else DIR/.corets/store.db)")
	}
	rf.tls = addStoreFlags(fs)
	if key {
		fs.StringVar(&rf.key, "key", "", "require modules signed with the ed25519 public key in `FILE` (PEM, as keygen writes it)")
	}
	return rf
}

// openSkippingInstalled opens the runtime the flags describe without
// starting the installed modules, for commands that only manage them.
func (rf *runtimeFlags) openSkippingInstalled(ctx context.Context, c *cli) (*modules.Runtime, error) {
	opts, err := rf.options()
	if err != nil {
		return nil, err
	}
	opts.SkipInstalled = true
	return rf.open(ctx, c, opts)
}

// options are the runtime options the flags ask for; the store they name
// is checked here and opened by open.
func (rf *runtimeFlags) options() (modules.Options, error) {
	opts := modules.Options{AppRoot: rf.root, WasmPlugins: wasmplugin.New(), SharedStore: true} // other commands may run on the same app root meanwhile
	var err error
	if rf.chosen, err = rf.chooseStore(); err != nil {
		return opts, err
	}
	opts.MemoryStore = rf.chosen.memory
	if rf.key != "" {
		key, err := manifest.ReadPublicKey(rf.key)
		if err != nil {
			return opts, &keyError{err}
		}
		opts.PublicKey = key
	}
	return opts, nil
}

// output routes console lines: log, info and debug to stdout, the rest
// (warn, error, and what the engine reports) to stderr. With prefix, every
// line goes to stderr after the module's code in brackets, for commands
// whose stdout is a table. Without it (run, call), c.console decides: all
// to stderr when stdout carries a result, none with --quiet; uncaught
// errors are noted for the exit status and their stacks bounded.
//
// Embedders get the text as the module wrote it; here, on a terminal, it
// is escaped (terminalWriter) and a line that would read as the command's
// own "corets-wasm: ..." gets the module's prefix (unforged). With prefix,
// every line has it already, and since CR and escape sequences are shown
// as text a module cannot write a line that reads as another module's.
func (c *cli) output(prefix bool) func(module, level, text string) {
	return func(module, level, text string) {
		if !prefix {
			c.console.note(module, level, text)
			if c.console.quiet {
				return
			}
			if level == "error" {
				text = boundText(text)
			}
		}
		w, tty := c.stderr, c.stderrTTY
		switch level {
		case "log", "info", "debug":
			if !prefix && !c.console.toStderr {
				w, tty = c.stdout, c.stdoutTTY
			}
		}
		if prefix {
			p := "[" + module + "] "
			text = p + strings.ReplaceAll(text, "\n", "\n"+p)
		} else if tty {
			text = unforged(text, "["+module+"] ")
		}
		io.WriteString(w, text+"\n")
	}
}

// writeJSON writes a call's result indented by two spaces.
func writeJSON(w io.Writer, raw []byte) error {
	if len(raw) == 0 {
		raw = []byte("null")
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return fmt.Errorf("the result is not valid JSON: %w", err)
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// optString is a string flag that knows whether it was given.
type optString struct {
	val string
	set bool
}

func (o *optString) String() string { return o.val }

func (o *optString) Set(v string) error {
	o.val, o.set = v, true
	return nil
}

// jsonArgs makes the JSON array of arguments for a call from the input
// argument: [input], or [] when there is none. "-" reads it from stdin.
func (c *cli) jsonArgs(input optString) (json.RawMessage, error) {
	if !input.set {
		return json.RawMessage("[]"), nil
	}
	text := []byte(input.val)
	if input.val == "-" {
		var err error
		if text, err = io.ReadAll(io.LimitReader(c.stdin, maxInput+1)); err != nil {
			return nil, fmt.Errorf("reading the input from stdin: %w", err)
		}
		if len(text) > maxInput {
			return nil, fmt.Errorf("the input on stdin is larger than %s", humanSize(maxInput))
		}
	}
	var v any
	if err := json.Unmarshal(text, &v); err != nil {
		return nil, usagef("the input is not valid JSON: %v", err)
	}
	return json.RawMessage(append(append([]byte("["), bytes.TrimSpace(text)...), ']')), nil
}

// maxInput bounds a call's input read from stdin.
const maxInput = 64 << 20
