package modules

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/corets/corets-wasm/internal/wasmhost"
)

// digest is a sha256, written in hex in a disk record.
type digest [sha256.Size]byte

func (d digest) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(d[:])), nil }

func (d *digest) UnmarshalText(b []byte) error {
	if hex.DecodedLen(len(b)) != len(d) {
		return errors.New("not a sha256")
	}
	_, err := hex.Decode(d[:], b)
	return err
}

func (d digest) String() string { return hex.EncodeToString(d[:]) }

// bundleRecord is a bundle with what it was made from: kept in memory and,
// with a CacheDir, on disk as JSON.
type bundleRecord struct {
	Format    string          `json:"format"` // bundleFingerprint
	Dir       string          `json:"dir"`    // the module directory, symlinks resolved
	Module    string          `json:"module"` // the module's code, "" for Bundle's callers
	Want      string          `json:"want"`   // BundleOptions.Entry
	Entry     string          `json:"entry"`
	Key       digest          `json:"key"`
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
	Hash digest `json:"hash"`
}

// bundled is a caller's copy of the record's bundle.
func (rec *bundleRecord) bundled(cached bool) *Bundled {
	b := &Bundled{
		Code:      rec.Code,
		SourceMap: []byte(rec.SourceMap),
		Entry:     rec.Entry,
		Inputs:    make([]string, len(rec.Files)),
		Key:       rec.Key.String(),
		Cached:    cached,
		Warnings:  append([]BundleMessage(nil), rec.Warnings...),
		sums:      make(map[string]string, len(rec.Files)),
	}
	for i, f := range rec.Files {
		b.Inputs[i] = f.Path
		b.sums[f.Path] = f.Hash.String()
	}
	return b
}

// computeKey is the sha256 of everything that shapes the bundle: the
// bundler's format, esbuild's version and the options (Format), the module
// directory and code, the entry asked for and used, and every input's path,
// size and content hash and every directory listing's hash. Each part is
// length-prefixed, so no two different lists hash alike.
func (rec *bundleRecord) computeKey() digest {
	h := sha256.New()
	var n [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	num := func(v int) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str("corets bundle key 2")
	for _, s := range []string{rec.Format, rec.Dir, rec.Module, rec.Want, rec.Entry} {
		str(s)
	}
	num(len(rec.Files))
	for _, f := range rec.Files {
		str(f.Path)
		num(int(f.Size))
		h.Write(f.Hash[:])
	}
	num(len(rec.Dirs))
	for _, d := range rec.Dirs {
		str(d.Path)
		h.Write(d.Hash[:])
	}
	var k digest
	h.Sum(k[:0])
	return k
}

// matches reports whether a record read from disk is for this module
// (directory and code), entry and options, and holds nothing a module could
// not have produced.
func (rec *bundleRecord) matches(dir, module, want, fp string) bool {
	if rec.Format != fp || rec.Dir != dir || rec.Module != module || rec.Want != want || rec.Code == "" || len(rec.Files) == 0 {
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
// sha256.
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
	h := sha256.New()
	buf := stampBuffers.Get().(*[]byte)
	defer stampBuffers.Put(buf)
	n, err := io.CopyBuffer(h, io.LimitReader(f, MaxBundleInputBytes+1), *buf)
	if err != nil {
		return fileStamp{}, err
	}
	st := fileStamp{Size: n}
	h.Sum(st.Hash[:0])
	return st, nil
}

var stampBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// hashDir is the sha256 of a directory's sorted names.
func hashDir(root *os.Root, rel string) (digest, error) {
	f, err := root.Open(filepath.FromSlash(rel))
	if err != nil {
		return digest{}, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return digest{}, err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0}) // a name holds no NUL
	}
	var d digest
	h.Sum(d[:0])
	return d, nil
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
	onDisk map[string]digest
}

// persist writes the slot's bundle to cacheFile unless it is known to be
// there. It is best effort: a cache that cannot be written costs the next
// process one esbuild run, not a failure.
func (s *bundleSlot) persist(cacheFile, cacheDir string, key []byte) {
	if cacheFile == "" || s.rec == nil {
		return
	}
	if k, ok := s.onDisk[cacheFile]; ok && k == s.rec.Key {
		return
	}
	if writeBundleRecord(cacheDir, cacheFile, key, s.rec) == nil {
		s.onDisk[cacheFile] = s.rec.Key
	}
}

var bundleMemCache = &bundleCache{slots: map[string]*bundleSlot{}}

func (c *bundleCache) slot(id string) *bundleSlot {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.slots[id]
	if s == nil {
		s = &bundleSlot{onDisk: map[string]digest{}}
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

// A disk cache file is a header line with the format and the HMAC-SHA256
// (under the cache directory's key, wasmhost.CacheKey) of the file's name and
// the rest, then the record as JSON. Its name is the sha256 of the module
// directory, code, entry and options. Anything that can write the directory
// but does not hold the key cannot make a file that passes: such a file is
// removed, logged, and the bundle built again. A file that passes is still
// used only if it was made for this module and options and its inputs are
// unchanged (matches, fresh).
const bundleFileMagic = "corets-bundle-cache 2"

// bundleSealContext names what a seal is for.
const bundleSealContext = "corets-wasm bundle cache 2"

// maxBundleCacheFile bounds what is read back: the inputs' 64 MiB, the
// code and the source map that holds them again.
const maxBundleCacheFile = 8 * MaxBundleInputBytes

// bundleCacheFile names the cache file of a module directory, code, entry
// and options (id).
func bundleCacheFile(cacheDir, id string) string {
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(cacheDir, hex.EncodeToString(sum[:])+".bundle")
}

func sealBundle(key []byte, file string, body []byte) []byte {
	return wasmhost.Seal(key, []byte(bundleSealContext), []byte(filepath.Base(file)), body)
}

// cacheLog is where the disk cache's warnings go: opt.Logger, with the
// module's code when there is one; nowhere without a logger.
func cacheLog(opt BundleOptions, module string) *slog.Logger {
	if opt.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	if module != "" {
		return opt.Logger.With("module", module)
	}
	return opt.Logger
}

// readBundleRecord reads and verifies a cache file. A missing file is nil,
// nil; a file that fails verification is removed and logged, and nil.
func readBundleRecord(file string, key []byte, log *slog.Logger) *bundleRecord {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBundleCacheFile+1))
	if err != nil {
		return nil
	}
	if err := checkBundleFile(data, file, key); err != nil {
		log.Warn("discarded a bundle cache file that failed verification; the bundle will be built again",
			"file", file, "err", err)
		os.Remove(file)
		return nil
	}
	_, body, _ := bytes.Cut(data, []byte("\n"))
	rec := new(bundleRecord)
	if err := json.Unmarshal(body, rec); err != nil {
		return nil
	}
	return rec
}

func checkBundleFile(data []byte, file string, key []byte) error {
	if len(data) > maxBundleCacheFile {
		return fmt.Errorf("larger than %d bytes", maxBundleCacheFile)
	}
	head, body, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return errors.New("no header line")
	}
	mac, ok := bytes.CutPrefix(head, []byte(bundleFileMagic+" "))
	if !ok {
		return errors.New("not a " + bundleFileMagic + " file")
	}
	got := make([]byte, hex.DecodedLen(len(mac)))
	if _, err := hex.Decode(got, mac); err != nil || !hmac.Equal(got, sealBundle(key, file, body)) {
		return errors.New("its seal does not match")
	}
	return nil
}

// writeBundleRecord writes the sealed record to a temporary file and
// renames it into place, so a reader never sees half a file.
func writeBundleRecord(dir, file string, key []byte, rec *bundleRecord) error {
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	head := fmt.Sprintf("%s %x\n", bundleFileMagic, sealBundle(key, file, body))
	return wasmhost.WriteCacheFile(dir, file, append([]byte(head), body...))
}

// bundleCacheKey is the key of a bundle cache directory; nil (no disk
// cache) when it cannot be had.
func bundleCacheKey(dir string, log *slog.Logger) []byte {
	k, err := wasmhost.CacheKey(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrPermission) {
			log.Warn("bundling without the disk cache", "dir", dir, "err", err)
		}
		return nil
	}
	return k
}
