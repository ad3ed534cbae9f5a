package kv

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Defaults and ceilings of Options.
const (
	DefaultMaxKeyBytes   = 1024
	DefaultMaxValueBytes = 1 << 20
	DefaultMaxListBytes  = 4 << 20
	DefaultLockTimeout   = time.Second
	// DefaultSharedLockTimeout is LockTimeout's default with Shared.
	DefaultSharedLockTimeout = 10 * time.Second

	// MaxKeyBytesCeiling is bbolt's own key limit; larger settings are cut to it.
	MaxKeyBytesCeiling = bolt.MaxKeySize
	// MaxValueBytesCeiling is bbolt's value limit less the version prefix.
	MaxValueBytesCeiling = bolt.MaxValueSize - versionLen

	// ListLimit is the most entries one List call returns.
	ListLimit = 1000
)

// Options configure a DB. The zero value gives the defaults.
type Options struct {
	// MaxKeyBytes is the longest key (default 1024, at most
	// MaxKeyBytesCeiling).
	MaxKeyBytes int
	// MaxValueBytes is the largest value (default 1 MiB, at most
	// MaxValueBytesCeiling).
	MaxValueBytes int
	// MaxListBytes bounds the keys and values of one List page (default
	// 4 MiB), so a page of ListLimit large values cannot exhaust the host.
	// A page always holds at least one entry.
	MaxListBytes int
	// LockTimeout is how long Open waits for another process to release
	// the file before failing with ErrLocked (default 1s; with Shared, how
	// long each transaction waits, default 10s).
	LockTimeout time.Duration
	// Shared opens the file for each transaction and closes it after it,
	// instead of once for the DB's life, so that several processes can use
	// one store at once: each transaction waits (up to LockTimeout) while
	// another process's transaction or open DB holds the file, and sees
	// every transaction committed before it, whichever process made it.
	// Compare-and-set works across processes. The price is an open of the
	// file per transaction (see BenchmarkSet). Without Shared, the first
	// process to open the file keeps it to itself until Close.
	Shared bool
	// NoSync skips fsync after each write: a crash may lose acknowledged
	// writes. For tests only.
	NoSync bool
}

func (o Options) normalized() Options {
	if o.MaxKeyBytes <= 0 {
		o.MaxKeyBytes = DefaultMaxKeyBytes
	}
	o.MaxKeyBytes = min(o.MaxKeyBytes, MaxKeyBytesCeiling)
	if o.MaxValueBytes <= 0 {
		o.MaxValueBytes = DefaultMaxValueBytes
	}
	o.MaxValueBytes = min(o.MaxValueBytes, MaxValueBytesCeiling)
	if o.MaxListBytes <= 0 {
		o.MaxListBytes = DefaultMaxListBytes
	}
	if o.LockTimeout <= 0 {
		o.LockTimeout = DefaultLockTimeout
		if o.Shared {
			o.LockTimeout = DefaultSharedLockTimeout
		}
	}
	return o
}

// DB is a store: a bbolt file or memory. It is safe for concurrent use.
type DB struct {
	be   Backend
	opt  Options
	path string

	// mu is held for reading by every operation and for writing by Close,
	// so Close waits for operations in flight and none start after it.
	mu     sync.RWMutex
	closed bool

	// name is the store as errors and Name show it.
	name string
	// local tells watchers of this process about its writes, for backends
	// that cannot report changes themselves (watch.go).
	local localWatchers
}

// Open opens the store file at path, creating it (mode 0600) and its parent
// directory (0700) if missing. If another process has it open, Open waits
// up to opt.LockTimeout and then fails with ErrLocked. With opt.Shared the
// file is open only during each transaction (see Options.Shared).
func Open(path string, opt Options) (*DB, error) {
	opt = opt.normalized()
	if path == "" {
		return nil, errorf(ErrInvalid, "store path is empty")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if opt.Shared {
		db := &DB{opt: opt, path: path, name: path}
		be, err := openShared(path, opt, func(be Backend) error {
			db.be = be
			return db.init()
		})
		if err != nil && !strings.Contains(err.Error(), path) {
			err = fmt.Errorf("store %s: %w", path, err) // not already said by the backend's open
		}
		if err != nil {
			return nil, err
		}
		db.be = be
		return db, nil
	}
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      opt.LockTimeout,
		NoSync:       opt.NoSync,
		FreelistType: bolt.FreelistMapType,
	})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, errorf(ErrLocked, "store %s is in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db := &DB{be: &boltBackend{db: bdb}, opt: opt, path: path, name: path}
	if err := db.init(); err != nil {
		bdb.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return db, nil
}

// OpenMemory returns a store that lives in memory only and behaves like a
// file store in every other way.
func OpenMemory(opt Options) *DB {
	db := &DB{be: newMemBackend(), opt: opt.normalized(), name: "memory"}
	_ = db.init() // writes one record into an empty map: it cannot fail
	return db
}

// OpenBackend makes a DB of a backend from another package (such as
// kv/etcdkv's): it writes the format record into an empty store, or checks
// the one there, and closes be when the DB is closed or if it fails. name
// is the store as errors and Name show it (never a password).
func OpenBackend(be Backend, name string, opt Options) (*DB, error) {
	db := &DB{be: be, opt: opt.normalized(), name: name}
	if err := db.init(); err != nil {
		be.Close()
		return nil, fmt.Errorf("store %s: %w", name, err)
	}
	return db, nil
}

// init writes the format record into an empty store, or checks the one
// already there.
func (db *DB) init() error {
	err := db.be.Update(func(root Bucket) error {
		if root.Bucket([]byte(formatBucket)) == nil {
			foreign := false
			root.Scan(nil, func(_, _ []byte) bool {
				foreign = true
				return false
			})
			if foreign {
				return fmt.Errorf("%w: a bbolt file without this package's format record", ErrCorrupt)
			}
		}
		fb, err := root.CreateBucket([]byte(formatBucket))
		if err != nil {
			return err
		}
		switch got := fb.Get([]byte(formatKey)); {
		case got == nil:
			return fb.Put([]byte(formatKey), []byte(formatValue))
		case !bytes.Equal(got, []byte(formatValue)):
			return fmt.Errorf("%w: format %q, this version reads %q", ErrCorrupt, got, formatValue)
		}
		return errNoChange
	})
	if err == errNoChange {
		return nil
	}
	return err
}

// Close waits for operations in flight, then closes the store. Every call
// after it, Close included, returns ErrClosed.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return ErrClosed
	}
	db.closed = true
	return db.be.Close()
}

// Path returns the file's path as given to Open, "" for a store that is
// not a file.
func (db *DB) Path() string { return db.path }

// Name is the store as errors show it: the file's path, "memory", or the
// location a backend was opened with.
func (db *DB) Name() string { return db.name }

func (db *DB) view(fn func(root Bucket) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.closed {
		return ErrClosed
	}
	return db.be.View(fn)
}

// errNoChange ends a write transaction that found nothing to do, so it
// rolls back instead of committing (and syncing) nothing.
var errNoChange = errors.New("no change")

func (db *DB) update(fn func(root Bucket) error) error {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.closed {
		return ErrClosed
	}
	err := db.be.Update(fn)
	if err == errNoChange {
		return nil
	}
	return err
}

func (db *DB) isClosed() bool {
	db.mu.RLock()
	defer db.mu.RUnlock()
	return db.closed
}

// Module returns the partition of the module code, limited by q. The quota
// belongs to the returned handle, not to the file: the host passes the
// module's current quota each time. An invalid code (empty, starting with
// "_", over MaxNameBytes, not UTF-8, control characters) gives a partition
// whose every call fails with ErrInvalid.
func (db *DB) Module(code string, q Quota) *Partition {
	err := checkModuleCode(code)
	label := "module " + quote(code)
	if err == nil {
		label = "module " + strconv.Quote(code)
	}
	return &Partition{
		db:     db,
		kind:   kindModule,
		bucket: []byte(modulePrefix + code),
		label:  label,
		quota:  q,
		err:    err,
	}
}

// Shared returns the partition of shared groups, one for all modules,
// limited as a whole by q.
func (db *DB) Shared(q Quota) *Partition {
	return &Partition{db: db, kind: kindShared, bucket: []byte(sharedBucket), label: "shared groups", quota: q}
}

// System returns the runtime's own partition: only groups whose names
// start with "_", no quota.
func (db *DB) System() *Partition {
	return &Partition{db: db, kind: kindSystem, bucket: []byte(systemBucket), label: "system groups"}
}

// DeleteModule removes every group and key of the module code in one
// transaction. The partition's version counter stays, so if the module
// comes back it never sees a version it saw before. Deleting a module with
// no data is not an error.
func (db *DB) DeleteModule(code string) error {
	if db.isClosed() {
		return ErrClosed
	}
	if err := checkModuleCode(code); err != nil {
		return err
	}
	name := []byte(modulePrefix + code)
	err := db.update(func(root Bucket) error {
		pb := root.Bucket(name)
		if pb == nil {
			return errNoChange
		}
		m, err := readMeta(pb)
		if err != nil {
			return err
		}
		if err := root.DeleteBucket(name); err != nil {
			return err
		}
		pb, err = root.CreateBucket(name)
		if err != nil {
			return err
		}
		return writeMeta(pb, meta{seq: m.seq})
	})
	if err == nil {
		db.changedAll(name)
	}
	return err
}

// Modules returns, in byte order, the codes of the modules whose partitions
// hold at least one key: for finding data left by modules no longer
// installed.
func (db *DB) Modules() ([]string, error) {
	var codes []string
	err := db.view(func(root Bucket) error {
		codes = nil // a backend may run fn again
		root.Scan([]byte(modulePrefix), func(k, _ []byte) bool {
			if !bytes.HasPrefix(k, []byte(modulePrefix)) {
				return false
			}
			if pb := root.Bucket(k); pb != nil && hasGroup(pb) {
				codes = append(codes, strings.TrimPrefix(string(k), modulePrefix))
			}
			return true
		})
		return nil
	})
	return codes, err
}
