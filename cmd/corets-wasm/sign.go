package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/corets/corets-wasm/manifest"
)

var signCommand = &command{
	name:    "sign",
	args:    "PATH [flags]",
	summary: "sign a module with an ed25519 private key",
	help: `Signs the module directory PATH with the private key: the signature covers
the manifest (all but its sign line) and every other file of the module, so
changing anything afterwards is detected. It is written into the manifest's
sign line, which is replaced or appended. The manifest's embedder
capabilities must be declared, as for check (see 'corets-wasm check --help').`,
	setup: setupSign,
}

func setupSign(fs *flag.FlagSet) runFunc {
	key := fs.String("key", "corets.key", "the ed25519 private key `FILE` (PEM, as keygen writes it)")
	cf := addCapFlags(fs, false, nil)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "PATH, a module directory"); err != nil {
			return err
		}
		if err := moduleDir(args[0]); err != nil {
			return err
		}
		cs, err := cf.load()
		if err != nil {
			return err
		}
		if _, err := readSource(args[0], "", cs); err != nil {
			return fmt.Errorf("sign: %w", err)
		}
		k, err := manifest.ReadPrivateKey(*key)
		if err != nil {
			return &keyError{err}
		}
		if err := manifest.Sign(args[0], k); err != nil {
			return fmt.Errorf("sign: %w", err)
		}
		m, err := manifest.Load(args[0], cs.options())
		if err != nil {
			return fmt.Errorf("sign: %w", err)
		}
		fmt.Fprintf(c.stdout, "signed %s (%s)\n", m.Code, m.Pos("sign"))
		return nil
	}
}
