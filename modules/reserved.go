package modules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/internal/caps"
)

// runtimePath is a file or directory of the runtime's own that no module
// may reach through a file grant.
type runtimePath struct {
	path   string
	dir    bool        // reserved with everything below it
	byName bool        // also by its name in its directory, made or not
	make   fs.FileMode // a missing directory is made with this mode; 0: never
}

// runtimePaths is everything the runtime keeps on disk for itself: the
// store file and its directory (unless that directory is the app root or
// one of its ancestors, which hold the user's files), <root>/.corets/ and
// <root>/modules/ (by name, so the runtime leaves no empty directories in
// an app root it only runs from), and the caches (bundles, wazero's compiled code; ""
// when off). Caches are reserved wherever they are: a link inside the app
// root can reach a cache outside it. Extend this list when the runtime
// keeps something new on disk.
func runtimePaths(appRoot, store, bundleCache, wazeroCache string) []runtimePath {
	paths := []runtimePath{
		{path: filepath.Join(appRoot, ".corets"), dir: true, byName: true},
		{path: filepath.Join(appRoot, "modules"), dir: true, byName: true},
	}
	if store != "" {
		paths = append(paths, runtimePath{path: store})
		if d := filepath.Dir(store); !holdsAppRoot(d, appRoot) {
			paths = append(paths, runtimePath{path: d, dir: true})
		}
	}
	for _, c := range []string{bundleCache, wazeroCache} {
		if c != "" {
			paths = append(paths, runtimePath{path: c, dir: true, make: 0o700})
		}
	}
	return paths
}

// holdsAppRoot reports whether dir is the app root or one of its
// ancestors, compared by identity (a relative or linked spelling of either
// is the same directory).
func holdsAppRoot(dir, appRoot string) bool {
	want, err := os.Stat(dir)
	if err != nil {
		return false
	}
	p, err := filepath.EvalSymlinks(appRoot)
	if err != nil {
		p = appRoot
	}
	for {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, want) {
			return true
		}
		up := filepath.Dir(p)
		if up == p {
			return false
		}
		p = up
	}
}

// reserve makes the missing directories among paths that are not
// reserved by name and takes the identities of all of them. Such a
// directory is made now, before any module runs, because a missing one has
// no identity to compare: a module could make it and fill it (a cache the
// next run trusts). One that cannot be made (a read-only file system)
// cannot be made by a module either.
func reserve(paths []runtimePath) (*caps.Reserved, error) {
	var dirs, files, names []string
	for _, p := range paths {
		switch {
		case !p.dir:
			files = append(files, p.path)
			continue
		case p.byName:
			names = append(names, p.path)
			continue
		}
		if p.make != 0 {
			if err := os.MkdirAll(p.path, p.make); err != nil && !errors.Is(err, fs.ErrPermission) && !isReadOnlyFS(err) {
				return nil, fmt.Errorf("runtime directory: %w", err)
			}
		}
		dirs = append(dirs, p.path)
	}
	return caps.NewReserved(dirs, files, names)
}
