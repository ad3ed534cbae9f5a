package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/corets/corets-wasm/modules"
)

var callCommand = &command{
	name:    "call",
	args:    "CODE NAME [JSON] [flags]",
	summary: "call an export of an installed module",
	help: `Loads the installed module CODE (only that one), calls its export NAME
with JSON as its one argument (or with none; "-" reads it from stdin),
prints the result as JSON on stdout, and waits until the module is idle, as
run does. The module's console output (its init's and the call's) goes to
stderr, so stdout is the result alone: 'call m f | jq' works; --quiet drops
it. An uncaught exception after the call returned fails the call (exit
status 7).

` + limitFlagsHelp + `

Embedder capabilities and stubs are declared as for run (see 'corets-wasm
run --help').

Example:
  corets-wasm call --root app hello hello '{"name":"ada"}'`,
	setup: setupCall,
}

func setupCall(fs *flag.FlagSet) runFunc {
	rf := addRuntimeFlags(fs, false, true)
	lf := addLimitFlags(fs)
	sf := addScriptFlags(fs, true)
	cf := addCapFlags(fs, true, &rf.root)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 2, 3, "CODE and NAME: the installed module and the export to call"); err != nil {
			return err
		}
		if err := lf.check(); err != nil {
			return err
		}
		var input optString
		if len(args) == 3 {
			input.Set(args[2])
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
		c.console.toStderr, c.console.quiet = true, sf.quiet
		opts.Output = c.output(false)
		cs, closeLog, err := cf.apply(c, &opts)
		if err != nil {
			return err
		}
		defer closeLog()
		r, err := rf.open(ctx, c, opts)
		if err != nil {
			return err
		}
		defer rf.close(r)
		list, err := r.Installed()
		if err != nil {
			return err
		}
		var codes []string
		for _, m := range list {
			if m.Code == args[0] {
				man := peekManifest(m.Dir, cs)
				return c.runModule(ctx, r, m.Dir, man, args[1], callArgs, lf)
			}
			codes = append(codes, m.Code)
		}
		hint := didYouMean(args[0], codes)
		if hint == "" {
			hint = " (see corets-wasm list)"
		}
		return fmt.Errorf("%w: %q%s", modules.ErrNotInstalled, args[0], hint)
	}
}
