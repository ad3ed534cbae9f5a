package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

var runCommand = &command{
	name:    "run",
	args:    "PATH [flags]",
	summary: "run a module or a single .ts/.js file, and call one of its exports",
	help: `Runs the module in PATH, a module directory (with .core/view.yml) or a
single .ts or .js file, which gets no permissions but those of the --allow-*
flags below. A file inside a module directory (a .core/view.yml beside it or
above it) that is the module's entry runs as the module, with its manifest;
any other file of a module runs as a single file, with a note on stderr
saying so. Loading runs the module's top-level code and its init(core), if
it exports one. With --call, the export NAME is then called with the --input
JSON as its one argument (or
with none), and its result is printed on stdout as JSON. run then waits
until the module has nothing left to do (no timer or host operation
pending), for at most the call timeout.

console.log, info and debug go to stdout as they happen, or to stderr with
--call or --json (stdout then carries the result alone); console.warn and
error go to stderr; --quiet drops them all. An uncaught exception in a timer
or callback, even after the call returned, is reported on stderr as it
happens and makes run fail (exit status 7) once the module is idle. The store is in memory unless --store is given, so run
leaves nothing behind; CORETS_STORE is not read, so a module under
development never writes into the store the app's commands use; installed
modules are not loaded.

` + watchHelp + `

` + grantsHelp + `

` + capabilitiesHelp + `

` + stubsHelp + `

` + limitFlagsHelp + `

Examples:
  corets-wasm run hello --call hello --input '{"name":"ada"}'
  corets-wasm run script.ts
  corets-wasm run --allow-read=./data/ --allow-net=api.example.com:443 script.ts
  corets-wasm run --fuel 5000000 --timeout 2s hello --call hello`,
	setup: setupRun,
}

func setupRun(fs *flag.FlagSet) runFunc {
	call := fs.String("call", "", "after loading, call the exported function `NAME` and print its result as JSON")
	var input optString
	fs.Var(&input, "input", "pass `JSON` as the one argument of the --call, or - to read it from stdin (default: no argument)")
	rf := addRuntimeFlags(fs, true, true)
	lf := addLimitFlags(fs)
	audit := fs.String("audit", "", "append a JSON line per use or refusal of a capability to `FILE`")
	sf := addScriptFlags(fs, true)
	cf := addCapFlags(fs, true, &rf.root)
	gf := addGrantFlags(fs)
	watch := fs.Bool("watch", false, "reload the module and call again whenever its files change, until Ctrl-C")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "PATH, a module directory or a .ts/.js file"); err != nil {
			return err
		}
		if err := lf.check(); err != nil {
			return err
		}
		if input.set && *call == "" {
			return usagef("--input needs --call NAME")
		}
		callArgs, err := c.jsonArgs(input)
		if err != nil {
			return err
		}
		opts, err := rf.options()
		if err != nil {
			return err
		}
		opts.Overrides = lf.limits()
		opts.SkipInstalled = true
		c.console.toStderr, c.console.quiet = *call != "" || sf.json, sf.quiet
		opts.Output = c.output(false)
		if *audit != "" {
			f, err := os.OpenFile(*audit, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
			if err != nil {
				return fmt.Errorf("--audit: %w", err)
			}
			defer f.Close()
			opts.Audit = f
		}
		path, note := moduleOfFile(args[0])
		if note != "" && !sf.quiet {
			fmt.Fprintln(c.stderr, note)
		}
		cs, closeLog, err := cf.apply(c, &opts)
		if err != nil {
			return err
		}
		defer closeLog()
		grants, granted, err := gf.permissions()
		if err != nil {
			return err
		}
		opts.Grants = grants
		man := peekManifest(path, cs)
		if err := cs.checkManifest(man); err != nil {
			return relativeFiles(err.(manifest.ErrorList))
		}
		if granted {
			if err := refuseInstalled(rf.root, path); err != nil {
				return err
			}
		}
		r, err := rf.open(ctx, c, opts)
		if err != nil {
			return gf.explain(err, cs)
		}
		defer rf.close(r)
		if *watch {
			return c.watch(ctx, r, path, cs, *call, callArgs)
		}
		return grantHint(c.runModule(ctx, r, path, man, *call, callArgs, lf))
	}
}

// peekManifest reads the manifest of the module in path for the messages
// about limits; nil for a single file or a manifest that does not read
// (loading the module then reports why).
func peekManifest(path string, cs *capSet) *manifest.Manifest {
	if st, err := os.Stat(path); err != nil || !st.IsDir() {
		return nil
	}
	m, err := manifest.Load(path, cs.options())
	if err != nil {
		return nil
	}
	return m
}

// runModule loads the module in path, calls name (if not "") with args,
// prints the result, and waits until the module is idle.
func (c *cli) runModule(ctx context.Context, r *modules.Runtime, path string, man *manifest.Manifest, name string, args json.RawMessage, lf *limitFlags) error {
	// The user's path is relative to where they are; Load's to the app root (--root).
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	code, err := r.Load(ctx, abs)
	if err != nil {
		return loadError(path, code, err, man)
	}
	if name != "" {
		res, err := r.CallJSON(ctx, code, name, args)
		var ee *modules.ExportError
		if errors.As(err, &ee) {
			return &moduleError{what: code + "." + name, err: err, hint: didYouMean(name, ee.Available)}
		}
		if err != nil {
			return wrapModuleError(code+"."+name, err, man)
		}
		if c.json {
			// held until the module is idle: one object, the result's or,
			// if the module fails after the call, the error's with it
			c.result = orNull(res)
		} else if err := writeJSON(c.stdout, res); err != nil {
			return err
		}
	}
	if err := waitIdle(ctx, r, code, lf.effective(man).Timeout, man); err != nil {
		return err
	}
	if err := c.console.err(); err != nil {
		return err
	}
	if !c.json {
		return nil
	}
	b, err := json.Marshal(struct {
		Module string          `json:"module"`
		Export string          `json:"export,omitempty"`
		Result json.RawMessage `json:"result,omitempty"`
	}{code, name, c.result})
	if err != nil {
		return err
	}
	return writeJSON(c.stdout, b)
}

func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

// loadError explains a module that did not load: bundle errors point at
// files as the user named them, and what the module's own code did is
// prefixed with "load CODE".
func loadError(path, code string, err error, man *manifest.Manifest) error {
	var be *modules.BundleError
	if errors.As(err, &be) {
		dir := path
		if st, serr := os.Stat(path); serr == nil && !st.IsDir() {
			dir = filepath.Dir(path)
		}
		return relocate(be, dir)
	}
	var list manifest.ErrorList
	if errors.As(undeclaredHint(err), &list) {
		return relativeFiles(list)
	}
	if code == "" {
		return err
	}
	return wrapModuleError("load "+code, err, man)
}

// relocate makes a bundle error's file names relative to where the user is
// rather than to the module directory.
func relocate(be *modules.BundleError, dir string) error {
	if dir == "." || dir == "" {
		return be
	}
	out := &modules.BundleError{Messages: append([]modules.BundleMessage(nil), be.Messages...)}
	for i := range out.Messages {
		if f := out.Messages[i].File; f != "" {
			out.Messages[i].File = path.Join(filepath.ToSlash(dir), f)
		}
	}
	return out
}

// relativeFiles names the manifest in each error relative to the current
// directory, as the user most likely named the module.
func relativeFiles(list manifest.ErrorList) manifest.ErrorList {
	wd, err := os.Getwd()
	if err != nil {
		return list
	}
	out := make(manifest.ErrorList, len(list))
	for i, e := range list {
		c := *e
		if filepath.IsAbs(c.File) {
			if rel, err := filepath.Rel(wd, c.File); err == nil && filepath.IsLocal(rel) {
				c.File = rel
			}
		}
		out[i] = &c
	}
	return out
}

// waitIdle waits until the module has no timer or host operation pending,
// for at most timeout.
func waitIdle(ctx context.Context, r *modules.Runtime, code string, timeout time.Duration, man *manifest.Manifest) error {
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := r.Wait(wctx, code)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case wctx.Err() != nil:
		hint := "raise --timeout or limits.timeout in " + manifest.Path
		if man == nil {
			hint = "raise --timeout"
		} else if man.Lines["limits.timeout"] > 0 {
			hint = "raise limits.timeout at " + man.Pos("limits.timeout")
		}
		return &busyError{fmt.Sprintf("%s: still busy after %s, with timers or host operations pending; stopped (%s)", code, timeout, hint)}
	}
	return wrapModuleError(code, err, man)
}
