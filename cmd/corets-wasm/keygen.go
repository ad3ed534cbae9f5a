package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/corets/corets-wasm/manifest"
)

var keygenCommand = &command{
	name:    "keygen",
	args:    "[flags]",
	summary: "make an ed25519 key pair for signing modules",
	help: `Makes a new ed25519 key pair: the private key (PEM, PKCS#8, readable by
its owner only) signs modules with 'corets-wasm sign'; the public key (PEM)
is what runtimes require signatures from ('--key' of run, install, status,
call and verify). Existing files are never overwritten.`,
	setup: setupKeygen,
}

func setupKeygen(fs *flag.FlagSet) runFunc {
	priv := fs.String("private", "corets.key", "write the private key to `FILE`")
	pub := fs.String("public", "corets.pub", "write the public key to `FILE`")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 0, 0, "no arguments"); err != nil {
			return err
		}
		if err := manifest.WriteKeyPair(*priv, *pub); err != nil {
			return fmt.Errorf("keygen: %w", err)
		}
		fmt.Fprintf(c.stdout, "Wrote the private key to %s (keep it secret) and the public key to %s.\n", *priv, *pub)
		fmt.Fprintf(c.stdout, "Sign a module with: corets-wasm sign --key %s DIR\n", *priv)
		return nil
	}
}
