package bundle

import (
	"encoding/json"
	"io"
	"path"
	"path/filepath"
	"strings"
)

// esbuild's plugin API drops one thing its resolver knows: that a path was
// disabled by a package.json "browser" map ({"./lib/node.js": false}, or an
// installed package mapped to false). esbuild runs the load plugins before
// it looks at that flag, so without these checks load would read the file
// and the bundle would hold the node code the map removes. They follow
// esbuild's checkBrowserMap (internal/resolver/package_json.go) for the
// two cases the plugin sees.

// maxPackageJSON bounds a package.json read for its "browser" map.
const maxPackageJSON = 1 << 20

// disabledNamespace holds the empty modules of built-in names a "browser"
// map disables although a package of that name is installed.
const disabledNamespace = "corets-disabled"

// browserScope is the nearest directory (slash path relative to the module
// directory) from dir up whose package.json has a "browser" map, and that
// map (a nil value is false); ok is false when there is none.
func (r *bundleRun) browserScope(dir string) (scope string, m map[string]*string, ok bool) {
	for d := dir; ; d = path.Dir(d) {
		if m := r.browserMap(d); m != nil {
			return d, m, true
		}
		if d == "." || d == "/" {
			return "", nil, false
		}
	}
}

// browserMap is the "browser" map of dir's package.json, nil when there is
// none (or it cannot be read or parsed: esbuild then has none either, or
// fails the build itself).
func (r *bundleRun) browserMap(dir string) map[string]*string {
	r.mu.Lock()
	m, done := r.browser[dir]
	r.mu.Unlock()
	if done {
		return m
	}
	m = r.readBrowserMap(path.Join(dir, "package.json"))
	r.mu.Lock()
	if r.browser == nil {
		r.browser = map[string]map[string]*string{}
	}
	r.browser[dir] = m
	r.mu.Unlock()
	return m
}

func (r *bundleRun) readBrowserMap(pj string) map[string]*string {
	pj = filepath.FromSlash(pj)
	// Stat before Open: opening a FIFO would block.
	fi, err := r.root.Stat(pj)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxPackageJSON {
		return nil
	}
	f, err := r.root.Open(pj)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPackageJSON))
	if err != nil {
		return nil
	}
	var pkg struct {
		Browser json.RawMessage `json:"browser"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return nil
	}
	var raw map[string]json.RawMessage
	if json.Unmarshal(pkg.Browser, &raw) != nil || raw == nil {
		return nil // absent, or a string (a main field, not a map)
	}
	m := make(map[string]*string, len(raw))
	for k, v := range raw {
		var s string
		var b bool
		switch {
		case json.Unmarshal(v, &s) == nil:
			m[k] = &s
		case json.Unmarshal(v, &b) == nil && !b:
			m[k] = nil
		}
	}
	return m
}

// isPackagePath is esbuild's IsPackagePath.
func isPackagePath(p string) bool {
	return !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && p != "." && p != ".."
}

// browserLookup finds p in m as esbuild does: as is, with each implicit
// extension, then as a directory's index (with the extensions).
func browserLookup(m map[string]*string, p string, extensions bool) (remapped *string, found bool) {
	try := func(p string) bool {
		if v, ok := m[p]; ok {
			remapped, found = v, true
			return true
		}
		if extensions {
			for _, ext := range resolveExtensions {
				if v, ok := m[p+ext]; ok {
					remapped, found = v, true
					return true
				}
			}
		}
		return false
	}
	if try(p) {
		return
	}
	index := path.Join(p, "index")
	if isPackagePath(index) && !isPackagePath(p) {
		index = "./" + index
	}
	try(index)
	return
}

// fileDisabled reports whether the "browser" map of the file's enclosing
// scope maps it to false (rel is a slash path relative to the module
// directory): esbuild then makes every import of it an empty module.
func (r *bundleRun) fileDisabled(rel string) bool {
	scope, m, ok := r.browserScope(path.Dir(rel))
	if !ok {
		return false
	}
	p := rel
	if scope != "." {
		p = strings.TrimPrefix(rel, scope+"/")
	}
	remapped, found := browserLookup(m, p, true)
	if !found && isPackagePath(p) {
		remapped, found = browserLookup(m, "./"+p, true)
	}
	return found && remapped == nil
}

// nameDisabled reports whether the "browser" map that applies to the
// importer (a slash path relative to the module directory) maps the bare
// name to false.
func (r *bundleRun) nameDisabled(importer, name string) bool {
	dir := path.Dir(importer)
	scope, m, ok := r.browserScope(dir)
	if !ok {
		return false
	}
	remapped, found := browserLookup(m, name, true)
	if !found {
		// browserify lets "./name" in the same package (no node_modules
		// between) stand for require("name"), without extensions
		same := true
		for d := dir; d != scope && d != "." && d != "/"; d = path.Dir(d) {
			if path.Base(d) == "node_modules" {
				same = false
				break
			}
		}
		if same {
			prefix := "./"
			switch {
			case dir == scope:
			case scope == ".":
				prefix += dir + "/"
			default:
				prefix += strings.TrimPrefix(dir, scope+"/") + "/"
			}
			remapped, found = browserLookup(m, prefix+name, false)
		}
	}
	return found && remapped == nil
}
