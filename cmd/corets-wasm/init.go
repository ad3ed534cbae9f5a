package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

var initCommand = &command{
	name:    "init",
	args:    "DIR [flags]",
	summary: "write a new module that runs as written",
	help: `Writes a module skeleton into DIR (created if missing):

  .core/view.yml   the manifest: code, name, version, no permissions yet
  main.ts          init(core) and an export hello(input)
  core.d.ts        the types of core and of the runtime's globals
  tsconfig.json    for editors and tsc: strict, ES2023, no DOM, skipLibCheck
                   (so packages whose types pull in @types/node still check)

The module's code is DIR's name in lowercase letters, digits, '-' and '_'.
init refuses a DIR that is not empty, unless --force, which overwrites these
four files and leaves the rest alone.`,
	setup: setupInit,
}

func setupInit(fs *flag.FlagSet) runFunc {
	force := fs.Bool("force", false, "write into a DIR that is not empty, replacing the skeleton's files")
	return func(ctx context.Context, c *cli, args []string) error {
		if err := wantArgs(args, 1, 1, "DIR, where to write the module"); err != nil {
			return err
		}
		dir := args[0]
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		code := codeFromName(filepath.Base(abs))
		if code == "" {
			return fmt.Errorf("init: cannot make a module code from %q (use a directory name with letters or digits)", filepath.Base(abs))
		}
		if !*force {
			if err := checkEmpty(dir); err != nil {
				return err
			}
		}
		files := skeleton(code)
		for _, f := range files {
			p := filepath.Join(dir, filepath.FromSlash(f.name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return fmt.Errorf("init: %w", err)
			}
			if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
				return fmt.Errorf("init: %w", err)
			}
		}
		fmt.Fprintf(c.stdout, "Created module %q in %s:\n", code, dir)
		for _, f := range files {
			fmt.Fprintf(c.stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f.name)))
		}
		fmt.Fprintf(c.stdout, `
Next:
  corets-wasm run %[1]s --call hello --input '{"name":"ada"}'
  corets-wasm check %[1]s
  corets-wasm install --root APP %[1]s
`, dir)
		return nil
	}
}

// checkEmpty refuses a DIR that exists with something in it.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("init: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("init: %s is not empty (use --force to write the skeleton into it anyway)", dir)
	}
	return nil
}

var notCode = regexp.MustCompile(`[^a-z0-9_-]+`)

// codeFromName makes a module code out of a directory name: "My Module"
// becomes "my-module".
func codeFromName(name string) string {
	code := strings.Trim(notCode.ReplaceAllString(strings.ToLower(name), "-"), "-_")
	if len(code) > manifest.MaxCodeLen {
		code = strings.Trim(code[:manifest.MaxCodeLen], "-_")
	}
	if manifest.ValidCode(code) != nil {
		return ""
	}
	return code
}

// displayName makes "my-module" read "My Module".
func displayName(code string) string {
	words := strings.FieldsFunc(code, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

type skeletonFile struct{ name, text string }

func skeleton(code string) []skeletonFile {
	return []skeletonFile{
		{manifest.Path, fmt.Sprintf(skeletonManifest, code, displayName(code))},
		{"main.ts", skeletonMain},
		{"core.d.ts", modules.Declarations()},
		{"tsconfig.json", skeletonTSConfig},
	}
}

const skeletonManifest = `# The module's manifest. Everything is denied unless granted here.
code: %q
name: %q
version: "0.1.0"
main: main.ts

permissions:
  # read: files and directories under the app root the module may read,
  # e.g. ["./data/"] (a directory grants what is inside it).
  read: []
  # write: files and directories under the app root it may write.
  write: []
  # net: where fetch may connect: "host:port", "*.example.com", a bare
  # host (its default ports) or "https://host/path-prefix".
  net: []
  # run: programs core.processStart may start, by exact name, e.g. ["git"].
  run: []
  # env: environment variables a started program receives, e.g. ["LANG"]; loader, interpreter and runtime-set variables (LD_*, PATH, HOME, ...) are refused.
  env: []
  # store: store groups shared with other modules; the module's own groups
  # need no grant.
  store: []

# limits: the runtime's defaults apply unless set here, e.g.
#   memory: 64MiB    # memory of the module's instance
#   fuel: 1000000000 # interpreter steps per call
#   timeout: 30s     # wall clock per call
`

const skeletonMain = `/// <reference path="./core.d.ts" />

// init is called once, after the module is loaded, with the host's core.
export async function init(core: Core): Promise<void> {
  console.log(` + "`${core.module.code} ${core.module.version} is ready`" + `);
}

// Every exported function can be called from the host with JSON arguments:
//   corets-wasm run . --call hello --input '{"name":"ada"}'
export function hello(input: { name: string } = { name: "world" }): { greeting: string } {
  return { greeting: ` + "`Hello, ${input.name}!`" + ` };
}
`

const skeletonTSConfig = `{
  "compilerOptions": {
    "target": "ES2023",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "lib": ["ES2023"],
    "types": [],
    "strict": true,
    "noEmit": true,
    "isolatedModules": true,
    "skipLibCheck": true
  },
  "include": ["**/*.ts"]
}
`
