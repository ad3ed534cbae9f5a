//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package filelock

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// TryLock takes an advisory lock on f without waiting: exclusive or
// shared. It reports false when another open file holds a conflicting
// lock (in this process or another).
func TryLock(f *os.File, exclusive bool, _ Byte) (bool, error) {
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err := unix.Flock(int(f.Fd()), how|unix.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, unix.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, unix.EINTR):
			continue
		}
		return false, err
	}
}

// Unlock gives up f's lock.
func Unlock(f *os.File, _ Byte) error { return unix.Flock(int(f.Fd()), unix.LOCK_UN) }
