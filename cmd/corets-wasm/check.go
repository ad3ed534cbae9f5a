package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

var checkCommand = &command{
	name:    "check",
	args:    "PATH [flags]",
	summary: "validate a module's manifest and bundle its code, without running it",
	help: `Checks the module in PATH (a module directory or a single .ts/.js file):
the manifest must be valid (every problem is listed with its file, line and
key) and the code must bundle (errors read like esbuild's). Nothing runs.
A file that is a module's entry is checked as that module, as run does.
Prints "ok: CODE VERSION (N inputs, SIZE)" on success, or with --json
{"module", "version", "inputs", "bytes", "warnings"}.

` + typesHelp + `

` + capabilitiesHelp,
	setup: setupCheck,
}

func setupCheck(fs *flag.FlagSet) runFunc {
	key := fs.String("key", "", "also verify the module's signature with the ed25519 public key in `FILE`")
	var asJSON bool
	addJSONFlag(fs, &asJSON, "print the outcome, or the error, as one JSON object on stdout")
	cf := addCapFlags(fs, false, nil)
	tf := &typeFlags{}
	fs.StringVar(&tf.mode, "types", "auto", "type-check with tsc: `MODE` auto (tsc on PATH), module (the module's node_modules/.bin/tsc first) or off")
	fs.StringVar(&tf.tsc, "tsc", "", "the TypeScript compiler `FILE` to type-check with")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "PATH, a module directory or a .ts/.js file"); err != nil {
			return err
		}
		if err := tf.check(); err != nil {
			return err
		}
		cs, err := cf.load()
		if err != nil {
			return err
		}
		path, note := moduleOfFile(args[0])
		if note != "" {
			fmt.Fprintln(c.stderr, note)
		}
		src, err := readSource(path, *key, cs)
		if err != nil {
			return err
		}
		if src.man != nil && src.man.Runtime == manifest.RuntimeWasm {
			return checkWasm(c, src, asJSON)
		}
		b, err := src.bundle(modules.BundleOptions{})
		if err != nil {
			return err
		}
		for _, w := range b.Warnings {
			fmt.Fprintln(c.stderr, w.String())
		}
		if tf.mode != "off" && isTypeScript(b.Entry) {
			src.entry = b.Entry
			tsc, err := tf.typeCheck(ctx, src)
			switch {
			case tsc == "" && err != nil:
				c.errLine(sgrNote, "note:", "types not checked: "+err.Error())
			case err != nil:
				return err
			default:
				c.errLine(sgrNote, "note:", "types checked by "+tsc)
			}
		}
		if asJSON {
			warnings := make([]string, len(b.Warnings))
			for i, w := range b.Warnings {
				warnings[i] = w.String()
			}
			return writeCheckJSON(c, src, len(b.Inputs), len(b.Code), warnings)
		}
		what := src.code
		if src.man != nil && src.man.Version != "" {
			what += " " + src.man.Version
		}
		inputs := "inputs"
		if len(b.Inputs) == 1 {
			inputs = "input"
		}
		c.outLine(sgrOK, "ok:", fmt.Sprintf("%s (%d %s, %s)", what, len(b.Inputs), inputs, humanSize(int64(len(b.Code)))))
		return nil
	}
}

// source is a module on disk as check and bundle see it: a directory with
// its manifest, or a single file.
type source struct {
	path  string             // as the user gave it
	dir   string             // the module directory, or the file's directory
	entry string             // the entry, relative to dir; "" for the default
	code  string             // the module's code
	man   *manifest.Manifest // nil for a single file
}

// readSource reads the module in path: its manifest, verified against the
// public key in keyFile when that is not "", granting only built-in
// permissions and the capabilities cs declares.
func readSource(path, keyFile string, cs *capSet) (*source, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		ext := strings.ToLower(filepath.Ext(path))
		switch ext {
		case ".ts", ".js", ".mts", ".mjs", ".tsx", ".jsx":
		default:
			return nil, fmt.Errorf("%s: a module is a directory with %s, or a single .ts or .js file", path, manifest.Path)
		}
		if keyFile != "" {
			return nil, fmt.Errorf("%s: a single file cannot be signed; --key needs a module directory", path)
		}
		code := codeFromName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
		if code == "" {
			code = "main"
		}
		return &source{path: path, dir: filepath.Dir(path), entry: filepath.Base(path), code: code}, nil
	}
	var man *manifest.Manifest
	if keyFile != "" {
		key, kerr := manifest.ReadPublicKey(keyFile)
		if kerr != nil {
			return nil, &keyError{kerr}
		}
		man, err = manifest.LoadVerified(path, cs.options(), key)
	} else {
		man, err = manifest.Load(path, cs.options())
	}
	if err == nil {
		err = cs.checkManifest(man)
	}
	if err != nil {
		return nil, undeclaredHint(err)
	}
	return &source{path: path, dir: path, entry: man.Main, code: man.Code, man: man}, nil
}

// checkWasm checks a wasm module's file: inside the module, a wasm binary.
// It is compiled when the module loads.
func checkWasm(c *cli, src *source, asJSON bool) error {
	root, err := os.OpenRoot(src.dir)
	if err != nil {
		return err
	}
	defer root.Close()
	b, err := root.ReadFile(src.entry)
	if err != nil {
		return fmt.Errorf("%s: main: %w", src.man.Pos("main"), err)
	}
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return fmt.Errorf("%s: main: %s is not a WebAssembly binary", src.man.Pos("main"), src.entry)
	}
	if asJSON {
		return writeCheckJSON(c, src, 1, len(b), []string{})
	}
	what := src.code
	if src.man.Version != "" {
		what += " " + src.man.Version
	}
	fmt.Fprintf(c.stdout, "ok: %s (wasm, %s)\n", what, humanSize(int64(len(b))))
	return nil
}

// bundle bundles the module; errors name files as the user would.
func (s *source) bundle(opt modules.BundleOptions) (*modules.Bundled, error) {
	if s.man != nil && s.man.Runtime == manifest.RuntimeWasm {
		return nil, fmt.Errorf("%s: runtime wasm: there is nothing to bundle (%s is run as it is)", s.man.Pos("runtime"), s.entry)
	}
	opt.Entry = s.entry
	b, err := modules.Bundle(s.dir, opt)
	if err != nil {
		return nil, loadError(s.path, "", err, s.man)
	}
	return b, nil
}

// moduleDir checks that path is a module directory, for the commands that
// take nothing else.
func moduleDir(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a module directory (a directory with %s)", path, manifest.Path)
	}
	return nil
}

// humanSize writes a byte count the way people read it: "812 B", "3.4 KiB".
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// writeCheckJSON is check's --json result.
func writeCheckJSON(c *cli, src *source, inputs, size int, warnings []string) error {
	out := struct {
		Module   string   `json:"module"`
		Version  string   `json:"version,omitempty"`
		Inputs   int      `json:"inputs"`
		Bytes    int      `json:"bytes"`
		Warnings []string `json:"warnings"`
	}{Module: src.code, Inputs: inputs, Bytes: size, Warnings: warnings}
	if src.man != nil {
		out.Version = src.man.Version
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return writeJSON(c.stdout, b)
}
