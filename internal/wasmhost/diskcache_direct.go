package wasmhost

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"unsafe"

	"github.com/tetratelabs/wazero"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// sealedFiles is wazero's file cache served straight from the shared
// directory: Get hands wazero the bytes it has just verified, from memory,
// and Add seals what wazero compiled. It saves each process start the
// private directory's round trip (the engine's 3.4 MB compiled file written
// out, then read back by wazero eight bytes at a time).
//
// wazero has no public way to give it a file cache (its CompilationCache
// keeps one in an unexported field), so directCache sets that field, and
// only after checking that it exists and that sealedFiles has every method
// of its type; with any other wazero, OpenDiskCache keeps to the private
// directory.
type sealedFiles struct{ c *DiskCache }

// Get returns the verified bytes of the file for key, or a miss: a file
// that fails verification is removed and logged (DiskCache.verified), and
// wazero compiles afresh. It never fails: an error would fail the compile.
func (s sealedFiles) Get(key [sha256.Size]byte) (io.ReadCloser, bool, error) {
	name := hex.EncodeToString(key[:])
	v, ok := s.c.pf.take(name)
	if !ok {
		v.data, v.free = s.c.verified(name)
	}
	data, free := v.data, v.free
	if data == nil {
		return nil, false, nil
	}
	return &bufReader{Reader: bytes.NewReader(data), free: free}, true, nil
}

// bufReader reads a verified file's buffer and frees it on Close, which
// wazero calls once it has copied the compiled code out.
type bufReader struct {
	*bytes.Reader
	free func()
}

func (r *bufReader) Close() error {
	if r.free != nil {
		r.Reader.Reset(nil) // no read may reach the freed buffer
		r.free()
		r.free = nil
	}
	return nil
}

// Add seals a compiled file and writes it, seal first: a reader that finds
// the file without its seal discards it.
func (s sealedFiles) Add(key [sha256.Size]byte, content io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(content, maxCacheFile+1))
	if err != nil || len(data) > maxCacheFile {
		return nil // not cached; the compile itself succeeded
	}
	name := hex.EncodeToString(key[:])
	file := filepath.Join(s.c.shared, name)
	if cachefile.Write(s.c.shared, file+".mac", s.c.seal(name, data)) == nil {
		cachefile.Write(s.c.shared, file, data)
	}
	return nil
}

// Delete removes a file wazero found stale (made by another wazero).
func (s sealedFiles) Delete(key [sha256.Size]byte) error {
	file := filepath.Join(s.c.shared, hex.EncodeToString(key[:]))
	os.Remove(file)
	os.Remove(file + ".mac")
	return nil
}

// directCache returns a wazero compilation cache whose file cache is
// files, or false if this wazero's cache is not laid out as expected.
func directCache(files sealedFiles) (wazero.CompilationCache, bool) {
	cc := wazero.NewCompilationCache()
	v := reflect.ValueOf(cc)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	f := v.Elem().FieldByName("fileCache")
	if !f.IsValid() || f.Kind() != reflect.Interface || !f.IsNil() || !reflect.TypeOf(files).Implements(f.Type()) {
		return nil, false
	}
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(reflect.ValueOf(files))
	return cc, true
}

// verified reads the shared file name and its seal, and returns the bytes
// if the seal matches them; nil if there is no file, and nil after
// removing and logging one that fails.
func (c *DiskCache) verified(name string) (data []byte, free func()) {
	file := filepath.Join(c.shared, name)
	data, free, err := readFileBuf(file, maxCacheFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var mac []byte
	if err == nil {
		mac, err = cachefile.Read(file+".mac", 64)
	}
	if err == nil && !hmac.Equal(mac, c.seal(name, data)) {
		err = errors.New("its seal does not match")
	}
	if err != nil {
		if free != nil {
			free()
		}
		c.log.Warn("discarded a compilation cache file that failed verification; it will be compiled again",
			"file", file, "err", err)
		os.Remove(file)
		os.Remove(file + ".mac")
		return nil, nil
	}
	return data, free
}
