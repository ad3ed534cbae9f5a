package wasmhost

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// DiskCache is wazero's compilation cache on disk, authenticated: wazero's
// files hold machine code that the host executes, checked by wazero only
// with a CRC32C anyone can recompute, so wazero never reads the shared
// directory.
//
// wazero works in a private directory of this process (under the system's
// temporary directory, mode 0700, made for each compile and removed after
// it). Before each compile, the cache files recorded for that wasm are read
// from the shared directory into memory, verified against their HMAC
// (cachefile.Key), and only then written into the private directory; a file that
// fails is removed and logged, and wazero compiles afresh. After the
// compile, the files wazero added are sealed and copied to the shared
// directory. What wazero reads is therefore always what was verified,
// whatever happens to the shared directory meanwhile.
//
// Shared layout: <dir>/key, and in <dir>/sealed/<wazero's version
// directory>/ each compiled file <name>, its HMAC <name>.mac and, per wasm,
// <sha256 of the wasm>.files listing the file names its compile used.
type DiskCache struct {
	cc     wazero.CompilationCache
	key    []byte
	shared string // <dir>/sealed/<sub>
	work   string // the private directory given to wazero
	files  string // work/<sub>, where wazero keeps its files

	// direct: wazero reads and writes the shared directory through
	// sealedFiles, and the private directory is not used
	direct bool

	mu     sync.Mutex
	closed bool
	sealed map[string]bool // names known to be sealed in shared
	pf     prefetches      // direct mode: diskcache_prefetch.go

	log *slog.Logger
}

// maxCacheFile bounds a compiled file read back: the engine's is a few MB.
const maxCacheFile = 1 << 30

// cacheSealContext names what a seal is for, so that no other sealed thing
// passes for a compiled file.
const cacheSealContext = "corets-wasm wazero cache 1"

// OpenDiskCache opens the authenticated compilation cache in dir. Its
// warnings go to log; nil logs nothing.
func OpenDiskCache(dir string, log *slog.Logger) (*DiskCache, error) {
	Settle()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	key, err := cachefile.Key(dir)
	if err != nil {
		return nil, err
	}
	sweepWorkDirs()
	work, err := os.MkdirTemp("", workPrefix)
	if err != nil {
		return nil, err
	}
	// the private directory exists only during a compile (Compile makes it
	// again, and fails if anyone else did), so a process that exits without
	// Close leaves nothing behind
	defer os.RemoveAll(work)
	cc, err := wazero.NewCompilationCacheWithDir(work)
	if err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(work)
	if err != nil || len(ents) != 1 || !ents[0].IsDir() {
		cc.Close(context.Background())
		return nil, fmt.Errorf("wazero's cache directory in %s is not as expected", work)
	}
	sub := ents[0].Name()
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	c := &DiskCache{cc: cc, key: key, work: work, files: filepath.Join(work, sub),
		shared: filepath.Join(abs, "sealed", sub), sealed: map[string]bool{}, log: log}
	if direct, ok := directCache(sealedFiles{c}); ok {
		cc.Close(context.Background())
		c.cc, c.direct = direct, true
	}
	return c, nil
}

// workPrefix names the private directories in the temporary directory.
const workPrefix = "corets-wazero-"

// sweepWorkDirs removes private directories left by processes that died
// during a compile: none lives longer than a compile.
func sweepWorkDirs() {
	tmp := os.TempDir()
	ents, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), workPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.RemoveAll(filepath.Join(tmp, e.Name()))
		}
	}
}

// CompilationCache is the cache to configure wazero runtimes with; compile
// through Compile.
func (c *DiskCache) CompilationCache() wazero.CompilationCache { return c.cc }

// Compile runs compile, which compiles wasm with a runtime configured with
// CompilationCache, with the verified cache files for wasm in place, and
// seals what it added. Compiles are serialised.
func (c *DiskCache) Compile(wasm []byte, compile func() error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return compile() // wazero's own in-memory cache still serves
	}
	if c.direct {
		return c.compileDirect(wasm, compile)
	}
	// Mkdir, not MkdirAll: a directory someone else made in its place is
	// refused, never read (one of ours that a failed removal left, as
	// Windows may with a file still open, is removed first)
	err := os.Mkdir(c.work, 0o700)
	if errors.Is(err, fs.ErrExist) {
		os.RemoveAll(c.work)
		err = os.Mkdir(c.work, 0o700)
	}
	if err != nil {
		return fmt.Errorf("the compilation cache's private directory: %w", err)
	}
	defer os.RemoveAll(c.work)
	if err := os.Mkdir(c.files, 0o700); err != nil {
		return fmt.Errorf("the compilation cache's private directory: %w", err)
	}
	sum := sha256.Sum256(wasm)
	index := filepath.Join(c.shared, hex.EncodeToString(sum[:])+".files")
	listed := c.readIndex(index)
	var used []string
	for _, name := range listed {
		if c.load(name) {
			used = append(used, name)
		}
	}
	err = compile()
	added := c.store()
	if err != nil {
		return err
	}
	for _, name := range added {
		if !slices.Contains(used, name) {
			used = append(used, name)
		}
	}
	if !slices.Equal(used, listed) && len(used) > 0 {
		cachefile.Write(c.shared, index, []byte(strings.Join(used, "\n")+"\n"))
	}
	return nil
}

// readIndex lists the names in an index file that look like wazero's (64
// hex digits); the index needs no seal, every file it names is verified.
func (c *DiskCache) readIndex(index string) []string {
	data, err := cachefile.Read(index, 64<<10)
	if err != nil {
		return nil
	}
	var names []string
	for _, n := range strings.Fields(string(data)) {
		if isCacheName(n) && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

func isCacheName(n string) bool {
	if len(n) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(n)
	return err == nil && strings.ToLower(n) == n
}

// load verifies a shared file and writes the verified bytes for wazero.
func (c *DiskCache) load(name string) bool {
	data, free := c.verified(name)
	if data == nil {
		return false
	}
	defer free()
	if err := os.WriteFile(filepath.Join(c.files, name), data, 0o600); err != nil {
		return false
	}
	c.sealed[name] = true
	return true
}

// store seals and copies to the shared directory the files wazero wrote in
// the private one, and returns all the names there.
func (c *DiskCache) store() []string {
	ents, err := os.ReadDir(c.files)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range ents {
		name := e.Name()
		if !isCacheName(name) || !e.Type().IsRegular() {
			continue
		}
		names = append(names, name)
		if c.sealed[name] {
			continue
		}
		data, err := cachefile.Read(filepath.Join(c.files, name), maxCacheFile)
		if err != nil {
			continue
		}
		// the seal first: a reader that finds the file without it discards
		// the file, never trusts it
		if cachefile.Write(c.shared, filepath.Join(c.shared, name+".mac"), c.seal(name, data)) == nil &&
			cachefile.Write(c.shared, filepath.Join(c.shared, name), data) == nil {
			c.sealed[name] = true
		}
	}
	return names
}

func (c *DiskCache) seal(name string, data []byte) []byte {
	return cachefile.Seal(c.key, []byte(cacheSealContext), []byte(filepath.Base(c.shared)), []byte(name), data)
}

// Close releases wazero's cache and removes the private directory.
func (c *DiskCache) Close(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil
	}
	c.closed = true
	err := c.cc.Close(ctx)
	os.RemoveAll(c.work)
	return err
}
