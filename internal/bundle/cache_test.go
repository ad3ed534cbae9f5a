package bundle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/corets/corets-wasm/internal/sourcemap"
)

// The cache tests count esbuild runs through their Cache's counter; a new
// Cache with the same directory is what a new process would see.

func cacheTestModule(t *testing.T) string {
	t.Helper()
	return writeBundleModule(t, map[string]string{
		".core/view.yml": "code: cached\n",
		"index.ts":       "import { n } from \"./lib/n\";\nexport const get = () => n;\n",
		"lib/n.ts":       "export const n = 1;\n",
	})
}

// bundleExpect calls Build with opt.Cache and checks whether esbuild ran.
func bundleExpect(t *testing.T, dir string, opt Options, wantCached bool) *Result {
	t.Helper()
	before := opt.Cache.builds.Load()
	b, err := Build(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	ran := opt.Cache.builds.Load() != before
	if b.Cached != wantCached || ran == wantCached {
		t.Fatalf("Cached = %v and esbuild ran = %v, want cached %v", b.Cached, ran, wantCached)
	}
	return b
}

func TestBundleCacheInvalidation(t *testing.T) {
	dir := cacheTestModule(t)
	c := NewCache("", nil)
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	first := bundleExpect(t, dir, Options{Cache: c}, false)
	if first.Entry != "index.ts" || !slices.Equal(first.Inputs, []string{"index.ts", "lib/n.ts"}) {
		t.Fatalf("entry %q inputs %q", first.Entry, first.Inputs)
	}
	steps := []struct {
		name   string
		change func()
		cached bool
		check  func(b *Result) bool
	}{
		{name: "unchanged", change: func() {}, cached: true,
			check: func(b *Result) bool { return b.Key == first.Key && b.Code == first.Code }},
		{name: "a file in a directory no import reaches", change: func() { write(".core/notes.txt", "hi") }, cached: true},
		// conservative: a new file in a directory holding an input may
		// change what an import resolves to
		{name: "a file beside the inputs", change: func() { write("lib/notes.txt", "hi") },
			check: func(b *Result) bool { return b.Key != first.Key && b.Code == first.Code }},
		{name: "imported file edited", change: func() { write("lib/n.ts", "export const n = 2;\n") },
			check: func(b *Result) bool { return b.Key != first.Key && strings.Contains(b.Code, "n = 2") }},
		{name: "same size edit", change: func() { write("lib/n.ts", "export const n = 3;\n") },
			check: func(b *Result) bool { return strings.Contains(b.Code, "n = 3") }},
		{name: "import added", change: func() {
			write("lib/m.ts", "export const m = 10;\n")
			write("index.ts", "import { n } from \"./lib/n\";\nimport { m } from \"./lib/m\";\nexport const get = () => n + m;\n")
		}, check: func(b *Result) bool { return slices.Contains(b.Inputs, "lib/m.ts") }},
		{name: "imported file edited again", change: func() { write("lib/m.ts", "export const m = 20;\n") },
			check: func(b *Result) bool { return strings.Contains(b.Code, "m = 20") }},
		{name: "a file that shadows an import", change: func() { write("lib/m.tsx", "export const m = 30;\n") },
			check: func(b *Result) bool {
				return slices.Contains(b.Inputs, "lib/m.tsx") && !slices.Contains(b.Inputs, "lib/m.ts")
			}},
		{name: "a file that takes over the default entry", change: func() { write("main.ts", "export const get = () => 99;\n") },
			check: func(b *Result) bool { return b.Entry == "main.ts" && slices.Equal(b.Inputs, []string{"main.ts"}) }},
		{name: "unchanged again", change: func() {}, cached: true},
		{name: "a package.json appears", change: func() { write("package.json", `{"name": "x", "sideEffects": false}`) },
			check: func(b *Result) bool { return slices.Contains(b.Inputs, "package.json") }},
		{name: "package.json edited", change: func() { write("package.json", `{"name": "y", "sideEffects": false}`) }},
	}
	for _, s := range steps {
		s.change()
		b := bundleExpect(t, dir, Options{Cache: c}, s.cached)
		if s.check != nil && !s.check(b) {
			t.Errorf("%s: entry %q inputs %q key %x\n%s", s.name, b.Entry, b.Inputs, b.Key, b.Code)
		}
	}

	// An input that disappears: the next call rebuilds and reports it.
	if err := os.Remove(filepath.Join(dir, "main.ts")); err != nil {
		t.Fatal(err)
	}
	b := bundleExpect(t, dir, Options{Cache: c}, false)
	if b.Entry != "index.ts" {
		t.Errorf("entry %q after main.ts was removed", b.Entry)
	}
	// The options are part of the key.
	bundleExpect(t, dir, Options{Minify: true, Cache: c}, false)
	bundleExpect(t, dir, Options{Minify: true, Cache: c}, true)
	bundleExpect(t, dir, Options{Cache: c}, true)
	bundleExpect(t, dir, Options{Entry: "index.ts", Cache: c}, false)
	bundleExpect(t, dir, Options{Entry: "index.ts", Cache: c}, true)
}

func TestBundleCacheFailureNotCached(t *testing.T) {
	dir := cacheTestModule(t)
	c := NewCache("", nil)
	bundleExpect(t, dir, Options{Cache: c}, false)
	os.WriteFile(filepath.Join(dir, "lib", "n.ts"), []byte("export const n = ;\n"), 0o644)
	for range 2 {
		if _, err := Build(dir, Options{Cache: c}); err == nil {
			t.Fatal("a broken module bundled")
		}
	}
	os.WriteFile(filepath.Join(dir, "lib", "n.ts"), []byte("export const n = 1;\n"), 0o644)
	bundleExpect(t, dir, Options{Cache: c}, false)
	bundleExpect(t, dir, Options{Cache: c}, true)
}

func TestBundleDiskCache(t *testing.T) {
	dir := cacheTestModule(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	opt := Options{Cache: NewCache(cacheDir, nil)}
	first := bundleExpect(t, dir, opt, false)

	cacheFiles := func() []string {
		t.Helper()
		m, err := filepath.Glob(filepath.Join(cacheDir, "*.bundle"))
		if err != nil || len(m) != 1 {
			t.Fatalf("cache files %q, %v; want one", m, err)
		}
		return m
	}
	file := cacheFiles()[0]

	// a new process: the memory cache is empty, the disk has the bundle
	opt.Cache = NewCache(cacheDir, nil)
	b := bundleExpect(t, dir, opt, true)
	if b.Key != first.Key || b.Code != first.Code || string(b.SourceMap) != string(first.SourceMap) ||
		!slices.Equal(b.Inputs, first.Inputs) || b.Entry != first.Entry {
		t.Errorf("the disk cache returned a different bundle")
	}
	// and now from memory
	bundleExpect(t, dir, opt, true)

	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	corruptions := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"garbage", []byte("not a cache file at all")},
		{"truncated", good[:len(good)/2]},
		{"one byte changed", func() []byte {
			d := slices.Clone(good)
			i := strings.Index(string(d), "const n")
			d[i+6] = 'm'
			return d
		}()},
		{"header only", good[:strings.IndexByte(string(good), '\n')+1]},
		{"valid json, wrong seal", []byte("corets-bundle-cache 2 0000000000000000000000000000000000000000000000000000000000000000\n{}")},
	}
	for _, c := range corruptions {
		if err := os.WriteFile(file, c.data, 0o600); err != nil {
			t.Fatal(err)
		}
		opt.Cache = NewCache(cacheDir, nil)
		b := bundleExpect(t, dir, opt, false)
		if b.Key != first.Key {
			t.Errorf("%s: rebuilt with key %x, want %x", c.name, b.Key, first.Key)
		}
		if now, _ := os.ReadFile(file); string(now) != string(good) {
			t.Errorf("%s: the cache file was not rewritten", c.name)
		}
	}

	// an edit invalidates the disk entry too
	os.WriteFile(filepath.Join(dir, "lib", "n.ts"), []byte("export const n = 5;\n"), 0o644)
	opt.Cache = NewCache(cacheDir, nil)
	b = bundleExpect(t, dir, opt, false)
	if !strings.Contains(b.Code, "n = 5") {
		t.Errorf("stale code from the disk cache:\n%s", b.Code)
	}
	opt.Cache = NewCache(cacheDir, nil)
	bundleExpect(t, dir, opt, true)
	cacheFiles()

	// a cache directory that cannot be written costs a rebuild, not a failure
	blocked := Options{Cache: NewCache(filepath.Join(file, "not-a-dir"), nil)}
	bundleExpect(t, dir, blocked, false)
}

// A bundle whose disk write failed is written on a later call that finds
// it in memory, so the next process still finds it.
func TestBundleDiskCacheRetried(t *testing.T) {
	dir := cacheTestModule(t)
	cacheDir := filepath.Join(t.TempDir(), "cache")
	// a file where the directory should be: the first write fails
	if err := os.WriteFile(cacheDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	opt := Options{Cache: NewCache(cacheDir, nil)}
	bundleExpect(t, dir, opt, false)
	if err := os.Remove(cacheDir); err != nil {
		t.Fatal(err)
	}
	bundleExpect(t, dir, opt, true)
	opt.Cache = NewCache(cacheDir, nil)
	bundleExpect(t, dir, opt, true)
}

// A cache file copied from another module is not used for this one.
func TestBundleDiskCacheOtherModule(t *testing.T) {
	a, b := cacheTestModule(t), cacheTestModule(t)
	cacheDir := t.TempDir()
	opt := Options{Cache: NewCache(cacheDir, nil)}
	bundleExpect(t, a, opt, false)
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*.bundle"))
	if len(files) != 1 {
		t.Fatalf("cache files %q", files)
	}
	_, key := opt.Cache.diskFile("")
	rec := opt.Cache.readRecord(files[0], key, "")
	if rec == nil {
		t.Fatal("the cache file does not read back")
	}
	realB, _ := filepath.EvalSymlinks(b)
	if rec.matches(realB, "", "", bundleFingerprint(Options{})) {
		t.Error("a record for module a matches module b")
	}
	if !rec.matches(rec.Dir, "", "", bundleFingerprint(Options{})) || rec.matches(rec.Dir, "", "", bundleFingerprint(Options{Minify: true})) ||
		rec.matches(rec.Dir, "other", "", bundleFingerprint(Options{})) {
		t.Error("matches ignores the options")
	}
	bad := *rec
	bad.Files = append([]fileRecord{{Path: "../../etc/passwd"}}, rec.Files...)
	bad.Key = bad.computeKey()
	if bad.matches(rec.Dir, "", "", rec.Format) {
		t.Error("a record naming a file outside the module matches")
	}
}

func TestBundleConcurrent(t *testing.T) {
	dir := cacheTestModule(t)
	c := NewCache(filepath.Join(filepath.Dir(dir), "cache"), nil)
	const n = 8
	var wg sync.WaitGroup
	keys := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			b, err := Build(dir, Options{Cache: c})
			errs[i] = err
			if err == nil {
				keys[i] = b.Key
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k != keys[0] {
			t.Fatalf("keys differ: %x", keys)
		}
	}
	if runs := c.builds.Load(); runs != 1 {
		t.Errorf("esbuild ran %d times for %d concurrent calls, want 1", runs, n)
	}
	// different modules bundle in parallel
	wg = sync.WaitGroup{}
	for i := range n {
		wg.Go(func() { _, errs[i] = Build(cacheTestModule(t), Options{Cache: c}) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// The bundle a symlinked module directory gets is the real directory's.
func TestBundleSymlinkedModuleDir(t *testing.T) {
	dir := cacheTestModule(t)
	link := filepath.Join(t.TempDir(), "link")
	bundleSymlink(t, dir, link)
	b, err := Build(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := sourcemap.Parse(b.SourceMap)
	if err != nil {
		t.Fatal(err)
	}
	if srcs := slices.Sorted(slices.Values(m.Sources)); !slices.Equal(srcs, []string{"index.ts", "lib/n.ts"}) {
		t.Errorf("sources %q", m.Sources)
	}
	res, err := bundleTestInstance(t, bundleTestEngine(t), b, "link.js").Call(context.Background(), "get", nil)
	if err != nil || string(res.Value) != "1" {
		t.Errorf("get() = %s, %v", res.Value, err)
	}
}

func BenchmarkBundle(b *testing.B) {
	dir := filepath.Join(bundleFixtures, "app")
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(dir, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		opt := Options{Cache: NewCache("", nil)}
		if _, err := Build(dir, opt); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if bd, err := Build(dir, opt); err != nil || !bd.Cached {
				b.Fatal(err, "not cached")
			}
		}
	})
	b.Run("disk", func(b *testing.B) {
		cacheDir := b.TempDir()
		if _, err := Build(dir, Options{Cache: NewCache(cacheDir, nil)}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			// a new process: nothing in memory
			if bd, err := Build(dir, Options{Cache: NewCache(cacheDir, nil)}); err != nil || !bd.Cached {
				b.Fatal(err, "not cached")
			}
		}
	})
}
