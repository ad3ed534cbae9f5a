package main

import (
	"context"
	"flag"
	"fmt"
)

var removeCommand = &command{
	name:    "remove",
	args:    "CODE [flags]",
	summary: "remove an installed module",
	help: `Removes the installed module CODE: its directory under DIR/modules and
its record in the store.`,
	setup: setupRemove,
}

func setupRemove(fs *flag.FlagSet) runFunc {
	rf := addRuntimeFlags(fs, false, false)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "CODE, the installed module's code"); err != nil {
			return err
		}
		r, err := rf.openSkippingInstalled(ctx)
		if err != nil {
			return err
		}
		defer r.Close(context.Background())
		if err := r.Remove(ctx, args[0]); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "removed %s\n", args[0])
		return nil
	}
}
