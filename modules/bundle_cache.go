package modules

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/cespare/xxhash/v2"
)

// bundleRecord is a bundle with what it was made from: kept in memory and,
// with a CacheDir, on disk as JSON.
type bundleRecord struct {
	Format    string          `json:"format"` // bundleFingerprint
	Dir       string          `json:"dir"`    // the module directory, symlinks resolved
	Want      string          `json:"want"`   // BundleOptions.Entry
	Entry     string          `json:"entry"`
	Key       uint64          `json:"key"`
	Files     []fileRecord    `json:"files"`
	Dirs      []dirRecord     `json:"dirs"`
	Code      string          `json:"code"`
	SourceMap string          `json:"sourceMap"`
	Warnings  []BundleMessage `json:"warnings,omitempty"`
}

type fileRecord struct {
	Path string `json:"path"`
	fileStamp
}

// dirRecord is a directory's listing hash (hashDir).
type dirRecord struct {
	Path string `json:"path"`
	Hash uint64 `json:"hash"`
}

// bundled is a caller's copy of the record's bundle.
func (rec *bundleRecord) bundled(cached bool) *Bundled {
	b := &Bundled{
		Code:      rec.Code,
		SourceMap: []byte(rec.SourceMap),
		Entry:     rec.Entry,
		Inputs:    make([]string, len(rec.Files)),
		Key:       rec.Key,
		Cached:    cached,
		Warnings:  append([]BundleMessage(nil), rec.Warnings...),
	}
	for i, f := range rec.Files {
		b.Inputs[i] = f.Path
	}
	return b
}

// computeKey hashes the options, the entries and every input's path, size
// and hash, and every directory listing's hash.
func (rec *bundleRecord) computeKey() uint64 {
	h := xxhash.New()
	var n [8]byte
	for _, s := range []string{rec.Format, rec.Want, rec.Entry} {
		h.WriteString(s)
		h.WriteString("\x00")
	}
	for _, f := range rec.Files {
		h.WriteString(f.Path)
		h.WriteString("\x00")
		binary.LittleEndian.PutUint64(n[:], uint64(f.Size))
		h.Write(n[:])
		binary.LittleEndian.PutUint64(n[:], f.Hash)
		h.Write(n[:])
	}
	h.WriteString("\x01")
	for _, d := range rec.Dirs {
		h.WriteString(d.Path)
		h.WriteString("\x00")
		binary.LittleEndian.PutUint64(n[:], d.Hash)
		h.Write(n[:])
	}
	return h.Sum64()
}

// matches reports whether a record read from disk is for this module,
// entry and options, and holds nothing a module could not have produced.
func (rec *bundleRecord) matches(dir, want, fp string) bool {
	if rec.Format != fp || rec.Dir != dir || rec.Want != want || rec.Code == "" || len(rec.Files) == 0 {
		return false
	}
	for _, f := range rec.Files {
		if !filepath.IsLocal(filepath.FromSlash(f.Path)) {
			return false
		}
	}
	for _, d := range rec.Dirs {
		if d.Path != "." && !filepath.IsLocal(filepath.FromSlash(d.Path)) {
			return false
		}
	}
	return rec.Key == rec.computeKey()
}

// fresh re-reads and re-hashes every input and directory listing: the
// record is good only if all are as they were.
func (rec *bundleRecord) fresh(root *os.Root) bool {
	var total int64
	for _, f := range rec.Files {
		st, err := stampFile(root, f.Path)
		if err != nil || st != f.fileStamp {
			return false
		}
		if total += st.Size; total > MaxBundleInputBytes {
			return false
		}
	}
	for _, d := range rec.Dirs {
		if h, err := hashDir(root, d.Path); err != nil || h != d.Hash {
			return false
		}
	}
	return true
}

// stampFile reads a regular file inside root and returns its size and
// xxhash.
func stampFile(root *os.Root, rel string) (fileStamp, error) {
	p := filepath.FromSlash(rel)
	fi, err := root.Stat(p) // before Open: opening a FIFO would block
	if err != nil {
		return fileStamp{}, err
	}
	if !fi.Mode().IsRegular() {
		return fileStamp{}, fmt.Errorf("%s is not a regular file", rel)
	}
	f, err := root.Open(p)
	if err != nil {
		return fileStamp{}, err
	}
	defer f.Close()
	h := xxhash.New()
	buf := stampBuffers.Get().(*[]byte)
	defer stampBuffers.Put(buf)
	n, err := io.CopyBuffer(h, io.LimitReader(f, MaxBundleInputBytes+1), *buf)
	if err != nil {
		return fileStamp{}, err
	}
	return fileStamp{Size: n, Hash: h.Sum64()}, nil
}

var stampBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// hashDir hashes a directory's sorted names.
func hashDir(root *os.Root, rel string) (uint64, error) {
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return 0, err
	}
	sort.Strings(names)
	h := xxhash.New()
	for _, n := range names {
		h.WriteString(n)
		h.WriteString("\x00")
	}
	return h.Sum64(), nil
}

// bundleFingerprint names everything besides the inputs that shapes a
// bundle: the bundler's settings, esbuild's version and the options.
func bundleFingerprint(opt BundleOptions) string {
	return bundleFormat + " esbuild " + esbuildVersion() + " minify=" + strconv.FormatBool(opt.Minify)
}

var esbuildVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/evanw/esbuild" {
				if d.Replace != nil {
					return d.Replace.Path + "@" + d.Replace.Version
				}
				return d.Version
			}
		}
	}
	return "unknown"
})

// bundleCache is the in-memory cache: one slot per module directory, entry
// and options. A slot's lock is held while its bundle is checked or built,
// so concurrent calls for one module run esbuild once.
type bundleCache struct {
	mu    sync.Mutex
	slots map[string]*bundleSlot
}

type bundleSlot struct {
	mu  sync.Mutex
	rec *bundleRecord // the last good bundle, nil before one
	// onDisk maps the cache files known to hold a bundle to its key.
	onDisk map[string]uint64
}

// persist writes the slot's bundle to cacheFile unless it is known to be
// there. It is best effort: a cache that cannot be written costs the next
// process one esbuild run, not a failure.
func (s *bundleSlot) persist(cacheFile, cacheDir string) {
	if cacheFile == "" || s.rec == nil {
		return
	}
	if k, ok := s.onDisk[cacheFile]; ok && k == s.rec.Key {
		return
	}
	if writeBundleRecord(cacheDir, cacheFile, s.rec) == nil {
		s.onDisk[cacheFile] = s.rec.Key
	}
}

var bundleMemCache = &bundleCache{slots: map[string]*bundleSlot{}}

func (c *bundleCache) slot(id string) *bundleSlot {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slots[id]
	if s == nil {
		s = &bundleSlot{onDisk: map[string]uint64{}}
		c.slots[id] = s
	}
	return s
}

// forgetBundles drops the in-memory bundles of the module directory dir
// (any entry or options), for directories that are gone, such as an
// installer's staging directory.
func forgetBundles(dir string) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	prefix := dir + "\x00"
	bundleMemCache.mu.Lock()
	defer bundleMemCache.mu.Unlock()
	for id := range bundleMemCache.slots {
		if strings.HasPrefix(id, prefix) {
			delete(bundleMemCache.slots, id)
		}
	}
}

// resetBundleMemoryCache forgets every in-memory bundle, as a new process
// would; tests use it to reach the disk cache.
func resetBundleMemoryCache() {
	bundleMemCache.mu.Lock()
	defer bundleMemCache.mu.Unlock()
	bundleMemCache.slots = map[string]*bundleSlot{}
}

// A disk cache file is a header line with the format and the xxhash of the
// rest, then the record as JSON. A file that fails any check is ignored and
// overwritten by the next build.
const bundleFileMagic = "corets-bundle-cache 1"

// maxBundleCacheFile bounds what is read back: the inputs' 64 MiB, the
// code and the source map that holds them again.
const maxBundleCacheFile = 8 * MaxBundleInputBytes

func readBundleRecord(file string) *bundleRecord {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBundleCacheFile+1))
	if err != nil || len(data) > maxBundleCacheFile {
		return nil
	}
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return nil
	}
	var sum uint64
	if _, err := fmt.Sscanf(string(head), bundleFileMagic+" %016x", &sum); err != nil || sum != xxhash.Sum64(body) {
		return nil
	}
	rec := new(bundleRecord)
	if err := json.Unmarshal(body, rec); err != nil {
		return nil
	}
	return rec
}

// writeBundleRecord writes the record to a temporary file and renames it
// into place, so a reader never sees half a file.
func writeBundleRecord(dir, file string, rec *bundleRecord) error {
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".bundle-*")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(tmp, "%s %016x\n", bundleFileMagic, xxhash.Sum64(body))
	if err == nil {
		_, err = tmp.Write(body)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
