package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/corets/corets-wasm/manifest"
	"github.com/corets/corets-wasm/modules"
)

const watchHelp = `With --watch, run keeps the module loaded and watches its files (the
manifest and every file the bundle was made from, and their directories):
on a change it waits until the files are still, then reloads the module
(bundles it again, runs its top-level code and init) and makes the --call
again. An error (a syntax error, a failing call) is reported and run keeps
watching until the next change. Ctrl-C ends it (exit status 0).`

// watchPoll is how often the watched files are looked at; a change is
// acted on once a look finds nothing more changed.
var watchPoll = 150 * time.Millisecond

// fileStamp is what a look at a file sees.
type fileStamp struct {
	size  int64
	mtime time.Time
	mode  fs.FileMode
	ok    bool
}

// watchSet is the files watched and their stamps.
type watchSet map[string]fileStamp

func stamp(path string) fileStamp {
	st, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{size: st.Size(), mtime: st.ModTime(), mode: st.Mode(), ok: true}
}

// look stamps every file of the set again, and returns the new set and the
// files that changed.
func (w watchSet) look() (watchSet, []string) {
	next := make(watchSet, len(w))
	var changed []string
	for p, old := range w {
		s := stamp(p)
		next[p] = s
		if s != old {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return next, changed
}

// watchFiles is what to watch for the module in path: its manifest, and the
// inputs of its bundle and their directories (plus, when it does not
// bundle, the files its errors name). keep are files watched before, kept
// when the module no longer bundles.
func watchFiles(path string, cs *capSet, keep watchSet) watchSet {
	set := watchSet{}
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil {
			set[abs] = stamp(abs)
		}
	}
	dir, entry := path, ""
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		dir, entry = filepath.Dir(path), filepath.Base(path)
		add(path)
	} else {
		add(filepath.Join(path, filepath.FromSlash(manifest.Path)))
		if m, err := manifest.Load(path, cs.options()); err == nil {
			entry = m.Main
			if m.Runtime == manifest.RuntimeWasm {
				add(filepath.Join(path, filepath.FromSlash(m.Main)))
				return set
			}
		} else {
			for p := range keep {
				add(p)
			}
		}
	}
	b, err := modules.Bundle(dir, modules.BundleOptions{Entry: entry})
	if err != nil {
		for p := range keep {
			add(p)
		}
		var be *modules.BundleError
		if errors.As(err, &be) {
			for _, m := range be.Messages {
				if m.File != "" {
					add(filepath.Join(dir, filepath.FromSlash(m.File)))
				}
			}
		}
		return set
	}
	for _, in := range b.Inputs {
		p := filepath.Join(dir, filepath.FromSlash(in))
		add(p)
		add(filepath.Dir(p)) // a file created beside it
	}
	return set
}

// watch loads the module in path, calls name, and does both again on every
// change of its files until ctx ends.
func (c *cli) watch(ctx context.Context, r *modules.Runtime, path string, cs *capSet, name string, args json.RawMessage) error {
	code := ""
	var set watchSet
	for {
		if code != "" {
			r.Unload(context.Background(), code)
		}
		// stamped before loading: an edit during the load is a change
		set = watchFiles(path, cs, set)
		man := peekManifest(path, cs)
		var err error
		code, err = r.Load(ctx, path)
		if err != nil {
			err = loadError(path, code, err, man)
		} else if name != "" {
			var res json.RawMessage
			if res, err = r.CallJSON(ctx, code, name, args); err != nil {
				err = wrapModuleError(code+"."+name, err, man)
			} else {
				err = writeJSON(c.stdout, res)
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			c.printError(grantHint(err))
		}
		c.errLine(sgrInfo, "corets-wasm:", fmt.Sprintf("watching %d %s; Ctrl-C ends", len(set), plural(len(set), "file", "files")))
		changed, ok := waitChange(ctx, set)
		if !ok {
			return nil
		}
		c.errLine(sgrInfo, "corets-wasm:", strings.Join(shownPaths(changed), ", ")+" changed; reloading")
	}
}

// waitChange returns the files of set that changed, once a look finds no
// further change; false when ctx ended first.
func waitChange(ctx context.Context, set watchSet) ([]string, bool) {
	t := time.NewTicker(watchPoll)
	defer t.Stop()
	var changed []string
	for {
		select {
		case <-ctx.Done():
			return nil, false
		case <-t.C:
		}
		var now []string
		set, now = set.look()
		if len(now) == 0 && len(changed) > 0 {
			return changed, true
		}
		for _, p := range now {
			if !slices.Contains(changed, p) {
				changed = append(changed, p)
			}
		}
	}
}

// shownPaths names files relative to the working directory when inside it.
func shownPaths(paths []string) []string {
	wd, _ := os.Getwd()
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			out[i] = rel
		}
	}
	slices.Sort(out)
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printError reports err as runMain reports a command's failure.
func (c *cli) printError(err error) {
	msg := errorText(err)
	if c.stderrTTY {
		msg = unforged(msg, "  ")
	}
	c.errLine(sgrError, "corets-wasm:", msg)
}
