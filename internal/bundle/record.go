package bundle

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"sync"
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
// when the Cache has a directory, on disk (encodeRecord).
type bundleRecord struct {
	Format    string       `json:"format"` // bundleFingerprint
	Dir       string       `json:"dir"`    // the module directory, symlinks resolved
	Module    string       `json:"module"` // Options.Module
	Want      string       `json:"want"`   // Options.Entry
	Entry     string       `json:"entry"`
	Key       digest       `json:"key"`
	Files     []fileRecord `json:"files"`
	Dirs      []dirRecord  `json:"dirs"`
	Code      string       `json:"-"` // on disk after the JSON, as is (encodeRecord)
	SourceMap string       `json:"-"`
	Warnings  []Message    `json:"warnings,omitempty"`
	CommonJS  bool         `json:"commonjs,omitempty"` // Result.CommonJS
	Exports   []string     `json:"exports,omitempty"`  // Result.Exports
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

// result is a caller's copy of the record's bundle.
func (rec *bundleRecord) result(cached bool) *Result {
	b := &Result{
		Code:      rec.Code,
		SourceMap: []byte(rec.SourceMap),
		Entry:     rec.Entry,
		Inputs:    make([]string, len(rec.Files)),
		Key:       rec.Key.String(),
		Cached:    cached,
		Warnings:  append([]Message(nil), rec.Warnings...),
		CommonJS:  rec.CommonJS,
		Exports:   append([]string(nil), rec.Exports...),
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
		if total += st.Size; total > MaxInputBytes {
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
	n, err := io.CopyBuffer(h, io.LimitReader(f, MaxInputBytes+1), *buf)
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
func bundleFingerprint(opt Options) string {
	return bundleFormat + " esbuild " + esbuildVersion() + " minify=" + strconv.FormatBool(opt.Minify) +
		" node_env=" + strconv.Quote(opt.NodeEnv) + " node=" + nodeFilesHash()
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
