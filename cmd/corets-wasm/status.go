package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/corets/corets-wasm/modules"
)

var statusCommand = &command{
	name:    "status",
	args:    "[flags]",
	summary: "start the installed modules and show their state",
	help: `Starts the runtime the way an embedding program does, which loads every
installed module and runs its init(core), and shows each module's state:
RUNNING, or ERRORED with the reason. The modules' console output goes to
stderr, each line after the module's code in brackets. Exits with status 12
when a module is ERRORED (the table, or the --json array, says why). Embedder
capabilities and stubs are declared as for run (see 'corets-wasm run
--help').`,
	setup: setupStatus,
}

func setupStatus(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	rf := addRuntimeFlags(fs, false, true)
	cf := addCapFlags(fs, true, &rf.root)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
			return err
		}
		opts, err := rf.options()
		if err != nil {
			return err
		}
		opts.Output = c.output(true)
		_, closeLog, err := cf.apply(c, &opts)
		if err != nil {
			return err
		}
		defer closeLog()
		r, err := rf.open(ctx, c, opts)
		if err != nil {
			return err
		}
		defer rf.close(r)
		list := r.List()
		var errored []string
		for _, s := range list {
			if s.State == modules.StateErrored {
				errored = append(errored, s.Code)
			}
		}
		if err := c.printStatus(list, *asJSON, r.AppRoot(), r.Store().Name()); err != nil {
			return err
		}
		if len(errored) > 0 {
			return &erroredError{errored}
		}
		return nil
	}
}

// printStatus writes the modules' states as a table or a JSON array.
func (c *cli) printStatus(list []modules.Status, asJSON bool, root, store string) error {
	{
		if asJSON {
			type entry struct {
				Code     string `json:"code"`
				Version  string `json:"version,omitempty"`
				State    string `json:"state"`
				Restarts int    `json:"restarts"`
				Error    string `json:"error,omitempty"`
				Store    string `json:"store"`
			}
			out := make([]entry, len(list))
			for i, s := range list {
				out[i] = entry{s.Code, s.Version, string(s.State), s.Restarts, s.Error, store}
			}
			b, err := json.Marshal(out)
			if err != nil {
				return err
			}
			return writeJSON(c.stdout, b)
		}
		if len(list) == 0 {
			fmt.Fprintf(c.stdout, "no modules installed in %s (store %s)\n", root, store)
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tVERSION\tSTATE\tRESTARTS\tERROR")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Code, orDash(s.Version), s.State, strconv.Itoa(s.Restarts), orDash(firstLine(s.Error)))
		}
		return tw.Flush()
	}
}

// firstLine keeps a table row on one line.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
