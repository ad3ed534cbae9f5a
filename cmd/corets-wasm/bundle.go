package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/corets/corets-wasm/modules"
)

var bundleCommand = &command{
	name:    "bundle",
	args:    "PATH [flags]",
	summary: "print the JavaScript a module runs as, bundled by esbuild",
	help: `Bundles the module in PATH (a module directory or a single .ts/.js file)
the way run and install do, and writes the JavaScript to stdout, or to
--out. --sourcemap writes the source map (version 3, sources relative to
the module directory, their text included). The manifest's embedder
capabilities must be declared, as for check (see 'corets-wasm check --help').`,
	setup: setupBundle,
}

func setupBundle(fs *flag.FlagSet) runFunc {
	out := fs.String("out", "", "write the bundle to `FILE` instead of stdout")
	sourcemap := fs.String("sourcemap", "", "write the source map to `FILE`")
	minify := fs.Bool("minify", false, "minify the code (names stay readable in stacks)")
	cf := addCapFlags(fs, false, nil)
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "PATH, a module directory or a .ts/.js file"); err != nil {
			return err
		}
		cs, err := cf.load()
		if err != nil {
			return err
		}
		src, err := readSource(args[0], "", cs)
		if err != nil {
			return err
		}
		b, err := src.bundle(modules.BundleOptions{Minify: *minify})
		if err != nil {
			return err
		}
		for _, w := range b.Warnings {
			fmt.Fprintln(c.stderr, w.String())
		}
		code := b.Code
		if !strings.HasSuffix(code, "\n") {
			code += "\n"
		}
		if *sourcemap != "" {
			if err := os.WriteFile(*sourcemap, b.SourceMap, 0o644); err != nil {
				return err
			}
			if *out != "" {
				// Tools that read the bundle find its map; the runtime
				// does not need the comment.
				if rel, err := filepath.Rel(filepath.Dir(*out), *sourcemap); err == nil {
					code += "//# sourceMappingURL=" + filepath.ToSlash(rel) + "\n"
				}
			}
		}
		if *out == "" {
			_, err = fmt.Fprint(c.stdout, code)
			return err
		}
		return os.WriteFile(*out, []byte(code), 0o644)
	}
}
