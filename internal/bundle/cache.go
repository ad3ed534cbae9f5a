package bundle

import (
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// A Cache keeps the bundles Build makes, so a module whose inputs did not
// change is not bundled again: in memory, and on disk when it has a
// directory, so a new process reuses them. Whoever bundles owns one (a
// modules.Runtime makes one at Open); there is no process-wide cache.
//
// A cached bundle is never trusted as it stands: every input and directory
// listing it was made from is read and hashed again before it is returned,
// and a file from disk must also carry a valid seal (see disk.go).
//
// A Cache is safe for concurrent use; concurrent Builds of one module with
// the same options run esbuild once.
type Cache struct {
	dir string       // "" for memory only
	log *slog.Logger // nil for slog.Default()

	mu    sync.Mutex
	slots map[string]*bundleSlot // by module directory, entry, options and code

	builds atomic.Int64 // bundles attempted (esbuild runs), so tests can tell a cached bundle from a rebuilt one
}

// NewCache returns an empty cache. With a directory, bundles are also
// written there and read back in later processes; the directory is made
// (0700) on first use, with the key that seals its files. log receives what
// the cache cannot do (a file that fails verification, a directory that
// cannot hold a key); nil logs to slog.Default().
func NewCache(dir string, log *slog.Logger) *Cache {
	return &Cache{dir: dir, log: log, slots: map[string]*bundleSlot{}}
}

// Dir is the cache's disk directory, "" for none.
func (c *Cache) Dir() string { return c.dir }

// Forget drops the in-memory bundles of the module directory dir (any
// entry, options or module code), for directories that are gone, such as an
// installer's staging directory. Files on disk stay; they are verified
// before any use.
func (c *Cache) Forget(dir string) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	prefix := dir + "\x00"
	c.mu.Lock()
	defer c.mu.Unlock()
	for id := range c.slots {
		if strings.HasPrefix(id, prefix) {
			delete(c.slots, id)
		}
	}
}

func (c *Cache) logger() *slog.Logger {
	if c.log != nil {
		return c.log
	}
	return slog.Default()
}

// bundleSlot holds one module directory's bundle for one entry, options and
// module code. Its lock is held while the bundle is checked or built, so
// concurrent calls for one module run esbuild once.
type bundleSlot struct {
	mu  sync.Mutex
	rec *bundleRecord // the last good bundle, nil before one
	// onDisk maps the cache files known to hold a bundle to its key.
	onDisk map[string]digest
}

func (c *Cache) slot(id string) *bundleSlot {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slots[id]
	if s == nil {
		s = &bundleSlot{onDisk: map[string]digest{}}
		c.slots[id] = s
	}
	return s
}

// keep makes rec the slot's bundle; cacheFile, if not "", is known to hold
// it.
func (s *bundleSlot) keep(rec *bundleRecord, cacheFile string) {
	s.rec = rec
	if cacheFile != "" {
		s.onDisk[cacheFile] = rec.Key
	}
}

// persist writes the slot's bundle to cacheFile unless it is known to be
// there. It is best effort: a cache that cannot be written costs the next
// process one esbuild run, not a failure; a write that failed is tried
// again on the next Build.
func (c *Cache) persist(s *bundleSlot, cacheFile string, key []byte) {
	if cacheFile == "" || s.rec == nil {
		return
	}
	if k, ok := s.onDisk[cacheFile]; ok && k == s.rec.Key {
		return
	}
	if writeBundleRecord(c.dir, cacheFile, key, s.rec) == nil {
		s.onDisk[cacheFile] = s.rec.Key
	}
}
