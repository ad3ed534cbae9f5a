package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

// maxModuleSearch bounds how many directories above a file run looks in for
// the module the file belongs to.
const maxModuleSearch = 8

// moduleOfFile decides what `run FILE` runs when FILE lies inside a module
// directory (a .core/view.yml beside it or in a directory above):
//
//   - FILE is that module's entry (its manifest's main, or the first of
//     the default entries): the module runs, with its manifest, exactly
//     as `run DIR` would run it;
//   - FILE is another file of the module: it runs as a single file, with
//     no permissions, and note says so and how to run the module.
//
// Outside any module, path is returned as it is and note is "".
func moduleOfFile(path string) (run, note string) {
	st, err := os.Stat(path)
	if err != nil || st.IsDir() {
		return path, ""
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path, ""
	}
	dir := filepath.Dir(abs)
	for range maxModuleSearch {
		if fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(manifest.Path))); err == nil && fi.Mode().IsRegular() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return path, ""
		}
		dir = parent
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(manifest.Path))); err != nil {
		return path, ""
	}
	shown := filepath.Join(filepath.Dir(path), mustRel(filepath.Dir(abs), dir))
	man, err := manifest.Load(dir, manifest.Options{})
	if err != nil {
		// the module's manifest does not read: running its entry would
		// fail on it, so say why and run the file alone
		return path, fmt.Sprintf("corets-wasm: note: %s is in the module directory %s, whose manifest does not read (%v); running %s as a single file, without permissions",
			path, shown, firstLine(err.Error()), path)
	}
	entry := entryOf(dir, man)
	if entry != "" && sameFile(entry, abs) {
		return shown, ""
	}
	return path, fmt.Sprintf("corets-wasm: note: %s is a file of module %q (%s) but not its entry; it runs as a single file, without the module's permissions (run %s to run the module)",
		path, man.Code, filepath.Join(shown, filepath.FromSlash(manifest.Path)), shown)
}

// entryOf is the absolute path of the module's entry file, or "".
func entryOf(dir string, man *manifest.Manifest) string {
	if man.Main != "" {
		return filepath.Join(dir, filepath.FromSlash(man.Main))
	}
	for _, e := range modules.DefaultEntries {
		p := filepath.Join(dir, e)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// mustRel is dir relative to from ("..", "../.."), or dir itself.
func mustRel(from, dir string) string {
	rel, err := filepath.Rel(from, dir)
	if err != nil {
		return dir
	}
	return rel
}
