package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/modules"
)

var removeCommand = &command{
	name:    "remove",
	args:    "CODE [flags]",
	summary: "remove an installed module (its stored data is kept unless --purge)",
	help: `Removes the installed module CODE: its directory under DIR/modules and
its record in the store.

The module's stored data (its own store groups) is kept in the store,
and installing CODE again finds it; stderr says how much was kept and where.
--purge deletes it too, also for a CODE removed earlier whose data was kept.
Shared store groups are never deleted.`,
	setup: setupRemove,
}

func setupRemove(fs *flag.FlagSet) runFunc {
	purge := fs.Bool("purge", false, "also delete the module's stored data (its own store groups), which remove otherwise keeps")
	rf := addRuntimeFlags(fs, false, false)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "CODE, the installed module's code"); err != nil {
			return err
		}
		r, err := rf.openSkippingInstalled(ctx, c)
		if err != nil {
			return err
		}
		defer rf.close(r)
		code := args[0]
		res, err := r.RemoveWith(ctx, code, modules.RemoveOptions{Purge: *purge})
		if errors.Is(err, modules.ErrNotInstalled) && !*purge {
			if u, uerr := r.Store().Module(code, kv.Quota{}).Usage(); uerr == nil && u.Keys > 0 {
				return fmt.Errorf("%w (stored data of an earlier install is kept: %s; --purge deletes it)", err, dataSize(u))
			}
		}
		if err != nil {
			return err
		}
		if res.Uninstalled {
			fmt.Fprintf(c.stdout, "removed %s\n", code)
		}
		store := r.Store().Name()
		switch {
		case res.Purged:
			fmt.Fprintf(c.stderr, "deleted the stored data of %s (%s) from %s\n", code, dataSize(res.Data), store)
		case res.Data.Keys > 0:
			fmt.Fprintf(c.stderr, "kept the stored data of %s (%s) in %s: installing %s again uses it; 'corets-wasm remove --purge %s' deletes it\n",
				code, dataSize(res.Data), store, code, code)
		}
		return nil
	}
}

// dataSize is "3 keys, 1.2 KiB".
func dataSize(u kv.Usage) string {
	keys := "keys"
	if u.Keys == 1 {
		keys = "key"
	}
	return fmt.Sprintf("%d %s, %s", u.Keys, keys, humanSize(u.Bytes))
}
