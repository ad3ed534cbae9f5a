package cachefile

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// KeyFile is the name of the file, in a cache directory, that holds the
// key authenticating that directory's entries.
const KeyFile = "key"

// keySize is the size of a cache key: an HMAC-SHA256 key.
const keySize = 32

var keys struct {
	mu   sync.Mutex
	keys map[string][]byte // by absolute directory
}

// CacheKey returns the secret key that authenticates the entries of the
// cache directory dir: 32 random bytes in dir/key, created with mode 0600
// and O_EXCL on first use, and read once per process (a key replaced while
// the process runs is not used by it).
//
// Every cache of code (bundles, compiled wasm) seals its entries with an
// HMAC under this key, so an entry written by anyone who does not know the
// key (a module granted a directory holding the cache) is refused. The key
// is only as secret as the directory: cache directories are reserved from
// every file grant.
func Key(dir string) ([]byte, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	keys.mu.Lock()
	defer keys.mu.Unlock()
	if k := keys.keys[abs]; k != nil {
		return k, nil
	}
	k, err := loadKey(abs)
	if err != nil {
		return nil, fmt.Errorf("cache key in %s: %w", abs, err)
	}
	if keys.keys == nil {
		keys.keys = map[string][]byte{}
	}
	keys.keys[abs] = k
	return k, nil
}

func loadKey(dir string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, KeyFile)
	for range 3 {
		k := make([]byte, keySize)
		rand.Read(k)
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, err = f.Write(k)
			if err == nil {
				err = f.Sync()
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				os.Remove(file)
				return nil, err
			}
			return k, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		k, err = readKey(file)
		if err == nil {
			return k, nil
		}
		// A key that is not ours (wrong size, a link, readable by others):
		// every entry sealed with it is suspect; a new key makes them all
		// fail verification, and they are rebuilt.
		if rerr := os.Remove(file); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w; removing it: %v", err, rerr)
		}
	}
	return nil, errors.New("cannot create the key file")
}

func readKey(file string) ([]byte, error) {
	fi, err := os.Lstat(file)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() != keySize {
		return nil, fmt.Errorf("%s is not a %d-byte regular file", file, keySize)
	}
	if err := checkKeyMode(fi); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	k, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(k) != keySize {
		return nil, fmt.Errorf("%s is not %d bytes", file, keySize)
	}
	return k, nil
}

// Seal is the HMAC-SHA256 under key of the parts, each length-prefixed so
// that no two lists of parts seal alike.
func Seal(key []byte, parts ...[]byte) []byte {
	m := hmac.New(sha256.New, key)
	var n [8]byte
	for _, p := range parts {
		putLen(n[:], len(p))
		m.Write(n[:])
		m.Write(p)
	}
	return m.Sum(nil)
}

func putLen(b []byte, n int) {
	for i := range 8 {
		b[i] = byte(uint64(n) >> (8 * i))
	}
}
