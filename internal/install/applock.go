package install

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/corets/corets-wasm/internal/filelock"
)

// lockByte is the byte the app root's locks take on Windows: far past the
// holder's note at the start of the file, which Windows would otherwise
// refuse to let the waiting processes read (its locks are mandatory).
// Elsewhere than Unix and Windows the locks hold within a process only
// (filelock grants every lock): installs and removals from two processes
// at once are the caller's to prevent there.
const lockByte filelock.Byte = 1 << 32 // 4 GiB

// Installs, removals and loads of installed modules coordinate across
// processes through two lock files in <app root>/.corets (a directory
// modules never reach):
//
//   - install.lock is held exclusively by an install or a removal from
//     start to end (fetch, vet, approve, swap), so that one runs at a time
//     under an app root whichever process runs it: two installs of one
//     code cannot interleave their swaps and leave a directory that does
//     not match its record.
//   - modules.lock is held exclusively while an install or removal changes
//     <app root>/modules/<code> and its record (swap), and shared while a
//     module installed there is loaded (read, verified, bundled, started:
//     LockForLoad). A load never sees half a swap, and a module already
//     running is never held up by an install: it runs the version it
//     loaded.
//
// The locks are the operating system's (flock, LockFileEx), so a process
// that dies holds nothing. In this process an installer's own load of the
// module it just swapped in is marked in its context and takes no lock.
const (
	installLockFile = "install.lock"
	modulesLockFile = "modules.lock"
)

// LockWait bounds how long an install, a removal or a load waits for
// another process's install or removal before it fails with ErrBusy.
var LockWait = 2 * time.Minute

// lockedKey marks a context whose installer holds the app root's
// modules.lock (the value is the app root).
type lockedKey struct{}

// LockForLoad takes the app root's modules.lock shared, for loading a
// module installed under appRoot: it waits while another process (or
// goroutine) swaps a module in or out. The installer's own loads (its
// context says it holds the lock) take nothing. If the lock file cannot be
// made (an app root on a read-only disk, where nothing installs either),
// the load goes ahead unlocked.
func LockForLoad(ctx context.Context, appRoot string) (unlock func(), err error) {
	if held, _ := ctx.Value(lockedKey{}).(string); held == appRoot {
		return func() {}, nil
	}
	f, err := openLockFile(appRoot, modulesLockFile)
	if err != nil {
		return func() {}, nil
	}
	return acquire(ctx, f, false, "another process is installing or removing modules in "+appRoot)
}

// lockModules takes the app root's modules.lock exclusively, for a swap or
// a removal, and returns ctx marked so that the installer's own loads do
// not wait for it.
func lockModules(ctx context.Context, appRoot string) (context.Context, func(), error) {
	f, err := openLockFile(appRoot, modulesLockFile)
	if err != nil {
		return ctx, nil, err
	}
	unlock, err := acquire(ctx, f, true, "modules are being installed, removed or loaded in "+appRoot+" by another process")
	if err != nil {
		return ctx, nil, err
	}
	return context.WithValue(ctx, lockedKey{}, appRoot), unlock, nil
}

// lockInstalls takes the app root's install.lock exclusively.
func lockInstalls(ctx context.Context, appRoot string) (func(), error) {
	f, err := openLockFile(appRoot, installLockFile)
	if err != nil {
		return nil, err
	}
	return acquire(ctx, f, true, "another process is installing or removing modules in "+appRoot)
}

func openLockFile(appRoot, name string) (*os.File, error) {
	dir := filepath.Join(appRoot, ".corets")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o600)
}

// acquire locks f, waiting (and polling, as the locks cannot be waited on
// with a deadline) until ctx is done or LockWait has passed. An exclusive
// holder writes who it is into the file for the waiters' error message.
// f is closed on failure and by the returned unlock; busy says what keeps
// the lock in the error after LockWait.
func acquire(ctx context.Context, f *os.File, exclusive bool, busy string) (func(), error) {
	start := time.Now()
	pause := 2 * time.Millisecond
	for {
		ok, err := filelock.TryLock(f, exclusive, lockByte)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", f.Name(), err)
		}
		if ok {
			break
		}
		waited := time.Since(start)
		if waited >= LockWait {
			holder := readHolder(f)
			f.Close()
			return nil, fmt.Errorf("%w: %s%s; waited %s", ErrBusy, busy, holder, waited.Round(time.Millisecond))
		}
		t := time.NewTimer(min(pause, LockWait-waited))
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
	if exclusive {
		writeHolder(f)
	}
	return func() {
		if exclusive {
			f.Truncate(0)
		}
		filelock.Unlock(f, lockByte)
		f.Close()
	}, nil
}

// writeHolder notes in the lock file which process holds it: the
// program's name, its first argument when that is a command word
// (corets-wasm's subcommand; never a path or URL, which could hold a
// secret), its pid and since when.
func writeHolder(f *os.File) {
	prog := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	if len(os.Args) > 1 && isWord(os.Args[1]) {
		prog += " " + os.Args[1]
	}
	note := fmt.Sprintf("%s (pid %d, since %s)", prog, os.Getpid(), time.Now().UTC().Format("15:04:05 UTC"))
	f.Truncate(0)
	f.WriteAt([]byte(note), 0)
}

// readHolder is ": held by <note>" from the lock file, or "".
func readHolder(f *os.File) string {
	b := make([]byte, 200)
	n, _ := f.ReadAt(b, 0)
	note := strings.TrimSpace(string(b[:n]))
	if note == "" || !isPrintable(note) {
		return ""
	}
	return " (" + note + ")"
}

func isWord(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func isPrintable(s string) bool {
	for _, c := range s {
		if c < ' ' || c == 0x7f {
			return false
		}
	}
	return true
}
