package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Advice that applies here, in place of esbuild's where it does not, and
// the fix for a package linked in from outside the module.

// esbuildExternal is esbuild's note on an import it could not resolve:
// marking it external leaves the import in the bundle, which a module
// cannot follow (it imports nothing at run time).
var esbuildExternal = regexp.MustCompile(`^You can mark the path "([^"]*)" as external to exclude it from the bundle`)

// adviseNote replaces a note of esbuild's that gives advice a module cannot
// follow; other notes are kept as they are.
func adviseNote(text string) string {
	m := esbuildExternal.FindStringSubmatch(text)
	if m == nil {
		return text
	}
	name := m[1]
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "/") {
		return fmt.Sprintf("a module is bundled with everything it imports: %q must be a file inside the module directory", name)
	}
	return fmt.Sprintf("a module is bundled with everything it imports, so %q cannot stay external: install the package inside the module (npm install %s, in the module directory), or reach what it does through a core.* capability (files, net, the store)", name, packageName(name))
}

// packageName is the package an import names: "lodash" of "lodash/fp",
// "@scope/pkg" of "@scope/pkg/sub".
func packageName(spec string) string {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// maxLinkScan bounds the node_modules entries linkNote looks at.
const maxLinkScan = 10_000

// linkNote explains a file outside the module reached through a symlink in
// the module's node_modules (npm link, a workspace): it names the link and
// says how to have the package inside. "" when no such link leads to file.
func (r *bundleRun) linkNote(file string) string {
	nm := filepath.Join(r.dir, "node_modules")
	entries, err := os.ReadDir(nm)
	if err != nil {
		return ""
	}
	seen := 0
	var check func(dir, rel string, entries []os.DirEntry) string
	check = func(dir, rel string, entries []os.DirEntry) string {
		for _, e := range entries {
			if seen++; seen > maxLinkScan {
				return ""
			}
			name := rel + e.Name()
			p := filepath.Join(dir, e.Name())
			if e.Type()&os.ModeSymlink == 0 {
				if e.IsDir() && rel == "" && strings.HasPrefix(e.Name(), "@") {
					if sub, err := os.ReadDir(p); err == nil {
						if s := check(p, name+"/", sub); s != "" {
							return s
						}
					}
				}
				continue
			}
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				continue
			}
			if in, err := filepath.Rel(target, file); err != nil || !filepath.IsLocal(in) {
				continue
			}
			shown := target
			if rt, err := filepath.Rel(r.dir, target); err == nil {
				shown = rt
			}
			return fmt.Sprintf("node_modules/%s is a symlink to %s, outside the module (npm link and workspaces make these); "+
				"a module is bundled from its own directory only, and no setting allows a link out of it: install the package inside the module "+
				"(npm install --install-links copies a linked package instead of linking it, or copy it into node_modules/%s)",
				name, filepath.ToSlash(shown), name)
		}
		return ""
	}
	return check(nm, "", entries)
}
