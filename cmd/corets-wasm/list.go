package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
)

var listCommand = &command{
	name:    "list",
	args:    "[flags]",
	summary: "list the installed modules",
	help:    `Lists the modules installed in the app root: code, version and source.`,
	setup:   setupList,
}

func setupList(fs *flag.FlagSet) runFunc {
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	rf := addRuntimeFlags(fs, false, false)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
			return err
		}
		r, err := rf.openSkippingInstalled(ctx, c)
		if err != nil {
			return err
		}
		defer rf.close(r)
		list, err := r.Installed()
		if err != nil {
			return err
		}
		if *asJSON {
			type entry struct {
				Code    string `json:"code"`
				Name    string `json:"name,omitempty"`
				Version string `json:"version,omitempty"`
				Source  string `json:"source"`
				Dir     string `json:"dir"`
				Store   string `json:"store"`
			}
			out := make([]entry, len(list))
			for i, m := range list {
				out[i] = entry{m.Code, m.Name, m.Version, m.Source, m.Dir, r.Store().Name()}
			}
			b, err := json.Marshal(out)
			if err != nil {
				return err
			}
			return writeJSON(c.stdout, b)
		}
		if len(list) == 0 {
			fmt.Fprintf(c.stdout, "no modules installed in %s (store %s)\n", r.AppRoot(), r.Store().Name())
			return nil
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tVERSION\tSOURCE")
		for _, m := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Code, orDash(m.Version), m.Source)
		}
		return tw.Flush()
	}
}

// orDash shows an empty table cell as "-".
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
