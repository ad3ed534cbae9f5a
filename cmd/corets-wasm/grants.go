package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

const grantsHelp = `Grants for this run: --allow-read, --allow-write, --allow-net, --allow-run,
--allow-env and --allow-store add entries to the permission lists of the
same names, exactly as if the manifest said them (paths relative to the app
root, hosts as host:port, programs by name...); --grant NAME=ENTRY does so
for any permission, an embedder's declared capability included. Each flag
may be repeated and takes a comma-separated list. They apply to a module
directory and to a single file (which otherwise gets no permissions). A
module installed in the app root keeps the grants approved at install:
run refuses flags for it rather than widen them.`

// grantFlags are the --allow-* flags and --grant.
type grantFlags struct {
	lists map[string]*listFlag // by permission
	grant listFlag             // NAME=ENTRY
}

func addGrantFlags(fs *flag.FlagSet) *grantFlags {
	g := &grantFlags{lists: map[string]*listFlag{}}
	for _, p := range []struct{ name, what string }{
		{"read", "`PATHS` under the app root the module may read, e.g. ./data/"},
		{"write", "`PATHS` under the app root the module may write"},
		{"net", "network `TARGETS` the module may reach, e.g. api.example.com:443"},
		{"run", "`PROGRAMS` the module may run"},
		{"env", "environment `NAMES` a granted program may receive"},
		{"store", "shared store `GROUPS` the module may use"},
	} {
		l := new(listFlag)
		g.lists[p.name] = l
		fs.Var(l, "allow-"+p.name, "grant "+p.what+" for this run, as permissions."+p.name+" would (comma-separated, repeatable)")
	}
	fs.Var(&g.grant, "grant", "grant `NAME=ENTRY` for this run, as permissions.NAME would: any permission or declared capability (comma-separated, repeatable)")
	return g
}

// flagFor is how the flag that granted entry of permission reads.
func (g *grantFlags) flagFor(permission, entry string) string {
	if l, ok := g.lists[permission]; ok && len(*l) > 0 {
		return "--allow-" + permission + "=" + entry
	}
	return "--grant " + permission + "=" + entry
}

// permissions are what the flags grant; an error is a usage error.
func (g *grantFlags) permissions() (manifest.Permissions, bool, error) {
	// The entries of a list keep the order given, --allow-* before --grant.
	var p manifest.Permissions
	any := false
	add := func(name, value, flagName string) error {
		for _, e := range strings.Split(value, ",") {
			if e == "" {
				return usagef("%s: an empty entry in %q (name what to grant)", flagName, value)
			}
			any = true
			switch name {
			case "read":
				p.Read = append(p.Read, e)
			case "write":
				p.Write = append(p.Write, e)
			case "net":
				p.Net = append(p.Net, e)
			case "run":
				p.Run = append(p.Run, e)
			case "env":
				p.Env = append(p.Env, e)
			case "store":
				p.Store = append(p.Store, e)
			default:
				if p.Extra == nil {
					p.Extra = map[string][]string{}
				}
				p.Extra[name] = append(p.Extra[name], e)
			}
		}
		return nil
	}
	for _, name := range []string{"read", "write", "net", "run", "env", "store"} {
		for _, v := range *g.lists[name] {
			if err := add(name, v, "--allow-"+name); err != nil {
				return p, false, err
			}
		}
	}
	for _, v := range g.grant {
		name, value, ok := strings.Cut(v, "=")
		if !ok || name == "" {
			return p, false, usagef("--grant %q: write NAME=ENTRY, e.g. --grant read=./data/", v)
		}
		if !slices.Contains(manifest.BuiltinPermissions(), name) {
			if err := manifest.ValidCapability(name); err != nil {
				return p, false, usagef("--grant %s: %v", name, err)
			}
		}
		if err := add(name, value, "--grant "+name); err != nil {
			return p, false, err
		}
	}
	return p, any, nil
}

// explain names the flag a refused grant came from.
func (g *grantFlags) explain(err error, cs *capSet) error {
	var ge *modules.GrantError
	if !errors.As(err, &ge) {
		return err
	}
	msg := entryPrefix.ReplaceAllString(ge.Err.Error(), "")
	if !slices.Contains(manifest.BuiltinPermissions(), ge.Permission) && !slices.Contains(cs.names(), ge.Permission) {
		msg = fmt.Sprintf("%q is not a declared capability (%s)", ge.Permission, declareHint(ge.Permission))
	}
	return usagef("%s: %s", g.flagFor(ge.Permission, ge.Entry), msg)
}

// entryPrefix is how caps names an entry; the flag names it here.
var entryPrefix = regexp.MustCompile(`^permissions\.[a-z0-9_-]+\[\d+\] "[^"]*": `)

// refuseInstalled refuses flag grants for a module installed in the app
// root (a directory in ROOT/modules, where install puts them): its grants
// are the ones approved at install. The runtime never applies them to it
// either; this says so instead of leaving the flags without effect.
func refuseInstalled(root, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil
	}
	if sameFile(filepath.Dir(abs), filepath.Join(root, "modules")) {
		return fmt.Errorf("%s is a module installed in the app root: its grants are the ones approved at install, and --allow-* and --grant do not widen them; add them to its manifest and install it again", path)
	}
	return nil
}

// deniedGrantable reads a refusal that a manifest entry would allow, as
// caps words it: read "data/x.txt" is not granted (add it to permissions.read ...
var deniedGrantable = regexp.MustCompile(`^([a-z][a-z0-9_-]*) ("(?:[^"\\]|\\.)*") is not granted \(add it to permissions\.([a-z][a-z0-9_-]*) in `)

// grantHint adds to a run's uncaught PermissionDenied of a built-in
// permission the flag that would grant it for this run.
func grantHint(err error) error {
	var ex *modules.Exception
	if err == nil || !errors.As(err, &ex) || ex.Name != "PermissionDenied" {
		return err
	}
	m := deniedGrantable.FindStringSubmatch(ex.Message)
	if m == nil || m[1] != m[3] {
		return err
	}
	value, uerr := strconv.Unquote(m[2])
	if uerr != nil || value == "" || strings.ContainsAny(value, ",\n") {
		return err
	}
	// an embedder's capability refuses a function's name, not an entry
	if !slices.Contains([]string{"read", "write", "net", "run", "env", "store"}, m[1]) {
		return err
	}
	return &hinted{err: err, text: err.Error() + " (for this run only: " + shellWord("--allow-"+m[1]+"="+value) + ")"}
}

// shellWord quotes s for a POSIX shell when it needs quoting.
func shellWord(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=@+%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
