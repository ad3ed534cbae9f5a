package main

import (
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// ModuleSources are the ES modules a run may import, by their slash paths
// from the checkout's root (the names jsengine.Bundle.Modules takes; the
// test itself is the bundle, under its own path): every fixture of the
// checkout (test/**/*_FIXTURE.js) and the other tests of the run's own
// directory, which some fixtures import by name
// (instn-iee-err-circular_FIXTURE.js imports ./instn-iee-err-circular.js).
// The engine reads no file itself: what is not here does not load.
type ModuleSources struct {
	root string

	once     sync.Once
	fixtures map[string]string
	err      error

	mu   sync.Mutex
	dirs map[string]map[string]string // fixtures and the directory's tests
}

func NewModuleSources(root string) *ModuleSources {
	return &ModuleSources{root: root, dirs: map[string]map[string]string{}}
}

// For is the modules the test at rel (a slash path, "test/…") may import.
func (m *ModuleSources) For(rel string) (map[string]string, error) {
	m.once.Do(func() { m.fixtures, m.err = m.readFixtures() })
	if m.err != nil {
		return nil, m.err
	}
	dir := path.Dir(rel)
	m.mu.Lock()
	set, ok := m.dirs[dir]
	m.mu.Unlock()
	if !ok {
		set = maps.Clone(m.fixtures)
		entries, err := os.ReadDir(filepath.Join(m.root, filepath.FromSlash(dir)))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".js") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(m.root, filepath.FromSlash(dir), e.Name()))
			if err != nil {
				return nil, err
			}
			set[dir+"/"+e.Name()] = string(b)
		}
		m.mu.Lock()
		m.dirs[dir] = set
		m.mu.Unlock()
	}
	own := maps.Clone(set)
	delete(own, rel) // the bundle itself: importable by its own name
	return own, nil
}

func (m *ModuleSources) readFixtures() (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(filepath.Join(m.root, "test"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "_FIXTURE.js") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(m.root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return out, err
}
