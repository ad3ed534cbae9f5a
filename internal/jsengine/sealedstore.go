package jsengine

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/corets/corets-wasm/internal/cachefile"
)

// sealedStore is a directory of records the engine wrote for itself (its
// start-up snapshot, compiled scripts), each sealed with the cache
// directory's key (cachefile.Key). Both kinds are code to the engine: a
// snapshot becomes an instance's memory and bytecode is run by
// JS_ReadObject, which trusts it. So a record is read whole into memory,
// its seal is checked over exactly those bytes, and only those bytes are
// used; a record that fails is logged, removed and made again.
//
// The store is a cache: a directory that cannot be written (read-only,
// disk full) costs the work it would have saved, logged once, and never a
// failure.
type sealedStore struct {
	dir     string // <cache dir>/<kind>
	kind    string // sealed into every record, so no other sealed thing passes for one
	key     []byte
	maxSize int64 // the largest record read back
	keep    int   // records kept; past it the least recently written go
	log     *slog.Logger

	warnOnce sync.Once
}

// openSealedStore opens the store sub of the engine's cache directory
// root, or returns nil when there is none or its key cannot be had (logged:
// the engine then works without it).
func openSealedStore(root, sub, kind string, maxSize int64, keep int, log *slog.Logger) *sealedStore {
	if root == "" {
		return nil
	}
	key, err := cachefile.Key(root)
	if err != nil {
		log.Warn("the engine's disk cache is off", "dir", root, "err", err)
		return nil
	}
	return &sealedStore{dir: filepath.Join(root, sub), kind: kind, key: key, maxSize: maxSize, keep: keep, log: log}
}

// A record is its payload followed by the seal (HMAC-SHA256) of the kind,
// the record's name and the payload.
const sealSize = sha256.Size

func (s *sealedStore) seal(name string, payload []byte) []byte {
	return cachefile.Seal(s.key, []byte(s.kind), []byte(name), payload)
}

// read returns the verified payload of the record name (a hex digest), or
// nil if there is none or it fails verification (then it is removed).
func (s *sealedStore) read(name string) []byte {
	file := filepath.Join(s.dir, name)
	data, err := cachefile.Read(file, s.maxSize+sealSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && len(data) < sealSize {
		err = errors.New("shorter than its seal")
	}
	if err == nil {
		payload, mac := data[:len(data)-sealSize], data[len(data)-sealSize:]
		if hmac.Equal(mac, s.seal(name, payload)) {
			return payload[:len(payload):len(payload)]
		}
		err = errors.New("its seal does not match")
	}
	s.discard(name, err)
	return nil
}

// discard removes a record that failed verification, or whose verified
// contents do not fit what it was looked up for.
func (s *sealedStore) discard(name string, why error) {
	file := filepath.Join(s.dir, name)
	s.log.Warn("discarded an engine cache record that failed verification; it will be made again",
		"file", file, "err", why)
	os.Remove(file)
}

// write seals payload and stores it as name, replacing any record of that
// name whole, and removes the oldest records past the store's bound.
func (s *sealedStore) write(name string, payload []byte) {
	rec := make([]byte, 0, len(payload)+sealSize)
	rec = append(append(rec, payload...), s.seal(name, payload)...)
	if err := cachefile.Write(s.dir, filepath.Join(s.dir, name), rec); err != nil {
		s.warnOnce.Do(func() {
			s.log.Warn("cannot write the engine's disk cache; working without it", "dir", s.dir, "err", err)
		})
		return
	}
	s.prune()
}

// prune keeps the keep most recently written records.
func (s *sealedStore) prune() {
	ents, err := os.ReadDir(s.dir)
	if err != nil || len(ents) <= s.keep {
		return
	}
	type rec struct {
		name string
		mod  int64
	}
	var recs []rec
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() {
			recs = append(recs, rec{e.Name(), fi.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(recs, func(a, b rec) int { return int(min(max(b.mod-a.mod, -1), 1)) })
	for _, r := range recs[min(s.keep, len(recs)):] {
		os.Remove(filepath.Join(s.dir, r.name))
	}
}

// digest is the sha256 of parts, each length-prefixed so that no two lists
// of parts hash alike.
func digest(parts ...[]byte) [sha256.Size]byte {
	d := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		d.Write(n[:])
		d.Write(p)
	}
	var sum [sha256.Size]byte
	d.Sum(sum[:0])
	return sum
}
