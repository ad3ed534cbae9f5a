package kv

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock locks, without waiting, the byte before the one bbolt locks
// (the file's last possible two): on Windows a handle cannot lock one
// range twice, and every shared-mode opener takes this one first, so it
// orders them; a process that keeps the file open takes only bbolt's,
// which bbolt's open then waits for.
func tryLock(f *os.File, exclusive bool) (bool, error) {
	flags := uint32(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if exclusive {
		flags |= windows.LOCKFILE_EXCLUSIVE_LOCK
	}
	ol := &windows.Overlapped{Offset: 1<<32 - 2, OffsetHigh: 1<<32 - 1}
	err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, windows.ERROR_LOCK_VIOLATION), errors.Is(err, windows.ERROR_IO_PENDING):
		return false, nil
	}
	return false, err
}
