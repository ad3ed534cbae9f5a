package kv

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/corets/corets-wasm/internal/filelock"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// sharedLockByte is the byte a shared-mode opener locks on Windows: the one
// before the byte bbolt locks (the file's last possible two). A handle
// cannot lock one range twice, and every shared-mode opener takes this one
// first, so it orders them; a process that keeps the file open takes only
// bbolt's, which bbolt's open then waits for. Elsewhere bbolt's own lock,
// polled every 50 ms, is the only one (filelock grants every lock there).
const sharedLockByte filelock.Byte = 1<<64 - 2

// sharedBackend keeps the store in a bbolt file that it opens for each
// transaction and closes after it (Options.Shared), so that other
// processes can use the file between two transactions of this one.
//
// bbolt locks its file for as long as it is open (flock on Unix,
// LockFileEx on Windows: shared for a read-only open, exclusive for a
// writable one) and reads its meta pages and freelist at open. Opening it
// per transaction therefore gives each transaction the file to itself
// (reads share it) and makes it see every commit of every other process:
// bbolt cannot be told to drop its lock while it stays open, and it
// caches what another process's commit would change.
//
// The wait for another process is open's, not bbolt's (whose polling
// sleeps 50 ms between tries). In this process, mu orders the
// transactions as the file lock would (reads together, writes alone), and
// reads that overlap share one read-only open of the file.
type sharedBackend struct {
	path string
	opt  Options

	mu sync.RWMutex // read for view, write for update

	fileMu sync.Mutex // guards the fields below
	ro     *bolt.DB   // the read-only file views share while one is open
	roUse  int        // views using ro
}

// openShared creates or checks the store file with a writable open, then
// closes it again.
func openShared(path string, opt Options, init func(Backend) error) (*sharedBackend, error) {
	b := &sharedBackend{path: path, opt: opt}
	if err := init(b); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *sharedBackend) open(readOnly bool) (*bolt.DB, error) {
	start := time.Now()
	flag := os.O_RDWR | os.O_CREATE
	if readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(b.path, flag, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", b.path, err)
	}
	// Wait for the file here rather than in bbolt's open, which polls
	// every 50 ms: against a process running transactions back to back
	// (a module writing in a loop) that would hardly ever find the file
	// free, and fail after LockTimeout. Polled every millisecond, the gaps
	// between its transactions are found.
	pause := 50 * time.Microsecond
	for {
		ok, err := filelock.TryLock(f, !readOnly, sharedLockByte)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("store %s: locking: %w", b.path, err)
		}
		if ok {
			break
		}
		if time.Since(start) >= b.opt.LockTimeout {
			f.Close()
			return nil, b.locked(start)
		}
		time.Sleep(pause)
		pause = min(2*pause, time.Millisecond)
	}
	db, err := bolt.Open(b.path, 0o600, &bolt.Options{
		// bbolt locks the file again through f, which holds the lock
		// already (on Windows, f holds another byte, and bbolt's is held
		// only by a process that keeps the file open).
		Timeout:      max(b.opt.LockTimeout-time.Since(start), 100*time.Millisecond),
		ReadOnly:     readOnly,
		NoSync:       b.opt.NoSync,
		FreelistType: bolt.FreelistMapType,
		OpenFile:     func(string, int, os.FileMode) (*os.File, error) { return f, nil },
	})
	if errors.Is(err, berrors.ErrTimeout) {
		f.Close()
		return nil, b.locked(start)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("store %s: %w", b.path, err)
	}
	return db, nil
}

func (b *sharedBackend) locked(start time.Time) error {
	return errorf(ErrLocked, "store %s is in use by another process: waited %s for it (a program that keeps it open, such as an embedding program's runtime, must close it first)",
		b.path, time.Since(start).Round(100*time.Millisecond))
}

func (b *sharedBackend) View(fn func(Bucket) error) error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	db, err := b.acquireRO()
	if err != nil {
		return err
	}
	defer b.releaseRO()
	return db.View(func(tx *bolt.Tx) error { return fn(boltRoot{tx}) })
}

// acquireRO returns the read-only file the views in flight share, opening
// it if none is open.
func (b *sharedBackend) acquireRO() (*bolt.DB, error) {
	b.fileMu.Lock()
	defer b.fileMu.Unlock()
	if b.ro == nil {
		db, err := b.open(true)
		if err != nil {
			return nil, err
		}
		b.ro = db
	}
	b.roUse++
	return b.ro, nil
}

// releaseRO closes the shared read-only file when its last view is done.
func (b *sharedBackend) releaseRO() {
	b.fileMu.Lock()
	defer b.fileMu.Unlock()
	b.roUse--
	if b.roUse == 0 {
		b.ro.Close()
		b.ro = nil
	}
}

func (b *sharedBackend) Update(fn func(Bucket) error) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	db, err := b.open(false)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error { return fn(boltRoot{tx}) })
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("store %s: %w", b.path, cerr)
	}
	return err
}

// close has nothing to close: no file stays open between transactions,
// and DB.Close waits for those in flight.
func (b *sharedBackend) Close() error { return nil }
