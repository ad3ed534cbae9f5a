package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/corets/corets-wasm/manifest"
)

var verifyCommand = &command{
	name:    "verify",
	args:    "PATH [flags]",
	summary: "check a module's signature",
	help: `Checks that the module directory PATH is signed with the private key of
the public key given, and that neither its manifest nor any of its files
changed since. Prints "ok: signature of CODE verified", or fails.`,
	setup: setupVerify,
}

func setupVerify(fs *flag.FlagSet) runFunc {
	key := fs.String("key", "corets.pub", "the ed25519 public key `FILE` (PEM, as keygen writes it)")
	cf := addCapFlags(fs, false, nil)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "PATH, a module directory"); err != nil {
			return err
		}
		if err := moduleDir(args[0]); err != nil {
			return err
		}
		k, err := manifest.ReadPublicKey(*key)
		if err != nil {
			return &keyError{err}
		}
		cs, err := cf.load()
		if err != nil {
			return err
		}
		m, err := manifest.LoadVerified(args[0], cs.options(), k)
		if err != nil {
			return fmt.Errorf("verify: %w", undeclaredHint(err))
		}
		fmt.Fprintf(c.stdout, "ok: signature of %s verified\n", m.Code)
		return nil
	}
}
